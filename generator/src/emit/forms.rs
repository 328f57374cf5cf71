//! The form structs of `src/operations.rs`: a typed `multipart/form-data` body
//! ([`crate::ir::FormPart`]s) is a struct with a field per part, built with `new` and `with_`
//! setters like the structs of `types.rs`, and `into_form`, which writes the parts in the spec's
//! order through the runtime's `FormWriter`. Printed beside the operation's request builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attr;
use super::{Emitter, ident};
use crate::ir::{FormPart, Operation, PartKind, Ty};
use crate::spectext;

impl Emitter<'_> {
    /// The struct of a typed `multipart/form-data` body: a field per part (`new` with the required
    /// ones, a `with_` setter per optional one, as for the structs in `types.rs`), and `into_form`,
    /// which writes the parts in order.
    pub(super) fn form(&self, op: &Operation) -> TokenStream {
        let (Some(name), Some(body)) = (&op.names.form, &op.body) else { return quote!() };
        let name = ident(name);
        let method = op.names.method.plain();
        let doc = doc_attr(&format!(
            "The `multipart/form-data` body of [`Client::{method}`](crate::Client::{method}): a part per field, \
             written in this order. Build it with `new` and the `with_` methods."
        ));
        let fields = body.parts.iter().map(|p| {
            let fname = p.name.ident();
            let ty = self.part_ty(p).0;
            let ty = if p.required { ty } else { quote!(Option<#ty>) };
            let mut text = p.doc.as_deref().map(spectext::markdown).unwrap_or_default();
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!("Part {}.", spectext::code(&p.wire)));
            let doc = doc_attr(&text);
            quote!(#doc pub #fname: #ty,)
        });
        let required: Vec<&FormPart> = body.parts.iter().filter(|p| p.required).collect();
        let params = required.iter().map(|p| {
            let fname = p.name.ident();
            let arg = self.part_ty(p).1;
            quote!(#fname: #arg)
        });
        let inits = body.parts.iter().map(|p| {
            let fname = p.name.ident();
            match (p.required, self.part_ty(p).2) {
                (false, _) => quote!(#fname: None,),
                (true, None) => quote!(#fname,),
                (true, Some(value)) => quote!(#fname: #value,),
            }
        });
        let setters = body.parts.iter().filter(|p| !p.required).map(|p| {
            let fname = p.name.ident();
            let setter = format_ident!("with_{}", p.name.plain());
            let (_, arg, value) = self.part_ty(p);
            let value = value.unwrap_or_else(|| quote!(#fname));
            let doc = doc_attr(&format!("Sets `{}`.", p.name.plain()));
            let lints = super::argument_lints(true, [p.name.raw()]);
            quote! {
                #doc
                #lints
                pub fn #setter(mut self, #fname: #arg) -> Self {
                    self.#fname = Some(#value);
                    self
                }
            }
        });
        let writes = body.parts.iter().map(|p| {
            let (fname, wire) = (p.name.ident(), &p.wire);
            let value = if p.required { quote!(self.#fname) } else { quote!(value) };
            let content_type = match &p.content_type {
                Some(c) => quote!(Some(#c)),
                None => quote!(None),
            };
            let step = match &p.kind {
                PartKind::Text(_) => quote!(form.text(#wire, &#value)?),
                PartKind::Texts(_) => quote!(form.texts(#wire, &#value)?),
                PartKind::Json(_) => {
                    let c = p.content_type.as_deref().unwrap_or("application/json");
                    quote!(form.json(#wire, &#value, #c)?)
                }
                PartKind::File => quote!(form.file(#wire, #value, #content_type)?),
                PartKind::Files => quote!(form.files(#wire, #value, #content_type)?),
            };
            if p.required { quote!(form = #step;) } else { quote!(if let Some(value) = self.#fname { form = #step; }) }
        });
        let allow = super::argument_lints(false, required.iter().map(|p| p.name.raw()));
        // A form without required parts derives `Default`, which `new` then is.
        let (derives, new_body) = if required.is_empty() {
            (quote!(#[derive(Debug, Default)]), quote!(Self::default()))
        } else {
            (quote!(#[derive(Debug)]), quote!(Self { #( #inits )* }))
        };
        quote! {
            #doc
            #derives
            #[non_exhaustive]
            pub struct #name {
                #( #fields )*
            }

            impl #name {
                /// With its required parts, the optional ones unset; the `with_` methods set them.
                #allow
                pub fn new(#( #params ),*) -> Self {
                    #new_body
                }

                #( #setters )*

                /// The form, its parts in the fields' order.
                fn into_form<E>(self) -> Result<::reqwest::multipart::Form, crate::ErrorKind<E>> {
                    let mut form = crate::runtime::FormWriter::new();
                    #( #writes )*
                    Ok(form.finish())
                }
            }
        }
    }

    /// A form field's type, its setter's (and `new`'s) argument type, and how the argument becomes
    /// the value when it is not the value itself (`None`).
    fn part_ty(&self, p: &FormPart) -> (TokenStream, TokenStream, Option<TokenStream>) {
        let fname = p.name.ident();
        match &p.kind {
            PartKind::Text(Ty::String) => (quote!(String), quote!(impl Into<String>), Some(quote!(#fname.into()))),
            PartKind::Text(ty) | PartKind::Json(ty) => {
                let ty = self.short_ty(ty);
                (ty.clone(), ty, None)
            }
            PartKind::Texts(ty) => {
                let ty = self.short_ty(ty);
                (quote!(Vec<#ty>), quote!(Vec<#ty>), None)
            }
            PartKind::File => (quote!(crate::FilePart), quote!(crate::FilePart), None),
            PartKind::Files => (quote!(Vec<crate::FilePart>), quote!(Vec<crate::FilePart>), None),
        }
    }
}

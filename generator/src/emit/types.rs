//! `src/types.rs`: the schemas as Rust types: structs (with hand-written `Serialize` and
//! `Deserialize`), open string enums, and unions, untagged or chosen by a discriminator.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{client_link, doc_attr, opt_doc};
use super::format::RustFile;
use super::{Emitter, ident};
use crate::ir::{Alternative, Field, Presence, Ty, TypeDef, TypeKind, Variant};
use crate::spectext;

impl Emitter<'_> {
    /// `src/types.rs`: every type of the API.
    pub(super) fn types(&self) -> RustFile<'_> {
        RustFile::new(|| {
            quote! {
                //! The schemas of the API, as Rust types. Structurally identical schemas share one type.
                //! Unknown fields in responses are ignored, so a server that adds a field breaks nothing.
            }
        })
        .items(self.api.types.len(), |i| self.type_def(&self.api.types[i]))
    }

    /// A type: a struct ([`Self::struct_def`]), an enum ([`Self::enum_def`]) or a union
    /// ([`Self::union_def`], [`Self::tagged_union_def`]).
    fn type_def(&self, t: &TypeDef) -> TokenStream {
        match &t.kind {
            TypeKind::Struct(fields) => self.struct_def(t, fields),
            TypeKind::Enum(variants) => self.enum_def(t, variants),
            TypeKind::Union { alternatives, tag: Some(property) } => self.tagged_union_def(t, alternatives, property),
            TypeKind::Union { alternatives, tag: None } => self.union_def(t, alternatives),
        }
    }

    /// A struct with its constructor, setters, `Serialize` and `Deserialize`.
    fn struct_def(&self, t: &TypeDef, fields: &[Field]) -> TokenStream {
        let name = ident(&t.name);
        let mut doc = t.doc.as_deref().map(spectext::markdown).unwrap_or_default();
        if !t.used_by.is_empty() {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str("Used by:");
            for u in &t.used_by {
                doc.push_str(&format!("\n- {}: {}", client_link(&u.method), u.role));
            }
        }
        let doc = opt_doc(Some(&doc));
        let default = if t.derives_default() { quote!(Default,) } else { quote!() };
        let field_items = fields.iter().map(|f| {
            let fname = f.name.ident();
            let mut inner = self.ty(&f.ty);
            if f.boxed {
                inner = quote!(::std::boxed::Box<#inner>);
            }
            let nullable = f.presence == Presence::OptionalNullable;
            let ty = match f.presence {
                Presence::Required => inner,
                Presence::Optional => quote!(::std::option::Option<#inner>),
                Presence::OptionalNullable => quote!(::std::option::Option<::std::option::Option<#inner>>),
            };
            let never_sent = t.never_sent(f);
            // A property without a description borrows the description of its type.
            let borrowed = || match &f.ty {
                Ty::Named(id) => self.api.ty(*id).doc.clone(),
                Ty::Vec(inner) => match inner.as_ref() {
                    Ty::Named(id) => self.api.ty(*id).doc.as_ref().map(|d| format!("A list of: {d}")),
                    _ => None,
                },
                _ => None,
            };
            let mut doc = f.doc.clone().or_else(borrowed).map(|d| spectext::markdown(&d)).unwrap_or_default();
            if nullable {
                if !doc.is_empty() {
                    doc.push_str("\n\n");
                }
                doc.push_str("`None`: absent; `Some(None)`: `null`.");
            }
            if never_sent {
                if !doc.is_empty() {
                    doc.push_str("\n\n");
                }
                doc.push_str("Read-only: set by the server and never sent.");
            }
            if f.read_default {
                if !doc.is_empty() {
                    doc.push_str("\n\n");
                }
                doc.push_str("Write-only: a response leaves it out, and it then reads as its default.");
            }
            let doc = opt_doc(Some(&doc));
            quote! {
                #doc
                pub #fname: #ty,
            }
        });
        // Deserialize is written out rather than derived: one call per field type-checks several
        // times faster than the visitor serde's derive writes for each struct (see runtime
        // `Object`). A field that cannot be read is `None` with its error kept: only required
        // fields need a `?`.
        let reads = fields.iter().map(|f| {
            let fname = f.name.ident();
            let wire = &f.wire;
            match f.presence {
                Presence::Required if f.read_default => quote!(#fname: object.defaulted(#wire)?,),
                Presence::Required => quote!(#fname: object.required(#wire)?,),
                Presence::Optional => quote!(#fname: object.optional(#wire),),
                Presence::OptionalNullable => quote!(#fname: object.nullable(#wire),),
            }
        });
        let object = if fields.is_empty() { quote!(_) } else { quote!(object) };
        let body = quote! {
            crate::runtime::Object::read(deserializer, |#object| ::std::option::Option::Some(Self { #( #reads )* }))
        };
        // Serialize is written out too: one statement per field into `runtime::ObjectWriter`
        // type-checks in a fraction of the time of serde's derive (its `?` per field, the length
        // sum, a wrapper type per `serialize_with`). A readOnly field of a body is never written;
        // an absent optional field is left out, and `Some(None)` of a nullable one is `null`.
        let writes: Vec<TokenStream> = fields
            .iter()
            .filter(|f| !t.never_sent(f))
            .map(|f| {
                let fname = f.name.ident();
                let wire = &f.wire;
                let write = if f.presence.is_required() { quote!(required) } else { quote!(optional) };
                quote!(object.#write(#wire, &self.#fname);)
            })
            .collect();
        let serialize = if writes.is_empty() {
            quote!(crate::runtime::ObjectWriter::write(serializer)?.end())
        } else {
            quote! {
                let mut object = crate::runtime::ObjectWriter::write(serializer)?;
                #( #writes )*
                object.end()
            }
        };
        let constructor = self.constructor(t, &name, fields);
        quote! {
            #doc
            #[derive(Clone, Debug, #default PartialEq)]
            #[non_exhaustive]
            pub struct #name {
                #( #field_items )*
            }

            #constructor

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #serialize
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #body
                }
            }
        }
    }

    /// `new` with the required fields, in the spec's order, and, for a type callers send, a `with_`
    /// setter per optional one. With the struct `#[non_exhaustive]`, this is how callers outside
    /// the crate build it, so a property the spec adds later as optional is a new setter, and their
    /// code compiles unchanged. A type only received (most of a large API's types) gets no setters:
    /// callers read it, and a test that builds one assigns its public fields after `new`; leaving
    /// them out keeps `cargo check` of a large crate fast.
    fn constructor(&self, t: &TypeDef, name: &Ident, fields: &[Field]) -> TokenStream {
        // A string argument takes `impl Into<String>` (a literal or a `String`); other types are
        // taken as they are, so `vec!["a".into()]` and `None` keep their inference. The value is
        // `None` when the argument is stored as it is.
        let argument = |f: &Field| -> (TokenStream, Option<TokenStream>) {
            let fname = f.name.ident();
            let (ty, value) = match f.ty {
                Ty::String | Ty::Text => {
                    (quote!(impl ::std::convert::Into<::std::string::String>), Some(quote!(#fname.into())))
                }
                _ => (self.ty(&f.ty), None),
            };
            let value = match value {
                _ if !f.boxed => value,
                Some(v) => Some(quote!(::std::boxed::Box::new(#v))),
                None => Some(quote!(::std::boxed::Box::new(#fname))),
            };
            (ty, value)
        };
        let required: Vec<&Field> = fields.iter().filter(|f| f.in_new()).collect();
        let params = required.iter().map(|f| {
            let fname = f.name.ident();
            let (ty, _) = argument(f);
            quote!(#fname: #ty)
        });
        let inits = fields.iter().map(|f| {
            let fname = f.name.ident();
            match (f.presence.is_required(), argument(f).1) {
                (true, _) if f.defaulted => quote!(#fname: ::std::default::Default::default(),),
                (false, _) => quote!(#fname: ::std::option::Option::None,),
                // The shorthand `field,` (clippy's `redundant_field_names`).
                (true, None) => quote!(#fname,),
                (true, Some(value)) => quote!(#fname: #value,),
            }
        });
        let allow = super::argument_lints(false, required.iter().map(|f| f.name.raw()));
        let setters = fields.iter().filter(|f| t.has_setter(f)).map(|f| {
            let fname = f.name.ident();
            let setter = f.setter.ident();
            let (ty, value) = match f.presence {
                // `null` is a value of its own: the setter takes the `Option`.
                Presence::OptionalNullable => {
                    let inner = self.ty(&f.ty);
                    let value = if f.boxed { quote!(#fname.map(::std::boxed::Box::new)) } else { quote!(#fname) };
                    (quote!(::std::option::Option<#inner>), value)
                }
                _ => {
                    let (ty, value) = argument(f);
                    (ty, value.unwrap_or_else(|| quote!(#fname)))
                }
            };
            let doc = doc_attr(&format!("Sets `{}`.", f.name.plain()));
            let lints = super::argument_lints(true, [f.name.raw()]);
            quote! {
                #doc
                #lints
                pub fn #setter(mut self, #fname: #ty) -> Self {
                    self.#fname = ::std::option::Option::Some(#value);
                    self
                }
            }
        });
        // A struct without arguments to `new` derives `Default`, which `new` then is.
        let defaulted: Vec<String> =
            fields.iter().filter(|f| f.defaulted).map(|f| format!("`{}`", f.name.plain())).collect();
        let (unset, body) = if required.is_empty() {
            let unset = if defaulted.is_empty() { "With every field unset" } else { "With every field at its default" };
            (unset, quote!(::std::default::Default::default()))
        } else {
            ("With its required fields, the optional ones unset", quote!(Self { #( #inits )* }))
        };
        let mut doc = if fields.iter().any(|f| t.has_setter(f)) {
            format!("{unset}; the `with_` methods set them.")
        } else {
            format!("{unset}.")
        };
        if !defaulted.is_empty() {
            doc.push_str(&format!(
                " Read-only fields are never sent; `new` leaves them at their default: {}.",
                defaulted.join(", ")
            ));
        }
        let doc = doc_attr(&doc);
        quote! {
            impl #name {
                #doc
                #allow
                pub fn new(#( #params ),*) -> Self {
                    #body
                }

                #( #setters )*
            }
        }
    }

    /// A `oneOf`/`anyOf` without a discriminator: an untagged enum whose members are tried in
    /// order, and `Other` keeping any JSON that matches none, so decoding never fails on it.
    fn union_def(&self, t: &TypeDef, alternatives: &[Alternative]) -> TokenStream {
        let name = ident(&t.name);
        let mut doc = t.doc.as_deref().map(spectext::markdown).unwrap_or_default();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(
            "One of several shapes, tried in order; a value matching none is kept in `Other`. Non-exhaustive: a \
             shape the spec adds later is a new variant.",
        );
        doc.push_str(&used_by_lines(t));
        let doc = doc_attr(&doc);
        let variants = alternatives.iter().map(|a| {
            let v = ident(&a.name);
            let ty = self.ty(&a.ty);
            quote!(#v(#ty),)
        });
        let other = if alternatives.iter().any(|a| a.ty == Ty::Json) {
            quote!()
        } else {
            quote! {
                /// A value that matches none of the documented shapes.
                Other(::serde_json::Value),
            }
        };
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #( #variants )*
                #other
            }
        }
    }

    /// A union with a discriminator: the tag property's value picks the member; an unknown value
    /// is kept in `Other`. Members keep their own types (the tag stays one of their fields if the
    /// spec says so), and serialising adds the tag when a member's type does not carry it.
    fn tagged_union_def(&self, t: &TypeDef, alternatives: &[Alternative], property: &str) -> TokenStream {
        let name = ident(&t.name);
        let mut doc = t.doc.as_deref().map(spectext::markdown).unwrap_or_default();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        let shown = spectext::code(property);
        doc.push_str(&format!(
            "Chosen by the {shown} property; a value this client does not know is kept in `Other`. Non-exhaustive: \
             a member the spec adds later is a new variant."
        ));
        doc.push_str(&used_by_lines(t));
        let doc = doc_attr(&doc);
        let variants: Vec<Ident> = alternatives.iter().map(|a| ident(&a.name)).collect();
        let tys: Vec<TokenStream> = alternatives.iter().map(|a| self.ty(&a.ty)).collect();
        let variant_docs = alternatives.iter().map(|a| {
            doc_attr(&format!(
                "{shown}: {}",
                a.tags.iter().map(|t| spectext::code(&format!("{t:?}"))).collect::<Vec<_>>().join(", ")
            ))
        });
        let first_tags: Vec<&String> = alternatives.iter().map(|a| a.tags.first().unwrap_or(&a.name)).collect();
        let other_doc = doc_attr(&format!("A value whose {shown} this client does not know."));
        let arms = alternatives.iter().zip(&variants).map(|(a, v)| {
            let tags = &a.tags;
            quote!(::std::option::Option::Some(#( #tags )|*) => ::serde_json::from_value(value).map(Self::#v).map_err(::serde::de::Error::custom),)
        });
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #variants(#tys), )*
                #other_doc
                Other(::serde_json::Value),
            }

            impl #name {
                /// The discriminator property.
                pub const TAG: &'static str = #property;
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    let (tag, value) = match self {
                        #( Self::#variants(v) => (#first_tags, ::serde_json::to_value(v).map_err(::serde::ser::Error::custom)?), )*
                        Self::Other(v) => return ::serde::Serialize::serialize(v, serializer),
                    };
                    let mut value = value;
                    if let ::serde_json::Value::Object(map) = &mut value {
                        map.entry(Self::TAG).or_insert_with(|| ::serde_json::Value::String(tag.to_owned()));
                    }
                    ::serde::Serialize::serialize(&value, serializer)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let tag = value.get(Self::TAG).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                    match tag.as_deref() {
                        #( #arms )*
                        _ => ::std::result::Result::Ok(Self::Other(value)),
                    }
                }
            }
        }
    }

    /// An open string enum: the known values, plus `Other` for values the spec does not list, so a
    /// server that adds a value breaks no deployed client.
    fn enum_def(&self, t: &TypeDef, variants: &[Variant]) -> TokenStream {
        let name = ident(&t.name);
        let mut doc = t.doc.as_deref().map(spectext::markdown).unwrap_or_default();
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(
            "An open enum: a value the spec does not list is kept in `Other`. Non-exhaustive: a value the spec \
             lists later is a new variant.",
        );
        doc.push_str(&used_by_lines(t));
        let doc = doc_attr(&doc);
        let wires: Vec<&String> = variants.iter().map(|v| &v.wire).collect();
        let variants: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
        let variant_docs = wires.iter().map(|w| doc_attr(&spectext::code(&format!("{w:?}"))));
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #( #variant_docs #variants, )*
                /// A value this client does not know.
                Other(::std::string::String),
            }

            impl #name {
                /// The value as sent on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #wires, )*
                        Self::Other(value) => value,
                    }
                }
            }

            impl ::std::convert::From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #( #wires => Self::#variants, )*
                        other => Self::Other(other.to_owned()),
                    }
                }
            }

            impl ::std::fmt::Display for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                    ::std::result::Result::Ok(Self::from(value.as_ref()))
                }
            }
        }
    }
}

/// `- Used by [Client::m](...): role` lines of an enum's or union's docs, one per use.
fn used_by_lines(t: &TypeDef) -> String {
    t.used_by.iter().map(|u| format!("\n- Used by {}: {}", client_link(&u.method), u.role)).collect()
}

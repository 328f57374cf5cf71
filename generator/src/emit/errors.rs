//! `src/errors.rs`: one enum per operation of the error responses it documents, and the match
//! arms and values that `operations.rs` builds them with.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs::{client_link, doc_attr};
use super::responses::{has_status_field, status_pattern};
use super::{Emitter, ident, mentions_type, types_import};
use crate::ir::{ErrorCase, Operation, StatusMatch, Ty};
use crate::spectext;

impl Emitter<'_> {
    /// `src/errors.rs`: an error enum per operation.
    pub(super) fn errors(&self) -> TokenStream {
        let enums = self.api.operations.iter().map(|op| self.error_enum(op));
        let uses_types =
            self.api.operations.iter().flat_map(|o| &o.errors).any(|e| e.ty.as_ref().is_some_and(mentions_type));
        let types_import = types_import(uses_types);
        let fmt_import = if self.api.operations.is_empty() {
            quote!()
        } else {
            quote!(
                use ::std::fmt;
            )
        };
        quote! {
            //! One enum per operation of the error responses it documents: one variant per status, and
            //! `Other` for the spec's `default` response.

            #fmt_import

            #types_import

            #( #enums )*
        }
    }

    /// An operation's error enum, with its `Display` and its `OperationError::status`.
    fn error_enum(&self, op: &Operation) -> TokenStream {
        let name = ident(&op.names.error);
        let method = &op.names.method;
        let doc = doc_attr(&format!(
            "The documented error responses of {}. Non-exhaustive: a status the spec documents later is a new \
             variant.",
            client_link(method)
        ));
        let variants =
            op.errors.iter().map(|c| self.status_variant(&c.variant, &c.status, c.doc.as_deref(), c.ty.as_ref()));
        let statuses = op.errors.iter().map(|c| {
            let v = ident(&c.variant);
            match (&c.status, has_status_field(&c.status), &c.ty) {
                (StatusMatch::Code(code), false, None) => {
                    let code = Literal::u16_unsuffixed(*code);
                    quote!(Self::#v => #code,)
                }
                (StatusMatch::Code(code), false, Some(_)) => {
                    let code = Literal::u16_unsuffixed(*code);
                    quote!(Self::#v(_) => #code,)
                }
                _ => quote!(Self::#v { status, .. } => *status,),
            }
        });
        let displays = op.errors.iter().map(|c| {
            let v = ident(&c.variant);
            let what = c.doc.as_deref().map_or_else(|| "error response".into(), spectext::runtime);
            let pattern = match (has_status_field(&c.status), &c.ty) {
                (false, None) => quote!(Self::#v),
                (false, Some(_)) => quote!(Self::#v(_)),
                (true, _) => quote!(Self::#v { .. }),
            };
            quote!(#pattern => #what,)
        });
        let body = if op.errors.is_empty() {
            quote! {
                impl fmt::Display for #name {
                    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                        match *self {}
                    }
                }
                impl crate::OperationError for #name {
                    fn status(&self) -> u16 {
                        match *self {}
                    }
                }
            }
        } else {
            quote! {
                impl fmt::Display for #name {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        let status = crate::OperationError::status(self);
                        let what = match self {
                            #( #displays )*
                        };
                        write!(f, "{status}: {what}")
                    }
                }
                impl crate::OperationError for #name {
                    fn status(&self) -> u16 {
                        match self {
                            #( #statuses )*
                        }
                    }
                }
            }
        };
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #( #variants )*
            }

            #body

            impl ::std::error::Error for #name {}
        }
    }
}

/// A documented error's text or binary body: its start, as errors keep no more (`None` for no
/// body or JSON).
pub(super) fn error_raw_body(ty: Option<&Ty>) -> Option<TokenStream> {
    match ty {
        Some(Ty::Text) => Some(quote!(response.error_text())),
        Some(Ty::Bytes) => Some(quote!(response.error_bytes())),
        _ => None,
    }
}

/// The match arm of one documented error status.
pub(super) fn error_arm(error: &Ident, case: &ErrorCase) -> TokenStream {
    let pattern = match &case.status {
        StatusMatch::Default => quote!(status),
        other => {
            let p = status_pattern(other);
            if has_status_field(other) { quote!(status @ #p) } else { p }
        }
    };
    let value = error_value(error, case);
    quote!(#pattern => Err(#value),)
}

/// The error of one documented error status (`status` is bound when its variant keeps it).
pub(super) fn error_value(error: &Ident, case: &ErrorCase) -> TokenStream {
    let v = ident(&case.variant);
    match (has_status_field(&case.status), &case.ty, error_raw_body(case.ty.as_ref())) {
        (false, None, _) => quote!(Error::Api(#error::#v)),
        (false, Some(_), Some(raw)) => quote!(Error::Api(#error::#v(#raw))),
        (false, Some(_), None) => quote!(response.error(#error::#v)),
        (true, None, _) => quote!(Error::Api(#error::#v { status })),
        (true, Some(_), Some(raw)) => quote!(Error::Api(#error::#v { status, body: #raw })),
        (true, Some(_), None) => quote!(response.error(|body| #error::#v { status, body })),
    }
}

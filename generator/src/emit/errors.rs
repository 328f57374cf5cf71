//! `src/errors.rs`: the error enums ([`crate::ir::ErrorEnum`], one per set of documented error
//! responses, shared by the operations that document the same ones), each reading its statuses
//! from a response (`FromResponse`), and an alias per operation that shares an earlier one's.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{client_link, doc_attr, series};
use super::format::RustFile;
use super::responses::{has_status_field, status_pattern};
use super::{Emitter, ident, mentions_type, types_import};
use crate::ir::{ErrorCase, ErrorEnum, Operation, StatusMatch, Ty};
use crate::spectext;

impl Emitter<'_> {
    /// `src/errors.rs`: per operation, in order, its error enum, or an alias when an earlier
    /// operation documents the same error responses.
    pub(super) fn errors(&self) -> RustFile<'_> {
        let api = self.api;
        let uses_types =
            api.error_enums.iter().flat_map(|e| &e.cases).any(|e| e.ty.as_ref().is_some_and(mentions_type));
        let head = move || {
            let types_import = types_import(uses_types);
            let imports = if api.operations.is_empty() {
                quote!()
            } else {
                quote!(
                    use ::std::fmt;
                    use crate::ErrorKind;
                    use crate::runtime::{FromResponse, RawResponse};
                )
            };
            quote! {
                //! The documented error responses: one enum per set of them, with a variant per
                //! status and `Other` for the spec's `default` response. Operations that document the
                //! same responses share an enum generic over a marker (in `markers`): each has its own
                //! type, an alias of the enum with its marker, for one enum's code.

                #imports

                #types_import
            }
        };
        // Per operation, in order: its enum, or, shared, the enum before its first user's alias.
        let item = |i: usize| {
            let op = &api.operations[i];
            let shared = &api.error_enums[op.error_enum];
            match &op.names.marker {
                None => self.error_enum(shared),
                Some(marker) if shared.operations[0].index() == i => {
                    let alias = alias(op, shared, marker);
                    let generic = self.error_enum(shared);
                    quote!(#generic #alias)
                }
                Some(marker) => alias(op, shared, marker),
            }
        };
        let file = RustFile::new(head).items(api.operations.len(), item);
        // The markers of the operations that share an error enum.
        let marked: Vec<&Operation> = api.operations.iter().filter(|op| op.names.marker.is_some()).collect();
        if marked.is_empty() {
            return file;
        }
        let open = || {
            quote! {
                /// The markers of the operations that share an error enum: each operation's error type is
                /// the enum with its marker, a type of its own.
                pub mod markers
            }
        };
        file.block(open, marked.len(), move |i| marker(marked[i]))
    }

    /// An error enum, with its `Display`, its `OperationError::status` and the reading of its
    /// statuses from a response; shared by several operations, generic over the operation's
    /// marker, with a hidden variant that holds it and can never be made.
    fn error_enum(&self, shared: &ErrorEnum) -> TokenStream {
        let name = ident(&shared.name);
        let cases = &shared.cases;
        // Shared: the error name of its first operation (an alias of it), for the docs.
        let first = (shared.operations.len() > 1).then(|| &self.api.operations[shared.operations[0]].names.error);
        // The first few operations by name, the rest counted: each has its alias, with docs of
        // its own, below the enum (an enum shared by thousands would otherwise have a doc line of
        // thousands of links).
        let named: Vec<String> = shared
            .operations
            .iter()
            .take(NAMED_USERS)
            .map(|&i| client_link(&self.api.operations[i].names.method))
            .collect();
        let users = match shared.operations.len() - named.len() {
            0 => series(&named),
            more => format!("{} and {more} other operations", named.join(", ")),
        };
        let doc = doc_attr(&match first {
            None => format!(
                "The documented error responses of {users}. Non-exhaustive: a status the spec documents later is a \
                 new variant."
            ),
            Some(first) => format!(
                "The documented error responses of {users}, each operation's its own type: an alias with its \
                 marker ([`{first}`] and the others below). Non-exhaustive: a status the spec documents later is a \
                 new variant."
            ),
        });
        let (generics, bounded, marker_variant, never_arm) = match first {
            None => (quote!(), quote!(), quote!(), quote!()),
            Some(_) => (
                quote!(<Op>),
                quote!(<Op: fmt::Debug>),
                quote! {
                    /// Holds the operation's marker; never made.
                    #[doc(hidden)]
                    __Operation(::std::marker::PhantomData<Op>, ::std::convert::Infallible),
                },
                quote!(Self::__Operation(_, never) => match *never {},),
            ),
        };
        let variants =
            cases.iter().map(|c| self.status_variant(&c.variant, &c.status, c.doc.as_deref(), c.ty.as_ref()));
        let statuses = cases.iter().map(|c| {
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
        let displays = cases.iter().map(|c| {
            let v = ident(&c.variant);
            let what = c.doc.as_deref().map_or_else(|| "error response".into(), spectext::runtime);
            let pattern = match (has_status_field(&c.status), &c.ty) {
                (false, None) => quote!(Self::#v),
                (false, Some(_)) => quote!(Self::#v(_)),
                (true, _) => quote!(Self::#v { .. }),
            };
            quote!(#pattern => #what,)
        });
        let body = if cases.is_empty() {
            // No value to show: an empty enum, or only the marker's variant, which is never made.
            let unreachable = if first.is_some() { quote!(match self { #never_arm }) } else { quote!(match *self {}) };
            quote! {
                impl #bounded fmt::Display for #name #generics {
                    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                        #unreachable
                    }
                }
                impl #bounded crate::OperationError for #name #generics {
                    fn status(&self) -> u16 {
                        #unreachable
                    }
                }
            }
        } else {
            quote! {
                impl #bounded fmt::Display for #name #generics {
                    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        let status = crate::OperationError::status(self);
                        let what = match self {
                            #( #displays )*
                            #never_arm
                        };
                        write!(f, "{status}: {what}")
                    }
                }
                impl #bounded crate::OperationError for #name #generics {
                    fn status(&self) -> u16 {
                        match self {
                            #( #statuses )*
                            #never_arm
                        }
                    }
                }
            }
        };
        let read = from_response(cases);
        quote! {
            #doc
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name #generics {
                #( #variants )*
                #marker_variant
            }

            #body

            impl #bounded ::std::error::Error for #name #generics {}

            impl #generics FromResponse for #name #generics {
                fn from_response(response: RawResponse) -> ErrorKind<Self> {
                    #read
                }
            }
        }
    }
}

/// How many of the operations that share an error enum its docs name.
const NAMED_USERS: usize = 8;

/// `<Operation>Error` of an operation that shares its enum: the enum with its marker.
fn alias(op: &Operation, shared: &ErrorEnum, marker: &str) -> TokenStream {
    let name = ident(&op.names.error);
    let target = ident(&shared.name);
    let marker = ident(marker);
    let doc = doc_attr(&format!(
        "The documented error responses of {}: [`{}`], which it shares with other operations.",
        client_link(&op.names.method),
        shared.name,
    ));
    quote! {
        #doc
        pub type #name = #target<markers::#marker>;
    }
}

/// The marker of an operation that shares its error enum.
fn marker(op: &Operation) -> TokenStream {
    let marker = op.names.marker.as_ref().map(|m| ident(m));
    let doc = doc_attr(&format!("Marks the error type of {}.", client_link(&op.names.method)));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum #marker {}
    }
}

/// The body of `FromResponse::from_response`: the error by status (an enum without `default`
/// has an unexpected status for the others).
fn from_response(cases: &[ErrorCase]) -> TokenStream {
    let this = quote!(Self);
    match cases {
        [] => quote!(response.unexpected()),
        [only] if only.status == StatusMatch::Default => {
            let value = error_value(&this, only);
            quote! {
                let status = response.status;
                #value
            }
        }
        _ => {
            let arms = cases.iter().map(|case| error_arm(&this, case));
            let rest = if cases.iter().any(|c| c.status == StatusMatch::Default) {
                quote!()
            } else {
                quote!(_ => response.unexpected(),)
            };
            quote! {
                match response.status {
                    #( #arms )*
                    #rest
                }
            }
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
fn error_arm(error: &TokenStream, case: &ErrorCase) -> TokenStream {
    let pattern = match &case.status {
        StatusMatch::Default => quote!(status),
        other => {
            let p = status_pattern(other);
            if has_status_field(other) { quote!(status @ #p) } else { p }
        }
    };
    let value = error_value(error, case);
    quote!(#pattern => #value,)
}

/// The error of one documented error status (`status` is bound when its variant keeps it).
fn error_value(error: &TokenStream, case: &ErrorCase) -> TokenStream {
    let v = ident(&case.variant);
    match (has_status_field(&case.status), &case.ty, error_raw_body(case.ty.as_ref())) {
        (false, None, _) => quote!(ErrorKind::Api(#error::#v)),
        (false, Some(_), Some(raw)) => quote!(ErrorKind::Api(#error::#v(#raw))),
        (false, Some(_), None) => quote!(response.error(#error::#v)),
        (true, None, _) => quote!(ErrorKind::Api(#error::#v { status })),
        (true, Some(_), Some(raw)) => quote!(ErrorKind::Api(#error::#v { status, body: #raw })),
        (true, Some(_), None) => quote!(response.error(|body| #error::#v { status, body })),
    }
}

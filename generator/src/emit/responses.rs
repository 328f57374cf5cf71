//! `src/responses.rs`: the success enums of operations whose success statuses carry different
//! bodies, and the structs of documented response headers; with the status patterns and match
//! arms that `operations.rs` reads a response with.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::docs::{client_link, doc_attr};
use super::{Emitter, ident, mentions_type, types_import};
use crate::ir::{StatusMatch, Ty};
use crate::spectext;

impl Emitter<'_> {
    /// The variant of a documented status, in a success enum or an error enum: named `variant`,
    /// documented with the status and the response's description, keeping the status when it
    /// matches many (a range, `default`) and the body when there is one.
    pub(super) fn status_variant(
        &self,
        variant: &str,
        status: &StatusMatch,
        doc: Option<&str>,
        body: Option<&Ty>,
    ) -> TokenStream {
        let v = ident(variant);
        let doc = doc_attr(&format!(
            "{}{}",
            status_label(status),
            doc.map(|d| format!(": {}", spectext::markdown(d))).unwrap_or_default()
        ));
        let body = body.map(|t| self.short_ty(t));
        match (has_status_field(status), body) {
            (false, None) => quote!(#doc #v,),
            (false, Some(body)) => quote!(#doc #v(#body),),
            (true, None) => quote!(#doc #v { status: u16 },),
            (true, Some(body)) => quote!(#doc #v { status: u16, body: #body },),
        }
    }

    /// The success enums of operations whose success statuses have different bodies.
    pub(super) fn responses(&self) -> TokenStream {
        let enums = self.api.operations.iter().filter_map(|op| {
            let name = ident(op.names.success.as_ref()?);
            let doc = doc_attr(&format!("The documented successful responses of {}.", client_link(&op.names.method)));
            let variants = op.success.iter().filter_map(|s| {
                Some(self.status_variant(s.variant.as_deref()?, &s.status, s.doc.as_deref(), s.ty.as_ref()))
            });
            Some(quote! {
                #doc
                #[derive(Clone, Debug, PartialEq)]
                pub enum #name {
                    #( #variants )*
                }
            })
        });
        let uses_types = self
            .api
            .operations
            .iter()
            .filter(|o| o.names.success.is_some())
            .any(|o| o.success.iter().any(|s| s.ty.as_ref().is_some_and(mentions_type)));
        let types_import = types_import(uses_types);
        let headers = self.api.operations.iter().filter_map(|op| Some((op, op.names.headers.as_ref()?))).map(|(op, name)| {
            let name = ident(name);
            let doc = doc_attr(&format!("The headers documented for the successful responses of {}; `None` when absent or not of the documented type.", client_link(&op.names.method)));
            let fields = op.response_headers.iter().map(|h| {
                let f = h.name.ident();
                let ty = self.short_ty(&h.ty);
                let doc = doc_attr(&format!("{}{}", spectext::code(&h.wire), h.doc.as_deref().map(|d| format!(": {}", spectext::markdown(d))).unwrap_or_default()));
                quote!(#doc pub #f: Option<#ty>,)
            });
            let reads = op.response_headers.iter().map(|h| {
                let f = h.name.ident();
                let wire = &h.wire;
                let parse = if h.ty == Ty::String { quote!(.map(str::to_owned)) } else { quote!(.and_then(|v| v.trim().parse().ok())) };
                quote!(#f: headers.get(#wire).and_then(|v| v.to_str().ok()) #parse,)
            });
            quote! {
                #doc
                #[derive(Clone, Debug, Default, PartialEq)]
                pub struct #name {
                    #( #fields )*
                }

                impl #name {
                    pub(crate) fn read(headers: &::reqwest::header::HeaderMap) -> Self {
                        Self { #( #reads )* }
                    }
                }
            }
        });
        quote! {
            //! What some operations return besides their body: success enums for operations whose
            //! success statuses carry different bodies, and documented response headers.

            #types_import

            #( #enums )*

            #( #headers )*
        }
    }
}

/// A text or binary body as read from the response (they cannot fail to decode); `None` for
/// no body or JSON.
pub(super) fn raw_body(ty: Option<&Ty>) -> Option<TokenStream> {
    match ty {
        Some(Ty::Text) => Some(quote!(response.text())),
        Some(Ty::Bytes) => Some(quote!(response.bytes())),
        _ => None,
    }
}

/// The match arm of one success status of an operation with a success enum (none for a status
/// without a variant, which such an operation does not have).
pub(super) fn success_arm(name: &Ident, s: &crate::ir::Success) -> Option<TokenStream> {
    let v = ident(s.variant.as_deref()?);
    let ranged = has_status_field(&s.status);
    let pattern = if ranged {
        let p = status_pattern(&s.status);
        quote!(status @ #p)
    } else {
        status_pattern(&s.status)
    };
    // Text and bytes cannot fail; JSON is decoded, then wrapped.
    let value = match (ranged, &s.ty, raw_body(s.ty.as_ref())) {
        (false, None, _) => quote!(Ok(crate::responses::#name::#v)),
        (false, Some(_), Some(raw)) => quote!(Ok(crate::responses::#name::#v(#raw))),
        (false, Some(_), None) => quote!(response.json().map(crate::responses::#name::#v)),
        (true, None, _) => quote!(Ok(crate::responses::#name::#v { status })),
        (true, Some(_), Some(raw)) => quote!(Ok(crate::responses::#name::#v { status, body: #raw })),
        (true, Some(_), None) => quote!(response.json().map(|body| crate::responses::#name::#v { status, body })),
    };
    Some(quote!(#pattern => #value,))
}

/// A documented status as its docs show it: `` `404` ``, `` `5XX` `` or the `default` wording.
pub(super) fn status_label(status: &StatusMatch) -> String {
    match status {
        StatusMatch::Code(c) => format!("`{c}`"),
        StatusMatch::Range(c) => format!("`{c}XX`"),
        StatusMatch::Default => "any other status (`default`)".to_owned(),
    }
}

/// Whether an error variant keeps the status (ranges and `default` match many).
pub(super) fn has_status_field(status: &StatusMatch) -> bool {
    !matches!(status, StatusMatch::Code(_))
}

/// The match pattern of a status: `404`, `500..=599`, or `_` for `default`.
/// The pattern of several statuses read alike (`200..=202 | 204`): runs of three or more
/// consecutive codes as one range, as clippy's `manual_range_patterns` asks.
pub(super) fn statuses_pattern<'s>(statuses: impl IntoIterator<Item = &'s StatusMatch>) -> TokenStream {
    let statuses: Vec<&StatusMatch> = statuses.into_iter().collect();
    let mut pats = Vec::new();
    let mut i = 0;
    while i < statuses.len() {
        let mut j = i;
        while let (StatusMatch::Code(a), Some(StatusMatch::Code(b))) = (statuses[j], statuses.get(j + 1)) {
            if *b != a + 1 {
                break;
            }
            j += 1;
        }
        match (statuses[i], statuses[j]) {
            (StatusMatch::Code(lo), StatusMatch::Code(hi)) if j >= i + 2 => {
                let (lo, hi) = (Literal::u16_unsuffixed(*lo), Literal::u16_unsuffixed(*hi));
                pats.push(quote!(#lo..=#hi));
                i = j + 1;
            }
            (one, _) => {
                pats.push(status_pattern(one));
                i += 1;
            }
        }
    }
    quote!(#( #pats )|*)
}

pub(super) fn status_pattern(status: &StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(c) => {
            let c = Literal::u16_unsuffixed(*c);
            quote!(#c)
        }
        StatusMatch::Range(r) => {
            let lo = Literal::u16_unsuffixed(r * 100);
            let hi = Literal::u16_unsuffixed(r * 100 + 99);
            quote!(#lo..=#hi)
        }
        StatusMatch::Default => quote!(_),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_three_or_more_codes_are_one_range() {
        let pattern = |statuses: &[StatusMatch]| statuses_pattern(statuses).to_string().replace(' ', "");
        let codes = |c: &[u16]| c.iter().map(|c| StatusMatch::Code(*c)).collect::<Vec<_>>();
        assert_eq!(pattern(&codes(&[200, 201, 202, 204])), "200..=202|204");
        assert_eq!(pattern(&codes(&[200, 201])), "200|201");
        assert_eq!(pattern(&codes(&[200, 202, 203, 204, 205])), "200|202..=205");
        assert_eq!(pattern(&[StatusMatch::Code(200), StatusMatch::Range(2)]), "200|200..=299");
    }
}

//! The credentials in `src/client.rs`: per security scheme, a field of the client (a ready header
//! value or the secret) and of the builder (the secret), the builder's setter, the step of `build`
//! that turns the secret into what is sent; the `Scheme` enum and `Client::authorize`, which adds
//! the credentials of an operation's first configured alternative; and `Client::new`, when one
//! credential and the default server are all a client needs ([`simple_constructor`]).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{api_key_place, doc_attr};
use super::{Emitter, ident};
use crate::ir::{Api, ApiKeyIn, AuthKind, AuthScheme};
use crate::spectext;

/// The parts of `client.rs` that the security schemes make, each a list in the schemes' order.
pub(super) struct Auth<'a> {
    /// Per scheme, the name of its fields in the client and the builder (its setter's name).
    pub(super) fields: Vec<Ident>,
    /// The client's fields: a ready header value, or the secret.
    pub(super) client_fields: Vec<TokenStream>,
    /// The builder's fields: the secret.
    pub(super) builder_fields: Vec<TokenStream>,
    /// What `Debug` shows of the fields of the client and the builder: `<redacted>` when set.
    pub(super) debug_fields: Vec<TokenStream>,
    /// The builder's setters.
    pub(super) setters: Vec<TokenStream>,
    /// The steps of `ClientBuilder::build` that make the client's fields.
    pub(super) builds: Vec<TokenStream>,
    /// `Scheme` and `Client::authorize`, when there are schemes.
    pub(super) items: TokenStream,
    /// `Client::new`, when [`simple_constructor`] allows it.
    pub(super) new_fn: TokenStream,
    /// The redirect policy of the HTTP client `build` makes, when a scheme needs one.
    pub(super) redirect: TokenStream,
    /// The API keys sent in the query, which errors must not show with their URL.
    pub(super) secret_query: Vec<&'a str>,
}

/// The scheme whose credential `Client::new(credential)` takes: there is one, it is a single
/// value (not a user name and password), and the spec names a default server.
pub(super) fn simple_constructor(api: &Api) -> Option<&AuthScheme> {
    match (api.auth.as_slice(), api.default_base_url.is_some()) {
        ([only], true) if only.kind != AuthKind::Basic => Some(only),
        _ => None,
    }
}

impl<'a> Emitter<'a> {
    /// The credentials' parts of `client.rs`.
    pub(super) fn auth(&self) -> Auth<'a> {
        let schemes = &self.api.auth;
        let fields: Vec<Ident> = schemes.iter().map(|s| ident(&s.setter)).collect();
        // Client: one field per scheme, holding a ready header value or the secret.
        let client_fields = schemes
            .iter()
            .zip(&fields)
            .map(|(s, f)| match &s.kind {
                AuthKind::Token { .. } | AuthKind::ApiKey { location: ApiKeyIn::Header | ApiKeyIn::Cookie, .. } => {
                    quote!(#f: Option<::reqwest::header::HeaderValue>,)
                }
                AuthKind::ApiKey { location: ApiKeyIn::Query, .. } => quote!(#f: Option<crate::runtime::Secret>,),
                AuthKind::Basic => quote!(#f: Option<(crate::runtime::Secret, Option<crate::runtime::Secret>)>,),
            })
            .collect();
        let builder_fields = schemes
            .iter()
            .zip(&fields)
            .map(|(s, f)| match &s.kind {
                AuthKind::Basic => quote!(#f: Option<(crate::runtime::Secret, Option<crate::runtime::Secret>)>,),
                _ => quote!(#f: Option<crate::runtime::Secret>,),
            })
            .collect();
        let debug_fields = fields
            .iter()
            .map(|f| {
                let name = syn::ext::IdentExt::unraw(f).to_string();
                quote!(.field(#name, &self.#f.as_ref().map(|_| "<redacted>")))
            })
            .collect();
        // An API key in a header of its own must not follow a redirect to another origin.
        let redirect = if schemes.iter().any(|s| matches!(s.kind, AuthKind::ApiKey { location: ApiKeyIn::Header, .. }))
        {
            quote!(.redirect(crate::runtime::same_origin_redirects()))
        } else {
            quote!()
        };
        let secret_query = schemes
            .iter()
            .filter_map(|s| match &s.kind {
                AuthKind::ApiKey { location: ApiKeyIn::Query, name } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        Auth {
            client_fields,
            builder_fields,
            debug_fields,
            setters: schemes.iter().zip(&fields).map(|(s, f)| setter(s, f)).collect(),
            builds: schemes.iter().zip(&fields).map(|(s, f)| build_step(s, f)).collect(),
            items: self.scheme_items(&fields),
            new_fn: new_fn(self.api),
            redirect,
            secret_query,
            fields,
        }
    }

    /// `Scheme`, and `Client::authorize`, which adds the credentials of the first configured
    /// alternative; nothing when the API has no schemes.
    fn scheme_items(&self, fields: &[Ident]) -> TokenStream {
        let schemes = &self.api.auth;
        if schemes.is_empty() {
            return quote!();
        }
        let variants: Vec<Ident> = schemes.iter().map(|s| ident(&s.field)).collect();
        let applies = schemes.iter().zip(fields.iter().zip(&variants)).map(|(s, (f, v))| {
            let add = match &s.kind {
                AuthKind::Token { .. } => quote!(request.header(::reqwest::header::AUTHORIZATION, value.clone())),
                // reqwest encodes the pair and marks the header sensitive.
                AuthKind::Basic => quote!(request.basic_auth(value.0.expose(), value.1.as_ref().map(|p| p.expose()))),
                AuthKind::ApiKey { location: ApiKeyIn::Header, name } => quote!(request.header(#name, value.clone())),
                AuthKind::ApiKey { location: ApiKeyIn::Cookie, .. } => {
                    quote!(request.header(::reqwest::header::COOKIE, value.clone()))
                }
                AuthKind::ApiKey { location: ApiKeyIn::Query, name } => {
                    quote!(request.query(&[(#name, value.expose())]))
                }
            };
            quote!(Scheme::#v => self.#f.as_ref().map(|value| #add),)
        });
        let scheme_docs = schemes.iter().map(|s| doc_attr(&spectext::code(&s.key)));
        quote! {
            /// The security schemes of the API.
            #[derive(Clone, Copy, Debug)]
            pub(crate) enum Scheme {
                #( #scheme_docs #variants, )*
            }

            impl Client {
                /// Adds the credentials of the first alternative whose credentials are all
                /// configured; with none, the request goes out without (and the server decides).
                pub(crate) fn authorize(&self, request: ::reqwest::RequestBuilder, alternatives: &[&[Scheme]]) -> ::reqwest::RequestBuilder {
                    for alternative in alternatives {
                        let mut authorized = request.try_clone();
                        for scheme in *alternative {
                            authorized = authorized.and_then(|r| self.apply(r, *scheme));
                        }
                        if let Some(authorized) = authorized {
                            return authorized;
                        }
                    }
                    request
                }

                /// `request` with the scheme's credential, or `None` when it is not configured.
                fn apply(&self, request: ::reqwest::RequestBuilder, scheme: Scheme) -> Option<::reqwest::RequestBuilder> {
                    match scheme {
                        #( #applies )*
                    }
                }
            }
        }
    }
}

/// The builder's setter of a scheme's credential, named `f`.
fn setter(s: &AuthScheme, f: &Ident) -> TokenStream {
    let key = spectext::code(&s.key);
    match &s.kind {
        AuthKind::Token { scheme } => {
            let header = spectext::code(&format!("Authorization: {scheme} <token>"));
            let doc = doc_attr(&format!(
                "The token for the {key} scheme, sent as {header} by the operations that use it. Never shown by `Debug`; marked sensitive for the HTTP stack."
            ));
            quote! {
                #doc
                pub fn #f(mut self, token: impl Into<String>) -> Self {
                    self.#f = Some(crate::runtime::Secret::new(token.into()));
                    self
                }
            }
        }
        AuthKind::Basic => {
            let doc = doc_attr(&format!(
                "The user name and password for the {key} scheme (HTTP basic authentication). Never shown by `Debug`."
            ));
            quote! {
                #doc
                pub fn #f(mut self, username: impl Into<String>, password: Option<String>) -> Self {
                    self.#f = Some((crate::runtime::Secret::new(username.into()), password.map(crate::runtime::Secret::new)));
                    self
                }
            }
        }
        AuthKind::ApiKey { location, name } => {
            let place = api_key_place(location, name);
            let doc = doc_attr(&format!(
                "The API key for the {key} scheme, sent {place} by the operations that use it. Never shown by `Debug`."
            ));
            quote! {
                #doc
                pub fn #f(mut self, key: impl Into<String>) -> Self {
                    self.#f = Some(crate::runtime::Secret::new(key.into()));
                    self
                }
            }
        }
    }
}

/// The step of `build` that turns a scheme's secret into what is sent, refusing a value that
/// cannot be a header.
fn build_step(s: &AuthScheme, f: &Ident) -> TokenStream {
    let key = spectext::runtime(&s.key);
    let bad = format!("the credential for `{key}` contains characters not allowed in an HTTP header");
    let header = |value: TokenStream| {
        quote! {
            let #f = match &self.#f {
                Some(secret) => {
                    let mut value = ::reqwest::header::HeaderValue::from_str(#value).map_err(|_| BuildError(#bad.into()))?;
                    value.set_sensitive(true);
                    Some(value)
                }
                None => None,
            };
        }
    };
    match &s.kind {
        // A scheme name is an RFC 9110 token (checked in resolve): no `{` or `}` to escape.
        AuthKind::Token { scheme } => {
            let template = format!("{scheme} {{}}");
            header(quote!(&format!(#template, secret.expose())))
        }
        AuthKind::ApiKey { location: ApiKeyIn::Header, .. } => header(quote!(secret.expose())),
        AuthKind::ApiKey { location: ApiKeyIn::Cookie, name } => {
            header(quote!(&format!("{}={}", #name, secret.expose())))
        }
        AuthKind::ApiKey { location: ApiKeyIn::Query, .. } => quote!(let #f = self.#f.clone();),
        AuthKind::Basic => quote!(let #f = self.#f.clone();),
    }
}

/// `Client::new(credential)`, when [`simple_constructor`] finds its scheme.
fn new_fn(api: &Api) -> TokenStream {
    let Some(only) = simple_constructor(api) else { return quote!() };
    let f = ident(&only.setter);
    let doc = doc_attr(&format!(
        "A client for [`DEFAULT_BASE_URL`] with the {} credential and the default timeouts.",
        spectext::code(&only.key)
    ));
    quote! {
        #doc
        pub fn new(credential: impl Into<String>) -> Result<Self, BuildError> {
            Self::builder().#f(credential).build()
        }
    }
}

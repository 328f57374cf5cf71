//! `src/lib.rs` (modules and re-exports) and `src/client.rs`: the `Client`, its builder, the
//! server URL and its variables, and the plumbing operations call to build and send requests.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::doc_attr;
use super::{Emitter, has_responses_module, ident};
use crate::ir::{ApiKeyIn, AuthKind};
use crate::spectext;

impl Emitter<'_> {
    pub(super) fn lib(&self) -> TokenStream {
        // With some tag features off, helpers and imports only their operations use are unused.
        let partial_allow = if self.api.features.is_empty() {
            quote!()
        } else {
            quote!(#![cfg_attr(not(feature = "full"), allow(dead_code, unused_imports))])
        };
        let api = self.api;
        let responses_mod = if has_responses_module(api) {
            quote!(
                pub mod responses;
            )
        } else {
            quote!()
        };
        let base_url_export = if api.default_base_url.is_some() {
            quote!(
                pub use client::DEFAULT_BASE_URL;
            )
        } else {
            quote!()
        };
        quote! {
            #![doc = include_str!("../README.md")]
            #![forbid(unsafe_code)]
            #![allow(clippy::large_enum_variant, clippy::type_complexity, clippy::disallowed_names)]
            #partial_allow

            mod client;
            pub mod errors;
            pub mod operations;
            #responses_mod
            mod runtime;
            pub mod types;

            pub use client::{BuildError, Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT};
            #base_url_export
            pub use runtime::{Error, KEPT_BODY_SIZE, OperationError};
        }
    }

    pub(super) fn client(&self) -> TokenStream {
        let api = self.api;
        let new_request = if api.operations.iter().any(|o| o.server.is_none()) {
            quote! {
                /// A request to the base URL followed by `path`, its parameters encoded.
                pub(crate) fn new_request<E>(
                    &self,
                    method: ::reqwest::Method,
                    path: &[crate::runtime::PathPart<'_>],
                ) -> Result<::reqwest::RequestBuilder, crate::Error<E>> {
                    Ok(self.http.request(method, crate::runtime::build_url(&self.base_url, path)?))
                }
            }
        } else {
            quote!()
        };
        // Operations with a server of their own (GitHub's release asset upload goes to
        // uploads.github.com): used while the base URL is the spec's default, so a client pointed
        // at a mock or a staging server sends everything there. The base URL is the one `build`
        // chose, after the server variables: they choose a server too (an operation's own server
        // has variables of its own, at their defaults, which the client's variables do not set).
        let own_servers = api.operations.iter().any(|o| o.server.is_some());
        let (servers_field, servers_let, servers_init, new_request_at) = if own_servers {
            let is_default = match api.default_base_url {
                Some(_) => quote!(base == DEFAULT_BASE_URL),
                None => quote!(false),
            };
            (
                quote! {
                    /// Whether the base URL (server variables applied) is the spec's default: then
                    /// operations with a server of their own use it.
                    pub(crate) spec_servers: bool,
                },
                quote!(let spec_servers = #is_default;),
                quote!(spec_servers,),
                quote! {
                    /// A request to an operation's own server: an absolute `server` while the base URL is
                    /// the spec's default (else the base URL), a path (`/v2`) in place of the base
                    /// URL's path; then `path`, its parameters encoded.
                    pub(crate) fn new_request_at<E>(
                        &self,
                        method: ::reqwest::Method,
                        server: &str,
                        path: &[crate::runtime::PathPart<'_>],
                    ) -> Result<::reqwest::RequestBuilder, crate::Error<E>> {
                        let base = if server.starts_with('/') {
                            self.base_url.join(server)
                        } else if self.spec_servers {
                            ::reqwest::Url::parse(server)
                        } else {
                            Ok(self.base_url.clone())
                        };
                        let base = base.map_err(|e| crate::Error::InvalidRequest(format!("invalid server URL {server:?}: {e}")))?;
                        Ok(self.http.request(method, crate::runtime::build_url(&base, path)?))
                    }
                },
            )
        } else {
            (quote!(), quote!(), quote!(), quote!())
        };
        let (base_const, base_default, base_doc) = match &api.default_base_url {
            Some(url) => (
                quote! {
                    /// The server the spec names first; [`ClientBuilder::base_url`] picks another.
                    pub const DEFAULT_BASE_URL: &str = #url;
                },
                quote!(Some(DEFAULT_BASE_URL.to_owned())),
                format!("The base URL defaults to {}.", spectext::code(url)),
            ),
            None => (quote!(), quote!(None), "The spec names no server: set [`ClientBuilder::base_url`].".to_owned()),
        };
        // The server URL's variables, when it has some: a builder setter, checked by `build`.
        let (server_consts, server_field, server_init, server_debug, server_setter, base_choice) = match &api.server {
            None => (
                quote!(),
                quote!(),
                quote!(),
                quote!(),
                quote!(),
                quote!(let base = self.base_url.as_deref().ok_or_else(|| BuildError("no base URL: call `base_url`".into()))?;),
            ),
            Some(server) => {
                let template = &server.url;
                let variables = server.variables.iter().map(|v| {
                    let (name, default, values, in_host) = (&v.name, &v.default, &v.values, v.in_host);
                    quote!(crate::runtime::ServerVariable { name: #name, default: #default, values: &[#( #values ),*], in_host: #in_host },)
                });
                let listed: Vec<String> = server
                    .variables
                    .iter()
                    .map(|v| {
                        let values = if v.values.is_empty() {
                            String::new()
                        } else {
                            let quoted: Vec<String> = v.values.iter().map(|x| spectext::code(x)).collect();
                            format!(", one of {}", quoted.join(", "))
                        };
                        let doc = v.doc.as_deref().map(|d| format!(": {}", spectext::inline(d))).unwrap_or_default();
                        format!("- {} (default {}{values}){doc}", spectext::code(&v.name), spectext::code(&v.default))
                    })
                    .collect();
                let setter_doc = doc_attr(&format!(
                    "Sets a variable of the spec's server URL, {}, while the base URL is [`DEFAULT_BASE_URL`]:\n\n{}\n\n[`Self::build`] refuses an unknown variable, a value the spec does not list, and in the host a value that is not DNS labels (letters, digits, `-`, separated by `.`); in the path a value is percent-encoded.",
                    spectext::code(template),
                    listed.join("\n")
                ));
                (
                    quote! {
                        /// The spec's server URL as written, and its variables.
                        const SERVER_URL: &str = #template;
                        const SERVER_VARIABLES: &[crate::runtime::ServerVariable] = &[#( #variables )*];
                    },
                    quote!(server_variables: Vec<(String, String)>,),
                    quote!(server_variables: Vec::new(),),
                    quote!(.field("server_variables", &self.server_variables)),
                    quote! {
                        #setter_doc
                        pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                            self.server_variables.push((name.into(), value.into()));
                            self
                        }
                    },
                    quote! {
                        let chosen = if self.server_variables.is_empty() {
                            self.base_url
                        } else if self.base_url.as_deref() == Some(DEFAULT_BASE_URL) {
                            Some(crate::runtime::server_url(SERVER_URL, SERVER_VARIABLES, &self.server_variables).map_err(BuildError)?)
                        } else {
                            return Err(BuildError("server variables apply to the spec's server URL, not to one set with `base_url`".into()));
                        };
                        let base = chosen.as_deref().ok_or_else(|| BuildError("no base URL: call `base_url`".into()))?;
                    },
                )
            }
        };
        let schemes = &api.auth;
        let fields: Vec<Ident> = schemes.iter().map(|s| ident(&s.setter)).collect();
        let variants: Vec<Ident> = schemes.iter().map(|s| ident(&s.field)).collect();

        // Client: one field per scheme, holding a ready header value or the secret.
        let client_fields = schemes.iter().zip(&fields).map(|(s, f)| match &s.kind {
            AuthKind::Bearer | AuthKind::ApiKey { location: ApiKeyIn::Header | ApiKeyIn::Cookie, .. } => {
                quote!(#f: Option<::reqwest::header::HeaderValue>,)
            }
            AuthKind::ApiKey { location: ApiKeyIn::Query, .. } => quote!(#f: Option<crate::runtime::Secret>,),
            AuthKind::Basic => quote!(#f: Option<(crate::runtime::Secret, Option<crate::runtime::Secret>)>,),
        });
        let builder_fields = schemes.iter().zip(&fields).map(|(s, f)| match &s.kind {
            AuthKind::Basic => quote!(#f: Option<(crate::runtime::Secret, Option<crate::runtime::Secret>)>,),
            _ => quote!(#f: Option<crate::runtime::Secret>,),
        });
        let debug_fields: Vec<TokenStream> = fields
            .iter()
            .map(|f| {
                let name = f.to_string();
                quote!(.field(#name, &self.#f.as_ref().map(|_| "<redacted>")))
            })
            .collect();
        let setters = schemes.iter().zip(&fields).map(|(s, f)| {
            let key = spectext::code(&s.key);
            match &s.kind {
                AuthKind::Bearer => {
                    let doc = doc_attr(&format!("The token for the {key} scheme, sent as `Authorization: Bearer <token>` by the operations that use it. Never shown by `Debug`; marked sensitive for the HTTP stack."));
                    quote! {
                        #doc
                        pub fn #f(mut self, token: impl Into<String>) -> Self {
                            self.#f = Some(crate::runtime::Secret::new(token.into()));
                            self
                        }
                    }
                }
                AuthKind::Basic => {
                    let doc = doc_attr(&format!("The user name and password for the {key} scheme (HTTP basic authentication). Never shown by `Debug`."));
                    quote! {
                        #doc
                        pub fn #f(mut self, username: impl Into<String>, password: Option<String>) -> Self {
                            self.#f = Some((crate::runtime::Secret::new(username.into()), password.map(crate::runtime::Secret::new)));
                            self
                        }
                    }
                }
                AuthKind::ApiKey { location, name } => {
                    let name = spectext::code(name);
                    let place = match location {
                        ApiKeyIn::Header => format!("in the {name} header"),
                        ApiKeyIn::Query => format!("as the {name} query parameter"),
                        ApiKeyIn::Cookie => format!("as the {name} cookie"),
                    };
                    let doc = doc_attr(&format!("The API key for the {key} scheme, sent {place} by the operations that use it. Never shown by `Debug`."));
                    quote! {
                        #doc
                        pub fn #f(mut self, key: impl Into<String>) -> Self {
                            self.#f = Some(crate::runtime::Secret::new(key.into()));
                            self
                        }
                    }
                }
            }
        });
        // build(): turn each secret into what is sent, refusing values that cannot be a header.
        let builds = schemes.iter().zip(&fields).map(|(s, f)| {
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
                AuthKind::Bearer => header(quote!(&format!("Bearer {}", secret.expose()))),
                AuthKind::ApiKey { location: ApiKeyIn::Header, .. } => header(quote!(secret.expose())),
                AuthKind::ApiKey { location: ApiKeyIn::Cookie, name } => {
                    header(quote!(&format!("{}={}", #name, secret.expose())))
                }
                AuthKind::ApiKey { location: ApiKeyIn::Query, .. } => quote!(let #f = self.#f.clone();),
                AuthKind::Basic => quote!(let #f = self.#f.clone();),
            }
        });
        let applies = schemes.iter().zip(fields.iter().zip(&variants)).map(|(s, (f, v))| {
            let add = match &s.kind {
                AuthKind::Bearer => quote!(request.header(::reqwest::header::AUTHORIZATION, value.clone())),
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
        // An API key in a header of its own must not follow a redirect to another origin.
        let redirect = if schemes.iter().any(|s| matches!(s.kind, AuthKind::ApiKey { location: ApiKeyIn::Header, .. }))
        {
            quote!(.redirect(crate::runtime::same_origin_redirects()))
        } else {
            quote!()
        };
        // The API keys sent in the query, which errors must not show with their URL.
        let secret_query = schemes.iter().filter_map(|s| match &s.kind {
            AuthKind::ApiKey { location: ApiKeyIn::Query, name } => Some(name.as_str()),
            _ => None,
        });
        let send = if api.operations.is_empty() {
            quote!()
        } else {
            quote! {
                /// Sends an operation's request and reads its response, within the timeout and the
                /// size limit; its errors do not show the API keys sent in the query.
                pub(crate) async fn send<E>(
                    &self,
                    request: ::reqwest::RequestBuilder,
                ) -> Result<crate::runtime::RawResponse, crate::Error<E>> {
                    crate::runtime::send(request, self.timeout, self.max_response_size, &[#( #secret_query ),*]).await
                }

                /// The future of an operation's request: sends `request` (unless building it
                /// failed) and reads the response with `decode`. Generic, so that each operation
                /// only states its synchronous parts.
                pub(crate) fn request_future<'a, T: 'a, E: Send + 'a>(
                    &'a self,
                    request: Result<::reqwest::RequestBuilder, crate::Error<E>>,
                    decode: fn(crate::runtime::RawResponse) -> Result<T, crate::Error<E>>,
                ) -> crate::operations::ResponseFuture<'a, T, E> {
                    Box::pin(async move { decode(self.send(request?).await?) })
                }
            }
        };
        let auth_items = if schemes.is_empty() {
            quote!()
        } else {
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
        };
        // `Client::new(credential)` when there is one single-value credential and a default server.
        let new_fn = match (schemes.as_slice(), api.default_base_url.is_some()) {
            ([only], true) if only.kind != AuthKind::Basic => {
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
            _ => quote!(),
        };
        let client_doc = doc_attr(&format!(
            "A client for {}. Cheap to clone: clones share one connection pool.\n\n{base_doc}",
            spectext::inline(&api.title)
        ));
        // No spec type is in scope in client.rs, so prelude names (Option, String, ...) are safe here.
        quote! {
            //! The client and its builder.

            use ::std::fmt;
            use ::std::time::Duration;

            #base_const

            #server_consts

            /// The default time limit for a whole request, from connecting to reading the body.
            pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

            /// The default time limit for establishing a connection.
            pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

            /// The default limit on a response body, in bytes: 16 MiB. Far above what an API answers
            /// (pages of results, error documents), and bodies are held whole and decoded in memory,
            /// where JSON takes several times its size: this bounds what a broken or hostile server
            /// can make the client hold. [`ClientBuilder::max_response_size`] raises it (downloads).
            pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 16 * 1024 * 1024;

            #client_doc
            #[derive(Clone)]
            pub struct Client {
                pub(crate) base_url: ::reqwest::Url,
                pub(crate) http: ::reqwest::Client,
                pub(crate) timeout: Duration,
                pub(crate) max_response_size: u64,
                #servers_field
                #( #client_fields )*
            }

            impl fmt::Debug for Client {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.debug_struct("Client")
                        .field("base_url", &crate::runtime::shown_url(&self.base_url, &[]).as_str())
                        #( #debug_fields )*
                        .field("timeout", &self.timeout)
                        .field("max_response_size", &self.max_response_size)
                        .finish_non_exhaustive()
                }
            }

            impl Client {
                #new_fn

                /// A builder to set the base URL, credentials, timeouts or the HTTP client.
                pub fn builder() -> ClientBuilder {
                    ClientBuilder {
                        base_url: #base_default,
                        #( #fields: None, )*
                        #server_init
                        http_client: None,
                        timeout: DEFAULT_TIMEOUT,
                        connect_timeout: DEFAULT_CONNECT_TIMEOUT,
                        max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
                    }
                }

                /// The base URL every request path is appended to.
                pub fn base_url(&self) -> &::reqwest::Url {
                    &self.base_url
                }

                /// The HTTP client requests go through, with the builder's timeouts (for calls the
                /// spec does not describe; the size limit is the operations' own).
                pub fn http(&self) -> &::reqwest::Client {
                    &self.http
                }

                #send

                #new_request

                #new_request_at
            }

            #auth_items

            /// Configures a [`Client`].
            pub struct ClientBuilder {
                base_url: Option<String>,
                #( #builder_fields )*
                #server_field
                http_client: Option<::reqwest::Client>,
                timeout: Duration,
                connect_timeout: Duration,
                max_response_size: u64,
            }

            impl fmt::Debug for ClientBuilder {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.debug_struct("ClientBuilder")
                        .field("base_url", &self.base_url.as_deref().map(crate::runtime::shown_url_text))
                        #server_debug
                        #( #debug_fields )*
                        .field("timeout", &self.timeout)
                        .field("connect_timeout", &self.connect_timeout)
                        .field("max_response_size", &self.max_response_size)
                        .finish_non_exhaustive()
                }
            }

            impl ClientBuilder {
                /// The URL request paths are appended to, e.g. `https://api.example.com` or a mock server.
                pub fn base_url(mut self, url: impl Into<String>) -> Self {
                    self.base_url = Some(url.into());
                    self
                }

                #server_setter

                #( #setters )*

                /// Uses this `reqwest::Client` (proxies, custom TLS roots, middleware-built clients) instead
                /// of building one. Its own settings then apply (connect timeout, redirect policy:
                /// [`Self::connect_timeout`] is ignored); [`Self::timeout`] still bounds every
                /// operation, in place of its own.
                pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
                    self.http_client = Some(client);
                    self
                }

                /// The time limit for a whole operation, from connecting to reading the body's last
                /// byte; default [`DEFAULT_TIMEOUT`]. A timeout is an [`Error::Transport`](crate::Error::Transport)
                /// whose `is_timeout()` is true.
                pub fn timeout(mut self, timeout: Duration) -> Self {
                    self.timeout = timeout;
                    self
                }

                /// The largest response body an operation reads, in bytes; default
                /// [`DEFAULT_MAX_RESPONSE_SIZE`]. A larger one is an
                /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge), refused by its
                /// `Content-Length` before it is read, or as soon as what is read passes the limit.
                pub fn max_response_size(mut self, bytes: u64) -> Self {
                    self.max_response_size = bytes;
                    self
                }

                /// The time limit for connecting; default [`DEFAULT_CONNECT_TIMEOUT`].
                pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                    self.connect_timeout = timeout;
                    self
                }

                /// Builds the client. TLS certificates are verified (rustls with the platform's roots).
                pub fn build(self) -> Result<Client, BuildError> {
                    #base_choice
                    #servers_let
                    // Messages show it without a user name, password or query.
                    let shown = crate::runtime::shown_url_text(base);
                    let base_url = ::reqwest::Url::parse(base).map_err(|e| BuildError(format!("invalid base URL {shown:?}: {e}")))?;
                    if base_url.cannot_be_a_base() || base_url.query().is_some() || base_url.fragment().is_some() {
                        return Err(BuildError(format!("invalid base URL {shown:?}: it must be able to take a path, with no query or fragment")));
                    }
                    #( #builds )*
                    let http = match self.http_client {
                        Some(client) => client,
                        None => ::reqwest::Client::builder()
                            .timeout(self.timeout)
                            .connect_timeout(self.connect_timeout)
                            #redirect
                            .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                            .build()
                            .map_err(|e| BuildError(format!("cannot build the HTTP client: {e}")))?,
                    };
                    Ok(Client {
                        base_url,
                        http,
                        timeout: self.timeout,
                        max_response_size: self.max_response_size,
                        #servers_init
                        #( #fields, )*
                    })
                }
            }

            /// Why a [`Client`] could not be built.
            #[derive(Clone, Debug, PartialEq, Eq)]
            pub struct BuildError(pub(crate) String);

            impl fmt::Display for BuildError {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl ::std::error::Error for BuildError {}
        }
    }
}

//! `src/lib.rs` (modules and re-exports) and `src/client.rs`: the `Client`, its builder, the
//! server URL and its variables, and the plumbing operations call to build and send requests.

use proc_macro2::TokenStream;
use quote::quote;

use super::auth::Auth;
use super::docs::doc_attr;
use super::{Emitter, has_responses_module};
use crate::ir::Streaming;
use crate::spectext;

impl Emitter<'_> {
    /// `src/lib.rs`: the crate's docs (its README), lints, modules and re-exports.
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
        let base_url = if api.default_base_url.is_some() { quote!(DEFAULT_BASE_URL,) } else { quote!() };
        let sending = if api.operations.is_empty() { quote!() } else { quote!(Attempt, Error, Hook, RetryPolicy,) };
        // The types of bodies read or sent as they go, for the APIs that have them.
        let ops = &api.operations;
        let mut streams = Vec::new();
        if api.sends_bytes() {
            streams.push(quote!(Body));
        }
        if api.has_file_parts() {
            streams.push(quote!(FilePart));
        }
        if ops.iter().any(|o| o.streaming == Some(Streaming::Bytes)) {
            streams.push(quote!(ByteStream));
        }
        if ops.iter().any(|o| matches!(o.streaming, Some(Streaming::Events { .. }))) {
            streams.extend([quote!(Event), quote!(EventStream)]);
        }
        // Error types hold documented error bodies by value, by design: a large `Err` (an operation
        // whose error enum holds a large body) is what the spec describes, not a mistake. Enum
        // variants are the spec's values, named as it names them (all ending in `Token`), and a
        // request's setters its arguments (`sub`, `add`, not `ops::Sub` and `ops::Add`).
        quote! {
            #![doc = include_str!("../README.md")]
            #![forbid(unsafe_code)]
            #![allow(
                clippy::large_enum_variant,
                clippy::result_large_err,
                clippy::type_complexity,
                clippy::disallowed_names,
                clippy::enum_variant_names,
                clippy::should_implement_trait
            )]
            #partial_allow

            mod client;
            pub mod errors;
            pub mod operations;
            #responses_mod
            mod runtime;
            pub mod types;

            pub use client::{BuildError, Client, ClientBuilder, #base_url DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT};
            pub use runtime::{ErrorKind, KEPT_BODY_SIZE, OperationError, #sending #( #streams ),*};
        }
    }

    /// `src/client.rs`: the constants, the client, its credentials and its builder.
    pub(super) fn client(&self) -> TokenStream {
        let servers = self.servers();
        let auth = self.auth();
        let (base_const, variable_consts) = (&servers.base_const, &servers.variables.consts);
        let sending = Sending::of(self.api);
        let client = self.client_items(&servers, &auth, &sending);
        let auth_items = &auth.items;
        let builder = builder_items(&servers, &auth, &sending);
        // No spec type is in scope in client.rs, so prelude names (Option, String, ...) are safe here.
        quote! {
            //! The client and its builder.

            use ::std::fmt;
            use ::std::time::Duration;

            #base_const

            #variable_consts

            /// The default time limit for a whole request, from connecting to reading the body.
            pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

            /// The default time limit for establishing a connection.
            pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

            /// The default limit on a response body, in bytes: 16 MiB. Far above what an API answers
            /// (pages of results, error documents), and bodies are held whole and decoded in memory,
            /// where JSON takes several times its size: this bounds what a broken or hostile server
            /// can make the client hold. [`ClientBuilder::max_response_size`] raises it (downloads).
            pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 16 * 1024 * 1024;

            #client

            #auth_items

            #builder
        }
    }

    /// `Client`: its docs, fields, `Debug` and methods.
    fn client_items(&self, servers: &Servers, auth: &Auth<'_>, sending: &Sending) -> TokenStream {
        let Auth { fields, client_fields, debug_fields, new_fn, .. } = auth;
        let (base_default, servers_field, server_init) =
            (&servers.base_default, &servers.own.field, &servers.variables.init);
        let new_request_at = &servers.own.new_request_at;
        let send = self.send(auth);
        let new_request = self.new_request();
        let (sending_field, sending_debug, sending_init) = (&sending.field, &sending.debug, &sending.init);
        let (client_debug, per_call) = (&sending.client_debug, &sending.methods);
        let client_doc = doc_attr(&format!(
            "A client for {}. Cheap to clone: clones share one connection pool.\n\n{}",
            spectext::inline(&self.api.title),
            servers.base_doc
        ));
        quote! {
            #client_doc
            #[derive(Clone)]
            pub struct Client {
                pub(crate) base_url: ::reqwest::Url,
                pub(crate) http: ::reqwest::Client,
                pub(crate) timeout: Duration,
                pub(crate) max_response_size: u64,
                #sending_field
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
                        #sending_debug
                        #client_debug
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
                        #sending_init
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

                #per_call

                #send

                #new_request

                #new_request_at
            }

        }
    }

    /// `Client::request_future`, which every operation sends its request with, and the query
    /// parameters its errors hide.
    fn send(&self, auth: &Auth<'_>) -> TokenStream {
        let secret_query = &auth.secret_query;
        if self.api.operations.is_empty() {
            quote!()
        } else {
            quote! {
                /// The query parameters that hold API keys: errors and hooks show their values
                /// as `REDACTED`.
                pub(crate) const SECRET_QUERY: &'static [&'static str] = &[#( #secret_query ),*];

                /// The future of an operation's request (`call` names the operation): sends
                /// `request` (unless building it failed) and reads the response with `decode`,
                /// within the timeout and the size limit; its errors name the call and do not show
                /// the API keys sent in the query. Generic, so that each operation only states its
                /// synchronous parts.
                pub(crate) fn request_future<'a, T: 'a, E: Send + 'a>(
                    &'a self,
                    request: Result<::reqwest::RequestBuilder, crate::ErrorKind<E>>,
                    call: &'static crate::runtime::Call,
                    decode: fn(crate::runtime::RawResponse) -> Result<T, crate::ErrorKind<E>>,
                ) -> crate::operations::ResponseFuture<'a, T, E> {
                    Box::pin(crate::runtime::call(self, request, call, decode))
                }
            }
        }
    }

    /// `Client::new_request`, for the operations that use the base URL.
    fn new_request(&self) -> TokenStream {
        if !self.api.operations.iter().any(|o| o.server.is_none()) {
            return quote!();
        }
        let (auth_param, authorize) = self.auth_step();
        quote! {
            /// An operation's request: the base URL followed by `path`, its parameters encoded,
            /// and the credentials of the first configured alternative of `auth`.
            pub(crate) fn new_request<E>(
                &self,
                method: ::reqwest::Method,
                path: &[crate::runtime::PathPart<'_>],
                #auth_param
            ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<E>> {
                let request = self.http.request(method, crate::runtime::build_url(&self.base_url, path)?);
                Ok(#authorize)
            }
        }
    }

    /// The `auth` parameter of `new_request`/`new_request_at` and what they return with it: the
    /// request authorized, or as it is when the API has no security schemes.
    fn auth_step(&self) -> (TokenStream, TokenStream) {
        if self.api.auth.is_empty() {
            (quote!(), quote!(request))
        } else {
            (quote!(auth: &[&[Scheme]],), quote!(self.authorize(request, auth)))
        }
    }

    /// What the spec's servers make of `client.rs`.
    fn servers(&self) -> Servers {
        let api = self.api;
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
        Servers { base_const, base_default, base_doc, variables: self.server_variables(), own: self.own_servers() }
    }

    /// The server URL's variables, when it has some: a builder setter, checked by `build`.
    fn server_variables(&self) -> ServerVariables {
        let (consts, field, init, debug, setter, base_choice) = match &self.api.server {
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
        ServerVariables { consts, field, init, debug, setter, base_choice }
    }

    /// The parts for operations with a server of their own.
    fn own_servers(&self) -> OwnServers {
        let api = self.api;
        // Operations with a server of their own (GitHub's release asset upload goes to
        // uploads.github.com): used while the base URL is the spec's default, so a client pointed
        // at a mock or a staging server sends everything there. The base URL is the one `build`
        // chose, after the server variables: they choose a server too (an operation's own server
        // has variables of its own, at their defaults, which the client's variables do not set).
        let own_servers = api.operations.iter().any(|o| o.server.is_some());
        let (field, choose, init, new_request_at) = if own_servers {
            let (auth_param, authorize) = self.auth_step();
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
                    /// URL's path; then `path`, its parameters encoded, and the credentials of the
                    /// first configured alternative of `auth`.
                    pub(crate) fn new_request_at<E>(
                        &self,
                        method: ::reqwest::Method,
                        server: &str,
                        path: &[crate::runtime::PathPart<'_>],
                        #auth_param
                    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<E>> {
                        let base = if server.starts_with('/') {
                            self.base_url.join(server)
                        } else if self.spec_servers {
                            ::reqwest::Url::parse(server)
                        } else {
                            Ok(self.base_url.clone())
                        };
                        let base = base.map_err(|e| crate::ErrorKind::InvalidRequest(format!("invalid server URL {server:?}: {e}")))?;
                        let request = self.http.request(method, crate::runtime::build_url(&base, path)?);
                        Ok(#authorize)
                    }
                },
            )
        } else {
            (quote!(), quote!(), quote!(), quote!())
        };
        OwnServers { field, choose, init, new_request_at }
    }
}

/// `ClientBuilder`: its fields, `Debug`, setters and `build`; and `BuildError`.
fn builder_items(servers: &Servers, auth: &Auth<'_>, sending: &Sending) -> TokenStream {
    let Sending {
        builder_field: sending_field,
        debug: sending_debug,
        setter: sending_setters,
        build: sending_build,
        ..
    } = sending;
    let Auth { fields, builder_fields, debug_fields, setters, builds, redirect, .. } = auth;
    let ServerVariables { field: server_field, debug: server_debug, setter: server_setter, base_choice, .. } =
        &servers.variables;
    let (servers_let, servers_init) = (&servers.own.choose, &servers.own.init);
    quote! {
    /// Configures a [`Client`].
    pub struct ClientBuilder {
        base_url: Option<String>,
        #( #builder_fields )*
        #server_field
        http_client: Option<::reqwest::Client>,
        timeout: Duration,
        connect_timeout: Duration,
        max_response_size: u64,
        #sending_field
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
                #sending_debug
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
        /// byte, retries included; default [`DEFAULT_TIMEOUT`]. A body read as it arrives (a
        /// `ByteStream`, an `EventStream`) is not bounded as a whole: the limit bounds each wait
        /// for its next bytes (on a client this builder makes). A timeout is an
        /// [`ErrorKind::Transport`](crate::ErrorKind::Transport) whose `is_timeout()` is true.
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.timeout = timeout;
            self
        }

        /// The largest response body an operation reads, in bytes; default
        /// [`DEFAULT_MAX_RESPONSE_SIZE`]. A larger one is an
        /// [`ErrorKind::ResponseTooLarge`](crate::ErrorKind::ResponseTooLarge), refused by its
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

        #sending_setters

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
                // Each request carries its call's deadline; a streamed body's only bound is
                // the wait for its next bytes.
                None => ::reqwest::Client::builder()
                    .read_timeout(self.timeout)
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
                #sending_build
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

    impl ::std::error::Error for BuildError {}    }
}

/// How the client sends requests (its retry policy, hooks and per-call headers): their parts of
/// the client and its builder, when the API has operations (none otherwise).
#[derive(Default)]
struct Sending {
    /// The client's fields.
    field: TokenStream,
    /// The builder's fields.
    builder_field: TokenStream,
    /// Both `Debug` impls' line.
    debug: TokenStream,
    /// The client's `Debug` line.
    client_debug: TokenStream,
    /// The client's methods that make a client for a call or a few.
    methods: TokenStream,
    /// `Client::builder`'s default.
    init: TokenStream,
    /// The builder's setters.
    setter: TokenStream,
    /// `build`'s move into the client.
    build: TokenStream,
}

impl Sending {
    fn of(api: &crate::ir::Api) -> Sending {
        if api.operations.is_empty() {
            return Sending::default();
        }
        Sending {
            field: quote! {
                pub(crate) retry: crate::RetryPolicy,
                pub(crate) hooks: ::std::sync::Arc<[Box<dyn crate::Hook>]>,
                pub(crate) headers: ::reqwest::header::HeaderMap,
                #[cfg(feature = "middleware")]
                pub(crate) middleware: Option<::reqwest_middleware::ClientWithMiddleware>,
            },
            builder_field: quote! {
                retry: crate::RetryPolicy,
                hooks: Vec<Box<dyn crate::Hook>>,
                #[cfg(feature = "middleware")]
                middleware: Option<::reqwest_middleware::ClientWithMiddleware>,
            },
            debug: quote! {
                .field("retry", &self.retry)
                .field("hooks", &self.hooks.len())
            },
            client_debug: quote!(.field("headers", &self.headers.keys().collect::<Vec<_>>())),
            init: quote! {
                retry: crate::RetryPolicy::new(),
                hooks: Vec::new(),
                #[cfg(feature = "middleware")]
                middleware: None,
            },
            setter: quote! {
                /// When a request is sent again and how long the client waits first; default
                /// [`RetryPolicy::new`](crate::RetryPolicy::new): connection failures, and `408`,
                /// `429`, `500`, `502`, `503` and `504` for idempotent requests, twice at most.
                /// [`RetryPolicy::none`](crate::RetryPolicy::none) sends every request once.
                pub fn retry(mut self, policy: crate::RetryPolicy) -> Self {
                    self.retry = policy;
                    self
                }

                /// Adds behaviour around every request: a [`Hook`](crate::Hook) sees each
                /// attempt's request before it is sent (headers, signing) and its outcome after
                /// (metrics, logs). Hooks run in the order they are added.
                pub fn hook(mut self, hook: impl crate::Hook + 'static) -> Self {
                    self.hooks.push(Box::new(hook));
                    self
                }

                /// Sends each attempt through this `reqwest_middleware` chain: its middleware may
                /// change the request, act on the response (caching, metrics), do async work
                /// first (a token fetched on demand), or answer without sending (a mock transport
                /// in tests). The chain's own `reqwest::Client` sends, with its settings (as with
                /// [`Self::http_client`]); [`Self::timeout`], the retry policy and the hooks still
                /// apply around it, the chain running once per attempt. A middleware's own error
                /// is an [`ErrorKind::Middleware`](crate::ErrorKind::Middleware), not retried.
                #[cfg(feature = "middleware")]
                pub fn middleware(mut self, chain: ::reqwest_middleware::ClientWithMiddleware) -> Self {
                    self.middleware = Some(chain);
                    self
                }
            },
            build: quote! {
                retry: self.retry,
                hooks: self.hooks.into(),
                headers: ::reqwest::header::HeaderMap::new(),
                #[cfg(feature = "middleware")]
                middleware: self.middleware,
            },
            methods: quote! {
                /// This client with another timeout, for a call or a few (a long export): it shares
                /// the connection pool, credentials and hooks, and is dropped after the call.
                pub fn with_timeout(&self, timeout: Duration) -> Client {
                    Client { timeout, ..self.clone() }
                }

                /// This client with another retry policy, for a call or a few.
                pub fn with_retry(&self, policy: crate::RetryPolicy) -> Client {
                    Client { retry: policy, ..self.clone() }
                }

                /// This client with a header added to every request, for a call or a few (a
                /// trace id, a tenant); it replaces a header of the same name the request has.
                /// Marked sensitive: `Debug` shows header names only.
                pub fn with_header(&self, name: ::reqwest::header::HeaderName, mut value: ::reqwest::header::HeaderValue) -> Client {
                    value.set_sensitive(true);
                    let mut client = self.clone();
                    client.headers.insert(name, value);
                    client
                }
            },
        }
    }
}

/// What the spec's servers make of `client.rs`.
struct Servers {
    /// `DEFAULT_BASE_URL`, when the spec names a server.
    base_const: TokenStream,
    /// The builder's base URL until `base_url` is called: the default, if any.
    base_default: TokenStream,
    /// What the client's docs say of the base URL.
    base_doc: String,
    /// The server URL's variables.
    variables: ServerVariables,
    /// Operations with a server of their own.
    own: OwnServers,
}

/// The parts of `client.rs` for the server URL's variables; empty but for `base_choice` when it
/// has none.
struct ServerVariables {
    /// `SERVER_URL` and `SERVER_VARIABLES`.
    consts: TokenStream,
    /// The builder's field holding the variables set.
    field: TokenStream,
    /// Its initial value.
    init: TokenStream,
    /// What the builder's `Debug` shows of it.
    debug: TokenStream,
    /// `ClientBuilder::server_variable`.
    setter: TokenStream,
    /// How `build` chooses the base URL (`base`): set, or the default with the variables applied.
    base_choice: TokenStream,
}

/// The parts of `client.rs` for operations with a server of their own (GitHub's release asset
/// upload goes to uploads.github.com); empty when there are none.
struct OwnServers {
    /// The client's `spec_servers` field: whether the base URL is the spec's default.
    field: TokenStream,
    /// The step of `build` that computes it.
    choose: TokenStream,
    /// Its place in the client `build` returns.
    init: TokenStream,
    /// `Client::new_request_at`.
    new_request_at: TokenStream,
}

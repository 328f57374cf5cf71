// src/client.rs
/// A client for T. Cheap to clone: clones share one connection pool.
///
/// The spec names no server: set [`ClientBuilder::base_url`].
#[derive(Clone)]
pub struct Client {
    pub(crate) base_url: ::reqwest::Url,
    pub(crate) http: ::reqwest::Client,
    pub(crate) timeout: Duration,
    pub(crate) max_response_size: u64,
    pub(crate) retry: crate::RetryPolicy,
    pub(crate) hooks: ::std::sync::Arc<[Box<dyn crate::Hook>]>,
    pub(crate) headers: ::reqwest::header::HeaderMap,
    #[cfg(feature = "middleware")]
    pub(crate) middleware: Option<::reqwest_middleware::ClientWithMiddleware>,
    r#type: Option<::reqwest::header::HeaderValue>,
    other: Option<::reqwest::header::HeaderValue>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &crate::runtime::shown_url(&self.base_url, &[]).as_str())
            .field("type", &self.r#type.as_ref().map(|_| "<redacted>"))
            .field("other", &self.other.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("max_response_size", &self.max_response_size)
            .field("retry", &self.retry)
            .field("hooks", &self.hooks.len())
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder to set the base URL, credentials, timeouts or the HTTP client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            base_url: None,
            r#type: None,
            other: None,
            http_client: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            retry: crate::RetryPolicy::new(),
            hooks: Vec::new(),
            #[cfg(feature = "middleware")]
            middleware: None,
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
    /// This client with another timeout, for a call or a few (a long export): it shares
    /// the connection pool, credentials and hooks, and is dropped after the call.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client { timeout, ..self.clone() }
    }
    /// This client with another retry policy, for a call or a few.
    pub fn with_retry(&self, policy: crate::RetryPolicy) -> Client {
        Client {
            retry: policy,
            ..self.clone()
        }
    }
    /// This client with a header added to every request, for a call or a few (a
    /// trace id, a tenant); it replaces a header of the same name the request has.
    /// Marked sensitive: `Debug` shows header names only.
    pub fn with_header(
        &self,
        name: ::reqwest::header::HeaderName,
        mut value: ::reqwest::header::HeaderValue,
    ) -> Client {
        value.set_sensitive(true);
        let mut client = self.clone();
        client.headers.insert(name, value);
        client
    }
    /// The query parameters that hold API keys: errors and hooks show their values
    /// as `REDACTED`.
    pub(crate) const SECRET_QUERY: &'static [&'static str] = &[];
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
    /// An operation's request: the base URL followed by `path`, its parameters encoded,
    /// and the credentials of the first configured alternative of `auth`.
    pub(crate) fn new_request<E>(
        &self,
        method: ::reqwest::Method,
        path: &[crate::runtime::PathPart<'_>],
        auth: &[&[Scheme]],
    ) -> Result<::reqwest::RequestBuilder, crate::ErrorKind<E>> {
        let request = self
            .http
            .request(method, crate::runtime::build_url(&self.base_url, path)?);
        Ok(self.authorize(request, auth))
    }
}

impl Client {
    /// Adds the credentials of the first alternative whose credentials are all
    /// configured; with none, the request goes out without (and the server decides).
    pub(crate) fn authorize(
        &self,
        request: ::reqwest::RequestBuilder,
        alternatives: &[&[Scheme]],
    ) -> ::reqwest::RequestBuilder {
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
    fn apply(
        &self,
        request: ::reqwest::RequestBuilder,
        scheme: Scheme,
    ) -> Option<::reqwest::RequestBuilder> {
        match scheme {
            Scheme::Type => {
                self.r#type
                    .as_ref()
                    .map(|value| {
                        request.header(::reqwest::header::AUTHORIZATION, value.clone())
                    })
            }
            Scheme::Other => {
                self.other
                    .as_ref()
                    .map(|value| {
                        request.header(::reqwest::header::AUTHORIZATION, value.clone())
                    })
            }
        }
    }
}

// src/operations.rs
impl Client {
    /// `GET /a` (operationId `get_a`)
    ///
    /// `.await` the returned [`GetARequest`](crate::operations::GetARequest) to send the request.
    ///
    /// # Errors
    ///
    /// - any other failure: the other variants of [`Error`](crate::Error)
    pub fn get_a(&self) -> crate::operations::GetARequest<'_> {
        crate::operations::GetARequest {
            client: self,
        }
    }
}

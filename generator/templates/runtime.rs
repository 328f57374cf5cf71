//! Plumbing shared by every operation: the error type, URL building and response decoding.
//! Operations stay small because they only say what differs: method, path, statuses and types.

// Written in plain prelude style: the module imports nothing from the crate's types, so no spec
// name can shadow a prelude name here. In the generator's template, `#[apigen::needs(...)]` marks the pieces that only some APIs use;
// the generator keeps them only when the API needs them, so the crate has no dead code.

use ::std::fmt;

/// How much of a body an error keeps ([`Error::raw_body`], a documented error's text or bytes):
/// enough for any error document or the head of an HTML error page, little enough that errors
/// can be kept, logged and sent between threads without holding a whole (hostile) body.
pub const KEPT_BODY_SIZE: usize = 8 * 1024;

/// The error of every operation: what went wrong ([`Error::kind`]), and the call it went wrong
/// in: the operation, its method and path template, how many attempts were sent, and the request
/// id the server gave its last response. `E` is the operation's own enum of documented error
/// responses; [`Error::api`] is the one a caller matches most.
///
/// `Display` reads `GET /items/{id}: <what went wrong> (3 attempts, request id 4f2a…)`: the path
/// is the spec's template, never the filled-in path, so messages group by operation and carry no
/// identifiers. `Debug` and `Display` never show credentials: an URL's user name and password,
/// and API keys sent in the query, are `REDACTED`; bodies are cut to 200 characters.
#[apigen::needs(operations)]
pub struct Error<E> {
    kind: ErrorKind<E>,
    context: Context,
}

#[apigen::needs(operations)]
impl<E> Error<E> {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind<E> {
        &self.kind
    }

    /// What went wrong, the call's details dropped.
    pub fn into_kind(self) -> ErrorKind<E> {
        self.kind
    }

    /// The documented error response, when the server sent one: match its variants.
    pub fn api(&self) -> Option<&E> {
        match &self.kind {
            ErrorKind::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The documented error response, else this error back (to pass it on with `?`).
    pub fn into_api(self) -> Result<E, Self> {
        match self.kind {
            ErrorKind::Api(e) => Ok(e),
            kind => Err(Error { kind, context: self.context }),
        }
    }

    /// The operation: its `operationId`, else its method's name.
    pub fn operation(&self) -> &'static str {
        self.context.call.operation
    }

    /// The request's method (`GET`).
    pub fn method(&self) -> &'static str {
        self.context.call.method
    }

    /// The operation's path as the spec writes it (`/items/{id}`).
    pub fn path(&self) -> &'static str {
        self.context.call.path
    }

    /// How many times the request was sent: 0 when it was refused before sending, more than 1
    /// when it was retried.
    pub fn attempts(&self) -> u32 {
        self.context.attempts
    }

    /// The id the server gave its last response, to quote to the API's support: the first of
    /// the headers `x-request-id`, `request-id`, `x-amzn-requestid`, `x-amz-request-id`,
    /// `x-github-request-id`, `x-ms-request-id`, `x-correlation-id` and `cf-ray` it sent (visible
    /// ASCII, at most 128 characters).
    pub fn request_id(&self) -> Option<&str> {
        self.context.request_id.as_deref()
    }

    /// The start of the response body (at most [`KEPT_BODY_SIZE`] bytes), when the error kept one
    /// (undocumented status, undecodable body).
    pub fn raw_body(&self) -> Option<&[u8]> {
        self.kind.raw_body()
    }
}

#[apigen::needs(operations)]
impl<E: OperationError> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.kind.status()
    }

    /// Whether trying the call again later may succeed (see [`ErrorKind::is_retryable`]).
    pub fn is_retryable(&self) -> bool {
        self.kind.is_retryable()
    }
}

#[apigen::needs(operations)]
impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Context { call, attempts, request_id } = &self.context;
        write!(f, "{} {}: {}", call.method, call.path, self.kind)?;
        match (attempts, request_id) {
            (0 | 1, None) => Ok(()),
            (0 | 1, Some(id)) => write!(f, " (request id {id})"),
            (n, None) => write!(f, " ({n} attempts)"),
            (n, Some(id)) => write!(f, " ({n} attempts, request id {id})"),
        }
    }
}

#[apigen::needs(operations)]
impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("operation", &self.context.call.operation)
            .field("method", &self.context.call.method)
            .field("path", &self.context.call.path)
            .field("attempts", &self.context.attempts)
            .field("request_id", &self.context.request_id)
            .finish()
    }
}

/// The source is the kind's: its message is already part of this error's.
#[apigen::needs(operations)]
impl<E: ::std::error::Error + 'static> ::std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        ::std::error::Error::source(&self.kind)
    }
}

/// What went wrong in a call. `E` is the operation's own enum of documented error responses.
/// Non-exhaustive: a later version may tell more cases apart.
#[non_exhaustive]
pub enum ErrorKind<E> {
    /// The server answered with a status the operation documents as an error; the variant of `E`
    /// holds the decoded body (a text or binary body: its first [`KEPT_BODY_SIZE`] bytes).
    Api(E),
    /// The request was refused before anything was sent: a path parameter that is empty, `.` or
    /// `..`; a header parameter with characters a header cannot hold (CR, LF, other control
    /// characters); a parameter that cannot be written as its style says; a path that cannot be
    /// appended to the base URL; or an operation's own server URL that does not parse. Parameter
    /// names are shown with `{:?}`, which writes out control and bidirectional characters.
    InvalidRequest(String),
    /// No usable response: connection, TLS, timeout, redirect or I/O failure.
    Transport(::reqwest::Error),
    /// A middleware of the client's chain
    /// ([`ClientBuilder::middleware`](crate::ClientBuilder::middleware)) failed on its own, not
    /// through the request it sent: never retried.
    #[apigen::needs(operations)]
    #[cfg(feature = "middleware")]
    Middleware(Box<dyn ::std::error::Error + Send + Sync>),
    /// The response body is larger than `limit` bytes (set by
    /// [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)): refused by
    /// its `Content-Length` before reading, or as soon as the bytes read pass the limit.
    ResponseTooLarge {
        status: u16,
        limit: u64,
    },
    /// The server answered with a status the operation does not document; `body` is the first
    /// [`KEPT_BODY_SIZE`] bytes of its body.
    UnexpectedStatus {
        status: u16,
        body: Vec<u8>,
    },
    /// The server answered with a documented status, but the body is not what the spec describes;
    /// `body` is its first [`KEPT_BODY_SIZE`] bytes.
    Decode {
        status: u16,
        body: Vec<u8>,
        source: ::serde_json::Error,
    },
}

impl<E: OperationError> ErrorKind<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ErrorKind::Api(e) => Some(e.status()),
            ErrorKind::ResponseTooLarge { status, .. } | ErrorKind::UnexpectedStatus { status, .. } | ErrorKind::Decode { status, .. } => {
                Some(*status)
            }
            ErrorKind::InvalidRequest(_) | ErrorKind::Transport(_) => None,
            #[apigen::needs(operations)]
            #[cfg(feature = "middleware")]
            ErrorKind::Middleware(_) => None,
        }
    }

    /// Whether trying the call again later may succeed: a connection failure or a timeout, or a
    /// `408`, `429`, `500`, `502`, `503` or `504` response. The client's own retries are already
    /// spent when the call returns; a `POST` may have been acted on by the server, so whether to
    /// send it again is the caller's decision.
    pub fn is_retryable(&self) -> bool {
        match self {
            ErrorKind::Transport(e) => e.is_connect() || e.is_timeout(),
            ErrorKind::Decode { .. } | ErrorKind::ResponseTooLarge { .. } | ErrorKind::InvalidRequest(_) => false,
            ErrorKind::Api(_) | ErrorKind::UnexpectedStatus { .. } => self.status().is_some_and(transient),
            #[apigen::needs(operations)]
            #[cfg(feature = "middleware")]
            ErrorKind::Middleware(_) => false,
        }
    }
}

/// A status that says "not now", so a later try may succeed: a request timeout, too many requests,
/// and the server errors that pass (`501` and the rest of `5xx` do not). The retry policy retries
/// idempotent requests on them, and `Error::is_retryable` is true for them.
fn transient(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

impl<E> ErrorKind<E> {
    /// The start of the response body (at most [`KEPT_BODY_SIZE`] bytes), when the error kept one
    /// (undocumented status, undecodable body).
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            ErrorKind::UnexpectedStatus { body, .. } | ErrorKind::Decode { body, .. } => Some(body),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for ErrorKind<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Api(e) => e.fmt(f),
            ErrorKind::InvalidRequest(why) => write!(f, "invalid request: {why}"),
            ErrorKind::Transport(e) if e.is_timeout() => write!(f, "request timed out: {e}"),
            ErrorKind::Transport(e) => write!(f, "request failed: {e}"),
            #[apigen::needs(operations)]
            #[cfg(feature = "middleware")]
            ErrorKind::Middleware(e) => write!(f, "middleware failed: {e}"),
            ErrorKind::ResponseTooLarge { status, limit } => write!(
                f,
                "the body of a {status} response is larger than the limit of {limit} bytes (`ClientBuilder::max_response_size`)"
            ),
            ErrorKind::UnexpectedStatus { status, body } => {
                write!(f, "unexpected status {status}: {}", snippet(body))
            }
            ErrorKind::Decode { status, source, .. } => {
                write!(f, "could not decode the body of a {status} response: {source}")
            }
        }
    }
}

/// Like a derived `Debug`, but a body shows as at most 200 characters of text.
impl<E: fmt::Debug> fmt::Debug for ErrorKind<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Api(e) => f.debug_tuple("Api").field(e).finish(),
            ErrorKind::InvalidRequest(why) => f.debug_tuple("InvalidRequest").field(why).finish(),
            ErrorKind::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            #[apigen::needs(operations)]
            #[cfg(feature = "middleware")]
            ErrorKind::Middleware(e) => f.debug_tuple("Middleware").field(e).finish(),
            ErrorKind::ResponseTooLarge { status, limit } => {
                f.debug_struct("ResponseTooLarge").field("status", status).field("limit", limit).finish()
            }
            ErrorKind::UnexpectedStatus { status, body } => {
                f.debug_struct("UnexpectedStatus").field("status", status).field("body", &snippet(body)).finish()
            }
            ErrorKind::Decode { status, body, source } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("body", &snippet(body))
                .field("source", source)
                .finish(),
        }
    }
}

impl<E: ::std::error::Error + 'static> ::std::error::Error for ErrorKind<E> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            ErrorKind::Api(e) => Some(e),
            ErrorKind::Transport(e) => Some(e),
            ErrorKind::Decode { source, .. } => Some(source),
            #[apigen::needs(operations)]
            #[cfg(feature = "middleware")]
            ErrorKind::Middleware(e) => Some(&**e),
            ErrorKind::InvalidRequest(_) | ErrorKind::ResponseTooLarge { .. } | ErrorKind::UnexpectedStatus { .. } => None,
        }
    }
}

/// Implemented by every operation's error enum.
pub trait OperationError: fmt::Debug + fmt::Display {
    /// The HTTP status of the response.
    fn status(&self) -> u16;
}

/// At most 200 characters of a body, for messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.into_owned(),
    }
}

/// `url` fit to show: its user name and password, and the values of the query parameters named in
/// `secret_query` (API keys), replaced by `REDACTED`.
pub(crate) fn shown_url(url: &::reqwest::Url, secret_query: &[&str]) -> ::reqwest::Url {
    let mut url = url.clone();
    if !url.username().is_empty() {
        let _ = url.set_username("REDACTED");
    }
    if url.password().is_some() {
        let _ = url.set_password(Some("REDACTED"));
    }
    if url.query_pairs().any(|(name, _)| secret_query.contains(&&*name)) {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if secret_query.contains(&&*name) { "REDACTED".into() } else { value.into_owned() };
                (name.into_owned(), value)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url
}

/// A base URL as given (maybe not a valid URL) fit to show: what precedes an `@` in its authority
/// (a user name and password) and its query are replaced by `REDACTED`.
pub(crate) fn shown_url_text(text: &str) -> String {
    let start = text.find("://").map_or(0, |i| i + 3);
    let (scheme, rest) = text.split_at(start);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    let authority = match authority.rfind('@') {
        Some(at) => format!("REDACTED{}", authority.split_at(at).1),
        None => authority.to_owned(),
    };
    let rest = match rest.split_once('?') {
        Some((path, _)) => format!("{path}?REDACTED"),
        None => rest.to_owned(),
    };
    format!("{scheme}{authority}{rest}")
}

/// A secret (token, password) whose `Debug` never shows it.
#[apigen::needs(secret)]
#[derive(Clone)]
pub(crate) struct Secret(String);

#[apigen::needs(secret)]
impl Secret {
    pub(crate) fn new(value: String) -> Self {
        Secret(value)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

#[apigen::needs(secret)]
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The redirect policy of a client that sends an API key in a header of its own. reqwest drops
/// `Authorization` and `Cookie` when a redirect leaves the origin, but not such a header: so
/// redirects are followed (at most 10, as reqwest's default) only within the scheme, host and port.
#[apigen::needs(header_key)]
pub(crate) fn same_origin_redirects() -> ::reqwest::redirect::Policy {
    ::reqwest::redirect::Policy::custom(|attempt| {
        let leaves = attempt.previous().last().is_some_and(|from| from.origin() != attempt.url().origin());
        if leaves {
            attempt.error("a redirect to another origin is not followed: it would carry the API key header")
        } else if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

/// One piece of a path template.
#[apigen::needs(operations)]
pub(crate) enum PathPart<'a> {
    /// Text from the spec, used as is.
    Literal(&'a str),
    /// A parameter that fills a whole segment: percent-encoded, and refused when empty, `.` or `..`
    /// (which would change the path's shape).
    #[apigen::needs(segment)]
    Segment(&'a str, &'a str),
    /// A parameter inside a segment: percent-encoded.
    #[apigen::needs(inner)]
    Inner(&'a str),
    /// A parameter that fills a whole segment, already expanded and encoded by [`expand`]:
    /// refused when empty, `.` or `..`.
    #[apigen::needs(expanded)]
    Expanded(&'a str, &'a str),
}

/// Everything but RFC 3986 unreserved characters is percent-encoded in a path parameter, so a
/// value can never add a segment (`/`), start a query (`?`) or a fragment (`#`).
#[apigen::needs(path_params)]
const SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A variable of the spec's server URL (`ClientBuilder::server_variable`).
#[apigen::needs(server_variables)]
pub(crate) struct ServerVariable {
    pub(crate) name: &'static str,
    pub(crate) default: &'static str,
    /// The values it may take; empty: any.
    pub(crate) values: &'static [&'static str],
    /// In the host (or port): a value must be DNS labels, so it cannot add a user, a port, a
    /// path or a query, and under a fixed domain (`{region}.example.com`) it stays under it.
    pub(crate) in_host: bool,
}

/// What a server variable's value in the path keeps as it is: unreserved characters and `/`
/// (a variable may hold a base path, `/api/v2`). `?`, `#` and `%` are encoded.
#[apigen::needs(server_variables)]
const SERVER_PATH: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// `template` with each `{name}` replaced by the caller's value of that variable, else its
/// default. Refuses an unknown variable, a value the spec does not list, and in the host a value
/// that is not DNS labels (letters, digits and `-`, separated by `.`); in the path a value is
/// percent-encoded (but for `/`).
#[apigen::needs(server_variables)]
pub(crate) fn server_url(
    template: &str,
    variables: &[ServerVariable],
    values: &[(String, String)],
) -> Result<String, String> {
    if let Some((name, _)) = values.iter().find(|(n, _)| !variables.iter().any(|v| v.name == n)) {
        return Err(format!("the server URL has no variable `{name}`"));
    }
    let label = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let mut url = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        url.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match variables.iter().find(|v| v.name == name) {
            Some(v) => {
                let value = values.iter().rev().find(|(n, _)| n == name).map_or(v.default, |(_, value)| value.as_str());
                if !v.values.is_empty() && !v.values.contains(&value) {
                    return Err(format!("server variable `{name}` must be one of {:?}, not {value:?}", v.values));
                }
                if v.in_host {
                    if !value.split('.').all(label) {
                        return Err(format!("server variable `{name}` is in the host: {value:?} is not DNS labels"));
                    }
                    url.push_str(value);
                } else {
                    url.extend(::percent_encoding::utf8_percent_encode(value, SERVER_PATH));
                }
            }
            None => url.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    url.push_str(rest);
    Ok(url)
}

/// `base` followed by the encoded path.
#[apigen::needs(operations)]
pub(crate) fn build_url<E>(base: &::reqwest::Url, parts: &[PathPart<'_>]) -> Result<::reqwest::Url, ErrorKind<E>> {
    let mut path = String::new();
    for part in parts {
        match part {
            PathPart::Literal(text) => path.push_str(text),
            #[apigen::needs(segment)]
            PathPart::Segment(name, value) => {
                whole_segment(name, value)?;
                path.extend(::percent_encoding::utf8_percent_encode(value, SEGMENT));
            }
            #[apigen::needs(inner)]
            PathPart::Inner(value) => path.extend(::percent_encoding::utf8_percent_encode(value, SEGMENT)),
            #[apigen::needs(expanded)]
            PathPart::Expanded(name, text) => {
                whole_segment(name, text)?;
                path.push_str(text);
            }
        }
    }
    // Values side by side (`/{year}{month}`, `/.{ext}`) can still make a `.` or `..` segment,
    // which the URL parser would resolve, sending the request to another path.
    let segments = path.split(['?', '#']).next().unwrap_or_default();
    if segments.split('/').any(dot_segment) {
        return Err(ErrorKind::InvalidRequest(format!("the path {path:?} has a `.` or `..` segment")));
    }
    // The message shows the path, not the base URL: it may hold a user name and password.
    ::reqwest::Url::parse(&format!("{}{path}", base.as_str().trim_end_matches('/')))
        .map_err(|e| ErrorKind::InvalidRequest(format!("cannot append the path {path:?} to the base URL: {e}")))
}

/// Whether the URL parser reads `segment` as `.` or `..` (also written with `%2e`).
#[apigen::needs(operations)]
fn dot_segment(segment: &str) -> bool {
    matches!(segment.to_ascii_lowercase().as_str(), "." | ".." | "%2e" | ".%2e" | "%2e." | "%2e%2e")
}

/// Refuses a value that would change the path's shape as a whole segment: empty, `.` or `..`.
#[apigen::needs(whole_segment)]
fn whole_segment<E>(name: &str, value: &str) -> Result<(), ErrorKind<E>> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(ErrorKind::InvalidRequest(format!("path parameter {name:?} must not be {value:?}")));
    }
    Ok(())
}

/// A header parameter's value, refused before sending when it is not a valid header value (CR, LF,
/// NUL and other control characters would otherwise split or smuggle headers). Marked sensitive,
/// as header and cookie parameters often carry credentials the spec does not declare as a
/// security scheme: `Debug` of a request hides it and HTTP/2 does not index it. Unlike an API key
/// declared in a header, it still follows reqwest's redirect policy, which drops only
/// `Authorization`, `Cookie` and the like when a redirect leaves the origin: most header
/// parameters (`Range`, `If-None-Match`, request ids) must survive the redirect of a download to
/// another host. A caller who puts a credential in one can pass a client that does not follow
/// redirects ([`ClientBuilder::http_client`](crate::ClientBuilder::http_client)).
#[apigen::needs(headers)]
pub(crate) fn header_value<E>(name: &str, value: &str) -> Result<::reqwest::header::HeaderValue, ErrorKind<E>> {
    let mut value = ::reqwest::header::HeaderValue::from_str(value).map_err(|_| {
        ErrorKind::InvalidRequest(format!("header parameter {name:?} contains characters not allowed in an HTTP header"))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// `name=value` for the `Cookie` header, the value percent-encoded so it cannot end the pair.
#[apigen::needs(cookies)]
pub(crate) fn cookie_pair(name: &str, value: &str) -> String {
    format!("{name}={}", ::percent_encoding::utf8_percent_encode(value, SEGMENT))
}

/// What `send` of an operation that documents response headers returns: the body of
/// `send_with_headers`, the headers dropped (one future for every such operation).
#[apigen::needs(response_headers)]
pub(crate) fn body_only<'a, T: Send + 'a, H: Send + 'a, E: Send + 'a>(
    with_headers: crate::operations::ResponseFuture<'a, (T, H), E>,
) -> crate::operations::ResponseFuture<'a, T, E> {
    Box::pin(async move { with_headers.await.map(|(body, _)| body) })
}

/// A struct being written as an object, field by field: the structs' `Serialize` impls are one
/// statement per field into this rather than serde's derive, which type-checks several times
/// slower (a quarter of a large API's compile time). Fields are written in order; the first error
/// is kept and returned by [`ObjectWriter::end`].
#[apigen::needs(object)]
pub(crate) struct ObjectWriter<S: ::serde::Serializer> {
    map: S::SerializeMap,
    error: Option<S::Error>,
}

#[apigen::needs(object)]
impl<S: ::serde::Serializer> ObjectWriter<S> {
    pub(crate) fn write(serializer: S) -> Result<Self, S::Error> {
        Ok(ObjectWriter { map: serializer.serialize_map(None)?, error: None })
    }

    /// A field always written.
    #[apigen::needs(write_field)]
    pub(crate) fn required<T: ::serde::Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_some() {
            return;
        }
        if let Err(e) = ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value) {
            self.error = Some(e);
        }
    }

    /// An optional field: left out when `None`. An optional, nullable field (`Option<Option<T>>`)
    /// is `null` when `Some(None)`.
    #[apigen::needs(write_optional)]
    pub(crate) fn optional<T: ::serde::Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.required(key, value);
        }
    }

    pub(crate) fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(e) => Err(e),
            None => ::serde::ser::SerializeMap::end(self.map),
        }
    }
}

/// A JSON object being read into a struct, field by field. A struct's `Deserialize` is one call
/// per field into this, in a closure that builds the struct, rather than serde's derive, whose
/// per-struct visitor is most of a large API's compile time. A field that cannot be read gives
/// `None` and keeps its error, so only required fields need a `?` (on an `Option`, which
/// type-checks faster than one on the deserializer's error); the first error is the struct's.
/// Fields the struct does not know are ignored.
#[apigen::needs(object)]
pub(crate) struct Object {
    fields: ::serde_json::Map<String, ::serde_json::Value>,
    error: Option<String>,
}

#[apigen::needs(object)]
impl Object {
    /// Reads a JSON object and builds a struct from its fields with `build`: the struct, or the
    /// first field's error.
    pub(crate) fn read<'de, D: ::serde::Deserializer<'de>, T>(
        deserializer: D,
        build: impl FnOnce(&mut Object) -> Option<T>,
    ) -> Result<T, D::Error> {
        let fields = <::serde_json::Map<String, ::serde_json::Value> as ::serde::Deserialize>::deserialize(deserializer)?;
        let mut object = Object { fields, error: None };
        let value = build(&mut object);
        match (value, object.error) {
            (Some(value), None) => Ok(value),
            (_, error) => Err(<D::Error as ::serde::de::Error>::custom(error.as_deref().unwrap_or("invalid object"))),
        }
    }

    /// A field the schema requires: `None` when it is missing or cannot be read.
    #[apigen::needs(object_required)]
    pub(crate) fn required<T: ::serde::de::DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        match self.fields.remove(key) {
            Some(value) => self.field(key, value),
            None => self.fail(format!("missing field `{key}`")),
        }
    }

    /// A required writeOnly field: absent, as in every response, is its default; `None` when it
    /// cannot be read.
    #[apigen::needs(object_defaulted)]
    pub(crate) fn defaulted<T: ::serde::de::DeserializeOwned + Default>(&mut self, key: &'static str) -> Option<T> {
        match self.fields.remove(key) {
            Some(value) => self.field(key, value),
            None => Some(T::default()),
        }
    }

    /// An optional field: absent or `null` is `None`.
    #[apigen::needs(object_optional)]
    pub(crate) fn optional<T: ::serde::de::DeserializeOwned>(&mut self, key: &'static str) -> Option<T> {
        match self.fields.remove(key) {
            Some(value) => self.field::<Option<T>>(key, value).flatten(),
            None => None,
        }
    }

    /// An optional, nullable field: absent is `None`, `null` is `Some(None)`.
    #[apigen::needs(nullable)]
    pub(crate) fn nullable<T: ::serde::de::DeserializeOwned>(&mut self, key: &'static str) -> Option<Option<T>> {
        match self.fields.remove(key) {
            Some(value) => self.field(key, value),
            None => None,
        }
    }

    /// One field's value; an error names the field (nested fields give a path: `a: b: ...`).
    #[apigen::needs(object_field)]
    fn field<T: ::serde::de::DeserializeOwned>(&mut self, key: &str, value: ::serde_json::Value) -> Option<T> {
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(e) => self.fail(format!("{key}: {e}")),
        }
    }

    /// `None`, the first error kept.
    #[apigen::needs(object_field)]
    fn fail<T>(&mut self, message: String) -> Option<T> {
        self.error.get_or_insert(message);
        None
    }
}

/// The query pairs of a parameter that is a list, an object, a map or a union (unencoded: the
/// query encodes them). `deep` (`deepObject`): `name[key]=v` for objects and `name[0]=v` for
/// lists, nested alike. Otherwise form style: exploded, a list repeats `name` and an object gives
/// one `key=value` per member; not exploded (or space- or pipe-delimited), one `name=` whose
/// value joins the items, or an object's keys and values, with `sep`. `null` members are left out.
#[apigen::needs(query_pairs)]
pub(crate) fn query_pairs<T: ::serde::Serialize + ?Sized, E>(
    name: &str,
    value: &T,
    deep: bool,
    explode: bool,
    sep: char,
) -> Result<Vec<(String, String)>, ErrorKind<E>> {
    fn walk(key: String, value: &::serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            ::serde_json::Value::Null => {}
            ::serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(format!("{key}[{i}]"), item, out);
                }
            }
            ::serde_json::Value::Object(map) => {
                for (k, v) in members(map) {
                    walk(format!("{key}[{k}]"), v, out);
                }
            }
            scalar => out.push((key, param_text(scalar, ','))),
        }
    }
    let value = to_json(name, value)?;
    let mut out = Vec::new();
    match &value {
        _ if deep => walk(name.to_owned(), &value, &mut out),
        ::serde_json::Value::Null => {}
        ::serde_json::Value::Array(items) if explode => {
            out.extend(items.iter().filter(|v| !v.is_null()).map(|v| (name.to_owned(), param_text(v, ','))));
        }
        ::serde_json::Value::Object(map) if explode => {
            out.extend(members(map).map(|(k, v)| (k.clone(), param_text(v, ','))));
        }
        other => out.push((name.to_owned(), param_text(other, sep))),
    }
    Ok(out)
}

/// A path or header parameter that is a list, an object, a map or a union, expanded as RFC 6570
/// does with `operator` (`""` simple, `"."` label, `";"` matrix): `a,b`, `.a.b` or `.a,b`,
/// `;id=a;id=b` or `;id=a,b`; an object as `k,v,k2,v2`, or exploded `k=v,k2=v2`. With `encode`
/// (paths) every name and value is percent-encoded, so only the operator's own delimiters stay
/// as they are and the value cannot leave its segment.
#[apigen::needs(expand)]
pub(crate) fn expand<T: ::serde::Serialize + ?Sized, E>(
    name: &str,
    value: &T,
    operator: &str,
    explode: bool,
    encode: bool,
) -> Result<String, ErrorKind<E>> {
    let enc = |s: &str| {
        if encode {
            ::percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
        } else {
            s.to_owned()
        }
    };
    let value = to_json(name, value)?;
    // A scalar is a list of one; an object's items carry their key.
    let items: Vec<(Option<String>, String)> = match &value {
        ::serde_json::Value::Null => Vec::new(),
        ::serde_json::Value::Array(items) => {
            items.iter().filter(|v| !v.is_null()).map(|v| (None, enc(&param_text(v, ',')))).collect()
        }
        ::serde_json::Value::Object(map) => {
            members(map).map(|(k, v)| (Some(enc(k)), enc(&param_text(v, ',')))).collect()
        }
        scalar => vec![(None, enc(&param_text(scalar, ',')))],
    };
    let name = enc(name);
    let pieces: Vec<String> = items
        .into_iter()
        .map(|(key, value)| match (key, explode, operator) {
            (None, true, ";") => format!("{name}={value}"),
            (Some(key), true, _) => format!("{key}={value}"),
            (Some(key), false, _) => format!("{key},{value}"),
            (None, _, _) => value,
        })
        .collect();
    Ok(match (operator, explode) {
        (";", true) => pieces.iter().map(|p| format!(";{p}")).collect(),
        (";", false) if pieces.is_empty() => format!(";{name}"),
        (";", false) => format!(";{name}={}", pieces.join(",")),
        (".", true) => format!(".{}", pieces.join(".")),
        (operator, _) => format!("{operator}{}", pieces.join(",")),
    })
}

/// A parameter described by `content: application/json`: the value as JSON text.
#[apigen::needs(json_param)]
pub(crate) fn json_text<T: ::serde::Serialize + ?Sized, E>(name: &str, value: &T) -> Result<String, ErrorKind<E>> {
    ::serde_json::to_string(value).map_err(|e| ErrorKind::InvalidRequest(format!("parameter {name:?} cannot be written: {e}")))
}

/// A parameter as JSON, the common ground of every style.
#[apigen::needs(param_text)]
fn to_json<T: ::serde::Serialize + ?Sized, E>(name: &str, value: &T) -> Result<::serde_json::Value, ErrorKind<E>> {
    ::serde_json::to_value(value).map_err(|e| ErrorKind::InvalidRequest(format!("parameter {name:?} cannot be written: {e}")))
}

/// An object's members without `null`s, sorted by key so the request is the same whatever
/// serde_json's map order.
#[apigen::needs(param_text)]
fn members(map: &::serde_json::Map<String, ::serde_json::Value>) -> impl Iterator<Item = (&String, &::serde_json::Value)> {
    let mut entries: Vec<_> = map.iter().filter(|(_, v)| !v.is_null()).collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries.into_iter()
}

/// A value as parameter text: a string as is, a list's items or an object's keys and values
/// joined with `sep` (nested ones with commas).
#[apigen::needs(param_text)]
fn param_text(value: &::serde_json::Value, sep: char) -> String {
    match value {
        ::serde_json::Value::Null => String::new(),
        ::serde_json::Value::String(s) => s.clone(),
        ::serde_json::Value::Array(items) => {
            items.iter().filter(|v| !v.is_null()).map(|v| param_text(v, ',')).collect::<Vec<_>>().join(&sep.to_string())
        }
        ::serde_json::Value::Object(map) => members(map)
            .flat_map(|(k, v)| [k.clone(), param_text(v, ',')])
            .collect::<Vec<_>>()
            .join(&sep.to_string()),
        other => other.to_string(),
    }
}

/// A response read to the end.
#[apigen::needs(operations)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    #[apigen::needs(response_headers)]
    pub(crate) headers: ::reqwest::header::HeaderMap,
    #[apigen::needs(response_body)]
    body: Vec<u8>,
}

/// When an operation's request is sent again, and how long the client waits before it.
///
/// A request is retried after a connection failure (nothing reached the server, so any request),
/// and after a `408`, `429`, `500`, `502`, `503` or `504` response when it is idempotent: its
/// method is `GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS` or `TRACE`, or it carries an
/// `Idempotency-Key` header. A request whose body is a stream cannot be sent twice and is sent
/// once. The wait is what the response's `Retry-After` says (seconds or an HTTP date), up to
/// [`Self::max_retry_after`] (a longer one ends the retries: the response is returned), else an
/// exponential backoff with jitter. Every attempt and every wait fits in the client's timeout,
/// the deadline of the whole call: a retry that could not start before it is not made.
///
/// Set with [`ClientBuilder::retry`](crate::ClientBuilder::retry); [`RetryPolicy::none`] turns
/// retries off.
#[apigen::needs(operations)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: ::std::time::Duration,
    max_backoff: ::std::time::Duration,
    max_retry_after: ::std::time::Duration,
}

#[apigen::needs(operations)]
impl RetryPolicy {
    /// The default: two retries; a backoff of 0.5 s doubling up to 8 s, each wait between half
    /// and all of it; `Retry-After` followed up to 60 s.
    pub const fn new() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: ::std::time::Duration::from_millis(500),
            max_backoff: ::std::time::Duration::from_secs(8),
            max_retry_after: ::std::time::Duration::from_secs(60),
        }
    }

    /// No retries: every request is sent once.
    pub const fn none() -> Self {
        RetryPolicy::new().max_retries(0)
    }

    /// How many times a request may be sent again after the first attempt.
    pub const fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff before the first retry, doubled for each next one up to `max`.
    pub const fn backoff(mut self, initial: ::std::time::Duration, max: ::std::time::Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// The longest `Retry-After` the client waits for.
    pub const fn max_retry_after(mut self, max: ::std::time::Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// The wait before retry number `retry` (0 for the first) when the response names none: the
    /// exponential step, its second half random (jitter spreads out clients that failed together).
    fn backoff_for(&self, retry: u32) -> ::std::time::Duration {
        let step = self.initial_backoff.saturating_mul(2u32.saturating_pow(retry)).min(self.max_backoff);
        let half = step / 2;
        half + half.mul_f64(::fastrand::f64())
    }

    /// The wait before the next attempt after `result`, or `None` when it is not retried.
    fn wait_after(
        &self,
        result: &Result<::reqwest::Response, ::reqwest::Error>,
        idempotent: bool,
        retry: u32,
    ) -> Option<::std::time::Duration> {
        match result {
            Err(e) if e.is_connect() => Some(self.backoff_for(retry)),
            Ok(response) if idempotent && transient(response.status().as_u16()) => {
                match retry_after(response.headers()) {
                    Some(after) if after > self.max_retry_after => None,
                    Some(after) => Some(after),
                    None => Some(self.backoff_for(retry)),
                }
            }
            _ => None,
        }
    }
}

#[apigen::needs(operations)]
impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

/// Behaviour added around every request the client sends: extra headers, a signature, metrics,
/// logs. Both methods run once per attempt, so a retried request is seen again; hooks run in the
/// order they were added with [`ClientBuilder::hook`](crate::ClientBuilder::hook). The crate's
/// README has an example of each.
#[apigen::needs(operations)]
pub trait Hook: Send + Sync {
    /// Called with each attempt's request just before it is sent: it may add or change headers,
    /// the URL or the body (to sign the body: `request.body().and_then(|b| b.as_bytes())`).
    fn before(&self, request: &mut ::reqwest::Request) {
        let _ = request;
    }

    /// Called when an attempt has its response head, or failed.
    fn after(&self, attempt: &Attempt<'_>) {
        let _ = attempt;
    }
}

/// An attempt that ended, as [`Hook::after`] sees it.
#[apigen::needs(operations)]
#[non_exhaustive]
pub struct Attempt<'a> {
    /// The operation: its `operationId`, else its method's name.
    pub operation: &'a str,
    /// The operation's path as the spec writes it (`/items/{id}`): a label that does not vary
    /// with the parameters.
    pub path: &'a str,
    /// The request's method.
    pub method: &'a ::reqwest::Method,
    /// The request's URL, API keys sent in the query shown as `REDACTED`.
    pub url: &'a ::reqwest::Url,
    /// 1 for the first attempt, 2 for the first retry, and so on.
    pub number: u32,
    /// From sending the request to its response head or its failure.
    pub elapsed: ::std::time::Duration,
    /// The response, its body not read yet, or the transport error.
    pub outcome: Result<&'a ::reqwest::Response, &'a ::reqwest::Error>,
}

/// A response's `Retry-After`: a number of seconds, or an HTTP date (a past one is now).
#[apigen::needs(operations)]
fn retry_after(headers: &::reqwest::header::HeaderMap) -> Option<::std::time::Duration> {
    let value = headers.get(::reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(::std::time::Duration::from_secs(seconds));
    }
    let at = ::httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(::std::time::SystemTime::now()).unwrap_or_default())
}

/// The operation a request belongs to, as spans and errors name it: its `operationId` (else its
/// method's name), its method, and its path as the spec writes it, `{id}` and all, never the
/// filled-in path.
#[apigen::needs(operations)]
pub(crate) struct Call {
    pub(crate) operation: &'static str,
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
}

/// A call as its errors name it: the operation, the attempts made, the last response's request id.
#[apigen::needs(operations)]
#[derive(Clone)]
pub(crate) struct Context {
    call: &'static Call,
    attempts: u32,
    request_id: Option<Box<str>>,
}

#[apigen::needs(operations)]
impl Context {
    fn new(call: &'static Call) -> Self {
        Context { call, attempts: 0, request_id: None }
    }

    /// `kind` as an error of this call.
    fn error<E>(&self, kind: ErrorKind<E>) -> Error<E> {
        Error { kind, context: self.clone() }
    }
}

/// The headers a server names its response with, for its support to find it: the first one sent
/// is [`Error::request_id`].
#[apigen::needs(operations)]
const REQUEST_ID_HEADERS: [&str; 8] = [
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-github-request-id",
    "x-ms-request-id",
    "x-correlation-id",
    "cf-ray",
];

/// The response's request id: visible ASCII only (no control character reaches a log line), cut
/// to 128 characters.
#[apigen::needs(operations)]
fn request_id(headers: &::reqwest::header::HeaderMap) -> Option<Box<str>> {
    let value = REQUEST_ID_HEADERS.iter().find_map(|name| headers.get(*name))?.to_str().ok()?;
    Some(value.chars().take(128).collect::<String>().into_boxed_str())
}

/// The query parameters an error's or a hook's URL hides: API keys sent in the query.
#[apigen::needs(operations)]
const SECRET_QUERY: &[&str] = crate::Client::SECRET_QUERY;

/// An operation's call: sends `request` (unless building it failed) as [`respond`] does and reads
/// the whole response with `decode`; a failure becomes an [`Error`] naming the call.
#[apigen::needs(operations)]
pub(crate) async fn call<T, E>(
    client: &crate::Client,
    request: Result<::reqwest::RequestBuilder, ErrorKind<E>>,
    call: &'static Call,
    decode: fn(RawResponse) -> Result<T, ErrorKind<E>>,
) -> Result<T, Error<E>> {
    let mut context = Context::new(call);
    let result = async {
        let response = respond(client, request?, &mut context, true).await?;
        decode(read(response, client.max_response_size).await?)
    }
    .await;
    result.map_err(|kind| context.error(kind))
}

/// The call of an operation whose successful body is read as it arrives: the response of a
/// status `success` accepts, its body unread; any other response is read whole (within the size
/// limit) and is the operation's error.
#[apigen::needs(streaming)]
async fn open<E: FromResponse>(
    client: &crate::Client,
    request: Result<::reqwest::RequestBuilder, ErrorKind<E>>,
    call: &'static Call,
    success: fn(u16) -> bool,
) -> Result<(::reqwest::Response, Context), Error<E>> {
    let mut context = Context::new(call);
    let response = async { respond(client, request?, &mut context, false).await }.await;
    match response {
        Ok(response) if success(response.status().as_u16()) => Ok((response, context)),
        Ok(response) => {
            let kind = match read(response, client.max_response_size).await {
                Ok(raw) => raw.into_error(),
                Err(kind) => kind,
            };
            Err(context.error(kind))
        }
        Err(kind) => Err(context.error(kind)),
    }
}

/// A transport error, its URL shown through [`shown_url`] (no API key sent in the query).
#[apigen::needs(operations)]
fn transport<E>(mut e: ::reqwest::Error) -> ErrorKind<E> {
    if let Some(url) = e.url_mut() {
        *url = shown_url(url, SECRET_QUERY);
    }
    ErrorKind::Transport(e)
}

/// Sends the request, again as the client's retry policy allows, and returns the last attempt's
/// response, its body not read yet. The client's extra headers are added and its hooks run for
/// each attempt. `whole`: the body will be read to the end, and the client's timeout is the
/// deadline of the whole call, from connecting to the body's last byte of the last attempt
/// (whatever `reqwest::Client` sends it). Otherwise (a stream) the timeout bounds the retries and
/// each wait for bytes, not the body's length in time. `context` counts the attempts as they
/// start and takes the last response's request id.
#[apigen::needs(operations)]
async fn respond<E>(
    client: &crate::Client,
    request: ::reqwest::RequestBuilder,
    context: &mut Context,
    whole: bool,
) -> Result<::reqwest::Response, ErrorKind<E>> {
    let (retry, hooks, call) = (&client.retry, &client.hooks[..], context.call);
    let deadline = ::tokio::time::Instant::now() + client.timeout;
    let (http, request) = request.build_split();
    let mut request = request.map_err(transport)?;
    for (name, value) in &client.headers {
        request.headers_mut().insert(name, value.clone());
    }
    let idempotent = [
        ::reqwest::Method::GET,
        ::reqwest::Method::HEAD,
        ::reqwest::Method::PUT,
        ::reqwest::Method::DELETE,
        ::reqwest::Method::OPTIONS,
        ::reqwest::Method::TRACE,
    ]
    .contains(request.method())
        || request.headers().contains_key("idempotency-key");
    let mut retries = 0;
    let response = loop {
        // A copy for the next attempt, unless none is left or the body is a stream.
        let spare = if retries < retry.max_retries { request.try_clone() } else { None };
        if whole {
            *request.timeout_mut() = Some(deadline.saturating_duration_since(::tokio::time::Instant::now()));
        }
        for hook in hooks {
            hook.before(&mut request);
        }
        let seen = (!hooks.is_empty()).then(|| (request.method().clone(), shown_url(request.url(), SECRET_QUERY)));
        context.attempts = retries + 1;
        let started = ::std::time::Instant::now();
        // A span per attempt; the path is the template, and no header, query or body is recorded.
        #[cfg(feature = "tracing")]
        let span = ::tracing::info_span!(
            "request",
            operation = call.operation,
            method = %request.method(),
            path = call.path,
            attempt = retries + 1,
            status = ::tracing::field::Empty,
            duration_ms = ::tracing::field::Empty,
        );
        #[cfg(feature = "tracing")]
        let result = ::tracing::Instrument::instrument(execute(client, &http, request), span.clone()).await;
        #[cfg(not(feature = "tracing"))]
        let result = execute(client, &http, request).await;
        #[cfg(feature = "tracing")]
        {
            if let Ok(Ok(response)) = &result {
                span.record("status", response.status().as_u16());
            }
            span.record("duration_ms", started.elapsed().as_millis() as u64);
        }
        // A middleware's own failure ends the call.
        let result = result?;
        if let Some((method, url)) = &seen {
            let attempt = Attempt {
                operation: call.operation,
                path: call.path,
                method,
                url,
                number: retries + 1,
                elapsed: started.elapsed(),
                outcome: result.as_ref(),
            };
            for hook in hooks {
                hook.after(&attempt);
            }
        }
        let wait = retry.wait_after(&result, idempotent, retries);
        match (wait, spare) {
            (Some(wait), Some(spare)) if ::tokio::time::Instant::now() + wait < deadline => {
                drop(result);
                ::tokio::time::sleep(wait).await;
                request = spare;
                retries += 1;
            }
            _ => break result.map_err(transport)?,
        }
    };
    context.request_id = request_id(response.headers());
    Ok(response)
}

/// One attempt: through the client's middleware chain when it has one, else straight to its HTTP
/// client. `Err` is a middleware's own failure; `Ok(Err(_))` a transport failure, which the retry
/// policy judges.
#[apigen::needs(operations)]
async fn execute<E>(
    client: &crate::Client,
    http: &::reqwest::Client,
    request: ::reqwest::Request,
) -> Result<Result<::reqwest::Response, ::reqwest::Error>, ErrorKind<E>> {
    #[cfg(feature = "middleware")]
    if let Some(chain) = &client.middleware {
        return match chain.execute(request).await {
            Ok(response) => Ok(Ok(response)),
            Err(::reqwest_middleware::Error::Reqwest(e)) => Ok(Err(e)),
            Err(::reqwest_middleware::Error::Middleware(e)) => Err(ErrorKind::Middleware(e.into())),
        };
    }
    #[cfg(not(feature = "middleware"))]
    let _ = client;
    Ok(http.execute(request).await)
}

/// Reads a response to the end. A body larger than `max_size` is refused, by its `Content-Length`
/// or as it is read.
#[apigen::needs(operations)]
async fn read<E>(mut response: ::reqwest::Response, max_size: u64) -> Result<RawResponse, ErrorKind<E>> {
    let status = response.status().as_u16();
    #[apigen::needs(response_headers)]
    let headers = response.headers().clone();
    let too_large = || ErrorKind::ResponseTooLarge { status, limit: max_size };
    let declared = response.content_length().unwrap_or(0);
    if declared > max_size {
        return Err(too_large());
    }
    // Read piece by piece, so that no more than `max_size` bytes are ever held. A body within the
    // limit is read to the end, so the connection can serve the next request; one that passes it
    // is dropped mid-body, and with it the connection.
    let mut body = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
    while let Some(piece) = response.chunk().await.map_err(transport)? {
        if (body.len() as u64).saturating_add(piece.len() as u64) > max_size {
            return Err(too_large());
        }
        body.extend_from_slice(&piece);
    }
    Ok(RawResponse {
        status,
        #[apigen::needs(response_headers)]
        headers,
        #[apigen::needs(response_body)]
        body,
    })
}

/// A response body read as it arrives: a [`Stream`](::futures_core::Stream) of byte pieces,
/// never held whole, so a download of any size takes little memory. What an operation's
/// `byte_stream` gives once the response's status is one of its successes (any other status is
/// the operation's error, as `send` gives it).
///
/// The client's size limit does not apply; its timeout bounds each wait for bytes (a stalled
/// connection fails), not the whole download. A failure while reading ends the stream with an
/// [`ErrorKind::Transport`] item.
#[apigen::needs(byte_stream)]
pub struct ByteStream<E> {
    status: u16,
    headers: ::reqwest::header::HeaderMap,
    body: ::std::pin::Pin<Box<dyn ::futures_core::Stream<Item = ::reqwest::Result<::bytes::Bytes>> + Send>>,
    context: Context,
    error: ::std::marker::PhantomData<fn() -> E>,
}

#[apigen::needs(byte_stream)]
impl<E> ByteStream<E> {
    /// The response's status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers (`Content-Type`, `Content-Length`, `Content-Disposition`, ...).
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }

    /// The body's length, when the response declares it.
    pub fn content_length(&self) -> Option<u64> {
        self.headers.get(::reqwest::header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
    }
}

#[apigen::needs(byte_stream)]
impl<E> ::futures_core::Stream for ByteStream<E> {
    type Item = Result<::bytes::Bytes, Error<E>>;

    fn poll_next(
        mut self: ::std::pin::Pin<&mut Self>,
        cx: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Option<Self::Item>> {
        let this = &mut *self;
        ::futures_core::Stream::poll_next(this.body.as_mut(), cx).map(|item| {
            item.map(|piece| piece.map_err(|e| this.context.error(transport(e))))
        })
    }
}

#[apigen::needs(byte_stream)]
impl<E> fmt::Debug for ByteStream<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").field("status", &self.status).finish_non_exhaustive()
    }
}

/// The future of an operation's `byte_stream`: the body of a response whose status `success`
/// accepts, as it arrives.
#[apigen::needs(byte_stream)]
pub(crate) fn byte_stream<'a, E: FromResponse + Send + 'a>(
    client: &'a crate::Client,
    request: Result<::reqwest::RequestBuilder, ErrorKind<E>>,
    call: &'static Call,
    success: fn(u16) -> bool,
) -> crate::operations::ResponseFuture<'a, ByteStream<E>, E> {
    Box::pin(async move {
        let (response, context) = open(client, request, call, success).await?;
        Ok(ByteStream {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: Box::pin(response.bytes_stream()),
            context,
            error: ::std::marker::PhantomData,
        })
    })
}

/// One server-sent event: its `data` decoded as the spec's schema says (the text itself when the
/// spec gives none), with the `event` name, `id` and `retry` the server set for it. Reconnecting
/// (with `Last-Event-ID`, after `retry`) is the caller's: the stream ends with the response.
#[apigen::needs(events)]
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The event's type (`event:`), when the server named one.
    pub event: Option<String>,
    /// The event's id (`id:`), which a reconnection sends back as `Last-Event-ID`.
    pub id: Option<String>,
    /// How long the server asks a client to wait before reconnecting (`retry:`).
    pub retry: Option<::std::time::Duration>,
    /// The event's data (its `data:` lines joined by newlines), decoded.
    pub data: T,
}

/// What ends the byte stream under a server-sent event stream early: the transport, or an event
/// longer than the client's size limit.
#[apigen::needs(events)]
#[derive(Debug)]
enum Cut {
    Transport(::reqwest::Error),
    TooLarge,
}

#[apigen::needs(events)]
impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cut::Transport(e) => e.fmt(f),
            Cut::TooLarge => f.write_str("an event is larger than the size limit"),
        }
    }
}

#[apigen::needs(events)]
impl ::std::error::Error for Cut {}

/// A `text/event-stream` response read event by event as it arrives: a
/// [`Stream`](::futures_core::Stream) of [`Event`]s in the order the server sent them, which ends
/// when the server closes the response. What an operation's `event_stream` gives (or `send`,
/// when events are its only success body) once the response's status is one of its successes.
///
/// An event whose data does not decode is an [`ErrorKind::Decode`] item, and the stream goes on.
/// An event larger than the client's size limit ([`ErrorKind::ResponseTooLarge`]) or a failure
/// while reading ([`ErrorKind::Transport`], also when no byte arrives within the client's
/// timeout) ends it.
#[apigen::needs(events)]
pub struct EventStream<T, E> {
    status: u16,
    headers: ::reqwest::header::HeaderMap,
    events: ::std::pin::Pin<
        Box<dyn ::futures_core::Stream<Item = Result<::sse_stream::Sse, ::sse_stream::Error>> + Send>,
    >,
    /// Bytes read since the last event, shared with the byte stream under `events`.
    pending: ::std::sync::Arc<::std::sync::atomic::AtomicU64>,
    limit: u64,
    decode: fn(&str) -> Result<T, ::serde_json::Error>,
    context: Context,
    error: ::std::marker::PhantomData<fn() -> E>,
}

#[apigen::needs(events)]
impl<T, E> EventStream<T, E> {
    /// The response's status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response's headers.
    pub fn headers(&self) -> &::reqwest::header::HeaderMap {
        &self.headers
    }
}

#[apigen::needs(events)]
impl<T, E> ::futures_core::Stream for EventStream<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(
        mut self: ::std::pin::Pin<&mut Self>,
        cx: &mut ::std::task::Context<'_>,
    ) -> ::std::task::Poll<Option<Self::Item>> {
        use ::std::task::Poll;
        let this = &mut *self;
        loop {
            let sse = match ::futures_core::Stream::poll_next(this.events.as_mut(), cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Ok(sse))) => sse,
                Poll::Ready(Some(Err(e))) => {
                    let status = this.status;
                    // Text that is not UTF-8, or a failure of the byte stream other than ours.
                    let unreadable = |e: &dyn fmt::Display| ErrorKind::Decode {
                        status,
                        body: Vec::new(),
                        source: ::serde::de::Error::custom(e),
                    };
                    let kind = match e {
                        ::sse_stream::Error::Body(cut) => match cut.downcast::<Cut>().map(|c| *c) {
                            Ok(Cut::Transport(e)) => transport(e),
                            Ok(Cut::TooLarge) => ErrorKind::ResponseTooLarge { status, limit: this.limit },
                            Err(other) => unreadable(&other),
                        },
                        other => unreadable(&other),
                    };
                    return Poll::Ready(Some(Err(this.context.error(kind))));
                }
            };
            this.pending.store(0, ::std::sync::atomic::Ordering::Relaxed);
            // A block without data (a `retry:` or `id:` alone) is not an event.
            let Some(data) = sse.data else { continue };
            let event = match (this.decode)(&data) {
                Ok(value) => Ok(Event {
                    event: sse.event,
                    id: sse.id,
                    retry: sse.retry.map(::std::time::Duration::from_millis),
                    data: value,
                }),
                Err(source) => Err(this.context.error(ErrorKind::Decode {
                    status: this.status,
                    body: kept(data.into_bytes()),
                    source,
                })),
            };
            return Poll::Ready(Some(event));
        }
    }
}

#[apigen::needs(events)]
impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream").field("status", &self.status).finish_non_exhaustive()
    }
}

/// The future of an operation's event stream: the events of a response whose status `success`
/// accepts, each one's data read by `decode`.
#[apigen::needs(events)]
pub(crate) fn event_stream<'a, T: 'a, E: FromResponse + Send + 'a>(
    client: &'a crate::Client,
    request: Result<::reqwest::RequestBuilder, ErrorKind<E>>,
    call: &'static Call,
    success: fn(u16) -> bool,
    decode: fn(&str) -> Result<T, ::serde_json::Error>,
) -> crate::operations::ResponseFuture<'a, EventStream<T, E>, E> {
    let request = request.map(|r| r.header(::reqwest::header::ACCEPT, "text/event-stream"));
    Box::pin(async move {
        let (response, context) = open(client, request, call, success).await?;
        let (status, headers) = (response.status().as_u16(), response.headers().clone());
        let limit = client.max_response_size;
        let pending = ::std::sync::Arc::new(::std::sync::atomic::AtomicU64::new(0));
        let counted = pending.clone();
        let bytes = ::futures_util::StreamExt::map(response.bytes_stream(), move |piece| {
            let piece = piece.map_err(Cut::Transport)?;
            let read = counted.fetch_add(piece.len() as u64, ::std::sync::atomic::Ordering::Relaxed);
            if read.saturating_add(piece.len() as u64) > limit {
                return Err(Cut::TooLarge);
            }
            Ok(piece)
        });
        Ok(EventStream {
            status,
            headers,
            events: Box::pin(::sse_stream::SseByteStream::new(bytes)),
            pending,
            limit,
            decode,
            context,
            error: ::std::marker::PhantomData,
        })
    })
}

/// An event's data as the text it is (the spec gives no schema, or a string).
#[apigen::needs(events_text)]
pub(crate) fn event_text(data: &str) -> Result<String, ::serde_json::Error> {
    Ok(data.to_owned())
}

/// An event's data decoded from JSON.
#[apigen::needs(events_json)]
pub(crate) fn event_json<T: ::serde::de::DeserializeOwned>(data: &str) -> Result<T, ::serde_json::Error> {
    ::serde_json::from_str(data)
}

/// A binary request body: bytes (borrowed or owned), or a stream or a file read as the request
/// is sent, never held whole. Operations with a binary body take `impl Into<Body>`: a `&[u8]`, a
/// `&Vec<u8>`, a `Vec<u8>`, [`Bytes`](::bytes::Bytes), a `tokio::fs::File` or [`Body::stream`].
///
/// A body in memory is sent again when the request is retried; a stream or a file is read once,
/// so its request is sent once.
#[apigen::needs(binary_body)]
pub struct Body<'a>(BodyInner<'a>);

#[apigen::needs(binary_body)]
enum BodyInner<'a> {
    Borrowed(&'a [u8]),
    Ready(::reqwest::Body),
}

#[apigen::needs(binary_body)]
impl Body<'_> {
    /// A body read from `stream` as it is sent, piece by piece (chunked: no `Content-Length`).
    pub fn stream<S>(stream: S) -> Self
    where
        S: ::futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn ::std::error::Error + Send + Sync>>,
        ::bytes::Bytes: From<S::Ok>,
    {
        Body(BodyInner::Ready(::reqwest::Body::wrap_stream(stream)))
    }

    /// The body to send.
    pub(crate) fn into_reqwest(self) -> ::reqwest::Body {
        match self.0 {
            BodyInner::Borrowed(bytes) => ::reqwest::Body::from(bytes.to_vec()),
            BodyInner::Ready(body) => body,
        }
    }
}

#[apigen::needs(binary_body)]
impl fmt::Debug for Body<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            BodyInner::Borrowed(bytes) => write!(f, "Body({} bytes)", bytes.len()),
            BodyInner::Ready(body) => match body.as_bytes() {
                Some(bytes) => write!(f, "Body({} bytes)", bytes.len()),
                None => f.write_str("Body(stream)"),
            },
        }
    }
}

#[apigen::needs(binary_body)]
impl<'a> From<&'a [u8]> for Body<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        Body(BodyInner::Borrowed(bytes))
    }
}

#[apigen::needs(binary_body)]
impl<'a, const N: usize> From<&'a [u8; N]> for Body<'a> {
    fn from(bytes: &'a [u8; N]) -> Self {
        Body(BodyInner::Borrowed(bytes))
    }
}

#[apigen::needs(binary_body)]
impl<'a> From<&'a Vec<u8>> for Body<'a> {
    fn from(bytes: &'a Vec<u8>) -> Self {
        Body(BodyInner::Borrowed(bytes))
    }
}

#[apigen::needs(binary_body)]
impl From<Vec<u8>> for Body<'_> {
    fn from(bytes: Vec<u8>) -> Self {
        Body(BodyInner::Ready(bytes.into()))
    }
}

#[apigen::needs(binary_body)]
impl From<::bytes::Bytes> for Body<'_> {
    fn from(bytes: ::bytes::Bytes) -> Self {
        Body(BodyInner::Ready(bytes.into()))
    }
}

/// A file, read as the request is sent.
#[apigen::needs(binary_body)]
impl From<::tokio::fs::File> for Body<'_> {
    fn from(file: ::tokio::fs::File) -> Self {
        Body(BodyInner::Ready(file.into()))
    }
}

/// A file in a `multipart/form-data` body: its content (bytes, a `tokio::fs::File` or a stream:
/// anything a [`Body`] is made from), and the file name and content type its part announces.
/// [`FilePart::open`] reads a file from disk, named after it.
#[apigen::needs(form_files)]
pub struct FilePart {
    body: Body<'static>,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[apigen::needs(form_files)]
impl FilePart {
    /// A part with this content, no file name, and the content type the spec gives (if any).
    pub fn new(body: impl Into<Body<'static>>) -> Self {
        FilePart { body: body.into(), file_name: None, content_type: None }
    }

    /// The file at `path`, read as the request is sent, named by its last component.
    pub async fn open(path: impl AsRef<::std::path::Path>) -> ::std::io::Result<Self> {
        let path = path.as_ref();
        let file = ::tokio::fs::File::open(path).await?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Ok(FilePart { body: file.into(), file_name: name, content_type: None })
    }

    /// The file name the part announces (`filename=` of its `Content-Disposition`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's content type (`image/png`), in place of the spec's.
    pub fn content_type(mut self, mime: impl Into<String>) -> Self {
        self.content_type = Some(mime.into());
        self
    }
}

#[apigen::needs(form_files)]
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("body", &self.body)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// A `multipart/form-data` body being written, part by part in the fields' order.
#[apigen::needs(forms)]
pub(crate) struct FormWriter {
    form: ::reqwest::multipart::Form,
}

#[apigen::needs(forms)]
impl FormWriter {
    pub(crate) fn new() -> Self {
        FormWriter { form: ::reqwest::multipart::Form::new() }
    }

    /// A text part: a string as it is, a number or a boolean as JSON writes it.
    #[apigen::needs(form_text)]
    pub(crate) fn text<T: ::serde::Serialize + ?Sized, E>(mut self, name: &str, value: &T) -> Result<Self, ErrorKind<E>> {
        let value = ::serde_json::to_value(value)
            .map_err(|e| ErrorKind::InvalidRequest(format!("part {name:?} cannot be written: {e}")))?;
        let text = match value {
            ::serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        self.form = self.form.text(name.to_owned(), text);
        Ok(self)
    }

    /// One text part per item, each named `name`.
    #[apigen::needs(form_texts)]
    pub(crate) fn texts<T: ::serde::Serialize, E>(mut self, name: &str, values: &[T]) -> Result<Self, ErrorKind<E>> {
        for value in values {
            self = self.text(name, value)?;
        }
        Ok(self)
    }

    /// A JSON part, its content type `application/json` unless the spec's `encoding` names another.
    #[apigen::needs(form_json)]
    pub(crate) fn json<T: ::serde::Serialize + ?Sized, E>(
        mut self,
        name: &str,
        value: &T,
        content_type: &str,
    ) -> Result<Self, ErrorKind<E>> {
        let text = ::serde_json::to_string(value)
            .map_err(|e| ErrorKind::InvalidRequest(format!("part {name:?} cannot be written: {e}")))?;
        let part = ::reqwest::multipart::Part::text(text).mime_str(content_type).map_err(|e| {
            ErrorKind::InvalidRequest(format!("part {name:?}: content type {content_type:?}: {e}"))
        })?;
        self.form = self.form.part(name.to_owned(), part);
        Ok(self)
    }

    /// A file part; its content type is the caller's, else `content_type` (the spec's `encoding`),
    /// else none.
    #[apigen::needs(form_files)]
    pub(crate) fn file<E>(mut self, name: &str, file: FilePart, content_type: Option<&str>) -> Result<Self, ErrorKind<E>> {
        let FilePart { body, file_name, content_type: chosen } = file;
        let mut part = ::reqwest::multipart::Part::stream(body.into_reqwest());
        if let Some(file_name) = file_name {
            part = part.file_name(file_name);
        }
        if let Some(mime) = chosen.as_deref().or(content_type) {
            part = part.mime_str(mime).map_err(|e| {
                ErrorKind::InvalidRequest(format!("part {name:?}: content type {mime:?}: {e}"))
            })?;
        }
        self.form = self.form.part(name.to_owned(), part);
        Ok(self)
    }

    /// One file part per file, each named `name`.
    #[apigen::needs(form_file_lists)]
    pub(crate) fn files<E>(mut self, name: &str, files: Vec<FilePart>, content_type: Option<&str>) -> Result<Self, ErrorKind<E>> {
        for file in files {
            self = self.file(name, file, content_type)?;
        }
        Ok(self)
    }

    pub(crate) fn finish(self) -> ::reqwest::multipart::Form {
        self.form
    }
}

#[apigen::needs(operations)]
impl RawResponse {
    /// The body decoded as `T`.
    #[apigen::needs(json)]
    pub(crate) fn json<T: ::serde::de::DeserializeOwned, E>(self) -> Result<T, ErrorKind<E>> {
        match ::serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(source) => Err(ErrorKind::Decode {
                status: self.status,
                body: kept(self.body),
                source,
            }),
        }
    }

    /// A documented error whose body decodes as `T`, wrapped by `variant`.
    #[apigen::needs(error_body)]
    pub(crate) fn error<T: ::serde::de::DeserializeOwned, E>(self, variant: impl FnOnce(T) -> E) -> ErrorKind<E> {
        match self.json::<T, E>() {
            Ok(body) => ErrorKind::Api(variant(body)),
            Err(e) => e,
        }
    }

    /// The body as text (a `text/*` response); bytes that are not UTF-8 are replaced, not an error.
    #[apigen::needs(text)]
    pub(crate) fn text(self) -> String {
        match String::from_utf8(self.body) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    /// The body as bytes (a binary response).
    #[apigen::needs(bytes)]
    pub(crate) fn bytes(self) -> Vec<u8> {
        self.body
    }

    /// The start of a text body, for a documented error: at most [`KEPT_BODY_SIZE`] bytes, cut
    /// at a character boundary.
    #[apigen::needs(error_text)]
    pub(crate) fn error_text(self) -> String {
        let mut text = self.text();
        if text.len() > KEPT_BODY_SIZE {
            let cut = (0..=KEPT_BODY_SIZE).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.truncate(cut);
            text.shrink_to_fit();
        }
        text
    }

    /// The start of a binary body, for a documented error: at most [`KEPT_BODY_SIZE`] bytes.
    #[apigen::needs(error_bytes)]
    pub(crate) fn error_bytes(self) -> Vec<u8> {
        kept(self.body)
    }

    /// A status the operation does not document.
    #[apigen::needs(unexpected)]
    pub(crate) fn unexpected<E>(self) -> ErrorKind<E> {
        ErrorKind::UnexpectedStatus { status: self.status, body: kept(self.body) }
    }

    /// The error of a status that is not one of the operation's successes: a documented error
    /// response of `E`, or an unexpected status.
    pub(crate) fn into_error<E: FromResponse>(self) -> ErrorKind<E> {
        E::from_response(self)
    }
}

/// Implemented by every error enum: reads a response by the error statuses the enum documents.
#[apigen::needs(operations)]
pub(crate) trait FromResponse: Sized {
    fn from_response(response: RawResponse) -> ErrorKind<Self>;
}

/// The start of a body, for an error to keep: at most [`KEPT_BODY_SIZE`] bytes, the rest freed.
#[apigen::needs(kept)]
fn kept(mut body: Vec<u8>) -> Vec<u8> {
    body.truncate(KEPT_BODY_SIZE);
    body.shrink_to_fit();
    body
}

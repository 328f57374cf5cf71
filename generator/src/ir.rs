//! The IR: everything the emitter needs, as plain owned data with every name already decided.
//!
//! Produced by [`crate::resolve`], consumed by [`crate::emit`]. Types are addressed by [`TypeId`]
//! (an index into [`Api::types`]); nodes that come from the input remember their [`Location`].
//! No JSON and no token streams live here, so `--dump-ir` can print it and tests can build it.

use crate::diag::Location;

/// Index into [`Api::types`].
pub type TypeId = usize;

/// A whole API, ready to emit.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first server of the spec, if any, its variables at their defaults: the client's
    /// default base URL (an absolute http(s) URL, or a relative one the client cannot use alone).
    pub default_base_url: Option<String>,
    /// The variables of that server's URL, when it is absolute and has some: the builder offers
    /// them (`ClientBuilder::server_variable`).
    pub server: Option<ServerTemplate>,
    /// The security schemes operations use, in component order.
    pub auth: Vec<AuthScheme>,
    /// Cargo features, one per tag, in tag order (empty unless the config asks for them).
    pub features: Vec<Feature>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The error enums: one per set of documented error responses, shared by the operations that
    /// document the same set ([`Operation::error_enum`]).
    pub error_enums: Vec<ErrorEnum>,
    /// What the input has that the client leaves out on purpose, sorted by location.
    pub warnings: Vec<crate::diag::Warning>,
}

/// The spec's first server URL as written (`https://{region}.example.com/{version}`).
#[derive(Clone, Debug, PartialEq)]
pub struct ServerTemplate {
    pub url: String,
    /// In the order the spec lists them.
    pub variables: Vec<ServerVariable>,
}

/// A variable of the server URL.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerVariable {
    pub name: String,
    pub default: String,
    /// The values it may take; empty: any.
    pub values: Vec<String>,
    /// In the URL's host (or port): a value must then be DNS labels; else it is percent-encoded.
    pub in_host: bool,
    pub doc: Option<String>,
}

/// The Rust type of a value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// Any JSON value (`{}` schemas).
    Json,
    /// A non-JSON text body (`text/*`): `String`, sent and read as is.
    Text,
    /// A binary body (`application/octet-stream`, `image/png`, ...): bytes, sent and read as is.
    Bytes,
    /// A `multipart/form-data` request body: a `reqwest::multipart::Form` the caller builds (the
    /// documented parts are listed in the method's docs).
    Multipart,
    Vec(Box<Ty>),
    /// A JSON object with string keys (`additionalProperties`), kept in key order.
    Map(Box<Ty>),
    Named(TypeId),
}

/// A struct generated from an object schema.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// A struct's fields (empty for an enum).
    pub fields: Vec<Field>,
    /// An open string enum's known values (empty for a struct); unknown values are kept too.
    pub variants: Vec<Variant>,
    /// A `oneOf`/`anyOf`: the member types, tried in order (an untagged enum), or chosen by the
    /// value of `tag_property` when the union has a discriminator.
    pub alternatives: Vec<Alternative>,
    pub tag_property: Option<String>,
    /// Every place in the spec that produced this type (structurally identical schemas share one).
    pub origins: Vec<Location>,
    /// Whether the type is sent in a request body; then its readOnly fields are never serialised.
    pub in_request: bool,
    /// The operations that send or return this type directly, for its docs.
    pub used_by: Vec<TypeUse>,
    /// Compiled when one of these features is on (empty: always).
    pub features: Vec<String>,
}

/// A cargo feature of the generated crate: the operations of one tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// The feature's name (the tag in kebab case).
    pub name: String,
    /// The tag as the spec writes it.
    pub tag: String,
    /// How many operations it brings.
    pub operations: usize,
}

/// An operation that sends or returns a type: the method name and `"request body"` or the statuses.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeUse {
    pub method: String,
    pub role: String,
}

/// One member of a `oneOf`/`anyOf`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub name: String,
    pub ty: Ty,
    /// The discriminator values that select this member (empty: untagged).
    pub tags: Vec<String>,
}

/// One known value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub wire: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The property name on the wire.
    pub wire: String,
    /// The Rust field name (sanitised, unique within the struct).
    pub name: String,
    pub ty: Ty,
    /// The field refers back to a type that contains it (recursion): `Box<T>`.
    pub boxed: bool,
    /// `required` and not `nullable`: the field is `T`, else `Option<T>`.
    pub required: bool,
    /// Optional *and* nullable: absent and `null` differ, so the field is `Option<Option<T>>`
    /// (`None`: absent, `Some(None)`: `null`).
    pub absent_or_null: bool,
    pub read_only: bool,
    pub doc: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            _ => return None,
        })
    }

    pub fn upper(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

/// One API operation: one async method on the client.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub operation_id: Option<String>,
    /// The Rust method name.
    pub method_name: String,
    /// The name of the operation's error enum: the enum itself, or an alias of the
    /// [`ErrorEnum`] it shares with other operations.
    pub error_name: String,
    /// Index into [`Api::error_enums`]: the enum of [`Operation::errors`].
    pub error_enum: usize,
    /// The name of the operation's success enum, when its success statuses have different bodies.
    pub success_name: Option<String>,
    /// Headers its success responses document: a `<method>_with_headers` returns them too.
    pub response_headers: Vec<ResponseHeader>,
    pub http_method: HttpMethod,
    /// The path template as written in the spec.
    pub path: String,
    pub path_parts: Vec<PathPart>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub success: Vec<Success>,
    pub errors: Vec<ErrorCase>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// Cursor pagination recognised in the spec: a `<method>_stream` helper is generated.
    pub pagination: Option<Pagination>,
    /// Security alternatives (indices into [`Api::auth`]): the client applies the first one whose
    /// credentials are all configured. Empty: the operation sends no credentials.
    pub auth: Vec<Vec<usize>>,
    /// The operation's own server (`servers` of the operation or its path item) when it is not
    /// the document's: an absolute URL, used while the client's base URL is the spec's default,
    /// or a path (`/v2`), resolved against the client's base URL.
    pub server: Option<String>,
    /// Compiled when one of these features (its tags') is on (empty: always).
    pub features: Vec<String>,
    pub origin: Location,
}

/// Cursor pagination: the operation takes a cursor query parameter and its response carries the
/// items and the next cursor. Field paths are Rust field names with whether each is required.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// Index into [`Operation::params`] of the cursor parameter.
    pub cursor_param: usize,
    /// The path to the next cursor in the response.
    pub cursor: Vec<(String, bool)>,
    /// The cursor field is optional and nullable (`Option<Option<String>>`).
    pub cursor_nullable: bool,
    /// The path to the items array in the response.
    pub items: Vec<(String, bool)>,
    pub item_ty: Ty,
}

/// A security scheme the client can hold credentials for.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthScheme {
    /// The name in `components/securitySchemes`.
    pub key: String,
    pub kind: AuthKind,
    /// The builder method that sets the credential (`bearer_token`, `api_key`, ...).
    pub setter: String,
    /// The scheme's variant in the client's `Scheme` enum (UpperCamelCase of the key); the
    /// client's field for the credential is named like the setter.
    pub field: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AuthKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, OAuth2, OpenID Connect.
    Bearer,
    /// `Authorization: Basic ...`.
    Basic,
    /// A key in a header, query parameter or cookie named `name`.
    ApiKey { location: ApiKeyIn, name: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyIn {
    Header,
    Query,
    Cookie,
}

/// A piece of the path template.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// A parameter (index into [`Operation::params`]); `whole_segment` when it fills a segment alone.
    Param {
        index: usize,
        whole_segment: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamIn {
    Path,
    Query,
    Header,
    /// Sent in the `Cookie` header as `name=value`, the value percent-encoded.
    Cookie,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub wire: String,
    pub name: String,
    pub location: ParamIn,
    pub ty: Ty,
    pub required: bool,
    pub deprecated: bool,
    /// How a list, object or union value is written (OpenAPI `style`).
    pub style: Style,
    /// OpenAPI `explode`: lists and objects as one `name=value` per item (or `;name=` in a path)
    /// rather than one value joined with commas.
    pub explode: bool,
    pub doc: Option<String>,
}

/// A documented response header, read into a typed field (`None` when absent or unparsable).
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseHeader {
    pub wire: String,
    pub name: String,
    /// `String`, `I64`/`I32`, `F64`/`F32` or `Bool`.
    pub ty: Ty,
    pub doc: Option<String>,
}

/// OpenAPI parameter styles (RFC 6570 expansions for paths and headers, form-style for the query
/// and cookies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Query and cookies: `tags=a&tags=b` exploded, `tags=a,b` not; an object exploded is `a=1&b=2`.
    Form,
    /// Query lists joined with spaces.
    SpaceDelimited,
    /// Query lists joined with `|`.
    PipeDelimited,
    /// Query: `filter[name]=x&filter[tags][0]=y` (objects by key, lists by index, nested too).
    DeepObject,
    /// Paths and headers: `a,b`; an object `k,v,k2,v2`, exploded `k=v,k2=v2`.
    Simple,
    /// Paths: `.a.b` exploded, `.a,b` not.
    Label,
    /// Paths: `;id=a;id=b` exploded, `;id=a,b` not.
    Matrix,
    /// Described by `content: application/json`: the value as JSON text, in any location.
    Json,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub ty: Ty,
    /// The media type sent as `Content-Type`.
    pub media: String,
    pub required: bool,
    pub doc: Option<String>,
}

/// A documented success status and its JSON body type (`None`: no body).
#[derive(Clone, Debug, PartialEq)]
pub struct Success {
    pub status: StatusMatch,
    /// The variant in the operation's success enum, when its success statuses have different
    /// bodies (`Ok`, `Created`, `NoContent`, ...); empty otherwise.
    pub variant: String,
    pub ty: Option<Ty>,
    pub doc: Option<String>,
}

/// Which statuses an error variant matches.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: 400..=499.
    Range(u16),
    Default,
}

/// An enum of documented error responses, shared by the operations that document the same ones
/// (statuses, variants, bodies and descriptions): one enum in the crate, and an alias per other
/// operation, so that signatures and docs stay per operation.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorEnum {
    /// The enum's name: the error name of the first operation that uses it.
    pub name: String,
    pub cases: Vec<ErrorCase>,
    /// The operations that use it (indices into [`Api::operations`]), in order.
    pub operations: Vec<usize>,
    /// Compiled when one of these features is on (empty: always).
    pub features: Vec<String>,
}

/// One variant of an operation's error enum.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorCase {
    pub status: StatusMatch,
    pub variant: String,
    pub ty: Option<Ty>,
    pub doc: Option<String>,
}

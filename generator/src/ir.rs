//! The IR: everything the emitter needs, as plain owned data with every name already decided.
//!
//! Produced by [`crate::resolve`], consumed by [`crate::emit`]. Types, parameters and security
//! schemes are addressed by index types ([`TypeId`], [`ParamIdx`], [`SchemeIdx`]), each of which
//! indexes only its own list and reads `type#3` in `--dump-ir`; nodes that come from the input
//! remember their [`Location`].
//! No JSON and no token streams live here (a [`RustName`] makes its identifier on demand), so
//! `--dump-ir` can print it and tests can build it.

use crate::diag::Location;

/// Defines an index type: a position in one list of the IR, printed `{prefix}#{n}` by `Debug`,
/// and usable as an index into that list only.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $item:ty) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl $name {
            pub fn new(index: usize) -> Self {
                $name(index)
            }

            /// The position in the list.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "#{}"), self.0)
            }
        }

        index_type!(@index $name, $item, [$item]);
        index_type!(@index $name, $item, Vec<$item>);
    };
    (@index $name:ident, $item:ty, $list:ty) => {
        impl std::ops::Index<$name> for $list {
            type Output = $item;

            fn index(&self, index: $name) -> &$item {
                &self[index.0]
            }
        }

        impl std::ops::IndexMut<$name> for $list {
            fn index_mut(&mut self, index: $name) -> &mut $item {
                &mut self[index.0]
            }
        }
    };
}

index_type!(
    /// Index into [`Api::types`].
    TypeId,
    "type",
    TypeDef
);
index_type!(
    /// Index into [`Operation::params`].
    ParamIdx,
    "param",
    Param
);
index_type!(
    /// Index into [`Api::auth`].
    SchemeIdx,
    "scheme",
    AuthScheme
);
index_type!(
    /// Index into [`Api::operations`].
    OperationIdx,
    "operation",
    Operation
);
index_type!(
    /// Index into [`Api::error_enums`].
    ErrorEnumIdx,
    "error_enum",
    ErrorEnum
);

/// A snake_case name the generated code declares (a method, field, argument): its raw form is
/// what code writes (`r#type` for a keyword), its plain form what docs, links and lookups by name
/// show (`type`). Made from a name [`crate::naming::sanitize`] gave, so always a valid identifier.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustName(String);

impl RustName {
    /// `name` as sanitising gives it: raw (`r#type`) when it is a keyword.
    pub fn new(name: impl Into<String>) -> Self {
        RustName(name.into())
    }

    /// The name as code writes it: `r#type`.
    pub fn raw(&self) -> &str {
        &self.0
    }

    /// The name as docs show it: `type`.
    pub fn plain(&self) -> &str {
        self.0.strip_prefix("r#").unwrap_or(&self.0)
    }

    /// The identifier, raw when the name is.
    pub fn ident(&self) -> proc_macro2::Ident {
        let span = proc_macro2::Span::call_site();
        match self.0.strip_prefix("r#") {
            Some(plain) => proc_macro2::Ident::new_raw(plain, span),
            None => proc_macro2::Ident::new(&self.0, span),
        }
    }
}

impl std::fmt::Debug for RustName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl PartialEq<str> for RustName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RustName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// `info.contact`, as far as it is usable in a manifest: a name (`Name <email>` when it has an
/// email), and a web address (http or https).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contact {
    pub author: Option<String>,
    pub url: Option<String>,
}

/// A whole API, ready to emit.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The spec's license (`info.license`), when it is an SPDX expression: the crate's default.
    pub license: Option<String>,
    /// Who publishes the API (`info.contact`): the crate's default authors and homepage.
    pub contact: Contact,
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

impl Api {
    /// The type `id` names.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id]
    }

    /// Whether some form has a file part (`FilePart`).
    pub fn has_file_parts(&self) -> bool {
        let parts = self.operations.iter().filter_map(|o| o.body.as_ref()).flat_map(|b| &b.parts);
        parts.clone().any(|p| matches!(p.kind, PartKind::File | PartKind::Files))
    }

    /// Whether some request sends bytes: a binary body, or a form's file (`Body`).
    pub fn sends_bytes(&self) -> bool {
        self.operations.iter().any(|o| o.body.as_ref().is_some_and(|b| b.ty == Ty::Bytes)) || self.has_file_parts()
    }
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

/// A type of the generated crate: its name, docs and provenance, and what kind of type it is.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// Every place in the spec that produced this type (structurally identical schemas share one).
    pub origins: Vec<Location>,
    /// Whether the type is sent in a request body; then its readOnly fields are never serialised.
    pub in_request: bool,
    /// Whether callers send the type (in a request body or a parameter): then its optional
    /// fields get `with_` setters. A type only received keeps `new` and its assignable fields.
    pub sent: bool,
    /// The operations that send or return this type directly, for its docs.
    pub used_by: Vec<TypeUse>,
    /// Compiled when one of these features is on (empty: always).
    pub features: Vec<String>,
    pub kind: TypeKind,
}

/// What a [`TypeDef`] is.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// A struct from an object schema, with its fields (none for an empty object).
    Struct(Vec<Field>),
    /// An open string enum's known values; unknown values are kept too.
    Enum(Vec<Variant>),
    /// A `oneOf`/`anyOf`: the member types, tried in order (an untagged enum), or chosen by the
    /// value of the `tag` property when the union has a discriminator.
    Union { alternatives: Vec<Alternative>, tag: Option<String> },
}

impl TypeDef {
    /// The struct's fields, or `None` when the type is an enum or a union.
    pub fn fields(&self) -> Option<&[Field]> {
        match &self.kind {
            TypeKind::Struct(fields) => Some(fields),
            TypeKind::Enum(_) | TypeKind::Union { .. } => None,
        }
    }

    /// Whether the type derives `Default`, which its `new` then is: a struct whose `new` takes
    /// no argument ([`Field::in_new`]).
    pub fn derives_default(&self) -> bool {
        matches!(&self.kind, TypeKind::Struct(fields) if !fields.iter().any(Field::in_new))
    }

    /// Whether the field is never serialised: it is readOnly and the type is sent in a body.
    pub fn never_sent(&self, field: &Field) -> bool {
        field.read_only && self.in_request
    }

    /// Whether callers set the field with a `with_` setter: it is optional, the type is sent, and
    /// the field is serialised.
    pub fn has_setter(&self, field: &Field) -> bool {
        self.sent && !field.presence.is_required() && !self.never_sent(field)
    }

    /// The types this one holds: its fields' types, or its union members' (an enum holds none).
    pub fn member_tys(&self) -> impl Iterator<Item = &Ty> {
        let (fields, alternatives): (&[Field], &[Alternative]) = match &self.kind {
            TypeKind::Struct(fields) => (fields, &[]),
            TypeKind::Enum(_) => (&[], &[]),
            TypeKind::Union { alternatives, .. } => (&[], alternatives),
        };
        fields.iter().map(|f| &f.ty).chain(alternatives.iter().map(|a| &a.ty))
    }
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
    pub method: RustName,
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
    pub name: RustName,
    /// The name of the struct's setter for it, `with_<wire>` (unique within the struct, never
    /// `new`); only optional fields have one.
    pub setter: RustName,
    pub ty: Ty,
    /// The field refers back to a type that contains it (recursion): `Box<T>`.
    pub boxed: bool,
    pub presence: Presence,
    pub read_only: bool,
    pub write_only: bool,
    /// Required, but readOnly in a type sent in a body, and of a type with a default value:
    /// `new` leaves it at that default. It is never sent, and OpenAPI's `required` of a readOnly
    /// property holds for responses only, so a caller building the type to send it need not
    /// make up a value. Decided in resolve (`lower::one_way_defaults`).
    pub defaulted: bool,
    /// Required, but writeOnly, and of a type with a default: read as that default when a
    /// response leaves it out, as servers do (OpenAPI's `required` of a writeOnly property
    /// holds for requests only). Decided in resolve (`lower::one_way_defaults`).
    pub read_default: bool,
    pub doc: Option<String>,
}

/// Whether a field may be absent or `null`, and so how it is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// `required` and not `nullable`: the field is `T`.
    Required,
    /// Optional, or required but nullable: `Option<T>`.
    Optional,
    /// Optional *and* nullable: absent and `null` differ, so the field is `Option<Option<T>>`
    /// (`None`: absent, `Some(None)`: `null`).
    OptionalNullable,
}

impl Field {
    /// Whether the struct's `new` takes the field as an argument: it is required and not
    /// [`Field::defaulted`].
    pub fn in_new(&self) -> bool {
        self.presence.is_required() && !self.defaulted
    }
}

impl Presence {
    /// The presence of a property from its schema: whether it is `required` and `nullable`.
    pub fn of(required: bool, nullable: bool) -> Self {
        match (required, nullable) {
            (true, false) => Presence::Required,
            (false, true) => Presence::OptionalNullable,
            _ => Presence::Optional,
        }
    }

    /// Whether the field is always there (`T`, not an `Option`).
    pub fn is_required(self) -> bool {
        self == Presence::Required
    }
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
    /// The names of its method and of the items generated for it.
    pub names: OperationNames,
    /// Index into [`Api::error_enums`]: the enum of [`Operation::errors`], which
    /// [`OperationNames::error`] names itself or as an alias.
    pub error_enum: ErrorEnumIdx,
    /// Headers its success responses document: its request's `send_with_headers` returns them too.
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
    /// Cursor pagination recognised in the spec: its request gets a `stream` of every item.
    pub pagination: Option<Pagination>,
    /// Its successful body can be read as it arrives: see [`Streaming`].
    pub streaming: Option<Streaming>,
    /// Security alternatives (indices into [`Api::auth`]): the client applies the first one whose
    /// credentials are all configured. Empty: the operation sends no credentials.
    pub auth: Vec<Vec<SchemeIdx>>,
    /// The operation's own server (`servers` of the operation or its path item) when it is not
    /// the document's: an absolute URL, used while the client's base URL is the spec's default,
    /// or a path (`/v2`), resolved against the client's base URL.
    pub server: Option<String>,
    /// Compiled when one of these features (its tags') is on (empty: always).
    pub features: Vec<String>,
    pub origin: Location,
}

/// The names of an operation's method and items, chosen in resolve: the emitter prints them.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationNames {
    /// The method on `Client`.
    pub method: RustName,
    /// The operation's error enum (in `errors.rs`), the name the lock records.
    pub error: String,
    /// The success enum (in `responses.rs`), when its success statuses have different bodies.
    pub success: Option<String>,
    /// The struct of the documented response headers (in `responses.rs`), when there are some.
    pub headers: Option<String>,
    /// The request builder the method returns (in `operations.rs`).
    pub request: String,
    /// The struct of its typed multipart body (in `operations.rs`), when it has one.
    pub form: Option<String>,
    /// When the operation shares its error enum: the marker type (in `errors::markers`) that
    /// makes its error type its own.
    pub marker: Option<String>,
}

/// How an operation's successful body can be read as it arrives, unbuffered.
#[derive(Clone, Debug, PartialEq)]
pub enum Streaming {
    /// As bytes (a binary body, or an operation the configuration names): its request has a
    /// `byte_stream` beside `send`.
    Bytes,
    /// As server-sent events (`text/event-stream`), each one's data of type `data` (`Ty::Text`:
    /// the text itself, when the spec gives no schema or a string). `only`: the events are the
    /// only success body, and `send` gives them; otherwise its request has an `event_stream`
    /// beside `send`, which reads the other body.
    Events { data: Ty, only: bool },
}

/// Cursor pagination: the operation takes a cursor query parameter and its response carries the
/// items and the next cursor. Field paths are Rust field names with whether each is required.
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// The cursor parameter.
    pub cursor_param: ParamIdx,
    /// The path to the next cursor in the response.
    pub cursor: Vec<(RustName, bool)>,
    /// The cursor field is optional and nullable (`Option<Option<String>>`).
    pub cursor_nullable: bool,
    /// The path to the items array in the response.
    pub items: Vec<(RustName, bool)>,
    /// The items field is optional and nullable (`Option<Option<Vec<_>>>`).
    pub items_nullable: bool,
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
    /// `Authorization: <scheme> <token>`: HTTP bearer, OAuth2 and OpenID Connect (`Bearer`), and
    /// the other HTTP schemes that take a token (`token`, ...), the scheme as the spec writes it.
    Token { scheme: String },
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
        index: ParamIdx,
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

impl ParamIn {
    /// The location as OpenAPI's `in` writes it: `path`, `query`, `header` or `cookie`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub wire: String,
    pub name: RustName,
    pub location: ParamIn,
    pub ty: Ty,
    pub required: bool,
    pub deprecated: bool,
    /// How a list, object or union value is written (OpenAPI `style`).
    pub style: Style,
    /// OpenAPI `explode`: lists and objects as one `name=value` per item (or `;name=` in a path)
    /// rather than one value joined with commas.
    pub explode: bool,
    /// How the value is written, from its type, place and style.
    pub writing: Writing,
    pub doc: Option<String>,
}

/// How the generated code writes a parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// A scalar or a string enum, as text (`Display`); in the path, percent-encoded.
    Text,
    /// A list of such: repeated (`form`, exploded) or joined (`a,b`, `a b`, `a|b`).
    List,
    /// Anything else in the query or a cookie: `runtime::query_pairs`.
    Pairs,
    /// Anything else in the path or a header, and label or matrix styles: `runtime::expand`.
    Expand,
    /// A parameter described by JSON `content`: `runtime::json_text`, then as text.
    Json,
}

/// A documented response header, read into a typed field (`None` when absent or unparsable).
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseHeader {
    pub wire: String,
    pub name: RustName,
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
    /// A `multipart/form-data` body whose schema lists its parts: a struct with a field per part
    /// ([`OperationNames::form`]). Empty: the caller builds a `reqwest::multipart::Form`.
    pub parts: Vec<FormPart>,
}

/// A part of a typed `multipart/form-data` body: a field of its form struct.
#[derive(Clone, Debug, PartialEq)]
pub struct FormPart {
    /// The part's name on the wire.
    pub wire: String,
    /// The field's name; its setter is `with_<name>`.
    pub name: RustName,
    pub kind: PartKind,
    pub required: bool,
    /// The part's content type from the spec's `encoding`.
    pub content_type: Option<String>,
    pub doc: Option<String>,
}

/// How a form part is written.
#[derive(Clone, Debug, PartialEq)]
pub enum PartKind {
    /// A string, number, boolean or string enum: a text part.
    Text(Ty),
    /// A list of those: a text part per item, each with the part's name.
    Texts(Ty),
    /// `format: binary`: a file (`FilePart`: content, file name, content type).
    File,
    /// A list of files: a part per file.
    Files,
    /// Anything else (objects, lists of objects): a JSON part.
    Json(Ty),
}

/// A documented success status and its JSON body type (`None`: no body).
#[derive(Clone, Debug, PartialEq)]
pub struct Success {
    pub status: StatusMatch,
    /// The variant in the operation's success enum, when its success statuses have different
    /// bodies (`Ok`, `Created`, `NoContent`, ...).
    pub variant: Option<String>,
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
/// (statuses, variants, bodies and descriptions). An enum of one operation is that operation's
/// error type. An enum of several is generic over a marker type (`Op`), and each operation's
/// error type is an alias of it with its own marker ([`OperationNames::marker`]): one enum's code
/// in the crate, and still a type per operation, so that signatures, docs and the caller's trait
/// impls stay per operation, and regrouping (a status added to one of them) changes no type a
/// caller names.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorEnum {
    /// The enum's name: the operation's error name, or, shared, a name of its own
    /// (`<first operation's error name>s`, unique among the crate's items).
    pub name: String,
    pub cases: Vec<ErrorCase>,
    /// The operations that use it, in order.
    pub operations: Vec<OperationIdx>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_follows_required_and_nullable() {
        assert_eq!(Presence::of(true, false), Presence::Required);
        // Required but nullable: always there, possibly `null`, so an `Option` all the same.
        assert_eq!(Presence::of(true, true), Presence::Optional);
        assert_eq!(Presence::of(false, false), Presence::Optional);
        assert_eq!(Presence::of(false, true), Presence::OptionalNullable);
        assert!(Presence::Required.is_required() && !Presence::OptionalNullable.is_required());
    }

    #[test]
    fn a_rust_name_knows_its_raw_and_plain_forms() {
        let keyword = RustName::new("r#type");
        assert_eq!((keyword.raw(), keyword.plain(), keyword.ident().to_string()), ("r#type", "type", "r#type".into()));
        let plain = RustName::new("page_size");
        assert_eq!(
            (plain.raw(), plain.plain(), plain.ident().to_string()),
            ("page_size", "page_size", "page_size".into())
        );
        assert_eq!(format!("{keyword:?}"), "\"r#type\"");
    }

    #[test]
    fn indices_read_as_what_they_index() {
        let shown = format!("{:?}", (Ty::Named(TypeId::new(3)), ParamIdx::new(0), vec![vec![SchemeIdx::new(1)]]));
        assert_eq!(shown, "(Named(type#3), param#0, [[scheme#1]])");
    }
}

//! Reading `$ref`s and following them to components (parameters, request bodies, responses,
//! headers) and path items, shared by the resolver and the drift report.
//!
//! A `$ref` is read as RFC 3986 and RFC 6901 say: the fragment after `#` is percent-decoded
//! first, then split into reference tokens and `~1`/`~0` unescaped. A malformed escape of either
//! kind is an error, never a lookup of the raw text. A reference gives the item and the JSON
//! pointer it lives at, following references to references; a loop of references that never
//! reaches an item is an error that names every step.

use openapiv3::{Header, OpenAPI, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, SecurityScheme};

use std::collections::BTreeMap;

use crate::diag::join_pointer;

/// A `$ref` into this document, read: the reference tokens of the JSON pointer it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub tokens: Vec<String>,
}

/// Why a `$ref` cannot be followed as a pointer into this document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// A reference to another file (`other.json#/...`).
    External,
    /// Malformed: what is wrong, as a whole message.
    Invalid(String),
}

impl Target {
    /// The pointer, escaped as RFC 6901 writes it (`/paths/~1a`): the form locations use.
    pub fn pointer(&self) -> String {
        self.tokens.iter().fold(String::new(), |out, token| join_pointer(&out, token))
    }

    /// The last token when the target is directly under `prefix` (`["components", "schemas"]`
    /// for a schema component).
    pub fn under(&self, prefix: &[&str]) -> Option<&str> {
        let (last, parents) = self.tokens.split_last()?;
        (parents.len() == prefix.len() && parents.iter().zip(prefix).all(|(a, b)| a == b)).then_some(last.as_str())
    }

    /// What OpenAPI's structure puts at the target.
    pub fn slot(&self) -> Slot {
        slot(&self.tokens)
    }
}

/// Reads a `$ref` (see the module docs).
pub fn target(reference: &str) -> Result<Target, RefError> {
    if reference.is_empty() {
        return Err(RefError::Invalid("empty $ref".into()));
    }
    let Some(fragment) = reference.strip_prefix('#') else { return Err(RefError::External) };
    let pointer = percent_decode(fragment).map_err(|why| RefError::Invalid(format!("$ref {reference:?} {why}")))?;
    if pointer.is_empty() {
        return Ok(Target { tokens: Vec::new() });
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(RefError::Invalid(format!(
            "$ref {reference:?} is not a JSON pointer (`#/...`); anchors and other fragments are not supported"
        )));
    };
    let tokens = rest
        .split('/')
        .map(unescape)
        .collect::<Result<_, _>>()
        .map_err(|bad| RefError::Invalid(format!("$ref {reference:?} is not a valid JSON pointer: {bad}")))?;
    Ok(Target { tokens })
}

/// The `$ref` that points at `pointer` (an escaped JSON pointer): `#` and the pointer, with `%`
/// percent-encoded so that [`target`] reads it back.
pub fn reference_to(pointer: &str) -> String {
    format!("#{}", pointer.replace('%', "%25"))
}

/// RFC 3986 percent-decoding: `%` and two hex digits is a byte; the bytes must be UTF-8.
fn percent_decode(text: &str) -> Result<String, String> {
    if !text.contains('%') {
        return Ok(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'%' {
            out.push(b);
            i += 1;
            continue;
        }
        let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let Some(byte) = hex.and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()) else {
            let shown: String = text.get(i..).unwrap_or_default().chars().take(3).collect();
            return Err(format!(
                "has a malformed percent-escape `{shown}` (a `%` must be followed by two hex digits; `%25` is a `%`)"
            ));
        };
        out.push(byte);
        i += 3;
    }
    String::from_utf8(out).map_err(|_| "percent-decodes to bytes that are not UTF-8".to_owned())
}

/// One reference token, unescaped: `~1` is `/` and `~0` is `~`; any other `~` is an error.
pub fn unescape(token: &str) -> Result<String, String> {
    if !token.contains('~') {
        return Ok(token.to_owned());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c != '~' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('0') => out.push('~'),
            Some('1') => out.push('/'),
            Some(other) => {
                return Err(format!("`~{other}` (only `~0`, for `~`, and `~1`, for `/`, are escapes)"));
            }
            None => return Err("`~` at the end of a token (`~0` is a `~`)".into()),
        }
    }
    Ok(out)
}

/// What OpenAPI's structure puts at a place in a document (whatever is written there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    PathItem,
    SecurityScheme,
    Operation,
    MediaType,
    /// Anything else: `info`, a map of schemas, a keyword inside a schema, ...
    Other,
}

impl Slot {
    /// "a schema", "an operation", ... (`None` for [`Slot::Other`]).
    pub fn word(self) -> Option<&'static str> {
        Some(match self {
            Slot::Schema => "a schema",
            Slot::Parameter => "a parameter",
            Slot::RequestBody => "a request body",
            Slot::Response => "a response",
            Slot::Header => "a header",
            Slot::PathItem => "a path item",
            Slot::SecurityScheme => "a security scheme",
            Slot::Operation => "an operation",
            Slot::MediaType => "a media type",
            Slot::Other => return None,
        })
    }
}

/// A place in a document while walking down from its root, by OpenAPI 3.0's structure: one
/// item of a kind, a map or list of them, or something else.
#[derive(Clone, Copy, Debug)]
pub enum Place {
    Document,
    Paths,
    Components,
    One(Slot),
    Many(Slot),
    Callback,
    Callbacks,
    Encoding,
    Encodings,
    Nothing,
}

impl Place {
    /// The place one token further down.
    pub fn step(self, t: &str) -> Place {
        match self {
            Place::Document => match t {
                "paths" => Place::Paths,
                "components" => Place::Components,
                _ => Place::Nothing,
            },
            Place::Paths => Place::One(Slot::PathItem),
            Place::Components => match t {
                "schemas" => Place::Many(Slot::Schema),
                "parameters" => Place::Many(Slot::Parameter),
                "requestBodies" => Place::Many(Slot::RequestBody),
                "responses" => Place::Many(Slot::Response),
                "headers" => Place::Many(Slot::Header),
                "pathItems" => Place::Many(Slot::PathItem),
                "securitySchemes" => Place::Many(Slot::SecurityScheme),
                "callbacks" => Place::Callbacks,
                _ => Place::Nothing,
            },
            Place::Many(kind) => Place::One(kind),
            Place::Callbacks => Place::Callback,
            Place::Callback => Place::One(Slot::PathItem),
            Place::Encodings => Place::Encoding,
            Place::Encoding => match t {
                "headers" => Place::Many(Slot::Header),
                _ => Place::Nothing,
            },
            Place::One(Slot::PathItem) => match t {
                "parameters" => Place::Many(Slot::Parameter),
                _ if crate::merge::METHODS.contains(&t) => Place::One(Slot::Operation),
                _ => Place::Nothing,
            },
            Place::One(Slot::Operation) => match t {
                "parameters" => Place::Many(Slot::Parameter),
                "requestBody" => Place::One(Slot::RequestBody),
                "responses" => Place::Many(Slot::Response),
                "callbacks" => Place::Callbacks,
                _ => Place::Nothing,
            },
            Place::One(Slot::RequestBody) => match t {
                "content" => Place::Many(Slot::MediaType),
                _ => Place::Nothing,
            },
            Place::One(Slot::Response) => match t {
                "content" => Place::Many(Slot::MediaType),
                "headers" => Place::Many(Slot::Header),
                _ => Place::Nothing,
            },
            Place::One(Slot::Parameter | Slot::Header) => match t {
                "schema" => Place::One(Slot::Schema),
                "content" => Place::Many(Slot::MediaType),
                _ => Place::Nothing,
            },
            Place::One(Slot::MediaType) => match t {
                "schema" => Place::One(Slot::Schema),
                "encoding" => Place::Encodings,
                _ => Place::Nothing,
            },
            Place::One(Slot::Schema) => match t {
                "properties" => Place::Many(Slot::Schema),
                "items" | "additionalProperties" | "not" => Place::One(Slot::Schema),
                "allOf" | "oneOf" | "anyOf" => Place::Many(Slot::Schema),
                _ => Place::Nothing,
            },
            Place::One(Slot::SecurityScheme | Slot::Other) | Place::Nothing => Place::Nothing,
        }
    }

    /// Whether a Reference Object (`{"$ref": ...}`) may stand here.
    pub fn takes_ref(self) -> bool {
        matches!(self, Place::One(kind) if !matches!(kind, Slot::Operation | Slot::MediaType | Slot::Other))
    }

    /// The slot this place is.
    pub fn slot(self) -> Slot {
        match self {
            Place::One(kind) => kind,
            _ => Slot::Other,
        }
    }
}

/// The slot at `tokens`.
fn slot(tokens: &[String]) -> Slot {
    tokens.iter().fold(Place::Document, |at, t| at.step(t)).slot()
}

/// How many `$ref`s to `$ref`s are followed before the input is refused, as deep as schemas may
/// nest: far beyond any real spec, and a bound on the work a hostile one can ask for.
const MAX_CHAIN: usize = 512;

/// What a `$ref` of one kind is followed to: the item's name in messages, its slot, and the
/// tokens of the place such items must be to be followed (`["components", "parameters"]`).
pub struct Kind {
    what: &'static str,
    slot: Slot,
    home: &'static [&'static str],
}

/// An item a `$ref` can be followed to, and where [`follow`] looks it up.
pub trait Referable: Sized {
    const KIND: Kind;

    /// The item `key` of the home (`spec.components.parameters[key]`).
    fn lookup<'a>(spec: &'a OpenAPI, key: &str) -> Option<&'a ReferenceOr<Self>>;

    /// The item at `tokens` elsewhere in the document (`#/paths/~1a/get/parameters/0`), where
    /// OpenAPI puts items of its kind inline.
    fn elsewhere<'a>(spec: &'a OpenAPI, tokens: &[String]) -> Option<&'a ReferenceOr<Self>>;
}

/// The table of [`Referable`]s: type, name, slot, home, and the home's map in an `OpenAPI`.
macro_rules! referable {
    ($($item:ty => $what:literal, $slot:ident, [$($home:literal),+], |$spec:ident| $map:expr, $elsewhere:expr;)+) => {$(
        impl Referable for $item {
            const KIND: Kind = Kind { what: $what, slot: Slot::$slot, home: &[$($home),+] };

            fn lookup<'a>($spec: &'a OpenAPI, key: &str) -> Option<&'a ReferenceOr<Self>> {
                $map.get(key)
            }

            fn elsewhere<'a>(spec: &'a OpenAPI, tokens: &[String]) -> Option<&'a ReferenceOr<Self>> {
                $elsewhere(spec, tokens)
            }
        }
    )+};
}

referable! {
    Parameter => "parameter", Parameter, ["components", "parameters"],
        |spec| spec.components.as_ref()?.parameters, inline_parameter;
    RequestBody => "request body", RequestBody, ["components", "requestBodies"],
        |spec| spec.components.as_ref()?.request_bodies, inline_request_body;
    Response => "response", Response, ["components", "responses"],
        |spec| spec.components.as_ref()?.responses, inline_response;
    Header => "header", Header, ["components", "headers"],
        |spec| spec.components.as_ref()?.headers, inline_header;
    SecurityScheme => "security scheme", SecurityScheme, ["components", "securitySchemes"],
        |spec| spec.components.as_ref()?.security_schemes, |_, _| None;
    PathItem => "path item", PathItem, ["paths"],
        |spec| spec.paths.paths, |_, _| None;
}

/// The path item of `#/paths/<path>/...` (itself inline) and the tokens after it.
fn inline_path_item<'a, 't>(spec: &'a OpenAPI, tokens: &'t [String]) -> Option<(&'a PathItem, &'t [String])> {
    let [paths, path, rest @ ..] = tokens else { return None };
    (paths == "paths").then_some(())?;
    spec.paths.paths.get(path)?.as_item().map(|item| (item, rest))
}

/// The operation of `#/paths/<path>/<method>/...` and the tokens after it.
fn inline_operation<'a, 't>(spec: &'a OpenAPI, tokens: &'t [String]) -> Option<(&'a Operation, &'t [String])> {
    let (item, rest) = inline_path_item(spec, tokens)?;
    let (method, rest) = rest.split_first()?;
    item.iter().find(|(m, _)| m == method).map(|(_, op)| (op, rest))
}

/// A parameter listed by a path item or an operation.
fn inline_parameter<'a>(spec: &'a OpenAPI, tokens: &[String]) -> Option<&'a ReferenceOr<Parameter>> {
    let (item, rest) = inline_path_item(spec, tokens)?;
    let (list, index) = match rest {
        [parameters, index] if parameters == "parameters" => (&item.parameters, index),
        _ => match inline_operation(spec, tokens)? {
            (op, [parameters, index]) if parameters == "parameters" => (&op.parameters, index),
            _ => return None,
        },
    };
    list.get(index.parse::<usize>().ok()?)
}

/// An operation's request body.
fn inline_request_body<'a>(spec: &'a OpenAPI, tokens: &[String]) -> Option<&'a ReferenceOr<RequestBody>> {
    match inline_operation(spec, tokens)? {
        (op, [body]) if body == "requestBody" => op.request_body.as_ref(),
        _ => None,
    }
}

/// An operation's response, by status (`200`, `2XX`) or `default`.
fn inline_response<'a>(spec: &'a OpenAPI, tokens: &[String]) -> Option<&'a ReferenceOr<Response>> {
    match inline_operation(spec, tokens)? {
        (op, [responses, status]) if responses == "responses" => operation_response(op, status),
        _ => None,
    }
}

fn operation_response<'a>(op: &'a Operation, status: &str) -> Option<&'a ReferenceOr<Response>> {
    if status == "default" {
        return op.responses.default.as_ref();
    }
    op.responses.responses.iter().find(|(code, _)| code.to_string() == status).map(|(_, r)| r)
}

/// A header of a response: an operation's (inline) or a response component's.
fn inline_header<'a>(spec: &'a OpenAPI, tokens: &[String]) -> Option<&'a ReferenceOr<Header>> {
    let (response, name) = match tokens {
        [components, responses, key, headers, name]
            if components == "components" && responses == "responses" && headers == "headers" =>
        {
            (spec.components.as_ref()?.responses.get(key)?, name)
        }
        _ => {
            let (op, rest) = inline_operation(spec, tokens)?;
            match rest {
                [responses, status, headers, name] if responses == "responses" && headers == "headers" => {
                    (operation_response(op, status)?, name)
                }
                _ => return None,
            }
        }
    };
    response.as_item()?.headers.get(name)
}

/// The item `r` stands for, and its pointer (`ptr` when inline, the target's when referenced),
/// following references to references to where items of its kind are ([`Referable::KIND`]). When
/// `ptr` is itself such a place (a security scheme component, a path item), a reference back to
/// it is a cycle. A chain longer than [`MAX_CHAIN`] is refused.
pub fn follow<'a, T: Referable>(
    spec: &'a OpenAPI,
    r: &'a ReferenceOr<T>,
    ptr: &str,
) -> Result<(&'a T, String), String> {
    let Kind { what, slot: kind, home: home_tokens } = T::KIND;
    let home = format!("#/{}/", home_tokens.join("/"));
    // The pointers already on the way: the item's own, when it is one that could be referred to.
    let own = ptr.strip_prefix(&home[1..]).is_some_and(|key| !key.contains('/'));
    let mut chain: Vec<String> = if own { vec![ptr.to_owned()] } else { Vec::new() };
    // Where each pointer on the way is in `chain`: a cycle is found without scanning it.
    let mut on_chain: BTreeMap<String, usize> = chain.iter().enumerate().map(|(i, p)| (p.clone(), i)).collect();
    let mut current = r;
    let mut at = ptr.to_owned();
    loop {
        let reference = match current {
            ReferenceOr::Item(item) => return Ok((item, at)),
            ReferenceOr::Reference { reference } => reference,
        };
        let target = match target(reference) {
            Ok(t) => t,
            Err(RefError::External) => {
                return Err(format!(
                    "external $ref {reference:?} is not supported: every spec file is merged into one document, so refer to `{home}...`"
                ));
            }
            Err(RefError::Invalid(message)) => return Err(message),
        };
        let pointer = target.pointer();
        if let Some(&start) = on_chain.get(&pointer) {
            let steps: Vec<String> =
                chain.get(start..).unwrap_or_default().iter().chain([&pointer]).map(|p| format!("#{p}")).collect();
            return Err(format!("$ref cycle {}: each is only a $ref to the next, never a {what}", steps.join(" → ")));
        }
        if chain.len() >= MAX_CHAIN {
            return Err(format!("$ref chain longer than {MAX_CHAIN} steps: each is only a $ref to the next"));
        }
        let name = target.under(home_tokens);
        let found = match name {
            Some(key) => T::lookup(spec, key),
            None if target.slot() == kind => T::elsewhere(spec, &target.tokens),
            None => None,
        };
        let Some(next) = found else {
            let slot = target.slot();
            return Err(match slot.word() {
                _ if name.is_some() => format!("$ref {reference:?} points at nothing"),
                Some(_) if slot == kind => format!("$ref {reference:?} points at nothing"),
                Some(word) => format!("$ref {reference:?} points at {word}, not a {what}"),
                None => format!("$ref {reference:?} does not point at a {what} (`{home}...`)"),
            });
        };
        on_chain.insert(pointer.clone(), chain.len());
        chain.push(pointer.clone());
        current = next;
        at = pointer;
    }
}

/// A media type without its parameters, lower case: `Application/JSON; charset=utf-8` →
/// `application/json`.
pub fn essence(media: &str) -> String {
    media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether a media type is JSON: `application/json`, `*/*+json`, or `*/*`.
pub fn is_json(media: &str) -> bool {
    let essence = essence(media);
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(reference: &str) -> Result<Vec<String>, RefError> {
        target(reference).map(|t| t.tokens)
    }

    #[test]
    fn fragments_are_percent_decoded_then_unescaped() {
        assert_eq!(tokens("#/components/schemas/A%20B").unwrap(), ["components", "schemas", "A B"]);
        assert_eq!(tokens("#/a%7E1b/c~0d/%25").unwrap(), ["a/b", "c~d", "%"]);
        assert_eq!(tokens("#/a%2Fb").unwrap(), ["a", "b"]);
        assert_eq!(tokens("#/paths/~1users~1{id}").unwrap(), ["paths", "/users/{id}"]);
        assert_eq!(tokens("#/").unwrap(), [""]);
        assert_eq!(tokens("#").unwrap(), Vec::<String>::new());
        assert_eq!(target("#/paths/~1a%25b").unwrap().pointer(), "/paths/~1a%b");
        assert_eq!(reference_to("/components/schemas/100%"), "#/components/schemas/100%25");
        assert_eq!(tokens(&reference_to("/components/schemas/100%")).unwrap(), ["components", "schemas", "100%"]);
    }

    #[test]
    fn malformed_references_say_what_is_wrong() {
        let invalid = |r: &str| match target(r) {
            Err(RefError::Invalid(m)) => m,
            other => panic!("{r}: {other:?}"),
        };
        assert!(invalid("#/a~2").contains("`~2`"));
        assert!(invalid("#/a~").contains("`~` at the end"));
        assert!(invalid("#/a~/b").contains("`~` at the end"));
        assert!(invalid("#/a%").contains("`%`"));
        assert!(invalid("#/a%4").contains("`%4`"));
        assert!(invalid("#/a%+1").contains("`%+1`"));
        assert!(invalid("#/a%C3").contains("not UTF-8"));
        assert!(invalid("#/a%é").contains("`%é`"));
        assert!(invalid("#anchor").contains("not a JSON pointer"));
        assert_eq!(invalid(""), "empty $ref");
        assert_eq!(target("other.json#/a"), Err(RefError::External));
    }

    #[test]
    fn slots_follow_openapi_structure() {
        let slot = |r: &str| target(r).unwrap().slot();
        assert_eq!(slot("#/components/schemas/A"), Slot::Schema);
        assert_eq!(slot("#/components/schemas/A/properties/b/items/allOf/0/additionalProperties"), Slot::Schema);
        assert_eq!(slot("#/paths/~1a/get/responses/200/content/application~1json/schema"), Slot::Schema);
        assert_eq!(slot("#/paths/~1a/parameters/0/schema"), Slot::Schema);
        assert_eq!(slot("#/paths/~1a/get/callbacks/c/{$url}/post/requestBody/content/x/schema"), Slot::Schema);
        assert_eq!(slot("#/components/responses/R/headers/X/schema"), Slot::Schema);
        assert_eq!(slot("#/paths/~1a/get/requestBody/content/m/encoding/e/headers/h"), Slot::Header);
        assert_eq!(slot("#/components/parameters/P"), Slot::Parameter);
        assert_eq!(slot("#/paths/~1a"), Slot::PathItem);
        assert_eq!(slot("#/paths/~1a/get"), Slot::Operation);
        for other in [
            "#",
            "#/info",
            "#/components/schemas",
            "#/components/schemas/A/type",
            "#/components/schemas/A/properties",
            "#/paths/~1a/x-get",
        ] {
            assert_eq!(slot(other), Slot::Other, "{other}");
        }
    }
}

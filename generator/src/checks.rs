//! Rules of OpenAPI and of the generated client that openapiv3's model does not enforce.
//!
//! openapiv3 reads leniently: it skips `paths` keys that do not start with `/`, path-item keys it
//! does not know (`GET`, `fetch`) and anything that is not the shape it expects where a map is
//! flattened. Left alone, such input would vanish from the client without a word. The checks
//! here refuse it instead, each problem located in its file:
//!
//! - [`structure`]: the shape of one file before it is merged (paths, path items, `responses`,
//!   `components`, `tags`);
//! - [`wire_name`], [`header_name`]: names a parameter or API key puts on the wire, and the
//!   headers the HTTP client owns ([`FRAMING_HEADERS`]) or OpenAPI says to ignore
//!   ([`IGNORED_HEADERS`]);
//! - [`path_template`], [`relative_server`]: text the client appends to, or puts in place of,
//!   the base URL's path, which must stay a path on the base URL's host;
//! - [`dns_labels`]: what the client takes as a server variable in the host;
//! - [`media_type`]: a request body's media type, sent as its `Content-Type`;
//! - [`crate_name`], [`crate_version`]: what Cargo accepts in the generated `Cargo.toml`.

use serde_json::Value;

use crate::diag::{Diagnostic, Location, join_pointer};
use crate::merge::{METHODS, kind_of};

/// The keys a path item may have besides its operations (and extensions, `x-...`).
const PATH_ITEM_KEYS: [&str; 5] = ["$ref", "summary", "description", "servers", "parameters"];

/// Checks the shape of one file (as written, before 3.1 is normalised): see the module docs.
pub fn structure(file: &str, doc: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |pointer: &str| Location::new(file, pointer);
    match doc.get("paths") {
        None => {}
        Some(Value::Object(paths)) => {
            for (path, item) in paths {
                let ptr = join_pointer("/paths", path);
                if path.starts_with("x-") {
                    continue;
                }
                if !path.starts_with('/') {
                    out.push(
                        Diagnostic::new(at(&ptr), format!("path {path:?} does not start with `/`"))
                            .note("help: OpenAPI paths are appended to the server URL and begin with `/`"),
                    );
                    continue;
                }
                if let Some(problem) = path_template(path) {
                    out.push(
                        Diagnostic::new(at(&ptr), format!("path {path:?} {problem}"))
                            .note("help: a path is appended to the base URL's path: it must stay a plain path"),
                    );
                }
                let Value::Object(item) = item else {
                    let found = kind_of(item);
                    out.push(Diagnostic::new(
                        at(&ptr),
                        format!("the path item of `{path}` must be an object, found {found}"),
                    ));
                    continue;
                };
                for (key, value) in item {
                    let key_ptr = join_pointer(&ptr, key);
                    if METHODS.contains(&key.as_str()) {
                        if let Some(body) = value.get("requestBody") {
                            request_media_types(body, &join_pointer(&key_ptr, "requestBody"), &at, &mut out);
                        }
                        if let Some(Value::Object(responses)) = value.get("responses")
                            && responses.is_empty()
                        {
                            out.push(
                                Diagnostic::new(
                                    at(&join_pointer(&key_ptr, "responses")),
                                    format!("operation `{} {path}` lists no responses", key.to_uppercase()),
                                )
                                .note("help: OpenAPI requires at least one; document the successful one (e.g. `204`)"),
                            );
                        }
                        continue;
                    }
                    if key.starts_with("x-") || PATH_ITEM_KEYS.contains(&key.as_str()) {
                        continue;
                    }
                    let lower = key.to_ascii_lowercase();
                    let help = if METHODS.contains(&lower.as_str()) {
                        format!("help: HTTP methods are lowercase: `{lower}`")
                    } else {
                        format!(
                            "help: a path item has the operations {}, and {}, and extensions (`x-...`)",
                            METHODS.join(", "),
                            PATH_ITEM_KEYS.join(", ")
                        )
                    };
                    out.push(
                        Diagnostic::new(at(&key_ptr), format!("unknown key `{key}` in the path item of `{path}`"))
                            .note(help),
                    );
                }
            }
        }
        Some(other) => {
            out.push(Diagnostic::new(at("/paths"), format!("`paths` must be an object, found {}", kind_of(other))))
        }
    }
    match doc.get("components") {
        None => {}
        Some(Value::Object(sections)) => {
            for (section, entries) in sections.iter().filter(|(s, _)| !s.starts_with("x-")) {
                if section == "requestBodies" {
                    for (name, body) in entries.as_object().into_iter().flatten() {
                        let ptr = join_pointer(&join_pointer("/components", section), name);
                        request_media_types(body, &ptr, &at, &mut out);
                    }
                }
                if !entries.is_object() {
                    out.push(Diagnostic::new(
                        at(&join_pointer("/components", section)),
                        format!("`components/{section}` must be an object, found {}", kind_of(entries)),
                    ));
                }
            }
        }
        Some(other) => out.push(Diagnostic::new(
            at("/components"),
            format!("`components` must be an object, found {}", kind_of(other)),
        )),
    }
    if let Some(tags) = doc.get("tags").filter(|t| !t.is_array()) {
        out.push(Diagnostic::new(at("/tags"), format!("`tags` must be an array, found {}", kind_of(tags))));
    }
    out
}

/// The media types of a request body (at `pointer`) are sent as its `Content-Type`: each must be
/// `type/subtype` (parameters allowed) and a valid header value, or every call would fail.
fn request_media_types(body: &Value, pointer: &str, at: &impl Fn(&str) -> Location, out: &mut Vec<Diagnostic>) {
    let content = join_pointer(pointer, "content");
    for media in body.get("content").and_then(Value::as_object).into_iter().flat_map(|c| c.keys()) {
        if let Some(problem) = media_type(media) {
            out.push(
                Diagnostic::new(at(&join_pointer(&content, media)), format!("media type {media:?} {problem}"))
                    .note("help: a request body's media type is sent as its `Content-Type`"),
            );
        }
    }
}

/// Why `media` cannot be a `Content-Type`, if it cannot: it must be a valid header value with a
/// `type/subtype` of HTTP tokens before any `;` parameters.
pub fn media_type(media: &str) -> Option<&'static str> {
    let essence = media.split(';').next().unwrap_or_default().trim();
    let token = |t: &str| !t.is_empty() && http::HeaderName::from_bytes(t.as_bytes()).is_ok();
    if http::HeaderValue::from_str(media).is_err() {
        Some("is not a valid HTTP header value")
    } else if !essence.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub)) {
        Some("is not `type/subtype`")
    } else {
        None
    }
}

/// Whether `value` is DNS labels separated by `.`, the rule the generated client's `server_url`
/// applies to a host variable's value.
pub fn dns_labels(value: &str) -> bool {
    value.split('.').all(|l| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    })
}

/// Headers the HTTP client writes itself: connection management and message framing (RFC 9110
/// and 9112). A value from the caller would contradict the client's, or smuggle a second request.
pub const FRAMING_HEADERS: [&str; 9] =
    ["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "expect"];

/// Header parameters OpenAPI says to ignore: the client sets them from the body's media type,
/// the response types and the security schemes.
pub const IGNORED_HEADERS: [&str; 3] = ["accept", "content-type", "authorization"];

/// Why `name` cannot be a header a parameter or an API key sets, if it cannot.
pub fn header_name(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
        Some("is not a valid HTTP header name")
    } else if FRAMING_HEADERS.contains(&lower.as_str()) || lower.starts_with("proxy-") {
        Some("sets a header the HTTP client controls (connection management, framing or proxying)")
    } else {
        None
    }
}

/// Whether `name` is a valid cookie name: an HTTP token (RFC 6265), which is what a header
/// name is.
fn cookie_name(name: &str) -> bool {
    http::HeaderName::from_bytes(name.as_bytes()).is_ok()
}

/// Why `name` cannot be the name a parameter or an API key sends in `place` (its `in`: `header`,
/// `cookie`, ...), if it cannot: a header name as [`header_name`] says, a cookie name an HTTP
/// token. Any name does in a query or a path.
pub fn wire_name(place: &str, name: &str) -> Option<&'static str> {
    match place {
        "header" => header_name(name),
        "cookie" if !cookie_name(name) => Some("is not a valid cookie name (an HTTP token)"),
        _ => None,
    }
}

/// Why `text` (starting with `/`) is not plain path text, if it is not: URL parsers strip tabs
/// and newlines and read `\` as `/`, `?` and `#` end the path, and `.` and `..` segments (also
/// written `%2e`) are removed with the segment before them.
fn path_text(text: &str) -> Option<&'static str> {
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        Some("contains whitespace or a control character")
    } else if text.contains('\\') {
        Some("contains `\\`, which URL parsers read as `/`")
    } else if text.contains('?') {
        Some("contains `?`: a query string cannot be part of this path")
    } else if text.contains('#') {
        Some("contains `#`: a fragment cannot be part of this path")
    } else if text.split('/').any(|s| matches!(s.to_ascii_lowercase().replace("%2e", ".").as_str(), "." | "..")) {
        Some("has a `.` or `..` segment, which would move out of the base URL's path")
    } else {
        None
    }
}

/// A base URL to try paths on: a host, and a path of its own that a path must not leave.
const PROBE: &str = "https://apigen.invalid/base";

/// Why the path template `path` (a `paths` key) cannot be appended to the base URL's path, if it
/// cannot: its literal text (parameters aside, whose values the client encodes) must be
/// [plain](path_text). Checked again by appending it, each parameter replaced by a letter, to
/// [`PROBE`] with the url crate as the client does: the host must stay, with no query or
/// fragment, and every segment must be kept.
///
/// What follows a `?` or `#` is not path: real specs write a fixed query string into a path key
/// (`/alerts?lat={lat}`), sent as written, or label operations with a fragment (AWS's
/// `/#X-Amz-Target=…`), which is never sent; resolve warns about both. Such a tail may not hold
/// whitespace or control characters.
pub fn path_template(path: &str) -> Option<&'static str> {
    let (path, tail) = path.find(['?', '#']).map_or((path, ""), |at| path.split_at(at));
    if tail.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Some("contains whitespace or a control character");
    }
    let mut literal = String::new();
    let mut rest = path;
    while let Some((before, after)) = rest.split_once('{') {
        literal.push_str(before);
        literal.push('p');
        rest = after.split_once('}').map_or("", |(_, after)| after);
    }
    literal.push_str(rest);
    if let Some(problem) = path_text(&literal) {
        return Some(problem);
    }
    let kept = url::Url::parse(&format!("{PROBE}{literal}")).is_ok_and(|u| {
        u.host_str() == Some("apigen.invalid")
            && u.query().is_none()
            && u.fragment().is_none()
            && u.path_segments().map_or(0, Iterator::count) == literal.split('/').count()
    });
    (!kept).then_some("does not stay a path under the base URL's path")
}

/// Why `server`, an operation's server that starts with `/`, cannot take the place of the base
/// URL's path, if it cannot: it must be [plain](path_text) with no `//`, and joining it onto
/// [`PROBE`] with the url crate, as the client does, must keep the host and give `server` as the
/// path, unchanged.
pub fn relative_server(server: &str) -> Option<&'static str> {
    if server.contains("//") {
        return Some("contains `//`: a scheme-relative URL would replace the base URL's host");
    }
    if let Some(problem) = path_text(server) {
        return Some(problem);
    }
    let kept = url::Url::parse(PROBE).and_then(|base| base.join(server)).is_ok_and(|u| {
        u.host_str() == Some("apigen.invalid") && u.query().is_none() && u.fragment().is_none() && u.path() == server
    });
    (!kept).then_some("is not a plain absolute path (ASCII, nothing the URL parser would change)")
}

/// Names Cargo or the compiler give a meaning of their own, or that Windows cannot have as a
/// folder: `cargo new` refuses them as package names.
const RESERVED_CRATE_NAMES: [&str; 19] = [
    "alloc",
    "core",
    "std",
    "proc_macro",
    "proc-macro",
    "test",
    "build",
    "deps",
    "examples",
    "incremental",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "lpt1",
    "self",
    "super",
    "crate",
];

/// Why `name` is not a crate name Cargo (and crates.io) accepts, if it is not: ASCII letters,
/// digits, `-` and `_`, starting with a letter, at most 64 characters, not a Rust keyword or a
/// reserved name.
pub fn crate_name(name: &str) -> Option<String> {
    let problem = if name.is_empty() {
        "is empty"
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        "may only contain ASCII letters, digits, `-` and `_`"
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "must start with an ASCII letter"
    } else if name.len() > 64 {
        "is longer than 64 characters"
    } else if RESERVED_CRATE_NAMES.contains(&name.to_ascii_lowercase().as_str())
        || crate::naming::is_keyword(&name.replace('-', "_"))
    {
        "is a Rust keyword or a name Cargo reserves"
    } else {
        return None;
    };
    Some(format!("crate name {name:?} {problem}"))
}

/// Why `version` is not a version Cargo accepts (semantic versioning), if it is not.
/// A Rust edition Cargo knows, else why not.
pub fn crate_edition(edition: &str) -> Option<String> {
    (!["2015", "2018", "2021", "2024"].contains(&edition))
        .then(|| format!("edition {edition:?} is not one of 2015, 2018, 2021, 2024"))
}

/// A minimum Rust version as Cargo reads it (`1.80`, `1.80.1`), else why not.
pub fn rust_version(version: &str) -> Option<String> {
    let parts: Vec<&str> = version.split('.').collect();
    let numbers = parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (!(numbers && (2..=3).contains(&parts.len())))
        .then(|| format!("rust-version {version:?} is not a Rust version such as `1.80`"))
}

/// Keywords crates.io accepts: at most five, each ASCII letters, digits, `-`, `_` and `+`, starting
/// with a letter, at most 20 characters; else why not.
pub fn crate_keywords(keywords: &[String]) -> Option<String> {
    if keywords.len() > 5 {
        return Some(format!("{} keywords: crates.io takes at most 5", keywords.len()));
    }
    let bad = keywords.iter().find(|k| {
        k.is_empty()
            || k.len() > 20
            || !k.starts_with(|c: char| c.is_ascii_alphabetic())
            || !k.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
    })?;
    Some(format!("keyword {bad:?} is not one crates.io takes (ASCII letters, digits, `-`, `_`, `+`; at most 20)"))
}

/// The spec's license as the crate's, when it is an SPDX expression: identifiers (letters, digits,
/// `.`, `-`, `+`) joined by `AND`, `OR` and `WITH`, with parentheses.
pub fn spdx_license(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().map(|w| w.trim_matches(['(', ')'])).collect();
    let id = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    let ok = !words.is_empty()
        && words.iter().enumerate().all(|(i, w)| if i % 2 == 1 { matches!(*w, "AND" | "OR" | "WITH") } else { id(w) })
        && words.len() % 2 == 1;
    ok.then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub fn crate_version(version: &str) -> Option<String> {
    semver::Version::parse(version)
        .err()
        .map(|e| format!("package version {version:?} is not a semantic version (like `0.1.0`): {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names() {
        assert_eq!(header_name("X-Request-Id"), None);
        assert_eq!(header_name("a b"), Some("is not a valid HTTP header name"));
        assert_eq!(header_name(""), Some("is not a valid HTTP header name"));
        assert!(header_name("HOST").is_some_and(|m| m.contains("controls")));
        assert!(header_name("Proxy-Authorization").is_some_and(|m| m.contains("controls")));
        assert!(cookie_name("session_id") && !cookie_name("a=b") && !cookie_name("a;b") && !cookie_name(""));
        assert_eq!(wire_name("cookie", "a=b"), Some("is not a valid cookie name (an HTTP token)"));
        assert_eq!(wire_name("header", "a b"), header_name("a b"));
        assert_eq!(wire_name("query", "a b;=\n"), None);
    }

    #[test]
    fn package_fields() {
        assert_eq!(crate_edition("2021"), None);
        assert!(crate_edition("2022").is_some());
        assert_eq!((rust_version("1.80"), rust_version("1.80.1")), (None, None));
        for bad in ["1", "1.x", "v1.80", "1.80.1.2", ""] {
            assert!(rust_version(bad).is_some(), "{bad}");
        }
        let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(crate_keywords(&words(&["api", "client", "rest-api"])), None);
        assert!(crate_keywords(&words(&["a", "b", "c", "d", "e", "f"])).is_some());
        assert!(crate_keywords(&words(&["no spaces"])).is_some());
        assert_eq!(spdx_license("MIT OR Apache-2.0").as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(
            spdx_license("(MIT OR Apache-2.0) AND BSD-3-Clause").as_deref(),
            Some("(MIT OR Apache-2.0) AND BSD-3-Clause")
        );
        for not in ["Proprietary license, see website", "", "MIT OR", "Apache 2.0"] {
            assert_eq!(spdx_license(not), None, "{not}");
        }
    }

    #[test]
    fn crate_names_and_versions() {
        for ok in ["my-api", "my_api2", "A"] {
            assert_eq!(crate_name(ok), None, "{ok}");
        }
        for bad in ["", "my.api", "my api", "1api", "-api", "_api", "ünï", "std", "test", "self", "type", "async"] {
            assert!(crate_name(bad).is_some(), "{bad}");
        }
        assert!(crate_name(&"a".repeat(65)).is_some());
        assert_eq!(crate_version("1.2.3-beta.1"), None);
        assert!(crate_version("1.0").is_some() && crate_version("v1.0.0").is_some());
    }
}

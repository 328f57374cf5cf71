//! Names: the one sanitising function, and the rules that pick method names.
//!
//! [`sanitize`] turns any string from a spec into a valid Rust identifier in the wanted case:
//! non-ASCII is transliterated (deunicode), words are re-cased (heck), symbols dropped, a leading
//! digit gets a prefix (`_` for snake case, `T` for types), keywords become raw identifiers
//! (`r#type`) or, where Rust forbids that (`self`, `Self`, `super`, `crate`), get a trailing `_`.
//! The emitter adds `#[serde(rename = "...")]` whenever the Rust name is not the wire name.
//! [`Uniquifier`] breaks collisions deterministically with `_2`, `_3`, ... in input order.
//!
//! Method names (README "Names"): a `methods` override keyed by operationId; else the summary in
//! snake case, articles dropped, when it has at most six words ("List API Keys" →
//! `list_api_keys`, "Get an item" → `get_item`); else the
//! operationId in snake case; else the HTTP method and the path. When two operations land on the
//! same name and one's path extends the other's with literal segments (`/keys/{id}` and
//! `/keys/{id}/regen`), the longer one takes those segments as its verb: `regen_api_key`. Any
//! collision left falls back to operationIds, then to numbered suffixes. A name the name lock
//! ([`crate::lock`]) records is kept, after the overrides and before any name is derived. A derived name never is
//! one of [`RESERVED_METHODS`] (`clone` → `clone_2`), nor another method's companion
//! (`list_with_headers` beside a `list` that has one); the config's overrides are checked against
//! the same list in `resolve`.
//!
//! [`crate_name`]: the generated package's name, the config's or one made from the spec title
//! that Cargo and crates.io accept by construction.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, methods, parameters.
    Snake,
    /// `UpperCamelCase`: types and variants.
    Pascal,
}

const KEYWORDS: [&str; 53] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Whether `word` is a Rust keyword (strict, reserved or edition-dependent).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Keywords that cannot be raw identifiers.
const NOT_RAW: [&str; 4] = ["self", "Self", "super", "crate"];

/// A valid Rust identifier for `raw` in `case` (see module docs).
pub fn sanitize(raw: &str, case: Case) -> String {
    let ascii = deunicode::deunicode(raw);
    // heck drops the separators; map every other symbol to a separator first so "a.b" is two words.
    let spaced: String = ascii.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let spaced = plural_acronyms(&spaced);
    let mut name = match case {
        Case::Snake => spaced.to_snake_case(),
        Case::Pascal => spaced.to_upper_camel_case(),
    };
    if name.is_empty() {
        name = match case {
            Case::Snake => "value".into(),
            Case::Pascal => "Value".into(),
        };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, if case == Case::Snake { "_" } else { "T" });
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// An acronym's plural as one word: heck splits `APIs` as `AP` and `Is` (`ap_is`); written
/// `APIS` it is one (`apis`, `Apis`). Two capitals or more, then an `s` that ends the word.
fn plural_acronyms(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let ends_plural = |i: usize| {
        bytes[i] == b's'
            && i >= 2
            && bytes[i - 1].is_ascii_uppercase()
            && bytes[i - 2].is_ascii_uppercase()
            && !bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)
    };
    if !(0..bytes.len()).any(ends_plural) {
        return std::borrow::Cow::Borrowed(text);
    }
    let out = bytes.iter().enumerate().map(|(i, &b)| if ends_plural(i) { 'S' } else { b as char }).collect();
    std::borrow::Cow::Owned(out)
}

/// Whether `name` is already what [`sanitize`] would make of it: a user-given override must be.
pub fn is_clean(name: &str, case: Case) -> bool {
    sanitize(name, case) == name
}

/// Hands out unique names: the first asker gets the name, later ones `name_2`, `name_3`, ...
#[derive(Debug, Default)]
pub struct Uniquifier {
    taken: BTreeSet<String>,
}

impl Uniquifier {
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Uniquifier { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name` if free (returns true).
    pub fn try_take(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_owned())
    }

    /// `name`, or the first free `name_N` / `NameN`.
    pub fn take(&mut self, name: &str, case: Case) -> String {
        if self.try_take(name) {
            return name.to_owned();
        }
        // `self_` gives `self_2`, not `self__2`, which is not snake case.
        let base = name.trim_start_matches("r#").trim_end_matches('_');
        (2..)
            .map(|n| match case {
                Case::Snake => format!("{base}_{n}"),
                Case::Pascal => format!("{base}{n}"),
            })
            .find(|candidate| self.try_take(candidate))
            .expect("an unbounded range always finds a free name")
    }
}

/// What the method-naming rules need to know about one operation.
#[derive(Clone, Debug)]
pub struct OpNaming<'a> {
    pub operation_id: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub method: &'a str,
    pub path: &'a str,
    /// A `methods` override from the config.
    pub forced: Option<&'a str>,
    /// The name in the name lock ([`crate::lock`]): kept when valid and free.
    pub locked: Option<&'a str>,
}

/// `Client`'s own methods (`emit/client.rs`), and the builder's `http_client`, which would read
/// as a getter on Client: in both [`RESERVED_METHODS`] and [`CLIENT_MEMBERS`].
const CLIENT_METHODS: [&str; 14] = [
    "new",
    "builder",
    "base_url",
    "http",
    "with_timeout",
    "with_retry",
    "with_header",
    "http_client",
    "new_request",
    "new_request_at",
    "authorize",
    "apply",
    "request_future",
    "send",
];

/// Names an operation's arguments must not take: each optional argument is a setter on the
/// operation's request, beside its own methods (`send`, `send_with_headers`, `stream`,
/// `byte_stream`, `event_stream`, `build`) and `IntoFuture::into_future`, which a setter of the
/// same name would clash with or shadow; `body` is the body argument, and `self`, `request` and
/// `cookies` are names the request's methods use.
pub const ARGUMENT_RESERVED: [&str; 11] = [
    "body",
    "self",
    "request",
    "cookies",
    "send",
    "send_with_headers",
    "stream",
    "byte_stream",
    "event_stream",
    "build",
    "into_future",
];

/// Names an operation's method must not take: `Client`'s own methods ([`CLIENT_METHODS`]), the
/// methods of the traits it implements or gets from blanket impls (`Clone`, `Debug`,
/// `From`/`Into`, `Borrow`, `ToOwned`, `Any`), which an inherent method of the same name would
/// shadow, and those of the common traits it might implement one day. One list for the automatic
/// names and the config's overrides.
pub const RESERVED_METHODS: [&str; 35] = concat(
    CLIENT_METHODS,
    [
        // Traits Client implements or gets from blanket impls.
        "clone",
        "clone_from",
        "clone_into",
        "to_owned",
        "fmt",
        "from",
        "into",
        "try_from",
        "try_into",
        "borrow",
        "borrow_mut",
        "type_id",
        // Common traits.
        "eq",
        "ne",
        "cmp",
        "partial_cmp",
        "hash",
        "drop",
        "default",
        "deref",
        "to_string",
    ],
);

/// The fields and methods of the generated `Client` and `ClientBuilder` (`emit/client.rs`),
/// which a security scheme's builder method and fields (on both) must not take: a name twice is
/// a crate that does not compile. The client's own methods ([`CLIENT_METHODS`], some of them
/// fields too), then the other fields and the builder's other methods. `hostile::checks` parses
/// a generated client to check that the list is complete.
pub const CLIENT_MEMBERS: [&str; 26] = concat(
    CLIENT_METHODS,
    [
        // Fields: both types', and the builder's for server variables; `retry` and `hook` are
        // the builder's setters.
        "timeout",
        "connect_timeout",
        "max_response_size",
        "retry",
        "hooks",
        "hook",
        "headers",
        "server_variables",
        "spec_servers",
        // The builder's setter for server variables, and `build`.
        "server_variable",
        "build",
        // A field of both and the builder's setter, with the `middleware` feature.
        "middleware",
    ],
);

/// `a` then `b`, as one array (`N` must be their lengths' sum: a compile error otherwise).
const fn concat<const A: usize, const B: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; N] {
    assert!(A + B == N, "N must be A + B");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = if i < A { a[i] } else { b[i - A] };
        i += 1;
    }
    out
}

/// The methods emit.rs may add beside an operation's `name`: `name_with_headers` (documented
/// response headers) and `name_stream` (pagination).
pub const COMPANION_SUFFIXES: [&str; 2] = ["_with_headers", "_stream"];

/// `name` and the companions it may get, none of which another method may have.
pub fn method_and_companions(name: &str) -> Vec<String> {
    let base = name.trim_start_matches("r#");
    std::iter::once(name.to_owned()).chain(COMPANION_SUFFIXES.iter().map(|s| format!("{base}{s}"))).collect()
}

/// Picks a method name for every operation (module docs give the rules).
pub fn method_names(ops: &[OpNaming<'_>]) -> Vec<String> {
    // A name is free when neither it nor its companions are taken (by a method or a companion).
    let mut unique = Uniquifier::with_reserved(&RESERVED_METHODS);
    let free = |unique: &Uniquifier, name: &str| method_and_companions(name).iter().all(|n| !unique.is_taken(n));
    let claim = |unique: &mut Uniquifier, name: &str| {
        method_and_companions(name).iter().for_each(|n| {
            unique.try_take(n);
        })
    };
    // Overrides are claimed first so no other name can take one (resolve has checked that they
    // collide with nothing); then the locked names that are still valid and free, in order.
    let mut fixed: Vec<Option<String>> = ops.iter().map(|op| op.forced.map(str::to_owned)).collect();
    for name in fixed.iter().flatten() {
        claim(&mut unique, name);
    }
    for (op, fixed) in ops.iter().zip(&mut fixed) {
        if let Some(locked) = op.locked.filter(|_| fixed.is_none())
            && is_clean(locked, Case::Snake)
            && free(&unique, locked)
        {
            claim(&mut unique, locked);
            *fixed = Some(locked.to_owned());
        }
    }

    let mut names: Vec<String> =
        ops.iter().zip(&fixed).map(|(op, fixed)| fixed.clone().unwrap_or_else(|| first_choice(op))).collect();

    // Collisions between derived names: first the path-extension rule, then operationIds. Each
    // round decides on a snapshot, so every party of a collision is treated alike.
    for round in 0..2 {
        let snapshot = names.clone();
        // The operations by name, in order: each operation's clashes are the others of its name.
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (j, name) in snapshot.iter().enumerate() {
            by_name.entry(name).or_default().push(j);
        }
        for i in 0..ops.len() {
            let clashes: Vec<usize> = by_name[snapshot[i].as_str()].iter().copied().filter(|&j| j != i).collect();
            if fixed[i].is_some() || clashes.is_empty() {
                continue;
            }
            let renamed = match round {
                0 => clashes.iter().find_map(|&j| extension_name(&snapshot[i], ops[j].path, ops[i].path)),
                _ => ops[i].operation_id.map(|id| sanitize(id, Case::Snake)),
            };
            if let Some(n) = renamed {
                names[i] = n;
            }
        }
    }

    names
        .into_iter()
        .zip(fixed)
        .map(|(name, fixed)| {
            if fixed.is_some() {
                return name;
            }
            let base = name.trim_start_matches("r#").to_owned();
            let chosen = std::iter::once(name)
                .chain((2..).map(|n| format!("{base}_{n}")))
                .find(|candidate| free(&unique, candidate))
                .expect("an unbounded range always finds a free name");
            claim(&mut unique, &chosen);
            chosen
        })
        .collect()
}

fn first_choice(op: &OpNaming<'_>) -> String {
    if let Some(forced) = op.forced {
        return forced.to_owned();
    }
    if let Some(summary) = op.summary.filter(|s| summary_is_name_like(s)) {
        // Articles add nothing to a method name: "Get an item" → `get_item`.
        let words: Vec<&str> = summary
            .split_whitespace()
            .filter(|w| !["a", "an", "the"].contains(&w.to_ascii_lowercase().as_str()))
            .collect();
        return sanitize(&words.join(" "), Case::Snake);
    }
    if let Some(id) = op.operation_id {
        return sanitize(id, Case::Snake);
    }
    sanitize(&format!("{} {}", op.method, op.path.replace(['{', '}'], " ")), Case::Snake)
}

/// A summary names a method when it is a short phrase: at most six words, no sentence punctuation.
fn summary_is_name_like(summary: &str) -> bool {
    let words = summary.split_whitespace().count();
    (1..=6).contains(&words) && !summary.contains(['.', ':', ';', ',', '(', '\n'])
}

/// When `longer` is `shorter` plus literal segments, `name` with its verb replaced by them.
fn extension_name(name: &str, shorter: &str, longer: &str) -> Option<String> {
    let rest = longer.strip_prefix(shorter.trim_end_matches('/'))?.strip_prefix('/')?;
    if rest.is_empty() || rest.contains('{') {
        return None;
    }
    let verb = sanitize(rest, Case::Snake);
    let object = name.split_once('_').map(|(_, object)| object)?;
    Some(format!("{verb}_{object}"))
}

/// The crate name: from the config, else the spec title in kebab case with `-client` (and
/// `api-` before it when the title starts with a digit, which a crate name cannot).
pub fn crate_name(config: &crate::config::Config, api: &crate::ir::Api) -> String {
    config.package.name.clone().unwrap_or_else(|| crate_name_from_title(&api.title))
}

/// The title in kebab case with `-client`: ASCII (the sanitiser transliterates), cut at a word to
/// fit crates.io's 64 characters, `api-` in front when it would not start with a letter, so always
/// a name [`crate::checks::crate_name`] accepts.
fn crate_name_from_title(title: &str) -> String {
    let mut base = sanitize(title, Case::Snake).trim_start_matches("r#").to_kebab_case();
    const ROOM: usize = 64 - "api--client".len();
    if base.len() > ROOM {
        let end = (0..=ROOM).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
        let cut = base[..end].rfind('-').filter(|&i| i > 0).unwrap_or(end);
        base.truncate(cut);
    }
    if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("{base}-client")
    } else {
        format!("api-{base}-client")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_cases_keywords_and_symbols() {
        assert_eq!(sanitize("API Key Record", Case::Pascal), "ApiKeyRecord");
        // An acronym's plural is one word, not `ap_is`.
        assert_eq!(sanitize("listAPIs", Case::Snake), "list_apis");
        assert_eq!(sanitize("Netography APIs", Case::Pascal), "NetographyApis");
        assert_eq!(sanitize("getAPIsByID", Case::Snake), "get_apis_by_id");
        assert_eq!(sanitize("URLs", Case::Snake), "urls");
        assert_eq!(sanitize("APIsets", Case::Snake), "ap_isets");
        assert_eq!(sanitize("last_login", Case::Snake), "last_login");
        assert_eq!(sanitize("lastLogin", Case::Snake), "last_login");
        assert_eq!(sanitize("type", Case::Snake), "r#type");
        assert_eq!(sanitize("self", Case::Snake), "self_");
        assert_eq!(sanitize("Self", Case::Pascal), "Self_");
        assert_eq!(sanitize("2fa-code", Case::Snake), "_2fa_code");
        assert_eq!(sanitize("2fa", Case::Pascal), "T2fa");
        assert_eq!(sanitize("$ref", Case::Snake), "r#ref");
        assert_eq!(sanitize("a.b", Case::Snake), "a_b");
        assert_eq!(sanitize("größe", Case::Snake), "grosse");
        assert_eq!(sanitize("@@@", Case::Snake), "value");
        assert_eq!(sanitize("", Case::Pascal), "Value");
        assert_eq!(sanitize("x-request-id", Case::Snake), "x_request_id");
    }

    #[test]
    fn every_sanitized_name_is_an_identifier() {
        for raw in ["type", "self", "9", "", "a b", "ünï", "crate", "__", "_", "r#x", "Ω"] {
            for case in [Case::Snake, Case::Pascal] {
                let name = sanitize(raw, case);
                let parsed = syn::parse_str::<syn::Ident>(&name);
                assert!(parsed.is_ok(), "{raw:?} → {name:?} is not an identifier");
            }
        }
    }

    #[test]
    fn collisions_are_numbered_in_order() {
        let mut u = Uniquifier::default();
        assert_eq!(u.take("name", Case::Snake), "name");
        assert_eq!(u.take("name", Case::Snake), "name_2");
        assert_eq!(u.take("name", Case::Snake), "name_3");
        assert_eq!(u.take("Item", Case::Pascal), "Item");
        assert_eq!(u.take("Item", Case::Pascal), "Item2");
    }

    fn op<'a>(id: &'a str, summary: &'a str, method: &'a str, path: &'a str) -> OpNaming<'a> {
        OpNaming { operation_id: Some(id), summary: Some(summary), method, path, forced: None, locked: None }
    }

    #[test]
    fn method_names_from_summaries_with_the_extension_rule() {
        let ops = [
            op("v1_api_keys_get", "List API Keys", "get", "/api/v1/api-keys"),
            op("v1_api_keys_appname_put", "Update API Key", "put", "/api/v1/api-keys/{appname}"),
            op("v1_api_keys_appname_regen_put", "Update API Key", "put", "/api/v1/api-keys/{appname}/regen"),
        ];
        assert_eq!(method_names(&ops), ["list_api_keys", "update_api_key", "regen_api_key"]);
        let ops =
            [op("getItem", "Get an item", "get", "/items/{id}"), op("x", "Delete the Item", "delete", "/items/{id}")];
        assert_eq!(method_names(&ops), ["get_item", "delete_item"]);
    }

    #[test]
    fn unrelated_collisions_fall_back_to_operation_ids() {
        let ops =
            [op("update_user", "Update", "put", "/users/{id}"), op("update_group", "Update", "put", "/groups/{id}")];
        assert_eq!(method_names(&ops), ["update_user", "update_group"]);
    }

    #[test]
    fn long_summaries_and_missing_ids() {
        let ops = [
            op("createApiKey", "Create an API key for the current user, with the given roles.", "post", "/keys"),
            OpNaming {
                operation_id: None,
                summary: None,
                method: "get",
                path: "/keys/{id}",
                forced: None,
                locked: None,
            },
        ];
        assert_eq!(method_names(&ops), ["create_api_key", "get_keys_id"]);
    }

    #[test]
    fn overrides_win_and_reserved_names_are_avoided() {
        let mut forced = op("x", "Regenerate", "put", "/a");
        forced.forced = Some("regenerate");
        let ops = [op("y", "Regenerate", "put", "/b"), forced, op("new", "new", "get", "/c")];
        assert_eq!(method_names(&ops), ["y", "regenerate", "new_2"]);
        // The client's own helpers are reserved alike.
        let ops = [op("send", "send", "post", "/d"), op("new_request_at", "new_request_at", "get", "/e")];
        assert_eq!(method_names(&ops), ["send_2", "new_request_at_2"]);
    }

    #[test]
    fn trait_methods_and_companions_are_avoided() {
        let ops = [op("clone", "clone", "get", "/a"), op("fmt", "fmt", "get", "/b"), op("into", "into", "get", "/c")];
        assert_eq!(method_names(&ops), ["clone_2", "fmt_2", "into_2"]);
        let ops = [op("list", "list", "get", "/a"), op("list_stream", "list stream", "get", "/b")];
        assert_eq!(method_names(&ops), ["list", "list_stream_2"]);
        let ops = [op("list_with_headers", "list with headers", "get", "/b"), op("list", "list", "get", "/a")];
        assert_eq!(method_names(&ops), ["list_with_headers", "list_2"]);
    }

    #[test]
    fn locked_names_are_kept_and_avoided() {
        let mut old = op("create_v1", "Create API Key", "post", "/v1/keys");
        old.locked = Some("create_api_key");
        let new = op("create_v2", "Create API Key", "post", "/v2/keys");
        // Without the lock both would fall back to their operationIds.
        assert_eq!(method_names(&[old.clone(), new.clone()]), ["create_api_key", "create_v2"]);
        // An override wins over a locked name; a locked name that is not an identifier is derived.
        let mut forced = op("x", "Other", "get", "/x");
        forced.forced = Some("create_api_key");
        let mut bad = op("y", "Get Y", "get", "/y");
        bad.locked = Some("not a name");
        assert_eq!(method_names(&[old, forced, bad]), ["create_v1", "create_api_key", "get_y"]);
    }

    #[test]
    fn crate_names_made_from_titles_are_always_valid() {
        let long = "Word ".repeat(40);
        let titles =
            ["", "Test", "std", "self", "9 lives", "Ünïcødé API", "a/b: c?", "-", "r#type", "\u{202e}x", &long];
        for title in titles {
            let name = crate_name_from_title(title);
            assert_eq!(crate::checks::crate_name(&name), None, "{title:?} gave {name:?}");
        }
        assert_eq!(crate_name_from_title("Netography APIs"), "netography-apis-client");
    }
}

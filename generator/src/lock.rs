//! The name lock: `apigen.lock` in the specs folder, the Rust names the client was given.
//!
//! Like `Cargo.lock`, it is written by `codegen` and committed. It records, for every operation
//! (keyed by HTTP method and path, `"GET /api/v1/api-keys"`), its method and error enum names, and
//! for every named type the places in the merged spec it came from (JSON pointers: a component's
//! is `/components/schemas/<key>`, an inline schema's is where it is written) and, when the title
//! decided which schemas share the type, that title.
//!
//! [`crate::generate_locked`] reads it: an operation or type found in the lock keeps its name
//! whatever its summary, title or description now says; a structurally shared type keeps its name
//! while any of its recorded places remains, and its recorded title, not the current one, decides
//! which schemas it is shared with. New items are named by the rules of README "Names", avoiding
//! the locked names; items gone from the spec leave the lock. `[methods]`/`[types]` in
//! `apigen.toml` win over it; `codegen --relock` ignores it. A locked name that is no longer a
//! valid identifier, or that an override or another locked item has taken, is derived afresh.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::diag::{Diagnostic, Location};

/// The lock file's name inside the specs folder.
pub const FILE_NAME: &str = "apigen.lock";

/// The format version written in the file.
const VERSION: u32 = 1;

/// The names of a client, by what identifies each item in the spec.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    #[serde(default = "version")]
    version: u32,
    /// `"GET /path"` → the operation's names.
    #[serde(default)]
    pub methods: BTreeMap<String, LockedOperation>,
    /// Type name → where it came from.
    #[serde(default)]
    pub types: BTreeMap<String, LockedType>,
}

impl Default for Lock {
    /// The empty lock: every name derived afresh.
    fn default() -> Lock {
        Lock::new(BTreeMap::new(), BTreeMap::new())
    }
}

fn version() -> u32 {
    VERSION
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedOperation {
    pub method: String,
    pub error: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedType {
    /// The title that kept this type apart from equal shapes named otherwise, if one did.
    #[serde(default)]
    pub title: Option<String>,
    /// JSON pointers into the merged spec, sorted.
    pub origins: Vec<String>,
}

/// An operation's key in the lock: `"GET /api/v1/api-keys"`.
pub fn operation_key(method: &str, path: &str) -> String {
    format!("{} {path}", method.to_ascii_uppercase())
}

impl Lock {
    /// A lock of these names.
    pub fn new(methods: BTreeMap<String, LockedOperation>, types: BTreeMap<String, LockedType>) -> Lock {
        Lock { version: VERSION, methods, types }
    }

    /// Parses the lock file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Lock, Diagnostic> {
        let lock: Lock = toml::from_str(text).map_err(|e| {
            let before = e.span().and_then(|s| text.get(..s.start)).unwrap_or("");
            let line_col = e.span().map(|_| {
                (before.matches('\n').count() + 1, before.chars().rev().take_while(|&c| c != '\n').count() + 1)
            });
            Diagnostic::new(
                Location { file: file.to_owned(), pointer: String::new(), line_col },
                format!("invalid name lock: {}", e.message()),
            )
            .note("help: fix it, or run codegen with `--relock` to derive every name afresh and rewrite it")
        })?;
        if lock.version != VERSION {
            return Err(Diagnostic::new(
                Location::new(file, "/version"),
                format!("name lock version {} is not supported (this apigen writes version {VERSION})", lock.version),
            ));
        }
        Ok(lock)
    }

    /// Whether the lock records nothing.
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.types.is_empty()
    }

    /// The locked type name of every recorded place (the first name, in name order, when a
    /// hand-edited lock gives one place two).
    pub fn type_names_by_origin(&self) -> BTreeMap<&str, &str> {
        let mut out = BTreeMap::new();
        for (name, t) in &self.types {
            for origin in &t.origins {
                out.entry(origin.as_str()).or_insert(name.as_str());
            }
        }
        out
    }

    /// The recorded title of every recorded place (see [`LockedType::title`]).
    pub fn titles_by_origin(&self) -> BTreeMap<String, Option<String>> {
        let mut out = BTreeMap::new();
        for t in self.types.values() {
            for origin in &t.origins {
                out.entry(origin.clone()).or_insert_with(|| t.title.clone());
            }
        }
        out
    }

    /// The file's text: a header, then one line per operation and a table per type, sorted.
    pub fn render(&self, command: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# @generated by `{command}`: the Rust names of the client. Commit this file.");
        out.push_str(
            "# Regeneration keeps these names when summaries, titles or descriptions change. To rename,\n\
             # set [methods] or [types] in apigen.toml; `--relock` derives every name afresh.\n",
        );
        let _ = writeln!(out, "version = {VERSION}");
        out.push_str("\n[methods]\n");
        for (key, op) in &self.methods {
            let _ =
                writeln!(out, "{} = {{ method = {}, error = {} }}", quote(key), quote(&op.method), quote(&op.error));
        }
        for (name, t) in &self.types {
            let bare = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let _ = writeln!(out, "\n[types.{}]", if bare { name.clone() } else { quote(name) });
            if let Some(title) = &t.title {
                let _ = writeln!(out, "title = {}", quote(title));
            }
            out.push_str("origins = [\n");
            for origin in &t.origins {
                let _ = writeln!(out, "    {},", quote(origin));
            }
            out.push_str("]\n");
        }
        out
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_parses_back() {
        let mut lock = Lock::new(BTreeMap::new(), BTreeMap::new());
        lock.methods.insert(
            operation_key("get", "/a/{id}"),
            LockedOperation { method: "get_a".into(), error: "GetAError".into() },
        );
        lock.types.insert(
            "Thing".into(),
            LockedType {
                title: Some("A \"thing\"\\\n\u{1}".into()),
                origins: vec!["/paths/~1a~1{id}/get/responses/200".into(), "/components/schemas/Ü".into()],
            },
        );
        let text = lock.render("cargo xtask codegen");
        assert!(text.starts_with("# @generated by `cargo xtask codegen`"), "{text}");
        assert!(text.contains("\"GET /a/{id}\" = { method = \"get_a\", error = \"GetAError\" }"), "{text}");
        assert_eq!(Lock::parse("apigen.lock", &text).unwrap(), lock);
        assert_eq!(lock.type_names_by_origin()["/components/schemas/Ü"], "Thing");
    }

    #[test]
    fn bad_locks_are_located_errors() {
        let d = Lock::parse("specs/apigen.lock", "version = 1\n[methods]\n\"GET /\" = 3\n").unwrap_err();
        assert_eq!(d.location.file, "specs/apigen.lock");
        assert_eq!(d.location.line_col.map(|(line, _)| line), Some(3));
        let d = Lock::parse("apigen.lock", "version = 9\n").unwrap_err();
        assert!(d.message.contains("version 9"), "{}", d.message);
    }
}

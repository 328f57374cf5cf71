//! Snapshot cases: one small spec per rule, and what the generator makes of it, compared whole.
//!
//! Each folder `tests/cases/<rule>/` holds:
//! - `spec.yaml`, or several `spec*.yaml` / `spec*.json` files (the per-operation documents, given
//!   to [`apigen::generate`] under their file names), and optionally `apigen.toml` (the config);
//! - `case.toml` with `items = ["Name", ...]`: the generated items the rule is about, picked by
//!   name from every generated `src/*.rs` file (see [`select`]);
//! - and the expectation: `expected.rs`, the picked items rendered with prettyplease under a
//!   `// src/<file>` line per generated file, when generation succeeds; or `expected.txt`, the
//!   diagnostics exactly as the CLI prints them, when the spec is refused.
//!
//! Generation is the pure library call: no disk writes, no subprocess. A mismatch fails with a
//! unified diff. `APIGEN_BLESS=1 cargo test -p apigen --test cases` rewrites the expectations
//! (writing whichever of the two files the outcome calls for and removing the other); review the
//! diff before committing it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use apigen::config::Config;
use apigen::load::Source;

const BLESS: &str = "APIGEN_BLESS=1 cargo test -p apigen --test cases";

/// The case's `case.toml`.
#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// The names of the generated items to compare (types, functions, methods of `Client`).
    #[serde(default)]
    items: Vec<String>,
}

/// What a case gives: the rendered items, or the rendered refusal.
enum Outcome {
    Generated(String),
    Refused(String),
}

impl Outcome {
    fn file_name(&self) -> &'static str {
        match self {
            Outcome::Generated(_) => "expected.rs",
            Outcome::Refused(_) => "expected.txt",
        }
    }

    fn text(&self) -> &str {
        match self {
            Outcome::Generated(text) | Outcome::Refused(text) => text,
        }
    }
}

#[test]
fn cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no cases in {}", root.display());
    let bless = std::env::var_os("APIGEN_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if let Err(message) = check(dir, bless) {
            failures.push(format!("case {name}: {message}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), dirs.len(), failures.join("\n\n"));
}

/// Runs one case and compares (or, blessing, rewrites) its expectation.
fn check(dir: &Path, bless: bool) -> Result<(), String> {
    let actual = run(dir)?;
    let path = dir.join(actual.file_name());
    let other = dir.join(match actual {
        Outcome::Generated(_) => "expected.txt",
        Outcome::Refused(_) => "expected.rs",
    });
    if bless {
        std::fs::write(&path, actual.text()).map_err(|e| format!("{}: {e}", path.display()))?;
        if other.exists() {
            std::fs::remove_file(&other).map_err(|e| format!("{}: {e}", other.display()))?;
        }
        return Ok(());
    }
    if other.exists() {
        return Err(format!(
            "{} exists, but the case now gives {} (run `{BLESS}` if that is intended):\n{}",
            other.display(),
            actual.file_name(),
            actual.text()
        ));
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("{} is missing; run `{BLESS}` and review it:\n{}", path.display(), actual.text()));
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    if expected == actual.text() {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(expected.as_str(), actual.text());
    let shown = diff.unified_diff().context_radius(3).header(&path.display().to_string(), "actual").to_string();
    Err(format!("differs from {} (run `{BLESS}` if the change is intended):\n{shown}", path.display()))
}

/// Generates from the case's files and renders the outcome.
fn run(dir: &Path) -> Result<Outcome, String> {
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let case_path = dir.join("case.toml");
    let case: CaseFile = if case_path.exists() {
        toml::from_str(&read(&case_path)?).map_err(|e| format!("{}: {e}", case_path.display()))?
    } else {
        CaseFile::default()
    };
    let config_path = dir.join("apigen.toml");
    let config = if config_path.exists() {
        Config::parse("apigen.toml", &read(&config_path)?).map_err(|d| format!("{}: {d}", config_path.display()))?
    } else {
        Config::default()
    };
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("spec") && (name.ends_with(".yaml") || name.ends_with(".json")) {
            sources.push(Source::new(name, read(&path)?));
        }
    }
    if sources.is_empty() {
        return Err(format!("no spec*.yaml or spec*.json in {}", dir.display()));
    }
    match apigen::generate(&config, &sources) {
        // As the CLI prints them.
        Err(diagnostics) => Ok(Outcome::Refused(format!("{diagnostics}\n"))),
        Ok(generated) => {
            if case.items.is_empty() {
                return Err(format!(
                    "generation succeeds, so {} must list the `items` to compare",
                    case_path.display()
                ));
            }
            select(&generated.files, &case.items).map(Outcome::Generated)
        }
    }
}

/// The items named `wanted` in the generated Rust files, rendered with prettyplease (a blank line
/// between items), each file's under a `// src/<file>` line, in file and item order. An item is
/// picked when its own name is wanted; an `impl` when its self type's name is (so a type comes with its hand-written
/// `Deserialize`, a request with its setters); and a method of any other `impl` when the method's
/// name is (so `Client::get_thing` comes alone, in its `impl Client`). A wanted name found nowhere
/// is an error (which lists the types there are), so a case cannot pass by picking nothing.
fn select(files: &BTreeMap<String, String>, wanted: &[String]) -> Result<String, String> {
    let mut found: BTreeMap<&str, bool> = wanted.iter().map(|w| (w.as_str(), false)).collect();
    let mut types = Vec::new();
    let mut out = String::new();
    for (path, text) in files {
        if !path.ends_with(".rs") {
            continue;
        }
        let file = syn::parse_file(text).map_err(|e| format!("{path} does not parse: {e}"))?;
        let mut kept = Vec::new();
        for item in file.items {
            if let syn::Item::Struct(syn::ItemStruct { ident, .. }) | syn::Item::Enum(syn::ItemEnum { ident, .. }) =
                &item
            {
                types.push(ident.to_string());
            }
            if let Some(item) = pick(item, &mut found) {
                kept.push(item);
            }
        }
        if !kept.is_empty() {
            // One item at a time, a blank line between them, as the generated files have them.
            let rendered: Vec<String> = kept
                .into_iter()
                .map(|item| {
                    prettyplease::unparse(&syn::File {
                        shebang: None,
                        frontmatter: None,
                        attrs: Vec::new(),
                        items: vec![item],
                    })
                })
                .collect();
            let _ = write!(out, "{}// {path}\n{}", if out.is_empty() { "" } else { "\n" }, rendered.join("\n"));
        }
    }
    let missing: Vec<&str> = found.iter().filter(|(_, seen)| !**seen).map(|(name, _)| *name).collect();
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(format!("no generated item is named {missing:?}; the structs and enums are {types:?}"))
    }
}

/// `item` (or the part of it) that `found` asks for, marking the names met.
fn pick(item: syn::Item, found: &mut BTreeMap<&str, bool>) -> Option<syn::Item> {
    let mut hit = |name: String| match found.get_mut(name.as_str()) {
        Some(seen) => {
            *seen = true;
            true
        }
        None => false,
    };
    let own = match &item {
        syn::Item::Struct(i) => Some(i.ident.to_string()),
        syn::Item::Enum(i) => Some(i.ident.to_string()),
        syn::Item::Type(i) => Some(i.ident.to_string()),
        syn::Item::Fn(i) => Some(i.sig.ident.to_string()),
        syn::Item::Const(i) => Some(i.ident.to_string()),
        syn::Item::Static(i) => Some(i.ident.to_string()),
        syn::Item::Trait(i) => Some(i.ident.to_string()),
        syn::Item::Mod(i) => Some(i.ident.to_string()),
        _ => None,
    };
    if let Some(name) = own {
        return hit(name).then_some(item);
    }
    let syn::Item::Impl(mut block) = item else { return None };
    let self_name = match &*block.self_ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    if self_name.is_some_and(&mut hit) {
        return Some(syn::Item::Impl(block));
    }
    block.items.retain(|member| match member {
        syn::ImplItem::Fn(f) => hit(f.sig.ident.to_string()),
        _ => false,
    });
    (!block.items.is_empty()).then_some(syn::Item::Impl(block))
}

//! Configuration: `apigen.toml` in the specs folder (optional), plus command-line overrides.
//!
//! ```toml
//! [package]
//! name = "netography-api"     # crate name; default: the spec title in kebab case + "-client"
//! version = "0.1.0"           # crate version; default "0.1.0"
//! license = "MIT"             # default: the spec's info.license (when an SPDX identifier)
//! description = "..."         # default: "Typed async client for <title> <version>"
//! repository = "https://..."  # also homepage, documentation, keywords, categories, authors,
//! publish = true              # edition (default 2021), rust-version; publish defaults to false
//!
//! [methods]                   # operationId → method name
//! v1_api_keys_appname_regen_put = "regenerate_api_key"
//!
//! [types]                     # JSON pointer of a schema in the merged spec → type name
//! "/paths/~1api~1v1~1api-keys/post/requestBody/content/application~1json/schema" = "NewApiKey"
//!
//! [features]
//! tags = true                 # one cargo feature per tag (default: false)
//!
//! [byte_stream]               # operationId → true: its request also has `byte_stream()`, its
//! exportAuditLog = true       # successful body read as it arrives (binary bodies always have it)
//!
//! [limits]                    # how much is read (a number of bytes, or with KiB, MiB or GiB)
//! max_file_size = "256 MiB"   # per file: spec or config (default 256 MiB)
//! max_total_size = "2 GiB"    # all spec files together (default 2 GiB)
//! ```
//!
//! The command line's `--max-file-size` and `--max-total-size` win over `[limits]`; the config file
//! itself is read under the command line's (or the default) per-file limit.
//!
//! Every key is checked: an override that matches no operation or schema is an error, so a stale
//! config cannot silently stop applying; a method or type name must be an identifier in its case
//! that collides with nothing ([`crate::naming::RESERVED_METHODS`], other overrides), the package
//! name a crate name Cargo accepts and the version a semantic version ([`Config::check_package`]).
//! Errors name the key's line.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use crate::diag::{Diagnostic, Location, join_pointer};
use crate::load;

/// The config file's name inside the specs folder.
pub const FILE_NAME: &str = "apigen.toml";

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub package: Package,
    /// operationId → method name.
    #[serde(default)]
    pub methods: BTreeMap<String, String>,
    /// JSON pointer (into the merged spec) of a schema → type name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    #[serde(default)]
    pub features: Features,
    /// operationId → whether its request has `byte_stream()` whatever its body's type.
    #[serde(default)]
    pub byte_stream: BTreeMap<String, bool>,
    #[serde(default)]
    pub limits: Limits,
    /// Refuse what real specs commonly get wrong instead of reading it leniently with a warning
    /// ([`crate::repair`]); `--strict` on the command line.
    #[serde(default)]
    pub strict: bool,
    /// The command named in the `@generated` header of every file.
    #[serde(skip)]
    pub generated_by: Option<String>,
    /// Where the config was read from, for diagnostics.
    #[serde(skip)]
    pub file: Option<String>,
    /// The line and column of each key, by its pointer (`/methods/<operationId>`, `/package/name`).
    #[serde(skip)]
    pub lines: BTreeMap<String, (usize, usize)>,
}

/// The keys whose place errors name, with their spans in the text.
#[derive(Default, Deserialize)]
struct Spans {
    #[serde(default)]
    package: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    methods: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    types: BTreeMap<Spanned<String>, IgnoredAny>,
    #[serde(default)]
    byte_stream: BTreeMap<Spanned<String>, IgnoredAny>,
}

/// The generated crate's `[package]`: what `cargo publish` needs and users expect. Unset fields
/// are left out, but `edition` (2021), `readme` (the generated README), `publish` (false) and
/// `license` and `description` (from the spec's `info`, when it gives them).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Package {
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    /// An SPDX expression (`MIT OR Apache-2.0`).
    pub license: Option<String>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub keywords: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
    pub authors: Option<Vec<String>>,
    /// Whether the crate may be published (default: false, so it is not by mistake).
    pub publish: Option<bool>,
    pub edition: Option<String>,
    pub rust_version: Option<String>,
}

/// Cargo features of the generated crate.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Features {
    /// One cargo feature per tag: an operation and the types only it uses are compiled when one of
    /// its tags' features is on (all are, by default). Operations without tags are always there.
    #[serde(default)]
    pub tags: bool,
}

/// How much is read from disk (see [`crate::load::Limits`]); unset means the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub max_file_size: Option<Size>,
    pub max_total_size: Option<Size>,
}

/// A number of bytes: an integer, or a string with a unit (`"256 MiB"`, see [`load::parse_size`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(pub u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Size;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number of bytes or a size such as \"256 MiB\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Size, E> {
                Ok(Size(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Size, E> {
                u64::try_from(v).map(Size).map_err(|_| E::custom("a size cannot be negative"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Size, E> {
                load::parse_size(v).map(Size).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Config {
    /// Parses the config file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Config, Diagnostic> {
        let line_col = |offset: usize| crate::diag::line_col(text.as_bytes(), offset);
        let parsed: Result<Config, _> = toml::from_str(text);
        let mut config = parsed.map(|c| Config { file: Some(file.to_owned()), ..c }).map_err(|e| {
            Diagnostic::new(
                Location {
                    file: file.to_owned(),
                    pointer: String::new(),
                    line_col: e.span().map(|s| line_col(s.start)),
                },
                format!("invalid config: {}", e.message()),
            )
        })?;
        // The text is valid: read it again for the places of the keys.
        let spans: Spans = toml::from_str(text).unwrap_or_default();
        let tables = [
            ("/package", spans.package),
            ("/methods", spans.methods),
            ("/types", spans.types),
            ("/byte_stream", spans.byte_stream),
        ];
        for (table, keys) in tables {
            for key in keys.into_keys() {
                config.lines.insert(join_pointer(table, key.get_ref()), line_col(key.span().start));
            }
        }
        Ok(config)
    }

    /// The config file's name in diagnostics.
    pub fn file_name(&self) -> &str {
        self.file.as_deref().unwrap_or(FILE_NAME)
    }

    /// The place of a key in the config file, by its pointer (`/methods/<operationId>`).
    pub fn at(&self, pointer: &str) -> Location {
        Location {
            file: self.file_name().to_owned(),
            pointer: pointer.to_owned(),
            line_col: self.lines.get(pointer).copied(),
        }
    }

    /// The crate name and version, when the config sets them: what Cargo accepts
    /// ([`crate::checks::crate_name`], [`crate::checks::crate_version`]).
    pub fn check_package(&self) -> Vec<Diagnostic> {
        let p = &self.package;
        let problems = [
            ("name", p.name.as_deref().and_then(crate::checks::crate_name)),
            ("version", p.version.as_deref().and_then(crate::checks::crate_version)),
            ("edition", p.edition.as_deref().and_then(crate::checks::crate_edition)),
            ("rust-version", p.rust_version.as_deref().and_then(crate::checks::rust_version)),
            ("keywords", p.keywords.as_deref().and_then(crate::checks::crate_keywords)),
        ];
        problems
            .into_iter()
            .filter_map(|(key, problem)| problem.map(|m| Diagnostic::new(self.at(&join_pointer("/package", key)), m)))
            .collect()
    }

    /// The command the header names.
    pub fn command(&self) -> &str {
        self.generated_by.as_deref().unwrap_or("cargo xtask codegen")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_sections() {
        let c = Config::parse(
            "apigen.toml",
            "[package]\nname = \"x-api\"\n[methods]\nop = \"do_it\"\n[types]\n\"/paths/~1a/get\" = \"Thing\"\n[features]\ntags = true\n",
        )
        .unwrap();
        assert!(c.features.tags);
        assert_eq!(c.package.name.as_deref(), Some("x-api"));
        assert_eq!(c.methods["op"], "do_it");
        assert_eq!(c.types["/paths/~1a/get"], "Thing");
    }

    #[test]
    fn limits_are_bytes_or_sizes_with_units() {
        let c = Config::parse("apigen.toml", "[limits]\nmax_file_size = 100\nmax_total_size = \"2 GiB\"\n").unwrap();
        assert_eq!(c.limits, Limits { max_file_size: Some(Size(100)), max_total_size: Some(Size(2 << 30)) });
        let d = Config::parse("apigen.toml", "[limits]\nmax_file_size = \"5 MB\"\n").unwrap_err();
        assert!(d.message.contains("unknown size unit `mb` (use B, KiB, MiB or GiB)"), "{}", d.message);
        assert_eq!(d.location.line_col, Some((2, 17)));
        let d = Config::parse("apigen.toml", "[limits]\nmax_file_size = -1\n").unwrap_err();
        assert!(d.message.contains("cannot be negative"), "{}", d.message);
    }

    #[test]
    fn keys_have_their_lines() {
        let c = Config::parse("apigen.toml", "[package]\nname = \"x\"\n\n[methods]\n  \"a/b\" = \"m\"\n").unwrap();
        assert_eq!(c.at("/package/name").to_string(), "apigen.toml:2:1#/package/name");
        assert_eq!(c.at("/methods/a~1b").line_col, Some((5, 3)));
        assert_eq!(Config::default().at("/types/x").line_col, None);
    }

    #[test]
    fn unknown_keys_are_located_errors() {
        let d = Config::parse("apigen.toml", "[package]\nnmae = \"x\"\n").unwrap_err();
        assert_eq!(d.location.line_col, Some((2, 1)));
        assert!(d.message.contains("unknown field `nmae`"), "{}", d.message);
    }
}

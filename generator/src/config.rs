//! Configuration: `apigen.toml` in the specs folder (optional), plus command-line overrides.
//!
//! ```toml
//! [package]
//! name = "netography-api"     # crate name; default: the spec title in kebab case + "-client"
//! version = "0.1.0"           # crate version; default "0.1.0"
//!
//! [methods]                   # operationId → method name
//! v1_api_keys_appname_regen_put = "regenerate_api_key"
//!
//! [types]                     # JSON pointer of a schema in the merged spec → type name
//! "/paths/~1api~1v1~1api-keys/post/requestBody/content/application~1json/schema" = "NewApiKey"
//!
//! [features]
//! tags = true                 # one cargo feature per tag (default: false)
//! ```
//!
//! Every key is checked: an override that matches no operation or schema is an error, so a stale
//! config cannot silently stop applying.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diag::{Diagnostic, Location};

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
    /// The command named in the `@generated` header of every file.
    #[serde(skip)]
    pub generated_by: Option<String>,
    /// Where the config was read from, for diagnostics.
    #[serde(skip)]
    pub file: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: Option<String>,
    pub version: Option<String>,
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

impl Config {
    /// Parses the config file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Config, Diagnostic> {
        let parsed: Result<Config, _> = toml::from_str(text);
        parsed.map(|c| Config { file: Some(file.to_owned()), ..c }).map_err(|e| {
            let line_col = e.span().map(|span| {
                let before = &text[..span.start.min(text.len())];
                (before.matches('\n').count() + 1, before.chars().rev().take_while(|&c| c != '\n').count() + 1)
            });
            Diagnostic::new(
                Location { file: file.to_owned(), pointer: String::new(), line_col },
                format!("invalid config: {}", e.message()),
            )
        })
    }

    /// The config file's name in diagnostics.
    pub fn file_name(&self) -> &str {
        self.file.as_deref().unwrap_or(FILE_NAME)
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
    fn unknown_keys_are_located_errors() {
        let d = Config::parse("apigen.toml", "[package]\nnmae = \"x\"\n").unwrap_err();
        assert_eq!(d.location.line_col, Some((2, 1)));
        assert!(d.message.contains("unknown field `nmae`"), "{}", d.message);
    }
}

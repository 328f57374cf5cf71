//! `cargo xtask`: the workspace's tasks, run from any folder of the workspace.
//!
//! - `cargo xtask codegen [--check]`: regenerate `generated/` from `specs/` (or check it is fresh);
//! - `cargo xtask import PAGE.md`: extract a reference page's OpenAPI documents into `specs/`.
//!
//! Relative folders are resolved against the workspace root. The commands are [`apigen::cli`].

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace root").to_path_buf()
}

fn main() -> std::process::ExitCode {
    apigen::cli::main(&workspace_root(), "cargo xtask")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain `cargo test` fails when `generated/` is not what `specs/` produce.
    #[test]
    fn generated_crate_is_fresh() {
        let root = workspace_root();
        let args = apigen::cli::CodegenArgs {
            check: true,
            specs: None,
            out: None,
            crate_name: None,
            config: None,
            dump_ir: false,
            max_diff_lines: 60,
        };
        let generated =
            apigen::cli::load_and_generate(&root, "cargo xtask codegen", &args).unwrap_or_else(|d| panic!("{d}"));
        let report =
            apigen::write::sync(&root.join("generated"), &generated.files, apigen::write::Mode::Check).unwrap();
        assert!(
            report.stale.is_empty() && report.missing.is_empty(),
            "generated/ is stale; run `cargo xtask codegen`\n{}",
            report.render(apigen::write::Mode::Check, 60)
        );
    }

    /// `cargo xtask import` on the published page reproduces `specs/` exactly.
    #[test]
    fn import_of_the_seed_page_reproduces_specs() {
        let root = workspace_root();
        let page = root.join("specs/pages/netography-api-keys.md");
        let text = std::fs::read_to_string(&page).unwrap();
        let files = apigen::import::extract("specs/pages/netography-api-keys.md", &text).unwrap();
        assert_eq!(files.len(), 6);
        for (name, content) in &files {
            let on_disk = std::fs::read_to_string(root.join("specs").join(name)).unwrap();
            assert_eq!(&on_disk, content, "specs/{name} differs from the page");
        }
    }
}

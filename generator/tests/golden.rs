//! Golden tests: each folder in `tests/fixtures/<case>/` holds `specs/` (with an optional
//! `apigen.toml`, and the name lock `apigen.lock`) and `expected/`, the client crate the generator
//! must produce from them; both the crate and the lock are checked. The
//! expected crates are workspace members, so every build and clippy run compiles them too, and
//! end-to-end tests use them as real clients.
//!
//! After a deliberate change to the output, rewrite them with `cargo xtask fixtures` (which does
//! not need the fixtures to compile) and review the diff.

use std::path::Path;

use apigen::cli::CodegenArgs;
use apigen::write::Mode;

const BLESS_COMMAND: &str = "cargo xtask fixtures";

fn check_case(case: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case);
    let args = CodegenArgs {
        check: true,
        specs: Some("specs".into()),
        out: Some("expected".into()),
        crate_name: None,
        config: None,
        dump_ir: false,
        relock: false,
        max_diff_lines: 200,
        limits: Default::default(),
    };
    // The header names the command that rewrites the expectation.
    let generated =
        apigen::cli::load_and_generate(&root, BLESS_COMMAND, &args).unwrap_or_else(|d| panic!("{case}: {d}"));
    let report = apigen::cli::sync_outputs(&root, &args, &generated, Mode::Check).unwrap();
    assert!(
        report.is_fresh(),
        "fixture {case}: the output differs from expected/ (run `{BLESS_COMMAND}`, then review the diff)\n{}",
        report.render(Mode::Check, 200)
    );
}

#[test]
fn params() {
    check_case("params");
}

#[test]
fn auth() {
    check_case("auth");
}

#[test]
fn vectara() {
    check_case("vectara");
}

#[test]
fn fastapi() {
    check_case("fastapi");
}

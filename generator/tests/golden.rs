//! Golden tests: each folder in `tests/fixtures/<case>/` holds `specs/` (with an optional
//! `apigen.toml`, and the name lock `apigen.lock`) and `expected/`, the client crate the generator
//! must produce from them; both the crate and the lock are checked. The
//! expected crates are workspace members, so every build and clippy run compiles them too, and
//! end-to-end tests use them as real clients. Generation is the pure library call on the folder's
//! files, read as the CLI reads them; only the comparison touches the disk, and writes nothing.
//!
//! After a deliberate change to the output, rewrite them with `cargo xtask fixtures` (which does
//! not need the fixtures to compile) and review the diff.

use std::path::Path;

use apigen::config::{self, Config};
use apigen::lock::{self, Lock};
use apigen::write::{self, Mode};

const BLESS_COMMAND: &str = "cargo xtask fixtures";

/// Generates the case with the pure [`apigen::generate_locked`] from what its `specs/` holds, read
/// as the CLI reads it (files named `specs/...`, the config and lock from the folder, the header
/// naming [`BLESS_COMMAND`]), and checks `expected/` and the lock against the result.
fn check_case(case: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case);
    let specs = root.join("specs");
    let read = |name: &str| std::fs::read_to_string(specs.join(name)).ok();
    let mut config = match read(config::FILE_NAME) {
        Some(text) => {
            Config::parse(&format!("specs/{}", config::FILE_NAME), &text).unwrap_or_else(|d| panic!("{case}: {d}"))
        }
        None => Config::default(),
    };
    config.generated_by = Some(BLESS_COMMAND.to_owned());
    let shown_lock = format!("specs/{}", lock::FILE_NAME);
    let old_lock = match read(lock::FILE_NAME) {
        Some(text) => Lock::parse(&shown_lock, &text).unwrap_or_else(|d| panic!("{case}: {d}")),
        None => Lock::default(),
    };
    let mut sources = apigen::load::read_dir(&specs).unwrap_or_else(|d| panic!("{case}: {d}"));
    for source in &mut sources {
        source.name = format!("specs/{}", source.name);
    }
    let generated = apigen::generate_locked(&config, &sources, &old_lock).unwrap_or_else(|d| panic!("{case}: {d}"));
    let crate_report = write::sync(&root.join("expected"), &generated.files, Mode::Check).unwrap();
    let lock_report =
        write::sync_file(&specs.join(lock::FILE_NAME), &shown_lock, &generated.lock_file, Mode::Check).unwrap();
    for report in [crate_report, lock_report] {
        assert!(
            report.is_fresh(),
            "fixture {case}: the output differs from expected/ or the lock (run `{BLESS_COMMAND}`, then review the \
             diff)\n{}",
            report.render(Mode::Check, 200)
        );
    }
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

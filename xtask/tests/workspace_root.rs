//! `cargo xtask` judges and writes the workspace it is run in, not the one it was built in.
//!
//! With one `CARGO_TARGET_DIR` shared by two checkouts, cargo can run the xtask binary built for
//! the other checkout. These tests run this checkout's binary from other workspaces' folders: each
//! run must read, check and write only the workspace around its current directory, and paths typed
//! on the command line are relative to the directory they were typed in.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throwaway workspace: a `Cargo.toml` with `[workspace]`, a copy of this repository's
/// `specs/` (with `edit` applied to the list operation's spec) and a subfolder `sub/deeper`.
fn workspace(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-root-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    // A member's manifest without `[workspace]` on the way up must not stop the search.
    std::fs::write(dir.join("sub/Cargo.toml"), "[package]\nname = \"sub\"\n").unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.file_name().unwrap() == "v1_api_keys_get.json" {
                text = edit(text);
            }
            std::fs::write(dir.join("specs").join(path.file_name().unwrap()), text).unwrap();
        }
    }
    dir
}

fn xtask(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).current_dir(cwd).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn merged_spec(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("generated/openapi.json")).unwrap()
}

#[test]
fn each_workspace_is_checked_and_written_from_its_own_folder() {
    let a = workspace("a", |t| t);
    let b = workspace("b", |t| t.replace("Return a list of all API Keys.", "Every API key of the account."));

    // Nothing generated yet: the check fails in both, whatever this checkout's generated/ holds.
    for dir in [&a, &b] {
        let check = xtask(dir, &["codegen", "--check"]);
        assert_eq!(check.status.code(), Some(1), "{}: {}", dir.display(), text(&check));
    }

    // `codegen` run from a subfolder writes the generated/ of that workspace, and only that one.
    let write_a = xtask(&a.join("sub/deeper"), &["codegen"]);
    assert_eq!(write_a.status.code(), Some(0), "{}", text(&write_a));
    assert!(a.join("generated/src/lib.rs").is_file());
    assert!(!b.join("generated").exists());
    let check_b = xtask(&b, &["codegen", "--check"]);
    assert_eq!(check_b.status.code(), Some(1), "{}", text(&check_b));

    let write_b = xtask(&b.join("sub"), &["codegen"]);
    assert_eq!(write_b.status.code(), Some(0), "{}", text(&write_b));
    assert!(merged_spec(&b).contains("Every API key") && !merged_spec(&a).contains("Every API key"));
    for dir in [&a, &b] {
        let check = xtask(&dir.join("sub/deeper"), &["codegen", "--check"]);
        assert_eq!(check.status.code(), Some(0), "{}: {}", dir.display(), text(&check));
    }

    // A spec edited in one workspace makes that one stale, not the other.
    let spec = b.join("specs/v1_api_keys_get.json");
    let edited = std::fs::read_to_string(&spec).unwrap().replace("Every API key", "All API keys");
    std::fs::write(&spec, edited).unwrap();
    assert_eq!(xtask(&b, &["codegen", "--check"]).status.code(), Some(1));
    assert_eq!(xtask(&a, &["codegen", "--check"]).status.code(), Some(0));
    // Drift compares each workspace's own specs with its own generated/openapi.json.
    let drift = xtask(&a.join("sub"), &["drift", "--fail-on", "any"]);
    assert_eq!(drift.status.code(), Some(0), "{}", text(&drift));

    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}

#[test]
fn typed_paths_are_relative_to_the_current_directory() {
    let a = workspace("rel", |t| t);
    let sub = a.join("sub");
    std::fs::rename(a.join("specs/apigen.toml"), sub.join("my.toml")).unwrap();

    let write = xtask(&sub, &["codegen", "--specs", "../specs", "--out", "client", "--config", "my.toml"]);
    assert_eq!(write.status.code(), Some(0), "{}", text(&write));
    let manifest = std::fs::read_to_string(sub.join("client/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"netography-api\""), "the config was not read: {manifest}");
    assert!(!a.join("generated").exists() && !a.join("client").exists());
    // Files are named from the workspace root, whatever the folder they were typed in.
    assert!(text(&write).contains("\nsub/client: "), "{}", text(&write));

    let check = xtask(&sub, &["codegen", "--check", "--specs", "../specs", "--out", "client", "--config", "my.toml"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));

    let drift = xtask(&sub.join("deeper"), &["drift", "--base", "../client/openapi.json", "--specs", "../../specs"]);
    assert_eq!(drift.status.code(), Some(0), "{}", text(&drift));
    assert_eq!(String::from_utf8_lossy(&drift.stdout), "no changes\n");

    // The fixing command repeats the paths as typed, so it works where it was typed.
    let stale =
        xtask(&sub, &["codegen", "--check", "--specs", "../specs", "--out", "elsewhere", "--config", "my.toml"]);
    assert_eq!(stale.status.code(), Some(1), "{}", text(&stale));
    let fix =
        "error: sub/elsewhere is stale; run `cargo xtask codegen --specs ../specs --out elsewhere --config my.toml`";
    assert!(text(&stale).contains(fix), "{}", text(&stale));

    // A typed path that does not exist is named as typed, relative to the workspace root.
    let missing = xtask(&sub, &["codegen", "--specs", "nowhere"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing).contains("sub/nowhere"), "{}", text(&missing));
    std::fs::remove_dir_all(&a).unwrap();
}

#[test]
fn outside_any_workspace_xtask_refuses() {
    let dir = std::env::temp_dir().join(format!("xtask-root-none-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = xtask(&dir, &["codegen", "--check"]);
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert!(text(&run).contains("[workspace]"), "{}", text(&run));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_lists_every_task_and_works_outside_a_workspace() {
    let outside = std::env::temp_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).current_dir(&outside).arg("--help").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let help = String::from_utf8(out.stdout).unwrap();
    for task in ["codegen", "import", "drift", "completions", "fixtures", "corpus", "bench", "--quiet", "--verbose"] {
        assert!(help.contains(task), "{task} is not in the help:\n{help}");
    }
}

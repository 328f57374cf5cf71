//! A generated crate whose `apigen.toml` fills `[package]` can be packaged for crates.io: `cargo
//! package` of the `fastapi` fixture (license, repository, keywords, ..., `publish = true`), in a
//! folder outside this workspace, offline and without building it.

use std::process::Command;

#[test]
fn a_generated_crate_with_its_package_keys_is_packaged() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fastapi/expected");
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("fixture-fastapi");
    copy(&fixture, &krate);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--no-verify", "--offline", "--allow-dirty", "--list"])
        .current_dir(&krate)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // No warning of a missing field (description, license, documentation, ...).
    assert!(!stderr.contains("warning"), "{stderr}");
    let files = String::from_utf8(out.stdout).unwrap();
    for file in ["Cargo.toml", "README.md", "openapi.json", "src/lib.rs", "src/runtime.rs"] {
        assert!(files.lines().any(|l| l == file), "{file} not in the package: {files}");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--no-verify", "--offline", "--allow-dirty"])
        .current_dir(&krate)
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(krate.join("target/package/fixture-fastapi-0.1.0.crate").is_file());
}

/// A copy of the crate's files (not a `target` folder).
fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy(&path, &to.join(entry.file_name()));
            }
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// A crate that uses the library (`apigen::Project`, from its build script or xtask) with
/// `default-features = false` builds neither the command line's parser nor its allocator.
#[test]
fn the_library_without_the_cli_feature_pulls_neither_clap_nor_mimalloc() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let tree = |features: &[&str]| {
        let out = Command::new(&cargo)
            .args(["tree", "--offline", "-p", "apigen", "-e", "normal", "--prefix", "none"])
            .args(features)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let library = tree(&["--no-default-features"]);
    let command = tree(&[]);
    for name in ["clap ", "mimalloc "] {
        assert!(!library.lines().any(|l| l.starts_with(name)), "{name}in the library's tree:\n{library}");
        assert!(command.lines().any(|l| l.starts_with(name)), "{name}not in the command's tree");
    }
}

//! The specs folder: special files, symlink loops, size limits, empty folders, read errors.
//!
//! Every test runs its work under [`within_10s`], so a regression that hangs (a FIFO opened for
//! reading, a folder link followed forever) fails the test instead of hanging the run.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use apigen::load::Limits;

use super::*;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Runs `f` on a thread of its own and fails if it takes more than 10 s. A hung thread is left
/// blocked; the test binary exits without it.
fn within_10s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.recv_timeout(TIMEOUT) {
        Ok(Ok(v)) => v,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("did not finish within {TIMEOUT:?}"),
    }
}

/// A fresh temporary folder, removed when dropped.
fn temp() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("apigen-hostile-files-").tempdir().unwrap()
}

fn write_spec(path: &Path, id: &str) {
    let v = doc(json!({ format!("/{id}"): {"get": ok_op(id)} }));
    std::fs::write(path, serde_json::to_vec(&v).unwrap()).unwrap();
}

#[cfg(any(target_os = "linux", target_os = "macos"))]
fn mkfifo(path: &Path) {
    use rustix::fs::{CWD, FileType, Mode, mknodat};
    mknodat(CWD, path, FileType::Fifo, Mode::from_raw_mode(0o644), 0).unwrap();
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// `read_dir` on `dir`, under the timeout, as `Ok(names)` or the error report.
fn read(dir: &Path) -> Result<Vec<String>, String> {
    let dir = dir.to_path_buf();
    within_10s(move || {
        apigen::load::read_dir(&dir).map(|s| s.into_iter().map(|s| s.name).collect()).map_err(|d| d.to_string())
    })
}

/// The `apigen` binary, killed after 10 s: exit code (`None` when it hung) and all it printed.
fn apigen(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("apigen {args:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), text)
}

/// A specs folder with one good spec, `ok.json`.
fn specs_with_one(root: &Path) -> PathBuf {
    let specs = root.join("specs");
    std::fs::create_dir(&specs).unwrap();
    write_spec(&specs.join("ok.json"), "ok");
    specs
}

#[test]
fn fifos_and_sockets_named_like_specs_are_refused_without_opening_them() {
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    mkfifo(&specs.join("pipe.json"));
    let _socket = std::os::unix::net::UnixListener::bind(specs.join("sock.yaml")).unwrap();
    // Special files not named like specs are not looked at.
    mkfifo(&specs.join("notes"));
    let report = read(&specs).unwrap_err();
    let (pipe, sock) = (specs.join("pipe.json"), specs.join("sock.yaml"));
    assert_has(
        &report,
        &[
            &format!("--> {}", pipe.display()),
            "not a regular file (a FIFO)",
            &format!("--> {}", sock.display()),
            "not a regular file (a socket)",
            "generation failed with 2 errors",
        ],
    );
}

#[test]
fn a_link_to_a_device_is_refused_without_reading_it() {
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    symlink("/dev/zero", specs.join("zero.json")).unwrap();
    let report = read(&specs).unwrap_err();
    assert_has(
        &report,
        &[
            &format!("--> {}", specs.join("zero.json").display()),
            "symbolic link to /dev/zero, outside the specs folder",
            "generation failed with 1 error",
        ],
    );
}

#[test]
fn folder_links_that_loop_or_fan_out_are_not_followed() {
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    std::fs::create_dir(specs.join("sub")).unwrap();
    write_spec(&specs.join("sub/two.json"), "two");
    // Eight links back to the folder itself: 8^40 paths if followed.
    for i in 0..8 {
        symlink(".", specs.join(format!("loop{i}"))).unwrap();
    }
    // A link to the parent folder of the link, and one to a sibling folder.
    symlink("..", specs.join("sub/up")).unwrap();
    symlink("sub", specs.join("again")).unwrap();
    assert_eq!(read(&specs).unwrap(), ["ok.json", "sub/two.json"]);

    // Each link is reported as skipped, and the command line prints them as warnings.
    let dir = specs.clone();
    let folder = within_10s(move || apigen::load::read_folder(&dir, &Limits::default())).unwrap();
    let skipped: Vec<String> = folder.skipped.iter().map(|d| format!("{}: {}", d.location, d.message)).collect();
    assert_eq!(skipped.len(), 10, "{skipped:#?}");
    assert_has(
        &skipped.join("\n"),
        &[
            &format!(
                "{}: symbolic link to . loops back to a folder that holds it: not followed",
                specs.join("loop7").display()
            ),
            &format!("{}: symbolic link to .. loops back", specs.join("sub/up").display()),
            &format!(
                "{}: symbolic link to sub, a folder inside the specs folder: not followed",
                specs.join("again").display()
            ),
        ],
    );
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out"]);
    assert_eq!(code, Some(0), "{text}");
    assert_has(&text, &["warning: symbolic link to . loops back", "--> ", "loop0"]);
}

#[test]
fn files_over_the_size_limits_are_refused_with_their_size() {
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    let big = specs.join("big.yaml");
    std::fs::write(&big, format!("# {}\nopenapi: 3.0.0\n", "x".repeat(2000))).unwrap();
    let size = std::fs::metadata(&big).unwrap().len();
    let limits = |file: u64, total: u64| Limits { max_file_size: file, max_total_size: total };
    let dir = specs.clone();
    let report = within_10s(move || apigen::load::read_folder(&dir, &limits(1024, u64::MAX))).unwrap_err().to_string();
    assert_has(
        &report,
        &[
            &format!("--> {}", big.display()),
            &format!("file is 1.9 KiB ({size} bytes), over the limit of 1 KiB per file"),
            "--max-file-size",
            "generation failed with 1 error",
        ],
    );
    let dir = specs.clone();
    let total = size + std::fs::metadata(specs.join("ok.json")).unwrap().len();
    let report = within_10s(move || apigen::load::read_folder(&dir, &limits(u64::MAX, 2000))).unwrap_err().to_string();
    assert_has(
        &report,
        &[
            &format!("--> {}", specs.display()),
            &format!(
                "the spec files add up to {}, over the limit of 1.9 KiB (2000 bytes) in all",
                apigen::load::format_size(total)
            ),
        ],
    );

    // From the command line, and from the config; the flag wins.
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out", "--max-file-size", "1KiB"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["big.yaml", "over the limit of 1 KiB per file"]);
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out", "--max-total-size", "2000"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["over the limit of 1.9 KiB (2000 bytes) in all"]);
    std::fs::write(specs.join("apigen.toml"), "[limits]\nmax_file_size = 1500\n").unwrap();
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["big.yaml", "over the limit of 1.4 KiB (1500 bytes) per file"]);
    // `drift` reads the specs folder under the same limits.
    std::fs::copy(specs.join("ok.json"), tmp.path().join("base.json")).unwrap();
    let (code, text) = apigen(tmp.path(), &["drift", "--specs", "specs", "--base", "base.json"]);
    assert_eq!(code, Some(2), "{text}");
    assert_has(&text, &["big.yaml", "over the limit of 1.4 KiB (1500 bytes) per file"]);
    // The config file is bounded too (by the flag: it cannot raise its own limit).
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out", "--max-file-size", "10"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(
        &text,
        &[
            "specs/apigen.toml",
            &format!("file is {} bytes, over the limit of 10 bytes per file", "[limits]\nmax_file_size = 1500\n".len()),
        ],
    );
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out", "--max-file-size", "5 MB"]);
    assert_eq!(code, Some(2), "{text}");
    assert_has(&text, &["unknown size unit `mb` (use B, KiB, MiB or GiB)"]);
    assert!(!tmp.path().join("out").exists(), "a failed run wrote output");
}

#[test]
fn links_out_of_the_specs_folder_are_refused_with_link_and_target() {
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    std::fs::create_dir(tmp.path().join("elsewhere")).unwrap();
    write_spec(&tmp.path().join("elsewhere/outside.json"), "outside");
    symlink("../elsewhere/outside.json", specs.join("file.json")).unwrap();
    symlink("../elsewhere", specs.join("folder")).unwrap();
    symlink(tmp.path().join("elsewhere/outside.json"), specs.join("absolute.yaml")).unwrap();
    let report = read(&specs).unwrap_err();
    assert_has(
        &report,
        &[
            &format!("--> {}", specs.join("file.json").display()),
            "symbolic link to ../elsewhere/outside.json, outside the specs folder",
            &format!("--> {}", specs.join("folder").display()),
            "symbolic link to ../elsewhere, outside the specs folder",
            &format!("--> {}", specs.join("absolute.yaml").display()),
            "generation failed with 3 errors",
        ],
    );

    // `specs -> shared/specs`: the folder itself may be a link; links inside it that stay inside
    // the real folder are read under their own names.
    let tmp = temp();
    std::fs::create_dir(tmp.path().join("shared")).unwrap();
    let real = specs_with_one(&tmp.path().join("shared"));
    symlink("ok.json", real.join("alias.json")).unwrap();
    symlink("shared/specs", tmp.path().join("specs")).unwrap();
    assert_eq!(read(&tmp.path().join("specs")).unwrap(), ["alias.json", "ok.json"]);
}

#[test]
fn empty_folders_and_folders_without_specs_name_the_folder() {
    let tmp = temp();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_has(
        &read(&empty).unwrap_err(),
        &["no spec files (.json, .yaml, .yml)", &format!("--> {}", empty.display())],
    );
    let other = tmp.path().join("other");
    std::fs::create_dir_all(other.join("sub")).unwrap();
    std::fs::write(other.join("README.md"), "# notes").unwrap();
    std::fs::write(other.join("sub/api.txt"), "{}").unwrap();
    assert_has(&read(&other).unwrap_err(), &[&format!("--> {}", other.display()), "2 other files were ignored"]);
}

#[test]
fn read_errors_name_the_full_path() {
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    std::fs::create_dir(specs.join("sub")).unwrap();
    symlink("missing.json", specs.join("sub/broken.json")).unwrap();
    let report = read(&specs).unwrap_err();
    assert_has(&report, &[&format!("--> {}", specs.join("sub/broken.json").display()), "missing.json"]);

    // Permissions: root reads a chmod 000 file anyway, so this part only runs where they hold.
    use std::os::unix::fs::PermissionsExt;
    let locked = specs.join("locked.json");
    write_spec(&locked, "locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&locked).is_ok() {
        eprintln!("running with privileges that ignore file permissions: unreadable-file check skipped");
        return;
    }
    assert_has(&read(&specs).unwrap_err(), &[&format!("--> {}", locked.display()), "Permission denied"]);
}

#[test]
fn the_config_file_is_read_like_a_spec() {
    // A FIFO where the config is expected, given or found by default, fails fast.
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    mkfifo(&specs.join("apigen.toml"));
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["specs/apigen.toml", "not a regular file (a FIFO)"]);
    mkfifo(&tmp.path().join("fifo.toml"));
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out", "--config", "fifo.toml"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["fifo.toml", "not a regular file (a FIFO)"]);

    // The default config, a link out of the specs folder: refused, like a spec.
    std::fs::remove_file(specs.join("apigen.toml")).unwrap();
    std::fs::write(tmp.path().join("outside.toml"), "[package]\nname = \"x\"\n").unwrap();
    symlink("../outside.toml", specs.join("apigen.toml")).unwrap();
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["specs/apigen.toml", "symbolic link to ../outside.toml, outside the specs folder"]);
    // A broken link is no missing config.
    std::fs::remove_file(specs.join("apigen.toml")).unwrap();
    symlink("nothing.toml", specs.join("apigen.toml")).unwrap();
    let (code, text) = apigen(tmp.path(), &["codegen", "--specs", "specs", "--out", "out"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["specs/apigen.toml", "nothing.toml"]);
    assert!(!tmp.path().join("out").exists(), "a failed run wrote output");
}

#[test]
fn drift_base_and_import_pages_are_read_like_specs() {
    let tmp = temp();
    specs_with_one(tmp.path());
    mkfifo(&tmp.path().join("base.json"));
    mkfifo(&tmp.path().join("page.md"));
    let (code, text) = apigen(tmp.path(), &["drift", "--specs", "specs", "--base", "base.json"]);
    assert_eq!(code, Some(2), "{text}");
    assert_has(&text, &["base.json", "not a regular file (a FIFO)"]);
    let (code, text) = apigen(tmp.path(), &["import", "page.md", "--out", "specs"]);
    assert_eq!(code, Some(1), "{text}");
    assert_has(&text, &["page.md", "not a regular file (a FIFO)"]);
}

#[cfg(target_os = "linux")]
#[test]
fn spec_names_that_are_not_utf8_are_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let tmp = temp();
    let specs = specs_with_one(tmp.path());
    // Both would read as `a\u{fffd}.json`: which one is first would be up to the file system.
    for bytes in [&b"a\xff.json"[..], &b"a\xfe.json"[..]] {
        write_spec(&specs.join(OsStr::from_bytes(bytes)), "twin");
    }
    let report = read(&specs).unwrap_err();
    assert_has(
        &report,
        &[
            r#"the name "a\xFF.json" is not valid UTF-8: rename it"#,
            r#""a\xFE.json""#,
            "generation failed with 2 errors",
        ],
    );
}

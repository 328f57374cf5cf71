//! `cargo xtask`: the workspace's tasks, run from any folder of the workspace.
//!
//! - `cargo xtask codegen [--check]`: regenerate `generated/` from `specs/` (or check it is fresh);
//! - `cargo xtask import PAGE.md`: extract a reference page's OpenAPI documents into `specs/`;
//! - `cargo xtask drift`: what changed in the API since the committed merged spec;
//! - `cargo xtask fixtures`: regenerate the golden fixtures' `expected/` crates (review the diff);
//! - `cargo xtask corpus [--only NAME]... [--variant inline|refs|both] [--no-check]`: generate and
//!   type-check pinned public specs (see `corpus.rs`);
//! - `cargo xtask bench`: generation speed and memory, and the generated crate's check time, on
//!   the GitHub REST API split per operation (see `bench.rs`);
//! - `cargo xtask prism [--api NAME]...`: the generated clients' requests, sent by
//!   `examples/api-keys` and by a program that calls every operation of the seed and of real APIs,
//!   to a validating mock server of their spec (see `prism.rs`).
//!
//! The workspace is the one around the current directory (the nearest `Cargo.toml` with
//! `[workspace]`, as cargo finds it), looked up when the task runs. Default folders (`specs`,
//! `generated`) are in the workspace root; paths typed on the command line are relative to the
//! current directory. `codegen`, `import`, `drift` and `completions` are [`apigen::cli`]'s; the
//! arguments of every task are parsed by clap (`cargo xtask --help` lists them all).

mod bench;
mod corpus;
mod prism;

/// The allocator of the `apigen` command, so `cargo xtask codegen` runs as fast.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};

/// The workspace around the current directory, found when the task runs (never where xtask was
/// built: one target folder shared by two checkouts can run one checkout's binary in the other).
fn workspace_root() -> Result<PathBuf, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    find_workspace(&cwd)
}

/// As cargo finds it: the nearest folder, from `from` up, whose `Cargo.toml` has `[workspace]`.
fn find_workspace(from: &Path) -> Result<PathBuf, String> {
    for dir in from.ancestors() {
        let manifest = dir.join("Cargo.toml");
        let text = match std::fs::read_to_string(&manifest) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{}: {e}", manifest.display())),
        };
        let table: toml::Table = text.parse().map_err(|e| format!("{}: {e}", manifest.display()))?;
        if table.contains_key("workspace") {
            return Ok(dir.to_path_buf());
        }
    }
    Err(format!("no Cargo.toml with [workspace] in {} or above; run cargo xtask inside the workspace", from.display()))
}

/// The command that regenerates the golden fixtures; their headers name it.
pub const FIXTURES_COMMAND: &str = "cargo xtask fixtures";

/// `cargo xtask`: apigen's commands on this workspace, and the workspace's own tasks.
#[derive(Debug, clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "The workspace's tasks, run from any folder of it")]
struct Xtask {
    /// Print only errors and check mode's differences: no warnings, no summary.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print what each step read and made, and how long it took.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, clap::Subcommand)]
enum Task {
    #[command(flatten)]
    Apigen(apigen::cli::Command),
    /// Regenerate the golden fixtures' expected crates from their specs (then review the diff)
    Fixtures,
    /// Generate and type-check pinned public specs (see xtask/src/corpus.rs)
    Corpus(corpus::Options),
    /// Generation speed and memory, and the generated crate's check time (README "Performance")
    Bench,
    /// Send the generated clients' requests to a validating mock of their spec (needs npm)
    Prism(prism::Options),
}

fn main() -> std::process::ExitCode {
    let xtask = <Xtask as clap::Parser>::parse();
    let root = match workspace_root() {
        Ok(root) => root,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let verbosity = apigen::cli::Verbosity::from_flags(xtask.quiet, xtask.verbose);
    match xtask.task {
        Task::Fixtures => fixtures(&root),
        Task::Corpus(options) => exit(corpus::run(&root, &options)),
        Task::Bench => exit(bench::run(&root)),
        Task::Prism(options) => exit(prism::run(&root, &options)),
        Task::Apigen(command) => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| root.clone());
            apigen::cli::run(&root, &cwd, "cargo xtask", command, verbosity)
        }
    }
}

/// A task's result as the exit code, the error printed.
fn exit(result: Result<(), String>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Regenerates `generator/tests/fixtures/*/expected` from their `specs/`.
fn fixtures(root: &Path) -> std::process::ExitCode {
    let dir = root.join("generator/tests/fixtures");
    let mut cases: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("specs").is_dir()).collect(),
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            return std::process::ExitCode::FAILURE;
        }
    };
    cases.sort();
    let mut failed = false;
    for case in cases {
        let project = apigen::Project::new("specs", "expected").root(&case).generated_by(FIXTURES_COMMAND);
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match project.generate() {
            Ok(generated) => match project.write(&generated) {
                Ok(report) => println!(
                    "{name}: {} written, {} unchanged",
                    report.stale.len() + report.missing.len(),
                    report.unchanged
                ),
                Err(e) => {
                    eprintln!("error: {name}: {e}");
                    failed = true;
                }
            },
            Err(d) => {
                eprintln!("{name}:\n{d}");
                failed = true;
            }
        }
    }
    if failed { std::process::ExitCode::FAILURE } else { std::process::ExitCode::SUCCESS }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain `cargo test` fails when `generated/` is not what `specs/` produce.
    #[test]
    fn generated_crate_is_fresh() {
        let root = workspace_root().unwrap();
        // Through the library's entry point, as another repository's xtask would.
        let project = apigen::Project::new("specs", "generated").root(&root).generated_by("cargo xtask codegen");
        let generated = project.generate().unwrap_or_else(|d| panic!("{d}"));
        let report = project.check(&generated).unwrap();
        assert!(
            report.stale.is_empty() && report.missing.is_empty(),
            "generated/ or specs/apigen.lock is stale; run `cargo xtask codegen`\n{}",
            report.render(apigen::write::Mode::Check, 60)
        );
    }

    /// `cargo xtask import` on the published page reproduces `specs/` exactly.
    #[test]
    fn import_of_the_seed_page_reproduces_specs() {
        let root = workspace_root().unwrap();
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

//! apigen: per-operation OpenAPI documents in, a typed async Rust client crate out.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. [`load`]: read spec files (JSON or YAML, sorted) and parse them;
//! 2. [`merge`]: merge the per-operation documents into one, with [`merge::Origins`] to point back;
//! 3. [`resolve`]: flatten `allOf`, share identical structures, name everything → the [`ir`];
//! 4. [`emit`]: the IR → Rust source, formatted with prettyplease; every spec text it (and
//!    [`emit::readme`]) writes as text (docs, the manifest, the generated client's run-time messages)
//!    passes through [`spectext`], so none of it can become code; wire names stay exact in string
//!    literals, which `proc_macro2` escapes;
//! 5. [`write`]: write only what changed, or check that nothing would.
//!
//! [`generate`] runs stages 2–4 and is pure: sources in, files out, no disk. Only the readers of
//! [`load`] ([`load::read_folder`], [`load::read_file`]), [`write`] and the [`cli`] touch the file
//! system. Every problem in the input is a
//! [`diag::Diagnostic`] with a file and JSON pointer; nothing panics on input.

pub mod checks;
pub mod cli;
pub mod config;
pub mod diag;
pub mod drift;
pub mod emit;
pub mod import;
pub mod ir;
pub mod load;
pub mod lock;
pub mod merge;
pub mod naming;
pub mod normalize;
pub mod resolve;
pub mod spectext;
pub mod write;

use std::collections::BTreeMap;

use heck::ToKebabCase;
use rayon::prelude::*;

use crate::config::Config;
use crate::diag::{Diagnostics, Sink};
use crate::load::Source;

/// Everything a generation run produces.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The files of the client crate, by path relative to the output folder.
    pub files: BTreeMap<String, String>,
    /// The IR the files were emitted from (for `--dump-ir`).
    pub api: ir::Api,
    /// The names given, for the name lock ([`lock`]).
    pub lock: lock::Lock,
    /// The name lock's text, which the CLI writes beside the config ([`lock::FILE_NAME`]).
    pub lock_file: String,
}

/// Generates the client crate from spec sources, every name derived afresh. Pure: touches no disk.
pub fn generate(config: &Config, sources: &[Source]) -> Result<Generated, Diagnostics> {
    generate_locked(config, sources, &lock::Lock::default())
}

/// Generates the client crate from spec sources, keeping the names `lock` records (see [`lock`]).
/// Pure: touches no disk.
pub fn generate_locked(config: &Config, sources: &[Source], lock: &lock::Lock) -> Result<Generated, Diagnostics> {
    with_stack(|| generate_here(config, sources, lock))
}

fn generate_here(config: &Config, sources: &[Source], lock: &lock::Lock) -> Result<Generated, Diagnostics> {
    let merged = merge_here(sources)?;
    // Resolving runs on one core; the merged spec is written out on another meanwhile.
    let (resolved, spec_json) = join(|| resolve::resolve(&merged, config, lock), || emit::spec_json(&merged.doc));
    let (api, lock) = resolved?;
    // The config's name was checked with the config; one made from the title is valid by
    // construction (tested below).
    let crate_name = crate_name(config, &api);
    let files = emit::emit(&api, config, spec_json, &crate_name);
    let lock_file = lock.render(config.command());
    Ok(Generated { files, api, lock, lock_file })
}

/// Parses and merges spec sources (stages 1–2). Pure.
pub fn merge_sources(sources: &[Source]) -> Result<merge::Merged, Diagnostics> {
    with_stack(|| merge_here(sources))
}

fn merge_here(sources: &[Source]) -> Result<merge::Merged, Diagnostics> {
    // Sorted here too, so the output never depends on the order the caller found the files in.
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let parsed = load::parse_for_merge(&sorted);
    // The fast path: repeats left out, one validation of the merged document.
    if let Ok(values) = parsed.into_iter().collect::<Result<Vec<_>, _>>() {
        let files = sorted.iter().map(|s| s.name.clone()).zip(values).collect();
        if let Ok(merged) = merge::merge_owned(files, merge::Validation::MergedOnly) {
            return Ok(merged);
        }
    }
    // Something is wrong: parse everything whole and check each file on its own, so that every
    // problem is reported, each at its own file and pointer.
    let mut sink = Sink::default();
    let mut files = Vec::new();
    for source in sorted {
        if let Some(value) = sink.take(load::parse(source)) {
            files.push((source.name.clone(), value));
        }
    }
    sink.check()?;
    merge::merge_owned(files, merge::Validation::EachFile)
}

/// The stack the pipeline runs on. Inputs nest up to the parsers' limit (128 levels), and
/// deserialising and resolving that deep takes more than a test thread's 2 MiB in a debug build,
/// so the public entry points run on a thread of their own rather than trust the caller's stack.
pub(crate) const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Runs `f` on a thread with [`STACK_SIZE`] of stack.
pub(crate) fn with_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().name("apigen".into()).stack_size(STACK_SIZE).spawn_scoped(scope, f);
        let handle = worker.expect("the OS refused to start the generator's worker thread");
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A pool of one worker per core, each with the pipeline's stack, built once and shared by every
/// stage; `None` when no threads are to be had (the work is then done on the calling thread).
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE).build().ok()).as_ref()
}

/// `f` over `items` on every core, results in input order.
pub(crate) fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    match pool() {
        Some(pool) => pool.install(|| items.par_iter().map(&f).collect()),
        None => items.iter().map(f).collect(),
    }
}

/// `a` and `b` at the same time, on two cores.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    match pool() {
        Some(pool) => pool.install(|| rayon::join(a, b)),
        None => (a(), b()),
    }
}

/// The crate name: from the config, else the spec title in kebab case with `-client` (and
/// `api-` before it when the title starts with a digit, which a crate name cannot).
pub fn crate_name(config: &Config, api: &ir::Api) -> String {
    config.package.name.clone().unwrap_or_else(|| crate_name_from_title(&api.title))
}

/// The title in kebab case with `-client`: ASCII (the sanitiser transliterates), cut at a word to
/// fit crates.io's 64 characters, `api-` in front when it would not start with a letter, so always
/// a name [`checks::crate_name`] accepts.
fn crate_name_from_title(title: &str) -> String {
    let mut base = naming::sanitize(title, naming::Case::Snake).trim_start_matches("r#").to_kebab_case();
    const ROOM: usize = 64 - "api--client".len();
    if base.len() > ROOM {
        let end = (0..=ROOM).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
        let cut = base[..end].rfind('-').filter(|&i| i > 0).unwrap_or(end);
        base.truncate(cut);
    }
    if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("{base}-client")
    } else {
        format!("api-{base}-client")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn crate_names_made_from_titles_are_always_valid() {
        let long = "Word ".repeat(40);
        let titles =
            ["", "Test", "std", "self", "9 lives", "Ünïcødé API", "a/b: c?", "-", "r#type", "\u{202e}x", &long];
        for title in titles {
            let name = super::crate_name_from_title(title);
            assert_eq!(super::checks::crate_name(&name), None, "{title:?} gave {name:?}");
        }
    }
}

/// The README's Rust examples, compiled by `cargo test` so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

//! apigen: per-operation OpenAPI documents in, a typed async Rust client crate out.
//!
//! The entry points: [`Project`] (a specs folder in, a crate folder written or checked: what
//! `apigen codegen` does), [`generate`] (documents in memory in, files out) and [`Embed`] (the
//! crate as one module to `include!`, for a build script), with the types they take and give
//! ([`Generated`], [`Config`], [`Source`], [`Diagnostics`], [`Report`]). The modules are the
//! generator's stages: public for its command line, xtask and tests, hidden from these docs, with
//! no stability promise. The `cli` feature (on by default) is the command line: turn it off to use
//! the library without its argument parser and allocator.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! 1. `load`: read spec files (JSON or YAML, sorted) and parse them, a key written twice being
//!    an error;
//! 2. `merge`: merge the per-operation documents into one, with `merge::Origins` to point back;
//!    each file is first held to `checks::structure` and, when it is OpenAPI 3.1, rewritten in
//!    3.0 form by `normalize`; the merged document is then read through openapiv3's model
//!    (`model`), for a generation after `openapi.json` and what resolving reads of the JSON are
//!    taken, freeing the JSON as it goes;
//! 3. `resolve`: flatten `allOf`, share identical structures, name everything (keeping the names
//!    the `lock` records) → the `ir`;
//! 4. `emit`: the IR → Rust source, formatted with prettyplease, and the crate's
//!    `emit::readme`; every spec text they write as text (docs, the manifest, the generated client's run-time messages)
//!    passes through `spectext`, so none of it can become code; wire names stay exact in string
//!    literals, which `proc_macro2` escapes;
//! 5. `write`: write only what changed, or check that nothing would.
//!
//! Beside the stages:
//!
//! - `checks`: rules of OpenAPI and of the generated client that openapiv3 does not enforce,
//!   called by `merge`, `resolve` and `config`;
//! - `lock`: the name lock, `apigen.lock`, which keeps the Rust names a client was given;
//! - `naming`: the sanitiser every Rust name goes through, method names and the crate name;
//! - `diag`: diagnostics, each with a file and a JSON pointer;
//! - `config`: `apigen.toml` and the command-line overrides;
//! - `exec`: the big-stack thread and the worker pool the stages share;
//! - `drift`: what changed between two merged specs, and whether it breaks the client's users;
//! - `surface`: the public Rust API of a resolved client, and what changes in it between two;
//! - `import`: a published API reference page → one spec file per operation;
//! - `cli`: the command line (`codegen`, `import`, `drift`), for the `apigen` binary and
//!   `cargo xtask`.
//!
//! [`generate`] runs stages 1–4 from the read bytes on (parsing, not reading) and is pure: sources
//! in, files out, no disk. Only the readers of `load` (`load::read_folder`,
//! `load::read_file`), `write` and the `cli` touch the file system. Every problem in the
//! input is a `diag::Diagnostic` with a file and JSON pointer; nothing panics on input.

#[doc(hidden)]
pub mod checks;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
#[doc(hidden)]
pub mod config;
#[doc(hidden)]
pub mod diag;
#[doc(hidden)]
pub mod drift;
pub mod embed;
#[doc(hidden)]
pub mod emit;
#[doc(hidden)]
pub mod exec;
#[doc(hidden)]
pub mod import;
#[doc(hidden)]
pub mod ir;
#[doc(hidden)]
pub mod load;
#[doc(hidden)]
pub mod lock;
#[doc(hidden)]
pub mod merge;
mod model;
#[doc(hidden)]
pub mod naming;
#[doc(hidden)]
pub mod normalize;
#[doc(hidden)]
pub mod openapi;
pub mod project;
mod prune;
#[doc(hidden)]
pub mod repair;
#[doc(hidden)]
pub mod resolve;
#[doc(hidden)]
pub mod spectext;
#[doc(hidden)]
pub mod surface;
#[doc(hidden)]
pub mod swagger2;
#[doc(hidden)]
pub mod write;

/// This generator's version: `apigen --version`, and `[package.metadata.apigen]` of every crate it
/// writes.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use config::Config;
pub use diag::{Diagnostic, Diagnostics, Warning};
pub use embed::{Embed, EmbedError, Module};
pub use load::Source;
pub use project::{Inputs, Project};
pub use write::{Mode, Report};

use std::collections::BTreeMap;

use crate::diag::Sink;

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
    /// How long each stage took, in order: what `apigen -v` and the scale benchmark print.
    pub stages: Vec<Stage>,
}

/// One stage of a generation run and its wall time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage {
    /// What the stage did, e.g. `parse and merge`.
    pub name: &'static str,
    pub seconds: f64,
}

/// Times the stages of a run, one after the other.
struct Stopwatch {
    lap: std::time::Instant,
    stages: Vec<Stage>,
}

impl Stopwatch {
    fn start() -> Self {
        Stopwatch { lap: std::time::Instant::now(), stages: Vec::new() }
    }

    /// Ends the stage named `name`, which began when the previous one ended.
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.stages.push(Stage { name, seconds: now.duration_since(self.lap).as_secs_f64() });
        self.lap = now;
    }
}

impl Generated {
    /// What was read but not understood as written, each with its file and JSON pointer: the
    /// generation went on with the obvious reading, or without the file.
    pub fn warnings(&self) -> &[Warning] {
        &self.api.warnings
    }
}

/// Generates the client crate from spec sources, every name derived afresh. Pure: touches no disk.
pub fn generate(config: &Config, sources: &[Source]) -> Result<Generated, Diagnostics> {
    generate_locked(config, sources, &lock::Lock::default())
}

/// Generates the client crate from spec sources, keeping the names `lock` records (see [`lock`]).
/// Pure: touches no disk.
pub fn generate_locked(config: &Config, sources: &[Source], lock: &lock::Lock) -> Result<Generated, Diagnostics> {
    exec::with_stack(|| generate_here(config, sources, lock))
}

fn generate_here(config: &Config, sources: &[Source], lock: &lock::Lock) -> Result<Generated, Diagnostics> {
    let mut clock = Stopwatch::start();
    let (mut merged, spec_json, json) = merge_for_generation(sources)?;
    clock.lap("parse and merge");
    // What was read leniently is a warning, or with `strict` an error each.
    let repairs = repair::grouped(std::mem::take(&mut merged.repairs));
    if config.strict && !repairs.is_empty() {
        return Err(Diagnostics::new(repairs.into_iter().map(repair::Repair::refused).collect()));
    }
    let (mut api, lock) = resolve::resolve_parts(&merged, json, config, lock)?;
    clock.lap("resolve");
    let mut warnings: Vec<Warning> = repairs.into_iter().map(|r| Warning(r.diagnostic)).collect();
    warnings.append(&mut api.warnings);
    api.warnings = warnings;
    // The config's name was checked with the config; one made from the title is valid by
    // construction (tested in `naming`).
    let crate_name = naming::crate_name(config, &api);
    // The merged spec is not needed any more: it is freed on one core while the files are
    // emitted on the others (freeing millions of values takes a while).
    let ((), files) = exec::join(|| drop(merged), || emit::emit(&api, config, spec_json, &crate_name));
    let lock_file = lock.render(config.command());
    clock.lap("emit");
    Ok(Generated { files, api, lock, lock_file, stages: clock.stages })
}

/// Resolves a merged spec to the IR (stage 3), keeping the names `lock` records, as
/// [`generate_locked`] does; with the lock of the names given. For what compares two clients
/// ([`surface`]). Pure.
pub fn resolve_merged(
    merged: &merge::Merged,
    config: &Config,
    lock: &lock::Lock,
) -> Result<(ir::Api, lock::Lock), Diagnostics> {
    exec::with_stack(|| resolve::resolve(merged, config, lock))
}

/// Parses and merges spec sources (stages 1–2). Pure.
pub fn merge_sources(sources: &[Source]) -> Result<merge::Merged, Diagnostics> {
    exec::with_stack(|| merge_here(sources))
}

fn merge_here(sources: &[Source]) -> Result<merge::Merged, Diagnostics> {
    let sorted = sorted(sources);
    if let Some(merged) = merge_fast(&sorted).and_then(|json| json.read_model().ok()) {
        return Ok(merged);
    }
    merge_checked(&sorted)?.read_model()
}

/// [`merge_here`] for a generation: `openapi.json` and what resolving reads of the JSON are taken
/// first, on two cores; then the JSON is freed as it is read through openapiv3's model, so that a
/// large document is never held in both forms (the merged spec's `doc` is `null`).
fn merge_for_generation(sources: &[Source]) -> Result<(merge::Merged, String, resolve::JsonParts), Diagnostics> {
    let sorted = sorted(sources);
    let take = |doc: &serde_json::Value| exec::join(|| emit::spec_json(doc), || resolve::JsonParts::read(doc));
    if let Some(json) = merge_fast(&sorted) {
        let (text, parts) = take(&json.doc);
        if let Some(merged) = json.into_model() {
            return Ok((merged, text, parts));
        }
    }
    let json = merge_checked(&sorted)?;
    let (text, parts) = take(&json.doc);
    Ok((json.read_model()?, text, parts))
}

/// The sources by name, so the output never depends on the order the caller found the files in.
fn sorted(sources: &[Source]) -> Vec<&Source> {
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    sorted
}

/// The fast path: repeats left out, one validation of the merged document; `None` when
/// something is wrong ([`merge_checked`] then says what).
fn merge_fast(sorted: &[&Source]) -> Option<merge::MergedJson> {
    let values = load::parse_for_merge(sorted).into_iter().collect::<Result<Vec<_>, _>>().ok()?;
    let files = sorted.iter().map(|s| s.name.clone()).zip(values).collect();
    merge::merge_json(files, merge::Validation::MergedOnly).ok()
}

/// Every file parsed whole and checked on its own, so that every problem is reported, each at its
/// own file and pointer.
fn merge_checked(sorted: &[&Source]) -> Result<merge::MergedJson, Diagnostics> {
    let mut sink = Sink::default();
    let mut files = Vec::new();
    for source in sorted {
        if let Some(value) = sink.take(load::parse(source)) {
            files.push((source.name.clone(), value));
        }
    }
    sink.check()?;
    merge::merge_json(files, merge::Validation::EachFile)
}

/// The README's Rust examples, compiled by `cargo test` so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

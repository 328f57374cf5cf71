//! The command line, shared by the `apigen` binary and `cargo xtask`.
//!
//! `codegen` exits 0 when it succeeded, 1 when the input is bad (nothing is written then) or the
//! disk failed. `codegen --check` exits 0 when the output folder is fresh, 1 when it is stale
//! (with a diff), 2 when generation itself failed. `import` exits 0 or 1. `drift` exits 0 when
//! nothing of the `--fail-on` class changed, in the spec or in the Rust API of the client, 1 when
//! something did, 2 when a spec cannot be read, merged or resolved (or its `--report` file cannot
//! be written).
//! `codegen` prints warnings (what the specs have that the client leaves out on purpose, such as
//! an `Accept` header parameter) to stderr; they do not change the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diag::{Diagnostic, Diagnostics, Location, Warning};
use crate::load;
use crate::project::{Project, display};
use crate::write::{self, Mode};

#[derive(Debug, Parser)]
#[command(version, about = "Generate a typed async Rust client from per-operation OpenAPI documents")]
pub struct Cli {
    /// How errors and warnings are printed: for people (a snippet of the spec with a caret, in
    /// colour on a terminal) or one JSON object per line on stdout, for editors and CI annotations.
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
    /// Print only errors and check mode's differences: no warnings, no summary.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print what each step read and made, and how long it took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    #[default]
    Human,
    Json,
}

/// How this run prints diagnostics, and the folder their file names are relative to (set once, by
/// [`run`]).
static MESSAGES: std::sync::OnceLock<(MessageFormat, PathBuf)> = std::sync::OnceLock::new();

/// The largest spec file read again to show a snippet of it.
const SNIPPET_FILE_LIMIT: u64 = 16 << 20;

/// Prints one diagnostic as this run's message format says: with a snippet of its file for
/// people (colour when stderr is a terminal), or a JSON line on stdout.
fn print_diagnostic(d: &crate::diag::Diagnostic, warning: bool) {
    use std::io::IsTerminal;
    let (format, root) = MESSAGES.get().cloned().unwrap_or((MessageFormat::Human, PathBuf::from(".")));
    let path = root.join(&d.location.file);
    let small = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= SNIPPET_FILE_LIMIT);
    let source = if small { std::fs::read_to_string(&path).ok() } else { None };
    match format {
        MessageFormat::Json => println!("{}", crate::diag::report::json(d, warning, source.as_deref())),
        MessageFormat::Human => {
            let styled = std::io::stderr().is_terminal();
            eprintln!("{}\n", crate::diag::report::render(d, warning, source.as_deref(), styled));
        }
    }
}

/// Whether diagnostics are printed for people (not as JSON).
fn human() -> bool {
    MESSAGES.get().is_none_or(|(format, _)| *format == MessageFormat::Human)
}

/// A command's own output (summaries, check mode's diffs): on stdout, unless diagnostics are JSON
/// there, when it goes to stderr so stdout stays one JSON object per line.
macro_rules! say {
    ($($arg:tt)*) => {
        if human() {
            print!($($arg)*)
        } else {
            eprint!($($arg)*)
        }
    };
}

/// [`say!`] with a newline.
macro_rules! sayln {
    ($($arg:tt)*) => {
        say!("{}\n", format_args!($($arg)*))
    };
}

/// What a long run is doing, on stderr: a spinner with the step and the time taken, shown only
/// when the run has lasted a second, stderr is a terminal and the run is not quiet; cleared when
/// the run ends, so it never mixes with what the command prints.
struct Progress(indicatif::ProgressBar);

impl Progress {
    fn start(verbosity: Verbosity) -> Progress {
        use std::io::IsTerminal;
        let bar = indicatif::ProgressBar::hidden();
        if verbosity != Verbosity::Quiet && std::io::stderr().is_terminal() {
            let shown = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(1));
                if !shown.is_finished() {
                    shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
                        shown.set_style(style);
                    }
                    shown.enable_steady_tick(std::time::Duration::from_millis(120));
                }
            });
        }
        Progress(bar)
    }

    fn step(&self, what: &'static str) {
        self.0.set_message(what);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

fn warn(warning: &Warning) {
    print_diagnostic(&warning.0, true);
}

/// How much a command prints besides its errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors, and check mode's differences.
    Quiet,
    /// Also warnings and a summary line.
    Normal,
    /// Also what each step read and made, and its time.
    Verbose,
}

impl Verbosity {
    /// What `--quiet` and `--verbose` ask for (they conflict: quiet wins if both get here).
    pub fn from_flags(quiet: bool, verbose: bool) -> Self {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate the client crate from the specs folder (or check that it is up to date).
    Codegen(CodegenArgs),
    /// Extract the OpenAPI documents of a published reference page into the specs folder.
    Import(ImportArgs),
    /// Report what changed between a base spec and the specs folder, and what breaks clients.
    Drift(DriftArgs),
    /// Print a completion script for a shell (`apigen completions bash > /etc/bash_completion.d/apigen`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct DriftArgs {
    /// The base spec (JSON or YAML) [default: generated/openapi.json, the committed merged spec]
    #[arg(long, value_name = "FILE")]
    pub base: Option<PathBuf>,
    /// The folder of spec files to compare with the base [default: specs]
    #[arg(long, value_name = "DIR")]
    pub specs: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DriftFormat::Text)]
    pub format: DriftFormat,
    /// Exit 1 when changes of this class are found.
    #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
    pub fail_on: FailOn,
    /// Also write the report as Markdown (a pull-request comment or job summary) to this file;
    /// when the specs cannot be compared, the file says why. Written whatever the exit code.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// How much is read from disk; each flag wins over the config's `[limits]`.
#[derive(Clone, Debug, Default, Args)]
pub struct LimitArgs {
    /// The largest file read, e.g. 512MiB [default: `[limits] max_file_size` in the config, else 256MiB]
    #[arg(long, value_name = "SIZE", value_parser = load::parse_size)]
    pub max_file_size: Option<u64>,
    /// The most read from the specs folder in all [default: `[limits] max_total_size`, else 2GiB]
    #[arg(long, value_name = "SIZE", value_parser = load::parse_size)]
    pub max_total_size: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DriftFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any change at all.
    Any,
    /// Never (report only).
    None,
}

#[derive(Debug, Args)]
pub struct CodegenArgs {
    /// Write nothing; exit 1 with a diff when the output folder is stale, 2 when generation fails.
    #[arg(long)]
    pub check: bool,
    /// The folder of spec files [default: specs]
    #[arg(long, value_name = "DIR")]
    pub specs: Option<PathBuf>,
    /// The folder of the generated crate [default: generated]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The generated crate's name [default: `package.name` in the config, else from the spec title]
    #[arg(long, value_name = "NAME")]
    pub crate_name: Option<String>,
    /// The config file [default: SPECS/apigen.toml when it exists]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the resolved IR (types, names, operations) instead of writing anything.
    #[arg(long)]
    pub dump_ir: bool,
    /// Derive every name by today's rules, ignoring the name lock (SPECS/apigen.lock), and rewrite it.
    #[arg(long)]
    pub relock: bool,
    /// Refuse what the specs commonly get wrong (a `required: true` property, keys beside a
    /// `$ref`, an unknown format...) instead of reading it with a warning [config: `strict = true`]
    #[arg(long)]
    pub strict: bool,
    /// Diff lines shown per stale file in check mode.
    #[arg(long, default_value_t = 60)]
    pub max_diff_lines: usize,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The Markdown page(s) to read.
    #[arg(required = true)]
    pub pages: Vec<PathBuf>,
    /// The specs folder to write into [default: specs]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Runs the command line. The default folders (`specs`, `generated`) are under `root`; the paths
/// typed on the command line are relative to the current directory, as in any command. Files are
/// named relative to `root` in messages. `program` is how the user invokes it (e.g.
/// `cargo xtask`), named in headers and hints.
pub fn main(root: &Path, program: &str) -> ExitCode {
    let cli = Cli::parse();
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            eprintln!("error: cannot read the current directory: {e}");
            return ExitCode::from(2);
        }
    };
    let verbosity = Verbosity::from_flags(cli.quiet, cli.verbose);
    let _ = MESSAGES.set((cli.message_format, root.to_path_buf()));
    run(root, &cwd, program, cli.command, verbosity)
}

/// [`main`] with the current directory and the parsed command given.
pub fn run(root: &Path, cwd: &Path, program: &str, command: Command, verbosity: Verbosity) -> ExitCode {
    let typed = |path: &mut Option<PathBuf>| {
        if let Some(p) = path {
            *p = cwd.join(&*p);
        }
    };
    match command {
        Command::Codegen(mut args) => {
            // The fixing command in check mode repeats the paths as typed.
            let fix = fix_command(program, &args);
            typed(&mut args.specs);
            typed(&mut args.out);
            typed(&mut args.config);
            codegen(root, program, &args, &fix, verbosity)
        }
        Command::Import(mut args) => {
            typed(&mut args.out);
            for page in &mut args.pages {
                *page = cwd.join(&*page);
            }
            import(root, &args)
        }
        Command::Drift(mut args) => {
            typed(&mut args.base);
            typed(&mut args.specs);
            typed(&mut args.report);
            drift(root, &args)
        }
        Command::Completions { shell } => {
            let name = program.rsplit(' ').next().unwrap_or(program);
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), name, &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}

/// How many errors, and how many warnings, a human-readable report shows: a spec cut into many
/// documents can repeat one mistake thousands of times, each shown with its file's line.
const SHOWN: usize = 100;

/// Prints `list` as [`print_diagnostic`] does: on a terminal (not as JSON), the first [`SHOWN`],
/// then how many more there are.
fn print_list<'a>(list: impl ExactSizeIterator<Item = &'a Diagnostic>, warning: bool) {
    let total = list.len();
    let shown = if human() { SHOWN } else { usize::MAX };
    for d in list.take(shown) {
        print_diagnostic(d, warning);
    }
    if total > shown {
        let kind = if warning { "warning" } else { "error" };
        eprintln!("{kind}: {} more {kind}s are not shown (`--message-format json` lists every one)\n", total - shown);
    }
}

fn fail(diagnostics: &Diagnostics) {
    print_list(diagnostics.iter(), false);
    if human() {
        eprintln!("{}", diagnostics.summary());
    }
}

/// The project a codegen command works on: its folders (relative paths from `root`, which names
/// files in messages), config file, crate name, name lock and limits; `command` is what the
/// `@generated` headers name (e.g. `cargo xtask codegen`).
pub fn project(root: &Path, command: &str, args: &CodegenArgs) -> Project {
    let specs = args.specs.clone().unwrap_or_else(|| "specs".into());
    let out = args.out.clone().unwrap_or_else(|| "generated".into());
    let mut project = Project::new(specs, out)
        .root(root)
        .generated_by(command)
        .relock(args.relock)
        .strict(args.strict)
        .limits(args.limits.max_file_size, args.limits.max_total_size);
    if let Some(config) = &args.config {
        project = project.config_file(config);
    }
    if let Some(name) = &args.crate_name {
        project = project.crate_name(name);
    }
    project
}

/// Loads the specs and the config and generates ([`project`]); what was skipped while reading
/// the specs is printed as warnings.
pub fn load_and_generate(root: &Path, command: &str, args: &CodegenArgs) -> Result<crate::Generated, Diagnostics> {
    generate_with_progress(&project(root, command, args), &Progress(indicatif::ProgressBar::hidden()))
}

/// [`load_and_generate`] of a project, saying each step on `progress`.
fn generate_with_progress(project: &Project, progress: &Progress) -> Result<crate::Generated, Diagnostics> {
    progress.step("reading the specs");
    let inputs = project.inputs()?;
    for skipped in &inputs.skipped {
        progress.0.suspend(|| warn(skipped));
    }
    progress.step(match inputs.sources.len() {
        1 => "merging 1 file, resolving, writing the Rust",
        _ => "merging the files, resolving, writing the Rust",
    });
    crate::generate_locked(&inputs.config, &inputs.sources, &inputs.lock)
}

/// Exit 0: nothing to fail on; 1: changes of the `--fail-on` class, in the spec or in the Rust
/// API; 2: a spec could not be read, merged or resolved, or the `--report` file could not be
/// written.
fn drift(root: &Path, args: &DriftArgs) -> ExitCode {
    let (changes, rust) = match drift_changes(root, args) {
        Ok(c) => c,
        Err(d) => {
            fail(&d);
            if let Some(report) = &args.report {
                let message = d.to_string();
                // A fence longer than any run of backticks in the message, so it cannot close early.
                let longest = message.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                let text = format!(
                    "❌ **API drift:** the specs could not be compared.\n\n{fence}text\n{}\n{fence}\n",
                    message.trim_end()
                );
                // The run fails with 2 either way; a report that cannot be written is said too.
                let _ = write_report(root, report, &text);
            }
            return ExitCode::from(2);
        }
    };
    let text = match args.format {
        DriftFormat::Text => crate::drift::render_text(&changes, &rust),
        DriftFormat::Markdown => crate::drift::render_markdown(&changes, &rust),
        DriftFormat::Json => crate::drift::render_json(&changes, &rust),
    };
    print!("{text}");
    if let Some(report) = &args.report
        && write_report(root, report, &crate::drift::render_markdown(&changes, &rust)).is_err()
    {
        return ExitCode::from(2);
    }
    let (breaking, other) = crate::drift::counts(&changes, &rust);
    let failed = match args.fail_on {
        FailOn::Breaking => breaking > 0,
        FailOn::Any => breaking + other > 0,
        FailOn::None => false,
    };
    ExitCode::from(u8::from(failed))
}

/// Writes the `--report` file, or says why it could not.
fn write_report(root: &Path, path: &Path, text: &str) -> Result<(), ()> {
    std::fs::write(path, text).map_err(|e| eprintln!("error: {}: cannot write the report: {e}", display(root, path)))
}

/// The changes between the base spec and the specs folder: in the spec, and in the Rust API of
/// the clients generated from each. Both are resolved with the specs folder's config and name
/// lock, so a name the lock keeps is the same on both sides; the base, a merged spec, resolves as
/// one file, without the config's overrides for operations and schemas it does not have.
fn drift_changes(
    root: &Path,
    args: &DriftArgs,
) -> Result<(Vec<crate::drift::Change>, Vec<crate::surface::RustChange>), Diagnostics> {
    let specs = root.join(args.specs.as_deref().unwrap_or(Path::new("specs")));
    let base_path = root.join(args.base.as_deref().unwrap_or(Path::new("generated/openapi.json")));
    let base_shown = display(root, &base_path);
    let project =
        Project::new(&specs, "generated").root(root).limits(args.limits.max_file_size, args.limits.max_total_size);
    let config = project.read_config(&specs)?;
    // The specs folder's `[limits]` apply as they do when generating; the flags win.
    let limits = project.resolved_limits(&config.limits);
    let base = load::read_file(&base_path, limits.max_file_size).map_err(|message| {
        Diagnostics::from(Diagnostic::new(
            Location::new(base_shown.clone(), ""),
            format!("cannot read the base spec: {message}"),
        ))
    });
    // The base is read as a one-file specs folder: parsed and merged once, for both comparisons.
    let base = base.and_then(|bytes| crate::merge_sources(&[load::Source::new(base_shown.clone(), bytes)]));
    let current = project.read_specs(&specs, &limits).and_then(|(sources, skipped)| {
        for warning in &skipped {
            warn(warning);
        }
        crate::merge_sources(&sources)
    });
    let (base_merged, current) = match (base, current) {
        (Ok(base), Ok(current)) => (base, current),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let changes = crate::drift::diff(&base_merged.doc, &current.doc)?;
    let lock = project.read_lock(&specs, &limits)?;
    let (current_api, _) = crate::resolve_merged(&current, &config, &lock)?;
    let base_config = crate::surface::config_for(&config, &base_merged.doc);
    let (base_api, _) = crate::resolve_merged(&base_merged, &base_config, &lock).map_err(|d| {
        let note = "the base spec does not resolve with the specs folder's config and name lock";
        Diagnostics::new(d.iter().cloned().map(|x| x.note(note)).collect())
    })?;
    let rust =
        crate::surface::diff(&crate::surface::Surface::of(&base_api), &crate::surface::Surface::of(&current_api));
    Ok((changes, rust))
}

/// The command that rewrites the output folder, with the folders as the user typed them.
fn fix_command(program: &str, args: &CodegenArgs) -> String {
    let mut fix = format!("{program} codegen");
    for (flag, value) in [("--specs", &args.specs), ("--out", &args.out), ("--config", &args.config)] {
        if let Some(v) = value {
            fix.push_str(&format!(" {flag} {}", v.display()));
        }
    }
    if let Some(name) = &args.crate_name {
        fix.push_str(&format!(" --crate-name {name}"));
    }
    if args.strict {
        fix.push_str(" --strict");
    }
    fix
}

fn codegen(root: &Path, program: &str, args: &CodegenArgs, fix: &str, verbosity: Verbosity) -> ExitCode {
    let started = std::time::Instant::now();
    let progress = Progress::start(verbosity);
    let project = project(root, &format!("{program} codegen"), args);
    let generated = match generate_with_progress(&project, &progress) {
        Ok(g) => g,
        Err(d) => {
            drop(progress);
            fail(&d);
            return ExitCode::from(if args.check { 2 } else { 1 });
        }
    };
    // Writing takes a fraction of generating; what follows is printed, so the spinner goes now.
    drop(progress);
    if verbosity >= Verbosity::Normal {
        print_list(generated.api.warnings.iter().map(|w| &w.0), true);
    }
    if verbosity == Verbosity::Verbose {
        let api = &generated.api;
        let lines: usize = generated.files.values().map(|f| f.lines().count()).sum();
        eprintln!(
            "generated {} operations, {} types: {} files, {lines} lines, in {:.2} s",
            api.operations.len(),
            api.types.len(),
            generated.files.len(),
            started.elapsed().as_secs_f64()
        );
        let stages: Vec<String> = generated.stages.iter().map(|s| format!("{} {:.2} s", s.name, s.seconds)).collect();
        eprintln!("stages: {}", stages.join(", "));
    }
    if args.dump_ir {
        sayln!("{:#?}", generated.api);
        return ExitCode::SUCCESS;
    }
    let out_shown = project.shown(&project.out_dir());
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let report = match project.sync(&generated, mode) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {out_shown}: {e}");
            return ExitCode::from(if args.check { 2 } else { 1 });
        }
    };
    let text = report.render(mode, args.max_diff_lines);
    let summary = verbosity >= Verbosity::Normal;
    if verbosity == Verbosity::Verbose {
        eprintln!(
            "{} {out_shown} in {:.2} s in all",
            if args.check { "checked" } else { "synced" },
            started.elapsed().as_secs_f64()
        );
    }
    match mode {
        Mode::Check if report.is_fresh() => {
            if summary {
                sayln!("{out_shown} is up to date ({} files)", report.unchanged);
            }
            ExitCode::SUCCESS
        }
        Mode::Check if report.stale.is_empty() && report.missing.is_empty() => {
            // Only leftovers: the generated files are right; say so, but do not fail.
            if summary {
                say!("{text}");
                sayln!(
                    "{out_shown}: generated files are up to date; the leftover files above are not from the generator"
                );
            }
            ExitCode::SUCCESS
        }
        Mode::Check => {
            say!("{text}");
            sayln!("error: {out_shown} is stale; run `{fix}` to update it");
            ExitCode::from(1)
        }
        Mode::Write => {
            if summary {
                say!("{text}");
                sayln!(
                    "{out_shown}: {} written, {} unchanged",
                    report.stale.len() + report.missing.len(),
                    report.unchanged
                );
            }
            ExitCode::SUCCESS
        }
    }
}

fn import(root: &Path, args: &ImportArgs) -> ExitCode {
    let out = root.join(args.out.as_deref().unwrap_or(Path::new("specs")));
    let mut files = std::collections::BTreeMap::new();
    let mut errors = Vec::new();
    for page in &args.pages {
        let shown = display(root, page);
        let text = load::read_file(page, load::Limits::DEFAULT_MAX_FILE_SIZE)
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "the page is not valid UTF-8".to_owned()));
        let text = match text {
            Ok(t) => t,
            Err(message) => {
                errors.push(Diagnostic::new(Location::new(shown, ""), format!("cannot read page: {message}")));
                continue;
            }
        };
        match crate::import::extract(&shown, &text) {
            Ok(found) => files.extend(found),
            Err(d) => errors.extend(d.iter().cloned()),
        }
    }
    if !errors.is_empty() {
        fail(&Diagnostics::new(errors));
        return ExitCode::from(1);
    }
    match write::sync(&out, &files, Mode::Write) {
        Ok(report) => {
            let other: Vec<&String> = report
                .leftover
                .iter()
                .filter(|f| load::SPEC_EXTENSIONS.iter().any(|e| f.ends_with(&format!(".{e}"))))
                .collect();
            for path in &report.missing {
                println!("created: {path}");
            }
            for (path, _) in &report.stale {
                println!("updated: {path}");
            }
            println!("{}: {} operations ({} unchanged)", display(root, &out), files.len(), report.unchanged);
            if !other.is_empty() {
                println!("note: {} other spec files in the folder were left as they are", other.len());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", display(root, &out));
            ExitCode::from(1)
        }
    }
}

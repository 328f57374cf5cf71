//! The library's entry point: what `apigen codegen` does, for another repository's `xtask` or
//! build script. A [`Project`] is a specs folder and an output folder; [`Project::generate`] reads
//! the specs, the config (`apigen.toml`) and the name lock (`apigen.lock`) from the specs folder and
//! builds the crate in memory; [`Project::write`] writes what changed (the lock too), and
//! [`Project::check`] reports how far the folder is from it without writing.
//!
//! ```no_run
//! let project = apigen::Project::new("specs", "generated").generated_by("cargo xtask codegen");
//! let generated = project.generate()?;
//! for warning in generated.warnings() {
//!     eprintln!("{warning}");
//! }
//! let report = project.write(&generated)?;
//! println!("{} files written", report.stale.len() + report.missing.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Files are named relative to the project's root in messages (the current directory, unless
//! [`Project::root`] says otherwise). The rest of the library's modules are the generator's
//! stages, public for its own command line, xtask and tests; this module and [`crate::generate`]
//! are the entry points meant to stay.

use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Diagnostics, Location, Warning};
use crate::load;
use crate::lock::{self, Lock};
use crate::write::{self, Mode, Report};

/// A specs folder and the folder of the crate generated from it.
#[derive(Clone, Debug)]
pub struct Project {
    root: PathBuf,
    specs: PathBuf,
    out: PathBuf,
    config: Option<PathBuf>,
    crate_name: Option<String>,
    generated_by: Option<String>,
    relock: bool,
    strict: bool,
    max_file_size: Option<u64>,
    max_total_size: Option<u64>,
}

/// What a project's generation reads: the config, the name lock and the spec files, and the files
/// of the specs folder skipped on purpose (warnings).
#[derive(Debug)]
pub struct Inputs {
    pub config: Config,
    pub lock: Lock,
    pub sources: Vec<load::Source>,
    pub skipped: Vec<Warning>,
}

impl Project {
    /// The specs in `specs` (with `apigen.toml` and `apigen.lock` when they are there), the crate
    /// in `out`; relative paths are from the root.
    pub fn new(specs: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Project {
            root: std::env::current_dir().unwrap_or_else(|_| ".".into()),
            specs: specs.into(),
            out: out.into(),
            config: None,
            crate_name: None,
            generated_by: None,
            relock: false,
            strict: false,
            max_file_size: None,
            max_total_size: None,
        }
    }

    /// The folder relative paths start from and messages name files from (default: the current
    /// directory).
    pub fn root(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = root.into();
        self
    }

    /// A config file other than `apigen.toml` in the specs folder.
    pub fn config_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config = Some(path.into());
        self
    }

    /// The crate's name, over the config's `package.name`.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The command the `@generated` headers name (default: `cargo xtask codegen`).
    pub fn generated_by(mut self, command: impl Into<String>) -> Self {
        self.generated_by = Some(command.into());
        self
    }

    /// Derive every name afresh, ignoring the name lock (which is then rewritten).
    pub fn relock(mut self, relock: bool) -> Self {
        self.relock = relock;
        self
    }

    /// Refuse what real specs commonly get wrong instead of reading it with a warning (as
    /// `strict = true` in the config does; either one is enough).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The largest file read and the most read in all, over the config's `[limits]` (`None`:
    /// the config's, else the defaults).
    pub fn limits(mut self, max_file_size: Option<u64>, max_total_size: Option<u64>) -> Self {
        self.max_file_size = max_file_size;
        self.max_total_size = max_total_size;
        self
    }

    fn specs_dir(&self) -> PathBuf {
        self.root.join(&self.specs)
    }

    /// The output folder.
    pub fn out_dir(&self) -> PathBuf {
        self.root.join(&self.out)
    }

    /// The name lock's path: `apigen.lock` in the specs folder.
    pub fn lock_path(&self) -> PathBuf {
        self.specs_dir().join(lock::FILE_NAME)
    }

    /// `path` as messages name it: relative to the root when inside it.
    pub fn shown(&self, path: &Path) -> String {
        display(&self.root, path)
    }

    /// The config, the name lock and the spec files, each read like a spec file (no link out of
    /// the specs folder, the size limits).
    pub fn inputs(&self) -> Result<Inputs, Diagnostics> {
        let specs = self.specs_dir();
        let mut config = self.read_config(&specs)?;
        if let Some(name) = &self.crate_name {
            if let Some(problem) = crate::checks::crate_name(name) {
                return Err(Diagnostic::new(Location::new("--crate-name", ""), problem).into());
            }
            config.package.name = Some(name.clone());
        }
        if let Some(command) = &self.generated_by {
            config.generated_by = Some(command.clone());
        }
        config.strict |= self.strict;
        let limits = self.resolved_limits(&config.limits);
        let lock = if self.relock { Lock::default() } else { self.read_lock(&specs, &limits)? };
        let (sources, skipped) = self.read_specs(&specs, &limits)?;
        Ok(Inputs { config, lock, sources, skipped })
    }

    /// The crate, built in memory: nothing is written. The files skipped in the specs folder are
    /// among its warnings.
    pub fn generate(&self) -> Result<crate::Generated, Diagnostics> {
        let inputs = self.inputs()?;
        let mut generated = crate::generate_locked(&inputs.config, &inputs.sources, &inputs.lock)?;
        generated.api.warnings.extend(inputs.skipped);
        generated.api.warnings.sort();
        Ok(generated)
    }

    /// Writes the files that differ from `generated`, and the name lock; a failed run leaves the
    /// folder and the lock as they were.
    pub fn write(&self, generated: &crate::Generated) -> std::io::Result<Report> {
        self.sync(generated, Mode::Write)
    }

    /// How far the output folder and the name lock are from `generated`; writes nothing.
    pub fn check(&self, generated: &crate::Generated) -> std::io::Result<Report> {
        self.sync(generated, Mode::Check)
    }

    /// Brings the output folder and the name lock in line with `generated` (write mode) or reports
    /// how far they are (check mode), in one report: the folder's files by their path in it, the
    /// lock by its path from the root. In write mode the lock is written first, and put back as it
    /// was when the folder cannot be written, so a failed run leaves both as they were.
    pub fn sync(&self, generated: &crate::Generated, mode: Mode) -> std::io::Result<Report> {
        let lock_path = self.lock_path();
        // Kept to be put back; checking writes nothing, so it needs no copy.
        let old_lock = match mode {
            Mode::Check => None,
            Mode::Write => match std::fs::read(&lock_path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(std::io::Error::new(e.kind(), format!("{}: {e}", lock_path.display()))),
            },
        };
        let lock_report = write::sync_file(&lock_path, &self.shown(&lock_path), &generated.lock_file, mode)?;
        let mut report = match write::sync(&self.out_dir(), &generated.files, mode) {
            Ok(report) => report,
            Err(e) => {
                if mode == Mode::Write && lock_report.unchanged == 0 {
                    let _ = match &old_lock {
                        Some(bytes) => write::replace_file(&lock_path, bytes),
                        None => std::fs::remove_file(&lock_path),
                    };
                }
                return Err(e);
            }
        };
        report.stale.extend(lock_report.stale);
        report.missing.extend(lock_report.missing);
        report.unchanged += lock_report.unchanged;
        Ok(report)
    }

    /// The limits in force: the project's, else the config's, else the defaults.
    pub fn resolved_limits(&self, config: &config::Limits) -> load::Limits {
        let default = load::Limits::default();
        load::Limits {
            max_file_size: self.max_file_size.or(config.max_file_size.map(|s| s.0)).unwrap_or(default.max_file_size),
            max_total_size: self
                .max_total_size
                .or(config.max_total_size.map(|s| s.0))
                .unwrap_or(default.max_total_size),
        }
    }

    /// The config: the file given, else `apigen.toml` in the specs folder when there is one (read
    /// like a spec file: a link out of the specs folder is refused), else the defaults.
    pub fn read_config(&self, specs: &Path) -> Result<Config, Diagnostics> {
        let limit = self.max_file_size.unwrap_or(load::Limits::DEFAULT_MAX_FILE_SIZE);
        let (path, bytes) = match &self.config {
            Some(given) => {
                let path = self.root.join(given);
                let bytes = load::read_file(&path, limit).map(Some);
                (path, bytes)
            }
            None => {
                let path = specs.join(config::FILE_NAME);
                let bytes = load::read_file_in(specs, &path, limit);
                (path, bytes)
            }
        };
        let shown = self.shown(&path);
        let at = || Location::new(shown.clone(), "");
        let Some(bytes) = bytes.map_err(|message| Diagnostic::new(at(), message))? else {
            return Ok(Config::default());
        };
        let text = String::from_utf8(bytes).map_err(|_| Diagnostic::new(at(), "the config is not valid UTF-8"))?;
        Ok(Config::parse(&shown, &text)?)
    }

    /// The name lock of the specs folder (read like a spec file), or the empty lock when there is
    /// none.
    pub fn read_lock(&self, specs: &Path, limits: &load::Limits) -> Result<Lock, Diagnostics> {
        let path = specs.join(lock::FILE_NAME);
        let shown = self.shown(&path);
        let at = || Location::new(shown.clone(), "");
        let Some(bytes) =
            load::read_file_in(specs, &path, limits.max_file_size).map_err(|m| Diagnostic::new(at(), m))?
        else {
            return Ok(Lock::default());
        };
        let text = String::from_utf8(bytes).map_err(|_| Diagnostic::new(at(), "the name lock is not valid UTF-8"))?;
        Ok(Lock::parse(&shown, &text)?)
    }

    /// The spec files of a folder, named as the user sees them (`specs/x.json`), and what was
    /// skipped.
    pub fn read_specs(
        &self,
        specs: &Path,
        limits: &load::Limits,
    ) -> Result<(Vec<load::Source>, Vec<Warning>), Diagnostics> {
        let shown = self.shown(specs);
        if !specs.exists() {
            return Err(Diagnostic::new(Location::new(shown, ""), "the specs folder does not exist").into());
        }
        let folder = load::read_folder(specs, limits)?;
        let skipped = folder.skipped.into_iter().map(Warning).collect();
        let mut sources = folder.sources;
        for s in &mut sources {
            s.name = format!("{shown}/{}", s.name);
        }
        Ok((sources, skipped))
    }
}

/// Shows `path` relative to `root` when it is inside it (`..` resolved as written).
pub(crate) fn display(root: &Path, path: &Path) -> String {
    let path = normalize(path);
    let shown = path.strip_prefix(root).unwrap_or(&path);
    let s = shown.display().to_string();
    if s.is_empty() { ".".into() } else { s }
}

/// `path` with `.` dropped and `..` taking off the component before it, as cargo shows paths.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

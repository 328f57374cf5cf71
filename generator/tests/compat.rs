//! What the drift rules call non-breaking does not break Rust callers: a caller written against a
//! generated client still compiles against the client regenerated after the spec gained an
//! optional query parameter, an optional request body, an error status and an enum value.
//!
//! Slow (two `cargo check` runs of a throwaway workspace): its dependencies are built in
//! `target/corpus`, the folder `cargo xtask corpus` and `bench` check generated crates in, so they
//! are built once for all of them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// One operation: a required path parameter, an optional query parameter, a documented error
/// and a string enum in the response. `{extra}` adds to the parameters, `{status}` to the
/// responses, `{value}` to the enum, `{body}` to the operation.
const SPEC: &str = r#"{
  "openapi": "3.0.3",
  "info": {"title": "Compat", "version": "1"},
  "paths": {
    "/items/{id}": {
      "post": {
        "operationId": "getItem",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer"}}{extra}
        ],{body}
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object",
            "required": ["id"],
            "properties": {
              "id": {"type": "integer"},
              "state": {"title": "State", "type": "string", "enum": ["open", "closed"{value}]}
            }
          }}}},
          "404": {"description": "missing"}{status}
        }
      }
    }
  }
}"#;

/// The caller: calls with and without the optional argument, and matches the error and the enum
/// as the compiler asks it to.
const CALLER: &str = r#"
use compat_client::errors::GetItemError;
use compat_client::types::State;
use compat_client::{Client, Error};

pub async fn call(client: &Client) -> Result<Option<bool>, Error<GetItemError>> {
    let item = client.get_item(1).await?;
    let more = client.get_item(2).limit(10).await;
    match more {
        Err(Error::Api(GetItemError::NotFound)) => return Ok(None),
        Err(Error::Api(_)) => return Ok(None),
        Err(other) => return Err(other),
        Ok(_) => {}
    }
    Ok(item.state.map(|s| match s {
        State::Open => true,
        State::Closed => false,
        _ => false,
    }))
}
"#;

fn spec(extra: &str, body: &str, status: &str, value: &str) -> String {
    SPEC.replace("{extra}", extra).replace("{body}", body).replace("{status}", status).replace("{value}", value)
}

/// Generates the client from `spec` into `dir/client`, keeping the names in `dir/lock`.
fn generate(dir: &Path, spec: &str) {
    let specs = dir.join("specs");
    std::fs::create_dir_all(&specs).unwrap();
    std::fs::write(specs.join("get_item.json"), spec).unwrap();
    let config = apigen::config::Config {
        package: apigen::config::Package { name: Some("compat-client".into()), version: None },
        ..Default::default()
    };
    let sources = apigen::load::read_dir(&specs).unwrap();
    let lock_path = dir.join("lock");
    let lock = match std::fs::read_to_string(&lock_path) {
        Ok(text) => apigen::lock::Lock::parse("lock", &text).unwrap(),
        Err(_) => apigen::lock::Lock::default(),
    };
    let generated = apigen::generate_locked(&config, &sources, &lock).unwrap();
    std::fs::write(&lock_path, &generated.lock_file).unwrap();
    apigen::write::sync(&dir.join("client"), &generated.files, apigen::write::Mode::Write).unwrap();
}

/// `cargo check` of the workspace in `dir`: its errors, if any.
fn check(dir: &Path) -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../corpus");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--offline", "--message-format", "short", "-p", "caller"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() { Ok(()) } else { Err(stderr) }
}

#[test]
fn a_caller_of_the_old_client_compiles_against_the_regenerated_one() {
    let dir = std::env::temp_dir().join(format!("apigen-compat-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("caller/src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"client\", \"caller\"]\n")
        .unwrap();
    std::fs::write(
        dir.join("caller/Cargo.toml"),
        "[package]\nname = \"caller\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n\
         compat-client = { path = \"../client\" }\n",
    )
    .unwrap();
    std::fs::write(dir.join("caller/src/lib.rs"), CALLER).unwrap();

    generate(&dir, &spec("", "", "", ""));
    check(&dir).unwrap_or_else(|e| panic!("the caller does not compile against the base client:\n{e}"));

    // Non-breaking by the drift rules: an optional query parameter, an optional body, an error
    // status, an enum value.
    let extra = r#", {"name": "sort", "in": "query", "schema": {"type": "string"}}"#;
    let body = r#" "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"note": {"type": "string"}}}}}},"#;
    let status = r#", "409": {"description": "conflict"}"#;
    generate(&dir, &spec(extra, body, status, r#", "archived""#));
    let operations = std::fs::read_to_string(dir.join("client/src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn sort(") && operations.contains("pub fn body("), "{operations}");
    check(&dir).unwrap_or_else(|e| panic!("the caller no longer compiles after non-breaking changes:\n{e}"));
    let _ = std::fs::remove_dir_all(&dir);
}

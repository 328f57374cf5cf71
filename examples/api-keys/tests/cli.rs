//! The `api-keys` program against a mock Netography server.

use api_keys::{Cli, Command, run};
use clap::Parser;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tok-1";

fn cli(server: &MockServer, args: &[&str]) -> Cli {
    let uri = server.uri();
    let mut all = vec!["api-keys", "--base-url", &uri];
    all.extend_from_slice(args);
    Cli::parse_from(all)
}

async fn output(cli: &Cli, token: Option<&str>) -> Result<String, String> {
    let mut out = Vec::new();
    run(cli, token.map(str::to_owned), &mut out).await?;
    Ok(String::from_utf8(out).unwrap())
}

#[tokio::test]
async fn list_prints_the_fusion_table() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/api-keys"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"code": 200, "count": 4},
            "data": [
                {"appname": "tcross_ro", "roles": ["READONLY"], "last_login": 1722279551.25},
                {"appname": "srdkn", "roles": ["ADMIN"], "last_login": 1734033090},
                {"appname": "rharman_automation_rw", "description": "nightly jobs", "roles": ["ADMIN"]},
                {"appname": "rharman_automation_ro", "roles": ["READONLY"], "last_login": 1734354002}
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let text = output(&cli(&server, &["list"]), Some(TOKEN)).await.unwrap();
    let expected = "\
| Name / Desc                          | Role     | Last Login          |
|--------------------------------------|----------|---------------------|
| tcross_ro                            | READONLY | 2024-07-29 18:59:11 |
| srdkn                                | ADMIN    | 2024-12-12 19:51:30 |
| rharman_automation_rw — nightly jobs | ADMIN    | Never               |
| rharman_automation_ro                | READONLY | 2024-12-16 13:00:02 |
";
    assert_eq!(text, expected, "\n{text}");
}

#[tokio::test]
async fn show_prints_one_row() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/api-keys/srdkn"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "meta": {"code": 200},
            "data": {"appname": "srdkn", "roles": ["ADMIN"], "last_login": 1734033090}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let text = output(&cli(&server, &["show", "srdkn"]), Some(TOKEN)).await.unwrap();
    let expected = "\
| Name / Desc | Role  | Last Login          |
|-------------|-------|---------------------|
| srdkn       | ADMIN | 2024-12-12 19:51:30 |
";
    assert_eq!(text, expected, "\n{text}");
}

#[tokio::test]
async fn create_prints_the_key_once_with_a_warning() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/api-keys"))
        .and(body_json(json!({"appname": "ci", "description": "CI runner", "roles": ["READONLY"]})))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"data": {"appname": "ci", "appkey": "nk-secret"}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let text =
        output(&cli(&server, &["create", "ci", "--role", "READONLY", "--description", "CI runner"]), Some(TOKEN))
            .await
            .unwrap();
    assert_eq!(
        text,
        "Created API key ci.\n\nKey: nk-secret\n\nStore this key now, somewhere safe: it is shown only once and cannot be retrieved later.\n"
    );
}

#[tokio::test]
async fn update_regen_and_delete() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/api-keys/ci"))
        .and(body_json(json!({"roles": ["ADMIN"]})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"appname": "ci"}})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v1/api-keys/ci/regen"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"appname": "ci", "appkey": "nk-2"}})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/api-keys/ci"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    assert_eq!(
        output(&cli(&server, &["update", "ci", "--role", "ADMIN"]), Some(TOKEN)).await.unwrap(),
        "Updated API key ci.\n"
    );
    let regen = output(&cli(&server, &["regen", "ci"]), Some(TOKEN)).await.unwrap();
    assert!(
        regen.starts_with("Issued a new secret for API key ci; the old one no longer works.\n\nKey: nk-2\n"),
        "{regen}"
    );
    assert_eq!(output(&cli(&server, &["delete", "ci"]), Some(TOKEN)).await.unwrap(), "Deleted API key ci.\n");
}

#[tokio::test]
async fn errors_become_helpful_messages() {
    let server = MockServer::start().await;
    let error = |status: u16, message: &str| {
        ResponseTemplate::new(status).set_body_json(json!({"status": status, "name": "E", "message": message}))
    };
    Mock::given(method("DELETE"))
        .and(path("/api/v1/api-keys/a"))
        .respond_with(error(401, "jwt expired"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE")).and(path("/api/v1/api-keys/b")).respond_with(error(403, "no")).mount(&server).await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/api-keys/c"))
        .respond_with(error(400, "appname is invalid"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v1/api-keys/d"))
        .respond_with(error(500, "database down"))
        .mount(&server)
        .await;

    let err = |name: &'static str| {
        let cli = cli(&server, &["delete", name]);
        async move { output(&cli, Some(TOKEN)).await.unwrap_err() }
    };
    assert_eq!(err("a").await, "the API token is missing or invalid (check NETOGRAPHY_TOKEN)");
    assert_eq!(err("b").await, "this API token is not allowed to do that");
    assert_eq!(err("c").await, "the server rejected the request: appname is invalid");
    assert_eq!(err("d").await, "the server answered 500: database down");
}

#[tokio::test]
async fn a_missing_token_is_reported_before_any_request() {
    let server = MockServer::start().await;
    let err = output(&cli(&server, &["list"]), None).await.unwrap_err();
    assert_eq!(err, "set NETOGRAPHY_TOKEN to your API token");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn the_binary_reads_the_token_from_the_environment_and_exits_1_on_errors() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_api-keys"))
        .args(["--base-url", "http://127.0.0.1:1", "list"])
        .env_remove("NETOGRAPHY_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "error: set NETOGRAPHY_TOKEN to your API token\n");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_api-keys"))
        .args(["--base-url", "http://127.0.0.1:1", "list"])
        .env("NETOGRAPHY_TOKEN", "t")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("error: could not reach the API"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn last_login_formats() {
    assert_eq!(api_keys::last_login(None), "Never");
    assert_eq!(api_keys::last_login(Some(0.0)), "1970-01-01 00:00:00");
    assert_eq!(api_keys::last_login(Some(f64::NAN)), "Never");
}

#[test]
fn command_line_shape() {
    let cli = Cli::parse_from(["api-keys", "create", "n", "--role", "ADMIN"]);
    assert_eq!(cli.base_url, "https://api.netography.com");
    assert!(
        matches!(cli.command, Command::Create { ref name, ref role, description: None } if name == "n" && role == "ADMIN")
    );
}

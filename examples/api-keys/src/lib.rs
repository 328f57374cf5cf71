//! `api-keys`: list, create, update, regenerate and delete Netography API keys.
//!
//! A consumer of the generated `netography-api` crate, and the table the Fusion "API Keys" page
//! shows: Name / Desc, Role, Last Login (UTC, `Never` when unused). The library part takes the
//! parsed command line, a client and an output, so tests drive it against a mock server.

use std::fmt::Display;

use clap::{Parser, Subcommand};
use comfy_table::{Table, presets};
use netography_api::errors::{
    CreateApiKeyError, DeleteApiKeyError, GetApiKeyError, ListApiKeysError, RegenApiKeyError, UpdateApiKeyError,
};
use netography_api::types::{ApiError, ApiKeyCreateConfig, ApiKeyRecord, ApiKeyUpdateConfig};
use netography_api::{Client, Error, ErrorKind, OperationError};

/// The environment variable that holds the API token.
pub const TOKEN_VAR: &str = "NETOGRAPHY_TOKEN";

#[derive(Debug, Parser)]
#[command(name = "api-keys", about = "Manage Netography API keys", version)]
pub struct Cli {
    /// The API's base URL.
    #[arg(long, global = true, default_value = netography_api::DEFAULT_BASE_URL)]
    pub base_url: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show every key: Name / Desc, Role, Last Login.
    List,
    /// Show one key, as a row of the same table.
    Show { name: String },
    /// Create a key; its secret is printed once.
    Create {
        name: String,
        /// ADMIN or READONLY.
        #[arg(long)]
        role: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// Replace a key's description and role (the API takes the complete object).
    Update {
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        description: Option<String>,
    },
    /// Issue a new secret for a key; the old one stops working.
    Regen { name: String },
    /// Delete a key.
    Delete { name: String },
}

/// Runs one command; what to show goes to `out`, a failure comes back as a message for the user.
pub async fn run(cli: &Cli, token: Option<String>, out: &mut impl std::io::Write) -> Result<(), String> {
    let token = token.filter(|t| !t.trim().is_empty()).ok_or_else(|| format!("set {TOKEN_VAR} to your API token"))?;
    let client = Client::builder()
        .base_url(&cli.base_url)
        .bearer_token(token)
        .build()
        .map_err(|e| format!("cannot use base URL {:?}: {e}", cli.base_url))?;
    let text = match &cli.command {
        Command::List => {
            let list = client.list_api_keys().await.map_err(explain)?;
            render_table(&list.data.unwrap_or_default())
        }
        Command::Show { name } => {
            let record = client.get_api_key(name).await.map_err(explain)?.data.unwrap_or_default();
            render_table(&[record])
        }
        Command::Create { name, role, description } => {
            let mut body = ApiKeyCreateConfig::new(name.as_str(), vec![role.clone()]);
            body.description = description.clone();
            let created = client.create_api_key(&body).await.map_err(explain)?;
            let key = created.data.and_then(|d| d.appkey);
            secret_message(&format!("Created API key {name}."), key)
        }
        Command::Update { name, role, description } => {
            let mut body = ApiKeyUpdateConfig::new().with_roles(vec![role.clone()]);
            body.description = description.clone();
            client.update_api_key(name, &body).await.map_err(explain)?;
            format!("Updated API key {name}.\n")
        }
        Command::Regen { name } => {
            let regenerated = client.regen_api_key(name, &ApiKeyUpdateConfig::default()).await.map_err(explain)?;
            let key = regenerated.data.and_then(|d| d.appkey);
            secret_message(&format!("Issued a new secret for API key {name}; the old one no longer works."), key)
        }
        Command::Delete { name } => {
            client.delete_api_key(name).await.map_err(explain)?;
            format!("Deleted API key {name}.\n")
        }
    };
    out.write_all(text.as_bytes()).map_err(|e| format!("cannot write output: {e}"))
}

fn secret_message(done: &str, key: Option<String>) -> String {
    match key {
        Some(key) => format!(
            "{done}\n\nKey: {key}\n\nStore this key now, somewhere safe: it is shown only once and cannot be retrieved later.\n"
        ),
        None => format!("{done}\nThe server did not return the key's secret.\n"),
    }
}

/// The Fusion page's table: Name / Desc, Role, Last Login.
pub fn render_table(records: &[ApiKeyRecord]) -> String {
    let mut table = Table::new();
    table.load_preset(presets::ASCII_MARKDOWN).set_header(["Name / Desc", "Role", "Last Login"]);
    for r in records {
        let name = r.appname.clone().unwrap_or_default();
        let name_desc = match r.description.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(d) => format!("{name} — {d}"),
            None => name,
        };
        let role = r.roles.as_ref().and_then(|roles| roles.first()).cloned().unwrap_or_else(|| "-".into());
        table.add_row([name_desc, role, last_login(r.last_login)]);
    }
    format!("{table}\n")
}

/// A unix timestamp as `YYYY-MM-DD HH:MM:SS` in UTC; `Never` when the key was never used.
pub fn last_login(timestamp: Option<f64>) -> String {
    let Some(seconds) = timestamp.filter(|t| t.is_finite()) else { return "Never".into() };
    match jiff::Timestamp::from_second(seconds.floor() as i64) {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => format!("{seconds} (out of range)"),
    }
}

/// The server's message, from whichever documented error the call returned.
trait ServerMessage {
    fn server_message(&self) -> &str;
}

macro_rules! server_message {
    ($($error:ty),*) => {$(
        impl ServerMessage for $error {
            fn server_message(&self) -> &str {
                let body: &ApiError = match self {
                    Self::BadRequest(body) | Self::Unauthorized(body) | Self::Forbidden(body) => body,
                    Self::Other { body, .. } => body,
                    // A status the spec documents after this program was written.
                    _ => return "(no message)",
                };
                &body.message
            }
        }
    )*};
}

server_message!(
    ListApiKeysError,
    CreateApiKeyError,
    GetApiKeyError,
    UpdateApiKeyError,
    DeleteApiKeyError,
    RegenApiKeyError
);

/// A failure as a user should read it.
fn explain<E: OperationError + ServerMessage + Display>(err: Error<E>) -> String {
    match err.kind() {
        ErrorKind::Api(e) => match e.status() {
            401 => format!("the API token is missing or invalid (check {TOKEN_VAR})"),
            403 => "this API token is not allowed to do that".to_owned(),
            400 => format!("the server rejected the request: {}", e.server_message()),
            404 => format!("not found: {}", e.server_message()),
            status => format!("the server answered {status}: {}", e.server_message()),
        },
        ErrorKind::Transport(e) => format!("could not reach the API: {e}"),
        _ => err.to_string(),
    }
}

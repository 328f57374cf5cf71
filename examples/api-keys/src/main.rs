//! `api-keys`: see the library docs. The token comes from `NETOGRAPHY_TOKEN`.

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = api_keys::Cli::parse();
    let token = std::env::var(api_keys::TOKEN_VAR).ok();
    match api_keys::run(&cli, token, &mut std::io::stdout()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

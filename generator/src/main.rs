//! The `apigen` command: see [`apigen::cli`].

fn main() -> std::process::ExitCode {
    let root = std::env::current_dir().unwrap_or_else(|_| ".".into());
    apigen::cli::main(&root, "apigen")
}

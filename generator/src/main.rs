//! The `apigen` command: see [`apigen::cli`].

/// Generation makes and drops millions of small values (JSON, schemas, tokens); mimalloc does
/// that faster than the system allocator (measured in README "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let root = std::env::current_dir().unwrap_or_else(|_| ".".into());
    apigen::cli::main(&root, "apigen")
}

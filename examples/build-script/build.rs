//! Generates the Netography client from the specs of this repository into `OUT_DIR`, as a module
//! that `src/lib.rs` includes. Cargo runs it again when a spec, the config or the lock changes.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let specs = manifest_dir.join("../../specs");
    println!("cargo::rerun-if-changed={}", specs.display());

    // Reads the specs, `apigen.toml` and `apigen.lock` of the folder; writes nothing.
    let project = apigen::Project::new(&specs, "").generated_by("build.rs");
    let generated = match project.generate() {
        Ok(generated) => generated,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    for warning in generated.warnings() {
        println!("cargo::warning={}", warning.to_string().replace('\n', " "));
    }
    // Included as `mod netography` at the crate's root, with the default features.
    let module = match apigen::Embed::new("crate::netography").module(&generated) {
        Ok(module) => module,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(out_dir.join("netography.rs"), module.code) {
        eprintln!("{}: {e}", out_dir.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

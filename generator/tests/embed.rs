//! The generated crate as one module to `include!` ([`apigen::Embed`]): its features decided,
//! its `crate::` paths moved under the module, what it needs from the including crate listed.
//! The `examples/build-script` crate compiles and runs such a module for real.

use std::path::Path;

use apigen::{Embed, Project};

/// The params fixture (tag features, multipart, streams), generated in memory.
fn params() -> apigen::Generated {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/params");
    Project::new("specs", "expected").root(fixture).generate().unwrap()
}

#[test]
fn a_module_has_no_feature_cfg_left_and_its_paths_are_under_it() {
    let module = Embed::new("crate::api").module(&params()).unwrap_or_else(|e| panic!("{e}"));
    let code = &module.code;
    assert!(!code.contains("cfg(feature"), "{code}");
    assert!(!code.contains("#![") && !code.contains("//!"), "inner attributes cannot be included");
    assert!(code.contains("crate::api::runtime::"), "{code}");
    assert!(code.contains("](crate::api::Client::"), "doc links follow the code");
    assert!(!code.contains("crate::runtime::") && !code.contains("](crate::Client"), "{code}");
    // The default features are every tag; `tracing` is off, and so is its code.
    assert!(code.contains("pub fn list_pets"), "{code}");
    assert!(!code.contains("tracing"), "{code}");
    assert!(code.contains("pub mod types {") && code.contains("pub mod operations {"));
    assert!(!module.dependencies.contains("tracing"), "{}", module.dependencies);
    // So is `middleware`.
    assert!(!code.contains("reqwest_middleware") && !module.dependencies.contains("reqwest-middleware"), "{code}");
    assert!(module.dependencies.starts_with("[dependencies]\n"), "{}", module.dependencies);
    syn::parse_file(code).unwrap();
}

#[test]
fn features_are_chosen_by_name() {
    let generated = params();
    let traced = Embed::new("crate").features(["tracing"]).module(&generated).unwrap();
    assert!(traced.code.contains("::tracing::info_span!"), "{}", traced.code);
    assert!(
        traced.dependencies.contains("tracing = {") && !traced.dependencies.contains("optional"),
        "{}",
        traced.dependencies
    );
    let chained = Embed::new("crate").features(["middleware"]).module(&generated).unwrap();
    assert!(
        chained.code.contains("pub fn middleware(") && chained.code.contains("Middleware(Box<"),
        "{}",
        chained.code
    );
    let line = chained.dependencies.lines().find(|l| l.starts_with("reqwest-middleware = {"));
    assert!(line.is_some_and(|l| l.contains("\"0.5\"") && !l.contains("optional")), "{}", chained.dependencies);
    // At the crate's root, paths stay as they are.
    assert!(traced.code.contains("crate::runtime::"));

    let pets_only = Embed::new("crate::api").default_features(false).features(["pets"]).module(&generated).unwrap();
    assert!(pets_only.code.contains("pub fn list_pets"));
    assert!(!pets_only.code.contains("pub fn create_invoice"), "a billing operation");

    let unknown = Embed::new("crate").features(["pest"]).module(&generated).unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("no feature `pest` (its features: billing, full, middleware, pets, shapes, tracing)"),
        "{unknown}"
    );
}

#[test]
fn the_root_is_a_module_path_from_the_crate() {
    let generated = params();
    for bad in ["api", "::api", "crate::", "self::api", "crate::super", "crate::api<T>", "crate::{a}", ""] {
        let error = Embed::new(bad).module(&generated).unwrap_err();
        assert!(error.to_string().contains("is not a module path from the crate's root"), "{bad}: {error}");
    }
    Embed::new("crate::a::b").module(&generated).unwrap();
}

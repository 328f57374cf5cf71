//! The name lock (`specs/apigen.lock`): names change only when asked, on the seed API.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use apigen::config::Config;
use apigen::load::Source;
use apigen::lock::{Lock, operation_key};
use serde_json::Value;

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn seed_config() -> Config {
    let text = std::fs::read_to_string(specs_dir().join("apigen.toml")).unwrap();
    Config::parse("apigen.toml", &text).unwrap()
}

/// The seed's spec fragments, parsed.
fn seed() -> BTreeMap<String, Value> {
    apigen::load::read_dir(&specs_dir())
        .unwrap()
        .into_iter()
        .map(|s| (s.name.clone(), serde_json::from_slice(&s.bytes).unwrap()))
        .collect()
}

fn sources(specs: &BTreeMap<String, Value>) -> Vec<Source> {
    specs.iter().map(|(name, v)| Source::new(name.clone(), serde_json::to_vec_pretty(v).unwrap())).collect()
}

fn generate(config: &Config, specs: &BTreeMap<String, Value>, lock: &Lock) -> apigen::Generated {
    apigen::generate_locked(config, &sources(specs), lock).unwrap_or_else(|d| panic!("{d}"))
}

/// Every Rust name the client has: methods, error enums, types (each with where it came from).
fn names(g: &apigen::Generated) -> Vec<String> {
    let ops = g.api.operations.iter().map(|o| format!("{} {} {}", o.path, o.names.method.raw(), o.names.error));
    let types = g.api.types.iter().map(|t| {
        let mut origins: Vec<&str> = t.origins.iter().map(|o| o.pointer.as_str()).collect();
        origins.sort();
        origins.dedup();
        format!("{} {origins:?}", t.name)
    });
    ops.chain(types).collect()
}

/// The generated Rust and TOML files with their doc comments left out, the edit marker of
/// [`edit_docs`] taken out of the texts the code quotes (an error's `Display` says what the
/// spec's description of its status says), and without whitespace (lines wrap where they wrap).
fn code_without_docs(g: &apigen::Generated) -> BTreeMap<String, String> {
    g.files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs") || path.ends_with(".toml"))
        .map(|(path, text)| {
            let code =
                text.lines().filter(|l| !l.trim_start().starts_with("///") && !l.trim_start().starts_with("//!"));
            let code = code.collect::<Vec<_>>().concat().replace(" (edited).", "");
            (path.clone(), code.split_whitespace().collect())
        })
        .collect()
}

/// Rewrites every summary, and (outside `info`) every description, and gives every schema a
/// title of its own (after its place, so a component has the same one in every file).
fn edit_docs(value: &mut Value, at: &str, counter: &mut usize) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), v) {
                    ("info" | "securitySchemes", _) => {}
                    ("summary", Value::String(s)) => *s = format!("{s} of the account, as the console shows it"),
                    ("description", Value::String(s)) => *s = format!("{s} (edited)."),
                    (_, v) => edit_docs(v, &format!("{at}/{key}"), counter),
                }
            }
            let is_schema = ["type", "properties", "allOf", "items"].iter().any(|k| map.contains_key(*k));
            if is_schema {
                *counter += 1;
                map.insert("title".into(), Value::String(format!("Edited title at {at}")));
            }
        }
        Value::Array(items) => {
            items.iter_mut().enumerate().for_each(|(i, v)| edit_docs(v, &format!("{at}/{i}"), counter))
        }
        _ => {}
    }
}

#[test]
fn docs_edits_of_every_fragment_rename_nothing_and_change_only_docs() {
    let config = seed_config();
    let before = generate(&config, &seed(), &Lock::default());
    let mut edited = seed();
    let mut counter = 0;
    for spec in edited.values_mut() {
        edit_docs(spec, "", &mut counter);
    }
    assert!(counter > 10, "the edit reached the schemas");
    let after = generate(&config, &edited, &before.lock);
    assert_eq!(names(&after), names(&before));
    assert_eq!(code_without_docs(&after), code_without_docs(&before));
    assert_eq!(after.lock_file, before.lock_file);
    assert_ne!(after.files["src/types.rs"], before.files["src/types.rs"], "the docs did change");
}

#[test]
fn new_operations_are_named_and_added_removed_ones_leave() {
    let config = seed_config();
    let before = generate(&config, &seed(), &Lock::default());
    let mut specs = seed();
    // A new operation whose summary gives the name an existing one has: the existing one keeps it.
    let mut twin = specs["v1_api_keys_post.json"].clone();
    let item = twin["paths"]["/api/v1/api-keys"].take();
    twin["paths"] = serde_json::json!({ "/api/v2/api-keys": item });
    twin["paths"]["/api/v2/api-keys"]["post"]["operationId"] = "v2_api_keys_post".into();
    specs.insert("v2_api_keys_post.json".into(), twin);
    specs.remove("v1_api_keys_appname_delete.json");
    let after = generate(&config, &specs, &before.lock);

    let (old, new) = (&before.lock.methods, &after.lock.methods);
    let created = operation_key("post", "/api/v1/api-keys");
    assert_eq!(old[&created].method, "create_api_key");
    assert_eq!(new[&created], old[&created], "a locked name is kept");
    let added = &new[&operation_key("post", "/api/v2/api-keys")];
    assert_eq!((added.method.as_str(), added.error.as_str()), ("v2_api_keys_post", "V2ApiKeysPostError"));
    assert!(!new.contains_key(&operation_key("delete", "/api/v1/api-keys/{appname}")), "{new:?}");
    assert_eq!(new.len(), old.len(), "one added, one removed");
    for (key, op) in old.iter().filter(|(k, _)| !k.starts_with("DELETE")) {
        assert_eq!(&new[key], op, "{key}");
    }
    // Types: the same names; the new operation's schemas joined the types they share.
    assert_eq!(after.lock.types.keys().collect::<Vec<_>>(), before.lock.types.keys().collect::<Vec<_>>());
    assert!(after.lock.types["ApiError"].origins.iter().any(|o| o.contains("~1v2~1")));
    assert!(!after.lock.types["ApiError"].origins.iter().any(|o| o.contains("/delete/")));
}

#[test]
fn overrides_rename_and_update_the_lock() {
    let mut config = seed_config();
    let before = generate(&config, &seed(), &Lock::default());
    config.methods.insert("v1_api_keys_get".into(), "list_keys".into());
    let meta = "/paths/~1api~1v1~1api-keys/get/responses/200/content/application~1json/schema/properties/meta";
    config.types.insert(meta.into(), "Metadata".into());
    let after = generate(&config, &seed(), &before.lock);
    let list = &after.lock.methods[&operation_key("get", "/api/v1/api-keys")];
    assert_eq!((list.method.as_str(), list.error.as_str()), ("list_keys", "ListKeysError"));
    assert!(after.lock.types.contains_key("Metadata") && !after.lock.types.contains_key("Meta"));
    assert_eq!(after.lock.types["Metadata"], before.lock.types["Meta"]);
    assert!(after.files["src/operations.rs"].contains("pub fn list_keys("));
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apigen-lock-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    for entry in std::fs::read_dir(specs_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join("specs").join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn apigen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apigen")).current_dir(dir).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn check_fails_on_a_stale_or_missing_lock_and_relock_rederives() {
    let dir = temp_dir("check");
    let lock_path = dir.join("specs/apigen.lock");
    let write = apigen(&dir, &["codegen"]);
    assert_eq!(write.status.code(), Some(0), "{}", text(&write));
    assert_eq!(apigen(&dir, &["codegen", "--check"]).status.code(), Some(0));

    // A lock that records an operation the specs do not have is stale.
    let locked = std::fs::read_to_string(&lock_path).unwrap();
    let extra = "\n[methods]\n\"GET /gone\" = { method = \"gone\", error = \"GoneError\" }\n";
    std::fs::write(&lock_path, locked.replace("\n[methods]\n", extra)).unwrap();
    let stale = apigen(&dir, &["codegen", "--check"]);
    assert_eq!(stale.status.code(), Some(1), "{}", text(&stale));
    assert!(text(&stale).contains("stale: specs/apigen.lock"), "{}", text(&stale));
    assert!(text(&stale).contains("-\"GET /gone\""), "{}", text(&stale));
    assert!(!text(&stale).contains("src/"), "only the lock is stale: {}", text(&stale));
    assert_eq!(apigen(&dir, &["codegen"]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&lock_path).unwrap(), locked);

    // A name in the lock is the name the client gets.
    std::fs::write(&lock_path, locked.replace("\"list_api_keys\"", "\"list_all_keys\"")).unwrap();
    let renamed = apigen(&dir, &["codegen", "--check"]);
    assert_eq!(renamed.status.code(), Some(1), "{}", text(&renamed));
    assert_eq!(apigen(&dir, &["codegen"]).status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.join("generated/src/operations.rs")).unwrap().contains("fn list_all_keys("));

    // A missing lock is stale too.
    std::fs::remove_file(&lock_path).unwrap();
    let missing = apigen(&dir, &["codegen", "--check"]);
    assert_eq!(missing.status.code(), Some(1), "{}", text(&missing));
    assert!(text(&missing).contains("missing: specs/apigen.lock"), "{}", text(&missing));
    std::fs::write(&lock_path, locked.replace("\"list_api_keys\"", "\"list_all_keys\"")).unwrap();

    // A summary edit keeps the name; `--relock` derives every name afresh.
    let spec_path = dir.join("specs/v1_api_keys_get.json");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    std::fs::write(&spec_path, spec.replace("\"List API Keys\"", "\"List Keys\"")).unwrap();
    assert_eq!(apigen(&dir, &["codegen"]).status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.join("generated/src/operations.rs")).unwrap().contains("fn list_all_keys("));
    let relock = apigen(&dir, &["codegen", "--relock"]);
    assert_eq!(relock.status.code(), Some(0), "{}", text(&relock));
    assert!(std::fs::read_to_string(dir.join("generated/src/operations.rs")).unwrap().contains("fn list_keys("));
    let relocked = std::fs::read_to_string(&lock_path).unwrap();
    assert!(relocked.contains("method = \"list_keys\", error = \"ListKeysError\""), "{relocked}");
    assert_eq!(apigen(&dir, &["codegen", "--check"]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

//! The command line on real folders: write, check, exit codes, and nothing lost on failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("apigen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_specs(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn apigen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apigen")).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                out.push((path.clone(), std::fs::read(&path).unwrap(), modified));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn write_check_and_exit_codes() {
    let dir = temp_dir("modes");
    let (specs, out) = (dir.join("specs"), dir.join("out"));
    copy_specs(&specs);
    let (specs_s, out_s) = (specs.to_str().unwrap(), out.to_str().unwrap());

    let first = apigen(&["codegen", "--specs", specs_s, "--out", out_s, "--crate-name", "my-client"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first));
    assert!(std::fs::read_to_string(out.join("Cargo.toml")).unwrap().contains("name = \"my-client\""));
    let before = snapshot(&out);

    // A second run writes nothing: same bytes, same mtimes.
    let again = apigen(&["codegen", "--specs", specs_s, "--out", out_s, "--crate-name", "my-client"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(text(&again).contains("0 written"), "{}", text(&again));
    assert_eq!(snapshot(&out), before);

    let fresh = apigen(&["codegen", "--check", "--specs", specs_s, "--out", out_s, "--crate-name", "my-client"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh));

    // Stale, missing and leftover files: exit 1, a diff, the fixing command, nothing written.
    let lib = out.join("src/lib.rs");
    std::fs::write(&lib, std::fs::read_to_string(&lib).unwrap().replace("pub mod types;", "pub mod typos;")).unwrap();
    std::fs::remove_file(out.join("src/errors.rs")).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let stale_before = snapshot(&out);
    let stale = apigen(&["codegen", "--check", "--specs", specs_s, "--out", out_s, "--crate-name", "my-client"]);
    let report = text(&stale);
    assert_eq!(stale.status.code(), Some(1), "{report}");
    assert!(report.contains("stale: src/lib.rs"), "{report}");
    assert!(report.contains("-pub mod typos;") && report.contains("+pub mod types;"), "{report}");
    assert!(report.contains("missing: src/errors.rs"), "{report}");
    assert!(report.contains("leftover (not generated, left in place): notes.txt"), "{report}");
    assert!(report.contains("codegen --specs"), "{report}");
    assert_eq!(snapshot(&out), stale_before);

    // Writing repairs the generated files and keeps the leftover.
    let repaired = apigen(&["codegen", "--specs", specs_s, "--out", out_s, "--crate-name", "my-client"]);
    assert_eq!(repaired.status.code(), Some(0));
    assert!(out.join("notes.txt").exists());
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    assert_eq!(
        snapshot(&out).iter().map(|(p, b, _)| (p, b)).collect::<Vec<_>>(),
        before.iter().map(|(p, b, _)| (p, b)).collect::<Vec<_>>()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_exits_1_names_both_files_and_leaves_the_output_untouched() {
    let dir = temp_dir("bad");
    let (specs, out) = (dir.join("specs"), dir.join("out"));
    copy_specs(&specs);
    let (specs_s, out_s) = (specs.to_str().unwrap(), out.to_str().unwrap());
    assert_eq!(apigen(&["codegen", "--specs", specs_s, "--out", out_s]).status.code(), Some(0));
    let before = snapshot(&out);

    // A second file defines the same operation differently.
    let original = std::fs::read_to_string(specs.join("v1_api_keys_appname_get.json")).unwrap();
    std::fs::write(specs.join("zz_copy.json"), original.replace("Fetches a specific API Key", "Fetches one API Key"))
        .unwrap();
    let failed = apigen(&["codegen", "--specs", specs_s, "--out", out_s]);
    let report = text(&failed);
    assert_eq!(failed.status.code(), Some(1), "{report}");
    assert!(
        report.contains("operation `GET /api/v1/api-keys/{appname}` is defined differently in two files"),
        "{report}"
    );
    // The place: file, line and column, the line with a caret under the key, and the pointer.
    assert!(report.contains("zz_copy.json:37:9\n"), "{report}");
    assert!(report.contains("^^^^^^^^^^^^^ #/paths/~1api~1v1~1api-keys~1{appname}/get/description"), "{report}");
    assert!(
        report.contains("v1_api_keys_appname_get.json#/paths/~1api~1v1~1api-keys~1{appname}/get/description"),
        "{report}"
    );
    assert_eq!(snapshot(&out), before, "a failed run must not touch the output");

    // In check mode, a generation failure is exit 2.
    let check = apigen(&["codegen", "--check", "--specs", specs_s, "--out", out_s]);
    assert_eq!(check.status.code(), Some(2), "{}", text(&check));

    // Broken JSON: line and column.
    std::fs::write(specs.join("zz_copy.json"), "{\n  \"openapi\": \"3.0.0\",\n  oops\n}").unwrap();
    let broken = apigen(&["codegen", "--specs", specs_s, "--out", out_s]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(text(&broken).contains("zz_copy.json:3:3"), "{}", text(&broken));
    assert_eq!(snapshot(&out), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_specs_folder_is_an_error() {
    let dir = temp_dir("empty");
    let out = apigen(&["codegen", "--specs", dir.to_str().unwrap(), "--out", dir.join("out").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    // The message names the folder it looked in.
    assert!(text(&out).contains("no spec files (.json, .yaml, .yml)"), "{}", text(&out));
    assert!(text(&out).contains(&format!("--> {}", dir.display())), "{}", text(&out));
    assert!(!dir.join("out").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_writes_one_file_per_operation() {
    let dir = temp_dir("import");
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/pages/netography-api-keys.md");
    let out = apigen(&["import", page.to_str().unwrap(), "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "v1_api_keys_appname_delete.json",
            "v1_api_keys_appname_get.json",
            "v1_api_keys_appname_put.json",
            "v1_api_keys_appname_regen_put.json",
            "v1_api_keys_get.json",
            "v1_api_keys_post.json"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn drift_exit_codes_follow_fail_on() {
    let dir = temp_dir("drift");
    let specs = dir.join("specs");
    copy_specs(&specs);
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi.json");
    let (base_s, specs_s) = (base.to_str().unwrap(), specs.to_str().unwrap());
    let drift = |fail_on: &str, format: &str| {
        apigen(&["drift", "--base", base_s, "--specs", specs_s, "--fail-on", fail_on, "--format", format])
    };

    let same = drift("any", "text");
    assert_eq!(same.status.code(), Some(0), "{}", text(&same));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no changes\n");

    // A new optional response property, in the record that list, get and update return (so it
    // stays one type): non-breaking for the spec and for the Rust API.
    for file in ["v1_api_keys_get.json", "v1_api_keys_appname_get.json", "v1_api_keys_appname_put.json"] {
        let path = specs.join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        let added = original.replacen("\"last_ip\": {", "\"owner\": {\"type\": \"string\"},\n\"last_ip\": {", 1);
        assert_ne!(added, original);
        std::fs::write(&path, &added).unwrap();
    }
    assert_eq!(drift("breaking", "text").status.code(), Some(0));
    let any = drift("any", "markdown");
    assert_eq!(any.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&any.stdout).starts_with("**API drift:** 0 breaking, 3 non-breaking changes."),
        "{}",
        text(&any)
    );

    // An operation removed: breaking.
    std::fs::remove_file(specs.join("v1_api_keys_appname_delete.json")).unwrap();
    let breaking = drift("breaking", "json");
    assert_eq!(breaking.status.code(), Some(1), "{}", text(&breaking));
    let report: serde_json::Value = serde_json::from_slice(&breaking.stdout).unwrap();
    assert_eq!(report["breaking"], 1);
    assert_eq!(drift("none", "text").status.code(), Some(0));

    // An unreadable base: exit 2 with a located message.
    let bad = apigen(&["drift", "--base", dir.join("missing.json").to_str().unwrap(), "--specs", specs_s]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("cannot read the base spec"), "{}", text(&bad));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unreadable_spec_file_is_named_and_nothing_is_written() {
    let dir = temp_dir("unreadable");
    let (specs, out) = (dir.join("specs"), dir.join("out"));
    copy_specs(&specs);
    // A dangling symlink cannot be read, even by root.
    std::os::unix::fs::symlink(dir.join("nowhere.json"), specs.join("broken.json")).unwrap();
    let run = apigen(&["codegen", "--specs", specs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run));
    assert!(text(&run).contains("broken.json") && text(&run).contains("nowhere.json"), "{}", text(&run));
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn drift_report_is_written_whatever_the_exit_code() {
    let dir = temp_dir("drift-report");
    let specs = dir.join("specs");
    copy_specs(&specs);
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi.json");
    let (base_s, specs_s) = (base.to_str().unwrap(), specs.to_str().unwrap());
    let report = dir.join("drift.md");
    let report_s = report.to_str().unwrap();
    std::fs::remove_file(specs.join("v1_api_keys_appname_delete.json")).unwrap();

    // Breaking: exit 1, text on stdout, the markdown in the file.
    let run = apigen(&["drift", "--base", base_s, "--specs", specs_s, "--report", report_s]);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run));
    assert!(String::from_utf8_lossy(&run.stdout).contains("endpoint-removed"), "{}", text(&run));
    let markdown = apigen(&["drift", "--base", base_s, "--specs", specs_s, "--format", "markdown"]);
    assert_eq!(std::fs::read(&report).unwrap(), markdown.stdout);

    // Specs that do not merge: exit 2, and the file says why.
    std::fs::write(specs.join("broken.json"), "{\"openapi\": ").unwrap();
    let broken = apigen(&["drift", "--base", base_s, "--specs", specs_s, "--report", report_s]);
    assert_eq!(broken.status.code(), Some(2), "{}", text(&broken));
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(written.starts_with("❌ **API drift:** the specs could not be compared."), "{written}");
    assert!(written.contains("broken.json"), "{written}");

    // A report that cannot be written: exit 2, named.
    std::fs::remove_file(specs.join("broken.json")).unwrap();
    let nowhere = dir.join("no/such/folder/drift.md");
    let unwritable = apigen(&["drift", "--base", base_s, "--specs", specs_s, "--report", nowhere.to_str().unwrap()]);
    assert_eq!(unwritable.status.code(), Some(2), "{}", text(&unwritable));
    assert!(text(&unwritable).contains("cannot write the report"), "{}", text(&unwritable));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn version_is_the_generators_and_the_one_its_crates_record() {
    let out = apigen(&["--version"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("apigen {}\n", apigen::VERSION));
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/Cargo.toml")).unwrap();
    assert!(manifest.contains(&format!("[package.metadata.apigen]\nversion = \"{}\"\n", apigen::VERSION)));
}

#[test]
fn quiet_prints_only_errors_and_verbose_says_what_each_step_made() {
    let dir = temp_dir("verbosity");
    copy_specs(&dir.join("specs"));
    let (specs, out) = (dir.join("specs"), dir.join("out"));
    let (specs, out) = (specs.to_str().unwrap(), out.to_str().unwrap());
    let written = apigen(&["codegen", "--quiet", "--specs", specs, "--out", out]);
    assert!(written.status.success(), "{}", text(&written));
    assert_eq!(text(&written), "", "quiet prints nothing on success");
    let checked = apigen(&["codegen", "-v", "--check", "--specs", specs, "--out", out]);
    assert!(checked.status.success(), "{}", text(&checked));
    let said = text(&checked);
    assert!(said.contains("generated 6 operations, "), "{said}");
    // How long each stage took, in pipeline order.
    let stages = said.lines().find_map(|l| l.strip_prefix("stages: ")).unwrap_or_else(|| panic!("{said}"));
    let names: Vec<&str> = stages.split(", ").map(|s| s.rsplitn(3, ' ').nth(2).unwrap_or(s)).collect();
    assert_eq!(names, ["parse and merge", "resolve", "emit"], "{said}");
    assert!(said.contains(" is up to date ("), "{said}");
    // Quiet still says what is stale, and why the run fails.
    std::fs::write(dir.join("out/src/types.rs"), "// edited\n").unwrap();
    let stale = apigen(&["codegen", "-q", "--check", "--specs", specs, "--out", out]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(text(&stale).contains("is stale"), "{}", text(&stale));
    assert!(!apigen(&["codegen", "-q", "-v"]).status.success(), "--quiet and --verbose conflict");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = apigen(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", text(&out));
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("apigen") && script.contains("codegen"), "{shell}: {script}");
    }
}

/// A spec that does not resolve, in YAML: its error says where, as a compiler would.
const DANGLING: &str = "openapi: 3.0.3
info: {title: T, version: \"1\"}
paths:
  /a:
    get:
      operationId: a
      responses:
        \"200\":
          description: ok
          content:
            application/json:
              schema: {$ref: \"#/components/schemas/Nope\"}
";

#[test]
fn errors_show_the_line_with_a_caret_under_the_key() {
    let dir = temp_dir("snippet");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::write(dir.join("specs/a.yaml"), DANGLING).unwrap();
    let failed = Command::new(env!("CARGO_BIN_EXE_apigen")).current_dir(&dir).arg("codegen").output().unwrap();
    assert_eq!(failed.status.code(), Some(1));
    // Not a terminal: no colour.
    let expected = r##"error: $ref "#/components/schemas/Nope" points at nothing
  --> specs/a.yaml:12:15
   |
12 |               schema: {$ref: "#/components/schemas/Nope"}
   |               ^^^^^^ #/paths/~1a/get/responses/200/content/application~1json/schema

error: generation failed with 1 error
"##;
    assert_eq!(String::from_utf8_lossy(&failed.stderr), expected);
}

#[test]
fn message_format_json_is_one_object_per_diagnostic() {
    let dir = temp_dir("json-messages");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::write(dir.join("specs/a.yaml"), DANGLING).unwrap();
    std::fs::write(
        dir.join("specs/b.yaml"),
        DANGLING.replace("/a:", "/b:").replace("operationId: a", "operationId: b"),
    )
    .unwrap();
    let failed = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .current_dir(&dir)
        .args(["codegen", "--message-format", "json"])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(failed.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines[0],
        serde_json::json!({
            "level": "error",
            "message": "$ref \"#/components/schemas/Nope\" points at nothing",
            "file": "specs/a.yaml",
            "line": 12,
            "column": 15,
            "pointer": "/paths/~1a/get/responses/200/content/application~1json/schema",
            "notes": [],
        })
    );
    assert_eq!(lines[1]["file"], "specs/b.yaml");
    assert!(failed.stderr.is_empty(), "{}", String::from_utf8_lossy(&failed.stderr));
}

/// A spec with one of each mistake real specs commonly make (see `apigen::repair`).
const SLOPPY: &str = r##"openapi: 3.0.3
info:
  title: Sloppy
paths:
  /pets:
    post:
      operationId: createPet
      description:
        $ref: "#/components/schemas/Pet/description"
      requestBody:
        content:
          schema:
            $ref: "#/components/schemas/Pet"
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Pet"
                description: The pet
components:
  schemas:
    Pet:
      type: object
      description: A pet
      properties:
        name:
          type: string
          required: true
        tag:
          type: [string, "null"]
        owner:
          $ref: "#/components/schemas/Owner"
          nullable: true
        site:
          type: string
          format: url
        age:
          type: integer
          example: old
    Owner:
      type: object
      required: [id, name]
      properties:
        id:
          type: integer
"##;

#[test]
fn common_spec_mistakes_are_warnings_at_their_place_and_strict_refuses_each() {
    let dir = temp_dir("sloppy");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::write(dir.join("specs/pets.yaml"), SLOPPY).unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_apigen")).current_dir(&dir).args(args).output().unwrap();

    let lenient = run(&["codegen"]);
    let report = String::from_utf8_lossy(&lenient.stderr).into_owned();
    assert_eq!(lenient.status.code(), Some(0), "{report}");
    // Each warning: what was wrong and how it was read, at the line and column of the key.
    let expected = [
        ("info` has no `version`: read as \"unversioned\"", "specs/pets.yaml:2:1"),
        ("`description` must be text, found a `$ref`", "specs/pets.yaml:8:7"),
        ("a schema where `content` wants media types", "specs/pets.yaml:12:11"),
        ("`description` beside a `$ref`: OpenAPI 3.0 says to ignore keys there", "specs/pets.yaml:21:17"),
        ("`required: true` on a property: read as `name` in its object's `required` list", "specs/pets.yaml:30:11"),
        ("`type: [\"string\",\"null\"]` is OpenAPI 3.1", "specs/pets.yaml:32:11"),
        ("`nullable: true` beside a `$ref`", "specs/pets.yaml:35:11"),
        ("unknown format `url`: read as a plain string", "specs/pets.yaml:38:11"),
        ("the example does not fit its schema: a string, but the schema's type is integer", "specs/pets.yaml:41:11"),
    ];
    // And what resolving finds: a required property no `properties` declares.
    let resolved = [(
        "`required` lists `name` but `properties` does not declare it: the type has no field for it",
        "specs/pets.yaml:42:5",
    )];
    for (message, place) in expected.iter().chain(&resolved) {
        let at = report.find(message).unwrap_or_else(|| panic!("no warning {message:?} in\n{report}"));
        assert!(report[at..].lines().nth(1).is_some_and(|l| l.ends_with(place)), "{message:?} at {place}:\n{report}");
    }
    assert_eq!(report.matches("warning: ").count(), expected.len() + resolved.len(), "{report}");
    // Read as meant: the flagged property is required, the nullable reference an Option.
    let types = std::fs::read_to_string(dir.join("generated/src/types.rs")).unwrap();
    assert!(types.contains("pub name: ::std::string::String,"), "{types}");
    assert!(types.contains("pub owner: ::std::option::Option<::std::option::Option<crate::types::Owner>>"), "{types}");
    let client = std::fs::read_to_string(dir.join("generated/src/operations.rs")).unwrap();
    assert!(
        client.contains("pub fn body(mut self, body: &'a types::Pet)"),
        "the schema in `content` is the JSON body: {client}"
    );
    let before = snapshot(&dir.join("generated"));

    // --strict, or `strict = true` in the config: each is an error, and nothing is written.
    let strict = run(&["codegen", "--strict"]);
    let errors = String::from_utf8_lossy(&strict.stderr).into_owned();
    assert_eq!(strict.status.code(), Some(1), "{errors}");
    assert_eq!(errors.matches("\nerror: ").count() + usize::from(errors.starts_with("error: ")), expected.len() + 1);
    assert!(errors.contains("error: `required: true` on a property"), "{errors}");
    assert!(errors.contains("help: without `--strict`"), "{errors}");
    assert_eq!(snapshot(&dir.join("generated")), before);
    std::fs::write(dir.join("specs/apigen.toml"), "strict = true\n").unwrap();
    let configured = run(&["codegen"]);
    assert_eq!(configured.status.code(), Some(1), "{}", text(&configured));
    assert_eq!(snapshot(&dir.join("generated")), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_resolving_reads_leniently_is_a_warning_and_strict_refuses_it() {
    // As Spotify's `PUT /me/episodes` body: `required: [uris]` beside a lone `ids` property; as
    // Asana's `removeUser`: a 204 that declares a JSON body.
    let spec = r#"openapi: 3.0.3
info: {title: Episodes, version: "1"}
paths:
  /me/episodes:
    put:
      operationId: save_episodes
      parameters:
        - {name: mode, in: query, schema: {type: string, enum: [0, 1]}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [uris]
              properties:
                ids: {type: array, items: {type: string}}
      responses:
        "204":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {type: object}}}
"#;
    let dir = temp_dir("undeclared-required");
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    std::fs::write(dir.join("specs/episodes.yaml"), spec).unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_apigen")).current_dir(&dir).args(args).output().unwrap();

    let lenient = run(&["codegen"]);
    let report = String::from_utf8_lossy(&lenient.stderr).into_owned();
    assert_eq!(lenient.status.code(), Some(0), "{report}");
    assert!(
        report.contains(
            "warning: `required` lists `uris` but `properties` does not declare it: the type has no field for it, \
             so the client neither sends nor reads it\n  --> specs/episodes.yaml:12:13"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "warning: a 204 response has no body (HTTP sends none), but its `content` declares one: read as no body\n  \
             --> specs/episodes.yaml:20:11"
        ),
        "{report}"
    );
    // As Zoom's `ring_type`: a string whose every allowed value is a number.
    assert!(
        report.contains(
            "warning: `type: string`, but every `enum` value is an integer: read as an integer\n \
             --> specs/episodes.yaml:8:44"
        ),
        "{report}"
    );
    assert_eq!(report.matches("warning: ").count(), 3, "{report}");
    let operations = std::fs::read_to_string(dir.join("generated/src/operations.rs")).unwrap();
    assert!(operations.contains("pub fn mode(mut self, mode: i64) -> Self"), "{operations}");
    // The request is sent and nothing read: the method gives `()`.
    assert!(operations.contains("204 => Ok(())"), "{operations}");
    let before = snapshot(&dir.join("generated"));

    let strict = run(&["codegen", "--strict"]);
    let errors = String::from_utf8_lossy(&strict.stderr).into_owned();
    assert_eq!(strict.status.code(), Some(1), "{errors}");
    assert!(errors.contains("error: `required` lists `uris` but `properties` does not declare it"), "{errors}");
    assert!(errors.contains("specs/episodes.yaml:12:13"), "{errors}");
    assert!(errors.contains("error: a 204 response has no body"), "{errors}");
    assert!(errors.contains("error: `type: string`, but every `enum` value is an integer"), "{errors}");
    assert!(errors.contains("specs/episodes.yaml:20:11"), "{errors}");
    assert_eq!(snapshot(&dir.join("generated")), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

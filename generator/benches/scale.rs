//! Generation speed and memory at scale, printed as figures (not a timed test).
//!
//! `cargo bench -p apigen --bench scale -- DIR...` measures, for each folder of spec files:
//! - the floor: reading every file and parsing it with `serde_json` into a `Value`, nothing else;
//! - a full generation into a fresh output folder;
//! - a no-op regeneration into that same folder (which must rewrite no file).
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
    if args.is_empty() {
        eprintln!("usage: cargo bench -p apigen --bench scale -- SPECS_DIR... (or `cargo xtask bench`)");
        std::process::exit(2);
    }
    println!(
        "| specs | files | MB | floor s | floor peak MB | generate s | generate peak MB | ratio to floor | no-op regenerate s | files rewritten |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut stages = Vec::new();
    for (n, dir) in args.iter().enumerate() {
        stages.push(bench(Path::new(dir), n));
    }
    println!("\nwhere the generation time goes (seconds):\n");
    println!("| specs | read files | merge, resolve, emit | write (compare, swap) |");
    println!("|---|---|---|---|");
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
        floor.0,
        floor.1,
        generate.0,
        generate.1,
        generate.0 / floor.0,
        regenerate.0,
    );
    generate.2
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

/// Runs this binary as a child in `mode`: its wall seconds, peak resident MB and stage seconds.
fn run_child(mode: &str, specs: &Path, out: &Path) -> (f64, f64, Vec<f64>) {
    let exe = std::env::current_exe().expect("own path");
    let output = Command::new(exe).arg("--child").arg(mode).arg(specs).arg(out).output().expect("run child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{mode} failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let mut fields = stdout.split_whitespace().map(|f| f.parse::<f64>().expect("child prints numbers"));
    let seconds = fields.next().expect("seconds");
    let peak = fields.next().expect("peak");
    (seconds, peak, fields.collect())
}

/// One measurement; prints `seconds peak_mb [stage seconds...]`.
fn child(mode: &str, specs: &Path, out: &Path) {
    let started = Instant::now();
    let mut stages = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |stages: &mut Vec<f64>| {
        stages.push(lap.elapsed().as_secs_f64());
        lap = Instant::now();
    };
    let sources = apigen::load::read_dir(specs).unwrap_or_else(|e| panic!("{e}"));
    match mode {
        "floor" => {
            for source in &sources {
                let value: serde_json::Value = serde_json::from_slice(&source.bytes).expect("valid JSON");
                std::hint::black_box(value);
            }
        }
        "generate" => {
            stage(&mut stages);
            let generated =
                apigen::generate(&apigen::config::Config::default(), &sources).unwrap_or_else(|e| panic!("{e}"));
            stage(&mut stages);
            apigen::write::sync(out, &generated.files, apigen::write::Mode::Write).expect("write");
            stage(&mut stages);
        }
        other => panic!("unknown mode {other}"),
    }
    let seconds = started.elapsed().as_secs_f64();
    let stages: Vec<String> = stages.iter().map(f64::to_string).collect();
    println!("{seconds} {} {}", peak_mb(), stages.join(" "));
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

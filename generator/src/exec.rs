//! Execution: the threads the pipeline runs on.
//!
//! Inputs nest up to the parsers' limit (128 levels), and deserialising and resolving that deep
//! takes more than a test thread's 2 MiB in a debug build, so every public entry point of the
//! pipeline runs its work through [`with_stack`] on a thread with [`STACK_SIZE`] of stack rather
//! than trust the caller's. Stages that have independent work spread it with [`parallel`] (a
//! slice, results in input order) and [`join`] (two closures) over one shared pool whose workers
//! have the same stack; without threads to be had, both run the work on the calling thread. The
//! results never depend on how the work was scheduled.

use rayon::prelude::*;

/// The stack the pipeline runs on (see the module docs).
pub(crate) const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Runs `f` on a thread with [`STACK_SIZE`] of stack.
pub(crate) fn with_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().name("apigen".into()).stack_size(STACK_SIZE).spawn_scoped(scope, f);
        let handle = worker.expect("the OS refused to start the generator's worker thread");
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A pool of one worker per core, each with the pipeline's stack, built once and shared by every
/// stage; `None` when no threads are to be had (the work is then done on the calling thread).
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE).build().ok()).as_ref()
}

/// `f` over `items` on every core, results in input order.
pub(crate) fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    match pool() {
        Some(pool) => pool.install(|| items.par_iter().map(&f).collect()),
        None => items.iter().map(f).collect(),
    }
}

/// `f` over `items`, taken by value, on every core; results in input order.
pub(crate) fn parallel_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    match pool() {
        Some(pool) => pool.install(|| items.into_par_iter().map(&f).collect()),
        None => items.into_iter().map(f).collect(),
    }
}

/// `a` and `b` at the same time, on two cores.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    match pool() {
        Some(pool) => pool.install(|| rayon::join(a, b)),
        None => (a(), b()),
    }
}

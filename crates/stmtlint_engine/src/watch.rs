//! Files linted on all cores, with a time limit on each rule and file.
//!
//! A thread cannot be stopped from outside, so a rule that never returns (a
//! plugin's endless loop, a pattern that backtracks for ever) is left behind:
//! the worker running it is abandoned, the file gets a failure naming the rule,
//! the rule is switched off for the rest of the run, and a new worker takes the
//! remaining files. Workers own what they use (`Arc`s, no borrowed stack data),
//! so an abandoned one can run on safely until the process exits; if its rule
//! ever returns, the worker drops that file's results and stops.
//!
//! Each worker says which file and rule it is in ([`timed`], called by the
//! engine around every rule call); the calling thread gathers the results and
//! looks at the workers whenever none arrives for a moment.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::lock;

/// What a worker does with each file: its index and path to its results.
pub(crate) type Work<T> = dyn Fn(usize, &Path) -> T + Send + Sync;

/// Why a file has no results of its own.
pub(crate) enum Stopped {
    /// Rule `rule` ran longer than `limit` on it.
    TimedOut { rule: String, limit: Duration },
    /// The engine itself panicked on it (rules and sources are guarded apart).
    Panicked(String),
}

/// Why [`within`] has no answer.
pub(crate) enum Late {
    /// The work ran over the limit; its thread is left behind.
    TimedOut(Duration),
    /// Its thread could not start, or died (the work is guarded from panics).
    Lost,
}

/// Runs `work` on a thread of its own and waits for it at most `limit` (`None`:
/// as long as it takes). Work over the limit is left to run on (it owns what it
/// uses) and its answer, if it ever comes, is dropped. For what runs once per run:
/// a corpus rule judging every statement.
pub(crate) fn within<T: Send + 'static>(
    limit: Option<Duration>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Late> {
    let (answer, answered) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().spawn(move || {
        // The waiting side may be gone (it gave up): nothing to do then.
        let _ = answer.send(work());
    });
    if spawned.is_err() {
        return Err(Late::Lost);
    }
    match limit {
        Some(limit) => answered.recv_timeout(limit).map_err(|e| match e {
            std::sync::mpsc::RecvTimeoutError::Timeout => Late::TimedOut(limit),
            std::sync::mpsc::RecvTimeoutError::Disconnected => Late::Lost,
        }),
        None => answered.recv().map_err(|_| Late::Lost),
    }
}

/// What a worker is doing, for the calling thread to watch.
#[derive(Default)]
struct Worker {
    /// The file it is on (its index).
    file: AtomicUsize,
    /// The rule it is in, since when, and on which file. The calling thread gives
    /// a worker up only while this says it is in a rule (under this lock), so the
    /// file given up is the one the worker is on.
    busy: Mutex<Option<(String, Instant, usize)>>,
    /// Given up on: its current file is already accounted for.
    abandoned: AtomicBool,
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Worker>>> = const { RefCell::new(None) };
}

/// Runs `f`, the rule `rule` at work on the current file, where the watch can
/// see it (outside a watched run, just runs `f`).
pub(crate) fn timed<T>(rule: &str, f: impl FnOnce() -> T) -> T {
    let worker = CURRENT.with(|c| c.borrow().clone());
    let Some(worker) = worker else { return f() };
    let file = worker.file.load(Ordering::SeqCst);
    *lock(&worker.busy) = Some((rule.to_owned(), Instant::now(), file));
    let result = f();
    *lock(&worker.busy) = None;
    result
}

/// `work` over `files` on all cores, results in the order of `files`; a file
/// whose rule runs longer than `limit` (`None`: no limit) gets
/// `stopped(index, why)` instead, and `on_timeout(rule)` is told first. `tick`
/// is called (on this thread) for each file done, a few times a second.
pub(crate) fn run<T: Send + 'static>(
    files: &Arc<[PathBuf]>,
    limit: Option<Duration>,
    work: Arc<Work<T>>,
    stopped: &dyn Fn(usize, Stopped) -> T,
    on_timeout: &dyn Fn(&str),
    tick: &dyn Fn(),
) -> Vec<T> {
    let run = Arc::new(Run {
        files: files.clone(),
        next: AtomicUsize::new(0),
        results: Mutex::new(std::iter::repeat_with(|| None).take(files.len()).collect()),
        done: AtomicUsize::new(0),
        waiting: std::thread::current(),
    });
    let spawn = |workers: &mut Vec<(Arc<Worker>, std::thread::JoinHandle<()>)>| {
        let worker = Arc::new(Worker::default());
        let (run, work, mine) = (run.clone(), work.clone(), worker.clone());
        let handle = std::thread::spawn(move || work_on(&run, &*work, &mine));
        workers.push((worker, handle));
    };
    let mut workers = Vec::new();
    let count = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len().max(1));
    for _ in 0..count {
        spawn(&mut workers);
    }
    // This thread sleeps until the last file is done, waking a few times a second
    // to tick and to look for a worker stuck in a rule (not once per file: on one
    // core, each wake-up would cost the workers a switch).
    let poll = limit.map_or(Duration::from_millis(100), |l| {
        (l / 10).clamp(Duration::from_millis(5), Duration::from_millis(100))
    });
    let mut ticked = 0;
    loop {
        let done = run.done.load(Ordering::SeqCst);
        for _ in ticked..done {
            tick();
        }
        ticked = done;
        if done >= files.len() {
            break;
        }
        std::thread::park_timeout(poll);
        let Some(limit) = limit else { continue };
        let mut late = Vec::new();
        for (worker, _) in &workers {
            let busy = lock(&worker.busy);
            if let Some((rule, since, file)) = busy.as_ref()
                && since.elapsed() > limit
                && !worker.abandoned.swap(true, Ordering::SeqCst)
            {
                late.push((*file, rule.clone()));
            }
        }
        for (index, rule) in late {
            on_timeout(&rule);
            run.finish(index, Ok(stopped(index, Stopped::TimedOut { rule, limit })));
            spawn(&mut workers);
        }
    }
    // The workers still at work have no file left: they end now, and with them
    // their share of the engine. Those given up on are left to the process's end.
    for (worker, handle) in workers {
        if !worker.abandoned.load(Ordering::SeqCst) {
            let _ = handle.join();
        }
    }
    let results = std::mem::take(&mut *lock(&run.results));
    results
        .into_iter()
        .enumerate()
        .map(|(index, result)| match result {
            Some(Ok(result)) => result,
            Some(Err(message)) => stopped(index, Stopped::Panicked(message)),
            None => stopped(index, Stopped::Panicked("the file was never linted".into())),
        })
        .collect()
}

/// What the workers of one run share.
struct Run<T> {
    files: Arc<[PathBuf]>,
    /// The next file to take.
    next: AtomicUsize,
    /// Each file's results (or the panic that stopped them), once done.
    results: Mutex<Vec<Option<Result<T, String>>>>,
    /// How many files are done.
    done: AtomicUsize,
    /// The thread that waits for the run.
    waiting: std::thread::Thread,
}

impl<T> Run<T> {
    /// Records the results of file `index`, unless it has some already; wakes
    /// the waiting thread at the last file.
    fn finish(&self, index: usize, result: Result<T, String>) {
        let mut results = lock(&self.results);
        if results[index].is_some() {
            return;
        }
        results[index] = Some(result);
        drop(results);
        if self.done.fetch_add(1, Ordering::SeqCst) + 1 == self.files.len() {
            self.waiting.unpark();
        }
    }
}

/// One worker: takes the next file until there is none, or until it is given up
/// on.
fn work_on<T>(run: &Run<T>, work: &Work<T>, worker: &Arc<Worker>) {
    CURRENT.with(|c| *c.borrow_mut() = Some(worker.clone()));
    loop {
        let index = run.next.fetch_add(1, Ordering::SeqCst);
        let Some(path) = run.files.get(index) else { break };
        worker.file.store(index, Ordering::SeqCst);
        let result = crate::panic::guarded(|| work(index, path));
        if worker.abandoned.load(Ordering::SeqCst) {
            break;
        }
        run.finish(index, result);
    }
}

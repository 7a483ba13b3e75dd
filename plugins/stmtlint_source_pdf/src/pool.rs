//! PDF extraction in worker processes of the stmtlint binary itself.
//!
//! A worker is `stmtlint __pdf-worker`: it caps its own address space, then reads
//! PDFs from stdin and writes extracted lines to stdout, one length-prefixed frame
//! each, until stdin closes. The parent keeps idle workers for reuse, waits for each
//! answer with a time limit, and kills a worker that overruns it. A panic, an abort,
//! a crash, a hang or a memory overrun thus fails one file, never the run.

use std::io::{self, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use crate::extract::{Extracted, Failure, extract};

/// The hidden argument that makes the binary a worker.
pub const WORKER_ARG: &str = "__pdf-worker";

static TIMEOUT_MS: AtomicU64 = AtomicU64::new(10_000);
static MEMORY_MB: AtomicU64 = AtomicU64::new(1024);
static IDLE: Mutex<Vec<Worker>> = Mutex::new(Vec::new());

/// Sets the wall-clock limit per file and the memory limit per worker.
pub fn set_limits(timeout: Duration, memory_mb: u64) {
    TIMEOUT_MS.store(
        u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX).max(1),
        Ordering::Relaxed,
    );
    MEMORY_MB.store(memory_mb.max(64), Ordering::Relaxed);
}

#[derive(serde::Serialize, serde::Deserialize)]
enum Reply {
    Ok(Extracted),
    Err(Failure),
}

fn write_frame(out: &mut impl Write, data: &[u8]) -> io::Result<()> {
    out.write_all(&(data.len() as u64).to_le_bytes())?;
    out.write_all(data)?;
    out.flush()
}

fn read_frame(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let len = usize::try_from(u64::from_le_bytes(len)).map_err(io::Error::other)?;
    let mut data = vec![0; len];
    input.read_exact(&mut data)?;
    Ok(data)
}

/// Caps this process's address space and disables core dumps.
#[allow(unsafe_code, reason = "setrlimit has no safe wrapper in std")]
fn limit_memory(mb: u64) {
    #[cfg(unix)]
    {
        let bytes = mb.saturating_mul(1024 * 1024);
        let limit = libc::rlimit {
            rlim_cur: bytes as libc::rlim_t,
            rlim_max: bytes as libc::rlim_t,
        };
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads the struct we pass and only changes this process's limits.
        unsafe {
            libc::setrlimit(libc::RLIMIT_AS, &raw const limit);
            libc::setrlimit(libc::RLIMIT_CORE, &raw const none);
        }
    }
}

/// The worker's main loop; returns when stdin closes.
pub fn worker_main() -> ExitCode {
    std::panic::set_hook(Box::new(|_| {}));
    let mb = std::env::var("STMTLINT_PDF_MEMORY_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    limit_memory(mb);
    let (mut input, mut output) = (io::stdin().lock(), io::stdout().lock());
    while let Ok(pdf) = read_frame(&mut input) {
        let reply = match extract(&pdf) {
            Ok(lines) => Reply::Ok(lines),
            Err(failure) => Reply::Err(failure),
        };
        let Ok(json) = serde_json::to_vec(&reply) else {
            return ExitCode::from(3);
        };
        if write_frame(&mut output, &json).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

/// A running worker and the channel its answers arrive on.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<io::Result<Vec<u8>>>,
}

fn spawn() -> Result<Worker, Failure> {
    let exe = std::env::var_os("STMTLINT_PDF_WORKER")
        .map(Into::into)
        .or_else(|| std::env::current_exe().ok());
    let Some(exe) = exe else {
        return Err(fail(
            "worker",
            "cannot find the stmtlint executable to start a PDF worker",
        ));
    };
    let mut child = Command::new(&exe)
        .arg(WORKER_ARG)
        .env("STMTLINT_PDF_MEMORY_MB", MEMORY_MB.load(Ordering::Relaxed).to_string())
        // The binary's allocator (mimalloc) reserves address space a gibibyte at a
        // time, which the worker's address-space limit refuses, and then crashes;
        // smaller reservations fit under the limit.
        .env("MIMALLOC_ARENA_RESERVE", "64MiB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| fail("worker", format!("cannot start a PDF worker ({}): {e}", exe.display())))?;
    let (Some(stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err(fail("worker", "the PDF worker has no pipes"));
    };
    let (tx, replies) = channel();
    std::thread::spawn(move || {
        loop {
            let frame = read_frame(&mut stdout);
            let stop = frame.is_err();
            if tx.send(frame).is_err() || stop {
                break;
            }
        }
    });
    Ok(Worker { child, stdin, replies })
}

fn fail(cause: &str, message: impl Into<String>) -> Failure {
    Failure {
        code: format!("stmtlint::source::pdf::{cause}"),
        message: message.into(),
    }
}

/// What a worker that stopped answering died of.
fn death(mut worker: Worker) -> Failure {
    let status = worker.child.wait().ok();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.and_then(|s| s.signal()) {
            Some(libc::SIGABRT) => {
                return fail(
                    "crashed",
                    format!(
                        "the PDF extractor aborted, most likely out of memory (over {} MB)",
                        MEMORY_MB.load(Ordering::Relaxed)
                    ),
                );
            }
            Some(libc::SIGSEGV) => {
                return fail(
                    "crashed",
                    "the PDF extractor crashed (stack overflow or invalid memory access)",
                );
            }
            Some(libc::SIGKILL) => return fail("crashed", "the PDF extractor was killed (out of memory)"),
            Some(signal) => return fail("crashed", format!("the PDF extractor died of signal {signal}")),
            None => {}
        }
    }
    fail(
        "crashed",
        format!(
            "the PDF extractor stopped ({})",
            status.map_or_else(|| "no status".into(), |s| s.to_string())
        ),
    )
}

/// Extracts a PDF in a worker process, within the time limit.
pub fn run(pdf: &[u8]) -> Result<Extracted, Failure> {
    let idle = IDLE.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop();
    let mut worker = match idle {
        Some(w) => w,
        None => spawn()?,
    };
    if write_frame(&mut worker.stdin, pdf).is_err() {
        // An idle worker that died meanwhile: one more try with a new one.
        let _ = worker.child.kill();
        let _ = worker.child.wait();
        worker = spawn()?;
        write_frame(&mut worker.stdin, pdf).map_err(|_| death_now(&mut worker))?;
    }
    let timeout = Duration::from_millis(TIMEOUT_MS.load(Ordering::Relaxed));
    match worker.replies.recv_timeout(timeout) {
        Ok(Ok(frame)) => {
            let reply: Reply = serde_json::from_slice(&frame)
                .map_err(|e| fail("worker", format!("the PDF worker answered garbage: {e}")))?;
            IDLE.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(worker);
            match reply {
                Reply::Ok(lines) => Ok(lines),
                Reply::Err(failure) => Err(failure),
            }
        }
        Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(death(worker)),
        Err(RecvTimeoutError::Timeout) => {
            let _ = worker.child.kill();
            let _ = worker.child.wait();
            Err(fail(
                "timeout",
                format!(
                    "extracting the text took longer than {} s; the file was skipped",
                    timeout.as_secs_f32()
                ),
            ))
        }
    }
}

fn death_now(worker: &mut Worker) -> Failure {
    let _ = worker.child.kill();
    let _ = worker.child.wait();
    fail("crashed", "the PDF worker exited before reading the file")
}

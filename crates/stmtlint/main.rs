//! The `stmtlint` command line: parses arguments, runs a command, maps the outcome to
//! an exit code (0 clean, 1 findings at or above `--fail-on`, 2 stmtlint could not do
//! its job).

mod args;
mod commands;
mod registry;

use std::process::ExitCode;

// mimalloc: the sources and rules make many small per-document vectors and
// strings; with glibc's malloc, the text source alone took 40% longer on the
// benchmark corpus (tests/bench/plain.py). Built without transparent huge pages
// (`no_thp`): where the kernel grants them on request, each 2 MiB page the arenas
// touch is zeroed whole, and that zeroing was 10% of the wall time of the mix
// benchmark (perf, 2026-12-04).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A PDF extraction worker (see stmtlint_source_pdf): not a user command.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == stmtlint_source_pdf::WORKER_ARG)
    {
        return stmtlint_source_pdf::worker_main();
    }
    stmtlint_engine::install_quiet_panic_hook();
    let args = args::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(commands::Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(commands::Error::Reported) => ExitCode::from(2),
    }
}

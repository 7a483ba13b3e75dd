//! `stmtlint check`: lint, render, and gate with the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stmtlint_engine::Findings;
use stmtlint_plugin::{RunContext, Severity};
use stmtlint_render::{Context, Format, RuleInfo};

use super::{Error, setup, style};
use crate::args::{CheckArgs, FailOn};

/// Lints the paths and prints the report.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let setup = setup(args.common.config.as_deref(), args.common.no_plugins)?;
    let exclude = setup.exclude_patterns();
    let setup_config = setup.config_path.clone();
    let rules: Vec<RuleInfo> = setup
        .specs
        .iter()
        .filter_map(|spec| {
            Some(RuleInfo {
                id: spec.id.clone(),
                summary: spec.summary.clone(),
                docs: spec.docs.clone(),
                severity: setup.settings.severity(spec)?,
            })
        })
        .collect();
    let mut engine = setup.engine()?.in_run(RunContext::as_of(args.as_of));
    let extensions = engine.extensions();
    // `-`: one statement from standard input, under the name it is given.
    let stdin = args.paths.iter().any(|p| p == "-");
    let paths: Vec<String> = args.paths.iter().filter(|p| *p != "-").cloned().collect();
    let stdin_name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
    if stdin {
        if args.fix || args.diff {
            return Err(fail(
                "--fix and --diff edit files: they do not take a statement from standard input (`-`)",
            ));
        }
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)?;
        engine = engine.with_stdin(stdin_name.clone(), bytes);
    }
    let mut discovered = if paths.is_empty() && stdin {
        stmtlint_engine::Discovered::default()
    } else {
        stmtlint_engine::discover(&paths, &extensions, &exclude)
    };
    if stdin {
        discovered.files.push(stdin_name);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut baseline = Baseline::open(args, &cwd)?;
    let any_baseline = !baseline.is_none();
    // The run keeps the list of files (not copied: 10,000 paths are a megabyte).
    let files = std::mem::take(&mut discovered.files);
    let none_found = files.is_empty();
    let mut stored = with_progress(files.len(), args.quiet, |tick| {
        let mut settle = |diagnostics: &mut Vec<_>| baseline.settle(diagnostics);
        let settle: Option<stmtlint_engine::Settle<'_>> = any_baseline.then_some(&mut settle);
        engine.check_stored(files, tick, settle)
    });
    stored.add_failures(discovered.failures);
    let notes = std::mem::take(&mut stored.notes);

    let mut err = io::stderr().lock();
    let quiet = args.quiet;
    if args.verbose {
        match &setup_config {
            Some(path) => writeln!(err, "note: using the config {}", path.display())?,
            None => writeln!(err, "note: no stmtlint.toml found; using the built-in defaults")?,
        }
    }
    if none_found && stored.failures().is_empty() && !quiet {
        writeln!(
            err,
            "warning: no statement found in {} (stmtlint reads {})",
            args.paths.join(", "),
            extensions
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    let hidden = baseline.finish()?;
    if args.diff {
        let mut report = stored.into_report();
        let mut out = io::BufWriter::new(io::stdout().lock());
        let outcome = super::fix::run(&mut report, args.unsafe_fixes, true, &mut out)?;
        out.flush()?;
        fix_summary(&mut err, &outcome, "would fix", quiet)?;
        report.failures.iter().for_each(super::report_failure);
        let code = if report.failures.is_empty() {
            u8::from(outcome.fixed > 0)
        } else {
            2
        };
        return Ok(ExitCode::from(code));
    }
    // `--fix` works on the findings in memory; a report alone reads them back one
    // file at a time.
    let fixed;
    let report: &dyn Findings = if args.fix {
        let mut report = stored.into_report();
        let outcome = super::fix::run(&mut report, args.unsafe_fixes, false, &mut io::sink())?;
        fix_summary(&mut err, &outcome, "fixed", quiet)?;
        fixed = report;
        &fixed
    } else {
        &stored
    };
    let root = repository_root(&cwd);
    let people = |f: &Format| matches!(f, Format::Human | Format::Concise);
    for (format, output) in &args.reports {
        let terminal = output.is_none() && io::stdout().is_terminal();
        let cx = Context {
            style: style(terminal),
            rules: &rules,
            root: &root,
            cwd: &cwd,
            // Failures go to stderr; a report for people in a file keeps them too.
            failures: !people(format) || output.is_some(),
        };
        match output {
            None => {
                // Buffered: the standard output is line-buffered, and a report for
                // 10,000 files is 200,000 lines (a write call each).
                let mut out = io::BufWriter::new(io::stdout().lock());
                stmtlint_render::render(*format, report, &cx, &mut out)?;
                out.flush()?;
            }
            Some(path) => write_report(path, |out| stmtlint_render::render(*format, report, &cx, out))?,
        }
    }
    // The failures on stderr, in the form of the report on stdout.
    if args
        .reports
        .iter()
        .any(|(f, out)| out.is_none() && *f == Format::Concise)
    {
        stmtlint_render::concise::render_failures(report.failures(), &mut err)?;
    } else {
        report.failures().iter().for_each(super::report_failure);
    }
    let for_people = args.reports.iter().any(|(f, _)| people(f));
    // Notes on stderr are for people; a structured report on stdout is for a program.
    let machine = args.reports.iter().any(|(f, out)| out.is_none() && !people(f));

    if !discovered.skipped.is_empty() && !machine && !quiet {
        let kinds: Vec<String> = discovered
            .skipped
            .iter()
            .map(|(ext, n)| format!("{n} .{ext}"))
            .collect();
        let total: usize = discovered.skipped.values().sum();
        let files = if total == 1 { "file" } else { "files" };
        writeln!(
            err,
            "note: skipped {total} {files} that no source reads ({})",
            kinds.join(", ")
        )?;
    }
    if args.verbose {
        for note in discovered.notes.iter().chain(&notes) {
            writeln!(err, "note: {note}")?;
        }
    }
    match hidden {
        Some((count, path)) if args.write_baseline.is_some() && !quiet => {
            writeln!(err, "wrote {count} findings to the baseline {}", path.display())?;
        }
        Some((count, path)) if !machine && !quiet => {
            writeln!(
                err,
                "note: {count} known findings hidden by the baseline {}",
                path.display()
            )?;
        }
        _ => {}
    }
    if for_people && !quiet {
        writeln!(err, "{}", stmtlint_render::summary_line(report))?;
    }
    Ok(exit_code(report, args.fail_on, args.max_warnings))
}

/// An error of the command line, printed; exit 2.
fn fail(message: &str) -> Error {
    super::report(&*miette::miette!(code = "stmtlint::cli::usage", "{message}"));
    Error::Reported
}

/// The baseline of a run: `--write-baseline` records every finding (and then
/// hides them all: they are accepted), `--baseline` hides those it accepts.
enum Baseline<'a> {
    None,
    Write(stmtlint_engine::BaselineRecorder, &'a Path),
    Apply(stmtlint_engine::BaselineHider, &'a Path),
}

impl<'a> Baseline<'a> {
    /// Reads `--baseline` (before linting: a bad file is an error before any
    /// work), or gets ready to record `--write-baseline`.
    fn open(args: &'a CheckArgs, cwd: &Path) -> Result<Self, Error> {
        if let Some(path) = &args.write_baseline {
            return Ok(Self::Write(
                stmtlint_engine::BaselineRecorder::new(&folder(path), cwd),
                path,
            ));
        }
        let Some(path) = &args.baseline else {
            return Ok(Self::None);
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| baseline_error(format!("cannot read the baseline {}: {e}", path.display())))?;
        let baseline: stmtlint_engine::Baseline = serde_json::from_str(&text).map_err(|e| {
            let message = e.to_string();
            let cause = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
            baseline_error(format!(
                "{} is not a stmtlint baseline: {} (line {}, column {}); `--write-baseline` writes one",
                path.display(),
                stmtlint_config::plain(cause).replace("a table", "a JSON object"),
                e.line(),
                e.column()
            ))
        })?;
        Ok(Self::Apply(baseline.hider(&folder(path), cwd), path))
    }

    fn is_none(&self) -> bool {
        matches!(self, Self::None)
    }

    /// One file's findings: recorded and hidden, or those accepted hidden.
    fn settle(&mut self, diagnostics: &mut Vec<stmtlint_engine::Diagnostic>) {
        match self {
            Self::None => {}
            Self::Write(recorder, _) => {
                recorder.add(diagnostics);
                diagnostics.clear();
            }
            Self::Apply(hider, _) => hider.hide(diagnostics),
        }
    }

    /// Writes the baseline `--write-baseline` recorded; how many findings the
    /// baseline hid, and which file it is.
    fn finish(&mut self) -> Result<Option<(usize, &'a Path)>, Error> {
        match std::mem::replace(self, Self::None) {
            Self::None => Ok(None),
            Self::Write(recorder, path) => {
                let baseline = recorder.finish();
                let count = baseline.findings.iter().map(|e| e.count).sum();
                let json = serde_json::to_string_pretty(&baseline).unwrap_or_default();
                super::fix::write_atomically(path, format!("{json}\n").as_bytes())
                    .map_err(|e| baseline_error(format!("cannot write the baseline {}: {e}", path.display())))?;
                Ok(Some((count, path)))
            }
            Self::Apply(hider, path) => Ok(Some((hider.hidden(), path))),
        }
    }
}

/// The folder a baseline's paths are relative to: the baseline file's.
fn folder(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// A baseline that cannot be read or written, reported; exit 2.
fn baseline_error(what: String) -> Error {
    super::report(&miette::MietteDiagnostic::new(what));
    Error::Reported
}

/// Runs `work` with a progress bar on stderr when it is a terminal and the run is
/// long enough to need one; `work` calls the tick it is given once per file.
fn with_progress<T>(files: usize, quiet: bool, work: impl FnOnce(&(dyn Fn() + Sync)) -> T) -> T {
    if quiet || files < 50 || !io::stderr().is_terminal() {
        return work(&|| {});
    }
    let bar = indicatif::ProgressBar::new(files as u64).with_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files  {per_sec}  {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let result = work(&|| bar.inc(1));
    bar.finish_and_clear();
    result
}

/// `fixed 3 findings in 2 files`, and each file left alone with why.
fn fix_summary(err: &mut dyn Write, outcome: &super::fix::Outcome, verb: &str, quiet: bool) -> io::Result<()> {
    if quiet {
        return Ok(());
    }
    for (path, why) in &outcome.skipped {
        writeln!(err, "note: {path} not fixed: {why}")?;
    }
    let s = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        err,
        "{verb} {} finding{} in {} file{}",
        outcome.fixed,
        s(outcome.fixed),
        outcome.files,
        s(outcome.files)
    )
}

/// Writes a report to `path`; a file that cannot be written is an error naming it.
fn write_report(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    let written = std::fs::File::create(path).and_then(|file| {
        let mut out = io::BufWriter::new(file);
        render(&mut out)?;
        out.flush()
    });
    written.map_err(|e| {
        super::report(&miette::MietteDiagnostic::new(format!(
            "cannot write the report to {}: {e}",
            path.display()
        )));
        Error::Reported
    })
}

/// The repository the working directory is in (the nearest directory upward with a
/// `.git`), else the working directory: SARIF's URIs are relative to it.
fn repository_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// 2 when anything failed; else 1 when a finding is at or above `fail_on` or the
/// warnings are more than `max_warnings`; else 0.
fn exit_code(report: &dyn Findings, fail_on: FailOn, max_warnings: Option<usize>) -> ExitCode {
    let summary = report.summary();
    if summary.failures > 0 {
        return ExitCode::from(2);
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing =
        threshold.is_some_and(|t| summary.any_at_least(t)) || max_warnings.is_some_and(|max| summary.warnings > max);
    ExitCode::from(u8::from(failing))
}

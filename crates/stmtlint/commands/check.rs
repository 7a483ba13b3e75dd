//! `stmtlint check`: lint, render, and gate with the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stmtlint_engine::{Baseline, Report};
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
    let mut report = with_progress(discovered.files.len(), args.quiet, |tick| {
        engine.check_with_progress(&discovered.files, tick)
    });
    report.failures.extend(discovered.failures);
    report.sort();

    let cwd = std::env::current_dir().unwrap_or_default();
    let mut err = io::stderr().lock();
    let quiet = args.quiet;
    if args.verbose {
        match &setup_config {
            Some(path) => writeln!(err, "note: using the config {}", path.display())?,
            None => writeln!(err, "note: no stmtlint.toml found; using the built-in defaults")?,
        }
    }
    if discovered.files.is_empty() && report.failures.is_empty() && !quiet {
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
    let hidden = apply_baseline(args, &mut report, &cwd)?;
    if args.diff {
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
    if args.fix {
        let outcome = super::fix::run(&mut report, args.unsafe_fixes, false, &mut io::sink())?;
        fix_summary(&mut err, &outcome, "fixed", quiet)?;
    }
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
                stmtlint_render::render(*format, &report, &cx, &mut out)?;
                out.flush()?;
            }
            Some(path) => write_report(path, |out| stmtlint_render::render(*format, &report, &cx, out))?,
        }
    }
    // The failures on stderr, in the form of the report on stdout.
    if args
        .reports
        .iter()
        .any(|(f, out)| out.is_none() && *f == Format::Concise)
    {
        stmtlint_render::concise::render_failures(&report, &mut err)?;
    } else {
        report.failures.iter().for_each(super::report_failure);
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
        for note in discovered.notes.iter().chain(&report.notes) {
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
        writeln!(err, "{}", stmtlint_render::summary_line(&report))?;
    }
    Ok(exit_code(&report, args.fail_on, args.max_warnings))
}

/// An error of the command line, printed; exit 2.
fn fail(message: &str) -> Error {
    super::report(&*miette::miette!(code = "stmtlint::cli::usage", "{message}"));
    Error::Reported
}

/// Writes the baseline `--write-baseline` asks for, then hides what the baseline in
/// force accepts (the one just written, else `--baseline`); returns how many it hid
/// and which file it was.
fn apply_baseline<'a>(
    args: &'a CheckArgs,
    report: &mut Report,
    cwd: &Path,
) -> Result<Option<(usize, &'a Path)>, Error> {
    let folder = |file: &Path| file.parent().map(Path::to_path_buf).unwrap_or_default();
    let fail = |what: String| {
        super::report(&miette::MietteDiagnostic::new(what));
        Error::Reported
    };
    let baseline = if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(report, &folder(path), cwd);
        let json = serde_json::to_string_pretty(&baseline).unwrap_or_default();
        super::fix::write_atomically(path, format!("{json}\n").as_bytes())
            .map_err(|e| fail(format!("cannot write the baseline {}: {e}", path.display())))?;
        (baseline, path)
    } else if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("cannot read the baseline {}: {e}", path.display())))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            let message = e.to_string();
            let cause = message.rsplit_once(" at line ").map_or(message.as_str(), |(m, _)| m);
            fail(format!(
                "{} is not a stmtlint baseline: {} (line {}, column {}); `--write-baseline` writes one",
                path.display(),
                stmtlint_config::plain(cause).replace("a table", "a JSON object"),
                e.line(),
                e.column()
            ))
        })?;
        (baseline, path)
    } else {
        return Ok(None);
    };
    let hidden = baseline.0.apply(report, &folder(baseline.1), cwd);
    Ok(Some((hidden, baseline.1)))
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
fn exit_code(report: &Report, fail_on: FailOn, max_warnings: Option<usize>) -> ExitCode {
    if !report.failures.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t))
        || max_warnings.is_some_and(|max| report.summary().warnings > max);
    ExitCode::from(u8::from(failing))
}

//! `stmtlint check`: lint, render, and gate with the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use stmtlint_engine::Report;
use stmtlint_plugin::Severity;
use stmtlint_render::{Context, Format, RuleInfo};

use super::{Error, setup, style};
use crate::args::{CheckArgs, FailOn};

/// Lints the paths and prints the report.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let mut setup = setup(args.common.config.as_deref(), args.common.no_plugins)?;
    if let Some(date) = args.as_of {
        setup.as_of(date);
    }
    let exclude = setup.exclude_patterns();
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
    let engine = setup.engine()?;
    let discovered = stmtlint_engine::discover(&args.paths, &engine.extensions(), &exclude);
    let mut report = engine.check(&discovered.files);
    report.failures.extend(discovered.failures);
    report.sort();

    let cwd = std::env::current_dir().unwrap_or_default();
    let root = repository_root(&cwd);
    for (format, output) in &args.reports {
        let terminal = output.is_none() && io::stdout().is_terminal();
        let cx = Context {
            style: style(terminal),
            rules: &rules,
            root: &root,
            cwd: &cwd,
        };
        match output {
            None => {
                let mut out = io::stdout().lock();
                stmtlint_render::render(*format, &report, &cx, &mut out)?;
                out.flush()?;
            }
            Some(path) => write_report(path, |out| stmtlint_render::render(*format, &report, &cx, out))?,
        }
    }
    let human = args.reports.iter().any(|(f, _)| *f == Format::Human);
    // Notes on stderr are for people; a structured report on stdout is for a program.
    let machine = args
        .reports
        .iter()
        .any(|(f, out)| out.is_none() && !matches!(f, Format::Human | Format::Concise));

    let mut err = io::stderr().lock();
    if !discovered.skipped.is_empty() && !machine {
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
        for note in &report.notes {
            writeln!(err, "note: {note}")?;
        }
    }
    if human {
        writeln!(err, "{}", stmtlint_render::summary_line(&report))?;
    }
    Ok(exit_code(&report, args.fail_on, args.max_warnings))
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

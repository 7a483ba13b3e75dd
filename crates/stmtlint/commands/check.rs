//! `stmtlint check`: lint, render, and gate with the exit code.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use stmtlint_engine::Report;
use stmtlint_plugin::Severity;
use stmtlint_render::Format;

use super::{Error, setup, style};
use crate::args::{CheckArgs, FailOn, ReportFormat};

/// Lints the paths and prints the report.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let mut setup = setup(args.common.config.as_deref(), args.common.no_plugins)?;
    if let Some(date) = args.as_of {
        setup.as_of(date);
    }
    let exclude = setup.exclude_patterns();
    let engine = setup.engine()?;
    let discovered = stmtlint_engine::discover(&args.paths, &engine.extensions(), &exclude);
    let mut report = engine.check(&discovered.files);
    report.failures.extend(discovered.failures);
    report.sort();

    let format = match args.format {
        ReportFormat::Human => Format::Human,
        ReportFormat::Concise => Format::Concise,
        ReportFormat::Json => Format::Json,
    };
    let mut out = io::stdout().lock();
    stmtlint_render::render(format, &report, style(io::stdout().is_terminal()), &mut out)?;
    out.flush()?;

    let mut err = io::stderr().lock();
    if !discovered.skipped.is_empty() && format != Format::Json {
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
    if format == Format::Human {
        writeln!(err, "{}", stmtlint_render::summary_line(&report))?;
    }
    Ok(exit_code(&report, args.fail_on))
}

/// 2 when anything failed; else 1 when a finding is at or above `fail_on`; else 0.
fn exit_code(report: &Report, fail_on: FailOn) -> ExitCode {
    if !report.failures.is_empty() {
        return ExitCode::from(2);
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| report.diagnostics.iter().any(|d| d.severity >= t));
    ExitCode::from(u8::from(failing))
}

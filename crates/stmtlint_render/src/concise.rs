//! `path:line:col: severity[rule] message`, one line per finding, then failures.

use std::io::{self, Write};

use stmtlint_engine::{Failure, Findings};

/// Writes the concise format.
pub fn render(report: &dyn Findings, failures: bool, out: &mut dyn Write) -> io::Result<()> {
    for file in report.files() {
        for d in file?.iter() {
            let page = d.page.map(|p| format!("page {p}:")).unwrap_or_default();
            writeln!(
                out,
                "{}:{page}{}:{}: {}[{}] {}",
                d.path,
                d.region.line,
                d.region.column,
                d.severity.as_str(),
                d.rule,
                one_line(&d.message)
            )?;
        }
    }
    if failures {
        render_failures(report.failures(), out)?;
    }
    Ok(())
}

/// A message on one line: a name that spans a line break (`Indo\nPacific`) is
/// written with `\n`, so each finding stays one line for `grep` and editors.
fn one_line(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        message.replace('\r', "\\r").replace('\n', "\\n").into()
    } else {
        message.into()
    }
}

/// Writes the files that could not be checked, one per line.
pub fn render_failures(failures: &[Failure], out: &mut dyn Write) -> io::Result<()> {
    for f in failures {
        writeln!(out, "{}: failure[{}] {}", f.path, f.code, one_line(&f.message))?;
    }
    Ok(())
}

//! The JSON report, a contract (DESIGN §7): fields may be added, never removed or
//! renamed.
//!
//! ```json
//! {"version": 1,
//!  "summary": {"files": 3, "errors": 1, "warnings": 2, "infos": 0, "failures": 0},
//!  "diagnostics": [{"path", "rule", "severity", "message", "help", "line", "column",
//!                   "end_line", "end_column", "page", "text", "labels", "fix"}],
//!  "failures": [{"path", "code", "message"}]}
//! ```

use std::io::{self, Write};

use serde::Serialize;
use stmtlint_engine::{Failure, Findings, Summary};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: Summary,
    diagnostics: crate::Each<'a>,
    failures: &'a [Failure],
}

/// Writes the JSON report, pretty-printed, with a final newline; the findings
/// are written as they are read, one file at a time.
pub fn render(report: &dyn Findings, out: &mut dyn Write) -> io::Result<()> {
    let json = JsonReport {
        version: 1,
        summary: report.summary(),
        diagnostics: crate::Each(report),
        failures: report.failures(),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    writeln!(out)
}

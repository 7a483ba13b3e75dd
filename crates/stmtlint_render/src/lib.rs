//! Renderers: one [`Report`] in, one format out. Each format is its own module.
//!
//! - [`human`]: miette's graphical reports with the snippet and labels;
//! - [`concise`]: `path:line:col: severity[rule] message`, one per line;
//! - [`json`]: the stable JSON report (DESIGN §7);
//! - [`extract`]: the document model as the rules see it (`stmtlint extract`).

pub mod concise;
pub mod extract;
pub mod human;
pub mod json;

use std::io::{self, Write};

use stmtlint_engine::Report;

/// A report format of `stmtlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Graphical reports for people.
    Human,
    /// One line per finding.
    Concise,
    /// The JSON report.
    Json,
}

/// How human output looks.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Wrap width.
    pub width: usize,
}

/// Writes `report` in `format`.
pub fn render(format: Format, report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, style, out),
        Format::Concise => concise::render(report, out),
        Format::Json => json::render(report, out),
    }
}

/// The one-line summary printed after human output: `2 errors, 1 warning in 3 files`.
pub fn summary_line(report: &Report) -> String {
    let s = report.summary();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}, {} in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.files, "file")
    );
    if s.failures > 0 {
        line.push_str(&format!("; {} could not be linted", plural(s.failures, "failure")));
    }
    line
}

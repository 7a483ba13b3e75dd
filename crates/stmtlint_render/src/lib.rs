//! Renderers: one finished run ([`Findings`]: a report in memory, or one whose
//! findings are read back a file at a time) in, one format out. Each format is
//! its own module, and writes findings as it reads them.
//!
//! - [`human`]: miette's graphical reports with the snippet and labels;
//! - [`concise`]: `path:line:col: severity[rule] message`, one per line;
//! - [`json`]: the stable JSON report (DESIGN §7);
//! - [`sarif`]: SARIF 2.1.0 for code scanning;
//! - [`github`]: GitHub Actions workflow commands (annotations);
//! - [`junit`]: JUnit XML for CI test reports;
//! - [`extract`]: the document model as the rules see it (`stmtlint extract`).

pub mod concise;
pub mod extract;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};
use std::path::Path;

use stmtlint_engine::{Diagnostic, Findings};

pub use sarif::RuleInfo;

/// A report format of `stmtlint check` (its `--format` values; the doc comments are
/// their help).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphical reports with snippets, for people.
    Human,
    /// `path:line:col: severity[rule] message`, one per line.
    Concise,
    /// The JSON report.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// JUnit XML: a test suite per file, a failed test case per finding.
    Junit,
}

/// What a format may need besides the report.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// How human output looks.
    pub style: Style,
    /// The rules that ran, with their severities (SARIF describes them).
    pub rules: &'a [RuleInfo],
    /// The directory artifact URIs are relative to (the repository's root).
    pub root: &'a Path,
    /// Where the report's relative paths start.
    pub cwd: &'a Path,
    /// Whether the files that could not be checked are part of this report (the
    /// human and concise reports on stdout leave them to stderr).
    pub failures: bool,
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
pub fn render(format: Format, report: &dyn Findings, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, cx.style, cx.failures, out),
        Format::Concise => concise::render(report, cx.failures, out),
        Format::Json => json::render(report, out),
        Format::Sarif => sarif::render(report, cx.rules, cx.root, cx.cwd, out),
        Format::Github => github::render(report, cx.root, cx.cwd, out),
        Format::Junit => junit::render(report, out),
    }
}

/// The one-line summary printed after human output: `2 errors, 1 warning in 3 files`.
pub fn summary_line(report: &dyn Findings) -> String {
    let s = report.summary();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}, {} in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.files, "file")
    );
    // A file may fail more than once (two rules crashed on it): count files.
    let failed: std::collections::BTreeSet<&str> = report.failures().iter().map(|f| f.path.as_str()).collect();
    if !failed.is_empty() {
        line.push_str(&format!("; {} could not be checked", plural(failed.len(), "file")));
    }
    line
}

/// A run's findings as one JSON array, written as they are read back.
pub(crate) struct Each<'a>(pub(crate) &'a dyn Findings);

impl serde::Serialize for Each<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        for file in self.0.files() {
            let file = file.map_err(S::Error::custom)?;
            for d in file.iter() {
                seq.serialize_element::<Diagnostic>(d)?;
            }
        }
        seq.end()
    }
}

//! What a run produces: resolved diagnostics and failures, ready for any renderer.
//!
//! Diagnostics carry positions in the original file and a small excerpt of the
//! document text around each span, so documents can be dropped as soon as they are
//! linted and memory stays bounded by the largest file, not by the corpus.

use std::borrow::Cow;
use std::io;
use std::sync::Arc;

use serde::Serialize;
use stmtlint_plugin::{Applicability, Finding, Locator, Severity, Span};

use crate::store::{Store, Stored};

pub use crate::excerpt::{Chunk, Excerpt, Quoter};

/// A position range in the original file (1-based, end exclusive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Region {
    /// First line.
    pub line: u32,
    /// First column, in characters.
    pub column: u32,
    /// Last line.
    pub end_line: u32,
    /// The column after the last character.
    pub end_column: u32,
}

impl Region {
    fn of(at: &Locator<'_>, span: Span) -> (Self, Option<u32>) {
        let start = at.position(span.start);
        let end = at.position(span.end);
        let region = Self {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        };
        (region, start.page)
    }
}

/// A secondary label, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LabelReport {
    /// Where, in the file.
    #[serde(flatten)]
    pub region: Region,
    /// The page, for PDF.
    pub page: Option<u32>,
    /// The text the label covers.
    pub text: String,
    /// What it says.
    pub message: String,
    /// Where, in the document text.
    #[serde(skip)]
    pub span: Span,
}

/// One edit of a fix, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EditReport {
    /// What to replace, in the file.
    #[serde(flatten)]
    pub region: Region,
    /// The replacement text.
    pub replacement: String,
    /// The document text it replaces (`--fix` checks the file has it there).
    #[serde(skip)]
    pub original: String,
}

/// A fix, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FixReport {
    /// What it does.
    pub message: String,
    /// Whether `--fix` may apply it.
    pub applicability: Applicability,
    /// The edits.
    pub edits: Vec<EditReport>,
}

/// One finding of one rule in one file, resolved for reporting (DESIGN §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as given or discovered.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The configured severity.
    pub severity: Severity,
    /// The problem.
    pub message: String,
    /// Advice.
    pub help: Option<String>,
    /// Where, in the file.
    #[serde(flatten)]
    pub region: Region,
    /// The page, for PDF.
    pub page: Option<u32>,
    /// Exactly the document text the span covers.
    pub text: String,
    /// Secondary labels.
    pub labels: Vec<LabelReport>,
    /// A suggested fix.
    pub fix: Option<FixReport>,
    /// Where, in the document text.
    #[serde(skip)]
    pub span: Span,
    /// The text around the span and the labels.
    #[serde(skip)]
    pub excerpt: Excerpt,
}

impl Diagnostic {
    /// Resolves a rule's finding against the document `quoter` quotes. Fails when a
    /// span lies outside the text or splits a character.
    pub fn resolve(
        quoter: &Quoter<'_>,
        path: &str,
        rule: &str,
        severity: Severity,
        finding: Finding,
    ) -> Result<Self, Failure> {
        let severity = finding.severity.unwrap_or(severity);
        let at = quoter.locator();
        let doc = at.document();
        let spans = std::iter::once(finding.span)
            .chain(finding.labels.iter().map(|l| l.span))
            .chain(finding.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
        for span in spans.clone() {
            if span.start > span.end
                || span.end > doc.text.len()
                || !doc.text.is_char_boundary(span.start)
                || !doc.text.is_char_boundary(span.end)
            {
                let message = format!(
                    "rule `{rule}` reported a span {}..{} outside the text or inside a character",
                    span.start, span.end
                );
                return Err(Failure::new(path, "stmtlint::rule::bad_span", message));
            }
        }
        let excerpt_spans: Vec<Span> = std::iter::once(finding.span)
            .chain(finding.labels.iter().map(|l| l.span))
            .collect();
        let (region, page) = Region::of(at, finding.span);
        let labels = finding
            .labels
            .into_iter()
            .map(|l| {
                let (region, page) = Region::of(at, l.span);
                LabelReport {
                    region,
                    page,
                    text: doc.slice(l.span).to_owned(),
                    message: l.message,
                    span: l.span,
                }
            })
            .collect();
        let fix = finding.fix.map(|f| FixReport {
            message: f.message,
            applicability: f.applicability,
            edits: f
                .edits
                .into_iter()
                .map(|e| EditReport {
                    region: Region::of(at, e.span).0,
                    replacement: e.replacement,
                    original: doc.slice(e.span).to_owned(),
                })
                .collect(),
        });
        Ok(Self {
            path: path.to_owned(),
            rule: rule.to_owned(),
            severity,
            message: finding.message,
            help: finding.help,
            region,
            page,
            text: doc.slice(finding.span).to_owned(),
            labels,
            fix,
            span: finding.span,
            excerpt: Excerpt::of(quoter, &excerpt_spans),
        })
    }

    fn sort_key(&self) -> (&str, Option<u32>, Region, &str, &str) {
        (&self.path, self.page, self.region, &self.rule, &self.message)
    }
}

/// A file stmtlint could not lint, or a rule that failed on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// The file or input.
    pub path: String,
    /// A stable code, `stmtlint::<area>::<cause>`.
    pub code: String,
    /// The cause.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Failure {
    /// A failure without advice.
    pub fn new(path: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code: code.into(),
            message: message.into(),
            help: None,
        }
    }
}

/// Counts for the report header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files linted or attempted.
    pub files: usize,
    /// Findings at error severity.
    pub errors: usize,
    /// Findings at warning severity.
    pub warnings: usize,
    /// Findings at info severity.
    pub infos: usize,
    /// Files or rules that failed.
    pub failures: usize,
}

/// Everything a run found, sorted by path, position and rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The files linted or attempted, as given or discovered, in order.
    pub paths: Vec<String>,
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
    /// What could not be done.
    pub failures: Vec<Failure>,
    /// Things the user should know that are neither (files skipped, encodings guessed).
    pub notes: Vec<String>,
}

impl Report {
    /// Adds a resolved diagnostic, or the failure a bad span makes of it.
    pub fn push(&mut self, resolved: Result<Diagnostic, Failure>) {
        match resolved {
            Ok(d) => self.diagnostics.push(d),
            Err(f) => self.failures.push(f),
        }
    }

    /// Moves everything of `other` into this report.
    pub fn merge(&mut self, mut other: Report) {
        self.diagnostics.append(&mut other.diagnostics);
        self.failures.append(&mut other.failures);
        self.notes.append(&mut other.notes);
    }

    /// Sorts diagnostics and failures so output never depends on thread timing.
    pub fn sort(&mut self) {
        sort_diagnostics(&mut self.diagnostics);
        sort_failures(&mut self.failures);
    }

    /// The counts.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.paths.len(),
            failures: self.failures.len(),
            ..Summary::default()
        };
        summary.count(&self.diagnostics);
        summary
    }
}

impl Summary {
    /// Counts `diagnostics` by severity.
    fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Counts the findings of one stored file.
    pub(crate) fn add(&mut self, stored: &Stored) {
        let [infos, warnings, errors] = stored.counts.map(|n| n as usize);
        self.infos += infos;
        self.warnings += warnings;
        self.errors += errors;
    }

    /// Whether a finding is at `threshold` or above.
    pub fn any_at_least(&self, threshold: Severity) -> bool {
        match threshold {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// In report order: path, page, position, rule, message.
pub(crate) fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// In report order: path, code, message.
pub(crate) fn sort_failures(failures: &mut [Failure]) {
    failures.sort_by(|a, b| (&a.path, &a.code, &a.message).cmp(&(&b.path, &b.code, &b.message)));
}

/// A finished run as a renderer reads it: its counts, files and failures, and its
/// findings one file at a time, in report order. A [`Report`] holds its findings
/// in memory; a [`StoredReport`] reads each file's back from where the run put
/// them, so a report of any size is written in the memory of one file's findings.
pub trait Findings {
    /// The counts.
    fn summary(&self) -> Summary;
    /// The files linted or attempted.
    fn paths(&self) -> &[String];
    /// What could not be done, sorted.
    fn failures(&self) -> &[Failure];
    /// The findings of each file that has some, file by file in report order
    /// (each file's sorted; a file with very many in several consecutive parts);
    /// an error where stored findings cannot be read back.
    fn files(&self) -> Box<dyn Iterator<Item = io::Result<Cow<'_, [Diagnostic]>>> + '_>;
    /// The path of each part [`Findings::files`] yields, in the same order,
    /// without reading the findings.
    fn finding_paths(&self) -> Box<dyn Iterator<Item = &str> + '_>;
}

impl Findings for Report {
    fn summary(&self) -> Summary {
        Report::summary(self)
    }

    fn paths(&self) -> &[String] {
        &self.paths
    }

    fn failures(&self) -> &[Failure] {
        &self.failures
    }

    fn files(&self) -> Box<dyn Iterator<Item = io::Result<Cow<'_, [Diagnostic]>>> + '_> {
        Box::new(
            self.diagnostics
                .chunk_by(|a, b| a.path == b.path)
                .map(|file| Ok(Cow::Borrowed(file))),
        )
    }

    fn finding_paths(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(
            self.diagnostics
                .chunk_by(|a, b| a.path == b.path)
                .map(|file| file[0].path.as_str()),
        )
    }
}

/// What a run produces when its findings are kept out of memory: counts,
/// failures and notes in memory, the findings stored file by file (in memory up
/// to a size, then in a temporary file) and read back, in report order, one file
/// at a time.
pub struct StoredReport {
    /// The files linted or attempted, as given or discovered, in order.
    pub paths: Vec<String>,
    /// What could not be done, sorted.
    failures: Vec<Failure>,
    /// Things the user should know that are neither (files skipped, encodings guessed).
    pub notes: Vec<String>,
    /// The files that have findings, in report order: the index of each in
    /// `paths`, and where its findings are.
    files: Vec<(usize, Stored)>,
    store: Arc<Store>,
    summary: Summary,
}

impl StoredReport {
    pub(crate) fn new(
        paths: Vec<String>,
        mut failures: Vec<Failure>,
        notes: Vec<String>,
        files: Vec<(usize, Stored)>,
        store: Arc<Store>,
        mut summary: Summary,
    ) -> Self {
        sort_failures(&mut failures);
        summary.files = paths.len();
        summary.failures = failures.len();
        Self {
            paths,
            failures,
            notes,
            files,
            store,
            summary,
        }
    }

    /// Adds failures that are not the engine's (paths that could not be found).
    pub fn add_failures(&mut self, failures: impl IntoIterator<Item = Failure>) {
        self.failures.extend(failures);
        sort_failures(&mut self.failures);
        self.summary.failures = self.failures.len();
    }

    /// Everything in memory, as a [`Report`]; findings that cannot be read back
    /// become a failure of the run.
    pub fn into_report(self) -> Report {
        let mut report = Report {
            paths: Vec::new(),
            diagnostics: Vec::new(),
            failures: Vec::new(),
            notes: Vec::new(),
        };
        for file in self.files() {
            match file {
                Ok(file) => report.diagnostics.extend(file.into_owned()),
                Err(e) => report.failures.push(unreadable(&e)),
            }
        }
        report.paths = self.paths;
        report.failures.extend(self.failures);
        report.notes = self.notes;
        sort_failures(&mut report.failures);
        report
    }
}

/// The failure of a run whose stored findings could not be read back.
pub(crate) fn unreadable(e: &io::Error) -> Failure {
    Failure::new(
        "(report)",
        "stmtlint::io::stored_findings",
        format!("findings stored in a temporary file could not be read back: {e}"),
    )
}

impl Findings for StoredReport {
    fn summary(&self) -> Summary {
        self.summary
    }

    fn paths(&self) -> &[String] {
        &self.paths
    }

    fn failures(&self) -> &[Failure] {
        &self.failures
    }

    fn files(&self) -> Box<dyn Iterator<Item = io::Result<Cow<'_, [Diagnostic]>>> + '_> {
        Box::new(
            self.files
                .iter()
                .flat_map(|(_, stored)| self.store.parts(stored))
                .map(|part| part.map(Cow::Owned)),
        )
    }

    fn finding_paths(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(
            self.files.iter().flat_map(|(index, stored)| {
                std::iter::repeat_n(self.paths[*index].as_str(), Store::count_parts(stored))
            }),
        )
    }
}

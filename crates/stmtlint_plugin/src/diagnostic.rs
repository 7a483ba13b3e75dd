//! Findings: what a rule reports. Plain data, never errors.

use serde::{Deserialize, Serialize};

use crate::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never a problem on its own.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong: the statement should not go out like this.
    Error,
}

impl Severity {
    /// The lowercase name used in config and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A secondary location that explains a finding (e.g. "first written as ... here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it says about that place; lowercase start, no final period.
    pub message: String,
}

/// One replacement of a span of the document text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The text to replace.
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Keeps the meaning; `--fix` applies it.
    Safe,
    /// May change the meaning; applied only when asked for.
    Unsafe,
    /// Shown as a suggestion only.
    DisplayOnly,
}

/// A suggested change that resolves a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. "write `EU-U.S.`".
    pub message: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
    /// Whether it may be applied unattended.
    pub applicability: Applicability,
}

/// What a rule reports. The engine adds the rule id, the configured severity and the
/// file; the rule only says where and what (and, rarely, that this finding is of
/// its own severity: `date-consistency` reports mixed date styles as info).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The text the finding is about.
    pub span: Span,
    /// The problem: short, lowercase start, no final period, document text in backticks.
    pub message: String,
    /// Advice on how to resolve it.
    pub help: Option<String>,
    /// Other places that explain the finding.
    pub labels: Vec<Label>,
    /// A suggested change, if one is known.
    pub fix: Option<Fix>,
    /// This finding's own severity instead of the rule's; `None` for the rule's.
    pub severity: Option<Severity>,
}

impl Finding {
    /// A finding with a span and a message only.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            fix: None,
            severity: None,
        }
    }

    /// Reports this finding at `severity`, whatever the rule's.
    #[must_use]
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// Adds advice.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a fix.
    #[must_use]
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

//! The six kinds of declarative rule, one module each: what a kind needs, and
//! how it reads a document.

mod capitalization;
mod conditional;
mod consistency;
mod existence;
mod occurrence;
mod substitution;

use stmtlint_plugin::{Document, Sink};

pub use capitalization::Style;
pub use consistency::Groups;
pub use substitution::Swaps;

use crate::Declared;
use crate::matcher::{Matcher, Pattern};

/// A rule's kind, with what it needs.
#[derive(Debug)]
pub enum Kind {
    /// A finding for every match.
    Existence(Matcher),
    /// A finding for every match of a key, with a fix that writes its value.
    Substitution(Swaps),
    /// Each group of forms is written one way per document; the form used most
    /// wins (ties: the first used).
    Consistency {
        /// The groups of forms (whole words).
        groups: Groups,
    },
    /// At most `max`, at least `min` matches per document.
    Occurrence {
        /// The matches counted.
        matcher: Matcher,
        /// Fewer is a finding.
        min: Option<usize>,
        /// More is a finding.
        max: Option<usize>,
    },
    /// Every capture of `first` that no capture of `second` equals is a finding.
    Conditional {
        /// One capture group: what must be accounted for.
        first: Pattern,
        /// One capture group: what accounts for it.
        second: Pattern,
        /// Captures never reported.
        exceptions: Vec<String>,
    },
    /// Blocks written in a capitalization style.
    Capitalization {
        /// The style.
        style: Style,
        /// Words kept as written.
        exceptions: Vec<String>,
    },
}

impl Kind {
    /// The kind's name in rule files.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Existence(_) => "existence",
            Self::Substitution(_) => "substitution",
            Self::Consistency { .. } => "consistency",
            Self::Occurrence { .. } => "occurrence",
            Self::Conditional { .. } => "conditional",
            Self::Capitalization { .. } => "capitalization",
        }
    }
}

/// Runs `rule` on `doc`.
pub fn check(rule: &Declared, doc: &Document, sink: &mut Sink) {
    match &rule.kind {
        Kind::Existence(matcher) => existence::check(rule, matcher, doc, sink),
        Kind::Substitution(swaps) => substitution::check(rule, swaps, doc, sink),
        Kind::Consistency { groups } => consistency::check(rule, groups, doc, sink),
        Kind::Occurrence { matcher, min, max } => occurrence::check(rule, matcher, (*min, *max), doc, sink),
        Kind::Conditional {
            first,
            second,
            exceptions,
        } => conditional::check(rule, (first, second), exceptions, doc, sink),
        Kind::Capitalization { style, exceptions } => capitalization::check(rule, *style, exceptions, doc, sink),
    }
}

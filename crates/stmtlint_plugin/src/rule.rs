//! Rule plugins: how a rule is declared, configured and run.

use serde::Deserialize as _;
use serde::de::DeserializeOwned;

use crate::{Document, Finding, Severity};

/// What stmtlint knows about a rule without running it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// Kebab-case id that names the problem (`missing-section`); used in config.
    pub id: &'static str,
    /// One line for `stmtlint rules`.
    pub summary: &'static str,
    /// The user documentation (`## What it does`, `## Why is this bad?`,
    /// `## Example`, `Use instead:`), printed by `stmtlint explain`.
    pub docs: &'static str,
    /// The severity unless the config says otherwise.
    pub default_severity: Severity,
}

impl RuleMeta {
    /// The docs with the one leading space of each doc-comment line removed.
    pub fn docs_text(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// Where a rule reports its findings.
#[derive(Debug, Default)]
pub struct Sink {
    findings: Vec<Finding>,
}

impl Sink {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reports a finding.
    pub fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// The findings reported so far.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// A rule that lints one document at a time.
pub trait Rule: Send + Sync {
    /// Reports the findings of one document. Rules never choose the final severity;
    /// the config does.
    fn check(&self, doc: &Document, sink: &mut Sink);
}

/// A rule with its metadata and typed options; [`RuleSpec::of`] registers it.
pub trait ConfigurableRule: Rule + Sized + 'static {
    /// The rule's `[rules.ID]` keys other than `severity`. Use
    /// `#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]` so a typo
    /// in a user's config is an error that points at the key.
    type Options: DeserializeOwned + Default;
    /// Id, docs, default severity.
    const META: RuleMeta;
    /// Builds the rule from its options.
    fn new(options: Self::Options) -> Self;
}

/// A registered rule: metadata plus functions that validate and apply its options.
///
/// Options are validated per config file with [`RuleSpec::check_options`], so an
/// error points at the exact key of the file that has it; the layers are then merged
/// key by key and [`RuleSpec::build`] makes the rule.
#[derive(Clone, Copy)]
pub struct RuleSpec {
    /// Id, docs, default severity.
    pub meta: RuleMeta,
    /// Validates one config file's `[rules.ID]` table (without `severity`).
    pub check_options: fn(toml::de::Deserializer<'_>) -> Result<(), toml::de::Error>,
    /// Builds the rule from the merged options table.
    pub build: fn(toml::Table) -> Result<Box<dyn Rule>, toml::de::Error>,
}

impl RuleSpec {
    /// The spec of a [`ConfigurableRule`].
    pub fn of<R: ConfigurableRule>() -> Self {
        Self {
            meta: R::META,
            check_options: |de| R::Options::deserialize(de).map(drop),
            build: |table| {
                let options = R::Options::deserialize(table)?;
                Ok(Box::new(R::new(options)))
            },
        }
    }
}

impl std::fmt::Debug for RuleSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSpec")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// Declares a rule's [`RuleMeta`] from its doc comment, in clippy's style: the doc
/// comment is the user documentation that `stmtlint explain` prints.
///
/// ```
/// use stmtlint_plugin::{declare_rule, RuleMeta};
/// declare_rule! {
///     /// ## What it does
///     /// Flags nothing.
///     pub struct Quiet;
///     id = "quiet-rule",
///     severity = Info,
///     summary = "flags nothing",
/// }
/// assert_eq!(Quiet::META.id, "quiet-rule");
/// assert!(Quiet::META.docs.contains("What it does"));
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident;
        $($meta:tt)*
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;
        $crate::declare_rule!(@meta $name [$($doc)*] $($meta)*);
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident { $($body:tt)* }
        $($meta:tt)*
    ) => {
        $(#[doc = $doc])*
        $vis struct $name { $($body)* }
        $crate::declare_rule!(@meta $name [$($doc)*] $($meta)*);
    };
    (@meta $name:ident [$($doc:literal)*]
        id = $id:literal,
        severity = $severity:ident,
        summary = $summary:literal $(,)?
    ) => {
        impl $name {
            /// The rule's metadata, taken from its doc comment.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                id: $id,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                default_severity: $crate::Severity::$severity,
            };
        }
    };
}

//! Rule plugins: how a rule is declared, configured and run.

use std::sync::Arc;

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

/// Where a rule reports its findings, and its failure if it could not do its job.
#[derive(Debug, Default)]
pub struct Sink {
    findings: Vec<Finding>,
    failure: Option<String>,
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

    /// Records that the rule failed on this document (a plugin returned an error);
    /// the engine reports it as a failure of the file.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.failure = Some(message.into());
    }

    /// The failure, if the rule recorded one.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
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

/// One document's facts, as a corpus rule collected them.
#[derive(Clone, Debug, PartialEq)]
pub struct DocFacts {
    /// The document's id ([`Document::id`]).
    pub doc: u64,
    /// Its path.
    pub path: String,
    /// What `collect` returned.
    pub facts: serde_json::Value,
}

/// One document's facts as JSON text: what the engine keeps of each document for
/// a corpus rule, a few hundred bytes where a `serde_json::Value` tree of the same
/// facts takes many times that. Borrowed from whoever holds the text (the engine,
/// or the host across the plugin ABI), so no one copies every document's facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocFactsJson<'a> {
    /// The document's id ([`Document::id`]).
    pub doc: u64,
    /// Its path.
    pub path: &'a str,
    /// What `collect` returned, serialized.
    pub json: &'a str,
}

/// What a run tells the rules about itself, beyond their options: the same for
/// every rule of the run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunContext {
    /// The day the run judges time-bound facts on (`--as-of`); `None`: the rule's
    /// own `as-of` option, else today.
    pub as_of: Option<crate::Date>,
}

impl RunContext {
    /// A context judging as of `as_of`.
    pub fn as_of(as_of: Option<crate::Date>) -> Self {
        Self { as_of }
    }
}

/// Where a corpus rule reports findings: each names the document it is about. It
/// also carries the run's [`RunContext`].
#[derive(Default)]
pub struct CorpusSink {
    findings: Vec<(u64, Finding)>,
    failure: Option<String>,
    run: RunContext,
    /// Where each finding goes as it is reported, instead of being kept (a
    /// plugin's host: a rule over 10,000 statements may report thousands).
    forward: Option<Forward>,
}

/// Takes a finding on document `doc` as it is reported, or says why not.
pub type Forward = Box<dyn FnMut(u64, Finding) -> Result<(), String> + Send>;

impl std::fmt::Debug for CorpusSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusSink")
            .field("findings", &self.findings)
            .field("failure", &self.failure)
            .field("run", &self.run)
            .field("forwarding", &self.forward.is_some())
            .finish()
    }
}

impl CorpusSink {
    /// An empty sink, in a run with the default context.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty sink in a run with `run`'s context.
    pub fn in_run(run: RunContext) -> Self {
        Self { run, ..Self::default() }
    }

    /// The run's context.
    pub fn run(&self) -> &RunContext {
        &self.run
    }

    /// A sink in a run with `run`'s context that hands each finding to `forward`
    /// as it is reported and keeps none; the first refusal is the rule's failure,
    /// and the findings after it are dropped.
    pub fn forwarding(run: RunContext, forward: Forward) -> Self {
        Self {
            run,
            forward: Some(forward),
            ..Self::default()
        }
    }

    /// Reports a finding on document `doc`; spans point into that document's text.
    pub fn report(&mut self, doc: u64, finding: Finding) {
        let Some(forward) = &mut self.forward else {
            self.findings.push((doc, finding));
            return;
        };
        if let Err(why) = forward(doc, finding) {
            self.failure.get_or_insert(why);
            self.forward = Some(Box::new(|_, _| Ok(())));
        }
    }

    /// Reports `findings` (in order) at once.
    pub fn report_all(&mut self, findings: Vec<(u64, Finding)>) {
        if self.findings.is_empty() && self.forward.is_none() {
            self.findings = findings;
        } else {
            for (doc, finding) in findings {
                self.report(doc, finding);
            }
        }
    }

    /// Records that the rule failed.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.failure = Some(message.into());
    }

    /// The failure, if the rule recorded one.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The findings reported so far.
    pub fn into_findings(self) -> Vec<(u64, Finding)> {
        self.findings
    }
}

/// A rule over the whole set of documents (a series of statements). It sees each
/// document once, in `collect`, and keeps only compact facts, so memory stays
/// bounded; `finish` reads the facts of all documents and reports.
pub trait CorpusRule: Send + Sync {
    /// The facts of one document, or `None` when it has none.
    fn collect(&self, doc: &Document) -> Option<serde_json::Value>;
    /// Findings over all documents' facts.
    fn finish(&self, facts: &[DocFacts], sink: &mut CorpusSink);

    /// [`CorpusRule::finish`] over the documents' facts one at a time. A rule that
    /// turns each into a compact record of its own overrides this, so the facts of
    /// a whole archive are never all JSON trees at once.
    fn finish_each(&self, facts: &mut dyn Iterator<Item = DocFacts>, sink: &mut CorpusSink) {
        let all: Vec<DocFacts> = facts.collect();
        self.finish(&all, sink);
    }

    /// [`CorpusRule::collect`] as JSON text, what the engine keeps.
    fn collect_json(&self, doc: &Document) -> Option<String> {
        self.collect(doc).map(|facts| facts.to_string())
    }

    /// [`CorpusRule::finish_each`] over facts kept as JSON text, each parsed as it
    /// is read; facts that are not JSON fail the rule.
    fn finish_json(&self, facts: &[DocFactsJson<'_>], sink: &mut CorpusSink) {
        self.finish_reading(&mut facts.iter(), sink);
    }

    /// [`CorpusRule::finish_json`] over facts read one document at a time (what
    /// the engine calls: its facts wait on disk, and only the document being read
    /// is in memory as text).
    fn finish_reading(&self, facts: &mut dyn FactsReader, sink: &mut CorpusSink) {
        let mut parsed = Parsed { facts, bad: None };
        self.finish_each(&mut parsed, sink);
        if let Some(message) = parsed.bad {
            sink.fail(message);
        }
    }
}

/// The facts of every document as JSON text, lent one document at a time: each
/// is the reader's until the next is asked for.
pub trait FactsReader {
    /// How many documents are left to read.
    fn left(&self) -> usize;
    /// The next document's facts; `None` after the last.
    fn next_facts(&mut self) -> Option<DocFactsJson<'_>>;
}

/// Facts all in memory, read in order.
impl FactsReader for std::slice::Iter<'_, DocFactsJson<'_>> {
    fn left(&self) -> usize {
        self.len()
    }

    fn next_facts(&mut self) -> Option<DocFactsJson<'_>> {
        self.next().copied()
    }
}

/// Each document's facts read and parsed, until one is not JSON (`bad` says which).
struct Parsed<'r> {
    facts: &'r mut dyn FactsReader,
    bad: Option<String>,
}

impl Iterator for Parsed<'_> {
    type Item = DocFacts;

    fn next(&mut self) -> Option<DocFacts> {
        if self.bad.is_some() {
            return None;
        }
        let f = self.facts.next_facts()?;
        match serde_json::from_str(f.json) {
            Ok(facts) => Some(DocFacts {
                doc: f.doc,
                path: f.path.to_owned(),
                facts,
            }),
            Err(e) => {
                self.bad = Some(format!("facts of `{}`: {e}", f.path));
                None
            }
        }
    }

    /// At most what is left: what a rule that keeps a record per document reserves.
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.facts.left()))
    }
}

/// A rule as built from its options: per document, or over the corpus.
pub enum BuiltRule {
    /// A [`Rule`].
    Document(Box<dyn Rule>),
    /// A [`CorpusRule`].
    Corpus(Box<dyn CorpusRule>),
}

/// A rule with its metadata and typed options, in the form every rule — built-in
/// or plugin — is written; the SDK's `declare_plugin!` exports it.
pub trait ConfigurableRule: Sized + Send + Sync + 'static {
    /// The rule's `[rules.ID]` keys other than `severity`. Use
    /// `#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]` so a typo
    /// in a user's config is an error that points at the key.
    type Options: DeserializeOwned + Default;
    /// Id, docs, default severity.
    const META: RuleMeta;
    /// Builds the rule from its options.
    fn new(options: Self::Options) -> Self;
}

/// Options a rule refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionsError {
    /// Why, as the rule said it.
    pub message: String,
    /// The top-level key the error is about, when known.
    pub key: Option<String>,
}

/// Whether `id` is kebab-case (`acme-no-tbc`): what rule ids and plugin names are.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// The options check of a rule whose only setting is `severity` (read by the
/// config before the rule sees its table): any key is an error on that key.
pub fn no_options(options: &toml::Table) -> Result<(), OptionsError> {
    match options.keys().next() {
        Some(key) => Err(OptionsError {
            message: format!("unknown field `{key}`, there are no fields"),
            key: Some(key.clone()),
        }),
        None => Ok(()),
    }
}

/// Validates and applies a rule's options.
pub type OptionsFn<T> = Arc<dyn Fn(&toml::Table) -> Result<T, OptionsError> + Send + Sync>;

/// A registered rule: what it is, and how to validate its options and build it.
#[derive(Clone)]
pub struct RuleSpec {
    /// The id (`missing-section`, or `plugin/rule` for a plugin's rule).
    pub id: String,
    /// One line for `stmtlint rules`.
    pub summary: String,
    /// The documentation.
    pub docs: String,
    /// The severity unless the config says otherwise.
    pub default_severity: Severity,
    /// Where the rule comes from (`built-in`, or the plugin's file).
    pub origin: String,
    /// Checks one config file's `[rules.ID]` table (without `severity`).
    pub validate: OptionsFn<()>,
    /// Builds the rule from the merged options.
    pub build: OptionsFn<BuiltRule>,
}

impl std::fmt::Debug for RuleSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSpec")
            .field("id", &self.id)
            .field("origin", &self.origin)
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::{CorpusSink, RunContext};
    use crate::{Finding, Span};

    #[test]
    fn a_forwarding_sink_hands_on_each_finding_and_keeps_none() {
        let taken = Arc::new(Mutex::new(Vec::new()));
        let mine = taken.clone();
        let mut sink = CorpusSink::forwarding(
            RunContext::default(),
            Box::new(move |doc, finding: Finding| {
                let mut taken = mine.lock().unwrap();
                if taken.len() == 2 {
                    return Err("full".to_owned());
                }
                taken.push((doc, finding.message));
                Ok(())
            }),
        );
        for doc in 1..=4 {
            sink.report(doc, Finding::new(Span::new(0, 1), format!("on {doc}")));
        }
        assert_eq!(
            *taken.lock().unwrap(),
            [(1, "on 1".to_owned()), (2, "on 2".to_owned())],
            "handed on as reported, none after the refusal"
        );
        assert_eq!(sink.failure(), Some("full"), "the refusal is the rule's failure");
        assert!(sink.into_findings().is_empty(), "a forwarding sink keeps nothing");
    }

    #[test]
    fn report_all_keeps_the_order() {
        let mut sink = CorpusSink::new();
        sink.report(3, Finding::new(Span::new(0, 1), "first"));
        sink.report_all(vec![(1, Finding::new(Span::new(0, 1), "second"))]);
        let docs: Vec<u64> = sink.into_findings().into_iter().map(|(doc, _)| doc).collect();
        assert_eq!(docs, [3, 1]);
    }
}

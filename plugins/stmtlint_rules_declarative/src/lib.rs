//! Declarative rules: the rules of a house style written as TOML, not Rust
//! (DESIGN §13).
//!
//! - [`parse`] reads a rule file's `[[rule]]` tables into [`Declared`] rules, or a
//!   [`RuleFileError`] naming the file, the rule and the key, with the TOML
//!   underlined.
//! - [`Declared::spec`] makes one a [`RuleSpec`] like every other rule: `[rules.ID]`
//!   severity, `rules`, `explain`, suppressions, baselines, fixes, SARIF.
//! - [`Declared::check_examples`] runs its `examples` (`stmtlint test`).
//! - [`DRAFTING`] is the shipped drafting pack, written in the same format.
//!
//! Each kind's logic is its own module under `kinds/`; matching words and
//! patterns in a block is [`matcher`]'s.

mod file;
mod kinds;
pub mod matcher;

use std::sync::Arc;

use stmtlint_plugin::{
    Applicability, Block, BlockKind, BuiltRule, Document, Metadata, Rule, RuleSpec, Severity, Sink, SourceMap, Span,
    no_options,
};

pub use file::{RuleFileError, parse};
pub use kinds::Kind;

/// The drafting pack: rule files shipped with stmtlint and on by default (file
/// name, text).
pub const DRAFTING: &[(&str, &str)] = &[
    (
        "<drafting pack>/placeholder.toml",
        include_str!("../../../config/packs/drafting/placeholder.toml"),
    ),
    (
        "<drafting pack>/repeated-word.toml",
        include_str!("../../../config/packs/drafting/repeated-word.toml"),
    ),
    (
        "<drafting pack>/tracking-link.toml",
        include_str!("../../../config/packs/drafting/tracking-link.toml"),
    ),
    (
        "<drafting pack>/mojibake.toml",
        include_str!("../../../config/packs/drafting/mojibake.toml"),
    ),
];

/// The drafting pack's rules.
///
/// # Errors
/// Never for the shipped files (a test holds them to it); the error is there so a
/// broken build says which file.
pub fn drafting_pack() -> Result<Vec<Declared>, RuleFileError> {
    let mut out = Vec::new();
    for (name, text) in DRAFTING {
        out.extend(parse(name, text)?);
    }
    Ok(out)
}

/// One declarative rule, ready to run.
#[derive(Debug)]
pub struct Declared {
    /// The rule id (kebab-case).
    pub id: String,
    /// What it checks, with what it needs.
    pub kind: Kind,
    /// The finding's message; `{match}` and `{replacement}` are filled in.
    pub message: String,
    /// Advice.
    pub help: Option<String>,
    /// What the rule checks and why, for `stmtlint explain`.
    pub description: Option<String>,
    /// The severity unless the config says otherwise.
    pub severity: Severity,
    /// The block kinds it reads; empty: every content block.
    pub scope: Vec<BlockKind>,
    /// Texts it must flag.
    pub flagged: Vec<String>,
    /// Texts it must leave alone.
    pub clean: Vec<String>,
    /// The file it was declared in.
    pub origin: String,
}

/// An example that did not do what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule.
    pub rule: String,
    /// `flagged` (it found nothing) or `clean` (it found something).
    pub expected: &'static str,
    /// The example.
    pub text: String,
    /// What the rule found in a clean example.
    pub found: Vec<String>,
}

impl Declared {
    /// The rule as the engine and the config see it: no options but `severity`.
    pub fn spec(self: &Arc<Self>) -> RuleSpec {
        let rule = Arc::clone(self);
        RuleSpec {
            id: self.id.clone(),
            summary: self.summary(),
            docs: self.docs(),
            default_severity: self.severity,
            origin: self.origin.clone(),
            validate: Arc::new(no_options),
            build: Arc::new(move |options| {
                no_options(options)?;
                Ok(BuiltRule::Document(Box::new(Run(Arc::clone(&rule)))))
            }),
        }
    }

    /// The findings of this rule on `doc`.
    pub fn check(&self, doc: &Document, sink: &mut Sink) {
        kinds::check(self, doc, sink);
    }

    /// The blocks of `doc` the rule reads.
    fn blocks<'d>(&self, doc: &'d Document) -> impl Iterator<Item = &'d Block> {
        doc.content_blocks()
            .filter(|b| self.scope.is_empty() || self.scope.iter().any(|s| s.name() == b.kind.name()))
    }

    /// `message` with `{match}` (and `{replacement}`) filled in; a match that runs
    /// over a line break is quoted on one line.
    fn message(&self, matched: &str, replacement: &str) -> String {
        let one_line = matched.split_whitespace().collect::<Vec<_>>().join(" ");
        self.message
            .replace("{match}", &one_line)
            .replace("{replacement}", replacement)
    }

    /// Whether a fix may be applied unattended: a house rule's replacement is
    /// certain in a text file; an HTML page may be regenerated; a PDF is never
    /// edited. `counted`: the form was chosen by counting, so it is a guess.
    fn applicability(doc: &Document, counted: bool) -> Applicability {
        match doc.format.as_str() {
            "text" if !counted => Applicability::Safe,
            "text" | "html" => Applicability::Unsafe,
            _ => Applicability::DisplayOnly,
        }
    }

    /// Runs the examples: each `flagged` text must give a finding, each `clean`
    /// text none. An example is one block of the first kind of the rule's scope (a
    /// paragraph when the scope has one or is empty).
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (expected, texts) in [("flagged", &self.flagged), ("clean", &self.clean)] {
            for text in texts {
                let doc = self.example(text);
                let mut sink = Sink::new();
                self.check(&doc, &mut sink);
                let found: Vec<String> = sink
                    .into_findings()
                    .iter()
                    .map(|f| doc.slice(f.span).to_owned())
                    .collect();
                if (expected == "flagged") == found.is_empty() {
                    failures.push(ExampleFailure {
                        rule: self.id.clone(),
                        expected,
                        text: text.clone(),
                        found,
                    });
                }
            }
        }
        failures
    }

    /// An example as a document of one block.
    fn example(&self, text: &str) -> Document {
        let kind = match self.scope.first() {
            Some(first) if !self.scope.contains(&BlockKind::Paragraph) => *first,
            _ => BlockKind::Paragraph,
        };
        Document {
            id: 1,
            format: "text".into(),
            text: text.to_owned(),
            blocks: vec![Block {
                kind,
                span: Span::new(0, text.len()),
            }],
            metadata: Metadata::default(),
            source_map: SourceMap::identity(),
            notes: Vec::new(),
        }
    }

    /// One line for `stmtlint rules`: the message, with `…` for what it quotes.
    fn summary(&self) -> String {
        let text = self.message.replace("{match}", "…").replace("{replacement}", "…");
        text.trim_end_matches('.').to_owned()
    }

    /// What `stmtlint explain` prints: what it flags, its message and help, and
    /// its examples.
    fn docs(&self) -> String {
        let mut docs = format!(
            "## What it does\n{}A declarative `{}` rule from `{}`. It reports: {}\n",
            self.description
                .as_ref()
                .map(|d| format!("{}\n\n", d.trim()))
                .unwrap_or_default(),
            self.kind.name(),
            self.origin,
            self.message
        );
        if let Some(help) = &self.help {
            docs.push_str(&format!("\nHelp: {help}\n"));
        }
        if !self.flagged.is_empty() {
            docs.push_str(&format!("\n## Example\n```text\n{}\n```\n", self.flagged.join("\n")));
        }
        if !self.clean.is_empty() {
            docs.push_str(&format!("\nUse instead:\n```text\n{}\n```\n", self.clean.join("\n")));
        }
        docs.push_str("\n## Options\nNone in `[rules.ID]` but `severity`: the rule file says the rest.\n");
        docs
    }
}

/// A declared rule as the engine runs it.
struct Run(Arc<Declared>);

impl Rule for Run {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        self.0.check(doc, sink);
    }
}

#[cfg(test)]
mod tests;

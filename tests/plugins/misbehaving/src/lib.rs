//! Test fixture: rules that misbehave on purpose, so the tests can prove the host
//! survives them. `panics` panics on a text containing `PANIC`; `bad-span` reports a
//! span past the end of a text containing `BADSPAN`; `strict` takes one option;
//! `hangs` never returns on a text containing `HANG`; the corpus rule
//! `never-judges` never returns from judging a set with a text containing
//! `JUDGE-FOREVER`.

use stmtlint_plugin_sdk::prelude::*;
use stmtlint_plugin_sdk::serde_json;

declare_rule! {
    /// ## What it does
    /// Panics when the text contains `PANIC`.
    ///
    /// ## Why is this bad?
    /// It is a test fixture.
    ///
    /// ## Example
    /// ```text
    /// PANIC
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// calm
    /// ```
    pub struct Panics;
    id = "panics",
    severity = Warning,
    summary = "panics on `PANIC`",
}

impl ConfigurableRule for Panics {
    type Options = NoOptions;
    const META: RuleMeta = Panics::META;
    fn new(_: NoOptions) -> Self {
        Panics
    }
}

impl Rule for Panics {
    fn check(&self, doc: &Document, _: &mut Sink) {
        let words: Vec<&str> = doc.text.split_whitespace().collect();
        if doc.text.contains("PANIC") {
            // An out-of-bounds index, as a real bug would have it.
            let _ = words[words.len() + 5];
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a span past the end of a text containing `BADSPAN`.
    ///
    /// ## Why is this bad?
    /// It is a test fixture.
    ///
    /// ## Example
    /// ```text
    /// BADSPAN
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// fine
    /// ```
    pub struct BadSpan;
    id = "bad-span",
    severity = Warning,
    summary = "reports a span out of range on `BADSPAN`",
}

impl ConfigurableRule for BadSpan {
    type Options = NoOptions;
    const META: RuleMeta = BadSpan::META;
    fn new(_: NoOptions) -> Self {
        BadSpan
    }
}

impl Rule for BadSpan {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        if doc.text.contains("BADSPAN") {
            sink.report(Finding::new(Span::new(0, doc.text.len() + 10), "out of range"));
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Takes one option, `level`, and reports nothing.
    ///
    /// ## Why is this bad?
    /// It is a test fixture.
    ///
    /// ## Example
    /// ```text
    /// x
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// x
    /// ```
    pub struct Strict;
    id = "strict",
    severity = Info,
    summary = "takes one option",
}

/// `level` only.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StrictOptions {
    level: u32,
}

impl ConfigurableRule for Strict {
    type Options = StrictOptions;
    const META: RuleMeta = Strict::META;
    fn new(options: StrictOptions) -> Self {
        let _ = options.level;
        Strict
    }
}

impl Rule for Strict {
    fn check(&self, _: &Document, _: &mut Sink) {}
}

declare_rule! {
    /// ## What it does
    /// Never returns when the text contains `HANG`.
    ///
    /// ## Why is this bad?
    /// It is a test fixture.
    ///
    /// ## Example
    /// ```text
    /// HANG
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// calm
    /// ```
    pub struct Hangs;
    id = "hangs",
    severity = Warning,
    summary = "never returns on `HANG`",
}

impl ConfigurableRule for Hangs {
    type Options = NoOptions;
    const META: RuleMeta = Hangs::META;
    fn new(_: NoOptions) -> Self {
        Hangs
    }
}

impl Rule for Hangs {
    fn check(&self, doc: &Document, _: &mut Sink) {
        // An endless loop, as a real bug would have it (sleeping, so the test
        // machine's cores stay free).
        while doc.text.contains("HANG") {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Never returns from judging a set that has a text containing `JUDGE-FOREVER`.
    ///
    /// ## Why is this bad?
    /// Use instead:
    /// ```text
    /// calm
    /// ```
    pub struct NeverJudges;
    id = "never-judges",
    severity = Warning,
    summary = "never returns from judging `JUDGE-FOREVER`",
}

impl ConfigurableRule for NeverJudges {
    type Options = NoOptions;
    const META: RuleMeta = NeverJudges::META;
    fn new(_: NoOptions) -> Self {
        NeverJudges
    }
}

impl CorpusRule for NeverJudges {
    fn collect(&self, doc: &Document) -> Option<serde_json::Value> {
        doc.text.contains("JUDGE-FOREVER").then(|| serde_json::json!({}))
    }

    fn finish(&self, facts: &[DocFacts], _: &mut CorpusSink) {
        while !facts.is_empty() {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

declare_plugin! {
    name: "misbehaving",
    version: env!("CARGO_PKG_VERSION"),
    rules: [Panics, BadSpan, Strict, Hangs],
    corpus_rules: [NeverJudges],
}

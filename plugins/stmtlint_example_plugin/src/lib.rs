//! An example native plugin, built as a `cdylib` and loaded by stmtlint at run time.
//! It shows the three things a plugin can provide:
//!
//! - [`Placeholder`], a document rule: drafting placeholders left in a text;
//! - [`DuplicateTitle`], a corpus rule: two statements of the set with one title;
//! - [`OutlineSource`], a source for `.outline` files (a small format of our own).
//!
//! stmtlint's tests build this crate and load it; the README uses it as the example.

mod outline;

use stmtlint_plugin_sdk::prelude::*;
use stmtlint_plugin_sdk::serde_json::{self, json};

pub use outline::OutlineSource;

declare_rule! {
    /// ## What it does
    /// Flags drafting placeholders left in a statement: `[TBD]`, `[TBC]`, `[DATE]`,
    /// `[NAME]`, `[PLACE]`, `XXX`, or any other words the options list.
    ///
    /// ## Why is this bad?
    /// Placeholders mark text nobody has agreed yet; a statement published with one
    /// shows it was released unfinished.
    ///
    /// ## Example
    /// ```text
    /// The Ministers will meet again in [PLACE] in 2026.
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// The Ministers will meet again in Lisbon in 2026.
    /// ```
    ///
    /// ## Options
    /// - `words`: more placeholders to flag, e.g. `["[INSERT]"]`.
    pub struct Placeholder {
        words: Vec<String>,
    }
    id = "placeholder",
    severity = Error,
    summary = "a drafting placeholder such as `[TBD]` is left in the text",
}

/// `[rules."example/placeholder"]`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlaceholderOptions {
    words: Vec<String>,
}

impl ConfigurableRule for Placeholder {
    type Options = PlaceholderOptions;
    const META: RuleMeta = Placeholder::META;

    fn new(options: PlaceholderOptions) -> Self {
        let mut words: Vec<String> = ["[TBD]", "[TBC]", "[DATE]", "[NAME]", "[PLACE]", "XXX"]
            .map(String::from)
            .into();
        words.extend(options.words);
        Self { words }
    }
}

impl Rule for Placeholder {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        for block in doc.content_blocks() {
            let text = doc.slice(block.span);
            for word in &self.words {
                for (at, found) in text.match_indices(word.as_str()) {
                    let start = block.span.start + at;
                    sink.report(
                        Finding::new(
                            Span::new(start, start + found.len()),
                            format!("placeholder `{found}` left in the text"),
                        )
                        .help("write the agreed text in its place"),
                    );
                }
            }
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Flags statements of the linted set that share their title with an earlier
    /// statement (in path order).
    ///
    /// ## Why is this bad?
    /// Two statements published under one title are hard to cite and to tell apart;
    /// usually one was copied from the other and its title was never changed.
    ///
    /// ## Example
    /// ```text
    /// 2024/joint-statement.txt: Joint Statement of the Energy Council
    /// 2025/joint-statement.txt: Joint Statement of the Energy Council
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// 2025/joint-statement.txt: Joint Statement of the Third Energy Council
    /// ```
    pub struct DuplicateTitle;
    id = "duplicate-title",
    severity = Warning,
    summary = "two statements of the set have the same title",
}

impl ConfigurableRule for DuplicateTitle {
    type Options = NoOptions;
    const META: RuleMeta = DuplicateTitle::META;

    fn new(_: NoOptions) -> Self {
        DuplicateTitle
    }
}

impl CorpusRule for DuplicateTitle {
    fn collect(&self, doc: &Document) -> Option<serde_json::Value> {
        let title = doc.blocks.iter().find(|b| b.kind == BlockKind::Title)?;
        Some(json!({ "title": doc.slice(title.span).trim(), "start": title.span.start, "end": title.span.end }))
    }

    fn finish(&self, facts: &[DocFacts], sink: &mut CorpusSink) {
        let mut sorted: Vec<&DocFacts> = facts.iter().collect();
        sorted.sort_by(|a, b| a.path.cmp(&b.path));
        for (i, doc) in sorted.iter().enumerate() {
            let Some(first) = sorted[..i].iter().find(|d| d.facts["title"] == doc.facts["title"]) else {
                continue;
            };
            let (Some(start), Some(end)) = (doc.facts["start"].as_u64(), doc.facts["end"].as_u64()) else {
                continue;
            };
            let title = doc.facts["title"].as_str().unwrap_or_default();
            let finding = Finding::new(
                Span::new(start as usize, end as usize),
                format!("title `{title}` is also the title of `{}`", first.path),
            )
            .help("give each statement a title of its own, e.g. with its date or meeting number");
            sink.report(doc.doc, finding);
        }
    }
}

declare_plugin! {
    name: "example",
    version: env!("CARGO_PKG_VERSION"),
    rules: [Placeholder],
    corpus_rules: [DuplicateTitle],
    sources: [OutlineSource],
}

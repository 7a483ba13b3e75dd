//! `conditional`: every capture of `first` that no capture of `second` equals,
//! anywhere in the document, is a finding, unless it is an exception. The classic:
//! an acronym used (`\b([A-Z]{2,})\b`) but never spelled out (`\(([A-Z]{2,})\)`).

use std::collections::HashSet;

use fancy_regex::Regex;
use stmtlint_plugin::{Document, Finding, Sink, Span};

use crate::Declared;

pub fn check(
    rule: &Declared,
    (first, second): (&Regex, &Regex),
    exceptions: &[String],
    doc: &Document,
    sink: &mut Sink,
) {
    let accounted: HashSet<&str> = doc
        .content_blocks()
        .flat_map(|b| captures(second, doc.slice(b.span)).map(|(s, e, text)| &text[s..e]))
        .collect();
    for block in rule.blocks(doc) {
        let text = doc.slice(block.span);
        for (start, end, _) in captures(first, text) {
            let captured = &text[start..end];
            if accounted.contains(captured) || exceptions.iter().any(|e| e == captured) {
                continue;
            }
            let span = Span::new(block.span.start + start, block.span.start + end);
            let mut finding = Finding::new(span, rule.message(captured, ""));
            if let Some(help) = &rule.help {
                finding = finding.help(help.clone());
            }
            sink.report(finding);
        }
    }
}

/// Where group 1 of each match of `regex` stands in `text`.
fn captures<'t>(regex: &'t Regex, text: &'t str) -> impl Iterator<Item = (usize, usize, &'t str)> + 't {
    regex
        .captures_iter(text)
        .map_while(Result::ok)
        .filter_map(move |c| c.get(1).map(|g| (g.start(), g.end(), text)))
}

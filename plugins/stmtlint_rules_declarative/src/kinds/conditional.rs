//! `conditional`: every capture of `first` that no capture of `second` equals,
//! anywhere in the document, is a finding, unless it is an exception. The classic:
//! an acronym used (`\b([A-Z]{2,})\b`) but never spelled out (`\(([A-Z]{2,})\)`).

use std::collections::HashSet;

use stmtlint_plugin::{Document, Finding, Sink, Span};

use crate::Declared;
use crate::matcher::Pattern;

pub fn check(
    rule: &Declared,
    (first, second): (&Pattern, &Pattern),
    exceptions: &[String],
    doc: &Document,
    sink: &mut Sink,
) {
    let accounted: HashSet<&str> = doc
        .content_blocks()
        .flat_map(|b| {
            let text = doc.slice(b.span);
            second.group_1(text).into_iter().map(move |h| &text[h.start..h.end])
        })
        .collect();
    for block in rule.blocks(doc) {
        let text = doc.slice(block.span);
        for hit in first.group_1(text) {
            let (start, end) = (hit.start, hit.end);
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

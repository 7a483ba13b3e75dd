//! `existence`: a finding for every match of the rule's tokens and patterns.

use stmtlint_plugin::{Document, Finding, Sink, Span};

use crate::Declared;
use crate::matcher::Matcher;

pub fn check(rule: &Declared, matcher: &Matcher, doc: &Document, sink: &mut Sink) {
    let active = matcher.active(&doc.text);
    if !active.any() {
        return;
    }
    for block in rule.blocks(doc) {
        let text = doc.slice(block.span);
        for hit in matcher.find_active(text, &active) {
            let span = Span::new(block.span.start + hit.start, block.span.start + hit.end);
            let mut finding = Finding::new(span, rule.message(doc.slice(span), ""));
            if let Some(help) = &rule.help {
                finding = finding.help(help.clone());
            }
            sink.report(finding);
        }
    }
}

//! `substitution`: a finding for every match of a `swap` key, whose fix writes the
//! key's value (`"Washington DC" = "Washington, D.C."`).

use stmtlint_plugin::{Document, Edit, Finding, Fix, Sink, Span};

use crate::Declared;
use crate::matcher::{Pattern, whole_word};

/// One `swap` entry, compiled.
#[derive(Debug)]
pub struct Swap {
    /// What to find.
    pub find: Pattern,
    /// What to write instead; with `regex = true`, `$1`… name the key's groups.
    pub replacement: String,
    /// A literal key matches whole words only.
    pub literal: bool,
}

pub fn check(rule: &Declared, swaps: &[Swap], doc: &Document, sink: &mut Sink) {
    for block in rule.blocks(doc) {
        let text = doc.slice(block.span);
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        for swap in swaps {
            for hit in swap.find.find(text) {
                if hit.end == hit.start || (swap.literal && !whole_word(text, hit.start, hit.end)) {
                    continue;
                }
                let replacement = replacement(swap, &text[hit.start..hit.end]);
                found.push((hit.start, hit.end, replacement));
            }
        }
        // Of overlapping keys, the one that starts first, else the longer, wins.
        found.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
        let mut last_end = 0;
        for (start, end, replacement) in found {
            if start < last_end {
                continue;
            }
            last_end = end;
            let span = Span::new(block.span.start + start, block.span.start + end);
            if doc.slice(span) == replacement {
                continue;
            }
            sink.report(finding(rule, doc, span, replacement));
        }
    }
}

/// The value of the swap for `matched`: as written, or with the key's groups.
fn replacement(swap: &Swap, matched: &str) -> String {
    if swap.literal {
        return swap.replacement.clone();
    }
    swap.find.expand(matched, &swap.replacement)
}

fn finding(rule: &Declared, doc: &Document, span: Span, replacement: String) -> Finding {
    let mut finding = Finding::new(span, rule.message(doc.slice(span), &replacement));
    finding = finding.help(rule.help.clone().unwrap_or_else(|| format!("write `{replacement}`")));
    finding.fix(Fix {
        message: format!("write `{replacement}`"),
        edits: vec![Edit { span, replacement }],
        applicability: Declared::applicability(doc, false),
    })
}

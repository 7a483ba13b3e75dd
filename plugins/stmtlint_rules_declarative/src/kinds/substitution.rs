//! `substitution`: a finding for every match of a `swap` key, whose fix writes the
//! key's value (`"Washington DC" = "Washington, D.C."`).

use stmtlint_plugin::{Document, Edit, Finding, Fix, Sink, Span};

use crate::Declared;
use crate::matcher::{Literals, Pattern, whole_word};

/// A rule's `swap` table, compiled.
#[derive(Debug)]
pub enum Swaps {
    /// Literal keys (whole words), all found in one pass; each key's value by the
    /// key's index.
    Literal {
        /// The keys.
        keys: Literals,
        /// What to write instead of each.
        values: Vec<String>,
    },
    /// `regex = true`: each key its own pattern, whose groups `$1`… the value names.
    Patterns(Vec<(Pattern, String)>),
}

pub fn check(rule: &Declared, swaps: &Swaps, doc: &Document, sink: &mut Sink) {
    for block in rule.blocks(doc) {
        let text = doc.slice(block.span);
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        match swaps {
            Swaps::Literal { keys, values } => {
                for (key, hit) in keys.find(text) {
                    if hit.end > hit.start && whole_word(text, hit.start, hit.end) {
                        found.push((hit.start, hit.end, values[key].clone()));
                    }
                }
            }
            Swaps::Patterns(patterns) => {
                for (pattern, value) in patterns {
                    for hit in pattern.find(text).into_iter().filter(|h| h.end > h.start) {
                        found.push((hit.start, hit.end, pattern.expand(&text[hit.start..hit.end], value)));
                    }
                }
            }
        }
        // Of overlapping keys, the one that starts first, else the longer, else
        // the first in the table, wins.
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

fn finding(rule: &Declared, doc: &Document, span: Span, replacement: String) -> Finding {
    let mut finding = Finding::new(span, rule.message(doc.slice(span), &replacement));
    finding = finding.help(rule.help.clone().unwrap_or_else(|| format!("write `{replacement}`")));
    finding.fix(Fix {
        message: format!("write `{replacement}`"),
        edits: vec![Edit { span, replacement }],
        applicability: Declared::applicability(doc, false),
    })
}

//! `consistency`: each group of `either` forms (`["organisation", "organization"]`)
//! is written one way in a document. The form used most wins, ties going to the
//! form used first; every use of another form is a finding, with a label at the
//! winner's first use and a fix to it.

use stmtlint_plugin::{Document, Edit, Finding, Fix, Sink, Span};

use crate::Declared;
use crate::matcher::{Pattern, whole_word};

pub fn check(rule: &Declared, groups: &[Vec<(String, Pattern)>], doc: &Document, sink: &mut Sink) {
    for group in groups {
        // Per form: its uses, in text order.
        let mut uses: Vec<Vec<Span>> = vec![Vec::new(); group.len()];
        for block in rule.blocks(doc) {
            let text = doc.slice(block.span);
            for (form, (_, regex)) in group.iter().enumerate() {
                let hits = regex
                    .find(text)
                    .into_iter()
                    .filter(|h| whole_word(text, h.start, h.end));
                uses[form].extend(hits.map(|h| Span::new(block.span.start + h.start, block.span.start + h.end)));
            }
        }
        let Some(winner) = winner(&uses) else { continue };
        let first = uses[winner][0];
        let written = &group[winner].0;
        for (_, spans) in uses.iter().enumerate().filter(|(f, _)| *f != winner) {
            for span in spans {
                sink.report(finding(rule, doc, *span, written, first));
            }
        }
    }
}

/// The form used most (ties: the one used first); `None` when the document uses
/// at most one form.
fn winner(uses: &[Vec<Span>]) -> Option<usize> {
    if uses.iter().filter(|u| !u.is_empty()).count() < 2 {
        return None;
    }
    (0..uses.len())
        .filter(|f| !uses[*f].is_empty())
        .max_by_key(|f| (uses[*f].len(), std::cmp::Reverse(uses[*f][0].start)))
}

fn finding(rule: &Declared, doc: &Document, span: Span, winner: &str, first: Span) -> Finding {
    let finding = Finding::new(span, rule.message(doc.slice(span), winner))
        .help(
            rule.help
                .clone()
                .unwrap_or_else(|| format!("write `{winner}`, as most of the document does")),
        )
        .label(first, format!("`{winner}` is the form used most"));
    finding.fix(Fix {
        message: format!("write `{winner}`"),
        edits: vec![Edit {
            span,
            replacement: winner.to_owned(),
        }],
        applicability: Declared::applicability(doc, true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(starts: &[usize]) -> Vec<Span> {
        starts.iter().map(|s| Span::new(*s, s + 1)).collect()
    }

    #[test]
    fn the_form_used_most_wins_and_ties_go_to_the_first_used() {
        assert_eq!(winner(&[spans(&[9]), spans(&[1, 5])]), Some(1));
        assert_eq!(winner(&[spans(&[9]), spans(&[1])]), Some(1));
        assert_eq!(winner(&[spans(&[1, 2]), vec![]]), None);
    }
}

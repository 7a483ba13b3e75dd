//! `consistency`: each group of `either` forms (`["organisation", "organization"]`)
//! is written one way in a document. The form used most wins, ties going to the
//! form used first; every use of another form is a finding, with a label at the
//! winner's first use and a fix to it.

use stmtlint_plugin::{Document, Edit, Finding, Fix, Sink, Span};

use crate::Declared;
use crate::matcher::{Literals, whole_word};

/// A rule's `either` groups, compiled: all forms of all groups found in one pass.
#[derive(Debug)]
pub struct Groups {
    /// Every form of every group, in order.
    pub forms: Literals,
    /// The group of each form, and its place in the group.
    pub owner: Vec<(usize, usize)>,
    /// The index of each group's first form (and one past the last form).
    pub starts: Vec<usize>,
}

impl Groups {
    /// The groups of `either`, each of two forms at least.
    ///
    /// # Errors
    /// The forms cannot be searched.
    pub fn new(groups: &[Vec<String>], ignore_case: bool) -> Result<Self, String> {
        let mut owner = Vec::new();
        let mut forms = Vec::new();
        let mut starts = vec![0];
        for (g, group) in groups.iter().enumerate() {
            starts.push(starts[g] + group.len());
            for (f, form) in group.iter().enumerate() {
                owner.push((g, f));
                forms.push(form.clone());
            }
        }
        Ok(Self {
            forms: Literals::new(forms, ignore_case)?,
            owner,
            starts,
        })
    }
}

pub fn check(rule: &Declared, groups: &Groups, doc: &Document, sink: &mut Sink) {
    // Per group the document uses: per form, its uses in text order.
    let mut used: std::collections::BTreeMap<usize, Vec<Vec<Span>>> = std::collections::BTreeMap::new();
    for block in rule.blocks(doc) {
        let text = doc.slice(block.span);
        for (form, hit) in groups.forms.find(text) {
            if !whole_word(text, hit.start, hit.end) {
                continue;
            }
            let (g, f) = groups.owner[form];
            let uses = used
                .entry(g)
                .or_insert_with(|| vec![Vec::new(); groups.starts[g + 1] - groups.starts[g]]);
            uses[f].push(Span::new(block.span.start + hit.start, block.span.start + hit.end));
        }
    }
    for (g, uses) in used {
        let Some(winner) = winner(&uses) else { continue };
        let first = uses[winner][0];
        let written = &groups.forms.phrases()[groups.starts[g] + winner];
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

//! `occurrence`: a document has at most `max` and at least `min` matches of the
//! rule's tokens and patterns. One finding: at the first match over the limit, or,
//! when there are too few, at the title (else the first block).

use stmtlint_plugin::{BlockKind, Document, Finding, Sink, Span};

use crate::Declared;
use crate::matcher::Matcher;

pub fn check(
    rule: &Declared,
    matcher: &Matcher,
    (min, max): (Option<usize>, Option<usize>),
    doc: &Document,
    sink: &mut Sink,
) {
    let mut hits: Vec<Span> = Vec::new();
    let active = matcher.active(&doc.text);
    for block in rule.blocks(doc).filter(|_| active.any()) {
        let text = doc.slice(block.span);
        hits.extend(
            matcher
                .find_active(text, &active)
                .into_iter()
                .map(|h| Span::new(block.span.start + h.start, block.span.start + h.end)),
        );
    }
    let help = |f: Finding| match &rule.help {
        Some(help) => f.help(help.clone()),
        None => f,
    };
    if let Some(excess) = max.and_then(|max| hits.get(max)) {
        let count = hits.len();
        let message = format!(
            "{} ({count} in this document, at most {} allowed)",
            rule.message(doc.slice(*excess), ""),
            max.unwrap_or(0)
        );
        sink.report(help(Finding::new(*excess, message)));
    }
    if let Some(min) = min.filter(|min| hits.len() < *min) {
        let at = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .or_else(|| doc.content_blocks().next())
            .map_or(Span::new(0, 0), |b| b.span);
        let message = format!(
            "{} ({} in this document, at least {min} needed)",
            rule.message("", ""),
            hits.len()
        );
        sink.report(help(Finding::new(at, message)));
    }
}

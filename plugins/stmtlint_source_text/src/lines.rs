//! One line of text and what its markup says it is.

use stmtlint_plugin::Span;

/// What a line is, judged by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Blank,
    /// `---`, `***`, `___`: a separator.
    Break,
    /// `## Heading` (with `**` inside stripped).
    Atx(u8),
    /// A line that is all `**bold**` or `__bold__`.
    Bold,
    /// `- item`, `* item`, `• item`, `(a) item`.
    Bullet,
    /// A page-number line (`Page 3`, `3 of 7`, `- 3 -`) or a form feed.
    PageFurniture,
    /// A line that is one HTML comment, or a bare `stmtlint-` directive: where
    /// inline suppressions live; never statement text.
    Comment,
    /// Anything else.
    Text,
}

/// A line with its content span: the text without white space and markup.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub shape: Shape,
    /// The line without its line break.
    pub full: Span,
    /// The content: trimmed, without `#`, `**`, bullets or wrapping `*`.
    pub content: Span,
}

/// Splits `text` into lines and classifies each.
pub(crate) fn lines(text: &str) -> Vec<Line> {
    // Statements wrap at 60 to 80 characters: room for most without regrowing.
    let mut out = Vec::with_capacity((text.len() / 48 + 1).min(1 << 16));
    let mut start = 0;
    // As `split_inclusive('\n')`, with the memchr crate's vector search.
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
    let last = (!text.is_empty() && !text.ends_with('\n')).then_some(text.len());
    for next in breaks.chain(last) {
        let end = start + text[start..next].trim_end_matches(['\n', '\r']).len();
        out.push(classify(text, Span::new(start, end)));
        start = next;
    }
    out
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Strips a wrapping pair (`**`, `__`, `*`, `_`) from a span when the whole span is
/// wrapped in it.
fn unwrap_pair(text: &str, span: Span, mark: &str) -> Option<Span> {
    let s = &text[span.start..span.end];
    let inner = s.strip_prefix(mark)?.strip_suffix(mark)?;
    let inner_trim = inner.trim();
    // `**a** and **b**` is not one bold line.
    if inner_trim.is_empty() || inner.contains(mark) {
        return None;
    }
    let lead = inner.len() - inner.trim_start().len();
    let start = span.start + mark.len() + lead;
    Some(Span::new(start, start + inner_trim.len()))
}

fn bold(text: &str, span: Span) -> Option<Span> {
    unwrap_pair(text, span, "**").or_else(|| unwrap_pair(text, span, "__"))
}

/// Trims `<u>`, `<b>`, `<i>`, `<em>`, `<strong>` and their closing tags from both
/// ends of a span (Markdown converted from HTML keeps them around headings).
fn strip_inline_tags(text: &str, mut span: Span) -> Span {
    const TAGS: &[&str] = &["u", "b", "i", "em", "strong"];
    loop {
        let s = &text[span.start..span.end];
        let open = TAGS
            .iter()
            .map(|t| format!("<{t}>"))
            .find(|t| s.starts_with(t.as_str()));
        let close = TAGS.iter().map(|t| format!("</{t}>")).find(|t| s.ends_with(t.as_str()));
        if open.is_none() && close.is_none() {
            return trimmed(text, span);
        }
        span = Span::new(
            span.start + open.map_or(0, |t| t.len()),
            span.end - close.map_or(0, |t| t.len()),
        );
        if span.start >= span.end {
            return span;
        }
    }
}

fn is_break(s: &str) -> bool {
    // `---`, `* * *`, `___`, `===`: one marker, three times or more, spaces between.
    let Some(marker) = s.chars().next().filter(|c| matches!(c, '-' | '*' | '_' | '=')) else {
        return false;
    };
    let mut count = 0;
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if c != marker {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// A page-number line: `3`, `Page 3`, `- 3 -`, `3 of 7`, `Page 3 / 7`. Shared with
/// the PDF source.
pub fn is_page_number(s: &str) -> bool {
    // Called on every line: most are prose, long or without a digit.
    if s.len() > 24 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "–" | "—"))
        .collect();
    let num = |w: &str| !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [n] | ["page", n] => num(n),
        [a, "of" | "/", b] | ["page", a, "of" | "/", b] => num(a) && num(b),
        _ => false,
    }
}

/// `- `, `* `, `+ `, `• `, `(a) `, `(iv) ` at the start of a line: the marker's length.
fn bullet_len(s: &str) -> Option<usize> {
    for marker in ["- ", "* ", "+ ", "• ", "· ", "▪ ", "– ", "◦ "] {
        if s.starts_with(marker) {
            return Some(marker.len());
        }
    }
    let rest = s.strip_prefix('(')?;
    let close = rest.find(") ")?;
    let label = &rest[..close];
    let roman = label.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    (close <= 4 && (label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase()) || roman)).then_some(close + 3)
}

fn classify(text: &str, full: Span) -> Line {
    let raw = &text[full.start..full.end];
    let content = trimmed(text, full);
    let s = &text[content.start..content.end];
    let line = |shape, content| Line { shape, full, content };
    if s.is_empty() {
        return line(Shape::Blank, content);
    }
    if s == "\u{c}" || is_page_number(s) {
        return line(Shape::PageFurniture, content);
    }
    let comment = s.starts_with("<!--") && s.find("-->").is_some_and(|end| end + 3 == s.len());
    if comment || s.starts_with("stmtlint-disable") || s.starts_with("stmtlint-enable") {
        return line(Shape::Comment, content);
    }
    if is_break(s) {
        return line(Shape::Break, content);
    }
    let hashes = s.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && s[hashes..].starts_with(' ') && !raw.starts_with("    ") {
        let inner = trimmed(text, Span::new(content.start + hashes, content.end));
        let inner_text = &text[inner.start..inner.end];
        let closing = inner_text.len() - inner_text.trim_end_matches('#').trim_end().len();
        let inner = Span::new(inner.start, inner.end - closing);
        let inner = bold(text, inner).unwrap_or(inner);
        let level = u8::try_from(hashes).unwrap_or(6);
        return line(Shape::Atx(level), inner);
    }
    // Bold and italics wrap the line in `*` or `_` (most lines start with neither).
    let wrapped = s.starts_with(['*', '_']);
    if wrapped && let Some(inner) = bold(text, content) {
        return line(Shape::Bold, strip_inline_tags(text, inner));
    }
    if let Some(n) = bullet_len(s) {
        let inner = trimmed(text, Span::new(content.start + n, content.end));
        return line(Shape::Bullet, inner);
    }
    // A paragraph set in italics: `*The third formal ... Washington, D.C.*`.
    let inner = wrapped
        .then(|| unwrap_pair(text, content, "*").or_else(|| unwrap_pair(text, content, "_")))
        .flatten();
    line(Shape::Text, inner.unwrap_or(content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(Shape, &str)> {
        lines(text)
            .into_iter()
            .map(|l| (l.shape, &text[l.content.start..l.content.end]))
            .collect()
    }

    #[test]
    fn classifies_markdown_ish_lines() {
        let text = "## **Internet Governance**\n---\n**I. Introduction**\n- item one\n*In italics.*\n\nPage 3\n<!-- stmtlint-disable inconsistent-name -->\nstmtlint-disable-next-line\n<!-- a --> text\n(a) first\nplain  \r\n";
        assert_eq!(
            shapes(text),
            vec![
                (Shape::Atx(2), "Internet Governance"),
                (Shape::Break, "---"),
                (Shape::Bold, "I. Introduction"),
                (Shape::Bullet, "item one"),
                (Shape::Text, "In italics."),
                (Shape::Blank, ""),
                (Shape::PageFurniture, "Page 3"),
                (Shape::Comment, "<!-- stmtlint-disable inconsistent-name -->"),
                (Shape::Comment, "stmtlint-disable-next-line"),
                (Shape::Text, "<!-- a --> text"),
                (Shape::Bullet, "first"),
                (Shape::Text, "plain"),
            ]
        );
    }

    #[test]
    fn bold_pairs_inside_a_line_are_text() {
        assert_eq!(shapes("**a** and **b**")[0].0, Shape::Text);
    }
}

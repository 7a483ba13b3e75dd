//! Where each character of the page's text stands in the `.html` file.
//!
//! html5ever (through scraper) builds the DOM but keeps no source positions. This
//! scanner walks the raw HTML once and yields the character data outside tags,
//! comments, scripts and styles, with entities decoded and the byte offset of each
//! character; [`Aligner`] matches the DOM's text nodes against it in document order.

/// A decoded character of the source and the byte offset it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Located {
    pub ch: char,
    pub at: usize,
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The end of a tag starting at `i` (after its `>`), skipping quoted attributes.
fn tag_end(src: &str, i: usize) -> usize {
    let bytes = src.as_bytes();
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(i + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return j + 1,
            _ => {}
        }
    }
    src.len()
}

/// Elements that never hold others (void), or whose end tag may be left out and
/// usually is (`<p>`, `<li>`): a count of open elements leaves them out.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "rtc",
    "html", "head", "body",
];

/// How deep the page nests elements at most, counted from its tags in one pass
/// (elements of [`NOT_NESTING`], comments, scripts and styles left out). The HTML
/// parser's cost grows with the square of the depth, as browsers' parsers do
/// (which cap it: Blink at 512 levels), so the source refuses pages nested past a
/// limit before parsing them.
pub(crate) fn max_depth(src: &str) -> usize {
    let bytes = src.as_bytes();
    let (mut i, mut depth, mut max) = (0, 0usize, 0usize);
    while let Some(k) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + k;
        let rest = &src[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(src.len(), |e| at + e + 3);
            continue;
        }
        let end = tag_end(src, at);
        let closing = rest.starts_with("</");
        let name_start = at + 1 + usize::from(closing);
        let name: String = src[name_start..end.max(name_start)]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        i = end;
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !src[at..end].ends_with("/>") {
            if name == "script" || name == "style" {
                i = raw_text_end(src, end, &name);
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// The end of a raw-text element (`<script>`, `<style>`) whose start tag ends at `i`.
fn raw_text_end(src: &str, i: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let lower = src[i..].to_ascii_lowercase();
    lower.find(&close).map_or(src.len(), |k| tag_end(src, i + k))
}

/// The character a named or numeric entity at `src[i..]` (from `&`) stands for,
/// and the entity's length including `&` and `;`.
fn entity(rest: &str) -> Option<(char, usize)> {
    let end = rest[1..]
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
        .map_or(rest.len(), |e| e + 1);
    let name = &rest[1..end];
    let len = end + usize::from(rest[end..].starts_with(';'));
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // Windows-1252 bytes written as numbers (&#146;) mean what a browser shows.
        let code = match code {
            0x91 => 0x2018,
            0x92 => 0x2019,
            0x93 => 0x201c,
            0x94 => 0x201d,
            0x96 => 0x2013,
            0x97 => 0x2014,
            c => c,
        };
        return Some((char::from_u32(code)?, len));
    }
    // The HTML standard's table of named entities (html5ever's): `&amp;`, and the
    // legacy ones a browser also reads without `;` (`&copy`). Entities of two
    // characters (a few mathematical ones) are left as written.
    let key = if len > end { &rest[1..=end] } else { name };
    match markup5ever::data::NAMED_ENTITIES.get(key) {
        Some(&(code, 0)) if code != 0 => Some((char::from_u32(code)?, len)),
        _ => None,
    }
}

/// The character data of an HTML source, with offsets.
pub(crate) fn scan(src: &str) -> Vec<Located> {
    let mut out = Vec::with_capacity(src.len() / 2);
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(src.len(), |k| i + k + 3);
        } else if rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
        {
            let end = tag_end(src, i);
            let raw = ["script", "style", "textarea", "title", "noscript", "template"]
                .into_iter()
                .find(|name| {
                    starts_with_ci(&rest[1..], name)
                        && !rest[1 + name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                });
            i = match raw {
                // Titles and textareas have text, but not the page's: skip them too.
                Some(name) => raw_text_end(src, end, name),
                None => end,
            };
        } else if rest.starts_with('&')
            && let Some((ch, len)) = entity(rest)
        {
            out.push(Located { ch, at: i });
            i += len;
        } else {
            let ch = rest.chars().next().unwrap_or(' ');
            if !(ch == '\r' && rest[1..].starts_with('\n')) {
                out.push(Located {
                    ch: if ch == '\r' { '\n' } else { ch },
                    at: i,
                });
            }
            i += ch.len_utf8();
        }
    }
    out
}

/// Matches DOM text, in document order, against the scanned source.
pub(crate) struct Aligner<'s> {
    source: &'s [Located],
    cursor: usize,
}

impl<'s> Aligner<'s> {
    pub(crate) fn new(source: &'s [Located]) -> Self {
        Self { source, cursor: 0 }
    }

    /// The source offset of each character of `text` (a DOM text node), found by
    /// walking forward from where the previous node ended. A character that cannot
    /// be matched within a short look-ahead gets the offset of the one before it.
    pub(crate) fn locate(&mut self, text: &str) -> Vec<usize> {
        let mut offsets = Vec::with_capacity(text.len());
        let mut last = self.source.get(self.cursor).map_or(0, |l| l.at);
        for ch in text.chars() {
            let window = &self.source[self.cursor.min(self.source.len())..];
            let limit = if ch.is_whitespace() { 8 } else { 4096 };
            let same = |l: &Located| l.ch == ch || (l.ch.is_whitespace() && ch.is_whitespace());
            if let Some(k) = window.iter().take(limit).position(same) {
                last = window[k].at;
                self.cursor += k + 1;
            }
            offsets.push(last);
        }
        offsets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_elements_that_nest() {
        assert_eq!(
            max_depth("<html><body><div><p>a<p>b<ul><li>c<li>d</ul></div><br><img src=x>"),
            2
        );
        assert_eq!(
            max_depth("<div><div><div/></div></div><!-- <div><div><div><div> -->"),
            2
        );
        assert_eq!(max_depth("<script>if (a<b) { '<div>' }</script><span>x</span>"), 1);
        assert_eq!(max_depth(&"<div>".repeat(7000)), 7000);
    }

    #[test]
    fn scans_text_outside_markup_with_offsets() {
        let src = "<p class=\"a>b\">Hi &amp; bye</p><script>x<y</script><!-- c -->Z";
        let text: String = scan(src).iter().map(|l| l.ch).collect();
        assert_eq!(text, "Hi & byeZ");
        let located = scan(src);
        assert_eq!(&src[located[3].at..located[3].at + 5], "&amp;");
        assert_eq!(&src[located.last().unwrap().at..], "Z");
    }

    #[test]
    fn decodes_numeric_and_windows_1252_references() {
        let text: String = scan("a&#146;s &#x2014; &eacute;").iter().map(|l| l.ch).collect();
        assert_eq!(text, "a’s — é");
    }

    #[test]
    fn decodes_every_named_entity_of_the_html_standard() {
        // Beyond the few a hand-kept table had: capitals, circumflexes, fractions,
        // Greek, and the legacy forms without `;`; unknown names stay as written.
        let text: String = scan("&Eacute;cole &ecirc;tre &frac12; &Omega; &copy 2024 &nosuch; AT&T")
            .iter()
            .map(|l| l.ch)
            .collect();
        assert_eq!(text, "École être ½ Ω © 2024 &nosuch; AT&T");
    }

    #[test]
    fn aligns_dom_text_in_order() {
        let src = "<h1>Title</h1>\n<p>EU-Norway &amp; Norway-EU</p>";
        let scanned = scan(src);
        let mut aligner = Aligner::new(&scanned);
        let title = aligner.locate("Title");
        assert_eq!(&src[title[0]..title[0] + 5], "Title");
        let body = aligner.locate("EU-Norway & Norway-EU");
        assert_eq!(&src[body[12]..body[12] + 9], "Norway-EU");
    }
}

//! The HTML source: statement pages and CMS fragments (`.html`, `.htm`, `.xhtml`).
//!
//! [`HtmlSource`] decodes the page (BOM, `<meta charset>`, then detection), parses
//! it with scraper (html5ever), finds the statement body (known CMS containers, else
//! the element whose paragraphs hold the most text), and walks the page in order:
//! body blocks become title, headings (`<h2>`–`<h4>`, paragraphs that are all bold),
//! paragraphs and list items; navigation, menus, breadcrumbs, share buttons, related
//! links, tags, footers and cookie notices become boilerplate that no rule sees.
//! `scan` maps every word back to its line and column in the `.html` file.

mod scan;
mod walk;

use encoding_rs::Encoding;
use stmtlint_plugin::{Document, Source, SourceError};

/// The deepest nesting read ([`scan::max_depth`]): the parser's work grows with the
/// square of the depth (10,000 levels take 0.14 s, 40,000 take 2 s), and real
/// pages nest a few dozen levels.
const MAX_DEPTH: usize = 5_000;

/// Reads HTML pages.
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlSource;

impl Source for HtmlSource {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }

    fn sniff(&self, head: &[u8]) -> bool {
        let head = String::from_utf8_lossy(&head[..head.len().min(512)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        head.starts_with("<!doctype html") || head.starts_with("<html")
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        let decoded = stmtlint_source_text::decode::decode(bytes, "html", declared_charset(bytes))?;
        let depth = scan::max_depth(&decoded.text);
        if depth > MAX_DEPTH {
            return Err(SourceError::new(
                "stmtlint::source::html::too_deep",
                format!("the page nests elements {depth} levels deep, over the limit of {MAX_DEPTH}"),
            )
            .with_help("no statement page nests more than a few dozen levels: the file is broken or hostile"));
        }
        let mut doc = walk::document(&decoded.text);
        doc.notes.extend(decoded.note);
        Ok(doc)
    }
}

stmtlint_plugin_sdk::declare_plugin! {
    static plugin;
    name: "html",
    version: env!("CARGO_PKG_VERSION"),
    sources: [HtmlSource],
}

/// The encoding a page declares in its first 1024 bytes (`<meta charset=...>` or
/// `http-equiv` content), as browsers prescan it.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charset_is_prescanned() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">";
        assert_eq!(declared_charset(page), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(declared_charset(b"<meta charset='utf-8'>"), Some(encoding_rs::UTF_8));
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
    }

    #[test]
    fn sniffs_html() {
        assert!(HtmlSource.sniff(b"\xEF\xBB\xBF<!DOCTYPE html><html>"));
        assert!(!HtmlSource.sniff(b"Joint Statement"));
    }
}

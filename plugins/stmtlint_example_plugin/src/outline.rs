//! `.outline` files: a statement written as a plain outline.
//!
//! ```text
//! Title: Joint Statement of the Energy Council
//! Date: 2025-04-03
//! Place: Porto
//!
//! == Energy Security
//! The Ministers welcomed the completion of the interconnector.
//! ```
//!
//! The document text is the file itself, so positions are the file's own.

use stmtlint_plugin_sdk::prelude::*;

/// Reads `.outline` files.
#[derive(Clone, Copy, Debug, Default)]
pub struct OutlineSource;

/// The value of a `Key: value` header line, with its offset in the line.
fn header<'a>(line: &'a str, key: &str) -> Option<(usize, &'a str)> {
    let (k, v) = line.split_once(':')?;
    let value = v.trim();
    let at = k.len() + 1 + (v.len() - v.trim_start().len());
    k.trim().eq_ignore_ascii_case(key).then_some((at, value))
}

impl Source for OutlineSource {
    fn name(&self) -> &'static str {
        "outline"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["outline"]
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            SourceError::new(
                "stmtlint::source::outline::not_utf8",
                format!("the outline is not UTF-8 ({e})"),
            )
            .with_help("save it as UTF-8")
        })?;
        let mut doc = Document {
            format: "outline".into(),
            text: text.to_owned(),
            source_map: SourceMap::identity(),
            ..Document::default()
        };
        let mut offset = 0;
        let mut in_header = true;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end();
            let start = offset + (line.len() - line.trim_start().len());
            let span = Span::new(start, offset + line.len());
            offset += raw.len();
            if line.trim().is_empty() {
                in_header = false;
                continue;
            }
            let value_span =
                |(at, value): (usize, &str)| Span::new(offset - raw.len() + at, offset - raw.len() + at + value.len());
            let (kind, span) = if in_header && let Some(title) = header(line, "title") {
                doc.metadata.title = Some(title.1.to_owned());
                (BlockKind::Title, value_span(title))
            } else if in_header && let Some(date) = header(line, "date") {
                doc.metadata.date = stmtlint_plugin_sdk::parse_date(date.1);
                (BlockKind::Dateline, value_span(date))
            } else if in_header && let Some(place) = header(line, "place") {
                doc.metadata.place = Some(place.1.to_owned());
                (BlockKind::Dateline, value_span(place))
            } else if let Some(heading) = line.trim_start().strip_prefix("== ") {
                let level_start = span.end - heading.len();
                doc.blocks.push(Block {
                    kind: BlockKind::Heading { level: 2 },
                    span: Span::new(level_start, span.end),
                });
                continue;
            } else {
                (BlockKind::Paragraph, span)
            };
            doc.blocks.push(Block { kind, span });
        }
        if doc.metadata.title.is_none() && doc.blocks.is_empty() {
            return Err(SourceError::new(
                "stmtlint::source::outline::empty",
                "the outline has no text",
            ));
        }
        Ok(doc)
    }
}

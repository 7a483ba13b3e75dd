//! The text source: plain text, hard-wrapped text copied from PDFs, and
//! Markdown-ish text (`#` and `**bold**` headings, `---` rules, YAML front matter).
//!
//! [`TextSource`] decodes the bytes (BOM, UTF-8, UTF-16, or a detected legacy
//! encoding; see `decode`), classifies each line (`lines`), and recovers title,
//! datelines, headings, paragraphs, list items and furniture (`structure`). The
//! document text is the decoded file itself, so every span maps to the file's own
//! line and column.

pub mod decode;
pub mod furniture;
mod lines;
mod structure;

pub use lines::is_page_number;
pub use structure::{colon_heading, heading_like};

use stmtlint_plugin::{Document, Source, SourceError, SourceMap};

/// Reads `.txt`, `.text`, `.md` and `.markdown` files.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextSource;

impl Source for TextSource {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text", "md", "markdown"]
    }

    fn sniff(&self, head: &[u8]) -> bool {
        !head.contains(&0) && std::str::from_utf8(head).is_ok_and(|s| s.chars().any(char::is_alphabetic))
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        let decoded = decode::decode(bytes, "text", None)?;
        Ok(parse(decoded.text, decoded.note))
    }

    /// The decoded text alone: the text is the file, so nothing else places a
    /// position (structuring costs more than decoding).
    fn read_for_positions(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        let decoded = decode::decode(bytes, "text", None)?;
        Ok(Document {
            id: 0,
            format: "text".to_owned(),
            blocks: Vec::new(),
            metadata: stmtlint_plugin::Metadata::default(),
            source_map: SourceMap::identity(),
            notes: decoded.note.into_iter().collect(),
            text: decoded.text,
        })
    }
}

stmtlint_plugin_sdk::declare_plugin! {
    static plugin;
    name: "text",
    version: env!("CARGO_PKG_VERSION"),
    sources: [TextSource],
}

/// Builds the document of an already decoded text.
pub fn parse(text: String, note: Option<String>) -> Document {
    let lines = lines::lines(&text);
    let structure = structure::structure(&text, lines);
    let mut doc = Document {
        id: 0,
        format: "text".to_owned(),
        blocks: structure.blocks,
        metadata: structure.metadata,
        source_map: SourceMap::identity(),
        notes: note.into_iter().collect(),
        text,
    };
    doc.date_from_text();
    doc
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

    use super::*;

    /// What places a finding — the text and the source map — is the same whether
    /// the file is read whole or for positions only: on the samples, and on the
    /// encodings the decoder reads (a BOM, UTF-16, Windows-1252).
    #[test]
    fn reading_for_positions_gives_the_text_and_map_of_a_whole_reading() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        let mut files: Vec<Vec<u8>> = vec![
            b"\xEF\xBB\xBFJoint Statement\n\nWe agree.\n".to_vec(),
            "Joint Statement\r\n\r\nWe agree.\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .fold(vec![0xFF, 0xFE], |mut v, b| {
                    v.push(b);
                    v
                }),
            b"Caf\xE9 talks in M\xFCnchen \x96 a joint statement\n\nThe parties met.\n".to_vec(),
        ];
        for dir in ["statements", "drafts"] {
            for entry in std::fs::read_dir(root.join(dir)).into_iter().flatten() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                    files.push(std::fs::read(path).unwrap());
                }
            }
        }
        for bytes in &files {
            let (whole, positions) = (
                TextSource.read(bytes).unwrap(),
                TextSource.read_for_positions(bytes).unwrap(),
            );
            assert_eq!(positions.text, whole.text);
            assert_eq!(positions.source_map, whole.source_map);
            assert_eq!(positions.format, whole.format);
            assert!(positions.blocks.is_empty());
        }
        assert!(files.len() > 3);
    }
}

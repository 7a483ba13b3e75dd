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

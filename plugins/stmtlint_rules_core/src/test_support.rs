//! What the rules' unit tests share.

use stmtlint_plugin::{Block, BlockKind, Document, Metadata, SourceMap, Span};

/// A text-file document of one paragraph: the input of a rule's unit test.
pub(crate) fn paragraph(text: &str) -> Document {
    Document {
        id: 1,
        format: "text".into(),
        text: text.into(),
        blocks: vec![Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
        }],
        metadata: Metadata::default(),
        source_map: SourceMap::identity(),
        notes: Vec::new(),
    }
}

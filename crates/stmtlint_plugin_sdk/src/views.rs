//! The document model as C views and back.
//!
//! The host lends a [`DocumentV1`] built by [`DocumentViews`]; the plugin turns it
//! back into a [`Document`] with [`document_from_v1`]. A source plugin pushes its
//! [`Document`] through a [`DocBuilderV1`] with [`push_document`].

use stmtlint_plugin::{Block, BlockKind, Date, DateSource, Document, Metadata, Position, SourceMap, Span};
use stmtlint_plugin_abi::{
    AnchorV1, BlockV1, DateV1, DocBuilderV1, DocumentV1, MetadataV1, SpanV1, StrRef, block, date_source, status,
};

/// A [`Document`]'s tables laid out as C views; borrows the document's strings.
pub struct DocumentViews<'a> {
    doc: &'a Document,
    path: &'a str,
    blocks: Vec<BlockV1>,
    anchors: Vec<AnchorV1>,
    parties: Vec<StrRef>,
    metadata: MetadataV1,
}

/// A span as the ABI carries it.
pub fn span_v1(span: Span) -> SpanV1 {
    SpanV1 {
        start: span.start as u64,
        end: span.end as u64,
    }
}

fn kind_v1(kind: BlockKind) -> (u32, u32) {
    match kind {
        BlockKind::Title => (block::TITLE, 0),
        BlockKind::Dateline => (block::DATELINE, 0),
        BlockKind::Heading { level } => (block::HEADING, u32::from(level)),
        BlockKind::Paragraph => (block::PARAGRAPH, 0),
        BlockKind::ListItem => (block::LIST_ITEM, 0),
        BlockKind::Boilerplate => (block::BOILERPLATE, 0),
    }
}

/// The block kind of a C block, or `None` for an unknown kind.
pub fn kind_from_v1(kind: u32, level: u32) -> Option<BlockKind> {
    Some(match kind {
        block::TITLE => BlockKind::Title,
        block::DATELINE => BlockKind::Dateline,
        block::HEADING => BlockKind::Heading {
            level: u8::try_from(level.clamp(1, 6)).unwrap_or(6),
        },
        block::PARAGRAPH => BlockKind::Paragraph,
        block::LIST_ITEM => BlockKind::ListItem,
        block::BOILERPLATE => BlockKind::Boilerplate,
        _ => return None,
    })
}

fn opt_str(s: Option<&String>) -> StrRef {
    s.map_or(StrRef::EMPTY, |s| StrRef::new(s))
}

/// Metadata as a C view; the parties' views live in `parties`.
fn metadata_v1(m: &Metadata, parties: &[StrRef]) -> MetadataV1 {
    let date = m.date.map_or(
        DateV1 {
            year: 0,
            month: 0,
            day: 0,
        },
        |d| DateV1 {
            year: i32::from(d.year()),
            month: u32::try_from(d.month()).unwrap_or(0),
            day: u32::try_from(d.day()).unwrap_or(0),
        },
    );
    MetadataV1 {
        struct_size: size_of::<MetadataV1>() as u32,
        title: opt_str(m.title.as_ref()),
        date,
        place: opt_str(m.place.as_ref()),
        issuer: opt_str(m.issuer.as_ref()),
        series: opt_str(m.series.as_ref()),
        ordinal: m.ordinal.unwrap_or(0),
        parties: parties.as_ptr(),
        n_parties: parties.len(),
        date_source: match m.date_source {
            None => date_source::NONE,
            Some(DateSource::Dateline) => date_source::DATELINE,
            Some(DateSource::Meta) => date_source::META,
            Some(DateSource::FrontMatter) => date_source::FRONT_MATTER,
            Some(DateSource::Text) => date_source::TEXT,
            Some(DateSource::FileName) => date_source::FILE_NAME,
        },
        fragment: u32::from(m.fragment),
    }
}

impl<'a> DocumentViews<'a> {
    /// Lays out `doc`'s tables.
    pub fn new(doc: &'a Document, path: &'a str) -> Self {
        let blocks = doc
            .blocks
            .iter()
            .map(|b| {
                let (kind, level) = kind_v1(b.kind);
                BlockV1 {
                    kind,
                    level,
                    span: span_v1(b.span),
                }
            })
            .collect();
        let anchors = doc
            .source_map
            .anchors()
            .iter()
            .map(|(offset, p)| AnchorV1 {
                offset: *offset as u64,
                page: p.page.unwrap_or(0),
                line: p.line,
                column: p.column,
            })
            .collect();
        let parties: Vec<StrRef> = doc.metadata.parties.iter().map(|p| StrRef::new(p)).collect();
        let metadata = metadata_v1(&doc.metadata, &parties);
        Self {
            doc,
            path,
            blocks,
            anchors,
            parties,
            metadata,
        }
    }

    /// The view to lend; valid while `self` lives and is not moved.
    pub fn as_v1(&self) -> DocumentV1 {
        debug_assert_eq!(self.metadata.parties, self.parties.as_ptr());
        DocumentV1 {
            struct_size: size_of::<DocumentV1>() as u32,
            doc_id: self.doc.id,
            path: StrRef::new(self.path),
            format: StrRef::new(&self.doc.format),
            text: StrRef::new(&self.doc.text),
            blocks: self.blocks.as_ptr(),
            n_blocks: self.blocks.len(),
            metadata: &raw const self.metadata,
            anchors: self.anchors.as_ptr(),
            n_anchors: self.anchors.len(),
        }
    }
}

/// Reads a borrowed string.
///
/// # Safety
/// `s` must point at `len` readable bytes of valid UTF-8 for `'a` (or be empty).
pub unsafe fn str_from<'a>(s: StrRef) -> &'a str {
    if s.len == 0 || s.ptr.is_null() {
        return "";
    }
    // SAFETY: the caller guarantees `len` readable bytes of UTF-8 at `ptr`.
    unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(s.ptr, s.len)) }
}

/// Reads a borrowed string that may not be UTF-8 (plugin → host data).
///
/// # Safety
/// `s` must point at `len` readable bytes for `'a` (or be empty).
pub unsafe fn checked_str_from<'a>(s: StrRef) -> Option<&'a str> {
    if s.len == 0 || s.ptr.is_null() {
        return Some("");
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr`.
    std::str::from_utf8(unsafe { std::slice::from_raw_parts(s.ptr, s.len) }).ok()
}

/// Reads a borrowed table.
///
/// # Safety
/// `ptr` must point at `len` valid `T`s for `'a` (or `len` be 0).
pub unsafe fn slice_from<'a, T>(ptr: *const T, len: usize) -> &'a [T] {
    if len == 0 || ptr.is_null() {
        return &[];
    }
    // SAFETY: the caller guarantees `len` valid elements at `ptr`.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

fn opt_string(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Metadata from its C view. With `checked`, strings that are not UTF-8 make it
/// `None` (plugin → host data); without, they are trusted (host → plugin data).
///
/// # Safety
/// `m` and every string and table it points at must be readable.
pub unsafe fn metadata_from_v1(m: &MetadataV1, checked: bool) -> Option<Metadata> {
    // SAFETY: the caller vouches for every pointer in `m`; UTF-8 is checked or trusted.
    let read = |s: StrRef| unsafe {
        if checked {
            checked_str_from(s)
        } else {
            Some(str_from(s))
        }
    };
    let text = |s: StrRef| read(s).map(opt_string);
    let date = (m.date.year != 0)
        .then(|| {
            let (y, mo, d) = (
                i16::try_from(m.date.year).ok()?,
                i8::try_from(m.date.month).ok()?,
                i8::try_from(m.date.day).ok()?,
            );
            Date::new(y, mo, d).ok()
        })
        .flatten();
    // SAFETY: as above.
    let parties = unsafe { slice_from(m.parties, m.n_parties) };
    // The fields of minor 1, where the writer's struct has them.
    // (Read only when the struct has them: an older writer's is shorter.)
    let has_minor_1 = m.struct_size as usize >= std::mem::offset_of!(MetadataV1, fragment) + size_of::<u32>();
    let minor_1 = if has_minor_1 {
        Some((m.date_source, m.fragment))
    } else {
        None
    };
    Some(Metadata {
        title: text(m.title)?,
        date,
        place: text(m.place)?,
        issuer: text(m.issuer)?,
        series: text(m.series)?,
        ordinal: (m.ordinal != 0).then_some(m.ordinal),
        parties: parties
            .iter()
            .map(|p| read(*p).map(str::to_owned))
            .collect::<Option<_>>()?,
        date_source: minor_1.and_then(|(source, _)| match source {
            date_source::DATELINE => Some(DateSource::Dateline),
            date_source::META => Some(DateSource::Meta),
            date_source::FRONT_MATTER => Some(DateSource::FrontMatter),
            date_source::TEXT => Some(DateSource::Text),
            date_source::FILE_NAME => Some(DateSource::FileName),
            _ => None,
        }),
        fragment: minor_1.is_some_and(|(_, fragment)| fragment == 1),
    })
}

/// The owned document of a host's view.
///
/// # Safety
/// `doc` must be a view the host lends: valid UTF-8 text, valid tables.
pub unsafe fn document_from_v1(doc: &DocumentV1) -> Document {
    // SAFETY: the host lends a valid document for the duration of the call.
    unsafe {
        let mut source_map = SourceMap::default();
        for a in slice_from(doc.anchors, doc.n_anchors) {
            let page = (a.page != 0).then_some(a.page);
            source_map.push(
                a.offset as usize,
                Position {
                    page,
                    line: a.line,
                    column: a.column,
                },
            );
        }
        let blocks = slice_from(doc.blocks, doc.n_blocks)
            .iter()
            .filter_map(|b| {
                let kind = kind_from_v1(b.kind, b.level)?;
                Some(Block {
                    kind,
                    span: Span::new(b.span.start as usize, b.span.end as usize),
                })
            })
            .collect();
        Document {
            id: doc.doc_id,
            format: str_from(doc.format).to_owned(),
            text: str_from(doc.text).to_owned(),
            blocks,
            metadata: doc
                .metadata
                .as_ref()
                .and_then(|m| metadata_from_v1(m, false))
                .unwrap_or_default(),
            source_map,
            notes: Vec::new(),
        }
    }
}

/// Hands a source plugin's document to the host through its builder.
///
/// # Safety
/// `out` must be the builder the host lent for this call.
pub unsafe fn push_document(doc: &Document, out: &DocBuilderV1) -> u32 {
    let views = DocumentViews::new(doc, "");
    let (Some(set_text), Some(add_block), Some(set_metadata), Some(add_anchor), Some(add_note)) = (
        out.set_text,
        out.add_block,
        out.set_metadata,
        out.add_anchor,
        out.add_note,
    ) else {
        return status::INVALID_INPUT;
    };
    // SAFETY: the callbacks are the host's, valid during this call; every view
    // passed lives until the callback returns.
    unsafe {
        let mut rc = set_text(out.ctx, StrRef::new(&doc.text));
        rc |= set_metadata(out.ctx, &raw const views.metadata);
        for b in &views.blocks {
            rc |= add_block(out.ctx, *b);
        }
        for a in &views.anchors {
            rc |= add_anchor(out.ctx, *a);
        }
        for n in &doc.notes {
            rc |= add_note(out.ctx, StrRef::new(n));
        }
        if rc == status::OK {
            status::OK
        } else {
            status::INVALID_INPUT
        }
    }
}

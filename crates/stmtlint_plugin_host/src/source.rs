//! A plugin's source behind the [`Source`] trait: the plugin builds the document
//! through host callbacks, which copy and check everything.

use std::ffi::c_void;

use stmtlint_plugin::{Block, Document, Metadata, Position, Source, SourceError, SourceMap, Span};
use stmtlint_plugin_abi::{
    AnchorV1, BlockV1, BytesRef, DocBuilderV1, ErrorSinkV1, MetadataV1, SourceV1, StrRef, status,
};
use stmtlint_plugin_sdk::decode_source_error;
use stmtlint_plugin_sdk::views::{checked_str_from, kind_from_v1, metadata_from_v1};

use crate::static_str;

/// Checks a source's table entry.
pub(crate) fn validate(source: &SourceV1) -> Result<(), String> {
    let name = static_str(source.name, "a source name")?;
    if !stmtlint_plugin::is_kebab_case(name) {
        return Err(format!("source name `{name}` is not kebab-case"));
    }
    static_str(source.extensions, "source extensions")?;
    if source.read.is_none() {
        return Err(format!("source `{name}` has no read function"));
    }
    Ok(())
}

/// A plugin's source.
pub(crate) struct FfiSource {
    desc: SourceV1,
    name: &'static str,
    extensions: &'static [&'static str],
}

// SAFETY: the descriptor is static data of a library that is never unloaded, and
// the ABI requires `sniff` and `read` to be callable from any thread.
unsafe impl Send for FfiSource {}
// SAFETY: as above.
unsafe impl Sync for FfiSource {}

impl FfiSource {
    pub(crate) fn new(desc: SourceV1) -> Self {
        let name = static_str(desc.name, "").unwrap_or("plugin");
        let extensions: Vec<&'static str> = static_str(desc.extensions, "")
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .collect();
        // Made once per loaded source; sources live for the whole run.
        let extensions = Box::leak(extensions.into_boxed_slice());
        Self { desc, name, extensions }
    }
}

/// What the plugin has built so far.
#[derive(Default)]
struct Builder {
    text: Option<String>,
    blocks: Vec<Block>,
    metadata: Metadata,
    anchors: SourceMap,
    notes: Vec<String>,
    refused: Option<&'static str>,
}

impl Builder {
    fn refuse(&mut self, why: &'static str) -> u32 {
        self.refused.get_or_insert(why);
        status::INVALID_INPUT
    }
}

/// # Safety
/// `ctx` must be the `Builder` lent with the builder table.
unsafe fn builder<'a>(ctx: *mut c_void) -> &'a mut Builder {
    // SAFETY: guaranteed by the caller.
    unsafe { &mut *ctx.cast::<Builder>() }
}

unsafe extern "C" fn set_text(ctx: *mut c_void, text: StrRef) -> u32 {
    // SAFETY: the builder lent with this table; the text is lent for the call.
    let (b, text) = unsafe { (builder(ctx), checked_str_from(text)) };
    match text {
        Some(text) => {
            b.text = Some(text.to_owned());
            status::OK
        }
        None => b.refuse("the document text is not UTF-8"),
    }
}

unsafe extern "C" fn add_block(ctx: *mut c_void, block: BlockV1) -> u32 {
    // SAFETY: the builder lent with this table.
    let b = unsafe { builder(ctx) };
    let (Ok(start), Ok(end)) = (usize::try_from(block.span.start), usize::try_from(block.span.end)) else {
        return b.refuse("a block span does not fit in memory");
    };
    match kind_from_v1(block.kind, block.level) {
        Some(kind) if start <= end => {
            b.blocks.push(Block {
                kind,
                span: Span::new(start, end),
            });
            status::OK
        }
        _ => b.refuse("a block has an unknown kind or a reversed span"),
    }
}

unsafe extern "C" fn set_metadata(ctx: *mut c_void, metadata: *const MetadataV1) -> u32 {
    // SAFETY: the builder lent with this table; the metadata is lent for the call.
    let (b, metadata) = unsafe { (builder(ctx), metadata.as_ref().and_then(|m| metadata_from_v1(m, true))) };
    match metadata {
        Some(m) => {
            b.metadata = m;
            status::OK
        }
        None => b.refuse("the metadata has text that is not UTF-8"),
    }
}

unsafe extern "C" fn add_anchor(ctx: *mut c_void, a: AnchorV1) -> u32 {
    // SAFETY: the builder lent with this table.
    let b = unsafe { builder(ctx) };
    let Ok(offset) = usize::try_from(a.offset) else {
        return b.refuse("an anchor offset does not fit in memory");
    };
    if b.anchors.anchors().last().is_some_and(|(last, _)| *last > offset) {
        return b.refuse("anchors are not in text order");
    }
    b.anchors.push(
        offset,
        Position {
            page: (a.page != 0).then_some(a.page),
            line: a.line,
            column: a.column,
        },
    );
    status::OK
}

unsafe extern "C" fn add_note(ctx: *mut c_void, note: StrRef) -> u32 {
    // SAFETY: the builder lent with this table; the note is lent for the call.
    let (b, note) = unsafe { (builder(ctx), checked_str_from(note)) };
    match note {
        Some(note) => {
            b.notes.push(note.to_owned());
            status::OK
        }
        None => b.refuse("a note is not UTF-8"),
    }
}

unsafe extern "C" fn set_error(ctx: *mut c_void, message: StrRef) {
    // SAFETY: `ctx` is the `Option<String>` lent with this sink.
    unsafe {
        *ctx.cast::<Option<String>>() = Some(checked_str_from(message).unwrap_or("(not UTF-8)").to_owned());
    }
}

impl Source for FfiSource {
    fn name(&self) -> &'static str {
        self.name
    }

    fn extensions(&self) -> &'static [&'static str] {
        self.extensions
    }

    fn sniff(&self, head: &[u8]) -> bool {
        // SAFETY: the plugin's sniff with bytes lent for the call.
        self.desc
            .sniff
            .is_some_and(|sniff| unsafe { sniff(BytesRef::new(head)) } == 1)
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        self.build(self.desc.read, bytes)
    }

    fn read_for_positions(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        // The table was walked by the plugin's `struct_size`: a plugin built before
        // ABI 1.5 has no such function here (null), and its `read` serves.
        match self.desc.read_for_positions {
            Some(f) => self.build(Some(f), bytes),
            None => self.read(bytes),
        }
    }
}

/// A plugin's function that reads bytes into a document builder.
type ReadFn = unsafe extern "C" fn(BytesRef, *const DocBuilderV1, *const ErrorSinkV1) -> u32;

impl FfiSource {
    /// The document the plugin's `read` (or `read_for_positions`) builds of `bytes`.
    fn build(&self, read: Option<ReadFn>, bytes: &[u8]) -> Result<Document, SourceError> {
        let code = format!("stmtlint::source::{}::failed", self.name);
        let read = read.ok_or_else(|| SourceError::new(&code, "the source has no read function"))?;
        let mut b = Builder::default();
        let mut error: Option<String> = None;
        let table = DocBuilderV1 {
            ctx: std::ptr::from_mut(&mut b).cast(),
            set_text: Some(set_text),
            add_block: Some(add_block),
            set_metadata: Some(set_metadata),
            add_anchor: Some(add_anchor),
            add_note: Some(add_note),
        };
        let sink = ErrorSinkV1 {
            ctx: std::ptr::from_mut(&mut error).cast(),
            set: Some(set_error),
        };
        // SAFETY: the plugin's read; bytes, builder, sink and their contexts live
        // until it returns.
        let rc = unsafe { read(BytesRef::new(bytes), &raw const table, &raw const sink) };
        if let Some(why) = b.refused {
            return Err(SourceError::new(
                &code,
                format!("the {} source built a malformed document: {why}", self.name),
            ));
        }
        if rc != status::OK {
            let message = error.unwrap_or_else(|| format!("failed with status {rc}"));
            let mut e = decode_source_error(&message, &code);
            if rc == status::PANICKED {
                e = SourceError::new(
                    format!("stmtlint::source::{}::panic", self.name),
                    format!(
                        "the {} source crashed: {}",
                        self.name,
                        e.message.trim_start_matches("panicked: ")
                    ),
                );
            }
            return Err(e);
        }
        let source_map = if b.anchors.anchors().is_empty() {
            SourceMap::identity()
        } else {
            b.anchors
        };
        Ok(Document {
            id: 0,
            format: self.name.to_owned(),
            text: b.text.unwrap_or_default(),
            blocks: b.blocks,
            metadata: b.metadata,
            source_map,
            notes: b.notes,
        })
    }
}

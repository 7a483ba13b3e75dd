//! The C ABI between stmtlint (the host) and native plugins, version 1.
//!
//! This crate is the contract: `#[repr(C)]` types and constants, no code, no
//! dependencies. `include/stmtlint_plugin.h` is the same contract for C; the layout
//! test in `tests/layout.rs` pins every size and offset so an accidental change fails.
//!
//! - A plugin exports one symbol, [`ENTRY_SYMBOL_V1`], of type [`EntryFnV1`]. It
//!   returns a pointer to a static [`PluginInfoV1`]: magic, ABI version, struct size,
//!   name, and tables of [`RuleV1`] and [`SourceV1`].
//! - Host → plugin data ([`DocumentV1`], options JSON, file bytes) is lent for the
//!   duration of the call. Plugin → host data ([`FindingV1`], documents built through
//!   [`DocBuilderV1`], error messages) goes through host callbacks, lent for the
//!   duration of the callback; the host copies it. No allocation changes owner.
//! - Every function returns a [`status`] code; a plugin never unwinds into the host.
//! - Minor versions only append fields to the structs that start with `struct_size`.
//!   The major version is part of the entry symbol's name.
#![no_std]

use core::ffi::c_void;

/// The entry symbol of ABI major 1.
pub const ENTRY_SYMBOL_V1: &str = "stmtlint_plugin_entry_v1";
/// The first eight bytes of every [`PluginInfoV1`].
pub const MAGIC: [u8; 8] = *b"STMTLNT\0";
/// The ABI major version; also in the entry symbol's name.
pub const ABI_MAJOR: u16 = 1;
/// The ABI minor version: additions only. Minor 1 appended `date_source` and
/// `fragment` to [`MetadataV1`]; minor 2 appended `finish_in_run` to [`RuleV1`]
/// (with [`RunContextV1`]), and the host walks the rules table by the plugin's
/// `struct_size`; minor 3 appended `severity` to [`FindingV1`]; minor 4 appended
/// `finish_reading` to [`RuleV1`] (with [`FactsReaderV1`]); minor 5 appended
/// `read_for_positions` to [`SourceV1`], and the host walks the sources table by
/// the plugin's `struct_size` too.
pub const ABI_MINOR: u16 = 5;

/// Status codes every plugin function returns.
pub mod status {
    /// Success.
    pub const OK: u32 = 0;
    /// Failure; the message went to the error sink.
    pub const ERROR: u32 = 1;
    /// The plugin panicked; the message went to the error sink.
    pub const PANICKED: u32 = 2;
    /// The input was refused (bad options, bad callback arguments).
    pub const INVALID_INPUT: u32 = 3;
}

/// Severities, as `default_severity` of a rule.
pub mod severity {
    /// Error.
    pub const ERROR: u32 = 1;
    /// Warning.
    pub const WARNING: u32 = 2;
    /// Info.
    pub const INFO: u32 = 3;
}

/// Block kinds of [`BlockV1`].
pub mod block {
    /// The title.
    pub const TITLE: u32 = 1;
    /// A dateline.
    pub const DATELINE: u32 = 2;
    /// A heading; `level` is set.
    pub const HEADING: u32 = 3;
    /// A paragraph.
    pub const PARAGRAPH: u32 = 4;
    /// A list item.
    pub const LIST_ITEM: u32 = 5;
    /// Boilerplate, never linted.
    pub const BOILERPLATE: u32 = 6;
}

/// Fix applicabilities of [`FindingV1`].
pub mod applicability {
    /// `--fix` may apply it.
    pub const SAFE: u32 = 1;
    /// Applied only when asked for.
    pub const UNSAFE: u32 = 2;
    /// Shown only.
    pub const DISPLAY_ONLY: u32 = 3;
}

/// Bits of [`PluginInfoV1::flags`].
pub mod flags {
    /// The plugin was built with `panic = "abort"`: any panic kills the host.
    pub const PANIC_ABORT: u64 = 1;
}

/// Borrowed UTF-8 text. `ptr` may be null only when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct StrRef {
    /// First byte.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

/// Borrowed bytes. `ptr` may be null only when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct BytesRef {
    /// First byte.
    pub ptr: *const u8,
    /// Length.
    pub len: usize,
}

/// A byte range `[start, end)` of [`DocumentV1::text`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanV1 {
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

/// A block of the document.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct BlockV1 {
    /// One of [`block`].
    pub kind: u32,
    /// Heading level (1–6); 0 for other kinds.
    pub level: u32,
    /// Where.
    pub span: SpanV1,
}

/// A source-map anchor: the file position of a text offset.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct AnchorV1 {
    /// Byte offset in the text.
    pub offset: u64,
    /// Page, 1-based; 0 when the source has no pages.
    pub page: u32,
    /// Line, 1-based.
    pub line: u32,
    /// Column in characters, 1-based.
    pub column: u32,
}

/// A calendar date; `year == 0` means none.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DateV1 {
    /// Year, or 0.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

/// What is known of the statement. Empty strings mean unknown.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct MetadataV1 {
    /// Size of this struct as the writer knows it.
    pub struct_size: u32,
    /// Title.
    pub title: StrRef,
    /// Date.
    pub date: DateV1,
    /// Place.
    pub place: StrRef,
    /// Issuer.
    pub issuer: StrRef,
    /// Series name.
    pub series: StrRef,
    /// Meeting ordinal; 0 when unknown.
    pub ordinal: u32,
    /// Parties.
    pub parties: *const StrRef,
    /// Number of parties.
    pub n_parties: usize,
    /// Where the date was found: one of [`date_source`]; minor 1 (a reader checks
    /// `struct_size` before reading it).
    pub date_source: u32,
    /// 1 for a content system's body fragment (no page, no title of its own), else
    /// 0; minor 1.
    pub fragment: u32,
}

/// Values of [`MetadataV1::date_source`].
pub mod date_source {
    /// Unknown, or no date.
    pub const NONE: u32 = 0;
    /// A dateline or the page's own date field.
    pub const DATELINE: u32 = 1;
    /// The page's metadata.
    pub const META: u32 = 2;
    /// Front matter.
    pub const FRONT_MATTER: u32 = 3;
    /// The title or the first dated sentence.
    pub const TEXT: u32 = 4;
    /// The start of the file name.
    pub const FILE_NAME: u32 = 5;
}

/// One document, lent by the host for the duration of a call.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DocumentV1 {
    /// Size of this struct as the host knows it.
    pub struct_size: u32,
    /// Unique within a run; the same document has the same id in every call.
    pub doc_id: u64,
    /// The file.
    pub path: StrRef,
    /// The source that read it (`text`, `html`, ...).
    pub format: StrRef,
    /// The normalized text, valid UTF-8, that spans point into.
    pub text: StrRef,
    /// Blocks, in order.
    pub blocks: *const BlockV1,
    /// Number of blocks.
    pub n_blocks: usize,
    /// Metadata.
    pub metadata: *const MetadataV1,
    /// Source-map anchors, in text order.
    pub anchors: *const AnchorV1,
    /// Number of anchors.
    pub n_anchors: usize,
}

/// A secondary label of a finding.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct LabelV1 {
    /// Where.
    pub span: SpanV1,
    /// What it says.
    pub message: StrRef,
}

/// One edit of a fix.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct EditV1 {
    /// What to replace.
    pub span: SpanV1,
    /// The replacement.
    pub replacement: StrRef,
}

/// A finding, lent to the host for the duration of [`FindingSinkV1::emit`].
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FindingV1 {
    /// Size of this struct as the plugin knows it.
    pub struct_size: u32,
    /// For corpus rules: the document (its `doc_id`); ignored by `check`.
    pub doc_id: u64,
    /// Where.
    pub span: SpanV1,
    /// The problem.
    pub message: StrRef,
    /// Advice; empty for none.
    pub help: StrRef,
    /// Secondary labels.
    pub labels: *const LabelV1,
    /// Number of labels.
    pub n_labels: usize,
    /// What the fix does; empty when there is no fix.
    pub fix_message: StrRef,
    /// One of [`applicability`].
    pub fix_applicability: u32,
    /// The fix's edits.
    pub edits: *const EditV1,
    /// Number of edits.
    pub n_edits: usize,
    /// ABI 1.3: the finding's own severity (one of [`severity`]), below the rule's
    /// (`date-consistency` reports mixed date styles as info); 0: the rule's. The
    /// host reads it only when `struct_size` covers it.
    pub severity: u32,
}

/// Where a rule reports findings. Valid during the call, on the calling thread.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FindingSinkV1 {
    /// The host's context.
    pub ctx: *mut c_void,
    /// Reports one finding; the host copies it. Returns a [`status`].
    pub emit: Option<unsafe extern "C" fn(ctx: *mut c_void, finding: *const FindingV1) -> u32>,
}

/// Where a plugin writes an error message. Valid during the call.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct ErrorSinkV1 {
    /// The host's context.
    pub ctx: *mut c_void,
    /// Sets the message; the host copies it.
    pub set: Option<unsafe extern "C" fn(ctx: *mut c_void, message: StrRef)>,
}

/// Where a corpus rule's `collect` puts one document's facts (JSON text).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FactsSinkV1 {
    /// The host's context.
    pub ctx: *mut c_void,
    /// Sets the facts; the host copies them.
    pub set: Option<unsafe extern "C" fn(ctx: *mut c_void, facts_json: StrRef) -> u32>,
}

/// One document's facts, lent to a corpus rule's `finish`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DocFactsV1 {
    /// The document's id, as in [`DocumentV1::doc_id`].
    pub doc_id: u64,
    /// Its path.
    pub path: StrRef,
    /// The facts `collect` set, as JSON.
    pub facts_json: StrRef,
}

/// The facts of every document, for a corpus rule's `finish_reading` (ABI 1.4):
/// read one document at a time, so neither side holds all their texts at once.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct FactsReaderV1 {
    /// The host's context.
    pub ctx: *mut c_void,
    /// How many documents `next` gives.
    pub count: usize,
    /// Writes the next document's facts to `out`, their strings lent until the
    /// next call or the end of `finish_reading`; returns 1, or 0 when there is no
    /// document left.
    pub next: Option<unsafe extern "C" fn(ctx: *mut c_void, out: *mut DocFactsV1) -> u32>,
}

/// How a source plugin hands the host the document it read. Every callback copies.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct DocBuilderV1 {
    /// The host's context.
    pub ctx: *mut c_void,
    /// Sets the normalized text.
    pub set_text: Option<unsafe extern "C" fn(ctx: *mut c_void, text: StrRef) -> u32>,
    /// Appends a block.
    pub add_block: Option<unsafe extern "C" fn(ctx: *mut c_void, block: BlockV1) -> u32>,
    /// Sets the metadata.
    pub set_metadata: Option<unsafe extern "C" fn(ctx: *mut c_void, metadata: *const MetadataV1) -> u32>,
    /// Appends a source-map anchor.
    pub add_anchor: Option<unsafe extern "C" fn(ctx: *mut c_void, anchor: AnchorV1) -> u32>,
    /// Adds a note for the user.
    pub add_note: Option<unsafe extern "C" fn(ctx: *mut c_void, note: StrRef) -> u32>,
}

/// What the run tells a corpus rule's `finish_in_run` (ABI 1.2).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct RunContextV1 {
    /// Size of this struct as the host knows it.
    pub struct_size: u32,
    /// The day time-bound facts are judged on (`--as-of`); year 0 when the run
    /// sets none (the rule's own option, else today).
    pub as_of: DateV1,
}

/// A rule's instance, made by `create` and freed only by the plugin's `destroy`.
pub type RuleInstance = *mut c_void;

/// A rule a plugin provides.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct RuleV1 {
    /// Size of this struct as the plugin knows it.
    pub struct_size: u32,
    /// Kebab-case id; the host prefixes it with the plugin's name.
    pub id: StrRef,
    /// One line for `stmtlint rules`.
    pub summary: StrRef,
    /// Documentation for `stmtlint explain`.
    pub docs: StrRef,
    /// One of [`severity`].
    pub default_severity: u32,
    /// Makes an instance from the options (a JSON object).
    pub create:
        Option<unsafe extern "C" fn(options_json: StrRef, out: *mut RuleInstance, err: *const ErrorSinkV1) -> u32>,
    /// Lints one document. Null for corpus rules.
    pub check: Option<
        unsafe extern "C" fn(
            rule: RuleInstance,
            doc: *const DocumentV1,
            sink: *const FindingSinkV1,
            err: *const ErrorSinkV1,
        ) -> u32,
    >,
    /// Corpus rules: the facts of one document. Null for document rules.
    pub collect: Option<
        unsafe extern "C" fn(
            rule: RuleInstance,
            doc: *const DocumentV1,
            out: *const FactsSinkV1,
            err: *const ErrorSinkV1,
        ) -> u32,
    >,
    /// Corpus rules: findings over the facts of all documents.
    pub finish: Option<
        unsafe extern "C" fn(
            rule: RuleInstance,
            facts: *const DocFactsV1,
            n_facts: usize,
            sink: *const FindingSinkV1,
            err: *const ErrorSinkV1,
        ) -> u32,
    >,
    /// Frees an instance.
    pub destroy: Option<unsafe extern "C" fn(rule: RuleInstance)>,
    /// ABI 1.2, corpus rules: `finish` told what the run is; the host calls it
    /// instead of `finish` when the plugin's `struct_size` has it and it is not null.
    pub finish_in_run: Option<
        unsafe extern "C" fn(
            rule: RuleInstance,
            facts: *const DocFactsV1,
            n_facts: usize,
            run: *const RunContextV1,
            sink: *const FindingSinkV1,
            err: *const ErrorSinkV1,
        ) -> u32,
    >,
    /// ABI 1.4, corpus rules: `finish_in_run` with the facts read one document at
    /// a time from `facts`; the host calls it instead of the other two when the
    /// plugin's `struct_size` has it and it is not null.
    pub finish_reading: Option<
        unsafe extern "C" fn(
            rule: RuleInstance,
            facts: *const FactsReaderV1,
            run: *const RunContextV1,
            sink: *const FindingSinkV1,
            err: *const ErrorSinkV1,
        ) -> u32,
    >,
}

/// The size of [`RuleV1`] in ABI 1.0, the least a plugin's `struct_size` may say.
pub const RULE_V1_0_SIZE: usize = core::mem::offset_of!(RuleV1, finish_in_run);

/// A source (input format) a plugin provides.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SourceV1 {
    /// Size of this struct as the plugin knows it.
    pub struct_size: u32,
    /// Kebab-case name; becomes the document's format.
    pub name: StrRef,
    /// Lowercase extensions without dots, comma-separated (`stj,statement`).
    pub extensions: StrRef,
    /// Whether the first bytes look like this format (1) or not (0). May be null.
    pub sniff: Option<unsafe extern "C" fn(head: BytesRef) -> u32>,
    /// Reads a file's bytes into the builder.
    pub read: Option<unsafe extern "C" fn(bytes: BytesRef, out: *const DocBuilderV1, err: *const ErrorSinkV1) -> u32>,
    /// Reads only what positions in the file are found by: the text and the anchors
    /// `read` gives, blocks and metadata left out (ABI 1.5). The host reads again
    /// the files a corpus rule reports on, to place its findings. May be null, and
    /// is absent from a plugin built before 1.5 (smaller `struct_size`): then `read`.
    pub read_for_positions:
        Option<unsafe extern "C" fn(bytes: BytesRef, out: *const DocBuilderV1, err: *const ErrorSinkV1) -> u32>,
}

/// The size of [`SourceV1`] before ABI 1.5, the least a plugin's `struct_size` may say.
pub const SOURCE_V1_0_SIZE: usize = core::mem::offset_of!(SourceV1, read_for_positions);

/// What the host tells the plugin at the handshake.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HostInfoV1 {
    /// Size of this struct as the host knows it.
    pub struct_size: u32,
    /// The host's ABI major.
    pub abi_major: u16,
    /// The host's ABI minor.
    pub abi_minor: u16,
    /// The host's version, e.g. `0.1.0`.
    pub host_version: StrRef,
}

/// The static descriptor a plugin's entry point returns.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PluginInfoV1 {
    /// [`MAGIC`].
    pub magic: [u8; 8],
    /// [`ABI_MAJOR`] the plugin was built for.
    pub abi_major: u16,
    /// [`ABI_MINOR`] the plugin was built for.
    pub abi_minor: u16,
    /// Size of this struct as the plugin knows it.
    pub struct_size: u32,
    /// Kebab-case plugin name; prefixes its rule ids.
    pub name: StrRef,
    /// The plugin's version.
    pub version: StrRef,
    /// What built it (`stmtlint_plugin_sdk 0.1.0`, `c`), for messages.
    pub built_with: StrRef,
    /// Bits of [`flags`].
    pub flags: u64,
    /// The rules.
    pub rules: *const RuleV1,
    /// Number of rules.
    pub n_rules: usize,
    /// The sources.
    pub sources: *const SourceV1,
    /// Number of sources.
    pub n_sources: usize,
}

// SAFETY: the descriptors are immutable static data that only point at other static
// data of the same library, read by every thread for the life of the process (the
// host never unloads a library), so sharing them between threads is sound.
#[allow(unsafe_code, reason = "the descriptor tables are statics shared by all threads")]
mod sync {
    unsafe impl Sync for super::PluginInfoV1 {}
    unsafe impl Sync for super::RuleV1 {}
    unsafe impl Sync for super::SourceV1 {}
    unsafe impl Sync for super::StrRef {}
}

/// The entry point: `stmtlint_plugin_entry_v1`.
pub type EntryFnV1 = unsafe extern "C" fn(host: *const HostInfoV1) -> *const PluginInfoV1;

impl StrRef {
    /// A view of a static or borrowed string.
    pub const fn new(s: &str) -> Self {
        Self {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// The empty string.
    pub const EMPTY: Self = Self {
        ptr: core::ptr::null(),
        len: 0,
    };
}

impl BytesRef {
    /// A view of borrowed bytes.
    pub const fn new(b: &[u8]) -> Self {
        Self {
            ptr: b.as_ptr(),
            len: b.len(),
        }
    }
}

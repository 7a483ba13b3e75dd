//! Source plugins: one input format each, turning bytes into a [`Document`].

use std::fmt;

use crate::Document;

/// A source could not read a file. Carries a stable code
/// (`stmtlint::source::<format>::<cause>`), a message naming the cause, and advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// A stable code, e.g. `stmtlint::source::text::binary`.
    pub code: String,
    /// What went wrong, lowercase start, no final period.
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
}

impl SourceError {
    /// An error with a code and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
            help: None,
        }
    }

    /// Adds advice.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SourceError {}

/// Reads one input format into the document model.
///
/// A source never panics on bad input: it returns a [`SourceError`]. (The engine
/// still catches a panic and reports it as a failure of that file.)
pub trait Source: Send + Sync {
    /// Stable kebab-case name, e.g. `text`; it becomes [`Document::format`].
    fn name(&self) -> &'static str;
    /// Lowercase file extensions this source reads, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// Whether the source recognizes a file without a known extension by its
    /// first bytes.
    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }
    /// Reads one file's bytes.
    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError>;
    /// Reads only what positions in the file are found by: the document's text and
    /// source map, as [`Source::read`] gives them (blocks and metadata may be left
    /// out). The engine reads again the files a corpus rule reports on, to place its
    /// findings; a source whose structuring costs more than its decoding skips it.
    fn read_for_positions(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        self.read(bytes)
    }
}

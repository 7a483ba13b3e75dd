//! The PDF source: text extracted with pdf-extract in isolated worker processes.
//!
//! - `extract` (in the worker): pdf-extract's glyphs grouped into positioned lines,
//!   page by page, each page under `catch_unwind`.
//! - `pool` (in stmtlint): worker processes of the stmtlint binary itself
//!   (`stmtlint __pdf-worker`), reused across files, each answer awaited with a time
//!   limit and each worker under a memory limit, so a panic, hang, crash or memory
//!   overrun fails one file and the run goes on.
//! - `layout`: lines to the document model, with page furniture as boilerplate and
//!   the page and line of every line in the source map.
//!
//! [`PdfSource`] ties them together.

mod extract;
mod layout;
mod pool;

use stmtlint_plugin::{Document, Source, SourceError};

pub use extract::{Extracted, PdfLine, extract};
pub use layout::document;
pub use pool::{WORKER_ARG, set_limits, worker_main};

/// Reads PDF files.
#[derive(Clone, Copy, Debug, Default)]
pub struct PdfSource;

impl Source for PdfSource {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }

    fn sniff(&self, head: &[u8]) -> bool {
        head.starts_with(b"%PDF-")
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        let extracted = pool::run(bytes).map_err(|f| SourceError::new(f.code, f.message))?;
        let mut doc = layout::document(&extracted);
        for (page, why) in &extracted.failed_pages {
            doc.notes.push(format!("page {page} could not be read: {why}"));
        }
        Ok(doc)
    }
}

stmtlint_plugin_sdk::declare_plugin! {
    static plugin;
    name: "pdf",
    version: env!("CARGO_PKG_VERSION"),
    sources: [PdfSource],
}

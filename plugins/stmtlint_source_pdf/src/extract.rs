//! The worker's side: pdf-extract's glyphs grouped into positioned lines.
//!
//! pdf-extract panics on many malformed files and can loop or exhaust memory, so
//! this runs only inside a worker process (see `pool`): one page at a time, each
//! under `catch_unwind`, so a bad page 7 still leaves pages 1 to 6.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use serde::{Deserialize, Serialize};

/// One line of text on a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PdfLine {
    /// 1-based page.
    pub page: u32,
    /// Left edge, in points from the page's left.
    pub x: f32,
    /// Baseline, in points from the page's top.
    pub y: f32,
    /// Right edge.
    pub right: f32,
    /// The largest glyph size on the line.
    pub size: f32,
    /// The text.
    pub text: String,
}

/// What a PDF's text layer holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// Number of pages.
    pub pages: u32,
    /// Height of each page, in points.
    pub heights: Vec<f32>,
    /// The lines, page by page, top to bottom.
    pub lines: Vec<PdfLine>,
    /// Pages that could not be read, with why.
    pub failed_pages: Vec<(u32, String)>,
}

/// Why a PDF yields no document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// `stmtlint::source::pdf::<cause>`.
    pub code: String,
    /// The cause, for people.
    pub message: String,
}

fn failure(cause: &str, message: impl Into<String>) -> Failure {
    Failure {
        code: format!("stmtlint::source::pdf::{cause}"),
        message: message.into(),
    }
}

/// A glyph as pdf-extract reports it.
struct Glyph {
    x: f64,
    y: f64,
    advance: f64,
    size: f64,
    text: String,
}

/// Collects glyphs into lines.
#[derive(Default)]
struct Collector {
    page: u32,
    height: f64,
    bottom: f64,
    current: Vec<Glyph>,
    lines: Vec<PdfLine>,
}

impl Collector {
    fn flush(&mut self) {
        let glyphs = std::mem::take(&mut self.current);
        let Some(first) = glyphs.first() else { return };
        let mut text = String::new();
        let mut end = first.x;
        let mut size: f64 = 0.0;
        for g in &glyphs {
            // A gap wider than a fraction of the size is a space, unless the glyph
            // is one already (justified text otherwise doubles every space).
            if !text.is_empty() && g.x - end > 0.15 * g.size && !text.ends_with(' ') && g.text != " " {
                text.push(' ');
            }
            text.push_str(&g.text);
            end = g.x + g.advance;
            size = size.max(g.size);
        }
        // Soft hyphens mark where a word may break; they are not text.
        let text = text
            .replace('\u{ad}', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            return;
        }
        self.lines.push(PdfLine {
            page: self.page,
            x: first.x as f32,
            y: (self.height - (first.y - self.bottom)) as f32,
            right: end as f32,
            size: size as f32,
            text,
        });
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page_num;
        self.height = media_box.ury - media_box.lly;
        self.bottom = media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.flush();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, y) = (trm.m31, trm.m32);
        if let Some(last) = self.current.last() {
            let tolerance = 0.5 * size.max(last.size).max(1.0);
            // A new line: the baseline moved, or the pen went back left.
            if (y - last.y).abs() > tolerance || x + tolerance < last.x {
                self.flush();
            }
        }
        self.current.push(Glyph {
            x,
            y,
            advance: width * size,
            size,
            text: char.to_owned(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Extracts the text lines of a PDF.
pub fn extract(bytes: &[u8]) -> Result<Extracted, Failure> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(failure("not_pdf", "the file is not a PDF (no %PDF- header)"));
    }
    let mut doc = match catch_unwind(|| pdf_extract::Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return Err(failure("malformed", format!("the PDF could not be parsed: {e}"))),
        Err(p) => {
            return Err(failure(
                "malformed",
                format!("the PDF parser crashed: {}", panic_text(p.as_ref())),
            ));
        }
    };
    if doc.is_encrypted() && catch_unwind(AssertUnwindSafe(|| doc.decrypt(""))).map_or(true, |r| r.is_err()) {
        return Err(failure("encrypted", "the PDF is encrypted and needs a password"));
    }
    let pages: Vec<u32> =
        catch_unwind(AssertUnwindSafe(|| doc.get_pages().keys().copied().collect())).unwrap_or_default();
    if pages.is_empty() {
        return Err(failure("malformed", "the PDF has no readable pages"));
    }
    let mut out = Extracted {
        pages: pages.len() as u32,
        ..Extracted::default()
    };
    for page in pages {
        let mut collector = Collector::default();
        match catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut collector, page)
        })) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => out.failed_pages.push((page, e.to_string())),
            Err(p) => out.failed_pages.push((page, panic_text(p.as_ref()))),
        }
        collector.flush();
        out.heights.push(collector.height as f32);
        out.lines.append(&mut collector.lines);
    }
    if out.lines.is_empty() {
        if let Some((page, why)) = out.failed_pages.first() {
            return Err(failure(
                "malformed",
                format!("no page could be read (page {page}: {why})"),
            ));
        }
        return Err(failure(
            "no_text",
            "the PDF has no text layer (a scan?): stmtlint does not do OCR",
        ));
    }
    Ok(out)
}

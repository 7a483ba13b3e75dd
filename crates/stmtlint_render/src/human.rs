//! Human output: each finding as a miette graphical report with the snippet of the
//! statement and its labels, then failures, all in report order.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use stmtlint_engine::{Diagnostic, Excerpt, Failure, Findings};
use stmtlint_plugin::Severity;

/// Serves miette the excerpt's chunks as if they were the whole document, with the
/// file's own line numbers.
struct ExcerptSource<'a> {
    name: &'a str,
    excerpt: &'a Excerpt,
}

impl SourceCode for ExcerptSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let chunk = self
            .excerpt
            .chunks
            .iter()
            .find(|c| c.offset <= span.offset() && span.offset() + span.len() <= c.offset + c.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new((span.offset() - chunk.offset).into(), span.len());
        let contents = chunk.text.read_span(&local, before, after)?;
        // The header's `path:line:col` comes from a read of the span alone: give it
        // the file position the source map resolved.
        let exact = (before == 0 && after == 0)
            .then(|| {
                let i = self
                    .excerpt
                    .spans
                    .iter()
                    .position(|s| s.is_some_and(|s| s.start == span.offset() && s.len() == span.len()))?;
                self.excerpt.positions.get(i)
            })
            .flatten();
        let (line, column) = exact.map_or((contents.line() + chunk.line, contents.column()), |(l, c)| (*l, *c));
        // A PDF's lines are a page's: the header names it, as concise does.
        let name = match chunk.page {
            Some(page) => format!("{}:page {page}", self.name),
            None => self.name.to_owned(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            contents.data(),
            SourceSpan::new((contents.span().offset() + chunk.offset).into(), contents.span().len()),
            line,
            column,
            contents.line_count(),
        )))
    }
}

/// A finding as miette sees it.
struct Finding<'a> {
    d: &'a Diagnostic,
    source: ExcerptSource<'a>,
}

impl fmt::Debug for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Finding<'_> {}

impl MietteDiagnostic for Finding<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.d.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // The excerpt's spans: the finding's, then each label's, in its quoted lines.
        let spans = &self.d.excerpt.spans;
        let span = |i: usize| {
            spans
                .get(i)
                .copied()
                .flatten()
                .map(|s| SourceSpan::new(s.start.into(), s.len()))
        };
        let primary = span(0).map(|s| LabeledSpan::new_primary_with_span(None, s));
        let secondary = self
            .d
            .labels
            .iter()
            .enumerate()
            .filter_map(move |(i, l)| Some(LabeledSpan::new_with_span(Some(l.message.clone()), span(i + 1)?)));
        Some(Box::new(primary.into_iter().chain(secondary)))
    }
}

/// A failure as miette sees it.
#[derive(Debug)]
struct FailureReport<'a>(&'a Failure);

impl fmt::Display for FailureReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.path, self.0.message)
    }
}

impl std::error::Error for FailureReport<'_> {}

impl MietteDiagnostic for FailureReport<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.0.code))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

/// The handler every human rendering uses.
pub fn handler(style: super::Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// Renders any miette diagnostic with the human style.
pub fn render_diagnostic(
    diagnostic: &dyn MietteDiagnostic,
    style: super::Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = String::new();
    handler(style)
        .render_report(&mut text, diagnostic)
        .map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

/// Writes every finding and failure.
pub fn render(report: &dyn Findings, style: super::Style, failures: bool, out: &mut dyn Write) -> io::Result<()> {
    for file in report.files() {
        for d in file?.iter() {
            let finding = Finding {
                d,
                source: ExcerptSource {
                    name: &d.path,
                    excerpt: &d.excerpt,
                },
            };
            render_diagnostic(&finding, style, out)?;
            writeln!(out)?;
        }
    }
    for f in report.failures().iter().filter(|_| failures) {
        render_diagnostic(&FailureReport(f), style, out)?;
        writeln!(out)?;
    }
    Ok(())
}

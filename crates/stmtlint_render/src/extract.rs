//! `stmtlint extract`: the document model as the rules see it.
//!
//! The JSON form is a contract (DESIGN §6): `{"path", "format", "metadata": {"title",
//! "date": "YYYY-MM-DD"|null, "date_source", "place", ..., "fragment"}, "blocks": [{"kind", "level", "text",
//! "line", "page"}]}`; fields may be added.

use std::io::{self, Write};

use serde::Serialize;
use stmtlint_plugin::{BlockKind, Document};

#[derive(Serialize)]
struct Metadata<'a> {
    title: Option<&'a str>,
    date: Option<String>,
    date_source: Option<&'static str>,
    place: Option<&'a str>,
    issuer: Option<&'a str>,
    series: Option<&'a str>,
    ordinal: Option<u32>,
    parties: &'a [String],
    /// A content system's body fragment, whose missing title is not a finding.
    fragment: bool,
}

#[derive(Serialize)]
struct Block<'a> {
    kind: &'static str,
    level: Option<u8>,
    text: &'a str,
    line: u32,
    column: u32,
    page: Option<u32>,
}

#[derive(Serialize)]
struct Extract<'a> {
    path: &'a str,
    format: &'a str,
    metadata: Metadata<'a>,
    blocks: Vec<Block<'a>>,
    notes: &'a [String],
}

fn extract<'a>(path: &'a str, doc: &'a Document) -> Extract<'a> {
    let m = &doc.metadata;
    Extract {
        path,
        format: &doc.format,
        metadata: Metadata {
            title: m.title.as_deref(),
            date: m.date.map(|d| d.to_string()),
            date_source: m.date_source.map(stmtlint_plugin::DateSource::name),
            place: m.place.as_deref(),
            issuer: m.issuer.as_deref(),
            series: m.series.as_deref(),
            ordinal: m.ordinal,
            parties: &m.parties,
            fragment: m.fragment,
        },
        blocks: doc
            .blocks
            .iter()
            .map(|b| {
                let pos = doc.position(b.span.start);
                Block {
                    kind: b.kind.name(),
                    level: b.kind.level(),
                    text: doc.slice(b.span),
                    line: pos.line,
                    column: pos.column,
                    page: pos.page,
                }
            })
            .collect(),
        notes: &doc.notes,
    }
}

/// Writes the model as one JSON object.
pub fn json(path: &str, doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &extract(path, doc))?;
    writeln!(out)
}

/// Writes the model for people: metadata, then one line per block.
pub fn human(path: &str, doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let x = extract(path, doc);
    writeln!(out, "{path} ({})", x.format)?;
    let fields = [
        ("title", x.metadata.title.map(str::to_owned)),
        (
            "date",
            x.metadata
                .date
                .clone()
                .map(|d| format!("{d} ({})", x.metadata.date_source.unwrap_or("?"))),
        ),
        ("place", x.metadata.place.map(str::to_owned)),
        ("issuer", x.metadata.issuer.map(str::to_owned)),
        ("series", x.metadata.series.map(str::to_owned)),
        ("ordinal", x.metadata.ordinal.map(|o| o.to_string())),
        (
            "fragment",
            x.metadata
                .fragment
                .then(|| "yes (no title of its own to check)".to_owned()),
        ),
    ];
    for (name, value) in fields {
        writeln!(out, "  {name:<8} {}", value.as_deref().unwrap_or("-"))?;
    }
    for note in x.notes {
        writeln!(out, "  note     {note}")?;
    }
    writeln!(out)?;
    for (block, b) in x.blocks.iter().zip(&doc.blocks) {
        let kind = match b.kind {
            BlockKind::Heading { level } => format!("heading {level}"),
            other => other.name().to_owned(),
        };
        let at = block
            .page
            .map_or_else(|| format!("{}", block.line), |p| format!("p{p}:{}", block.line));
        let text: String = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = text.chars().take(90).collect();
        let ellipsis = if short.len() < text.len() { "…" } else { "" };
        writeln!(out, "{at:>6}  {kind:<11} {short}{ellipsis}")?;
    }
    Ok(())
}

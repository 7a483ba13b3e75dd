//! `.docx` (Office Open XML): `word/document.xml` read as Word shows it with the
//! tracked changes accepted.
//!
//! - Text is the runs' `w:t`, with `w:tab`, `w:br` and `w:cr` as spaces and
//!   `w:noBreakHyphen` as U+2011; runs split by spell-check marks, bookmarks,
//!   hyperlinks, smart tags and content controls join with nothing between them.
//! - Insertions (`w:ins`, `w:moveTo`) are read; deletions (`w:del`, `w:moveFrom`) are
//!   not, and a deleted paragraph mark joins its paragraph to the next one.
//! - Old properties kept by tracked formatting (`w:pPrChange`, `w:rPrChange`, …),
//!   field codes (`w:instrText`: a field is its displayed result) and the fallback
//!   half of `mc:AlternateContent` are skipped.
//! - Footnotes and endnotes (`word/footnotes.xml`, `word/endnotes.xml`) are read as
//!   paragraphs after the body; comments, page headers and footers are not read.
//! - Headings and the title come from paragraph styles (`word/styles.xml`), list
//!   items from numbering.

use std::collections::HashMap;

use crate::package::Package;
use crate::xml::{Item, Ns, Stream, attr, local};
use crate::{Draft, Para, Role, style_role};

const FORMAT: &str = "docx";

/// Reads a `.docx` package into paragraphs.
pub(crate) fn read(bytes: &[u8]) -> Result<Draft, stmtlint_plugin::SourceError> {
    let mut package = Package::open(FORMAT, bytes)?;
    let document = package.main_part()?;
    let styles = match package.part("word/styles.xml")? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let mut draft = Draft::default();
    let body = paragraphs(&document, "word/document.xml")?;
    draft.insertions = body.insertions;
    draft.deletions = body.deletions;
    draft.paras = body.paras.into_iter().map(|p| p.finish(&styles)).collect();
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = package.part(part)? {
            let notes = paragraphs(&xml, part)?;
            draft.notes.extend(notes.paras.into_iter().map(|p| p.finish(&styles)));
        }
    }
    if let Some(core) = package.part("docProps/core.xml")? {
        draft.title_property = crate::dc_title(FORMAT, "docProps/core.xml", &core)?;
    }
    Ok(draft)
}

/// A paragraph as read, before its style is resolved.
#[derive(Default)]
struct Raw {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    numbered: bool,
    mark_deleted: bool,
    in_cell: bool,
}

impl Raw {
    fn finish(self, styles: &HashMap<String, Style>) -> Para {
        let role = if self.in_cell {
            Role::Cell
        } else if let Some(level) = self.outline.filter(|l| *l < 9) {
            Role::Heading(level + 1)
        } else {
            resolve(self.style.as_deref(), styles).unwrap_or(if self.numbered { Role::ListItem } else { Role::Body })
        };
        Para { text: self.text, role }
    }
}

/// What a paragraph style says: its name, parent, outline level and numbering.
#[derive(Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    outline: Option<u8>,
    numbered: bool,
}

/// The role of style `id`, following `w:basedOn` (at most 16 steps: a cycle ends).
fn resolve(id: Option<&str>, styles: &HashMap<String, Style>) -> Option<Role> {
    let mut id = id?;
    for _ in 0..16 {
        let style = styles.get(id);
        let name = style.and_then(|s| s.name.as_deref()).unwrap_or(id);
        if let Some(role) = style_role(name).or_else(|| style_role(id)) {
            return Some(role);
        }
        let style = style?;
        if let Some(level) = style.outline.filter(|l| *l < 9) {
            return Some(Role::Heading(level + 1));
        }
        if style.numbered {
            return Some(Role::ListItem);
        }
        id = style.based_on.as_deref()?;
    }
    None
}

/// The paragraph styles of `word/styles.xml`, by id.
fn styles(xml: &[u8]) -> Result<HashMap<String, Style>, stmtlint_plugin::SourceError> {
    let mut stream = Stream::new(FORMAT, "word/styles.xml", xml);
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    while let Some(item) = stream.next()? {
        match item {
            Item::Open {
                ns: Ns::Word, element, ..
            } => {
                let val = || attr(&element, "val");
                match local(&element) {
                    "style" if attr(&element, "type").as_deref() == Some("paragraph") => {
                        current = attr(&element, "styleId").map(|id| (id, Style::default()));
                    }
                    "name" => {
                        if let Some((_, s)) = &mut current {
                            s.name = val();
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = &mut current {
                            s.based_on = val();
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, s)) = &mut current {
                            s.outline = val().and_then(|v| v.parse().ok());
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = &mut current {
                            s.numbered = val().is_some_and(|v| v != "0");
                        }
                    }
                    _ => {}
                }
            }
            Item::Close { ns: Ns::Word, local } if local == "style" => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            _ => {}
        }
    }
    Ok(styles)
}

/// The paragraphs of one part, and the tracked changes met.
#[derive(Default)]
struct Paragraphs {
    paras: Vec<Raw>,
    insertions: usize,
    deletions: usize,
}

/// Elements whose whole content is not what a reader sees.
fn skipped(ns: Ns, name: &str) -> bool {
    match ns {
        Ns::Word => matches!(
            name,
            "del"
                | "moveFrom"
                | "delText"
                | "delInstrText"
                | "instrText"
                | "pPrChange"
                | "rPrChange"
                | "sectPrChange"
                | "tblPrChange"
                | "tblPrExChange"
                | "trPrChange"
                | "tcPrChange"
                | "tblGridChange"
                | "numberingChange"
        ),
        Ns::Compat => name == "Fallback",
        _ => false,
    }
}

/// Reads the paragraphs of `xml` (the body, or the notes of a notes part).
fn paragraphs(xml: &[u8], part: &'static str) -> Result<Paragraphs, stmtlint_plugin::SourceError> {
    let mut stream = Stream::new(FORMAT, part, xml);
    let mut out = Paragraphs::default();
    let mut depth = 0usize;
    // Skipping everything below this depth (a deletion, old properties, …).
    let mut skip: Option<usize> = None;
    // The paragraph being read; paragraphs it holds (a text box's) wait on `outer`.
    let mut current: Option<Raw> = None;
    let mut outer: Vec<Raw> = Vec::new();
    // The text of a paragraph whose mark was deleted: it runs on into the next.
    let mut carry = String::new();
    let mut in_properties: Option<usize> = None;
    let mut in_text = false;
    let mut cells = 0usize;
    while let Some(item) = stream.next()? {
        match item {
            Item::Open { ns, element, empty } => {
                let name = local(&element);
                if skip.is_some() {
                    depth += usize::from(!empty);
                    continue;
                }
                if ns == Ns::Word && name == "del" && in_properties.is_some() {
                    // `w:pPr/w:rPr/w:del`: the paragraph mark itself was deleted.
                    if let Some(p) = &mut current {
                        p.mark_deleted = true;
                    }
                } else if ns == Ns::Word && matches!(name, "del" | "moveFrom") {
                    out.deletions += 1;
                } else if ns == Ns::Word && matches!(name, "ins" | "moveTo") && in_properties.is_none() {
                    out.insertions += 1;
                }
                let notes_separator = ns == Ns::Word
                    && matches!(name, "footnote" | "endnote")
                    && attr(&element, "type").is_some_and(|t| t != "normal");
                if skipped(ns, name) || notes_separator {
                    if !empty {
                        skip = Some(depth);
                        depth += 1;
                    }
                    continue;
                }
                if ns == Ns::Word && name == "p" {
                    let p = Raw {
                        text: std::mem::take(&mut carry),
                        in_cell: cells > 0,
                        ..Raw::default()
                    };
                    if empty {
                        // An empty paragraph still counts as one.
                        out.paras.push(p);
                    } else {
                        outer.extend(current.replace(p));
                        depth += 1;
                    }
                    continue;
                }
                if ns == Ns::Word && name == "tc" && !empty {
                    cells += 1;
                }
                if ns == Ns::Word
                    && let Some(p) = &mut current
                {
                    if name == "pPr" && !empty && in_properties.is_none() {
                        in_properties = Some(depth);
                    }
                    read_open(name, &element, in_properties.is_some(), p);
                    in_text |= name == "t" && !empty && in_properties.is_none();
                }
                depth += usize::from(!empty);
            }
            Item::Close { ns, local } => {
                depth = depth.saturating_sub(1);
                if let Some(at) = skip {
                    if depth == at {
                        skip = None;
                    }
                    continue;
                }
                if ns != Ns::Word {
                    continue;
                }
                match local.as_str() {
                    "t" => in_text = false,
                    "tc" => cells = cells.saturating_sub(1),
                    "pPr" if in_properties == Some(depth) => in_properties = None,
                    "p" => {
                        if let Some(p) = current.take() {
                            if p.mark_deleted {
                                carry = p.text;
                            } else {
                                out.paras.push(p);
                            }
                        }
                        current = outer.pop();
                    }
                    _ => {}
                }
            }
            Item::Text(text) => {
                if in_text
                    && skip.is_none()
                    && let Some(p) = &mut current
                {
                    p.text.push_str(&text);
                }
            }
        }
    }
    if !carry.is_empty() {
        out.paras.push(Raw {
            text: carry,
            ..Raw::default()
        });
    }
    Ok(out)
}

/// An element of WordprocessingML opens inside paragraph `p`, outside anything
/// skipped: its properties, or a character of its runs.
fn read_open(name: &str, element: &quick_xml::events::BytesStart<'_>, properties: bool, p: &mut Raw) {
    if properties {
        match name {
            "pStyle" => p.style = attr(element, "val"),
            "outlineLvl" => p.outline = attr(element, "val").and_then(|v| v.parse().ok()),
            "numId" => p.numbered = attr(element, "val").is_some_and(|v| v != "0"),
            _ => {}
        }
        return;
    }
    match name {
        "tab" | "br" | "cr" | "ptab" => p.text.push(' '),
        "noBreakHyphen" => p.text.push('\u{2011}'),
        _ => {}
    }
}

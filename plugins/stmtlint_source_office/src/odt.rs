//! `.odt` (OpenDocument text): `content.xml` read as LibreOffice shows it with the
//! tracked changes accepted.
//!
//! - Deleted text is kept out of line, in `text:tracked-changes` at the top of the
//!   body: that block is never read (insertions stand inline between
//!   `text:change-start` and `text:change-end`, and are read).
//! - Footnotes and endnotes stand inline (`text:note`): their citation is dropped and
//!   their paragraphs are read after the body, never spliced into the sentence.
//! - Comments (`office:annotation`) and frames' alternative text are not read.
//! - `text:s` is as many spaces as it says, `text:tab` and `text:line-break` a
//!   space; other white space collapses as ODF says.
//! - `text:h` is a heading of its outline level; a paragraph styled `Title` (or a
//!   style derived from it, through `styles.xml` and the automatic styles) is the
//!   title; paragraphs in `text:list-item` are list items.

use std::collections::HashMap;

use crate::package::Package;
use crate::xml::{Item, Ns, Stream, attr, local};
use crate::{Draft, Para, Role, style_role};

const FORMAT: &str = "odt";

/// Reads a `.odt` package into paragraphs.
pub(crate) fn read(bytes: &[u8]) -> Result<Draft, stmtlint_plugin::SourceError> {
    let mut package = Package::open(FORMAT, bytes)?;
    let content = package.main_part()?;
    let mut styles = HashMap::new();
    if let Some(xml) = package.part("styles.xml")? {
        read_styles(&xml, "styles.xml", &mut styles)?;
    }
    read_styles(&content, "content.xml", &mut styles)?;
    let mut draft = body(&content, &styles)?;
    if let Some(meta) = package.part("meta.xml")? {
        draft.title_property = crate::dc_title(FORMAT, "meta.xml", &meta)?;
    }
    Ok(draft)
}

/// A paragraph style: its display name, parent and outline level.
#[derive(Default)]
struct Style {
    display: Option<String>,
    parent: Option<String>,
    outline: Option<u8>,
}

/// Adds the paragraph styles of a part (common or automatic) to `styles`.
fn read_styles(
    xml: &[u8],
    part: &'static str,
    styles: &mut HashMap<String, Style>,
) -> Result<(), stmtlint_plugin::SourceError> {
    let mut stream = Stream::new(FORMAT, part, xml);
    while let Some(item) = stream.next()? {
        if let Item::Open {
            ns: Ns::Style, element, ..
        } = item
            && local(&element) == "style"
            && attr(&element, "family").as_deref() == Some("paragraph")
            && let Some(name) = attr(&element, "name")
        {
            styles.insert(
                name,
                Style {
                    display: attr(&element, "display-name"),
                    parent: attr(&element, "parent-style-name"),
                    outline: attr(&element, "default-outline-level").and_then(|v| v.parse().ok()),
                },
            );
        }
    }
    Ok(())
}

/// The role of style `name`, following its parents (at most 16 steps).
fn resolve(name: Option<&str>, styles: &HashMap<String, Style>) -> Option<Role> {
    let mut name = name?;
    for _ in 0..16 {
        let style = styles.get(name);
        let shown = style.and_then(|s| s.display.as_deref());
        if let Some(role) = shown.and_then(style_role).or_else(|| style_role(name)) {
            return Some(role);
        }
        let style = style?;
        if let Some(level) = style.outline.filter(|l| (1..=9).contains(l)) {
            return Some(Role::Heading(level.min(6)));
        }
        name = style.parent.as_deref()?;
    }
    None
}

/// Elements whose content a reader does not see in the text.
fn skipped(ns: Ns, name: &str) -> bool {
    match ns {
        Ns::Text => matches!(name, "tracked-changes" | "note-citation" | "sequence-decls"),
        Ns::Office => matches!(name, "annotation" | "forms"),
        Ns::Other => matches!(name, "title" | "desc"),
        _ => false,
    }
}

/// A paragraph being read.
struct Open {
    para: Para,
    note: bool,
}

fn body(xml: &[u8], styles: &HashMap<String, Style>) -> Result<Draft, stmtlint_plugin::SourceError> {
    let mut stream = Stream::new(FORMAT, "content.xml", xml);
    let mut draft = Draft::default();
    let mut depth = 0usize;
    let mut skip: Option<usize> = None;
    let mut changes: Option<usize> = None;
    let mut current: Option<Open> = None;
    let mut outer: Vec<Open> = Vec::new();
    let mut lists = 0usize;
    let mut cells = 0usize;
    let mut notes: Vec<usize> = Vec::new();
    while let Some(item) = stream.next()? {
        match item {
            Item::Open { ns, element, empty } => {
                let name = local(&element);
                if changes.is_some() && ns == Ns::Text {
                    match name {
                        "insertion" => draft.insertions += 1,
                        "deletion" => draft.deletions += 1,
                        _ => {}
                    }
                }
                if skip.is_some() {
                    depth += usize::from(!empty);
                    continue;
                }
                if skipped(ns, name) {
                    if !empty {
                        skip = Some(depth);
                        if name == "tracked-changes" {
                            changes = Some(depth);
                        }
                        depth += 1;
                    }
                    continue;
                }
                if ns == Ns::Table && name == "table-cell" && !empty {
                    cells += 1;
                }
                if ns == Ns::Text {
                    match name {
                        "p" | "h" => {
                            let role = if name == "h" {
                                let level = attr(&element, "outline-level")
                                    .and_then(|v| v.parse().ok())
                                    .unwrap_or(1u8);
                                Role::Heading(level.clamp(1, 6))
                            } else {
                                resolve(attr(&element, "style-name").as_deref(), styles).unwrap_or(if lists > 0 {
                                    Role::ListItem
                                } else {
                                    Role::Body
                                })
                            };
                            let role = match role {
                                Role::Body | Role::ListItem if lists > 0 => Role::ListItem,
                                Role::Body if cells > 0 => Role::Cell,
                                role => role,
                            };
                            let open = Open {
                                para: Para {
                                    text: String::new(),
                                    role,
                                },
                                note: !notes.is_empty(),
                            };
                            if empty {
                                finish(open, &mut draft);
                            } else {
                                outer.extend(current.replace(open));
                            }
                        }
                        "list-item" | "list-header" if !empty => lists += 1,
                        "note" if !empty => notes.push(depth),
                        "s" => {
                            if let Some(o) = &mut current {
                                let n = attr(&element, "c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                                o.para.text.extend(std::iter::repeat_n(' ', n.min(1000)));
                            }
                        }
                        "tab" | "line-break" => {
                            if let Some(o) = &mut current {
                                o.para.text.push(' ');
                            }
                        }
                        _ => {}
                    }
                }
                depth += usize::from(!empty);
            }
            Item::Close { ns, local } => {
                depth = depth.saturating_sub(1);
                if let Some(at) = skip {
                    if depth == at {
                        skip = None;
                        changes = None;
                    }
                    continue;
                }
                if ns == Ns::Table && local == "table-cell" {
                    cells = cells.saturating_sub(1);
                }
                if ns != Ns::Text {
                    continue;
                }
                match local.as_str() {
                    "p" | "h" => {
                        if let Some(open) = current.take() {
                            finish(open, &mut draft);
                        }
                        current = outer.pop();
                    }
                    "list-item" | "list-header" => lists = lists.saturating_sub(1),
                    "note" if notes.last() == Some(&depth) => {
                        notes.pop();
                    }
                    _ => {}
                }
            }
            Item::Text(text) => {
                if skip.is_none()
                    && let Some(o) = &mut current
                {
                    push_collapsed(&mut o.para.text, &text);
                }
            }
        }
    }
    Ok(draft)
}

fn finish(open: Open, draft: &mut Draft) {
    if open.note {
        draft.notes.push(open.para);
    } else {
        draft.paras.push(open.para);
    }
}

/// Appends `text` with each run of XML white space as one space, none after a
/// space already there (ODF's white-space rule; `text:s` adds the spaces meant).
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

//! The word-processor sources: `.docx` (Office Open XML, [`DocxSource`]) and `.odt`
//! (OpenDocument text, [`OdtSource`]).
//!
//! Both are zip packages of XML, read by one defensive container reader
//! (`package`: limits against zip bombs, refusal of legacy `.doc`, encrypted
//! packages and tricky entry names) and one streaming XML reader (`xml`: no tree, no
//! recursion, no DTD). Each format's reader (`docx`, `odt`) turns its XML into
//! paragraphs as a reader sees them, tracked changes accepted, each with the role
//! its style gives it (title, heading, list item); [`document`] lays the paragraphs
//! out as the text source would read the same text typed with blank lines between
//! paragraphs, so a statement gets the same blocks, dateline and date in every
//! format, and then applies the roles the styles give.
//!
//! Positions: `line` is the paragraph's number (every paragraph of the body counts
//! one, empty ones and table cells' included; footnotes and endnotes are numbered
//! on after the body), `column` the character within the paragraph.

mod docx;
mod odt;
mod package;
mod xml;

use stmtlint_lexicon::Lexicon;
use stmtlint_plugin::{BlockKind, Document, Position, Source, SourceError, SourceMap};

/// Reads `.docx` drafts.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocxSource;

impl Source for DocxSource {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["docx", "docm"]
    }

    fn sniff(&self, _head: &[u8]) -> bool {
        // A zip is only ever read by its extension: `.docx`, `.xlsx` and `.epub`
        // all start with the same four bytes.
        false
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        Ok(document("docx", docx::read(bytes)?))
    }
}

/// Reads `.odt` drafts.
#[derive(Clone, Copy, Debug, Default)]
pub struct OdtSource;

impl Source for OdtSource {
    fn name(&self) -> &'static str {
        "odt"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["odt"]
    }

    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }

    fn read(&self, bytes: &[u8]) -> Result<Document, SourceError> {
        Ok(document("odt", odt::read(bytes)?))
    }
}

stmtlint_plugin_sdk::declare_plugin! {
    static plugin;
    name: "office",
    version: env!("CARGO_PKG_VERSION"),
    sources: [DocxSource, OdtSource],
}

/// What a paragraph is, by its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Body,
    Title,
    Heading(u8),
    ListItem,
    /// A paragraph of a table cell: never a heading, whatever its shape.
    Cell,
}

/// A paragraph as a reader sees it.
#[derive(Debug)]
pub(crate) struct Para {
    pub(crate) text: String,
    pub(crate) role: Role,
}

/// A draft as read from its package.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    /// The body's paragraphs, in order, empty ones included.
    pub(crate) paras: Vec<Para>,
    /// Footnotes and endnotes, after the body.
    pub(crate) notes: Vec<Para>,
    /// The title of the document's properties (`docProps/core.xml`, `meta.xml`).
    pub(crate) title_property: Option<String>,
    pub(crate) insertions: usize,
    pub(crate) deletions: usize,
}

/// The role a style's name gives (`Title`, `heading 2`, `Überschrift 1`, `Titre 1`,
/// `Heading2` as an id): the words of `config/lexicons/paragraph-styles.toml`, with a
/// number for a heading's level.
pub(crate) fn style_role(name: &str) -> Option<Role> {
    let name = name.trim();
    let word = name.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    let number = &name[word.len()..].trim_start();
    let styles = Lexicon::builtin("paragraph-styles");
    let kind = styles.text(word)?;
    if number.is_empty() {
        return (kind == "title").then_some(Role::Title);
    }
    let level: u8 = number.parse().ok()?;
    (1..=9).contains(&level).then(|| Role::Heading(level.min(6)))
}

/// The `dc:title` of a properties part, if it has one.
pub(crate) fn dc_title(format: &'static str, part: &'static str, xml: &[u8]) -> Result<Option<String>, SourceError> {
    let mut stream = xml::Stream::new(format, part, xml);
    let mut inside = false;
    let mut title = String::new();
    while let Some(item) = stream.next()? {
        match item {
            xml::Item::Open {
                ns: xml::Ns::Dc,
                element,
                empty: false,
            } if xml::local(&element) == "title" => inside = true,
            xml::Item::Close { ns: xml::Ns::Dc, .. } => inside = false,
            xml::Item::Text(t) if inside => title.push_str(&t),
            _ => {}
        }
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((!title.is_empty()).then_some(title))
}

/// A paragraph's text as the rules read it: tabs, line breaks and no-break spaces
/// as spaces (as the HTML source reads them), soft hyphens and zero-width spaces
/// dropped; one character of the text stays one character of the paragraph, so
/// columns count as the reader does.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The document of a draft: the paragraphs laid out with blank lines between them,
/// structured as the text source structures text, then the styles' roles applied.
pub(crate) fn document(format: &str, draft: Draft) -> Document {
    let mut text = String::new();
    let mut map = SourceMap::default();
    let mut roles: Vec<(usize, Role)> = Vec::new();
    for (i, para) in draft.paras.iter().chain(&draft.notes).enumerate() {
        let cleaned = clean(&para.text);
        let body = cleaned.trim_start();
        let lead = cleaned[..cleaned.len() - body.len()].chars().count();
        let body = body.trim_end();
        if body.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let position = Position {
            page: None,
            line: u32::try_from(i + 1).unwrap_or(u32::MAX),
            column: u32::try_from(lead + 1).unwrap_or(u32::MAX),
        };
        map.push(text.len(), position);
        roles.push((text.len(), para.role));
        text.push_str(body);
    }
    let mut doc = stmtlint_source_text::parse(text, None);
    doc.format = format.to_owned();
    doc.source_map = if map.anchors().is_empty() {
        SourceMap::identity()
    } else {
        map
    };
    apply_roles(&mut doc, &roles);
    if doc.metadata.title.is_none()
        && let Some(title) = draft.title_property
    {
        doc.notes.push(format!(
            "the title is the document's property, not a paragraph: {title}"
        ));
        doc.metadata.title = Some(title);
    }
    if draft.insertions + draft.deletions > 0 {
        doc.notes.push(format!(
            "tracked changes read as accepted: {} insertion{}, {} deletion{}",
            draft.insertions,
            if draft.insertions == 1 { "" } else { "s" },
            draft.deletions,
            if draft.deletions == 1 { "" } else { "s" },
        ));
    }
    doc
}

/// Gives each block the role of the paragraph it starts in, unless the text's
/// structure found a dateline or furniture there; the first heading before any
/// paragraph is the title when no paragraph has the title's style.
fn apply_roles(doc: &mut Document, roles: &[(usize, Role)]) {
    let role_at = |offset: usize| {
        let i = roles.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1).map_or(Role::Body, |i| roles[i].1)
    };
    let styled_title = roles.iter().any(|(_, r)| *r == Role::Title);
    for block in &mut doc.blocks {
        if matches!(block.kind, BlockKind::Dateline | BlockKind::Boilerplate) {
            continue;
        }
        block.kind = match role_at(block.span.start) {
            Role::Title => BlockKind::Title,
            Role::Heading(level) => BlockKind::Heading { level },
            Role::ListItem => BlockKind::ListItem,
            Role::Cell => BlockKind::Paragraph,
            // A paragraph the text's structure took for the title, when a styled
            // title exists elsewhere, is a heading.
            Role::Body if styled_title && block.kind == BlockKind::Title => BlockKind::Heading { level: 2 },
            Role::Body => block.kind,
        };
    }
    if !styled_title
        && !doc.blocks.iter().any(|b| b.kind == BlockKind::Title)
        && let Some(first) = doc
            .blocks
            .iter_mut()
            .find(|b| !matches!(b.kind, BlockKind::Dateline | BlockKind::Boilerplate))
        && matches!(first.kind, BlockKind::Heading { level: 1 })
    {
        first.kind = BlockKind::Title;
    }
    doc.metadata.title = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| doc.text[b.span.start..b.span.end].trim().to_owned());
}

#[cfg(test)]
mod tests;

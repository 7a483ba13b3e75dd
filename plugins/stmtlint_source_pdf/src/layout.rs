//! From positioned lines to the document model: running headers, footers and page
//! numbers become boilerplate; size and spacing give title, headings and paragraphs;
//! words hyphenated across lines are joined. Every line keeps its page and its
//! line number on that page in the source map.

use std::collections::HashMap;

use stmtlint_plugin::{Block, BlockKind, DateSource, Document, Position, Span, canonical_place, parse_dateline};
use stmtlint_source_text::{colon_heading, heading_like, is_page_number};

use stmtlint_lexicon::Lexicon;

use crate::extract::{Extracted, PdfLine};

/// The shape of a line with its numbers blanked: how a running header recurs.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Lines near the top or bottom of the page that recur on most pages, and page
/// numbers there.
fn furniture(x: &Extracted) -> Vec<bool> {
    let margin = |l: &PdfLine| {
        let height = x.heights.get(l.page as usize - 1).copied().unwrap_or(842.0).max(1.0);
        l.y < height * 0.12 || l.y > height * 0.88
    };
    let mut pages_with: HashMap<String, Vec<u32>> = HashMap::new();
    for l in x.lines.iter().filter(|l| margin(l)) {
        let pages = pages_with.entry(shape(&l.text)).or_default();
        if !pages.contains(&l.page) {
            pages.push(l.page);
        }
    }
    let recurring = |l: &PdfLine| {
        pages_with
            .get(&shape(&l.text))
            .is_some_and(|p| p.len() >= 2 && p.len() * 2 >= x.pages as usize)
    };
    x.lines
        .iter()
        .map(|l| margin(l) && (recurring(l) || is_page_number(&l.text)))
        .collect()
}

/// The most common glyph size, weighted by characters.
fn body_size(lines: &[&PdfLine]) -> f32 {
    let mut by_size: HashMap<i32, usize> = HashMap::new();
    for l in lines {
        *by_size.entry((l.size * 2.0).round() as i32).or_default() += l.text.len();
    }
    by_size
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(10.0, |(s, _)| s as f32 / 2.0)
}

fn median(mut values: Vec<f32>) -> f32 {
    if values.is_empty() {
        return 12.0;
    }
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// Appends a line to the text, joining a word hyphenated across lines.
fn join(text: &mut String, line: &str) {
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let starts_lower = line.starts_with(|c: char| c.is_lowercase());
    let last_word = text.rsplit(' ').next().unwrap_or("");
    if let Some(stem) = last_word.strip_suffix('-')
        && starts_lower
        && stem.chars().last().is_some_and(char::is_alphabetic)
    {
        if !Lexicon::builtin("hyphen-prefixes").contains(stem) {
            text.pop();
        }
        text.push_str(line);
        return;
    }
    text.push(' ');
    text.push_str(line);
}

/// What a line is, judged with its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Furniture,
    Title,
    Heading,
    Body,
}

fn roles(x: &Extracted, furniture: &[bool]) -> Vec<Role> {
    let body: Vec<&PdfLine> = x
        .lines
        .iter()
        .zip(furniture)
        .filter(|(_, f)| !**f)
        .map(|(l, _)| l)
        .collect();
    let size = body_size(&body);
    let gaps: Vec<f32> = body
        .windows(2)
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].y - w[0].y)
        .filter(|g| *g > 0.0)
        .collect();
    let gap = median(gaps);
    let width = median(body.iter().map(|l| l.right - l.x).collect());
    let mut roles = Vec::with_capacity(x.lines.len());
    let mut title_open = true;
    let mut prev: Option<&PdfLine> = None;
    for (l, f) in x.lines.iter().zip(furniture) {
        if *f {
            roles.push(Role::Furniture);
            continue;
        }
        let gap_above = prev.filter(|p| p.page == l.page).map_or(f32::MAX, |p| l.y - p.y);
        let large = l.size >= size * 1.15 && l.text.split_whitespace().count() <= 20;
        let role = if title_open && l.page == 1 && l.size >= size * 1.25 {
            Role::Title
        } else if large
            || ((heading_like(&l.text) || colon_heading(&l.text))
                && gap_above > gap * 1.3
                && (l.right - l.x) < width * 0.75)
        {
            Role::Heading
        } else {
            Role::Body
        };
        title_open &= role == Role::Title || prev.is_none();
        roles.push(role);
        prev = Some(l);
    }
    cover_title(x, furniture, &mut roles, size);
    roles
}

/// A cover page's title: the largest words of the first page, when the first lines
/// gave no title or a smaller one set apart from them — a letterhead above the
/// title (`REPUBLIC OF CAMEROON` at 14.3 points over `GOVERNMENT'S ECONOMIC, …
/// PROGRAMME` at 15.8; `Council of Europe` at 12 over `Agreements establishing the
/// Commonwealth of Independent States` at 31). Only short lines may stand before it
/// (a letterhead, a place and date, a reference), never a paragraph; a run of
/// glyphs that are mostly not letters (a stamp read as `ocr i - 1.w ,i·/`) is no
/// title, nor does it count as one. The letterhead taken for the title before
/// becomes headings (`G20` too), and its ornaments (`★`, a stamp) page furniture.
fn cover_title(x: &Extracted, furniture: &[bool], roles: &mut [Role], size: f32) {
    let first_page: Vec<usize> = (0..x.lines.len())
        .filter(|&i| x.lines[i].page == 1 && !furniture[i])
        .collect();
    // Mostly letters and digits (`G20`, `Council of Europe`), not a stamp read as
    // `ocr i - 1.w ,i·/` nor an ornament (`★`).
    let lettered = |text: &str| {
        let glyphs = text.chars().filter(|c| !c.is_whitespace()).count();
        let alphanumeric = text.chars().filter(|c| c.is_alphanumeric()).count();
        alphanumeric > 0 && alphanumeric * 10 >= glyphs * 7
    };
    let wordy = |text: &str| lettered(text) && text.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    let Some(top) = first_page
        .iter()
        .filter(|&&i| wordy(&x.lines[i].text))
        .map(|&i| x.lines[i].size)
        .max_by(f32::total_cmp)
    else {
        return;
    };
    // A scan's text layer gives each line of one size its own (34 to 36 points).
    let same_size = |i: usize| x.lines[i].size >= top * 0.9;
    let Some(at) = first_page.iter().position(|&i| same_size(i) && wordy(&x.lines[i].text)) else {
        return;
    };
    let before = &first_page[..at];
    // The title the first lines gave, if any: the largest words above.
    let title_size = before
        .iter()
        .filter(|&&i| roles[i] == Role::Title && wordy(&x.lines[i].text))
        .map(|&i| x.lines[i].size)
        .fold(0.0, f32::max);
    if top < size * 1.25 || top < title_size * 1.2 {
        return;
    }
    let paragraph_before = before
        .iter()
        .any(|&i| roles[i] == Role::Body && x.lines[i].text.split_whitespace().count() > 8);
    // `UNITED` over `GENERAL ASSEMBLY`: the larger words go on the title above.
    let goes_on_the_title = before
        .last()
        .is_some_and(|&i| roles[i] == Role::Title && x.lines[first_page[at]].y - x.lines[i].y <= top * 2.0);
    if paragraph_before || goes_on_the_title {
        return;
    }
    for &i in before {
        if roles[i] == Role::Title {
            roles[i] = if lettered(&x.lines[i].text) {
                Role::Heading
            } else {
                Role::Furniture
            };
        }
    }
    // The title's lines: those of its size that follow, each close under the last.
    let mut last = first_page[at];
    roles[last] = Role::Title;
    for &i in &first_page[at + 1..] {
        if !same_size(i) || x.lines[i].y - x.lines[last].y > top * 2.0 {
            break;
        }
        roles[i] = Role::Title;
        last = i;
    }
}

/// The document of a PDF's lines.
pub fn document(x: &Extracted) -> Document {
    let furniture = furniture(x);
    let roles = roles(x, &furniture);
    let body: Vec<&PdfLine> = x
        .lines
        .iter()
        .zip(&furniture)
        .filter(|(_, f)| !**f)
        .map(|(l, _)| l)
        .collect();
    let gap = median(
        body.windows(2)
            .filter(|w| w[0].page == w[1].page)
            .map(|w| w[1].y - w[0].y)
            .filter(|g| *g > 0.0)
            .collect(),
    );
    let mut doc = Document {
        format: "pdf".into(),
        ..Document::default()
    };
    let mut line_on_page: HashMap<u32, u32> = HashMap::new();
    let mut open: Option<Open> = None;
    // Page furniture met inside a paragraph that runs on to the next page: it goes
    // after the paragraph, so the paragraph stays whole.
    let mut deferred: Vec<(&PdfLine, Position)> = Vec::new();
    let mut prev: Option<&PdfLine> = None;
    let mut prev_dateline = false;
    for (i, l) in x.lines.iter().enumerate() {
        let role = roles[i];
        let n = line_on_page.entry(l.page).or_default();
        *n += 1;
        let position = Position {
            page: Some(l.page),
            line: *n,
            column: 1,
        };
        if role == Role::Furniture && open.as_ref().is_some_and(|o| o.role == Role::Body) {
            deferred.push((l, position));
            continue;
        }
        // A new block: another role, a wide gap, a page break after a sentence, or a
        // dateline alone on its line (`YAOUNDE, 25 NOVEMBER 2020` above the speech).
        let dateline = is_dateline_line(&l.text);
        let continues = !dateline
            && !prev_dateline
            && open.as_ref().is_some_and(|o| {
                o.role == role
                    && (role == Role::Title
                        || (role != Role::Heading
                            && prev.is_some_and(|p| {
                                (p.page == l.page && l.y - p.y <= gap * 1.45)
                                    || (p.page != l.page && !o.text.ends_with(['.', ':', ';']))
                            })))
            });
        if !continues {
            close(&mut doc, open.take());
            flush_deferred(&mut doc, &mut deferred);
            open = Some(Open::new(&doc, role));
        }
        push_line(&mut doc, &mut open, l, position);
        if role != Role::Furniture {
            prev = Some(l);
            prev_dateline = dateline;
        }
    }
    close(&mut doc, open);
    flush_deferred(&mut doc, &mut deferred);
    metadata(&mut doc);
    doc
}

/// A short line that is a dateline and nothing else.
fn is_dateline_line(text: &str) -> bool {
    text.len() <= 80 && parse_dateline(text.trim()).is_some()
}

/// Page furniture held back while a paragraph ran on, one boilerplate block a line.
fn flush_deferred(doc: &mut Document, deferred: &mut Vec<(&PdfLine, Position)>) {
    for (line, position) in deferred.drain(..) {
        let mut furniture = Some(Open::new(doc, Role::Furniture));
        push_line(doc, &mut furniture, line, position);
        close(doc, furniture);
    }
}

/// A block being built: its role, where its text will start, and the text.
struct Open {
    role: Role,
    start: usize,
    text: String,
}

impl Open {
    /// A block that will follow the document's text (after a blank line).
    fn new(doc: &Document, role: Role) -> Self {
        let start = doc.text.len() + if doc.text.is_empty() { 0 } else { 2 };
        Self {
            role,
            start,
            text: String::new(),
        }
    }
}

/// Adds a line to the open block and anchors its position.
fn push_line(doc: &mut Document, open: &mut Option<Open>, line: &PdfLine, position: Position) {
    let Some(o) = open else { return };
    join(&mut o.text, &line.text);
    doc.source_map.push(o.start + o.text.len() - line.text.len(), position);
}

fn close(doc: &mut Document, block: Option<Open>) {
    let Some(Open { role, text, .. }) = block else { return };
    if text.is_empty() {
        return;
    }
    if !doc.text.is_empty() {
        doc.text.push_str("\n\n");
    }
    let start = doc.text.len();
    doc.text.push_str(&text);
    let kind = match role {
        Role::Furniture => BlockKind::Boilerplate,
        Role::Title => BlockKind::Title,
        Role::Heading => BlockKind::Heading { level: 2 },
        Role::Body => BlockKind::Paragraph,
    };
    doc.blocks.push(Block {
        kind,
        span: Span::new(start, doc.text.len()),
    });
}

/// Title, dateline, place and date.
fn metadata(doc: &mut Document) {
    // Set at body size (groff's `.TL`, a bold first line): the first heading of the
    // first page, when nothing but page furniture comes before it.
    if !doc.blocks.iter().any(|b| b.kind == BlockKind::Title)
        && let Some(i) = doc.blocks.iter().position(|b| b.kind != BlockKind::Boilerplate)
        && matches!(doc.blocks[i].kind, BlockKind::Heading { .. })
        && doc.position(doc.blocks[i].span.start).page == Some(1)
    {
        doc.blocks[i].kind = BlockKind::Title;
    }
    // The dateline stands in the header: among the first blocks of the first page,
    // a block that is a dateline and nothing else (a letterhead may set it in the
    // title's size: `Strasbourg, 8 September 1994` under `Council of Europe`).
    let header = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind != BlockKind::Boilerplate)
        .take_while(|(_, b)| doc.position(b.span.start).page == Some(1))
        .take(8)
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    for i in header {
        if let Some(dl) = parse_dateline(doc.slice(doc.blocks[i].span)) {
            doc.blocks[i].kind = BlockKind::Dateline;
            doc.metadata.set_date(Some(dl.date), DateSource::Dateline);
            doc.metadata.place = dl.place.map(|p| canonical_place(&p));
            break;
        }
    }
    doc.metadata.title = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| doc.slice(b.span).to_owned());
    doc.date_from_text();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of one A4 page, as the worker extracts them.
    fn one_page(lines: Vec<PdfLine>) -> Extracted {
        Extracted {
            pages: 1,
            heights: vec![842.0],
            lines,
            failed_pages: vec![],
        }
    }

    fn line(page: u32, y: f32, size: f32, text: &str) -> PdfLine {
        let right = 72.0 + text.len() as f32 * size * 0.5;
        PdfLine {
            page,
            x: 72.0,
            y,
            right,
            size,
            text: text.into(),
        }
    }

    #[test]
    fn joins_hyphenated_words_and_keeps_prefixes() {
        let mut text = String::from("the imple-");
        join(&mut text, "mentation of");
        assert_eq!(text, "the implementation of");
        let mut text = String::from("close co-");
        join(&mut text, "operation");
        assert_eq!(text, "close co-operation");
        let mut text = String::from("U.S.-");
        join(&mut text, "EU");
        assert_eq!(text, "U.S.- EU");
    }

    #[test]
    fn running_headers_and_page_numbers_are_boilerplate() {
        let mut lines = Vec::new();
        for page in 1..=3 {
            lines.push(line(page, 40.0, 8.0, "EEAS PRESS RELEASE 190320/5"));
            lines.push(line(page, 300.0, 11.0, "Body text of the statement goes on here."));
            lines.push(line(page, 800.0, 8.0, &format!("Page {page} of 3")));
        }
        let x = Extracted {
            pages: 3,
            heights: vec![842.0; 3],
            lines,
            failed_pages: vec![],
        };
        let doc = document(&x);
        let boilerplate: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Boilerplate)
            .map(|b| doc.slice(b.span))
            .collect();
        assert_eq!(boilerplate.len(), 6, "{boilerplate:?}");
        let pos = doc.position(doc.text.find("Body").unwrap());
        assert_eq!((pos.page, pos.line), (Some(1), 2));
    }

    #[test]
    fn a_label_alone_on_its_line_is_a_heading() {
        // The 2014 seed printed to PDF: `Cybercrime:` stands alone above its
        // paragraph, as the text version's label heading does.
        let body = "The participants affirmed the importance of cooperation between the two sides on many matters.";
        let lines = vec![
            line(1, 100.0, 11.0, body),
            line(1, 114.0, 11.0, body),
            line(1, 140.0, 11.0, "Cybercrime:"),
            line(1, 154.0, 11.0, body),
            line(1, 168.0, 11.0, body),
        ];
        let doc = document(&one_page(lines));
        let headings: Vec<&str> = doc.headings().map(|(_, h, _)| h).collect();
        assert_eq!(headings, ["Cybercrime:"], "{:?}", doc.blocks);
    }

    #[test]
    fn a_dateline_on_its_own_line_is_not_run_into_the_speech() {
        // The Cameroon programme: the dateline, then the address, at body size and gap.
        let body = "The Right Honourable Speaker of the National Assembly, Honourable Members of Parliament,";
        let lines = vec![
            line(1, 100.0, 11.0, "PRIME MINISTER, HEAD OF GOVERNMENT"),
            line(1, 114.0, 11.0, "YAOUNDE, 25 NOVEMBER 2020"),
            line(1, 128.0, 11.0, body),
            line(1, 142.0, 11.0, body),
        ];
        let doc = document(&one_page(lines));
        assert_eq!(doc.metadata.date.map(|d| d.to_string()).as_deref(), Some("2020-11-25"));
        assert_eq!(doc.metadata.place.as_deref(), Some("Yaounde"));
        let dateline = doc.blocks.iter().find(|b| b.kind == BlockKind::Dateline).unwrap();
        assert_eq!(doc.slice(dateline.span), "YAOUNDE, 25 NOVEMBER 2020");
    }

    /// A cover page: a letterhead and its ornaments, a place and date, then the
    /// title in far larger type, then the body.
    fn cover(title_size: f32, before_title: &[&str]) -> Document {
        let mut lines = vec![
            line(1, 37.0, 14.8, "Council of Europe"),
            line(1, 54.0, 14.5, "Conseil de l’Europe"),
            line(1, 64.0, 14.5, "G20"),
            line(1, 74.0, 20.3, "★"),
            line(1, 88.0, 20.5, "★"),
            line(1, 150.0, 14.0, "Strasbourg, 8 September 1994"),
        ];
        for (k, text) in before_title.iter().enumerate() {
            lines.push(line(1, 200.0 + k as f32 * 14.0, 11.0, text));
        }
        lines.extend([
            line(1, 395.0, title_size * 0.97, "Agreements establishing"),
            line(1, 424.0, title_size, "the Commonwealth of"),
            line(1, 453.0, title_size * 0.95, "Independent States"),
            line(1, 487.0, 13.3, "[Done at Minsk, December 8, 1991]"),
        ]);
        for k in 0..20 {
            lines.push(line(
                1,
                520.0 + k as f32 * 14.0,
                11.0,
                "The body of the agreement goes on, line after line.",
            ));
        }
        document(&one_page(lines))
    }

    #[test]
    fn a_cover_page_title_under_a_letterhead() {
        let doc = cover(35.8, &[]);
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Agreements establishing the Commonwealth of Independent States")
        );
        // The letterhead is headings, its ornaments boilerplate; the dateline stays.
        let kinds: Vec<(BlockKind, &str)> = doc.blocks.iter().take(4).map(|b| (b.kind, doc.slice(b.span))).collect();
        assert_eq!(kinds[0], (BlockKind::Heading { level: 2 }, "Council of Europe"));
        assert_eq!(kinds[2], (BlockKind::Heading { level: 2 }, "G20"));
        assert_eq!(kinds[3].0, BlockKind::Boilerplate);
        assert!(doc.metadata.date.is_some());
        // Not when the larger type is not much larger than the letterhead's.
        assert_eq!(
            cover(16.0, &[])
                .metadata
                .title
                .as_deref()
                .map(|t| t.starts_with("Council")),
            Some(true)
        );
        // Not after a paragraph: then the large words are inside the text.
        let after_a_paragraph = cover(
            35.8,
            &["A paragraph of the text stands here before the large words, at length."],
        );
        assert_ne!(
            after_a_paragraph.metadata.title.as_deref(),
            Some("Agreements establishing the Commonwealth of Independent States")
        );
    }
}

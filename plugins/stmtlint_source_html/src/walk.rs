//! From the DOM to blocks: which element holds the statement, and what each block is.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use stmtlint_plugin::{
    Block, BlockKind, DateSource, Document, Position, SourceMap, Span, canonical_place, looks_like_place, parse_date,
    parse_dateline,
};
use stmtlint_source_text::furniture::{Furniture, furniture, is_issuer};

use stmtlint_lexicon::Lexicon;

use crate::scan::{Aligner, scan};

/// Elements whose content is never statement text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "head", "select", "button",
];

/// Elements that are site furniture wherever they stand.
const FURNITURE_ELEMENTS: &[&str] = &["nav", "header", "footer", "aside", "form", "menu"];

/// Elements that start and end a block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "caption",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "fieldset",
    "tbody",
    "thead",
    "center",
];

fn words_of(attr: &str) -> impl Iterator<Item = String> + '_ {
    attr.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// Site furniture by element name, or by a class or id word.
fn is_furniture(el: &scraper::node::Element) -> bool {
    if FURNITURE_ELEMENTS.contains(&el.name()) {
        return true;
    }
    let attrs = [el.attr("class"), el.attr("id"), el.attr("role")];
    attrs
        .into_iter()
        .flatten()
        .flat_map(words_of)
        .any(|w| Lexicon::builtin("html-furniture-words").contains(&w))
}

fn inside_furniture(el: ElementRef<'_>) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_furniture(a.value()))
}

fn letters(el: ElementRef<'_>) -> usize {
    el.text().flat_map(str::chars).filter(|c| c.is_alphabetic()).count()
}

/// The element that holds the statement: a known container with real text, else
/// the element whose paragraphs hold the most text (Readability's core idea).
fn body(html: &Html) -> Option<ego_tree::NodeId> {
    // The containers in the order the lexicon ranks them, most specific first.
    static SELECTORS: std::sync::LazyLock<Vec<Selector>> = std::sync::LazyLock::new(|| {
        let lexicon = Lexicon::builtin("html-body-selectors");
        let mut ranked: Vec<(i64, &str)> = lexicon
            .words()
            .map(|w| (lexicon.number(w).unwrap_or(i64::MAX), w))
            .collect();
        ranked.sort();
        ranked.iter().filter_map(|(_, s)| Selector::parse(s).ok()).collect()
    });
    for selector in SELECTORS.iter() {
        if let Some(el) = html
            .select(selector)
            .find(|el| !inside_furniture(*el) && letters(*el) >= 150)
        {
            return Some(el.id());
        }
    }
    let p = Selector::parse("p").ok()?;
    let mut scores: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    for para in html.select(&p).filter(|p| !inside_furniture(*p)) {
        let n = letters(para);
        for (depth, ancestor) in para.ancestors().filter_map(ElementRef::wrap).take(2).enumerate() {
            let share = if depth == 0 { n } else { n / 2 };
            match scores.iter_mut().find(|(id, _)| *id == ancestor.id()) {
                Some((_, score)) => *score += share,
                None => scores.push((ancestor.id(), share)),
            }
        }
    }
    scores.into_iter().max_by_key(|(_, score)| *score).map(|(id, _)| id)
}

/// A block being collected: its characters with their source offsets.
#[derive(Default)]
struct Pending {
    element: &'static str,
    furniture: bool,
    title: bool,
    chars: Vec<(char, usize)>,
    bold: usize,
    plain: usize,
}

/// A finished block: its kind, whether it is furniture, its characters and offsets.
type Collected = (BlockKind, bool, Vec<(char, usize)>);

/// What the walk produces.
struct Walk<'s> {
    aligner: Aligner<'s>,
    content: Option<ego_tree::NodeId>,
    title: Option<ego_tree::NodeId>,
    blocks: Vec<Collected>,
    pending: Pending,
}

fn block_name(name: &str) -> Option<&'static str> {
    BLOCKS.iter().copied().find(|b| *b == name)
}

impl Walk<'_> {
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let text: String = pending.chars.iter().map(|(c, _)| *c).collect();
        if text.trim().is_empty() {
            return;
        }
        let kind = match pending.element {
            _ if pending.title => BlockKind::Title,
            "h1" => BlockKind::Heading { level: 1 },
            "h2" => BlockKind::Heading { level: 2 },
            "h3" => BlockKind::Heading { level: 3 },
            "h4" | "h5" | "h6" => BlockKind::Heading { level: 4 },
            "li" | "dd" => BlockKind::ListItem,
            // A paragraph that is all bold and short is a heading (`<p><strong>`).
            _ if pending.bold > 0 && pending.plain == 0 && text.trim().chars().count() <= 200 => {
                BlockKind::Heading { level: 3 }
            }
            _ => BlockKind::Paragraph,
        };
        self.blocks.push((kind, pending.furniture, pending.chars));
    }

    /// Walks the page in document order. The walk keeps its own stack of open
    /// elements (ego_tree's `traverse`), so a page nested 100,000 levels deep
    /// costs memory, never the thread's stack.
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut stack = vec![Frame {
            furniture: false,
            bold: false,
            in_content: self.content.is_none(),
            block: false,
        }];
        // Depth inside an element whose content is never statement text.
        let mut skipping = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    let element = node.value().as_element();
                    if skipping > 0 {
                        skipping += usize::from(element.is_some());
                        continue;
                    }
                    let top = stack.last().copied().unwrap_or_default();
                    let frame = match node.value() {
                        Node::Text(text) => {
                            self.text(text, top);
                            Frame { block: false, ..top }
                        }
                        Node::Element(el) => {
                            let name = el.name();
                            if SKIPPED.contains(&name) {
                                skipping = 1;
                                continue;
                            }
                            if name == "br" {
                                let at = self.pending.chars.last().map_or(0, |(_, at)| *at);
                                self.pending.chars.push(('\n', at));
                            }
                            self.open(node.id(), el, top)
                        }
                        _ => Frame { block: false, ..top },
                    };
                    stack.push(frame);
                }
                Edge::Close(node) => {
                    if skipping > 0 {
                        skipping -= usize::from(node.value().is_element());
                        continue;
                    }
                    if stack.pop().is_some_and(|f| f.block) {
                        self.flush();
                    }
                }
            }
        }
    }

    /// Character data, in the element `top` describes.
    fn text(&mut self, text: &str, top: Frame) {
        if self.pending.chars.is_empty() && self.pending.element.is_empty() {
            // Text outside any block element (a bare link in <body>).
            self.pending.furniture = top.furniture || !top.in_content;
        }
        let offsets = self.aligner.locate(text);
        for (c, at) in text.chars().zip(offsets) {
            if !c.is_whitespace() {
                if top.bold {
                    self.pending.bold += 1
                } else {
                    self.pending.plain += 1
                }
            }
            self.pending.chars.push((c, at));
        }
    }

    /// An element opens inside `top`: what it is, and whether it starts a block.
    fn open(&mut self, id: ego_tree::NodeId, el: &scraper::node::Element, top: Frame) -> Frame {
        let name = el.name();
        let is_title = Some(id) == self.title;
        let is_content = Some(id) == self.content;
        let in_content = top.in_content || is_content;
        // The statement's own container and title are never furniture.
        let furniture = !is_title && !is_content && (top.furniture || is_furniture(el));
        let block = block_name(name);
        if let Some(element) = block {
            self.flush();
            self.pending.element = element;
            self.pending.title = is_title;
            self.pending.furniture = furniture || (!in_content && !is_title);
        }
        Frame {
            furniture,
            bold: top.bold || matches!(name, "strong" | "b"),
            in_content,
            block: block.is_some(),
        }
    }
}

/// What the walk knows of an open element: whether it is furniture, bold, inside
/// the statement's container, and whether it started a block.
#[derive(Clone, Copy, Default)]
struct Frame {
    furniture: bool,
    bold: bool,
    in_content: bool,
    block: bool,
}

/// Collapses white space (no-break spaces too) and drops soft hyphens, keeping each
/// kept character's source offset.
fn normalize(chars: &[(char, usize)]) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    for &(c, at) in chars {
        if c == '\u{ad}' || c == '\u{200b}' {
            continue;
        }
        if c.is_whitespace() {
            if out.last().is_some_and(|(last, _)| *last != ' ') {
                out.push((' ', at));
            }
            continue;
        }
        out.push((c, at));
    }
    while out.last().is_some_and(|(c, _)| *c == ' ') {
        out.pop();
    }
    out
}

/// Line and column of byte offsets of `src`, computed moving forward.
struct Lines<'s> {
    src: &'s str,
    at: usize,
    line: u32,
    column: u32,
}

impl Lines<'_> {
    fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.src.len());
        if offset < self.at {
            // Rare (text reordered by the parser): restart from the top.
            *self = Lines {
                src: self.src,
                at: 0,
                line: 1,
                column: 1,
            };
        }
        for c in self.src[self.at..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.at = offset;
        Position {
            page: None,
            line: self.line,
            column: self.column,
        }
    }
}

/// The page's own metadata: `og:title`, `<title>`, and the published time.
fn meta(html: &Html) -> (Option<String>, Option<stmtlint_plugin::Date>) {
    let content = |selector: &str| {
        Selector::parse(selector)
            .ok()
            .and_then(|s| html.select(&s).next())
            .and_then(|m| m.attr("content").map(str::to_owned))
    };
    let title = content("meta[property='og:title']").or_else(|| {
        let s = Selector::parse("title").ok()?;
        let title: String = html.select(&s).next()?.text().collect();
        // `Statement - Press Releases - Portal`: the site's sections are not the title.
        let mut title = title.trim().to_owned();
        while let Some((head, tail)) = [" | ", " - ", " – ", " — "]
            .iter()
            .find_map(|sep| title.rsplit_once(sep))
            && tail.split_whitespace().count() <= 4
            && !head.trim().is_empty()
        {
            title = head.trim().to_owned();
        }
        (!title.is_empty()).then_some(title)
    });
    let date = [
        "meta[property='article:published_time']",
        "meta[name='date']",
        "meta[name='DC.date']",
        "meta[itemprop='datePublished']",
    ]
    .iter()
    .find_map(|s| content(s))
    .or_else(|| {
        let s = Selector::parse("time[datetime]").ok()?;
        html.select(&s).next()?.attr("datetime").map(str::to_owned)
    })
    .and_then(|d| parse_date(d.get(..10).unwrap_or(&d)));
    (title, date)
}

/// The document of a decoded page.
pub(crate) fn document(src: &str) -> Document {
    let html = Html::parse_document(src);
    let scanned = scan(src);
    let content = body(&html);
    let title = title_element(&html, content);
    let mut walk = Walk {
        aligner: Aligner::new(&scanned),
        content,
        title,
        blocks: Vec::new(),
        pending: Pending::default(),
    };
    walk.walk(html.tree.root());
    walk.flush();
    let (meta_title, meta_date) = meta(&html);

    let mut doc = Document {
        format: "html".into(),
        ..Document::default()
    };
    let mut lines = Lines {
        src,
        at: 0,
        line: 1,
        column: 1,
    };
    for (kind, furniture, chars) in walk.blocks {
        let chars = normalize(&chars);
        if chars.is_empty() {
            continue;
        }
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        let start = doc.text.len();
        let mut word_start = true;
        for (c, at) in chars {
            if word_start && c != ' ' {
                doc.source_map.push(doc.text.len(), lines.position(at));
            }
            word_start = c == ' ';
            doc.text.push(c);
        }
        let kind = if furniture { BlockKind::Boilerplate } else { kind };
        doc.blocks.push(Block {
            kind,
            span: Span::new(start, doc.text.len()),
        });
    }
    if doc.source_map.anchors().is_empty() {
        doc.source_map = SourceMap::identity();
    }
    classify_header(&mut doc);
    finish_metadata(&mut doc, meta_title, meta_date);
    // A feed item's body: no page around it, no `<h1>`, no title found.
    let has_tag = |tag: &[u8]| src.as_bytes().windows(tag.len()).any(|w| w.eq_ignore_ascii_case(tag));
    doc.metadata.fragment =
        doc.metadata.title.is_none() && !has_tag(b"<html") && !has_tag(b"<body") && !has_tag(b"<h1");
    doc
}

/// The statement's `<h1>`: the first in the body, else the first outside furniture.
fn title_element(html: &Html, content: Option<ego_tree::NodeId>) -> Option<ego_tree::NodeId> {
    let h1 = Selector::parse("h1").ok()?;
    let in_content = |el: &ElementRef<'_>| content.is_some_and(|c| el.ancestors().any(|a| a.id() == c));
    let candidates: Vec<ElementRef<'_>> = html.select(&h1).filter(|el| letters(*el) > 0).collect();
    candidates
        .iter()
        .find(|el| in_content(el))
        .or_else(|| candidates.iter().find(|el| !inside_furniture(**el)))
        .map(|el| el.id())
}

/// In the first blocks of the body: datelines, the issuing office, and furniture
/// lines such as `Begin text:`; anywhere in the body, a line that starts with a date
/// and holds nothing else but a place or a time (some ministries sign off with
/// `PUTRAJAYA` / `25 JANUARY 2022`, others with `December 6, 2021, Minsk`).
fn classify_header(doc: &mut Document) {
    let mut seen = 0;
    let mut previous: Option<usize> = None;
    let mut after_title = false;
    for i in 0..doc.blocks.len() {
        let block = doc.blocks[i];
        after_title |= block.kind == BlockKind::Title;
        // A CMS puts the dateline in its own field between the title and the body.
        if block.kind == BlockKind::Boilerplate && after_title && seen == 0 {
            if let Some(dl) = parse_dateline(doc.slice(block.span).trim()) {
                doc.blocks[i].kind = BlockKind::Dateline;
                doc.metadata.set_date(Some(dl.date), DateSource::Dateline);
                if let Some(place) = dl.place {
                    doc.metadata.place.get_or_insert(place);
                }
            }
            continue;
        }
        if block.kind == BlockKind::Boilerplate || block.kind == BlockKind::Title {
            continue;
        }
        let text = doc.slice(block.span).trim().to_owned();
        seen += 1;
        if furniture(&text) != Furniture::No && text.len() < 80 {
            doc.blocks[i].kind = BlockKind::Boilerplate;
        } else if seen <= 6 && is_issuer(&text) {
            doc.metadata.issuer.get_or_insert(text);
            doc.blocks[i].kind = BlockKind::Boilerplate;
        } else if let Some(dl) = parse_dateline(&text).filter(|dl| seen <= 6 || dl.date_span.start == 0) {
            doc.blocks[i].kind = BlockKind::Dateline;
            doc.metadata.set_date(Some(dl.date), DateSource::Dateline);
            if let Some(place) = dl.place {
                doc.metadata.place.get_or_insert(canonical_place(&place));
            } else if let Some(p) = previous.filter(|p| looks_like_place(doc.slice(doc.blocks[*p].span).trim())) {
                let place = doc.slice(doc.blocks[p].span).trim().to_owned();
                doc.blocks[p].kind = BlockKind::Dateline;
                doc.metadata.place.get_or_insert(canonical_place(&place));
            }
        }
        previous = Some(i);
    }
}

/// Title and date from the blocks, else from the page's metadata, else (for the
/// date) from the opening sentence.
fn finish_metadata(doc: &mut Document, meta_title: Option<String>, meta_date: Option<stmtlint_plugin::Date>) {
    if let Some(title) = doc.blocks.iter().find(|b| b.kind == BlockKind::Title) {
        doc.metadata.title = Some(doc.slice(title.span).to_owned());
    } else {
        doc.metadata.title = meta_title;
    }
    doc.metadata.set_date(meta_date, DateSource::Meta);
    doc.date_from_text();
}

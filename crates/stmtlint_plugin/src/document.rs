//! The document model every source produces and every rule reads.

use jiff::civil::Date;

/// A byte range `[start, end)` into [`Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// When `start > end`: a reversed span is always a bug in the caller.
    pub fn new(start: usize, end: usize) -> Self {
        assert!(start <= end, "span start {start} is after its end {end}");
        Self { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span (a point).
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// What a block of the document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The statement's title.
    Title,
    /// A dateline or header line carrying place and/or date.
    Dateline,
    /// A section heading; level 1 is the highest.
    Heading {
        /// Nesting level, 1 to 6.
        level: u8,
    },
    /// A body paragraph.
    Paragraph,
    /// One item of a list.
    ListItem,
    /// Site or page furniture (navigation, contacts, running headers): never linted.
    Boilerplate,
}

impl BlockKind {
    /// The kebab-case name used in `stmtlint extract` and its JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Dateline => "dateline",
            Self::Heading { .. } => "heading",
            Self::Paragraph => "paragraph",
            Self::ListItem => "list-item",
            Self::Boilerplate => "boilerplate",
        }
    }

    /// The heading level, for headings only.
    pub fn level(self) -> Option<u8> {
        match self {
            Self::Heading { level } => Some(level),
            _ => None,
        }
    }
}

/// A structural unit of the document, as a span into its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where its text stands, without markup such as `## ` or `**`.
    pub span: Span,
}

/// What the source could tell about the statement as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The title, with markup removed.
    pub title: Option<String>,
    /// The date the statement was issued.
    pub date: Option<Date>,
    /// Where it was issued, in its English name (`Bruxelles` becomes `Brussels`).
    pub place: Option<String>,
    /// The office that issued it (`Office of the Spokesperson`).
    pub issuer: Option<String>,
    /// The dialogue or meeting series it belongs to (`EU-U.S. Cyber Dialogue`).
    pub series: Option<String>,
    /// The meeting's ordinal within its series (`third meeting` is 3, `inaugural` is 1).
    pub ordinal: Option<u32>,
    /// The parties, as named in the series name.
    pub parties: Vec<String>,
    /// Where `date` was found.
    pub date_source: Option<DateSource>,
    /// A content system's body fragment: a page with no `<html>`, `<body>` or `<h1>`
    /// and no title line (the State Department's feed items), which has no title of
    /// its own to check.
    pub fragment: bool,
}

/// Where a statement's date was found, best first (DESIGN §9).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// A dateline (`Brussels, 16 December 2016`) or the page's own date field.
    Dateline,
    /// The page's metadata (`<meta property="article:published_time">`).
    Meta,
    /// The front matter of a Markdown or text file (`date: 2021-09-29`).
    FrontMatter,
    /// The title, or the first dated sentence of the statement proper.
    Text,
    /// A date at the start of the file name (`2022-03-30-…`, `state-20220330-…`).
    FileName,
}

impl DateSource {
    /// As `extract` writes it: `dateline`, `meta`, `front-matter`, `text`, `file-name`.
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Dateline => "dateline",
            DateSource::Meta => "meta",
            DateSource::FrontMatter => "front-matter",
            DateSource::Text => "text",
            DateSource::FileName => "file-name",
        }
    }
}

impl Metadata {
    /// Sets the date, unless one was found already (the first source found wins).
    pub fn set_date(&mut self, date: Option<Date>, source: DateSource) {
        if self.date.is_none()
            && let Some(date) = date
        {
            self.date = Some(date);
            self.date_source = Some(source);
        }
    }
}

/// The first date of a sentence that says when something happened ("On February 4,
/// 2022, …", "held on 3 May 2021"), not one that names another event ("as
/// reconfirmed in the June 15, 2021 Summit Statement": a date after "the").
fn event_date(sentence: &str) -> Option<Date> {
    crate::find_dates(sentence).into_iter().find_map(|(span, date)| {
        let before = sentence[..span.start].trim_end();
        let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        (!word.eq_ignore_ascii_case("the")).then_some(date)
    })
}

/// A paragraph's first sentence: up to a full stop followed by a space and a
/// capital, unless the stop is an abbreviation's (`U.S. and`, `Mr. Blinken`, `Feb.
/// 4`: `config/lexicons/abbreviations.toml`) or an initial's (`J. Smith`).
fn first_sentence(text: &str) -> &str {
    let abbreviations = stmtlint_lexicon::builtin!("abbreviations");
    for (i, _) in text.match_indices(". ") {
        let word = text[..i].rsplit(char::is_whitespace).next().unwrap_or("");
        let dotted = word.contains('.') || word.chars().count() == 1;
        let capital_next = text[i + 2..].trim_start().starts_with(char::is_uppercase);
        if !dotted && capital_next && !abbreviations.contains(word) {
            return &text[..=i];
        }
    }
    text
}

/// A position in the original file, 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The page, for paginated sources (PDF); `None` elsewhere.
    pub page: Option<u32>,
    /// The line: of the file for text and HTML, of the page's text for PDF.
    pub line: u32,
    /// The column, in characters.
    pub column: u32,
}

/// Maps byte offsets of [`Document::text`] back to positions in the original file.
///
/// It is a sorted list of anchors: a text offset and the file position of the
/// character there. A position between anchors is found by counting characters and
/// line breaks forward from the anchor before it, so a source needs an anchor only
/// where its text and the file stop running in step (at each extracted run of an
/// HTML page, at each line of a PDF page, and once at the start of a text file).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    anchors: Vec<(usize, Position)>,
}

impl SourceMap {
    /// The map of a text that is the file itself: offset 0 is line 1, column 1.
    pub fn identity() -> Self {
        Self {
            anchors: vec![(
                0,
                Position {
                    page: None,
                    line: 1,
                    column: 1,
                },
            )],
        }
    }

    /// Whether this is the map of a text that is the file itself.
    pub fn is_identity(&self) -> bool {
        *self == Self::identity()
    }

    /// Adds an anchor; anchors must be pushed in increasing text order.
    pub fn push(&mut self, text_offset: usize, position: Position) {
        debug_assert!(self.anchors.last().is_none_or(|(o, _)| *o <= text_offset));
        self.anchors.push((text_offset, position));
    }

    /// The anchors, in text order.
    pub fn anchors(&self) -> &[(usize, Position)] {
        &self.anchors
    }

    /// The file position of byte `offset` of `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        self.locate(text, offset, None, None)
    }

    /// [`SourceMap::position`], with the offsets of `text`'s line breaks and a
    /// count of its characters when known.
    fn locate(&self, text: &str, offset: usize, newlines: Option<&[usize]>, chars: Option<&CharCount>) -> Position {
        let offset = floor_char_boundary(text, offset);
        let i = self.anchors.partition_point(|(o, _)| *o <= offset);
        let Some(&(start, mut pos)) = i.checked_sub(1).and_then(|i| self.anchors.get(i)) else {
            return Position {
                page: None,
                line: 1,
                column: 1,
            };
        };
        // Whole lines are counted by their line breaks, the last one in characters.
        let between = &text[start..offset];
        let (lines, last) = match newlines {
            Some(index) => {
                let (from, to) = (
                    index.partition_point(|n| *n < start),
                    index.partition_point(|n| *n < offset),
                );
                (to - from, index[from..to].last().map(|n| n - start))
            }
            None => (between.bytes().filter(|b| *b == b'\n').count(), between.rfind('\n')),
        };
        // Characters between two offsets: counted, or from the index of a long text.
        let count = |from: usize, to: usize| {
            let n = match chars {
                Some(index) => index.between(text, from, to),
                None => text[from..to].chars().count(),
            };
            u32::try_from(n).unwrap_or(u32::MAX)
        };
        match last {
            Some(last) => {
                pos.line = pos.line.saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
                pos.column = 1 + count(start + last + 1, offset);
            }
            None => pos.column = pos.column.saturating_add(count(start, offset)),
        }
        pos
    }
}

/// How many characters a long text has before each block of [`CharCount::BLOCK`]
/// bytes, so the characters between two offsets cost at most two blocks' worth of
/// counting, however long the line (a statement on one 20 MB line).
struct CharCount {
    /// For block `i`: the characters before its first char boundary at or after
    /// `i * BLOCK`, and that boundary.
    blocks: Vec<(usize, usize)>,
}

impl CharCount {
    const BLOCK: usize = 4096;

    fn new(text: &str) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / Self::BLOCK + 1);
        let (mut at, mut chars) = (0, 0);
        for i in 0..=text.len() / Self::BLOCK {
            let mut boundary = (i * Self::BLOCK).min(text.len());
            while !text.is_char_boundary(boundary) {
                boundary += 1;
            }
            chars += text[at..boundary].chars().count();
            at = boundary;
            blocks.push((chars, boundary));
        }
        Self { blocks }
    }

    /// The characters of `text[..offset]`.
    fn before(&self, text: &str, offset: usize) -> usize {
        let i = (offset / Self::BLOCK).min(self.blocks.len() - 1);
        let (mut chars, mut at) = self.blocks[i];
        if at > offset {
            // The block's boundary is past `offset` (inside a character): go back one.
            (chars, at) = if i > 0 { self.blocks[i - 1] } else { (0, 0) };
        }
        chars + text[at..offset].chars().count()
    }

    fn between(&self, text: &str, from: usize, to: usize) -> usize {
        self.before(text, to) - self.before(text, from)
    }
}

/// Positions of many offsets of one document: its line breaks are indexed once, so
/// each position costs a search and the characters of one line.
pub struct Locator<'d> {
    doc: &'d Document,
    newlines: Vec<usize>,
    /// For a long text, its characters counted block by block.
    chars: Option<CharCount>,
}

impl<'d> Locator<'d> {
    /// Indexes `doc`'s line breaks (and, in a long text, its characters).
    pub fn new(doc: &'d Document) -> Self {
        let newlines = memchr::memchr_iter(b'\n', doc.text.as_bytes()).collect();
        let chars = (doc.text.len() > 16 * CharCount::BLOCK).then(|| CharCount::new(&doc.text));
        Self { doc, newlines, chars }
    }

    /// The document.
    pub fn document(&self) -> &'d Document {
        self.doc
    }

    /// The file position of byte `offset` of the document's text.
    pub fn position(&self, offset: usize) -> Position {
        self.doc
            .source_map
            .locate(&self.doc.text, offset, Some(&self.newlines), self.chars.as_ref())
    }
}

/// The largest char boundary of `text` at or below `offset`.
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One input file as the rules see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Unique within a run (set by the engine); plugins use it to recognize a
    /// document they have seen.
    pub id: u64,
    /// The source that read it: `text`, `html`, `pdf`, or a plugin's name.
    pub format: String,
    /// The normalized UTF-8 text every span points into.
    pub text: String,
    /// The blocks, in text order, non-overlapping.
    pub blocks: Vec<Block>,
    /// What is known of the statement as a whole.
    pub metadata: Metadata,
    /// From text offsets back to the original file.
    pub source_map: SourceMap,
    /// Things the source wants the user to know (the encoding it guessed, say).
    pub notes: Vec<String>,
}

impl Document {
    /// The text a span covers.
    ///
    /// # Panics
    /// When the span is out of range or not on char boundaries: spans come from the
    /// source and the rules, and a bad one is a bug there.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The blocks rules should lint: everything but boilerplate.
    pub fn content_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind != BlockKind::Boilerplate)
    }

    /// The headings, with their level and text.
    pub fn headings(&self) -> impl Iterator<Item = (u8, &str, Span)> {
        self.blocks.iter().filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((level, self.slice(b.span), b.span)),
            _ => None,
        })
    }

    /// Dates a document that has no date yet from its text: the first full date of
    /// its title (`Statement at the Summit (May 15, 2020)`), else the first dated
    /// opening sentence of the statement proper — the first sentences of its first
    /// paragraphs after a preamble such as "The following is the text of a joint
    /// statement …" / "Begin text:" (`config/lexicons/preamble-phrases.toml`). A
    /// later sentence of a paragraph tells of other days ("… built on the
    /// discussions held on March 12, 2021").
    pub fn date_from_text(&mut self) {
        if self.metadata.date.is_none() {
            let date = self.text_date();
            self.metadata.set_date(date, DateSource::Text);
        }
    }

    /// Where the statement proper begins (a byte offset of the text): after a
    /// preamble a press office puts before a statement it passes on ("The text of the
    /// following statement was released by …", "Begin Text:";
    /// `config/lexicons/preamble-phrases.toml`) among the first blocks, else 0.
    pub fn statement_proper(&self) -> usize {
        /// Blocks at the top where a preamble may stand.
        const PREAMBLE_BLOCKS: usize = 6;
        let preamble = stmtlint_lexicon::builtin!("preamble-phrases");
        let is_preamble = |b: &Block| {
            let start = self.slice(b.span).trim_start();
            let lower: String = start.chars().take(64).collect::<String>().to_lowercase();
            preamble.words().any(|p| lower.starts_with(p))
        };
        self.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Boilerplate))
            .take(PREAMBLE_BLOCKS)
            .filter(|b| is_preamble(b))
            .last()
            .map_or(0, |b| b.span.end)
    }

    fn text_date(&self) -> Option<Date> {
        /// Paragraphs of the statement proper whose opening sentence is read.
        const PARAGRAPHS: usize = 3;
        let first = |s: &str| crate::find_dates(s).first().map(|(_, d)| *d);
        if let Some(date) = self.metadata.title.as_deref().and_then(first) {
            return Some(date);
        }
        let proper = self.statement_proper();
        for sentence in self
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph && b.span.start >= proper)
            .take(PARAGRAPHS)
            .map(|b| first_sentence(self.slice(b.span)))
        {
            if let Some(date) = event_date(sentence) {
                return Some(date);
            }
            // "met today in Washington": the date is relative to one this text does
            // not give (the file name may); a later sentence's date is another day's.
            if sentence
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("yesterday"))
            {
                return None;
            }
        }
        None
    }

    /// The file position of a text offset.
    pub fn position(&self, offset: usize) -> Position {
        self.source_map.position(&self.text, offset)
    }

    /// Checks the invariants every source must keep: blocks in order, not
    /// overlapping, inside the text and on char boundaries.
    pub fn validate(&self) -> Result<(), String> {
        let mut last_end = 0;
        for block in &self.blocks {
            let Span { start, end } = block.span;
            if start < last_end || end > self.text.len() || start > end {
                return Err(format!("block {start}..{end} is out of order or out of range"));
            }
            if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
                return Err(format!("block {start}..{end} splits a character"));
            }
            last_end = end;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_count_characters_as_the_plain_count_does() {
        // One 300 kB line of one-, two-, three- and four-byte characters.
        let line: String = "Tromsø — U.S.-EU 🙂 ".repeat(15_000);
        let text = format!("Title\n\n{line}\nlast line");
        let doc = Document {
            text: text.clone(),
            source_map: SourceMap::identity(),
            ..Document::default()
        };
        let fast = Locator::new(&doc);
        assert!(fast.chars.is_some());
        for offset in (0..text.len()).step_by(997).chain([text.len()]) {
            let offset = floor_char_boundary(&text, offset);
            assert_eq!(
                fast.position(offset),
                doc.source_map.position(&text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn identity_map_counts_lines_and_chars() {
        let text = "ab\ncø d\n";
        let map = SourceMap::identity();
        assert_eq!(
            map.position(text, 0),
            Position {
                page: None,
                line: 1,
                column: 1
            }
        );
        assert_eq!(
            map.position(text, 3),
            Position {
                page: None,
                line: 2,
                column: 1
            }
        );
        // `ø` is two bytes but one column.
        assert_eq!(
            map.position(text, 6),
            Position {
                page: None,
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn anchors_restart_counting() {
        let text = "first run second run";
        let mut map = SourceMap::default();
        map.push(
            0,
            Position {
                page: Some(1),
                line: 4,
                column: 7,
            },
        );
        map.push(
            10,
            Position {
                page: Some(2),
                line: 1,
                column: 1,
            },
        );
        assert_eq!(map.position(text, 6).column, 13);
        assert_eq!(
            map.position(text, 12),
            Position {
                page: Some(2),
                line: 1,
                column: 3
            }
        );
    }

    #[test]
    fn validate_rejects_overlapping_blocks() {
        let doc = Document {
            text: "abcdef".into(),
            blocks: vec![
                Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(0, 4),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(2, 6),
                },
            ],
            ..Document::default()
        };
        assert!(doc.validate().is_err());
    }

    fn dated(paragraphs: &[&str]) -> (Option<Date>, Option<DateSource>) {
        let mut doc = Document::default();
        for p in paragraphs {
            if !doc.text.is_empty() {
                doc.text.push_str("\n\n");
            }
            let start = doc.text.len();
            doc.text.push_str(p);
            let kind = if p.starts_with("Begin") {
                BlockKind::Boilerplate
            } else {
                BlockKind::Paragraph
            };
            doc.blocks.push(Block {
                kind,
                span: Span::new(start, doc.text.len()),
            });
        }
        doc.date_from_text();
        (doc.metadata.date, doc.metadata.date_source)
    }

    #[test]
    fn the_date_of_the_statement_proper_after_its_preamble() {
        let d = |s: &str| Some(s.parse::<Date>().unwrap());
        // The State Department's feed item: preamble, "Begin Text:", the statement.
        let (date, source) = dated(&[
            "The text of the following statement was released by the Governments of the U.S. and Czechia on March 30, 2022.",
            "Begin Text:",
            "On March 29, 2022, the U.S. and the Czech Republic held their Strategic Dialogue.",
        ]);
        assert_eq!((date, source), (d("2022-03-29"), Some(DateSource::Text)));
        // An abbreviation's full stop does not end the opening sentence.
        assert_eq!(
            dated(&["The U.S. and Japan met in Tokyo on 4 February 2022."]).0,
            d("2022-02-04")
        );
        // A date after "the" names another event; a later sentence tells of another day.
        assert_eq!(
            dated(&["As reconfirmed in the June 15, 2021 Summit Statement, the Council met. It recalled May 3, 2020."])
                .0,
            None
        );
        assert_eq!(
            dated(&["The leaders met.", "On 3 May 2021 they agreed."]).0,
            d("2021-05-03")
        );
        // "today" is relative to a date the text does not give.
        assert_eq!(
            dated(&["The Council met today in Washington.", "On 3 May 2021 they agreed."]).0,
            None
        );
        assert_eq!(dated(&["No date here at all."]), (None, None));
    }
}

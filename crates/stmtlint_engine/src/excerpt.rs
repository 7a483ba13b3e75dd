//! The lines a human report quotes around a finding: the file's own lines, made
//! while the document is alive so it can be dropped.
//!
//! - A text file is its document's text, so its lines are the text's.
//! - An HTML page's text is not the file: the report quotes the page's own lines
//!   (markup and all), where the finding's line and column point.
//! - A PDF has no lines of its own: the report quotes the lines of the page's
//!   extracted text, numbered as on the page.
//!
//! Long lines (minified HTML, a paragraph on one line) are cut to a window around
//! the spans, with `…` where text was left out.

use stmtlint_plugin::{Locator, Position, Span};

/// Characters of a quoted line kept on each side of the spans.
const MARGIN: usize = 40;
/// A line longer than this many characters is cut.
const WIDE: usize = 120;

/// The lines around a finding's spans, ready to render.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Excerpt {
    /// The quoted lines, one chunk per group of nearby spans.
    pub chunks: Vec<Chunk>,
    /// Each span the excerpt was made for (the finding's, then its labels'), as
    /// offsets into the chunks' joint text (a chunk starts at its `offset`);
    /// `None` where the span could not be quoted.
    pub spans: Vec<Option<Span>>,
    /// The file position (0-based line and column) of each span, for the header.
    pub positions: Vec<(usize, usize)>,
}

/// Consecutive lines of the file (or of a PDF page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Where the chunk starts in the excerpt's joint text.
    pub offset: usize,
    /// The number of its first line, 0-based.
    pub line: usize,
    /// The page, for a PDF.
    pub page: Option<u32>,
    /// The lines, joined by line breaks, possibly cut.
    pub text: String,
}

/// What the excerpts of one document are made from: its locator and the lines
/// to quote (the file's, or a PDF's pages'), split once per document however many
/// findings it has.
pub struct Quoter<'d> {
    at: Locator<'d>,
    lines: Lines<'d>,
    paged: bool,
}

impl<'d> Quoter<'d> {
    /// The quoter of `doc`; `file` is the file's text when the document's text is
    /// not (an HTML page).
    pub fn new(doc: &'d stmtlint_plugin::Document, file: Option<&'d str>) -> Self {
        let paged = doc.source_map.anchors().iter().any(|(_, p)| p.page.is_some());
        let lines = if paged {
            Lines::of_pages(doc)
        } else {
            match file {
                Some(file) if !doc.source_map.is_identity() => Lines::of_text(file),
                _ => Lines::of_text(&doc.text),
            }
        };
        Self {
            at: Locator::new(doc),
            lines,
            paged,
        }
    }

    /// The document's locator.
    pub fn locator(&self) -> &Locator<'d> {
        &self.at
    }
}

impl Excerpt {
    /// The excerpt of `spans` of the document `quoter` quotes.
    pub fn of(quoter: &Quoter<'_>, spans: &[Span]) -> Self {
        let (at, lines) = (&quoter.at, &quoter.lines);
        let doc = at.document();
        let positions: Vec<(Position, Position)> = spans
            .iter()
            .map(|s| (at.position(s.start), at.position(s.end)))
            .collect();
        let places: Vec<Option<Place>> = if quoter.paged {
            spans.iter().map(|s| lines.place(doc, *s)).collect()
        } else {
            positions.iter().map(|(s, e)| Some(Place::of_file(*s, *e))).collect()
        };
        let mut excerpt = Self {
            positions: positions
                .iter()
                .map(|(p, _)| (p.line.saturating_sub(1) as usize, p.column.saturating_sub(1) as usize))
                .collect(),
            spans: vec![None; spans.len()],
            ..Self::default()
        };
        for group in groups(lines, &places) {
            excerpt.chunk(lines, &places, &group);
        }
        excerpt
    }

    /// Quotes the lines of the spans `group` (one line of context each side), cut
    /// to one window of columns when a line is long.
    fn chunk(&mut self, lines: &Lines<'_>, places: &[Option<Place>], group: &[usize]) {
        let places: Vec<(usize, Place)> = group.iter().filter_map(|i| Some((*i, places[*i]?))).collect();
        let Some(first) = places.iter().map(|(_, p)| p.line).min() else {
            return;
        };
        let last = places.iter().map(|(_, p)| p.end_line).max().unwrap_or(first);
        if last >= lines.texts.len() {
            return;
        }
        let from = if first > 0 && lines.follows(first - 1) {
            first - 1
        } else {
            first
        };
        let to = if lines.follows(last) { last + 1 } else { last };
        let lo = places
            .iter()
            .map(|(_, p)| p.column.min(p.end_column))
            .min()
            .unwrap_or(0);
        let hi = places
            .iter()
            .map(|(_, p)| p.column.max(p.end_column))
            .max()
            .unwrap_or(0);
        let widest = (from..=to).map(|l| lines.width(l)).max().unwrap_or(0);
        let (start, end) = if widest <= WIDE {
            (0, widest)
        } else {
            let start = lo.saturating_sub(MARGIN);
            (start, (hi + MARGIN).max(start + WIDE - MARGIN))
        };
        let offset = self.chunks.last().map_or(0, |c| c.offset + c.text.len() + 1);
        // Only long lines are cut; each quoted line's window, and where it starts
        // in `text`.
        let window = |l: usize| {
            let count = lines.width(l);
            if count > WIDE { (start, end) } else { (0, count) }
        };
        let mut text = String::new();
        let mut begins = Vec::new();
        for l in from..=to {
            if l > from {
                text.push('\n');
            }
            let (first, stop) = window(l);
            let line = lines.texts[l];
            if first > 0 {
                text.push('…');
            }
            begins.push(text.len());
            text.push_str(&line[lines.byte_at(l, first)..lines.byte_at(l, stop.max(first))]);
            if lines.width(l) > stop {
                text.push('…');
            }
        }
        // A column of a line as an offset of the joint text, held to the window.
        let at = |line: usize, column: usize| {
            let (first, stop) = window(line);
            let kept = lines.byte_at(line, column.clamp(first, stop.max(first))) - lines.byte_at(line, first);
            offset + begins[line - from] + kept
        };
        for (i, p) in &places {
            let (s, e) = (at(p.line, p.column), at(p.end_line, p.end_column));
            self.spans[*i] = Some(Span::new(s, e.max(s)));
        }
        let (page, line) = lines.numbers[from];
        self.chunks.push(Chunk {
            offset,
            line,
            page,
            text,
        });
    }
}

/// Spans quoted together: on one page, on lines that touch (one line of context
/// each side), close enough in columns to share a window.
fn groups(lines: &Lines<'_>, places: &[Option<Place>]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..places.len()).filter(|i| places[*i].is_some()).collect();
    order.sort_by_key(|i| places[*i].map(|p| p.line));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let Some(p) = places[i] else { continue };
        let joins = |group: &Vec<usize>| {
            let members = group.iter().filter_map(|j| places[*j]);
            let (mut last, mut lo, mut hi) = (0, p.column.min(p.end_column), p.column.max(p.end_column));
            for m in members {
                last = last.max(m.end_line);
                lo = lo.min(m.column.min(m.end_column));
                hi = hi.max(m.column.max(m.end_column));
            }
            // (Distance first: a label at the top and a finding 30,000 lines down
            // must not walk the lines between.)
            let near = last + 2 >= p.line && (last..p.line).all(|l| lines.follows(l));
            near && hi - lo <= 2 * WIDE
        };
        match groups.last_mut() {
            Some(group) if joins(group) => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// The lines a finding is quoted from, and how the report numbers them.
struct Lines<'a> {
    /// Each line, without its line break.
    texts: Vec<&'a str>,
    /// The page and the 0-based number of each line.
    numbers: Vec<(Option<u32>, usize)>,
    /// For a PDF: where each line starts and ends in the document text, and its
    /// index in `texts`, in text order.
    starts: Vec<(usize, usize, usize)>,
    /// Each line's width and marks, made the first time a finding quotes it.
    indexes: Vec<std::cell::OnceCell<LineIndex>>,
}

/// A line's width in characters and, in a long line, the byte offset of every
/// [`MARK`]th character: a window of a 20 MB line is cut without counting its
/// characters from the start for every finding.
struct LineIndex {
    width: usize,
    marks: Vec<usize>,
}

/// Characters between two marks of a long line.
const MARK: usize = 256;

impl<'a> Lines<'a> {
    /// The lines of a text that is (or stands for) the file.
    fn of_text(text: &'a str) -> Self {
        let texts: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
        let numbers = (0..texts.len()).map(|n| (None, n)).collect();
        let indexes = texts.iter().map(|_| std::cell::OnceCell::new()).collect();
        Self {
            texts,
            numbers,
            starts: Vec::new(),
            indexes,
        }
    }

    fn index(&self, l: usize) -> &LineIndex {
        self.indexes[l].get_or_init(|| {
            let line = self.texts[l];
            if line.len() <= MARK {
                return LineIndex {
                    width: line.chars().count(),
                    marks: Vec::new(),
                };
            }
            let mut marks = Vec::new();
            let mut width = 0;
            for (i, (at, _)) in line.char_indices().enumerate() {
                if i % MARK == 0 {
                    marks.push(at);
                }
                width = i + 1;
            }
            LineIndex { width, marks }
        })
    }

    /// Line `l`'s width in characters.
    fn width(&self, l: usize) -> usize {
        self.index(l).width
    }

    /// The byte offset of character `column` of line `l` (its end past the last).
    fn byte_at(&self, l: usize, column: usize) -> usize {
        let line = self.texts[l];
        let index = self.index(l);
        if column >= index.width {
            return line.len();
        }
        let (from, skip) = match index.marks.get(column / MARK) {
            Some(&mark) => (mark, column % MARK),
            None => (0, column),
        };
        line[from..]
            .char_indices()
            .nth(skip)
            .map_or(line.len(), |(i, _)| from + i)
    }

    /// A PDF's lines as they stand on its pages: the source anchors each page line
    /// where its text starts in the document (paragraphs join them, and furniture
    /// met inside a paragraph comes after it), so they are put back in page order.
    fn of_pages(doc: &'a stmtlint_plugin::Document) -> Self {
        let anchors = doc.source_map.anchors();
        let mut lines: Vec<(Option<u32>, usize, usize, usize)> = anchors
            .iter()
            .enumerate()
            .map(|(i, (start, p))| {
                let next = anchors.get(i + 1).map_or(doc.text.len(), |(o, _)| *o).max(*start);
                let end = start + doc.text[*start..next].trim_end().len();
                (p.page, p.line.saturating_sub(1) as usize, *start, end)
            })
            .collect();
        lines.sort_by_key(|(page, line, start, _)| (*page, *line, *start));
        let mut starts: Vec<(usize, usize, usize)> = lines.iter().enumerate().map(|(i, l)| (l.2, l.3, i)).collect();
        starts.sort_unstable();
        Self {
            texts: lines.iter().map(|l| &doc.text[l.2..l.3]).collect(),
            numbers: lines.iter().map(|l| (l.0, l.1)).collect(),
            starts,
            indexes: lines.iter().map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// Whether line `i + 1` is the line after `i` on the same page.
    fn follows(&self, i: usize) -> bool {
        match (self.numbers.get(i), self.numbers.get(i + 1)) {
            (Some((page, n)), Some((next_page, m))) => page == next_page && n + 1 == *m,
            _ => false,
        }
    }

    /// Where a span of a PDF's text stands on its page lines.
    fn place(&self, doc: &stmtlint_plugin::Document, span: Span) -> Option<Place> {
        let locate = |offset: usize, end: bool| {
            // The last line starting at or before the offset (before it, for an end).
            let k = self
                .starts
                .partition_point(|(s, _, _)| if end { *s < offset } else { *s <= offset });
            let (start, stop, index) = *self.starts.get(k.checked_sub(1)?)?;
            let column = doc.text.get(start..offset.min(stop).max(start))?.chars().count();
            Some((index, column))
        };
        let (line, column) = locate(span.start, false)?;
        let (end_line, end_column) = if span.is_empty() {
            (line, column)
        } else {
            locate(span.end, true)?
        };
        Some(Place {
            line,
            column,
            end_line: end_line.max(line),
            end_column: if end_line < line { column } else { end_column },
        })
    }
}

/// A span as lines of [`Lines`]: first and last line and the character columns
/// on them (0-based).
#[derive(Clone, Copy, Debug)]
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Place {
    /// From file positions (1-based line and column).
    fn of_file(start: Position, end: Position) -> Self {
        Self {
            line: start.line.saturating_sub(1) as usize,
            column: start.column.saturating_sub(1) as usize,
            end_line: end.line.saturating_sub(1) as usize,
            end_column: end.column.saturating_sub(1) as usize,
        }
    }
}

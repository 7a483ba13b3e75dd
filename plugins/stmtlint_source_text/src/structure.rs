//! From classified lines to blocks and metadata.
//!
//! Three parts, in document order: optional YAML front matter (metadata, then
//! boilerplate), the header (title, datelines, issuer, site furniture: short lines
//! before the body), and the body (headings, paragraphs, list items). The heuristics
//! for PDF-copied text follow `shared/research/ingestion.md` §3.1: a heading is a
//! short title-case line that stands alone between paragraphs.

use stmtlint_plugin::{
    Block, BlockKind, DateSource, Metadata, Span, canonical_place, date_mentions, looks_like_place, parse_date,
    parse_dateline,
};

use crate::furniture::{
    Furniture, furniture, is_banner, is_document_kind, is_issuer, line_names_a_document, same_words,
};
use crate::lines::{Line, Shape};

/// The blocks and metadata of one text.
pub(crate) struct Structure {
    pub blocks: Vec<Block>,
    pub metadata: Metadata,
}

struct Builder<'t> {
    text: &'t str,
    lines: Vec<Line>,
    blocks: Vec<Block>,
    metadata: Metadata,
    /// The 90th percentile of the body's line widths, in bytes: the wrap width of
    /// hard-wrapped text.
    wrap: usize,
}

/// Recovers the structure of a text.
pub(crate) fn structure(text: &str, lines: Vec<Line>) -> Structure {
    let wrap = wrap_width(text, &lines);
    let mut b = Builder {
        text,
        lines,
        blocks: Vec::new(),
        metadata: Metadata::default(),
        wrap,
    };
    let mut i = b.front_matter();
    i = b.header(i);
    b.body(i);
    Structure {
        blocks: b.blocks,
        metadata: b.metadata,
    }
}

fn wrap_width(text: &str, lines: &[Line]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| l.shape == Shape::Text)
        .map(|l| width(&text[l.content.start..l.content.end]))
        .filter(|w| *w >= 20)
        .collect();
    if widths.is_empty() {
        return 80;
    }
    widths.sort_unstable();
    widths[widths.len() * 9 / 10]
}

/// Whether `t` has fewer characters than `tenths` tenths of `wrap`: a line no
/// longer in bytes than that is, and an ASCII line has as many characters as bytes,
/// so only other lines are counted.
fn shorter(t: &str, wrap: usize, tenths: usize) -> bool {
    t.len() * 10 < wrap * tenths || (!t.is_ascii() && t.chars().count() * 10 < wrap * tenths)
}

/// The width of `t` in characters.
fn width(t: &str) -> usize {
    if t.is_ascii() { t.len() } else { t.chars().count() }
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['*', '_', ' '])
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')'])
}

/// A short line with a date the calendar lacks (`June 31, 1994`): a dateline all
/// the same when telling a title above it (`date-consistency` reports the day).
fn bad_dateline(line: &str) -> bool {
    line.len() <= 80 && date_mentions(line).iter().any(|m| m.year.is_some() && m.impossible())
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
}

/// `1.`, `IV.`, `A.`, `(a)` at the start of a heading.
fn is_numbered(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    let label = first.trim_end_matches(['.', ')']).trim_start_matches('(');
    first.len() > label.len()
        && !label.is_empty()
        && label.len() <= 4
        && (label.chars().all(|c| c.is_ascii_digit())
            || label.chars().all(|c| "IVXL".contains(c))
            || (label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase())))
}

/// A short title-case line with no final punctuation: a heading if it stands alone.
/// Shared with the PDF source, whose lines are judged the same way.
pub fn heading_like(s: &str) -> bool {
    if s.len() > 100 || !starts_upper(s) {
        return false;
    }
    // One pass over the words: how many, their letters, the significant ones (more
    // than three letters) and how many of those are capitalized.
    let (mut words, mut letters, mut lower, mut significant, mut capitalized) = (0, 0, false, 0, 0);
    for w in s.split_whitespace() {
        words += 1;
        if words > 12 {
            return false;
        }
        let mut own = 0;
        for c in w.chars() {
            own += usize::from(c.is_alphabetic());
            lower |= c.is_lowercase();
        }
        letters += own;
        if own > 3 {
            significant += 1;
            capitalized += usize::from(starts_upper(w));
        }
    }
    if words == 0 || s.ends_with(['.', ',', ';', ':', '!', '?']) && !(is_numbered(s) && words == 1) {
        return false;
    }
    let shouted = letters >= 4 && !lower;
    let heading = shouted || is_numbered(s) || (significant > 0 && capitalized * 2 >= significant);
    // A dateline is title-case and short too; parsing it is the dear test, so last.
    heading && parse_dateline(s).is_none()
}

/// `Cybercrime:` on its own line: a sub-heading.
pub fn colon_heading(s: &str) -> bool {
    let Some(name) = s.strip_suffix(':') else {
        return false;
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().count() <= 3 || starts_upper(w))
        && heading_like(name)
}

impl<'t> Builder<'t> {
    fn content(&self, i: usize) -> &'t str {
        let span = self.lines[i].content;
        &self.text[span.start..span.end]
    }

    fn push(&mut self, kind: BlockKind, span: Span) {
        if let Some(last) = self.blocks.last_mut()
            && last.kind == BlockKind::Boilerplate
            && kind == BlockKind::Boilerplate
        {
            last.span.end = span.end;
            return;
        }
        self.blocks.push(Block { kind, span });
    }

    fn next_content_line(&self, mut i: usize) -> Option<usize> {
        i += 1;
        while i < self.lines.len() && matches!(self.lines[i].shape, Shape::Blank | Shape::Break) {
            i += 1;
        }
        (i < self.lines.len()).then_some(i)
    }

    /// YAML front matter (`---` … `---` at the very start), as Markdown exports of
    /// web pages carry it: `title` and `date` become metadata, the block boilerplate.
    fn front_matter(&mut self) -> usize {
        if self
            .lines
            .first()
            .is_none_or(|l| self.text[l.full.start..l.full.end].trim_end() != "---")
        {
            return 0;
        }
        let Some(close) = (1..self.lines.len().min(80))
            .find(|&i| self.text[self.lines[i].full.start..self.lines[i].full.end].trim_end() == "---")
        else {
            return 0;
        };
        let keyed = |l: &Line| {
            let s = &self.text[l.full.start..l.full.end];
            s.starts_with([' ', '-'])
                || s.split_once(':')
                    .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '))
        };
        if close < 2 || !self.lines[1..close].iter().all(|l| l.shape == Shape::Blank || keyed(l)) {
            return 0;
        }
        for (key, value) in front_matter_entries(self.text, &self.lines[1..close]) {
            let value = yaml_scalar(&value);
            match key {
                "title" if !value.is_empty() => self.metadata.title = Some(value),
                "date" => {
                    let date = parse_date(value.get(..10).unwrap_or(&value));
                    self.metadata.set_date(date, DateSource::FrontMatter);
                }
                _ => {}
            }
        }
        self.push(BlockKind::Boilerplate, Span::new(0, self.lines[close].full.end));
        close + 1
    }

    /// The header: short lines before the body with the title, datelines, the issuer
    /// and site furniture. Returns the first line of the body.
    fn header(&mut self, mut i: usize) -> usize {
        let mut dateline_seen = false;
        // An archive's fields (`[Title] …`, `[Date] …`): what stands above the
        // title's field in brackets is the archive's banner.
        if let Some(t) = (i..self.lines.len().min(i + 20))
            .find(|&t| self.content(t).starts_with('[') && self.field(t).is_some_and(|(role, _)| role == "title"))
            && t > i
        {
            self.push(
                BlockKind::Boilerplate,
                Span::new(self.lines[i].full.start, self.lines[t - 1].full.end),
            );
            i = t;
        }
        while i < self.lines.len() {
            let line = self.lines[i];
            if matches!(
                line.shape,
                Shape::Blank | Shape::Break | Shape::PageFurniture | Shape::Comment
            ) {
                i += 1;
                continue;
            }
            if matches!(line.shape, Shape::Bullet) {
                break;
            }
            let s = self.content(i);
            if let Some((role, value)) = self.field(i) {
                let text = &self.text[value.start..value.end];
                match role {
                    "title" if self.metadata.title.is_none() && !text.is_empty() => {
                        self.metadata.title = Some(text.to_owned());
                        self.push(BlockKind::Title, value);
                    }
                    "place" if !text.is_empty() => {
                        self.metadata.place.get_or_insert_with(|| canonical_place(text));
                        self.push(BlockKind::Dateline, line.content);
                    }
                    _ => self.push(BlockKind::Boilerplate, line.content),
                }
            } else if let Some(dl) = parse_dateline(s) {
                self.push(BlockKind::Dateline, line.content);
                self.metadata.set_date(Some(dl.date), DateSource::Dateline);
                if let Some(place) = dl.place {
                    self.metadata.place.get_or_insert(place);
                }
                dateline_seen = true;
            } else if furniture(s) != Furniture::No || is_banner(s) {
                self.push(BlockKind::Boilerplate, line.content);
            } else if self.metadata.title.as_deref().is_some_and(|t| same_words(t, s)) {
                // The page repeats its title above the body.
                self.push(BlockKind::Boilerplate, line.content);
            } else if self.metadata.title.is_some() && is_document_kind(s) {
                // `Media Note` under the title: the press office's label.
                self.push(BlockKind::Boilerplate, line.content);
            } else if is_issuer(s) {
                self.metadata.issuer.get_or_insert_with(|| s.to_owned());
                self.push(BlockKind::Boilerplate, line.content);
            } else if self.place_before_date(i)
                || (dateline_seen && self.metadata.place.is_none() && looks_like_place(s) && !line_names_a_document(s))
            {
                self.metadata.place.get_or_insert_with(|| canonical_place(s));
                self.push(BlockKind::Dateline, line.content);
            } else if self.metadata.title.is_none()
                && let Some(last) = self.wrapped_title_at(i)
            {
                // A title wrapped onto the next line or two: one title.
                let title: Vec<&str> = (i..=last).map(|j| self.content(j)).collect();
                self.metadata.title = Some(title.join(" "));
                self.push(
                    BlockKind::Title,
                    Span::new(line.content.start, self.lines[last].content.end),
                );
                i = last;
            } else if self.metadata.title.is_none() && self.title_at(i) {
                self.metadata.title = Some(s.to_owned());
                self.push(BlockKind::Title, line.content);
            } else if !dateline_seen && self.label_as_title(s) && !s.ends_with(':') && self.title_at(i) {
                // `Media Note` (a press office's label) above the title: the label
                // was taken for the title, and is the page's furniture.
                if let Some(label) = self.blocks.iter_mut().rev().find(|b| b.kind == BlockKind::Title) {
                    label.kind = BlockKind::Boilerplate;
                }
                self.metadata.title = Some(s.to_owned());
                self.push(BlockKind::Title, line.content);
            } else {
                break;
            }
            i += 1;
        }
        i
    }

    /// A place alone on its line, with the date on the next (`Washington, DC` /
    /// `December 5, 2014`, or `Monday, October 18, 2010`: a dateline of its own
    /// that names no place). A title set so (`Joint Statement` / `July 25, 1994`)
    /// is no place.
    fn place_before_date(&self, i: usize) -> bool {
        let s = self.content(i);
        // Before any title, a short line above a date is more often the title
        // (`U.S.-China Climate Cooperation` / `Tuesday, November 11, 2014`): a place
        // there has a comma or a slash, or two words at most (`Washington, DC`,
        // `Addis Ababa/New York`, `Brussels`).
        let title_first = self.metadata.title.is_none() && self.blocks.iter().all(|b| b.kind == BlockKind::Boilerplate);
        looks_like_place(s)
            && !line_names_a_document(s)
            && (!title_first || s.contains([',', '/']) || s.split_whitespace().count() <= 2)
            && self.next_content_line(i).is_some_and(|n| {
                let next = self.content(n);
                parse_date(next).is_some() || parse_dateline(next).is_some_and(|dl| dl.place.is_none())
            })
    }

    /// The last line of a title that starts at line `i` and is wrapped onto the next
    /// line or two (`Joint Communiqué of the Ministerial Meeting of` / `the Southern
    /// African Development Community`): each line but the last ends with a small
    /// word of a title (`title-minor-words.toml`) or is followed by one that starts
    /// in lower case, no line ends a sentence, two thirds of the words that are not
    /// small words are capitalized, and the last line stands alone as a title does
    /// (see [`Self::title_at`]).
    fn wrapped_title_at(&self, i: usize) -> Option<usize> {
        let minor = stmtlint_lexicon::builtin!("title-minor-words");
        if !matches!(self.lines[i].shape, Shape::Text) || !starts_upper(self.content(i)) {
            return None;
        }
        let mut len = 0;
        for last in i..(i + 3).min(self.lines.len()) {
            let s = self.content(last);
            len += s.len();
            if !matches!(self.lines[last].shape, Shape::Text) || s.ends_with(['.', ',', ';', ':']) || len > 300 {
                return None;
            }
            let next = self
                .lines
                .get(last + 1)
                .map(|n| &self.text[n.content.start..n.content.end]);
            let wraps = next.is_some_and(|n| {
                !n.is_empty()
                    && (n.starts_with(char::is_lowercase) || s.rsplit(' ').next().is_some_and(|w| minor.contains(w)))
            });
            if wraps {
                continue;
            }
            // Title case: most words that are not small words are capitalized (a
            // first paragraph without its full stop is not).
            let words = (i..=last).flat_map(|j| self.content(j).split_whitespace());
            let major: Vec<&str> = words.filter(|w| !minor.contains(w)).collect();
            let capitalized = major.iter().filter(|w| starts_upper(w)).count();
            return (last > i && self.alone(last) && capitalized * 3 >= major.len() * 2).then_some(last);
        }
        None
    }

    /// Whether the title read so far, the last block, is only a label set above
    /// the title that `line` is (`Media Note` above `Joint Statement on …`): a kind of `document-kinds.toml`, and `line` a longer line that names
    /// a document. (`Joint Statement` above `Energy` is the title and a heading.)
    fn label_as_title(&self, line: &str) -> bool {
        self.blocks.last().is_some_and(|b| b.kind == BlockKind::Title)
            && self
                .metadata
                .title
                .as_deref()
                .is_some_and(|label| is_document_kind(label) && line.len() > label.len())
            && line_names_a_document(line)
    }

    /// A line that names a document right above a longer line of a paragraph, as
    /// text copied from a web page has it (`G7 Japan 2023 – Foreign ministers'
    /// statement (8 november 2023)` / `We, the G7 Foreign Ministers of …`): a title,
    /// though no blank line sets it apart. (A paragraph's own first line is about
    /// as long as its second.)
    fn names_a_document_over_prose(&self, i: usize) -> bool {
        let s = self.content(i);
        line_names_a_document(s)
            && self.lines.get(i + 1).is_some_and(|n| {
                let len = n.content.end - n.content.start;
                matches!(n.shape, Shape::Text) && (len >= 160 || len >= (s.len() + 15).max(60))
            })
    }

    /// The field line `i` gives, as an archive prints it above a statement: its role
    /// in `config/lexicons/header-fields.toml` (`title`, `place`, `furniture`) and
    /// where its value stands. `[Title] Joint Statement by …`, `Place: Washington`.
    fn field(&self, i: usize) -> Option<(&'static str, Span)> {
        let fields = stmtlint_lexicon::builtin!("header-fields");
        if !matches!(self.lines[i].shape, Shape::Text) {
            return None;
        }
        let s = self.content(i);
        let (label, value, bracketed) = match s.strip_prefix('[') {
            Some(rest) => rest.split_once(']').map(|(l, v)| (l, v, true))?,
            None => s
                .split_once(':')
                .filter(|(label, _)| label.len() <= 12)
                .map(|(l, v)| (l, v, false))?,
        };
        let role = fields.text(label.trim())?;
        // `Full text: Joint Statement between …` is a headline: with a colon, only a
        // title or a place is a field.
        if !bracketed && role == "furniture" {
            return None;
        }
        let start = self.lines[i].content.end - value.trim_start().len();
        let value = Span::new(start, start + value.trim().len());
        Some((role, value))
    }

    /// Whether line `i` ends its block as a title does: a break, a dateline, an
    /// issuer or a place above a date follows it.
    fn alone(&self, i: usize) -> bool {
        self.lines.get(i + 1).is_none_or(|n| {
            let next = &self.text[n.content.start..n.content.end];
            matches!(n.shape, Shape::Blank | Shape::Break)
                || parse_dateline(next).is_some()
                || bad_dateline(next)
                || is_issuer(&self.text[n.content.start..n.content.end])
                || self.place_before_date(i + 1)
        })
    }

    /// The first line is the title when it stands alone: a Markdown heading or bold
    /// line, or a short line with no final period followed by a break or header line.
    /// A line ending with a colon leads into what follows (`… issued the following
    /// joint statement on the occasion of the State Visit:`), and is no title.
    fn title_at(&self, i: usize) -> bool {
        let s = self.content(i);
        match self.lines[i].shape {
            Shape::Atx(_) | Shape::Bold => s.len() <= 300,
            // A long communiqué's title runs past 200 characters (`Joint Statement
            // between … on the Occasion of the Official Visit of …`).
            Shape::Text => {
                s.len() <= 250
                    && starts_upper(s)
                    && !s.ends_with(['.', ',', ';', ':'])
                    && (self.alone(i) || self.names_a_document_over_prose(i))
            }
            _ => false,
        }
    }

    /// The body: headings, paragraphs and list items; furniture such as an author box
    /// or a contacts footer turns the rest of the text into boilerplate.
    fn body(&mut self, start: usize) {
        let mut open: Option<(BlockKind, Span)> = None;
        // After a line ending in `:`, lowercase lines are the items of a list.
        let mut in_list = false;
        let mut skip_to = 0;
        for i in start..self.lines.len() {
            let line = self.lines[i];
            let s = self.content(i);
            if skip_to > i {
                continue;
            }
            if let Some((end, span)) = self.bold_across_lines(i) {
                self.close(&mut open);
                self.push(BlockKind::Heading { level: 2 }, span);
                in_list = false;
                skip_to = end + 1;
                continue;
            }
            let kind = match line.shape {
                Shape::Blank | Shape::Break => {
                    self.close(&mut open);
                    continue;
                }
                Shape::Comment => {
                    self.close(&mut open);
                    self.push(BlockKind::Boilerplate, line.content);
                    continue;
                }
                Shape::PageFurniture => {
                    // A page number inside a hard-wrapped paragraph ends it there: a
                    // block may not span the furniture (found by fuzzing: the whole
                    // file was refused as an invalid document).
                    self.close(&mut open);
                    self.push(BlockKind::Boilerplate, line.content);
                    continue;
                }
                _ if s.len() < 80 && furniture(s) != Furniture::No => {
                    self.close(&mut open);
                    let body_seen = self.blocks.iter().any(|b| b.kind == BlockKind::Paragraph);
                    if furniture(s) == Furniture::EndsBody && body_seen {
                        self.trailer(i);
                        return;
                    }
                    self.push(BlockKind::Boilerplate, line.content);
                    continue;
                }
                Shape::Atx(level) => BlockKind::Heading { level },
                Shape::Bold if s.len() <= 150 => BlockKind::Heading { level: 2 },
                Shape::Bullet => BlockKind::ListItem,
                _ => match &mut open {
                    Some((kind, span)) if self.continues(i, *kind, in_list) => {
                        span.end = line.content.end;
                        in_list |= ends_with_colon(s);
                        continue;
                    }
                    _ => self.text_block_kind(i, in_list),
                },
            };
            self.close(&mut open);
            in_list = match kind {
                BlockKind::Heading { .. } => false,
                BlockKind::ListItem => true,
                _ => ends_with_colon(s),
            };
            if matches!(kind, BlockKind::Heading { .. }) {
                self.push(kind, line.content);
            } else {
                open = Some((kind, line.content));
            }
        }
        self.close(&mut open);
    }

    /// A bold heading wrapped over two or three lines (`**A. Robust Cooperation on` /
    /// `Emerging Technologies**`): the last line and the span inside the marks.
    fn bold_across_lines(&self, i: usize) -> Option<(usize, Span)> {
        let first = self.content(i);
        if self.lines[i].shape != Shape::Text || !first.starts_with("**") || first[2..].contains("**") {
            return None;
        }
        for j in i + 1..self.lines.len().min(i + 3) {
            let s = self.content(j);
            if self.lines[j].shape != Shape::Text || s.len() + first.len() > 250 {
                return None;
            }
            if let Some(inner) = s.strip_suffix("**") {
                if inner.contains("**") {
                    return None;
                }
                let start = self.lines[i].content.start + 2;
                let start = start + (self.text[start..].len() - self.text[start..].trim_start().len());
                let end = self.lines[j].content.start + inner.trim_end().len();
                return Some((j, Span::new(start, end.max(start))));
            }
            if s.contains("**") {
                return None;
            }
        }
        None
    }

    /// Everything from line `i` on is site furniture (author box, contacts, tags).
    fn trailer(&mut self, i: usize) {
        let start = self.lines[i].content.start;
        let end = self
            .lines
            .iter()
            .rev()
            .find(|l| l.shape != Shape::Blank)
            .map_or(start, |l| l.content.end);
        self.push(BlockKind::Boilerplate, Span::new(start, end.max(start)));
    }

    fn close(&mut self, open: &mut Option<(BlockKind, Span)>) {
        if let Some((kind, span)) = open.take() {
            self.push(kind, span);
        }
    }

    /// Whether line `i` goes on with the open block rather than starting a new one.
    fn continues(&self, i: usize, kind: BlockKind, in_list: bool) -> bool {
        let s = self.content(i);
        let prev = self.content(i - 1);
        if self.standalone_heading(i) || (is_numbered(s) && ends_sentence(prev)) {
            return false;
        }
        // A list written without bullets (text copied from a PDF): a lowercase line
        // after a finished sentence starts the next item.
        if in_list && kind == BlockKind::ListItem && ends_sentence(prev) && s.starts_with(char::is_lowercase) {
            return false;
        }
        // A short line that ends a sentence ends the paragraph.
        !(ends_sentence(prev) && shorter(prev, self.wrap, 8))
    }

    /// What a text line that starts a block is.
    fn text_block_kind(&self, i: usize, in_list: bool) -> BlockKind {
        let s = self.content(i);
        if self.standalone_heading(i) {
            let level = if colon_heading(s) { 3 } else { 2 };
            return BlockKind::Heading { level };
        }
        if in_list && s.starts_with(char::is_lowercase) {
            return BlockKind::ListItem;
        }
        BlockKind::Paragraph
    }

    /// A heading-like line between paragraphs: what came before is finished (a blank
    /// line, a sentence end, or a short last line) and what follows starts anew.
    fn standalone_heading(&self, i: usize) -> bool {
        let s = self.content(i);
        if self.lines[i].shape != Shape::Text {
            return false;
        }
        // Shorter than `tenths` of the wrap width; a line no longer in bytes than
        // that is, without counting its characters.
        let short = |t: &str, tenths: usize| shorter(t, self.wrap, tenths);
        // The neighbours first: they rule out most lines (a line inside a wrapped
        // paragraph) for less than reading the line's words does.
        // A line as wide as the wrap width that runs on into the next line is the
        // first line of a paragraph, however capitalized.
        let after_ok = self.lines.get(i + 1).is_none_or(|next| {
            let n = &self.text[next.content.start..next.content.end];
            next.shape != Shape::Text || (starts_upper(n) && short(s, 8))
        });
        // A sentence may end at the end of a full wrapped line and the paragraph go
        // on, so a full previous line needs a short heading line to be believed.
        let before_ok = || {
            i == 0 || {
                let prev = self.lines[i - 1];
                let p = &self.text[prev.content.start..prev.content.end];
                prev.shape != Shape::Text || short(p, 8) || (ends_sentence(p) && short(s, 6))
            }
        };
        after_ok && before_ok() && (heading_like(s) || colon_heading(s))
    }
}

fn ends_with_colon(s: &str) -> bool {
    s.trim_end().ends_with(':')
}

/// The `key: value` entries of front matter, with a value's indented continuation
/// lines joined to it (YAML folds a wrapped scalar with single spaces).
fn front_matter_entries<'t>(text: &'t str, lines: &[Line]) -> Vec<(&'t str, String)> {
    let mut entries: Vec<(&'t str, String)> = Vec::new();
    for line in lines {
        let s = &text[line.full.start..line.full.end];
        if s.starts_with([' ', '\t']) {
            if let Some((_, value)) = entries.last_mut()
                && !s.trim_start().starts_with("- ")
            {
                value.push(' ');
                value.push_str(s.trim());
            }
        } else if let Some((key, value)) = s.split_once(':') {
            entries.push((key.trim(), value.trim().to_owned()));
        }
    }
    entries
}

/// The value of a YAML scalar: quotes removed, escapes resolved (Markdown exports
/// write `\_` for a no-break space and `\u2019` for ’), white space folded.
fn yaml_scalar(value: &str) -> String {
    let unquoted = if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        unescape_double_quoted(inner)
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_owned()
    };
    unquoted.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// YAML double-quoted escapes; an unknown escape is kept as written.
fn unescape_double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { break };
        let hex = |n: usize, chars: &mut std::str::Chars<'_>| {
            let code: String = chars.by_ref().take(n).collect();
            u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)
        };
        let decoded = match e {
            'x' => hex(2, &mut chars),
            'u' => hex(4, &mut chars),
            'U' => hex(8, &mut chars),
            '_' | ' ' => Some(' '),
            'n' | 't' | 'N' | 'L' | 'P' => Some(' '),
            '"' | '\\' | '/' => Some(e),
            _ => None,
        };
        match decoded {
            Some(d) => out.push(d),
            None => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_number_inside_a_paragraph_keeps_the_blocks_in_order() {
        for text in [
            "The parties met in\n6\nWashington on Monday.",
            "-\n6",
            "The parties met in\n6\n",
        ] {
            let doc = crate::parse(text.to_owned(), None);
            assert_eq!(doc.validate(), Ok(()), "{text:?}: {:?}", doc.blocks);
            assert!(
                doc.blocks
                    .iter()
                    .any(|b| b.kind == BlockKind::Boilerplate && doc.slice(b.span) == "6")
            );
        }
    }

    #[test]
    fn a_document_kind_under_the_title_leaves_the_header_to_read() {
        let text = "Joint Statement on the U.S.-Pakistan Strategic Dialogue\n\nMedia Note\n\
                    Office of the Spokesman\nWashington, DC\nOctober 22, 2010\n\nThe delegations met.\n";
        let doc = crate::parse(text.to_owned(), None);
        let m = &doc.metadata;
        assert_eq!(
            m.title.as_deref(),
            Some("Joint Statement on the U.S.-Pakistan Strategic Dialogue")
        );
        assert_eq!(
            (m.date_source, m.place.as_deref()),
            (Some(DateSource::Dateline), Some("Washington, DC"))
        );
        assert_eq!(m.issuer.as_deref(), Some("Office of the Spokesman"));
        // A title on the line above the date is no place; nor is a title above a
        // weekday's date; a place before any title has a comma or two words.
        let doc = crate::parse(
            "U.S.-China Climate Cooperation\nTuesday, November 11, 2014\n\nThe leaders met.\n".to_owned(),
            None,
        );
        assert_eq!(
            (doc.metadata.title.as_deref(), doc.metadata.place.as_deref()),
            (Some("U.S.-China Climate Cooperation"), None)
        );
        let doc = crate::parse(
            "Full text: Joint Statement between China and Russia\n\nThe leaders met.\n".to_owned(),
            None,
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Full text: Joint Statement between China and Russia")
        );
        for title in ["Joint Statement", "The Washington Declaration", "EU-U.S. Summit"] {
            let doc = crate::parse(format!("{title}\nJuly 25, 1994\n\nThe leaders met today.\n"), None);
            assert_eq!(
                (doc.metadata.title.as_deref(), doc.metadata.place.as_deref()),
                (Some(title), None)
            );
        }
        // A title wrapped onto a second line is one title; a first paragraph
        // without its full stop is none.
        let doc = crate::parse(
            "Joint Communiqué of the Ministerial Meeting of\nthe Southern African Development Community\n\n\
             Gaborone, 12 May 2019\n\nThe Ministers met.\n"
                .to_owned(),
            None,
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Joint Communiqué of the Ministerial Meeting of the Southern African Development Community")
        );
        let doc = crate::parse(
            "The Ministers met in Gaborone on\nthe 12th of May and agreed to\ndeepen cooperation\n\n\
             Gaborone, 12 May 2019\n"
                .to_owned(),
            None,
        );
        assert_eq!(doc.metadata.title, None);
        // A title above a dateline whose day the month lacks is still the title.
        let doc = crate::parse(
            "The Washington Declaration\nJune 31, 1994 |\n\nThe leaders met.\n".to_owned(),
            None,
        );
        assert_eq!(doc.metadata.title.as_deref(), Some("The Washington Declaration"));
        // A title right above a paragraph on one long line, as web pages copy.
        let para = "We, the G7 Foreign Ministers of Canada, France, Germany, Italy, Japan, the United Kingdom and the \
                    United States of America, are more united than ever in the pursuit of peace.";
        let doc = crate::parse(
            format!("G7 Japan 2023 – Foreign ministers' statement (8 november 2023)\n{para}\n"),
            None,
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("G7 Japan 2023 – Foreign ministers' statement (8 november 2023)")
        );
        // An archive's fields, under its banner.
        let doc = crate::parse(
            "\"The World and Japan\" Database (Project Leader: TANAKA Akihiko)\nDatabase of Japanese Politics\n\n\
             [Title] Joint Statement by Prime Minister Takeo Miki and President Gerald R. Ford\n\n\
             [Place] Washington\n[Date] August 6, 1975\n[Source] A Documentary History\n[Notes]\n[Full text]\n\n\
             The Prime Minister of Japan and the President of the United States affirm their ties.\n"
                .to_owned(),
            None,
        );
        let m = &doc.metadata;
        assert_eq!(
            (m.title.as_deref(), m.place.as_deref(), m.date_source),
            (
                Some("Joint Statement by Prime Minister Takeo Miki and President Gerald R. Ford"),
                Some("Washington"),
                Some(DateSource::Dateline)
            )
        );
        assert_eq!(m.date, "1975-08-06".parse().ok());
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds.last(), Some(&BlockKind::Paragraph));
        assert_eq!(
            kinds.iter().filter(|k| **k == BlockKind::Paragraph).count(),
            1,
            "{kinds:?}"
        );
        // A banner above the title; a title above a wrapped paragraph; a sentence
        // that names a document, wrapped, is no title.
        let doc = crate::parse(
            "This is historical material “frozen in time”. The website is no longer updated and links may not work.\n\n\
             Joint Statement between the United States and Mexico\n\
             The Presidents of the United States and Mexico met today in Mexico City and\n\
             agreed to deepen cooperation.\n"
                .to_owned(),
            None,
        );
        assert_eq!(
            doc.metadata.title.as_deref(),
            Some("Joint Statement between the United States and Mexico")
        );
        let doc = crate::parse(
            "The Joint Statement issued today by the two\ngovernments reaffirms their commitment.\n".to_owned(),
            None,
        );
        assert_eq!(doc.metadata.title, None);
        // A lead-in ending with a colon is no title.
        let doc = crate::parse(
            "The Prime Minister of Canada issued the following joint statement on the occasion of the State Visit:\n\n\
             Canada and Mexico reaffirmed their partnership.\n"
                .to_owned(),
            None,
        );
        assert_eq!(doc.metadata.title, None);
        // A kind alone above a heading is the title.
        let doc = crate::parse("Joint Statement\n\nEnergy\n\nThe participants met.\n".to_owned(), None);
        assert_eq!(doc.metadata.title.as_deref(), Some("Joint Statement"));
        // A site's section above the title is its label; so is a date's label.
        for head in [
            "Statements\n\nJoint Statement on the Visit",
            "Date: 12 May 2019\n\nJoint Statement on the Visit",
        ] {
            let doc = crate::parse(format!("{head}\n\nNairobi, 12 May 2019\n\nThe Presidents met.\n"), None);
            assert_eq!(
                doc.metadata.title.as_deref(),
                Some("Joint Statement on the Visit"),
                "{head}"
            );
            assert_eq!(doc.metadata.date_source, Some(DateSource::Dateline), "{head}");
        }
        // A weekday before the date on its own line: still the dateline.
        let doc = crate::parse(text.replace("October 22", "Friday, October 22"), None);
        assert_eq!(
            (doc.metadata.date_source, doc.metadata.place.as_deref()),
            (Some(DateSource::Dateline), Some("Washington, DC"))
        );
        // Before a title, the kind is the title, as State Department notes print it.
        let doc = crate::parse(
            "Media Note\nOffice of the Spokesperson\nWashington, DC\nDecember 5, 2014\n".to_owned(),
            None,
        );
        assert_eq!(doc.metadata.title.as_deref(), Some("Media Note"));
    }

    #[test]
    fn yaml_scalars_are_unescaped_and_folded() {
        assert_eq!(
            yaml_scalar(r#""CARBIS BAY G7 SUMMIT COMMUNIQU\xC9""#),
            "CARBIS BAY G7 SUMMIT COMMUNIQUÉ"
        );
        assert_eq!(
            yaml_scalar(r#""G20 Bali Leaders\u2019 Declaration""#),
            "G20 Bali Leaders’ Declaration"
        );
        assert_eq!(yaml_scalar(r#""President\_Biden""#), "President Biden");
        assert_eq!(yaml_scalar("'It''s'"), "It's");
        assert_eq!(yaml_scalar("plain  value"), "plain value");
    }

    #[test]
    fn headings_stand_alone() {
        assert!(heading_like("Internet Governance Developments in 2015"));
        assert!(heading_like("U.S.-EU Cyber Related Work Streams"));
        assert!(heading_like("II. SECURITY"));
        assert!(!heading_like("they noted the preliminary workshop"));
        assert!(!heading_like("December 5, 2014"));
        assert!(colon_heading("Cybercrime:"));
        assert!(!colon_heading("The Ministers agreed:"));
    }
}

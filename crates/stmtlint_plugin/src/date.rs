//! Calendar dates in statements: datelines (`Bruxelles, 16/12/2016 - 23:00`) and full
//! dates in prose (`on December 5, 2014`, `16 December 2016`, `2016-12-16`).
//!
//! No crate finds dates inside prose (see `shared/research/ingestion.md` §4), so this
//! is a small hand-written tokenizer and grammar; `jiff` validates the calendar.

use jiff::civil::Date;

use crate::Span;

/// What a dateline says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place before the date, in its English name.
    pub place: Option<String>,
    /// The date.
    pub date: Date,
    /// Where the date stands in the line.
    pub date_span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Number,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub(crate) kind: Kind,
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// No white space between this token and the one before.
    pub(crate) glued: bool,
}

pub(crate) fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut chars = s.char_indices().peekable();
    let mut glued = false;
    while let Some((start, c)) = chars.next() {
        // `29<sup>th</sup>` in a Markdown export is `29th`: the markup is skipped and
        // the suffix stays glued to its number.
        if c == '<'
            && let Some(tag) = ["<sup>", "</sup>"].iter().find(|t| s[start..].starts_with(**t))
        {
            for _ in 1..tag.len() {
                chars.next();
            }
            if let (true, Some(last)) = (tag.starts_with("</"), tokens.last_mut()) {
                last.end = start + tag.len();
            }
            continue;
        }
        let kind = if c.is_alphabetic() {
            Kind::Word
        } else if c.is_ascii_digit() {
            Kind::Number
        } else if c.is_whitespace() {
            glued = false;
            continue;
        } else {
            Kind::Punct(c)
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Punct(c) {
            while let Some(&(i, n)) = chars.peek() {
                let same = match kind {
                    Kind::Word => n.is_alphabetic(),
                    _ => n.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
        }
        tokens.push(Token {
            kind,
            text: &s[start..end],
            start,
            end,
            glued,
        });
        glued = true;
    }
    tokens
}

/// The month (1–12) a word names: English, French, German, Portuguese, Spanish and
/// Russian, full or abbreviated.
pub fn month_number(word: &str) -> Option<i8> {
    month(word)
}

/// The month a word names, in any case (`config/lexicons/months.toml`).
pub(crate) fn month(word: &str) -> Option<i8> {
    stmtlint_lexicon::builtin!("months")
        .number(word)
        .and_then(|n| i8::try_from(n).ok())
}

pub(crate) fn number(token: &Token<'_>, max_digits: usize) -> Option<i16> {
    if token.kind != Kind::Number || token.text.len() > max_digits {
        return None;
    }
    token.text.parse().ok()
}

pub(crate) fn year(token: &Token<'_>) -> Option<i16> {
    (token.kind == Kind::Number && token.text.len() == 4)
        .then(|| token.text.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

fn date(y: i16, m: i8, d: i16) -> Option<Date> {
    Date::new(y, m, i8::try_from(d).ok()?).ok()
}

/// A token stream with a cursor, for the little grammar below.
pub(crate) struct Cursor<'t, 'a> {
    pub(crate) tokens: &'t [Token<'a>],
    pub(crate) at: usize,
}

impl<'a> Cursor<'_, 'a> {
    pub(crate) fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.at)
    }

    pub(crate) fn next(&mut self) -> Option<Token<'a>> {
        let t = *self.tokens.get(self.at)?;
        self.at += 1;
        Some(t)
    }

    /// Skips a punctuation token `c`; `glued` demands it touch the previous token.
    pub(crate) fn skip_punct(&mut self, c: char, glued: bool) -> bool {
        match self.peek() {
            Some(t) if t.kind == Kind::Punct(c) && (t.glued || !glued) => {
                self.at += 1;
                true
            }
            _ => false,
        }
    }

    /// Skips an ordinal suffix glued to a number: `5th`, `1er`, `16.` (German).
    pub(crate) fn skip_ordinal(&mut self) {
        match self.peek() {
            Some(t) if t.glued && t.kind == Kind::Word => {
                if matches!(t.text, "st" | "nd" | "rd" | "th" | "er") {
                    self.at += 1;
                }
            }
            Some(t) if t.glued && t.kind == Kind::Punct('.') => self.at += 1,
            _ => {}
        }
    }

    pub(crate) fn skip_word(&mut self, word: &str) {
        if self
            .peek()
            .is_some_and(|t| t.kind == Kind::Word && t.text.eq_ignore_ascii_case(word))
        {
            self.at += 1;
        }
    }
}

/// `16/12/2016`, `20.03.2019`, `2016-12-16`: a date the calendar has, with its year.
pub(crate) fn numeric(c: &mut Cursor<'_, '_>) -> Option<Date> {
    full_date(mention_numeric(c)?)
}

/// `5 December 2014`, `5th of December, 2014`, `16. Dezember 2016`.
pub(crate) fn day_month_year(c: &mut Cursor<'_, '_>) -> Option<Date> {
    full_date(mention_day_month(c)?)
}

/// `December 5, 2014`, `Dec. 5 2014`.
pub(crate) fn month_day_year(c: &mut Cursor<'_, '_>) -> Option<Date> {
    full_date(mention_month_day(c)?)
}

/// The date of a mention that has a year and names a day the calendar has.
fn full_date((year, month, day, _, _): Mentioned) -> Option<Date> {
    date(year?, month, day)
}

/// Every full calendar date (day, month and year) in `s`, in order, with its span:
/// the [`date_mentions`] the calendar has, with a year.
pub fn find_dates(s: &str) -> Vec<(Span, Date)> {
    date_mentions(s)
        .into_iter()
        .filter_map(|m| Some((m.span, m.date(None)?)))
        .collect()
}

/// How a date is written: `16 December 2016` (day first), `December 16, 2016`
/// (month first), `16/12/2016` (numbers), `2016-12-16` (ISO 8601).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStyle {
    /// `16 December 2016`.
    DayMonth,
    /// `December 16, 2016`.
    MonthDay,
    /// `16/12/2016`, `16.12.2016`.
    Numeric,
    /// `2016-12-16`.
    Iso,
}

impl DateStyle {
    /// How the style reads in a message: `day first`.
    pub fn name(self) -> &'static str {
        match self {
            Self::DayMonth => "day first",
            Self::MonthDay => "month first",
            Self::Numeric => "in numbers",
            Self::Iso => "as ISO 8601",
        }
    }
}

/// A date as a text writes it, whether or not the calendar has it (`31 April`,
/// `29 February 2023` are mentions too), with or without a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Where it stands.
    pub span: Span,
    /// The year, when the text gives one.
    pub year: Option<i16>,
    /// 1–12.
    pub month: i8,
    /// 1–31.
    pub day: i8,
    /// The last day of a range or list of days (`4-5 February`: 5), else `day`.
    pub last_day: i8,
    /// How it is written.
    pub style: DateStyle,
}

impl DateMention {
    /// The date, in `year` when the mention has none; `None` when the calendar
    /// has no such day.
    pub fn date(&self, year: Option<i16>) -> Option<Date> {
        Date::new(self.year.or(year)?, self.month, self.day).ok()
    }

    /// Whether no year has the day (`31 April`, `30 February`); `29 February` is a
    /// day of leap years.
    pub fn impossible(&self) -> bool {
        // `30-31 June 2021`: every day of a range must be one.
        let year = self.year.unwrap_or(2024);
        [self.day, self.last_day]
            .iter()
            .any(|d| Date::new(year, self.month, *d).is_err())
    }
}

/// Every date `s` writes with a day and a month, valid or not, with or without a
/// year, in order: `on 17 December`, `Tuesday, January 31, 2024`, `31 April 2022`,
/// `16/12/2016`. A month word without a year must be capitalized (`may 5` is not
/// a date). What [`find_dates`] finds, and the dates it cannot.
pub fn date_mentions(s: &str) -> Vec<DateMention> {
    // A date holds a number: only the words around numbers are read, a few on
    // each side (prose has few numbers, and the tokenizer is the cost).
    let bytes = s.as_bytes();
    let mut found = Vec::new();
    let mut window: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(u8::is_ascii_digit) {
        let digits = i + off;
        let end = digits + bytes[digits..].iter().take_while(|b| b.is_ascii_digit()).count();
        i = end;
        let from = word_boundary_before(s, digits.saturating_sub(28));
        let to = word_boundary_after(s, (end + 28).min(s.len()));
        window = match window {
            Some((a, b)) if from <= b => Some((a, to.max(b))),
            Some((a, b)) => {
                mentions_in(s, a, b, &mut found);
                Some((from, to))
            }
            None => Some((from, to)),
        };
    }
    if let Some((a, b)) = window {
        mentions_in(s, a, b, &mut found);
    }
    found
}

/// The start of the word at or before `at` (a space, or the text's start).
fn word_boundary_before(s: &str, at: usize) -> usize {
    let mut at = at;
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    // After the white space (U+00A0 is two bytes).
    s[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The end of the word at or after `at`.
fn word_boundary_after(s: &str, at: usize) -> usize {
    let mut at = at;
    while !s.is_char_boundary(at) {
        at += 1;
    }
    s[at..].find(char::is_whitespace).map_or(s.len(), |i| at + i)
}

/// The dates of `s[from..to]`, with spans in `s`.
fn mentions_in(s: &str, from: usize, to: usize, found: &mut Vec<DateMention>) {
    let tokens = tokenize(&s[from..to]);
    let mut i = 0;
    while i < tokens.len() {
        let boundary = i == 0 || !tokens[i].glued || matches!(tokens[i - 1].kind, Kind::Punct(_));
        // A date starts with a number, or with a word that a number follows (within
        // an abbreviation's dot): most tokens are ruled out before any month is looked up.
        let number_soon = |k: usize| tokens.get(k).is_some_and(|t| t.kind == Kind::Number);
        let may_start = match tokens[i].kind {
            Kind::Number => true,
            Kind::Word => number_soon(i + 1) || number_soon(i + 2),
            Kind::Punct(_) => false,
        };
        if !(boundary && may_start) {
            i += 1;
            continue;
        }
        let parsers: [fn(&mut Cursor<'_, '_>) -> Option<Mentioned>; 3] =
            [mention_numeric, mention_day_month, mention_month_day];
        let hit = boundary
            .then(|| {
                parsers.iter().find_map(|parse| {
                    let mut c = Cursor { tokens: &tokens, at: i };
                    let m = parse(&mut c)?;
                    let glued_after = c
                        .peek()
                        .is_some_and(|t| t.glued && matches!(t.kind, Kind::Word | Kind::Number));
                    (!glued_after).then_some((c.at, m))
                })
            })
            .flatten();
        match hit {
            Some((next, (year, month, day, style, last))) if (1..=31).contains(&day) => {
                found.push(DateMention {
                    span: Span::new(from + tokens[i].start, from + tokens[next - 1].end),
                    year,
                    month,
                    day: i8::try_from(day).unwrap_or(1),
                    last_day: i8::try_from(last.clamp(day, 31)).unwrap_or(1),
                    style,
                });
                i = next;
            }
            _ => i += 1,
        }
    }
}

/// A date as written: its year (if any), month, first day, style, and last day (a
/// range's; the first day when none).
type Mentioned = (Option<i16>, i8, i16, DateStyle, i16);

fn mention_numeric(c: &mut Cursor<'_, '_>) -> Option<Mentioned> {
    let first = c.next()?;
    let sep = match c.next()? {
        t if t.glued => match t.kind {
            Kind::Punct(s @ ('/' | '.' | '-')) => s,
            _ => return None,
        },
        _ => return None,
    };
    let second = c.next().filter(|t| t.glued)?;
    if !c.skip_punct(sep, true) {
        return None;
    }
    let third = c.next().filter(|t| t.glued)?;
    if let Some(y) = year(&first) {
        let m = i8::try_from(number(&second, 2)?)
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let d = number(&third, 2)?;
        return (sep == '-').then_some((Some(y), m, d, DateStyle::Iso, d));
    }
    let (a, b, y) = (number(&first, 2)?, number(&second, 2)?, year(&third)?);
    let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
    let m = i8::try_from(m).ok().filter(|m| (1..=12).contains(m))?;
    Some((Some(y), m, d, DateStyle::Numeric, d))
}

/// A year after a day and month: `, 2014`, ` de 2021`; the cursor stays when none.
fn optional_year(c: &mut Cursor<'_, '_>) -> Option<i16> {
    let at = c.at;
    c.skip_punct(',', false);
    c.skip_word("de");
    let y = c.peek().and_then(year);
    match y {
        Some(_) => c.at += 1,
        None => c.at = at,
    }
    y
}

/// The month a word names; without a year after it, a word that is also an English
/// verb only capitalized (`may 5` is a verb and a number, `le 3 mai` a date).
fn month_word(word: &Token<'_>, year: Option<i16>) -> Option<i8> {
    let verb = ["may", "march", "mar"]
        .iter()
        .any(|v| word.text.eq_ignore_ascii_case(v));
    (year.is_some() || !verb || word.text.starts_with(char::is_uppercase)).then(|| month(word.text))?
}

/// Skips the dot of an abbreviated month (`Feb.`), not a sentence's full stop.
fn skip_abbreviation_dot(c: &mut Cursor<'_, '_>, word: &Token<'_>) {
    if word.text.chars().count() <= 4 {
        c.skip_punct('.', true);
    }
}

/// The rest of a range or list of days after its first day, skipped (`-5`, `–16`,
/// ` to 8`, ` and 5`, `, 20 and 21`, `-5th`): `February 4-5, 1998`, `4 and 5
/// February 1998`, `March 19, 20 and 21, 2011`. A range is read as its first day,
/// the day a meeting begins; the last day is returned (`range-joiners.toml` holds
/// the words). The cursor stays after the last day it could read.
fn skip_range_end(c: &mut Cursor<'_, '_>) -> Option<i16> {
    let joiners = stmtlint_lexicon::builtin!("range-joiners");
    let mut last = None;
    loop {
        let at = c.at;
        let joined = c.skip_punct('-', false)
            || c.skip_punct('–', false)
            || c.skip_punct(',', false)
            || c.peek()
                .is_some_and(|t| t.kind == Kind::Word && joiners.contains(t.text))
                && {
                    c.at += 1;
                    true
                };
        let day = if joined {
            c.next()
                .as_ref()
                .and_then(|t| number(t, 2))
                .filter(|d| (1..=31).contains(d))
        } else {
            None
        };
        match day {
            Some(day) => {
                last = Some(day);
                c.skip_ordinal();
            }
            None => {
                c.at = at;
                return last;
            }
        }
    }
}

/// `17 December`, `5th of December, 2014`, `28 de setembro de 2021`.
fn mention_day_month(c: &mut Cursor<'_, '_>) -> Option<Mentioned> {
    let d = number(&c.next()?, 2)?;
    c.skip_ordinal();
    let last = skip_range_end(c).unwrap_or(d);
    c.skip_word("of");
    c.skip_word("de");
    let word = c.next().filter(|t| t.kind == Kind::Word)?;
    month(word.text)?;
    skip_abbreviation_dot(c, &word);
    let y = optional_year(c);
    Some((y, month_word(&word, y)?, d, DateStyle::DayMonth, last))
}

/// `December 17`, `Dec. 5, 2014`.
fn mention_month_day(c: &mut Cursor<'_, '_>) -> Option<Mentioned> {
    let word = c.next().filter(|t| t.kind == Kind::Word)?;
    month(word.text)?;
    skip_abbreviation_dot(c, &word);
    let d = number(&c.next()?, 2)?;
    // `June 5th`; a dot after the day ends the sentence (`today, March 18.`).
    if c.peek()
        .is_some_and(|t| t.glued && matches!(t.text, "st" | "nd" | "rd" | "th"))
    {
        c.at += 1;
    }
    let last = skip_range_end(c).unwrap_or(d);
    let y = optional_year(c);
    Some((y, month_word(&word, y)?, d, DateStyle::MonthDay, last))
}

/// The date `s` consists of, ignoring surrounding white space and punctuation.
pub fn parse_date(s: &str) -> Option<Date> {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'));
    match find_dates(trimmed).as_slice() {
        [(span, d)] if span.start == 0 && span.end == trimmed.len() => Some(*d),
        _ => None,
    }
}

/// Reads a dateline: a short line with a date, optionally after a place and followed
/// by a time or a reference (`Bruxelles, 16/12/2016 - 23:00 - UNIQUE ID: 161223_8`,
/// `Washington, 12.09.2025`, `May 10, 2022`, `December 6, 2021, Minsk`). Prose that
/// merely contains a date is not a dateline.
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    if line.len() > 160 {
        return None;
    }
    let (date_span, date) = *find_dates(line).first()?;
    let is_sep = |c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—' | '|' | ':');
    let before = line[..date_span.start].trim_matches(is_sep);
    let suffix = line[date_span.end..].trim_matches(is_sep);
    // `December 6, 2021, Minsk`: the date first, then the place after a comma (not
    // `On September 27, 2023, German State Secretary …`).
    let place_after = before.is_empty() && line[date_span.end..].trim_start().starts_with(',');
    if place_after && looks_like_place(suffix) {
        return Some(Dateline {
            place: Some(canonical_place(suffix)),
            date,
            date_span,
        });
    }
    if !suffix_is_furniture(suffix) {
        return None;
    }
    let prefix = without_lead_in(before);
    let labels = stmtlint_lexicon::builtin!("date-labels");
    // `[Date] August 6, 1975`: a label in square brackets, as archives print it.
    let label = prefix
        .strip_prefix('[')
        .and_then(|p| p.strip_suffix(']'))
        .unwrap_or(prefix);
    let place = if prefix.is_empty() || labels.contains(label) {
        None
    } else if looks_like_place(prefix) {
        Some(canonical_place(prefix))
    } else {
        return None;
    };
    Some(Dateline { place, date, date_span })
}

/// The words at the end of `text` that lead into a date, nearest first, with where
/// each starts: weekdays (`config/lexicons/weekdays.toml`: `mardi`, `Tuesday,`,
/// `terça-feira`) and the small words of `config/lexicons/date-particles.toml`
/// (`le`, `den`), with the commas between them. In `Berlin, Dienstag, den` they
/// are `den` and `Dienstag`.
fn lead_in(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let weekdays = stmtlint_lexicon::builtin!("weekdays");
    let particles = stmtlint_lexicon::builtin!("date-particles");
    let abbreviations = stmtlint_lexicon::builtin!("abbreviations");
    let is_sep = separates_lead_in;
    let mut rest = text.trim_end_matches(is_sep);
    std::iter::from_fn(move || {
        let at = rest
            .rfind(is_sep)
            .map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
        let word = rest[at..].trim_end_matches('.');
        // `They met on Monday. The 7 October attacks`: a full stop after a whole
        // word ends a sentence; after an abbreviation (`Thurs.`, `Tue.`) it does not.
        let ends_a_sentence = rest[at..].ends_with('.') && !abbreviations.contains(word);
        if word.is_empty() || ends_a_sentence || !(weekdays.contains(word) || particles.contains(word)) {
            return None;
        }
        rest = rest[..at].trim_end_matches(is_sep);
        Some((at, word))
    })
}

/// `text` without the words at its end that lead into a date ([`lead_in`]): `Paris,
/// le mardi` is `Paris`, `Berlin, Dienstag, den` is `Berlin`, `Washington, D.C.,
/// Tuesday` is `Washington, D.C.`, `Tuesday` is empty.
pub fn without_lead_in(text: &str) -> &str {
    let start = lead_in(text).last().map_or(text.len(), |(at, _)| at);
    text[..start].trim_end_matches(separates_lead_in)
}

/// What stands between the words that lead into a date: white space, commas, and
/// an opening bracket or quote (`(Sunday, June 22, 2017, Minsk)`).
fn separates_lead_in(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '(' | '[' | '"' | '“' | '‘')
}

/// The weekday that leads into a date whose text starts after `before` (`Tuesday,
/// January 31`, `le mardi 3 mai`, `Dienstag, den 3. Mai`): where it starts in
/// `before`, and its number (Monday 1).
pub fn weekday_before(before: &str) -> Option<(usize, i64)> {
    let weekdays = stmtlint_lexicon::builtin!("weekdays");
    lead_in(before).find_map(|(at, word)| weekdays.number(word).map(|n| (at, n)))
}

/// What may follow the date on a dateline: nothing, a time, a reference number.
fn suffix_is_furniture(suffix: &str) -> bool {
    // `15 декабря 2020 г.`: the Russian abbreviation of "year".
    let suffix = suffix
        .trim_start_matches("года")
        .trim_start_matches("г.")
        .trim_start_matches('г')
        .trim();
    let mut chars = suffix.chars();
    suffix.is_empty()
        || suffix.contains("ID:")
        || suffix.starts_with('(')
        || (chars.next().is_some_and(|c| c.is_ascii_digit()) && suffix.chars().take(3).any(|c| c == ':' || c == 'h'))
}

/// A short name in title case: `Washington, DC`, `Rio de Janeiro`, `BRUSSELS`.
pub fn looks_like_place(s: &str) -> bool {
    let particles = stmtlint_lexicon::builtin!("place-particles");
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 6
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.contains(". ")
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c == '\'') || particles.contains(w))
}

/// The English name of a place, as series and evidence compare them: `Bruxelles`
/// becomes `Brussels`, `WASHINGTON` becomes `Washington`. Other names are kept.
pub fn canonical_place(place: &str) -> String {
    let place = place.trim();
    if let Some(english) = stmtlint_lexicon::builtin!("exonyms").text(place) {
        return english.to_owned();
    }
    let all_caps = place.chars().any(char::is_alphabetic) && !place.chars().any(char::is_lowercase);
    if !all_caps {
        return place.to_owned();
    }
    // `WASHINGTON, DC` reads `Washington, DC`: keep two-letter codes in capitals.
    place
        .split(' ')
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters <= 2 {
                return w.to_owned();
            }
            let mut chars = w.chars();
            chars
                .next()
                .map_or_else(String::new, |f| f.to_string() + &chars.as_str().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date at the start of a file name, as archives name statements:
/// `2022-03-30-joint-statement.html`, `20220330_readout.txt`, or after one word of
/// letters naming the archive (`state-2022-03-30-…`, `wh-2021-09-29-…`). The date
/// must be followed by the end of the name or a character that is not a digit.
pub fn date_in_file_name(name: &str) -> Option<Date> {
    let prefix = name.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(name.len());
    let rest = match name.as_bytes().get(prefix) {
        _ if prefix == 0 => name,
        Some(b'-' | b'_') if prefix <= 12 => &name[prefix + 1..],
        _ => return None,
    };
    let b = rest.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let number = |r: std::ops::Range<usize>| rest[r].parse::<i16>().ok();
    let (y, m, d, len) =
        if digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10) {
            (number(0..4)?, number(5..7)?, number(8..10)?, 10)
        } else if digits(0..8) {
            (number(0..4)?, number(4..6)?, number(6..8)?, 8)
        } else {
            return None;
        };
    if b.get(len).is_some_and(u8::is_ascii_digit) || !(1800..=2200).contains(&y) {
        return None;
    }
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_the_formats_statements_use() {
        for (text, iso) in [
            ("December 5, 2014", "2014-12-05"),
            ("5 December 2014", "2014-12-05"),
            ("16/12/2016", "2016-12-16"),
            ("2016-12-16", "2016-12-16"),
            ("20.03.2019", "2019-03-20"),
            ("Dec. 5, 2014", "2014-12-05"),
            ("Sept. 30 2014", "2014-09-30"),
            ("5th of December, 2014", "2014-12-05"),
            ("16 décembre 2016", "2016-12-16"),
            ("16. Dezember 2016", "2016-12-16"),
            ("28 de setembro de 2021", "2021-09-28"),
            ("12/25/2016", "2016-12-25"),
        ] {
            assert_eq!(parse_date(text), Some(d(iso)), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_full_date() {
        for text in [
            "December 5",
            "2014",
            "31/02/2016",
            "May we meet in 2016",
            "16/12/20161",
            "1.2.3",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn finds_dates_in_prose_with_spans() {
        let s = "in Brussels on December 16, 2016, the participants; on 29-30 September 2014";
        let found = find_dates(s);
        assert_eq!(found.len(), 2);
        assert_eq!(&s[found[0].0.start..found[0].0.end], "December 16, 2016");
        assert_eq!(&s[found[1].0.start..found[1].0.end], "29-30 September 2014");
        assert_eq!(found[1].1, d("2014-09-29"));
    }

    #[test]
    fn a_range_of_days_is_read_as_its_first_day() {
        for (text, date) in [
            ("February 4-5, 1998", "1998-02-04"),
            ("June 15–16, 2021", "2021-06-15"),
            ("February 4 and 5, 1998", "1998-02-04"),
            ("11-12 July 2018", "2018-07-11"),
            ("28 to 29 September 2016", "2016-09-28"),
            ("du 4 au 5 février 2020", "2020-02-04"),
            ("del 4 al 5 de febrero de 2020", "2020-02-04"),
            ("March 19, 20 and 21, 2011", "2011-03-19"),
            ("19, 20 and 21 March 2011", "2011-03-19"),
        ] {
            let found = find_dates(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].1, d(date), "{text}");
        }
        // Each day of a range must be one the month has.
        let m = date_mentions("Brussels, 30-31 June 2021");
        assert!(m[0].impossible() && (m[0].day, m[0].last_day) == (30, 31));
        assert!(!date_mentions("28, 29 and 30 March 2023")[0].impossible());
        let dl = parse_dateline("[Date] August 6, 1975").unwrap();
        assert_eq!((dl.place, dl.date), (None, d("1975-08-06")));
        let dl = parse_dateline("Suva, February 4-5, 1998").unwrap();
        assert_eq!((dl.place.as_deref(), dl.date), (Some("Suva"), d("1998-02-04")));
        // Not a range: the number after `to` or `and` is no day of the month.
        let s = "from December 5 to 40 delegations";
        let m = date_mentions(s);
        assert_eq!((m.len(), &s[m[0].span.start..m[0].span.end]), (1, "December 5"));
        assert!(find_dates("Articles 2 and 3 of the Charter").is_empty());
    }

    #[test]
    fn reads_datelines() {
        let line = r"Bruxelles, 16/12/2016 - 23:00 - UNIQUE ID: 161223\_8";
        let dl = parse_dateline(line).unwrap();
        assert_eq!(dl.place.as_deref(), Some("Brussels"));
        assert_eq!(dl.date, d("2016-12-16"));
        assert_eq!(&line[dl.date_span.start..dl.date_span.end], "16/12/2016");

        let dl = parse_dateline("Минск, 15 декабря 2020 г.").unwrap();
        assert_eq!(dl.place.as_deref(), Some("Minsk"));
        assert_eq!(dl.date, d("2020-12-15"));

        let dl = parse_dateline("Washington, 12.09.2025").unwrap();
        assert_eq!(dl.place.as_deref(), Some("Washington"));
        assert_eq!(dl.date, d("2025-09-12"));

        let dl = parse_dateline("WASHINGTON, DC, December 5, 2014").unwrap();
        assert_eq!(dl.place.as_deref(), Some("Washington, DC"));
        assert_eq!(parse_dateline("May 10, 2022").unwrap().place, None);
        assert_eq!(parse_dateline("Date 20 July 1983").unwrap().place, None);

        // A sign-off: the date, then the place (the Belarusian foreign ministry's pages).
        let dl = parse_dateline("December 6, 2021, Minsk").unwrap();
        assert_eq!(dl.place.as_deref(), Some("Minsk"));
        assert_eq!(dl.date, d("2021-12-06"));
    }

    #[test]
    fn a_datelines_weekday_and_small_words_are_not_its_place() {
        for (line, place, date) in [
            ("Paris, le 14 janvier 2025", Some("Paris"), "2025-01-14"),
            ("Bruxelles, le mardi 14 janvier 2025", Some("Brussels"), "2025-01-14"),
            ("Berlin, den 14. Januar 2025", Some("Berlin"), "2025-01-14"),
            ("Berlin, Dienstag, den 14. Januar 2025", Some("Berlin"), "2025-01-14"),
            ("Madrid, a 14 de enero de 2025", Some("Madrid"), "2025-01-14"),
            (
                "Lisboa, terça-feira, 14 de janeiro de 2025",
                Some("Lisbon"),
                "2025-01-14",
            ),
            (
                "Washington, D.C., Tuesday, January 14, 2025",
                Some("Washington, D.C."),
                "2025-01-14",
            ),
            ("Brussels, Tuesday 14 January 2025", Some("Brussels"), "2025-01-14"),
            ("Tuesday, January 14, 2025", None, "2025-01-14"),
            ("Le Touquet, le 14 janvier 2025", Some("Le Touquet"), "2025-01-14"),
        ] {
            let dl = parse_dateline(line).unwrap_or_else(|| panic!("{line}: not a dateline"));
            assert_eq!((dl.place.as_deref(), dl.date), (place, d(date)), "{line}");
        }
        assert!(parse_dateline("Ministers met, on 14 January 2025").is_none());
        assert!(parse_dateline("On September 27, 2023, German State Secretary Joerg Kukies").is_none());
    }

    #[test]
    fn mentions_keep_impossible_dates_and_dates_without_a_year() {
        let m = date_mentions("on 17 December, Tuesday, January 31, 2024, 31 April 2022 and 29 February 2023; may 5");
        let shown: Vec<_> = m
            .iter()
            .map(|m| (m.year, m.month, m.day, m.style, m.impossible()))
            .collect();
        assert_eq!(
            shown,
            [
                (None, 12, 17, DateStyle::DayMonth, false),
                (Some(2024), 1, 31, DateStyle::MonthDay, false),
                (Some(2022), 4, 31, DateStyle::DayMonth, true),
                (Some(2023), 2, 29, DateStyle::DayMonth, true),
            ]
        );
        assert_eq!(m[0].date(Some(2016)), Some(d("2016-12-17")));
        assert_eq!(date_mentions("16/12/2016 and 2016-12-16")[1].style, DateStyle::Iso);
        assert!(date_mentions("in May 2024 and 20 percent").is_empty());
    }

    #[test]
    fn mentions_read_around_numbers_are_those_of_the_whole_text() {
        let texts = [
            "Tromsø, le mardi 3 mai 2021 — et le 5 juin; Tuesday, January 31, 2024 (Wednesday) 16/12/2016",
            "The participants met in Brussels on 17 December and will meet again in spring 2018, 12 months later.",
            "28 de setembro de 2021 … am 12. Juni 2020; 3 мая 2021 г.; 2016-12-16; Dec. 5, 2014",
            "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ 1 May",
            "of an\nadditional 15 billion cubic meters (bcm)\u{a0}of liquefied natural gas\u{a0}(LNG) in 2021",
        ];
        for text in texts {
            let mut whole = Vec::new();
            mentions_in(text, 0, text.len(), &mut whole);
            assert_eq!(date_mentions(text), whole, "{text}");
        }
    }

    #[test]
    fn prose_with_a_date_is_not_a_dateline() {
        assert!(
            parse_dateline("The Ministerial Conference held in Washington on 29-30 September 2014 and its").is_none()
        );
        assert!(parse_dateline("On the occasion of the meeting on December 5, 2014, the participants").is_none());
        assert!(parse_dateline("December 6, 2021, the heads of State met in Minsk").is_none());
        assert!(parse_dateline("December 6, 2021 Joint Statement").is_none());
    }

    #[test]
    fn a_date_at_the_start_of_a_file_name() {
        assert_eq!(
            date_in_file_name("2022-03-30-joint-statement.html"),
            Some(d("2022-03-30"))
        );
        assert_eq!(date_in_file_name("20220330_readout.txt"), Some(d("2022-03-30")));
        assert_eq!(
            date_in_file_name("state-2022-02-05-joint-statement.html"),
            Some(d("2022-02-05"))
        );
        assert_eq!(date_in_file_name("wh-2021-09-29.md"), Some(d("2021-09-29")));
        // Not a date, not at the start, or a longer number.
        assert_eq!(date_in_file_name("2022-13-01-x.md"), None);
        assert_eq!(date_in_file_name("statement-of-2022-03-30.md"), None);
        assert_eq!(date_in_file_name("un-ga-A-L.632-1971-09-29.pdf"), None);
        assert_eq!(date_in_file_name("202203301-x.md"), None);
        assert_eq!(date_in_file_name("readme.md"), None);
        assert_eq!(date_in_file_name("0001-01-01.md"), None);
    }

    #[test]
    fn a_weekday_leads_into_a_date_only_within_its_sentence() {
        assert_eq!(weekday_before("They met on Tuesday the "), Some((12, 2)));
        assert_eq!(weekday_before("Talks on Thurs. the "), Some((9, 4)));
        assert_eq!(weekday_before("They met on Monday. The "), None);
        assert_eq!(weekday_before("They met on Monday. On "), None);
        // Whole weekdays of five letters end a sentence too (`lundi`, `mardi`).
        assert_eq!(weekday_before("Ils se sont réunis lundi. Le "), None);
        assert_eq!(weekday_before("Talks on Tue. the "), Some((9, 2)));
        assert_eq!(weekday_before("Communiqué of the Ministers (Sunday, "), Some((30, 7)));
    }
}

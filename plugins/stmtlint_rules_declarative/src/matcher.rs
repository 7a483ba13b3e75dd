//! Finding a rule's `tokens` and `patterns` in a block of text.
//!
//! Tokens are literal words or phrases, matched on word boundaries; a space in a
//! token matches any run of spaces and line breaks (hard-wrapped text breaks
//! phrases). Patterns are regular expressions in Rust's syntax (with the
//! backreferences and look-around of `fancy-regex`), matched as written. All of a
//! rule's tokens are one regular expression, so a block is read once for them.
//!
//! Speed: a pattern without look-around or backreferences runs on the `regex`
//! engine (automata, literal prefilters). One with them runs on `fancy-regex`'s
//! backtracking machine, ten times slower, so it runs only on a block that passes
//! a [`Screen`]: the same pattern with its look-arounds dropped and backreferences
//! spelled out (it matches wherever the pattern does), or, for a word repeated
//! after white space (`\b(\p{L}+)\s+\1\b`), a scan for two equal words in a row.
//! [`Matcher::find_unscreened`] is the plain version the tests compare with.

use fancy_regex::{Expr, RegexBuilder};
use stmtlint_lexicon::automata::{Automata, Semantics};
use stmtlint_lexicon::scan::LetterRuns;

/// A match: byte offsets into the searched text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A regular expression, on the engine it needs: `regex` when it can, else
/// `fancy-regex` (look-around, backreferences) behind a [`Screen`].
#[derive(Clone, Debug)]
pub enum Pattern {
    /// Automata: linear time, literal prefilters.
    Fast(regex::Regex),
    /// Backtracking, with what a block must pass first.
    Fancy(fancy_regex::Regex, std::sync::Arc<Screen>),
}

impl Pattern {
    /// The pattern as compiled.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Fast(r) => r.as_str(),
            Self::Fancy(r, _) => r.as_str(),
        }
    }

    /// Whether it may match in `text`: it does, or, for a slow pattern, its screen
    /// passes (a superset, at the screen's cost).
    pub fn may_match(&self, text: &str) -> bool {
        match self {
            Self::Fast(r) => r.is_match(text),
            Self::Fancy(_, screen) => screen.passes(text),
        }
    }

    /// Whether it matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        match self {
            Self::Fast(r) => r.is_match(text),
            Self::Fancy(r, screen) => screen.passes(text) && r.is_match(text).unwrap_or(false),
        }
    }

    /// Its matches in `text`; with `screened`, a fancy pattern runs only on a text
    /// its screen passes (the result is the same).
    fn hits(&self, text: &str, screened: bool) -> Vec<Hit> {
        let hit = |start, end| Hit { start, end };
        match self {
            Self::Fast(r) => r.find_iter(text).map(|m| hit(m.start(), m.end())).collect(),
            Self::Fancy(_, screen) if screened => screen.hits(text).unwrap_or_else(|| {
                if screen.passes(text) {
                    self.hits(text, false)
                } else {
                    Vec::new()
                }
            }),
            // Where a search hits the backtracking limit, it goes on after it.
            Self::Fancy(r, _) => r
                .find_iter(text)
                .filter_map(Result::ok)
                .map(|m| hit(m.start(), m.end()))
                .collect(),
        }
    }

    /// Its matches in `text`.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.hits(text, true)
    }

    /// Where group 1 of each match stands in `text`.
    pub fn group_1(&self, text: &str) -> Vec<Hit> {
        let hit = |m: Option<(usize, usize)>| m.map(|(start, end)| Hit { start, end });
        match self {
            Self::Fast(r) => r
                .captures_iter(text)
                .filter_map(|c| hit(c.get(1).map(|g| (g.start(), g.end()))))
                .collect(),
            Self::Fancy(_, screen) if !screen.passes(text) => Vec::new(),
            Self::Fancy(r, _) => r
                .captures_iter(text)
                .filter_map(Result::ok)
                .filter_map(|c| hit(c.get(1).map(|g| (g.start(), g.end()))))
                .collect(),
        }
    }

    /// `template` with `$1`… filled from the match of this pattern in `matched`.
    pub fn expand(&self, matched: &str, template: &str) -> String {
        let mut out = String::new();
        match self {
            Self::Fast(r) => match r.captures(matched) {
                Some(c) => c.expand(template, &mut out),
                None => out.push_str(template),
            },
            Self::Fancy(r, _) => match r.captures(matched) {
                Ok(Some(c)) => c.expand(template, &mut out),
                _ => out.push_str(template),
            },
        }
        out
    }

    /// The number of groups, the whole match included.
    pub fn captures_len(&self) -> usize {
        match self {
            Self::Fast(r) => r.captures_len(),
            Self::Fancy(r, _) => r.captures_len(),
        }
    }
}

/// Which of a matcher's tokens and patterns may match in a document.
#[derive(Debug)]
pub struct Active(Vec<bool>);

impl Active {
    /// Whether any may.
    pub fn any(&self) -> bool {
        self.0.iter().any(|a| *a)
    }
}

/// A rule's tokens and patterns, compiled.
#[derive(Debug)]
pub struct Matcher {
    tokens: Option<Pattern>,
    patterns: Vec<Pattern>,
}

/// What a block must pass before a slow pattern runs on it. Every screen passes
/// every block the pattern matches in.
#[derive(Debug)]
pub enum Screen {
    /// The pattern is fast: no screen.
    None,
    /// A fast pattern that matches wherever the slow one does.
    Regex(regex::Regex),
    /// Two equal words (case aside) with only white space between them, of
    /// letters only when `letters`, of `shortest` characters at least.
    RepeatedWord {
        /// The group's class is letters (`\p{L}`), not word characters (`\w`).
        letters: bool,
        /// The group's least repeat count.
        shortest: usize,
        /// When the repeated word is where every match starts: the pattern
        /// anchored (`\G`), tried at each pair only instead of across the block.
        anchored: Option<fancy_regex::Regex>,
    },
}

impl Screen {
    /// The screen of `pattern` (as compiled, flags included).
    pub fn of(pattern: &str) -> Self {
        let Ok(tree) = Expr::parse_tree(pattern) else {
            return Self::None;
        };
        let hard = |e: &Expr| matches!(e, Expr::LookAround(..) | Expr::Backref { .. } | Expr::AtomicGroup(_));
        if !hard(&tree.expr) && !tree.expr.has_descendant(hard) {
            return Self::None;
        }
        if let Some((letters, shortest, first)) = repeats_a_word(&tree.expr) {
            let anchored = first
                .then(|| {
                    RegexBuilder::new(&format!("\\G(?:{pattern})"))
                        .backtrack_limit(1_000_000)
                        .build()
                        .ok()
                })
                .flatten();
            return Self::RepeatedWord {
                letters,
                shortest,
                anchored,
            };
        }
        let groups = capture_groups(&tree.expr);
        relax(&tree.expr, &groups)
            .and_then(|e| {
                // fancy-regex 0.20 panics formatting some assertions (`\Z`: "attempting
                // to format hard expr", found by fuzzing rule files); such a pattern
                // gets no screen and is searched in full, as it would be anyway.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut source = String::new();
                    e.to_str(&mut source, 0);
                    source
                }))
                .ok()
            })
            .and_then(|source| regex::Regex::new(&source).ok())
            .map_or(Self::None, Self::Regex)
    }

    /// The matches of its pattern in `text`, when the screen can find them alone:
    /// a repeated word's pattern, anchored, tried at each pair of equal words in
    /// turn (after a match, the next pair that starts past its end), as a search
    /// across the block would find them.
    fn hits(&self, text: &str) -> Option<Vec<Hit>> {
        let Self::RepeatedWord {
            letters,
            shortest,
            anchored: Some(anchored),
        } = self
        else {
            return None;
        };
        let mut out: Vec<Hit> = Vec::new();
        for start in repeated_words(text, *letters, *shortest, false) {
            if out.last().is_some_and(|h| start < h.end) {
                continue;
            }
            if let Ok(Some(m)) = anchored.find_from_pos(text, start)
                && m.start() == start
                && m.end() > start
            {
                out.push(Hit { start, end: m.end() });
            }
        }
        Some(out)
    }

    /// Whether `text` may hold a match.
    pub fn passes(&self, text: &str) -> bool {
        match self {
            Self::None => true,
            Self::Regex(regex) => regex.is_match(text),
            Self::RepeatedWord { letters, shortest, .. } => !repeated_words(text, *letters, *shortest, true).is_empty(),
        }
    }
}

/// The capturing groups of `e`, in the order of their numbers.
fn capture_groups(e: &Expr) -> Vec<Expr> {
    let mut out = Vec::new();
    fn walk(e: &Expr, out: &mut Vec<Expr>) {
        if let Expr::Group(inner) = e {
            out.push(inner.as_ref().clone());
        }
        for child in e.children_iter() {
            walk(child, out);
        }
    }
    walk(e, &mut out);
    out
}

/// `e` without its look-arounds (they only narrow a match), with each
/// backreference replaced by what its group matches and atomic groups by plain
/// ones: it matches wherever `e` does. `None` when `e` has a construct the
/// `regex` engine lacks.
fn relax(e: &Expr, groups: &[Expr]) -> Option<Expr> {
    Some(match e {
        Expr::LookAround(..) => Expr::Empty,
        Expr::Backref { group, .. } => relax(groups.get(group.checked_sub(1)?)?, groups)?,
        Expr::AtomicGroup(inner) => relax(inner, groups)?,
        Expr::Group(inner) => Expr::Group(std::sync::Arc::new(relax(inner, groups)?)),
        Expr::Concat(items) => Expr::Concat(items.iter().map(|i| relax(i, groups)).collect::<Option<_>>()?),
        Expr::Alt(items) => Expr::Alt(items.iter().map(|i| relax(i, groups)).collect::<Option<_>>()?),
        Expr::Repeat { child, lo, hi, greedy } => Expr::Repeat {
            child: Box::new(relax(child, groups)?),
            lo: *lo,
            hi: *hi,
            greedy: *greedy,
        },
        Expr::Empty | Expr::Any { .. } | Expr::Literal { .. } | Expr::Delegate { .. } => e.clone(),
        Expr::Assertion(_) => e.clone(),
        _ => return None,
    })
}

/// Whether `e` is, at its top, `\b(WORD{n,})\s+\1\b` among look-arounds and
/// other items, where WORD is a class of letters or word characters and the
/// group is the first: then every match is two equal maximal words with white
/// space between, which [`repeated_words`] finds. Returns whether the class is
/// letters, `n`, and whether nothing that takes text comes before it (then every
/// match starts at the first word).
fn repeats_a_word(e: &Expr) -> Option<(bool, usize, bool)> {
    let Expr::Concat(items) = e else { return None };
    // Look-arounds narrow a match without taking text: the shape is in the rest.
    let items: Vec<&Expr> = items.iter().filter(|i| !matches!(i, Expr::LookAround(..))).collect();
    let word_class = |e: &Expr| match e {
        Expr::Repeat { child, lo, .. } if *lo >= 1 => match child.as_ref() {
            Expr::Delegate { inner, .. } => match inner.to_lowercase().as_str() {
                "\\p{l}" | "\\pl" | "\\p{letter}" => Some((true, *lo)),
                "\\w" | "\\p{alphabetic}" => Some((false, *lo)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    let spaces = |e: &Expr| match e {
        Expr::Repeat { child, lo, .. } if *lo >= 1 => {
            matches!(child.as_ref(), Expr::Delegate { inner, .. } if inner.eq_ignore_ascii_case("\\s"))
        }
        _ => false,
    };
    let boundary = |e: &Expr| matches!(e, Expr::Assertion(fancy_regex::Assertion::WordBoundary));
    let first_group = items.iter().position(|i| matches!(i, Expr::Group(_)));
    items.windows(5).enumerate().find_map(|(at, w)| {
        let Expr::Group(group) = w[1] else { return None };
        let shape = boundary(w[0])
            && first_group == Some(at + 1)
            && spaces(w[2])
            && matches!(w[3], Expr::Backref { group: 1, .. })
            && boundary(w[4]);
        let first = items[..at]
            .iter()
            .all(|i| matches!(i, Expr::Assertion(_) | Expr::Empty));
        shape
            .then(|| word_class(group))
            .flatten()
            .map(|(letters, n)| (letters, n, first))
    })
}

/// Where in `text` a word is followed, after white space only, by the same word
/// (ignoring case): the start of the first of each pair (only the first pair with
/// `first_only`). The words are the longest runs of letters, digits and `_`; with
/// `letters`, only words of letters count, and only words of `shortest`
/// characters at least. It runs on every block, so ASCII is read a byte at a
/// time from a table, characters are decoded only past ASCII, and nothing is
/// allocated.
pub fn repeated_words(text: &str, letters: bool, shortest: usize, first_only: bool) -> Vec<usize> {
    if !letters {
        return repeated_words_exact(text, letters, shortest, first_only);
    }
    // Pieces of about 4 KB, cut in white space, each read by the ASCII scan unless
    // it has a letter beyond ASCII; a piece starts at the last word of the one
    // before, so a pair across a cut is seen.
    let bytes = text.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let mut starts: Vec<usize> = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let mut to = (from + 4096).min(text.len());
        while to < text.len() && !space(bytes[to]) {
            to += 1;
        }
        // The next piece starts at this one's last word: a piece holds two words at
        // least, widened past a long word or a long run of white space.
        let last_word = |to: usize| {
            let mut last = to;
            while last > from && space(bytes[last - 1]) {
                last -= 1;
            }
            while last > from && !space(bytes[last - 1]) {
                last -= 1;
            }
            last
        };
        while to < text.len() && last_word(to) == from {
            while to < text.len() && space(bytes[to]) {
                to += 1;
            }
            while to < text.len() && !space(bytes[to]) {
                to += 1;
            }
        }
        let piece = &text[from..to];
        let found = if has_other_letters(piece) {
            repeated_words_exact(piece, letters, shortest, first_only)
        } else {
            repeated_ascii_words(piece, shortest, first_only)
        };
        starts.extend(found.into_iter().map(|at| from + at));
        if to == text.len() || (first_only && !starts.is_empty()) {
            break;
        }
        from = last_word(to);
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// Whether `bytes` has a letter or digit beyond ASCII (`é`, `Ω`): then a word
/// may have bytes that are not ASCII letters. Quotes, dashes and no-break
/// spaces are not letters.
fn has_other_letters(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(k) = bytes[at..].iter().position(|b| *b >= 0x80) {
        at += k;
        let (c, len) = char_at(text, at);
        if is_word(c) {
            return true;
        }
        at += len;
    }
    false
}

/// [`repeated_words`] of letters, for a text whose letters are all ASCII: pairs
/// of runs of ASCII letters 64 bytes at a time ([`LetterRuns`]), the words whole
/// when no digit or `_` touches them, with only white space between.
fn repeated_ascii_words(text: &str, shortest: usize, first_only: bool) -> Vec<usize> {
    let bytes = text.as_bytes();
    let word_byte = |at: usize| bytes.get(at).is_some_and(|b| b.is_ascii_digit() || *b == b'_');
    // A run is a whole word when no digit or `_` touches it.
    let whole =
        |start: usize, end: usize| end - start >= shortest && !word_byte(end) && !(start > 0 && word_byte(start - 1));
    let mut starts = Vec::new();
    let mut previous: Option<(usize, usize)> = None;
    for (start, end) in LetterRuns::new(bytes) {
        // Cheapest tests first: most neighbours differ in length or first letter.
        if let Some((p_start, p_end)) = previous
            && end - start == p_end - p_start
            && bytes[start] | 0x20 == bytes[p_start] | 0x20
            && whole(p_start, p_end)
            && whole(start, end)
            && text[p_end..start].chars().all(char::is_whitespace)
            && bytes[p_start..p_end].eq_ignore_ascii_case(&bytes[start..end])
        {
            starts.push(p_start);
            if first_only {
                return starts;
            }
        }
        previous = Some((start, end));
    }
    starts
}

/// [`repeated_words`] for any text, a character at a time.
fn repeated_words_exact(text: &str, letters: bool, shortest: usize, first_only: bool) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut previous: Option<(usize, usize)> = None;
    let mut at = 0;
    while at < bytes.len() {
        match CLASS[usize::from(bytes[at])] {
            SPACE => {
                at += 1;
                continue;
            }
            OTHER => {
                previous = None;
                at += 1;
                continue;
            }
            BEYOND => {
                let (c, len) = char_at(text, at);
                if !is_word(c) {
                    if !c.is_whitespace() {
                        previous = None;
                    }
                    at += len;
                    continue;
                }
            }
            _ => {}
        }
        let (end, only_letters, chars) = word_at(text, at);
        // A word the pattern's group cannot be is not a candidate.
        let fits = chars >= shortest && (only_letters || !letters);
        if fits
            && let Some((start, stop)) = previous
            && same_word(&text[start..stop], &text[at..end])
        {
            starts.push(start);
            if first_only {
                return starts;
            }
        }
        previous = fits.then_some((at, end));
        at = end;
    }
    starts
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 3;
const BEYOND: u8 = 4;

/// What each byte is to a word: an ASCII letter, digit (or `_`), white space or
/// other, or `BEYOND` ASCII (a byte of another character).
const CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' | b'_' => DIGIT,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => SPACE,
            0x80.. => BEYOND,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// The end of the word that starts at `at`, whether it is letters only, and its
/// length in characters.
fn word_at(text: &str, start: usize) -> (usize, bool, usize) {
    let bytes = text.as_bytes();
    let mut at = start;
    // ASCII letters, the common case, in a tight loop.
    while at < bytes.len() && CLASS[usize::from(bytes[at])] == LETTER {
        at += 1;
    }
    let (mut letters, mut chars) = (true, at - start);
    while at < bytes.len() {
        match CLASS[usize::from(bytes[at])] {
            LETTER => at += 1,
            DIGIT => {
                letters = false;
                at += 1;
            }
            BEYOND => {
                let (c, len) = char_at(text, at);
                if !is_word(c) {
                    break;
                }
                letters &= c.is_alphabetic();
                at += len;
            }
            _ => break,
        }
        chars += 1;
    }
    (at, letters, chars)
}

/// The character at byte `at` of `text` and its length; ASCII without decoding.
fn char_at(text: &str, at: usize) -> (char, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Equal but for case.
fn same_word(a: &str, b: &str) -> bool {
    // Most pairs differ in length or first letter: ruled out without a pass.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x[0] < 0x80 && y[0] < 0x80 && (x[0] | 0x20) != (y[0] | 0x20) {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A pattern that does not compile: which one, and why.
#[derive(Debug)]
pub struct BadPattern {
    /// Its index among the patterns given.
    pub index: usize,
    /// The regex error, in its words.
    pub why: String,
}

/// The regular expression of literal `tokens`: escaped, longest first (so `TBC`
/// wins over `TB`), spaces as runs of white space.
pub fn tokens_regex(tokens: &[String], ignore_case: bool) -> Option<String> {
    if tokens.is_empty() {
        return None;
    }
    let mut sorted: Vec<&String> = tokens.iter().collect();
    sorted.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|t| {
            t.split_whitespace()
                .map(fancy_regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    Some(format!(
        "{}(?:{})",
        if ignore_case { "(?i)" } else { "" },
        alternatives.join("|")
    ))
}

/// Compiles a regular expression on the engine it needs.
pub fn compile(pattern: &str, ignore_case: bool) -> Result<Pattern, String> {
    let pattern = if ignore_case {
        format!("(?i){pattern}")
    } else {
        pattern.to_owned()
    };
    if let Ok(fast) = regex::Regex::new(&pattern) {
        return Ok(Pattern::Fast(fast));
    }
    let fancy = RegexBuilder::new(&pattern)
        // A pattern that backtracks without end gives up on that block.
        .backtrack_limit(1_000_000)
        .build()
        .map_err(|e| e.to_string())?;
    let screen = Screen::of(&pattern);
    Ok(Pattern::Fancy(fancy, std::sync::Arc::new(screen)))
}

impl Matcher {
    /// Compiles `tokens` and `patterns`.
    ///
    /// # Errors
    /// The first pattern that does not compile.
    pub fn new(tokens: &[String], patterns: &[String], ignore_case: bool) -> Result<Self, BadPattern> {
        let tokens = tokens_regex(tokens, ignore_case)
            .map(|source| compile(&source, false).map_err(|why| BadPattern { index: usize::MAX, why }));
        let patterns = patterns
            .iter()
            .enumerate()
            .map(|(index, p)| compile(p, ignore_case).map_err(|why| BadPattern { index, why }))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            tokens: tokens.transpose()?,
            patterns,
        })
    }

    /// The matches in `text`, in order, not overlapping (of two that overlap, the
    /// one that starts first, else the longer, is kept).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.search(text, true, None)
    }

    /// Which of the tokens (first) and patterns may match somewhere in `document`
    /// (a whole document's text): a block is then searched for those only. Most
    /// documents have none, and one test of the document costs less than one per
    /// block.
    pub fn active(&self, document: &str) -> Active {
        let tokens = self.tokens.as_ref().is_some_and(|t| t.may_match(document));
        Active(
            std::iter::once(tokens)
                .chain(self.patterns.iter().map(|p| p.may_match(document)))
                .collect(),
        )
    }

    /// [`Matcher::find`] for the tokens and patterns `active` keeps.
    pub fn find_active(&self, text: &str, active: &Active) -> Vec<Hit> {
        self.search(text, true, Some(active))
    }

    /// [`Matcher::find`] without screens: every pattern runs on every block.
    pub fn find_unscreened(&self, text: &str) -> Vec<Hit> {
        self.search(text, false, None)
    }

    fn search(&self, text: &str, screened: bool, active: Option<&Active>) -> Vec<Hit> {
        let on = |i: usize| active.is_none_or(|a| a.0[i]);
        let mut hits: Vec<Hit> = Vec::new();
        if let Some(tokens) = self.tokens.as_ref().filter(|_| on(0)) {
            hits.extend(
                tokens
                    .find(text)
                    .into_iter()
                    .filter(|h| whole_word(text, h.start, h.end)),
            );
        }
        for (i, pattern) in self.patterns.iter().enumerate() {
            if on(i + 1) {
                hits.extend(pattern.hits(text, screened).into_iter().filter(|h| h.end > h.start));
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_none_or(|last| h.start >= last.end) {
                out.push(h);
            }
        }
        out
    }
}

/// Many literal words and phrases — a rule's `swap` keys or `either` forms — found
/// together, however many there are.
///
/// Each phrase is found exactly where its own search finds it ([`phrase_pattern`]:
/// the words as written, any run of white space between them, in any case with
/// `ignore_case`), leftmost first and not overlapping itself; phrases may overlap
/// each other. Aho-Corasick automata over all phrases ([`Automata`]: one per
/// 10,000) read the block with each run of white space written as one space (so
/// `Washington DC` is found across a line break), and every hit is mapped back to
/// the block. A phrase the automata cannot search as its regular expression would (beyond ASCII in a rule that
/// ignores case: Unicode case folding; an empty one) keeps its own pattern.
/// [`Literals::plain`] is the plain version the tests compare with: one regular
/// expression per phrase.
#[derive(Debug)]
pub struct Literals {
    phrases: Vec<String>,
    ignore_case: bool,
    /// The automata of the phrases they can search, and the phrase of each of
    /// their patterns.
    automata: Option<(Automata, Vec<usize>)>,
    /// The phrases searched with their own pattern.
    own: Vec<(usize, Pattern)>,
}

impl Literals {
    /// The searcher of `phrases`.
    ///
    /// # Errors
    /// The automaton cannot be built (more patterns than it can hold).
    pub fn new(phrases: Vec<String>, ignore_case: bool) -> Result<Self, String> {
        let (mut ids, mut keys, mut own) = (Vec::new(), Vec::new(), Vec::new());
        for (i, phrase) in phrases.iter().enumerate() {
            let words: Vec<&str> = phrase.split_whitespace().collect();
            if words.is_empty() || (ignore_case && !phrase.is_ascii()) {
                own.push((i, phrase_pattern(phrase, ignore_case)?));
            } else {
                ids.push(i);
                keys.push(words.join(" "));
            }
        }
        let automata = if keys.is_empty() {
            None
        } else {
            let built = Automata::new(&keys, Semantics::Overlapping, ignore_case).map_err(|e| e.to_string())?;
            Some((built, ids))
        };
        Ok(Self {
            phrases,
            ignore_case,
            automata,
            own,
        })
    }

    /// The phrases, in the order their indexes count.
    pub fn phrases(&self) -> &[String] {
        &self.phrases
    }

    /// Each phrase's hits in `text`, as (phrase index, hit), by start, then end,
    /// then phrase.
    pub fn find(&self, text: &str) -> Vec<(usize, Hit)> {
        let mut out = Vec::new();
        if let Some((automata, ids)) = &self.automata {
            let flat = Flattened::of(text, self.ignore_case);
            // Where each phrase's last hit ends: a phrase does not overlap itself
            // (its hits all have one length, so they come in order of start).
            let mut ends: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
            for hit in automata.overlapping(&flat.text) {
                let phrase = ids[hit.pattern];
                let end = ends.entry(phrase).or_insert(0);
                if hit.start < *end {
                    continue;
                }
                *end = hit.end;
                out.push((phrase, flat.original(text, hit.start, hit.end)));
            }
        }
        for (i, pattern) in &self.own {
            out.extend(pattern.find(text).into_iter().map(|h| (*i, h)));
        }
        out.sort_unstable_by_key(|(i, h)| (h.start, h.end, *i));
        out
    }

    /// [`Literals::find`] the plain way: each phrase's own regular expression
    /// (compiled once, here), run on the text one after the other.
    pub fn plain(&self) -> impl Fn(&str) -> Vec<(usize, Hit)> + use<> {
        let patterns: Vec<Option<Pattern>> = self
            .phrases
            .iter()
            .map(|p| phrase_pattern(p, self.ignore_case).ok())
            .collect();
        move |text| {
            let mut out = Vec::new();
            for (i, pattern) in patterns.iter().enumerate() {
                if let Some(pattern) = pattern {
                    out.extend(pattern.find(text).into_iter().map(|h| (i, h)));
                }
            }
            out.sort_unstable_by_key(|(i, h)| (h.start, h.end, *i));
            out
        }
    }
}

/// The search of one literal phrase on its own: its words escaped, any run of
/// white space between them.
pub fn phrase_pattern(phrase: &str, ignore_case: bool) -> Result<Pattern, String> {
    compile(
        &tokens_regex(std::slice::from_ref(&phrase.to_owned()), false).unwrap_or_default(),
        ignore_case,
    )
}

/// A block as [`Literals`] reads it: each run of white space one space and, when
/// case is ignored, the two characters beyond ASCII that Unicode folds to ASCII
/// letters (`ſ`, the Kelvin sign) written as those letters; with the offset in the
/// block of the character each byte comes from.
struct Flattened {
    text: String,
    from: Vec<usize>,
}

impl Flattened {
    fn of(block: &str, ignore_case: bool) -> Self {
        let mut text = String::with_capacity(block.len());
        let mut from = Vec::with_capacity(block.len());
        let mut space = false;
        for (at, c) in block.char_indices() {
            if c.is_whitespace() {
                if !space {
                    text.push(' ');
                    from.push(at);
                }
                space = true;
                continue;
            }
            space = false;
            let c = match c {
                '\u{17F}' if ignore_case => 's',
                '\u{212A}' if ignore_case => 'k',
                c => c,
            };
            text.push(c);
            from.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        Self { text, from }
    }

    /// The hit in the block of `start..end` in the flattened text (a hit never
    /// begins or ends in white space).
    fn original(&self, block: &str, start: usize, end: usize) -> Hit {
        let last = self.from[end - 1];
        let width = block[last..].chars().next().map_or(1, char::len_utf8);
        Hit {
            start: self.from[start],
            end: last + width,
        }
    }
}

/// Whether `text[start..end]` stands as whole words: no letter or digit joins it
/// on a side where it begins or ends with one.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let inner = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins_before = inner.chars().next().is_some_and(word) && before.is_some_and(word);
    let joins_after = inner.chars().next_back().is_some_and(word) && after.is_some_and(word);
    !joins_before && !joins_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text).iter().map(|h| text[h.start..h.end].to_owned()).collect()
    }

    #[test]
    fn tokens_are_whole_words_longest_first_and_span_line_breaks() {
        let m = Matcher::new(&["TB".into(), "TBC".into(), "to be confirmed".into()], &[], false).unwrap();
        assert_eq!(
            found(&m, "On TBC, TBCs and TB; to be\nconfirmed."),
            ["TBC", "TB", "to be\nconfirmed"]
        );
        let m = Matcher::new(&["tbc".into()], &[], true).unwrap();
        assert_eq!(found(&m, "TBC or Tbc"), ["TBC", "Tbc"]);
        // A token that is not a word matches inside words' punctuation.
        let m = Matcher::new(&["???".into()], &[], false).unwrap();
        assert_eq!(found(&m, "on ???."), ["???"]);
    }

    #[test]
    fn patterns_and_tokens_do_not_overlap() {
        let m = Matcher::new(&["XX".into()], &[r"\[[A-Z ]+\]".into()], false).unwrap();
        assert_eq!(found(&m, "[XX] and XX"), ["[XX]", "XX"]);
    }

    #[test]
    fn screens_pass_every_block_their_pattern_matches_in() {
        let cases = [
            (
                r"(?i)\b(?!(?:had)\s)(\p{L}{2,})\s+\1\b",
                "RepeatedWord { letters: true, shortest: 2, anchored: Some",
            ),
            (r"(?<!\bthe )\b\d*XX+\d*\b(?!\s*th\b)", "Regex"),
            (r"\bTBC\b", "None"),
            (r"(a|b)c\1", "Regex"),
        ];
        for (pattern, kind) in cases {
            let screen = Screen::of(pattern);
            assert!(format!("{screen:?}").starts_with(kind), "{pattern}: {screen:?}");
            assert_eq!(
                matches!(compile(pattern, false), Ok(Pattern::Fast(_))),
                kind == "None",
                "{pattern}"
            );
        }
        let repeated = |text| repeated_words(text, true, 2, false);
        assert_eq!(repeated("the  The end, and and"), [0, 14]);
        assert_eq!(repeated("Économie\néconomie"), [0]);
        assert!(
            repeated("the, the end").is_empty() && repeated("the theory").is_empty() && repeated("a b a").is_empty()
        );
        assert!(repeated("S S and 10 10").is_empty() && repeated_words("10 10", false, 1, true) == [0]);
    }

    #[test]
    fn the_ascii_word_scan_finds_what_the_character_scan_finds() {
        let long = format!(
            "{} word word {} Ωmega Ωmega {}",
            "filler ".repeat(700),
            "text ".repeat(0),
            "x y ".repeat(900)
        );
        // Pairs of every length at every offset around the cuts between pieces,
        // some pieces with a letter beyond ASCII (read a character at a time).
        let mut cuts = String::new();
        for i in 0..1200usize {
            let word = &"abcdefghij"[..1 + i % 7];
            cuts.push_str(word);
            cuts.push(if i % 3 == 0 { '\n' } else { ' ' });
            if i % 5 == 0 {
                cuts.push_str(word);
                cuts.push(' ');
            }
            if i % 97 == 0 {
                cuts.push_str("Économie économie ");
            }
        }
        // A pair a long run of white space or a long word apart, around each cut.
        let apart: Vec<String> = (4085..4105)
            .flat_map(|n| {
                [
                    format!("the{}the", " ".repeat(n)),
                    format!("{} {}", "a".repeat(n), "a".repeat(n)),
                    format!("x {} the{}the", "b".repeat(n), " ".repeat(n)),
                ]
            })
            .collect();
        let texts = [
            long.as_str(),
            cuts.as_str(),
            "the the, The  the\nthe; 2the the the2 _the the a a an an",
            "“the the” — the\u{a0}the (and and) Économie économie",
            "IN IN ST A B IL IT Y the\tthe",
        ];
        for text in texts.into_iter().chain(apart.iter().map(String::as_str)) {
            for shortest in [1, 2, 3] {
                assert_eq!(
                    repeated_words(text, true, shortest, false),
                    repeated_words_exact(text, true, shortest, false),
                    "{text} {shortest}"
                );
            }
        }
    }

    #[test]
    fn screened_search_finds_what_the_plain_search_finds() {
        // The drafting pack's patterns over the samples and the shared corpus, a
        // block (paragraph) at a time: the screens skip blocks, never matches.
        let mut patterns = Vec::new();
        for (_, text) in crate::DRAFTING {
            let file: toml::Table = toml::from_str(text).unwrap();
            for rule in file["rule"].as_array().unwrap() {
                let list = rule
                    .get("patterns")
                    .and_then(toml::Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                patterns.extend(list.iter().map(|p| p.as_str().unwrap().to_owned()));
            }
        }
        let matcher = Matcher::new(&[], &patterns, false).unwrap();
        let mut texts = vec!["The the end. In IN caps. Said that that, coercion that that seeks. XX May.".to_owned()];
        texts.extend(corpus_texts());
        let mut blocks = 0;
        for text in &texts {
            // The document's test first, then its blocks: the same matches.
            let active = matcher.active(text);
            for block in text.split("\n\n") {
                blocks += 1;
                let plain = matcher.find_unscreened(block);
                assert_eq!(matcher.find(block), plain, "{block}");
                assert_eq!(matcher.find_active(block, &active), plain, "{block}");
            }
        }
        assert!(blocks > 100);
    }

    /// The texts of the samples and, when it is beside the checkout, the shared
    /// corpus.
    fn corpus_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts = Vec::new();
        for dir in [root.join("samples"), root.join("../shared/corpus")] {
            let mut stack = vec![dir];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if let Ok(text) = std::fs::read_to_string(&path) {
                        texts.push(text);
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn literals_find_what_each_phrase_finds_alone() {
        let phrases: Vec<String> = [
            "Washington DC",
            "DC",
            "washington",
            "aa",
            "U.S.",
            "EU-U.S.",
            "U.S.-EU",
            "Kelvin",
            "mass",
            "Ünion",
            "straße",
            "STRASSE",
            "",
            "  ",
            "co-operation",
            "Co operation",
            "a",
            "Ω",
        ]
        .map(String::from)
        .to_vec();
        let text = "Washington\n  DC and WASHINGTON dc, Washington\u{A0}DC\tDC. aaa aaaa a. \
                    The U.S.-EU and EU-U.S. talks; \u{212A}elvin and KELVIN; maſs, MASS. ÜNION, \
                    ünion, Union. Straße, STRASSE. Co-operation, co operation, co-\noperation. Ω ω.";
        for ignore_case in [false, true] {
            let literals = Literals::new(phrases.clone(), ignore_case).unwrap();
            let plain = literals.plain();
            for piece in [text, "", " ", "DC", "aaaa"] {
                assert_eq!(
                    literals.find(piece),
                    plain(piece),
                    "{piece:?} ignore_case={ignore_case}"
                );
            }
            assert!(literals.find(text).len() > 20);
        }
        // Phrases taken from the texts themselves (single words and pairs, in the
        // case written and in capitals), over the texts' paragraphs.
        let texts = corpus_texts();
        let mut phrases = std::collections::BTreeSet::new();
        for text in &texts {
            let words: Vec<&str> = text.split_whitespace().collect();
            for (i, pair) in words.windows(2).enumerate().filter(|(i, _)| i % 211 == 0) {
                phrases.insert(if i % 2 == 0 {
                    pair.join(" ")
                } else {
                    pair[0].to_uppercase()
                });
            }
        }
        let phrases: Vec<String> = phrases.into_iter().take(150).collect();
        assert!(phrases.len() >= 40, "{} phrases", phrases.len());
        for ignore_case in [false, true] {
            let literals = Literals::new(phrases.clone(), ignore_case).unwrap();
            let plain = literals.plain();
            let mut hits = 0;
            for text in &texts {
                for block in text.split("\n\n") {
                    let found = literals.find(block);
                    assert_eq!(found, plain(block), "{block}");
                    hits += found.len();
                }
            }
            assert!(hits > 100, "{hits} hits");
        }
    }

    #[test]
    fn a_bad_pattern_names_itself() {
        let e = Matcher::new(&[], &["ok".into(), "(".into()], false).unwrap_err();
        assert_eq!(e.index, 1);
    }
}

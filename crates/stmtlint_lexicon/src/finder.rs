//! The one matcher: every word and phrase of some lexicons, found in a text in one
//! pass, in any case, as whole words.
//!
//! A word is a maximal run of letters and digits; a phrase is words separated by
//! white space. [`Finder::find_plain`] says what is found in the plainest way (split
//! the text into words, compare); [`Finder::find`] finds the same, fast: the runs of
//! ASCII letters come 64 bytes at a time from a bit mask ([`LetterRuns`]), a run's
//! length, first and last letter rule out almost every word of prose at once, and
//! the rest are looked up by their letters packed in an integer, in a hash table
//! without collisions. On statements this takes about a quarter of the instructions
//! of an Aho-Corasick DFA, which has to step through every byte.

use crate::Lexicon;
use crate::scan::LetterRuns;

/// Finds the entries of some lexicons ([`Finder::new`]).
pub struct Finder {
    /// The distinct words phrases are found by, in the hash table.
    table: Table,
    /// For each anchor word (by its index in the table), the phrases it anchors.
    anchored: Vec<Vec<usize>>,
    /// The phrases: words, the index of the anchor among them, and the lexicons
    /// (bit `i`: the `i`th lexicon of [`Finder::new`]) that have the phrase.
    phrases: Vec<Phrase>,
}

struct Phrase {
    words: Vec<String>,
    anchor: usize,
    lexicons: u32,
}

/// A word or phrase of the lexicons, found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Where it starts in the text (a byte offset).
    pub start: usize,
    /// Where it ends in the text (a byte offset, exclusive).
    pub end: usize,
    /// The lexicons that have it: bit `i` for the `i`th of [`Finder::new`].
    pub lexicons: u32,
}

/// Why a [`Finder`] cannot be built from some lexicons: the fast search knows ASCII
/// letters only (callers then read the whole text instead).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotSearchable {
    /// The entry, and its lexicon.
    pub entry: String,
    pub lexicon: String,
}

/// The longest word the table holds: its letters fit in a `u128`.
const MAX_WORD: usize = 16;

impl Finder {
    /// The finder of every entry of `lexicons` (at most 32 of them), or the first
    /// entry that is not words of ASCII letters (of at most sixteen letters each)
    /// separated by single spaces, or that the lexicon matches only in its case.
    pub fn new(lexicons: &[&Lexicon]) -> Result<Self, NotSearchable> {
        assert!(lexicons.len() <= 32, "a finder is built from at most 32 lexicons");
        let mut phrases: Vec<Phrase> = Vec::new();
        for (i, lexicon) in lexicons.iter().enumerate() {
            for entry in lexicon.words() {
                let words: Vec<String> = entry.split(' ').map(str::to_owned).collect();
                let searchable = !lexicon.case_sensitive()
                    && words
                        .iter()
                        .all(|w| !w.is_empty() && w.len() <= MAX_WORD && w.bytes().all(|b| b.is_ascii_lowercase()));
                if !searchable {
                    return Err(NotSearchable {
                        entry: entry.to_owned(),
                        lexicon: lexicon.name().to_owned(),
                    });
                }
                match phrases.iter_mut().find(|p| p.words == words) {
                    Some(p) => p.lexicons |= 1 << i,
                    None => {
                        // The longest word is the rarest, as a rule: `to be held` is
                        // found by `held`, not by `to`.
                        let anchor = (0..words.len()).rev().max_by_key(|k| words[*k].len()).unwrap_or(0);
                        phrases.push(Phrase {
                            words,
                            anchor,
                            lexicons: 1 << i,
                        });
                    }
                }
            }
        }
        let mut anchors: Vec<&str> = Vec::new();
        let mut anchored: Vec<Vec<usize>> = Vec::new();
        for (i, p) in phrases.iter().enumerate() {
            let word = p.words[p.anchor].as_str();
            match anchors.iter().position(|a| *a == word) {
                Some(k) => anchored[k].push(i),
                None => {
                    anchors.push(word);
                    anchored.push(vec![i]);
                }
            }
        }
        Ok(Self {
            table: Table::new(&anchors),
            anchored,
            phrases,
        })
    }

    /// Every entry in `text`, into `hits` (cleared first), in order of start.
    pub fn find(&self, text: &str, hits: &mut Vec<Hit>) {
        hits.clear();
        let bytes = text.as_bytes();
        for (start, end) in LetterRuns::new(bytes) {
            if let Some(anchor) = self.table.word_at(bytes, start, end)
                && whole_word(text, start, end)
            {
                self.extend(text, start, end, &self.anchored[anchor], hits);
            }
        }
        hits.sort_unstable();
    }

    /// The phrases of `anchored` whose anchor is `text[start..end]`, when their other
    /// words stand around it.
    #[inline(never)]
    fn extend(&self, text: &str, start: usize, end: usize, anchored: &[usize], hits: &mut Vec<Hit>) {
        for &p in anchored {
            let phrase = &self.phrases[p];
            let mut from = start;
            let before = phrase.words[..phrase.anchor].iter().rev().all(|w| {
                word_before(text, from)
                    .filter(|&(s, e)| text[s..e].eq_ignore_ascii_case(w))
                    .map(|(s, _)| from = s)
                    .is_some()
            });
            let mut to = end;
            let after = phrase.words[phrase.anchor + 1..].iter().all(|w| {
                word_after(text, to)
                    .filter(|&(s, e)| text[s..e].eq_ignore_ascii_case(w))
                    .map(|(_, e)| to = e)
                    .is_some()
            });
            if before && after {
                hits.push(Hit {
                    start: from,
                    end: to,
                    lexicons: phrase.lexicons,
                });
            }
        }
    }

    /// What [`Finder::find`] finds, found plainly: the text's words (runs of letters
    /// and digits) compared with every phrase's words. The reference the tests hold
    /// [`Finder::find`] to.
    pub fn find_plain(&self, text: &str) -> Vec<Hit> {
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        let mut hits = Vec::new();
        for i in 0..words.len() {
            for phrase in &self.phrases {
                let Some(found) = words.get(i..i + phrase.words.len()) else {
                    continue;
                };
                let same = found
                    .iter()
                    .zip(&phrase.words)
                    .all(|(&(s, e), w)| text[s..e].eq_ignore_ascii_case(w));
                let spaced = found.windows(2).all(|pair| {
                    let gap = &text[pair[0].1..pair[1].0];
                    !gap.is_empty() && gap.chars().all(char::is_whitespace)
                });
                if same && spaced {
                    hits.push(Hit {
                        start: found[0].0,
                        end: found[found.len() - 1].1,
                        lexicons: phrase.lexicons,
                    });
                }
            }
        }
        hits.sort_unstable();
        hits
    }
}

/// The word before `text[at..]`, with white space between them: its byte range.
fn word_before(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = &text[..at];
    let end = before.trim_end().len();
    if end == before.len() {
        return None;
    }
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    Some((start, end))
}

/// The word after `text[..at]`, with white space between them: its byte range.
fn word_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return None;
    }
    let start = at + rest.len() - trimmed.len();
    let len = trimmed
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(trimmed.len(), |(i, _)| i);
    (len > 0).then_some((start, start + len))
}

/// Whether `text[start..end]` has no letter or digit of any script on either side.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Lower-case ASCII words (of at most sixteen letters) in a hash table without
/// collisions, looked up by a run of letters of a text in any case.
struct Table {
    /// Bit `z` of `letters[n][a]`: a word of `n` letters starts with letter `a` and
    /// ends with letter `z` (`a` = 0).
    letters: [[u32; 26]; MAX_WORD + 1],
    /// The words' keys ([`key`]) with their index among the words, each in the slot
    /// its hash gives (a zero key is an empty slot).
    slots: Vec<(u128, usize)>,
    /// The multiplier and the bits of the hash.
    seed: u64,
    bits: u32,
}

/// The letters of `word` in lower case, packed little-endian and zero-padded.
fn key(word: &[u8]) -> u128 {
    let mut buf = [0u8; MAX_WORD];
    buf[..word.len()].copy_from_slice(word);
    let mask = u128::MAX >> (8 * (MAX_WORD - word.len()));
    // ASCII letters are lower-cased by setting bit 5 of each byte.
    (u128::from_le_bytes(buf) | 0x2020_2020_2020_2020_2020_2020_2020_2020) & mask
}

/// `letter - 'a'` of a lower- or upper-case ASCII letter.
fn letter_index(letter: u8) -> usize {
    usize::from((letter | 0x20) - b'a')
}

/// The slot of `key` in a table of `1 << bits` slots.
fn slot(key: u128, seed: u64, bits: u32) -> usize {
    // Truncations intended: the key's two halves are mixed, then the top bits kept.
    let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(seed);
    (mixed >> (64 - bits)) as usize
}

impl Table {
    /// The table of `words` (distinct, lower-case ASCII letters, at most sixteen).
    fn new(words: &[&str]) -> Self {
        let mut letters = [[0u32; 26]; MAX_WORD + 1];
        let mut keys = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let b = w.as_bytes();
            letters[b.len()][letter_index(b[0])] |= 1 << letter_index(b[b.len() - 1]);
            keys.push((key(b), i));
        }
        // A table four to eight times the words, and a multiplier that sends no two
        // words to one slot (odd multipliers from a fixed sequence: deterministic).
        let mut bits = (keys.len() * 4).next_power_of_two().trailing_zeros().max(4);
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        loop {
            // One table per size, emptied between tries slot by slot: a try stops
            // at its first collision, so it touches few slots (zeroing the whole
            // table a thousand times was most of stmtlint's start-up).
            let mut slots = vec![(0u128, 0usize); 1 << bits];
            let mut touched: Vec<usize> = Vec::with_capacity(keys.len());
            for _ in 0..1000 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407)
                    | 1;
                for at in touched.drain(..) {
                    slots[at] = (0, 0);
                }
                if keys.iter().all(|&(k, i)| {
                    let at = slot(k, seed, bits);
                    let free = slots[at].0 == 0;
                    slots[at] = (k, i);
                    touched.push(at);
                    free
                }) {
                    return Self {
                        letters,
                        slots,
                        seed,
                        bits,
                    };
                }
            }
            bits += 1;
        }
    }

    /// The index of the word that the run of letters `bytes[start..end]` is, in any
    /// case (whether it stands as a whole word is the caller's to check).
    #[inline(always)]
    fn word_at(&self, bytes: &[u8], start: usize, end: usize) -> Option<usize> {
        let len = end - start;
        // Called on every run of letters, inline: almost all stop here.
        if len > MAX_WORD || self.letters[len][letter_index(bytes[start])] >> letter_index(bytes[end - 1]) & 1 == 0 {
            return None;
        }
        let key = key(&bytes[start..end]);
        let (found, word) = self.slots[slot(key, self.seed, self.bits)];
        (found == key).then_some(word)
    }
}

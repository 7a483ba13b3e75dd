//! Very many literal patterns searched at once — a glossary's variants, a rule
//! file's `swap` keys — with `aho-corasick`, whatever their number.
//!
//! aho-corasick 1.1 builds an automaton in time that grows with the square of
//! its patterns when many patterns are prefixes of others (`Bureau 1`, `Bureau
//! 10`, …: 200,000 such patterns take 7 s, 10,000 take 0.02 s; the states are
//! reordered by swaps whose cycles are then walked). [`Automata`] cuts a long
//! list into automata of at most [`CHUNK`] patterns and merges their answers, so
//! loading stays linear; a search reads the text once per automaton. Each search
//! answers as one automaton over all the patterns would: its tests compare them.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

/// The most patterns one automaton holds.
pub const CHUNK: usize = 10_000;

/// A hit: the pattern's index in the list given to [`Automata::new`], and its
/// byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// The pattern's index.
    pub pattern: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The automata of one list of patterns.
#[derive(Clone, Debug)]
pub struct Automata {
    chunks: Vec<AhoCorasick>,
    chunk: usize,
}

/// How the automata search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Semantics {
    /// Every hit of every pattern, overlapping ([`Automata::overlapping`]).
    Overlapping,
    /// The leftmost hit, the longest there, then on after it
    /// ([`Automata::leftmost_longest`], [`Automata::longest_at`]).
    LeftmostLongest,
}

impl Automata {
    /// The automata of `patterns`; `ascii_case_insensitive` as aho-corasick's.
    ///
    /// # Errors
    /// aho-corasick cannot build an automaton (too many states).
    pub fn new<P: AsRef<[u8]>>(
        patterns: &[P],
        semantics: Semantics,
        ascii_case_insensitive: bool,
    ) -> Result<Self, aho_corasick::BuildError> {
        Self::with_chunk(patterns, semantics, ascii_case_insensitive, CHUNK)
    }

    /// [`Automata::new`] with `chunk` patterns an automaton (tests use small ones).
    ///
    /// # Errors
    /// As [`Automata::new`].
    pub fn with_chunk<P: AsRef<[u8]>>(
        patterns: &[P],
        semantics: Semantics,
        ascii_case_insensitive: bool,
        chunk: usize,
    ) -> Result<Self, aho_corasick::BuildError> {
        let chunk = chunk.max(1);
        let (kind, start) = match semantics {
            Semantics::Overlapping => (MatchKind::Standard, StartKind::Unanchored),
            Semantics::LeftmostLongest => (MatchKind::LeftmostLongest, StartKind::Both),
        };
        let chunks = patterns
            .chunks(chunk)
            .map(|part| {
                AhoCorasick::builder()
                    .match_kind(kind)
                    .start_kind(start)
                    .ascii_case_insensitive(ascii_case_insensitive)
                    .build(part)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { chunks, chunk })
    }

    fn hit(&self, chunk: usize, m: aho_corasick::Match) -> Hit {
        Hit {
            pattern: chunk * self.chunk + m.pattern().as_usize(),
            start: m.start(),
            end: m.end(),
        }
    }

    /// Every hit of every pattern in `text`, overlapping, automaton by automaton
    /// (each in order of end). Built with [`Semantics::Overlapping`].
    pub fn overlapping<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Hit> + 'a {
        self.chunks
            .iter()
            .enumerate()
            .flat_map(move |(c, ac)| ac.find_overlapping_iter(text).map(move |m| self.hit(c, m)))
    }

    /// The hits of a leftmost-longest search of `text` (not overlapping). Built
    /// with [`Semantics::LeftmostLongest`].
    pub fn leftmost_longest(&self, text: &str) -> Vec<Hit> {
        if let [ac] = self.chunks.as_slice() {
            return ac.find_iter(text).map(|m| self.hit(0, m)).collect();
        }
        // Each automaton's next hit from `at` stays its next hit while it starts
        // at or after `at`: a k-way merge on (start, longest).
        let mut next: Vec<Option<Hit>> = vec![None; self.chunks.len()];
        let mut out = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            for (c, ac) in self.chunks.iter().enumerate() {
                if next[c].is_none_or(|h| h.start < at) {
                    next[c] = ac.find(Input::new(text).range(at..)).map(|m| self.hit(c, m));
                }
            }
            let Some(best) = next
                .iter()
                .flatten()
                .min_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.pattern))
                .copied()
            else {
                break;
            };
            out.push(best);
            // An empty pattern matches at its start: step past it.
            at = if best.end > best.start { best.end } else { best.end + 1 };
        }
        out
    }

    /// The longest hit that starts at `at`. Built with
    /// [`Semantics::LeftmostLongest`].
    pub fn longest_at(&self, text: &str, at: usize) -> Option<Hit> {
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        self.chunks
            .iter()
            .enumerate()
            .filter_map(|(c, ac)| ac.try_find(input.clone()).ok().flatten().map(|m| self.hit(c, m)))
            .min_by_key(|h| (std::cmp::Reverse(h.end), h.pattern))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns() -> Vec<String> {
        let mut p: Vec<String> = (0..60)
            .flat_map(|i| [format!("Bureau {i}"), format!("Bureau-{i}"), format!("B{i}")])
            .collect();
        p.extend(["Bureau", "U.S.", "U.S.-EU", "EU", "EU-U.S.", "S.-E", "a", "aa", "aaa"].map(String::from));
        p
    }

    const TEXT: &str = "Bureau 1 and Bureau 10, Bureau-5; Bureau-59 Bureau 600 B1B2 B12. The U.S.-EU and \
                        EU-U.S. talks. aaaa a aa. Bureau";

    #[test]
    fn many_automata_find_what_one_finds() {
        let patterns = patterns();
        let one = Automata::with_chunk(&patterns, Semantics::LeftmostLongest, false, usize::MAX).unwrap();
        for chunk in [1, 2, 7, 50, 1000] {
            let many = Automata::with_chunk(&patterns, Semantics::LeftmostLongest, false, chunk).unwrap();
            assert_eq!(many.leftmost_longest(TEXT), one.leftmost_longest(TEXT), "chunk {chunk}");
            for at in 0..TEXT.len() {
                assert_eq!(
                    many.longest_at(TEXT, at),
                    one.longest_at(TEXT, at),
                    "chunk {chunk} at {at}"
                );
            }
            let one = Automata::with_chunk(&patterns, Semantics::Overlapping, true, usize::MAX).unwrap();
            let many = Automata::with_chunk(&patterns, Semantics::Overlapping, true, chunk).unwrap();
            let sorted = |a: &Automata| {
                let mut hits: Vec<Hit> = a.overlapping(TEXT).collect();
                hits.sort();
                hits
            };
            assert_eq!(sorted(&many), sorted(&one), "chunk {chunk}");
        }
        assert!(one.leftmost_longest(TEXT).len() > 10);
    }

    #[test]
    fn a_long_list_split_into_automata_finds_its_patterns() {
        // 30,000 patterns, most a prefix of others, in three automata (how long
        // building takes is measured by tests/bench/glossary.py, not here).
        let patterns: Vec<String> = (0..15_000)
            .flat_map(|i| [format!("Bureau {i}"), format!("Bureau-{i}")])
            .collect();
        let automata = Automata::new(&patterns, Semantics::LeftmostLongest, false).unwrap();
        let hits = automata.leftmost_longest("Bureau 4999 and Bureau-14999.");
        let found: Vec<&str> = hits.iter().map(|h| patterns[h.pattern].as_str()).collect();
        assert_eq!(found, ["Bureau 4999", "Bureau-14999"]);
    }
}

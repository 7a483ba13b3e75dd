//! Finding a rule's `tokens` and `patterns` in a block of text.
//!
//! Tokens are literal words or phrases, matched on word boundaries; a space in a
//! token matches any run of spaces and line breaks (hard-wrapped text breaks
//! phrases). Patterns are regular expressions in Rust's syntax (with the
//! backreferences and look-around of `fancy-regex`), matched as written. All of a
//! rule's tokens are one regular expression, so a block is read once for them.

use fancy_regex::{Regex, RegexBuilder};

/// A match: byte offsets into the searched text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A rule's tokens and patterns, compiled.
#[derive(Debug)]
pub struct Matcher {
    tokens: Option<Regex>,
    patterns: Vec<Regex>,
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

/// Compiles a regular expression with the limits every rule's pattern gets.
pub fn compile(pattern: &str, ignore_case: bool) -> Result<Regex, String> {
    let pattern = if ignore_case {
        format!("(?i){pattern}")
    } else {
        pattern.to_owned()
    };
    RegexBuilder::new(&pattern)
        // A pattern that backtracks without end gives up on that block.
        .backtrack_limit(1_000_000)
        .build()
        .map_err(|e| e.to_string())
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
        let mut hits: Vec<Hit> = Vec::new();
        if let Some(tokens) = &self.tokens {
            hits.extend(find_all(tokens, text).filter(|h| whole_word(text, h.start, h.end)));
        }
        for pattern in &self.patterns {
            hits.extend(find_all(pattern, text).filter(|h| h.end > h.start));
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

/// Every match of `regex` in `text`; a search that hits the backtracking limit
/// ends there.
pub fn find_all<'t>(regex: &'t Regex, text: &'t str) -> impl Iterator<Item = Hit> + 't {
    regex.find_iter(text).map_while(Result::ok).map(|m| Hit {
        start: m.start(),
        end: m.end(),
    })
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
    fn a_bad_pattern_names_itself() {
        let e = Matcher::new(&[], &["ok".into(), "(".into()], false).unwrap_err();
        assert_eq!(e.index, 1);
    }
}

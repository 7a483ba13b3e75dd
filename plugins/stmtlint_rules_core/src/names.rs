//! Words as name rules see them, and how their spellings are compared.
//!
//! A word keeps the dots, hyphens, dashes and apostrophes inside it, so `U.S.-EU`,
//! `D.C.`, `Indo-Pacific` and `Leaders'` are one word each. Folding a word removes
//! exactly what `inconsistent-name` ignores — dots, hyphens, dashes, spaces and
//! diacritics — and keeps case, because `US` and `us` are different words.

use stmtlint_plugin::{Document, Span};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// One word of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// Where it stands in the document text.
    pub span: Span,
    /// The word as written.
    pub text: &'a str,
}

impl Word<'_> {
    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Has an upper-case letter after the first (`EU`, `U.S.`, `McDonald`).
    pub fn has_inner_capital(&self) -> bool {
        if self.text.is_ascii() {
            return self.text.bytes().skip(1).any(|b| b.is_ascii_uppercase());
        }
        self.text.chars().skip(1).any(char::is_uppercase)
    }
}

/// The hyphens, as typed and as typeset: `-`, U+2010 and the no-break U+2011
/// (`Secretary‑General`), which look the same.
pub const HYPHENS: [char; 3] = ['-', '‐', '‑'];

/// Hyphens and dashes that join the parts of a name (`U.S.-EU`, `EU–U.S.`).
pub fn is_dash(c: char) -> bool {
    HYPHENS.contains(&c) || matches!(c, '–' | '—')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The words of `text`, with spans offset by `offset` (where `text` starts in the
/// document).
pub fn words(text: &str, offset: usize) -> Vec<Word<'_>> {
    // English prose averages a word every six bytes (capped: a huge text of
    // another script may have few).
    let mut out = Vec::with_capacity((text.len() / 6 + 1).min(4096));
    words_where(text, offset, |_| true, &mut out);
    out
}

/// The words of `text` that start with a capital, onto `out`: exactly those of
/// [`words`], found without tokenizing the rest. White space always ends a word, so
/// only the runs between white space that hold a capital (or any non-ASCII letter)
/// are tokenized; in prose that is a tenth of the text.
pub fn capitalized_words<'t>(text: &'t str, offset: usize, out: &mut Vec<Word<'t>>) {
    let bytes = text.as_bytes();
    // Everything before `from` is tokenized.
    let mut from = 0;
    // The capitals (and non-ASCII bytes), found 64 bytes at a time: in prose most
    // bytes are neither.
    capitals(bytes, |at| {
        if at < from {
            return;
        }
        let start = bytes[from..at]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(from, |p| from + p + 1);
        let end = bytes[at..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |p| at + p);
        words_where(&text[start..end], offset + start, char::is_uppercase, out);
        from = end;
    });
}

/// Calls `f` with the position of each ASCII capital and each byte of a non-ASCII
/// character in `bytes`, in order.
pub fn capitals(bytes: &[u8], mut f: impl FnMut(usize)) {
    for (block, chunk) in bytes.chunks(64).enumerate() {
        let mut capitals = capitals64(chunk);
        while capitals != 0 {
            f(block * 64 + capitals.trailing_zeros() as usize);
            capitals &= capitals - 1;
        }
    }
}

/// The words of `text` whose first character passes `keep`, onto `out`.
fn words_where<'t>(text: &'t str, offset: usize, keep: impl Fn(char) -> bool, out: &mut Vec<Word<'t>>) {
    let bytes = text.as_bytes();
    // The char at byte `i`: ASCII without decoding, the rest from the UTF-8.
    let at = |i: usize| match bytes.get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text.get(i..).and_then(|s| s.chars().next()),
        None => None,
    };
    let mut i = 0;
    while let Some(c) = at(i) {
        // Runs of ASCII letters and digits, and of ASCII between words, byte by byte.
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut inner_dot = false;
        // Letters and digits, joined by one dot, dash or apostrophe at a time.
        loop {
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            let Some(c) = at(end) else { break };
            let after = end + c.len_utf8();
            if c.is_alphanumeric() {
                end = after;
            } else if (c == '.' || is_dash(c) || is_apostrophe(c)) && at(after).is_some_and(char::is_alphanumeric) {
                inner_dot |= c == '.';
                end = after;
            } else if let Some(dash) = at(after).filter(|d| c == '.' && inner_dot && is_dash(*d))
                && at(after + dash.len_utf8()).is_some_and(char::is_alphanumeric)
            {
                // `U.S.-EU`: an abbreviation's final dot, then the pair's dash.
                end = after + dash.len_utf8();
            } else {
                break;
            }
        }
        // `U.S.`, `D.C.`: an abbreviation keeps its final dot; `Leaders'` its apostrophe.
        if let Some(c) = at(end) {
            let plural = text[..end].ends_with('s');
            if (c == '.' && inner_dot) || (is_apostrophe(c) && plural) {
                end += c.len_utf8();
            }
        }
        if keep(c) {
            out.push(Word {
                span: Span::new(offset + start, offset + end),
                text: &text[start..end],
            });
        }
        i = end;
    }
}

/// Bit i set when `chunk[i]` is an ASCII capital or a byte of a non-ASCII character.
fn capitals64(chunk: &[u8]) -> u64 {
    use stmtlint_lexicon::scan::{HIGH, in_range, mask64};
    mask64(chunk, |x| in_range(x, b'A', b'Z') | (x & HIGH))
}

/// Whether `text[start..end]` stands as whole words.
pub fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let last = text[..end].chars().next_back();
    before.is_none_or(|c| !c.is_alphanumeric())
        && (after.is_none_or(|c| !c.is_alphanumeric()) || last.is_some_and(|c| !c.is_alphanumeric()))
}

/// Whether `word` occurs as a whole word inside one of `regions` (in text order):
/// one search from the first region to the last, not one per region.
pub fn stands_alone(doc: &Document, regions: &[Span], word: &str) -> bool {
    let (Some(first), Some(last)) = (regions.first(), regions.last()) else {
        return false;
    };
    let text = doc.slice(Span::new(first.start, last.end));
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        let (start, end) = (first.start + at, first.start + at + word.len());
        let region = regions[regions.partition_point(|r| r.end < end)..].first();
        region.is_some_and(|r| r.start <= start && whole_word(doc.slice(*r), start - r.start, end - r.start))
    })
}

/// `s` without dots, hyphens, dashes, spaces or diacritics: `U.S.-EU` → `USEU`,
/// `Tromsø` → `Tromso`, `Washington, D.C.` → `Washington,DC`. Case is kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        // Byte by byte only when there is something to drop (most words have not);
        // ASCII white space is what `char::is_whitespace` says, vertical tab included.
        let drop = |b: &u8| matches!(b, b'.' | b'-' | b' ' | b'\t'..=b'\r');
        if !s.as_bytes().iter().any(drop) {
            out.push_str(s);
            return;
        }
        out.extend(s.bytes().filter(|b| !drop(b)).map(char::from));
        return;
    }
    out.extend(
        s.nfd()
            .filter(|c| !is_combining_mark(*c) && *c != '.' && !is_dash(*c) && !c.is_whitespace())
            .map(|c| match c {
                // Letters with a stroke have no decomposition.
                'ø' => 'o',
                'Ø' => 'O',
                'ł' => 'l',
                'Ł' => 'L',
                'đ' => 'd',
                'Đ' => 'D',
                'ħ' => 'h',
                'ı' => 'i',
                '’' => '\'',
                c => c,
            }),
    );
}

/// The parties of a pair word (`U.S.-EU` → `["U.S.", "EU"]`), or `None` when the
/// word has no dash or a part is not a name.
#[inline]
pub fn pair_parts(word: &str) -> Option<Vec<&str>> {
    // A dash is `-` or starts with the byte 0xE2 (U+2010–U+2014): most words have
    // neither byte, and are ruled out inline.
    if !word.bytes().any(|b| b == b'-' || b == 0xe2) {
        return None;
    }
    dashed_parts(word)
}

/// [`pair_parts`] of a word with a dash byte.
#[inline(never)]
fn dashed_parts(word: &str) -> Option<Vec<&str>> {
    if !word.contains(is_dash) {
        return None;
    }
    let parts: Vec<&str> = word.split(is_dash).collect();
    let names = parts.iter().all(|p| {
        let mut chars = p.chars();
        chars.next().is_some_and(char::is_uppercase) && (p.len() > 1)
    });
    (parts.len() >= 2 && names).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s, 0).iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_keep_their_inner_punctuation() {
        assert_eq!(
            texts("the U.S.-EU Cyber Dialogue in Washington, D.C. The Leaders' meeting."),
            [
                "the",
                "U.S.-EU",
                "Cyber",
                "Dialogue",
                "in",
                "Washington",
                "D.C.",
                "The",
                "Leaders'",
                "meeting"
            ]
        );
        assert_eq!(
            texts("EU–U.S. (Tromsø) year’s time"),
            ["EU–U.S.", "Tromsø", "year’s", "time"]
        );
        assert_eq!(texts("end. Next"), ["end", "Next"]);
    }

    #[test]
    fn capitalized_words_are_those_of_the_full_tokenizer() {
        let text = "the U.S.-EU Cyber Dialogue, non-EU states, iPhone.Users O'Neill’s Zürich É.U. «Tromsø»\nEnd. x \
                    G7. (EU) A1b2C G20,Summit 3rd X. Y.Z. Q.. ..R";
        let all: Vec<Word<'_>> = words(text, 7)
            .into_iter()
            .filter(|w| w.text.starts_with(char::is_uppercase))
            .collect();
        let mut found = Vec::new();
        capitalized_words(text, 7, &mut found);
        assert_eq!(found, all);
        assert_eq!(
            all.iter().map(|w| w.text).collect::<Vec<_>>(),
            [
                "U.S.-EU",
                "Cyber",
                "Dialogue",
                "O'Neill’s",
                "Zürich",
                "É.U.",
                "Tromsø",
                "End",
                "G7",
                "EU",
                "A1b2C",
                "G20",
                "Summit",
                "X",
                "Y.Z.",
                "Q",
                "R"
            ]
        );
    }

    /// Every text and Markdown file under `dir`, recursively.
    fn texts_under(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                texts_under(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push(text);
            }
        }
    }

    #[test]
    fn capitalized_words_match_the_full_tokenizer_on_real_statements() {
        // The samples, and the shared corpus when it is beside the checkout.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts = Vec::new();
        texts_under(&root.join("samples"), &mut texts);
        texts_under(&root.join("../shared/corpus"), &mut texts);
        assert!(!texts.is_empty());
        for text in &texts {
            let all: Vec<Word<'_>> = words(text, 0)
                .into_iter()
                .filter(|w| w.text.starts_with(char::is_uppercase))
                .collect();
            let mut found = Vec::new();
            capitalized_words(text, 0, &mut found);
            assert_eq!(found, all);
        }
    }

    #[test]
    fn folding_ignores_dots_dashes_spaces_and_diacritics_but_not_case() {
        assert_eq!(fold("U.S.-EU"), "USEU");
        assert_eq!(fold("US–EU"), "USEU");
        assert_eq!(fold("Tromsø"), fold("Tromso"));
        assert_eq!(fold("Zürich"), "Zurich");
        assert_eq!(fold("Indo Pacific"), fold("Indo-Pacific"));
        assert_ne!(fold("US"), fold("us"));
    }

    #[test]
    fn pairs_split_into_parties() {
        assert_eq!(pair_parts("U.S.-EU"), Some(vec!["U.S.", "EU"]));
        assert_eq!(pair_parts("Norway–EU"), Some(vec!["Norway", "EU"]));
        assert_eq!(pair_parts("multi-stakeholder"), None);
        assert_eq!(pair_parts("High-level"), None);
        assert_eq!(pair_parts("EU"), None);
    }
}

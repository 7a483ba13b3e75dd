//! A quick test of whether a word may be one of a short list of ASCII words.

/// The (first letter, length) pairs of a list of ASCII words. A word whose pair is
/// not among them is none of the words: called on every word of a text, this rules
/// out most words before any of them is compared.
#[derive(Clone, Copy, Debug)]
pub struct WordShapes {
    /// Bit `n` of `lengths[c]`: a word of `n` bytes starts with letter `c` (`a` = 0).
    lengths: [u16; 26],
}

impl WordShapes {
    /// The shapes of `words`; words that do not start with an ASCII letter or are
    /// longer than 15 bytes are left out (no word then has their shape).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut lengths = [0u16; 26];
        for w in words {
            let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
            if let Some(first @ b'a'..=b'z') = first
                && w.len() < 16
            {
                lengths[usize::from(first - b'a')] |= 1 << w.len();
            }
        }
        Self { lengths }
    }

    /// Whether `word` starts with an ASCII letter (in any case) and has the first
    /// letter and length of one of the words.
    pub fn may_be_one(&self, word: &str) -> bool {
        match word.as_bytes().first().map(u8::to_ascii_lowercase) {
            Some(first @ b'a'..=b'z') if word.len() < 16 => {
                self.lengths[usize::from(first - b'a')] >> word.len() & 1 == 1
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_out_words_by_first_letter_and_length() {
        let shapes = WordShapes::new(["march", "may", "mai", "août", "1st"]);
        assert!(shapes.may_be_one("March") && shapes.may_be_one("MAY") && shapes.may_be_one("mat"));
        assert!(!shapes.may_be_one("minister") && !shapes.may_be_one("the") && !shapes.may_be_one(""));
        assert!(!shapes.may_be_one("1st") && !shapes.may_be_one("ministerialconference"));
        // `août` is five bytes.
        assert!(shapes.may_be_one("aoutx") && !shapes.may_be_one("aout"));
    }
}

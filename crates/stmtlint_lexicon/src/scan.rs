//! Reading bytes 64 at a time: the bit masks the word scanners of the rule packs
//! share ([`LetterRuns`]). Each mask is computed eight bytes at once in integer
//! arithmetic (SWAR), so a text is read at memory speed instead of a byte per
//! branch.

/// The maximal runs of ASCII letters in `bytes`, in order, as `(start, end)`: an
/// iterator, so that the loop reading them is compiled as one piece.
pub struct LetterRuns<'b> {
    bytes: &'b [u8],
    /// Where the current 64-byte block starts, and the next.
    base: usize,
    next: usize,
    /// The current block's run starts, and its starts and ends not yet read.
    starts: u64,
    events: u64,
    /// Whether the last byte of the current block is a letter.
    prev: u64,
    /// The start of the run being read.
    run: Option<usize>,
}

impl<'b> LetterRuns<'b> {
    /// The runs of `bytes`.
    pub fn new(bytes: &'b [u8]) -> Self {
        Self {
            bytes,
            base: 0,
            next: 0,
            starts: 0,
            events: 0,
            prev: 0,
            run: None,
        }
    }
}

impl Iterator for LetterRuns<'_> {
    type Item = (usize, usize);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            while self.events != 0 {
                let at = self.events.trailing_zeros() as usize;
                self.events &= self.events - 1;
                if self.starts >> at & 1 == 1 {
                    self.run = Some(self.base + at);
                } else if let Some(start) = self.run.take() {
                    return Some((start, self.base + at));
                }
            }
            if self.next >= self.bytes.len() {
                // A run that reaches the end of a text of whole blocks.
                return self.run.take().map(|start| (start, self.bytes.len()));
            }
            let chunk = &self.bytes[self.next..self.bytes.len().min(self.next + 64)];
            let letters = letters64(chunk);
            // Bit i of `shifted`: the byte before byte i is a letter.
            let shifted = (letters << 1) | self.prev;
            self.starts = letters & !shifted;
            // Starts and ends (the first byte after a run); a short last chunk is
            // padded with zeros, so a run reaching the end of the text ends there.
            self.events = self.starts | (!letters & shifted);
            self.prev = letters >> 63;
            self.base = self.next;
            self.next += 64;
        }
    }
}

/// A one in each byte.
pub const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit i set when byte `chunk[i]` (at most 64 bytes) passes `test`: a test of eight
/// bytes at once, in integer arithmetic, that sets the high bit of each byte that
/// passes and clears the rest.
pub fn mask64(chunk: &[u8], test: impl Fn(u64) -> u64) -> u64 {
    let mut padded = [0u8; 64];
    let chunk = if chunk.len() == 64 {
        chunk
    } else {
        padded[..chunk.len()].copy_from_slice(chunk);
        &padded[..]
    };
    let mut mask = 0u64;
    for (k, eight) in chunk.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        // Each byte's high bit, gathered into one byte.
        let bits = (test(u64::from_le_bytes(word)) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * k);
    }
    mask
}

/// The high bit of each byte of `x` that is an ASCII byte from `lo` to `hi`
/// (`hi` below 0x80): no byte's sum carries into the next.
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & (0x7f * ONES);
    let from_lo = low + u64::from(0x80 - lo) * ONES;
    let past_hi = low + u64::from(0x7f - hi) * ONES;
    from_lo & !past_hi & !x & HIGH
}

/// Bit i set when `chunk[i]` is an ASCII letter.
pub fn letters64(chunk: &[u8]) -> u64 {
    mask64(chunk, |x| in_range(x | (0x20 * ONES), b'a', b'z'))
}

/// Bit i set when `chunk[i]` is an ASCII digit.
pub fn digits64(chunk: &[u8]) -> u64 {
    mask64(chunk, |x| in_range(x, b'0', b'9'))
}

/// The offsets of the ASCII digits of `bytes`, in order, 64 bytes at a time.
pub fn digits(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.chunks(64).enumerate().flat_map(|(k, chunk)| {
        let mut mask = digits64(chunk);
        std::iter::from_fn(move || {
            (mask != 0).then(|| {
                let at = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                k * 64 + at
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_runs_are_found_across_64_byte_blocks() {
        // Runs of every length, starting at every offset around the block edges.
        for len in [1, 2, 63, 64, 65, 127, 128, 129, 200] {
            for offset in 0..70 {
                let text = format!(
                    "{}{}{}",
                    "1 ".repeat(offset / 2),
                    "aZ".repeat(len).get(..len).unwrap(),
                    "é9 x"
                );
                let bytes = text.as_bytes();
                let found: Vec<(usize, usize)> = LetterRuns::new(bytes).collect();
                let mut naive = Vec::new();
                let mut i = 0;
                while i < bytes.len() {
                    let s = i;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    if i > s {
                        naive.push((s, i));
                    } else {
                        i += 1;
                    }
                }
                assert_eq!(found, naive, "{text:?}");
            }
        }
        let found: Vec<(usize, usize)> = LetterRuns::new("@[`{ az AZ".as_bytes()).collect();
        assert_eq!(found, [(5, 7), (8, 10)]);
        assert_eq!(LetterRuns::new(b"").next(), None);
    }

    #[test]
    fn digits_are_found_across_64_byte_blocks() {
        let text: String = (0..300u32)
            .map(|i| {
                if i % 7 == 0 || i % 11 == 3 {
                    char::from(b'0' + (i % 10) as u8)
                } else {
                    "a /:é".chars().nth((i % 5) as usize).unwrap_or(' ')
                }
            })
            .collect();
        let bytes = text.as_bytes();
        let naive: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()).collect();
        assert_eq!(digits(bytes).collect::<Vec<_>>(), naive);
        assert_eq!(digits(b"/:09").collect::<Vec<_>>(), [2, 3]);
        assert_eq!(digits(b"").next(), None);
    }
}

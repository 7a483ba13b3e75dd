//! Bytes to text: BOM, UTF-8, UTF-16 without BOM, then a detected legacy encoding.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use stmtlint_plugin::SourceError;

/// Decoded text and, when the encoding was not plain UTF-8, a note saying which.
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Which encoding, when it was not plain UTF-8.
    pub note: Option<String>,
}

fn undecodable(encoding: &'static Encoding, why: &str) -> SourceError {
    SourceError::new(
        "stmtlint::source::text::undecodable",
        format!("the file is not valid {} text ({why})", encoding.name()),
    )
    .with_help("save the file as UTF-8")
}

fn decode_as(encoding: &'static Encoding, bytes: &[u8], why: &str) -> Result<String, SourceError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| undecodable(encoding, why))
}

/// UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control characters other than tab, line feed, carriage return and form feed.
fn looks_binary(text: &str) -> bool {
    // Binary data has C0 controls (NUL above all) and DEL, single bytes that text
    // has none of; the C1 controls (lead byte 0xC2, like the no-break space) are
    // only counted once there is one. Chunks are tested without branching, so the
    // test runs on vectors.
    let rare = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c) | (b == 0x7f);
    let flagged = text
        .as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |any, b| any | rare(*b)));
    if !flagged {
        return false;
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    controls > 0 && controls * 100 > text.chars().count()
}

fn binary() -> SourceError {
    SourceError::new(
        "stmtlint::source::text::binary",
        "the file is binary, not text (it has NUL or control bytes)",
    )
    .with_help("lint the document it was exported from, or exclude the file")
}

/// Decodes a text file: a BOM decides; else UTF-8 if valid; else UTF-16 without a
/// BOM; else the legacy encoding chardetng guesses. Bytes that do not decode are an
/// error, never replacement characters.
///
/// `source` names the source in error codes (`stmtlint::source::<source>::binary`);
/// an encoding the file declares (an HTML `<meta charset>`) comes right after the
/// BOM, and if the bytes are not valid in it, detection decides.
pub fn decode(bytes: &[u8], source: &str, declared: Option<&'static Encoding>) -> Result<Decoded, SourceError> {
    decode_text(bytes, declared).map_err(|e| SourceError {
        code: e.code.replace("::text::", &format!("::{source}::")),
        ..e
    })
}

fn decode_text(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, SourceError> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = decode_as(encoding, &bytes[bom..], "despite its byte-order mark")?;
        let note =
            (encoding != encoding_rs::UTF_8).then(|| format!("decoded as {} (byte-order mark)", encoding.name()));
        return Ok(Decoded { text, note });
    }
    // A page that says UTF-16 in its markup is read as UTF-8, as browsers do.
    if let Some(encoding) = declared.filter(|e| *e != UTF_16LE && *e != UTF_16BE && *e != encoding_rs::UTF_8)
        && let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes)
        && !looks_binary(&text)
    {
        return Ok(Decoded {
            text: text.into_owned(),
            note: Some(format!("decoded as {} (declared)", encoding.name())),
        });
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let text = decode_as(encoding, bytes, "guessed from its NUL bytes")?;
        return Ok(Decoded {
            text,
            note: Some(format!("decoded as {} (detected)", encoding.name())),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains('\0') || looks_binary(text) {
            return Err(binary());
        }
        return Ok(Decoded {
            text: text.to_owned(),
            note: None,
        });
    }
    if bytes.contains(&0) {
        return Err(binary());
    }
    if let Some(damage) = damaged_utf8(bytes) {
        return Err(damage);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let text = decode_as(encoding, bytes, "detected")?;
    if looks_binary(&text) {
        return Err(binary());
    }
    Ok(Decoded {
        text,
        note: Some(format!("decoded as {} (detected)", encoding.name())),
    })
}

/// A file that is UTF-8 but for a few bytes (one stray `\xff` among curly quotes)
/// is damaged UTF-8, not a legacy file: decoding it as windows-1252 would garble
/// every quote. It is UTF-8 when it has at least as many valid multi-byte
/// characters as invalid sequences; legacy text has (next to) none of the former.
fn damaged_utf8(bytes: &[u8]) -> Option<SourceError> {
    let (mut valid, mut invalid) = (0usize, Vec::new());
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            let at = chunk.invalid().as_ptr() as usize - bytes.as_ptr() as usize;
            invalid.push(at);
        }
    }
    if valid == 0 || valid < invalid.len() {
        return None;
    }
    let line = |at: usize| bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    let places: Vec<String> = invalid
        .iter()
        .take(5)
        .map(|at| format!("byte {at} (line {})", line(*at)))
        .collect();
    let more = invalid.len().saturating_sub(places.len());
    let (n, s) = (invalid.len(), if invalid.len() == 1 { "" } else { "s" });
    let mut message = format!(
        "the file is UTF-8 but for {n} invalid byte sequence{s}: {}",
        places.join(", ")
    );
    if more > 0 {
        message.push_str(&format!(" and {more} more"));
    }
    Some(
        SourceError::new("stmtlint::source::text::invalid_utf8", message)
            .with_help("replace those bytes with the characters they should be, and save the file as UTF-8"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Decoded, SourceError> {
        decode(bytes, "text", None)
    }

    #[test]
    fn decodes_utf8_and_boms() {
        assert_eq!(read("Tromsø".as_bytes()).unwrap().text, "Tromsø");
        assert_eq!(read(b"\xEF\xBB\xBFabc").unwrap().text, "abc");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Tromsø".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let decoded = read(&utf16).unwrap();
        assert_eq!(decoded.text, "Tromsø");
        assert!(decoded.note.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn detects_utf16_without_bom() {
        let bytes: Vec<u8> = "Joint Statement, Brussels"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(read(&bytes).unwrap().text, "Joint Statement, Brussels");
    }

    #[test]
    fn detects_legacy_single_byte_encodings() {
        let (cp1252, _, _) =
            encoding_rs::WINDOWS_1252.encode("The EU’s “Tromsø” statement, déjà vu, naïve café résumé.");
        let decoded = read(&cp1252).unwrap();
        assert!(decoded.text.contains("Tromsø"), "{}", decoded.text);
        assert!(decoded.note.unwrap().contains("windows-1252"));

        let (cp1251, _, _) = encoding_rs::WINDOWS_1251
            .encode("Совместное заявление министров иностранных дел Беларуси и Китая о сотрудничестве");
        assert!(read(&cp1251).unwrap().text.starts_with("Совместное заявление"));
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_is_a_failure_naming_them_not_a_legacy_file() {
        let damaged =
            "Joint Statement\n\n“The parties” agreed \u{2014} on 3 May.\nThe end.".replace("agreed", "agr\u{fffd}ed");
        let bytes = damaged.replace('\u{fffd}', "\u{1}").into_bytes();
        let bytes: Vec<u8> = bytes.into_iter().map(|b| if b == 1 { 0xff } else { b }).collect();
        let error = read(&bytes).err().unwrap();
        assert_eq!(error.code, "stmtlint::source::text::invalid_utf8");
        assert_eq!(
            error.message,
            "the file is UTF-8 but for 1 invalid byte sequence: byte 38 (line 3)"
        );
        // A legacy file whose few high bytes are its accents is still detected.
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("The EU’s statement on café culture.");
        assert!(read(&cp1252).unwrap().text.contains("café"));
    }

    #[test]
    fn refuses_binary_and_broken_input() {
        assert_eq!(
            read(b"PK\x03\x04\x00\x00binary").err().unwrap().code,
            "stmtlint::source::text::binary"
        );
        assert_eq!(
            read(b"\xEF\xBB\xBFok \xFF\xFE broken").err().unwrap().code,
            "stmtlint::source::text::undecodable"
        );
        let random: Vec<u8> = (0u32..2000)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 1)
            .collect();
        assert!(read(&random).is_err());
    }
}

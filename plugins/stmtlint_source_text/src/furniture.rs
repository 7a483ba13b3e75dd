//! Site and page furniture that is not part of the statement.

use stmtlint_lexicon::Lexicon;

/// Whether a line is furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Furniture {
    /// Statement text.
    No,
    /// A furniture line (`Press releases`, `Share`).
    Line,
    /// Furniture that closes the body: everything after it is furniture too
    /// (`Author`, `EEAS press team - Contacts`, `Related links`, `###`).
    EndsBody,
}

/// `s` without markup and spacing, in lower case: what the furniture lists hold.
/// Called on every short line of a text: an ASCII line (nearly all) is read a
/// byte at a time; any other goes through [`normalized_chars`], which the tests
/// compare this with.
fn normalized(s: &str) -> String {
    if !s.is_ascii() {
        return normalized_chars(s);
    }
    // `char::is_whitespace` on ASCII.
    let space = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let trimmed = |b: u8| space(b) || matches!(b, b'*' | b'_' | b':' | b'.');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|&b| !trimmed(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| !trimmed(b)).map_or(start, |i| i + 1);
    let mut out: Vec<u8> = Vec::with_capacity(end - start);
    for word in bytes[start..end].split(|&b| space(b)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(word.iter().map(u8::to_ascii_lowercase));
    }
    // ASCII bytes of an ASCII text: always UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// [`normalized`], a character at a time.
fn normalized_chars(s: &str) -> String {
    let s = trim(s);
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// Classifies a line by the lists in `config/lexicons/furniture-lines.toml` and
/// `furniture-ends-body.toml`.
pub fn furniture(s: &str) -> Furniture {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'));
    if signs_off(trimmed) {
        return Furniture::EndsBody;
    }
    // Every entry is a few short words: a longer line is none, and is not
    // normalized (this is called on every short line of a body).
    if trimmed.len() >= 64 {
        return Furniture::No;
    }
    let n = normalized(s);
    if Lexicon::builtin("furniture-ends-body").contains(&n) {
        return Furniture::EndsBody;
    }
    if Lexicon::builtin("furniture-lines").contains(&n) {
        return Furniture::Line;
    }
    Furniture::No
}

/// A (trimmed) line that ends with a contact sign-off: `EEAS press team - Contacts`,
/// `… press team`.
fn signs_off(trimmed: &str) -> bool {
    // Reads only the line's last two words.
    let ends_with = |word: &str, suffix: &str| {
        word.len() >= suffix.len()
            && word.as_bytes()[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    // Called on every short line: most end in neither word.
    if !ends_with(trimmed, "contacts") && !ends_with(trimmed, "team") {
        return false;
    }
    let mut words = trimmed.split_whitespace().rev();
    let (last, before) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    (last.eq_ignore_ascii_case("contacts") && before.ends_with(['-', '–']))
        || (last.eq_ignore_ascii_case("team") && ends_with(before, "press"))
}

/// The issuing office in a header: `Office of the Spokesperson`, `Ministry of
/// Foreign Affairs`, `The White House`.
pub fn is_issuer(s: &str) -> bool {
    // Asked of every line of a header, paragraphs too: more than eight words are
    // counted before anything is made.
    if trim(s).split_whitespace().nth(8).is_some() {
        return false;
    }
    let n = normalized(s);
    let words = n.split(' ').count();
    words <= 8
        && (n.starts_with("office of")
            || n.starts_with("ministry of")
            || n.starts_with("department of")
            || n.starts_with("embassy of")
            || n == "the white house"
            || n.ends_with("spokesperson")
            || n.ends_with("press office")
            || n.ends_with("press service"))
}

/// Two lines say the same words, ignoring case, markup and spacing
/// (`normalized(a) == normalized(b)`, read word by word up to the first that
/// differs: it is asked of every line of a header against the title).
pub fn same_words(a: &str, b: &str) -> bool {
    let same = |x: &str, y: &str| {
        if x.is_ascii() && y.is_ascii() {
            x.eq_ignore_ascii_case(y)
        } else {
            x.to_lowercase() == y.to_lowercase()
        }
    };
    let (mut a, mut b) = (trim(a).split_whitespace(), trim(b).split_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same(x, y) => {}
            _ => return false,
        }
    }
}

/// `s` without the white space and markup (`*`, `_`, `:`, `.`) at its ends.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_reads_ascii_as_the_character_reading_does() {
        let mut lines = vec![
            String::new(),
            " \t\x0b\x0c\r ".into(),
            "**Press  Releases:** ".into(),
            "_._ A \x0b B\tC _".into(),
            "For IMMEDIATE release.".into(),
            "a.b : c".into(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/statements");
        for entry in std::fs::read_dir(root).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(str::to_owned));
        }
        for name in ["furniture-lines", "furniture-ends-body"] {
            lines.extend(
                Lexicon::builtin(name)
                    .words()
                    .map(|w| format!("  **{}** ", w.to_uppercase())),
            );
        }
        let ascii = lines.iter().filter(|l| l.is_ascii()).count();
        assert!(ascii > 100, "{ascii} lines");
        for line in &lines {
            assert_eq!(normalized(line), normalized_chars(line), "{line:?}");
        }
    }

    #[test]
    fn same_words_and_is_issuer_answer_as_over_normalized_lines() {
        let mut lines: Vec<String> = vec![
            "The White House".into(),
            "**THE WHITE HOUSE**".into(),
            "the  white house.".into(),
            "Office of the Spokesperson".into(),
            "* * Office of the Spokesperson * *".into(),
            "Ministry of Foreign Affairs of the Republic of Korea Press Office".into(),
            "Ministère  de  l’Europe".into(),
            "MINISTÈRE DE L’EUROPE".into(),
            String::new(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/statements");
        for entry in std::fs::read_dir(root).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().take(40).map(str::to_owned));
        }
        for a in &lines {
            let n = normalized(a);
            let issuer_plain = n.split(' ').count() <= 8
                && (n.starts_with("office of")
                    || n.starts_with("ministry of")
                    || n.starts_with("department of")
                    || n.starts_with("embassy of")
                    || n == "the white house"
                    || n.ends_with("spokesperson")
                    || n.ends_with("press office")
                    || n.ends_with("press service"));
            assert_eq!(is_issuer(a), issuer_plain, "{a:?}");
            for b in &lines {
                assert_eq!(same_words(a, b), n == normalized(b), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn knows_site_furniture() {
        for name in ["furniture-lines", "furniture-ends-body"] {
            assert!(Lexicon::builtin(name).words().all(|e| normalized(e) == *e), "{name}");
        }
        assert_eq!(furniture("Press releases"), Furniture::Line);
        assert_eq!(
            furniture("For media enquiries please write to the EEAS press team - Contacts"),
            Furniture::EndsBody
        );
        assert_eq!(
            furniture("Questions from journalists go to the Related links"),
            Furniture::No
        );
        assert_eq!(furniture("Author"), Furniture::EndsBody);
        assert_eq!(furniture("EEAS press team - Contacts"), Furniture::EndsBody);
        assert_eq!(furniture("Internet Governance"), Furniture::No);
        assert_eq!(furniture("Media Note"), Furniture::No);
        assert!(is_issuer("Office of the Spokesperson"));
        assert!(!is_issuer("Office holders agreed to meet again in 2016"));
    }
}

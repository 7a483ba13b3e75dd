//! Site and page furniture that is not part of the statement.

use std::borrow::Cow;

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
fn normalized(s: &str) -> String {
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

/// What a line is looked up by in a list of whole lines (in any case): the line
/// [`normalized`], or the trimmed line itself when normalizing would only lower its
/// case (ASCII, single spaces), which is most lines: nothing is made for them.
fn line_key(s: &str) -> Cow<'_, str> {
    let trimmed = trim(s);
    // Whole-string tests, each a fast scan, rather than one pass byte by byte.
    let single_spaced =
        trimmed.is_ascii() && !trimmed.contains("  ") && !trimmed.contains(|c: char| c != ' ' && c.is_whitespace());
    if single_spaced {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(normalized(s))
    }
}

/// Classifies a line by the lists in `config/lexicons/furniture-lines.toml` and
/// `furniture-ends-body.toml`.
pub fn furniture(s: &str) -> Furniture {
    let trimmed = trim(s);
    if signs_off(trimmed) {
        return Furniture::EndsBody;
    }
    // Every entry is a few short words: a longer line is none, and is not
    // normalized (this is called on every short line of a body).
    if trimmed.len() >= 64 {
        return Furniture::No;
    }
    let n = line_key(s);
    if stmtlint_lexicon::builtin!("furniture-ends-body").contains(&n) {
        return Furniture::EndsBody;
    }
    if stmtlint_lexicon::builtin!("furniture-lines").contains(&n) {
        return Furniture::Line;
    }
    Furniture::No
}

/// Whether a header line is an archive's or a site's banner, however long: it
/// opens with a phrase of `config/lexicons/furniture-openings.toml` (`This is
/// historical material “frozen in time”. …`).
pub fn is_banner(s: &str) -> bool {
    let words: Vec<&str> = trim(s).split_whitespace().take(6).collect();
    stmtlint_lexicon::builtin!("furniture-openings")
        .phrase_at(&words)
        .is_some()
}

/// Whether a short line names a document or a meeting (`Joint Statement`, `The
/// Washington Declaration`, `EU-U.S. Summit`) by one of its words: the kinds of
/// `document-kinds.toml`, the nouns of `document-nouns.toml` and
/// `meeting-nouns.toml`. Such a line is a title, even set like a place above a date.
pub fn line_names_a_document(s: &str) -> bool {
    let kinds = stmtlint_lexicon::builtin!("document-kinds");
    let documents = stmtlint_lexicon::builtin!("document-nouns");
    let meetings = stmtlint_lexicon::builtin!("meeting-nouns");
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .any(|w| kinds.contains(w) || documents.contains(w) || meetings.contains(w))
}

/// A line that says only what kind of document the statement is (`Media Note`,
/// `Readout`): `config/lexicons/document-kinds.toml`.
pub fn is_document_kind(s: &str) -> bool {
    trim(s).len() < 64 && stmtlint_lexicon::builtin!("document-kinds").contains(&line_key(s))
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
    names_issuer(&normalized(s))
}

/// Whether a normalized line names an issuing office.
fn names_issuer(n: &str) -> bool {
    n.split(' ').count() <= 8
        && (n.starts_with("office of")
            || n.starts_with("ministry of")
            || n.starts_with("department of")
            || n.starts_with("embassy of")
            || n == "the white house"
            || n.ends_with("spokesperson")
            || n.ends_with("press office")
            || n.ends_with("press service"))
}

/// Two lines say the same words, ignoring case, markup and spacing.
pub fn same_words(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

/// `s` without the white space and markup (`*`, `_`, `:`, `.`) at its ends.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stmtlint_lexicon::Lexicon;

    #[test]
    fn is_issuer_counts_words_as_the_normalized_line_does() {
        let mut lines: Vec<String> = vec![
            "Office of the Spokesperson".into(),
            "* * Office of the Spokesperson * *".into(),
            "** Office  of   the Press Office of the Ministry **".into(),
            "Ministry of Foreign Affairs of the Republic of Korea Press Office".into(),
            String::new(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/statements");
        for entry in std::fs::read_dir(root).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(str::to_owned));
        }
        let issuers = lines.iter().filter(|l| is_issuer(l)).count();
        assert!(issuers >= 2, "{issuers} issuer lines");
        for line in &lines {
            assert_eq!(is_issuer(line), names_issuer(&normalized(line)), "{line:?}");
        }
    }

    #[test]
    fn a_line_is_looked_up_by_its_normalized_words() {
        let mut lines: Vec<String> = [
            "Press  releases",
            "\tShare",
            "Press\u{0B}releases",
            "Press\treleases",
            "**Related links**",
            "Médias",
            "EEAS press team - Contacts",
            "",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/statements");
        for entry in std::fs::read_dir(root).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            lines.extend(text.lines().map(String::from));
        }
        for line in &lines {
            assert_eq!(line_key(line).to_lowercase(), normalized(line), "{line:?}");
        }
    }

    #[test]
    fn knows_site_furniture() {
        for name in ["furniture-lines", "furniture-ends-body", "document-kinds"] {
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
        assert!(is_document_kind("Media Note") && is_document_kind("**READOUT**"));
        assert!(!is_document_kind("Joint Statement on the U.S.-EU Cyber Dialogue"));
        assert!(is_issuer("Office of the Spokesperson"));
        assert!(!is_issuer("Office holders agreed to meet again in 2016"));
    }
}

//! Site and page furniture that is not part of the statement.

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

/// Lines a web page or a press office adds around a statement.
const LINES: &[&str] = &[
    "press releases",
    "press release",
    "statements and releases",
    "briefing room",
    "media note",
    "media notes",
    "readout",
    "share",
    "share this page",
    "print",
    "print this page",
    "email",
    "follow us",
    "subscribe",
    "back to top",
    "skip to main content",
    "menu",
    "home",
    "read more",
    "see also",
    "top of page",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "begin text",
    "end text",
];

/// Furniture after which the statement is over.
const ENDS_BODY: &[&str] = &[
    "author",
    "contacts",
    "contact",
    "media contacts",
    "press contacts",
    "related links",
    "related content",
    "related articles",
    "related documents",
    "related news",
    "tags",
    "topics",
    "###",
    "# # #",
    "-30-",
    "end",
    "ends",
];

fn normalized(s: &str) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'));
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

/// Classifies a line. `Media Note` counts as furniture only where a title was already
/// found; the caller decides by asking before the title.
pub fn furniture(s: &str) -> Furniture {
    let trimmed = s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'));
    if signs_off(trimmed) {
        return Furniture::EndsBody;
    }
    // Called on every short line of a body: a line whose first word begins no
    // entry is none of them, and is not normalized. The entries' first words by
    // length, so a word is compared only with the few of its own length.
    static FIRST_WORDS: std::sync::LazyLock<[Vec<&str>; 32]> = std::sync::LazyLock::new(|| {
        let mut by_length: [Vec<&str>; 32] = Default::default();
        for first in LINES.iter().chain(ENDS_BODY).filter_map(|e| e.split(' ').next()) {
            if let Some(bucket) = by_length.get_mut(first.len())
                && !bucket.contains(&first)
            {
                bucket.push(first);
            }
        }
        by_length
    });
    let first = trimmed.split_whitespace().next().unwrap_or("");
    if first.is_ascii() {
        let Some(bucket) = FIRST_WORDS.get(first.len()) else {
            return Furniture::No;
        };
        if !bucket
            .iter()
            .any(|f| f.as_bytes().eq_ignore_ascii_case(first.as_bytes()))
        {
            return Furniture::No;
        }
    }
    let n = normalized(s);
    if ENDS_BODY.contains(&n.as_str()) {
        return Furniture::EndsBody;
    }
    if LINES.contains(&n.as_str()) && n != "media note" && n != "readout" {
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

/// Two lines say the same words, ignoring case, markup and spacing.
pub fn same_words(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_site_furniture() {
        assert!(LINES.iter().chain(ENDS_BODY).all(|e| normalized(e) == *e));
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

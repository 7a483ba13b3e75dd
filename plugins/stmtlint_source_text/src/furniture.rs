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
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Classifies a line. `Media Note` counts as furniture only where a title was already
/// found; the caller decides by asking before the title.
pub fn furniture(s: &str) -> Furniture {
    let n = normalized(s);
    if ENDS_BODY.contains(&n.as_str())
        || n.ends_with("- contacts")
        || n.ends_with("– contacts")
        || n.ends_with("press team")
    {
        return Furniture::EndsBody;
    }
    if LINES.contains(&n.as_str()) && n != "media note" && n != "readout" {
        return Furniture::Line;
    }
    Furniture::No
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
        assert_eq!(furniture("Press releases"), Furniture::Line);
        assert_eq!(furniture("Author"), Furniture::EndsBody);
        assert_eq!(furniture("EEAS press team - Contacts"), Furniture::EndsBody);
        assert_eq!(furniture("Internet Governance"), Furniture::No);
        assert_eq!(furniture("Media Note"), Furniture::No);
        assert!(is_issuer("Office of the Spokesperson"));
        assert!(!is_issuer("Office holders agreed to meet again in 2016"));
    }
}

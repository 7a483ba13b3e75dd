//! Positions and addresses as the protocol writes them: a file's 1-based line and
//! character column (what reports carry) to the 0-based line and the column in the
//! code units the client negotiated (UTF-16 unless it asks for UTF-8 or UTF-32),
//! and `file://` URIs to paths and back.

use std::path::{Path, PathBuf};

/// The unit of a column on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The first of the client's encodings the server speaks; UTF-16 when it names
    /// none (the protocol's default).
    pub fn negotiate(offered: &[String]) -> Self {
        offered
            .iter()
            .find_map(|e| match e.as_str() {
                "utf-8" => Some(Self::Utf8),
                "utf-16" => Some(Self::Utf16),
                "utf-32" => Some(Self::Utf32),
                _ => None,
            })
            .unwrap_or(Self::Utf16)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Utf16 => "utf-16",
            Self::Utf32 => "utf-32",
        }
    }

    fn units(self, c: char) -> u32 {
        match self {
            Self::Utf8 => c.len_utf8() as u32,
            Self::Utf16 => c.len_utf16() as u32,
            Self::Utf32 => 1,
        }
    }
}

/// The lines of a text, without their line breaks (`\r\n` or `\n`).
pub struct Lines<'t> {
    lines: Vec<&'t str>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            lines: text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect(),
        }
    }

    /// The protocol position of 1-based `line` and character `column` (a column
    /// past the line's end is its end).
    pub fn to_lsp(&self, line: u32, column: u32, encoding: Encoding) -> (u32, u32) {
        let index = line.saturating_sub(1) as usize;
        let Some(text) = self.lines.get(index) else {
            let last = self.lines.len().saturating_sub(1);
            let end = self
                .lines
                .last()
                .map_or(0, |l| l.chars().map(|c| encoding.units(c)).sum());
            return (last as u32, end);
        };
        let units = text
            .chars()
            .take(column.saturating_sub(1) as usize)
            .map(|c| encoding.units(c))
            .sum();
        (index as u32, units)
    }

    /// The 1-based line and character column of a protocol position.
    pub fn position_of(&self, line: u32, character: u32, encoding: Encoding) -> (u32, u32) {
        let Some(text) = self.lines.get(line as usize) else {
            return (line + 1, 1);
        };
        let mut units = 0;
        let mut column = 1;
        for c in text.chars() {
            if units >= character {
                break;
            }
            units += encoding.units(c);
            column += 1;
        }
        (line + 1, column)
    }

    /// The text of 1-based `line` (empty past the end).
    pub fn line(&self, line: u32) -> &'t str {
        self.lines.get(line.saturating_sub(1) as usize).copied().unwrap_or("")
    }
}

/// The path of a `file://` URI, or `None` for another scheme.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file://host/path`: only the local host is a path here.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

/// The `file://` URI of an absolute path, percent-encoding what a URI may not hold.
pub fn path_to_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_in_the_negotiated_units() {
        // `Tromsø` (ø: 2 UTF-8 bytes, 1 UTF-16 unit), an em dash (3 bytes, 1 unit),
        // and an emoji outside the BMP (4 bytes, 2 units).
        let lines = Lines::new("first\r\nTromsø — 🙂 EU-U.S.\n");
        let column = 1 + "Tromsø — 🙂 ".chars().count() as u32;
        assert_eq!(column, 12);
        assert_eq!(lines.to_lsp(2, column, Encoding::Utf16), (1, 12));
        assert_eq!(lines.to_lsp(2, column, Encoding::Utf8), (1, 17));
        assert_eq!(lines.to_lsp(2, column, Encoding::Utf32), (1, 11));
        assert_eq!(lines.position_of(1, 12, Encoding::Utf16), (2, column));
        assert_eq!(
            Encoding::negotiate(&["utf-32".into(), "utf-16".into()]),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/drafts/Tromsø statement #2.md");
        let uri = path_to_uri(path);
        assert_eq!(uri, "file:///tmp/drafts/Troms%C3%B8%20statement%20%232.md");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
    }
}

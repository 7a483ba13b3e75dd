//! The zip container of a `.docx` or `.odt`, opened defensively: the parts are read
//! into memory under limits (no part is ever written to disk), and a file that is no
//! zip, a legacy `.doc`, a password-protected document, a zip bomb or a zip with
//! tricky entry names is refused with the cause in the error's code.

use std::io::{Cursor, Read};

use stmtlint_plugin::SourceError;

/// The most a part may inflate to.
const MAX_PART: u64 = 64 << 20;
/// The most all parts read from one file may inflate to.
const MAX_TOTAL: u64 = 256 << 20;
/// The largest ratio of inflated to stored size, for parts over [`RATIO_FLOOR`]:
/// WordprocessingML compresses 5–30× (a generated, repetitive part a few hundred
/// times), a deflate bomb up to about 1,000×.
const MAX_RATIO: u64 = 100;
const RATIO_FLOOR: u64 = 16 << 20;
/// The most entries a package may list (Word writes a dozen or two).
const MAX_ENTRIES: usize = 10_000;
/// The longest entry name accepted.
const MAX_NAME: usize = 1024;

/// The first bytes of an OLE compound file: a legacy `.doc`, or an encrypted
/// OOXML/ODF package (Office wraps those in OLE).
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An opened package of one format (`docx` or `odt`, which names the error codes).
pub(crate) struct Package<'b> {
    format: &'static str,
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    inflated: u64,
}

impl<'b> Package<'b> {
    /// Opens `bytes` as a package, or says why it cannot be read.
    pub(crate) fn open(format: &'static str, bytes: &'b [u8]) -> Result<Self, SourceError> {
        let fail = |cause: &str, message: String| error(format, cause, message);
        if bytes.starts_with(OLE) {
            return Err(if utf16_contains(bytes, "EncryptedPackage") {
                fail(
                    "encrypted",
                    "the document is password-protected (an encrypted package in an OLE container)".into(),
                )
                .with_help("save an unprotected copy to lint it")
            } else {
                fail(
                    "legacy",
                    format!("this is a legacy binary Word document (.doc), not a .{format} package"),
                )
                .with_help(format!(
                    "save it as .{format} (Word: File › Save As; LibreOffice: `soffice --convert-to {format}`)"
                ))
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(fail(
                "not_zip",
                format!("the file is not a .{format} package (no zip signature)"),
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| fail("corrupt", format!("the zip container is broken or truncated: {e}")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(fail(
                "entries",
                format!(
                    "the package lists {} entries, over the limit of {MAX_ENTRIES}",
                    zip.len()
                ),
            ));
        }
        for name in zip.file_names() {
            if let Some(why) = tricky(name) {
                let shown: String = name.chars().take(80).collect();
                return Err(fail(
                    "entry_name",
                    format!("an entry's name is {why}: `{}`", shown.escape_debug()),
                ));
            }
        }
        Ok(Self {
            format,
            zip,
            inflated: 0,
        })
    }

    /// The part that holds the format's text (`word/document.xml`, `content.xml`);
    /// when it is missing, the error says whether the file is the other format
    /// under this one's extension.
    pub(crate) fn main_part(&mut self) -> Result<Vec<u8>, SourceError> {
        let (part, kind, other_part, other_kind) = match self.format {
            "docx" => (
                "word/document.xml",
                "a Word document",
                "content.xml",
                "an OpenDocument file",
            ),
            _ => (
                "content.xml",
                "an OpenDocument text",
                "word/document.xml",
                "a Word document",
            ),
        };
        if let Some(bytes) = self.part(part)? {
            return Ok(bytes);
        }
        let what = if self.zip.index_for_name(other_part).is_some() {
            format!("it holds `{other_part}`: {other_kind} named .{}", self.format)
        } else {
            format!("it has no `{part}`")
        };
        Err(error(self.format, "missing_part", format!("not {kind}: {what}")))
    }

    /// The bytes of part `name`, `None` when the package has no such part.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, SourceError> {
        let format = self.format;
        let fail = |cause: &str, message: String| error(format, cause, message);
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut file = self.zip.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(why) if why.contains("Password") || why.contains("ncrypt") => {
                fail("encrypted", format!("`{name}` is encrypted"))
            }
            e => fail("corrupt", format!("cannot read `{name}`: {e}")),
        })?;
        let stored = file.compressed_size().max(1);
        let room = (MAX_TOTAL - self.inflated).min(MAX_PART);
        let mut out = Vec::with_capacity(usize::try_from(file.size().min(1 << 24)).unwrap_or(0));
        // Inflated a chunk at a time and checked as it grows: the declared size is
        // not to be trusted, and a bomb is stopped before it fills memory.
        let mut chunk = vec![0u8; 64 << 10];
        loop {
            let n = file
                .read(&mut chunk)
                .map_err(|e| fail("corrupt", format!("cannot inflate `{name}`: {e}")))?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&chunk[..n]);
            let size = out.len() as u64;
            if size > room {
                return Err(fail(
                    "too_large",
                    format!(
                        "`{name}` inflates past {} MiB (a zip bomb, or a document far larger than a draft)",
                        room >> 20
                    ),
                ));
            }
            if size > RATIO_FLOOR && size / stored > MAX_RATIO {
                return Err(fail(
                    "bomb",
                    format!("`{name}` inflates more than {MAX_RATIO}× its {stored} stored bytes: a zip bomb"),
                ));
            }
        }
        let size = out.len() as u64;
        self.inflated += size;
        Ok(Some(out))
    }
}

/// The error `stmtlint::source::<format>::<cause>`.
pub(crate) fn error(format: &str, cause: &str, message: String) -> SourceError {
    SourceError::new(format!("stmtlint::source::{format}::{cause}"), message)
}

/// Why an entry name is refused: too long, absolute, climbing out with `..`, or
/// holding a NUL, a backslash or a control character.
fn tricky(name: &str) -> Option<&'static str> {
    if name.len() > MAX_NAME {
        return Some("too long");
    }
    if name.starts_with('/') || name.as_bytes().get(1) == Some(&b':') {
        return Some("an absolute path");
    }
    if name.split('/').any(|part| part == "..") {
        return Some("a path that climbs out of the package (`..`)");
    }
    if name.chars().any(|c| c == '\\' || c.is_control()) {
        return Some("a path with a backslash or a control character");
    }
    None
}

/// Whether `bytes` hold `word` in UTF-16LE (the names of OLE streams).
fn utf16_contains(bytes: &[u8], word: &str) -> bool {
    let needle: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tricky_names_are_named() {
        assert_eq!(tricky("word/document.xml"), None);
        assert!(tricky("../../etc/passwd").is_some());
        assert!(tricky("/abs").is_some());
        assert!(tricky("C:/x").is_some());
        assert!(tricky("a\\b").is_some());
        assert!(tricky(&"a".repeat(2000)).is_some());
    }

    #[test]
    fn not_a_zip_and_ole_are_told_apart() {
        let code = |bytes: &[u8]| Package::open("docx", bytes).err().map(|e| e.code);
        assert_eq!(code(b"hello").as_deref(), Some("stmtlint::source::docx::not_zip"));
        let mut ole = OLE.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert_eq!(code(&ole).as_deref(), Some("stmtlint::source::docx::legacy"));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(code(&ole).as_deref(), Some("stmtlint::source::docx::encrypted"));
        assert_eq!(
            code(b"PK\x03\x04truncated").as_deref(),
            Some("stmtlint::source::docx::corrupt")
        );
    }
}

//! `check --fix` and `--diff`: the fixes of a report applied to the files, or shown.
//!
//! `--fix` applies safe fixes (text files); `--unsafe-fixes` adds unsafe ones (an
//! HTML page's text, which a CMS may regenerate); display-only ones (PDF) never. An
//! edit lands only where the file holds exactly the text it replaces, and the file
//! is replaced through a temporary file and a rename that keeps its permissions.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use stmtlint_engine::{EditReport, Report};
use stmtlint_plugin::Applicability;

/// What fixing did, for the summary.
#[derive(Default)]
pub struct Outcome {
    /// Findings fixed (or that `--diff` would fix).
    pub fixed: usize,
    /// Files changed.
    pub files: usize,
    /// Files left alone, with why.
    pub skipped: Vec<(String, String)>,
}

/// Applies (or, with `diff`, prints as a unified diff) the fixes of `report` that
/// `unsafe_fixes` allows; fixed findings leave the report when applied.
pub fn run(report: &mut Report, unsafe_fixes: bool, diff: bool, out: &mut dyn Write) -> io::Result<Outcome> {
    let allowed = |a: Applicability| a == Applicability::Safe || (unsafe_fixes && a == Applicability::Unsafe);
    // Per file: the edits of each fixable diagnostic, by index.
    let mut by_file: BTreeMap<&str, Vec<(usize, &[EditReport])>> = BTreeMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        if let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| allowed(f.applicability) && !f.edits.is_empty())
        {
            by_file.entry(&d.path).or_default().push((i, &fix.edits));
        }
    }
    let mut outcome = Outcome::default();
    // A word-processor draft's fixes are shown, never applied: say so once a file.
    for d in &report.diagnostics {
        let shown = d.fix.as_ref().is_some_and(|f| !f.edits.is_empty());
        if shown
            && let Some(why) = never_edited(Path::new(&d.path))
            && !outcome.skipped.iter().any(|(p, _)| *p == d.path)
        {
            outcome.skipped.push((d.path.clone(), why));
        }
    }
    let mut done = vec![false; report.diagnostics.len()];
    for (path, fixes) in by_file {
        let (fixed, before, bytes) = match edit(Path::new(path), &fixes) {
            Ok(result) => result,
            Err(why) => {
                outcome.skipped.push((path.to_owned(), why));
                continue;
            }
        };
        if diff {
            write_diff(path, &before, &String::from_utf8_lossy(&bytes), out)?;
        } else {
            write_atomically(Path::new(path), &bytes)?;
            fixed.iter().for_each(|i| done[*i] = true);
        }
        outcome.fixed += fixed.len();
        outcome.files += 1;
    }
    let mut done = done.into_iter();
    report.diagnostics.retain(|_| !done.next().unwrap_or(false));
    Ok(outcome)
}

/// Why `path` is never edited by `--fix`: a word-processor draft, whose fixes are
/// for the drafter to make in the word processor (with its tracked changes).
fn never_edited(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_string_lossy().to_lowercase();
    matches!(extension.as_str(), "docx" | "docm" | "odt")
        .then(|| format!("a .{extension} file is never edited: make the suggested changes in the word processor"))
}

/// The file's new bytes with the non-overlapping edits applied (the first of two
/// that overlap wins; the other stays a finding), and the diagnostics fixed. Edits
/// are placed by their line and column in the file, so a fix to an HTML page lands
/// on the page's own text, and only where the file holds exactly the text the fix
/// replaces (an entity or markup in between leaves the finding to fix by hand).
/// Returns the fixed diagnostics, the file as read and its new bytes.
fn edit(path: &Path, fixes: &[(usize, &[EditReport])]) -> Result<(Vec<usize>, String, Vec<u8>), String> {
    if let Some(why) = never_edited(path) {
        return Err(why);
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let file = std::str::from_utf8(&bytes).map_err(|_| "the file is not UTF-8; fix it by hand".to_owned())?;
    // Sources drop a byte-order mark; lines and columns count from after it.
    let text = file.strip_prefix('\u{feff}').unwrap_or(file);
    let lines: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    // The byte at a 1-based line and column; the column after a line's last
    // character is its end.
    let offset = |line: u32, column: u32| {
        let start = *lines.get((line as usize).checked_sub(1)?)?;
        let skip = (column as usize).checked_sub(1)?;
        let rest = &text[start..];
        rest.char_indices()
            .map(|(i, _)| i)
            .chain([rest.len()])
            .nth(skip)
            .map(|i| start + i)
    };
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let mut fixed = Vec::new();
    for (i, fix) in fixes {
        let spans: Option<Vec<(usize, usize)>> = fix
            .iter()
            .map(|e| {
                Some((
                    offset(e.region.line, e.region.column)?,
                    offset(e.region.end_line, e.region.end_column)?,
                ))
            })
            .collect();
        let Some(spans) = spans else { continue };
        let matches = fix
            .iter()
            .zip(&spans)
            .all(|(e, (s, t))| text.get(*s..*t) == Some(e.original.as_str()));
        let overlaps = spans.iter().any(|(s, e)| taken.iter().any(|(ts, te)| s < te && ts < e));
        if !matches || overlaps {
            continue;
        }
        edits.extend(
            fix.iter()
                .zip(&spans)
                .map(|(e, (s, t))| (*s, *t, e.replacement.as_str())),
        );
        taken.extend(spans);
        fixed.push(*i);
    }
    if fixed.is_empty() {
        return Err(
            "the file does not hold the text its fixes replace (changed since it was linted, or markup in between)"
                .into(),
        );
    }
    edits.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut new = text.to_owned();
    for (start, end, replacement) in edits {
        new.replace_range(start..end, replacement);
    }
    let bom = &file[..file.len() - text.len()];
    let new = [bom.as_bytes(), new.as_bytes()].concat();
    Ok((fixed, file.to_owned(), new))
}

/// Replaces `path` (or creates it) with `bytes` through a temporary file beside it
/// (`tempfile`), flushed to disk before a rename over the file, so a reader never
/// sees half a file and a crash never leaves one; an existing file keeps its
/// permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new().prefix(".stmtlint-").tempfile_in(dir)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    if let Some(permissions) = permissions {
        temporary.as_file().set_permissions(permissions)?;
    }
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of the change, as `git diff` writes it: `a/` and `b/` prefixes,
/// minimal hunks with three lines of context, so `git apply` and `patch -p1` take it.
fn write_diff(path: &str, before: &str, after: &str, out: &mut dyn Write) -> io::Result<()> {
    let path = path.strip_prefix("./").unwrap_or(path);
    let diff = similar::TextDiff::from_lines(before, after);
    let mut unified = diff.unified_diff();
    unified
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{path}"), &format!("b/{path}"));
    let mut text = unified.to_string();
    // `similar` ends a "\\ No newline at end of file" marker without a line break.
    if !text.ends_with('\n') {
        text.push('\n');
    }
    out.write_all(text.as_bytes())
}

//! SARIF 2.1.0, the format GitHub code scanning and other static-analysis viewers
//! read: one run whose tool driver lists every rule that ran, and one result per
//! finding with its rule, level, message, location and fix.
//!
//! Artifact URIs are relative to the root given (the repository's), under the
//! `SRCROOT` base id, with `/` separators and percent-encoding; a file outside the
//! root gets an absolute `file://` URI. Columns count Unicode code points, as the
//! run's `columnKind` says. A PDF finding has no text region (its lines are those
//! of a page's extracted text): its message names the page, its location the file.
//! Files that could not be linted are tool execution notifications.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};
use stmtlint_engine::{Diagnostic, Findings, Region};
use stmtlint_plugin::Severity;

/// A rule as the SARIF driver describes it.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// The id (`missing-section`).
    pub id: String,
    /// One line.
    pub summary: String,
    /// The documentation (Markdown).
    pub docs: String,
    /// The severity it reports at in this run.
    pub severity: Severity,
}

/// Writes the SARIF log; `root` is the directory URIs are relative to, `cwd` where
/// relative paths of the report start.
pub fn render(
    report: &dyn Findings,
    rules: &[RuleInfo],
    root: &Path,
    cwd: &Path,
    out: &mut dyn Write,
) -> io::Result<()> {
    let location = |path: &str| artifact(path, root, cwd);
    let notifications: Vec<Value> = report
        .failures()
        .iter()
        .map(|f| {
            json!({
                "level": "error",
                "descriptor": {"id": f.code},
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": location(&f.path)}}],
            })
        })
        .collect();
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": pascal_case(&r.id),
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.docs},
                "help": {"text": r.docs, "markdown": r.docs},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    // The results are made one at a time as the log is written, from findings
    // read back one file at a time (a tree of them all took 7.6 times the memory
    // of the findings on 10,000 statements). Fields in
    // the order `json!` writes them (sorted), so the log reads as before.
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations: json!([{
                "executionSuccessful": report.failures().is_empty(),
                "toolExecutionNotifications": notifications,
            }]),
            original_uri_base_ids: json!({"SRCROOT": {"uri": directory_uri(root)}}),
            results: Results {
                report,
                rules,
                location: &location,
            },
            tool: json!({"driver": {
                "name": "stmtlint",
                "rules": driver_rules,
                "version": env!("CARGO_PKG_VERSION"),
            }}),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The SARIF log, its keys in sorted order.
#[derive(serde::Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

/// The one run, its keys in sorted order.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    invocations: Value,
    original_uri_base_ids: Value,
    results: Results<'a>,
    tool: Value,
}

/// The results, each made as it is written.
struct Results<'a> {
    report: &'a dyn Findings,
    rules: &'a [RuleInfo],
    location: &'a dyn Fn(&str) -> Value,
}

impl serde::Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(None)?;
        for file in self.report.files() {
            for d in file.map_err(S::Error::custom)?.iter() {
                seq.serialize_element(&result(d, self.rules, self.location))?;
            }
        }
        seq.end()
    }
}

fn result(d: &Diagnostic, rules: &[RuleInfo], location: &dyn Fn(&str) -> Value) -> Value {
    let text = match d.page {
        Some(page) => format!("page {page}: {}", d.message),
        None => d.message.clone(),
    };
    let mut physical = json!({"artifactLocation": location(&d.path)});
    if d.page.is_none() {
        physical["region"] = region(d.region);
    }
    let mut result = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    });
    if let Some(index) = rules.iter().position(|r| r.id == d.rule) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(fix) = d.fix.as_ref().filter(|_| d.page.is_none()) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| json!({"deletedRegion": region(e.region), "insertedContent": {"text": e.replacement}}))
            .collect();
        result["fixes"] = json!([{
            "description": {"text": fix.message},
            "artifactChanges": [{"artifactLocation": location(&d.path), "replacements": replacements}],
        }]);
    }
    result
}

fn region(r: Region) -> Value {
    json!({"startLine": r.line, "startColumn": r.column, "endLine": r.end_line, "endColumn": r.end_column})
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `missing-section` → `MissingSection`; `plugin/rule-id` → `PluginRuleId`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The artifact location of `path`: relative to `root` when inside it.
fn artifact(path: &str, root: &Path, cwd: &Path) -> Value {
    let absolute = normalize(&cwd.join(path));
    match absolute.strip_prefix(root) {
        Ok(relative) => {
            let parts: Vec<String> = relative
                .components()
                .map(|c| encode(&c.as_os_str().to_string_lossy()))
                .collect();
            json!({"uri": parts.join("/"), "uriBaseId": "SRCROOT"})
        }
        Err(_) => json!({"uri": file_uri(&absolute)}),
    }
}

/// `path` relative to `root` (with `/` between its parts) when inside it, else
/// absolute: what the GitHub runner needs to place an annotation.
pub(crate) fn relative(path: &str, root: &Path, cwd: &Path) -> String {
    let absolute = normalize(&cwd.join(path));
    match absolute.strip_prefix(root) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => absolute.display().to_string(),
    }
}

/// `path` with `.` and `..` resolved without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

fn file_uri(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .map(|c| encode(&c.as_os_str().to_string_lossy()))
        .collect();
    format!("file:///{}", parts.join("/"))
}

fn directory_uri(path: &Path) -> String {
    let uri = file_uri(path);
    if uri.ends_with('/') { uri } else { format!("{uri}/") }
}

/// A path segment for a URI: unreserved characters kept, the rest percent-encoded.
fn encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_root_and_encoded() {
        let root = Path::new("/repo");
        assert_eq!(
            artifact("drafts/a b#1.md", root, Path::new("/repo/sub")),
            json!({"uri": "sub/drafts/a%20b%231.md", "uriBaseId": "SRCROOT"})
        );
        assert_eq!(
            artifact("../x/ü.txt", root, Path::new("/repo")),
            json!({"uri": "file:///x/%C3%BC.txt"})
        );
        assert_eq!(directory_uri(root), "file:///repo/");
        assert_eq!(pascal_case("unfulfilled-follow-up"), "UnfulfilledFollowUp");
    }
}

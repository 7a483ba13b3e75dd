//! Baselines: accept the findings a repository has today and report only new ones.
//!
//! An entry keys a finding by its file (relative to the baseline's folder), rule,
//! message and the text it covers, never by line or column, so edits elsewhere in
//! a file that shift its lines keep old findings hidden. Identical findings in one
//! file are counted: a second `Washington, DC` beside a baselined one is new.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::normalize;
use crate::report::{Diagnostic, Report};

/// The baseline file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format's version (1).
    pub version: u32,
    /// The accepted findings, sorted.
    pub findings: Vec<Entry>,
}

/// Accepted findings that share a key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline's folder, with `/`.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The finding's message.
    pub message: String,
    /// The text it covers.
    pub text: String,
    /// How many such findings the file has.
    pub count: usize,
}

type Key = (String, String, String, String);

impl Baseline {
    /// Every finding of `report`, with paths relative to `folder` (the folder of the
    /// baseline file; `cwd` resolves relative paths of the report).
    pub fn of(report: &Report, folder: &Path, cwd: &Path) -> Self {
        let mut counts: HashMap<Key, usize> = HashMap::new();
        for d in &report.diagnostics {
            *counts.entry(key(d, folder, cwd)).or_default() += 1;
        }
        let mut findings: Vec<Entry> = counts
            .into_iter()
            .map(|((path, rule, message, text), count)| Entry {
                path,
                rule,
                message,
                text,
                count,
            })
            .collect();
        findings.sort();
        Self { version: 1, findings }
    }

    /// Removes from `report` the findings this baseline accepts; returns how many.
    pub fn apply(&self, report: &mut Report, folder: &Path, cwd: &Path) -> usize {
        let mut left: HashMap<Key, usize> = self
            .findings
            .iter()
            .map(|e| {
                (
                    (e.path.clone(), e.rule.clone(), e.message.clone(), e.text.clone()),
                    e.count,
                )
            })
            .collect();
        let before = report.diagnostics.len();
        report.diagnostics.retain(|d| match left.get_mut(&key(d, folder, cwd)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - report.diagnostics.len()
    }
}

fn key(d: &Diagnostic, folder: &Path, cwd: &Path) -> Key {
    (
        relative(Path::new(&d.path), folder, cwd),
        d.rule.clone(),
        d.message.clone(),
        d.text.clone(),
    )
}

/// `path` relative to `folder`, both made absolute against `cwd`, with `/`
/// separators; the absolute path when it lies outside `folder`.
fn relative(path: &Path, folder: &Path, cwd: &Path) -> String {
    let path = normalize(&cwd.join(path));
    let folder = normalize(&cwd.join(folder));
    match path.strip_prefix(&folder) {
        Ok(inside) => inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_baseline_folder_however_they_were_given() {
        let cwd = Path::new("/repo/sub");
        assert_eq!(relative(Path::new("./a/b.txt"), Path::new(".."), cwd), "sub/a/b.txt");
        assert_eq!(
            relative(Path::new("/repo/sub/a/b.txt"), Path::new("/repo"), cwd),
            "sub/a/b.txt"
        );
        assert_eq!(relative(Path::new("../x.txt"), Path::new("."), cwd), "/repo/x.txt");
    }
}

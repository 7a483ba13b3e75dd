//! Baselines: accept the findings a repository has today and report only new ones.
//!
//! An entry keys a finding by its file (relative to the baseline's folder), rule,
//! message and the text it covers, never by line or column, so edits elsewhere in
//! a file that shift its lines keep old findings hidden. Identical findings in one
//! file are counted: a second `Washington, DC` beside a baselined one is new.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::normalize;
use crate::report::Diagnostic;

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

/// Counts findings, file by file, into a new baseline (`--write-baseline`).
pub struct Recorder {
    counts: HashMap<Key, usize>,
    folder: PathBuf,
    cwd: PathBuf,
}

impl Recorder {
    /// Paths relative to `folder` (the folder of the baseline file; `cwd`
    /// resolves relative paths of the report).
    pub fn new(folder: &Path, cwd: &Path) -> Self {
        Self {
            counts: HashMap::new(),
            folder: folder.to_path_buf(),
            cwd: cwd.to_path_buf(),
        }
    }

    /// Counts `diagnostics` in.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            *self.counts.entry(key(d, &self.folder, &self.cwd)).or_default() += 1;
        }
    }

    /// The baseline of every finding added.
    pub fn finish(self) -> Baseline {
        let mut findings: Vec<Entry> = self
            .counts
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
        Baseline { version: 1, findings }
    }
}

/// A baseline at work (`--baseline`): hides the findings it accepts, file by
/// file, each accepted finding once.
pub struct Hider {
    left: HashMap<Key, usize>,
    folder: PathBuf,
    cwd: PathBuf,
    hidden: usize,
}

impl Baseline {
    /// Hides what this baseline accepts; paths are relative to `folder` (the
    /// baseline file's), `cwd` resolves relative paths of the report.
    pub fn hider(&self, folder: &Path, cwd: &Path) -> Hider {
        let left = self
            .findings
            .iter()
            .map(|e| {
                (
                    (e.path.clone(), e.rule.clone(), e.message.clone(), e.text.clone()),
                    e.count,
                )
            })
            .collect();
        Hider {
            left,
            folder: folder.to_path_buf(),
            cwd: cwd.to_path_buf(),
            hidden: 0,
        }
    }
}

impl Hider {
    /// Removes from `diagnostics` (one file's, in report order) those the
    /// baseline accepts and has not yet matched.
    pub fn hide(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        let before = diagnostics.len();
        diagnostics.retain(|d| match self.left.get_mut(&key(d, &self.folder, &self.cwd)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        self.hidden += before - diagnostics.len();
    }

    /// How many findings it hid.
    pub fn hidden(&self) -> usize {
        self.hidden
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

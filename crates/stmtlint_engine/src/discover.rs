//! From the paths, directories and glob patterns on the command line to files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::Failure;

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to lint, sorted, each once.
    pub files: Vec<PathBuf>,
    /// Inputs that do not exist or could not be listed.
    pub failures: Vec<Failure>,
    /// Files inside directories that no source reads, counted by extension.
    pub skipped: BTreeMap<String, usize>,
}

fn is_glob(input: &str) -> bool {
    input.contains(['*', '?', '['])
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Expands inputs into files. Directories are walked recursively, skipping hidden
/// and git-ignored files and files whose extension no source claims (counted in
/// `skipped`); files named explicitly are always taken; glob patterns are expanded
/// with the `glob` crate so they work where the shell does not expand them.
/// `exclude` patterns are matched against the path below the walked directory and
/// against the file name; a `.stmtlintignore` file works like `.gitignore`.
pub fn discover(inputs: &[String], claimed: &[&str], exclude: &[glob::Pattern]) -> Discovered {
    let walk = |dir: &Path, found: &mut Discovered| walk(dir, claimed, exclude, found);
    let mut found = Discovered::default();
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            walk(path, &mut found);
        } else if path.exists() {
            found.files.push(path.to_path_buf());
        } else if is_glob(input) {
            expand(input, &walk, &mut found);
        } else {
            found.failures.push(Failure::new(
                input,
                "stmtlint::io::not_found",
                "no such file or directory",
            ));
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn expand(pattern: &str, walk: &dyn Fn(&Path, &mut Discovered), found: &mut Discovered) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(e) => {
            found.failures.push(Failure::new(
                pattern,
                "stmtlint::io::bad_glob",
                format!("invalid glob pattern: {e}"),
            ));
            return;
        }
    };
    let before = found.files.len();
    for entry in paths {
        match entry {
            Ok(path) if path.is_dir() => walk(&path, found),
            Ok(path) => found.files.push(path),
            Err(e) => found.failures.push(Failure::new(
                e.path().display().to_string(),
                "stmtlint::io::unreadable",
                e.error().to_string(),
            )),
        }
    }
    if found.files.len() == before {
        found.failures.push(Failure::new(
            pattern,
            "stmtlint::io::not_found",
            "the glob pattern matches no file",
        ));
    }
}

fn walk(dir: &Path, claimed: &[&str], exclude: &[glob::Pattern], found: &mut Discovered) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .add_custom_ignore_filename(".stmtlintignore")
        .sort_by_file_name(Ord::cmp)
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.failures.push(Failure::new(
                    dir.display().to_string(),
                    "stmtlint::io::unreadable",
                    e.to_string(),
                ));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = Path::new(entry.file_name());
        if exclude.iter().any(|p| p.matches_path(relative) || p.matches_path(name)) {
            continue;
        }
        let ext = extension(entry.path());
        if claimed.contains(&ext.as_str()) {
            found.files.push(entry.into_path());
        } else {
            *found
                .skipped
                .entry(if ext.is_empty() { "(none)".into() } else { ext })
                .or_default() += 1;
        }
    }
}

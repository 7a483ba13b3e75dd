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
    /// Symbolic links a walk met that lead nowhere (`-v` prints them).
    pub notes: Vec<String>,
}

/// The failure of a path that cannot be read, with the same code wherever it is
/// met (`check`, `extract`, a corpus rule's second read): a symbolic link that
/// loops or leads nowhere is named as such, not as a missing file.
pub fn io_failure(path: &Path, e: &std::io::Error) -> Failure {
    let name = path.display().to_string();
    if let Some(why) = broken_link(path) {
        return Failure::new(name, why.0, why.1);
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => Failure::new(name, "stmtlint::io::not_found", "no such file or directory"),
        std::io::ErrorKind::PermissionDenied => {
            Failure::new(name, "stmtlint::io::permission_denied", "permission denied")
        }
        _ => Failure::new(name, "stmtlint::io::unreadable", e.to_string()),
    }
}

/// For a symbolic link that does not lead to a file or folder: its failure code
/// and why.
fn broken_link(path: &Path) -> Option<(&'static str, String)> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return None;
    }
    let e = std::fs::metadata(path).err()?;
    let target = std::fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
    // ELOOP: 40 on Linux, 62 on the BSDs and macOS.
    let looped = matches!(e.raw_os_error(), Some(40 | 62)) || e.to_string().contains("symbolic links");
    Some(if looped {
        (
            "stmtlint::io::symlink_loop",
            format!("the symbolic link leads back to itself (a loop through `{target}`)"),
        )
    } else {
        (
            "stmtlint::io::dangling_link",
            format!("the symbolic link points to `{target}`, which does not exist"),
        )
    })
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
        } else if let Some((code, why)) = broken_link(path) {
            found.failures.push(Failure::new(input, code, why));
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
    // Kept for the whole run: a walked path has room to grow that it never uses.
    for file in &mut found.files {
        file.shrink_to_fit();
    }
    found.files.shrink_to_fit();
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
            // Links are not followed; one that leads nowhere is worth a note.
            if entry.path_is_symlink()
                && let Some((_, why)) = broken_link(entry.path())
            {
                found.notes.push(format!("{}: skipped: {why}", entry.path().display()));
            }
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

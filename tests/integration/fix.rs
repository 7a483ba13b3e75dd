//! `check --fix`, `--unsafe-fixes` and `--diff`.

use crate::util::{Dir, shared_corpus, walk};

const STATEMENT: &str = "Joint Statement on Fisheries\nWashington, DC, 3 April 2025\n\n\
The delegations met in Washington, D.C. on Monday.\n";

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Fisheries</title></head><body><main>\n\
<h1>Joint Statement on Fisheries</h1>\n<p>Washington, DC, 3 April 2025</p>\n\
<p>The delegations met in Washington, D.C. and agreed to exchange data.</p>\n\
</main></body></html>\n";

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A config that prefers one spelling: fixes to it are safe.
const PREFER_DC: &str = "[rules.inconsistent-name]\ngroups = [{ variants = [\"Washington, D.C.\", \"Washington, DC\"], preferred = \"Washington, DC\" }]\n";

#[test]
fn diff_shows_and_fix_applies_safe_fixes_to_text_files() {
    let dir = Dir::new("fix-text");
    dir.file("stmtlint.toml", PREFER_DC);
    let file = dir.file("a.txt", STATEMENT);
    let out = dir.run(&["check", "--diff", "a.txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,4 +1,4 @@\n Joint Statement on Fisheries\n Washington, DC, 3 April 2025\n \n\
         -The delegations met in Washington, D.C. on Monday.\n\
         +The delegations met in Washington, DC on Monday.\n"
    );
    assert!(out.stderr.contains("would fix 1 finding in 1 file"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        STATEMENT,
        "--diff changes nothing"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = dir.run(&["check", "--fix", "--format", "json", "a.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("fixed 1 finding in 1 file"), "{}", out.stderr);
    assert!(out.stdout.contains("\"diagnostics\": []"), "{}", out.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), STATEMENT.replace("D.C.", "DC"));
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o640, "permissions are kept");
    // Nothing left to do.
    let out = dir.run(&["check", "--diff", "a.txt"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
}

#[test]
fn a_spelling_chosen_by_counting_is_an_unsafe_fix() {
    let dir = Dir::new("fix-counted");
    let file = dir.file("a.txt", STATEMENT);
    let out = dir.run(&["check", "--fix", "a.txt"]);
    assert!(out.stderr.contains("fixed 0 findings in 0 files"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), STATEMENT);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "a.txt"]);
    assert!(out.stderr.contains("fixed 1 finding in 1 file"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), STATEMENT.replace("D.C.", "DC"));
}

#[test]
fn a_fix_never_deletes_the_full_stop_that_ends_a_sentence() {
    // The 2014 State Department media note ends "... in Washington, D.C."; the
    // fix once wrote "Washington, DC" and lost the sentence's period.
    let dir = Dir::new("fix-period");
    let note = "Joint Statement on Fisheries\nWashington, DC\nApril 3, 2025\n\n\
                The delegations will meet again in Washington, D.C.\nThey thanked the hosts.\n";
    let file = dir.file("a.txt", note);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "a.txt"]);
    assert!(out.stderr.contains("fixed 1 finding in 1 file"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        note.replace("Washington, D.C.\n", "Washington, DC.\n")
    );
}

#[test]
fn diff_hunks_have_context_and_git_apply_takes_them() {
    let Ok(git) = std::process::Command::new("git").arg("--version").output() else {
        panic!("git is needed to check that `git apply` takes the diff");
    };
    assert!(git.status.success());
    let dir = Dir::new("fix-git-apply");
    let body: String = (1..=40)
        .map(|i| format!("Paragraph {i} of the statement.\n\n"))
        .collect();
    let text = format!(
        "Joint Statement on Fisheries\nWashington, DC, 3 April 2025\n\n{body}They met in Washington, D.C. on Monday.\n\n{body}The end."
    );
    let file = dir.file("sub/a.txt", &text);
    let out = dir.run(&["check", "--diff", "--unsafe-fixes", "sub/a.txt"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let hunks: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("@@")).collect();
    assert_eq!(hunks, ["@@ -81,7 +81,7 @@"], "{}", out.stdout);
    assert!(
        out.stdout.starts_with("--- a/sub/a.txt\n+++ b/sub/a.txt\n"),
        "{}",
        out.stdout
    );
    dir.file("fix.patch", &out.stdout);
    let run = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(&dir.path)
            .output()
            .unwrap()
    };
    assert!(run(&["init", "-q"]).status.success());
    let applied = run(&["apply", "fix.patch"]);
    assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stderr));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.replace("D.C. on", "DC on")
    );
}

#[test]
fn html_pages_are_fixed_only_with_unsafe_fixes() {
    let dir = Dir::new("fix-html");
    let file = dir.file("a.html", PAGE);
    let out = dir.run(&["check", "--fix", "a.html"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), PAGE);
    assert!(out.stderr.contains("fixed 0 findings in 0 files"), "{}", out.stderr);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "a.html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        PAGE.replace("Washington, D.C. and", "Washington, DC and")
    );
}

#[test]
fn a_file_whose_text_is_not_where_the_fix_expects_it_is_left_alone() {
    let dir = Dir::new("fix-markup");
    // An entity inside the name: the page's text is not the file's bytes there.
    let page = PAGE.replace("Washington, D.C. and", "Washington,&#32;D.C. and");
    let file = dir.file("a.html", &page);
    let out = dir.run(&["check", "--fix", "--unsafe-fixes", "a.html"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), page);
    assert!(out.stderr.contains("a.html not fixed"), "{}", out.stderr);
    assert_eq!(out.code, 0, "a warning is left: {}", out.stderr);
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text.split_inclusive('\n').take(line as usize - 1).map(str::len).sum();
    let rest = &text[start..];
    rest.char_indices()
        .map(|(i, _)| i)
        .chain([rest.len()])
        .nth(column as usize - 1)
        .map(|i| start + i)
        .unwrap()
}

/// The letters and digits of a spelling, in order: variants of one name have the
/// same ones (dots, hyphens, spaces, commas dropped), or the same ones in another
/// order (a pair written the other way round).
fn letters(s: &str) -> Vec<char> {
    // Diacritics are spelling too (`Tromsø`, `Tromso`).
    let plain = |c: char| {
        let table = [
            ("àáâãäåā", 'a'),
            ("èéêëē", 'e'),
            ("ìíîïī", 'i'),
            ("òóôõöøō", 'o'),
            ("ùúûüū", 'u'),
            ("ñ", 'n'),
            ("ç", 'c'),
        ];
        let lower = c.to_lowercase().next().unwrap_or(c);
        let base = table
            .iter()
            .find(|(from, _)| from.contains(lower))
            .map_or(c, |(_, to)| *to);
        if c.is_uppercase() {
            base.to_ascii_uppercase()
        } else {
            base
        }
    };
    let mut out: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).map(plain).collect();
    out.sort_unstable();
    out
}

#[test]
fn fixing_the_whole_corpus_changes_only_variant_spellings() {
    let (Some(real), Some(seeds)) = (shared_corpus("real"), shared_corpus("seeds")) else {
        return;
    };
    let dir = Dir::new("fix-corpus");
    let mut before = std::collections::BTreeMap::new();
    for (n, path) in walk(&real).into_iter().chain(walk(&seeds)).enumerate() {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "txt" | "md" | "html" | "htm") {
            continue;
        }
        let name = format!("{n:03}-{}", path.file_name().unwrap().to_string_lossy());
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(dir.path.join(&name), &bytes).unwrap();
        before.insert(name, bytes);
    }
    let report = dir.run(&["check", "--format", "json", "--as-of", "2026-11-22", "."]);
    let json: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let out = dir.run(&[
        "check",
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
        "--as-of",
        "2026-11-22",
        ".",
    ]);
    assert!(out.stderr.contains("fixed "), "{}", out.stderr);
    let (mut changed, mut edits_applied) = (0, 0);
    for (name, old) in &before {
        let new = std::fs::read(dir.path.join(name)).unwrap();
        if &new == old {
            continue;
        }
        changed += 1;
        let (old, new) = (String::from_utf8(old.clone()).unwrap(), String::from_utf8(new).unwrap());
        // The edits stmtlint offered for this file, as byte ranges of the old text.
        let mut edits: Vec<(usize, usize, String, bool)> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().trim_start_matches("./") == name)
            .flat_map(|d| {
                let spelling = d["rule"] == "spelling-variety";
                let edits = d["fix"]["edits"].as_array().cloned().unwrap_or_default();
                edits.into_iter().map(move |e| (e, spelling))
            })
            .map(|(e, spelling)| {
                let at = |l: &str, c: &str| offset(&old, e[l].as_u64().unwrap(), e[c].as_u64().unwrap());
                let replacement = e["replacement"].as_str().unwrap().to_owned();
                (
                    at("line", "column"),
                    at("end_line", "end_column"),
                    replacement,
                    spelling,
                )
            })
            .collect();
        edits.sort();
        // Walk both texts: outside the edits they are the same, character for
        // character; at an edit the new text holds either the old text or the
        // replacement, and a replacement is a variant of what it replaces.
        let (mut i, mut j) = (0, 0);
        let starts: Vec<usize> = edits.iter().map(|e| e.0).collect();
        for (start, end, replacement, spelling) in edits {
            if start < i {
                continue; // overlaps an applied edit
            }
            let same = &old[i..start];
            assert_eq!(&new[j..j + same.len()], same, "{name}: text changed outside the fixes");
            j += same.len();
            i = start;
            let original = &old[start..end];
            // What follows, up to the next edit: the new text goes on with it.
            let next = starts.iter().copied().find(|s| *s >= end).unwrap_or(old.len());
            let tail = &old[end..next.min(end + 40).max(end)];
            if new[j..].starts_with(replacement.as_str()) && new[j + replacement.len()..].starts_with(tail) {
                // The configured groups also make a spelled-out pair a variant of its
                // abbreviation (`United States – European Union`, `U.S.-EU`).
                let initials = |s: &str| {
                    letters(
                        &s.split([' ', '-', '–'])
                            .filter_map(|w| w.chars().next())
                            .collect::<String>(),
                    )
                };
                // A British or American spelling of the same word: `organised` and
                // `organized`, `centre` and `center`, `travelled` and `traveled`.
                let other_spelling = spelling
                    && original.len().abs_diff(replacement.len()) <= 2
                    && original.chars().take(3).eq(replacement.chars().take(3));
                assert!(
                    other_spelling
                        || [letters(original), initials(original)].contains(&letters(&replacement))
                        || letters(original) == initials(&replacement),
                    "{name}: `{original}` -> `{replacement}` is not a variant"
                );
                // A name that ends a paragraph ends its last sentence: its period stays.
                let rest = old[end..].trim_start_matches(['"', '”', ')', ' ']);
                if original.ends_with('.') && (rest.is_empty() || rest.starts_with("\n\n") || rest.trim().is_empty()) {
                    assert!(
                        replacement.ends_with('.'),
                        "{name}: `{original}` -> `{replacement}` drops a period"
                    );
                }
                j += replacement.len();
                i = end;
                edits_applied += 1;
            }
        }
        assert_eq!(&new[j..], &old[i..], "{name}: text changed outside the fixes");
    }
    println!("{changed} files changed by {edits_applied} edits");
    assert!(
        changed > 5 && edits_applied > 10,
        "{changed} files, {edits_applied} edits"
    );
}

//! Baselines: `--write-baseline` records today's findings, `--baseline` reports only
//! new ones, and both survive edits that shift lines.

use crate::util::{Dir, UNDATED};

/// Two name findings (`Washington, D.C.` twice against `DC`, also written twice and
/// first, in the dateline).
const STATEMENT: &str = "Joint Statement on Fisheries\nWashington, DC, 3 April 2025\n\n\
The delegations met in Washington, D.C. on Monday.\n\n\
The Washington, D.C. office agreed to exchange data with the Washington, DC team.\n";

fn lines_found(stdout: &str) -> Vec<(String, u64)> {
    crate::util::fields(stdout, &["path", "line"])
        .into_iter()
        .map(|f| (f[0].clone(), f[1].parse().unwrap()))
        .collect()
}

#[test]
fn a_baseline_survives_inserted_lines_and_lets_new_findings_through() {
    let dir = Dir::new("baseline");
    dir.file("drafts/a.md", STATEMENT);
    dir.file("drafts/undated.txt", UNDATED);
    let out = dir.run(&["check", "--write-baseline", "stmtlint-baseline.json", "drafts"]);
    assert_eq!(out.code, 0, "everything is accepted: {}", out.stderr);
    assert!(
        out.stderr.contains("wrote 3 findings to the baseline"),
        "{}",
        out.stderr
    );
    let written = std::fs::read_to_string(dir.path.join("stmtlint-baseline.json")).unwrap();
    assert!(written.contains("\"path\": \"drafts/a.md\""), "{written}");
    assert!(!written.contains("\"line\""), "{written}");

    // Ten lines at the top shift every finding; none of them is new.
    let shifted = format!("{}{STATEMENT}", "<!-- reviewed -->\n".repeat(10));
    dir.file("drafts/a.md", &shifted);
    let args = [
        "check",
        "--format",
        "json",
        "--baseline",
        "stmtlint-baseline.json",
        "drafts",
    ];
    let out = dir.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(lines_found(&out.stdout).is_empty(), "{}", out.stdout);

    // A third `Washington, D.C.` (with a third `DC`, which stays the winner) is new,
    // and so is a finding in a new file.
    dir.file(
        "drafts/a.md",
        &format!("{shifted}\nThey return to Washington, D.C. in May and to Washington, DC in June.\n"),
    );
    dir.file("drafts/b.txt", UNDATED);
    let out = dir.run(&args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let found = lines_found(&out.stdout);
    assert_eq!(found.len(), 2, "{}", out.stdout);
    assert!(found.contains(&("drafts/b.txt".into(), 1)), "{found:?}");
    assert!(found.iter().any(|(p, _)| p == "drafts/a.md"), "{found:?}");

    // The same baseline from another working directory: paths are relative to it.
    let out = crate::util::run_in(
        &dir.path.join("drafts"),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "../stmtlint-baseline.json",
            "a.md",
        ],
    );
    assert_eq!(lines_found(&out.stdout).len(), 1, "{}", out.stdout);

    // Fixed findings drop out at the next write.
    dir.file(
        "drafts/a.md",
        "Joint Statement on Fisheries\nPorto, 3 April 2025\n\nText.\n",
    );
    let out = dir.run(&["check", "--write-baseline", "stmtlint-baseline.json", "drafts"]);
    assert!(out.stderr.contains("wrote 2 findings"), "{}", out.stderr);
    let written = std::fs::read_to_string(dir.path.join("stmtlint-baseline.json")).unwrap();
    assert!(!written.contains("a.md"), "{written}");
}

#[test]
fn a_missing_or_broken_baseline_is_an_error_naming_it() {
    let dir = Dir::new("baseline-bad");
    dir.file("a.txt", UNDATED);
    let out = dir.run(&["check", "--baseline", "nope.json", "a.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cannot read the baseline nope.json"),
        "{}",
        out.stderr
    );
    dir.file("bad.json", "{\"version\": 1}");
    let out = dir.run(&["check", "--baseline", "bad.json", "a.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("bad.json is not a stmtlint baseline"),
        "{}",
        out.stderr
    );
}

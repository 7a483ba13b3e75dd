//! `stmtlint check samples/` as a new user runs it: every finding is pinned, as of
//! a fixed day so that follow-up verdicts do not move with the calendar.

use crate::util::{root, run_in};

#[test]
fn check_samples_concise() {
    let out = run_in(
        root(),
        &["check", "--format", "concise", "--as-of", "2026-11-22", "samples/"],
    );
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn check_samples_human() {
    let out = run_in(root(), &["check", "--as-of", "2026-11-22", "samples/"]);
    insta::assert_snapshot!(format!("{}\n--- stderr ---\n{}", out.stdout, out.stderr));
}

#[test]
fn check_samples_with_the_cyber_dialogue_profile() {
    let out = run_in(
        root(),
        &[
            "check",
            "--format",
            "concise",
            "--as-of",
            "2026-11-22",
            "--config",
            "samples/cyber-dialogue.toml",
            "samples/",
        ],
    );
    insta::assert_snapshot!(out.stdout);
}

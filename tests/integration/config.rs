use crate::util::{Dir, UNDATED};

#[test]
fn unknown_key_exits_2_with_the_key_underlined() {
    let dir = Dir::new("unknown-key");
    dir.file("stmtlint.toml", "[rules.missing-section]\nrequred = []\n");
    insta::assert_snapshot!(dir.config_error());
}

#[test]
fn unknown_rule_and_wrong_type_are_errors() {
    let dir = Dir::new("bad-config");
    dir.file("bad.toml", "[rules.missing-sections]\n");
    let out = dir.run(&["check", "--config", "bad.toml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown rule `missing-sections`"), "{}", out.stderr);
    dir.file("bad.toml", "[rules.missing-section]\ntitle = \"yes\"\n");
    let out = dir.run(&["check", "--config", "bad.toml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid type: string \"yes\", expected a boolean"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2 │ title = \"yes\""), "{}", out.stderr);
}

#[test]
fn config_is_discovered_upward_and_severity_off_silences() {
    let dir = Dir::new("discover-config");
    dir.file("stmtlint.toml", "[rules.missing-section]\nseverity = \"off\"\n");
    dir.file("deep/er/a.txt", UNDATED);
    let out = crate::util::run_in(&dir.path.join("deep/er"), &["check", "a.txt"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn missing_config_file_exits_2() {
    let dir = Dir::new("missing-config");
    let out = dir.run(&["check", "--config", "nope.toml"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("could not read the configuration `nope.toml`"),
        "{}",
        out.stderr
    );
}

#[test]
fn extends_cyber_dialogue_passes_both_seeds_and_flags_a_draft_without_one_section() {
    let root = crate::util::root();
    let out = crate::util::run_in(
        root,
        &[
            "check",
            "--format",
            "concise",
            "--config",
            "samples/cyber-dialogue.toml",
            "samples/statements",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    let out = crate::util::run_in(
        root,
        &[
            "check",
            "--format",
            "concise",
            "--config",
            "samples/cyber-dialogue.toml",
            "samples/drafts/cyber-dialogue-without-human-rights.md",
        ],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "samples/drafts/cyber-dialogue-without-human-rights.md:1:4: error[missing-section] required section `Human Rights Online` is missing\n"
    );
}

/// Undated (a `missing-section` error) with `Washington, DC`/`Washington, D.C.` (an
/// `inconsistent-name` warning) and a promise of a meeting of its series in 2015
/// that nothing in the set keeps (an `unfulfilled-follow-up` warning).
const UNDATED_PAIR: &str = "Joint Statement of the EU-Norway Fisheries Dialogue\n\n\
The delegations met in Washington, DC on Monday and in Washington, D.C. on Friday.\n";
const DATED_PROMISE: &str = "Joint Statement of the EU-Norway Fisheries Dialogue\nOslo, 3 April 2014\n\n\
The delegations will convene the next meeting of the Dialogue in 2015.\n";

fn rules_by_file(stdout: &str) -> Vec<(String, String, String)> {
    crate::util::fields(stdout, &["path", "rule", "severity"])
        .into_iter()
        .map(|f| (f[0].clone(), f[1].clone(), f[2].clone()))
        .collect()
}

#[test]
fn overrides_set_rules_for_the_files_their_patterns_match() {
    let dir = Dir::new("overrides");
    dir.file(
        "stmtlint.toml",
        "[[overrides]]\nfiles = [\"archive/**\"]\n\
         [overrides.rules.missing-section]\nseverity = \"off\"\n\
         [overrides.rules.inconsistent-name]\nseverity = \"error\"\n\
         [overrides.rules.unfulfilled-follow-up]\nseverity = \"off\"\n",
    );
    dir.file("archive/2014/old.txt", UNDATED_PAIR);
    dir.file("archive/2014/promise.txt", DATED_PROMISE);
    dir.file("drafts/new.txt", UNDATED_PAIR);
    dir.file("drafts/promise.txt", DATED_PROMISE);
    // From a subfolder: patterns are relative to the config file's folder.
    let out = crate::util::run_in(
        &dir.path.join("drafts"),
        &["check", "--format", "json", "--as-of", "2026-11-22", ".."],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let found = rules_by_file(&out.stdout);
    let expect = |path: &str, rule: &str, severity: &str| (path.to_owned(), rule.to_owned(), severity.to_owned());
    assert_eq!(
        found,
        [
            expect("../archive/2014/old.txt", "inconsistent-name", "error"),
            expect("../drafts/new.txt", "missing-section", "error"),
            expect("../drafts/new.txt", "inconsistent-name", "warning"),
            expect("../drafts/promise.txt", "unfulfilled-follow-up", "warning"),
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn an_override_may_not_set_options_of_a_corpus_rule_or_name_an_unknown_rule() {
    let dir = Dir::new("overrides-bad");
    dir.file("a.txt", UNDATED);
    let override_of = |rules: &str| format!("[[overrides]]\nfiles = [\"a.txt\"]\n{rules}");
    let cases = [
        (
            override_of("[overrides.rules.unfulfilled-follow-up]\ntolerance-days = 3\n"),
            "may set only the `severity`",
        ),
        (override_of("[overrides.rules.nope]\n"), "unknown rule `nope`"),
        ("[[overrides]]\nfile = [\"a.txt\"]\n".to_owned(), "unknown field `file`"),
    ];
    for (config, error) in cases {
        dir.file("stmtlint.toml", &config);
        let out = dir.run(&["check", "a.txt"]);
        assert_eq!(out.code, 2, "{config}");
        assert!(out.stderr.contains(error), "{}", out.stderr);
    }
}

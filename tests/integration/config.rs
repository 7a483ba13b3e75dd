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
        out.stderr
            .contains("expected `true` or `false`, found the text \"yes\""),
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
        ("[[overrides]]\nfile = [\"a.txt\"]\n".to_owned(), "unknown key `file`"),
    ];
    for (config, error) in cases {
        dir.file("stmtlint.toml", &config);
        let out = dir.run(&["check", "a.txt"]);
        assert_eq!(out.code, 2, "{config}");
        assert!(out.stderr.contains(error), "{}", out.stderr);
    }
}

/// The error a config gives on `check a.txt` (exit 2), without the directory.
fn error_of(dir: &Dir, config: &str) -> String {
    dir.file("stmtlint.toml", config);
    dir.config_error()
}

#[test]
fn every_bad_value_is_an_error_in_plain_words_with_the_toml_underlined() {
    let dir = Dir::new("bad-values");
    let follow = "[rules.unfulfilled-follow-up]\n";
    let cases = [
        (
            format!("{follow}as-of = \"2017-02-30\"\n"),
            "\"2017-02-30\" is not a date: that month has 28 days",
        ),
        (
            format!("{follow}as-of = \"yesterday\"\n"),
            "expected a date written YYYY-MM-DD, such as \"2026-11-22\", found \"yesterday\"",
        ),
        (
            format!("{follow}as-of = \"2017-13-01\"\n"),
            "\"2017-13-01\" is not a date: there is no month 13",
        ),
        (format!("{follow}as-of = 2017\n"), "expected a date written YYYY-MM-DD"),
        (
            format!("{follow}tolerance-days = -3\n"),
            "expected a whole number, 0 or more, found -3",
        ),
        (
            "[rules.inconsistent-name]\ngroups = [{ variants = [\"EU-US\", \"EU-U.S.\"], preferred = \"US-EU\" }]\n"
                .into(),
            "`preferred = \"US-EU\"` is not one of the group's `variants` (\"EU-US\", \"EU-U.S.\")",
        ),
        (
            "[[plugins]]\npath = \"x.so\"\nsha256 = \"abc\"\n".into(),
            "expected 64 hexadecimal digits, found 3 characters",
        ),
        (
            "[limits]\nmax-file-size-mb = \"big\"\n".into(),
            "expected a whole number, 0 or more, found the text \"big\"",
        ),
        (
            "[rules.missing-section]\nsevrity = \"off\"\n".into(),
            "unknown key `sevrity`; the keys here are `severity`, `required`, `title`, `date`",
        ),
        (
            "[rules.unused-suppression]\nquiet = true\n".into(),
            "unknown key `quiet`; the only key here is `severity`",
        ),
    ];
    for (config, error) in cases {
        let out = error_of(&dir, &config);
        assert!(out.contains(error), "{config}\n{out}");
        assert!(out.contains('│'), "the TOML is shown: {out}");
        for internal in ["u64", "u32", "untagged", "enum", "struct", "1..=12", "invalid type"] {
            assert!(!out.contains(internal), "`{internal}` leaks: {out}");
        }
    }
}

#[test]
fn explain_and_config_schema_still_work_with_a_broken_config() {
    let dir = Dir::new("broken-explain");
    dir.file("stmtlint.toml", "[rules.missing-section]\nseverity = \"of\"\n");
    for args in [&["explain", "missing-section"][..], &["config-schema"]] {
        let out = dir.run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.is_empty());
        assert!(
            out.stderr
                .contains("expected \"error\", \"warning\", \"info\" or \"off\""),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("warning: the configuration above has an error"),
            "{}",
            out.stderr
        );
    }
    // `check` and `rules` still refuse it.
    assert_eq!(dir.run(&["rules"]).code, 2);
}

#[test]
fn unused_suppression_is_a_rule_like_the_others() {
    let dir = Dir::new("unused-rule");
    dir.file(
        "stmtlint.toml",
        "[rules.unused-suppression]\nseverity = \"info\"\n[rules.missing-section]\nseverity = \"off\"\n",
    );
    let rules = dir.run(&["rules"]);
    assert!(
        rules
            .stdout
            .contains("unused-suppression       info     an inline suppression hides no finding"),
        "{}",
        rules.stdout
    );
    assert!(
        rules.stdout.contains("missing-section          off"),
        "{}",
        rules.stdout
    );
    let explain = dir.run(&["explain", "unused-suppression"]);
    assert!(explain.stdout.contains("## What it does"), "{}", explain.stdout);
    dir.file(
        "a.md",
        "<!-- stmtlint-disable-next-line inconsistent-name -->\nJoint Statement\n",
    );
    let out = dir.run(&["check", "--format", "concise", "a.md"]);
    assert_eq!(
        out.stdout,
        "a.md:1:1: info[unused-suppression] suppression of `inconsistent-name` hides no finding\n"
    );
    dir.file(
        "stmtlint.toml",
        "[rules.unused-suppression]\nseverity = \"off\"\n[rules.missing-section]\nseverity = \"off\"\n",
    );
    let out = dir.run(&["check", "--format", "concise", "a.md"]);
    assert_eq!(out.stdout, "");
}

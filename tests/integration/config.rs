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

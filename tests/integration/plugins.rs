//! Native plugins end to end: the README's "Writing a rule plugin" steps, and a
//! host that survives misbehaving plugins.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Dir, UNDATED, root};

#[path = "../../crates/stmtlint_plugin_host/tests/common/mod.rs"]
mod common;

const DRAFT_WITH_TODO: &str = "Joint Statement on Fisheries\nPorto, 3 April 2025\n\nThe delegations agreed to TODO.\n";

fn cargo(dir: &Path, args: &[&str], target: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn config_for(dir: &Dir, lib: &Path, extra: &str) {
    dir.file(
        "stmtlint.toml",
        &format!("[[plugins]]\npath = {:?}\n{extra}", lib.display().to_string()),
    );
}

#[test]
fn a_new_plugin_scaffold_builds_loads_and_reports_in_every_format() {
    let dir = Dir::new("scaffold");
    let out = dir.run(&["plugin", "new", "acme-rules", "--sdk", &root().display().to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("created plugin `acme-rules`"));
    // A shared target directory keeps repeated runs fast; the scaffold itself is
    // built exactly as its README says.
    let target = root().join("target/plugin-scaffold");
    cargo(
        &dir.path.join("acme-rules"),
        &["build", "--release", "--quiet"],
        &target,
    );
    cargo(&dir.path.join("acme-rules"), &["test", "--release", "--quiet"], &target);
    let lib: PathBuf = target.join("release").join(format!(
        "{}acme_rules{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));

    config_for(&dir, &lib, "");
    dir.file("drafts/todo.txt", DRAFT_WITH_TODO);
    dir.file("drafts/undated.txt", UNDATED);

    let out = dir.run(&["check", "--format", "concise", "drafts"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "drafts/todo.txt:4:27: warning[acme-rules/no-todo] draft still has a `TODO` marker\n\
         drafts/undated.txt:1:1: error[missing-section] statement has no date\n"
    );
    let out = dir.run(&["check", "drafts"]);
    assert!(
        out.stdout.contains("acme-rules/no-todo") && out.stdout.contains("4 │ The delegations agreed to TODO."),
        "{}",
        out.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&dir.run(&["check", "--format", "json", "drafts"]).stdout).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["acme-rules/no-todo", "missing-section"]);

    let out = dir.run(&["rules"]);
    assert!(out.stdout.contains("acme-rules/no-todo"), "{}", out.stdout);
    let out = dir.run(&["plugin", "check", &lib.display().to_string()]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("acme-rules 0.1.0 (stmtlint_plugin_sdk"),
        "{}",
        out.stdout
    );

    // Configured like a built-in rule, and switched off by --no-plugins.
    config_for(&dir, &lib, "[rules.\"acme-rules/no-todo\"]\nseverity = \"off\"\n");
    assert!(
        !dir.run(&["check", "--format", "concise", "drafts"])
            .stdout
            .contains("no-todo")
    );
    config_for(&dir, &lib, "");
    assert!(
        !dir.run(&["check", "--no-plugins", "--format", "concise", "drafts"])
            .stdout
            .contains("no-todo")
    );
}

#[test]
fn a_plugin_rule_that_never_returns_fails_its_file_and_the_run_ends_with_the_rest() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("hangs");
    config_for(&dir, &lib, "[limits]\nrule-timeout-seconds = 1\n");
    dir.file(
        "a-hang.txt",
        "Joint Statement\nPorto, 3 April 2025\n\nHANG in the text.\n",
    );
    dir.file("b-undated.txt", UNDATED);
    dir.file("c-undated.txt", UNDATED);
    let started = std::time::Instant::now();
    for format in ["concise", "json"] {
        let out = dir.run(&["check", "--format", format, "."]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        if format == "concise" {
            assert!(
                out.stderr.contains(
                    "./a-hang.txt: failure[stmtlint::rule::timeout] rule `misbehaving/hangs` ran over the time \
                     limit of 1 s on this file; it is off for the rest of the run"
                ),
                "{}",
                out.stderr
            );
            for file in ["b", "c"] {
                let finding = format!("./{file}-undated.txt:1:1: error[missing-section] statement has no date");
                assert!(out.stdout.contains(&finding), "{}", out.stdout);
            }
        } else {
            let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
            assert_eq!(report["failures"][0]["code"], "stmtlint::rule::timeout", "{report}");
            assert_eq!(report["failures"].as_array().unwrap().len(), 1, "{report}");
        }
    }
    // Two runs of a one-second limit, not an endless wait.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_plugin_corpus_rule_that_never_returns_fails_the_run_and_every_file_is_reported() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("never-judges");
    config_for(&dir, &lib, "[limits]\nrule-timeout-seconds = 1\n");
    dir.file(
        "a-judge.txt",
        "Joint Statement\nPorto, 3 April 2025\n\nJUDGE-FOREVER in the text.\n",
    );
    dir.file("b-undated.txt", UNDATED);
    let started = std::time::Instant::now();
    let out = dir.run(&["check", "--format", "concise", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "(corpus): failure[stmtlint::rule::timeout] rule `misbehaving/never-judges` ran over the time \
             limit of 1 s judging the statements together; it reports nothing in this run"
        ),
        "{}",
        out.stderr
    );
    let finding = "./b-undated.txt:1:1: error[missing-section] statement has no date";
    assert!(out.stdout.contains(finding), "{}", out.stdout);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn a_panicking_or_lying_plugin_rule_fails_its_files_and_the_rest_is_intact() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("misbehaving");
    config_for(&dir, &lib, "");
    dir.file(
        "a-panic.txt",
        "Joint Statement\nPorto, 3 April 2025\n\nPANIC in the text.\n",
    );
    dir.file(
        "b-badspan.txt",
        "Joint Statement\nPorto, 3 April 2025\n\nBADSPAN in the text.\n",
    );
    dir.file("c-undated.txt", UNDATED);
    let out = dir.run(&["check", "--format", "concise", "."]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "./a-panic.txt: failure[stmtlint::rule::failed] rule `misbehaving/panics` panicked: index out of bounds"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("./b-badspan.txt: failure[stmtlint::rule::bad_span] rule `misbehaving/bad-span` reported a span"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("./c-undated.txt:1:1: error[missing-section] statement has no date"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stderr.contains("panicked at"),
        "no panic message leaks: {}",
        out.stderr
    );
}

#[test]
fn plugin_options_are_validated_with_the_key_underlined() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("plugin-options");
    config_for(&dir, &lib, "[rules.\"misbehaving/strict\"]\nlevle = 3\n");
    dir.file("a.txt", UNDATED);
    let out = dir.run(&["check", "a.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid options for rule `misbehaving/strict`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("4 │ levle = 3"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("unknown key `levle`; the keys here are `severity`, `level`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_plugin_that_cannot_be_loaded_is_reported_at_its_config_line() {
    let dir = Dir::new("plugin-missing");
    dir.file("stmtlint.toml", "[[plugins]]\npath = \"build/libnothing.so\"\n");
    insta::assert_snapshot!(dir.config_error());
}

#[test]
fn two_plugins_with_one_name_are_refused() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("plugin-twice");
    let path = format!("{:?}", lib.display().to_string());
    dir.file(
        "stmtlint.toml",
        &format!("[[plugins]]\npath = {path}\n\n[[plugins]]\npath = {path}\n"),
    );
    let out = dir.run(&["rules"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("stmtlint::plugin::duplicate_rule"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("rule `misbehaving/panics`"), "{}", out.stderr);
}

#[test]
fn no_plugins_skips_the_settings_and_suppressions_of_plugin_rules() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("no-plugins-settings");
    config_for(&dir, &lib, "[rules.\"misbehaving/strict\"]\nlevel = 3\n");
    dir.file(
        "a.md",
        "<!-- stmtlint-disable-file misbehaving/panics -->\nJoint Statement\nPorto, 3 April 2025\n\nText.\n",
    );
    let out = dir.run(&["check", "--no-plugins", "--format", "concise", "a.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "", "no unknown-rule finding for the plugin's suppression");
    assert!(
        out.stderr
            .contains("note: --no-plugins: the settings of `misbehaving/strict` are skipped"),
        "{}",
        out.stderr
    );
}

#[test]
fn plugin_check_takes_a_library_in_the_working_directory_without_dot_slash() {
    let lib = common::build_cdylib("stmtlint_misbehaving_plugin");
    let dir = Dir::new("plugin-check-bare");
    let name = lib.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::copy(&lib, dir.path.join(&name)).unwrap();
    let out = dir.run(&["plugin", "check", &name]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("misbehaving "), "{}", out.stdout);
}

//! CI reports and gating: SARIF, GitHub workflow commands, JUnit, `--output` pairs,
//! and the exit-code matrix of `--fail-on`, `--max-warnings` and `--output`.

use crate::util::{CLEAN, Dir, UNDATED};

/// A dated statement with one warning: the dateline's `Washington, DC` against the
/// body's `Washington, D.C.`.
const ONE_WARNING: &str = "Joint Statement on Fisheries\nWashington, DC, 3 April 2025\n\nThe delegations met in Washington, D.C. and agreed to exchange data.\n";

fn project(name: &str) -> Dir {
    let dir = Dir::new(name);
    dir.file("clean.txt", CLEAN);
    dir.file("drafts/undated.txt", UNDATED);
    dir.file("drafts/warned, 100%.txt", ONE_WARNING);
    dir
}

#[test]
fn sarif_describes_the_rules_and_locates_results_relative_to_the_root() {
    let dir = project("reports-sarif");
    std::fs::create_dir_all(dir.path.join(".git")).unwrap();
    let out = dir.run(&["check", "--format", "sarif", "--as-of", "2026-11-22", "."]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "inconsistent-name",
            "missing-section",
            "spelling-variety",
            "undefined-acronym",
            "date-consistency",
            "unfulfilled-follow-up",
            "ordinal-sequence",
            "unused-suppression",
            "placeholder",
            "repeated-word",
            "tracking-link",
            "mojibake"
        ]
    );
    for rule in rules {
        for key in [
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(!rule[key].is_null(), "{key} missing in {rule}");
        }
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{results:?}");
    let undated = results.iter().find(|r| r["ruleId"] == "missing-section").unwrap();
    assert_eq!(undated["level"], "error");
    assert_eq!(undated["message"]["text"], "statement has no date");
    let location = &undated["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "drafts/undated.txt");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "SRCROOT");
    assert_eq!(location["region"]["startLine"], 1);
    assert_eq!(
        rules[undated["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "missing-section"
    );
    let warned = results.iter().find(|r| r["ruleId"] == "inconsistent-name").unwrap();
    assert_eq!(warned["level"], "warning");
    assert_eq!(
        warned["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "drafts/warned%2C%20100%25.txt"
    );
    // A text source's fix is a replacement of the finding's region.
    let replacement = &warned["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "Washington, DC");
    assert_eq!(replacement["deletedRegion"]["startLine"], 4);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn github_commands_annotate_each_finding_with_escaped_properties() {
    let dir = project("reports-github");
    let out = dir.run(&["check", "--format", "github", "--as-of", "2026-11-22", "drafts"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(
        lines.contains(&"::error file=drafts/undated.txt,line=1,col=1,endLine=1,endColumn=29,title=missing-section::statement has no date"),
        "{}",
        out.stdout
    );
    let warning = lines.iter().find(|l| l.starts_with("::warning ")).unwrap();
    assert!(
        warning.starts_with("::warning file=drafts/warned%2C 100%25.txt,line=4,"),
        "{warning}"
    );
    assert!(warning.contains(",title=inconsistent-name::"), "{warning}");
}

#[test]
fn junit_has_a_suite_per_file_a_failure_per_finding_and_passing_clean_files() {
    let dir = project("reports-junit");
    let out = dir.run(&["check", "--format", "junit", "--as-of", "2026-11-22", "."]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let xml = &out.stdout;
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stmtlint\" tests=\"3\" failures=\"2\" errors=\"0\">"), "{xml}");
    assert_eq!(xml.matches("<testsuite ").count(), 3, "{xml}");
    assert!(xml.contains("<testsuite name=\"./clean.txt\" tests=\"1\" failures=\"0\" errors=\"0\">\n    <testcase name=\"stmtlint\" classname=\"./clean.txt\"/>"), "{xml}");
    assert!(xml.contains("<testcase name=\"missing-section at 1:1\" classname=\"./drafts/undated.txt\">\n      <failure message=\"statement has no date\" type=\"missing-section\">"), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 2);
    assert!(xml.trim_end().ends_with("</testsuites>"));
}

/// `log` is valid against the official SARIF 2.1.0 schema; the error lists every
/// place where it is not.
fn validate_sarif(log: &serde_json::Value) -> Result<(), String> {
    let path = crate::util::root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    crate::util::validate_json(schema, log)
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let dir = project("reports-sarif-schema");
    // A finding with a fix, one without, a clean file, and a file that fails.
    dir.file("broken.txt", "\u{0}\u{1}\u{2}\u{3}");
    std::fs::write(dir.path.join("bad.txt"), [0xff, 0xfe, 0x00, 0xd8, 0x00]).unwrap();
    let out = dir.run(&["check", "--format", "sarif", "--as-of", "2026-11-22", "."]);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        log["runs"][0]["results"].as_array().is_some_and(|r| r.len() >= 2),
        "{log}"
    );
    assert!(out.stdout.contains("\"fixes\""), "{}", out.stdout);
    validate_sarif(&log).unwrap();
    // The validator does reject what breaks the schema.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(validate_sarif(&broken).is_err());
}

#[test]
fn output_writes_each_report_to_its_file_and_keeps_the_exit_code() {
    let dir = project("reports-output");
    let out = dir.run(&[
        "check",
        "--format",
        "sarif",
        "--output",
        "report.sarif",
        "--format",
        "concise",
        "--as-of",
        "2026-11-22",
        ".",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("drafts/undated.txt:1:1: error[missing-section]"),
        "{}",
        out.stdout
    );
    let sarif = std::fs::read_to_string(dir.path.join("report.sarif")).unwrap();
    assert!(sarif.contains("\"version\": \"2.1.0\""));
    // Only the human report goes to stdout with a summary; a file of it has no colours.
    let out = dir.run(&["check", "--output", "report.txt", "--as-of", "2026-11-22", "clean.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("0 errors, 0 warnings, 0 infos in 1 file"));
    // Two reports cannot share stdout, nor one format two files.
    let out = dir.run(&["check", "--format", "json", "--format", "sarif", "."]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("only one report can go to standard output"),
        "{}",
        out.stderr
    );
    let out = dir.run(&["check", "--format", "json", "--output", "a", "--output", "b", "."]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("two --output files for one --format"),
        "{}",
        out.stderr
    );
    // A report that cannot be written is an error naming the file.
    let out = dir.run(&["check", "--output", "no/such/dir/r.txt", "clean.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("cannot write the report to no/such/dir/r.txt"),
        "{}",
        out.stderr
    );
}

#[test]
fn exit_codes_follow_fail_on_and_max_warnings() {
    let dir = project("reports-exit");
    let code = |args: &[&str]| {
        let mut all = vec!["check", "--format", "concise", "--as-of", "2026-11-22"];
        all.extend_from_slice(args);
        dir.run(&all).code
    };
    let warned = "drafts/warned, 100%.txt";
    // (arguments, exit code): one warning, no error.
    let matrix: &[(&[&str], i32)] = &[
        (&[warned], 0),
        (&["--fail-on", "warning", warned], 1),
        (&["--fail-on", "info", warned], 1),
        (&["--fail-on", "never", warned], 0),
        (&["--max-warnings", "0", warned], 1),
        (&["--max-warnings", "1", warned], 0),
        (&["--fail-on", "never", "--max-warnings", "0", warned], 1),
        (
            &["--fail-on", "warning", "--output", "r.json", "--format", "json", warned],
            1,
        ),
        (&["drafts/undated.txt"], 1),
        (&["--fail-on", "never", "drafts/undated.txt"], 0),
        (&["--output", "r.txt", "drafts/undated.txt"], 1),
        (&["clean.txt"], 0),
        (&["--max-warnings", "0", "clean.txt"], 0),
        (&["--fail-on", "never", "missing.txt"], 2),
    ];
    for (args, expected) in matrix {
        assert_eq!(code(args), *expected, "{args:?}");
    }
}

#[test]
fn github_paths_are_relative_to_the_repository_root_from_any_folder() {
    let dir = project("reports-github-root");
    std::fs::create_dir_all(dir.path.join(".git")).unwrap();
    let out = crate::util::run_in(
        &dir.path.join("drafts"),
        &["check", "--format", "github", "undated.txt"],
    );
    assert_eq!(
        out.stdout,
        "::error file=drafts/undated.txt,line=1,col=1,endLine=1,endColumn=29,title=missing-section::statement has no date\n"
    );
}

#[test]
fn concise_keeps_each_finding_on_one_line() {
    let dir = Dir::new("concise-one-line");
    // The name runs over a line break: the message quotes it.
    dir.file(
        "a.txt",
        "Joint Statement\nPorto, 3 April 2025\n\nA free Indo-Pacific and an open Indo\nPacific region.\n",
    );
    let out = dir.run(&["check", "--format", "concise", "a.txt"]);
    assert_eq!(
        out.stdout,
        "a.txt:4:33: warning[inconsistent-name] `Indo\\nPacific` is written `Indo-Pacific` elsewhere in this statement\n"
    );
}

#[test]
fn two_reports_into_one_file_is_an_error() {
    let dir = project("reports-same-output");
    for second in ["out.json", "./out.json"] {
        let out = dir.run(&[
            "check", "--format", "json", "--output", "out.json", "--format", "sarif", "--output", second,
        ]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("two reports would be written to"), "{}", out.stderr);
    }
}

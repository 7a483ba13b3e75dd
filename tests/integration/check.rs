use crate::util::{CLEAN, Dir, UNDATED};

#[test]
fn clean_statement_exits_0() {
    let dir = Dir::new("clean");
    dir.file("clean.txt", CLEAN);
    let out = dir.run(&["check", "clean.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("0 errors, 0 warnings, 0 infos in 1 file"));
}

#[test]
fn undated_statement_is_an_error_and_exits_1() {
    let dir = Dir::new("undated");
    dir.file("undated.txt", UNDATED);
    let out = dir.run(&["check", "undated.txt"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("missing-section"), "{}", out.stdout);
    assert!(out.stdout.contains("statement has no date"));
    // The human report shows the statement's own line.
    assert!(
        out.stdout.contains("1 │ Joint Statement on Fisheries"),
        "{}",
        out.stdout
    );
}

#[test]
fn missing_path_exits_2_and_the_rest_is_still_linted() {
    let dir = Dir::new("missing");
    dir.file("undated.txt", UNDATED);
    let out = dir.run(&["check", "--format", "concise", "nope.txt", "undated.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("nope.txt: failure[stmtlint::io::not_found] no such file or directory"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("undated.txt:1:1: error[missing-section] statement has no date")
    );
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = Dir::new("fail-on");
    dir.file("undated.txt", UNDATED);
    dir.file("stmtlint.toml", "[rules.missing-section]\nseverity = \"warning\"\n");
    assert_eq!(dir.run(&["check", "undated.txt"]).code, 0);
    assert_eq!(dir.run(&["check", "--fail-on", "warning", "undated.txt"]).code, 1);
    assert_eq!(dir.run(&["check", "--fail-on", "info", "undated.txt"]).code, 1);
    assert_eq!(dir.run(&["check", "--fail-on", "never", "undated.txt"]).code, 0);
}

#[test]
fn bad_arguments_exit_2() {
    let dir = Dir::new("bad-args");
    assert_eq!(dir.run(&["check", "--fail-on", "sometimes"]).code, 2);
    let out = dir.run(&["check", "--as-of", "2026-13-01"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("YYYY-MM-DD"));
}

#[test]
fn json_report_follows_the_contract() {
    let dir = Dir::new("json");
    dir.file("a/undated.txt", UNDATED);
    dir.file("a/clean.txt", CLEAN);
    dir.file("a/binary.txt", "\u{0}\u{1}\u{2}");
    let out = dir.run(&["check", "--format", "json", "a"]);
    assert_eq!(out.code, 2);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 3, "errors": 1, "warnings": 0, "infos": 0, "failures": 1})
    );
    let d = &json["diagnostics"][0];
    assert_eq!(d["path"], "a/undated.txt");
    assert_eq!(d["rule"], "missing-section");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "statement has no date");
    assert!(d["help"].is_string());
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(1)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(1), Some(29)));
    assert_eq!(d["page"], serde_json::Value::Null);
    assert_eq!(d["text"], "Joint Statement on Fisheries");
    assert_eq!(d["labels"], serde_json::json!([]));
    assert_eq!(d["fix"], serde_json::Value::Null);
    let f = &json["failures"][0];
    assert_eq!(f["path"], "a/binary.txt");
    assert_eq!(f["code"], "stmtlint::source::text::binary");
    assert!(f["message"].as_str().unwrap().contains("binary"));
}

#[test]
fn discovery_skips_hidden_ignored_and_unclaimed_files_and_expands_globs() {
    let dir = Dir::new("discovery");
    dir.file("drafts/one.txt", UNDATED);
    dir.file("drafts/nested/two.md", UNDATED);
    dir.file("drafts/.hidden.txt", UNDATED);
    dir.file("drafts/ignored.txt", UNDATED);
    dir.file("drafts/.stmtlintignore", "ignored.txt\n");
    dir.file("drafts/README.md", UNDATED);
    dir.file("drafts/data.json", "{}");
    let out = dir.run(&["check", "--format", "concise", "drafts"]);
    let paths: Vec<&str> = out.stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(paths, ["drafts/nested/two.md", "drafts/one.txt"]);
    assert!(
        out.stderr.contains("skipped 1 file that no source reads (1 .json)"),
        "{}",
        out.stderr
    );

    // Glob patterns are expanded by stmtlint itself.
    let out = dir.run(&["check", "--format", "concise", "drafts/**/*.md"]);
    let paths: Vec<&str> = out.stdout.lines().map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(paths, ["drafts/README.md", "drafts/nested/two.md"]);
}

#[test]
fn undecodable_file_is_a_failure_naming_the_cause() {
    let dir = Dir::new("undecodable");
    let path = dir.path.join("broken.txt");
    std::fs::write(&path, b"\xEF\xBB\xBFok \xFF\xFE broken").unwrap();
    let out = dir.run(&["check", "broken.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("broken.txt: the file is not valid UTF-8 text"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("stmtlint::source::text::undecodable"));
    assert!(out.stdout.is_empty(), "failures are errors, on stderr: {}", out.stdout);
}

#[test]
fn a_progress_bar_only_on_a_terminal_and_never_with_quiet() {
    let dir = crate::util::Dir::new("progress");
    for i in 0..60 {
        dir.file(&format!("s{i:02}.txt"), crate::util::CLEAN);
    }
    // Piped: no progress, the summary line only.
    let out = dir.run(&["check", "."]);
    assert!(!out.stderr.contains("/60 files"), "{}", out.stderr);
    assert!(out.stderr.contains("in 60 files"), "{}", out.stderr);
    let out = dir.run(&["check", "--quiet", "."]);
    assert_eq!(out.stderr, "");
    // On a terminal (through `script`, which gives the command a pseudo-terminal).
    let exe = env!("CARGO_BIN_EXE_stmtlint");
    let typescript = dir.path.join("typescript");
    let run = |args: &str| {
        std::process::Command::new("script")
            .args(["-qc", &format!("{exe} check {args} . > /dev/null")])
            .arg(&typescript)
            .current_dir(&dir.path)
            .env("NO_COLOR", "1")
            .output()
    };
    if !run("").is_ok_and(|o| o.status.success()) {
        println!("skipped the terminal half: `script` (util-linux) is missing or has no pseudo-terminal");
        return;
    }
    let shown = std::fs::read_to_string(&typescript).unwrap_or_default();
    assert!(shown.contains("/60 files"), "{shown}");
    run("--quiet").unwrap();
    let shown = std::fs::read_to_string(&typescript).unwrap_or_default();
    assert!(!shown.contains("/60 files"), "{shown}");
}

#[test]
fn utf8_with_one_stray_byte_fails_by_name_instead_of_being_read_as_a_legacy_encoding() {
    // One `\xff` in a UTF-8 statement once made the whole file windows-1257:
    // quotes garbled, a finding lost, exit 0.
    let dir = Dir::new("stray-byte");
    let mut bytes = "Joint Statement on Fisheries\nPorto, 3 April 2025\n\n“The delegations” met in Washington, DC and Washington, D.C.\n"
        .as_bytes()
        .to_vec();
    bytes.insert(60, 0xff);
    std::fs::write(dir.path.join("a.txt"), &bytes).unwrap();
    dir.file("b.txt", UNDATED);
    let out = dir.run(&["check", "--format", "concise", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "./a.txt: failure[stmtlint::source::text::invalid_utf8] the file is UTF-8 but for 1 invalid byte sequence: byte 60 (line 4)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("./b.txt:1:1: error[missing-section]"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("1 file could not be checked"), "{}", out.stderr);
}

#[test]
fn streams_quiet_and_verbose() {
    let dir = Dir::new("streams");
    dir.file("stmtlint.toml", "[rules.missing-section]\nseverity = \"warning\"\n");
    dir.file("a.txt", UNDATED);
    // concise: findings on stdout, the summary line on stderr.
    let out = dir.run(&["check", "--format", "concise", "a.txt"]);
    assert_eq!(
        out.stdout,
        "a.txt:1:1: warning[missing-section] statement has no date\n"
    );
    assert_eq!(out.stderr, "0 errors, 1 warning, 0 infos in 1 file\n");
    // -v names the config in force.
    let out = dir.run(&["check", "-v", "--format", "concise", "a.txt"]);
    assert!(
        out.stderr.contains("note: using the config ") && out.stderr.contains("streams/stmtlint.toml\n"),
        "{}",
        out.stderr
    );
    // -q: nothing on stderr, not even the counts of a baseline or of fixes.
    for args in [
        &["check", "-q", "--write-baseline", "b.json", "a.txt"][..],
        &["check", "-q", "--baseline", "b.json", "a.txt"],
        &["check", "-q", "--fix", "a.txt"],
        &["check", "-q", "--diff", "a.txt"],
        &["check", "-q", "--format", "concise", "a.txt"],
    ] {
        let out = dir.run(args);
        assert_eq!(out.stderr, "", "{args:?}");
    }
    // Without -q the baseline says what it did.
    let out = dir.run(&["check", "--baseline", "b.json", "a.txt"]);
    assert!(
        out.stderr.contains("1 known findings hidden by the baseline"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_folder_with_no_statement_is_a_warning() {
    let dir = Dir::new("empty");
    dir.file("sub/notes.json", "{}");
    let out = dir.run(&["check", "sub"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: no statement found in sub (stmtlint reads .txt"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_human_report_quotes_the_files_own_lines_cut_around_the_span() {
    let dir = Dir::new("human-lines");
    // An HTML page: the header said `t.html:7:1` but the snippet showed the
    // extracted text's lines, one off and with the underline at its column.
    let long = "word ".repeat(60);
    dir.file(
        "t.html",
        &format!(
            "<!DOCTYPE html>\n<html><body><main>\n<h1>Joint Statement on Fisheries</h1>\n\
             <p>Washington, DC, 3 April 2025</p>\n\n<p>The delegations met in\n\
             Washington, D.C. and agreed. {long}</p>\n</main></body></html>\n"
        ),
    );
    let out = dir.run(&["check", "t.html"]);
    assert!(out.stdout.contains("╭─[t.html:7:1]"), "{}", out.stdout);
    assert!(
        out.stdout.contains(" 6 │ <p>The delegations met in\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(" 7 │ Washington, D.C. and agreed. word word"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("   · ────────────────\n"),
        "the underline is under the name: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains(" 4 │ <p>Washington, DC, 3 April 2025</p>"),
        "{}",
        out.stdout
    );
    // The 330-character line is cut after the span, not printed whole.
    let quoted = out.stdout.lines().find(|l| l.starts_with(" 7 │")).unwrap();
    assert!(quoted.ends_with('…') && quoted.chars().count() < 140, "{quoted}");

    // A PDF: the header names the page, as concise does, and quotes its lines.
    std::fs::copy(
        crate::util::root().join("tests/fixtures/pdf/statement.pdf"),
        dir.path.join("s.pdf"),
    )
    .unwrap();
    let out = dir.run(&["check", "--as-of", "2030-01-01", "s.pdf"]);
    assert!(out.stdout.contains("╭─[s.pdf:page 1:25:1]"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("25 │ ╭─▶ The two sides agreed to hold the seventh meeting"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("26 │ ╰─▶ Oslo in approximately one year’s time."),
        "{}",
        out.stdout
    );
    let concise = dir.run(&["check", "--format", "concise", "--as-of", "2030-01-01", "s.pdf"]);
    assert!(
        concise.stdout.starts_with("s.pdf:page 1:25:1: warning"),
        "{}",
        concise.stdout
    );
}

#[test]
fn json_labels_carry_the_page() {
    let dir = Dir::new("label-page");
    dir.file(
        "a.txt",
        "Joint Statement\nPorto, 3 April 2025\n\nthe US team and the U.S. team\n",
    );
    let out = dir.run(&["check", "--format", "json", "a.txt"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let label = &json["diagnostics"][0]["labels"][0];
    assert_eq!(label["text"], "US");
    assert!(label.get("page").is_some_and(serde_json::Value::is_null), "{label}");
}

#[cfg(unix)]
#[test]
fn links_fifos_and_missing_files_fail_by_their_cause() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new("paths");
    dir.file("a.txt", UNDATED);
    symlink("loop2", dir.path.join("loop1")).unwrap();
    symlink("loop1", dir.path.join("loop2")).unwrap();
    symlink("nowhere.txt", dir.path.join("dangling.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(dir.path.join("fifo.txt"))
        .status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo is part of coreutils");
    let out = dir.run(&[
        "check",
        "--format",
        "concise",
        "loop1",
        "dangling.txt",
        "fifo.txt",
        "a.txt",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for expected in [
        "loop1: failure[stmtlint::io::symlink_loop] the symbolic link leads back to itself",
        "dangling.txt: failure[stmtlint::io::dangling_link] the symbolic link points to `nowhere.txt`",
        "fifo.txt: failure[stmtlint::io::not_a_file] not a regular file",
    ] {
        assert!(out.stderr.contains(expected), "{expected}\n{}", out.stderr);
    }
    assert!(
        out.stdout.contains("a.txt:1:1: error[missing-section]"),
        "{}",
        out.stdout
    );
    // In a walk, broken links are skipped with a note under -v.
    dir.file("w/a.txt", UNDATED);
    symlink("../loop1", dir.path.join("w/l.txt")).unwrap();
    let out = dir.run(&["check", "-v", "--format", "concise", "w"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("note: w/l.txt: skipped: the symbolic link leads back to itself"),
        "{}",
        out.stderr
    );
    // The same cause, the same code, in `extract`.
    for (file, code) in [
        ("nope.txt", "stmtlint::io::not_found"),
        ("loop1", "stmtlint::io::symlink_loop"),
    ] {
        let check = dir.run(&["check", "--format", "concise", file]);
        let extract = dir.run(&["extract", file]);
        assert!(
            check.stderr.contains(code) && extract.stderr.contains(code),
            "{file}: {}{}",
            check.stderr,
            extract.stderr
        );
    }
}

#[test]
fn a_statement_can_come_from_standard_input() {
    use std::io::Write;
    let dir = Dir::new("stdin");
    let run = |args: &[&str]| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stmtlint"))
            .args(args)
            .current_dir(&dir.path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(UNDATED.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    assert_eq!(
        run(&["check", "--format", "concise", "-"]),
        (Some(1), "-:1:1: error[missing-section] statement has no date\n".into())
    );
    assert_eq!(
        run(&["check", "--format", "concise", "--stdin-filename", "drafts/x.md", "-"]),
        (
            Some(1),
            "drafts/x.md:1:1: error[missing-section] statement has no date\n".into()
        )
    );
    assert_eq!(run(&["check", "--fix", "-"]).0, Some(2));
    // `extract -` shows the model of the same statement.
    let (code, out) = run(&["extract", "--stdin-filename", "drafts/x.md", "-"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("drafts/x.md (text)\n"), "{out}");
}

#[test]
fn no_rule_fails_on_any_statement_of_the_shared_corpus() {
    // A rule that panics on one file is disabled after a few: a slice inside a
    // non-breaking space (U+00A0) once silenced two rules for half the corpus.
    let (Some(seeds), Some(real)) = (crate::util::shared_corpus("seeds"), crate::util::shared_corpus("real")) else {
        return;
    };
    let dir = Dir::new("corpus-no-rule-fails");
    let out = dir.run(&[
        "check",
        "--format",
        "concise",
        "--as-of",
        "2026-11-22",
        seeds.to_str().unwrap(),
        real.to_str().unwrap(),
    ]);
    let failed: Vec<&str> = out.stderr.lines().filter(|l| l.contains("stmtlint::rule::")).collect();
    assert!(failed.is_empty(), "rules failed: {failed:#?}");
}

#[test]
fn a_statement_on_one_long_line_is_reported_like_the_same_text_in_lines() {
    // 5,000 sentences with a minority name each, on one line and on 5,000 lines: the
    // same findings, each quoted by a short window of its line.
    let sentence = "The U.S.-EU partners and the EU-U.S. partners met again. ";
    let head = "Joint Statement\n\nWashington, March 3, 2025\n\n";
    let dir = Dir::new("long-line");
    dir.file("one.txt", &format!("{head}{}\n", sentence.repeat(5_000)));
    dir.file("many.txt", &format!("{head}{}", format!("{sentence}\n").repeat(5_000)));
    let json = |file: &str| -> serde_json::Value {
        let out = dir.run(&["check", file, "--format", "json", "--fail-on", "never"]);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let (one, many) = (json("one.txt"), json("many.txt"));
    let messages = |v: &serde_json::Value| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {}", d["rule"], d["message"]))
            .collect()
    };
    assert_eq!(messages(&one).len(), 5_000);
    assert_eq!(messages(&one), messages(&many));
    // The last finding's column on the long line: counted in characters.
    let last = one["diagnostics"].as_array().unwrap().last().unwrap().clone();
    let expected = 1 + 4_999 * sentence.chars().count() + sentence.find("EU-U.S.").unwrap();
    assert_eq!(
        (last["line"].as_u64(), last["column"].as_u64()),
        (Some(5), Some(expected as u64))
    );
    // The human report quotes a window of the line, not the line.
    let human = dir.run(&["check", "one.txt", "--fail-on", "never"]).stdout;
    let widest = human.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 300, "a quoted line of {widest} characters");
}

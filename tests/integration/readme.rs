//! The README's command examples, run as written in a project that has the files
//! they name: each must run (exit 0 or 1), never fail on its arguments.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{Dir, UNDATED, root};

/// Every `stmtlint …` line of the README's `sh` blocks (with what is piped into
/// it), without its trailing comment; lines with placeholders (`NAME`, `/path/to`)
/// or that need a plugin built first are left to the plugin tests.
fn examples() -> Vec<(Option<String>, Vec<String>)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut out = Vec::new();
    for block in readme.split("```sh\n").skip(1) {
        let block = block.split("```").next().unwrap();
        for line in block.lines() {
            let line = line.split(" # ").next().unwrap().trim();
            let (input, command) = match line.split_once(" | ") {
                Some((feed, command)) => (feed.strip_prefix("cat ").map(str::to_owned), command),
                None => (None, line),
            };
            let Some(args) = command.strip_prefix("stmtlint ") else {
                continue;
            };
            if ["NAME", "/path/to", "acme-rules", "LIB"]
                .iter()
                .any(|p| args.contains(p))
            {
                continue;
            }
            // Single quotes keep a glob from the shell; stmtlint expands it.
            let words = args
                .split_whitespace()
                .map(|w| w.trim_matches('\'').to_owned())
                .collect();
            out.push((input, words));
        }
    }
    out
}

#[test]
fn every_command_example_of_the_readme_runs_as_written() {
    let dir = Dir::new("readme");
    for (name, text) in [
        ("drafts/undated.txt", UNDATED),
        ("statement.txt", UNDATED),
        ("draft.txt", UNDATED),
        ("archive/2019/a.md", UNDATED),
    ] {
        dir.file(name, text);
    }
    let samples = dir.path.join("samples");
    for file in crate::util::walk(&root().join("samples")) {
        let to = samples.join(file.strip_prefix(root().join("samples")).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&file, to).unwrap();
    }
    let examples = examples();
    assert!(examples.len() >= 20, "{examples:?}");
    for (input, args) in examples {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stmtlint"))
            .args(&args)
            .current_dir(&dir.path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let feed = input
            .map(|f| std::fs::read(dir.path.join(f)).unwrap())
            .unwrap_or_default();
        child.stdin.take().unwrap().write_all(&feed).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "stmtlint {}: exit {:?}\n{stderr}",
            args.join(" "),
            out.status.code()
        );
    }
}

/// The `toml` block after the heading `title`.
fn toml_after(title: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find(title).unwrap()..];
    section
        .split("```toml\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn the_readme_rule_file_tests_lints_fixes_and_reaches_sarif() {
    let dir = Dir::new("readme-rules");
    dir.file("style/house.toml", &toml_after("## Writing your own rules"));
    dir.file("stmtlint.toml", "rule-files = [\"style/house.toml\"]\n");
    let out = dir.run(&["test"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("10 rules, "), "{}", out.stdout);
    dir.file(
        "drafts/a.md",
        "# Joint Statement on Energy\n\nBrussels, 3 April 2025\n\n## Cooperation on energy security\n\n\
         The meeting is TBC. We utilise the PESCO programme in Washington DC.\n",
    );
    let out = dir.run(&["check", "--format", "concise", "drafts"]);
    for expected in [
        "drafts/a.md:5:4: warning[house-heading-case] `Cooperation on energy security` is not in title case",
        "drafts/a.md:7:16: error[house-no-tbc] `TBC` must be resolved before publication",
        "drafts/a.md:7:24: warning[house-words] write `use`, not `utilise`",
        "drafts/a.md:7:36: warning[house-acronyms] `PESCO` is used but never spelled out",
        "drafts/a.md:7:55: warning[house-words] write `Washington, D.C.`, not `Washington DC`",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.stdout);
    }
    let out = dir.run(&["check", "--format", "sarif", "drafts"]);
    assert!(out.stdout.contains("\"id\": \"house-words\""), "{}", out.stdout);
    let out = dir.run(&["check", "--fix", "drafts"]);
    assert!(out.stderr.contains("fixed 2 findings in 1 file"), "{}", out.stderr);
    let fixed = std::fs::read_to_string(dir.path.join("drafts/a.md")).unwrap();
    assert!(
        fixed.contains("We use the PESCO programme in Washington, D.C."),
        "{fixed}"
    );
}

/// One rule of each kind, for a page and a PDF about the EU-Norway Energy Dialogue.
const EVERY_KIND: &str = r#"
[[rule]]
id = "k-existence"
kind = "existence"
message = "`{match}`"
tokens = ["offshore wind"]

[[rule]]
id = "k-substitution"
kind = "substitution"
message = "`{match}` -> `{replacement}`"
swap = { "digitalisation" = "digitalization" }

[[rule]]
id = "k-consistency"
kind = "consistency"
message = "`{match}` -> `{replacement}`"
either = [["Norway", "Norwegian"]]

[[rule]]
id = "k-occurrence"
kind = "occurrence"
message = "`{match}`"
tokens = ["Annex"]
max = 1

[[rule]]
id = "k-conditional"
kind = "conditional"
message = "`{match}`"
first = '\b(EU)-'
second = '\((EU)\)'

[[rule]]
id = "k-capitalization"
kind = "capitalization"
message = "`{match}` -> `{replacement}`"
scope = ["heading"]
style = "sentence"
"#;

#[test]
fn every_kind_reports_at_the_files_own_positions_in_html_and_pdf() {
    let dir = Dir::new("every-kind");
    dir.file("kinds.toml", EVERY_KIND);
    dir.file("stmtlint.toml", "rule-files = [\"kinds.toml\"]\n");
    dir.file(
        "page.html",
        "<!DOCTYPE html>\n<html><body><main>\n<h1>Joint Statement of the EU-Norway Energy Dialogue</h1>\n\
         <p>Brussels, 20 March 2019</p>\n<h2>Offshore Wind</h2>\n\
         <p>Norway and the EU stressed offshore wind.\nNorway backs the digitalisation of grids,\n\
         with Norwegian experts.</p>\n<h2>Annex</h2><p>One.</p>\n<h2>Annex</h2><p>Two.</p>\n</main></body></html>\n",
    );
    std::fs::copy(
        root().join("tests/fixtures/pdf/statement.pdf"),
        dir.path.join("statement.pdf"),
    )
    .unwrap();
    let out = dir.run(&["check", "--format", "json", "--as-of", "2019-06-01", "."]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let at = |file: &str, rule: &str| -> Vec<(Option<u64>, u64, u64, String)> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(file) && d["rule"] == rule)
            .map(|d| {
                let page = d["page"].as_u64();
                let line = d["line"].as_u64().unwrap();
                let column = d["column"].as_u64().unwrap();
                (page, line, column, d["text"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    // The page: lines and columns of the .html file.
    assert_eq!(at("page.html", "k-existence"), [(None, 6, 31, "offshore wind".into())]);
    assert_eq!(
        at("page.html", "k-substitution"),
        [(None, 7, 18, "digitalisation".into())]
    );
    assert_eq!(at("page.html", "k-consistency"), [(None, 8, 6, "Norwegian".into())]);
    assert_eq!(at("page.html", "k-occurrence"), [(None, 10, 5, "Annex".into())]);
    assert_eq!(at("page.html", "k-conditional"), [(None, 3, 28, "EU".into())]);
    assert_eq!(
        at("page.html", "k-capitalization"),
        [(None, 5, 5, "Offshore Wind".into())]
    );
    // The PDF: the page, and the line on it.
    let pdf = |rule| at("statement.pdf", rule);
    assert!(
        pdf("k-existence")
            .iter()
            .all(|f| f.0 == Some(1) && f.3 == "offshore wind"),
        "{:?}",
        pdf("k-existence")
    );
    assert!(
        pdf("k-substitution")
            .iter()
            .any(|f| f.0 == Some(1) && f.3 == "digitalisation")
    );
    assert!(pdf("k-consistency").iter().any(|f| f.3 == "Norwegian"));
    assert_eq!(pdf("k-occurrence"), [(Some(3), 2, 1, "Annex".into())]);
    assert_eq!(pdf("k-conditional")[0], (Some(1), 1, 24, "EU".into()));
    assert!(pdf("k-capitalization").contains(&(Some(1), 3, 1, "Security of Supply".into())));
}

#[test]
fn rule_files_errors_severity_suppressions_and_failing_examples() {
    let dir = Dir::new("rule-files");
    let rule = "[[rule]]\nid = \"no-tbc\"\nkind = \"existence\"\nmessage = \"`{match}`\"\ntokens = [\"TBC\"]\n";
    dir.file("style/a.toml", &format!("{rule}examples.flagged = [\"on TBD\"]\n"));
    dir.file(
        "stmtlint.toml",
        "rule-files = [\"style\"]\n[rules.no-tbc]\nseverity = \"info\"\n",
    );
    // A failing example: exit 1, named.
    let out = dir.run(&["test"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("no-tbc (style/a.toml): a `flagged` example gave no finding:\n    \"on TBD\""),
        "{}",
        out.stdout
    );
    // Severity from the config; an inline suppression hides it.
    dir.file(
        "a.md",
        "Joint Statement\n\nPorto, 3 April 2025\n\nOn TBC.\n\n<!-- stmtlint-disable-next-line no-tbc -->\nAgain TBC.\n",
    );
    let out = dir.run(&["check", "--format", "concise", "a.md"]);
    assert_eq!(
        out.stdout,
        "a.md:5:4: info[no-tbc] `TBC`\na.md:5:4: error[placeholder] drafting placeholder `TBC` left in the statement\na.md:8:7: error[placeholder] drafting placeholder `TBC` left in the statement\n"
    );
    // A rule file that names a missing folder, a broken rule, an id taken twice.
    for (config, error) in [
        (
            "rule-files = [\"nowhere\"]\n",
            "rule file `nowhere`: no such file or folder",
        ),
        (
            "rule-files = [\"style/b.toml\"]\n",
            "invalid rule `broken` in style/b.toml",
        ),
        ("rule-files = [\"style/a.toml\", \"style/c.toml\"]\n", "no-tbc"),
        ("rule-files = [\"style/d.toml\"]\n", "placeholder"),
    ] {
        dir.file(
            "style/b.toml",
            "[[rule]]\nid = \"broken\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = ['(']\n",
        );
        dir.file("style/c.toml", rule);
        dir.file("style/d.toml", &rule.replace("no-tbc", "placeholder"));
        dir.file("stmtlint.toml", config);
        let out = dir.run(&["check", "a.md"]);
        assert_eq!(out.code, 2, "{config}: {}", out.stderr);
        assert!(out.stderr.contains(error), "{config}: {}", out.stderr);
    }
}

//! Inline suppressions in text, Markdown and HTML, over document and corpus rules,
//! and the `unused-suppression` findings.

use crate::util::Dir;

/// The rule and line of each diagnostic of a JSON report.
fn found(stdout: &str) -> Vec<(String, u64)> {
    crate::util::fields(stdout, &["rule", "line"])
        .into_iter()
        .map(|f| (f[0].clone(), f[1].parse().unwrap()))
        .collect()
}

fn check(dir: &Dir, file: &str) -> Vec<(String, u64)> {
    let out = dir.run(&["check", "--format", "json", "--as-of", "2026-11-22", file]);
    assert!(out.code < 2, "{}", out.stderr);
    found(&out.stdout)
}

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(r, l)| ((*r).to_owned(), *l)).collect()
}

/// Two name findings (lines 5 and 7: `D.C.` twice against `DC`, also twice and first)
/// and an unkept promise (line 9), dated 2014.
const STATEMENT: &str = "Joint Statement of the EU-Norway Fisheries Dialogue\nWashington, DC, 3 April 2014\n\n\
The delegations met in Porto and in Washington, DC.\n\
They met again in Washington, D.C. in May.\n\n\
The Washington, D.C. office agreed to exchange data.\n\n\
The delegations will convene the next meeting of the Dialogue in 2015.\n";

#[test]
fn markdown_comments_hide_findings_of_document_and_corpus_rules() {
    let dir = Dir::new("suppress-md");
    dir.file("plain.md", STATEMENT);
    assert_eq!(
        check(&dir, "plain.md"),
        pairs(&[
            ("inconsistent-name", 5),
            ("inconsistent-name", 7),
            ("unfulfilled-follow-up", 9)
        ])
    );
    let lines: Vec<&str> = STATEMENT.lines().collect();
    let suppressed = [
        &lines[..4],
        &["<!-- stmtlint-disable-next-line inconsistent-name -- the dateline is the site's -->"],
        &lines[4..8],
        &["<!-- stmtlint-disable-file unfulfilled-follow-up -->"],
        &lines[8..],
    ]
    .concat()
    .join("\n");
    dir.file("suppressed.md", &suppressed);
    // The comment lines are not statement text: the title and dateline still stand.
    assert_eq!(check(&dir, "suppressed.md"), pairs(&[("inconsistent-name", 8)]));
}

#[test]
fn disable_and_enable_bracket_lines_in_plain_text() {
    let dir = Dir::new("suppress-txt");
    let text = STATEMENT.replace("They met again", "stmtlint-disable inconsistent-name\nThey met again");
    let text = text.replace("\nThe Washington", "stmtlint-enable inconsistent-name\nThe Washington");
    dir.file("a.txt", &text);
    // Line 6 is hidden; the enable takes the blank line 7, so line 8 is read again.
    assert_eq!(
        check(&dir, "a.txt"),
        pairs(&[("inconsistent-name", 8), ("unfulfilled-follow-up", 10)])
    );
}

#[test]
fn html_comments_hide_findings_on_the_lines_of_the_page() {
    let dir = Dir::new("suppress-html");
    let page = "<!DOCTYPE html>\n<html><head><title>Fisheries</title></head><body><main>\n\
<h1>Joint Statement on Fisheries</h1>\n<p>Washington, DC, 3 April 2025</p>\n\
<!-- stmtlint-disable-next-line inconsistent-name -->\n\
<p>The delegations met in Washington, D.C. and agreed to exchange data.</p>\n\
</main></body></html>\n";
    dir.file("a.html", page);
    assert!(check(&dir, "a.html").is_empty());
    dir.file(
        "b.html",
        &page.replace("<!-- stmtlint-disable-next-line inconsistent-name -->\n", ""),
    );
    assert_eq!(check(&dir, "b.html"), pairs(&[("inconsistent-name", 5)]));
}

#[test]
fn suppressions_that_hide_nothing_are_reported() {
    let dir = Dir::new("suppress-unused");
    let text = format!(
        "<!-- stmtlint-disable-file missing-section, no-such-rule -->\n{STATEMENT}\n<!-- stmtlint-disable -->\n"
    );
    dir.file("a.md", &text);
    let out = dir.run(&["check", "--format", "json", "--as-of", "2026-11-22", "a.md"]);
    assert_eq!(out.code, 0, "warnings only: {}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let unused: Vec<(&str, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unused-suppression")
        .map(|d| (d["message"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        unused,
        [
            ("suppression names no rule stmtlint has: `no-such-rule`", 1),
            ("suppression hides no finding", 12)
        ]
    );
    // SARIF describes the rule its results name.
    let out = dir.run(&["check", "--format", "sarif", "--as-of", "2026-11-22", "a.md"]);
    assert!(out.stdout.contains("\"id\": \"unused-suppression\""), "{}", out.stdout);
}

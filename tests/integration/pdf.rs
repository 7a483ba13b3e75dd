//! PDF end to end: extraction in worker processes, page positions, and a run that
//! survives every malformed file.

use crate::util::{Dir, root, run_in, walk};

const STATEMENT: &str = "tests/fixtures/pdf/statement.pdf";

#[test]
fn extract_a_two_page_statement() {
    let out = run_in(root(), &["extract", "--format", "json", STATEMENT]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["format"], "pdf");
    assert_eq!(
        json["metadata"]["title"],
        "Joint Statement of the EU-Norway Energy Dialogue"
    );
    assert_eq!(json["metadata"]["date"], "2019-03-20");
    assert_eq!(json["metadata"]["place"], "Brussels");
    let blocks = json["blocks"].as_array().unwrap();
    let kind = |k: &str| {
        blocks
            .iter()
            .filter(|b| b["kind"] == k)
            .map(|b| b["text"].as_str().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kind("heading"),
        [
            "Security of Supply",
            "Offshore Wind",
            "Research and Innovation",
            "Annex: Participants",
            "Annex: Next Steps"
        ]
    );
    // The running header (pages 2 and 3) and the page numbers are boilerplate.
    assert_eq!(
        kind("boilerplate")
            .iter()
            .filter(|t| t.starts_with("EU-NORWAY ENERGY DIALOGUE"))
            .count(),
        2
    );
    assert_eq!(kind("boilerplate").iter().filter(|t| t.starts_with("Page ")).count(), 3);
    // Words hyphenated across lines are joined; prefixes keep their hyphen.
    let body = kind("paragraph").join(" ");
    assert!(
        body.contains("Energy Dialogue in Brussels") && body.contains("prepare recommendations"),
        "{body}"
    );
    assert!(body.contains("co-chairs"), "{body}");
    let annex = blocks.iter().find(|b| b["text"] == "Annex: Next Steps").unwrap();
    assert_eq!((annex["page"].as_u64(), annex["line"].as_u64()), (Some(3), Some(2)));
}

#[test]
fn a_finding_in_a_pdf_reports_its_page() {
    let dir = Dir::new("pdf-page");
    dir.file(
        "stmtlint.toml",
        "[rules.missing-section]\nrequired = [{ name = \"Human Rights\" }]\n",
    );
    std::fs::copy(root().join(STATEMENT), dir.path.join("statement.pdf")).unwrap();
    let out = dir.run(&["check", "--format", "json", "statement.pdf"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["message"], "required section `Human Rights` is missing");
    assert_eq!((d["page"].as_u64(), d["line"].as_u64()), (Some(1), Some(1)));
    let concise = dir.run(&["check", "--format", "concise", "statement.pdf"]).stdout;
    assert!(
        concise.starts_with("statement.pdf:page 1:1:1: error[missing-section]"),
        "{concise}"
    );
}

#[test]
fn bad_pdfs_fail_one_by_one_with_their_cause() {
    let dir = Dir::new("pdf-bad");
    std::fs::copy(root().join(STATEMENT), dir.path.join("a-good.pdf")).unwrap();
    dir.file("b-truncated.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog");
    dir.file("c-not-a-pdf.pdf", "Joint Statement, but not a PDF");
    let bytes = std::fs::read(root().join(STATEMENT)).unwrap();
    std::fs::write(dir.path.join("d-cut.pdf"), &bytes[..bytes.len() / 2]).unwrap();
    // As of a day its promise to meet again is still pending, the good PDF is clean.
    let out = dir.run(&["check", "--format", "concise", "--as-of", "2019-06-01", "."]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("./b-truncated.pdf: failure[stmtlint::source::pdf::malformed]"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("./c-not-a-pdf.pdf: failure[stmtlint::source::pdf::not_pdf] the file is not a PDF"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("./d-cut.pdf: failure[stmtlint::source::pdf::"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stdout.contains("a-good.pdf"),
        "the good PDF is clean: {}",
        out.stdout
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn the_robustness_corpus_never_takes_the_run_down() {
    let Some(corpus) = crate::util::shared_corpus("pdf-robustness") else {
        return;
    };
    let out = run_in(root(), &["check", "--format", "json", &corpus.display().to_string()]);
    assert_eq!(out.code, 2, "malformed files are failures");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let failures = json["failures"].as_array().unwrap();
    let pdfs = walk(&corpus)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    let linted: std::collections::BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let failed: std::collections::BTreeSet<&str> = failures.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(
        failures
            .iter()
            .all(|f| f["code"].as_str().unwrap().starts_with("stmtlint::source::pdf::")),
        "{failures:?}"
    );
    let accounted = linted.union(&failed).filter(|p| p.ends_with(".pdf")).count();
    assert!(
        accounted >= pdfs * 9 / 10,
        "{accounted} of {pdfs} PDFs were linted or failed with a message"
    );
}

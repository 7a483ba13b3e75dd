//! Word drafts end to end: files LibreOffice wrote (committed, and made afresh when
//! LibreOffice is on the machine), the same statement in three formats, corpus
//! rules across formats, hostile packages in a run, `--fix` and CI reports.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Dir, root, run_in};

const AS_OF: &str = "2026-11-22";

fn draft(ext: &str) -> PathBuf {
    match ext {
        "docx" => root().join("samples/drafts/energy-council-draft.docx"),
        _ => root().join(format!("tests/office/energy-council-draft.{ext}")),
    }
}

/// `(rule, line, column, message)` of each finding of `check FILES`, in report order.
fn findings(dir: &Path, files: &[&Path]) -> Vec<(String, u64, u64, String)> {
    let mut args = vec!["check", "--as-of", AS_OF, "--format", "json", "--fail-on", "never"];
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(files.iter().map(String::as_str));
    let out = run_in(dir, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn without_positions(found: &[(String, u64, u64, String)]) -> Vec<(String, String)> {
    found.iter().map(|(r, _, _, m)| (r.clone(), m.clone())).collect()
}

#[test]
fn the_word_draft_reports_its_known_defects_on_their_paragraphs() {
    for ext in ["docx", "odt"] {
        let found = findings(root(), &[&draft(ext)]);
        let pinned: Vec<(&str, u64, u64)> = found.iter().map(|(r, l, c, _)| (r.as_str(), *l, *c)).collect();
        assert_eq!(
            pinned,
            [
                ("date-consistency", 3, 49),
                ("inconsistent-name", 5, 47),
                ("spelling-variety", 5, 171),
                ("undefined-acronym", 6, 16),
                ("unfulfilled-follow-up", 12, 1),
            ],
            "{ext}: {found:#?}"
        );
        // The deleted `Ottawa` and the comment's `EU-U.S.` are not read.
        let out = run_in(
            root(),
            &["extract", &draft(ext).display().to_string(), "--format", "json"],
        );
        assert!(!out.stdout.contains("Ottawa"), "{}", out.stdout);
        assert!(!out.stdout.contains("house style"), "{}", out.stdout);
        assert!(
            out.stdout.contains("tracked changes read as accepted"),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn one_statement_as_markdown_docx_and_odt_gives_the_same_findings() {
    let md = findings(root(), &[&root().join("tests/office/energy-council-draft.md")]);
    assert_eq!(md.len(), 5, "{md:#?}");
    for ext in ["docx", "odt"] {
        assert_eq!(
            without_positions(&findings(root(), &[&draft(ext)])),
            without_positions(&md),
            "{ext}"
        );
    }
}

#[test]
fn the_human_report_quotes_the_paragraph() {
    let out = run_in(
        root(),
        &["check", "--as-of", AS_OF, &draft("docx").display().to_string()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("energy-council-draft.docx:6:16]"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains(" 6 │ They discussed SMR deployment and emphasized the role of the U.S.-EU Task Force"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_docx_promise_is_kept_by_a_later_html_statement() {
    let dir = Dir::new("office-series");
    std::fs::copy(draft("docx"), dir.path.join("2025-03-04-draft.docx")).unwrap();
    let alone = findings(&dir.path, &[Path::new(".")]);
    assert!(alone.iter().any(|f| f.0 == "unfulfilled-follow-up"), "{alone:#?}");
    dir.file(
        "2026-02-12-energy-council.html",
        "<!DOCTYPE html><html><head><title>Joint Statement on the U.S.-EU Energy Council</title></head><body>\
         <h1>Joint Statement on the U.S.-EU Energy Council</h1>\
         <p>Brussels, February 12, 2026</p>\
         <p>The U.S.-EU Energy Council met in Brussels on February 12, 2026, to review cooperation on energy \
         security, interconnectors and storage, and agreed to continue its work.</p></body></html>",
    );
    let both = findings(&dir.path, &[Path::new(".")]);
    assert!(!both.iter().any(|f| f.0 == "unfulfilled-follow-up"), "{both:#?}");
}

/// Zip packages written here: bytes that are not what their extension says.
fn hostile_files(dir: &Dir) -> Vec<(&'static str, &'static str)> {
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path.join(name), bytes).unwrap();
    let docx = std::fs::read(draft("docx")).unwrap();
    write("truncated.docx", &docx[..docx.len() / 3]);
    let mut legacy = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    legacy.resize(4096, 0);
    write("legacy.docx", &legacy);
    let mut encrypted = legacy.clone();
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    write("protected.docx", &encrypted);
    write("renamed-odt.docx", &std::fs::read(draft("odt")).unwrap());
    write("plain-text.odt", b"The U.S.-EU Council met.");
    vec![
        ("truncated.docx", "stmtlint::source::docx::corrupt"),
        ("legacy.docx", "stmtlint::source::docx::legacy"),
        ("protected.docx", "stmtlint::source::docx::encrypted"),
        ("renamed-odt.docx", "stmtlint::source::docx::missing_part"),
        ("plain-text.odt", "stmtlint::source::odt::not_zip"),
    ]
}

#[test]
fn hostile_word_files_are_failures_and_the_run_goes_on() {
    let dir = Dir::new("office-hostile");
    let expected = hostile_files(&dir);
    std::fs::copy(draft("docx"), dir.path.join("good.docx")).unwrap();
    let out = dir.run(&["check", ".", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let failures: Vec<(String, String)> = json["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().trim_start_matches("./").to_owned(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (file, code) in expected {
        assert!(
            failures.iter().any(|(p, c)| p == file && c == code),
            "{file}: {code} not in {failures:?}"
        );
    }
    let good = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with("good.docx"))
        .count();
    assert_eq!(good, 5, "{}", out.stdout);
}

#[test]
fn fix_never_edits_a_word_draft() {
    let dir = Dir::new("office-fix");
    let path = dir.path.join("draft.docx");
    std::fs::copy(draft("docx"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let out = dir.run(&["check", "draft.docx", "--as-of", AS_OF, "--fix", "--unsafe-fixes"]);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(
        out.stderr
            .contains("note: draft.docx not fixed: a .docx file is never edited"),
        "{}",
        out.stderr
    );
}

#[test]
fn sarif_regions_name_the_paragraph() {
    let out = run_in(
        root(),
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "sarif",
            &draft("odt").display().to_string(),
        ],
    );
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let lines: Vec<u64> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [3, 5, 5, 6, 12]);
}

/// `soffice`, or `None` with the reason printed; under CI (where `.ci/run` installs
/// LibreOffice) a missing one fails the test.
#[expect(clippy::print_stdout, reason = "the test runner shows why a test did nothing")]
fn soffice() -> Option<&'static str> {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some("soffice");
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "LibreOffice (`soffice`) is missing under CI, where .ci/run installs it"
    );
    println!("skipped: LibreOffice (`soffice`) is not installed");
    None
}

#[test]
fn libreoffice_makes_the_drafts_afresh_with_the_same_findings() {
    let Some(soffice) = soffice() else { return };
    let dir = Dir::new("office-soffice");
    for ext in ["docx", "odt"] {
        let status = Command::new(soffice)
            .args(["--headless", "--convert-to", ext, "--outdir"])
            .arg(&dir.path)
            .arg(root().join("tests/office/energy-council-draft.fodt"))
            // A profile of its own: no clash with a LibreOffice the user runs.
            .arg(format!("-env:UserInstallation=file://{}/profile", dir.path.display()))
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        let made = dir.path.join(format!("energy-council-draft.{ext}"));
        assert_eq!(findings(root(), &[&made]), findings(root(), &[&draft(ext)]), "{ext}");
    }
}

#[test]
fn a_directive_paragraph_suppresses_the_next_paragraph() {
    let Some(soffice) = soffice() else { return };
    let dir = Dir::new("office-suppress");
    let fodt = std::fs::read_to_string(root().join("tests/office/energy-council-draft.fodt")).unwrap();
    let with_directive = fodt.replacen(
        "<text:p text:style-name=\"Standard\">They discussed SMR",
        "<text:p text:style-name=\"Standard\">stmtlint-disable-next-line undefined-acronym</text:p>\
         <text:p text:style-name=\"Standard\">They discussed SMR",
        1,
    );
    assert_ne!(with_directive, fodt);
    dir.file("suppressed.fodt", &with_directive);
    let status = Command::new(soffice)
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&dir.path)
        .arg(dir.path.join("suppressed.fodt"))
        .arg(format!("-env:UserInstallation=file://{}/profile", dir.path.display()))
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let found = findings(&dir.path, &[Path::new("suppressed.docx")]);
    let rules: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        rules,
        [
            "date-consistency",
            "inconsistent-name",
            "spelling-variety",
            "unfulfilled-follow-up"
        ],
        "{found:#?}"
    );
}

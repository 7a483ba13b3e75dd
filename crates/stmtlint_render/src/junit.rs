//! JUnit XML, as CI servers read test results: one test suite per file linted, one
//! failed test case per finding, one passing case for a clean file, and an errored
//! case for a file that could not be linted.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use stmtlint_engine::{Diagnostic, Failure, Findings};

/// Writes the JUnit report, one file's findings at a time.
pub fn render(report: &dyn Findings, out: &mut dyn Write) -> io::Result<()> {
    // Every file linted, then any path only a finding or failure names, in order.
    let mut failed: BTreeMap<&str, Vec<&Failure>> = BTreeMap::new();
    for f in report.failures() {
        failed.entry(&f.path).or_default().push(f);
    }
    let mut names: BTreeSet<&str> = report.paths().iter().map(String::as_str).collect();
    names.extend(failed.keys());
    let with_findings: BTreeSet<&str> = report.finding_paths().collect();
    names.extend(&with_findings);
    let summary = report.summary();
    let findings = summary.errors + summary.warnings + summary.infos;
    let failures = summary.failures;
    // A file with nothing to report is one passing test case.
    let clean = names
        .iter()
        .filter(|n| !with_findings.contains(*n) && !failed.contains_key(*n))
        .count();
    let tests = findings + failures + clean;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="stmtlint" tests="{tests}" failures="{findings}" errors="{failures}">"#
    )?;
    let mut files = report.files().peekable();
    for name in names {
        // The findings of this path (two files may go by one name).
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let here = |f: &std::io::Result<std::borrow::Cow<'_, [Diagnostic]>>| match f {
            Ok(f) => f.first().is_some_and(|d| d.path == name),
            Err(_) => true,
        };
        while let Some(file) = files.next_if(here) {
            diagnostics.extend(file?.into_owned());
        }
        suite(out, name, &diagnostics, failed.get(name).map_or(&[], Vec::as_slice))?;
    }
    writeln!(out, "</testsuites>")
}

/// One file's test suite.
fn suite(out: &mut dyn Write, path: &str, diagnostics: &[Diagnostic], failed: &[&Failure]) -> io::Result<()> {
    let path = escape(path);
    writeln!(
        out,
        r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="{}">"#,
        (diagnostics.len() + failed.len()).max(1),
        diagnostics.len(),
        failed.len()
    )?;
    if diagnostics.is_empty() && failed.is_empty() {
        writeln!(out, r#"    <testcase name="stmtlint" classname="{path}"/>"#)?;
    }
    for d in diagnostics {
        let at = match d.page {
            Some(page) => format!("page {page}, {}:{}", d.region.line, d.region.column),
            None => format!("{}:{}", d.region.line, d.region.column),
        };
        writeln!(
            out,
            r#"    <testcase name="{} at {at}" classname="{path}">"#,
            escape(&d.rule)
        )?;
        let mut detail = format!("{}: {} at {at}: {}", d.severity.as_str(), d.rule, d.message);
        if let Some(help) = &d.help {
            detail.push_str("\nhelp: ");
            detail.push_str(help);
        }
        writeln!(
            out,
            r#"      <failure message="{}" type="{}">{}</failure>"#,
            escape(&d.message),
            escape(&d.rule),
            escape(&detail)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    for f in failed {
        writeln!(out, r#"    <testcase name="{}" classname="{path}">"#, escape(&f.code))?;
        writeln!(
            out,
            r#"      <error message="{}" type="{}"/>"#,
            escape(&f.message),
            escape(&f.code)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

/// Text for an XML attribute or element: markup characters as entities, and the
/// control characters XML 1.0 cannot hold dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

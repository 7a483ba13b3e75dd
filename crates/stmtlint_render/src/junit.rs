//! JUnit XML, as CI servers read test results: one test suite per file linted, one
//! failed test case per finding, one passing case for a clean file, and an errored
//! case for a file that could not be linted.

use std::collections::BTreeMap;
use std::io::{self, Write};

use stmtlint_engine::{Diagnostic, Failure, Report};

/// Writes the JUnit report.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Every file linted, then any path only a finding or failure names, in order.
    let mut suites: BTreeMap<&str, (Vec<&Diagnostic>, Vec<&Failure>)> =
        report.paths.iter().map(|p| (p.as_str(), Default::default())).collect();
    for d in &report.diagnostics {
        suites.entry(&d.path).or_default().0.push(d);
    }
    for f in &report.failures {
        suites.entry(&f.path).or_default().1.push(f);
    }
    let count = |f: fn(&(Vec<&Diagnostic>, Vec<&Failure>)) -> usize| suites.values().map(f).sum::<usize>();
    let (findings, failures) = (count(|s| s.0.len()), count(|s| s.1.len()));
    let tests = count(|s| (s.0.len() + s.1.len()).max(1));
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="stmtlint" tests="{tests}" failures="{findings}" errors="{failures}">"#
    )?;
    for (path, (diagnostics, failed)) in &suites {
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
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
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

//! Runs every rule on its fixtures, alone: each `flagged-*` file must produce at
//! least one finding of the rule and each `clean-*` file none; the rendered findings
//! are snapshotted. A `NAME.toml` beside a fixture holds the rule's options for it.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use stmtlint_plugin::{Document, Sink, Source};

fn fixtures(rule: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rule);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml"))
        .collect();
    files.sort();
    files
}

fn options(fixture: &Path) -> toml::Table {
    let path = fixture.with_extension("toml");
    std::fs::read_to_string(path).map_or_else(|_| toml::Table::new(), |s| s.parse().unwrap())
}

fn run(spec: &stmtlint_plugin::RuleSpec, fixture: &Path) -> (Document, Vec<stmtlint_plugin::Finding>) {
    let bytes = std::fs::read(fixture).unwrap();
    let doc = stmtlint_source_text::TextSource.read(&bytes).unwrap();
    let rule = match (spec.build)(&options(fixture)).unwrap() {
        stmtlint_plugin::BuiltRule::Document(rule) => rule,
        stmtlint_plugin::BuiltRule::Corpus(_) => panic!("no corpus rules in this pack yet"),
    };
    let mut sink = Sink::new();
    rule.check(&doc, &mut sink);
    (doc, sink.into_findings())
}

fn render(doc: &Document, findings: &[stmtlint_plugin::Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let pos = doc.position(f.span.start);
        writeln!(out, "{}:{} {} `{}`", pos.line, pos.column, f.message, doc.slice(f.span)).unwrap();
        if let Some(help) = &f.help {
            writeln!(out, "  help: {help}").unwrap();
        }
        for label in &f.labels {
            let pos = doc.position(label.span.start);
            writeln!(out, "  label {}:{} {}", pos.line, pos.column, label.message).unwrap();
        }
    }
    out
}

#[test]
fn every_rule_fires_on_flagged_fixtures_and_not_on_clean_ones() {
    for spec in specs() {
        let files = fixtures(&spec.id);
        assert!(
            files.iter().any(|f| name(f).starts_with("flagged-")),
            "{} has no flagged fixture",
            spec.id
        );
        assert!(
            files.iter().any(|f| name(f).starts_with("clean-")),
            "{} has no clean fixture",
            spec.id
        );
        for fixture in files {
            let (doc, findings) = run(&spec, &fixture);
            let name = name(&fixture);
            if name.starts_with("flagged-") {
                assert!(!findings.is_empty(), "{name}: expected findings of {}", spec.id);
            } else {
                assert!(
                    findings.is_empty(),
                    "{name}: expected no findings, got:\n{}",
                    render(&doc, &findings)
                );
            }
            insta::assert_snapshot!(format!("{}__{name}", spec.id), render(&doc, &findings));
        }
    }
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The pack's rules, through the same C ABI adapter stmtlint uses.
fn specs() -> Vec<stmtlint_plugin::RuleSpec> {
    stmtlint_plugin_host::Plugin::from_static(stmtlint_rules_core::plugin())
        .unwrap()
        .rule_specs(false)
}

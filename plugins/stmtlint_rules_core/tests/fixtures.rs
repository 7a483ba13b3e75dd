//! Runs every rule on its fixtures, alone: each `flagged-*` fixture must produce at
//! least one finding of the rule and each `clean-*` fixture none; the rendered
//! findings are snapshotted, and every message keeps the conventions of STYLE.md.
//! A document rule's fixture is a file; a corpus rule's is a directory of statements
//! linted as one set. A `NAME.toml` beside a fixture holds the rule's options for it.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use stmtlint_plugin::{BuiltRule, CorpusSink, DocFacts, Document, Finding, Sink, Source};

fn fixtures(rule: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rule);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "toml"))
        .collect();
    files.sort();
    files
}

fn options(fixture: &Path) -> toml::Table {
    let path = fixture.with_extension("toml");
    std::fs::read_to_string(path).map_or_else(|_| toml::Table::new(), |s| s.parse().unwrap())
}

fn read(path: &Path, id: u64) -> Document {
    let mut doc = stmtlint_source_text::TextSource
        .read(&std::fs::read(path).unwrap())
        .unwrap();
    doc.id = id;
    doc
}

/// The fixture's documents (one, or a directory's) with each one's findings.
fn run(spec: &stmtlint_plugin::RuleSpec, fixture: &Path) -> Vec<(String, Document, Vec<Finding>)> {
    match (spec.build)(&options(fixture)).unwrap() {
        BuiltRule::Document(rule) => {
            let doc = read(fixture, 1);
            let mut sink = Sink::new();
            rule.check(&doc, &mut sink);
            vec![(String::new(), doc, sink.into_findings())]
        }
        BuiltRule::Corpus(rule) => {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture)
                .unwrap_or_else(|e| panic!("{}: a corpus rule's fixture is a directory: {e}", fixture.display()))
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            let docs: Vec<(String, Document)> = paths.iter().zip(1..).map(|(p, id)| (name(p), read(p, id))).collect();
            let facts: Vec<DocFacts> = docs
                .iter()
                .filter_map(|(path, doc)| {
                    Some(DocFacts {
                        doc: doc.id,
                        path: path.clone(),
                        facts: rule.collect(doc)?,
                    })
                })
                .collect();
            let mut sink = CorpusSink::new();
            rule.finish(&facts, &mut sink);
            let found = sink.into_findings();
            docs.into_iter()
                .map(|(path, doc)| {
                    let mine = found
                        .iter()
                        .filter(|(id, _)| *id == doc.id)
                        .map(|(_, f)| f.clone())
                        .collect();
                    (format!("{path}:"), doc, mine)
                })
                .collect()
        }
    }
}

fn render(path: &str, doc: &Document, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let pos = doc.position(f.span.start);
        writeln!(
            out,
            "{path}{}:{} {} `{}`",
            pos.line,
            pos.column,
            f.message,
            doc.slice(f.span)
        )
        .unwrap();
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
            let results = run(&spec, &fixture);
            let rendered: String = results.iter().map(|(path, doc, f)| render(path, doc, f)).collect();
            let count: usize = results.iter().map(|(_, _, f)| f.len()).sum();
            let name = name(&fixture);
            if name.starts_with("flagged-") {
                assert!(count > 0, "{name}: expected findings of {}", spec.id);
            } else {
                assert_eq!(count, 0, "{name}: expected no findings, got:\n{rendered}");
            }
            for finding in results.iter().flat_map(|(_, _, f)| f) {
                let m = &finding.message;
                assert!(
                    m.starts_with(|c: char| !c.is_uppercase()),
                    "{}: `{m}` starts uppercase",
                    spec.id
                );
                assert!(!m.ends_with('.'), "{}: `{m}` ends with a period", spec.id);
            }
            insta::assert_snapshot!(format!("{}__{name}", spec.id), rendered);
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

//! The conventions every rule keeps, checked rather than reviewed (STYLE.md).

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use stmtlint_plugin::{Sink, Source};

#[test]
fn ids_are_unique_kebab_case_and_sorted() {
    let ids: Vec<String> = specs().iter().map(|s| s.id.clone()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "rules() must list unique ids in order");
    for id in ids {
        assert!(
            id.split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "`{id}` is not kebab-case"
        );
    }
}

#[test]
fn docs_have_the_required_sections() {
    for spec in specs() {
        let docs = spec.docs.clone();
        for heading in ["## What it does", "## Why is this bad?", "## Example", "Use instead:"] {
            assert!(docs.contains(heading), "{}: docs lack `{heading}`", spec.id);
        }
        assert!(!spec.summary.ends_with('.'), "{}: summary ends with a period", spec.id);
    }
}

#[test]
fn messages_start_lowercase_and_have_no_final_period() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for spec in specs() {
        for entry in std::fs::read_dir(dir.join(&spec.id)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                continue;
            }
            let doc = stmtlint_source_text::TextSource
                .read(&std::fs::read(&path).unwrap())
                .unwrap();
            let options = std::fs::read_to_string(path.with_extension("toml"))
                .map_or_else(|_| toml::Table::new(), |s| s.parse().unwrap());
            let mut sink = Sink::new();
            let stmtlint_plugin::BuiltRule::Document(rule) = (spec.build)(&options).unwrap() else {
                continue;
            };
            rule.check(&doc, &mut sink);
            for finding in sink.into_findings() {
                let m = &finding.message;
                assert!(
                    m.starts_with(|c: char| !c.is_uppercase()),
                    "{}: `{m}` starts uppercase",
                    spec.id
                );
                assert!(!m.ends_with('.'), "{}: `{m}` ends with a period", spec.id);
            }
        }
    }
}

/// The pack's rules, through the same C ABI adapter stmtlint uses.
fn specs() -> Vec<stmtlint_plugin::RuleSpec> {
    stmtlint_plugin_host::Plugin::from_static(stmtlint_rules_core::plugin())
        .unwrap()
        .rule_specs(false)
}

//! The conventions every rule keeps, checked rather than reviewed (STYLE.md); the
//! conventions of messages are checked on every fixture's findings (`fixtures.rs`).

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

#[test]
fn ids_are_unique_and_kebab_case() {
    let ids: Vec<String> = specs().iter().map(|s| s.id.clone()).collect();
    // Unique whatever the order the plugin lists them in.
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "two rules share an id: {ids:?}");
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
fn every_rule_has_an_options_schema() {
    // `stmtlint config-schema` completes and checks every built-in rule's options.
    for spec in specs() {
        assert!(
            stmtlint_rules_core::options_schema(&spec.id).is_some(),
            "{}: no JSON Schema of its options in schema.rs",
            spec.id
        );
    }
}

/// The pack's rules, through the same C ABI adapter stmtlint uses.
fn specs() -> Vec<stmtlint_plugin::RuleSpec> {
    stmtlint_plugin_host::Plugin::from_static(stmtlint_rules_core::plugin())
        .unwrap()
        .rule_specs(false)
}

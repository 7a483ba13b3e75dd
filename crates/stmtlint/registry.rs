//! The built-in sources and rules: the one place the binary lists its plugins.

use stmtlint_plugin::{RuleSpec, Source};

/// Every built-in rule, sorted by id.
pub fn rules() -> Vec<RuleSpec> {
    let mut rules = stmtlint_rules_core::rules();
    rules.sort_by_key(|r| r.meta.id);
    rules
}

/// Every built-in source.
pub fn sources() -> Vec<Box<dyn Source>> {
    vec![Box::new(stmtlint_source_text::TextSource)]
}

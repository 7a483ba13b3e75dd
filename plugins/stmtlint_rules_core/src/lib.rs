//! stmtlint's built-in rules, written against the same plugin API as any other rule
//! plugin. One file per rule; [`rules`] is the only place they are registered.

mod missing_section;

use stmtlint_plugin::RuleSpec;

pub use missing_section::MissingSection;

/// Every rule of this pack, sorted by id.
pub fn rules() -> Vec<RuleSpec> {
    vec![RuleSpec::of::<MissingSection>()]
}

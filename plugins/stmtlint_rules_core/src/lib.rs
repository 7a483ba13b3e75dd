//! stmtlint's built-in rules, written against the same SDK as any rule plugin and
//! run through the same C ABI adapter. One file per rule; the `rules:` list below is
//! the only place a rule is registered.

mod date_consistency;
pub mod follow_up;
mod inconsistent_name;
mod missing_section;
mod names;
mod ordinal_sequence;
mod schema;
mod spelling_variety;
#[cfg(test)]
mod test_support;
mod undefined_acronym;

pub use date_consistency::DateConsistency;
pub use follow_up::UnfulfilledFollowUp;
pub use inconsistent_name::InconsistentName;
pub use missing_section::MissingSection;
pub use ordinal_sequence::OrdinalSequence;
pub use schema::options_schema;
pub use spelling_variety::SpellingVariety;
pub use undefined_acronym::UndefinedAcronym;

stmtlint_plugin_sdk::declare_plugin! {
    static plugin;
    name: "core",
    version: env!("CARGO_PKG_VERSION"),
    rules: [InconsistentName, MissingSection, SpellingVariety, UndefinedAcronym, DateConsistency],
    corpus_rules: [UnfulfilledFollowUp, OrdinalSequence],
}

//! The stmtlint plugin API: everything a source plugin or a rule plugin sees.
//!
//! - [`Document`] is the one model every input format is turned into: normalized
//!   text, [`Block`]s as byte spans into it, [`Metadata`], and a [`SourceMap`] back to
//!   the original file.
//! - [`Source`] turns the bytes of one file into a [`Document`]; [`Rule`] lints a
//!   document and reports [`Finding`]s into a [`Sink`].
//! - [`ConfigurableRule`] is how every rule is written: [`RuleMeta`] (id, docs,
//!   default severity, from `declare_rule!`) plus typed options; [`CorpusRule`] is a
//!   rule over a whole set of statements; [`RuleSpec`] is a registered rule, whatever
//!   its origin (built in or a native plugin).
//!
//! The built-in plugins in `plugins/` are written against this crate only.

mod date;
mod diagnostic;
mod document;
mod plain;
mod rule;
mod source;
mod when;

pub use date::{
    DateMention, DateStyle, Dateline, canonical_place, date_in_file_name, date_mentions, find_dates, looks_like_place,
    month_number, parse_date, parse_dateline, weekday_before,
};
pub use diagnostic::{Applicability, Edit, Finding, Fix, Label, Severity};
pub use document::{Block, BlockKind, DateSource, Document, Locator, Metadata, Position, SourceMap, Span};
pub use jiff::civil::Date;
pub use plain::plain_words;
pub use rule::{
    BuiltRule, ConfigurableRule, CorpusRule, CorpusSink, DocFacts, DocFactsJson, FactsReader, Forward, OptionsError,
    OptionsFn, Rule, RuleMeta, RuleSpec, RunContext, Sink, is_kebab_case, no_options,
};
pub use source::{Source, SourceError};
pub use when::{TimeExpr, Window, find_time_expressions};

//! `ordinal-sequence`: within a series, the ordinals the statements give their own
//! meetings must agree with their dates.

use jiff::ToSpan;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_plugin::{ConfigurableRule, CorpusRule, CorpusSink, Date, DocFacts, Document, Finding, declare_rule};

use crate::follow_up::{self, Facts, SeriesOverride, Vocabulary, long_date};

declare_rule! {
    /// ## What it does
    /// Reads, for every statement of the linted set, the series of its meeting and
    /// the ordinal it gives that meeting ("The third formal EU-U.S. Cyber Dialogue
    /// took place …"), exactly as `unfulfilled-follow-up` does, and flags a
    /// statement whose ordinal contradicts an earlier statement of its series:
    ///
    /// - a lower ordinal after a higher one (a "second" meeting dated after the
    ///   "third");
    /// - the same ordinal for two different meetings (two "second" meetings more
    ///   than `same-meeting-days` apart);
    /// - an "inaugural" or "first" meeting after an earlier numbered meeting of the
    ///   series (an earlier statement with no ordinal does not count: "the first
    ///   Coalition meeting to be convened in Africa" is the first of a kind).
    ///
    /// Statements of one meeting (a joint statement and a readout a few days apart)
    /// are one meeting. The finding stands on the ordinal and names the earlier
    /// statement.
    ///
    /// ## Why is this bad?
    /// An ordinal is how readers place a meeting in its series; a wrong one (often
    /// copied from last year's draft) misdates the whole history of the dialogue.
    ///
    /// ## Example
    /// ```text
    /// 2022-05-16: … the second meeting of the Trade and Technology Council …
    /// 2022-12-05: … the second meeting of the Trade and Technology Council …
    /// ```
    ///
    /// Use instead: `the third meeting of the Trade and Technology Council`.
    ///
    /// ## Options
    /// - `same-meeting-days`: statements of one series this many days apart or fewer
    ///   may be about one meeting (default 14).
    /// - `series`: as for `unfulfilled-follow-up`, series the titles do not name.
    pub struct OrdinalSequence {
        options: Options,
        vocabulary: &'static Vocabulary,
    }
    id = "ordinal-sequence",
    severity = Warning,
    summary = "a meeting's ordinal contradicts the dates of its series",
}

/// `[rules.ordinal-sequence]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Statements of a series this many days apart or fewer may be about one meeting.
    pub same_meeting_days: u32,
    /// Series the titles do not name, as for `unfulfilled-follow-up`.
    pub series: Vec<SeriesOverride>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            same_meeting_days: 14,
            series: Vec::new(),
        }
    }
}

impl ConfigurableRule for OrdinalSequence {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        Self {
            options,
            vocabulary: Vocabulary::shipped(),
        }
    }
}

impl CorpusRule for OrdinalSequence {
    fn collect(&self, doc: &Document) -> Option<serde_json::Value> {
        let facts = follow_up::collect_ordinal(doc, &self.options.series, self.vocabulary);
        // Only a dated statement of a series can contradict another.
        (facts.series.is_some() && facts.date.is_some())
            .then(|| serde_json::to_value(facts).ok())
            .flatten()
    }

    fn finish(&self, facts: &[DocFacts], sink: &mut CorpusSink) {
        self.finish_each(&mut facts.iter().cloned(), sink);
    }

    fn finish_each(&self, facts: &mut dyn Iterator<Item = DocFacts>, sink: &mut CorpusSink) {
        // Room for every document at once: grown by doubling, the list of 10,000
        // statements would hold up to twice its size.
        let mut statements: Vec<Statement> = Vec::with_capacity(facts.size_hint().1.unwrap_or(0));
        let mut shared = follow_up::Shared::default();
        statements.extend(facts.filter_map(|f| {
            let mut facts: Facts = serde_json::from_value(f.facts).ok()?;
            shared.share(&mut facts);
            Some(Statement {
                doc: f.doc,
                path: f.path,
                date: facts.date?,
                facts,
            })
        }));
        statements.sort_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)));
        let same_meeting = i64::from(self.options.same_meeting_days);
        for (i, later) in statements.iter().enumerate() {
            let (Some(n), Some(at), Some(series)) = (later.facts.ordinal, later.facts.ordinal_at, &later.facts.series)
            else {
                continue;
            };
            // The nearest earlier statement first: the contradiction a reader sees.
            // Statements are in date order: those more than `same_meeting` days
            // earlier are the ones before the first on or after the cut-off.
            let cutoff = later.date.checked_sub(same_meeting.days()).unwrap_or(later.date);
            let before = statements[..i].partition_point(|e| e.date < cutoff);
            let earlier = statements[..before]
                .iter()
                .rev()
                .filter(|e| e.facts.series.as_ref().is_some_and(|s| s.same(series)));
            let said = |m: u32| self.vocabulary.ordinal_word(m);
            // No ordinal: "the first Coalition meeting to be convened in Africa"
            // after an unnumbered meeting is the first of a kind.
            let contradiction = earlier.into_iter().find_map(|e| {
                let m = e.facts.ordinal.filter(|&m| m >= n)?;
                let when = format!("{} ({})", e.path, long_date(e.date));
                Some(if m > n {
                    format!(
                        "this statement calls its meeting the {}, but the earlier {when} calls its own the {}",
                        said(n),
                        said(m)
                    )
                } else {
                    format!(
                        "this statement calls its meeting the {}, as the earlier {when} already did",
                        said(n)
                    )
                })
            });
            if let Some(message) = contradiction {
                let help = format!(
                    "check the ordinal against the series: {} statements of `{}` are in the set",
                    statements
                        .iter()
                        .filter(|s| s.facts.series.as_ref().is_some_and(|x| x.same(series)))
                        .count(),
                    series.name
                );
                sink.report(later.doc, Finding::new(at, message).help(help));
            }
        }
    }
}

/// One dated statement of a series.
struct Statement {
    doc: u64,
    path: String,
    date: Date,
    facts: Facts,
}

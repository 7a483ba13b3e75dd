//! `unfulfilled-follow-up`: a statement promised the next meeting of its series by a
//! date, and no later statement of that series in the linted set shows it happened.
//!
//! `collect` keeps per statement only its date, place, series, own ordinal and dated
//! commitments ([`Facts`]); [`judge`] gives each commitment its verdict against the
//! other statements' facts. `stmtlint followups` prints the same verdicts as a ledger.

mod commitment;
mod series;
mod vocabulary;

use std::collections::HashSet;
use std::sync::Arc;

use jiff::ToSpan;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_lexicon::Words;
use stmtlint_plugin::{
    BlockKind, ConfigurableRule, CorpusRule, CorpusSink, Date, DocFacts, Document, Finding, RunContext, Span,
    declare_rule,
};

pub use commitment::{Commitment, sentences};
pub use series::Series;
pub use vocabulary::Vocabulary;

declare_rule! {
    /// ## What it does
    /// Reads every statement of the linted set for dated commitments to meet again
    /// ("will convene the Dialogue again in approximately one year's time in
    /// Washington, D.C.", "the next meeting in the first half of 2020", "will host the
    /// Summit in 2024"), resolves each expression against the statement's own date,
    /// groups the statements into series by the name of their meeting (party order,
    /// dots and ordinals ignored), and flags a commitment whose window closed before
    /// `--as-of` when no later statement of the series is dated inside it.
    ///
    /// The finding says what was promised, the window, and what the set does contain:
    /// the next statement of the series, with its date, place and the ordinal it gives
    /// itself. A commitment whose window is still open is pending and never flagged;
    /// `stmtlint followups` lists every commitment with its verdict.
    ///
    /// ## Why is this bad?
    /// A promise to meet again that quietly lapsed is exactly what nobody notices by
    /// reading one statement at a time, and what readers of a series ask about first.
    ///
    /// ## Example
    /// ```text
    /// 2014-12-05: ... convene the U.S.-EU Cyber Dialogue again in approximately one
    ///             year's time in Washington, D.C.
    /// 2016-12-16: The third formal EU-U.S. Cyber Dialogue took place in Brussels ...
    /// ```
    ///
    /// Use instead: add the statement of the meeting that kept the promise to the
    /// set, or say in the next statement why it did not take place.
    ///
    /// ## Options
    /// - `tolerance-days`: days after a window's end a meeting still counts (default 90).
    /// - `as-of`: the day verdicts are judged on, `"YYYY-MM-DD"` (default: today;
    ///   `stmtlint check --as-of` sets it).
    /// - `series`: name series the titles do not, as
    ///   `{ name = "Quad Leaders' Summit", aliases = ["Quad Leaders", "Leaders of Australia, India, Japan"] }`;
    ///   a statement whose title or opening paragraph contains a name or an alias
    ///   (ignoring case) belongs to that series.
    /// - `extend-meeting-verbs`, `extend-meeting-nouns`, `extend-future-phrases`,
    ///   `extend-series-heads`, `extend-institutions`, `extend-title-filler`: words
    ///   (or phrases) added to the shipped lists of `config/lexicons/` of the same
    ///   names (`extend-meeting-nouns = ["plenary"]`).
    pub struct UnfulfilledFollowUp {
        options: Options,
        as_of: Date,
        vocabulary: Vocabulary,
    }
    id = "unfulfilled-follow-up",
    severity = Warning,
    summary = "a promised next meeting has no later statement of its series inside the promised window",
}

/// `[rules.unfulfilled-follow-up]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// A meeting this many days after the window still counts.
    pub tolerance_days: u32,
    /// Judge commitments as of this day (YYYY-MM-DD; default today).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateOption>,
    /// Series the titles do not name.
    pub series: Vec<SeriesOverride>,
    /// Added to `config/lexicons/meeting-verbs.toml`.
    pub extend_meeting_verbs: Words,
    /// Added to `config/lexicons/meeting-nouns.toml`.
    pub extend_meeting_nouns: Words,
    /// Added to `config/lexicons/future-phrases.toml`.
    pub extend_future_phrases: Words,
    /// Added to `config/lexicons/series-heads.toml`.
    pub extend_series_heads: Words,
    /// Added to `config/lexicons/institutions.toml`.
    pub extend_institutions: Words,
    /// Added to `config/lexicons/title-filler.toml`.
    pub extend_title_filler: Words,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            tolerance_days: 90,
            as_of: None,
            series: Vec::new(),
            extend_meeting_verbs: Words::default(),
            extend_meeting_nouns: Words::default(),
            extend_future_phrases: Words::default(),
            extend_series_heads: Words::default(),
            extend_institutions: Words::default(),
            extend_title_filler: Words::default(),
        }
    }
}

/// A day written `"YYYY-MM-DD"` or as a TOML date (`2026-11-22`); anything else,
/// or a day the calendar does not have (`2017-02-30`), is refused with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateOption(pub Date);

impl Serialize for DateOption {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string())
    }
}

impl JsonSchema for DateOption {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"})
    }
}

impl<'de> Deserialize<'de> for DateOption {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = DateOption;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date written YYYY-MM-DD, such as \"2026-11-22\"")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateOption, E> {
        parse_day(text).map(DateOption).map_err(E::custom)
    }

    // A TOML date reaches the rule, through JSON, as a one-key map.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<DateOption, A::Error> {
        match map.next_entry::<String, String>()? {
            Some((key, text)) if key == "$__toml_private_datetime" => self.visit_str(&text),
            _ => Err(serde::de::Error::invalid_type(serde::de::Unexpected::Map, &self)),
        }
    }
}

/// `YYYY-MM-DD` as a day of the calendar, or why not, in plain words.
fn parse_day(text: &str) -> Result<Date, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let shape = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape {
        return Err(format!(
            "expected a date written YYYY-MM-DD, such as \"2026-11-22\", found \"{text}\""
        ));
    }
    let number = |p: &str| p.parse::<i16>().unwrap_or(0);
    let (year, month, day) = (number(parts[0]), number(parts[1]), number(parts[2]));
    if !(1..=12).contains(&month) {
        return Err(format!("\"{text}\" is not a date: there is no month {month}"));
    }
    Date::new(year, month as i8, day as i8).map_err(|_| {
        let days = Date::new(year, month as i8, 1).map_or(31, |d| d.days_in_month());
        format!("\"{text}\" is not a date: that month has {days} days")
    })
}

/// A series the configuration names.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesOverride {
    /// The series' name, as reports show it.
    pub name: String,
    /// Other names that mark a statement of it (ignoring case).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// What `collect` keeps of one statement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Its date.
    pub date: Option<Date>,
    /// Where its meeting took place, else its dateline's place.
    pub place: Option<String>,
    /// The ordinal it gives its own meeting ("third").
    pub ordinal: Option<u32>,
    /// Where that ordinal stands in the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal_at: Option<Span>,
    /// Its series (one copy shared by the statements that name it alike: [`Shared`]).
    pub series: Option<Arc<Series>>,
    /// Its commitments to meet again.
    pub commitments: Vec<Commitment>,
    /// Whether it says a meeting was postponed or called off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub called_off: bool,
}

/// One copy of each series for a whole set of statements: an archive names a few
/// hundred series in thousands of statements, and each statement's facts would
/// otherwise hold their own copy of its series' name and words.
#[derive(Default)]
pub struct Shared(HashSet<Arc<Series>>);

impl Shared {
    /// Makes `facts` (and its commitments) name the set's copy of each series.
    pub fn share(&mut self, facts: &mut Facts) {
        for series in std::iter::once(&mut facts.series).chain(facts.commitments.iter_mut().map(|c| &mut c.series)) {
            let Some(own) = series.take() else { continue };
            let shared = match self.0.get(&*own) {
                Some(kept) => kept.clone(),
                None => {
                    self.0.insert(own.clone());
                    own
                }
            };
            *series = Some(shared);
        }
    }
}

/// What became of a commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A later statement of the series is dated inside the window.
    Fulfilled,
    /// The window is still open.
    Pending,
    /// The window closed and nothing in the set is dated inside it.
    Unfulfilled,
}

/// How a verdict came about (DESIGN §9); `None` while the window is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Detail {
    /// Held inside the window, where promised (or no place was promised).
    OnTime,
    /// Held inside the window, elsewhere than promised.
    Moved,
    /// The next statement of the series is dated after the window: unfulfilled.
    Late,
    /// No later statement of the series in the set: unfulfilled.
    NoLaterStatement,
    /// Not kept, and a later statement of the series says a meeting was
    /// postponed or called off: unfulfilled, explained, not flagged.
    Cancelled,
    /// A time relative to a statement that has no date (`next year`): pending,
    /// never judged.
    Unanchored,
    /// A recurring promise (`meet annually`) with a period that passed without a
    /// statement of the series: unfulfilled.
    RecurringMissed,
}

/// A statement that bears on a verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Its path.
    pub path: String,
    /// Its date.
    pub date: Date,
    /// Its place.
    pub place: Option<String>,
    /// The ordinal it gives itself.
    pub ordinal: Option<u32>,
    /// How it bears on the verdict.
    pub note: String,
}

/// One commitment with its verdict.
#[derive(Clone, Debug)]
pub struct Judged<'a> {
    /// The statement's index in the slice given to [`judge`].
    pub statement: usize,
    /// The commitment's index among the statement's commitments.
    pub index: usize,
    /// The commitment.
    pub commitment: &'a Commitment,
    /// The series it is judged in.
    pub series: Option<&'a Series>,
    /// The verdict.
    pub verdict: Verdict,
    /// How it came about.
    pub detail: Option<Detail>,
    /// The later statements of the series that bear on it: the one that fulfils it,
    /// else the next one.
    pub evidence: Vec<Evidence>,
    /// Whether the set holds any statement of its series. A promise about another
    /// series (`the next Summit of the Americas`) that the set does not follow, or
    /// by a statement whose series is unknown, is listed, never flagged.
    pub tracked: bool,
    /// The period of a recurring promise that passed without a meeting.
    pub missed: Option<stmtlint_plugin::Window>,
}

impl ConfigurableRule for UnfulfilledFollowUp {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        let as_of = options.as_of.as_ref().and_then(DateOption::date).unwrap_or_else(today);
        let vocabulary = Vocabulary::new(&options);
        Self {
            options,
            as_of,
            vocabulary,
        }
    }
}

impl UnfulfilledFollowUp {
    /// What the rule keeps of one statement (`stmtlint followups` lists them).
    pub fn facts(&self, doc: &Document) -> Facts {
        collect(doc, &self.options.series, &self.vocabulary)
    }

    /// Every commitment of `statements` with its verdict, as the rule judges them
    /// in `run`: as of the run's `--as-of`, else the `as-of` option, else today.
    pub fn ledger<'a>(&self, statements: &'a [(String, Facts)], run: &RunContext) -> (Date, Vec<Judged<'a>>) {
        (run.as_of.unwrap_or(self.as_of), self.judged(statements, run).collect())
    }

    /// [`UnfulfilledFollowUp::ledger`], judged as it is read.
    fn judged<'a>(
        &self,
        statements: &'a [(String, Facts)],
        run: &RunContext,
    ) -> impl Iterator<Item = Judged<'a>> + use<'a> {
        let as_of = run.as_of.unwrap_or(self.as_of);
        judge(statements, as_of, i64::from(self.options.tolerance_days))
    }
}

impl DateOption {
    /// The date.
    pub fn date(&self) -> Option<Date> {
        Some(self.0)
    }
}

/// Today, in UTC.
pub fn today() -> Date {
    jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date()
}

impl CorpusRule for UnfulfilledFollowUp {
    fn collect(&self, doc: &Document) -> Option<serde_json::Value> {
        let facts = collect(doc, &self.options.series, &self.vocabulary);
        remember(doc, &self.options.series, &facts);
        (facts.series.is_some() || !facts.commitments.is_empty())
            .then(|| serde_json::to_value(&facts).ok())
            .flatten()
    }

    fn finish(&self, facts: &[DocFacts], sink: &mut CorpusSink) {
        self.finish_each(&mut facts.iter().cloned(), sink);
    }

    fn finish_each(&self, facts: &mut dyn Iterator<Item = DocFacts>, sink: &mut CorpusSink) {
        // Each document's JSON becomes its typed facts at once, and is dropped.
        // Room for every document at once: grown by doubling, the lists would
        // hold up to twice their size.
        let room = facts.size_hint().1.unwrap_or(0);
        let mut docs: Vec<u64> = Vec::with_capacity(room);
        let mut statements: Vec<(String, Facts)> = Vec::with_capacity(room);
        let mut shared = Shared::default();
        for f in facts {
            if let Ok(mut typed) = serde_json::from_value::<Facts>(f.facts) {
                shared.share(&mut typed);
                // The judge never reads a commitment's sentence (`stmtlint
                // followups` shows it): not kept for every statement of the set.
                for c in &mut typed.commitments {
                    c.text = String::new();
                }
                docs.push(f.doc);
                statements.push((f.path, typed));
            }
        }
        for judged in self.judged(&statements, sink.run()) {
            let explained = judged.detail == Some(Detail::Cancelled);
            if judged.verdict != Verdict::Unfulfilled || !judged.tracked || explained {
                continue;
            }
            let c = judged.commitment;
            let message = match judged.missed {
                Some(period) => format!(
                    "promised a {} {}, but the set has no statement of this series between {} and {}{}",
                    c.promised,
                    c.when,
                    long_date(period.start),
                    long_date(period.end),
                    match judged.evidence.last().filter(|e| e.date > period.end) {
                        Some(e) => format!(": the next {}", e.note),
                        None => String::new(),
                    }
                ),
                None => format!(
                    "promised the {} {} ({}), but {}",
                    c.promised,
                    c.when,
                    window_text(c),
                    match judged.evidence.first() {
                        Some(e) => format!("the next statement of this series in the set {}", e.note),
                        None => "the set has no later statement of this series".to_owned(),
                    }
                ),
            };
            let finding = Finding::new(c.sentence, message).help(format!(
                "if the meeting took place, add its statement to the linted set (meetings up to {} days late count); otherwise the commitment was not kept",
                self.options.tolerance_days
            ));
            sink.report(docs[judged.statement], finding);
        }
    }
}

/// Two names of one place: `Washington, D.C.` and `Washington`, `Bruxelles` and
/// `Brussels` (the sources give places in their English names).
fn same_place(a: &str, b: &str) -> bool {
    let city = |s: &str| stmtlint_plugin::canonical_place(s.split(',').next().unwrap_or(s).trim()).to_lowercase();
    city(a) == city(b)
}

fn window_text(c: &Commitment) -> String {
    match c.window {
        Some(w) if w.start == w.end => long_date(w.end),
        Some(w) => format!("{} – {}", long_date(w.start), long_date(w.end)),
        None => "no date to count from".to_owned(),
    }
}

/// `16 December 2016`.
pub fn long_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// One statement's facts.
pub fn collect(doc: &Document, overrides: &[SeriesOverride], v: &Vocabulary) -> Facts {
    let date = doc.metadata.date;
    let mut scan = commitment::scan(v, doc, date, true);
    let mut commitments = std::mem::take(&mut scan.commitments);
    let series = own_series(v, doc, overrides);
    for c in &mut commitments {
        // A commitment that names its own series is about that series.
        if let (Some(named), Some(own)) = (&c.series, &series)
            && (named.same(own) || abbreviates(named, own))
        {
            c.series = None;
        }
        if c.series.is_none() {
            c.describe(series.as_ref());
        }
    }
    // One sentence that says the same meeting twice (`will reconvene within twelve
    // months, and … will hold the second meeting by the end of 2022`) promises it once.
    let mut seen: Vec<(Span, String)> = Vec::new();
    commitments.retain(|c| {
        let key = (c.sentence, c.promised.clone());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    let ordinal = commitment::own_ordinal(v, doc, &scan, Some(&commitments), series.as_ref());
    // A promise of a meeting numbered no later than the statement's own (`its first
    // meeting` in the communiqué of a fifteenth summit) is another body's.
    for c in &mut commitments {
        let number = c.ordinal.as_deref().and_then(|w| v.ordinal(w));
        if c.series.is_none()
            && let (Some(promised), Some((own, _))) = (number, ordinal)
            && promised <= own
        {
            c.another_body = true;
            c.describe(None);
        }
    }
    Facts {
        date,
        place: commitment::own_place(v, doc).or_else(|| doc.metadata.place.clone()),
        ordinal: ordinal.map(|(n, _)| n),
        ordinal_at: ordinal.map(|(_, at)| at),
        series: series.map(Arc::new),
        commitments,
        called_off: scan.called_off,
    }
}

thread_local! {
    /// The statement this thread's `unfulfilled-follow-up` read last, without its
    /// commitments: the engine asks `ordinal-sequence` for the same document right
    /// after, on the same thread, and reading it twice would cost as much again.
    static LAST: std::cell::RefCell<Option<(u64, Vec<SeriesOverride>, Facts)>> = const { std::cell::RefCell::new(None) };
}

fn remember(doc: &Document, overrides: &[SeriesOverride], facts: &Facts) {
    let kept = Facts {
        commitments: Vec::new(),
        ..facts.clone()
    };
    LAST.with(|last| *last.borrow_mut() = Some((doc.id, overrides.to_vec(), kept)));
}

/// `TTC ministerial` in a statement of the `U.S.-EU Trade and Technology Council`,
/// `CNWG meeting` in one of the `Counternarcotics Working Group`: a name made of an
/// acronym of the statement's own series and a word of meeting.
fn abbreviates(named: &Series, own: &Series) -> bool {
    let mut words = named.name.split_whitespace();
    let (Some(acronym), rest) = (words.next(), words.collect::<Vec<_>>()) else {
        return false;
    };
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) {
        return false;
    }
    let v = Vocabulary::shipped();
    if !rest.iter().all(|w| v.gathering.contains(w) || v.heads.contains(w)) {
        return false;
    }
    // The acronym's letters in order among the letters of the own series' name,
    // the first at the start of a word.
    let name = own.name.to_lowercase();
    let mut wanted = letters.iter().map(|c| c.to_ascii_lowercase()).peekable();
    let mut at_word_start = true;
    let mut started = false;
    for ch in name.chars() {
        if let Some(&next) = wanted.peek()
            && ch == next
            && (started || at_word_start)
        {
            started = true;
            wanted.next();
        }
        at_word_start = !ch.is_alphanumeric();
    }
    wanted.peek().is_none()
}

/// What `ordinal-sequence` needs of one statement: its date, series and own
/// ordinal, as [`collect`] reads them (taken from `unfulfilled-follow-up`'s reading
/// of the same document when it has just read it with the same series).
pub fn collect_ordinal(doc: &Document, overrides: &[SeriesOverride], v: &Vocabulary) -> Facts {
    let remembered = LAST.with(|last| {
        last.borrow_mut()
            .take_if(|(id, o, _)| *id == doc.id && o.as_slice() == overrides)
            .map(|(_, _, facts)| facts)
    });
    if let Some(facts) = remembered {
        return facts;
    }
    let scan = commitment::scan(v, doc, None, false);
    let series = own_series(v, doc, overrides);
    let ordinal = commitment::own_ordinal(v, doc, &scan, None, series.as_ref());
    Facts {
        date: doc.metadata.date,
        place: None,
        ordinal: ordinal.map(|(n, _)| n),
        ordinal_at: ordinal.map(|(_, at)| at),
        series: series.map(Arc::new),
        commitments: Vec::new(),
        called_off: false,
    }
}

/// The statement's series: configured, else named in the title, else in the opening.
fn own_series(v: &Vocabulary, doc: &Document, overrides: &[SeriesOverride]) -> Option<Series> {
    let title = doc.blocks.iter().find(|b| b.kind == BlockKind::Title);
    // The opening of the statement proper, after a press office's preamble.
    let proper = doc.statement_proper();
    let opening: Vec<_> = doc
        .content_blocks()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) && b.span.start >= proper)
        .take(2)
        .collect();
    // The title as the source read it (front matter, `<h1>`, `og:title`), then the
    // title block and the opening paragraphs as they stand in the text.
    let texts: Vec<&str> = doc
        .metadata
        .title
        .as_deref()
        .into_iter()
        .chain(title.iter().chain(&opening).map(|b| doc.slice(b.span)))
        .collect();
    let lead = if overrides.is_empty() {
        String::new()
    } else {
        texts.join("\n").to_lowercase()
    };
    if let Some(o) = overrides.iter().find(|o| {
        std::iter::once(&o.name)
            .chain(&o.aliases)
            .any(|n| lead.contains(&n.to_lowercase()))
    }) {
        return Some(Series::configured(&o.name));
    }
    texts.iter().find_map(|t| series::find(v, t, 0).map(|(_, s)| s))
}

/// Every commitment of `statements` (path, facts) with its verdict as of `as_of`,
/// judged as the iterator is read: the rule keeps only the verdicts it reports.
pub fn judge(statements: &[(String, Facts)], as_of: Date, tolerance_days: i64) -> impl Iterator<Item = Judged<'_>> {
    // The dated statements in order of date, then path: the later statements of a
    // commitment are a run of this order, read only as far as its window reaches.
    let mut order: Vec<(Date, usize)> = statements
        .iter()
        .enumerate()
        .filter_map(|(j, (_, facts))| Some((facts.date?, j)))
        .collect();
    order.sort_by(|a, b| (a.0, &statements[a.1].0).cmp(&(b.0, &statements[b.1].0)));
    let set = Set {
        statements,
        order,
        as_of,
        tolerance_days,
    };
    // The next commitment: statement `i`, its commitment `index`.
    let (mut i, mut index) = (0, 0);
    std::iter::from_fn(move || {
        loop {
            let (_, facts) = statements.get(i)?;
            if let Some(c) = facts.commitments.get(index) {
                index += 1;
                return Some(set.judge(i, index - 1, c));
            }
            (i, index) = (i + 1, 0);
        }
    })
}

impl<'a> Set<'a> {
    /// The verdict on commitment `index` (`c`) of statement `i`.
    fn judge(&self, i: usize, index: usize, c: &'a Commitment) -> Judged<'a> {
        let statements = self.statements;
        let facts = &statements[i].1;
        let series = if c.another_body {
            None
        } else {
            c.series.as_deref().or(facts.series.as_deref())
        };
        let outcome = match (c.window, c.every_months, facts.date) {
            // `next year` in an undated statement: no days to judge.
            (None, _, _) => Outcome {
                verdict: Verdict::Pending,
                detail: Some(Detail::Unanchored),
                evidence: Vec::new(),
                missed: None,
            },
            (Some(window), Some(months), Some(date)) => self.recurring(i, date, window, months, series),
            (Some(window), _, date) => self.once(i, c, date, window, series),
        };
        let tracked = match (&c.series, series) {
            _ if c.another_body => false,
            (None, Some(_)) => true,
            (Some(named), _) => statements
                .iter()
                .any(|(_, other)| other.series.as_ref().is_some_and(|s| named.same(s))),
            (None, None) => false,
        };
        Judged {
            tracked,
            index,
            statement: i,
            commitment: c,
            series,
            verdict: outcome.verdict,
            detail: outcome.detail,
            evidence: outcome.evidence,
            missed: outcome.missed,
        }
    }
}

/// The statements a verdict is judged against.
struct Set<'a> {
    statements: &'a [(String, Facts)],
    /// The dated ones, by date.
    order: Vec<(Date, usize)>,
    as_of: Date,
    tolerance_days: i64,
}

/// A verdict with how it came about.
struct Outcome {
    verdict: Verdict,
    detail: Option<Detail>,
    evidence: Vec<Evidence>,
    missed: Option<stmtlint_plugin::Window>,
}

impl Set<'_> {
    /// The statements of `series` other than `i`, dated after `day`, in order.
    fn later<'s>(
        &'s self,
        i: usize,
        day: Date,
        series: Option<&'s Series>,
    ) -> impl Iterator<Item = (Date, usize)> + 's {
        self.order[self.order.partition_point(|(d, _)| *d <= day)..]
            .iter()
            .copied()
            .filter(move |&(_, j)| {
                j != i
                    && series
                        .zip(self.statements[j].1.series.as_ref())
                        .is_some_and(|(a, b)| a.same(b))
            })
    }

    /// A promise of one meeting, made on `date` (if the statement has one).
    fn once(
        &self,
        i: usize,
        c: &Commitment,
        date: Option<Date>,
        window: stmtlint_plugin::Window,
        series: Option<&Series>,
    ) -> Outcome {
        let v = Vocabulary::shipped();
        let facts = &self.statements[i].1;
        let tolerance = self.tolerance_days;
        let last_day = window.end.checked_add(tolerance.days()).unwrap_or(window.end);
        // An undated statement's absolute promise: the statements from its window on.
        let from = date.unwrap_or_else(|| window.start.yesterday().unwrap_or(window.start));
        let (mut next, mut fulfilling) = (None, None);
        for (d, j) in self.later(i, from, series) {
            next = next.or(Some((j, d)));
            if window.contains(d, tolerance) {
                fulfilling = Some((j, d));
            }
            if fulfilling.is_some() || d > last_day {
                break;
            }
        }
        // A later statement calling itself a later meeting of the series proves
        // the promised one took place (`third` after a promise of the second).
        let promised_number = match &c.ordinal {
            Some(word) => v.ordinal(word),
            None if c.series.is_none() => facts.ordinal.map(|k| k + 1),
            None => None,
        };
        let proven = promised_number.filter(|_| fulfilling.is_none()).and_then(|k| {
            self.later(i, from, series)
                .find(|(_, j)| self.statements[*j].1.ordinal.is_some_and(|m| m > k))
                .map(|(d, j)| (j, d, k))
        });
        if let Some((j, d, _)) = proven {
            fulfilling = Some((j, d));
        }
        // A later statement of the series, up to a year after the window, that
        // says a meeting was postponed or called off.
        let explained = self
            .later(i, from, series)
            .take_while(|(d, _)| *d <= last_day.checked_add(365.days()).unwrap_or(last_day) && *d <= self.as_of)
            .find(|(_, j)| self.statements[*j].1.called_off);
        let verdict = match (fulfilling, last_day < self.as_of) {
            (Some(_), _) => Verdict::Fulfilled,
            (None, true) => Verdict::Unfulfilled,
            (None, false) => Verdict::Pending,
        };
        let detail = match (verdict, fulfilling, next) {
            // Proven by a later ordinal: where and when it was held is not known.
            (Verdict::Fulfilled, _, _) if proven.is_some() => Some(Detail::OnTime),
            (Verdict::Fulfilled, Some((j, _)), _) => {
                let held = self.statements[j].1.place.as_deref();
                let moved = c.place.as_deref().zip(held).is_some_and(|(a, b)| !same_place(a, b));
                Some(if moved { Detail::Moved } else { Detail::OnTime })
            }
            (Verdict::Unfulfilled, _, _) if explained.is_some() => Some(Detail::Cancelled),
            (Verdict::Unfulfilled, _, Some(_)) => Some(Detail::Late),
            (Verdict::Unfulfilled, _, None) => Some(Detail::NoLaterStatement),
            _ => None,
        };
        let shown = match detail {
            Some(Detail::Cancelled) => explained.map(|(d, j)| (j, d)),
            _ => fulfilling.or(next),
        };
        let evidence = shown
            .map(|(j, d)| {
                let mut note = self.described(j, d);
                if detail == Some(Detail::Cancelled) {
                    note.push_str(", and says a meeting was postponed or called off");
                } else if verdict == Verdict::Unfulfilled && d > window.end {
                    let late = window.end.until(d).map_or(0, |s| s.get_days());
                    note = note.replacen(
                        &long_date(d),
                        &format!("{} ({late} days after the window)", long_date(d)),
                        1,
                    );
                }
                if let Some((_, _, k)) = proven {
                    note.push_str(&format!(": the {} took place", v.ordinal_word(k)));
                }
                self.evidence(j, d, note)
            })
            .into_iter()
            .collect();
        Outcome {
            verdict,
            detail,
            evidence,
            missed: None,
        }
    }

    /// A promise to meet every `months` from `date`: each period must hold a
    /// meeting of the series, the next period counting from the meeting held.
    fn recurring(
        &self,
        i: usize,
        date: Date,
        first: stmtlint_plugin::Window,
        months: u32,
        series: Option<&Series>,
    ) -> Outcome {
        let tolerance = self.tolerance_days;
        let mut kept: Vec<(usize, Date)> = Vec::new();
        let mut since = date;
        let mut due = first.end;
        loop {
            let last_day = due.checked_add(tolerance.days()).unwrap_or(due);
            match self.later(i, since, series).next() {
                Some((d, j)) if d <= last_day => {
                    kept.push((j, d));
                    since = d;
                    due = d.checked_add(i64::from(months).months()).unwrap_or(d);
                }
                next if last_day < self.as_of => {
                    let mut evidence: Vec<Evidence> = kept
                        .iter()
                        .map(|&(j, d)| self.evidence(j, d, self.described(j, d)))
                        .collect();
                    if let Some((d, j)) = next {
                        let late = due.until(d).map_or(0, |s| s.get_days());
                        let note = self.described(j, d).replacen(
                            &long_date(d),
                            &format!("{} ({late} days after the period)", long_date(d)),
                            1,
                        );
                        evidence.push(self.evidence(j, d, note));
                    }
                    return Outcome {
                        verdict: Verdict::Unfulfilled,
                        detail: Some(Detail::RecurringMissed),
                        evidence,
                        missed: Some(stmtlint_plugin::Window { start: since, end: due }),
                    };
                }
                _ => break,
            }
        }
        // Every period that closed held its meeting; the current one is open.
        let verdict = if kept.is_empty() {
            Verdict::Pending
        } else {
            Verdict::Fulfilled
        };
        Outcome {
            verdict,
            detail: (verdict == Verdict::Fulfilled).then_some(Detail::OnTime),
            evidence: kept
                .iter()
                .map(|&(j, d)| self.evidence(j, d, self.described(j, d)))
                .collect(),
            missed: None,
        }
    }

    /// `is dated 16 December 2016, in Brussels, and calls itself the third meeting`.
    fn described(&self, j: usize, d: Date) -> String {
        let other = &self.statements[j].1;
        let mut note = format!("is dated {}", long_date(d));
        if let Some(place) = &other.place {
            note.push_str(&format!(", in {place}"));
        }
        if let Some(n) = other.ordinal {
            note.push_str(&format!(
                ", and calls itself the {} meeting",
                Vocabulary::shipped().ordinal_word(n)
            ));
        }
        note
    }

    fn evidence(&self, j: usize, d: Date, note: String) -> Evidence {
        let (path, other) = &self.statements[j];
        Evidence {
            path: path.clone(),
            date: d,
            place: other.place.clone(),
            ordinal: other.ordinal,
            note,
        }
    }
}

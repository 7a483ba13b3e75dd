//! `date-consistency`: dates that cannot be right, and dates written two ways.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_lexicon::Lexicon;
use stmtlint_plugin::{
    BlockKind, ConfigurableRule, Date, DateMention, DateSource, DateStyle, Document, Finding, Rule, Severity, Sink,
    Span, date_mentions, declare_rule, weekday_before,
};

declare_rule! {
    /// ## What it does
    /// Flags a weekday that does not match its date (`Tuesday, January 31, 2024`: a
    /// Wednesday), a date no calendar has (`31 April`, `29 February 2023`), a
    /// meeting told of as held (`met`, `took place`, `was held`) on a date later
    /// than the statement's own date from its dateline (`met in Brussels on 17 December` in a statement dated
    /// 16 December), and, as info, a statement that writes dates both day first
    /// (`28 January 2022`) and month first (`June 15, 2021`).
    ///
    /// Dates are read in every language the date grammar reads (English, French,
    /// German, Portuguese, Spanish, Russian); a date without a year takes the
    /// statement's year, or the year before when that is nearer (a statement of
    /// 5 January tells of a meeting on 28 December). Boilerplate is never read.
    ///
    /// ## Why is this bad?
    /// A wrong weekday or an impossible date in a published statement is quoted
    /// back by every reader who notices it, and a meeting dated after the statement
    /// that reports it tells them the date was changed in one place and not the
    /// other.
    ///
    /// ## Example
    /// ```text
    /// Brussels, 16 December 2016
    ///
    /// The participants met in Brussels on Saturday, 17 December 2016.
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Brussels, 16 December 2016
    ///
    /// The participants met in Brussels on Friday, 16 December 2016.
    /// ```
    ///
    /// ## Options
    /// - `mixed-styles`: report dates written both day first and month first
    ///   (default `true`; as info whatever the rule's severity).
    pub struct DateConsistency {
        options: Options,
        took_place: &'static Lexicon,
        coming: &'static Lexicon,
        to_come: &'static Lexicon,
    }
    id = "date-consistency",
    severity = Warning,
    summary = "a date that cannot be right, or dates written two ways",
}

/// `[rules.date-consistency]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Report a statement that writes dates both day first and month first (as info).
    mixed_styles: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { mixed_styles: true }
    }
}

impl ConfigurableRule for DateConsistency {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        Self {
            options,
            took_place: Lexicon::builtin("took-place"),
            coming: Lexicon::builtin("coming-words"),
            to_come: Lexicon::builtin("to-come-words"),
        }
    }
}

use crate::follow_up::long_date as written;

impl Rule for DateConsistency {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let own = doc.metadata.date;
        // The statement's own date, when it does not come from the text itself.
        let dateline = own.filter(|_| {
            matches!(
                doc.metadata.date_source,
                Some(DateSource::Dateline | DateSource::Meta | DateSource::FrontMatter)
            )
        });
        let mut styles: Vec<(Span, DateStyle)> = Vec::new();
        // How the dateline writes its date: it breaks a tie between the body's styles.
        let mut dateline_style = None;
        for block in doc.content_blocks() {
            let text = doc.slice(block.span);
            let at = |s: Span| Span::new(block.span.start + s.start, block.span.start + s.end);
            let body = matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem);
            for m in date_mentions(text) {
                // `JULY 18 AND 19, 1983`: an OCR'd telegram in capitals, its digits
                // often split; not read.
                let month_word = doc
                    .slice(at(m.span))
                    .split(|c: char| !c.is_alphabetic())
                    .find(|w| w.len() > 2);
                if month_word.is_some_and(|w| !w.chars().any(char::is_lowercase)) {
                    continue;
                }
                if m.impossible() {
                    sink.report(impossible(doc, at(m.span), &m));
                    continue;
                }
                let date = resolve(&m, own);
                if let (Some(date), Some((start, weekday))) = (date, weekday_before(&text[..m.span.start])) {
                    let actual = date.weekday().to_monday_one_offset();
                    // `Monday and Tuesday, 4-5 March 2024`: a weekday of any day of
                    // a range is right.
                    let days_after = (weekday - i64::from(actual)).rem_euclid(7);
                    if days_after > i64::from(m.last_day - m.day) {
                        let span = at(Span::new(start, m.span.end));
                        sink.report(
                            Finding::new(
                                span,
                                format!("`{}`: {} is a {}", doc.slice(span), written(date), date.strftime("%A")),
                            )
                            .help("correct the weekday or the date"),
                        );
                    }
                }
                if matches!(m.style, DateStyle::DayMonth | DateStyle::MonthDay) {
                    if body {
                        styles.push((at(m.span), m.style));
                    } else if block.kind == BlockKind::Dateline {
                        dateline_style = dateline_style.or(Some(m.style));
                    }
                }
                if body
                    && let (Some(own), Some(date)) = (dateline, date)
                    && date > own
                    && self.tells_of_the_meeting(sentence(text, m.span))
                {
                    sink.report(
                        Finding::new(
                            at(m.span),
                            format!(
                                "the meeting is dated {}, after the statement's own date, {}",
                                written(date),
                                written(own)
                            ),
                        )
                        .help("a statement reports a meeting held on or before its date: correct one of them"),
                    );
                }
            }
        }
        if self.options.mixed_styles {
            mixed_styles(doc, &styles, dateline_style, sink);
        }
    }
}

impl DateConsistency {
    /// Whether a sentence tells of the meeting as held (`met`, `took place`), not
    /// of one to come (`will`, `next`).
    fn tells_of_the_meeting(&self, sentence: &str) -> bool {
        let words: Vec<&str> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // `was held`, `the meeting, held on …`; not `will be held`, `to be held`.
        let held = (0..words.len()).any(|i| {
            self.took_place.phrase_at(&words[i..]).is_some()
                && !(i > 0 && matches!(words[i - 1].to_ascii_lowercase().as_str(), "be" | "being"))
        });
        held && !words
            .iter()
            .any(|w| self.coming.contains(w) || self.to_come.contains(w))
    }
}

/// The date a mention means: its own year, else the statement's year or the one
/// before, whichever is nearer the statement's date.
fn resolve(m: &DateMention, own: Option<Date>) -> Option<Date> {
    if m.year.is_some() {
        return m.date(None);
    }
    let own = own?;
    let this = m.date(Some(own.year()));
    let before = m.date(Some(own.year() - 1));
    match (this, before) {
        (Some(a), Some(b)) => {
            let days = |d: Date| (d - own).get_days().unsigned_abs();
            Some(if days(b) < days(a) { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

/// The sentence of `text` that holds `span` (the follow-up rule's sentences, which
/// do not end at `Mr.` or `U.S.`).
fn sentence(text: &str, span: Span) -> &str {
    let around = crate::follow_up::sentences(text, 0)
        .into_iter()
        .find(|s| s.start <= span.start && span.end <= s.end);
    around.map_or(text, |s| &text[s.start..s.end])
}

fn impossible(doc: &Document, span: Span, m: &DateMention) -> Finding {
    let month = Date::new(2024, m.month, 1).map_or(String::new(), |d| d.strftime("%B").to_string());
    let days = (1..=31)
        .rev()
        .find(|d| Date::new(m.year.unwrap_or(2024), m.month, *d).is_ok())
        .unwrap_or(28);
    let why = match m.year {
        Some(y) if m.month == 2 && m.day == 29 => format!("{y} is not a leap year"),
        Some(y) => format!("{month} {y} has {days} days"),
        None => format!("{month} has {days} days"),
    };
    Finding::new(span, format!("`{}` is not a date: {why}", doc.slice(span))).help("correct the day")
}

/// Dates written day first and month first in one statement's body: the style used
/// less (ties: the one the dateline does not use, else the one used later) is
/// reported, as info, at each of its dates.
fn mixed_styles(doc: &Document, styles: &[(Span, DateStyle)], dateline: Option<DateStyle>, sink: &mut Sink) {
    let count = |s: DateStyle| styles.iter().filter(|(_, t)| *t == s).count();
    let (day_first, month_first) = (count(DateStyle::DayMonth), count(DateStyle::MonthDay));
    if day_first == 0 || month_first == 0 {
        return;
    }
    let first = styles[0].1;
    let winner = match day_first.cmp(&month_first) {
        std::cmp::Ordering::Greater => DateStyle::DayMonth,
        std::cmp::Ordering::Less => DateStyle::MonthDay,
        std::cmp::Ordering::Equal => dateline.unwrap_or(first),
    };
    let example = styles.iter().find(|(_, s)| *s == winner).map(|(span, _)| *span);
    for (span, style) in styles.iter().filter(|(_, s)| *s != winner) {
        let mut f = Finding::new(
            *span,
            format!(
                "`{}` is written {}; this statement writes its dates {}",
                doc.slice(*span),
                style.name(),
                winner.name()
            ),
        )
        .help("write every date of the statement one way")
        .severity(Severity::Info);
        if let Some(example) = example {
            f = f.label(example, format!("written {} here", winner.name()));
        }
        sink.report(f);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

    use super::*;
    use stmtlint_plugin::{Block, Metadata, SourceMap};

    fn doc(dateline: &str, body: &str) -> Document {
        let text = format!("{dateline}\n\n{body}");
        let metadata = Metadata {
            date: stmtlint_plugin::parse_date(dateline.split(", ").last().unwrap()),
            date_source: Some(DateSource::Dateline),
            ..Metadata::default()
        };
        // The dateline, then a paragraph per part of `body` between blank lines.
        let mut blocks = vec![Block {
            kind: BlockKind::Dateline,
            span: Span::new(0, dateline.len()),
        }];
        let mut start = dateline.len() + 2;
        for part in body.split("\n\n") {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                span: Span::new(start, start + part.len()),
            });
            start += part.len() + 2;
        }
        Document {
            id: 1,
            format: "text".into(),
            blocks,
            text,
            metadata,
            source_map: SourceMap::identity(),
            notes: Vec::new(),
        }
    }

    fn found(dateline: &str, body: &str) -> Vec<(String, Option<Severity>)> {
        let rule = DateConsistency::new(Options::default());
        let d = doc(dateline, body);
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        sink.into_findings()
            .into_iter()
            .map(|f| (f.message, f.severity))
            .collect()
    }

    #[test]
    fn a_weekday_that_does_not_match_its_date() {
        assert_eq!(
            found(
                "Washington, January 31, 2024",
                "The talks ended on Tuesday, January 31, 2024."
            ),
            [(
                "`Tuesday, January 31, 2024`: 31 January 2024 is a Wednesday".to_owned(),
                None
            )]
        );
        assert!(
            found(
                "Washington, January 31, 2024",
                "The talks ended on Wednesday, January 31, 2024."
            )
            .is_empty()
        );
        // A date without a year takes the statement's.
        assert_eq!(found("Paris, 3 mai 2021", "Réunion le lundi 3 mai.").len(), 0);
        assert_eq!(found("Paris, 3 mai 2021", "Réunion le mardi 3 mai.").len(), 1);
        // A range: the weekday of any of its days; a day past the month's end.
        assert!(found("Paris, 5 March 2024", "They met on Monday and Tuesday, 4-5 March 2024.").is_empty());
        assert_eq!(
            found("Paris, 5 March 2024", "They met on Wednesday, 4-5 March 2024.").len(),
            1
        );
        assert_eq!(
            found("Brussels, 1 July 2021", "The Ministers met on 30-31 June 2021."),
            [(
                "`30-31 June 2021` is not a date: June 2021 has 30 days".to_owned(),
                None
            )]
        );
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(
            found(
                "London, 3 May 2023",
                "Talks on 31 April 2023 and 29 February 2023, and on 30 February."
            ),
            [
                ("`31 April 2023` is not a date: April 2023 has 30 days".to_owned(), None),
                (
                    "`29 February 2023` is not a date: 2023 is not a leap year".to_owned(),
                    None
                ),
                ("`30 February` is not a date: February has 29 days".to_owned(), None),
            ]
        );
    }

    #[test]
    fn a_meeting_dated_after_the_statement() {
        assert_eq!(
            found(
                "Brussels, 16 December 2016",
                "The participants met in Brussels on 17 December."
            ),
            [(
                "the meeting is dated 17 December 2016, after the statement's own date, 16 December 2016".to_owned(),
                None
            )]
        );
        assert!(
            found(
                "Brussels, 16 December 2016",
                "The participants met in Brussels on 16 December."
            )
            .is_empty()
        );
        assert!(found("Brussels, 16 December 2016", "They will meet again on 17 December.").is_empty());
        // A statement of January tells of a meeting in December of the year before.
        assert!(found("Ottawa, 5 January 2026", "The parties met on 28 December.").is_empty());
    }

    #[test]
    fn mixed_styles_are_info() {
        assert_eq!(
            found(
                "Brussels, 28 January 2022",
                "Recalling the June 15, 2021 summit and the meetings of 3 March 2021 and 28 January 2022."
            ),
            [(
                "`June 15, 2021` is written month first; this statement writes its dates day first".to_owned(),
                Some(Severity::Info)
            )]
        );
    }

    #[test]
    fn a_tie_between_styles_goes_to_the_datelines() {
        assert_eq!(
            found(
                "Washington, Thursday, 14 March 2024",
                "They met on March 13, 2024; the report is dated 14 March 2024."
            ),
            [(
                "`March 13, 2024` is written month first; this statement writes its dates day first".to_owned(),
                Some(Severity::Info)
            )]
        );
    }

    /// How many findings on `body` (under `dateline`) have a message that says `says`.
    fn counted(dateline: &str, body: &str, says: &str) -> usize {
        found(dateline, body).iter().filter(|(m, _)| m.contains(says)).count()
    }

    #[test]
    fn weekdays_in_every_language_of_the_date_grammar() {
        let wrong = |line: &str| counted("Berlin, 14. Januar 2025", line, " is a ");
        // 14 January 2025 was a Tuesday.
        assert_eq!(wrong("Sie trafen sich am Montag, den 13. Januar 2025."), 0);
        assert_eq!(wrong("Sie trafen sich am Dienstag, den 13. Januar 2025."), 1);
        assert_eq!(wrong("Reuniram-se na terça-feira, 13 de janeiro de 2025."), 1);
        assert_eq!(wrong("Ils se sont réunis le lundi 13 janvier 2025."), 0);
        assert_eq!(wrong("They met on 13 January 2025 and on Monday."), 0);
    }

    #[test]
    fn a_meeting_held_after_the_dateline() {
        let after = |line: &str| counted("New Delhi, 16 December 2024", line, "the meeting is dated");
        assert_eq!(
            after("The meeting, held on 17 December 2024 in New Delhi, agreed a plan."),
            1
        );
        assert_eq!(after("The Council convened in New Delhi on 17 December 2024."), 1);
        assert_eq!(
            after("The meeting to be held on 17 December 2024 will adopt a plan."),
            0
        );
        assert_eq!(after("The next meeting will be held on 17 December 2024."), 0);
        assert_eq!(after("The meeting was held on 16 December 2024."), 0);
        // An event to come, named without `will`.
        assert_eq!(
            after("Ministers look forward to COP29, hosted by Azerbaijan in Baku on 11 December 2024."),
            0
        );
        for to_come in [
            "Ahead of the summit, hosted by India on 17 December 2024, ministers met.",
            "The ministerial, scheduled for 17 December 2024 and hosted by Japan, will follow.",
            "The planned round, hosted by Japan on 17 December 2024, will follow.",
        ] {
            assert_eq!(after(to_come), 0, "{to_come}");
        }
        // Anywhere in the body, not only in its opening.
        let text = "They met.\n\nThey talked.\n\nThey agreed.\n\nIt was preceded by a forum held on 18 December 2024.";
        assert_eq!(after(text), 1);
    }
}

//! Time expressions in prose, resolved to windows of days: `in approximately one
//! year's time`, `next year`, `in the first half of 2020`, `by the end of 2023`,
//! `within twelve months`, `in April 2015`, `later this year`, `in spring 2018`.
//!
//! The date crates parse a string that *is* a date and none resolves "by the end of
//! 2015" or "in approximately one year's time" (`shared/research/ingestion.md` §4), so
//! this is a small grammar over the tokens of [`crate::date`]; `jiff` does the
//! calendar. Relative expressions resolve against an anchor, the statement's own
//! date; without one they are not found.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::Span;
use crate::date::{Cursor, Kind, day_month_year, month, month_day_year, numeric, tokenize, year};

/// A closed range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Window {
    /// The first day.
    pub start: Date,
    /// The last day.
    pub end: Date,
}

impl Window {
    /// Whether `day` falls inside, `slack_days` after the end included.
    pub fn contains(&self, day: Date, slack_days: i64) -> bool {
        day >= self.start && day <= add_days(self.end, slack_days)
    }
}

/// A time expression found in prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// Where it stands, leading preposition included (`in approximately one year's time`).
    pub span: Span,
    /// The days it allows.
    pub window: Window,
    /// "approximately", "about", "some": the window was widened.
    pub approximate: bool,
    /// "by …", "within …", "no later than …": any day up to the end will do.
    pub deadline: bool,
}

/// How the expression is introduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lead {
    /// `by`, `before`, `until`, `no later than`: up to the end of what follows.
    Deadline,
    /// `within`: from the anchor for a duration.
    Within,
    /// `in`: at or around what follows, durations included (`in one year`).
    In,
    /// `during`, `on`, `at`, `for`, `over`: a period, or `the next two years`.
    At,
    /// No preposition: only relative phrases (`next year`) count.
    Bare,
}

/// What follows the lead.
enum Body {
    /// A stretch of calendar: `2022`, `April 2015`, `the first half of 2020`.
    Period {
        window: Window,
        bare_ok: bool,
        approximate: bool,
    },
    /// An amount of time from the anchor: `one year`, `twelve months`.
    Duration {
        amount: i64,
        unit: Unit,
        approximate: bool,
        ahead: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Year,
    Month,
    Week,
    Day,
}

/// Every time expression in `s` that resolves to a window, in order, with its span.
/// `anchor` is the day the text was written; relative expressions (`next year`,
/// `in one year's time`) need it.
pub fn find_time_expressions(s: &str, anchor: Option<Date>) -> Vec<TimeExpr> {
    let tokens = tokenize(s);
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let boundary = i == 0 || !tokens[i].glued || matches!(tokens[i - 1].kind, Kind::Punct(_));
        let mut c = Cursor { tokens: &tokens, at: i };
        match boundary.then(|| expression(&mut c, anchor)).flatten() {
            Some((window, approximate, deadline)) if c.at > i => {
                found.push(TimeExpr {
                    span: Span::new(tokens[i].start, tokens[c.at - 1].end),
                    window,
                    approximate,
                    deadline,
                });
                i = c.at;
            }
            _ => i += 1,
        }
    }
    found
}

fn expression(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<(Window, bool, bool)> {
    let lead = lead(c);
    let body = body(c, anchor)?;
    // `2014a`, `April 2015th`: glued to more text, not an expression.
    if c.peek()
        .is_some_and(|t| t.glued && matches!(t.kind, Kind::Word | Kind::Number))
    {
        return None;
    }
    match (lead, body) {
        (Lead::Bare, Body::Period { bare_ok: false, .. }) => None,
        (Lead::Deadline, Body::Period { window, .. }) => {
            let start = anchor.filter(|a| *a <= window.end).unwrap_or(window.start);
            Some((Window { start, ..window }, false, true))
        }
        (
            _,
            Body::Period {
                window, approximate, ..
            },
        ) => Some((window, approximate, false)),
        (Lead::Within, Body::Duration { amount, unit, .. })
        | (
            Lead::In | Lead::At,
            Body::Duration {
                amount,
                unit,
                ahead: true,
                ..
            },
        ) => {
            let anchor = anchor?;
            let end = add(anchor, amount, unit)?;
            Some((Window { start: anchor, end }, false, true))
        }
        (
            Lead::In,
            Body::Duration {
                amount,
                unit,
                approximate,
                ..
            },
        ) => {
            let center = add(anchor?, amount, unit)?;
            let half = half_width(amount, unit, approximate);
            let window = Window {
                start: add_days(center, -half),
                end: add_days(center, half),
            };
            Some((window, approximate, false))
        }
        (Lead::Deadline | Lead::At | Lead::Bare, Body::Duration { .. }) => None,
    }
}

/// How far around "in N units" a meeting still counts as on time, in days.
fn half_width(amount: i64, unit: Unit, approximate: bool) -> i64 {
    let days = amount
        * match unit {
            Unit::Year => 365,
            Unit::Month => 30,
            Unit::Week => 7,
            Unit::Day => 1,
        };
    // "approximately one year" = within three months of it; "one year" = two.
    let share = if approximate { days / 4 } else { days / 6 };
    share.max(match unit {
        Unit::Year | Unit::Month => 14,
        Unit::Week | Unit::Day => 2,
    })
}

fn lead(c: &mut Cursor<'_, '_>) -> Lead {
    const LEADS: &[(&[&str], Lead)] = &[
        (&["no", "later", "than"], Lead::Deadline),
        (&["not", "later", "than"], Lead::Deadline),
        (&["by"], Lead::Deadline),
        (&["before"], Lead::Deadline),
        (&["until"], Lead::Deadline),
        (&["till"], Lead::Deadline),
        (&["within"], Lead::Within),
        (&["in"], Lead::In),
        (&["during"], Lead::At),
        (&["on"], Lead::At),
        (&["at"], Lead::At),
        (&["for"], Lead::At),
        (&["over"], Lead::At),
    ];
    for (words, lead) in LEADS {
        if phrase(c, words) {
            return *lead;
        }
    }
    Lead::Bare
}

type BodyParser = fn(&mut Cursor<'_, '_>, Option<Date>) -> Option<Body>;

fn body(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<Body> {
    let start = c.at;
    let parsers: [BodyParser; 4] = [duration, part_of, season, calendar];
    for parse in parsers {
        c.at = start;
        if let Some(body) = parse(c, anchor) {
            return Some(body);
        }
    }
    c.at = start;
    None
}

/// `approximately one year's time`, `twelve months`, `the next two years`, `a year`.
fn duration(c: &mut Cursor<'_, '_>, _anchor: Option<Date>) -> Option<Body> {
    let ahead = phrase(c, &["the", "next"]) || phrase(c, &["the", "coming"]);
    let approximate = one_of(
        c,
        &["approximately", "about", "around", "roughly", "some", "approx", "circa"],
    )
    .is_some();
    let counted = amount(c);
    // Neither a count nor `the next`/`the coming`: no duration (most words of a
    // sentence, answered before the next word is lowered).
    if counted.is_none() && !ahead {
        return None;
    }
    let unit_word = c.next()?.text.to_lowercase();
    // `the next year` is one year ahead; `the coming months` is a period, not a count.
    let amount = counted.or_else(|| (ahead && !unit_word.ends_with('s')).then_some(1))?;
    let unit = match unit_word.as_str() {
        "year" | "years" => Unit::Year,
        "month" | "months" => Unit::Month,
        "week" | "weeks" => Unit::Week,
        "day" | "days" => Unit::Day,
        _ => return None,
    };
    // `one year's time`, `twelve months' time`, `two years time`.
    let before = c.at;
    let possessive = c.skip_punct('\'', true) || c.skip_punct('’', true);
    if possessive {
        let _ = word(c, "s");
    }
    if !word(c, "time") && !possessive {
        c.at = before;
    }
    let _ = phrase(c, &["from", "now"]);
    Some(Body::Duration {
        amount,
        unit,
        approximate,
        ahead,
    })
}

fn amount(c: &mut Cursor<'_, '_>) -> Option<i64> {
    let t = c.peek()?;
    let n = match t.kind {
        Kind::Number if t.text.len() <= 2 => t.text.parse().ok()?,
        Kind::Word => stmtlint_lexicon::builtin!("number-words").number(t.text)?,
        _ => return None,
    };
    c.at += 1;
    (n > 0).then_some(n)
}

/// `the first half of 2020`, `the end of 2023`, `the third quarter of next year`,
/// `early 2019`, `mid-2020`, `late next year`, `the end of March 2016`.
fn part_of(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<Body> {
    let the = word(c, "the");
    let part = one_of(
        c,
        &[
            "first",
            "second",
            "third",
            "fourth",
            "last",
            "final",
            "beginning",
            "start",
            "middle",
            "end",
            "close",
            "early",
            "mid",
            "late",
        ],
    )?;
    let (first, last) = match part {
        "first" | "second" | "third" | "fourth" | "last" | "final" => {
            let unit = one_of(c, &["half", "quarter", "week"])?;
            // `the second week of June 2023`: the month's days 8–14.
            if unit == "week" {
                if !word(c, "of") {
                    return None;
                }
                let (y, m) = month_year(c, anchor)?;
                let (from, to) = match part {
                    "first" => (1, 7),
                    "second" => (8, 14),
                    "third" => (15, 21),
                    "fourth" => (22, 28),
                    _ => (25, 31),
                };
                return Some(Body::Period {
                    window: days_of_month(y, m, from, to)?,
                    bare_ok: false,
                    approximate: false,
                });
            }
            if !word(c, "of") {
                return None;
            }
            let index = match part {
                "first" => 0,
                "second" => 1,
                "third" => 2,
                "fourth" => 3,
                _ if unit == "half" => 1,
                _ => 3,
            };
            let size = if unit == "half" { 6 } else { 3 };
            if index * size >= 12 {
                return None;
            }
            (index * size + 1, index * size + size)
        }
        "beginning" | "start" | "middle" | "end" | "close" => {
            if !word(c, "of") {
                return None;
            }
            // `the end of the first quarter of 2025`: the first or last month of it.
            let nested = c.at;
            if let Some(Body::Period { window, .. }) = part_of(c, anchor) {
                let month = |d: Date| months(d.year(), d.month(), d.year(), d.month());
                let window = match part {
                    "beginning" | "start" => month(window.start)?,
                    "middle" => window,
                    _ => month(window.end)?,
                };
                return Some(Body::Period {
                    window,
                    bare_ok: false,
                    approximate: false,
                });
            }
            c.at = nested;
            if let Some((y, m)) = month_year(c, anchor) {
                let (from, to) = match part {
                    "beginning" | "start" => (1, 10),
                    "middle" => (11, 20),
                    _ => (21, 31),
                };
                return Some(Body::Period {
                    window: days_of_month(y, m, from, to)?,
                    bare_ok: false,
                    approximate: false,
                });
            }
            match part {
                "beginning" | "start" => (1, 3),
                "middle" => (5, 8),
                _ => (10, 12),
            }
        }
        // early/mid/late: no `the`, an optional hyphen (`mid-2020`).
        _ if the => return None,
        _ => {
            let _ = c.skip_punct('-', true) || c.skip_punct('–', true);
            if let Some((y, m)) = month_year(c, anchor) {
                let (from, to) = match part {
                    "early" => (1, 10),
                    "mid" => (11, 20),
                    _ => (21, 31),
                };
                return Some(Body::Period {
                    window: days_of_month(y, m, from, to)?,
                    bare_ok: true,
                    approximate: false,
                });
            }
            match part {
                "early" => (1, 4),
                "mid" => (5, 8),
                _ => (9, 12),
            }
        }
    };
    let (y, _) = year_ref(c, anchor)?;
    Some(Body::Period {
        window: months(y, first, y, last)?,
        bare_ok: !the,
        approximate: false,
    })
}

/// `spring 2018`, `the spring of 2018`, `next autumn`, `this summer`, `the fall`.
fn season(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<Body> {
    let the = word(c, "the");
    let relative = if the {
        None
    } else {
        one_of(c, &["next", "this", "coming"])
    };
    let name = one_of(c, &["spring", "summer", "autumn", "fall", "winter"])?;
    let first: i8 = match name {
        "spring" => 3,
        "summer" => 6,
        "winter" => 12,
        _ => 9,
    };
    let _ = word(c, "of");
    let y = match year_ref(c, anchor) {
        Some((y, _)) => y,
        None => {
            // The next such season at or after the anchor (`this`: the current one).
            let anchor = anchor?;
            let mut y = anchor.year();
            let ends = |y: i16| months(y, first, y, first + 2).map(|w| w.end);
            if ends(y).is_none_or(|end| end < anchor) {
                y += 1;
            }
            if relative == Some("next") && months(y, first, y, first + 2).is_some_and(|w| w.start <= anchor) {
                y += 1;
            }
            y
        }
    };
    Some(Body::Period {
        window: months(y, first, y, first + 2)?,
        bare_ok: relative.is_some(),
        approximate: true,
    })
}

/// A date (`16 December 2016`), a month (`April 2015`, `April`), a year (`2022`,
/// `next year`), `later this year`, `the coming months`, `next month`.
fn calendar(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<Body> {
    let start = c.at;
    let parsers: [fn(&mut Cursor<'_, '_>) -> Option<Date>; 3] = [numeric, day_month_year, month_day_year];
    for parse in parsers {
        c.at = start;
        if let Some(day) = parse(c) {
            return Some(Body::Period {
                window: Window { start: day, end: day },
                bare_ok: false,
                approximate: false,
            });
        }
    }
    // `30 March`, `March 30`: the such day nearest the anchor (`on December 5` in a
    // statement of 16 December is eleven days before it, not next year's).
    c.at = start;
    if let Some(anchor) = anchor
        && let Some((m, d)) = day_and_month(c)
    {
        let distance = |day: &Date| anchor.until(*day).map_or(i64::MAX, |s| i64::from(s.get_days()).abs());
        let day = [anchor.year() - 1, anchor.year(), anchor.year() + 1]
            .into_iter()
            .filter_map(|y| Date::new(y, m, d).ok())
            .min_by_key(distance)?;
        return Some(Body::Period {
            window: Window { start: day, end: day },
            bare_ok: false,
            approximate: false,
        });
    }
    c.at = start;
    if phrase(c, &["later", "this", "year"]) || phrase(c, &["later", "in", "the", "year"]) {
        let anchor = anchor?;
        return Some(Body::Period {
            window: Window {
                start: anchor,
                end: Date::new(anchor.year(), 12, 31).ok()?,
            },
            bare_ok: true,
            approximate: false,
        });
    }
    for (words, months_ahead) in [
        (&["the", "coming", "months"][..], 6),
        (&["the", "coming", "weeks"][..], 2),
    ] {
        if phrase(c, words) {
            let anchor = anchor?;
            return Some(Body::Period {
                window: Window {
                    start: anchor,
                    end: anchor.checked_add(months_ahead.months()).ok()?,
                },
                bare_ok: false,
                approximate: true,
            });
        }
    }
    if phrase(c, &["next", "month"]) {
        let next = anchor?.first_of_month().checked_add(1.month()).ok()?;
        return Some(Body::Period {
            window: Window {
                start: next,
                end: next.last_of_month(),
            },
            bare_ok: true,
            approximate: false,
        });
    }
    // `May/June 1995`, `May-June 1995`, `May or June 1995`.
    let before = c.at;
    if let Some(first) = c
        .peek()
        .filter(|t| t.kind == Kind::Word && t.text.starts_with(char::is_uppercase))
        .and_then(|t| month(t.text))
    {
        c.at += 1;
        let joined = c.skip_punct('/', true)
            || c.skip_punct('-', true)
            || c.skip_punct('–', true)
            || word(c, "or")
            || word(c, "to");
        if joined
            && let Some((y, last)) = month_year(c, anchor)
            && last > first
        {
            return Some(Body::Period {
                window: months(y, first, y, last)?,
                bare_ok: false,
                approximate: false,
            });
        }
        c.at = before;
    }
    if let Some((y, m)) = month_year(c, anchor) {
        return Some(Body::Period {
            window: months(y, m, y, m)?,
            bare_ok: false,
            approximate: false,
        });
    }
    let (y, relative) = year_ref(c, anchor)?;
    Some(Body::Period {
        window: months(y, 1, y, 12)?,
        bare_ok: relative,
        approximate: false,
    })
}

/// A day and a month with no year after them: `30 March`, `March 30`.
fn day_and_month(c: &mut Cursor<'_, '_>) -> Option<(i8, i8)> {
    let start = c.at;
    let day = |c: &mut Cursor<'_, '_>| {
        let d = c
            .peek()
            .filter(|t| t.kind == Kind::Number)
            .and_then(|t| t.text.parse::<i8>().ok())
            .filter(|d| (1..=31).contains(d))?;
        c.at += 1;
        // `September 29th`.
        if c.peek().is_some_and(|t| t.glued && t.kind == Kind::Word) {
            c.skip_ordinal();
        }
        Some(d)
    };
    // The dot of `Mar. 30`; in `on 30 March.` it ends the sentence.
    let month_word = |c: &mut Cursor<'_, '_>, dot: bool| {
        let m = c
            .peek()
            .filter(|t| t.kind == Kind::Word && t.text.starts_with(char::is_uppercase))
            .and_then(|t| month(t.text))?;
        c.at += 1;
        if dot {
            c.skip_punct('.', true);
        }
        Some(m)
    };
    let read = match day(c) {
        Some(d) => month_word(c, false).map(|m| (m, d)),
        None => month_word(c, true).and_then(|m| day(c).map(|d| (m, d))),
    };
    // A year after it makes a full date, which the date parsers read.
    let at = c.at;
    let _ = c.skip_punct(',', false);
    let year_follows = c.peek().is_some_and(|t| year(t).is_some());
    c.at = at;
    if read.is_none() || year_follows {
        c.at = start;
        return None;
    }
    read
}

/// `April 2015`, `April of next year`, `April` (the next April from the anchor).
/// Month names must be capitalized: `may` is a verb.
fn month_year(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<(i16, i8)> {
    let start = c.at;
    let t = c.peek().filter(|t| t.kind == Kind::Word)?;
    if !t.text.starts_with(|ch: char| ch.is_uppercase()) || t.text.len() < 3 {
        return None;
    }
    let m = month(t.text)?;
    c.at += 1;
    c.skip_punct('.', true);
    let before_year = c.at;
    let _ = c.skip_punct(',', false) || word(c, "of");
    if let Some((y, _)) = year_ref(c, anchor) {
        return Some((y, m));
    }
    c.at = before_year;
    // `December 5` without a year is a day, not the month; this grammar leaves it.
    if c.peek().is_some_and(|t| t.kind == Kind::Number) {
        c.at = start;
        return None;
    }
    let anchor = anchor.or_else(|| {
        c.at = start;
        None
    })?;
    let y = if m >= anchor.month() {
        anchor.year()
    } else {
        anchor.year() + 1
    };
    Some((y, m))
}

/// `2022`, `this year`, `next year`, `the following year`, `the year`; and whether it
/// was relative (`next year`), which may stand without a preposition.
fn year_ref(c: &mut Cursor<'_, '_>, anchor: Option<Date>) -> Option<(i16, bool)> {
    if let Some(t) = c.peek()
        && let Some(y) = year(t).filter(|y| (1900..=2100).contains(y))
    {
        c.at += 1;
        return Some((y, false));
    }
    let start = c.at;
    // (words, years after the anchor's, may stand without a preposition)
    const RELATIVE: &[(&[&str], i16, bool)] = &[
        (&["next", "year"], 1, true),
        (&["this", "year"], 0, true),
        (&["the", "following", "year"], 1, false),
        (&["the", "next", "year"], 1, false),
        (&["the", "current", "year"], 0, false),
        (&["the", "year"], 0, false),
    ];
    for (words, offset, bare) in RELATIVE {
        if phrase(c, words) {
            let Some(anchor) = anchor else {
                c.at = start;
                return None;
            };
            return Some((anchor.year() + offset, *bare));
        }
    }
    None
}

/// The months `first..=last` (of `y1`..`y2`) as days.
fn months(y1: i16, first: i8, y2: i16, last: i8) -> Option<Window> {
    // Winter runs into the next year: months 12..14.
    let (y2, last) = if last > 12 { (y2 + 1, last - 12) } else { (y2, last) };
    Some(Window {
        start: Date::new(y1, first, 1).ok()?,
        end: Date::new(y2, last, 1).ok()?.last_of_month(),
    })
}

fn days_of_month(y: i16, m: i8, from: i8, to: i8) -> Option<Window> {
    let first = Date::new(y, m, 1).ok()?;
    let last = first.last_of_month();
    Some(Window {
        start: first.with().day(from).build().ok()?,
        end: if to >= last.day() {
            last
        } else {
            first.with().day(to).build().ok()?
        },
    })
}

fn add(day: Date, amount: i64, unit: Unit) -> Option<Date> {
    let span = match unit {
        Unit::Year => amount.years(),
        Unit::Month => amount.months(),
        Unit::Week => amount.weeks(),
        Unit::Day => amount.days(),
    };
    day.checked_add(span).ok()
}

fn add_days(day: Date, days: i64) -> Date {
    day.checked_add(days.days()).unwrap_or(day)
}

/// Consumes `w` (any case) if it is next.
fn word(c: &mut Cursor<'_, '_>, w: &str) -> bool {
    match c.peek() {
        Some(t) if t.kind == Kind::Word && t.text.eq_ignore_ascii_case(w) => {
            c.at += 1;
            true
        }
        _ => false,
    }
}

/// Consumes the words in order, or nothing.
fn phrase(c: &mut Cursor<'_, '_>, words: &[&str]) -> bool {
    let start = c.at;
    if words.iter().all(|w| word(c, w)) {
        return true;
    }
    c.at = start;
    false
}

/// Consumes whichever of `words` is next and says which.
fn one_of<'w>(c: &mut Cursor<'_, '_>, words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| word(c, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The one expression in `s`, as (text, start, end).
    fn one(s: &str, anchor: &str) -> (String, String, String) {
        let found = find_time_expressions(s, Some(d(anchor)));
        assert_eq!(found.len(), 1, "{s}: {found:?}");
        let e = &found[0];
        (
            s[e.span.start..e.span.end].to_owned(),
            e.window.start.to_string(),
            e.window.end.to_string(),
        )
    }

    #[test]
    fn resolves_the_expressions_commitments_use() {
        let cases = [
            (
                "the inaugural TTC meeting on September 29<sup>th</sup> in Pittsburgh",
                "2021-09-09",
                "on September 29<sup>th</sup>",
                "2021-09-29",
                "2021-09-29",
            ),
            (
                "convene again in approximately one year’s time in Washington",
                "2014-12-05",
                "in approximately one year’s time",
                "2015-09-05",
                "2016-03-05",
            ),
            (
                "meet again next year",
                "2016-12-16",
                "next year",
                "2017-01-01",
                "2017-12-31",
            ),
            (
                "the next meeting in 2022",
                "2021-03-01",
                "in 2022",
                "2022-01-01",
                "2022-12-31",
            ),
            (
                "meet in the first half of 2020 in Tokyo",
                "2019-06-01",
                "in the first half of 2020",
                "2020-01-01",
                "2020-06-30",
            ),
            (
                "meet in spring 2018",
                "2017-10-01",
                "in spring 2018",
                "2018-03-01",
                "2018-05-31",
            ),
            (
                "hold the next round by the end of 2023.",
                "2023-02-02",
                "by the end of 2023",
                "2023-02-02",
                "2023-12-31",
            ),
            (
                "reconvene within twelve months.",
                "2020-05-10",
                "within twelve months",
                "2020-05-10",
                "2021-05-10",
            ),
            (
                "meet in April 2015 in Paris",
                "2014-06-01",
                "in April 2015",
                "2015-04-01",
                "2015-04-30",
            ),
            (
                "will meet later this year",
                "2023-05-20",
                "later this year",
                "2023-05-20",
                "2023-12-31",
            ),
            (
                "hold its next meeting in April",
                "2014-06-01",
                "in April",
                "2015-04-01",
                "2015-04-30",
            ),
            (
                "hold the next round on 30 March",
                "2022-03-10",
                "on 30 March",
                "2022-03-30",
                "2022-03-30",
            ),
            (
                "met on December 5, and will",
                "2016-12-16",
                "on December 5",
                "2016-12-05",
                "2016-12-05",
            ),
            (
                "convene in the second week of June 2023",
                "2022-11-01",
                "in the second week of June 2023",
                "2023-06-08",
                "2023-06-14",
            ),
            (
                "meet in mid-2020",
                "2019-06-01",
                "in mid-2020",
                "2020-05-01",
                "2020-08-31",
            ),
            (
                "meet early next year",
                "2019-06-01",
                "early next year",
                "2020-01-01",
                "2020-04-30",
            ),
            (
                "meet in the spring of 2018",
                "2017-10-01",
                "in the spring of 2018",
                "2018-03-01",
                "2018-05-31",
            ),
            (
                "meet next spring",
                "2017-04-01",
                "next spring",
                "2018-03-01",
                "2018-05-31",
            ),
            (
                "in the coming months",
                "2022-01-15",
                "in the coming months",
                "2022-01-15",
                "2022-07-15",
            ),
            (
                "meet on 5 May 2015 in Riga",
                "2014-06-01",
                "on 5 May 2015",
                "2015-05-05",
                "2015-05-05",
            ),
            (
                "by the end of March 2016",
                "2015-06-01",
                "by the end of March 2016",
                "2015-06-01",
                "2016-03-31",
            ),
            ("in the fall", "2018-10-01", "in the fall", "2018-09-01", "2018-11-30"),
            (
                "in the winter of 2019",
                "2018-10-01",
                "in the winter of 2019",
                "2019-12-01",
                "2020-02-29",
            ),
            (
                "hosted in May/June 1995",
                "1994-03-18",
                "in May/June 1995",
                "1995-05-01",
                "1995-06-30",
            ),
            (
                "by the end of the first quarter of 2025",
                "2024-05-21",
                "by the end of the first quarter of 2025",
                "2024-05-21",
                "2025-03-31",
            ),
            (
                "over the next two years",
                "2020-01-01",
                "over the next two years",
                "2020-01-01",
                "2022-01-01",
            ),
            (
                "in six months",
                "2020-01-01",
                "in six months",
                "2020-06-01",
                "2020-07-31",
            ),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, anchor, expr, start, end)| {
                one(text, anchor) != ((*expr).to_owned(), (*start).to_owned(), (*end).to_owned())
            })
            .map(|(text, anchor, ..)| format!("{text}: {:?}", one(text, anchor)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn relative_expressions_need_an_anchor() {
        assert!(find_time_expressions("meet again next year", None).is_empty());
        assert!(find_time_expressions("in approximately one year's time", None).is_empty());
        assert_eq!(find_time_expressions("meet again in 2022", None).len(), 1);
    }

    #[test]
    fn leaves_what_is_not_a_time_expression() {
        let anchor = Some(d("2016-12-16"));
        for text in [
            "the 2015 report of the Group",
            "in may cases",
            "in one of the areas",
            "at the end of the day",
            "on the first half of the agenda",
            "the year of the dragon",
            "in 20150 cases",
            "by the parties",
            "for a year",
        ] {
            let found: Vec<&str> = find_time_expressions(text, anchor)
                .iter()
                .map(|e| &text[e.span.start..e.span.end])
                .collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn windows_contain_their_days_with_slack() {
        let w = Window {
            start: d("2015-09-05"),
            end: d("2016-03-04"),
        };
        assert!(w.contains(d("2015-12-01"), 0));
        assert!(!w.contains(d("2016-04-01"), 0));
        assert!(w.contains(d("2016-04-01"), 30));
        assert!(!w.contains(d("2015-09-04"), 90));
    }
}

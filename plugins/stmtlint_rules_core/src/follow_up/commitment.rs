//! Dated commitments to meet again, read from a statement's sentences: "will convene
//! the U.S.-EU Cyber Dialogue again in approximately one year's time in Washington,
//! D.C.". Undated promises ("will continue to cooperate") are not commitments, and
//! neither are dated deliverables ("publish a report by the end of 2023").

use serde::{Deserialize, Serialize};
use stmtlint_plugin::{Date, Document, Span, TimeExpr, Window, find_time_expressions};

use stmtlint_lexicon::Lexicon;

use super::series;
use super::vocabulary::{self, Vocabulary};
use crate::names::{Word, fold, pair_parts, words};

/// A promise to meet, with the days it allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// The sentence, in the document text.
    pub sentence: Span,
    /// The sentence with its white space collapsed.
    pub text: String,
    /// What was promised: `fourth EU-U.S. Cyber Dialogue in Washington, D.C.`.
    pub promised: String,
    /// The ordinal the sentence gives the promised meeting (`fourth`).
    pub ordinal: Option<String>,
    /// Where the meeting is to be.
    pub place: Option<String>,
    /// The time expression as written: `in approximately one year's time`.
    pub when: String,
    /// Its days; `None` for a time relative to an undated statement (`next year`):
    /// the promise is listed as `unanchored`.
    pub window: Option<Window>,
    /// A series the sentence names, when it is not the statement's own.
    pub series: Option<std::sync::Arc<series::Series>>,
    /// A meeting of a body the sentence does not name (`its first meeting` in the
    /// communiqué of a fifteenth summit): listed, judged in no series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub another_body: bool,
    /// The months between meetings of a recurring promise (`meet annually`: 12);
    /// its window is the first period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_months: Option<u32>,
}

/// What one pass over a statement's blocks finds.
#[derive(Debug, Default)]
pub struct Scan {
    /// The dated commitments to meet again, resolved against the statement's date
    /// (none without a date).
    pub commitments: Vec<Commitment>,
    /// The blocks with an ordinal word or number, where [`own_ordinal`] looks.
    ordinal_blocks: Vec<Span>,
    /// Whether a sentence says a meeting was postponed or called off.
    pub called_off: bool,
}

/// Reads `doc`'s blocks once for ordinals and, when `promises`, for commitments
/// (resolved against `date`; without one, a relative time is left unanchored).
pub fn scan(v: &Vocabulary, doc: &Document, date: Option<Date>, promises: bool) -> Scan {
    let mut found = Scan::default();
    let mut hits = Vec::new();
    for block in doc.content_blocks() {
        let text = doc.slice(block.span);
        // A sentence without a word of the future and a word of meeting promises no
        // meeting: one pass over the block's words finds both kinds of word (and
        // ordinals), and only a block with both is cut into sentences. When the
        // words cannot be searched for, every block and sentence is read in full.
        let all = !v.cues(text, &mut hits);
        let has = |kind: u32| all || hits.iter().any(|h| h.lexicons & kind != 0);
        if has(vocabulary::ORDINAL) || numbered_ordinal(text) {
            found.ordinal_blocks.push(block.span);
        }
        if !promises {
            continue;
        }
        let meeting = vocabulary::MEETING_VERB | vocabulary::MEETING_NOUN;
        let called_off = has(vocabulary::CALLED_OFF);
        if !(has(vocabulary::FUTURE) || called_off) || !has(meeting) {
            continue;
        }
        for sentence in sentences(text, block.span.start) {
            let inside = |kind: u32| {
                all || hits.iter().any(|h| {
                    h.lexicons & kind != 0 && (sentence.start..sentence.end).contains(&(block.span.start + h.start))
                })
            };
            // `the Ministerial, postponed because of the pandemic`.
            if called_off && inside(vocabulary::CALLED_OFF) && inside(meeting) {
                found.called_off |= says_called_off(v, doc.slice(sentence));
            }
            if inside(vocabulary::FUTURE) && inside(meeting) {
                found
                    .commitments
                    .extend(commitments(v, doc.slice(sentence), sentence, date));
            }
        }
    }
    found
}

/// Whether `sentence` has a phrase of `called-off.toml` (word by word).
fn says_called_off(v: &Vocabulary, sentence: &str) -> bool {
    let words = words(sentence, 0);
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    (0..texts.len()).any(|i| v.called_off.phrase_at(&texts[i..]).is_some())
}

/// Whether `text` has a numbered ordinal (`21st`, `2nd`, `28th`: a digit, then a
/// letter of a suffix).
fn numbered_ordinal(text: &str) -> bool {
    let bytes = text.as_bytes();
    stmtlint_lexicon::scan::digits(bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|b| matches!(b | 0x20, b's' | b'n' | b'r' | b't'))
    })
}

/// The index of the first of `words` that `lexicon` has.
fn first_of(words: &[Word<'_>], lexicon: &Lexicon) -> Option<usize> {
    words.iter().position(|w| lexicon.contains(w.text))
}

/// The promises to meet of one sentence of a statement dated `date`: none, one, or
/// one per place and time (`in Brazil in 2024 and in South Africa in 2025`).
///
/// The grammar: a word of the future (`will`, `look forward`, `agreed to`,
/// `would`, `accepted the invitation`); a meeting — a verb of meeting that holds
/// one (`hold the next meeting`, `host the G7 Summit`, `hold an in-person summit`,
/// `meet in Brasília`) or a meeting noun the parties own (`the next meeting`,
/// `the third meeting`, `the upcoming ministerial`); a later one of a series
/// (`again`, `next`, an ordinal above one, `upcoming`) unless the verb holds a
/// meeting by itself; and a time expression after the word of the future, or one
/// that opens the sentence (`In July 2022, the governments will convene …`).
///
/// A promise joined to the first by `and` after its time (`… the next Foreign
/// Ministers' meeting hosted by the United States in 2025, and the next Leaders'
/// Summit hosted by India in 2025`) is read as its own clause under the same word
/// of the future.
fn commitments(v: &Vocabulary, text: &str, sentence: Span, date: Option<Date>) -> Vec<Commitment> {
    let mut found = commitment(v, text, sentence, date).unwrap_or_default();
    if found.len() != 1 {
        return found;
    }
    let first_end = text
        .find(found[0].when.as_str())
        .map_or(text.len(), |at| at + found[0].when.len());
    for (at, _) in text[first_end..].match_indices(" and ") {
        let clause = &text[first_end + at + " and ".len()..];
        let under_the_future = format!("will {clause}");
        let Some(more) = commitment(v, &under_the_future, sentence, date) else {
            continue;
        };
        for mut c in more {
            if found.iter().any(|f| f.window == c.window && f.promised == c.promised) {
                continue;
            }
            c.text.clone_from(&found[0].text);
            found.push(c);
        }
        break;
    }
    found
}

fn commitment(v: &Vocabulary, text: &str, sentence: Span, date: Option<Date>) -> Option<Vec<Commitment>> {
    let words = words(text, 0);
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    // Where the first word of the future stands (`will`, `look forward`).
    let future = (0..words.len()).find(|i| v.future.phrase_at(&texts[*i..]).is_some())?;
    // `Korea as host of the upcoming G20`, `the host of the summit`: a verb's word
    // after `as`, an article or a possessive (`noun-markers.toml`) is a noun, and
    // holds no meeting.
    let verb = (0..words.len())
        .find(|&i| v.meeting_verbs.contains(words[i].text) && !(i > 0 && v.noun_markers.contains(words[i - 1].text)));
    // Each word looked up once: whether it is a meeting noun, and its ordinal.
    let is_noun: Vec<bool> = words.iter().map(|w| v.meeting_nouns.contains(w.text)).collect();
    let noun = is_noun.iter().position(|&n| n);
    if verb.is_none() && noun.is_none() {
        return None;
    }
    let ordinals: Vec<Option<u32>> = words.iter().map(|w| v.ordinal(w.text)).collect();
    // A meeting noun among the four words after word `i`.
    let noun_after = |i: usize| is_noun[i + 1..].iter().take(4).any(|&n| n);
    // `again`, `next`, or `fourth` before a meeting noun (`the second set` is none).
    let numbers_a_meeting = |i: usize| ordinals[i].is_some_and(|n| n > 1) && noun_after(i);
    // `will host … for the inaugural TTC meeting on September 29th`: a first meeting
    // after the word of the future is one still to come.
    let first_to_come = |i: usize| i > future && ordinals[i] == Some(1) && noun_after(i);
    // `in advance of their 2014 Leaders’ Meeting`: a meeting named by its year.
    let of_the_year = year_of_meeting(v, text, &words[future..]);
    let again = first_of(&words, v.again).is_some()
        || of_the_year.is_some()
        || (0..words.len()).any(|i| numbers_a_meeting(i) || first_to_come(i));
    // `hold an in-person summit`, `meet in Brasília`: the verb holds a meeting.
    let holds = verb.is_some_and(|i| {
        let alone = v.intransitive.contains(words[i].text)
            && words.get(i + 1).is_none_or(|next| !v.determiners.contains(next.text));
        noun_after(i) || alone
    });
    // Neither a later meeting nor one held: only a verb holding a named series, or
    // a meeting of one, may still promise it; without either word, no need to look
    // for a series name (most sentences with a word of the future end here).
    let gathering = noun.is_some_and(|n| v.gathering.contains(words[n].text));
    if !(again || holds) && verb.is_none() && !gathering {
        return None;
    }
    let found = series::find_in(v, text, 0, &words);
    // `will host the Quad Leaders' Summit in 2024`: holding a named meeting counts,
    // when the name is what is held (not `organize a Roundtable … with the Council`).
    let named = verb.is_some_and(|v| {
        found.as_ref().is_some_and(|(span, _)| {
            let between = words
                .iter()
                .filter(|w| w.span.start > words[v].span.start && w.span.start < span.start);
            span.start > words[v].span.start && between.count() <= 3
        })
    });
    // `Our determination to meet our commitments …, and we will continue … towards
    // the next year`: a verb of meeting with an object, and no meeting after it (no
    // noun of one, no named series), holds none and is no cue (`host the
    // Commissioners for the inaugural meeting` holds one, and so does `host the
    // next CNWG`: a next or numbered object).
    let verb = verb.filter(|&i| {
        // `next` before a unit of time (`towards the next year`) names no meeting.
        let of_time = |k: usize| {
            words
                .get(k + 1)
                .is_some_and(|w| matches!(w.text, "year" | "years" | "month" | "months" | "week" | "weeks"))
        };
        holds
            || named
            || is_noun[i + 1..].iter().any(|&n| n)
            || (i + 1..words.len()).any(|k| (v.again.contains(words[k].text) && !of_time(k)) || ordinals[k].is_some())
            || !words.get(i + 1).is_some_and(|w| v.determiners.contains(w.text))
    });
    // `at the meeting of the U.S.-EU Energy Council on February 7`: a meeting of a
    // named series, on a day (checked below, once the time is read).
    let of_series = noun.is_some_and(|n| {
        found.as_ref().is_some_and(|(span, _)| {
            gathering
                && words[n + 1..]
                    .iter()
                    .take_while(|w| w.span.start < span.start)
                    .all(|w| v.connectors.contains(w.text))
                && words.get(n + 1).is_some_and(|w| w.span.start < span.start)
        })
    });
    // `will meet annually`, `is expected to convene at least once a year`: a
    // meeting that recurs, every so many months.
    let meets = |i: usize| {
        v.meeting_verbs.contains(words[i].text)
            && (v.intransitive.contains(words[i].text)
                && words.get(i + 1).is_none_or(|next| !v.determiners.contains(next.text))
                || noun_after(i))
    };
    let recurs = (future + 1..words.len()).filter(|&i| meets(i)).find_map(|i| {
        (i + 1..words.len().min(i + 5)).find_map(|k| {
            let n = v.recurrence.phrase_at(&texts[k..])?;
            let months = v.recurrence.number(&texts[k..k + n].join(" "))?;
            Some((
                Span::new(words[k].span.start, words[k + n - 1].span.end),
                u32::try_from(months).ok()?,
            ))
        })
    });
    if let Some((at, months)) = recurs {
        let mut c = Commitment {
            sentence,
            text: collapse(text),
            promised: String::new(),
            ordinal: None,
            place: None,
            when: text[at.start..at.end].to_owned(),
            window: date.and_then(|d| {
                Some(Window {
                    start: d,
                    end: d.checked_add(jiff::ToSpan::months(i64::from(months))).ok()?,
                })
            }),
            series: None,
            another_body: false,
            every_months: Some(months),
        };
        c.describe(None);
        return Some(vec![c]);
    }
    let only_of_series = !(again || named || holds);
    if only_of_series && !of_series {
        return None;
    }
    // Without a verb of meeting, the meeting must be the parties' own next one
    // (`the next meeting is scheduled for`), or a numbered one the sentence is
    // about (`the third meeting … will take place`, before the word of the future);
    // not `will make progress through the 28th meeting of the COP`.
    let own = noun.is_some_and(|n| {
        let from = n.saturating_sub(3);
        words[from..n].iter().any(|w| v.own_meeting.contains(w.text))
            || (n < future && (from..n).any(numbers_a_meeting))
    });
    if verb.is_none() && !own && !of_series {
        return None;
    }
    // A meeting of a named series counts only on a day (`on February 7`), not
    // `through the 28th meeting of the Conference of the Parties` over a year.
    let day_required = only_of_series || (verb.is_none() && !own);
    let future_at = words[future].span.start;
    let cue = verb.into_iter().chain(noun).min()?;
    let cue_at = words[cue].span.start;
    // In an undated statement a time is read against a stand-in day, and only the
    // absolute ones (`in early 2023`) keep their days; `next year` is unanchored.
    let anchor = date.unwrap_or(Date::constant(2000, 1, 1));
    let mut expressions = find_time_expressions(text, Some(anchor));
    let mut absolute: Vec<Span> = match date {
        Some(_) => Vec::new(),
        None => find_time_expressions(text, None).iter().map(|e| e.span).collect(),
    };
    absolute.extend(of_the_year.as_ref().map(|e| e.span));
    expressions.extend(of_the_year);
    // The expression after the meeting word, else the nearest before it, and after
    // the future (`welcomed the Council of June 2021 and will continue` promises
    // nothing) unless it opens the sentence (`In July 2022, the governments will
    // …`); never a window around the statement's own day (its own meeting).
    let soon = anchor.checked_add(jiff::ToSpan::days(45)).unwrap_or(anchor);
    let opens = |e: &TimeExpr| {
        words.first().is_some_and(|w| e.span.start <= w.span.start) && text[e.span.end..].starts_with(',')
    };
    let usable = |e: &&TimeExpr| {
        (e.span.start > future_at || opens(e)) && date.is_none_or(|date| e.window.start > date || e.window.end > soon)
    };
    let expr: &TimeExpr = expressions.iter().filter(usable).min_by_key(|e| {
        if e.span.start >= cue_at {
            e.span.start - cue_at
        } else {
            10_000 + cue_at - e.span.end
        }
    })?;
    // The series the sentence promises is the one it names as what is held or met
    // (`convene the U.S.-EU Cyber Dialogue again`, `convene the fourth meeting of
    // the Trilateral Working Group`), not one it mentions in passing.
    let named = found
        .filter(|(span, _)| {
            let between = words.iter().filter(|w| {
                let of_the_meeting =
                    v.ordinal(w.text).is_some() || v.gathering.contains(w.text) || v.connectors.contains(w.text);
                w.span.start > cue_at && w.span.start < span.start && !of_the_meeting
            });
            span.start > cue_at && between.count() <= 3 || span.start <= cue_at && cue_at < span.end
        })
        .map(|(_, s)| std::sync::Arc::new(s));
    if day_required && expr.window.start != expr.window.end {
        return None;
    }
    // `in Brazil in 2024 and in South Africa in 2025`: a promise per place and time.
    let placed: Vec<(&TimeExpr, String)> = expressions
        .iter()
        .filter(usable)
        .filter(|e| e.span.start > cue_at)
        .filter_map(|e| place_before(v, text, &words, e.span).map(|p| (e, p)))
        .collect();
    // The place of the promise, not of a past meeting the sentence recalls first
    // (`… the exercise in Honolulu last year, and look forward to Japan hosting the
    // next meeting in November 2024`).
    let promise_words = &words[future..];
    let place = place(v, text, promise_words, expr.span);
    // `the fourth meeting`, not `the second week of June`.
    let ordinal_word = words.iter().enumerate().find_map(|(i, w)| {
        let numbers_a_meeting = words[i + 1..].iter().take(4).any(|l| v.meeting_nouns.contains(l.text));
        v.ordinal(w.text)
            .filter(|n| (*n > 1 || i > future) && numbers_a_meeting)
            .map(|_| w.text.to_lowercase())
    });
    let promise = |expr: &TimeExpr, place: Option<String>| {
        let mut c = Commitment {
            sentence,
            text: collapse(text),
            promised: String::new(),
            ordinal: ordinal_word.clone(),
            place,
            when: collapse(&text[expr.span.start..expr.span.end]),
            window: (date.is_some() || absolute.contains(&expr.span)).then_some(expr.window),
            series: named.clone(),
            another_body: false,
            every_months: None,
        };
        c.describe(None);
        c
    };
    if placed.len() >= 2 {
        return Some(placed.into_iter().map(|(e, p)| promise(e, Some(p))).collect());
    }
    Some(vec![promise(expr, place)])
}

/// `text` with its white space collapsed to single spaces.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `their 2014 Leaders’ Meeting`, `the 2025 Summit`: a year that says which meeting,
/// right after a determiner and at most two words before a meeting noun.
fn year_of_meeting(v: &Vocabulary, text: &str, words: &[Word<'_>]) -> Option<TimeExpr> {
    (1..words.len()).find_map(|i| {
        let w = &words[i];
        let year: i16 = w.text.parse().ok().filter(|y| (1900..=2100).contains(y))?;
        let names_a_meeting = v.determiners.contains(words[i - 1].text)
            && words[i + 1..].iter().take(3).any(|l| v.meeting_nouns.contains(l.text))
            && text[w.span.end..].starts_with(' ');
        if !names_a_meeting {
            return None;
        }
        Some(TimeExpr {
            span: w.span,
            window: Window {
                start: Date::new(year, 1, 1).ok()?,
                end: Date::new(year, 12, 31).ok()?,
            },
            approximate: false,
            deadline: false,
        })
    })
}

/// The place named right before a time expression: `in South Africa` in `and in
/// South Africa in 2025`.
fn place_before(v: &Vocabulary, text: &str, words: &[Word<'_>], expr: Span) -> Option<String> {
    let before = words.iter().rposition(|w| w.span.end <= expr.start)?;
    let mut first = before;
    while first > 0 && words[first].is_capitalized() && text[words[first - 1].span.end..words[first].span.start] == *" "
    {
        first -= 1;
        if words[first].text == "in" {
            let name = &text[words[first + 1].span.start..words[before].span.end];
            let month = stmtlint_plugin::month_number(words[first + 1].text).is_some();
            return (!month && stmtlint_plugin::looks_like_place(name) && !v.openers.contains(words[first + 1].text))
                .then(|| name.to_owned());
        }
    }
    None
}

impl Commitment {
    /// Sets [`Commitment::promised`]; `own` names the statement's series when the
    /// sentence names none (`the next meeting` of what).
    pub fn describe(&mut self, own: Option<&series::Series>) {
        let ordinal = match (&self.ordinal, self.every_months) {
            (Some(word), _) => word.as_str(),
            (None, Some(_)) => "regular",
            (None, None) => "next",
        };
        self.promised = match (&self.series, own) {
            (Some(s), _) => format!("{ordinal} {}", s.name),
            // `next Meeting of Commonwealth Law Ministers`, not `next meeting of the
            // Meeting of …`.
            (None, Some(s)) if s.head == "meeting" || s.name.to_lowercase().starts_with("meeting") => {
                format!("{ordinal} {}", s.name)
            }
            (None, Some(s)) => format!("{ordinal} meeting of the {}", s.name),
            (None, None) => format!("{ordinal} meeting"),
        };
        if let Some(place) = &self.place {
            self.promised.push_str(" in ");
            self.promised.push_str(place);
        }
    }
}

/// Where the meeting is to be: `in Washington, D.C.`, `in India`; never a month, the
/// time expression, or a series name.
fn place(v: &Vocabulary, text: &str, words: &[Word<'_>], expr: Span) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if w.text != "in" || expr.contains(w.span) {
            continue;
        }
        let mut parts: Vec<&Word<'_>> = Vec::new();
        for next in &words[i + 1..] {
            let gap = &text[parts.last().map_or(w.span.end, |p| p.span.end)..next.span.start];
            let joined = gap == " " || (gap == ", " && !parts.is_empty() && next.has_inner_capital());
            if !joined || !next.is_capitalized() || expr.contains(next.span) || v.ordinal(next.text).is_some() {
                break;
            }
            // `in Africa’s future`: a possessive is no place.
            if next.text.ends_with("’s") || next.text.ends_with("'s") {
                parts.clear();
                break;
            }
            parts.push(next);
        }
        let Some(first) = parts.first() else {
            continue;
        };
        let last = parts[parts.len() - 1];
        let name = &text[first.span.start..last.span.end];
        let month = stmtlint_plugin::month_number(first.text).is_some();
        let opener = v.openers.contains(first.text);
        if !month && !opener && stmtlint_plugin::looks_like_place(name) && series::find(v, name, 0).is_none() {
            return Some(name.to_owned());
        }
    }
    None
}

/// Sentences of a block's text (which starts at `offset`), as document spans.
pub fn sentences(text: &str, offset: usize) -> Vec<Span> {
    let abbreviations = stmtlint_lexicon::builtin!("abbreviations");
    let mut spans = Vec::new();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'.', b'?', b'!', text.as_bytes()) {
        let c = char::from(text.as_bytes()[i]);
        let after = &text[i + 1..];
        let rest = after.trim_start_matches(['"', '”', '’', ')']);
        let next = rest.trim_start();
        let spaced = rest.len() > next.len() || rest.is_empty();
        let starts_sentence = next.is_empty() || next.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit());
        if !spaced || !starts_sentence {
            continue;
        }
        if c == '.' {
            let before = text[start..i]
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("");
            // `U.S.`, `D.C.`, `Mr.`: abbreviations do not end sentences.
            if before.contains('.') || abbreviations.contains(before) || before.chars().count() == 1 {
                continue;
            }
        }
        let end = i + c.len_utf8() + (after.len() - rest.len());
        push_trimmed(&mut spans, text, start, end, offset);
        start = end;
    }
    push_trimmed(&mut spans, text, start, text.len(), offset);
    spans
}

fn push_trimmed(spans: &mut Vec<Span>, text: &str, start: usize, end: usize, offset: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        spans.push(Span::new(offset + start + lead, offset + start + lead + trimmed.len()));
    }
}

/// The ordinal a statement gives its own meeting ("The third formal EU-U.S. Cyber
/// Dialogue took place"), outside its promises to meet, and where it stands. The
/// promises are `commitments` when the caller has read them, else found here.
pub fn own_ordinal(
    v: &Vocabulary,
    doc: &Document,
    scan: &Scan,
    commitments: Option<&[Commitment]>,
    series: Option<&series::Series>,
) -> Option<(u32, Span)> {
    let head = series.map(|s| s.head.as_str());
    // One meeting: `the first three meetings` counts meetings, it does not number
    // this one.
    let is_meeting =
        |w: &Word<'_>| v.gathering.text(w.text) == Some("one") || head.is_some_and(|h| w.text.eq_ignore_ascii_case(h));
    // An acronym between the ordinal and the meeting names the meeting: another
    // body's (`9th WTO Ministerial Conference` in a leaders' statement) unless it
    // is a party or the series' own initials (`Third TTC Ministerial`).
    let initials: String = series.map_or_else(String::new, |s| {
        s.name
            .split_whitespace()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect()
    });
    let own = |w: &Word<'_>| {
        let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
        // `G20` is an acronym as much as `WTO`.
        let digits = w.text.chars().any(|c| c.is_ascii_digit());
        let acronym =
            (letters >= 2 || (letters == 1 && digits && w.is_capitalized())) && !w.text.chars().any(char::is_lowercase);
        let Some(s) = series.filter(|_| acronym) else {
            return true;
        };
        let folded = fold(w.text);
        s.parties.contains(&folded)
            || s.name.split_whitespace().any(|n| fold(n) == folded)
            || pair_parts(w.text).is_some_and(|parts| parts.iter().all(|p| s.parties.contains(&fold(p))))
            || initials.contains(folded.as_str())
    };
    // Most blocks have no ordinal: the scan kept those that may.
    for block in &scan.ordinal_blocks {
        let text = doc.slice(*block);
        let words = words(text, block.start);
        let sentences = sentences(text, block.start);
        // Whether each sentence is a promise, read when an ordinal stands in it.
        let mut promise: Vec<Option<bool>> = vec![None; sentences.len()];
        for (i, w) in words.iter().enumerate() {
            let Some(n) = v.ordinal(w.text) else {
                continue;
            };
            // `will hold the fourth meeting in Oslo in 2025`: a promise's ordinal.
            let in_promise = match commitments {
                Some(read) => read.iter().any(|c| c.sentence.contains(w.span)),
                None => sentences.iter().position(|s| s.contains(w.span)).is_some_and(|k| {
                    *promise[k].get_or_insert_with(|| is_promise(v, doc, sentences[k], doc.metadata.date))
                }),
            };
            if in_promise {
                continue;
            }
            // `will convene the fourth meeting`: a meeting to come, even where the
            // statement has no date to make it a commitment.
            let before = &words[i.saturating_sub(4)..i];
            if before.iter().any(|w| v.coming.contains(w.text)) {
                continue;
            }
            // `third formal EU-U.S. Cyber Dialogue`, `Fifth Ministerial Meeting`; not
            // `second Global Refugee Forum` in a G7 communiqué.
            let after = &words[i + 1..words.len().min(i + 6)];
            // … and so does one right after it (`75th session of the UN`).
            let of_another = |k: usize| {
                let rest = &words[(i + 1 + k + 1).min(words.len())..];
                let skip = rest.iter().take_while(|w| matches!(w.text, "of" | "the")).count();
                skip > 0 && rest.get(skip).is_some_and(|w| !own(w))
            };
            if let Some(k) = after.iter().position(is_meeting)
                && after[..k].iter().all(own)
                && !of_another(k)
            {
                return Some((n, w.span));
            }
        }
    }
    None
}

/// Whether `sentence` of a statement dated `date` promises a meeting, as [`scan`]
/// reads promises (a word of meeting and a word of the future first).
fn is_promise(v: &Vocabulary, doc: &Document, sentence: Span, date: Option<Date>) -> bool {
    let text = doc.slice(sentence);
    let words = words(text, sentence.start);
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    let meeting = || {
        texts
            .iter()
            .any(|t| v.meeting_verbs.contains(t) || v.meeting_nouns.contains(t))
    };
    let future = || (0..texts.len()).any(|i| v.future.phrase_at(&texts[i..]).is_some());
    meeting() && future() && !commitments(v, text, sentence, date).is_empty()
}

/// Where the statement's own meeting took place: "meeting … in Brussels, Belgium",
/// "took place in Riga"; `None` when the opening does not say.
pub fn own_place(v: &Vocabulary, doc: &Document) -> Option<String> {
    let block = doc
        .content_blocks()
        .find(|b| b.kind != stmtlint_plugin::BlockKind::Title)?;
    let text = doc.slice(block.span);
    let first = sentences(text, 0).into_iter().next()?;
    let sentence = &text[first.start..first.end];
    let words = words(sentence, 0);
    let texts: Vec<&str> = words.iter().map(|w| w.text).collect();
    let meeting = (0..words.len()).any(|i| {
        v.meeting_nouns.contains(texts[i])
            || v.meeting_verbs.contains(texts[i])
            || v.took_place.phrase_at(&texts[i..]).is_some()
    });
    if !meeting {
        return None;
    }
    place(v, sentence, &words, Span::new(0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The ordinal a one-paragraph statement of `series` gives its own meeting.
    fn own(text: &str, series: &str) -> Option<u32> {
        let doc = Document {
            text: text.into(),
            blocks: vec![stmtlint_plugin::Block {
                kind: stmtlint_plugin::BlockKind::Paragraph,
                span: Span::new(0, text.len()),
            }],
            ..Document::default()
        };
        let v = Vocabulary::shipped();
        let series = series::find(v, series, 0).map(|(_, s)| s);
        own_ordinal(v, &doc, &scan(v, &doc, None, false), None, series.as_ref()).map(|(n, _)| n)
    }

    #[test]
    fn a_promise_names_its_series_once() {
        let mut c = commit("Ministers agreed to meet again in 2005.", "2002-11-22").unwrap();
        c.describe(Some(&series::Series::configured(
            "Meeting of Commonwealth Law Ministers",
        )));
        assert_eq!(c.promised, "next Meeting of Commonwealth Law Ministers");
        c.describe(Some(&series::Series::configured("Trilateral Fentanyl Committee")));
        assert_eq!(c.promised, "next meeting of the Trilateral Fentanyl Committee");
    }

    #[test]
    fn the_own_ordinal_is_not_another_bodys() {
        let ttc = "the U.S.-EU Trade and Technology Council";
        assert_eq!(own("Key Outcomes of the Third TTC Ministerial.", ttc), Some(3));
        assert_eq!(
            own(
                "The third formal EU-U.S. Cyber Dialogue took place.",
                "the EU-U.S. Cyber Dialogue"
            ),
            Some(3)
        );
        let leaders = "the annual Australia-New Zealand Leaders’ meeting";
        assert_eq!(
            own("They met before the 9th WTO Ministerial Conference in Bali.", leaders),
            None
        );
        assert_eq!(
            own("They welcomed the 75th session of the UN General Assembly.", leaders),
            None
        );
        // Carbis Bay, 2021: a G7 communiqué that welcomes another body's meeting.
        assert_eq!(
            own(
                "We welcome the first G20 Ministerial Conference on women’s empowerment.",
                "the G7 Summit"
            ),
            None
        );
        assert_eq!(
            own("The second G7 Ministerial Meeting was held.", "the G7 Summit"),
            Some(2)
        );
        // May 2022: a statement that announces the working group's next meeting.
        assert_eq!(
            own(
                "In July 2022, the governments will convene the fourth meeting of the Trilateral Working Group.",
                "the Trilateral Working Group"
            ),
            None
        );
        // With no series known, any ordinal before a meeting word is taken.
        assert_eq!(own("The 9th WTO Ministerial Conference.", "nothing"), Some(9));
    }

    fn commit_all(text: &str, date: &str) -> Vec<Commitment> {
        commitments(Vocabulary::shipped(), text, Span::new(0, text.len()), Some(d(date)))
    }

    fn commit(text: &str, date: &str) -> Option<Commitment> {
        commit_all(text, date).into_iter().next()
    }

    #[test]
    fn finds_the_kinds_of_promise_real_statements_make() {
        // Each kind as real statements write it (`../shared/corpus/real`), in words
        // of a made-up dialogue: (sentence, promised, time expression).
        for (text, promised, when) in [
            (
                "The parties plan to hold the next annual meeting in Warsaw in early 2023.",
                "next meeting in Warsaw",
                "in early 2023",
            ),
            (
                "The third meeting of the Dialogue will take place in Washington in 2024.",
                "third meeting in Washington",
                "in 2024",
            ),
            (
                "The Council accepted with pleasure the invitation of the Government of Thailand to hold its Fourteenth Meeting in Bangkok in 2023.",
                "fourteenth meeting in Bangkok",
                "in 2023",
            ),
            (
                "At the leader level, we will hold an in-person summit by the end of 2022.",
                "next meeting",
                "by the end of 2022",
            ),
            (
                "In July 2022, the governments of Arvenia and Belmark will convene the fourth meeting of the Dialogue.",
                "fourth meeting",
                "In July 2022",
            ),
            (
                "The ministers look forward to the upcoming ministerial meeting later in 2023.",
                "next meeting",
                "in 2023",
            ),
            (
                "They agreed that the Dialogue would convene again in Oslo in 2023.",
                "next meeting in Oslo",
                "in 2023",
            ),
            (
                "The EU will be hosting the next meeting of the Dialogue in Brussels in 2023.",
                "next meeting in Brussels",
                "in 2023",
            ),
            (
                "We look forward to Japan hosting the G7 Summit in 2023.",
                "next G7 Summit",
                "in 2023",
            ),
            (
                "The two sides agreed to hold the next round of talks on 30 March.",
                "next meeting",
                "on 30 March",
            ),
            (
                "The Dialogue will meet again in the second week of June 2023.",
                "next meeting",
                "in the second week of June 2023",
            ),
            (
                "We will take it forward at the meeting of the U.S.-EU Energy Council on April 7.",
                "next U.S.-EU Energy Council",
                "on April 7",
            ),
            (
                "We encourage joint work in the run up to the upcoming TTC ministerial meeting later in 2023.",
                "next TTC ministerial",
                "in 2023",
            ),
            // Another body's meeting looked forward to: a commitment of that body's
            // series, listed by `followups`, flagged only if the set follows it.
            (
                "The two sides welcomed the upcoming Global Conference on Cyberspace in The Hague in April 2023.",
                "next Global Conference on Cyberspace",
                "in April 2023",
            ),
        ] {
            let c = commit(text, "2022-03-10").unwrap_or_else(|| panic!("no commitment in {text}"));
            assert_eq!((c.promised.as_str(), c.when.as_str()), (promised, when), "{text}");
        }
        // Two promises in one sentence, each with its own time.
        let two = commit_all(
            "We look forward to the next Quad Foreign Ministers’ meeting hosted by the United States in 2025, and the next Quad Leaders’ Summit hosted by India in 2025.",
            "2024-09-21",
        );
        let promised: Vec<&str> = two.iter().map(|c| c.promised.as_str()).collect();
        assert_eq!(
            promised,
            ["next Quad Foreign Ministers’ meeting", "next Quad Leaders’ Summit"]
        );
        let two = commit_all(
            "The Ministers reaffirmed their intent to hold the next ministerial meeting by June 2022 and to hold a Small Group Political Directors Meeting in Brussels in the fall of 2021.",
            "2021-06-28",
        );
        let when: Vec<&str> = two.iter().map(|c| c.when.as_str()).collect();
        assert_eq!(when, ["by June 2022", "in the fall of 2021"]);
        // Two promises in one sentence.
        let both = commit_all(
            "We look forward to meeting again in India in 2023, in Brazil in 2024 and in South Africa in 2025.",
            "2022-11-16",
        );
        let places: Vec<_> = both
            .iter()
            .map(|c| (c.place.as_deref().unwrap_or(""), c.when.as_str()))
            .collect();
        assert_eq!(
            places,
            [("India", "in 2023"), ("Brazil", "in 2024"), ("South Africa", "in 2025")]
        );
        // A day without a year is the next such day.
        let c = commit(
            "The two sides agreed to hold the next round of talks on 30 March.",
            "2022-03-10",
        )
        .unwrap();
        assert_eq!(c.window.unwrap().start, d("2022-03-30"));
    }

    #[test]
    fn reads_recurring_promises_with_their_period() {
        for (text, when, months) in [
            (
                "We will continue to build habits of cooperation; our leaders and foreign ministers will meet annually and our senior officials will meet regularly.",
                "annually",
                12,
            ),
            (
                "Our experts and senior officials will continue to meet regularly; our Foreign Ministers will converse often and meet at least once a year.",
                "once a year",
                12,
            ),
            (
                "We reaffirm our commitment to meet annually at the cabinet level.",
                "annually",
                12,
            ),
            ("The Working Group will convene twice a year.", "twice a year", 6),
        ] {
            let c = commit(text, "2021-09-24").unwrap_or_else(|| panic!("no commitment in {text}"));
            assert_eq!((c.when.as_str(), c.every_months), (when, Some(months)), "{text}");
            assert_eq!(c.window.unwrap().start, d("2021-09-24"));
        }
        for text in [
            "Senior officials will continue to meet regularly.",
            "The parties will meet the targets annually.",
        ] {
            assert_eq!(commit(text, "2021-09-24"), None, "{text}");
        }
    }

    #[test]
    fn an_undated_statement_keeps_only_absolute_windows() {
        let text = "The parties will meet again next year, and will hold the fourth meeting in Oslo in 2031.";
        let found = commitments(Vocabulary::shipped(), text, Span::new(0, text.len()), None);
        let windows: Vec<Option<String>> = found.iter().map(|c| c.window.map(|w| w.start.to_string())).collect();
        assert_eq!(windows, [None, Some("2031-01-01".to_owned())], "{found:#?}");
    }

    #[test]
    fn a_verb_of_meeting_with_an_object_that_is_no_meeting_promises_nothing() {
        for text in [
            "We will meet the targets by 2030.",
            "The parties will meet their commitments under the Paris Agreement by 2025.",
            "The EU welcomed Korea as host of the upcoming G20 in November 2010 and will support its presidency.",
            "Our determination to meet our commitments on these issues is unwavering, and we will continue \
             strengthening them towards the next year under the Italian Presidency.",
            "Both countries will do all they can to move the WTO agenda forward in the lead-up to the 9th WTO Ministerial Conference in Bali in December.",
        ] {
            assert_eq!(commit(text, "2022-03-10"), None, "{text}");
        }
    }

    #[test]
    fn finds_the_seed_commitments() {
        let c = commit(
            "The chairs agreed that they will continue their collaborative efforts and convene the U.S.-EU Cyber Dialogue again in\napproximately one year’s time in Washington, D.C.",
            "2014-12-05",
        )
        .unwrap();
        assert_eq!(c.promised, "next U.S.-EU Cyber Dialogue in Washington, D.C.");
        assert_eq!(c.when, "in approximately one year’s time");
        assert_eq!(c.window.unwrap().start, d("2015-09-05"));
        let c = commit(
            "The fourth EU-U.S. Cyber Dialogue will be convened again in approximately one year's time in Washington, D.C.",
            "2016-12-16",
        )
        .unwrap();
        assert_eq!(c.promised, "fourth EU-U.S. Cyber Dialogue in Washington, D.C.");
    }

    #[test]
    fn finds_other_ways_of_promising_a_meeting() {
        for (text, promised) in [
            ("The leaders agreed to meet again in 2022.", "next meeting"),
            (
                "The three countries committed to meeting again this summer.",
                "next meeting",
            ),
            (
                "We look forward to our next meeting in Tokyo in the first half of 2022.",
                "next meeting in Tokyo",
            ),
            (
                "India will host the Quad Leaders' Summit in 2024.",
                "next Quad Leaders' Summit",
            ),
            ("The Council will reconvene within twelve months.", "next meeting"),
            (
                "The next round of talks is scheduled for April 2022 in Mexico City.",
                "next meeting in Mexico City",
            ),
            // A first meeting still to come, its day in a Markdown export.
            (
                "The co-chairs will host the Commissioners for the inaugural meeting on September 29<sup>th</sup> in Pittsburgh.",
                "inaugural meeting in Pittsburgh",
            ),
            // A year that says which meeting.
            (
                "The Prime Ministers looked forward to a report from officials in advance of their 2022 Leaders’ Meeting.",
                "next Leaders’ Meeting",
            ),
            ("We will all meet again in Paris in 2025.", "next meeting in Paris"),
            (
                "The two Presidents will convene the leaders of both countries again in Paris in 2023.",
                "next meeting in Paris",
            ),
            // A next meeting named by an acronym alone.
            ("The United States will host the next CNWG in 2023.", "next meeting"),
        ] {
            let c = commit(text, "2021-06-01").unwrap_or_else(|| panic!("no commitment in {text}"));
            assert_eq!(c.promised, promised, "{text}");
        }
    }

    #[test]
    fn leaves_what_is_not_a_dated_commitment_to_meet() {
        for text in [
            "The chairs agreed that they will continue their cooperative efforts and coordinate intersessionally.",
            "The Task Force will publish its report by the end of 2023.",
            "The leaders met again in April 2021 in Washington.",
            "We will work to deliver one billion doses by the end of 2022.",
            "The third meeting took place in 2020.",
            "We will build on the first meeting of the Dialogue in 2019.",
            "We will build on the outcomes of the 2020 Summit.",
            "They will meet again in 2019.",
            "We will make progress over the coming year through the 28th meeting of the Conference of the Parties in Dubai.",
            "On the occasion of the inaugural meeting of the U.S.-EU Cyber Dialogue in Brussels on June 1, the participants jointly agreed to specific areas of collaboration.",
            "They welcomed the endorsement of the second set of CBMs by the Ministerial Council of the OSCE in June 2021 and will continue.",
        ] {
            assert_eq!(commit(text, "2021-06-01"), None, "{text}");
        }
    }

    #[test]
    fn sentences_do_not_end_at_abbreviations() {
        let text = "The U.S. and the EU met in Washington, D.C. on Monday. They agreed. Mr. Smith spoke.";
        let spans: Vec<&str> = sentences(text, 0).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            spans,
            [
                "The U.S. and the EU met in Washington, D.C. on Monday.",
                "They agreed.",
                "Mr. Smith spoke."
            ]
        );
    }
}

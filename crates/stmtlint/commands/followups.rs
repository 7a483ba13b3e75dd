//! `stmtlint followups PATHS...`: the ledger of dated commitments to meet again and
//! their verdicts, as `unfulfilled-follow-up` judges them.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use stmtlint_plugin::{ConfigurableRule, Date, RunContext, Window};
use stmtlint_rules_core::UnfulfilledFollowUp;
use stmtlint_rules_core::follow_up::{Detail, Evidence, Facts, Options, Verdict};

use super::{Error, report, report_failure, setup};
use crate::args::{FollowupsArgs, LedgerFormat};

/// The JSON ledger (DESIGN §6 is the contract).
#[derive(Serialize)]
struct Ledger<'a> {
    version: u32,
    as_of: Date,
    commitments: Vec<Entry>,
    statements: Vec<Statement<'a>>,
}

/// What the rule read from one statement.
#[derive(Serialize)]
struct Statement<'a> {
    path: &'a str,
    date: Option<Date>,
    place: Option<&'a str>,
    series: Option<&'a str>,
    ordinal: Option<u32>,
}

#[derive(Serialize)]
struct Entry {
    path: String,
    line: u32,
    page: Option<u32>,
    date: Option<Date>,
    text: String,
    series: Option<String>,
    promised: String,
    when: String,
    /// Null for an unanchored promise (a relative time in an undated statement).
    window: Option<Window>,
    /// Months between meetings of a recurring promise (`meet annually`: 12).
    #[serde(skip_serializing_if = "Option::is_none")]
    every_months: Option<u32>,
    verdict: Verdict,
    /// `on-time`, `moved`, `late`, `cancelled`, `no-later-statement`,
    /// `unanchored`, `recurring-missed`; null while pending.
    detail: Option<Detail>,
    evidence: Vec<Evidence>,
    /// False for a promise about a series the set holds no statement of.
    series_in_set: bool,
}

/// Where a commitment stands in its file.
struct Located {
    line: u32,
    page: Option<u32>,
}

/// Reads the statements, judges every commitment, prints the ledger.
pub fn run(args: &FollowupsArgs) -> Result<ExitCode, Error> {
    let setup = setup(args.common.config.as_deref(), args.common.no_plugins)?;
    let id = UnfulfilledFollowUp::META.id;
    let options: Options = toml::Value::Table(setup.settings.options(id)).try_into().map_err(|e| {
        report(&*miette::miette!(
            code = "stmtlint::config::invalid",
            "invalid options for rule `{id}`: {e}"
        ));
        Error::Reported
    })?;
    let rule = UnfulfilledFollowUp::new(options);
    let exclude = setup.exclude_patterns();
    let engine = setup.engine()?;
    let discovered = stmtlint_engine::discover(&args.paths, &engine.extensions(), &exclude);
    let mut failures = discovered.failures;
    let mut statements: Vec<(String, Facts)> = Vec::new();
    let mut located: Vec<Vec<Located>> = Vec::new();
    let read = engine.read_all(&discovered.files, |path, doc| {
        doc.map(|doc| {
            let facts = rule.facts(&doc);
            let at: Vec<Located> = facts
                .commitments
                .iter()
                .map(|c| {
                    let p = doc.position(c.sentence.start);
                    Located {
                        line: p.line,
                        page: p.page,
                    }
                })
                .collect();
            (path.display().to_string(), facts, at)
        })
    });
    for result in read {
        match result {
            Ok((path, facts, at)) => {
                statements.push((path, facts));
                located.push(at);
            }
            Err(failure) => failures.push(failure),
        }
    }
    for failure in &failures {
        report_failure(failure);
    }
    let (as_of, judged) = rule.ledger(&statements, &RunContext::as_of(args.as_of));
    let mut entries = Vec::new();
    for j in judged {
        let (path, facts) = &statements[j.statement];
        let at = &located[j.statement][j.index];
        let c = j.commitment;
        entries.push(Entry {
            path: path.clone(),
            line: at.line,
            page: at.page,
            date: facts.date,
            text: c.text.clone(),
            series: j.series.map(|s| s.name.clone()),
            promised: c.promised.clone(),
            when: c.when.clone(),
            window: c.window,
            every_months: c.every_months,
            verdict: j.verdict,
            detail: j.detail,
            evidence: j.evidence,
            series_in_set: j.tracked,
        });
    }
    let listed: Vec<Statement<'_>> = statements
        .iter()
        .map(|(path, f)| Statement {
            path,
            date: f.date,
            place: f.place.as_deref(),
            series: f.series.as_ref().map(|s| s.name.as_str()),
            ordinal: f.ordinal,
        })
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        LedgerFormat::Json => {
            let ledger = Ledger {
                version: 1,
                as_of,
                commitments: entries,
                statements: listed,
            };
            serde_json::to_writer_pretty(&mut out, &ledger).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        LedgerFormat::Human => {
            if args.verbose {
                for st in &listed {
                    let date = st.date.map(|d| d.to_string()).unwrap_or_else(|| "no date".into());
                    let ordinal = st.ordinal.map(|n| format!(", meeting {n}")).unwrap_or_default();
                    writeln!(
                        out,
                        "{}  {date}  {}  series: {}{ordinal}",
                        st.path,
                        st.place.unwrap_or("-"),
                        st.series.unwrap_or("-")
                    )?;
                }
                writeln!(out)?;
            }
            human(&entries, as_of, &mut out)?;
        }
    }
    out.flush()?;
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn human(entries: &[Entry], as_of: Date, out: &mut impl Write) -> io::Result<()> {
    for e in entries {
        let verdict = match e.verdict {
            Verdict::Fulfilled => "fulfilled",
            Verdict::Pending => "pending",
            Verdict::Unfulfilled => "UNFULFILLED",
        };
        let page = e.page.map(|p| format!(" (page {p})")).unwrap_or_default();
        let date = e.date.map(|d| d.to_string()).unwrap_or_default();
        let detail = match e.detail {
            Some(Detail::OnTime) => "  on time",
            Some(Detail::Moved) => "  moved: held elsewhere than promised",
            Some(Detail::Late) => "  late: the next statement is dated after the window",
            Some(Detail::NoLaterStatement) => "  no later statement",
            Some(Detail::Cancelled) => "  cancelled: a later statement says it was postponed or called off",
            Some(Detail::Unanchored) => "  unanchored: a relative time in a statement with no date",
            Some(Detail::RecurringMissed) => "  recurring, missed: a period passed without a meeting",
            None => "",
        };
        writeln!(out, "{verdict:<12} {}:{}{page}  {date}{detail}", e.path, e.line)?;
        writeln!(out, "{:12} promised: {} {}", "", e.promised, e.when)?;
        let window = match (e.window, e.every_months) {
            (Some(w), None) => format!("{} – {}", w.start, w.end),
            (Some(w), Some(months)) => format!("every {months} months from {}", w.start),
            (None, _) => "none (no date to count from)".to_owned(),
        };
        writeln!(
            out,
            "{:12} window:   {window}{}",
            "",
            e.series.as_ref().map(|s| format!("   series: {s}")).unwrap_or_default()
        )?;
        for ev in &e.evidence {
            writeln!(out, "{:12} evidence: {} {}", "", ev.path, ev.note)?;
        }
        if !e.series_in_set {
            writeln!(
                out,
                "{:12} evidence: the series is unknown or the set holds no statement of it (not flagged)",
                ""
            )?;
        } else if e.evidence.is_empty() {
            writeln!(out, "{:12} evidence: no later statement of this series in the set", "")?;
        }
        writeln!(out)?;
    }
    let count = |v: Verdict| entries.iter().filter(|e| e.verdict == v).count();
    writeln!(
        out,
        "{} commitments as of {as_of}: {} fulfilled, {} pending, {} unfulfilled",
        entries.len(),
        count(Verdict::Fulfilled),
        count(Verdict::Pending),
        count(Verdict::Unfulfilled)
    )
}

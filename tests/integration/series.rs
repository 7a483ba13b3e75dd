//! The mission rules end to end, across formats: a PDF statement's promise to meet
//! again judged against an HTML statement of the same series, names compared within
//! an HTML page with findings on the lines of the `.html` file, `--as-of`, and the
//! `stmtlint followups` ledger (DESIGN §6 contract).

use crate::util::{Dir, root};

/// The later meeting of the PDF fixture's series, as a press-release page: party
/// order reversed in one place, and a dotting variant.
const SEVENTH_MEETING: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Seventh EU-Norway Energy Dialogue</title>
<meta property="article:published_time" content="2020-03-25T10:00:00Z"></head>
<body>
<nav><a href="/">Home</a> <a href="/press">Press</a> <a href="/eu-us">EU-US news</a></nav>
<main>
<h1>Joint Statement of the Seventh EU-Norway Energy Dialogue</h1>
<p>Oslo, 25 March 2020</p>
<p>The seventh meeting of the EU-Norway Energy Dialogue took place in Oslo on 25 March 2020.</p>
<h2>Security of Supply</h2>
<p>Both sides welcomed the Norway-EU cooperation on gas storage.</p>
<p>The delegations will hold the eighth meeting of the Dialogue in Brussels in spring 2021.</p>
</main>
<footer>EU-US relations | Contact</footer>
</body>
</html>
"#;

fn project(with_html: bool) -> Dir {
    let dir = Dir::new(if with_html { "series-both" } else { "series-pdf" });
    std::fs::copy(
        root().join("tests/fixtures/pdf/statement.pdf"),
        dir.path.join("2019-03-20-sixth.pdf"),
    )
    .unwrap();
    if with_html {
        dir.file("2020-03-25-seventh.html", SEVENTH_MEETING);
    }
    dir
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn a_pdf_promise_is_fulfilled_by_a_later_html_statement_of_the_series() {
    let dir = project(true);
    let out = dir.run(&["followups", "--format", "json", "--as-of", "2026-11-22", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ledger = json(&out.stdout);
    assert_eq!(ledger["version"], 1);
    let commitments = ledger["commitments"].as_array().unwrap();
    let pdf = commitments
        .iter()
        .find(|c| c["path"].as_str().unwrap().ends_with("sixth.pdf"))
        .unwrap();
    assert_eq!(pdf["verdict"], "fulfilled");
    assert_eq!(pdf["detail"], "on-time", "{pdf}");
    assert_eq!(
        pdf["promised"],
        "seventh meeting of the EU-Norway Energy Dialogue in Oslo"
    );
    assert_eq!(pdf["page"], 1);
    assert_eq!(pdf["window"]["start"], "2019-12-20");
    assert_eq!(pdf["evidence"][0]["path"], "./2020-03-25-seventh.html");
    assert_eq!(pdf["evidence"][0]["date"], "2020-03-25");
    assert_eq!(pdf["evidence"][0]["place"], "Oslo");
    assert_eq!(pdf["evidence"][0]["ordinal"], 7);
    // The HTML statement's own promise (spring 2021) has nothing after it.
    let html = commitments
        .iter()
        .find(|c| c["path"].as_str().unwrap().ends_with(".html"))
        .unwrap();
    assert_eq!(html["verdict"], "unfulfilled");
    assert_eq!(html["window"]["end"], "2021-05-31");
    assert_eq!(html["evidence"].as_array().unwrap().len(), 0);
}

#[test]
fn an_unkept_pdf_promise_is_a_finding_on_its_page_and_pending_while_open() {
    let dir = project(false);
    let out = dir.run(&["check", "--format", "json", "--as-of", "2026-11-22", "."]);
    assert_eq!(out.code, 0, "warnings do not fail by default: {}", out.stderr);
    let report = json(&out.stdout);
    let d = &report["diagnostics"][0];
    assert_eq!(d["rule"], "unfulfilled-follow-up");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["page"], 1);
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "promised the seventh meeting of the EU-Norway Energy Dialogue in Oslo in approximately one year’s time"
        ),
        "{message}"
    );
    assert!(
        message.ends_with("the set has no later statement of this series"),
        "{message}"
    );

    // While the window is open the promise is pending: no finding at all.
    let out = dir.run(&["check", "--format", "json", "--as-of", "2019-06-01", "."]);
    assert_eq!(json(&out.stdout)["diagnostics"].as_array().unwrap().len(), 0);
    let out = dir.run(&["followups", "--format", "json", "--as-of", "2019-06-01", "."]);
    assert_eq!(json(&out.stdout)["commitments"][0]["verdict"], "pending");
    // `--fail-on warning` gates on the finding once the window has closed.
    let out = dir.run(&["check", "--fail-on", "warning", "--as-of", "2026-11-22", "."]);
    assert_eq!(out.code, 1);
}

#[test]
fn names_in_an_html_page_are_compared_in_its_body_only() {
    let dir = project(true);
    let out = dir.run(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2019-06-01",
        "2020-03-25-seventh.html",
    ]);
    let report = json(&out.stdout);
    let names: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "inconsistent-name")
        .collect();
    // `EU-US` in the navigation and the footer is boilerplate: not compared.
    assert_eq!(names.len(), 1, "{}", out.stdout);
    let d = names[0];
    assert_eq!(d["text"], "Norway-EU");
    assert_eq!(d["line"], 12, "the line of the .html file");
    assert_eq!(d["labels"][0]["line"], 8);
    assert_eq!(d["labels"][0]["text"], "EU-Norway");
    // A page a CMS may regenerate is fixed only with `--fix --unsafe-fixes`.
    assert_eq!(d["fix"]["applicability"], "unsafe");
    assert_eq!(d["fix"]["edits"][0]["replacement"], "EU-Norway");
}

#[test]
fn followups_prints_a_ledger_for_people() {
    let dir = project(true);
    let out = dir.run(&["followups", "--as-of", "2026-11-22", "-v", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("fulfilled    ./2019-03-20-sixth.pdf:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "evidence: ./2020-03-25-seventh.html is dated 25 March 2020, in Oslo, and calls itself the seventh meeting"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("2 commitments as of 2026-11-22: 1 fulfilled, 0 pending, 1 unfulfilled"),
        "{}",
        out.stdout
    );
}

/// A statement whose only promise is made with a meeting noun the shipped lexicon
/// does not have (`plenary`): adding it in `stmtlint.toml` is all it takes.
#[test]
fn a_meeting_noun_added_in_the_config_makes_a_promise() {
    let dir = Dir::new("extend-meeting-nouns");
    dir.file(
        "2019-05-02-council.txt",
        "Joint Statement of the U.S.-EU Energy Council\n\n\
         Washington, May 2, 2019\n\n\
         The ninth U.S.-EU Energy Council met in Washington.\n\n\
         The next plenary is scheduled for March 2020.\n",
    );
    let promised = |out: &crate::util::Output| {
        let ledger = json(&out.stdout);
        ledger["commitments"].as_array().unwrap().len()
    };
    let out = dir.run(&["followups", "--format", "json", "--as-of", "2026-11-22", "."]);
    assert_eq!(promised(&out), 0, "{}", out.stdout);
    dir.file(
        "stmtlint.toml",
        "[rules.unfulfilled-follow-up]\nextend-meeting-nouns = [\"Plenary\"]\n",
    );
    let out = dir.run(&["followups", "--format", "json", "--as-of", "2026-11-22", "."]);
    assert_eq!(promised(&out), 1, "{}", out.stdout);
    let out = dir.run(&["check", "--format", "concise", "--as-of", "2026-11-22", "."]);
    assert!(
        out.stdout.contains("unfulfilled-follow-up") && out.stdout.contains("March 2020"),
        "{}",
        out.stdout
    );
    // A word with stray spaces is refused with the key's span.
    dir.file(
        "stmtlint.toml",
        "[rules.unfulfilled-follow-up]\nextend-meeting-nouns = [\" plenary\"]\n",
    );
    let out = dir.run(&["check", "."]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("single spaces"), "{}", out.stderr);
}

/// A statement of the Arvenia–Belmark Energy Dialogue calling its meeting `ordinal`.
fn energy_dialogue(date: &str, ordinal: &str) -> String {
    format!(
        "Joint Statement of the {ordinal} Arvenia-Belmark Energy Dialogue\n{date}\n\n\
         The {} meeting of the Arvenia-Belmark Energy Dialogue took place in Tromsø.\n",
        ordinal.to_lowercase()
    )
}

#[test]
fn ordinals_that_contradict_the_dates_of_their_series_are_flagged() {
    let dir = Dir::new("ordinal-sequence");
    dir.file("a.txt", &energy_dialogue("Tromsø, 14 March 2023", "Second"));
    // A readout of the same meeting three days later: one meeting, no finding.
    dir.file("b.txt", &energy_dialogue("Tromsø, 17 March 2023", "Second"));
    dir.file("c.txt", &energy_dialogue("Tromsø, 20 May 2024", "Third"));
    // A year later, "second" again: after the third, and a second "second".
    dir.file("d.txt", &energy_dialogue("Tromsø, 3 June 2025", "Second"));
    // And an "inaugural" meeting after all of them.
    dir.file("e.txt", &energy_dialogue("Tromsø, 9 June 2026", "Inaugural"));
    let out = dir.run(&["check", "--format", "json", "--as-of", "2026-11-22", "."]);
    let report = json(&out.stdout);
    let found: Vec<(String, String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "ordinal-sequence")
        .map(|d| {
            (
                d["path"].as_str().unwrap().trim_start_matches("./").to_owned(),
                d["text"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("d.txt", "Second"),
        "{found:#?}"
    );
    assert!(found[0].2.contains("calls its own the third"), "{found:#?}");
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        ("e.txt", "Inaugural"),
        "{found:#?}"
    );
    assert!(found[1].2.contains("calls its meeting the first"), "{found:#?}");
}

/// A statement of the Arvenia–Belmark Energy Dialogue dated `dateline` (none when
/// empty) whose last paragraph is `promise`.
fn dialogue_saying(dateline: &str, promise: &str) -> String {
    format!(
        "Joint Statement of the Arvenia-Belmark Energy Dialogue\n{dateline}\n\n\
         Ministers of Arvenia and Belmark met for the Arvenia-Belmark Energy Dialogue.\n\n{promise}\n"
    )
}

/// The ledger's entries of `file` as (detail, verdict, window is null).
fn ledger_of(ledger: &serde_json::Value, file: &str) -> Vec<(String, String, bool)> {
    ledger["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["path"].as_str().unwrap().ends_with(file))
        .map(|c| {
            (
                c["detail"].as_str().unwrap_or("").to_owned(),
                c["verdict"].as_str().unwrap().to_owned(),
                c["window"].is_null(),
            )
        })
        .collect()
}

#[test]
fn unanchored_recurring_and_cancelled_promises_are_listed_with_their_details() {
    let dir = Dir::new("ledger-details");
    // No date anywhere: `next year` has nothing to count from; `in 2031` does.
    dir.file(
        "undated.txt",
        &dialogue_saying(
            "",
            "The Ministers will meet again next year. They will hold the next Dialogue in Tromsø in 2031.",
        ),
    );
    // Meet annually from March 2021: kept in 2022, then no statement until 2024.
    dir.file(
        "a.txt",
        &dialogue_saying("Tromsø, 10 March 2021", "The Ministers will continue to meet annually."),
    );
    // A promise for 2023 that a later statement explains.
    dir.file(
        "b.txt",
        &dialogue_saying(
            "Oslo, 2 February 2022",
            "The Ministers will hold the next Dialogue in 2023.",
        ),
    );
    dir.file(
        "c.txt",
        &dialogue_saying("Bergen, 3 June 2024", "The meeting planned for 2023 was postponed."),
    );
    let out = dir.run(&["followups", "--format", "json", "--as-of", "2026-11-22", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ledger = json(&out.stdout);
    assert_eq!(
        ledger_of(&ledger, "undated.txt"),
        [
            ("unanchored".to_owned(), "pending".to_owned(), true),
            (String::new(), "pending".to_owned(), false)
        ],
        "{ledger:#}"
    );
    assert_eq!(
        ledger_of(&ledger, "a.txt"),
        [("recurring-missed".to_owned(), "unfulfilled".to_owned(), false)],
        "{ledger:#}"
    );
    assert_eq!(
        ledger_of(&ledger, "b.txt"),
        [("cancelled".to_owned(), "unfulfilled".to_owned(), false)],
        "{ledger:#}"
    );
    // The missed period is a finding that names it; the explained promise is not.
    let out = dir.run(&["check", "--format", "json", "--as-of", "2026-11-22", "."]);
    let report = json(&out.stdout);
    let found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unfulfilled-follow-up")
        .map(|d| {
            (
                d["path"].as_str().unwrap().trim_start_matches("./").to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "a.txt");
    assert!(
        found[0].1.contains("between 2 February 2022 and 2 February 2023"),
        "{found:#?}"
    );
}

/// A corpus rule's finding is placed the same whether its file is read again from
/// its bytes (UTF-8) or through its source (with a byte-order mark, in UTF-16).
#[test]
fn a_corpus_finding_is_placed_alike_in_every_encoding() {
    const STATEMENT: &str = "Joint Statement of the Third EU-Norway Energy Dialogue\n\
        Brussels, 12 March 2019\n\n\
        The third meeting of the EU-Norway Energy Dialogue took place in Brussels.\n\
        The delegations will hold the fourth meeting of the Dialogue in Oslo in spring 2020.\n";
    let dir = Dir::new("corpus-encodings");
    dir.file("a-utf8.txt", STATEMENT);
    dir.file("b-bom.txt", &format!("\u{feff}{STATEMENT}"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(STATEMENT.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.path.join("c-utf16.txt"), utf16).unwrap();
    let out = dir.run(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--as-of",
        "2026-11-22",
        ".",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out.stdout);
    let placed: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unfulfilled-follow-up")
        .map(|d| {
            format!(
                "{}:{}-{}:{} {}",
                d["line"], d["column"], d["end_line"], d["end_column"], d["text"]
            )
        })
        .collect();
    assert_eq!(placed.len(), 3, "{placed:?}");
    assert!(placed.iter().all(|p| *p == placed[0]), "{placed:?}");
    assert!(placed[0].starts_with("5:1-5:"), "{placed:?}");
}

//! Rule files end to end: parsing, every kind on a document, the examples, and
//! the errors a broken file gives.

use stmtlint_plugin::{Block, BlockKind, Document, Metadata, Sink, SourceMap, Span};

use stmtlint_config::{ConfigError, InvalidConfig};

use crate::{Declared, drafting_pack, parse};

/// What a rule file's error says.
fn problem(e: ConfigError) -> InvalidConfig {
    match e {
        ConfigError::Invalid(inner) => *inner,
        other => panic!("not a rule file error: {other}"),
    }
}

/// A document of paragraphs (a line each) and `# headings`.
fn doc(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let kind = if body.starts_with("# ") {
            BlockKind::Heading { level: 1 }
        } else {
            BlockKind::Paragraph
        };
        let start = if kind == BlockKind::Paragraph { at } else { at + 2 };
        blocks.push(Block {
            kind,
            span: Span::new(start, at + body.len()),
        });
        at += line.len();
    }
    Document {
        id: 1,
        format: "text".into(),
        text: text.into(),
        blocks,
        metadata: Metadata::default(),
        source_map: SourceMap::identity(),
        notes: Vec::new(),
    }
}

fn rule(toml: &str) -> Declared {
    parse("test.toml", toml).unwrap().remove(0)
}

/// (text, message, fix) of each finding.
fn run(rule: &Declared, text: &str) -> Vec<(String, String, Option<String>)> {
    let d = doc(text);
    let mut sink = Sink::new();
    rule.check(&d, &mut sink);
    sink.into_findings()
        .into_iter()
        .map(|f| {
            let fix = f.fix.map(|x| x.edits[0].replacement.clone());
            (d.slice(f.span).to_owned(), f.message, fix)
        })
        .collect()
}

#[test]
fn existence_flags_every_token_and_pattern() {
    let r = rule(
        r#"[[rule]]
id = "acme-no-tbc"
kind = "existence"
message = "`{match}` must be resolved before publication"
severity = "error"
tokens = ["TBC", "TBD"]
patterns = ['\[[A-Z][A-Z ]*\]']
"#,
    );
    assert_eq!(
        run(&r, "Held on TBC in [CITY], TBCs aside.\n"),
        [
            ("TBC".into(), "`TBC` must be resolved before publication".into(), None),
            (
                "[CITY]".into(),
                "`[CITY]` must be resolved before publication".into(),
                None
            )
        ]
    );
}

#[test]
fn substitution_fixes_literal_and_regex_keys() {
    let r = rule(
        r#"[[rule]]
id = "house-spellings"
kind = "substitution"
message = "write `{replacement}`, not `{match}`"
swap = { "Washington DC" = "Washington, D.C.", "utilise" = "use" }
"#,
    );
    assert_eq!(
        run(&r, "We utilise ties in Washington DC; utilised.\n"),
        [
            (
                "utilise".into(),
                "write `use`, not `utilise`".into(),
                Some("use".into())
            ),
            (
                "Washington DC".into(),
                "write `Washington, D.C.`, not `Washington DC`".into(),
                Some("Washington, D.C.".into())
            )
        ]
    );
    let r = rule(
        r#"[[rule]]
id = "iso-dates"
kind = "substitution"
regex = true
message = "`{match}`: write `{replacement}`"
swap = { '(\d{4})/(\d{2})' = "$1-$2" }
"#,
    );
    assert_eq!(run(&r, "In 2024/05.\n")[0].2.as_deref(), Some("2024-05"));
}

#[test]
fn consistency_lets_the_form_used_most_win() {
    let r = rule(
        r#"[[rule]]
id = "one-spelling"
kind = "consistency"
message = "`{match}` is written `{replacement}` elsewhere"
either = [["organisation", "organization"], ["programme", "program"]]
"#,
    );
    let found = run(
        &r,
        "The organisation and the organization.\nThe organization programme.\n",
    );
    assert_eq!(
        found,
        [(
            "organisation".into(),
            "`organisation` is written `organization` elsewhere".into(),
            Some("organization".into())
        )]
    );
}

#[test]
fn occurrence_counts_per_document() {
    let r = rule(
        r#"[[rule]]
id = "one-annex"
kind = "occurrence"
message = "too many `{match}`"
tokens = ["Annex"]
max = 1
"#,
    );
    let found = run(&r, "Annex one.\nAnnex two.\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "Annex");
    assert!(
        found[0]
            .1
            .starts_with("too many `Annex` (2 in this document, at most 1 allowed)")
    );
}

#[test]
fn conditional_flags_what_is_never_accounted_for() {
    let r = rule(
        r#"[[rule]]
id = "acronym-defined"
kind = "conditional"
message = "`{match}` is never spelled out"
first = '\b([A-Z]{3,})\b'
second = '\(([A-Z]{3,})\)'
exceptions = ["NATO"]
"#,
    );
    assert_eq!(
        run(
            &r,
            "The Permanent Structured Cooperation (PESCO) and PESCO, EUAM and NATO.\n"
        )
        .iter()
        .map(|f| f.0.as_str())
        .collect::<Vec<_>>(),
        ["EUAM"]
    );
}

#[test]
fn capitalization_restyles_headings_in_scope() {
    let r = rule(
        r#"[[rule]]
id = "heading-case"
kind = "capitalization"
message = "`{match}` is not in sentence case"
style = "sentence"
scope = ["heading"]
exceptions = ["Arctic"]
"#,
    );
    let found = run(&r, "# Cooperation In The Arctic\nA Paragraph In Title Case.\n");
    assert_eq!(
        found,
        [(
            "Cooperation In The Arctic".into(),
            "`Cooperation In The Arctic` is not in sentence case".into(),
            Some("Cooperation in the Arctic".into())
        )]
    );
}

#[test]
fn the_drafting_pack_parses_and_its_examples_pass() {
    let pack = drafting_pack().unwrap();
    let ids: Vec<&str> = pack.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["placeholder", "repeated-word", "tracking-link", "mojibake"]);
    for rule in &pack {
        assert!(rule.flagged.len() >= 3 && rule.clean.len() >= 3, "{}", rule.id);
        assert_eq!(rule.check_examples(), [], "{}", rule.id);
    }
}

#[test]
fn examples_that_fail_are_reported() {
    let r = rule(
        r#"[[rule]]
id = "no-tbc"
kind = "existence"
message = "`{match}`"
tokens = ["TBC"]
examples.flagged = ["on TBC", "on TBD"]
examples.clean = ["on 3 May", "TBC again"]
"#,
    );
    let failures = r.check_examples();
    let texts: Vec<(&str, &str)> = failures.iter().map(|f| (f.expected, f.text.as_str())).collect();
    assert_eq!(texts, [("flagged", "on TBD"), ("clean", "TBC again")]);
}

/// The error a rule file gives: (message, label, underlined text).
fn error(toml: &str) -> (String, String, String) {
    let e = problem(parse("style/house.toml", toml).unwrap_err());
    let span = e.span.unwrap();
    let under = toml[span.offset()..span.offset() + span.len()].to_owned();
    (e.message, e.label, under)
}

#[test]
fn a_broken_rule_file_names_the_file_the_rule_and_the_key() {
    let head = "[[rule]]\nid = \"acme-x\"\nmessage = \"`{match}`\"\n";
    let cases = [
        (
            format!("{head}kind = \"existance\"\ntokens = [\"a\"]\n"),
            "`existance` is not a kind of rule",
            "\"existance\"",
        ),
        (
            format!("{head}kind = \"existence\"\n"),
            "a `existence` rule needs `tokens` or `patterns`",
            "\"existence\"",
        ),
        (
            format!("{head}kind = \"existence\"\npatterns = ['(unclosed']\n"),
            "the pattern `(unclosed` is not a valid regular expression",
            "'(unclosed'",
        ),
        (
            format!("{head}kind = \"existence\"\ntokens = [\"a\"]\nswap = {{ a = \"b\" }}\n"),
            "`swap` is not a key of `existence` rules",
            "swap",
        ),
        (
            format!("{head}kind = \"existence\"\ntokens = [\"a\"]\ncolour = 1\n"),
            "unknown key `colour`",
            "colour",
        ),
        (
            format!("{head}kind = \"existence\"\ntokens = [\"a\"]\nseverity = \"loud\"\n"),
            "expected \"error\", \"warning\" or \"info\"",
            "\"loud\"",
        ),
        (
            format!("{head}kind = \"existence\"\ntokens = [\"a\"]\nscope = [\"body\"]\n"),
            "`body` is not a block kind",
            "[\"body\"]",
        ),
        (
            format!("{head}kind = \"conditional\"\nfirst = '[A-Z]+'\nsecond = '\\(([A-Z]+)\\)'\n"),
            "needs exactly 1 capture group",
            "'[A-Z]+'",
        ),
        (
            format!("{head}kind = \"existence\"\ntokens = [\"a\"]\nmessage2 = 1\n"),
            "unknown key `message2`",
            "message2",
        ),
        (
            "[[rule]]\nid = \"Acme X\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\n".to_owned(),
            "kebab-case",
            "\"Acme X\"",
        ),
    ];
    for (toml, label, under) in &cases {
        let (message, got_label, got_under) = error(toml);
        assert!(message.contains("acme-x") || message.contains("Acme X"), "{message}");
        assert!(message.contains("style/house.toml"), "{message}");
        assert!(got_label.contains(label), "{toml}\n{got_label}");
        assert_eq!(&got_under, under, "{toml}");
    }
    let (_, label, _) =
        error("[[rule]]\nid = \"acme-x\"\nkind = \"existence\"\nmessage = \"`{matched}`\"\ntokens = [\"a\"]\n");
    assert!(label.contains("`{matched}` is not a placeholder"), "{label}");
}

#[test]
fn rules_written_as_inline_tables_and_non_ascii_files_are_read_without_panics() {
    let rules = parse(
        "inline.toml",
        "# Règles de la maison\nrule = [{ id = \"no-tbc\", kind = \"existence\", message = \"`{match}`\", tokens = [\"TBC\"] }]\n",
    )
    .unwrap();
    assert_eq!(rules[0].id, "no-tbc");
    let e = problem(parse(
        "inline.toml",
        "rule = [{ id = \"é-x\", kind = \"existence\", message = \"m\", tokens = [\"a\"], swap = { a = \"b\" } }]\n",
    )
    .unwrap_err());
    assert!(e.label.contains("kebab-case"), "{}", e.label);
    let e = problem(parse(
        "inline.toml",
        "é = 1\nrule = [{ id = \"x\", kind = \"existence\", message = \"m\", tokens = [\"a\"], swap = { a = \"b\" } }]\n",
    )
    .unwrap_err());
    assert!(
        e.message.contains("invalid rule file") || e.label.contains("unknown key"),
        "{}",
        e.label
    );
    let e = problem(
        parse(
            "inline.toml",
            "rule = [{ id = \"x\", kind = \"existence\", message = \"m\", tokens = [\"a\"], swap = { a = \"b\" } }]\n",
        )
        .unwrap_err(),
    );
    assert!(
        e.label.contains("`swap` is not a key of `existence` rules"),
        "{}",
        e.label
    );
}

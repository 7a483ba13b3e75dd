//! The HTML source on pages shaped like the ones statements are published on.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use stmtlint_plugin::{BlockKind, Document, Source};

fn fixture(name: &str) -> (Vec<u8>, Document) {
    let bytes = std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let doc = stmtlint_source_html::HtmlSource.read(&bytes).unwrap();
    doc.validate().unwrap();
    (bytes, doc)
}

fn texts(doc: &Document, kind: impl Fn(BlockKind) -> bool) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter(|b| kind(b.kind))
        .map(|b| doc.slice(b.span))
        .collect()
}

/// Line and column (1-based, in characters) of `needle` in the source file.
fn source_position(source: &str, needle: &str) -> (u32, u32) {
    let at = source.find(needle).unwrap();
    let line = source[..at].matches('\n').count() + 1;
    let column = source[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u32, column as u32)
}

#[test]
fn eeas_style_page_title_dateline_structure() {
    let (_, doc) = fixture("eeas-style.html");
    let m = &doc.metadata;
    assert_eq!(m.title.as_deref(), Some("EU-Norway High-Level Dialogue on Energy"));
    assert_eq!(m.date.unwrap().to_string(), "2019-03-20");
    assert_eq!(m.place.as_deref(), Some("Brussels"));
    let headings: Vec<(u8, &str)> = doc.headings().map(|(l, t, _)| (l, t)).collect();
    assert_eq!(headings, [(3, "Security of supply"), (3, "Offshore wind")]);
    assert_eq!(
        texts(&doc, |k| k == BlockKind::ListItem),
        [
            "exchanging experience on offshore wind permitting;",
            "joint research on floating wind farms."
        ]
    );
    let body = texts(&doc, |k| k == BlockKind::Paragraph).join("\n");
    // Entities, no-break spaces, soft hyphens and <br> are normalized.
    assert!(body.contains("on 20 March 2019"), "{body}");
    assert!(body.contains("the cooperation between"), "{body}");
    assert!(body.contains("to the EU & that"), "{body}");
    assert!(body.contains("importance. They agreed"), "{body}");
}

#[test]
fn navigation_related_links_and_footer_never_reach_the_rules() {
    let (_, doc) = fixture("eeas-style.html");
    let content: Vec<&str> = doc.content_blocks().map(|b| doc.slice(b.span)).collect();
    assert!(
        content.iter().all(|t| !t.contains("Norway-EU")),
        "a furniture `Norway-EU` reached the rules: {content:?}"
    );
    assert!(content.iter().any(|t| t.contains("EU-Norway")));
    let boilerplate = texts(&doc, |k| k == BlockKind::Boilerplate).join("\n");
    for furniture in [
        "Skip to main content",
        "Norsk",
        "Norway-EU relations",
        "Home > Norway-EU",
        "Share on Twitter",
        "Tags:",
        "Related links",
        "We use cookies",
    ] {
        assert!(
            boilerplate.contains(furniture),
            "`{furniture}` is not boilerplate:\n{boilerplate}"
        );
    }
    assert!(!doc.text.contains("var menu"), "script text is dropped");
}

#[test]
fn positions_are_lines_and_columns_of_the_html_file() {
    let (bytes, doc) = fixture("eeas-style.html");
    let source = String::from_utf8(bytes).unwrap();
    for needle in [
        "EU-Norway energy partnership",
        "Offshore wind",
        "continue their work",
        "Security of supply",
        "Oslo in 2020",
    ] {
        let at = doc.text.find(needle).unwrap();
        let pos = doc.position(at);
        assert_eq!((pos.line, pos.column), source_position(&source, needle), "{needle}");
    }
    // After an entity the column still points at the word in the file.
    let at = doc.text.find("that the EU-Norway").unwrap() + "that the ".len();
    let pos = doc.position(at);
    assert_eq!((pos.line, pos.column), source_position(&source, "EU-Norway energy"));
}

#[test]
fn state_department_fragment() {
    let (_, doc) = fixture("state-fragment-us-eu-energy-council.html");
    assert_eq!(doc.metadata.issuer.as_deref(), Some("Office of the Spokesperson"));
    let boilerplate = texts(&doc, |k| k == BlockKind::Boilerplate);
    assert!(boilerplate.contains(&"Begin Text:"), "{boilerplate:?}");
    let headings: Vec<&str> = doc.headings().map(|(_, t, _)| t).collect();
    assert_eq!(headings.len(), 3, "{headings:?}");
    assert!(headings[0].starts_with("Bolstering Energy Security"));
    // A feed fragment carries neither title nor date: the page had them.
    assert_eq!(doc.metadata.title, None);
}

#[test]
fn legacy_encodings_are_detected() {
    let (_, doc) = fixture("cp1251-no-meta.html");
    assert_eq!(doc.metadata.title.as_deref(), Some("Совместное заявление"));
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2020-12-15");
    assert_eq!(doc.metadata.place.as_deref(), Some("Minsk"));
    assert!(doc.notes[0].contains("windows-1251"));
}

#[test]
fn real_ministry_pages_when_the_corpus_is_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real/mfa-html-pages");
    if !dir.is_dir() {
        println!("skipped: {} is not there", dir.display());
        return;
    }
    let read = |name: &str| {
        stmtlint_source_html::HtmlSource
            .read(&std::fs::read(dir.join(name)).unwrap())
            .unwrap()
    };
    let doc = read("belarus-mfa-statement.html");
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("Statement of the Ministry of Foreign Affairs of the Republic of Belarus")
    );
    assert!(doc.notes[0].contains("windows-1251"));
    let first = doc.content_blocks().find(|b| b.kind == BlockKind::Paragraph).unwrap();
    assert!(doc.slice(first.span).starts_with("In view of a series of statements"));
    let doc = read("malaysia-mfa-press-release-uae-vaccine-doses.html");
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2022-01-25");
    assert_eq!(doc.metadata.place.as_deref(), Some("Putrajaya"));
    // Signed off below the text: `December 6, 2021, Minsk`.
    let doc = read("belarus-mfa-statement-kazakhstan-situation.html");
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2021-12-06");
    assert_eq!(doc.metadata.place.as_deref(), Some("Minsk"));
}

#[test]
fn a_date_and_place_signing_off_the_text_dates_it() {
    let filler = "<p>The Republic stays fully committed to its obligations and to the region.</p>".repeat(8);
    let page = format!(
        "<html><body><h1>Statement of the Foreign Ministry</h1>{filler}<p>December 6, 2021, Minsk</p></body></html>"
    );
    let doc = stmtlint_source_html::HtmlSource.read(page.as_bytes()).unwrap();
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2021-12-06");
    assert_eq!(doc.metadata.place.as_deref(), Some("Minsk"));
    assert_eq!(texts(&doc, |k| k == BlockKind::Dateline), ["December 6, 2021, Minsk"]);
}

/// A page nested `depth` levels deep in elements of several kinds, with the
/// statement's words at the bottom.
fn nested(depth: usize) -> String {
    let kinds = [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<section>", "</section>"),
        ("<ul><li>", "</li></ul>"),
        ("<b>", "</b>"),
    ];
    let mut page = String::from("<html><body><h1>Joint Statement</h1>");
    for i in 0..depth {
        page.push_str(kinds[i % kinds.len()].0);
    }
    page.push_str("<p>The U.S.-EU Energy Council met in Washington.</p>");
    for i in (0..depth).rev() {
        page.push_str(kinds[i % kinds.len()].1);
    }
    page.push_str("</body></html>");
    page
}

#[test]
fn deep_pages_are_read_without_recursion_and_past_the_limit_refused() {
    let (deep, too_deep) = (nested(4_500), nested(100_000));
    // A thread with a small stack: a walk that recursed per level would overflow it.
    let (text, refused) = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let text = stmtlint_source_html::HtmlSource.read(deep.as_bytes()).map(|d| d.text);
            let refused = stmtlint_source_html::HtmlSource.read(too_deep.as_bytes()).err();
            (text, refused)
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(text.unwrap().contains("The U.S.-EU Energy Council met in Washington."));
    let refused = refused.expect("100,000 levels are refused");
    assert_eq!(refused.code, "stmtlint::source::html::too_deep");
    assert!(refused.message.contains("100000 levels deep"), "{}", refused.message);
}

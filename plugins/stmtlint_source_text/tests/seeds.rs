//! The text source on the two seed statements: explicit expectations, then a
//! snapshot of the whole model.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use std::fmt::Write as _;

use stmtlint_plugin::{BlockKind, Document, Source};

fn read(name: &str) -> Document {
    let path = format!("{}/../../samples/statements/{name}", env!("CARGO_MANIFEST_DIR"));
    stmtlint_source_text::TextSource
        .read(&std::fs::read(path).unwrap())
        .unwrap()
}

fn headings(doc: &Document) -> Vec<(u8, &str)> {
    doc.headings().map(|(level, text, _)| (level, text)).collect()
}

fn dump(doc: &Document) -> String {
    let mut out = format!("{:?}\n", doc.metadata);
    for b in &doc.blocks {
        let text: String = doc.slice(b.span).split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = text.chars().take(80).collect();
        writeln!(out, "{:>4} {:?} {short}", doc.position(b.span.start).line, b.kind).unwrap();
    }
    out
}

const STATE_2014: &str = "2014-12-05-us-eu-cyber-dialogue-state-media-note.txt";
const EEAS_2016: &str = "2016-12-16-eu-us-cyber-dialogue-eeas.md";

#[test]
fn state_department_media_note_2014() {
    let doc = read(STATE_2014);
    doc.validate().unwrap();
    let m = &doc.metadata;
    assert_eq!(m.title.as_deref(), Some("Media Note"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2014-12-05"));
    assert_eq!(m.place.as_deref(), Some("Washington, DC"));
    assert_eq!(m.issuer.as_deref(), Some("Office of the Spokesperson"));
    assert_eq!(
        headings(&doc),
        [
            (2, "International Security in Cyberspace"),
            (2, "Internet Governance Developments in 2015"),
            (2, "U.S.-EU Cyber Related Work Streams"),
            (3, "Cybersecurity:"),
            (3, "Cybercrime:"),
            (2, "Upcoming Cyber Events"),
            (2, "Promotion and Protection of Human Rights Online"),
            (2, "Global Cyber Capacity Building"),
        ]
    );
    // The three unbulleted items after "As such we:" are list items.
    assert_eq!(doc.blocks.iter().filter(|b| b.kind == BlockKind::ListItem).count(), 3);
    insta::assert_snapshot!(dump(&doc));
}

#[test]
fn eeas_press_release_2016() {
    let doc = read(EEAS_2016);
    doc.validate().unwrap();
    let m = &doc.metadata;
    assert_eq!(m.title.as_deref(), Some("EU-U.S. Cyber Dialogue"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2016-12-16"));
    assert_eq!(m.place.as_deref(), Some("Brussels"));
    assert_eq!(
        headings(&doc),
        [
            (4, "International Security in Cyberspace"),
            (4, "Cyber Capacity Building"),
            (2, "Internet Governance"),
            (2, "Promotion and Protection of Human Rights Online"),
            (2, "Combatting Cybercrime"),
            (2, "Cyber Resilience"),
            (2, "Transatlantic cyber policy research cooperation"),
        ]
    );
    let boilerplate: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Boilerplate)
        .map(|b| doc.slice(b.span))
        .collect();
    let all = boilerplate.join("\n");
    for furniture in [
        "Press releases",
        "Author",
        "EEAS press team - Contacts",
        "The EEAS press team is the key contact point",
    ] {
        assert!(all.contains(furniture), "`{furniture}` is not boilerplate");
    }
    // No rule sees the furniture.
    assert!(doc.content_blocks().all(|b| !doc.slice(b.span).contains("press team")));
    insta::assert_snapshot!(dump(&doc));
}

#[test]
fn spans_point_into_the_original_file() {
    let doc = read(STATE_2014);
    let (_, text, span) = doc.headings().nth(3).unwrap();
    assert_eq!(text, "Cybersecurity:");
    let pos = doc.position(span.start);
    assert_eq!((pos.line, pos.column), (37, 1));
}

//! Structure recovery on small texts: one behaviour per test.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use stmtlint_plugin::{BlockKind, Document};

fn parse(text: &str) -> Document {
    let doc = stmtlint_source_text::parse(text.to_owned(), None);
    doc.validate().unwrap();
    doc
}

fn kinds(doc: &Document) -> Vec<(&'static str, &str)> {
    doc.blocks.iter().map(|b| (b.kind.name(), doc.slice(b.span))).collect()
}

#[test]
fn front_matter_gives_title_and_date_and_is_boilerplate() {
    let doc = parse(
        "---\ntitle: \"Joint Statement of the\n  Quad\\_Leaders\"\ndate: '2021-09-24'\n---\n\nThe leaders met today.\n",
    );
    assert_eq!(
        doc.metadata.title.as_deref(),
        Some("Joint Statement of the Quad Leaders")
    );
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2021-09-24");
    assert_eq!(doc.blocks[0].kind, BlockKind::Boilerplate);
    assert_eq!(doc.blocks[1].kind, BlockKind::Paragraph);
}

#[test]
fn dateline_with_place_and_time() {
    let doc = parse("Joint Press Statement\nWashington, 12.09.2025\n\nThe two sides met.\n");
    assert_eq!(doc.metadata.place.as_deref(), Some("Washington"));
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2025-09-12");
    assert_eq!(kinds(&doc)[1], ("dateline", "Washington, 12.09.2025"));
}

#[test]
fn a_wrapped_paragraph_line_in_title_case_is_not_a_heading() {
    let text = "Title\n\nAs the pressing need to tackle climate change has become a priority on both\nsides of the Atlantic, we are placing decarbonization at the heart of trade.\nVia the Transatlantic Initiative for Sustainable Trade, the United States\nand the European Union are strengthening engagement towards a green market.\n";
    let doc = parse(text);
    assert!(doc.headings().next().is_none(), "{:?}", kinds(&doc));
}

#[test]
fn bold_heading_wrapped_over_two_lines() {
    let doc = parse(
        "Title\n\n**A. Robust Transatlantic Cooperation on Emerging Technologies for Joint\nU.S.-EU Leadership**\n\nBody text follows here.\n",
    );
    let (_, heading, _) = doc.headings().next().unwrap();
    assert_eq!(
        heading,
        "A. Robust Transatlantic Cooperation on Emerging Technologies for Joint\nU.S.-EU Leadership"
    );
}

#[test]
fn page_numbers_and_trailers_are_boilerplate() {
    let doc = parse(
        "Title\n\nFirst paragraph of the statement.\n\nPage 2\n\nSecond paragraph.\n\n###\n\nMedia contact: press@example.org\n",
    );
    let boilerplate: Vec<&str> = kinds(&doc)
        .into_iter()
        .filter(|(k, _)| *k == "boilerplate")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(boilerplate, ["Page 2", "###\n\nMedia contact: press@example.org"]);
}

#[test]
fn bulleted_list_items() {
    let doc = parse("Title\n\nThe Ministers agreed to:\n\n- exchange data;\n- hold joint training.\n");
    let items: Vec<&str> = kinds(&doc)
        .into_iter()
        .filter(|(k, _)| *k == "list-item")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(items, ["exchange data;", "hold joint training."]);
}

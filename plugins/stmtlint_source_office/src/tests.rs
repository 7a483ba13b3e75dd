//! The readers on packages made here, part by part: each construct a reader must
//! get right, and each hostile file it must refuse. (Files a real office suite
//! wrote are tested in `tests/office.rs` at the top of the repository.)

use std::io::Write;

use stmtlint_plugin::{BlockKind, Document, Source};
use zip::write::SimpleFileOptions;

use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
const ODF: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx_parts(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let document = format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    parts.extend_from_slice(extra);
    package(&parts)
}

fn docx(body: &str) -> Document {
    DocxSource.read(&docx_parts(body, &[])).unwrap()
}

fn odt(text: &str) -> Document {
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content {ODF}><office:body><office:text>{text}</office:text></office:body></office:document-content>"#
    );
    OdtSource
        .read(&package(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ]))
        .unwrap()
}

fn error(source: &dyn Source, bytes: &[u8]) -> String {
    source.read(bytes).unwrap_err().code
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn runs_split_by_marks_join_into_one_name() {
    let doc = docx(&p(&format!(
        r#"{}<w:proofErr w:type="spellStart"/>{}<w:bookmarkStart w:id="0" w:name="x"/>{}<w:proofErr w:type="spellEnd"/><w:hyperlink r:id="rId1" xmlns:r="r">{}</w:hyperlink><w:smartTag w:element="place">{}</w:smartTag><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        r("The "),
        r("U.S."),
        r("-EU"),
        r(" dialogue"),
        r(" in Brussels"),
        r(" &amp; more&#x2E;")
    )));
    assert_eq!(doc.text, "The U.S.-EU dialogue in Brussels & more.");
}

#[test]
fn special_characters_are_what_word_shows() {
    let doc = docx(&p(
        r#"<w:r><w:t>EU</w:t><w:noBreakHyphen/><w:t>U.S.</w:t><w:tab/><w:t>a</w:t><w:softHyphen/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>"#,
    ));
    assert_eq!(doc.text, "EU\u{2011}U.S. ab c");
}

#[test]
fn tracked_changes_read_as_accepted() {
    let doc = docx(&format!(
        "{}{}",
        p(&format!(
            r#"{}<w:del w:id="1" w:author="a"><w:r><w:delText>Ottawa</w:delText></w:r></w:del><w:ins w:id="2" w:author="b">{}</w:ins>{}"#,
            r("met in "),
            r("Washington"),
            r(".")
        )),
        // A moved paragraph: read where it went, not where it was.
        p(&format!(
            r#"<w:moveFrom w:id="3">{}</w:moveFrom><w:moveTo w:id="4">{}</w:moveTo>"#,
            r("old place"),
            r("new place")
        )),
    ));
    assert_eq!(doc.text, "met in Washington.\n\nnew place");
    assert!(
        doc.notes
            .iter()
            .any(|n| n == "tracked changes read as accepted: 2 insertions, 2 deletions")
    );
}

#[test]
fn a_deleted_paragraph_mark_joins_two_paragraphs() {
    let doc = docx(&format!(
        "{}{}",
        p(&format!(
            r#"<w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr>{}"#,
            r("The Council met")
        )),
        p(&r(" and agreed."))
    ));
    assert_eq!(doc.text, "The Council met and agreed.");
    assert_eq!(doc.position(4).line, 1);
}

#[test]
fn field_codes_old_properties_and_fallbacks_are_not_text() {
    let doc = docx(&p(&format!(
        r#"<w:pPr><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \@ "MMMM d, yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r><mc:AlternateContent><mc:Choice Requires="wps">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"#,
        r("Signed on "),
        r("March 4, 2025"),
        r(" here"),
        r(" twice")
    )));
    assert_eq!(doc.text, "Signed on March 4, 2025 here");
    // The style the paragraph had before a tracked change is not its style.
    assert!(
        doc.blocks.iter().all(|b| b.kind != BlockKind::Heading { level: 1 }),
        "{:?}",
        doc.blocks
    );
}

#[test]
fn comments_and_notes_separators_are_not_read_and_footnotes_come_after_the_body() {
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>"#,
        r(" Established in 2009.")
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="0"><w:p>{}</w:p></w:comment></w:comments>"#,
        r("EU-U.S.?")
    );
    let body = p(&format!(
        r#"{}<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>"#,
        r("The U.S.-EU "),
        r("Council.")
    ));
    let bytes = docx_parts(
        &body,
        &[
            ("word/footnotes.xml", footnotes.as_bytes()),
            ("word/comments.xml", comments.as_bytes()),
        ],
    );
    let doc = DocxSource.read(&bytes).unwrap();
    assert_eq!(doc.text, "The U.S.-EU Council.\n\nEstablished in 2009.");
    // The note is numbered on after the body's one paragraph.
    assert_eq!(doc.position(doc.text.find("Established").unwrap()).line, 2);
}

#[test]
fn page_headers_and_footers_are_not_read() {
    let header = format!(
        r#"<w:hdr {W}><w:p>{}</w:p></w:hdr>"#,
        r("EU-U.S. Energy Council — DRAFT")
    );
    let footer = format!(r#"<w:ftr {W}><w:p>{}</w:p></w:ftr>"#, r("Page 1 of 2"));
    let bytes = docx_parts(
        &p(&r("The U.S.-EU Energy Council met.")),
        &[
            ("word/header1.xml", header.as_bytes()),
            ("word/footer1.xml", footer.as_bytes()),
        ],
    );
    assert_eq!(DocxSource.read(&bytes).unwrap().text, "The U.S.-EU Energy Council met.");
}

#[test]
fn headings_and_title_come_from_styles_in_any_language() {
    let styles = format!(
        r#"<w:styles {W}>
        <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="Überschrift 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="Titre 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="Section head"/><w:basedOn w:val="berschrift2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Outlined"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Bullets"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
        </w:styles>"#
    );
    let styled = |style: &str, text: &str| p(&format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}"#, r(text)));
    let body = [
        styled("Titel", "Joint Statement"),
        styled("Titre1", "Energy"),
        p(&r("The participants met and agreed on what follows in this statement.")),
        styled("Mine", "Trade"),
        styled("Outlined", "Details"),
        styled("Bullets", "First point of the list, a sentence."),
        p(&format!(
            r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>{}"#,
            r("Second point, numbered directly.")
        )),
        p(&format!(
            r#"<w:pPr><w:outlineLvl w:val="0"/></w:pPr>{}"#,
            r("Direct outline")
        )),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell heading-like</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_owned(),
    ]
    .concat();
    let doc = DocxSource
        .read(&docx_parts(&body, &[("word/styles.xml", styles.as_bytes())]))
        .unwrap();
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Title,
            BlockKind::Heading { level: 1 },
            BlockKind::Paragraph,
            BlockKind::Heading { level: 2 },
            BlockKind::Heading { level: 3 },
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Heading { level: 1 },
            BlockKind::Paragraph,
        ]
    );
    assert_eq!(doc.metadata.title.as_deref(), Some("Joint Statement"));
}

#[test]
fn positions_are_paragraph_and_character() {
    // Paragraph 2 is empty and still counts; paragraph 3 starts with two spaces.
    let doc = docx(&format!(
        "{}<w:p/>{}",
        p(&r("Tromsø — first.")),
        p(&r("  The EU-U.S. text."))
    ));
    let at = doc.text.find("EU-U.S.").unwrap();
    let position = doc.position(at);
    assert_eq!((position.line, position.column), (3, 7));
    let first = doc.position(doc.text.find("first").unwrap());
    assert_eq!((first.line, first.column), (1, 10));
}

#[test]
fn the_title_falls_back_to_the_documents_properties_with_a_note() {
    let core = br#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Draft  statement</dc:title></cp:coreProperties>"#;
    let doc = DocxSource
        .read(&docx_parts(
            &p(&r("The participants met in Washington and agreed to meet again.")),
            &[("docProps/core.xml", core)],
        ))
        .unwrap();
    assert_eq!(doc.metadata.title.as_deref(), Some("Draft statement"));
    assert!(doc.notes.iter().any(|n| n.contains("property")));
}

#[test]
fn odt_keeps_deleted_text_and_notes_out_of_the_sentence() {
    let doc = odt(concat!(
        r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>a</dc:creator></office:change-info><text:p>Ottawa</text:p></text:deletion></text:changed-region>"#,
        r#"<text:changed-region text:id="c2"><text:insertion><office:change-info><dc:creator>b</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes>"#,
        r#"<text:h text:outline-level="2">Energy</text:h>"#,
        r#"<text:p>Met in <text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>Washington<text:change-end text:change-id="c2"/>.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Since 2009.</text:p></text:note-body></text:note> Next<text:s text:c="2"/>sentence<office:annotation><dc:creator>a</dc:creator><text:p>EU-U.S.?</text:p></office:annotation>   here.</text:p>"#,
        r#"<text:list><text:list-item><text:p>An item of the list.</text:p></text:list-item></text:list>"#,
        r#"<table:table><table:table-row><table:table-cell><text:p>Cell</text:p></table:table-cell></table:table-row></table:table>"#,
    ));
    assert_eq!(
        doc.text,
        "Energy\n\nMet in Washington. Next  sentence here.\n\nAn item of the list.\n\nCell\n\nSince 2009."
    );
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading { level: 2 },
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::Paragraph,
            BlockKind::Paragraph
        ]
    );
    assert!(doc.notes.iter().any(|n| n.contains("1 insertion, 1 deletion")));
}

#[test]
fn odt_title_through_an_automatic_style() {
    let content = format!(
        r#"<office:document-content {ODF}><office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/></office:automatic-styles><office:body><office:text><text:p text:style-name="P1">Joint Statement</text:p><text:p>The participants met in Washington and agreed to meet again.</text:p></office:text></office:body></office:document-content>"#
    );
    let doc = OdtSource
        .read(&package(&[("content.xml", content.as_bytes())]))
        .unwrap();
    assert_eq!(doc.blocks[0].kind, BlockKind::Title);
    assert_eq!(doc.metadata.title.as_deref(), Some("Joint Statement"));
}

#[test]
fn hostile_packages_are_refused_with_their_cause() {
    let code = |bytes: &[u8]| error(&DocxSource, bytes);
    // No word/document.xml; an OpenDocument file renamed.
    let odt_inside = package(&[("content.xml", b"<x/>")]);
    assert_eq!(code(&odt_inside), "stmtlint::source::docx::missing_part");
    assert_eq!(
        error(&OdtSource, &package(&[("word/document.xml", b"<x/>")])),
        "stmtlint::source::odt::missing_part"
    );
    // Truncated: the central directory is gone.
    let whole = docx_parts(&p(&r("text")), &[]);
    assert_eq!(code(&whole[..whole.len() / 2]), "stmtlint::source::docx::corrupt");
    // A zip bomb: 300 MB of spaces in a few hundred kilobytes, stopped when the
    // ratio shows (at 16 MiB inflated, not 300).
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", deflated).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&spaces).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    assert_eq!(code(&bomb), "stmtlint::source::docx::bomb");
    // A part too large to be a draft, stored without compression.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    zip.start_file("word/document.xml", stored).unwrap();
    for _ in 0..65 {
        zip.write_all(&spaces).unwrap();
    }
    assert_eq!(
        code(&zip.finish().unwrap().into_inner()),
        "stmtlint::source::docx::too_large"
    );
    // Path tricks.
    let tricky = package(&[("word/document.xml", b"<x/>"), ("../../evil", b"x")]);
    assert_eq!(code(&tricky), "stmtlint::source::docx::entry_name");
    // Entity expansion.
    let lol = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
    );
    assert_eq!(
        code(&package(&[("word/document.xml", lol.as_bytes())])),
        "stmtlint::source::docx::dtd"
    );
    let undeclared = format!(r#"<w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#);
    assert_eq!(
        code(&package(&[("word/document.xml", undeclared.as_bytes())])),
        "stmtlint::source::docx::entity"
    );
    // Not well-formed.
    let broken = format!(r#"<w:document {W}><w:body><w:p></w:r></w:body></w:document>"#);
    assert_eq!(
        code(&package(&[("word/document.xml", broken.as_bytes())])),
        "stmtlint::source::docx::xml"
    );
}

/// A `.docx` and a `.odt` whose text stands `depth` levels deep, in elements of
/// several kinds.
fn nested(depth: usize) -> (Vec<u8>, Vec<u8>) {
    let mut body = String::new();
    for i in 0..depth {
        body.push_str(["<w:sdt><w:sdtContent>", "<w:hyperlink>", "<w:smartTag>"][i % 3]);
    }
    body.push_str(&p(&r("Deep text.")));
    for i in (0..depth).rev() {
        body.push_str(["</w:sdtContent></w:sdt>", "</w:hyperlink>", "</w:smartTag>"][i % 3]);
    }
    let mut odt_body = String::new();
    for i in 0..depth {
        odt_body.push_str(["<text:section>", "<text:list><text:list-item>", "<text:span>"][i % 3]);
    }
    odt_body.push_str("Deep text.");
    for i in (0..depth).rev() {
        odt_body.push_str(["</text:section>", "</text:list-item></text:list>", "</text:span>"][i % 3]);
    }
    let content = format!(
        r#"<office:document-content {ODF}><office:body><office:text><text:p>{odt_body}</text:p></office:text></office:body></office:document-content>"#
    );
    (docx_parts(&body, &[]), package(&[("content.xml", content.as_bytes())]))
}

#[test]
fn deep_nesting_costs_no_stack_and_too_deep_is_refused() {
    // Read in a thread with a small stack (40,000 levels of recursion would need
    // megabytes): nothing recurses on the depth.
    let (docx, odt) = nested(40_000);
    let (too_deep_docx, too_deep_odt) = nested(200_000);
    let results = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let read = (
                DocxSource.read(&docx).map(|d| d.text),
                OdtSource.read(&odt).map(|d| d.text),
            );
            (
                read,
                (error(&DocxSource, &too_deep_docx), error(&OdtSource, &too_deep_odt)),
            )
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(results.0.0.unwrap(), "Deep text.");
    assert_eq!(results.0.1.unwrap(), "Deep text.");
    assert_eq!(results.1.0, "stmtlint::source::docx::nesting");
    assert_eq!(results.1.1, "stmtlint::source::odt::nesting");
}

#[test]
fn style_names_of_the_lexicon() {
    assert_eq!(style_role("heading 1"), Some(Role::Heading(1)));
    assert_eq!(style_role("Heading_20_3"), Some(Role::Heading(3)));
    assert_eq!(style_role("Titre"), Some(Role::Title));
    assert_eq!(style_role("Titre 1"), Some(Role::Heading(1)));
    assert_eq!(style_role("Заголовок 2"), Some(Role::Heading(2)));
    assert_eq!(style_role("Normal"), None);
    assert_eq!(style_role("Heading"), None);
}

//! One XML part as a stream of elements and text, on quick-xml's namespace-aware
//! pull reader: nothing is built as a tree and nothing recurses, so nesting costs
//! no stack (the reader refuses more than 65,535 levels, with the cause `nesting`). A DTD is refused (Word and LibreOffice never
//! write one; it is how entity-expansion bombs start), and so is a reference to an
//! entity XML does not predefine.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use stmtlint_plugin::SourceError;

use crate::package::error;

/// The namespaces the readers look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML (transitional or strict).
    Word,
    /// Markup compatibility (`mc:AlternateContent`).
    Compat,
    /// OpenDocument text, office, table, style and drawing.
    Text,
    Office,
    Table,
    Style,
    Draw,
    /// Dublin Core (`dc:title` of the document properties).
    Dc,
    Other,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::Word,
        "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Compat,
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::Text,
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::Office,
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::Table,
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::Style,
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::Draw,
        "http://purl.org/dc/elements/1.1/" => Ns::Dc,
        _ => Ns::Other,
    }
}

/// What the stream yields.
pub(crate) enum Item<'i> {
    /// An element opens (`empty`: it also closes at once, `<w:tab/>`).
    Open {
        ns: Ns,
        element: BytesStart<'i>,
        empty: bool,
    },
    /// An element closes.
    Close { ns: Ns, local: String },
    /// Character data, references resolved.
    Text(String),
}

/// A part being read.
pub(crate) struct Stream<'i> {
    reader: NsReader<&'i [u8]>,
    format: &'static str,
    part: &'static str,
}

impl<'i> Stream<'i> {
    pub(crate) fn new(format: &'static str, part: &'static str, bytes: &'i [u8]) -> Self {
        let mut reader = NsReader::from_reader(bytes);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self { reader, format, part }
    }

    fn fail(&self, cause: &str, why: String) -> SourceError {
        error(
            self.format,
            cause,
            format!(
                "`{}` is not well-formed XML at byte {}: {why}",
                self.part,
                self.reader.buffer_position()
            ),
        )
    }

    /// The next item, or `None` at the end of the part.
    pub(crate) fn next(&mut self) -> Result<Option<Item<'i>>, SourceError> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((ResolveResult::Bound(ns), event)) => (ns_of(ns.as_ref()), event),
                Ok((_, event)) => (Ns::Other, event),
                Err(quick_xml::Error::Namespace(quick_xml::name::NamespaceError::TooDeeplyNested(limit))) => {
                    return Err(error(
                        self.format,
                        "nesting",
                        format!(
                            "`{}` nests elements more than {limit} levels deep (no word processor does)",
                            self.part
                        ),
                    ));
                }
                Err(e) => return Err(self.fail("xml", e.to_string())),
            };
            return Ok(Some(match event {
                Event::Start(element) => Item::Open {
                    ns,
                    element,
                    empty: false,
                },
                Event::Empty(element) => Item::Open {
                    ns,
                    element,
                    empty: true,
                },
                Event::End(end) => Item::Close {
                    ns,
                    local: end.local_name().as_ref().to_owned(),
                },
                Event::Text(text) => Item::Text(text.xml10_content().into_owned()),
                Event::CData(text) => Item::Text(text.xml10_content().into_owned()),
                Event::GeneralRef(reference) => {
                    let c = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match &*reference {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => {
                                let name = other.to_owned();
                                return Err(
                                    self.fail("entity", format!("it refers to an undeclared entity `&{name};`"))
                                );
                            }
                        },
                        Err(e) => return Err(self.fail("xml", e.to_string())),
                    };
                    Item::Text(c.to_string())
                }
                Event::DocType(_) => {
                    return Err(error(
                        self.format,
                        "dtd",
                        format!(
                            "`{}` declares a DTD, which no word processor writes (entity expansion is refused)",
                            self.part
                        ),
                    ));
                }
                Event::Eof => return Ok(None),
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            }));
        }
    }
}

/// The value of `element`'s attribute of local name `local` (`w:val` → `val`),
/// whatever its prefix.
pub(crate) fn attr(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `element`'s local name.
pub(crate) fn local<'a>(element: &'a BytesStart<'_>) -> &'a str {
    element.local_name().into_inner()
}

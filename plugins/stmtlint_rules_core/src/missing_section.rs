use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_plugin::{BlockKind, ConfigurableRule, Document, Finding, Rule, Sink, Span, date_mentions, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a statement that has no title, no date (in a dateline or the opening
    /// sentence), or lacks a section the configuration requires. A dateline whose
    /// day the month lacks dates nothing, and the finding says so where it stands
    /// (`statement has no date: `31 June 2021` is not a date`).
    ///
    /// ## Why is this bad?
    /// An undated statement cannot be cited or placed in a series, and a statement of
    /// a known kind that drops one of its usual sections (a cyber-dialogue statement
    /// without its human-rights section) usually lost it in drafting, not by choice.
    ///
    /// ## Example
    /// ```text
    /// EU-U.S. Cyber Dialogue
    ///
    /// The participants affirmed specific areas of cooperation as follows:
    ///
    /// Internet Governance
    /// ...
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// EU-U.S. Cyber Dialogue
    /// Brussels, 16 December 2016
    ///
    /// The participants affirmed specific areas of cooperation as follows:
    ///
    /// Internet Governance
    /// ...
    /// Promotion and Protection of Human Rights Online
    /// ...
    /// ```
    ///
    /// ## Options
    /// - `required`: sections every statement must have, as
    ///   `{ name = "Human Rights Online", aliases = ["Promotion and Protection of Human Rights Online"] }`.
    ///   A heading matches when it starts with the name or an alias, ignoring case,
    ///   punctuation and a leading number (`II.`): "Internet Governance Developments
    ///   in 2015" satisfies "Internet Governance".
    /// - `title`, `date`: set to `false` to stop requiring them (default `true`).
    pub struct MissingSection {
        options: Options,
    }
    id = "missing-section",
    severity = Error,
    summary = "a statement lacks its title, its date, or a required section",
}

/// `[rules.missing-section]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Sections every statement must have; a heading that starts with the name or an
    /// alias matches.
    required: Vec<Section>,
    /// Require a title.
    title: bool,
    /// Require a date: a dateline or the page's date, else the first dated sentence
    /// of the statement proper, else a date at the start of the file name.
    date: bool,
    /// Require a title of a content system's body fragment too (a page with no
    /// `<html>`, `<body>` or `<h1>`, such as a State Department feed item).
    fragments_need_title: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            required: Vec::new(),
            title: true,
            date: true,
            fragments_need_title: false,
        }
    }
}

/// A section and its other names.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Section {
    /// The section's name.
    name: String,
    /// Other names of it.
    #[serde(default)]
    aliases: Vec<String>,
}

impl ConfigurableRule for MissingSection {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        Self { options }
    }
}

impl Rule for MissingSection {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let anchor = anchor(doc);
        let fragment_excused = doc.metadata.fragment && !self.options.fragments_need_title;
        if self.options.title && doc.metadata.title.is_none() && !fragment_excused {
            sink.report(
                Finding::new(anchor, "statement has no title").help("put the title on the first line, on its own"),
            );
        }
        if self.options.date && doc.metadata.date.is_none() {
            // A dateline with a day its month does not have dates nothing: the
            // finding says so where it stands, not "no date" on the title.
            let finding = match impossible_date(doc) {
                Some(span) => Finding::new(
                    span,
                    format!("statement has no date: `{}` is not a date", doc.slice(span)),
                )
                .help("correct the day or the month"),
                None => Finding::new(anchor, "statement has no date")
                    .help("add a dateline such as `Brussels, 16 December 2016`, or date the opening sentence"),
            };
            sink.report(finding);
        }
        for section in &self.options.required {
            if !doc.headings().any(|(_, heading, _)| section.matches(heading)) {
                sink.report(
                    Finding::new(anchor, format!("required section `{}` is missing", section.name))
                        .help(section.help()),
                );
            }
        }
    }
}

impl Section {
    fn matches(&self, heading: &str) -> bool {
        let heading = words(heading);
        std::iter::once(&self.name).chain(&self.aliases).any(|name| {
            let name = words(name);
            !name.is_empty() && heading.starts_with(&name)
        })
    }

    fn help(&self) -> String {
        let mut help = format!("add a section headed `{}`", self.name);
        if !self.aliases.is_empty() {
            let aliases: Vec<String> = self.aliases.iter().map(|a| format!("`{a}`")).collect();
            help.push_str(&format!(" (or {})", aliases.join(", ")));
        }
        help
    }
}

/// A heading as lowercase words, without punctuation or a leading `II.`/`3.`/`(a)`.
fn words(s: &str) -> Vec<String> {
    let mut words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let numbered = s.split_whitespace().next().is_some_and(|first| {
        let label = first.trim_matches(|c: char| matches!(c, '(' | ')' | '.'));
        first.len() > label.len()
            && (label.chars().all(|c| c.is_ascii_digit()) || label.chars().all(|c| "IVXLivxl".contains(c)))
    });
    if numbered && words.len() > 1 {
        words.remove(0);
    }
    words
}

/// The first date with a year that cannot be (`31 June 2021`) where a statement
/// gives its date: its title, dateline or opening blocks (the first four that are
/// not boilerplate).
fn impossible_date(doc: &Document) -> Option<Span> {
    doc.content_blocks().take(4).find_map(|block| {
        date_mentions(doc.slice(block.span))
            .into_iter()
            .find(|m| m.year.is_some() && m.impossible())
            .map(|m| Span::new(block.span.start + m.span.start, block.span.start + m.span.end))
    })
}

/// Where whole-document findings point: the title, else the first line of the
/// first block that is not boilerplate.
fn anchor(doc: &Document) -> Span {
    let block = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .or_else(|| doc.content_blocks().next());
    let Some(block) = block else {
        return Span::new(0, 0);
    };
    let text = doc.slice(block.span);
    let first_line = text.find('\n').map_or(text, |n| &text[..n]).trim_end();
    Span::new(block.span.start, block.span.start + first_line.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(name: &str, aliases: &[&str]) -> Section {
        Section {
            name: name.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    #[test]
    fn heading_that_starts_with_the_name_matches() {
        let s = section("Internet Governance", &[]);
        assert!(s.matches("Internet Governance Developments in 2015"));
        assert!(s.matches("II. INTERNET GOVERNANCE:"));
        assert!(!s.matches("Governance of the Internet"));
        assert!(!s.matches("Internet Governanceship"));
    }

    #[test]
    fn aliases_match() {
        let s = section(
            "Human Rights Online",
            &["Promotion and Protection of Human Rights Online"],
        );
        assert!(s.matches("Promotion and Protection of Human Rights Online"));
        assert!(s.matches("Human rights online"));
        assert!(!s.matches("Human Rights"));
    }

    fn findings(options: Options, fragment: bool) -> Vec<String> {
        let text = "The delegations met in Rome on 3 May 2021.";
        let mut doc = Document {
            text: text.into(),
            blocks: vec![stmtlint_plugin::Block {
                kind: BlockKind::Paragraph,
                span: Span::new(0, text.len()),
            }],
            ..Document::default()
        };
        doc.metadata.fragment = fragment;
        doc.date_from_text();
        let mut sink = Sink::new();
        MissingSection::new(options).check(&doc, &mut sink);
        sink.into_findings().into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_fragment_needs_no_title_unless_the_config_says_so() {
        assert_eq!(findings(Options::default(), false), ["statement has no title"]);
        assert!(findings(Options::default(), true).is_empty());
        let strict = Options {
            fragments_need_title: true,
            ..Options::default()
        };
        assert_eq!(findings(strict, true), ["statement has no title"]);
    }

    #[test]
    fn an_impossible_dateline_is_named_where_it_stands() {
        let text = "Joint Statement\n\nMinsk, 31 June 2021\n\nThe ministers met.";
        let block = |kind, start: usize, end: usize| stmtlint_plugin::Block {
            kind,
            span: Span::new(start, end),
        };
        let mut doc = Document {
            text: text.into(),
            blocks: vec![
                block(BlockKind::Title, 0, 15),
                block(BlockKind::Paragraph, 17, 36),
                block(BlockKind::Paragraph, 38, text.len()),
            ],
            ..Document::default()
        };
        doc.metadata.title = Some("Joint Statement".into());
        let mut sink = Sink::new();
        MissingSection::new(Options::default()).check(&doc, &mut sink);
        let found: Vec<(String, &str)> = sink
            .into_findings()
            .into_iter()
            .map(|f| (f.message, &text[f.span.start..f.span.end]))
            .collect();
        assert_eq!(
            found,
            [(
                "statement has no date: `31 June 2021` is not a date".to_owned(),
                "31 June 2021"
            )]
        );
    }
}

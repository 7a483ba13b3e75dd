//! `capitalization`: each block of the scope (usually `heading`) is written in one
//! style: `title` (`Cooperation on Energy and Climate`), `sentence` (`Cooperation
//! on energy and climate`) or `upper`. Words with capitals inside or digits
//! (`EU`, `U.S.`, `COVID-19`) and the `exceptions` are kept as written. One finding
//! per block, whose fix writes it in the style.

use stmtlint_lexicon::Lexicon;
use stmtlint_plugin::{Document, Edit, Finding, Fix, Sink, Span};

use crate::Declared;

/// A capitalization style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Major words capitalized, minor ones (`and`, `of`, `the`) not, but first
    /// and last.
    Title,
    /// Only the first word capitalized.
    Sentence,
    /// Every letter a capital.
    Upper,
}

pub fn check(rule: &Declared, style: Style, exceptions: &[String], doc: &Document, sink: &mut Sink) {
    for block in rule.blocks(doc) {
        let written = doc.slice(block.span).trim_end();
        let styled = restyle(written, style, exceptions);
        if styled == written {
            continue;
        }
        let span = Span::new(block.span.start, block.span.start + written.len());
        let mut finding = Finding::new(span, rule.message(written, &styled));
        finding = finding.help(rule.help.clone().unwrap_or_else(|| format!("write `{styled}`")));
        sink.report(finding.fix(Fix {
            message: format!("write `{styled}`"),
            edits: vec![Edit {
                span,
                replacement: styled,
            }],
            applicability: Declared::applicability(doc, true),
        }));
    }
}

/// `text` in `style`, keeping exceptions and words that are not plain words.
fn restyle(text: &str, style: Style, exceptions: &[String]) -> String {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let last = words.iter().rposition(|(_, w)| w.chars().any(char::is_alphabetic));
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for (i, (_, word)) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let plain = word.chars().any(char::is_alphabetic);
        if !plain || keep(word, exceptions) {
            out.push_str(word);
            first &= !plain;
            continue;
        }
        let lower = word.to_lowercase();
        let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = match style {
            Style::Upper => {
                out.push_str(&word.to_uppercase());
                continue;
            }
            Style::Sentence => first,
            Style::Title => first || Some(i) == last || !Lexicon::builtin("title-minor-words").contains(core),
        };
        out.push_str(&if capital { capitalized(&lower) } else { lower });
        first = false;
    }
    out
}

/// A word kept as written: an exception, or not a plain word (capitals after
/// the first letter, digits).
fn keep(word: &str, exceptions: &[String]) -> bool {
    let core = word.trim_matches(|c: char| !c.is_alphanumeric());
    exceptions.iter().any(|e| e == core || e == word)
        || core.chars().skip(1).any(char::is_uppercase)
        || core.chars().any(|c| c.is_ascii_digit())
}

/// `word` with its first letter a capital.
fn capitalized(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut done = false;
    for c in word.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restyles_but_keeps_acronyms_numbers_and_exceptions() {
        let keep = ["Union".to_owned()];
        assert_eq!(
            restyle("cooperation on energy and the climate", Style::Title, &[]),
            "Cooperation on Energy and the Climate"
        );
        assert_eq!(
            restyle("Cooperation On Energy In The EU", Style::Sentence, &keep),
            "Cooperation on energy in the EU"
        );
        assert_eq!(
            restyle("the European Union and COVID-19", Style::Sentence, &keep),
            "The european Union and COVID-19"
        );
        assert_eq!(restyle("next steps", Style::Upper, &[]), "NEXT STEPS");
        assert_eq!(restyle("What we agreed to", Style::Title, &[]), "What We Agreed To");
    }
}

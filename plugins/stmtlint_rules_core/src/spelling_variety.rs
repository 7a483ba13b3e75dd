//! `spelling-variety`: British and American spellings mixed in one statement.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_lexicon::{Lexicon, Words, scan::LetterRuns};
use stmtlint_plugin::{Applicability, ConfigurableRule, Document, Edit, Finding, Fix, Rule, Sink, Span, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a statement that mixes British and American spellings of the same kind:
    /// -ise/-ize (`organised`/`organized`), -our/-or (`endeavour`/`endeavor`),
    /// -re/-er (`centre`/`center`), -ogue/-og (`catalogue`/`catalog`), -ence/-ense
    /// (`defence`/`defense`, the noun `licence`/`license`), doubled consonants
    /// (`travelled`/`traveled`, `focussing`/`focusing`), ae/oe (`paediatric`,
    /// `manoeuvre`), sk/sc (`sceptical`) and `programme` (`program` is every
    /// dialect's).
    ///
    /// The statement's own majority decides (or `dialect`): every dialect-marked
    /// word is counted for the spellings it belongs to — American, British (-ise) or
    /// Oxford (-ize with -our and -re, one consistent spelling, not a mix) — and each
    /// word the winner does not accept is a finding, with the winner's form as fix.
    /// Capitalized words inside a sentence are parts of names and never counted
    /// (`World Health Organization`, `Ministry of Defence`, `Labour Party`), nor
    /// are words in capitals or boilerplate. The pairs come from SCOWL's word lists
    /// (`config/spelling-variants.tsv`, made by
    /// `scripts/spelling_variants.py`).
    ///
    /// ## Why is this bad?
    /// A joint statement is drafted by two parties with two house styles; a text
    /// that says "standardisation" in one paragraph and "standardization" in the
    /// next reads as if nobody proofread it.
    ///
    /// ## Example
    /// ```text
    /// The participants emphasised the need to organise regular exchanges
    /// and to maximize cooperation.
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// The participants emphasised the need to organise regular exchanges
    /// and to maximise cooperation.
    /// ```
    ///
    /// ## Options
    /// - `dialect`: `auto` (default: the statement's majority), `en-GB` (-ise),
    ///   `en-GB-oxford` (-ize, -our, -re) or `en-US`.
    /// - `extend-pairs`: more pairs, as `{ us = "program", gb = "programme" }`
    ///   (`oxford` defaults to `gb`).
    /// - `ignore`: words never counted nor reported.
    pub struct SpellingVariety {
        options: Options,
        table: Arc<Table>,
        /// `ignore`, in lower case.
        ignore: rustc_hash::FxHashSet<String>,
        determiners: &'static Lexicon,
    }
    id = "spelling-variety",
    severity = Warning,
    summary = "British and American spellings are mixed in one statement",
}

/// `[rules.spelling-variety]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// The spelling to hold the statement to; `auto` takes the statement's majority.
    dialect: Dialect,
    /// Pairs added to the shipped ones (`config/spelling-variants.tsv`).
    extend_pairs: Vec<Pair>,
    /// Words never counted nor reported.
    ignore: Words,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            dialect: Dialect::Auto,
            extend_pairs: Vec::new(),
            ignore: Words::default(),
        }
    }
}

/// A spelling to hold statements to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
enum Dialect {
    /// The statement's own majority.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// American spelling.
    #[serde(rename = "en-US")]
    Us,
    /// British spelling with -ise.
    #[serde(rename = "en-GB")]
    Gb,
    /// Oxford spelling: British with -ize.
    #[serde(rename = "en-GB-oxford")]
    Oxford,
}

/// A pair a user adds.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Pair {
    /// The American spelling.
    us: String,
    /// The British spelling.
    gb: String,
    /// The Oxford spelling, when it differs from the British one.
    #[serde(default)]
    oxford: Option<String>,
}

/// The three spellings, as bits of a mask and as indexes.
const DIALECTS: [(Dialect, &str); 3] = [
    (Dialect::Us, "American"),
    (Dialect::Gb, "British -ise"),
    (Dialect::Oxford, "Oxford (-ize with British -our, -re)"),
];

/// What spelling a word is, by the dialects that accept it.
fn spelling_of(accepted: u8) -> &'static str {
    match accepted {
        0b001 => "American",
        0b101 => "-ize (American and Oxford)",
        0b010 => "British -ise",
        0b110 | 0b100 => "British",
        _ => "another",
    }
}

fn index(d: Dialect) -> usize {
    match d {
        Dialect::Us => 0,
        Dialect::Gb => 1,
        Dialect::Oxford | Dialect::Auto => 2,
    }
}

/// A dialect-marked spelling: the dialects that accept it (bits, by [`index`]) and
/// its form in each dialect.
#[derive(Clone, Debug)]
struct Form {
    accepted: u8,
    forms: [String; 3],
}

/// Every dialect-marked spelling, by its lower-case letters.
#[derive(Default)]
struct Table {
    forms: HashMap<String, Form>,
    /// Bit [`screen_bit`] of a word: some spelling of the table has its length and
    /// its first two and last two letters. Nine words of prose in ten are ruled out
    /// by this alone, in a bit set small enough to stay in the cache.
    screen: Vec<u64>,
}

/// Bits of [`Table::screen`]: 2^17, for about 5,000 distinct keys.
const SCREEN_BITS: u32 = 17;

/// The bit of [`Table::screen`] that stands for `b`'s length and first two and last
/// two letters (ASCII letters, in any case; `b` has two bytes at least).
#[inline]
fn screen_bit(b: &[u8]) -> usize {
    let [first, second, ..] = b else { return 0 };
    let [.., before_last, last] = b else { return 0 };
    let letters = u32::from_le_bytes([*first, *second, *before_last, *last]) | 0x2020_2020;
    let key = u64::from(letters) | (b.len() as u64) << 32;
    // Fibonacci hashing: the top bits of the product.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SCREEN_BITS)) as usize
}

impl Table {
    /// The shipped `rows`, then the user's `own` pairs, which replace what the
    /// shipped ones say of their words (`program`, every dialect's in SCOWL, is
    /// American in a house style that pairs it with `programme`).
    fn new(rows: impl Iterator<Item = [String; 4]>, own: impl Iterator<Item = [String; 4]>) -> Self {
        let own: Vec<[String; 4]> = own.collect();
        let theirs: std::collections::HashSet<String> = own.iter().flat_map(|row| row[..3].iter().cloned()).collect();
        let rows = rows
            .filter(|row| !row[..3].iter().any(|w| theirs.contains(w)))
            .chain(own);
        let mut forms: HashMap<String, Form> = HashMap::default();
        for [us, gb, oxford, common] in rows {
            let all = [us.clone(), gb.clone(), oxford.clone()];
            for (i, word) in all.iter().enumerate() {
                let mut accepted = 1 << i;
                for (j, other) in all.iter().enumerate() {
                    if other == word {
                        accepted |= 1 << j;
                    }
                }
                if (common == "us" && *word == us) || (common == "gb" && *word == gb) {
                    accepted = 0b111;
                }
                let entry = forms.entry(word.clone()).or_insert_with(|| Form {
                    accepted: 0,
                    forms: all.clone(),
                });
                entry.accepted |= accepted;
            }
        }
        // A spelling every dialect accepts marks nothing.
        forms.retain(|w, f| {
            f.accepted != 0b111 && (2..32).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase())
        });
        let mut screen = vec![0u64; 1 << (SCREEN_BITS - 6)];
        for word in forms.keys() {
            let bit = screen_bit(word.as_bytes());
            screen[bit >> 6] |= 1 << (bit & 63);
        }
        Self { forms, screen }
    }

    /// The spelling that `word` (ASCII letters) is, in any case.
    fn get(&self, word: &str) -> Option<&Form> {
        let b = word.as_bytes();
        if b.len() < 2 || b.len() > 31 {
            return None;
        }
        let bit = screen_bit(b);
        if self.screen[bit >> 6] >> (bit & 63) & 1 == 0 {
            return None;
        }
        // Most words of prose are in lower case already.
        if !b.iter().any(u8::is_ascii_uppercase) {
            return self.forms.get(word);
        }
        // Lower-cased on the stack: no string made per word of prose.
        let mut lower = [0u8; 31];
        let lower = &mut lower[..b.len()];
        lower.copy_from_slice(b);
        lower.make_ascii_lowercase();
        self.forms.get(std::str::from_utf8(lower).ok()?)
    }
}

/// The table of the shipped pairs alone, made once.
fn shipped_table() -> &'static Arc<Table> {
    static TABLE: OnceLock<Arc<Table>> = OnceLock::new();
    TABLE.get_or_init(|| Arc::new(Table::new(shipped_rows().iter().cloned(), std::iter::empty())))
}

/// The shipped pairs: `config/spelling-variants.tsv`, read once.
fn shipped_rows() -> &'static [[String; 4]] {
    static ROWS: OnceLock<Vec<[String; 4]>> = OnceLock::new();
    ROWS.get_or_init(|| {
        include_str!("../../../config/spelling-variants.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let [us, gb, oxford, _kind, common] = cols[..] else {
                    return None;
                };
                let oxford = if oxford == "-" { gb } else { oxford };
                Some([us.into(), gb.into(), oxford.into(), common.into()])
            })
            .collect()
    })
}

impl ConfigurableRule for SpellingVariety {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        let extra = options.extend_pairs.iter().map(|p| {
            let oxford = p.oxford.clone().unwrap_or_else(|| p.gb.clone());
            [
                p.us.to_lowercase(),
                p.gb.to_lowercase(),
                oxford.to_lowercase(),
                "-".to_owned(),
            ]
        });
        // Without pairs of the user's, every instance shares the shipped table, made
        // once per process (checking the options makes an instance too).
        let table = if options.extend_pairs.is_empty() {
            Arc::clone(shipped_table())
        } else {
            Arc::new(Table::new(shipped_rows().iter().cloned(), extra))
        };
        let ignore = options.ignore.0.iter().map(|w| w.to_lowercase()).collect();
        Self {
            options,
            table,
            ignore,
            determiners: Lexicon::builtin("determiners"),
        }
    }
}

/// A dialect-marked word of the statement.
struct Use<'a> {
    span: Span,
    form: &'a Form,
}

impl Rule for SpellingVariety {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let uses = self.marked_words(doc);
        if uses.is_empty() {
            return;
        }
        let (dialect, counted) = match self.options.dialect {
            Dialect::Auto => majority(&uses),
            fixed => (index(fixed), None),
        };
        for u in uses.iter().filter(|u| u.form.accepted >> dialect & 1 == 0) {
            sink.report(self.finding(doc, u, dialect, counted, uses.len()));
        }
    }
}

/// The dialect most of the marked words belong to, ties going to the one that
/// accepts the first marked word, with
/// how many words it accepts. A tie left goes to American, then British: a
/// statement whose only marked words are -ize words reads as American.
fn majority(uses: &[Use<'_>]) -> (usize, Option<usize>) {
    let mut counts = [0usize; 3];
    for u in uses {
        for (d, count) in counts.iter_mut().enumerate() {
            *count += usize::from(u.form.accepted >> d & 1);
        }
    }
    let first = uses[0].form.accepted;
    let best = (0..3).max_by_key(|d| (counts[*d], first >> d & 1, 2 - *d)).unwrap_or(2);
    (best, Some(counts[best]))
}

impl SpellingVariety {
    /// The dialect-marked words of the statement's prose, in order.
    fn marked_words<'t>(&'t self, doc: &Document) -> Vec<Use<'t>> {
        let mut uses = Vec::new();
        for block in doc.content_blocks() {
            let text = doc.slice(block.span);
            for (start, end) in LetterRuns::new(text.as_bytes()) {
                if end - start < 3 {
                    continue;
                }
                let word = &text[start..end];
                let Some(form) = self.noun_license(text, start, word).or_else(|| self.table.get(word)) else {
                    continue;
                };
                if !crate::names::whole_word(text, start, end)
                    || self.ignore.contains(&word.to_ascii_lowercase())
                    || name_part(text, start, end)
                {
                    continue;
                }
                uses.push(Use {
                    span: Span::new(block.span.start + start, block.span.start + end),
                    form,
                });
            }
        }
        uses
    }

    /// `a license`, `export licenses`: as a noun, British writes `licence`; the verb
    /// `license` is every dialect's. After a determiner it is the noun.
    fn noun_license(&self, text: &str, start: usize, word: &str) -> Option<&Form> {
        if !word.eq_ignore_ascii_case("license") && !word.eq_ignore_ascii_case("licenses") {
            return None;
        }
        let plural = word.len() == "licenses".len();
        // `a license`, `an export license`: a determiner one or two words before.
        let mut previous = text[..start]
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(2);
        let noun = previous.any(|w| self.determiners.contains(w));
        noun.then(|| {
            static NOUNS: OnceLock<[Form; 2]> = OnceLock::new();
            let nouns = NOUNS.get_or_init(|| {
                let noun = |us: &str, gb: &str| Form {
                    accepted: 0b001,
                    forms: [us.into(), gb.into(), gb.into()],
                };
                [noun("license", "licence"), noun("licenses", "licences")]
            });
            &nouns[usize::from(plural)]
        })
    }

    fn finding(&self, doc: &Document, u: &Use<'_>, dialect: usize, counted: Option<usize>, total: usize) -> Finding {
        let written = doc.slice(u.span);
        let winner = with_case(written, &u.form.forms[dialect]);
        let (_, name) = DIALECTS[dialect];
        let own = spelling_of(u.form.accepted);
        let why = match counted {
            Some(n) => format!("{n} of the statement's {total} dialect-marked words are {name} spelling"),
            None => format!("the configuration asks for {name} spelling"),
        };
        Finding::new(
            u.span,
            format!("`{written}` is {own} spelling in a statement written in {name} spelling"),
        )
        .help(format!("write `{winner}`: {why}"))
        .fix(Fix {
            message: format!("write `{winner}`"),
            edits: vec![Edit {
                span: u.span,
                replacement: winner.clone(),
            }],
            applicability: match doc.format.as_str() {
                "text" if counted.is_none() => Applicability::Safe,
                "text" | "html" => Applicability::Unsafe,
                _ => Applicability::DisplayOnly,
            },
        })
    }
}

/// `replacement` in the case `written` has: `Organised` gives `Organized`.
fn with_case(written: &str, replacement: &str) -> String {
    if written.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        replacement.to_owned()
    }
}

/// Whether the word `text[start..end]` is part of a name: capitalized inside a
/// sentence (`the World Health Organization`), a word in capitals, or capitalized
/// at a sentence's start and followed by another capitalized word (`Defense
/// Secretary Austin`) or by `of`/`for` and one (`Organization of American States`).
fn name_part(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let mut letters = word.chars();
    if !letters.next().is_some_and(char::is_uppercase) {
        return false;
    }
    if word.chars().skip(1).any(char::is_uppercase) {
        return true;
    }
    // What stands before, without markup, quotes, list bullets and line breaks (a
    // wrapped line goes on with the sentence).
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '"' | '“' | '‘' | '\'' | '(' | '[' | '-' | '•')
    });
    let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', ';']);
    if !sentence_start {
        return true;
    }
    let mut next = text[end..].split_whitespace();
    let capitalized = |w: Option<&str>| w.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    match next.next() {
        Some(w) if stmtlint_lexicon::builtin!("name-connectors").contains(w) => capitalized(next.next()),
        w => capitalized(w),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

    use super::*;

    fn doc(text: &str) -> Document {
        crate::test_support::paragraph(text)
    }

    fn flagged_with(options: &str, text: &str) -> Vec<(String, String)> {
        let rule = SpellingVariety::new(toml::from_str(options).unwrap());
        let d = doc(text);
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        sink.into_findings()
            .iter()
            .map(|f| {
                (
                    d.slice(f.span).to_owned(),
                    f.fix.as_ref().unwrap().edits[0].replacement.clone(),
                )
            })
            .collect()
    }

    fn flagged(text: &str) -> Vec<(String, String)> {
        flagged_with("", text)
    }

    /// The screened lookup, against the plain one: the table's own spellings in
    /// every case, and every word of the sample statements.
    #[test]
    fn the_screen_rules_out_only_words_the_table_lacks() {
        let table = shipped_table();
        let plain = |w: &str| table.forms.get(&w.to_ascii_lowercase()).map(|f| f.accepted);
        let mut words: Vec<String> = Vec::new();
        for w in table.forms.keys() {
            let mut title = w.clone();
            title[..1].make_ascii_uppercase();
            words.extend([w.clone(), w.to_ascii_uppercase(), title]);
        }
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
        for entry in std::fs::read_dir(samples.join("statements")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            words.extend(LetterRuns::new(text.as_bytes()).map(|(a, b)| text[a..b].to_owned()));
        }
        assert!(words.len() > 30_000, "{}", words.len());
        let mut found = 0;
        for w in &words {
            assert_eq!(table.get(w).map(|f| f.accepted), plain(w), "{w}");
            found += usize::from(plain(w).is_some());
        }
        assert!(found > table.forms.len(), "{found}");
    }

    #[test]
    fn the_minority_spelling_is_flagged_with_the_majority_form() {
        assert_eq!(
            flagged("We emphasised the need to organise talks, to analyse risks and to maximize trade."),
            [("maximize".into(), "maximise".into())]
        );
        assert_eq!(
            flagged("Recognizing the need, the leaders organized talks. Recognising it, they met."),
            [("Recognising".into(), "Recognizing".into())]
        );
        assert_eq!(
            flagged("The standardization of analyzing tools, standardisation and the endeavor."),
            [("standardisation".into(), "standardization".into())]
        );
    }

    #[test]
    fn oxford_spelling_is_one_dialect_not_a_mix() {
        assert!(flagged("We organized the centre's programme of labour and favour.").is_empty());
        assert_eq!(
            flagged("We organized the centre's work on labour, but organised another."),
            [("organised".into(), "organized".into())]
        );
    }

    #[test]
    fn names_of_other_bodies_are_not_counted() {
        assert!(flagged("The World Health Organization and the Ministry of Defence organised it.").is_empty());
        assert!(flagged("Defense Secretary Austin met the organisers. They organised it.").is_empty());
        assert_eq!(
            flagged("Defense is a priority. They organised the defence talks."),
            [("Defense".into(), "Defence".into())]
        );
    }

    #[test]
    fn a_name_wrapped_over_a_line_break_is_still_a_name() {
        assert!(flagged("strengthening the World Health\nOrganization (WHO), the organisation").is_empty());
        assert_eq!(
            flagged("They organised it.\nOrganization of work matters; we organised more.\n- Organization too"),
            [
                ("Organization".into(), "Organisation".into()),
                ("Organization".into(), "Organisation".into())
            ]
        );
    }

    #[test]
    fn a_license_as_a_noun_is_british_licence() {
        assert_eq!(
            flagged("Colour and flavour: an export license to license exports."),
            [("license".into(), "licence".into())]
        );
        assert!(flagged("the colour and the right to license exports").is_empty());
    }

    #[test]
    fn doubled_consonants_and_the_configured_dialect() {
        assert_eq!(
            flagged_with(
                "dialect = \"en-US\"",
                "They travelled to the center, focussing on fiber."
            ),
            [
                ("travelled".into(), "traveled".into()),
                ("focussing".into(), "focusing".into())
            ]
        );
        assert_eq!(
            flagged_with("dialect = \"en-GB\"", "They organized it."),
            [("organized".into(), "organised".into())]
        );
    }

    #[test]
    fn user_pairs_and_ignored_words() {
        assert_eq!(
            flagged_with(
                "extend-pairs = [{ us = \"program\", gb = \"programme\" }]\ndialect = \"en-GB\"",
                "the program"
            ),
            [("program".into(), "programme".into())]
        );
        assert!(flagged_with("ignore = [\"organized\"]", "They organized and organised.").is_empty());
    }
}

//! `undefined-acronym`: an acronym the statement never spells out, or spells out
//! too late or twice differently.

use crate::names::{HYPHENS, is_dash, stands_alone};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_lexicon::{Lexicon, Words};
use stmtlint_plugin::{
    BlockKind, ConfigurableRule, Document, Finding, Rule, Sink, Span, declare_rule, find_dates, looks_like_place,
};

declare_rule! {
    /// ## What it does
    /// Flags an acronym (two or more capitals, with digits or dots: `PESCO`, `CBMs`,
    /// `OGMP`) that the statement uses without spelling it out — as `Full Name
    /// (ACR)` or `ACR (Full Name)` at or before its first use — and one spelled out
    /// only after its first use, or spelled out twice differently.
    ///
    /// Widely known acronyms (`config/lexicons/known-acronyms.toml`: UN, EU, U.S.,
    /// NATO, G7, G20, ASEAN, OECD, WTO, …) are never reported; `known` adds a
    /// project's own. Plurals (`CBMs`) and possessives (`NATO's`) are the acronym.
    /// Not read: titles and headings (the body spells out what they abbreviate),
    /// boilerplate, lines mostly in capitals (OCR'd telegrams, running headers), words
    /// of web addresses and document codes (`A/RES/70/1`), acronyms in the names of
    /// documents (`TRIPS Agreement`, `CHIPS and Science Act`), initials (`J.D.
    /// Corcoran`, `C.H.`), formulas and codes (`N2O`, `FR4978`), Roman numerals, and
    /// words of prose in capitals (`FOR THE PRESS`, `we will NOT`, `WE, the Heads of
    /// State`: `config/lexicons/capitals-prose.toml`), the verbs that open a
    /// preamble's clauses (`RECALLING`, `DETERMINED`), a news site's credits
    /// (`Bangkok (VNA) –`, `(Photo: VNA)`: `config/lexicons/credit-words.toml`),
    /// known acronyms run together (`U.S.EU`), surnames in capitals after a
    /// person's title (`His Excellency Paul BIYA`, `Minister for Foreign Affairs
    /// HAYASHI Yoshimasa`, `H. E. Alpha BARRY`: `config/lexicons/person-titles.toml`;
    /// then everywhere in the statement's prose) or between a given name and a title
    /// after a comma (`Louis Paul MOTAZE, Minister of Finance`), names set in
    /// capitals, told by words in capitals that read as words (`MIZAO`, not `ZNPP`)
    /// and are not built on a known acronym (`EUFOR`), two in a row (`AHMADOU AHIDJO`, `COTON SPORT`) or before a noun of a place
    /// (`the MIZAO bridge`, `the BENGO Hotel`: `config/lexicons/place-nouns.toml`),
    /// words in
    /// capitals that the statement also writes in lower case or capitalized (`The
    /// first challenge is SECURITY`, `the EMPOWER Alliance` beside "empower"), an
    /// ordinal's suffix set apart (`65 TH`), forms of address (`HE Dr Sam Nujoma`),
    /// honours and degrees after a name and a comma (`Hon Rimbink Pato, LLB, OBE,
    /// MP, PNG Minister`), code names after `Operation` or `Exercise`
    /// (`config/lexicons/operation-words.toml`), a news wire's dateline place
    /// (`OTTAWA, April 7, 2018 /CNW/ -`), a numeral in brackets after a document
    /// code (`PSC/PR/COMM. (DCCCXXVII)`) and the Council's `(OR. en)`.
    ///
    /// A name in another language is spelled out by its translation: `Mexico's
    /// Financial Intelligence Unit (UIF)` (a capitalized name of two words or more
    /// before a bracket holding the acronym alone). A bracket may lead into the
    /// short form (`(hereafter SCO or Organisation)`:
    /// `config/lexicons/definition-leads.toml`). Two full names are one when one
    /// writes a known acronym where the other spells it out (`African Union Mission
    /// in Somalia`, `AU Mission in Somalia`). Beside a known acronym, the finding is
    /// on the part that needs spelling out (`ROK` in `ROK-U.S.`).
    ///
    /// ## Why is this bad?
    /// A reader outside the drafting room does not know what `EUAM` or `NIS` stands
    /// for; a statement is read by the public, the press and translators.
    ///
    /// ## Example
    /// ```text
    /// The participants discussed the implementation of the NIS Directive.
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// The participants discussed the implementation of the Network and
    /// Information Security (NIS) Directive.
    /// ```
    ///
    /// ## Options
    /// - `known`: acronyms never reported, added to the shipped list.
    /// - `extend-person-titles`: words that stand before a person's name, added to
    ///   the shipped list.
    /// - `extend-place-nouns`: nouns of a place that a name in capitals stands
    ///   before, added to the shipped list.
    pub struct UndefinedAcronym {
        known: Lexicon,
        person_titles: Lexicon,
        place_nouns: Lexicon,
        months: &'static Lexicon,
        weekdays: &'static Lexicon,
    }
    id = "undefined-acronym",
    severity = Warning,
    summary = "an acronym is used without being spelled out",
}

/// `[rules.undefined-acronym]`.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Acronyms never reported, added to `config/lexicons/known-acronyms.toml`.
    known: Words,
    /// Words that stand before a person's name (`Excellency`, `Minister`), added to
    /// `config/lexicons/person-titles.toml`.
    extend_person_titles: Words,
    /// Nouns of a place that a name in capitals stands before (`bridge`, `stadium`:
    /// `the MIZAO bridge`), added to `config/lexicons/place-nouns.toml`.
    extend_place_nouns: Words,
}

impl ConfigurableRule for UndefinedAcronym {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        Self {
            known: Lexicon::builtin("known-acronyms").extended(&options.known),
            person_titles: Lexicon::builtin("person-titles").extended(&options.extend_person_titles),
            place_nouns: Lexicon::builtin("place-nouns").extended(&options.extend_place_nouns),
            months: Lexicon::builtin("months"),
            weekdays: Lexicon::builtin("weekdays"),
        }
    }
}

/// An acronym in the text: where, its base form (`CBM` for `CBMs`), and whether
/// it is read as a use (prose) or only as a definition (titles, headings).
struct Mention {
    span: Span,
    base: String,
    in_prose: bool,
}

/// Where an acronym is spelled out, and the full name as written.
struct Definition {
    at: usize,
    span: Span,
    name: String,
    /// Spelled out alone (`(IHR)`), not as part of a longer bracket (`(IHR Review
    /// Committee)`): only these are compared with each other.
    alone: bool,
}

impl Rule for UndefinedAcronym {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let mut mentions: Vec<Mention> = Vec::new();
        let mut definitions: HashMap<String, Vec<Definition>> = HashMap::default();
        // Words read as a person's surname somewhere (`the French Ambassador to
        // Cameroon Christine ROBICHON`): a surname everywhere (`Christine ROBICHON
        // hailed …`).
        let mut surnames: HashSet<String> = HashSet::default();
        for block in doc.content_blocks() {
            let in_prose = !matches!(
                block.kind,
                BlockKind::Title | BlockKind::Heading { .. } | BlockKind::Dateline
            );
            let text = doc.slice(block.span);
            // A paragraph in capitals (an OCR'd telegram: no word in lower case) is
            // all candidates and no acronyms: only what it spells out in brackets
            // is read (`THE EAST AFRICAN COMMUNITY(EAC)`).
            let paragraph_in_capitals = !text.as_bytes().windows(3).any(|w| w.iter().all(u8::is_ascii_lowercase));
            if paragraph_in_capitals {
                // Only a bracket can spell one out: the words in brackets, read.
                for open in memchr::memchr_iter(b'(', text.as_bytes()) {
                    let inside = &text[open + 1..];
                    let len = inside.find(')').unwrap_or(0);
                    let word = &inside[..len];
                    if len < 2 || !word.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
                        continue;
                    }
                    let (start, end) = (open + 1, open + 1 + len);
                    if let Some((name, full, alone)) = spelled_out_in_capitals(text, start, end) {
                        definitions.entry(word.to_owned()).or_default().push(Definition {
                            at: block.span.start + start,
                            span: Span::new(block.span.start + name.start, block.span.start + name.end),
                            name: full,
                            alone,
                        });
                    }
                }
                continue;
            }
            let found = candidates(text);
            if found.is_empty() {
                continue;
            }
            let shouted = ShoutedLines::of(text);
            for (start, end) in found {
                let word = &text[start..end];
                // Lines in capitals first: an OCR'd telegram is all candidates.
                if shouted.at(start) || self.is_known(base_form(word)) || !self.is_acronym(text, start, end, &shouted) {
                    continue;
                }
                // A surname after its title is one for the whole statement, when
                // in prose (a title-case headline, `President Biden Announces New
                // PEPFAR Commitments`, names no one). One before `, Minister …` is
                // one here only: `Africa CDC, the Commissioner for Health` is not
                // a given name and a surname.
                let before = &text[..start];
                if after_a_title(before, &self.person_titles) {
                    if in_prose {
                        surnames.insert(base_form(word).to_owned());
                    }
                    continue;
                }
                if before_a_title(before, &text[end..], &self.person_titles)
                    || after_a_name(before, &text[end..], &self.person_titles)
                {
                    continue;
                }
                let base = self.unknown_part(base_form(word));
                // `ROK-U.S.`, `EU-CELAC`: beside known ones, the finding is on the part
                // that needs spelling out (`ACT-A`, `CAMAIR-CO` are one acronym each).
                let beside_known = base_form(word)
                    .split(HYPHENS)
                    .all(|part| part == base || self.is_known(part));
                let (start, end) = match word.find(base) {
                    Some(at) if base.len() < base_form(word).len() && beside_known => {
                        (start + at, start + at + base.len())
                    }
                    _ => (start, end),
                };
                let span = Span::new(block.span.start + start, block.span.start + end);
                if let Some((name_span, name, alone)) = spelled_out(text, start, end) {
                    definitions.entry(base.to_owned()).or_default().push(Definition {
                        at: span.start,
                        span: Span::new(block.span.start + name_span.start, block.span.start + name_span.end),
                        name,
                        alone,
                    });
                }
                mentions.push(Mention {
                    span,
                    base: base.to_owned(),
                    in_prose,
                });
            }
        }
        let mut reported: HashSet<&str> = HashSet::default();
        let mut words = PlainWords::of(doc);
        for m in mentions.iter().filter(|m| m.in_prose) {
            if !reported.insert(&m.base) {
                continue;
            }
            let acronym = doc.slice(m.span);
            match definitions.get(&m.base).and_then(|d| d.first()) {
                // `SECURITY` in a statement that writes "security": a word set in
                // capitals, not an acronym.
                None if surnames.contains(&m.base) || words.has(&m.base) => {}
                None => sink.report(
                    Finding::new(m.span, format!("`{acronym}` is not spelled out in this statement")).help(format!(
                        "write the full name at its first use, as `Full Name ({})`, or add it to `known` under [rules.undefined-acronym]",
                        m.base
                    )),
                ),
                Some(d) if d.at > m.span.start => sink.report(
                    Finding::new(m.span, format!("`{acronym}` is used before it is spelled out"))
                        .label(d.span, "spelled out here")
                        .help("spell it out at its first use instead"),
                ),
                Some(_) => {}
            }
        }
        let mut bases: Vec<&String> = definitions.keys().collect();
        bases.sort();
        for base in bases {
            let alone: Vec<&Definition> = definitions[base].iter().filter(|d| d.alone).collect();
            let Some(first) = alone.first() else {
                continue;
            };
            for d in alone.iter().skip(1).filter(|d| !self.same_name(&d.name, &first.name)) {
                sink.report(
                    Finding::new(
                        d.span,
                        format!("`{base}` is spelled out differently: `{}` and `{}`", first.name, d.name),
                    )
                    .label(first.span, format!("spelled out `{}` here", first.name))
                    .help("use one full name"),
                );
            }
        }
    }
}

impl UndefinedAcronym {
    /// A known acronym, numbered (`COP26`), or parts of known ones (`U.S.-EU`, `EU-U.S`).
    fn is_known(&self, base: &str) -> bool {
        let known = |w: &str| {
            let unnumbered = w.trim_end_matches(|c: char| c.is_ascii_digit());
            self.known.contains(w)
                // `U.S` in `EU-U.S`: a known acronym missing its last dot.
                || (w.contains('.') && self.known.contains(&format!("{w}.")))
                || (unnumbered.len() < w.len() && !unnumbered.is_empty() && self.known.contains(unnumbered))
        };
        known(base)
            || base.contains(HYPHENS)
                && base
                    .split(HYPHENS)
                    .all(|part| known(part) || part.len() <= 1 || part.bytes().all(|b| b.is_ascii_digit()))
            // `U.S.EU`: two known ones that lost the hyphen between them.
            || base
                .match_indices('.')
                .any(|(i, _)| i + 1 < base.len() && known(&base[..=i]) && known(&base[i + 1..]))
    }

    /// Whether two full names are one: the same folded, or the same once runs of
    /// capitalized words in one are written as the known acronym the other writes
    /// in their place (`African Union Mission in Somalia` and `AU Mission in
    /// Somalia`; not `Counter Terrorism Centre` and `Climate Technology Centre`,
    /// though `CT` is known).
    fn same_name(&self, a: &str, b: &str) -> bool {
        fold(a) == fold(b) || self.compact(a, b) == fold(b) || self.compact(b, a) == fold(a)
    }

    /// `name` folded, each run of its capitalized words whose initials are a known
    /// acronym that `other` writes as a word written as that acronym.
    fn compact(&self, name: &str, other: &str) -> String {
        let written: Vec<&str> = other.split_whitespace().collect();
        let words: Vec<&str> = name.split_whitespace().collect();
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let run = (2..=(words.len() - i).min(6)).rev().find_map(|n| {
                let part = &words[i..i + n];
                let initials: String = part.iter().filter_map(|w| w.chars().next()).collect();
                (part
                    .iter()
                    .all(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase))
                    && written.contains(&initials.as_str())
                    && self.is_known(&initials))
                .then_some((n, initials))
            });
            match run {
                Some((n, initials)) => {
                    out.push(initials);
                    i += n;
                }
                None => {
                    out.push(words[i].to_owned());
                    i += 1;
                }
            }
        }
        fold(&out.join(" "))
    }

    /// The part of a hyphenated acronym that needs spelling out: `UNFCCC` in
    /// `UNFCCC-COP28`, `CHAMP` in `Q-CHAMP`; the acronym itself when it has no parts.
    fn unknown_part<'w>(&self, base: &'w str) -> &'w str {
        base.split(HYPHENS)
            .find(|part| part.chars().filter(char::is_ascii_uppercase).count() >= 2 && !self.is_known(part))
            .unwrap_or(base)
    }

    /// Whether the candidate `text[start..end]` is read as an acronym here.
    fn is_acronym(&self, text: &str, start: usize, end: usize, shouted: &ShoutedLines<'_>) -> bool {
        let word = &text[start..end];
        let letters_then_dots = word.len() >= 2
            && word
                .as_bytes()
                .chunks(2)
                .all(|p| p[0].is_ascii_uppercase() && p.get(1).is_none_or(|b| *b == b'.'));
        // A digit before a letter (`N2O`, `SW1Y`) or a long number (`FR4978`): a
        // formula, a postcode, a flight.
        let code = word
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_alphabetic())
            || word.bytes().filter(u8::is_ascii_digit).count() >= 3;
        // `SAT 09 FEBRUARY 2013`: a date in capitals. `IEA 68/77`, `COM(2023) 62`: a
        // file reference.
        let date_word = self.months.contains(word) || self.weekdays.contains(word);
        // `(OR. en)`: the EU Council's mark of a document's original language
        // (letters in capitals, a dot, a language's two letters, in brackets).
        let language_mark = text[..start].ends_with('(')
            && text[end..].strip_prefix(". ").is_some_and(|r| {
                r.len() >= 3 && r.as_bytes()[..2].iter().all(u8::is_ascii_lowercase) && r.as_bytes()[2] == b')'
            });
        let reference = language_mark
            || text[end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) && w.contains('/'))
            || text[end..]
                .strip_prefix('(')
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        // `65 TH`, `2 ND`: an ordinal's suffix in capitals, set apart from its number.
        let ordinal_suffix = matches!(word, "ST" | "ND" | "RD" | "TH")
            && text[..start]
                .trim_end_matches(' ')
                .ends_with(|c: char| c.is_ascii_digit());
        // `HE Dr Sam Nujoma`, `HM King Mswati III`: a form of address before a name.
        let address = self.person_titles.contains(word)
            && text[..start].split_whitespace().next_back() != Some("the")
            && text[end..]
                .strip_prefix(' ')
                .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        let not_read = stmtlint_lexicon::builtin!("capitals-prose").contains(word)
            || ordinal_suffix
            || a_code_name(&text[..start])
            || a_dateline_place(text, start, end)
            || address
            || (participle(word) && opens_a_clause(&text[..start]))
            || letters_then_dots
            || code
            || date_word
            || reference
            || word.contains('&')
            || roman(base_form(word))
            || furniture(text, start, end, shouted, |w| self.is_known(base_form(w)))
            || self.a_name_in_capitals(text, start, end)
            || names_a_document(&text[end..])
            || (a_credit(text, start, end) && spelled_out(text, start, end).is_none());
        !not_read
    }

    /// Whether the word in capitals at `text[start..end]` is part of a name set in
    /// capitals, as French and Central African administrative texts set the names
    /// of people, teams and places: a word that reads as a word (see
    /// [`reads_as_a_word`]) beside another such word (`AHMADOU AHIDJO Omnisport
    /// stadium`, `COTON SPORT: 79%`), or before a noun of a place, directly or after
    /// one word in lower case (`the MIZAO bridge`, `the KOUEKONG main stadium`).
    /// Acronyms side by side are told apart by their letters (`COVAX AMC`, `BIS
    /// CPMI`, `UNGA HLMs`), and known acronyms are never names.
    fn a_name_in_capitals(&self, text: &str, start: usize, end: usize) -> bool {
        // `EUFOR`, `UNAMID`: built on a known acronym, an acronym however it reads.
        let built_on_known =
            |w: &str| (2..w.len().saturating_sub(1)).any(|n| w.is_char_boundary(n) && self.known.contains(&w[..n]));
        let unknown_word = |w: &str| {
            let base = base_form(w);
            reads_as_a_word(base) && !self.is_known(base) && !built_on_known(base)
        };
        if !unknown_word(&text[start..end]) {
            return false;
        }
        // The word before and after, when only one space stands between.
        let before = text[..start]
            .strip_suffix(' ')
            .filter(|b| !b.ends_with(char::is_whitespace))
            .map(|b| &b[after_last_space(b)..]);
        let after_gap = text[end..]
            .strip_prefix(' ')
            .filter(|a| !a.starts_with(char::is_whitespace));
        let after = after_gap.map(|a| &a[..a.find(char::is_whitespace).unwrap_or(a.len())]);
        // A name word beside it: nothing but the space between (`COTON SPORT:`, not
        // `SONARA, SCDP`), and no plural or possessive on either (`EUFOR's ALTHEA
        // mission` is an acronym's operation).
        let bare = |w: &str| base_form(w) == w;
        let name_word = |w: &str, trailing_ok: bool| {
            let letters = if trailing_ok {
                w.trim_end_matches(|c: char| !c.is_alphanumeric())
            } else {
                w
            };
            !letters.is_empty() && bare(letters) && unknown_word(letters)
        };
        let this = &text[start..end];
        if bare(this) && (before.is_some_and(|b| name_word(b, false)) || after.is_some_and(|a| name_word(a, true))) {
            return true;
        }
        // A noun of a place after it, or after one word in lower case.
        let mut next = after_gap.into_iter().flat_map(str::split_whitespace).take(2);
        let place = |w: &str| {
            self.place_nouns
                .contains(w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        };
        match (next.next(), next.next()) {
            (Some(first), _) if place(first) => true,
            // `the KOUEKONG main stadium`; not `evacuated by MONUSCO to hospital`.
            (Some(first), Some(second)) => {
                first.bytes().all(|b| b.is_ascii_lowercase())
                    && !stmtlint_lexicon::builtin!("title-minor-words").contains(first)
                    && place(second)
            }
            _ => false,
        }
    }
}

/// Whether a word in capitals reads as a word, as a name does (`MIZAO`, `KOUEKONG`,
/// `COTON`, `SCANWATER`), rather than letter by letter, as most acronyms do (`ZNPP`,
/// `CPMI`): four letters at least, all capitals, and never three consonants in a
/// row (`Y` counts as a vowel: `HYDROMEKIN`; `H` is not counted, as in the pairs
/// `SH`, `CH`, `TH`: `SHWEDAGON`). Many acronyms read as words too (`NATO`,
/// `CEMAC`): this is one sign, asked only beside another.
fn reads_as_a_word(word: &str) -> bool {
    if word.chars().count() < 4 || !word.chars().all(|c| c.is_alphabetic() && c.is_uppercase()) {
        return false;
    }
    let mut consonants = 0;
    for c in word.chars() {
        match c {
            // Accented vowels too: `COMMUNIQUÉ`.
            'A' | 'E' | 'I' | 'O' | 'U' | 'Y' | 'À'..='Å' | 'È'..='Ï' | 'Ò'..='Ö' | 'Ù'..='Ý' => consonants = 0,
            'H' => {}
            _ => consonants += 1,
        }
        if consonants == 3 {
            return false;
        }
    }
    true
}

/// A name compared without case, spacing, hyphens and quotes.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `CBMs` is `CBM`, `NATO's` and `NATO’s` are `NATO`.
fn base_form(word: &str) -> &str {
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    match word.strip_suffix('s') {
        Some(stem) if stem.chars().last().is_some_and(|c| c.is_ascii_uppercase()) => stem,
        _ => word,
    }
}

/// Words of `text` that may be acronyms: runs of letters, digits, dots, hyphens,
/// `&` and `+` with two capitals at least and no lower-case letter but a plural
/// `s` or a possessive (`CBMs`, `NATO's`, `Q-CHAMP`, `LGBTQI+`, `U.S.`), as byte
/// ranges; a dot ending the run is the sentence's unless the run has dots inside.
fn candidates(text: &str) -> Vec<(usize, usize)> {
    let part = |c: char| c.is_alphanumeric() || HYPHENS.contains(&c) || matches!(c, '.' | '&' | '+' | '\'' | '’');
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // From capital to capital (found 64 bytes at a time): only the words that hold
    // one are read.
    crate::names::capitals(bytes, |at| {
        if at < i || !bytes[at].is_ascii_uppercase() {
            return;
        }
        // `The`, `Quad`: a capital and lower case, the most of them, passed at once.
        if bytes.get(at + 1).is_some_and(u8::is_ascii_lowercase) {
            i = at + 1 + bytes[at + 1..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
            return;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| part(*c))
            .last()
            .map_or(at, |(j, _)| j);
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| !part(*c))
            .map_or(text.len(), |(j, _)| at + j);
        i = end.max(at + 1);
        let run = text[start..end].trim_start_matches(|c: char| !c.is_alphanumeric());
        let start = end - run.len();
        let mut run = run.trim_end_matches(|c: char| HYPHENS.contains(&c) || matches!(c, '\'' | '’' | '&'));
        run = before_a_part_with_lower_case(run);
        if !run.trim_end_matches('.').contains('.') {
            run = run.trim_end_matches('.');
        }
        let base = base_form(run);
        let capitals = base.bytes().filter(u8::is_ascii_uppercase).count();
        if capitals >= 2 && !base.chars().any(char::is_lowercase) && base.starts_with(|c: char| c.is_ascii_uppercase())
        {
            out.push((start, start + run.len()));
        }
    });
    out
}

/// `JCPOA` in `JCPOA-related`, `NPT` in `NPT-based`, `MERS` in `MERS-CoV`: the parts of
/// a hyphenated run before the first part with any lower-case letter (a plural or
/// possessive `s` is not one); the run itself when its first part has one (`Non-EU`).
fn before_a_part_with_lower_case(run: &str) -> &str {
    // Each part's start, and where the hyphen before it starts.
    let (mut start, mut hyphen) = (0, 0);
    for (at, h) in run.match_indices(HYPHENS).chain([(run.len(), "")]) {
        if base_form(&run[start..at]).chars().any(char::is_lowercase) {
            return if start == 0 { run } else { &run[..hyphen] };
        }
        (start, hyphen) = (at + h.len(), at);
    }
    run
}

/// `RECALLING`, `REAFFIRMING`, `DETERMINED`: a verb in capitals of six letters or more
/// ending in `ING` or `ED`, as a declaration's preamble opens its clauses with
/// ([`opens_a_clause`]: `EUROMED` in prose is an acronym).
fn participle(word: &str) -> bool {
    word.len() >= 6 && word.bytes().all(|b| b.is_ascii_uppercase()) && (word.ends_with("ING") || word.ends_with("ED"))
}

/// Whether a word after `before` opens a clause: at the start of a line, or after a
/// comma, a semicolon or a colon (`WE, the Heads of State, RECALLING …`).
fn opens_a_clause(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['\n', ',', ';', ':'])
}

/// `II`, `XIV`: a Roman numeral.
/// A numeral of the kind statements number things with (`Title III`, `Phase II`,
/// `the XIV Summit`, `LXX`): ones and tens, written the way numerals are. Letters of
/// hundreds and thousands (`CDC`, `LDCs`, `MCC`, `MDC`) are read as acronyms: a
/// statement rarely numbers past 89 in numerals, and often names a body with them.
fn roman(word: &str) -> bool {
    // Most acronyms have a letter no such numeral has, and are ruled out at once.
    if !word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L')) {
        return false;
    }
    // Each decimal place, tens then ones: its numeral (`XL`, `IX`) is one of these,
    // and the word is the places' numerals one after another.
    const PLACES: [[&str; 10]; 2] = [
        ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", ""],
        ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"],
    ];
    let mut rest = word;
    for place in PLACES {
        // The longest numeral of this place that begins the rest.
        let taken = place
            .iter()
            .filter(|n| rest.starts_with(**n))
            .map(|n| n.len())
            .max()
            .unwrap_or(0);
        rest = &rest[taken..];
    }
    !word.is_empty() && rest.is_empty()
}

/// Whether the acronym at `text[start..end]` stands where acronyms are not read: a
/// line mostly in capitals, a web address or document code, or beside a small
/// word in capitals (`FOR THE PRESS`, `THE COUNCIL`).
fn furniture(text: &str, start: usize, end: usize, shouted: &ShoutedLines<'_>, known: impl Fn(&str) -> bool) -> bool {
    if shouted.at(start) {
        return true;
    }
    let chunk_start = after_last_space(&text[..start]);
    let chunk_end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
    let chunk = &text[chunk_start..chunk_end];
    // `OSCE/ODIHR's assessment`: two acronyms joined by a slash are read; a code
    // has digits or more parts (`A/RES/70/1`, `PSC/PR/COMM.`).
    let two_acronyms = || {
        chunk.split('/').count() == 2
            && chunk.split('/').all(|part| {
                let letters = part.trim_matches(|c: char| !c.is_alphanumeric());
                letters.chars().take_while(char::is_ascii_uppercase).count() >= 2
                    && !letters.chars().any(|c| c.is_ascii_digit())
            })
    };
    if (chunk.contains(['/', '@', '\\', '=', '_']) && !two_acronyms()) || chunk.contains("www.") {
        return true;
    }
    // `PSC/PR/COMM. (DCCCXXVII)`: a numeral in brackets right after a document code
    // is the code's (`HIV/AIDS (PMTCT)` is an acronym's spelling out).
    if let Some((open, _)) = enclosing_brackets(text, start, end, 1, 1)
        && text[start..end].chars().all(|c| "IVXLCDM".contains(c))
        && text[..open]
            .split_whitespace()
            .next_back()
            .is_some_and(|code| code.contains('/'))
    {
        return true;
    }
    // `FOR THE PRESS`, `THE COUNCIL`: prose in capitals, told by its small words
    // (`COVAX AMC`, `BIS CPMI` are two acronyms side by side).
    let prose = stmtlint_lexicon::builtin!("capitals-prose");
    let shouting = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        prose.contains(w) && !known(w)
    };
    let before = text[..start].split_whitespace().next_back().unwrap_or("");
    let after = text[end..].split_whitespace().next().unwrap_or("");
    // Three words in capitals in a row, no comma between (`PUBLIC AFFAIRS DIVISION`,
    // `SEATO: THIRTEENTH COUNCIL`), are a heading or a telegram, not acronyms.
    let capitals = |w: &&str| {
        let letters = w.trim_matches(|c: char| !c.is_alphanumeric());
        !w.ends_with([',', ';']) && in_capitals(letters) && !known(letters)
    };
    let run_before = text[..start].split_whitespace().rev().take_while(capitals).count();
    let this = &text[start..end];
    let run_after = if this.ends_with([',', ';']) {
        0
    } else {
        text[end..].split_whitespace().take_while(capitals).count()
    };
    shouting(before) || shouting(after) || run_before + 1 + run_after >= 3
}

/// Whether lines of a text have more capitals than lower-case letters (an OCR'd
/// telegram, a running header): each line judged when an acronym stands on it,
/// once.
struct ShoutedLines<'t> {
    text: &'t str,
    /// The last line judged: where it starts and ends, and whether it is shouted.
    last: std::cell::Cell<Option<(usize, usize, bool)>>,
}

impl<'t> ShoutedLines<'t> {
    fn of(text: &'t str) -> Self {
        Self {
            text,
            last: std::cell::Cell::new(None),
        }
    }

    /// Whether the line holding byte `at` is shouted.
    fn at(&self, at: usize) -> bool {
        // Acronyms come in order: most are on the line judged last (which may be
        // a whole statement on one long line: not searched again for each).
        if let Some((start, end, shouted)) = self.last.get()
            && (start..=end).contains(&at)
        {
            return shouted;
        }
        let bytes = self.text.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = &self.text[start..end];
        let (upper, lower) = if line.is_ascii() {
            (ascii_upper(line), ascii_lower(line))
        } else {
            (
                line.chars().filter(|c| c.is_uppercase()).count(),
                line.chars().filter(|c| c.is_lowercase()).count(),
            )
        };
        let shouted = upper > lower;
        self.last.set(Some((start, end, shouted)));
        shouted
    }
}

/// Whether an acronym in brackets credits a news agency or a photographer, as a
/// statement republished by a news site has it: `Bangkok (VNA) – The 52nd …` (a
/// place opening the line, the agency, a dash), `(Photo: VNA)`, `(Mexico PE photo)`,
/// `(Source: VNA)` (`config/lexicons/credit-words.toml`).
fn a_credit(text: &str, start: usize, end: usize) -> bool {
    // A credit is short: its brackets are near.
    let Some((open, close)) = enclosing_brackets(text, start, end, 24, 24) else {
        return false;
    };
    let (inside_before, inside_after) = (&text[open + 1..start], &text[end..close]);
    // `(Photo: VNA)`, `(Source: VNA)`: the credit word opens the bracket, with its
    // colon; `(Mexico PE photo)`: it closes it. `(the largest source of GHG
    // emissions)` is prose.
    let credits = stmtlint_lexicon::builtin!("credit-words");
    let opens = inside_before
        .split_whitespace()
        .next()
        .and_then(|w| w.strip_suffix(':'))
        .is_some_and(|w| credits.contains(w));
    let closes = inside_after
        .split_whitespace()
        .next_back()
        .is_some_and(|w| credits.contains(w));
    if opens || closes {
        return true;
    }
    // `Bangkok (VNA) –`: the bracket holds the acronym alone, after a place that
    // opens the line, before a dash (the line is looked at last: most brackets
    // hold more, or no dash follows them).
    inside_before.is_empty()
        && inside_after.is_empty()
        && text[close + 1..].trim_start().starts_with(is_dash)
        && looks_like_place(text[text[..open].rfind('\n').map_or(0, |i| i + 1)..open].trim_end())
}

/// The brackets around `text[start..end]`, looked for at most `back` bytes before it
/// and `ahead` after it (asked of every acronym, the search stays local), with no
/// bracket closed or opened between them and the acronym.
fn enclosing_brackets(text: &str, start: usize, end: usize, back: usize, ahead: usize) -> Option<(usize, usize)> {
    let lo = floor_boundary(text, start.saturating_sub(back));
    let hi = floor_boundary(text, (end + ahead).min(text.len()));
    let open = lo + text[lo..start].rfind('(')?;
    let close = end + text[end..hi].find(')')?;
    (!text[open..start].contains(')') && !text[end..close].contains('(')).then_some((open, close))
}

/// Whether the words after an acronym make it part of a document's name (`TRIPS
/// Agreement`, `CHIPS and Science Act`, `NIS Directive`): acronyms in the names of
/// documents are the documents' own.
fn names_a_document(after: &str) -> bool {
    let documents = stmtlint_lexicon::builtin!("document-nouns");
    for word in after.split_whitespace().take(3) {
        // `the ANZUS Treaty's entry into force`: the name, possessive.
        let word = base_form(word.trim_matches(|c: char| !c.is_alphanumeric()));
        if documents.contains(word) {
            return true;
        }
        if !(word.starts_with(char::is_uppercase) || word == "and" || word == "of") {
            return false;
        }
    }
    false
}

/// Whether a word in capitals at the end of `before`'s words is part of a person's
/// name after their title: `His Excellency Paul BIYA`, `Ms. Mariatou YAP`, `Lt
/// General MU Nair`, `Minister for Foreign Affairs HAYASHI Yoshimasa`, `Presidents
/// Paul BIYA of Cameroon and Denis SASSOU N’GUESSO`. Read back over name words
/// (capitalized or in capitals) and the small words of an office (`of`, `for`, `to`,
/// `and`, `the`) to a title, within the sentence; the word just before must be a
/// title or a name word (`Secretary-General of UNCTAD` names an organisation).
fn after_a_title(before: &str, titles: &Lexicon) -> bool {
    // A title with a full stop is an abbreviation (`Mr.`, `Hon.`, `H.E.`): after a
    // whole word (`We thank the President. NDICI …`) the stop ends a sentence.
    let abbreviation = |w: &str| w.len() <= 4 || w.contains('.');
    // `Hon.Joseph`, `H.E.Paul`: an abbreviated title run on into the name by its dot.
    let title = |w: &str| {
        let w = w.trim_end_matches(',');
        let bare = w.trim_end_matches('.');
        (titles.contains(bare) && (bare.len() == w.len() || abbreviation(bare)))
            || w.rsplit_once('.').is_some_and(|(head, rest)| {
                rest.starts_with(char::is_uppercase) && abbreviation(head) && titles.contains(head)
            })
    };
    // `H. E.`: initials spaced out, read together (`H.E`).
    let initial = |w: &str| w.len() == 2 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.ends_with('.');
    let name_word = |w: &str| {
        let w = w.strip_suffix(',').unwrap_or(w);
        w.starts_with(char::is_uppercase) && !w.ends_with(['.', ';', ':', ')', '(']) && !w.contains(['(', ')'])
    };
    // Read backwards: `words[i + 1]` stands before `words[i]`.
    let words: Vec<&str> = before.split_whitespace().rev().take(10).collect();
    // `Secretary Blinken, PESCO`: after the name's comma comes something else
    // (letters after a name are honours: [`after_a_name`]).
    if words.first().is_some_and(|w| w.ends_with(',')) {
        return false;
    }
    if !words.first().is_some_and(|w| title(w) || name_word(w)) {
        return false;
    }
    for (i, word) in words.iter().enumerate() {
        if title(word)
            || (initial(word)
                && words
                    .get(i + 1)
                    .is_some_and(|w| initial(w) && title(&format!("{w}{word}"))))
        {
            return true;
        }
        // `Hon Rimbink Pato, LLB, OBE, MP, PNG Minister`: letters with a comma
        // follow a name, and a word in capitals right after them begins something
        // else (`Presidents Paul BIYA, Denis SASSOU NGUESSO`: a given name goes on).
        if word.ends_with(',')
            && in_capitals(word.trim_end_matches(','))
            && (i == 0 || in_capitals(words[i - 1].trim_end_matches(',')))
        {
            return false;
        }
        let fits = match *word {
            // `Minister for Foreign Affairs`, `the French Ambassador to Cameroon
            // Christine ROBICHON`.
            "of" | "for" | "to" => true,
            // `Economy, Trade and Industry`, `BIYA of Cameroon and Denis`: between names.
            "and" => i > 0 && name_word(words[i - 1]),
            // `Minister of the Interior`, `Ambassador to the United States`.
            "the" => words.get(i + 1).is_some_and(|w| matches!(*w, "of" | "for" | "to")),
            _ => name_word(word),
        };
        if !fits {
            return false;
        }
    }
    false
}

/// Whether a word is in capitals: two capitals at least, no lower case.
fn in_capitals(word: &str) -> bool {
    word.chars().filter(char::is_ascii_uppercase).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Whether a word in capitals follows a person's name after a comma, as honours
/// and degrees do (`Hon Rimbink Pato, LLB, OBE, MP`, `Sir Geoffrey Henry, KBE,
/// Prime Minister`, `Mr Anund Priyay Neerwor, GOSK, Secretary`): read back over
/// other such letters, each with its comma, to a name after a title. The word
/// itself ends the list: a comma or the sentence's end follows it (`MP, PNG
/// Minister` gives `PNG` to the next words).
fn after_a_name(before: &str, after: &str, titles: &Lexicon) -> bool {
    if !(after.is_empty() || after.starts_with(['.', ';', ')']) || honours_go_on(after, titles)) {
        return false;
    }
    let mut rest = before.trim_end();
    for _ in 0..6 {
        let at = after_last_space(rest);
        let Some(word) = rest[at..].strip_suffix(',') else {
            return false;
        };
        if !in_capitals(word) {
            let name = word.starts_with(char::is_uppercase) && word.chars().any(char::is_lowercase);
            return name && after_a_title(&rest[..at], titles);
        }
        rest = rest[..at].trim_end();
    }
    false
}

/// Whether the words after a comma go on with a person's honours or office: more
/// letters with their commas, then a title (`, MP, PNG Minister for …`, `, Prime
/// Minister`, `, the Secretary for …`), not other words (`Secretary Blinken, PESCO,
/// and the ministers`).
fn honours_go_on(after: &str, titles: &Lexicon) -> bool {
    let Some(rest) = after.strip_prefix(',') else {
        return false;
    };
    let mut words = rest.split_whitespace().peekable();
    while words
        .peek()
        .is_some_and(|w| w.ends_with(',') && in_capitals(w.trim_end_matches(',')))
    {
        words.next();
    }
    // `PNG Minister`, `Prime Minister`, `the Deputy Secretary`: a title among the
    // next three words.
    words.take(3).any(|w| titles.contains(w.trim_end_matches([',', '.'])))
}

/// `Operation UNIFIER`, `Exercise TALISMAN SABRE`: a code name in capitals after
/// the word that introduces one (`config/lexicons/operation-words.toml`), or after
/// another word of the name.
fn a_code_name(before: &str) -> bool {
    let heads = stmtlint_lexicon::builtin!("operation-words");
    for word in before.split_whitespace().rev().take(3) {
        if heads.contains(word) {
            return true;
        }
        // `Operation ATALANTA, PESCO`: a comma ends the name.
        if !in_capitals(word) || word.ends_with(',') {
            return false;
        }
    }
    false
}

/// `OTTAWA, April 7, 2018 /CNW/ -`, `GATINEAU, QC, Sept. 4, 2017`: the place of a
/// news wire's dateline, in capitals at the start of a line, its date after it
/// (at most one more word in capitals between).
fn a_dateline_place(text: &str, start: usize, end: usize) -> bool {
    // The place is followed by a comma, or by its country in brackets.
    if !text[end..].starts_with([',', ')']) {
        return false;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // Before it on its line: at most the city, in capitals (`BRUSSELS (BELGIUM)`).
    let head: Vec<&str> = text[line_start..start].split_whitespace().collect();
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| matches!(c, ',' | '(' | ')'))
    }
    if head.len() > 1 || !head.iter().all(|w| in_capitals(bare(w))) {
        return false;
    }
    let rest = &text[end..floor_boundary(text, (end + 80).min(text.len()))];
    find_dates(rest).first().is_some_and(|(span, _)| {
        // Between it and the date, the rest of the place (`, QC,`, `, Kingdom of
        // Belgium,`): a few capitalized words and small words of a name.
        let words: Vec<&str> = rest[..span.start]
            .split_whitespace()
            .map(bare)
            .filter(|w| !w.is_empty())
            .collect();
        let of_a_place = words.len() <= 4
            && words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "of" | "de" | "du" | "la" | "and"));
        // After the date, the wire's mark or a dash (`/CNW/ -`, `/African Press
        // Organization (APO)/ —`): not `PESCO, 11 December 2017, was launched`.
        let after_date = rest[span.end..].trim_start();
        let wire = after_date.starts_with(['/', '-', '–', '—']) || after_date.is_empty();
        of_a_place && wire
    })
}

/// Whether a word in capitals is a surname between a given name and, after a
/// comma, the person's title, as a delegation's list has it: `Louis Paul MOTAZE,
/// Minister of Finance`, `Alamine OUSMANE MEY, Minister of Economy`, `Simon Pierre
/// BIKELE, Chief of State Protocol`. The other words in capitals of the surname
/// may stand on either side; the given name is a capitalized word, the title one of
/// `person-titles.toml`, after `the` or not.
fn before_a_title(before: &str, after: &str, titles: &Lexicon) -> bool {
    // A surname's word: capitals, with hyphens or apostrophes (`N’GUESSO`).
    let surname_word = |w: &str| {
        let letters = w.trim_end_matches(',');
        letters.chars().filter(char::is_ascii_uppercase).count() >= 2
            && letters
                .chars()
                .all(|c| c.is_ascii_uppercase() || HYPHENS.contains(&c) || c == '’' || c == '\'')
    };
    let given = before
        .split_whitespace()
        .rev()
        .find(|w| !surname_word(w))
        .is_some_and(|w| {
            w.chars().count() >= 2 && w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase)
        });
    if !given {
        return false;
    }
    let title = |w: Option<&str>| w.is_some_and(|w| titles.contains(w.trim_end_matches(['.', ','])));
    let mut words = after.split_whitespace();
    if let Some(rest) = after.strip_prefix(',') {
        words = rest.split_whitespace();
    } else {
        // The rest of the surname (three words at most), the last with the comma.
        if !after.starts_with(' ') {
            return false;
        }
        let mut comma = false;
        for word in words.by_ref().take(3) {
            if !surname_word(word) {
                return false;
            }
            if word.ends_with(',') {
                comma = true;
                break;
            }
        }
        if !comma {
            return false;
        }
    }
    let first = words.next();
    title(first) || (first == Some("the") && title(words.next()))
}

/// Whether the statement writes a word in capitals (four letters at least) as a
/// word elsewhere, in lower case or capitalized (`SECURITY` beside `security` or
/// `Security`): then it is a word set in capitals for emphasis or a name, not an
/// acronym.
struct PlainWords<'d> {
    doc: &'d Document,
    /// The spans of the statement's prose, found when first searched.
    blocks: Vec<Span>,
    /// How many words were asked about by searching the text.
    searched: usize,
    /// The statement's plain words, in lower case, read once a statement has asked
    /// about many (one with thousands of acronyms is not searched for each).
    all: Option<HashSet<String>>,
}

impl<'d> PlainWords<'d> {
    /// Words searched for one by one before all the words are read at once.
    const SEARCHES: usize = 32;

    fn of(doc: &'d Document) -> Self {
        Self {
            doc,
            blocks: Vec::new(),
            searched: 0,
            all: None,
        }
    }

    fn has(&mut self, word: &str) -> bool {
        if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let lower = word.to_ascii_lowercase();
        if self.all.is_none() && self.searched < Self::SEARCHES {
            self.searched += 1;
            return self.search(&lower);
        }
        self.all
            .get_or_insert_with(|| lower_case_words(self.doc))
            .contains(&lower)
    }

    /// Whether the prose has `lower` in lower case or capitalized, as a whole word.
    fn search(&mut self, lower: &str) -> bool {
        if self.blocks.is_empty() {
            self.blocks = self.doc.content_blocks().map(|b| b.span).collect();
        }
        let capitalized = format!("{}{}", lower[..1].to_ascii_uppercase(), &lower[1..]);
        stands_alone(self.doc, &self.blocks, lower) || stands_alone(self.doc, &self.blocks, &capitalized)
    }
}

/// The words of four letters or more that the statement writes in lower case or
/// capitalized (`security`, `Security`), in lower case: what [`PlainWords::search`]
/// finds, for every word at once.
fn lower_case_words(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::default();
    for block in doc.content_blocks() {
        for word in doc.slice(block.span).split(|c: char| !c.is_alphanumeric()) {
            let mut rest = word.chars().skip(1);
            if word.len() >= 4 && word.is_ascii() && rest.all(|c| c.is_ascii_lowercase()) {
                out.insert(word.to_ascii_lowercase());
            }
        }
    }
    out
}

/// Where a capitalized name of two words or more ends `before` (`National Survey on
/// the Dynamics of Household Relationships`, `Financial Intelligence Unit`), with
/// small words between its words but not at its ends, and not a document's name
/// (`the Paris Agreement (CMA4)` names the agreement, not the acronym): an acronym
/// alone in the bracket after it is that name in another language (`ENDIREH`,
/// `UIF`).
fn capitalized_name_before(before: &str) -> Option<usize> {
    let fillers = stmtlint_lexicon::builtin!("acronym-fillers");
    let capitalized = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    let last = before.split_whitespace().next_back()?;
    if !capitalized(last) || stmtlint_lexicon::builtin!("document-nouns").contains(last) {
        return None;
    }
    let (mut from, mut words) = (before.len(), 0);
    let mut rest = before;
    // A name is a few words, an official one with its small words up to two dozen
    // (`Supreme Council of the Cooperation Council for the Arab States of the
    // Gulf`): a longer run of capitalized words is a heading or a list, and is not
    // read back to its start.
    for _ in 0..24 {
        let trimmed = rest.trim_end();
        let at = after_last_space(trimmed);
        let word = &trimmed[at..];
        if capitalized(word) {
            (from, words) = (at, words + 1);
        } else if word.is_empty() || !fillers.contains(word) {
            return (words >= 2).then_some(from);
        }
        rest = &trimmed[..at];
    }
    None
}

/// Where and how `text[start..end]` is spelled out: `Full Name (ACR)` (also
/// `Full Name ("ACR")`, `Open Radio Access Networks (Open RAN)`) or `ACR (Full Name)`.
fn spelled_out(text: &str, start: usize, end: usize) -> Option<(Span, String, bool)> {
    // In brackets, with at most two other words: `(ACR)`, `("ACR")`, `(Open RAN)`, `(GI Hub)`.
    // The bracket is near: a few words each side (the search stays local).
    if let Some((open, close)) = enclosing_brackets(text, start, end, 48, 64) {
        let inside = definition_in(&text[open + 1..close]);
        if inside.split_whitespace().count() <= 3 && !inside.contains(',') {
            let before = text[..open].trim_end();
            // `(UNFCCC-COP 28)` spells out the first part, after the whole bracket.
            let first_part = text[start..end].split(HYPHENS).next().unwrap_or_default();
            let alone = inside.trim_matches(|c: char| !c.is_alphanumeric() && c != '+') == &text[start..end];
            let from = name_before(before, &initials_of(inside))
                .or_else(|| name_before(before, &initials_of(first_part)))
                .or_else(|| alone.then(|| capitalized_name_before(before)).flatten())?;
            return Some((Span::new(from, before.len()), before[from..].to_owned(), alone));
        }
    }
    let rest = text[end..].trim_start();
    let inner = rest.strip_prefix('(')?;
    let inner_end = inner.find(')')?;
    let name = inner[..inner_end].trim().trim_matches(['"', '“', '”']);
    let from = name_before(name, &initials_of(&text[start..end]))?;
    (from == 0 && name.chars().any(char::is_lowercase)).then(|| {
        let at = text.len() - inner.len() + (inner[..inner_end].len() - inner[..inner_end].trim_start().len());
        (Span::new(at, at + name.len()), name.to_owned(), true)
    })
}

/// What a bracket after a name gives as its short form: the bracket without the
/// words that lead into it (`hereafter`, `hereinafter referred to as the`:
/// `config/lexicons/definition-leads.toml`) and without a second short form after
/// `or` (`(hereafter SCO or Organisation)` gives `SCO`).
fn definition_in(inside: &str) -> &str {
    let leads = stmtlint_lexicon::builtin!("definition-leads");
    let mut rest = inside.trim_start();
    loop {
        let words: Vec<&str> = rest.split_whitespace().take(8).collect();
        let Some(n) = leads.phrase_at(&words) else { break };
        if n == words.len() {
            break;
        }
        // Past the lead's words and the space after each.
        for _ in 0..n {
            rest = rest.trim_start();
            rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
        }
        rest = rest.trim_start();
    }
    if rest.len() < inside.trim_start().len() {
        rest = rest.split(" or ").next().unwrap_or(rest).trim_end();
    }
    rest
}

/// [`spelled_out`] in text set in capitals (`THE EAST AFRICAN COMMUNITY(EAC)`):
/// the words before the acronym read as capitalized words (`East African
/// Community`), since in capitals every word would read as an acronym's letters.
/// Only a bracket holding the acronym alone counts, only in ASCII text, and only
/// a name whose words give the acronym's letters.
fn spelled_out_in_capitals(text: &str, start: usize, end: usize) -> Option<(Span, String, bool)> {
    let before = text[..start].trim_end();
    let open = before.strip_suffix('(')?.trim_end();
    if !text[end..].starts_with(')') || !open.is_ascii() {
        return None;
    }
    let mut capitalized = String::with_capacity(open.len());
    let mut word_start = true;
    for c in open.chars() {
        capitalized.push(if word_start { c } else { c.to_ascii_lowercase() });
        word_start = !c.is_ascii_alphanumeric();
    }
    // The name's words give the acronym's letters (no translation is read here:
    // `WORLD ECONOMIC SITUATION (UNDERLINED)` is an OCR'd telegram's note).
    let from = name_before(&capitalized, &initials_of(&text[start..end]))?;
    Some((Span::new(from, open.len()), capitalized[from..].to_owned(), true))
}

/// Where the last word of `text` starts: after its last white space (which may be
/// more than one byte: U+00A0).
fn after_last_space(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// How many ASCII capitals `text` has (counted so that the compiler vectorizes it).
fn ascii_upper(text: &str) -> usize {
    text.as_bytes()
        .iter()
        .map(|b| usize::from(b.wrapping_sub(b'A') < 26))
        .sum()
}

/// How many ASCII lower-case letters `text` has.
fn ascii_lower(text: &str) -> usize {
    text.as_bytes()
        .iter()
        .map(|b| usize::from(b.wrapping_sub(b'a') < 26))
        .sum()
}

/// The nearest character boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The letters an acronym (or a bracket such as `GI Hub`) stands for, in lower
/// case: its capitals, or the initial of each word.
fn initials_of(acronym: &str) -> Vec<char> {
    acronym
        .split_whitespace()
        .flat_map(|w| {
            let capitals: Vec<char> = w.chars().filter(char::is_ascii_uppercase).collect();
            if w.chars().any(char::is_lowercase) && capitals.len() <= 1 {
                w.chars().next().into_iter().collect()
            } else {
                capitals
            }
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Where the name that ends `before` starts: the words that give the acronym's
/// `letters`, read backwards, each word its first letter and maybe more of its
/// letters in order (`PErmanent Structured COoperation` for `PESCO`, `Climate
/// CHange` in `Q-CHAMP`), a word in capitals its capitals (`EU Advisory Mission`
/// for `EUAM`), with small or extra words between them allowed. `None` when the
/// letters are not all found before a sentence's end.
fn name_before(before: &str, letters: &[char]) -> Option<usize> {
    let fillers = stmtlint_lexicon::builtin!("acronym-fillers");
    let mut need = letters.len();
    let mut misses = 0;
    let mut rest = before;
    while need > 0 {
        let trimmed = rest.trim_end();
        let at = after_last_space(trimmed);
        let raw = &trimmed[at..];
        if raw.is_empty() || raw.ends_with(['.', ';', ':', '(', ')']) || raw.contains(['—', '–']) {
            return None;
        }
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        // A small word gives its letter when it is the one wanted (`Law Of the Sea`
        // in `UNCLOS`), else it is passed over.
        if fillers.contains(word) {
            if word.starts_with(letters[need - 1]) {
                need -= 1;
                if need == 0 {
                    return Some(at);
                }
            }
            rest = &trimmed[..at];
            continue;
        }
        let before_word = need;
        for part in word
            .rsplit(|c: char| c == '/' || HYPHENS.contains(&c))
            .filter(|p| !p.is_empty())
        {
            need -= letters_given(part, &letters[..need]);
            if need == 0 {
                break;
            }
        }
        if need == before_word {
            misses += 1;
            if misses > 3 {
                return None;
            }
        }
        if need == 0 {
            return Some(at);
        }
        rest = &trimmed[..at];
    }
    None
}

/// How many of the last of `letters` the word gives: a word in capitals its
/// capitals (all of them or none), another word its first letter and then as many
/// of the following letters as it holds in order.
fn letters_given(word: &str, letters: &[char]) -> usize {
    let lower: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    if lower.is_empty() {
        return 0;
    }
    if in_capitals(word) {
        let capitals: Vec<char> = word
            .chars()
            .filter(char::is_ascii_uppercase)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        // `ASEAN Outlook on the Indo-Pacific (AOIP)`: a word in capitals may give its
        // first letters (`MCM Delivery Partnership (MCDP)`: MC).
        return (1..=capitals.len())
            .rev()
            .find(|&k| letters.ends_with(&capitals[..k]))
            .unwrap_or(0);
    }
    // The most letters `j` such that the word starts with letters[n - j] and holds
    // the rest of them in order.
    let n = letters.len();
    (1..=n)
        .rev()
        .find(|&j| {
            let wanted = &letters[n - j..];
            wanted[0] == lower[0] && {
                let mut rest = lower[1..].iter();
                wanted[1..].iter().all(|c| rest.any(|l| l == c))
            }
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

    use super::*;

    fn doc(text: &str) -> Document {
        crate::test_support::paragraph(text)
    }

    fn messages(text: &str) -> Vec<String> {
        messages_with(Options::default(), text)
    }

    fn messages_with(options: Options, text: &str) -> Vec<String> {
        let rule = UndefinedAcronym::new(options);
        let d = doc(text);
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        sink.into_findings()
            .into_iter()
            .map(|f| format!("{}: {}", d.slice(f.span), f.message))
            .collect()
    }

    #[test]
    fn an_acronym_never_spelled_out() {
        assert_eq!(
            messages("They discussed the NIS Platform and PESCO, and the NIS again."),
            [
                "NIS: `NIS` is not spelled out in this statement",
                "PESCO: `PESCO` is not spelled out in this statement"
            ]
        );
    }

    #[test]
    fn roman_numerals_are_written_as_numerals() {
        for numeral in ["I", "IV", "XIV", "XL", "LXX", "XXIV", "III"] {
            assert!(roman(numeral), "{numeral}");
        }
        for letters in ["CDC", "LDC", "MCC", "MDC", "IIII", "VX", "IC", "LL", "CD"] {
            assert!(!roman(letters), "{letters}");
        }
        assert_eq!(
            messages("the Africa CDC and the XIV Summit"),
            ["CDC: `CDC` is not spelled out in this statement"]
        );
    }

    #[test]
    fn a_preamble_in_capitals_is_prose() {
        assert_eq!(
            messages("WE, the Heads of State, RECALLING the Charter, DETERMINED to act, welcomed the NIS."),
            ["NIS: `NIS` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("They welcomed the EUROMED process."),
            ["EUROMED: `EUROMED` is not spelled out in this statement"]
        );
    }

    #[test]
    fn news_agency_and_photo_credits_are_not_read() {
        assert_eq!(
            messages(
                "Bangkok (VNA) – The ministers met (Photo: VNA) and saw (Source: AFP) the XYZ (Mexico PE photo) site."
            ),
            ["XYZ: `XYZ` is not spelled out in this statement"]
        );
        // A credit word inside prose in brackets is no credit; a name before a
        // bracket and a dash may be the acronym spelled out.
        assert_eq!(
            messages("a step (the largest source of GHG emissions) for all"),
            ["GHG: `GHG` is not spelled out in this statement"]
        );
        assert!(messages("Global Gateway (GG) – the plan. GG projects followed.").is_empty());
        // A line break inside the brackets is no credit (and no panic).
        assert_eq!(
            messages("Bangkok (\nVNA) – the talks"),
            ["VNA: `VNA` is not spelled out in this statement"]
        );
        // An acronym in brackets after words of prose is one to spell out.
        assert_eq!(
            messages("They met the staff of the ABC (DEF) – a new office."),
            [
                "ABC: `ABC` is not spelled out in this statement",
                "DEF: `DEF` is not spelled out in this statement"
            ]
        );
    }

    #[test]
    fn known_acronyms_run_together_are_known() {
        assert!(messages("the U.S.EU Cyber Dialogue and the U.S.-EU Summit").is_empty());
        assert_eq!(
            messages("the U.S.XYZ talks"),
            ["U.S.XYZ: `U.S.XYZ` is not spelled out in this statement"]
        );
    }

    #[test]
    fn an_acronym_before_a_hyphen_and_a_word_in_lower_case() {
        assert_eq!(
            messages("They welcomed the JCPOA-related talks and the UN-led, NPT‑based regime."),
            [
                "JCPOA: `JCPOA` is not spelled out in this statement",
                "NPT: `NPT` is not spelled out in this statement"
            ]
        );
        assert!(
            messages("the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) and NPT-based rules").is_empty()
        );
        assert!(messages("confidence-building measures (CBMs), CBMs-related work with Non-XYZ members").is_empty());
        // Every hyphen that looks like one: U+2010 as `-` and the no-break U+2011.
        assert_eq!(
            messages("They welcomed the JCPOA\u{2010}related talks and the EU\u{2010}U.S. dialogue."),
            ["JCPOA: `JCPOA` is not spelled out in this statement"]
        );
    }

    #[test]
    fn spelled_out_before_or_after_its_first_use() {
        assert!(messages("the Permanent Structured Cooperation (PESCO) and PESCO projects").is_empty());
        assert!(messages("the EUAM (EU Advisory Mission) and the EUAM staff").is_empty());
        assert!(messages("confidence-building measures (CBMs); the CBM list").is_empty());
        assert_eq!(
            messages("the EUAM staff and the EU Advisory Mission (EUAM)"),
            ["EUAM: `EUAM` is used before it is spelled out"]
        );
    }

    #[test]
    fn spelled_out_in_brackets_with_other_words() {
        assert!(messages("Open Radio Access Networks (Open RAN) and RAN vendors").is_empty());
        assert!(messages("the Quad Climate Change Adaptation and Mitigation Package (Q-CHAMP); Q-CHAMP").is_empty());
        assert!(messages("the Trade and Technology Council (“TTC”) met; the TTC").is_empty());
        assert!(messages("the Global Infrastructure Hub (GI Hub) and the GI Hub").is_empty());
        // A bracket that does not spell the acronym out.
        assert_eq!(
            messages("pandemic PPR (WHO CA+)"),
            [
                "PPR: `PPR` is not spelled out in this statement",
                "CA+: `CA+` is not spelled out in this statement"
            ]
        );
    }

    #[test]
    fn spelled_out_twice_differently() {
        assert_eq!(
            messages("the Network and Information Security (NIS) rules; the Network Information Systems (NIS) act"),
            [
                "Network Information Systems: `NIS` is spelled out differently: `Network and Information Security` and `Network Information Systems`"
            ]
        );
    }

    #[test]
    fn spelled_out_twice_with_a_known_acronym_for_part_of_the_name() {
        // `AU` is `African Union`: one name, not two.
        assert_eq!(
            messages(
                "the African Union Mission in Somalia (AMISOM) and the Head of the AU Mission in Somalia (AMISOM)"
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            messages("the European Defence Agency (EDA); the European Development Agency (EDA)"),
            [
                "European Development Agency: `EDA` is spelled out differently: `European Defence Agency` and `European Development Agency`"
            ]
        );
    }

    #[test]
    fn spelled_out_with_hereafter() {
        for text in [
            "the Shanghai Cooperation Organisation (hereafter SCO or Organisation) and the SCO",
            "the Shanghai Cooperation Organisation (hereinafter referred to as the SCO) and the SCO",
            "the Shanghai Cooperation Organisation (hereafter SCO) and the SCO",
        ] {
            assert!(messages(text).is_empty(), "{text}");
        }
        assert_eq!(
            messages("the Shanghai Cooperation Organisation (hereafter SCO or Organisation); the NFO"),
            ["NFO: `NFO` is not spelled out in this statement"]
        );
    }

    #[test]
    fn a_long_official_name_before_its_acronym() {
        assert!(
            messages(
                "the Twenty-Seventh Session of the Supreme Council of the Cooperation Council for the \
                 Arab States of the Gulf(GCC) met; the GCC agreed"
            )
            .is_empty()
        );
    }

    #[test]
    fn ordinal_suffixes_forms_of_address_and_codes_are_not_acronyms() {
        assert!(messages("held its Sixty-Fifth (65 TH) Ordinary Session and its 2 ND meeting").is_empty());
        assert!(messages("the speech of HE Dr Sam Nujoma and of HM King Mswati III and HRH Prince Charles").is_empty());
        assert!(messages("Communiqué [PSC/PR/COMM. (DCCCXXVII)] adopted at its 827th meeting").is_empty());
        // Not before a name, and not after a number: read.
        assert_eq!(
            messages("the HE sector and the TH programme"),
            [
                "HE: `HE` is not spelled out in this statement",
                "TH: `TH` is not spelled out in this statement"
            ]
        );
        // A numeral of hundreds in brackets elsewhere is still read.
        assert_eq!(
            messages("the meeting (MDC) of the parties"),
            ["MDC: `MDC` is not spelled out in this statement"]
        );
    }

    #[test]
    fn honours_after_a_name_code_names_and_datelines_in_capitals() {
        // Letters after a name, each before a comma: honours and degrees. `PNG`
        // before `Minister` is a country's acronym, and stays one.
        assert_eq!(
            messages("co-chaired by Hon Rimbink Pato, LLB, OBE, MP, PNG Minister for Foreign Affairs. PNG agreed."),
            ["PNG: `PNG` is not spelled out in this statement"]
        );
        assert!(messages("the Honorable Sir Geoffrey Henry, KBE, Prime Minister").is_empty());
        assert!(messages("Mr Anund Priyay Neerwor, GOSK, Secretary for Foreign Affairs").is_empty());
        assert!(messages("Canada's training mission, Operation UNIFIER, and Exercise TALISMAN SABRE").is_empty());
        assert_eq!(
            messages("OTTAWA, April 7, 2018 /CNW/ - The Honourable Patty Hajdu met PESCO."),
            ["PESCO: `PESCO` is not spelled out in this statement"]
        );
        assert!(messages("GATINEAU, QC, Sept. 4, 2017 /CNW/ - The Minister met counterparts.").is_empty());
        assert!(
            messages("BRUSSELS, Kingdom of Belgium, May 20, 2014/African Press Organization (APO)/ -- The EU met.")
                .is_empty()
        );
        assert!(messages("BRUSSELS (BELGIUM), 20 May 2014 – The EU met.").is_empty());
        assert!(messages("The FORUM COMMUNIQUÉ is printed verbatim below.").is_empty());
    }

    #[test]
    fn what_only_looks_like_honours_code_names_datelines_and_codes() {
        assert_eq!(
            messages("The Ministers met with Secretary Blinken, PESCO, and the ministers."),
            ["PESCO: `PESCO` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("The Ministers welcomed Operation ATALANTA, PESCO and the rest."),
            ["PESCO: `PESCO` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("The Ministers expanded services on HIV/AIDS (PMTCT) in the region."),
            ["PMTCT: `PMTCT` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("PESCO, 11 December 2017, was launched by the Council."),
            ["PESCO: `PESCO` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("the HE Institutions of the region"),
            ["HE: `HE` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("the Counter Terrorism Centre (CTC) and, later, the Climate Technology Centre (CTC)"),
            [
                "Climate Technology Centre: `CTC` is spelled out differently: `Counter Terrorism Centre` and `Climate Technology Centre`"
            ]
        );
        // A list of names in capitals after a title goes on past a comma.
        assert!(messages("Presidents Paul BIYA, Denis SASSOU NGUESSO and others met").is_empty());
    }

    #[test]
    fn a_definition_in_capitals_counts() {
        let text = "THE SUMMIT OF THE EAST AFRICAN COMMUNITY(EAC) WAS HELD VIRTUALLY.\n\nThe EAC Partner States met.";
        let rule = UndefinedAcronym::new(Options::default());
        let d = Document {
            text: text.into(),
            blocks: vec![
                stmtlint_plugin::Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(0, 65),
                },
                stmtlint_plugin::Block {
                    kind: BlockKind::Paragraph,
                    span: Span::new(67, text.len()),
                },
            ],
            ..crate::test_support::paragraph("")
        };
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        assert!(sink.into_findings().is_empty());
        assert_eq!(
            messages("THE PARTNER STATES MET.\n\nThe EAC Partner States met."),
            ["EAC: `EAC` is not spelled out in this statement"]
        );
        // No translation is read in capitals: a telegram's note in brackets.
        assert!(messages("WORLD ECONOMIC SITUATION (UNDERLINED)\nFINANCIAL ISSUES (UNDERLINED)").is_empty());
    }

    #[test]
    fn two_acronyms_joined_by_a_slash_are_read() {
        assert_eq!(
            messages("We take note of the OSCE/ODIHR's preliminary assessment and of A/RES/70/1."),
            ["ODIHR's: `ODIHR's` is not spelled out in this statement"]
        );
    }

    #[test]
    fn possessive_document_names_language_marks_and_parts_of_pairs() {
        assert!(messages("the sixtieth anniversary of the ANZUS Treaty's entry into force").is_empty());
        assert!(messages("Brussels, 19 November 2013 (OR. en) The Council met.").is_empty());
        // The finding is on the unknown part of a pair with a known acronym.
        assert_eq!(
            messages("the ROK-U.S. Foreign and Defense Ministers met"),
            ["ROK: `ROK` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("through the ACT-A and CAMAIR-CO's fleet"),
            [
                "ACT-A: `ACT-A` is not spelled out in this statement",
                "CAMAIR-CO's: `CAMAIR-CO's` is not spelled out in this statement"
            ]
        );
    }

    #[test]
    fn surnames_in_capitals_after_a_title() {
        assert!(messages("welcomed His Excellency Paul KAGAME and Ms. Amina KONE").is_empty());
        assert!(messages("Prime Minister KISHIDA Fumio and Lt General AK Singh met").is_empty());
        assert!(messages("Minister of Economy, Trade and Industry NISHIMURA Yasutoshi spoke").is_empty());
        assert!(messages("received the French Ambassador to Cameroon Christine ROBICHON for talks").is_empty());
        // Before a comma and a title the word is a surname there only.
        assert_eq!(
            messages("they met Africa CDC, the Commissioner for Health, and the CDC staff"),
            ["CDC: `CDC` is not spelled out in this statement"]
        );
        // A surname after its title is a surname everywhere in the statement.
        assert!(
            messages("the Ambassador to Cameroon Christine ROBICHON spoke. Christine ROBICHON hailed the talks.")
                .is_empty()
        );
        // A surname between a given name and, after a comma, a title.
        assert!(messages("the delegation includes Louis Paul MOTAZE, Minister of Finance, and more").is_empty());
        assert!(messages("the delegation includes Alamine OUSMANE MEY, the Minister of Economy").is_empty());
        assert_eq!(
            messages("the delegation includes Louis Paul MOTAZE of the Ministry, and the PESCO, Minister"),
            [
                "MOTAZE: `MOTAZE` is not spelled out in this statement",
                "PESCO: `PESCO` is not spelled out in this statement"
            ]
        );
        // A whole title ending a sentence is no title; a headline names no one.
        assert_eq!(
            messages("We thank the President. NDICI funds the work, and NDICI grows."),
            ["NDICI: `NDICI` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("in the President.The PESCO projects go on"),
            ["PESCO: `PESCO` is not spelled out in this statement"]
        );
        assert!(messages("the session was attended by H.E.Paul BIYA, with others").is_empty());
        // Initials spaced out, and a title run on into the name.
        assert!(messages("the session was attended by H. E. Alpha BARRY, Minister of Foreign Affairs").is_empty());
        assert!(messages("the session was attended by H. E. Hon.Joseph Nyumah BOAKAI, Vice-President").is_empty());
        assert_eq!(
            messages("the session heard H. E. the report of the NASLA and U. S. UNGA HLMs work"),
            [
                "NASLA: `NASLA` is not spelled out in this statement",
                "HLMs: `HLMs` is not spelled out in this statement"
            ]
        );
        assert!(messages("Presidents Paul KAGAME of Rwanda and Felix TSHISEKEDI of the DRC").len() == 1);
        // An organisation after an office's `of`, or after a name that no title opens.
        assert_eq!(
            messages("the Secretary-General of UNCTAD and the Quad STEM Fellows"),
            [
                "UNCTAD: `UNCTAD` is not spelled out in this statement",
                "STEM: `STEM` is not spelled out in this statement"
            ]
        );
    }

    #[test]
    fn names_set_in_capitals() {
        // Two words in capitals that read as words, side by side: a person, a team.
        assert!(messages("the 40 000-seat AHMADOU AHIDJO Omnisport stadium is operational").is_empty());
        assert!(messages("the training stadia are as follows: COTON SPORT: 79%;").is_empty());
        // Not with a possessive or a plural: an acronym's operation, or programmes.
        assert_eq!(
            messages("the stabilization provided by EUFOR’s ALTHEA mission in Bosnia and Herzegovina"),
            [
                "EUFOR’s: `EUFOR’s` is not spelled out in this statement",
                "ALTHEA: `ALTHEA` is not spelled out in this statement"
            ]
        );
        // Before a noun of a place, directly or after one word in lower case.
        assert!(messages("the construction of the MIZAO bridge in Maroua").is_empty());
        assert!(messages("the BENGO Hotel in Ebolowa and the KOUEKONG main stadium").is_empty());
        assert!(messages("the rehabilitation of the MINGOA valley and the BENGO Hotel").is_empty());
        // What an organisation runs is no place's name: `the ENEO power station`.
        assert_eq!(
            messages("the repair of the ENEO power station"),
            ["ENEO: `ENEO` is not spelled out in this statement"]
        );
        // Acronyms side by side are read by their letters; a known acronym is no name
        // word; a comma parts two words; an institution's noun is not a place's.
        assert_eq!(
            messages(
                "they welcomed the COVAX AMC, the work of the BIS CPMI and the projects of NATO PESCO in the region"
            ),
            [
                "COVAX: `COVAX` is not spelled out in this statement",
                "AMC: `AMC` is not spelled out in this statement",
                "BIS: `BIS` is not spelled out in this statement",
                "CPMI: `CPMI` is not spelled out in this statement",
                "PESCO: `PESCO` is not spelled out in this statement"
            ]
        );
        assert_eq!(
            messages("at SONARA, CAMPOST and the ZNPP site, and the BEAC Complex"),
            [
                "SONARA: `SONARA` is not spelled out in this statement",
                "CAMPOST: `CAMPOST` is not spelled out in this statement",
                "ZNPP: `ZNPP` is not spelled out in this statement",
                "BEAC: `BEAC` is not spelled out in this statement"
            ]
        );
        // Not before a market: trade blocs stand there.
        assert_eq!(
            messages("the integration of the region into the CARICOM single market"),
            ["CARICOM: `CARICOM` is not spelled out in this statement"]
        );
        // A noun two words on is not read.
        // Built on a known acronym: `EUFOR ALTHEA` is an acronym and a name.
        assert_eq!(
            messages("the continued presence of EUFOR ALTHEA in Bosnia and Herzegovina"),
            [
                "EUFOR: `EUFOR` is not spelled out in this statement",
                "ALTHEA: `ALTHEA` is not spelled out in this statement"
            ]
        );
        assert_eq!(
            messages("patients were taken by MONUSCO to village clinics"),
            ["MONUSCO: `MONUSCO` is not spelled out in this statement"]
        );
        assert_eq!(
            messages("in the CEMAC member states stadium"),
            ["CEMAC: `CEMAC` is not spelled out in this statement"]
        );
    }

    #[test]
    fn a_place_noun_can_be_added() {
        let options = Options {
            extend_place_nouns: Words(vec!["pagoda".to_owned()]),
            ..Options::default()
        };
        assert_eq!(
            messages_with(options, "the KYAIKTIYO pagoda and the SHWEDAGON stadium"),
            Vec::<String>::new()
        );
        // Without the word, the pagoda's name is read as an acronym.
        assert_eq!(
            messages("the KYAIKTIYO pagoda and the SHWEDAGON stadium"),
            ["KYAIKTIYO: `KYAIKTIYO` is not spelled out in this statement"]
        );
    }

    #[test]
    fn reads_as_a_word_is_about_letters() {
        for w in [
            "MIZAO",
            "KOUEKONG",
            "SPORT",
            "HYDROMEKIN",
            "ADJA",
            "SHWEDAGON",
            "NATO",
            "CEMAC",
        ] {
            assert!(reads_as_a_word(w), "{w}");
        }
        for w in ["ZNPP", "CPMI", "AMC", "NBFI", "Mizao", "G20X", "STRATCOM", "SCHMIDT"] {
            assert!(!reads_as_a_word(w), "{w}");
        }
    }

    #[test]
    fn words_in_capitals_the_statement_also_writes_as_words() {
        assert!(messages("The first priority is RESILIENCE. Resilience comes first.").is_empty());
        assert!(messages("the EMPOWER Alliance will empower women").is_empty());
        // Not when the word is never written otherwise, nor for short words.
        assert_eq!(
            messages("The first priority is RESILIENCE. The ICE team and ice."),
            [
                "RESILIENCE: `RESILIENCE` is not spelled out in this statement",
                "ICE: `ICE` is not spelled out in this statement"
            ]
        );
    }

    #[test]
    fn the_word_search_and_the_word_set_agree() {
        let d = doc(
            "The first priority is SECURITY; security and Resilience matter, not XRESILIENCE or Foo-barrier, Tests2 or élan.",
        );
        let all = lower_case_words(&d);
        let mut words = PlainWords::of(&d);
        for word in [
            "SECURITY",
            "RESILIENCE",
            "MATTER",
            "PRIORITY",
            "XRESILIENCE",
            "TESTS",
            "FOOB",
            "ELAN",
            "FIRST",
            "BARRIER",
        ] {
            let lower = word.to_ascii_lowercase();
            assert_eq!(words.search(&lower), all.contains(&lower), "{word}");
        }
        // And both find what is there, and only that.
        assert!(words.has("SECURITY") && words.has("RESILIENCE") && words.has("BARRIER"));
        assert!(!words.has("XRESILIENCE") && !words.has("TESTS") && !words.has("ELAN"));
    }

    #[test]
    fn spelled_out_in_another_language() {
        assert!(messages("Mexico's Financial Intelligence Unit (UIF) and the UIF staff").is_empty());
        assert!(messages("the National Survey on the Dynamics of Household Relationships (ENDIREH)").is_empty());
        // One capitalized word is not a name; a document's name is not the acronym's.
        assert_eq!(messages("support from Japan (JICA)").len(), 1);
        assert_eq!(
            messages("the meeting of the Parties to the Paris Agreement (CMA4)").len(),
            1
        );
        // A word in capitals gives the first of its letters.
        assert_eq!(
            messages("the MCM Delivery Partnership for equitable access (MCDP) and MCDP"),
            ["MCM: `MCM` is not spelled out in this statement"]
        );
    }

    #[test]
    fn known_acronyms_and_what_is_not_an_acronym() {
        assert!(messages("the EU, the U.S., NATO's role, G20 leaders, COVID-19 and NGOs").is_empty());
        assert!(messages("Resolution A/RES/70/1 at https://un.org/ABC and Part II, Chapter XIV").is_empty());
        assert!(messages("the Communication COM(2023) 62 and SWD(2023) 100").is_empty());
        assert!(messages("JOINT STATEMENT ON THE NIS\nthe rest in lower case").is_empty());
        assert!(messages("They met. I was there. A plan").is_empty());
        assert!(messages("We will NOT accept it. WARNING: the text is long.").is_empty());
        assert!(messages("weapons of mass\u{a0}destruction (WMD)\u{a0}and the\u{a0}NIS\u{a0}rules").len() == 1);
        assert!(
            messages("the TRIPS Agreement, the CHIPS and Science Act, N2O, flight FR4978, J.D. Corcoran").is_empty()
        );
        let rule = UndefinedAcronym::new(toml::from_str("known = [\"PESCO\"]").unwrap());
        let d = doc("PESCO projects");
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        let found: Vec<String> = sink.into_findings().into_iter().map(|f| f.message).collect();
        assert_eq!(found, Vec::<String>::new());
    }
}

//! `inconsistent-name`: one name written two ways in one statement.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use stmtlint_lexicon::automata::{Automata, Hit, Semantics};
use stmtlint_lexicon::{Lexicon, Words};
use stmtlint_plugin::{Applicability, ConfigurableRule, Document, Edit, Finding, Fix, Rule, Sink, Span, declare_rule};

use crate::names::{
    HYPHENS, Word, capitalized_words, capitals, fold, fold_into, is_dash, pair_parts, stands_alone, whole_word,
};

declare_rule! {
    /// ## What it does
    /// Flags a name written more than one way in one statement: a party pair in
    /// both orders (`EU-Norway` and `Norway-EU`, `United States – European Union`
    /// and `European Union – United States`), and spellings that differ only in
    /// dots, hyphens, spaces or diacritics (`U.S.-EU` and `US-EU`, `Washington, DC`
    /// and `Washington, D.C.`, `Tromsø` and `Tromso`, `Indo-Pacific` and `Indo
    /// Pacific`), plus the groups of variants the configuration lists.
    ///
    /// The preferred form of a group, else the form used most often (ties going to
    /// the form used first; an abbreviation missing one of its dots, `U.S-EU`, never
    /// wins over the whole form), wins; every other occurrence is a finding pointing at
    /// the winner's first use, with a fix to the winning form. A name spelled out
    /// (`United States – European Union`) is not a variant of its abbreviation
    /// (`U.S.-EU`). Case differences are not variants (`US` and `us`), ordinary words are
    /// not names (`multi-stakeholder` and `multistakeholder` are left alone), and
    /// boilerplate and lines in capitals (running headers) are never read.
    ///
    /// ## Why is this bad?
    /// Two parties who drafted a statement together each see their own spelling;
    /// the published text then reads as if nobody proofread it, and a party named
    /// second in one place and first in another can be read as a slight.
    ///
    /// ## Example
    /// ```text
    /// Washington, DC
    /// December 5, 2014
    /// ... the chairs will convene again in Washington, D.C.
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Washington, D.C.
    /// December 5, 2014
    /// ... the chairs will convene again in Washington, D.C.
    /// ```
    ///
    /// ## Options
    /// - `groups`: variants that name one thing, optionally with the form to use:
    ///   `{ variants = ["EU-U.S.", "U.S.-EU", "EU-US", "US-EU"], preferred = "EU-U.S." }`.
    ///   Variants match whole words, case-sensitively. With `preferred`, every other
    ///   variant is flagged even when used consistently.
    /// - `pairs`: find party pairs written in both orders (default `true`).
    /// - `spellings`: find spellings that differ only in dots, hyphens, spaces or
    ///   diacritics (default `true`).
    /// - `extend-sentence-openers`: words added to `config/lexicons/sentence-openers.toml`,
    ///   the words that are capitalized only because a sentence starts with them
    ///   (`The Council` is not a name).
    pub struct InconsistentName {
        options: Options,
        groups: Option<Automata>,
        /// For each pattern of `groups`: its group and its text.
        patterns: Vec<(usize, String)>,
        /// The first bytes of the patterns, when all are capitals (or begin a
        /// non-ASCII character): then `groups` is only tried where one stands.
        first_bytes: Option<[bool; 256]>,
        /// Words capitalized only because a sentence starts with them.
        openers: Lexicon,
    }
    id = "inconsistent-name",
    severity = Warning,
    summary = "a name is written more than one way in one statement",
}

/// `[rules.inconsistent-name]`.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Variants that name one thing; replaces the shipped groups
    /// (`config/lexicons/name-variants.toml`).
    groups: Vec<Group>,
    /// Find party pairs written in both orders.
    pairs: bool,
    /// Find spellings that differ only in dots, hyphens, spaces or diacritics.
    spellings: bool,
    /// Words added to `config/lexicons/sentence-openers.toml`: capitalized only
    /// because a sentence starts with them.
    extend_sentence_openers: Words,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            groups: shipped_groups(),
            pairs: true,
            spellings: true,
            extend_sentence_openers: Words::default(),
        }
    }
}

/// The groups of `config/lexicons/name-variants.toml`: its entries with one value
/// are one group, in the order of their values.
fn shipped_groups() -> Vec<Group> {
    let lexicon = Lexicon::builtin("name-variants");
    let mut groups: Vec<(String, Group)> = Vec::new();
    for entry in lexicon.entries() {
        let Some(stmtlint_lexicon::Value::Text(key)) = &entry.value else {
            continue;
        };
        match groups.iter_mut().find(|(k, _)| k == key) {
            Some((_, group)) => group.variants.push(entry.text.clone()),
            None => groups.push((
                key.clone(),
                Group {
                    variants: vec![entry.text.clone()],
                    preferred: None,
                },
            )),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Variants of one name.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, try_from = "GroupSchema")]
struct Group {
    variants: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred: Option<String>,
}

impl JsonSchema for Group {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Group".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        GroupSchema::json_schema(generator)
    }
}

/// A group as written, before it is checked.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GroupSchema {
    /// The ways the name is written (whole words, case-sensitive).
    variants: Vec<String>,
    /// The form to use; every other variant is flagged.
    #[serde(default)]
    preferred: Option<String>,
}

impl TryFrom<GroupSchema> for Group {
    type Error = String;

    fn try_from(g: GroupSchema) -> Result<Self, String> {
        if g.variants.iter().any(String::is_empty) {
            return Err("a group's `variants` may not hold an empty name".into());
        }
        if let Some(p) = g.preferred.as_ref().filter(|p| !g.variants.contains(p)) {
            return Err(format!(
                "`preferred = \"{p}\"` is not one of the group's `variants` ({})",
                g.variants
                    .iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Ok(Self {
            variants: g.variants,
            preferred: g.preferred,
        })
    }
}

impl ConfigurableRule for InconsistentName {
    type Options = Options;
    const META: stmtlint_plugin::RuleMeta = Self::META;

    fn new(options: Options) -> Self {
        // Each variant once, in the order the groups list them (a set keeps a
        // glossary of 100,000 groups linear to load).
        let mut patterns = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, group) in options.groups.iter().enumerate() {
            for v in group.variants.iter().chain(&group.preferred) {
                if !v.is_empty() && seen.insert(v.as_str()) {
                    patterns.push((i, v.clone()));
                }
            }
        }
        let texts: Vec<&str> = patterns.iter().map(|(_, p)| p.as_str()).collect();
        let groups = (!patterns.is_empty())
            .then(|| Automata::new(&texts, Semantics::LeftmostLongest, false).ok())
            .flatten();
        let mut first_bytes = Some([false; 256]);
        for (_, p) in &patterns {
            match (p.as_bytes()[0], &mut first_bytes) {
                (b, Some(table)) if b.is_ascii_uppercase() || b >= 0x80 => table[usize::from(b)] = true,
                _ => first_bytes = None,
            }
        }
        let openers = Lexicon::builtin("sentence-openers").extended(&options.extend_sentence_openers);
        Self {
            options,
            groups,
            patterns,
            first_bytes,
            openers,
        }
    }
}

/// What kind of difference a finding is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Group,
    Order,
    Spelling,
}

impl Rule for InconsistentName {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let regions = regions(doc);
        let openers = &self.openers;
        // The spans already reported, disjoint, by start: one that overlaps a new
        // span is the last that starts before its end.
        let mut flagged: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        let mut report = |doc: &Document, kind: Kind, first: Span, winner: &str, at: Span, preferred: bool| {
            if flagged
                .range(..at.end)
                .next_back()
                .is_some_and(|(&start, &end)| start < at.end && at.start < end)
            {
                return;
            }
            flagged.insert(at.start, at.end);
            sink.report(finding(openers, doc, kind, first, winner, at, preferred));
        };
        if let Some(ac) = &self.groups {
            self.check_groups(doc, ac, &regions, &mut report);
        }
        // Names start with a capital: only those words are kept (a tenth of a text).
        // Words of links (`…/EU-US-TTC/…`) are addresses, not the text's names.
        let mut all: Vec<Word<'_>> = Vec::new();
        for r in &regions {
            let text = doc.slice(*r);
            let from = all.len();
            capitalized_words(text, r.start, &mut all);
            let links = links(text, r.start);
            if !links.is_empty() {
                let kept: Vec<Word<'_>> = all
                    .drain(from..)
                    .filter(|w| !links.iter().any(|l| l.contains(w.span)))
                    .collect();
                all.extend(kept);
            }
        }
        if self.options.pairs {
            pairs(openers, doc, &regions, &all, &mut report);
        }
        if self.options.spellings {
            spellings(openers, doc, &regions, &all, &mut report);
        }
    }
}

type Report<'r> = dyn FnMut(&Document, Kind, Span, &str, Span, bool) + 'r;

impl InconsistentName {
    fn check_groups(&self, doc: &Document, ac: &Automata, regions: &[Span], report: &mut Report<'_>) {
        // Per group: the uses of each variant, in order.
        let mut found: HashMap<usize, Vec<(usize, Span)>> = HashMap::default();
        for r in regions {
            let text = doc.slice(*r);
            for m in self.group_matches(ac, text) {
                if !whole_word(text, m.start, m.end) {
                    continue;
                }
                let (group, _) = self.patterns[m.pattern];
                let span = Span::new(r.start + m.start, r.start + m.end);
                found.entry(group).or_default().push((m.pattern, span));
            }
        }
        let mut groups: Vec<_> = found.into_iter().collect();
        groups.sort_by_key(|(g, _)| *g);
        for (group, uses) in groups {
            let preferred = self.options.groups[group].preferred.as_deref();
            let forms: Vec<&str> = uses.iter().map(|(p, _)| self.patterns[*p].1.as_str()).collect();
            let winner = preferred.unwrap_or_else(|| most_used(&forms));
            let first = uses
                .iter()
                .find(|(p, _)| self.patterns[*p].1 == winner)
                .map(|(_, s)| *s);
            for (p, span) in &uses {
                if self.patterns[*p].1 != winner {
                    report(
                        doc,
                        Kind::Group,
                        first.unwrap_or(*span),
                        winner,
                        *span,
                        preferred.is_some(),
                    );
                }
            }
        }
    }

    /// The matches of `ac` in `text`, exactly as its leftmost-longest search finds
    /// them. When every pattern starts with a capital, only the capitals are tried,
    /// each with an anchored search: a text has far fewer of those than bytes.
    fn group_matches(&self, ac: &Automata, text: &str) -> Vec<Hit> {
        let Some(first_bytes) = &self.first_bytes else {
            return ac.leftmost_longest(text);
        };
        let mut out: Vec<Hit> = Vec::new();
        capitals(text.as_bytes(), |at| {
            // Matches do not overlap: the search goes on after the last one.
            if out.last().is_some_and(|m| at < m.end) || !first_bytes[usize::from(text.as_bytes()[at])] {
                return;
            }
            out.extend(ac.longest_at(text, at));
        });
        out
    }
}

/// The spans the rule reads: the content blocks, cut where a line is in capitals.
fn regions(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let piece = doc.slice(Span::new(start, end)).trim_end();
        if !piece.is_empty() {
            out.push(Span::new(start, start + piece.len()));
        }
    };
    for block in doc.content_blocks() {
        let text = doc.slice(block.span);
        let mut start = block.span.start;
        let mut line_start = 0;
        for line_end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
            if shouted(&text[line_start..line_end]) {
                push(start, block.span.start + line_start);
                start = block.span.start + (line_end + 1).min(text.len());
            }
            line_start = line_end + 1;
        }
        push(start, block.span.end);
    }
    out
}

/// The web addresses in `text` (which starts at `offset`).
fn links(text: &str, offset: usize) -> Vec<Span> {
    let mut out = Vec::new();
    if !text.contains("http") && !text.contains("www.") {
        return out;
    }
    for scheme in ["http://", "https://", "www."] {
        for (at, _) in text.match_indices(scheme) {
            let len = text[at..]
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | ']'))
                .unwrap_or(text.len() - at);
            out.push(Span::new(offset + at, offset + at + len));
        }
    }
    out
}

/// A line in capitals (a running header, a shouted heading): at least three words,
/// no lower-case letters.
fn shouted(line: &str) -> bool {
    // Most lines have a lower-case ASCII letter among their first bytes.
    if line.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    // Then the cheap tests first: a line of another script without spaces (Chinese
    // prose) has no three words, and Cyrillic prose soon has a lower-case letter.
    line.split_whitespace().nth(2).is_some()
        && !line.chars().any(char::is_lowercase)
        && line.chars().filter(|c| c.is_alphabetic()).nth(11).is_some()
}

/// A pair as written: its parties in order, where, and the capitalized word after it.
type PairUse = (Vec<String>, Span, Option<String>);

/// Party pairs written in both orders.
fn pairs(openers: &Lexicon, doc: &Document, regions: &[Span], all: &[Word<'_>], report: &mut Report<'_>) {
    // Unordered parties → (the order as written, the use, the name it begins).
    let mut seen: HashMap<Vec<String>, Vec<PairUse>> = HashMap::default();
    let mut note = |parts: Vec<String>, span: Span| {
        let mut key = parts.clone();
        key.sort();
        if key.windows(2).any(|w| w[0] == w[1]) {
            return;
        }
        // `EU-U.S. Data Privacy Framework`: the pair begins another thing's name.
        let begins = title_run(openers, doc, all, span.end)
            .first()
            .map(|w| w.text.to_owned());
        seen.entry(key).or_default().push((parts, span, begins));
    };
    for w in all {
        if let Some(parts) = pair_parts(w.text) {
            note(parts.iter().map(|p| fold(p)).collect(), w.span);
        }
    }
    // `United States – European Union`: up to three capitalized words each side.
    for r in regions {
        let text = doc.slice(*r);
        // A dash is `-` or starts with the byte 0xE2 (U+2010–U+2014), after a space.
        let spaced = memchr::memchr2_iter(b'-', 0xe2, text.as_bytes()).filter(|i| text[..*i].ends_with(' '));
        for i in spaced {
            let Some(c) = text[i..].chars().next().filter(|c| is_dash(*c)) else {
                continue;
            };
            if !text[i + c.len_utf8()..].starts_with(' ') {
                continue;
            }
            let (dash_start, dash_end) = (r.start + i, r.start + i + c.len_utf8());
            let split = all.partition_point(|w| w.span.end <= dash_start);
            let left: Vec<&Word<'_>> = side(all[..split].iter().rev(), dash_start, doc);
            let right: Vec<&Word<'_>> = side(all[split..].iter(), dash_end, doc);
            for k in (1..=left.len()).rev() {
                for m in (1..=right.len()).rev() {
                    let l = &left[..k];
                    let r = &right[..m];
                    let name = |ws: &[&Word<'_>]| ws.iter().map(|w| fold(w.text)).collect::<Vec<_>>().join(" ");
                    let span = Span::new(l[k - 1].span.start, r[m - 1].span.end);
                    note(vec![name(&l.iter().rev().copied().collect::<Vec<_>>()), name(r)], span);
                }
            }
        }
    }
    let mut keys: Vec<_> = seen.into_iter().filter(|(_, uses)| uses.len() > 1).collect();
    keys.sort_by_key(|(_, uses)| uses[0].1);
    for (_, uses) in keys {
        let orders: Vec<&Vec<String>> = uses.iter().map(|(o, _, _)| o).collect();
        let order = most_used(&orders);
        for (o, span, begins) in &uses {
            if o == order {
                continue;
            }
            // Two official names that begin with the pair (`U.S.-EU Energy Council`,
            // `EU-U.S. Data Privacy Framework`) are each written as their owners
            // write them; a pair in prose, or one name two ways, is compared.
            let comparable = |other: &Option<String>| match (begins, other) {
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => false,
                (None, _) => true,
            };
            if let Some((_, first, _)) = uses.iter().find(|(w, _, b)| w == order && comparable(b)) {
                report(doc, Kind::Order, *first, doc.slice(*first), *span, false);
            }
        }
    }
}

/// The capitalized words that follow `end` one after another, as in a title
/// (`Data Privacy Framework`), separated by white space only. The run starts with
/// no acronym: `EU-U.S LNG trade` is prose.
fn title_run<'w, 'a>(openers: &Lexicon, doc: &Document, all: &'w [Word<'a>], end: usize) -> &'w [Word<'a>] {
    let from = all.partition_point(|w| w.span.start < end);
    let mut edge = end;
    let mut to = from;
    for w in &all[from..] {
        let gap = doc.slice(Span::new(edge, w.span.start));
        let joined = gap.len() <= 3 && gap.bytes().all(|b| b == b' ' || b == b'\n') && !gap.contains("\n\n");
        if !joined || !w.is_capitalized() || openers.contains(w.text) || (to == from && w.has_inner_capital()) {
            break;
        }
        edge = w.span.end;
        to += 1;
    }
    &all[from..to]
}

/// The capitalized words next to a spaced dash, nearest first, at most three,
/// separated by single spaces.
fn side<'w, 'a: 'w>(words: impl Iterator<Item = &'w Word<'a>>, from: usize, doc: &Document) -> Vec<&'w Word<'a>> {
    let mut out: Vec<&Word<'_>> = Vec::new();
    let mut edge = from;
    for w in words.take(3) {
        let gap = if w.span.end <= edge {
            doc.slice(Span::new(w.span.end, edge))
        } else {
            doc.slice(Span::new(edge, w.span.start))
        };
        if gap.trim() != "" || gap.len() > 2 || !w.is_capitalized() {
            break;
        }
        edge = if w.span.end <= edge { w.span.start } else { w.span.end };
        out.push(w);
    }
    out
}

/// Spellings of one name that differ only in dots, hyphens, spaces or diacritics.
fn spellings(openers: &Lexicon, doc: &Document, regions: &[Span], all: &[Word<'_>], report: &mut Report<'_>) {
    // Only a spelling with a dot, a dash, an apostrophe or a diacritic can have a
    // variant; the first pass finds those (few), the second their uses.
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let name: Vec<bool> = all.iter().map(may_be_name).collect();
    // Each name word that is not plain, folded (once).
    let folded: Vec<Option<String>> = all
        .iter()
        .zip(&name)
        .map(|(w, name)| (*name && !plain(w.text)).then(|| fold(w.text)))
        .collect();
    let marked: HashSet<&str> = folded.iter().flatten().map(String::as_str).collect();
    if marked.is_empty() {
        return;
    }
    // The lengths of the marked spellings: most words are ruled out by theirs.
    let lengths = marked.iter().fold(0u64, |bits, k| bits | 1 << k.len().min(63));
    let marked_as = |key: &str| {
        (lengths >> key.len().min(63) & 1 == 1)
            .then(|| marked.get(key).copied())
            .flatten()
    };
    // Folded spelling → (surface, span) of each use.
    let mut by_key: HashMap<&str, Vec<(String, Span)>> = HashMap::default();
    let mut joined_key = String::new();
    for (i, w) in all.iter().enumerate() {
        if !name[i] {
            continue;
        }
        if let Some(key) = &folded[i] {
            by_key.entry(key).or_default().push((surface(w.text), w.span));
        } else if let Some(key) = marked_as(w.text) {
            by_key.entry(key).or_default().push((w.text.to_owned(), w.span));
        }
        // `Indo Pacific` beside `Indo-Pacific`: two capitalized words one space apart.
        // `COVID 19` beside `COVID-19`; a line break is a space in wrapped text.
        // The next word: a number after an acronym (`COVID 19`), else the next
        // capitalized word when nothing but a space or a line break is between.
        // Both need a space or a line break right after the word.
        if !matches!(doc.text.as_bytes().get(w.span.end), Some(b' ' | b'\n')) {
            continue;
        }
        let folded_len = |j: usize| folded[j].as_ref().map_or(all[j].text.len(), String::len);
        let (next, next_len) = match w.has_inner_capital().then(|| number_after(doc, w)).flatten() {
            Some(number) => (number, number.text.len()),
            None if name.get(i + 1) == Some(&true) => (all[i + 1], folded_len(i + 1)),
            None => continue,
        };
        // The joined spelling's length rules out most pairs before it is made (and
        // before the word is looked up among the sentence openers).
        if lengths >> (folded_len(i) + next_len).min(63) & 1 == 0
            || !wrapped_space(doc.slice(Span::new(w.span.end, next.span.start)))
            || openers.contains(w.text)
        {
            continue;
        }
        joined_key.clear();
        fold_into(w.text, &mut joined_key);
        fold_into(next.text, &mut joined_key);
        if let Some(key) = marked_as(&joined_key) {
            by_key.entry(key).or_default().push((
                format!("{} {}", w.text, next.text),
                Span::new(w.span.start, next.span.end),
            ));
        }
    }
    // `J.B` and `J.B.`: a final dot is as often the sentence's as the name's.
    let differs = |a: &str, b: &str| a.trim_end_matches('.') != b.trim_end_matches('.');
    let mut candidates: Vec<(&str, Vec<(String, Span)>)> = by_key
        .into_iter()
        .filter(|(_, uses)| uses.iter().any(|(s, _)| differs(s, &uses[0].0)))
        .collect();
    if candidates.is_empty() {
        return;
    }
    // Ordinary words: the folded spelling, or a spelling of the name, also stands
    // in lower case as a word (`Cooperation` at a sentence start, `co-operation`
    // elsewhere).
    let ordinary = |key: &str, uses: &[(String, Span)]| {
        std::iter::once(key.to_lowercase())
            .chain(uses.iter().map(|(s, _)| s.to_lowercase()))
            .any(|lower| stands_alone(doc, regions, &lower))
    };
    candidates.retain(|(key, uses)| {
        let single = !uses.iter().any(|(s, _)| s.contains(' '));
        // Capitals inside (`US`, `U.S.`) make a name whatever `us` means elsewhere.
        let acronym = uses.iter().any(|(s, _)| s.chars().skip(1).any(char::is_uppercase));
        (acronym || !ordinary(key, uses))
            && uses.iter().any(|(s, span)| is_name_use(doc, s, *span))
            // A spaced two-word form needs a one-word form beside it, not just itself.
            && (single || uses.iter().any(|(s, _)| !s.contains(' ')))
    });
    candidates.sort_by_key(|(_, uses)| uses[0].1);
    // `Australia New Zealand Therapeutic Products Agency` beside `Australia-New
    // Zealand Leaders' meeting`: a use that begins a longer name (two capitalized
    // words at least) is written as its owner writes it, and compared only with
    // uses that begin the same name; a use in prose is compared with the first.
    let begins = |span: Span| {
        let run = title_run(openers, doc, all, span.end);
        (run.len() >= 2).then(|| run.iter().map(|w| w.text).collect::<Vec<_>>().join(" "))
    };
    for (_, uses) in candidates {
        // A final dot does not make another form (`U.S.` ending a sentence).
        let forms: Vec<&str> = uses.iter().map(|(s, _)| s.trim_end_matches('.')).collect();
        // `U.S-EU` beside `U.S.-EU`: an abbreviation with some of its dots is a slip,
        // never the winner while the name is also written whole, however often.
        let whole: Vec<&str> = forms.iter().copied().filter(|f| !half_dotted(f)).collect();
        let winning = most_used(if whole.is_empty() { &forms } else { &whole });
        let winner = &uses[forms.iter().position(|f| *f == winning).unwrap_or(0)].0;
        let named: Vec<Option<String>> = uses.iter().map(|(_, span)| begins(*span)).collect();
        for (i, (s, span)) in uses.iter().enumerate() {
            // A slip is one even in an official name (`U.S-EU Clean Energy Incentives
            // Dialogue`).
            let comparable = |j: usize| named[i].is_none() || named[j] == named[i] || half_dotted(s);
            let first = (0..uses.len()).find(|j| !differs(&uses[*j].0, winner) && comparable(*j));
            if let Some(first) = first.map(|j| uses[j].1)
                && differs(s, winner)
            {
                let (first, at) = with_shared_context(doc, first, *span);
                let winner = doc.slice(first).to_owned();
                report(doc, Kind::Spelling, first, &winner, at, false);
            }
        }
    }
}

/// One space, or a line break with the next line's indentation (`Latin` / `    America`
/// in a Markdown list item).
fn wrapped_space(gap: &str) -> bool {
    gap == " "
        || gap
            .strip_prefix('\n')
            .is_some_and(|indent| indent.len() <= 8 && indent.bytes().all(|b| b == b' '))
}

/// A name with an abbreviation missing its last dot before the name goes on:
/// `U.S-EU`, `D.C-based`. The final part is not judged: a sentence's full stop may
/// have taken its dot (`…in the U.S.`).
fn half_dotted(form: &str) -> bool {
    let mut parts = form.split(|c: char| c == ' ' || c == '/' || is_dash(c)).peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            break;
        }
        let b = part.as_bytes();
        let dotted_letters = b.len() >= 3
            && b.len() % 2 == 1
            && b.iter()
                .enumerate()
                .all(|(i, c)| if i % 2 == 0 { c.is_ascii_uppercase() } else { *c == b'.' });
        if dotted_letters {
            return true;
        }
    }
    false
}

/// The winning form of a name: the one used most often, ties going to the one used
/// first. `forms` are the uses' forms in the order of the text.
fn most_used<T: PartialEq + Copy>(forms: &[T]) -> T {
    let mut winner = forms[0];
    let mut most = 0;
    for (i, f) in forms.iter().enumerate() {
        // Each form counted once, at its first use (a name has few forms).
        if forms[..i].contains(f) {
            continue;
        }
        let n = forms[i..].iter().filter(|g| *g == f).count();
        if n > most {
            (winner, most) = (*f, n);
        }
    }
    winner
}

/// A word that may be a name: a capital, two letters at least (OCR leaves `I` and
/// `Î`), not a word in capitals longer than an acronym (`PRIMEIRO-MINISTRO` in a
/// heading), not a Roman numeral or a range of them (`IV`, `I-V`).
fn may_be_name(w: &Word<'_>) -> bool {
    // Called for every capitalized word: ASCII words by their bytes.
    if w.text.is_ascii() {
        let b = w.text.as_bytes();
        // One pass over the bytes.
        let (mut letters, mut upper, mut lower, mut roman) = (0, false, false, true);
        for c in b {
            letters += usize::from(c.is_ascii_alphabetic());
            upper |= c.is_ascii_uppercase();
            lower |= c.is_ascii_lowercase();
            roman &= matches!(c, b'I' | b'V' | b'X' | b'-');
        }
        let split_initial = b.len() > 2 && b[0].is_ascii_uppercase() && b[1] == b'-' && b[2].is_ascii_lowercase();
        let shouted = letters > 5 && !lower;
        return upper && letters >= 2 && !shouted && !roman && !split_initial;
    }
    // One pass over the characters.
    let (mut letters, mut upper, mut lower, mut accented, mut roman) = (0, false, false, 0, true);
    for c in w.text.chars() {
        letters += usize::from(c.is_alphabetic());
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
        accented += usize::from(('\u{c0}'..='\u{ff}').contains(&c));
        roman &= matches!(c, 'I' | 'V' | 'X') || is_dash(c);
    }
    let shouted = letters > 5 && !lower;
    // `C-ommonwealth`: a hyphen after an initial capital is a line-break artifact.
    let mut chars = w.text.chars();
    let split_initial = chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_some_and(is_dash)
        && chars.next().is_some_and(char::is_lowercase);
    // `ÖÐ`, `ÓÐ`: a CJK font read as Latin-1 gives words of accented letters only;
    // a real name (`Tromsø`, `Rodríguez`) has more plain letters than accented ones.
    let mojibake = accented * 2 > letters;
    upper && letters >= 2 && !shouted && !roman && !split_initial && !mojibake
}

/// `19` in `COVID 19`: a number one space or line break after `w`.
fn number_after<'d>(doc: &'d Document, w: &Word<'_>) -> Option<Word<'d>> {
    let rest = doc.text.get(w.span.end..)?;
    let digits = rest.strip_prefix([' ', '\n'])?;
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    let after = digits[len..].chars().next();
    (len > 0 && after.is_none_or(|c| !c.is_alphanumeric() && c != '-')).then(|| {
        let start = w.span.end + 1;
        Word {
            span: Span::new(start, start + len),
            text: &doc.text[start..start + len],
        }
    })
}

/// The word with its apostrophes made straight and its hyphens plain (typography
/// is not spelling: `Secretary‑General` with a no-break hyphen looks the same).
fn surface(word: &str) -> String {
    if word.contains(|c: char| c == '’' || HYPHENS[1..].contains(&c)) {
        word.replace('’', "'").replace(&HYPHENS[1..], "-")
    } else {
        word.to_owned()
    }
}

/// Evidence that a word is a name, not a capitalized ordinary word: capitals inside
/// (`EU`, `U.S.`), a diacritic, or a capital where no sentence starts.
fn is_name_use(doc: &Document, surface: &str, span: Span) -> bool {
    let mut chars = surface.chars();
    chars.next();
    if chars.any(char::is_uppercase) || !surface.is_ascii() {
        return true;
    }
    let before = doc.text[..span.start].trim_end_matches([' ', '\t', '"', '“', '(', '*', '#']);
    !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']))
}

/// `Washington, DC` / `Washington, D.C.`: when the word before is the same at both
/// places, the spans take it in so the message shows the whole name.
fn with_shared_context(doc: &Document, first: Span, at: Span) -> (Span, Span) {
    let before = |s: Span| {
        let head = &doc.text[..s.start];
        let word_start = head
            .trim_end_matches([' ', ','])
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let prefix = &head[word_start..];
        let capitalized = prefix.starts_with(|c: char| c.is_uppercase());
        (capitalized && prefix.len() > prefix.trim_end_matches([' ', ',']).len() && prefix.len() < 30)
            .then_some((word_start, prefix))
    };
    match (before(first), before(at)) {
        (Some((a, p)), Some((b, q))) if p == q => (Span::new(a, first.end), Span::new(b, at.end)),
        _ => (first, at),
    }
}

fn finding(
    openers: &Lexicon,
    doc: &Document,
    kind: Kind,
    first: Span,
    winner: &str,
    at: Span,
    preferred: bool,
) -> Finding {
    let written = doc.slice(at);
    let message = match (kind, preferred) {
        (Kind::Group, true) => format!("`{written}` is not the preferred form `{winner}`"),
        (Kind::Order, _) => format!("`{written}` names the parties in the opposite order to `{winner}`"),
        _ => format!("`{written}` is written `{winner}` elsewhere in this statement"),
    };
    let mut f = Finding::new(at, message).help(format!("write `{winner}` throughout"));
    if first != at {
        f = f.label(first, format!("written `{}` here", doc.slice(first)));
    }
    let (edit, sure) = period_kept(openers, doc, at, winner);
    f.fix(Fix {
        message: format!("write `{winner}`"),
        edits: vec![edit],
        applicability: if sure {
            applicability(doc, preferred)
        } else {
            Applicability::DisplayOnly
        },
    })
}

/// Only a spelling the configuration prefers is a safe fix, and only in a text file
/// (the statement itself): a form chosen by counting may be the wrong one, and an
/// HTML page is often generated by a CMS. A PDF is never edited.
fn applicability(doc: &Document, preferred: bool) -> Applicability {
    match doc.format.as_str() {
        "text" if preferred => Applicability::Safe,
        "text" | "html" => Applicability::Unsafe,
        _ => Applicability::DisplayOnly,
    }
}

/// The edit that writes `winner` at `at` without touching the sentence around it,
/// and whether it may be applied. The period of an abbreviation that ends a
/// sentence is also the sentence's full stop: `in Washington, D.C.` becomes `in
/// Washington, DC.`, and `in Washington, DC.` becomes `in Washington, D.C.` (one
/// period, not two). Where the text does not tell whether the sentence ends there
/// (`Washington, D.C. Officials`), the fix is shown but never applied.
fn period_kept(openers: &Lexicon, doc: &Document, at: Span, winner: &str) -> (Edit, bool) {
    let written = doc.slice(at);
    let after = &doc.text[at.end..];
    let edit = |span: Span, replacement: String| Edit { span, replacement };
    if written.ends_with('.') && !winner.ends_with('.') {
        return match sentence_end(openers, doc, at.end) {
            Some(true) => (edit(at, format!("{winner}.")), true),
            Some(false) => (edit(at, winner.to_owned()), true),
            None => (edit(at, winner.to_owned()), false),
        };
    }
    if winner.ends_with('.') && !written.ends_with('.') && after.starts_with('.') {
        return (edit(Span::new(at.start, at.end + 1), winner.to_owned()), true);
    }
    (edit(at, winner.to_owned()), true)
}

/// Whether a period just before `at` ends a sentence: yes at the end of its block
/// (closing quotes and brackets aside) or before a word that opens sentences; no
/// before a lower-case word, a digit or punctuation; `None` before any other
/// capitalized word (`D.C. Officials` or `EU-U.S. Summit`).
fn sentence_end(openers: &Lexicon, doc: &Document, at: usize) -> Option<bool> {
    let block_end = doc
        .blocks
        .iter()
        .find(|b| b.span.start < at && at <= b.span.end)
        .map_or(doc.text.len(), |b| b.span.end);
    let rest = &doc.text[at..block_end.max(at)];
    let closed = rest.trim_start_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    let next = closed.trim_start();
    if next.is_empty() {
        return Some(true);
    }
    if closed.len() == next.len() || !next.starts_with(char::is_uppercase) {
        return Some(false);
    }
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    openers.contains(&word).then_some(true)
}

#[cfg(test)]
mod tests {

    use super::*;

    fn doc(text: &str) -> Document {
        crate::test_support::paragraph(text)
    }

    fn flagged(text: &str) -> Vec<String> {
        let rule = InconsistentName::new(Options::default());
        let d = doc(text);
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        sink.into_findings()
            .iter()
            .map(|f| d.slice(f.span).to_owned())
            .collect()
    }

    #[test]
    fn finds_spellings_that_differ_in_dots_hyphens_spaces_and_diacritics() {
        assert_eq!(flagged("The U.S.-EU talks. Later the US-EU group met."), ["US-EU"]);
        assert_eq!(
            flagged("Washington, DC on Monday; and in Washington, D.C. on Friday."),
            ["Washington, D.C."]
        );
        assert_eq!(flagged("They met in Tromsø and left Tromso."), ["Tromso"]);
        assert_eq!(
            flagged("a free Indo-Pacific and an open Indo Pacific"),
            ["Indo Pacific"]
        );
        assert_eq!(
            flagged("a free Indo-Pacific and an open Indo\nPacific"),
            ["Indo\nPacific"]
        );
        assert_eq!(
            flagged("the COVID-19 pandemic; let us end COVID 19 and help US and U.S. firms"),
            ["COVID 19", "U.S."]
        );
        assert_eq!(flagged("EU-U.S. cooperation and U.S.-EU LNG trade"), ["U.S.-EU"]);
        // A no-break hyphen looks like a hyphen; an en dash does not.
        assert!(flagged("the Secretary-General and the Secretary\u{2011}General").is_empty());
        assert_eq!(
            flagged("the U.S.-China talks and U.S.\u{2013}China trade"),
            ["U.S.\u{2013}China"]
        );
        // A Markdown list item wraps with its indentation.
        assert_eq!(
            flagged("in Africa and Latin-America.\n\n1.  Help Africa, Latin\n    America, and Asia"),
            ["Latin\n    America"]
        );
    }

    #[test]
    fn an_abbreviation_missing_a_dot_never_wins() {
        // The 2024 TTC statement: `U.S-EU` six times, `U.S.-EU` twice.
        let text = "the U.S-EU TTC; the U.S-EU Clean Energy Incentives Dialogue; a Joint U.S.-EU Catalogue; \
                    the U.S-EU joint recommendations";
        assert_eq!(flagged(text), ["U.S-EU", "U.S-EU", "U.S-EU"]);
        assert!(half_dotted("U.S-EU") && half_dotted("D.C-based"));
        assert!(!half_dotted("U.S.-EU") && !half_dotted("the U.S") && !half_dotted("EU-US"));
    }

    #[test]
    fn the_form_used_most_wins_and_ties_go_to_the_first() {
        // One stray `US` before three `U.S.` (as in a TTC statement): the stray one
        // is the finding, not the three that agree.
        assert_eq!(
            flagged("the US side; the U.S. side, the U.S. team and the U.S. view."),
            ["US"]
        );
        assert_eq!(
            flagged("the EU-U.S. talks, the U.S.-EU dialogue and the U.S.-EU council"),
            ["EU-U.S."]
        );
        assert_eq!(flagged("in Tromso, then Tromsø and Tromsø again"), ["Tromso"]);
        assert_eq!(flagged("in Tromso, then Tromsø"), ["Tromsø"]);
        // A name spelled out is not a variant of its abbreviation.
        assert!(
            flagged("The ninth United States – European Union Energy Council met. The U.S.-EU Energy Council agreed.")
                .is_empty()
        );
    }

    #[test]
    fn official_names_that_begin_with_a_spelling_are_compared_only_with_themselves() {
        // The Australia–New Zealand leaders' statements (Trove, 2012 and 2013).
        let text = "the annual Australia-New Zealand Leaders' meeting; the Australia New Zealand Therapeutic \
                    Products Agency and the Australia New  Zealand Carbon Pricing Officials Group";
        assert!(flagged(text).is_empty());
        // Every use votes: the spaced form is written three times, the hyphenated
        // one twice, so the hyphen in prose is the finding (the one in the Leaders'
        // meeting's name is its owners' spelling).
        assert_eq!(
            flagged(&format!(
                "{text}, the Australia-New Zealand partnership and the Australia New Zealand bid"
            )),
            ["Australia-New"]
        );
        assert_eq!(
            flagged(
                "the Asia-Pacific region, Asia Pacific Economic Cooperation, the Asia-Pacific economy and the Asia Pacific region"
            ),
            ["Asia Pacific"]
        );
    }

    #[test]
    fn finds_party_pairs_in_both_orders() {
        assert_eq!(flagged("the EU-Norway talks and the Norway-EU council"), ["Norway-EU"]);
        assert_eq!(flagged("the U.S.-EU dialogue and the EU-U.S. dialogue"), ["EU-U.S."]);
        assert_eq!(
            flagged("the U.S.-EU Cyber Dialogue and the EU-U.S. Cyber Dialogue"),
            ["EU-U.S."]
        );
        assert!(flagged("the U.S.-EU Energy Council welcomed the EU-U.S. Data Privacy Framework").is_empty());
        assert_eq!(
            flagged("the United States – European Union Council and the European Union – United States Council"),
            ["European Union – United States"]
        );
    }

    #[test]
    fn leaves_case_ordinary_words_and_sentence_starts_alone() {
        assert!(flagged("Let us meet the US team.").is_empty());
        assert!(flagged("multi-stakeholder and multistakeholder governance").is_empty());
        assert!(flagged("Co-operation matters. We value cooperation.").is_empty());
        assert!(flagged("Cyber-Security. Cybersecurity. cybersecurity").is_empty());
        assert!(flagged("The Leaders' Summit and the Leaders’ Summit").is_empty());
        assert!(flagged("The Council met. TheCouncil decided. I and Î. Annex I-V and Annex IV.").is_empty());
        assert!(flagged("PRIMEIRO-MINISTRO\n\nO PRIMEIRO MINISTRO falou.").is_empty());
        assert!(flagged("signed by J.B. Smith; J.B said. The C-ommonwealth and the Commonwealth").is_empty());
        assert!(flagged("the U.S.-Japan alliance and the Japan-U.S. Cyber Dialogue").is_empty());
        assert!(flagged("the U.S. report (https://example.eu/EU-US-TTC/US/report)").is_empty());
        assert!(flagged("ÖÐ»ª ÓÐ ÔÚ ÓÚ ÖÐ").is_empty());
        assert_eq!(flagged("Luleå and Lulea"), ["Lulea"]);
        assert!(flagged("São Paulo «Quelle» and «Quelle» Sao Paulo").len() == 1);
    }

    #[test]
    fn groups_are_matched_as_the_automaton_matches_them() {
        // The shipped groups, tried at capitals only, against the automaton's own
        // search: on tricky text, the samples and the corpus when it is there.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let config: toml::Table =
            toml::from_str(&std::fs::read_to_string(root.join("config/default.toml")).unwrap()).unwrap();
        let mut section = config["rules"]["inconsistent-name"].as_table().unwrap().clone();
        section.remove("severity");
        let options: Options = section.try_into().unwrap();
        let rule = InconsistentName::new(options);
        assert!(rule.first_bytes.is_some());
        let ac = rule.groups.as_ref().unwrap();
        let mut texts = vec![
            "xUS-EU-U.S. and Norway-U.S.-EU, EU-US-EU, the U.S.-EU and EU–U.S. talks in Washington, DC.".to_owned(),
        ];
        for dir in [root.join("samples"), root.join("../shared/corpus")] {
            let mut stack = vec![dir];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if let Ok(text) = std::fs::read_to_string(&path) {
                        texts.push(text);
                    }
                }
            }
        }
        for text in &texts {
            assert_eq!(rule.group_matches(ac, text), ac.leftmost_longest(text));
        }
        let lower: Options = toml::from_str(r#"groups = [{ variants = ["e-mail", "email"] }]"#).unwrap();
        assert!(InconsistentName::new(lower).first_bytes.is_none());
    }

    #[test]
    fn configured_groups_prefer_the_preferred_form() {
        let options: Options =
            toml::from_str(r#"groups = [{ variants = ["United States", "U.S."], preferred = "U.S." }]"#).unwrap();
        let rule = InconsistentName::new(options);
        let d = doc("The United States and the U.S. team.");
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        let found = sink.into_findings();
        assert_eq!(found.len(), 1);
        assert_eq!(d.slice(found[0].span), "United States");
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].replacement, "U.S.");
    }

    /// The fixes of `text`'s findings applied, and their applicabilities.
    fn fixed(text: &str) -> (String, Vec<Applicability>) {
        let rule = InconsistentName::new(Options::default());
        let d = doc(text);
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        let mut edits: Vec<(Edit, Applicability)> = sink
            .into_findings()
            .into_iter()
            .filter_map(|f| f.fix)
            .flat_map(|f| f.edits.into_iter().map(move |e| (e, f.applicability)))
            .collect();
        edits.sort_by_key(|(e, _)| std::cmp::Reverse(e.span.start));
        let mut out = text.to_owned();
        for (e, _) in &edits {
            out.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        (out, edits.into_iter().map(|(_, a)| a).collect())
    }

    #[test]
    fn a_fix_keeps_the_full_stop_of_a_sentence_that_ends_with_the_name() {
        // The 2014 State Department media note: its last sentence ends in `D.C.`.
        assert_eq!(
            fixed("Washington, DC\nThey will meet again in Washington, D.C.\n").0,
            "Washington, DC\nThey will meet again in Washington, DC.\n"
        );
        assert_eq!(
            fixed("Washington, DC and Washington, D.C. The talks ended.").0,
            "Washington, DC and Washington, DC. The talks ended."
        );
        // A pair turned round: the period is the abbreviation's, and moves with it.
        assert_eq!(
            fixed("the U.S.-EU talks, the U.S.-EU council; \"EU-U.S.\" (3) and the EU-U.S. summit.").0,
            "the U.S.-EU talks, the U.S.-EU council; \"U.S.-EU\" (3) and the U.S.-EU summit."
        );
        assert_eq!(
            fixed("in Washington, D.C. on Monday and later in Washington, DC.").0,
            "in Washington, D.C. on Monday and later in Washington, D.C."
        );
        // Mid-sentence the abbreviation's period is only the abbreviation's.
        assert_eq!(
            fixed("Washington, DC first, then Washington, D.C. on Friday").0,
            "Washington, DC first, then Washington, DC on Friday"
        );
        assert_eq!(
            fixed("the U.S. team and the US team.").0,
            "the U.S. team and the U.S. team."
        );
        assert_eq!(fixed("the US team and the U.S.").0, "the US team and the US.");
    }

    #[test]
    fn a_fix_that_may_end_a_sentence_or_not_is_never_applied() {
        // `D.C. Officials`: a new sentence, or a name going on? The text cannot tell.
        let (text, applicability) = fixed("Washington, DC and Washington, D.C. Officials met.");
        assert_eq!(text, "Washington, DC and Washington, DC Officials met.");
        assert_eq!(applicability, [Applicability::DisplayOnly]);
    }

    #[test]
    fn only_a_configured_preference_is_a_safe_fix() {
        assert_eq!(fixed("the U.S. team and the US team").1, [Applicability::Unsafe]);
        let options: Options =
            toml::from_str(r#"groups = [{ variants = ["US", "U.S."], preferred = "U.S." }]"#).unwrap();
        let rule = InconsistentName::new(options);
        let d = doc("the US team");
        let mut sink = Sink::new();
        rule.check(&d, &mut sink);
        let fix = sink.into_findings().remove(0).fix.unwrap();
        assert_eq!(fix.applicability, Applicability::Safe);
    }
}

//! The words stmtlint knows, as data: every word list the sources and rules use is
//! a file in `config/lexicons/` (embedded in the binary), one list in one place,
//! each entry with a note saying why it is there.
//!
//! - [`Lexicon`] is one list: [`Lexicon::builtin`] loads a shipped one,
//!   [`Lexicon::extended`] adds the words a user gives in `stmtlint.toml`
//!   (`extend-…` keys of a rule's options), [`Lexicon::contains`] and
//!   [`Lexicon::number`] look a word up in any case, [`Lexicon::phrase_at`] finds a
//!   phrase at the start of a run of words.
//! - [`Finder`] is the one matcher: it finds every word and phrase of some lexicons
//!   in a text in one pass, with [`Finder::find_plain`] as its plain reference.
//! - [`scan`] has the 64-bytes-at-a-time letter scanner the matchers share.
//! - [`automata`] searches very many literal patterns at once (glossaries, `swap`
//!   keys): aho-corasick automata of bounded size, so building stays linear.

pub mod automata;
mod finder;
pub mod scan;

// Keys are the lists' own words (not the text's), so a fast hash cannot be
// made to collide by a document.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

pub use finder::{Finder, Hit};

/// The shipped lexicons: name, and the file's text.
const BUILTIN: &[(&str, &str)] = &[
    (
        "abbreviations",
        include_str!("../../../config/lexicons/abbreviations.toml"),
    ),
    (
        "acronym-fillers",
        include_str!("../../../config/lexicons/acronym-fillers.toml"),
    ),
    ("again-words", include_str!("../../../config/lexicons/again-words.toml")),
    ("called-off", include_str!("../../../config/lexicons/called-off.toml")),
    (
        "capitals-prose",
        include_str!("../../../config/lexicons/capitals-prose.toml"),
    ),
    (
        "coming-words",
        include_str!("../../../config/lexicons/coming-words.toml"),
    ),
    (
        "credit-words",
        include_str!("../../../config/lexicons/credit-words.toml"),
    ),
    ("date-labels", include_str!("../../../config/lexicons/date-labels.toml")),
    (
        "date-particles",
        include_str!("../../../config/lexicons/date-particles.toml"),
    ),
    (
        "definition-leads",
        include_str!("../../../config/lexicons/definition-leads.toml"),
    ),
    ("determiners", include_str!("../../../config/lexicons/determiners.toml")),
    (
        "document-kinds",
        include_str!("../../../config/lexicons/document-kinds.toml"),
    ),
    (
        "document-nouns",
        include_str!("../../../config/lexicons/document-nouns.toml"),
    ),
    ("exonyms", include_str!("../../../config/lexicons/exonyms.toml")),
    (
        "furniture-ends-body",
        include_str!("../../../config/lexicons/furniture-ends-body.toml"),
    ),
    (
        "furniture-lines",
        include_str!("../../../config/lexicons/furniture-lines.toml"),
    ),
    (
        "furniture-openings",
        include_str!("../../../config/lexicons/furniture-openings.toml"),
    ),
    (
        "future-phrases",
        include_str!("../../../config/lexicons/future-phrases.toml"),
    ),
    (
        "gathering-nouns",
        include_str!("../../../config/lexicons/gathering-nouns.toml"),
    ),
    (
        "header-fields",
        include_str!("../../../config/lexicons/header-fields.toml"),
    ),
    (
        "html-body-selectors",
        include_str!("../../../config/lexicons/html-body-selectors.toml"),
    ),
    (
        "html-furniture-words",
        include_str!("../../../config/lexicons/html-furniture-words.toml"),
    ),
    (
        "hyphen-prefixes",
        include_str!("../../../config/lexicons/hyphen-prefixes.toml"),
    ),
    (
        "institutions",
        include_str!("../../../config/lexicons/institutions.toml"),
    ),
    (
        "intransitive-meeting-verbs",
        include_str!("../../../config/lexicons/intransitive-meeting-verbs.toml"),
    ),
    (
        "known-acronyms",
        include_str!("../../../config/lexicons/known-acronyms.toml"),
    ),
    (
        "meeting-nouns",
        include_str!("../../../config/lexicons/meeting-nouns.toml"),
    ),
    (
        "meeting-verbs",
        include_str!("../../../config/lexicons/meeting-verbs.toml"),
    ),
    ("months", include_str!("../../../config/lexicons/months.toml")),
    (
        "name-connectors",
        include_str!("../../../config/lexicons/name-connectors.toml"),
    ),
    (
        "name-variants",
        include_str!("../../../config/lexicons/name-variants.toml"),
    ),
    (
        "noun-markers",
        include_str!("../../../config/lexicons/noun-markers.toml"),
    ),
    (
        "number-words",
        include_str!("../../../config/lexicons/number-words.toml"),
    ),
    (
        "operation-words",
        include_str!("../../../config/lexicons/operation-words.toml"),
    ),
    ("ordinals", include_str!("../../../config/lexicons/ordinals.toml")),
    (
        "own-meeting-words",
        include_str!("../../../config/lexicons/own-meeting-words.toml"),
    ),
    (
        "paragraph-styles",
        include_str!("../../../config/lexicons/paragraph-styles.toml"),
    ),
    (
        "person-titles",
        include_str!("../../../config/lexicons/person-titles.toml"),
    ),
    ("place-nouns", include_str!("../../../config/lexicons/place-nouns.toml")),
    (
        "place-particles",
        include_str!("../../../config/lexicons/place-particles.toml"),
    ),
    (
        "preamble-phrases",
        include_str!("../../../config/lexicons/preamble-phrases.toml"),
    ),
    (
        "range-joiners",
        include_str!("../../../config/lexicons/range-joiners.toml"),
    ),
    ("recurrence", include_str!("../../../config/lexicons/recurrence.toml")),
    (
        "sentence-openers",
        include_str!("../../../config/lexicons/sentence-openers.toml"),
    ),
    (
        "series-heads",
        include_str!("../../../config/lexicons/series-heads.toml"),
    ),
    (
        "title-filler",
        include_str!("../../../config/lexicons/title-filler.toml"),
    ),
    (
        "title-minor-words",
        include_str!("../../../config/lexicons/title-minor-words.toml"),
    ),
    (
        "to-come-words",
        include_str!("../../../config/lexicons/to-come-words.toml"),
    ),
    ("took-place", include_str!("../../../config/lexicons/took-place.toml")),
    ("weekdays", include_str!("../../../config/lexicons/weekdays.toml")),
];

/// [`Lexicon::builtin`], found once per place it is asked for: for code that asks
/// inside a loop (per line, per word), where even a hash of the name adds up.
///
/// ```
/// let months = stmtlint_lexicon::builtin!("months");
/// assert_eq!(months.number("Juin"), Some(6));
/// ```
#[macro_export]
macro_rules! builtin {
    ($name:literal) => {{
        static LEXICON: ::std::sync::OnceLock<&'static $crate::Lexicon> = ::std::sync::OnceLock::new();
        *LEXICON.get_or_init(|| $crate::Lexicon::builtin($name))
    }};
}

/// The names of the shipped lexicons, in order.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(name, _)| *name)
}

/// One word list.
#[derive(Clone, Debug)]
pub struct Lexicon {
    name: String,
    description: String,
    case_sensitive: bool,
    /// The entries, sorted by their text.
    entries: Vec<Entry>,
    /// Each entry's key (its text, in lower case unless the list is case-sensitive)
    /// and its index among `entries`.
    index: HashMap<String, usize>,
    /// Bit `n` of `shapes[c]`: an ASCII entry of `n` bytes (`n` < 64) starts with the
    /// letter or digit `c` (in lower case); ASCII entries of other shapes (`###`)
    /// make `other` true. An ASCII word of no entry's shape is ruled out before any
    /// lookup.
    shapes: [u64; 36],
    other: bool,
    /// The keys that [`packed`] packs in an integer (most: short ASCII words), by
    /// that integer: looked up without hashing or comparing a string.
    packed: HashMap<u128, usize>,
    /// The most words an entry has.
    longest: usize,
    /// The keys of the first words of the phrases (`look`, `look forward` for
    /// `look forward to`): where [`Lexicon::phrase_at`] may read on.
    openings: HashSet<String>,
}

/// A word or phrase of a lexicon.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// As the file writes it: `meeting`, `look forward`, `janvier`.
    pub text: String,
    /// What it stands for, in lists that map words to values (months, ordinals).
    pub value: Option<Value>,
    /// Why it is in the list.
    pub note: String,
}

/// What an entry stands for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// `"janvier" = { value = 1 }`.
    Number(i64),
    /// `"bruxelles" = { value = "Brussels" }`.
    Text(String),
}

/// A lexicon file that cannot be read, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// The lexicon's name.
    pub lexicon: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "lexicon `{}`: {}", self.lexicon, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// A lexicon file, as TOML.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    description: String,
    #[serde(default)]
    case_sensitive: bool,
    entries: toml::Table,
}

/// An entry's value in the file: a note, or a value with a note.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum FileEntry {
    Note(String),
    Valued {
        value: Value,
        #[serde(default)]
        note: String,
    },
}

impl Lexicon {
    /// The shipped lexicon `name`.
    ///
    /// # Panics
    /// When no lexicon has that name, or its file does not parse: both are mistakes in
    /// this repository, which the tests of every shipped lexicon catch.
    pub fn builtin(name: &str) -> &'static Lexicon {
        static LOADED: [OnceLock<Lexicon>; BUILTIN.len()] = [const { OnceLock::new() }; BUILTIN.len()];
        let Some(i) = BUILTIN.iter().position(|(n, _)| *n == name) else {
            panic!("no lexicon named `{name}` in config/lexicons");
        };
        LOADED[i].get_or_init(|| Lexicon::parse(name, BUILTIN[i].1).unwrap_or_else(|e| panic!("{e}")))
    }

    /// The lexicon a file's `text` holds.
    pub fn parse(name: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let error = |message: String| LexiconError {
            lexicon: name.to_owned(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| error(e.message().to_owned()))?;
        let mut lexicon = Lexicon {
            name: name.to_owned(),
            description: file.description,
            case_sensitive: file.case_sensitive,
            entries: Vec::new(),
            index: HashMap::default(),
            shapes: [0; 36],
            other: false,
            packed: HashMap::default(),
            longest: 0,
            openings: HashSet::default(),
        };
        let mut valued = None;
        for (text, entry) in file.entries {
            let entry: FileEntry = entry.try_into().map_err(|_| {
                error(format!(
                    "entry \"{text}\": expected a note or {{ value = …, note = … }}"
                ))
            })?;
            let (value, note) = match entry {
                FileEntry::Note(note) => (None, note),
                FileEntry::Valued { value, note } => (Some(value), note),
            };
            if *valued.get_or_insert(value.is_some()) != value.is_some() {
                return Err(error(format!(
                    "entry \"{text}\": either every entry has a value or none does"
                )));
            }
            lexicon.add(Entry { text, value, note }).map_err(error)?;
        }
        lexicon.entries.sort_by(|a, b| a.text.cmp(&b.text));
        lexicon.reindex();
        Ok(lexicon)
    }

    /// This lexicon with the words of a user's `extend-…` key added (in lower case,
    /// unless the list is case-sensitive).
    pub fn extended(&self, words: &Words) -> Lexicon {
        let mut lexicon = self.clone();
        for word in &words.0 {
            let text = lexicon.key(word).into_owned();
            if lexicon.entries.iter().any(|e| e.text == text) {
                continue;
            }
            lexicon.entries.push(Entry {
                text,
                value: None,
                note: "added by the configuration".into(),
            });
        }
        lexicon.entries.sort_by(|a, b| a.text.cmp(&b.text));
        lexicon.reindex();
        lexicon
    }

    /// Adds `entry` after checking its text; `reindex` must follow.
    fn add(&mut self, entry: Entry) -> Result<(), String> {
        let text = &entry.text;
        check_word(text)?;
        if !self.case_sensitive && *text != text.to_lowercase() {
            return Err(format!(
                "\"{text}\": write entries in lower case (they match in any case), as \"{}\"",
                text.to_lowercase()
            ));
        }
        if self.entries.iter().any(|e| e.text == *text) {
            return Err(format!("\"{text}\" is listed twice"));
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Rebuilds the index and the shapes from the entries.
    fn reindex(&mut self) {
        self.longest = self
            .entries
            .iter()
            .map(|e| e.text.split(' ').count())
            .max()
            .unwrap_or(0);
        self.index = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (self.key(&e.text).into_owned(), i))
            .collect();
        self.openings = self
            .index
            .keys()
            .flat_map(|key| key.match_indices(' ').map(|(at, _)| key[..at].to_owned()))
            .collect();
        self.packed = if self.case_sensitive {
            HashMap::default()
        } else {
            self.index
                .iter()
                .filter_map(|(key, &i)| Some((packed(key.as_bytes())?, i)))
                .collect()
        };
        self.shapes = [0; 36];
        self.other = false;
        for e in self.entries.iter().filter(|e| e.text.is_ascii()) {
            match shape(&e.text) {
                Some((c, n)) => self.shapes[c] |= 1 << n,
                None => self.other = true,
            }
        }
    }

    /// How `word` is looked up: in lower case unless the list is case-sensitive.
    fn key<'w>(&self, word: &'w str) -> std::borrow::Cow<'w, str> {
        if self.case_sensitive || !word.chars().any(char::is_uppercase) {
            std::borrow::Cow::Borrowed(word)
        } else {
            std::borrow::Cow::Owned(word.to_lowercase())
        }
    }

    /// The entry `word` is (a word or a phrase with single spaces), in any case unless
    /// the list is case-sensitive.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&Entry> {
        // Called on every word of a text: most words fail on their shape. (Lower case
        // keeps an ASCII word's length; other words are looked up.)
        if word.is_ascii() {
            let possible = match shape(word) {
                Some((c, n)) => self.shapes[c] >> n & 1 == 1,
                None => self.other,
            };
            if !possible {
                return None;
            }
        }
        self.lookup(word)
    }

    /// The entry `word` is, looked up without the shape test of [`Lexicon::get`].
    #[inline(never)]
    fn lookup(&self, word: &str) -> Option<&Entry> {
        // A short ASCII word: by its bytes packed in an integer.
        if !self.case_sensitive
            && let Some(key) = packed(word.as_bytes())
        {
            return self.packed.get(&key).map(|&i| &self.entries[i]);
        }
        self.index.get(self.key(word).as_ref()).map(|&i| &self.entries[i])
    }

    /// Whether `word` is one of the entries ([`Lexicon::get`]).
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The number `word` stands for, in a list of numbers (`janvier` → 1).
    pub fn number(&self, word: &str) -> Option<i64> {
        match self.get(word)?.value {
            Some(Value::Number(n)) => Some(n),
            _ => None,
        }
    }

    /// The text `word` stands for, in a list of texts (`bruxelles` → `Brussels`).
    pub fn text(&self, word: &str) -> Option<&str> {
        match &self.get(word)?.value {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// How many of `words` (in order, from the first) make the longest entry, in any
    /// case unless the list is case-sensitive: `["look", "forward", "to"]` → 2 when
    /// "look forward" is an entry.
    ///
    /// Called at every word of a text: a word that is no entry and opens no phrase
    /// is answered without building a phrase (`phrase_at_plain` in the tests is
    /// the plain version it is compared with).
    pub fn phrase_at(&self, words: &[&str]) -> Option<usize> {
        let first = *words.first()?;
        let mut longest = self.contains(first).then_some(1);
        if !self.opens_phrase(first) {
            return longest;
        }
        let mut phrase = first.to_owned();
        for (n, w) in words.iter().enumerate().take(self.longest_phrase()).skip(1) {
            phrase.push(' ');
            phrase.push_str(w);
            if self.contains(&phrase) {
                longest = Some(n + 1);
            }
            if !self.opens_phrase(&phrase) {
                break;
            }
        }
        longest
    }

    /// Whether some longer entry begins with the words `words` (single spaces).
    fn opens_phrase(&self, words: &str) -> bool {
        !self.openings.is_empty() && self.openings.contains(self.key(words).as_ref())
    }

    /// The most words an entry has.
    pub fn longest_phrase(&self) -> usize {
        self.longest
    }

    /// The entries, sorted by their text.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries' texts, sorted.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.text.as_str())
    }

    /// The lexicon's name (its file's name without `.toml`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the list is, in one line.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Whether words match only in the case the list writes them.
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }
}

/// Words a user adds to a lexicon (an `extend-…` key): each a word, or a phrase of
/// words separated by single spaces; anything else is refused when the
/// configuration is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words(pub Vec<String>);

impl serde::Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl schemars::JsonSchema for Words {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Words".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": {"type": "string", "pattern": "^\\S+( \\S+)*$"},
            "default": []
        })
    }
}

impl<'de> serde::Deserialize<'de> for Words {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let words = Vec::<String>::deserialize(deserializer)?;
        for w in &words {
            check_word(w).map_err(serde::de::Error::custom)?;
        }
        Ok(Words(words))
    }
}

/// Whether `text` is a word or a phrase of words separated by single spaces.
fn check_word(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("an entry is empty".into());
    }
    if text.trim() != text || text.contains("  ") || text.contains(['\t', '\n', '\r']) {
        return Err(format!(
            "\"{text}\": write a phrase's words separated by single spaces, with none before or after"
        ));
    }
    Ok(())
}

/// `word` in lower case, its bytes packed little-endian in an integer (zero past
/// the last): for a word of at most sixteen ASCII bytes, each a letter or a byte
/// that setting bit 5 leaves as it is (digits, space, `-`, `.`, `'`, …). Setting
/// bit 5 of each byte then lowers the letters and changes nothing else, so two such
/// words are equal in any case exactly when their integers are (DEL too is left as
/// it is); `None` for other words (with `@`, `[`, `\`, `]`, `^`, `_`, bytes below
/// space or beyond ASCII), looked up as strings.
fn packed(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    for (to, &b) in buf.iter_mut().zip(word) {
        if !(b.is_ascii_alphabetic() || ((0x20..0x80).contains(&b) && b & 0x20 != 0)) {
            return None;
        }
        *to = b | 0x20;
    }
    Some(u128::from_le_bytes(buf))
}

/// The first byte of `word`, as an index of `Lexicon::shapes` (ASCII letters in any
/// case, then digits), and its length; `None` for other words and words of 64
/// bytes or more.
#[inline]
fn shape(word: &str) -> Option<(usize, usize)> {
    let first = *word.as_bytes().first()?;
    let c = match first {
        b'a'..=b'z' | b'A'..=b'Z' => usize::from((first | 0x20) - b'a'),
        b'0'..=b'9' => 26 + usize::from(first - b'0'),
        _ => return None,
    };
    (word.len() < 64).then_some((c, word.len()))
}

#[cfg(test)]
mod tests;

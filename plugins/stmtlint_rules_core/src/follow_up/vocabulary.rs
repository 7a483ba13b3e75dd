//! The words the follow-up grammar reads: each list is a lexicon of
//! `config/lexicons/`, extended by the rule's `extend-…` options.

use stmtlint_lexicon::{Finder, Hit, Lexicon, Words};

use super::Options;

/// The word lists of one configuration of the rule.
pub struct Vocabulary {
    /// `convene`, `meet`, `host`: verbs of meeting.
    pub meeting_verbs: Lexicon,
    /// `meeting`, `dialogue`, `summit`: nouns of meeting.
    pub meeting_nouns: Lexicon,
    /// `meet`, `reconvene`: verbs of meeting that need no object.
    pub intransitive: &'static Lexicon,
    /// `the`, `its`, `all`: a determiner after `meet` makes it `meet the targets`.
    pub determiners: &'static Lexicon,
    /// `as`, `the`, `its`: after one, a verb of meeting is a noun (`as host of`).
    pub noun_markers: &'static Lexicon,
    /// `will`, `look forward`, `to be held`: words and phrases of the future.
    pub future: Lexicon,
    /// `again`, `next`: a meeting of the series once more.
    pub again: &'static Lexicon,
    /// `will`, `next`, `upcoming` before an ordinal: the numbered meeting is to come.
    pub coming: &'static Lexicon,
    /// `next`, `our` before a meeting noun: the parties' own next meeting.
    pub own_meeting: &'static Lexicon,
    /// `meeting`, `session`, `round`: one gathering, no series by itself.
    pub gathering: &'static Lexicon,
    /// `Dialogue`, `Council`, `Task Force`: nouns that end a series' name.
    pub heads: Lexicon,
    /// `The`, `During`: capitalized because they start a sentence.
    pub openers: &'static Lexicon,
    /// `Security Council`: standing bodies named like meetings.
    pub institutions: Lexicon,
    /// `of`, `and`: words inside a name without a capital.
    pub connectors: &'static Lexicon,
    /// `Joint Statement`, `Readout`: what kind of document, not which series.
    pub filler: Lexicon,
    /// `first` … `twelfth`, `inaugural`.
    pub ordinals: &'static Lexicon,
    /// `met`, `took place`: a meeting that happened.
    pub took_place: &'static Lexicon,
    /// `annually`, `twice a year`: a recurring meeting, with its months.
    pub recurrence: &'static Lexicon,
    /// `postponed`, `called off`: a meeting that did not take place.
    pub called_off: &'static Lexicon,
    /// The cue words of a promise (future, verbs and nouns of meeting, ordinals), in
    /// one finder; `None` when the lists hold words it cannot search for fast (then
    /// every block is read in full).
    cues: Option<Finder>,
}

/// Bits of [`Hit::lexicons`] for the cue finder's lexicons, in the order it is built.
pub const FUTURE: u32 = 1;
pub const MEETING_VERB: u32 = 2;
pub const MEETING_NOUN: u32 = 4;
pub const ORDINAL: u32 = 8;
pub const CALLED_OFF: u32 = 16;

impl Vocabulary {
    /// The shipped lists, extended by `options`.
    pub fn new(options: &Options) -> Self {
        let extended = |name: &str, words: &Words| Lexicon::builtin(name).extended(words);
        let mut v = Self {
            meeting_verbs: extended("meeting-verbs", &options.extend_meeting_verbs),
            meeting_nouns: extended("meeting-nouns", &options.extend_meeting_nouns),
            future: extended("future-phrases", &options.extend_future_phrases),
            again: Lexicon::builtin("again-words"),
            coming: Lexicon::builtin("coming-words"),
            own_meeting: Lexicon::builtin("own-meeting-words"),
            gathering: Lexicon::builtin("gathering-nouns"),
            heads: extended("series-heads", &options.extend_series_heads),
            openers: Lexicon::builtin("sentence-openers"),
            institutions: extended("institutions", &options.extend_institutions),
            connectors: Lexicon::builtin("name-connectors"),
            filler: extended("title-filler", &options.extend_title_filler),
            ordinals: Lexicon::builtin("ordinals"),
            took_place: Lexicon::builtin("took-place"),
            recurrence: Lexicon::builtin("recurrence"),
            called_off: Lexicon::builtin("called-off"),
            intransitive: Lexicon::builtin("intransitive-meeting-verbs"),
            determiners: Lexicon::builtin("determiners"),
            noun_markers: Lexicon::builtin("noun-markers"),
            cues: None,
        };
        v.cues = Finder::new(&[&v.future, &v.meeting_verbs, &v.meeting_nouns, v.ordinals, v.called_off]).ok();
        v
    }

    /// The shipped lists, as the default options give them.
    pub fn shipped() -> &'static Vocabulary {
        static SHIPPED: std::sync::LazyLock<Vocabulary> =
            std::sync::LazyLock::new(|| Vocabulary::new(&Options::default()));
        &SHIPPED
    }

    /// The cue words of `text` into `hits` ([`FUTURE`], … bits); `false` when they
    /// cannot be searched for, and the whole text must be read.
    pub fn cues(&self, text: &str, hits: &mut Vec<Hit>) -> bool {
        match &self.cues {
            Some(finder) => {
                finder.find(text, hits);
                true
            }
            None => false,
        }
    }

    /// `first` … `twelfth`, `inaugural`, `1st` … `999th` as a number (the GCC's
    /// Ministerial Council held its `157th` session in 2023).
    #[inline]
    pub fn ordinal(&self, word: &str) -> Option<u32> {
        if let Some(n) = self.ordinals.number(word) {
            return u32::try_from(n).ok();
        }
        if !word.starts_with(|c: char| c.is_ascii_digit()) || word.len() > 5 {
            return None;
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix))
            .then(|| digits.parse().ok())
            .flatten()
            .filter(|n| (1..1000).contains(n))
    }

    /// The ordinal word of `n` (`third`), else `n` with its suffix (`32nd`, `13th`).
    pub fn ordinal_word(&self, n: u32) -> String {
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        // Entries are sorted: `first` comes before `inaugural`.
        self.ordinals
            .entries()
            .iter()
            .find(|e| e.value == Some(stmtlint_lexicon::Value::Number(i64::from(n))))
            .map_or_else(|| format!("{n}{suffix}"), |e| e.text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::Vocabulary;

    #[test]
    fn ordinals_without_a_word_take_their_english_suffix() {
        let v = Vocabulary::shipped();
        let said: Vec<String> = [3, 21, 22, 32, 111, 112, 113, 43, 211]
            .map(|n| v.ordinal_word(n))
            .into();
        assert_eq!(said[0], "third");
        assert_eq!(
            &said[1..],
            ["21st", "22nd", "32nd", "111th", "112th", "113th", "43rd", "211th"]
        );
    }
}

//! Which series (dialogue, council, summit) a statement belongs to, by the name of
//! its meeting with party order, dots and ordinals ignored: "third meeting of the
//! EU-U.S. Cyber Dialogue" and "inaugural U.S.-EU Cyber Dialogue" are one series.

use serde::{Deserialize, Serialize};
use stmtlint_plugin::Span;

use super::vocabulary::Vocabulary;
use crate::names::{Word, fold, pair_parts, words};

/// A meeting series as a statement names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Series {
    /// The name as written, without document-type words (`U.S.-EU Cyber Dialogue`).
    pub name: String,
    /// The parties of its pair (`EU`, `US`), folded and sorted.
    pub parties: Vec<String>,
    /// Its other words, lower case, folded, sorted, without ordinals and filler
    /// (`cyber`, `dialogue`).
    pub words: Vec<String>,
    /// The noun that ends the name (`dialogue`, `council`, `force`).
    pub head: String,
    /// Named by the configuration: the same series only as another of that name.
    #[serde(default)]
    pub configured: bool,
}

fn is_head(v: &Vocabulary, w: &Word<'_>) -> bool {
    w.is_capitalized() && v.heads.contains(w.text)
}

fn is_month(w: &Word<'_>) -> bool {
    stmtlint_plugin::month_number(w.text).is_some()
}

fn is_name_word(w: &Word<'_>) -> bool {
    w.is_capitalized() || w.text.starts_with(|c: char| c.is_ascii_digit())
}

/// The first series name in `text` (which starts at `offset` in the document).
pub fn find(v: &Vocabulary, text: &str, offset: usize) -> Option<(Span, Series)> {
    find_in(v, text, offset, &words(text, offset))
}

/// [`find`], with the words of `text` already at hand.
pub fn find_in(v: &Vocabulary, text: &str, offset: usize, words: &[Word<'_>]) -> Option<(Span, Series)> {
    (0..words.len()).find_map(|i| {
        if is_head(v, &words[i]) {
            return name_at(v, text, offset, words, i);
        }
        // `the annual Australia-New Zealand Leaders’ meeting`: a head in lower case
        // after a name names a series only when the name holds a party pair.
        let lower_head = i > 0
            && words[i - 1].is_capitalized()
            && text[words[i - 1].span.end - offset..words[i].span.start - offset] == *" "
            && v.heads.contains(words[i].text)
            && words[i].text.chars().all(char::is_lowercase);
        // `the upcoming TTC ministerial meeting`: after an acronym, the acronym and
        // the head name the series.
        let acronym = i > 0 && {
            let t = words[i - 1].text;
            t.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.chars().any(char::is_lowercase)
        };
        // `the next Quad Foreign Ministers’ meeting`: a name that says whose meeting
        // it is, in more than one word (not `a Leaders’ meeting`).
        let members = i > 1 && {
            let whose = words[i - 1].text;
            (whose.ends_with("s’") || whose.ends_with("s'")) && words[i - 2].is_capitalized()
        };
        lower_head
            .then(|| name_at(v, text, offset, words, i))
            .flatten()
            .filter(|(_, s)| !s.parties.is_empty() || acronym || members)
    })
}

/// The name that ends at the head noun `words[head]`, unless it is the bare noun
/// (`The Council`), which names no particular series.
fn name_at(v: &Vocabulary, text: &str, offset: usize, words: &[Word<'_>], head: usize) -> Option<(Span, Series)> {
    let connector = |w: &Word<'_>| v.connectors.contains(w.text) && !w.is_capitalized();
    // Back from the head over capitalized words and connectors, on one line.
    let mut start = head;
    while start > 0 {
        let prev = &words[start - 1];
        let gap = &text[prev.span.end - offset..words[start].span.start - offset];
        let joined = gap.chars().all(|c| c == ' ' || c == '\u{a0}');
        // `… the United States Following the Second Trilateral Fentanyl Committee`: a
        // title-case preposition ends the name as a lower-case word would.
        let opener = !connector(prev) && v.openers.contains(prev.text);
        if !joined || opener || !(is_name_word(prev) || connector(prev)) {
            break;
        }
        start -= 1;
    }
    // `Ministerial Economic Dialogue`, `Gulf Cooperation Council Strategic
    // Dialogue`: a head that opens a longer name ending in a head that is not a
    // word of gathering (`Ministerial Meeting` is not one) is part of that name.
    let opens_a_name = words[head + 1..]
        .iter()
        .zip(&words[head..])
        .take(3)
        .take_while(|(w, before)| {
            w.is_capitalized() && !is_month(w) && text[before.span.end - offset..w.span.start - offset] == *" "
        })
        .any(|(w, _)| is_head(v, w) && !v.gathering.contains(w.text));
    // Forward over `on European Energy Security`, `of the Americas`.
    let mut end = head;
    let mut head_at = head;
    while let Some(next) = words.get(end + 1) {
        let gap = &text[words[end].span.end - offset..next.span.start - offset];
        if !gap.chars().all(|c| c == ' ') {
            break;
        }
        let continues = words
            .get(end + 2)
            .is_some_and(|w| w.is_capitalized() && !is_month(w) || w.text == "the");
        if !(next.is_capitalized() && !is_month(next) && (end > head || opens_a_name) || connector(next) && continues) {
            break;
        }
        // `Meeting of the North American Drug Dialogue`: the Dialogue is the head; in
        // `Task Force on Energy Security Meeting` the Task Force is.
        if is_head(v, next) {
            if opens_a_name || v.gathering.contains(words[head].text) {
                end += 1;
                head_at = end;
            }
            break;
        }
        end += 1;
    }
    while end > head && connector(&words[end]) {
        end -= 1;
    }
    // `Joint Statement of the Fourth …`: what kind of document, and which one.
    while start < head && {
        let w = &words[start];
        connector(w)
            || v.filler.contains(w.text)
            || v.openers.contains(w.text)
            || v.ordinal(w.text).is_some()
            || w.text.starts_with(|c: char| c.is_ascii_digit())
    } {
        start += 1;
    }
    let phrase = &words[start..=end];
    // A line in capitals is a heading or a shouted paragraph, not a name.
    let shouted = phrase.len() >= 2
        && phrase.iter().all(|w| !w.text.chars().any(char::is_lowercase))
        && phrase
            .iter()
            .any(|w| w.text.chars().filter(|c| c.is_alphabetic()).count() > 5);
    if shouted || phrase.len() > 10 {
        return None;
    }
    let series = Series::from_words(v, phrase, &words[head_at].text.to_lowercase());
    let lower = series.name.to_lowercase();
    if v.institutions
        .words()
        .any(|i| lower.ends_with(i) || lower.starts_with(i))
    {
        return None;
    }
    (series.words.len() >= 2 || !series.parties.is_empty()).then(|| {
        (
            Span::new(phrase[0].span.start, phrase[phrase.len() - 1].span.end),
            series,
        )
    })
}

impl Series {
    fn from_words(v: &Vocabulary, phrase: &[Word<'_>], head: &str) -> Self {
        let mut parties = Vec::new();
        let mut key = Vec::new();
        let mut shown = Vec::new();
        for (i, w) in phrase.iter().enumerate() {
            let lower = w.text.to_lowercase();
            if v.ordinal(w.text).is_some() {
                continue;
            }
            if let Some(parts) = pair_parts(w.text) {
                parties.extend(parts.iter().map(|p| fold(p)));
                shown.push(w.text);
                continue;
            }
            // A party named alone before the rest: `Quad`, `EU` (all capitals).
            if v.filler.contains(&lower) {
                if !shown.is_empty() && !key.is_empty() {
                    shown.push(w.text);
                }
                continue;
            }
            // `Meeting of the … Dialogue`, `Round of … Dialogue` are the Dialogue; in
            // `Ministerial Council` the word is part of the name.
            let of_the_rest = phrase.get(i + 1).is_some_and(|n| !n.is_capitalized());
            if v.gathering.contains(&lower) && lower != head && of_the_rest {
                continue;
            }
            // `Leaders'`, `Leaders’` and `Leaders` are one word of a name.
            key.push(fold(&lower).replace('\'', ""));
            shown.push(w.text);
        }
        parties.sort();
        parties.dedup();
        key.sort();
        key.dedup();
        Self {
            name: shown.join(" "),
            parties,
            words: key,
            head: head.to_owned(),
            configured: false,
        }
    }

    /// A series the configuration names.
    pub fn configured(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            parties: Vec::new(),
            words: Vec::new(),
            head: String::new(),
            configured: true,
        }
    }

    /// Whether two statements' series are one: the same parties (or one names none)
    /// and the same words, or one's words all among the other's with the same head
    /// noun (`U.S.-EU Task Force` = `U.S.-EU Energy Security Task Force`).
    pub fn same(&self, other: &Series) -> bool {
        // The set shares one copy of equal series (`Shared`): compared with itself,
        // the tests below come down to whether the series names enough.
        if std::ptr::eq(self, other) {
            return self.configured || self.words.len() >= if self.parties.is_empty() { 2 } else { 1 };
        }
        if self.configured || other.configured {
            return self.configured && other.configured && self.name.eq_ignore_ascii_case(&other.name);
        }
        let parties = self.parties == other.parties || self.parties.is_empty() || other.parties.is_empty();
        if !parties || self.head != other.head {
            return false;
        }
        let (short, long) = if self.words.len() <= other.words.len() {
            (&self.words, &other.words)
        } else {
            (&other.words, &self.words)
        };
        // A bare `Summit` or `Dialogue` says nothing about which one, unless the
        // parties say it (`U.S.-EU Summit`, `EU-U.S. Summit`).
        let named_by_parties = !self.parties.is_empty() && self.parties == other.parties;
        let enough = if named_by_parties { 1 } else { 2 };
        short.len() >= enough && short.iter().all(|w| long.contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(text: &str) -> Series {
        find(Vocabulary::shipped(), text, 0)
            .unwrap_or_else(|| panic!("no series in {text}"))
            .1
    }

    #[test]
    fn a_series_compared_with_itself_as_with_its_copy() {
        let mut compared = 0;
        for text in [
            "met in Queenstown for the annual Australia-New Zealand Leaders’ meeting, reaffirming",
            "look forward to the next Quad Foreign Ministers’ meeting hosted by the United States",
            "the next Quad Leaders’ Summit hosted by India",
            "at the fourth meeting of the EU-U.S. Cyber Dialogue in Washington",
            "the next Summit in Rome",
        ] {
            let Some((_, s)) = find(Vocabulary::shipped(), text, 0) else {
                continue;
            };
            assert_eq!(s.same(&s), s.same(&s.clone()), "{text}");
            compared += 1;
        }
        assert!(compared >= 3, "{compared} series found");
        // A bare head says nothing about which meeting: not even the same as itself.
        let bare = Series {
            name: "Summit".to_owned(),
            parties: Vec::new(),
            words: vec!["summit".to_owned()],
            head: "summit".to_owned(),
            configured: false,
        };
        assert!(!bare.same(&bare) && !bare.same(&bare.clone()));
        let configured = Series::configured("U.S.-EU Energy Council");
        assert_eq!(configured.same(&configured), configured.same(&configured.clone()));
    }

    #[test]
    fn a_lower_case_head_names_a_series_only_after_a_party_pair() {
        let a = series("met in Queenstown for the annual Australia-New Zealand Leaders’ meeting, reaffirming");
        assert_eq!(a.name, "Australia-New Zealand Leaders’ meeting");
        assert!(a.same(&series(
            "met for the annual Australia-New Zealand Leaders’ meeting in Melbourne"
        )));
        let quad = series("look forward to the next Quad Foreign Ministers’ meeting hosted by the United States");
        assert_eq!(quad.name, "Quad Foreign Ministers’ meeting");
        assert!(!quad.same(&series("the next Quad Leaders’ Summit hosted by India")));
        assert_eq!(
            find(
                Vocabulary::shipped(),
                "the Prime Ministers held a Leaders’ meeting in Canberra",
                0
            ),
            None
        );
    }

    #[test]
    fn names_with_the_parties_in_either_order_are_one_series() {
        let a = series("On the occasion of the inaugural meeting of the U.S.-EU Cyber Dialogue in Brussels");
        let b = series("The third formal EU-U.S. Cyber Dialogue took place on 16 December 2016");
        assert_eq!(a.name, "U.S.-EU Cyber Dialogue");
        assert_eq!(b.name, "EU-U.S. Cyber Dialogue");
        assert_eq!(a.parties, ["EU", "US"]);
        assert!(a.same(&b));
    }

    #[test]
    fn document_words_and_ordinals_are_not_the_name() {
        let a = series("U.S.-EU Joint Statement of the Trade and Technology Council");
        let b = series("Readout of U.S.-EU Trade and Technology Council Fifth Ministerial Meeting");
        let c = series("U.S.-EU Trade and Technology Council Inaugural Joint Statement");
        assert_eq!(b.name, "U.S.-EU Trade and Technology Council");
        assert_eq!(a.words, ["council", "technology", "trade"]);
        assert!(a.same(&b) && b.same(&c));
        // The title's own words before a long name are not counted against its length.
        // Only over single spaces: `Ministers, Working Group chairs` is two names.
        assert_eq!(
            series("met with the Arctic Council Ministers, Working Group chairs").name,
            "Arctic Council"
        );
        let f = series("Joint Communiqué of the UK-Gulf Cooperation Council Strategic Dialogue");
        assert_eq!(f.name, "UK-Gulf Cooperation Council Strategic Dialogue");
        let e = series("Joint Statement on the Australia-Japan Ministerial Economic Dialogue");
        assert_eq!(e.name, "Australia-Japan Ministerial Economic Dialogue");
        assert_eq!(e.head, "dialogue");
        let d = series("Joint Communiqué of the Fourth Ministerial Meeting of the Commonwealth Oceans Partnership");
        assert_eq!(d.name, "Ministerial Meeting of the Commonwealth Oceans Partnership");
        assert!(d.same(&series(
            "Joint Statement of the Fifth Ministerial Meeting of the Commonwealth Oceans Partnership"
        )));
        assert_eq!(Vocabulary::shipped().ordinal("Fifth"), Some(5));
        assert_eq!(Vocabulary::shipped().ordinal("4th"), Some(4));
        assert_eq!(Vocabulary::shipped().ordinal("157th"), Some(157));
        assert_eq!(Vocabulary::shipped().ordinal("2014th"), None);
        assert_eq!(Vocabulary::shipped().ordinal("inaugural"), Some(1));
    }

    #[test]
    fn sentence_openers_years_months_and_institutions_are_not_names() {
        assert_eq!(
            series("During the North American Drug Dialogue on March 3").name,
            "North American Drug Dialogue"
        );
        assert_eq!(
            series("At the 2021 U.S.-EU Summit, leaders agreed").name,
            "U.S.-EU Summit"
        );
        assert!(find(Vocabulary::shipped(), "members of the UN Security Council met", 0).is_none());
        let nadd = series("the Ninth Meeting of the North American Drug Dialogue");
        assert_eq!(nadd.head, "dialogue");
        assert!(nadd.same(&series("North American Drug Dialogue (NADD)")));
        let task_force = series("Readout of U.S.-EU Task Force on European Energy Security Meeting");
        assert_eq!(task_force.head, "force");
        assert!(
            find(
                Vocabulary::shipped(),
                "THEY ACCEPTED THE INVITATION TO HOLD THEIR NEXT MEETING",
                0
            )
            .is_none()
        );
    }

    #[test]
    fn a_longer_name_with_the_same_head_is_the_same_series() {
        let a = series("Joint Statement on U.S.-EU Task Force on Energy Security");
        let b = series("Joint Statement on U.S.-EU Energy Security Task Force Meeting");
        assert_eq!(a.name, "U.S.-EU Task Force on Energy Security");
        assert!(a.same(&b));
        let c = series("Joint Statement on the U.S.-EU Energy Council");
        assert!(!a.same(&c));
        let d = series("Joint Statement of the Quad Senior Cyber Group");
        assert!(!d.same(&c));
    }
}

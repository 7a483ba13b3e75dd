use super::*;

fn lexicon(text: &str) -> Result<Lexicon, LexiconError> {
    Lexicon::parse("test", text)
}

#[test]
fn every_shipped_lexicon_reads_and_documents_each_entry() {
    for name in builtin_names() {
        let lexicon = Lexicon::builtin(name);
        assert!(!lexicon.entries().is_empty(), "{name} is empty");
        assert!(!lexicon.description().is_empty(), "{name} has no description");
        for entry in lexicon.entries() {
            assert!(
                !entry.note.trim().is_empty(),
                "{name}: \"{}\" says nothing of why it is there",
                entry.text
            );
            assert!(lexicon.contains(&entry.text), "{name}: \"{}\" is not found", entry.text);
        }
    }
    // Each file is listed: none of config/lexicons is left out of the binary.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/lexicons");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".toml")
                .to_owned()
        })
        .collect();
    files.sort();
    assert_eq!(files, builtin_names().collect::<Vec<_>>());
}

#[test]
fn words_match_in_any_case_unless_the_list_says_otherwise() {
    let any = lexicon("description = \"d\"\n[entries]\n\"meeting\" = \"m\"\n\"look forward\" = \"f\"\n").unwrap();
    assert!(any.contains("meeting") && any.contains("Meeting") && any.contains("MEETING"));
    assert!(!any.contains("meetings") && !any.contains("meetin") && !any.contains(""));
    assert!(any.contains("Look forward"));
    let exact = lexicon("description = \"d\"\ncase-sensitive = true\n[entries]\n\"Mr\" = \"m\"\n").unwrap();
    assert!(exact.contains("Mr") && !exact.contains("mr") && !exact.contains("MR"));
}

#[test]
fn values_are_numbers_or_texts() {
    let months = Lexicon::builtin("months");
    assert_eq!(months.number("janvier"), Some(1));
    assert_eq!(months.number("Décembre"), Some(12));
    assert_eq!(months.number("ДЕКАБРЯ"), Some(12));
    assert_eq!(months.number("minister"), None);
    assert_eq!(Lexicon::builtin("exonyms").text("Bruxelles"), Some("Brussels"));
    assert_eq!(Lexicon::builtin("ordinals").number("Inaugural"), Some(1));
}

#[test]
fn a_phrase_is_found_at_the_start_of_words() {
    let future = Lexicon::builtin("future-phrases");
    assert_eq!(future.phrase_at(&["look", "forward", "to"]), Some(2));
    assert_eq!(future.phrase_at(&["Will", "meet"]), Some(1));
    assert_eq!(future.phrase_at(&["look", "back"]), None);
    assert_eq!(future.phrase_at(&[]), None);
}

#[test]
fn bad_files_and_extensions_say_what_is_wrong() {
    let error = |text: &str| lexicon(text).unwrap_err().message;
    assert!(error("[entries]\n").contains("description"));
    assert!(error("description = \"d\"\nwords = []\n[entries]\n").contains("words"));
    assert!(error("description = \"d\"\n[entries]\n\"Meeting\" = \"m\"\n").contains("lower case"));
    assert!(error("description = \"d\"\n[entries]\n\"a  b\" = \"m\"\n").contains("single spaces"));
    assert!(error("description = \"d\"\n[entries]\n\"a\" = 1\n").contains("expected a note"));
    assert!(
        error("description = \"d\"\n[entries]\n\"a\" = { value = 1, note = \"n\" }\n\"b\" = \"n\"\n")
            .contains("every entry has a value or none")
    );
    let nouns = Lexicon::builtin("meeting-nouns");
    let more = nouns.extended(&Words(vec!["Plenary".into(), "meeting".into()]));
    assert!(more.contains("plenary") && more.contains("meeting") && !nouns.contains("plenary"));
    assert_eq!(more.entries().len(), nouns.entries().len() + 1);
    let words = |toml: &str| toml::from_str::<std::collections::HashMap<String, Words>>(toml);
    assert!(
        words("w = [\" plenary\"]")
            .unwrap_err()
            .message()
            .contains("single spaces")
    );
    assert!(words("w = [\"\"]").unwrap_err().message().contains("empty"));
    assert_eq!(
        words("w = [\"joint plenary\"]").unwrap()["w"],
        Words(vec!["joint plenary".into()])
    );
}

fn finder(words: &[&str]) -> (Lexicon, Finder) {
    let mut text = String::from("description = \"d\"\n[entries]\n");
    for w in words {
        text.push_str(&format!("\"{w}\" = \"n\"\n"));
    }
    let lexicon = lexicon(&text).unwrap();
    let finder = Finder::new(&[&lexicon]).unwrap();
    (lexicon, finder)
}

fn found(finder: &Finder, text: &str) -> Vec<String> {
    let mut hits = Vec::new();
    finder.find(text, &mut hits);
    assert_eq!(hits, finder.find_plain(text), "find and find_plain differ on {text:?}");
    hits.iter().map(|h| text[h.start..h.end].to_owned()).collect()
}

#[test]
fn the_finder_finds_whole_words_and_phrases_in_any_case() {
    let (_, f) = finder(&["will", "look forward", "to be held", "meeting"]);
    assert_eq!(
        found(&f, "They WILL meet; we look\nforward to the Meeting to be held in May."),
        ["WILL", "look\nforward", "Meeting", "to be held"]
    );
    // Not inside other words, nor beside letters or digits of any script.
    assert!(found(&f, "willing meetings G7will meetingø øwill look-forward lookforward").is_empty());
    assert!(found(&f, "").is_empty());
    assert_eq!(found(&f, "will"), ["will"]);
}

#[test]
fn the_finder_agrees_with_the_plain_search_on_the_samples() {
    let lexicons: Vec<&Lexicon> = ["future-phrases", "meeting-verbs", "meeting-nouns", "ordinals"]
        .iter()
        .map(|n| Lexicon::builtin(n))
        .collect();
    let finder = Finder::new(&lexicons).unwrap();
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")];
    let mut compared = 0;
    let mut hits = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            finder.find(&text, &mut hits);
            assert_eq!(hits, finder.find_plain(&text), "{}", path.display());
            compared += hits.len();
        }
    }
    assert!(compared > 100, "only {compared} words found in the samples");
}

#[test]
fn the_finder_refuses_what_it_cannot_search_fast() {
    let (_, ok) = finder(&["meeting"]);
    drop(ok);
    let months = Lexicon::builtin("months");
    let refused = Finder::new(&[months]).err().unwrap();
    assert_eq!(refused.lexicon, "months");
    let exact = lexicon("description = \"d\"\ncase-sensitive = true\n[entries]\n\"mr\" = \"m\"\n").unwrap();
    assert!(Finder::new(&[&exact]).is_err());
}

/// The plain reading of [`Lexicon::phrase_at`]: every run of words from the first,
/// up to the longest entry, looked up whole.
fn phrase_at_plain(lexicon: &Lexicon, words: &[&str]) -> Option<usize> {
    let mut longest = None;
    for n in 1..=words.len().min(lexicon.longest_phrase()) {
        if lexicon.contains(&words[..n].join(" ")) {
            longest = Some(n);
        }
    }
    longest
}

#[test]
fn phrase_at_answers_as_the_plain_reading_at_every_word() {
    // The shipped lists (phrases of the future, of meetings called off, numbers
    // in words), at every word of the sample statements and of phrases built from
    // their own entries in other cases.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut texts: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(root.join("statements")).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut checked = 0;
    for name in builtin_names() {
        let lexicon = Lexicon::builtin(name);
        let mut sentences = texts.clone();
        for e in lexicon.entries() {
            sentences.push(format!("{} we {} {}", e.text, e.text.to_uppercase(), e.text));
            sentences.push(e.text.split(' ').take(2).collect::<Vec<_>>().join(" "));
        }
        for text in &sentences {
            let words: Vec<&str> = text.split_whitespace().collect();
            for i in 0..=words.len() {
                assert_eq!(
                    lexicon.phrase_at(&words[i..]),
                    phrase_at_plain(lexicon, &words[i..]),
                    "{name} at {:?}",
                    &words[i..words.len().min(i + 4)]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked} positions");
}

/// The plain reading of [`Lexicon::get`]: every entry compared, in lower case
/// unless the list is case-sensitive.
fn get_plain<'l>(lexicon: &'l Lexicon, word: &str) -> Option<&'l Entry> {
    let fold = |s: &str| {
        if lexicon.case_sensitive() {
            s.to_owned()
        } else {
            s.to_lowercase()
        }
    };
    lexicon.entries().iter().find(|e| fold(&e.text) == fold(word))
}

#[test]
fn get_answers_as_the_plain_reading() {
    // Every shipped list, at every entry in three cases and at every word and pair
    // of words of the sample statements: the screen rules out no entry.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    let mut words: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(root.join("statements")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let split: Vec<&str> = text.split_whitespace().collect();
        words.extend(
            split
                .iter()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()),
        );
        words.extend(split.windows(2).map(|w| w.join(" ")));
    }
    let mut found = 0;
    for name in builtin_names() {
        let lexicon = Lexicon::builtin(name);
        let mut asked = words.clone();
        for e in lexicon.entries() {
            asked.extend([e.text.clone(), e.text.to_uppercase(), e.text.to_lowercase()]);
            // Bytes that setting bit 5 would turn into others (`@` into a backtick).
            asked.extend(["@", "[", "_", "\u{1}"].map(|b| format!("{}{b}", e.text)));
        }
        for w in &asked {
            let got = lexicon.get(w).map(|e| e.text.as_str());
            assert_eq!(got, get_plain(lexicon, w).map(|e| e.text.as_str()), "{name}: {w:?}");
            found += usize::from(got.is_some());
        }
    }
    assert!(found > 5_000, "{found}");
}

#[test]
fn packed_words_are_equal_exactly_when_the_words_are_in_any_ascii_case() {
    // Every pair of bytes, as one-byte words and inside longer ones: two packed
    // words are the same integer exactly when the words are equal ignoring ASCII
    // case (the bytes that setting bit 5 would change otherwise are not packed).
    for x in 0..=255u8 {
        for y in 0..=255u8 {
            for (a, b) in [(vec![x], vec![y]), (vec![b'a', x, b'z'], vec![b'A', y, b'Z'])] {
                if let (Some(p), Some(q)) = (crate::packed(&a), crate::packed(&b)) {
                    assert_eq!(p == q, a.eq_ignore_ascii_case(&b), "{a:?} {b:?}");
                }
            }
        }
    }
    assert!(crate::packed(b"@").is_none() && crate::packed(b"a_b").is_none() && crate::packed(&[b'a'; 17]).is_none());
    assert_eq!(crate::packed(b"G7"), crate::packed(b"g7"));
}

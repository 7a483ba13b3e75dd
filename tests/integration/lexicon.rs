//! The one matcher (`stmtlint_lexicon::Finder`) finds what its plain reference finds,
//! on every statement of the samples and of the shared corpus, with the lexicons
//! the follow-up rule searches every text for.

use stmtlint_lexicon::{Finder, Lexicon};

use crate::util::{root, shared_corpus, walk};

#[test]
fn the_finder_agrees_with_its_plain_reference_on_real_statements() {
    let names = [
        "future-phrases",
        "meeting-verbs",
        "meeting-nouns",
        "ordinals",
        "took-place",
    ];
    let lexicons: Vec<&Lexicon> = names.iter().map(|n| Lexicon::builtin(n)).collect();
    let finder = Finder::new(&lexicons).unwrap();
    let mut dirs = vec![root().join("samples")];
    dirs.extend(shared_corpus("real"));
    dirs.extend(shared_corpus("seeds"));
    let (mut files, mut found) = (0, 0);
    let mut hits = Vec::new();
    for dir in dirs {
        for path in walk(&dir) {
            // Text as the sources read it is UTF-8; the raw pages are text enough.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            finder.find(&text, &mut hits);
            assert_eq!(hits, finder.find_plain(&text), "{}", path.display());
            files += 1;
            found += hits.len();
        }
    }
    assert!(files > 20 && found > 1000, "{files} files, {found} words");
}

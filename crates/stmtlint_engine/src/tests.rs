use std::path::PathBuf;

use stmtlint_plugin::{CorpusRule, CorpusSink, DocFacts, Finding, Span};

use super::*;

struct Panics;
impl Rule for Panics {
    fn check(&self, doc: &Document, _: &mut Sink) {
        assert!(!doc.text.contains("boom"), "boom in the text");
    }
}

struct BadSpan;
impl Rule for BadSpan {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        sink.report(Finding::new(Span::new(0, doc.text.len() + 5), "too far"));
    }
}

struct FirstWord;
impl Rule for FirstWord {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let end = doc.text.find(' ').unwrap_or(doc.text.len());
        sink.report(Finding::new(Span::new(0, end), "first word"));
    }
}

fn engine(rules: Vec<(&str, Box<dyn Rule>)>) -> Engine {
    Engine(Arc::new(Core {
        sources: vec![Box::new(stmtlint_source_text::TextSource)],
        rules: rules
            .into_iter()
            .map(|(id, rule)| ActiveRule {
                id: id.into(),
                severity: Severity::Warning,
                rule: RuleKind::Document(rule),
            })
            .collect(),
        max_file_size: 1024,
        overrides: Overrides::default(),
        plugins_off: false,
        buffers: std::sync::RwLock::default(),
        run: stmtlint_plugin::RunContext::default(),
        rule_timeout: None,
        timed_out: Mutex::default(),
        any_timed_out: AtomicBool::new(false),
        // Every finding through the temporary file: the tests read the disk path.
        in_memory: 0,
    }))
}

fn temp_files(files: &[(&str, &[u8])]) -> (PathBuf, Vec<PathBuf>) {
    let dir = std::env::temp_dir().join(format!("stmtlint-engine-{}-{}", std::process::id(), files[0].0));
    std::fs::create_dir_all(&dir).unwrap();
    let paths = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    (dir, paths)
}

#[test]
fn a_panicking_rule_fails_one_file_and_the_run_goes_on() {
    install_quiet_panic_hook();
    let (_, files) = temp_files(&[
        ("a-boom.txt", b"Title\n\nA boom here."),
        ("b.txt", b"Title\n\nAll calm."),
    ]);
    let report = engine(vec![("panics", Box::new(Panics)), ("first-word", Box::new(FirstWord))]).check(&files);
    assert_eq!(report.failures.len(), 1);
    assert!(report.failures[0].path.ends_with("a-boom.txt"));
    assert!(report.failures[0].message.contains("boom in the text"));
    assert_eq!(report.diagnostics.len(), 2, "the other rule still ran on both files");
}

/// Loops on a text with `HANG` until the test lets it go.
struct Hangs(Arc<AtomicBool>);
impl Rule for Hangs {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        while doc.text.contains("HANG") && !self.0.load(Ordering::SeqCst) {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        sink.report(Finding::new(Span::new(0, 5), "slow"));
    }
}

#[test]
fn a_rule_over_the_time_limit_fails_its_file_is_switched_off_and_the_rest_is_reported() {
    let released = Arc::new(AtomicBool::new(false));
    let mut files = vec![("a-hang.txt", &b"Title\n\nHANG here."[..])];
    let names: Vec<String> = (0..20).map(|i| format!("b{i:02}.txt")).collect();
    files.extend(names.iter().map(|n| (n.as_str(), &b"Title\n\nAll calm."[..])));
    let (_, files) = temp_files(&files);
    let engine = engine(vec![
        ("hangs", Box::new(Hangs(released.clone()))),
        ("first-word", Box::new(FirstWord)),
    ])
    .with_rule_timeout(Some(std::time::Duration::from_millis(300)));
    let report = engine.check(&files);
    released.store(true, Ordering::SeqCst);
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    let failure = &report.failures[0];
    assert!(failure.path.ends_with("a-hang.txt"));
    assert_eq!(failure.code, "stmtlint::rule::timeout");
    assert!(
        failure
            .message
            .contains("rule `hangs` ran over the time limit of 0.3 s"),
        "{}",
        failure.message
    );
    // Every other file is reported: `first-word` on all 20, `hangs` on those
    // linted before it timed out (none after).
    let first = report.diagnostics.iter().filter(|d| d.rule == "first-word").count();
    assert_eq!(first, 20);
    assert!(report.diagnostics.iter().all(|d| !d.path.ends_with("a-hang.txt")));
    assert!(engine.is_timed_out("hangs"));
    // A later run of the same engine does not run the rule at all.
    let again = engine.check(&files[1..]);
    assert!(again.diagnostics.iter().all(|d| d.rule != "hangs"));
}

#[test]
fn a_bad_span_is_a_failure_not_a_crash() {
    let (_, files) = temp_files(&[("span.txt", b"Some text")]);
    let report = engine(vec![("bad-span", Box::new(BadSpan))]).check(&files);
    assert_eq!(report.failures[0].code, "stmtlint::rule::bad_span");
}

#[test]
fn unreadable_and_oversized_files_are_failures() {
    let big = vec![b'a'; 2048];
    let (dir, mut files) = temp_files(&[("big.txt", &big), ("bin.txt", b"\x00\x01\x02binary")]);
    files.push(dir.join("missing.txt"));
    let report = engine(vec![]).check(&files);
    let codes: Vec<&str> = report.failures.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "stmtlint::io::too_large",
            "stmtlint::source::text::binary",
            "stmtlint::io::not_found"
        ]
    );
}

#[test]
fn output_is_sorted_whatever_the_threads_do() {
    let names: Vec<String> = (0..40).map(|i| format!("f{i:02}.txt")).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .map(|n| (n.as_str(), b"Word and more".as_slice()))
        .collect();
    let (_, mut paths) = temp_files(&files);
    paths.reverse();
    let report = engine(vec![("first-word", Box::new(FirstWord))]).check(&paths);
    let got: Vec<&str> = report.diagnostics.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = got.clone();
    sorted.sort_unstable();
    assert_eq!(got, sorted);
    assert_eq!(got.len(), 40);
}

#[test]
fn discovery_walks_directories_and_expands_globs() {
    let (dir, _) = temp_files(&[
        ("one.txt", b"x"),
        ("two.md", b"x"),
        ("skip.json", b"{}"),
        (".hidden.txt", b"x"),
        ("README.md", b"x"),
    ]);
    let claimed = ["txt", "md"];
    let found = discover(
        &[dir.display().to_string()],
        &claimed,
        &[glob::Pattern::new("README*").unwrap()],
    );
    let names: Vec<String> = found
        .files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["one.txt", "two.md"]);
    assert_eq!(found.skipped.get("json"), Some(&1));

    let found = discover(&[format!("{}/*.md", dir.display())], &claimed, &[]);
    assert_eq!(found.files.len(), 2, "an explicit glob is not filtered by exclude");
    let found = discover(
        &["no/such/path".into(), format!("{}/*.pdf", dir.display())],
        &claimed,
        &[],
    );
    assert_eq!(found.failures.len(), 2);
}

/// Flags every statement whose first line another statement also has.
struct SameFirstLine;
impl CorpusRule for SameFirstLine {
    fn collect(&self, doc: &Document) -> Option<serde_json::Value> {
        let first = doc.text.lines().next()?;
        Some(serde_json::json!({ "first": first, "len": first.len() }))
    }
    fn finish(&self, facts: &[DocFacts], sink: &mut CorpusSink) {
        for f in facts {
            let twins = facts.iter().filter(|o| o.facts["first"] == f.facts["first"]).count();
            if twins > 1 {
                let len = f.facts["len"].as_u64().unwrap() as usize;
                let as_of = sink.run().as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
                sink.report(
                    f.doc,
                    Finding::new(
                        Span::new(0, len),
                        format!("first line shared by {twins} statements{as_of}"),
                    ),
                );
            }
        }
    }
}

#[test]
fn corpus_rules_see_every_document_and_report_with_positions() {
    let (_, files) = temp_files(&[
        ("c1.txt", b"Same Title\n\nOne."),
        ("c2.txt", b"Same Title\n\nTwo."),
        ("c3.txt", b"Other\n\nThree."),
    ]);
    let mut engine = engine(vec![]);
    Arc::get_mut(&mut engine.0).unwrap().rules.push(ActiveRule {
        id: "same-first-line".into(),
        severity: Severity::Info,
        rule: RuleKind::Corpus(Box::new(SameFirstLine)),
    });
    let report = engine.check(&files);
    let flagged: Vec<(&str, &str, u32)> = report
        .diagnostics
        .iter()
        .map(|d| (d.path.rsplit('/').next().unwrap(), d.text.as_str(), d.region.end_column))
        .collect();
    assert_eq!(flagged, [("c1.txt", "Same Title", 11), ("c2.txt", "Same Title", 11)]);
    assert!(report.failures.is_empty());
    assert!(report.diagnostics[0].message.ends_with("2 statements"));
    // The run's context reaches the corpus rule.
    let engine = engine.in_run(stmtlint_plugin::RunContext::as_of(Some("2026-11-22".parse().unwrap())));
    let report = engine.check(&files);
    assert!(
        report.diagnostics[0].message.ends_with("2 statements as of 2026-11-22"),
        "{:?}",
        report.diagnostics[0].message
    );
}

/// Collects every statement, then judges them for ever (until the test lets it go).
struct NeverJudges(Arc<AtomicBool>);
impl CorpusRule for NeverJudges {
    fn collect(&self, _: &Document) -> Option<serde_json::Value> {
        Some(serde_json::json!({}))
    }
    fn finish(&self, _: &[DocFacts], _: &mut CorpusSink) {
        while !self.0.load(Ordering::SeqCst) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

#[test]
fn a_corpus_rule_over_the_time_limit_fails_the_run_and_everything_else_is_reported() {
    let released = Arc::new(AtomicBool::new(false));
    let (_, files) = temp_files(&[("j1.txt", b"Title\n\nOne."), ("j2.txt", b"Title\n\nTwo.")]);
    let mut engine = engine(vec![("first-word", Box::new(FirstWord))])
        .with_rule_timeout(Some(std::time::Duration::from_millis(300)));
    Arc::get_mut(&mut engine.0).unwrap().rules.push(ActiveRule {
        id: "never-judges".into(),
        severity: Severity::Warning,
        rule: RuleKind::Corpus(Box::new(NeverJudges(released.clone()))),
    });
    let started = std::time::Instant::now();
    let report = engine.check(&files);
    let took = started.elapsed();
    released.store(true, Ordering::SeqCst);
    assert!(took < std::time::Duration::from_secs(10), "the run waited {took:?}");
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    let failure = &report.failures[0];
    assert_eq!(
        (failure.path.as_str(), failure.code.as_str()),
        ("(corpus)", "stmtlint::rule::timeout")
    );
    assert!(
        failure
            .message
            .contains("rule `never-judges` ran over the time limit of 0.3 s judging the statements"),
        "{}",
        failure.message
    );
    assert_eq!(
        report.diagnostics.len(),
        2,
        "the document rule's findings on both files"
    );
    assert!(engine.is_timed_out("never-judges"));
}

//! The drafting pack against the defects labelled in `tests/eval/drafting.toml`
//! (real statements of `../shared/corpus`, read one by one): recall and precision
//! per rule, printed; any finding not labelled, or a labelled defect stmtlint can
//! see but missed, fails the test.

use std::collections::BTreeMap;

use crate::util::{root, run_in, shared_corpus};

const RULES: [&str; 4] = ["placeholder", "repeated-word", "tracking-link", "mojibake"];

#[test]
fn drafting_pack_recall_and_precision_on_the_labelled_corpus() {
    let (Some(real), Some(seeds)) = (shared_corpus("real"), shared_corpus("seeds")) else {
        return;
    };
    let labels: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("tests/eval/drafting.toml")).unwrap()).unwrap();
    // (rule, file, line) -> how many defects there, and whether stmtlint can see them.
    let mut expected: BTreeMap<(String, String, i64), (usize, bool)> = BTreeMap::new();
    for d in labels["defect"].as_array().unwrap() {
        let key = (
            d["rule"].as_str().unwrap().to_owned(),
            d["file"].as_str().unwrap().to_owned(),
            d["line"].as_integer().unwrap(),
        );
        let entry = expected.entry(key).or_insert((0, d.get("missed").is_none()));
        entry.0 += 1;
    }
    let out = run_in(
        root(),
        &[
            "check",
            "--format",
            "json",
            "--as-of",
            "2026-11-22",
            &seeds.display().to_string(),
            &real.display().to_string(),
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let corpus = format!("{}/", real.parent().unwrap().display());
    let mut found: BTreeMap<(String, String, i64), usize> = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let rule = d["rule"].as_str().unwrap();
        if RULES.contains(&rule) {
            let file = d["path"].as_str().unwrap().trim_start_matches(&corpus).to_owned();
            *found
                .entry((rule.to_owned(), file, d["line"].as_i64().unwrap()))
                .or_default() += 1;
        }
    }
    let mut problems = Vec::new();
    println!("rule            labelled  found  right  recall  precision");
    for rule in RULES {
        let labelled: usize = expected.iter().filter(|(k, _)| k.0 == rule).map(|(_, v)| v.0).sum();
        let reported: usize = found.iter().filter(|(k, _)| k.0 == rule).map(|(_, n)| n).sum();
        let mut right = 0;
        for (key, n) in found.iter().filter(|(k, _)| k.0 == rule) {
            let (want, _) = expected.get(key).copied().unwrap_or((0, true));
            right += want.min(*n);
            if *n > want {
                problems.push(format!("not a defect: {key:?}"));
            }
        }
        for (key, (want, visible)) in expected.iter().filter(|(k, _)| k.0 == rule) {
            if *visible && found.get(key).copied().unwrap_or(0) < *want {
                problems.push(format!("missed: {key:?}"));
            }
        }
        let ratio = |a: usize, b: usize| {
            if b == 0 {
                "-".to_owned()
            } else {
                format!("{:.0}%", 100.0 * a as f64 / b as f64)
            }
        };
        println!(
            "{rule:<15} {labelled:>8} {reported:>6} {right:>6} {:>7} {:>10}",
            ratio(right, labelled),
            ratio(right, reported)
        );
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

//! Loading real plugin libraries: a Rust cdylib built with the SDK, a C plugin, and
//! every way a plugin can be wrong, each asserted on the message the user sees.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

mod common;

use std::path::Path;

use common::{build_c_plugin, build_cdylib, build_cdylib_with, private_dir, render};
use stmtlint_plugin::{BuiltRule, CorpusSink, DocFactsJson, Document, Sink, Source};
use stmtlint_plugin_host::{Plugin, PluginError};

fn load_err(path: &Path) -> String {
    match Plugin::load(path, None) {
        Ok(p) => panic!("{} loaded as plugin `{}`", path.display(), p.name),
        Err(e) => render(&e),
    }
}

fn document(text: &str) -> Document {
    stmtlint_source_text::TextSource.read(text.as_bytes()).unwrap()
}

fn run(plugin: &Plugin, id: &str, options: &str, text: &str) -> Sink {
    let spec = plugin.rule_specs(true).into_iter().find(|s| s.id == id).unwrap();
    let BuiltRule::Document(rule) = (spec.build)(&options.parse().unwrap()).unwrap() else {
        panic!("{id} is not a document rule")
    };
    let mut sink = Sink::new();
    rule.check(&document(text), &mut sink);
    sink
}

#[test]
fn the_example_rust_plugin_loads_and_its_rule_runs_with_options() {
    let plugin = Plugin::load(&build_cdylib("stmtlint_example_plugin"), None).unwrap();
    assert_eq!(plugin.name, "example");
    assert!(!plugin.panic_abort);
    let ids: Vec<String> = plugin.rule_specs(true).into_iter().map(|s| s.id).collect();
    assert_eq!(ids, ["example/placeholder", "example/duplicate-title"]);

    let found = run(
        &plugin,
        "example/placeholder",
        "words = [\"[INSERT]\"]",
        "Title\n\nWe meet in [PLACE] on [INSERT].\n",
    )
    .into_findings();
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "placeholder `[PLACE]` left in the text",
            "placeholder `[INSERT]` left in the text"
        ]
    );

    let spec = plugin
        .rule_specs(true)
        .into_iter()
        .find(|s| s.id == "example/placeholder")
        .unwrap();
    let error = (spec.validate)(&"word = [\"x\"]".parse().unwrap()).unwrap_err();
    assert_eq!(error.key.as_deref(), Some("word"), "the error names the key");
    assert!(error.message.starts_with("unknown field `word`"), "{}", error.message);
}

#[test]
fn the_example_source_reads_outlines() {
    let plugin = Plugin::load(&build_cdylib("stmtlint_example_plugin"), None).unwrap();
    let source = plugin.sources().into_iter().next().unwrap();
    assert_eq!((source.name(), source.extensions()), ("outline", &["outline"][..]));
    let doc = source
        .read(b"Title: Joint Statement\nDate: 2025-04-03\n\n== Energy\nText.\n")
        .unwrap();
    assert_eq!(doc.metadata.title.as_deref(), Some("Joint Statement"));
    assert_eq!(doc.metadata.date.unwrap().to_string(), "2025-04-03");
    assert_eq!(doc.headings().next().unwrap().1, "Energy");
    let error = source.read(b"\xff\xfe").unwrap_err();
    assert_eq!(error.code, "stmtlint::source::outline::not_utf8");
}

#[test]
fn a_panicking_rule_is_contained_and_disabled_after_three_failures() {
    let plugin = Plugin::load(&build_cdylib("stmtlint_misbehaving_plugin"), None).unwrap();
    let spec = plugin
        .rule_specs(true)
        .into_iter()
        .find(|s| s.id == "misbehaving/panics")
        .unwrap();
    let BuiltRule::Document(rule) = (spec.build)(&toml::Table::new()).unwrap() else {
        panic!()
    };
    let mut failures = Vec::new();
    for _ in 0..5 {
        let mut sink = Sink::new();
        rule.check(&document("Title\n\nPANIC here.\n"), &mut sink);
        failures.push(sink.failure().map(str::to_owned));
    }
    let first = failures[0].as_deref().unwrap();
    assert!(
        first.starts_with("rule `misbehaving/panics` panicked: index out of bounds"),
        "{first}"
    );
    assert!(
        failures[2]
            .as_deref()
            .unwrap()
            .ends_with("it failed 3 times and is disabled for the rest of the run")
    );
    assert_eq!(failures[3], None, "disabled after three failures");
    // The host is alive and the rule still answers on calm text.
    let mut sink = Sink::new();
    rule.check(&document("Title\n\ncalm\n"), &mut sink);
    assert!(sink.failure().is_none());
}

#[test]
fn a_c_plugin_loads_and_reports() {
    let Some(lib) = build_c_plugin(None) else { return };
    let plugin = Plugin::load(&lib, None).unwrap();
    assert_eq!((plugin.name.as_str(), plugin.built_with.as_str()), ("c", "c"));
    let found = run(&plugin, "c/shout", "", "Title\n\nWe agree!!! Really.\n").into_findings();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "statement shouts with `!!!`");
    assert_eq!(found[0].span.len(), 3);
}

/// The C corpus rule `tally` over three documents: what it reports on each.
fn tally(plugin: &Plugin) -> Vec<(u64, String)> {
    let spec = plugin.rule_specs(true).into_iter().find(|s| s.id == "c/tally").unwrap();
    let BuiltRule::Corpus(rule) = (spec.build)(&toml::Table::new()).unwrap() else {
        panic!("c/tally is not a corpus rule")
    };
    let texts = ["Title\n\nOne.\n", "Title\n\nTwo, longer.\n", "Title\n\nThree.\n"];
    let facts: Vec<(u64, String)> = texts
        .iter()
        .zip(1..)
        .map(|(text, doc)| (doc, rule.collect_json(&document(text)).unwrap()))
        .collect();
    let lent: Vec<DocFactsJson<'_>> = facts
        .iter()
        .map(|(doc, json)| DocFactsJson {
            doc: *doc,
            path: "a.txt",
            json,
        })
        .collect();
    let mut sink = CorpusSink::default();
    rule.finish_reading(&mut lent.iter(), &mut sink);
    assert_eq!(sink.failure(), None);
    sink.into_findings()
        .into_iter()
        .map(|(doc, f)| (doc, f.message))
        .collect()
}

#[test]
fn a_c_corpus_rule_gets_every_document_s_facts_in_a_table_or_through_the_reader() {
    let (Some(table), Some(reading)) = (build_c_plugin(None), build_c_plugin(Some("READING"))) else {
        return;
    };
    let expected: Vec<(u64, String)> = (1..=3)
        .map(|doc| (doc, "one of 3 statements, 46 characters in all".to_owned()))
        .collect();
    // Built for ABI 1.0's `finish`: the host reads every document's facts, then
    // lends the table.
    assert_eq!(tally(&Plugin::load(&table, None).unwrap()), expected);
    // ABI 1.4's `finish_reading`: the plugin asks for one document at a time.
    assert_eq!(tally(&Plugin::load(&reading, None).unwrap()), expected);
}

#[test]
fn a_c_source_reads_for_positions_or_falls_back_to_read_and_old_tables_are_walked_by_their_size() {
    let (Some(new), Some(old)) = (build_c_plugin(None), build_c_plugin(Some("OLD_SOURCES"))) else {
        return;
    };
    let text = "We agree!!!\n";
    // (name, blocks read whole, blocks read for positions) of each source.
    let read = |lib: &Path| -> Vec<(String, usize, usize)> {
        Plugin::load(lib, None)
            .unwrap()
            .sources()
            .iter()
            .map(|s| {
                let whole = s.read(text.as_bytes()).unwrap();
                let positions = s.read_for_positions(text.as_bytes()).unwrap();
                assert_eq!((whole.text.as_str(), positions.text.as_str()), (text, text));
                (s.name().to_owned(), whole.blocks.len(), positions.blocks.len())
            })
            .collect()
    };
    // ABI 1.5: `loud` reads its text alone for positions; `quiet` has no such
    // function (null) and its `read` serves.
    assert_eq!(read(&new), [("loud".into(), 1, 0), ("quiet".into(), 1, 1)]);
    // A table laid out before 1.5: both entries found at the plugin's stride, and
    // `read` serves for positions.
    assert_eq!(read(&old), [("loud".into(), 1, 1), ("quiet".into(), 1, 1)]);
}

#[test]
fn a_c_plugin_that_refuses_its_options_names_the_key() {
    let Some(lib) = build_c_plugin(Some("REJECT_OPTIONS")) else {
        return;
    };
    let plugin = Plugin::load(&lib, None).unwrap();
    let spec = plugin.rule_specs(true).remove(0);
    let error = (spec.validate)(&"loudness = 11".parse().unwrap()).unwrap_err();
    assert_eq!(error.key.as_deref(), Some("loudness"));
    assert_eq!(error.message, "unknown field `loudness`");
}

#[test]
fn a_finding_out_of_range_reaches_the_engine_unchanged() {
    // The host copies spans as given; the engine refuses the ones outside the text
    // (tested end to end in tests/integration/plugins.rs).
    let Some(lib) = build_c_plugin(Some("BAD_SPAN")) else {
        return;
    };
    let plugin = Plugin::load(&lib, None).unwrap();
    let found = run(&plugin, "c/shout", "", "Title\n\nWe agree!!!\n").into_findings();
    assert!(found[0].span.end > 100);
}

#[test]
fn malformed_c_plugins_are_refused_with_their_cause() {
    let cases = [
        ("BAD_MAGIC", "stmtlint::plugin::bad_header", "wrong magic number"),
        (
            "ABI_V2",
            "stmtlint::plugin::abi_mismatch",
            "targets plugin ABI 2.5, this stmtlint speaks 1.5",
        ),
        (
            "NULL_RULES",
            "stmtlint::plugin::bad_header",
            "the rules table is null but declares 2 entries",
        ),
        (
            "HUGE_COUNT",
            "stmtlint::plugin::bad_header",
            "it declares 1099511627776 rules (at most 10000)",
        ),
        (
            "BAD_UTF8",
            "stmtlint::plugin::bad_header",
            "the plugin name is not UTF-8",
        ),
        (
            "DUPLICATE_RULE",
            "stmtlint::plugin::bad_header",
            "rule id `shout` appears twice",
        ),
        (
            "ENTRY_V2",
            "stmtlint::plugin::no_entry",
            "it has `stmtlint_plugin_entry_v2`: it needs a newer stmtlint",
        ),
        (
            "NO_ENTRY",
            "stmtlint::plugin::no_entry",
            "has no `stmtlint_plugin_entry_v1` symbol",
        ),
    ];
    for (define, code, cause) in cases {
        let Some(lib) = build_c_plugin(Some(define)) else {
            return;
        };
        let message = load_err(&lib);
        assert!(message.contains(code), "{define}: {message}");
        assert!(message.contains(cause), "{define}: {message}");
        assert!(
            message.contains(&lib.display().to_string()),
            "{define}: the message names the file: {message}"
        );
    }
}

#[test]
fn files_that_are_not_plugins_are_refused() {
    let dir = private_dir("files");
    let missing = load_err(&dir.join("libnope.so"));
    assert!(
        missing.contains("stmtlint::plugin::missing") && missing.contains("does not exist"),
        "{missing}"
    );

    let fake = dir.join("libfake.so");
    std::fs::write(&fake, "not an ELF file").unwrap();
    let message = load_err(&fake);
    assert!(
        message.contains("stmtlint::plugin::load") && message.contains("could not be loaded as a shared library"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn writable_plugins_and_wrong_pins_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let Some(lib) = build_c_plugin(None) else { return };
    let dir = private_dir("pins");
    let copy = dir.join("libpinned.so");
    std::fs::copy(&lib, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o666)).unwrap();
    let message = load_err(&copy);
    assert!(
        message.contains("stmtlint::plugin::insecure") && message.contains("the file is writable by other users"),
        "{message}"
    );
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o644)).unwrap();

    let err = Plugin::load(&copy, Some("00")).err().unwrap();
    assert!(matches!(err, PluginError::Checksum { .. }));
    let PluginError::Checksum { actual, .. } = err else {
        unreachable!()
    };
    assert_eq!(Plugin::load(&copy, Some(&actual)).unwrap().name, "c");
}

#[test]
fn a_plugin_built_with_panic_abort_is_detected() {
    let lib = build_cdylib_with("stmtlint_misbehaving_plugin", "plugin-abort");
    assert!(Plugin::load(&lib, None).unwrap().panic_abort);
    assert!(
        !Plugin::load(&build_cdylib("stmtlint_misbehaving_plugin"), None)
            .unwrap()
            .panic_abort
    );
}

//! The cost of calling a rule through the plugin ABI, against calling it in
//! process: `cargo bench -p stmtlint_plugin_host --bench abi_overhead`.
//!
//! Prints nanoseconds per call, measured in the same run, for a rule that does
//! nothing (the pure ABI overhead) and for the real `missing-section` rule, with the
//! document converted once per document (every rule of a plugin after the first)
//! and on every call (the first rule of a plugin on each document).

#![allow(clippy::print_stdout, clippy::unwrap_used, reason = "a benchmark prints its figures")]

use std::hint::black_box;
use std::time::Instant;

use stmtlint_plugin::{BuiltRule, ConfigurableRule, Document, Rule, RuleMeta, Severity, Sink, Source};
use stmtlint_plugin_host::Plugin;
use stmtlint_plugin_sdk::NoOptions;

/// Does nothing: what is left is the cost of the call.
struct Noop;

impl ConfigurableRule for Noop {
    type Options = NoOptions;
    const META: RuleMeta = RuleMeta {
        id: "noop",
        summary: "does nothing",
        docs: "",
        default_severity: Severity::Info,
    };
    fn new(_: NoOptions) -> Self {
        Noop
    }
}

impl Rule for Noop {
    fn check(&self, doc: &Document, _: &mut Sink) {
        black_box(doc.text.len());
    }
}

stmtlint_plugin_sdk::declare_plugin! {
    static bench_plugin;
    name: "bench",
    version: "0",
    rules: [Noop],
}

fn per_call(iterations: u32, mut f: impl FnMut(u32)) -> f64 {
    for i in 0..iterations / 10 {
        f(i);
    }
    let start = Instant::now();
    for i in 0..iterations {
        f(i);
    }
    start.elapsed().as_nanos() as f64 / f64::from(iterations)
}

fn through_abi(info: &'static stmtlint_plugin_abi::PluginInfoV1) -> Box<dyn Rule> {
    let spec = Plugin::from_static(info).unwrap().rule_specs(false).remove(0);
    match (spec.build)(&toml::Table::new()).unwrap() {
        BuiltRule::Document(rule) => rule,
        BuiltRule::Corpus(_) => unreachable!(),
    }
}

fn main() {
    let seed = include_bytes!("../../../samples/statements/2014-12-05-us-eu-cyber-dialogue-state-media-note.txt");
    let mut docs = [
        stmtlint_source_text::TextSource.read(seed).unwrap(),
        stmtlint_source_text::TextSource.read(seed).unwrap(),
    ];
    docs[0].id = 1;
    docs[1].id = 2;
    let n = 200_000;
    println!(
        "document: {} bytes, {} blocks; {n} calls each\n",
        docs[0].text.len(),
        docs[0].blocks.len()
    );
    println!("{:<44} {:>10} {:>10} {:>8}", "rule", "in-process", "ABI", "ratio");

    let noop_ffi = through_abi(bench_plugin());
    let missing_ffi = through_abi(stmtlint_rules_core::plugin());
    let missing = stmtlint_rules_core::MissingSection::new(Default::default());
    let rows: [(&str, &dyn Rule, &dyn Rule, bool); 4] = [
        ("no-op, document already converted", &Noop, noop_ffi.as_ref(), false),
        ("no-op, a new document every call", &Noop, noop_ffi.as_ref(), true),
        (
            "missing-section, document already converted",
            &missing,
            missing_ffi.as_ref(),
            false,
        ),
        (
            "missing-section, a new document every call",
            &missing,
            missing_ffi.as_ref(),
            true,
        ),
    ];
    for (name, direct, ffi, alternate) in rows {
        let doc = |i: u32| if alternate { &docs[(i % 2) as usize] } else { &docs[0] };
        let a = per_call(n, |i| {
            let mut sink = Sink::new();
            direct.check(black_box(doc(i)), &mut sink);
            black_box(sink);
        });
        let b = per_call(n, |i| {
            let mut sink = Sink::new();
            ffi.check(black_box(doc(i)), &mut sink);
            black_box(sink);
        });
        println!("{name:<44} {a:>8.0}ns {b:>8.0}ns {:>7.1}x", b / a.max(0.1));
    }
}

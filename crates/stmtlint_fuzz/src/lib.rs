//! What each fuzz target does with its input, in one place: the targets in
//! `fuzz/fuzz_targets/` (libFuzzer, through `cargo fuzz`) call these, and
//! `tests/replay.rs` replays the seed corpora, the crashes found so far and
//! deterministic mutations of the seeds through them inside `cargo test`.
//!
//! A target fails by panicking: a source or parser that panics, a document that
//! breaks the model's invariants (`Document::validate`), or a rule that panics
//! inside the engine (the engine turns that into a failure entry, which the
//! `engine` target treats as a crash).

use std::path::PathBuf;
use std::sync::OnceLock;

use stmtlint_engine::Engine;
use stmtlint_plugin::{Document, RuleSpec, Source, SourceError};
use stmtlint_plugin_host::Plugin;

/// A target: what it does with one input.
pub type Target = fn(&[u8]);

/// The targets, by name (`cargo fuzz run NAME`).
pub const TARGETS: &[(&str, Target)] = &[
    ("text", text),
    ("html", html),
    ("docx", docx),
    ("odt", odt),
    ("pdf_layout", pdf_layout),
    ("config", config),
    ("rule_file", rule_file),
    ("engine", engine),
];

fn valid(read: Result<Document, SourceError>) {
    if let Ok(doc) = read
        && let Err(why) = doc.validate()
    {
        panic!("the source built an invalid document: {why}");
    }
}

/// The text source on any bytes.
pub fn text(data: &[u8]) {
    valid(stmtlint_source_text::TextSource.read(data));
}

/// The HTML source on any bytes.
pub fn html(data: &[u8]) {
    valid(stmtlint_source_html::HtmlSource.read(data));
}

/// The `.docx` source on any bytes (mostly: broken zips).
pub fn docx(data: &[u8]) {
    valid(stmtlint_source_office::DocxSource.read(data));
}

/// The `.odt` source on any bytes.
pub fn odt(data: &[u8]) {
    valid(stmtlint_source_office::OdtSource.read(data));
}

/// The PDF layout on what a worker may answer: extracted lines as JSON (the
/// extraction itself runs in worker processes, isolated).
pub fn pdf_layout(data: &[u8]) {
    if let Ok(extracted) = serde_json::from_slice::<stmtlint_source_pdf::Extracted>(data) {
        valid(Ok(stmtlint_source_pdf::document(&extracted)));
    }
}

/// The built-in plugins' rules (with `unused-suppression` and the drafting pack),
/// as the binary's registry lists them.
fn specs() -> &'static Vec<RuleSpec> {
    static SPECS: OnceLock<Vec<RuleSpec>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let mut specs = Vec::new();
        for info in stmtlint_builtins::builtins() {
            if let Ok(plugin) = Plugin::from_static(info) {
                specs.extend(plugin.rule_specs(false));
            }
        }
        specs.push(stmtlint_engine::unused_suppression_spec());
        if let Ok(pack) = stmtlint_rules_declarative::drafting_pack() {
            specs.extend(pack.into_iter().map(|d| std::sync::Arc::new(d).spec()));
        }
        specs
    })
}

/// A `stmtlint.toml` on any text: parsed, and every rule's options validated.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(config) = stmtlint_config::load_text("stmtlint.toml", text, None) {
        let _ = config.resolve(specs());
    }
}

/// A declarative rule file on any text: parsed, and its rules' examples run.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(rules) = stmtlint_rules_declarative::parse("fuzz.toml", text) {
        for rule in rules {
            let _ = rule.check_examples();
        }
    }
}

/// The whole engine, every default rule, on one statement read as text.
pub fn engine(data: &[u8]) {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    let engine = ENGINE.get_or_init(|| {
        let settings = stmtlint_config::load(None)
            .and_then(|c| c.resolve(specs()))
            .expect("the defaults load");
        let mut sources: Vec<Box<dyn Source>> = Vec::new();
        for info in stmtlint_builtins::builtins() {
            if let Ok(plugin) = Plugin::from_static(info) {
                sources.extend(plugin.sources());
            }
        }
        Engine::new(&settings, specs(), sources).expect("the default rules build")
    });
    let path = PathBuf::from("fuzz-statement.txt");
    engine.set_buffer(path.clone(), Some(data.to_vec()));
    let report = engine.check(std::slice::from_ref(&path));
    if let Some(f) = report
        .failures
        .iter()
        .find(|f| f.code.contains("panic") || f.code.contains("invalid_model"))
    {
        panic!("{}: {}", f.code, f.message);
    }
}

//! A plugin's rule behind the [`Rule`] and [`CorpusRule`] traits.
//!
//! Options cross as JSON with one top-level key per line, so when the plugin refuses
//! them, the line in its error message names the key, and the config can underline
//! that key in `stmtlint.toml`.

use std::ffi::c_void;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use stmtlint_plugin::{
    Applicability, BuiltRule, CorpusRule, CorpusSink, DocFacts, DocFactsJson, Document, Edit, FactsReader, Finding,
    Fix, Label, OptionsError, Rule, RuleSpec, Severity, Sink, Span,
};
use stmtlint_plugin_abi::{
    DateV1, DocFactsV1, ErrorSinkV1, FactsReaderV1, FactsSinkV1, FindingSinkV1, FindingV1, RuleInstance, RuleV1,
    RunContextV1, SpanV1, StrRef, applicability, severity, status,
};
use stmtlint_plugin_sdk::views::{DocumentViews, checked_str_from, slice_from};

use crate::static_str;

/// Failures after which a rule is disabled for the rest of the run.
const MAX_FAILURES: u32 = 3;

/// Checks a rule's table entry; returns its id.
pub(crate) fn validate(rule: &RuleV1) -> Result<&'static str, String> {
    let id = static_str(rule.id, "a rule id")?;
    if !stmtlint_plugin::is_kebab_case(id) {
        return Err(format!("rule id `{id}` is not kebab-case"));
    }
    if (rule.struct_size as usize) < stmtlint_plugin_abi::RULE_V1_0_SIZE {
        return Err(format!(
            "rule `{id}` has struct_size {} (ABI 1.0 needs {})",
            rule.struct_size,
            stmtlint_plugin_abi::RULE_V1_0_SIZE
        ));
    }
    static_str(rule.summary, "a rule summary")?;
    static_str(rule.docs, "rule docs")?;
    if severity_from(rule.default_severity).is_none() {
        return Err(format!(
            "rule `{id}` has an unknown default severity {}",
            rule.default_severity
        ));
    }
    let finishes = rule.finish.is_some() || rule.finish_in_run.is_some() || rule.finish_reading.is_some();
    let corpus = rule.collect.is_some() && finishes;
    if rule.create.is_none() || rule.destroy.is_none() || (rule.check.is_none() && !corpus) {
        return Err(format!(
            "rule `{id}` lacks create, destroy, or check (or collect and finish)"
        ));
    }
    Ok(id)
}

fn severity_from(s: u32) -> Option<Severity> {
    match s {
        severity::ERROR => Some(Severity::Error),
        severity::WARNING => Some(Severity::Warning),
        severity::INFO => Some(Severity::Info),
        _ => None,
    }
}

/// A rule's table entry, shared by the spec's closures.
#[derive(Clone, Copy)]
struct Desc(RuleV1);

// SAFETY: static data of a library that is never unloaded; its functions are
// callable from any thread by the ABI's contract.
unsafe impl Send for Desc {}
// SAFETY: as above.
unsafe impl Sync for Desc {}

impl Desc {
    /// Taken by a method so closures capture the whole `Desc`, not its field.
    fn get(self) -> RuleV1 {
        self.0
    }
}

/// The spec of a plugin's rule.
pub(crate) fn spec(id: String, desc: RuleV1, origin: &str) -> RuleSpec {
    let shared = Desc(desc);
    let text = |s| static_str(s, "").unwrap_or_default().to_owned();
    let validate_id = id.clone();
    let build_id = id.clone();
    RuleSpec {
        summary: text(desc.summary),
        docs: text(desc.docs),
        default_severity: severity_from(desc.default_severity).unwrap_or(Severity::Warning),
        origin: origin.to_owned(),
        validate: Arc::new(move |options| Instance::create(&validate_id, shared.get(), options).map(drop)),
        build: Arc::new(move |options| {
            let instance = Instance::create(&build_id, shared.get(), options)?;
            Ok(if desc.check.is_some() {
                BuiltRule::Document(Box::new(FfiRule(instance)))
            } else {
                BuiltRule::Corpus(Box::new(FfiCorpusRule(instance)))
            })
        }),
        id,
    }
}

/// Options as JSON, one top-level key per line: line `n + 2` holds key `n`.
fn options_json(options: &toml::Table) -> (String, Vec<String>) {
    let mut json = String::from("{\n");
    let keys: Vec<String> = options.keys().cloned().collect();
    for (i, (key, value)) in options.iter().enumerate() {
        let value = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
        let comma = if i + 1 < options.len() { "," } else { "" };
        json.push_str(&format!("{}: {value}{comma}\n", serde_json::Value::String(key.clone())));
    }
    json.push('}');
    (json, keys)
}

/// `... at line 3 column 9` → the message without it, and the key on that line.
fn locate(message: &str, keys: &[String]) -> OptionsError {
    let Some((text, line)) = message.rsplit_once(" at line ").and_then(|(text, rest)| {
        let line: usize = rest.split_whitespace().next()?.parse().ok()?;
        Some((text, line))
    }) else {
        return OptionsError {
            message: message.to_owned(),
            key: None,
        };
    };
    OptionsError {
        message: text.to_owned(),
        key: line.checked_sub(2).and_then(|i| keys.get(i)).cloned(),
    }
}

/// Collects an error message from the plugin.
#[derive(Default)]
struct ErrorBox(Option<String>);

unsafe extern "C" fn set_error(ctx: *mut c_void, message: StrRef) {
    // SAFETY: `ctx` is the `ErrorBox` lent with this sink; the message is lent
    // for the call and copied.
    unsafe {
        let message = checked_str_from(message).unwrap_or("(an error message that is not UTF-8)");
        (*ctx.cast::<ErrorBox>()).0 = Some(message.to_owned());
    }
}

impl ErrorBox {
    fn sink(&mut self) -> ErrorSinkV1 {
        ErrorSinkV1 {
            ctx: std::ptr::from_mut(self).cast(),
            set: Some(set_error),
        }
    }

    fn message(self, rc: u32, id: &str) -> String {
        let what = match rc {
            status::PANICKED => "panicked",
            _ => "failed",
        };
        let message = self
            .0
            .unwrap_or_else(|| format!("returned status {rc} without a message"));
        format!("rule `{id}` {what}: {}", message.trim_start_matches("panicked: "))
    }
}

/// A live instance of a plugin's rule; destroyed by the plugin when dropped.
struct Instance {
    id: String,
    desc: RuleV1,
    ptr: RuleInstance,
    failures: AtomicU32,
}

// SAFETY: the ABI requires rule instances to be usable from any thread (the SDK's
// rules are `Send + Sync`); the host never calls `destroy` while a call is running.
unsafe impl Send for Instance {}
// SAFETY: as above.
unsafe impl Sync for Instance {}

impl Instance {
    fn create(id: &str, desc: RuleV1, options: &toml::Table) -> Result<Self, OptionsError> {
        let (json, keys) = options_json(options);
        let mut error = ErrorBox::default();
        let sink = error.sink();
        let mut ptr: RuleInstance = std::ptr::null_mut();
        let create = desc.create.ok_or_else(|| OptionsError {
            message: "the rule has no create".into(),
            key: None,
        })?;
        // SAFETY: the plugin's create, with options, slot and sink that live for the call.
        let rc = unsafe { create(StrRef::new(&json), &raw mut ptr, &raw const sink) };
        if rc != status::OK {
            return Err(locate(
                &error.0.unwrap_or_else(|| format!("refused its options (status {rc})")),
                &keys,
            ));
        }
        Ok(Self {
            id: id.to_owned(),
            desc,
            ptr,
            failures: AtomicU32::new(0),
        })
    }

    /// Whether the rule still runs; after too many failures it is skipped.
    fn enabled(&self) -> bool {
        self.failures.load(Ordering::Relaxed) < MAX_FAILURES
    }

    /// Turns a failed call into the message for the sink, noting when it disables the rule.
    fn failure(&self, rc: u32, error: ErrorBox) -> String {
        let mut message = error.message(rc, &self.id);
        if self.failures.fetch_add(1, Ordering::Relaxed) + 1 == MAX_FAILURES {
            message.push_str(&format!(
                "; it failed {MAX_FAILURES} times and is disabled for the rest of the run"
            ));
        }
        message
    }
}

impl Instance {
    /// What went wrong in a call that reported findings, if anything: a malformed
    /// finding the host refused, or an error status.
    fn call_failure(&self, findings: &mut Findings, rc: u32, error: ErrorBox) -> Option<String> {
        if let Some(why) = findings.refused.take() {
            return Some(format!("rule `{}` reported a malformed finding: {why}", self.id));
        }
        (rc != status::OK).then(|| self.failure(rc, error))
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(destroy) = self.desc.destroy {
            // SAFETY: the instance `create` made, destroyed exactly once.
            unsafe { destroy(self.ptr) };
        }
    }
}

/// Copies the findings a plugin emits; refuses malformed ones.
#[derive(Default)]
struct Findings {
    found: Vec<(u64, Finding)>,
    refused: Option<String>,
}

fn span(s: SpanV1) -> Option<Span> {
    let (start, end) = (usize::try_from(s.start).ok()?, usize::try_from(s.end).ok()?);
    (start <= end).then(|| Span::new(start, end))
}

/// Copies one finding, checking its strings and spans' order (the engine checks
/// that spans lie inside the text).
///
/// # Safety
/// `f` and its tables must be readable for the call.
unsafe fn copy_finding(f: &FindingV1) -> Result<Finding, &'static str> {
    // SAFETY: the plugin lends the finding and its tables for the call.
    unsafe {
        let text = |s| checked_str_from(s).ok_or("a finding's text is not UTF-8");
        let mut finding = Finding::new(span(f.span).ok_or("a span ends before it starts")?, text(f.message)?);
        let help = text(f.help)?;
        finding.help = (!help.is_empty()).then(|| help.to_owned());
        // ABI 1.3: a finding's own severity, when the plugin's struct has it.
        if f.struct_size as usize >= std::mem::offset_of!(FindingV1, severity) + size_of::<u32>() {
            finding.severity = severity_from(f.severity);
        }
        for l in slice_from(f.labels, f.n_labels) {
            finding.labels.push(Label {
                span: span(l.span).ok_or("a label's span is reversed")?,
                message: text(l.message)?.to_owned(),
            });
        }
        let edits = slice_from(f.edits, f.n_edits);
        if !edits.is_empty() {
            let applicability = match f.fix_applicability {
                applicability::SAFE => Applicability::Safe,
                applicability::UNSAFE => Applicability::Unsafe,
                _ => Applicability::DisplayOnly,
            };
            let edits = edits
                .iter()
                .map(|e| {
                    Ok(Edit {
                        span: span(e.span).ok_or("an edit's span is reversed")?,
                        replacement: text(e.replacement)?.to_owned(),
                    })
                })
                .collect::<Result<_, &'static str>>()?;
            finding.fix = Some(Fix {
                message: text(f.fix_message)?.to_owned(),
                edits,
                applicability,
            });
        }
        Ok(finding)
    }
}

unsafe extern "C" fn emit(ctx: *mut c_void, finding: *const FindingV1) -> u32 {
    // SAFETY: `ctx` is the `Findings` lent with this sink; the finding is lent for the call.
    unsafe {
        let findings = &mut *ctx.cast::<Findings>();
        let Some(f) = finding.as_ref() else {
            return status::INVALID_INPUT;
        };
        match copy_finding(f) {
            Ok(copied) => {
                findings.found.push((f.doc_id, copied));
                status::OK
            }
            Err(why) => {
                findings.refused.get_or_insert_with(|| why.to_owned());
                status::INVALID_INPUT
            }
        }
    }
}

impl Findings {
    fn sink(&mut self) -> FindingSinkV1 {
        FindingSinkV1 {
            ctx: std::ptr::from_mut(self).cast(),
            emit: Some(emit),
        }
    }
}

/// A plugin's document rule.
struct FfiRule(Instance);

impl Rule for FfiRule {
    fn check(&self, doc: &Document, sink: &mut Sink) {
        let rule = &self.0;
        let Some(check) = rule.desc.check.filter(|_| rule.enabled()) else {
            return;
        };
        let views = DocumentViews::new(doc, "");
        let view = views.as_v1();
        let mut findings = Findings::default();
        let mut error = ErrorBox::default();
        let (finding_sink, error_sink) = (findings.sink(), error.sink());
        // SAFETY: the plugin's check with its instance; the document, sinks and
        // their contexts live until it returns.
        let rc = unsafe {
            check(
                rule.ptr,
                &raw const view,
                &raw const finding_sink,
                &raw const error_sink,
            )
        };
        if let Some(message) = rule.call_failure(&mut findings, rc, error) {
            sink.fail(message);
        }
        for (_, finding) in findings.found {
            sink.report(finding);
        }
    }
}

/// A plugin's corpus rule.
struct FfiCorpusRule(Instance);

#[derive(Default)]
struct FactsBox(Option<String>);

unsafe extern "C" fn set_facts(ctx: *mut c_void, json: StrRef) -> u32 {
    // SAFETY: `ctx` is the `FactsBox` lent with this sink; the JSON is lent for the call.
    unsafe {
        match checked_str_from(json) {
            Some(json) => {
                (*ctx.cast::<FactsBox>()).0 = Some(json.to_owned());
                status::OK
            }
            None => status::INVALID_INPUT,
        }
    }
}

impl CorpusRule for FfiCorpusRule {
    fn collect(&self, doc: &Document) -> Option<serde_json::Value> {
        self.collect_json(doc).and_then(|json| serde_json::from_str(&json).ok())
    }

    /// The plugin's facts as it wrote them: kept as text, never parsed here.
    fn collect_json(&self, doc: &Document) -> Option<String> {
        let rule = &self.0;
        let collect = rule.desc.collect.filter(|_| rule.enabled())?;
        let views = DocumentViews::new(doc, "");
        let view = views.as_v1();
        let mut facts = FactsBox::default();
        let mut error = ErrorBox::default();
        let facts_sink = FactsSinkV1 {
            ctx: std::ptr::from_mut(&mut facts).cast(),
            set: Some(set_facts),
        };
        let error_sink = error.sink();
        // SAFETY: the plugin's collect with its instance; everything lent lives
        // until it returns.
        let rc = unsafe { collect(rule.ptr, &raw const view, &raw const facts_sink, &raw const error_sink) };
        if rc != status::OK {
            rule.failure(rc, error);
            return None;
        }
        facts.0
    }

    fn finish(&self, facts: &[DocFacts], sink: &mut CorpusSink) {
        let texts: Vec<String> = facts.iter().map(|f| f.facts.to_string()).collect();
        let json: Vec<DocFactsJson<'_>> = facts
            .iter()
            .zip(&texts)
            .map(|(f, text)| DocFactsJson {
                doc: f.doc,
                path: &f.path,
                json: text,
            })
            .collect();
        self.finish_json(&json, sink);
    }

    /// The facts go back to the plugin as the text it wrote, every document's at
    /// once (a plugin built before ABI 1.4 takes them so).
    fn finish_json(&self, facts: &[DocFactsJson<'_>], sink: &mut CorpusSink) {
        let rule = &self.0;
        let table: Vec<DocFactsV1> = facts.iter().map(doc_facts_v1).collect();
        self.call_finish(sink, |run, finding_sink, error_sink| {
            // SAFETY: the plugin's finish with its instance; the facts table, sinks
            // and contexts live until it returns.
            unsafe {
                match (rule.desc.finish_in_run, rule.desc.finish) {
                    (Some(finish), _) => Some(finish(
                        rule.ptr,
                        table.as_ptr(),
                        table.len(),
                        run,
                        finding_sink,
                        error_sink,
                    )),
                    (None, Some(finish)) => {
                        Some(finish(rule.ptr, table.as_ptr(), table.len(), finding_sink, error_sink))
                    }
                    (None, None) => None,
                }
            }
        });
    }

    /// The facts go to the plugin one document at a time through a reader
    /// (ABI 1.4), or, for an older plugin, all at once.
    fn finish_reading(&self, facts: &mut dyn FactsReader, sink: &mut CorpusSink) {
        let rule = &self.0;
        let Some(finish) = rule.desc.finish_reading else {
            let mut texts = Vec::with_capacity(facts.left());
            while let Some(f) = facts.next_facts() {
                texts.push((f.doc, f.path.to_owned(), f.json.to_owned()));
            }
            let table: Vec<DocFactsJson<'_>> = texts
                .iter()
                .map(|(doc, path, json)| DocFactsJson { doc: *doc, path, json })
                .collect();
            return self.finish_json(&table, sink);
        };
        let mut lent = Lent(facts);
        let reader = FactsReaderV1 {
            ctx: std::ptr::from_mut(&mut lent).cast(),
            count: lent.0.left(),
            next: Some(next_facts),
        };
        self.call_finish(sink, |run, finding_sink, error_sink| {
            // SAFETY: the plugin's finish with its instance; the reader, sinks and
            // contexts live until it returns.
            Some(unsafe { finish(rule.ptr, &raw const reader, run, finding_sink, error_sink) })
        });
    }
}

impl FfiCorpusRule {
    /// Calls one of the plugin's `finish` functions through `call` (given the
    /// run's context and the sinks; `None`: the plugin has none), then hands its
    /// findings or failure to `sink`.
    fn call_finish(
        &self,
        sink: &mut CorpusSink,
        call: impl FnOnce(*const RunContextV1, *const FindingSinkV1, *const ErrorSinkV1) -> Option<u32>,
    ) {
        let rule = &self.0;
        let mut findings = Findings::default();
        let mut error = ErrorBox::default();
        let (finding_sink, error_sink) = (findings.sink(), error.sink());
        let as_of = sink.run().as_of;
        let run = RunContextV1 {
            struct_size: size_of::<RunContextV1>() as u32,
            as_of: DateV1 {
                year: as_of.map_or(0, |d| i32::from(d.year())),
                month: as_of.map_or(0, |d| d.month() as u32),
                day: as_of.map_or(0, |d| d.day() as u32),
            },
        };
        let Some(rc) = call(&raw const run, &raw const finding_sink, &raw const error_sink) else {
            return;
        };
        if let Some(message) = rule.call_failure(&mut findings, rc, error) {
            sink.fail(message);
        }
        sink.report_all(findings.found);
    }
}

fn doc_facts_v1(f: &DocFactsJson<'_>) -> DocFactsV1 {
    DocFactsV1 {
        doc_id: f.doc,
        path: StrRef::new(f.path),
        facts_json: StrRef::new(f.json),
    }
}

/// The engine's facts reader, lent to a plugin as `FactsReaderV1::ctx`.
struct Lent<'r>(&'r mut dyn FactsReader);

/// `FactsReaderV1::next`: the next document's facts, lent until the next call.
unsafe extern "C" fn next_facts(ctx: *mut c_void, out: *mut DocFactsV1) -> u32 {
    // A panic must not cross into the plugin: it ends the reading.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: `ctx` is the `Lent` of this call; `out` the plugin's.
        let (lent, out) = unsafe { (&mut *ctx.cast::<Lent<'_>>(), out.as_mut()) };
        let (Some(out), Some(f)) = (out, lent.0.next_facts()) else {
            return 0;
        };
        // The reader keeps this document's text until its next call.
        *out = doc_facts_v1(&f);
        1
    }))
    .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_json_puts_each_key_on_its_own_line() {
        let table: toml::Table = "required = [\"a\"]\ntitle = false\n".parse().unwrap();
        let (json, keys) = options_json(&table);
        assert_eq!(json, "{\n\"required\": [\"a\"],\n\"title\": false\n}");
        assert_eq!(keys, ["required", "title"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["title"], false);
    }

    #[test]
    fn errors_are_located_by_line() {
        let keys = vec!["required".to_owned(), "title".to_owned()];
        let e = locate(
            "invalid type: string \"yes\", expected a boolean at line 3 column 14",
            &keys,
        );
        assert_eq!(e.key.as_deref(), Some("title"));
        assert_eq!(e.message, "invalid type: string \"yes\", expected a boolean");
        let e = locate("missing field `name` at line 4 column 1", &keys);
        assert_eq!(e.key, None);
    }

    #[test]
    fn a_findings_own_severity_is_read_only_from_plugins_that_send_it() {
        let message = "mixed date styles";
        let finding = |struct_size: usize| FindingV1 {
            struct_size: u32::try_from(struct_size).unwrap(),
            doc_id: 0,
            span: stmtlint_plugin_abi::SpanV1 { start: 0, end: 1 },
            message: StrRef::new(message),
            help: StrRef::EMPTY,
            labels: std::ptr::null(),
            n_labels: 0,
            fix_message: StrRef::EMPTY,
            fix_applicability: 0,
            edits: std::ptr::null(),
            n_edits: 0,
            severity: stmtlint_plugin_abi::severity::INFO,
        };
        // SAFETY: the findings and their strings live for the calls.
        let (new, old) = unsafe {
            (
                copy_finding(&finding(size_of::<FindingV1>())).unwrap(),
                copy_finding(&finding(std::mem::offset_of!(FindingV1, severity))).unwrap(),
            )
        };
        assert_eq!(new.severity, Some(Severity::Info));
        assert_eq!(old.severity, None, "a plugin built for ABI 1.2 has no such field");
    }
}

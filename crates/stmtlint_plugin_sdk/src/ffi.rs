//! The generic `extern "C"` shims `declare_plugin!` puts behind a plugin's tables.
//!
//! Every shim runs its body under [`guard`]: a panic becomes [`status::PANICKED`]
//! with its message in the error sink, never an unwind into the host.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::Once;

use stmtlint_plugin::{
    Applicability, ConfigurableRule, CorpusRule, CorpusSink, DocFactsJson, Document, FactsReader, Finding, Rule,
    RunContext, Sink, Source,
};
use stmtlint_plugin_abi::{
    ABI_MAJOR, ABI_MINOR, BytesRef, DocBuilderV1, DocFactsV1, DocumentV1, EditV1, ErrorSinkV1, FactsReaderV1,
    FactsSinkV1, FindingSinkV1, FindingV1, HostInfoV1, LabelV1, MAGIC, PluginInfoV1, RuleInstance, RuleV1,
    RunContextV1, SourceV1, StrRef, applicability, severity, status,
};

use crate::views::{document_from_v1, push_document, slice_from, span_v1, str_from};

/// What built a plugin, for the host's messages.
pub const BUILT_WITH: &str = concat!("stmtlint_plugin_sdk ", env!("CARGO_PKG_VERSION"));

fn set_error(err: *const ErrorSinkV1, message: &str) {
    // SAFETY: `err` is null or the host's sink, valid during the call.
    if let Some(sink) = unsafe { err.as_ref() }
        && let Some(set) = sink.set
    {
        // SAFETY: the callback is the host's; the message lives until it returns.
        unsafe { set(sink.ctx, StrRef::new(message)) };
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Runs `f`; an error goes to the sink as [`status::ERROR`], a panic as
/// [`status::PANICKED`].
pub fn guard(err: *const ErrorSinkV1, f: impl FnOnce() -> Result<(), String>) -> u32 {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => status::OK,
        Ok(Err(message)) => {
            set_error(err, &message);
            status::ERROR
        }
        Err(payload) => {
            set_error(err, &format!("panicked: {}", panic_message(payload.as_ref())));
            // Dropping a payload can itself panic; leak it instead.
            std::mem::forget(payload);
            status::PANICKED
        }
    }
}

/// Identifies a lent document: its id, and where and how long its text is.
type DocKey = (u64, usize, usize);

thread_local! {
    /// The last document converted on this thread: the host calls every rule of a
    /// plugin on one document in a row, so it is converted once, not once per rule.
    static LAST: RefCell<Option<(DocKey, Rc<Document>)>> = const { RefCell::new(None) };
}

/// The owned document of a host view, converted once per document and thread.
///
/// # Safety
/// `doc` must be the view the host lent for this call.
unsafe fn document(doc: *const DocumentV1) -> Result<Rc<Document>, String> {
    // SAFETY: the host lends a valid view for the duration of the call.
    let view = unsafe { doc.as_ref() }.ok_or("the host passed no document")?;
    let key = (view.doc_id, view.text.ptr as usize, view.text.len);
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((cached, doc)) = last.as_ref()
            && *cached == key
        {
            return Ok(Rc::clone(doc));
        }
        // SAFETY: as above.
        let converted = Rc::new(unsafe { document_from_v1(view) });
        *last = Some((key, Rc::clone(&converted)));
        Ok(converted)
    })
}

fn applicability_v1(a: Applicability) -> u32 {
    match a {
        Applicability::Safe => applicability::SAFE,
        Applicability::Unsafe => applicability::UNSAFE,
        Applicability::DisplayOnly => applicability::DISPLAY_ONLY,
    }
}

/// Hands findings to the host's sink, one callback each.
fn emit(sink: *const FindingSinkV1, findings: &[(u64, Finding)]) -> Result<(), String> {
    for (doc_id, f) in findings {
        emit_one(sink, *doc_id, f)?;
    }
    Ok(())
}

/// Hands one finding on document `doc_id` to the host's sink.
fn emit_one(sink: *const FindingSinkV1, doc_id: u64, f: &Finding) -> Result<(), String> {
    // SAFETY: `sink` is the host's, valid during the call.
    let sink = unsafe { sink.as_ref() }.ok_or("the host passed no finding sink")?;
    let emit = sink.emit.ok_or("the host's finding sink has no callback")?;
    let labels: Vec<LabelV1> = f
        .labels
        .iter()
        .map(|l| LabelV1 {
            span: span_v1(l.span),
            message: StrRef::new(&l.message),
        })
        .collect();
    let edits: Vec<EditV1> = f
        .fix
        .iter()
        .flat_map(|fix| fix.edits.iter())
        .map(|e| EditV1 {
            span: span_v1(e.span),
            replacement: StrRef::new(&e.replacement),
        })
        .collect();
    let finding = FindingV1 {
        struct_size: size_of::<FindingV1>() as u32,
        doc_id,
        span: span_v1(f.span),
        message: StrRef::new(&f.message),
        help: f.help.as_deref().map_or(StrRef::EMPTY, StrRef::new),
        labels: labels.as_ptr(),
        n_labels: labels.len(),
        fix_message: f.fix.as_ref().map_or(StrRef::EMPTY, |fix| StrRef::new(&fix.message)),
        fix_applicability: f.fix.as_ref().map_or(0, |fix| applicability_v1(fix.applicability)),
        edits: edits.as_ptr(),
        n_edits: edits.len(),
        severity: f.severity.map_or(0, severity_v1),
    };
    // SAFETY: the host's callback; `finding` and its tables live until it returns.
    let rc = unsafe { emit(sink.ctx, &raw const finding) };
    if rc != status::OK {
        return Err(format!("the host refused a finding (status {rc})"));
    }
    Ok(())
}

/// The host's finding sink, lent for one `finish` call.
struct HostSink(*const FindingSinkV1);

// SAFETY: the pointer is used only by the rule's `finish`, on the thread the host
// called it on, while the host keeps the sink alive.
unsafe impl Send for HostSink {}

/// Runs a corpus rule's `finish` with a sink that hands each finding to the host
/// as it is reported (a rule over a large set holds none of its findings); the
/// rule's failure, if it records one, is the call's.
fn finish_forwarding(
    run: stmtlint_plugin::RunContext,
    sink: *const FindingSinkV1,
    finish: impl FnOnce(&mut CorpusSink),
) -> Result<(), String> {
    let host = HostSink(sink);
    let mut findings = CorpusSink::forwarding(
        run,
        Box::new(move |doc, finding| {
            let host = &host;
            emit_one(host.0, doc, &finding)
        }),
    );
    finish(&mut findings);
    findings.failure().map_or(Ok(()), |message| Err(message.to_owned()))
}

unsafe extern "C" fn create<R: ConfigurableRule>(
    options: StrRef,
    out: *mut RuleInstance,
    err: *const ErrorSinkV1,
) -> u32 {
    guard(err, || {
        // SAFETY: the host lends UTF-8 options for the call.
        let json = unsafe { str_from(options) };
        let options: R::Options = if json.trim().is_empty() {
            R::Options::default()
        } else {
            serde_json::from_str(json).map_err(|e| e.to_string())?
        };
        // SAFETY: `out` is the host's slot for the instance.
        let slot = unsafe { out.as_mut() }.ok_or("the host passed no instance slot")?;
        *slot = Box::into_raw(Box::new(R::new(options))).cast();
        Ok(())
    })
}

unsafe extern "C" fn destroy<R: ConfigurableRule>(rule: RuleInstance) {
    if rule.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: made by `create::<R>` with Box::into_raw, destroyed once by the host.
        drop(unsafe { Box::from_raw(rule.cast::<R>()) });
    }));
}

/// # Safety
/// `rule` must be an instance `create::<R>` made and not yet destroyed.
unsafe fn instance<'a, R>(rule: RuleInstance) -> Result<&'a R, String> {
    // SAFETY: guaranteed by the caller.
    unsafe { rule.cast::<R>().as_ref() }.ok_or_else(|| "the host passed no rule instance".to_owned())
}

unsafe extern "C" fn check<R: ConfigurableRule + Rule>(
    rule: RuleInstance,
    doc: *const DocumentV1,
    sink: *const FindingSinkV1,
    err: *const ErrorSinkV1,
) -> u32 {
    guard(err, || {
        // SAFETY: the host passes an instance of this rule and a lent document.
        let (rule, doc) = unsafe { (instance::<R>(rule)?, document(doc)?) };
        let mut findings = Sink::new();
        rule.check(&doc, &mut findings);
        let findings: Vec<(u64, Finding)> = findings.into_findings().into_iter().map(|f| (doc.id, f)).collect();
        emit(sink, &findings)
    })
}

unsafe extern "C" fn collect<R: ConfigurableRule + CorpusRule>(
    rule: RuleInstance,
    doc: *const DocumentV1,
    out: *const FactsSinkV1,
    err: *const ErrorSinkV1,
) -> u32 {
    guard(err, || {
        // SAFETY: the host passes an instance of this rule and a lent document.
        let (rule, doc) = unsafe { (instance::<R>(rule)?, document(doc)?) };
        let Some(facts) = rule.collect(&doc) else {
            return Ok(());
        };
        let json = facts.to_string();
        // SAFETY: the host's sink, valid during the call.
        let out = unsafe { out.as_ref() }.ok_or("the host passed no facts sink")?;
        let set = out.set.ok_or("the host's facts sink has no callback")?;
        // SAFETY: the host's callback; `json` lives until it returns.
        match unsafe { set(out.ctx, StrRef::new(&json)) } {
            status::OK => Ok(()),
            rc => Err(format!("the host refused the facts (status {rc})")),
        }
    })
}

unsafe extern "C" fn finish<R: ConfigurableRule + CorpusRule>(
    rule: RuleInstance,
    facts: *const DocFactsV1,
    n_facts: usize,
    sink: *const FindingSinkV1,
    err: *const ErrorSinkV1,
) -> u32 {
    // SAFETY: as the host promises for `finish`.
    unsafe { finish_in_run::<R>(rule, facts, n_facts, std::ptr::null(), sink, err) }
}

/// `finish` with the run's context (ABI 1.2); a null `run` is the default context.
unsafe extern "C" fn finish_in_run<R: ConfigurableRule + CorpusRule>(
    rule: RuleInstance,
    facts: *const DocFactsV1,
    n_facts: usize,
    run: *const RunContextV1,
    sink: *const FindingSinkV1,
    err: *const ErrorSinkV1,
) -> u32 {
    // SAFETY: the host passes an instance of this rule and lends the context.
    let (rule, run) = unsafe { (instance::<R>(rule), run_context(run)) };
    guard(err, || {
        let rule = rule?;
        // SAFETY: the host lends the facts table for the call.
        let table = unsafe { slice_from(facts, n_facts) };
        // The facts stay the host's text until the rule reads them (`finish_json`
        // parses one document at a time), so a rule that keeps compact records of
        // its own never holds every JSON tree, nor a copy of every text, at once.
        let json: Vec<DocFactsJson<'_>> = table
            .iter()
            // SAFETY: the host lends UTF-8 strings for the call.
            .map(|f| unsafe { doc_facts(f) })
            .collect();
        finish_forwarding(run, sink, |findings| rule.finish_json(&json, findings))
    })
}

/// `finish_in_run` with the facts read one document at a time (ABI 1.4): only
/// the document being parsed is text on either side.
unsafe extern "C" fn finish_reading<R: ConfigurableRule + CorpusRule>(
    rule: RuleInstance,
    facts: *const FactsReaderV1,
    run: *const RunContextV1,
    sink: *const FindingSinkV1,
    err: *const ErrorSinkV1,
) -> u32 {
    // SAFETY: the host passes an instance of this rule and lends the context.
    let (rule, run) = unsafe { (instance::<R>(rule), run_context(run)) };
    guard(err, || {
        let rule = rule?;
        // SAFETY: the host lends the reader for the call.
        let reader = unsafe { facts.as_ref() }.ok_or("the host passed no facts reader")?;
        let next = reader.next.ok_or("the host's facts reader has no callback")?;
        let mut facts = HostFacts {
            reader,
            next,
            left: reader.count,
        };
        finish_forwarding(run, sink, |findings| rule.finish_reading(&mut facts, findings))
    })
}

/// The host's facts, read through its callback.
struct HostFacts<'h> {
    reader: &'h FactsReaderV1,
    next: unsafe extern "C" fn(*mut std::ffi::c_void, *mut DocFactsV1) -> u32,
    left: usize,
}

impl FactsReader for HostFacts<'_> {
    fn left(&self) -> usize {
        self.left
    }

    fn next_facts(&mut self) -> Option<DocFactsJson<'_>> {
        let mut out = DocFactsV1 {
            doc_id: 0,
            path: StrRef::new(""),
            facts_json: StrRef::new(""),
        };
        // SAFETY: the host's callback and context, valid during `finish_reading`.
        if unsafe { (self.next)(self.reader.ctx, &raw mut out) } != 1 {
            self.left = 0;
            return None;
        }
        self.left = self.left.saturating_sub(1);
        // SAFETY: the host lends the strings until its next call, which needs
        // `&mut self`, so they cannot outlive this borrow.
        Some(unsafe { doc_facts(&out) })
    }
}

/// A document's facts as the host lent them.
///
/// # Safety
/// `f`'s strings must be UTF-8 the host lends for as long as `'a`.
unsafe fn doc_facts<'a>(f: &DocFactsV1) -> DocFactsJson<'a> {
    DocFactsJson {
        doc: f.doc_id,
        // SAFETY: as the caller promises.
        path: unsafe { str_from(f.path) },
        json: unsafe { str_from(f.facts_json) },
    }
}

/// The run's context as the host lends it (ABI 1.2); a null one, or one too small,
/// is the default context.
///
/// # Safety
/// `run` is null or points to a context the host lends for the call.
unsafe fn run_context(run: *const RunContextV1) -> RunContext {
    // SAFETY: as the caller promises; its size says what it has.
    unsafe { run.as_ref() }
        .filter(|r| r.struct_size as usize >= size_of::<RunContextV1>())
        .map_or_else(RunContext::default, |r| {
            let d = r.as_of;
            let as_of = (d.year != 0)
                .then(|| stmtlint_plugin::Date::new(d.year as i16, d.month as i8, d.day as i8).ok())
                .flatten();
            RunContext::as_of(as_of)
        })
}

fn severity_v1(s: stmtlint_plugin::Severity) -> u32 {
    match s {
        stmtlint_plugin::Severity::Error => severity::ERROR,
        stmtlint_plugin::Severity::Warning => severity::WARNING,
        stmtlint_plugin::Severity::Info => severity::INFO,
    }
}

fn leak(s: String) -> StrRef {
    StrRef::new(Box::leak(s.into_boxed_str()))
}

fn rule_header<R: ConfigurableRule>() -> RuleV1 {
    let meta = R::META;
    RuleV1 {
        struct_size: size_of::<RuleV1>() as u32,
        id: StrRef::new(meta.id),
        summary: StrRef::new(meta.summary),
        docs: leak(meta.docs_text()),
        default_severity: severity_v1(meta.default_severity),
        create: Some(create::<R>),
        check: None,
        collect: None,
        finish: None,
        destroy: Some(destroy::<R>),
        finish_in_run: None,
        finish_reading: None,
    }
}

/// The table entry of a document rule.
pub fn rule_v1<R: ConfigurableRule + Rule>() -> RuleV1 {
    RuleV1 {
        check: Some(check::<R>),
        ..rule_header::<R>()
    }
}

/// The table entry of a corpus rule.
pub fn corpus_rule_v1<R: ConfigurableRule + CorpusRule>() -> RuleV1 {
    RuleV1 {
        collect: Some(collect::<R>),
        finish: Some(finish::<R>),
        finish_in_run: Some(finish_in_run::<R>),
        finish_reading: Some(finish_reading::<R>),
        ..rule_header::<R>()
    }
}

unsafe extern "C" fn sniff<S: Source + Default>(head: BytesRef) -> u32 {
    // SAFETY: the host lends the bytes for the call.
    let head = unsafe { slice_from(head.ptr, head.len) };
    catch_unwind(|| u32::from(S::default().sniff(head))).unwrap_or(0)
}

/// A source's `read` (`WHOLE`) or `read_for_positions`, through the ABI.
unsafe extern "C" fn read<S: Source + Default, const WHOLE: bool>(
    bytes: BytesRef,
    out: *const DocBuilderV1,
    err: *const ErrorSinkV1,
) -> u32 {
    let source = S::default();
    // SAFETY: as the host's call.
    unsafe {
        build(bytes, out, err, |bytes| {
            if WHOLE {
                source.read(bytes)
            } else {
                source.read_for_positions(bytes)
            }
        })
    }
}

/// A source's document, made by `read` from the bytes lent, pushed into the host's
/// builder; a refusal goes to the error sink.
///
/// # Safety
/// `bytes`, `out` and `err` are what the host lends for a `read` call.
unsafe fn build(
    bytes: BytesRef,
    out: *const DocBuilderV1,
    err: *const ErrorSinkV1,
    read: impl FnOnce(&[u8]) -> Result<stmtlint_plugin::Document, stmtlint_plugin::SourceError>,
) -> u32 {
    let mut refused = None;
    let rc = guard(err, || {
        // SAFETY: the host lends the bytes for the call.
        let bytes = unsafe { slice_from(bytes.ptr, bytes.len) };
        match read(bytes) {
            Ok(doc) => {
                // SAFETY: the host's builder, valid during the call.
                let out = unsafe { out.as_ref() }.ok_or("the host passed no document builder")?;
                // SAFETY: as above.
                match unsafe { push_document(&doc, out) } {
                    status::OK => Ok(()),
                    rc => Err(format!("the host refused the document (status {rc})")),
                }
            }
            Err(e) => {
                refused = Some(e);
                Ok(())
            }
        }
    });
    match refused {
        Some(e) => {
            set_error(err, &crate::encode_source_error(&e));
            status::INVALID_INPUT
        }
        None => rc,
    }
}

/// The table entry of a source.
pub fn source_v1<S: Source + Default>() -> SourceV1 {
    let source = S::default();
    SourceV1 {
        struct_size: size_of::<SourceV1>() as u32,
        name: StrRef::new(source.name()),
        extensions: leak(source.extensions().join(",")),
        sniff: Some(sniff::<S>),
        read: Some(read::<S, true>),
        read_for_positions: Some(read::<S, false>),
    }
}

/// A descriptor that may live in a `static`.
pub struct Descriptor(pub PluginInfoV1);

// SAFETY: the descriptor and the tables it points at are leaked, immutable, and
// never freed, so every thread may read them.
unsafe impl Send for Descriptor {}
// SAFETY: as above.
unsafe impl Sync for Descriptor {}

/// Builds the descriptor: the tables are leaked, as the host never unloads a library.
pub fn descriptor(
    name: &'static str,
    version: &'static str,
    flags: u64,
    rules: Vec<RuleV1>,
    sources: Vec<SourceV1>,
) -> Descriptor {
    let rules = Box::leak(rules.into_boxed_slice());
    let sources = Box::leak(sources.into_boxed_slice());
    Descriptor(PluginInfoV1 {
        magic: MAGIC,
        abi_major: ABI_MAJOR,
        abi_minor: ABI_MINOR,
        struct_size: size_of::<PluginInfoV1>() as u32,
        name: StrRef::new(name),
        version: StrRef::new(version),
        built_with: StrRef::new(BUILT_WITH),
        flags,
        rules: rules.as_ptr(),
        n_rules: rules.len(),
        sources: sources.as_ptr(),
        n_sources: sources.len(),
    })
}

/// The body of an exported entry point: builds the descriptor once, quietly (a
/// panic returns null, which the host reports), and silences the plugin's own panic
/// hook, since every panic is caught and reported through the error sinks.
///
/// A host older than ABI 1.5 steps through the sources table by its own, smaller
/// `SourceV1`: with two sources or more it would misread the second, so such a host
/// gets null (refused) instead.
///
/// # Safety
/// `host` is null or the host's description, valid for the call.
pub unsafe fn entry(host: *const HostInfoV1, build: fn() -> &'static Descriptor) -> *const PluginInfoV1 {
    static QUIET: Once = Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Ok(descriptor) = catch_unwind(build) else {
        return std::ptr::null();
    };
    // SAFETY: as the caller guarantees.
    let host_minor = unsafe { host.as_ref() }.map(|h| h.abi_minor);
    if descriptor.0.n_sources > 1 && host_minor.is_some_and(|minor| minor < 5) {
        return std::ptr::null();
    }
    &raw const descriptor.0
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

    use super::*;
    use stmtlint_plugin::{Document, SourceError};

    #[derive(Default)]
    struct Plain;

    impl Source for Plain {
        fn name(&self) -> &'static str {
            "plain"
        }
        fn extensions(&self) -> &'static [&'static str] {
            &["plain"]
        }
        fn read(&self, _bytes: &[u8]) -> Result<Document, SourceError> {
            Err(SourceError::new("stmtlint::source::plain::failed", "never read"))
        }
    }

    fn two_sources() -> &'static Descriptor {
        static DESCRIPTOR: std::sync::OnceLock<Descriptor> = std::sync::OnceLock::new();
        DESCRIPTOR.get_or_init(|| {
            descriptor(
                "two",
                "1.0.0",
                0,
                Vec::new(),
                vec![source_v1::<Plain>(), source_v1::<Plain>()],
            )
        })
    }

    /// A host before ABI 1.5 would step through two sources by its smaller
    /// `SourceV1` and misread the second: it is refused; a 1.5 host is not.
    #[test]
    fn a_host_before_1_5_is_refused_a_plugin_with_two_sources() {
        let host = |minor: u16| HostInfoV1 {
            struct_size: size_of::<HostInfoV1>() as u32,
            abi_major: 1,
            abi_minor: minor,
            host_version: StrRef::new("0.1.0"),
        };
        let entry_for = |minor: u16| {
            let info = host(minor);
            // SAFETY: a host description that lives for the call.
            unsafe { entry(&raw const info, two_sources) }
        };
        assert!(entry_for(4).is_null());
        assert!(!entry_for(5).is_null());
        // SAFETY: as above.
        assert_eq!(unsafe { entry_for(5).as_ref() }.unwrap().n_sources, 2);
    }
}

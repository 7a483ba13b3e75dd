//! The server's worker: it owns the engine, loads the configuration (again when it
//! changes), lints what the message loop asks for, and publishes the findings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use serde_json::{Value, json};
use stmtlint_engine::{Diagnostic, Engine, UNUSED_SUPPRESSION};
use stmtlint_plugin::{Date, RunContext, Severity};

use super::position::{Encoding, Lines, path_to_uri};
use super::{Pending, Shared, range, uri_of};

/// The command line's say in the server.
pub struct Options {
    pub config: Option<PathBuf>,
    pub no_plugins: bool,
    pub as_of: Option<Date>,
}

/// The formats an editor shows as text: the ones whose lines findings point to.
const EDITABLE: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

fn editable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EDITABLE.contains(&e.to_ascii_lowercase().as_str()))
}

/// A finding as the protocol writes it.
pub fn to_lsp(d: &Diagnostic, lines: &Lines<'_>, encoding: Encoding, uri: &str) -> Value {
    let severity = match d.severity {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Info => 3,
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .map(|l| json!({"location": {"uri": uri, "range": range(lines, encoding, &l.region)}, "message": l.message}))
        .collect();
    let mut value = json!({
        "range": range(lines, encoding, &d.region),
        "severity": severity,
        "code": d.rule,
        "source": "stmtlint",
        "message": message,
    });
    if !related.is_empty() {
        value["relatedInformation"] = Value::Array(related);
    }
    value
}

/// The engine built from the configuration, and what the worker keeps of it.
struct Loaded {
    engine: Engine,
    exclude: Vec<glob::Pattern>,
    config: Option<PathBuf>,
    stamp: Option<SystemTime>,
}

/// Why the configuration cannot be used, placed in its file.
struct Problem {
    path: PathBuf,
    message: String,
    code: String,
    /// Byte offsets in the file.
    span: Option<(usize, usize)>,
}

fn modified(path: Option<&Path>) -> Option<SystemTime> {
    std::fs::metadata(path?).and_then(|m| m.modified()).ok()
}

/// Each rule's summary and documentation, by id.
type Docs = HashMap<String, (String, String)>;

/// Loads the configuration of the workspace (or `--config`), the plugins it
/// names, and builds the engine; or says what is wrong and where.
fn load(options: &Options, root: &Path) -> Result<(Loaded, Docs), Problem> {
    let path = options.config.clone().or_else(|| stmtlint_config::discover(root));
    if let Some(path) = &path
        && let Err(e) = stmtlint_config::load(Some(path))
    {
        use miette::Diagnostic as _;
        let span = e
            .labels()
            .and_then(|mut labels| labels.next())
            .map(|l| (l.offset(), l.offset() + l.len()));
        let mut message = e.to_string();
        if let Some(help) = e.help() {
            message.push_str(&format!("\nhelp: {help}"));
        }
        return Err(Problem {
            path: path.clone(),
            code: e
                .code()
                .map_or_else(|| "stmtlint::config".to_owned(), |c| c.to_string()),
            message,
            span,
        });
    }
    let problem = |what: &str| Problem {
        path: path.clone().unwrap_or_else(|| root.join("stmtlint.toml")),
        message: format!("{what} (the server's log, stderr, has the details)"),
        code: "stmtlint::config::invalid".into(),
        span: None,
    };
    let setup = crate::commands::setup::setup_from(path.as_deref(), options.no_plugins)
        .map_err(|_| problem("the configuration, a plugin or a rule file it names cannot be used"))?;
    let docs = setup
        .specs
        .iter()
        .map(|s| (s.id.clone(), (s.summary.clone(), s.docs.clone())))
        .collect();
    let exclude = setup.exclude_patterns();
    let config = setup.config_path.clone();
    let engine = setup
        .engine()
        .map_err(|_| problem("a rule's options are invalid"))?
        .in_run(RunContext::as_of(options.as_of));
    let stamp = modified(config.as_deref());
    Ok((
        Loaded {
            engine,
            exclude,
            config,
            stamp,
        },
        docs,
    ))
}

/// What the worker remembers between jobs.
#[derive(Default)]
struct Memory {
    /// Findings of the corpus rules (and of `unused-suppression`) from the last
    /// workspace run, by file: a buffer being typed keeps them until the next save.
    corpus: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Where a configuration problem is shown.
    problem_at: Option<PathBuf>,
}

/// The worker's loop: waits for work, takes all of it, does it.
pub(super) fn work(shared: &Shared, sender: &Sender<Message>, options: &Options) {
    let mut loaded: Option<Loaded> = None;
    let mut memory = Memory::default();
    loop {
        let pending = {
            let mut state = shared.lock();
            while !(state.pending.quit
                || state.pending.reload
                || state.pending.workspace
                || !state.pending.changed.is_empty())
            {
                state = shared
                    .wake
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            std::mem::take(&mut state.pending)
        };
        if pending.quit {
            return;
        }
        // A config edited outside the editor is seen at the next save.
        let stale = loaded
            .as_ref()
            .is_some_and(|l| l.config.is_some() && modified(l.config.as_deref()) != l.stamp);
        let fresh = pending.reload || stale || loaded.is_none();
        if fresh {
            reload(shared, sender, options, &mut loaded, &mut memory);
        }
        let Some(current) = &loaded else { continue };
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            do_work(shared, sender, current, &mut memory, &pending, fresh)
        }));
        if run.is_err() {
            log(sender, "stmtlint: linting failed unexpectedly; the server goes on");
        }
    }
}

fn log(sender: &Sender<Message>, message: &str) {
    let note = json!({"type": 1, "message": message});
    let _ = sender.send(Notification::new("window/logMessage".into(), note).into());
}

/// Loads the configuration; a broken one is a diagnostic on its file, and the last
/// good engine keeps serving.
fn reload(
    shared: &Shared,
    sender: &Sender<Message>,
    options: &Options,
    loaded: &mut Option<Loaded>,
    memory: &mut Memory,
) {
    match load(options, &shared.root) {
        Ok((fresh, docs)) => {
            *loaded = Some(fresh);
            shared.lock().docs = docs;
            if let Some(path) = memory.problem_at.take() {
                publish_raw(sender, &path_to_uri(&path), None, Vec::new());
            }
        }
        Err(problem) => {
            let text = std::fs::read_to_string(&problem.path).unwrap_or_default();
            let (start, end) = problem.span.unwrap_or((0, 0));
            let place = |offset: usize| -> (u32, u32) {
                let before = text.get(..offset.min(text.len())).unwrap_or("");
                let line = before.matches('\n').count() as u32 + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
                (line, column)
            };
            let lines = Lines::new(&text);
            let (sl, sc) = place(start);
            let (el, ec) = place(end);
            let (sl, sc) = lines.to_lsp(sl, sc, shared.encoding);
            let (el, ec) = lines.to_lsp(el, ec, shared.encoding);
            let diagnostic = json!({
                "range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}},
                "severity": 1,
                "code": problem.code,
                "source": "stmtlint",
                "message": problem.message,
            });
            publish_raw(sender, &path_to_uri(&problem.path), None, vec![diagnostic]);
            log(
                sender,
                &format!(
                    "stmtlint: {} has an error; {}",
                    problem.path.display(),
                    if loaded.is_some() {
                        "the last good configuration stays in force"
                    } else {
                        "linting waits for a configuration that loads"
                    }
                ),
            );
            memory.problem_at = Some(problem.path);
        }
    }
}

fn do_work(
    shared: &Shared,
    sender: &Sender<Message>,
    loaded: &Loaded,
    memory: &mut Memory,
    pending: &Pending,
    fresh: bool,
) {
    let engine = &loaded.engine;
    // The engine reads an open buffer instead of its file: the buffers that changed
    // are handed over (all of them to an engine just built), a closed one dropped.
    let open: Vec<(PathBuf, i32)> = {
        let state = shared.lock();
        for path in &pending.changed {
            let text = state.open.get(path).map(|o| o.text.clone().into_bytes());
            engine.set_buffer(path.clone(), text);
        }
        if fresh {
            for (path, o) in &state.open {
                engine.set_buffer(path.clone(), Some(o.text.clone().into_bytes()));
            }
        }
        state.open.iter().map(|(p, o)| (p.clone(), o.version)).collect()
    };
    let versions: HashMap<&PathBuf, i32> = open.iter().map(|(p, v)| (p, *v)).collect();
    if pending.workspace {
        workspace(shared, sender, loaded, memory, &open, &versions);
        return;
    }
    for path in &pending.changed {
        let report = engine.check_documents(std::slice::from_ref(path));
        let mut found: Vec<Diagnostic> = report
            .diagnostics
            .into_iter()
            .filter(|d| d.rule != UNUSED_SUPPRESSION)
            .collect();
        found.extend(memory.corpus.get(path).cloned().unwrap_or_default());
        found.extend(report.failures.iter().map(failure_as_finding));
        publish(shared, sender, path, found, versions.get(path).copied());
    }
}

/// Every statement of the workspace folder, as `check` discovers them, corpus rules
/// included; findings go to every file they concern, open or not.
fn workspace(
    shared: &Shared,
    sender: &Sender<Message>,
    loaded: &Loaded,
    memory: &mut Memory,
    open: &[(PathBuf, i32)],
    versions: &HashMap<&PathBuf, i32>,
) {
    let engine = &loaded.engine;
    let root = shared.root.display().to_string();
    let discovered = stmtlint_engine::discover(&[root], &engine.extensions(), &loaded.exclude);
    let mut files = discovered.files;
    for (path, _) in open {
        if !files.contains(path) && editable(path) {
            files.push(path.clone());
        }
    }
    let report = engine.check(&files);
    let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for d in report.diagnostics {
        by_file.entry(PathBuf::from(&d.path)).or_default().push(d);
    }
    for f in &report.failures {
        by_file
            .entry(PathBuf::from(&f.path))
            .or_default()
            .push(failure_as_finding(f));
    }
    memory.corpus = by_file
        .iter()
        .map(|(path, found)| {
            let kept = found
                .iter()
                .filter(|d| d.rule == UNUSED_SUPPRESSION || engine.is_corpus_rule(&d.rule))
                .cloned()
                .collect();
            (path.clone(), kept)
        })
        .collect();
    // Files that had findings and have none now are cleared.
    let before: Vec<PathBuf> = shared.lock().published.keys().cloned().collect();
    for path in before {
        by_file.entry(path).or_default();
    }
    for (path, found) in by_file {
        if editable(&path) {
            publish(shared, sender, &path, found, versions.get(&path).copied());
        }
    }
}

/// A file that could not be linted, as a finding on its first line.
fn failure_as_finding(f: &stmtlint_engine::Failure) -> Diagnostic {
    Diagnostic {
        path: f.path.clone(),
        rule: f.code.clone(),
        severity: Severity::Error,
        message: format!("stmtlint could not lint this file: {}", f.message),
        help: f.help.clone(),
        region: stmtlint_engine::Region {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        },
        page: None,
        text: String::new(),
        labels: Vec::new(),
        fix: None,
        span: stmtlint_plugin::Span::new(0, 0),
        excerpt: stmtlint_engine::Excerpt::default(),
    }
}

/// Publishes `found` on `path` (positions counted in the buffer, else the file),
/// unless the buffer moved on since `version` was linted.
fn publish(shared: &Shared, sender: &Sender<Message>, path: &Path, found: Vec<Diagnostic>, version: Option<i32>) {
    let mut state = shared.lock();
    let text = match state.open.get(path) {
        Some(open) if Some(open.version) != version => return,
        Some(open) => open.text.clone(),
        None => std::fs::read(path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
    };
    let uri = uri_of(shared, path);
    let lines = Lines::new(&text);
    let items: Vec<Value> = found.iter().map(|d| to_lsp(d, &lines, shared.encoding, &uri)).collect();
    publish_raw(sender, &uri, version, items);
    state.published.insert(path.to_path_buf(), (found, text));
}

fn publish_raw(sender: &Sender<Message>, uri: &str, version: Option<i32>, diagnostics: Vec<Value>) {
    let mut params = json!({"uri": uri, "diagnostics": diagnostics});
    if let Some(v) = version {
        params["version"] = json!(v);
    }
    let _ = sender.send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
}

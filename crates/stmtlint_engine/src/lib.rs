//! stmtlint's engine: finds the files, reads each with its source, runs the rules,
//! and returns one sorted [`Report`].
//!
//! - [`discover`] expands paths, directories and glob patterns into files.
//! - [`Engine`] holds the sources and the configured rules; [`Engine::check`] lints
//!   files in parallel. A file that cannot be read, a source or rule that panics,
//!   or a rule that reports a bad span becomes a [`Failure`] of that file; the rest of
//!   the run goes on.
//! - [`Diagnostic`] is a finding resolved to file positions, with an excerpt for
//!   rendering, so documents are dropped as soon as they are linted.

mod baseline;
mod discover;
mod excerpt;
mod panic;
mod report;
mod store;
mod suppress;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use stmtlint_config::Settings;
use stmtlint_plugin::{
    BuiltRule, CorpusRule, CorpusSink, DocFactsJson, Document, Rule, RuleSpec, Severity, Sink, Source,
};

pub use baseline::{Baseline, Entry as BaselineEntry, Hider as BaselineHider, Recorder as BaselineRecorder};
pub use discover::{Discovered, discover};
pub use panic::install_quiet_panic_hook;
pub use report::{
    Chunk, Diagnostic, EditReport, Excerpt, Failure, Findings, FixReport, LabelReport, Quoter, Region, Report,
    StoredReport, Summary,
};
use store::{Record, Store, Stored};
pub use suppress::{UNUSED as UNUSED_SUPPRESSION, disable_next_line, unused_spec as unused_suppression_spec};

/// A built rule: per document, or over the corpus.
pub enum RuleKind {
    /// Runs on each document.
    Document(Box<dyn Rule>),
    /// Collects facts of each document, then reports over all of them.
    Corpus(Box<dyn CorpusRule>),
}

/// A rule that runs, with the severity it reports at.
pub struct ActiveRule {
    /// The rule's id.
    pub id: String,
    /// The configured severity.
    pub severity: Severity,
    /// The rule.
    pub rule: RuleKind,
}

/// The built rule set and the sources, ready to lint files. Cheap to share: the
/// worker threads of a run each hold it ([`Core`]).
pub struct Engine(Arc<Core>);

impl std::ops::Deref for Engine {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.0
    }
}

/// What an [`Engine`] holds: sources, rules, limits, buffers.
pub struct Core {
    sources: Vec<Box<dyn Source>>,
    rules: Vec<ActiveRule>,
    max_file_size: u64,
    overrides: Overrides,
    /// `--no-plugins`: suppressions of plugin rules are not findings.
    plugins_off: bool,
    /// A statement read from standard input, and the name it goes by.
    /// Texts that stand for files: a statement from standard input, or an
    /// editor's unsaved buffers (`stmtlint server`). Linting such a path reads them.
    buffers: std::sync::RwLock<std::collections::HashMap<PathBuf, Vec<u8>>>,
    /// What the corpus rules are told about the run (`--as-of`).
    run: stmtlint_plugin::RunContext,
    /// How long one rule may run on one file (`rule-timeout-seconds`).
    rule_timeout: Option<std::time::Duration>,
    /// Rules that ran over it: off for the rest of the run.
    timed_out: Mutex<Vec<String>>,
    /// Whether `timed_out` has any (read on every rule call).
    any_timed_out: AtomicBool,
    /// Bytes of findings a run keeps in memory before it stores them in a
    /// temporary file.
    in_memory: usize,
}

/// `[[overrides]]`: the rule sets of files that match override patterns, built
/// once per combination of overrides that some file matches.
#[derive(Default)]
struct Overrides {
    /// Per override: its patterns and the folder they are relative to (absolute).
    patterns: Vec<(Vec<glob::Pattern>, PathBuf)>,
    /// The working directory, read once: relative paths start there.
    cwd: PathBuf,
    settings: Settings,
    specs: Vec<RuleSpec>,
    built: Mutex<std::collections::HashMap<Vec<usize>, std::sync::Arc<Vec<ActiveRule>>>>,
}

impl Overrides {
    fn new(settings: &Settings, specs: &[RuleSpec]) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let patterns = settings
            .overrides
            .iter()
            .map(|o| {
                let patterns = o.files.iter().filter_map(|p| glob::Pattern::new(p).ok()).collect();
                (
                    patterns,
                    normalize(&o.dir.as_ref().map_or_else(|| cwd.clone(), |d| cwd.join(d))),
                )
            })
            .collect();
        Self {
            patterns,
            cwd,
            settings: settings.clone(),
            specs: specs.to_vec(),
            built: Mutex::default(),
        }
    }

    /// The indices of the overrides whose patterns match `path`.
    fn matching(&self, path: &Path) -> Vec<usize> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let absolute = normalize(&self.cwd.join(path));
        (0..self.patterns.len())
            .filter(|i| {
                let (patterns, dir) = &self.patterns[*i];
                let relative = absolute.strip_prefix(dir).unwrap_or(path);
                patterns.iter().any(|p| p.matches_path(relative))
            })
            .collect()
    }

    /// The rule set with the overrides `which` applied, in order.
    fn rules(&self, which: Vec<usize>) -> Result<std::sync::Arc<Vec<ActiveRule>>, BuildError> {
        if let Some(rules) = lock(&self.built).get(&which) {
            return Ok(rules.clone());
        }
        let settings = which.iter().fold(self.settings.clone(), |s, i| {
            s.with_rules(&self.settings.overrides[*i].rules)
        });
        let rules = std::sync::Arc::new(build_rules(&settings, &self.specs)?);
        lock(&self.built).insert(which, rules.clone());
        Ok(rules)
    }
}

/// `path` without `.`, and with `..` resolved against what precedes it.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Builds every enabled rule of `specs` with its merged options.
fn build_rules(settings: &Settings, specs: &[RuleSpec]) -> Result<Vec<ActiveRule>, BuildError> {
    let mut rules = Vec::new();
    for spec in specs {
        let Some(severity) = settings.severity(spec) else {
            continue;
        };
        let rule = (spec.build)(&settings.options(&spec.id)).map_err(|e| BuildError {
            rule: spec.id.clone(),
            message: e.message,
        })?;
        let rule = match rule {
            BuiltRule::Document(rule) => RuleKind::Document(rule),
            BuiltRule::Corpus(rule) => RuleKind::Corpus(rule),
        };
        rules.push(ActiveRule {
            id: spec.id.clone(),
            severity,
            rule,
        });
    }
    Ok(rules)
}

/// A rule's options were valid in each file but not once merged.
#[derive(Debug)]
pub struct BuildError {
    /// The rule.
    pub rule: String,
    /// Why.
    pub message: String,
}

/// `f` over `files` on all cores; results in the order of `files`.
fn parallel<T: Send>(files: &[PathBuf], f: impl Fn(usize, &Path) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else { break };
                    local.push((index, f(index, path)));
                }
                lock(&results).append(&mut local);
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Facts a corpus rule collected from one document.
struct Collected<F = String> {
    rule: usize,
    /// The document's id.
    doc: u64,
    /// The facts as JSON text, then where the run stored that text.
    facts: F,
    /// The severity of the rule's findings on this document; `None`: an override
    /// turns the rule off for it (its facts still count as evidence).
    severity: Option<Severity>,
}

/// Where one document's facts for one corpus rule wait until the rule judges the
/// set (a run holds one per statement and corpus rule: 32 bytes).
struct Held {
    doc: u64,
    facts: Record,
    severity: Option<Severity>,
}

impl Engine {
    /// Builds every enabled rule of `specs` with its merged options.
    pub fn new(settings: &Settings, specs: &[RuleSpec], sources: Vec<Box<dyn Source>>) -> Result<Self, BuildError> {
        // Every override's rule set must build too: report a bad one before linting.
        let overrides = Overrides::new(settings, specs);
        for i in 0..settings.overrides.len() {
            overrides.rules(vec![i])?;
        }
        Ok(Self(Arc::new(Core {
            sources,
            rules: build_rules(settings, specs)?,
            max_file_size: settings.max_file_size,
            overrides,
            plugins_off: settings.plugins_off,
            buffers: std::sync::RwLock::default(),
            run: stmtlint_plugin::RunContext::default(),
            rule_timeout: (settings.rule_timeout_seconds > 0)
                .then(|| std::time::Duration::from_secs(settings.rule_timeout_seconds)),
            timed_out: Mutex::default(),
            any_timed_out: AtomicBool::new(false),
            in_memory: store::IN_MEMORY,
        })))
    }

    /// Keeps at most `bytes` of a run's findings in memory; the rest wait in a
    /// temporary file. (Ignored while a worker given up on in an earlier run
    /// still holds the engine.)
    pub fn with_findings_in_memory(mut self, bytes: usize) -> Self {
        if let Some(core) = Arc::get_mut(&mut self.0) {
            core.in_memory = bytes;
        }
        self
    }

    /// Tells the corpus rules `run` (`--as-of`) when they finish. (Ignored while
    /// a worker given up on in an earlier run still holds the engine.)
    pub fn in_run(mut self, run: stmtlint_plugin::RunContext) -> Self {
        if let Some(core) = Arc::get_mut(&mut self.0) {
            core.run = run;
        }
        self
    }

    /// Sets how long one rule may run on one file (`None`: no limit). (Ignored
    /// while a worker given up on in an earlier run still holds the engine.)
    pub fn with_rule_timeout(mut self, limit: Option<std::time::Duration>) -> Self {
        if let Some(core) = Arc::get_mut(&mut self.0) {
            core.rule_timeout = limit;
        }
        self
    }

    /// Takes `bytes` (read from standard input) as the file `name`: linting
    /// `name` reads them, not the disk.
    pub fn with_stdin(self, name: PathBuf, bytes: Vec<u8>) -> Self {
        self.set_buffer(name, Some(bytes));
        self
    }
}

impl Core {
    /// Makes `bytes` stand for the file `path` (an editor's unsaved text), or, with
    /// `None`, lets `path` be read from the disk again.
    pub fn set_buffer(&self, path: PathBuf, bytes: Option<Vec<u8>>) {
        let mut buffers = self.buffers.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        match bytes {
            Some(bytes) => buffers.insert(path, bytes),
            None => buffers.remove(&path),
        };
    }

    /// Whether a rule is a corpus rule (it judges statements against each other).
    pub fn is_corpus_rule(&self, id: &str) -> bool {
        self.rules
            .iter()
            .any(|r| r.id == id && matches!(r.rule, RuleKind::Corpus(_)))
    }

    /// The severity of rule `id` on the file `path` (overrides applied), or
    /// `None` where it is off.
    fn severity_in(&self, path: &Path, id: &str) -> Option<Severity> {
        let find = |rules: &[ActiveRule]| rules.iter().find(|r| r.id == id).map(|r| r.severity);
        match self.overrides.matching(path) {
            which if which.is_empty() => find(&self.rules),
            which => self.overrides.rules(which).ok().and_then(|rules| find(&rules)),
        }
    }

    /// The file extensions some source reads.
    pub fn extensions(&self) -> Vec<&'static str> {
        self.sources
            .iter()
            .flat_map(|s| s.extensions().iter().copied())
            .collect()
    }
}

/// What a worker keeps of one file for the end of the run: its findings are
/// already stored.
struct Linted {
    /// Where its findings are, if it has any.
    stored: Option<Stored>,
    failures: Vec<Failure>,
    notes: Vec<String>,
    facts: Vec<Collected<Record>>,
    /// Its inline suppressions, applied once the corpus rules have reported.
    directives: Option<Vec<suppress::Directive>>,
}

/// A hook that sees each file's findings last, before they are counted and
/// written (the CLI's baseline): it may drop some.
pub type Settle<'a> = &'a mut dyn FnMut(&mut Vec<Diagnostic>);

impl Engine {
    /// Lints `files` on all cores, then runs the corpus rules over what they
    /// collected; the report is sorted.
    pub fn check(&self, files: &[PathBuf]) -> Report {
        self.check_stored(files.to_vec(), &|| {}, None).into_report()
    }

    /// Lints `files` with the document rules only: no corpus rule runs, so no
    /// statement is judged against a set it is not part of (an editor's buffer
    /// between two runs over its folder).
    pub fn check_documents(&self, files: &[PathBuf]) -> Report {
        self.check_inner(files.into(), &|| {}, false, None).into_report()
    }

    /// [`Engine::check`] for a report of any size: each file's findings are
    /// stored as it is linted (past a few megabytes, in a temporary file) and read
    /// back one file at a time as the report is written, so memory does not grow
    /// with the findings. `tick` is called as each file is done (a progress bar);
    /// `settle` sees each file's findings last (see [`Settle`]). The run keeps
    /// `files` (a list of 10,000 paths is a megabyte: not copied).
    pub fn check_stored(
        &self,
        files: Vec<PathBuf>,
        tick: &(dyn Fn() + Sync),
        settle: Option<Settle<'_>>,
    ) -> StoredReport {
        self.check_inner(files.into(), tick, true, settle)
    }

    /// `files` are shared with the workers, and with a corpus rule's thread.
    fn check_inner(
        &self,
        files: Arc<[PathBuf]>,
        tick: &(dyn Fn() + Sync),
        corpus: bool,
        settle: Option<Settle<'_>>,
    ) -> StoredReport {
        let store = Arc::new(Store::new(self.in_memory));
        let (core, mine) = (self.0.clone(), store.clone());
        let per_file = watch::run(
            &files,
            self.rule_timeout,
            Arc::new(move |index, path| {
                let mut local = Report::default();
                let mut facts = Vec::new();
                let directives = core.check_file(index as u64 + 1, path, &mut local, &mut facts);
                report::sort_diagnostics(&mut local.diagnostics);
                let stored =
                    (!local.diagnostics.is_empty()).then(|| mine.put(&path.display().to_string(), &local.diagnostics));
                // The corpus rules' facts wait in the store too, read back rule by rule.
                let facts = facts
                    .into_iter()
                    .map(|c| Collected {
                        facts: mine.append(c.facts.as_bytes()),
                        rule: c.rule,
                        doc: c.doc,
                        severity: c.severity,
                    })
                    .collect();
                Linted {
                    stored,
                    failures: local.failures,
                    notes: local.notes,
                    facts,
                    directives: directives.map(|(_, directives)| directives),
                }
            }),
            &|index, stopped| {
                let name = files[index].display().to_string();
                let failure = match stopped {
                    watch::Stopped::TimedOut { rule, limit } => Failure {
                        help: Some(
                            "fix the rule, or raise `rule-timeout-seconds` under `[limits]` in stmtlint.toml".into(),
                        ),
                        ..Failure::new(
                            &name,
                            "stmtlint::rule::timeout",
                            format!(
                                "rule `{rule}` ran over the time limit of {} s on this file; it is off for the rest of the run",
                                limit.as_secs_f64()
                            ),
                        )
                    },
                    watch::Stopped::Panicked(message) => Failure::new(
                        &name,
                        "stmtlint::engine::panic",
                        format!("linting this file crashed: {message}"),
                    ),
                };
                Linted {
                    stored: None,
                    failures: vec![failure],
                    notes: Vec::new(),
                    facts: Vec::new(),
                    directives: None,
                }
            },
            &|rule| self.time_out(rule),
            tick,
        );
        let mut failures = Vec::new();
        let mut notes = Vec::new();
        // Each corpus rule's facts in document order, in a list made to size:
        // they are the run's peak of memory.
        let mut held: Vec<Vec<Held>> = {
            let mut counts = vec![0; self.rules.len()];
            for c in per_file.iter().flat_map(|file| &file.facts) {
                counts[c.rule] += 1;
            }
            counts.into_iter().map(Vec::with_capacity).collect()
        };
        let mut linted = Vec::with_capacity(per_file.len());
        for mut file in per_file {
            failures.append(&mut file.failures);
            notes.append(&mut file.notes);
            for c in file.facts {
                held[c.rule].push(Held {
                    doc: c.doc,
                    facts: c.facts,
                    severity: c.severity,
                });
            }
            linted.push((file.stored, file.directives));
        }
        // The corpus rules' findings, stored per file like the others.
        let mut late: Vec<(usize, Stored)> = Vec::new();
        if corpus {
            Core::finish_corpus(&self.0, &files, held, &store, &mut late, &mut failures);
        }
        // Made now, not before: the corpus rules' memory is the run's peak.
        let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        late.sort_by_key(|(file, _)| *file);
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by(|a, b| paths[*a].cmp(&paths[*b]).then(a.cmp(b)));
        let mut settle = settle;
        let mut summary = Summary::default();
        let mut records = Vec::new();
        for index in order {
            let (stored, directives) = &mut linted[index];
            let first = late.partition_point(|(file, _)| *file < index);
            let extra = &late[first..late.partition_point(|(file, _)| *file <= index)];
            let directives = directives.take();
            if extra.is_empty() && directives.is_none() && settle.is_none() {
                // As the worker stored them: nothing to read back.
                if let Some(stored) = stored.take() {
                    summary.add(&stored);
                    records.push((index, stored));
                }
                continue;
            }
            if stored.is_none() && extra.is_empty() && directives.is_none() {
                continue;
            }
            let mut changed = !extra.is_empty() || directives.is_some();
            let mut diagnostics = Vec::new();
            for record in stored.iter().chain(extra.iter().map(|(_, r)| r)) {
                match store.get(record) {
                    Ok(mut more) => diagnostics.append(&mut more),
                    Err(e) => failures.push(report::unreadable(&e)),
                }
            }
            // After the corpus rules, so their findings can be suppressed too.
            if let Some(directives) = directives {
                self.suppress(&paths[index], directives, &mut diagnostics);
            }
            if changed {
                report::sort_diagnostics(&mut diagnostics);
            }
            if let Some(settle) = settle.as_mut() {
                let before = diagnostics.len();
                settle(&mut diagnostics);
                changed |= diagnostics.len() != before;
            }
            if diagnostics.is_empty() {
                continue;
            }
            let stored = match stored.take() {
                Some(stored) if !changed => stored,
                _ => store.put(&paths[index], &diagnostics),
            };
            summary.add(&stored);
            records.push((index, stored));
        }
        StoredReport::new(paths, failures, notes, records, store, summary)
    }

    /// Applies a file's inline suppressions to its findings.
    fn suppress(&self, path: &str, directives: Vec<suppress::Directive>, diagnostics: &mut Vec<Diagnostic>) {
        let ran: Vec<&str> = self.rules.iter().map(|r| r.id.as_str()).collect();
        // Plugin rules (`plugin/rule`) are left out on purpose under `--no-plugins`.
        let known = suppress::Known {
            ran: &ran,
            skipped: &|id: &str| self.plugins_off && id.contains('/'),
        };
        let severity = self.severity_in(Path::new(path), UNUSED_SUPPRESSION);
        suppress::apply(path, directives, diagnostics, &known, severity);
    }
}

impl Core {
    /// Reads `files` on all cores and hands each document (or why it could not be
    /// read) to `f`; the results come back in the order of `files`.
    pub fn read_all<T: Send>(
        &self,
        files: &[PathBuf],
        f: impl Fn(&Path, Result<Document, Failure>) -> T + Sync,
    ) -> Vec<T> {
        parallel(files, |_, path| f(path, self.read(path)))
    }

    /// Reads one file into its document (also what `stmtlint extract` shows).
    pub fn read(&self, path: &Path) -> Result<Document, Failure> {
        self.read_with_bytes(path).map(|(doc, _)| doc)
    }

    /// [`Engine::read`], with the file's bytes.
    fn read_with_bytes(&self, path: &Path) -> Result<(Document, Vec<u8>), Failure> {
        self.read_as(path, Reading::Whole)
    }

    /// A file's document, read whole or for positions only, with the file's bytes.
    fn read_as(&self, path: &Path, reading: Reading) -> Result<(Document, Vec<u8>), Failure> {
        let name = path.display().to_string();
        let fail = |code: &str, message: String| Failure::new(&name, code, message);
        let buffered = self
            .buffers
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
            .cloned();
        let bytes = match buffered {
            Some(bytes) => bytes,
            None => self.read_file(path)?,
        };
        self.parse(path, bytes, &fail, reading)
    }

    /// A file's bytes: a regular file, within the size limit.
    fn read_file(&self, path: &Path) -> Result<Vec<u8>, Failure> {
        let name = path.display().to_string();
        let fail = |code: &str, message: String| Failure::new(&name, code, message);
        let metadata = std::fs::metadata(path).map_err(|e| discover::io_failure(path, &e))?;
        // A FIFO or a device would be read forever (or block the run).
        if !metadata.is_file() {
            return Err(fail(
                "stmtlint::io::not_a_file",
                "not a regular file (a directory, FIFO, socket or device); stmtlint reads files".into(),
            ));
        }
        let size = metadata.len();
        if size > self.max_file_size {
            return Err(Failure {
                help: Some("raise `max-file-size-mb` under `[limits]` in stmtlint.toml".into()),
                ..fail(
                    "stmtlint::io::too_large",
                    format!(
                        "the file is {size} bytes, over the limit of {} bytes",
                        self.max_file_size
                    ),
                )
            });
        }
        std::fs::read(path).map_err(|e| discover::io_failure(path, &e))
    }

    /// A file's bytes through its source, into a valid document.
    fn parse(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        fail: &dyn Fn(&str, String) -> Failure,
        reading: Reading,
    ) -> Result<(Document, Vec<u8>), Failure> {
        let source = self.source_for(path, &bytes).ok_or_else(|| Failure {
            help: Some(format!(
                "stmtlint reads {}",
                self.extensions()
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            ..fail(
                "stmtlint::source::unsupported",
                "no source reads this kind of file".into(),
            )
        })?;
        let doc = panic::guarded(|| match reading {
            Reading::Whole => source.read(&bytes),
            Reading::Positions => source.read_for_positions(&bytes),
        })
        .map_err(|message| {
            fail(
                "stmtlint::source::panic",
                format!("the {} source crashed: {message}", source.name()),
            )
        })?
        .map_err(|e| Failure {
            help: e.help.clone(),
            ..fail(&e.code, e.message.clone())
        })?;
        let mut doc = doc;
        if let Some(name) = path.file_name() {
            let date = stmtlint_plugin::date_in_file_name(&name.to_string_lossy());
            doc.metadata.set_date(date, stmtlint_plugin::DateSource::FileName);
        }
        doc.validate().map_err(|message| {
            fail(
                "stmtlint::source::invalid_model",
                format!("the {} source built an invalid document: {message}", source.name()),
            )
        })?;
        Ok((doc, bytes))
    }

    fn source_for(&self, path: &Path, bytes: &[u8]) -> Option<&dyn Source> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let by_ext = ext.and_then(|ext| self.sources.iter().find(|s| s.extensions().contains(&ext.as_str())));
        let head = &bytes[..bytes.len().min(1024)];
        by_ext
            .or_else(|| self.sources.iter().find(|s| s.sniff(head)))
            .map(AsRef::as_ref)
    }

    /// Lints one file into `out` and `facts`; returns its inline suppressions.
    fn check_file(
        &self,
        id: u64,
        path: &Path,
        out: &mut Report,
        facts: &mut Vec<Collected>,
    ) -> Option<(String, Vec<suppress::Directive>)> {
        let name = path.display().to_string();
        let (mut doc, bytes) = match self.read_with_bytes(path) {
            Ok(read) => read,
            Err(failure) => {
                out.failures.push(failure);
                return None;
            }
        };
        doc.id = id;
        // A text document is the decoded file (UTF-16 included); an HTML page's
        // comments are only in its bytes; a PDF has no lines of its own to mark.
        // A word-processor draft's lines are its paragraphs.
        let file = file_text(&doc, &bytes);
        let directives = match doc.format.as_str() {
            "pdf" => Vec::new(),
            "docx" | "odt" => file
                .as_deref()
                .filter(|f| suppress::may_have(f.as_bytes()))
                .map(suppress::parse)
                .unwrap_or_default(),
            "text" if suppress::may_have(doc.text.as_bytes()) => suppress::parse(&doc.text),
            _ if suppress::may_have(&bytes) => suppress::parse(&String::from_utf8_lossy(&bytes)),
            _ => Vec::new(),
        };
        drop(bytes);
        let variant = match self.overrides.matching(path) {
            which if which.is_empty() => None,
            which => match self.overrides.rules(which) {
                Ok(rules) => Some(rules),
                Err(e) => {
                    out.failures.push(Failure::new(
                        &name,
                        "stmtlint::config::invalid",
                        format!("invalid options for rule `{}` in an override: {}", e.rule, e.message),
                    ));
                    return None;
                }
            },
        };
        let variant = variant.as_deref().map(Vec::as_slice);
        self.lint(&name, id, (&doc, file.as_deref()), variant, out, facts);
        (!directives.is_empty()).then_some((name, directives))
    }

    /// Runs the document rules of `variant` (an override's rule set), else of the
    /// engine, and collects the facts of its corpus rules.
    fn lint(
        &self,
        name: &str,
        id: u64,
        (doc, file): (&Document, Option<&str>),
        variant: Option<&[ActiveRule]>,
        out: &mut Report,
        facts: &mut Vec<Collected>,
    ) {
        out.notes.extend(doc.notes.iter().map(|n| format!("{name}: {n}")));
        let crashed = |active: &ActiveRule, message| {
            Failure::new(
                name,
                "stmtlint::rule::panic",
                format!("rule `{}` crashed on this file: {message}", active.id),
            )
        };
        // Built at the document's first finding, once.
        let mut quoter = None;
        for active in variant.unwrap_or(&self.rules) {
            let RuleKind::Document(rule) = &active.rule else {
                continue;
            };
            if self.is_timed_out(&active.id) {
                continue;
            }
            let mut sink = Sink::new();
            if let Err(message) = watch::timed(&active.id, || panic::guarded(|| rule.check(doc, &mut sink))) {
                out.failures.push(crashed(active, message));
                continue;
            }
            if let Some(message) = sink.failure() {
                out.failures.push(Failure::new(name, "stmtlint::rule::failed", message));
            }
            let findings = sink.into_findings();
            if findings.is_empty() {
                continue;
            }
            let quoter = quoter.get_or_insert_with(|| Quoter::new(doc, file));
            for finding in findings {
                out.push(Diagnostic::resolve(quoter, name, &active.id, active.severity, finding));
            }
        }
        // Corpus rules are the engine's own, one instance over the whole set; an
        // override changes only the severity of their findings on this document.
        for (index, active) in self.rules.iter().enumerate() {
            let RuleKind::Corpus(rule) = &active.rule else { continue };
            if self.is_timed_out(&active.id) {
                continue;
            }
            let severity = variant.map_or(Some(active.severity), |v| {
                v.iter().find(|r| r.id == active.id).map(|r| r.severity)
            });
            match watch::timed(&active.id, || panic::guarded(|| rule.collect_json(doc))) {
                Ok(Some(json)) => facts.push(Collected {
                    rule: index,
                    doc: id,
                    facts: json,
                    severity,
                }),
                Ok(None) => {}
                Err(message) => out.failures.push(crashed(active, message)),
            }
        }
    }

    /// The failure of a corpus rule that gave no answer; one over the time limit
    /// is off for the rest of the run.
    fn late(&self, rule: &str, late: watch::Late) -> Failure {
        match late {
            watch::Late::TimedOut(limit) => {
                self.time_out(rule);
                Failure {
                    help: Some(
                        "fix the rule, or raise `rule-timeout-seconds` under `[limits]` in stmtlint.toml".into(),
                    ),
                    ..Failure::new(
                        "(corpus)",
                        "stmtlint::rule::timeout",
                        format!(
                            "rule `{rule}` ran over the time limit of {} s judging the statements together; it reports nothing in this run",
                            limit.as_secs_f64()
                        ),
                    )
                }
            }
            watch::Late::Lost => Failure::new(
                "(corpus)",
                "stmtlint::rule::panic",
                format!("rule `{rule}` could not judge the statements: its thread could not start or died"),
            ),
        }
    }

    /// Switches `rule` off for the rest of the run: it ran over the time limit.
    fn time_out(&self, rule: &str) {
        lock(&self.timed_out).push(rule.to_owned());
        self.any_timed_out.store(true, Ordering::SeqCst);
    }

    /// Whether `rule` ran over the time limit earlier in the run.
    fn is_timed_out(&self, rule: &str) -> bool {
        self.any_timed_out.load(Ordering::Relaxed) && lock(&self.timed_out).iter().any(|r| r == rule)
    }

    /// Runs each corpus rule's `finish` over the facts it collected; their
    /// findings go to `store`, one record per rule and file, listed in `late`.
    /// Documents were dropped after linting; the few that a corpus rule reports
    /// on are read again to resolve positions, so memory stays bounded by facts,
    /// not texts.
    fn finish_corpus(
        self: &Arc<Self>,
        files: &Arc<[PathBuf]>,
        mut held: Vec<Vec<Held>>,
        store: &Arc<Store>,
        late: &mut Vec<(usize, Stored)>,
        failures: &mut Vec<Failure>,
    ) {
        for (index, active) in self.rules.iter().enumerate() {
            let RuleKind::Corpus(_) = &active.rule else { continue };
            // This rule's facts (in document order), read back from the store one
            // document at a time as the rule asks for them.
            let mine = std::mem::take(&mut held[index]);
            // The documents an override gives another severity, by binary search.
            let overridden: Vec<(u64, Option<Severity>)> = mine
                .iter()
                .filter(|h| h.severity != Some(active.severity))
                .map(|h| (h.doc, h.severity))
                .collect();
            let severity = |doc: u64| match overridden.binary_search_by_key(&doc, |(d, _)| *d) {
                Ok(i) => overridden[i].1,
                Err(_) => Some(active.severity),
            };
            // On a thread of its own, within the time limit: a rule that never
            // returns is left behind, and the run reports everything else.
            let owned = (self.clone(), store.clone(), files.clone(), self.run.clone());
            let judged = watch::within(self.rule_timeout, move || {
                let (core, store, files, run) = owned;
                let RuleKind::Corpus(rule) = &core.rules[index].rule else {
                    return (Ok(()), CorpusSink::default(), None);
                };
                let mut facts = StoredFacts {
                    store: &store,
                    files: &files,
                    left: mine.into_iter(),
                    path: String::new(),
                    text: String::new(),
                    unreadable: None,
                };
                let mut sink = CorpusSink::in_run(run);
                let finished = panic::guarded(|| rule.finish_reading(&mut facts, &mut sink));
                (finished, sink, facts.unreadable)
            });
            let (finished, sink, unreadable) = match judged {
                Ok(judged) => judged,
                Err(late) => {
                    failures.push(self.late(&active.id, late));
                    continue;
                }
            };
            if let Some(e) = unreadable {
                failures.push(report::unreadable(&e));
            }
            if let Err(message) = finished {
                failures.push(Failure::new(
                    "(corpus)",
                    "stmtlint::rule::panic",
                    format!("rule `{}` crashed: {message}", active.id),
                ));
                continue;
            }
            if let Some(message) = sink.failure() {
                failures.push(Failure::new("(corpus)", "stmtlint::rule::failed", message));
            }
            let mut findings = sink.into_findings();
            findings.sort_by_key(|(doc, _)| *doc);
            for group in findings.chunk_by(|a, b| a.0 == b.0) {
                let Some(severity) = severity(group[0].0) else {
                    continue;
                };
                let Some((file, path)) = usize::try_from(group[0].0)
                    .ok()
                    .and_then(|i| Some((i.checked_sub(1)?, files.get(i.checked_sub(1)?)?)))
                else {
                    failures.push(Failure::new(
                        "(corpus)",
                        "stmtlint::rule::bad_document",
                        format!("rule `{}` reported on an unknown document", active.id),
                    ));
                    continue;
                };
                // Only positions are needed: the source may skip its structuring.
                match self.read_as(path, Reading::Positions) {
                    Ok((doc, bytes)) => {
                        let name = path.display().to_string();
                        let text = file_text(&doc, &bytes);
                        let quoter = Quoter::new(&doc, text.as_deref());
                        let mut diagnostics = Vec::new();
                        for (_, finding) in group {
                            match Diagnostic::resolve(&quoter, &name, &active.id, severity, finding.clone()) {
                                Ok(d) => diagnostics.push(d),
                                Err(f) => failures.push(f),
                            }
                        }
                        if !diagnostics.is_empty() {
                            late.push((file, store.put(&name, &diagnostics)));
                        }
                    }
                    Err(failure) => failures.push(failure),
                }
            }
        }
    }
}

/// How much of a file a source reads: everything, or what positions are found by
/// (its text and source map: [`Source::read_for_positions`]).
#[derive(Clone, Copy)]
enum Reading {
    Whole,
    Positions,
}

/// A corpus rule's facts as it reads them: each document's text read back from
/// the store when asked for, and kept only until the next.
struct StoredFacts<'r> {
    store: &'r Store,
    files: &'r [PathBuf],
    left: std::vec::IntoIter<Held>,
    /// The document being read: its path and facts.
    path: String,
    text: String,
    /// The first record that could not be read back (the rule goes on without it).
    unreadable: Option<std::io::Error>,
}

impl stmtlint_plugin::FactsReader for StoredFacts<'_> {
    fn left(&self) -> usize {
        self.left.len()
    }

    fn next_facts(&mut self) -> Option<DocFactsJson<'_>> {
        loop {
            let c = self.left.next()?;
            let Some(file) = usize::try_from(c.doc)
                .ok()
                .and_then(|d| self.files.get(d.checked_sub(1)?))
            else {
                continue;
            };
            let text = self.store.read(c.facts).and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| std::io::Error::other("facts that are not UTF-8"))
            });
            match text {
                Ok(text) => {
                    self.text = text;
                    self.path = file.display().to_string();
                    return Some(DocFactsJson {
                        doc: c.doc,
                        path: &self.path,
                        json: &self.text,
                    });
                }
                Err(e) => {
                    self.unreadable.get_or_insert(e);
                }
            }
        }
    }
}

/// The file's own text, for quoting its lines, where the document's text is not
/// the file and the file has lines of its own (an HTML page, not a PDF). A page
/// in a legacy encoding is quoted with replacement characters (its lines and
/// columns still hold: one byte is one character there).
fn file_text(doc: &Document, bytes: &[u8]) -> Option<String> {
    let map = &doc.source_map;
    if map.is_identity() || map.anchors().iter().any(|(_, p)| p.page.is_some()) {
        return None;
    }
    if matches!(doc.format.as_str(), "docx" | "odt") {
        return Some(paragraph_lines(doc));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// A word-processor draft as lines: line `n` is paragraph `n` (its anchor says which
/// paragraph a stretch of the text is), so a report quotes the paragraph a finding
/// is in, and an inline suppression comment names a paragraph.
fn paragraph_lines(doc: &Document) -> String {
    let mut lines: Vec<String> = Vec::new();
    for &(offset, position) in doc.source_map.anchors() {
        let rest = doc.text.get(offset..).unwrap_or("");
        let paragraph = rest.split("\n\n").next().unwrap_or("");
        let n = (position.line as usize).max(1);
        if lines.len() < n {
            lines.resize(n, String::new());
        }
        let indent = " ".repeat(position.column.saturating_sub(1) as usize);
        lines[n - 1] = format!("{indent}{paragraph}");
    }
    lines.join("\n")
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests;

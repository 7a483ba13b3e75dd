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

mod discover;
mod panic;
mod report;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use stmtlint_config::Settings;
use stmtlint_plugin::{Document, Rule, RuleSpec, Severity, Sink, Source};

pub use discover::{Discovered, discover};
pub use panic::install_quiet_panic_hook;
pub use report::{Chunk, Diagnostic, EditReport, Excerpt, Failure, FixReport, LabelReport, Region, Report, Summary};

/// A rule that runs, with the severity it reports at.
pub struct ActiveRule {
    /// The rule's id.
    pub id: String,
    /// The configured severity.
    pub severity: Severity,
    /// The rule.
    pub rule: Box<dyn Rule>,
}

/// The built rule set and the sources, ready to lint files.
pub struct Engine {
    sources: Vec<Box<dyn Source>>,
    rules: Vec<ActiveRule>,
    max_file_size: u64,
}

/// A rule's options were valid in each file but not once merged.
#[derive(Debug)]
pub struct BuildError {
    /// The rule.
    pub rule: String,
    /// Why.
    pub message: String,
}

impl Engine {
    /// Builds every enabled rule of `specs` with its merged options.
    pub fn new(settings: &Settings, specs: &[RuleSpec], sources: Vec<Box<dyn Source>>) -> Result<Self, BuildError> {
        let mut rules = Vec::new();
        for spec in specs {
            let Some(severity) = settings.severity(spec) else {
                continue;
            };
            let rule = (spec.build)(settings.options(spec.meta.id)).map_err(|e| BuildError {
                rule: spec.meta.id.to_owned(),
                message: e.message().to_owned(),
            })?;
            rules.push(ActiveRule {
                id: spec.meta.id.to_owned(),
                severity,
                rule,
            });
        }
        Ok(Self {
            sources,
            rules,
            max_file_size: settings.max_file_size,
        })
    }

    /// The file extensions some source reads.
    pub fn extensions(&self) -> Vec<&'static str> {
        self.sources
            .iter()
            .flat_map(|s| s.extensions().iter().copied())
            .collect()
    }

    /// Lints `files` on all cores; the report is sorted.
    pub fn check(&self, files: &[PathBuf]) -> Report {
        let next = AtomicUsize::new(0);
        let report = Mutex::new(Report {
            files: files.len(),
            ..Report::default()
        });
        let workers = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(files.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    let mut local = Report::default();
                    while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        self.check_file(path, &mut local);
                    }
                    let mut report = report.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    report.diagnostics.append(&mut local.diagnostics);
                    report.failures.append(&mut local.failures);
                    report.notes.append(&mut local.notes);
                });
            }
        });
        let mut report = report.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        report.sort();
        report
    }

    /// Reads one file into its document (also what `stmtlint extract` shows).
    pub fn read(&self, path: &Path) -> Result<Document, Failure> {
        let name = path.display().to_string();
        let fail = |code: &str, message: String| Failure::new(&name, code, message);
        let size = std::fs::metadata(path)
            .map_err(|e| fail("stmtlint::io::unreadable", e.to_string()))?
            .len();
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
        let bytes = std::fs::read(path).map_err(|e| fail("stmtlint::io::unreadable", e.to_string()))?;
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
        let doc = panic::guarded(|| source.read(&bytes))
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
        doc.validate().map_err(|message| {
            fail(
                "stmtlint::source::invalid_model",
                format!("the {} source built an invalid document: {message}", source.name()),
            )
        })?;
        Ok(doc)
    }

    fn source_for(&self, path: &Path, bytes: &[u8]) -> Option<&dyn Source> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let by_ext = ext.and_then(|ext| self.sources.iter().find(|s| s.extensions().contains(&ext.as_str())));
        let head = &bytes[..bytes.len().min(1024)];
        by_ext
            .or_else(|| self.sources.iter().find(|s| s.sniff(head)))
            .map(AsRef::as_ref)
    }

    fn check_file(&self, path: &Path, out: &mut Report) {
        let name = path.display().to_string();
        let doc = match self.read(path) {
            Ok(doc) => doc,
            Err(failure) => return out.failures.push(failure),
        };
        out.notes.extend(doc.notes.iter().map(|n| format!("{name}: {n}")));
        for active in &self.rules {
            let mut sink = Sink::new();
            if let Err(message) = panic::guarded(|| active.rule.check(&doc, &mut sink)) {
                out.failures.push(Failure::new(
                    &name,
                    "stmtlint::rule::panic",
                    format!("rule `{}` crashed on this file: {message}", active.id),
                ));
                continue;
            }
            for finding in sink.into_findings() {
                match Diagnostic::resolve(&doc, &name, &active.id, active.severity, finding) {
                    Ok(d) => out.diagnostics.push(d),
                    Err(message) => out
                        .failures
                        .push(Failure::new(&name, "stmtlint::rule::bad_span", message)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;

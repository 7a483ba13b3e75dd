//! What every linting command needs: the config, the plugins it names (after the
//! built-in ones), the rules and sources they provide, and the resolved settings.

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceSpan};
use stmtlint_config::Settings;
use stmtlint_engine::Engine;
use stmtlint_plugin::{RuleSpec, Source};
use stmtlint_plugin_host::{Plugin, PluginError};
use stmtlint_rules_declarative::Declared;

use super::{Error, report};
use crate::registry;

/// Rules, sources and settings, ready to build an engine.
pub struct Setup {
    /// Every rule: built-in first, then each plugin's (namespaced).
    pub specs: Vec<RuleSpec>,
    /// The resolved settings.
    pub settings: Settings,
    /// The config file in force, if any (`-v` names it).
    pub config_path: Option<std::path::PathBuf>,
    /// The declarative rules: the drafting pack, then the config's `rule-files`.
    pub declared: Vec<Arc<Declared>>,
    sources: Vec<Box<dyn Source>>,
}

/// A plugin error with the config line that asked for the plugin.
#[derive(Debug)]
struct PluginDeclared {
    cause: PluginError,
    src: NamedSource<String>,
    span: SourceSpan,
}

impl fmt::Display for PluginDeclared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.cause.fmt(f)
    }
}

impl std::error::Error for PluginDeclared {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.cause)
    }
}

impl Diagnostic for PluginDeclared {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.cause.code()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.cause.help()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("declared here".into()),
            self.span,
        ))))
    }
}

/// Loads the config given with `--config`, or the nearest stmtlint.toml, or the
/// defaults alone; then the built-in plugins and, unless `no_plugins`, the native
/// plugins the config lists.
pub fn setup(config: Option<&Path>, no_plugins: bool) -> Result<Setup, Error> {
    let discovered;
    let path = match config {
        Some(path) => Some(path),
        None => {
            discovered = std::env::current_dir().ok().and_then(|d| stmtlint_config::discover(&d));
            discovered.as_deref()
        }
    };
    setup_from(path, no_plugins)
}

/// [`setup`] with the config file `path`, or the defaults alone.
pub(crate) fn setup_from(path: Option<&Path>, no_plugins: bool) -> Result<Setup, Error> {
    let mut config = stmtlint_config::load(path).map_err(|e| {
        report(&e);
        Error::Reported
    })?;
    if no_plugins {
        let dropped = config.without_plugin_rules();
        if !dropped.is_empty() {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "note: --no-plugins: the settings of `{}` are skipped",
                dropped.join("`, `")
            );
        }
    }
    let mut specs = Vec::new();
    let mut sources = Vec::new();
    for info in registry::builtins() {
        let plugin = Plugin::from_static(info).map_err(|e| {
            report(&e);
            Error::Reported
        })?;
        specs.extend(plugin.rule_specs(false));
        sources.extend(plugin.sources());
    }
    specs.push(stmtlint_engine::unused_suppression_spec());
    let declared = declared_rules(&config)?;
    specs.extend(declared.iter().map(Declared::spec));
    let entries = if no_plugins { Vec::new() } else { config.plugins() };
    let mut failed = false;
    for entry in entries {
        match Plugin::load(&entry.setting.path, entry.setting.sha256.as_deref()) {
            Ok(plugin) => {
                if plugin.panic_abort {
                    report(&*miette::miette!(
                        severity = miette::Severity::Warning,
                        code = "stmtlint::plugin::panic_abort",
                        help = "build it with `panic = \"unwind\"` in [profile.release]",
                        "plugin `{}` was built with panic = \"abort\": a bug in it stops stmtlint instead of failing one file",
                        entry.setting.path.display()
                    ));
                }
                specs.extend(plugin.rule_specs(true));
                sources.extend(plugin.sources());
            }
            Err(cause) => {
                report(&PluginDeclared {
                    cause,
                    src: entry.src,
                    span: entry.span,
                });
                failed = true;
            }
        }
    }
    if failed {
        return Err(Error::Reported);
    }
    stmtlint_plugin_host::check_unique(&specs).map_err(|e| {
        report(&e);
        Error::Reported
    })?;
    let mut settings = config.resolve(&specs).map_err(|e| {
        report(&e);
        Error::Reported
    })?;
    settings.plugins_off = no_plugins;
    stmtlint_source_pdf::set_limits(
        std::time::Duration::from_secs(settings.pdf_timeout_seconds),
        settings.pdf_memory_mb,
    );
    Ok(Setup {
        specs,
        settings,
        config_path: path.map(Path::to_path_buf),
        declared,
        sources,
    })
}

/// The drafting pack and the rules of the config's `rule-files`.
fn declared_rules(config: &stmtlint_config::Config) -> Result<Vec<Arc<Declared>>, Error> {
    let shown = |e: &dyn Diagnostic| {
        report(e);
        Error::Reported
    };
    let mut out: Vec<Arc<Declared>> = stmtlint_rules_declarative::drafting_pack()
        .map_err(|e| shown(&e))?
        .into_iter()
        .map(Arc::new)
        .collect();
    for entry in config.rule_files() {
        for path in rule_file_paths(&entry).map_err(|why| {
            shown(&RuleFilesError {
                message: format!("rule file `{}`: {why}", entry.pattern),
                src: entry.src.clone(),
                span: entry.span,
            })
        })? {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                shown(&RuleFilesError {
                    message: format!("cannot read the rule file {}: {e}", path.display()),
                    src: entry.src.clone(),
                    span: entry.span,
                })
            })?;
            // Named as the user would type it: relative to the working directory.
            let cwd = std::env::current_dir().unwrap_or_default();
            let name = path.strip_prefix(&cwd).unwrap_or(&path).display().to_string();
            let rules = stmtlint_rules_declarative::parse(&name, &text).map_err(|e| shown(&e))?;
            out.extend(rules.into_iter().map(Arc::new));
        }
    }
    Ok(out)
}

/// The files a `rule-files` entry names: a file, every `.toml` file below a
/// folder, or the files a glob pattern matches (relative to the config's folder).
pub fn rule_file_paths(entry: &stmtlint_config::RuleFilesEntry) -> Result<Vec<std::path::PathBuf>, String> {
    let path = entry.dir.join(&entry.pattern);
    if path.is_file() {
        return Ok(vec![path]);
    }
    let mut files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut stack = vec![path.clone()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "toml") {
                    found.push(p);
                }
            }
        }
        found
    } else if entry.pattern.contains(['*', '?', '[']) {
        glob::glob(&path.to_string_lossy())
            .map_err(|e| format!("invalid glob pattern: {e}"))?
            .flatten()
            .filter(|p| p.is_file())
            .collect()
    } else {
        return Err("no such file or folder".into());
    };
    if files.is_empty() {
        return Err("no rule file (`.toml`) there".into());
    }
    files.sort();
    Ok(files)
}

/// An error about a `rule-files` entry, with the config line that names it.
#[derive(Debug)]
struct RuleFilesError {
    message: String,
    src: NamedSource<String>,
    span: SourceSpan,
}

impl fmt::Display for RuleFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleFilesError {}

impl Diagnostic for RuleFilesError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("stmtlint::config::rule_files"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some("named here".into()),
            self.span,
        ))))
    }
}

/// [`setup`], or, when the config cannot be used, the built-in rules with a
/// warning: `explain` and `config-schema` are how a user fixes a broken config.
pub fn setup_or_builtins(config: Option<&Path>, no_plugins: bool) -> Result<Setup, Error> {
    setup(config, no_plugins).or_else(|_| {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "warning: the configuration above has an error; showing the built-in rules and defaults"
        );
        drop(err);
        setup_from(None, true)
    })
}

impl Setup {
    /// The `exclude` patterns of the settings.
    pub fn exclude_patterns(&self) -> Vec<glob::Pattern> {
        self.settings
            .exclude
            .iter()
            .filter_map(|p| glob::Pattern::new(p).ok())
            .collect()
    }

    /// Builds the engine.
    pub fn engine(self) -> Result<Engine, Error> {
        Engine::new(&self.settings, &self.specs, self.sources).map_err(|e| {
            report(&*miette::miette!(
                code = "stmtlint::config::invalid",
                "invalid options for rule `{}`: {}",
                e.rule,
                e.message
            ));
            Error::Reported
        })
    }
}

//! stmtlint's configuration: `stmtlint.toml`, layered over the built-in defaults.
//!
//! - [`Settings`] is the resolved configuration: every rule's level and merged
//!   options, the plugins to load, the limits.
//! - [`load`] reads the layers (embedded `config/default.toml`, the profiles named in
//!   `extends`, the user's file) into a [`Config`]; [`Config::plugins`] lists the
//!   native plugins to load, and [`Config::resolve`] validates every layer's rule
//!   options against the rules (so an error points at the exact key of the file
//!   that has it) and merges the layers key by key.
//! - [`ConfigError`] is a miette diagnostic with the TOML source and span.

mod error;
mod layer;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use stmtlint_plugin::{RuleSpec, Severity};

pub use error::{ConfigError, InvalidConfig};
use layer::Layer;
pub use stmtlint_plugin::plain_words as plain;

/// The name of the config file stmtlint looks for.
pub const FILE_NAME: &str = "stmtlint.toml";

/// The built-in defaults, embedded in the binary.
pub const DEFAULTS: &str = include_str!("../../../config/default.toml");

/// The commented starter file `stmtlint init` writes.
pub const STARTER: &str = include_str!("../../../config/starter.toml");

/// The shipped profiles `extends` can name.
pub const PROFILES: &[(&str, &str)] = &[(
    "cyber-dialogue",
    include_str!("../../../config/profiles/cyber-dialogue.toml"),
)];

/// Whether a rule runs, and how loud.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The rule does not run.
    Off,
    /// The rule runs and reports at this severity.
    On(Severity),
}

/// One rule's resolved settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSettings {
    /// Configured level; `None` keeps the rule's default severity.
    pub level: Option<Level>,
    /// Options merged from all layers, without `severity`.
    pub options: toml::Table,
}

/// A native plugin the config asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginSetting {
    /// The library, resolved against the config file's directory.
    pub path: PathBuf,
    /// The expected SHA-256 of the library, if pinned.
    pub sha256: Option<String>,
}

/// A `[[overrides]]` entry: rule settings for the files its patterns match.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    /// Glob patterns, relative to `dir`.
    pub files: Vec<String>,
    /// The folder of the config file that declared it (none for the defaults).
    pub dir: Option<PathBuf>,
    /// The rule settings it applies over the rest of the configuration.
    pub rules: BTreeMap<String, RuleSettings>,
}

/// The resolved configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Settings of every rule that any layer mentions.
    pub rules: BTreeMap<String, RuleSettings>,
    /// Files larger than this many bytes are not read.
    pub max_file_size: u64,
    /// Glob patterns of files a directory walk skips.
    pub exclude: Vec<String>,
    /// Wall-clock limit for extracting one PDF.
    pub pdf_timeout_seconds: u64,
    /// Memory limit of a PDF extraction worker.
    pub pdf_memory_mb: u64,
    /// Wall-clock limit for one rule on one file; 0: none.
    pub rule_timeout_seconds: u64,
    /// Settings for files that match patterns, applied in order over the rest.
    pub overrides: Vec<Override>,
    /// `--no-plugins`: the settings of plugin rules (`plugin/rule`) were skipped.
    pub plugins_off: bool,
}

impl Default for Settings {
    /// What applies before any config layer: no rule settings, 50 MB files, PDF
    /// extraction limited to 10 s and 1 GiB, a rule to 30 s on a file.
    fn default() -> Self {
        Self {
            rules: BTreeMap::new(),
            max_file_size: 50 * 1024 * 1024,
            exclude: Vec::new(),
            pdf_timeout_seconds: 10,
            pdf_memory_mb: 1024,
            rule_timeout_seconds: 30,
            overrides: Vec::new(),
            plugins_off: false,
        }
    }
}

impl Settings {
    /// The severity a rule reports at, or `None` when it is off.
    pub fn severity(&self, spec: &RuleSpec) -> Option<Severity> {
        match self.rules.get(&spec.id).and_then(|r| r.level) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => Some(severity),
            None => Some(spec.default_severity),
        }
    }

    /// A rule's merged options (empty when no layer sets any).
    pub fn options(&self, id: &str) -> toml::Table {
        self.rules.get(id).map(|r| r.options.clone()).unwrap_or_default()
    }

    /// These settings with `rules` applied over them: levels replace, options merge
    /// key by key (as one config layer over another).
    pub fn with_rules(&self, rules: &BTreeMap<String, RuleSettings>) -> Self {
        let mut out = self.clone();
        for (id, rule) in rules {
            let entry = out.rules.entry(id.clone()).or_default();
            if rule.level.is_some() {
                entry.level = rule.level;
            }
            entry.options.extend(rule.options.clone());
        }
        out
    }
}

/// A `rule-files` entry of the config, with where it was declared.
#[derive(Debug)]
pub struct RuleFilesEntry {
    /// A file, a folder or a glob pattern.
    pub pattern: String,
    /// The folder of the config file that names it.
    pub dir: PathBuf,
    /// The config file's text, for labelling the entry.
    pub src: miette::NamedSource<String>,
    /// The span of the entry.
    pub span: miette::SourceSpan,
}

/// A plugin entry of the config, with where it was declared.
#[derive(Debug)]
pub struct PluginEntry<'a> {
    /// The library and its pin.
    pub setting: &'a PluginSetting,
    /// The config file's text, for labelling the entry.
    pub src: miette::NamedSource<String>,
    /// The span of the entry's `path`.
    pub span: miette::SourceSpan,
}

/// The configuration files, parsed: the defaults, the profiles the user's file
/// extends, and the user's file. Rule options are validated by [`Config::resolve`],
/// once the rules (built-in and from plugins) are known.
pub struct Config {
    /// The user's config file, if one was used.
    pub path: Option<PathBuf>,
    layers: Vec<Layer>,
}

impl Config {
    /// The native plugins the config asks for, in order.
    pub fn plugins(&self) -> Vec<PluginEntry<'_>> {
        self.layers
            .iter()
            .flat_map(|layer| {
                layer.plugins.iter().map(move |(setting, span)| {
                    let (src, span) = layer.source_span(span);
                    PluginEntry { setting, src, span }
                })
            })
            .collect()
    }

    /// The `rule-files` entries of every layer, in order: the pattern, the folder
    /// it is relative to, and where it was written.
    pub fn rule_files(&self) -> Vec<RuleFilesEntry> {
        self.layers
            .iter()
            .flat_map(|layer| {
                layer.rule_files.iter().map(move |(pattern, span)| {
                    let (src, span) = layer.source_span(span);
                    RuleFilesEntry {
                        pattern: pattern.clone(),
                        dir: layer.dir().map(Path::to_path_buf).unwrap_or_default(),
                        src,
                        span,
                    }
                })
            })
            .collect()
    }

    /// Validates every layer's rule tables against `rules` and merges the layers.
    pub fn resolve(&self, rules: &[RuleSpec]) -> Result<Settings, ConfigError> {
        let mut settings = Settings::default();
        for layer in &self.layers {
            layer.validate(rules)?;
            layer.merge_into(&mut settings);
        }
        Ok(settings)
    }

    /// For `--no-plugins`: drops the settings of plugin rules (their ids are
    /// `plugin/rule`) from every layer, so they are neither validated nor applied;
    /// returns the ids dropped.
    pub fn without_plugin_rules(&mut self) -> Vec<String> {
        let mut dropped: Vec<String> = self.layers.iter_mut().flat_map(Layer::drop_plugin_rules).collect();
        dropped.sort();
        dropped.dedup();
        dropped
    }
}

/// Finds `stmtlint.toml` in `dir` or the nearest directory above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Reads the configuration: the defaults, then the user's file (if any) with the
/// profiles it extends.
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return Ok(Config {
            path: None,
            layers: vec![Layer::parse("<built-in defaults>", DEFAULTS, None)?],
        });
    };
    let source = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let mut config = load_text(&path.display().to_string(), &source, path.parent())?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}

/// [`load`] of a configuration's `text` (named `name` in errors), whose relative
/// paths are taken from `dir`.
pub fn load_text(name: &str, text: &str, dir: Option<&Path>) -> Result<Config, ConfigError> {
    let mut layers = vec![Layer::parse("<built-in defaults>", DEFAULTS, None)?];
    let user = Layer::parse(name, text, dir)?;
    let mut seen = Vec::new();
    extend(&user, &mut layers, &mut seen)?;
    layers.push(user);
    Ok(Config { path: None, layers })
}

/// Adds the profiles `layer` extends (depth first, each once) before it.
fn extend(layer: &Layer, out: &mut Vec<Layer>, seen: &mut Vec<String>) -> Result<(), ConfigError> {
    for (name, span) in &layer.extends {
        if seen.contains(name) {
            continue;
        }
        let Some((_, source)) = PROFILES.iter().find(|(n, _)| n == name) else {
            let names: Vec<&str> = PROFILES.iter().map(|(n, _)| *n).collect();
            return Err(layer.error(
                span.clone(),
                format!("unknown profile `{name}`"),
                "not a shipped profile",
                Some(format!("shipped profiles: {}", names.join(", "))),
            ));
        };
        seen.push(name.clone());
        let profile = Layer::parse(&format!("<profile {name}>"), source, None)?;
        extend(&profile, out, seen)?;
        out.push(profile);
    }
    Ok(())
}

#[cfg(test)]
mod tests;

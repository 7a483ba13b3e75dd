//! One configuration file (defaults, profile or user file): parsed, with the spans
//! of its rule tables kept so rule options can be validated later, once the rules
//! (built-in and from plugins) are known.

use std::ops::Range;
use std::path::Path;

use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use stmtlint_plugin::{RuleSpec, Severity};
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::{ConfigError, InvalidConfig, Level, PluginSetting, RuleSettings, Settings};

/// The top-level keys. `rules` is read separately, keeping spans.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileSchema {
    #[serde(default)]
    extends: Vec<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rule_files: Vec<Spanned<String>>,
    #[serde(default)]
    #[expect(dead_code, reason = "checked to be a table here, read through `DeTable` below")]
    rules: toml::Table,
    #[serde(default)]
    plugins: Vec<PluginSchema>,
    #[serde(default)]
    limits: LimitsSchema,
    #[serde(default)]
    overrides: Vec<OverrideSchema>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideSchema {
    files: Vec<Spanned<String>>,
    #[serde(default)]
    #[expect(dead_code, reason = "checked to be a table here, read through `DeTable` below")]
    rules: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PluginSchema {
    path: Spanned<String>,
    sha256: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LimitsSchema {
    max_file_size_mb: Option<u64>,
    pdf_timeout_seconds: Option<u64>,
    pdf_memory_mb: Option<u64>,
    rule_timeout_seconds: Option<u64>,
}

/// One `[rules.ID]` table, as written.
struct RuleTable {
    id: String,
    id_span: Range<usize>,
    level: Option<Level>,
    options: toml::Table,
    /// The span of each option key, for errors.
    keys: Vec<(String, Range<usize>)>,
}

/// A parsed config file.
pub(crate) struct Layer {
    name: String,
    source: String,
    pub extends: Vec<(String, Range<usize>)>,
    rules: Vec<RuleTable>,
    pub plugins: Vec<(PluginSetting, Range<usize>)>,
    pub max_file_size_mb: Option<u64>,
    pdf_timeout_seconds: Option<u64>,
    pdf_memory_mb: Option<u64>,
    rule_timeout_seconds: Option<u64>,
    exclude: Option<Vec<String>>,
    extend_exclude: Vec<String>,
    /// `rule-files`: patterns, with their spans.
    pub rule_files: Vec<(String, Range<usize>)>,
    /// `[[overrides]]`: the patterns, and the rule tables.
    overrides: Vec<(Vec<String>, Vec<RuleTable>)>,
    dir: Option<std::path::PathBuf>,
}

impl Layer {
    /// Parses `source` and checks everything but rule options; `dir` resolves
    /// relative plugin paths.
    pub fn parse(name: &str, source: &str, dir: Option<&Path>) -> Result<Self, ConfigError> {
        let mut layer = Self {
            name: name.to_owned(),
            source: source.to_owned(),
            extends: Vec::new(),
            rules: Vec::new(),
            plugins: Vec::new(),
            max_file_size_mb: None,
            pdf_timeout_seconds: None,
            pdf_memory_mb: None,
            rule_timeout_seconds: None,
            exclude: None,
            extend_exclude: Vec::new(),
            rule_files: Vec::new(),
            overrides: Vec::new(),
            dir: dir.map(Path::to_path_buf),
        };
        let schema: FileSchema = toml::from_str(source).map_err(|e| layer.toml_error(&e))?;
        layer.extends = schema
            .extends
            .into_iter()
            .map(|s| (s.get_ref().clone(), s.span()))
            .collect();
        layer.max_file_size_mb = schema.limits.max_file_size_mb;
        layer.pdf_timeout_seconds = schema.limits.pdf_timeout_seconds;
        layer.pdf_memory_mb = schema.limits.pdf_memory_mb;
        layer.rule_timeout_seconds = schema.limits.rule_timeout_seconds;
        let override_files = schema.overrides.iter().flat_map(|o| &o.files);
        for pattern in schema
            .exclude
            .iter()
            .flatten()
            .chain(&schema.extend_exclude)
            .chain(override_files)
        {
            glob::Pattern::new(pattern.get_ref()).map_err(|e| {
                layer.error(
                    pattern.span(),
                    format!("invalid glob pattern in {}", layer.name),
                    &e.to_string(),
                    None,
                )
            })?;
        }
        layer.rule_files = schema
            .rule_files
            .into_iter()
            .map(|s| {
                let span = s.span();
                (s.into_inner(), span)
            })
            .collect();
        layer.exclude = schema.exclude.map(|v| v.into_iter().map(Spanned::into_inner).collect());
        layer.extend_exclude = schema.extend_exclude.into_iter().map(Spanned::into_inner).collect();
        for pin in schema.plugins.iter().filter_map(|p| p.sha256.as_ref()) {
            let hex = pin.get_ref();
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(layer.error(
                    pin.span(),
                    format!("malformed `sha256` pin in {}", layer.name),
                    &format!(
                        "expected 64 hexadecimal digits, found {} characters",
                        hex.chars().count()
                    ),
                    Some("`sha256sum LIBRARY` prints the pin of a library you trust".into()),
                ));
            }
        }
        layer.plugins = schema
            .plugins
            .into_iter()
            .map(|p| {
                let span = p.path.span();
                let path = p.path.into_inner();
                let path = dir.map_or_else(|| path.clone().into(), |d| d.join(&path));
                let sha256 = p.sha256.map(|s| s.into_inner().to_ascii_lowercase());
                (PluginSetting { path, sha256 }, span)
            })
            .collect();
        let root = DeTable::parse(source).map_err(|e| layer.toml_error(&e))?;
        layer.rules = layer.rule_tables(root.get_ref().get("rules"))?;
        if let Some(overrides) = root.get_ref().get("overrides")
            && let DeValue::Array(overrides) = overrides.get_ref()
        {
            for (entry, schema) in overrides.iter().zip(schema.overrides) {
                let DeValue::Table(entry) = entry.get_ref() else {
                    continue;
                };
                let files = schema.files.into_iter().map(Spanned::into_inner).collect();
                let tables = layer.rule_tables(entry.get("rules"))?;
                layer.overrides.push((files, tables));
            }
        }
        Ok(layer)
    }

    /// The `[rules.ID]` tables of a `rules` table.
    fn rule_tables(&self, rules: Option<&Spanned<DeValue<'_>>>) -> Result<Vec<RuleTable>, ConfigError> {
        let Some(DeValue::Table(rules)) = rules.map(Spanned::get_ref) else {
            return Ok(Vec::new());
        };
        rules.iter().map(|(id, table)| self.rule_table(id, table)).collect()
    }

    /// Reads one `[rules.ID]` table: its level, and its options with key spans.
    fn rule_table(
        &self,
        id: &Spanned<std::borrow::Cow<'_, str>>,
        table: &Spanned<DeValue<'_>>,
    ) -> Result<RuleTable, ConfigError> {
        let DeValue::Table(options) = table.get_ref() else {
            return Err(self.error(
                table.span(),
                format!("invalid configuration in {}", self.name),
                "expected a table",
                None,
            ));
        };
        let mut options = options.clone();
        let level = match options.remove("severity") {
            Some(value) => Some(self.level(&value)?),
            None => None,
        };
        let keys = options
            .iter()
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect();
        let owned = toml::Table::deserialize(Deserializer::from(Spanned::new(table.span(), options)))
            .map_err(|e| self.toml_error(&e))?;
        Ok(RuleTable {
            id: id.get_ref().to_string(),
            id_span: id.span(),
            level,
            options: owned,
            keys,
        })
    }

    fn level(&self, value: &Spanned<DeValue<'_>>) -> Result<Level, ConfigError> {
        let level = match value.get_ref() {
            DeValue::String(s) => match s.as_ref() {
                "off" => Some(Level::Off),
                "info" => Some(Level::On(Severity::Info)),
                "warning" => Some(Level::On(Severity::Warning)),
                "error" => Some(Level::On(Severity::Error)),
                _ => None,
            },
            _ => None,
        };
        level.ok_or_else(|| {
            self.error(
                value.span(),
                format!("invalid severity in {}", self.name),
                "expected \"error\", \"warning\", \"info\" or \"off\"",
                None,
            )
        })
    }

    /// The folder relative paths of this file start from.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Drops the tables of plugin rules (`plugin/rule`), here and in overrides;
    /// returns their ids.
    pub fn drop_plugin_rules(&mut self) -> Vec<String> {
        let mut dropped = Vec::new();
        let tables = std::iter::once(&mut self.rules).chain(self.overrides.iter_mut().map(|(_, t)| t));
        for tables in tables {
            tables.retain(|t| {
                let plugin = t.id.contains('/');
                if plugin {
                    dropped.push(t.id.clone());
                }
                !plugin
            });
        }
        dropped
    }

    /// Checks every rule table against the known rules and their options.
    pub fn validate(&self, specs: &[RuleSpec]) -> Result<(), ConfigError> {
        self.validate_tables(&self.rules, specs)?;
        for (_, tables) in &self.overrides {
            self.validate_tables(tables, specs)?;
            // A corpus rule reads the whole set at once: one set of options.
            for table in tables.iter().filter(|t| !t.options.is_empty()) {
                let spec = specs.iter().find(|s| s.id == table.id);
                if let Some(Ok(stmtlint_plugin::BuiltRule::Corpus(_))) = spec.map(|s| (s.build)(&toml::Table::new())) {
                    return Err(self.error(
                        table.id_span.clone(),
                        format!("options of a corpus rule in an override in {}", self.name),
                        "an override may set only the `severity` of this rule",
                        Some(format!(
                            "`{}` reads all files at once, so its options are set under [rules]",
                            table.id
                        )),
                    ));
                }
            }
        }
        Ok(())
    }

    fn validate_tables(&self, tables: &[RuleTable], specs: &[RuleSpec]) -> Result<(), ConfigError> {
        for table in tables {
            let Some(spec) = specs.iter().find(|s| s.id == table.id) else {
                let ids: Vec<&str> = specs.iter().map(|s| s.id.as_str()).collect();
                return Err(self.error(
                    table.id_span.clone(),
                    format!("unknown rule `{}` in {}", table.id, self.name),
                    "not a rule stmtlint knows",
                    Some(format!(
                        "the rules are: {}; `stmtlint rules` describes them",
                        ids.join(", ")
                    )),
                ));
            };
            if let Err(e) = (spec.validate)(&table.options) {
                let span = e
                    .key
                    .as_ref()
                    .and_then(|k| table.keys.iter().find(|(key, _)| key == k))
                    .map_or_else(|| table.id_span.clone(), |(_, span)| span.clone());
                return Err(self.error(
                    span,
                    format!("invalid options for rule `{}` in {}", table.id, self.name),
                    &crate::plain(&with_severity(&e.message)),
                    None,
                ));
            }
        }
        Ok(())
    }

    fn toml_error(&self, e: &toml::de::Error) -> ConfigError {
        let message = crate::plain(e.message().trim_end());
        let span = e.span().unwrap_or(0..0);
        self.error(span, format!("invalid configuration in {}", self.name), &message, None)
    }

    /// The file's text and a span of it, to label a problem found later.
    pub fn source_span(&self, span: &Range<usize>) -> (NamedSource<String>, SourceSpan) {
        (
            NamedSource::new(&self.name, self.source.clone()),
            (span.start, span.end - span.start).into(),
        )
    }

    /// An error about `span` of this file.
    pub fn error(&self, span: Range<usize>, message: String, label: &str, help: Option<String>) -> ConfigError {
        let (src, span) = self.source_span(&span);
        ConfigError::Invalid(Box::new(InvalidConfig {
            message,
            src,
            span: Some(span),
            label: label.to_owned(),
            help,
        }))
    }

    /// Applies this layer over `settings`: levels replace, options merge key by key.
    pub fn merge_into(&self, settings: &mut Settings) {
        *settings = settings.with_rules(&as_settings(&self.rules));
        settings
            .overrides
            .extend(self.overrides.iter().map(|(files, tables)| crate::Override {
                files: files.clone(),
                dir: self.dir.clone(),
                rules: as_settings(tables),
            }));
        if let Some(mb) = self.max_file_size_mb {
            settings.max_file_size = mb.saturating_mul(1024 * 1024);
        }
        if let Some(seconds) = self.pdf_timeout_seconds {
            settings.pdf_timeout_seconds = seconds;
        }
        if let Some(mb) = self.pdf_memory_mb {
            settings.pdf_memory_mb = mb;
        }
        if let Some(seconds) = self.rule_timeout_seconds {
            settings.rule_timeout_seconds = seconds;
        }
        if let Some(exclude) = &self.exclude {
            settings.exclude.clone_from(exclude);
        }
        settings.exclude.extend(self.extend_exclude.iter().cloned());
    }
}

/// A rule's "unknown field" error lists the rule's own keys; `severity`, which
/// every rule table takes, is read before the rule sees the table.
fn with_severity(message: &str) -> String {
    if !message.starts_with("unknown field ") {
        return message.to_owned();
    }
    if let Some((head, keys)) = message.split_once(", expected one of ") {
        return format!("{head}, expected one of `severity`, {keys}");
    }
    if let Some((head, key)) = message.split_once(", expected ") {
        return format!("{head}, expected one of `severity`, {key}");
    }
    match message.split_once(", there are no fields") {
        Some((head, _)) => format!("{head}, expected `severity`"),
        None => message.to_owned(),
    }
}

/// Rule tables as rule settings (a later table of one id merges over an earlier).
fn as_settings(tables: &[RuleTable]) -> std::collections::BTreeMap<String, RuleSettings> {
    let mut out = std::collections::BTreeMap::<String, RuleSettings>::new();
    for table in tables {
        let entry = out.entry(table.id.clone()).or_default();
        if table.level.is_some() {
            entry.level = table.level;
        }
        entry.options.extend(table.options.clone());
    }
    out
}

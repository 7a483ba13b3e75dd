//! One configuration file (defaults, profile or user file), parsed and validated.

use std::ops::Range;
use std::path::Path;

use miette::NamedSource;
use serde::Deserialize;
use stmtlint_plugin::{RuleSpec, Severity};
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::{ConfigError, InvalidConfig, Level, PluginSetting, RuleSettings, Settings};

/// The top-level keys. `rules` is checked separately, rule by rule, against each
/// rule's own options type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileSchema {
    #[serde(default)]
    extends: Vec<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_exclude: Vec<Spanned<String>>,
    #[serde(default)]
    #[expect(dead_code, reason = "validated as a table here, read through `DeTable` below")]
    rules: toml::Table,
    #[serde(default)]
    plugins: Vec<PluginSchema>,
    #[serde(default)]
    limits: LimitsSchema,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PluginSchema {
    path: String,
    sha256: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LimitsSchema {
    max_file_size_mb: Option<u64>,
}

/// A parsed, validated config file.
pub(crate) struct Layer {
    name: String,
    source: String,
    pub extends: Vec<(String, Range<usize>)>,
    rules: Vec<(String, Option<Level>, toml::Table)>,
    plugins: Vec<PluginSetting>,
    pub max_file_size_mb: Option<u64>,
    exclude: Option<Vec<String>>,
    extend_exclude: Vec<String>,
}

impl Layer {
    /// Parses and validates `source`; `dir` resolves relative plugin paths.
    pub fn parse(name: &str, source: &str, dir: Option<&Path>, specs: &[RuleSpec]) -> Result<Self, ConfigError> {
        let mut layer = Self {
            name: name.to_owned(),
            source: source.to_owned(),
            extends: Vec::new(),
            rules: Vec::new(),
            plugins: Vec::new(),
            max_file_size_mb: None,
            exclude: None,
            extend_exclude: Vec::new(),
        };
        let schema: FileSchema = toml::from_str(source).map_err(|e| layer.toml_error(&e))?;
        layer.extends = schema
            .extends
            .into_iter()
            .map(|s| (s.get_ref().clone(), s.span()))
            .collect();
        layer.max_file_size_mb = schema.limits.max_file_size_mb;
        for pattern in schema.exclude.iter().flatten().chain(&schema.extend_exclude) {
            glob::Pattern::new(pattern.get_ref()).map_err(|e| {
                layer.error(
                    pattern.span(),
                    format!("invalid glob pattern in {}", layer.name),
                    &e.to_string(),
                    None,
                )
            })?;
        }
        layer.exclude = schema.exclude.map(|v| v.into_iter().map(Spanned::into_inner).collect());
        layer.extend_exclude = schema.extend_exclude.into_iter().map(Spanned::into_inner).collect();
        layer.plugins = schema
            .plugins
            .into_iter()
            .map(|p| PluginSetting {
                path: dir.map_or_else(|| p.path.clone().into(), |d| d.join(&p.path)),
                sha256: p.sha256,
            })
            .collect();
        let root = DeTable::parse(source).map_err(|e| layer.toml_error(&e))?;
        if let Some(rules) = root.get_ref().get("rules")
            && let DeValue::Table(rules) = rules.get_ref()
        {
            for (id, table) in rules.iter() {
                let parsed = layer.rule(id, table, specs)?;
                layer.rules.push(parsed);
            }
        }
        Ok(layer)
    }

    /// Validates one `[rules.ID]` table: the rule exists, `severity` is a level, and
    /// the other keys are the rule's options.
    fn rule(
        &self,
        id: &Spanned<std::borrow::Cow<'_, str>>,
        table: &Spanned<DeValue<'_>>,
        specs: &[RuleSpec],
    ) -> Result<(String, Option<Level>, toml::Table), ConfigError> {
        let Some(spec) = specs.iter().find(|s| s.meta.id == id.get_ref().as_ref()) else {
            let ids: Vec<&str> = specs.iter().map(|s| s.meta.id).collect();
            return Err(self.error(
                id.span(),
                format!("unknown rule `{}` in {}", id.get_ref(), self.name),
                "not a rule stmtlint knows",
                Some(format!(
                    "the rules are: {}; `stmtlint rules` describes them",
                    ids.join(", ")
                )),
            ));
        };
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
        let spanned = || Spanned::new(table.span(), options.clone());
        (spec.check_options)(Deserializer::from(spanned())).map_err(|e| self.toml_error(&e))?;
        let owned = toml::Table::deserialize(Deserializer::from(spanned())).map_err(|e| self.toml_error(&e))?;
        Ok((spec.meta.id.to_owned(), level, owned))
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

    fn toml_error(&self, e: &toml::de::Error) -> ConfigError {
        let message = e.message().trim_end().to_owned();
        let span = e.span().unwrap_or(0..0);
        self.error(span, format!("invalid configuration in {}", self.name), &message, None)
    }

    /// An error about `span` of this file.
    pub fn error(&self, span: Range<usize>, message: String, label: &str, help: Option<String>) -> ConfigError {
        ConfigError::Invalid(Box::new(InvalidConfig {
            message,
            src: NamedSource::new(&self.name, self.source.clone()),
            span: Some((span.start, span.end - span.start).into()),
            label: label.to_owned(),
            help,
        }))
    }

    /// Applies this layer over `settings`: levels replace, options merge key by key.
    pub fn merge_into(self, settings: &mut Settings) {
        for (id, level, options) in self.rules {
            let entry = settings.rules.entry(id).or_insert_with(|| RuleSettings {
                level: None,
                options: toml::Table::new(),
            });
            if level.is_some() {
                entry.level = level;
            }
            entry.options.extend(options);
        }
        settings.plugins.extend(self.plugins);
        if let Some(exclude) = self.exclude {
            settings.exclude = exclude;
        }
        settings.exclude.extend(self.extend_exclude);
    }
}

//! `stmtlint config-schema` (a JSON Schema of `stmtlint.toml`, for editors) and
//! `stmtlint completions SHELL`.

use std::io::{self, Write};
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use stmtlint_plugin::RuleSpec;

use super::{Error, setup_or_builtins};
use crate::args::Common;

/// Prints the JSON Schema of `stmtlint.toml` for the rules this setup knows.
pub fn config_schema(common: &Common) -> Result<ExitCode, Error> {
    let specs = setup_or_builtins(common.config.as_deref(), common.no_plugins)?.specs;
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema(&specs)).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the completion script of `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode, Error> {
    let mut command = <crate::args::Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "stmtlint", &mut io::stdout().lock());
    Ok(ExitCode::SUCCESS)
}

/// The schema: the file's keys (DESIGN §8) and each rule's table.
pub fn schema(specs: &[RuleSpec]) -> Value {
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let rules = rules(specs);
    let profiles: Vec<&str> = stmtlint_config::PROFILES.iter().map(|(name, _)| *name).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "stmtlint.toml",
        "description": "stmtlint configuration; keys not set keep the built-in defaults",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "extends": {"type": "array", "items": {"enum": profiles}, "description": "shipped profiles to build on"},
            "exclude": merge(&strings, json!({"description": "glob patterns of files a directory walk skips (replaces the defaults)"})),
            "extend-exclude": merge(&strings, json!({"description": "glob patterns added to the default exclusions"})),
            "rule-files": merge(&strings, json!({"description": "declarative rule files: files, folders or glob patterns, relative to this file"})),
            "plugins": {
                "type": "array",
                "description": "native rule plugins, loaded only from these paths",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["path"],
                    "properties": {
                        "path": {"type": "string", "description": "the library, relative to this file"},
                        "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$", "description": "the library's expected SHA-256"}
                    }
                }
            },
            "limits": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "max-file-size-mb": {"type": "integer", "minimum": 0, "default": 50},
                    "pdf-timeout-seconds": {"type": "integer", "minimum": 0, "default": 10},
                    "pdf-memory-mb": {"type": "integer", "minimum": 0, "default": 1024},
                    "rule-timeout-seconds": {"type": "integer", "minimum": 0, "default": 30}
                }
            },
            "rules": rules,
            "overrides": {
                "type": "array",
                "description": "rule settings for the files the patterns match, applied in order",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["files"],
                    "properties": {
                        "files": merge(&strings, json!({"description": "glob patterns, relative to this file's folder"})),
                        "rules": rules
                    }
                }
            }
        }
    })
}

/// `[rules]`: a table per rule with its severity and options; a plugin's rule
/// takes any options (its plugin checks them).
fn rules(specs: &[RuleSpec]) -> Value {
    let mut properties = Map::new();
    for spec in specs {
        // `unused-suppression` is the engine's: it has no options.
        let known = match spec.id.as_str() {
            stmtlint_engine::UNUSED_SUPPRESSION => Some(json!({})),
            id => stmtlint_rules_core::options_schema(id),
        };
        let mut options = known.clone().unwrap_or_else(|| json!({}));
        options["severity"] = json!({
            "enum": ["error", "warning", "info", "off"],
            "default": spec.default_severity.as_str()
        });
        properties.insert(
            spec.id.clone(),
            json!({
                "type": "object",
                "description": spec.summary,
                "additionalProperties": known.is_none(),
                "properties": options
            }),
        );
    }
    json!({"type": "object", "additionalProperties": false, "properties": properties})
}

fn merge(base: &Value, extra: Value) -> Value {
    let mut out = base.clone();
    if let (Some(out), Value::Object(extra)) = (out.as_object_mut(), extra) {
        out.extend(extra);
    }
    out
}

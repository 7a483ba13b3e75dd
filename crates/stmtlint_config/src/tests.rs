use std::sync::Arc;

use serde::Deserialize;
use stmtlint_plugin::{OptionsError, RuleSpec, Severity};

use super::*;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct DemoOptions {
    required: Vec<toml::Value>,
    max_count: u32,
    title: bool,
    date: bool,
    fragments_need_title: bool,
}

/// A spec whose options are `DemoOptions`; like a plugin's, its error names the key.
fn spec(id: &str, default_severity: Severity) -> RuleSpec {
    let validate = |options: &toml::Table| {
        DemoOptions::deserialize(options.clone()).map(drop).map_err(|e| {
            let message = e.message().to_owned();
            let key = options.keys().find(|k| message.contains(&format!("`{k}`"))).cloned();
            OptionsError { message, key }
        })
    };
    RuleSpec {
        id: id.to_owned(),
        summary: String::new(),
        docs: String::new(),
        default_severity,
        origin: "test".into(),
        validate: Arc::new(validate),
        build: Arc::new(|_| {
            Err(OptionsError {
                message: "not built in tests".into(),
                key: None,
            })
        }),
    }
}

fn specs() -> Vec<RuleSpec> {
    // Every rule the built-in defaults configure, and one more.
    vec![
        any_options(spec("inconsistent-name", Severity::Warning)),
        spec("missing-section", Severity::Error),
        any_options(spec("unfulfilled-follow-up", Severity::Warning)),
        any_options(spec("ordinal-sequence", Severity::Warning)),
        any_options(spec("spelling-variety", Severity::Warning)),
        any_options(spec("undefined-acronym", Severity::Warning)),
        any_options(spec("date-consistency", Severity::Warning)),
        spec("demo-rule", Severity::Warning),
    ]
}

/// A spec that accepts whatever options the defaults give it.
fn any_options(spec: RuleSpec) -> RuleSpec {
    RuleSpec {
        validate: Arc::new(|_| Ok(())),
        ..spec
    }
}

fn load_str(source: &str) -> Result<Settings, ConfigError> {
    let dir = std::env::temp_dir().join(format!("stmtlint-config-{}-{}", std::process::id(), source.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, source).unwrap();
    load(Some(&path))?.resolve(&specs())
}

fn invalid(e: ConfigError) -> (String, String, std::ops::Range<usize>) {
    match e {
        ConfigError::Invalid(invalid) => {
            let span = invalid.span.unwrap();
            (
                invalid.message,
                invalid.label,
                span.offset()..span.offset() + span.len(),
            )
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn defaults_apply_without_a_file() {
    let settings = load(None).unwrap().resolve(&specs()).unwrap();
    assert_eq!(settings.max_file_size, 50 * 1024 * 1024);
    assert_eq!(
        settings.options("missing-section").get("title"),
        Some(&toml::Value::Boolean(true))
    );
    assert!(settings.exclude.iter().any(|p| p == "README*"));
}

#[test]
fn a_file_overrides_only_what_it_sets() {
    let settings = load_str("[rules.missing-section]\ntitle = false\n").unwrap();
    let options = settings.options("missing-section");
    assert_eq!(options.get("title"), Some(&toml::Value::Boolean(false)));
    assert_eq!(options.get("date"), Some(&toml::Value::Boolean(true)));
    assert_eq!(
        settings.rules["missing-section"].level,
        Some(Level::On(Severity::Error))
    );
}

#[test]
fn severity_off_and_levels() {
    let settings = load_str("[rules.demo-rule]\nseverity = \"off\"\n").unwrap();
    assert_eq!(settings.rules["demo-rule"].level, Some(Level::Off));
    let (_, label, _) = invalid(load_str("[rules.demo-rule]\nseverity = \"loud\"\n").unwrap_err());
    assert!(label.contains("\"off\""));
}

#[test]
fn an_option_error_underlines_its_key() {
    let source = "[rules.demo-rule]\nrequred = [\"x\"]\n";
    let (message, label, span) = invalid(load_str(source).unwrap_err());
    assert_eq!(&source[span], "requred");
    assert!(message.contains("invalid options for rule `demo-rule`"), "{message}");
    assert!(label.contains("unknown key `requred`"), "{label}");
}

#[test]
fn unknown_top_level_key_and_rule_are_underlined() {
    let source = "colour = true\n";
    let (_, _, span) = invalid(load_str(source).unwrap_err());
    assert_eq!(&source[span], "colour");
    let source = "[rules.missing-sections]\n";
    let (message, _, span) = invalid(load_str(source).unwrap_err());
    assert_eq!(&source[span], "missing-sections");
    assert!(message.contains("unknown rule"));
}

#[test]
fn extends_applies_profiles_under_the_file() {
    let settings = load_str("extends = [\"cyber-dialogue\"]\n").unwrap();
    let required = settings.options("missing-section");
    assert_eq!(required["required"].as_array().unwrap().len(), 5);
    let source = "extends = [\"cyber\"]\n";
    let (message, _, span) = invalid(load_str(source).unwrap_err());
    assert_eq!(&source[span], "\"cyber\"");
    assert!(message.contains("unknown profile"));
}

#[test]
fn plugins_resolve_against_the_config_file_and_keep_their_span() {
    let pin = "AB".repeat(32);
    let source = format!("[[plugins]]\npath = \"lib/libacme.so\"\nsha256 = \"{pin}\"\n");
    let dir = std::env::temp_dir().join(format!("stmtlint-config-plugins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, &source).unwrap();
    let config = load(Some(&path)).unwrap();
    let plugins = config.plugins();
    assert_eq!(plugins.len(), 1);
    assert_eq!(plugins[0].setting.path, dir.join("lib/libacme.so"));
    assert_eq!(plugins[0].setting.sha256, Some(pin.to_lowercase()));
    let span = plugins[0].span;
    assert!(source[span.offset()..span.offset() + span.len()].contains("libacme.so"));
}

#[test]
fn discovers_upward() {
    let dir = std::env::temp_dir().join(format!("stmtlint-discover-{}", std::process::id()));
    let deep = dir.join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(dir.join(FILE_NAME), "").unwrap();
    assert_eq!(discover(&deep), Some(dir.join(FILE_NAME)));
}

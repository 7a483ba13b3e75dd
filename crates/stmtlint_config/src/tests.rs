use super::*;
use stmtlint_plugin::{ConfigurableRule, Document, Rule, RuleMeta, Sink};

struct Demo;

#[derive(serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct DemoOptions {
    required: Vec<String>,
    max_count: u32,
}

impl Rule for Demo {
    fn check(&self, _: &Document, _: &mut Sink) {}
}

impl ConfigurableRule for Demo {
    type Options = DemoOptions;
    const META: RuleMeta = RuleMeta {
        id: "demo-rule",
        summary: "",
        docs: "",
        default_severity: Severity::Warning,
    };
    fn new(_: DemoOptions) -> Self {
        Demo
    }
}

fn load_str(source: &str) -> Result<Settings, ConfigError> {
    let dir = std::env::temp_dir().join(format!("stmtlint-config-{}-{}", std::process::id(), source.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, source).unwrap();
    let mut specs = stmtlint_rules_specs();
    specs.push(RuleSpec::of::<Demo>());
    load(Some(&path), &specs)
}

fn stmtlint_rules_specs() -> Vec<RuleSpec> {
    // The config crate must not depend on the rule pack; the defaults only name
    // `missing-section`, so a stand-in spec with permissive options is enough.
    struct MissingSection;
    impl Rule for MissingSection {
        fn check(&self, _: &Document, _: &mut Sink) {}
    }
    impl ConfigurableRule for MissingSection {
        type Options = toml::Table;
        const META: RuleMeta = RuleMeta {
            id: "missing-section",
            summary: "",
            docs: "",
            default_severity: Severity::Error,
        };
        fn new(_: toml::Table) -> Self {
            MissingSection
        }
    }
    vec![RuleSpec::of::<MissingSection>()]
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
    let settings = load(None, &stmtlint_rules_specs()).unwrap();
    assert_eq!(settings.max_file_size, 50 * 1024 * 1024);
    assert_eq!(
        settings.options("missing-section").get("title"),
        Some(&toml::Value::Boolean(true))
    );
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
fn unknown_option_key_is_underlined() {
    let source = "[rules.demo-rule]\nrequred = [\"x\"]\n";
    let (_, label, span) = invalid(load_str(source).unwrap_err());
    assert_eq!(&source[span], "requred");
    assert!(label.contains("unknown field `requred`"), "{label}");
}

#[test]
fn wrong_type_is_underlined() {
    let source = "[rules.demo-rule]\nmax-count = \"three\"\n";
    let (_, label, span) = invalid(load_str(source).unwrap_err());
    assert_eq!(&source[span], "\"three\"");
    assert!(label.contains("invalid type"), "{label}");
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
fn discovers_upward() {
    let dir = std::env::temp_dir().join(format!("stmtlint-discover-{}", std::process::id()));
    let deep = dir.join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(dir.join(FILE_NAME), "").unwrap();
    assert_eq!(discover(&deep), Some(dir.join(FILE_NAME)));
}

use crate::util::{Dir, root, run_in};

#[test]
fn extract_json_of_the_2014_seed() {
    let out = run_in(
        root(),
        &[
            "extract",
            "--format",
            "json",
            "samples/statements/2014-12-05-us-eu-cyber-dialogue-state-media-note.txt",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["format"], "text");
    assert_eq!(json["metadata"]["date"], "2014-12-05");
    assert_eq!(json["metadata"]["place"], "Washington, DC");
    assert_eq!(json["metadata"]["title"], "Media Note");
    let blocks = json["blocks"].as_array().unwrap();
    let headings: Vec<(u64, &str)> = blocks
        .iter()
        .filter(|b| b["kind"] == "heading")
        .map(|b| (b["level"].as_u64().unwrap(), b["text"].as_str().unwrap()))
        .collect();
    assert_eq!(headings.len(), 8);
    assert!(headings.contains(&(3, "Cybercrime:")));
    let first = &blocks[0];
    assert_eq!(
        (first["kind"].as_str(), first["line"].as_u64(), &first["page"]),
        (Some("title"), Some(1), &serde_json::Value::Null)
    );
}

#[test]
fn extract_of_the_2016_seed_marks_site_furniture() {
    let out = run_in(
        root(),
        &[
            "extract",
            "--format",
            "json",
            "samples/statements/2016-12-16-eu-us-cyber-dialogue-eeas.md",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["metadata"]["date"], "2016-12-16");
    assert_eq!(json["metadata"]["place"], "Brussels");
    let blocks = json["blocks"].as_array().unwrap();
    assert_eq!(blocks.iter().filter(|b| b["kind"] == "heading").count(), 7);
    let boilerplate: Vec<&str> = blocks
        .iter()
        .filter(|b| b["kind"] == "boilerplate")
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert!(boilerplate.iter().any(|t| t.starts_with("Press releases")));
    assert!(boilerplate.iter().any(|t| t.starts_with("Author")));
}

#[test]
fn extract_of_a_missing_file_exits_2() {
    let out = run_in(root(), &["extract", "nope.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nope.txt"));
}

#[test]
fn rules_and_explain() {
    let out = run_in(root(), &["rules"]);
    assert_eq!(out.code, 0);
    for rule in ["inconsistent-name", "missing-section", "unfulfilled-follow-up"] {
        assert!(out.stdout.contains(rule), "{rule} not listed: {}", out.stdout);
    }
    let out = run_in(root(), &["explain", "missing-section"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("## What it does\nFlags a statement that has no title"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Use instead:"));
    let out = run_in(root(), &["explain", "no-such-rule"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown rule `no-such-rule`"));
}

#[test]
fn init_writes_a_config_that_loads_and_refuses_to_overwrite() {
    let dir = Dir::new("init");
    assert_eq!(dir.run(&["init"]).code, 0);
    let written = std::fs::read_to_string(dir.path.join("stmtlint.toml")).unwrap();
    assert!(written.contains("[rules.missing-section]"));
    dir.file("a.txt", crate::util::CLEAN);
    assert_eq!(dir.run(&["check", "a.txt"]).code, 0);
    assert_eq!(dir.run(&["init"]).code, 2);
    assert_eq!(dir.run(&["init", "--force"]).code, 0);
}

/// The schema `stmtlint config-schema` prints.
fn config_schema() -> serde_json::Value {
    let dir = Dir::new("config-schema");
    let out = dir.run(&["config-schema"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn check_toml(schema: &serde_json::Value, toml_text: &str) -> Result<(), String> {
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    crate::util::validate_json(schema.clone(), &serde_json::to_value(value).unwrap())
}

#[test]
fn config_schema_accepts_every_shipped_config_and_the_readme_example() {
    let schema = config_schema();
    let root = crate::util::root();
    let mut files = vec![
        root.join("config/default.toml"),
        root.join("config/starter.toml"),
        root.join("samples/cyber-dialogue.toml"),
    ];
    files.extend(
        std::fs::read_dir(root.join("config/profiles"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        check_toml(&schema, &text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    // The example of the README's Configuration section.
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let example = section.split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
    check_toml(&schema, example).unwrap();
}

#[test]
fn config_schema_rejects_unknown_keys_and_bad_values() {
    let schema = config_schema();
    for bad in [
        "[rules.missing-section]\nrequred = []\n",
        "[rules.missing-sections]\n",
        "[rules.inconsistent-name]\nseverity = \"loud\"\n",
        "[[overrides]]\nrules = {}\n",
        "colour = true\n",
    ] {
        assert!(check_toml(&schema, bad).is_err(), "accepted: {bad}");
    }
}

#[test]
fn completions_for_every_shell() {
    let dir = Dir::new("completions");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = dir.run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("stmtlint"), "{shell}");
        assert!(out.stdout.contains("--fail-on"), "{shell}: options of check");
    }
    let out = dir.run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2);
}

//! `stmtlint test`: the examples of declarative rules, checked; and `stmtlint rule
//! new`, which writes a rule file to start from.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use stmtlint_rules_declarative::Declared;

use super::{Error, report, setup};
use crate::args::Common;

/// Checks the examples of the rules in `files` (default: those the config loads)
/// and prints each example that fails; exit 1 when one does.
pub fn run(files: &[PathBuf], common: &Common) -> Result<ExitCode, Error> {
    let rules = if files.is_empty() {
        setup(common.config.as_deref(), common.no_plugins)?.declared
    } else {
        load(files)?
    };
    let mut out = io::stdout().lock();
    let (mut examples, mut failed) = (0, 0);
    for rule in &rules {
        examples += rule.flagged.len() + rule.clean.len();
        for failure in rule.check_examples() {
            failed += 1;
            let what = if failure.expected == "flagged" {
                "a `flagged` example gave no finding".to_owned()
            } else {
                format!("a `clean` example was flagged at `{}`", failure.found.join("`, `"))
            };
            writeln!(
                out,
                "{} ({}): {what}:\n    {:?}",
                failure.rule, rule.origin, failure.text
            )?;
        }
    }
    let s = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} rule{}, {examples} example{}: {} passed, {failed} failed",
        rules.len(),
        s(rules.len()),
        s(examples),
        examples - failed
    )?;
    Ok(ExitCode::from(u8::from(failed > 0)))
}

/// The rules of the files and folders given.
fn load(files: &[PathBuf]) -> Result<Vec<Arc<Declared>>, Error> {
    let mut rules = Vec::new();
    for path in files {
        let entry = stmtlint_config::RuleFilesEntry {
            pattern: path.display().to_string(),
            dir: PathBuf::new(),
            src: miette::NamedSource::new("command line", String::new()),
            span: (0, 0).into(),
        };
        let paths = super::setup::rule_file_paths(&entry).map_err(|why| {
            report(&*miette::miette!(
                code = "stmtlint::cli::rule_file",
                "{}: {why}",
                path.display()
            ));
            Error::Reported
        })?;
        for file in paths {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                report(&*miette::miette!(
                    code = "stmtlint::io::unreadable",
                    "{}: {e}",
                    file.display()
                ));
                Error::Reported
            })?;
            let parsed = stmtlint_rules_declarative::parse(&file.display().to_string(), &text).map_err(|e| {
                report(&e);
                Error::Reported
            })?;
            rules.extend(parsed.into_iter().map(Arc::new));
        }
    }
    Ok(rules)
}

/// The rule file `stmtlint rule new` writes.
const TEMPLATE: &str = include_str!("../../../config/rule-template.toml");

/// Writes `DIR/ID.toml`: one rule, commented, with examples.
pub fn new_rule(id: &str, dir: &Path) -> Result<ExitCode, Error> {
    let fail = |message: String| {
        report(&*miette::miette!(code = "stmtlint::cli::rule_new", "{message}"));
        Error::Reported
    };
    if !stmtlint_plugin::is_kebab_case(id) {
        return Err(fail(format!("`{id}` is not a kebab-case id such as `acme-no-tbc`")));
    }
    let path = dir.join(format!("{id}.toml"));
    if path.exists() {
        return Err(fail(format!("{} already exists", path.display())));
    }
    std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    std::fs::write(&path, TEMPLATE.replace("{{id}}", id))
        .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    let mut out = io::stdout().lock();
    writeln!(out, "created {}", path.display())?;
    writeln!(
        out,
        "next: `stmtlint test {}`, then add it to `rule-files` in stmtlint.toml",
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

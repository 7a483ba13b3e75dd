//! `stmtlint rules` and `stmtlint explain`.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{Error, report};
use crate::registry;

/// Lists every rule: id, default severity, summary.
pub fn list() -> Result<ExitCode, Error> {
    let mut out = io::stdout().lock();
    for spec in registry::rules() {
        let m = spec.meta;
        writeln!(out, "{:<24} {:<8} {}", m.id, m.default_severity.as_str(), m.summary)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints one rule's documentation.
pub fn explain(id: &str) -> Result<ExitCode, Error> {
    let rules = registry::rules();
    let Some(spec) = rules.iter().find(|s| s.meta.id == id) else {
        let ids: Vec<&str> = rules.iter().map(|s| s.meta.id).collect();
        report(&*miette::miette!(
            code = "stmtlint::cli::unknown_rule",
            help = format!("the rules are: {}", ids.join(", ")),
            "unknown rule `{id}`"
        ));
        return Err(Error::Reported);
    };
    let m = spec.meta;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "# {}\n\nDefault severity: {}. {}.\n",
        m.id,
        m.default_severity.as_str(),
        m.summary
    )?;
    write!(out, "{}", m.docs_text())?;
    Ok(ExitCode::SUCCESS)
}

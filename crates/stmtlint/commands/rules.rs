//! `stmtlint rules` and `stmtlint explain`.

use std::io::{self, Write};
use std::process::ExitCode;

use super::{Error, report, setup, setup_or_builtins};
use crate::args::Common;

/// Lists every rule, built-in and from configured plugins: id, severity as
/// configured (`off` for a rule turned off), summary.
pub fn list(common: &Common) -> Result<ExitCode, Error> {
    let setup = setup(common.config.as_deref(), common.no_plugins)?;
    let mut out = io::stdout().lock();
    for spec in &setup.specs {
        let severity = setup.settings.severity(spec).map_or("off", |s| s.as_str());
        writeln!(out, "{:<24} {:<8} {}", spec.id, severity, spec.summary)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints one rule's documentation.
pub fn explain(id: &str, common: &Common) -> Result<ExitCode, Error> {
    let rules = setup_or_builtins(common.config.as_deref(), common.no_plugins)?.specs;
    let Some(spec) = rules.iter().find(|s| s.id == id) else {
        let ids: Vec<&str> = rules.iter().map(|s| s.id.as_str()).collect();
        report(&*miette::miette!(
            code = "stmtlint::cli::unknown_rule",
            help = format!("the rules are: {}", ids.join(", ")),
            "unknown rule `{id}`"
        ));
        return Err(Error::Reported);
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "# {}\n\nDefault severity: {}. {}.\n",
        spec.id,
        spec.default_severity.as_str(),
        spec.summary
    )?;
    write!(out, "{}", spec.docs)?;
    Ok(ExitCode::SUCCESS)
}

//! `stmtlint init`: a commented starter stmtlint.toml.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use super::{Error, report};

/// Writes `stmtlint.toml` in the current directory; refuses to overwrite one
/// unless `force`.
pub fn run(force: bool) -> Result<ExitCode, Error> {
    let path = Path::new(stmtlint_config::FILE_NAME);
    if path.exists() && !force {
        report(&*miette::miette!(
            code = "stmtlint::init::exists",
            help = "pass --force to overwrite it",
            "`{}` already exists",
            path.display()
        ));
        return Err(Error::Reported);
    }
    if let Err(e) = std::fs::write(path, stmtlint_config::STARTER) {
        report(&*miette::miette!(
            code = "stmtlint::io::write",
            "could not write `{}`: {e}",
            path.display()
        ));
        return Err(Error::Reported);
    }
    writeln!(io::stdout(), "wrote {}", path.display())?;
    Ok(ExitCode::SUCCESS)
}

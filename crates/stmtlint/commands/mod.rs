//! One module per subcommand; this one dispatches and holds what they share.

mod check;
mod extract;
mod init;
mod rules;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use miette::Diagnostic;
use stmtlint_config::Settings;
use stmtlint_render::Style;

use crate::args::{Cli, Command};
use crate::registry;

/// Why a command stopped early.
#[derive(Debug)]
pub enum Error {
    /// The error was already printed to stderr; exit 2.
    Reported,
    /// stdout was closed (`stmtlint check | head`); exit quietly.
    BrokenPipe,
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Self::BrokenPipe;
        }
        report(&*miette::miette!(
            code = "stmtlint::io::output",
            "could not write the output: {e}"
        ));
        Self::Reported
    }
}

/// Runs the command.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules => rules::list(),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Extract { file, format, config } => extract::run(&file, format, config.as_deref()),
        Command::Init { force } => init::run(force),
    }
}

/// How human output looks on this terminal: colour only on a terminal and without
/// `NO_COLOR`; a fixed width so output does not depend on the window.
pub fn style(terminal: bool) -> Style {
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    Style { color, width: 100 }
}

/// Prints an error to stderr with miette.
pub fn report(diagnostic: &dyn Diagnostic) {
    let mut stderr = io::stderr().lock();
    let _ = stmtlint_render::human::render_diagnostic(diagnostic, style(io::stderr().is_terminal()), &mut stderr);
    let _ = stderr.flush();
}

/// Loads the config given with `--config`, or the nearest stmtlint.toml, or the
/// defaults alone.
pub fn load_settings(config: Option<&Path>) -> Result<Settings, Error> {
    let discovered;
    let path = match config {
        Some(path) => Some(path),
        None => {
            discovered = std::env::current_dir().ok().and_then(|d| stmtlint_config::discover(&d));
            discovered.as_deref()
        }
    };
    stmtlint_config::load(path, &registry::rules()).map_err(|e| {
        report(&e);
        Error::Reported
    })
}

/// Builds the engine for the settings, refusing what this build cannot do.
pub fn engine(settings: &Settings) -> Result<stmtlint_engine::Engine, Error> {
    if let Some(plugin) = settings.plugins.first() {
        report(&*miette::miette!(
            code = "stmtlint::plugin::unsupported",
            help = "remove the [[plugins]] entries from the configuration",
            "this stmtlint cannot load native plugins yet (asked for `{}`)",
            plugin.path.display()
        ));
        return Err(Error::Reported);
    }
    stmtlint_engine::Engine::new(settings, &registry::rules(), registry::sources()).map_err(|e| {
        report(&*miette::miette!(
            code = "stmtlint::config::invalid",
            "invalid options for rule `{}`: {}",
            e.rule,
            e.message
        ));
        Error::Reported
    })
}

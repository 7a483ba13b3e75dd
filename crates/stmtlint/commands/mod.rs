//! One module per subcommand; this one dispatches and holds what they share.

mod check;
mod extract;
mod fix;
mod followups;
mod init;
mod plugin;
mod rules;
mod schema;
mod server;
mod setup;
mod test;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use miette::Diagnostic;
use stmtlint_render::Style;

pub use setup::{setup, setup_or_builtins};

use crate::args::{Cli, Command, PluginCommand, RuleCommand};

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
        Command::Server(args) => server::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain { rule, common } => rules::explain(&rule, &common),
        Command::Extract {
            file,
            format,
            stdin_filename,
            common,
        } => extract::run(&file, stdin_filename, format, &common),
        Command::Init { force } => init::run(force),
        Command::Followups(args) => followups::run(&args),
        Command::Plugin(PluginCommand::New { name, sdk }) => plugin::new(&name, &sdk),
        Command::Plugin(PluginCommand::Check { library }) => plugin::check(&library),
        Command::Completions { shell } => schema::completions(shell),
        Command::ConfigSchema(common) => schema::config_schema(&common),
        Command::Test { files, common } => test::run(&files, &common),
        Command::Rule(RuleCommand::New { id, dir }) => test::new_rule(&id, &dir),
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

/// Prints a file that could not be read, with its cause, to stderr.
pub fn report_failure(f: &stmtlint_engine::Failure) {
    let mut diagnostic = miette::MietteDiagnostic::new(format!("{}: {}", f.path, f.message)).with_code(f.code.clone());
    if let Some(help) = &f.help {
        diagnostic = diagnostic.with_help(help.clone());
    }
    report(&diagnostic);
}

//! Command-line arguments (DESIGN §6 is the contract).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use stmtlint_plugin::Date;
use stmtlint_render::Format;

/// A linter for diplomatic joint statements, communiqués and press releases.
///
/// Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
/// 2 stmtlint could not do its job (bad arguments or config, an unreadable input).
#[derive(Debug, Parser)]
#[command(name = "stmtlint", version, about, long_about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files, directories (recursively) and glob patterns.
    Check(CheckArgs),
    /// List the rules (built-in and from configured plugins) with id, default
    /// severity and summary.
    Rules(Common),
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. `missing-section`.
        rule: String,
        #[command(flatten)]
        common: Common,
    },
    /// Print the document model of a file as the rules see it.
    Extract {
        /// The file; `-` reads the statement from standard input.
        file: PathBuf,
        /// `human` or `json`.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Human)]
        format: ExtractFormat,
        /// The name of the statement read from standard input (`extract -`): its
        /// extension chooses the source (default: guessed from the content).
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// The ledger of dated commitments to meet again, with their verdicts.
    Followups(FollowupsArgs),
    /// Write or validate native plugins.
    #[command(subcommand)]
    Plugin(PluginCommand),
    /// Write a commented starter stmtlint.toml in the current directory.
    Init {
        /// Overwrite an existing stmtlint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (e.g. `stmtlint completions bash >
    /// /etc/bash_completion.d/stmtlint`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Run the language server (LSP over stdin and stdout) for editors: findings as
    /// you type, quick fixes, the corpus rules over the workspace folder on save.
    Server(ServerArgs),
    /// Print a JSON Schema of stmtlint.toml, for editor completion and checks.
    ConfigSchema(Common),
    /// Check the examples of declarative rule files: every `flagged` example must
    /// give a finding, every `clean` one none (exit 1 when one fails).
    Test {
        /// Rule files or folders of them (default: the drafting pack and the
        /// files the config's `rule-files` names).
        files: Vec<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Write declarative rules.
    #[command(subcommand)]
    Rule(RuleCommand),
}

/// `stmtlint rule ...`.
#[derive(Debug, Subcommand)]
pub enum RuleCommand {
    /// Write a rule file with one commented rule and its examples, ready for
    /// `stmtlint test` (add it to `rule-files` in stmtlint.toml).
    New {
        /// The rule's id, kebab-case (`acme-no-tbc`); the file is `ID.toml`.
        id: String,
        /// The folder to write it in.
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

/// `stmtlint plugin ...`.
#[derive(Debug, Subcommand)]
pub enum PluginCommand {
    /// Scaffold a rule plugin crate that builds with `cargo build --release`.
    New {
        /// The plugin's name, kebab-case (`acme-rules`); also its directory.
        name: String,
        /// A stmtlint source checkout whose SDK crate the plugin depends on
        /// (required: the SDK is not published on crates.io yet).
        #[arg(long, value_name = "PATH")]
        sdk: PathBuf,
    },
    /// Load a plugin library, validate it, and list what it provides.
    Check {
        /// The shared library (`libacme_rules.so`).
        library: PathBuf,
    },
}

/// Options of every command that loads the configuration.
#[derive(Debug, Default, clap::Args)]
pub struct Common {
    /// Use this config instead of discovering stmtlint.toml upward from the cwd.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Do not load the native plugins the config lists.
    #[arg(long)]
    pub no_plugins: bool,
}

/// `stmtlint server`.
#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// Accepted for editors that pass it: the server always speaks over stdin and
    /// stdout.
    #[arg(long)]
    pub stdio: bool,
    /// Judge time-bound findings (follow-ups) as of this day, not today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<Date>,
    #[command(flatten)]
    pub common: Common,
}

/// `stmtlint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, directories and glob patterns to lint; `-` reads one statement from
    /// standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<String>,
    /// The name of the statement read from standard input (`check -`): its path in
    /// reports, and its extension chooses the source (default: guessed from the
    /// content).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// The report format (default: human). Give several, each with its own
    /// `--output`, to write several reports in one run.
    #[arg(long, value_enum, action = clap::ArgAction::Append)]
    pub format: Vec<Format>,
    /// Write the report of the `--format` before it to FILE instead of standard
    /// output; the exit code does not change.
    #[arg(long, value_name = "FILE", action = clap::ArgAction::Append)]
    pub output: Vec<PathBuf>,
    /// Each report and where it goes (standard output when `None`), from `--format`
    /// and `--output` in the order they were given.
    #[arg(skip)]
    pub reports: Vec<(Format, Option<PathBuf>)>,
    /// Exit 1 when there are more than N warnings, whatever `--fail-on` says.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Report only the findings that FILE (written by `--write-baseline`) does not
    /// hold: findings are matched by file, rule, message and text, not by line.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// No progress bar, notes or summary line on stderr (errors still).
    #[arg(long, short)]
    pub quiet: bool,
    /// Apply the safe fixes (configured spellings, in text files; never PDF), then
    /// report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`, also apply unsafe fixes: spellings chosen by
    /// counting, and HTML pages.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print what `--fix` would change as a unified diff, change nothing; exit 1
    /// when there is something to fix.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Record every finding of this run in FILE as accepted (findings fixed since
    /// the last write drop out); the run then reports none of them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    /// The date follow-ups are judged against (default: `as-of` in the config,
    /// else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Also print notes (the config used, encodings guessed, links skipped) to
    /// stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// `stmtlint followups`.
#[derive(Debug, clap::Args)]
pub struct FollowupsArgs {
    /// Files, directories and glob patterns of the statements to read.
    #[arg(default_value = ".")]
    pub paths: Vec<String>,
    /// `human` (a block per commitment) or `json`.
    #[arg(long, value_enum, default_value_t = LedgerFormat::Human)]
    pub format: LedgerFormat,
    /// The date verdicts are judged against (default: `as-of` in the config, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Also list every statement with the date, place, series and ordinal read
    /// from it (the JSON ledger always has them).
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub common: Common,
}

/// Formats of `stmtlint followups`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    /// A block per commitment, for people.
    Human,
    /// The JSON ledger.
    Json,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|e| format!("expected a date as YYYY-MM-DD: {e}"))
}

/// Parses the command line, pairing each `--output` of `check` with the `--format`
/// given before it.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    if let (Command::Check(args), Some(("check", m))) = (&mut cli.command, matches.subcommand()) {
        match reports(m) {
            Ok(reports) => args.reports = reports,
            Err(message) => Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, message)
                .exit(),
        }
    }
    cli
}

/// The reports `check` writes: each `--format` with the `--output` that follows it.
fn reports(m: &clap::ArgMatches) -> Result<Vec<(Format, Option<PathBuf>)>, String> {
    let given = |id: &str| {
        m.indices_of(id)
            .map(Iterator::collect::<Vec<usize>>)
            .unwrap_or_default()
    };
    let formats: Vec<(usize, Format)> = given("format")
        .into_iter()
        .zip(m.get_many::<Format>("format").into_iter().flatten().copied())
        .collect();
    let outputs: Vec<(usize, PathBuf)> = given("output")
        .into_iter()
        .zip(m.get_many::<PathBuf>("output").into_iter().flatten().cloned())
        .collect();
    let mut reports: Vec<(Format, Option<PathBuf>)> = formats.iter().map(|(_, f)| (*f, None)).collect();
    if reports.is_empty() {
        reports.push((Format::Human, None));
    }
    for (at, path) in outputs {
        // The nearest `--format` before it; an `--output` before any goes with the first.
        let k = formats.iter().rposition(|(i, _)| *i < at).unwrap_or(0);
        if let Some(first) = &reports[k].1 {
            return Err(format!(
                "two --output files for one --format: '{}' and '{}'; give each its own --format",
                first.display(),
                path.display()
            ));
        }
        // Two reports into one file would leave only the one written last.
        if reports
            .iter()
            .any(|(_, out)| out.as_ref().is_some_and(|o| same_file(o, &path)))
        {
            return Err(format!(
                "two reports would be written to '{}'; give each --format its own --output",
                path.display()
            ));
        }
        reports[k].1 = Some(path);
    }
    if reports.iter().filter(|(_, out)| out.is_none()).count() > 1 {
        return Err("only one report can go to standard output: give each other --format an --output FILE".into());
    }
    Ok(reports)
}

/// Whether two `--output` paths name one file (also `out.json` and `./out.json`).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let resolve = |p: &std::path::Path| {
        let parent = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        parent
            .canonicalize()
            .ok()
            .map(|d| d.join(p.file_name().unwrap_or_default()))
    };
    a == b || resolve(a).is_some_and(|r| Some(r) == resolve(b))
}

/// Formats of `stmtlint extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// Metadata and one line per block.
    Human,
    /// The model as one JSON object.
    Json,
}

/// `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Every finding fails.
    Info,
    /// Findings never fail; only failures give exit 2.
    Never,
}

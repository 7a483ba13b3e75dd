//! End-to-end tests of the `stmtlint` binary.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

// Helpers: a temporary project directory and a way to run the binary in it.
mod util;

// Baselines: --write-baseline and --baseline.
mod baseline;
// `stmtlint check`: exit codes, discovery, formats.
mod check;
// Configuration: discovery, extends, errors rendered with spans.
mod config;
// `stmtlint extract`, `rules`, `explain`, `init`.
mod commands;
// The drafting pack against the labelled corpus: recall and precision.
mod eval;
// `check --fix`, `--unsafe-fixes`, `--diff`.
mod fix;
// The one matcher against its plain reference, on the samples and the corpus.
mod lexicon;
// Word drafts (.docx, .odt): files LibreOffice wrote, hostile packages, positions.
mod office;
// PDF: worker isolation, pages, malformed files.
mod pdf;
// Native plugins: the scaffold, loading, misbehaving plugins.
mod plugins;
// CI reports (SARIF, GitHub, JUnit), --output and the exit-code matrix.
mod reports;
// The README's command examples, run as written.
mod readme;
// The whole samples/ folder, snapshotted.
mod samples;
// `stmtlint server`: the protocol, positions, quick fixes, config, Neovim.
mod server;
// `inconsistent-name` and `unfulfilled-follow-up` over HTML and PDF; `followups`.
mod series;
// Inline suppressions and the unused ones.
mod suppress;

//! Configuration errors, rendered by miette with the TOML source underlined.

use miette::{Diagnostic, NamedSource, SourceSpan};

/// The configuration could not be used.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ConfigError {
    /// The config file could not be read.
    #[error("could not read the configuration `{path}`")]
    #[diagnostic(code(stmtlint::config::read))]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// A key, value or rule in the file is wrong.
    #[error("{message}")]
    #[diagnostic(code(stmtlint::config::invalid))]
    Invalid {
        /// What is wrong, naming the file.
        message: String,
        /// The file's text.
        #[source_code]
        src: NamedSource<String>,
        /// Where.
        #[label("{label}")]
        span: Option<SourceSpan>,
        /// What the underline says.
        label: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
}

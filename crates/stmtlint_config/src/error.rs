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
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfig>),
}

/// A key, value or rule of a config file is wrong: the file's text and the span.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(stmtlint::config::invalid))]
pub struct InvalidConfig {
    /// What is wrong, naming the file.
    pub message: String,
    /// The file's text.
    #[source_code]
    pub src: NamedSource<String>,
    /// Where.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// What the underline says.
    pub label: String,
    /// How to fix it.
    #[help]
    pub help: Option<String>,
}

//! Why a plugin could not be loaded: one variant per cause, each naming the file.

use std::path::PathBuf;

use miette::Diagnostic;

/// A plugin could not be loaded or validated.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum PluginError {
    /// The file is not there.
    #[error("plugin `{path}` does not exist")]
    #[diagnostic(
        code(stmtlint::plugin::missing),
        help(
            "build the plugin (`cargo build --release`) or fix `path` in stmtlint.toml; relative paths are relative to the config file"
        )
    )]
    Missing {
        /// The library.
        path: PathBuf,
    },

    /// Group or world can write the file or its directory.
    #[error("refusing to load plugin `{path}`: {what} is writable by other users")]
    #[diagnostic(
        code(stmtlint::plugin::insecure),
        help("a plugin runs with your privileges; run `chmod go-w` on it and its directory")
    )]
    Insecure {
        /// The library.
        path: PathBuf,
        /// "the file" or "its directory".
        what: &'static str,
    },

    /// The file's hash differs from the pinned one.
    #[error("plugin `{path}` does not match its pinned sha256")]
    #[diagnostic(
        code(stmtlint::plugin::checksum),
        help("expected {expected}, the file has {actual}; update `sha256` if you rebuilt the plugin on purpose")
    )]
    Checksum {
        /// The library.
        path: PathBuf,
        /// The pin.
        expected: String,
        /// The file's.
        actual: String,
    },

    /// The file could not be opened as a shared library.
    #[error("plugin `{path}` could not be loaded as a shared library")]
    #[diagnostic(
        code(stmtlint::plugin::load),
        help("is it a cdylib built for this OS and architecture (crate-type = [\"cdylib\"])?")
    )]
    Load {
        /// The library.
        path: PathBuf,
        /// The loader's message.
        #[source]
        source: libloading::Error,
    },

    /// The library has no entry point of this ABI.
    #[error("`{path}` is not a stmtlint plugin: it has no `stmtlint_plugin_entry_v1` symbol{newer}")]
    #[diagnostic(
        code(stmtlint::plugin::no_entry),
        help("a plugin is a cdylib that calls `stmtlint_plugin_sdk::declare_plugin!`")
    )]
    NoEntry {
        /// The library.
        path: PathBuf,
        /// A note when a newer entry exists.
        newer: String,
    },

    /// The library was built for another ABI major.
    #[error(
        "plugin `{path}` targets plugin ABI {found_major}.{found_minor}, this stmtlint speaks {host_major}.{host_minor}"
    )]
    #[diagnostic(
        code(stmtlint::plugin::abi_mismatch),
        help("rebuild the plugin against the stmtlint_plugin_sdk of this stmtlint")
    )]
    AbiMismatch {
        /// The library.
        path: PathBuf,
        /// Its major.
        found_major: u16,
        /// Its minor.
        found_minor: u16,
        /// Ours.
        host_major: u16,
        /// Ours.
        host_minor: u16,
    },

    /// The descriptor is malformed.
    #[error("plugin `{path}` has a malformed descriptor: {reason}")]
    #[diagnostic(
        code(stmtlint::plugin::bad_header),
        help(
            "build the plugin with stmtlint_plugin_sdk's `declare_plugin!`, or fix the hand-written descriptor against include/stmtlint_plugin.h"
        )
    )]
    BadHeader {
        /// The library.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },

    /// Two plugins provide the same rule id.
    #[error("rule `{id}` of plugin `{path}` is already provided by {other}")]
    #[diagnostic(
        code(stmtlint::plugin::duplicate_rule),
        help("rule ids are namespaced by plugin name; give the plugins different names")
    )]
    DuplicateRule {
        /// The library.
        path: PathBuf,
        /// The id.
        id: String,
        /// Who else.
        other: String,
    },
}

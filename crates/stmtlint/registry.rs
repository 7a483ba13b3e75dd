//! The built-in plugins, listed once in `crates/stmtlint_builtins`.

pub use stmtlint_builtins::builtins;

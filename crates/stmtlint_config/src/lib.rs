//! stmtlint_config

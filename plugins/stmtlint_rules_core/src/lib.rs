//! stmtlint_rules_core

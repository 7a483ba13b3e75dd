//! stmtlint_engine

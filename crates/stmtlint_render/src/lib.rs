//! stmtlint_render

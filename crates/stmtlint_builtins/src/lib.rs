//! The built-in plugins: the one place that lists what is linked into stmtlint.
//! They load through the same adapter as a native plugin (`Plugin::from_static`);
//! the binary (`crates/stmtlint/registry.rs`) and the fuzz targets
//! (`crates/stmtlint_fuzz`) both take them from here.

use stmtlint_plugin_abi::PluginInfoV1;

/// The descriptors of the built-in plugins: sources first, then the rules.
pub fn builtins() -> [&'static PluginInfoV1; 5] {
    [
        stmtlint_source_text::plugin(),
        stmtlint_source_html::plugin(),
        stmtlint_source_pdf::plugin(),
        stmtlint_source_office::plugin(),
        stmtlint_rules_core::plugin(),
    ]
}

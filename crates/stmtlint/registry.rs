//! The built-in plugins: the one place the binary lists what is linked into it.
//! They load through the same adapter as a native plugin (`Plugin::from_static`).

use stmtlint_plugin_abi::PluginInfoV1;

/// The descriptors of the built-in plugins.
pub fn builtins() -> [&'static PluginInfoV1; 5] {
    [
        stmtlint_source_text::plugin(),
        stmtlint_source_html::plugin(),
        stmtlint_source_pdf::plugin(),
        stmtlint_source_office::plugin(),
        stmtlint_rules_core::plugin(),
    ]
}

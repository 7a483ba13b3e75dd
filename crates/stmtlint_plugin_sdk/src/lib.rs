//! Write stmtlint rules and sources as native plugins, in safe Rust.
//!
//! A rule is written exactly like stmtlint's built-in rules: a struct declared with
//! [`declare_rule!`] (its doc comment is its documentation), an options type, and
//! [`Rule::check`]. [`declare_plugin!`] exports it through the versioned C ABI of
//! [`abi`]: the SDK's shims convert the document, catch panics, and hand findings
//! back to the host, which copies them. The built-in plugin is declared with the same
//! macro, so the built-in rules and sources run through this very code.
//!
//! ```ignore
//! use stmtlint_plugin_sdk::prelude::*;
//!
//! declare_rule! {
//!     /// ## What it does
//!     /// Flags `TODO` markers left in a draft.
//!     /// ...
//!     pub struct NoTodo;
//!     id = "no-todo",
//!     severity = Warning,
//!     summary = "a draft still has a `TODO` marker",
//! }
//!
//! impl ConfigurableRule for NoTodo {
//!     type Options = NoOptions;
//!     const META: RuleMeta = NoTodo::META;
//!     fn new(_: NoOptions) -> Self { NoTodo }
//! }
//!
//! impl Rule for NoTodo {
//!     fn check(&self, doc: &Document, sink: &mut Sink) {
//!         for (start, _) in doc.text.match_indices("TODO") {
//!             sink.report(Finding::new(Span::new(start, start + 4), "draft has a `TODO` marker"));
//!         }
//!     }
//! }
//!
//! declare_plugin! { name: "acme", version: env!("CARGO_PKG_VERSION"), rules: [NoTodo], }
//! ```

#[allow(unsafe_code, reason = "the C ABI shims: every block has a SAFETY note")]
pub mod ffi;
#[allow(unsafe_code, reason = "C views of the document: every block has a SAFETY note")]
pub mod views;

pub use serde;
pub use serde_json;
pub use stmtlint_plugin::*;
pub use stmtlint_plugin_abi as abi;

/// Everything a plugin needs, in one `use`.
pub mod prelude {
    pub use crate::{NoOptions, declare_plugin};
    pub use stmtlint_plugin::{
        Applicability, Block, BlockKind, ConfigurableRule, CorpusRule, CorpusSink, DocFacts, DocFactsJson, Document,
        Edit, FactsReader, Finding, Fix, Label, Metadata, Rule, RuleMeta, Severity, Sink, Source, SourceError,
        SourceMap, Span, declare_rule,
    };
}

/// The options of a rule that has none (any key is an error).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// How a source's error crosses the ABI: `CODE: MESSAGE`, then `\nhelp: HELP`.
pub fn encode_source_error(e: &SourceError) -> String {
    let mut s = format!("{}: {}", e.code, e.message);
    if let Some(help) = &e.help {
        s.push_str("\nhelp: ");
        s.push_str(help);
    }
    s
}

/// The inverse of [`encode_source_error`]; a message without a code gets `fallback_code`.
pub fn decode_source_error(s: &str, fallback_code: &str) -> SourceError {
    let (head, help) = match s.split_once("\nhelp: ") {
        Some((head, help)) => (head, Some(help.to_owned())),
        None => (s, None),
    };
    let (code, message) = match head.split_once(": ") {
        Some((code, message)) if code.starts_with("stmtlint::") || code.contains("::") => (code, message),
        _ => (fallback_code, head),
    };
    SourceError {
        code: code.to_owned(),
        message: message.to_owned(),
        help,
    }
}

/// Declares a plugin's rules and sources and exports them through the C ABI.
///
/// ```ignore
/// declare_plugin! {
///     name: "acme",                        // kebab-case; prefixes rule ids: `acme/no-todo`
///     version: env!("CARGO_PKG_VERSION"),
///     rules: [NoTodo],                     // document rules (ConfigurableRule + Rule)
///     corpus_rules: [],                    // corpus rules (ConfigurableRule + CorpusRule)
///     sources: [MyFormat],                 // sources (Source + Default)
/// }
/// ```
///
/// With `static NAME;` first, it exports nothing and defines `fn NAME() ->
/// &'static PluginInfoV1` instead, for plugins linked into stmtlint itself.
#[macro_export]
macro_rules! declare_plugin {
    (
        static $fn_name:ident;
        name: $name:expr,
        version: $version:expr,
        $(rules: [$($rule:ty),* $(,)?],)?
        $(corpus_rules: [$($corpus:ty),* $(,)?],)?
        $(sources: [$($source:ty),* $(,)?],)?
    ) => {
        /// The plugin's descriptor, for the host's `from_static`.
        pub fn $fn_name() -> &'static $crate::abi::PluginInfoV1 {
            static DESCRIPTOR: ::std::sync::OnceLock<$crate::ffi::Descriptor> = ::std::sync::OnceLock::new();
            &DESCRIPTOR
                .get_or_init(|| {
                    $crate::declare_plugin!(@build $name, $version, [$($($rule),*)?], [$($($corpus),*)?], [$($($source),*)?])
                })
                .0
        }
    };
    (
        name: $name:expr,
        version: $version:expr,
        $(rules: [$($rule:ty),* $(,)?],)?
        $(corpus_rules: [$($corpus:ty),* $(,)?],)?
        $(sources: [$($source:ty),* $(,)?],)?
    ) => {
        /// The plugin's entry point (ABI major 1).
        ///
        /// # Safety
        /// Called by the stmtlint host only.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn stmtlint_plugin_entry_v1(
            host: *const $crate::abi::HostInfoV1,
        ) -> *const $crate::abi::PluginInfoV1 {
            fn build() -> &'static $crate::ffi::Descriptor {
                static DESCRIPTOR: ::std::sync::OnceLock<$crate::ffi::Descriptor> = ::std::sync::OnceLock::new();
                DESCRIPTOR.get_or_init(|| {
                    $crate::declare_plugin!(@build $name, $version, [$($($rule),*)?], [$($($corpus),*)?], [$($($source),*)?])
                })
            }
            // SAFETY: the host's description, lent for the call.
            unsafe { $crate::ffi::entry(host, build) }
        }
    };
    (@build $name:expr, $version:expr, [$($rule:ty),*], [$($corpus:ty),*], [$($source:ty),*]) => {
        $crate::ffi::descriptor(
            $name,
            $version,
            if cfg!(panic = "abort") { $crate::abi::flags::PANIC_ABORT } else { 0 },
            vec![$($crate::ffi::rule_v1::<$rule>(),)* $($crate::ffi::corpus_rule_v1::<$corpus>(),)*],
            vec![$($crate::ffi::source_v1::<$source>(),)*],
        )
    };
}

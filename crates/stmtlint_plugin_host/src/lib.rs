//! stmtlint's side of the native plugin ABI.
//!
//! - [`Plugin::load`] opens a library (only from a path the config names; refused
//!   when group/world-writable or when it does not match its sha256 pin), finds the
//!   entry symbol, and validates the descriptor; [`Plugin::from_static`] does the
//!   same for a plugin linked into stmtlint (the built-ins).
//! - [`Plugin::rule_specs`] and [`Plugin::sources`] adapt the plugin's tables to the
//!   in-process [`stmtlint_plugin::RuleSpec`] and [`stmtlint_plugin::Source`]: the
//!   engine cannot tell a plugin's rule from a built-in one.
//! - [`PluginError`] says what is wrong with a plugin, naming the file.
//!
//! Libraries are never unloaded: their descriptors and code stay valid for the
//! whole process.

mod error;
#[allow(unsafe_code, reason = "calls across the C ABI: every block has a SAFETY note")]
mod rule;
#[allow(unsafe_code, reason = "calls across the C ABI: every block has a SAFETY note")]
mod source;

use std::path::{Path, PathBuf};

use stmtlint_plugin::{RuleSpec, Source};
use stmtlint_plugin_abi::{
    ABI_MAJOR, ABI_MINOR, EntryFnV1, HostInfoV1, MAGIC, PluginInfoV1, RuleV1, SourceV1, StrRef, flags,
};
use stmtlint_plugin_sdk::views::checked_str_from;

pub use error::PluginError;

/// Rules or sources a descriptor may declare, at most: a sanity bound that turns a
/// garbage count into an error instead of a huge read.
const MAX_ENTRIES: usize = 10_000;

/// A validated plugin: its name and tables.
pub struct Plugin {
    /// Where it was loaded from (`built-in` for a static plugin).
    pub origin: String,
    /// Kebab-case name.
    pub name: String,
    /// Version.
    pub version: String,
    /// What built it.
    pub built_with: String,
    /// Whether it was built with `panic = "abort"`.
    pub panic_abort: bool,
    rules: Vec<(String, RuleV1)>,
    sources: Vec<SourceV1>,
}

/// What a static string of a descriptor says, or why it is malformed.
fn static_str(s: StrRef, what: &str) -> Result<&'static str, String> {
    if s.ptr.is_null() && s.len != 0 {
        return Err(format!("{what} is a null pointer with a length"));
    }
    // SAFETY: descriptor strings point into the library, which is never unloaded;
    // the bytes are checked to be UTF-8.
    #[allow(unsafe_code, reason = "reading the plugin's static descriptor")]
    unsafe { checked_str_from(s) }.ok_or_else(|| format!("{what} is not UTF-8"))
}

impl Plugin {
    /// Loads the library at `path` (already resolved against the config file).
    pub fn load(path: &Path, sha256: Option<&str>) -> Result<Self, PluginError> {
        let err_path = path.to_path_buf();
        let meta = std::fs::metadata(path).map_err(|_| PluginError::Missing { path: err_path.clone() })?;
        check_permissions(path, &meta)?;
        if let Some(expected) = sha256 {
            check_sha256(path, expected)?;
        }
        // SAFETY: loading runs the library's initializers; the user named this file
        // in their config, which is the trust decision (DESIGN §12).
        #[allow(unsafe_code, reason = "dlopen of a library the config names")]
        let library = unsafe { open(path) }.map_err(|source| PluginError::Load {
            path: err_path.clone(),
            source,
        })?;
        // Never unloaded: the descriptor and the code must outlive every call.
        let library: &'static libloading::Library = Box::leak(Box::new(library));
        let name = format!("{}\0", stmtlint_plugin_abi::ENTRY_SYMBOL_V1);
        // SAFETY: the symbol, if present, has the ABI's entry type by contract.
        #[allow(unsafe_code, reason = "dlsym of the entry point")]
        let entry = unsafe { library.get::<EntryFnV1>(name.as_bytes()) }.map_err(|_| {
            // SAFETY: only probing for the symbol's presence.
            #[allow(unsafe_code, reason = "probing for a newer entry point")]
            let newer = (2..=4).find(|v| {
                unsafe { library.get::<*const ()>(format!("stmtlint_plugin_entry_v{v}\0").as_bytes()) }.is_ok()
            });
            PluginError::NoEntry {
                path: err_path.clone(),
                newer: newer.map_or_else(String::new, |v| {
                    format!(" (it has `stmtlint_plugin_entry_v{v}`: it needs a newer stmtlint)")
                }),
            }
        })?;
        let host = HostInfoV1 {
            struct_size: size_of::<HostInfoV1>() as u32,
            abi_major: ABI_MAJOR,
            abi_minor: ABI_MINOR,
            host_version: StrRef::new(env!("CARGO_PKG_VERSION")),
        };
        // SAFETY: calling the plugin's entry with a host info that lives for the call.
        #[allow(unsafe_code, reason = "calling the entry point")]
        let info = unsafe { entry(&raw const host) };
        // SAFETY: the entry returns null or a pointer to its static descriptor.
        #[allow(unsafe_code, reason = "reading the static descriptor")]
        let info = unsafe { info.as_ref() }.ok_or_else(|| PluginError::BadHeader {
            path: err_path.clone(),
            reason: "the entry point returned null".into(),
        })?;
        Self::validate(info, path.display().to_string(), &err_path)
    }

    /// A plugin linked into stmtlint.
    pub fn from_static(info: &'static PluginInfoV1) -> Result<Self, PluginError> {
        Self::validate(info, "built-in".to_owned(), Path::new("built-in"))
    }

    fn validate(info: &'static PluginInfoV1, origin: String, path: &Path) -> Result<Self, PluginError> {
        let bad = |reason: String| PluginError::BadHeader {
            path: path.to_path_buf(),
            reason,
        };
        if info.magic != MAGIC {
            return Err(bad("wrong magic number (not a stmtlint descriptor)".into()));
        }
        if info.abi_major != ABI_MAJOR {
            return Err(PluginError::AbiMismatch {
                path: path.to_path_buf(),
                found_major: info.abi_major,
                found_minor: info.abi_minor,
                host_major: ABI_MAJOR,
                host_minor: ABI_MINOR,
            });
        }
        if (info.struct_size as usize) < size_of::<PluginInfoV1>() {
            return Err(bad(format!(
                "struct_size {} is smaller than ABI 1.0's {}",
                info.struct_size,
                size_of::<PluginInfoV1>()
            )));
        }
        let name = static_str(info.name, "the plugin name").map_err(bad)?;
        if !stmtlint_plugin::is_kebab_case(name) {
            return Err(bad(format!("the plugin name `{name}` is not kebab-case")));
        }
        let rules = rule_table(info.rules, info.n_rules).map_err(bad)?;
        let sources = sized_table(
            info.sources,
            info.n_sources,
            "sources",
            stmtlint_plugin_abi::SOURCE_V1_0_SIZE,
        )
        .map_err(bad)?;
        let mut plugin = Self {
            origin,
            name: name.to_owned(),
            version: static_str(info.version, "the version").map_err(bad)?.to_owned(),
            built_with: static_str(info.built_with, "built_with").map_err(bad)?.to_owned(),
            panic_abort: info.flags & flags::PANIC_ABORT != 0,
            rules: Vec::new(),
            sources: Vec::new(),
        };
        for rule in rules {
            let id = rule::validate(&rule).map_err(bad)?;
            if plugin.rules.iter().any(|(other, _)| other == id) {
                return Err(bad(format!("rule id `{id}` appears twice")));
            }
            plugin.rules.push((id.to_owned(), rule));
        }
        for source in sources {
            source::validate(&source).map_err(bad)?;
            plugin.sources.push(source);
        }
        Ok(plugin)
    }

    /// The plugin's rules as specs. With `namespaced`, ids become `NAME/ID`, so a
    /// plugin can never shadow a built-in rule.
    pub fn rule_specs(&self, namespaced: bool) -> Vec<RuleSpec> {
        self.rules
            .iter()
            .map(|(id, desc)| {
                let id = if namespaced {
                    format!("{}/{id}", self.name)
                } else {
                    id.clone()
                };
                rule::spec(id, *desc, &self.origin)
            })
            .collect()
    }

    /// The plugin's sources.
    pub fn sources(&self) -> Vec<Box<dyn Source>> {
        self.sources
            .iter()
            .map(|s| Box::new(source::FfiSource::new(*s)) as Box<dyn Source>)
            .collect()
    }

    /// One line per rule and source, for `stmtlint plugin check`.
    pub fn describe(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .rule_specs(true)
            .iter()
            .map(|s| format!("rule   {:<32} {}", s.id, s.summary))
            .collect();
        for s in &self.sources {
            let source = source::FfiSource::new(*s);
            lines.push(format!(
                "source {:<32} .{}",
                source.name(),
                source.extensions().join(", .")
            ));
        }
        lines
    }
}

/// The rules table, walked by the plugin's `RuleV1` size: a plugin built for ABI
/// 1.0 has smaller entries than this host's, whose later fields read as null.
fn rule_table(ptr: *const RuleV1, len: usize) -> Result<Vec<RuleV1>, String> {
    sized_table(ptr, len, "rules", stmtlint_plugin_abi::RULE_V1_0_SIZE)
}

/// A table of structs that begin with their `struct_size` and only grow at the end
/// (`RuleV1`, `SourceV1`), walked by the plugin's size of them, which is at least
/// `least` (ABI 1.0's): fields the plugin's entries do not have read as zero (null
/// functions).
fn sized_table<T: Copy + 'static>(ptr: *const T, len: usize, what: &str, least: usize) -> Result<Vec<T>, String> {
    if len == 0 {
        return Ok(Vec::new());
    }
    // Not read as a slice of `T`: an older plugin's entries are smaller than `T`.
    if ptr.is_null() {
        return Err(format!("the {what} table is null but declares {len} entries"));
    }
    // SAFETY: the table is non-null (checked above); its first field is `struct_size`.
    #[allow(unsafe_code, reason = "reading the plugin's static tables")]
    let stride = unsafe { ptr.cast::<u32>().read_unaligned() } as usize;
    if !(least..=64 * 1024).contains(&stride) {
        return Err(format!(
            "the first entry of its {what} has struct_size {stride} (ABI 1.0 needs {least})"
        ));
    }
    if len > MAX_ENTRIES {
        return Err(format!("it declares {len} {what} (at most {MAX_ENTRIES})"));
    }
    let copied = stride.min(size_of::<T>());
    Ok((0..len)
        .map(|i| {
            let mut entry = std::mem::MaybeUninit::<T>::zeroed();
            // SAFETY: entry `i` of `len` entries of `stride` bytes in the library's
            // static data; the bytes past what it has stay zero (null functions,
            // for which every field of these tables allows zero).
            #[allow(unsafe_code, reason = "reading the plugin's static tables")]
            unsafe {
                std::ptr::copy_nonoverlapping(
                    ptr.cast::<u8>().add(i * stride),
                    entry.as_mut_ptr().cast::<u8>(),
                    copied,
                );
                entry.assume_init()
            }
        })
        .collect())
}

/// `dlopen` with every symbol resolved now, so a missing dependency fails here.
///
/// # Safety
/// Runs the library's initializers.
#[allow(unsafe_code, reason = "dlopen")]
unsafe fn open(path: &Path) -> Result<libloading::Library, libloading::Error> {
    #[cfg(unix)]
    {
        use libloading::os::unix::{Library, RTLD_LOCAL, RTLD_NOW};
        // SAFETY: as the caller accepts.
        unsafe { Library::open(Some(path), RTLD_NOW | RTLD_LOCAL) }.map(Into::into)
    }
    #[cfg(not(unix))]
    {
        // SAFETY: as the caller accepts.
        unsafe { libloading::Library::new(path) }
    }
}

#[cfg(unix)]
fn check_permissions(path: &Path, meta: &std::fs::Metadata) -> Result<(), PluginError> {
    use std::os::unix::fs::PermissionsExt;
    let insecure = |what| PluginError::Insecure {
        path: path.to_path_buf(),
        what,
    };
    if meta.permissions().mode() & 0o022 != 0 {
        return Err(insecure("the file"));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_mode = std::fs::metadata(dir).map(|m| m.permissions().mode()).unwrap_or(0);
    // A sticky world-writable directory (/tmp) still lets others plant files, so it
    // is refused too.
    if dir_mode & 0o022 != 0 {
        return Err(insecure("its directory"));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_permissions(_: &Path, _: &std::fs::Metadata) -> Result<(), PluginError> {
    Ok(())
}

fn check_sha256(path: &Path, expected: &str) -> Result<(), PluginError> {
    use sha2::Digest;
    let bytes = std::fs::read(path).map_err(|_| PluginError::Missing {
        path: path.to_path_buf(),
    })?;
    let actual: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if actual.eq_ignore_ascii_case(expected.trim()) {
        return Ok(());
    }
    Err(PluginError::Checksum {
        path: path.to_path_buf(),
        expected: expected.to_owned(),
        actual,
    })
}

/// Checks that no two specs share an id; the error names both origins.
pub fn check_unique(specs: &[RuleSpec]) -> Result<(), PluginError> {
    for (i, spec) in specs.iter().enumerate() {
        if let Some(other) = specs[..i].iter().find(|s| s.id == spec.id) {
            return Err(PluginError::DuplicateRule {
                path: PathBuf::from(&spec.origin),
                id: spec.id.clone(),
                other: format!("`{}`", other.origin),
            });
        }
    }
    Ok(())
}

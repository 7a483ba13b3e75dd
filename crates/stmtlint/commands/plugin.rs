//! `stmtlint plugin new` and `stmtlint plugin check`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use stmtlint_plugin_host::Plugin;

use super::{Error, report};

const CARGO_TOML: &str = include_str!("../../../config/plugin-template/Cargo.toml.in");
const LIB_RS: &str = include_str!("../../../config/plugin-template/lib.rs.in");
const README: &str = include_str!("../../../config/plugin-template/README.md.in");
const GITIGNORE: &str = include_str!("../../../config/plugin-template/gitignore.in");

fn fail(code: &str, message: String) -> Error {
    report(&*miette::miette!(code = code.to_owned(), "{message}"));
    Error::Reported
}

/// The file name of the library `cargo build` makes for crate `name`.
fn library_name(name: &str) -> String {
    let base = name.replace('-', "_");
    format!("{}{base}{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)
}

/// Writes a buildable plugin crate in directory `name`.
pub fn new(name: &str, checkout: &Path) -> Result<ExitCode, Error> {
    if !stmtlint_plugin::is_kebab_case(name) || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(fail(
            "stmtlint::plugin::bad_name",
            format!("`{name}` is not a kebab-case name such as `acme-rules`"),
        ));
    }
    let dir = Path::new(name);
    if dir.exists() {
        return Err(fail("stmtlint::plugin::exists", format!("`{name}` already exists")));
    }
    let crate_dir = checkout.join("crates/stmtlint_plugin_sdk");
    let crate_dir = crate_dir.canonicalize().map_err(|_| {
        fail(
            "stmtlint::plugin::bad_sdk",
            format!(
                "`{}` is not a stmtlint checkout (no crates/stmtlint_plugin_sdk)",
                checkout.display()
            ),
        )
    })?;
    let sdk_dep = format!(
        "stmtlint_plugin_sdk = {{ path = {:?} }}",
        crate_dir.display().to_string()
    );
    let fill = |template: &str| {
        template
            .replace("{{name}}", name)
            .replace("{{sdk}}", &sdk_dep)
            .replace("{{lib}}", &library_name(name))
            .replace("{{dir}}", name)
    };
    let files = [
        ("Cargo.toml", CARGO_TOML),
        ("src/lib.rs", LIB_RS),
        ("README.md", README),
        (".gitignore", GITIGNORE),
    ];
    for (file, template) in files {
        let path = dir.join(file);
        let written =
            std::fs::create_dir_all(path.parent().unwrap_or(dir)).and_then(|()| std::fs::write(&path, fill(template)));
        written.map_err(|e| {
            fail(
                "stmtlint::io::write",
                format!("could not write `{}`: {e}", path.display()),
            )
        })?;
    }
    let mut out = io::stdout().lock();
    writeln!(out, "created plugin `{name}`: rule `{name}/no-todo`")?;
    writeln!(
        out,
        "next: cd {name} && cargo build --release, then add to stmtlint.toml:"
    )?;
    writeln!(
        out,
        "\n[[plugins]]\npath = \"{name}/target/release/{}\"",
        library_name(name)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Loads a library, validates it, and lists its rules and sources.
pub fn check(library: &Path) -> Result<ExitCode, Error> {
    // `lib.so` is a file here, not a name for the system's library search.
    let local;
    let library = if library.components().count() == 1 && library.is_relative() {
        local = Path::new(".").join(library);
        &local
    } else {
        library
    };
    let plugin = Plugin::load(library, None).map_err(|e| {
        report(&e);
        Error::Reported
    })?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} {} ({}), from {}",
        plugin.name, plugin.version, plugin.built_with, plugin.origin
    )?;
    for line in plugin.describe() {
        writeln!(out, "  {line}")?;
    }
    if plugin.panic_abort {
        writeln!(
            out,
            "warning: built with panic = \"abort\": a bug in it stops stmtlint instead of failing one file"
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

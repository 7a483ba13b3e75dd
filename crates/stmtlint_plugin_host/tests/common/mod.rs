//! Builds real plugin libraries for the tests: Rust cdylibs with cargo, C plugins
//! with `cc`.

#![allow(dead_code, reason = "each test file uses a part of the helpers")]
#![allow(clippy::print_stdout, reason = "a test says why it skips")]
#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use miette::{GraphicalReportHandler, GraphicalTheme};

/// One cargo build at a time, so the tests of one binary do not race for the lock.
static CARGO: Mutex<()> = Mutex::new(());

/// The workspace root: the nearest directory above the crate with `Cargo.lock`.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|d| d.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Builds a workspace package's cdylib and returns its path.
pub fn build_cdylib(package: &str) -> PathBuf {
    build_cdylib_with(package, "dev")
}

/// Builds a workspace package's cdylib with a cargo profile.
pub fn build_cdylib_with(package: &str, profile: &str) -> PathBuf {
    let _lock = CARGO.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root())
        .args([
            "build",
            "--quiet",
            "--message-format=json",
            "--profile",
            profile,
            "-p",
            package,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "building {package} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| {
            m["reason"] == "compiler-artifact"
                && m["target"]["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "cdylib"))
        })
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| f.to_string_lossy().ends_with(std::env::consts::DLL_SUFFIX))
        .unwrap_or_else(|| panic!("no cdylib for {package}"))
}

/// A private directory for built libraries (not group/world-writable).
pub fn private_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stmtlint-host-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir
}

/// Compiles `tests/c-plugins/plugin.c` with `-D<define>` (or none); `None` when
/// there is no C compiler, after saying so.
pub fn build_c_plugin(define: Option<&str>) -> Option<PathBuf> {
    let root = root();
    let dir = private_dir("c");
    // A new file per build: tests run in parallel and must not overwrite a library
    // another test has loaded.
    static BUILT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let lib = dir.join(format!("libc_{}_{n}.so", define.unwrap_or("good").to_lowercase()));
    let mut cmd = Command::new("cc");
    cmd.args(["-std=c11", "-shared", "-fPIC", "-Wall", "-I"])
        .arg(root.join("include"));
    if let Some(define) = define {
        cmd.arg(format!("-D{define}"));
    }
    cmd.arg(root.join("tests/c-plugins/plugin.c")).arg("-o").arg(&lib);
    match cmd.status() {
        Ok(status) if status.success() => Some(lib),
        Ok(status) => panic!("plugin.c -D{define:?} failed to compile: {status}"),
        Err(e) => {
            println!("skipped: no C compiler (`cc`): {e}");
            None
        }
    }
}

/// A diagnostic as the user sees it, without colour.
pub fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(200)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}

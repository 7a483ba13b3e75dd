use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary directory, removed when dropped.
pub struct Dir {
    pub path: PathBuf,
}

impl Dir {
    pub fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("stmtlint-it-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self { path }
    }

    pub fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Runs `stmtlint check a.txt` on an undated statement, expecting the config to
    /// stop it (exit 2, nothing on stdout); the error with this directory as `[DIR]`.
    pub fn config_error(&self) -> String {
        self.file("a.txt", UNDATED);
        let out = self.run(&["check", "a.txt"]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        out.stderr.replace(&self.path.display().to_string(), "[DIR]")
    }

    /// Runs `stmtlint ARGS` in this directory.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(&self.path, args)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_stmtlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub const CLEAN: &str =
    "Joint Statement on Fisheries\nPorto, 3 April 2025\n\nThe delegations agreed to exchange inspection data.\n";
pub const UNDATED: &str = "Joint Statement on Fisheries\n\nThe delegations agreed to exchange inspection data.\n";

/// Validates `instance` against the JSON Schema `schema`; the error lists every
/// place where it fails.
pub fn validate_json(schema: serde_json::Value, instance: &serde_json::Value) -> Result<(), String> {
    let url = "file:///schema.json";
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(url, &mut schemas).map_err(|e| e.to_string())?;
    schemas.validate(instance, index).map_err(|e| format!("{e:#}"))
}

/// The given fields of each diagnostic of a JSON report, as text (`line` as its
/// number written out).
pub fn fields(stdout: &str, keys: &[&str]) -> Vec<Vec<String>> {
    let report: serde_json::Value = serde_json::from_str(stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            keys.iter()
                .map(|k| d[*k].as_str().map_or_else(|| d[*k].to_string(), str::to_owned))
                .collect()
        })
        .collect()
}

/// `../shared/corpus/SUB`, or `None` (with the reason printed) for a clone without
/// `../shared`; under CI the corpus must be there, so a missing one fails the test.
#[expect(clippy::print_stdout, reason = "the test runner shows why a test did nothing")]
pub fn shared_corpus(sub: &str) -> Option<PathBuf> {
    let dir = root().join("../shared/corpus").join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing under CI, where ../shared is laid beside the clone",
        dir.display()
    );
    println!("skipped: {} is not there", dir.display());
    None
}

/// Every file under `dir`, recursively.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path))
        } else {
            out.push(path)
        }
    }
    out.sort();
    out
}

//! The fuzz targets inside `cargo test`: each target's seeds (files of the repository
//! and, when it is there, of `../shared/corpus`), the inputs that crashed a target
//! once (`fuzz/regressions/TARGET/`), and deterministic mutations of the seeds
//! (byte flips, cuts, insertions of markup and multi-byte characters, repeats).
//! A panic anywhere fails the test and prints the input's origin.

#![allow(clippy::unwrap_used, reason = "a test fails loudly on anything unexpected")]

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .parent()
        .unwrap()
}

/// Files under `dir` (recursively) whose names end with one of `suffixes`.
fn files(dir: &Path, suffixes: &[&str], limit: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if suffixes.iter().any(|s| p.to_string_lossy().ends_with(s)) {
                out.push(p);
            }
        }
    }
    out.truncate(limit);
    out
}

/// The seeds of a target: (origin, bytes).
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let r = root();
    let shared = r.join("../shared/corpus");
    let mut paths: Vec<PathBuf> = match target {
        "text" | "engine" => {
            let mut p = files(&r.join("samples"), &[".txt", ".md"], 20);
            p.extend(files(&shared.join("seeds"), &[".txt", ".md"], 10));
            if target == "text" {
                p.extend(files(&shared.join("real"), &[".txt", ".md"], 60));
            }
            p
        }
        "html" => {
            let mut p = files(&r.join("plugins/stmtlint_source_html/tests/fixtures"), &[".html"], 20);
            p.extend(files(&shared.join("real"), &[".html"], 30));
            p
        }
        "docx" => files(&r.join("samples"), &[".docx"], 5),
        "odt" => files(&r.join("tests/office"), &[".odt"], 5),
        "config" => {
            let mut p = files(
                &r.join("config"),
                &["default.toml", "starter.toml", "rule-template.toml"],
                5,
            );
            p.extend(files(&r.join("config/profiles"), &[".toml"], 5));
            p.extend(files(&r.join("samples"), &[".toml"], 5));
            p
        }
        "rule_file" => {
            let mut p = files(&r.join("config/packs"), &[".toml"], 10);
            p.extend(files(&r.join("config"), &["rule-template.toml"], 1));
            p
        }
        _ => Vec::new(),
    };
    paths.extend(files(&r.join("fuzz/corpus").join(target), &[""], 50));
    paths.extend(files(&r.join("fuzz/regressions").join(target), &[""], 200));
    let mut out: Vec<(String, Vec<u8>)> = paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect();
    if target == "pdf_layout" {
        // What a worker answers for the repository's test PDF.
        let pdf = std::fs::read(r.join("tests/fixtures/pdf/statement.pdf")).unwrap();
        if let Ok(x) = stmtlint_source_pdf::extract(&pdf) {
            out.push(("statement.pdf, extracted".into(), serde_json::to_vec(&x).unwrap()));
        }
    }
    out
}

/// A small deterministic generator (xorshift64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Pieces a mutation inserts: markup, references, multi-byte characters, names.
const PIECES: &[&[u8]] = &[
    b"<",
    b"</div>",
    b"<p>",
    b"&#x",
    b"&amp",
    b"]]>",
    b"\n\n",
    b"\r\n",
    b"\xEF\xBB\xBF",
    b"\xC3",
    "Tromsø — ".as_bytes(),
    b"EU-U.S.",
    b"U.S.-EU",
    b"(ACR)",
    b" 31 February 2023 ",
    b"[[rule]]\n",
    b"= [",
    b"\"",
    b"\x00",
    b"PK\x03\x04",
];

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.truncate(at),
            2 => {
                let piece = PIECES[rng.below(PIECES.len())];
                out.splice(at..at, piece.iter().copied());
            }
            3 if !out.is_empty() => {
                let end = (at + rng.below(64)).min(out.len());
                let slice: Vec<u8> = out[at.min(end)..end].to_vec();
                out.splice(at..at, slice.repeat(1 + rng.below(8)));
            }
            _ => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
        }
    }
    out
}

fn replay(target: &str, mutations: usize) {
    let (_, run) = stmtlint_fuzz::TARGETS.iter().find(|(n, _)| *n == target).unwrap();
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "no seed for {target}");
    let mut rng = Rng(0x005e_ed0f_57a7_e1ee);
    for (origin, bytes) in &seeds {
        let result = std::panic::catch_unwind(|| run(bytes));
        assert!(result.is_ok(), "{target} crashed on {origin}");
        for k in 0..mutations {
            let input = mutate(bytes, &mut rng);
            let result = std::panic::catch_unwind(|| run(&input));
            assert!(
                result.is_ok(),
                "{target} crashed on mutation {k} of {origin} ({} bytes; first 200: {:?})",
                input.len(),
                String::from_utf8_lossy(&input[..input.len().min(200)])
            );
        }
    }
}

#[test]
fn text() {
    replay("text", 40);
}

#[test]
fn html() {
    replay("html", 20);
}

#[test]
fn docx() {
    replay("docx", 200);
}

#[test]
fn odt() {
    replay("odt", 200);
}

#[test]
fn pdf_layout() {
    replay("pdf_layout", 200);
}

#[test]
fn config() {
    replay("config", 100);
}

#[test]
fn rule_file() {
    replay("rule_file", 60);
}

#[test]
fn engine() {
    replay("engine", 8);
}

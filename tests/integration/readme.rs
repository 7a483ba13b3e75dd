//! The README's command examples, run as written in a project that has the files
//! they name: each must run (exit 0 or 1), never fail on its arguments.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{Dir, UNDATED, root};

/// Every `stmtlint …` line of the README's `sh` blocks (with what is piped into
/// it), without its trailing comment; lines with placeholders (`NAME`, `/path/to`)
/// or that need a plugin built first are left to the plugin tests.
fn examples() -> Vec<(Option<String>, Vec<String>)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut out = Vec::new();
    for block in readme.split("```sh\n").skip(1) {
        let block = block.split("```").next().unwrap();
        for line in block.lines() {
            let line = line.split(" # ").next().unwrap().trim();
            let (input, command) = match line.split_once(" | ") {
                Some((feed, command)) => (feed.strip_prefix("cat ").map(str::to_owned), command),
                None => (None, line),
            };
            let Some(args) = command.strip_prefix("stmtlint ") else {
                continue;
            };
            if ["NAME", "/path/to", "acme-rules", "LIB"]
                .iter()
                .any(|p| args.contains(p))
            {
                continue;
            }
            // Single quotes keep a glob from the shell; stmtlint expands it.
            let words = args
                .split_whitespace()
                .map(|w| w.trim_matches('\'').to_owned())
                .collect();
            out.push((input, words));
        }
    }
    out
}

#[test]
fn every_command_example_of_the_readme_runs_as_written() {
    let dir = Dir::new("readme");
    for (name, text) in [
        ("drafts/undated.txt", UNDATED),
        ("statement.txt", UNDATED),
        ("draft.txt", UNDATED),
        ("archive/2019/a.md", UNDATED),
    ] {
        dir.file(name, text);
    }
    let samples = dir.path.join("samples");
    for file in crate::util::walk(&root().join("samples")) {
        let to = samples.join(file.strip_prefix(root().join("samples")).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&file, to).unwrap();
    }
    let examples = examples();
    assert!(examples.len() >= 20, "{examples:?}");
    for (input, args) in examples {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stmtlint"))
            .args(&args)
            .current_dir(&dir.path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let feed = input
            .map(|f| std::fs::read(dir.path.join(f)).unwrap())
            .unwrap_or_default();
        child.stdin.take().unwrap().write_all(&feed).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "stmtlint {}: exit {:?}\n{stderr}",
            args.join(" "),
            out.status.code()
        );
    }
}

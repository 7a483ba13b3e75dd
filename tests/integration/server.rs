//! `stmtlint server` driven over its pipes as an editor drives it: the protocol
//! messages, positions in UTF-16, quick fixes, the workspace's corpus rules, a
//! broken config, hostile messages; and Neovim's own LSP client.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::{Dir, root};

const WAIT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    next: i64,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

impl Client {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stmtlint"))
            .args(["server", "--as-of", "2026-11-22"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Self {
            child,
            stdin,
            messages,
            seen: Vec::new(),
            next: 0,
        };
        let root_uri = format!("file://{}", dir.display());
        let init = client.request(
            "initialize",
            json!({"rootUri": root_uri, "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
        );
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16", "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        self.raw(&frame(&body));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The first message (seen before or arriving) that `matches`.
    fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&matches) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if matches(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no such message in {WAIT:?}; seen: {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed; seen: {:#?}", self.seen),
            }
        }
    }

    /// The next diagnostics published for `uri` (at `version`, when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// `shutdown`, `exit`, and the server's exit code.
    fn finish(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(dir: &Dir, name: &str) -> String {
    format!("file://{}/{name}", dir.path.display())
}

/// A draft with `U.S.-EU` twice and `EU-U.S.` once, after `Tromsø` and em dashes
/// on the same line: the minority form's UTF-16 column is not its byte column.
const DRAFT: &str = "# Joint Statement on the U.S.-EU Dialogue in Tromsø\n\n\
Tromsø, March 3, 2025 — The U.S.-EU Dialogue met in Tromsø — and the EU-U.S. partners agreed to work together.\n";

fn utf16_column(line: &str, needle: &str) -> u64 {
    line[..line.find(needle).unwrap()].encode_utf16().count() as u64
}

fn names(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn the_minority_form_is_found_as_you_type_and_the_quick_fix_removes_it() {
    let dir = Dir::new("server-fix");
    let draft = uri(&dir, "draft.md");
    let mut client = Client::start(&dir.path);
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    let found = client.diagnostics(&draft, Some(1));
    let name = found
        .iter()
        .find(|d| d["code"] == "inconsistent-name")
        .expect("a finding");
    let line = DRAFT.lines().nth(2).unwrap();
    let column = utf16_column(line, "EU-U.S.");
    assert_eq!(name["range"]["start"], json!({"line": 2, "character": column}));
    assert_eq!(name["range"]["end"], json!({"line": 2, "character": column + 7}));
    assert_eq!(name["source"], "stmtlint");
    assert_eq!(name["severity"], 2);
    // Hover explains the rule.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": draft}, "position": {"line": 2, "character": column + 2}}),
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("inconsistent-name"),
        "{hover}"
    );
    // The quick fix, applied as an editor applies it.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": draft}, "range": name["range"], "context": {"diagnostics": [name]}}),
    );
    let actions = actions["result"].as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("write `U.S.-EU`"))
        .expect("a fix");
    let edit = &fix["edit"]["changes"][&draft][0];
    assert_eq!(edit["newText"], "U.S.-EU");
    assert_eq!(edit["range"], name["range"]);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable inconsistent-name for this line")
        .expect("a suppression");
    assert_eq!(
        disable["edit"]["changes"][&draft][0]["newText"],
        "<!-- stmtlint-disable-next-line inconsistent-name -->\n"
    );
    let fixed = DRAFT.replace("the EU-U.S. partners", "the U.S.-EU partners");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let after = client.diagnostics(&draft, Some(2));
    assert!(!names(&after).contains(&"inconsistent-name"), "{after:#?}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn saving_a_series_folder_shows_the_unfulfilled_promise_on_its_statement() {
    let dir = Dir::new("server-series");
    let series = root().join("samples/drafts/energy-dialogue-series");
    let mut files: Vec<_> = std::fs::read_dir(&series).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in &files {
        std::fs::copy(f, dir.path.join(f.file_name().unwrap())).unwrap();
    }
    let last = files
        .last()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let first = files[0].file_name().unwrap().to_string_lossy().into_owned();
    let mut client = Client::start(&dir.path);
    // At start the folder is linted: the last statement's promise is unfulfilled,
    // though it is not open.
    let found = client.diagnostics(&uri(&dir, &last), None);
    assert!(names(&found).contains(&"unfulfilled-follow-up"), "{found:#?}");
    // Opening and saving the first statement lints the folder again; the finding
    // stays on the statement that made the promise.
    let text = std::fs::read_to_string(dir.path.join(&first)).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&dir, &first), "languageId": "markdown", "version": 1, "text": text}}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&dir, &first)}}),
    );
    let again = client.diagnostics(&uri(&dir, &last), None);
    assert!(names(&again).contains(&"unfulfilled-follow-up"), "{again:#?}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn a_broken_config_is_a_diagnostic_and_the_server_keeps_serving() {
    let dir = Dir::new("server-config");
    dir.file("stmtlint.toml", "[rules.inconsistent-name]\nseverity = \"loud\"\n");
    let config = uri(&dir, "stmtlint.toml");
    let mut client = Client::start(&dir.path);
    let problems = client.diagnostics(&config, None);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["severity"], 1);
    assert_eq!(problems[0]["range"]["start"]["line"], 1, "{problems:#?}");
    // Fixed on disk and announced: the problem goes, and linting works.
    dir.file("stmtlint.toml", "[rules.inconsistent-name]\nseverity = \"error\"\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    assert_eq!(client.diagnostics(&config, None), Vec::<Value>::new());
    let draft = uri(&dir, "draft.md");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    let found = client.diagnostics(&draft, Some(1));
    let name = found.iter().find(|d| d["code"] == "inconsistent-name").unwrap();
    assert_eq!(name["severity"], 1, "the new config's severity: {name}");
    // Broken again: the last good config keeps serving.
    dir.file("stmtlint.toml", "[rules.inconsistent-name\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config, "type": 2}]}),
    );
    assert_eq!(client.diagnostics(&config, None).len(), 1);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": DRAFT}]}),
    );
    let found = client.diagnostics(&draft, Some(2));
    assert!(names(&found).contains(&"inconsistent-name"), "{found:#?}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn unknown_methods_malformed_messages_and_big_documents_do_not_stop_it() {
    let dir = Dir::new("server-robust");
    let mut client = Client::start(&dir.path);
    let unknown = client.request("textDocument/completion", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // Not JSON: logged and skipped.
    client.raw(&frame(b"{ this is not json"));
    let log = client.wait(|m| m["method"] == "window/logMessage");
    assert!(log["params"]["message"].as_str().unwrap().contains("skipped"), "{log}");
    // A 3 MB statement, then a change: only the latest version is published last.
    let big = DRAFT.repeat(3_000_000 / DRAFT.len());
    let draft = uri(&dir, "big.md");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": draft, "languageId": "markdown", "version": 1, "text": big}}),
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": draft, "version": 2}, "contentChanges": [{"text": DRAFT}]}),
    );
    let found = client.diagnostics(&draft, Some(2));
    assert!(names(&found).contains(&"inconsistent-name"), "{found:#?}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn a_client_that_disappears_ends_the_server() {
    let dir = Dir::new("server-gone");
    let mut client = Client::start(&dir.path);
    // `exit` without `shutdown` is exit code 1, as the protocol says.
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), 1);
    let mut client = Client::start(&dir.path);
    drop(client.stdin.take());
    assert_eq!(client.exit_code(), 1);
}

/// `nvim`, or `None` with the reason printed; under CI (where `.ci/run` installs
/// it) a missing one fails the test.
#[expect(clippy::print_stdout, reason = "the test runner shows why a test did nothing")]
fn nvim() -> bool {
    let found = Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "Neovim (`nvim`) is missing under CI, where .ci/run installs it"
        );
        println!("skipped: Neovim (`nvim`) is not installed");
    }
    found
}

#[test]
fn neovim_shows_the_finding_on_the_minority_form_and_applies_the_fix() {
    if !nvim() {
        return;
    }
    let dir = Dir::new("server-nvim");
    let draft = dir.file("draft.md", DRAFT);
    let out = dir.path.join("out.txt");
    let script = dir.file("test.lua", include_str!("../editors/nvim-test.lua"));
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n"])
        .arg(&draft)
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("STMTLINT", env!("CARGO_BIN_EXE_stmtlint"))
        .env("STMTLINT_OUT", &out)
        .env("XDG_STATE_HOME", dir.path.join("state"))
        .current_dir(&dir.path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        output.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = DRAFT.lines().nth(2).unwrap();
    let column = utf16_column(line, "EU-U.S.");
    // vim.diagnostic columns are byte columns in the buffer.
    let byte_column = line.find("EU-U.S.").unwrap();
    assert!(
        report.contains(&format!("finding inconsistent-name 2:{byte_column}")),
        "{report} (UTF-16 column {column})"
    );
    assert!(report.contains("after fix: 0 inconsistent-name"), "{report}");
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("the U.S.-EU partners")
    );
}

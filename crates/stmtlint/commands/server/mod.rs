//! `stmtlint server`: the Language Server Protocol over stdin and stdout
//! (DESIGN §16), on `lsp-server` (the synchronous message loop rust-analyzer and
//! ruff run on: one loop gives the order of changes and saves for free, and no
//! async runtime is needed for an engine that is synchronous).
//!
//! The message loop only records what happened (a buffer changed, a file was saved,
//! the config changed) and answers requests from the findings already made; the
//! linting runs on one worker thread (`lint.rs`), which always takes the latest
//! text of each buffer, so an editor typing fast is never blocked and a stale
//! version is never published. The engine is the one `check` uses: a buffer being
//! typed is linted by the document rules from its unsaved text; on save (and at
//! start) the whole workspace folder is linted as `check` would, corpus rules
//! included, and their findings are published on every file they concern.

mod lint;
mod position;

use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use serde_json::{Value, json};
use stmtlint_engine::Diagnostic;

use super::Error;
use crate::args::ServerArgs;
use position::{Encoding, Lines, path_to_uri, uri_to_path};

/// An open document: the editor's text, which stands for the file.
struct Open {
    version: i32,
    text: String,
}

/// What the loop asks the worker to do.
#[derive(Default)]
struct Pending {
    /// Buffers changed since they were last linted.
    changed: BTreeSet<PathBuf>,
    /// Lint the whole workspace (at start, on save, after a config change).
    workspace: bool,
    /// Load the configuration again.
    reload: bool,
    /// The client is gone or shut the server down.
    quit: bool,
}

/// What the loop and the worker share.
#[derive(Default)]
struct State {
    open: HashMap<PathBuf, Open>,
    /// The findings last published for each file, and the text they were made on.
    published: HashMap<PathBuf, (Vec<Diagnostic>, String)>,
    /// Each rule's summary and documentation, for hover.
    docs: HashMap<String, (String, String)>,
    pending: Pending,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    encoding: Encoding,
    root: PathBuf,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn ask(&self, f: impl FnOnce(&mut Pending)) {
        f(&mut self.lock().pending);
        self.wake.notify_one();
    }
}

/// Runs the server until the client says `exit` (or goes away).
pub fn run(args: &ServerArgs) -> Result<ExitCode, Error> {
    let (connection, reader) = stdio();
    let (id, params) = match connection.initialize_start() {
        Ok(start) => start,
        Err(e) => {
            let _ = writeln!(io::stderr(), "stmtlint server: no initialize request: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let offered: Vec<String> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    let encoding = Encoding::negotiate(&offered);
    let root = workspace_root(&params);
    let watch = params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let result = json!({
        "capabilities": {
            "positionEncoding": encoding.name(),
            "textDocumentSync": {"openClose": true, "change": 1, "save": {"includeText": false}},
            "codeActionProvider": {"codeActionKinds": ["quickfix"]},
            "hoverProvider": true,
        },
        "serverInfo": {"name": "stmtlint", "version": env!("CARGO_PKG_VERSION")},
    });
    if connection.initialize_finish(id, result).is_err() {
        return Ok(ExitCode::from(1));
    }
    if watch {
        let register = Request::new(
            "stmtlint/watch".to_owned().into(),
            "client/registerCapability".to_owned(),
            json!({"registrations": [{
                "id": "stmtlint-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": [{"globPattern": "**/stmtlint.toml"}, {"globPattern": "**/*.toml"}]},
            }]}),
        );
        let _ = connection.sender.send(register.into());
    }
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        wake: Condvar::new(),
        encoding,
        root,
    });
    shared.ask(|p| {
        p.reload = true;
        p.workspace = true;
    });
    let worker = {
        let shared = Arc::clone(&shared);
        let sender = connection.sender.clone();
        let options = lint::Options {
            config: args.common.config.clone(),
            no_plugins: args.common.no_plugins,
            as_of: args.as_of,
        };
        std::thread::Builder::new()
            .name("stmtlint-lint".into())
            .spawn(move || lint::work(&shared, &sender, &options))
            .map_err(Error::from)?
    };
    let clean = serve(&connection, &shared);
    shared.ask(|p| p.quit = true);
    let _ = worker.join();
    drop(connection);
    let _ = reader.join();
    // `exit` after `shutdown` is a clean end (0); anything else is 1.
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The connection over stdin and stdout. A message that is not JSON is logged to
/// the client and skipped, rather than ending the connection.
fn stdio() -> (Connection, std::thread::JoinHandle<()>) {
    let (to_client, outgoing) = crossbeam_channel::unbounded::<Message>();
    let (incoming, from_client) = crossbeam_channel::unbounded::<Message>();
    std::thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for message in outgoing {
            if message.write(&mut stdout).is_err() {
                break;
            }
        }
    });
    let log = to_client.clone();
    let reader = std::thread::spawn(move || {
        let mut stdin = BufReader::new(io::stdin().lock());
        loop {
            match Message::read(&mut stdin) {
                Ok(Some(message)) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if incoming.send(message).is_err() || exit {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    let note = json!({"type": 1, "message": format!("stmtlint: a message was skipped: {e}")});
                    let _ = log.send(Notification::new("window/logMessage".into(), note).into());
                    // A header that is not one leaves the stream unreadable.
                    if e.to_string().contains("header") {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        reader,
    )
}

/// The folder the client opened: the first workspace folder, else `rootUri`, else
/// the working directory.
fn workspace_root(params: &Value) -> PathBuf {
    let uri = params
        .pointer("/workspaceFolders/0/uri")
        .or_else(|| params.get("rootUri"))
        .and_then(Value::as_str);
    uri.and_then(uri_to_path)
        .or_else(|| params.get("rootPath").and_then(Value::as_str).map(PathBuf::from))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// The message loop; `true` when it ended with `shutdown` then `exit`.
fn serve(connection: &Connection, shared: &Shared) -> bool {
    let mut shut_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if request.method == "shutdown" {
                    shut_down = true;
                    shared.ask(|p| p.quit = true);
                    let _ = connection.sender.send(Response::new_ok(request.id, Value::Null).into());
                    continue;
                }
                let response = if shut_down {
                    Response::new_err(
                        request.id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shut down".into(),
                    )
                } else {
                    answer(shared, request)
                };
                let _ = connection.sender.send(response.into());
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return shut_down;
                }
                if !shut_down {
                    notice(shared, &notification);
                }
            }
            Message::Response(_) => {}
        }
    }
    // The client went away without `exit`.
    false
}

/// A request's response: a quick fix, a hover, or "no such method".
fn answer(shared: &Shared, request: Request) -> Response {
    let params = &request.params;
    let uri = params
        .pointer("/textDocument/uri")
        .and_then(Value::as_str)
        .unwrap_or("");
    let result = match request.method.as_str() {
        "textDocument/codeAction" => Some(code_actions(shared, uri, params)),
        "textDocument/hover" => Some(hover(shared, uri, params)),
        _ => None,
    };
    match result {
        Some(result) => Response::new_ok(request.id, result),
        None => Response::new_err(
            request.id,
            ErrorCode::MethodNotFound as i32,
            format!("stmtlint does not answer `{}`", request.method),
        ),
    }
}

/// A notification: a buffer opened, changed, saved or closed, or a file of the
/// configuration changed.
fn notice(shared: &Shared, notification: &Notification) {
    let params = &notification.params;
    let path = params
        .pointer("/textDocument/uri")
        .and_then(Value::as_str)
        .and_then(uri_to_path);
    match notification.method.as_str() {
        "textDocument/didOpen" | "textDocument/didChange" => {
            let Some(path) = path else { return };
            let text = match notification.method.as_str() {
                "textDocument/didOpen" => params.pointer("/textDocument/text").and_then(Value::as_str),
                // Full sync: the last change holds the whole text.
                _ => params
                    .pointer("/contentChanges")
                    .and_then(Value::as_array)
                    .and_then(|c| c.last())
                    .and_then(|c| c.get("text"))
                    .and_then(Value::as_str),
            };
            let Some(text) = text else { return };
            let version = params
                .pointer("/textDocument/version")
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok())
                .unwrap_or(0);
            let mut state = shared.lock();
            state.open.insert(
                path.clone(),
                Open {
                    version,
                    text: text.to_owned(),
                },
            );
            state.pending.changed.insert(path);
            drop(state);
            shared.wake.notify_one();
        }
        "textDocument/didSave" => {
            let is_config = path.as_deref().is_some_and(is_config_file);
            shared.ask(|p| {
                p.workspace = true;
                p.reload |= is_config;
            });
        }
        "textDocument/didClose" => {
            let Some(path) = path else { return };
            shared.lock().open.remove(&path);
            // Back to what the disk says.
            shared.ask(|p| {
                p.changed.insert(path);
            });
        }
        "workspace/didChangeWatchedFiles" => {
            let config = params.get("changes").and_then(Value::as_array).is_some_and(|changes| {
                changes
                    .iter()
                    .filter_map(|c| c.get("uri").and_then(Value::as_str).and_then(uri_to_path))
                    .any(|p| is_config_file(&p))
            });
            shared.ask(|p| {
                p.workspace = true;
                p.reload |= config;
            });
        }
        _ => {}
    }
}

/// A file whose change means loading the configuration again: `stmtlint.toml`, or
/// a TOML file of rules or lexicons beside it.
fn is_config_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

/// The text a finding's positions are counted in: the open buffer, else the file.
fn text_of(state: &State, path: &Path) -> Option<String> {
    if let Some(open) = state.open.get(path) {
        return Some(open.text.clone());
    }
    state.published.get(path).map(|(_, text)| text.clone())
}

/// The protocol range of a region of `text`.
fn range(lines: &Lines<'_>, encoding: Encoding, region: &stmtlint_engine::Region) -> Value {
    let (sl, sc) = lines.to_lsp(region.line, region.column, encoding);
    let (el, ec) = lines.to_lsp(region.end_line, region.end_column, encoding);
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

/// Whether 1-based `line` and `column` fall inside a requested protocol range.
fn overlaps(d: &Diagnostic, from: (u32, u32), to: (u32, u32)) -> bool {
    let start = (d.region.line, d.region.column);
    let end = (d.region.end_line, d.region.end_column);
    start <= to && from <= end
}

/// The requested range of a request, as 1-based lines and character columns.
fn requested(params: &Value, lines: &Lines<'_>, encoding: Encoding, key: &str) -> Option<((u32, u32), (u32, u32))> {
    let at = |p: &str| -> Option<(u32, u32)> {
        let v = params.pointer(p)?;
        let line = u32::try_from(v.get("line")?.as_u64()?).ok()?;
        let character = u32::try_from(v.get("character")?.as_u64()?).ok()?;
        Some(lines.position_of(line, character, encoding))
    };
    match key {
        "range" => Some((at("/range/start")?, at("/range/end")?)),
        _ => {
            let p = at("/position")?;
            Some((p, p))
        }
    }
}

/// Quick fixes for the findings in the requested range: each finding's fix, and
/// a line that switches the rule off for the finding's line.
fn code_actions(shared: &Shared, uri: &str, params: &Value) -> Value {
    let Some(path) = uri_to_path(uri) else { return json!([]) };
    let state = shared.lock();
    let (Some(text), Some((found, _))) = (text_of(&state, &path), state.published.get(&path)) else {
        return json!([]);
    };
    let lines = Lines::new(&text);
    let Some((from, to)) = requested(params, &lines, shared.encoding, "range") else {
        return json!([]);
    };
    let mut actions = Vec::new();
    for d in found.iter().filter(|d| overlaps(d, from, to)) {
        let diagnostic = lint::to_lsp(d, &lines, shared.encoding, uri);
        if let Some(fix) = d.fix.as_ref().filter(|f| !f.edits.is_empty()) {
            let edits: Vec<Value> = fix
                .edits
                .iter()
                .map(|e| json!({"range": range(&lines, shared.encoding, &e.region), "newText": e.replacement}))
                .collect();
            actions.push(json!({
                "title": format!("{} ({})", fix.message, d.rule),
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "isPreferred": fix.applicability == stmtlint_plugin::Applicability::Safe,
                "edit": {"changes": {uri: edits}},
            }));
        }
        let line = d.region.line;
        let indent: String = lines.line(line).chars().take_while(|c| c.is_whitespace()).collect();
        let directive = suppression(&path, &d.rule);
        actions.push(json!({
            "title": format!("Disable {} for this line", d.rule),
            "kind": "quickfix",
            "diagnostics": [diagnostic],
            "edit": {"changes": {uri: [{
                "range": {"start": {"line": line - 1, "character": 0}, "end": {"line": line - 1, "character": 0}},
                "newText": format!("{indent}{directive}\n"),
            }]}},
        }));
    }
    Value::Array(actions)
}

/// The inline directive that switches `rule` off for the next line, as the file's
/// format writes a comment (a `.txt` file has none: the directive stands alone).
fn suppression(path: &Path, rule: &str) -> String {
    let bare = matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "text"));
    stmtlint_engine::disable_next_line(rule, !bare)
}

/// The rule's explanation, on a finding under the cursor.
fn hover(shared: &Shared, uri: &str, params: &Value) -> Value {
    let Some(path) = uri_to_path(uri) else {
        return Value::Null;
    };
    let state = shared.lock();
    let (Some(text), Some((found, _))) = (text_of(&state, &path), state.published.get(&path)) else {
        return Value::Null;
    };
    let lines = Lines::new(&text);
    let Some((at, _)) = requested(params, &lines, shared.encoding, "position") else {
        return Value::Null;
    };
    let Some(d) = found.iter().find(|d| overlaps(d, at, at)) else {
        return Value::Null;
    };
    let (summary, docs) = state.docs.get(&d.rule).cloned().unwrap_or_default();
    let mut text = format!("**{}** ({}): {}\n\n{}", d.rule, d.severity.as_str(), d.message, summary);
    if let Some(help) = &d.help {
        text.push_str(&format!("\n\nHelp: {help}"));
    }
    if !docs.is_empty() {
        text.push_str(&format!("\n\n---\n\n{docs}"));
    }
    json!({"contents": {"kind": "markdown", "value": text}, "range": range(&lines, shared.encoding, &d.region)})
}

/// The URI of `path`, relative ones against the workspace root.
fn uri_of(shared: &Shared, path: &Path) -> String {
    if path.is_absolute() {
        path_to_uri(path)
    } else {
        path_to_uri(&shared.root.join(path))
    }
}

// The stmtlint extension: starts `stmtlint server` for Markdown, plain-text and
// HTML files, and lets VS Code's language client do the rest (diagnostics, quick
// fixes, hover). The server watches stmtlint.toml itself through the client.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("stmtlint");
  const command = config.get("path", "stmtlint");
  const args = ["server", ...config.get("args", [])];
  client = new LanguageClient(
    "stmtlint",
    "stmtlint",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "html" },
      ],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.toml"),
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

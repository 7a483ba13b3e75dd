#!/usr/bin/env python3
"""Language-server latency: from a buffer's text to its diagnostics.

    cargo build --release && python3 tests/bench/server.py

Starts `stmtlint server` in an empty folder, opens a statement (the 2016 sample
repeated to about 1 MB, and the sample itself, 6 kB), and measures the time from
sending `didOpen` (then `didChange`, as a keystroke would) to receiving the
`publishDiagnostics` of that version; median of 9 of each. Prints milliseconds.
"""
import json, statistics, subprocess, sys, tempfile, threading, time, queue
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target/release/stmtlint"
RUNS = 9


class Server:
    def __init__(self, folder):
        self.p = subprocess.Popen([str(EXE), "server", "--as-of", "2026-11-22"], cwd=folder,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.q = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"rootUri": f"file://{folder}", "capabilities": {}}})
        self.wait(lambda m: m.get("id") == 1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def read(self):
        out = self.p.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                header += c
            n = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.q.put(json.loads(out.read(n)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def wait(self, pred):
        while True:
            m = self.q.get(timeout=60)
            if pred(m):
                return m

    def close(self):
        self.send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
        self.wait(lambda m: m.get("id") == 99)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.p.wait(timeout=10)


def measure(server, uri, text):
    opened, changed = [], []
    for run in range(RUNS):
        version = 2 * run + 1
        start = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": version, "text": text}}})
        found = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == uri and m["params"].get("version") == version)
        opened.append(time.perf_counter() - start)
        start = time.perf_counter()
        server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version + 1},
            "contentChanges": [{"text": text + "\nThe EU-U.S. partners agreed.\n"}]}})
        server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri and m["params"].get("version") == version + 1)
        changed.append(time.perf_counter() - start)
        server.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}})
    return statistics.median(opened), statistics.median(changed), len(found["params"]["diagnostics"])


def main():
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    sample = (ROOT / "samples/statements/2016-12-16-eu-us-cyber-dialogue-eeas.md").read_text()
    # A 1 MB statement: the sample's title and dateline, then its body paragraphs
    # over and over (the sample repeated whole would be mostly site furniture after
    # its first copy, which no rule reads).
    sample_path = ROOT / "samples/statements/2016-12-16-eu-us-cyber-dialogue-eeas.md"
    model = json.loads(subprocess.run([str(EXE), "extract", "--format", "json", str(sample_path)],
                                      capture_output=True, text=True, check=False).stdout or "null")
    body = [sample] if model is None else []
    if model is not None:
        text_of = lambda b: b.get("text", "")
        body = [text_of(b) for b in model["blocks"] if b["kind"] in ("paragraph", "heading", "list-item")]
    head = "# EU-U.S. Cyber Dialogue\n\nBrussels, 16 December 2016\n\n"
    paragraphs = "\n\n".join(body)
    big = head + "\n\n".join([paragraphs] * (1_000_000 // max(len(paragraphs), 1) + 1)) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        server = Server(folder)
        for name, text in (("the 2016 sample", sample), ("1 MB statement", big)):
            uri = f"file://{folder}/{name.replace(' ', '-')}.md"
            opened, changed, n = measure(server, uri, text)
            print(f"{name:16} {len(text.encode()) / 1e3:7.0f} kB: open → diagnostics {opened * 1000:6.1f} ms, "
                  f"change → diagnostics {changed * 1000:6.1f} ms ({n} findings; median of {RUNS})")
        server.close()


if __name__ == "__main__":
    main()

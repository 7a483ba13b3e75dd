#!/usr/bin/env python3
"""HTML and PDF source throughput, side by side with pdftotext, in one run.

    cargo build --release && python3 tests/bench/sources.py

HTML: stmtlint check over copies of the HTML fixtures (and of ../shared/corpus/real's
pages when present), in MB/s. PDF: stmtlint check (extraction in worker processes,
isolation included) against `pdftotext` run on each of the same files; prints the
medians and the ratio. Needs poppler-utils for the PDF comparison.
"""
import os, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target/release/stmtlint"
RUNS = 5

def median_seconds(cmd_list):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for cmd in cmd_list:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

def corpus(pattern, fixtures):
    files = list(fixtures)
    shared = ROOT.parent / "shared/corpus/real"
    if shared.is_dir():
        files += sorted(shared.rglob(pattern))
    return files

def main():
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    tmp = Path(tempfile.mkdtemp(prefix="stmtlint-bench-"))
    html = tmp / "html"
    html.mkdir()
    pages = corpus("*.html", (ROOT / "plugins/stmtlint_source_html/tests/fixtures").glob("*.html"))
    for i in range(20):
        for p in pages:
            shutil.copy(p, html / f"{i}-{p.name}")
    size = sum(f.stat().st_size for f in html.iterdir())
    t = median_seconds([[str(EXE), "check", "--format", "concise", "--fail-on", "never", str(html)]])
    print(f"HTML: {len(list(html.iterdir()))} pages, {size / 1e6:.1f} MB in {t * 1000:.0f} ms: {size / 1e6 / t:.1f} MB/s (all cores)")

    pdf = tmp / "pdf"
    pdf.mkdir()
    docs = corpus("*.pdf", [ROOT / "tests/fixtures/pdf/statement.pdf"])
    for i in range(5):
        for p in docs:
            shutil.copy(p, pdf / f"{i}-{p.name}")
    files = sorted(pdf.iterdir())
    ours = median_seconds([[str(EXE), "check", "--format", "concise", "--fail-on", "never", str(pdf)]])
    ours_one = median_seconds([[str(EXE), "check", "--format", "concise", "--fail-on", "never", str(f)] for f in files])
    print(f"PDF: {len(files)} files; stmtlint (one run, all cores): {ours * 1000:.0f} ms; stmtlint (a process per file): {ours_one * 1000:.0f} ms")
    if shutil.which("pdftotext"):
        theirs = median_seconds([["pdftotext", str(f), "-"] for f in files])
        print(f"PDF: pdftotext (a process per file): {theirs * 1000:.0f} ms")
        print(f"ratio stmtlint/pdftotext: {ours / theirs:.2f} (one run), {ours_one / theirs:.2f} (a process per file)")
    else:
        print("pdftotext not found (apt-get install poppler-utils): no comparison")
    shutil.rmtree(tmp)

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""stmtlint side by side with what users would otherwise run, in one run.

    cargo build --release && python3 tests/bench/compare.py [--quick] [--textlint-all]

Builds, in a temporary folder, a corpus from samples/ and (when it is beside the
checkout) ../shared/corpus: 10,000 plain-text statements (every text statement,
copied with its years shifted by the copy number mod 40 and a reference line, so no
two are the same bytes), 1,000 HTML pages and 200 PDFs (the fixtures and corpus
files, copied). Installs the peers when missing: textlint with its HTML plugin and
textlint-rule-prh (npm, into ~/.cache/stmtlint-bench), configured with the same
name variants as stmtlint's default `inconsistent-name` groups, and pdftotext
(Debian's poppler-utils, when run as root). Then prints medians and ratios:

- plain text: stmtlint (all default rules) and textlint (prh) on the same 1,000
  statements (all 10,000 with --textlint-all: textlint needs minutes for them);
  stmtlint alone on all 10,000, on one core and on all cores, in MB/s and files/s;
- HTML: the same two on the 1,000 pages;
- PDF: stmtlint check (extraction in isolated workers) against pdftotext run on
  each of the 200 files;
- start-up: one small statement, `stmtlint check` against `textlint`;
- memory: stmtlint's peak RSS on 1,000 and on 10,000 statements.

--quick: a tenth of the corpus and fewer runs, to try the script. One core is
`taskset -c 0` (those rows are skipped where taskset is missing).
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared/corpus"
EXE = ROOT / "target/release/stmtlint"
PEERS = Path.home() / ".cache/stmtlint-bench"
AS_OF = "2026-11-22"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def sources(patterns):
    dirs = [ROOT / "samples", ROOT / "tests/fixtures", ROOT / "plugins/stmtlint_source_html/tests/fixtures",
            SHARED / "seeds", SHARED / "real"]
    found = []
    for d in dirs:
        if d.is_dir():
            found += [p for p in d.rglob("*") if p.suffix in patterns and p.name not in ("README.md", "SOURCES.md")]
    return sorted(found)


def build(tmp, texts, pages, pdfs):
    plain, html, pdf = tmp / "plain", tmp / "html", tmp / "pdf"
    for d in (plain, html, pdf):
        d.mkdir()
    originals = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in sources({".txt", ".md"})]
    for k in range(texts):
        p, text = originals[k % len(originals)]
        copy = k // len(originals)
        shift = copy % 40
        if shift:
            text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
        text += f"\n\nReference {k:05d}.\n"
        (plain / f"{k:05d}-{p.name}").write_text(text, encoding="utf-8")
    for folder, suffix, count in ((html, ".html", pages), (pdf, ".pdf", pdfs)):
        files = sources({suffix})
        for k in range(count):
            shutil.copy(files[k % len(files)], folder / f"{k:04d}-{files[k % len(files)].name}")
    return plain, html, pdf


def textlint():
    """The textlint command, installing it (and its config) when missing."""
    PEERS.mkdir(parents=True, exist_ok=True)
    exe = PEERS / "node_modules/.bin/textlint"
    if not exe.exists():
        if not shutil.which("npm"):
            return None
        print("installing textlint, textlint-plugin-html and textlint-rule-prh with npm ...", flush=True)
        subprocess.run(["npm", "install", "--prefix", str(PEERS), "--no-audit", "--no-fund",
                        "textlint@15", "textlint-plugin-html@1", "textlint-rule-prh@6"],
                       check=True, stdout=subprocess.DEVNULL)
    # The variants of config/default.toml's groups, as prh rules (regular
    # expressions: prh's own escaping of `-` breaks under textlint's `u` flag).
    groups = [
        ("U.S.-EU", ["US-EU", "U.S.–EU", "US–EU", "U.S. – EU", "United States-European Union",
                     "United States–European Union", "United States – European Union", "United States - European Union"]),
        ("EU-U.S.", ["EU-US", "EU–U.S.", "EU–US", "EU – U.S.", "European Union-United States",
                     "European Union–United States", "European Union – United States", "European Union - United States"]),
        ("Washington, D.C.", ["Washington, DC", "Washington D.C.", "Washington DC"]),
    ]
    lines = ["version: 1", "rules:"]
    for expected, patterns in groups:
        lines += [f'  - expected: "{expected}"', "    patterns:"]
        lines += ['      - "/' + p.replace(".", "\\\\.") + '/"' for p in patterns]
    (PEERS / "prh.yml").write_text("\n".join(lines) + "\n")
    config = PEERS / "textlintrc.json"
    config.write_text(json.dumps({"plugins": {"html": True}, "rules": {"prh": {"rulePaths": [str(PEERS / "prh.yml")]}}}))
    return [str(exe), "--config", str(config), "--format", "unix"]


def pdftotext():
    if not shutil.which("pdftotext") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing poppler-utils for pdftotext ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "poppler-utils"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return shutil.which("pdftotext")


def timed(cmds, runs):
    """Median wall time of running `cmds` one after another, and the peak RSS (MB)
    of the largest process among them."""
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        for cmd in cmds:
            child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(child.pid, 0)
            peak = max(peak, usage.ru_maxrss / 1024)
        times.append(time.perf_counter() - start)
    return statistics.median(times), peak


def size_mb(folder):
    return sum(f.stat().st_size for f in folder.iterdir()) / 1e6


def stmtlint(folder, *extra):
    return [str(EXE), "check", str(folder), "--format", "json", "--fail-on", "never", "--as-of", AS_OF, *extra]


def main():
    quick = "--quick" in sys.argv
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    scale = 10 if quick else 1
    runs, peer_runs = (2, 1) if quick else (5, 3)
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else None
    tmp = Path(tempfile.mkdtemp(prefix="stmtlint-compare-"))
    try:
        plain, html, pdf = build(tmp, 10_000 // scale, 1_000 // scale, 200 // scale)
        subset = tmp / "plain-subset"
        subset.mkdir()
        for f in sorted(plain.iterdir())[: 1_000 // scale]:
            shutil.copy(f, subset)
        same = plain if "--textlint-all" in sys.argv else subset
        tl, p2t = textlint(), pdftotext()
        print(f"\nmachine: {os.cpu_count()} cores; runs: median of {runs} (peers: {peer_runs})")
        rows = []

        def compare(name, folder, ours_cmd, theirs_cmd):
            mb, n = size_mb(folder), len(list(folder.iterdir()))
            ours, _ = timed([ours_cmd], runs)
            line = f"{name:34} {n:6} files {mb:7.1f} MB | stmtlint {ours * 1000:8.0f} ms {mb / ours:7.1f} MB/s"
            if theirs_cmd:
                theirs, _ = timed(theirs_cmd, peer_runs)
                line += f" | peer {theirs * 1000:9.0f} ms {mb / theirs:6.2f} MB/s | stmtlint {theirs / ours:6.1f}x faster"
            rows.append(line)
            print(line, flush=True)

        compare("plain text vs textlint (prh)", same, stmtlint(same), tl and [tl + [str(same)]])
        compare("HTML vs textlint (html, prh)", html, stmtlint(html), tl and [tl + [str(html)]])
        files = sorted(pdf.iterdir())
        compare("PDF vs pdftotext (per file)", pdf, stmtlint(pdf),
                p2t and [[p2t, str(f), "/dev/null"] for f in files])
        one = subset / sorted(os.listdir(subset))[0]
        start_ours, _ = timed([stmtlint(one)], 20 // scale)
        line = f"{'start-up, one small statement':34} stmtlint {start_ours * 1000:6.1f} ms"
        if tl:
            start_tl, _ = timed([tl + [str(one)]], 5 // min(scale, 5))
            line += f" | textlint {start_tl * 1000:6.0f} ms | {start_tl / start_ours:5.0f}x"
        print(line, flush=True)

        print("\nstmtlint alone, all default rules:")
        mb, n = size_mb(plain), len(list(plain.iterdir()))
        for label, prefix in (("1 core", one_core), ("all cores", [])):
            if prefix is None:
                print("  (taskset is missing: no one-core row)")
                continue
            t, rss = timed([prefix + stmtlint(plain)], runs)
            print(f"  {label:10} {n} statements, {mb:.1f} MB: {t * 1000:6.0f} ms, {mb / t:6.1f} MB/s, "
                  f"{n / t:8.0f} files/s, peak RSS {rss:5.0f} MB", flush=True)
        _, small = timed([stmtlint(subset)], 1)
        _, large = timed([stmtlint(plain)], 1)
        print(f"  peak RSS: {small:.0f} MB on {len(list(subset.iterdir()))} statements, "
              f"{large:.0f} MB on {n} ({large / small:.2f}x for {n / len(list(subset.iterdir())):.0f}x the statements)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

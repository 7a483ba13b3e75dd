#!/usr/bin/env python3
"""Peak memory of `stmtlint check` on 1,000 and on 10,000 statements, per --format.

    cargo build --release && python3 tests/bench/memory.py [--runs N] [--quick]

Builds the plain-text corpus of compare.py (every text statement of samples/ and,
when it is beside the checkout, ../shared/corpus, copied with its years shifted, so
no two files are the same bytes), takes its first 1,000 statements and all 10,000,
and runs `stmtlint check` with all default rules on each, in every report format.
Prints the median peak RSS of N runs (default 11: the peak of a small run varies
by up to 6 MB with when the allocator returns freed pages; the range is printed
too) and the ratio 10,000 / 1,000 — the budget is 1.25 (#20). --quick: 300 and
3,000 statements, 3 runs.
"""
import os, shutil, statistics, subprocess, sys, tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402  (the corpus recipe)

FORMATS = ["json", "concise", "sarif", "human", "junit", "github"]


def peak_rss_mb(folder, fmt):
    cmd = [str(compare.EXE), "check", str(folder), "--format", fmt, "--fail-on", "never",
           "--as-of", compare.AS_OF, "--quiet"]
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_maxrss / 1024


def main():
    if not compare.EXE.exists():
        sys.exit("build first: cargo build --release")
    quick = "--quick" in sys.argv
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else (3 if quick else 11)
    small_n, large_n = (300, 3_000) if quick else (1_000, 10_000)
    tmp = Path(tempfile.mkdtemp(prefix="stmtlint-memory-"))
    try:
        large, _, _ = compare.build(tmp, large_n, 0, 0)
        small = tmp / "small"
        small.mkdir()
        for f in sorted(large.iterdir())[:small_n]:
            shutil.copy(f, small)
        print(f"{small_n} and {large_n} statements ({compare.size_mb(small):.1f} and "
              f"{compare.size_mb(large):.1f} MB); median peak RSS of {runs} runs")
        worst = 0.0
        for fmt in FORMATS:
            # Interleaved, so a drift of the machine touches both sizes alike.
            pairs = [(peak_rss_mb(small, fmt), peak_rss_mb(large, fmt)) for _ in range(runs)]
            xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
            a, b = statistics.median(xs), statistics.median(ys)
            worst = max(worst, b / a)
            print(f"  {fmt:8} {a:6.1f} MB ({min(xs):.1f}-{max(xs):.1f}) -> {b:6.1f} MB "
                  f"({min(ys):.1f}-{max(ys):.1f})   x{b / a:.2f}", flush=True)
        print(f"worst ratio x{worst:.2f} (budget x1.25)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Plain-text throughput of the default rule set, on one core and on all cores.

    cargo build --release && python3 tests/bench/plain.py [COPIES]

Builds two plain-text corpora in a temporary folder and runs `stmtlint check` over
each, once per rule configuration, printing the median time and MB/s:

- "mix": every .txt/.md statement of samples/ and, when present beside the
  checkout, ../shared/corpus (seeds and real), COPIES times (default 30); copy k
  has its years shifted by k mod 40, so the copies are not identical bytes and
  the corpus rule sees many series with dated statements;
- "seeds": 500 copies of each seed statement: the worst case for the corpus rule,
  since every copy carries a promise the set never shows kept, so every file is
  read a second time to place its finding.

The configurations switch rules off, so the cost of each rule (and of the
declarative drafting pack) reads as the difference from "sources +
missing-section". One core is `taskset -c 0`
(skipped with a note where taskset is missing).
"""
import re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target/release/stmtlint"
RUNS = 5
AS_OF = "2026-11-22"
PACK = ["placeholder", "repeated-word", "tracking-link", "mojibake"]
MISSION = ["inconsistent-name", "unfulfilled-follow-up", "ordinal-sequence"]
# The statement rules of the second release (DESIGN §14).
EDITORIAL = ["spelling-variety", "undefined-acronym", "date-consistency"]
# Each row: the sources and missing-section, plus one rule (or the pack), or all.
ALL = [*MISSION, *EDITORIAL, *PACK]
CONFIGS = {
    "sources + missing-section": ALL,
    **{f"+ {r}": [o for o in ALL if o != r] for r in [*MISSION, *EDITORIAL]},
    "+ drafting pack": [*MISSION, *EDITORIAL],
    "all default rules": [],
}
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def statements():
    dirs = [ROOT / "samples", ROOT.parent / "shared/corpus/seeds", ROOT.parent / "shared/corpus/real"]
    return sorted(
        p
        for d in dirs
        if d.is_dir()
        for p in d.rglob("*")
        if p.suffix in (".txt", ".md") and p.name not in ("README.md", "SOURCES.md")
    )


def build_mix(folder, copies):
    for k in range(copies):
        for p in statements():
            text = p.read_text(encoding="utf-8", errors="replace")
            shift = k % 40
            if shift:
                text = YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
            (folder / f"{k:03d}-{p.parent.name}-{p.name}").write_text(text, encoding="utf-8")


def build_seeds(folder):
    seeds = sorted((ROOT / "samples/statements").iterdir())
    for k in range(500):
        for p in seeds:
            shutil.copy(p, folder / f"{k:03d}-{p.name}")


def median_seconds(cmd):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else None
    if one_core is None:
        print("note: taskset is missing; the one-core rows are skipped")
    tmp = Path(tempfile.mkdtemp(prefix="stmtlint-plain-"))
    try:
        corpora = {"mix": tmp / "mix", "seeds": tmp / "seeds"}
        for folder in corpora.values():
            folder.mkdir()
        build_mix(corpora["mix"], copies)
        build_seeds(corpora["seeds"])
        for name, folder in corpora.items():
            files = list(folder.iterdir())
            size = sum(f.stat().st_size for f in files)
            print(f"\n{name}: {len(files)} files, {size / 1e6:.1f} MB (median of {RUNS} runs)")
            for label, off in CONFIGS.items():
                config = tmp / "config.toml"
                config.write_text("".join(f'[rules.{r}]\nseverity = "off"\n' for r in off))
                cmd = [str(EXE), "check", str(folder), "--config", str(config), "--as-of", AS_OF,
                       "--format", "json", "--fail-on", "never"]
                cells = []
                for cores, prefix in (("1 core", one_core), ("all cores", [])):
                    if prefix is None:
                        continue
                    t = median_seconds(prefix + cmd)
                    cells.append(f"{cores}: {t * 1000:6.0f} ms {size / 1e6 / t:6.1f} MB/s")
                print(f"  {label:28} " + " | ".join(cells))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Big glossaries: `inconsistent-name` with 20,000 to 100,000 groups of variants,
and declarative rules with as many `swap` keys and `either` groups.

    cargo build --release && python3 tests/bench/glossary.py

Writes a stmtlint.toml with N groups (`Agency{i} Board` / `Agency-{i} Board`), lints
the two sample statements with it, and prints the wall time and peak RSS for each N
(loading the config and building the matcher is what grows with N). Then the same
for a rule file with a `substitution` rule of N `swap` keys and a `consistency`
rule of N `either` groups (each key and form a literal phrase), listed under
`rule-files`. The target (#20): 100,000 groups load and lint in under a second,
and time grows linearly.
"""
import os, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = Path(os.environ.get("STMTLINT", ROOT / "target/release/stmtlint"))


def measure(config):
    """Wall time (s) and peak RSS (MB) of linting the two samples with `config`."""
    cmd = ["/usr/bin/time", "-f", "%M", str(EXE), "check", str(ROOT / "samples/statements"),
           "--config", str(config), "--fail-on", "never", "--format", "json"]
    start = time.perf_counter()
    run = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - start
    return seconds, int(run.stderr.strip().splitlines()[-1]) / 1024


def main():
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        # Two shapes of glossary: names, and names that are prefixes of others
        # (`Bureau 1`, `Bureau 10`: the worst case of aho-corasick's construction).
        shapes = [("Agency{i} Board", "Agency-{i} Board"), ("Bureau {i}", "Bureau-{i}")]
        for a, b in shapes:
            for n in (20_000, 40_000, 100_000):
                config = Path(tmp) / f"g{n}.toml"
                with config.open("w") as f:
                    f.write("[rules.inconsistent-name]\ngroups = [\n")
                    for i in range(n):
                        f.write(f'  {{ variants = ["{a.format(i=i)}", "{b.format(i=i)}"] }},\n')
                    f.write("]\n")
                seconds, rss = measure(config)
                print(f"{n:7} groups like [{a!r}, {b!r}] ({config.stat().st_size / 1e6:.1f} MB of config): "
                      f"{seconds:.2f} s, peak RSS {rss:.0f} MB")
        print("declarative rules (rule-files):")
        for n in (20_000, 40_000, 100_000):
            rules = Path(tmp) / f"r{n}.toml"
            with rules.open("w") as f:
                f.write('[[rule]]\nid = "glossary-swap"\nkind = "substitution"\nmessage = "write {replacement}"\n')
                f.write("[rule.swap]\n")
                for i in range(n):
                    f.write(f'"Office {i} Board" = "Office-{i} Board"\n')
                f.write('\n[[rule]]\nid = "glossary-either"\nkind = "consistency"\nmessage = "write {replacement}"\n')
                f.write("either = [\n")
                for i in range(n):
                    f.write(f'  ["Bureau {i}", "Bureau-{i}"],\n')
                f.write("]\n")
            config = Path(tmp) / f"c{n}.toml"
            config.write_text(f'rule-files = ["{rules}"]\n')
            seconds, rss = measure(config)
            print(f"{n:7} swap keys + {n} either groups ({rules.stat().st_size / 1e6:.1f} MB of rules): "
                  f"{seconds:.2f} s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

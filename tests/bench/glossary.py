#!/usr/bin/env python3
"""Big glossaries: `inconsistent-name` with 20,000 to 100,000 groups of variants.

    cargo build --release && python3 tests/bench/glossary.py

Writes a stmtlint.toml with N groups (`Agency{i} Board` / `Agency-{i} Board`), lints
the two sample statements with it, and prints the wall time and peak RSS for each N
(loading the config and building the matcher is what grows with N). The target
(#20): 100,000 groups load and lint in under a second, and time grows linearly.
"""
import subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target/release/stmtlint"


def main():
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (20_000, 40_000, 100_000):
            config = Path(tmp) / f"g{n}.toml"
            with config.open("w") as f:
                f.write("[rules.inconsistent-name]\ngroups = [\n")
                for i in range(n):
                    f.write(f'  {{ variants = ["Agency{i} Board", "Agency-{i} Board"] }},\n')
                f.write("]\n")
            cmd = ["/usr/bin/time", "-f", "%M", str(EXE), "check", str(ROOT / "samples/statements"),
                   "--config", str(config), "--fail-on", "never", "--format", "json"]
            start = time.perf_counter()
            run = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
            seconds = time.perf_counter() - start
            rss = int(run.stderr.strip().splitlines()[-1]) / 1024
            print(f"{n:7} groups ({config.stat().st_size / 1e6:.1f} MB of config): {seconds:.2f} s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

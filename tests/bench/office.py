#!/usr/bin/env python3
"""Word drafts against plain text: the same statements as .docx, .odt and .txt.

    cargo build --release && python3 tests/bench/office.py [COPIES]

Needs LibreOffice (`soffice`). Converts the HTML statements of ../shared/corpus/real
(and tests/office's draft) to .docx and .odt once, and each .docx to .txt (one
paragraph per line: the same text), then runs `stmtlint check` with all default
rules over COPIES copies (default 20) of each set, and prints the median time,
statements per second, MB/s of file bytes (a .docx is compressed, so statements per
second is the fair comparison) and the peak resident memory of the run
(`/usr/bin/time`), next to the worst case of one zip bomb of 64 MiB.
"""
import shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target/release/stmtlint"
RUNS = 5
AS_OF = "2026-11-22"


def soffice(fmt, outdir, files, profile):
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", fmt,
         "--outdir", str(outdir), *map(str, files)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )


def run(folder):
    cmd = [str(EXE), "check", str(folder), "--as-of", AS_OF, "--format", "json", "--fail-on", "never"]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    rss = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=False).stderr.strip().splitlines()[-1]
    return statistics.median(times), int(rss) / 1024


def main():
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    tmp = Path(tempfile.mkdtemp(prefix="stmtlint-office-"))
    try:
        made = {k: tmp / "made" / k for k in ("docx", "odt", "txt")}
        for d in made.values():
            d.mkdir(parents=True)
        pages = sorted((ROOT.parent / "shared/corpus/real").rglob("*.html"))
        sources = pages + [ROOT / "tests/office/energy-council-draft.fodt"]
        profile = tmp / "profile"
        soffice("docx:MS Word 2007 XML", made["docx"], sources, profile)
        soffice("odt", made["odt"], sources, profile)
        soffice("txt:Text (encoded):UTF8", made["txt"], sorted(made["docx"].iterdir()), profile)
        print(f"{len(list(made['docx'].iterdir()))} statements made by LibreOffice; {copies} copies each; "
              f"median of {RUNS} runs, all cores")
        for kind, folder in made.items():
            sets = tmp / f"set-{kind}"
            sets.mkdir()
            for k in range(copies):
                for f in folder.iterdir():
                    shutil.copy(f, sets / f"{k:03d}-{f.name}")
            files = list(sets.iterdir())
            size = sum(f.stat().st_size for f in files)
            t, rss = run(sets)
            print(f"  .{kind:4} {len(files):5} files {size / 1e6:6.1f} MB  {t * 1000:6.0f} ms  "
                  f"{len(files) / t:7.0f} statements/s  {size / 1e6 / t:6.1f} MB/s  peak RSS {rss:5.0f} MB")
        bomb = tmp / "bomb"
        bomb.mkdir()
        import zipfile
        with zipfile.ZipFile(bomb / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
            with z.open("word/document.xml", "w", force_zip64=True) as part:
                block = b" " * (1 << 20)
                for _ in range(64):
                    part.write(block)
        t, rss = run(bomb)
        print(f"  zip bomb ({(bomb / 'bomb.docx').stat().st_size / 1e3:.0f} kB, 64 MiB inflated): "
              f"{t * 1000:.0f} ms, peak RSS {rss:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

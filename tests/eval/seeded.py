#!/usr/bin/env python3
"""Seed one defect at a time into real statements and check the rules find it.

    cargo build --release && python3 tests/eval/seeded.py [DIR ...] [--show]

Without DIR it reads the .txt and .md statements of ../shared/corpus (seeds and
real), and prints that it skipped when ../shared is missing. Each variant of a
statement changes one thing, in a place chosen at random (a fixed seed, so runs
repeat):

- `spell`: one word of the statement's spelling written the other way (an -ize
  word as -ise in an American text; an -our or -re word as -or or -er in a British
  one), when the text has three such words and none of the other spelling;
- `weekday`: a wrong weekday put before a date (`Tuesday, 15 June 2021`);
- `impossible`: a date made one the calendar lacks (`31 June 2021`);
- `undefined`: a sentence that uses an invented acronym (`JTWG`) in the body;
- `later`: an acronym the text spells out, used once in the paragraph before;
- `twice`: an acronym the text spells out, spelled out again with a word added;
- `after`: a sentence telling of a meeting held after the dateline's date;
- `style`: a sentence with a date in the other style, when the text has two dates.

Every variant is written as `statement.txt`, so no statement is dated from its file
name (as an archive's name would date it): the dates come from the text.

A seeded defect is found when its rule reports a finding on the changed line that
the unchanged statement does not have. Any other new finding is listed as a side
effect, to be read: some are right (a promise to meet that the seeded sentence
makes), some would be false positives.
"""
import datetime
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "target/release/stmtlint"
SHARED = ROOT.parent / "shared/corpus"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MDY = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b")
DMY = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
INVENTED = ["JTWG", "CSMC", "BTIF", "PRDC", "MSTG", "JCIR"]


def variants_table():
    """us word -> (gb word, kind), gb word -> (us word, kind), from the shipped pairs."""
    us, gb = {}, {}
    for line in (ROOT / "config/spelling-variants.tsv").read_text().splitlines():
        if line.startswith("#"):
            continue
        u, g, _oxford, kind, _common = line.split("\t")
        if u != g:
            us[u] = (g, kind)
            gb[g] = (u, kind)
    return us, gb


US, GB = variants_table()
KNOWN = set(re.findall(r'^"?([A-Z][A-Za-z0-9.&-]+)"?\s*=',
                       (ROOT / "config/lexicons/known-acronyms.toml").read_text(), re.M))


class Linter:
    def __init__(self, folder):
        self.folder = Path(folder)

    def _write(self, text):
        path = self.folder / "statement.txt"
        path.write_text(text, encoding="utf-8")
        return path

    def findings(self, text):
        out = subprocess.run([str(EXE), "check", str(self._write(text)), "--format", "json",
                              "--fail-on", "never", "--as-of", "2026-12-04"],
                             capture_output=True, text=True, check=False).stdout
        return [(d["rule"], d["line"], d["message"]) for d in json.loads(out)["diagnostics"]]

    def dateline_date(self, text):
        out = subprocess.run([str(EXE), "extract", str(self._write(text)), "--format", "json"],
                             capture_output=True, text=True, check=False).stdout
        meta = json.loads(out)["metadata"]
        if meta.get("date_source") not in ("dateline", "meta", "front-matter") or not meta.get("date"):
            return None
        return datetime.date.fromisoformat(meta["date"])


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def body_paragraph_ends(text):
    """Ends of body paragraphs (a sentence's end before a blank line), past the header."""
    header_end = [m.end() for m in re.finditer(r"\n\s*\n", text)][:2]
    start = header_end[-1] if header_end else 0
    ends = [m.start() + 1 for m in re.finditer(r"[.;]\n\n", text) if m.start() > start]

    # Not in a paragraph set in capitals (an OCR'd telegram), where no acronym is read.
    def in_prose(end):
        paragraph = text[text.rfind("\n\n", 0, end) + 1:end]
        return sum(c.islower() for c in paragraph) > sum(c.isupper() for c in paragraph)

    return [e for e in ends if in_prose(e)]


def insert(text, at, sentence):
    return text[:at] + sentence + text[at:], line_of(text, at)


def variants(text, linter, rng):
    out = []
    words = [(m.start(), m.group(0)) for m in re.finditer(r"(?<![\w'’-])[a-z]+(?![\w'’-])", text)]
    us = [(o, w) for o, w in words if w in US]
    gb = [(o, w) for o, w in words if w in GB]
    # -ize to -ise in an American text; -our/-re to -or/-er in a British one: a mix
    # in every spelling, Oxford's too.
    for pool, other, table, kinds in ((us, gb, US, {"ise"}), (gb, us, GB, {"our", "re"})):
        if len(pool) >= 3 and not other:
            choices = [(o, w) for o, w in pool[1:] if table[w][1] in kinds]
            if choices:
                o, w = rng.choice(choices)
                new = table[w][0]
                out.append(("spelling-variety", f"spell {w} -> {new}",
                            text[:o] + new + text[o + len(w):], line_of(text, o)))
    dates = sorted([(m, "mdy") for m in MDY.finditer(text)] + [(m, "dmy") for m in DMY.finditer(text)],
                   key=lambda x: x[0].start())
    # Not in front matter, not inside a range (`11-12 July 2018`), nor after a
    # weekday already.
    front = re.match(r"---\n.*?\n---\n", text, re.S)
    dates = [(m, s) for m, s in dates if not front or m.start() > front.end()]
    dates = [(m, s) for m, s in dates
             if not re.search(r"[-–\d]\s*$|(" + "|".join(WEEKDAYS) + r"),?\s*$", text[max(0, m.start() - 12):m.start()])]
    if dates:
        m, style = rng.choice(dates)
        if style == "mdy":
            month, day, year = MONTHS.index(m.group(1)) + 1, int(m.group(2)), int(m.group(3))
        else:
            month, day, year = MONTHS.index(m.group(2)) + 1, int(m.group(1)), int(m.group(3))
        try:
            real = datetime.date(year, month, day).weekday()
            wrong = WEEKDAYS[(real + rng.randint(1, 6)) % 7]
            t = text[:m.start()] + wrong + ", " + text[m.start():]
            out.append(("date-consistency", f"weekday {wrong}, {m.group(0)}", t, line_of(text, m.start())))
        except ValueError:
            pass
        bad = rng.choice(["April", "June", "September", "November"])
        new = f"{bad} 31, {year}" if style == "mdy" else f"31 {bad} {year}"
        out.append(("date-consistency", f"impossible {new}", text[:m.start()] + new + text[m.end():],
                    line_of(text, m.start())))
    ends = body_paragraph_ends(text)
    if ends:
        acr = rng.choice(INVENTED)
        t, line = insert(text, rng.choice(ends), f" They welcomed the report of the {acr} on its work this year.")
        out.append(("undefined-acronym", f"undefined {acr}", t, line))
    for m in re.finditer(r"\(([A-Z]{3,6})\)", text):
        acr = m.group(1)
        first = re.search(r"\b" + acr + r"\b", text)
        before = [e for e in ends if e < text.rfind("\n\n", 0, m.start())]
        roman = set(acr) <= set("IVXLCDM")
        if acr in KNOWN or roman or first.start() != m.start() + 1 or not before:
            continue
        t, line = insert(text, before[-1], f" The {acr} was also discussed.")
        out.append(("undefined-acronym", f"later {acr}", t, line))
        break
    for m in re.finditer(r"((?:[A-Z][a-z]+ ){3,5})\(([A-Z]{3,6})\)", text):
        acr, name = m.group(2), m.group(1).split()
        after = [e for e in ends if e > m.end()]
        if acr in KNOWN or not after:
            continue
        changed = " ".join(name[:-1] + ["Joint"] + name[-1:])
        t, line = insert(text, after[0], f" The {changed} ({acr}) will meet again.")
        out.append(("undefined-acronym", f"twice {acr}", t, line))
        break
    date = linter.dateline_date(text)
    if date and ends:
        at = rng.choice(ends)
        later = date + datetime.timedelta(days=rng.randint(3, 40))
        mdy = len(MDY.findall(text)) >= len(DMY.findall(text))
        written = (f"{MONTHS[later.month - 1]} {later.day}, {later.year}" if mdy
                   else f"{later.day} {MONTHS[later.month - 1]} {later.year}")
        t, line = insert(text, at, f" The working group met in Geneva on {written} to review progress.")
        out.append(("date-consistency", f"after {written}", t, line))
        majority = max(len(MDY.findall(text)), len(DMY.findall(text)))
        if majority >= 2 and min(len(MDY.findall(text)), len(DMY.findall(text))) == 0:
            other = (f"{later.day} {MONTHS[later.month - 1]} {later.year}" if mdy
                     else f"{MONTHS[later.month - 1]} {later.day}, {later.year}")
            t, line = insert(text, at, f" The experts will report on {other}.")
            out.append(("date-consistency", f"style {other}", t, line))
    return out


def statements(dirs):
    for d in dirs:
        for p in sorted(Path(d).rglob("*")):
            if p.suffix in (".txt", ".md") and p.name not in ("README.md", "SOURCES.md", "LABELS.md"):
                yield p


def main():
    show = "--show" in sys.argv
    dirs = [a for a in sys.argv[1:] if a != "--show"]
    if not dirs:
        if not SHARED.is_dir():
            print("skipped: ../shared/corpus is missing (give folders of statements to seed)")
            return
        dirs = [SHARED / "seeds", SHARED / "real"]
    if not EXE.exists():
        sys.exit("build first: cargo build --release")
    rng = random.Random(7)
    totals, sides, files = {}, [], 0
    with tempfile.TemporaryDirectory(prefix="stmtlint-seeded-") as tmp:
        linter = Linter(tmp)
        for path in statements(dirs):
            files += 1
            text = path.read_text(encoding="utf-8", errors="replace")
            base = {(r, m) for r, _, m in linter.findings(text)}
            for rule, what, changed, line in variants(text, linter, rng):
                new = [f for f in linter.findings(changed) if (f[0], f[2]) not in base]
                hit = [f for f in new if f[0] == rule and f[1] == line]
                kind = what.split()[0]
                total = totals.setdefault(kind, [0, 0])
                total[0] += 1
                total[1] += bool(hit)
                if not hit or show:
                    print(f"{'found ' if hit else 'MISSED'} {path.name}: {what} (line {line}) {new[:2]}")
                sides += [(path.name, what, f) for f in new if f not in hit]
    print(f"\n{files} statements; seeded defects found, by kind:")
    for kind, (n, found) in totals.items():
        print(f"  {kind:11} {found}/{n}")
    print(f"side effects (new findings besides the seeded one): {len(sides)}")
    for name, what, f in sides:
        print(f"  {name}: {what}: {f[0]} line {f[1]}: {f[2]}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How right the mission rules are on real statements, against labels made by reading.

    python3 tests/eval/eval.py [--binary target/release/stmtlint] [--show]

Runs stmtlint over ../shared/corpus (seeds and real) as of a fixed date and compares
what it says with the labels in tests/eval/labels/:

- followups-*.toml: every promise to meet that a statement makes (quote, window,
  series, verdict as of 2026-11-22), and traps (sentences that are not promises);
- statements.toml: each statement's title, date and whether it is a CMS fragment,
  which gives the `missing-section` findings to expect and the dates to agree with;
- names.toml: each occurrence `inconsistent-name` should report (the minority form),
  and those it reports that it should not.

It prints recall, precision and agreement per rule; `--show` lists every miss and
every false finding. Without ../shared it says so and exits 0.
"""

import argparse
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = Path(__file__).resolve().parent / "labels"
AS_OF = "2026-11-22"


def norm(s):
    """Text compared without its spacing, quotes or dashes."""
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"[‐‑‒–—]", "-", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def rel(path):
    """A path as the labels write it: `real/…` or `seeds/…`."""
    p = str(path)
    return p.split("/corpus/", 1)[1] if "/corpus/" in p else p


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    # 2: some files could not be read (the scanned PDFs); the rest is reported.
    if out.returncode not in (0, 1, 2) or not out.stdout:
        sys.exit(f"stmtlint {' '.join(args)} failed ({out.returncode}): {out.stderr[:2000]}")
    return json.loads(out.stdout)


def ratio(n, d):
    return f"{n}/{d} = {100 * n / d:.0f}%" if d else f"{n}/0"


def load(name):
    path = LABELS / name
    return tomllib.loads(path.read_text()) if path.exists() else {}


def followups(binary, show):
    promises, traps = [], []
    for f in sorted(LABELS.glob("followups-*.toml")):
        data = tomllib.loads(f.read_text())
        promises += data.get("promise", [])
        traps += data.get("trap", [])
    if not promises:
        print("unfulfilled-follow-up: no labels yet (tests/eval/labels/followups-*.toml)")
        return
    ledger = run(binary, "followups", "--format", "json", "--as-of", AS_OF, str(CORPUS / "seeds"), str(CORPUS / "real"))
    found = ledger["commitments"]
    for c in found:
        c["file"] = rel(c["path"])
        c["norm"] = norm(c["text"])
    used = set()

    def match(label):
        quote = norm(label["quote"])
        when = norm(label.get("when", ""))
        candidates = [
            i
            for i, c in enumerate(found)
            if i not in used and c["file"] == label["file"] and (quote in c["norm"] or c["norm"] in quote)
        ]
        # Two promises in one sentence: the one whose time expression agrees.
        candidates.sort(key=lambda i: 0 if when and norm(found[i]["when"] or "") in when else 1)
        return candidates[0] if candidates else None

    kind = lambda p: p.get("kind", "own")
    dated = [p for p in promises if kind(p) == "own" and p.get("verdict") != "undated"]
    others = [p for p in promises if kind(p) == "other"]
    wrong = []

    def tally(labelled, fits=lambda c: True, judged=True):
        """Found, verdicts agreeing, and missed, of `labelled` promises."""
        hits, agree, missed = 0, 0, []
        for p in labelled:
            i = match(p)
            if i is None or not fits(found[i]):
                missed.append(p)
                continue
            used.add(i)
            hits += 1
            if not judged:
                continue
            if found[i]["verdict"] == p["verdict"]:
                agree += 1
            else:
                wrong.append((p, found[i]))
        return hits, agree, missed

    hits, agree, misses = tally(dated)
    other_hits, _, other_misses = tally(others, judged=False)
    # Recurring promises (`meet annually`), judged period by period.
    recurring = [p for p in promises if kind(p) == "recurring" and p.get("verdict") != "undated"]
    rec_hits, rec_agree, rec_misses = tally(recurring, fits=lambda c: c.get("every_months") is not None)
    # Undated promises the rule took as commitments.
    undated_taken = []
    for p in promises:
        if p.get("verdict") == "undated":
            i = match(p)
            if i is not None:
                used.add(i)
                undated_taken.append(found[i])
    rest = [c for i, c in enumerate(found) if i not in used]
    on_traps = [c for c in rest if any(t["file"] == c["file"] and norm(t["quote"])[:80] in c["norm"] for t in traps)]
    unlabelled = [c for c in rest if c not in on_traps]
    print("unfulfilled-follow-up (the ledger of `stmtlint followups`)")
    print(f"  labelled: {len(dated)} dated promises of the parties' own meetings, {len(others)} of other bodies' "
          f"meetings, {len(recurring)} recurring, {len(promises) - len(dated) - len(others) - len(recurring)} undated; "
          f"{len(traps)} traps")
    print(f"  recall, own dated promises:    {ratio(hits, len(dated))}")
    print(f"  recall, other bodies' ones:    {ratio(other_hits, len(others))}")
    print(f"  verdict agreement (own):       {ratio(agree, hits)}")
    print(f"  recall, recurring promises:    {ratio(rec_hits, len(recurring))}; verdicts {ratio(rec_agree, rec_hits)}")
    right = hits + other_hits + rec_hits
    print(f"  precision of the ledger:       {ratio(right, right + len(on_traps) + len(undated_taken))} "
          f"({len(on_traps)} on traps, {len(undated_taken)} undated taken; {len(unlabelled)} commitments outside "
          f"the labelled sentences, not counted)")
    if show:
        for p in misses:
            print(f"  MISSED  {p['file']}: {p['quote'][:110]!r} ({p.get('when', '')}, {p['verdict']})")
        for p in rec_misses:
            print(f"  MISSED-RECURRING {p['file']}: {p['quote'][:100]!r}")
        for p in other_misses:
            print(f"  MISSED-OTHER {p['file']}: {p['quote'][:100]!r}")
        for p, c in wrong:
            print(f"  VERDICT {p['file']}:{c['line']}: label {p['verdict']}, tool {c['verdict']} ({c['detail']}): "
                  f"{c['promised']} {c['when']}")
        for c in on_traps:
            print(f"  TRAP    {c['file']}:{c['line']}: {c['text'][:110]!r} ({c['when']}, {c['verdict']})")
        for c in unlabelled:
            print(f"  UNLABELLED {c['file']}:{c['line']}: {c['text'][:110]!r} ({c['when']}, {c['verdict']})")
        for c in undated_taken:
            print(f"  UNDATED {c['file']}:{c['line']}: {c['text'][:110]!r}")


def statements(binary, show):
    labels = load("statements.toml").get("statement", [])
    if not labels:
        print("missing-section: no labels yet (tests/eval/labels/statements.toml)")
        return
    # Listing pages and raw feeds are not statements; scans have no text to judge.
    judged = [s for s in labels if s.get("statement", True) and s.get("readable", True)]
    report = run(binary, "check", "--format", "json", "--as-of", AS_OF, str(CORPUS / "seeds"), str(CORPUS / "real"))
    files = {s["file"] for s in judged}
    got = {(rel(d["path"]), d["message"]) for d in report["diagnostics"]
           if d["rule"] == "missing-section" and rel(d["path"]) in files}
    expected = set()
    for s in judged:
        if not s.get("title") and not s.get("fragment"):
            expected.add((s["file"], "statement has no title"))
        if not s.get("date"):
            expected.add((s["file"], "statement has no date"))
    right = got & expected
    print("missing-section")
    print(f"  labelled statements: {len(labels)} ({len(judged)} judged: {len(labels) - len(judged)} scans or "
          f"not statements); findings expected: {len(expected)}, reported: {len(got)}")
    print(f"  recall:    {ratio(len(right), len(expected))}")
    print(f"  precision: {ratio(len(right), len(got))}")
    # The title and date every rule uses, as `extract` gives them.
    date_agree, dated, title_agree, titled, wrong = 0, 0, 0, 0, []
    for s in judged:
        out = subprocess.run([binary, "extract", "--format", "json", str(CORPUS / s["file"])],
                             capture_output=True, text=True)
        meta = json.loads(out.stdout)["metadata"] if out.returncode == 0 and out.stdout else {}
        if s.get("date"):
            dated += 1
            if meta.get("date") == s["date"]:
                date_agree += 1
            else:
                wrong.append(("DATE ", s, f"label {s['date']} ({s.get('date_source', '')}), tool {meta.get('date')}"))
        if s.get("title"):
            titled += 1
            # The same title, or one holding the other (a subtitle, a kicker such as "PRIME MINISTER").
            label, tool = norm(s["title"]), norm(meta.get("title") or "")
            if tool and (label in tool or tool in label):
                title_agree += 1
            else:
                wrong.append(("TITLE", s, f"label {s['title'][:70]!r}, tool {(meta.get('title') or '')[:70]!r}"))
        if s.get("fragment") and not meta.get("fragment"):
            wrong.append(("FRAG ", s, "a CMS fragment the source did not mark as one"))
    print(f"  statement dates agreeing with the labels:  {ratio(date_agree, dated)}")
    print(f"  statement titles agreeing with the labels: {ratio(title_agree, titled)}")
    if show:
        for f in sorted(expected - got):
            print(f"  MISSED  {f[0]}: {f[1]}")
        for f in sorted(got - expected):
            print(f"  FALSE   {f[0]}: {f[1]}")
        for what, s, detail in wrong:
            print(f"  {what}   {s['file']}: {detail}")


def names(binary, show):
    data = load("names.toml")
    variants = data.get("variant", [])
    if not variants and not data.get("not-variant"):
        print("inconsistent-name: no labels yet (tests/eval/labels/names.toml)")
        return
    report = run(binary, "check", "--format", "json", "--as-of", AS_OF, str(CORPUS / "seeds"), str(CORPUS / "real"))
    got = [d for d in report["diagnostics"] if d["rule"] == "inconsistent-name" and "/real/" in d["path"] or
           d["rule"] == "inconsistent-name" and "/seeds/" in d["path"]]
    got = [d for d in got if not d["path"].endswith("SOURCES.md")]
    key = lambda f, line, text: (f, int(line), norm(text))
    expected = {key(v["file"], v["line"], v["found"]) for v in variants}
    reported = {key(rel(d["path"]), d["line"], d["text"]) for d in got}
    right = expected & reported
    print("inconsistent-name")
    print(f"  labelled occurrences: {len(expected)}; reported: {len(reported)}")
    print(f"  recall:    {ratio(len(right), len(expected))}")
    print(f"  precision: {ratio(len(right), len(reported))}")
    if show:
        for k in sorted(expected - reported):
            print(f"  MISSED  {k[0]}:{k[1]}: {k[2]!r}")
        for k in sorted(reported - expected):
            print(f"  FALSE   {k[0]}:{k[1]}: {k[2]!r}")


def findings(binary, show, rule, labels_file, report):
    """A rule whose findings are labelled one by one: `[[finding]]` file, line, found."""
    labels = load(labels_file).get("finding", [])
    if not labels:
        print(f"{rule}: no labels yet (tests/eval/labels/{labels_file})")
        return
    got = [d for d in report["diagnostics"] if d["rule"] == rule and not d["path"].endswith("SOURCES.md")]
    key = lambda f, line, text: (f, int(line), norm(text))
    expected = {key(x["file"], x["line"], x["found"]) for x in labels}
    reported = {key(rel(d["path"]), d["line"], d["text"]) for d in got}
    right = expected & reported
    print(rule)
    print(f"  labelled findings: {len(expected)}; reported: {len(reported)}")
    print(f"  recall:    {ratio(len(right), len(expected))}")
    print(f"  precision: {ratio(len(right), len(reported))}")
    if show:
        for k in sorted(expected - reported):
            print(f"  MISSED  {k[0]}:{k[1]}: {k[2]!r}")
        for k in sorted(reported - expected):
            print(f"  FALSE   {k[0]}:{k[1]}: {k[2]!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=str(ROOT / "target" / "release" / "stmtlint"))
    ap.add_argument("--show", action="store_true", help="list every miss and false finding")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not here (the evaluation reads the shared corpus)")
        return
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} is not built: run `cargo build --release` first")
    print(f"stmtlint over {CORPUS} as of {AS_OF}\n")
    followups(args.binary, args.show)
    print()
    statements(args.binary, args.show)
    print()
    names(args.binary, args.show)
    report = run(args.binary, "check", "--format", "json", "--as-of", AS_OF, str(CORPUS / "seeds"), str(CORPUS / "real"))
    for rule, labels_file in [
        ("spelling-variety", "spelling.toml"),
        ("undefined-acronym", "acronyms.toml"),
        ("date-consistency", "dates.toml"),
    ]:
        print()
        findings(args.binary, args.show, rule, labels_file, report)


if __name__ == "__main__":
    main()

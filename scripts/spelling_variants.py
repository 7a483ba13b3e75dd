#!/usr/bin/env python3
"""Derives the British/American spelling pairs of `spelling-variety` from SCOWL.

    python3 scripts/spelling_variants.py [SCOWL_DIR] > config/spelling-variants.tsv

SCOWL_DIR is the `final/` word lists of SCOWL 2020.12.07 as Debian's `scowl` package
installs them (`/usr/share/dict/scowl`; without installing:
`apt-get download scowl && dpkg-deb -x scowl_*.deb x` gives `x/usr/share/dict/scowl`).

SCOWL says which spellings each dialect accepts: `english-words` are common to all,
`american-words`, `british-words` (-ise) and `british_z-words` (Oxford, -ize) are each
dialect's own, `british_variant_1-words` are spellings British dictionaries also
accept (`focussing`). This script only pairs them: it turns each dialect's own words
into the other spelling of the same kind (-ize/-ise and -yze/-yse, -or/-our, -er/-re,
-og/-ogue, -ense/-ence, doubled consonants, e/ae and e/oe, sk/sc, -gram/-gramme) and keeps a pair when SCOWL has both
spellings and they belong to different dialects. Sizes up to 70 ("large") are read,
and 80 for -ize/-ise (see ISE_SIZES);
possessives are left out (the rule strips `'s`).

Output, one pair a line, tab-separated: the American form, the British (-ise) form,
the Oxford form, the kind, and `common` = which form every dialect accepts (`us`,
`gb` or `-`).
"""

import re
import sys
from pathlib import Path

SIZES = (10, 20, 35, 40, 50, 55, 60, 70)
# -ize/-ise is regular enough to read the "very large" lists (80) too: they hold the
# nouns of policy (decarbonization, digitalization, denuclearization) that the lists
# up to 70 lack; the other kinds keep to 70 (80 adds `ager`/`agre`-like oddities).
ISE_SIZES = SIZES + (80,)


def load(root, name, sizes=SIZES):
    words = set()
    for size in sizes:
        path = root / f"{name}.{size}"
        if path.exists():
            for line in path.read_text(encoding="latin-1").split("\n"):
                w = line.strip()
                if w and w.isascii() and w.isalpha() and w.islower():
                    words.add(w)
    return words


def us_to_gb(u):
    """Candidate British spellings of an American one, with their kind."""
    out = []
    # -ize/-ise, -yze/-yse: the last z of a suffix (organize, organizational).
    for m in re.finditer(r"(?<=[iy])z(?=(e|es|ed|ing|er|ers|ation|ations|ational|able)$)", u):
        out.append((u[: m.start()] + "s" + u[m.end():], "ise"))
    # -or/-our: color, colorful, favorite, honorable, laborer.
    for m in re.finditer(r"or(?=(s|ed|ing|ful|fully|less|able|ably|ite|ites|er|ers|ist|ists|ism|y)?$)", u):
        out.append((u[: m.start()] + "our" + u[m.end():], "our"))
    # -er/-re: center, centered, theater, fiber, liter.
    m = re.search(r"([^aeiou])er(s|ed|ing)?$", u)
    if m:
        stem = u[: m.start() + 1]
        tail = {None: "re", "s": "res", "ed": "red", "ing": "ring"}[m.group(2)]
        out.append((stem + tail, "re"))
    # -og/-ogue: catalog, analog.
    m = re.search(r"og(s|ed|ing)?$", u)
    if m:
        tail = {None: "ogue", "s": "ogues", "ed": "ogued", "ing": "oguing"}[m.group(1)]
        out.append((u[: m.start()] + tail, "ogue"))
    # -ense/-ence: defense, offense, license, pretense.
    m = re.search(r"ense(s)?$", u)
    if m:
        out.append((u[: m.start()] + "ence" + (m.group(1) or ""), "ence"))
    # Doubled consonants: traveled/travelled, focused/focussed; enroll/enrol,
    # fulfillment/fulfilment, skillful/skilful.
    for m in re.finditer(r"(?<=[aeiou])([lsp])(?=(ed|ing|er|ers|or|ors|ation|ations)$)", u):
        out.append((u[: m.end()] + m.group(1) + u[m.end():], "doubled"))
    for m in re.finditer(r"ll(?=(s|ed|ing|ment|ments|ful|fully)?$)", u):
        out.append((u[: m.start()] + "l" + u[m.end():], "doubled"))
    # ae/oe for e: pediatric/paediatric, anemia/anaemia, estrogen/oestrogen,
    # maneuver/manoeuvre (with -er/-re too).
    # Not after a vowel, not in the last three letters (plurals `-ae`, `-oed`).
    for m in re.finditer(r"(?<![aeiouy])e", u):
        if m.start() > len(u) - 4:
            continue
        for vowel in "ao":
            g = u[: m.start()] + vowel + u[m.start():]
            out.append((g, vowel + "e"))
            if vowel == "o" and g.endswith("er"):
                out.append((g[:-2] + "re", "oe"))
    # sk/sc: skeptic/sceptic, skeptical/sceptical.
    for m in re.finditer(r"sk(?=ep)", u):
        out.append((u[: m.start()] + "sc" + u[m.end():], "sc"))
    # -gram/-gramme: program/programme (a computer's program is every dialect's).
    m = re.search(r"gram(s|ed|ing)?$", u)
    if m:
        tail = {None: "gramme", "s": "grammes", "ed": "grammed", "ing": "gramming"}[m.group(1)]
        out.append((u[: m.start()] + tail, "gramme"))
    return out


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/dict/scowl")
    pairs = {}
    add_pairs(pairs, root, SIZES, None)
    add_pairs(pairs, root, ISE_SIZES, {"ise"})
    print("# spelling-variety's pairs, derived by scripts/spelling_variants.py from SCOWL 2020.12.07")
    print("# (Debian package scowl 2020.12.07-2, lists final/*-words.{10..70}; .80 too for -ize/-ise).")
    print("# SCOWL is Copyright 2000-2011 by Kevin Atkinson and others; permission to use, copy, modify,")
    print("# distribute and sell the word lists and the output of its scripts is granted")
    print("# provided the notice appears (the full notice: /usr/share/doc/scowl/copyright).")
    print("# Do not edit: regenerate. Columns: us, gb (-ise), oxford (-ize), kind, common.")
    for (u, g), (oxford, kind, shared) in sorted(pairs.items()):
        print(f"{u}\t{g}\t{oxford}\t{kind}\t{shared}")


def add_pairs(pairs, root, sizes, kinds):
    """Adds to `pairs` those of the lists of `sizes` (of `kinds`, or every kind);
    a pair already there keeps what the smaller lists said of it."""
    common = load(root, "english-words", sizes)
    us = load(root, "american-words", sizes)
    gb = load(root, "british-words", sizes) | load(root, "british_variant_1-words", sizes)
    ox = load(root, "british_z-words", sizes) | load(root, "british_variant_1-words", sizes)
    us_ok = us | common
    gb_ok = gb | common
    ox_ok = ox | common
    for u in sorted(us_ok):
        for g, kind in us_to_gb(u):
            if kinds is not None and kind not in kinds:
                continue
            if g == u or g not in gb_ok:
                continue
            # One of the two must be a dialect's own, not common to all.
            if u in common and g in common:
                continue
            if u in gb_ok and g in us_ok:
                continue
            # The Oxford form: -ize where Oxford has it, else the British one.
            oxford = u if (kind == "ise" and u in ox_ok) else (g if g in ox_ok else u if u in ox_ok else "-")
            shared = "us" if u in common else "gb" if g in common else "-"
            pairs.setdefault((u, g), (oxford, kind, shared))


if __name__ == "__main__":
    main()

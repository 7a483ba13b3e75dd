#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) on the stable toolchain
# (`-s none`: no sanitizer, which needs nightly), seeding each corpus from the
# repository's files and, when present, ../shared/corpus. Crashes go to
# fuzz/artifacts/TARGET/; copy each into fuzz/regressions/TARGET/ once fixed, so
# `cargo test -p stmtlint_fuzz` replays it for good. Prints each target's last
# libFuzzer status line (executions, coverage, corpus).
#
#   cargo install cargo-fuzz && fuzz/run.sh 600
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
root=..
shared=../../shared/corpus
seed() { # TARGET FILES...
  local t="$1"; shift
  mkdir -p "corpus/$t"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "corpus/$t/" 2>/dev/null || true; done
}
seed text $root/samples/statements/* $root/samples/drafts/*.txt $root/samples/drafts/*.md $(ls $shared/real/*/*.txt $shared/real/*/*.md 2>/dev/null | head -40)
seed engine $root/samples/statements/* $root/samples/drafts/*.txt $root/samples/drafts/*.md
seed html $root/plugins/stmtlint_source_html/tests/fixtures/*.html $(ls $shared/real/*/*.html 2>/dev/null | head -20)
seed docx $root/samples/drafts/*.docx
seed odt $root/tests/office/*.odt
seed config $root/config/default.toml $root/config/starter.toml $root/config/profiles/*.toml $root/samples/*.toml
seed rule_file $root/config/packs/drafting/*.toml $root/config/rule-template.toml
mkdir -p corpus/pdf_layout
for t in text html docx odt pdf_layout config rule_file engine; do
  cargo fuzz run "$t" -s none "corpus/$t" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 > "run-$t.log" 2>&1 || echo "$t: stopped (see fuzz/run-$t.log and fuzz/artifacts/$t/)"
  echo "$t: $(grep -E '^#[0-9]+' "run-$t.log" | tail -1)"
done

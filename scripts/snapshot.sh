#!/bin/bash
# The JSON audit of every dev report (under both shipped packs), of 60 generated reports and
# scripts/evaluate.py --json, for a byte-for-byte diff before and after a change that must not
# change any verdict (speed work):
#
#   git stash; bash scripts/snapshot.sh /tmp/before; git stash pop
#   bash scripts/snapshot.sh /tmp/after && diff -r /tmp/before /tmp/after   # must print nothing
#
# Run from the root of a checkout with its environment active; ../shared beside it adds the
# 16 report openings. Several checkouts may snapshot at once, each with its own TMPDIR.
set -e
out=${1:?usage: scripts/snapshot.sh OUTDIR}
rm -rf "$out"; mkdir -p "$out"
# a fixed folder: the report paths are in the JSON (the corpus is the same for the same seed)
gen=${TMPDIR:-/tmp}/auditor-snapshot-gen
rm -rf "$gen"
python - "$gen" <<'P'
import sys
sys.path.insert(0, "scripts")
from pathlib import Path
from bench_export import build_corpus
build_corpus(Path(sys.argv[1]), 60, 7)
P
name() { echo "$1" | sed "s#^$gen#gen#" | tr "/." "__"; }
for f in reports/*.txt ../shared/reports/openings/*.txt tests/dev/*/*.txt tests/dev/*/*.html tests/dev/*/*.docx \
         $(find "$gen" -name "*.txt" | sort); do
  [ -e "$f" ] || continue
  python -m auditor audit "$f" -f json > "$out/$(name "$f").json" 2>/dev/null || echo "rc=$?" >> "$out/$(name "$f").json"
done
for f in reports/*.txt tests/dev/*/*.txt tests/dev/*/*.html tests/dev/*/*.docx; do
  python -m auditor audit --pack gangyao-2021-2025-department "$f" -f json > "$out/dept_$(name "$f").json" 2>/dev/null || true
done
python scripts/evaluate.py --json > "$out/evaluate.json"
# the generated reports' folder depends on TMPDIR: name it the same in every snapshot, so that
# snapshots made with different TMPDIRs (several checkouts at once) compare
sed -i "s#$gen#GEN#g" "$out"/*.json
echo "snapshot: $(ls "$out" | wc -l) files in $out"

#!/usr/bin/env python3
"""The marginal cost of an audit against a bare rjieba cut, in CPU instructions: unlike times,
instruction counts do not move with the load of a shared machine (issue 12).

    for what in audit cut; do for n in 0 1; do
        valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
            python scripts/count_instructions.py $what $n 2>&1 | grep 'I *refs'
    done; done

Each run reads the generated reports (scripts/bench_export.py, seed 1), compiles the pack and
warms every cache with one audit and one cut, then does ``n`` passes of ``what`` over the
reports. Per report: (refs at n=1 − refs at n=0) / reports; the ratio audit / cut is the figure
the issue's target is set on.

``what`` may also be ``read`` (reading.read_text alone). With ``--warm-all`` the warm-up audits
every report once, so that work done once per process on first meeting something (a regex for
a new report year or level, OpenCC for the first traditional report, a lead compiled once a
pattern is warm) stays out of the per-report figure.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--warm-all"]
    what, passes = args[0], int(args[1])
    n = int(args[2]) if len(args) > 2 else 20
    import rjieba
    from bench_export import build_corpus

    from auditor.packs import load_pack
    from auditor.pipeline import audit_document
    from auditor.reading import read_text

    with tempfile.TemporaryDirectory(prefix="auditor-count-") as tmp:
        texts = [(f.read_text(encoding="utf-8"), str(f)) for f in build_corpus(Path(tmp), n, 1)]
    pack = load_pack(None)
    seg = rjieba.Jieba()
    for text, name in texts if "--warm-all" in sys.argv else texts[:1]:
        audit_document(read_text(text, name), pack)
    seg.cut(texts[0][0])
    for _ in range(passes):
        for text, name in texts:
            if what == "audit":
                audit_document(read_text(text, name), pack)
            elif what == "read":
                read_text(text, name)
            else:
                seg.cut(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Warm audits (read + match + score) of the five samples, N rounds, from a given source tree.

    python scripts/bench_warm.py [--src DIR] [--rounds N]

For an A/B of two versions of the code: unpack the other version (``git archive REV | tar -x -C
/tmp/before``) and time both processes alternately (e.g. ``/usr/bin/time -f %U``), A B A B …;
the rounds dwarf the start-up (~0.5 s), and a run with ``--rounds 0`` measures it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=str(ROOT), help="source tree whose auditor package is timed")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    sys.path.insert(0, args.src)
    from auditor.packs import load_pack
    from auditor.pipeline import audit_document
    from auditor.reading import read_path

    pack = load_pack(None)
    files = sorted((ROOT / "reports").glob("*.txt"))
    for f in files:
        audit_document(read_path(str(f)), pack)  # warm caches
    start = time.perf_counter()
    for _ in range(args.rounds):
        for f in files:
            audit_document(read_path(str(f)), pack)
    print(f"{args.rounds} rounds x {len(files)} reports: {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Per-stage cost of matching and scoring, warm, per generated report (issue 12, s2).

    python scripts/bench_match.py              # ms/report: cut, index, match, score (CPU time)
    python scripts/bench_match.py --once m     # one pass of match_document only, for a
                                               # profiler or an instruction counter (callgrind)

Times are CPU seconds of this process (``time.process_time``), the best of ``--repeat`` passes
over the same reports, so other load on a shared machine inflates them less than wall time.
The reports are scripts/bench_export.py's generated corpus (the samples' real paragraphs
recombined with a fixed seed). ``--once`` exists for counting instructions, which do not
depend on load at all:

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/dev/null \\
        python scripts/bench_match.py --reports 20 --once m

(instrumentation is switched on only after the reports are read, see ``_count_from_here``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _best(fn: Callable[[], object], repeat: int, n: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        runs.append(time.process_time() - t)
    return min(runs) / n * 1e3


def _count_from_here() -> None:
    """Under callgrind started with --instr-atstart=no, count only what follows."""
    try:
        subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True,
                       check=False)
    except OSError:
        pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--once", choices=["m", "s"], help="one pass of match (m) or score (s), untimed")
    args = ap.parse_args()

    from bench_export import build_corpus

    from auditor.matching import compile_pack, match_document
    from auditor.matching.index import index_texts
    from auditor.packs import load_pack
    from auditor.reading import check_structure, read_text
    from auditor.scoring import score_report

    files = build_corpus(Path(tempfile.mkdtemp()), args.reports, 1)
    pack = load_pack(None)
    cp = compile_pack(pack)
    docs = [read_text(f.read_text(encoding="utf-8"), str(f)) for f in files]
    evidence = [match_document(d, pack) for d in docs]
    structure = [check_structure(d) for d in docs]
    n = len(docs)

    def match() -> None:
        for d in docs:
            match_document(d, pack)

    def score() -> None:
        for d, e, s in zip(docs, evidence, structure, strict=True):
            score_report(d, pack, e, s)

    def index() -> None:
        for d in docs:  # each index dropped at once, as match_document drops it
            heads = [sec.norm for sec in d.sections if sec.role == "achievements" and sec.norm]
            index_texts([s.norm for s in d.sentences] + heads, cp.segmenter, cp.automaton,
                        cp.words, cp.tokens)

    if args.once:
        _count_from_here()
        (match if args.once == "m" else score)()
        return
    cut = _best(lambda: [cp.segmenter.cut("\n".join(s.norm for s in d.sentences)) for d in docs],
                args.repeat, n)
    figures = {"cut of the sentences": cut, "index_texts": _best(index, args.repeat, n),
               "match_document": _best(match, args.repeat, n),
               "score_report": _best(score, args.repeat, n)}
    for name, ms in figures.items():
        print(f"{name:22s}: {ms:.3f} ms/report ({ms / cut:.1f}x the cut)")
    both = figures["match_document"] + figures["score_report"]
    print(f"{'match + score':22s}: {both:.3f} ms/report ({both / cut:.1f}x the cut)")


if __name__ == "__main__":
    main()

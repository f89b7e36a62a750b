#!/usr/bin/env python3
"""Instructions of one stage of the audit, per report, on reports read beforehand (issue 12):
where scripts/count_instructions.py gives the whole audit, this splits the part after reading.

    for n in 0 1; do PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no \\
        --cachegrind-out-file=/dev/null python scripts/count_stages.py STAGE $n 2>&1 | grep 'I *refs'
    done   # per report: (refs at 1 - refs at 0) / 20

Stages: ``index`` (the keyed text, one jieba cut, one automaton scan), ``rules`` (index, then
every rule's matches), ``context`` (rules, then headings, shortcomings and lead sentences),
``match`` (all of match_document, i.e. context and the Evidence records), ``score``
(score_report and check_structure on evidence made beforehand), ``audit`` (audit_document).
Both runs read the 20 generated reports and warm every cache with one audit of the first; the
hash seed fixed, two runs of the same code agree to ~0.01 M a report.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> int:
    stage, passes = sys.argv[1], int(sys.argv[2])
    from bench_export import build_corpus

    import auditor.matching as m
    from auditor.matching.compiled import compile_pack
    from auditor.matching.index import index_texts
    from auditor.model import ACHIEVEMENT, GAP
    from auditor.packs import load_pack
    from auditor.pipeline import audit_document
    from auditor.reading import check_structure, read_text
    from auditor.scoring import score_report

    with tempfile.TemporaryDirectory(prefix="auditor-count-") as tmp:
        texts = [(f.read_text(encoding="utf-8"), str(f)) for f in build_corpus(Path(tmp), 20, 1)]
    pack = load_pack(None)
    docs = [read_text(text, name) for text, name in texts]
    audit_document(docs[0], pack)
    cp = compile_pack(pack)

    def upto(doc, last: str) -> None:
        """match_document's steps, stopped after ``last`` (as in auditor/matching/__init__.py)."""
        heads = [k for k, sec in enumerate(doc.sections) if sec.role == "achievements" and sec.norm]
        idx = index_texts([s.norm for s in doc.sentences] + [doc.sections[k].norm for k in heads],
                          cp.segmenter, cp.automaton, cp.words, cp.tokens)
        if last == "index":
            return
        n = len(doc.sentences)
        leads = frozenset(i for i, s in enumerate(doc.sentences) if s.kind == ACHIEVEMENT and not s.act)
        gaps = frozenset(i for i, s in enumerate(doc.sentences) if s.kind == GAP)
        acts_under = m._acts_under(doc) if heads else {}
        for rule in pack.rules:
            main, facets = cp.matches[rule.id]
            named: list = []
            found = m.REGISTRY[rule.type](main, facets, idx, cp, named)
            if last == "rules":
                continue
            shortcoming = cp.shortcomings.get(rule.id) if gaps else None
            if not found and not named and shortcoming is None:
                continue
            hits = [h for h in found if h[1] < n]
            vetoes = m._vetoes(main, facets)
            if heads:
                m._headings(rule, [h for h in found + named if h[1] >= n], idx, doc, heads, vetoes,
                            acts_under)
            named = [h for h in named if h[1] < n]
            hits = m._admitted(hits, shortcoming, idx, cp, gaps)
            if leads:
                m._lead_context(hits + named, idx, doc, leads, vetoes)

    evidence = [m.match_document(doc, pack) for doc in docs] if stage == "score" else []
    for _ in range(passes):
        for k, doc in enumerate(docs):
            if stage in ("index", "rules", "context"):
                upto(doc, stage)
            elif stage == "match":
                m.match_document(doc, pack)
            elif stage == "score":
                score_report(doc, pack, evidence[k], check_structure(doc))
            elif stage == "audit":
                audit_document(doc, pack)
            else:
                raise SystemExit(f"unknown stage {stage!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Accuracy of `auditor audit` against hand-made gold annotations (tests/gold/*.yaml).

    python scripts/evaluate.py                 # the five bundled samples
    python scripts/evaluate.py --gold tests/gold/openings --reports ../shared/reports/openings
    python scripts/evaluate.py --gold DIR --reports DIR [--json] [-v]

Coverage: an item is positive when gold lists it as covered (covered or partial in the tool);
items gold marks not applicable are left out of both sides. Gaps: items the report admits a
shortcoming on. Structure: share of the five mandated parts judged the same way as the gold
(not judged for `partial: true` gold, i.e. truncated openings). Meta: year and level as in gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.packs import load_pack  # noqa: E402
from auditor.pipeline import audit_path  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(gold_dir: Path, reports_dir: Path, pack_path: str | None = None) -> dict:
    pack = load_pack(pack_path)
    totals = {"cov": [0, 0, 0], "gap": [0, 0, 0], "struct": [0, 0], "meta": [0, 0]}
    per_report = []
    for gold_file in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        path = reports_dir / gold["report"]
        detected = audit_path(str(path), pack)  # level as detected, for the meta score
        result = audit_path(str(path), pack, gold.get("level"))
        if not hasattr(result, "items") or not hasattr(detected, "items"):
            raise SystemExit(f"{path}: {result.message}")
        meta_ok = [detected.year == gold.get("year"), detected.level == gold.get("level")]
        totals["meta"][0] += sum(meta_ok)
        totals["meta"][1] += len(meta_ok)
        na = set(gold.get("not_applicable") or [])
        gold_cov = set(gold.get("covered") or []) - na
        gold_gap = set(gold.get("gaps") or []) - na
        got_cov = {i.id for i in result.items if i.status in ("covered", "partial")} - na
        got_gap = {i.id for i in result.items if i.gap_admitted} - na
        row = {"report": gold["report"]}
        for name, g, t in (("cov", gold_cov, got_cov), ("gap", gold_gap, got_gap)):
            tp, fp, fn = len(g & t), len(t - g), len(g - t)
            for k, v in enumerate((tp, fp, fn)):
                totals[name][k] += v
            row[name] = prf(tp, fp, fn)
            row[name + "_fp"], row[name + "_fn"] = sorted(t - g), sorted(g - t)
        struct_gold = {} if gold.get("partial") else (gold.get("structure") or {})
        agree = [s.id for s in result.structure if struct_gold.get(s.id) == s.present]
        wrong = [s.id for s in result.structure if s.id in struct_gold and struct_gold[s.id] != s.present]
        totals["struct"][0] += len(agree)
        totals["struct"][1] += len(agree) + len(wrong)
        row["struct"] = (len(agree), len(agree) + len(wrong), wrong)
        row["meta"] = [] if all(meta_ok) else [f"year {detected.year} (gold {gold.get('year')})",
                                                f"level {detected.level} (gold {gold.get('level')})"]
        per_report.append(row)
    summary = {
        "coverage": dict(zip(("precision", "recall", "f1"), prf(*totals["cov"]), strict=True)),
        "gaps": dict(zip(("precision", "recall", "f1"), prf(*totals["gap"]), strict=True)),
        "structure_accuracy": totals["struct"][0] / totals["struct"][1] if totals["struct"][1] else 1.0,
        "meta_accuracy": totals["meta"][0] / totals["meta"][1] if totals["meta"][1] else 1.0,
        "reports": per_report,
    }
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold"))
    ap.add_argument("--reports", default=str(ROOT / "reports"))
    ap.add_argument("--pack", default=None, help="rule pack folder (default: the bundled pack)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list false positives/negatives")
    args = ap.parse_args()
    s = evaluate(Path(args.gold), Path(args.reports), args.pack)
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=2))
        return 0
    cols = ("cov P", "cov R", "cov F1", "gap P", "gap R", "gap F1")
    print(f"{'report':40} " + " ".join(f"{c:>6}" for c in cols) + " struct")
    for r in s["reports"]:
        c, g, st = r["cov"], r["gap"], r["struct"]
        print(f"{r['report']:40} {c[0]:6.2f} {c[1]:6.2f} {c[2]:6.2f} {g[0]:6.2f} {g[1]:6.2f} {g[2]:6.2f} "
              f"{st[0]}/{st[1]}")
        if args.verbose:
            for key in ("cov_fp", "cov_fn", "gap_fp", "gap_fn"):
                if r[key]:
                    print(f"    {key}: {', '.join(r[key])}")
            if st[2]:
                print(f"    structure wrong: {', '.join(st[2])}")
            if r["meta"]:
                print(f"    meta: {'; '.join(r['meta'])}")
    c, g = s["coverage"], s["gaps"]
    print(f"{'ALL (micro)':40} {c['precision']:6.2f} {c['recall']:6.2f} {c['f1']:6.2f} "
          f"{g['precision']:6.2f} {g['recall']:6.2f} {g['f1']:6.2f} {s['structure_accuracy']:.0%}")
    print(f"year and level detected as in gold: {s['meta_accuracy']:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Regression guard on the hand-annotated samples (tests/gold/): the issue's accuracy targets.

The figures themselves are produced by scripts/evaluate.py (docs/performance.md); this test only
fails when a change to rules, reading or scoring drops below the targets.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
evaluate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(evaluate)


def test_samples_meet_accuracy_targets() -> None:
    s = evaluate.evaluate(ROOT / "tests" / "gold", ROOT / "reports")
    assert len(s["reports"]) == 5
    assert s["coverage"]["f1"] >= 0.90, s["coverage"]
    assert s["gaps"]["f1"] >= 0.80, s["gaps"]
    assert s["structure_accuracy"] == 1.0
    assert s["meta_accuracy"] == 1.0


def test_prf_edge_cases() -> None:
    assert evaluate.prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert evaluate.prf(1, 1, 0) == (0.5, 1.0, 2 / 3)
    assert evaluate.prf(0, 2, 2)[2] == 0.0

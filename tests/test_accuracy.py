"""Regression guard on the hand-annotated samples (tests/gold/): the issue's accuracy targets.

The figures themselves are produced by scripts/evaluate.py (docs/performance.md); this test only
fails when a change to rules, reading or scoring drops below the targets.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(("folder", "reports", "pack"), [
    ("traps", "traps", None), ("heldout", "heldout", None), ("heldout2", "heldout2", None),
    ("heldout3", "heldout3", None), ("heldout4", "heldout4", None), ("heldout5", "heldout5", None),
    ("heldout6", "heldout6", None), ("heldout7", "heldout7", None),
    ("heldout8", "heldout8", None), ("heldout9", "heldout9", None),
    ("heldout10", "heldout10", None),
    ("department", "", "gangyao-2021-2025-department"),
])
def test_status_gold_is_consistent(folder: str, reports: str, pack: str | None) -> None:
    """Each gold file with status lists puts an item in at most one of them, names only items of
    the pack it is judged with, and points at a report that exists."""
    import yaml

    known = {rule.id for rule in evaluate.load_pack(pack).rules}
    files = sorted((ROOT / "tests" / "gold" / folder).glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert (ROOT / "tests" / "dev" / reports / gold["report"]).is_file(), path
        seen: dict[str, str] = {}
        for key in ("covered", "mentioned", "planned", "not_applicable"):
            for item in gold.get(key) or []:
                assert item in known, f"{path.name}: unknown item {item}"
                assert item not in seen, f"{path.name}: {item} in {seen.get(item)} and {key}"
                seen[item] = key
        assert set(gold.get("gaps") or []) <= known, path.name


def test_trap_set_scores_every_status() -> None:
    s = evaluate.evaluate(ROOT / "tests" / "gold" / "traps", ROOT / "tests" / "dev" / "traps")
    n = len(s["reports"])
    for measure in ("covered", "mentioned", "planned", "gaps"):
        assert s["statuses"][measure]["reports_judged"] == n, measure
    # the older gold files have no mentioned/planned lists: not judged there, not counted as misses
    samples = evaluate.evaluate(ROOT / "tests" / "gold", ROOT / "reports")
    assert samples["statuses"]["mentioned"]["reports_judged"] == 0
    assert samples["statuses"]["covered"]["reports_judged"] == 5


def test_set_option_parsing() -> None:
    name, gold, reports = evaluate._parse_set(f"traps={ROOT}/tests/gold/traps:{ROOT}/tests/dev/traps")
    assert (name, gold.name, reports.name) == ("traps", "traps", "traps")
    for bad, message in (("no-dirs", "NAME=GOLD_DIR:REPORTS_DIR"), ("x=/nonexistent:reports", "not found")):
        try:
            evaluate._parse_set(bad)
        except evaluate.argparse.ArgumentTypeError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"--set {bad} must be refused with a clear message")

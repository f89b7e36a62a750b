"""End-to-end output of `auditor audit` on bundled samples, compared with reviewed golden files."""

from __future__ import annotations

import json

import pytest

from tests.render import ROOT, WIDTHS, check_golden, run_cli

SAMPLES = ["huozhou-2023.txt", "xingguo-2023-traditional.txt"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SAMPLES)
def test_scorecard_golden(name: str, width: int) -> None:
    code, out, err = run_cli("audit", f"reports/{name}", "--width", str(width))
    assert code == 0, err
    assert "\x1b[" not in out  # NO_COLOR and not a terminal: plain text
    check_golden(name.replace(".txt", f".scorecard.{width}.txt"), out)


@pytest.mark.parametrize("name", SAMPLES)
def test_json_golden(name: str) -> None:
    code, out, err = run_cli("audit", f"reports/{name}", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    doc["tool"]["version"] = "X"
    check_golden(name.replace(".txt", ".json"), json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


def test_paths_are_relative_as_given() -> None:
    _, out, _ = run_cli("audit", "reports/huozhou-2023.txt", "-f", "json")
    assert json.loads(out)["reports"][0]["path"] == "reports/huozhou-2023.txt"
    assert (ROOT / "reports/huozhou-2023.txt").exists()

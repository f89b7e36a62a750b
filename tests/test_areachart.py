"""The per-area bar chart above the scorecard: one glyph pair per item, readable at 80 columns
and without colour."""

from __future__ import annotations

from rich.cells import cell_len

from auditor.output.records import report_record
from auditor.packs import load_pack
from auditor.pipeline import audit_path
from tests.render import run_cli

HUOZHOU = "reports/huozhou-2023.txt"


def test_chart_fits_80_columns_and_counts_items() -> None:
    code, out, _ = run_cli("audit", HUOZHOU, "--width", "80")
    assert code == 0
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    start = lines.index(next(line for line in lines if line.startswith("各领域覆盖情况")))
    rep = report_record(audit_path(HUOZHOU, load_pack(None)))
    areas: dict[str, list[str]] = {}
    for item in rep["items"]:
        areas.setdefault(item["area"], []).append(item["status"])
    rows = lines[start + 1:start + 1 + len(areas)]
    glyph = {"covered": "█", "partial": "▓", "planned": "░", "mentioned": "▒", "missing": "·",
             "not_applicable": "─"}
    for row, (area, statuses) in zip(rows, areas.items(), strict=True):
        assert row.startswith(area)
        bar = "".join(glyph[s] * 2 for s in statuses)
        assert bar in row, (row, bar)  # item order, one pair per item: the shape survives NO_COLOR
    assert "图例" in lines[start + 1 + len(areas)]
    # the chart comes before the first item table
    assert start < next(i for i, line in enumerate(lines) if line.startswith("状态"))

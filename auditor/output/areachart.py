"""The compact per-area bar chart above the scorecard's item tables (rich).

One cell pair per item, so areas compare at a glance whatever their size (the largest area has
nine items: 18 columns), and each status has its own glyph as well as its colour, so the chart
still reads when piped or with NO_COLOR. Fits 80 columns.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from auditor.i18n import _
from auditor.labels import STATUS_LABELS
from auditor.output.areas import area_summaries, statuses_in_order

# status -> (glyph, style). A status labels.py gains before this table does still gets a bar.
_LOOK = {
    "covered": ("█", "green"),
    "partial": ("▓", "yellow"),
    "mentioned": ("▒", "blue"),
    "planned": ("░", "cyan"),
    "missing": ("·", "red"),
    "not_applicable": ("─", "dim"),
}
_UNKNOWN = ("▪", "magenta")
CELLS = 2  # columns per item


def _look(status: str) -> tuple[str, str]:
    return _LOOK.get(status, _UNKNOWN)


def _score_style(score: float | None) -> str:
    if score is None:
        return "dim"
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def area_chart(rep: dict[str, Any]) -> Group:
    areas = area_summaries(rep)
    widest = max((len(a.items) for a in areas), default=0) * CELLS
    table = Table(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False,
                  padding=(0, 1), title=_("各领域覆盖情况"), title_justify="left", title_style="bold")
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column(no_wrap=True, width=widest)
    table.add_column(justify="right", no_wrap=True, width=5)
    table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
    seen: set[str] = set()
    for area in areas:
        bar = Text()
        for item in area.items:
            glyph, style = _look(item["status"])
            bar.append(glyph * CELLS, style=style)
        seen |= set(area.counts)
        score = "—" if area.score is None else f"{area.score:.0f}"
        counts = Text()
        for status, n in area.counts.items():
            if status in ("missing", "not_applicable") or n == 0:
                continue
            counts.append(f"{STATUS_LABELS.get(status, status)}{n} ", style=_look(status)[1])
        missing = area.counts.get("missing", 0)
        if missing:
            counts.append(f"{STATUS_LABELS['missing']}{missing}", style=_look("missing")[1])
        table.add_row(area.name, bar, Text(score, style=_score_style(area.score)), counts)
    legend = Text()
    legend.append(_("图例 "), style="dim")
    for status in statuses_in_order(seen):
        if status in seen or status in STATUS_LABELS:
            glyph, style = _look(status)
            legend.append(f"{glyph * CELLS}", style=style)
            legend.append(f"{STATUS_LABELS.get(status, status)}  ")
    return Group(table, legend, Text())

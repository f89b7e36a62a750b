"""Per-area summaries of one report record, shared by the terminal chart and the HTML page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from auditor.labels import STATUS_LABELS


@dataclass(frozen=True)
class AreaSummary:
    name: str
    items: tuple[dict[str, Any], ...]  # item records, pack order
    counts: dict[str, int]  # status -> items, in STATUS_LABELS order (unknown statuses last)
    score: float | None  # weighted mean of applicable item scores; None when nothing applies


def statuses_in_order(seen: set[str] | None = None) -> list[str]:
    """The vocabulary of labels.py in reading order, plus any status a record carries that the
    vocabulary does not know yet (so a new status shows up instead of vanishing)."""
    known = list(STATUS_LABELS)
    return known + sorted((seen or set()) - set(known))


def area_score(items: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> float | None:
    """Same policy as scoring.overall(): weighted mean over applicable items, one decimal."""
    applicable = [i for i in items if i["status"] != "not_applicable"]
    total = sum(i["weight"] for i in applicable)
    if not total:
        return None
    return round(sum(i["weight"] * i["score"] for i in applicable) / total, 1)


def area_summaries(rep: dict[str, Any]) -> list[AreaSummary]:
    """The report's items grouped by 纲要 area, areas in pack order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in rep["items"]:
        groups.setdefault(item["area"], []).append(item)
    out = []
    for name, items in groups.items():
        counts = Counter(i["status"] for i in items)
        order = statuses_in_order(set(counts))
        out.append(AreaSummary(name, tuple(items), {s: counts[s] for s in order if counts[s]},
                               area_score(items)))
    return out

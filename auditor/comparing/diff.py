"""Two audits of the same kind of report, item by item: what was gained, lost, or done as planned.

Statuses are compared as "done" (covered, partial) versus not; any status this module does not
know (a vocabulary grows: issue 7 adds ``mentioned``) is simply "not done", so the comparison
never breaks on a newer pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model import COVERED, MISSING, NOT_APPLICABLE, PARTIAL, PLAN, PLANNED, ItemResult, ReportResult

DONE = (COVERED, PARTIAL)
# change of an item, in the order a reviewer reads them
PLANNED_DONE, GAINED, LOST, IMPROVED, WORSENED, UNCHANGED = (
    "planned_done", "gained", "lost", "improved", "worsened", "unchanged")
CHANGES = (PLANNED_DONE, GAINED, LOST, IMPROVED, WORSENED, UNCHANGED)


@dataclass(frozen=True)
class ItemChange:
    id: str
    title: str
    key: bool
    old: str  # status in OLD
    new: str  # status in NEW
    old_score: int
    new_score: int
    change: str  # one of CHANGES

    @property
    def delta(self) -> int:
        return self.new_score - self.old_score


@dataclass(frozen=True)
class Diff:
    items: tuple[ItemChange, ...]
    score_old: float
    score_new: float
    parts_gained: tuple[str, ...]
    parts_lost: tuple[str, ...]
    promises: tuple[ItemChange, ...]  # planned in OLD, neither done nor mentioned in NEW


def _change(old: ItemResult, new: ItemResult | None) -> str:
    if new is None:
        return UNCHANGED
    was, now = old.status in DONE, new.status in DONE
    if now and not was:
        return PLANNED_DONE if _planned(old) else GAINED
    if was and not now:
        return LOST
    if new.score > old.score:
        return IMPROVED
    if new.score < old.score:
        return WORSENED
    return UNCHANGED


def _planned(item: ItemResult) -> bool:
    """OLD promised it: planned status, or plan evidence (下一年度 … 将) besides other evidence."""
    return item.status == PLANNED or any(e.kind == PLAN for e in item.evidence)


def diff_results(old: ReportResult, new: ReportResult) -> Diff:
    new_items = {i.id: i for i in new.items}
    changes = []
    promises = []
    for o in old.items:
        n = new_items.get(o.id)
        change = ItemChange(o.id, o.title, o.key, o.status, n.status if n else MISSING, o.score,
                            n.score if n else 0, _change(o, n))
        changes.append(change)
        # A promise is followed up when NEW says anything about the item (done, planned again,
        # a gap admitted); only silence is listed.
        if _planned(o) and (n is None or (
                n.status in (MISSING, NOT_APPLICABLE) and not n.evidence and not n.gap_admitted)):
            promises.append(change)
    old_parts = {p.id for p in old.structure if p.present}
    new_parts = {p.id for p in new.structure if p.present}
    order = [p.id for p in new.structure] + [p.id for p in old.structure]
    gained = tuple(dict.fromkeys(p for p in order if p in new_parts - old_parts))
    lost = tuple(dict.fromkeys(p for p in order if p in old_parts - new_parts))
    return Diff(tuple(changes), old.score, new.score, gained, lost, tuple(promises))

"""Evidence -> ItemResult / ReportResult: the status and score policy, in one place.

Policy (docs/scoring.md):
- covered: achievement evidence (for a facet item: every facet, or the item's own phrase);
- partial: achievement evidence for some facets only;
- planned: plan evidence only; missing: nothing; not_applicable: `applies_to` excludes the level.
- gap_admitted: any gap evidence, whatever the status.
- item score = credit x best evidence score, credit 1 covered / share of facets partial /
  0.25 planned / 0 missing; report score = weighted mean of item scores over applicable items.
"""

from __future__ import annotations

from auditor.model import (
    ACHIEVEMENT,
    COVERED,
    GAP,
    MISSING,
    NOT_APPLICABLE,
    PARTIAL,
    PLAN,
    PLANNED,
    Evidence,
    Gap,
    ItemResult,
    ReportResult,
    StructurePart,
)
from auditor.packs.spec import Pack, Rule
from auditor.reading.document import Document

PLANNED_CREDIT = 0.25
MAX_EVIDENCE = 5  # per item and kind; the spreadsheet shows the same five
_KIND_ORDER = {ACHIEVEMENT: 0, GAP: 1, PLAN: 2}


def _status(rule: Rule, evidence: list[Evidence]) -> tuple[str, float, tuple[str, ...]]:
    achieved = [e for e in evidence if e.kind == ACHIEVEMENT]
    facets_all = tuple(f.name for f in rule.facets)
    found: tuple[str, ...] = ()
    if facets_all:
        if any(e.facet == "" for e in achieved):
            found = facets_all
        else:
            found = tuple(f for f in facets_all if any(e.facet == f for e in achieved))
        if found == facets_all:
            return COVERED, 1.0, found
        if found:
            return PARTIAL, len(found) / len(facets_all), found
    elif achieved:
        return COVERED, 1.0, found
    if any(e.kind == PLAN for e in evidence):
        return PLANNED, PLANNED_CREDIT, found
    return MISSING, 0.0, found


def _pick(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    """Best few per kind: achievements first, strongest first, then document order."""
    ranked = sorted(evidence, key=lambda e: (_KIND_ORDER[e.kind], -e.score, e.line))
    kept: list[Evidence] = []
    per_kind: dict[str, int] = {}
    seen: set[int] = set()
    for e in ranked:
        if e.sentence in seen or per_kind.get(e.kind, 0) >= MAX_EVIDENCE:
            continue
        seen.add(e.sentence)
        per_kind[e.kind] = per_kind.get(e.kind, 0) + 1
        kept.append(e)
    return tuple(kept)


def score_item(rule: Rule, evidence: list[Evidence], level: str | None) -> ItemResult:
    facets_all = tuple(f.name for f in rule.facets)
    gap = any(e.kind == GAP for e in evidence)
    if not rule.applies(level):
        return ItemResult(rule.id, rule.title, rule.area, rule.key, rule.weight, NOT_APPLICABLE,
                          gap, 0, (), (), facets_all)
    status, credit, found = _status(rule, evidence)
    kind = PLAN if status == PLANNED else ACHIEVEMENT
    best = max((e.score for e in evidence if e.kind == kind), default=0)
    return ItemResult(rule.id, rule.title, rule.area, rule.key, rule.weight, status, gap,
                      round(credit * best), _pick(evidence), found, facets_all)


def overall(items: list[ItemResult]) -> float:
    applicable = [i for i in items if i.status != NOT_APPLICABLE]
    total = sum(i.weight for i in applicable)
    if not total:
        return 0.0
    return round(sum(i.weight * i.score for i in applicable) / total, 1)


def gaps(doc: Document, items: list[ItemResult], evidence: dict[str, list[Evidence]]) -> tuple[Gap, ...]:
    """Every admitted-shortcoming sentence, with the applicable items it concerns."""
    applicable = {i.id for i in items if i.status != NOT_APPLICABLE}
    concerns: dict[int, list[str]] = {}
    for item_id, evs in evidence.items():
        for e in evs:
            if e.kind == GAP and item_id in applicable:
                concerns.setdefault(e.sentence, []).append(item_id)
    return tuple(Gap(s.line, s.text, tuple(concerns.get(sid, ())))
                 for sid, s in enumerate(doc.sentences) if s.kind == GAP)


def score_report(doc: Document, pack: Pack, evidence: dict[str, list[Evidence]],
                 structure: tuple[StructurePart, ...]) -> ReportResult:
    items = [score_item(rule, evidence.get(rule.id, []), doc.level) for rule in pack.rules]
    return ReportResult(
        path=doc.path, title=doc.title, issuer=doc.issuer, year=doc.year, published=doc.published,
        level=doc.level, chars=doc.chars, score=overall(items), structure=structure,
        items=tuple(items), gaps=gaps(doc, items, evidence), title_year=doc.title_year,
        meta=dict(doc.meta, level_sure=doc.level_sure, chrome_lines=list(doc.chrome_lines)),
    )

"""Evidence -> ItemResult / ReportResult: the status and score policy, in one place.

Policy (docs/scoring.md):
- covered: achievement evidence (for a facet item: every facet, or the item's own phrase);
- partial: achievement evidence for some facets only;
- mentioned: named outside the plans without an act of the body (mention evidence);
- planned: plan evidence only; missing: nothing; not_applicable: `applies_to` excludes the level.
- umbrella items (`parts:`): covered when all parts are, partial when some are.
- gap_admitted: gap evidence about the item (attribute_gaps), whatever the status.
- item score = credit x best evidence score, credit 1 covered / share of facets partial /
  0.25 planned / 0.1 mentioned / 0 missing; report score = weighted mean of item scores over applicable items.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set as AbstractSet

from auditor.model import (
    ACHIEVEMENT,
    COVERED,
    GAP,
    MENTION,
    MENTIONED,
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
MENTIONED_CREDIT = 0.1
MAX_EVIDENCE = 5  # per item and kind; the spreadsheet shows the same five
# Reading order of statuses, strongest first: an umbrella item takes the stronger of its own
# status and the one its parts give it.
_RANK = {COVERED: 0, PARTIAL: 1, PLANNED: 2, MENTIONED: 3, MISSING: 4, NOT_APPLICABLE: 5}
_LEAD_KIND = {COVERED: ACHIEVEMENT, PARTIAL: ACHIEVEMENT, PLANNED: PLAN, MENTIONED: MENTION}
# Rank of each evidence kind when the given kind decided the status (_pick): made once.
_ORDER = {lead: {k: n for n, k in enumerate((lead, ACHIEVEMENT, GAP, PLAN, MENTION))
                 if k != lead or n == 0} for lead in (ACHIEVEMENT, PLAN, MENTION)}


def _status(rule: Rule, evidence: list[Evidence], kinds: AbstractSet[str] | None = None,
            facets_all: tuple[str, ...] | None = None) -> tuple[str, float, tuple[str, ...]]:
    """``kinds`` (the evidence's kinds) and ``facets_all`` (the rule's facet names): passed by a
    caller that has them already."""
    # The kinds present, and the facets with an achievement, each gathered in one pass.
    if kinds is None:
        kinds = {e.kind for e in evidence}
    if facets_all is None:
        facets_all = tuple(f.name for f in rule.facets)
    found: tuple[str, ...] = ()
    if facets_all:
        achieved = {e.facet for e in evidence if e.kind == ACHIEVEMENT}
        found = facets_all if "" in achieved else tuple(f for f in facets_all if f in achieved)
        if found == facets_all:
            return COVERED, 1.0, found
        if found:
            return PARTIAL, len(found) / len(facets_all), found
    elif ACHIEVEMENT in kinds:
        return COVERED, 1.0, found
    # Named outside the plans without an act (a preamble goal, a superior's deployment) and also
    # planned: the report speaks of it as if under way, so it is "mentioned", not "planned". A
    # heading (sentence < 0) is only a label: over nothing but a plan, the item is planned.
    planned = PLAN in kinds
    if MENTION in kinds and (not planned or any(e.kind == MENTION and e.sentence >= 0 for e in evidence)):
        return MENTIONED, MENTIONED_CREDIT, found
    if planned:
        return PLANNED, PLANNED_CREDIT, found
    return MISSING, 0.0, found


def _pick(evidence: list[Evidence], status: str = COVERED) -> tuple[Evidence, ...]:
    """Best few per kind: the kind that decided the status first, then achievements, gaps,
    plans, mentions; within a kind the strongest act first — a sentence with a figure or a
    named document before one without, then match strength, then document order."""
    n = len(evidence)
    if n == 1:  # what the ranking below keeps of one
        return (evidence[0],)
    order = _ORDER[_LEAD_KIND.get(status, ACHIEVEMENT)]
    ranked = sorted(evidence, key=lambda e: (order.get(e.kind, 9), not e.concrete, -e.score, e.line))
    if n <= MAX_EVIDENCE and len({e.sentence for e in evidence}) == n:
        return tuple(ranked)  # no kind over the limit, no sentence twice: all kept
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


def score_item(rule: Rule, evidence: list[Evidence], level: str | None,
               facets_all: tuple[str, ...] | None = None, applies: bool | None = None) -> ItemResult:
    """``facets_all`` (the rule's facet names) and ``applies`` (rule.applies(level)): passed by
    a caller that keeps them for the pack."""
    if facets_all is None:
        facets_all = tuple([f.name for f in rule.facets]) if rule.facets else ()
    if applies is None:
        applies = rule.applies(level)
    if not evidence and applies:  # what _status and _pick make of no evidence
        return ItemResult(rule.id, rule.title, rule.area, rule.key, rule.weight, MISSING, False,
                          0, (), (), facets_all)
    # The kinds present and the best score of each, in one pass
    best: dict[str, int] = {}
    for e in evidence:
        score = best.get(e.kind)
        if score is None or e.score > score:
            best[e.kind] = e.score
    gap = GAP in best
    if not applies:
        return ItemResult(rule.id, rule.title, rule.area, rule.key, rule.weight, NOT_APPLICABLE,
                          gap, 0, (), (), facets_all)
    status, credit, found = _status(rule, evidence, best.keys(), facets_all)
    return ItemResult(rule.id, rule.title, rule.area, rule.key, rule.weight, status, gap,
                      round(credit * best.get(_LEAD_KIND.get(status, ACHIEVEMENT), 0)),
                      _pick(evidence, status), found, facets_all)


def with_parts(rule: Rule, own: ItemResult, parts: list[ItemResult]) -> ItemResult:
    """An umbrella item is covered when all its parts are, partial when some are (credit: the
    share of parts covered, a partial part counting half); its own status stands if stronger."""
    parts = [p for p in parts if p.status != NOT_APPLICABLE]
    if own.status == NOT_APPLICABLE or not parts:
        return own
    done = sum(1.0 if p.status == COVERED else 0.5 if p.status == PARTIAL else 0.0 for p in parts)
    if not done:
        return own
    status = COVERED if done == len(parts) else PARTIAL
    score = round(sum(p.score for p in parts) / len(parts))
    if _RANK[status] > _RANK[own.status] or (status == own.status and score <= own.score):
        return own
    return dataclasses.replace(own, status=status, score=max(score, own.score))


def substance(items: list[ItemResult]) -> float:
    """实绩度: % of applicable items covered or partial by evidence that carries a figure or a
    named document the body issued — the line between a report of work and one of slogans."""
    applicable = [i for i in items if i.status != NOT_APPLICABLE]
    if not applicable:
        return 0.0
    solid = sum(1 for i in applicable if i.status in (COVERED, PARTIAL)
                and any(e.kind == ACHIEVEMENT and e.concrete for e in i.evidence))
    return round(100 * solid / len(applicable), 1)


def overall(items: list[ItemResult]) -> float:
    applicable = [i for i in items if i.status != NOT_APPLICABLE]
    total = sum(i.weight for i in applicable)
    if not total:
        return 0.0
    return round(sum(i.weight * i.score for i in applicable) / total, 1)


def _overall_and_substance(items: list[ItemResult]) -> tuple[float, float]:
    """overall(items) and substance(items), in one pass over the items (the sums by sum(), as
    there: its float additions are exact from Python 3.12 on)."""
    weights, products = [], []
    solid = 0
    for i in items:
        status = i.status
        if status == NOT_APPLICABLE:
            continue
        weights.append(i.weight)
        products.append(i.weight * i.score)
        if status == COVERED or status == PARTIAL:
            for e in i.evidence:
                if e.kind == ACHIEVEMENT and e.concrete:
                    solid += 1
                    break
    total = sum(weights)
    return (round(sum(products) / total, 1) if total else 0.0,
            round(100 * solid / len(weights), 1) if weights else 0.0)


def _umbrella_gaps(parts: dict[str, tuple[str, ...]], by_sentence: dict[int, list[Evidence]]
                   ) -> set[tuple[str, int]]:
    """A gap worded with a part's words (法制审核意见过于简单) is about the part, not its
    umbrella, unless the umbrella's own name (三项制度) is where it hit."""
    out = set()
    for sid, evs in by_sentence.items():
        at = {e.item: e.offset for e in evs}
        for umbrella, members in parts.items():
            if umbrella in at and any(p in at and at[p] <= at[umbrella] < at[p] + 8 for p in members):
                out.add((umbrella, sid))
    return out


def attribute_gaps(doc: Document, evidence: dict[str, list[Evidence]],
                   pack_parts: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[Evidence]]:
    """Keep a gap on the items it is about: those named in a clause that words the admission
    (执法人员素质不高，法制审核力量薄弱 -> both; 为提高行政复议质量，执法人员培训不足 -> not
    行政复议).  When no item is named in such a clause the subject was set up earlier in the
    sentence (在行政执法方面，人员不足): the nearest earlier clause that names items decides; a
    sentence that words no clause (a shortcomings part without cue words) keeps every item."""
    by_sentence: dict[int, list[Evidence]] = {}
    for evs in evidence.values():
        for e in evs:
            if e.kind == GAP:
                by_sentence.setdefault(e.sentence, []).append(e)
    if not by_sentence:
        return evidence
    drop: set[tuple[str, int]] = set()
    for sid, evs in by_sentence.items():
        spans = doc.sentences[sid].gap_clauses
        if not spans:
            continue
        inside = {e.item for e in evs if any(a <= e.offset < b for a, b in spans)}
        if not inside:
            # the subject set up in an earlier clause, not in the excluded part of this one
            first = max((a for a, _ in _clause_spans(doc.sentences[sid].norm) if a <= spans[0][0]),
                        default=0)
            before = [e for e in evs if e.offset < first]
            if before:
                last = max(e.offset for e in before)
                start = max((a for a, _ in _clause_spans(doc.sentences[sid].norm) if a <= last), default=0)
                inside = {e.item for e in before if e.offset >= start}
            else:  # named only in the purpose/comparison part of the admitting clause: none
                aside = _compared(doc.sentences[sid].norm)
                inside = {e.item for e in evs if not first <= e.offset < spans[0][0]
                          and not any(a <= e.offset < b for a, b in aside)}
        drop |= {(e.item, sid) for e in evs if e.item not in inside}
    if pack_parts:
        drop |= _umbrella_gaps(pack_parts, by_sentence)
    if not drop:
        return evidence
    out = dict(evidence)  # the items that keep every gap keep their list
    for item in {item for item, _ in drop}:
        if item in out:
            out[item] = [e for e in out[item] if e.kind != GAP or (item, e.sentence) not in drop]
    return out


def _compared(norm: str) -> list[tuple[int, int]]:
    """Spans naming what a shortfall is measured against (与承接的86项执法事项不相匹配): the
    yardstick, not the subject of the admission."""
    from auditor.reading.cues import GAP_NOT_SUBJECT

    return [(m.start(), m.end()) for m in GAP_NOT_SUBJECT.finditer(norm)]


def _clause_spans(norm: str) -> list[tuple[int, int]]:
    from auditor.reading.acts import clauses

    return [(a, a + len(c)) for a, c in clauses(norm)]


def gaps(doc: Document, items: list[ItemResult], evidence: dict[str, list[Evidence]]) -> tuple[Gap, ...]:
    """Every admitted-shortcoming sentence, with the applicable items it concerns."""
    applicable = {i.id for i in items if i.status != NOT_APPLICABLE}
    concerns: dict[int, list[str]] = {}
    for item_id, evs in evidence.items():
        for e in evs:
            if e.kind == GAP and item_id in applicable:
                concerns.setdefault(e.sentence, []).append(item_id)
    return tuple([Gap(s.line, s.text, tuple(concerns.get(sid, ())))
                  for sid, s in enumerate(doc.sentences) if s.kind == GAP])


class _PackTable:
    """What scoring reads of a pack's rules on every report, made once per pack (the last one
    kept, as matching keeps its compiled pack)."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.parts = {r.id: r.parts for r in pack.rules if r.parts}
        # each umbrella's place and its parts' places among the items (items follow pack.rules)
        place = {r.id: n for n, r in enumerate(pack.rules)}
        self.umbrellas = [(n, r, [place[p] for p in r.parts if p in place])
                          for n, r in enumerate(pack.rules) if r.parts]
        self.facets_all = [tuple([f.name for f in r.facets]) if r.facets else () for r in pack.rules]
        # An item without evidence that applies is the same record in every report: made once
        # (records are frozen; a changed copy is a new record)
        self.missing = [ItemResult(r.id, r.title, r.area, r.key, r.weight, MISSING, False, 0, (),
                                   (), f) for r, f in zip(pack.rules, self.facets_all, strict=True)]
        self._applies: dict[str | None, list[bool]] = {}

    def applies(self, level: str | None) -> list[bool]:
        got = self._applies.get(level)
        if got is None:
            got = self._applies[level] = [r.applies(level) for r in self.pack.rules]
        return got


def _table(pack: Pack) -> _PackTable:
    if not (_last_table and _last_table[0].pack is pack):
        _last_table[:] = [_PackTable(pack)]
    return _last_table[0]


_last_table: list[_PackTable] = []


def score_report(doc: Document, pack: Pack, evidence: dict[str, list[Evidence]],
                 structure: tuple[StructurePart, ...]) -> ReportResult:
    table = _table(pack)
    evidence = attribute_gaps(doc, evidence, table.parts)
    level = doc.level
    items = []
    for rule, facets_all, applies, missing in zip(pack.rules, table.facets_all,
                                                  table.applies(level), table.missing, strict=True):
        evs = evidence.get(rule.id)
        items.append(missing if not evs and applies else
                     score_item(rule, evs or [], level, facets_all, applies))
    if table.umbrellas:
        own = items[:]  # each umbrella reads its parts' own results, as scored above
        for n, rule, parts in table.umbrellas:
            items[n] = with_parts(rule, items[n], [own[k] for k in parts])
    score, solid = _overall_and_substance(items)
    return ReportResult(
        path=doc.path, title=doc.title, issuer=doc.issuer, year=doc.year, published=doc.published,
        level=doc.level, chars=doc.chars, score=score, structure=structure,
        items=tuple(items), gaps=gaps(doc, items, evidence), title_year=doc.title_year,
        substance=solid,
        meta=dict(doc.meta, level_sure=doc.level_sure, chrome_lines=list(doc.chrome_lines)),
    )

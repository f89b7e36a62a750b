"""The status and score policy, on hand-built evidence (no reading or matching involved)."""

from __future__ import annotations

from auditor.model import Evidence
from auditor.packs.spec import Facet, Match, Rule
from auditor.scoring import overall, score_item


def rule(facets: tuple[str, ...] = (), applies: frozenset[str] = frozenset({"all"})) -> Rule:
    return Rule(id="enforce.three_systems", title="三项制度", area="五 行政执法", source="纲要 五(三)",
                weight=1.5, key=True, applies_to=applies, type="facets" if facets else "phrases",
                match=Match(any=("三项制度",)),
                facets=tuple(Facet(f, Match(any=(f,))) for f in facets))


def ev(kind: str, score: int = 100, facet: str = "", sid: int = 0, line: int = 1) -> Evidence:
    return Evidence("enforce.three_systems", line, kind, "", "句子", score, facet, sid)


def test_achievement_covers_and_scores_best_evidence() -> None:
    item = score_item(rule(), [ev("achievement", 90, sid=1), ev("achievement", 100, sid=2)], "county")
    assert (item.status, item.score, item.gap_admitted) == ("covered", 100, False)


def test_plan_only_is_planned_with_quarter_credit() -> None:
    item = score_item(rule(), [ev("plan", 100)], "county")
    assert (item.status, item.score) == ("planned", 25)


def test_gap_alone_is_missing_but_admitted() -> None:
    item = score_item(rule(), [ev("gap", 100)], "county")
    assert (item.status, item.gap_admitted, item.score) == ("missing", True, 0)


def test_some_facets_is_partial_and_item_phrase_covers_all() -> None:
    facets = ("公示", "全过程记录", "法制审核")
    part = score_item(rule(facets), [ev("achievement", 100, facet="公示")], "city")
    assert (part.status, part.score, part.facets_found) == ("partial", 33, ("公示",))
    full = score_item(rule(facets), [ev("achievement", 100, facet="")], "city")
    assert full.status == "covered" and full.facets_found == facets


def test_not_applicable_by_level_but_unknown_level_applies() -> None:
    r = rule(applies=frozenset({"province", "city"}))
    assert score_item(r, [ev("achievement")], "county").status == "not_applicable"
    assert score_item(r, [ev("achievement")], None).status == "covered"


def test_overall_is_weighted_over_applicable_items() -> None:
    covered = score_item(rule(), [ev("achievement", 100)], "county")
    missing = score_item(rule(), [], "county")
    na = score_item(rule(applies=frozenset({"province"})), [ev("achievement")], "county")
    assert overall([covered, missing, na]) == 50.0
    assert overall([na]) == 0.0


def test_evidence_is_capped_per_kind_and_ranked() -> None:
    evs = [ev("achievement", 80 + i, sid=i, line=i + 1) for i in range(8)] + [ev("plan", 100, sid=20)]
    item = score_item(rule(), evs, "county")
    kinds = [e.kind for e in item.evidence]
    assert kinds.count("achievement") == 5 and kinds[-1] == "plan"
    assert item.evidence[0].score == 87

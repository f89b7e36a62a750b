"""Matcher semantics on small hand-built packs: `A…B` gaps, `not`, patterns over the joined
text, phrases written with full-width forms, and the terms taught to the segmenter."""

from __future__ import annotations

from auditor.matching import match_document
from auditor.matching.compiled import pack_terms
from auditor.packs.spec import Match, Pack, Rule
from auditor.reading import read_text

TITLE = "某某县2023年法治政府建设情况报告\n一、主要举措和成效\n"


def _pack(match: Match, shortcoming: Match | None = None) -> Pack:
    rule = Rule(id="test.item", title="测试", area="测试", source="测试", weight=1.0, key=False,
                applies_to=frozenset({"all"}), type="phrases", match=match, shortcoming=shortcoming)
    return Pack(id="test", title="测试", version="1", rules=(rule,))


def _hits(match: Match, body: str, shortcoming: Match | None = None) -> list[tuple[str, int]]:
    doc = read_text(TITLE + body)
    return [(e.text, e.offset) for e in match_document(doc, _pack(match, shortcoming))["test.item"]]


def test_gap_phrase_respects_the_gap():
    m = Match(any=("编制…公布",), gap=4)
    assert _hits(m, "编制权责清单并公布。\n") == []  # 5 characters between
    assert _hits(m, "编制清单并公布。\n") == [("编制清单并公布。", 0)]
    # a later occurrence of the first part can still succeed
    text = "编制了很多很多东西，编制清单后公布。"
    assert _hits(m, text + "\n") == [(text, 10)]


def test_not_vetoes_only_its_own_sentence():
    m = Match(any=("权责清单",), not_=("下一步",))
    assert _hits(m, "调整权责清单。下一步将完善制度。\n") == [("调整权责清单。", 2)]


def test_pattern_does_not_match_across_sentences():
    m = Match(patterns=("清单[^，]{0,20}调整",))
    assert _hits(m, "编制权责清单。\n调整机构设置。\n") == []
    # the crossing match must not hide a real one in the next sentence
    assert _hits(m, "清单编制完成。\n清单动态调整。\n") == [("清单动态调整。", 0)]


def test_pattern_anchors_at_sentence_edges():
    m = Match(patterns=("^下放",))
    assert _hits(m, "开展培训。下放执法事项30项。\n") == [("下放执法事项30项。", 0)]


def test_full_width_phrases_match_like_the_report():
    # A pack author types full-width brackets; the report's norm has half-width ones.
    m = Match(any=("村（居）法律顾问",), not_=("（试点）",))
    assert _hits(m, "实现村（居）法律顾问全覆盖。\n") == [("实现村（居）法律顾问全覆盖。", 2)]
    assert _hits(m, "村（居）法律顾问（试点）启动。\n") == []


def test_shortcoming_match_is_used_for_gap_sentences_only():
    m = Match(any=("执法培训",))
    short = Match(any=("执法人员素质",))
    hits = _hits(m, "开展执法培训3次。\n二、存在的不足\n执法人员素质有待提高，执法培训不够。\n", short)
    assert [t for t, _ in hits] == ["开展执法培训3次。", "执法人员素质有待提高，执法培训不够。"]


def test_segmenter_terms_are_keyed_like_report_text():
    pack = _pack(Match(any=("“放管服”改革", "双随机、一公开", "政务...公开", "网上办")))
    assert pack_terms(pack) == ["放管服改革", "双随机一公开", "政务", "公开", "网上办"]

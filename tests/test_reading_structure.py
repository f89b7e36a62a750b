"""The five mandated parts, expected from reading each sample report (shared/spec/structure.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.reading import check_structure, read_path, read_text
from auditor.reading.structure import PART_IDS

REPORTS = Path(__file__).resolve().parents[1] / "reports"

# id -> expected line (None = absent).  Notes on the judgement calls:
# huozhou: 二、…存在的不足 lists gaps without causes (影响了… is a consequence, not a reason).
# luoding: (二) has a paragraph opening on 党政主要负责人履行推进法治建设第一责任人职责 (line 11).
# shanxi: the first-responsible duty is one sentence inside 一、 (passing mention); gaps and plans
#   are a closing prose block (line 42: "还存在一些差距…在下一步工作中认真加以解决", line 44 plans).
# xingguo / docsite: gaps and 下一步 share the closing paragraph; docsite's 第一责任人 line is passing.
EXPECTED = {
    "huozhou-2023.txt": {"achievements": 10, "shortcomings": 42, "shortcoming_reasons": None,
                         "first_responsible": 46, "next_year": 56},
    "luoding-2021.txt": {"achievements": 5, "shortcomings": 51, "shortcoming_reasons": None,
                         "first_responsible": 11, "next_year": 54},
    "shanxi-province-2021.txt": {"achievements": 10, "shortcomings": 42, "shortcoming_reasons": None,
                                 "first_responsible": None, "next_year": 42},
    "xingguo-2023-traditional.txt": {"achievements": 2, "shortcomings": 9, "shortcoming_reasons": None,
                                     "first_responsible": None, "next_year": 9},
    "docsite-province-2021-redacted.txt": {"achievements": 3, "shortcomings": 17, "shortcoming_reasons": None,
                                           "first_responsible": None, "next_year": 17},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_structure(name):
    parts = check_structure(read_path(str(REPORTS / name)))
    assert tuple(p.id for p in parts) == PART_IDS
    got = {p.id.split(".", 1)[1]: (p.line if p.present else None) for p in parts}
    assert got == EXPECTED[name]
    for p in parts:
        assert (p.heading is not None) == p.present
        assert p.present == (p.line is not None)


def test_huozhou_headings():
    parts = {p.id: p for p in check_structure(read_path(str(REPORTS / "huozhou-2023.txt")))}
    assert parts["structure.shortcomings"].heading == "二、推进法治政府建设存在的不足"
    assert parts["structure.first_responsible"].heading.startswith("三、2023年党政主要负责人履行")
    assert parts["structure.next_year"].heading == "四、下一年度工作计划"


def test_prose_blocks_report_their_first_sentence():
    parts = {p.id: p for p in check_structure(read_path(str(REPORTS / "xingguo-2023-traditional.txt")))}
    assert parts["structure.shortcomings"].heading.startswith("雖然我縣法治政府建設")
    assert parts["structure.next_year"].heading.startswith("下一步,我縣將")


def _parts(text: str) -> dict[str, bool]:
    return {p.id.split(".", 1)[1]: p.present for p in check_structure(read_text(text))}


def test_reasons_from_heading():
    got = _parts("一、工作成效\n出台《办法》。推行公示制度。完善审查机制。\n"
                 "二、存在的问题及原因\n执法力量薄弱。")
    assert got["shortcomings"] and got["shortcoming_reasons"]


def test_reasons_from_cause_clauses():
    got = _parts("一、工作成效\n出台《办法》。\n二、存在的不足\n"
                 "基层执法人员业务能力不强，主要是由于培训机会少、人员流动大。\n三、下一步工作安排\n加强培训。")
    assert got == {"achievements": True, "shortcomings": True, "shortcoming_reasons": True,
                   "first_responsible": False, "next_year": True}


def test_reason_words_outside_shortcomings_do_not_count():
    got = _parts("一、工作成效\n由于措施得力，案件数量下降。\n二、存在的不足\n执法力量薄弱。")
    assert got["shortcomings"] and not got["shortcoming_reasons"]


def test_first_responsible_needs_a_dedicated_part():
    passing = _parts("一、加强组织领导\n"
                     "县委高度重视法治建设，县长认真履行推进法治建设第一责任人职责，召开会议三次。")
    assert not passing["first_responsible"]
    block = _parts("一、加强组织领导\n"
                   "县政府主要负责人认真履行推进法治建设第一责任人职责。召开常务会议专题学法4次。")
    assert block["first_responsible"]
    heading = _parts("三、党政主要负责人履行推进法治建设第一责任人职责情况\n召开常务会议专题学法4次。")
    assert heading["first_responsible"]


def test_nothing_but_praise_has_no_shortcomings_or_plans():
    got = _parts("2023年，我县坚持依法行政。\n一、主要举措\n出台《办法》。推行公示制度。完善审查机制。")
    assert got == {"achievements": True, "shortcomings": False, "shortcoming_reasons": False,
                   "first_responsible": False, "next_year": False}


def test_first_responsible_heading_variants():
    from auditor.reading import check_structure, read_text

    for heading in ("三、主要负责人履职情况", "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                    "三、主要领导履行法治建设职责情况"):
        doc = read_text("2023年，我县推进法治政府建设。\n一、主要工作\n开展工作。\n二、存在的问题\n"
                        f"执法人员素质有待提高。\n{heading}\n县长专题研究法治政府建设工作3次。\n")
        assert doc.sections[-1].role == "first_responsible", heading
        part = {p.id: p for p in check_structure(doc)}["structure.first_responsible"]
        assert part.present and part.line == 6, heading

"""Headings, roles, sentences, kinds, chrome and normalisation on real and small texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.reading import read_path, read_text

REPORTS = Path(__file__).resolve().parents[1] / "reports"
SAMPLES = sorted(p.name for p in REPORTS.glob("*.txt"))


@pytest.fixture(scope="module")
def huozhou():
    return read_path(str(REPORTS / "huozhou-2023.txt"))


def test_huozhou_top_level_parts(huozhou):
    top = [(s.line, s.role) for s in huozhou.sections if s.parent is None]
    assert top == [(10, "achievements"), (42, "shortcomings"), (46, "first_responsible"),
                   (56, "next_year"), (68, "other")]


def test_huozhou_subsections_inherit(huozhou):
    by_line = {s.line: s for s in huozhou.sections}
    assert by_line[12].level == 2 and by_line[12].heading == "(一)坚持政治引领,强化党对法治政府建设的全面领导"
    assert by_line[30].heading == "(四)健全制度体系,推进政府治理规范化程序化法治化"  # indented in the file
    for line, role in [(12, "achievements"), (36, "achievements"), (48, "first_responsible"),
                       (54, "first_responsible"), (60, "next_year"), (66, "next_year")]:
        assert by_line[line].role == role
        assert huozhou.sections[by_line[line].parent].level == 1


def test_huozhou_prose_enumerations_are_not_headings(huozhou):
    assert not [s for s in huozhou.sections if s.heading.startswith(("一是", "二是"))]
    assert len(huozhou.sections) == 18


def test_huozhou_sentences(huozhou):
    lines = (REPORTS / "huozhou-2023.txt").read_text(encoding="utf-8").splitlines()
    for s in huozhou.sentences:
        assert s.text in lines[s.line - 1]
    first = huozhou.sentences[0]
    assert first.line == 8 and first.section is None and first.text.startswith("2023年,霍州市法治政府建设")
    gaps = [s for s in huozhou.sentences if s.line == 44]
    assert len(gaps) == 4 and {s.kind for s in gaps} == {"gap"} and {s.role for s in gaps} == {"shortcomings"}
    assert {s.kind for s in huozhou.sentences if s.role == "next_year"} == {"plan"}
    # part 五 "意见建议" lists shortcomings phrased as suggestions
    five = [s for s in huozhou.sentences if s.line == 70]
    assert [s.kind for s in five][:2] == ["gap", "gap"]
    # 将 in the 把 sense is an achievement
    hui = next(s for s in huozhou.sentences if s.text.startswith("将惠民工程作为"))
    assert hui.kind == "achievement"
    fixed = next(s for s in huozhou.sentences if s.text.startswith("通过案件办理"))
    assert fixed.kind == "achievement"


def test_huozhou_chars_excludes_chrome(huozhou):
    raw = (REPORTS / "huozhou-2023.txt").read_text(encoding="utf-8")
    total = len(re.sub(r"\s", "", raw))
    assert 0 < huozhou.chars < total
    chrome = "".join(raw.splitlines()[n - 1] for n in huozhou.chrome_lines)
    assert huozhou.chars <= total - len(re.sub(r"\s", "", chrome))
    assert huozhou.chars > 5000


@pytest.mark.parametrize("name, chrome_lines, words", [
    ("huozhou-2023.txt", {1, 6, 77, 79, 81, 83, 85, 87, 89, 91},
     ("首页", "字体", "网站地图", "主办单位", "ICP", "网站标识码", "公网安备", "分辨率", "适老化",
      "涉密文件")),
    ("shanxi-province-2021.txt", {1, 2, 3, 6, 46}, ("无障碍", "登录", "IPv6", "浏览次数", "信息来源")),
    ("docsite-province-2021-redacted.txt", {1, 18, 19, 20}, ("小编", "相关热词", "求精文档网", "ICP")),
])
def test_chrome_never_becomes_sentences(name, chrome_lines, words):
    doc = read_path(str(REPORTS / name))
    assert chrome_lines <= set(doc.chrome_lines)
    assert not {s.line for s in doc.sentences} & set(doc.chrome_lines)
    assert not [s.text for s in doc.sentences if any(w in s.text for w in words)]


def test_traditional_text_kept_norm_simplified():
    path = REPORTS / "xingguo-2023-traditional.txt"
    doc = read_path(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert doc.sentences[0].text.startswith("2023年以來,我縣堅持")
    assert doc.sentences[0].norm.startswith("2023年以来,我县坚持")
    for s in doc.sentences:
        assert s.text in lines[s.line - 1]
    assert doc.sections[0].heading == "一、強化政治引領,統籌推進法治政府建設縱深發展"
    assert len(doc.sections) == 7 and {s.role for s in doc.sections} == {"achievements"}
    closing = [s for s in doc.sentences if s.line == 9]
    assert [(s.role, s.kind) for s in closing] == [("shortcomings", "gap"), ("next_year", "plan")]


def test_full_width_forms_are_halved_in_norm():
    doc = read_text("２０２３年，我县办理行政复议案件２５件（含撤销２件）；ＡＢＣ　平台上线。")
    assert doc.sentences[0].norm == "2023年,我县办理行政复议案件25件(含撤销2件);"
    assert doc.sentences[1].norm == "ABC 平台上线。"
    assert doc.sentences[0].text.startswith("２０２３年，")


def test_heading_with_text_on_the_same_line():
    doc = read_text("一、依法全面履行政府职能。一是深化放管服改革。出台《清单》，压减事项12项。\n"
                    "(二)法治政府建设稳步争先。出台考评办法。")
    assert [(s.heading, s.level) for s in doc.sections] == [("一、依法全面履行政府职能", 1),
                                                           ("(二)法治政府建设稳步争先", 2)]
    assert [s.text for s in doc.sentences] == [
        "一是深化放管服改革。", "出台《清单》，压减事项12项。", "出台考评办法。"]
    assert [s.section for s in doc.sentences] == [0, 0, 1]


def test_numbered_prose_paragraph_is_not_a_heading():
    text = ("一、学习宣传贯彻习近平法治思想\n"
            "1.7月2日，市委全面依法治市工作会议召开，认真学习贯彻上级有关会议精神，深入分析全面依法治市工作形势，"
            "研究部署重点工作任务。\n2.加强法治督察\n开展法治督察两次。")
    doc = read_text(text)
    assert [s.heading for s in doc.sections] == ["一、学习宣传贯彻习近平法治思想", "2.加强法治督察"]
    assert doc.sentences[0].text.startswith("1.7月2日")


def test_report_without_headings_uses_prose_roles():
    text = ("2023年，我镇认真落实法治政府建设各项任务，出台《合法性审查办法》。全年开展普法活动20场。\n"
            "虽然取得一定成效，但与群众期待还有差距。基层执法人员专业素质不高。\n"
            "下一步，我镇将进一步加强执法队伍建设。力争全年培训两次。\n")
    doc = read_text(text)
    assert doc.sections == ()
    assert [(s.role, s.kind) for s in doc.sentences] == [
        ("achievements", "achievement"), ("achievements", "achievement"),
        ("shortcomings", "gap"), ("shortcomings", "gap"),
        ("next_year", "plan"), ("next_year", "plan"),
    ]


@pytest.mark.parametrize("sentence, kind", [
    ("2023年，我县出台了《行政执法公示办法》。", "achievement"),
    ("下一步，我县将进一步完善行政执法监督机制。", "plan"),
    ("明年将全面推行行政执法三项制度。", "plan"),
    ("基层法治力量仍较薄弱，专业人才短缺。", "gap"),
    ("部分执法人员业务能力有待提高。", "gap"),
    ("行政执法不严格不规范现象依然存在。", "gap"),
    ("将工作任务分解到各乡镇各部门，压实工作责任。", "achievement"),
    ("不断完善行政执法机制，不折不扣落实上级部署。", "achievement"),
    ("坚持问题导向，查找不足，建立问题清单。", "achievement"),
    ("行政复议后起诉率不足10%。", "achievement"),
    ("拟定了《机构改革实施方案》并审议通过。", "achievement"),
    ("拟于明年出台《行政执法监督办法》。", "plan"),
    ("努力争创全国法治政府建设示范市。", "achievement"),
    ("针对检查中存在的问题，制定整改措施。", "achievement"),
])
def test_sentence_kinds(sentence, kind):
    doc = read_text(sentence)
    assert [s.kind for s in doc.sentences] == [kind]


@pytest.mark.parametrize("sentence, kind", [
    # problems solved are achievements, problems left unsolved are gaps
    ("破解了执法力量不足的难题。", "achievement"),
    ("有效缓解基层执法力量不足的问题。", "achievement"),
    ("弥补了执法力量薄弱的短板。", "achievement"),
    ("执法人员不足的问题得到有效解决。", "achievement"),
    ("切实扭转了基层法治力量薄弱的局面。", "achievement"),
    ("有效遏制了执法不规范现象。", "achievement"),
    ("杜绝了执法不严、执法不公现象。", "achievement"),
    ("解决了执法力量不足、人员短缺等问题。", "achievement"),
    ("执法力量不足的问题尚未得到有效解决。", "gap"),
    ("解决问题的能力不足。", "gap"),
    ("难以解决基层执法力量不足的问题。", "gap"),
    ("虽然解决了一些问题，但执法力量仍然不足。", "gap"),
    # 将 as 把 reports done work; a plan adverb or a second 将 keeps the plan
    ("将全面依法治县工作纳入年度考核。", "achievement"),
    ("将法治建设成效作为干部考核的重要内容。", "achievement"),
    ("召开常务会议，研究部署下一阶段重点工作。", "achievement"),
    ("将继续将法治建设纳入考核。", "plan"),
    ("将进一步加强执法监督。", "plan"),
    ("下一阶段，重点推进执法规范化建设。", "plan"),
    ("计划2024年完成全部清理工作。", "plan"),  # the year after the one reported on
])
def test_common_phrasings_are_not_mislabelled(sentence, kind):
    doc = read_text("某某县2023年法治政府建设情况报告\n一、主要举措和成效\n" + sentence)
    assert [s.kind for s in doc.sentences] == [kind]


def test_plan_section_sentence_stays_plan_unless_admitting():
    text = ("一、主要举措和成效\n出台《办法》。\n二、存在的不足\n基层执法力量仍然薄弱。\n"
            "三、下一步工作计划\n补齐基层执法力量不足的短板，加强人员配备。\n针对执法力量薄弱的问题，充实执法人员。")
    doc = read_text(text)
    assert [(s.role, s.kind) for s in doc.sentences] == [
        ("achievements", "achievement"), ("shortcomings", "gap"),
        ("next_year", "plan"), ("next_year", "plan")]


def test_weak_cue_only_counts_in_shortcomings():
    assert read_text("个别单位尚未建立法律顾问制度。").sentences[0].kind == "achievement"
    doc = read_text("一、存在的问题\n个别单位尚未建立法律顾问制度。")
    assert doc.sentences[0].kind == "gap"


@pytest.mark.parametrize("name", SAMPLES)
def test_sentence_lines_match_file(name):
    path = REPORTS / name
    doc = read_path(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert doc.sentences
    for s in doc.sentences:
        assert s.text and s.text in lines[s.line - 1]
        assert s.role in ("achievements", "shortcomings", "first_responsible", "next_year", "other")
        assert s.kind in ("achievement", "plan", "gap")
        assert s.section is None or 0 <= s.section < len(doc.sections)
    for sec in doc.sections:
        assert lines[sec.line - 1].strip().startswith(sec.heading[:4])



def test_late_added_gap_cues_and_their_false_friend():
    from auditor.reading import read_text

    assert read_text("部分群众法治意识淡薄，普法工作流于形式。").sentences[0].kind == "gap"
    cleanup = "对不符合法律法规、不适应经济社会发展需要的规范性文件进行废止。"
    assert read_text(cleanup).sentences[0].kind == "achievement"


def test_numbered_points_written_as_sentences_are_matched_too():
    """Shortcomings and plans are often lists of one-sentence points; losing them as mere
    headings would lose the admitted gaps."""
    from auditor.matching import match_document
    from auditor.packs import load_pack
    from auditor.reading import read_text

    text = ("一、主要成效\n全面落实行政执法三项制度。\n二、存在的问题\n"
            "1. 部分执法人员素质有待提高。\n2. 普法宣传的针对性不强。\n"
            "三、下一步工作安排\n1. 全面推行行政执法三项制度。\n")
    doc = read_text(text)
    assert [(s.line, s.kind) for s in doc.sentences] == [
        (2, "achievement"), (4, "gap"), (5, "gap"), (7, "plan")]
    assert [s.line for s in doc.sections] == [1, 3, 4, 5, 6, 7]  # still headings as well
    ev = match_document(doc, load_pack(None))
    assert {e.line for e in ev["enforce.personnel"] if e.kind == "gap"} == {4}
    assert {e.line for e in ev["capacity.pufa"] if e.kind == "gap"} == {5}
    # A short title without a full stop stays a heading only.
    assert read_text("1. 存在问题\n执法人员素质有待提高。\n").sentences[0].line == 2


def test_sentence_init_sets_every_field() -> None:
    """Sentence writes its fields in one go (document.py): each field is a parameter, in order,
    and the object equals, hashes and prints as the dataclass it is."""
    import dataclasses
    import inspect

    from auditor.reading.document import Sentence
    names = [f.name for f in dataclasses.fields(Sentence)]
    assert list(inspect.signature(Sentence.__init__).parameters)[1:] == names
    a = Sentence("文", "文", 3, None, "achievements", "achievement", act=True, frames=((0, 1),))
    b = Sentence(text="文", norm="文", line=3, section=None, role="achievements", kind="achievement",
                 act=True, frames=((0, 1),), concrete=False, gap_clauses=())
    assert a == b and hash(a) == hash(b) and vars(a) == vars(b)
    assert [getattr(a, n) for n in names] == ["文", "文", 3, None, "achievements", "achievement", True,
                                              ((0, 1),), False, ()]
    assert Sentence("x", "x", 1, 0, "other", "gap").gap_clauses == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.kind = "gap"  # type: ignore[misc]

"""Issue 7 behaviour on text written for these tests: acts vs mentions, whose work it is,
umbrella parts, gap attribution, substance, best evidence, snippets, check, pack errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.matching import match_document
from auditor.model import MENTIONED, ReportResult
from auditor.packs import load_pack, validate_pack
from auditor.pipeline import audit_document
from auditor.reading import read_text
from auditor.snippet import snippet

PACK = load_pack(None)


def audit(text: str, level: str | None = "county") -> ReportResult:
    return audit_document(read_text(text, path="report.txt", level=level), PACK)


def status(result: ReportResult, item: str) -> str:
    return next(i.status for i in result.items if i.id == item)


@pytest.mark.parametrize(("text", "level", "kind"), [
    ("省委、省政府印发《法治政府建设实施方案》，对全省法治政府建设作出部署。", "county", "mention"),
    ("市委、市政府印发《法治政府建设实施方案》，明确年度重点任务。", "department", "mention"),
    ("市委、市政府印发《法治政府建设实施方案》，明确年度重点任务。", "city", "achievement"),
    ("省委、省政府印发《法治政府建设实施方案》后，我县转发并制定实施细则。", "county", "achievement"),
])
def test_superior_body_is_context_unless_own_act(text: str, level: str, kind: str) -> None:
    doc = read_text(text, level=level)
    evidence = match_document(doc, PACK)["leadership.party"]
    assert {e.kind for e in evidence} == {kind}


@pytest.mark.parametrize(("text", "item", "kind"), [
    # the item is named only in what the superior did; the reporter's clause is another matter
    ("省生态环境厅组织开展全省执法案卷评查，我局报送的3卷案卷被评为优秀案卷。",
     "oversight.enforcement_supervision", "mention"),
    ("市委召开会议部署学习习近平法治思想，本局随即组织党组理论学习中心组专题学习2次。",
     "thought.xi_law_thought", "achievement"),  # the reporter takes it up
    ("我局组织开展执法案卷评查，抽查案卷60卷，市司法局对评查结果进行了通报。",
     "oversight.enforcement_supervision", "achievement"),  # own clause first
    ("通过市政府网站公开征求意见30天，收到意见建议46条，经局党组会议集体讨论后报市政府审定。",
     "decision.major_procedure", "achievement"),  # 通过 a portal: the body is no subject
])
def test_item_named_only_in_a_superiors_clause_is_mentioned(text: str, item: str, kind: str) -> None:
    doc = read_text(text, level="department")
    assert {e.kind for e in match_document(doc, PACK)[item]} == {kind}


PREAMBLE = """青峰县2023年法治政府建设年度报告

2023年，青峰县坚持以习近平法治思想为指导，深入推进严格规范公正文明执法，全面推行行政执法三项制度，\
持续深化行政复议体制改革，不断提升依法行政水平。

一、主要举措和成效
（一）全面推行行政执法三项制度
依托县政府网站执法公示专栏，全年公示行政执法信息1200余条。
（二）深入推进行政复议体制改革
全年共受理行政复议申请46件，依法纠错7件，纠错率15.2%。

二、存在的不足
一是部分干部法治意识有待提高，与上级要求还有差距。
二是重大执法决定法制审核力量薄弱，为提高行政复议质量开展的培训不足。
三、下一年度工作安排
下一步，我们将进一步完善执法全过程记录制度。
"""


def test_preamble_and_umbrella_are_mentions_parts_need_their_own_acts() -> None:
    r = audit(PREAMBLE)
    assert status(r, "enforce.publicity") == "covered"  # 公示…1200余条 under the heading
    assert status(r, "enforce.full_record") == "planned"
    assert status(r, "enforce.legal_review") == "missing"  # a gap names it, no act
    # the umbrella: its own phrase only in slogans; one part of three covered -> partial
    assert status(r, "enforce.three_systems") == "partial"
    assert status(r, "dispute.reconsideration") == "covered"
    first = next(i for i in r.items if i.id == "dispute.reconsideration").evidence[0]
    assert "46件" in first.text  # the act sentence, not the preamble's slogan


def test_gap_attributed_to_its_subject_generic_admission_to_none() -> None:
    r = audit(PREAMBLE)
    by_line = {g.text[:4]: g.items for g in r.gaps}
    assert by_line["一是部分"] == ()  # 法治意识有待提高、与上级要求还有差距: generic
    assert "enforce.legal_review" in by_line["二是重大"]
    assert "dispute.reconsideration" not in by_line["二是重大"]  # named, not the subject
    assert next(s for s in r.structure if s.id == "structure.shortcomings").present


def test_substance_counts_items_with_figures_or_named_documents() -> None:
    words = audit("青峰县2023年法治政府建设年度报告\n\n一、主要举措和成效\n"
                  "深入推进行政复议体制改革，充分发挥行政复议主渠道作用。\n"
                  "全面推行行政执法公示制度，不断规范执法行为。\n")
    work = audit("青峰县2023年法治政府建设年度报告\n\n一、主要举措和成效\n"
                 "全年办理行政复议案件25件，纠错3件。\n"
                 "在县政府网站公示行政执法信息1200余条。\n")
    assert words.substance == 0.0
    assert {status(words, "dispute.reconsideration"), status(words, "enforce.publicity")} == {MENTIONED}
    assert work.substance > 0 and status(work, "enforce.publicity") == "covered"
    assert work.score > words.score


def test_snippet_always_shows_the_match() -> None:
    text = ("全年开展执法检查1000次，录入监管行为数据单207条，录入监管行为数据10220次，"
            "法制审核案件112起，核审率达100%。")
    at = text.index("核审率")
    cut = snippet(text, at, 3, 24)
    assert "核审率" in cut and len(cut) <= 24 and cut.startswith("…")
    assert snippet("短句。", 0, 0, 24) == "短句。"
    assert "全年" in snippet(text, 0, 2, 24)


def test_key_item_only_mentioned_fails_check(tmp_path: Path) -> None:
    from auditor.cli import main

    report = tmp_path / "r.txt"
    report.write_text("青峰县2023年法治政府建设年度报告\n\n一、主要举措和成效\n"
                      "全面落实行政执法公示制度，严格规范公正文明执法。\n", encoding="utf-8")
    out = tmp_path / "out.json"
    code = main(["check", str(report), "--level", "county", "-f", "json", "-o", str(out)])
    import json

    rep = json.loads(out.read_text(encoding="utf-8"))["reports"][0]
    msgs = [f["message"] for f in rep["findings"] if f["id"] == "item.missing"
            and f["item"] == "enforce.publicity"]
    assert code == 1 and msgs and "仅提及" in msgs[0]
    assert main(["check", str(report), "--level", "county", "--min-substance", "50",
                 "-f", "json", "-o", str(out)]) == 1
    found = json.loads(out.read_text(encoding="utf-8"))["reports"][0]["findings"]
    assert any(f["id"] == "substance.below_min" for f in found)


def _pack(tmp_path: Path, parts: str) -> Path:
    src = Path(PACK.path)
    dst = tmp_path / "pack"
    dst.mkdir(parents=True)
    for f in src.glob("*.yaml"):
        text = f.read_text(encoding="utf-8")
        if f.name == "05-enforce.yaml":
            text = text.replace("parts: [enforce.publicity, enforce.full_record, enforce.legal_review]",
                                parts)
        (dst / f.name).write_text(text, encoding="utf-8")
    return dst


def test_pack_parts_unknown_item_and_cycle_are_file_line_errors(tmp_path: Path) -> None:
    problems = validate_pack(_pack(tmp_path / "a", "parts: [enforce.publicity, enforce.nothing]"))
    assert len(problems) == 1 and problems[0].path.endswith("05-enforce.yaml") and problems[0].line > 0
    assert "enforce.nothing" in problems[0].message
    cyc = tmp_path / "b"
    dst = _pack(cyc, "parts: [enforce.publicity]")
    f = dst / "05-enforce.yaml"
    text = f.read_text(encoding="utf-8").replace(
        "  - id: enforce.publicity\n", "  - id: enforce.publicity\n    parts: [enforce.three_systems]\n", 1)
    f.write_text(text, encoding="utf-8")
    problems = validate_pack(dst)
    assert any("组成部分成环" in p.message and p.line > 0 for p in problems)


def test_gap_named_only_in_its_purpose_attaches_to_none() -> None:
    r = audit("青峰县2023年法治政府建设年度报告\n\n一、主要举措和成效\n全年办理行政复议案件25件。\n"
              "二、存在的不足\n三是为提高复议办案质量开展的业务培训还不够。\n")
    assert [g.items for g in r.gaps] == [()]
    assert not next(i for i in r.items if i.id == "dispute.reconsideration").gap_admitted


def test_plan_closing_a_paragraph_does_not_swallow_the_next() -> None:
    r = audit("青峰县2023年法治政府建设年度报告\n\n一、主要举措和成效\n"
              "全年办理行政复议案件25件。下一步，将推进复议案件繁简分流。\n"
              "组织开展“八五”普法宣传活动46场，培育“法律明白人”520名。\n")
    assert status(r, "capacity.pufa") == "covered"
    assert status(r, "dispute.reconsideration") == "covered"


def test_status_vocabulary_and_substance_reach_every_output() -> None:
    from auditor.output.records import records
    from auditor.output.tables import CELL_LABELS, STATUS_COLORS, build_tables
    from auditor.output.terminal import render

    r = audit("青峰县2023年法治政府建设年度报告\n\n一、主要举措和成效\n"
              "全面落实行政执法公示制度，严格规范公正文明执法。\n全年办理行政复议案件25件。\n")
    doc = records([r], [], PACK.id, len(PACK.rules))
    rep = doc["reports"][0]
    assert doc["schema"] == "2.0" and rep["substance"] == r.substance
    assert next(i for i in rep["items"] if i["id"] == "enforce.publicity")["status"] == "mentioned"
    assert CELL_LABELS["mentioned"] == "仅提及" and "仅提及" in STATUS_COLORS
    summary = build_tables(doc)[0]
    headers = [c.header for c in summary.columns]
    row = next(iter(summary.rows))
    assert row[headers.index("实绩度")] == r.substance and row[headers.index("仅提及")] >= 1
    card = render(doc, width=120)
    assert "实绩度" in card and "仅提及" in card


@pytest.mark.parametrize(("issuer", "place"), [
    ("河阳市人民政府", "河阳"), ("云岭县石桥镇人民政府", "石桥"), ("岭西省市场监督管理局", "岭西"),
    ("广州市公安局增城区分局", "增城"), ("中共嘉善县委", "嘉善"), (None, None)])
def test_own_place_is_the_last_place_of_the_issuer(issuer: str | None, place: str | None) -> None:
    from auditor.reading.acts import own_place

    assert own_place(issuer) == place


def test_another_places_organ_is_context_ours_and_objects_are_acts() -> None:
    from auditor.reading.acts import is_act

    assert not is_act("平江市住建局年内印发《工程建设领域执法指引》，明确执法程序。", "county", "清溪")
    assert is_act("清溪县住建局年内印发《工程建设领域执法指引》，明确执法程序。", "county", "清溪")
    assert is_act("督促平江市住建局修订执法指引。", "county", "清溪")  # the organ is an object
    # without a known place the old reading stands (one-sentence reports have no issuer)
    assert is_act("平江市住建局年内印发《工程建设领域执法指引》，明确执法程序。", "county", None)


HEADED_PLAN = """河东县人民政府关于2024年度法治政府建设情况的报告
一、主要举措和成效
（一）依法科学民主决策。制定《河东县重大行政决策程序规定》，全年对8项重大行政决策开展合法性审查。
（二）行政复议工作。下一步，我们将推进行政复议体制改革，加强行政复议规范化建设。
（三）政务诚信建设。省委、省政府部署开展政务诚信建设专项行动。下一步，将健全政务失信记录。
"""


def test_a_heading_over_nothing_but_a_plan_is_planned_a_clause_named_in_prose_is_mentioned() -> None:
    """A heading is a label: over a plan alone the item is planned. Named in a sentence of the
    text (a superior's deployment) it reads as under way, and stays mentioned beside a plan."""
    r = audit(HEADED_PLAN)
    assert status(r, "dispute.reconsideration") == "planned"
    assert status(r, "oversight.integrity") == "mentioned"
    assert status(r, "decision.major_procedure") == "covered"

"""Draft hygiene detectors, thresholds and pass/fail, on hand-built documents."""

from __future__ import annotations

import pytest

from auditor.checking.config import CheckConfig
from auditor.checking.findings import threshold_findings
from auditor.checking.policy import passed
from auditor.checking.run import collect
from auditor.model import COVERED, MISSING, PLANNED
from tests.test_check_support import make_doc, make_result

CFG = CheckConfig()


def ids(findings, fid=None):
    return [f.id for f in findings if fid is None or f.id == fid]


def check(text, path="draft.txt", cfg=CFG, result=None, **doc_kw):
    doc = make_doc(text, path=path, **doc_kw)
    return collect(doc, result or make_result(path), cfg)


@pytest.mark.parametrize("text", [
    "制定《**市法治政府建设实施方案》。", "部署*项重点任务，办理建议*件。", "XX县司法局开展培训12次。",
    "20XX年完成审核15件。", "××局印发文件3件。", "印发〔〕号文件5件。", "共审核＿＿件。", "共审核___件。",
    "全年办理案件（此处填写数据）件。", "TODO: 补充执法数据", "执法数据待补充。",
    "以建设更高水平法治**为目标。",
])
def test_placeholder_found(text):
    assert ids(check(text), "draft.placeholder") == ["draft.placeholder"]


@pytest.mark.parametrize("text,path", [
    ("使用大于1366*768分辨率浏览。", "draft.txt"),
    ("**加强领导**，全年培训12次。", "draft.md"),
    ("* 加强领导，全年培训12次。", "draft.md"),
    ("---", "draft.md"),
    ("引进XXL项目与MAXXIS公司合作12个。", "draft.txt"),
    ("制度有待补充完善，全年培训12次。", "draft.txt"),
    ("印发〔2023〕5号文件。", "draft.txt"),
    ("二○二三年十二月，全年培训12次。", "draft.txt"),
    ("面积3×4米。", "draft.txt"),
])
def test_placeholder_not_on_normal_text(text, path):
    assert ids(check(text, path=path), "draft.placeholder") == []


def test_placeholder_gates_hold_every_match():
    """Each pattern's gate (the characters a line must hold to be searched with it) is in every
    match of that pattern, on placeholder lines and on the five sample reports: a gate that missed
    one would silently drop a finding."""
    from pathlib import Path

    from auditor.checking.hygiene import _PLACEHOLDER_GATES, _PLACEHOLDERS

    lines = [
        "制定《**市法治政府建设实施方案》。部署*项重点任务，办理建议＊件。", "XX县、ＸＸ区、xx镇20XX年",
        "××局、ＸＸ局、□□□、〇〇市", "印发〔 〕号、［］、【】、（）、()文件", "共审核＿＿件、___件",
        "全年办理案件（此处填写数据）件，[待核]", "TODO: FIXME TBD 执法数据待补充，待填写",
        *(line for f in sorted((Path(__file__).parents[1] / "reports").glob("*.txt"))
          for line in f.read_text(encoding="utf-8").splitlines()),
    ]
    found = 0
    for pattern, gate in zip(_PLACEHOLDERS, _PLACEHOLDER_GATES, strict=True):
        for line in lines:
            for m in pattern.finditer(line):
                found += 1
                assert gate.search(m.group(0)), (pattern.pattern, line, m.group(0))
    assert found >= 20


def test_placeholder_on_a_line_reading_called_chrome_is_still_a_placeholder():
    found = check("全年办理12件。\nTODO\n使用大于1366*768分辨率可以获得最佳浏览效果", chrome=(2, 3))
    assert [(f.id, f.line) for f in found if f.id in ("draft.placeholder", "draft.page_chrome")] == [
        ("draft.placeholder", 2), ("draft.page_chrome", 3)]


def test_stdin_markdown_detected_by_headings():
    assert ids(check("# 报告\n**加强领导**，办理12件。", path="-"), "draft.placeholder") == []


def test_placeholder_message_names_what_to_search_for():
    (f,) = [f for f in check("部署*项任务，《**市条例》。") if f.id == "draft.placeholder"]
    assert "“*项”" in f.message_zh and "“**市”" in f.message_zh and f.line == 1


def test_title_year_differs_from_body_year():
    text = "市人民政府法治政府建设工作情况(2023年)\n一、主要举措\n全年办理12件。"
    (f,) = [f for f in check(text, year=2022) if f.id == "draft.title_year"]
    assert f.line == 1 and "2023" in f.message_zh and "2022" in f.message_zh
    assert ids(check(text, year=2023), "draft.title_year") == []


def test_outdated_gangyao_only_for_2021_and_later():
    text = "贯彻落实《法治政府建设实施纲要（2015—2020年）》，办理12件。"
    assert ids(check(text, year=2021), "draft.outdated_gangyao") == ["draft.outdated_gangyao"]
    assert ids(check(text, year=2020), "draft.outdated_gangyao") == []


def test_gap_no_cause_when_reasons_part_not_required():
    text = "全年办理12件。\n执法水平有待提高。"
    cfg = CheckConfig(structure=(("shortcoming_reasons", False),))
    result = make_result(missing_parts=("structure.shortcoming_reasons",))
    found = check(text, cfg=cfg, result=result, roles={2: "shortcomings"})
    assert ids(found, "draft.gap_no_cause") == ["draft.gap_no_cause"]
    # required (the default): reported once, as the missing part
    found = check(text, result=result, roles={2: "shortcomings"})
    assert ids(found, "draft.gap_no_cause") == [] and "structure.missing" in ids(found)


def test_gap_too_short_ratio_and_single_vague_point():
    long_ach = "\n".join(["全年办理行政复议案件12件，开展执法培训3次，审核规范性文件15件。"] * 20)
    found = check(long_ach + "\n还有差距。", roles={21: "shortcomings"})
    assert ids(found, "draft.gap_too_short") == ["draft.gap_too_short"]
    found = check("全年办理12件。\n与群众期待还有差距。", roles={2: "shortcomings"})
    (f,) = [f for f in found if f.id == "draft.gap_too_short"]
    assert "笼统" in f.message_zh


def test_no_figures():
    assert ids(check("坚持依法行政，强化执法监督。"), "draft.no_figures") == ["draft.no_figures"]
    for text in ("全年办理案件12件。", "覆盖率达到99.2%。", "举办培训三十余场。", "受理1.5万件。"):
        assert ids(check(text), "draft.no_figures") == [], text


def test_page_chrome_grouped_into_runs():
    text = "全年办理12件。\n网站地图 联系我们\n\n版权所有 2018\n晋ICP备07003720号\n"
    (f,) = [f for f in check(text) if f.id == "draft.page_chrome"]
    assert f.line == 2 and "共3行" in f.message_zh  # where: the location (L2, or ¶/p. for .docx/PDF)


def test_boilerplate_not_also_reported_as_chrome():
    text = "下面是小编为大家整理的工作情况，供大家参考。\n全年办理12件。"
    found = check(text, chrome=(1,))
    assert ids(found, "draft.boilerplate") == ["draft.boilerplate"]
    assert ids(found, "draft.page_chrome") == []


def test_published_late_and_deadline_config():
    text = "时间:2022-08-16\n全年办理12件。"
    (f,) = [f for f in check(text, year=2021, published="2022-08-16") if f.id == "draft.published_late"]
    assert f.line == 1 and "第二十四条" in f.message_zh
    assert ids(check(text, year=2021, published="2022-03-31"), "draft.published_late") == []
    early = CheckConfig(deadline=(3, 1))
    assert ids(check(text, cfg=early, year=2021, published="2022-03-15"), "draft.published_late")
    assert ids(check(text, year=2021, published=None), "draft.published_late") == []


def test_part_order():
    result = make_result(part_lines={"structure.achievements": 1, "structure.shortcomings": 9,
                                     "structure.next_year": 5, "structure.first_responsible": 3})
    (f,) = [f for f in check("全年办理12件。", result=result) if f.id == "draft.part_order"]
    assert f.line == 5 and "（第5行）" in f.message_zh and "（第9行）" in f.message_zh


def test_part_order_names_the_place_in_a_word_file_or_pdf():
    """A .docx or PDF reader counts paragraphs and pages, not the lines of the extracted text."""
    import dataclasses

    result = make_result(part_lines={"structure.achievements": 1, "structure.shortcomings": 9,
                                     "structure.next_year": 5, "structure.first_responsible": 3})
    for locations, want in (({5: {"paragraph": 4}, 9: {"paragraph": 8}}, ("（第4段）", "（第8段）")),
                            ({5: {"page": 1, "page_line": 30}, 9: {"page": 2, "page_line": 7}},
                             ("（第1页第30行）", "（第2页第7行）"))):
        doc = make_doc("全年办理12件。")
        doc = dataclasses.replace(doc, meta={**doc.meta, "locations": locations})
        (f,) = [f for f in collect(doc, result, CFG) if f.id == "draft.part_order"]
        assert all(w in f.message_zh for w in want) and "（第5行）" not in f.message_zh


def test_thresholds_and_required_items():
    result = make_result(score=55.0, items=[("enforce.full_record", True, MISSING),
                                            ("capacity.pufa", True, PLANNED),
                                            ("thought.xi_law_thought", False, MISSING)],
                         missing_parts=("structure.first_responsible",))
    found = threshold_findings(result, CheckConfig(min_score=60))
    assert ids(found) == ["score.below_min", "item.missing", "item.missing", "structure.missing"]
    assert [f.item for f in found if f.id == "item.missing"] == ["enforce.full_record", "capacity.pufa"]
    custom = CheckConfig(required=("thought.xi_law_thought",),
                         structure=tuple((p, False) for p in ("first_responsible",)))
    assert [f.item for f in threshold_findings(result, custom)] == ["thought.xi_law_thought"]


def test_disable_and_severity_overrides():
    cfg = CheckConfig(disable=frozenset({"draft.no_figures"}), severity=(("draft.placeholder", "warning"),))
    found = check("坚持依法行政，XX县。", cfg=cfg)
    assert "draft.no_figures" not in ids(found)
    assert [f.severity for f in found if f.id == "draft.placeholder"] == ["warning"]
    off = CheckConfig(severity=(("draft.placeholder", "off"),))
    assert ids(check("XX县办理12件。", cfg=off), "draft.placeholder") == []


def test_fail_on_and_thresholds():
    warn_only = check("全年办理12件。\n网站地图 联系我们")
    assert passed(warn_only, "error") and not passed(warn_only, "warning")
    result = make_result(items=[("enforce.full_record", True, MISSING)])
    found = collect(make_doc("全年办理12件。"), result, CFG)
    assert not passed(found, "never")  # thresholds fail whatever fail_on says
    fine = collect(make_doc("全年办理12件。"), make_result(items=[("x", True, COVERED)]), CFG)
    assert passed(fine, "error")


def test_finding_lines_agree_with_the_reader_after_a_form_feed(tmp_path):
    """PDF-extracted drafts carry form feeds; str.splitlines() would count them as line breaks
    and every later finding would point one line too far."""
    from datetime import date

    from auditor.checking.run import CheckOptions, check_paths

    draft = tmp_path / "draft.txt"
    draft.write_text("某县2023年法治政府建设情况报告\n\x0c2023年，我县推进法治政府建设。\n"
                     "全年办理行政复议案件**件。\n", encoding="utf-8")
    doc, _ = check_paths([str(draft)], CheckOptions(today=date(2024, 3, 1)))
    lines = {f["line"] for f in doc["reports"][0]["findings"] if f["id"] == "draft.placeholder"}
    assert lines == {3}

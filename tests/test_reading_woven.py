"""Reading rules found on the fourth blind set (tests/dev/heldout4): each general, each with the
text it must get right and the look-alike it must leave alone."""

from __future__ import annotations

import pytest

from auditor.reading import read_text
from auditor.reading.document import Document


def doc(body: str, title: str = "岭西省交通运输厅2021年法治政府建设年度报告") -> Document:
    return read_text(f"{title}\n一、主要举措和成效\n{body}\n", path="report.txt")


def sentence(d: Document, words: str):
    return next(s for s in d.sentences if words in s.text)


def test_a_figure_alone_on_its_line_is_a_table_cell_not_a_heading() -> None:
    d = doc("罚没款（万元）\n9876\n-2.3%\n全面推行行政执法三项制度，全年公示行政处罚信息2.4万条，"
            "对现场检查、调查取证等环节实行全过程音像记录，审核重大执法决定186件。")
    assert all("2.3%" not in sec.heading for sec in d.sections)
    assert sentence(d, "公示行政处罚信息").kind == "achievement"


@pytest.mark.parametrize(("title", "act"), [
    ("岭西省交通运输厅2021年法治政府建设年度报告", True),   # 全省 is the province department's own scope
    ("梧冈县交通运输局2021年法治政府建设年度报告", False),  # for a county bureau it is the province's
])
def test_whole_province_work_is_a_province_departments_own(title: str, act: bool) -> None:
    d = doc("全省交通运输执法机构配备执法记录仪2140台，对现场检查环节实行全过程音像记录。", title)
    assert sentence(d, "执法记录仪").act is act


@pytest.mark.parametrize(("text", "kind"), [
    ("但部分部门重制定、轻清理，2020年以前制定的文件尚未全部完成动态清理。", "gap"),
    ("但受理案件增幅较大，人员力量与办案需求不匹配，部分案件审理周期偏长。", "gap"),
    ("行政复议案件数据目前仍靠各单位人工报送，影响分析研判的及时性和准确性。", "gap"),
    # settled after the turn: work done
    ("但部分单位尚未按期报送，经督促已全部整改到位。", "achievement"),
    # a relative clause with a count describes the object, not a shortfall
    ("对下放的218项执法事项进行评估，建议收回基层难以承接的事项23项。", "achievement"),
])
def test_an_admission_woven_into_the_report_of_work(text: str, kind: str) -> None:
    title = "柘川市司法局2023年法治政府建设年度报告"
    assert sentence(doc(f"全年审核文件120件。{text}", title), text[:6]).kind == kind


@pytest.mark.parametrize(("title", "act"), [
    ("岭西省交通运输厅2021年法治政府建设年度报告", False),  # a department passing on others' figures
    ("河阳市人民政府2021年法治政府建设年度报告", True),      # a government counting its own area
])
def test_figures_reported_by_another_body(title: str, act: bool) -> None:
    d = doc("据省信用办通报，全年归集交通运输领域信用信息112万条。", title)
    assert sentence(d, "信用信息").act is act


def test_a_priority_declared_frames_what_it_names() -> None:
    d = doc("五年来，我市始终把学习贯彻习近平法治思想作为首要政治任务，推动各项目标任务全面完成。",
            "萝湾市人民政府2025年法治政府建设年度报告")
    s = sentence(d, "首要政治任务")
    start = s.norm.index("习近平法治思想")
    assert any(a <= start < b for a, b in s.frames)


@pytest.mark.parametrize(("issuer", "organ"), [
    ("梧冈县人力资源和社会保障局", "人力资源和社会保障"),
    ("岚江市卫生健康委员会", "卫生健康"),
    ("云岫省交通运输厅", "交通运输"),
    ("广州市公安局增城区分局", None),  # nothing left to tell it by
])
def test_a_departments_own_organ(issuer: str, organ: str | None) -> None:
    from auditor.reading.acts import own_organ

    assert own_organ(issuer) == organ


@pytest.mark.parametrize(("text", "act"), [
    ("县审计局对全县就业补助资金开展专项审计，提出意见建议5条。", False),  # a peer's work
    ("县人民法院全年审结劳动争议案件126件。", False),
    ("梧冈县审计局对就业补助资金开展专项审计。", False),
    ("县人社局开展专项检查12次。", True),  # its own short name: 人社 in 人力资源和社会保障
    ("配合县审计局开展就业资金专项审计。", True),  # the peer is the object
    ("县司法局评查指出的3类文书问题，已全部整改到位。", True),  # what the peer found, we fixed
])
def test_a_peer_organ_of_the_same_government_acts_for_itself(text: str, act: bool) -> None:
    d = doc(text, "梧冈县人力资源和社会保障局2023年法治政府建设年度报告")
    assert sentence(d, text[:6]).act is act


def test_a_governments_departments_are_its_own() -> None:
    d = doc("县审计局对全县就业补助资金开展专项审计，提出意见建议5条。",
            "梧冈县人民政府2023年法治政府建设年度报告")
    assert sentence(d, "县审计局").act is True


def test_a_superiors_act_after_a_plan_closing_a_paragraph_is_no_plan() -> None:
    d = doc("全年办理行政复议案件284件，纠错率14.6%。下一步，将全面推行行政复议委员会制度。"
            "司法部部署开展行政裁决工作示范点建设，对各地行政裁决工作提出了新的要求。"
            "继续推进复议规范化建设。", "南陵省人民政府2022年法治政府建设年度报告")
    assert sentence(d, "下一步").kind == "plan"
    superior = sentence(d, "司法部部署")
    assert (superior.kind, superior.act) == ("achievement", False)  # a mention, not our plan


@pytest.mark.parametrize(("text", "act"), [
    ("省法学会行政法学研究会全年举办理论研讨会3场，发表研究论文46篇。", False),
    ("市中级人民法院全年审结一审行政案件612件。", False),
    ("全省各级人民法院审结行政诉讼案件1.2万件。", False),
    ("与省法学会联合举办法治政府建设理论研讨会2场。", True),  # the society is a partner
    ("省律师协会反映的3个问题，已全部整改到位。", True),  # what it raised, we fixed
])
def test_courts_and_societies_act_for_themselves(text: str, act: bool) -> None:
    d = doc(text, "沅梁省人民政府2022年法治政府建设年度报告")
    assert sentence(d, text[:6]).act is act


def test_a_drafts_status_line_is_no_sentence() -> None:
    d = read_text("榆汀区人民政府2023年度法治政府建设情况报告\n（征求意见稿）\n"
                  "一、主要举措和成效\n全年审核规范性文件12件。\n", path="draft.txt")
    assert all("征求意见" not in s.text for s in d.sentences)


@pytest.mark.parametrize(("text", "act"), [
    ("以高质量政府督查推动法治建设各项任务落地落实。", False),  # a means and an aim
    ("以政府督查为抓手推动落实，全年开展专项督查6次。", True),
])
def test_a_means_and_an_aim_is_a_slogan(text: str, act: bool) -> None:
    assert sentence(doc(text, "榆汀区人民政府2023年度法治政府建设情况报告"), text[:6]).act is act


def test_another_places_organ_acts_for_itself_over_a_long_object() -> None:
    d = doc("鹭屿市审计局对我区2022年度财政预算执行情况开展审计，提出审计发现问题12个。",
            "榆汀区人民政府2023年度法治政府建设情况报告")
    assert sentence(d, "审计局").act is False
    d = doc("对鹭屿市审计局审计发现的12个问题，已全部整改到位。",
            "榆汀区人民政府2023年度法治政府建设情况报告")
    assert sentence(d, "审计局").act is True


def test_a_body_we_send_to_is_no_subject() -> None:
    d = doc("制定《应急救援队伍管理办法》，经局政策法规科审核后提交市司法局合法性审核，"
            "印发后报市人民政府备案。", "珂川市应急管理局2023年法治政府建设年度报告")
    s = sentence(d, "应急救援队伍")
    assert s.act and not any(a <= s.norm.index("备案") < b for a, b in s.frames)


def test_work_with_a_figure_then_a_turn_to_a_shortfall_is_two_sentences() -> None:
    text = ("配备执法记录仪96台，执法检查实行全过程音像记录，但执法全过程记录执行还不够到位，"
            "部分执法人员未全程开启记录仪。")
    d = doc(text, "珂川市应急管理局2023年法治政府建设年度报告")
    assert [s.kind for s in d.sentences if s.line == 3] == ["achievement", "gap"]
    # no figure before the turn: one sentence, as before
    d = doc("法治建设取得一定成效，但与上级要求仍有差距。", "珂川市应急管理局2023年法治政府建设年度报告")
    assert len([s for s in d.sentences if s.line == 3]) == 1


def test_a_courts_figures_are_its_own_in_any_report() -> None:
    d = doc("据县人民法院通报，全县行政诉讼案件同比下降12.3%，行政机关负责人出庭应诉率达到100%。",
            "杉口镇人民政府2022年法治政府建设工作报告")
    assert sentence(d, "县人民法院").act is False


@pytest.mark.parametrize(("text", "framed", "free"), [
    ("市政府常务会议全年安排会前学法12次，集中学习了新修订的《行政复议法》《突发事件应对法》"
     "以及《优化营商环境条例》等法律法规。", "优化营商环境", None),
    ("开展《民法典》专题辅导3场，参训干部210人次。", "民法典", None),
    # not studied: the body's own document
    ("制定《优化营商环境条例》实施细则，明确任务42项。", None, "优化营商环境"),
    # a work of theory studied is the study item's own work
    ("坚持常务会议学法制度，专题学习《习近平法治思想概论》。", None, "习近平法治思想"),
])
def test_a_law_studied_is_the_topic_not_the_work(text: str, framed: str | None, free: str | None) -> None:
    from auditor.reading.acts import frames

    spans = frames(text)
    inside = lambda w: any(a <= text.index(w) < b for a, b in spans)  # noqa: E731
    if framed:
        assert inside(framed)
    if free:
        assert not inside(free)


@pytest.mark.parametrize(("title", "own"), [
    ("柳塘区人民政府2023年法治政府建设年度报告", "区政府"),  # the city's congress is above a district
    ("霍州市人民政府2023年法治政府建设年度报告", "市政府"),  # a county-level city's 市人大 is its own
    ("檀州市人民政府2023年法治政府建设年度报告", "市政府"),  # a city's own congress (as heldout8's 县人大)
])
def test_a_congress_checks_its_own_way(title: str, own: str) -> None:
    """A people's congress oversees the government, above it or at its own level: its check is
    its act; what the government files with it is the government's."""
    d = doc("市人大常委会对全市规范性文件开展备案审查专项检查，抽查文件46件。"
            f"{own}制定的规范性文件46件全部报市人大常委会备案。", title)
    assert sentence(d, "专项检查").act is False
    assert sentence(d, "报市人大常委会备案").act is True


def test_own_committees_and_verbs_are_no_other_city() -> None:
    """全面依法治市委员会 and 会议要求市政府… once read as other cities' organs above the
    reporter, making a 设区的市 (tests/dev/heldout7) a county."""
    from pathlib import Path

    from auditor.reading import read_path

    path = Path(__file__).parent / "dev" / "heldout7" / "tanzhou-city-2024.txt"
    assert read_path(str(path)).level == "city"

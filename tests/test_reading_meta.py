"""Title, issuer, year, publication date and level of real reports.

Expected values were written down from reading the reports, not from running the reader.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from auditor.reading import read_path, read_text
from auditor.reading.dates import find_date

REPORTS = Path(__file__).resolve().parents[1] / "reports"
OPENINGS = Path(__file__).resolve().parents[2] / "shared" / "reports" / "openings"
if not OPENINGS.is_dir():  # a worktree elsewhere: the shared material's usual place
    OPENINGS = Path("/work/shared/reports/openings")


def _read(name: str):
    return read_path(str(REPORTS / name))


def test_huozhou_meta():
    doc = _read("huozhou-2023.txt")
    assert doc.title == "霍州市2023年法治政府建设报告"
    assert doc.issuer and "霍州市" in doc.issuer
    assert (doc.year, doc.title_year, doc.published) == (2023, 2023, "2024-01-25")
    # a county-level city under 临汾市: only hints in the text tell, so the level is a guess
    assert (doc.level, doc.level_sure) == ("county", False)


def test_luoding_meta():
    doc = _read("luoding-2021.txt")
    assert doc.title == "罗定市人民政府2021年法治政府建设情况年度报告"
    assert doc.issuer and "罗定市" in doc.issuer
    assert doc.year == 2021
    assert doc.published == "2021-12-31"  # 发布时间 is empty; the signature date counts
    assert (doc.level, doc.level_sure) == ("county", False)


def test_shanxi_meta():
    doc = _read("shanxi-province-2021.txt")
    assert doc.title == "2021年度山西省法治政府建设年度报告"
    assert doc.issuer and "山西省" in doc.issuer
    assert (doc.year, doc.published) == (2021, "2022-08-16")
    assert (doc.level, doc.level_sure) == ("province", True)


def test_xingguo_meta_from_traditional_text():
    doc = _read("xingguo-2023-traditional.txt")
    assert doc.issuer == "兴国县"  # only 我縣 and document names (《興國縣…》) say who wrote it
    assert doc.year == 2023
    assert doc.published is None
    assert doc.level == "county"
    assert "。" not in doc.title and doc.title  # no title line: a fallback, never a body sentence


def test_docsite_redacted_meta():
    doc = _read("docsite-province-2021-redacted.txt")
    # The body opens "2022年，…" and the boilerplate intro says 2023, but the facts never name
    # 2022 and keep naming 2021 (2021年市政府常务会议审议…): a re-dated intro.
    assert doc.year == 2021
    assert doc.title_year == 2023
    assert doc.published is None
    assert doc.issuer is None or "*" not in doc.issuer
    assert doc.level == "province" or not doc.level_sure


def test_title_is_kept_as_written_issuer_is_normalised():
    doc = read_text("興國縣２０２３年法治政府建設情況報告\n2023年，我縣堅持依法行政。")
    assert doc.title == "興國縣２０２３年法治政府建設情況報告"
    assert (doc.issuer, doc.year, doc.title_year) == ("兴国县", 2023, 2023)


@pytest.mark.parametrize("phrase", ["党政主要负责人履行推进法治建设第一责任人职责情况", "加强行政执法监督"])
def test_a_lone_phrase_is_body_text_not_a_title(phrase):
    assert [s.text for s in read_text(phrase).sentences] == [phrase]


def test_level_override_is_sure():
    doc = read_path(str(REPORTS / "huozhou-2023.txt"), level="city")
    assert (doc.level, doc.level_sure) == ("city", True)


@pytest.mark.parametrize("text, level", [
    ("北京市人民政府关于2022年法治政府建设情况的报告\n2022年，北京市坚持依法行政。", "province"),
    ("重庆市人民政府2023年法治政府建设情况报告\n2023年，全市坚持依法行政。", "province"),
    ("天津市静海区2023年法治政府建设情况报告\n2023年，静海区坚持依法行政。", "county"),
    ("延边朝鲜族自治州2023年法治政府建设情况报告\n2023年，全州坚持依法行政。", "city"),
    ("锡林郭勒盟2023年法治政府建设情况报告\n2023年，全盟坚持依法行政。", "city"),
    ("广西壮族自治区人民政府关于2023年度法治政府建设情况的报告\n2023年，自治区坚持依法行政。", "province"),
    ("某某旗2023年法治政府建设情况报告\n2023年，全旗坚持依法行政。", "county"),
    ("某某镇人民政府2023年法治政府建设情况报告\n2023年，我镇坚持依法行政。", "township"),
    ("某某市司法局2023年法治政府建设情况报告\n2023年，我局坚持依法行政。", "department"),
    ("某某省人民政府办公厅2023年法治政府建设情况报告\n2023年，我厅坚持依法行政。", "department"),
])
def test_level_from_issuer(text, level):
    assert read_text(text).level == level


def test_prefecture_city_with_counties_below():
    text = ("某某市2023年法治政府建设情况报告\n2023年，某某市坚持依法行政，督促各区县落实责任，"
            "对县(市、区)政府开展法治督察。")
    doc = read_text(text)
    assert (doc.level, doc.level_sure) == ("city", False)


@pytest.mark.parametrize("text, iso", [
    ("2024年1月25日", "2024-01-25"),
    ("二〇二四年一月二十五日", "2024-01-25"),
    ("二〇二一年十二月三十一日", "2021-12-31"),
    ("发布时间:2023-02-10 15:34:38", "2023-02-10"),
    ("更新时间:2021/03/29 11:30:01", "2021-03-29"),
    ("2024年13月1日", None),
])
def test_dates(text, iso):
    assert find_date(text) == iso


def test_signature_date_in_chinese_numerals():
    text = ("某某县2023年法治政府建设情况报告\n2023年，某某县坚持依法行政，出台多项制度。\n"
            "一、主要举措和成效\n推行行政执法公示制度。\n某某县人民政府\n二〇二四年一月二十五日\n")
    doc = read_text(text)
    assert doc.published == "2024-01-25"
    assert not any("二〇二四" in s.text or s.text == "某某县人民政府" for s in doc.sentences)


# ------------------------------------------------------------------ the 16 openings
def _index() -> list[dict[str, str]]:
    index = OPENINGS / "INDEX.tsv"
    if not index.exists():
        return []
    with index.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# The issuer's core name as the text itself gives it (None: the opening never names the issuer).
CORE = {
    "001_jinghai-2020.txt": "静海区",
    "003_jinghai-2025.txt": "静海区",
    "005_nanchang-county-2019.txt": "南昌县",
    "007_bazhou-2023.txt": "巴州",
    "009_henan-province-2020.txt": None,
    "011_shaanxi-province-2021.txt": "陕西省",
    "013_jinlong-street-2022.txt": "金龙街道",
    "015_liuxia-street-2022.txt": "留下街道",
    "017_lizi-township-fengdu-2025.txt": "栗子乡",
    "019_zhongcun-township-lufeng-2025.txt": "中村乡",
    "021_shaoxing-amr-2023.txt": "市场监管局",
    "023_guangdong-amr-2023.txt": "广东省市场监督管理局",
    "025_lingchuan-education-2025.txt": "陵川县教育局",
    "027_zengcheng-psb-2023.txt": "增城区分局",
    "029_xishui-psb-2023.txt": "习水县公安局",
    "031_jiashan-justice-2021.txt": "嘉善县司法局",
}
CHROME_WORDS = re.compile(
    r"浏览|索引号|所在的?位置|当前位置|发布时间|发布日期|来源:|字体|无障碍|繁体|今天是|点击率|发文字号|成文日期")


@pytest.mark.skipif(not _index(), reason="openings corpus not available")
@pytest.mark.parametrize("row", _index(), ids=lambda r: r["file"])
def test_openings_meta(row):
    path = OPENINGS / row["file"]
    doc = read_path(str(path))
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    if squeeze(row["title"]) in squeeze(path.read_text(encoding="utf-8")):
        assert squeeze(doc.title) == squeeze(row["title"])
    assert doc.year == int(row["report_year"])
    assert doc.level == row["level"]
    core = CORE[row["file"]]
    if core is None:
        assert doc.issuer is None or core in doc.issuer
    else:
        assert doc.issuer and core in doc.issuer
    assert not [s.text for s in doc.sentences if CHROME_WORDS.search(s.norm)]


def test_opening_year_stands_when_the_body_repeats_it():
    from auditor.reading import read_text

    text = ("2023年，我县扎实推进法治政府建设。\n2023年共办理行政复议案件12件。\n"
            "较2022年下降3件，2022年底完成清理。")
    assert read_text(text).year == 2023


# Issue 7: metadata misses seen on real reports (texts written for these tests).
@pytest.mark.parametrize(("text", "year", "level"), [
    ("某某市二〇二三年度法治政府建設年度報告\n\n二〇二三年，我市全年辦理行政復議案件25件。\n", 2023, "city"),
    ("青峰县法治政府建设年度报告\n\n二〇二二年度，我县全年办理行政复议案件25件。\n", 2022, "county"),
    ("清河市生态环境局2023年法治政府建设年度报告\n\n2023年，我局全年办理行政处罚案件120件。\n", 2023,
     "department"),
    ("黔南州市场监督管理局2023年度法治政府建设情况报告\n\n2023年，我局全年办理案件12件。\n", 2023,
     "department"),
    ("青山区教育局2022年法治政府建设工作报告\n\n2022年，我局全年组织培训3次。\n", 2022, "department"),
    ("和平县人民政府关于2023年度法治政府建设情况的报告\n\n2023年，我县全年办理行政复议案件25件。\n", 2023,
     "county"),
    ("临川市2023年法治政府建设情况报告\n\n2023年，我市坚持依法行政。全市9个县（市、区）全部完成赋权。"
     "东乡市委、南城县委、崇仁县委、宜黄县委先后召开专题会议。\n", 2023, "city"),
])
def test_issue7_year_and_level(text: str, year: int, level: str) -> None:
    doc = read_text(text, path="report.txt")
    assert (doc.year, doc.level) == (year, level)


@pytest.mark.parametrize(("title", "body", "level"), [
    # a city devolving its own permits, then listing its own 市级 catalogue: still a city
    ("东岚市人民政府关于2024年度法治政府建设情况的报告\n市委、省人民政府：",
     "全年取消、下放和调整行政许可事项17项，对市级行政许可事项清单实行动态管理。", "city"),
    # no issuer in the title, powers handed down to the cities: a province
    ("2024年度法治政府建设情况报告",
     "将58项省级行政许可事项下放至市级实施，确保放得下、接得住。", "province"),
])
def test_devolving_powers_tells_a_city_from_a_province(title: str, body: str, level: str) -> None:
    assert read_text(f"{title}\n{body}\n").level == level

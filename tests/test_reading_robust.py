"""Inputs real users have that the samples don't show: text extracted from PDFs (form feeds,
hard line breaks, page numbers, control characters), HTML and Markdown markup, damaged GBK,
very long lines; and a property test that reading, matching and scoring never raise."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import AuditorError
from auditor.matching import match_document
from auditor.packs import load_pack
from auditor.pipeline import audit_document
from auditor.reading import check_structure, read_path, read_text
from auditor.scoring import score_report

PACK = load_pack()
HUOZHOU = Path(__file__).resolve().parents[1] / "reports" / "huozhou-2023.txt"

PDF_TEXT = (
    "某某县2023年法治政府建设情况报告\n"
    "一、主要举措和成效\n"
    "全面推行行政执法公示制度、执法全过程记录\n"  # line 3: wrapped mid-sentence
    "制度和重大执法决定法制审核制度。开展普法\n"
    "- 3 -\n"
    "\x0c第3页\n"
    "活动120场。\n"
    "二、存在的不足\n"  # line 8
    "执法人员素质\x07有待提高。\n"
)


def test_form_feed_does_not_shift_line_numbers():
    doc = read_text("某某县2023年法治政府建设情况报告\n一、主要举措和成效\n出台制度。\x0c开展培训。\n"
                    "二、存在的不足\n执法力量薄弱。\n")
    assert [(s.line, s.text) for s in doc.sentences] == [
        (3, "出台制度。"), (3, "开展培训。"), (5, "执法力量薄弱。")]
    assert [s.line for s in doc.sections] == [2, 4]


def test_wrapped_lines_are_one_sentence_on_the_first_line():
    doc = read_text(PDF_TEXT)
    assert [(s.line, s.text) for s in doc.sentences] == [
        (3, "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。"),
        (4, "开展普法活动120场。"),  # joined across the page number lines
        (9, "执法人员素质有待提高。"),  # control character dropped, line kept
    ]
    assert [(s.line, s.role) for s in doc.sections] == [(2, "achievements"), (8, "shortcomings")]
    evidence = match_document(doc, PACK)["enforce.three_systems"]
    assert {e.facet for e in evidence if e.line == 3} >= {"公示", "全过程记录", "法制审核"}


def test_page_numbers_are_not_sentences():
    doc = read_text("某某县2023年法治政府建设情况报告\n一、主要举措和成效\n出台制度。\n— 2 —\n"
                    "第 2 页 共 9 页\n2/9\n17\n开展培训。\n")
    assert [s.text for s in doc.sentences] == ["出台制度。", "开展培训。"]
    assert doc.chrome_lines == ()  # not web chrome: nothing a drafter must be told about


def test_labels_and_enumerations_are_not_joined():
    lines = ["2023年，我县推进法治政府建设。", "加强组织领导",
             "成立法治政府建设领导小组并召开会议研究部署有关工作",
             "二是深化行政执法体制改革。", "主要做法如下：", "出台制度。"]
    doc = read_text("某某县2023年法治政府建设情况报告\n" + "\n".join(lines))
    assert [s.text for s in doc.sentences] == lines


def test_html_entities_breaks_and_tables():
    page = ("<html><body><p>某某县2023年法治政府建设情况报告</p><p>一、主要举措和成效</p>"
            "<p>全面推行行政执法公示制度&nbsp;、&#x6267;法全过程记录制度。<br>开展普法活动。</p>"
            "<table><tr><td>复议案件</td><td>12件</td></tr></table><p>二、存在的不足</p>"
            "<p>执法力量薄弱。</p></body></html>")
    doc = read_text(page, path="r.html")
    texts = [s.text for s in doc.sentences]
    assert "全面推行行政执法公示制度\xa0、执法全过程记录制度。" in texts
    assert "开展普法活动。" in texts
    assert doc.sentences[-1].kind == "gap"


def test_markdown_bold_headings_read_without_asterisks():
    doc = read_text("# 某某县2023年法治政府建设情况报告\n\n**一、主要举措和成效**\n\n"
                    "- 全面推行行政执法三项制度。\n\n**二、存在的不足**\n\n执法人员素质有待提高。\n",
                    path="r.md")
    assert [(s.heading, s.role) for s in doc.sections] == [
        ("一、主要举措和成效", "achievements"), ("二、存在的不足", "shortcomings")]
    assert [s.kind for s in doc.sentences] == ["achievement", "gap"]


def test_gbk_with_a_few_undecodable_bytes_is_still_read(tmp_path):
    text = HUOZHOU.read_text(encoding="utf-8").replace("\xa0", " ").replace("\u2002", " ")
    data = text.encode("gbk", errors="replace")
    target = tmp_path / "damaged.txt"
    target.write_bytes(data[:400] + b"\xff" + data[400:3000] + b"\x81\x20" + data[3000:])
    doc = read_path(str(target))
    assert doc.title == "霍州市2023年法治政府建设报告"
    assert len(doc.sentences) > 80


def test_mixed_full_width_digits_and_year():
    doc = read_text("２０２３年，我县出台规范性文件１２件。\n")
    assert doc.year == 2023
    assert doc.sentences[0].norm == "2023年,我县出台规范性文件12件。"


def test_long_unpunctuated_line_does_not_hang():
    # A hang guard, not a speed test (scripts/bench.py measures speed): the bound is ~30x the
    # linear cost, so only a return of the quadratic `A…B` search or a runaway pattern trips it.
    # A table or PDF dump with no sentence ends: one 200k-character "sentence".
    text = ("全面推行行政执法公示制度加强普法宣传" * 12000)[:200000]
    doc = read_text(text)
    start = time.perf_counter()
    audit_document(doc, PACK)
    assert time.perf_counter() - start < 10


def test_report_of_200k_characters_does_not_hang():
    # Hang guard (see above); the score check is the behaviour under test.
    reports = sorted(HUOZHOU.parent.glob("*.txt"))
    text = ("\n".join(p.read_text(encoding="utf-8") for p in reports) * 10)[:200000]
    start = time.perf_counter()
    result = audit_document(read_text(text), PACK)
    assert time.perf_counter() - start < 15
    assert result.score > 50


def test_file_of_only_headings():
    doc = read_text("一、主要举措和成效\n（一）加强组织领导\n二、存在的不足\n三、下一步工作计划\n")
    result = audit_document(doc, PACK)
    assert result.score == 0
    assert {p.id for p in result.structure if p.present} >= {"structure.shortcomings", "structure.next_year"}


_ALPHABET = st.sampled_from(
    [*"法治政府建设执法监督复议普法不足差距将下一步明年纳入问题解决一二三、。，；：！？（）()“”《》",
     "\n", "\r\n", "\x0c", "\x07", "\t", " ", "&nbsp;", "<br>", "<p>", "**", "# ", "- 3 -", "第3页",
     "１", "2", "2024年", "\ufffd", "\u3000", "…", "|"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join),
       st.sampled_from(["<text>", "r.md", "r.html"]))
def test_reading_matching_scoring_never_raise(text, path):
    try:
        doc = read_text(text, path=path)
    except AuditorError:
        return  # an empty report is refused with a message, which is not a crash
    evidence = match_document(doc, PACK)
    result = score_report(doc, PACK, evidence, check_structure(doc))
    assert 0 <= result.score <= 100
    for evs in evidence.values():
        for e in evs:
            sentence = doc.sentences[e.sentence]
            assert e.text == sentence.text and e.line == sentence.line
            assert 0 <= e.offset <= len(e.text)

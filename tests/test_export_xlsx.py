"""The xlsx and CSV writers, on hand-built ReportResults (no reading, no matching)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from auditor.errors import AuditorError
from auditor.model import Evidence, Gap, ItemResult, ReportError, ReportResult, StructurePart
from auditor.output import cells
from auditor.output.atomic import write_atomic
from auditor.output.csv_out import write_csv
from auditor.output.export import export
from auditor.output.records import records
from auditor.output.tables import STATUS_COLORS, build_tables
from auditor.output.xlsx import write_xlsx

RULES = [
    {"id": "a.one", "title": "第一项", "area": "一 思想引领", "source": "纲要 一", "weight": 1.0,
     "key": True, "applies_to": ["all"]},
    {"id": "a.two", "title": "第二项", "area": "一 思想引领", "source": "纲要 一", "weight": 2.0,
     "key": False, "applies_to": ["all"]},
    {"id": "b.one", "title": "第三项", "area": "二 政府职能", "source": "纲要 二(一)", "weight": 1.0,
     "key": True, "applies_to": ["county", "city"]},
]
LONG = "长" * 40_000


def _item(rule: dict, status: str, score: int, evidence: tuple[Evidence, ...] = (),
          gap: bool = False) -> ItemResult:
    return ItemResult(rule["id"], rule["title"], rule["area"], rule["key"], rule["weight"], status,
                      gap, score, evidence)


def _report(path: str, statuses: tuple[str, str, str], text: str = "加强法治政府建设。",
            gap_admitted: bool = False) -> ReportResult:
    ev = Evidence("a.one", 12, "achievement", "一、主要举措", text, 95)
    items = (_item(RULES[0], statuses[0], 95 if statuses[0] == "covered" else 0,
                   (ev,) if statuses[0] == "covered" else ()),
             _item(RULES[1], statuses[1], 0, gap=gap_admitted),
             _item(RULES[2], statuses[2], 50))
    return ReportResult(
        path=path, title="某县2023年法治政府建设年度报告", issuer="某县人民政府", year=2023,
        published="2024-01-20", level="county", chars=5000, score=47.5,
        structure=(StructurePart("structure.achievements", True, 3, "一、"),
                   StructurePart("structure.shortcomings", False)),
        items=items, gaps=(Gap(40, "=HYPERLINK(\"http://x\")存在不足", ("a.two",)),))


@pytest.fixture
def doc() -> dict:
    reports = [
        _report("in/a.txt", ("covered", "missing", "partial"),
                text="=1+2 公式\x00\x07控制符\x1b保留文字"),
        _report("in/b.txt", ("covered", "missing", "not_applicable"), text=LONG, gap_admitted=True),
        _report("in/c.txt", ("covered", "planned", "covered"), text="-10 开头 +x @y"),
    ]
    d = records(reports, [ReportError("in/bad.bin", "binary file, not a report")], "pack", 3)
    d["rules"] = RULES
    return d


@pytest.fixture
def workbook(doc: dict, tmp_path: Path) -> openpyxl.Workbook:
    out = tmp_path / "audit.xlsx"
    write_atomic(str(out), lambda tmp: write_xlsx(build_tables(doc), tmp))
    return openpyxl.load_workbook(out)


def test_sheets_headers_panes_filters(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == ["总览", "明细", "矩阵", "证据", "不足", "规则", "错误"]
    summary = workbook["总览"]
    headers = [c.value for c in summary[1]]
    for h in ("文件", "标题", "发布单位", "层级", "年度", "总分", "一 思想引领得分", "二 政府职能得分",
              "重点事项数", "重点事项已覆盖", "重点事项覆盖率", "结构部分数", "自认不足数", "逾期公开"):
        assert h in headers
    assert "问题数" not in headers  # no findings in these records
    for ws in workbook:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
    assert workbook["证据"].column_dimensions["H"].width > 50  # the quoted sentence is wide


def test_numbers_stay_numbers(workbook: openpyxl.Workbook) -> None:
    ws = workbook["总览"]
    headers = [c.value for c in ws[1]]
    row = {h: c.value for h, c in zip(headers, ws[2], strict=True)}
    assert row["总分"] == 47.5 and row["年度"] == 2023 and row["字数"] == 5000
    assert row["层级"] == "县级" and row["结构部分数"] == 1
    # counts and shares are numbers, not "1/2" text: key items a.one (covered) and b.one (partial)
    assert row["重点事项数"] == 2 and row["重点事项已覆盖"] == 1 and row["重点事项覆盖率"] == 0.5
    assert ws.cell(2, headers.index("重点事项覆盖率") + 1).number_format == "0.0%"
    published = ws.cell(2, headers.index("发布日期") + 1)
    assert published.is_date and published.value.date() == date(2024, 1, 20)  # a real Excel date
    assert row["逾期公开"] == "否"  # 2024-01-20 is before 2024-04-01
    assert row["一 思想引领得分"] == pytest.approx(31.7)  # (1*95 + 2*0) / 3
    assert row["二 政府职能得分"] == 50.0
    assert isinstance(workbook["证据"]["F2"].value, int)  # line


def test_matrix_statuses_counts_and_colors(workbook: openpyxl.Workbook) -> None:
    ws = workbook["矩阵"]
    headers = [c.value for c in ws[1]]
    assert headers[-3:] == ["a.txt", "b.txt", "c.txt"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    two = {h: c for h, c in zip(headers, rows["a.two"], strict=True)}
    assert [two[n].value for n in ("a.txt", "b.txt", "c.txt")] == ["缺失", "认不足", "仅计划"]
    assert two["缺失"].value == 1 and two["认不足"].value == 1 and two["仅计划"].value == 1
    assert two["缺失率"].value == pytest.approx(2 / 3, abs=1e-4)
    bg = STATUS_COLORS["缺失"][0].lstrip("#")
    assert two["a.txt"].fill.fgColor.rgb.endswith(bg)
    assert two["c.txt"].fill.fgColor.rgb.endswith(STATUS_COLORS["仅计划"][0].lstrip("#"))
    na = {h: c.value for h, c in zip(headers, rows["b.one"], strict=True)}
    assert na["b.txt"] == "不适用" and na["不适用"] == 1


def test_injection_control_chars_and_long_cells(workbook: openpyxl.Workbook) -> None:
    texts = [r[7].value for r in workbook["证据"].iter_rows(min_row=2)]
    assert texts[0] == "'=1+2 公式控制符保留文字"  # neutralised, control chars gone, text kept
    assert texts[1].endswith(cells.CUT_MARKER) and len(texts[1]) == cells.MAX_CELL
    assert texts[2] == "'-10 开头 +x @y"
    assert workbook["不足"]["C2"].value.startswith("'=HYPERLINK")
    assert workbook["错误"]["A2"].value == "in/bad.bin"


def test_csv_has_bom_and_same_tables(doc: dict, tmp_path: Path) -> None:
    written = write_csv(build_tables(doc), str(tmp_path / "csv"))
    names = sorted(Path(p).name for p in written)
    # CSV files are named like the sheets they mirror
    assert names == sorted(f"{s}.csv" for s in ("总览", "明细", "矩阵", "证据", "不足", "规则", "错误"))
    raw = (tmp_path / "csv" / "证据.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(tmp_path / "csv" / "证据.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["文件", "事项编号", "事项", "状态"]
    assert rows[1][7] == "'=1+2 公式控制符保留文字"
    assert rows[1][5] == "12"


def test_findings_column_when_present(doc: dict, tmp_path: Path) -> None:
    doc["reports"][0]["findings"] = [{"id": "hygiene.year"}, {"id": "hygiene.date"}]
    summary = build_tables(doc)[0]
    headers = [c.header for c in summary.columns]
    assert headers[-1] == "问题数"
    rows = list(summary.rows)
    assert rows[0][-1] == 2 and rows[1][-1] is None


def test_sheet_split_on_row_and_column_limits(doc: dict, tmp_path: Path) -> None:
    out = tmp_path / "small.xlsx"
    write_xlsx(build_tables(doc), str(out), max_rows=3)
    wb = openpyxl.load_workbook(out)
    assert wb["证据"].max_row == 3 and wb["证据 (2)"].max_row == 2
    assert wb["证据 (2)"]["A1"].value == "文件"
    write_xlsx(build_tables(doc), str(out), max_cols=15)  # 13 fixed columns + 2 reports a sheet
    wb = openpyxl.load_workbook(out)
    assert wb["矩阵"].cell(1, 15).value == "b.txt"
    assert wb["矩阵 (2)"]["A1"].value == "事项编号"  # fixed columns repeated
    assert wb["矩阵 (2)"].cell(1, wb["矩阵 (2)"].max_column).value == "c.txt"


def test_failed_writer_leaves_no_file(doc: dict, tmp_path: Path) -> None:
    out = tmp_path / "audit.xlsx"
    out.write_bytes(b"old")

    def broken(tmp: str) -> None:
        write_xlsx(build_tables(doc), tmp)
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(str(out), broken)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["audit.xlsx"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("x", encoding="utf-8")
    with pytest.raises(AuditorError):
        write_atomic(str(report), b"data", [str(report)])
    assert report.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")),
                    reason="LibreOffice (libreoffice/soffice) not on PATH")
def test_libreoffice_converts(workbook: openpyxl.Workbook, doc: dict, tmp_path: Path) -> None:
    src = tmp_path / "audit.xlsx"
    write_xlsx(build_tables(doc), str(src))
    office = shutil.which("libreoffice") or shutil.which("soffice")
    utf8_csv = "csv:Text - txt - csv (StarCalc):44,34,76"  # comma, quote, UTF-8
    subprocess.run([office, "--headless", "--convert-to", utf8_csv, "--outdir", str(tmp_path / "lo"),
                    str(src)], check=True, timeout=120, capture_output=True)
    text = (tmp_path / "lo" / "audit.csv").read_text(encoding="utf-8", errors="replace")
    assert "某县2023年法治政府建设年度报告" in text


def _reports() -> list[ReportResult]:
    return [_report("in/a.txt", ("covered", "missing", "partial"), text="=cmd|' /C calc'!A0"),
            _report("in/c.txt", ("covered", "planned", "covered"))]


def test_streamed_export_matches_whole_tables(tmp_path: Path) -> None:
    results = [*_reports(), ReportError("in/bad.bin", "binary file, not a report")]
    count, errors = export(results, RULES, str(tmp_path / "s.xlsx"), str(tmp_path / "stream"), pack="pack")
    assert count == 2 and [e.path for e in errors] == ["in/bad.bin"]
    doc = records(_reports(), errors, "pack", 3)
    doc["rules"] = RULES
    write_csv(build_tables(doc), str(tmp_path / "whole"))
    for name in ("总览", "明细", "矩阵", "证据", "不足", "规则", "错误"):
        assert (tmp_path / "stream" / f"{name}.csv").read_bytes() == \
            (tmp_path / "whole" / f"{name}.csv").read_bytes(), name
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").sheetnames[:3] == ["总览", "明细", "矩阵"]


def test_failed_export_leaves_nothing(tmp_path: Path) -> None:
    def results():
        yield from _reports()
        raise KeyboardInterrupt  # the user presses Ctrl-C halfway

    (tmp_path / "csv").mkdir()
    with pytest.raises(KeyboardInterrupt):
        export(results(), RULES, str(tmp_path / "a.xlsx"), str(tmp_path / "csv"))
    assert [p.name for p in tmp_path.rglob("*")] == ["csv"]


def test_detail_sheet_one_row_per_report_and_item(workbook: openpyxl.Workbook) -> None:
    """明细 answers "which reports miss X" with AutoFilter: one row per report x item."""
    ws = workbook["明细"]
    headers = [c.value for c in ws[1]]
    assert headers == ["文件", "发布单位", "层级", "年度", "事项编号", "事项", "领域", "重点", "状态", "得分",
                       "认不足", "证据行", "证据"]
    rows = [dict(zip(headers, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == 3 * 3  # three reports x three items
    assert ws.auto_filter.ref == f"A1:M{len(rows) + 1}"
    missing = sorted(r["文件"] for r in rows if r["事项"] == "第二项" and r["状态"] == "缺失")
    assert missing == ["in/a.txt"]  # b.txt admits the gap: 认不足 outranks 缺失
    first = rows[0]
    assert first["文件"] == "in/a.txt" and first["层级"] == "县级" and first["年度"] == 2023
    assert first["事项编号"] == "a.one" and first["重点"] == "是" and first["得分"] == 95
    assert first["证据行"] == 12 and first["证据"].startswith("'=1+2")  # neutralised formula
    na = next(r for r in rows if r["状态"] == "不适用")
    assert na["得分"] is None  # not scored, rather than a 0 that reads as a failure
    assert next(r for r in rows if r["文件"] == "in/b.txt" and r["事项编号"] == "a.two")["认不足"] == "是"
    long = next(r for r in rows if r["文件"] == "in/b.txt" and r["事项编号"] == "a.one")
    assert long["证据"] is None or len(long["证据"]) <= 82  # a snippet; the sentence is on 证据
    formula = next(r for r in rows if r["文件"] == "in/c.txt" and r["证据"])
    assert formula["证据"].startswith("'-10")  # cells never become formulas

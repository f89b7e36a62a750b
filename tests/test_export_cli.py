"""`auditor export` and batch `auditor audit` end to end, on copies of the real sample reports."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from auditor.cli import main

REPORTS = Path(__file__).resolve().parent.parent / "reports"
SAMPLES = ("huozhou-2023.txt", "luoding-2021.txt")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    shutil.copy(REPORTS / SAMPLES[0], root / SAMPLES[0])
    shutil.copy(REPORTS / SAMPLES[1], root / "sub" / SAMPLES[1])
    return root


def _with_bad_files(root: Path) -> None:
    (root / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (root / "empty.txt").write_bytes(b"")


def test_export_folder_with_bad_files(corpus: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    _with_bad_files(corpus)
    out = tmp_path / "audit.xlsx"
    rc = main(["export", str(corpus), "-o", str(out), "--csv", str(tmp_path / "csv"), "-j", "2"])
    assert rc == 2  # something could not be read; the rest is exported
    wb = openpyxl.load_workbook(out)
    files = [Path(r[0].value).name for r in wb["总览"].iter_rows(min_row=2)]
    assert sorted(files) == sorted(SAMPLES)
    errors = {Path(r[0].value).name: r[1].value for r in wb["错误"].iter_rows(min_row=2)}
    assert set(errors) == {"binary.txt", "empty.txt"}
    assert all(errors.values())
    assert wb["矩阵"].max_column == 13 + len(SAMPLES)  # 8 status columns since 仅提及
    assert wb["规则"].max_row > 10
    assert (tmp_path / "csv" / "总览.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    err = capsys.readouterr().err
    assert "binary.txt" in err and "审核" not in err  # no progress bar when stderr is not a tty


def test_export_all_good_exits_zero(corpus: Path, tmp_path: Path) -> None:
    assert main(["export", str(corpus), "-o", str(tmp_path / "a.xlsx"), "-q", "-j", "1"]) == 0


@pytest.mark.parametrize("case", ["input", "missing_folder", "no_reports", "no_output", "not_xlsx"])
def test_export_usage_errors_leave_nothing(case: str, corpus: Path, tmp_path: Path) -> None:
    report = corpus / SAMPLES[0]
    before = report.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    args = {
        "input": [str(report), "-o", str(report)],
        "missing_folder": [str(corpus), "-o", str(tmp_path / "nope" / "a.xlsx")],
        "no_reports": [str(empty), "-o", str(tmp_path / "a.xlsx")],
        "no_output": [str(corpus)],
        "not_xlsx": [str(corpus), "-o", str(tmp_path / "a.csv")],
    }[case]
    assert main(["export", *args, "-q"]) == 2
    assert report.read_bytes() == before
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob(".*.tmp"))


def test_export_refuses_output_inside_list(corpus: Path, tmp_path: Path) -> None:
    lst = tmp_path / "list.txt"
    lst.write_text(f"{corpus / SAMPLES[0]}\n", encoding="utf-8")
    before = (corpus / SAMPLES[0]).read_bytes()
    assert main(["export", f"@{lst}", "-o", str(corpus / SAMPLES[0]), "-q"]) == 2
    assert (corpus / SAMPLES[0]).read_bytes() == before


def test_audit_accepts_folders_lists_and_jobs(corpus: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    lst = tmp_path / "list.txt"
    lst.write_text(f"{corpus / 'sub'}\n{corpus / SAMPLES[0]}\n", encoding="utf-8")
    assert main(["audit", f"@{lst}", "-f", "json", "-j", "2", "-q"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [Path(r["path"]).name for r in doc["reports"]] == [SAMPLES[1], SAMPLES[0]]


def test_export_counts_draft_findings(tmp_path: Path) -> None:
    """The 问题数 column carries the findings `auditor check` would print for the same report."""
    out = tmp_path / "a.xlsx"
    assert main(["export", "reports/docsite-province-2021-redacted.txt", "reports/huozhou-2023.txt",
                 "-o", str(out), "-q", "-j", "1"]) == 0
    ws = openpyxl.load_workbook(out)["总览"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    redacted = rows["reports/docsite-province-2021-redacted.txt"]["问题数"]
    assert isinstance(redacted, int) and redacted > rows["reports/huozhou-2023.txt"]["问题数"]
    assert main(["export", "reports/huozhou-2023.txt", "-o", str(out), "-q", "--no-findings"]) == 0
    assert "问题数" not in [c.value for c in openpyxl.load_workbook(out)["总览"][1]]


def test_export_neutralises_file_names_in_every_sheet(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A file name is user data too: in the matrix it is a column *header*, which used to skip
    cells.cell() and land in 矩阵.csv as a live formula."""
    root = tmp_path / "in"
    root.mkdir()
    evil = '=HYPERLINK("http:__x","y").txt'
    shutil.copy(REPORTS / SAMPLES[0], root / evil)
    (root / "+bad.txt").write_bytes(b"")  # unreadable: its name goes to the 错误 sheet
    monkeypatch.chdir(root)
    out, csv_dir = tmp_path / "a.xlsx", tmp_path / "csv"
    assert main(["export", evil, "+bad.txt", "-o", str(out), "--csv", str(csv_dir), "-q", "-j", "1"]) == 2
    for name in ("总览", "明细", "矩阵", "证据", "不足", "错误"):
        with open(csv_dir / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                assert not any(v.startswith(("=", "+", "-", "@")) for v in row), (name, row)
    matrix = openpyxl.load_workbook(out)["矩阵"]
    assert [c.value for c in matrix[1]][-1] == "'" + evil


def test_export_shows_check_waivers(tmp_path: Path) -> None:
    """A waiver in .auditor.yaml shows as 已豁免 in the matrix, and waived findings are counted
    apart (豁免数), not as problems (问题数): the same decision `auditor check` makes."""
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(REPORTS / SAMPLES[0], root / SAMPLES[0])
    csv_dir = tmp_path / "csv"
    assert main(["export", str(root), "--csv", str(csv_dir), "-q", "-j", "1"]) == 0
    before = _csv_rows(csv_dir / "总览.csv")[0]
    (root / ".auditor.yaml").write_text("waive:\n  - id: enforce.full_record\n    reason: 本部门无执法职能\n"
                                        "  - id: draft.page_chrome\n    reason: 网页版\n", encoding="utf-8")
    assert main(["export", str(root), "--csv", str(csv_dir), "-q", "-j", "1"]) == 0
    after = _csv_rows(csv_dir / "总览.csv")[0]
    matrix = {r["事项编号"]: r for r in _csv_rows(csv_dir / "矩阵.csv")}
    assert matrix["enforce.full_record"][SAMPLES[0]] == "已豁免"
    assert matrix["enforce.full_record"]["已豁免"] == "1"
    waived = int(after["豁免数"])
    assert waived >= 2 and int(after["问题数"]) == int(before["问题数"]) - waived


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))

"""Problems found by using the tool as its users do (QA round): each test failed before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from auditor.helpformat import line_starts
from tests.render import run_cli


def _pieces(text: str, width: int) -> list[str]:
    starts = line_starts(text, width)
    return [text[a:b] for a, b in zip([0, *starts], [*starts, len(text)], strict=True)]


def test_a_long_file_name_at_a_line_start_is_wrapped_after_a_separator() -> None:
    assert _pieces("reports/luoding-2021.txt", 19) == ["reports/luoding-", "2021.txt"]
    assert all(cell_len(p) <= 10 for p in _pieces("a" * 37, 10))


@pytest.mark.parametrize("width", [80, 120])
def test_summary_never_breaks_a_year_or_a_file_name_mid_word(width: int) -> None:
    code, out, _err = run_cli("audit", "reports/", "-q", "--width", str(width))
    assert code == 0
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for token in re.findall(r"\S+", "\n".join(lines[1:-1])):  # the table, no title or footer
        if re.fullmatch(r"[\d.]+", token):
            continue  # a score or a count
        assert not re.match(r"\d{1,3}(年|\.txt)", token), token  # …202 / 1年…
        assert not re.search(r"(?<!\d)\d{1,3}$", token), token


def _html(path: str, out: Path) -> str:
    code, _out, err = run_cli("audit", path, "-f", "html", "-o", str(out))
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def test_html_not_applicable_item_shows_a_dash_not_zero(tmp_path: Path) -> None:
    page = _html("reports/huozhou-2023.txt", tmp_path / "h.html")
    row = re.search(r'id="item-system\.legislation".*?class="iscore"[^>]*>([^<]*)<', page, re.S)
    assert row and row.group(1) == "—"


def test_html_of_a_docx_shows_headings_without_markdown_marks(tmp_path: Path) -> None:
    from tests.test_formats import _body, make_docx

    lines, _doc = _body("huozhou-2023.txt")
    page = _html(str(make_docx(lines, tmp_path / "r.docx")), tmp_path / "r.html")
    text = page[page.index('<div class="lines"'):]
    assert "## " not in text and "# " not in re.sub(r"<[^>]+>", "", text).replace("&#", "")
    rows = re.findall(r'<div class="ln heading"[^>]*>(.*?)</div>', text)
    headings = [re.sub(r"<[^>]+>", "", m) for m in rows]
    assert any(h.startswith("坚持政治引领") for h in headings), headings[:3]  # bold, no "## "


def _corrupt(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04" + b"garbage" * 50)
    return bad


def test_audit_of_only_bad_input_prints_one_line_and_keeps_an_earlier_output(tmp_path: Path) -> None:
    bad = _corrupt(tmp_path)
    code, out, err = run_cli("audit", str(bad), "--width", "80")
    assert code == 2 and out == "" and err.count("\n") == 1 and "bad.docx" in err
    for fmt, name in (("scorecard", "earlier.txt"), ("json", "earlier.json")):
        earlier = tmp_path / name
        earlier.write_text("an earlier result", encoding="utf-8")
        code, _out, err = run_cli("audit", str(bad), "-f", fmt, "-o", str(earlier))
        assert code == 2 and earlier.read_text(encoding="utf-8") == "an earlier result", fmt
    code, out, _err = run_cli("audit", str(bad), "-f", "json")  # a JSON reader still gets errors[]
    assert code == 2 and '"errors"' in out


def test_export_of_only_bad_input_keeps_the_reviewers_workbook(tmp_path: Path) -> None:
    bad = _corrupt(tmp_path)
    book = tmp_path / "results.xlsx"
    book.write_bytes(b"last week's workbook")
    code, _out, err = run_cli("export", str(bad), "-o", str(book), "--csv", str(tmp_path / "csv"))
    assert code == 2 and "bad.docx" in err and "未写入任何文件" in err
    assert book.read_bytes() == b"last week's workbook"
    assert not (tmp_path / "csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "results.xlsx"]  # no temp file
    code, _out, _err = run_cli("export", str(bad), "reports/huozhou-2023.txt", "-o", str(book), "-q")
    assert code == 2 and book.read_bytes().startswith(b"PK")  # one good report: written


def test_header_facts_wrap_flush_left_under_the_border() -> None:
    import json

    from auditor.output.terminal import render

    doc = json.loads(run_cli("audit", "reports/luoding-2021.txt", "-f", "json")[1])
    doc["reports"][0]["issuer"] = "广东省云浮市罗定市人民政府办公室法治政府建设工作领导小组"
    out = render(doc, width=80)
    panel = out[:out.index("╰")].splitlines()
    assert panel[2].startswith("│ ") and not panel[2].startswith("│  "), panel[2]
    assert "2021-12-31" in panel[1] + panel[2]


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_a_list_saved_by_notepad_in_any_encoding_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         encoding: str) -> None:
    import shutil

    from auditor.batch import expand_inputs

    shutil.copy("reports/huozhou-2023.txt", tmp_path / "霍州市报告.txt")
    (tmp_path / "清单.txt").write_bytes("霍州市报告.txt\r\n".encode(encoding))
    monkeypatch.chdir(tmp_path)
    assert expand_inputs(["@清单.txt"]) == ["霍州市报告.txt"]


def test_a_list_that_is_a_folder_or_binary_is_one_chinese_line(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00")
    for arg in (f"@{tmp_path}", f"@{tmp_path / 'bin.txt'}"):
        code, _out, err = run_cli("audit", arg)
        assert code == 2 and err.count("\n") == 1 and "清单" in err
        assert not re.search(r"[A-Za-z]{4,}", err.split(": ", 2)[-1]), err  # no Python error text


def test_detail_sheet_locates_pdf_and_docx_evidence_like_the_evidence_sheet(tmp_path: Path) -> None:
    import openpyxl

    from tests.test_formats import _body, make_docx, make_pdf

    lines, _doc = _body("huozhou-2023.txt")
    pdf, docx = make_pdf(lines, tmp_path / "r.pdf"), make_docx(lines, tmp_path / "r.docx")
    book = tmp_path / "out.xlsx"
    code, _out, err = run_cli("export", str(pdf), str(docx), "-o", str(book), "-q")
    assert code == 0, err
    wb = openpyxl.load_workbook(book)
    first_ev = {}
    for row in wb["证据"].iter_rows(min_row=2, values_only=True):
        first_ev.setdefault((row[0], row[1]), row[5])
    detail = [r for r in wb["明细"].iter_rows(min_row=2, values_only=True) if r[11] is not None]
    assert detail and all(r[11] == first_ev[(r[0], r[4])] for r in detail)
    assert {str(r[11])[:1] for r in detail} == {"p", "¶"}


def test_html_format_says_what_the_other_formats_say(tmp_path: Path) -> None:
    """Tracked changes accepted, not a report, files skipped: on stderr for -f html too."""
    from tests.test_formats import _body, make_docx

    lines, _doc = _body("huozhou-2023.txt")
    folder = tmp_path / "in"
    folder.mkdir()
    make_docx(lines, folder / "draft.docx", tracked=True)
    (folder / "notes.md").write_text("hello world, this is not a report\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG")
    code, _out, err = run_cli("audit", str(folder), "-f", "html", "-o", str(tmp_path / "site"), "-q")
    assert code == 0, err
    assert "draft.docx: 注意：文档含修订痕迹" in err
    assert "notes.md: 警告：看起来不像" in err
    assert "跳过 1 个" in err


@pytest.mark.parametrize("width", [80, 120, 160])
@pytest.mark.parametrize("pack", ["gangyao-2021-2025", "gangyao-2021-2025-department"])
def test_rules_list_shows_every_title_and_source_whole(pack: str, width: int) -> None:
    from auditor.packs import load_pack

    code, out, err = run_cli("rules", "list", "--pack", pack, "--width", str(width))
    assert code == 0, err
    assert max(cell_len(line) for line in out.splitlines()) <= width
    flat = re.sub(r"\s+", "", out)
    for rule in load_pack(pack).rules:
        # (a wrapped cell interleaves with its neighbours: its first line is what we can find)
        assert rule.title[:5] in flat, (rule.id, width)
        assert rule.source.split()[0] in flat, (rule.id, width)


@pytest.mark.parametrize(("name", "content", "words"), [
    ("empty.pdf", b"", "空文件"),
    ("empty.docx", b"  \n", "空文件"),
    ("noise.docx", bytes(range(256)) * 12, "无法识别的二进制数据"),
    ("noise.pdf", bytes(range(256)) * 12, "无法识别的二进制数据"),
    ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "损坏的 PDF（文件不完整"),
])
def test_empty_noise_or_cut_file_is_not_called_plain_text(tmp_path: Path, name: str, content: bytes,
                                                           words: str) -> None:
    target = tmp_path / name
    target.write_bytes(content)
    code, out, err = run_cli("audit", str(target))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert words in err and "请改名为" not in err and str(target) in err
    assert target.read_bytes() == content


def test_rules_docs_into_a_file_or_a_missing_parent_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    afile = tmp_path / "report.txt"
    afile.write_text("报告", encoding="utf-8")
    for target in (afile, tmp_path / "no" / "such" / "dir"):
        code, _out, err = run_cli("rules", "docs", "-o", str(target))
        assert code == 2 and err.count("\n") == 1 and str(target) in err
    assert afile.read_text(encoding="utf-8") == "报告"


def test_html_report_without_a_title_says_unrecognised_not_its_file_name(tmp_path: Path) -> None:
    page = _html("reports/xingguo-2023-traditional.txt", tmp_path / "x.html")
    assert re.search(r"<h1>未识别</h1>", page)
    assert "<title>reports/xingguo-2023-traditional.txt · " in page  # the tab tells files apart
    site = tmp_path / "site"
    code, _out, err = run_cli("audit", "reports/", "-f", "html", "-o", str(site), "-q")
    assert code == 0, err
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="xingguo-2023-traditional\.html">未识别</a>', index)


def test_scorecard_redirected_on_a_gbk_console_is_written_not_a_traceback() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "gbk", "NO_COLOR": "1"}
    for args in (["reports/huozhou-2023.txt", "--width", "80"], ["reports/", "-q"]):
        proc = subprocess.run([sys.executable, "-m", "auditor", "audit", *args], capture_output=True,
                              env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode("gbk", "replace")
        out = proc.stdout.decode("gbk")
        assert "Traceback" not in proc.stderr.decode("gbk", "replace")
        if "--width" in args:
            assert "√ 举措和成效" in out and "× 不足的原因" in out


def test_scorecard_can_leave_bad_inputs_to_stderr_on_a_terminal(tmp_path: Path) -> None:
    import json

    from auditor.output.terminal import render

    bad = _corrupt(tmp_path)
    code, out, _err = run_cli("audit", "reports/huozhou-2023.txt", str(bad), "-f", "json")
    doc = json.loads(out)
    assert code == 2 and doc["errors"]
    assert "bad.docx" in render(doc, width=80)  # a file or a pipe keeps the record
    assert "bad.docx" not in render(doc, width=80, errors=False)


def test_files_left_out_by_glob_are_not_called_unsupported(tmp_path: Path) -> None:
    import shutil

    shutil.copy("reports/huozhou-2023.txt", tmp_path / "a.txt")
    shutil.copy("reports/luoding-2021.txt", tmp_path / "b.TXT")
    code, _out, err = run_cli("audit", str(tmp_path), "--glob", "a*", "-q", "-v")
    assert code == 0, err
    assert "b.TXT: 已跳过：不符合 --glob 模式" in err and "不支持" not in err
    assert err.splitlines()[-1] == "auditor: 已审核 1 份，跳过 1 个：不符合 --glob 模式"


def test_no_line_ends_with_an_opening_bracket() -> None:
    from auditor.helpformat import wrap

    assert wrap("一二三四五六七（八九", 16) == ["一二三四五六七", "（八九"]
    assert _pieces("一二三四五六七（八九", 16) == ["一二三四五六七", "（八九"]
    assert _pieces("一二三四五六七八（九）十", 16) == ["一二三四五六七八", "（九）十"]


def test_html_text_heading_names_what_the_margin_shows(tmp_path: Path) -> None:
    from tests.test_formats import _body, make_docx, make_pdf

    lines, _doc = _body("huozhou-2023.txt")
    cases = [("reports/huozhou-2023.txt", "左侧为行号"),
             (str(make_docx(lines, tmp_path / "r.docx")), "左侧为段落号"),
             (str(make_pdf(lines, tmp_path / "r.pdf")), "左侧为页码和页内行号")]
    for n, (path, words) in enumerate(cases):
        assert words in _html(path, tmp_path / f"{n}.html"), path


def test_os_errors_read_in_chinese(tmp_path: Path) -> None:
    code, _out, err = run_cli("check", "reports/huozhou-2023.txt", "--baseline", str(tmp_path / "none.json"))
    assert code == 2 and "没有这个文件或文件夹" in err and "No such file" not in err


def test_github_and_sarif_do_not_pin_pdf_findings_to_lines_of_the_pdf_file(tmp_path: Path) -> None:
    import json

    from tests.test_formats import make_pdf

    lines = [line.strip() for line in Path("reports/luoding-2021.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip()]
    pdf = make_pdf(lines, tmp_path / "luoding.pdf")
    _code, out, _err = run_cli("check", str(pdf), "-f", "github")
    chrome = next(x for x in out.splitlines() if "draft.page_chrome" in x)
    assert ",line=" not in chrome and re.search(r"::p\.\d+:\d+ \S", chrome)
    _code, out, _err = run_cli("check", str(pdf), "-f", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    placed = [r for r in results if r["properties"]["findingId"] == "draft.page_chrome"]
    assert placed and all("region" not in r["locations"][0]["physicalLocation"] for r in placed)
    assert all(r["message"]["text"].startswith("p.") for r in placed)
    _code, out, _err = run_cli("check", "reports/luoding-2021.txt", "-f", "github")  # text: lines stay
    assert re.search(r"file=reports/luoding-2021\.txt,line=\d+,title=draft\.page_chrome", out)


def test_html_to_a_terminal_asks_for_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io
    import sys

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    from auditor.cli import main

    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["audit", "reports/huozhou-2023.txt", "-f", "html"]) == 2
    assert sys.stdout.getvalue() == "" and "-o" in err.getvalue() and err.getvalue().count("\n") == 1
    assert main(["audit", "reports/huozhou-2023.txt", "-f", "html", "-o", str(tmp_path / "r.html")]) == 0


def test_check_findings_of_a_pdf_do_not_name_a_text_line_that_points_nowhere(tmp_path: Path) -> None:
    from tests.test_formats import make_pdf

    lines = [line.strip() for line in Path("reports/luoding-2021.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip()]
    pdf = make_pdf(lines, tmp_path / "luoding.pdf")
    _code, out, _err = run_cli("check", str(pdf))
    chrome = [line for line in out.splitlines() if "draft.page_chrome" in line]
    assert chrome and all(re.match(r".*luoding\.pdf:p\.\d+:\d+: ", line) for line in chrome)
    assert not any(re.search(r"第\d+(–\d+)?行", line) for line in chrome), chrome

"""The scorecard as a reviewer sees it in a narrow window, the batch summary, and inputs that are
not reports. Real sample reports; widths of an office PC's terminal."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from auditor.output.terminal import snip_cells
from tests.render import ROOT, run_cli

HUOZHOU = "reports/huozhou-2023.txt"
KEY_TITLES = ["行政规范性文件备案审查", '全面推行行政执法"三项制度"',
              "党政主要负责人履行推进法治建设第一责任人职责", "八五普法与普法责任制"]


def _scorecard(width: int, *paths: str) -> str:
    code, out, err = run_cli("audit", *(paths or (HUOZHOU,)), "--width", str(width))
    assert code == 0, err
    return out


@pytest.mark.parametrize("width", [60, 80, 120])
def test_nothing_essential_is_cut(width: int) -> None:
    out = _scorecard(width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    flat = re.sub(r"[│ \n]+", "", out)  # names may wrap: join the lines back
    for title in KEY_TITLES:
        assert title.replace(" ", "") in flat, title
    assert "…:" not in out  # no key-item name truncated before its status
    for line in out.splitlines():  # a structure mark never parts from its label
        assert not re.search(r"[✔✘]\s*[│]?\s*$", line), line
    assert "✘ 不足的原因" in out and "✔ 第一责任人职责" in out
    legend = [line for line in out.splitlines() if line.startswith("图例：")]
    assert len(legend) == 1 and all(w in legend[0] for w in ("★", "认不足", "分", "—"))


def test_not_applicable_shows_a_dash_not_zero() -> None:
    row = next(line for line in _scorecard(80).splitlines() if line.startswith("不适用"))
    assert "加强重要领域立法与立法机制" in row and row.rstrip().endswith("—")


@pytest.mark.parametrize("width", [80, 120])
def test_evidence_keeps_thirty_characters_around_the_hit(width: int) -> None:
    """The item's best evidence (a 习近平法治思想 training sentence); the snippet shows the hit
    with context."""
    out = _scorecard(width)
    doc = json.loads(run_cli("audit", HUOZHOU, "-f", "json")[1])
    first = next(i for i in doc["reports"][0]["items"] if i["id"] == "thought.xi_law_thought")["evidence"][0]
    loc = f"L{first['line']} "
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "学习贯彻习近平法治思想" in line)
    block = "".join(line.strip() for line in lines[start:start + 3])
    m = re.search(loc + r"(…?)(\S+)", block)
    assert m and "习近平法治思想" in m.group(2)
    shown = re.sub(r"[…\s]", "", block[block.index(loc) + len(loc):].split("二 政府机构职能")[0])
    shown = shown.replace("分", "").replace("100", "")
    assert len(shown) >= 30


def test_snippet_centres_on_the_offset() -> None:
    text = "甲" * 100 + "重点词语" + "乙" * 100
    snip = snip_cells(text, 60, at=100, length=4)
    assert "重点词语" in snip and snip.startswith("…") and snip.endswith("…") and cell_len(snip) <= 60
    assert snip_cells("短句。", 60) == "短句。"
    tail = snip_cells(text, 60, at=len(text) - 3)
    assert tail.startswith("…") and tail.endswith("乙") and cell_len(tail) >= 59  # the window is filled


def test_gaps_table_shows_item_titles_not_ids() -> None:
    out = _scorecard(80)
    gaps = out[out.index("自认不足（"):]
    assert "法治能力培训与法治工作队伍" in gaps and "capacity.training" not in gaps
    assert not re.search(r"\b[a-z]+\.[a-z_]+\b", gaps)


def test_columns_is_honoured_when_piped() -> None:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("AUDITOR_LANG", None)
    run = subprocess.run([sys.executable, "-m", "auditor", "audit", HUOZHOU], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=60)
    assert run.returncode == 0
    assert max(cell_len(line) for line in run.stdout.splitlines()) == 80


def test_many_reports_end_with_a_summary_sorted_by_score() -> None:
    out = _scorecard(100, "reports/")
    assert out.count("╭─") == 5
    summary = out[out.index("汇总（5 份报告"):]
    rows = [line for line in summary.splitlines() if line.startswith("reports/")]
    scores = [float(re.search(r"\s(\d+\.\d)\s", r).group(1)) for r in rows]
    assert len(rows) == 5 and scores == sorted(scores)
    for head in ("文件", "标题", "总分", "重点未覆盖", "自认不足", "逾期公开"):
        assert head in summary
    luoding = next(r for r in rows if "luoding" in r)
    doc = json.loads(run_cli("audit", "reports/luoding-2021.txt", "-f", "json")[1])["reports"][0]
    gaps = len(doc["gaps"])
    key_missing = sum(i["key"] and i["status"] not in ("covered", "not_applicable") for i in doc["items"])
    assert re.search(rf"{doc['score']:.1f}\s+{key_missing}\s+{gaps}\s+否", luoding)
    shanxi = next(r for r in rows if "shanxi" in r)
    assert shanxi.rstrip().endswith("是")  # published after 4月1日 of the following year
    assert "未识别" in next(r for r in rows if "xingguo" in r)  # no title: never the file name


def test_quiet_prints_only_the_summary() -> None:
    code, out, err = run_cli("audit", "reports/", "-q", "--width", "100")
    assert code == 0 and out.startswith("汇总（5 份报告") and "╭─" not in out and err == ""


def test_report_without_title_shows_unrecognised() -> None:
    out = _scorecard(80, "reports/xingguo-2023-traditional.txt")
    assert out.startswith("╭─ 未识别 ─") and "xingguo" not in out.splitlines()[0]
    doc = json.loads(run_cli("audit", "reports/xingguo-2023-traditional.txt", "-f", "json")[1])
    assert doc["reports"][0]["title"] == "" and doc["reports"][0]["warnings"] == []


@pytest.mark.parametrize("text, reasons", [
    ("This is an annual report of the city council on road maintenance and parks.\n" * 30,
     ["little_chinese", "no_title", "no_evidence"]),
    ("霍州市2023年法治政府建设报告\n", ["little_chinese"]),
])
def test_input_that_is_no_report_is_audited_with_one_warning(tmp_path: Path, text: str,
                                                             reasons: list[str]) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("audit", str(path), "-f", "json")
    assert code == 0  # still audited: a warning, not an error
    rep = json.loads(out)["reports"][0]
    assert [w["id"] for w in rep["warnings"]] == ["not_a_report"]
    assert all(r in rep["warnings"][0]["reasons"] for r in reasons)
    assert err.count("\n") == 1 and err.startswith(f"auditor: {path}: 警告：看起来不像法治政府建设年度报告")


def test_check_warns_too(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text("Quarterly parks and roads update for the council.\n" * 20, encoding="utf-8")
    code, out, err = run_cli("check", str(path), "-f", "json")
    assert code in (0, 1) and json.loads(out)["reports"][0]["warnings"][0]["id"] == "not_a_report"
    assert err.startswith(f"auditor: {path}: 警告：") and err.count("\n") == 1


def test_export_lists_the_warning_on_the_summary_sheet(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("Quarterly parks and roads update for the council.\n" * 20, encoding="utf-8")
    code, _, _ = run_cli("export", str(odd), HUOZHOU, "--csv", str(tmp_path / "csv"), "-q")
    assert code == 0
    with open(tmp_path / "csv" / "总览.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["文件"]: r for r in csv.DictReader(fh)}
    assert rows[str(odd)]["输入警告"].startswith("看起来不像法治政府建设年度报告")
    assert rows[HUOZHOU]["输入警告"] == ""


def test_markup_heavy_html_of_a_real_report_raises_no_warning(tmp_path: Path) -> None:
    """The share of Chinese is taken over the text as read, not the raw bytes of a web page."""
    lines = Path(HUOZHOU).read_text(encoding="utf-8").splitlines()
    body = "".join(f'<p class="MsoNormal" style="text-indent:2em;font-family:FangSong">'
                   f'<span lang="EN-US">{html.escape(line)}</span></p>\n' for line in lines)
    page = tmp_path / "r.html"
    page.write_text("<html><head><script>" + "var x = 1;" * 500 + "</script></head><body>" + body
                    + "</body></html>", encoding="utf-8")
    code, out, err = run_cli("audit", str(page), "-f", "json")
    assert code == 0 and err == "" and json.loads(out)["reports"][0]["warnings"] == []


def test_real_reports_raise_no_warning() -> None:
    code, out, err = run_cli("audit", "reports/", "-f", "json")
    assert code == 0 and err == ""
    assert all(r["warnings"] == [] for r in json.loads(out)["reports"])


def test_scorecard_in_a_real_80_column_terminal(tmp_path: Path) -> None:
    """tmux: the scorecard as a person sees it in an 80x50 window (stdout is the terminal, so
    the width comes from the window itself, not from --width or COLUMNS)."""
    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed (.ci/run installs it with apt-get when it can)")
    session = f"auditor-test-{os.getpid()}"
    done = tmp_path / "done"
    cmd = f"cd {ROOT} && {sys.executable} -m auditor audit {HUOZHOU} --no-color; touch {done}; sleep 30"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
    subprocess.run(["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", "80", "-y", "50",
                    cmd], check=True, env=env, timeout=30)
    try:
        for _ in range(300):
            if done.exists():
                break
            time.sleep(0.1)
        assert done.exists(), "the audit did not finish in tmux"
        screen = subprocess.run(["tmux", "-L", session, "capture-pane", "-p", "-S", "-", "-t", session],
                                capture_output=True, text=True, check=True, timeout=30).stdout
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], capture_output=True, timeout=30)
    lines = screen.splitlines()
    assert lines[0].startswith("╭─ 霍州市2023年法治政府建设报告")
    assert all(cell_len(line) <= 80 for line in lines)
    assert any(line.startswith("图例：★ 重点事项") for line in lines)
    flat = "".join(line.strip("│ ") for line in lines)
    assert "党政主要负责人履行推进法治建设第一责任人职责:已覆盖" in flat
    assert "✔ 下一年度安排" in screen


def test_a_status_added_later_slots_in_everywhere() -> None:
    """A status a later change adds (as issue 7 added `mentioned`): until labels.py knows it,
    every human format shows the id instead of failing; the JSON keeps it as it is."""
    from auditor.output import terminal
    from auditor.output.tables import build_tables

    doc = json.loads(run_cli("audit", HUOZHOU, "-f", "json")[1])
    item = next(i for i in doc["reports"][0]["items"] if i["status"] == "planned")
    item["status"] = "reviewed"
    out = terminal.render(doc, width=80)
    assert any(line.startswith("reviewed") and item["title"] in line for line in out.splitlines())
    tables = {t.slug: t for t in build_tables(doc)}
    detail = [row for row in tables["detail"].rows if row[4] == item["id"]]
    assert detail[0][8] == "reviewed"

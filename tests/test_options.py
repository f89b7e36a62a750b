"""Option values and configuration files: bilingual choices, ranges, and every config problem at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.checking.config import load_config
from auditor.errors import AuditorError, AuditorErrors
from tests.render import run_cli

REPORT = "reports/huozhou-2023.txt"


@pytest.mark.parametrize("args", [
    ["check", REPORT, "--min-score", "150"],
    ["check", REPORT, "--min-score", "-1"],
    ["check", REPORT, "--min-score", "nan"],
    ["audit", REPORT, "--width", "0"],
    ["audit", REPORT, "--width", "-5"],
    ["audit", REPORT, "--width", "59"],
    ["audit", REPORT, "-j", "0"],
    ["export", REPORT, "-o", "x.xlsx", "-j", "0"],
    ["check", REPORT, "-j", "0"],
    ["audit", REPORT, "--level", "village"],
    ["audit", REPORT, "-f", "html5"],
    ["audit", REPORT, "--lang", "fr"],
])
def test_out_of_range_values_are_one_line_usage_errors(args: list[str]) -> None:
    code, out, err = run_cli(*args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("auditor: ") and "Traceback" not in err
    assert "--help" in err


def test_min_score_range_message_is_chinese_by_default() -> None:
    _, _, err = run_cli("check", REPORT, "--min-score", "150")
    assert "参数 --min-score" in err and "0 到 100" in err


@pytest.mark.parametrize("chinese, english", [("县级", "county"), ("省级", "province"),
                                              ("乡镇(街道)", "township"), ("政府部门", "department")])
def test_level_accepts_the_label_the_output_shows(chinese: str, english: str) -> None:
    runs = [json.loads(run_cli("audit", REPORT, "-f", "json", "--level", v)[1]) for v in (chinese, english)]
    assert runs[0]["reports"][0]["level"] == runs[1]["reports"][0]["level"] == english
    assert runs[0] == runs[1]


def test_format_and_fail_on_accept_chinese_words() -> None:
    code, out, _ = run_cli("audit", REPORT, "-f", "评分卡", "--width", "80")
    assert code == 0 and "霍州市2023年法治政府建设报告" in out
    code, out, _ = run_cli("check", REPORT, "--fail-on", "从不", "-f", "json")
    assert code in (0, 1) and json.loads(out)["reports"][0]["check"]["fail_on"] == "never"


def test_check_accepts_jobs_and_quiet(tmp_path: Path) -> None:
    one = run_cli("check", "reports/", "-f", "json", "-j", "1")
    two = run_cli("check", "reports/", "-f", "json", "-j", "2")
    assert one[0] == two[0] and json.loads(one[1])["reports"] == json.loads(two[1])["reports"]
    code, out, _ = run_cli("check", "reports/", "--fail-on", "never")
    full = out.splitlines()
    code_q, out_q, _ = run_cli("check", "reports/", "-q", "--fail-on", "never")
    quiet = out_q.splitlines()
    assert code_q == code and quiet[-1] == full[-1] and quiet[-1].startswith("auditor: ")
    verdicts = [line for line in full if ": 通过 " in line or ": 不通过 " in line]
    assert len(verdicts) == 5 and not any(line in quiet for line in verdicts)  # -q: findings only
    assert len(quiet) == len(full) - len(verdicts)


BAD_CONFIG = """\
min_score: 160
min_scor: 70
level: village
severity:
  draft.no_figures: loud
  draft.nonsense: error
structure:
  conclusions: false
waive:
  - id: draft.no_figures
  - id: draft.placeholder
    reason: ok
    until: someday
"""


def test_every_config_problem_is_reported_at_once(tmp_path: Path) -> None:
    cfg = tmp_path / ".auditor.yaml"
    cfg.write_text(BAD_CONFIG, encoding="utf-8")
    with pytest.raises(AuditorErrors) as info:
        load_config(str(cfg))
    lines = [p.line for p in info.value.problems]
    assert lines == [1, 2, 3, 5, 6, 8, 10, 13]
    assert all(isinstance(p, AuditorError) and p.path == str(cfg) for p in info.value.problems)
    report = tmp_path / "r.txt"
    report.write_text(Path(REPORT).read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run_cli("check", str(report))
    assert code == 2 and out == ""
    got = err.splitlines()
    assert [line.split(": ")[1] for line in got] == [f"{cfg}:{n}" for n in lines]  # file:line each
    assert all(line.startswith("auditor: ") for line in got) and "Traceback" not in err


def test_one_config_problem_is_still_a_plain_error(tmp_path: Path) -> None:
    cfg = tmp_path / ".auditor.yaml"
    cfg.write_text("min_score: 60\nfail_on: sometimes\n", encoding="utf-8")
    with pytest.raises(AuditorError) as info:
        load_config(str(cfg))
    assert not isinstance(info.value, AuditorErrors) and info.value.line == 2

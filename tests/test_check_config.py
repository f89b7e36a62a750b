"""Config discovery and validation (exact file:line), waivers with expiry, baselines."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from auditor.checking.baseline import apply_baseline, load_baseline
from auditor.checking.config import CheckConfig, discover, load_config, show_config, with_overrides
from auditor.checking.run import CheckOptions, check_document, check_record, resolve_configs
from auditor.checking.waivers import Waiver, apply_waivers, inline_waivers
from auditor.errors import AuditorError
from auditor.model import MISSING
from auditor.output.records import report_record
from tests.test_check_support import make_doc, make_result


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return str(p)


def error_of(path: str) -> AuditorError:
    with pytest.raises(AuditorError) as info:
        load_config(path)
    return info.value


def test_valid_yaml_config(tmp_path):
    path = write(tmp_path, ".auditor.yaml", """\
min_score: 60
required: [enforce.full_record, capacity.pufa]
structure: {first_responsible: false}
disable: [draft.page_chrome]
severity: {draft.no_figures: error}
level: department
fail_on: warning
deadline: 03-01
waive:
  - id: enforce.full_record
    reason: 本部门无执法职能
    until: 2027-03-31
""")
    cfg = load_config(path)
    assert cfg.min_score == 60 and cfg.required == ("enforce.full_record", "capacity.pufa")
    assert "structure.first_responsible" not in cfg.required_parts()
    assert cfg.deadline == (3, 1) and cfg.fail_on == "warning" and cfg.level == "department"
    assert cfg.waive == (Waiver("enforce.full_record", "本部门无执法职能", date(2027, 3, 31),
                                f"{path}:10", 10),)
    assert cfg.source("min_score") == f"{path}:1" and cfg.source("deadline") == f"{path}:8"


@pytest.mark.parametrize("text,line,words", [
    ("min_score: 60\nmin_scor: 70\n", 2, "未知的键 'min_scor'"),
    ("pack: gangyao-2021-2025\nmin_score: 160\n", 2, "min_score"),
    ("min_score: 60\npack: nowhere\n", 2, "找不到规则包"),
    ("severity:\n  draft.placeholder: error\n  draft.no_figures: loud\n", 3, "draft.no_figures"),
    ("fail_on: sometimes\n", 1, "fail_on"),
    ("level: village\n", 1, "level"),
    ("structure:\n  achievements: true\n  conclusions: false\n", 3, "conclusions"),
    ("deadline: 13-45\n", 1, "deadline"),
    ("waive:\n  - id: enforce.full_record\n    reason: 本部门无执法职能\n  - id: draft.no_figures\n", 4,
     "缺少理由"),
    ("waive:\n  - id: draft.no_figures\n    reason: ok\n    until: someday\n", 4, "until"),
    ("min_score: 60\nmin_score: 70\n", 2, "重复的键"),
    ("min_score: [60\n", 2, "YAML 格式错误"),
    ("required: enforce.full_record\n", 1, "编号列表"),
    ("- a\n- b\n", 1, "映射"),
])
def test_config_errors_point_at_the_line(tmp_path, text, line, words):
    path = write(tmp_path, ".auditor.yaml", text)
    err = error_of(path)
    assert err.path == path and err.line == line and words in err.message
    assert str(err).startswith(f"{path}:{line}: ")


def test_pyproject_table_and_line_numbers(tmp_path):
    path = write(tmp_path, "pyproject.toml", """\
[project]
name = "drafts"

[tool.auditor]
min_score = 50
fail_on = "warning"

[[tool.auditor.waive]]
id = "draft.no_figures"
reason = "总结性报告"
""")
    cfg = load_config(path)
    assert cfg.min_score == 50 and cfg.waive[0].reason == "总结性报告"
    assert cfg.source("fail_on") == f"{path}:6"
    bad = write(tmp_path / "b", "pyproject.toml", "[tool.auditor]\nmin_score = 50\nfailon = 'x'\n")
    err = error_of(bad)
    assert err.line == 3 and "failon" in err.message


def test_discovery_walks_up_and_skips_pyproject_without_table(tmp_path):
    write(tmp_path, ".auditor.yaml", "min_score: 40\n")
    write(tmp_path / "drafts", "pyproject.toml", "[project]\nname = 'x'\n")
    report = write(tmp_path / "drafts" / "2023", "report.md", "# 报告\n")
    assert discover(report) == str(tmp_path / ".auditor.yaml")
    write(tmp_path / "drafts", ".auditor.yaml", "min_score: 70\n")
    assert discover(report) == str(tmp_path / "drafts" / ".auditor.yaml")
    cfgs = resolve_configs([report], CheckOptions(min_score=90))
    assert cfgs[report].min_score == 90 and cfgs[report].source("min_score") == "command line"


def test_show_config_names_sources(tmp_path):
    path = write(tmp_path, ".auditor.yaml", "min_score: 40\n")
    cfg = with_overrides(load_config(path), fail_on="warning")
    text = show_config(cfg, "pack", ("enforce.full_record",))
    assert f"min_score  = 40    # {path}:1" in text
    assert "fail_on    = warning    # 命令行" in text
    assert "level      = （自动检测）    # 默认" in text


# --- waivers -----------------------------------------------------------------------------------

def _missing_item_run(text: str, cfg: CheckConfig, today: date, path: str = "draft.md"):
    doc = make_doc(text, path=path)
    result = make_result(path, items=[("enforce.full_record", True, MISSING)])
    return check_document(doc, result, cfg, today)


def test_config_waiver_marks_item_and_finding_and_expires():
    cfg = CheckConfig(waive=(Waiver("enforce.full_record", "本部门无执法职能", date(2027, 3, 31), "c:3", 3),))
    run = _missing_item_run("全年办理12件。", cfg, date(2027, 3, 31))
    (f,) = [f for f in run.findings if f.id == "item.missing"]
    assert f.waived == "本部门无执法职能" and run.passed
    assert [i.waived for i in run.result.items] == ["本部门无执法职能"]
    rec = check_record(report_record(run.result), run)
    assert rec["check"]["counts"]["waived"] == 1 and rec["items"][0]["waived"] == "本部门无执法职能"
    late = _missing_item_run("全年办理12件。", cfg, date(2027, 4, 1))
    assert not late.passed
    (exp,) = [f for f in late.findings if f.id == "waiver.expired"]
    assert "2027-03-31" in exp.message_zh and "不再生效" in exp.message_zh


def test_inline_waiver_in_markdown():
    text = "全年办理12件。\n<!-- auditor: waive enforce.full_record until:2030-01-01 本部门无执法职能 -->\n"
    run = _missing_item_run(text, CheckConfig(), date(2024, 1, 1))
    assert run.passed and [f.waived for f in run.findings if f.id == "item.missing"] == ["本部门无执法职能"]


def test_inline_waiver_without_reason_is_an_error():
    waivers, problems = inline_waivers("a\n<!-- auditor: waive draft.no_figures -->\n", "d.md")
    assert waivers == []
    assert [(p.id, p.line, p.severity) for p in problems] == [("waiver.no_reason", 2, "error")]
    run = _missing_item_run("全年办理12件。\n<!-- auditor: waive enforce.full_record -->", CheckConfig(),
                            date(2024, 1, 1))
    assert {"waiver.no_reason", "item.missing"} <= {f.id for f in run.findings if f.active}


def test_waiver_paths_restrict_scope():
    w = Waiver("draft.no_figures", "总结", paths=("2023-*.md",))
    doc_findings = _missing_item_run("坚持依法行政。", CheckConfig(), date(2024, 1, 1)).findings
    miss = apply_waivers(doc_findings, [w], "drafts/draft.md", date(2024, 1, 1))
    assert all(f.waived is None for f in miss)
    hit = apply_waivers(doc_findings, [w], "drafts/2023-a.md", date(2024, 1, 1))
    assert [f.waived for f in hit if f.id == "draft.no_figures"] == ["总结"]


# --- baseline ----------------------------------------------------------------------------------

def test_baseline_round_trip_ignores_line_shifts(tmp_path):
    cfg = CheckConfig()
    before = check_document(make_doc("XX县办理12件。", path="d.txt"), make_result("d.txt"), cfg, date.today())
    doc = {"reports": [check_record(report_record(before.result), before)], "errors": []}
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    prints = load_baseline(str(base))
    # same placeholder, moved two lines down, plus a new one
    after = check_document(make_doc("新增一段。\n\nXX县办理12件。\n**市办理3件。", path="d.txt"),
                           make_result("d.txt"), cfg, date.today(), prints)
    placeholders = [f for f in after.findings if f.id == "draft.placeholder"]
    assert [(f.line, f.baselined) for f in placeholders] == [(3, True), (4, False)]


def test_baseline_counts_duplicates_once_each():
    run = check_document(make_doc("XX县。\nXX县。"), make_result(), CheckConfig(), date.today())
    fs = [f for f in run.findings if f.id == "draft.placeholder"]
    from auditor.checking.findings import fingerprint

    marked = apply_baseline(fs, Counter({fingerprint(fs[0].path, fs[0].id, fs[0].item, fs[0].text): 1}))
    assert [f.baselined for f in marked] == [True, False]


def test_bad_baseline_is_a_usage_error(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(AuditorError):
        load_baseline(str(bad))
    with pytest.raises(AuditorError):
        load_baseline(str(tmp_path / "missing.json"))


def test_export_parses_each_config_file_once(tmp_path, monkeypatch):
    """An export over hundreds of reports in one folder must not re-parse its .auditor.yaml each time."""
    from auditor.checking import run

    (tmp_path / ".auditor.yaml").write_text("min_score: 50\n", encoding="utf-8")
    calls = []
    real = run.load_config
    monkeypatch.setattr(run, "load_config", lambda src: calls.append(src) or real(src))
    cache: dict = {}
    for name in ("a.txt", "b.txt", "c.txt"):
        cfg = run.resolve_configs([str(tmp_path / name)], run.CheckOptions(), cache)
        assert cfg[str(tmp_path / name)].min_score == 50
    assert len(calls) == 1

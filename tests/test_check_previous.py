"""`auditor check DRAFT --previous LAST_YEAR`: draft.reused and key-item changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import main
from tests.test_compare import REPORTS, build_pair


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old_text, new_text, _copied, _truth = build_pair(REPORTS / "huozhou-2023.txt",
                                                     REPORTS / "luoding-2021.txt")
    old, draft = tmp_path / "2022.txt", tmp_path / "draft.txt"
    old.write_text(old_text, encoding="utf-8")
    draft.write_text(new_text, encoding="utf-8")
    return old, draft


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", *args, "-f", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_reused_warning_points_at_first_passage(pair: tuple[Path, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    old, draft = pair
    _code, doc = _check(capsys, str(draft), "--previous", str(old))
    rep = doc["reports"][0]
    found = [f for f in rep["findings"] if f["id"] == "draft.reused"]
    assert len(found) == 1 and found[0]["severity"] == "warning"
    prev = rep["previous"]
    assert 0.3 < prev["reused"]["share"] < 0.7
    assert found[0]["line"] == prev["reused"]["first_line"]
    assert f"{prev['reused']['share']:.0%}" in found[0]["message"]
    assert "draft.reused" in rep["check"]["checks"]


def test_threshold_and_severity_configurable(pair: tuple[Path, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    old, draft = pair
    _code, doc = _check(capsys, str(draft), "--previous", str(old), "--reuse-threshold", "0.8")
    assert not [f for f in doc["reports"][0]["findings"] if f["id"] == "draft.reused"]
    cfg = tmp_path / ".auditor.yaml"
    cfg.write_text("reuse_threshold: 0.2\nseverity:\n  draft.reused: error\n", encoding="utf-8")
    _code, doc = _check(capsys, str(draft), "--previous", str(old), "--config", str(cfg))
    found = [f for f in doc["reports"][0]["findings"] if f["id"] == "draft.reused"]
    assert found and found[0]["severity"] == "error" and found[0]["fails"]
    cfg.write_text("reuse_threshold: 30\n", encoding="utf-8")
    assert main(["check", str(draft), "--previous", str(old), "--config", str(cfg)]) == 2
    assert f"{cfg}:1:" in capsys.readouterr().err


def test_text_output_lists_key_items_gained_and_lost(pair: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    old, draft = pair
    main(["check", str(draft), "--previous", str(old)])
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "与上年报告相比" in x)
    assert "重点事项新增" in line and "丢失" in line


def test_without_previous_no_reuse_check(pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _old, draft = pair
    _code, doc = _check(capsys, str(draft))
    assert "previous" not in doc["reports"][0]
    assert "draft.reused" not in doc["reports"][0]["check"]["checks"]


def test_unreadable_previous_is_one_line_exit_2(pair: tuple[Path, Path], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    _old, draft = pair
    gone = tmp_path / "gone.txt"
    assert main(["check", str(draft), "--previous", str(gone)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"auditor: {gone}: 没有这个文件"


def test_same_file_as_previous_is_all_reused(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(REPORTS / "luoding-2021.txt")
    _code, doc = _check(capsys, path, "--previous", path)
    assert doc["reports"][0]["previous"]["reused"]["share"] == 1.0

"""Batch input (files, folders, @lists) and parallel audits, with a stubbed pipeline."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import auditor.pipeline
from auditor.batch import audit_many, discover, expand_inputs
from auditor.errors import AuditorError
from auditor.model import ReportError, ReportResult
from auditor.packs.spec import Pack

PACK = Pack("stub", "stub", "0", ())
FORK = multiprocessing.get_start_method() == "fork"


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "2023" / "county").mkdir(parents=True)
    (root / ".git").mkdir()
    for rel in ("a.txt", "2023/b.md", "2023/county/c.html", "2023/notes.xls", ".git/x.txt",
                "2023/.hidden.txt", "2023/D.DOCX", "2023/E.TXT", "2023/scan.jpg"):
        (root / rel).write_text("报告", encoding="utf-8")
    return root


def test_folder_recursion_and_default_glob(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    found, skipped = discover([str(root)])
    found = [os.path.relpath(p, root) for p in found]
    # every supported format, extensions in any case; unsupported files counted, hidden ones not
    assert found == ["a.txt", os.path.join("2023", "D.DOCX"), os.path.join("2023", "E.TXT"),
                     os.path.join("2023", "b.md"), os.path.join("2023", "county", "c.html")]
    assert sorted(Path(p).name for p in skipped) == ["notes.xls", "scan.jpg"]


def test_glob_and_explicit_files(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    found = expand_inputs([str(root), str(root / "2023" / "notes.xls")], glob="*.md")
    assert [Path(p).name for p in found] == ["b.md", "notes.xls"]
    assert [Path(p).name for p in expand_inputs([str(root)], glob="*.docx")] == ["D.DOCX"]


def test_list_file_dedup_and_missing_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    lst = tmp_path / "list.txt"
    lst.write_text("# regional batch\nreports/a.txt\n\nreports/2023\nreports/a.txt\nreports/gone.txt\n",
                   encoding="utf-8")
    found = expand_inputs([f"@{lst}"])
    assert found == ["reports/a.txt", os.path.join("reports/2023", "D.DOCX"),
                     os.path.join("reports/2023", "E.TXT"), os.path.join("reports/2023", "b.md"),
                     os.path.join("reports/2023", "county", "c.html"), "reports/gone.txt"]
    assert root.is_dir()


def test_usage_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(AuditorError, match="没有报告文件"):
        expand_inputs([str(empty)])
    with pytest.raises(AuditorError, match="没有这个文件"):
        expand_inputs([str(tmp_path / "missing.txt")])
    with pytest.raises(AuditorError, match="找不到清单文件"):
        expand_inputs([f"@{tmp_path / 'nolist.txt'}"])
    with pytest.raises(AuditorError, match="2 个路径都不存在"):
        expand_inputs([str(tmp_path / "m1.txt"), str(tmp_path / "m2.txt")])


def _fake_result(path: str) -> ReportResult:
    return ReportResult(path, "t", None, 2023, None, "county", 10, 50.0, (), (), ())


def _fake_audit(path: str, pack: Pack, level: str | None = None,
                post: object = None) -> ReportResult | ReportError:
    name = Path(path).name
    if name.startswith("bad"):
        return ReportError(path, "binary file, not a report")
    if name.startswith("bug"):
        raise ValueError("matcher bug")
    if name.startswith("die"):
        os._exit(3)  # a worker dying hard (segfault, OOM kill)
    return _fake_result(path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_order_errors_and_bugs(jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    if jobs > 1 and not FORK:
        pytest.skip("the stubbed pipeline reaches workers only with the fork start method")
    monkeypatch.setattr(auditor.pipeline, "audit_path", _fake_audit)
    paths = [f"r{i:03d}.txt" for i in range(40)]
    paths[7], paths[21] = "bad.txt", "bug.txt"
    reports, errors = audit_many(paths, PACK, jobs=jobs)
    assert [r.path for r in reports] == [p for p in paths if p not in ("bad.txt", "bug.txt")]
    assert [e.path for e in errors] == ["bad.txt", "bug.txt"]
    assert "ValueError: matcher bug" in errors[1].message


@pytest.mark.skipif(not FORK, reason="needs the fork start method to stub the workers")
def test_worker_crash_costs_only_its_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auditor.pipeline, "audit_path", _fake_audit)
    paths = [f"r{i:03d}.txt" for i in range(30)]
    paths[12] = "die.txt"
    reports, errors = audit_many(paths, PACK, jobs=2)
    assert [e.path for e in errors] == ["die.txt"]
    assert "crashed" in errors[0].message
    assert [r.path for r in reports] == [p for p in paths if p != "die.txt"]

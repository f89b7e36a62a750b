"""Project hygiene that CI must keep true: lint, generated docs, README commands, packaging."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor.output.rulelist import render_rule_list
from auditor.packs import load_pack

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff not installed (it is in the test extras)")
    proc = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rule_list_doc_is_generated_from_the_pack() -> None:
    expected = render_rule_list(load_pack(None))
    actual = (ROOT / "docs" / "rule-list.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rule-list.md is stale: run `auditor rules list -o docs/rule-list.md`"


def test_readme_shows_the_ci_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci in readme
    assert "auditor audit reports/" in readme


def test_wheel_ships_rule_packs(tmp_path: Path) -> None:
    """A plain `pip install .` must carry the YAML packs (they are not Python files)."""
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("auditor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    packs = [n for n in names if n.startswith("auditor/rules/gangyao-2021-2025/")]
    assert "auditor/rules/gangyao-2021-2025/pack.yaml" in packs
    assert len([n for n in packs if n.endswith(".yaml")]) == 12  # 10 areas, pack.yaml, boilerplate.yaml

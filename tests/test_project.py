"""Project hygiene that CI must keep true: lint, generated docs, README commands, packaging."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor.output.ruledocs import render_docs
from auditor.packs import load_pack, shipped_packs

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff not installed (it is in the test extras)")
    proc = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_rule_docs_are_generated_from_the_packs() -> None:
    """docs/rules/ holds exactly the pages `auditor rules docs -o docs/rules/` writes today."""
    packs = [load_pack(pid) for pid in shipped_packs()]
    expected = render_docs([(p, load_pack(p.extends[0].path) if p.extends else None) for p in packs])
    folder = ROOT / "docs" / "rules"
    actual = {f.name: f.read_text(encoding="utf-8") for f in folder.glob("*.md")} if folder.is_dir() else {}
    stale = sorted(n for n in expected.keys() | actual.keys() if expected.get(n) != actual.get(n))
    assert not stale, f"docs/rules/ is stale ({', '.join(stale)}): run `auditor rules docs -o docs/rules/`"


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
    assert "auditor/rules/gangyao-2021-2025-department/pack.yaml" in names  # every shipped pack
    # the interface catalogs and the documentation help text points to (`auditor docs check`)
    assert {"auditor/locale/en/LC_MESSAGES/auditor.mo", "auditor/locale/zh_CN/LC_MESSAGES/argparse.mo",
            "auditor/docs/check.md", "auditor/docs/json.md", "auditor/docs/i18n.md"} <= set(names)


def test_readme_installs_from_a_real_source() -> None:
    """No placeholder URL: the README and the CI docs install from the checkout or a built wheel."""
    for doc in ("README.md", "docs/check.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        assert "example.invalid" not in text, doc
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install ." in readme and "pip wheel --no-deps -w dist ." in readme
    assert "pip install dist/auditor-0.1.0-py3-none-any.whl" in readme

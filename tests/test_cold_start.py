"""Cold start: each command imports only what it needs. Checked on the import graph of a fresh
interpreter (sys.modules after the command ran), not by timing, so the test holds on a busy
machine; the time itself is measured by scripts/bench.py (docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "reports/huozhou-2023.txt"
RUN = ("import json, sys\nfrom auditor.cli import main\ncode = main(sys.argv[2:])\n"
       "open(sys.argv[1], 'w').write(json.dumps([code, sorted(sys.modules)]))\n")
SPREADSHEET = {"openpyxl", "xlsxwriter"}
TEMPLATES = {"jinja2"}


def loaded(tmp_path: Path, *argv: str, codes: tuple[int, ...] = (0,)) -> set[str]:
    """Modules a fresh interpreter holds after ``auditor ARGV`` (which must end with ``codes``)."""
    out = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", RUN, str(out), *argv], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, timeout=60)
    code, modules = json.loads(out.read_text())
    assert code in codes, argv
    return set(modules)


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("fmt", ["json", "scorecard"])
def test_audit_loads_no_spreadsheet_template_or_check_code(tmp_path: Path, fmt: str) -> None:
    mods = loaded(tmp_path, "audit", SAMPLE, "-f", fmt, "-o", str(tmp_path / "out"))
    assert "auditor.scoring" in mods and "auditor.matching" in mods  # it really audited
    assert not tops(mods) & (SPREADSHEET | TEMPLATES)
    assert not {m for m in mods if m.startswith(("auditor.checking", "auditor.output.xlsx"))}
    # one report runs in-process: no pool machinery
    assert not {"multiprocessing", "concurrent.futures.process"} & mods
    # the segmenter dictionary is loaded once, for the pack: rjieba's own default instance
    # (built by its package __init__) is never created
    assert "rjieba.rjieba" in mods and "rjieba" not in mods
    if fmt == "json":
        assert "rich" not in tops(mods)  # rich draws the scorecard, nothing else of an audit
    else:
        assert "rich" in tops(mods)


def test_check_loads_no_spreadsheet_or_rich(tmp_path: Path) -> None:
    # exit 1: the sample misses required items, which is what check is for
    mods = loaded(tmp_path, "check", SAMPLE, "-o", str(tmp_path / "out.txt"), codes=(0, 1))
    assert "auditor.checking.run" in mods
    assert not tops(mods) & (SPREADSHEET | TEMPLATES | {"rich"})


def test_rules_validate_loads_no_segmenter(tmp_path: Path) -> None:
    mods = loaded(tmp_path, "rules", "validate")
    assert "auditor.packs.loader" in mods
    # (re2 is loaded: the validator compiles the pack's patterns to report bad ones)
    assert not tops(mods) & {"rjieba", "rapidfuzz", "rich", "openpyxl", "xlsxwriter", "jinja2"}
    assert not {m for m in mods if m.startswith(("auditor.matching", "auditor.checking"))}

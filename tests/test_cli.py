"""The audit command as users meet it: exit codes, one-line errors, stdin, several paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.render import run_cli


def test_audit_json_has_every_pack_item_and_structure_part() -> None:
    code, out, err = run_cli("audit", "reports/shanxi-province-2021.txt", "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    rep = doc["reports"][0]
    assert doc["pack"] == {"id": "gangyao-2021-2025", "version": "1", "extends": [], "disabled": [],
                           "items": 45}
    assert len(rep["items"]) == 45 and len(rep["structure"]) == 5
    assert (rep["year"], rep["level"], rep["published"]) == (2021, "province", "2022-08-16")
    publicity = next(i for i in rep["items"] if i["id"] == "enforce.publicity")
    assert publicity["key"] is True


@pytest.mark.parametrize(("content", "message"), [
    (b"", "空文件"),
    (b"\x00\x01\x02binary\x00" * 50, "二进制"),
])
def test_bad_file_is_one_line_exit_2_and_others_still_audited(tmp_path: Path, content: bytes,
                                                              message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = run_cli("audit", str(bad), "reports/huozhou-2023.txt", "-f", "json")
    assert code == 2
    doc = json.loads(out)
    assert [r["path"] for r in doc["reports"]] == ["reports/huozhou-2023.txt"]
    assert doc["errors"][0]["path"] == str(bad) and message in doc["errors"][0]["message"]
    assert err.count("\n") == 1 and str(bad) in err and "Traceback" not in err


def test_missing_file_among_good_ones_and_empty_folder(tmp_path: Path) -> None:
    code, out, err = run_cli("audit", str(tmp_path / "nope.txt"), "reports/xingguo-2023-traditional.txt",
                             "-f", "json")
    assert code == 2 and len(json.loads(out)["reports"]) == 1
    assert "nope.txt" in err and "Traceback" not in err
    code, out, err = run_cli("audit", str(tmp_path), "-f", "json")
    assert code == 2 and out == "" and str(tmp_path) in err and "没有报告文件" in err


def test_bad_rule_file_names_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text("area: 一 测试\nitems:\n  - id: x.y\n    title: t\n    source: s\n"
                     "    match: {any: [法治]}\n    colour: red\n", encoding="utf-8")
    code, _, err = run_cli("audit", "reports/huozhou-2023.txt", "--pack", str(rules))
    assert code == 2
    assert f"{rules}:7:" in err and "colour" in err
    code, _, err = run_cli("rules", "validate", str(rules))
    assert code == 2 and f"{rules}:7:" in err


def test_unknown_option_is_usage_error() -> None:
    assert run_cli("audit", "--bogus", "reports/huozhou-2023.txt")[0] == 2


@pytest.mark.parametrize("args", [("audit", "--bogus", "reports/huozhou-2023.txt"),
                                  ("check", "--fail-on", "loud", "reports/huozhou-2023.txt"),
                                  ("export", "reports/huozhou-2023.txt", "--csv", "x", "-j", "0"),
                                  ("rules",), ()])
def test_option_errors_are_one_line(args: tuple[str, ...]) -> None:
    """Not argparse's usage block: the one line of the contract, pointing at --help."""
    code, out, err = run_cli(*args)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("auditor: ") and "--help" in err


def test_level_override_marks_items_not_applicable() -> None:
    _, out, _ = run_cli("audit", "reports/shanxi-province-2021.txt", "-f", "json", "--level", "county")
    rep = json.loads(out)["reports"][0]
    legislation = next(i for i in rep["items"] if i["id"] == "system.legislation")
    assert rep["level"] == "county" and legislation["status"] == "not_applicable"


def test_output_file_written_atomically_and_input_refused(tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    assert run_cli("audit", "reports/luoding-2021.txt", "-f", "json", "-o", str(out))[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["reports"][0]["year"] == 2021
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    code, _, err = run_cli("audit", "reports/luoding-2021.txt", "-o", "reports/luoding-2021.txt")
    assert code == 2 and "输入报告" in err


def test_stdin_and_module_entry_point() -> None:
    data = Path("reports/huozhou-2023.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "auditor", "audit", "-", "-f", "json"],
                          input=data, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)["reports"][0]
    assert rep["path"] == "-" and rep["year"] == 2023


def test_scorecard_is_plain_when_piped_and_colored_when_forced() -> None:
    env = {"PATH": "", "FORCE_COLOR": "1", "NO_COLOR": ""}
    cmd = [sys.executable, "-m", "auditor", "audit", "reports/huozhou-2023.txt", "--width", "100"]
    colored = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    plain = subprocess.run(cmd, capture_output=True, text=True, env={"PATH": ""}, check=True).stdout
    assert "\x1b[" in colored and "\x1b[" not in plain
    assert "霍州市" in plain and "总分" in plain

"""`auditor check` bad-input contract: every mistake a user can make is one line
``auditor: path[:line]: message``, exit 2, no traceback, nothing written; one report's trouble
never loses another report's findings; every output format stays valid with waivers and baselines.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from auditor.checking.baseline import load_baseline
from auditor.cli import main
from auditor.errors import AuditorError

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
HUOZHOU = REPORTS / "huozhou-2023.txt"
SARIF_SCHEMA = Path("/work/shared/schemas/sarif-2.1.0.json")
if not SARIF_SCHEMA.exists():
    SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_usage_error(code: int, err: str) -> str:
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: "), err
    assert "Traceback" not in err and "Loc(" not in err
    return lines[0]


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "drafts" / "report.txt"
    path.parent.mkdir()
    shutil.copy(HUOZHOU, path)
    return path


# --- baseline ----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    '{"reports": [{"findings": 5}]}',  # findings not a list: used to raise TypeError
    '{"reports": [{"path": "a.txt", "items": []}]}',  # `auditor audit -f json`: no findings at all
    '{"reports": ["x"]}',
])
def test_wrong_baseline_json_is_one_line(content: str, tmp_path: Path, draft: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.json"
    base.write_text(content, encoding="utf-8")
    with pytest.raises(AuditorError):
        load_baseline(str(base))
    code, out, err = run(capsys, str(draft), "--baseline", str(base))
    assert out == ""
    assert one_line_usage_error(code, err).startswith(f"auditor: {base}: ")


def test_baseline_with_odd_values_still_loads(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    base.write_text(json.dumps({"reports": [{"path": 3, "findings": [
        {"id": "draft.placeholder", "fingerprint": ["not", "text"], "text": None}, "junk"]}]}),
        encoding="utf-8")
    assert sum(load_baseline(str(base)).values()) == 1  # recomputed, no TypeError


# --- config ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("yaml_text", "line", "words"), [
    ("waive:\n  - id: draft.no_figures\n    reason: x\n    until: 2027-13-01\n", 4, "2027-13-01"),
    ("waive:\n  - id: draft.no_figures\n    reason: x\n    until: 2027-02-30\n", 4, "2027-02-30"),
    ("severity:\n  draft.nofigures: error\n", 2, "draft.nofigures"),  # typo: used to be ignored
    ("disable:\n  - draft.no_figure\n", 2, "draft.no_figure"),  # typo: used to be ignored
    ("level: [county]\n", 1, "['county']"),  # the value as written, not our Loc wrapper
    ("x: !!python/object:os.system ls\n", 1, "YAML 格式错误"),  # used to be three lines
])
def test_config_mistakes_point_at_their_line(yaml_text: str, line: int, words: str, draft: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cfg = draft.parent / ".auditor.yaml"
    cfg.write_text(yaml_text, encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    message = one_line_usage_error(code, err)
    assert out == "" and message.startswith(f"auditor: {cfg}:{line}: ") and words in message


def test_config_path_mistakes_say_what_is_wrong(tmp_path: Path, draft: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--config", str(tmp_path), str(draft))
    assert "配置是文件夹" in one_line_usage_error(code, err)
    code, _, err = run(capsys, "--config", str(tmp_path / "none.yaml"), str(draft))
    assert "找不到配置文件" in one_line_usage_error(code, err)
    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("min_score: 六十\n".encode("gbk"))
    code, _, err = run(capsys, "--config", str(bad), str(draft))
    assert "UTF-8" in one_line_usage_error(code, err)
    odd = tmp_path / "odd.toml"
    odd.write_text('tool = "x"\n', encoding="utf-8")  # used to raise AttributeError
    code, _, err = run(capsys, "--config", str(odd), str(draft))
    assert "[tool.auditor]" in one_line_usage_error(code, err)


def test_pyproject_syntax_error_names_file_and_line(draft: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (draft.parent / "pyproject.toml").write_text("[tool.auditor\nmin_score = 3\n", encoding="utf-8")
    code, _, err = run(capsys, str(draft))
    assert one_line_usage_error(code, err).startswith(f"auditor: {draft.parent / 'pyproject.toml'}:1: ")


# --- outputs -----------------------------------------------------------------------------------

def test_outputs_checked_before_any_report_is_read(tmp_path: Path, draft: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.checking.run as run_mod

    def never(*_a: object, **_k: object) -> None:
        raise AssertionError("reports were read although an output is unusable")

    monkeypatch.setattr(run_mod, "check_files", never)
    base = tmp_path / "base.json"
    code, _, err = run(capsys, str(draft), "--write-baseline", str(base),
                       "-o", str(tmp_path / "missing" / "out.txt"))
    assert "输出文件夹不存在" in one_line_usage_error(code, err)
    assert not base.exists()  # the baseline is not written when the main output cannot be
    code, _, err = run(capsys, str(draft), "--write-baseline", str(base), "-o", str(base))
    assert "同一个文件" in one_line_usage_error(code, err)


def test_write_baseline_never_overwrites_an_input(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = draft.read_bytes()
    code, _, err = run(capsys, str(draft), "--write-baseline", str(draft))
    assert "覆盖一份输入报告" in one_line_usage_error(code, err)
    assert draft.read_bytes() == before


def test_bad_jobs_is_a_usage_error(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for value in ("0", "-3", "two"):
        assert main(["export", str(draft), "-o", str(tmp_path / "a.xlsx"), "-j", value]) == 2
        assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "a.xlsx").exists()


# --- one report's trouble never loses another's findings ---------------------------------------

def test_a_crash_on_one_report_keeps_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.checking.run as run_mod

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    shutil.copy(HUOZHOU, good)
    shutil.copy(HUOZHOU, bad)
    real = run_mod.check_document

    def flaky(doc, result, *args, **kwargs):  # type: ignore[no-untyped-def]
        if result.path == str(bad):
            raise RuntimeError("boom")
        return real(doc, result, *args, **kwargs)

    monkeypatch.setattr(run_mod, "check_document", flaky)
    code, out, err = run(capsys, "-f", "json", str(bad), str(good))
    doc = json.loads(out)
    assert code == 2 and "Traceback" not in err
    assert [r["path"] for r in doc["reports"]] == [str(good)] and doc["reports"][0]["findings"]
    assert doc["errors"][0]["path"] == str(bad) and "boom" in doc["errors"][0]["message"]


# --- every format valid on the five samples with waivers and a baseline ------------------------

def test_all_formats_valid_on_samples_with_waivers_and_baseline(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.exists():
        pytest.skip("shared SARIF schema not present")
    drafts = tmp_path / "drafts"
    shutil.copytree(REPORTS, drafts)
    (drafts / ".auditor.yaml").write_text(
        "min_score: 60\nwaive:\n  - id: enforce.full_record\n    reason: 本部门无执法职能\n"
        "  - id: draft.no_figures\n    reason: 旧豁免\n    until: 2020-01-01\n", encoding="utf-8")
    with (drafts / "huozhou-2023.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n<!-- auditor: waive draft.page_chrome 网页\x01转载版 -->\n"
                 "<!-- auditor: waive draft.x -->\n"
                 "<!-- auditor: waive draft.y until:2020-99-01 理由 -->\nXX县\x02办理<&>\"案件\n")
    base = tmp_path / "base.json"
    assert run(capsys, str(drafts), "--write-baseline", str(base), "-f", "sarif")[0] in (0, 1)
    (drafts / "luoding-2021.txt").write_text(
        (drafts / "luoding-2021.txt").read_text(encoding="utf-8") + "\n待补充：XX项\n", encoding="utf-8")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for baseline in ((), ("--baseline", str(base))):
        code, out, _ = run(capsys, str(drafts), "-f", "sarif", *baseline)
        assert code in (0, 1)
        log = json.loads(out)
        jsonschema.Draft7Validator(schema).validate(log)
        results = log["runs"][0]["results"]
        assert any(r.get("suppressions") for r in results)
        code, out, _ = run(capsys, str(drafts), "-f", "junit", *baseline)
        root = ET.fromstring(out.encode("utf-8"))  # well-formed despite \x01 \x02 in the draft
        assert root.findall(".//skipped") and "\x01" not in out and "\x02" not in out
        assert "转载版" in out  # the reason is kept, only the control character goes
    assert json.loads(base.read_text(encoding="utf-8"))["reports"]


def test_show_config_output_never_overwrites_an_input(draft: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = draft.read_bytes()
    for target in (draft, draft.parent):  # the report itself, or a folder of reports
        code, _, err = run(capsys, "--show-config", str(target), "-o", str(draft))
        assert "覆盖一份输入报告" in one_line_usage_error(code, err)
        assert draft.read_bytes() == before

"""check output formats: text, JSON, GitHub escaping, SARIF schema validity, JUnit structure."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from auditor.checking.config import CheckConfig
from auditor.checking.run import check_document, check_document_record
from auditor.checking.waivers import Waiver
from auditor.model import MISSING, ReportError
from auditor.output import github, junit, sarif, text
from tests.test_check_support import make_doc, make_result

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-2.1.0.json"
if not SCHEMA.exists():
    SCHEMA = Path("/work/shared/schemas/sarif-2.1.0.json")


class _Pack:
    id = "test-pack"
    rules = ()


def sample_doc(waive: bool = True) -> dict:
    waivers = (Waiver("enforce.full_record", "本部门无执法职能"),) if waive else ()
    cfg = CheckConfig(min_score=90, waive=waivers)
    body = "市政府工作情况(2024年)\nXX县办理12件，部署*项任务。\n网站地图 联系我们, 版权所有"
    run = check_document(make_doc(body, path="drafts/a,b:c.txt"),
                         make_result("drafts/a,b:c.txt", score=70,
                                     items=[("enforce.full_record", True, MISSING),
                                            ("capacity.pufa", True, MISSING)]),
                         cfg, date(2024, 1, 1))
    return check_document_record([run], [ReportError("drafts/missing.txt", "no such file")], _Pack())


def test_json_contract_keeps_core_keys_and_adds_check():
    doc = sample_doc()
    rep = doc["reports"][0]
    for key in ("path", "title", "score", "structure", "items", "gaps"):
        assert key in rep
    assert rep["passed"] is False and doc["passed"] is False
    ids = [f["id"] for f in rep["findings"]]
    assert {"score.below_min", "item.missing", "draft.placeholder", "draft.title_year"} <= set(ids)
    waived = [f for f in rep["findings"] if f.get("waived")]
    assert [f["item"] for f in waived] == ["enforce.full_record"] and not waived[0]["fails"]
    assert rep["check"]["counts"]["waived"] == 1
    json.dumps(doc, ensure_ascii=False)


def test_text_is_compiler_style_with_one_summary_per_report():
    out = text.render(sample_doc()).splitlines()
    assert "drafts/a,b:c.txt:2: error draft.placeholder 含未替换的占位符“XX”、“*项”（共2处）" in out
    assert any(line.startswith("drafts/a,b:c.txt: waived item.missing") and "[豁免：本部门无执法职能]" in line
               for line in out)
    assert [line for line in out if ": 不通过 总分 " in line] == [
        "drafts/a,b:c.txt: 不通过 总分 70（4 个错误，1 个警告，1 个已豁免）"]
    assert "drafts/missing.txt: 输入错误 no such file" in out
    assert out[-1].endswith("；规则包 test-pack")  # which pack judged the drafts


def test_github_escaping():
    assert github.escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    cmd = github.command("error", "第1行\n第2行", file="d/a,b:c.txt", line=3, title="draft.x")
    assert cmd == "::error file=d/a%2Cb%3Ac.txt,line=3,title=draft.x::第1行%0A第2行"
    out = github.render(sample_doc())
    assert "::error file=drafts/a%2Cb%3Ac.txt,line=2,title=draft.placeholder::" in out
    assert "::notice file=drafts/a%2Cb%3Ac.txt,title=item.missing（已豁免）::" in out
    assert "::error file=drafts/missing.txt,title=auditor：无法读取的报告::no such file" in out


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("shared SARIF schema not present")
    log = json.loads(sarif.render(sample_doc()))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"draft.placeholder", "structure.first_responsible", "capacity.pufa"} <= set(rule_ids)
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["draft.placeholder"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}
    assert by_rule["enforce.full_record"]["suppressions"][0]["justification"] == "本部门无执法职能"
    assert rule_ids[by_rule["capacity.pufa"]["ruleIndex"]] == "capacity.pufa"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "informationUri" not in run["tool"]["driver"]  # no link to a place that does not exist
    assert "example.invalid" not in json.dumps(log)


def test_junit_one_case_per_report_and_check():
    root = ET.fromstring(junit.render(sample_doc()).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["drafts/a,b:c.txt", "drafts/missing.txt"]
    cases = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert {"score", "capacity.pufa", "structure.achievements", "draft.placeholder"} <= set(cases)
    assert cases["draft.placeholder"].find("failure") is not None
    assert cases["enforce.full_record"].find("skipped").get("message") == "waived: 本部门无执法职能"
    assert cases["draft.no_figures"].find("failure") is None
    assert suites[1].find("testcase/error") is not None
    assert int(root.get("tests")) == len(cases) + 1 and root.get("errors") == "1"
    assert int(root.get("failures")) == sum(c.find("failure") is not None for c in cases.values())

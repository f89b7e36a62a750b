"""The second shipped pack, gangyao-2021-2025-department: the extends mechanism on real material,
and the content bar its own items must meet (the same bar as the 纲要 pack's)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.packs import DEFAULT_PACK, load_pack, shipped_packs

DEPT = "gangyao-2021-2025-department"
ROOT = Path(__file__).resolve().parents[1]
LINGCHUAN = ROOT.parent / "shared" / "reports" / "openings" / "025_lingchuan-education-2025.txt"
if not LINGCHUAN.is_file():
    LINGCHUAN = Path("/work/shared/reports/openings/025_lingchuan-education-2025.txt")


@pytest.fixture(scope="module")
def pack():
    return load_pack(DEPT)


def test_is_shipped_and_extends_the_gangyao_pack(pack) -> None:
    assert DEPT in shipped_packs()
    base = load_pack(DEFAULT_PACK)
    assert [p.id for p in pack.extends] == [DEFAULT_PACK]
    assert set(pack.disabled) == {"system.legislation", "leadership.demonstration", "function.power_list"}
    ids = {r.id for r in pack.rules}
    assert not ids & set(pack.disabled)
    assert {r.id for r in base.rules} - set(pack.disabled) <= ids


def test_own_items_meet_the_content_bar(pack) -> None:
    own = [r for r in pack.rules if r.pack == DEPT]
    assert {r.id for r in own} == {"dept.power_list", "dept.fair_competition", "dept.enforcement_stats",
                                   "dept.case_review", "dept.pufa_list"}
    for rule in own:
        kinds = Counter(e.status for e in rule.examples)
        assert kinds["pass"] >= 2 and kinds["fail"] >= 2 and kinds["gap"] >= 1, (rule.id, kinds)
        assert len({e.text for e in rule.examples}) == len(rule.examples), rule.id


def test_each_own_item_joins_its_area(pack) -> None:
    """Scorecards group by area: the department's items sit with the 纲要 items of their area."""
    areas = [r.area for r in pack.rules]
    for area in set(areas):
        at = [n for n, a in enumerate(areas) if a == area]
        assert at == list(range(at[0], at[-1] + 1)), f"items of {area} are split"


def test_department_report_under_the_department_pack(capsys: pytest.CaptureFixture[str]) -> None:
    """A real department report (陵川县教育局, opening): the pack is named, switched-off items
    are nowhere, and the overridden title is the one shown."""
    if not LINGCHUAN.is_file():
        pytest.skip("shared report openings not available")
    assert main(["audit", "--pack", DEPT, "-f", "json", str(LINGCHUAN)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["pack"]["id"] == DEPT and doc["pack"]["extends"] == [{"id": DEFAULT_PACK, "version": "1"}]
    assert "system.legislation" in doc["pack"]["disabled"]
    items = {i["id"]: i for i in doc["reports"][0]["items"]}
    assert "system.legislation" not in items and "leadership.demonstration" not in items
    first = items["leadership.first_responsible"]
    assert first["title"] == "部门主要负责人履行推进法治建设第一责任人职责"
    assert first["status"] == "covered" and "第一责任人" in first["evidence"][0]["text"]
    assert items["enforce.three_systems"]["weight"] == 2.0
    assert doc["reports"][0]["level"] == "department"


def test_case_review_found_in_a_real_report(pack) -> None:
    from auditor.pipeline import audit_path

    result = audit_path(str(ROOT / "reports" / "huozhou-2023.txt"), pack)
    item = next(i for i in result.items if i.id == "dept.case_review")
    assert item.status == "covered" and "案卷评查" in item.evidence[0].text


def test_scorecard_footer_and_sarif_name_the_chain(capsys: pytest.CaptureFixture[str]) -> None:
    report = str(ROOT / "reports" / "huozhou-2023.txt")
    assert main(["audit", "--pack", DEPT, "--width", "100", report]) == 0
    out = capsys.readouterr().out
    assert f"规则包 {DEPT} v1 ← {DEFAULT_PACK} v1" in out and "已关闭" in out
    main(["check", "--pack", DEPT, "-f", "sarif", report])
    sarif = json.loads(capsys.readouterr().out)
    comps = sarif["runs"][0]["tool"]["extensions"]
    assert [(c["name"], c["version"]) for c in comps] == [(DEPT, "1"), (DEFAULT_PACK, "1")]
    assert "function.power_list" in comps[0]["properties"]["disabled"]


def test_config_pack_by_shipped_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text((ROOT / "reports" / "huozhou-2023.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".auditor.yaml").write_text(f"pack: {DEPT}\n", encoding="utf-8")
    main(["check", "-f", "json", str(report)])
    doc = json.loads(capsys.readouterr().out)
    assert doc["pack"]["id"] == DEPT
    assert "dept.case_review" in {i["id"] for i in doc["reports"][0]["items"]}


def test_config_pack_unknown_names_the_config_line(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text("霍州市2023年法治政府建设工作报告\n", encoding="utf-8")
    (tmp_path / ".auditor.yaml").write_text("min_score: 10\npack: gangyao-2031\n", encoding="utf-8")
    assert main(["check", str(report)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / '.auditor.yaml'}:2: 找不到规则包 'gangyao-2031'" in err

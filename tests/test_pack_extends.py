"""Packs that extend: `extends`, `disable`, `overrides` resolved into one Pack, and every way a
chain can be wrong reported at the line to fix (and never half-loaded)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.output.records import pack_label
from auditor.packs import DEFAULT_PACK, PackError, load_pack, validate_pack, validate_paths

BASE = load_pack(None)
ROOT = Path(__file__).resolve().parents[1]

LOCAL_ITEM = """\
area: 五 行政执法
items:
  - id: local.case_review
    title: 行政执法案卷评查
    source: 本地实施方案 三(二)
    match:
      any: [案卷评查]
    examples:
      pass: [全年组织行政执法案卷评查2次，抽查案卷120卷。]
      fail: [开展执法人员培训。]
"""


def write_pack(folder: Path, meta: str, files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(meta), encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def line_of(folder: Path, needle: str, name: str = "pack.yaml") -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def one_problem(folder: Path) -> tuple[str, int, str]:
    problems = validate_pack(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))
    p = problems[0]
    with pytest.raises(PackError):  # the same pack never loads
        load_pack(folder)
    return Path(p.path).name, p.line, p.message


def test_extends_disable_override_and_own_items(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "local", """\
        id: local-pack
        title: 本地规则包
        version: "2"
        extends: gangyao-2021-2025
        disable: [system.legislation, leadership.demonstration]
        overrides:
          enforce.three_systems: {weight: 3.0, key: false}
          function.power_list: {title: 本部门权责清单, phrases: [职责清单], applies_to: [department]}
        """, {"10-local.yaml": LOCAL_ITEM})
    pack = load_pack(folder)
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(BASE.rules) - 2 + 1
    assert "system.legislation" not in ids and "leadership.demonstration" not in ids
    assert pack.disabled == ("system.legislation", "leadership.demonstration")
    assert pack.info() == {"id": "local-pack", "version": "2",
                           "extends": [{"id": DEFAULT_PACK, "version": BASE.version}],
                           "disabled": ["system.legislation", "leadership.demonstration"]}
    rules = {r.id: r for r in pack.rules}
    three = rules["enforce.three_systems"]
    assert (three.weight, three.key, three.pack) == (3.0, False, DEFAULT_PACK)
    assert three.changed_by == (f"{folder / 'pack.yaml'}:7",)
    power = rules["function.power_list"]
    assert power.title == "本部门权责清单" and power.match.any[-1] == "职责清单"
    assert power.applies_to == frozenset({"department"})
    assert rules["local.case_review"].pack == "local-pack"
    # the own item joins its area (五 行政执法) instead of trailing after 十
    enforce = [i for i, r in enumerate(pack.rules) if r.area == "五 行政执法"]
    assert ids.index("local.case_review") == enforce[-1]
    assert enforce == list(range(enforce[0], enforce[-1] + 1))
    assert BASE.rules == load_pack(None).rules  # the shipped pack is untouched


def test_override_phrase_reaches_the_real_matcher(tmp_path: Path) -> None:
    from auditor.matching import match_document
    from auditor.reading import read_text

    sentence = "全面梳理本局职责边界，编制并公布部门履职事项目录。"
    assert not match_document(read_text(sentence), BASE)["function.power_list"]
    folder = write_pack(tmp_path / "p", """\
        id: p
        title: t
        version: "1"
        extends: gangyao-2021-2025
        overrides:
          function.power_list: {phrases: [履职事项目录]}
        """)
    assert match_document(read_text(sentence), load_pack(folder))["function.power_list"]


def test_chain_and_relative_path(tmp_path: Path) -> None:
    write_pack(tmp_path / "mid", """\
        id: mid
        title: 中间
        version: "1"
        extends: gangyao-2021-2025
        disable: [emergency.response]
        """, {"10-local.yaml": LOCAL_ITEM})
    leaf = write_pack(tmp_path / "leaf", """\
        id: leaf
        title: 末端
        version: "3"
        extends: ../mid
        disable: [local.case_review]
        overrides:
          dispute.litigation: {weight: 2}
        """)
    pack = load_pack(leaf)
    assert [(p.id, p.version) for p in pack.extends] == [("mid", "1"), (DEFAULT_PACK, BASE.version)]
    assert pack.disabled == ("emergency.response", "local.case_review")
    assert len(pack.rules) == len(BASE.rules) - 1
    assert pack_label(pack.info()) == f"leaf v3 ← mid v1 ← {DEFAULT_PACK} v{BASE.version}"


def test_pack_without_own_items_loads(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n')
    assert load_pack(folder).rules == BASE.rules or len(load_pack(folder).rules) == len(BASE.rules)


def test_extends_unknown_pack(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\n\nextends: gangyao-2031\n')
    name, line, message = one_problem(folder)
    assert (name, line) == ("pack.yaml", 5)
    assert "找不到规则包 'gangyao-2031'" in message


def test_extends_cycle(tmp_path: Path) -> None:
    write_pack(tmp_path / "a", 'id: a\ntitle: t\nversion: "1"\nextends: ../b\n')
    write_pack(tmp_path / "b", 'id: b\ntitle: t\nversion: "1"\nextends: ../a\n')
    name, line, message = one_problem(tmp_path / "a")
    assert (name, line) == ("pack.yaml", 4)
    assert "extends 成环：a → b → a" in message


def test_extends_itself(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "a", 'id: a\ntitle: t\nversion: "1"\nextends: .\n')
    assert "成环" in one_problem(folder)[2]


@pytest.mark.parametrize(("meta", "needle", "message"), [
    ("disable: [system.legislation, system.no_such]", "disable:", "继承的规则包里没有事项 'system.no_such'"),
    ("overrides:\n  enforce.nope: {weight: 2}", "enforce.nope", "继承的规则包里没有事项 'enforce.nope'"),
    ("disable: [emergency.response]\noverrides:\n  emergency.response: {weight: 2}",
     "emergency.response: {", "已被规则包 p 关闭，不能再修改"),
    ("disable: [emergency.response, emergency.response]", "disable:", "'emergency.response' 重复"),
    ("overrides:\n  enforce.discretion: {weigth: 2}", "weigth", "overrides enforce.discretion 中有未知字段 "
     "'weigth'；可用：weight, key, applies_to, title, phrases"),
    ("overrides:\n  enforce.discretion: {weight: 0}", "weight: 0", "weight 应为正数，实际是0"),
    ("overrides:\n  enforce.discretion: {}", "enforce.discretion", "没有要改的字段"),
    ("overrides:\n  enforce.discretion: {phrases: [裁量基准]}", "enforce.discretion",
     "'裁量基准' 已是该事项的锚定词"),
    ("overrides: [enforce.discretion]", "overrides:", "overrides 必须是"),
    ("disable: system.legislation", "disable:", "disable 应为列表"),
    ("disabled: [system.legislation]", "disabled:", "pack.yaml 中有未知字段 'disabled'"),
    ("disable: [Legislation]", "disable:", "事项编号 'Legislation' 格式不对"),
])
def test_bad_disable_and_overrides(tmp_path: Path, meta: str, needle: str, message: str) -> None:
    head = 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n'
    folder = write_pack(tmp_path / "p", head + meta + "\n")
    name, line, got = one_problem(folder)
    assert (name, line) == ("pack.yaml", line_of(folder, needle))
    assert message in got


def test_override_phrases_on_a_facets_only_item(tmp_path: Path) -> None:
    facet_only = next((r for r in BASE.rules if r.facets and not (r.match.any or r.match.patterns)), None)
    if facet_only is None:
        pytest.skip("the shipped pack has no facets-only item")
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n'
                        f"overrides:\n  {facet_only.id}: {{phrases: [某某制度]}}\n")
    assert "只有分面" in one_problem(folder)[2]


def test_disable_already_disabled_in_the_parent(tmp_path: Path) -> None:
    write_pack(tmp_path / "mid", 'id: mid\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n'
               "disable: [emergency.response]\n")
    leaf = write_pack(tmp_path / "leaf", 'id: leaf\ntitle: t\nversion: "1"\nextends: ../mid\n'
                      "disable: [emergency.response]\n")
    name, line, message = one_problem(leaf)
    assert (name, line) == ("pack.yaml", 5)
    assert "已被规则包 mid 关闭" in message


def test_redefining_an_inherited_id_names_both_places(tmp_path: Path) -> None:
    item = LOCAL_ITEM.replace("local.case_review", "enforce.three_systems")
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n',
                        {"10-local.yaml": item})
    name, line, message = one_problem(folder)
    first = next(r for r in BASE.rules if r.id == "enforce.three_systems")
    assert (name, line) == ("10-local.yaml", 3)
    assert f"已由规则包 {DEFAULT_PACK} 定义（{first.file}:{first.line}）" in message
    assert "overrides" in message


def test_two_packs_of_a_chain_defining_one_id(tmp_path: Path) -> None:
    write_pack(tmp_path / "mid", 'id: mid\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n',
               {"10-local.yaml": LOCAL_ITEM})
    leaf = write_pack(tmp_path / "leaf", 'id: leaf\ntitle: t\nversion: "1"\nextends: ../mid\n',
                      {"10-again.yaml": "\n" + LOCAL_ITEM})
    name, line, message = one_problem(leaf)
    assert (name, line) == ("10-again.yaml", 4)
    assert "'local.case_review' 已由规则包 mid 定义" in message


def test_own_items_need_their_own_namespace(tmp_path: Path) -> None:
    item = LOCAL_ITEM.replace("local.case_review", "enforce.case_review")
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n',
                        {"10-local.yaml": item})
    name, line, message = one_problem(folder)
    assert (name, line) == ("10-local.yaml", 3)
    assert "命名空间 'enforce'" in message and "local.case_review" in message


def test_problems_in_the_parent_are_reported_too(tmp_path: Path) -> None:
    bad = LOCAL_ITEM.replace("      any: [案卷评查]", "      any: [案卷评查]\n      anyy: [x]")
    write_pack(tmp_path / "mid", 'id: mid\ntitle: t\nversion: "1"\n', {"10-local.yaml": bad})
    leaf = write_pack(tmp_path / "leaf", 'id: leaf\ntitle: t\nversion: "1"\nextends: ../mid\n')
    name, line, message = one_problem(leaf)
    assert (name, line) == ("10-local.yaml", 8) and "未知字段 'anyy'" in message


def test_all_problems_of_a_chain_at_once(tmp_path: Path) -> None:
    folder = write_pack(tmp_path / "p", """\
        id: p
        title: t
        version: "1"
        extends: gangyao-2021-2025
        disable: [system.nope]
        overrides:
          enforce.nope: {weight: 2}
        """, {"10-local.yaml": LOCAL_ITEM.replace("local.case_review", "enforce.three_systems")})
    lines = sorted((Path(p.path).name, p.line) for p in validate_pack(folder))
    assert lines == [("10-local.yaml", 3), ("pack.yaml", 5), ("pack.yaml", 7)]
    assert validate_paths([str(folder)]) == validate_pack(folder)
    assert len(validate_paths([str(folder / "pack.yaml"), str(folder / "10-local.yaml")])) == 3


def test_cli_refuses_a_broken_chain_before_auditing(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: nowhere\n')
    report = Path(__file__).parents[1] / "reports" / "huozhou-2023.txt"
    out = tmp_path / "out.json"
    for cmd in (["audit", "--pack", str(folder), "-f", "json", "-o", str(out), str(report)],
                ["check", "--pack", str(folder), str(report)],
                ["export", "--pack", str(folder), "-o", str(tmp_path / "x.xlsx"), str(report)]):
        assert main(cmd) == 2, cmd
        err = capsys.readouterr().err
        assert f"{folder / 'pack.yaml'}:4: extends: 找不到规则包 'nowhere'" in err, err
        assert "Traceback" not in err
    assert not out.exists() and not (tmp_path / "x.xlsx").exists()


def test_pack_by_shipped_id_and_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_pack(DEFAULT_PACK) is load_pack(None)
    report = str(Path(__file__).parents[1] / "reports" / "huozhou-2023.txt")
    assert main(["audit", "--pack", "no-such-pack", report]) == 2
    err = capsys.readouterr().err
    assert "no-such-pack: 没有这个规则包" in err and DEFAULT_PACK in err


# --- auditor rules list / show / validate / test / docs --------------------------------------


def test_rules_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert main(["rules", "list", "--pack", "gangyao-2021-2025-department", "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["pack"]["extends"] == [{"id": DEFAULT_PACK, "version": BASE.version}]
    items = {i["id"]: i for i in doc["items"]}
    assert len(items) == doc["pack"]["items"] and "system.legislation" not in items
    assert items["dept.case_review"]["pack"] == "gangyao-2021-2025-department"
    assert items["dept.case_review"]["source"].startswith("纲要")
    assert items["enforce.three_systems"]["weight"] == 2.0 and items["enforce.three_systems"]["changed_by"]
    assert {"id", "title", "area", "key", "weight", "source"} <= set(items["thought.xi_law_thought"])


def test_rules_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--width", "140"]) == 0
    out = capsys.readouterr().out
    assert "enforce.three_systems" in out and "纲要 五(三)" in out and "★" in out


def test_rules_show_one_item(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "dept.enforcement_stats", "--pack", "gangyao-2021-2025-department"]) == 0
    out = capsys.readouterr().out
    for part in ("行政执法统计年报", "依据：纲要 五(三)", "锚定词：统计年报", "排除词：统计执法",
                 "正则（RE2）：`(执法", "[应命中] 按时报送2023年度行政执法统计年报", "[不应命中]",
                 "[自认不足]",
                 "20-enforce.yaml:3"):
        assert part in out, part
    assert main(["rules", "show", "enforce.three_system"]) == 2
    err = capsys.readouterr().err
    assert "没有事项 'enforce.three_system'" in err and "enforce.three_systems" in err
    assert main(["rules", "show", "system.legislation", "--pack", "gangyao-2021-2025-department"]) == 2
    assert "已被关闭" in capsys.readouterr().err


def test_rules_show_prints_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    main(["rules", "show", "leadership.first_responsible", "--pack", "gangyao-2021-2025-department"])
    out = capsys.readouterr().out
    assert out.startswith("leadership.first_responsible  部门主要负责人") and "修改：" in out
    assert "gangyao-2021-2025-department/pack.yaml:" in out


def test_rules_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "validate", "gangyao-2021-2025-department"]) == 0
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n'
                        "disable: [a.b]\noverrides:\n  c.d: {weight: 2}\n")
    capsys.readouterr()
    assert main(["rules", "validate", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0] for line in err] == [f"{folder / 'pack.yaml'}:5", f"{folder / 'pack.yaml'}:7"]


def test_rules_test_reports_each_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item = LOCAL_ITEM.replace("      fail: [开展执法人员培训。]",
                              "      fail: [开展执法人员培训。, 全年完成案卷评查3次。]\n"
                              "      gap: [积极开展案卷评查。]")
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\n', {"10-local.yaml": item})
    assert main(["rules", "test", str(folder)]) == 1
    out = capsys.readouterr().out
    where = f"{folder / '10-local.yaml'}:10"
    assert f"{where}: local.case_review 例句（不应命中）未通过：全年完成案卷评查3次。" in out
    assert "不应命中却找到证据：「全年完成案卷评查3次。」（achievement" in out
    assert "例句（自认不足）未通过：积极开展案卷评查。" in out and "证据类型是 achievement，应为 gap" in out
    assert "4 条例句（1 个事项）：2 条通过，2 条未通过" in out
    good = write_pack(tmp_path / "q", 'id: q\ntitle: t\nversion: "1"\n', {"10-local.yaml": LOCAL_ITEM})
    assert main(["rules", "test", str(good)]) == 0
    assert "2 条例句（1 个事项）：2 条通过，0 条未通过" in capsys.readouterr().out
    broken = write_pack(tmp_path / "r", 'id: r\ntitle: t\nversion: "1"\nextends: nowhere\n')
    assert main(["rules", "test", str(broken)]) == 2


def test_rules_test_names_what_matched_instead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item = LOCAL_ITEM.replace("      pass: [全年组织行政执法案卷评查2次，抽查案卷120卷。]",
                              "      pass: [聘请特邀行政执法监督员12名。]")
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n',
                        {"10-local.yaml": item})
    assert main(["rules", "test", str(folder)]) == 1
    assert "没有证据；这句话命中的是：oversight.enforcement_supervision" in capsys.readouterr().out


def test_rules_docs_writes_one_page_per_pack(tmp_path: Path) -> None:
    assert main(["rules", "docs", "-o", str(tmp_path / "docs")]) == 0
    pages = sorted(p.name for p in (tmp_path / "docs").glob("*.md"))
    assert pages == ["README.md", "gangyao-2021-2025-department.md", "gangyao-2021-2025.md"]
    dept = (tmp_path / "docs" / "gangyao-2021-2025-department.md").read_text(encoding="utf-8")
    assert "继承自：[`gangyao-2021-2025`](gangyao-2021-2025.md) v1" in dept
    assert "- `system.legislation` 加强重要领域立法与立法机制" in dept
    assert "| `enforce.three_systems` |" in dept  # the override table
    assert "### `dept.case_review` 行政执法案卷评查" in dept
    assert "不应命中：聘请特邀行政执法监督员12名" in dept
    assert str(ROOT) not in dept and "/work/" not in dept  # paths relative to the pack folder


def test_disabling_an_umbrella_part_drops_it_from_parts() -> None:
    """Issue 7 adds `parts` to Rule (umbrella items); until then this documents the contract."""
    import dataclasses

    from auditor.packs.meta import PackMeta
    from auditor.packs.resolve import Local, merge

    if "parts" not in {f.name for f in dataclasses.fields(BASE.rules[0])}:
        pytest.skip("Rule has no `parts` field yet (issue 7)")
    by_id = {r.id: r for r in BASE.rules}
    umbrella = dataclasses.replace(by_id["enforce.three_systems"], parts=(
        "enforce.publicity", "enforce.full_record", "enforce.legal_review"))
    parts = [by_id[i] for i in umbrella.parts]
    base = Local("base", PackMeta(id="base", version="1"), (umbrella, *parts), ())
    child = Local("child", PackMeta(id="child", version="1", extends="base",
                                    disable=(("enforce.full_record", 3),)), (), ())
    pack, problems = merge((child, base))
    assert not problems and pack is not None
    rules = {r.id: r for r in pack.rules}
    assert rules["enforce.three_systems"].parts == ("enforce.publicity", "enforce.legal_review")
    off = Local("off", PackMeta(id="off", version="1", extends="base",
                                disable=(("enforce.three_systems", 3),)), (), ())
    pack, _problems = merge((off, base))
    assert {"enforce.publicity", "enforce.full_record", "enforce.legal_review"} <= {r.id for r in pack.rules}


def test_validating_one_file_of_an_extending_pack_resolves_the_chain(tmp_path: Path) -> None:
    item = LOCAL_ITEM.replace("local.case_review", "enforce.case_review")
    folder = write_pack(tmp_path / "p", 'id: p\ntitle: t\nversion: "1"\nextends: gangyao-2021-2025\n'
                        "disable: [a.b]\n", {"10-local.yaml": item, "20-ok.yaml": LOCAL_ITEM})
    problems = validate_paths([str(folder / "10-local.yaml")])
    assert [(Path(p.path).name, p.line) for p in problems] == [("10-local.yaml", 3)]  # not pack.yaml's
    assert "命名空间 'enforce'" in problems[0].message
    assert validate_paths([str(folder / "20-ok.yaml")]) == []

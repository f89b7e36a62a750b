"""Rule pack loading and validation: every error kind names its file and exact line."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.packs import (
    DEFAULT_PACK,
    PackError,
    Problem,
    default_pack_path,
    load_pack,
    validate_pack,
    validate_paths,
)
from auditor.packs.schema import IGNORED

PACK_YAML = 'id: test-pack\ntitle: 测试规则包\nversion: "1"\n'

GOOD_ITEM = """\
  - id: function.power_list
    title: 权责清单
    source: 纲要 二(一)
    match:
      any: [权责清单, 负面清单]
"""


def make_pack(tmp_path: Path, files: dict[str, str], meta: str | None = PACK_YAML) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(parents=True, exist_ok=True)
    if meta is not None:
        (folder / "pack.yaml").write_text(meta, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def marked(text: str) -> tuple[str, int]:
    """Strip the `#<` marker and return the 1-based line it was on: the line the error must name."""
    text = textwrap.dedent(text)
    lines = text.splitlines()
    line = next(i for i, s in enumerate(lines, 1) if "#<" in s)
    return text.replace("  #<", "").replace(" #<", "").replace("#<", ""), line


def only_problem(tmp_path: Path, text: str, name: str = "01-area.yaml") -> tuple[Problem, int]:
    body, line = marked(text)
    folder = make_pack(tmp_path, {name: body})
    problems = validate_pack(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0], line


def area(items: str) -> str:
    return "area: 二 政府机构职能\nitems:\n" + textwrap.dedent(items)


# (case id, file text with `#<` on the offending line, expected message fragment)
CASES = [
    ("yaml-syntax", area("""\
        - id: function.power_list
          title: 权责清单
          source: 纲要 二(一)
          match:
            any: [权责清单, 负面清单
          key: true  #<
        """), "YAML syntax error: did not find expected ',' or ']'"),
    ("yaml-tab", area("""\
        - id: function.power_list
        \ttitle: 权责清单  #<
        """), "YAML syntax error: found a tab character"),
    ("unknown-area-field", "area: x\nareas: y  #<\nitems: []\n",
     "unknown field 'areas' in area file; allowed: area, items"),
    ("unknown-item-field", area(GOOD_ITEM + "    weigth: 2  #<\n"),
     "unknown field 'weigth' in item; allowed: id, title, source, weight"),
    ("unknown-match-field", area(GOOD_ITEM + "      thresold: 90  #<\n"),
     "unknown field 'thresold' in item function.power_list match; allowed: any, all, not, patterns,"
     " threshold"),
    ("unknown-example-field", area(GOOD_ITEM + "    examples:\n      passes: [a]  #<\n"),
     "unknown field 'passes' in examples; allowed: pass, fail"),
    ("duplicate-field", area(GOOD_ITEM + "    title: again  #<\n"),
     "duplicate field 'title' in item (first on line 4)"),
    ("missing-id", area("""\
        - title: 权责清单  #<
          source: 纲要 二(一)
          match: {any: [权责清单]}
        """), "item is missing required field 'id'"),
    ("missing-title", area("""\
        - id: function.power_list  #<
          source: 纲要 二(一)
          match: {any: [权责清单]}
        """), "item is missing required field 'title'"),
    ("missing-source", area("""\
        - id: function.power_list  #<
          title: 权责清单
          match: {any: [权责清单]}
        """), "item is missing required field 'source'"),
    ("missing-match", area("""\
        - id: function.power_list  #<
          title: 权责清单
          source: 纲要 二(一)
        """), "item needs `match` or `facets`"),
    ("missing-area", "items: []  #<\n", "area file is missing required field 'area'"),
    ("title-int", area("""\
        - id: function.power_list
          title: 2021  #<
          source: 纲要 二(一)
          match: {any: [权责清单]}
        """), "title must be a string, got an integer '2021' (quote it)"),
    ("key-not-bool", area(GOOD_ITEM + "    key: maybe  #<\n"),
     "key must be true or false, got a string 'maybe'"),
    ("items-not-list", "area: x\nitems: {id: a.b}  #<\n", "items must be a list"),
    ("item-not-mapping", "area: x\nitems:\n  - function.power_list  #<\n",
     "item must be a mapping, got a string"),
    ("bad-id", area("""\
        - id: Function-Power  #<
          title: 权责清单
          source: 纲要 二(一)
          match: {any: [权责清单]}
        """), "item id 'Function-Power' must look like area.name"),
    ("empty-any", area(GOOD_ITEM.replace("[权责清单, 负面清单]", "[]  #<")), "match any is an empty list"),
    ("empty-phrase", area(GOOD_ITEM.replace("[权责清单, 负面清单]", '[权责清单, ""]  #<')),
     "must not be empty"),
    ("quote-only-phrase", area(GOOD_ITEM.replace("[权责清单, 负面清单]", '[权责清单, "“、”"]  #<')),
     "is empty once quotes, 、 and spaces are ignored"),
    ("duplicate-phrase", area(GOOD_ITEM.replace("[权责清单, 负面清单]", "[权责清单, 权责清单]  #<")),
     "duplicate phrase '权责清单' in item function.power_list match any"),
    ("duplicate-phrase-quotes", area(GOOD_ITEM.replace("[权责清单, 负面清单]", '[放管服, "“放管服”"]  #<')),
     "(same as '放管服' once quotes are ignored)"),
    ("any-and-not", area(GOOD_ITEM + "      not: [下一步, 负面清单]  #<\n"),
     "phrase '负面清单' is in both any and not"),
    ("short-anchor", area(GOOD_ITEM.replace("[权责清单, 负面清单]", "[权责清单, 法]  #<")),
     "anchor phrase '法' in item function.power_list match any is shorter than 2 characters"),
    ("dangling-gap", area(GOOD_ITEM.replace("[权责清单, 负面清单]", "[权责清单, 编制…]  #<")),
     "starts or ends with `…`"),
    ("gap-in-not", area(GOOD_ITEM + "      not: [下一步…计划]  #<\n"), "`…` gaps only work in `any` phrases"),
    ("all-flat", area(GOOD_ITEM + "      all: [编制, 公布]  #<\n"),
     "match all must be a list of phrase groups, e.g. all: [[编制, 公布], [清单]]; "
     "group 1 is a string '编制'"),
    ("all-empty-group", area(GOOD_ITEM + "      all: [[编制], []]  #<\n"),
     "match all group 2 is an empty list"),
    ("all-not-list", area(GOOD_ITEM + "      all: 编制  #<\n"), "match all must be a list"),
    ("threshold-high", area(GOOD_ITEM + "      threshold: 101  #<\n"),
     "threshold must be an integer 0..100, got 101"),
    ("threshold-float", area(GOOD_ITEM + "      threshold: 88.5  #<\n"),
     "threshold must be an integer 0..100, got a number '88.5'"),
    ("threshold-bool", area(GOOD_ITEM + "      threshold: true  #<\n"),
     "threshold must be an integer 0..100"),
    ("gap-zero", area(GOOD_ITEM + "      gap: 0  #<\n"), "gap must be an integer 1..100, got 0"),
    ("gap-high", area(GOOD_ITEM + "      gap: 101  #<\n"), "gap must be an integer 1..100, got 101"),
    ("weight-zero", area(GOOD_ITEM + "    weight: 0  #<\n"), "weight must be a positive number, got 0"),
    ("weight-negative", area(GOOD_ITEM + "    weight: -1.5  #<\n"),
     "weight must be a positive number, got -1.5"),
    ("weight-string", area(GOOD_ITEM + "    weight: heavy  #<\n"),
     "weight must be a positive number, got a string"),
    ("weight-inf", area(GOOD_ITEM + "    weight: .inf  #<\n"), "weight must be a positive number"),
    ("applies-word", area(GOOD_ITEM + "    applies_to: everyone  #<\n"),
     "applies_to must be `all` or a list of levels: province, city, county, township, department"),
    ("applies-level", area(GOOD_ITEM + "    applies_to: [city, town]  #<\n"),
     "unknown level 'town' in applies_to"),
    ("applies-empty", area(GOOD_ITEM + "    applies_to: []  #<\n"), "applies_to must not be empty"),
    ("applies-twice", area(GOOD_ITEM + "    applies_to: [city, city]  #<\n"), "level 'city' listed twice"),
    ("unknown-type", area(GOOD_ITEM + "    type: regex  #<\n"),
     "unknown rule type 'regex'; known types: phrases, facets"),
    ("facets-type-no-facets", area(GOOD_ITEM + "    type: facets  #<\n"),
     "type facets needs a `facets:` list"),
    ("phrases-type-with-facets", area(GOOD_ITEM + "    type: phrases  #<\n    facets:\n"
                                      "      - {name: 公示, match: {any: [执法公示]}}\n"),
     "type phrases ignores `facets`"),
    ("facet-no-name", area(GOOD_ITEM + "    facets:\n      - match: {any: [执法公示]}  #<\n"),
     "facet is missing required field 'name'"),
    ("facet-no-match", area(GOOD_ITEM + "    facets:\n      - name: 公示  #<\n"),
     "facet is missing required field 'match'"),
    ("facet-dup-name", area(GOOD_ITEM + "    facets:\n      - {name: 公示, match: {any: [执法公示]}}\n"
                            "      - {name: 公示, match: {any: [公示平台]}}  #<\n"),
     "duplicate facet name '公示' (first on line 9)"),
    ("facets-empty", area(GOOD_ITEM + "    facets: []  #<\n"), "facets is an empty list"),
    ("match-no-anchor", area("""\
        - id: function.power_list
          title: 权责清单
          source: 纲要 二(一)
          match:
            all: [[编制]]  #<
        """), "needs `any` phrases or `patterns` to anchor on"),
    ("bad-re2", area(GOOD_ITEM + "      patterns: ['权责清单.{0,6}调整', '(调整']  #<\n"),
     "invalid RE2 pattern '(调整' in item function.power_list match patterns: missing )"),
    ("re2-lookahead", area(GOOD_ITEM + "      patterns: ['清单(?=调整)']  #<\n"),
     "invalid perl operator: (?="),
    ("re2-backref", area(GOOD_ITEM + "      patterns: ['(清单)\\1']  #<\n"), "invalid RE2 pattern"),
    ("pattern-empty-match", area(GOOD_ITEM + "      patterns: ['(清单)?']  #<\n"),
     "matches the empty string"),
    ("examples-not-list", area(GOOD_ITEM + "    examples:\n      pass: 一句话  #<\n"),
     "examples pass must be a list"),
    ("example-not-string", area(GOOD_ITEM + "    examples:\n      fail: [一句话, 2021]  #<\n"),
     "example in examples fail must be a string, got an integer '2021'"),
    ("examples-not-mapping", area(GOOD_ITEM + "    examples: [一句话]  #<\n"), "examples must be a mapping"),
    ("unsafe-tag", area("""\
        - id: function.power_list
          title: !!python/object/apply:os.system ["echo pwned"]  #<
          source: 纲要 二(一)
          match: {any: [权责清单]}
        """), "title must be a string, got a list"),
    ("empty-file", "#<\n", "file is empty"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_error_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    problem, line = only_problem(tmp_path, text)
    assert problem.path.endswith("01-area.yaml")
    assert problem.line == line, str(problem)
    assert message in problem.message, str(problem)
    assert str(problem).startswith(f"{problem.path}:{line}: ")


def test_all_problems_in_a_file_are_reported_together(tmp_path: Path) -> None:
    body = area("""\
        - id: function.power_list
          title: 2021
          source: 纲要 二(一)
          weight: 0
          match:
            any: [权责清单, 权责清单]
            threshold: 101
        - id: Bad
          title: t
          source: s
          type: regex
          match: {any: [清单]}
        """)
    folder = make_pack(tmp_path, {"01-area.yaml": body})
    problems = validate_pack(folder)
    assert [p.line for p in problems] == [4, 6, 8, 9, 10, 13]
    assert all(p.path == str(folder / "01-area.yaml") for p in problems)
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert caught.value.problems == problems
    assert str(caught.value).startswith(f"{folder / '01-area.yaml'}:4: title must be a string")
    assert "(+5 more; run `auditor rules validate" in str(caught.value)
    assert isinstance(caught.value, AuditorError)


def test_problems_across_files_are_all_reported(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM + "    key: 1\n"),
                                  "02-b.yaml": "area: x\nitems: 3\n"}, meta="id: x\ntitle: t\n")
    got = [(Path(p.path).name, p.line) for p in validate_pack(folder)]
    assert got == [("pack.yaml", 1), ("01-a.yaml", 8), ("02-b.yaml", 2)]


def test_duplicate_id_across_files_names_the_first(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM), "02-b.yaml": area("\n" + GOOD_ITEM)})
    (problem,) = validate_pack(folder)
    assert (Path(problem.path).name, problem.line) == ("02-b.yaml", 4)
    assert f"duplicate item id 'function.power_list' (first defined at {folder / '01-a.yaml'}:3)" \
        in problem.message


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM + GOOD_ITEM)})
    (problem,) = validate_pack(folder)
    assert problem.line == 8
    assert "duplicate item id 'function.power_list' (first defined at line 3)" in problem.message


def test_pack_yaml_required_fields(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM)}, meta="id: x\ntitle: t\nowner: me\n")
    got = [(p.line, p.message) for p in validate_pack(folder)]
    assert got == [(3, "unknown field 'owner' in pack.yaml; allowed: id, title, version, description, "
                       "extends, disable, overrides"),
                   (1, "pack.yaml is missing required field 'version'")]
    assert all(p.path == str(folder / "pack.yaml") for p in validate_pack(folder))


def test_pack_yaml_version_must_be_quoted(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM)}, meta="id: x\ntitle: t\nversion: 1.10\n")
    (problem,) = validate_pack(folder)
    assert (problem.line, problem.message) == (3, "version must be a string, got a number '1.10' (quote it)")


def test_folder_without_pack_yaml_derives_id(tmp_path: Path) -> None:
    pack = load_pack(make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM)}, meta=None))
    assert (pack.id, pack.version, len(pack.rules)) == ("pack", "", 1)


def test_folder_without_area_files(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {})
    (problem,) = validate_pack(folder)
    assert "no area files" in problem.message and problem.path == str(folder)


def test_yml_suffix_is_flagged(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM), "02-b.yml": "area: x\nitems: []\n"})
    (problem,) = validate_pack(folder)
    assert problem.path.endswith("02-b.yml") and "must end in .yaml" in problem.message


def test_loaded_rules_carry_file_line_area_and_defaults(tmp_path: Path) -> None:
    second = area("""\
        - id: enforce.three_systems
          title: 行政执法三项制度
          source: 纲要 五(三)
          key: true
          weight: 2
          applies_to: [city, county]
          facets:
            - name: 公示
              match: {any: [执法公示], not: [下一步]}
          examples:
            pass: [一, 二]
            fail: [三]
        """).replace("二 政府机构职能", "五 行政执法")
    first = area(GOOD_ITEM + "      not: [下一步]\n      all: [[编制, 公布]]\n      gap: 6\n")
    folder = make_pack(tmp_path, {"20-enforce.yaml": second, "10-function.yaml": first})
    pack = load_pack(folder)
    assert (pack.id, pack.title, pack.version, pack.path) == ("test-pack", "测试规则包", "1", str(folder))
    one, two = pack.rules
    assert (one.id, one.file, one.line, one.area, one.type) == (
        "function.power_list", str(folder / "10-function.yaml"), 3, "二 政府机构职能", "phrases")
    assert one.match.not_ == ("下一步",) and one.match.all == (("编制", "公布"),)
    assert (one.match.gap, one.match.threshold, one.weight, one.key) == (6, 88, 1.0, False)
    assert one.applies_to == frozenset({"all"})
    assert (two.id, two.line, two.area, two.type, two.key, two.weight) == (
        "enforce.three_systems", 3, "五 行政执法", "facets", True, 2.0)
    assert two.applies_to == frozenset({"city", "county"})
    assert two.facets[0].name == "公示" and two.facets[0].match.not_ == ("下一步",)
    assert [(e.text, e.status) for e in two.examples] == [("一", "pass"), ("二", "pass"), ("三", "fail")]


def test_single_area_file_and_pack_yaml_paths(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM)})
    single = load_pack(folder / "01-a.yaml")
    assert (single.id, single.title, [r.id for r in single.rules]) == (
        "01-a", "二 政府机构职能", ["function.power_list"])
    assert load_pack(str(folder / "pack.yaml")).id == "test-pack"


def test_anchors_and_merge_keys_load_like_safe_load(tmp_path: Path) -> None:
    body = area("""\
        - id: function.power_list
          title: 权责清单
          source: 纲要 二(一)
          match: &m {any: [权责清单], threshold: 90}
        - id: function.regulation
          title: 事中事后监管
          source: 纲要 二(二)
          match: {<<: *m, any: [双随机]}
        """)
    pack = load_pack(make_pack(tmp_path, {"01-a.yaml": body}))
    assert pack.rules[1].match.any == ("双随机",) and pack.rules[1].match.threshold == 90


def test_cache_returns_same_pack_until_a_file_changes(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM)})
    first = load_pack(folder)
    assert load_pack(folder) is first
    path = folder / "01-a.yaml"
    path.write_text(area(GOOD_ITEM.replace("负面清单]", "负面清单, 监管事项清单]")), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    again = load_pack(folder)
    assert again is not first and "监管事项清单" in again.rules[0].match.any


def test_missing_path_is_an_auditor_error(tmp_path: Path) -> None:
    with pytest.raises(AuditorError, match="没有这个规则包"):
        load_pack(tmp_path / "nope")


def test_loading_45_items_with_every_match_key(tmp_path: Path) -> None:
    items = "".join(
        f"  - id: area.item_{n}\n    title: 第{n}项\n    source: 纲要\n    match:\n"
        f"      any: [权责清单{n}, 负面清单{n}, 编制…公布{n}]\n      all: [[编制, 公布]]\n"
        f"      not: [下一步]\n      patterns: ['清单.{{0,6}}调整{n}']\n"
        f"    examples:\n      pass: [甲{n}, 乙{n}]\n      fail: [丙{n}, 丁{n}]\n"
        for n in range(45))
    load_pack(make_pack(tmp_path / "warm", {"01-a.yaml": area(GOOD_ITEM)}))  # first-use imports
    folder = make_pack(tmp_path, {"01-a.yaml": f"area: 二\nitems:\n{items}"})
    pack = load_pack(folder)  # load time is measured by scripts/bench.py, not asserted here
    assert len(pack.rules) == 45
    assert pack.rules[44].match.patterns == ("清单.{0,6}调整44",)


def test_validate_paths_groups_loose_files_by_folder(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM), "02-b.yaml": area(GOOD_ITEM)})
    other = make_pack(tmp_path / "o", {"01-a.yaml": area(GOOD_ITEM)})
    files = [str(folder / "pack.yaml"), str(folder / "01-a.yaml"), str(folder / "02-b.yaml"),
             str(other / "01-a.yaml")]
    problems = validate_paths(files)
    assert [(Path(p.path).name, p.line) for p in problems] == [("02-b.yaml", 3)]  # not flagged across packs
    assert validate_paths([str(other)]) == []
    assert validate_paths([str(tmp_path / "missing.yaml")]) == [
        Problem(str(tmp_path / "missing.yaml"), 0, "no such file or folder")]
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert "not a rule file" in validate_paths([str(tmp_path / "notes.txt")])[0].message


def test_validate_paths_dedupes_repeated_paths(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"01-a.yaml": area(GOOD_ITEM + "    key: 1\n")})
    bad = str(folder / "01-a.yaml")
    assert len(validate_paths([bad, bad, str(folder)])) == 1


def test_problem_without_line_renders_path_only() -> None:
    assert str(Problem("a/b.yaml", 0, "cannot read file")) == "a/b.yaml: cannot read file"


def test_ignored_characters_agree_with_the_matcher() -> None:
    compiled = pytest.importorskip("auditor.matching.compiled", reason="matcher dependencies missing")
    assert set(compiled._DROP) == {ord(c) for c in IGNORED}


def test_default_pack_path_points_at_the_shipped_pack() -> None:
    assert default_pack_path().name == DEFAULT_PACK


def test_default_pack_loads() -> None:
    folder = default_pack_path()
    if not folder.is_dir() or not any(folder.glob("[!p]*.yaml")):
        pytest.skip(f"rules/{DEFAULT_PACK} has no area files yet")
    problems = validate_pack(folder)
    assert not problems, "\n".join(map(str, problems))
    pack = load_pack()
    assert pack.id == DEFAULT_PACK and pack.rules
    assert load_pack() is pack  # cached

"""The shipped pack agrees with the shared item spec and meets the content bar for rule data.

The loader already rejects malformed files; these checks are about the data itself: the 45
items of ../shared/spec/items.tsv, enough examples to test each rule, and anchors specific
enough not to light up on every sentence of a 法治政府 report.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from auditor.packs import DEFAULT_PACK, Pack, Rule, default_pack_path, load_pack, validate_pack
from auditor.packs.schema import GAP, phrase_key

ITEMS_TSV = Path(__file__).parents[2] / "shared/spec/items.tsv"

# Words every 法治政府建设 report uses in nearly every paragraph: an item anchored only on these
# would be "covered" by any report at all.
GENERIC = frozenset({
    "法治", "依法", "法律", "法规", "政府", "工作", "建设", "制度", "推进", "加强", "落实", "行政",
    "管理", "改革", "机制", "规范", "完善", "开展", "服务", "监督", "执法", "法治政府", "依法行政",
    "法治建设", "全面", "深化", "健全",
})


@pytest.fixture(scope="module")
def pack() -> Pack:
    folder = default_pack_path()
    if not folder.is_dir() or not [p for p in folder.glob("*.yaml") if p.name != "pack.yaml"]:
        pytest.skip(f"rules/{DEFAULT_PACK} has no area files yet")
    problems = validate_pack(folder)
    assert not problems, "\n".join(map(str, problems))
    return load_pack()


@pytest.fixture(scope="module")
def spec() -> dict[str, dict[str, str]]:
    if not ITEMS_TSV.is_file():
        pytest.skip(f"shared item spec not found at {ITEMS_TSV}")
    with ITEMS_TSV.open(encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f, delimiter="\t")}


def where(rule: Rule) -> str:
    return f"{rule.file}:{rule.line}: {rule.id}"


def anchor_lists(rule: Rule) -> list[tuple[str, ...]]:
    return [m.any for m in (rule.match, *(f.match for f in rule.facets)) if m.any]


def test_ids_unique(pack: Pack) -> None:
    repeated = [i for i, n in Counter(r.id for r in pack.rules).items() if n > 1]
    assert not repeated


def test_ids_are_exactly_the_shared_items(pack: Pack, spec: dict[str, dict[str, str]]) -> None:
    ids = {r.id for r in pack.rules}
    assert sorted(set(spec) - ids) == [], "items in items.tsv without a rule"
    assert sorted(ids - set(spec)) == [], "rules not in items.tsv"


def test_order_follows_the_spec_within_areas(pack: Pack, spec: dict[str, dict[str, str]]) -> None:
    """Areas and items read in 纲要 order, which is the order the spec lists them."""
    order = {item: n for n, item in enumerate(spec)}
    ours = [order[r.id] for r in pack.rules if r.id in order]
    assert ours == sorted(ours)


@pytest.mark.parametrize("field", ["area", "source", "applies_to", "key"])
def test_fields_agree_with_the_spec(pack: Pack, spec: dict[str, dict[str, str]], field: str) -> None:
    wrong = []
    for rule in pack.rules:
        row = spec.get(rule.id)
        if row is None:
            continue
        expected: object = row[field]
        got: object = getattr(rule, field)
        if field == "applies_to":
            expected = frozenset(x.strip() for x in row[field].split(","))
        elif field == "key":
            expected = row[field] == "yes"
        if got != expected:
            wrong.append(f"{where(rule)}: {field} is {got!r}, items.tsv says {expected!r}")
    assert not wrong, "\n".join(wrong)


def test_phrases_deduplicated_within_each_item(pack: Pack) -> None:
    """No anchor twice in one item, even across facets: a sentence should not count twice."""
    repeats = []
    for rule in pack.rules:
        anchors = Counter(phrase_key(p) for phrases in anchor_lists(rule) for p in phrases)
        repeats += [f"{where(rule)}: anchor {p!r} appears {n} times" for p, n in anchors.items() if n > 1]
        for m in (rule.match, *(f.match for f in rule.facets)):
            for phrases in (m.not_, *m.all):
                counted = Counter(phrase_key(p) for p in phrases)
                repeats += [f"{where(rule)}: {p!r} repeated" for p, n in counted.items() if n > 1]
    assert not repeats, "\n".join(repeats)


def test_every_item_has_two_pass_and_two_fail_examples(pack: Pack) -> None:
    short = []
    for rule in pack.rules:
        kinds = Counter(e.status for e in rule.examples)
        if kinds["pass"] < 2 or kinds["fail"] < 2:
            short.append(f"{where(rule)}: {kinds['pass']} pass, {kinds['fail']} fail examples")
    assert not short, "\n".join(short)


def test_examples_are_distinct_sentences(pack: Pack) -> None:
    repeats = [f"{where(r)}: {t!r}" for r in pack.rules
               for t, n in Counter(e.text for e in r.examples).items() if n > 1]
    assert not repeats, "\n".join(repeats)


def test_anchors_are_at_least_two_characters(pack: Pack) -> None:
    short = [f"{where(r)}: {p!r}" for r in pack.rules for phrases in anchor_lists(r) for p in phrases
             if len(phrase_key(p).replace(GAP, "")) < 2]
    assert not short, "\n".join(short)


def test_no_item_rests_only_on_generic_words(pack: Pack) -> None:
    generic = []
    for rule in pack.rules:
        for phrases in anchor_lists(rule):
            if all(phrase_key(p) in GENERIC for p in phrases):
                generic.append(f"{where(rule)}: anchors {list(phrases)} are all generic report words")
        if not anchor_lists(rule) and not rule.match.patterns:
            generic.append(f"{where(rule)}: no anchor phrases at all")
    assert not generic, "\n".join(generic)


def test_pack_metadata(pack: Pack) -> None:
    assert (pack.id, pack.version) == (DEFAULT_PACK, "1")
    assert pack.title.startswith("法治政府建设实施纲要")

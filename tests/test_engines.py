"""Issue 12 (sixth pass): a pack pattern whose shape bounds its backtracking runs on Python's re,
any other on RE2 (matching.engines). Checked: re finds the span RE2 finds, for every pattern of
both shipped packs on every sentence of every sample and dev report and on the joined text;
every construct the two engines read differently, and every shape without a small bound,
stays with RE2; a Quick survives pickling (compiled packs go to process pools)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import re2

from auditor.matching.compiled import _SPAN_ONLY, compile_pack
from auditor.matching.engines import Quick, quick
from auditor.matching.rules import _first_span
from auditor.packs import load_pack
from auditor.reading import read_path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*/*.txt"))
PACKS = [None, "gangyao-2021-2025-department"]


def _pack_patterns(name: str | None) -> list[str]:
    pack = load_pack(name)
    out: set[str] = set()
    for rule in pack.rules:
        shortcoming = [rule.shortcoming] if rule.shortcoming else []
        for m in [rule.match, *(f.match for f in rule.facets), *shortcoming]:
            out.update(m.patterns)
    return sorted(out)


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    out = []
    for path in REPORTS:
        out += [s.norm for s in read_path(str(path)).sentences]
    assert len(out) > 2000
    return out


@pytest.mark.parametrize("name", PACKS)
def test_quick_patterns_find_what_re2_finds(name: str | None, sentences: list[str]) -> None:
    patterns = _pack_patterns(name)
    quick_ones = [(p, q) for p in patterns if (q := quick(p)) is not None]
    # nearly all of the shipped patterns are of the quick shape (those with \d stay on RE2)
    assert len(quick_ones) >= 0.9 * len(patterns)
    joined = "\n".join(sentences)
    hits = 0
    for p, q in quick_ones:
        slow = re2.compile("(?m)" + p, _SPAN_ONLY)
        for text in sentences:
            want = _first_span(slow, text)
            assert _first_span(q, text) == want, (p, text)
            hits += want is not None
        assert [m.span() for m in q.finditer(joined)] == [m.span() for m in slow.finditer(joined)], p
    assert hits > 200


@pytest.mark.parametrize("pattern", [
    r"公示[^。]{0,10}\d+件",  # \d: ASCII digits in RE2, every Unicode digit in re
    r"法治\b",  # \b: ASCII word characters in RE2
    r"[[:digit:]]件",  # a POSIX class: a set of '[', ':', 'd', … to re
    r"法{,3}治",  # RE2 reads {,3} as text, re as {0,3}
    r"(?i)abc",  # flags
    r"\pN件",
    r"(?=法治)法",  # look-around (RE2 refuses it; re must not take it either)
    r"法治.*考核",  # unbounded repeats
    r"(法治[^。]{0,6})+考核",
    r"(a|aa|aaa)[^x]{0,25}(a|aa|aaa)[^x]{0,25}c",  # bounded, but 6,084 ways from one start
    r"([^x]{0,6}){0,4}c",
])
def test_unsafe_or_unbounded_patterns_stay_with_re2(pattern: str) -> None:
    assert quick(pattern) is None


@pytest.mark.parametrize("pattern", [
    r"(中心组|常务会议?|党组会议?)[^。;\n]{0,20}(学习|专题)[^。;\n]{0,20}习近平法治思想",
    r"^关于.{0,10}的报告$",
    r"(执法|处罚)(事项|权|权限)[^。;\n]{0,10}(下放|承接|赋予)",
    r"[^x]{0,40}[^x]{0,40}c",  # 1,681 ways: within the bound
])
def test_bounded_patterns_go_to_re(pattern: str) -> None:
    assert isinstance(quick(pattern), Quick)


def test_the_compiled_pack_uses_both_and_pickles() -> None:
    compiled = compile_pack(load_pack(None))
    engines = [p for main, facets in compiled.matches.values()
               for m in ([main] if main else []) + [f for _, f in facets] for p in m.patterns]
    assert any(isinstance(p, Quick) for p in engines)
    assert any(not isinstance(p, Quick) for p in engines)  # the \d patterns
    q = quick(r"(常务会议?|中心组)[^。;\n]{0,20}(学习|专题)")
    text = "市政府常务会议专题学习习近平法治思想。县委中心组学习。"
    assert [m.span() for m in q.finditer(text)] == [(3, 11), (21, 26)]  # compiled on first use
    back = pickle.loads(pickle.dumps(q))
    assert back.pattern == q.pattern
    assert [m.span() for m in back.finditer(text)] == [(3, 11), (21, 26)]

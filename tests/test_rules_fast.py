"""Issue 12, sixth pass (s2): the shortcuts rules.anchor_hits takes, each against the plain way.

- A fuzzy phrase's partial_ratio is asked only of sentences whose shared characters allow the
  threshold (rules._near): the bound must never be below the score rapidfuzz gives.
- A pattern's candidate sentences are walked off its most selective word set's occurrences
  only, the other sets tested on each sentence's word set (rules._candidates): the same
  sentences as intersecting every set's sentences.
- A one-part phrase's hits are filed straight from the scan's occurrences, and an `A…B` phrase's
  table is taken as the match's own: no call may change a table of the index.
(tests/test_rules_shared.py checks whole matches against the plain path on every dev report.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from auditor.matching.compiled import compile_pack
from auditor.matching.index import index_texts
from auditor.matching.rules import _candidates, _out_of_reach, anchor_hits, match_sentences
from auditor.packs import load_pack
from auditor.reading import read_path
from tests.test_one_scan_routing import _matches

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*/*.txt"))
PACKS = [None, "gangyao-2021-2025-department"]


def _bound(part: str, chars: tuple[tuple[str, int], ...], text: str) -> float:
    """The most partial_ratio can score, as rules._near reckons it."""
    common = sum(min(k, text.count(ch)) for ch, k in chars)
    return 200 * common / (min(len(part), len(text)) + common) if common else 0.0


def _index(path: Path, cp):
    doc = read_path(str(path))
    heads = [sec.norm for sec in doc.sections if sec.role == "achievements" and sec.norm]
    idx = index_texts([s.norm for s in doc.sentences] + heads, cp.segmenter, cp.automaton,
                      cp.words, cp.tokens)
    gaps = frozenset(sid for sid, s in enumerate(doc.sentences) if s.kind == "gap")
    return idx, gaps


@pytest.mark.parametrize("pack_name", PACKS)
def test_the_fuzzy_bound_is_never_below_the_score(pack_name: str | None) -> None:
    cp = compile_pack(load_pack(pack_name))
    phrases = {ph.parts[0]: ph.chars for m in _matches(cp) for ph in m.any if ph.fuzzy}
    assert phrases and all(phrases.values())
    pruned = 0
    for path in REPORTS:
        idx, _ = _index(path, cp)
        for part, chars in phrases.items():
            for text in idx.keys:
                score = fuzz.partial_ratio(part, text)
                assert score <= _bound(part, chars, text) + 1e-9, (part, text)
                if _out_of_reach(part, chars, text, 88):
                    assert score < 88
                    pruned += 1
    assert pruned > 0


def test_the_fuzzy_bound_holds_on_random_strings() -> None:
    """Short and long needles and texts over a small alphabet, where characters repeat and
    windows at the text's ends (shorter than the needle) count; and _out_of_reach (which stops
    at the first character that settles it) says so only when the score is below the
    threshold."""
    rng = random.Random(12)
    out = 0
    for _ in range(20000):
        part = "".join(rng.choice("法治政府建设执行") for _ in range(rng.randint(1, 12)))
        text = "".join(rng.choice("法治政府建设执行监督") for _ in range(rng.randint(1, 30)))
        chars = tuple((ch, part.count(ch)) for ch in dict.fromkeys(part))
        score = fuzz.partial_ratio(part, text)
        assert score <= _bound(part, chars, text) + 1e-9, (part, text)
        for threshold in (60, 80, 88, 95, 100):
            if _out_of_reach(part, chars, text, threshold):
                out += 1
                assert score < threshold, (part, text, threshold)
                assert not fuzz.partial_ratio(part, text, score_cutoff=threshold)
    assert out > 10000


@pytest.mark.parametrize("pack_name", PACKS)
@pytest.mark.parametrize("path", REPORTS[:10], ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_candidates_equal_intersecting_every_sets_sentences(path: Path, pack_name: str | None) -> None:
    cp = compile_pack(load_pack(pack_name))
    idx, gaps = _index(path, cp)
    seen = 0
    for m in _matches(cp):
        for sets in m.pattern_sets:
            if sets is None or any(idx.found.keys().isdisjoint(ids) for ids in sets):
                continue
            for only in (None, gaps):
                want = set(range(len(idx.keys))) if only is None else set(only)
                for ids in sets:
                    want &= {sid for w in ids for sid, _ in idx.found.get(w, ())}
                assert _candidates(sets, idx, only) == sorted(want)
                seen += len(want)
    assert seen > 0


@pytest.mark.parametrize("pack_name", PACKS)
def test_no_match_changes_the_tables_it_reads(pack_name: str | None) -> None:
    cp = compile_pack(load_pack(pack_name))
    idx, gaps = _index(REPORTS[0], cp)
    ms = list(_matches(cp))
    first = [dict(anchor_hits(m, idx, cp.segmenter)) for m in ms]
    near = {k: dict(v) for k, v in idx.near.items()}
    assert near
    for m in ms:
        for only in (None, gaps):
            got = match_sentences(m, idx, cp.segmenter, {}, only)
            got[-1] = (0, 0, 0)  # the caller's own table: changing it changes nothing else
    assert idx.near == near
    tables = {w: dict(t) for w, t in idx._firsts.items()}
    fresh, _ = _index(REPORTS[0], cp)
    assert tables == {w: fresh.first_hits(w) for w in tables}
    assert [anchor_hits(m, idx, cp.segmenter) for m in ms] == first

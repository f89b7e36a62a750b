"""Issue 12 (s2): the one scan routes the match, so the match must be what trying every
phrase and searching every sentence gave. Each fast path is compared with the plain way it
replaces, on the sample reports and the shipped packs (real text, every rule)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import re2

from auditor.matching import match_document
from auditor.matching.compiled import _SPAN_ONLY, MAX_SCAN, compile_pack
from auditor.matching.engines import Quick
from auditor.matching.index import index_texts
from auditor.matching.rules import anchor_hits, match_sentences
from auditor.packs import load_pack
from auditor.reading import read_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "reports").glob("*.txt"))
PACKS = [None, "gangyao-2021-2025-department"]


def _matches(cp):
    for rid, (main, facets) in cp.matches.items():
        yield from ([main] if main else [])
        yield from (m for _, m in facets)
        if rid in cp.shortcomings:
            yield cp.shortcomings[rid]


def _indexes(path: Path, pack_name: str | None):
    cp = compile_pack(load_pack(pack_name))
    doc = read_path(str(path))
    heads = [sec.norm for sec in doc.sections if sec.role == "achievements" and sec.norm]
    norms = [s.norm for s in doc.sentences] + heads
    scanned = index_texts(norms, cp.segmenter, cp.automaton, cp.words, cp.tokens)
    plain = index_texts(norms, cp.segmenter)  # no scan: every phrase searched with str.find
    return cp, doc, scanned, plain


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_a_sentence_holds_a_word_exactly_when_the_scan_filed_it_there(path: Path) -> None:
    cp, _, idx, _ = _indexes(path, None)
    checked = 0
    for wid, word in enumerate(cp.words):
        if not 0 < len(word) <= MAX_SCAN:
            continue
        for sid, text in enumerate(idx.keys):
            assert (wid in idx.words_in[sid]) == (word in text), (word, sid)
            checked += word in text
    assert checked > 200


@pytest.mark.parametrize("pack_name", PACKS)
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_routed_anchor_hits_equal_trying_every_phrase(path: Path, pack_name: str | None) -> None:
    """Phrases tried only when the scan found their first word (and set tests for all/not)
    give the same hits, in the same order, as every phrase searched with str.find."""
    cp, _, idx, plain = _indexes(path, pack_name)
    hits = 0
    for m in _matches(cp):
        got = anchor_hits(m, idx, cp.segmenter)  # near hits shared between rules (idx.near)
        plain.near.clear()  # ... and worked out afresh for each rule
        assert list(got.items()) == list(anchor_hits(m, plain, cp.segmenter).items())
        plain.near.clear()
        named: dict = {}
        named_plain: dict = {}
        accepted = match_sentences(m, idx, cp.segmenter, named)
        assert list(accepted.items()) == list(
            match_sentences(m, plain, cp.segmenter, named_plain).items())
        assert list(named.items()) == list(named_plain.items())
        hits += len(accepted)
    assert hits > 20


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_all_and_not_as_id_sets_equal_the_substring_tests(path: Path) -> None:
    cp, _, idx, _ = _indexes(path, None)
    exact = [m for m in _matches(cp) if m.sets_exact and (m.all or m.not_)]
    assert exact, "no rule of the shipped pack has all/not words"
    vetoed = 0
    for m in exact:
        by_text = dataclasses.replace(m, sets_exact=False)  # the substring way
        a_named: dict = {}
        b_named: dict = {}
        a = match_sentences(m, idx, cp.segmenter, a_named)
        b = match_sentences(by_text, idx, cp.segmenter, b_named)
        assert list(a.items()) == list(b.items())
        assert list(a_named.items()) == list(b_named.items())
        vetoed += len(anchor_hits(m, idx, cp.segmenter)) - len(a) - len(a_named)
    assert vetoed > 0, "no sentence was turned down by all/not: the comparison proves nothing"


def test_matching_only_some_sentences_equals_filtering_the_whole_match() -> None:
    """Shortcomings are matched on gap sentences only: the same hits, in the same order, as
    matching every sentence and keeping the gap ones."""
    kept = 0
    for path in SAMPLES:
        cp, doc, idx, _ = _indexes(path, None)
        gaps = {sid for sid, s in enumerate(doc.sentences) if s.kind == "gap"}
        for m in _matches(cp):
            whole = match_sentences(m, idx, cp.segmenter)
            some = match_sentences(m, idx, cp.segmenter, only=gaps)
            assert list(some.items()) == [(sid, h) for sid, h in whole.items() if sid in gaps]
            kept += len(some)
    assert kept > 0


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_patterns_without_groups_find_the_same_spans(path: Path) -> None:
    """Patterns are compiled with RE2's never_capture: the whole match is the same as with the
    groups captured, for every pattern on every sentence."""
    cp, _, idx, _ = _indexes(path, None)
    found = grouped = 0
    for m in _matches(cp):
        for pattern in m.patterns:
            if isinstance(pattern, Quick):  # run by re (test_engines): its RE2 form checked here
                pattern = re2.compile("(?m)" + pattern.pattern, _SPAN_ONLY)
            capturing = re2.compile(pattern.pattern)
            assert pattern.groups == 0
            grouped += capturing.groups > 0
            for text in idx.keys:
                a, b = pattern.search(text), capturing.search(text)
                assert (a and a.span()) == (b and b.span()), pattern.pattern
                found += a is not None
    assert found > 0 and grouped > 20


@pytest.mark.parametrize("path", SAMPLES[:2], ids=lambda p: p.stem)
def test_a_pack_whose_words_the_scan_cannot_hold_matches_the_plain_way(path: Path,
                                                                     tmp_path: Path) -> None:
    """A `not` word longer than MAX_SCAN is outside the automaton: the set tests do not apply
    and the substring tests decide, as before."""
    long_word = "依法" * (MAX_SCAN // 2 + 1)
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text('id: long-not\ntitle: 长词\nversion: "1"\n', encoding="utf-8")
    (folder / "01-area.yaml").write_text(f"""area: 二 测试
items:
- id: test.long
  title: 长否定词
  source: 测试
  match:
    any: [行政执法, 法治政府]
    not: [{long_word}, 培训]
""", encoding="utf-8")
    pack = load_pack(folder)
    cp = compile_pack(pack)
    m = cp.matches["test.long"][0]
    assert not m.sets_exact
    doc = read_path(str(path))
    found = match_document(doc, pack)["test.long"]
    keys = [s.norm for s in doc.sentences]
    want = [sid for sid, k in enumerate(keys) if ("行政执法" in k or "法治政府" in k) and "培训" not in k]
    assert sorted({e.sentence for e in found if e.sentence >= 0}) == want


@pytest.mark.parametrize("pack_name", PACKS)
def test_an_item_without_evidence_scores_as_the_general_policy_says(pack_name: str | None) -> None:
    """score_item answers an item without evidence at once: the same result as _status and
    _pick make of an empty list, for every item of both packs and every level."""
    from auditor.model import ItemResult
    from auditor.scoring import _pick, _status, score_item

    pack = load_pack(pack_name)
    for rule in pack.rules:
        for level in (None, "province", "county", "township", "department"):
            got = score_item(rule, [], level)
            if not rule.applies(level):
                assert got.status == "not_applicable"
                continue
            status, credit, found = _status(rule, [])
            facets_all = tuple(f.name for f in rule.facets)
            assert got == ItemResult(rule.id, rule.title, rule.area, rule.key, rule.weight, status,
                                     False, round(credit * 0), _pick([], status), found, facets_all)


def test_a_compiled_pack_survives_pickling_with_the_same_scan() -> None:
    """The Rust automaton cannot be pickled itself; a pickled compiled pack (a process pool, a
    cache on disk) rebuilds it from its words and scans a report the same way."""
    import pickle

    cp = compile_pack(load_pack(None))
    again = pickle.loads(pickle.dumps(cp.automaton))
    text = "\n".join(s.norm for s in read_path(str(SAMPLES[0])).sentences)
    hits = cp.automaton.hits(text)
    assert len(hits) > 100 and again.hits(text) == hits
    assert again.ids == cp.automaton.ids and len(again) == len(cp.automaton)


def test_keys_from_one_pass_equal_keying_each_text() -> None:
    from auditor.matching.compiled import key

    cp = compile_pack(load_pack(None))
    doc = read_path(str(SAMPLES[1]))
    cases = [[s.norm for s in doc.sentences], [], ["“放管服”改革", "", "双随机、一公开"],
             ["一行\n两行“依法”", "三行"]]  # the last: a text holding a line break
    for norms in cases:
        idx = index_texts(norms, cp.segmenter, cp.automaton, cp.words, cp.tokens)
        assert idx.keys == [key(s) for s in norms]
        assert idx.joined == "\n".join(idx.keys)

"""Issue 12 (s3): rules.anchor_hits reads an `A…B` phrase's sentences off the index's first-hit
table of its first word, and a pattern's candidate sentences off per-document sets of the
sentences holding a required word set. Both are checked against the plain way, written out
here (every phrase searched with str.find in every sentence, every pattern searched in every
sentence, hits kept one at a time), on every dev report and sample report, for every match of
both shipped packs, whole and on the gap sentences only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from auditor.matching.compiled import compile_pack
from auditor.matching.index import index_texts
from auditor.matching.rules import (
    NAMED_MIN,
    TOKEN_COVER_SCORE,
    _exact,
    anchor_hits,
    match_sentences,
)
from auditor.matching.segment import clauses
from auditor.packs import load_pack
from auditor.reading import read_path
from tests.test_one_scan_routing import _matches

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*/*.txt"))
PACKS = [None, "gangyao-2021-2025-department"]


def _plain_exact(phrase, keys: list[str], gap: int) -> dict:
    """The first occurrence of the first part, in each sentence, that the later parts follow
    within ``gap`` characters each."""
    first, rest = phrase.parts[0], phrase.parts[1:]
    out = {}
    for sid, text in enumerate(keys):
        off = text.find(first)
        while off != -1:
            pos = off + len(first)
            for part in rest:
                nxt = text.find(part, pos, pos + gap + len(part))
                if nxt == -1:
                    break
                pos = nxt + len(part)
            else:
                out[sid] = (100, off, pos - off)
                break
            off = text.find(first, off + 1)
    return out


def _plain_near(phrase, idx, threshold: int, skip: dict) -> dict:
    """The token-cover and fuzzy ways as they were: each sentence's tokens counted one by one."""
    toks = phrase.tokens
    counts: dict[int, int] = {}
    for t in toks:
        for sid in idx.by_token.get(t, ()):
            counts[sid] = counts.get(sid, 0) + 1
    need = max(2, (len(toks) + 1) // 2)
    hits = {}
    for sid, n in counts.items():
        if sid in skip or n < need:
            continue
        text = idx.keys[sid]
        if n == len(toks) and any(all(t in c for t in toks) for c in clauses(text)):
            spots = [(text.find(t), len(t)) for t in toks]
            first = max(0, min(p for p, _ in spots))
            hits[sid] = (TOKEN_COVER_SCORE, first, max(p + n for p, n in spots) - first)
        elif phrase.fuzzy and fuzz.partial_ratio(phrase.parts[0], text, score_cutoff=threshold):
            al = fuzz.partial_ratio_alignment(phrase.parts[0], text)
            hits[sid] = (round(al.score), al.dest_start, al.dest_end - al.dest_start)
    return hits


def _plain_anchor_hits(m, idx, seg, only=None) -> dict:
    """anchor_hits as it was: every phrase, then every pattern on every sentence, each hit kept
    only over a lower score, one at a time."""
    best: dict = {}
    for phrase in m.any:
        hits = _plain_exact(phrase, idx.keys, m.gap)
        if phrase.near:
            hits = {**hits, **_plain_near(phrase, idx, m.threshold, hits)}
        for sid, hit in hits.items():
            if (only is None or sid in only) and hit[0] > best.get(sid, (0, 0, 0))[0]:
                best[sid] = hit
    for pattern in m.patterns:
        for sid, text in enumerate(idx.keys):
            mt = pattern.search(text)
            if mt and (only is None or sid in only) and 100 > best.get(sid, (0, 0, 0))[0]:
                best[sid] = (100, mt.start(), mt.end() - mt.start())
    return best


def _plain_match_sentences(m, idx, seg, named, only=None) -> dict:
    out = {}
    for sid, hit in _plain_anchor_hits(m, idx, seg, only).items():
        text = idx.keys[sid]
        if any(t in text for t in m.not_):
            continue
        if all(any(t in text for t in group) for group in m.all):
            out[sid] = hit
        elif hit[2] >= NAMED_MIN:
            named[sid] = hit
    return out


def _index(path: Path, cp):
    doc = read_path(str(path))
    heads = [sec.norm for sec in doc.sections if sec.role == "achievements" and sec.norm]
    idx = index_texts([s.norm for s in doc.sentences] + heads, cp.segmenter, cp.automaton,
                      cp.words, cp.tokens)
    gaps = frozenset(sid for sid, s in enumerate(doc.sentences) if s.kind == "gap")
    return idx, gaps


@pytest.mark.parametrize("pack_name", PACKS)
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_shared_work_gives_the_plain_hits_in_the_same_order(path: Path, pack_name: str | None) -> None:
    cp = compile_pack(load_pack(pack_name))
    idx, gaps = _index(path, cp)
    seg = cp.segmenter
    hits = from_patterns = 0
    for m in _matches(cp):
        for only in (None, gaps):
            got = anchor_hits(m, idx, seg, only)
            assert list(got.items()) == list(_plain_anchor_hits(m, idx, seg, only).items())
            named: dict = {}
            named_plain: dict = {}
            accepted = match_sentences(m, idx, seg, named, only)
            assert list(accepted.items()) == list(
                _plain_match_sentences(m, idx, seg, named_plain, only).items())
            assert list(named.items()) == list(named_plain.items())
            hits += len(accepted)
            from_patterns += sum(1 for sid in got if any(p.search(idx.keys[sid]) for p in m.patterns))
    assert hits > 0 and from_patterns > 0


@pytest.mark.parametrize("path", REPORTS[:8], ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_exact_hits_of_every_phrase_equal_searching_each_sentence(path: Path) -> None:
    """_exact asks a sentence once whether it holds every later part of an `A…B` phrase, and
    stops at a sentence's first hit: the hits of trying every occurrence."""
    cp = compile_pack(load_pack(None))
    idx, _ = _index(path, cp)
    multi = 0
    for m in _matches(cp):
        for phrase in m.any:
            assert list(_exact(phrase, idx, m.gap).items()) == \
                list(_plain_exact(phrase, idx.keys, m.gap).items()), phrase.text
            multi += len(phrase.parts) > 1 and bool(_plain_exact(phrase, idx.keys, m.gap))
    assert multi > 0


def test_a_pattern_without_word_sets_runs_on_the_whole_text() -> None:
    """A pattern no required word set was read off (a \\A, say) is searched in every sentence,
    beside the prefiltered ones."""
    cp = compile_pack(load_pack(None))
    idx, gaps = _index(REPORTS[0], cp)
    checked = 0
    for m in _matches(cp):
        if not m.patterns:
            continue
        bare = dataclasses.replace(m, pattern_words=(None,) * len(m.patterns),
                                   pattern_sets=(None,) * len(m.patterns),
                                   pattern_checks=((),) * len(m.patterns), triggers=None)
        for only in (None, gaps):
            want = list(_plain_anchor_hits(m, idx, cp.segmenter, only).items())
            assert list(anchor_hits(bare, idx, cp.segmenter, only).items()) == want
            checked += len(want)
    assert checked > 0


def test_the_memo_of_one_document_never_serves_another() -> None:
    """The per-document memo follows the index: matching a second report, then the first
    again (a new index of it), gives each its own hits."""
    cp = compile_pack(load_pack(None))
    ms = list(_matches(cp))
    first, _ = _index(REPORTS[0], cp)
    want = [anchor_hits(m, first, cp.segmenter) for m in ms]
    other, _ = _index(REPORTS[1], cp)
    assert [anchor_hits(m, other, cp.segmenter) for m in ms] != want
    again, _ = _index(REPORTS[0], cp)
    assert [anchor_hits(m, again, cp.segmenter) for m in ms] == want

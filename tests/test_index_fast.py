"""Issue 12, fifth pass: the document index from one scan of the pack's automaton, which also
marks the wanted tokens and SPLITS characters (so the pieces to cut come from it, with no scan
of Segmenter.wanted_tokens' own), must be exactly the index of a scan of the words alone filed
a hit at a time plus the token index of cutting everything, on every dev report and both packs.

Sixth pass, round 2: the pieces of a text whose wanted tokens reach no near phrase's count
(Scanner.reach) are not cut, so the token index is the whole cut's less those texts, which
rules._near never tries whatever their tokens (``same_for_near``). Round 3: nor are those
where every phrase they reach can hit neither way (Scanner.worth_cutting).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from auditor.matching.compiled import (
    CompiledPack,
    Scanner,
    compile_pack,
    key,
    near_need,
    out_of_reach,
)
from auditor.matching.index import DocIndex, _file_each, index_texts
from auditor.matching.rules import _near
from auditor.matching.segment import Segmenter, clauses
from auditor.packs import load_pack
from auditor.reading import read_path

ROOT = Path(__file__).resolve().parents[1]
DEV = sorted([*(ROOT / "reports").glob("*.txt"),
              *(p for p in (ROOT / "tests" / "dev").rglob("*") if p.is_file())])
PACKS = [None, "gangyao-2021-2025-department"]


def _texts(path: Path) -> list[str]:
    """What match_document indexes: the sentences, then the achievements part's headings."""
    doc = read_path(str(path))
    heads = [sec.norm for sec in doc.sections if sec.role == "achievements" and sec.norm]
    return [s.norm for s in doc.sentences] + heads


def test_dev_reports_are_many() -> None:
    assert len(DEV) > 30


def near_phrases(cp: CompiledPack) -> list:
    """(phrase, threshold) of every near phrase of the pack (what reads the token index)."""
    out = {}
    for main, facets in cp.matches.values():
        for m in ([main] if main else []) + [f for _, f in facets]:
            out.update({(ph, m.threshold): None for ph in m.any if ph.near})
    for m in cp.shortcomings.values():
        out.update({(ph, m.threshold): None for ph in m.any if ph.near})
    return list(out)


def same_for_near(idx: DocIndex, whole: dict[str, set[int]], cp: CompiledPack) -> None:
    """``idx.by_token`` is ``whole`` (the token index of cutting everything) less the texts it
    drops, every one of which holds fewer tokens of each near phrase than rules._near needs; so
    _near finds the same hits, in the same order, from either."""
    got = idx.by_token
    kept = set().union(*got.values())
    assert all(t in whole for t in got)
    for t, sids in whole.items():
        assert got.get(t, set()) == sids & kept, t
    phrases = near_phrases(cp)
    assert phrases
    for sid in set().union(*whole.values()) - kept:
        text = idx.keys[sid]
        for ph, threshold in phrases:
            n = sum(sid in whole.get(t, ()) for t in ph.tokens)
            if n < near_need(len(ph.tokens)):
                continue
            # reaches the count, but can hit neither way: no clause holds every token (as a
            # token or else), and a fuzzy phrase scores below its threshold
            assert not any(all(t in c for t in ph.tokens) for c in clauses(text)), (sid, ph.text)
            assert not ph.fuzzy or fuzz.partial_ratio(ph.parts[0], text) < threshold
    slow = dataclasses.replace(idx, by_token=whole)
    for ph, threshold in phrases:
        fast = _near(ph, idx, cp.segmenter, threshold, {})
        assert list(fast.items()) == list(_near(ph, slow, cp.segmenter, threshold, {}).items())


def _joined(norms: list[str]) -> tuple[str, list[int], int]:
    joined = key("\n".join(norms))
    keys = joined.split("\n")
    assert len(keys) == len(norms)
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    return joined, starts, pos


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_one_scan_with_marks_indexes_as_two_scans_and_the_whole_cut(pack: str | None,
                                                                    path: Path) -> None:
    """The index of the pack's one scan (words, wanted tokens and SPLITS characters) is the
    index of a scan of the words alone filed a hit at a time, plus the token index of
    Segmenter.wanted_tokens' own scan and of cutting the whole text: the same words, sentences,
    offsets, tokens and sets, in the same orders."""
    cp = compile_pack(load_pack(pack))
    assert cp.automaton is not None and cp.automaton.plain and cp.automaton.marks == cp.tokens
    norms = _texts(path)
    idx = index_texts(norms, cp.segmenter, cp.automaton, cp.words, cp.tokens)
    joined, starts, pos = _joined(norms)
    assert idx.joined == joined and idx.starts == starts
    bare = Scanner({w: wid for wid, w in enumerate(cp.words)})  # no marks
    assert not bare.marks
    slow = _file_each(bare.hits(joined), bare.ids, starts, pos)
    assert sum(map(len, slow[1])) > 20
    assert list(idx.found.items()) == list(slow[0].items())  # the same order of words too
    assert idx.present == set(idx.found) and not dataclasses.replace(idx, found={}).present
    assert idx.words_in == slow[1]
    # marks filed by the hit-at-a-time loop are skipped there
    assert _file_each(cp.automaton.hits(joined), cp.automaton.ids, starts, pos) == slow
    own = cp.segmenter.wanted_tokens(joined, cp.tokens)
    assert own is not None
    whole: dict[str, set[int]] = {}
    keys = joined.split("\n")
    for sid, toks in enumerate(cp.segmenter.content_tokens_each(keys, joined, cp.tokens)):
        for t in toks:
            whole.setdefault(t, set()).add(sid)
    assert list(own) == list(whole)
    assert {t: list(s) for t, s in own.items()} == {t: list(s) for t, s in whole.items()}
    same_for_near(idx, whole, cp)
    assert len(set().union(*idx.by_token.values())) < len(set().union(*whole.values()))


def test_hits_filed_a_text_at_a_time_at_the_edges() -> None:
    """No text, empty texts, and a text holding a line break of its own (keyed one by one: the
    pieces the scan marks are then not used, the token index comes from cutting each text)."""
    cp = compile_pack(load_pack(None))
    for norms in ([], [""], ["", "法治政府建设", ""], ["一行\n法治政府建设", "依法行政"]):
        idx = index_texts(norms, cp.segmenter, cp.automaton, cp.words, cp.tokens)
        starts, pos = idx.starts, len(idx.joined) + 1
        slow = _file_each(cp.automaton.hits(idx.joined), cp.automaton.ids, starts, pos)
        assert (idx.found, idx.words_in) == slow
        assert len(idx.words_in) == len(idx.keys)
        keys = idx.keys
        whole: dict[str, set[int]] = {}
        for sid, toks in enumerate(cp.segmenter.content_tokens_each(keys, "\n".join(keys),
                                                                    cp.tokens)):
            for t in toks:
                whole.setdefault(t, set()).add(sid)
        if len(norms) == 2:  # a text holds a "\n": every text cut
            assert idx.by_token == whole
        else:
            same_for_near(idx, whole, cp)
    idx = index_texts(["法治政府建设", "依法行政"], cp.segmenter, cp.automaton, cp.words, cp.tokens)
    # 依法行政 alone reaches no near phrase's count: its text is not cut
    assert idx.by_token == {"法治": {0}, "政府": {0}, "建设": {0}}
    assert cp.segmenter.wanted_tokens(idx.joined, cp.tokens) == {**idx.by_token, "依法行政": {1}}


def test_scanner_marks_only_where_exact_and_survive_pickling() -> None:
    """Marks need a plain scan (every word scanned, hit index = word id, no "\\n" in a word)
    and tokens with no SPLITS character; otherwise the index takes the general ways."""
    import pickle

    cp = compile_pack(load_pack(None))
    again = pickle.loads(pickle.dumps(cp.automaton))
    text = "全面推进依法行政，建设法治政府。\n加强行政执法监督"
    assert again.marks == cp.automaton.marks and again.hits(text) == cp.automaton.hits(text)
    wanted = frozenset({"法治", "政府", "行政"})
    long_word = "法治" * 20  # longer than MAX_SCAN: searched with str.find, not scanned
    for words, marks_kept in (({"法治": 0, "建设": 1}, True), ({"法治": 0, long_word: 1}, True),
                              ({long_word: 0, "法治": 1}, False), ({"法治": 0, "一\n二": 1}, False)):
        scanner = Scanner(words, wanted)
        assert bool(scanner.marks) is marks_kept
        texts = ["全面推进依法行政，建设法治政府", "", "加强(行政执法)监督，政府法治" + long_word]
        idx = index_texts(texts, cp.segmenter, scanner, tuple(words), wanted)
        assert idx.by_token == cp.segmenter.wanted_tokens(idx.joined, wanted)
        for wid, word in enumerate(words):
            assert idx.occurrences(wid) == idx.find_all(word), word
    assert not Scanner({"法治": 0}, frozenset({"a,b"})).marks  # a token holding a SPLITS character


@pytest.mark.parametrize("pack", PACKS)
def test_reach_counts_as_near_does(pack: str | None) -> None:
    """The counts of compiled._reach say a set of wanted tokens reaches a near phrase's count
    exactly when counting as rules._near does (a token as often as the phrase holds it) says
    so: every subset of each phrase's tokens, with a token from outside added, and random sets
    (each token added as _file_marked adds it: once, however often it occurs)."""
    import random

    cp = compile_pack(load_pack(pack))
    sc = cp.automaton
    assert sc is not None and sc.top
    at = _mark_index(sc)
    phrases = [ph for ph, _ in near_phrases(cp)]
    assert any(len(set(ph.tokens)) < len(ph.tokens) for ph in phrases) or pack  # a repeated token

    def slow(tokens: set[str]) -> bool:
        return any(sum(t in tokens for t in ph.tokens) >= near_need(len(ph.tokens))
                   for ph in phrases)

    def fast(tokens: list[str]) -> bool:
        mask, count = 0, sc.base
        for t in tokens:
            if not mask & sc.bits[at[t]]:
                mask |= sc.bits[at[t]]
                count += sc.counts[at[t]]
        return bool(count & sc.top)

    rng = random.Random(1)
    marks = sorted(sc.marks)
    tries = [[rng.choice(marks) for _ in range(rng.randint(0, 8))] for _ in range(3000)]
    for ph in phrases:
        distinct = sorted(set(ph.tokens))
        for m in range(1 << len(distinct)):
            picked = [t for j, t in enumerate(distinct) if m >> j & 1]
            tries += [picked, picked + picked, [*picked, rng.choice(marks)]]
    for tokens in tries:
        assert fast(tokens) is slow(set(tokens)), tokens


def _mark_index(sc: Scanner) -> dict[str, int]:
    """Wanted token -> the hit index the scan reports it by."""
    words = dict(zip(sc._words, range(len(sc._words)), strict=True))
    extra = sorted(t for t in sc.marks if t not in words)
    return {t: words[t] if t in words else len(words) + extra.index(t) for t in sc.marks}


def test_scanner_reach_survives_pickling_and_needs_every_token_marked() -> None:
    import pickle

    cp = compile_pack(load_pack(None))
    sc = cp.automaton
    again = pickle.loads(pickle.dumps(sc))
    assert (again.bits, again.counts, again.base, again.top) == (sc.bits, sc.counts, sc.base, sc.top)
    assert sc.fields and again.fields == sc.fields
    # a phrase token that is no mark: nothing counted, every text holding a mark "reaches"
    odd = Scanner({"法治": 0}, frozenset({"法治"}), (("法治", "政府"),))
    assert (odd.base, odd.top, set(odd.counts.values())) == (1, 1, {0})
    idx = index_texts(["法治", "政府", "法治政府"], Segmenter(), odd, ("法治",), odd.marks)
    assert idx.by_token == {"法治": {0, 2}}
    ok = Scanner({"法治": 0}, frozenset({"法治", "政府"}), (("法治", "政府"),))
    # width 4 (two tokens): the field starts at 8 - 2 and reaches 8 with both tokens
    assert (ok.base, ok.top, sorted(ok.counts.values())) == (6, 8, [1, 1])


def test_tokens_in_cuts_one_by_one_when_jieba_takes_a_joiner() -> None:
    """A piece ending in "\\r" makes jieba cut "\\r\\n" as one token: one "\\n" joiner fewer
    stands alone, so the pieces are cut one by one, as the count of "\\n" used to tell."""
    seg = compile_pack(load_pack(None)).segmenter
    wanted = frozenset({"法治", "政府"})
    pieces, owners = ["法治\r", "政府建设", "法治"], [0, 3, 5]
    assert "\r\n" in seg.cut("\n".join(pieces))
    want = {t: {o for p, o in zip(pieces, owners, strict=True) if t in seg.cut(p)} for t in wanted}
    assert seg.tokens_in(pieces, owners, wanted) == want == {"法治": {0, 5}, "政府": {3}}
    assert seg.tokens_in(["政府", "无关", "法治"], [1, 2, 4], wanted) == {"政府": {1}, "法治": {4}}
    assert seg.tokens_in([], [], wanted) == {}


def test_worth_cutting_drops_texts_that_reach_a_count() -> None:
    """Most texts that reach a near phrase's count can hit it neither way: not cut (the
    equality with the whole cut is same_for_near's, on every dev report). A text with a clause
    holding every token of a phrase is always cut, and so is one a fuzzy phrase scores its
    threshold on; without its phrases' thresholds a scanner cuts every text that reaches a
    count."""
    cp = compile_pack(load_pack(None))
    sc = cp.automaton
    assert sc is not None and sc.fields
    reached = worth = 0
    for path in DEV:
        norms = _texts(path)
        joined = _joined(norms)[0]
        keys = joined.split("\n")
        mask = 0
        count = sc.base
        sid = 0
        for k, _, _ in sc.hits(joined):
            if k == sc.newline:
                if mask and count & sc.top:
                    reached += 1
                    worth += sc.worth_cutting(keys[sid], mask, count)
                mask, count, sid = 0, sc.base, sid + 1
            elif k in sc.bits and not mask & sc.bits[k]:
                mask |= sc.bits[k]
                count += sc.counts[k]
    assert 0 < worth < reached / 4
    at = _mark_index(sc)
    text = "推进行政争议实质性化解"
    toks = ("行政", "争议", "实质性", "化解")
    mask = sum(sc.bits[at[t]] for t in toks)
    count = sc.base + sum(sc.counts[at[t]] for t in toks)
    assert sc.worth_cutting(text, mask, count)  # every token: the token cover may hit
    part = mask & ~sc.bits[at["化解"]]
    less = count - sc.counts[at["化解"]]
    assert not sc.worth_cutting("实质性化解工作，行政争议多发", mask, count)  # not in one clause
    assert sc.worth_cutting("行政争议实质性化", part, less)  # fuzzy: scores 88 or more
    assert fuzz.partial_ratio("行政争议实质性化解", "行政争议实质性化") >= 88
    two = sc.bits[at["行政"]] | sc.bits[at["争议"]]
    fewer = sc.base + sc.counts[at["行政"]] + sc.counts[at["争议"]]
    far = "行政机关对争议案件依法"
    assert fewer & sc.top and not sc.worth_cutting(far, two, fewer)  # out of the fuzzy reach
    assert out_of_reach("行政争议实质性化解", tuple((c, 1) for c in "行政争议实质性化解"), far, 88)
    near = "行政争议的化解和实质性审查"
    assert not out_of_reach("行政争议实质性化解", tuple((c, 1) for c in "行政争议实质性化解"), near, 88)
    assert fuzz.partial_ratio("行政争议实质性化解", near) < 88
    assert not sc.worth_cutting(near, two, fewer)  # within reach, but scores less
    bare = Scanner({w: wid for wid, w in enumerate(cp.words)}, cp.tokens, sc._groups)
    assert bare.fields is None and bare.worth_cutting(far, two, fewer)

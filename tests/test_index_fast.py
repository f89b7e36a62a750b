"""Issue 12, fifth pass: the document index from one scan of the pack's automaton, which also
marks the wanted tokens and SPLITS characters (so the pieces to cut come from it, with no scan
of Segmenter.wanted_tokens' own), must be exactly the index of a scan of the words alone filed
a hit at a time plus the token index of cutting everything, on every dev report and both packs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.matching.compiled import Scanner, compile_pack, key
from auditor.matching.index import _file_each, index_texts
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
    for got in (idx.by_token, own):
        assert list(got) == list(whole)
        assert {t: list(s) for t, s in got.items()} == {t: list(s) for t, s in whole.items()}


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
        assert idx.by_token == whole
    idx = index_texts(["法治政府建设", "依法行政"], cp.segmenter, cp.automaton, cp.words, cp.tokens)
    assert idx.by_token == {"法治": {0}, "政府": {0}, "建设": {0}, "依法行政": {1}}
    assert idx.by_token == cp.segmenter.wanted_tokens(idx.joined, cp.tokens)


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

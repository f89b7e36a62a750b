"""Issue 12, fifth pass: the document index built with C-level steps (whole slices of the
scan's hits a text at a time, the pieces to cut found without a Python step per punctuation
mark) must be exactly the index built a hit at a time, on every dev report and both packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.matching.compiled import compile_pack, key
from auditor.matching.index import _file_by_text, _file_each, index_texts
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


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("path", DEV, ids=lambda p: p.stem)
def test_hits_filed_a_text_at_a_time_as_one_at_a_time(pack: str | None, path: Path) -> None:
    cp = compile_pack(load_pack(pack))
    assert cp.automaton is not None and cp.automaton.plain
    norms = _texts(path)
    joined = key("\n".join(norms))
    keys = joined.split("\n")
    assert len(keys) == len(norms)
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    hits = cp.automaton.hits(joined)
    fast = _file_by_text(hits, starts, pos)
    slow = _file_each(hits, cp.automaton.ids, starts, pos)
    assert sum(map(len, fast[1])) > 20
    assert list(fast[0].items()) == list(slow[0].items())  # the same order of words too
    assert fast[1] == slow[1]
    idx = index_texts(norms, cp.segmenter, cp.automaton, cp.words, cp.tokens)
    assert idx.found == fast[0] and idx.words_in == fast[1]


def test_hits_filed_a_text_at_a_time_at_the_edges() -> None:
    """No text, empty texts, and a text holding a line break of its own (keyed one by one)."""
    cp = compile_pack(load_pack(None))
    for norms in ([], [""], ["", "法治政府建设", ""], ["一行\n法治政府建设", "依法行政"]):
        idx = index_texts(norms, cp.segmenter, cp.automaton, cp.words, cp.tokens)
        starts, pos = idx.starts, len(idx.joined) + 1
        slow = _file_each(cp.automaton.hits(idx.joined), cp.automaton.ids, starts, pos)
        assert (idx.found, idx.words_in) == slow
        assert len(idx.words_in) == len(idx.keys)

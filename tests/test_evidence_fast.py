"""The per-document shortcuts of evidence and scoring (issue 12, speed) give what the plain
per-item forms gave, on every sample and dev report: the forms as they were are kept here as
the references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import auditor.matching as matching
from auditor import plausibility
from auditor.matching import _dropped_at, _outside_frames, _text_offset
from auditor.matching.compiled import key
from auditor.model import ACHIEVEMENT, GAP, MENTION, Evidence
from auditor.packs import load_pack
from auditor.reading import read_path

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "reports").glob("*.txt")) + sorted(
    f for f in (ROOT / "tests" / "dev").glob("*/*") if f.suffix in (".txt", ".html", ".docx"))
OPENINGS = ROOT.parent / "shared" / "reports" / "openings"
if OPENINGS.is_dir():
    FILES += sorted(OPENINGS.glob("*.txt"))


@pytest.fixture(scope="module")
def docs() -> list:
    out = [read_path(str(f)) for f in FILES]
    assert len(out) >= 29
    return out


@pytest.fixture(scope="module")
def packs() -> list:
    return [load_pack(None), load_pack("gangyao-2021-2025-department")]


def test_han_count_is_the_regex_count(docs: list) -> None:
    han = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
    edges = "".join(chr(c) for c in (0x33FF, 0x3400, 0x9FFF, 0xA000, 0xF8FF, 0xF900, 0xFAFF,
                                      0xFB00, 0x20000, 0xD800, 0xDC00, 0x3000, 0xFF0C))
    texts = [s.text for doc in docs for s in doc.sentences] + [edges, "", "abc 法治", "\U0002a6a5"]
    assert sum(plausibility.han_count(t) for t in texts) > 50_000
    for t in texts:
        assert plausibility.han_count(t) == len(han.findall(t)) == \
            len(t) - len("".join(plausibility._HAN_RUN.split(t))), t


def test_shifts_map_offsets_as_the_dropped_characters_do(docs: list) -> None:
    """_Lookups.shifts and the bisect on it place every keyed offset where _text_offset does."""
    checked = 0
    for doc in docs:
        lookups = matching._Lookups(doc, None)
        for sid, s in enumerate(doc.sentences):
            at = _dropped_at(s.norm)
            shifts = lookups.shifts(sid)
            assert shifts == [p - j for j, p in enumerate(at)]
            if not at:
                continue
            kl = len(key(s.norm))
            for off in range(1, kl + 1):
                assert off + matching.bisect_right(shifts, off - 1) == _text_offset(s.norm, off)
                checked += 1
    assert checked > 10_000


def _evidence_reference(rule, hits, doc, idx, named=()):
    """_evidence as it was: every offset through _text_offset, sorted by line at the end."""
    best = {}
    for facet, sid, hit in hits:
        if hit[0] > best.get((facet, sid), (0, 0, 0))[0]:
            best[(facet, sid)] = hit
    only_named = set()
    for facet, sid, hit in named:
        if (facet, sid) not in best and doc.sentences[sid].kind != GAP:
            best[(facet, sid)] = hit
            only_named.add((facet, sid))
    out = []
    for (facet, sid), (score, offset, length) in best.items():
        s = doc.sentences[sid]
        section = doc.sections[s.section].heading if s.section is not None else ""
        norm, n = s.norm, len(s.text)
        start = min(_text_offset(norm, offset), n)
        end = min(_text_offset(norm, offset + max(length, 1) - 1) + 1, n)
        kind = s.kind
        if kind == ACHIEVEMENT and s.frames:
            span = end - start
            start = _outside_frames(norm, s.frames, start, end)
            end = start + span
        if kind == ACHIEVEMENT and ((facet, sid) in only_named or not s.act or start == -1):
            kind = MENTION
            if start == -1:
                start = min(_text_offset(norm, offset), n)
                end = min(_text_offset(norm, offset + max(length, 1) - 1) + 1, n)
        out.append(Evidence(item=rule.id, line=s.line, kind=kind, section=section, text=s.text,
                            score=score, facet=facet, sentence=sid, offset=start,
                            length=max(0, end - start), concrete=s.concrete))
    out.sort(key=lambda e: (e.line, e.sentence, e.facet))
    return out


def test_evidence_is_the_reference_evidence(docs: list, packs: list,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fast = matching._evidence
    made = []

    def both(rule, hits, doc, idx, named=(), lookups=None):
        got = fast(rule, hits, doc, idx, named, lookups)
        assert got == _evidence_reference(rule, hits, doc, idx, named), rule.id
        made.extend(got)
        return got

    monkeypatch.setattr(matching, "_evidence", both)
    for pack in packs:
        for doc in docs:
            matching.match_document(doc, pack)
    assert len(made) > 2000 and {e.kind for e in made} == {ACHIEVEMENT, GAP, MENTION, "plan"}
    assert sum(e.offset > 0 for e in made) > 1000

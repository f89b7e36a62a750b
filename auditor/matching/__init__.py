"""Document x Rule -> Evidence. The only room that uses rjieba/jieba and rapidfuzz.

Rule types are code, listed in REGISTRY (the names in packs.spec.RULE_TYPES); rules are data.
"""

from __future__ import annotations

from collections.abc import Callable

from auditor.matching.compiled import DROPPED, CompiledMatch, CompiledPack, compile_pack, key
from auditor.matching.index import DocIndex, build_index
from auditor.matching.rules import Hit, match_sentences
from auditor.model import GAP, Evidence
from auditor.packs.spec import RULE_TYPES, Pack, Rule
from auditor.reading.document import Document

Hits = list[tuple[str, int, Hit]]  # (facet name or "", sentence id, (score, offset))


def _phrases(main: CompiledMatch | None, facets: tuple, idx: DocIndex, cp: CompiledPack) -> Hits:
    if main is None:
        return []
    return [("", sid, hit) for sid, hit in match_sentences(main, idx, cp.segmenter).items()]


def _facets(main: CompiledMatch | None, facets: tuple, idx: DocIndex, cp: CompiledPack) -> Hits:
    hits = _phrases(main, facets, idx, cp)
    for name, m in facets:
        hits += [(name, sid, hit) for sid, hit in match_sentences(m, idx, cp.segmenter).items()]
    return hits


REGISTRY: dict[str, Callable[[CompiledMatch | None, tuple, DocIndex, CompiledPack], Hits]] = {
    "phrases": _phrases,
    "facets": _facets,
}
assert set(REGISTRY) == set(RULE_TYPES), "packs.spec.RULE_TYPES and matching.REGISTRY disagree"


def _text_offset(norm: str, key_offset: int) -> int:
    """Where a hit in the keyed text (quotes and 、 dropped) falls in the sentence as written;
    norm and text align character for character, so this only re-adds the dropped ones."""
    if len(key(norm)) == len(norm):
        return key_offset
    seen = 0
    for i, ch in enumerate(norm):
        if seen == key_offset:
            return i
        if ch not in DROPPED:
            seen += 1
    return len(norm)


def _evidence(rule: Rule, hits: Hits, doc: Document) -> list[Evidence]:
    best: dict[tuple[str, int], Hit] = {}
    for facet, sid, hit in hits:
        if hit[0] > best.get((facet, sid), (0, 0))[0]:
            best[(facet, sid)] = hit
    out = []
    for (facet, sid), (score, offset) in best.items():
        s = doc.sentences[sid]
        section = doc.sections[s.section].heading if s.section is not None else ""
        out.append(Evidence(item=rule.id, line=s.line, kind=s.kind, section=section, text=s.text,
                            score=score, facet=facet, sentence=sid,
                            offset=min(_text_offset(s.norm, offset), len(s.text))))
    out.sort(key=lambda e: (e.line, e.sentence, e.facet))
    return out


def _admitted(hits: Hits, shortcoming: CompiledMatch | None, idx: DocIndex, cp: CompiledPack,
              doc: Document) -> Hits:
    """A rule with a `shortcoming` match maps gap sentences by it instead of by its claim phrases:
    problems are worded differently (执法人员素质不高) from work done (开展执法人员培训)."""
    if shortcoming is None:
        return hits
    kept = [h for h in hits if doc.sentences[h[1]].kind != GAP]
    return kept + [("", sid, hit) for sid, hit in match_sentences(shortcoming, idx, cp.segmenter).items()
                   if doc.sentences[sid].kind == GAP]


def match_document(doc: Document, pack: Pack) -> dict[str, list[Evidence]]:
    """Every rule's evidence, in document order (scoring picks and ranks)."""
    cp = compile_pack(pack)
    idx = build_index(doc, cp.segmenter)
    result = {}
    for rule in pack.rules:
        main, facets = cp.matches[rule.id]
        hits = REGISTRY[rule.type](main, facets, idx, cp)
        hits = _admitted(hits, cp.shortcomings.get(rule.id), idx, cp, doc)
        result[rule.id] = _evidence(rule, hits, doc)
    return result


def warm_up(pack: Pack) -> None:
    """Compile the pack ahead of a batch so the first report doesn't pay for it."""
    compile_pack(pack)

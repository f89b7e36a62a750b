"""Per-document index: one keyed string with sentence offsets, tokens, and a token index.

The pack's Aho-Corasick automaton (matching.compiled) scans the joined string once for every
word any rule looks for; rules then read where their words occur (``occurrences``) instead of
searching the text phrase by phrase. Positions map back to sentences by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from auditor.matching.compiled import MAX_SCAN, key
from auditor.matching.segment import Segmenter
from auditor.reading.document import Document


@dataclass
class DocIndex:
    keys: list[str]  # keyed norm text per sentence
    joined: str  # keys joined by "\n"
    starts: list[int]  # offset of each sentence in `joined`
    by_token: dict[str, set[int]]  # content token -> sentence ids (only tokens of some phrase, when known)
    found: dict[int, list[int]] = field(default_factory=dict)  # word id -> end offsets in joined
    words: tuple[str, ...] = ()  # word id -> word (the pack's automaton words)
    _sids: dict[int, set[int]] = field(default_factory=dict)  # memo of sentences_with

    def sentence_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """(sentence id, offset within sentence) of every occurrence."""
        out = []
        start = self.joined.find(needle)
        while start != -1:
            sid = self.sentence_at(start)
            out.append((sid, start - self.starts[sid]))
            start = self.joined.find(needle, start + 1)
        return out

    def has(self, wid: int) -> bool:
        """Whether the pack word ``wid`` occurs anywhere in the document."""
        if wid in self.found:
            return True
        word = self.words[wid]
        return (len(word) > MAX_SCAN and word in self.joined) or not word

    def sentences_with(self, ids: tuple[int, ...]) -> set[int]:
        """Ids of the sentences holding any of the pack words ``ids``."""
        out: set[int] = set()
        for wid in ids:
            got = self._sids.get(wid)
            if got is None:
                got = self._sids[wid] = {sid for sid, _ in self.occurrences(wid)}
            out |= got
        return out

    def occurrences(self, wid: int) -> list[tuple[int, int]]:
        """(sentence id, offset within sentence) of every occurrence of pack word ``wid``, in text
        order, overlapping ones included (as ``find_all`` of the word)."""
        ends = self.found.get(wid)
        if ends is None:
            word = self.words[wid]
            return self.find_all(word) if not word or len(word) > MAX_SCAN else []
        back = len(self.words[wid]) - 1
        starts, out = self.starts, []
        for end in ends:
            pos = end - back
            sid = bisect_right(starts, pos) - 1
            out.append((sid, pos - starts[sid]))
        return out


def build_index(doc: Document, seg: Segmenter) -> DocIndex:
    return index_texts([s.norm for s in doc.sentences], seg)


def index_texts(norms: list[str], seg: Segmenter, automaton: object = None,
                words: tuple[str, ...] = (), wanted: frozenset[str] | None = None) -> DocIndex:
    """The index of any list of normalised texts (sentences, or a report's headings); with the
    pack's ``automaton``, also where each of its ``words`` occurs. ``wanted``: the only tokens
    anything looks up (the pack's phrase tokens), when known."""
    keys = [key(s) for s in norms]
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    joined = "\n".join(keys)
    by_token: dict[str, set[int]] = {}
    for sid, toks in enumerate(seg.content_tokens_each(keys, joined, wanted)):
        for t in toks:
            s = by_token.get(t)
            if s is None:
                by_token[t] = {sid}
            else:
                s.add(sid)
    found: dict[int, list[int]] = {}
    if automaton is not None and len(automaton):  # type: ignore[arg-type]
        for end, wid in automaton.iter(joined):  # type: ignore[attr-defined]
            ends = found.get(wid)
            if ends is None:
                found[wid] = [end]
            else:
                ends.append(end)
    return DocIndex(keys, joined, starts, by_token, found, words)

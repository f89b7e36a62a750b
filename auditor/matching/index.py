"""Per-document index: one keyed string with sentence offsets, tokens, and a token index.

Searching one joined string with ``str.find`` (C speed) and mapping positions back to sentences
by bisection is far cheaper than testing every phrase against every sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from auditor.matching.compiled import key
from auditor.matching.segment import Segmenter
from auditor.reading.document import Document


@dataclass
class DocIndex:
    keys: list[str]  # keyed norm text per sentence
    joined: str  # keys joined by "\n"
    starts: list[int]  # offset of each sentence in `joined`
    tokens: list[frozenset[str]]  # content tokens per sentence
    by_token: dict[str, set[int]]  # token -> sentence ids

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


def build_index(doc: Document, seg: Segmenter) -> DocIndex:
    return index_texts([s.norm for s in doc.sentences], seg)


def index_texts(norms: list[str], seg: Segmenter) -> DocIndex:
    """The index of any list of normalised texts (sentences, or a report's headings)."""
    keys = [key(s) for s in norms]
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    tokens = [frozenset(seg.content_tokens(k)) for k in keys]
    by_token: dict[str, set[int]] = defaultdict(set)
    for sid, toks in enumerate(tokens):
        for t in toks:
            by_token[t].add(sid)
    return DocIndex(keys, "\n".join(keys), starts, tokens, by_token)

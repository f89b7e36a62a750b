"""Document -> comparable units: one per sentence, with a key that hides what a copy changes.

A re-published paragraph keeps its wording and changes its figures (2023年 -> 2024年, 126件 ->
143件), so every run of digits (and Chinese numerals next to a counter word) becomes ``0``;
punctuation and spaces, which editors also touch, are dropped. Place names and other small
edits are left to the fuzzy comparison (rapidfuzz) in reuse.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.reading.document import Document

MIN_KEY = 12  # shorter sentences (一是强化政治引领。) are headings in prose, not reusable text
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?"
                     r"|[零〇一二三四五六七八九十百千万亿两]+(?=[个项件次人家名所场期批条份篇户起余多])")
_DROP = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]+")


@dataclass(frozen=True)
class Unit:
    line: int  # 1-based line in the original file
    text: str  # the sentence as written
    key: str  # normalised: digits -> 0, no punctuation or spaces
    chars: int  # characters of the sentence as written, whitespace excluded


def reuse_key(norm: str) -> str:
    """The comparison form of a normalised sentence (Sentence.norm)."""
    return _DROP.sub("", _NUMBER.sub("0", norm))


def _chars(text: str) -> int:
    return len("".join(text.split()))


def units(doc: Document) -> list[Unit]:
    """Every heading and sentence of the body, in document order (short ones included: they
    count in the denominator of a reuse share, and the matcher skips them itself). Headings
    count because a copied heading is copied text, and a paragraph-long "heading" in one report
    is often a plain sentence in another."""
    from auditor.reading.normalize import norm

    t2s = bool(doc.meta.get("traditional", True))
    out = [Unit(s.line, s.text, reuse_key(s.norm), _chars(s.text)) for s in doc.sentences]
    out += [Unit(h.line, h.heading, reuse_key(norm(h.heading, t2s=t2s)), _chars(h.heading))
            for h in doc.sections]
    out.sort(key=lambda u: u.line)  # stable: a heading line's own sentences stay in order
    return out


def total_chars(us: list[Unit]) -> int:
    return sum(u.chars for u in us)

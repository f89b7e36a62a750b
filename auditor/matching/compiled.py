"""A rule pack compiled for matching: phrase keys, phrase tokens, RE2 patterns.

Compiling once per pack (not per report) is what keeps a warm audit within a few times the
cost of segmenting the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import re2

from auditor.matching.segment import Segmenter
from auditor.packs.spec import Match, Pack

# Quote marks and list commas vary from report to report ("放管服" / “放管服” / 放管服,
# 双随机、一公开 / 双随机一公开); matching ignores them on both sides.
DROPPED = frozenset("“”\"'‘’「」『』、 ·•\u3000")
_DROP = str.maketrans("", "", "".join(DROPPED))
FUZZY_MIN_LEN = 5


def key(text: str) -> str:
    return text.translate(_DROP)


@dataclass(frozen=True)
class Phrase:
    text: str  # as written in the rule
    parts: tuple[str, ...]  # keyed parts; more than one for an `A…B` phrase
    tokens: tuple[str, ...]  # content tokens, for token-cover and fuzzy prefilter
    fuzzy: bool


@dataclass(frozen=True)
class CompiledMatch:
    any: tuple[Phrase, ...]
    all: tuple[tuple[str, ...], ...]
    not_: tuple[str, ...]
    patterns: tuple[object, ...]
    threshold: int
    gap: int


@dataclass(frozen=True)
class CompiledPack:
    pack: Pack
    segmenter: Segmenter
    matches: dict  # rule id -> (CompiledMatch | None, ((facet name, CompiledMatch), ...))
    shortcomings: dict  # rule id -> CompiledMatch for gap sentences, when the rule has one


def _phrase(text: str, seg: Segmenter) -> Phrase:
    parts = tuple(key(p) for p in text.replace("...", "…").split("…") if p)
    joined = "".join(parts)
    return Phrase(text, parts, seg.content_tokens(joined),
                  len(parts) == 1 and len(joined) >= FUZZY_MIN_LEN)


def _compile_match(m: Match, seg: Segmenter) -> CompiledMatch:
    return CompiledMatch(
        any=tuple(_phrase(p, seg) for p in m.any),
        all=tuple(tuple(key(t) for t in group) for group in m.all),
        not_=tuple(key(t) for t in m.not_),
        patterns=tuple(re2.compile(p) for p in m.patterns),
        threshold=m.threshold,
        gap=m.gap,
    )


@lru_cache(maxsize=8)
def compile_pack(pack: Pack) -> CompiledPack:
    seg = Segmenter(pack.terms())
    matches, shortcomings = {}, {}
    for rule in pack.rules:
        main = _compile_match(rule.match, seg) if (rule.match.any or rule.match.patterns) else None
        facets = tuple((f.name, _compile_match(f.match, seg)) for f in rule.facets)
        matches[rule.id] = (main, facets)
        if rule.shortcoming:
            shortcomings[rule.id] = _compile_match(rule.shortcoming, seg)
    return CompiledPack(pack, seg, matches, shortcomings)

"""A rule pack compiled for matching: phrase keys, phrase tokens, RE2 patterns.

Compiling once per pack (not per report) is what keeps a warm audit within a few times the
cost of segmenting the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import re2

from auditor.matching.segment import Segmenter
from auditor.packs.schema import GAP, IGNORED
from auditor.packs.spec import Match, Pack
from auditor.reading.normalize import width

# Quote marks and list commas vary from report to report ("放管服" / “放管服” / 放管服,
# 双随机、一公开 / 双随机一公开); matching ignores them on both sides. One set, shared with the
# validator, so a phrase it accepts as non-empty is non-empty here too.
DROPPED = frozenset(IGNORED)
_DROP = str.maketrans("", "", IGNORED)
FUZZY_MIN_LEN = 5
MAX_TERM = 8  # longer phrases are left to jieba: a long user word would swallow its neighbours


def key(text: str) -> str:
    return text.translate(_DROP)


def phrase_parts(text: str) -> tuple[str, ...]:
    """A rule phrase in the form report text is searched in: half-width like ``norm`` makes the
    report (a pack author types （居） where the report's norm has (居)), quotes and 、 dropped,
    split at `…` gaps (``...`` counts as one)."""
    return tuple(key(p) for p in width(text).replace("...", GAP).split(GAP) if key(p))


def pack_terms(pack: Pack) -> list[str]:
    """Words to teach the segmenter, so 三项制度 or 第一责任人 stay one token.

    Terms come from the keyed phrase parts, because the segmenter only ever sees keyed text:
    a term written with quotes or 、 would never occur in it and only add noise."""
    seen: dict[str, None] = {}
    for rule in pack.rules:
        matches = [rule.match, *(f.match for f in rule.facets)]
        if rule.shortcoming:
            matches.append(rule.shortcoming)
        for m in matches:
            for phrase in m.any:
                for part in phrase_parts(phrase):
                    if 2 <= len(part) <= MAX_TERM:
                        seen.setdefault(part, None)
    return list(seen)


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
    parts = phrase_parts(text)
    joined = "".join(parts)
    return Phrase(text, parts, seg.content_tokens(joined),
                  len(parts) == 1 and len(joined) >= FUZZY_MIN_LEN)


def _compile_match(m: Match, seg: Segmenter) -> CompiledMatch:
    return CompiledMatch(
        any=tuple(_phrase(p, seg) for p in m.any),
        all=tuple(tuple(key(width(t)) for t in group) for group in m.all),
        not_=tuple(key(width(t)) for t in m.not_),
        # (?m): ^ and $ anchor at sentence edges in the "\n"-joined text, as in one sentence.
        patterns=tuple(re2.compile("(?m)" + p) for p in m.patterns),
        threshold=m.threshold,
        gap=m.gap,
    )


@lru_cache(maxsize=8)
def compile_pack(pack: Pack) -> CompiledPack:
    seg = Segmenter(pack_terms(pack))
    matches, shortcomings = {}, {}
    for rule in pack.rules:
        main = _compile_match(rule.match, seg) if (rule.match.any or rule.match.patterns) else None
        facets = tuple((f.name, _compile_match(f.match, seg)) for f in rule.facets)
        matches[rule.id] = (main, facets)
        if rule.shortcoming:
            shortcomings[rule.id] = _compile_match(rule.shortcoming, seg)
    return CompiledPack(pack, seg, matches, shortcomings)

"""Rule types: how one compiled match finds evidence sentences in an indexed document.

Three ways a phrase hits, strongest first: the exact phrase (100); every content token of the
phrase inside one clause, in any order (90: 对重大执法决定进行法制审核 for 重大执法决定法制审核);
a rapidfuzz partial_ratio at or above the rule's threshold, tried only on sentences that share
tokens with the phrase (small insertions: 执法全过程音像记录 for 执法全过程记录).  An `A…B`
phrase hits only exactly: its author asked for B within `gap` characters after A, which the
any-order and fuzzy ways would ignore.
"""

from __future__ import annotations

import re2
from rapidfuzz import fuzz

from auditor.matching.compiled import CHAIN, NEAR, ONE, CompiledMatch, Phrase, near_need
from auditor.matching.compiled import out_of_reach as _out_of_reach
from auditor.matching.engines import Quick
from auditor.matching.index import DocIndex
from auditor.matching.segment import Segmenter, clauses

TOKEN_COVER_SCORE = 90
Hit = tuple[int, int, int]  # (score 0..100, offset of the hit in the sentence's keyed text, length)


def _exact(phrase: Phrase, idx: DocIndex, gap: int) -> dict[int, Hit]:
    """Sentence id -> the phrase's first exact hit in it. The result may be the index's own
    table (a one-part phrase): read it, never change it."""
    first, rest = phrase.parts[0], phrase.parts[1:]
    if not rest and phrase.scanned and idx.words:
        return idx.first_hits(phrase.first)
    hits: dict[int, Hit] = {}
    keys = idx.keys
    if idx.words and phrase.scanned:
        # The sentences holding the first part, with its first offset in each, are the
        # index's (shared by every phrase beginning with the word); a sentence is tried only
        # when it holds every later part at all, and then from each occurrence in turn (those
        # the scan found: every one, overlapping ones included, none across sentences).
        n = len(first)
        for sid, (_, off, _) in idx.first_hits(phrase.first).items():
            text = keys[sid]
            for part in rest:
                if part not in text:
                    break
            else:
                while off != -1:
                    end = _chain(text, off + n, rest, gap)
                    if end != -1:
                        hits[sid] = (100, off, end - off)
                        break
                    off = text.find(first, off + 1)
        return hits
    for sid, off in (idx.occurrences(phrase.first) if idx.words else idx.find_all(first)):
        if sid in hits:
            continue
        end = _chain(keys[sid], off + len(first), rest, gap)
        if end != -1:
            hits[sid] = (100, off, end - off)
    return hits


def _chain(text: str, pos: int, rest: tuple[str, ...], gap: int) -> int:
    """Where the later parts of a phrase end when each follows the one before within ``gap``
    characters, from ``pos`` (the end of the first part); -1 when one does not."""
    for part in rest:
        # Search only the window the gap allows: an unbounded find from every occurrence of
        # the first part is quadratic on a long unpunctuated line.
        nxt = text.find(part, pos, pos + gap + len(part))
        if nxt == -1:
            return -1
        pos = nxt + len(part)
    return pos


def _near(phrase: Phrase, idx: DocIndex, seg: Segmenter, threshold: int,
          skip: dict[int, Hit]) -> dict[int, Hit]:
    toks = phrase.tokens
    if not phrase.near:
        return {}
    counts: dict[int, int] = {}
    for t in toks:
        for sid in idx.by_token.get(t, ()):
            counts[sid] = counts.get(sid, 0) + 1
    need = near_need(len(toks))
    hits: dict[int, Hit] = {}
    for sid, n in counts.items():
        if n < need or sid in skip:
            continue
        text = idx.keys[sid]
        if n == len(toks) and any(all(t in c for t in toks) for c in clauses(text)):
            spots = [(text.find(t), len(t)) for t in toks]
            first = max(0, min(p for p, _ in spots))
            hits[sid] = (TOKEN_COVER_SCORE, first, max(p + n for p, n in spots) - first)
            continue
        if phrase.fuzzy:
            if phrase.chars and _out_of_reach(phrase.parts[0], phrase.chars, text, threshold):
                continue
            # The plain ratio is cheaper; the alignment (for the offset) only for real hits.
            if fuzz.partial_ratio(phrase.parts[0], text, score_cutoff=threshold):
                al = fuzz.partial_ratio_alignment(phrase.parts[0], text)
                hits[sid] = (round(al.score), al.dest_start, al.dest_end - al.dest_start)
    return hits


def anchor_hits(m: CompiledMatch, idx: DocIndex, seg: Segmenter,
                only: frozenset[int] | None = None) -> dict[int, Hit]:
    """Sentence id -> best anchor hit, before `all` and `not` are applied; with ``only``, just
    for those sentences (a sentence's hit never depends on another's)."""
    if not idx.words:
        return _unscanned_hits(m, idx, seg, only)
    found = idx.found
    # Only phrases whose first word the document's one scan found (in a sentence of ``only``)
    # can hit exactly, plus those it cannot speak for; tried in pack order, so among hits of
    # equal score the first phrase's stands, as when every phrase was tried.
    present = idx.present if only is None else idx.words_within(only)
    if m.triggers is not None and present.isdisjoint(m.triggers):
        return {}  # no sentence (of ``only``) holds a word any way of hitting needs
    best: dict[int, Hit] = {}
    weak = False  # best holds a near hit (a score below 100)
    for phrase, way in m.steps:
        if way == ONE:
            if phrase.first not in present:
                continue
            # A one-part phrase's exact hits are its word's first occurrence in each sentence
            # (what _exact returns for it), filed straight from the scan's occurrences, which
            # come in text order: a word seldom begins phrases of two matches of one document,
            # so a table of them per word would be made for one reader.
            n = len(phrase.parts[0])
            if weak or only is not None:
                for sid, off in found[phrase.first]:
                    if (only is None or sid in only) and best.get(sid, _NONE)[0] < 100:
                        best[sid] = (100, off, n)
            else:
                for sid, off in found[phrase.first]:
                    if sid not in best:
                        best[sid] = (100, off, n)
            continue
        if way == NEAR:
            # A near phrase is one part, so its hits follow from that part and the threshold:
            # rules sharing the phrase (关于全面依法治国重要论述) share them.
            memo = (phrase.parts[0], m.threshold)
            hits = idx.near.get(memo)  # type: ignore[assignment]
            if hits is None:
                exact = _exact(phrase, idx, m.gap) if (
                    phrase.first in found or not phrase.scanned) else {}
                hits = idx.near[memo] = {**exact, **_near(phrase, idx, seg, m.threshold, exact)}
            for sid, hit in hits.items():
                if (only is None or sid in only) and hit[0] > best.get(sid, _NONE)[0]:
                    best[sid] = hit
            weak = True
            continue
        if way == CHAIN and phrase.first not in present:
            continue
        hits = _exact(phrase, idx, m.gap)  # a table of its own (no one-part scanned phrase)
        if not best and only is None:
            best = hits  # the first phrase to hit: its hits (score 100), all kept
            continue
        for sid, hit in hits.items():
            if (only is None or sid in only) and best.get(sid, _NONE)[0] < 100:
                best[sid] = hit
    if not m.pattern_plan:
        return best
    words_in = idx.words_in
    exact_sets = len(words_in) == len(idx.keys)
    for pattern, sets, words, checks in m.pattern_plan:
        if sets is not None and exact_sets:
            for ids in sets:  # most patterns miss a word set in a given report: say so first
                if present.isdisjoint(ids):
                    break
            else:
                cands = _candidates(sets, idx, only)
                for sid in cands:
                    if checks and not _holds_each(idx.keys[sid], checks):
                        continue
                    span = _first_span(pattern, idx.keys[sid])
                    if span is not None and best.get(sid, _NONE)[0] < 100:
                        best[sid] = (100, span[0], span[1] - span[0])
            continue
        for sid, off, n in (_pattern_hits(pattern, idx) if words is None
                            else _prefiltered_hits(pattern, words, checks, idx, only)):
            if (only is None or sid in only) and 100 > best.get(sid, _NONE)[0]:
                best[sid] = (100, off, n)
    return best


def _unscanned_hits(m: CompiledMatch, idx: DocIndex, seg: Segmenter,
                    only: frozenset[int] | None) -> dict[int, Hit]:
    """anchor_hits for an index made without the pack's scan: every phrase, every pattern."""
    best: dict[int, Hit] = {}
    for phrase in m.any:
        if phrase.near:
            memo = (phrase.parts[0], m.threshold)
            hits = idx.near.get(memo)  # type: ignore[assignment]
            if hits is None:
                exact = _exact(phrase, idx, m.gap)
                hits = idx.near[memo] = {**exact, **_near(phrase, idx, seg, m.threshold, exact)}
        else:
            hits = _exact(phrase, idx, m.gap)
        for sid, hit in hits.items():
            if (only is None or sid in only) and hit[0] > best.get(sid, _NONE)[0]:
                best[sid] = hit
    for pattern in m.patterns:
        for sid, off, n in _pattern_hits(pattern, idx):
            if (only is None or sid in only) and 100 > best.get(sid, _NONE)[0]:
                best[sid] = (100, off, n)
    return best


_NONE: Hit = (0, 0, 0)


def _prefiltered_hits(pattern, words: tuple[tuple[int, ...], ...],
                      checks: tuple[tuple[str, ...], ...], idx: DocIndex,
                      only: frozenset[int] | None = None,
                      sets: tuple[frozenset[int], ...] | None = None) -> list[tuple[int, int, int]]:
    """As ``_pattern_hits``, run only on the sentences that hold a word of each of the pattern's
    required sets (compiled.required_words): no other sentence can match. Searching each such
    sentence on its own gives what the joined search gives (its first in-sentence match).
    ``sets``: the same sets as id sets, when the scan finds each of their words exactly
    (CompiledMatch.pattern_sets)."""
    if sets is not None and len(idx.words_in) == len(idx.keys):
        found = idx.present
        cands = [] if any(found.isdisjoint(ids) for ids in sets) else _candidates(sets, idx, only)
    else:
        cands = _candidates_by_text(words, idx, only)
    out = []
    for sid in cands:
        text = idx.keys[sid]
        if checks and not _holds_each(text, checks):
            continue
        span = _first_span(pattern, text)
        if span is not None:
            out.append((sid, span[0], span[1] - span[0]))
    return out


def _holds_each(text: str, sets: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``text`` holds a word of each set (plain loops: the generators of all(any(…))
    cost more than the tests, run for every candidate sentence)."""
    for words in sets:
        for w in words:
            if w in text:
                break
        else:
            return False
    return True


# RE2's Python wrapper (re2/__init__.py, _Regexp._match) runs every search through a generator
# that builds tables between str and UTF-8 offsets: about 34,000 of the 48,000 instructions a
# search of one sentence costs. The compiled RE2 object inside it answers the same question on
# the UTF-8 bytes, as the wrapper itself asks it; the span is turned back into characters only
# for the few sentences that match. A google-re2 without that object gets the wrapper.
_UNANCHORED = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)


def _first_span(pattern, text: str) -> tuple[int, int] | None:
    """(start, end), in characters, of the pattern's first match in ``text``; None: none."""
    if type(pattern) is Quick:  # run by re (matching.engines): most of the pack's patterns
        mt = pattern.search(text)
        return mt.span() if mt else None
    raw = getattr(pattern, "_regexp", None)
    if raw is None or _UNANCHORED is None:
        mt = pattern.search(text)
        return mt.span() if mt else None
    data = text.encode()
    start, end = raw.Match(_UNANCHORED, data, 0, len(data))[0]
    if start < 0:
        return None
    first = len(data[:start].decode())
    return first, first + len(data[start:end].decode())


def _candidates(sets: tuple[frozenset[int], ...], idx: DocIndex,
                only: frozenset[int] | None) -> list[int]:
    """Ids of the sentences (of ``only``) holding a word of every set, in order, when the
    document holds a word of each: those of ``_candidates_by_text``, read straight off the scan's
    hits (the sets hold only words it finds exactly, none with a line break, so each hit lies in
    the sentence it is filed under). Only the first set's occurrences are walked (the most
    selective set, compiled._id_sets); each sentence met is asked whether its own word set meets
    every other set, instead of listing those sets' sentences too."""
    found = idx.found
    rest = sets[1:]
    words = idx.present & sets[0]
    words_in = idx.words_in
    out = []
    last = -1
    for w in words:
        for sid, _ in found[w]:
            if sid == last or (only is not None and sid not in only):
                continue
            last = sid
            held = words_in[sid]
            for ids in rest:
                if held.isdisjoint(ids):
                    break
            else:
                out.append(sid)
        last = -1
    return sorted(set(out)) if len(words) > 1 else out


def _candidates_by_text(words: tuple[tuple[int, ...], ...], idx: DocIndex,
                        only: frozenset[int] | None) -> list[int]:
    for ids in words:
        if idx.present.isdisjoint(ids) and not any(idx.has(w) for w in ids):
            return []
    cands: frozenset[int] | set[int] | None = only
    for ids in words:
        sids = idx.sentences_with(ids)
        cands = sids if cands is None else cands & sids
        if not cands:
            return []
    return sorted(cands or ())


def _pattern_hits(pattern, idx: DocIndex) -> list[tuple[int, int, int]]:
    """(sentence id, offset) of a pattern's first hit in each sentence it matches.

    One pass over the joined text is cheap, but a pattern such as ``清单[^。]{0,20}调整`` or
    ``\\s`` also matches the "\\n" joiner, i.e. across two sentences.  Such a match is dropped and
    every sentence it touched is searched on its own; any in-sentence match that the crossing
    match swallowed lies in one of those sentences, so nothing is lost."""
    out: dict[int, tuple[int, int]] = {}
    for mt in pattern.finditer(idx.joined):
        first = idx.sentence_at(mt.start())
        if "\n" not in mt.group(0):
            out.setdefault(first, (mt.start() - idx.starts[first], mt.end() - mt.start()))
            continue
        for sid in range(first, idx.sentence_at(max(mt.start(), mt.end() - 1)) + 1):
            if sid not in out and (own := pattern.search(idx.keys[sid])):
                out[sid] = (own.start(), own.end() - own.start())
    return [(sid, off, n) for sid, (off, n) in out.items()]


NAMED_MIN = 5  # an anchor this long names the item even where `all` finds no act words


def match_sentences(m: CompiledMatch, idx: DocIndex, seg: Segmenter,
                    named: dict[int, Hit] | None = None,
                    only: frozenset[int] | None = None) -> dict[int, Hit]:
    """Sentence id -> hit for every sentence the match accepts.  ``named`` (when given) also
    collects sentences where a long anchor (习近平法治思想, 重点领域执法) hit but an `all` group
    did not: the item is named there, without the words that make it work done (a mention).
    ``only``: the sentences to consider (None: all)."""
    if m.any or m.patterns:
        hits = anchor_hits(m, idx, seg, only)
    else:
        hits = {sid: (100, 0, 0) for sid in range(len(idx.keys)) if only is None or sid in only}
    out: dict[int, Hit] = {}
    if not hits:
        return out
    if idx.words and m.sets_exact and len(idx.words_in) == len(idx.keys):
        # Every `all`/`not` word is scanned: a word is in a sentence exactly when the scan
        # filed its id there, so the tests are set tests on ids.
        not_set, all_sets, words_in = m.not_set, m.all_sets, idx.words_in
        if not not_set and not all_sets:
            return hits  # anchor_hits' table is the caller's own
        for sid, hit in hits.items():
            held = words_in[sid]
            if not_set and not not_set.isdisjoint(held):
                continue
            for g in all_sets:  # a loop, not all(genexpr): no generator made per sentence
                if g.isdisjoint(held):
                    if named is not None and hit[2] >= NAMED_MIN:
                        named[sid] = hit
                    break
            else:
                out[sid] = hit
        return out
    not_, all_ = m.not_, m.all
    if idx.words and len(m.not_ids) == len(not_) and len(m.all_ids) == len(all_):
        # The one scan already says which words occur in the document at all: a `not` word
        # that never does needs no look, and an `all` group none of whose words does fails
        # every sentence (only named ones can still come of it).
        not_ = tuple(t for t, w in zip(not_, m.not_ids, strict=True) if idx.has(w))
        if not all(any(idx.has(w) for w in ids) for ids in m.all_ids):
            all_ = ((),)
    for sid, hit in hits.items():
        text = idx.keys[sid]
        if any(t in text for t in not_):
            continue
        if all(any(t in text for t in group) for group in all_):
            out[sid] = hit
        elif named is not None and hit[2] >= NAMED_MIN:
            named[sid] = hit
    return out

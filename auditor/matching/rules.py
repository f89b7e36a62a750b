"""Rule types: how one compiled match finds evidence sentences in an indexed document.

Three ways a phrase hits, strongest first: the exact phrase (100); every content token of the
phrase inside one clause, in any order (90: 对重大执法决定进行法制审核 for 重大执法决定法制审核);
a rapidfuzz partial_ratio at or above the rule's threshold, tried only on sentences that share
tokens with the phrase (small insertions: 执法全过程音像记录 for 执法全过程记录).  An `A…B`
phrase hits only exactly: its author asked for B within `gap` characters after A, which the
any-order and fuzzy ways would ignore.
"""

from __future__ import annotations

from operator import itemgetter

import re2
from rapidfuzz import fuzz

from auditor.matching.compiled import CompiledMatch, Phrase
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
    keys, last, live = idx.keys, -1, False
    # Occurrences come in text order, a sentence's together: whether the sentence holds every
    # later part at all is asked once for all of them, and its first hit ends them.
    for sid, off in (idx.occurrences(phrase.first) if idx.words else idx.find_all(first)):
        if sid != last:
            last, text = sid, keys[sid]
            live = sid not in hits
            for part in rest:
                if part not in text:
                    live = False
                    break
        if not live:
            continue
        pos = off + len(first)
        for part in rest:
            # Search only the window the gap allows: an unbounded find from every occurrence of
            # the first part is quadratic on a long unpunctuated line (PDF text, tables).
            nxt = text.find(part, pos, pos + gap + len(part))
            if nxt == -1:
                break
            pos = nxt + len(part)
        else:
            hits[sid] = (100, off, pos - off)
            live = False
    return hits


def _near(phrase: Phrase, idx: DocIndex, seg: Segmenter, threshold: int,
          skip: dict[int, Hit]) -> dict[int, Hit]:
    toks = phrase.tokens
    if not phrase.near:
        return {}
    counts: dict[int, int] = {}
    for t in toks:
        for sid in idx.by_token.get(t, ()):
            counts[sid] = counts.get(sid, 0) + 1
    need = max(2, (len(toks) + 1) // 2)
    hits: dict[int, Hit] = {}
    for sid, n in counts.items():
        if sid in skip or n < need:
            continue
        text = idx.keys[sid]
        if n == len(toks) and any(all(t in c for t in toks) for c in clauses(text)):
            spots = [(text.find(t), len(t)) for t in toks]
            first = max(0, min(p for p, _ in spots))
            hits[sid] = (TOKEN_COVER_SCORE, first, max(p + n for p, n in spots) - first)
            continue
        if phrase.fuzzy:
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
        tables = [t for k in range(len(m.any)) if (t := _phrase_table(m, k, idx, seg))]
        tables += [t for p in m.patterns if (t := _pattern_table(p, idx))]
        return _merged(tables, only)
    # Only phrases whose first word the document's one scan found can hit exactly, plus
    # those it cannot speak for; tried in pack order, so among hits of equal score the
    # first phrase's stands, as when every phrase was tried.
    present = idx.found.keys() if only is None else idx.words_within(only)
    if m.triggers is not None and present.isdisjoint(m.triggers):
        return {}  # no sentence (of ``only``) holds a word any way of hitting needs
    todo = [k for w in m.by_first.keys() & present for k in m.by_first[w]]
    if m.always:
        todo = sorted(set(todo).union(m.always))
    else:
        todo.sort()
    tables = []
    for k in todo:
        phrase = m.any[k]
        # A one-part phrase's exact hits are its word's first occurrences (what _exact
        # returns for it), asked of the index without the detour (todo holds a scanned phrase
        # only when its first word was found).
        hits = idx.first_hits(phrase.first) if phrase.scanned and not phrase.near and \
            len(phrase.parts) == 1 else _phrase_table(m, k, idx, seg)
        if hits:
            tables.append(hits)
    if m.patterns:
        memo = _memo(idx)
        if only is None and m.pattern_words:
            # Whole-document hits, once per pattern whichever rules hold it.
            done = memo.patterns
            for k, pattern in enumerate(m.patterns):
                hits = done.get(pattern.pattern)
                if hits is None:
                    hits = done[pattern.pattern] = _scanned_pattern_table(m, k, idx, memo)
                if hits:
                    tables.append(hits)
        else:
            for k, pattern in enumerate(m.patterns):
                if m.pattern_words and m.pattern_words[k] is not None:
                    found = _prefiltered_hits(pattern, m.pattern_words[k], m.pattern_checks[k],
                                              idx, only, m.pattern_sets[k], memo)
                    hits = {sid: (100, off, n) for sid, off, n in found}
                else:
                    hits = _pattern_table(pattern, idx)
                if hits:
                    tables.append(hits)
    return _merged(tables, only)


def _phrase_table(m: CompiledMatch, k: int, idx: DocIndex, seg: Segmenter) -> dict[int, Hit]:
    """Sentence id -> hit of the phrase ``m.any[k]``. The table may be the index's own (shared
    by every rule holding the phrase): read it, never change it."""
    phrase = m.any[k]
    if not phrase.near:  # the token-cover and fuzzy ways apply to one-part phrases only
        return _exact(phrase, idx, m.gap)
    # A near phrase is one part, so its hits follow from that part and the threshold: rules
    # sharing the phrase (关于全面依法治国重要论述) share them.
    memo = (phrase.parts[0], m.threshold)
    hits = idx.near.get(memo)
    if hits is None:
        exact = _exact(phrase, idx, m.gap) if (
            not idx.words or phrase.first in idx.found or not phrase.scanned) else {}
        hits = idx.near[memo] = {**exact, **_near(phrase, idx, seg, m.threshold, exact)}
    return hits


def _pattern_table(pattern, idx: DocIndex) -> dict[int, Hit]:
    return {sid: (100, off, n) for sid, off, n in _pattern_hits(pattern, idx)}


def _scanned_pattern_table(m: CompiledMatch, k: int, idx: DocIndex, memo: _Memo) -> dict[int, Hit]:
    """``_prefiltered_hits`` of the pattern ``m.patterns[k]`` on the whole document, as a table
    (a pattern no word set could be read off runs on the whole text)."""
    if m.pattern_words[k] is None:
        return _pattern_table(m.patterns[k], idx)
    sets = m.pattern_sets[k]
    if sets is not None:
        present = idx.found.keys()
        for ids in sets:  # most patterns miss a word set in a given report: say so at once
            if present.isdisjoint(ids):
                return {}
    return {sid: (100, off, n) for sid, off, n in _prefiltered_hits(
        m.patterns[k], m.pattern_words[k], m.pattern_checks[k], idx, None, sets, memo)}


def _merged(tables: list[dict[int, Hit]], only: frozenset[int] | None) -> dict[int, Hit]:
    """Sentence id -> the hit of the first table with the best score for it, in the order the
    sentences first appear in the tables: what trying the tables one after the other and
    keeping a hit only over a lower score gives. Built with dict.update, in C: a sentence's
    place is set by the first update holding it, its value by the last, so the tables are
    laid in order and then, but for the last, again in reverse. Only a hit under 100 (token
    cover, fuzzy) can lose to a later table: those sentences are settled one by one."""
    if not tables:
        return {}
    best = dict(tables[0])
    for t in tables[1:]:
        best.update(t)
    if len(tables) > 1:
        for t in tables[-2::-1]:
            best.update(t)
        low = [sid for sid, hit in best.items() if hit[0] < 100]
        for sid in low:
            top = _NONE
            for t in tables:
                hit = t.get(sid, _NONE)
                if hit[0] > top[0]:
                    top = hit
            best[sid] = top
    if only is not None:
        return {sid: hit for sid, hit in best.items() if sid in only}
    return best


class _Memo:
    """What the matches of one document share: per word set (a pattern's required set, an
    `all` group) the sentences holding one of its words, and per pattern its hits; several
    rules hold the same pattern or set. Lives as long as the document's index is matched."""

    __slots__ = ("idx", "patterns", "sentences", "words")

    def __init__(self, idx: DocIndex) -> None:
        self.idx = idx
        self.sentences: dict[frozenset[int], frozenset[int]] = {}
        self.patterns: dict[str, dict[int, Hit]] = {}
        self.words: dict[int, frozenset[int]] = {}  # per word, as for a set


_current: _Memo | None = None  # the memo of the index last matched


def _memo(idx: DocIndex) -> _Memo:
    """The memo of ``idx``: made anew for each index, so nothing in it outlives the document
    (it holds the index, so no later index can take its identity)."""
    global _current
    memo = _current
    if memo is None or memo.idx is not idx:
        memo = _current = _Memo(idx)
    return memo


_NONE: Hit = (0, 0, 0)


def _prefiltered_hits(pattern, words: tuple[tuple[int, ...], ...],
                      checks: tuple[tuple[str, ...], ...], idx: DocIndex,
                      only: frozenset[int] | None = None,
                      sets: tuple[frozenset[int], ...] | None = None,
                      memo: _Memo | None = None) -> list[tuple[int, int, int]]:
    """As ``_pattern_hits``, run only on the sentences that hold a word of each of the pattern's
    required sets (compiled.required_words): no other sentence can match. Searching each such
    sentence on its own gives what the joined search gives (its first in-sentence match).
    ``sets``: the same sets as id sets, when the scan finds each of their words exactly
    (CompiledMatch.pattern_sets); ``memo``: the document's (_memo)."""
    if sets is not None and len(idx.words_in) == len(idx.keys):
        cands = _candidates(sets, idx, only, memo or _memo(idx))
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
                only: frozenset[int] | None, memo: _Memo) -> list[int]:
    """Ids of the sentences (of ``only``) holding a word of every set, in order: those of
    ``_candidates_by_text``, read straight off the scan's hits (the sets hold only words it
    finds exactly)."""
    present = idx.found.keys()
    for ids in sets:  # most patterns miss a word set in a given report: say so cheaply first
        if present.isdisjoint(ids):
            return []
    cands: frozenset[int] | None = only
    for ids in sets:
        sids = _sentences(ids, memo)
        cands = sids if cands is None else cands & sids
        if not cands:
            return []
    return sorted(cands or ())


def _sentences(ids: frozenset[int], memo: _Memo) -> frozenset[int]:
    """Ids of the sentences holding one of the scanned words ``ids`` (1..MAX_SCAN characters,
    no line break: those the scan files under the sentence they are in), once per document."""
    got = memo.sentences.get(ids)
    if got is None:
        found, words = memo.idx.found, memo.words
        sets = []
        for w in found.keys() & ids:
            one = words.get(w)
            if one is None:
                # A word holding a line break spans the joiner: in no one sentence (the
                # scan's words_in); no pattern set holds one, an `all`/`not` word might.
                one = words[w] = frozenset() if "\n" in memo.idx.words[w] else \
                    frozenset(map(_SENTENCE, found[w]))
            sets.append(one)
        got = memo.sentences[ids] = frozenset().union(*sets)
    return got


_SENTENCE = itemgetter(0)  # of an occurrence (sentence id, offset)


def _candidates_by_text(words: tuple[tuple[int, ...], ...], idx: DocIndex,
                        only: frozenset[int] | None) -> list[int]:
    found = idx.found
    for ids in words:
        if found.keys().isdisjoint(ids) and not any(idx.has(w) for w in ids):
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

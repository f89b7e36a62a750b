"""Per-document index: one keyed string with sentence offsets, tokens, and a token index.

The pack's Aho-Corasick automaton (matching.compiled) scans the joined string once for every
word any rule looks for; rules then read where their words occur (``occurrences``) instead of
searching the text phrase by phrase. The scan reports hits in order of their end, so a forward
walk files each under its sentence as it comes (no search per hit), and each sentence also gets
the set of pack words it holds: a rule's `all`/`not` test is then a set test, not a substring
search.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from auditor.matching.compiled import MAX_SCAN, Scanner, key
from auditor.matching.segment import Segmenter
from auditor.reading.document import Document


@dataclass
class DocIndex:
    keys: list[str]  # keyed norm text per sentence
    joined: str  # keys joined by "\n"
    starts: list[int]  # offset of each sentence in `joined`
    # content token -> sentence ids (only tokens of some phrase, when known; from the pack's scan,
    # only in sentences where a near phrase can reach its count and hit: all rules._near reads)
    by_token: dict[str, set[int]]
    # word id -> (sentence id, offset in it) of each occurrence, in text order (the scan's hits)
    found: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    words: tuple[str, ...] = ()  # word id -> word (the pack's automaton words)
    # sentence id -> ids of the scanned words it holds: a word is in a sentence's text exactly
    # when its id is here (for words of 1..MAX_SCAN characters, see CompiledMatch.sets_exact)
    words_in: list[set[int]] = field(default_factory=list)
    _sids: dict[tuple[int, ...], set[int]] = field(default_factory=dict)  # memo of sentences_with
    # (near phrase, threshold) -> its hits, exact and near (rules.anchor_hits)
    near: dict[tuple[str, int], dict[int, tuple[int, int, int]]] = field(default_factory=dict)
    _within: dict[frozenset[int], set[int]] = field(default_factory=dict)  # memo of words_within
    _firsts: dict[int, dict[int, tuple[int, int, int]]] = field(default_factory=dict)  # memo of first_hits
    # The ids of ``found`` as a set: the rules' isdisjoint and & tests of word sets against it
    # run in C at set speed (a dict's keys view goes through the generic protocol, ~3x slower).
    present: set[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.present = set(self.found)

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
        """Ids of the sentences holding any of the pack words ``ids`` (a pattern's word set,
        asked again by every rule with that pattern). Not to be modified."""
        got = self._sids.get(ids)
        if got is None:
            got = self._sids[ids] = {sid for wid in ids for sid, _ in self.occurrences(wid)}
        return got

    def occurrences(self, wid: int) -> list[tuple[int, int]]:
        """(sentence id, offset within sentence) of every occurrence of pack word ``wid``, in text
        order, overlapping ones included (as ``find_all`` of the word). Not to be modified."""
        got = self.found.get(wid)
        if got is not None:
            return got
        word = self.words[wid]
        return self.find_all(word) if not word or len(word) > MAX_SCAN else []

    def words_within(self, sids: frozenset[int] | set[int]) -> set[int]:
        """Ids of the scanned words held by any of the sentences ``sids`` (the gap sentences,
        asked by every rule with a shortcoming match)."""
        key = frozenset(sids)  # the same object when it is one already
        got = self._within.get(key)
        if got is None:
            got = self._within[key] = set().union(*(self.words_in[sid] for sid in key))
        return got

    def first_hits(self, wid: int) -> dict[int, tuple[int, int, int]]:
        """Sentence id -> (100, offset, length) of the first occurrence of pack word ``wid`` in
        each sentence holding it: the exact hits of a one-part phrase. Several rules share a
        phrase's first word (法治政府建设), so each word's table is made once per document."""
        got = self._firsts.get(wid)
        if got is None:
            n = len(self.words[wid])
            got = {}
            for sid, off in self.occurrences(wid):
                if sid not in got:
                    got[sid] = (100, off, n)
            self._firsts[wid] = got
        return got


def build_index(doc: Document, seg: Segmenter) -> DocIndex:
    return index_texts([s.norm for s in doc.sentences], seg)


def index_texts(norms: list[str], seg: Segmenter, automaton: Scanner | None = None,
                words: tuple[str, ...] = (), wanted: frozenset[str] | None = None) -> DocIndex:
    """The index of any list of normalised texts (sentences, or a report's headings); with the
    pack's ``automaton``, also where each of its ``words`` occurs. ``wanted``: the only tokens
    anything looks up (the pack's phrase tokens), when known."""
    # One regex pass over the joined texts, not one per text ("\n" is never dropped, so the
    # keyed text splits back into the texts' keys unless a text holds a "\n" itself).
    joined = key("\n".join(norms))
    keys = joined.split("\n")
    split = len(keys) == len(norms)  # no text holds a "\n" of its own
    if not split:
        keys = [key(s) for s in norms]
        joined = "\n".join(keys)
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    found: dict[int, list[tuple[int, int]]] = {}
    words_in: list[set[int]]
    by_token = None
    if automaton is None or not len(automaton):
        words_in = [set() for _ in keys]
    else:
        hits = automaton.hits(joined)
        if automaton.marks and split:
            found, words_in, owners = _file_marked(hits, automaton, starts, keys)
            if wanted == automaton.marks:
                # The pack's scan also marked the wanted tokens, so it gave the texts to cut as
                # well: no second scan (Segmenter.wanted_tokens). A text is cut whole: jieba
                # cuts it as the pieces between its SPLITS characters, and those with no wanted
                # token in them give none.
                by_token = seg.tokens_in([keys[sid] for sid in owners], owners, wanted)
        else:
            found, words_in = _file_each(hits, automaton.ids, starts, pos)
    # Only the pack's phrase tokens (``wanted``) are ever looked up, so only the text that can
    # hold one is cut (Segmenter.wanted_tokens).
    if by_token is None and wanted and split:
        by_token = seg.wanted_tokens(joined, wanted)
    if by_token is None:
        by_token = {}
        # No token wanted (a pack without near phrases): no cut at all.
        cut = seg.content_tokens_each(keys, joined, wanted) if wanted is None or wanted else []
        for sid, toks in enumerate(cut):
            for t in toks:
                s = by_token.get(t)
                if s is None:
                    by_token[t] = {sid}
                else:
                    s.add(sid)
    return DocIndex(keys, joined, starts, by_token, found, words, words_in)


def _file_each(hits: list[tuple[int, int, int]], ids: tuple[int, ...], starts: list[int],
               pos: int) -> tuple[dict[int, list[tuple[int, int]]], list[set[int]]]:
    """``found`` and ``words_in`` of any scan, a hit at a time (hit indexes mapped to word ids,
    a word holding the "\\n" joiner filed where it starts, in no one text's word set)."""
    found: dict[int, list[tuple[int, int]]] = {}
    words_in: list[set[int]] = [set() for _ in starts]
    # Hits come in order of their end, so nearly always in the text of the one before: the
    # text is looked up only when a hit starts outside the current one.
    last = len(starts) - 1
    sid, first, nxt = 0, 0, -1
    n = len(ids)
    for k, at, end in hits:
        if k >= n:  # a mark (Scanner.marks): no word
            continue
        if not first <= at < nxt:
            sid = bisect_right(starts, at) - 1
            first = starts[sid]
            nxt = starts[sid + 1] if sid < last else pos
        wid = ids[k]
        if end < nxt:
            words_in[sid].add(wid)
        got = found.get(wid)
        if got is None:
            found[wid] = [(sid, at - first)]
        else:
            got.append((sid, at - first))
    return found, words_in


def _file_marked(hits: list[tuple[int, int, int]], scanner: Scanner, starts: list[int],
                 keys: list[str]
                 ) -> tuple[dict[int, list[tuple[int, int]]], list[set[int]], list[int]]:
    """``found`` and ``words_in`` of a plain scan with marks (Scanner.plain, Scanner.marks:
    hit index k is word id k, no word holds the "\\n" joiner, and the marks are reported too),
    with the ids of the texts to cut: those holding a wanted token, less those whose wanted
    tokens reach no near phrase's count (compiled._reach) or where no phrase they reach can
    hit (Scanner.worth_cutting): rules._near would find nothing there whatever the cut.
    Hits come in order of their end: a text's hits come after the "\\n" before it and before
    the one after it, so the "\\n" hits say which text a hit is in, with no test per hit."""
    found: dict[int, list[tuple[int, int]]] = {}
    words_in: list[set[int]] = [set() for _ in starts]
    owners: list[int] = []
    n, newline, marked = len(scanner.ids), scanner.newline, scanner.marked
    bits, counts, base, top = scanner.bits, scanner.counts, scanner.base, scanner.top
    worth = scanner.worth_cutting
    sid = first = 0  # the current text and where it starts
    held = words_in[0]
    mask = 0  # the wanted tokens the current text holds
    count = base  # and their counts in every near phrase
    for k, at, end in hits:
        if k < n:  # a pack word (word id k: the scanner is plain)
            held.add(k)
            got = found.get(k)
            if got is None:
                found[k] = [(sid, at - first)]
            else:
                got.append((sid, at - first))
            if k in marked and not mask & bits[k]:
                mask |= bits[k]
                count += counts[k]
        elif k < newline:  # a wanted token that is no pack word
            if not mask & bits[k]:
                mask |= bits[k]
                count += counts[k]
        else:  # the "\\n" after the text
            if mask:
                if count & top and worth(keys[sid], mask, count):
                    owners.append(sid)
                mask = 0
                count = base
            sid += 1
            first = end
            held = words_in[sid]
    if mask and count & top and worth(keys[sid], mask, count):
        owners.append(sid)
    return found, words_in, owners

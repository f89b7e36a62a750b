"""A rule pack compiled for matching: phrase keys, phrase tokens, RE2 patterns.

Compiling once per pack (not per report) is what keeps a warm audit within a few times the
cost of segmenting the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick_rs
import re2
from rapidfuzz import fuzz

from auditor.matching.engines import Quick, quick
from auditor.matching.segment import SPLITS, Segmenter, clauses
from auditor.packs.spec import GAP, IGNORED, Match, Pack
from auditor.reading.normalize import width

# Quote marks and list commas vary from report to report ("放管服" / “放管服” / 放管服,
# 双随机、一公开 / 双随机一公开); matching ignores them on both sides. One set, shared with the
# validator, so a phrase it accepts as non-empty is non-empty here too.
DROPPED = frozenset(IGNORED)
# Dropped one character at a time with `in` and str.replace, which scan the text in C without
# looking at it character by character: ~60k instructions for a report's 4,000 characters,
# where a regex character class cost ~440k (the engine tests each Chinese character against
# the class's members one by one) and str.translate more still (a dict lookup a character).
_DROP = tuple(IGNORED)
FUZZY_MIN_LEN = 5
# Words up to this long go in the automaton. It reports every word ending at a character, so
# a pack of nested phrases (治治, 治治治, … 10,000 of them) would have it report thousands of hits
# per character; capped, at most MAX_SCAN do. A longer word (a sentence pasted as a phrase) is
# searched with str.find, as before the one scan.
MAX_SCAN = 32
MAX_TERM = 8  # longer phrases are left to jieba: a long user word would swallow its neighbours


def key(text: str) -> str:
    for ch in _DROP:
        if ch in text:
            text = text.replace(ch, "")
    return text


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
    first: int  # word id of parts[0] in the pack's automaton
    scanned: bool = True  # parts[0] is in the automaton (not too long for it) and in one sentence
    near: bool = False  # the token-cover and fuzzy ways apply (one part, two tokens or more)
    # (character, count) of a fuzzy phrase's part: bounds its partial_ratio (rules._near)
    chars: tuple[tuple[str, int], ...] = ()


# How rules.anchor_hits tries a phrase when the document was scanned (CompiledMatch.steps):
# a one-part phrase the scan finds (its hits are its word's first occurrences), an `A…B`
# phrase the scan finds (its first part), a near phrase, a phrase the scan cannot find.
ONE, CHAIN, NEAR, LONG = range(4)


@dataclass(frozen=True)
class CompiledMatch:
    any: tuple[Phrase, ...]
    all: tuple[tuple[str, ...], ...]
    not_: tuple[str, ...]
    patterns: tuple[object, ...]
    threshold: int
    gap: int
    # Word ids (in the pack's automaton) of the `all` groups and `not` words, parallel to them;
    # per pattern the word sets every match of it holds a word of each: those scanned for
    # (None: no set could be read, the pattern runs on the whole text, see required_words) and
    # those checked with `in` on the sentences the scan found (split_required).
    all_ids: tuple[tuple[int, ...], ...] = ()
    not_ids: tuple[int, ...] = ()
    pattern_words: tuple[tuple[tuple[int, ...], ...] | None, ...] = ()
    pattern_checks: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # The scanned sets as id sets when the scan finds every word of them exactly (1..MAX_SCAN
    # characters, no line break): a sentence's word set then says whether it can match
    # (rules._prefiltered_hits); None: ask the text (DocIndex.sentences_with).
    pattern_sets: tuple[tuple[frozenset[int], ...] | None, ...] = ()
    # The `all`/`not` words as id sets (rules.match_sentences), which stand for the words only
    # when every one of them is scanned (sets_exact: none empty or longer than MAX_SCAN).
    all_sets: tuple[frozenset[int], ...] = ()
    not_set: frozenset[int] = frozenset()
    sets_exact: bool = False
    # Words one of which a sentence must hold for the match to hit it at all (each phrase's
    # first word, each pattern's first scanned word set); None when that cannot be said (a
    # phrase tried whatever the scan found, a pattern run on the whole text).
    triggers: frozenset[int] | None = None
    # Made from the fields above (so dataclasses.replace keeps them in step), what
    # rules.anchor_hits reads in one step: each phrase with its way (ONE, CHAIN, NEAR, LONG),
    # each pattern with its pattern_sets, pattern_words and pattern_checks entries (None, None,
    # (): run on the whole text).
    steps: tuple[tuple[Phrase, int], ...] = field(init=False, repr=False, compare=False)
    pattern_plan: tuple[tuple[object, tuple[frozenset[int], ...] | None,
                              tuple[tuple[int, ...], ...] | None, tuple[tuple[str, ...], ...]],
                        ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", tuple((ph, _way(ph)) for ph in self.any))
        n = len(self.patterns)
        plan = tuple(zip(self.patterns, self.pattern_sets or (None,) * n, self.pattern_words,
                         self.pattern_checks or ((),) * n, strict=True)) if self.pattern_words \
            else tuple((p, None, None, ()) for p in self.patterns)
        object.__setattr__(self, "pattern_plan", plan)


@dataclass(frozen=True)
class CompiledPack:
    pack: Pack
    segmenter: Segmenter
    matches: dict  # rule id -> (CompiledMatch | None, ((facet name, CompiledMatch), ...))
    shortcomings: dict  # rule id -> CompiledMatch for gap sentences, when the rule has one
    # One Aho-Corasick automaton over every word any rule looks for (phrase first parts, `all`
    # and `not` words, the literal words of patterns): a report is scanned once for all of them
    # (matching.index), not once per phrase. Hits name word ids (Scanner.ids); words[id] is the
    # word.
    automaton: Scanner | None = None
    words: tuple[str, ...] = ()
    tokens: frozenset[str] = frozenset()  # near phrases' content tokens (all the token index keeps)


class _Words:
    """Word -> id, shared by every match of a pack, so the automaton holds each word once."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, word: str) -> int:
        return self.ids.setdefault(word, len(self.ids))

    def automaton(self, marks: frozenset[str] = frozenset(),
                  groups: tuple[tuple[str, ...], ...] = (), tries: tuple = ()) -> Scanner:
        return Scanner(self.ids, marks, groups, tries)


def near_need(n: int) -> int:
    """How many of a near phrase's ``n`` tokens a sentence must hold for rules._near to try it."""
    return max(2, (n + 1) // 2)


def out_of_reach(part: str, chars: tuple[tuple[str, int], ...], text: str, threshold: int) -> bool:
    """Whether partial_ratio(part, text) must score below ``threshold``: it scores ``part``
    against windows of the text no longer than the shorter of the two (m characters), as
    200·LCS/(m + window), and the LCS is at most c, the characters the two have in common
    (counted with repeats), so no score reaches 200·c/(m + c), which grows with c. Most
    sentences fall short by the first few of the phrase's characters they lack: a few
    substring tests instead of a native call. ``chars``: (character, count) in ``part``.
    (rules._near asks it of every sentence it tries; index._file_marked of every text it might
    cut.)"""
    common = len(part)  # at least c: less each character the text lacks
    short = min(common, len(text))
    for ch, k in chars:
        if k == 1:  # most are: `in` stops at the first one, count reads the whole text
            if ch in text:
                continue
            common -= 1
        else:
            got = text.count(ch)
            if got >= k:
                continue
            common -= k - got
        if 200 * common < threshold * (short + common):
            return True
    return False


class Scanner:
    """One Aho-Corasick automaton over the pack's words (ahocorasick-rs, the Rust
    aho-corasick crate): ``hits(text)`` is every occurrence of every word, overlapping ones
    included, as (index, start, end) in order of the end, in characters; an index below
    ``len(self)`` is a word's (``ids[index]`` is its word id).

    With ``marks`` (the tokens the token index keeps, CompiledPack.tokens) it also reports them
    and the "\\n" that joins a document's texts, indexes from ``len(self)`` on: which texts hold
    a wanted token, and how many of each near phrase's (``groups``, see _reach), so a document
    is scanned once to find the words and the texts worth cutting (DocIndex's index_texts).
    ``tries``, parallel to ``groups``: (part, chars, threshold) of each fuzzy phrase with those
    tokens, the lowest threshold it is asked at (``worth_cutting``).

    ahocorasick-rs rather than pyahocorasick: pyahocorasick finds a state's next state by a
    linear search of its children, and the root of a Chinese pack has hundreds (one per first
    character), so its scan of a report cost about as much as segmenting it; this one hands
    back all hits in one call (docs/performance.md, issue 12 s2)."""

    def __init__(self, words: dict[str, int], marks: frozenset[str] = frozenset(),
                 groups: tuple[tuple[str, ...], ...] = (), tries: tuple = ()) -> None:
        # An empty word is in every text, a long one is searched for: DocIndex sees to both.
        scanned = [(word, wid) for word, wid in words.items() if 0 < len(word) <= MAX_SCAN]
        self._build(tuple(word for word, _ in scanned), tuple(wid for _, wid in scanned), marks,
                    groups, tries)

    def _build(self, words: tuple[str, ...], ids: tuple[int, ...], marks: frozenset[str],
               groups: tuple[tuple[str, ...], ...] = (), tries: tuple = ()) -> None:
        self._words, self.ids, self._groups, self._tries = words, ids, groups, tries
        # Hit index k is word id k (no word left out of the scan), and no hit can hold the
        # "\n" that joins a document's texts: DocIndex can then file hits in one simple loop.
        self.plain = ids == tuple(range(len(ids))) and not any("\n" in w for w in words)
        # Marks only where they are exact: a token holding a SPLITS character could not be
        # told from the pieces around it (as in Segmenter.wanted_tokens).
        self.marks = marks if marks and self.plain and not any(
            c in t for t in marks for c in SPLITS) else frozenset()
        index = {w: k for k, w in enumerate(words)}
        extra = sorted(t for t in self.marks if t not in index)
        # Indexes of the marks among the words, then of the other marks, then of "\n".
        self.marked = frozenset(index[t] for t in self.marks if t in index)
        self.newline = len(words) + len(extra)
        patterns = [*words, *extra, "\n"] if self.marks else list(words)
        # Near phrases' token counts (index._file_marked): the marks' hit indexes as above.
        self.bits, self.counts, self.base, self.top, fields = _reach(self.marks, groups, {
            **{t: index[t] for t in self.marks if t in index},
            **{t: len(words) + j for j, t in enumerate(extra)}})
        # Per near phrase's tokens: the top bit of their field, the bits of all of them, their
        # fuzzy phrases (worth_cutting); None: every text that reaches a count is cut.
        self.fields = tuple((top, full, g, tuple(t)) for (top, full), g, t
                            in zip(fields, groups, tries, strict=True)) \
            if fields is not None and len(tries) == len(groups) else None
        # The contiguous NFA, not the full DFA: the DFA scans with ~0.3 M fewer instructions a
        # report, but its table is ~4.5 MiB against the NFA's ~0.3 MiB, so in a real audit (the
        # rest of the work between two scans evicts it from the CPU caches) its look-ups miss
        # and it is slower by time; it also costs a few ms more to build in every process.
        self._ac = ahocorasick_rs.AhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA) if patterns else None

    # The Rust automaton cannot be pickled: a pickled compiled pack (a process pool, a cache on
    # disk) carries the words, and the automaton is rebuilt from them (about 1 ms).
    def __getstate__(self) -> tuple:
        return self._words, self.ids, self.marks, self._groups, self._tries

    def __setstate__(self, state: tuple) -> None:
        self._build(*state)

    def __len__(self) -> int:
        return len(self.ids)

    def hits(self, text: str) -> list[tuple[int, int, int]]:
        if self._ac is None:
            return []
        return self._ac.find_matches_as_indexes(text, overlapping=True)

    def worth_cutting(self, text: str, mask: int, count: int) -> bool:
        """Whether rules._near could hit ``text``, whose marked tokens (``mask``, their counts
        ``count``, as _file_marked adds them) reach some near phrase's count: only if, for one
        such phrase, one clause of the text holds every one of its tokens (the token cover's
        test, on substrings: every token of the cut is one), or a fuzzy phrase with those
        tokens scores its lowest threshold (the fuzzy way's test, which reads only the text).
        Whatever its cut, _near finds nothing in any other text, so it need not be cut. About
        18 texts a report reach a count; one in two reports has one worth cutting."""
        if self.fields is None:
            return True
        for top, full, tokens, tries in self.fields:
            if count & top:
                if mask & full == full and any(all(t in c for t in tokens) for c in clauses(text)):
                    return True
                for part, chars, threshold in tries:
                    if not out_of_reach(part, chars, text, threshold) and \
                            fuzz.partial_ratio(part, text, score_cutoff=threshold):
                        return True
        return False


def _reach(marks: frozenset[str], groups: tuple[tuple[str, ...], ...], index: dict[str, int]
           ) -> tuple[dict[int, int], dict[int, int], int, int, list[tuple[int, int]] | None]:
    """What index._file_marked needs to tell, from the wanted tokens a text holds (as
    substrings: every token of the cut is one), whether rules._near could try the text for
    some near phrase (``groups``: their tokens): whether it holds, counted as _near counts (a
    token as often as the phrase holds it), near_need of some phrase's tokens. A text that
    cannot needs no cut. All phrases are counted at once in one int, a field of ``width`` bits
    a phrase: each mark hit index -> a bit of its own (so a token is counted once a text) and
    its counts in every phrase's field; the fields start at ``base`` (2**(width-1) less the
    phrase's need), so a field reaches its need when its top bit (``top``) is set. Unless every
    group's tokens are marks, every text holding a wanted token is cut (a count that is never
    0 and always "reached"). Last, per group, its field's top bit and the bits of its tokens
    (None in that case)."""
    if not marks or not groups or not all(t in marks for g in groups for t in g):
        return dict.fromkeys(index.values(), 1), dict.fromkeys(index.values(), 0), 1, 1, None
    width = max(len(g) for g in groups).bit_length() + 2  # need <= len(g) < 2**(width-1)
    half = 1 << (width - 1)
    vec = dict.fromkeys(marks, 0)
    base = top = 0
    for j, g in enumerate(groups):
        for t in g:
            vec[t] += 1 << (width * j)
        base += (half - near_need(len(g))) << (width * j)
        top += half << (width * j)
    bit = {t: 1 << j for j, t in enumerate(sorted(marks))}
    fields = [(half << (width * j), sum(bit[t] for t in set(g))) for j, g in enumerate(groups)]
    return {index[t]: b for t, b in bit.items()}, {index[t]: v for t, v in vec.items()}, base, top, \
        fields


def required_words(pattern: str) -> tuple[tuple[str, ...], ...] | None:
    """Word sets every match of ``pattern`` contains one word of each, so the pattern need only
    run on sentences holding a word of every set: for ``(法治|依法行政)[^。]{0,15}(考核|考评)``,
    ((依法行政, 法治), (考核, 考评)). None when no such set can be read off the pattern.

    Read with Python's own regex parser (RE2's syntax is nearly a subset of it). Where the two
    could read a pattern differently, or the pattern depends on the text's ends (\\A, \\z, which
    differ between the joined text and one sentence), it is not prefiltered: it runs on the
    whole text, as before."""
    if any(s in pattern for s in ("[:", "\\A", "\\z", "\\Q", "\\C", "\\p", "\\P", "\\x{")):
        return None
    try:
        import re._parser as sre_parse  # type: ignore[import-not-found]
    except ImportError:  # Python < 3.11
        import sre_parse  # type: ignore[no-redef]
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    c = getattr(sre_parse, "_constants", sre_parse)
    found = _required(list(parsed), c)
    return tuple(tuple(sorted(f)) for f in found) or None


def split_required(sets: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, ...], ...],
                                                                tuple[tuple[str, ...], ...]]:
    """(sets to scan for, sets to check in the sentences the scan found). One-character words
    (法, 进) occur all over a report: scanning for them costs more than the sentences they rule
    out, so they are checked with ``in`` on the few candidates instead; they are scanned for
    only where the pattern offers nothing longer."""
    long = tuple(f for f in sets if min(map(len, f)) >= 2)
    if long:
        return long, tuple(f for f in sets if f not in long)
    best = _best([frozenset(f) for f in sets])
    scan = (tuple(sorted(best)),) if best else ()
    return scan, tuple(f for f in sets if f not in scan)


def _required(seq: list, c: object) -> list[frozenset[str]]:
    """The word sets (a match holds a word of each) of a parsed sequence: its literal runs, and
    those of the groups, alternations and repeats (at least once) in it."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is c.LITERAL:  # type: ignore[attr-defined]
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:  # type: ignore[attr-defined]
            out += _required(list(av[3]), c)
        elif op is c.BRANCH:  # type: ignore[attr-defined]
            # Each alternative gives its most selective set; the branch needs one of their words.
            best = [_best(_required(list(b), c)) for b in av[1]]
            if all(best):
                out.append(frozenset().union(*best))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:  # type: ignore[attr-defined]
            out += _required(list(av[2]), c)
    if run:
        out.append(frozenset({"".join(run)}))
    return [f for f in out if f and all(f)]


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective set: longest shortest word, then fewest words."""
    return max(sets, key=lambda f: (min(map(len, f)), -len(f)), default=None)


def _phrase(text: str, seg: Segmenter, words: _Words) -> Phrase:
    parts = phrase_parts(text)
    joined = "".join(parts)
    tokens = seg.content_tokens(joined)
    fuzzy = len(parts) == 1 and len(joined) >= FUZZY_MIN_LEN
    return Phrase(text, parts, tokens, fuzzy,
                  # A first part holding a line break may span two sentences: not routed.
                  words.id(parts[0]), 0 < len(parts[0]) <= MAX_SCAN and "\n" not in parts[0],
                  len(tokens) >= 2 and len(parts) == 1,
                  tuple((ch, parts[0].count(ch)) for ch in dict.fromkeys(parts[0])) if fuzzy else ())


def _way(ph: Phrase) -> int:
    if ph.near:
        return NEAR
    if not ph.scanned:
        return LONG
    return ONE if len(ph.parts) == 1 else CHAIN


# Matching reads only where a pattern's whole match lies. Told that no group is wanted, RE2
# finds it with its DFA alone instead of also running a submatch engine for the groups the
# pack's alternations make: half the cost of a search (the span is the same).
_SPAN_ONLY = re2.Options()
_SPAN_ONLY.never_capture = True


def _engine(pattern: str) -> Quick | re2._Regexp:
    """Python's re where it is safe and quick (engines.quick), else RE2. (?m): ^ and $ anchor
    at sentence edges in the "\n"-joined text, as in one sentence."""
    return quick(pattern) or re2.compile("(?m)" + pattern, _SPAN_ONLY)


def _compile_match(m: Match, seg: Segmenter, words: _Words) -> CompiledMatch:
    all_ = tuple(tuple(key(width(t)) for t in group) for group in m.all)
    not_ = tuple(key(width(t)) for t in m.not_)
    required = [split_required(r) if (r := required_words(p)) else None for p in m.patterns]
    phrases = tuple(_phrase(p, seg, words) for p in m.any)
    return CompiledMatch(
        any=phrases,
        all=all_,
        not_=not_,
        patterns=tuple(_engine(p) for p in m.patterns),
        threshold=m.threshold,
        gap=m.gap,
        all_ids=tuple(tuple(words.id(t) for t in group) for group in all_),
        not_ids=tuple(words.id(t) for t in not_),
        pattern_words=tuple(None if r is None else tuple(tuple(words.id(w) for w in f) for f in r[0])
                            for r in required),
        pattern_checks=tuple(() if r is None else r[1] for r in required),
        pattern_sets=tuple(_id_sets(r[0], words) if r is not None else None for r in required),
        all_sets=tuple(frozenset(words.id(t) for t in group) for group in all_),
        not_set=frozenset(words.id(t) for t in not_),
        sets_exact=all(0 < len(t) <= MAX_SCAN for t in (*not_, *(t for g in all_ for t in g))),
        triggers=_triggers(phrases, required, words),
    )


def _id_sets(sets: tuple[tuple[str, ...], ...], words: _Words) -> tuple[frozenset[int], ...] | None:
    if not sets or not all(0 < len(w) <= MAX_SCAN and "\n" not in w for f in sets for w in f):
        return None
    # The most selective set first (as _best): rules._candidates walks its words' occurrences
    # and tests the other sets on each sentence's word set.
    first = _best([frozenset(f) for f in sets])
    ordered = sorted(sets, key=lambda f: frozenset(f) != first)
    return tuple(frozenset(words.id(w) for w in f) for f in ordered)


def _triggers(phrases: tuple[Phrase, ...], required: list, words: _Words) -> frozenset[int] | None:
    out = {ph.first for ph in phrases}
    if any(ph.near or not ph.scanned for ph in phrases):
        return None
    for r in required:
        first = r[0][0] if r is not None and r[0] else None
        if first is None or not all(0 < len(w) <= MAX_SCAN and "\n" not in w for w in first):
            return None
        out.update(words.id(w) for w in first)
    return frozenset(out)


_last: list[CompiledPack] = []


def compile_pack(pack: Pack) -> CompiledPack:
    """The pack compiled, once per process. The pack last used is found by identity first:
    hashing a whole frozen pack for the cache lookup costs a few percent of an audit."""
    if _last and _last[0].pack is pack:
        return _last[0]
    compiled = _compile_pack(pack)
    _last[:] = [compiled]
    return compiled


@lru_cache(maxsize=8)
def _compile_pack(pack: Pack) -> CompiledPack:
    seg = Segmenter(pack_terms(pack))
    words = _Words()
    matches, shortcomings = {}, {}
    for rule in pack.rules:
        main = _compile_match(rule.match, seg, words) if (rule.match.any or rule.match.patterns) \
            else None
        facets = tuple((f.name, _compile_match(f.match, seg, words)) for f in rule.facets)
        matches[rule.id] = (main, facets)
        if rule.shortcoming:
            shortcomings[rule.id] = _compile_match(rule.shortcoming, seg, words)
    # Only the token-cover and fuzzy ways (rules._near) read the token index, and only for the
    # phrases they apply to: the index need keep no other token, and only in the sentences
    # where one of those phrases can reach its count (Scanner.reach).
    # Per near phrase's tokens, its fuzzy phrases with the lowest threshold asked of each: a
    # text none of them can reach need not be cut either (Scanner.worth_cutting).
    near: dict[tuple[str, ...], dict[tuple[str, tuple], int]] = {}
    for m in [*(m for main, facets in matches.values()
                for m in ([main] if main else []) + [f for _, f in facets]),
              *shortcomings.values()]:
        for ph in m.any:
            if ph.near:
                fuzzy = near.setdefault(ph.tokens, {})
                if ph.fuzzy:
                    at = (ph.parts[0], ph.chars)
                    fuzzy[at] = min(fuzzy.get(at, m.threshold), m.threshold)
    tokens = frozenset(t for g in near for t in g)
    tries = tuple(tuple((part, chars, th) for (part, chars), th in f.items()) for f in near.values())
    return CompiledPack(pack, seg, matches, shortcomings,
                        words.automaton(tokens, tuple(near), tries), tuple(words.ids), tokens)

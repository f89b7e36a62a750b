"""Which regex engine runs a pack pattern: Python's ``re`` where its backtracking is bounded by
the pattern's shape, RE2 everywhere else.

RE2 runs in linear time whatever the pattern, which is why packs are written (and validated) in
its syntax. But in an audit each of ~80 patterns is searched on a few sentences, far apart in
time, and each RE2 object builds its DFA in memory of its own that the rest of the audit has
evicted by the next search: ~5-15 us a sentence against ~1 us for ``re`` (a warm audit spent
about 7 % of its time there; docs/performance.md, issue 12 sixth pass).

``re`` backtracks, so it is used only where the work per start position has a small fixed
bound (``quick``): literals, character classes, alternations, and repeats with a finite upper
bound (the pack's ``(印发|制定)[^。;\\n]{0,20}(方案|要点)`` shape). Anything whose meaning could
differ between the two engines (``\\d``, ``\\b``, POSIX classes, ``{,n}``, flags, look-around)
stays with RE2, and so does any pattern whose bound is too large, so no pack pattern can make a
search slow. Both engines pick the leftmost match and, there, the first alternative and the
longest repeat that lead to a match (Perl's order), so on this subset they find the same span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # the parser behind re.compile; its module moved in 3.11
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

# Ways a match can go on from one start position (the product of the choices each element
# offers). The pack's patterns need at most a few hundred; 2,000 keeps the worst search of a
# 10,000-character sentence within a few tens of milliseconds.
MAX_WAYS = 2_000
_MAX_STRINGS = 256  # an alternation of literals spelled out, at most
_SINGLE = {_C.LITERAL, _C.NOT_LITERAL, _C.ANY, _C.IN}
_LINE_EDGES = {_C.AT_BEGINNING, _C.AT_END}  # ^ and $ (the pattern runs with (?m))
# Source text that Python reads differently from RE2 (or not at all as RE2 does): a POSIX class,
# an empty lower bound, any escape of a letter or digit but \n \t \r (\d \w \b \pN \z \Q \1 …),
# any group with options.
_UNSAFE_SOURCE = re.compile(r"\[:|\{,|\\(?![ntr])[0-9A-Za-z]|\(\?(?!:)")


class Quick:
    """A pattern run by ``re``, compiled on its first search: a one-report audit meets only a
    few of the pack's patterns, and ``re`` compiles in Python (~0.1 ms a pattern)."""

    __slots__ = ("_rx", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx: re.Pattern[str] | None = None

    def _compiled(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self.pattern, re.M)
        return self._rx

    def search(self, text: str) -> re.Match[str] | None:
        return (self._rx or self._compiled()).search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return (self._rx or self._compiled()).finditer(text)

    # Compiled packs are pickled (process pools, the cache on disk): the source is enough.
    def __getstate__(self) -> str:
        return self.pattern

    def __setstate__(self, state: str) -> None:
        self.pattern, self._rx = state, None

    def __repr__(self) -> str:
        return f"Quick({self.pattern!r})"


def quick(pattern: str) -> Quick | None:
    """A ``Quick`` for ``pattern`` (RE2 syntax, run with (?m)) when ``re`` is sure to find what RE2
    finds with bounded backtracking (module docstring); None: leave it to RE2."""
    if _UNSAFE_SOURCE.search(pattern):
        return None
    try:
        parsed = _P.parse(pattern, re.M)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & ~(re.M | re.U):
        return None
    ways = _ways(list(parsed))
    return Quick(pattern) if ways is not None and ways <= MAX_WAYS else None


def _ways(items: list) -> int | None:
    """The bound for a sequence of parsed elements: the product of each element's choices
    (a run of plain literals offers one); None: an element outside the subset."""
    total = 1
    for op, av in items:
        got = _element(op, av)
        if got is None:
            return None
        total *= got
        if total > MAX_WAYS:
            return None
    return total


def _element(op, av) -> int | None:
    if op in _SINGLE:
        if op is _C.IN and any(o is _C.CATEGORY for o, _ in av):
            return None  # \d \w \s inside a class: ASCII in RE2, Unicode in re
        return 1
    if op is _C.AT:
        return 1 if av in _LINE_EDGES else None
    strings = _strings([(op, av)])
    if strings is not None:
        return _chain(strings)
    if op is _C.SUBPATTERN:
        _, add, remove, body = av
        return None if add or remove else _ways(list(body))
    if op is _C.BRANCH:
        total = 0
        for alt in av[1]:
            got = _ways(list(alt))
            if got is None:
                return None
            total += got
        return total
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        lo, hi, body = av
        if hi is _C.MAXREPEAT or hi > MAX_WAYS:
            return None
        inner = _ways(list(body))
        if inner is None:
            return None
        if inner == 1 and len(body) == 1 and body[0][0] in _SINGLE:
            return hi - lo + 1  # a run of one character class: one way per length
        total = sum(inner ** k for k in range(lo, hi + 1))
        return total if total <= MAX_WAYS else None
    return None  # look-around, back-references, atomic groups, …


def _strings(items: list) -> list[str] | None:
    """Every string a sequence of literals, literal alternations and optional literals can
    match, with repeats (two alternatives spelling the same string are two ways); None: the
    sequence is no such thing, or spells out too many."""
    out = [""]
    for op, av in items:
        if op is _C.LITERAL:
            out = [s + chr(av) for s in out]
            continue
        if op is _C.SUBPATTERN:
            _, add, remove, body = av
            got = None if add or remove else _strings(list(body))
        elif op is _C.BRANCH:
            got = []
            for alt in av[1]:
                one = _strings(list(alt))
                if one is None:
                    return None
                got += one
        elif op is _C.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            one = _strings(list(av[2]))
            got = None if one is None else ["", *one]
        else:
            return None
        if got is None or len(out) * len(got) > _MAX_STRINGS:
            return None
        out = [s + g for s in out for g in got]
    return out


def _chain(strings: list[str]) -> int:
    """How many of the strings can match at one position at once: those that are prefixes of
    one and the same string (each a way for the rest of the pattern to be tried)."""
    return max(sum(1 for t in strings if s.startswith(t)) for s in strings)

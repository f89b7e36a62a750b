"""First-character gates for long regex alternations (reading/cues.py).

Python's ``re`` tries each branch of a long alternation at every position of a sentence; a
``(?=[…])`` lookahead on the characters a match can start with rejects most positions at once
(about 2x on report text). The set is read off the pattern itself by the small scanner below —
the standard library has no public API for it — which raises ValueError rather than guess when
a branch could start with anything, so a gate never drops a match (tests/test_reading_gates.py
checks gated == ungated matches on every dev report).
"""

from __future__ import annotations

from collections.abc import Iterator


def first_chars(block: str) -> str:
    """The characters the patterns of a ``_words`` block can start with.  A lookahead on them in
    front of a long alternation lets the regex engine skip most positions at once (2x faster on
    report text), which keeps the act lexicon cheap enough to run on every sentence."""
    out: set[str] = set()
    for tok in block.split():
        while tok.startswith("(?<"):
            tok = tok[tok.index(")") + 1:]
        if tok.startswith("(?:"):
            out.update(alt[:1] for alt in tok[3:tok.index(")")].split("|"))
        else:
            out.add(tok[:1])
    return "".join(sorted(c for c in out if "\u4e00" <= c <= "\u9fff"))


def lead_chars(pattern: str) -> str:
    """Every character a match of ``pattern`` (an alternation) can start with, as the body of a
    character class; ValueError when some branch could start with anything (then no gate).

    Python's ``re`` tries each branch of a long alternation at every position of the sentence;
    a ``(?=[…])`` lookahead on these characters in front rejects most positions at once.  The
    gate only skips positions where no branch can match, so matches are unchanged — provided
    the set is complete, which is why this refuses what it cannot read rather than guess."""
    out: set[str] = set()
    for alt in _top_level(pattern, "|"):
        out |= _starts(alt)
    return "".join(sorted(out))


def _scan(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth) of every character outside a character class and not escaped,
    with the group depth before it: the one walk both splitting and group matching need."""
    depth, cls, i = 0, False, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        else:
            yield i, c, depth
            depth += (c == "(") - (c == ")")
        i += 1


def _top_level(pattern: str, sep: str) -> list[str]:
    parts, start = [], 0
    for i, c, depth in _scan(pattern):
        if c == sep and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _close(pattern: str, i: int) -> int:
    """Index of the parenthesis closing the group that opens at ``pattern[i]``."""
    for j, c, depth in _scan(pattern, i):
        if c == ")" and depth == 1:
            return j
    raise ValueError(pattern)


def _starts(alt: str) -> set[str]:
    while alt.startswith(("(?<!", "(?<=", "(?=", "(?!")):  # zero-width: the next item starts it
        alt = alt[_close(alt, 0) + 1:]
    if alt.startswith("(?:"):
        end = _close(alt, 0)
        if alt[end + 1:end + 2] in ("?", "*", "{"):
            raise ValueError(f"optional group at the start: {alt!r}")
        out: set[str] = set()
        for branch in _top_level(alt[3:end], "|"):
            out |= _starts(branch)
        return out
    if alt.startswith("(?P<"):
        end = _close(alt, 0)
        if alt[end + 1:end + 2] in ("?", "*", "{"):
            raise ValueError(f"optional group at the start: {alt!r}")
        inner = alt[alt.index(">") + 1:end]
        return set().union(*(_starts(b) for b in _top_level(inner, "|")))
    if alt.startswith("\\d"):
        return {"\\d"}
    if alt.startswith("[") and not alt.startswith("[^"):
        body = alt[1:alt.index("]")]
        if "\\" in body or "-" in body:
            raise ValueError(f"class too hard to read: {alt!r}")
        if alt[alt.index("]") + 1:][:1] in ("?", "*", "{"):
            raise ValueError(f"optional class at the start: {alt!r}")
        return set(body)
    if alt[:2] in ("\\(", "\\)"):  # an escaped bracket stands for itself (web-page chrome: "(c)")
        first, rest = alt[:2], alt[2:]
    elif alt and alt[0] not in _SPECIAL:  # a literal character (Chinese, 《, ©, a letter)
        first, rest = alt[0], alt[1:]
    else:
        raise ValueError(f"cannot tell how {alt!r} starts")
    if rest[:1] in ("?", "*", "{"):
        raise ValueError(f"optional first character: {alt!r}")
    return {first}


# Characters that are not literals at the start of a branch, or not inside the gate's class.
_SPECIAL = frozenset(".^$*+?{}[]\\|()-")


# Python's re scans in C for where a match can start only when every branch of a pattern opens on a
# literal character (or the pattern on a class): it then tries the branches at those positions
# alone. A gate's look-ahead is no such opening, so re still enters the pattern at every
# position; and a branch that opens on a group, a class or a look-behind spoils the scan for
# all. by_first() rewrites an alternation into that form, with the same matches: ``(?:a|b)c`` is
# ``ac|bc`` (tried in the same order), ``(?:a|b)?c`` is ``ac|bc|c``, ``[ab]c`` is ``ac|bc``,
# ``(?<!x)ab`` is ``a(?<!xa)b`` (the look-behind moved past the character it stood before), and
# branches opening on the same character are grouped (``开展|开通`` -> ``开(?:展|通)``), which
# keeps their order among themselves, the only order that counts: at a position only the
# branches opening on its character can match. A pattern searched this way costs about half of
# its gated form, and finditer and sub gain as much.
_QUANTIFIERS = ("?", "*", "{", "+")


def by_first(pattern: str) -> str:
    """``pattern`` (an alternation) as branches that each open on a literal character, grouped
    by it (see above); ValueError when some branch cannot be rewritten so (then gate it)."""
    groups: dict[str, list[str]] = {}
    for alt in _top_level(pattern, "|"):
        for branch in _opened(alt):
            first = _first(branch)
            groups.setdefault(first, []).append(branch[len(first):])
    out = "|".join(first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                   for first, rests in groups.items())
    _SOURCES[out] = pattern
    return out


_SOURCES: dict[str, str] = {}  # what by_first() or gated() made -> the pattern it was made from


def as_written(pattern: str) -> str:
    """The pattern that by_first() or gated() made ``pattern`` from."""
    return _SOURCES[pattern]


def _first(branch: str) -> str:
    return branch[:2] if branch[0] == "\\" else branch[0]


def _opened(alt: str) -> list[str]:
    """``alt`` (one branch) as branches that open on a literal character, in the same order."""
    if alt.startswith(("(?<!", "(?<=")):
        end = _close(alt, 0)
        behind = alt[3:4] + "(?:" + alt[4:end] + ")"
        out = []
        for branch in _opened(alt[end + 1:]):
            first = _first(branch)
            out.append(f"{first}(?<{behind}{first}){branch[len(first):]}")
        return out
    if alt.startswith("(?:"):
        end = _close(alt, 0)
        inners, rest = _top_level(alt[3:end], "|"), alt[end + 1:]
        if rest[:1] == "?" and rest[1:2] not in _QUANTIFIERS:  # (?:a|b)?c is ac|bc|c, tried so
            inners, rest = [*inners, ""], rest[1:]
        elif rest[:1] in _QUANTIFIERS:
            raise ValueError(f"repeated group at the start: {alt!r}")
        return [b for inner in inners for b in _opened(inner + rest)]
    if alt.startswith("[") and not alt.startswith("[^"):
        close = alt.index("]", 1)
        body = alt[1:close]
        if "\\" in body or "-" in body or alt[close + 1:close + 2] in _QUANTIFIERS:
            raise ValueError(f"class too hard to open on: {alt!r}")
        return [b for c in dict.fromkeys(body)
                for b in _opened(("\\" + c if c in _SPECIAL else c) + alt[close + 1:])]
    if alt[:1] == "\\" and not alt[1:2].isalnum():  # an escaped character stands for itself
        first = alt[:2]
    elif alt and alt[0] not in _SPECIAL:
        first = alt[0]
    else:
        raise ValueError(f"cannot open {alt!r} on a literal")
    if alt[len(first):len(first) + 1] in _QUANTIFIERS:
        raise ValueError(f"repeated first character: {alt!r}")
    return [alt]


def gated(pattern: str, lead: str | None = None) -> str:
    """``pattern`` behind a lookahead on its first characters (see ``lead_chars``); ``lead``:
    those characters when the caller knows them (a superset is safe: the gate only skips)."""
    lead = lead_chars(pattern) if lead is None else lead
    out = f"(?=[{lead}])(?:{pattern})"
    _SOURCES[out] = pattern
    return out

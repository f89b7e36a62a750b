"""Matching form of text: simplified characters, half-width ASCII, single spaces.

Rules are written once in simplified Chinese; reports arrive in traditional characters,
full-width digits and brackets, or with stray spaces from web pages.  ``norm`` hides those
differences while the original text (and its line numbers) stays untouched for evidence.
"""

from __future__ import annotations

import re

from . import t2s_tables

_converter = None  # OpenCC('t2s') is built once per process: rule examples call read_text per sentence.
# needs_t2s's filter (t2s_tables): built once per process, but only after the whole-text
# conversions it replaces have cost about what building it does (~10 ms, ~50,000 characters),
# so a one-report audit does not pay for it. None: OpenCC's tables could not be read.
_changes: t2s_tables.Changes | bool | None = False
_converted = 0  # characters needs_t2s converted whole while the filter was not built
_BUILD_AFTER = 50_000
# (lines width() made of, their conversion, Changes.joins) of the report being read: norm_many
# then reads its sentences' conversion off its lines' (read_text keeps them, then releases them)
_kept: tuple[str, str, frozenset[str]] | None = None
# the wide characters (_WIDTH) the report's lines hold, kept as _kept is: parse's sentences and
# headings are cut out of those lines (pieces, strips, joins of wrapped lines; nothing added),
# so they hold no others, and width() of them is these replaces alone, without its scan
_kept_wide: set[str] | None = None

# U+FF01..U+FF5E are full-width twins of ASCII '!'..'~'; U+3000 is the ideographic space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH.update({0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: None, 0xFEFF: None})
# width() finds which of these characters the text holds with a regex and replaces each with
# str.replace: str.translate alone looks every character up in the table (~0.2 ms per 4,000
# characters, twice per report).  The pattern is one character, not a run: re scans in C for a
# pattern that opens on a class, but tries a match at every position of one that opens on a
# repeat (class+), which made the search cost as much as the conversion.
_WIDE = re.compile("[" + "".join(re.escape(chr(c)) for c in _WIDTH) + "]")
_HALF = {chr(c): "" if to is None else chr(to) for c, to in _WIDTH.items()}
_MARKUP = re.compile(r"\*\*|__|`+|^#{1,6}\s+|^>\s*")


def _t2s():
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter


def to_simplified(text: str) -> str:
    """Traditional -> simplified, character for character in practice (t2s keeps lengths)."""
    return _t2s().convert(text)


def width(text: str) -> str:
    """Full-width ASCII forms to half-width; Chinese punctuation such as 。、“” is kept."""
    return _narrow(text, set(_WIDE.findall(text)))


def _narrow(text: str, wide: set[str]) -> str:
    """width() of a text whose wide characters are among ``wide``."""
    # each character maps alone, and never to one of the set: the order of replacing is free
    for c in wide:
        text = text.replace(c, _HALF[c])
    return text


def norm(text: str, t2s: bool = True, markdown: bool = False) -> str:
    """Normalised form used for every match; ``t2s=False`` skips OpenCC when the
    document is known to be simplified already (the common case, and the cheap one)."""
    out = width(text)
    if markdown:
        out = _MARKUP.sub("", out.strip())
    if t2s:
        out = to_simplified(out)
    return " ".join(out.split())  # whitespace runs to one space, none at the ends


def norm_many(texts: list[str], t2s: bool = True, markdown: bool = False,
              keep: bool = False) -> list[str]:
    """``[norm(t, t2s, markdown) for t in texts]`` in one regex and one OpenCC call for all:
    reading normalises every line and every sentence of a report, and the per-call cost of
    those (~1.5 us per sub, ~2 us per OpenCC call) was most of normalisation.

    Joined with "\n", the texts normalise independently: width() maps character by character;
    whitespace is collapsed text by text after the split; OpenCC converts by longest dictionary
    match and no key or value of t2s's dictionaries holds a "\n" (tests/test_reading_fast.py
    checks both on real text), so a match never spans two texts. Markdown markup is stripped
    per text (its patterns are anchored at the start of each), so that case stays one by one.

    ``keep``: remember these texts' wide characters and conversion until ``release()``
    (read_text keeps a report's lines while its sentences are normalised: see _kept_wide and
    _reuse); texts normalised while some are kept must be cut out of those."""
    global _kept, _kept_wide
    if not texts:
        return []
    joined = "\n".join(texts)
    if markdown or joined.count("\n") != len(texts) - 1:  # (a text holding "\n" adds to the count)
        if keep:
            _kept_wide = None
        return [norm(t, t2s=t2s, markdown=markdown) for t in texts]
    if keep:
        _kept_wide = set(_WIDE.findall(joined))
        out = _narrow(joined, _kept_wide)
    elif _kept_wide is not None:
        out = _narrow(joined, _kept_wide)
    else:
        out = width(joined)
    parts = None
    if t2s and _kept is not None and not keep:
        parts = _reuse(out.split("\n"), *_kept)
    if parts is None:
        if t2s:
            converted = to_simplified(out)
            if keep and isinstance(_changes, t2s_tables.Changes) and _changes.joins is not None \
                    and len(converted) == len(out):
                _kept = (out, converted, _changes.joins)
            elif keep:
                _kept = None
            out = converted
        parts = out.split("\n")
    if len(parts) != len(texts):  # never seen; would mean a conversion made or ate a newline
        return [norm(t, t2s=t2s, markdown=markdown) for t in texts]
    # as in norm (a regex over the whole text, opening on a repeat, was tried at every character)
    return [" ".join(p.split()) for p in parts]


def release() -> None:
    """Forget the texts norm_many was asked to keep: nothing of one report serves another."""
    global _kept, _kept_wide
    _kept = _kept_wide = None


def _reuse(parts: list[str], lines: str, converted: str, joins: frozenset[str]) -> list[str]:
    """OpenCC's conversion of each of ``parts`` (width() done), read off ``converted``, the
    conversion of ``lines``, wherever a part is found in ``lines`` between two places no
    dictionary match can span: a "\n", an end, or a character outside ``joins`` on either side
    (t2s_tables.Changes.joins). OpenCC converts left to right by longest match, so no match of
    the whole text crosses such a place and the part alone is cut into the same matches; its
    entries keep lengths, so the part's conversion stands at its own offsets. A sentence is
    found so nearly always (its ends are punctuation or a line's); the rest go to OpenCC."""
    out: list[str] = []
    redo: list[int] = []
    cur, size = 0, len(lines)
    for t in parts:
        at = lines.find(t, cur)
        if at < 0:
            at = lines.find(t)  # the texts are in order, headings first and then sentences
        end = at + len(t)
        if at >= 0 and t and (at == 0 or t[0] not in joins or lines[at - 1] not in joins) \
                and (end == size or t[-1] not in joins or lines[end] not in joins):
            out.append(converted[at:end])
            cur = end
        else:
            redo.append(len(out))
            out.append(t)
    if redo:
        again = to_simplified("\n".join([out[i] for i in redo])).split("\n")
        if len(again) != len(redo):  # never seen, as in norm_many
            return [to_simplified(t) for t in parts]
        for i, text in zip(redo, again, strict=True):
            out[i] = text
    return out


def needs_t2s(text: str) -> bool:
    """True when the text has traditional characters, so per-sentence conversion is needed."""
    global _changes, _converted
    if _changes is False and _converted > _BUILD_AFTER:
        _changes = t2s_tables.build(_t2s())
    if not isinstance(_changes, t2s_tables.Changes):
        _converted += len(text)
        return to_simplified(text) != text
    # No key of OpenCC's tables holds "\n" (t2s_tables.build checks), so each line converts on
    # its own: only the lines where a change may start are converted, one by one, up to the
    # first that changes (in a traditional report, the first such line), and a text with none
    # is simplified (t2s_tables says why that is exact).
    at = _changes.first(text)
    while at >= 0:
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        line = text[start:end] if end >= 0 else text[start:]
        if to_simplified(line) != line:
            return True
        at = _changes.first(text, end) if end >= 0 else -1
    return False

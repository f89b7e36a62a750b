"""What in a text can make OpenCC's t2s change it, read from OpenCC's own tables.

``needs_t2s`` asks whether converting a report would change it. Most reports are simplified,
and converting ~4,000 characters only to compare them was most of what that cost. OpenCC
converts by longest dictionary match, so a text changes only where an entry whose key converts
to something else applies: a character (then it is in the text), or a phrase (then the phrase is
in the text, word for word, and with it the first character it changes, its mark). A text with
none of those characters and no such phrase at any of its marks converts to itself; every other
text still goes through OpenCC, which keeps the answer exact.

An entry that applies in a text converts its key alone the same way: the dictionaries before it
in the group match no prefix of the key (else they would have matched in the text too), and its
own longest match on the key alone is the key. So "its key converts to something else" is
``convert(key) != key``, asked of OpenCC itself, all keys in one call.

The tables are the files the converter was built from (its config names them); ``.ocd2`` files
are a marisa trie behind OpenCC's header, read with marisa-trie. A table in any other form, or
anything unexpected, leaves no filter: every text is converted, as before.
"""

from __future__ import annotations

import json
import os
import re
from typing import NamedTuple, Protocol

_OCD2 = b"OPENCC_MARISA_0.2.5"


class _Converter(Protocol):
    config: str

    def convert(self, text: str) -> str: ...


class Changes(NamedTuple):
    # any character whose own entry changes it (or that normalisation maps), or that marks a
    # changing phrase below
    scan: re.Pattern[str]
    # mark -> (its offset in the phrase, phrase) of the changing phrases that hold no character
    # of the first kind; each is marked by the first character it changes
    phrases: dict[str, tuple[tuple[int, str], ...]]
    # every character of a key longer than one character (and every character normalisation
    # maps): no match can span a place where a character outside this set stands on either
    # side, so OpenCC converts a text cut there as it converts that part of the whole text
    # (normalize.norm_many reuses a report's converted lines so). None: some entry converts to
    # a text of another length, so parts of a conversion could not be found by position.
    joins: frozenset[str] | None = None

    def first(self, text: str, pos: int = 0) -> int:
        """Where, from ``pos`` on, the first character that may start a change is (a changing
        character, or the mark of a changing phrase found around it); -1: OpenCC's t2s would
        leave ``text[pos:]`` as it is."""
        for m in self.scan.finditer(text, pos):
            marked = self.phrases.get(m.group())
            at = m.start()
            if marked is None or any(at >= j and text.startswith(phrase, at - j) for j, phrase in marked):
                return at
        return -1

    def may_change(self, text: str) -> bool:
        return self.first(text) >= 0


def _leaves(node: dict) -> list[dict]:
    inner = node.get("dict", node)
    if inner.get("type") == "group":
        return [leaf for d in inner.get("dicts", []) for leaf in _leaves(d)]
    return [inner]


def _keys(folder: str, leaf: dict) -> list[str] | None:
    path = os.path.join(folder, leaf.get("file", ""))
    if leaf.get("type") == "text":
        with open(path, encoding="utf-8") as fh:
            return [line.split("\t", 1)[0] for line in fh.read().split("\n") if line]
    if leaf.get("type") != "ocd2":
        return None
    import marisa_trie

    with open(path, "rb") as fh:
        data = fh.read()
    if not data.startswith(_OCD2):
        return None
    trie = marisa_trie.Trie()
    trie.frombytes(data[len(_OCD2):])
    return trie.keys()


def _class(chars: set[str]) -> str:
    """A character class for ``chars``: BMP characters one by one, anything beyond as one range,
    which keeps re's table lookup per character (a class listing astral characters is tried
    member by member: ~40x slower on a report). Broader than the set, never narrower."""
    bmp = "".join("\\" + c if c in "\\]^-[" else c for c in sorted(chars) if c <= "\uffff")
    return "[" + bmp + ("\U00010000-\U0010ffff" if any(c > "\uffff" for c in chars) else "") + "]"


def build(converter: _Converter) -> Changes | None:
    """The filter for ``converter`` (an opencc.OpenCC), None when its tables cannot be read."""
    try:
        with open(converter.config, encoding="utf-8") as fh:
            config = json.load(fh)
        folder = os.path.dirname(converter.config)
        normalising = [_keys(folder, leaf) for n in config.get("normalization", []) for leaf in _leaves(n)]
        converting = [_keys(folder, leaf) for n in config["conversion_chain"] for leaf in _leaves(n)]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ImportError):
        return None
    if any(keys is None for keys in normalising + converting):
        return None
    # normalisation runs first, by its own tables: any of its characters sends a text to OpenCC
    chars = {c for keys in normalising for key in keys for c in key}  # type: ignore[union-attr]
    keys = sorted({key for ks in converting for key in ks if key})  # type: ignore[union-attr]
    if any("\n" in key for key in keys) or any("\n" in c for c in chars):
        return None  # Changes and needs_t2s count on no match spanning a line
    # one call for all keys: no match spans two of them
    out = converter.convert("\n".join(keys)).split("\n")
    changed = {key: to for key, to in zip(keys, out, strict=True) if to != key}
    # normalisation's entries keep lengths when their keys convert to texts of their length
    # (every conversion entry does, checked first)
    norm_keys = sorted({key for ks in normalising for key in ks if key})  # type: ignore[union-attr]
    joins = None
    if len(config["conversion_chain"]) == 1 and all(len(to) == len(key) for key, to in changed.items()) \
            and [len(to) for to in converter.convert("\n".join(norm_keys)).split("\n")] == \
            [len(key) for key in norm_keys]:
        joins = frozenset(chars | {c for key in keys if len(key) > 1 for c in key})
    chars |= {key for key in changed if len(key) == 1}
    phrases: dict[str, list[tuple[int, str]]] = {}
    for key, to in changed.items():
        if len(key) > 1 and not chars.intersection(key):
            j = next((i for i, (a, b) in enumerate(zip(key, to, strict=False)) if a != b), 0)
            phrases.setdefault(key[j], []).append((j, key))
    return Changes(re.compile(_class(chars | set(phrases))),
                   {mark: tuple(marked) for mark, marked in phrases.items()}, joins)

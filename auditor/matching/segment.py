"""Word segmentation: rjieba (the jieba-rs binding), taught the pack's domain terms.

rjieba runs jieba's own algorithm on jieba's own dictionary, so tokens are those jieba users
know, but it loads in ~0.07 s instead of ~0.5-1.4 s and cuts ~20x faster (scripts/bench.py,
docs/performance.md). That is what keeps a cold ``auditor audit`` under the 1.5 s budget.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import ahocorasick_rs


def _jieba_class() -> type:
    """rjieba.Jieba without ``import rjieba``: the package's __init__ builds a default instance,
    loading the whole dictionary (~0.1 s, a fifth of a cold `auditor audit`) for a segmenter we
    never use, since each pack gets its own below. The compiled extension module is loaded on
    its own and registered under its real name, so a later ``import rjieba`` reuses it."""
    if "rjieba" in sys.modules:
        return sys.modules["rjieba"].Jieba
    spec = importlib.util.find_spec("rjieba")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for folder in folders:
            path = Path(folder) / f"rjieba{suffix}"
            if path.is_file():
                ext = importlib.util.spec_from_file_location("rjieba.rjieba", path)
                if ext is None or ext.loader is None:
                    continue
                module = importlib.util.module_from_spec(ext)
                sys.modules["rjieba.rjieba"] = module
                ext.loader.exec_module(module)
                return module.Jieba
    import rjieba  # an unusual layout: pay for the default instance

    return rjieba.Jieba


_Jieba = _jieba_class()

# Words that carry no meaning for matching; a phrase token list never requires them.
STOP = frozenset("的 了 和 与 及 等 对 在 为 把 将 是 并 或 中 其 之 以 于 由 向 从 按 各 该".split())
_CLAUSE = re.compile(r"[，,：:；;]")
_CACHE_MAX = 200_000
# Characters jieba never puts inside a token. Its cut splits the text into runs of Chinese
# characters, letters, digits and +#&._%- and cuts each run on its own (the best path over one
# run's word graph); anything else (punctuation, white space) comes out as a token of its own.
# So a text cut apart at these characters gives the same tokens piece by piece
# (tests/test_one_scan.py checks it on the reports). "\n" must be among them: it joins texts.
SPLITS = ",。;:()《》!?，；：（）！？ \t\r\n\u3000"


class Segmenter:
    """One rjieba instance per pack, so adding one pack's terms never leaks into another's."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self._jieba = _Jieba()
        for term in terms:
            self._jieba.add_word(term, None, None)
        # token -> whether it is a content token: the test is a few Python-level checks per
        # token, and a report repeats its words, so remembering the answer halves indexing.
        self._content: dict[str, bool] = {}
        self._finders: dict[frozenset[str], ahocorasick_rs.AhoCorasick | None] = {}

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text)

    def content_tokens(self, text: str) -> tuple[str, ...]:
        """Tokens that matter for matching: no punctuation, no stop words, no single digits."""
        return tuple(t for t in self._jieba.cut(text) if self._is_content(t))

    def _is_content(self, t: str) -> bool:
        ok = self._content.get(t)
        if ok is None:
            ok = bool(t.strip()) and t not in STOP and not _CLAUSE.fullmatch(t) \
                and any("\u4e00" <= c <= "\u9fff" for c in t)
            if len(self._content) > _CACHE_MAX:  # bounded: unknown words vary without end
                self._content.clear()
            self._content[t] = ok
        return ok

    def content_tokens_each(self, texts: list[str], joined: str,
                            wanted: frozenset[str] | None = None) -> list[tuple[str, ...]]:
        """``content_tokens`` of each text, from one cut of ``joined`` (the texts joined by
        "\\n"): one call into rjieba instead of one per sentence. jieba never joins text across
        a line break, so the tokens are the same; where the line breaks do not come back as
        len(texts) - 1 tokens of their own (a text ending in "\\r"), each text is cut alone.
        ``wanted`` (content tokens only) keeps just those tokens, and skips the content test."""
        toks = self._jieba.cut(joined)
        if toks.count("\n") != len(texts) - 1:
            return [tuple(t for t in self.content_tokens(x) if wanted is None or t in wanted)
                    for x in texts]
        out, cur = [], []
        is_content = self._is_content if wanted is None else wanted.__contains__
        for t in toks:
            if t == "\n":
                out.append(tuple(cur))
                cur = []
            elif is_content(t):
                cur.append(t)
        out.append(tuple(cur))
        return out

    def wanted_tokens(self, joined: str, wanted: frozenset[str]) -> dict[str, set[int]] | None:
        """Token -> ids of the texts in which it is a token, for the ``wanted`` tokens only, of
        texts joined by "\\n" (none holding a "\\n" itself); None when ``wanted`` holds a
        token this cannot speak for (one with a SPLITS character in it).

        Only the pieces of text between two SPLITS characters that hold a wanted token as a
        substring are cut (about half of a report's text, against seven in eight sentences):
        a piece without one cannot give one, and a piece is cut as it is in the whole text. The
        pieces go to rjieba in one call, joined by "\\n", and come back in text order, so each
        token's set receives its text ids in the order the whole cut gives them."""
        finder = self._finder(wanted)
        if finder is None:
            return None
        pieces: list[str] = []
        owners: list[int] = []  # text id of each piece
        n, newline = len(wanted), len(wanted) + SPLITS.index("\n")
        sid = start = 0
        held = False
        # Non-overlapping hits in text order: the wanted tokens (index < n) and every SPLITS
        # character, which ends the piece it closes.
        for k, at, end in finder.find_matches_as_indexes(joined):
            if k < n:
                held = True
                continue
            if held:
                pieces.append(joined[start:at])
                owners.append(sid)
                held = False
            if k == newline:
                sid += 1
            start = end
        if held:
            pieces.append(joined[start:])
            owners.append(sid)
        return self.tokens_in(pieces, owners, wanted)

    def tokens_in(self, pieces: list[str], owners: list[int],
                  wanted: frozenset[str]) -> dict[str, set[int]]:
        """Token -> ids of the texts in which it is a token, for the ``wanted`` tokens only, of
        ``pieces`` of text (none holding a "\\n") in text order, ``owners`` the text id of each:
        the pieces between SPLITS characters that hold a wanted token (wanted_tokens), or the
        whole texts worth cutting (index_texts, from the pack's scan)."""
        if not pieces:
            return {}
        keep = wanted | {"\n"}
        out = _filed(self._jieba.cut("\n".join(pieces)), owners, keep)
        if out is None:  # never seen: cut the pieces one by one
            out = _filed([t for p in pieces for t in [*self._jieba.cut(p), "\n"]][:-1], owners, keep)
        return out or {}

    def _finder(self, wanted: frozenset[str]) -> ahocorasick_rs.AhoCorasick | None:
        """The automaton over ``wanted`` and SPLITS (kept per token set: a pack has one)."""
        if wanted not in self._finders:
            ok = wanted and not any(c in t for t in wanted for c in SPLITS)
            self._finders[wanted] = ahocorasick_rs.AhoCorasick([*wanted, *SPLITS]) if ok else None
        return self._finders[wanted]


def _filed(toks: list[str], owners: list[int], keep: frozenset[str]) -> dict[str, set[int]] | None:
    """Token -> owners of the pieces it stands in, for the tokens in ``keep`` (which holds
    "\\n"), of the cut of pieces joined by "\\n"; None when the "\\n" tokens are not the
    joiners one for one (jieba took one into a token: then no "\\n" token stands for it, and
    the count falls short), so the pieces must be cut one by one."""
    out: dict[str, set[int]] = {}
    i = 0
    last = len(owners) - 1
    for t in filter(keep.__contains__, toks):  # the test in C: most tokens are not kept
        if t == "\n":
            i += 1
            continue
        if i > last:
            return None
        got = out.get(t)
        if got is None:
            out[t] = {owners[i]}
        else:
            got.add(owners[i])
    return out if i == last else None


def clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c]

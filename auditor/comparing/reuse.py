"""Passages of NEW that repeat OLD, near-duplicates included, and the share of NEW they make up.

Sentence keys (units.py: figures hidden, punctuation dropped, boilerplate cut out) are compared
all against all with rapidfuzz's ``cdist`` (C++, ~300 x 300 sentences in milliseconds); a NEW
sentence is reused when its best OLD sentence scores at least ``cutoff`` on ``fuzz.ratio``, so a
sentence with another place name or a reworded clause still counts. Runs of reused sentences
that follow each other in both files become one passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.comparing.boilerplate import Boilerplate
from auditor.comparing.units import MIN_KEY, Unit, total_chars

CUTOFF = 75  # fuzz.ratio: 3 changed characters in a 40-character sentence still score ~90
SHORT_MIN = 4  # a short sentence counts only inside a copied run, and only when identical
MAX_JUMP = 3  # OLD sentences skipped between two NEW sentences of one passage


@dataclass(frozen=True)
class Passage:
    new_line: int
    old_line: int
    new_end: int  # last line of the passage in NEW
    old_end: int
    chars: int  # characters of NEW in the passage
    text: str  # NEW's text of the passage, as written
    score: int  # lowest sentence similarity in the passage (100 = identical after normalising)


@dataclass(frozen=True)
class Reuse:
    share: float  # reused characters of NEW / all characters of NEW's sentences, 0..1
    chars: int
    total: int
    passages: tuple[Passage, ...]

    @property
    def longest(self) -> Passage | None:
        return max(self.passages, key=lambda p: p.chars, default=None)


def _keys(us: list[Unit], boiler: Boilerplate) -> list[str]:
    keys = [boiler.strip(u.key) for u in us]
    return ["" if boiler.is_learned(k) else k for k in keys]


NO_BOILERPLATE = Boilerplate()


def find_reuse(old: list[Unit], new: list[Unit], boiler: Boilerplate = NO_BOILERPLATE,
               cutoff: int = CUTOFF) -> Reuse:
    """Match every NEW sentence against every OLD one; see the module docstring."""
    from rapidfuzz import fuzz, process

    total = total_chars(new)
    old_keys, new_keys = _keys(old, boiler), _keys(new, boiler)
    long_old = [i for i, k in enumerate(old_keys) if len(k) >= MIN_KEY]
    long_new = [i for i, k in enumerate(new_keys) if len(k) >= MIN_KEY]
    match: dict[int, tuple[int, int]] = {}  # new index -> (old index, score)
    if long_old and long_new:
        scores = process.cdist([new_keys[i] for i in long_new], [old_keys[j] for j in long_old],
                               scorer=fuzz.ratio, score_cutoff=cutoff, dtype="uint8", workers=1)
        best = scores.argmax(axis=1)
        for row, i in enumerate(long_new):
            score = int(scores[row, best[row]])
            if score >= cutoff:
                match[i] = (long_old[int(best[row])], score)
    # Short sentences (一是强化政治引领。) are too common to count alone; inside a copied run,
    # the identical one right after the previous match in OLD is part of the copy.
    for i, key in enumerate(new_keys):
        if i in match or not SHORT_MIN <= len(key) < MIN_KEY:
            continue
        for j in (i - 1, i + 1):
            if j in match:
                k = match[j][0] + (i - j)
                if 0 <= k < len(old) and old_keys[k] == key:
                    match[i] = (k, 100)
                    break
    return Reuse(*_passages(old, new, match, total))


def _passages(old: list[Unit], new: list[Unit], match: dict[int, tuple[int, int]],
              total: int) -> tuple[float, int, int, tuple[Passage, ...]]:
    runs: list[list[int]] = []
    for i in sorted(match):
        if runs and runs[-1][-1] == i - 1 and 0 < match[i][0] - match[i - 1][0] <= MAX_JUMP:
            runs[-1].append(i)
        else:
            runs.append([i])
    passages = []
    for run in runs:
        first, last = run[0], run[-1]
        passages.append(Passage(
            new_line=new[first].line, old_line=old[match[first][0]].line, new_end=new[last].line,
            old_end=old[match[last][0]].line, chars=sum(new[i].chars for i in run),
            text="".join(new[i].text for i in run), score=min(match[i][1] for i in run)))
    chars = sum(p.chars for p in passages)
    share = round(chars / total, 4) if total else 0.0
    return min(share, 1.0), chars, total, tuple(passages)

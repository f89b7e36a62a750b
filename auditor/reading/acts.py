"""Is a sentence an act of the reporting body, or does it only name things?

The line reviewers draw by hand between work done and words said (issue 7): coverage needs an
act — a verb of doing with its object, a count or figure, a 《document》 the body issued, a
completed result.  Slogans, aims and a superior body's deployments are mentions.  The lexicons
are data in cues.py; this module only applies them clause by clause.
"""

from __future__ import annotations

import re

from . import cues


def clauses(norm: str) -> list[tuple[int, str]]:
    """(start offset, text) of each clause; offsets index ``norm``."""
    out, start = [], 0
    for m in cues.CLAUSE_SPLIT.finditer(norm):
        if m.start() > start:
            out.append((start, norm[start:m.start()]))
        start = m.end()
    if start < len(norm):
        out.append((start, norm[start:]))
    return out


_SUPERIOR: dict[str | None, re.Pattern[str]] = {}
for _level in ("province", "city", "county", "township", "department"):
    _SUPERIOR[_level] = re.compile(
        "(?:" + "|".join(rx for rx, below in cues.SUPERIOR_BODIES if below is None or _level in below)
        + ")" + cues.SUPERIOR_ACT)
_SUPERIOR[None] = _SUPERIOR["county"]  # level unknown: most reporters sit below a province
_ACT = re.compile(cues.ACT_VERBS)


def superior_clause(clause: str, level: str | None) -> bool:
    """A clause reporting what a superior body did (省委、省政府印发…), not the reporter."""
    m = _SUPERIOR.get(level, _SUPERIOR[None]).search(clause)
    return bool(m) and not cues.OWN_SUBJECT.search("," + clause[:m.start()])


def is_act(norm: str, level: str | None = None) -> bool:
    """True when some clause reports the body's own act (see module doc)."""
    parts = clauses(norm)
    sup = [superior_clause(c, level) for _, c in parts]
    for (_, clause), above in zip(parts, sup, strict=True):
        if above:
            continue
        text = clause.strip()
        if cues.FIGURE.search(text) or cues.NAMED_DOC.search(text) or cues.RESULT.search(text):
            return True
        if any(sup) and cues.OWN_SUBJECT.search("," + text) and cues.OWN_VERB.search(text):
            return True  # 我县转发并制定实施细则 beside 省政府印发《…》
        if not cues.SLOGAN_OPENERS.match(text) and _ACT.search(text):
            return True
    return False


def concrete(norm: str) -> bool:
    """A figure or a named document the body issued: the mark of a report of work (实绩)."""
    return bool(cues.FIGURE.search(norm) or cues.NAMED_DOC.search(norm))


def frames(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``norm`` that frame rather than report (以…为指导, 在…领导下, 按照…部署):
    an item named only inside one is mentioned, whatever the rest of the sentence did."""
    return tuple((m.start(), m.end()) for m in cues.FRAMING.finditer(norm))

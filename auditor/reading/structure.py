"""The five parts every annual report must have (督察工作规定; shared/spec/structure.tsv).

A part counts when it is a heading, or an unmistakable prose block; reviewers accept a closing
"虽然……但……还有差距。下一步，……" paragraph as shortcomings plus plans, so the check reads
sentence roles as well as headings.  A passing mention never counts.
"""

from __future__ import annotations

from ..model import StructurePart
from . import cues
from .document import Document, Sentence

PART_IDS = ("structure.achievements", "structure.shortcomings", "structure.shortcoming_reasons",
            "structure.first_responsible", "structure.next_year")


def _part(pid: str, line: int | None = None, heading: str | None = None) -> StructurePart:
    return StructurePart(pid, line is not None, line, heading)


def _section_parts(doc: Document) -> dict[str, tuple[int, str]]:
    """Role -> topmost-first section with the role: the one a reviewer would point at (the
    first such in the document on a tie). Every role from one pass over the sections."""
    best: dict[str, tuple[tuple[bool, int, int], int, str]] = {}
    for s in doc.sections:
        rank = (s.parent is not None, s.level, s.line)
        got = best.get(s.role)
        if got is None or rank < got[0]:
            best[s.role] = (rank, s.line, s.heading)
    return {role: (line, heading) for role, (_, line, heading) in best.items()}


def _first(sentences: list[Sentence]) -> tuple[int, str] | None:
    return (sentences[0].line, sentences[0].text) if sentences else None


def _gap_blocks(doc: Document) -> list[Sentence]:
    """Sentences of the shortcomings part: the role, or a part whose sentences are mostly gaps."""
    block = [s for s in doc.sentences if s.role == "shortcomings"]
    by_section: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        if s.section is not None and s.role == "other":
            by_section.setdefault(s.section, []).append(s)
    for group in by_section.values():
        gaps = sum(1 for s in group if s.kind == "gap")
        if gaps >= 2 and gaps * 2 >= len(group):
            block += group
    return block


def check_structure(doc: Document) -> tuple[StructurePart, ...]:
    """Presence, line and heading of each mandated part, in spec order."""
    parts: list[StructurePart] = []
    by_role = _section_parts(doc)

    hit = by_role.get("achievements")
    if hit is None:
        ach = [s for s in doc.sentences if s.role == "achievements" and s.kind == "achievement"]
        hit = _first(ach) if len(ach) >= 3 else None
    parts.append(_part(PART_IDS[0], *(hit or (None, None))))

    gaps = _gap_blocks(doc)
    hit = by_role.get("shortcomings")
    if hit is None:
        other_gaps = [s for s in gaps if s.kind == "gap"]
        if other_gaps:
            sec = other_gaps[0].section
            hit = (doc.sections[sec].line, doc.sections[sec].heading) if other_gaps[0].role == "other" \
                and sec is not None else (other_gaps[0].line, other_gaps[0].text)
    parts.append(_part(PART_IDS[1], *(hit or (None, None))))

    reason = None
    if hit is not None:
        heads = [s for s in doc.sections if s.role == "shortcomings" and "原因" in s.heading]
        if heads:
            reason = (heads[0].line, heads[0].heading)
        else:
            reason = next(((s.line, s.text) for s in gaps if cues.REASON.search(s.norm)), None)
    parts.append(_part(PART_IDS[2], *(reason or (None, None))))

    hit = by_role.get("first_responsible") or _first_responsible_block(doc)
    parts.append(_part(PART_IDS[3], *(hit or (None, None))))

    hit = by_role.get("next_year") or next(
        ((s.line, s.text) for s in doc.sentences if s.role == "next_year"), None)
    parts.append(_part(PART_IDS[4], *(hit or (None, None))))
    return tuple(parts)


def _first_responsible_block(doc: Document) -> tuple[int, str] | None:
    """A paragraph that opens on the principal leaders' first-responsible-person duty."""
    previous_line = None
    for s in doc.sentences:
        opens_paragraph = s.line != previous_line
        previous_line = s.line
        if not opens_paragraph:
            continue
        first_clause = s.norm.split(",", 1)[0]  # the paragraph must be *about* the duty
        if cues.FIRST_RESPONSIBLE_BLOCK.search(first_clause):
            return s.line, s.text
    return None

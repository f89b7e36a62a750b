"""Hand-built Documents and ReportResults for the check tests (no reading or pack needed)."""

from __future__ import annotations

from auditor.model import COVERED, MISSING, ItemResult, ReportResult, StructurePart
from auditor.reading.document import Document, Section, Sentence

PARTS = ("structure.achievements", "structure.shortcomings", "structure.shortcoming_reasons",
         "structure.first_responsible", "structure.next_year")


def make_doc(text: str, path: str = "draft.txt", year: int | None = 2023, published: str | None = None,
             roles: dict[int, str] | None = None, kinds: dict[int, str] | None = None,
             title_year: int | None = None, chrome: tuple[int, ...] = ()) -> Document:
    """One sentence per non-empty line; role 'achievements' unless ``roles`` says otherwise."""
    roles = roles or {}
    kinds = kinds or {}
    sentences = []
    for no, line in enumerate(text.splitlines(), 1):
        if line.strip() and no not in chrome:
            role = roles.get(no, "achievements")
            kind = kinds.get(no, "gap" if role == "shortcomings" else "achievement")
            sentences.append(Sentence(line, line.strip(), no, None, role, kind))
    sections = (Section("一、主要举措和成效", 1, 1, "achievements"),)
    return Document(path=path, text=text, title="", issuer=None, year=year, published=published,
                    level="county", level_sure=True, chars=len(text), sections=sections,
                    sentences=tuple(sentences), chrome_lines=chrome, title_year=title_year)


def make_result(path: str = "draft.txt", score: float = 80.0,
                items: list[tuple[str, bool, str]] | None = None, missing_parts: tuple[str, ...] = (),
                part_lines: dict[str, int] | None = None,
                year: int | None = 2023) -> ReportResult:
    items = items if items is not None else [("enforce.full_record", True, COVERED),
                                             ("thought.xi_law_thought", False, MISSING)]
    part_lines = part_lines or {}
    structure = tuple(StructurePart(p, p not in missing_parts, part_lines.get(p, i + 1))
                      for i, p in enumerate(PARTS))
    results = tuple(ItemResult(id=i, title=f"事项{i}", area="五 行政执法", key=k, weight=1.0, status=s,
                               gap_admitted=False, score=100 if s == COVERED else 0)
                    for i, k, s in items)
    return ReportResult(path=path, title="", issuer=None, year=year, published=None, level="county",
                        chars=1000, score=score, structure=structure, items=results, gaps=())

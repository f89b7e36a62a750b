"""Plain frozen records passed one way through the pipeline.

Document (reading/) -> Evidence (matching/) -> ItemResult/ReportResult (scoring.py) -> output/.
Nothing here computes; keeping the records dumb is what lets every formatter share one
``records()`` view and lets later steps (check, export) add data without touching matchers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Item statuses, in the order a reviewer reads them.
COVERED = "covered"
PARTIAL = "partial"
PLANNED = "planned"
MENTIONED = "mentioned"  # named (heading, slogan, superior body's work) but no act of the reporter
MISSING = "missing"
NOT_APPLICABLE = "not_applicable"
STATUSES = (COVERED, PARTIAL, PLANNED, MENTIONED, MISSING, NOT_APPLICABLE)

# Evidence kinds: what the sentence says about the item.
ACHIEVEMENT = "achievement"
PLAN = "plan"
GAP = "gap"
MENTION = "mention"  # an achievement-part sentence that names the item without an act
KINDS = (ACHIEVEMENT, PLAN, GAP, MENTION)

LEVELS = ("province", "city", "county", "township", "department")


# Evidence and ItemResult are made by the tens per report (Gap and StructurePart by the few):
# their __init__ stores each field in the instance dict (cheaper than update(**fields), which
# builds a dict of keywords first; the hot callers pass fields by position for the same reason).
# The __init__ dataclass generates for a frozen class sets each field through
# object.__setattr__ (its own __setattr__ refuses), about twice the cost. Same fields, defaults,
# equality, hash, repr and refusal to change (tests/test_model.py holds the two in step).


@dataclass(frozen=True, init=False)
class Evidence:
    """One sentence that matched one rule (or one facet of it)."""

    item: str
    line: int  # 1-based line in the original file
    kind: str  # achievement | plan | gap | mention
    section: str  # heading of the enclosing section, "" when none
    text: str  # the sentence as written in the original (traditional stays traditional)
    score: int  # 0..100 match strength
    facet: str = ""  # facet name for multi-facet items, "" otherwise
    sentence: int = -1  # index into Document.sentences, lets scoring map gaps to items
    offset: int = 0  # where in `text` the hit starts (approximate), so snippets show it
    length: int = 0  # how many characters of `text` the hit spans (0: unknown)
    concrete: bool = False  # the sentence carries a figure or a named document (实绩)

    def __init__(self, item: str, line: int, kind: str, section: str, text: str, score: int,
                 facet: str = "", sentence: int = -1, offset: int = 0, length: int = 0,
                 concrete: bool = False) -> None:
        d = self.__dict__
        d["item"] = item
        d["line"] = line
        d["kind"] = kind
        d["section"] = section
        d["text"] = text
        d["score"] = score
        d["facet"] = facet
        d["sentence"] = sentence
        d["offset"] = offset
        d["length"] = length
        d["concrete"] = concrete


@dataclass(frozen=True, init=False)
class StructurePart:
    """One mandated part of the report (../shared/spec/structure.tsv)."""

    id: str
    present: bool
    line: int | None = None
    heading: str | None = None

    def __init__(self, id: str, present: bool, line: int | None = None,
                 heading: str | None = None) -> None:
        d = self.__dict__
        d["id"] = id
        d["present"] = present
        d["line"] = line
        d["heading"] = heading


@dataclass(frozen=True, init=False)
class ItemResult:
    id: str
    title: str
    area: str
    key: bool
    weight: float
    status: str
    gap_admitted: bool
    score: int  # 0..100
    evidence: tuple[Evidence, ...] = ()
    facets_found: tuple[str, ...] = ()
    facets_all: tuple[str, ...] = ()
    waived: str | None = None  # reason, when a waiver applies (check issue)

    def __init__(self, id: str, title: str, area: str, key: bool, weight: float, status: str,
                 gap_admitted: bool, score: int, evidence: tuple[Evidence, ...] = (),
                 facets_found: tuple[str, ...] = (), facets_all: tuple[str, ...] = (),
                 waived: str | None = None) -> None:
        d = self.__dict__
        d["id"] = id
        d["title"] = title
        d["area"] = area
        d["key"] = key
        d["weight"] = weight
        d["status"] = status
        d["gap_admitted"] = gap_admitted
        d["score"] = score
        d["evidence"] = evidence
        d["facets_found"] = facets_found
        d["facets_all"] = facets_all
        d["waived"] = waived


@dataclass(frozen=True, init=False)
class Gap:
    """A sentence admitting a shortcoming, and the items it concerns (possibly none)."""

    line: int
    text: str
    items: tuple[str, ...] = ()

    def __init__(self, line: int, text: str, items: tuple[str, ...] = ()) -> None:
        d = self.__dict__
        d["line"] = line
        d["text"] = text
        d["items"] = items


@dataclass(frozen=True)
class ReportResult:
    path: str
    title: str
    issuer: str | None
    year: int | None
    published: str | None  # ISO date
    level: str | None
    chars: int
    score: float  # weighted coverage 0..100, one decimal
    structure: tuple[StructurePart, ...]
    items: tuple[ItemResult, ...]
    gaps: tuple[Gap, ...]
    title_year: int | None = None  # year written in the title, when it differs (hygiene)
    level_detected: str | None = None  # what detection found, before --level
    substance: float = 0.0  # 实绩度: % of applicable items whose evidence has a figure or 《document》
    meta: dict = field(default_factory=dict, compare=False)  # extra reading facts for checks
    warnings: tuple[str, ...] = ()  # ids (plausibility.WARNINGS): e.g. the input is no report


@dataclass(frozen=True)
class ReportError:
    path: str
    message: str

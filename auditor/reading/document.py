"""The Document a report is read into: every later step works on this and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("achievements", "shortcomings", "first_responsible", "next_year", "other")


@dataclass(frozen=True, init=False)
class Section:
    heading: str  # heading as written (original characters)
    line: int  # 1-based original line
    level: int  # 1 = 一、/第一部分/#, 2 = （一）/##, 3 = 1./###, ...
    role: str  # one of ROLES
    parent: int | None = None  # index of the parent section in Document.sections
    norm: str = ""  # the heading normalised like sentences (matching names items in headings)

    def __init__(self, heading: str, line: int, level: int, role: str, parent: int | None = None,
                 norm: str = "") -> None:
        # as Sentence's below: one per heading of every report, 0.93 -> 0.30 us
        d = self.__dict__
        d["heading"], d["line"], d["level"], d["role"], d["parent"], d["norm"] = \
            heading, line, level, role, parent, norm


@dataclass(frozen=True, init=False)
class Sentence:
    text: str  # as written in the original file
    norm: str  # simplified characters, half-width forms, collapsed whitespace: what rules match
    line: int  # 1-based line in the original file
    section: int | None  # index into Document.sections, None before the first heading
    role: str  # role of the enclosing part (with prose fallbacks), one of ROLES
    kind: str  # achievement | plan | gap: what the sentence says, from role + cue words
    act: bool = False  # an achievement that reports an act of the reporting body (acts.is_act)
    frames: tuple[tuple[int, int], ...] = ()  # norm spans that frame, not report (以…为指导)
    concrete: bool = False  # carries a figure or a 《document》 the body issued
    gap_clauses: tuple[tuple[int, int], ...] = ()  # norm spans of clauses that word a gap

    def __init__(self, text: str, norm: str, line: int, section: int | None, role: str, kind: str,
                 act: bool = False, frames: tuple[tuple[int, int], ...] = (), concrete: bool = False,
                 gap_clauses: tuple[tuple[int, int], ...] = ()) -> None:
        # The __init__ a frozen dataclass makes sets each field through object.__setattr__ (~0.8 us
        # a sentence, and reading makes one per sentence); writing the instance's dict item by
        # item gives the same object for ~0.27 us (update(**fields) builds a dict first: ~0.36).
        d = self.__dict__
        d["text"], d["norm"], d["line"], d["section"], d["role"] = text, norm, line, section, role
        d["kind"], d["act"], d["frames"], d["concrete"] = kind, act, frames, concrete
        d["gap_clauses"] = gap_clauses


@dataclass(frozen=True)
class Document:
    path: str
    text: str  # decoded original text (chrome included)
    title: str
    issuer: str | None
    year: int | None  # the year reported on
    published: str | None  # ISO date when the text shows one
    level: str | None  # province|city|county|township|department
    level_sure: bool  # False when detection guessed; --level overrides either way
    chars: int  # characters of report body (chrome excluded, whitespace excluded)
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    chrome_lines: tuple[int, ...] = ()  # original line numbers recognised as page chrome
    title_year: int | None = None  # year written in the title (may differ from `year`)
    meta: dict = field(default_factory=dict, compare=False)

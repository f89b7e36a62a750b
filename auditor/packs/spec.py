"""Frozen rule specs: what packs/ produces from YAML and matching/ consumes."""

from __future__ import annotations

from dataclasses import dataclass

# Characters the matcher ignores on both sides (auditor.matching.compiled._DROP; a test keeps the
# two in step). A phrase made only of these would match every sentence, so it counts as empty.
# Here, not in schema.py, so the matcher can read them without loading the YAML validator.
IGNORED = "“”\"'‘’「」『』、 ·•\u3000"
GAP = "…"  # `A…B` in a phrase: A, then B within `gap` characters


@dataclass(frozen=True)
class Match:
    """When does one sentence count as evidence?

    ``any`` phrases (or ``patterns``) anchor the match; every group in ``all`` must also have a
    hit in the same sentence; any ``not`` phrase vetoes it. A phrase written ``A…B`` means A
    followed by B within ``gap`` characters. ``threshold`` is the rapidfuzz score (0-100) a fuzzy
    hit needs; exact hits score 100.
    """

    any: tuple[str, ...] = ()
    all: tuple[tuple[str, ...], ...] = ()
    not_: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()  # RE2 syntax: linear time, cannot hang
    threshold: int = 88
    gap: int = 12


@dataclass(frozen=True)
class Facet:
    name: str
    match: Match


@dataclass(frozen=True)
class Example:
    text: str
    status: str  # "pass" (matches), "fail" (must not match), "gap" (a shortcoming mapped to the item)
    line: int = 0  # where the example is written, so `auditor rules test` can point at it


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    area: str
    source: str
    weight: float
    key: bool
    applies_to: frozenset[str]  # {"all"} or a subset of model.LEVELS
    type: str  # rule type, a key of matching.REGISTRY
    match: Match
    facets: tuple[Facet, ...] = ()
    shortcoming: Match | None = None  # how an admitted shortcoming on it is phrased; else `match`
    examples: tuple[Example, ...] = ()
    file: str = ""
    line: int = 0
    pack: str = ""  # id of the pack whose rule file defines the item (set when a pack is resolved)
    changed_by: tuple[str, ...] = ()  # "pack.yaml:line" of every override applied to the item
    # Umbrella items (三项制度): the items that are its parts. The umbrella is covered when its
    # parts are; its own phrase never covers a part (docs/scoring.md, Umbrella items).
    parts: tuple[str, ...] = ()
    parts_line: int = 0

    def applies(self, level: str | None) -> bool:
        return "all" in self.applies_to or level is None or level in self.applies_to


@dataclass(frozen=True)
class PackRef:
    """A pack an extending pack builds on: what outputs name as "in force" besides the pack."""

    id: str
    version: str
    path: str = ""


@dataclass(frozen=True)
class Pack:
    """A resolved pack: its own items plus everything inherited through ``extends``, with the
    disabled items already removed and overrides applied, so nothing downstream needs to know
    packs can extend one another."""

    id: str
    title: str
    version: str
    rules: tuple[Rule, ...]
    path: str = ""
    description: str = ""
    extends: tuple[PackRef, ...] = ()  # the parent first, then its parent, up to the root
    disabled: tuple[str, ...] = ()  # ids switched off anywhere in the chain, in the order given

    def info(self) -> dict[str, object]:
        """The packs in force, as every output names them (JSON ``pack``, SARIF, footers)."""
        return {"id": self.id, "version": self.version,
                "extends": [{"id": p.id, "version": p.version} for p in self.extends],
                "disabled": list(self.disabled)}


# Rule types are code: each name here has a matcher in auditor.matching.REGISTRY.
RULE_TYPES = ("phrases", "facets")

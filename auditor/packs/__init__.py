"""Rule packs: YAML rule files validated (with file:line problems), `extends` chains resolved,
and loaded into frozen specs."""

from auditor.packs.loader import (
    DEFAULT_PACK,
    PackError,
    default_pack_path,
    load_pack,
    locate,
    shipped_packs,
    validate_pack,
    validate_paths,
)
from auditor.packs.spec import RULE_TYPES, Example, Facet, Match, Pack, PackRef, Rule

__all__ = [
    "DEFAULT_PACK",
    "RULE_TYPES",
    "Example",
    "Facet",
    "Match",
    "Pack",
    "PackError",
    "PackRef",
    "Problem",
    "Rule",
    "default_pack_path",
    "load_pack",
    "locate",
    "shipped_packs",
    "validate_pack",
    "validate_paths",
]


def __getattr__(name: str) -> object:
    # Problem lives with the YAML checks (nodes.py, which imports PyYAML): loaded on first use,
    # so importing auditor.packs for an audit does not pay for the validator.
    if name == "Problem":
        from auditor.packs.nodes import Problem

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

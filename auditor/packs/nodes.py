"""Safe YAML composition and node checks that remember where every value came from.

Rule files are validated on the composed node tree rather than on ``yaml.safe_load`` output
because nodes keep their marks: every problem can then say ``file:line`` and point at the
exact key or value a rule author has to fix. Nothing is ever constructed with an unsafe
loader; scalars are typed by the safe resolver's tags, so ``!!python/...`` tags are simply
"not a string" instead of code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# libyaml's parser is several times faster and has the same safe resolver and marks.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALARS = yaml.constructor.SafeConstructor()  # used only for int/float/bool scalars


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a rule file; ``line`` is 1-based, 0 when no line applies."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def compose(text: str) -> Node | None:
    """Parse one YAML document into nodes; raises ``yaml.YAMLError`` with a mark on bad syntax."""
    return yaml.compose(text, Loader=_Loader)


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def describe(node: Node) -> str:
    """Name a node's type the way a rule author thinks of it, for "expected X, got Y" messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    kind = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean",
            "null": "nothing (null)"}.get(node.tag.removeprefix(_TAG))
    if kind is None:
        return f"a value tagged {node.tag}"
    return kind if kind == "nothing (null)" else f"{kind} {_show(node.value)}"


def _show(value: str) -> str:
    value = value if len(value) <= 40 else value[:39] + "…"
    return repr(value)


class Checker:
    """Collects problems for one file instead of stopping at the first, so authors fix all at once."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def error(self, where: Node | int, message: str) -> None:
        line = where if isinstance(where, int) else line_of(where)
        self.problems.append(Problem(self.path, line, message))

    def fields(self, node: Node, what: str, allowed: tuple[str, ...],
               required: tuple[str, ...] = ()) -> dict[str, Node] | None:
        """Check a mapping's keys: known, unique, required present. Returns key -> value node."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping, got {describe(node)}")
            return None
        entries = self._merged(node, what)
        if entries is None:
            return None
        seen: dict[str, Node] = {}
        keys: dict[str, int] = {}
        for key_node, value in entries:
            if not (isinstance(key_node, ScalarNode) and key_node.tag == _TAG + "str"):
                self.error(key_node, f"field names in {what} must be plain words, got {describe(key_node)}")
                continue
            key = key_node.value
            if key in keys:
                self.error(key_node, f"duplicate field '{key}' in {what} (first on line {keys[key]})")
                continue
            keys[key] = line_of(key_node)
            if key not in allowed:
                self.error(key_node, f"unknown field '{key}' in {what}; allowed: {', '.join(allowed)}")
                continue
            seen[key] = value
        for key in required:
            if key not in seen and key not in keys:
                self.error(node, f"{what} is missing required field '{key}'")
        return seen

    def _merged(self, node: MappingNode, what: str, depth: int = 0) -> list[tuple[Node, Node]] | None:
        """Entries after `<<: *anchor` merges, as safe_load sees them: own keys beat merged ones.

        Only the mapping's own keys can be reported as duplicates; overriding a merged key is
        the point of a merge. Done here rather than with flatten_mapping, which rewrites shared
        anchor nodes in place.
        """
        inherited: dict[str, tuple[Node, Node]] = {}
        own: list[tuple[Node, Node]] = []
        for key_node, value in node.value:
            if key_node.tag != _TAG + "merge":
                own.append((key_node, value))
                continue
            sources = value.value if isinstance(value, SequenceNode) else [value]
            if depth > 20 or not all(isinstance(src, MappingNode) for src in sources):
                self.error(key_node, f"`<<` in {what} must merge a mapping or a list of mappings")
                return None
            for src in reversed(sources):  # the first source listed wins, as in YAML's merge spec
                for k, v in self._merged(src, what, depth + 1) or ():
                    if isinstance(k, ScalarNode):
                        inherited[k.value] = (k, v)
        own_keys = {k.value for k, _ in own if isinstance(k, ScalarNode)}
        return [kv for name, kv in inherited.items() if name not in own_keys] + own

    def string(self, node: Node, what: str) -> str | None:
        """A non-blank string; numbers and booleans are refused so `version: 1.10` can't become 1.1."""
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "str"):
            hint = " (quote it)" if isinstance(node, ScalarNode) and node.tag != _TAG + "null" else ""
            self.error(node, f"{what} must be a string, got {describe(node)}{hint}")
            return None
        if not node.value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        return node.value

    def integer(self, node: Node, what: str, low: int, high: int) -> int | None:
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "int"):
            self.error(node, f"{what} must be an integer {low}..{high}, got {describe(node)}")
            return None
        value = _SCALARS.construct_yaml_int(node)
        if not low <= value <= high:
            self.error(node, f"{what} must be an integer {low}..{high}, got {value}")
            return None
        return value

    def positive(self, node: Node, what: str) -> float | None:
        if isinstance(node, ScalarNode) and node.tag == _TAG + "int":
            value = float(_SCALARS.construct_yaml_int(node))
        elif isinstance(node, ScalarNode) and node.tag == _TAG + "float":
            value = _SCALARS.construct_yaml_float(node)
        else:
            self.error(node, f"{what} must be a positive number, got {describe(node)}")
            return None
        if not (value > 0 and math.isfinite(value)):
            self.error(node, f"{what} must be a positive number, got {node.value}")
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "bool"):
            self.error(node, f"{what} must be true or false, got {describe(node)}")
            return None
        return bool(_SCALARS.construct_yaml_bool(node))

    def sequence(self, node: Node, what: str, example: str = "") -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            hint = f", e.g. {example}" if example else ""
            self.error(node, f"{what} must be a list{hint}, got {describe(node)}")
            return None
        return list(node.value)

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

from auditor.i18n import N_, _

# libyaml's parser is several times faster and has the same safe resolver and marks.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALARS = yaml.constructor.SafeConstructor()  # used only for int/float/bool scalars
_KINDS = {"str": N_("字符串"), "int": N_("整数"), "float": N_("小数"), "bool": N_("布尔值")}


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
        return _("映射")
    if isinstance(node, SequenceNode):
        return _("列表")
    tag = node.tag.removeprefix(_TAG)
    if tag == "null":
        return _("空值（null）")
    if tag not in _KINDS:
        return _("带标签 {tag} 的值").format(tag=node.tag)
    return f"{_(_KINDS[tag])} {_show(node.value)}"


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
            self.error(node, _("{what} 应为映射，实际是{got}").format(what=what, got=describe(node)))
            return None
        entries = self._merged(node, what)
        if entries is None:
            return None
        seen: dict[str, Node] = {}
        keys: dict[str, int] = {}
        for key_node, value in entries:
            if not (isinstance(key_node, ScalarNode) and key_node.tag == _TAG + "str"):
                self.error(key_node, _("{what} 中的字段名应为普通单词，实际是{got}").format(
                    what=what, got=describe(key_node)))
                continue
            key = key_node.value
            if key in keys:
                self.error(key_node, _("{what} 中字段 '{key}' 重复（第 {line} 行已有）").format(
                    what=what, key=key, line=keys[key]))
                continue
            keys[key] = line_of(key_node)
            if key not in allowed:
                self.error(key_node, _("{what} 中有未知字段 '{key}'；可用：{allowed}").format(
                    what=what, key=key, allowed=", ".join(allowed)))
                continue
            seen[key] = value
        for key in required:
            if key not in seen and key not in keys:
                self.error(node, _("{what} 缺少必填字段 '{key}'").format(what=what, key=key))
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
                self.error(key_node, _("{what} 中的 `<<` 只能合并映射或映射列表").format(what=what))
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
            hint = _("（请加引号）") if isinstance(node, ScalarNode) and node.tag != _TAG + "null" else ""
            self.error(node, _("{what} 应为字符串，实际是{got}{hint}").format(
                what=what, got=describe(node), hint=hint))
            return None
        if not node.value.strip():
            self.error(node, _("{what} 不能为空").format(what=what))
            return None
        return node.value

    def integer(self, node: Node, what: str, low: int, high: int) -> int | None:
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "int"):
            self.error(node, _("{what} 应为 {low}..{high} 的整数，实际是{got}").format(
                what=what, low=low, high=high, got=describe(node)))
            return None
        value = _SCALARS.construct_yaml_int(node)
        if not low <= value <= high:
            self.error(node, _("{what} 应为 {low}..{high} 的整数，实际是{got}").format(
                what=what, low=low, high=high, got=value))
            return None
        return value

    def positive(self, node: Node, what: str) -> float | None:
        if isinstance(node, ScalarNode) and node.tag == _TAG + "int":
            value = float(_SCALARS.construct_yaml_int(node))
        elif isinstance(node, ScalarNode) and node.tag == _TAG + "float":
            value = _SCALARS.construct_yaml_float(node)
        else:
            self.error(node, _("{what} 应为正数，实际是{got}").format(what=what, got=describe(node)))
            return None
        if not (value > 0 and math.isfinite(value)):
            self.error(node, _("{what} 应为正数，实际是{got}").format(what=what, got=node.value))
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        if not (isinstance(node, ScalarNode) and node.tag == _TAG + "bool"):
            self.error(node, _("{what} 应为 true 或 false，实际是{got}").format(
                what=what, got=describe(node)))
            return None
        return bool(_SCALARS.construct_yaml_bool(node))

    def sequence(self, node: Node, what: str, example: str = "") -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            hint = _("，例如 {example}").format(example=example) if example else ""
            self.error(node, _("{what} 应为列表{hint}，实际是{got}").format(
                what=what, hint=hint, got=describe(node)))
            return None
        return list(node.value)

"""pack.yaml: the pack's name and version, and how it builds on another pack.

Only the YAML shape is checked here (every value keeps its line); whether `extends` names a
pack that exists, and whether `disable`/`overrides` name items it has, is decided when the
chain is resolved (packs/resolve.py), because only then are the inherited items known.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node

from auditor.i18n import _
from auditor.packs.nodes import Checker, line_of
from auditor.packs.schema import ID_RE, PACK_ID_RE, applies_to, phrases

PACK_FIELDS = ("id", "title", "version", "description", "extends", "disable", "overrides")
OVERRIDE_FIELDS = ("weight", "key", "applies_to", "title", "phrases")


@dataclass(frozen=True)
class Override:
    """What one `overrides:` entry changes; None leaves the inherited value alone."""

    item: str
    line: int
    weight: float | None = None
    key: bool | None = None
    applies_to: frozenset[str] | None = None
    title: str | None = None
    phrases: tuple[str, ...] = ()  # added to the item's `match.any` anchors


@dataclass(frozen=True)
class PackMeta:
    file: str = ""  # pack.yaml, "" when the folder has none
    id: str | None = None
    title: str | None = None
    version: str | None = None
    description: str = ""
    extends: str | None = None
    extends_line: int = 0
    disable: tuple[tuple[str, int], ...] = ()  # (item id, line)
    overrides: tuple[Override, ...] = ()


def check_pack_meta(node: Node | None, chk: Checker) -> PackMeta:
    """pack.yaml: id/title/version are what every output reports, so all three are required."""
    if node is None:
        chk.error(1, _("pack.yaml 为空；需要 id、title 和 version"))
        return PackMeta(file=chk.path)
    found = chk.fields(node, "pack.yaml", PACK_FIELDS, ("id", "title", "version")) or {}
    values: dict[str, str] = {}
    for name in ("id", "title", "version", "description", "extends"):
        if name not in found:
            continue
        text = chk.string(found[name], name)
        if text is None:
            continue
        if name == "id" and not PACK_ID_RE.match(text):
            chk.error(found[name], _("规则包编号 '{id}' 只能由小写字母、数字、'.'、'_' 或 '-' 组成").format(
                id=text))
            continue
        values[name] = text
    disable = _disable(found["disable"], chk) if "disable" in found else ()
    overrides = _overrides(found["overrides"], chk) if "overrides" in found else ()
    return PackMeta(file=chk.path, id=values.get("id"), title=values.get("title"),
                    version=values.get("version"), description=values.get("description", ""),
                    extends=values.get("extends"),
                    extends_line=line_of(found["extends"]) if "extends" in found else 0,
                    disable=disable, overrides=overrides)


def _item_id(node: Node, what: str, chk: Checker) -> str | None:
    text = chk.string(node, what)
    if text is not None and not ID_RE.match(text):
        chk.error(node, _("{what} 中的事项编号 '{id}' 格式不对（应为 area.name）").format(what=what, id=text))
        return None
    return text


def _disable(node: Node, chk: Checker) -> tuple[tuple[str, int], ...]:
    items = chk.sequence(node, "disable", "disable: [system.legislation]")
    out: dict[str, int] = {}
    for item in items or ():
        item_id = _item_id(item, "disable", chk)
        if item_id in out:
            chk.error(item, _("disable 中 '{id}' 重复（第 {line} 行已列出）").format(
                id=item_id, line=out[item_id]))
        elif item_id is not None:
            out[item_id] = line_of(item)
    return tuple(out.items())


def _overrides(node: Node, chk: Checker) -> tuple[Override, ...]:
    if not isinstance(node, MappingNode):
        chk.error(node, _("overrides 必须是“事项编号: {{要改的字段}}”的映射，例如 "
                          "overrides: {{enforce.three_systems: {{weight: 3}}}}").format())
        return ()
    out: list[Override] = []
    seen: dict[str, int] = {}
    for key_node, value in node.value:
        item_id = _item_id(key_node, "overrides", chk)
        if item_id is None:
            continue
        if item_id in seen:
            chk.error(key_node, _("overrides 中 '{id}' 重复（第 {line} 行已写过）").format(
                id=item_id, line=seen[item_id]))
            continue
        seen[item_id] = line_of(key_node)
        found = chk.fields(value, f"overrides {item_id}", OVERRIDE_FIELDS)
        if found is None:
            continue
        if not value.value:  # `{}`: unknown fields were reported by fields() already
            chk.error(value, _("overrides {id} 没有要改的字段；可改：{fields}").format(
                id=item_id, fields=", ".join(OVERRIDE_FIELDS)))
            continue
        kw: dict[str, object] = {}
        if "weight" in found:
            kw["weight"] = chk.positive(found["weight"], "weight")
        if "key" in found:
            kw["key"] = chk.boolean(found["key"], "key")
        if "applies_to" in found:
            kw["applies_to"] = applies_to(found["applies_to"], chk)
        if "title" in found:
            kw["title"] = chk.string(found["title"], "title")
        if "phrases" in found:
            kw["phrases"] = phrases(found["phrases"], f"overrides {item_id} phrases", chk,
                                    anchor=True, gaps=True)
        if kw and None not in kw.values():
            out.append(Override(item=item_id, line=line_of(key_node), **kw))  # type: ignore[arg-type]
    return tuple(out)

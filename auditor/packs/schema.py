"""The rule pack schema (docs/rules.md), checked node by node and turned into frozen specs.

Validation and building are one pass: a field that fails its check is simply left out of the
spec and the pass goes on, so one run reports every problem in the file. A file with any
problem yields no rules; callers decide whether problems are fatal.
"""

from __future__ import annotations

import re
from dataclasses import fields as dataclass_fields
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from auditor.i18n import _
from auditor.model import LEVELS
from auditor.packs.nodes import Checker, describe, line_of
from auditor.packs.spec import GAP, IGNORED, RULE_TYPES, Example, Facet, Match, Rule

ID_RE = re.compile(r"^[a-z_]+\.[a-z_0-9]+$")
PACK_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")

AREA_FIELDS = ("area", "items")
ITEM_FIELDS = ("id", "title", "source", "weight", "key", "applies_to", "type", "match", "facets",
               "shortcoming", "examples", "parts")
MATCH_FIELDS = ("any", "all", "not", "patterns", "threshold", "gap")
FACET_FIELDS = ("name", "match")
EXAMPLE_FIELDS = ("pass", "fail", "gap")

_IGNORE = str.maketrans("", "", IGNORED)
STR = "tag:yaml.org,2002:str"
MIN_ANCHOR = 2  # an anchor shorter than this (e.g. 法) hits nearly every sentence
_MATCH_DEFAULTS = {f.name: f.default for f in dataclass_fields(Match)}


def phrase_key(text: str) -> str:
    """The phrase as the matcher sees it: ignored characters dropped, `...` read as a gap."""
    return text.replace("...", GAP).translate(_IGNORE)


def check_area_file(node: Node | None, chk: Checker,
                    ids: dict[str, tuple[str, int]]) -> tuple[str, list[Rule]]:
    """One area file: `area:` plus `items:`; each item inherits the area heading.

    ``ids`` maps every item id seen so far in the pack to (file, line), so a duplicate id is
    reported even when it sits in another file or its item has other problems.
    """
    if node is None:
        chk.error(1, _("文件为空；领域文件需要 `area:` 和 `items:`"))
        return "", []
    found = chk.fields(node, _("领域文件"), AREA_FIELDS, AREA_FIELDS)
    if found is None:
        return "", []
    area = chk.string(found["area"], "area") if "area" in found else None
    items = chk.sequence(found["items"], "items", "items: [{id: ..., ...}]") if "items" in found else None
    before = len(chk.problems)
    rules = [rule for item in items or () if (rule := _check_item(item, area or "", chk, ids))]
    return area or "", rules if len(chk.problems) == before else []


def _check_item(node: Node, area: str, chk: Checker, ids: dict[str, tuple[str, int]]) -> Rule | None:
    found = chk.fields(node, _("事项"), ITEM_FIELDS, ("id", "title", "source"))
    if found is None:
        return None
    if "match" not in found and "facets" not in found:
        chk.error(node, _("事项需要 `match` 或 `facets`（或两者都有）"))
    ok = "match" in found or "facets" in found
    values: dict[str, Any] = {}
    for name in ("id", "title", "source"):
        values[name] = chk.string(found[name], name) if name in found else None
        ok = ok and values[name] is not None
    if values.get("id") and not ID_RE.match(values["id"]):
        chk.error(found["id"], _("事项编号 '{id}' 应形如 area.name（小写字母和 _，然后是 '.'，"
                                 "再是小写字母、数字和 _）").format(id=values["id"]))
        ok = False
    elif values.get("id") in ids:
        path, line = ids[values["id"]]
        first = _("第 {line} 行").format(line=line) if path == chk.path else f"{path}:{line}"
        chk.error(found["id"], _("事项编号 '{id}' 重复（首次定义于 {first}）").format(
            id=values["id"], first=first))
        ok = False
    elif values.get("id"):
        ids[values["id"]] = (chk.path, line_of(node))
    where = _("事项 {id}").format(id=values.get("id") or "?")
    weight = chk.positive(found["weight"], "weight") if "weight" in found else 1.0
    key = chk.boolean(found["key"], "key") if "key" in found else False
    applies = _applies_to(found["applies_to"], chk) if "applies_to" in found else frozenset({"all"})
    match = _match(found["match"], f"{where} match", chk) if "match" in found else Match()
    facets = _facets(found["facets"], where, chk) if "facets" in found else ()
    admits = (_match(found["shortcoming"], f"{where} shortcoming", chk)
              if "shortcoming" in found else False)
    examples = _examples(found["examples"], chk) if "examples" in found else ()
    parts = _parts(found["parts"], values.get("id"), chk) if "parts" in found else ()
    rule_type = _rule_type(found, chk)
    if not ok or None in (weight, key, applies, match, facets, admits, examples, rule_type, parts):
        return None
    return Rule(id=values["id"], title=values["title"], area=area, source=values["source"],
                weight=weight, key=key, applies_to=applies, type=rule_type, match=match,
                facets=facets, shortcoming=admits or None, examples=examples, file=chk.path,
                line=line_of(node), parts=parts,
                parts_line=line_of(found["parts"]) if "parts" in found else 0)


def _rule_type(found: dict[str, Node], chk: Checker) -> str | None:
    if "type" not in found:
        return "facets" if "facets" in found else "phrases"
    name = chk.string(found["type"], "type")
    if name is None:
        return None
    if name not in RULE_TYPES:
        chk.error(found["type"], _("未知的规则类型 '{name}'；可用类型：{known}").format(
            name=name, known=", ".join(RULE_TYPES)))
        return None
    if name == "facets" and "facets" not in found:
        chk.error(found["type"], _("type facets 需要 `facets:` 列表"))
        return None
    if name == "phrases" and "match" not in found:
        chk.error(found["type"], _("type phrases 需要 `match:`"))
        return None
    if name == "phrases" and "facets" in found:
        chk.error(found["type"], _("type phrases 会忽略 `facets`；请去掉 `type`，或写 type: facets"))
        return None
    return name


def _applies_to(node: Node, chk: Checker) -> frozenset[str] | None:
    allowed = _("`all` 或层级列表：{levels}").format(levels=", ".join(LEVELS))
    if isinstance(node, ScalarNode):
        if node.tag == STR and node.value == "all":
            return frozenset({"all"})
        chk.error(node, _("applies_to 应为 {allowed}；实际是{got}").format(
            allowed=allowed, got=describe(node)))
        return None
    items = chk.sequence(node, "applies_to", "applies_to: [city, county]")
    if items is None:
        return None
    if not items:
        chk.error(node, _("applies_to 不能为空；请用 {allowed}").format(allowed=allowed))
        return None
    levels: list[str] = []
    for item in items:
        level = chk.string(item, _("applies_to 中的层级"))
        if level is not None and level not in LEVELS:
            chk.error(item, _("applies_to 中有未知层级 '{level}'；请用 {allowed}").format(
                level=level, allowed=allowed))
        elif level in levels:
            chk.error(item, _("applies_to 中层级 '{level}' 重复").format(level=level))
        elif level is not None:
            levels.append(level)
    return frozenset(levels) if len(levels) == len(items) else None


def _phrases(node: Node, what: str, chk: Checker, *, anchor: bool = False,
             gaps: bool = False) -> tuple[str, ...] | None:
    """A non-empty list of distinct phrases, compared as the matcher sees them."""
    items = chk.sequence(node, what, f"{what.split()[-1]}: [权责清单, 负面清单]")
    if items is None:
        return None
    if not items:
        chk.error(node, _("{what} 是空列表；请至少给出一个短语，或删去该字段").format(what=what))
        return None
    out: list[str] = []
    seen: dict[str, str] = {}
    for item in items:
        text = chk.string(item, _("{what} 中的短语").format(what=what))
        if text is None:
            continue
        keyed = phrase_key(text)
        parts = keyed.split(GAP)
        if not keyed.replace(GAP, ""):
            chk.error(item, _("{what} 中的短语 '{text}' 去掉引号、顿号和空格后为空").format(
                what=what, text=text))
        elif GAP in keyed and not gaps:
            chk.error(item, _("{what} 中的短语 '{text}'：`…` 间隔只能用在 `any` 短语中").format(
                what=what, text=text))
        elif not parts[0] or not parts[-1]:
            chk.error(item, _("{what} 中的短语 '{text}' 以 `…` 开头或结尾；间隔应在两部分之间").format(
                what=what, text=text))
        elif anchor and len(keyed.replace(GAP, "")) < MIN_ANCHOR:
            chk.error(item, _("{what} 中的锚定词 '{text}' 短于 {n} 个字，几乎每句都会命中").format(
                what=what, text=text, n=MIN_ANCHOR))
        elif keyed in seen:
            same = "" if seen[keyed] == text else _("（忽略引号后与 '{other}' 相同）").format(
                other=seen[keyed])
            chk.error(item, _("{what} 中短语 '{text}' 重复{same}").format(what=what, text=text, same=same))
        else:
            seen[keyed] = text
            out.append(text)
    return tuple(out) if len(out) == len(items) else None


def _match(node: Node, what: str, chk: Checker) -> Match | None:
    found = chk.fields(node, what, MATCH_FIELDS)
    if found is None:
        return None
    if not found.keys() & {"any", "patterns"}:
        chk.error(node, _("{what} 需要 `any` 短语或 `patterns` 作为锚定").format(what=what))
    kw: dict[str, Any] = dict(_MATCH_DEFAULTS)
    bad = False
    if "any" in found:
        kw["any"] = _phrases(found["any"], f"{what} any", chk, anchor=True, gaps=True)
    if "not" in found:
        kw["not_"] = _phrases(found["not"], f"{what} not", chk)
    if "any" in found and "not" in found:
        anchors = {phrase_key(n.value) for n in _strings(found["any"])}
        for item in _strings(found["not"]):
            if phrase_key(item.value) in anchors:
                chk.error(item, _("短语 '{text}' 同时出现在 {what} 的 any 和 not 中").format(
                    text=item.value, what=what))
                bad = True
    if "all" in found:
        kw["all"] = _groups(found["all"], f"{what} all", chk)
    if "patterns" in found:
        kw["patterns"] = _patterns(found["patterns"], f"{what} patterns", chk)
    if "threshold" in found:
        kw["threshold"] = chk.integer(found["threshold"], "threshold", 0, 100)
    if "gap" in found:
        kw["gap"] = chk.integer(found["gap"], "gap", 1, 100)
    if bad or None in kw.values() or not found.keys() & {"any", "patterns"}:
        return None
    return Match(**kw)


def _strings(node: Node) -> list[ScalarNode]:
    """The string items of a list node, for cross-list checks that should run even on bad lists."""
    if not isinstance(node, SequenceNode):
        return []
    return [n for n in node.value if isinstance(n, ScalarNode) and n.tag == STR]


def _groups(node: Node, what: str, chk: Checker) -> tuple[tuple[str, ...], ...] | None:
    example = "all: [[编制, 公布], [清单]]"
    items = chk.sequence(node, what, example)
    if items is None:
        return None
    if not items:
        chk.error(node, _("{what} 是空列表；请至少给出一组，或删去该字段").format(what=what))
        return None
    groups = []
    for n, item in enumerate(items, 1):
        if isinstance(item, SequenceNode):
            groups.append(_phrases(item, _("{what} 第 {n} 组").format(what=what, n=n), chk))
        else:  # once is enough: a flat list would otherwise repeat this for every phrase
            chk.error(item, _("{what} 应为短语组的列表，例如 {example}；第 {n} 组是{got}").format(
                what=what, example=example, n=n, got=describe(item)))
            return None
    return None if None in groups else tuple(groups)  # type: ignore[arg-type]


def _patterns(node: Node, what: str, chk: Checker) -> tuple[str, ...] | None:
    """RE2 only: it runs in linear time, so a pattern from a user pack cannot hang an audit."""
    import re2  # deferred: most packs never use patterns, and the import costs a few ms

    options = re2.Options()
    options.log_errors = False  # the problem list reports it; don't spray absl logs on stderr
    items = chk.sequence(node, what, "patterns: ['权责清单.{0,6}调整']")
    if items is None:
        return None
    if not items:
        chk.error(node, _("{what} 是空列表；请至少给出一个正则，或删去该字段").format(what=what))
        return None
    out = []
    for item in items:
        text = chk.string(item, _("{what} 中的正则").format(what=what))
        if text is None:
            continue
        try:
            compiled = re2.compile(text, options)
        except re2.error as exc:
            reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(
                exc.args[0], bytes) else str(exc)
            chk.error(item, _("{what} 中的 RE2 正则 '{text}' 无效：{reason}").format(
                what=what, text=text, reason=reason))
            continue
        if compiled.search("") is not None:
            chk.error(item, _("{what} 中的正则 '{text}' 能匹配空字符串，即匹配每一句").format(
                what=what, text=text))
            continue
        out.append(text)
    return tuple(out) if len(out) == len(items) else None


def _facets(node: Node, where: str, chk: Checker) -> tuple[Facet, ...] | None:
    items = chk.sequence(node, "facets", "facets: [{name: 公示, match: {any: [执法公示]}}]")
    if items is None:
        return None
    if not items:
        chk.error(node, _("facets 是空列表；请至少给出一个分面，或删去该字段"))
        return None
    out: list[Facet | None] = []
    names: dict[str, int] = {}
    for item in items:
        found = chk.fields(item, _("分面"), FACET_FIELDS, FACET_FIELDS)
        if found is None or len(found) < 2:
            out.append(None)
            continue
        name = chk.string(found["name"], _("分面名称"))
        if name in names:
            chk.error(found["name"], _("分面名称 '{name}' 重复（第 {line} 行已有）").format(
                name=name, line=names[name]))
            name = None
        elif name is not None:
            names[name] = line_of(found["name"])
        match = _match(found["match"], _("{where} 分面 {name} match").format(
            where=where, name=name or "?"), chk)
        out.append(Facet(name, match) if name and match else None)
    return None if None in out else tuple(out)  # type: ignore[arg-type]


def _examples(node: Node, chk: Checker) -> tuple[Example, ...] | None:
    found = chk.fields(node, "examples", EXAMPLE_FIELDS)
    if found is None:
        return None
    out: list[Example] = []
    ok = True
    for status in EXAMPLE_FIELDS:
        if status not in found:
            continue
        items = chk.sequence(found[status], f"examples {status}", f'{status}: ["一句例句。"]')
        if items is None:
            ok = False
            continue
        for item in items:
            text = chk.string(item, _("examples {status} 中的例句").format(status=status))
            ok = ok and text is not None
            if text is not None:
                out.append(Example(text, status, line_of(item)))
    return tuple(out) if ok else None


# pack.yaml's `overrides` (packs/meta.py) checks levels and extra anchors exactly like items do.
applies_to = _applies_to
phrases = _phrases


def _parts(node: Node, own: str | None, chk: Checker) -> tuple[str, ...] | None:
    """`parts: [enforce.publicity, …]`: ids only here; that they exist and form no cycle is
    checked across the whole pack (check_parts), since a part may sit in another file."""
    items = chk.sequence(node, "parts", "parts: [enforce.publicity, enforce.full_record]")
    if items is None:
        return None
    if not items:
        chk.error(node, _("parts 是空列表；请至少列出一个组成部分事项，或删去该字段"))
        return None
    out: list[str] = []
    for item in items:
        text = chk.string(item, _("组成部分编号"))
        if text is None:
            continue
        if not ID_RE.match(text):
            chk.error(item, _("组成部分 '{text}' 不是事项编号（area.name）").format(text=text))
        elif text == own:
            chk.error(item, _("事项 '{id}' 把自己列为组成部分").format(id=own))
        elif text in out:
            chk.error(item, _("组成部分 '{text}' 重复").format(text=text))
        else:
            out.append(text)
    return tuple(out) if len(out) == len(items) else None


def check_parts(rules: tuple[Rule, ...] | list[Rule]) -> list[tuple[str, int, str]]:
    """(file, line, message) for parts naming an unknown item, and for cycles of parts."""
    by_id = {r.id: r for r in rules}
    problems: list[tuple[str, int, str]] = []
    for rule in rules:
        for part in rule.parts:
            if part not in by_id:
                problems.append((rule.file, rule.parts_line,
                                 _("事项 '{id}' 的组成部分 '{part}' 不存在").format(id=rule.id, part=part)))
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(rid: str, path: list[str]) -> None:
        state[rid] = 1
        for part in by_id[rid].parts:
            if part not in by_id:
                continue
            if state.get(part) == 1:
                cycle = [*path[path.index(part):], part] if part in path else [rid, part]
                first = by_id[part]
                problems.append((first.file, first.parts_line,
                                 _("组成部分成环：{cycle}").format(cycle=" -> ".join(cycle))))
            elif part not in state:
                visit(part, [*path, part])
        state[rid] = 2

    for rule in rules:
        if rule.id not in state:
            visit(rule.id, [rule.id])
    return problems

"""`auditor rules list / show / test`: what a pack holds, for the people who write packs.

These read the resolved Pack (packs/) and example outcomes (matching/examples.py); they never
match anything themselves.
"""

from __future__ import annotations

import io
import json
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.i18n import N_, _, ngettext
from auditor.labels import level_label, pack_text
from auditor.packs.spec import Match, Pack, Rule

EXAMPLE_LABELS = {"pass": N_("应命中"), "fail": N_("不应命中"), "gap": N_("自认不足")}


def example_label(status: str) -> str:
    return _(EXAMPLE_LABELS[status]) if status in EXAMPLE_LABELS else status


def applies_label(levels: frozenset[str] | list[str]) -> str:
    return _("全部") if "all" in levels else _("、").join(level_label(v, v) for v in sorted(levels))


def rule_record(rule: Rule) -> dict[str, Any]:
    """One item for `rules list --format json` (machine-readable: ids, not labels)."""
    rec: dict[str, Any] = {"id": rule.id, "title": rule.title, "area": rule.area, "key": rule.key,
                           "weight": rule.weight, "source": rule.source, "pack": rule.pack,
                           "applies_to": sorted(rule.applies_to), "type": rule.type,
                           "file": rule.file, "line": rule.line, "examples": len(rule.examples)}
    if rule.changed_by:
        rec["changed_by"] = list(rule.changed_by)
    parts = getattr(rule, "parts", None)  # umbrella items (issue 7)
    if parts:
        rec["parts"] = list(parts)
    return rec


def list_json(pack: Pack) -> str:
    doc = {"pack": {**pack.info(), "title": pack.title, "items": len(pack.rules)},
           "items": [rule_record(r) for r in pack.rules]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _console(width: int | None, color: bool) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    console = Console(file=buf, width=width or 120, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    return console, buf


def list_table(pack: Pack, width: int | None = None, color: bool = False) -> str:
    console, buf = _console(width, color)
    n = len(pack.rules)
    title = ngettext("{title}（{id}，{n} 项）", "{title}（{id}，{n} 项）", n).format(
        title=pack_text(pack.title), id=pack.id, n=n)
    table = Table(title=title,
                  title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    # Ids are long: on a narrow terminal the title goes under its id and the area must go (with
    # the 来源 column of an extending pack, "narrow" is anything under 140 columns).
    wide = (width or 120) >= (140 if pack.extends else 100)
    if wide:
        table.add_column(_("编号"), no_wrap=True, style="bold")
        table.add_column(_("事项"), ratio=3, overflow="fold", min_width=12)
        table.add_column(_("领域"), no_wrap=True, overflow="ellipsis", max_width=14)
    else:  # the title goes under its id: next to a 35-cell id it would get a few characters
        table.add_column(_("编号 / 事项"), ratio=1, overflow="fold")
    table.add_column(_("重点"), justify="center", no_wrap=True)
    table.add_column(_("权重"), justify="right", no_wrap=True)
    table.add_column(_("依据"), overflow="fold", max_width=16)
    if pack.extends and wide:  # which pack an item comes from matters only when there are several
        table.add_column(_("来源"), no_wrap=True, overflow="ellipsis", max_width=24)
    for rule in pack.rules:
        if wide:
            row: list[Any] = [rule.id, pack_text(rule.title), pack_text(rule.area)]
        else:
            row = [Text.assemble((rule.id, "bold"), "\n", Text(pack_text(rule.title)))]
        row += ["★" if rule.key else "", f"{rule.weight:g}", rule.source]
        if pack.extends and wide:
            row.append(rule.pack + (_("（已修改）") if rule.changed_by else ""))
        table.add_row(*row)
    console.print(table)
    if pack.disabled:
        console.print(_("已关闭：{ids}").format(ids=_("、").join(pack.disabled)), style="dim")
    return buf.getvalue()


def match_lines(m: Match) -> list[str]:
    """A match spelled out for people, one line per field (shared with the generated docs)."""
    lines = []
    if m.any:
        lines.append(_("锚定词：{v}").format(v="、".join(m.any)))
    if m.all:
        lines.append(_("同句还须有：{v}").format(v=" + ".join("[" + "|".join(g) + "]" for g in m.all)))
    if m.not_:
        lines.append(_("排除词：{v}").format(v="、".join(m.not_)))
    if m.patterns:
        lines.append(_("正则（RE2）：{v}").format(v="  ".join(f"`{p}`" for p in m.patterns)))
    if m.any:
        lines.append(_("模糊匹配阈值 {t}，间隔 ≤ {g} 字").format(t=m.threshold, g=m.gap))
    return lines


def show(rule: Rule, pack: Pack) -> str:
    """Everything about one item, as plain lines."""
    title = pack_text(rule.title)
    # In English the pack's own words follow: they are what its YAML and the JSON say.
    out = [f"{rule.id}  {title}" + (f"（{rule.title}）" if title != rule.title else ""),
           _("领域：{v}").format(v=pack_text(rule.area)),
           _("依据：{v}").format(v=rule.source),
           _("来源：规则包 {pack}，{file}:{line}").format(pack=rule.pack, file=rule.file, line=rule.line),
           _("权重 {w:g}，{key}，适用层级：{levels}，规则类型：{type}").format(
               w=rule.weight, key=_("重点") if rule.key else _("非重点"),
               levels=applies_label(rule.applies_to), type=rule.type)]
    out += [_("修改：{where}").format(where=w) for w in rule.changed_by]
    parts = getattr(rule, "parts", None)
    if parts:
        titles = {r.id: pack_text(r.title) for r in pack.rules}
        out.append(_("组成部分：{v}").format(v=_("、").join(f"{p}（{titles.get(p, '?')}）" for p in parts)))
    if rule.match.any or rule.match.patterns:
        out.append(_("匹配："))
        out += ["  " + line for line in match_lines(rule.match)]
    for facet in rule.facets:
        out.append(_("分面 {name}：").format(name=facet.name))
        out += ["  " + line for line in match_lines(facet.match)]
    if rule.shortcoming:
        out.append(_("不足表述："))
        out += ["  " + line for line in match_lines(rule.shortcoming)]
    if rule.examples:
        out.append(_("例句："))
        out += [f"  [{example_label(e.status)}] {e.text}" for e in rule.examples]
    return "\n".join(out) + "\n"


def test_report(outcomes: list[Any]) -> str:
    """`rules test`: each failure with its sentence and what was found instead, then a count."""
    out = []
    for o in outcomes:
        if o.ok:
            continue
        where = f"{o.rule.file}:{o.example.line or o.rule.line}"
        out.append(_("{where}: {id} 例句（{label}）未通过：{text}").format(
            where=where, id=o.rule.id, label=example_label(o.example.status),
            text=o.example.text))
        out.append(_("    实际：{problem}").format(problem=o.problem))
    failed = sum(not o.ok for o in outcomes)
    items = len({o.rule.id for o in outcomes})
    out.append(ngettext("{n} 条例句（{items} 个事项）：{ok} 条通过，{failed} 条未通过",
                        "{n} 条例句（{items} 个事项）：{ok} 条通过，{failed} 条未通过", len(outcomes)).format(
        n=len(outcomes), items=items, ok=len(outcomes) - failed, failed=failed))
    return "\n".join(out) + "\n"

"""The colored terminal scorecard (rich). Reads records only; plain text when piped or NO_COLOR."""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from auditor.i18n import _
from auditor.labels import LEVEL_NAMES, PART_SHORT, STATUS_LABELS
from auditor.output.areachart import area_chart
from auditor.output.location import location_label
from auditor.output.records import pack_label

_STYLES = {"covered": "bold green", "partial": "yellow", "planned": "cyan", "missing": "bold red",
           "not_applicable": "dim"}
STATUS = {k: (STATUS_LABELS[k], style) for k, style in _STYLES.items()}  # status -> (label, style)
SNIPPET = 60


def _snip(text: str, n: int = SNIPPET, at: int = 0) -> str:
    """At most n characters of text, starting a little before ``at`` (the hit) when it is late."""
    start = max(0, min(at - 8, len(text) - n)) if len(text) > n else 0
    part = " ".join(text[start:].split())
    lead = "…" if start else ""
    return lead + part if len(part) <= n else lead + part[: n - 1] + "…"


def _status_text(item: dict[str, Any]) -> Text:
    label, style = STATUS[item["status"]]
    if item.get("waived") is not None:
        label, style = "已豁免", "magenta"
    t = Text(label, style=style)
    if item["gap_admitted"]:
        t.append(" 认不足", style="magenta")
    return t


def _score_style(score: float) -> str:
    return "bold green" if score >= 80 else "yellow" if score >= 60 else "bold red"


def _header(rep: dict[str, Any]) -> Panel:
    meta = Text()
    meta.append(f"发布单位 {rep['issuer'] or '未识别'}   年度 {rep['year'] or '未识别'}   ")
    meta.append(f"层级 {LEVEL_NAMES.get(rep['level'] or '', '未识别')}   ")
    meta.append(f"发布日期 {rep['published'] or '未注明'}   字数 {rep['chars']}\n")
    meta.append("总分 ")
    meta.append(f"{rep['score']:.1f}", style=_score_style(rep["score"]))
    meta.append(" / 100\n")
    meta.append("重点事项 ")
    for item in rep["items"]:
        if item["key"]:
            label, style = STATUS[item["status"]]
            meta.append(f"{_snip(item['title'], 9)}:")
            meta.append(label, style=style)
            meta.append("  ")
    meta.append("\n报告结构 ")
    for part in rep["structure"]:
        mark, style = ("✔", "green") if part["present"] else ("✘", "bold red")
        meta.append(f"{mark} {PART_SHORT.get(part['id'], part['id'])}", style=style)
        meta.append("  ")
    return Panel(meta, title=Text(rep["title"] or rep["path"], style="bold"), title_align="left",
                 subtitle=rep["path"], subtitle_align="right", box=box.ROUNDED)


def _area_table(area: str, items: list[dict[str, Any]]) -> Table:
    table = Table(title=area, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  expand=True, show_edge=False, pad_edge=False)
    table.add_column("状态", no_wrap=True, width=13)
    table.add_column("事项", width=30, overflow="ellipsis", no_wrap=True)
    table.add_column("分", justify="right", no_wrap=True, width=3)
    table.add_column("证据", ratio=1, overflow="ellipsis", no_wrap=True)
    for item in items:
        ev = item["evidence"][0] if item["evidence"] else None
        snippet = Text()
        if ev:
            snippet.append(f"{location_label(ev)} ", style="dim")
            snippet.append(_snip(ev["text"], at=ev.get("offset", 0)))
        elif item.get("waived"):
            snippet.append(f"豁免：{item['waived']}", style="magenta")
        title = Text(item["title"])
        if item["key"]:
            title.append(" ★", style="bold yellow")
        table.add_row(_status_text(item), title, str(item["score"]), snippet)
    return table


def _gaps(rep: dict[str, Any]) -> Table:
    table = Table(title=f"自认不足（{len(rep['gaps'])} 处）", title_justify="left",
                  title_style="bold", box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("行", justify="right", no_wrap=True, width=5)
    table.add_column("原文", ratio=3, overflow="ellipsis", no_wrap=True)
    table.add_column("涉及事项", ratio=2)
    for gap in rep["gaps"]:
        where = location_label(gap, short=True).removeprefix("L")  # the column says 行 already
        table.add_row(where, _snip(gap["text"], 90), ", ".join(gap["items"]) or "—")
    return table


def scorecard(rep: dict[str, Any]) -> Group:
    parts: list[Any] = [_header(rep), area_chart(rep)]
    areas: dict[str, list[dict[str, Any]]] = {}
    for item in rep["items"]:
        areas.setdefault(item["area"], []).append(item)
    parts += [_area_table(area, items) for area, items in areas.items()]
    parts.append(_gaps(rep))
    return Group(*parts)


def render(doc: dict[str, Any], color: bool = False, width: int = 120, **_: Any) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      legacy_windows=False)
    for rep in doc["reports"]:
        console.print(scorecard(rep))
        console.print()
    for err in doc["errors"]:
        console.print(Text(f"错误 {err['path']}: {err['message']}", style="bold red"))
    if doc.get("pack"):
        console.print(_footer(doc["pack"]))
    return buf.getvalue()


def _footer(info: dict[str, Any]) -> Text:
    """Which packs judged the reports: a local pack changes what "covered" means."""
    text = Text(_("规则包 {label}，{n} 项").format(label=pack_label(info), n=info.get("items", 0)),
                style="dim")
    if info.get("disabled"):
        text.append(_("；已关闭 {ids}").format(ids="、".join(info["disabled"])), style="dim")
    return text

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
from auditor.snippet import snippet

_STYLES = {"covered": "bold green", "partial": "yellow", "planned": "cyan", "mentioned": "blue",
           "missing": "bold red", "not_applicable": "dim"}
STATUS = {k: (STATUS_LABELS[k], style) for k, style in _STYLES.items()}  # status -> (label, style)
SNIPPET = 60


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
    meta.append(" / 100   ")
    meta.append(_("实绩度") + " ")
    substance = rep.get("substance", 0.0)
    meta.append(f"{substance:.1f}%", style=_score_style(substance * 1.25))
    meta.append("\n")
    meta.append("重点事项 ")
    for item in rep["items"]:
        if item["key"]:
            label, style = STATUS[item["status"]]
            meta.append(f"{snippet(item['title'], width=9)}:")
            meta.append(label, style=style)
            meta.append("  ")
    meta.append("\n报告结构 ")
    for part in rep["structure"]:
        mark, style = ("✔", "green") if part["present"] else ("✘", "bold red")
        meta.append(f"{mark} {PART_SHORT.get(part['id'], part['id'])}", style=style)
        meta.append("  ")
    return Panel(meta, title=Text(rep["title"] or rep["path"], style="bold"), title_align="left",
                 subtitle=rep["path"], subtitle_align="right", box=box.ROUNDED)


def _quote_chars(width: int) -> int:
    """Characters of evidence that fit the 证据 column: what the other columns and the line
    number leave, in CJK characters (two cells each), so the cut is ours and shows the match
    rather than rich's, which keeps the start and drops the end."""
    return max(8, (width - 13 - 30 - 3 - 8 - 6) // 2)


def _area_table(area: str, items: list[dict[str, Any]], chars: int = SNIPPET) -> Table:
    table = Table(title=area, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  expand=True, show_edge=False, pad_edge=False)
    table.add_column("状态", no_wrap=True, width=13)
    table.add_column("事项", width=30, overflow="ellipsis", no_wrap=True)
    table.add_column("分", justify="right", no_wrap=True, width=3)
    table.add_column("证据", ratio=1, overflow="ellipsis", no_wrap=True)
    for item in items:
        ev = item["evidence"][0] if item["evidence"] else None
        quote = Text()
        if ev:
            quote.append(f"L{ev['line']} ", style="dim")
            quote.append(snippet(ev["text"], ev.get("offset", 0), ev.get("length", 0), chars))
        elif item.get("waived"):
            quote.append(f"豁免：{item['waived']}", style="magenta")
        title = Text(item["title"])
        if item["key"]:
            title.append(" ★", style="bold yellow")
        table.add_row(_status_text(item), title, str(item["score"]), quote)
    return table


def _gaps(rep: dict[str, Any]) -> Table:
    table = Table(title=f"自认不足（{len(rep['gaps'])} 处）", title_justify="left",
                  title_style="bold", box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column("行", justify="right", no_wrap=True, width=5)
    table.add_column("原文", ratio=3, overflow="ellipsis", no_wrap=True)
    table.add_column("涉及事项", ratio=2)
    for gap in rep["gaps"]:
        table.add_row(str(gap["line"]), snippet(gap["text"], width=90), ", ".join(gap["items"]) or "—")
    return table


def scorecard(rep: dict[str, Any], width: int = 120) -> Group:
    parts: list[Any] = [_header(rep)]
    areas: dict[str, list[dict[str, Any]]] = {}
    for item in rep["items"]:
        areas.setdefault(item["area"], []).append(item)
    parts += [_area_table(area, items, _quote_chars(width)) for area, items in areas.items()]
    parts.append(_gaps(rep))
    return Group(*parts)


def render(doc: dict[str, Any], color: bool = False, width: int = 120, **_: Any) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      legacy_windows=False)
    for rep in doc["reports"]:
        console.print(scorecard(rep, width))
        console.print()
    for err in doc["errors"]:
        console.print(Text(f"错误 {err['path']}: {err['message']}", style="bold red"))
    return buf.getvalue()

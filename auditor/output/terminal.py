"""The colored terminal scorecard (rich). Reads records only; plain text when piped or NO_COLOR.

Laid out for the narrow window of an office PC as much as for a wide one: at 80 columns nothing
a reviewer needs is cut. Key-item names wrap instead of being truncated, each evidence snippet
keeps at least ~30 characters around the matched words (on the line below the item when the
window is narrow), the structure marks never part from their labels, and one legend line says
what ★, 认不足 and 分 mean. Several reports end with a summary table (output/summary.py).
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from auditor.helpformat import line_starts
from auditor.i18n import _, ngettext
from auditor.labels import level_label, part_label, status_label, unknown
from auditor.output.areachart import area_chart
from auditor.output.location import location_label
from auditor.output.records import pack_label

_STYLES = {"covered": "bold green", "partial": "yellow", "planned": "cyan", "mentioned": "blue",
           "missing": "bold red", "not_applicable": "dim"}
_GAP = 3  # cells between two table columns: padding, the (blank) divider, padding
WIDE = 100  # from this width on, evidence gets its own column; below, its own line under the item
MIN_WIDTH = 60  # cli/common.py refuses a narrower --width
MIN_SNIPPET = 30  # characters of evidence a reviewer needs to judge a match (issue 13)
NOT_SCORED = "—"  # 不适用 items have no score: a 0 would read as a failure


def status_style(status: str) -> str:
    return _STYLES.get(status, "")  # a status added later (仅提及 …) shows unstyled, never fails


def snip_cells(text: str, cells: int, at: int = 0, length: int = 0) -> str:
    """At most ``cells`` terminal cells of ``text`` (CJK count two) around the hit at ``at``
    (``length`` characters long, 0 when unknown): the hit starts about a third in, so the words
    before it give the context, and the window is always filled. "…" marks cut ends."""
    flat = " ".join(text.split())
    if cell_len(flat) <= cells:
        return flat
    at = min(len(" ".join(text[:max(0, at)].split())), len(flat))  # offset into the collapsed text
    hit = cell_len(flat[at:at + length]) if length else 0
    before = max(0, min(cells // 3, cells - hit - 2))
    start, used = at, 0
    while start > 0 and used + cell_len(flat[start - 1]) <= before:
        start -= 1
        used += cell_len(flat[start])
    rest = cell_len(flat[start:])
    while start > 0 and rest + cell_len(flat[start - 1]) + 1 <= cells:  # near the end: fill up
        start -= 1
        rest += cell_len(flat[start])
    lead = "…" if start else ""
    budget = cells - len(lead)
    if rest > budget:
        budget -= 1  # room for the closing "…"
    out, used = [], 0
    for ch in flat[start:]:
        if used + cell_len(ch) > budget:
            break
        out.append(ch)
        used += cell_len(ch)
    body = "".join(out)
    return lead + body + ("…" if start + len(body) < len(flat) else "")


def _pack(label: str, tokens: list[Text], width: int) -> Text:
    """``label`` then tokens separated by two spaces, broken between tokens only, continuation
    lines indented under the first token: a "✔ 举措和成效" never loses its mark to a line break."""
    out = Text(label + " " if label else "")
    indent = cell_len(label) + 1 if label else 0  # no label: continuation lines start flush
    col = indent
    for n, token in enumerate(tokens):
        w = token.cell_len
        gap = 2 if n else 0
        if n and col + gap + w > width:
            out.append("\n" + " " * indent)
            col = indent
            gap = 0
        out.append(" " * gap)
        out.append(token)
        col += gap + w
    return out


def _status_text(item: dict[str, Any]) -> Text:
    label, style = status_label(item["status"]), status_style(item["status"])
    if item.get("waived") is not None:
        label, style = _("已豁免"), "magenta"
    t = Text(label, style=style)
    if item["gap_admitted"]:
        t.append(" " + _("认不足"), style="magenta")
    return t


def _score_style(score: float) -> str:
    return "bold green" if score >= 80 else "yellow" if score >= 60 else "bold red"


def _header(rep: dict[str, Any], width: int) -> Panel:
    inner = width - 4  # panel border and padding
    facts = [
        (_("发布单位"), rep["issuer"] or unknown()),
        (_("年度"), str(rep["year"]) if rep["year"] else unknown()),
        (_("层级"), level_label(rep["level"])),
        (_("发布日期"), rep["published"] or _("未注明")),
        (_("字数"), str(rep["chars"])),
    ]
    meta = _pack("", [Text(f"{k} {v}") for k, v in facts], inner)
    meta = Text(meta.plain.lstrip(" "))
    meta.append("\n" + _("总分") + " ")
    meta.append(f"{rep['score']:.1f}", style=_score_style(rep["score"]))
    meta.append(" / 100   ")
    substance = rep.get("substance", 0.0)  # 实绩度: items whose evidence has a figure or 《document》
    meta.append(_("实绩度") + " ")
    meta.append(f"{substance:.1f}%", style=_score_style(substance * 1.25))
    meta.append("\n")
    keys = []
    for item in rep["items"]:
        if item["key"]:
            token = Text(f"{item['title']}:")
            token.append(status_label(item["status"]), style=status_style(item["status"]))
            keys.append(token)
    if keys:
        meta.append(_pack(_("重点事项"), keys, inner))
        meta.append("\n")
    marks = [Text(f"{'✔' if p['present'] else '✘'} {part_label(p['id'])}",
                  style="green" if p["present"] else "bold red") for p in rep["structure"]]
    meta.append(_pack(_("报告结构"), marks, inner))
    return Panel(meta, title=Text(rep["title"] or unknown(), style="bold"), title_align="left",
                 subtitle=rep["path"], subtitle_align="right", box=box.ROUNDED, width=width)


def legend() -> Text:
    """One line, short enough for 80 columns in either language."""
    return Text(_("图例：★ 重点事项  认不足 报告自认不足  分 得分 0–100（— 不适用）  L 行号"),
                style="dim")


def _status_width(items: list[dict[str, Any]]) -> int:
    gap = cell_len(" " + _("认不足"))
    widths = [cell_len(status_label(i["status"])) + (gap if i["gap_admitted"] else 0) for i in items]
    return max([cell_len(_("状态")), cell_len(_("已豁免")), *widths])


def wrap_cells(text: Text, width: int) -> Text:
    """Wrap at ``width`` cells ourselves. Chinese has no spaces to break at, and rich would move
    a whole unbroken sentence off the ``L16`` it belongs to; here lines break between CJK
    characters, not inside numbers (1550件 stays whole) nor before closing punctuation."""
    starts = line_starts(text.plain, width)
    if not starts:
        return text
    return Text("\n").join(text.divide(starts))


def _evidence(item: dict[str, Any], cells: int, line_cells: int = 0) -> Text:
    snippet = Text()
    ev = item["evidence"][0] if item["evidence"] else None
    if ev:
        loc = f"{location_label(ev)} "
        snippet.append(loc, style="dim")
        size = max(cells - cell_len(loc), 2 * MIN_SNIPPET)
        snippet.append(snip_cells(ev["text"], size, ev.get("offset", 0), ev.get("length", 0)))
        if line_cells:
            snippet = wrap_cells(snippet, line_cells)
    elif item.get("waived"):
        snippet.append(_("豁免：{reason}").format(reason=item["waived"]), style="magenta")
    return snippet


def _title(item: dict[str, Any]) -> Text:
    title = Text(item["title"])
    if item["key"]:
        title.append(" ★", style="bold yellow")
    return title


def _score(item: dict[str, Any]) -> str:
    return NOT_SCORED if item["status"] == "not_applicable" else str(item["score"])


def _area_table(area: str, items: list[dict[str, Any]], width: int, status_w: int) -> Table:
    table = Table(title=area, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  width=width, show_edge=False, pad_edge=False)
    table.add_column(_("状态"), width=status_w)
    if width >= WIDE:
        title_w = 30
        ev_w = width - status_w - title_w - 3 - 3 * _GAP
        table.add_column(_("事项"), width=title_w, overflow="fold")
        table.add_column(_("分"), justify="right", no_wrap=True, width=3)
        table.add_column(_("证据"), width=ev_w, overflow="fold")
        for item in items:
            table.add_row(_status_text(item), _title(item), _score(item), _evidence(item, ev_w, ev_w))
        return table
    # Narrow: the evidence goes under the item name, in the wide middle column, up to two lines.
    body_w = width - status_w - 3 - 2 * _GAP
    table.add_column(_("事项 / 证据"), width=body_w, overflow="fold")
    table.add_column(_("分"), justify="right", no_wrap=True, width=3)
    for item in items:
        body = _title(item)
        ev = _evidence(item, 2 * body_w - 2, body_w)
        if ev.plain:
            body.append("\n")
            body.append(ev)
        table.add_row(_status_text(item), body, _score(item))
    return table


def _gaps(rep: dict[str, Any], width: int) -> Table:
    titles = {i["id"]: i["title"] for i in rep["items"]}
    table = Table(title=_("自认不足（{n} 处）").format(n=len(rep["gaps"])), title_justify="left",
                  title_style="bold", box=box.SIMPLE_HEAD, width=width, show_edge=False, pad_edge=False)
    table.add_column(_("行"), justify="right", no_wrap=True, width=4)
    text_w = (width - 4 - 2 * _GAP) * 3 // 5
    table.add_column(_("原文"), width=text_w, overflow="fold")
    table.add_column(_("涉及事项"), ratio=1, overflow="fold")
    for gap in rep["gaps"]:
        # Item titles for people (ids are for machines: the JSON keeps them).
        concerned = "\n".join(titles.get(i, i) for i in gap["items"]) or "—"
        where = location_label(gap, short=True).removeprefix("L")  # the column says 行 already
        table.add_row(where, wrap_cells(Text(snip_cells(gap["text"], 2 * text_w - 2)), text_w),
                      concerned)
    return table


def _area_overview(rep: dict[str, Any], width: int) -> list[Any]:
    """The per-area bar chart (output/areachart.py) above the item tables."""
    return [area_chart(rep)]


def scorecard(rep: dict[str, Any], width: int = 120) -> Group:
    parts: list[Any] = [_header(rep, width), legend(), *_area_overview(rep, width)]
    areas: dict[str, list[dict[str, Any]]] = {}
    for item in rep["items"]:
        areas.setdefault(item["area"], []).append(item)
    status_w = _status_width(rep["items"])
    parts += [_area_table(area, items, width, status_w) for area, items in areas.items()]
    parts.append(_gaps(rep, width))
    return Group(*parts)


def render(doc: dict[str, Any], color: bool = False, width: int | None = 120, quiet: bool = False,
           errors: bool = True, **_opts: Any) -> str:
    """``errors=False``: leave unreadable inputs out (on a terminal the CLI's stderr line per file
    already says it; twice is noise)."""
    from auditor.output.summary import summary_table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      legacy_windows=False)
    if console.width < MIN_WIDTH:  # a tiny window: wrap the terminal's way, keep our layout
        console.width = MIN_WIDTH
    width = console.width
    if not quiet:
        for rep in doc["reports"]:
            console.print(scorecard(rep, width))
            console.print()
    if quiet or len(doc["reports"]) > 1:
        console.print(summary_table(doc["reports"], width))
    for err in doc["errors"] if errors else ():
        console.print(Text(_("错误 {path}：{message}").format(path=err["path"], message=err["message"]),
                           style="bold red"))
    if doc.get("pack"):
        console.print(_footer(doc["pack"]))
    return buf.getvalue()


def _footer(info: dict[str, Any]) -> Text:
    """Which packs judged the reports: a local pack changes what "covered" means."""
    text = Text(ngettext("规则包 {label}，{n} 项", "规则包 {label}，{n} 项", info.get("items", 0)).format(
        label=pack_label(info), n=info.get("items", 0)),
                style="dim")
    if info.get("disabled"):
        text.append(_("；已关闭 {ids}").format(ids=_("、").join(info["disabled"])), style="dim")
    return text

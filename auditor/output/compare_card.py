"""`auditor compare` as a rich scorecard: reads the compare record only (comparing/record.py)."""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from auditor.i18n import N_, _, ngettext
from auditor.labels import part_label, status_label
from auditor.output.records import for_people

# change -> (label, style); "planned last year, done this year" is what a reviewer looks for first
# (labels go through _() when rendered, so a language chosen at run time applies)
CHANGE_LABELS = {
    "planned_done": (N_("去年计划·今年完成"), "bold green reverse"),
    "gained": (N_("新增"), "green"),
    "lost": (N_("丢失"), "bold red"),
    "improved": (N_("提升"), "green"),
    "worsened": (N_("下降"), "yellow"),
    "unchanged": (N_("不变"), "dim"),
}
SNIPPET = 70


def _status(status: str) -> str:
    return status_label(status)


def _side(label: str, side: dict[str, Any]) -> str:
    return (f"{label} {side['path']}  {side['issuer'] or _('未识别')} {side['year'] or ''}"
            f"  {_('总分')} {side['score']:.1f}")


def _header(doc: dict[str, Any]) -> Panel:
    text = Text()
    text.append(_side(_("旧"), doc["old"]) + "\n")
    text.append(_side(_("新"), doc["new"]) + "\n")
    delta = doc["score"]["delta"]
    text.append(_("总分变化") + " ")
    text.append(f"{delta:+.1f}", style="green" if delta > 0 else "red" if delta < 0 else "")
    share = doc["reused"]["share"]
    text.append("   " + _("重复旧报告文字") + " ")
    text.append(f"{share:.0%}", style="bold red" if share >= 0.3 else "yellow" if share >= 0.1 else "green")
    text.append(" " + ngettext("（{n} 段）", "（{n} 段）", len(doc["reused"]["passages"])).format(
        n=len(doc["reused"]["passages"])))
    parts = doc["structure"]
    if parts["gained"] or parts["lost"]:
        text.append("\n" + _("报告结构") + " ")
        for pid in parts["gained"]:
            text.append(f"+{part_label(pid)} ", style="green")
        for pid in parts["lost"]:
            text.append(f"-{part_label(pid)} ", style="bold red")
    for note in doc["notes"]:
        text.append("\n" + _("注意：{note}").format(note=note), style="yellow")
    return Panel(text, title=Text(_("两年报告对比"), style="bold"), title_align="left", box=box.ROUNDED)


def _items(doc: dict[str, Any]) -> Table:
    table = Table(title=_("事项变化"), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  expand=True, show_edge=False)
    # Label columns as wide as their longest label in the interface language (English is longer).
    change_w = max(cell_len(_(label)) for label, _style in CHANGE_LABELS.values())
    status_w = max(cell_len(status_label(i[side])) for i in doc["items"] for side in ("old", "new")) \
        if doc["items"] else 6
    table.add_column(_("变化"), no_wrap=True, width=max(change_w, 8))
    table.add_column(_("事项"), ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column(_("旧"), no_wrap=True, width=status_w)
    table.add_column(_("新"), no_wrap=True, width=status_w)
    table.add_column(_("分差"), justify="right", no_wrap=True, width=max(5, cell_len(_("分差"))))
    order = list(CHANGE_LABELS)
    for item in sorted(doc["items"], key=lambda i: order.index(i["change"])):
        if item["change"] == "unchanged":
            continue
        label, style = CHANGE_LABELS[item["change"]]
        title = Text(item["title"])
        if item["key"]:
            title.append(" ★", style="bold yellow")
        table.add_row(Text(_(label), style=style), title, _status(item["old"]), _status(item["new"]),
                      f"{item['delta']:+d}")
    same = sum(i["change"] == "unchanged" for i in doc["items"])
    table.caption = _("另有 {n} 项不变").format(n=same)
    return table


def _promises(doc: dict[str, Any]) -> Table | None:
    if not doc["promises"]:
        return None
    table = Table(title=_("去年计划、今年未提及（{n} 项）").format(n=len(doc["promises"])),
                  title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, expand=True,
                  show_edge=False)
    table.add_column(_("事项"), ratio=1)
    table.add_column(_("去年"), no_wrap=True, width=8)
    for p in doc["promises"]:
        table.add_row(p["title"] + (" ★" if p["key"] else ""), _status(p["old"]))
    return table


def _passages(doc: dict[str, Any], limit: int) -> Table:
    passages = doc["reused"]["passages"]
    table = Table(title=_("重复段落（{n} 段）").format(n=len(passages)), title_justify="left",
                  title_style="bold", box=box.SIMPLE_HEAD, expand=True, show_edge=False)
    table.add_column(_("新行"), justify="right", no_wrap=True, width=6)
    table.add_column(_("旧行"), justify="right", no_wrap=True, width=6)
    table.add_column(_("字数"), justify="right", no_wrap=True, width=5)
    table.add_column(_("原文"), ratio=1, overflow="ellipsis", no_wrap=True)
    for p in sorted(passages, key=lambda p: -p["chars"])[:limit]:
        text = " ".join(p["text"].split())
        table.add_row(str(p["new_line"]), str(p["old_line"]), str(p["chars"]),
                      text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…")
    if len(passages) > limit:
        table.caption = _("另有 {n} 段，见 --format json").format(n=len(passages) - limit)
    return table


def render(doc: dict[str, Any], color: bool = False, width: int = 120, limit: int = 20, **_o: Any) -> str:
    doc = for_people(doc)
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, legacy_windows=False)
    console.print(_header(doc))
    console.print(_items(doc))
    promises = _promises(doc)
    if promises is not None:
        console.print(promises)
    console.print(_passages(doc, limit))
    return buf.getvalue()

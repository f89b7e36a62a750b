"""`auditor similar` as a readable table (rich): reads the similar record only."""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.i18n import _

SNIPPET = 40


def _who(side: dict[str, Any]) -> str:
    return f"{side['path']}\n{side['issuer'] or _('未识别')} {side['year'] or ''}"


def render(doc: dict[str, Any], color: bool = False, width: int = 120, **_o: Any) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, legacy_windows=False)
    pairs = doc["pairs"]
    title = _("雷同报告（{n} 对，重复率不低于 {t:.0%}）").format(n=len(pairs), t=doc["threshold"])
    table = Table(title=title,
                  title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, expand=True,
                  show_edge=False)
    table.add_column(_("报告 A"), ratio=2, overflow="fold")
    table.add_column(_("报告 B"), ratio=2, overflow="fold")
    table.add_column(_("重复率"), justify="right", no_wrap=True, width=7)
    table.add_column(_("最长重复段落"), ratio=3, overflow="ellipsis")
    for p in pairs:
        longest = p.get("longest") or {}
        text = " ".join((longest.get("text") or "").split())
        snippet = Text(f"A{longest.get('a_line', '')} B{longest.get('b_line', '')} ", style="dim")
        snippet.append(text if len(text) <= SNIPPET else text[:SNIPPET - 1] + "…")
        share = Text(f"{p['share']:.0%}", style="bold red" if p["share"] >= 0.5 else "yellow")
        table.add_row(_who(p["a"]), _who(p["b"]), share, snippet)
    console.print(table)
    bp = doc["boilerplate"]
    console.print(_("共比较 {n} 份报告；出现在 {k} 份以上报告中的句子视为套话（{m} 句），不计为雷同").format(
        n=doc["reports"], k=bp["min_reports"], m=bp["learned_sentences"]))
    for err in doc["errors"]:
        console.print(Text(f"{_('错误')} {err['path']}: {err['message']}", style="bold red"))
    return buf.getvalue()

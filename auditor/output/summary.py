"""The table after many scorecards: one row per report, worst first, so a reviewer of a batch
sees at once which reports need attention (``auditor audit -q`` prints only this)."""

from __future__ import annotations

from datetime import date
from typing import Any

from auditor.i18n import _

# 《法治政府建设与责任落实督察工作规定》第二十四条: the report is public before 4月1日 of the
# following year (the same default as `auditor check`'s draft.published_late).
DEADLINE = (4, 1)


def published_late(rep: dict[str, Any], deadline: tuple[int, int] = DEADLINE) -> bool | None:
    """True/False when the publication date and year are known, None otherwise."""
    if not rep.get("published") or not rep.get("year"):
        return None
    try:
        return date.fromisoformat(rep["published"][:10]) >= date(rep["year"] + 1, *deadline)
    except ValueError:
        return None


def key_not_covered(rep: dict[str, Any]) -> list[dict[str, Any]]:
    """Applicable key items without achievement evidence (what `check` fails by default)."""
    return [i for i in rep["items"]
            if i["key"] and i["status"] not in ("covered", "not_applicable")]


def summary_rows(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sorted by score, lowest first (ties: by file), as plain values."""
    rows = [{"path": r["path"], "title": r["title"], "score": r["score"],
             "key_missing": len(key_not_covered(r)), "gaps": len(r["gaps"]),
             "late": published_late(r)} for r in reports]
    return sorted(rows, key=lambda r: (r["score"], r["path"]))


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else _("是") if value else _("否")


def summary_table(reports: list[dict[str, Any]], width: int) -> Any:
    from rich import box  # here: the spreadsheet uses published_late() without rich
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from auditor.output.terminal import wrap_cells

    rows = [(row["path"], row["title"] or _("未识别"), f"{row['score']:.1f}", str(row["key_missing"]),
             str(row["gaps"]), _yes_no(row["late"])) for row in summary_rows(reports)]
    heads = (_("文件"), _("标题"), _("总分"), _("重点未覆盖"), _("自认不足"), _("逾期公开"))
    fixed = [max(cell_len(v) for v in (head, *(r[n] for r in rows))) for n, head in enumerate(heads)][2:]
    # File and title share what the numbers leave; we wrap them ourselves so that a line never
    # breaks inside a year (罗定市…202 / 1年) or a file name, as rich's fold would.
    free = max(width - sum(fixed) - 3 * (len(heads) - 1), 20)  # a gap is 3 cells
    file_w = min(max(cell_len(r[0]) for r in rows) if rows else 0, free // 2) or free // 2
    title_w = free - file_w
    table = Table(title=_("汇总（{n} 份报告，按总分从低到高）").format(n=len(reports)),
                  title_justify="left", title_style="bold", box=box.SIMPLE_HEAD, width=width,
                  show_edge=False, pad_edge=False)
    table.add_column(heads[0], width=file_w, overflow="fold")
    table.add_column(heads[1], width=title_w, overflow="fold")
    table.add_column(heads[2], justify="right", no_wrap=True)
    table.add_column(heads[3], justify="right", no_wrap=True)
    table.add_column(heads[4], justify="right", no_wrap=True)
    table.add_column(heads[5], justify="center", no_wrap=True)
    for path, title, *numbers in rows:
        table.add_row(wrap_cells(Text(path), file_w), wrap_cells(Text(title), title_w), *numbers)
    return table

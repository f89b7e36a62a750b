"""Where a piece of evidence sits, the one way every format says it.

A text file has lines (``L12``); a Word document has paragraphs (``¶12``); a PDF has pages and
lines on them (``p.3``). The reader's location map (Document.meta["locations"], line -> place)
travels in ReportResult.meta, and every formatter shows it through ``location_label`` so the
scorecard, spreadsheet, check output and JSON cannot disagree.
"""

from __future__ import annotations

from typing import Any

LOCATION_KEYS = ("paragraph", "page", "page_line")


def locate(rec: dict[str, Any], locations: dict[int, dict[str, int]] | None) -> dict[str, Any]:
    """``rec`` (with a ``line``) plus paragraph / page + page_line when the reader knows them."""
    line = rec.get("line")
    if locations and line is not None and line in locations:
        rec.update(locations[line])
    return rec


def location_label(rec: dict[str, Any], short: bool = False) -> str:
    """``¶12`` (Word paragraph), ``p.3:12`` (PDF page 3, line 12 of it; ``p.3`` when ``short``),
    ``L12`` (text line)."""
    if rec.get("page"):
        return f"p.{rec['page']}" + (f":{rec['page_line']}" if rec.get("page_line") and not short else "")
    if rec.get("paragraph"):
        return f"¶{rec['paragraph']}"
    return f"L{rec['line']}" if rec.get("line") else ""


def location_cell(rec: dict[str, Any]) -> int | str | None:
    """A spreadsheet cell: the line number for text files (sortable, as before), else the label."""
    if rec.get("page") or rec.get("paragraph"):
        return location_label(rec)
    return rec.get("line")


def source_line(rec: dict[str, Any]) -> int | None:
    """A line number of the file itself, for tools that annotate files by line (GitHub, SARIF):
    None for a .docx, PDF or web page, whose located lines are of the extracted text."""
    if rec.get("page") or rec.get("paragraph"):
        return None
    return rec.get("line")


def with_place(message: str, rec: dict[str, Any]) -> str:
    """The message, led by ¶12 / p.3:12 when the file has no usable line numbers."""
    return f"{location_label(rec)} {message}" if source_line(rec) is None and rec.get("line") else message

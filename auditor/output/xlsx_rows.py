"""Rows of a sheet as the XML XlsxWriter would write for them, rendered before the workbook exists.

Why: XlsxWriter's per-cell code (~6 µs a cell, ~1,250 cells a report) was 70 % of the export
parent's CPU, and at -j2 the parent writes while both workers audit: it became the bottleneck of
the run. A row rendered here is a ``str.format`` template that only lacks what the parent alone
knows: its row number (field ``{0}``) and the workbook's style numbers (field ``{1 + style id}``,
XlsxWriter numbers a style when a cell first uses it). Workers render their reports' rows; the
parent fills in two numbers per row and appends the text to the sheet (xlsx.py), ~20x cheaper.

The XML is XlsxWriter's own for ``write_string``/``write_number``/``write_datetime``/
``write_blank`` in constant_memory mode (inline strings, no spans), character for character:
tests/test_export_xlsx.py writes the same rows both ways and compares the sheets' bytes, so an
XlsxWriter release that writes cells differently fails the tests instead of changing files.
This module imports no XlsxWriter: workers that never write a workbook do not load it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from auditor.output.tables import DATE, INT, PERCENT, SCORE, STATUS, STATUS_COLORS, WRAP, Column

# Every cell style a data row can use, by id (the template field is 1 + id). "text" is the plain
# style of TEXT/NUMBER columns and of a status cell whose value has no fill of its own.
TEXT_STYLE = "text"
STYLES: tuple[str, ...] = (TEXT_STYLE, WRAP, INT, SCORE, PERCENT, DATE, *STATUS_COLORS)
_STYLE_ID = {key: n for n, key in enumerate(STYLES)}
_KIND_STYLE = {kind: _STYLE_ID[kind] for kind in (WRAP, INT, SCORE, PERCENT, DATE)}

# A rendered row: (template, the style ids it uses in cell order). "" for a row without cells,
# which XlsxWriter leaves out of the sheet altogether.
Rendered = tuple[str, tuple[int, ...]]

# XlsxWriter (xmlwriter.py, _escape_control_characters): a literal "_xHHHH_" is escaped first so
# Excel does not decode it, then C0 controls other than tab and newline become "_xHHHH_".
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
# Anything _string_body must change: controls, XlsxWriter's escapes, XML's, str.format's braces.
_SPECIAL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff{}&<>]|_x[0-9a-fA-F]{4}_")
_STRMAX = 32_767  # Excel's cell limit in UTF-16 units; XlsxWriter cuts longer strings there
_EPOCH = datetime(1899, 12, 31)


def column_name(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (XlsxWriter's xl_col_to_name)."""
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


def _cut(text: str) -> str:
    """XlsxWriter's cut of a string over 32,767 UTF-16 units (cells.cell() already keeps values
    under it, with a visible marker; this only keeps the two writers equal for any input)."""
    if len(text) <= _STRMAX // 2:
        return text
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > _STRMAX:
            return text[:index]
    return text


def _string_body(text: str) -> str:
    """What follows ``t="inlineStr">`` for a string cell, braces doubled for str.format."""
    if len(text) > _STRMAX // 2:
        text = _cut(text)
    if _SPECIAL.search(text):  # most report text has nothing to escape: one scan decides
        if "_x" in text:
            text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        text = text.replace("{", "{{").replace("}", "}}")
        if text.startswith("<r>") and text.endswith("</r>"):
            # XlsxWriter writes a value shaped like rich text as it is (not escaped); kept for
            # byte-equality with it.
            return f"<is>{text}</is></c>"
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # xml:space="preserve" when XlsxWriter's ^\s or \s$ matches: the same test as str.isspace
    # (escaped characters are never spaces, and "_x000D_" ends in "_").
    if text[:1].isspace() or text[-1:].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is></c>'
    return f"<is><t>{text}</t></is></c>"


def _excel_date(value: date) -> float:
    """The serial number XlsxWriter writes for datetime(value.year, value.month, value.day)."""
    day = datetime(value.year, value.month, value.day)
    serial = float((day - _EPOCH).days)
    if day.isocalendar() == (1900, 1, 1):  # XlsxWriter's 1900-01-01 special case
        serial -= 1
    return serial + 1 if serial > 59 else serial  # Excel's phantom 1900-02-29


class RowRenderer:
    """Renders rows of one table (its columns fix each cell's letter and style)."""

    def __init__(self, columns: Sequence[Column]) -> None:
        # per column: letter, default style, status?, and the opening of its cells by style
        # (made on first use: a status column has one per fill)
        self._cols = [(column_name(c), _KIND_STYLE.get(col.kind, 0), col.kind == STATUS, {})
                      for c, col in enumerate(columns)]
        self._interned: dict[tuple[int, ...], tuple[int, ...]] = {}

    def render(self, values: Sequence[Any]) -> Rendered:
        """One row, as xlsx._Sheet wrote it through XlsxWriter: None and "" leave the cell out
        (a status cell keeps its style as a blank), numbers, dates, everything else as text."""
        out: list[str] = []
        styles: list[int] = []
        for (letter, style, status, heads), value in zip(self._cols, values, strict=True):
            if status and isinstance(value, str):
                style = _STYLE_ID.get(value, 0)
            head = heads.get(style)
            if head is None:
                head = heads[style] = f'<c r="{letter}{{0}}" s="{{{style + 1}}}"'
            if type(value) is str and value:  # most cells: tested first
                out.append(head + ' t="inlineStr">' + _string_body(value))
            elif value is None or value == "":
                if not status:
                    continue
                out.append(head + "/>")
            elif isinstance(value, (int, float)):
                if not math.isfinite(value):  # XlsxWriter refuses these too (cells.cell() makes them text)
                    raise TypeError("NAN/INF not supported in a cell")
                out.append(f"{head}><v>{value:.16G}</v></c>")
            elif isinstance(value, date):
                out.append(f"{head}><v>{_excel_date(value):.16G}</v></c>")
            else:
                out.append(head + ' t="inlineStr">' + _string_body(value))
            if style not in styles:
                styles.append(style)
        if not out:
            return "", ()
        used = tuple(styles)
        # the same few tuples recur on every row: one object each, which pickle sends once
        used = self._interned.setdefault(used, used)
        return '<row r="{0}">' + "".join(out) + "</row>", used

    def render_all(self, rows: Iterable[Sequence[Any]]) -> list[Rendered]:
        return [self.render(values) for values in rows]

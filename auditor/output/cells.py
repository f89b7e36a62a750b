"""Make any value safe to put in a spreadsheet cell, for xlsx and CSV alike.

Report text is untrusted data: it comes from PDFs and web pages of thousands of issuers. Three
things can go wrong when it lands in a cell, and each is handled here once so that the xlsx and
CSV writers cannot disagree:

- formula injection (OWASP "CSV injection"): a value starting with ``= + - @``, tab or carriage
  return may be run as a formula by Excel or LibreOffice when the file is opened or re-saved as
  CSV. We prefix a literal apostrophe, which both programs display as text, and which survives a
  round trip through CSV (a cell-style "quote prefix" would not);
- control characters, common in PDF extraction, are illegal in XML 1.0: openpyxl refuses them and
  Excel reports the file as corrupt. They are dropped (tab and newline are kept inside the text);
- Excel keeps at most 32,767 characters (UTF-16 code units) per cell and silently drops longer
  values; we cut them with a visible marker so a reviewer knows the text is incomplete.

Numbers stay numbers (no prefix, no quoting) so that sorting and filtering work.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

# Excel and LibreOffice start a formula with these; OWASP adds tab and carriage return.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
MAX_CELL = 32_767  # Excel limit, in UTF-16 code units
CUT_MARKER = "…[截断]"

# XML 1.0 forbids C0 controls except tab/LF/CR, lone surrogates and U+FFFE/U+FFFF. We also drop
# DEL and C1 controls: legal XML but invisible garbage from PDF extraction, and they trip some
# Excel versions.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Drop characters an XML spreadsheet cannot hold."""
    return _ILLEGAL.sub("", text)


def neutralise(text: str) -> str:
    """Prefix an apostrophe when the text could be taken as a formula."""
    return QUOTE + text if text.startswith(FORMULA_TRIGGERS) else text


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def truncate(text: str, limit: int = MAX_CELL) -> str:
    """Cut to Excel's per-cell limit, ending with a marker that says so."""
    if len(text) <= limit // 2 or _utf16_len(text) <= limit:
        return text
    budget = limit - len(CUT_MARKER)
    out: list[str] = []
    used = 0
    for ch in text:
        width = 2 if ord(ch) > 0xFFFF else 1
        if used + width > budget:
            break
        out.append(ch)
        used += width
    return "".join(out) + CUT_MARKER


def cell(value: Any) -> str | int | float | date | None:
    """Any record value -> a value both writers can store as-is.

    ``None`` stays empty, bool becomes 是/否 (a reviewer filters on words, not TRUE/FALSE),
    int/float are kept as numbers, everything else is sanitised text.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)  # xlsx cannot store NaN/inf
    if isinstance(value, date):
        return value  # a real date: xlsx stores a date cell, CSV writes it as YYYY-MM-DD
    text = value if isinstance(value, str) else str(value)
    return truncate(neutralise(clean_text(text)))

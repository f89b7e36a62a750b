"""`auditor check DRAFT --previous LAST_YEAR`: the draft against last year's report.

The comparison itself is auditor.comparing's (the same as `auditor compare`); this module only
turns it into the ``draft.reused`` finding and the short ``previous`` record the check outputs
print (reused share, key items gained and lost).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.checking.findings import Finding
from auditor.comparing import Boilerplate, diff_results, find_reuse, load_boilerplate, units
from auditor.comparing.diff import GAINED, LOST, PLANNED_DONE
from auditor.comparing.units import Unit
from auditor.i18n import _
from auditor.model import ReportResult
from auditor.reading.document import Document


@dataclass(frozen=True)
class Previous:
    path: str
    result: ReportResult
    units: tuple[Unit, ...]
    text: str
    boiler: Boilerplate


def load_previous(path: str, pack: Any, level: str | None = None) -> Previous:
    """Read and audit last year's report once for the whole run; an unreadable file is an
    AuditorError (one line, exit 2) before any draft is checked."""
    from auditor.comparisons import read_and_audit

    doc, result = read_and_audit(path, pack, level)
    return Previous(path, result, tuple(units(doc)), doc.text, load_boilerplate(pack.path or None))


def compare_previous(prev: Previous, doc: Document, result: ReportResult) -> dict[str, Any]:
    """The ``previous`` record of a checked report."""
    if doc.text == prev.text:
        reuse = find_reuse(list(prev.units), units(doc))
        share, passages = 1.0, reuse.passages
    else:
        reuse = find_reuse(list(prev.units), units(doc), prev.boiler)
        share, passages = reuse.share, reuse.passages
    diff = diff_results(prev.result, result)
    key = [c for c in diff.items if c.key]
    return {
        "path": prev.path, "year": prev.result.year, "score": prev.result.score,
        "reused": {"share": share, "passages": len(passages),
                   "first_line": passages[0].new_line if passages else None,
                   "first_text": passages[0].text if passages else ""},
        "key_gained": [c.id for c in key if c.change in (GAINED, PLANNED_DONE)],
        "key_lost": [c.id for c in key if c.change == LOST],
        "planned_done": [c.id for c in diff.items if c.change == PLANNED_DONE],
        "promises": [c.id for c in diff.promises],
    }


def reused_finding(prev: dict[str, Any], threshold: float, path: str) -> list[Finding]:
    reused = prev["reused"]
    if reused["share"] <= threshold or not reused["passages"]:
        return []
    message = _("与上年报告（{prev}）重复的文字占{share:.0%}（{n}段），超过{limit:.0%}").format(
        prev=prev["path"], share=reused["share"], n=reused["passages"], limit=threshold)
    # The fingerprint text is the first reused passage, not the share: a baseline then survives
    # a draft that repeats a little more or less.
    return [Finding("draft.reused", "warning", message, reused["first_line"], path, "",
                    reused["first_text"][:80])]

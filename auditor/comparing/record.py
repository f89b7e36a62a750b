"""The compare result as a plain dict: the versioned JSON object every compare formatter reads."""

from __future__ import annotations

from typing import Any

from auditor import __version__
from auditor.comparing.boilerplate import Boilerplate
from auditor.comparing.diff import diff_results
from auditor.comparing.reuse import Passage, Reuse, find_reuse
from auditor.comparing.units import total_chars, units
from auditor.i18n import _
from auditor.model import ReportResult
from auditor.reading.document import Document

COMPARE_SCHEMA = "compare-1.0"


def passage_record(p: Passage) -> dict[str, Any]:
    return {"old_line": p.old_line, "new_line": p.new_line, "old_end": p.old_end, "new_end": p.new_end,
            "chars": p.chars, "score": p.score, "text": p.text}


def _side(res: ReportResult) -> dict[str, Any]:
    return {"path": res.path, "title": res.title, "issuer": res.issuer, "year": res.year,
            "score": res.score}


def reuse_between(old: Document, new: Document, boiler: Boilerplate) -> tuple[Reuse, bool]:
    """(reuse, same): the same text twice is total reuse by definition, boilerplate and all."""
    new_units = units(new)
    if old.text == new.text:
        chars = total_chars(new_units)
        whole = find_reuse(units(old), new_units, Boilerplate())
        return Reuse(1.0, chars, chars, whole.passages), True
    return find_reuse(units(old), new_units, boiler), False


def compare_record(old_doc: Document, old: ReportResult, new_doc: Document, new: ReportResult,
                   boiler: Boilerplate, same_path: bool = False) -> dict[str, Any]:
    reuse, same_text = reuse_between(old_doc, new_doc, boiler)
    diff = diff_results(old, new)
    notes = []
    if same_path or same_text:
        notes.append(_("新旧报告是同一份文本：重复率按100%计"))
    if old.issuer and new.issuer and old.issuer != new.issuer:
        notes.append(_("两份报告的发布单位不同：{old} / {new}").format(old=old.issuer, new=new.issuer))
    if old.year and new.year and new.year <= old.year and not (same_path or same_text):
        notes.append(_("新报告的年度（{new}）不晚于旧报告（{old}）").format(new=new.year, old=old.year))
    return {
        "schema": COMPARE_SCHEMA,
        "tool": {"name": "auditor", "version": __version__},
        "old": _side(old), "new": _side(new),
        "same": same_path or same_text,
        "notes": notes,
        "score": {"old": diff.score_old, "new": diff.score_new,
                  "delta": round(diff.score_new - diff.score_old, 1)},
        "items": [{"id": c.id, "title": c.title, "key": c.key, "old": c.old, "new": c.new,
                   "old_score": c.old_score, "new_score": c.new_score, "delta": c.delta,
                   "change": c.change} for c in diff.items],
        "structure": {"gained": list(diff.parts_gained), "lost": list(diff.parts_lost)},
        "promises": [{"id": c.id, "title": c.title, "key": c.key, "old": c.old, "new": c.new}
                     for c in diff.promises],
        "reused": {"share": reuse.share, "chars": reuse.chars, "total": reuse.total,
                   "passages": [passage_record(p) for p in reuse.passages]},
    }

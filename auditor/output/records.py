"""The one view every formatter reads: ReportResult -> plain dicts of the JSON contract.

Formatters (terminal, json, sarif, xlsx, …) take these records and never look at matcher
internals, so the JSON contract and the spreadsheet cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from auditor import __version__
from auditor.model import Evidence, ItemResult, ReportError, ReportResult

JSON_SCHEMA_VERSION = "1.0"


def evidence_record(ev: Evidence) -> dict[str, Any]:
    rec: dict[str, Any] = {"line": ev.line, "kind": ev.kind, "section": ev.section,
                           "text": ev.text, "score": ev.score, "offset": ev.offset}
    if ev.facet:
        rec["facet"] = ev.facet
    return rec


def item_record(item: ItemResult) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": item.id, "title": item.title, "area": item.area, "key": item.key,
        "weight": item.weight, "status": item.status, "gap_admitted": item.gap_admitted,
        "score": item.score, "evidence": [evidence_record(e) for e in item.evidence],
    }
    if item.facets_all:
        rec["facets"] = {f: (f in item.facets_found) for f in item.facets_all}
    if item.waived is not None:
        rec["waived"] = item.waived
    return rec


def text_record(rep: ReportResult) -> dict[str, Any]:
    """The text as written, for views that show it: (location, text) lines, whether it is
    written in traditional characters, and which lines are page chrome."""
    return {"lines": [list(pair) for pair in rep.meta["lines"]],
            "traditional": bool(rep.meta.get("traditional")),
            "chrome_lines": list(rep.meta.get("chrome_lines", ())),
            "title_lines": list(rep.meta.get("title_lines", ()))}


def report_record(rep: ReportResult) -> dict[str, Any]:
    return {
        "path": rep.path, "title": rep.title, "issuer": rep.issuer, "year": rep.year,
        "published": rep.published, "level": rep.level, "chars": rep.chars, "score": rep.score,
        "structure": [{"id": s.id, "present": s.present, "line": s.line, "heading": s.heading}
                      for s in rep.structure],
        "items": [item_record(i) for i in rep.items],
        "gaps": [{"line": g.line, "text": g.text, "items": list(g.items)} for g in rep.gaps],
        **({"findings": rep.meta["findings"]} if "findings" in rep.meta else {}),
        # Only when the audit was asked to keep the text (the HTML view): not part of the JSON
        # contract, which `--format json` never asks for (docs/html.md).
        **({"text": text_record(rep)} if "lines" in rep.meta else {}),
    }


def records(reports: list[ReportResult], errors: list[ReportError], pack_id: str,
            pack_items: int) -> dict[str, Any]:
    """The full JSON document (schema version in ``schema``)."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "pack": {"id": pack_id, "items": pack_items},
        "reports": [report_record(r) for r in reports],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
    }

"""The one view every formatter reads: ReportResult -> plain dicts of the JSON contract.

Formatters (terminal, json, sarif, xlsx, …) take these records and never look at matcher
internals, so the JSON contract and the spreadsheet cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from auditor import __version__
from auditor.model import Evidence, ItemResult, ReportError, ReportResult

JSON_SCHEMA_VERSION = "2.0"


def evidence_record(ev: Evidence) -> dict[str, Any]:
    rec: dict[str, Any] = {"line": ev.line, "kind": ev.kind, "section": ev.section,
                           "text": ev.text, "score": ev.score, "offset": ev.offset,
                           "length": ev.length, "concrete": ev.concrete}
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


def report_record(rep: ReportResult) -> dict[str, Any]:
    return {
        "path": rep.path, "title": rep.title, "issuer": rep.issuer, "year": rep.year,
        "published": rep.published, "level": rep.level, "chars": rep.chars, "score": rep.score,
        "substance": rep.substance,
        "structure": [{"id": s.id, "present": s.present, "line": s.line, "heading": s.heading}
                      for s in rep.structure],
        "items": [item_record(i) for i in rep.items],
        "gaps": [{"line": g.line, "text": g.text, "items": list(g.items)} for g in rep.gaps],
        **({"findings": rep.meta["findings"]} if "findings" in rep.meta else {}),
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

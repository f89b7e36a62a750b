"""The one view every formatter reads: ReportResult -> plain dicts of the JSON contract.

Formatters (terminal, json, sarif, xlsx, …) take these records and never look at matcher
internals, so the JSON contract and the spreadsheet cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from auditor import __version__
from auditor.model import Evidence, ItemResult, ReportError, ReportResult
from auditor.output.location import locate

JSON_SCHEMA_VERSION = "2.0"


def evidence_record(ev: Evidence, locations: dict[int, dict[str, int]] | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"line": ev.line, "kind": ev.kind, "section": ev.section,
                           "text": ev.text, "score": ev.score, "offset": ev.offset,
                           "length": ev.length, "concrete": ev.concrete}
    if ev.facet:
        rec["facet"] = ev.facet
    return locate(rec, locations)


def item_record(item: ItemResult, locations: dict[int, dict[str, int]] | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": item.id, "title": item.title, "area": item.area, "key": item.key,
        "weight": item.weight, "status": item.status, "gap_admitted": item.gap_admitted,
        "score": item.score, "evidence": [evidence_record(e, locations) for e in item.evidence],
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
            "title_lines": list(rep.meta.get("title_lines", ())),
            # line -> paragraph / page place, for readers that know one (.docx, .pdf)
            "locations": {str(k): v for k, v in (rep.meta.get("locations") or {}).items()}}


def report_record(rep: ReportResult) -> dict[str, Any]:
    locs = rep.meta.get("locations")
    return {
        "path": rep.path, "title": rep.title, "issuer": rep.issuer, "year": rep.year,
        "published": rep.published, "level": rep.level, "chars": rep.chars, "score": rep.score,
        "substance": rep.substance,
        "structure": [locate({"id": s.id, "present": s.present, "line": s.line, "heading": s.heading}, locs)
                      for s in rep.structure],
        "items": [item_record(i, locs) for i in rep.items],
        "gaps": [locate({"line": g.line, "text": g.text, "items": list(g.items)}, locs) for g in rep.gaps],
        "warnings": [warning_record(w, rep) for w in rep.warnings],
        **({"findings": [locate(f, locs) for f in rep.meta["findings"]]} if "findings" in rep.meta else {}),
        **({"format": rep.meta["format"]} if rep.meta.get("format", "text") != "text" else {}),
        **({"notices": list(rep.meta["notices"])} if rep.meta.get("notices") else {}),
        # Only when the audit was asked to keep the text (the HTML view): not part of the JSON
        # contract, which `--format json` never asks for (docs/html.md).
        **({"text": text_record(rep)} if "lines" in rep.meta else {}),
    }


def pack_record(pack_id: str, pack_items: int, pack: Any = None) -> dict[str, Any]:
    """The packs in force: id and version of the pack, of every pack it extends (parent first),
    and the items switched off along the way (they appear nowhere else in the output)."""
    info_of = getattr(pack, "info", None)
    info = info_of() if info_of else {"id": pack_id, "version": "", "extends": [], "disabled": []}
    return {**info, "items": pack_items}


def pack_label(info: dict[str, Any]) -> str:
    """The packs in force for people, child first: ``dept v1 ← gangyao-2021-2025 v1``."""
    chain = [info, *info.get("extends", [])]
    return " ← ".join(f"{p['id']} v{p['version']}" if p.get("version") else p["id"] for p in chain)


def for_people(doc: dict[str, Any]) -> dict[str, Any]:
    """A records() document, one report record or a compare record with the pack's words (item
    titles, areas) in the interface language, for the formats people read. The JSON keeps the
    pack's own words: a script reading it never sees them change with the locale (ids never do)."""
    from auditor.i18n import language

    if language() == "zh":
        return doc
    out = dict(doc)
    for key in ("items", "promises", "rules"):
        if isinstance(doc.get(key), list):
            out[key] = [_item_for_people(i) for i in doc[key]]
    if isinstance(doc.get("reports"), list):
        out["reports"] = [for_people(r) for r in doc["reports"]]
    return out


def _item_for_people(item: Any) -> Any:
    from auditor.labels import pack_text

    if not isinstance(item, dict) or "title" not in item:
        return item
    return {**item, "title": pack_text(item["title"]),
            **({"area": pack_text(item["area"])} if isinstance(item.get("area"), str) else {})}


def warning_record(warning_id: str, rep: ReportResult) -> dict[str, Any]:
    from auditor.plausibility import warning_message

    why = list(rep.meta.get(warning_id, ()))
    return {"id": warning_id, "reasons": why, "message": warning_message(warning_id, why)}


def records(reports: list[ReportResult], errors: list[ReportError], pack_id: str,
            pack_items: int, *, pack: Any = None) -> dict[str, Any]:
    """The full JSON document (schema version in ``schema``); ``pack`` (a packs.Pack) adds its
    version and `extends` chain to the ``pack`` object."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "pack": pack_record(pack_id, pack_items, pack),
        "reports": [report_record(r) for r in reports],
        "errors": [{"path": e.path, "message": e.message} for e in errors],
    }

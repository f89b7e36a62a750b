"""Compiler-style lines, ``path:line: severity id message``, so editors and CI logs link to the line."""

from __future__ import annotations

from typing import Any

from auditor.i18n import _
from auditor.output.location import location_label
from auditor.output.records import pack_label


def _where(path: str, f: dict[str, Any]) -> str:
    """``path:12`` for text files (editors jump there); ``path:¶12`` / ``path:p.3:12`` otherwise."""
    if f.get("paragraph") or f.get("page"):
        return f"{path}:{location_label(f)}"
    return f"{path}:{f['line']}" if f.get("line") else path


def finding_line(path: str, f: dict[str, Any]) -> str:
    severity = "waived" if f.get("waived") is not None else f["severity"]
    text = f"{_where(path, f)}: {severity} {f['id']} {f['message']}"
    if f.get("waived") is not None:
        text += f" [豁免: {f['waived']}]"
    return text


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(rep: dict[str, Any]) -> str:
    counts = rep.get("check", {}).get("counts", {})
    verdict = "PASS" if rep.get("passed", True) else "FAIL"
    parts = [_n(counts.get("error", 0), "error"), _n(counts.get("warning", 0), "warning")]
    if counts.get("note"):
        parts.append(_n(counts["note"], "note"))
    if counts.get("waived"):
        parts.append(f"{counts['waived']} waived")
    if counts.get("baselined"):
        parts.append(f"{counts['baselined']} in baseline")
    return f"{rep['path']}: {verdict} score {rep['score']:g} ({', '.join(parts)})"


def render(doc: dict[str, Any], **_opts: Any) -> str:
    out: list[str] = []
    for rep in doc["reports"]:
        out.extend(finding_line(rep["path"], f) for f in rep.get("findings", []) if not f.get("baselined"))
        out.append(summary_line(rep))
    for err in doc["errors"]:
        out.append(f"{err['path']}: error input {err['message']}")
    failed = sum(not r.get("passed", True) for r in doc["reports"])
    total = len(doc["reports"]) + len(doc["errors"])
    tail = f"; {len(doc['errors'])} unreadable" if doc["errors"] else ""
    if doc.get("pack", {}).get("id"):  # which packs judged the reports
        tail += _("; 规则包 {label}").format(label=pack_label(doc["pack"]))
    out.append(f"auditor: {_n(total, 'report')} checked, {failed} failed{tail}")
    return "\n".join(out) + "\n"

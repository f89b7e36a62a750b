"""Compiler-style lines, ``path:line: severity id message``, so editors and CI logs link to the line."""

from __future__ import annotations

from typing import Any


def _where(path: str, line: int | None) -> str:
    return f"{path}:{line}" if line else path


def finding_line(path: str, f: dict[str, Any]) -> str:
    severity = "waived" if f.get("waived") is not None else f["severity"]
    text = f"{_where(path, f.get('line'))}: {severity} {f['id']} {f['message']}"
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


def previous_lines(rep: dict[str, Any]) -> list[str]:
    """`check --previous`: what the draft gained and lost against last year, key items only."""
    from auditor.i18n import _

    prev = rep.get("previous")
    if not prev:
        return []
    titles = {i["id"]: i["title"] for i in rep.get("items", [])}

    def names(ids: list[str]) -> str:
        return "、".join(titles.get(i, i) for i in ids) or _("无")

    line = _("与上年报告相比：重复文字{share:.0%}；重点事项新增：{gained}；丢失：{lost}").format(
        share=prev["reused"]["share"], gained=names(prev["key_gained"]), lost=names(prev["key_lost"]))
    return [f"{rep['path']}: {line}"]


def render(doc: dict[str, Any], **_: Any) -> str:
    out: list[str] = []
    for rep in doc["reports"]:
        out.extend(finding_line(rep["path"], f) for f in rep.get("findings", []) if not f.get("baselined"))
        out.extend(previous_lines(rep))
        out.append(summary_line(rep))
    for err in doc["errors"]:
        out.append(f"{err['path']}: error input {err['message']}")
    failed = sum(not r.get("passed", True) for r in doc["reports"])
    total = len(doc["reports"]) + len(doc["errors"])
    tail = f"; {len(doc['errors'])} unreadable" if doc["errors"] else ""
    out.append(f"auditor: {_n(total, 'report')} checked, {failed} failed{tail}")
    return "\n".join(out) + "\n"

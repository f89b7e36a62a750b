"""Compiler-style lines, ``path:line: severity id message``, so editors and CI logs link to the line."""

from __future__ import annotations

from typing import Any

from auditor.i18n import _, ngettext
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
        text += _(" [豁免：{reason}]").format(reason=f["waived"])
    return text


def summary_line(rep: dict[str, Any]) -> str:
    counts = rep.get("check", {}).get("counts", {})
    verdict = _("通过") if rep.get("passed", True) else _("不通过")
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    parts = [ngettext("{n} 个错误", "{n} 个错误", errors).format(n=errors),
             ngettext("{n} 个警告", "{n} 个警告", warnings).format(n=warnings)]
    if counts.get("note"):
        parts.append(ngettext("{n} 个提示", "{n} 个提示", counts["note"]).format(n=counts["note"]))
    if counts.get("waived"):
        parts.append(_("{n} 个已豁免").format(n=counts["waived"]))
    if counts.get("baselined"):
        parts.append(_("{n} 个在基线中").format(n=counts["baselined"]))
    return _("{path}: {verdict} 总分 {score}（{parts}）").format(
        path=rep["path"], verdict=verdict, score=f"{rep['score']:g}", parts=_("，").join(parts))


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


def render(doc: dict[str, Any], quiet: bool = False, **_opts: Any) -> str:
    """Findings, then one verdict line per report (``quiet``: findings only), then the total."""
    out: list[str] = []
    for rep in doc["reports"]:
        out.extend(finding_line(rep["path"], f) for f in rep.get("findings", []) if not f.get("baselined"))
        out.extend(previous_lines(rep))
        if not quiet:
            out.append(summary_line(rep))
    for err in doc["errors"]:
        out.append(_("{path}: 输入错误 {message}").format(path=err["path"], message=err["message"]))
    failed = sum(not r.get("passed", True) for r in doc["reports"])
    total = len(doc["reports"]) + len(doc["errors"])
    line = "auditor: " + ngettext(
        "已检查 {n} 份报告，{failed} 份不通过", "已检查 {n} 份报告，{failed} 份不通过", total,
    ).format(n=total, failed=failed)
    if doc["errors"]:
        line += _("；{n} 份无法读取").format(n=len(doc["errors"]))
    if doc.get("pack", {}).get("id"):  # which packs judged the reports
        line += _("；规则包 {label}").format(label=pack_label(doc["pack"]))
    out.append(line)
    return "\n".join(out) + "\n"

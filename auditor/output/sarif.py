"""SARIF 2.1.0, the format code-scanning dashboards (GitHub, Azure DevOps, IDEs) import.

Rules are the finding catalogue plus the pack's items and the mandated parts, so a missing item
shows under its own id (``enforce.full_record``) rather than one generic rule. Waived findings
stay in the log with a suppression carrying the reason; baselined ones are left out.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.checking.findings import CATALOG, PART_NAMES
from auditor.output.location import source_line, with_place

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def _uri(path: str) -> str:
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix())
    return quote(p.as_posix())


def _rule_id(f: dict[str, Any]) -> str:
    return f["item"] if f["id"] in ("item.missing", "structure.missing") and f.get("item") else f["id"]


def _rules(doc: dict[str, Any]) -> list[dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {}
    for fid, (sev, title, meaning) in CATALOG.items():
        rules[fid] = {"id": fid, "name": fid.replace(".", "_"), "shortDescription": {"text": title},
                      "fullDescription": {"text": meaning}, "defaultConfiguration": {"level": _LEVEL[sev]}}
    for pid, title in PART_NAMES.items():
        rules[pid] = {"id": pid, "shortDescription": {"text": f"法定报告内容：{title}"},
                      "defaultConfiguration": {"level": "error"}}
    for rep in doc["reports"]:
        for item in rep.get("items", []):
            rules.setdefault(item["id"], {
                "id": item["id"], "shortDescription": {"text": item["title"]},
                "fullDescription": {"text": f"{item['area']}：{item['title']}"},
                "defaultConfiguration": {"level": "error" if item.get("key") else "warning"},
                "properties": {"key": bool(item.get("key")), "weight": item.get("weight")}})
    return list(rules.values())


def _result(rep: dict[str, Any], f: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(rep["path"])}}
    if source_line(f):  # a .docx/PDF/web page: no line of the file itself; the message says ¶/p.
        location["region"] = {"startLine": int(source_line(f))}
    rid = _rule_id(f)
    res: dict[str, Any] = {
        "ruleId": rid, "level": "error" if f.get("fails") else _LEVEL.get(f["severity"], "warning"),
        "message": {"text": with_place(f["message"], f)}, "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"auditorFingerprint/v1": f["fingerprint"]},
        "properties": {"findingId": f["id"], "severity": f["severity"]},
    }
    if rid in index:
        res["ruleIndex"] = index[rid]
    if f.get("waived") is not None:
        res["suppressions"] = [{"kind": "inSource" if f["id"] != "item.missing" else "external",
                                "status": "accepted", "justification": f["waived"]}]
    return res


def _pack_components(info: dict[str, Any]) -> list[dict[str, Any]]:
    """The rule packs in force as SARIF tool extensions (toolComponent: name + version), the
    pack itself first, then each pack it extends."""
    chain = [info, *info.get("extends", [])] if info.get("id") else []
    out = []
    for n, p in enumerate(chain):
        comp: dict[str, Any] = {"name": p["id"], "properties": {"role": "pack" if n == 0 else "extended"}}
        if p.get("version"):
            comp["version"] = p["version"]
        if n == 0 and info.get("disabled"):
            comp["properties"]["disabled"] = list(info["disabled"])
        out.append(comp)
    return out


def sarif_log(doc: dict[str, Any]) -> dict[str, Any]:
    rules = _rules(doc)
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(rep, f, index) for rep in doc["reports"] for f in rep.get("findings", [])
               if not f.get("baselined")]
    notes = [{"level": "error", "message": {"text": e["message"]},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e["path"])}}}]}
             for e in doc["errors"]]
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{
            # No informationUri: the tool has no public web home, and SARIF viewers show a link
            # that leads nowhere as an error; the docs ship with it (`auditor docs check`).
            "tool": {"driver": {"name": "auditor", "version": __version__, "semanticVersion": __version__,
                                "rules": rules},
                     "extensions": _pack_components(doc.get("pack") or {})},
            "invocations": [{"executionSuccessful": not doc["errors"],
                             "toolExecutionNotifications": notes}],
            "results": results,
            "properties": {"pack": doc.get("pack", {}), "passed": doc.get("passed")},
        }],
    }


def render(doc: dict[str, Any], **_: Any) -> str:
    return json.dumps(sarif_log(doc), ensure_ascii=False, indent=2) + "\n"

"""JUnit XML: one test case per report x check, the shape CI dashboards (Jenkins, GitLab) chart.

A check with a failing finding is a ``failure``; a check whose findings were all waived is
``skipped`` with the reason; an unreadable report is an ``error``; findings that do not fail
(warnings under ``fail_on: error``) are kept in ``system-out`` so nothing is dropped.

Messages quote the draft (waiver reasons, placeholders) and paths the user chose; ElementTree
escapes ``<&>`` but writes control characters as they are, which XML 1.0 forbids and every
JUnit reader then rejects, so they are removed (cells.clean_text, as in the spreadsheet).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePath
from typing import Any

from auditor.checking.run import check_name
from auditor.output.cells import clean_text
from auditor.output.records import pack_label
from auditor.output.text import finding_line


def _clean(root: ET.Element) -> None:
    """Strip characters XML 1.0 cannot hold from every attribute and text of the tree."""
    for el in root.iter():
        el.attrib.update({k: clean_text(v) for k, v in el.attrib.items()})
        if el.text:
            el.text = clean_text(el.text)


def _suite(rep: dict[str, Any]) -> ET.Element:
    suite = ET.Element("testsuite", name=rep["path"])
    by_check: dict[str, list[dict[str, Any]]] = {}
    for f in rep.get("findings", []):
        if not f.get("baselined"):
            by_check.setdefault(check_name(f), []).append(f)
    names = list(dict.fromkeys([*rep.get("check", {}).get("checks", []), *by_check]))
    counts = {"tests": 0, "failures": 0, "skipped": 0}
    stem = PurePath(rep["path"]).stem
    for name in names:
        case = ET.SubElement(suite, "testcase", classname=f"auditor.check.{stem}", name=name,
                             file=rep["path"])
        found = by_check.get(name, [])
        failing = [f for f in found if f.get("fails")]
        waived = [f for f in found if f.get("waived") is not None]
        lines = [finding_line(rep["path"], f) for f in found]
        counts["tests"] += 1
        if failing:
            counts["failures"] += 1
            el = ET.SubElement(case, "failure", message=failing[0]["message"], type=failing[0]["id"])
            el.text = "\n".join(lines)
        elif waived and len(waived) == len(found):
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=f"waived: {waived[0]['waived']}")
        elif found:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("errors", "0")
    return suite


def render(doc: dict[str, Any], **_: Any) -> str:
    root = ET.Element("testsuites", name="auditor check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    pack = pack_label(doc["pack"]) if doc.get("pack", {}).get("id") else ""
    for rep in doc["reports"]:
        suite = _suite(rep)
        if pack:  # which packs judged the report; JUnit wants properties first in a suite
            props = ET.Element("properties")
            ET.SubElement(props, "property", name="auditor.pack", value=pack)
            suite.insert(0, props)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for err in doc["errors"]:
        suite = ET.SubElement(root, "testsuite", name=err["path"], tests="1", failures="0", errors="1",
                              skipped="0")
        case = ET.SubElement(suite, "testcase", classname="auditor.check", name="read", file=err["path"])
        ET.SubElement(case, "error", message=err["message"], type="unreadable")
        totals["tests"] += 1
        totals["errors"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    _clean(root)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"

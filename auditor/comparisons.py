"""Orchestration of the comparing room: read and audit the files, then hand Documents and
ReportResults to auditor.comparing (which never reads a file itself)."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from auditor.errors import AuditorError
from auditor.model import ReportResult
from auditor.reading.document import Document


def read_and_audit(path: str, pack: Any, level: str | None = None) -> tuple[Document, ReportResult]:
    """One report, or an AuditorError naming it (the CLI prints it as one line, exit 2)."""
    from auditor.pipeline import audit_document
    from auditor.reading import read_path

    try:
        doc = read_path(path, level=level)
    except (OSError, UnicodeError, ValueError) as exc:
        raise AuditorError(f"cannot read: {exc}", path=path) from None
    if level:
        doc = dataclasses.replace(doc, level=level, level_sure=True)
    return doc, audit_document(doc, pack)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


def compare_paths(old: str, new: str, pack_path: str | None = None,
                  level: str | None = None) -> dict[str, Any]:
    """`auditor compare OLD NEW`: the compare record (docs/compare.md)."""
    from auditor.comparing import load_boilerplate
    from auditor.comparing.record import compare_record
    from auditor.packs import load_pack

    pack = load_pack(pack_path)
    boiler = load_boilerplate(pack.path or None)
    old_doc, old_res = read_and_audit(old, pack, level)
    new_doc, new_res = read_and_audit(new, pack, level)
    return compare_record(old_doc, old_res, new_doc, new_res, boiler, same_path=_same_file(old, new))

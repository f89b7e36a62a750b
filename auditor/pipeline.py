"""Paths -> ReportResults: read, match, score. One bad report never stops the others."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from auditor.errors import AuditorError
from auditor.i18n import _
from auditor.matching import match_document
from auditor.model import ReportError, ReportResult
from auditor.packs.spec import Pack
from auditor.reading import check_structure, read_path
from auditor.reading.document import Document
from auditor.scoring import score_report


def audit_document(doc: Document, pack: Pack) -> ReportResult:
    from auditor.plausibility import NOT_A_REPORT, reasons

    result = score_report(doc, pack, match_document(doc, pack), check_structure(doc))
    why = reasons(doc, result)
    if why:
        result.meta["not_a_report"] = why
        result = dataclasses.replace(result, warnings=(*result.warnings, NOT_A_REPORT))
    if doc.meta.get("title_guessed"):  # shown as 未识别, never as the file name
        result = dataclasses.replace(result, title="")
    return result


def audit_path(path: str, pack: Pack, level: str | None = None,
               findings: bool = False) -> ReportResult | ReportError:
    """Audit one file; any failure to read it becomes a ReportError, never an exception.

    ``findings`` also runs the draft checks of `auditor check`: their records go in
    ``meta["findings"]`` and waived items are marked (the spreadsheet counts and shows both)."""
    try:
        doc = read_path(path, level=level)
    except AuditorError as exc:
        return ReportError(path, exc.message)
    except (OSError, UnicodeError, ValueError) as exc:  # defensive: unreadable in a way we missed
        return ReportError(path, _("无法读取：{error}").format(error=exc))
    if level:
        doc = dataclasses.replace(doc, level=level, level_sure=True)
    result = audit_document(doc, pack)
    if findings:
        from auditor.checking.run import with_findings

        try:
            result = with_findings(doc, result)
        except AuditorError as exc:  # a bad .auditor.yaml near this report
            return ReportError(path, str(exc))
    return result


def audit_paths(paths: Iterable[str], pack: Pack,
                level: str | None = None) -> tuple[list[ReportResult], list[ReportError]]:
    reports: list[ReportResult] = []
    errors: list[ReportError] = []
    for path in paths:
        result = audit_path(path, pack, level)
        (errors if isinstance(result, ReportError) else reports).append(result)
    return reports, errors

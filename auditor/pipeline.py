"""Paths -> ReportResults: read, match, score. One bad report never stops the others."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from auditor.errors import AuditorError
from auditor.matching import match_document
from auditor.model import ReportError, ReportResult
from auditor.packs.spec import Pack
from auditor.reading import check_structure, read_path
from auditor.reading.document import Document
from auditor.scoring import score_report


def audit_document(doc: Document, pack: Pack) -> ReportResult:
    return score_report(doc, pack, match_document(doc, pack), check_structure(doc))


def audit_path(path: str, pack: Pack, level: str | None = None, findings: bool = False,
               post: Callable[[Document, ReportResult], ReportResult] | None = None
               ) -> ReportResult | ReportError:
    """Audit one file; any failure to read it becomes a ReportError, never an exception.

    ``findings`` also runs the draft checks of `auditor check`: their records go in
    ``meta["findings"]`` and waived items are marked (the spreadsheet counts and shows both)."""
    try:
        doc = read_path(path, level=level)
    except AuditorError as exc:
        return ReportError(path, exc.message)
    except (OSError, UnicodeError, ValueError) as exc:  # defensive: unreadable in a way we missed
        return ReportError(path, f"cannot read: {exc}")
    if level:
        doc = dataclasses.replace(doc, level=level, level_sure=True)
    result = audit_document(doc, pack)
    if findings:
        from auditor.checking.run import with_findings

        try:
            result = with_findings(doc, result)
        except AuditorError as exc:  # a bad .auditor.yaml near this report
            return ReportError(path, str(exc))
    if post is not None:  # batch post-step (batch.Job.post): runs where the Document is
        result = post(doc, result)
    return result


def audit_paths(paths: Iterable[str], pack: Pack,
                level: str | None = None) -> tuple[list[ReportResult], list[ReportError]]:
    reports: list[ReportResult] = []
    errors: list[ReportError] = []
    for path in paths:
        result = audit_path(path, pack, level)
        (errors if isinstance(result, ReportError) else reports).append(result)
    return reports, errors

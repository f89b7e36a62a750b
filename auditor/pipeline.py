"""Paths -> ReportResults: read, match, score. One bad report never stops the others.

This is the core audit: it knows nothing of `auditor check` or of any output format. A caller
that wants more per report (export adds the check's findings) passes a ``post`` step, so the
dependency points from checking/ to here and never back (tests/test_layering.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from auditor.errors import AuditorError
from auditor.i18n import _
from auditor.matching import match_document
from auditor.model import ReportError, ReportResult
from auditor.packs.spec import Pack
from auditor.plausibility import NOT_A_REPORT, reasons
from auditor.reading import check_structure, read_path
from auditor.reading.document import Document
from auditor.scoring import score_report

# A per-report step after scoring: (document, result) -> the result to keep. It runs in the
# worker process, so a batch needs it picklable: a module-level function, not a lambda.
PostStep = Callable[[Document, ReportResult], ReportResult]


def audit_document(doc: Document, pack: Pack) -> ReportResult:
    result = score_report(doc, pack, match_document(doc, pack), check_structure(doc))
    why = reasons(doc, result)
    if why:
        result.meta["not_a_report"] = why
        result = dataclasses.replace(result, warnings=(*result.warnings, NOT_A_REPORT))
    if doc.meta.get("title_guessed"):  # shown as 未识别, never as the file name
        result = dataclasses.replace(result, title="")
    return result


def text_lines(doc: Document) -> list[tuple[int, str]]:
    """The report text as written, as (location, text) pairs in reading order: the lines that
    Evidence.line points at (for HTML input, the text of each source line, markup stripped).
    The one place that knows what a location is, so readers that locate by paragraph or page
    change only this."""
    from auditor.reading.chrome import source_lines

    return [(line.no, line.text) for line in source_lines(doc.text, doc.path)]


def keep_lines(doc: Document, result: ReportResult) -> ReportResult:
    """Post-step for the HTML view: keep the text as written in ``meta["lines"]``. A step, not a
    default, so batches of thousands do not carry whole texts back from their workers."""
    result.meta["lines"] = text_lines(doc)
    return result


def audit_path(path: str, pack: Pack, level: str | None = None,
               post: PostStep | Sequence[PostStep] | None = None) -> ReportResult | ReportError:
    """Audit one file; any failure to read it becomes a ReportError, never an exception.

    ``post`` step(s) run in order on the read document and its result (export passes the draft
    checks of `auditor check`, checking.run.with_findings); a user error one raises (a bad
    .auditor.yaml near this report) becomes this report's ReportError."""
    try:
        doc = read_path(path, level=level)
    except AuditorError as exc:
        return ReportError(path, exc.message)
    except (OSError, UnicodeError, ValueError) as exc:  # defensive: unreadable in a way we missed
        return ReportError(path, _("无法读取：{error}").format(error=exc))
    if level:
        doc = dataclasses.replace(doc, level=level, level_sure=True)
    result = audit_document(doc, pack)
    steps = () if post is None else (post,) if callable(post) else post
    try:
        for step in steps:
            result = step(doc, result)
    except AuditorError as exc:
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

"""Audit results -> xlsx and/or CSV, streamed: rows are written while later reports are audited.

Writing a 1,000-report workbook costs about as much CPU as auditing it, so doing it after the
audits would leave the cores idle half the time. Here each report's summary, evidence and gap
rows go to disk as soon as the report is done (results arrive in input order), and only the
matrix statuses stay in memory. Every output is a temporary file until everything succeeded.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from typing import Any

from auditor.errors import AuditorError
from auditor.model import ReportError, ReportResult
from auditor.output.atomic import atomic_target, check_output_path
from auditor.output.csv_out import CsvSink, csv_targets, prepare_dir
from auditor.output.records import report_record
from auditor.output.tables import STREAMED, Tables
from auditor.output.xlsx import XlsxSink


def export(results: Iterable[ReportResult | ReportError], rules: list[dict[str, Any]],
           xlsx: str | None = None, csv_dir: str | None = None, inputs: Iterable[str] = (),
           findings: bool = False, similar: Any = None) -> tuple[int, list[ReportError]]:
    """Write the outputs; returns (reports exported, errors). ``findings`` adds the 问题数
    column (records then carry a ``findings`` list); ``similar`` (a comparisons.SimilarityCollector
    whose post-step the audits ran with) adds the 趋势 and 雷同 sheets."""
    from auditor.output.compare_tables import CompareTables

    inputs = list(inputs)
    tables = Tables(rules, findings=findings)
    compared = CompareTables(rules) if similar is not None else None
    specs = tables.specs() + (compared.specs() if compared else [])
    errors: list[ReportError] = []
    count = 0
    with ExitStack() as stack:
        sinks: list[Any] = []
        if xlsx:
            sinks.append(XlsxSink(stack.enter_context(atomic_target(xlsx, inputs))))
        if csv_dir:
            targets = csv_targets(csv_dir, (t.slug for t in specs))
            sinks.append(CsvSink({slug: stack.enter_context(atomic_target(path, inputs))
                                  for slug, path in targets.items()}))
        try:
            for sink in sinks:
                sink.begin(specs, STREAMED)
            for result in results:
                if isinstance(result, ReportError):
                    errors.append(result)
                    tables.add_error({"path": result.path, "message": result.message})
                    continue
                count += 1
                record = report_record(result)
                if compared is not None:
                    similar.add(result)
                    compared.add_report(record)
                for slug, rows in tables.add_report(record):
                    for sink in sinks:
                        sink.write(slug, rows)
            pairs = similar.pairs() if compared is not None else []
            for sink in sinks:
                # fresh one-shot row generators for each sink
                sink.finish(tables.final() + (compared.final(pairs) if compared is not None else []))
        except BaseException:
            for sink in sinks:
                sink.abort()
            raise
    return count, errors



def export_paths(paths: list[str], xlsx: str | None, csv_dir: str | None, *, pack: str | None = None,
                 level: str | None = None, jobs: int | None = None, glob: str | None = None,
                 progress: bool = False, findings: bool = True,
                 similar: bool = True) -> tuple[int, list[ReportError]]:
    """`auditor export`: expand the inputs, check every output *before* auditing (a typo in -o
    must not cost a long run), then audit in parallel and stream the rows out."""
    from auditor.batch import expand_inputs, iter_audits
    from auditor.output.tables import rule_records
    from auditor.packs import load_pack

    if not xlsx and not csv_dir:
        raise AuditorError("nothing to write: give -o FILE.xlsx and/or --csv DIR")
    if xlsx and not xlsx.lower().endswith(".xlsx"):
        raise AuditorError("-o must name an .xlsx file (use --csv DIR for CSV)", path=xlsx)
    loaded = load_pack(pack)
    inputs = expand_inputs(paths, glob)
    if xlsx:
        check_output_path(xlsx, inputs)
    if csv_dir:
        prepare_dir(csv_dir)
    collector = None
    if similar:
        from auditor.comparisons import SimilarityCollector

        collector = SimilarityCollector(loaded, jobs=jobs)
    results = iter_audits(inputs, loaded, level, jobs, progress=progress, findings=findings,
                          post=collector.post_step() if collector else None)
    return export(results, rule_records(loaded), xlsx, csv_dir, inputs, findings=findings,
                  similar=collector)

"""Audit results -> xlsx and/or CSV, streamed: rows are written while later reports are audited.

Writing a 1,000-report workbook costs about as much CPU as auditing it, so doing it after the
audits would leave the cores idle half the time. Here each report's summary, evidence and gap
rows go to disk as soon as the report is done (results arrive in input order), and only the
matrix statuses stay in memory. Every output is a temporary file until everything succeeded.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing, suppress
from dataclasses import dataclass
from typing import Any

from auditor.errors import AuditorError, errors_at_once
from auditor.i18n import _
from auditor.model import ReportError, ReportResult
from auditor.output.atomic import atomic_target, check_output_path, prepare_folder
from auditor.output.csv_out import CsvSink, csv_targets
from auditor.output.records import pack_label, report_record
from auditor.output.tables import STREAMED, Tables
from auditor.output.xlsx import XlsxSink
from auditor.output.xlsx_rows import Rendered, RowRenderer


@dataclass(frozen=True)
class ReportRows:
    """One report as the export needs it: its rows of the streamed sheets, its matrix column,
    its trend entry and its similarity signature. Built in the worker that audited the report
    (Shaper), so only these plain lists cross to the parent, which just writes them."""

    path: str
    # (table slug, rows), as Tables.report_rows gives them; empty when only a workbook is written
    rows: list[tuple[str, list[list[Any]]]]
    statuses: list[str | None]  # the matrix column
    year: Any = None  # compare_tables.TrendYear, or None (no trend sheet, or no issuer/year)
    signature: Any = None  # comparing.signature.Signature, or None (no 雷同 sheet)
    # (table slug, rows as the workbook's XML: xlsx_rows), or None when no workbook is written
    xml: list[tuple[str, list[Rendered]]] | None = None


@dataclass(frozen=True)
class Shaper:
    """ReportResult -> ReportRows (batch.iter_audits ``shape``): picklable, sent once to each
    worker. ``tables`` only lends its columns' configuration; its matrix stays in the parent.
    With ``renderers`` (slug -> xlsx_rows.RowRenderer) the rows also come as the workbook's XML,
    which is most of the cost of writing them: in a worker that runs beside the others, not in
    the one parent; ``values`` False leaves out the plain rows (only the CSV files use them)."""

    tables: Tables
    trend: bool = False
    renderers: dict[str, RowRenderer] | None = None
    values: bool = True

    def __call__(self, result: ReportResult) -> ReportRows:
        from auditor.output.compare_tables import year_of

        signature = result.meta.pop("signature", None)
        record = report_record(result)
        rows, statuses = self.tables.report_rows(record)
        xml = None
        if self.renderers is not None:
            xml = [(slug, self.renderers[slug].render_all(part)) for slug, part in rows]
        return ReportRows(record["path"], rows if self.values else [], statuses,
                          year_of(record) if self.trend else None, signature, xml)


def export(results: Iterable[ReportRows | ReportResult | ReportError], rules: list[dict[str, Any]],
           xlsx: str | None = None, csv_dir: str | None = None, inputs: Iterable[str] = (),
           findings: bool = False, pack: str = "", similar: Any = None) -> tuple[int, list[ReportError]]:
    """Write the outputs; returns (reports exported, errors). ``results`` are ReportRows made by
    shaper() (in the workers) or ReportResults (shaped here). ``findings`` adds the 问题数
    column (records then carry a ``findings`` list); ``pack`` names the packs in force;
    ``similar`` (a comparisons.SimilarityCollector whose post-step the audits ran with) adds the
    趋势 and 雷同 sheets."""
    from auditor.output.compare_tables import CompareTables

    inputs = list(inputs)
    results = _unless_all_unreadable(results)
    tables = Tables(rules, findings=findings, pack=pack)
    shape = shaper(rules, findings=findings, pack=pack, similar=similar, xlsx=bool(xlsx),
                   csv=bool(csv_dir))
    compared = CompareTables(rules) if similar is not None else None
    specs = tables.specs() + (compared.specs() if compared else [])
    errors: list[ReportError] = []
    count = 0
    with ExitStack() as stack:
        sinks: list[Any] = []
        book = csvs = None
        if xlsx:
            book = XlsxSink(stack.enter_context(atomic_target(xlsx, inputs)))
            sinks.append(book)
        if csv_dir:
            targets = csv_targets(csv_dir, specs)
            csvs = CsvSink({slug: stack.enter_context(atomic_target(path, inputs))
                            for slug, path in targets.items()})
            sinks.append(csvs)
        try:
            for sink in sinks:
                sink.begin(specs, STREAMED)
            for result in results:
                if isinstance(result, ReportError):
                    errors.append(result)
                    tables.add_error({"path": result.path, "message": result.message})
                    continue
                count += 1
                shaped = result if isinstance(result, ReportRows) else shape(result)
                if compared is not None:
                    similar.add_signature(shaped.signature)
                    compared.add_year(shaped.year)
                tables.keep(shaped.path, shaped.statuses)
                if book is not None:
                    if shaped.xml is not None:
                        for slug, rendered in shaped.xml:
                            book.write_rendered(slug, rendered)
                    else:
                        for slug, rows in shaped.rows:
                            book.write(slug, rows)
                if csvs is not None:
                    for slug, rows in shaped.rows:
                        csvs.write(slug, rows)
            pairs = similar.pairs() if compared is not None else []
            for sink in sinks:
                # fresh one-shot row generators for each sink
                sink.finish(tables.final() + (compared.final(pairs) if compared is not None else []))
        except BaseException:
            for sink in sinks:
                sink.abort()
            raise
    return count, errors


def shaper(rules: list[dict[str, Any]], *, findings: bool = False, pack: str = "",
           similar: Any = None, xlsx: bool = False, csv: bool = True) -> Shaper:
    """The Shaper matching export(..., rules, findings, pack, similar): the same columns; rows
    rendered for the workbook when one is written (``xlsx``), plain when CSV files are."""
    tables = Tables(rules, findings=findings, pack=pack)
    renderers = None
    if xlsx:
        renderers = {t.slug: RowRenderer(t.columns) for t in tables.specs() if t.slug in STREAMED}
    return Shaper(tables, trend=similar is not None, renderers=renderers, values=csv)


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
        raise AuditorError(_("没有要写的输出：请给出 -o 文件.xlsx 和/或 --csv 文件夹"))
    if xlsx and not xlsx.lower().endswith(".xlsx"):
        raise AuditorError(_("-o 须为 .xlsx 文件（CSV 请用 --csv 文件夹）"), path=xlsx)
    loaded = load_pack(pack)
    inputs = expand_inputs(paths, glob)
    if xlsx:
        check_output_path(xlsx, inputs)
    made = bool(csv_dir) and not os.path.exists(csv_dir)
    if csv_dir:
        prepare_folder(csv_dir)
    # Export's own post-steps, run in the workers: the draft checks (the core audit knows
    # nothing of checking/) and the similarity signatures (texts never travel to the parent).
    post: list = []
    if findings:
        from auditor.checking.run import with_findings

        post.append(with_findings)
    collector = None
    if similar:
        from auditor.comparisons import SimilarityCollector

        collector = SimilarityCollector(loaded, jobs=jobs)
        post.append(collector.post_step())
    rules, label = rule_records(loaded), pack_label(loaded.info())
    # Workers send back each report's rows, not its ReportResult (ReportRows); the parent keeps
    # only writing, which at -j2 runs beside the two workers on a 2-core machine.
    shape = shaper(rules, findings=findings, pack=label, similar=collector, xlsx=bool(xlsx),
                   csv=bool(csv_dir))
    warm = [collector.warm] if collector is not None else []
    results = iter_audits(inputs, loaded, level, jobs, progress=progress, post=post, shape=shape,
                          warm=warm)
    try:
        with closing(results):  # on any failure (Ctrl-C too) the workers stop now, not at exit
            return export(results, rules, xlsx, csv_dir, inputs, findings=findings, pack=label,
                          similar=collector)
    except BaseException:
        if made:  # the CSV folder we created, now empty: an interrupted run leaves nothing behind
            with suppress(OSError):
                os.rmdir(csv_dir)
        raise


def _unless_all_unreadable(results: Iterable[ReportResult | ReportError]
                           ) -> Iterator[ReportResult | ReportError]:
    """The results, but when not one input could be read, end with an error instead: the export
    is then abandoned like a failed one, so the workbook a reviewer already has at -o (last
    week's) is kept rather than replaced by an empty one. One line per file, as always."""
    errors: list[ReportError] = []
    read = False
    for result in results:
        if isinstance(result, ReportError):
            errors.append(result)
        else:
            read = True
        yield result
    if errors and not read:
        raise errors_at_once([*(AuditorError(e.message, e.path) for e in errors),
                              AuditorError(_("没有可读取的报告，未写入任何文件（已有的输出文件保持不变）"))])

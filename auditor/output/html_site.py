"""`auditor audit … --format html`: one page, or a folder of pages plus index.html.

Outputs are planned and checked before any report is audited (a typo in -o must not cost a long
run), pages are written one by one as results arrive in input order (a batch never holds more
than one report's text), and every file is written atomically. An existing folder is written
into, never emptied.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from auditor.errors import AuditorError, os_reason
from auditor.i18n import _
from auditor.labels import unknown
from auditor.model import ReportError, ReportResult
from auditor.output.atomic import check_output_path, prepare_folder, write_atomic
from auditor.output.records import for_people, report_record

INDEX = "index.html"
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\s]+')


def page_names(paths: Sequence[str]) -> list[str]:
    """One file name per report, in input order: the report's name with .html, made unique
    (a second ``a.txt`` from another folder becomes ``a-2.html``; nothing is called index)."""
    used = {INDEX.lower()}
    names = []
    for path in paths:
        stem = _UNSAFE.sub("_", Path(path).stem if path != "-" else "stdin").strip("._") or "report"
        name, n = f"{stem}.html", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}.html"
        used.add(name.lower())
        names.append(name)
    return names


def _refuse_input(out: str, inputs: Iterable[str], given: Iterable[str]) -> None:
    """-o must not name an input report, nor be (inside) a folder given as input: pages written
    there would be read as reports by the next run over that folder."""
    target = os.path.realpath(out)
    for inp in inputs:
        if inp != "-" and os.path.realpath(inp) == target:
            raise AuditorError(_("输出会覆盖输入的报告"), path=out)
    for folder in given:
        if folder != "-" and not folder.startswith("@") and os.path.isdir(folder):
            real = os.path.realpath(folder)
            if target == real or target.startswith(real + os.sep):
                raise AuditorError(_("输出文件夹位于输入文件夹内：生成的页面会被当作报告再次读取"), path=out)


def _folder_mode(output: str | None, inputs: Sequence[str]) -> bool:
    if output is None:
        return False
    return output.endswith(("/", os.sep)) or os.path.isdir(output) or len(inputs) > 1


def audit_to_html(paths: Sequence[str], output: str | None, *, pack: Any, level: str | None = None,
                  jobs: int | None = None, glob: str | None = None, progress: bool = False,
                  notes: list[dict[str, Any]] | None = None) -> tuple[int, list[ReportError]]:
    """Audit ``paths`` (files, folders, @lists) and write the page(s); returns (pages, errors).
    ``notes`` receives each report's path, notices and warnings for the caller to print (the
    tracked-changes notice, the not-a-report warning), as the other formats do."""
    from auditor.batch import expand_inputs, iter_audits

    inputs = expand_inputs(paths, glob)
    if output is not None:
        _refuse_input(output, inputs, paths)
    # The draft checks of `auditor check` run too (as for the spreadsheet): the page lists their
    # findings and the index tells late publication from them.
    from auditor.checking.run import with_findings
    from auditor.pipeline import keep_lines

    results = iter_audits(inputs, pack, level, jobs, progress=progress, post=(with_findings, keep_lines))
    if not _folder_mode(output, inputs):
        if len(inputs) > 1:
            raise AuditorError(_("多份报告会生成多个页面：请用 -o 指定输出文件夹"))
        if output is not None:
            check_output_path(output, inputs)
        return _single(results, output, inputs, notes)
    assert output is not None
    if output.lower().endswith((".html", ".htm")) and not os.path.isdir(output):
        raise AuditorError(_("多份报告会生成多个页面：-o 应指定文件夹，而不是 .html 文件"), path=output)
    return write_site(results, output, inputs, pack, notes)


def _note(rec: dict[str, Any], notes: list[dict[str, Any]] | None) -> None:
    if notes is not None:
        notes.append({k: rec.get(k, []) for k in ("notices", "warnings")} | {"path": rec["path"]})


def _single(results: Iterable[ReportResult | ReportError], output: str | None,
            inputs: Sequence[str], notes: list[dict[str, Any]] | None = None
            ) -> tuple[int, list[ReportError]]:
    from auditor.output.html import render_page

    for result in results:
        if isinstance(result, ReportError):
            return 0, [result]
        rec = for_people(report_record(result))
        _note(rec, notes)
        page = render_page(rec)
        if output is None:
            sys.stdout.write(page)
            sys.stdout.flush()
        else:
            _write(output, page, inputs)
        return 1, []
    return 0, []


def _write(path: str, text: str, inputs: Sequence[str]) -> None:
    try:
        write_atomic(path, text, inputs)
    except OSError as exc:  # e.g. the disk filled up, or permissions root alone ignores
        raise AuditorError(_("无法写入：") + os_reason(exc), path=path) from None


def write_site(results: Iterable[ReportResult | ReportError], folder: str, inputs: Sequence[str],
               pack: Any = None, notes: list[dict[str, Any]] | None = None
               ) -> tuple[int, list[ReportError]]:
    """One page per report plus index.html in ``folder``."""
    from auditor.output.html import index_row, render_index, render_page

    out = prepare_folder(folder)
    names = dict(zip(inputs, page_names(inputs), strict=True))
    for name in [*names.values(), INDEX]:  # before any audit: -o over an input is refused early
        check_output_path(str(out / name), inputs)
    rows: list[dict[str, Any]] = []
    areas: dict[str, None] = {}
    errors: list[ReportError] = []
    for result in results:
        if isinstance(result, ReportError):
            errors.append(result)
            continue
        rec = for_people(report_record(result))
        _note(rec, notes)
        name = names.get(result.path) or page_names([result.path])[0]
        _write(str(out / name), render_page(rec, index_href=INDEX), inputs)
        row = index_row(rec, quote(name))
        row["title"] = rec["title"] or unknown()  # 未识别, as on its page (the path is shown below)
        areas.update(dict.fromkeys(row["areas"]))
        rows.append(row)
    pack_info = {"id": getattr(pack, "id", ""), "items": len(getattr(pack, "rules", ()))}
    _write(str(out / INDEX), render_index(rows, [{"path": e.path, "message": e.message} for e in errors],
                                          list(areas), pack_info), inputs)
    return len(rows), errors

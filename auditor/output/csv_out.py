"""tables -> one UTF-8-with-BOM CSV file per table, for scripts and for Excel users.

The BOM is what makes Excel (Windows, double-click) read the file as UTF-8 instead of the local
ANSI code page, where Chinese text turns to mojibake. CRLF line ends follow RFC 4180. Cells were
already sanitised by tables (formula prefix, control characters, length), so a CSV opened in a
spreadsheet is as safe as the xlsx.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from typing import Any

from auditor.output.atomic import atomic_target, prepare_folder
from auditor.output.tables import Table


class CsvSink:
    """One CSV file per table, written at the temporary paths it is given (``targets``: slug ->
    path); same begin/write/finish protocol as xlsx.XlsxSink."""

    def __init__(self, targets: dict[str, str]) -> None:
        self.targets = targets
        self._files: dict[str, Any] = {}
        self._writers: dict[str, Any] = {}

    def _open(self, table: Table) -> None:
        fh = open(self.targets[table.slug], "w", encoding="utf-8-sig", newline="")
        self._files[table.slug] = fh
        self._writers[table.slug] = csv.writer(fh, lineterminator="\r\n")
        self._writers[table.slug].writerow([c.header for c in table.columns])

    def begin(self, specs: Iterable[Table], streamed: Iterable[str] = ()) -> None:
        streamed = set(streamed)
        for spec in specs:
            if spec.slug in streamed:
                self._open(spec)

    def write(self, slug: str, rows: Iterable[Sequence[Any]]) -> None:
        self._writers[slug].writerows(["" if v is None else v for v in row] for row in rows)

    def finish(self, tables: Iterable[Table]) -> None:
        for table in tables:
            self._open(table)
            self.write(table.slug, table.rows)
        self.abort()  # closes every file

    def abort(self) -> None:
        for fh in self._files.values():
            fh.close()


def csv_targets(folder: str, tables: Iterable[Table]) -> dict[str, str]:
    """slug -> ``<sheet name>.csv``: the file a reviewer opens has the name of the sheet."""
    out = prepare_folder(folder)
    return {t.slug: str(out / f"{t.name}.csv") for t in tables}


def write_csv(tables: Iterable[Table], folder: str, inputs: Iterable[str] = ()) -> list[str]:
    """Write ``<sheet name>.csv`` per table; all files appear together, only once all are complete."""
    tables = list(tables)
    targets = csv_targets(folder, tables)
    with ExitStack() as stack:
        tmp = {slug: stack.enter_context(atomic_target(path, inputs)) for slug, path in targets.items()}
        sink = CsvSink(tmp)
        try:
            sink.finish(tables)
        except BaseException:
            sink.abort()
            raise
    return list(targets.values())

"""tables -> one UTF-8-with-BOM CSV file per table, for scripts and for Excel users.

The BOM is what makes Excel (Windows, double-click) read the file as UTF-8 instead of the local
ANSI code page, where Chinese text turns to mojibake. CRLF line ends follow RFC 4180. Cells were
already sanitised by tables (formula prefix, control characters, length), so a CSV opened in a
spreadsheet is as safe as the xlsx.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path

from auditor.errors import AuditorError
from auditor.output.atomic import write_atomic
from auditor.output.tables import Table


def prepare_dir(folder: str) -> Path:
    """Create the CSV folder if only its last level is missing; a missing parent is a typo."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise AuditorError("CSV output path is not a folder", path=folder)
    if not out.exists():
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise AuditorError("parent folder of the CSV output does not exist", path=folder)
        try:
            out.mkdir()
        except OSError as exc:
            raise AuditorError(f"cannot create CSV folder: {exc.strerror}", path=folder) from exc
    if not os.access(out, os.W_OK):
        raise AuditorError("CSV folder is not writable", path=folder)
    return out


def write_table(table: Table, path: str, inputs: Iterable[str] = ()) -> None:
    def writer(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, lineterminator="\r\n")
            out.writerow([c.header for c in table.columns])
            for row in table.rows:
                out.writerow(["" if v is None else v for v in row])

    write_atomic(path, writer, inputs)


def write_csv(tables: Iterable[Table], folder: str, inputs: Iterable[str] = ()) -> list[str]:
    """Write ``<slug>.csv`` per table (each atomically); returns the paths written."""
    out = prepare_dir(folder)
    inputs = list(inputs)
    written = []
    for table in tables:
        path = str(out / f"{table.slug}.csv")
        write_table(table, path, inputs)
        written.append(path)
    return written

#!/usr/bin/env python3
"""Are two exports the same? Every sheet's cell values (read back with openpyxl) and every CSV
file byte for byte; prints the first difference of each sheet. For speed work on the export,
where the workbook's bytes change (zip level, XML order) but what a reviewer sees must not.

    python -m auditor export DIR -o A/out.xlsx --csv A/csv      # before
    python -m auditor export DIR -o B/out.xlsx --csv B/csv      # after
    python scripts/compare_exports.py A B                       # exit 0: identical
"""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path
from typing import Any

import openpyxl


def _sheets(path: Path) -> tuple[dict[str, list[tuple[Any, ...]]], list[str]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}, wb.sheetnames


def compare(a: Path, b: Path) -> int:
    bad = 0
    sa, names_a = _sheets(a / "out.xlsx")
    sb, names_b = _sheets(b / "out.xlsx")
    if names_a != names_b:
        print("sheets differ:", names_a, names_b)
        bad += 1
    for name in names_a:
        ra, rb = sa.get(name, []), sb.get(name, [])
        if ra != rb:
            bad += 1
            pairs = enumerate(zip(ra, rb, strict=False))
            first = next((i for i, (x, y) in pairs if x != y), min(len(ra), len(rb)))
            print(f"sheet {name}: {len(ra)} vs {len(rb)} rows, first difference at row {first + 1}")
    csv_a = sorted(p.name for p in (a / "csv").iterdir())
    csv_b = sorted(p.name for p in (b / "csv").iterdir())
    if csv_a != csv_b:
        print("CSV files differ:", csv_a, csv_b)
        bad += 1
    for name in set(csv_a) & set(csv_b):
        if not filecmp.cmp(a / "csv" / name, b / "csv" / name, shallow=False):
            print("CSV differs:", name)
            bad += 1
    rows = sum(len(v) for v in sa.values())
    print(f"{'IDENTICAL' if not bad else 'DIFFERENT'}: {len(names_a)} sheets, {rows} rows, "
          f"{len(csv_a)} CSV files")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    raise SystemExit(compare(Path(sys.argv[1]), Path(sys.argv[2])))

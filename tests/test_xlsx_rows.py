"""Rows rendered as XML (output/xlsx_rows, made in the export workers) give the very bytes that
XlsxWriter's own cell writing gives: every part of the workbook compared, on values chosen for
every branch of XlsxWriter's cell code (escapes, whitespace, rich-text look-alikes, truncation,
dates, blanks) and for the order in which it numbers styles (held-back rows, split sheets)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from auditor.output import xlsx
from auditor.output.tables import (
    DATE,
    INT,
    NUMBER,
    PERCENT,
    SCORE,
    STATUS,
    STATUS_COLORS,
    TEXT,
    WRAP,
    Column,
    Table,
)
from auditor.output.xlsx_rows import RowRenderer, column_name

LABELS = list(STATUS_COLORS)


class _CellSheet(xlsx._Sheet):
    """The reference: each cell through XlsxWriter's write_* calls, as xlsx.py wrote them
    before rows were rendered, and the header row left to XlsxWriter to write out."""

    def _header(self) -> None:
        self._write_header()  # no held row, no deflated body: XlsxWriter writes every row itself

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        fmt = self.sink.fmt
        styles = [(col.kind == STATUS, fmt.kind.get(col.kind, fmt.text)) for col in self.cols]
        for values in rows:
            if self.r + 1 >= self.sink.max_rows:
                self.close()
                self.ws = self.sink.wb.add_worksheet(xlsx._sheet_name(self.sink.wb, self.table.name))
                self.r = 0
                self._header()
            self.r += 1
            for c, ((status, style), value) in enumerate(zip(styles, values, strict=True)):
                if status and isinstance(value, str):
                    style = fmt.status.get(value, fmt.text)
                if value is None or value == "":
                    if status:
                        self.ws.write_blank(self.r, c, None, style)
                elif isinstance(value, (int, float)):
                    self.ws.write_number(self.r, c, value, style)
                elif isinstance(value, date):
                    self.ws.write_datetime(self.r, c, datetime(value.year, value.month, value.day), style)
                else:
                    self.ws.write_string(self.r, c, value, style)

    def write_rendered(self, rows: Iterable[Any]) -> None:
        raise AssertionError("the reference writes values")

    def _flush(self, out: list[str], last: int) -> None:
        raise AssertionError("the reference writes values")


STRINGS = [
    "普通文字", "  前导空格", "末尾空格 ", "\u3000全角空格", "尾随\u00a0", "\u2028行分隔", "行\n中换行",
    "末尾换行\n", "tab\t内", "\t", " ", "a\x01b", "\x1c开头控制符", "回车\r", "\x0b\x1f", "_x0041_ 字面",
    "_X00ff_", "_x00zz_",
    "__x1234__", "{0} 花括号 {{1}} }{", "{", "}", "<r>像富文本</r>", "<r>未闭合", "<r>\x01</r>", "& < > \" '",
    "&amp;", "=1+2", "'quoted", "\ufffe\uffff", "😀 表情", "长" * 40_000, "😀" * 17_000, "x" * 16_383,
]
NUMBERS = [0, 1, -7, 12345678901234567, 0.1, 1 / 3, 1e20, -3.5, 2.5e-7, True, 47.5, 0.8333]
DATES = [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), date(2024, 2, 29), date(1, 1, 1),
         datetime(2023, 5, 6, 13, 14, 15)]
COLUMNS = [Column("文本", TEXT), Column("换行", WRAP), Column("整数", INT), Column("数", NUMBER),
           Column("分", SCORE), Column("率", PERCENT), Column("日期", DATE), Column("状态", STATUS),
           Column("状态2", STATUS)]


def _rows(seed: int, n: int) -> list[list[Any]]:
    """Every value in every kind of column, cycled so each column sees strings, numbers, dates,
    None and "" (a status column also its labels, an unknown label and blanks)."""
    pool: list[Any] = [*STRINGS, *NUMBERS, *DATES, None, ""]
    statuses: list[Any] = [*LABELS, "未知状态", None, "", 3]
    out = []
    for r in range(n):
        row = [pool[(seed + r * 7 + c * 13) % len(pool)] for c in range(len(COLUMNS) - 2)]
        row += [statuses[(seed + r * 5) % len(statuses)], statuses[(seed * 3 + r) % len(statuses)]]
        out.append(row)
    out.append([None] * len(COLUMNS))  # status blanks only
    out.append([None, "", None, None, None, None, None, 3, 4])  # numbers in status columns
    return out


def _tables(n: int = 40) -> list[Table]:
    # A fill first used in a sheet's last row (held back to the workbook's close) and others first
    # used on later sheets: XlsxWriter numbers styles in the order rows are written out.
    late = [[None] * (len(COLUMNS) - 2) + [LABELS[-1], LABELS[-2]]]
    empty = [[None] * (len(COLUMNS) - 2) + ["未知", None]]
    return [
        Table("一", "one", COLUMNS, [*_rows(0, n), *late], freeze_cols=1),
        Table("二", "two", COLUMNS, _rows(5, n), freeze_cols=2, rotate_status_headers=True),
        Table("三", "three", COLUMNS, empty),
        Table("四", "four", COLUMNS, []),
        Table("五", "five", [*COLUMNS[:3], Column("状态", STATUS)], [["末", None, 1, LABELS[2]]]),
    ]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # core: a timestamp


def _same(a: Path, b: Path) -> None:
    pa, pb = _parts(a), _parts(b)
    assert list(pa) == list(pb)
    for name in pa:
        assert pa[name] == pb[name], name


@pytest.mark.parametrize("max_rows", [xlsx.MAX_ROWS, 7])
def test_whole_tables_as_xlsxwriter_writes_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                max_rows: int) -> None:
    xlsx.write_xlsx(_tables(), str(tmp_path / "rendered.xlsx"), max_rows=max_rows)
    with monkeypatch.context() as m:
        m.setattr(xlsx, "_Sheet", _CellSheet)
        xlsx.write_xlsx(_tables(), str(tmp_path / "cells.xlsx"), max_rows=max_rows)
    _same(tmp_path / "cells.xlsx", tmp_path / "rendered.xlsx")


@pytest.mark.parametrize("max_rows", [xlsx.MAX_ROWS, 9])
def test_streamed_rows_rendered_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          max_rows: int) -> None:
    """The export's path: rows of several sheets interleaved, rendered apart from the workbook
    (as a worker does) and only numbered by the sink."""
    specs = _tables()
    streamed = ("one", "two", "three")
    batches = [(t.slug, list(t.rows)[k:k + 5]) for k in range(0, 50, 5) for t in specs if t.slug in streamed]
    finals = [t for t in specs if t.slug not in streamed]

    def run(path: Path, rendered: bool) -> None:
        sink = xlsx.XlsxSink(str(path), max_rows=max_rows)
        sink.begin(specs, streamed)
        renderers = {t.slug: RowRenderer(t.columns) for t in specs}
        for slug, rows in batches:
            if rendered:
                sink.write_rendered(slug, renderers[slug].render_all(rows))
            else:
                sink.write(slug, rows)
        sink.finish(finals)

    run(tmp_path / "rendered.xlsx", True)
    with monkeypatch.context() as m:
        m.setattr(xlsx, "_Sheet", _CellSheet)
        run(tmp_path / "cells.xlsx", False)
    _same(tmp_path / "cells.xlsx", tmp_path / "rendered.xlsx")


def test_column_names() -> None:
    from xlsxwriter.utility import xl_col_to_name

    for col in (0, 1, 25, 26, 51, 52, 701, 702, 16_383):
        assert column_name(col) == xl_col_to_name(col)


def test_nan_is_refused_like_xlsxwriter() -> None:
    with pytest.raises(TypeError):
        RowRenderer([Column("x", SCORE)]).render([float("nan")])


def test_crc32_combine() -> None:
    import zlib

    from auditor.output.xlsx_zip import crc32_combine

    for a, b in [(b"", b"x"), (b"head", b""), (b"<row>" * 999, "正文".encode() * 70_001), (b"a", b"b" * 255)]:
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_workbook_is_a_valid_zip_and_leaves_no_temporary_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    out = tmp_path / "out.xlsx"
    xlsx.write_xlsx(_tables(), str(out))
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None  # every member's CRC checks out
    sink = xlsx.XlsxSink(str(tmp_path / "aborted.xlsx"))
    sink.begin(_tables(), ("one",))
    sink.write("one", _rows(1, 30))
    sink.abort()
    assert list((tmp_path / "tmp").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "tmp"]

"""Sheet rows compressed while the batch runs, spliced into XlsxWriter's workbook at the end.

Why: XlsxWriter zips the workbook in ``close()``, after the last report: copying ~95 KB of sheet
XML a report out of its temporary files and deflating it was ~2.5 s of a 2,000-report export
with nothing running beside it, the largest part of what -j2 cannot share between cores. Here
each sheet's rows are deflated as they are written (``Deflated``), while the workers are still
auditing; XlsxWriter then writes the workbook with only its header rows in those sheets, and
``repack`` copies it member by member, putting the compressed rows in at each ``</sheetData>``.

Deflate streams that end on a sync flush can be joined (each part starts with an empty window),
and zlib's crc32_combine joins their checksums, so the member is one ordinary deflated entry:
the unzipped XML is byte for byte what XlsxWriter would have written (tests/test_xlsx_rows.py).
The container is plain ZIP without ZIP64, like XlsxWriter's default: a member over 2 GiB is
refused as XlsxWriter refuses it.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import zipfile
import zlib
from typing import IO

LEVEL = 6  # zipfile's (and so XlsxWriter's) default deflate level: the same file size
_LIMIT = zipfile.ZIP64_LIMIT  # above it XlsxWriter (allowZip64 off) raises; so do we


class TooLarge(Exception):
    """A member or the file would need ZIP64 extensions."""


class Deflated:
    """One sheet's rows, deflated as they come, in an anonymous temporary file."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()
        self._z = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.file.write(self._z.compress(data))

    def end(self) -> int:
        """Sync-flush (byte-aligned, not final: more deflate data may follow); its length."""
        self.file.write(self._z.flush(zlib.Z_SYNC_FLUSH))
        return self.file.tell()

    def close(self) -> None:
        self.file.close()


def _gf2_times(mat: list[int], vec: int) -> int:
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def _gf2_square(mat: list[int]) -> list[int]:
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B) (zlib's crc32_combine, not in Python's zlib)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:  # apply len2 zero bytes to crc1
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def _deflate(data: bytes, mode: int) -> bytes:
    z = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush(mode)


def _dos(info: zipfile.ZipInfo) -> tuple[int, int]:
    y, mo, d, h, mi, s = info.date_time
    return h << 11 | mi << 5 | s // 2, (y - 1980) << 9 | mo << 5 | d


def repack(source: str, target: str, bodies: dict[str, Deflated]) -> None:
    """Copy the workbook at ``source`` to ``target``, each member named in ``bodies`` with those
    rows inserted before its ``</sheetData>``; other members recompressed as they are."""
    central: list[bytes] = []
    with zipfile.ZipFile(source) as zin, open(target, "wb") as out:
        for info in zin.infolist():
            data = zin.read(info)
            body = bodies.get(info.filename)
            if body is None:
                parts, crc, size = [_deflate(data, zlib.Z_FINISH)], zlib.crc32(data), len(data)
                body_len = 0
            else:
                # The tail (autofilter, formats, margins) holds no report text: the last
                # </sheetData> is the one XlsxWriter closed the rows with.
                cut = data.rindex(b"</sheetData>")
                head, tail = data[:cut], data[cut:]
                body_len = body.end()
                parts = [_deflate(head, zlib.Z_SYNC_FLUSH), b"", _deflate(tail, zlib.Z_FINISH)]
                crc = zlib.crc32(tail, crc32_combine(zlib.crc32(head), body.crc, body.size))
                size = len(head) + body.size + len(tail)
            packed = sum(len(p) for p in parts) + body_len
            offset = out.tell()
            if max(size, packed, offset) > _LIMIT:
                raise TooLarge(info.filename)
            name = info.filename.encode("ascii")
            time, date = _dos(info)
            fields = (20, 0, zipfile.ZIP_DEFLATED, time, date, crc, packed, size, len(name))
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name)
            for n, part in enumerate(parts):
                out.write(part)
                if n == 0 and body is not None:
                    body.file.seek(0)
                    shutil.copyfileobj(body.file, out, 1 << 20)
            made_by = info.create_system << 8 | info.create_version
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, made_by, *fields, 0, 0, 0, 0,
                                       info.external_attr, offset) + name)
        start = out.tell()
        for entry in central:
            out.write(entry)
        end = out.tell()
        if end > _LIMIT or len(central) > 0xFFFF:
            raise TooLarge(target)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), end - start,
                              start, 0))

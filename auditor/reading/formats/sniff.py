"""What a file really is, from its first bytes (magic numbers), whatever its name says."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ...i18n import _

_CONVERT = "libreoffice --headless --convert-to docx {file}"


@dataclass(frozen=True)
class Kind:
    name: str  # text html mhtml docx pdf | doc wps xls ppt ole encrypted rtf odt xlsx pptx zip image archive
    label: str  # what to call it in a message
    supported: bool

    def advice(self, path: str) -> str:
        """One line: the real type and what to do with it."""
        name = os.path.basename(path) if path != "-" else "FILE"
        tips = {
            "doc": _("Word 97-2003 .doc: save as .docx, or run `{cmd}`"),
            "wps": _("WPS 文字 .wps: save as .docx in WPS, or run `{cmd}`"),
            "rtf": _("RTF document: save as .docx, or run `{cmd}`"),
            "odt": _("OpenDocument text (.odt): save as .docx, or run `{cmd}`"),
            "encrypted": _("password-protected Office file: remove the password (save a copy without it) "
                           "and audit that"),
            "xls": _("Excel spreadsheet, not a report: save the report text as .docx or .txt"),
            "xlsx": _("Excel spreadsheet, not a report: save the report text as .docx or .txt"),
            "ppt": _("PowerPoint file, not a report: save the report text as .docx or .txt"),
            "pptx": _("PowerPoint file, not a report: save the report text as .docx or .txt"),
            "image": _("{label}, an image with no text: run OCR first"),
            "archive": _("{label}: unpack it and audit the report files inside"),
            "zip": _("zip archive, not a Word document: unpack it and audit the report files inside"),
            "ole": _("old Office binary file (not .doc): save the report as .docx"),
            "binary": _("binary file, not a text report"),
        }
        tip = tips.get(self.name, _("unsupported file type ({label})"))
        return tip.format(cmd=_CONVERT.format(file=name), label=self.label)

    def rename(self, path: str) -> str:
        base = os.path.splitext(os.path.basename(path))[0]
        ext = {"html": ".html", "mhtml": ".mhtml", "text": ".txt"}.get(self.name, f".{self.name}")
        return base + ext


def _k(name: str, label: str, supported: bool = False) -> Kind:
    return Kind(name, label, supported)


_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
           (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"BM", None))
_ARCHIVES = ((b"Rar!\x1a\x07", "RAR archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
             (b"\x1f\x8b", "gzip archive"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset", re.I)
_MHTML = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n)*?content-type:\s*multipart/related", re.I | re.M)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes, path: str) -> Kind:
    """The real type of ``data``; ``path`` only breaks ties the bytes cannot (.doc vs .wps)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return _k("pdf", "PDF", True)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return _ole_kind(data, path)
    if head.lstrip().startswith(b"{\\rtf"):
        return _k("rtf", "RTF")
    for magic, label in _IMAGES:
        if data.startswith(magic) and label:
            return _k("image", label)
    for magic, label in _ARCHIVES:
        if data.startswith(magic):
            return _k("archive", label)
    start = data[:4096]
    if _MHTML.search(start[:2048]):
        return _k("mhtml", "saved web page (MHTML)", True)
    if _HTML.search(start.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]):
        return _k("html", "web page (HTML)", True)
    return _k("text", "text", True)


def _zip_kind(data: bytes) -> Kind:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return _k("zip", "damaged zip archive")
    if "word/document.xml" in names:
        return _k("docx", "Word .docx", True)
    if any(n.startswith("xl/") for n in names):
        return _k("xlsx", "Excel .xlsx")
    if any(n.startswith("ppt/") for n in names):
        return _k("pptx", "PowerPoint .pptx")
    if "mimetype" in names and "content.xml" in names:
        return _k("odt", "OpenDocument")
    if "[Content_Types].xml" in names:
        return _k("zip", "Office package without a Word document (corrupt .docx?)")
    return _k("zip", "zip archive")


def _ole_kind(data: bytes, path: str) -> Kind:
    if _utf16("EncryptedPackage") in data:
        return _k("encrypted", "password-protected Office file")
    if _utf16("WordDocument") in data:
        if path.lower().endswith(".wps"):
            return _k("wps", "WPS 文字 .wps")
        return _k("doc", "Word 97-2003 .doc")
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return _k("xls", "Excel 97-2003 .xls")
    if _utf16("PowerPoint Document") in data:
        return _k("ppt", "PowerPoint 97-2003 .ppt")
    if path.lower().endswith(".wps"):
        return _k("wps", "WPS 文字 .wps")
    return _k("ole", "Office binary file")

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
            "doc": _("Word 97-2003 .doc 文件：请另存为 .docx，或运行 `{cmd}`"),
            "wps": _("WPS 文字 .wps 文件：请在 WPS 中另存为 .docx，或运行 `{cmd}`"),
            "rtf": _("RTF 文档：请另存为 .docx，或运行 `{cmd}`"),
            "odt": _("OpenDocument 文档（.odt）：请另存为 .docx，或运行 `{cmd}`"),
            "encrypted": _("设有密码的 Office 文件：请去掉密码另存一份，"
                           "再审核该副本"),
            "xls": _("Excel 表格，不是报告：请把报告正文存为 .docx 或 .txt"),
            "xlsx": _("Excel 表格，不是报告：请把报告正文存为 .docx 或 .txt"),
            "ppt": _("PowerPoint 演示文稿，不是报告：请把报告正文存为 .docx 或 .txt"),
            "pptx": _("PowerPoint 演示文稿，不是报告：请把报告正文存为 .docx 或 .txt"),
            "image": _("{label}：图片没有文字层，请先做 OCR 文字识别"),
            "archive": _("{label}：请解压后审核其中的报告文件"),
            "badzip": _("损坏的文件（zip 结构不完整，如 .docx 下载不全）：请重新保存或重新下载"),
            "zip": _("zip 压缩包，不是 Word 文档：请解压后审核其中的报告文件"),
            "ole": _("旧版 Office 二进制文件（不是 .doc）：请把报告另存为 .docx"),
            "binary": _("二进制文件，不是文本报告"),
        }
        tip = tips.get(self.name, _("不支持的文件类型（{label}）"))
        return tip.format(cmd=_CONVERT.format(file=name), label=_(self.label))

    def rename(self, path: str) -> str:
        base = os.path.splitext(os.path.basename(path))[0]
        ext = {"html": ".html", "mhtml": ".mhtml", "text": ".txt"}.get(self.name, f".{self.name}")
        return base + ext


def _k(name: str, label: str, supported: bool = False) -> Kind:
    return Kind(name, label, supported)


_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG 图片"), (b"\xff\xd8\xff", "JPEG 图片"), (b"GIF8", "GIF 图片"),
           (b"II*\x00", "TIFF 图片"), (b"MM\x00*", "TIFF 图片"), (b"BM", None))
_ARCHIVES = ((b"Rar!\x1a\x07", "RAR 压缩包"), (b"7z\xbc\xaf\x27\x1c", "7-Zip 压缩包"),
             (b"\x1f\x8b", "gzip 压缩包"))
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset", re.I)
_MHTML = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n)*?content-type:\s*multipart/related", re.I | re.M)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes, path: str) -> Kind:
    """The real type of ``data``; ``path`` only breaks ties the bytes cannot (.doc vs .wps)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return _k("pdf", "PDF 文件", True)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(_OLE):
        return _ole_kind(data, path)
    if head.lstrip().startswith(b"{\\rtf"):
        return _k("rtf", "RTF 文档")
    for magic, label in _IMAGES:
        if data.startswith(magic) and label:
            return _k("image", label)
    for magic, label in _ARCHIVES:
        if data.startswith(magic):
            return _k("archive", label)
    start = data[:4096]
    if _MHTML.search(start[:2048]):
        return _k("mhtml", "网页存档（MHTML）", True)
    if _HTML.search(start.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]):
        return _k("html", "网页（HTML）", True)
    return _k("text", "纯文本", True)


def _zip_kind(data: bytes) -> Kind:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return _k("badzip", "损坏的 zip 压缩包")
    if "word/document.xml" in names:
        return _k("docx", "Word .docx 文档", True)
    if any(n.startswith("xl/") for n in names):
        return _k("xlsx", "Excel .xlsx 表格")
    if any(n.startswith("ppt/") for n in names):
        return _k("pptx", "PowerPoint .pptx 演示文稿")
    if "mimetype" in names and "content.xml" in names:
        return _k("odt", "OpenDocument 文档")
    if "[Content_Types].xml" in names:
        return _k("zip", "不含 Word 正文的 Office 包（损坏的 .docx？）")
    return _k("zip", "zip 压缩包")


def _ole_kind(data: bytes, path: str) -> Kind:
    if _utf16("EncryptedPackage") in data:
        return _k("encrypted", "设有密码的 Office 文件")
    if _utf16("WordDocument") in data:
        if path.lower().endswith(".wps"):
            return _k("wps", "WPS 文字 .wps 文件")
        return _k("doc", "Word 97-2003 .doc 文件")
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return _k("xls", "Excel 97-2003 .xls 表格")
    if _utf16("PowerPoint Document") in data:
        return _k("ppt", "PowerPoint 97-2003 .ppt 演示文稿")
    if path.lower().endswith(".wps"):
        return _k("wps", "WPS 文字 .wps 文件")
    return _k("ole", "Office 二进制文件")

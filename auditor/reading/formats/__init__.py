"""Format dispatch: file -> sniffed type -> one reader -> Source (text lines + where each came from).

Every reader hands the pipeline what a text file would give it — numbered lines — so sections,
meta and matching stay format-blind; ``Source.locations`` says where each line sits in the
original (Word paragraph, PDF page and line) so evidence can point there. Heavy libraries
(python-docx, pypdf, trafilatura) are imported inside their reader, only when that format is read:
a .txt audit never pays for them.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from ...errors import AuditorError, os_reason
from ...i18n import _
from .sniff import Kind, sniff

# Limits (docs/formats.md). A report is 10-60 KB of text; a 100 MB "report" took 136 s and
# 3.4 GB before these existed, so refuse before reading rather than after.
MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 500  # PDF pages
MAX_PARAGRAPHS = 20_000  # Word paragraphs (incl. table rows, text boxes, notes)
MAX_UNZIPPED = 200 * 1024 * 1024  # total uncompressed size of a .docx package
MAX_RATIO = 200  # compression ratio of any large member: beyond it, a zip bomb

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
WEB_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *WEB_SUFFIXES, ".docx", ".pdf")


@dataclass(frozen=True)
class Source:
    """A report's text as numbered lines, plus what the format reader knows about them."""

    text: str
    kind: str  # text | html | mhtml | docx | pdf
    locations: dict[int, dict[str, int]] = field(default_factory=dict)  # line -> {"paragraph": n} ...
    notices: tuple[str, ...] = ()  # said once per report (tracked changes accepted, mixed encoding)
    published: str | None = None  # ISO date the page states (发布时间), when the reader saw one
    markdown: bool = False  # lines may carry "# " heading marks (Word heading styles)


def read_bytes(path: str) -> bytes:
    """The file's bytes, refusing anything over MAX_BYTES before reading it into memory."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise AuditorError(_too_big(None), path=path)
        return data
    if not os.path.exists(path):
        raise AuditorError(_("没有这个文件"), path=path)
    if os.path.isdir(path):
        raise AuditorError(_("是文件夹，不是报告文件"), path=path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise AuditorError(_too_big(size), path=path)
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise AuditorError(_("无法读取文件：{error}").format(error=os_reason(exc)), path=path) from None
    if len(data) > MAX_BYTES:
        raise AuditorError(_too_big(len(data)), path=path)
    return data


def _too_big(size: int | None) -> str:
    shown = f"{size / 1024 / 1024:.0f} MB" if size else _("超过 {n} MB").format(n=MAX_BYTES // 1024 // 1024)
    return _("文件过大（{size}，上限 {limit} MB），不是单份报告，未读取").format(
        size=shown, limit=MAX_BYTES // 1024 // 1024)


def load(path: str) -> Source:
    """Read any supported file into a Source; every refusal is one AuditorError naming ``path``."""
    data = read_bytes(path)
    if not data.strip():  # whatever the name says (a .pdf that failed to download is empty too)
        raise AuditorError(_("空文件：没有报告正文"), path=path)
    kind = sniff(data, path)
    _check_suffix(kind, path, data)
    if kind.name == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if kind.name == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path)
    if kind.name in ("html", "mhtml"):
        from .web import read_web

        return read_web(data, path, mhtml=kind.name == "mhtml")
    if kind.name == "text":
        from ..decode import decode_report

        text, notices = decode_report(data, path)
        return Source(text=text, kind="text", notices=tuple(notices))
    raise AuditorError(kind.advice(path), path=path)


def _check_suffix(kind: Kind, path: str, data: bytes) -> None:
    """A file whose name promises one format and whose bytes are another is refused by name:
    reading it as what it is would hide the mix-up (a .pdf that is a Word file was sent as one)."""
    suffix = os.path.splitext(path)[1].lower() if path != "-" else ""
    if not suffix or not kind.supported:
        return
    textual = kind.name in ("text", "html", "mhtml")
    if suffix in TEXT_SUFFIXES + WEB_SUFFIXES and textual:
        return  # a page saved as .txt, a text saved as .htm: content decides, as it always did
    if suffix == f".{kind.name}":
        return
    if suffix in SUPPORTED_SUFFIXES or suffix in (".doc", ".wps", ".rtf", ".odt"):
        if kind.name == "text" and _binary(data, path):  # not text either: renaming would not help
            raise AuditorError(_("扩展名为 {suffix}，内容却是无法识别的二进制数据（文件损坏或下载不全？）："
                                 "请重新保存或重新下载").format(suffix=suffix), path=path)
        raise AuditorError(_("扩展名为 {suffix}，内容却是{real}：请改名为 {fix}").format(
            suffix=suffix, real=_(kind.label), fix=kind.rename(path)), path=path)


def _binary(data: bytes, path: str) -> bool:
    """Bytes the text decoder refuses (random data, a truncated download)."""
    from ..decode import decode_bytes

    try:
        decode_bytes(data, path)
    except AuditorError:
        return True
    return False

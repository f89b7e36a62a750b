"""PDF -> paragraphs with (page, line on the page), running headers/footers and page numbers removed.

pypdfium2 (PDFium, the PDF engine of Chrome) extracts the text layer; docs/formats.md has the
measurements against pdfplumber and pypdf on CJK text. A page breaks paragraphs into lines by
width; lines that run to the right margin are joined with the next (Chinese: without a space),
across page breaks too once headers and footers are gone, so the pipeline sees paragraphs as
in a text file — its "a paragraph opens with …" cues depend on that. Each paragraph keeps the page and line it
starts on: evidence says "p.3:12".
"""

from __future__ import annotations

import re
from collections import Counter

from ...errors import AuditorError
from ...i18n import N_, _
from ..chrome import is_page_number
from ..normalize import width
from . import MAX_PAGES, Source

# Extractors put a space between CJK glyphs placed apart (justified lines): not the author's.
_WIDE = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_WIDE})[ \t]+(?={_WIDE})")
_DIGITS = re.compile(r"\d+")
_NOISE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u00ad]")  # PDFium's hyphen/control marks
_READABLE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef0-9A-Za-z,.;:!?()%“”‘’《》、—-]")
NO_TEXT = N_("PDF 没有文字层（扫描件？）：请先做 OCR 文字识别")


def _damaged(exc: Exception) -> str:
    """PDFium's own words stay at the end, in brackets, for whoever repairs the file."""
    return _("损坏的 PDF（文件不完整，如下载不全）：请重新下载或重新导出（{err}）").format(err=exc)


def read_pdf(data: bytes, path: str) -> Source:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - declared dependency
        raise AuditorError(_("读取 .pdf 需要 pypdfium2（pip install pypdfium2）"), path=path) from None
    try:
        # An owner password only restricts printing/copying: PDFium opens those without one.
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise AuditorError(_("PDF 设有打开密码：请用密码打开后另存一份无密码的副本，"
                                 "再审核该副本"), path=path) from None
        raise AuditorError(_damaged(exc), path=path) from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise AuditorError(_("页数过多（{n} 页，上限 {limit} 页），不是单份报告").format(
                n=count, limit=MAX_PAGES), path=path)
        pages = []
        for i in range(count):
            page = document[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise AuditorError(_damaged(exc), path=path) from None
    finally:
        document.close()
    return _source(pages, path)


def page_lines(page_text: str) -> list[tuple[int, str]]:
    """(line on the page, text) of the non-blank lines, CJK gaps closed."""
    out = []
    for no, line in enumerate(page_text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = _CJK_GAP.sub("", _NOISE.sub("", line)).rstrip()
        if line.strip():
            out.append((no, line))
    return out


def _key(line: str) -> str:
    """Running header/footer identity: page numbers inside it vary, the rest does not."""
    return _DIGITS.sub("#", "".join(width(line).split()))


def furniture(pages: list[list[tuple[int, str]]]) -> set[tuple[int, int]]:
    """(page index, line no) of running headers, footers and page numbers.

    A line among the first or last two of a page is furniture when it is a page number, or when
    the same line (digits aside) sits at the edge of at least half the pages (three or more)."""
    edges: Counter[str] = Counter()
    for lines in pages:
        for _no, text in {*lines[:2], *lines[-2:]}:
            edges[_key(text)] += 1
    need = max(3, (len(pages) + 1) // 2)
    out: set[tuple[int, int]] = set()
    for p, lines in enumerate(pages):
        for no, text in {*lines[:2], *lines[-2:]}:
            number = is_page_number(" ".join(width(text).split()))
            if number or (len(pages) >= 3 and edges[_key(text)] >= need):
                out.add((p, no))
    return out


_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D"
                   r"|第[一二三四五六七八九十\d]+[章节部分条])")
SLACK = 1  # columns: a line this close to the widest lines ran to the margin, the paragraph goes on


def _width(text: str) -> int:
    """Display width: CJK and full-width forms take two columns, ASCII one."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text.strip())


def _margin(lines: list[str]) -> float:
    """Width of a full line: the 90th percentile of the document's line widths."""
    widths = sorted(_width(t) for t in lines if len(t.strip()) >= 8)
    return widths[int(len(widths) * 0.9)] if widths else 0.0


def _source(texts: list[str], path: str) -> Source:
    pages = [page_lines(t) for t in texts]
    chars = sum(len("".join(text.split())) for lines in pages for _no, text in lines)
    if chars < max(20, 5 * len(pages)):
        raise AuditorError(_(NO_TEXT), path=path)
    visible = "".join(text for lines in pages for _no, text in lines)
    readable = len(_READABLE.findall(visible))
    if readable < 0.5 * len("".join(visible.split())):
        # Fonts embedded without a Unicode map extract as private-use or Latin-1 noise.
        raise AuditorError(_("PDF 的文字层无法识别（字体缺少 Unicode 映射）：请先做 OCR 文字识别，"
                             "或从原始 Word 文件另存"), path=path)
    drop = furniture(pages)
    kept = [(p + 1, no, text) for p, page in enumerate(pages) for no, text in page if (p, no) not in drop]
    full = _margin([t for _p, _n, t in kept]) - SLACK
    lines: list[str] = []
    locations: dict[int, dict[str, int]] = {}
    joining = False
    for page, no, text in kept:
        if joining and not _HEAD.match(text):
            lines[-1] += text.strip()
        else:
            lines.append(text.strip())
            locations[len(lines)] = {"page": page, "page_line": no}
        joining = full > 0 and _width(text) >= full
    if not lines:
        raise AuditorError(_(NO_TEXT), path=path)
    return Source(text="\n".join(lines) + "\n", kind="pdf", locations=locations)

"""Saved web pages (.html/.htm in any declared encoding, .mhtml) -> the article's lines.

trafilatura finds the article body and drops the portal around it (menus, breadcrumbs,
【字体：大 中 小】, 打印本页/关闭窗口, share bars, related links, 版权所有/ICP备 footers) by page
structure and link density, which a list of regexes cannot keep up with. Two facts live outside
the article body and are taken from the page itself: the article heading (the page <title>
carries the site name: "…报告_霍州市人民政府") and the publication date (发布时间), which
`auditor check` judges lateness from.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import AuditorError
from ...i18n import _
from .. import dates
from . import Source

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5hkscs", "unicode": "utf-8"}
# Strongest first: the page's own publication date, then a bare 日期：, then other dates.
_PUBLISHED = (re.compile(r"发布(?:时间|日期)\s*[\]】]?\s*[:：]?\s*(.{6,24})"),
              re.compile(r"(?<!成文)(?<!发文)(?<!更新)(?<!印发)(?<![成更发])(?:时间|日期)\s*[\]】]?\s*[:：]\s*(.{6,24})"),
              re.compile(r"(?:更新|发文)(?:时间|日期)\s*[\]】]?\s*[:：]?\s*(.{6,24})"))
_SITE_SEP = re.compile(r"\s*(?:[_|｜]|--?|——|—|-)\s*")
_REPORT_TITLE = re.compile(r"报告|情况|总结|工作")


def decode_html(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode with the page's own charset (HTTP part header or <meta>), else like a text file."""
    names = [declared] if declared else []
    m = _CHARSET.search(data[:8192])
    if m:
        names.append(m.group(1).decode("ascii", "replace"))
    for name in names:
        enc = _ALIASES.get(name.lower(), name.lower())
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            try:
                text = data.decode(enc, errors="replace")
            except LookupError:
                continue
            if text.count("\ufffd") <= max(4, len(data) // 2000):
                return text
    from ..decode import decode_bytes

    return decode_bytes(data, path)


def _mhtml_html(data: bytes, path: str) -> str:
    """The first text/html part of a MIME multipart/related archive (what browsers save)."""
    import email
    import email.policy

    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            return decode_html(payload, path, part.get_content_charset())
    raise AuditorError(_("MHTML 文件中没有网页（缺少 text/html 部分）"), path=path)


def read_web(data: bytes, path: str, mhtml: bool = False) -> Source:
    html = _mhtml_html(data, path) if mhtml else decode_html(data, path)
    html = _XML_DECL.sub("", html.lstrip("\ufeff"))
    try:
        import trafilatura
        from lxml import html as lxml_html
    except ImportError:  # pragma: no cover - declared dependency
        raise AuditorError(_("读取网页需要 trafilatura（pip install trafilatura）"),
                           path=path) from None
    try:
        tree = lxml_html.fromstring(html)
    except Exception as exc:  # lxml ParserError on an empty or non-HTML document
        raise AuditorError(_("无法解析网页：{err}").format(err=exc), path=path) from None
    title = heading(tree)
    published = _published(tree)
    unwrap_layout_tables(tree)
    body = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=True,
                               include_links=False, include_images=False, deduplicate=False,
                               favor_recall=True, with_metadata=False)
    if not body or not body.strip():
        raise AuditorError(_("空报告：网页中没有正文"), path=path)
    # What the extractor kept of the portal (a menu row, the 日期/来源 line, a footer in the same
    # layout table as the article) is dropped with the text reader's own chrome test: a saved
    # page is not a draft, and nobody can delete those lines from a portal.
    lines = [row for line in body.splitlines() if (row := _row(line.strip())) and not _chrome(row)]
    if title:
        # The heading leads, once: trafilatura may keep it, drop it, or keep it as a table row.
        lines = [line for k, line in enumerate(lines) if not (k < 5 and line.strip("|，。 ") == title)]
        lines.insert(0, title)
    locations = {n: {"paragraph": n} for n in range(1, len(lines) + 1)}
    return Source(text="\n".join(lines) + "\n", kind="mhtml" if mhtml else "html", locations=locations,
                  published=published)


def unwrap_layout_tables(tree: Any) -> None:
    """Old portals lay pages out with tables; a cell holding paragraphs is layout, not data, and
    left as a table its paragraphs would come out as one row. Such tables become plain blocks;
    tables of short text cells (figures in the report) stay tables."""
    for table in list(tree.iter("table")):
        if table.xpath(".//td//p|.//td//div|.//td//br|.//td//table|.//th//p"):
            own = [el for el in table.iter("tbody", "thead", "tfoot", "tr", "td", "th")
                   if next(el.iterancestors("table"), None) is table]  # not a nested table's cells
            for el in [table, *own]:
                el.tag = "div"
                for attr in ("colspan", "rowspan", "width", "align", "valign"):
                    el.attrib.pop(attr, None)


def _row(line: str) -> str:
    """A data-table row as trafilatura writes it (``| a | b |``) -> one sentence, cells joined
    with "，" as .docx rows are."""
    if not (line.startswith("|") and line.endswith("|")):
        return line
    cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line[1:-1])]
    cells = [c for c in cells if c and not re.fullmatch(r"-+", c)]
    return "，".join(c.rstrip("。，,") for c in cells) + "。" if cells else ""


def _chrome(line: str) -> bool:
    from ..chrome import is_chrome, is_page_number
    from ..normalize import norm

    n = norm(line)
    return is_chrome(n) or is_page_number(n)


def _texts(tree: Any, xpath: str) -> list[str]:
    out = []
    for el in tree.xpath(xpath):
        text = " ".join(el.text_content().split())
        if 4 <= len(text) <= 100:
            out.append(text)
    return out


def heading(tree: Any) -> str | None:
    """The article heading: an <h1>-<h3> or a title-classed element that the page <title>
    starts with (portals append the site name), else <title> without the site part."""
    page_title = " ".join((tree.findtext(".//title") or "").split())
    candidates = _texts(tree, "//h1|//h2|//h3") + _texts(
        tree, "//*[contains(@class,'title') or contains(@id,'title')][not(self::title)]")
    for cand in candidates:
        if page_title and (page_title.startswith(cand) or cand in page_title) and _REPORT_TITLE.search(cand):
            return cand
    for cand in candidates:
        if _REPORT_TITLE.search(cand) and re.search(r"法治|依法", cand):
            return cand
    if page_title:
        parts = [p for p in _SITE_SEP.split(page_title) if p]
        best = max(parts, key=lambda p: (bool(_REPORT_TITLE.search(p)), len(p)))
        return best
    return None


def _published(tree: Any) -> str | None:
    """发布时间/发布日期/日期： as shown on the page, outside the article body."""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.getparent().remove(bad)
    text = tree.text_content()
    for pattern in _PUBLISHED:
        for m in pattern.finditer(text):
            iso = dates.find_date(m.group(1))
            if iso:
                return iso
    return None

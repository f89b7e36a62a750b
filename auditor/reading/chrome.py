"""Source lines and web-page chrome.

Most reports are copied off a government portal, so breadcrumbs, font-size switches, ICP
numbers and "share to" bars sit around the body.  They must not become evidence or inflate
``chars``, but their line numbers still count, so lines are kept as ``(line_no, text)`` pairs
with the number of the source line; HTML tags are dropped in place for the same reason.
"""

from __future__ import annotations

import html
import re
from itertools import repeat
from typing import NamedTuple

from .gates import _top_level, gated


class SrcLine(NamedTuple):
    no: int  # 1-based line in the original file
    text: str  # original characters of that (part of the) line, tags removed for HTML


_BLOCK = re.compile(r"<\s*/?\s*(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer"
                    r"|nav|title|blockquote|pre|dd|dt|dl|form|hr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_HIDDEN_OPEN = re.compile(r"<\s*(script|style|noscript|template)\b", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


# Only these end a line in an editor (and in `grep -n`); str.splitlines() also breaks at form
# feeds (one per page in text from PDFs), \x1c-\x1e, \x85 and U+2028, which shifts every line
# number after them.
_NEWLINE = re.compile(r"\r\n|\r|\n")
# Control characters left by PDF and Word extraction: invisible, never part of a phrase.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85]")
# _has_control: all of them but \x85 are ASCII; every other ASCII character as bytes
_ASCII_NOT_CONTROL = bytes(b for b in range(128) if not _CONTROL.match(chr(b)))


def _has_control(text: str) -> bool:
    """``_CONTROL.search(text) is not None``: the regex engine tests every character against the
    class (~10 us a report), while the text's ASCII characters alone (a tenth of a report),
    kept by the encoder and sifted by bytes.translate, are found in C at a fifth of that."""
    return "\x85" in text or bool(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_CONTROL))


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (a final newline does not open an empty last line)."""
    # the regex opens on an alternation, so re tries it at every character; without a "\r" it
    # can only split where str.split does
    lines = _NEWLINE.split(text) if "\r" in text else text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def source_lines(text: str, path: str = "", html: bool = True) -> list[SrcLine]:
    """Split into numbered lines; for .html/.htm, strip markup but keep source numbering.
    ``html=False``: text a format reader produced (formats/), never markup."""
    if html and (path.lower().endswith((".html", ".htm", ".xhtml")) or _looks_html(text)):
        return _html_lines(text)
    lines = split_lines(text)
    if lines and _has_control(text):
        # one substitution for all lines: "\n" is no control character here, and no line holds one
        lines = _CONTROL.sub("", "\n".join(lines)).split("\n")
    # tuple.__new__ straight from each (number, line) pair, all in C: no Python-level call per
    # line (the namedtuple's __new__ and _make are Python functions)
    return list(map(tuple.__new__, repeat(SrcLine), enumerate(lines, start=1)))


def _looks_html(text: str) -> bool:
    head = text[:2000]
    if "<" not in head:  # both marks open on it, and no other character lower-cases to it
        return False
    head = head.lower()
    return "<html" in head or "<!doctype html" in head


def _html_lines(text: str) -> list[SrcLine]:
    # Blank out comments and hidden elements with newlines preserved, so numbering survives.
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    out: list[str] = []
    pos = 0
    for m in _HIDDEN_OPEN.finditer(text):
        if m.start() < pos:
            continue
        close = re.compile(rf"<\s*/\s*{m.group(1)}\s*>", re.I).search(text, m.end())
        end = close.end() if close else len(text)
        out.append(text[pos:m.start()])
        out.append("\n" * text.count("\n", m.start(), end))
        pos = end
    out.append(text[pos:])
    text = "".join(out)
    lines: list[SrcLine] = []
    for no, raw in enumerate(split_lines(text), start=1):
        for part in _BLOCK.split(raw):
            clean = _CONTROL.sub("", html.unescape(_TAG.sub("", part)))
            if clean.strip():
                lines.append(SrcLine(no, clean))
    return lines


# Whole-line chrome: matched on the normalised line (half-width, simplified).
_CHROME_WORDS = "|".join(r"""
    ^\W*(?:首页|主页|网站首页)\s*(?:>|»|/|\|)   (?:您|你)(?:当前)?(?:所在)?的?位置   当前位置   ^\W*>
    【\s*字体   字体\s*[:：]?\s*\[?\s*大\s*\]?\s*\[?\s*中   ^\W*(?:打印|关闭|收藏)(?:本页|窗口)?\W*$
    网站地图   联系我们   ICP\s*备   公网安备   版权所有   ©|\(c\)\s*\d{4}|Copyright|All\sRights\sReserved
    (?:主办|承办|协办)单位\s*[:：]   技术支持\s*[:：]   网站标识码   浏览(?:次数|量)
    点击(?:率|量|数)\s*[:：]   阅读(?:次数|量)\s*[:：]   ^\W*无障碍|无障碍(?:版本|浏览|阅读)|适老化
    登录\s*\|\s*注册   支持\s*IPv6   分享到   相关(?:热词|链接|文章|阅读|新闻|附件)   ^\W*(?:上|下)一篇
    扫一扫   分辨率   最佳浏览|浏览效果   涉密文件严禁上网   ^\W*今天是   简体\s*\|?\s*繁体
    ^\W*\[\s*(?:索引号|发文字号|主题分类|体裁分类|发布机构|有效性|成文日期|发布日期)
    Powered\sby   备案号   小编   供大家参考   未经授权   ^\W*(?:信息|文章)?来源\s*[:：]
    ^\W*(?:发布|更新|成文)(?:时间|日期)\s*[:：]   ^\W*(?:时间|日期)\s*[:：]\s*\d{4}
    ^\W*【\s*(?:大|中|小)\s*】
    ^\W*(?:返回顶部|返回首页|打印本页|关闭窗口)   ^\W*(?:微信|微博)\W*$
    ^\W*(?:索引号|发文字号|文号|主题分类|发布机构)\s*[:：]
""".split())
_CHROME = re.compile(_CHROME_WORDS, re.I)
# is_chrome runs on every short line: _CHROME split in two finds the same lines about 2x faster,
# the branches anchored at the line start tried there only, the others behind a gate on their
# first characters (gates.gated; re.I applies to the gate as to the words, so it holds case
# variants alike).  tests/test_reading_fast.py checks the pair against _CHROME on every line.
# The anchored branches all open on ^\W*: it is matched once and the rest tried after it, which
# finds a match exactly when one of them would (is_chrome asks only whether one does) in half
# the time, where each branch matched its own \W* again.
_AT_START = [w for w in _top_level(_CHROME_WORDS, "|") if w.startswith("^")]
_CHROME_AT_START = re.compile(r"^\W*(?:" + "|".join(w[len(r"^\W*"):] for w in _AT_START) + ")"
                              if all(w.startswith(r"^\W*") for w in _AT_START) else "|".join(_AT_START), re.I)
_CHROME_ANYWHERE = re.compile(gated("|".join(w for w in _top_level(_CHROME_WORDS, "|")
                                             if not w.startswith("^"))), re.I)
# A byline: an organisation name followed by a date and nothing else.
_BYLINE = re.compile(r"^\s*[\u4e00-\u9fff]{2,20}\s+\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*星期.)?\s*$")


def is_chrome(norm_line: str) -> bool:
    """A line that belongs to the web page, not to the report."""
    if len(norm_line) > 160:
        return False  # body paragraphs are long; chrome lines never are
    return bool(_CHROME_AT_START.match(norm_line) or _CHROME_ANYWHERE.search(norm_line)
                or _BYLINE.match(norm_line))


# Page furniture of text extracted from PDF or Word: "- 3 -", "— 3 —", "第3页", "第 3 页 共 12 页",
# "3/12", a bare page number.  Not web chrome (nothing to report to a drafter), just not text.
# A draft's status on a line of its own, (征求意见稿), is furniture of the same kind: no text.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–_~]+\s*\d{1,4}\s*[-—–_~]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    r"|[(\[【]\s*(?:征求意见|送审|讨论|修改|审议|代拟|初|草|报批|公示)稿\s*[)\]】])$", re.I)


def is_page_number(norm_line: str) -> bool:
    first = norm_line[:1]  # what every form above starts with (\d: str.isdecimal); most lines don't
    if not first or (first not in "-—–_~第pP([【" and not first.isdecimal()):
        return False
    return bool(_PAGE_NUMBER.match(norm_line))


_NAV_PUNCT = re.compile(r"[。,，;；:：!?]")


def is_nav(norm_line: str) -> bool:
    """A short label line (menu item, category name) such as ``工作报告`` or ``乡镇``."""
    s = norm_line.strip(" •·|>-")
    return len(s) <= 12 and not _NAV_PUNCT.search(s)

"""Word .docx -> lines, one per paragraph (table rows, text boxes and notes included).

python-docx opens the package and resolves styles and parts; the text of each paragraph is
walked in the XML directly because the audit needs what python-docx's ``Paragraph.text`` leaves
out: inserted text of tracked changes (``w:ins``), list numbers Word draws but does not store
(一、 （一） 1.), text boxes and the footnotes a paragraph refers to.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ...errors import AuditorError
from ...i18n import _
from . import MAX_PARAGRAPHS, MAX_RATIO, MAX_UNZIPPED, Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
# Subtrees whose text is not part of the accepted document: deleted/moved-away text (accepting
# all changes), property-change records, text boxes (read as their own lines), compatibility
# fallbacks (a second copy of every text box), field instructions.
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", f"{_W}txbxContent", f"{{{MC}}}Fallback",
         f"{_W}instrText", f"{_W}delText", f"{_W}footnoteReference", f"{_W}endnoteReference"}
_CHANGES = (f"{_W}ins", f"{_W}del", f"{_W}moveFrom", f"{_W}moveTo")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]"
                       r"|第[一二三四五六七八九十]+)")
_END = "。！？；!?;：:"


def check_zip(data: bytes, path: str) -> None:
    """Refuse a zip bomb before python-docx inflates it: total size, ratio, member count."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise AuditorError(_("损坏的 .docx（不是可读的 zip 包）：{err}").format(err=exc),
                           path=path) from None
    total = sum(i.file_size for i in infos)
    bomb = len(infos) > 10_000 or total > MAX_UNZIPPED or any(
        i.file_size > 10 * 1024 * 1024 and i.file_size > MAX_RATIO * max(1, i.compress_size) for i in infos)
    if bomb:
        raise AuditorError(_("拒绝读取：该 .docx 解压后达 {mb} MB（疑似 zip 炸弹）").format(
            mb=total // 1024 // 1024), path=path)


def read_docx(data: bytes, path: str) -> Source:
    check_zip(data, path)
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover - declared dependency
        raise AuditorError(_("读取 .docx 需要 python-docx（pip install python-docx）"),
                           path=path) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise AuditorError(_("损坏的 .docx（不是 Word 文档）：{err}").format(err=exc),
                           path=path) from None
    except Exception as exc:  # lxml XMLSyntaxError and friends: a damaged part
        raise AuditorError(_("损坏的 .docx：{err}").format(err=exc), path=path) from None
    return _Reader(document, path).run()


class _Reader:
    def __init__(self, document: Any, path: str) -> None:
        self.doc = document
        self.path = path
        self.lines: list[str] = []
        self.locations: dict[int, dict[str, int]] = {}
        self.paragraph = 0
        self.changes = False
        self.heading_marks = False
        self.numbering = _Numbering(document)
        self.styles = _styles(document)
        self.notes = {kind: _notes(document, kind) for kind in ("footnotes", "endnotes")}

    def run(self) -> Source:
        body = self.doc.element.body
        self.changes = next(body.iter(*_CHANGES), None) is not None  # anywhere: tables, boxes too
        for block in body.iterchildren():
            if block.tag == f"{_W}p":
                self._paragraph(block)
            elif block.tag == f"{_W}tbl":
                self._table(block)
            elif block.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs and tables
                for inner in block.iter(f"{_W}p", f"{_W}tbl"):
                    if inner.getparent().tag == f"{_W}sdtContent":
                        (self._paragraph if inner.tag == f"{_W}p" else self._table)(inner)
        if not any(s.strip() for s in self.lines):
            raise AuditorError(_("空白的 .docx：没有段落文字"), path=self.path)
        notices = (_("文档含修订痕迹：按接受全部修订后的文本审核"),) if self.changes else ()
        return Source(text="\n".join(self.lines) + "\n", kind="docx", locations=self.locations,
                      notices=notices, markdown=self.heading_marks)

    def _emit(self, text: str) -> None:
        for part in text.split("\n"):
            if part.strip():
                self.lines.append(part)
                self.locations[len(self.lines)] = {"paragraph": self.paragraph}

    def _next(self) -> None:
        self.paragraph += 1
        if self.paragraph > MAX_PARAGRAPHS:
            raise AuditorError(_("段落过多（超过 {n} 段），不是单份报告").format(
                n=MAX_PARAGRAPHS), path=self.path)

    def _paragraph(self, p: Any) -> None:
        text = _text(p)
        boxes = [b for b in p.iter(f"{_W}txbxContent") if not _in_fallback(b)]
        refs = [(kind, r.get(f"{_W}id")) for kind, tag in (("footnotes", "footnoteReference"),
                                                           ("endnotes", "endnoteReference"))
                for r in p.iter(f"{_W}{tag}")]
        if not text.strip() and not boxes and not refs:
            return
        self._next()
        if text.strip():
            self._emit(self._label(p, text) + text)
        for box in boxes:
            for inner in box.iter(f"{_W}p"):
                self._emit(_text(inner))
        for kind, note_id in refs:
            self._emit(self.notes[kind].get(note_id, ""))

    def _label(self, p: Any, text: str) -> str:
        """Numbering Word draws (一、), or a Markdown heading mark for a heading style without one."""
        ppr = p.find(f"{_W}pPr")
        style = ppr.find(f"{_W}pStyle").get(f"{_W}val") if ppr is not None and ppr.find(
            f"{_W}pStyle") is not None else None
        label = self.numbering.label(ppr, self.styles.get(style or "", {}))
        if label:
            return label
        level = self.styles.get(style or "", {}).get("heading")
        if level and not _NUMBERED.match(text) and len(text) <= 60:
            self.heading_marks = True
            return "#" * level + " "
        return ""

    def _table(self, tbl: Any) -> None:
        for tr in tbl.iter(f"{_W}tr"):
            if _ancestor(tr, f"{_W}tbl") is not tbl:
                continue  # a nested table's rows are read with its own cell
            cells: list[str] = []
            for tc in tr.iterchildren(f"{_W}tc"):
                text = "".join(_text(p) for p in tc.iter(f"{_W}p")).strip()
                if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                    cells.append(text)
            if cells:
                self._next()
                row = "，".join(c.rstrip(_END + "，,") for c in cells)
                self._emit(row + "。")


def _ancestor(el: Any, tag: str) -> Any:
    parent = el.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _in_fallback(el: Any) -> bool:
    return _ancestor(el, f"{{{MC}}}Fallback") is not None


def _text(p: Any) -> str:
    """A paragraph's text with every tracked change accepted."""
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag == f"{_W}tab":
                out.append(" ")
            elif tag in (f"{_W}br", f"{_W}cr"):
                if child.get(f"{_W}type") not in ("page", "column"):
                    out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _styles(document: Any) -> dict[str, dict[str, Any]]:
    """style id -> {"heading": level, "numPr": element} following basedOn chains."""
    raw: dict[str, Any] = {}
    try:
        styles_el = document.styles.element
    except Exception:  # a package without styles.xml
        return {}
    for st in styles_el.iterchildren(f"{_W}style"):
        sid = st.get(f"{_W}styleId")
        if sid:
            raw[sid] = st
    out: dict[str, dict[str, Any]] = {}
    for sid, st in raw.items():
        info: dict[str, Any] = {}
        seen: set[str] = set()
        cur = st
        while cur is not None and cur.get(f"{_W}styleId") not in seen:
            seen.add(cur.get(f"{_W}styleId"))
            name = cur.find(f"{_W}name")
            m = _HEADING_STYLE.match(name.get(f"{_W}val", "") if name is not None else "")
            ppr = cur.find(f"{_W}pPr")
            outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
            if "heading" not in info:
                if m:
                    info["heading"] = int(m.group(1))
                elif outline is not None and outline.get(f"{_W}val", "9").isdigit() and \
                        int(outline.get(f"{_W}val")) < 6:
                    info["heading"] = int(outline.get(f"{_W}val")) + 1
            if "numPr" not in info and ppr is not None and ppr.find(f"{_W}numPr") is not None:
                info["numPr"] = ppr.find(f"{_W}numPr")
            based = cur.find(f"{_W}basedOn")
            cur = raw.get(based.get(f"{_W}val")) if based is not None else None
        out[sid] = info
    return out


def _notes(document: Any, kind: str) -> dict[str, str]:
    """footnote/endnote id -> its text (separators, ids -1 and 0, are not notes)."""
    rel = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind[:-1]}s"
    for r in document.part.rels.values():
        if r.reltype == rel and not r.is_external:
            from lxml import etree

            try:
                root = etree.fromstring(r.target_part.blob)
            except etree.XMLSyntaxError:
                return {}
            return {n.get(f"{_W}id"): "".join(_text(p) for p in n.iter(f"{_W}p")).strip()
                    for n in root.iterchildren(f"{_W}{kind[:-1]}")
                    if n.get(f"{_W}type") not in ("separator", "continuationSeparator",
                                                    "continuationNotice")}
    return {}


# --- list numbering: the "一、" Word shows but does not store in the text ------------------------

_CN = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "chineseLegalSimplified"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalFullWidth":
        return str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iterchildren(f"{_W}abstractNum"):
            lvls: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iterchildren(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                txt = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                lvls[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    txt.get(f"{_W}val", "") if txt is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1)
            abstract[an.get(f"{_W}abstractNumId")] = lvls
        for num in root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def label(self, ppr: Any, style: dict[str, Any]) -> str:
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        numpr = numpr if numpr is not None else style.get("numPr")
        if numpr is None:
            return ""
        num_el, lvl_el = numpr.find(f"{_W}numId"), numpr.find(f"{_W}ilvl")
        num_id = num_el.get(f"{_W}val") if num_el is not None else None
        ilvl = int(lvl_el.get(f"{_W}val", "0")) if lvl_el is not None else 0
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id or "", [0] * 9)
        if ilvl >= len(counts):
            return ""
        start = levels[ilvl][2]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        fmt, template, _start = levels[ilvl]
        if fmt == "bullet":
            return ""

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            return _format(counts[k] or levels[k][2], levels[k][0])

        return re.sub(r"%(\d)", value, template)

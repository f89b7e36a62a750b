"""Report records -> self-contained HTML pages (one per report, plus an index for a batch).

The page is made by Jinja2 templates with autoescaping on (auditor/output/templates/): every
string from a report reaches the page as escaped text, so a report that contains ``<script>``
shows those characters and runs nothing. This module only prepares plain values (which spans of
which line to mark, bar geometry, colours); markup lives in the templates.

Everything that names a status or an evidence kind is driven by auditor/labels.py: a status or
kind added there gets its label, legend entry and CSS class here without code changes (it is
drawn in a neutral colour until _STATUS_COLORS / _KIND_COLORS give it one).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from auditor.i18n import _, language, ngettext
from auditor.labels import KIND_LABELS, kind_label, level_label, part_label, status_label
from auditor.output.areas import area_summaries, statuses_in_order
from auditor.output.location import location_label

# (background, text) per status and per evidence kind. Familiar good/neutral/bad colours, the
# same family as the spreadsheet's fills; kinds are tints light enough to read text through.
_STATUS_COLORS = {
    "covered": ("#2e7d32", "#ffffff"),
    "partial": ("#f9a825", "#3e2a00"),
    "mentioned": ("#7e57c2", "#ffffff"),
    "planned": ("#4f8fc6", "#ffffff"),
    "missing": ("#c62828", "#ffffff"),
    "not_applicable": ("#bdbdbd", "#333333"),
}
_KIND_COLORS = {  # (tint behind the sentence, underline): the text itself stays dark
    "achievement": ("#e2f4e3", "#43a047"),
    "plan": ("#e3eefb", "#1e88e5"),
    "gap": ("#fde4e4", "#e53935"),
    "mention": ("#eee7f8", "#8e6cc9"),
}
_NEUTRAL = ("#9e9e9e", "#ffffff")
_NEUTRAL_KIND = ("#eeeeee", "#9e9e9e")

MAX_SPAN_LINES = 8  # a wrapped sentence is looked for over at most this many lines


# --- locations ---------------------------------------------------------------------------------
# Today every location is a line of the file. Readers that locate by paragraph or page (.docx,
# .pdf) change these two functions and nothing else.

def anchor(rec: dict[str, Any]) -> str | None:
    """The element id a record (evidence, gap, finding, structure part or text line) points at."""
    line = rec.get("line")
    return f"L{line}" if isinstance(line, int) else None


def margin_label(rec: dict[str, Any]) -> str:
    """What the margin and the item list show for a location: the bare line number for a text
    file, ``¶12`` / ``p.3:12`` where the reader knows paragraphs or pages (location_label)."""
    if rec.get("paragraph") or rec.get("page"):
        return location_label(rec)
    line = rec.get("line")
    return str(line) if isinstance(line, int) else ""


# --- marking evidence in the text ------------------------------------------------------------

@dataclass
class Hit:
    """One highlighted sentence: where it is, what it says, which items it supports."""

    id: str
    kind: str
    items: list[str]
    segments: list[tuple[int, int, int]]  # (index into lines, start, end)


def _locate(lines: list[str], starts: dict[int, int], line: int, text: str
            ) -> list[tuple[int, int, int]]:
    """Where ``text`` (a sentence quoted as written) sits in the text, starting on ``line``:
    spans per line. Whitespace is ignored, because a sentence wrapped over several lines is
    quoted without the line breaks. Falls back to the whole line when the sentence is not found
    (then the reader still lands in the right place)."""
    first = starts.get(line)
    if first is None:
        return []
    needle = "".join(text.split())
    if needle:
        flat: list[str] = []
        where: list[tuple[int, int]] = []
        for idx in range(first, min(first + MAX_SPAN_LINES, len(lines))):
            for col, ch in enumerate(lines[idx]):
                if not ch.isspace():
                    flat.append(ch)
                    where.append((idx, col))
        at = "".join(flat).find(needle)
        if at >= 0:
            segments: dict[int, list[int]] = {}
            for idx, col in where[at:at + len(needle)]:
                seg = segments.setdefault(idx, [col, col + 1])
                seg[1] = col + 1
            return [(idx, s, e) for idx, (s, e) in segments.items()]
    return [(first, 0, len(lines[first]))]


class _Marks:
    """Collects the highlighted sentences of one report; one Hit per sentence, however many
    items it supports."""

    def __init__(self, lines: list[str], starts: dict[int, int]) -> None:
        self.lines = lines
        self.starts = starts
        self.hits: dict[tuple[int, int, int], Hit] = {}
        self.taken: dict[int, list[tuple[int, int]]] = {}  # line index -> spans already marked
        self.by_item: dict[str, list[str]] = {}

    def add(self, rec: dict[str, Any], kind: str, items: Iterable[str]) -> Hit | None:
        line = rec.get("line")
        if not isinstance(line, int):
            return None
        segments = _locate(self.lines, self.starts, line, rec.get("text", ""))
        if not segments:
            return None
        key = segments[0]
        hit = self.hits.get(key)
        if hit is None:
            # Sentences do not overlap; a fallback whole-line span might, and then the part
            # already marked keeps its mark.
            kept = [s for s in segments
                    if not any(a < s[2] and s[1] < b for a, b in self.taken.get(s[0], []))]
            if not kept:
                return None
            hit = Hit(f"s{len(self.hits) + 1}", kind, [], kept)
            self.hits[key] = hit
            for idx, start, end in kept:
                self.taken.setdefault(idx, []).append((start, end))
        for item in items:
            if item not in hit.items:
                hit.items.append(item)
                self.by_item.setdefault(item, []).append(hit.id)
        return hit

    def pieces(self, idx: int) -> list[dict[str, Any]]:
        """Line ``idx`` cut into plain and marked pieces, for the template to escape and wrap."""
        text = self.lines[idx]
        spans = sorted((s, e, h) for h in self.hits.values() for i, s, e in h.segments if i == idx)
        out: list[dict[str, Any]] = []
        pos = 0
        for start, end, hit in spans:
            if start > pos:
                out.append({"text": text[pos:start], "hit": None})
            out.append({"text": text[start:end], "hit": hit,
                        "first": (idx, start) == hit.segments[0][:2]})
            pos = end
        if pos < len(text) or not out:
            out.append({"text": text[pos:], "hit": None})
        return out


_WORD_HEADING = r"#{1,6} "  # how the .docx reader marks a Word heading style


def _drop_prefix(pieces: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The line's pieces without its first ``n`` characters (a mark may start inside them)."""
    out = []
    for piece in pieces:
        cut = min(n, len(piece["text"]))
        n -= cut
        if cut < len(piece["text"]):
            out.append({**piece, "text": piece["text"][cut:]})
    return out or [{"text": "", "hit": None}]


def _margin_note(places: dict[str, dict[str, int]]) -> str:
    """What the margin numbers are: a PDF shows p.3:12, a .docx or web page ¶12, a text L12."""
    if any("page" in p for p in places.values()):
        return _("（按原文照录，左侧为页码和页内行号）")
    if places:
        return _("（按原文照录，左侧为段落号）")
    return _("（按原文照录，左侧为行号）")


# --- view models -----------------------------------------------------------------------------

def _colors(table: dict[str, tuple[str, str]], keys: Iterable[str],
            fallback: tuple[str, str]) -> list[dict[str, str]]:
    return [{"key": k, "bg": table.get(k, fallback)[0], "fg": table.get(k, fallback)[1]} for k in keys]


def _score_class(score: float | None) -> str:
    if score is None:
        return "na"
    return "good" if score >= 80 else "fair" if score >= 60 else "poor"


def _chart(areas: list[Any], statuses: list[str]) -> dict[str, Any]:
    """Geometry of the coverage chart: one horizontal bar per area, one segment per status,
    lengths proportional to the number of items (the same scale for every area)."""
    unit = 30  # px per item
    bar_x, row_h = 170, 26
    widest = max((len(a.items) for a in areas), default=1)
    rows = []
    for n, area in enumerate(areas):
        x = bar_x
        segs = []
        for status in statuses:
            count = area.counts.get(status, 0)
            if count:
                segs.append({"status": status, "label": status_label(status),
                             "count": count, "x": x, "w": count * unit})
                x += count * unit
        rows.append({"name": area.name, "y": n * row_h, "segs": segs, "score": area.score,
                     "score_x": bar_x + widest * unit + 12, "cls": _score_class(area.score)})
    return {"rows": rows, "row_h": row_h, "bar_x": bar_x, "bar_h": row_h - 10,
            "width": bar_x + widest * unit + 60, "height": len(areas) * row_h}


def page_context(rep: dict[str, Any], index_href: str | None = None) -> dict[str, Any]:
    """Everything the page template shows for one report record (records.report_record() with
    its ``text``)."""
    text = rep.get("text") or {"lines": [], "traditional": False, "chrome_lines": [], "title_lines": []}
    numbers = [no for no, _t in text["lines"]]
    strings = [t for _no, t in text["lines"]]
    starts: dict[int, int] = {}
    for idx, no in enumerate(numbers):
        starts.setdefault(no, idx)
    marks = _Marks(strings, starts)
    titles = {i["id"]: i["title"] for i in rep["items"]}

    for item in rep["items"]:
        for ev in item["evidence"]:
            marks.add(ev, ev["kind"], [item["id"]])
    gaps = []
    for gap in rep["gaps"]:
        hit = marks.add(gap, "gap", gap["items"])
        gaps.append({"anchor": hit.id if hit else anchor(gap), "where": margin_label(gap),
                     "text": gap["text"], "items": [titles.get(i, i) for i in gap["items"]]})

    findings = []
    for f in rep.get("findings") or []:
        findings.append({**f, "anchor": anchor(f), "where": margin_label(f),
                         "item_title": titles.get(f.get("item") or "", "")})

    seen_statuses = {i["status"] for i in rep["items"]}
    statuses = statuses_in_order(seen_statuses)
    seen_kinds = {h.kind for h in marks.hits.values()}
    kinds = list(KIND_LABELS) + sorted(seen_kinds - set(KIND_LABELS))
    areas = area_summaries(rep)
    area_views = []
    for area in areas:
        items = []
        for item in area.items:
            ev = item["evidence"][0] if item["evidence"] else None
            hits = marks.by_item.get(item["id"], [])
            items.append({**item, "label": status_label(item["status"]),
                          "first": ev, "where": margin_label(ev) if ev else "", "hits": hits,
                          "href": f"#{hits[0]}" if hits else (f"#{anchor(ev)}" if ev else None)})
        area_views.append({"name": area.name, "score": area.score, "cls": _score_class(area.score),
                           "items": items})

    key_views = [it for area in area_views for it in area["items"] if it["key"]]
    chrome = set(text.get("chrome_lines", ()))
    places = text.get("locations") or {}
    lines = []
    for idx, no in enumerate(numbers):
        first = starts[no] == idx
        import re  # here: the rest of the view needs no regex

        pieces = marks.pieces(idx)
        mark = re.match(_WORD_HEADING, strings[idx]) if "paragraph" in places.get(str(no), {}) else None
        if mark:  # the .docx reader marks Word heading styles "## ": not the text as written
            pieces = _drop_prefix(pieces, len(mark.group()))
        lines.append({"anchor": anchor({"line": no}) if first else None,
                      "label": margin_label({"line": no, **places.get(str(no), {})}) if first else "",
                      "chrome": no in chrome, "heading": bool(mark), "pieces": pieces})

    parts = [{"present": p["present"], "short": part_label(p["id"]),
              "title": part_label(p["id"], short=False), "anchor": anchor(p) if p["present"] else None}
             for p in rep["structure"]]
    key_items = [i for i in rep["items"] if i["key"] and i["status"] != "not_applicable"]
    return {
        "rep": rep, "title": rep["title"] or rep["path"], "level": level_label(rep["level"], "") or None,
        "score_cls": _score_class(rep["score"]), "parts": parts, "areas": area_views, "key_items": key_views,
        "key_covered": sum(i["status"] == "covered" for i in key_items), "key_total": len(key_items),
        "chart": _chart(areas, statuses), "lines": lines, "gaps": gaps, "findings": findings,
        "lang": "zh-Hant" if text.get("traditional") else "zh-Hans",
        "status_colors": _colors(_STATUS_COLORS, statuses, _NEUTRAL),
        "kind_colors": _colors(_KIND_COLORS, kinds, _NEUTRAL_KIND),
        "statuses": [{"key": s, "label": status_label(s),
                      "n": sum(i["status"] == s for i in rep["items"])} for s in statuses],
        "kinds": [{"key": k, "label": kind_label(k)} for k in kinds],
        "data": {"items": {i["id"]: {"title": i["title"], "status": i["status"],
                                     "label": status_label(i["status"])}
                           for i in rep["items"]},
                 "kinds": {k: kind_label(k) for k in kinds},
                 "ui": {"supports": _("此句支持 {n} 个事项"), "no_item": _("未对应具体事项"),
                        "where": _("{title}：第 {n}/{m} 处证据（再次点击看下一处）")}},
        "has_text": bool(strings), "index_href": index_href,
        "margin_note": _margin_note(places),
    }


def _late(rep: dict[str, Any]) -> bool | None:
    """Published after the deadline, as `auditor check` judged it (its draft.published_late
    finding, under the report's own config); None when unknown."""
    findings = rep.get("findings")
    if findings is None or not rep.get("published") or not rep.get("year"):
        return None
    return any(f["id"] == "draft.published_late" for f in findings)


def index_row(rep: dict[str, Any], href: str) -> dict[str, Any]:
    """What the index keeps of a report: small, so a batch of thousands stays in memory."""
    key_items = [i for i in rep["items"] if i["key"] and i["status"] != "not_applicable"]
    findings = rep.get("findings")
    return {
        "href": href, "path": rep["path"], "title": rep["title"] or rep["path"], "issuer": rep["issuer"],
        "year": rep["year"], "level": level_label(rep["level"], ""), "score": rep["score"],
        "score_cls": _score_class(rep["score"]),
        "key_covered": sum(i["status"] == "covered" for i in key_items), "key_total": len(key_items),
        "gaps": len(rep["gaps"]), "published": rep["published"], "late": _late(rep),
        "parts": sum(p["present"] for p in rep["structure"]), "parts_total": len(rep["structure"]),
        "findings": None if findings is None else sum(f.get("waived") is None for f in findings),
        "areas": {a.name: a.score for a in area_summaries(rep)},
    }


def _heat(score: float | None) -> str:
    """Cell colour of the heat map: red (0) through amber to green (100)."""
    if score is None:
        return "#eeeeee"
    return f"hsl({round(score * 1.2)}, 65%, {86 - round(score / 100 * 8)}%)"


# --- rendering --------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("auditor.output", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals["_"] = _
    # The interface words follow the chosen language; the report text keeps its own lang below.
    # (a function: the environment is cached, tests switch language within one process)
    env.globals["ui_lang"] = lambda: "en" if language() == "en" else "zh-Hans"
    env.globals["ngettext"] = ngettext
    env.filters["heat"] = _heat
    env.filters["url"] = lambda s: quote(s)
    return env


def render_page(rep: dict[str, Any], index_href: str | None = None) -> str:
    from auditor.labels import unknown

    context = page_context(rep, index_href)
    # No recognisable title: 未识别 as every other view says (the file is named beside it); the
    # browser tab keeps the file name, which tells tabs apart.
    context["tab_title"], context["title"] = context["title"], rep["title"] or unknown()
    return environment().get_template("page.html").render(context)


def render_index(rows: list[dict[str, Any]], errors: list[dict[str, Any]], areas: list[str],
                 pack: dict[str, Any] | None = None) -> str:
    return environment().get_template("index.html").render(
        rows=rows, errors=errors, areas=areas, pack=pack or {})


def render(doc: dict[str, Any], **_opts: Any) -> str:
    """The FORMATS entry: a records() document with one report (with its ``text``) -> its page.
    Several reports make several pages and an index: html_site.write_site() writes those."""
    if len(doc["reports"]) != 1:
        from auditor.errors import AuditorError

        raise AuditorError(_("HTML 页面一次只能显示一份报告：多份报告请用 -o 指定输出文件夹"))
    return render_page(doc["reports"][0])

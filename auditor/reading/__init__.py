"""Reading: bytes -> Document.

One room per step (decode, chrome, meta, sections, structure) so each can be tested and tuned
alone; this module only wires them together and turns filesystem trouble into AuditorError.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.i18n import _

from ..errors import AuditorError
from ..model import LEVELS
from . import acts as _acts
from . import dates as _dates
from . import meta as _meta
from .chrome import is_chrome, is_page_number, source_lines
from .document import ROLES, Document, Section, Sentence
from .normalize import needs_t2s, norm_many, release
from .sections import BodyLine, parse
from .structure import check_structure

if TYPE_CHECKING:
    from .formats import Source

__all__ = ["ROLES", "Document", "Section", "Sentence", "check_structure", "read_path", "read_text"]


def read_path(path: str, level: str | None = None) -> Document:
    """Read a report file of any supported format (``-`` = stdin bytes); never writes to it."""
    from .formats import load

    source = load(path)
    return read_text(source.text, path=path, level=level, source=source)


def read_text(text: str, path: str = "<text>", level: str | None = None,
              source: Source | None = None) -> Document:
    """Build the Document from decoded text; cheap enough to call once per example sentence.

    ``source`` is what a format reader (formats/) made of a file: its lines are already plain
    text (no markup to strip), and it says where each line came from (paragraph, page)."""
    if level is not None and level not in LEVELS:
        raise AuditorError(_("未知的层级 {level!r}（可选：{choices}）").format(
            level=level, choices=", ".join(LEVELS)), path=path)
    if text.startswith("\ufeff"):
        text = text[1:]
    converted = source is not None and source.kind != "text"
    lines = source_lines(text, "" if converted else path, html=not converted)
    t2s = needs_t2s(text)
    markdown = source.markdown if converted else path.lower().endswith((".md", ".markdown"))
    raws = [line.text for line in lines]
    try:  # (released however reading ends)
        # the lines' wide characters and conversion (traditional text) are kept for parse's
        # sentences: width()'s scan and OpenCC then run once over the text, not twice (normalize)
        norms = norm_many(raws, t2s=t2s, markdown=markdown, keep=True)
        norms = _dates.arabic_years_many(norms)
        for i in [i for i, s in enumerate(norms) if s and is_page_number(s)]:
            norms[i] = ""  # page furniture is blank, not text
        chrome = {i for i, s in enumerate(norms) if s and is_chrome(s)}
        info = _meta.detect(norms, raws, chrome, path, level=level)
        chrome |= set(info.extra_chrome)
        skip = chrome | set(info.title_lines) | set(info.meta_lines)
        body = [BodyLine(lines[i].no, lines[i].text, s) for i, s in enumerate(norms) if s and i not in skip]
        # Whose deployments are a superior's depends on the level; a county-level city (霍州市)
        # calls its own committee 市委, so it is told apart from a county.
        own = _meta.OWN_NAME_END.sub("", info.issuer or "")
        acting = "county_city" if info.level == "county" and own.endswith("市") else info.level
        if info.level == "department" and _acts.province_body(info.issuer):
            acting = "province_department"
        elif info.level == "department" and _acts.county_body(info.issuer):
            acting = "county_department"
        # Another place's organs (南州市司法局 in 河阳市's report) act for themselves; a province's
        # report tells its cities' work as its own, so the rule is for the levels below.
        place = _acts.own_place(info.issuer) if info.level != "province" else None
        # A department tells its peers (县审计局 in 县人社局's report) from itself by its own name.
        organ = _acts.own_organ(info.issuer) if info.level == "department" else None
        sections, sentences = parse(body, info.year, t2s, markdown, gov_level=acting, own=place,
                                    organ=organ)
    finally:
        release()
    if not sentences and not sections:
        what = _("只有网页框架，没有报告正文") if chrome else _("没有报告正文")
        raise AuditorError(_("空报告：{what}").format(what=what), path=path)
    chars = len("".join("".join(b.text for b in body).split()))  # whitespace removed, all lines at once
    return Document(
        path=path, text=text, title=info.title_text, issuer=info.issuer, year=info.year,
        published=(source.published if source is not None and source.published else info.published),
        level=info.level, level_sure=info.level_sure, chars=chars, sections=sections, sentences=sentences,
        chrome_lines=tuple(sorted({lines[i].no for i in chrome})), title_year=info.title_year,
        meta={"title_guessed": info.title_guessed,
              "title_lines": tuple(lines[i].no for i in info.title_lines),
              "meta_lines": tuple(sorted(lines[i].no for i in info.meta_lines)),
              "issuer_source": info.issuer_source, "traditional": t2s, "markdown": markdown,
              **_source_meta(source)},
    )


def _source_meta(source: Source | None) -> dict:
    """What the format reader adds to Document.meta (and so to ReportResult.meta): the format,
    line -> location (paragraph / page + line) for evidence, and notices to say once."""
    if source is None:
        return {}
    out: dict = {"format": source.kind}
    if source.locations:
        out["locations"] = source.locations
    if source.notices:
        out["notices"] = list(source.notices)
    return out

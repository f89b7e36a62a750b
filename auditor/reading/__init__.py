"""Reading: bytes -> Document.

One room per step (decode, chrome, meta, sections, structure) so each can be tested and tuned
alone; this module only wires them together and turns filesystem trouble into AuditorError.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import AuditorError
from ..model import LEVELS
from . import dates as _dates
from . import meta as _meta
from .chrome import is_chrome, is_page_number, source_lines
from .decode import decode_bytes
from .document import ROLES, Document, Section, Sentence
from .normalize import needs_t2s, norm
from .sections import BodyLine, parse
from .structure import check_structure

__all__ = ["ROLES", "Document", "Section", "Sentence", "check_structure", "read_path", "read_text"]

def read_path(path: str, level: str | None = None) -> Document:
    """Read a report file (``-`` = stdin bytes); never writes to it."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise AuditorError("no such file", path=path)
        if p.is_dir():
            raise AuditorError("is a directory, not a report file", path=path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise AuditorError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    return read_text(decode_bytes(data, path), path=path, level=level)


def read_text(text: str, path: str = "<text>", level: str | None = None) -> Document:
    """Build the Document from decoded text; cheap enough to call once per example sentence."""
    if level is not None and level not in LEVELS:
        raise AuditorError(f"unknown level {level!r} (expected one of: {', '.join(LEVELS)})", path=path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = source_lines(text, path)
    t2s = needs_t2s(text)
    markdown = path.lower().endswith((".md", ".markdown"))
    norms = [_dates.arabic_years(norm(line.text, t2s=t2s, markdown=markdown)) for line in lines]
    norms = ["" if is_page_number(s) else s for s in norms]  # page furniture is blank, not text
    chrome = {i for i, s in enumerate(norms) if s and is_chrome(s)}
    info = _meta.detect(norms, [line.text for line in lines], chrome, path, level=level)
    chrome |= set(info.extra_chrome)
    skip = chrome | set(info.title_lines) | set(info.meta_lines)
    body = [BodyLine(lines[i].no, lines[i].text, s) for i, s in enumerate(norms) if s and i not in skip]
    # Whose deployments are a superior's depends on the level; a county-level city (霍州市)
    # calls its own committee 市委, so it is told apart from a county.
    own = re.sub(r"(?:人民政府|政府)$", "", info.issuer or "")
    acting = "county_city" if info.level == "county" and own.endswith("市") else info.level
    sections, sentences = parse(body, info.year, t2s, markdown, gov_level=acting)
    if not sentences and not sections:
        what = "only web-page chrome, no report text" if chrome else "no report text"
        raise AuditorError(f"empty report: {what}", path=path)
    chars = sum(len("".join(b.text.split())) for b in body)
    return Document(
        path=path, text=text, title=info.title_text, issuer=info.issuer, year=info.year,
        published=info.published,
        level=info.level, level_sure=info.level_sure, chars=chars, sections=sections, sentences=sentences,
        chrome_lines=tuple(sorted({lines[i].no for i in chrome})), title_year=info.title_year,
        meta={"title_lines": tuple(lines[i].no for i in info.title_lines),
              "meta_lines": tuple(sorted(lines[i].no for i in info.meta_lines)),
              "issuer_source": info.issuer_source, "traditional": t2s, "markdown": markdown},
    )

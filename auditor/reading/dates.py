"""Dates and years as written in reports: ``2024-01-25``, ``2024年1月25日``, ``二〇二四年一月二十五日``.

Signature dates are often typed in Chinese numerals; publication metadata uses ISO-like
forms.  Both end up as ISO strings so ``published`` compares and sorts.
"""

from __future__ import annotations

import re

_DIGIT = {"〇": 0, "零": 0, "O": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○O一二三四五六七八九"
_NUM = rf"(?:\d{{1,2}}|[{_CN}十]{{1,3}})"
DATE = re.compile(rf"(\d{{4}}|[{_CN}]{{4}})\s*(?:年|[-/.])\s*({_NUM})\s*(?:月|[-/.])\s*({_NUM})\s*日?")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def _small(text: str) -> int:
    """Chinese numerals up to 99: 十=10, 十五=15, 二十=20, 二十五=25."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGIT.get(tens, 1) if tens else 1) * 10 + (_DIGIT.get(ones, 0) if ones else 0)
    return _DIGIT.get(text, 0)


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(_DIGIT[ch]) for ch in text))


def iso_date(match: re.Match[str]) -> str | None:
    """ISO date from a DATE match, None when it is not a real calendar date."""
    year, month, day = _year(match.group(1)), _small(match.group(2)), _small(match.group(3))
    if not (1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_date(text: str) -> str | None:
    for m in DATE.finditer(text):
        iso = iso_date(m)
        if iso:
            return iso
    return None


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
# four numerals, written to open on one (a pattern that opens on a class is scanned for in C;
# one that opens on a repeat is tried at every character)
_CN_YEAR = re.compile(r"[〇○零一二三四五六七八九][〇○零一二三四五六七八九]{3}(?=\s*年)")
# What any match above ends on: a 年 right after four numerals, or after a space (the last of
# \s*). It opens on 年, which re finds by a plain character search; the numerals, one in ~30
# characters of a report (一 above all), made the pattern above try a match at each of them.
_CN_YEAR_END = re.compile(r"年(?:(?<=[〇○零一二三四五六七八九]{4}年)|(?<=\s年))")


def arabic_years(text: str) -> str:
    """二〇二三年 -> 2023年 (same length, so offsets into the line stay valid): titles and
    openings of traditional or formal reports write the year in Chinese numerals."""
    if not _CN_YEAR_END.search(text):
        return text
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)


def arabic_years_many(texts: list[str]) -> list[str]:
    r"""``[arabic_years(t) for t in texts]`` in one substitution over the texts joined by "\x00":
    no match spans two of them (the pattern matches no "\x00", and it is no space for the
    look-ahead's \s*), so each text comes back as it would alone; re.sub hands back the very
    string it was given when nothing matched, the common case."""
    joined = "\x00".join(texts)
    out = arabic_years(joined)
    if out is joined:
        return list(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text held "\x00" (lines never do): one by one
        return [arabic_years(t) for t in texts]
    return out.split("\x00")


def first_year(text: str) -> int | None:
    m = YEAR.search(text)
    return int(m.group(1)) if m else None

"""Title, issuer, year, publication date and administrative level.

Reports rarely say these things in a fixed place: the title may be missing (the page title
was lost), the year in the title may be wrong (copy-pasted last year's page), the issuer may
appear only as "我县" plus document names.  Each fact therefore comes from an ordered list of
sources, strongest first, and ``level_sure`` records when the level is an inference.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from . import cues, dates
from .chrome import is_nav
from .gates import _top_level

_HAN = r"\u4e00-\u9fff"
_TITLE_TOPIC = re.compile(r"法治政府|法治建设|依法行政|依法治[省市县区州旗]|法治[\u4e00-\u9fff]{1,4}建设")
_TITLE_FORM = re.compile(r"报告|情况|总结|工作")
_BOILER_TITLE = re.compile(r"整理的(.{6,60}?)[,，]\s*供大家参考")
_LEAD = re.compile(r"^[\s•·*\-#>]+")
_SALUTATION = re.compile(rf"^[{_HAN}、()]{{2,40}}[:：]$")
_UNIT = (r"人民政府|党委、政府|街道办事处|办事处|分局|局|厅|委员会|办公室|中心|街道|"
         r"自治州|自治区|自治县|省|市|州|盟|地区|县|区|旗|乡|镇")
_ORG = re.compile(rf"[{_HAN}]{{2,24}}?(?:{_UNIT})")
_SIGNATURE = re.compile(
    rf"^[{_HAN}、]{{2,30}}(?:人民政府|政府|局|厅|委员会|办公室|办事处|街道|分局|中心|党委|乡|镇)$")
_OPENING = re.compile(
    rf"^(?:\d{{4}}年度?(?:以来|来)?\s*[,，]?\s*)?(?:在[^。]{{0,80}}?(?:领导|指导|监督|关心|支持)下\s*[,，]\s*)*"
    rf"(?P<org>[{_HAN}]{{2,24}}?(?:{_UNIT}))(?=法治|坚持|始终|全面|深入|认真|以|在|紧紧|按照|高度|围绕|聚焦|党委|党工委"
    r"|政府|立足|牢固|积极|扎实|持续|不断|切实|把|对|严格|贯彻|紧扣|[,，])")
_SOURCE = re.compile(
    rf"(?:信息来源|文章来源|来源|发布机构|主办单位)\s*\]?\s*[:：]?\s*(?P<org>[{_HAN}]{{2,30}})")
_PUBLISHED = (
    re.compile(r"发布(?:时间|日期)\s*\]?\s*[:：]?\s*(.{6,24})"),
    # the look-behind follows the word it guards (spanning it: "..") so that the pattern opens
    # on 时|日 and re skips to those in C, instead of trying a match at every character
    re.compile(r"(?:时间|日期)(?<![成更发]..)\s*\]?\s*[:：]\s*(.{6,24})"),
    re.compile(r"更新(?:时间|日期)\s*\]?\s*[:：]?\s*(.{6,24})"),
)
_BYLINE_DATE = re.compile(
    rf"^[\s{_HAN}]{{0,24}}\s*(\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日)"
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_SIGN_DATE = re.compile(rf"^\s*{dates.DATE.pattern}\s*$")
_BODY_YEAR = re.compile(r"^\W*((?:19|20)\d{2})\s*年度?(?:以来|来|,|，|、|上半年|全年|我|在|是)")
_SELF = {
    "province": re.compile(r"我省|全省|省政府|省委、省政府|我区各族|全区各族|自治区人民政府"),
    "city": re.compile(r"我市|全市|市政府|市委、市政府|我州|全州|州政府|我盟|全盟"),
    "county": re.compile(r"我县|全县|县政府|县委、县政府|我区|全区|区政府|区委、区政府|我旗|全旗"),
    "township": re.compile(
        r"我乡|全乡|乡政府|乡党委|我镇|全镇|镇政府|镇党委|我街道|全街道|街道党工委|办事处"),
    "department": re.compile(r"我局|全局|本局|我分局|全分局|我厅|全厅|我委|全委|全系统"),
}
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# 下放 counts only with a direction (下放至市级, 向市县下放): a city's own 市级…清单 after a
# 下放 of its own is not a province handing powers down.
_PROVINCE_HINT = re.compile(r"市\(州\)|市市县|省市县乡|各地级市|地级以上市"
                            r"|下放(?:至|到|给)[^。,，;；]{0,6}市|向[^。,，;；]{0,6}市[^。,，;；]{0,8}下放")
_CITY_HINT = re.compile(r"区县|县\(市、?区\)|县市区|县\(区\)|县\(市\)|各县|县级政府")
# Each alternative of _PROVINCE_HINT opens on a literal, which re finds by a plain character
# search; the alternation as one pattern was tried at every 市, 省, 各, 地, 下 and 向 of the body.
# Only whether one matches is asked, so they can be searched one by one.
_PROVINCE_HINTS = tuple(re.compile(p) for p in _top_level(_PROVINCE_HINT.pattern, "|"))
_SUBORDINATE = re.compile(rf"([{_HAN}]{{2,3}}?)[县区](?:委|人民政府|政府|、|和|及)")
_ORGAN_AFTER = r"(?=委|人民政府|政府|、|和|及)"
_COUNTY_ORGAN = re.compile(r"[县区]" + _ORGAN_AFTER)  # where a _SUBORDINATE match ends its name
# the same positions, each pattern opening on a literal (found by a plain search, see above)
_COUNTY_ORGANS = (re.compile("县" + _ORGAN_AFTER), re.compile("区" + _ORGAN_AFTER))
# Another city's organs (平阳市委), read by _level: the city's name, then the organ.
_CITY_ORGAN_NAMED = re.compile(rf"([{_HAN}]{{2,3}})市(?:委|人民政府|政府|司法局|和我市)")
_CITY_ORGAN = re.compile(r"市(?=委|人民政府|政府|司法局|和我市)")


# The patterns detection asks of every report, compiled once (re's own cache is a lookup a call).
_PUNCT = re.compile(r"[。,，;；:：]")
_YEAR_OPENING = re.compile(r"^\d{4}年度?(?:以来)?[,，]")
_OPENS_NAME = re.compile(r"[《“(]")
_NOW_REPORT = re.compile(r"现将(?:我\w{1,3})?((?:19|20)\d{2})年")
_PART_YEAR = re.compile(r"^[一二三四五六七八九十]+、\s*((?:19|20)\d{2})年")
_GOVERNMENT = re.compile(r"(?:人民政府|党委、政府|政府)$")
_GOVERNMENT_OF = re.compile(r"(?:人民政府|党委、政府|党工委、办事处|政府)$")
OWN_NAME_END = re.compile(r"(?:人民政府|政府)$")  # what a government's name ends on (read_text too)
_DEPARTMENT_END = re.compile(r"(?:局|厅|委员会|办公室|中心|分局)$")
_SPACES = re.compile(r"\s+")
_TITLE_HEAD = re.compile(r"关于|\(?(?:19|20)\d{2}年|法治|依法")
_TITLE_TOPIC_WORD = re.compile(r"法治|依法|关于")
_TITLE_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
_SELF_UNIT = re.compile(r"我(省|市|县|区|旗|州|乡|镇|街道)")
_TOWNSHIP_END = re.compile(r"(?:街道办事处|办事处|街道|乡|镇|苏木)$")
_ORGAN_END = re.compile(r"(?:局|厅|委员会|委|办公室|办|中心|院|所|队|署|站|处)$")
_PROVINCE_END = re.compile(r"(?:省|自治区)$")
_PREFECTURE_END = re.compile(r"(?:州|盟|地区)$")
_COUNTY_END = re.compile(r"(?:县|旗|区)$")
_PROVINCE_AND_CITY = re.compile(r"省、?[\u4e00-\u9fff]{2,4}市和我市")


def _findall_named(rx: re.Pattern[str], organ: re.Pattern[str] | tuple[re.Pattern[str], ...],
                   text: str) -> list[str]:
    """``rx.findall(text)`` for a pattern of 2-3 Han characters (its one group) and then an
    ``organ`` match: only the starts two and three characters before an organ are tried, in
    order, each after the end of the last match, as findall tries them.  findall itself tries
    every Han character of the body (rx starts with a class of them), which made these two
    searches most of the cost of level detection.  ``organ``: one pattern, or several that
    together match where it would (only the positions count)."""
    out, end = [], 0
    organs = organ if isinstance(organ, tuple) else (organ,)
    for start in sorted({m.start() - width for o in organs for m in o.finditer(text) for width in (2, 3)}):
        if start >= end and (m := rx.match(text, start)):
            out.append(m.group(1))
            end = m.end()
    return out
_COUNTY_HINT = re.compile(r"乡镇|镇街|镇\(街\)|各镇|镇人民政府|县级的|县级职能")
# The hints as word lists (县\(市、?区\): both words, at its place), counted by Aho-Corasick:
# leftmost-first, non-overlapping, is what findall finds of an alternation of plain words, in
# one scan where re tried the alternation at every 乡, 镇, 各, 县 and 区 of the body (_counts).
_COUNTY_WORDS = ("乡镇", "镇街", "镇(街)", "各镇", "镇人民政府", "县级的", "县级职能")
_CITY_WORDS = ("区县", "县(市、区)", "县(市区)", "县市区", "县(区)", "县(市)", "各县", "县级政府")
_SELF_WORDS = {lvl: tuple(rx.pattern.split("|")) for lvl, rx in _SELF.items()}  # plain words all
_SELF_LISTS = tuple(_SELF_WORDS.values())


def _count(words: tuple[str, ...], text: str) -> int:
    """``len(re.findall("|".join(map(re.escape, words)), text))``."""
    return _counts((words,), text)[0]


_SCANS: dict[tuple[tuple[str, ...], ...], tuple[object, list[list[tuple[int, int]]]]] = {}


def _counts(lists: tuple[tuple[str, ...], ...], text: str) -> list[int]:
    """``[_count(words, text) for words in lists]`` from one scan of the text: each scan costs
    about as much as handing the text to the automaton (~10 us for a report), and the words are
    few in a body. The scan gives every occurrence of every word; a list's count is then what a
    leftmost-first search finds: from the left, the earliest start, the first word of the list
    among those starting there, and on after its end."""
    got = _SCANS.get(lists)
    if got is None:
        import ahocorasick_rs

        words = sorted({w for ws in lists for w in ws})
        owners: list[list[tuple[int, int]]] = [[] for _ in words]  # word -> (list, place in it)
        for n, ws in enumerate(lists):
            for place, w in enumerate(ws):
                owners[words.index(w)].append((n, place))
        got = _SCANS[lists] = (ahocorasick_rs.AhoCorasick(words), owners)
    automaton, owners = got
    found: list[list[tuple[int, int, int]]] = [[] for _ in lists]
    for k, start, end in automaton.find_matches_as_indexes(text, overlapping=True):  # type: ignore[attr-defined]
        for n, place in owners[k]:
            found[n].append((start, place, end))
    out = []
    for matches in found:
        matches.sort()
        count = after = 0
        for start, _, end in matches:
            if start >= after:
                count += 1
                after = end
        out.append(count)
    return out


@dataclass
class Meta:
    title: str = ""  # normalised: what issuer and year detection read
    title_text: str = ""  # as written, for display
    title_lines: list[int] = field(default_factory=list)  # indexes into the line list
    meta_lines: list[int] = field(default_factory=list)  # dates, salutation, signature
    extra_chrome: list[int] = field(default_factory=list)  # navigation labels found by position
    issuer: str | None = None
    year: int | None = None
    title_year: int | None = None
    published: str | None = None
    level: str | None = None
    level_sure: bool = False
    issuer_source: str = ""
    title_guessed: bool = False  # no title in the text: the file name stands in for detection


def detect(norms: list[str], raws: list[str], chrome: set[int], path: str, level: str | None = None) -> Meta:
    """All document facts from the lines (normalised and as written); ``chrome`` holds excluded indexes."""
    meta = Meta()
    live = [i for i, s in enumerate(norms) if s and i not in chrome]
    _title(meta, norms, chrome, live, path)
    meta.title_text = _as_written(meta, raws, chrome)
    _page_edges(meta, norms, live)
    skip = set(meta.title_lines) | set(meta.meta_lines) | set(meta.extra_chrome)
    body = [i for i in live if i not in skip]
    if not body:  # a lone phrase (a rule example) is body text, never just a title
        meta.title_lines, meta.meta_lines = [], []
        body = [i for i in live if i not in meta.extra_chrome]
    _published(meta, norms, chrome, live)
    _year(meta, norms, body)
    _issuer(meta, norms, chrome, body)
    if level:
        meta.level, meta.level_sure = level, True
    else:
        meta.level, meta.level_sure = _level(meta.issuer, lambda: " ".join(norms[i] for i in body))
    return meta


def clean_title(text: str) -> str:
    return _LEAD.sub("", text).strip()


def _title(meta: Meta, norms: list[str], chrome: set[int], live: list[int], path: str) -> None:
    for i in live[:15]:
        s = clean_title(norms[i])
        if _is_title(s):
            meta.title = s
            break
    if not meta.title:  # a copied page may keep the title only inside boilerplate chrome
        for i in sorted(chrome)[:10]:
            m = _BOILER_TITLE.search(norms[i])
            if m:
                meta.title = m.group(1)
                break
    if not meta.title and live:
        first = clean_title(norms[live[0]])
        if len(first) <= 40 and not _PUNCT.search(first) and not _is_heading(first):
            meta.title = first
    if meta.title:
        # clean_title only cuts, so a line that gives the title holds it
        title = meta.title
        meta.title_lines = [i for i in live[:25] if title in norms[i] and clean_title(norms[i]) == title]
    else:
        meta.title = PurePath(path).stem if path not in ("-", "<text>", "") else ""
        meta.title_guessed = True
    meta.title_year = dates.first_year(meta.title)


def _as_written(meta: Meta, raws: list[str], chrome: set[int]) -> str:
    if meta.title_lines:
        return clean_title(" ".join(raws[meta.title_lines[0]].split()))
    for i in sorted(chrome)[:10]:
        m = _BOILER_TITLE.search(raws[i])
        if m:
            return m.group(1)
    return meta.title


def _is_heading(s: str) -> bool:
    return any(rx.match(s) for rx, _ in cues.HEADING_MARKERS)


def _is_title(s: str) -> bool:
    if len(s) > 60 or "。" in s:  # the cheap tests first: most of the first lines are body text
        return False
    if _is_heading(s):
        return False  # 一、2019年推进法治政府建设情况 is a part of the report, not its name
    return (bool(_TITLE_TOPIC.search(s)) and bool(_TITLE_FORM.search(s))
            and not _YEAR_OPENING.match(s) and not s.endswith((":", "：")))


def _page_edges(meta: Meta, norms: list[str], live: list[int]) -> None:
    """Navigation labels before the title, salutation, dates and the signature at the end."""
    if meta.title_lines:
        first = meta.title_lines[0]
        meta.extra_chrome += [i for i in live if i < first and (is_nav(norms[i]) or len(norms[i]) <= 30)]
        after = [i for i in live if i > first and i not in meta.title_lines][:3]
        meta.meta_lines += [i for i in after if _BYLINE_DATE.match(norms[i])]
    head = [i for i in live if i not in meta.title_lines and i not in meta.meta_lines][:3]
    for i in head:
        s = norms[i]
        if _SALUTATION.match(s) and "如下" not in s and "报告" not in s:
            meta.meta_lines.append(i)
    tail = live[-4:]
    seen_text = False
    for i in reversed(tail):
        s = norms[i]
        if _SIGN_DATE.match(s) or _SIGNATURE.match(s):
            meta.meta_lines.append(i)
        elif not seen_text and is_nav(s) and len(s) <= 6 and not _OPENS_NAME.search(s) and i != live[0]:
            meta.extra_chrome.append(i)
        else:
            seen_text = True
            if len(s) > 40:
                break


def _published(meta: Meta, norms: list[str], chrome: set[int], live: list[int]) -> None:
    head = sorted(set(range(min(30, len(norms)))) & (chrome | set(meta.meta_lines) | set(live[:8])))
    head = [i for i in head if "时间" in norms[i] or "日期" in norms[i]]  # what each pattern holds
    for pattern in _PUBLISHED:
        for i in head:
            m = pattern.search(norms[i])
            if m and (iso := dates.find_date(m.group(1))):
                meta.published = iso
                return
    if meta.title_lines:
        first = meta.title_lines[0]
        for i in range(first + 1, min(first + 4, len(norms))):
            if _BYLINE_DATE.match(norms[i]) and (iso := dates.find_date(norms[i])):
                meta.published = iso
                return
    half = live[len(live) // 2] if live else 0
    for i in meta.meta_lines:
        m = _BYLINE_DATE.match(norms[i]) or (_SIGN_DATE.match(norms[i]) if i > half else None)
        if m and (iso := dates.find_date(norms[i])):
            meta.published = iso
            return


# The look-behind on the character before the year comes after its first two digits (and so
# spans them: "..") so that the pattern opens on 19|20: re then skips to the next 1 or 2 in C
# rather than trying a match at every character of the body.
_FACT_YEAR = re.compile(r"((?:19|20)(?<![\d—–\-至~较比]..)\d{2})\s*年(?!\s*[—–\-至~])")
_FACT_YEARS: dict[int, re.Pattern[str]] = {}


def _fact_year(year: int) -> re.Pattern[str]:
    """_FACT_YEAR for one year: it opens on the year's digits, which re finds by a plain search
    (a 1 or 2 is one character in ~20 of a body). Its matches are _FACT_YEAR's of that year:
    those never overlap (one opens on a digit with no digit before it, four digits before any
    space or 年), so where findall looks for the next changes none of them."""
    if year not in _FACT_YEARS:
        # the look-behind after the digits (spanning them), as above: the pattern opens on them
        _FACT_YEARS[year] = re.compile(rf"{year:04d}(?<![\d—–\-至~较比]....)\s*年(?!\s*[—–\-至~])")
    return _FACT_YEARS[year]


def _corroborated(year: int, opening: int, norms: list[str], body: list[int]) -> int:
    """An opening year that the body never repeats, while the body's facts keep naming the year
    before, is a re-dated intro (doc sites re-label old reports): trust the facts."""
    # One search over the lines joined by "\x00" finds what a search per line finds: lines hold
    # no control character (chrome.source_lines drops them), and "\x00" is neither a digit, nor
    # space for the pattern's \s*, nor in its look-behind or look-ahead sets.
    if not 1901 <= year <= 2100:  # _FACT_YEAR names 1900-2099 only: never the year before
        return year
    text = "\x00".join([norms[i] for i in body if i != opening])
    if (year == 2100 or not _fact_year(year).search(text)) and len(_fact_year(year - 1).findall(text)) >= 2:
        return year - 1
    return year


def _year(meta: Meta, norms: list[str], body: list[int]) -> None:
    """The year reported on comes from the body's own opening, not from the (reused) title."""
    for i in body[:4]:
        m = _BODY_YEAR.match(norms[i])
        if m:
            meta.year = _corroborated(int(m.group(1)), i, norms, body)
            return
    for i in body[:12]:
        m = _NOW_REPORT.search(norms[i]) or \
            _PART_YEAR.match(norms[i])
        if m:
            meta.year = int(m.group(1))
            return
    meta.year = meta.title_year


def _proper(org: str) -> bool:
    """Reject generic names such as 市人民政府 (redacted or self-referring)."""
    core = _GOVERNMENT.sub("", org)
    if core[:1] in "我全本各该" or len(core) < 2:
        return False
    department = _DEPARTMENT_END.search(core)
    return bool(department) or core[0] not in "省市县区州乡镇"


def _candidates(meta: Meta, norms: list[str], chrome: set[int], body: list[int]) -> Iterator[tuple[str, str]]:
    """Issuer names strongest source first; a generator, since the first proper one ends the
    search (the openings' pattern, tried last, is the costly one)."""
    if meta.title_lines or meta.title:
        t = _SPACES.sub("", meta.title)
        head = _TITLE_HEAD.split(t, maxsplit=1)[0]
        if not head:
            head = _TITLE_TOPIC_WORD.split(_TITLE_YEAR.sub("", t), maxsplit=1)[0]
        yield "title", head
    for i in sorted(chrome | set(meta.meta_lines)):
        m = _SOURCE.search(norms[i]) if i < 30 or i in meta.meta_lines else None
        if m:
            yield "source", m.group("org")
    for i in meta.meta_lines:
        if _SIGNATURE.match(norms[i]):
            yield "signature", norms[i]
    for i in body[:3]:
        m = _OPENING.match(norms[i])
        if m:
            yield "opening", m.group("org")


def _issuer(meta: Meta, norms: list[str], chrome: set[int], body: list[int]) -> None:
    for source, org in _candidates(meta, norms, chrome, body):
        org = org.strip()
        if _ORG.fullmatch(org) and _proper(org):
            meta.issuer, meta.issuer_source = org, source
            return
    text = " ".join(norms[i] for i in body)
    selfs = Counter(_SELF_UNIT.findall(text))
    if selfs:
        unit = selfs.most_common(1)[0][0]
        names = Counter(re.findall(rf"《([{_HAN}]{{2,5}}?{unit})", text))
        if names and names.most_common(1)[0][1] >= 2:
            meta.issuer, meta.issuer_source = names.most_common(1)[0][0], "documents"


def classify(org: str) -> tuple[str | None, bool]:
    """Level named by an organisation's own suffix; ``市`` alone is ambiguous (city or county)."""
    core = _GOVERNMENT_OF.sub("", org)
    if _TOWNSHIP_END.search(core):
        return "township", True
    if _ORGAN_END.search(core):
        return "department", True
    if core in _MUNICIPALITIES or _PROVINCE_END.search(core):
        return "province", True
    if _PREFECTURE_END.search(core) and not core.endswith("自治县"):
        return "city", True
    if _COUNTY_END.search(core):
        return "county", True
    if core.endswith("市"):
        return "city", False
    return None, False


def _level(issuer: str | None, body_text: Callable[[], str]) -> tuple[str | None, bool]:
    """``body_text`` is called only when the issuer's name does not settle the level."""
    level, sure = classify(issuer) if issuer else (None, False)
    if level and sure:
        return level, sure
    text = body_text()
    if any(rx.search(text) for rx in _PROVINCE_HINTS) and level in (None, "city"):
        return "province", False
    if level == "city" and issuer:
        name = OWN_NAME_END.sub("", issuer)[:-1]
        # a "name" holding a verb or preposition (会议要求市政府…, 报告并通过市政府…) or the
        # 依法治 of 全面依法治市委员会 is no other city
        others = [n for n in _findall_named(_CITY_ORGAN_NAMED, _CITY_ORGAN, text)
                  if not n.endswith(name) and not name.endswith(n)
                  and not n.endswith("依法治") and not cues.PLACE_NOT_PLACE.search(n)]
        superior = len(others) + 2 * len(_PROVINCE_AND_CITY.findall(text))
        in_county, in_city = _counts((_COUNTY_WORDS, _CITY_WORDS), text)
        county = superior + in_county // 3
        # A 设区的市 names its counties and districts (洪洞县委、尧都区…), often beside its
        # county-level cities (霍州市委), which would otherwise read as superiors.
        counties = {n for n in _findall_named(_SUBORDINATE, _COUNTY_ORGANS, text) if not n.endswith(name)}
        city = in_city + (2 * len(counties) if len(counties) >= 2 else 0)
        return ("county" if county > city else "city"), False
    counts = dict(zip(_SELF_WORDS, _counts(_SELF_LISTS, text), strict=True))
    best = max(counts, key=lambda k: counts[k])
    return (best if counts[best] else None), False

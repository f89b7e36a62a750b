"""Is a sentence an act of the reporting body, or does it only name things?

The line reviewers draw by hand between work done and words said (issue 7): coverage needs an
act — a verb of doing with its object, a count or figure, a 《document》 the body issued, a
completed result.  Slogans, aims and a superior body's deployments are mentions.  The lexicons
are data in cues.py; this module only applies them clause by clause.
"""

from __future__ import annotations

import re
from functools import cache

from . import cues
from .gates import _top_level, by_first

# Up to the last clause mark: greedy, it backs off from the end to that mark.
_LAST_MARK = re.compile(".*" + cues.CLAUSE_SPLIT.pattern, re.S)


def clause_start(norm: str, pos: int) -> int:
    """Start of the clause that holds ``pos``: one match that walks back from it to the last clause
    mark, instead of finding every mark of the sentence (is_act asks this of a verb or two)."""
    last = _LAST_MARK.match(norm, 0, pos)
    return last.end() if last else 0


def clauses(norm: str) -> list[tuple[int, str]]:
    """(start offset, text) of each clause; offsets index ``norm``."""
    # split() cuts in C; every mark is one character, so a clause's offset is the lengths before
    # it plus one a mark (1.1 -> 0.7 us a sentence against finditer and slices)
    out, start = [], 0
    for part in cues.CLAUSE_SPLIT.split(norm):
        if part:
            out.append((start, part))
        start += len(part) + 1
    return out


# A county-level city calls its own committee 市委 (霍州市), a county does not: "county_city"
# is a county whose name ends in 市, for whom 市委/市政府 are its own. A province's department
# (岭西省交通运输厅) reports 全省… work as its own system's: "province_department" is a
# department for whom 全省 is its own scope (省委/省政府 stay above it, other 省…厅 are others).
# A county's department (菘岭县市场监督管理局) has its city's bureaus above it, its own organ's too
# (市市场监督管理局 is not the reporter, whose own name it shares): "county_department".
_BELOW = {"county_city": "county", "province_department": "department", "county_department": "department"}
_OWN_SCOPE = {"county_city": "(?:市", "province_department": "全省"}  # how those bodies' patterns start
_DEPARTMENTS = frozenset({"department", "province_department", "county_department"})
_LEVELS = ("province", "city", "county", "township", "department", "county_city", "province_department",
           "county_department")


@cache
def _superior(level: str | None) -> re.Pattern[str]:
    """Superior bodies and their acts for a reporter at ``level``. Compiled on first use: a run
    meets one or two levels, and all six cost ~20 ms of a cold start."""
    # every body's name opens on a literal character (by_first): re finds where one can start in C
    return re.compile(f"(?:{by_first(_bodies(level))}){cues.SUPERIOR_ACT}")


def _bodies(level: str | None) -> str:
    """The names of the bodies above a reporter at ``level``, as an alternation."""
    if level not in _LEVELS:  # level unknown: provinces are above, 市委 may be ours
        level = "county_city"
    scope = _OWN_SCOPE.get(level)
    return "|".join(rx for rx, below in cues.SUPERIOR_BODIES
                    if below is None or ((level in below or _BELOW.get(level, level) in below)
                                         and not (scope and rx.startswith(scope))))


def another_hint(level: str | None, organ: str | None) -> re.Pattern[str]:
    """What names_another_body first asks of a sentence (see _another_hint): where this finds
    nothing, it answers no. For a caller that asks it of many sentences."""
    return _another_hint(level, bool(organ))


@cache
def _another_hint(level: str | None, peers: bool) -> re.Pattern[str]:
    """What each test of names_another_body needs to find first, in one pattern: a superior's
    name (its act left out), a place's organ (_PLACE_ORGAN), a court or society, and for a
    department (``peers``) a peer organ's last character.  Where this finds nothing, none of
    the tests can be true (three in four sentences), and one search replaces three."""
    parts = [_bodies(level), _PLACE_ORGAN.pattern, cues.NON_ADMIN_WORD.pattern]
    return re.compile(by_first("|".join(parts + ([_PEER_CHAR.pattern] if peers else []))))


# The act verbs (~150 branches, ~140 first characters), searched as two patterns: their
# branches parted by first character, those opening on the 30 commonest of them in report text
# (counted on the generated reports) in one. Where a verb can start, re tries the branches one
# after another; two shorter lists cost less than one long one, although each part scans the
# sentence (as KIND_CUES, cues.py). At any place only the branches opening on its character
# can match, and those are in one part: the whole matches at a place where its part does, so
# the whole's next match from a place is the earlier of the parts' (see is_act).
_ACT_PATTERN = by_first(cues.ACT_VERBS)
_ACT_COMMON_FIRST = frozenset("行化作实建推进制全规发设开督展主立部学公专入解提落审依查办新")
_ACT_COMMON, _ACT_RARE = (
    re.compile("|".join(b for b in _top_level(_ACT_PATTERN, "|") if (b[:1] in _ACT_COMMON_FIRST) == common))
    for common in (True, False))


def _has_act(text: str) -> bool:
    """Whether an act verb is in ``text``."""
    return _ACT_COMMON.search(text) is not None or _ACT_RARE.search(text) is not None


_SUPERIOR_ACT = re.compile(cues.SUPERIOR_ACT)
_OTHER_ACT = re.compile(r"[^,，;；。]{0,24}?(?:"
                        + by_first("部署|要求|作出|通报|安排|提出|" + cues.ACT_VERBS) + ")")
# What another body raised (…评查指出的3类问题, 审计发现的问题): the reporter's object, not its act.
_PEER_FINDING = re.compile(r"(?:发现|指出|反馈|提出|反映|交办|移交|移送|通报|督办)的[^,，;；。]{0,8}"
                           r"(?:问题|意见|建议|线索|事项|不足)")


def other_body(clause: str, own: str | None, organ: str | None = None) -> bool:
    """A clause whose subject is an organ of another place (南州市司法局年内印发… in 河阳市's
    report): that body's act, not the reporter's.  ``own``: the reporter's place (河阳).
    ``organ``: a department reporter's own organ (审计 of 梧冈县审计局, see own_organ): another
    organ of its own place (梧冈县人民法院, 县审计局) acts for itself too."""
    # (every NON_ADMIN_BODY holds a NON_ADMIN_WORD: a search for those costs a third of the match)
    if cues.NON_ADMIN_WORD.search(clause) is not None and cues.NON_ADMIN_BODY.match(clause):
        return not _PEER_FINDING.search(clause)
    m = cues.PLACE_BODY.match(clause) if own else None
    if m:
        place = m.group("place")
        if cues.PLACE_NOT_OWN_BODY.search(place) or cues.PLACE_NOT_PLACE.search(place) \
                or _has_act(place):
            return False
        if (own in place or place in own) and not peer(m.group("body"), organ):
            return False
        # its verb may stand after a long object (鹭屿市审计局对我区2022年度财政预算执行情况开展
        # 审计), but what it found or raised is the reporter's object
        return bool(_OTHER_ACT.match(clause, m.end())) and not _PEER_FINDING.search(clause, m.end())
    if organ:
        m = cues.PEER_BODY.match(clause)
        if m and peer(m.group("body"), organ):
            # At the head of a clause a peer is its subject, whatever the verb (县人民法院审结…),
            # but what it found (县司法局评查指出的3类问题，已整改到位) is the reporter's object.
            return not _PEER_FINDING.search(clause, m.end())
    return False


_GOVERNMENT = frozenset({"委", "人民政府", "政府", "人大常委会", "人大", "政协"})


def peer(body: str, organ: str | None) -> bool:
    """Whether ``body`` (审计局, 人社局, 人民法院) is an organ other than the department whose own
    organ is ``organ`` (人力资源和社会保障): a short name keeps the full name's characters in
    order (人社 in 人力资源和社会保障, 市场监管 in 市场监督管理), another organ's does not. The
    government and its committees are superiors, not peers."""
    if not organ or body in _GOVERNMENT:
        return False
    core = cues.ORGAN_KIND.sub("", body)
    if not core:  # a court or procuratorate named by its kind alone (人民法院) is never the reporter
        return True
    it = iter(organ)
    return not all(ch in it for ch in core)


def superior_clause(clause: str, level: str | None, own: str | None = None,
                    organ: str | None = None) -> bool:
    """A clause reporting what a superior body did (省委、省政府印发…), not the reporter."""
    if other_body(clause.lstrip(), own, organ):
        return True
    for m in _superior(level).finditer(clause):
        before = clause[:m.start()]
        if cues.OWN_SUBJECT.search("," + before):
            return False
        if not cues.NOT_SUBJECT.search(before):
            return True
    return False


# What every PLACE_BODY match holds: a place's unit (its last character) after two Han characters
# of the place, then an organ (委, 人民政府, 政府, 人大…, 政协, …厅/局/委员会/委/办公室).  Opening on
# a class, it is found in one C scan; six sentences in seven hold none (an organ's character
# alone, in 委员, 政府, 局面…, is in every other sentence).
_PLACE_ORGAN = re.compile(r"[省区市州盟县旗](?<=[\u4e00-\u9fff]{3})"
                          r"(?:委|人民政府|政府|人大|政协|[\u4e00-\u9fff]{1,10}?(?:厅|局|委|办公室))")
_CLAUSE_OPEN = re.compile("[,，;；:：]")  # what PLACE_BODY's look-behind lets a clause open after


def _place_clauses(norm: str) -> list[str]:
    """Clauses that open with a place-named organ: few sentences have one, so the costly
    per-clause split is left for those."""
    if not _PLACE_ORGAN.search(norm):
        return []
    # PLACE_BODY opens a clause (at the start, or after one of _CLAUSE_OPEN): trying it there
    # alone, in order and past the last match, finds what finditer finds, which tries (and,
    # opening on a branch, not a class, tries slowly) every position of the sentence
    out, end = [], 0
    for start in (0, *(m.end() for m in _CLAUSE_OPEN.finditer(norm))):
        if start >= end and (m := cues.PLACE_BODY.match(norm, start)):
            out.append(norm[start:])
            end = m.end()
    return out


def _slogan(text: str) -> bool:
    """Whether the clause opening ``text`` names work without reporting it: a slogan, a
    requirement of others (cues.DIRECTIVE_OPENER) or an outcome alone (cues.VAGUE_OUTCOME)."""
    if text[:1] == "以" and cues.MEANS_SLOGAN.match(text):
        return True
    slogan = cues.SLOGAN_OPENERS.match(text)
    # 督促执法单位执行…: a "subject" that holds a verb of doing is no slogan's subject
    if slogan and not (slogan.group("subj") and _has_act(slogan.group("subj"))):
        return True
    return cues.NO_ACT_CLAUSE.match(text) is not None


def is_act(norm: str, level: str | None = None, own: str | None = None,
           is_concrete: bool | None = None, another: bool | None = None,
           organ: str | None = None) -> bool:
    """True when some clause reports the body's own act (see module doc).  ``own``: the
    reporter's place name (河阳 for 河阳市人民政府), to tell another place's organs apart.
    ``is_concrete``: ``concrete(norm)`` when the caller has it already (reading does: both
    run on every sentence, and the figure pattern is among the costlier ones); ``another``:
    ``names_another_body(norm, level, own, organ)`` likewise (reading asks superior_spans too).
    ``organ``: a department's own organ (own_organ), to tell its peers apart."""
    if norm[:1] == "据" and passed_on(norm, level):
        return False
    if not (names_another_body(norm, level, own, organ) if another is None else another):
        # The common case, one pass over the sentence: no superior body to set apart.
        if concrete(norm) if is_concrete is None else is_concrete:
            return True
        # the verbs as finditer of the whole would give them (see _ACT_COMMON): the earlier of
        # the parts' next matches, then on from its end; clause starts only grow, so a clause
        # already asked is the last one
        common, rare = _ACT_COMMON.search(norm), _ACT_RARE.search(norm)
        checked = -1
        while common is not None or rare is not None:
            m = common if rare is None or (common is not None and common.start() < rare.start()) else rare
            cut = clause_start(norm, m.start())
            if cut != checked:
                checked = cut
                if not _slogan(norm[cut:cut + 80].lstrip()):
                    return True
            end = m.end()
            if common is not None and common.start() < end:
                common = _ACT_COMMON.search(norm, end)
            if rare is not None and rare.start() < end:
                rare = _ACT_RARE.search(norm, end)
        # a completed result (RESULT) is the rarer act: tried last, as most sentences have a verb
        return bool(cues.RESULT.search(norm))
    parts = clauses(norm)
    return _own_act(parts, _theirs(parts, level, own, organ))


def passed_on(norm: str, level: str | None) -> bool:
    """A department passes on others' figures; anyone passes on a court's (REPORTED_BY)."""
    return (by := cues.REPORTED_BY.match(norm)) is not None and (
        level in _DEPARTMENTS or cues.NON_ADMIN_WORD.search(by.group(0)) is not None)


def act_beside_another(norm: str, level: str | None, own: str | None = None,
                       organ: str | None = None) -> tuple[bool, tuple[tuple[int, int], ...]]:
    """``is_act`` and, for an act, ``superior_spans`` of a sentence that names another body
    (names_another_body): its clauses and whose each one is are found once for both."""
    if norm[:1] == "据" and passed_on(norm, level):
        return False, ()
    parts = clauses(norm)
    sup = _theirs(parts, level, own, organ)
    if not _own_act(parts, sup):
        return False, ()
    return True, _their_spans(parts, sup)


def _own_act(parts: list[tuple[int, str]], sup: list[bool]) -> bool:
    """Whether a clause not a superior's or another body's (``sup``, see _theirs) reports an act."""
    for (_, clause), above in zip(parts, sup, strict=True):
        if above:
            continue
        text = clause.strip()
        if concrete(text) or cues.RESULT.search(text):
            return True
        if any(sup) and cues.OWN_SUBJECT.search("," + text) and cues.OWN_VERB.search(text):
            return True  # 我县转发并制定实施细则 beside 省政府印发《…》
        if _has_act(text) and not _slogan(text):
            return True
    return False


def concrete(norm: str) -> bool:
    """A figure or a named document the body issued: the mark of a report of work (实绩)."""
    # every NAMED_DOC match holds a 《: most sentences have none, and a substring test is cheap
    return bool(cues.FIGURE_ANY.search(norm) or ("《" in norm and cues.NAMED_DOC.search(norm)))


def frames(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``norm`` that frame rather than report (以…为指导, 在…领导下, and the 《law》
    studied in 集中学习了《优化营商环境条例》): an item named only inside one is mentioned,
    whatever the rest of the sentence did."""
    out: tuple[tuple[int, int], ...] = ()
    # Every frame holds 以…为, 在…下 or 把: a sentence without one of them is spared the search.
    if ("以" in norm and "为" in norm) or ("在" in norm and "下" in norm) or "把" in norm or "围绕" in norm:
        out = tuple((m.start(), m.end()) for m in cues.FRAMING.finditer(norm))
    if "《" in norm:
        out += _studied_titles(norm)
    if cues.DIRECTIVE_GATE.search(norm):
        out += _directives(norm)
    return out


def _directives(norm: str) -> tuple[tuple[int, int], ...]:
    """What others are required or told to do (cues.DIRECTIVE), unless a figure follows in the
    sentence: 督促各部门…公开年度报告，公开率100% reports the result of the requirement."""
    return tuple(m.span() for m in cues.DIRECTIVE.finditer(norm)
                 if not cues.FIGURE_ANY.search(norm, m.start()))


def _studied_titles(norm: str) -> tuple[tuple[int, int], ...]:
    """The 《titles》 of laws studied or taught; not a work of theory (《习近平法治思想概论》),
    whose study is the study item's own work."""
    # Every match holds a 《 and opens at most STUDIED_REACH characters before the first (the
    # pattern opens on a group, so re would try it at every position before that).
    first = norm.find("《")
    if first < 0:
        return ()
    # STUDIED_TITLE's finditer from its branches searched apart (cues.STUDIED_AFTER, _BEFORE): the
    # next match is the one that starts first (never both at one place: one opens on a study
    # word, the other on 《), and each search goes on past its end, as finditer's does
    out = []
    pos = max(0, first - cues.STUDIED_REACH)
    after, before = cues.STUDIED_AFTER.search(norm, pos), cues.STUDIED_BEFORE.search(norm, pos)
    while after is not None or before is not None:
        if before is None or (after is not None and after.start() < before.start()):
            pos, span = after.end(), after.span("title")
        else:
            pos, span = before.end(), before.span()
        if not cues.THEORY_WORDS.search(norm, *span):
            out.append(span)
        if after is not None and after.start() < pos:
            after = cues.STUDIED_AFTER.search(norm, pos)
        if before is not None and before.start() < pos:
            before = cues.STUDIED_BEFORE.search(norm, pos)
    return tuple(out)


def superior_spans(norm: str, level: str | None, own: str | None = None,
                   organ: str | None = None, another: bool | None = None
                   ) -> tuple[tuple[int, int], ...]:
    """Clauses of an act's sentence that tell what a superior or another body did (省生态环境厅
    组织开展…案卷评查，我局报送的3卷被评为优秀): like a frame, an item named only there is
    mentioned. Not when the reporter's clause takes up what they named (…印发《方案》后，我县转发
    并制定实施细则): the reporter's work is then about it too.  ``another``: as for is_act."""
    if not (names_another_body(norm, level, own, organ) if another is None else another):
        return ()
    parts = clauses(norm)
    return _their_spans(parts, _theirs(parts, level, own, organ))


def _their_spans(parts: list[tuple[int, str]], sup: list[bool]) -> tuple[tuple[int, int], ...]:
    theirs: list[tuple[int, int]] = []
    for (start, clause), above in zip(parts, sup, strict=True):
        if above:
            theirs.append((start, start + len(clause)))
        elif theirs and cues.TAKES_UP.search(clause):
            return ()
    return tuple(theirs)


def opens_with_another_body(norm: str, level: str | None, own: str | None = None,
                            organ: str | None = None) -> bool:
    """Whether the sentence's first clause tells what a superior or another body did (司法部
    部署开展…): a report of their act, never the reporter's plan."""
    if not names_another_body(norm, level, own, organ):
        return False
    parts = clauses(norm)
    return bool(parts) and superior_clause(parts[0][1], level, own, organ)


def names_another_body(norm: str, level: str | None, own: str | None,
                       organ: str | None = None, hinted: bool = False) -> bool:
    """Whether a superior, another place's organ, a court or society, or (for a department) a
    peer organ is named at all (most sentences: no). ``hinted``: the caller found
    ``another_hint(level, organ)`` in ``norm`` already (the search is not repeated)."""
    if not hinted and not _another_hint(level, bool(organ)).search(norm):
        return False
    return bool(_superior(level).search(norm)) or bool(
        own and any(other_body(c.lstrip(), own, organ) for c in _place_clauses(norm))) or bool(
        ((organ and _PEER_CHAR.search(norm)) or cues.NON_ADMIN_WORD.search(norm))
        and any(other_body(c.lstrip(), None, organ) for _, c in clauses(norm)))


_PEER_CHAR = re.compile("[局院会室]")  # every PEER_BODY ends in one of these


def _theirs(parts: list[tuple[int, str]], level: str | None, own: str | None,
            organ: str | None = None) -> list[bool]:
    """Per clause, whether its subject is a superior or another body: a clause after theirs
    carries their subject unless it names the reporter (…，对各地提出要求 is still theirs) or puts
    their findings right (…反馈问题4个，已整改3个), and nothing carries past a clause that opens
    按照/根据 their plan (按照县司法局统一部署，对…进行了清理 is the reporter's work). In a
    department's report, a clause of 全市各…部门 is its peers'."""
    out: list[bool] = []
    carry = False  # whether the last clause's subject, theirs, goes on into the next
    for _, clause in parts:
        text = clause.lstrip()
        if superior_clause(clause, level, own, organ) or (
                organ and cues.ALL_DEPARTMENTS.match(text)):
            out.append(True)
            carry = not cues.AFTER_ITS_PLAN.match(text)
            continue
        theirs = carry and not cues.OWN_SUBJECT.search("," + clause) and not cues.OWN_RESPONSE.match(text)
        out.append(theirs)
        carry = theirs
    return out


_PLACE = re.compile(r"(?P<place>[^局厅委办院所部处队站]{2,6}?)"
                    r"(?P<unit>省|自治区|市|州|盟|县|区|旗|镇|乡|街道)")


def own_place(issuer: str | None) -> str | None:
    """The reporter's own place: the last place unit of its name (河阳 in 河阳市人民政府, 石桥
    in 云岭县石桥镇人民政府, 岭西 in 岭西省市场监督管理局, 增城 in 广州市公安局增城区分局)."""
    if not issuer:
        return None
    name = re.sub(r"^中共|(?:人民政府|政府)$", "", issuer)
    places = [m.group("place") for m in _PLACE.finditer(name)]
    return places[-1] if places else None


def _last_unit(issuer: str | None) -> str | None:
    """The unit of the issuer's last place (省 of 岭西省交通运输厅, 县 of 菘岭县市场监督管理局)."""
    if not issuer:
        return None
    units = [m.group("unit") for m in _PLACE.finditer(re.sub(r"^中共|(?:人民政府|政府)$", "", issuer))]
    return units[-1] if units else None


def county_body(issuer: str | None) -> bool:
    """Whether the issuer's last place is a county or district (菘岭县市场监督管理局, 广州市公安局
    增城区分局), not a city (白杨市司法局: a county-level city's 市 is its own)."""
    return _last_unit(issuer) in ("县", "区", "旗")


def province_body(issuer: str | None) -> bool:
    """Whether the issuer's last place is a province (岭西省交通运输厅, not 岭西省河阳市司法局)."""
    return _last_unit(issuer) in ("省", "自治区")


def own_organ(issuer: str | None) -> str | None:
    """A department's own organ without place or kind (人力资源和社会保障 of 梧冈县人力资源和
    社会保障局, 卫生健康 of 岚江市卫生健康委员会): what tells its short names from a peer's."""
    if not issuer:
        return None
    name = re.sub(r"^中共", "", issuer)
    last = None
    for m in _PLACE.finditer(name):
        last = m
    core = cues.ORGAN_KIND.sub("", name[last.end():] if last else name)
    return core if len(core) >= 2 else None

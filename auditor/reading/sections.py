"""Headings, roles and sentences.

A report's mandated parts are usually headings (``二、存在的不足``), but many reports fold
shortcomings and plans into a closing paragraph, and some have no headings at all.  Roles
therefore come from headings first and from prose cues second; each sentence also gets a
``kind`` from its own words, because a gap admitted inside an achievements part still counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import acts, cues
from .document import Section, Sentence
from .normalize import norm_many


@dataclass(frozen=True, init=False)
class BodyLine:
    no: int  # original line number
    text: str  # original characters
    norm: str  # normalised line

    def __init__(self, no: int, text: str, norm: str) -> None:
        # as Sentence's (document.py): one per line of every report, 0.30 -> 0.15 us
        d = self.__dict__
        d["no"], d["text"], d["norm"] = no, text, norm


_CLOSING_ORIG = re.compile(r"[。！？!?]")
_WORDY = re.compile(r"[\w\u4e00-\u9fff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HEAD_TRIM = re.compile(r"[\s。！？!?;；:：,，]+$")
_HEAD_TRIM_MARKS = frozenset("。！？!?;；:：,，")


def _heading(line: BodyLine, markdown: bool) -> tuple[int, str, str, str] | None:
    """(level, heading as written, heading text for role cues, rest of line) or None."""
    s = line.norm
    m = cues.MARKDOWN_HEADING.match(line.text.strip()) if markdown else None
    if m:
        return len(m.group(1)), line.text.strip()[m.end():].replace("**", "").strip(), s, ""
    first = s[:1]
    markers = cues.HEADING_MARKERS_BY_FIRST.get(first)
    if markers is None:
        if not first.isdecimal():
            return None
        markers = cues.HEADING_MARKERS_DIGIT
    for rx, level in markers:
        m = rx.match(s)
        if not m:
            continue
        rest = s[m.end():]
        end = cues.SENTENCE_END.search(rest)
        if end is None or not rest[end.end():].strip(" ”\"'）)"):
            if len(rest) > 60 or not rest.strip():
                return None
            head = line.text.strip()
            # (stripped, it ends in what _HEAD_TRIM takes only where it ends in one of its marks)
            if head[-1:] in _HEAD_TRIM_MARKS:
                head = _HEAD_TRIM.sub("", head)
            return level, head, rest.rstrip("。;；!?"), ""
        if end.start() > 40 or rest[end.start()] in ";；":
            return None  # a long first sentence: an enumerated paragraph, not a heading
        orig = line.text.strip()
        cut = _CLOSING_ORIG.search(orig)
        head, body = (orig[:cut.start()], orig[cut.end():]) if cut else (orig, "")
        return level, head, rest[:end.start()], body
    return None


def _is_sentence(heading_text: str, norm: str) -> bool:
    """A numbered line written as a full sentence (ends in 。 etc.) is one of a list of points —
    typical of shortcomings and plans — so it is matched as a sentence as well as a heading."""
    return len(heading_text) >= 8 and bool(cues.SENTENCE_END.search(norm.rstrip()[-1:]))


def _unmarked_heading(line: BodyLine, nxt: BodyLine | None) -> bool:
    """A short label line followed by a paragraph, as left when numbering was lost in copying.
    A label has words: a figure alone (-2.3%, 9876: the last cell of a flattened table) is none."""
    s = line.norm
    return (nxt is not None and 4 <= len(s) <= 30 and not re.search(r"[。;；!?！？:：“”\"]", s)
            and s[-1:] not in ",，、" and len(nxt.norm) >= 40 and not re.match(r"^\d", s)
            and len(_HAN.findall(s)) >= 2)


def heading_role(text: str, year: int | None) -> str | None:
    """Role a heading names explicitly, None for a topical heading."""
    # most headings are topical (nine in ten): one search for them all says so
    if cues.ANY_ROLE_HEADING.search(text) is None:
        return "next_year" if year and f"{year + 1}年" in text else None
    for role, rx in cues.ROLE_HEADING:
        if rx.search(text):
            if role == "next_year" and year and (y := re.search(r"((?:19|20)\d{2})年", text)) \
                    and int(y.group(1)) <= year:
                continue
            return role
    if year and f"{year + 1}年" in text:
        return "next_year"
    return None


def kind_of(norm: str, role: str, year: int | None) -> str:
    """achievement | plan | gap from the sentence's words, in the light of its part's role."""
    if "得" not in norm and not cues.KIND_CUES_COMMON.search(norm) and not cues.KIND_CUES_RARE.search(norm):
        # No cue pattern of _cued_kind matches (four in five sentences): nothing is removed, no
        # plan or gap word is found, and what it would decide is left to the role and the year.
        if role == "next_year" or _next_year_cue(norm, year):
            return "plan"
        return "gap" if role == "shortcomings" else "achievement"
    return _cued_kind(norm, role, year)


def _cued_kind(norm: str, role: str, year: int | None) -> str:
    # most sentences hold no false friend, and a search costs less than a sub that replaces nothing
    core = cues.false_friends(norm).sub("", norm) if cues.has_false_friend(norm) else norm
    if role == "next_year":  # the plan cues matter only beside an admission here
        return "gap" if cues.ADMIT_GAP.search(core) and not _plan_cue(norm, year) else "plan"
    plan = _plan_cue(norm, year)
    gap = bool(cues.STRONG_GAP.search(core))
    if gap and role == "achievements":
        # the last trouble word: a settlement after it closes the problem
        last = max(m.end() for m in cues.STRONG_GAP.finditer(core))
        gap = not cues.RESOLVED.search(core, last)
    if gap:
        return "plan" if plan and not cues.ADMIT_GAP.search(core) else "gap"
    if plan:
        return "plan"
    if role == "achievements" and cues.CONTRAST_OPENER.match(core) and cues.WEAK_GAP.search(core) \
            and not cues.RESOLVED.search(core):
        return "gap"
    if role == "shortcomings":
        return "gap"  # a shortcomings part speaks of gaps even where a sentence lacks cue words
    if role == "other" and cues.WEAK_GAP.search(core):
        return "gap"  # 意见建议 / 其他情况 parts often restate gaps mildly (尚未, 个别…)
    return "achievement"


def _shortcoming_kind(norm: str, year: int | None) -> str:
    """``kind_of(norm, "shortcomings", year)`` without the cue search (half a shortcomings part's
    sentences have a cue, a gap word): what _cued_kind decides there, a gap unless a plan cue
    comes without both a trouble word and an admission; and without any cue (kind_of's first path)
    the plan cue is the next year's alone, as _plan_cue finds it then."""
    if not _plan_cue(norm, year):
        return "gap"
    core = cues.false_friends(norm).sub("", norm) if cues.has_false_friend(norm) else norm
    return "gap" if cues.STRONG_GAP.search(core) and cues.ADMIT_GAP.search(core) else "plan"


def _plan_cue(norm: str, year: int | None) -> bool:
    # the done-work phrases are removed first; most sentences hold none (the sub would only scan)
    done = cues.NOT_PLAN.sub("", norm) if cues.NOT_PLAN.search(norm) else norm
    return bool(cues.PLAN.search(done)) or _next_year_cue(norm, year)


def gap_clauses(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans of the clauses that word the admission (不足, 有待提高 …): a gap is about what is
    named in the clause that admits it (its subject), not everything named in the sentence."""
    core = cues.false_friends(norm).sub(lambda m: " " * len(m.group(0)), norm) \
        if cues.has_false_friend(norm) else norm
    out = []
    for start, clause in acts.clauses(core):
        if cues.STRONG_GAP.search(clause) or cues.ADMIT_GAP.search(clause) or cues.WEAK_GAP.search(clause):
            purpose = cues.GAP_PURPOSE.match(clause)
            lo = start + (purpose.end() if purpose else 0)
            for m in cues.GAP_NOT_SUBJECT.finditer(clause, lo - start):
                if start + m.start() > lo:
                    out.append((lo, start + m.start()))
                lo = start + m.end()
            out.append((lo, start + len(clause)))
    return tuple(out)


def _next_year_cue(norm: str, year: int | None) -> bool:
    if not year:
        return False
    nxt = str(year + 1)
    if nxt not in norm:  # every form below spells the next year out: most sentences skip the search
        return False
    return norm.startswith(f"{nxt}年") or bool(_next_year_rx(year).search(norm))


@lru_cache(maxsize=16)
def _next_year_rx(year: int) -> re.Pattern[str]:
    """Compiled once per report year: building and looking up the pattern for every sentence
    cost more than the search."""
    nxt = str(year + 1)
    return re.compile(rf"{nxt}年度?.{{0,8}}(?:将|要|计划|力争|拟|继续|着力|重点)"
                      rf"|(?:计划|争取|预计|确保|拟)(?:于|在|到)?{nxt}年")


# A lead-in label (规范性文件监督管理和动态清理：审核…41件) names a topic the way a heading does;
# read as its own sentence, its words do not lend the act after it to another item (清理), nor
# veto the item the act is about (审核 -> review).  Not a reported speech (…指出：“…”), and
# not a label holding figures or commas (those are already an account of work).
_LABEL = re.compile(r"^[^。！？；!?;:：,，、“”\"'0-9０-９]{4,24}?(?<!指出)(?<!强调)(?<!要求)(?<!表示)"
                    r"(?<!提出)(?<!明确)(?<!规定)(?<!认为)(?<!说)[:：](?=[^“\"'‘\s])")


def split_sentences(text: str) -> list[str]:
    out = []
    # asked of the line once: a piece holds a colon (_LABEL ends at one) or a turn (_turn) only
    # where its line does, and most lines hold neither
    colon = ":" in text or "：" in text
    turn = "但" in text or "然而" in text or "不过" in text
    for piece in cues.SPLIT.findall(text):  # (no groups: the whole match, no match object)
        piece = piece.strip()
        # (a Han character first, as in nearly every piece, is a word: the search is not asked)
        if not "\u4e00" <= piece[:1] <= "\u9fff" and not _WORDY.search(piece):
            continue
        label = _LABEL.match(piece) if colon and (":" in piece or "：" in piece) else None
        if label and len(piece) - label.end() >= 8:
            out += [piece[:label.end()], piece[label.end():]]
        elif turn:
            out += _turn(piece)
        else:
            out.append(piece)
    return out


_BUT = re.compile(r"[,，]\s*(?=但是?|然而|不过)")


def _turn(piece: str) -> list[str]:
    """Work done with a figure, then a turn to what falls short (配备执法记录仪96台，…，但执法全过程
    记录执行还不够到位，…): two sentences, an act and an admission, so neither hides the other."""
    m = _BUT.search(piece) if "但" in piece or "然而" in piece or "不过" in piece else None
    if m is None or not cues.FIGURE_ANY.search(piece, 0, m.start()):
        return [piece]
    rest = piece[m.end():]
    if not (cues.STRONG_GAP.search(rest) or cues.WEAK_GAP.search(rest)):
        return [piece]
    return [piece[:m.end()], rest]


def _headings(lines: list[BodyLine], markdown: bool) -> list[tuple[int, str, str, str] | None]:
    """Each line's heading (see ``_heading``) or None; unmarked labels count once numbering began."""
    heads: list[tuple[int, str, str, str] | None] = []
    last_marked_level = 0
    for n, line in enumerate(lines):
        head = _heading(line, markdown)
        if head is not None:
            last_marked_level = head[0]
        elif last_marked_level and _unmarked_heading(line, lines[n + 1] if n + 1 < len(lines) else None):
            head = (max(2, last_marked_level), line.text.strip(), line.norm, "")
        heads.append(head)
    return heads


_ENDERS = frozenset("。！？；!?;")  # what SENTENCE_END finds
_NEW_ITEM = re.compile(r"^\s*(?:[-*+•·]\s|\||[一二三四五六七八九十]+是)")
WRAP_MIN = 15  # a line broken by width is long; a shorter unpunctuated line is a label


def _wraps(piece: str, line: BodyLine, nxt: BodyLine | None, nxt_head: object) -> bool:
    """The line breaks off mid-sentence and the next line carries on, as text from PDFs and
    hard-wrapped files does: the two halves must be matched as one sentence."""
    # (a piece nearly always ends in its ender: the search would scan it all to find that one)
    if nxt is None or nxt_head is not None or piece[-1:] in _ENDERS or cues.SENTENCE_END.search(piece):
        return False
    tail = piece.rstrip()[-1:]
    if tail in ":：" or _NEW_ITEM.match(line.text) or _NEW_ITEM.match(nxt.text):
        return False
    return tail in ",，、" or len(line.norm) >= WRAP_MIN


def parse(lines: list[BodyLine], year: int | None, t2s: bool, markdown: bool = False,
          gov_level: str | None = None, own: str | None = None, organ: str | None = None
          ) -> tuple[tuple[Section, ...], tuple[Sentence, ...]]:
    """Sections (with roles) and sentences (with roles and kinds) of the report body."""
    sections: list[Section] = []
    sentences: list[Sentence] = []
    stack: list[int] = []  # indexes of open sections, outermost first
    top_roles: list[str] = []
    prose: str | None = None  # role switched on by prose cues, until the next heading
    tail_plan: int | None = None  # line of an achievements paragraph that turned to plans midway
    heads = _headings(lines, markdown)
    pieces_of = _pieces(lines, heads)
    titles = [_heading_text(head[1], markdown) for head in heads if head is not None]
    # every heading and sentence normalised in one call (see norm_many), in the order read below
    texts = titles + [p for pieces in pieces_of for _, p in pieces]
    norms = iter(norm_many(texts, t2s=t2s, markdown=markdown))
    heading_norms = [next(norms) for _ in titles]
    # asked of every sentence: looked up once here, not in each call (kind_of, names_another_body)
    next_year = str(year + 1) if year else None
    another_hint = acts.another_hint(gov_level, organ)
    kind_common, kind_rare = cues.KIND_CUES_COMMON, cues.KIND_CUES_RARE
    figure, named_doc = cues.FIGURE_ANY.search, cues.NAMED_DOC.search  # acts.concrete, inline
    for n, line in enumerate(lines):
        head = heads[n]
        if head is not None:
            level, _, cue_text, _ = head
            heading = titles[len(sections)]
            while stack and sections[stack[-1]].level >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            role = _section_role(heading_role(cue_text, year), parent, sections, top_roles)
            if parent is None:
                top_roles.append(role)
            stack.append(len(sections))
            sections.append(Section(heading, line.no, level, role, parent, heading_norms[len(sections)]))
            prose = None
        section = stack[-1] if stack else None
        if tail_plan is not None and tail_plan != line.no:
            prose, tail_plan = None, None  # a plan closing a paragraph of work ends with it
        base = sections[section].role if section is not None else "achievements"
        for k, (no, piece) in enumerate(pieces_of[n]):
            s_norm = next(norms)
            role = prose or base
            opens_paragraph = k == 0 and no == line.no  # not the tail of a wrapped sentence
            if opens_paragraph and role in ("achievements", "other") and cues.GAP_OPENER.search(s_norm):
                prose = role = "shortcomings"
            if tail_plan is not None and (_reports_work(s_norm) or (not _plan_cue(s_norm, year) and (
                    acts.opens_with_another_body(s_norm, gov_level, own, organ)))):
                # 下一步… then more work done, or what a superior did (司法部部署…): back to the report
                prose, tail_plan = None, None
                role = base
            if (role == "shortcomings" and _turns_to_plan(s_norm, year)) or \
                    (role != "next_year" and cues.PLAN_OPENERS.match(s_norm)):
                if role == "achievements" and not opens_paragraph:
                    tail_plan = line.no
                prose = role = "next_year"
            if role == "shortcomings":
                kind = _shortcoming_kind(s_norm, year)
            elif "得" not in s_norm and not kind_common.search(s_norm) and not kind_rare.search(s_norm):
                # kind_of, inline
                kind = "plan" if role == "next_year" or (
                    next_year is not None and next_year in s_norm and _next_year_cue(s_norm, year)) \
                    else "gap" if role == "shortcomings" else "achievement"
            else:
                kind = _cued_kind(s_norm, role, year)
            # An achievement-kind sentence without an act of the body only names the work: its
            # evidence is a mention (docs/scoring.md, Acts).
            concrete = figure(s_norm) is not None or ("《" in s_norm and named_doc(s_norm) is not None)
            # a lead-in label (see _LABEL) names a topic; the act is in the words after it
            act = False
            frames: tuple[tuple[int, int], ...] = ()
            if kind == "achievement" and not piece.endswith((":", "：")):
                # beside another body, its clauses and whose each one is are found once for the
                # act and the spans that are theirs (the superior pattern is a costly one)
                if another_hint.search(s_norm) is not None and acts.names_another_body(
                        s_norm, gov_level, own, organ, hinted=True):
                    act, theirs = acts.act_beside_another(s_norm, gov_level, own, organ)
                elif concrete:  # is_act's answer for a concrete sentence, without the call
                    act, theirs = s_norm[:1] != "据" or not acts.passed_on(s_norm, gov_level), ()
                else:
                    act, theirs = acts.is_act(s_norm, gov_level, own, concrete, False, organ), ()
                if act:
                    frames = acts.frames(s_norm) + theirs
                    if len(frames) > 1:
                        frames = tuple(sorted(frames))
            sentences.append(Sentence(piece, s_norm, no, section, role, kind, act, frames, concrete,
                                      gap_clauses(s_norm) if kind == "gap" else ()))
    return tuple(sections), tuple(sentences)


def _heading_text(heading: str, markdown: bool) -> str:
    return heading.replace("**", "").replace("__", "").strip() if markdown else heading


def _pieces(lines: list[BodyLine], heads: list[tuple[int, str, str, str] | None]
            ) -> list[list[tuple[int, str]]]:
    """Each line's sentences as (line, text): the text after a heading, split, with a sentence
    wrapped over a line break joined to the line where it started.  Depends on the lines only
    (not on roles), so all sentences are known before any is normalised."""
    out: list[list[tuple[int, str]]] = []
    carry: tuple[int, str] | None = None  # (line, start of a sentence wrapped onto the next line)
    for n, line in enumerate(lines):
        head, body_text = heads[n], line.text
        if head is not None:
            body_text = head[3]
            if not body_text and _is_sentence(head[2], line.norm):
                body_text = line.text.strip()  # "1. 执法人员素质有待提高。": a point, not a title
        pieces = [(line.no, p) for p in split_sentences(body_text)]
        if carry is not None:
            pieces[:1] = [(carry[0], carry[1] + (pieces[0][1] if pieces else ""))]
            carry = None
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if pieces and _wraps(pieces[-1][1], line, nxt, heads[n + 1] if nxt else None):
            carry = pieces.pop()
        out.append(pieces)
    return out


def _section_role(explicit: str | None, parent: int | None, sections: list[Section],
                  top_roles: list[str]) -> str:
    """A subsection keeps its part's role unless it names another; an unnamed top-level
    section after the shortcomings or plans part continues it (topical headings inside it)."""
    if parent is not None:
        return explicit if explicit and explicit != "achievements" else sections[parent].role
    if explicit:
        return explicit
    return top_roles[-1] if top_roles and top_roles[-1] in ("shortcomings", "next_year") else "achievements"


def _reports_work(norm: str) -> bool:
    """Done work after a plan sentence: a figure, a 《document》 issued, 了 or a year's total."""
    return acts.concrete(norm) or bool(cues.DONE.search(norm))


def _turns_to_plan(norm: str, year: int | None) -> bool:
    return bool(cues.TURN_TO_PLAN.search(norm)) or _next_year_cue(norm, year)

"""sections.parse asks its per-sentence questions in a cheaper form than the functions that
define them (issue 12, sixth pass): kind_of inline, names_another_body behind its hint looked up
once a report, superior_spans only beside another body. Every sentence of the sample and dev
reports, at the level each is read at and at every other, gets what those functions say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import auditor.reading as reading
from auditor.reading import acts, cues, sections

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*/*.txt"))


@pytest.fixture(scope="module")
def parses() -> list[tuple[tuple, dict]]:
    """The arguments read_text gives parse, for every report."""
    calls = []
    real = reading.parse

    def grab(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    reading.parse = grab
    try:
        for f in FILES:
            reading.read_path(str(f))
    finally:
        reading.parse = real
    assert len(calls) == len(FILES) > 25
    return calls


def _slow(s, year: int | None, level: str | None, own: str | None, organ: str | None) -> tuple:
    kind = sections.kind_of(s.norm, s.role, year)
    concrete = acts.concrete(s.norm)
    act, frames = False, ()
    if kind == "achievement" and not s.text.endswith((":", "：")):
        act = acts.is_act(s.norm, level, own, organ=organ)
        if act:
            frames = tuple(sorted(acts.frames(s.norm) + acts.superior_spans(s.norm, level, own, organ)))
    return kind, act, frames, concrete


def test_parse_answers_what_the_sentence_functions_answer(parses) -> None:
    kinds, acted, another = set(), 0, 0
    for args, kwargs in parses:
        lines, year, t2s, markdown = args
        levels = {kwargs["gov_level"], "province", "township", "department", "county_city", None}
        for level in levels:
            own, organ = kwargs["own"], kwargs["organ"] or ("审计" if level == "department" else None)
            _, sentences = sections.parse(lines, year, t2s, markdown, gov_level=level, own=own, organ=organ)
            for s in sentences:
                assert (s.kind, s.act, s.frames, s.concrete) == _slow(s, year, level, own, organ), s.text
                assert s.gap_clauses == (sections.gap_clauses(s.norm) if s.kind == "gap" else ())
                kinds.add(s.kind)
                acted += s.act
                another += s.act and acts.names_another_body(s.norm, level, own, organ)
    assert kinds == {"achievement", "plan", "gap"} and acted > 1000 and another > 50


def test_kind_cues_in_two_parts(parses) -> None:
    """Reading asks KIND_CUES_PATTERN as two patterns (its branches parted by first character):
    the same branches, and a match in one of them where the whole has one."""
    import re

    from auditor.reading.gates import _top_level

    whole = re.compile(cues.KIND_CUES_PATTERN)
    parts = [_top_level(rx.pattern, "|") for rx in (cues.KIND_CUES_COMMON, cues.KIND_CUES_RARE)]
    assert all(parts) and sorted(parts[0] + parts[1]) == sorted(_top_level(whole.pattern, "|"))
    texts = [s.norm for args, kwargs in parses for s in sections.parse(*args, **kwargs)[1]]
    texts += ["事多人少", "个别部门", "我县将继续", "力争", "不断", "", "得到解决"]
    cued = 0
    for s in texts:
        want = whole.search(s) is not None
        parted = cues.KIND_CUES_COMMON.search(s) or cues.KIND_CUES_RARE.search(s)
        assert (parted is not None) == want, s
        cued += want
    assert 100 < cued < len(texts) / 2


def test_hand_written_inits_make_the_frozen_dataclasses() -> None:
    """Sentence and BodyLine fill their dict by hand (cheaper than the generated __init__): the
    same fields, values, equality, hash and frozenness as the dataclass would give."""
    import dataclasses

    from auditor.reading.document import Section, Sentence
    from auditor.reading.sections import BodyLine

    for cls, args in ((Sentence, ("原文", "norm", 3, None, "achievements", "gap", True, ((0, 2),), True,
                                  ((1, 3),))),
                      (BodyLine, (7, "原文", "norm")),
                      (Section, ("一、主要成效", 4, 1, "achievements", 2, "一、主要成效"))):
        names = [f.name for f in dataclasses.fields(cls)]
        made = cls(*args)
        assert vars(made) == dict(zip(names, args, strict=True))
        assert made == cls(*args) and hash(made) == hash(cls(*args))
        assert made != dataclasses.replace(made, **{names[-1]: "other"})
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, names[0], None)
    assert Section("标题", 1, 2, "other") == Section(heading="标题", line=1, level=2, role="other",
                                                     parent=None, norm="")
    short = Sentence("原文", "norm", 3, 0, "other", "plan")
    assert (short.act, short.frames, short.concrete, short.gap_clauses) == (False, (), False, ())


def _lines() -> list[str]:
    return [line for f in FILES for line in f.read_text(encoding="utf-8").splitlines()]


def test_split_possessive_is_the_split_as_written() -> None:
    """SPLIT's possessive repeats cut every line of the sample and dev reports as the pattern
    with ordinary repeats does (and on lines built to make it give back)."""
    plain = re.compile(cues.SPLIT_PATTERN)
    odd = ["无结尾的一行", "一句。二句！”三句", "结尾；；”」", "甲。\n", "乙\n", "。", "", "”", "丙?!'）尾"]
    lines = _lines() + odd
    assert len(lines) > 1000
    for line in lines:
        assert cues.SPLIT.findall(line) == plain.findall(line), line


def test_heading_markers_by_first_character() -> None:
    """_heading tries only the markers that can open on a line's first character: on every line
    of the sample and dev reports (normalised as headings are), the first marker that matches is
    the one the full list in order gives."""
    from auditor.reading.normalize import norm_many

    odd = ["第一部分 总结", "一、成效", "(一)做法", "(1)事项", "1.要点", "12 要点", "①一点", "一是加强",
           "(二十)", "一)要点", "〇、", "十二、", "２、全角", "٣、其他数字", "第十章", "(１)", "百"]
    for s in [*norm_many(_lines(), t2s=False, markdown=False), *odd]:
        s = s.strip()
        full = next(((rx, level) for rx, level in cues.HEADING_MARKERS if rx.match(s)), None)
        first = s[:1]
        some = cues.HEADING_MARKERS_BY_FIRST.get(first) or (
            cues.HEADING_MARKERS_DIGIT if first.isdecimal() else ())
        assert next(((rx, level) for rx, level in some if rx.match(s)), None) == full, s


def test_any_role_heading_is_one_of_them() -> None:
    """heading_role's first search finds something exactly where one of ROLE_HEADING does."""
    headings = [h.norm for f in FILES for h in reading.read_path(str(f)).sections]
    lines = [*headings, *_lines(), "工作计划", "主要领导履职", "下年度工作安排", "其他需要报告的事项"]
    hits = 0
    for s in lines:
        some = any(rx.search(s) for _, rx in cues.ROLE_HEADING)
        assert (cues.ANY_ROLE_HEADING.search(s) is not None) == some, s
        hits += some
    assert hits > 50


def test_shortcoming_kind_is_kind_of(parses) -> None:
    """parse gives a sentence of a shortcomings part the kind _shortcoming_kind says: what
    kind_of says, for every sentence of the sample and dev reports, at no year, its report's
    year and the year before any year it names (so that its next-year cue is found)."""
    made = ["下一步将加强队伍建设,执法力量不足", "下一步,仍存在执法力量不足的问题", "2024年将继续推进",
            "明年将着力解决执法力量不足的问题", "执法人员不足", "今后将补齐短板", "下一步要取得实效"]
    norms = [(s.norm, args[1]) for args, kwargs in parses for s in sections.parse(*args, **kwargs)[1]]
    plans = gaps = 0
    for norm, report_year in [*norms, *((m, 2023) for m in made)]:
        for year in {None, report_year, *(int(y) - 1 for y in re.findall(r"(?:19|20)\d\d", norm))}:
            got = sections._shortcoming_kind(norm, year)
            assert got == sections.kind_of(norm, "shortcomings", year), (norm, year)
            plans += got == "plan"
            gaps += got == "gap"
    assert plans > 20 and gaps > 20


def test_non_admin_word_in_every_non_admin_body(parses) -> None:
    """other_body asks NON_ADMIN_BODY only of a clause holding a NON_ADMIN_WORD: every clause of
    the sample and dev reports (and made ones) that it matches holds one."""
    made = ["市中级人民法院审结案件", "省法学会发表论文", "县律师协会组织", "律协开展", "区人民检察院",
            "市法治研究会举办", "2023年,县检察院"]
    clauses = [c.lstrip() for args, kwargs in parses for s in sections.parse(*args, **kwargs)[1]
               for _, c in acts.clauses(s.norm)]
    hits = 0
    for c in [*clauses, *made]:
        if cues.NON_ADMIN_BODY.match(c):
            hits += 1
            assert cues.NON_ADMIN_WORD.search(c), c
    assert hits >= len(made)


def test_head_trim_asked_only_of_a_line_ending_in_a_mark() -> None:
    """_heading subs _HEAD_TRIM only where the stripped line ends in one of its marks: elsewhere
    the sub changes nothing (every line of the sample and dev reports, and made ones)."""
    made = ["标题,", "标题 。 ", "标题\u3000", "标题：：", "标题!?", "一、总结", ""]
    for line in [*_lines(), *made]:
        head = line.strip()
        if head[-1:] not in sections._HEAD_TRIM_MARKS:
            assert sections._HEAD_TRIM.sub("", head) == head, line


def test_enders_are_what_sentence_end_finds() -> None:
    """_wraps takes a piece ending in one of _ENDERS as ended without the search: those are
    the characters SENTENCE_END finds, no more and no fewer (of every character of the BMP)."""
    found = {chr(c) for c in range(0x10000) if cues.SENTENCE_END.fullmatch(chr(c))}
    assert found == set(sections._ENDERS)

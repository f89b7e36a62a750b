"""sections.parse asks its per-sentence questions in a cheaper form than the functions that
define them (issue 12, sixth pass): kind_of inline, names_another_body behind its hint looked up
once a report, superior_spans only beside another body. Every sentence of the sample and dev
reports, at the level each is read at and at every other, gets what those functions say."""

from __future__ import annotations

from pathlib import Path

import pytest

import auditor.reading as reading
from auditor.reading import acts, sections

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

    from auditor.reading import cues
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

    from auditor.reading.document import Sentence
    from auditor.reading.sections import BodyLine

    for cls, args in ((Sentence, ("原文", "norm", 3, None, "achievements", "gap", True, ((0, 2),), True,
                                  ((1, 3),))),
                      (BodyLine, (7, "原文", "norm"))):
        names = [f.name for f in dataclasses.fields(cls)]
        made = cls(*args)
        assert vars(made) == dict(zip(names, args, strict=True))
        assert made == cls(*args) and hash(made) == hash(cls(*args))
        assert made != dataclasses.replace(made, **{names[-1]: "other"})
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, names[0], None)
    short = Sentence("原文", "norm", 3, 0, "other", "plan")
    assert (short.act, short.frames, short.concrete, short.gap_clauses) == (False, (), False, ())

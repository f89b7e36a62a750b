"""The speed-ups of reading (issue 12) change no result: each gated cue pattern finds exactly
what its ungated form finds, on the sentences of the sample and dev reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.reading import acts, cues, gates, read_path

ROOT = Path(__file__).resolve().parents[1]
GATED = ("FALSE_FRIENDS", "FIGURE")


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    files = sorted((ROOT / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*/*.txt"))
    out = [s.norm for f in files for s in read_path(str(f)).sentences]
    assert len(out) > 1000
    return out


def _ungated(rx: re.Pattern[str]) -> re.Pattern[str]:
    assert rx.pattern.startswith("(?=["), rx.pattern[:40]
    return re.compile(rx.pattern[rx.pattern.index("])") + 2:])


@pytest.mark.parametrize("name", GATED)
def test_gate_keeps_every_match(name: str, sentences: list[str]) -> None:
    rx = getattr(cues, name)
    plain = _ungated(rx)
    hits = 0
    for s in sentences:
        got = [m.span() for m in rx.finditer(s)]
        assert got == [m.span() for m in plain.finditer(s)], s
        hits += bool(got)
    assert hits  # the pattern is exercised, not vacuously equal


def test_false_friends_without_de(sentences: list[str]) -> None:
    """Sentences without 得 skip the settled-problem branch; the removal is the same."""
    assert cues.false_friends("执法力量不足的问题得到有效解决") is cues.FALSE_FRIENDS
    assert cues.FALSE_FRIENDS.sub("", "执法力量不足的问题得到有效解决") == ""
    for s in sentences:
        assert cues.false_friends(s).sub("", s) == cues.FALSE_FRIENDS.sub("", s), s


def test_has_false_friend_is_the_search(sentences: list[str]) -> None:
    """The yes/no of false friends from the parts of FALSE_FRIENDS is the whole pattern's."""
    cases = ["执法力量不足的问题得到有效解决", "经整改，执法力量不足的问题得到有效解决。",
             "执法力量不足的问题尚未得到解决", "补齐短板，问题得以缓解", "我局获得表彰", "不断加强"]
    found = 0
    for s in [*sentences, *cases, *(c + "，" + c for c in cases)]:
        want = cues.false_friends(s).search(s) is not None
        assert want == (cues.FALSE_FRIENDS.search(s) is not None), s
        assert cues.has_false_friend(s) == want, s
        found += want and "得" in s and cues.FALSE_FRIENDS_NO_DE.search(s) is None
    assert found  # the settled-problem branch alone decides some


def test_lead_chars_reads_and_refuses() -> None:
    assert gates.lead_chars("不足|(?:还|仍)有|(?<!努)力争") == "不仍力还"
    assert set(gates.lead_chars(r"(?<![月\d.])(?:\d|[*×])+件")) == {"\\", "d", "*", "×"}
    for unreadable in ("(?:坚持)?以", r"\w+", "[^,]{0,4}问题", "不?足"):
        with pytest.raises(ValueError):
            gates.lead_chars(unreadable)


def test_is_act_given_concrete_is_the_same(sentences: list[str]) -> None:
    another = 0
    for s in [*sentences, "南州市司法局年内印发《行政执法案卷评查办法》，我市转发并制定实施细则。"]:
        given = acts.is_act(s, "county", "河阳", is_concrete=acts.concrete(s))
        assert given == acts.is_act(s, "county", "河阳"), s
        names = acts.names_another_body(s, "county", "河阳")
        assert acts.is_act(s, "county", "河阳", another=names) == given, s
        spans = acts.superior_spans(s, "county", "河阳")
        assert acts.superior_spans(s, "county", "河阳", another=names) == spans, s
        if names:
            assert acts.act_beside_another(s, "county", "河阳") == (given, spans if given else ()), s
        another += names
    assert another  # sentences naming a superior or another body are among them


def test_frames_literal_gate_keeps_every_frame(sentences: list[str]) -> None:
    framed = 0
    odd = ["学习一二三四五六七八九十一二《条例》", "学习一二三四五六七八九十一二三《条例》",
           "甲乙丙学法《民法典》", "《条例》专题辅导", "《习近平法治思想概论》学习", "《a》",
           "学习《条例》和《办法》、《规定》", "学习《条例》培训《办法》辅导", "《条例》《办法》学习",
           "《条例》学习《办法》培训", "《条例》宣讲，《办法》解读"]
    studied_title = re.compile(cues.STUDIED_TITLE_PATTERN)
    for s in [*sentences, *odd]:
        want = tuple((m.start(), m.end()) for m in cues.FRAMING.finditer(s))
        studied = tuple(m.span("title") if m.start("title") != -1 else m.span("before")
                        for m in studied_title.finditer(s))
        assert acts._studied_titles(s) == tuple(span for span in studied
                                                if not cues.THEORY_WORDS.search(s, *span)), s
        directives = tuple((m.start(), m.end()) for m in cues.DIRECTIVE.finditer(s)
                           if not cues.FIGURE_ANY.search(s, m.start()))
        assert acts.frames(s) == want + acts._studied_titles(s) + directives, s
        framed += bool(want)
    assert framed


def test_place_clauses_gate_keeps_every_organ(sentences: list[str]) -> None:
    opened = 0
    odd = ["南州市司法局年内印发《行政执法案卷评查办法》", "岭西省人大审议通过条例",
           "南州市委,,岭西省人大;:云岭县委", "年内南州市,委员会,河阳县政府", ":南州市委：", ",", "",
           "内蒙古自治区人民政府印发", "2023年3月份南州市政协", "南州市 司法局", "南州市办公室"]
    for s in [*sentences, *odd]:
        want = [s[m.start():] for m in cues.PLACE_BODY.finditer(s)]
        assert acts._place_clauses(s) == want, s
        opened += bool(want)
    assert opened


def test_figure_any_says_where_figure_matches(sentences: list[str]) -> None:
    """acts.concrete and _turn ask FIGURE_ANY whether FIGURE matches: the same answer on every
    sentence, on every start of one (_turn searches up to a comma), and on odd figures."""
    odd = ["月12件", "2023年", "1.5万元", "12.件", "x12 件", "三次", "两个部门", "三次事", "*件", "×3项",
           "月*件", ".5件", "3.5%", "3.5", "１２件", "٣件", "十二项制度", "二〇二三年", "共3\n件", "", "件"]
    found = 0
    for s in [*sentences, *odd]:
        want = cues.FIGURE.search(s) is not None
        assert (cues.FIGURE_ANY.search(s) is not None) == want, s
        for m in re.finditer("[,，]", s):
            assert (cues.FIGURE_ANY.search(s, 0, m.start()) is None) == \
                (cues.FIGURE.search(s, 0, m.start()) is None), (s, m.start())
        found += want
    assert found > 500
    # the opening class holds every decimal digit there is (\d), in this Python's Unicode
    opening = re.compile(f"[{cues._ANY_DIGIT}]")
    digits = re.findall(r"\d", "".join(map(chr, range(0x110000))))
    assert len(digits) > 600 and all(opening.match(d) for d in digits)


def test_role_heading_opened_on_first_characters(sentences: list[str]) -> None:
    """heading_role asks ROLE_HEADING (by_first) of every heading: the same matches as the
    patterns as written, on every dev heading and sentence."""
    files = sorted((ROOT / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*/*.txt"))
    headings = [h.norm for f in files for h in read_path(str(f)).sections]
    odd = ["工作计划", "主要领导履职", "下年度工作安排", "建议", "其他需要报告的事项", "一把手,履行"]
    hits = 0
    for (role, rx), (same, words) in zip(cues.ROLE_HEADING, cues._ROLE_WORDS, strict=True):
        assert role == same
        plain = re.compile(words)
        for s in [*headings, *sentences, *odd]:
            got = [m.span() for m in rx.finditer(s)]
            assert got == [m.span() for m in plain.finditer(s)], (role, s)
            hits += bool(got)
    assert hits > 100


def _unfirst(pattern: str) -> str:
    """``pattern`` with every part by_first() made put back as it was written."""
    for made, source in sorted(gates._SOURCES.items(), key=lambda kv: -len(kv[0])):
        pattern = pattern.replace(made, f"(?:{source})")
    return pattern


def _first_opened() -> dict[str, re.Pattern[str]]:
    out = {f"{mod.__name__}.{name}": rx for mod in (cues, acts) for name, rx in vars(mod).items()
           if isinstance(rx, re.Pattern) and _unfirst(rx.pattern) != rx.pattern}
    out.update({f"superior {level}": acts._superior(level) for level in (*acts._LEVELS, None)})
    return out


def test_by_first_patterns_cover_the_costly_cues() -> None:
    names = set(_first_opened())
    assert {"auditor.reading.cues.STRONG_GAP", "auditor.reading.cues.FALSE_FRIENDS_NO_DE",
            "auditor.reading.cues.PLAN", "auditor.reading.cues.NOT_PLAN", "auditor.reading.cues.RESULT",
            "auditor.reading.cues.NAMED_DOC"} <= names


def test_act_verbs_by_first_and_in_two_parts(sentences: list[str]) -> None:
    """The act verbs opened on their first character find what they find as written; searched
    as two parts (acts._ACT_COMMON/_RARE), yes/no is the whole's, and is_act, which walks the
    parts' matches, answers what it answered walking the whole's finditer."""
    whole = re.compile(acts._ACT_PATTERN)
    plain = re.compile(_unfirst(whole.pattern))
    parts = [gates._top_level(rx.pattern, "|") for rx in (acts._ACT_COMMON, acts._ACT_RARE)]
    assert all(parts) and sorted(parts[0] + parts[1]) == sorted(gates._top_level(whole.pattern, "|"))

    def is_act_whole(norm: str, level: str | None, own: str | None, organ: str | None) -> bool:
        if norm[:1] == "据" and acts.passed_on(norm, level):
            return False
        if acts.names_another_body(norm, level, own, organ):
            return acts.is_act(norm, level, own, organ=organ)  # by clauses: _has_act, below
        if acts.concrete(norm):
            return True
        checked = set()
        for m in whole.finditer(norm):
            cut = acts.clause_start(norm, m.start())
            if cut not in checked:
                checked.add(cut)
                if not acts._slogan(norm[cut:cut + 80].lstrip()):
                    return True
        return cues.RESULT.search(norm) is not None

    odd = ["全面推进依法行政，向上级报告：工作落实", "坚持学习，开展培训", "深入推进：向省委报告工作",
           "着力加强队伍建设，切实提高能力", "各部门认真落实", "我局督促执法单位执行", ""]
    acts_seen = slogans = 0
    for s in [*sentences, *odd]:
        assert [m.span() for m in whole.finditer(s)] == [m.span() for m in plain.finditer(s)], s
        for text in [s, *(c for _, c in acts.clauses(s))]:
            assert acts._has_act(text) == (whole.search(text) is not None), text
        for level, own, organ in (("county", "河阳", None), ("department", "河阳", "审计"),
                                  (None, None, None)):
            got = acts.is_act(s, level, own, organ=organ)
            assert got == is_act_whole(s, level, own, organ), (s, level)
            acts_seen += got
        slogans += whole.search(s) is not None and not acts.concrete(s) and acts._slogan(s.lstrip())
    assert acts_seen > 1000 and slogans > 20


@pytest.mark.parametrize("name", sorted(_first_opened()))
def test_by_first_keeps_every_match(name: str, sentences: list[str]) -> None:
    """Branches opened on their first character (gates.by_first) find what the pattern as
    written finds, match for match, on every sentence of the dev reports."""
    rx = _first_opened()[name]
    plain = re.compile(_unfirst(rx.pattern))
    hits = 0
    for s in sentences:
        got = [m.span() for m in rx.finditer(s)]
        assert got == [m.span() for m in plain.finditer(s)], s
        hits += bool(got)
    assert hits or name.startswith("superior")  # exercised, not vacuously equal


def test_by_first_rewrites() -> None:
    assert gates.by_first("不足|(?:还|仍)有|(?<!努)力争|不够") == "不(?:足|够)|还有|仍有|力(?<!(?:努)力)争"
    assert gates.by_first("[*×]件|a") == "\\*件|×件|a"
    cases = ["(?<![未没])(?:全部|均)(?:完成|办结)|整改到位", "(?:还|仍|尚)(?:不|未)|没有|[两二]次(?!数)",
             "(?<=[,，])全省|全(?:省|国)|\\(c\\)", "(?:坚持|始终)?以[^,]{1,4}为|(?:全)?省"]
    texts = ["全部完成，未全部完成，整改到位", "还不行，仍未，没有，二次，二次数", ",全省，全国，全省",
             "(c) 版权", "坚持以人民为中心，始终以法为据，以我为，全省"]
    for pattern in cases:
        made = re.compile(gates.by_first(pattern))
        for t in texts:
            assert [m.span() for m in made.finditer(t)] == [m.span() for m in re.finditer(pattern, t)]
    assert gates.by_first("(?:坚持|始终)?以") == "坚持以|始终以|以"
    for unreadable in ("(?:坚持)??以", "(?:坚持)*以", r"\d+件", "[^,]{0,4}问题", "不?足", "(?:a|b)+c",
                       "[a-c]d", "(?=a)b"):
        with pytest.raises(ValueError):
            gates.by_first(unreadable)


def test_kind_without_cues_is_the_cued_kind(sentences: list[str]) -> None:
    """kind_of decides a sentence that KIND_CUES_PATTERN finds nothing in without the cue patterns: the
    same kind as the full reading (_cued_kind), for every role and a year the sentences name."""
    from auditor.reading import sections
    kind_cues = re.compile(cues.KIND_CUES_PATTERN)
    skipped = 0
    extra = ["2024年将继续推进", "我县计划于2024年完成", "但个别部门尚未落实", "执法力量不足的问题得到解决"]
    for s in [*sentences, *extra]:
        for role in ("achievements", "shortcomings", "first_responsible", "next_year", "other"):
            for year in (None, 2022, 2023):
                assert sections.kind_of(s, role, year) == sections._cued_kind(s, role, year), (s, role)
        skipped += "得" not in s and not kind_cues.search(s)
    assert len(sentences) / 2 < skipped < len(sentences)


def test_clause_start_is_the_last_mark_before(sentences: list[str]) -> None:
    from bisect import bisect_right
    asked = 0
    for s in [*sentences, "", "，", "开展，", "a。b"]:
        cuts = [0] + [m.end() for m in cues.CLAUSE_SPLIT.finditer(s)]
        for pos in range(len(s) + 1):
            assert acts.clause_start(s, pos) == cuts[bisect_right(cuts, pos) - 1], (s, pos)
            asked += 1
    assert asked > 50000


def test_another_hint_never_hides_another_body(sentences: list[str], monkeypatch) -> None:
    """names_another_body answers no at once where _another_hint finds nothing: the same answer
    as its three tests asked in full, for every level, with and without a place and an organ."""
    odd = ["南州市司法局年内印发《行政执法案卷评查办法》", "县人民法院审结案件12件", "省法学会发表论文",
           "内蒙古自治区人民政府印发", "县审计局对我局开展审计"]
    full = {}
    for level in (*acts._LEVELS, None):
        for own, organ in ((None, None), ("河阳", None), ("梧冈", "审计")):
            for s in [*sentences, *odd]:
                full[level, own, organ, s] = acts.names_another_body(s, level, own, organ)
    monkeypatch.setattr(acts, "_another_hint", lambda level, peers: re.compile(""))  # always "maybe"
    named = 0
    for (level, own, organ, s), want in full.items():
        assert acts.names_another_body(s, level, own, organ) == want, (level, own, organ, s)
        named += want
    assert named > 1000


def test_clauses_are_what_finditer_cuts(sentences: list[str]) -> None:
    """acts.clauses cuts with split() and counts one character a mark: the clauses and offsets
    that walking CLAUSE_SPLIT's matches gives."""
    def walked(norm: str) -> list[tuple[int, str]]:
        out, start = [], 0
        for m in cues.CLAUSE_SPLIT.finditer(norm):
            if m.start() > start:
                out.append((start, norm[start:m.start()]))
            start = m.end()
        if start < len(norm):
            out.append((start, norm[start:]))
        return out

    several = 0
    for s in [*sentences, "", "，", "，，a", "a，，b。", "a!?b", "开展："]:
        assert acts.clauses(s) == walked(s), s
        several += len(walked(s)) > 2
    assert several > 100

"""The shortcuts of read_text's own steps (issue 12, fifth pass) answer exactly what the slow
paths answer, on every dev report, the sample reports, the shared reports and the same texts in
traditional characters: t2s_tables' filter before OpenCC, one year search for all lines, str.split
for lines without "\\r"."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

import opencc
import pytest

from auditor.reading import chrome, dates, meta, normalize, t2s_tables
from auditor.reading.chrome import source_lines
from auditor.reading.normalize import norm_many

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in [*(ROOT / "reports").glob("*.txt"), *(ROOT / "tests" / "dev").glob("*/*.*"),
                           *(ROOT.parent / "shared" / "reports").glob("**/*.txt")]
               if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = [f.read_text(encoding="utf-8") for f in FILES]
    assert len(out) > 30
    return out


@pytest.fixture(scope="module")
def traditional(texts: list[str]) -> list[str]:
    return [opencc.OpenCC("s2t").convert(t) for t in texts]


@pytest.fixture(scope="module")
def changes() -> t2s_tables.Changes:
    built = t2s_tables.build(normalize._t2s())
    assert built is not None  # the shipped OpenCC's tables are read
    return built


def test_filter_says_no_only_when_opencc_keeps_the_text(changes, texts, traditional) -> None:
    convert = normalize.to_simplified
    pieces = [*texts, *traditional]
    pieces += [line for t in pieces for line in t.split("\n")]
    pieces += ["批覆", "覆盖", "一目瞭然", "了解", "深沈", "沈阳", "甦醒", "\uf900", "𠀀", "乾", "", "abc"]
    kept = [p for p in pieces if not changes.may_change(p)]
    assert len(kept) > len(pieces) // 3  # the filter really answers for simplified text
    assert all(convert(p) == p for p in kept)


def test_filter_catches_every_changing_character_and_phrase(changes) -> None:
    # every BMP character on its own (one OpenCC call: no key holds "\n")
    chars = [chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF and chr(c) != "\n"]
    out = normalize.to_simplified("\n".join(chars)).split("\n")
    assert len(out) == len(chars)
    changed = [c for c, to in zip(chars, out, strict=True) if to != c]
    assert len(changed) > 2000
    assert all(changes.may_change(c) for c in changed)
    # every phrase that changes while none of its characters does, also inside other text
    for marked in changes.phrases.values():
        for _, phrase in marked:
            assert normalize.to_simplified(phrase) != phrase
            assert changes.may_change(phrase) and changes.may_change("甲" + phrase + "乙")


def test_tables_are_read_as_opencc_dict_dumps_them() -> None:
    """The keys marisa-trie reads from each .ocd2 are the ones OpenCC's own dumper lists."""
    converter = normalize._t2s()
    folder = os.path.dirname(converter.config)
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    files = sorted(Path(folder).glob("TS*.ocd2")) + sorted(Path(folder).glob("CJK_*.ocd2"))
    assert files
    for f in files:
        keys = t2s_tables._keys(folder, {"type": "ocd2", "file": f.name})
        assert keys and len(keys) == len(set(keys))
        if tool.exists():
            with tempfile.TemporaryDirectory() as tmp:
                dump = Path(tmp) / "dump.txt"
                subprocess.run([str(tool), "-i", str(f), "-o", str(dump), "-f", "ocd2", "-t", "text"],
                               check=True, capture_output=True)
                listed = [line.split("\t")[0] for line in dump.read_text(encoding="utf-8").splitlines()]
            assert sorted(keys) == sorted(listed), f.name


def test_unreadable_tables_leave_no_filter(tmp_path: Path) -> None:
    class Odd:
        config = str(tmp_path / "missing.json")

        def convert(self, text: str) -> str:
            return text

    assert t2s_tables.build(Odd()) is None
    (tmp_path / "t2s.json").write_text('{"conversion_chain": [{"dict": {"type": "ocd", "file": "x.ocd"}}]}')
    Odd.config = str(tmp_path / "t2s.json")
    assert t2s_tables.build(Odd()) is None


def test_needs_t2s_with_and_without_the_filter(monkeypatch, changes, texts, traditional) -> None:
    # a character that converts alone but not in a phrase (乾隆), one that converts (後), at
    # either end of a simplified report, and the traditional reports' lines one by one
    mixed = [t + tail for t in texts[:8] for tail in ("\n乾隆年间", "\n乾隆\n後", "乾隆", "\n")]
    mixed += ["乾隆\n" + t for t in texts[:8]] + ["", "\n", "後", "乾\n"]
    mixed += [line for t in traditional[:4] for line in t.split("\n")]
    pieces = [*texts, *traditional, *mixed]
    monkeypatch.setattr(normalize, "_changes", None)  # no filter: OpenCC on every text
    slow = [normalize.needs_t2s(t) for t in pieces]
    monkeypatch.setattr(normalize, "_changes", changes)
    assert [normalize.needs_t2s(t) for t in pieces] == slow
    assert sum(slow) > 20 and not all(slow)


def test_year_search_over_all_lines(texts, traditional) -> None:
    lines = [line.text for t in [*texts, *traditional] for line in source_lines(t)]
    groups = [norm_many(lines[i:i + 40]) for i in range(0, len(lines), 40)]
    groups += [["二〇二三年", "x"], ["二〇二三", "年"], ["二〇二", "三年"], ["一九九九 年度"], [], [""]]
    assert any(dates.arabic_years_many(g) != g for g in groups)
    for g in groups:
        assert dates.arabic_years_many(g) == [dates.arabic_years(s) for s in g]


def test_lines_split_as_the_newline_regex_splits(texts) -> None:
    for t in [*texts, "a\r\nb\rc\n", "a\x0cb\n\nc", "", "\n", "<p>x</p>"]:
        lines = chrome._NEWLINE.split(t)
        assert chrome.split_lines(t) == (lines[:-1] if lines and lines[-1] == "" else lines)
        head = t[:2000].lower()
        assert chrome._looks_html(t) == ("<html" in head or "<!doctype html" in head)


def test_year_substitution_with_a_nul_inside_a_text() -> None:
    texts = ["二〇二三年\x00二〇二四年", "x"]
    assert dates.arabic_years_many(texts) == [dates.arabic_years(t) for t in texts]


@pytest.fixture(scope="module")
def norm_lines(texts, traditional) -> list[str]:
    lines = [line.text for t in [*texts, *traditional] for line in source_lines(t)]
    out = norm_many(lines)
    out += ["发布时间：2023-01-02", "成文日期：2023年1月2日", "更新时间: 2023-01-02", "时间：2024年1月2日",
            "日期:2024-1-2", "x时间：2024-01-02", "发时间：2024-01-02", "时间 ] ：2024-01-02 10:00"]
    return out


def test_published_pattern_opening_on_the_word_finds_what_the_look_behind_first_found(norm_lines) -> None:
    before = re.compile(r"(?<![成更发])(?:时间|日期)\s*\]?\s*[:：]\s*(.{6,24})")
    hits = 0
    for s in norm_lines:
        a, b = before.search(s), meta._PUBLISHED[1].search(s)
        assert (a and (a.span(), a.group(1))) == (b and (b.span(), b.group(1))), s
        hits += a is not None
    assert hits > 5


def test_title_tests_in_a_cheaper_order(norm_lines) -> None:
    def before(s: str) -> bool:
        if meta._is_heading(s):
            return False
        return (len(s) <= 60 and bool(meta._TITLE_TOPIC.search(s)) and bool(meta._TITLE_FORM.search(s))
                and "。" not in s and not re.match(r"^\d{4}年度?(?:以来)?[,，]", s)
                and not s.endswith((":", "：")))
    lines = [meta.clean_title(s) for s in norm_lines]
    assert sum(map(meta._is_title, lines)) > 10
    assert [meta._is_title(s) for s in lines] == [before(s) for s in lines]
    # clean_title only cuts: the title a line gives is inside it
    assert all(meta.clean_title(s) in s for s in norm_lines)


def test_corroborated_year_counts_as_the_per_year_tally(norm_lines) -> None:
    def before(year: int, opening: int, norms: list[str], body: list[int]) -> int:
        counts: dict[int, int] = {}
        for i in body:
            if i != opening:
                for m in meta._FACT_YEAR.finditer(norms[i]):
                    counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
        return year - 1 if counts.get(year, 0) == 0 and counts.get(year - 1, 0) >= 2 else year
    moved = 0
    for start in range(0, len(norm_lines), 25):
        chunk = norm_lines[start:start + 25]
        body = [i for i, s in enumerate(chunk) if s]
        for year in (1899, 1900, 1901, 2000, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2099, 2100):
            got = meta._corroborated(year, body[0] if body else -1, chunk, body)
            assert got == before(year, body[0] if body else -1, chunk, body)
            moved += got != year
    assert moved > 0


def test_year_gate_holds_every_year_in_numerals(norm_lines) -> None:
    odd = ["二〇二三年", "二〇二三 年", "二〇二三\u3000\t年", "二〇二三\n年", "〇〇〇〇年", "一年", "三 年",
           "二〇二三"]
    for s in [*norm_lines, *odd]:
        if dates._CN_YEAR.search(s):
            assert dates._CN_YEAR_END.search(s), s
    assert sum(bool(dates._CN_YEAR.search(s)) for s in norm_lines) > 3
    assert sum(bool(dates._CN_YEAR_END.search(s)) for s in norm_lines) < len(norm_lines) // 5


@pytest.fixture(scope="module")
def bodies(texts, traditional) -> list[str]:
    """Whole reports as _level reads them (normalised lines joined by spaces), and odd pieces."""
    out = [" ".join(s for s in norm_many([line.text for line in source_lines(t)]) if s)
           for t in [*texts, *traditional]]
    odd = ["乡镇街镇(街)各镇人民政府县级的县级职能", "区县(市、区)县(市区)县市区县(区)县(市)各县县级政府",
           "乡乡镇镇街", "县(市、县(市区)", "区县县市区", "向省里市政府报请下放", "下放至各市", "市(州)",
           "平阳县委、尧都区政府和乙区及", "县县委区区委", "我区各族全区各族人民政府我区",
           "全省委、省政府我局全局"]
    return [*out, *odd]


def test_level_hints_found_as_the_single_patterns_find_them(bodies) -> None:
    assert all(re.escape(w) == w for words in meta._SELF_WORDS.values() for w in words)
    found = {"province": 0, "county": 0, "city": 0, "self": 0}
    for text in bodies:
        province = bool(meta._PROVINCE_HINT.search(text))
        assert any(rx.search(text) for rx in meta._PROVINCE_HINTS) == province
        assert meta._count(meta._COUNTY_WORDS, text) == len(meta._COUNTY_HINT.findall(text)), text[:40]
        assert meta._count(meta._CITY_WORDS, text) == len(meta._CITY_HINT.findall(text)), text[:40]
        for lvl, rx in meta._SELF.items():
            assert meta._count(meta._SELF_WORDS[lvl], text) == len(rx.findall(text)), (lvl, text[:40])
        # several lists from one scan, as _level asks them (a word may be in several lists)
        assert meta._counts(meta._SELF_LISTS, text) == [len(rx.findall(text)) for rx in meta._SELF.values()]
        assert meta._counts((meta._COUNTY_WORDS, meta._CITY_WORDS), text) == [
            len(meta._COUNTY_HINT.findall(text)), len(meta._CITY_HINT.findall(text))]
        for rx in (meta._SUBORDINATE, meta._CITY_ORGAN_NAMED):
            organ = meta._COUNTY_ORGAN if rx is meta._SUBORDINATE else meta._CITY_ORGAN
            want = rx.findall(text)
            assert meta._findall_named(rx, organ, text) == want
            if rx is meta._SUBORDINATE:
                assert meta._findall_named(rx, meta._COUNTY_ORGANS, text) == want
        found["province"] += province
        found["county"] += bool(meta._COUNTY_HINT.search(text))
        found["city"] += bool(meta._CITY_HINT.search(text))
        found["self"] += sum(bool(rx.search(text)) for rx in meta._SELF.values()) >= 2
    assert min(found.values()) >= 5, found

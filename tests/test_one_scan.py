"""Issue 12: one Aho-Corasick scan per report for every word of the pack.

The one scan must find exactly what searching phrase by phrase found (the figures of
scripts/evaluate.py are unchanged; these tests pin the parts), and a pack built to make the
automaton or a pattern pathological still loads and matches correctly.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from auditor.matching import match_document
from auditor.matching.compiled import (
    MAX_SCAN,
    compile_pack,
    key,
    required_words,
    split_required,
)
from auditor.matching.index import index_texts
from auditor.matching.rules import _exact, _pattern_hits, _prefiltered_hits
from auditor.matching.segment import SPLITS
from auditor.packs import load_pack
from auditor.reading import read_path, read_text
from tests.test_index_fast import same_for_near

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "reports").glob("*.txt"))

PACK_YAML = 'id: scan-test\ntitle: 一次扫描测试\nversion: "1"\n'


def _pack(tmp_path: Path, items: str):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    (folder / "01-area.yaml").write_text(
        "area: 二 测试\nitems:\n" + textwrap.dedent(items), encoding="utf-8")
    return load_pack(folder)


def _sample_index(path: Path):
    cp = compile_pack(load_pack(None))
    doc = read_path(str(path))
    return cp, index_texts([s.norm for s in doc.sentences], cp.segmenter, cp.automaton, cp.words,
                           cp.tokens)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_scan_finds_every_occurrence_find_does(path: Path) -> None:
    """Where the automaton says a pack word occurs is where str.find says it does, overlapping
    occurrences included, for every word of the shipped pack."""
    cp, idx = _sample_index(path)
    assert idx.found, "the scan found none of the pack's words in a real report"
    for wid, word in enumerate(cp.words):
        assert idx.occurrences(wid) == idx.find_all(word), word
        assert idx.has(wid) == (word in idx.joined), word


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_prefiltered_patterns_hit_what_the_whole_text_search_hits(path: Path) -> None:
    """A pattern run only on sentences holding its required words finds the same sentences,
    offsets and lengths as the pattern run over the whole joined text."""
    cp, idx = _sample_index(path)
    checked = hits = 0
    for main, facets in cp.matches.values():
        for m in ([main] if main else []) + [f for _, f in facets]:
            for k, pattern in enumerate(m.patterns):
                words = m.pattern_words[k]
                assert words is not None, f"no required words read off {pattern.pattern}"
                got = _prefiltered_hits(pattern, words, m.pattern_checks[k], idx)
                want = sorted(_pattern_hits(pattern, idx))
                assert got == want, pattern.pattern
                checked += 1
                hits += len(got)
    assert checked > 40 and hits > 0


def test_token_index_from_one_cut_equals_cutting_each_sentence() -> None:
    cp = compile_pack(load_pack(None))
    seg = cp.segmenter
    doc = read_path(str(SAMPLES[0]))
    keys = [s.norm for s in doc.sentences]
    assert seg.content_tokens_each(keys, "\n".join(keys)) == [seg.content_tokens(k) for k in keys]
    # A sentence ending in "\r" fuses with the joiner ("\r\n" is one token): cut one by one.
    odd = ["依法行政工作\r", "", "全面推行行政执法三项制度"]
    assert seg.content_tokens_each(odd, "\n".join(odd)) == [seg.content_tokens(k) for k in odd]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_text_cut_apart_at_splits_gives_the_same_tokens(path: Path) -> None:
    """What Segmenter.wanted_tokens rests on: jieba never puts a SPLITS character inside a
    token, so cutting the pieces between them gives the tokens of cutting the whole text."""
    seg = compile_pack(load_pack(None)).segmenter
    doc = read_path(str(path))
    joined = key("\n".join(s.norm for s in doc.sentences))
    pieces = re.split("[" + re.escape(SPLITS) + "]", joined)
    assert len(pieces) > 100
    whole = [t for t in seg.cut(joined) if t not in SPLITS]
    assert whole == [t for p in pieces for t in seg.cut(p)]
    assert whole == [t for t in seg.cut("\n".join(pieces)) if t != "\n"]  # one call, as there


@pytest.mark.parametrize("pack", [None, "gangyao-2021-2025-department"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_wanted_tokens_as_cutting_everything(pack: str | None, path: Path) -> None:
    """Cutting only the pieces that hold a wanted token gives each token the very set of
    sentence ids, in the same iteration order (rules._near counts by it), as the whole cut."""
    cp = compile_pack(load_pack(pack))
    doc = read_path(str(path))
    keys = [key(s.norm) for s in doc.sentences]
    joined = "\n".join(keys)
    whole: dict[str, set[int]] = {}
    for sid, toks in enumerate(cp.segmenter.content_tokens_each(keys, joined, cp.tokens)):
        for t in toks:
            whole.setdefault(t, set()).add(sid)
    got = cp.segmenter.wanted_tokens(joined, cp.tokens)
    assert got is not None and len(got) > 10
    assert list(got) == list(whole)
    assert {t: list(s) for t, s in got.items()} == {t: list(s) for t, s in whole.items()}
    # the index of the pack's one scan cuts less (tests/test_index_fast.py)
    same_for_near(index_texts([s.norm for s in doc.sentences], cp.segmenter, cp.automaton,
                              cp.words, cp.tokens), got, cp)


def test_wanted_tokens_edges() -> None:
    seg = compile_pack(load_pack(None)).segmenter
    wanted = frozenset({"执法", "法治", "行政"})
    texts = ["全面推行行政执法三项制度,法治政府建设", "", "无关的话。", "法治", "加强(行政执法)监督",
             "加强行政执法监督"]
    got = seg.wanted_tokens("\n".join(texts), wanted)
    assert got == {t: {i for i, x in enumerate(texts) if t in seg.content_tokens(x)} for t in wanted}
    # 执法 is in texts 0 and 5 too, but not as a token of its own (执法三项制度, 执法监督)
    assert got == {"执法": {4}, "法治": {0, 3}, "行政": {0, 4, 5}}
    assert seg.wanted_tokens("无关的话\n也无关", wanted) == {}
    # A token holding a SPLITS character cannot be told apart this way: the caller cuts it all.
    assert seg.wanted_tokens("a,b", frozenset({"a,b"})) is None


def test_required_words_of_a_pattern() -> None:
    assert required_words("(法治|依法行政)[^。;]{0,15}(考核|考评|绩效)") == (
        ("依法行政", "法治"), ("绩效", "考核", "考评"))
    assert required_words("法治(政府)?(建设)?力量") == (("法治",), ("力量",))
    assert required_words(r"互联网\+.{0,2}(监管|执法)") == (("互联网+",), ("执法", "监管"))
    # Nothing can be read: no literal at all, or a syntax Python's parser reads differently.
    assert required_words(r"\d+") is None
    assert required_words("[[:alpha:]]清单") is None
    assert required_words(r"\A清单") is None
    assert required_words("(?i)abc") is None
    # One-character words are checked on the candidates, not scanned for, when a longer exists.
    assert split_required((("法",), ("律", "治"), ("机关", "乡村"))) == (
        (("机关", "乡村"),), (("法",), ("律", "治")))
    assert split_required((("法",), ("进",))) == ((("法",),), (("进",),))


def _evidence(pack, text: str, item: str):
    return match_document(read_text(text), pack)[item]


def test_a_pack_of_ten_thousand_phrases_loads_and_matches(tmp_path: Path) -> None:
    """10,000 phrases, 300 of them nested (治治, 治治治, …, up to 301 characters): the automaton
    is built, holds only words it can scan in bounded output, and the matches are right."""
    pool = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    made = [a + b + c + d for a in pool for b in pool for c in pool for d in pool][:9700]
    nested = ["治" * k for k in range(2, 302)]
    phrases = made + nested
    assert len(set(phrases)) == 10_000
    pack = _pack(tmp_path, f"""\
        - id: test.many
          title: 很多短语
          source: 测试
          match:
            any: [{", ".join(phrases)}]
        - id: test.other
          title: 其他
          source: 测试
          match:
            any: [权责清单]
        """)
    cp = compile_pack(pack)
    assert len(cp.words) == 10_001
    assert len(cp.automaton) == 10_001 - (301 - MAX_SCAN)  # the longer nested ones: str.find

    target = made[7777]
    found = _evidence(pack, f"我县全面推行{target}制度，全年办理案件120件。", "test.many")
    assert len(found) == 1 and found[0].score == 100
    assert found[0].text[found[0].offset:found[0].offset + found[0].length] == target
    assert _evidence(pack, "我县全面推行权责清单制度，全年调整事项120项。", "test.many") == []

    # Runs of 治: each nested phrase as long as the run or shorter hits (scanned or, past
    # MAX_SCAN characters, found with str.find), none longer; the evidence is the first.
    main = cp.matches["test.many"][0]
    for run in (20, 100, 400):
        doc = read_text("全年开展" + "治" * run + "活动12次。")
        idx = index_texts([s.norm for s in doc.sentences], cp.segmenter, cp.automaton, cp.words,
                          cp.tokens)
        hit = {len(ph.parts[0]) for ph in main.any[9700:] if _exact(ph, idx, main.gap)}
        assert hit == set(range(2, min(run, 301) + 1))
        found = match_document(doc, pack)["test.many"]
        assert [(e.offset, e.length) for e in found] == [(4, 2)]


def test_a_catastrophic_pattern_loads_and_runs(tmp_path: Path) -> None:
    """(x+x+)+y backtracks exponentially in a backtracking engine on a run of x without y;
    RE2 runs it in linear time, so the pack loads and a 20,000-character line is no problem.
    The prefilter reads its required words (x, y) and skips sentences without a y."""
    pack = _pack(tmp_path, """\
        - id: test.bad
          title: 病态正则
          source: 测试
          match:
            patterns: ['(x+x+)+y', '(清单+)+调整$']
        """)
    cp = compile_pack(pack)
    m = cp.matches["test.bad"][0]
    assert [[cp.words[w] for w in ws] for ws in m.pattern_words[0]] == [["x"]]
    assert m.pattern_checks[0] == (("y",),)
    assert _evidence(pack, "全年开展检查" + "x" * 20_000 + "次。", "test.bad") == []
    found = _evidence(pack, "全年开展检查xxxy次，办理案件12件。", "test.bad")
    assert [(e.text[e.offset:e.offset + e.length]) for e in found] == ["xxxy"]
    found = _evidence(pack, "全年对权责清单清单调整", "test.bad")
    assert [(e.text[e.offset:e.offset + e.length]) for e in found] == ["清单清单调整"]


def test_scan_positions_count_characters_beyond_the_basic_plane() -> None:
    """Rare characters (CJK Extension B, as in some place names) and emoji are one character
    each in the scan's positions too, so offsets after them stay right."""
    cp = compile_pack(load_pack(None))
    keys = ["𠀀县😀全面推行权责清单制度。", "我县𠀁落实行政执法公示制度。"]
    idx = index_texts(keys, cp.segmenter, cp.automaton, cp.words, cp.tokens)
    checked = 0
    for wid, word in enumerate(cp.words):
        assert idx.occurrences(wid) == idx.find_all(word), word
        checked += bool(idx.find_all(word))
    assert checked >= 2


def _offset_by_walking(norm: str, key_offset: int) -> int:
    """_text_offset as it was before (the reference for its table lookup)."""
    from auditor.matching.compiled import DROPPED, key
    if len(key(norm)) == len(norm):
        return key_offset
    seen = 0
    for i, ch in enumerate(norm):
        if seen == key_offset:
            return i
        if ch not in DROPPED:
            seen += 1
    return len(norm)


@pytest.mark.parametrize("norm", ["“放管服”改革", "双随机、一公开", "推进“放管服”、“最多跑一次”改革。",
                                  "“”", "、", "全面推行三项制度", ""])
def test_evidence_offsets_re_add_dropped_characters(norm: str) -> None:
    from auditor.matching import _text_offset
    from auditor.matching.compiled import key

    for off in range(len(key(norm)) + 3):
        assert _text_offset(norm, off) == _offset_by_walking(norm, off), (norm, off)


def test_regex_width_and_key_equal_the_translate_tables() -> None:
    """width() and key() moved from str.translate to a regex for speed: same output on text
    mixing every full-width form, every dropped mark, and plain characters."""
    import random

    from auditor.matching.compiled import key
    from auditor.packs.schema import IGNORED
    from auditor.reading.normalize import _WIDTH, width

    drop = str.maketrans("", "", IGNORED)
    pool = [chr(c) for c in _WIDTH] + list(IGNORED) + list("法治政府abc ,.\t（）。") + [
        chr(0xFF00), chr(0xFF5F), "\\", "]", "^", "-"]
    rnd = random.Random(12)
    for _ in range(5000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 40)))
        assert width(s) == s.translate(_WIDTH), s
        assert key(s) == s.translate(drop), s

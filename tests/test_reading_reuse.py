"""read_text converts a traditional report with OpenCC once: parse's sentences take their
conversion from the lines' (normalize._reuse, issue 12, sixth pass). Checked against OpenCC
itself on every dev, sample and shared report, each also in traditional characters: every
document read the same way as with a conversion per call, and any cut of a line (not only
where sentences end) converted as OpenCC converts it alone."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import pytest

from auditor.reading import normalize, read_text, t2s_tables

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in [*(ROOT / "reports").glob("*.txt"), *(ROOT / "tests" / "dev").glob("*/*.*"),
                           *(ROOT.parent / "shared" / "reports").glob("**/*.txt")]
               if p.suffix in (".txt", ".md", ".html"))


@pytest.fixture(scope="module")
def changes() -> t2s_tables.Changes:
    built = t2s_tables.build(normalize._t2s())
    assert built is not None and built.joins is not None  # the shipped tables allow the reuse
    return built


@pytest.fixture(scope="module")
def reports() -> list[tuple[str, str]]:
    s2t = opencc.OpenCC("s2t")
    out = []
    for f in FILES:
        text = f.read_text(encoding="utf-8")
        out += [(text, f.name), (s2t.convert(text), "trad-" + f.name)]
    assert len(out) > 60
    return out


def test_joins_hold_every_character_a_match_can_span(changes) -> None:
    conf = normalize._t2s()
    phrases = t2s_tables._keys(str(Path(conf.config).parent), {"type": "ocd2", "file": "TSPhrases.ocd2"})
    assert phrases and all(c in changes.joins for p in phrases for c in p)
    assert not any(c in changes.joins for c in "，。；：！？、\n （）《》“”0123456789")


def test_documents_read_the_same_as_with_a_conversion_per_call(changes, reports, monkeypatch) -> None:
    monkeypatch.setattr(normalize, "_changes", changes)
    fast = [read_text(text, name) for text, name in reports]
    assert normalize._kept is None  # released after each report
    calls = []
    monkeypatch.setattr(normalize, "_reuse", lambda *a: calls.append(a) and None)
    slow = [read_text(text, name) for text, name in reports]
    assert calls  # the traditional reports took the reuse path in the fast run
    assert fast == slow
    assert [d.sentences for d in fast] == [d.sentences for d in slow]
    assert [[s.norm for s in d.sections] for d in fast] == [[s.norm for s in d.sections] for d in slow]


def test_any_cut_of_a_line_converts_as_opencc_converts_it(changes, reports) -> None:
    rng = random.Random(12)
    convert = normalize.to_simplified
    checked = 0
    for text, _ in reports[1::2]:  # the traditional ones
        lines = normalize.width(text)
        converted = convert(lines)
        assert len(converted) == len(lines)
        rows = [row for row in lines.split("\n") if row]
        parts = []
        for _ in range(60):
            row = rng.choice(rows)
            a = rng.randrange(len(row))
            b = rng.randrange(a + 1, len(row) + 1)
            parts.append(row[a:b])
        got = normalize._reuse(parts, lines, converted, changes.joins)
        assert got == [convert(p) for p in parts]
        checked += len(parts)
    assert checked > 1000
    # the phrases the dictionary converts as a whole, cut inside and at their ends
    lines = "只是沈澱了。\n乾隆皇帝\n一目瞭然，批覆"
    converted = convert(lines)
    parts = ["沈澱", "澱了", "只是沈", "乾隆", "隆皇帝", "乾", "瞭然", "一目瞭然，", "批覆", "不在其中"]
    assert normalize._reuse(parts, lines, converted, changes.joins) == [convert(p) for p in parts]


def test_kept_lines_are_released_however_reading_ends(changes, reports, monkeypatch) -> None:
    from auditor.reading import meta

    monkeypatch.setattr(normalize, "_changes", changes)
    text, name = reports[1]  # traditional

    def fail(*args, **kwargs):
        assert normalize._kept is not None  # kept while reading
        raise RuntimeError("detect failed")

    monkeypatch.setattr(meta, "detect", fail)
    with pytest.raises(RuntimeError):
        read_text(text, name)
    assert normalize._kept is None and normalize._kept_wide is None


def test_sentences_hold_no_wide_character_their_lines_lack(reports, monkeypatch) -> None:
    """parse's texts are cut out of the report's lines, so width() of them replaces the wide
    characters found in the lines (normalize._kept_wide) without a scan of its own: every
    document reads as with the scan, and no text parse normalises holds another."""
    from auditor.reading import sections

    wide = [f"\u3000{t}\uff08\uff11\uff09\xa0\u200b{t[:40]}\uff0c" for t, _ in reports[:8]]
    samples = reports + [(t, f"wide-{k}.txt") for k, t in enumerate(wide)]
    seen = []
    real = sections.norm_many

    def checked(texts, *args, **kwargs):
        held = set(normalize._WIDE.findall("\n".join(texts)))
        if normalize._kept_wide is not None:  # (None for markdown: width() scans as before)
            assert held <= normalize._kept_wide
            seen.append(len(held))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(sections, "norm_many", checked)
    fast = [read_text(text, name) for text, name in samples]
    assert normalize._kept_wide is None  # released after each report
    assert len(seen) > len(samples) * 0.8 and max(seen) >= 4  # wide characters reached parse
    narrow = normalize._narrow  # the slow path: every text scanned for its own wide characters
    monkeypatch.setattr(normalize, "_narrow",
                        lambda text, wide: narrow(text, set(normalize._WIDE.findall(text))))
    slow = [read_text(text, name) for text, name in samples]
    assert fast == slow
    assert [d.sentences for d in fast] == [d.sentences for d in slow]
    assert [[s.norm for s in d.sections] for d in fast] == [[s.norm for s in d.sections] for d in slow]

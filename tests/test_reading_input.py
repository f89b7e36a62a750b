"""Reading bytes: encodings a report arrives in, and inputs that must fail with one clear message."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.reading import read_path, read_text

REPORTS = Path(__file__).resolve().parents[1] / "reports"
HUOZHOU = REPORTS / "huozhou-2023.txt"


@pytest.fixture(scope="module")
def reference():
    return read_path(str(HUOZHOU))


def _gbk_ok(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("gb18030", b""),
    ("gbk", b""),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
])
def test_encodings_give_the_same_document(tmp_path, encoding, bom):
    # GBK lacks a few web spaces (U+00A0, U+2002); swap them so every codec carries the same text.
    text = "".join(ch if _gbk_ok(ch) else " " for ch in HUOZHOU.read_text(encoding="utf-8"))
    reference = read_text(text, path=str(HUOZHOU))
    target = tmp_path / f"huozhou-{encoding}.txt"
    target.write_bytes(bom + text.encode(encoding))
    doc = read_path(str(target))
    assert doc.title == "霍州市2023年法治政府建设报告"
    assert not doc.text.startswith("\ufeff")
    assert [s.text for s in doc.sentences] == [s.text for s in reference.sentences]
    assert [s.line for s in doc.sentences] == [s.line for s in reference.sentences]
    assert doc.chrome_lines == reference.chrome_lines


def test_utf16_without_bom(tmp_path):
    target = tmp_path / "nobom.txt"
    target.write_bytes("某某县2023年法治政府建设情况报告\n2023年，某某县出台制度12项。\n".encode("utf-16-le"))
    doc = read_path(str(target))
    assert doc.title == "某某县2023年法治政府建设情况报告"
    assert doc.sentences[0].text == "2023年，某某县出台制度12项。"


def test_crlf_line_ends_keep_line_numbers(tmp_path, reference):
    target = tmp_path / "crlf.txt"
    target.write_bytes(HUOZHOU.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    doc = read_path(str(target))
    assert [(s.line, s.text) for s in doc.sentences] == [(s.line, s.text) for s in reference.sentences]


def test_input_file_is_not_modified(tmp_path):
    target = tmp_path / "r.txt"
    data = "\ufeff霍州市2023年法治政府建设报告\n2023年，我市出台《行政执法公示办法》。\n".encode()
    target.write_bytes(data)
    before = target.stat().st_mtime_ns
    read_path(str(target))
    assert target.read_bytes() == data
    assert target.stat().st_mtime_ns == before


def test_stdin_dash_reads_bytes(monkeypatch):
    data = "2023年，我县推行行政执法公示制度。".encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc = read_path("-")
    assert doc.path == "-"
    assert doc.sentences[0].text == "2023年，我县推行行政执法公示制度。"


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", "空文件"),
    ("blank.txt", b"  \n\r\n\t \n", "空文件"),
    ("chrome.txt", "网站地图 联系我们\n版权所有 2018\n晋ICP备07003720号\n".encode(), "网页框架"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG 图片：图片没有文字层，请先做 OCR"),
    ("nul.txt", "法治政府建设".encode() + b"\x00\x00\x01\x02" * 50, "二进制"),
    ("latin.txt", "café résumé naïve déjà vu".encode("cp1252") * 5, "编码"),
    ("noise.txt", bytes(range(0x80, 0x100)) * 20, "编码"),
])
def test_bad_files_raise_one_clear_error(tmp_path, name, data, words):
    target = tmp_path / name
    target.write_bytes(data)
    with pytest.raises(AuditorError) as info:
        read_path(str(target))
    assert info.value.path == str(target)
    assert words in info.value.message
    assert str(target) in str(info.value)


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(AuditorError) as info:
        read_path(str(missing))
    assert info.value.path == str(missing)
    assert "没有这个文件" in info.value.message


def test_directory(tmp_path):
    with pytest.raises(AuditorError) as info:
        read_path(str(tmp_path))
    assert info.value.path == str(tmp_path)
    assert "文件夹" in info.value.message


def test_unknown_level_is_refused():
    with pytest.raises(AuditorError):
        read_text("2023年，我县推行行政执法公示制度。", level="village")


def test_html_input_drops_markup_and_keeps_source_lines(tmp_path):
    page = (
        "<html><head><title>x</title>\n"
        "<script>\nvar a = '法治政府建设情况报告';\n</script>\n"
        "<style>p { color: red }</style></head><body>\n"
        "<div class='crumb'>首页 &gt; 政府信息公开 &gt; 工作报告</div>\n"
        "<h1>某某县2023年法治政府建设情况报告</h1>\n"
        "<p>2023年，某某县坚持依法行政。</p><p>一、主要举措和成效</p>\n"
        "<p>出台《重大行政决策程序规定》，推进科学决策。</p>\n"
        "<div>网站地图 | 联系我们</div>\n"
        "</body></html>\n"
    )
    target = tmp_path / "page.html"
    target.write_text(page, encoding="utf-8")
    doc = read_path(str(target))
    assert doc.title == "某某县2023年法治政府建设情况报告"
    assert doc.year == 2023
    # The article body comes from trafilatura (formats/web.py); lines are its paragraphs.
    assert [s.text for s in doc.sentences] == [
        "2023年，某某县坚持依法行政。",
        "出台《重大行政决策程序规定》，推进科学决策。",
    ]
    assert [(s.heading, s.role) for s in doc.sections] == [("一、主要举措和成效", "achievements")]
    locations = doc.meta["locations"]
    assert [locations[s.line] for s in doc.sentences] == [{"paragraph": 2}, {"paragraph": 4}]
    assert not any("<" in s.text or "var a" in s.text or "网站地图" in s.text for s in doc.sentences)
    assert doc.meta["format"] == "html"


def test_html_text_kept_in_source_lines_for_read_text():
    """read_text on markup (no format reader) still strips tags with source numbering."""
    page = ("<html><body>\n<h1>某某县2023年法治政府建设情况报告</h1>\n"
            "<p>2023年，某某县坚持依法行政。</p>\n</body></html>\n")
    doc = read_text(page, path="r.html")
    assert [(s.line, s.text) for s in doc.sentences] == [(3, "2023年，某某县坚持依法行政。")]

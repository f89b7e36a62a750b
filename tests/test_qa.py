"""Problems found by using the tool as its users do (QA round): each test failed before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from auditor.helpformat import line_starts
from tests.render import run_cli


def _pieces(text: str, width: int) -> list[str]:
    starts = line_starts(text, width)
    return [text[a:b] for a, b in zip([0, *starts], [*starts, len(text)], strict=True)]


def test_a_long_file_name_at_a_line_start_is_wrapped_after_a_separator() -> None:
    assert _pieces("reports/luoding-2021.txt", 19) == ["reports/luoding-", "2021.txt"]
    assert all(cell_len(p) <= 10 for p in _pieces("a" * 37, 10))


@pytest.mark.parametrize("width", [80, 120])
def test_summary_never_breaks_a_year_or_a_file_name_mid_word(width: int) -> None:
    code, out, _err = run_cli("audit", "reports/", "-q", "--width", str(width))
    assert code == 0
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for token in re.findall(r"\S+", "\n".join(lines[1:-1])):  # the table, no title or footer
        if re.fullmatch(r"[\d.]+", token):
            continue  # a score or a count
        assert not re.match(r"\d{1,3}(年|\.txt)", token), token  # …202 / 1年…
        assert not re.search(r"(?<!\d)\d{1,3}$", token), token


def _html(path: str, out: Path) -> str:
    code, _out, err = run_cli("audit", path, "-f", "html", "-o", str(out))
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def test_html_not_applicable_item_shows_a_dash_not_zero(tmp_path: Path) -> None:
    page = _html("reports/huozhou-2023.txt", tmp_path / "h.html")
    row = re.search(r'id="item-system\.legislation".*?class="iscore"[^>]*>([^<]*)<', page, re.S)
    assert row and row.group(1) == "—"


def test_html_of_a_docx_shows_headings_without_markdown_marks(tmp_path: Path) -> None:
    from tests.test_formats import _body, make_docx

    lines, _doc = _body("huozhou-2023.txt")
    page = _html(str(make_docx(lines, tmp_path / "r.docx")), tmp_path / "r.html")
    text = page[page.index('<div class="lines"'):]
    assert "## " not in text and "# " not in re.sub(r"<[^>]+>", "", text).replace("&#", "")
    assert re.search(r'class="ln heading"[^>]*><span class="no" data-no="¶\d+"></span>'
                     r'<span class="tx">坚持政治引领', text)

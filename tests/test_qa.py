"""Problems found by using the tool as its users do (QA round): each test failed before its fix."""

from __future__ import annotations

import re

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

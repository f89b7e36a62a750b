"""rules._first_span asks the compiled RE2 object inside google-re2's wrapper for a pattern's
first match (issue 12): the same span, in characters, as the wrapper's search, on text mixing
Chinese, ASCII and quote marks, and through the wrapper when the object is not there."""

from __future__ import annotations

import re2

from auditor.matching.rules import _first_span

TEXTS = ["", "全面推进法治政府建设，将法治建设成效纳入年度绩效考核。", "abc 法治 x 考评", "“法治”考核",
         "依法行政工作考评结果😀已公开", "考核在前法治在后", "法治\n考核"]
PATTERNS = ["(?m)(法治|依法行政)[^。;\n]{0,15}(考核|考评|绩效)", "(?m)^考核", "(?m)公开$", "x?",
            "(?m)结果.已"]


class _WrapperOnly:
    """A pattern as a google-re2 without the inner object would hand it over."""

    def __init__(self, pattern: object) -> None:
        self._pattern = pattern

    def search(self, text: str):
        return self._pattern.search(text)  # type: ignore[attr-defined]


def test_first_span_is_the_wrapper_search_span() -> None:
    options = re2.Options()
    options.never_capture = True
    hits = 0
    for p in PATTERNS:
        pattern = re2.compile(p, options)
        for text in TEXTS:
            mt = pattern.search(text)
            want = mt.span() if mt else None
            assert _first_span(pattern, text) == want, (p, text)
            assert _first_span(_WrapperOnly(pattern), text) == want, (p, text)
            hits += want is not None
    assert hits >= 8

"""argparse help that fits a terminal when it is Chinese.

argparse measures text with ``len()`` and wraps with ``textwrap``, which breaks only at spaces:
a Chinese help line (two cells a character, hardly any spaces) then runs far past the window.
This formatter wraps by terminal cells and may break between any two CJK characters, never
before closing punctuation. stdlib only (unicodedata), so ``auditor --help`` stays fast.
"""

from __future__ import annotations

import argparse
import re
import unicodedata

_TOKEN = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)  # an ASCII word, a space run, or one character
_NO_LINE_START = set("，。、；：？！）》」』】’”,.;:?!)]}…")


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap of one paragraph to ``width`` cells."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(text):
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        w = cells(token)
        if line and used + w > width and token[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Option help wrapped by cells; description and epilog keep their paragraphs (one per
    line in the source) and wrap each of them by cells too."""

    def _format_action(self, action: argparse.Action) -> str:
        # The command list under its heading (命令:), without a line repeating the metavar.
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(a) for a in action._get_subactions())
        return super()._format_action(action)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for para in text.splitlines():
            out += [indent + line for line in (wrap(para, width - len(indent)) or [""])]
        return "\n".join(out)

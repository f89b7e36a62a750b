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
_PIECE = re.compile(r"[^/\\_-]*[/\\_-]?")  # a long ASCII run breaks after / \\ _ -
_NO_LINE_END = set("（《「『【‘“([{")
_NO_LINE_START = set("，。、；：？！）》」』】’”,.;:?!)]}…")


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def line_starts(text: str, width: int) -> list[int]:
    """Offsets where a new line starts when ``text`` is wrapped to ``width`` cells: between CJK
    characters or at spaces, never inside a number or a Latin word that fits on a line, never
    before closing punctuation (the character before it moves down with it)."""
    starts: list[int] = []
    pos, used = 0, 0
    prev_pos, prev_w = -1, 0
    for token in _TOKEN.findall(text):
        w = cells(token)
        if used and used + w > width and token[0] in _NO_LINE_START and prev_pos > (starts or [0])[-1]:
            starts.append(prev_pos)
            used = prev_w
        elif w > width and not token.isspace():
            # A run longer than a line (a URL, a file path), even at a line start: split it after
            # a / - _ where one fits, else where it must.
            for piece in _PIECE.findall(token):
                pw = cells(piece)
                if used and used + pw > width and pw <= width:
                    starts.append(pos)
                    used = 0
                for ch in piece if pw > width else (piece,):
                    cw = cells(ch)
                    if used and used + cw > width:
                        starts.append(pos)
                        used = 0
                    pos, used = pos + len(ch), used + cw
            prev_pos, prev_w = -1, 0
            continue
        elif used and used + w > width and not token.isspace() and token[0] not in _NO_LINE_START:
            brk = pos
            while brk - 1 > (starts or [0])[-1] and text[brk - 1] in _NO_LINE_END:
                brk -= 1  # an opening bracket goes down with what it opens
            starts.append(brk)
            used = cells(text[brk:pos])
        prev_pos, prev_w = pos, w
        pos, used = pos + len(token), used + w
    return starts


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
            carry = ""
            while line and line[-1] in _NO_LINE_END and len(line) > 1:  # （ goes down with its word
                line, carry = line[:-1], line[-1] + carry
            lines.append(line.rstrip())
            line, used = carry, cells(carry)
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

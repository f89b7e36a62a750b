"""Interface language: Chinese first, English by locale or ``--lang en``.

Every human-facing string goes through ``_()`` with its Chinese text as the message id; the
English catalog translates it. (Issue 13 wires the gettext catalogs; until then ``_`` is the
identity, so Chinese is what users see.)
"""

from __future__ import annotations


def _(message: str) -> str:
    return message

"""Option values for argparse, in the interface language: bilingual choices and bounded numbers.

The words the output uses are words the options accept (``--level 县级`` = ``--level county``),
and a value out of range is a usage error of one line (exit 2) rather than a silent oddity.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from auditor.i18n import _
from auditor.labels import LANGUAGE_NAMES


def choice(names: dict[str, str], what: str, ids: Sequence[str] | None = None) -> Callable[[str], str]:
    """An argparse ``type`` taking an id (``county``) or its label in either language (县级,
    County) and returning the id, so the words the output uses are words the options accept."""
    keys = list(ids if ids is not None else names)

    def parse(value: str) -> str:
        v = value.strip()
        for key in keys:
            label = names.get(key, key)
            if v.lower() == key.lower() or v == label or v.lower() == _(label).lower():
                return key
        raise argparse.ArgumentTypeError(_("{what}不能是 {value!r}（可选：{choices}）").format(
            what=what, value=value, choices=choices_text(names, keys)))

    parse.__name__ = what
    return parse


def choices_text(names: dict[str, str], keys: Sequence[str] | None = None) -> str:
    """``县级/county、市级/city`` in Chinese, ``county, city`` in English: what a user may type."""
    shown = []
    for key in keys if keys is not None else names:
        label = _(names.get(key, key))
        shown.append(key if label.lower() == key.lower() else f"{label}/{key}")
    return _("、").join(shown)


def bounded(lo: float, hi: float | None, what: str, integer: bool = False) -> Callable[[str], float]:
    """A bounded number: out of range is a usage error (exit 2, one line), not a silent oddity
    such as ``--min-score 150`` failing every report or ``--width -5`` breaking the layout."""

    def parse(value: str) -> float:
        try:
            n: float = int(value) if integer else float(value)
        except ValueError:
            n = float("nan")
        if not (n >= lo and (hi is None or n <= hi)):  # also rejects nan and inf
            if hi is None:
                msg = _("{what}须为不小于 {lo:g} 的整数，不能是 {value!r}") if integer else \
                    _("{what}须为不小于 {lo:g} 的数，不能是 {value!r}")
            else:
                msg = _("{what}须为 {lo:g} 到 {hi:g} 之间的数，不能是 {value!r}")
            raise argparse.ArgumentTypeError(msg.format(what=what, lo=lo, hi=hi or 0, value=value))
        return n

    parse.__name__ = what
    return parse


def language(value: str) -> str:
    """--lang: zh/中文/zh_CN… or en/English/en_US… (i18n.parse_language)."""
    from auditor.i18n import parse_language

    try:
        return parse_language(value)
    except ValueError:
        return choice(LANGUAGE_NAMES, _("界面语言"))(value)  # raises, listing the choices

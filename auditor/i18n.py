"""Interface language: Chinese first, English by locale or ``--lang en`` (docs/i18n.md).

Every human-facing string goes through ``_()`` (or ``ngettext()`` when a count decides the
English wording) with its Chinese text as the message id, so the code reads as users see it by
default and Chinese needs no catalog. English comes from the gettext catalog
``auditor/locale/en/LC_MESSAGES/auditor.mo`` (built from ``auditor.po`` by
``python scripts/i18n.py update``), shipped inside the package.

argparse's own words (``usage:``, ``options``, "invalid choice" …) are English msgids looked
up through the module-level ``gettext``; ``argparse_language()`` lends argparse a Chinese catalog
(``locale/zh_CN/LC_MESSAGES/argparse.mo``) while the CLI parses, so help and usage errors are
in one language too.

The language is chosen once per process (lazily, on the first lookup): ``AUDITOR_LANG``
(what ``--lang`` sets, so worker processes inherit it), else the POSIX message locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``, first one set): English when it starts with ``en``,
Chinese otherwise (``C``/``POSIX`` included — a bare CI box is no English speaker).
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

DOMAIN = "auditor"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("zh", "en")
ENV = "AUDITOR_LANG"

_translation: gettext.NullTranslations | None = None
_language: str | None = None


def _normalise(value: str | None) -> str | None:
    """'en', 'en_US.UTF-8', 'English' -> 'en'; 'zh', 'zh_CN', '中文' -> 'zh'; else None."""
    if not value:
        return None
    v = value.strip().lower()
    if v.startswith(("en", "英")):
        return "en"
    if v.startswith(("zh", "cn", "中", "汉")):
        return "zh"
    return None


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for (see the module docstring)."""
    env = os.environ if environ is None else environ
    chosen = _normalise(env.get(ENV))
    if chosen:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return "en" if env[var].lower().startswith("en") else "zh"
    return "zh"


def parse_language(value: str) -> str:
    """``--lang`` values: zh/中文/zh_CN… or en/English/en_US…; ValueError otherwise."""
    lang = _normalise(value)
    if lang is None:
        raise ValueError(value)
    return lang


def set_language(lang: str | None) -> str:
    """Use ``lang`` ('zh' or 'en'; None: detect) from now on in this process. (The CLI also sets
    ``AUDITOR_LANG`` while it runs, so worker processes speak the same language.)"""
    global _translation, _language
    _language = lang or detect_language()
    if _language == "en":
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=["en"], fallback=True)
    else:
        _translation = gettext.NullTranslations()  # the ids are the Chinese text
    return _language


def language() -> str:
    if _language is None:
        set_language(None)
    assert _language is not None
    return _language


def _(message: str) -> str:
    if _translation is None:
        set_language(None)
    assert _translation is not None
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Marks a Chinese id for the catalog where it is stored, not shown (label tables): the
    code that shows it calls ``_()`` then, in the language of that moment."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Counted text: Chinese ids are usually the same twice; English picks "report"/"reports"."""
    if _translation is None:
        set_language(None)
    assert _translation is not None
    return _translation.ngettext(singular, plural, n)


@contextlib.contextmanager
def argparse_language() -> Iterator[None]:
    """While parsing, argparse's own strings come from our Chinese catalog (English: its own).

    argparse looks its strings up with ``gettext.gettext``, i.e. the process-wide default domain;
    we swap in our catalog on the argparse module only, and put the originals back afterwards, so
    nothing else in the process is affected.
    """
    import argparse

    if language() == "en":
        yield
        return
    zh = gettext.translation("argparse", LOCALE_DIR, languages=["zh_CN"], fallback=True)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = zh.gettext, zh.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]

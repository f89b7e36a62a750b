"""Shared test set-up: tests run from the repository root, so sample paths read as users type them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in the default interface language (Chinese), whatever the locale of
    the machine running the suite; tests of English set it themselves."""
    from auditor import i18n

    for var in ("AUDITOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    i18n.set_language(None)
    yield
    i18n.set_language("zh")

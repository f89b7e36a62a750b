"""Shared test set-up: tests run from the repository root, so sample paths read as users type them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def _pack_cache(tmp_path_factory: pytest.TempPathFactory):
    """Packs cached on disk (auditor/packs/cache.py) go to a folder of this session, in this
    process and the auditor processes tests start, never to the user's own cache."""
    import os

    saved = os.environ.get("AUDITOR_CACHE_DIR")
    os.environ["AUDITOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("auditor-cache"))
    yield
    if saved is None:
        os.environ.pop("AUDITOR_CACHE_DIR", None)
    else:
        os.environ["AUDITOR_CACHE_DIR"] = saved


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

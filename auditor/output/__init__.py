"""Formatters: one small module per format, all fed by records.records()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _lazy(module: str) -> Callable[..., str]:
    """Every format loads on use: a JSON audit never pays for rich, a scorecard never for the
    check formats (tests/test_cold_start.py)."""

    def render(doc: dict[str, Any], **opts: Any) -> str:
        import importlib

        return importlib.import_module(f"auditor.output.{module}").render(doc, **opts)

    return render


FORMATS: dict[str, Callable[..., str]] = {
    "scorecard": _lazy("terminal"),
    "json": _lazy("json_out"),
}

# `auditor check` formats (docs/check.md): they read the `findings` a check record adds.
FORMATS.update({name: _lazy(name) for name in ("text", "github", "sarif", "junit")})
# One report's page (records with ``text``: audit with post=pipeline.keep_lines); several: html_site.
FORMATS["html"] = _lazy("html")


def render(fmt: str, doc: dict[str, Any], **opts: Any) -> str:
    if fmt != "json":  # people read the pack's words in their language; JSON keeps the pack's
        from auditor.output.records import for_people

        doc = for_people(doc)
    return FORMATS[fmt](doc, **opts)

"""Formatters: one small module per format, all fed by records.records()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor.output import json_out, terminal

FORMATS: dict[str, Callable[..., str]] = {
    "scorecard": terminal.render,
    "json": json_out.render,
}


def _lazy(module: str) -> Callable[..., str]:
    """Check formats load on use, keeping `auditor audit` start-up free of their imports."""

    def render(doc: dict[str, Any], **opts: Any) -> str:
        import importlib

        return importlib.import_module(f"auditor.output.{module}").render(doc, **opts)

    return render


# `auditor check` formats (docs/check.md): they read the `findings` a check record adds.
FORMATS.update({name: _lazy(name) for name in ("text", "github", "sarif", "junit")})
# One report's page (records with ``text``: audit with lines=True); several: html_site.
FORMATS["html"] = _lazy("html")


def render(fmt: str, doc: dict[str, Any], **opts: Any) -> str:
    return FORMATS[fmt](doc, **opts)

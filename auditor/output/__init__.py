"""Formatters: one small module per format, all fed by records.records()."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor.output import json_out, terminal

FORMATS: dict[str, Callable[..., str]] = {
    "scorecard": terminal.render,
    "json": json_out.render,
}


def render(fmt: str, doc: dict[str, Any], **opts: Any) -> str:
    return FORMATS[fmt](doc, **opts)

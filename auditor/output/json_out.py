"""The JSON contract (docs/json.md): records() serialised, nothing added or dropped."""

from __future__ import annotations

import json
from typing import Any


def render(doc: dict[str, Any], **_: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

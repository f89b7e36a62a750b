"""Baselines: report only what is new since an earlier run, so a team adopting the tool on a long
draft sees what its latest edit broke instead of every old problem at once.

Findings are matched on fingerprints (file name, id, item, text without spaces or digits), never on
line numbers, which shift with every paragraph added above.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

from auditor.checking.findings import Finding, fingerprint
from auditor.errors import AuditorError


def load_baseline(path: str) -> Counter[str]:
    """Fingerprints of the active findings of an earlier ``auditor check --format json`` run."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise AuditorError(f"cannot read baseline: {exc.strerror or exc}", path) from None
    except (UnicodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise AuditorError("baseline is not the JSON of `auditor check --format json`", path, line) from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise AuditorError("baseline has no 'reports' list (expected `auditor check` JSON)", path)
    prints: Counter[str] = Counter()
    for rep in data["reports"]:
        for f in rep.get("findings", []) if isinstance(rep, dict) else []:
            if not isinstance(f, dict) or f.get("waived") is not None:
                continue
            fp = f.get("fingerprint") or fingerprint(rep.get("path", ""), f.get("id", ""),
                                                     f.get("item", ""), f.get("text", ""))
            prints[fp] += 1
    return prints


def apply_baseline(findings: list[Finding], prints: Counter[str]) -> list[Finding]:
    """Mark findings already in the baseline; ``prints`` is consumed so duplicates count once each."""
    out = []
    for f in findings:
        fp = fingerprint(f.path, f.id, f.item, f.text)
        if f.waived is None and prints[fp] > 0:
            prints[fp] -= 1
            f = dataclasses.replace(f, baselined=True)
        out.append(f)
    return out

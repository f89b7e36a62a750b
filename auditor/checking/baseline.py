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
from auditor.errors import AuditorError, os_reason
from auditor.i18n import _


def load_baseline(path: str) -> Counter[str]:
    """Fingerprints of the active findings of an earlier ``auditor check --format json`` run."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise AuditorError(_("无法读取基线：{error}").format(error=os_reason(exc)), path) from None
    except (UnicodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise AuditorError(_("基线不是 `auditor check --format json` 输出的 JSON"), path, line) from None
    if not isinstance(data, dict) or not isinstance(data.get("reports"), list):
        raise AuditorError(_("基线中没有 'reports' 列表（应为 `auditor check` 的 JSON）"), path)
    prints: Counter[str] = Counter()
    for n, rep in enumerate(data["reports"], 1):
        # A hand-edited file or `auditor audit -f json` output (no findings) would otherwise
        # baseline nothing, or crash, and the user would not know why every finding is "new".
        if not isinstance(rep, dict) or not isinstance(rep.get("findings"), list):
            raise AuditorError(_("基线中第 {n} 份报告没有 'findings' 列表"
                                 "（请用 `auditor check --write-baseline 文件` 生成）").format(n=n), path)
        for f in rep["findings"]:
            if not isinstance(f, dict) or f.get("waived") is not None:
                continue
            fp = f.get("fingerprint")
            if not isinstance(fp, str):
                fp = fingerprint(str(rep.get("path", "")), str(f.get("id", "")),
                                 str(f.get("item") or ""), str(f.get("text") or ""))
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

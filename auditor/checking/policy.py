"""Pass/fail: one place decides, so every output format agrees on what failed and why."""

from __future__ import annotations

from collections.abc import Iterable

from auditor.checking.findings import SEVERITY_RANK, Finding


def fails(finding: Finding, fail_on: str) -> bool:
    """Thresholds (score, required item/part) always fail; other findings by severity."""
    if not finding.active:
        return False
    if finding.threshold:
        return True
    if fail_on == "never":
        return False
    return SEVERITY_RANK.get(finding.severity, 0) >= SEVERITY_RANK[fail_on]


def passed(findings: Iterable[Finding], fail_on: str) -> bool:
    return not any(fails(f, fail_on) for f in findings)

"""Waivers: a drafter accepts a finding or a missing item, with a reason and maybe an expiry.

A waiver never deletes a finding: it marks it ``waived`` with the reason, so every output still
shows what was accepted and why. An expired waiver stops applying *and says so*, otherwise a
forgotten ``until`` would silently turn a passing draft into a failing one with no explanation.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from fnmatch import fnmatch
from pathlib import PurePath
from typing import Any

from auditor.checking.findings import Finding
from auditor.i18n import _

# <!-- auditor: waive enforce.full_record until:2027-03-31 本部门无执法职能 -->
_INLINE = re.compile(r"<!--\s*auditor\s*[:：]\s*waive\b(?P<body>.*?)-->", re.S)
_UNTIL = re.compile(r"\buntil\s*[:：=]\s*(\S+)")


@dataclass(frozen=True)
class Waiver:
    id: str  # finding id (draft.placeholder) or item / structure part id (enforce.full_record)
    reason: str
    until: date | None = None  # last day the waiver applies
    source: str = ""  # "file:line" where it was written
    line: int | None = None
    paths: tuple[str, ...] = ()  # config waivers only: glob patterns of reports it covers

    def covers(self, path: str) -> bool:
        if not self.paths:
            return True
        name = PurePath(path).name
        return any(fnmatch(path, p) or fnmatch(name, p) for p in self.paths)

    def expired(self, today: date) -> bool:
        return self.until is not None and today > self.until


def parse_until(value: Any) -> date | None:
    """YAML already turns 2027-03-31 into a date; TOML and inline comments give text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def inline_waivers(text: str, path: str) -> tuple[list[Waiver], list[Finding]]:
    """Waivers written in the draft itself, plus findings for malformed ones (no reason, bad date)."""
    waivers: list[Waiver] = []
    problems: list[Finding] = []
    for m in _INLINE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        body = " ".join(m.group("body").split())
        parts = body.split(" ", 1)
        wid = parts[0] if parts and parts[0] else ""
        rest = parts[1] if len(parts) > 1 else ""
        until = None
        um = _UNTIL.search(rest)
        if um:
            until = parse_until(um.group(1))
            rest = (rest[:um.start()] + rest[um.end():]).strip()
            if until is None:
                problems.append(Finding("waiver.invalid", "error",
                                        _("豁免到期日期无效：{value}（应为2027-03-31格式）").format(
                                            value=um.group(1)),
                                        line, path, wid, m.group(0)))
                continue
        if not wid:
            problems.append(Finding("waiver.invalid", "error", _("豁免注释缺少要豁免的编号"),
                                    line, path, "", m.group(0)))
            continue
        if not rest.strip():
            problems.append(Finding("waiver.no_reason", "error",
                                    _("豁免 {id} 未写明理由，豁免无效").format(id=wid),
                                    line, path, wid, m.group(0)))
            continue
        waivers.append(Waiver(wid, rest.strip(), until, f"{path}:{line}", line))
    return waivers, problems


def apply_waivers(findings: Iterable[Finding], waivers: Iterable[Waiver], path: str,
                  today: date) -> list[Finding]:
    """Mark matching findings waived; add a warning for each expired waiver that would have matched."""
    active = [w for w in waivers if w.covers(path)]
    out: list[Finding] = []
    expired_used: dict[int, Waiver] = {}
    for f in findings:
        match = next((w for w in active if w.id in (f.id, f.item) and not w.expired(today)), None)
        if match is not None and f.id not in ("waiver.no_reason", "waiver.invalid"):
            out.append(dataclasses.replace(f, waived=match.reason))
            continue
        for w in active:
            if w.id in (f.id, f.item) and w.expired(today):
                expired_used.setdefault(id(w), w)
        out.append(f)
    for w in expired_used.values():
        line = w.line if w.source.startswith(f"{path}:") else None
        where = "" if line else _("（{source}）").format(source=w.source)
        out.append(Finding("waiver.expired", "warning",
                           _("豁免 {id} 已于{until}到期，不再生效{where}：{reason}").format(
                               id=w.id, until=w.until, where=where, reason=w.reason),
                           line, path, w.id, f"expired {w.id}"))
    return out

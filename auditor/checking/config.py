"""Check configuration: discovery, validation with ``file:line`` errors, and value provenance.

Drafting offices keep one ``.auditor.yaml`` (or ``[tool.auditor]`` in ``pyproject.toml``) next to
their drafts, the way ruff and yamllint are configured; a config mistake must point at its line,
because a silent default would pass a draft the office meant to fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from auditor.checking.configfile import Loc, read_config_file
from auditor.checking.configfile import discover as discover  # re-exported: run.py, tests
from auditor.checking.findings import CATALOG
from auditor.checking.waivers import Waiver, parse_until
from auditor.errors import AuditorError
from auditor.model import LEVELS

SEVERITIES = ("error", "warning", "note")
FAIL_ON = ("error", "warning", "note", "never")
STRUCTURE_PARTS = ("achievements", "shortcomings", "shortcoming_reasons", "first_responsible", "next_year")
KEYS = ("pack", "min_score", "required", "structure", "disable", "severity", "level", "fail_on",
        "deadline", "waive", "reuse_threshold")
DEFAULT_DEADLINE = (4, 1)  # 督察工作规定 第二十四条: public before 4月1日 of the following year


@dataclass(frozen=True)
class CheckConfig:
    pack: str | None = None
    min_score: float = 0.0
    required: tuple[str, ...] | None = None  # None: the pack's key items
    structure: tuple[tuple[str, bool], ...] = tuple((p, True) for p in STRUCTURE_PARTS)
    disable: frozenset[str] = frozenset()
    severity: tuple[tuple[str, str], ...] = ()
    level: str | None = None
    fail_on: str = "error"
    deadline: tuple[int, int] = DEFAULT_DEADLINE
    waive: tuple[Waiver, ...] = ()
    reuse_threshold: float = 0.3  # draft.reused: share of the draft repeating --previous (issue 11)
    path: str | None = None  # the config file, None when only defaults apply
    sources: dict[str, str] = field(default_factory=dict, compare=False)  # key -> where it came from
    required_lines: tuple[int | None, ...] = ()  # line of each required id, for pack validation

    def required_parts(self) -> frozenset[str]:
        return frozenset(f"structure.{p}" for p, on in self.structure if on)

    def severity_of(self, finding_id: str, default: str) -> str:
        return dict(self.severity).get(finding_id, default)

    def source(self, key: str) -> str:
        return self.sources.get(key, "default")


# --- validation --------------------------------------------------------------------------------

def _str_list(loc: Loc, key: str, path: str) -> list[Loc]:
    items = loc.value if isinstance(loc.value, list) else None
    if items is None or not all(isinstance(i.value, str) and i.value for i in items):
        raise AuditorError(f"'{key}' must be a list of ids", path, loc.line)
    return items


def _finding_id(fid: Any, key: str, path: str, line: int | None) -> str:
    """A typo in ``disable``/``severity`` would silently leave the finding on: refuse it."""
    if fid not in CATALOG:
        raise AuditorError(f"unknown finding id {fid!r} in '{key}' (see docs/check.md, Findings)",
                           path, line)
    return fid


def _parse_deadline(raw: Any, path: str, line: int | None) -> tuple[int, int]:
    text = str(raw).strip()
    m = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})|(\d{1,2})月(\d{1,2})日", text)
    if m:
        month, day = (int(x) for x in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
        try:
            date(2024, month, day)
            return month, day
        except ValueError:
            pass
    raise AuditorError(f"deadline must be a month-day like 04-01 or 3月1日, not {raw!r}", path, line)


def _parse_waivers(loc: Loc, path: str) -> tuple[Waiver, ...]:
    if not isinstance(loc.value, list):
        raise AuditorError("'waive' must be a list of {id, reason, until}", path, loc.line)
    out = []
    for entry in loc.value:
        if not isinstance(entry.value, dict):
            raise AuditorError("each waiver must be a mapping with id and reason", path, entry.line)
        fields = entry.value
        unknown = sorted(set(fields) - {"id", "reason", "until", "paths"})
        if unknown:
            raise AuditorError(f"unknown waiver key '{unknown[0]}' (id, reason, until, paths)",
                               path, fields[unknown[0]].line)
        wid = fields.get("id", Loc(None, entry.line)).value
        if not isinstance(wid, str) or not wid:
            raise AuditorError("waiver needs an 'id' (finding or item id)", path, entry.line)
        reason = fields.get("reason", Loc(None, entry.line))
        if not isinstance(reason.value, str) or not reason.value.strip():
            raise AuditorError(f"waiver for '{wid}' needs a reason", path, reason.line or entry.line)
        until = None
        if "until" in fields:
            until = parse_until(fields["until"].value)
            if until is None:
                raise AuditorError(f"'until' must be a date like 2027-03-31, not {fields['until'].value!r}",
                                   path, fields["until"].line)
        paths: tuple[str, ...] = ()
        if "paths" in fields:
            paths = tuple(p.value for p in _str_list(fields["paths"], "paths", path))
        out.append(Waiver(wid, reason.value.strip(), until, f"{path}:{entry.line}", entry.line, paths))
    return tuple(out)


def build_config(root: Loc, path: str) -> CheckConfig:
    """Validate a parsed file into a CheckConfig; every problem names the file and line."""
    values: dict[str, Loc] = root.value
    for key, loc in values.items():
        if key not in KEYS:
            raise AuditorError(f"unknown key '{key}' (known: {', '.join(KEYS)})", path, loc.line)
    cfg = CheckConfig(path=path)
    changes: dict[str, Any] = {}
    sources = {key: f"{path}:{loc.line}" for key, loc in values.items()}
    for key, loc in values.items():
        v = loc.value
        if key == "pack":
            if not isinstance(v, str) or not v:
                raise AuditorError("'pack' must be a pack folder or file path", path, loc.line)
            p = Path(v)
            changes["pack"] = str(p if p.is_absolute() else (Path(path).parent / p))
        elif key == "min_score":
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
                raise AuditorError(f"'min_score' must be a number from 0 to 100, not {v!r}", path, loc.line)
            changes["min_score"] = float(v)
        elif key == "required":
            items = _str_list(loc, key, path)
            changes["required"] = tuple(i.value for i in items)
            changes["required_lines"] = tuple(i.line for i in items)
        elif key == "structure":
            changes["structure"] = _parse_structure(loc, path)
        elif key == "disable":
            changes["disable"] = frozenset(_finding_id(i.value, key, path, i.line)
                                           for i in _str_list(loc, key, path))
        elif key == "severity":
            if not isinstance(v, dict):
                raise AuditorError("'severity' must map finding ids to error|warning|note|off",
                                   path, loc.line)
            sev = []
            for fid, s in v.items():
                _finding_id(fid, key, path, s.line)
                if s.value not in (*SEVERITIES, "off"):
                    raise AuditorError(f"severity of '{fid}' must be error, warning, note or off, "
                                       f"not {s.value!r}", path, s.line)
                sev.append((fid, s.value))
            changes["severity"] = tuple(sev)
        elif key == "level":
            if v not in LEVELS:
                raise AuditorError(f"'level' must be one of {', '.join(LEVELS)}, not {v!r}", path, loc.line)
            changes["level"] = v
        elif key == "fail_on":
            if v not in FAIL_ON:
                raise AuditorError(f"'fail_on' must be one of {', '.join(FAIL_ON)}, not {v!r}",
                                   path, loc.line)
            changes["fail_on"] = v
        elif key == "deadline":
            changes["deadline"] = _parse_deadline(v, path, loc.line)
        elif key == "waive":
            changes["waive"] = _parse_waivers(loc, path)
        elif key == "reuse_threshold":
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
                raise AuditorError(f"'reuse_threshold' must be a share from 0 to 1 (0.3 = 30%), not {v!r}",
                                   path, loc.line)
            changes["reuse_threshold"] = float(v)
    return replace(cfg, **changes, sources=sources)


def _parse_structure(loc: Loc, path: str) -> tuple[tuple[str, bool], ...]:
    parts = dict.fromkeys(STRUCTURE_PARTS, True)
    if isinstance(loc.value, list):  # a list names exactly the required parts
        parts = dict.fromkeys(STRUCTURE_PARTS, False)
        entries = [(i.value, True, i.line) for i in _str_list(loc, "structure", path)]
    elif isinstance(loc.value, dict):
        entries = [(k, v.value, v.line) for k, v in loc.value.items()]
    else:
        raise AuditorError("'structure' must map parts to true/false, or list the required parts",
                           path, loc.line)
    for name, on, line in entries:
        short = name.removeprefix("structure.") if isinstance(name, str) else name
        if short not in parts:
            raise AuditorError(f"unknown structure part '{name}' (known: {', '.join(STRUCTURE_PARTS)})",
                               path, line)
        if not isinstance(on, bool):
            raise AuditorError(f"structure.{short} must be true or false, not {on!r}", path, line)
        parts[short] = on
    return tuple(parts.items())


def load_config(path: str) -> CheckConfig:
    root = read_config_file(path)
    if root is None:
        raise AuditorError("no [tool.auditor] table in this file", path)
    return build_config(root, path)


def with_overrides(cfg: CheckConfig, **overrides: Any) -> CheckConfig:
    """Command-line options win over the file; their source reads 'command line'."""
    given = {k: v for k, v in overrides.items() if v is not None}
    if not given:
        return cfg
    sources = dict(cfg.sources)
    sources.update(dict.fromkeys(given, "command line"))
    return replace(cfg, **given, sources=sources)


def show_config(cfg: CheckConfig, pack_label: str, required: tuple[str, ...]) -> str:
    """Effective configuration, one key per line, each with where its value came from."""
    shown = {
        "pack": pack_label,
        "min_score": f"{cfg.min_score:g}",
        "required": ", ".join(required) if required else "(none)",
        "structure": ", ".join(p for p, on in cfg.structure if on) or "(none)",
        "disable": ", ".join(sorted(cfg.disable)) or "(none)",
        "severity": ", ".join(f"{k}={v}" for k, v in cfg.severity) or "(defaults)",
        "level": cfg.level or "(detected)",
        "fail_on": cfg.fail_on,
        "deadline": f"{cfg.deadline[0]:02d}-{cfg.deadline[1]:02d}",
        "waive": ", ".join(f"{w.id}" + (f" until {w.until}" if w.until else "") for w in cfg.waive)
        or "(none)",
        "reuse_threshold": f"{cfg.reuse_threshold:g}",
    }
    lines = [f"# config: {cfg.path or '(none found; defaults)'}"]
    src = {"required": "default: key items of the pack"} if cfg.required is None else {}
    for key in KEYS:
        lines.append(f"{key:<10} = {shown[key]}    # {src.get(key) or cfg.source(key)}")
    return "\n".join(lines) + "\n"

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
from auditor.errors import AuditorError, errors_at_once
from auditor.i18n import _
from auditor.model import LEVELS

SEVERITIES = ("error", "warning", "note")
FAIL_ON = ("error", "warning", "note", "never")
STRUCTURE_PARTS = ("achievements", "shortcomings", "shortcoming_reasons", "first_responsible", "next_year")
KEYS = ("pack", "min_score", "min_substance", "required", "structure", "disable", "severity", "level",
        "fail_on", "deadline", "waive", "reuse_threshold")
DEFAULT_DEADLINE = (4, 1)  # 督察工作规定 第二十四条: public before 4月1日 of the following year


@dataclass(frozen=True)
class CheckConfig:
    pack: str | None = None
    min_score: float = 0.0
    min_substance: float = 0.0  # 实绩度 floor: % of items with a figure or named document
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
# Every problem of a file is reported at once, ``file:line`` each (like `rules validate`): a
# drafting office fixing its config one error per run would need as many runs as mistakes.

class _Problems:
    """Collects the AuditorErrors of one file; ``check()`` runs a step and keeps its error."""

    def __init__(self) -> None:
        self.errors: list[AuditorError] = []

    def add(self, message: str, path: str, line: int | None) -> None:
        self.errors.append(AuditorError(message, path, line))

    def run(self, step: Any, *args: Any) -> Any:
        try:
            return step(*args)
        except AuditorError as exc:
            self.errors.append(exc)
            return None

    def raise_all(self) -> None:
        if self.errors:
            raise errors_at_once(self.errors)


def _str_list(loc: Loc, key: str, path: str) -> list[Loc]:
    items = loc.value if isinstance(loc.value, list) else None
    if items is None or not all(isinstance(i.value, str) and i.value for i in items):
        raise AuditorError(_("'{key}' 须为编号列表").format(key=key), path, loc.line)
    return items


def _finding_id(fid: Any, key: str, path: str, line: int | None) -> str:
    """A typo in ``disable``/``severity`` would silently leave the finding on: refuse it."""
    if fid not in CATALOG:
        raise AuditorError(_("'{key}' 中有未知的问题编号 {fid!r}（见 auditor docs check，Findings 一节）")
                           .format(key=key, fid=fid), path, line)
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
    raise AuditorError(_("deadline 须为月-日，如 04-01 或 3月1日，不能是 {value!r}").format(
        value=raw), path, line)


def _parse_waiver(entry: Loc, path: str) -> Waiver:
    if not isinstance(entry.value, dict):
        raise AuditorError(_("每条豁免须为含 id 和 reason 的映射"), path, entry.line)
    fields = entry.value
    unknown = sorted(set(fields) - {"id", "reason", "until", "paths"})
    if unknown:
        raise AuditorError(_("未知的豁免键 '{key}'（可用：id、reason、until、paths）").format(key=unknown[0]),
                           path, fields[unknown[0]].line)
    wid = fields.get("id", Loc(None, entry.line)).value
    if not isinstance(wid, str) or not wid:
        raise AuditorError(_("豁免缺少 'id'（问题编号或事项编号）"), path, entry.line)
    reason = fields.get("reason", Loc(None, entry.line))
    if not isinstance(reason.value, str) or not reason.value.strip():
        raise AuditorError(_("'{id}' 的豁免缺少理由（reason）").format(
            id=wid), path, reason.line or entry.line)
    until = None
    if "until" in fields:
        until = parse_until(fields["until"].value)
        if until is None:
            raise AuditorError(_("'until' 须为日期，如 2027-03-31，不能是 {value!r}").format(
                value=fields["until"].value), path, fields["until"].line)
    paths: tuple[str, ...] = ()
    if "paths" in fields:
        paths = tuple(p.value for p in _str_list(fields["paths"], "paths", path))
    return Waiver(wid, reason.value.strip(), until, f"{path}:{entry.line}", entry.line, paths)


def _parse_waivers(loc: Loc, path: str, problems: _Problems) -> tuple[Waiver, ...]:
    if not isinstance(loc.value, list):
        raise AuditorError(_("'waive' 须为 {id, reason, until} 的列表"), path, loc.line)
    return tuple(w for w in (problems.run(_parse_waiver, e, path) for e in loc.value) if w is not None)


def _parse_severity(loc: Loc, path: str, problems: _Problems) -> tuple[tuple[str, str], ...]:
    if not isinstance(loc.value, dict):
        raise AuditorError(_("'severity' 须把问题编号映射到 error|warning|note|off"), path, loc.line)
    sev = []
    for fid, s in loc.value.items():
        if problems.run(_finding_id, fid, "severity", path, s.line) is None:
            continue
        if s.value not in (*SEVERITIES, "off"):
            problems.add(_("'{fid}' 的级别须为 error、warning、note 或 off，不能是 {value!r}").format(
                fid=fid, value=s.value), path, s.line)
            continue
        sev.append((fid, s.value))
    return tuple(sev)


def _parse_key(key: str, loc: Loc, path: str, problems: _Problems) -> dict[str, Any]:
    """The CheckConfig fields one key sets; raises (or adds to ``problems``) when it is wrong."""
    v = loc.value
    if key == "pack":
        if not isinstance(v, str) or not v:
            raise AuditorError(_("'pack' 须为内置规则包编号，或规则包文件夹、文件路径"), path, loc.line)
        # A path is relative to the config file; a bare shipped pack id stays an id.
        p = Path(v) if Path(v).is_absolute() else Path(path).parent / v
        if not p.exists() and not _shipped(v):
            raise AuditorError(_("找不到规则包 '{v}'（不是相对本文件的目录或文件，也不是内置规则包编号）")
                               .format(v=v), path, loc.line)
        return {"pack": str(p) if p.exists() else v}
    if key == "min_score":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
            raise AuditorError(_("'min_score' 须为 0 到 100 之间的数，不能是 {value!r}").format(value=v),
                               path, loc.line)
        return {"min_score": float(v)}
    if key == "min_substance":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100:
            raise AuditorError(_("'min_substance' 须为 0 到 100 之间的数，不能是 {value!r}").format(value=v),
                               path, loc.line)
        return {"min_substance": float(v)}
    if key == "reuse_threshold":
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise AuditorError(_("'reuse_threshold' 须为 0 到 1 之间的比例（0.3 即 30%），不能是 {value!r}")
                               .format(value=v), path, loc.line)
        return {"reuse_threshold": float(v)}
    if key == "required":
        items = _str_list(loc, key, path)
        return {"required": tuple(i.value for i in items), "required_lines": tuple(i.line for i in items)}
    if key == "structure":
        return {"structure": _parse_structure(loc, path, problems)}
    if key == "disable":
        ids = [problems.run(_finding_id, i.value, key, path, i.line) for i in _str_list(loc, key, path)]
        return {"disable": frozenset(i for i in ids if i is not None)}
    if key == "severity":
        return {"severity": _parse_severity(loc, path, problems)}
    if key == "level":
        if v not in LEVELS:
            raise AuditorError(_("'level' 须为 {choices} 之一，不能是 {value!r}").format(
                choices=", ".join(LEVELS), value=v), path, loc.line)
        return {"level": v}
    if key == "fail_on":
        if v not in FAIL_ON:
            raise AuditorError(_("'fail_on' 须为 {choices} 之一，不能是 {value!r}").format(
                choices=", ".join(FAIL_ON), value=v), path, loc.line)
        return {"fail_on": v}
    if key == "deadline":
        return {"deadline": _parse_deadline(v, path, loc.line)}
    return {"waive": _parse_waivers(loc, path, problems)}


def _shipped(name: str) -> bool:
    from auditor.packs import shipped_packs

    return name in shipped_packs()


def build_config(root: Loc, path: str) -> CheckConfig:
    """Validate a parsed file into a CheckConfig; every problem names the file and line, and
    all of them are reported together."""
    values: dict[str, Loc] = root.value
    problems = _Problems()
    changes: dict[str, Any] = {}
    for key, loc in values.items():
        if key not in KEYS:
            problems.add(_("未知的键 '{key}'（可用：{known}）").format(key=key, known=", ".join(KEYS)),
                         path, loc.line)
            continue
        changes.update(problems.run(_parse_key, key, loc, path, problems) or {})
    problems.raise_all()
    sources = {key: f"{path}:{loc.line}" for key, loc in values.items()}
    return replace(CheckConfig(path=path), **changes, sources=sources)


def _parse_structure(loc: Loc, path: str, problems: _Problems) -> tuple[tuple[str, bool], ...]:
    parts = dict.fromkeys(STRUCTURE_PARTS, True)
    if isinstance(loc.value, list):  # a list names exactly the required parts
        parts = dict.fromkeys(STRUCTURE_PARTS, False)
        entries = [(i.value, True, i.line) for i in _str_list(loc, "structure", path)]
    elif isinstance(loc.value, dict):
        entries = [(k, v.value, v.line) for k, v in loc.value.items()]
    else:
        raise AuditorError(_("'structure' 须把各部分映射到 true/false，或列出必需的部分"), path, loc.line)
    for name, on, line in entries:
        short = name.removeprefix("structure.") if isinstance(name, str) else name
        if short not in parts:
            problems.add(_("未知的结构部分 '{name}'（可用：{known}）").format(
                name=name, known=", ".join(STRUCTURE_PARTS)), path, line)
        elif not isinstance(on, bool):
            problems.add(_("structure.{part} 须为 true 或 false，不能是 {value!r}").format(
                part=short, value=on),
                         path, line)
        else:
            parts[short] = on
    return tuple(parts.items())


def load_config(path: str) -> CheckConfig:
    root = read_config_file(path)
    if root is None:
        raise AuditorError(_("此文件中没有 [tool.auditor] 表"), path)
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
    none = _("（无）")
    shown = {
        "pack": pack_label,
        "min_score": f"{cfg.min_score:g}",
        "min_substance": f"{cfg.min_substance:g}",
        "required": ", ".join(required) if required else none,
        "structure": ", ".join(p for p, on in cfg.structure if on) or none,
        "disable": ", ".join(sorted(cfg.disable)) or none,
        "severity": ", ".join(f"{k}={v}" for k, v in cfg.severity) or _("（默认）"),
        "level": cfg.level or _("（自动检测）"),
        "fail_on": cfg.fail_on,
        "deadline": f"{cfg.deadline[0]:02d}-{cfg.deadline[1]:02d}",
        "waive": ", ".join(w.id + (_("（至 {date}）").format(date=w.until) if w.until else "")
                           for w in cfg.waive) or none,
        "reuse_threshold": f"{cfg.reuse_threshold:g}",
    }
    lines = [_("# 配置：{path}").format(path=cfg.path or _("（未找到，使用默认值）"))]
    src = {"required": _("默认：规则包的重点事项")} if cfg.required is None else {}
    words = {"default": _("默认"), "command line": _("命令行")}  # sources are stored in English
    for key in KEYS:
        source = src.get(key) or words.get(cfg.source(key), cfg.source(key))
        lines.append(f"{key:<10} = {shown[key]}    # {source}")
    return "\n".join(lines) + "\n"

"""Config files as trees of values with their line numbers: ``.auditor.yaml`` and
``[tool.auditor]`` in ``pyproject.toml``, and finding the nearest one (like ruff / yamllint).

Kept apart from validation (config.py) so each stays readable: this module only knows file
formats and positions, config.py only knows what the keys mean.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError, os_reason
from auditor.i18n import _

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".auditor.yaml", ".auditor.yml")


@dataclass(frozen=True, repr=False)
class Loc:
    """A config value and the line it was written on, so validation can point at it."""

    value: Any
    line: int | None

    def __repr__(self) -> str:  # error messages quote the value as written, not our wrapper
        return repr(self.value)


def _yaml_loc(node: yaml.Node, loader: yaml.SafeLoader, path: str) -> Loc:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise AuditorError(_("键须为文字，不能是 {key!r}").format(
                    key=key), path, key_node.start_mark.line + 1)
            if key in out:
                raise AuditorError(_("重复的键 '{key}'").format(key=key), path, key_node.start_mark.line + 1)
            out[key] = Loc(_yaml_loc(value_node, loader, path).value, key_node.start_mark.line + 1)
        return Loc(out, line)
    if isinstance(node, yaml.SequenceNode):
        return Loc([_yaml_loc(n, loader, path) for n in node.value], line)
    try:
        return Loc(loader.construct_object(node, deep=True), line)
    except ValueError as exc:  # a YAML timestamp that is no date, e.g. until: 2027-13-01
        raise AuditorError(_("无效的值 {value!r}：{error}").format(
            value=node.value, error=exc), path, line) from None


def _read_yaml(path: str, text: str) -> Loc:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise AuditorError(_("YAML 格式错误：{problem}").format(
            problem=problem), path, mark.line + 1 if mark else None) from None
    if node is None:
        return Loc({}, 1)
    loader = yaml.SafeLoader("")
    try:
        loc = _yaml_loc(node, loader, path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AuditorError(_("YAML 格式错误：{problem}").format(
            problem=problem), path, mark.line + 1 if mark else None) from None
    if not isinstance(loc.value, dict):
        raise AuditorError(_("配置须为键值映射（pack、min_score …）"), path, loc.line)
    return loc


def _toml_loc(value: Any, line: int | None, lines: list[str], start: int) -> Loc:
    """TOML parsers give no positions; find each key's line by searching below the table header."""
    if isinstance(value, dict):
        out: dict[str, Loc] = {}
        for key, sub in value.items():
            key_line = line
            pat = re.compile(rf"^\s*(\[\[?tool\.auditor\.)?[\"']?{re.escape(key)}[\"']?\s*[=\]]")
            for i in range(start, len(lines)):
                if pat.search(lines[i]):
                    key_line = i + 1
                    break
            out[key] = _toml_loc(sub, key_line, lines, (key_line or 1) - 1)
        return Loc(out, line)
    if isinstance(value, list):
        return Loc([_toml_loc(v, line, lines, start) for v in value], line)
    return Loc(value, line)


def _read_pyproject(path: str, text: str) -> Loc | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise AuditorError(_("TOML 格式错误：{error}").format(
            error=exc), path, int(m.group(1)) if m else None) from None
    tool = data.get("tool", {})
    section = tool.get("auditor") if isinstance(tool, dict) else None
    if section is None:
        return None
    lines = text.splitlines()
    start = next((i for i, s in enumerate(lines) if re.match(r"^\s*\[\[?tool\.auditor", s)), 0)
    if not isinstance(section, dict):
        raise AuditorError(_("[tool.auditor] 须为表"), path, start + 1)
    return _toml_loc(section, start + 1, lines, start)


def read_config_file(path: str) -> Loc | None:
    """Parsed file as a Loc tree; None for a pyproject.toml without ``[tool.auditor]``."""
    if Path(path).is_dir():
        raise AuditorError(_("配置是文件夹；请给出 .auditor.yaml 或 pyproject.toml 文件"), path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AuditorError(_("找不到配置文件"), path) from None
    except OSError as exc:
        raise AuditorError(_("无法读取配置：{error}").format(error=os_reason(exc)), path) from None
    except UnicodeError:
        raise AuditorError(_("无法读取配置：不是 UTF-8 文本"), path) from None
    if Path(path).name == "pyproject.toml" or path.endswith(".toml"):
        return _read_pyproject(path, text)
    return _read_yaml(path, text)


def discover(start: str) -> str | None:
    """Nearest config for a report: its folder, then each parent (like ruff / yamllint)."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return str(d / name)
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeError):
                continue
            if re.search(r"^\s*\[\[?tool\.auditor", text, re.M):
                return str(pyproject)
    return None

"""Find, validate and load rule packs; the only way the rest of auditor gets a Pack.

Loading is two steps: each folder of an `extends` chain is checked on its own (schema.py,
meta.py), then the chain is resolved into one Pack (resolve.py). Checked folders are cached on
(path, file names, mtimes, sizes) and resolved packs on the chain, because the CLI, the tests
and batch runs load the same pack many times, while an edited rule file must still be picked up.
A pack that loads without problems is also remembered on disk between processes (cache.py).
"""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.errors import AuditorError
from auditor.i18n import _, language
from auditor.packs import cache
from auditor.packs.spec import Pack, Rule

# The YAML side (PyYAML, the schema and meta checks, resolution) is imported where it is used:
# an audit whose pack comes from the cache (packs/cache.py) never needs it, and importing
# PyYAML alone is ~15 ms of a cold run.
if TYPE_CHECKING:
    import yaml

    from auditor.packs.meta import PackMeta
    from auditor.packs.nodes import Checker, Problem
    from auditor.packs.resolve import Local

DEFAULT_PACK = "gangyao-2021-2025"
META = "pack.yaml"
# YAML files of a pack folder that are not area files: boilerplate.yaml is read by
# auditor.comparing (issue 11), with its own validation.
NOT_AREAS = (META, "boilerplate.yaml")

StrPath = str | os.PathLike


class PackError(AuditorError):
    """A pack that failed validation; ``problems`` holds every problem, the message the first."""

    def __init__(self, problems: list[Problem], target: str) -> None:
        first = problems[0]
        more = len(problems) - 1
        tail = _("（另有 {n} 处；请运行 `auditor rules validate {target}`）").format(
            n=more, target=target) if more else ""
        super().__init__(first.message + tail, first.path, first.line or None)
        self.problems = problems


@lru_cache(maxsize=1)
def default_pack_path() -> Path:
    """The shipped pack: package data ``auditor.rules`` when installed, ``rules/`` in a checkout."""
    # The two plain folders are looked at first: importlib.resources (and the zipfile & co. it
    # drags in, ~3-15 ms) is only needed for a package that is not a folder on disk (a zip).
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "rules", package.parent / "rules"):  # installed; source checkout
        if (folder / DEFAULT_PACK / META).is_file():
            return folder / DEFAULT_PACK
    import importlib.resources

    try:
        # Join before converting: for the namespace package auditor.rules (no __init__.py),
        # files() is a MultiplexedPath whose str() is not a path, but its children are Paths.
        shipped = importlib.resources.files("auditor.rules") / DEFAULT_PACK
    except (ModuleNotFoundError, TypeError):
        shipped = None
    if isinstance(shipped, Path):
        return shipped
    return package.parent / "rules" / DEFAULT_PACK  # nothing found: the problem is reported there


@lru_cache(maxsize=1)
def shipped_packs() -> dict[str, Path]:
    """The packs that ship with auditor, by id (each is a folder named after its id)."""
    root = default_pack_path().parent
    try:
        return {d.name: d for d in sorted(root.iterdir()) if (d / META).is_file()}
    except OSError:
        return {}


def locate(ref: str, base: Path | None = None) -> Path | None:
    """Where the pack `ref` lives: a shipped pack id or a pack folder/file path.

    From `extends` (``base`` is the extending pack's folder) a shipped id wins, so a pack
    means the same thing wherever it is copied; from --pack an existing path wins, so
    `--pack mypack` keeps meaning the folder ./mypack.
    """
    shipped = shipped_packs()
    if base is not None and ref in shipped:
        return shipped[ref]
    path = Path(ref) if base is None else base / ref
    if path.exists():
        return path
    return shipped.get(ref) if base is None else None


def _target(path: StrPath | None) -> Path:
    if path is None:
        return default_pack_path()
    found = locate(str(path))
    if found is None:
        known = ", ".join(shipped_packs()) or "-"
        raise AuditorError(_("没有这个规则包（不是已有的目录或文件，也不是内置规则包编号：{known}）").format(
            known=known), str(path))
    return found


def load_pack(path: StrPath | None = None) -> Pack:
    """Load a pack by shipped id, folder, its pack.yaml, or a single area file; None means the
    default pack. The `extends` chain is resolved: the Pack has every item in force.

    Raises PackError (an AuditorError) naming the first problem and counting the rest; a pack
    with any problem anywhere in its chain is never returned half-loaded.
    """
    target = _target(path)
    pack = cache.recall(target, locate)
    if pack is not None:
        return pack
    chain, pack, problems = _resolved_chain(target)
    if problems or pack is None:
        raise PackError(list(problems), str(path if path is not None else target))
    links = [(ref, str(child.folder), str(locate(ref, child.folder)))
             for child in chain[:-1] if (ref := child.meta.extends)]
    cache.keep(target, [local.path for local in chain], links, pack, locate)
    return pack


def validate_pack(path: StrPath | None = None) -> list[Problem]:
    """Every problem in a pack (and the packs it extends), in file then line order."""
    from auditor.packs.nodes import Problem

    target = Path(path) if path is not None else default_pack_path()
    if not target.exists():
        found = locate(str(target))
        if found is None:
            return [Problem(str(target), 0, _("没有这个文件或文件夹"))]
        target = found
    return list(_resolved(target)[1])


def _resolved(target: Path) -> tuple[Pack | None, tuple[Problem, ...]]:
    return _resolved_chain(target)[1:]


def _resolved_chain(target: Path) -> tuple[list[Local], Pack | None, tuple[Problem, ...]]:
    from auditor.packs.resolve import chain_of

    chain, problems = chain_of(target, _local, locate)
    own = tuple(p for local in chain for p in local.problems)
    if problems or own:
        return chain, None, (*own, *problems)
    return (chain, *_merged(tuple(chain)))


@lru_cache(maxsize=32)
def _merged(chain: tuple[Local, ...]) -> tuple[Pack | None, tuple[Problem, ...]]:
    from auditor.packs.resolve import merge

    return merge(chain)


def _local(target: Path) -> Local:
    # The language is part of the key: a checked folder keeps its problems' wording.
    return _cached(str(target), _signature(target), language())


def validate_paths(paths: list[str]) -> list[Problem]:
    """Problems for `auditor rules validate PATH...`.

    A folder is validated as a pack. Loose files are grouped by folder, and each group is one
    id namespace: a shell glob over one pack still catches ids duplicated across its files.
    """
    from auditor.packs.nodes import Problem

    problems: list[Problem] = []
    groups: dict[Path, tuple[list[Path], list[Path]]] = {}
    for raw in paths:
        target = Path(raw)
        if target.is_dir():
            problems += validate_pack(target)
        elif not target.exists() and raw in shipped_packs():
            problems += validate_pack(shipped_packs()[raw])
        elif not target.exists():
            problems.append(Problem(raw, 0, _("没有这个文件或文件夹")))
        elif target.suffix not in (".yaml", ".yml"):
            problems.append(Problem(raw, 0, _("不是规则文件（应为 .yaml）")))
        else:
            metas, areas = groups.setdefault(target.resolve().parent, ([], []))
            (metas if target.name == META else areas).append(target)
    for folder, (metas, areas) in groups.items():
        found = list(_check(metas[0] if metas else None, _unique(areas))[3])
        if not found and (folder / META).is_file():
            # Whether an id is inherited, or a namespace taken, is known only with the chain;
            # report what the chain finds in the files given (and pack.yaml's links if given).
            given = {str(f.resolve()) for f in (*metas, *areas)}
            found = [p for p in validate_pack(folder) if str(Path(p.path).resolve()) in given]
        problems += found
    return list(dict.fromkeys(problems))


def _unique(files: list[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for f in files:
        seen.setdefault(f.resolve(), f)
    return sorted(seen.values(), key=lambda p: p.name)


def _signature(target: Path) -> tuple:
    """What must change for a cached pack to be stale: every rule file's name, mtime and size."""
    if target.name == META and target.is_file():
        target = target.parent
    try:
        if target.is_dir():
            entries = [e for e in os.scandir(target) if e.name.endswith((".yaml", ".yml"))]
            stats = sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries)
        else:
            st = target.stat()
            stats = [(target.name, st.st_mtime_ns, st.st_size)]
    except OSError as exc:
        raise AuditorError(_("没有这个规则包（{error}）").format(
            error=exc.strerror or exc), str(target)) from None
    return (str(target.resolve()), tuple(stats))


@lru_cache(maxsize=32)
def _cached(display: str, signature: tuple, lang: str = "") -> Local:
    """One folder (or single area file) checked on its own, not yet resolved."""
    from auditor.packs.meta import PackMeta
    from auditor.packs.nodes import Problem
    from auditor.packs.resolve import Local

    target = Path(display)
    if target.name == META and target.is_file():
        target = target.parent
    if not target.is_dir():  # a single area file is a pack of its own, named after the file
        meta, area, rules, problems = _check(None, [target])
        return Local(str(target), PackMeta(id=target.stem), rules, problems, area)
    areas = []
    extra: list[Problem] = []
    for entry in sorted(target.iterdir(), key=lambda p: p.name):
        if entry.name in NOT_AREAS or entry.name.startswith(".") or not entry.is_file():
            continue
        if entry.suffix == ".yaml":
            areas.append(entry)
        elif entry.suffix == ".yml":
            extra.append(Problem(str(entry), 0, _("规则文件须以 .yaml 结尾；此文件已忽略")))
    meta_file = target / META if (target / META).is_file() else None
    meta, _area, rules, problems = _check(meta_file, areas)
    builds_on = meta.extends or meta.disable or meta.overrides  # may have no items of its own
    if not areas and not builds_on:
        extra.append(Problem(str(target), 0, _("此文件夹中没有领域文件（pack.yaml 以外的 *.yaml）")))
    elif not rules and not problems and not builds_on:
        extra.append(Problem(str(target), 0, _("规则包中没有事项")))
    meta = meta if meta.id else dataclasses.replace(meta, id=target.name)
    return Local(str(target), meta, rules, (*problems, *extra), target.name)


def _check(meta_file: Path | None, area_files: list[Path]
           ) -> tuple[PackMeta, str, tuple[Rule, ...], tuple[Problem, ...]]:
    """Validate pack.yaml and area files together, so ids are unique across the whole pack.

    Returns pack metadata, the last area heading, the rules in file order, and all problems.
    """
    from auditor.packs.meta import PackMeta, check_pack_meta
    from auditor.packs.nodes import Checker, Problem
    from auditor.packs.schema import check_area_file, check_parts

    problems: list[Problem] = []
    meta = PackMeta()
    if meta_file is not None:
        chk = Checker(str(meta_file), problems)
        node = _compose_file(meta_file, chk)
        if node is not False:
            meta = check_pack_meta(node, chk)
    rules: list[Rule] = []
    ids: dict[str, tuple[str, int]] = {}
    area = ""
    for path in area_files:
        start = len(problems)
        chk = Checker(str(path), problems)
        node = _compose_file(path, chk)
        if node is not False:
            area, found = check_area_file(node, chk, ids)
            rules += found
        problems[start:] = sorted(problems[start:], key=lambda p: p.line)  # stable: read in line order
    problems += [Problem(path, line, message) for path, line, message in check_parts(rules)]
    return meta, area, tuple(rules), tuple(problems)


def _compose_file(path: Path, chk: Checker) -> yaml.Node | bool | None:
    """The file's node tree, None for an empty file, False when unreadable (problem recorded)."""
    import yaml

    from auditor.packs.nodes import compose

    try:
        data = path.read_bytes()
    except OSError as exc:
        chk.error(0, _("无法读取文件：{error}").format(error=exc.strerror or exc))
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        chk.error(data[: exc.start].count(b"\n") + 1, _("文件不是 UTF-8 文本"))
        return False
    try:
        return compose(text)
    except yaml.MarkedYAMLError as exc:
        lines = text.splitlines()
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and mark.line >= len(lines) and exc.context_mark is not None:
            mark = exc.context_mark  # ran off the end: where the unclosed thing began helps more
        line = mark.line + 1 if mark is not None else 0
        # PyYAML's own words (exc.problem, exc.context) stay English: they are its messages.
        message = _("YAML 语法错误：{problem}").format(problem=exc.problem or exc.context)
        if exc.context and exc.problem and exc.context_mark is not None:
            message += _("（{context}，第 {line} 行）").format(
                context=exc.context, line=exc.context_mark.line + 1)
        if 0 < line <= len(lines) and lines[line - 1].strip():
            message += _("，位于 `{text}`").format(text=lines[line - 1].strip()[:80])
        chk.error(line, message)
    except yaml.YAMLError as exc:
        chk.error(0, _("YAML 错误：{error}").format(error=exc))
    return False

"""Resolution: an `extends` chain of checked pack folders -> one merged, frozen Pack.

The YAML checks (schema.py, meta.py) look at one folder at a time. Everything that needs the
inherited items is decided here: that `extends` names a pack that exists and does not loop,
that `disable` and `overrides` name items the chain really has, and that no pack redefines an
item another pack of the chain defines. Every such problem points at the line to fix. A chain
with any problem yields no Pack at all, so no audit ever runs on a half-loaded pack.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor.i18n import _
from auditor.packs.meta import Override, PackMeta
from auditor.packs.nodes import Problem
from auditor.packs.schema import phrase_key
from auditor.packs.spec import Pack, PackRef, Rule


@dataclass(eq=False)  # identity hash: the loader caches these, so a chain is a cache key
class Local:
    """One pack folder (or single area file) as checked on its own, before resolution."""

    path: str  # the folder, or the single area file
    meta: PackMeta
    rules: tuple[Rule, ...]
    problems: tuple[Problem, ...]
    default_title: str = ""  # folder name, or a single file's area heading

    @property
    def id(self) -> str:
        return self.meta.id or Path(self.path).stem

    @property
    def folder(self) -> Path:
        p = Path(self.path)
        return p if p.is_dir() else p.parent


Reader = Callable[[Path], Local]
Locator = Callable[[str, Path], "Path | None"]


def chain_of(target: Path, read: Reader, locate: Locator) -> tuple[list[Local], list[Problem]]:
    """The pack and every pack it extends, child first; problems of the `extends` links."""
    chain = [read(target)]
    seen = {_key(target): chain[0].id}
    problems: list[Problem] = []
    while chain[-1].meta.extends:
        child = chain[-1]
        ref = child.meta.extends
        here = (child.meta.file, child.meta.extends_line)
        parent = locate(ref, child.folder)
        if parent is None:
            problems.append(Problem(*here, _("extends: 找不到规则包 '{ref}'（既不是内置规则包编号，"
                                             "也不是相对 {folder} 的规则包目录）").format(
                ref=ref, folder=child.folder)))
            break
        if _key(parent) in seen:
            loop = " → ".join([*(c.id for c in chain), seen[_key(parent)]])
            problems.append(Problem(*here, _("extends 成环：{loop}").format(loop=loop)))
            break
        chain.append(read(parent))
        seen[_key(parent)] = chain[-1].id
    return chain, problems


def _key(path: Path) -> Path:
    path = path.resolve()
    return path.parent if path.name == "pack.yaml" else path


def merge(chain: tuple[Local, ...]) -> tuple[Pack | None, tuple[Problem, ...]]:
    """Apply the chain root first: each pack switches off, overrides, then adds items."""
    state = _Merge()
    for depth, local in enumerate(reversed(chain)):
        state.disable(local)
        state.override(local)
        state.add(local, inherited=depth > 0)
    if state.problems:
        return None, tuple(state.problems)
    top, parents = chain[0], tuple(chain[1:])
    rules = _drop_disabled_parts([state.in_force[i] for i in state.order if i in state.in_force],
                                 set(state.disabled))
    pack = Pack(id=top.id, title=top.meta.title or top.default_title, version=top.meta.version or "",
                rules=tuple(rules), path=top.path, description=top.meta.description,
                extends=tuple(PackRef(p.id, p.meta.version or "", p.path) for p in parents),
                disabled=tuple(state.disabled))
    return pack, ()


class _Merge:
    """The items in force while a chain is applied, and every problem found on the way."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.in_force: dict[str, Rule] = {}
        self.defined: dict[str, Rule] = {}  # every id any pack of the chain defined, disabled or not
        self.disabled: dict[str, str] = {}  # id -> the pack that switched it off
        self.order: list[str] = []  # ids in output order (disabled ones are filtered at the end)
        self.areas: dict[str, str] = {}

    def disable(self, local: Local) -> None:
        for item, line in local.meta.disable:
            if item in self.in_force:
                del self.in_force[item]
                self.disabled[item] = local.id
            elif item in self.disabled:
                self.problems.append(Problem(local.meta.file, line, _(
                    "disable: 事项 '{id}' 已被规则包 {pack} 关闭").format(id=item, pack=self.disabled[item])))
            else:
                self.problems.append(Problem(local.meta.file, line, _unknown(item, local, "disable")))

    def override(self, local: Local) -> None:
        for ov in local.meta.overrides:
            message = ""
            if ov.item in self.in_force:
                changed, message = _override(self.in_force[ov.item], ov, local)
                if not message:
                    self.in_force[ov.item] = changed
            elif ov.item in self.disabled:
                message = _("overrides: 事项 '{id}' 已被规则包 {pack} 关闭，不能再修改").format(
                    id=ov.item, pack=self.disabled[ov.item])
            else:
                message = _unknown(ov.item, local, "overrides")
            if message:
                self.problems.append(Problem(local.meta.file, ov.line, message))

    def add(self, local: Local, inherited: bool) -> None:
        namespaces = {r.id.split(".")[0]: r for r in self.defined.values()} if inherited else {}
        for rule in local.rules:
            first = self.defined.get(rule.id)
            ns, name = rule.id.split(".", 1)
            if first is not None:
                self.problems.append(Problem(rule.file, rule.line, _(
                    "事项 '{id}' 已由规则包 {pack} 定义（{file}:{line}）；继承的事项不能重新定义，"
                    "请在 pack.yaml 的 overrides 中修改").format(
                    id=rule.id, pack=first.pack, file=first.file, line=first.line)))
            elif ns in namespaces:
                self.problems.append(Problem(rule.file, rule.line, _(
                    "事项 '{id}' 用了继承的规则包 {pack} 的命名空间 '{ns}'；本规则包的事项请用"
                    "自己的命名空间（例如 local.{name}），以免与上级规则包以后新增的事项冲突").format(
                    id=rule.id, pack=namespaces[ns].pack, ns=ns, name=name)))
            else:
                rule = dataclasses.replace(rule, pack=local.id)
                self.defined[rule.id] = self.in_force[rule.id] = rule
                self._place(rule, inherited)

    def _place(self, rule: Rule, inherited: bool) -> None:
        """Inherited items keep their order; a pack's own item joins the end of its area when
        an inherited pack has that area heading (scorecards group by area), else goes last."""
        same = [i for i, rid in enumerate(self.order) if self.areas[rid] == rule.area]
        self.order.insert(same[-1] + 1 if inherited and same else len(self.order), rule.id)
        self.areas[rule.id] = rule.area


def _unknown(item: str, local: Local, field: str) -> str:
    return _("{field}: 继承的规则包里没有事项 '{id}'（规则包 {pack} 继承自 {parent}）").format(
        field=field, id=item, pack=local.id, parent=local.meta.extends or _("（无）"))


def _override(rule: Rule, ov: Override, local: Local) -> tuple[Rule, str]:
    """The rule with the override applied, or a message saying why it cannot be."""
    changes: dict[str, object] = {}
    for name in ("weight", "key", "applies_to", "title"):
        if getattr(ov, name) is not None:
            changes[name] = getattr(ov, name)
    if ov.phrases:
        if not (rule.match.any or rule.match.patterns):
            # A phrase on the item itself would stand for all its facets at once.
            return rule, _("overrides {id} phrases: 该事项只有分面（facets），没有可追加锚定词的 match；"
                           "请在本规则包中另建事项").format(id=rule.id)
        have = {phrase_key(p) for p in rule.match.any}
        twice = [p for p in ov.phrases if phrase_key(p) in have]
        if twice:
            return rule, _("overrides {id} phrases: '{phrase}' 已是该事项的锚定词").format(
                id=rule.id, phrase=twice[0])
        changes["match"] = dataclasses.replace(rule.match, any=rule.match.any + ov.phrases)
    changes["changed_by"] = (*rule.changed_by, f"{local.meta.file}:{ov.line}")
    return dataclasses.replace(rule, **changes), ""  # type: ignore[arg-type]


def _drop_disabled_parts(rules: list[Rule], disabled: set[str]) -> list[Rule]:
    """An umbrella item (one with `parts`, issue 7) loses the parts that were switched off, and
    is then judged on the parts still in force; disabling the umbrella leaves its parts alone."""
    out = []
    for rule in rules:
        parts = getattr(rule, "parts", None)
        if parts and disabled.intersection(parts):
            rule = dataclasses.replace(rule, parts=tuple(p for p in parts if p not in disabled))
        out.append(rule)
    return out

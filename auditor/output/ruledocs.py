"""docs/rules/<pack>.md, one page per pack, generated so the documentation cannot go stale
(`auditor rules docs -o docs/rules/`; tests/test_project.py fails when a page is out of date).

A pack that extends another documents only what it changes (switched-off items, overrides)
and its own items in full, and links to its parent's page for the rest.
"""

from __future__ import annotations

from pathlib import Path

from auditor.i18n import _
from auditor.output.rulelist import applies_label, example_label, match_lines
from auditor.packs.spec import Pack, Rule


def _short(path: str) -> str:
    """`pack-folder/file.yaml[:line]`: stable wherever the checkout or the install lives."""
    where, _sep, line = path.rpartition(":") if path.rpartition(":")[2].isdigit() else (path, "", "")
    p = Path(where)
    return f"{p.parent.name}/{p.name}" + (f":{line}" if line else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _item(rule: Rule, titles: dict[str, str]) -> list[str]:
    facts = [_("依据：{v}").format(v=rule.source), _("权重 {w:g}").format(w=rule.weight)]
    if rule.key:
        facts.append(_("★ 重点事项"))
    facts += [_("适用：{v}").format(v=applies_label(rule.applies_to)),
              _("定义于 `{where}`").format(where=_short(f"{rule.file}:{rule.line}"))]
    lines = [f"### `{rule.id}` {rule.title}", "", " · ".join(facts), ""]
    parts = getattr(rule, "parts", None)
    if parts:
        lines += ["- " + _("组成部分：{v}").format(v="、".join(f"`{p}` {titles.get(p, '')}" for p in parts))]
    if rule.match.any or rule.match.patterns:
        lines += ["- " + line for line in match_lines(rule.match)]
    for facet in rule.facets:
        lines.append("- " + _("分面 **{name}**：").format(name=facet.name))
        lines += ["  - " + line for line in match_lines(facet.match)]
    if rule.shortcoming:
        lines.append("- " + _("不足表述："))
        lines += ["  - " + line for line in match_lines(rule.shortcoming)]
    if rule.examples:
        lines.append("- " + _("例句："))
        lines += [f"  - {example_label(e.status)}{_('：')}{e.text}" for e in rule.examples]
    return [*lines, ""]


def render_pack_page(pack: Pack, base: Pack | None = None) -> str:
    """The page of ``pack``; ``base`` is the pack it extends (resolved), to name what changed."""
    lines = [f"# {pack.title}", "",
             _("规则包 `{id}`，版本 {version}，共 {n} 项。由 `auditor rules docs -o docs/rules/` 生成，"
               "请勿手工编辑。").format(id=pack.id, version=pack.version or "-", n=len(pack.rules)), ""]
    if pack.description:
        lines += [pack.description.strip(), ""]
    titles = {r.id: r.title for r in (*(base.rules if base else ()), *pack.rules)}
    own = [r for r in pack.rules if r.pack == pack.id]
    if pack.extends:
        parent = pack.extends[0]
        chain = " ← ".join(f"[`{p.id}`]({p.id}.md) v{p.version}" for p in pack.extends)
        lines += [_("## 继承"), "", _("继承自：{chain}。").format(chain=chain), ""]
        mine = [d for d in pack.disabled if base is None or d not in base.disabled]
        if mine:
            lines += [_("### 关闭的事项"), ""]
            lines += [f"- `{d}` {titles.get(d, '')}" for d in mine]
            lines.append("")
        changed = [r for r in pack.rules if r.pack != pack.id and _changed_here(r, base)]
        if changed:
            lines += [_("### 修改的事项"), "", "| " + " | ".join([
                _("编号"), _("事项"), _("权重"), _("重点"), _("适用"), _("追加锚定词")]) + " |",
                "|---|---|---|---|---|---|"]
            for r in changed:
                before = {b.id: b for b in base.rules}[r.id] if base else r
                extra = [p for p in r.match.any if p not in before.match.any]
                lines.append(f"| `{r.id}` | {_cell(r.title)} | {r.weight:g} | {'★' if r.key else ''} | "
                             f"{applies_label(r.applies_to)} | {_cell('、'.join(extra))} |")
            lines.append("")
        lines += [_("其余 {n} 个继承事项见 [`{id}`]({id}.md)。").format(
            n=len(pack.rules) - len(own), id=parent.id), ""]
    if own:
        lines += [_("## 本规则包的事项"), ""] if pack.extends else []
        head = [_("编号"), _("事项"), _("领域"), _("依据"), _("权重"), _("重点")]
        lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|---|---|"]
        lines += [f"| `{r.id}` | {_cell(r.title)} | {_cell(r.area)} | "
                  f"{_cell(r.source)} | {r.weight:g} | {'★' if r.key else ''} |" for r in own]
        lines.append("")
        area = None
        for rule in own:
            if rule.area != area:
                area = rule.area
                lines += [f"## {area}", ""]
            lines += _item(rule, titles)
    return "\n".join(lines).rstrip("\n") + "\n"


def _changed_here(rule: Rule, base: Pack | None) -> bool:
    if base is None:
        return bool(rule.changed_by)
    before = {b.id: b for b in base.rules}.get(rule.id)
    return before is not None and before != rule


def render_index(packs: list[Pack]) -> str:
    lines = [_("# 规则包"), "", _("由 `auditor rules docs -o docs/rules/` 生成，请勿手工编辑。"
                                   "规则包的写法见 [../rules.md](../rules.md)。"), "",
             "| " + " | ".join([_("规则包"), _("名称"), _("版本"), _("继承自"), _("事项数")]) + " |",
             "|---|---|---|---|---|"]
    for p in packs:
        parent = f"`{p.extends[0].id}`" if p.extends else ""
        lines.append(f"| [`{p.id}`]({p.id}.md) | {_cell(p.title)} | {p.version} | {parent} | "
                     f"{len(p.rules)} |")
    return "\n".join(lines) + "\n"


def render_docs(packs: list[tuple[Pack, Pack | None]]) -> dict[str, str]:
    """File name -> page text, for every (pack, the pack it extends) given, plus README.md."""
    pages = {f"{p.id}.md": render_pack_page(p, base) for p, base in packs}
    pages["README.md"] = render_index([p for p, _base in packs])
    return pages

"""A rule's own `examples`, run through the real reader and matcher.

One place decides whether an example passes, so `auditor rules test` (for pack authors) and
tests/test_rule_cases.py (for us) can never disagree about it. Each example is read as a
one-sentence report, so the reader labels it (achievement / plan / gap) exactly as it would
in a real report, and the whole pack is matched against it: a failure can then say which
other items the sentence lit up instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.i18n import _
from auditor.matching import match_document
from auditor.model import GAP, MENTION, Evidence
from auditor.packs.spec import Example, Pack, Rule
from auditor.reading import read_text

SNIPPET = 16


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    example: Example
    problem: str  # "" when the example behaves as written; else what was found instead

    @property
    def ok(self) -> bool:
        return not self.problem


def judge(evidence: list[Evidence], should_match: bool, kind: str | None = None,
          others: list[str] | None = None) -> str:
    """"" when ``evidence`` is what the example expects, else what was found instead.

    ``kind`` (achievement / plan / gap / mention) additionally requires every piece of evidence to be of
    that kind; ``others`` are the other items the sentence matched, named when nothing did here.
    """
    # A sentence that only names the item (a mention, issue 7) is not a match, unless the
    # example asks for exactly that.
    evidence = [e for e in evidence if e.kind != MENTION or kind == MENTION]
    if should_match and not evidence:
        lit = _("、").join(others or ())
        return _("没有证据；这句话命中的是：{items}").format(items=lit) if lit else _(
            "没有证据；这句话没有命中任何事项")
    if not should_match and evidence:
        return _("不应命中却找到证据：{found}").format(found=_("；").join(_describe(e) for e in evidence[:3]))
    kinds = {e.kind for e in evidence}
    if kind and should_match and kinds != {kind}:
        return _("证据类型是 {got}，应为 {want}：{found}").format(
            got=_("、").join(sorted(kinds)), want=kind,
            found=_("；").join(_describe(e) for e in evidence[:3]))
    return ""


def _describe(ev: Evidence) -> str:
    start = max(0, ev.offset - 4)
    part = ev.text[start:start + SNIPPET]
    lead = "…" if start else ""
    tail = "…" if start + SNIPPET < len(ev.text) else ""
    facet = _("，分面 {facet}").format(facet=ev.facet) if ev.facet else ""
    return _("「{text}」（{kind}{facet}，匹配分 {score}）").format(
        text=lead + part + tail, kind=ev.kind, facet=facet, score=ev.score)


def check_example(pack: Pack, rule: Rule, example: Example) -> Outcome:
    found = match_document(read_text(example.text), pack)
    others = [rid for rid, ev in found.items() if ev and rid != rule.id]
    kind = GAP if example.status == "gap" else None
    return Outcome(rule, example, judge(found[rule.id], example.status != "fail", kind, others))


def run_examples(pack: Pack) -> list[Outcome]:
    """Every example of every item in force, in pack order."""
    return [check_example(pack, rule, ex) for rule in pack.rules for ex in rule.examples]

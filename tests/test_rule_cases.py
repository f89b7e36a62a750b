"""Every rule's own pass/fail examples, plus the case files in tests/rule_cases/, run through
the real reader and matcher (one parametrized test, sqlfluff std_rule_cases style). Whether an
example passes is decided by auditor.matching.examples, the code `auditor rules test` runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor.matching import match_document
from auditor.matching.examples import check_example, judge
from auditor.packs import load_pack, shipped_packs
from auditor.pipeline import audit_document
from auditor.reading import read_text

PACK = load_pack(None)
CASES_DIR = Path(__file__).parent / "rule_cases"
# Status-level cases (expect: covered|mentioned|planned|missing, issue 7): run by
# test_status_case below, so the match/no_match test leaves them out.
STATUS_CASE_FILES = {"traps.yaml"}


def _pack_examples() -> list:
    """The examples of every shipped pack (an extending pack tests its own items and the
    inherited ones under its overrides)."""
    out = []
    for pack_id in shipped_packs():
        pack = load_pack(pack_id)
        for rule in pack.rules:
            if pack.extends and rule.pack != pack.id and not rule.changed_by:
                continue  # inherited unchanged: its own pack's run covers it
            for n, ex in enumerate(rule.examples):
                out.append(pytest.param(pack, rule, ex, id=f"{pack.id}-{rule.id}-{ex.status}-{n}"))
    return out


@pytest.mark.parametrize(("pack", "rule", "example"), _pack_examples())
def test_pack_example(pack, rule, example) -> None:
    outcome = check_example(pack, rule, example)
    assert outcome.ok, f"{rule.file}:{example.line}: {rule.id} {example.status}: {example.text}\n" \
        f"  {outcome.problem}"


def _case_files() -> list:
    """tests/rule_cases/*.yaml: {item, text, expect: match|no_match, kind: achievement|plan|gap}."""
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        if path.name in STATUS_CASE_FILES:
            continue
        for n, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            out.append(pytest.param(case["item"], case["text"], case["expect"] == "match",
                                    case.get("kind"), id=f"{path.stem}-{n}-{case['item']}"))
    return out


@pytest.mark.parametrize(("item", "text", "should_match", "kind"), _case_files())
def test_rule_case(item: str, text: str, should_match: bool, kind: str | None) -> None:
    problem = judge(match_document(read_text(text), PACK)[item], should_match, kind)
    assert not problem, f"{item} {'should' if should_match else 'should not'} match: {text}\n  {problem}"


# Known limits, kept visible (strict: they fail the suite once fixed, so the mark goes too).
# A one-sentence report has no title, so its level is guessed from the sentence itself: 市委…
# reads as a city's report (its own act).  With a title (the dev set, real reports) the same
# sentence is a superior's context.  (省政府办公厅下发通知，要求各地…完成规范性文件清理 was the
# other: what 各地 are required to do is now a mention whoever requires it, acts.frames.)
LEVEL_GUESSED = {("leadership.inspection_assessment", "市委依法治市办对各市直部门")}


def _status_cases() -> list:
    out = []
    for name in sorted(STATUS_CASE_FILES):
        path = CASES_DIR / name
        for n, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            limit = any(case["item"] == i and case["text"].startswith(t) for i, t in LEVEL_GUESSED)
            marks = [pytest.mark.xfail(strict=True, reason="level guessed from one sentence")
                     ] if limit else []
            out.append(pytest.param(case["item"], case["text"], case["expect"], case.get("gap"),
                                    id=f"{path.stem}-{n}-{case.get('trap', '')}-{case['item']}",
                                    marks=marks))
    return out


@pytest.mark.parametrize(("item", "text", "expect", "gap"), _status_cases())
def test_status_case(item: str, text: str, expect: str, gap: bool | None) -> None:
    """Item status of a one-sentence (or heading + sentence) report; partial counts as covered."""
    result = audit_document(read_text(text), PACK)
    got = next(i for i in result.items if i.id == item)
    status = "covered" if got.status == "partial" else got.status
    assert status == expect, f"{item}: {got.status}, expected {expect}: {text}"
    if gap is not None:
        assert got.gap_admitted == gap, f"{item}: gap_admitted {got.gap_admitted}: {text}"

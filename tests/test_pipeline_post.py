"""The per-report post-step: how export adds the check's findings without the core audit knowing
checking/ exists. Real sample reports, real worker processes."""

from __future__ import annotations

import dataclasses

import pytest

from auditor.batch import audit_many
from auditor.errors import AuditorError
from auditor.model import ReportResult
from auditor.packs import load_pack
from auditor.reading.document import Document

SAMPLES = ["reports/huozhou-2023.txt", "reports/luoding-2021.txt", "reports/shanxi-province-2021.txt"]


def note_length(doc: Document, result: ReportResult) -> ReportResult:
    """Module-level, so it pickles into the workers by name."""
    return dataclasses.replace(result, meta={**result.meta, "doc_chars": len(doc.text)})


def refuse_luoding(doc: Document, result: ReportResult) -> ReportResult:
    if "luoding" in doc.path:
        raise AuditorError("bad .auditor.yaml next to this report", path="reports/.auditor.yaml", line=3)
    return result


@pytest.mark.parametrize("jobs", [1, 2])
def test_post_steps_run_in_order_in_the_workers(jobs: int) -> None:
    pack = load_pack(None)
    plain, _ = audit_many(SAMPLES, pack, jobs=jobs)
    reports, errors = audit_many(SAMPLES, pack, jobs=jobs, post=(note_length, refuse_luoding))
    assert [e.path for e in errors] == ["reports/luoding-2021.txt"]
    assert errors[0].message == "reports/.auditor.yaml:3: bad .auditor.yaml next to this report"
    assert [r.path for r in reports] == [SAMPLES[0], SAMPLES[2]]
    for r in reports:
        before = next(p for p in plain if p.path == r.path)
        assert r.meta["doc_chars"] > 1000
        assert r.items == before.items and r.score == before.score  # the audit itself unchanged
        assert "doc_chars" not in before.meta


def test_export_post_step_is_the_check() -> None:
    """The step export passes: each record carries what `auditor check` finds in that report."""
    from auditor.checking.run import with_findings

    reports, errors = audit_many(SAMPLES[:1], load_pack(None), jobs=1, post=with_findings)
    assert not errors
    ids = {f["id"] for f in reports[0].meta["findings"]}
    # huozhou-2023 misses key items and a mandated part, and carries web-page chrome
    assert {"item.missing", "structure.missing", "draft.page_chrome"} <= ids

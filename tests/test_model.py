"""Evidence, ItemResult, Gap and StructurePart have a hand-written __init__ (one dict store a
field instead of one object.__setattr__ per field, issue 12): it must stay in step with the
fields, and the records must stay frozen, comparable, hashable, replaceable and picklable like any
frozen dataclass."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from auditor.model import Evidence, Gap, ItemResult, StructurePart


@pytest.mark.parametrize("cls", [Evidence, ItemResult, Gap, StructurePart])
def test_init_takes_exactly_the_fields_with_their_defaults(cls: type) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]


def test_records_behave_as_frozen_dataclasses() -> None:
    e = Evidence(item="A01", line=3, kind="achievement", section="一、", text="制定清单。", score=100,
                 facet="", sentence=2, offset=0, length=2, concrete=True)
    assert dataclasses.asdict(e)["concrete"] is True and e.length == 2
    assert e == Evidence("A01", 3, "achievement", "一、", "制定清单。", 100, "", 2, 0, 2, True)
    assert hash(e) == hash(dataclasses.replace(e)) and dataclasses.replace(e, score=90).score == 90
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.score = 1  # type: ignore[misc]
    item = ItemResult("A01", "标题", "领域", True, 1.0, "covered", False, 100, (e,))
    assert pickle.loads(pickle.dumps(item)) == item
    assert item.facets_all == () and item.waived is None
    assert repr(e).startswith("Evidence(item='A01', line=3,")


def test_small_records_behave_as_frozen_dataclasses() -> None:
    gap = Gap(4, "执法人员不足。", ("A01",))
    assert gap == Gap(line=4, text="执法人员不足。", items=("A01",)) and Gap(1, "x").items == ()
    part = StructurePart("S1", True, 3, "一、")
    assert part == StructurePart(id="S1", present=True, line=3, heading="一、")
    assert StructurePart("S2", False).line is None and StructurePart("S2", False).heading is None
    for record in (gap, part):
        assert pickle.loads(pickle.dumps(record)) == record
        assert hash(record) == hash(dataclasses.replace(record))
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.line = 1  # type: ignore[misc]
    assert repr(gap) == "Gap(line=4, text='执法人员不足。', items=('A01',))"

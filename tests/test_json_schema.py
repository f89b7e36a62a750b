"""Real `audit -f json` output validates against the versioned schema in docs/schema/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.render import run_cli

SCHEMA = json.loads(Path("docs/schema/audit-2.0.json").read_text(encoding="utf-8"))


def test_all_samples_validate(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    code, out, _ = run_cli("audit", *sorted(str(p) for p in Path("reports").glob("*.txt")),
                           str(missing), "-f", "json")
    assert code == 2
    doc = json.loads(out)
    jsonschema.Draft7Validator(SCHEMA).validate(doc)
    assert len(doc["reports"]) == 5 and len(doc["errors"]) == 1


def test_schema_rejects_a_bad_status() -> None:
    _, out, _ = run_cli("audit", "reports/huozhou-2023.txt", "-f", "json")
    doc = json.loads(out)
    doc["reports"][0]["items"][0]["status"] = "done"
    errors = list(jsonschema.Draft7Validator(SCHEMA).iter_errors(doc))
    assert errors and "done" in errors[0].message

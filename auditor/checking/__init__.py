"""`auditor check`: pass/fail for CI on top of the core audit (docs/check.md).

config (discovery, file:line errors) -> findings (hygiene + thresholds) -> waivers -> baseline ->
policy (pass/fail) -> run (one JSON document that every check format renders).

Imports point one way (tests/test_layering.py): findings is the base (Finding, CATALOG, the
thresholds, and the ``Policy`` protocol for what they read of a config); waivers, policy,
baseline and hygiene build on it; config on findings and waivers; run on all of them. The core
audit (reading, matching, scoring, pipeline, batch) never imports this package: export passes
run.with_findings to the batch as a per-report post-step.
"""

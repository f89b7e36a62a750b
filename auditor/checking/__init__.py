"""`auditor check`: pass/fail for CI on top of the core audit (docs/check.md).

config (discovery, file:line errors) -> findings (hygiene + thresholds) -> waivers -> baseline ->
policy (pass/fail) -> run (one JSON document that every check format renders).
"""

"""auditor: audit 法治政府建设年度报告 against the 纲要 (2021—2025) rule packs."""

__version__ = "0.1.0"

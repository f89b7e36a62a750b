"""The Chinese words every output uses for ids: one vocabulary, so the scorecard, the
spreadsheet, SARIF and the findings never call the same thing by two names."""

from __future__ import annotations

STATUS_LABELS = {
    "covered": "已覆盖",
    "partial": "部分",
    "planned": "仅计划",
    "mentioned": "仅提及",
    "missing": "缺失",
    "not_applicable": "不适用",
}
KIND_LABELS = {"achievement": "成效", "plan": "计划", "gap": "不足", "mention": "提及"}
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇(街道)",
               "department": "政府部门"}
# The five mandated parts: full titles (督察工作规定) and the short forms tables have room for.
PART_TITLES = {
    "structure.achievements": "上一年度推进法治政府建设的主要举措和成效",
    "structure.shortcomings": "存在的不足",
    "structure.shortcoming_reasons": "不足的原因",
    "structure.first_responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "structure.next_year": "下一年度推进法治政府建设的主要安排",
}
PART_SHORT = {
    "structure.achievements": "举措和成效",
    "structure.shortcomings": "存在的不足",
    "structure.shortcoming_reasons": "不足的原因",
    "structure.first_responsible": "第一责任人职责",
    "structure.next_year": "下一年度安排",
}

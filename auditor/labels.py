"""The Chinese words every output uses for ids: one vocabulary, so the scorecard, the
spreadsheet, SARIF and the findings never call the same thing by two names.

The dicts hold Chinese message ids (``N_`` marks them for the catalog without translating at
import time); read them through the functions below, which translate at call time and fall back
to the id for a key they do not know yet, so a new status or kind slots in everywhere at once.
"""

from __future__ import annotations

from auditor.i18n import N_, _

STATUS_LABELS = {
    "covered": N_("已覆盖"),
    "partial": N_("部分"),
    "planned": N_("仅计划"),
    "mentioned": N_("仅提及"),
    "missing": N_("缺失"),
    "not_applicable": N_("不适用"),
}
KIND_LABELS = {"achievement": N_("成效"), "plan": N_("计划"), "gap": N_("不足"), "mention": N_("提及")}
LEVEL_NAMES = {"province": N_("省级"), "city": N_("市级"), "county": N_("县级"), "township": N_("乡镇(街道)"),
               "department": N_("政府部门")}
# The five mandated parts: full titles (督察工作规定) and the short forms tables have room for.
PART_TITLES = {
    "structure.achievements": N_("上一年度推进法治政府建设的主要举措和成效"),
    "structure.shortcomings": N_("存在的不足"),
    "structure.shortcoming_reasons": N_("不足的原因"),
    "structure.first_responsible": N_("党政主要负责人履行推进法治建设第一责任人职责情况"),
    "structure.next_year": N_("下一年度推进法治政府建设的主要安排"),
}
PART_SHORT = {
    "structure.achievements": N_("举措和成效"),
    "structure.shortcomings": N_("存在的不足"),
    "structure.shortcoming_reasons": N_("不足的原因"),
    "structure.first_responsible": N_("第一责任人职责"),
    "structure.next_year": N_("下一年度安排"),
}
FORMAT_NAMES = {"scorecard": N_("评分卡"), "json": "JSON", "html": "HTML", "text": N_("文本"),
                "github": "GitHub",
                "sarif": "SARIF", "junit": "JUnit"}
SEVERITY_NAMES = {"error": N_("错误"), "warning": N_("警告"), "note": N_("提示"), "never": N_("从不")}
LANGUAGE_NAMES = {"zh": N_("中文"), "en": "English"}


def _label(table: dict[str, str], key: str | None, default: str | None = None) -> str:
    if key is None or key not in table:
        return default if default is not None else (key or "")
    return _(table[key])


def status_label(status: str) -> str:
    return _label(STATUS_LABELS, status)


def kind_label(kind: str) -> str:
    return _label(KIND_LABELS, kind)


def level_label(level: str | None, default: str | None = None) -> str:
    return _label(LEVEL_NAMES, level, _("未识别") if default is None else default)


def part_label(part_id: str, short: bool = True) -> str:
    return _label(PART_SHORT if short else PART_TITLES, part_id)


def severity_label(severity: str) -> str:
    return _label(SEVERITY_NAMES, severity)


def pack_text(text: str) -> str:
    """An item title, area name or pack title, in the interface language. The shipped packs'
    words are in the catalog (scripts/i18n.py extracts them from rules/); a pack of the user's
    own has no entry and shows its words as written."""
    return _(text) if text else text


def unknown() -> str:
    """What a fact the reading could not find is shown as (never the file name instead)."""
    return _("未识别")

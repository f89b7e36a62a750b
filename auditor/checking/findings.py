"""Findings: the one list every check output format prints.

Hygiene problems, missing required items, missing parts and a low score are all Findings, so the
text, GitHub, SARIF and JUnit formatters share one shape and a waiver or baseline treats them alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from auditor.i18n import _
from auditor.labels import PART_TITLES, pack_text
from auditor.model import MENTIONED, MISSING, NOT_APPLICABLE, PLANNED, ReportResult
from auditor.snippet import snippet

SEVERITY_RANK = {"note": 0, "warning": 1, "error": 2}


class Policy(Protocol):
    """What the findings read of a check config (config.CheckConfig is one). A protocol rather
    than an import: config validates ids against CATALOG here, so this module must not depend on
    config back (no import circle in checking/, tests/test_layering.py)."""

    required: tuple[str, ...] | None
    min_score: float
    disable: frozenset[str]
    deadline: tuple[int, int]

    def required_parts(self) -> frozenset[str]: ...

    def severity_of(self, finding_id: str, default: str) -> str: ...


@dataclass(frozen=True)
class Finding:
    id: str  # catalogue id, e.g. draft.placeholder
    severity: str  # error | warning | note
    message_zh: str
    line: int | None
    path: str
    item: str = ""  # item or structure part id for item.missing / structure.missing
    text: str = ""  # the offending text; with id/item/path it forms the baseline fingerprint
    waived: str | None = None  # waiver reason, when one applies
    baselined: bool = False  # present in the --baseline run already
    threshold: bool = False  # a pass/fail threshold (score, required item/part), fails whatever fail_on

    @property
    def active(self) -> bool:
        return self.waived is None and not self.baselined


# id -> (default severity, short title in Chinese, what it means): docs/check.md and SARIF rules.
CATALOG: dict[str, tuple[str, str, str]] = {
    "draft.placeholder": ("error", "占位符未替换",
                          "XX、××、*项、**市、〔〕、＿＿、（此处…）、TODO、待补充 left in the text"),
    "draft.title_year": ("error", "标题年份与报告年度不一致",
                         "the year in the title differs from the year reported on"),
    "draft.outdated_gangyao": ("warning", "引用已过期纲要",
                               "a report for 2021 or later cites 纲要(2015—2020年) instead of (2021—2025年)"),
    "draft.gap_no_cause": ("warning", "不足未说明原因", "shortcomings stated without their causes"),
    "draft.gap_too_short": ("warning", "不足部分过于简略",
                            "the shortcomings part is under 5% of the achievements, or one vague sentence"),
    "draft.no_figures": ("warning", "成效缺少数据", "achievements give no counts, percentages or amounts"),
    "draft.page_chrome": ("warning", "网页残留内容",
                          "navigation, copyright or 备案号 lines copied from a web page"),
    "draft.boilerplate": ("error", "转载套话残留",
                          "小编/为大家整理/供大家参考 text from a document-sharing site"),
    "draft.published_late": ("warning", "公开时间逾期",
                             "published after the deadline (督察工作规定 第二十四条: before 4月1日)"),
    "draft.part_order": ("warning", "报告结构顺序异常",
                         "the mandated parts are present but not in the usual order"),
    "draft.reused": ("warning", "与上年报告大量重复",
                     "with --previous: more of the draft than reuse_threshold (30%) repeats last year's "
                     "report, figures and place names aside"),
    "item.missing": ("error", "必查事项未覆盖", "a required item of the pack is not covered"),
    "structure.missing": ("error", "法定报告内容缺失", "a mandated report part (structure.tsv) is missing"),
    "score.below_min": ("error", "总分低于阈值", "the overall score is below min_score"),
    "substance.below_min": ("error", "实绩度低于阈值",
                            "too few items backed by a figure or a named document (min_substance)"),
    "waiver.expired": ("warning", "豁免已到期", "a waiver's until date has passed; it no longer applies"),
    "waiver.no_reason": ("error", "豁免缺少理由", "an inline waiver without a reason (ignored)"),
    "waiver.invalid": ("error", "豁免格式错误", "an inline waiver without an id or with a bad until date"),
}

PART_NAMES = PART_TITLES


def required_items(result: ReportResult, cfg: Policy) -> tuple[str, ...]:
    if cfg.required is not None:
        return cfg.required
    return tuple(i.id for i in result.items if i.key)


def threshold_findings(result: ReportResult, cfg: Policy) -> list[Finding]:
    """Score, required items and required parts, as findings that fail the report."""
    out: list[Finding] = []
    path = result.path
    if cfg.min_score and result.score < cfg.min_score:
        out.append(Finding("score.below_min", "error",
                           _("总分{got:g}低于要求的{want:g}分").format(got=result.score, want=cfg.min_score),
                           None, path,
                           "", f"min {cfg.min_score:g}", threshold=True))
    if cfg.min_substance and result.substance < cfg.min_substance:
        out.append(Finding("substance.below_min", "error",
                           _("实绩度{got:g}%低于要求的{want:g}%（有数据或文件名的事项太少）").format(
                               got=result.substance, want=cfg.min_substance), None, path,
                           "", f"min {cfg.min_substance:g}", threshold=True))
    wanted = set(required_items(result, cfg))
    for item in result.items:
        if item.id not in wanted or item.status not in (MISSING, PLANNED, MENTIONED) \
                or item.status == NOT_APPLICABLE:
            continue
        # A required item must be covered: named without an act (仅提及) fails like a plan.
        if item.status == MENTIONED:
            ev = item.evidence[0]
            how = _("仅提及，未报告已开展的工作：“{quote}”").format(
                quote=snippet(ev.text, ev.offset, ev.length, 40))
        elif item.status == PLANNED:
            how = _("仅有下一年度计划，未报告已开展的工作")
        else:
            how = _("未找到相关内容")
        line = item.evidence[0].line if item.evidence else None
        message = _("必查事项“{title}”（{id}）{how}").format(title=pack_text(item.title), id=item.id,
                                                                 how=how)
        out.append(Finding("item.missing", "error", message,
                           line, path, item.id, item.id, threshold=True))
    parts = cfg.required_parts()
    present = {s.id: s for s in result.structure}
    for part in result.structure:
        if part.present or part.id not in parts:
            continue
        if part.id == "structure.shortcoming_reasons" and not present.get(
                "structure.shortcomings", part).present:
            continue  # no shortcomings at all: one finding (shortcomings) says it
        name = _(PART_NAMES[part.id]) if part.id in PART_NAMES else part.id
        out.append(Finding("structure.missing", "error", _("缺少法定报告内容：{name}（{id}）").format(
                           name=name, id=part.id),
                           part.line, path, part.id, part.id, threshold=True))
    return out


def finalize(findings: list[Finding], cfg: Policy) -> list[Finding]:
    """Apply ``disable`` and ``severity`` from the config; keep document order."""
    import dataclasses

    out = []
    for f in findings:
        sev = cfg.severity_of(f.id, f.severity)
        if f.id in cfg.disable or sev == "off":
            continue
        out.append(dataclasses.replace(f, severity=sev) if sev != f.severity else f)
    out.sort(key=lambda f: (f.line is not None, f.line or 0))
    return out


def fingerprint(path: str, fid: str, item: str, text: str) -> str:
    """Stable across edits elsewhere: file name, id, item and the text without spaces or digits."""
    from pathlib import PurePath

    norm = re.sub(r"[\s\d]+", "", text)[:80]
    return f"{PurePath(path).name}|{fid}|{item}|{norm}"

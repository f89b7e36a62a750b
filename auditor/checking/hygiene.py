"""Draft hygiene: the slips a reviewer catches on first read, found with line numbers.

Each detector is deliberately conservative: a false alarm in CI teaches drafters to ignore the
tool, so placeholders need a placeholder *shape* (``**市``, ``*项``, ``XX县``), never a bare
asterisk in ``1366*768`` or ``XX`` inside an English word.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from auditor.checking.findings import PART_NAMES, Finding, Policy
from auditor.i18n import _
from auditor.model import ReportResult
from auditor.reading.chrome import split_lines

if TYPE_CHECKING:
    from auditor.reading.document import Document

_QUANT = "市县区省州盟旗镇乡村街局委办厅处科项个件部次名人条家所万亿余批场份期类户年月日号届"
_PLACEHOLDERS = [
    # runs of asterisks standing for a redacted name or number: **市, *项, 法治**为
    re.compile(r"(?<![0-9A-Za-z*＊])[*＊]{1,4}(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff《“（(])[*＊]{1,4}"),
    re.compile(r"(?<![A-Za-z])(?:XX+|ＸＸ+|xx+(?=[\u4e00-\u9fff]))(?![A-Za-z])"),  # XX县, 20XX年
    re.compile(r"[×Ｘ]{2,}|□{2,}|〇〇(?=[市县区省镇乡])"),
    re.compile(r"〔\s*〕|［\s*］|【\s*】|[（(]\s*[)）]"),  # empty 文号 / number brackets
    re.compile(r"_{3,}|＿{2,}"),
    re.compile(r"[（(【\[][^（）()【】\[\]\n]{0,12}(?:此处|待补充|待填|待定|待核|待更新|填写|补充数据)"
               r"[^（）()【】\[\]\n]{0,20}[）)】\]]"),
    re.compile(r"(?<![A-Za-z])(?:TODO|FIXME|TBD)(?![A-Za-z])|(?<!有)待(?:补充|填写?)(?![报表埋平])"),
]
# For each pattern above, the characters one of which every match holds: a line without any of
# them is not searched with it. Most report lines hold none, and the patterns that start with a
# look-behind are tried at every position of every line: this scan was most of the draft checks'
# cost in an export. tests/test_check_findings.py checks each gate against its pattern.
_PLACEHOLDER_GATES = [re.compile(g) for g in (
    r"[*＊]", r"[XＸx]", r"[×Ｘ□〇]", r"[〔［【（(]", r"[_＿]", r"[（(【\[]", r"[TF待]")]
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_RULE_LINE = re.compile(r"^\s*(?:[*\-_]\s*){3,}$|^\s*[*\-+]\s")  # Markdown rule / bullet marker

_CHROME = re.compile(
    r"版权所有|ICP备|ICP证|公网安备|网站标识码|网站地图|联系我们|浏览次数|【字体|字体[:：]\s*[大中小]|"
    r"^\s*(?:首页|当前位置)\s*[>＞]|分享到|打印本页|关闭窗口|无障碍|适老化|Powered by|All Rights Reserved|"
    r"相关热词|登录\s*\|\s*注册|最佳浏览效果|主办单位[:：]|承办单位[:：]|信息来源[:：]|扫一扫")
_BOILERPLATE = re.compile(
    r"小编|为(?:大家|您)(?:整理|收集|精心)|供大家(?:参考|学习|借鉴)|以下是.{0,12}(?:整理|分享)|"
    r"范文|文档网|免费下载|下载本文|本文(?:来源|转载)于?|【篇[一二三四五]】")
_OUTDATED = re.compile(r"纲要\s*[（(]\s*2015\s*[—–\-－~～至到]+\s*2020\s*年?\s*[)）]")
_FIGURE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|个|件|次|项|人|场|万|亿|余|家|条|部|名|所|篇|期|批|份|起|宗|元|户|倍|类|小时)|"
    r"[一二三四五六七八九十两]*[十百千万][一二三四五六七八九]?余?(?:个|件|次|项|场|人|名|家|期|批)|"
    r"[二三四五六七八九](?:场|期|批|件)")
_CAUSE = re.compile(r"原因|究其|根源|由于|因为|导致|受[^。]{0,12}影响|客观上|主观上|"
                    r"主要是[^。]{0,6}(?:不|缺|薄弱)")
_VAGUE = re.compile(r"差距|不足|有待|仍需|还需|短板|薄弱")
_TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?[^。，,；;]{0,30}(?:报告|情况)|"
                         r"(?:报告|情况)\s*[（(]\s*(20\d\d)\s*年?度?\s*[)）]")
GAP_RATIO = 0.05  # shortcomings shorter than 5% of achievements read as a formality


def _is_markdown(path: str, text: str) -> bool:
    """By suffix; stdin has none, so Markdown headings in the text decide there."""
    if path.lower().endswith((".md", ".markdown")):
        return True
    return path == "-" and re.search(r"^#{1,6}\s", text, re.M) is not None


def _chrome_lines(doc: Document, lines: list[str]) -> set[int]:
    found = {n for n in doc.chrome_lines if 1 <= n <= len(lines)}
    found.update(i for i, s in enumerate(lines, 1) if s.strip() and _CHROME.search(s))
    return found


def _shown(line: str, m: re.Match[str]) -> str:
    """The placeholder with the character it stands before (``**市``, ``*项``), as a drafter searches."""
    text = m.group(0).strip()
    after = line[m.end():m.end() + 1]
    if text[0] in "*＊" and after and "\u4e00" <= after <= "\u9fff":
        return text + after
    return text


def placeholders(doc: Document, lines: list[str], chrome: set[int]) -> list[Finding]:
    md = _is_markdown(doc.path, doc.text)
    out = []
    for no, raw in enumerate(lines, 1):
        if no in chrome or not raw.strip() or ("<!--" in raw and "auditor" in raw):
            continue
        line = raw
        if md:
            if _RULE_LINE.match(line) and not re.search(r"[\u4e00-\u9fff][*＊]", line):
                line = _RULE_LINE.sub(" ", line, count=1)
            line = _MD_BOLD.sub(lambda m: "  " + m.group(2) + "  ", line)
        matches = sorted((m for pat, gate in zip(_PLACEHOLDERS, _PLACEHOLDER_GATES, strict=True)
                          if gate.search(line) for m in pat.finditer(line) if m.group(0).strip()),
                         key=lambda m: m.start())
        hits = [_shown(line, m) for m in matches]
        if not hits:
            continue
        shown = _("、").join(_("“{text}”").format(text=h) for h in dict.fromkeys(hits))
        more = _("（共{n}处）").format(n=len(hits)) if len(hits) > 1 else ""
        message = _("含未替换的占位符{shown}{more}").format(shown=shown, more=more)
        out.append(Finding("draft.placeholder", "error", message, no, doc.path,
                           "", " ".join(dict.fromkeys(hits)) + " " + raw.strip()[:40]))
    return out


def _title_year(doc: Document, lines: list[str]) -> tuple[int | None, int | None]:
    """(year, line) written in the title or the opening lines before the body starts."""
    first_body = min((s.line for s in doc.sections), default=min(len(lines), 5) + 1)
    for no in range(1, min(max(first_body, 2), 8)):
        m = _TITLE_YEAR.search(lines[no - 1]) if no <= len(lines) else None
        if m:
            return int(m.group(1) or m.group(2)), no
    if doc.title_year:
        return doc.title_year, None
    return None, None


def title_year(doc: Document, result: ReportResult, lines: list[str]) -> list[Finding]:
    year = doc.year or result.year
    ty = doc.title_year or result.title_year
    found, line = _title_year(doc, lines)
    if ty is None:
        ty = found
    elif found != ty:
        line = None
    if year is None or ty is None or ty == year:
        return []
    return [Finding("draft.title_year", "error",
                    _("标题中的年份（{title}年）与正文报告的年度（{year}年）不一致").format(
                        title=ty, year=year), line, doc.path,
                    "", f"{ty}/{year}")]


def outdated_gangyao(doc: Document, lines: list[str]) -> list[Finding]:
    if not doc.year or doc.year < 2021:
        return []
    return [Finding("draft.outdated_gangyao", "warning",
                    _("{year}年度报告引用已到期的《法治政府建设实施纲要（2015—2020年）》，"
                      "应以《纲要（2021—2025年）》为依据").format(year=doc.year),
                    no, doc.path, "", m.group(0))
            for no, s in enumerate(lines, 1) for m in [_OUTDATED.search(s)] if m]


def _role_text(doc: Document, role: str) -> list:
    return [s for s in doc.sentences if s.role == role]


def gaps(doc: Document, result: ReportResult, cfg: Policy) -> list[Finding]:
    parts = {s.id: s for s in result.structure}
    short = parts.get("structure.shortcomings")
    if short is None or not short.present:
        return []  # structure.missing already says so
    gap_sents = [s for s in doc.sentences if s.role == "shortcomings" or s.kind == "gap"]
    gap_sents = list({s.line * 100000 + i: s for i, s in enumerate(gap_sents)}.values())
    out = []
    reasons = parts.get("structure.shortcoming_reasons")
    has_cause = any(_CAUSE.search(s.norm) for s in gap_sents)
    if (reasons is not None and not reasons.present and not has_cause
            and "structure.shortcoming_reasons" not in cfg.required_parts()):
        out.append(Finding("draft.gap_no_cause", "warning", _("列举了存在的不足，但未分析原因"),
                           short.line, doc.path, "structure.shortcoming_reasons", "no cause"))
    gap_chars = sum(len(s.norm) for s in gap_sents)
    ach_chars = sum(len(s.norm) for s in _role_text(doc, "achievements"))
    line = short.line or (gap_sents[0].line if gap_sents else None)
    if gap_sents and ach_chars and gap_chars < GAP_RATIO * ach_chars:
        out.append(Finding("draft.gap_too_short", "warning",
                           _("不足部分仅{gap}字，不到成效部分（{ach}字）的{ratio}，流于形式").format(
                               gap=gap_chars, ach=ach_chars, ratio=f"{GAP_RATIO:.0%}"),
                           line, doc.path, "", "ratio"))
    elif len(gap_sents) == 1 and len(gap_sents[0].norm) < 60 and _VAGUE.search(gap_sents[0].norm):
        out.append(Finding("draft.gap_too_short", "warning", _("不足部分只有一句笼统表述，未列出具体问题"),
                           gap_sents[0].line, doc.path, "", "vague"))
    return out


def no_figures(doc: Document) -> list[Finding]:
    ach = _role_text(doc, "achievements")
    if not ach or any(_FIGURE.search(s.norm) for s in ach):
        return []
    message = _("成效部分没有任何数据（件数、次数、比例、金额等），难以体现工作成效")
    return [Finding("draft.no_figures", "warning", message, ach[0].line, doc.path, "", "no figures")]


def page_chrome(doc: Document, lines: list[str], chrome: set[int]) -> list[Finding]:
    runs: list[list[int]] = []
    for no in sorted(chrome):
        gap = runs and all(not lines[i - 1].strip() for i in range(runs[-1][-1] + 1, no))
        if runs and gap:
            runs[-1].append(no)
        else:
            runs.append([no])
    out = []
    for run in runs:
        # No line number in the words: the finding's location says where (L3, or ¶3 / p.1:4 for a
        # .docx / PDF, where "第3行" of the extracted text would point nowhere).
        span = "" if len(run) == 1 else _("，共{n}行").format(n=len(run))
        first = lines[run[0] - 1].strip()
        out.append(Finding("draft.page_chrome", "warning",
                           _("网页残留内容（导航、版权、备案号等{span}），应删除：{text}").format(
                               span=span, text=first[:30]),
                           run[0], doc.path, "", first[:40]))
    return out


def boilerplate(doc: Document, lines: list[str]) -> list[Finding]:
    out = []
    for no, s in enumerate(lines, 1):
        if _CHROME.search(s):
            continue  # a copyright footer naming a 文档网 is reported once, as page chrome
        hits = list(dict.fromkeys(m.group(0) for m in _BOILERPLATE.finditer(s)))
        if hits:
            out.append(Finding("draft.boilerplate", "error",
                               _("含转载网站套话{phrases}，不应出现在正式报告中").format(
                                   phrases=_("、").join(_("“{text}”").format(text=h) for h in hits)),
                               no, doc.path,
                               "", " ".join(hits)))
    return out


def published_late(doc: Document, lines: list[str], deadline: tuple[int, int]) -> list[Finding]:
    if not doc.published or not doc.year:
        return []
    try:
        published = date.fromisoformat(doc.published[:10])
        due = date(doc.year + 1, *deadline)
    except ValueError:
        return []
    if published < due:
        return []
    y, m, d = published.year, published.month, published.day
    pat = re.compile(rf"{y}\s*[-./年]\s*0?{m}\s*[-./月]\s*0?{d}(?!\d)")
    line = next((no for no, s in enumerate(lines, 1) if pat.search(s)), None)
    return [Finding("draft.published_late", "warning",
                    _("{year}年度报告于{published}公开，晚于{due}的期限"
                      "（《法治政府建设与责任落实督察工作规定》第二十四条）").format(
                        year=doc.year, published=published, due=_("{y}年{m}月{d}日").format(
                            y=due.year, m=due.month, d=due.day)), line, doc.path, "",
                    f"published {published}")]


_ORDER = (("structure.achievements", "structure.shortcomings"),
          ("structure.shortcomings", "structure.next_year"),
          ("structure.achievements", "structure.next_year"),
          ("structure.first_responsible", "structure.next_year"))


def _place(doc: Document, line: int) -> str:
    """Where a line is, as the reader of the file would find it: a .docx paragraph, a PDF page
    and line, else the text line (the reader's line numbers are of the extracted text)."""
    at = (doc.meta.get("locations") or {}).get(line) or {}
    if at.get("page"):
        if at.get("page_line"):
            return _("第{page}页第{line}行").format(page=at["page"], line=at["page_line"])
        return _("第{page}页").format(page=at["page"])
    if at.get("paragraph"):
        return _("第{n}段").format(n=at["paragraph"])
    return _("第{n}行").format(n=line)


def part_order(doc: Document, result: ReportResult) -> list[Finding]:
    line_of = {s.id: s.line for s in result.structure if s.present and s.line}
    for before, after in _ORDER:
        if before in line_of and after in line_of and line_of[before] > line_of[after]:
            return [Finding("draft.part_order", "warning",
                            _("“{after}”（{after_at}）出现在“{before}”（{before_at}）之前，不符合通常顺序").format(
                                after=_(PART_NAMES[after]), after_at=_place(doc, line_of[after]),
                                before=_(PART_NAMES[before]), before_at=_place(doc, line_of[before])),
                            line_of[after], doc.path, "", f"{before}>{after}")]
    return []


def hygiene_findings(doc: Document, result: ReportResult, cfg: Policy) -> list[Finding]:
    lines = split_lines(doc.text)  # the reader's own line numbering (form feeds don't count)
    chrome = _chrome_lines(doc, lines)
    copied = boilerplate(doc, lines)
    # Only lines that look like web chrome here are exempt from placeholders (1366*768 in a footer);
    # a line reading flagged for another reason (a lone "TODO") is still a draft line.
    blanks = placeholders(doc, lines, {n for n in chrome if n <= len(lines) and _CHROME.search(lines[n - 1])})
    web_only = chrome - {f.line for f in (*copied, *blanks)}  # reported once, as what they are
    return [*blanks, *title_year(doc, result, lines),
            *outdated_gangyao(doc, lines), *gaps(doc, result, cfg), *no_figures(doc),
            *page_chrome(doc, lines, web_only), *copied,
            *published_late(doc, lines, cfg.deadline), *part_order(doc, result)]


def counts(findings: list[Finding]) -> Counter:
    return Counter(f.severity for f in findings if f.active)

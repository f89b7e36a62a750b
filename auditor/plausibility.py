"""Does the input look like a 法治政府建设年度报告 at all? Audited either way, but said so.

An English page, a title-only file or a spreadsheet saved as text still gets a score (0.0, 2.1 …)
and exit 0; a reviewer skimming a batch would take that as a very poor report. The thresholds are
far below any real report: the shortest of the 16 truncated openings in
/work/shared/reports/openings has ~550 汉字 at a share above 0.7.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.i18n import N_, _

MIN_HAN = 200  # 汉字 in the whole text
MIN_HAN_SHARE = 0.3  # of the non-space characters
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")  # what counts as 汉字 (han_count)
# A character of those ranges is a UTF-16 code unit whose high byte is 34-9f or f9-fa, and no
# other is (surrogates are d8-df): counting such bytes of the encoded text stays in C, where the
# regex engine tested every character against the class (~100 instructions each).
_NOT_HAN_HIGH = bytes([b for b in range(256) if not (0x34 <= b <= 0x9F or b in (0xF9, 0xFA))])

NOT_A_REPORT = "not_a_report"
# Reasons, each a fact a reviewer can check; the warning names the ones that hold.
REASONS = {
    "little_chinese": N_("汉字很少"),
    "no_title": N_("没有标题"),
    "no_evidence": N_("没有任何事项的证据"),
}


def han_count(text: str) -> int:
    """How many characters of ``text`` _HAN_RUN matches."""
    return len(text.encode("utf-16-le", "surrogatepass")[1::2].translate(None, _NOT_HAN_HIGH))


def reasons(doc: Any, result: Any) -> list[str]:
    """The reasons that hold; the input is flagged when Chinese text or evidence is lacking
    (a missing title alone is common in copied web pages and shows as 未识别 instead)."""
    # The body as read (sentences), not the raw file: HTML markup and page chrome of a real
    # report must not make it look foreign.
    text = "".join([s.text for s in doc.sentences])
    han = han_count(text)  # whitespace is no 汉字: counted before it is removed
    found = []
    # Whitespace removed only when the share of the whole text is short of the bar: the share
    # of the non-space characters is never smaller (a rounded division keeps that order)
    if han < MIN_HAN or (han / len(text) < MIN_HAN_SHARE
                         and han / (len("".join(text.split())) or 1) < MIN_HAN_SHARE):
        found.append("little_chinese")
    if doc.meta.get("title_guessed"):
        found.append("no_title")
    if not any(item.evidence for item in result.items):
        found.append("no_evidence")
    flagged = "little_chinese" in found or "no_evidence" in found
    return found if flagged else []


def warning_message(warning_id: str, why: list[str] | tuple[str, ...] = ()) -> str:
    """One line for stderr and the JSON ``warnings`` entry, in the interface language."""
    if warning_id == NOT_A_REPORT:
        return _("看起来不像法治政府建设年度报告（{reasons}），仍已审核，结果仅供参考").format(
            reasons=_("、").join(_(REASONS[r]) for r in why if r in REASONS))
    return warning_id

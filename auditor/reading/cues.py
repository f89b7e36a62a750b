"""Cue lexicons for headings, roles and sentence kinds, kept as data in one place.

Every pattern runs on ``norm`` text (simplified, half-width), so ``(`` stands for both
``(`` and ``（``.  Word lists are joined into precompiled regexes once at import: reading a
one-sentence example must stay cheap, and tuning the lexicon must not mean touching logic.
"""

from __future__ import annotations

import re


def _any(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


def _words(block: str) -> str:
    """Alternation of the whitespace-separated patterns in ``block`` (patterns hold no spaces)."""
    return _any(block.split())


CN_NUM = "一二三四五六七八九十百零〇两"

# ---------------------------------------------------------------- headings
# (regex on the stripped norm line, heading level).  Order matters: first match wins.
HEADING_MARKERS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^第[{CN_NUM}]+(?:部分|章|篇)\s*[、.,:]?\s*"), 1),
    (re.compile(rf"^[{CN_NUM}]{{1,3}}\s*[、.]\s*"), 1),
    (re.compile(rf"^\(?[{CN_NUM}]{{1,3}}\)\s*[、.]?\s*"), 2),
    (re.compile(r"^\d{1,2}\s*(?:、|\.(?!\d)|\s)\s*"), 3),
    (re.compile(r"^\(\d{1,2}\)\s*[、.]?\s*"), 4),
    (re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]\s*"), 4),
)
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+")

# Sentence-final punctuation: a heading never contains one before its end.
SENTENCE_END = re.compile(r"[。！？；!?;]")
SPLIT = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』\"')\]]*|[^。！？；!?;]+$")

# ---------------------------------------------------------------- roles from headings
ROLE_HEADING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("first_responsible", re.compile(
        r"第一责任人|主要负责(?:人|同志)(?:履行|履职|推进法治)|履行.{0,12}职责情况"
        r"|(?:主要领导|一把手)[^,，。]{0,6}(?:履职|履行)")),
    ("shortcomings", re.compile(
        r"不足|差距|短板|薄弱环节|存在的?(?:主要)?(?:问题|困难)|(?:主要|突出)问题|问题(?:和|与|及)(?:原因|困难)"
        r"|困难和问题")),
    ("next_year", re.compile(
        r"下一步|下一?年度?|下一?阶段|明年|今后|展望|(?:工作|主要)(?:计划|安排|打算|思路|设想)"
        r"|(?:计划|安排|打算|思路)$")),
    ("other", re.compile(r"意见建议|建议$|其他(?:需要|有关)?(?:报告|说明)?的?(?:事项|情况)|需要说明")),
    ("achievements", re.compile(
        r"举措|成效|做法|主要措施|工作情况|开展情况|推进情况|建设情况|进展|基本情况|总体情况|主要工作|成绩")),
)

# ---------------------------------------------------------------- sentence kinds
_SOLVE = _words("解决 破解 缓解 化解 弥补 克服 扭转 改变 改善 补齐 补足 填补 破除 攻克 遏制 杜绝 根治 消除"
                " 纠正")
_TROUBLE = _words("问题 难题 短板 瓶颈 困境 局面 状况 空白 难点 痛点 堵点 现象 弊端 顽疾")  # nouns
_PROBLEM = _any([_TROUBLE, "不足"])
# Phrases that look like gap cues but describe action or praise; removed before testing.
FALSE_FRIENDS = re.compile(_words(r"""
    不断   不折不扣   补(?:齐|强)?[^,，。]{0,6}短板   补短板   短板弱项   差距.{0,4}(?:分析|对标)
    (?:查找|查摆|弥补|克服|找准|正视|剖析)[^,，。]{0,4}(?:不足|差距|问题|短板)
    不足\d   不足[一二三四五六七八九十百千万]   (?:以|从)[^,，。]{0,6}问题   问题(?:清单|导向|线索|整改)
    (?:对|针对|就)[^,，。]{0,24}存在的?(?:问题|不足|短板)
    整改[^,，。]{0,10}问题   发现[^,，。]{0,6}问题   不(?:忘|懈|移|变|动摇|含糊|停歇)
    (?:纠正|规范|查处|整治|清理|打击)[^,，。]{0,10}(?:不规范|不一致|不到位|问题|违法)
    不予   不见面   不打烊   不罚   不扰   不能(?:违法|随意)
""") + "|" + _any([
    # A problem solved is an achievement: 破解了执法力量不足的难题, 弥补了执法力量薄弱的短板,
    # 执法人员不足的问题得到有效解决; but not 尚未解决, 难以解决, 问题尚未得到解决.  The object
    # ends at the first trouble noun, so in 解决问题的能力不足 the 不足 is still a gap.
    rf"(?<![未没以不]){_SOLVE}了?(?:[^,，。;；]{{0,28}}?{_TROUBLE}|不足)",
    # (from the clause start: the problem is named before it is solved; anchored, or every
    # position would start a 24-character scan)
    rf"(?:^|(?<=[,，。;；]))[^,，。;；]{{0,24}}{_PROBLEM}(?:已|均|都|基本|逐步|初步|正)?(?:得到|得以|获得)"
    r"[^,，。;；]{0,4}"
    r"(?:解决|缓解|改善|化解|遏制|扭转|破解|纠正|整改|加强|充实)",
]))
STRONG_GAP = re.compile(_words(r"""
    不足   差距   薄弱   短板   有待(?:加强|提高|提升|完善|改进|进一步|强化|健全|规范|充实|深化)
    不够   不到位   不平衡   不充分   仍需   还需   尚需   仍有待   欠缺   短缺   滞后   不高   不强   不严
    不规范   不健全   不完善   不精通   不多   亟待   亟需   难以   不能完全适应   依然存在
    存在[^。;]{0,24}(?:问题|现象|情况|困难|风险隐患)
    缺乏   缺少   不明显   不统一   不畅   不及时   不全面   不深入   参差不齐   力量(?:较弱|不足|薄弱)
    淡薄   偏低   偏弱   未能充分   流于形式   有所欠缺   落实不力
    (?:还|仍|尚)有(?:提升|提高|改进|完善)空间   需进一步(?:提高|加强|完善)
"""))
WEAK_GAP = re.compile(_words(r"""
    尚未   仍然   还存在   仍存在   个别   部分[^,，。;]{0,12}(?:还|仍|尚|未|不)   (?:还|仍|尚)(?:不|未|没)
    没有   无(?:正式|专门|专职)   未能   不能   面临   压力   事多人少   人少
"""))
# In a plan, only an explicit admission counts as a gap.
ADMIT_GAP = re.compile(
    r"(?:仍|还|尚|依然|仍然)(?:存在|有[^,，。]{0,4}(?:差距|不足|问题))|存在(?:着)?(?:一些|一定|不少|较多)?[^,，。]{0,12}"
    r"(?:问题|不足|差距|短板)|(?:还有|尚有)差距|有待(?:加强|提高|提升|完善|进一步)"
)

_PLAN_ADVERB = _words("""进一步 继续 持续 加快 全面 深入 着力 不断 积极 大力 坚持 切实 认真 重点 逐步 坚决
    聚焦 围绕 紧扣 紧紧 更加 高度重视 以习近平""")
PLAN = re.compile(_any([
    r"下一步", r"下一年度?", r"下一?阶段", r"明年", r"今后", r"计划(?:于|在|到|用|将)", r"(?<!努)力争",
    r"拟(?:于|在|将|对|开展|出台|制定|启动|建立|推进|组织|实施|修订)",
    rf"将{_PLAN_ADVERB}",
    r"(?:我们|我市|我县|我区|我省|我局|我街道|我乡|我镇)(?:将|要)",
]))
# Plan cues that report done work, removed before PLAN is tested: 将 in the sense of 把
# ("将法治建设纳入考核", "将全面依法治县工作纳入年度考核") and a meeting that planned
# ("研究部署下一阶段重点工作").  "将继续将…纳入" keeps its plan: the object runs from the last 将,
# and a 将 followed by an adverb that only a plan takes (将继续作为…) is never 把.
NOT_PLAN = re.compile(_any([
    r"将(?!进一步|继续|持续|不断|加快|逐步)(?:(?!将)[^,，。;；]){1,30}?"
    r"(?:纳入|列入|作为|融入|贯穿|写入|摆在|放在|转化为|落实到|延伸到|延伸至|编入|嵌入|细化为|分解到|上升为)",
    r"(?:部署|研究|安排|谋划|明确|规划|审议)[^,，。;；]{0,6}(?:下一步|下一?阶段|下一?年度?|明年|今后)",
]))
# A shortcomings paragraph that names the coming period has turned to plans.
TURN_TO_PLAN = re.compile(r"下一步|下一年度?|下一?阶段|明年|今后")
PLAN_OPENERS = re.compile(
    r"^(?:下一步|下一年度?|下一?阶段|明年|今后|展望|新的一年|今年是|\d{4}年(?:是|,|，)?.{0,6}(?:将|要))")

# A paragraph opening that admits gaps starts a prose shortcomings block.
GAP_OPENER = re.compile(
    r"(?:虽然|尽管|但|同时|然而|当然|清醒(?:地)?(?:看到|认识到)).{0,60}"
    r"(?:差距|不足|问题|短板|薄弱)|(?:还|仍|依然)存在(?:着)?(?:一些|一定|不少)?(?:的)?(?:差距|不足|问题|短板)"
)

# ---------------------------------------------------------------- structure
REASON = re.compile(
    r"原因|主要是|究其原因|由于|导致|造成|受[^。;]{1,15}影响|一方面[^。]*另一方面|归根到底|根源"
)
FIRST_RESPONSIBLE_BLOCK = re.compile(
    r"(?:主要负责(?:人|同志)|一把手|书记|省长|市长|县长|区长|乡长|镇长|局长|主任).{0,30}"
    r"(?:履行|落实|推进|履职).{0,24}第一责任人"
)

"""Cue lexicons for headings, roles and sentence kinds, kept as data in one place.

Every pattern runs on ``norm`` text (simplified, half-width), so ``(`` stands for both
``(`` and ``（``.  Word lists are joined into precompiled regexes once at import: reading a
one-sentence example must stay cheap, and tuning the lexicon must not mean touching logic.
"""

from __future__ import annotations

import re

from .gates import _top_level, as_written, by_first, first_chars, gated


def _any(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


def false_friends(norm: str) -> re.Pattern[str]:
    """FALSE_FRIENDS, or the same without its branch that needs 得 when ``norm`` has none:
    an alternation whose branch cannot match anywhere finds exactly what the rest finds."""
    return FALSE_FRIENDS if "得" in norm else FALSE_FRIENDS_NO_DE


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
# Every marker above starts with one of these or a digit (\d: str.isdecimal): lines that start
# otherwise (most of the body) are spared the six matches.
HEADING_FIRST = frozenset("第(①②③④⑤⑥⑦⑧⑨⑩" + CN_NUM)
# ... and each marker can open on its first character alone: per first character the markers
# that can (in their order), so a line is tried against one or two, not all six (a decimal
# digit, \d = str.isdecimal, opens only the fourth).
HEADING_MARKERS_BY_FIRST: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    first: tuple(HEADING_MARKERS[k] for k in ks)
    for chars, ks in (("第", (0,)), (CN_NUM, (1, 2)), ("(", (2, 4)), ("①②③④⑤⑥⑦⑧⑨⑩", (5,)))
    for first in chars}
HEADING_MARKERS_DIGIT = (HEADING_MARKERS[3],)
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+")

# Sentence-final punctuation: a heading never contains one before its end.
SENTENCE_END = re.compile(r"[。！？；!?;]")
SPLIT_PATTERN = r"[^。！？；!?;]*[。！？；!?;]+[”’」』\"')\]]*|[^。！？；!?;]+$"
# ... with possessive repeats: each repeat is followed by what it cannot match (an ender after
# non-enders, closers after enders, the end), so giving back a character never lets a match
# through; re then gives nothing back where a line's last piece lacks an ender (-15 %).
SPLIT = re.compile(r"[^。！？；!?;]*+[。！？；!?;]++[”’」』\"')\]]*+|[^。！？；!?;]++$")

# ---------------------------------------------------------------- roles from headings
_ROLE_WORDS = (
    ("first_responsible",
     r"第一责任人|主要负责(?:人|同志)(?:履行|履职|推进法治)|履行.{0,12}职责情况"
     r"|(?:主要领导|一把手)[^,，。]{0,6}(?:履职|履行)"),
    ("shortcomings",
     r"不足|差距|短板|薄弱环节|存在的?(?:主要)?(?:问题|困难)|(?:主要|突出)问题|问题(?:和|与|及)(?:原因|困难)"
     r"|困难和问题"),
    ("next_year",
     r"下一步|下一?年度?|下一?阶段|明年|今后|展望|(?:工作|主要)(?:计划|安排|打算|思路|设想)"
     r"|(?:计划|安排|打算|思路)$"),
    ("other", r"意见建议|建议$|其他(?:需要|有关)?(?:报告|说明)?的?(?:事项|情况)|需要说明"),
    ("achievements",
     r"举措|成效|做法|主要措施|工作情况|开展情况|推进情况|建设情况|进展|基本情况|总体情况|主要工作|成绩"),
)
# each opened on its first characters (by_first): asked of every heading, four of the five
# patterns as written were tried at every position of it
ROLE_HEADING: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(by_first(words))) for role, words in _ROLE_WORDS)
# Whether any of them matches (an alternation matches where one of its branches does); their
# branches open on literals already, so joined they are found as fast as regrouped (by_first)
# and compile in two thirds of the time.
ANY_ROLE_HEADING = re.compile("|".join(rx.pattern for _, rx in ROLE_HEADING))

# ---------------------------------------------------------------- sentence kinds
_SOLVE = _words("解决 破解 缓解 化解 弥补 克服 扭转 改变 改善 补齐 补足 填补 破除 攻克 遏制 杜绝 根治 消除"
                " 纠正")
_TROUBLE = _words("问题 难题 短板 瓶颈 困境 局面 状况 空白 难点 痛点 堵点 现象 弊端 顽疾")  # nouns
_PROBLEM = _any([_TROUBLE, "不足"])
# Phrases that look like gap cues but describe action or praise; removed before testing.
# 未取得…的(人员)一律不得… states a rule (a prohibition on those without X), not an admission.
_FF_PHRASES = by_first(_words(r"""
    不断   不折不扣   补(?:齐|强)?[^,，。]{0,6}短板   补短板   短板弱项   差距.{0,4}(?:分析|对标)
    (?:查找|查摆|弥补|克服|找准|正视|剖析)[^,，。]{0,4}(?:不足|差距|问题|短板)
    不足\d   不足[一二三四五六七八九十百千万]   (?:以|从)[^,，。]{0,6}问题   问题(?:清单|导向|线索|整改)
    (?:对|针对|就)[^,，。]{0,24}存在的?(?:问题|不足|短板)
    (?:针对|对|就)[^,，。]{0,30}?(?:的|等)(?:问题|难题|短板|情况)[,，]
    整改[^,，。]{0,10}问题   发现[^,，。]{0,6}问题   不(?:忘|懈|移|变|动摇|含糊|停歇)
    (?:发现|查找|查摆|梳理|指出)的[^。;；]{0,30}?问题[^,，。;；]{0,8}?(?:整改|纠正|改正|反馈)
    (?:纠正|规范|查处|整治|清理|打击)[^,，。]{0,10}(?:不规范|不一致|不到位|问题|违法)
    不予   不见面   不打烊   不罚   不扰   不能(?:违法|随意)
    未[^,，。;；]{0,20}的[^,，。;；]{0,12}(?:一律|均|一概)?(?:不得|严禁|禁止|不准|不允许|不能)
    (?:对|针对)[^,，。;；]{0,40}?(?:违法|违规)行为   难以[^,，。;；]{1,6}的[^,，。;；]{0,8}\d
""") + "|" +
    # A problem solved is an achievement: 破解了执法力量不足的难题, 弥补了执法力量薄弱的短板,
    # 执法人员不足的问题得到有效解决; but not 尚未解决, 难以解决, 问题尚未得到解决.  The object
    # ends at the first trouble noun, so in 解决问题的能力不足 the 不足 is still a gap.
    rf"(?<![未没以不]){_SOLVE}了?(?:[^,，。;；]{{0,28}}?{_TROUBLE}|不足)")
# (from the clause start: the problem is named before it is solved; anchored, or every
# position would start a 24-character scan)
_SETTLED_BODY = (
    rf"[^,，。;；]{{0,24}}{_PROBLEM}(?:已|均|都|基本|逐步|初步|正)?(?:得到|得以|获得)"
    r"[^,，。;；]{0,4}"
    r"(?:解决|缓解|改善|化解|遏制|扭转|破解|纠正|整改|加强|充实)")
_FF_SETTLED = r"(?:^|(?<=[,，。;；]))" + _SETTLED_BODY
# (asked of one sentence in thirty: the gated form as written, a quarter of by_first's to compile)
FALSE_FRIENDS = re.compile(gated(as_written(_FF_PHRASES)) + "|" + _FF_SETTLED)
# FALSE_FRIENDS for a sentence without 得: the clause-start branch needs 得到/得以/获得, and it
# can begin at any clause start, so no gate speeds it up; skipping it when it cannot match
# halves the cost of the pattern (see ``false_friends``).
FALSE_FRIENDS_NO_DE = re.compile(_FF_PHRASES)
# Whether FALSE_FRIENDS finds anything (most sentences: no, and then nothing is removed): its
# settled-problem branch opens on a look-behind, so re enters the whole pattern at every
# position (~4.6 us a sentence with 得, a tenth of that without). The same yes or no from its
# parts: the phrases (opening on literals), then the settled problem, which needs 得到/得以/获得,
# at the start or after a clause mark (a class: where it can start is found in one C scan; a
# mark put in front stands for the start).
_SETTLED_AFTER_MARK = re.compile("[,，。;；]" + _SETTLED_BODY)


def has_false_friend(norm: str) -> bool:
    """``false_friends(norm).search(norm) is not None``, for less."""
    if FALSE_FRIENDS_NO_DE.search(norm) is not None:
        return True
    return ("得到" in norm or "得以" in norm or "获得" in norm) and \
        _SETTLED_AFTER_MARK.search("," + norm) is not None


# The cue patterns that run on every sentence open each branch on a literal character
# (``by_first``): re then looks for where a match can start in C, and searches cost about half
# of the gated forms (FALSE_FRIENDS keeps its gate: its settled-problem branch opens on a class).
STRONG_GAP = re.compile(by_first(_words(r"""
    不足   差距   薄弱   短板   有待(?:加强|提高|提升|完善|改进|进一步|强化|健全|规范|充实|深化)
    不够   不到位   不平衡   不充分   仍需   还需   尚需   仍有待   欠缺   短缺   滞后   不高   不强   不严
    不规范   不健全   不完善   不完整   不精通   不多   亟待   亟需   难以   不能完全适应   依然存在
    存在[^。;]{0,24}(?:问题|现象|情况|困难|风险隐患)
    缺乏   缺少   不明显   不统一   不畅   不及时   不全面   不深入   参差不齐   力量(?:较弱|不足|薄弱)
    淡薄   偏低   偏弱   未能充分   流于形式   有所欠缺   落实不力
    (?:还|仍|尚)有(?:提升|提高|改进|完善)空间   需进一步(?:提高|加强|完善)
    时有发生   未按(?:要求|规定|程序|时限)   未取得   不深(?!入)   不得不   (?:只有|仅有)\d+名   各自为政
    (?:较|偏|太|响应)慢   走过场   打折扣   不够深入   跟不上   偏少   不广   不系统   不精准   不紧密
    不顺(?!利)   缺位   (?:较为|形式|手段|方式|渠道)单一   不匹配   偏长   (?:仍|还)(?:靠|依靠|依赖|停留在)
    影响[^,，。;；]{0,12}(?:及时性|准确性|时效性|效率|效果)
""")))
WEAK_GAP = re.compile(by_first(_words(r"""
    尚未   仍然   还存在   仍存在   个别   部分[^,，。;]{0,12}(?:还|仍|尚|未|不)   (?:还|仍|尚)(?:不|未|没)
    没有   无(?:正式|专门|专职)   未能   不能   面临   压力   事多人少   人少
""")))
# A problem named in a report of work and then settled (对进度滞后的任务限期推进，年底全部完成;
# 发现问题12个，已全部整改到位) is an achievement, not an admitted gap: the settlement comes
# after the trouble word.
RESOLVED = re.compile(by_first(r"(?<![未没不])(?<!难以)(?<!尚未)"
                               r"(?:全部|均已|已全部|已经|均|已|按期|如期|顺利)"
                               r"(?:完成|办结|解决|销号|清零|达标|整改(?:到位|完毕|完成)?)|整改到位|整改完毕"))
# A sentence that turns against what came before (但部分部门…尚未…): in a report of work, such a
# turn with a mild cue is the admission woven into the prose, not more work done.
CONTRAST_OPENER = re.compile(r"^(?:但|但是|然而|不过|同时也要看到|但也要看到|也要看到)[,，]?")
# In a plan, only an explicit admission counts as a gap.
ADMIT_GAP = re.compile(by_first(
    r"(?:仍|还|尚|依然|仍然)(?:存在|有[^,，。]{0,4}(?:差距|不足|问题))|存在(?:着)?(?:一些|一定|不少|较多)?[^,，。]{0,12}"
    r"(?:问题|不足|差距|短板)|(?:还有|尚有)差距|有待(?:加强|提高|提升|完善|进一步)"
))

_PLAN_ADVERB = _words("""进一步 继续 持续 加快 全面 深入 着力 不断 积极 大力 坚持 切实 认真 重点 逐步 坚决
    聚焦 围绕 紧扣 紧紧 更加 高度重视 以习近平""")
PLAN = re.compile(by_first("|".join([
    r"下一步", r"下一年度?", r"下一?阶段", r"明年", r"今后", r"计划(?:于|在|到|用|将)", r"(?<!努)力争",
    r"拟(?:于|在|将|对|开展|出台|制定|启动|建立|推进|组织|实施|修订)",
    rf"将{_PLAN_ADVERB}", r"将于(?:\d{4}年|年底|年内|近期|下半年|明年)",
    r"(?:我们|我市|我县|我区|我省|我局|我街道|我乡|我镇)(?:将|要)",
])))
# Plan cues that report done work, removed before PLAN is tested: 将 in the sense of 把
# ("将法治建设纳入考核", "将全面依法治县工作纳入年度考核") and a meeting that planned
# ("研究部署下一阶段重点工作").  "将继续将…纳入" keeps its plan: the object runs from the last 将,
# and a 将 followed by an adverb that only a plan takes (将继续作为…) is never 把.
NOT_PLAN = re.compile(by_first("|".join([
    r"将(?!进一步|继续|持续|不断|加快|逐步)(?:(?!将)[^,，。;；]){1,30}?"  # gated: tried at each step
    + gated("纳入|列入|作为|融入|贯穿|写入|摆在|放在|转化为|落实到|延伸到|延伸至|编入|嵌入|细化为|分解到"
            "|上升为"),
    r"(?:部署|研究|安排|谋划|明确|规划|审议)[^,，。;；]{0,6}(?:下一步|下一?阶段|下一?年度?|明年|今后)",
    # a draft as the object of done work: 对拟出台的《办法》开展公平竞争审查, 对拟制定的文件进行审核
    r"拟(?:出台|制定|修订|印发|实施|提请|报送|起草|发布)(?:的|之)",
])))
# Work reported as done, even after a plan sentence in the same paragraph.
DONE = re.compile(by_first(r"(?:进行|开展|完成|组织|召开|制定|出台|印发|举办|实现|建立|发出|作出|评议)了"
                        r"|全年|年内|累计|已经"))
# A shortcomings paragraph that names the coming period has turned to plans.
TURN_TO_PLAN = re.compile(r"下一步|下一年度?|下一?阶段|明年|今后")
PLAN_OPENERS = re.compile(
    r"^(?:下一步|下一年度?|下一?阶段|明年|今后|展望|新的一年|今年是|\d{4}年(?:是|,|，)?.{0,6}(?:将|要))")

# A paragraph opening that admits gaps starts a prose shortcomings block.
GAP_OPENER = re.compile(by_first(
    r"(?:虽然|尽管|但|同时|然而|当然|清醒(?:地)?(?:看到|认识到)).{0,60}"
    r"(?:差距|不足|问题|短板|薄弱)|(?:还|仍|依然)存在(?:着)?(?:一些|一定|不少)?(?:的)?(?:差距|不足|问题|短板)"
))
# Every pattern sections.kind_of asks of a sentence without 得, as one: where it finds nothing,
# none of them would (an alternation matches where any of its branches does), and one search
# replaces four or more. The branches are those of the patterns as written, regrouped.
KIND_CUES_PATTERN = by_first("|".join(as_written(rx.pattern) for rx in (
    FALSE_FRIENDS_NO_DE, NOT_PLAN, PLAN, STRONG_GAP, ADMIT_GAP, WEAK_GAP)))
# ... searched as two patterns, its branches parted by their first character: where a match can
# start, re tries the branches one after another (~90 of them, one per first character), all of
# them where none matches — most of the ~370 places a report's sentences give it. These
# characters are the commonest of those places (counted on the generated reports): their few
# branches in one pattern, the many rare ones in the other, and a place costs a fraction of the
# whole list. One of the two matches where the whole would (for yes or no only: not the same
# matches), and neither is compiled twice.
_COMMON_FIRST = frozenset("化人规发事部审力查个面依改落解我时对不各以有清方")
KIND_CUES_COMMON, KIND_CUES_RARE = (
    re.compile("|".join(b for b in _top_level(KIND_CUES_PATTERN, "|") if (b[:1] in _COMMON_FIRST) == common))
    for common in (True, False))

# ---------------------------------------------------------------- structure
REASON = re.compile(
    r"原因|主要是|究其原因|由于|导致|造成|受[^。;]{1,15}影响|一方面[^。]*另一方面|归根到底|根源"
)
FIRST_RESPONSIBLE_BLOCK = re.compile(
    r"(?:主要负责(?:人|同志)|一把手|书记|省长|市长|县长|区长|乡长|镇长|局长|主任).{0,30}"
    r"(?:履行|落实|推进|履职).{0,24}第一责任人"
)

# ---------------------------------------------------------------- acts of the reporting body
# Coverage needs the reporting body to have *done* something (docs/scoring.md, "Acts"): a verb
# of doing with its object, a count or figure, a 《document》 it issued, a completed result.  A
# sentence that only names the item — a slogan (坚持…、深入推进…), a goal list in the preamble,
# a superior body's deployment given as context — is a mention.
ACT_BLOCK = """
    出台 印发 制定 制发 修订 修改 废止 废除 宣布失效 起草 编制 编印 发布 颁布 转发
    开展 组织 举办 举行 召开 办理 办结 受理 审查 审核 审议 备案 报备 清理 培训 轮训
    建成 上线 开通 接入 聘请 聘任 选聘 公示 公布 公开了 签订 成立 设立 组建 挂牌 配备 配齐
    录入 归集 查处 立案 罚没 调解 化解 评查 抽查 检查了 督查 督察 考核 宣讲 授课 讲座 宣誓
    旁听 出庭 应诉 答复 办复 回复 纠正 撤销 表彰 评选 入选 获评 荣获 获得 命名 完成 实现
    达到 率达 达\\d 覆盖 推送 解读 走访 排查 整改 收到 接收 承办 列席 听取 出具 提出 报送
    上报 征求 论证 评估 听证 下放 承接 取消 精简 压减 缩短 减少 印制 发放 制作 推出 打造
    引进 招录 新增 累计 共计 先后 首次 全覆盖 编发 梳理 启用 建立(?!健全) 纳入 列入 拟定 督促 推广
    (?:向社会|主动|予以|依法)公开 公开发布 部署开展 研究(?:审议|制定|通过) 兑现 签约 设置 增设 配置
    (?:进行|作出|开展|出台|印发|制定|建立|完善|健全|推行|实施|落实|组织|举办|实现|形成|明确|规范)了
    向[^,，;；。]{1,20}(?:报告|报送|汇报|备案|述职|述法) 研究解决 (?<!落)实行 采取 采用 展示 报道
    被[^,，;；。]{0,20}(?:采用|转发|推广|评为) 将[^,，;；。]{1,30}(?:纳入|列入|作为|融入|写入)
    开设 开辟 搭建 安装 配发 购置 研发 投入使用 投入运行 履行[^,，;；。]{0,10}(?:判决|裁定|裁判|文书|调解书)
    (?<![务息])公开(?!透明|公正|原则|制度|要求|平台|工作|的|化|程度)
    集中学习 专题学习 学法 考试 测试 赋予 派驻 签发 刊发 播出 发送 送达
    参与 代理 应用 办案 行使 处置 运用 使用 评定 签署 认定
    亲自(?:部署|过问|协调|督办|研究|审定|主持|带队|推动|抓) 主持召开 专题研究 研究部署
    述法 述职
"""
ACT_VERBS = _words(ACT_BLOCK)
ACT_FIRST = first_chars(ACT_BLOCK)
# A clause opened by one of these states an aim, not a deed: its verbs (加强执法人员培训) are
# not acts; only a figure, a 《document》 it issued or a completed result in it are.
_SLOGAN_ADVERBS = _words("""全面 深入 持续 积极 切实 认真 扎实 大力 不断 进一步 严格 始终 坚决 全力 稳步 加快
    有序 统筹 高度 充分 务实 深刻 准确 主动 继续 更加 牢牢 不折不扣 毫不动摇""")
_SLOGAN_VERBS = _words("""坚持 推进 推动 落实 贯彻 加强 强化 深化 完善 健全 建立健全 提升 提高 优化 规范 巩固
    拓展 创新 发挥 树立 筑牢 夯实 注重 狠抓 重视 做好 抓好 抓实 保障 维护 促进
    推行 实施 实行 执行 着力 努力 致力 力求 营造 构建 打造 彰显 增强 学习贯彻 践行 遵循 把握 守牢 用好""")
SLOGAN_OPENERS = re.compile(
    rf"^(?:[{CN_NUM}]+是|[{CN_NUM}]+、|\(?[{CN_NUM}]+\)|\d+[.、])?(?P<subj>[我本全][省市县区局委厅办乡镇州]+|各级|各部门|各单位"
    rf"|[^,，;；:：]{{0,10}}?(?:机关|部门|单位|政府|干部|同志|人员|系统|乡镇|街道))?(?:{_SLOGAN_ADVERBS})*(?:{_SLOGAN_VERBS})")
# 以高质量政府督查推动…落地落实: a means and an aim, the stock form of a summary slogan; its
# "subject" may hold a verb of doing (督查), so it is told by its form, not by SLOGAN_OPENERS.
MEANS_SLOGAN = re.compile(r"^以[^,，;；:：为]{2,24}?(?:推动|促进|带动|助推|引领|保障|推进|提升|助力)")
# Counts and figures: 12件, 3次, 1200余条, 100%, 86万元, 两期.
_UNITS = gated(by_first("%|％|‰|件|次|人|项|个|家|场|期|条|篇|份|起|宗|户|批|部|套|台|名|所|处|类|轮|"
                        "万|亿|元|天|日|小时|分钟|课时|学时|倍|本|册|张|幅|期|条次|人次|家次|场次|件次|单|卷|座|支|辆|公里"))
_FIGURE_DIGITS, _FIGURE_WORDS = r"\d*×＊", "两二三四五六七八九十百千万"
_FIGURE_WORD_UNITS = r"(?:次|场|期|批|轮|项|名|家|件|个部门|个乡镇)(?![事制])"
FIGURE = re.compile(gated(
    # gated: the digits give back one at a time (2023年: 202, 20, 2), each tried against the units
    rf"(?<![月\d.])(?:\d|[*×＊])+(?:\.\d+)?\s*(?:余|多)?\s*{_UNITS}"
    rf"|[{_FIGURE_WORDS}]+{_FIGURE_WORD_UNITS}"))
# Whether FIGURE matches at all (acts.concrete, on every sentence), as a pattern that opens on
# one class: re then scans for where a match can start in C, where FIGURE (opening on a gate,
# a look-ahead) is entered at every position. Each branch is FIGURE's, its first character
# taken out of the repeat (x+ is xx*) and its look-behind moved past that character; the
# look-behind after the class says which branch the character opened. The same sentences have a
# match (tests/test_reading_gates.py), not the same matches: use it for yes or no only.
# The opening class lists digits by range, not as \d: \d is looked up in the Unicode tables at
# each character of the sentence, a class of ranges in a table re builds once (a quarter of
# the search). The ranges hold every decimal digit (\d) of Unicode's Basic Multilingual Plane
# (tests/test_reading_gates.py checks all of them) and all characters beyond it; the
# look-behind after the class keeps to what FIGURE's digits are.
_ANY_DIGIT = "0-9\u0660-\u1c59\ua620-\uabf9\uff10-\uff19\U00010000-\U0010ffff"
FIGURE_ANY = re.compile(
    rf"[{_ANY_DIGIT}*×＊{_FIGURE_WORDS}](?:(?<=[{_FIGURE_DIGITS}])(?<![月\d.].)[{_FIGURE_DIGITS}]*(?:\.\d+)?"
    rf"\s*(?:余|多)?\s*{_UNITS}|(?<=[{_FIGURE_WORDS}])[{_FIGURE_WORDS}]*{_FIGURE_WORD_UNITS})")
# A 《document》 the body issued: an issuing verb before it in the clause, or 出台/印发 after it.
NAMED_DOC = re.compile(by_first(
    r"(?:出台|印发|制定|制发|修订|发布|颁布|编制|起草|编印|审议通过|通过|转发|下发|完善|出台了|形成|签订|"
    r"编写|推出|建立)[^,，;；。]{0,10}《[^》]{2,60}》|《[^》]{2,60}》[^,，;；。]{0,4}(?:出台|印发|施行|发布|获批|通过)"))
# Bodies above the reporter: their deployments are context.  Levels the body is superior to
# (None: above every reporter).  A county-level city calls its own committee 市委, so 市委 is
# only a superior for townships and departments.
SUPERIOR_BODIES: tuple[tuple[str, frozenset[str] | None], ...] = (
    (r"党中央|中共中央|中央(?:全面依法治国委员会|依法治国办)?|国务院(?:办公厅)?|全国人大|国家[\u4e00-\u9fff]{0,6}?(?:部|委|总局|局|办)|上级"
     r"|司法部|全国", None),
    (r"全省", frozenset({"city", "county", "township", "department"})),  # the superior's own scope
    (r"省委(?:依法治省办|全面依法治省委员会)?|省政府|省人民政府|省人大|省司法厅|省委办公厅",
     frozenset({"city", "county", "township", "department"})),
    (r"省[\u4e00-\u9fff]{1,8}?(?:厅|局|委员会|办公室)",
     frozenset({"city", "county", "township", "department"})),
    (r"(?:市|州|盟)委(?:依法治市办)?|(?:市|州|盟)(?:人民)?政府(?:办公室)?|市司法局|(?:市|州|盟)人大(?:常委会)?",
     frozenset({"county", "township", "department"})),
    (r"[县区旗]委|[县区旗](?:人民)?政府|[县区旗]人大(?:常委会)?", frozenset({"township", "department"})),
    # a township's county departments (县司法局印发…基准) act above it, as its county does
    (r"[县区旗](?!委|人民政府|政府|人大|政协|直|级|属|域|内)[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室)",
     frozenset({"township"})),
    # a county's department has the city's bureaus above it, its own organ's too (市市场监督管理局,
    # 市局); 市场…, 市级, 市民… are no bureau of the city
    (r"市(?!委|人民政府|政府|人大|政协|直|级|属|域|内|场|民|区|县|辖)[\u4e00-\u9fff]{1,10}?(?:局|委员会|办公室)",
     frozenset({"county_department"})),
    # the people's congress and CPPCC of the reporter's own level oversee it: their acts (县人大常委会
    # 对全县行政复议工作开展专题调研) are theirs
    (r"[县区旗]人大(?:常委会)?|[县区旗]政协", frozenset({"county"})),
    (r"(?:市|州|盟)人大(?:常委会)?|(?:市|州|盟)政协", frozenset({"city"})),
    (r"省人大(?:常委会)?|省政协", frozenset({"province"})),
)
# When a clause opens by saying when (2023年年内, 3月份, 全年…), before its subject.
_WHEN = r"\s*(?:(?:\d{4}年)?(?:年初|年内|年中|年底|今年|同年|当年|近年来?|\d{1,2}月(?:份)?))?"
# Another body named by its place and organ (南州市司法局, 云岭县委, 岭西省市场监督管理局) at the
# head of a clause: its subject.  When the place is not the reporter's own (河阳市 reporting, 南州市
# acting) it is another body — usually the superior — and its act is context (docs/scoring.md).
# 我市/本市/全市/市 alone carry no place; a development zone (高新区管委会) is the reporter's own part.
PLACE_BODY = re.compile(
    r"(?:^|(?<=[,，;；:：]))" + _WHEN +
    r"(?P<place>(?![我本全各该其向对经报配协会与接在为请由按根依据关])[\u4e00-\u9fff]{2,4}?)(?:省|自治区|市|州|盟|县|区|旗)"
    r"(?P<body>委(?!员)|人民政府|政府|人大常委会|人大|政协|[\u4e00-\u9fff]{1,10}?(?:厅|局|委员会|委|办公室))")
# Another organ of the reporter's own government, named without a place (县审计局, 区人民法院), at
# the head of a clause: in a department's report its acts are a peer's, not the department's (the
# department itself is told apart by its name, see acts.peer). A government's own departments are
# its own, so this is asked only of departments. 县委/县政府/县人大 are superiors (SUPERIOR_BODIES).
PEER_BODY = re.compile(
    _WHEN +
    r"[县区市州旗盟](?!委|人民政府|政府|人大|政协|直|级|属|域|内)"
    r"(?P<body>[\u4e00-\u9fff]{1,10}?(?:局|委员会|办公室|人民法院|法院|人民检察院|检察院))")
# Bodies outside the administration (courts, procuratorates, 法学会 and other societies) at the
# head of a clause: whoever reports, their work is theirs (省法学会…发表研究论文46篇, 市中级人民
# 法院全年审结…), like a peer's.
NON_ADMIN_BODY = re.compile(
    _WHEN +
    r"(?![与和同向对经由在为配协联邀请按根据依将把])"  # a partner or object (与省法学会联合…)
    r"(?:[^局厅委办院所部处队站与和及同、,，;；。]{0,6}?(?:省|市|县|区|州|旗|盟))?(?:各级)?"
    r"(?:高级|中级|基层)?(?:人民法院|人民检察院|法院|检察院|法学会|律师协会|律协"
    r"|[^局厅委办院所部处队站与和及同、,，;；。]{1,8}?(?:研究会|学会|协会)"
    # a village's or neighbourhood's own organs are self-governing, not the government's
    r"|[^局厅委办院所部处队站与和及同、,，;；。]{0,8}?(?:村民委员会|居民委员会|村委会|居委会|两委|村党(?:总)?支部))")
# one of these in every NON_ADMIN_BODY
NON_ADMIN_WORD = re.compile(r"法院|检察院|学会|协会|研究会|律协"
                            r"|村民委员会|居民委员会|村委会|居委会|两委|村党")
# What is left of an organ's name when its kind is cut off: 审计 of 审计局, 人社 of 人社局.
ORGAN_KIND = re.compile(r"(?:分局|局|厅|委员会|委|办公室|办|人民法院|法院|人民检察院|检察院|中心)$")
PLACE_NOT_OWN_BODY = re.compile(r"开发|高新|新区|经济|工业|产业|园区|城区|市区|县城|辖区|社区|街道|乡镇")
# What stands before an organ and is no place: a verb governing it (指导县市场监管局…, 邀请县城市
# 管理局…) makes the organ an object, and so does a preposition (定期向…, 目录在…, 方案经…); an
# adverb or a person (认真贯彻…, 市长在…) is no place either.
PLACE_NOT_PLACE = re.compile(r"指导|督促|推动|协调|要求|帮助|支持|联合|会同|配合|邀请|陪同|通过|牵头|带领|"
                             r"组织|召集|约谈|围绕|贯彻|落实|宣传|责成|提请|召开|主持|带头|定期|及时|认真|紧紧|"
                             r"分别|书记|主任|目录|方案|[向在经对为把被]|[由于将从及并与]$|^[向在经由对为把及并与被全各每本我均]")
SUPERIOR_ACT = (r"(?:[、和及与][^,，;；。]{0,12})?(?:对[^,，;；。]{1,20}?|[^,，;；。]{0,8}?)"
                # gated: the lazy repeat tries the verbs after each character it takes
                + gated(by_first("部署|要求|作出|通报|安排|提出|" + ACT_VERBS)))
# A clause that carries on from a superior's deployment has the same subject unless it names
# the reporter (…，对各地提出要求 is still 省政府's; …，我县随即制定实施细则 is not).
# A body after one of these is the object (向市政府报备, 对省政府…), not the subject.
# 参加/参与/出席 likewise (组织执法人员参加全省资格考试 is the reporter's act).
NOT_SUBJECT = re.compile(r"(?:(?:向|对|经|报经|配合|协助|会同|与|接受|在|为|请|报请|报|由|参加|参与|出席|列席"
                         r"|提交|报送|送|移交|移送|提请"
                         r"|通过|依托|利用|借助|登录)"
                         r"[\u4e00-\u9fff]{0,4}"
                         # a list of addressees (向区委、区人大常委会和市人民政府报送…)
                         r"|(?:向|报|报请|报送|提交)[\u4e00-\u9fff]{1,12}(?:[、和及与][\u4e00-\u9fff]{1,12}){0,4}[、和及与])$")
# The reporter as the subject: with it, a clause beside a superior's deployment is the body's
# own (我县贯彻落实…、本局组织学习…).
OWN_SUBJECT = re.compile(
    r"(?:^|[,，;；])(?:我|本)(?:省|市|县|区|局|委|厅|办|乡|镇|街道|州|旗|部门|单位|机关|级)")
OWN_VERB = re.compile(by_first(r"贯彻|落实|转发|学习|传达|结合|对照|执行|细化|" + ACT_VERBS))
# A superior's clause opened by 按照/根据 (按照县司法局统一部署，对…文件进行了清理) names whose plan
# the reporter carried out: the clauses after it are the reporter's, not the superior's.
AFTER_ITS_PLAN = re.compile(r"^(?:按照|根据|依据|遵照|按)")
# In a department's report, the other departments of its place (全市各行政执法部门全年…查处…) are
# peers, whose work is theirs.
ALL_DEPARTMENTS = re.compile(r"^(?:全[省市县区州]|各级)?各[^,，;；。]{0,10}?(?:部门|单位|机关)")
# A clause after a superior's that reports the problems it raised put right (县审计局对我乡…进行了
# 审计，反馈问题4个，已整改3个): the audited body's act, whoever raised them.
OWN_RESPONSE = re.compile(r"(?:已|均已|已全部|全部|已经)(?:整改|完成整改|整改到位|整改完毕|销号)"
                          r"|整改(?:到位|完毕)")
# Figures a department passes on from others (据省信用办通报，…; 据各部门报送，全市执法部门…):
# the work counted is theirs. A government's 据市统计局统计，全市… is its own area's work, and a
# bare 据统计 names no one, so this is asked only of departments and needs a named source. A
# court's or a society's figures (据县人民法院通报…) are never the reporter's, whoever reports.
REPORTED_BY = re.compile(r"^据[^,，。;；]{0,12}?(?:各部门|各单位|部门|单位|[办局厅委院所会]|中心)"
                         r"[^,，。;；]{0,4}?(?:通报|报送|统计|反馈|汇总|提供|监测)")
# The reporter's clause takes up what the superior's named (…印发《方案》后，我县转发并制定实施
# 细则): the superior's words are then the subject of the reporter's work too, not only context.
TAKES_UP = re.compile(r"贯彻|落实|转发|传达|学习|专题|结合|对照|执行|细化|据此|承接|配套|实施细则|实施方案"
                      r"|整改")  # …审计，反馈问题4个，已整改3个: the audit's findings put right
# Clause parts that frame rather than report: 以习近平法治思想为指导, 在…的领导下, 按照…部署.
FRAMING = re.compile(by_first(
    r"(?:坚持|始终|全面|深入)?以[^,，;；。]{2,30}为(?:指导|指引|引领|统领|遵循|根本遵循|主线|抓手|目标|核心|重点|契机|导向)"
    r"|在[^,，;；。]{2,30}(?:的)?(?:坚强)?(?:领导|指导|引领)下"
    # 始终把学习贯彻习近平法治思想作为首要政治任务: a priority declared, not work done
    r"|(?:坚持|始终)?把[^,，;；。]{2,30}(?:作为|摆在|放在|列为)[^,，;；。]{0,8}?"
    r"(?:政治任务|首要任务|重要任务|突出位置|重要位置|首要位置|首位|重中之重)"
    # 围绕规范性文件清理、行政裁决、政务诚信建设等重点任务明确了牵头单位: a list of goals
    r"|围绕[^,，;；。]{2,80}?等[^,，;；。]{0,4}?(?:重点任务|重要任务|重点工作|任务|工作|方面|领域)"))
# A requirement addressed to others (要求各乡镇、各部门切实做好…报备, 督促各执法单位落实…) or an
# instruction given at a meeting (常务会议强调，要加强…): what it asks for is not yet work done,
# so an item named only inside it is mentioned. acts.frames skips a span that holds a figure
# (督促各地整改问题12个 reports a result).
_OF_OTHERS = r"(?:要求|督促|责成|号召)(?:各|全[省市县区镇乡州]|所有|下级|基层)"
DIRECTIVE = re.compile(by_first(
    _OF_OTHERS + r"[^,，;；。]*"
    r"|(?:强调|指出|要求)[,，:：](?:[^,，;；。]{0,10}?)(?:要|必须|务必|应当|需)[^。;；]*"))
DIRECTIVE_GATE = re.compile("要求|督促|责成|号召|强调|指出")  # every DIRECTIVE match opens on one
# A clause that opens with such a requirement (二是督促各县（市、区）梳理…): the requirement is
# its act, not the work required (acts._slogan).
DIRECTIVE_OPENER = re.compile(
    rf"^(?:[{CN_NUM}]+是|[{CN_NUM}]+、|\(?[{CN_NUM}]+\)|\d+[.、])?(?:同时|此外|并|还)?" + _OF_OTHERS)
# A clause that ends by saying something got better (后评估机制日趋完善, 工作质效明显提升, 出庭
# 应诉机制不断健全) states an outcome, not an act, whatever verbs its subject holds as nouns.
VAGUE_OUTCOME = (r"(?:日趋|日益|不断|逐步|进一步|明显|显著|持续|稳步|大幅|有效)"
                 r"(?:完善|健全|提升|提高|增强|加强|规范|优化|改善|巩固|深化|彰显)")
# Either, as one anchored match on a text from a clause's start (acts._slogan asks it of every
# clause with an act verb: one call, not three)
NO_ACT_CLAUSE = re.compile(DIRECTIVE_OPENER.pattern + "|" + r"[^,，;；:：。!?！？]*?"
                           + VAGUE_OUTCOME + r"(?:[,，;；:：。!?！？]|$)")
# A law or document as what was studied or taught (集中学习了…《优化营商环境条例》等法律法规,
# 《行政复议法》专题辅导): the topic of the study, not work on what its title names.
_STUDY_WORDS = ("学习", "学法", "培训", "辅导", "宣讲", "解读", "讲座", "轮训", "考试", "宣传")
_STUDY = "(?:" + "|".join(_STUDY_WORDS) + ")"
# A match opens at a 《 or a study word at most this far before one (see acts._studied_titles).
STUDIED_REACH = max(map(len, _STUDY_WORDS)) + 12
_STUDIED_AFTER = (rf"{_STUDY}[^,，;；。《》]{{0,12}}?"
                  rf"(?P<title>《[^》]{{2,40}}》(?:(?:[、和及与]|以及)?《[^》]{{2,40}}》)*)")
_STUDIED_BEFORE = rf"《[^》]{{2,40}}》(?=[^,，;；。《》]{{0,6}}?{_STUDY})"
# What acts._studied_titles finds is this pattern's finditer (kept as a string, for the tests) ...
STUDIED_TITLE_PATTERN = rf"{_STUDIED_AFTER}|(?P<before>{_STUDIED_BEFORE})"
# ... from its two branches searched apart: the whole, opening on a group, was entered at every
# position; each part alone opens on literals, and re looks for where it can start in C.
STUDIED_AFTER, STUDIED_BEFORE = re.compile(_STUDIED_AFTER), re.compile(_STUDIED_BEFORE)
THEORY_WORDS = re.compile(r"习近平|思想|讲话|论述|精神")
# The purpose or scope a gap clause opens with is not its subject: in 为提高行政复议质量开展的培训
# 不足 the shortfall is the training.
GAP_PURPOSE = re.compile(rf"^\s*(?:[{CN_NUM}]+是|[{CN_NUM}]+、|\d+[.、])?\s*"
                         r"(?:为了?|围绕|针对|结合|按照|根据|对于|在)[^,，;；]{1,30}?"
                         r"(?:开展|进行|组织|实施|而|的|中|上|方面)")
# Inside a gap clause, what the subject is compared with or takes part in is not the subject:
# 执法能力与综合执法改革的要求还不相适应 (personnel), 法律顾问参与重大行政决策的深度不够 (counsel).
GAP_NOT_SUBJECT = re.compile(r"与[^,，;；]{1,24}?的?(?:要求|需要|需求|期待|期望|标准|目标)"
                             # 与承接的86项执法事项不相匹配: what the subject falls short of
                             r"|与[^,，;；]{1,30}?(?=(?:还|仍|尚|明显|很)?(?:不相?(?:匹配|适应|适配|协调|符合|衔接|一致|对称)"
                             r"|(?:还|仍)?(?:有|存在)(?:一定)?差距))"
                             r"|(?:参与|参加|配合|协助|服务于?)[^,，;；的]{1,20}?(?:的|(?=[不未缺难还仍尚较偏]))")
CLAUSE_SPLIT = re.compile(r"[,，;；:：。!?！？]")
# A completed result stands even in a slogan clause (全面完成清理工作), unless it is only aimed at.
RESULT = re.compile(by_first(r"(?<!推动)(?<!促进)(?<!力争)(?<!确保)(?<!努力)(?<!争取)(?<!加快)(?<!助力)"
                    r"(?:完成|建成|实现了|达到|率达|全覆盖|通过验收|获评|荣获|入选)"))

# A point's lead sentence (二是强化事中事后监管。) works like a heading: it names the topic and
# the sentences after it, up to the next point, report the acts.
LEAD = re.compile(rf"^(?:[{CN_NUM}]+是|[{CN_NUM}]+、|\(?[{CN_NUM}]+\)|\d+[.、])[^,，;；。]{{2,24}}[。;；]?$")
# Words too common to tie an act sentence to the topic its lead or heading named.
GENERIC_TOKENS = frozenset("""法治 法治政府 工作 制度 建设 推进 依法 行政 政府 管理 机制 体系 能力 水平 执法
    加强 深化
    全面 服务 落实 完善 健全 强化 提升 规范 推动 深入 持续 坚持 贯彻 实施 开展 组织 工作机制""".split())

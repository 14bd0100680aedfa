"""Scopes: the qualifier that narrows a figure (规上, 签约项目, 工业用地, BT模式 …)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..zones.lexicon import type_pattern
from .lexicon import (
    ASIDE,
    CLAUSE_MARK,
    Words,
    after_last_comma,
    cues,
    has,
    keywords,
    pattern_of,
    scope_word_pattern,
    scope_words,
    status_pattern,
)

if TYPE_CHECKING:
    from .read import Fact

ANNUAL_TASK_END = re.compile(r"年(?:度)?(?:目标)?任务$|目标任务$|(?:年度|全年)(?:目标|计划)$|年计划$")
# Words that count projects (metric_keywords.csv rows of `projects`): 项目, and the cases Taiwan counts them
# as (4件投资审议案, 2件增资备查案). 项目区 is an area, not projects.
PROJECT_NOUNS = tuple(sorted((k.word for k in keywords() if k.metric == "projects"), key=len, reverse=True))
# The investment cases Taiwan counts projects as, in 件 (投增资案合计11件, 3件投资审议案): every word counting projects but 项目.
INVESTMENT_CASES = Words([noun for noun in PROJECT_NOUNS if noun != "项目"])
# The qualifier may be quoted: 25家“专精特新”企业, 2000家「四上」企業.
COUNT_NOUN = re.compile(
    r"(?:以上|左右)?(?:的)?([\u4e00-\u9fff\d.“”「」『』‘’\"]{0,12}?)("
    + "|".join(re.escape(noun) + ("(?!区)" if noun == "项目" else "") for noun in PROJECT_NOUNS)
    + "|"
    + "|".join(re.escape(noun) for noun in sorted(cues()["firm_nouns"], key=len, reverse=True))
    + ")"
)


def counted_noun(match: re.Match) -> str:
    """项目 for every word that counts projects (项目, 投增资案 …), or 企业 for every word that counts firms
    (cues.yaml firm_nouns: 企业, 厂商, 独角兽 …)."""
    return "项目" if match.group(2) in PROJECT_NOUNS else "企业"


def lexicon_scope(window: str) -> str | None:
    """The first scope word of scopes.csv found in the text (the file's order is the priority)."""
    if not scope_word_pattern().search(window):
        return None  # none of them: no need to try each
    for word, scope in scope_words():
        if word in window:
            return scope
    return None


_SCOPE_FILLER = re.compile(
    r"^(?:其中|以及|及|和|、|分别|依次|为|约为|约|近|达到|达|共|面积|总面积)+"
    r"|(?:面积)?(?:(?:扩展|扩大|增加|增长|提高|发展|上升|下降|减少|调整|跃升)[到至]|增至|约为|(?<!签)约|近|为|达到|达|共|合计|完成了?|实现了?)*"
    r"(?:(?:19|20)\d{2}年(?:底|末)?|十[一二三四五六]五(?:期末|末|初)?|目前|现在|如今|当前|今年|去年|原来)?的?$"
)


_GROUP_VERBS = re.compile(
    r"^(?:其中|涉及|包括|到|至|截至|截止|有|(?:19|20)\d{2}年度?|\d{1,2}月(?:份|底|末)?|投资[\d.]+[万亿]+元|分别|合计|全年|今年|年内|前三季度|[一二三四]季度|[上下]半年|集聚区|园区|开发区|全区|产业区|实际|现有|共有|拥有|已|共|累计|目前|完成|新批|批准|核准|新|引进|引入|承接|承担|安排|实施|推进|启动|开工|建设|签约|落地|竣工|投产|在建|入驻|入园|新增|培育|实现|达到|力争|明年|计划"
    r"|将|可|容纳|目标是|希望|期望|预计|争取|确保|下一步|下步)+"  # a goal's words (将引进企业30家, 可容纳企业40家)
)


def _as_group(scope: str | None, noun: str) -> str | None:
    """亿元以上项目 read over a count of firms is 亿元以上企业."""
    return scope[: -len("项目")] + noun if scope and scope.endswith("项目") and noun != "项目" else scope


_QUALIFIER_BREAK = re.compile(r"[、，；：（）()]|等")  # what ends the qualifier of a counted noun


def group_scope(clause_window: str, noun: str, after: str = "") -> str | None:
    """The qualifier of a counted group: 签约项目15个 -> 签约项目, 引进汽车零部件企业10家 -> 汽车零部件企业,
    86个亿元以上重点工业项目 -> 亿元以上项目."""
    clause_window = ASIDE.sub("", clause_window)  # 新批外资项目（包括增资项目）9个: the aside names no group
    following = COUNT_NOUN.match(after)
    if following and counted_noun(following) == noun and following.group(1):
        return _as_group(lexicon_scope(following.group(1) + noun), noun) or following.group(1) + following.group(2)
    at = clause_window.rfind(noun)
    if at < 0:
        return _as_group(lexicon_scope(clause_window), noun)
    if "等" in clause_window[at:]:
        return None  # 青禾公司压缩机项目等15个项目: the noun ends a member listed before 等, which names no group
    qualifier = _QUALIFIER_BREAK.split(clause_window[:at])[-1]
    named = _as_group(lexicon_scope(qualifier + noun), noun)
    if named:
        return _with_its_threshold(named, qualifier)
    qualifier = _GROUP_VERBS.sub("", _after_the_zone(qualifier))
    return qualifier + noun if 2 <= len(qualifier) <= 20 else None


def _with_its_threshold(named: str, qualifier: str) -> str:
    """其中10亿元以上项目9个, 营业收入10亿元以上企业18家: a group above another sum than 1亿元 keeps its sum (10亿元以上项目),
    as the gold writes 5000万元以上项目; it is a part of the 亿元以上 group, not that group."""
    threshold = _YI_THRESHOLD.search(qualifier) if named.startswith("亿元以上") else None
    return f"{threshold.group(1)}{named}" if threshold and float(threshold.group(1)) != 1 else named


_YI_THRESHOLD = re.compile(r"(?<![\d.])(\d{1,4}(?:\.\d{1,2})?)亿元?以上")
_INSIDE = ("内", "里")


def _after_the_zone(qualifier: str) -> str:
    """鹤翔经开区(内)(共有)入驻企业52家: the words after the zone's name (a zone type of zones.yaml closes it) qualify
    the group, the name and 内 after it do not (a count of the zone's firms, not a group named by its zone)."""
    names = list(type_pattern().finditer(qualifier))
    if not names:
        return qualifier
    after = qualifier[names[-1].end():]
    return after[1:] if after.startswith(_INSIDE) else after


_MARKS_AND_SPACES = re.compile(r"[\s，,；;：:、（）()“”\"]")  # what a scope's words are read without


def inherited_scope(window: str, inherited: Fact) -> str | None:
    """The sub-part a figure without its own wording names (其中工业用地56.51平方公里 -> 工业用地)."""
    words = _MARKS_AND_SPACES.sub("", window)
    if not words or re.search(r"较|比|同比", words) or ANNUAL_TASK_END.search(words):
        return inherited.scope  # a restatement in another unit, or the base of a comparison
    words = _SCOPE_FILLER.sub("", _SIZE_CLASS_END.sub("", _goal_lead().sub("", words)))
    if words in _TOTALS:
        return _whole_group(inherited)  # 新增规上工业企业12家，总数达到86家: the total of the same group
    if inherited.metric == "projects" and _a_state_of_the_group(words):
        return inherited.scope
    if _A_TIME_ALONE.fullmatch(words):
        return inherited.scope  # 2023年为280亿元，2024年为320亿元: another period of the same figure, no part of it
    return words if 2 <= len(words) <= 12 else inherited.scope


# Words that only say when (2024年为, 2016年同期, 2025年底达, 今年前三季度, 远期（2035年）): the same figure at another time.
_A_TIME_ALONE = re.compile(
    r"(?:(?:19|20)\d{2}年|\d{1,2}(?:[-—至]\d{1,2})?月份?|[今去明上本当]年|同期|年底|年末|年初|底|末|前三季度|上半年|下半年"
    r"|[一二三四]季度|全年|近期|中期|远期)+(?:为|是|达到|达|约|共)*"
)


_TOTALS = ("总数", "总量", "总计", "合计", "共计", "累计", "总共")
_NEW = re.compile(r"^(?:新增|新)")
_COUNTED_NOUNS = {"projects": "项目", "enterprises": "企业"}


def _whole_group(flow: Fact) -> str | None:
    """The group a total after a count of newcomers is of: 新增规上工业企业12家，总数达到86家 -> 规上; 新入驻企业23家，
    总数达到168家 -> the zone's firms (no scope); 新签约项目8个，累计40个 -> 签约项目. The newcomers' 新/新增 is
    dropped and what is left read as a counted group is."""
    noun = _COUNTED_NOUNS.get(flow.metric)
    if flow.scope is None or noun is None or not _NEW.match(flow.scope):
        return flow.scope
    return group_scope(_NEW.sub("", flow.scope), noun)


_ALREADY = re.compile(r"^(?:目前|现|截至目前)?已(?:经)?")


def _a_state_of_the_group(words: str) -> bool:
    """签约项目15个，其中已落地9个; 实施项目56个，已竣工12个: a status word alone (after 已) is the state of part of
    the same group of projects (their status says it), no sub-part of it. Firms have no status: 引进企业36家，已投产19家
    keeps 已投产 as the scope that sets the 19 apart."""
    rest = _ALREADY.sub("", words)
    return rest != words and bool(status_pattern().fullmatch(rest))


@lru_cache(maxsize=1)
def _goal_lead() -> re.Pattern:
    """确保完成60亿元，力争完成|68亿元, 预计全年可完成|55亿元: the goal's own words, its time and verb before a
    wordless figure name no sub-part (cues.yaml spendable_goal_words)."""
    return re.compile(rf"^(?:{pattern_of(cues()['spendable_goal_words']).pattern})+(?:全年|今年|年内|当年|年底)?(?:可望|有望|可)?(?:完成|实现|达到|达|突破|超过)?")
_SIZE_CLASS_END = re.compile(r"的(?:有|共)$")  # 上亿美元的有|3家: the size class is 上亿美元


def part_of_area(window: str, wording_at: int) -> str | None:
    """The part of the zone a bare 面积 is said of (其中建设重点区面积152平方公里 -> 建设重点区);
    None when it is the zone itself (园区面积, 该区面积)."""
    words = re.split(r"[，,；;：:、（）()]", window[max(0, wording_at - 24) : wording_at])[-1]
    words = _SCOPE_FILLER.sub("", re.sub(r"\s", "", words))
    if not 2 <= len(words) <= 12 or words in ("该区", "全区", "本区", "区域", "总") or has(cues()["zone_words"], words):
        return None
    return words


def names_another_group(window: str) -> bool:
    """千亿级产业集群2个 after a count of firms: the words before a wordless count name a group of
    something else (no scope word, no total), so it does not continue the count before it."""
    written = _MARKS_AND_SPACES.sub("", re.split(r"[，；;]", window[-32:])[-1])
    words = _SCOPE_FILLER.sub("", written)
    if "其中" in window:
        return False  # 其中，生命健康产业园55户: a breakdown of the count before
    if len(words) < 2 or words in _TOTALS or re.search(r"较|比|同比|同期", words) or status_pattern().search(written):
        return False  # a total, a base, or a status of the same group (其中已落地9个; 签约 keeps its 约)
    if has(cues()["group_states"], written):
        return False  # 实施项目56个，已竣工12个: a state of the same group
    return lexicon_scope(words) is None


def financing_scope(head: str) -> str | None:
    """The channel or beneficiary of money raised (BT模式, 企业), or in a 其中 breakdown the channel its clause names
    (融资46亿元，其中银行贷款28亿元，发行债券10亿元 -> 银行贷款, 债券)."""
    modes = re.findall(r"([A-Z]{2,4}|[\u4e00-\u9fff]{2,6}?)模式", head)
    if modes:
        return modes[-1] + "模式"
    if re.search(r"为企业[^，。；]*$", head):
        return "企业"
    if "其中" in head:
        channel = _CHANNEL_LEAD.sub("", head[after_last_comma(head) :].strip())
        return channel if _SHORTEST_CHANNEL <= len(channel) <= _LONGEST_CHANNEL else None
    return None


_CHANNEL_LEAD = re.compile(r"^(?:其中[，,：:]?)?(?:通过|发行|获得|争取|引入|实现|完成|到位)*")
_SHORTEST_CHANNEL, _LONGEST_CHANNEL = 2, 8  # characters of a channel's words (贷款, 银行贷款, 地方政府专项债券)


def owner_name(words: str) -> str:
    """规划占地300亩的创业园已开工 -> 创业园: the park an area belongs to, without what the sentence goes on to say of
    it (from a word that opens a statement: cues.yaml owner_said, 已, 现已, 正在 …; a stage word alone may be part of
    the name, 基础设施建设)."""
    said = pattern_of(cues()["owner_said"]).search(words, _SHORTEST_OWNER)
    words = words[: said.start()] if said else words
    # 8平方公里的核心区和15公里的科创大道: the words stop at the next figure, the conjunction before it joins another owner
    return _JOINING_END.sub("", words) if len(words) > _SHORTEST_OWNER else words


_JOINING_END = re.compile(r"(?:以及|和|及|与)$")
_SHORTEST_OWNER = 2  # characters of the shortest park name an area is said of (孵化园)


def part_of_a_flow(clause: str, metric: str, scope: str | None, sentence_facts: list[Fact], head: str = "") -> str | None:
    """新增就业岗位3200个，其中吸纳本地劳动力2800人; 新增入驻企业45家，其中规上企业12家: a breakdown (其中…, `clause` up to
    the figure) of a flow of firms or jobs counted before it in the sentence is part of that flow, never the zone's
    whole count: its scope opens with the flow's word (新增本地劳动力, 新增规上, as the gold writes 新增规上)."""
    clause = clause.lstrip(" ，,")
    if not clause.startswith("其中") or metric not in _COUNTED_FLOWS:
        return scope  # projects carry the flow in their status (新开工项目9个，其中亿元以上项目3个: started)
    parents = [fact for fact in sentence_facts if fact.metric == metric and fact.kind == "actual"]
    if parents:
        flow = pattern_of(cues()["flows"]).match(parents[-1].scope) if parents[-1].scope else None
    else:  # 新增市场主体860户，其中企业412户: the whole counted before is no fact of ours, its flow word still holds
        whole = CLAUSE_MARK.split(head.rsplit("其中", 1)[0].rstrip("，,：: "))[-1]
        flow = pattern_of(cues()["flows"]).search(whole)
    if flow is None or (scope is not None and scope.startswith(flow.group())):
        return scope
    if scope is None:
        words = _PART_LEAD.sub("", clause[len("其中") :])
        if words in _COUNTED_NOUNS.values():
            return flow.group()  # 新增市场主体860户，其中企业412户: the new firms, as 新增企业860户 is scoped 新增
        return flow.group() + words if _SHORTEST_PART <= len(words) <= _LONGEST_PART else flow.group()
    return flow.group() + scope


_COUNTED_FLOWS = ("enterprises", "employment")  # counts with no status to carry a flow
_PART_LEAD = re.compile(r"^[，,:：\s]*(?:吸纳|安置|招用|解决|带动|实现|完成|有|为|共)*")  # verbs before the part's words
_SHORTEST_PART, _LONGEST_PART = 2, 10  # characters of a part's own words kept in its scope (本地劳动力)

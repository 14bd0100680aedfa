"""Kinds: whether a figure is a goal (target) or reported (actual), and the sign of a growth rate."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from .lexicon import (
    PART_BREAK,
    cues,
    has,
    pattern_of,
    word_pattern,
)
from .scopes import ANNUAL_TASK_END

if TYPE_CHECKING:
    from .rules import Decision, Reading


COMPLETION = re.compile(r"的(\d+(?:\.\d+)?)%")
def growth_sign(window: str) -> int | None:
    up = list(pattern_of(cues()["growth_up"]).finditer(window))
    down = list(pattern_of(cues()["growth_down"]).finditer(window))
    if not up and not down:
        return None
    last_up = up[-1].end() if up else -1
    last_down = down[-1].end() if down else -1
    return -1 if last_down >= last_up else 1  # 负增长 ends where its 增长 does: the longer word, a decrease


def growth_sign_right_before(window: str) -> int | None:
    """+1 or -1 when the figure follows a one-character growth word (增, 减, 降), as headlines write it."""
    if window.endswith(cues()["growth_right_before_up"].prefixes):
        return 1
    if window.endswith(cues()["growth_right_before_down"].prefixes):
        return -1
    return None


def with_completion(reading: Reading, decision: Decision) -> Decision:
    """完成年任务40亿元的31.5%: the task is a target, and the share done is its stated completion."""
    text, end = reading.text, reading.quantity.end
    completion = COMPLETION.match(text, end, end + 10)
    if completion and ANNUAL_TASK_END.search(reading.window):
        decision.kind = "target"
        decision.stated_completion = float(completion.group(1))
    return decision


@lru_cache(maxsize=1)
def goal_words() -> re.Pattern:
    """The words is_target needs one of (a goal word or an annual plan): without them, no goal."""
    return word_pattern(cues()["target"].prefixes + cues()["annual_plan"].prefixes)


def is_target(head: str) -> bool:
    """A goal word before the figure in its sentence (力争, 确保, 预计 …) makes it a target, unless an
    achievement word comes after it (计划完成投资50亿元，实际完成42亿元) or its goal is spent in its own
    clause (为确保项目顺利推进，…完成投资50亿元)."""
    cleaned = _blank_estimates_of_what_was_done(pattern_of(cues()["not_target"]).sub(_blank, head))
    goal = _last_live_goal_end(cleaned)
    if has(cues()["annual_plan"], head):
        plan_end = _last_end(cues()["annual_plan"], head)
        if "完成" not in head[plan_end:]:  # 年度计划投资20亿元，完成投资18亿元: what was done of the plan
            goal = max(goal, plan_end)
    return goal >= 0 and goal > _last_end(cues()["achieved"], cleaned) and not _own_clause_reports(cleaned, goal)


def _own_clause_reports(head: str, goal: int) -> bool:
    """计划引进项目20个，目前已引进15个 / 力争入驻企业达到150家，现有入驻企业128家: the figure's own clause,
    after the goal word's, says what stands or was done so far (reported_so_far): it reports, the goal was
    the figure before."""
    breaks = list(PART_BREAK.finditer(head, goal))
    return bool(breaks) and reported_so_far(head[breaks[-1].end() :])


def _blank(match: re.Match) -> str:
    return "\0" * len(match.group())


def _blank_estimates_of_what_was_done(head: str) -> str:
    """完成工业总产值预计58亿元, 园区预计：完成产值35亿元: an estimate word after the verb of what was done in
    its own clause, or right before it across a colon, estimates the figure done (as 预计完成 does), no goal:
    blanked as the not_target words are."""
    done = pattern_of(cues()["done_before_an_estimate"])
    for match in list(pattern_of(cues()["estimate_words"]).finditer(head)):
        clause_start = max(head.rfind(mark, 0, match.start()) for mark in "，,；;：:") + 1
        done_before = done.search(head, clause_start, match.start())
        after = match.end() + 1 if head.startswith(("：", ":"), match.end()) else match.end()  # 预计：完成
        if done_before or done.match(head, after):
            head = head[: match.start()] + _blank(match) + head[match.end() :]
    return head


# A number keeps a goal word's clause reaching on to the figures after it (力争到2025年，…), as the words of
# cues.yaml goal_reaches_on do.
A_DIGIT = re.compile(r"[\d０-９]")


def _last_live_goal_end(head: str) -> int:
    """Where the last goal word of `head` that still reaches the figure ends (-1 when none does). A goal
    verb whose clause ends before the figure with nothing quantitative after it (为确保项目顺利推进，
    争取上级支持，力争上游，) sets a goal of its own, not the figure's."""
    spendable = cues()["spendable_goal_words"]
    for match in reversed(list(pattern_of(cues()["target"]).finditer(head))):
        match_end = match.end()
        if match.group() in cues()["bare_future_words"] and _future_reported_on(head, match):
            continue
        if match.group() not in spendable:
            return match_end
        clause_end = PART_BREAK.search(head, match_end)
        if clause_end is None:
            return match_end  # the figure's own clause
        rest = head[match_end : clause_end.start()].strip()
        if not rest or A_DIGIT.search(rest) or has(cues()["goal_reaches_on"], rest):
            return match_end  # 计划，… and 目标： announce what follows
    return -1


def _future_reported_on(head: str, match: re.Match) -> bool:
    """园区将继续优化服务，今年以来新增企业30家; 去年，省政府将该园区升级为…: a bare 将 followed by what
    is reported so far, or said in a sentence about a time past, sets no goal for the figure; nor does a 将
    that takes an object as 把 does (园区将项目建设作为中心工作: no future)."""
    return has(cues()["reported_after_future"], head[match.end() :]) or \
        has(cues()["past_before_future"], head[: match.start()]) or \
        takes_an_object().match(head, match.end()) is not None


@lru_cache(maxsize=1)
def takes_an_object() -> re.Pattern:
    """After 将: its object (not 被, a passive of what will be) and a verb of cues.yaml object_taking_verbs in
    its clause (将项目建设作为…, 将该园区列为…); 将纳入 with no object between is what will be."""
    verbs = pattern_of(cues()["object_taking_verbs"]).pattern
    return re.compile(rf"(?!被)[^，,。；;：:]{{1,15}}?(?:{verbs})")


# A year to come, written as a year or as the end of a five-year plan, from named parts: the sentence's
# pre-test (_A_YEAR_TO_COME) is built from the same parts as the two phrases, so it finds whatever they find.
_TO = "(?:到|至)"
_YEAR = r"((?:19|20)\d{2})年"
_PLAN_ORDINALS = "一二三四五六七"
_PLAN = rf"[“\"‘]?十([{_PLAN_ORDINALS}])五"

# Not after a year (2016年至2020年, 2016年到2020年): the end of a span looked back on, no goal year.
_BY_YEAR = re.compile(rf"(?<!年){_TO}{_YEAR}")


def future_year(reading: Reading) -> bool:
    """到2025年…达到120亿元 (or 到“十四五”末, the end of a five-year plan) in a report signed before that
    year: a goal for a year still to come."""
    if not reading.sentence_holds(_A_YEAR_TO_COME):
        return False  # asked once per sentence: most name no year to come, and a head is a part of its sentence
    head = reading.head
    if "到" not in head and "至" not in head:
        return False  # both phrases open on 到 or 至: a head without either names no year to come
    ends = [(int(m.group(1)), m.end()) for m in _BY_YEAR.finditer(head)]
    ends += [(plan_end_year(m.group(1)), m.end()) for m in _BY_PLAN_END.finditer(head)]
    if not ends:
        return False
    year, end = max(ends, key=lambda found: found[1])
    if _last_end(cues()["achieved"], reading.head) >= end:
        return False
    if reading.doc_year is None:  # an undated report: 到2030年 is how goals are said
        return _goal_year_phrase(reading.head, end)
    return year > reading.doc_year


# 到2020年底, 截至2010年10月, 从…到2018年, 由…增长到2023年的: a date reached or a span looked back on,
# not a goal year.
_DATE_REACHED = re.compile(r"(?:底|末|止|为止|的|\d{1,2}月|[一二三四五六七八九十]{1,2}月|上半年|前三季度|第?[一二三四]季度)")
_BY_YEAR_AT = re.compile(r"(?:截|止|截止)(?:到|至)$|[从由][^。；;]*$")


def _goal_year_phrase(head: str, end: int) -> bool:
    """到2030年 ending its phrase, not 截至2010年10月, 到2020年底 or 从2010年…到2018年."""
    if _DATE_REACHED.match(head, end):
        return False
    year_start = head.rfind("年", 0, end) - 4
    return not _BY_YEAR_AT.search(head, 0, max(0, year_start))


_BY_PLAN_END = re.compile(rf"{_TO}{_PLAN}[”\"’]?(?:规划)?(?:末|期末)")
# The opening of either phrase, with no look behind: a sentence without it holds neither in any of its parts.
_A_YEAR_TO_COME = re.compile(rf"{_TO}(?:{_YEAR}|{_PLAN})")


def plan_end_year(ordinal: str) -> int:
    """十四五 (the 14th five-year plan, 2021–2025) ends in 2025: plan N ends in 1955 + 5N."""
    return 1955 + 5 * (10 + _PLAN_ORDINALS.index(ordinal) + 1)


def planned_here(reading: Reading) -> bool:
    """A figure in a plan section is a goal unless its sentence reports it as achieved, or says what stands
    or was done so far after its last goal word (园区规划 … 已建成区8平方公里, 现有规上企业45家)."""
    return reading.in_plan_section and not reading.head_holds(cues()["achieved"]) and not reported_so_far(reading.head)


def reported_so_far(head: str) -> bool:
    """A word of what stands or was done so far (已, 现有, 目前, 截至, 累计, 去年 …) after the head's last goal
    word: the figure reports, whatever section it stands in (在现有基础上 is where a goal starts, no report)."""
    cleaned = pattern_of(cues()["not_reported_so_far"]).sub(_blank, head)
    reported = _last_end(cues()["reported_so_far"], cleaned)
    return reported >= 0 and reported > _last_end(cues()["target"], cleaned)


def names_a_goal_after(reading: Reading) -> bool:
    """达成3600亿元目标: the figure is the goal the words after it name."""
    return reading.after.startswith(cues()["target_after"].prefixes) or goal_noun_after(reading.after)


@lru_cache(maxsize=1)
def _goal_noun_after() -> re.Pattern:
    """100亿元的奋斗目标, 30个的工作目标, 15.8平方公里的土地建设任务: a goal noun (cues.yaml goal_nouns) a few
    words after the figure's 的."""
    return re.compile(rf"(?:以上)?的[^，,。；;：:、\d]{{0,6}}?(?:{pattern_of(cues()['goal_nouns']).pattern})")


def goal_noun_after(after: str) -> bool:
    """The figure is what a goal or a task named right after it (…的年度目标, …的建设任务) sets."""
    return _goal_noun_after().match(after) is not None


_COUNT_NOUN_LONGEST = 4  # the count's own noun (企业, 个项目) between the figure and the word of what is to come


def count_still_to_come(reading: Reading) -> bool:
    """3家企业即将入驻, 5个项目将于年底投产, 8个企业将全部动工: a count whose noun is followed by a word of what
    is still to come (将 and what it opens) counts a goal (已投产4家 and 正在建设7家 beside it stay actual)."""
    if reading.quantity.dimension != "count":
        return False
    after, words = reading.after, cues()["to_come_after"].prefixes
    for start in range(min(_COUNT_NOUN_LONGEST, len(after)) + 1):
        if after.startswith(words, start) and not after.startswith(cues()["not_target"].prefixes, start):
            return True  # (not 将近: 5个项目将近…, nearly)
        if start < len(after) and not "\u4e00" <= after[start] <= "\u9fff":
            return False  # the noun ends at a digit or a mark: nothing to come is said of this count
    return False


_ESTIMATE_OPENING = re.compile(r"\s*预计")


def continues_an_estimate(reading: Reading) -> bool:
    """预计1-6月，完成工业总产值187亿元…。上缴税收2亿元: a sentence of the same paragraph that opens on an
    indicator, with no time of its own, right after a sentence opening on 预计 whose figures are all
    estimates, goes on with them."""
    previous, sentence = reading.previous_facts, reading.sentence
    if not previous or sentence.index == 0:
        return False
    before = reading.document.sentences[sentence.index - 1]
    if before.paragraph != sentence.paragraph or previous[0].quantity.start < before.start:
        return False
    if not _ESTIMATE_OPENING.match(reading.text, before.start):
        return False  # asked before the look over the figures: most sentences before open on no 预计
    if any(fact.kind not in ("growth", "target") for fact in chain(previous, reading.sentence_facts)):
        return False  # a figure stated as done before: no run of estimates (the first one found ends the look)
    if reading.head_holds(cues()["achieved"]):
        return False
    return not _OWN_TIME.search(reading.head)


_OWN_TIME = re.compile(r"\d{1,4}\s*[年月]|[今去明本上下]年|季度|上半年|下半年|全年|目前|截至|截止")


def _last_end(words: list[str], text: str) -> int:
    """Where the last of `words` in `text` ends (-1 when none is there)."""
    found = -1
    for match in pattern_of(words).finditer(text):
        found = match.end()
    return found


def an_estimate_for_the_running_year(reading: Reading) -> bool:
    """2023年，园区预计完成产值1860亿元 in a report dated in 2023; 今年园区预计实现营业收入50亿元: what the year still
    running is estimated to reach is a target, not yet achieved (an estimate of a span of months, 1-11月预计完成…,
    or of a year the report looks back on, estimates what was done: actual)."""
    estimate_of_done = _estimate_of_done()
    if not reading.sentence_holds(estimate_of_done):
        return False  # asked once per sentence: most hold no estimate
    head = reading.head
    estimates = [match.start() for match in estimate_of_done.finditer(head)]
    if not estimates or _part_of_a_year().search(head):
        return False
    at = estimates[-1]  # the last estimate before the figure: the year it follows is the one estimated
    own_clause = head[max(head.rfind(mark, 0, at) for mark in "，,；;") + 1 : at]
    if has(cues()["past_before_future"], own_clause):
        return False  # 今年是收官之年，园区上年预计完成…: the year before
    years = list(_A_YEAR.finditer(head, 0, at))
    if years:
        return reading.doc_year is not None and int(years[-1].group(1)) == reading.doc_year
    return pattern_of(cues()["running_year_words"]).search(head, 0, at) is not None


@lru_cache(maxsize=1)
def _estimate_of_done() -> re.Pattern:
    """预计完成, 预计全年实现: an estimate word, the year at most, and the verb of what is done (cues.yaml estimate_words,
    running_year_words, done_before_an_estimate)."""
    estimate, done = pattern_of(cues()["estimate_words"]).pattern, pattern_of(cues()["done_before_an_estimate"]).pattern
    running = pattern_of(cues()["running_year_words"]).pattern
    return re.compile(rf"(?:{estimate})(?:全年|{running})?(?:{done})")


@lru_cache(maxsize=1)
def _part_of_a_year() -> re.Pattern:
    """A month (1-11月, 十一月) or a word of a part of a year or a span up to now (cues.yaml part_of_a_year_words)."""
    words = pattern_of(cues()["part_of_a_year_words"]).pattern
    return re.compile(rf"\d{{1,2}}\s*月|[一二三四五六七八九十]{{1,2}}月|{words}")


_A_YEAR = re.compile(r"((?:19|20)\d\d)\s*年(?!\d|代|底前|以前|前)")

"""Named rules that decide whether a figure is a fact, and of which metric and kind.

Each rule is a small function named after what it decides. A rule that leaves a figure out
raises `LeftOut` with its own name, so `facts.explain` can say why a figure was not kept.
This module holds the reading order; the rules live by what they decide: fact_gates (figures
that are no zone amount), fact_wordings (which metric the words name), fact_kinds (goal or
report). Word lists live in lexicon/cues.yaml and lexicon/metric_keywords.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.periods import base_year
from ..text.sentences import LONGEST_SENTENCE, Sentence
from ..text.units import Quantity
from .firms import a_firm_the_sentence_opens_on, a_named_firms_figure, said_of_a_firm_it_becomes
from .gates import (
    GATE_NOTES,
    a_count_in_pieces_of_no_investment_case,
    a_group_s_amount,
    amount_gates,
    each_of_a_group,
    project_group_after,
)
from .kinds import (
    an_estimate_for_the_running_year,
    continues_an_estimate,
    count_still_to_come,
    future_year,
    goal_words,
    growth_sign,
    growth_sign_right_before,
    is_target,
    names_a_goal_after,
    planned_here,
    reported_so_far,
    with_completion,
)
from .lexicon import (
    CLAUSE_MARK,
    METRIC_DIMENSION,
    NEW_PART,
    NOT_A_METRIC,
    PART_BREAK,
    Keyword,
    after_last_comma,
    after_last_semicolon,
    cues,
    has,
    keyword_index,
    keyword_pattern,
    metric_units,
    pattern_of,
    status_pattern,
    word_pattern,
)
from .scopes import ANNUAL_TASK_END, names_another_group
from .subjects import WIDER_PLACE_RULES, not_the_zone
from .wider_places import about_a_wider_place_before
from .wordings import (
    ONE_PROJECT_BUILT,
    amount_wording,
    closes_on_an_institution,
    counts_something_named_after,
    in_a_goal_column,
    infrastructure_spending,
    last_keyword,
    money_put_into_works,
    names_a_project_group,
    names_an_indicator_of_its_own,
    names_other_indicator,
    secured_funds,
    wording_named_after,
    wording_of_a_heading_sentence,
    wording_of_a_list_heading,
    wording_of_a_list_item,
    wording_of_a_table_cell,
)

if TYPE_CHECKING:
    from ..document import Document
    from .read import Fact

CLAUSE_STOP = re.compile(r"[，；。！？：,;\n]")
_COMPANY_SUBJECT = re.compile(r"(?:有限公司|股份公司|公司|集团)(?!投资)")
_LIST_ITEM_START = re.compile(r"[、，,；;：:]")  # what opens an item of a list or a clause
class LeftOut(Exception):  # noqa: N818 - an outcome of reading, not an error
    """A figure seen but not kept: `rule` names the rule that left it out; `unplaced` is the
    quality note for a money/area figure nobody could place."""

    def __init__(self, rule: str, unplaced: str | None = None):
        super().__init__(rule)
        self.rule = rule
        self.unplaced = unplaced


@dataclass(slots=True)
class Reading:
    """One figure being read: the report around it and what its sentence has read so far. The
    words around the figure are cut once, here: nearly every rule reads them."""

    document: Document
    sentence: Sentence
    quantity: Quantity
    window: str  # the words between the figure before it (or the sentence start) and it
    sentence_facts: list
    previous_facts: list
    breakdown: bool  # the sentence starts with 其中: it breaks down the sentence before
    project_context: bool
    left_out: list = field(default_factory=list)  # (quantity, rule) of the sentence's figures left out so far
    in_plan_section: bool = False  # under a heading that announces goals (二、2025年工作计划)
    doc_year: int | None = None  # the year the report was signed, when known
    sentence_memo: dict = field(default_factory=dict)  # shared by the sentence's readings: see sentence_holds
    report_on_a_group: bool = False  # the report's subject is a group of zones (全省11个重点园区): sums are its figures
    report_on_a_place: bool = False  # a district's or county's own report (统计公报): its 全区 is the district
    sums_before: list = field(default_factory=list)  # (quantity, its sentence's start): the sentence before's wider sums
    groups_named_again: frozenset = frozenset()  # groups of zones the report names again and again (gates.groups_named_again)
    own_zone_at: tuple = ()  # where 我区/我园 speak of the report's own zone as a clause's subject (zones/scopes.py)

    text: str = field(init=False)  # the document's normalised text
    head: str = field(init=False)  # the sentence up to the figure
    clause_begin: int = field(init=False)  # where the clause holding the figure starts
    clause: str = field(init=False)  # the clause holding the figure, up to the figure
    after: str = field(init=False)  # the rest of the figure's clause

    def __post_init__(self) -> None:
        self.text = text = self.document.text
        start = self.quantity.start
        self.head = text[self.sentence.start : start]
        self.clause_begin = self.document.clause_start(start, self.sentence.start)
        self.clause = text[self.clause_begin : start]
        self.after = clause_after(text, self.quantity.end)

    @property
    def clause_within_window(self) -> str:
        """Its clause, cut at the figure before when that stands inside it: the words only this figure owns."""
        return min(self.clause, self.window, key=len)

    @property
    def parent_pool(self) -> list:
        return self.sentence_facts or (self.previous_facts if self.breakdown else [])

    def fact_read_after(self, start: int) -> bool:
        """Whether the sentence's last fact starts after `start`: a figure left out there is no longer
        the last word of its sentence, and what follows does not go on from it."""
        return bool(self.sentence_facts) and self.sentence_facts[-1].quantity.start > start

    def head_holds(self, words: list[str]) -> bool:
        """has(words, head) for a cue list, its sentence asked first (sentence_holds): a word nowhere in the
        sentence is not in its head, and the sentence is searched once for all its figures."""
        return self.sentence_holds(words) and has(words, self.head)

    def sentence_holds(self, words: list[str] | re.Pattern) -> bool:
        """Whether any of `words` (a cue list, or a pattern without anchors or lookarounds) is in the
        figure's sentence. Asked once per sentence, it spares the search of a part of it (head,
        clause, window) for every figure: what is nowhere in the sentence is in none of its parts."""
        # Keyed by identity: cue lists and patterns live as long as the process, and hashing a pattern
        # hashes its whole program; the pattern is looked up only on the sentence's first ask.
        key = id(words)
        found = self.sentence_memo.get(key)
        if found is None:
            pattern = words if isinstance(words, re.Pattern) else pattern_of(words)
            found = self.sentence_memo[key] = bool(pattern.search(self.text, self.sentence.start, self.sentence.end))
        return found


@dataclass
class Decision:
    """What the rules decided for a figure that is kept."""

    metric: str
    kind: str
    value: float
    keyword: Keyword | None = None
    inherited: Fact | None = None
    basis: str | None = None
    stated_completion: float | None = None
    wording_at: int | None = None  # where the wording starts in the figure's window


def clause_after(text: str, end: int) -> str:
    # Searched no further than a sentence can reach: text without any stop stays linear.
    limit = min(len(text), end + LONGEST_SENTENCE)
    stop = CLAUSE_STOP.search(text, end, limit)
    return text[end : stop.start() if stop else limit]


def decide(reading: Reading) -> Decision:
    """The metric and kind of a figure, or LeftOut naming the rule that leaves it out."""
    if reading.quantity.rate:
        raise LeftOut("rate_or_threshold_unit")
    other_subject = not_the_zone(reading)
    if other_subject:
        raise LeftOut(other_subject)  # 全市完成…; 上述项目已完成投资532亿元 after 我省推进…项目: the province's
    if reading.quantity.dimension in ("percent", "ratio"):
        return read_growth(reading)
    if a_count_in_pieces_of_no_investment_case(reading):
        raise LeftOut("counts_something_else")  # a figure of its own, as in a unit no metric has
    if reading.quantity.dimension in ("money", "area", "person", "count"):
        decision = site_works_done_on_the_area(reading, read_amount(reading))  # before a plan's area is made a fact
        return a_stage_of_projects_counted(reading, a_plan_states_its_area(decision))
    raise LeftOut("unit_of_no_metric")


_RISE_NAMED_LONGEST = 24  # the window's end that may hold the firms' name and their rise (入驻企业数较去年增长)


@lru_cache(maxsize=1)
def _rise_on_the_year_before() -> str:
    """比去年增加, 较上年同期增长, 比上年净增 (cues.yaml firms_rise_words), as a pattern to build on."""
    return rf"(?:比|较)[^，,；;。\d]{{0,8}}?{pattern_of(cues()['firms_rise_words']).pattern}了?"


@lru_cache(maxsize=1)
def _rise_alone() -> re.Pattern:
    """，比去年增加: the rise is all the words between the count before and the figure."""
    return re.compile(rf"[，,]?{_rise_on_the_year_before()}")


@lru_cache(maxsize=1)
def _firms_come_in_risen() -> re.Pattern:
    """入驻企业数较去年增长|96个: the count of firms come in (cues.yaml firms_come_in) named right before its rise."""
    return re.compile(rf"{pattern_of(cues()['firms_come_in']).pattern}(?:总数|数量|数)?{_rise_on_the_year_before()}$")


def firms_come_in_since(reading: Reading) -> Decision | None:
    """入驻企业累计2200户，比去年增加367户; 入驻企业数较去年增长189个: the rise in the count of firms that came
    into the zone is the count of firms come in since (enterprises), not the size of a change left out."""
    quantity = reading.quantity
    if quantity.dimension != "count" or not quantity.raw.endswith(cues()["firm_measures"].prefixes + ("个",)):
        return None
    window = reading.window
    if _firms_come_in_risen().search(window, max(0, len(window) - _RISE_NAMED_LONGEST)) or rise_of_the_firms_come_in_before(reading):
        return Decision("enterprises", "actual", quantity.value)
    return None


def rise_of_the_firms_come_in_before(reading: Reading) -> bool:
    """入驻企业累计1650户，|比去年增加|204户: only the rise stands between the figure and the sentence's last fact,
    the standing count of firms come in, named in its own clause, in the same measure word of firms. Not the rise of
    another group counted after them (其中规上企业48家，比去年增加6家) nor of a flow (新增入驻企业45家)."""
    if not reading.sentence_facts or not _rise_alone().fullmatch(reading.window):
        return False
    last = reading.sentence_facts[-1]
    if last.metric != "enterprises" or last.kind != "actual" or not last.cumulative:
        return False
    measure = last.quantity.raw[-1]
    if last.quantity.end != reading.quantity.start - len(reading.window) or measure != reading.quantity.raw[-1]:
        return False
    if measure not in cues()["firm_measures"]:
        return False  # 入驻企业获批技术中心12个，比去年增加4个: centres, whatever the count before was read as
    clause_begin = reading.document.clause_start(last.quantity.start, reading.sentence.start)
    return has(cues()["firms_come_in"], reading.text[clause_begin : last.quantity.start])


def a_plan_states_its_area(decision: Decision) -> Decision:
    """到2025年，园区规划面积30平方公里 / a plan section's 规划面积: a planned area is what the plan states,
    a fact of the zone, not a goal still to reach (its growth stays a growth)."""
    if decision.metric == "area_planned" and decision.kind == "target":
        decision.kind = "actual"
    return decision


_STAGE_REACH = 8  # characters after a count where the stage of its projects is named (12个前期项目, 5个重大前期项目)


def a_stage_of_projects_counted(reading: Reading, decision: Decision) -> Decision:
    """拟建项目3个, 下一步协调解决…等6个前期项目用地问题: a count of projects at an early
    stage (cues.yaml project_stage_words) is how many stand at that stage now, not a goal, whatever goal word the
    sentence holds: the stage is the projects', not the report's plan. The stage must name the counted projects:
    in the count's own clause with no later status after it (加快前期项目转化，力争新开工项目30个 and
    推动前期项目开工20个 count the starts aimed at, a goal)."""
    if decision.metric != "projects" or decision.kind != "target":
        return decision
    if has(cues()["project_stage_words"], reading.after[:_STAGE_REACH]) or _the_stage_before_the_count(reading.clause):
        decision.kind = "actual"
    return decision


def _the_stage_before_the_count(clause: str) -> bool:
    """Whether the clause up to a count names an early stage with no project status after it (拟建项目: yes;
    前期项目开工: no, the count is of starts)."""
    stages = list(pattern_of(cues()["project_stage_words"]).finditer(clause))
    return bool(stages) and status_pattern().search(clause, stages[-1].end()) is None


def site_works_done_on_the_area(reading: Reading, decision: Decision) -> Decision:
    """完成了首期2.5平方公里的基础设施建设, 首期820亩土地的基础设施基本到位, 达到“五通一平”标准的土地面积17平方公里,
    起步区2.6平方公里滚动开发已初见成效: an area its clause says the site works are done on (cues.yaml site_works and
    site_works_done, both in the clause) is land developed, not the planned area, unless a word of the plan
    stands before it in the clause (规划面积10平方公里，基础设施… is read clause by clause: cues.yaml plan_area_words)
    or its clause says the works are not done yet (cues.yaml site_works_not_done: 尚未建成). Read before a plan's
    planned area is made a fact (a_plan_states_its_area), so works a goal will finish stay a goal (力争年内完成…)."""
    if decision.metric != "area_planned" or not reading.sentence_holds(cues()["site_works"]):
        return decision
    clause = reading.clause + reading.quantity.raw + reading.after
    if has(cues()["site_works"], clause) and has(cues()["site_works_done"], clause) \
            and not has(cues()["site_works_not_done"], clause) and not has(cues()["plan_area_words"], reading.clause):
        decision.metric = "area_developed"
    return decision


# --- growth rates ------------------------------------------------------------------------


def read_growth(reading: Reading) -> Decision:
    """A percentage after a growth word: the growth of the metric named before it, or of the figure it follows."""
    if each_of_a_group(reading):
        raise LeftOut("each_of_a_group")  # 8个开发区投资增速均超过15%: a mark each member passes, no one rate
    listed_item = growth_of_a_list_item(reading)
    if listed_item:
        return listed_item
    last = reading.sentence_facts[-1] if reading.sentence_facts else None
    continued = last is not None and last.kind == "growth" and (
        reading.window.strip() in cues()["list_joiners"]
        or reading.window.strip(" 、，,") in cues()["stretch_goal_leads"]  # 增长15%、力争18%
    )
    sign = growth_sign(reading.window)
    if sign is None and continued and last is not None:
        sign = 1 if last.value >= 0 else -1  # 分别增长12.3%和8.1%
    if sign is None:
        sign = growth_sign_right_before(reading.window)  # 营收增12.5%, 产值降3%
    if sign is None and reading.after.startswith(cues()["growth_after"].prefixes):
        sign = 1  # 产值达334亿元，12.1%的增速
    if sign is None and reading.quantity.growth_column:
        sign = 1  # a table's growth column (增长%): the number carries its own sign
    if sign is None and signed_right_after_an_amount(reading, last):
        sign = 1  # 营业收入121.5亿元(+12.5%), 产值80亿元（-3.2%）: the number carries its own sign
    if sign is None and last is not None and another_member_s_rate(reading, last):
        sign = 1 if last.value >= 0 else -1  # 其中甲园区增长48.9%，乙园区为23.8%
    if sign is None:
        raise LeftOut("percent_without_growth_word")
    if a_share_after_the_growth_word(reading.window):
        raise LeftOut("a_share")  # 呈增长势头的企业占规上工业企业75.8%
    if a_level_reached(reading.clause):
        raise LeftOut("a_level_reached")  # 工业集聚度提高到63.5%: the ratio's level, not a growth rate
    quantity = reading.quantity
    basis = base_year(reading.clause)
    if basis is None and continued and last is not None:
        basis = last.basis
    value = sign * (quantity.value * 100 if quantity.dimension == "ratio" else quantity.value)
    found = last_keyword(reading.window, "money") or last_keyword(reading.window, "count") or last_keyword(reading.window, "area")
    if not found and quantity.growth_column and not reading.parent_pool:
        found = next(filter(None, (wording_of_a_table_cell(reading, kind) for kind in ("money", "count", "area"))), None)
    if found and a_group_of_firms_growing(reading.window, found):
        found = None  # 工业增加值31亿元，其中规上企业增长11.3%: the growth of the figure before, for those firms
    if found:
        metric = found[0].project_metric if growth_of_a_project_group_s_amount(reading, found) else found[0].metric
        return Decision(metric, "growth", value, keyword=found[0], basis=basis)
    listed = pattern_of(cues()["respectively"]).search(reading.window)  # paired later, in list order
    kept_first = listed is not None and kept_figures_open_the_list(reading)
    foreign = None if kept_first else foreign_amount_before(reading)
    if foreign:
        if foreign[1] is None:
            raise LeftOut("growth_of_a_foreign_currency_amount")  # 合同利用外资8174万美元，增长1.8倍
        keyword = foreign[1]
        metric = keyword.project_metric if reading.project_context or reading.sentence_facts and any(
            f.metric == "projects" for f in reading.sentence_facts
        ) else keyword.metric
        return Decision(metric, "growth", value, keyword=keyword, basis=basis)  # 总投资9623万美元，增长62.7%
    since = reading.sentence_facts[-1].quantity.end if reading.sentence_facts else reading.sentence.start
    between = pattern_of(cues()["share_words"]).sub("", reading.text[since : quantity.start])
    if not listed and names_other_indicator(between):
        raise LeftOut("growth_of_an_indicator_outside_the_vocabulary")  # 工业增加值(34.4亿元)增长9%
    if listed and not kept_first and lists_only_outside_indicators(reading.window[: listed.start()]):
        raise LeftOut("growth_of_an_indicator_outside_the_vocabulary")  # 人均可支配收入和人均纯收入分别增长8.5%、9.5%
    if not listed and reading.left_out and figure_of_its_own(*reading.left_out[-1]) and (
        not reading.sentence_facts or reading.left_out[-1][0].start > reading.sentence_facts[-1].quantity.start
    ):
        raise LeftOut("growth_of_a_figure_left_out")  # 实现财政收入15亿元，增长8%; 吞吐量80万吨，增长15%
    measured = wording_before_a_base(reading)
    if measured:
        return Decision(measured.metric, "growth", value, keyword=measured, basis=basis)
    ranked = wording_of_a_ranked_list(reading)
    if ranked:
        return Decision(ranked.metric, "growth", value, keyword=ranked, basis=basis)
    if not reading.parent_pool:
        raise LeftOut("growth_with_no_figure_before_it")
    inherited = figure_before_its_bracket(reading) or reading.parent_pool[-1]  # 同比增长8.8%: the growth of the figure before it, in its scope
    return Decision(inherited.metric, "growth", value, inherited=inherited, basis=basis)


_BRACKET_CLOSE = ("）", ")")


def growth_of_a_project_group_s_amount(reading: Reading, found: tuple[Keyword, int]) -> bool:
    """引进投资额同比增长32.2%, 签约项目投资额增长15%: the growth of an amount its own clause says of projects brought
    in or of a group of projects is the growth of that group's amount, not of the zone's investment."""
    keyword, at = found
    if keyword.project_metric == keyword.metric or has(cues()["zone_investment_indicators"], keyword.word):
        return False
    own = reading.window[after_last_comma(reading.window, at) : at]
    return own.endswith(cues()["intake_verbs"].prefixes) or names_a_project_group(own)


def figure_before_its_bracket(reading: Reading) -> Fact | None:
    """工业总产值23.2亿元（其中东片区2150万元），同比增长27%: a growth rate right after a bracket that breaks
    the figure before it down is the growth of that figure, not of the part in the bracket."""
    if not reading.window.lstrip().startswith(_BRACKET_CLOSE):
        return None
    pool, text = reading.parent_pool, reading.text
    if len(pool) < 2:
        return None
    inner = pool[-1].quantity.start
    opened = max(text.rfind("（", reading.sentence.start, inner), text.rfind("(", reading.sentence.start, inner))
    if opened < 0 or any(mark in text[opened:inner] for mark in _BRACKET_CLOSE):
        return None
    before = [fact for fact in pool if fact.quantity.end <= opened]
    if not before or text[before[-1].quantity.end : opened].strip():
        return None  # the bracket opens right after the figure it breaks down
    return before[-1]


# 其中甲园区增长48.9%，乙园区为23.8%，丙园区则为1.9%: a member's name and a copula, nothing else, between a
# growth rate and the next percentage.
_MEMBER_S_RATE = re.compile(r"[，,、；;]?(?:其次|次之|其中)?[，,]?[\u4e00-\u9fff]{1,10}?(?:则|也|仅)?(?:为|是)$")


def another_member_s_rate(reading: Reading, last) -> bool:
    """A percentage right after its sentence's growth rate, with only a member's name and 为 between
    (甲园区增长48.9%，乙园区为23.8%): the same growth, of another member of the list."""
    if last.kind != "growth" or reading.quantity.dimension != "percent":
        return False
    window = reading.window.strip()
    if not _MEMBER_S_RATE.fullmatch(window) or has(cues()["not_a_member_s_name"], window):
        return False
    return keyword_pattern().search(window) is None and not names_other_indicator(window)


def wording_of_a_ranked_list(reading: Reading) -> Keyword | None:
    """营业收入增长较快的园区有3家，分别是甲园区增长40.1%、乙园区增长29.1%: growth rates listed after
    分别/依次 in a sentence that has kept no figure yet are the growth of the wording named before the
    marker (the list ranks members by it)."""
    if reading.sentence_facts:
        return None
    markers = list(pattern_of(cues()["respectively"]).finditer(reading.head))
    if not markers:
        return None
    named = reading.head[: markers[-1].start()]
    for dimension in ("money", "count", "area"):
        found = last_keyword(named, dimension)
        if found:
            return found[0]
    return None


# Figures a growth rate right after them is measured from or with: the base (较上年的85亿元增长15%) and
# the size of the change (比上年增加20亿元，增长15%).
_MEASURED_WITH = {"a_comparison_base", "size_of_a_change", "percent_without_growth_word"}
_AMOUNT_DIMENSIONS = ("money", "count", "area")


def wording_before_a_base(reading: Reading) -> Keyword | None:
    """工业总产值较上年同期的85.2亿元增长15.6%, 工业总产值比上年增加20亿元，增长15%, 规上工业产值完成全年目标的43.6%，同比
    下降8.2%: a growth right after the base it is measured from, the size of the change or the share the figure is of a
    whole or a goal (a figure left out by those rules, no fact of the sentence after it) is the growth of the wording
    before that figure."""
    if not reading.left_out or reading.left_out[-1][1] not in _MEASURED_WITH:
        return None
    base = reading.left_out[-1][0]
    if reading.fact_read_after(base.start):
        return None
    before = reading.text[reading.sentence.start : base.start]
    dimensions = (base.dimension,) if base.dimension in _AMOUNT_DIMENSIONS else _AMOUNT_DIMENSIONS
    found = next(filter(None, (last_keyword(before, dimension) for dimension in dimensions)), None)
    return found[0] if found else None


_SIGNED_AFTER = ("(+", "（+", "+", "，+", ",+")  # what stands between an amount and a signed percent after it


def signed_right_after_an_amount(reading: Reading, last) -> bool:
    """121.5亿元(+12.5%), 80亿元（-3.2%）: a percent written with its sign right after a kept amount of the
    sentence (a bracket or a comma between) is that amount's growth, as a growth column's number is."""
    if last is None or last.kind == "growth" or last.quantity.end != reading.quantity.start - len(reading.window):
        return False
    between = reading.window.replace(" ", "")
    return between in _SIGNED_AFTER or (reading.quantity.value < 0 and between in ("(", "（"))


def growth_of_a_list_item(reading: Reading) -> Decision | None:
    """固定资产投资、工业增加值分别增长10.2%、8.5%: a growth rate in a 分别 list of indicators is the
    growth of the item at its place (LeftOut when that item is outside the vocabulary)."""
    item = wording_of_a_list_item(reading)
    if item is None:
        return None
    sign = growth_sign(CLAUSE_MARK.split(reading.head)[-1])  # 分别增长, 增长分别为, 分别同比下降
    if sign is None:
        return None
    keyword = item[0]
    if keyword is None:
        raise LeftOut("growth_of_an_indicator_outside_the_vocabulary")
    if METRIC_DIMENSION.get(metric_units()[keyword.metric]) not in ("money", "count", "area"):
        return None
    value = sign * (reading.quantity.value * 100 if reading.quantity.dimension == "ratio" else reading.quantity.value)
    return Decision(keyword.metric, "growth", value, keyword=keyword, basis=base_year(reading.clause))


def a_share_after_the_growth_word(window: str) -> bool:
    """增长…企业占规上工业企业75.8%, 对全县工业增长的贡献率达45%, 增长面达85%: a share or rate named
    after the last growth word, not a growth rate."""
    growth_words = list(word_pattern(cues()["growth_up"].prefixes + cues()["growth_down"].prefixes).finditer(window))
    shares = pattern_of(cues()["shares_after_growth"])
    return bool(growth_words) and bool(shares.search(window, growth_words[-1].end()))


def a_level_reached(clause: str) -> bool:
    """集聚度提高到63.5%, 高新技术产业占比下降至30%: a percent right after a verb of change with 到/至 is the
    level a ratio reached, not a growth rate, unless its clause names a growth rate (增速由5%提高到9%)."""
    fillers = cues()["level_reached_fillers"]
    for verb in cues()["level_reached_verbs"]:
        at = clause.rfind(verb)
        if at < 0 or clause[at + len(verb) :].strip() not in ("", *fillers):
            continue
        return not has(cues()["growth_rate_words"], clause[:at])
    return False


_FIRM_COUNT_AFTER = re.compile(r"(?:数量|总数|户数|家数|数)")


def a_group_of_firms_growing(window: str, found: tuple[Keyword, int]) -> bool:
    """规上企业增长11.3%: a firm wording right before a growth rate names the firms whose figure grew,
    not their number, unless a count word says so (企业数增长5%)."""
    keyword, at = found
    if keyword.metric != "enterprises" or keyword.cumulative or keyword.word.endswith(("数", "数目", "数量")):
        return False  # 公司数目增加12%: the wording is itself a count
    return not _FIRM_COUNT_AFTER.search(window, at + len(keyword.word))


def lists_only_outside_indicators(listed: str) -> bool:
    """The indicators listed before 分别 are all outside the vocabulary: their growth rates are none of ours."""
    ours = [m for m in keyword_pattern().finditer(listed) if keyword_index()[m.group()].metric != NOT_A_METRIC]
    return not ours and names_other_indicator(listed)


# Counts left out as another group's (农民专业合作社41个): a figure of its own, as is a quantity in a unit no
# metric has (吞吐量80万吨, 用电6亿千瓦时, 专利120件), though not a change in percentage points.
_COUNTS_OF_OTHERS = {"count_of_another_group", "counts_something_else"}
_MEASURES_OF_NO_METRIC = {"weight", "power", "other"}  # not works (厂房1万平米, 道路5公里): said with their investment


def figure_of_its_own(quantity: Quantity, rule: str) -> bool:
    """Whether a figure left out by `rule` is an indicator of its own, so that a growth rate right after it
    is its growth, not the growth of a figure kept before it (foreign amounts are read apart)."""
    if rule in FIGURE_LEFT_OUT_RULES or rule in _COUNTS_OF_OTHERS:
        return True
    return rule == "unit_of_no_metric" and quantity.dimension in _MEASURES_OF_NO_METRIC


def kept_figures_open_the_list(reading: Reading) -> bool:
    """营业收入163亿元，工业增加值37亿元，出口创汇3450万美元，分别增长45%、46%、25%: a 分别 list of figures
    whose first figure was kept and whose last ones were left out (another indicator, another currency):
    its growth rates are the list's, paired in order once the sentence is read, not the last figure's."""
    facts = [fact for fact in reading.sentence_facts if fact.kind != "growth"]
    if not facts or not reading.left_out or reading.fact_read_after(facts[-1].quantity.end):
        return False
    head = reading.head
    part_start = reading.sentence.start + after_last_semicolon(head)
    return facts[-1].quantity.start >= part_start and reading.left_out[-1][0].start > facts[-1].quantity.start


def foreign_amount_before(reading: Reading) -> tuple[Quantity, Keyword | None] | None:
    """The amount in another currency right before a growth rate (no fact of ours comes between),
    with the money wording of its clause if it has one: the growth is that amount's."""
    if not reading.left_out:
        return None
    quantity, rule = reading.left_out[-1]
    if rule != "unit_of_no_metric" or not quantity.dimension.startswith("money_"):
        return None
    if reading.fact_read_after(quantity.start):
        return None
    if reading.sentence_facts and reading.text[reading.sentence_facts[-1].quantity.end : quantity.start].strip() in ("（", "(", "约", "（约", "(约"):
        return None  # 12亿元（约1.8亿美元）: a restatement of the figure before
    clause = reading.text[reading.document.clause_start(quantity.start, reading.sentence.start) : quantity.start]
    if names_other_indicator(clause):
        return quantity, None
    found = last_keyword(clause, "money")
    return quantity, (found[0] if found else None)


# --- amounts: money, area, people, counts ------------------------------------------------


def read_amount(reading: Reading) -> Decision:
    """An amount: its own wording names the metric, or it continues the figure before it."""
    come_in = firms_come_in_since(reading)
    if come_in:
        return come_in
    for gate in amount_gates(reading.quantity.dimension):  # before the goal words are read: a figure a gate leaves out needs no kind
        if gate(reading):
            raise LeftOut(gate.__name__, unplaced=GATE_NOTES.get(gate.__name__))
    goal = (
        (reading.sentence_holds(goal_words()) and is_target(goal_reach(reading)))
        or names_a_goal_after(reading) or planned_here(reading) or future_year(reading) or under_a_goal_list(reading)
        or count_still_to_come(reading)  # 11家企业即将入驻
        or continues_an_estimate(reading)  # 预计1-6月…。上缴税收2亿元
        or an_estimate_for_the_running_year(reading)  # 2023年，园区预计完成产值…, in a report dated in 2023
        or reading.head_holds(cues()["once_running"])  # 园区全部建成后可实现年产值500亿元
        or in_a_goal_column(reading)
    )
    kind = "target" if goal else "actual"
    listed_item = wording_of_a_list_item(reading)
    if listed_item == (None,):
        raise LeftOut("indicator_outside_the_vocabulary")  # 工业增加值、税收分别完成30亿元、5亿元
    item = listed_item[0] if listed_item else None
    fits = item is not None and METRIC_DIMENSION.get(metric_units()[item.metric]) == reading.quantity.dimension
    found = (item, 0) if item is not None and fits else amount_wording(reading)
    if found:
        keyword, metric = found[0], metric_of_wording(reading, found)
        if metric == "financing" and kind == "target":
            kind = "target" if funds_sought_as_a_goal(reading) else "actual"  # 争取银行贷款8亿元: 争取 is its verb
        if metric in _ZONE_INVESTMENTS and planned_works(reading, keyword, found[1]):
            kind = "target"  # 园区计划总投资3亿元，用于道路…; 园区概算总投资12亿元: the zone's planned spending, a goal
        return with_completion(reading, Decision(metric, kind, reading.quantity.value, keyword=keyword, wording_at=found[1]))
    share = zone_share_wording(reading) or zone_share_of_a_sum_before(reading)
    if share:
        return with_completion(reading, Decision(share.metric, kind, reading.quantity.value, keyword=share))
    passed = wording_of_a_milestone_before(reading) or wording_of_a_change_before(reading)
    if passed:
        return with_completion(reading, Decision(passed.metric, kind, reading.quantity.value, keyword=passed))
    converted = converted_from_a_foreign_amount(reading)
    if converted:  # 营业收入1.5亿美元，折合人民币10.5亿元
        metric = converted.project_metric if reading.project_context else converted.metric
        return with_completion(reading, Decision(metric, kind, reading.quantity.value, keyword=converted))
    reached = goal_reached_in_part(reading)
    if reached:
        return Decision(reached.metric, "actual", reading.quantity.value, inherited=reached)  # 计划投资10亿元，已完成8亿元
    spent = infrastructure_spending(reading)
    if spent:
        return with_completion(reading, Decision(spent.metric, kind, reading.quantity.value, keyword=spent))
    secured = secured_funds(reading)
    if secured:
        goal = funds_sought_as_a_goal(reading)
        return Decision(secured.metric, "target" if goal else "actual", reading.quantity.value, keyword=secured)
    if names_other_indicator(reading.window):
        raise LeftOut("indicator_outside_the_vocabulary")  # 工业增加值34.4亿元 or 投资强度
    if starts_new_indicator(reading):
        raise LeftOut("starts_new_indicator_without_wording", unplaced="reason.another_indicator")
    if names_an_indicator_of_its_own(reading.window):
        unplaced = "reason.another_indicator" if reading.quantity.dimension in ("money", "area") else None
        raise LeftOut("indicator_named_without_a_wording", unplaced=unplaced)  # 实际使用外资6亿元
    if reading.quantity.dimension == "count" and closes_on_an_institution(_LIST_ITEM_START.split(reading.window)[-1]):
        raise LeftOut("counts_something_else")  # 企业技术中心4家、工业设计中心2家: the item counts centres, not firms
    listed = count_list_item(reading) or count_named_by_a_threshold(reading) or firms_of_a_listed_kind(reading)
    if listed:
        return Decision(listed.metric, kind, reading.quantity.value, inherited=listed)
    heading = wording_of_a_list_heading(reading) or wording_of_a_table_cell(reading)
    if heading:  # 新增企业数前三位：⏎东湖新区1200家: a row's own name is the zone, not another group
        return with_completion(reading, Decision(heading[0].metric, kind, reading.quantity.value, keyword=heading[0]))
    if reading.quantity.dimension == "count" and counts_something_named_after(reading):
        raise LeftOut("counts_something_else")  # 占11个重点园区新增企业总数的59%
    if reading.quantity.dimension == "count" and names_another_group(reading.window) and not a_breakdown_goes_on(reading):
        raise LeftOut("count_of_another_group")
    heading = wording_of_a_heading_sentence(reading)
    if heading:  # 一、工业总产值。完成280.5亿元
        return with_completion(reading, Decision(heading[0].metric, kind, reading.quantity.value, keyword=heading[0]))
    if follows_a_figure_left_out(reading):
        unplaced = "reason.no_wording_nearby" if reading.quantity.dimension in ("money", "area") else None
        raise LeftOut("follows_a_figure_left_out", unplaced=unplaced)  # 技改投资17.9亿元；商贸批发业9.4亿元
    if reading.quantity.dimension == "money" and _COMPANY_SUBJECT.search(reading.clause):
        raise LeftOut("one_company_figure")  # 产值707亿元，其中某某汽车公司完成222亿元: that company's share
    try:
        inherited = figure_continued(reading)
    except LeftOut as left_out:
        named = wording_named_after(reading) if left_out.rule == NO_WORDING_TO_CONTINUE else None
        if named is None and left_out.rule == NO_WORDING_TO_CONTINUE and wordless_zone_area(reading):
            return with_completion(reading, Decision("area_planned", kind, reading.quantity.value))
        if named is None:
            raise
        keyword, planned = named
        kind = "target" if planned else kind
        return with_completion(reading, Decision(keyword.metric, kind, reading.quantity.value, keyword=keyword))
    if inherited.kind == "target" and kind == "actual" and not reported_so_far(PART_BREAK.split(reading.head)[-1]):
        kind = "target"  # (计划引进项目20个，目前已引进15个: what was done so far of the goal before)
    metric = "area_planned" if another_part_of_the_plan(reading, inherited) else inherited.metric
    if metric == "output_value" and sales_after_output(reading):
        metric = "revenue"  # 工业总产值52亿元，销售48亿元: the sales are revenue, not more output
    if metric == "investment" and has(cues()["infrastructure_subjects"], reading.window):
        metric = "investment_infrastructure"  # 共投入资金30亿元，其中基础设施建设18亿元: the works' part
    return with_completion(reading, Decision(metric, kind, reading.quantity.value, inherited=inherited))


def sales_after_output(reading: Reading) -> bool:
    """工业总产值52亿元，销售48亿元: a wordless amount after an output figure whose words say sales (cues.yaml
    sales_words; none of sales_of_output with them: 销售产值 is output) is the sales, revenue, not a part of the output."""
    window = reading.window
    return has(cues()["sales_words"], window) and not has(cues()["sales_of_output"], window)


def wordless_zone_area(reading: Reading) -> bool:
    """园区首期3.37平方公里核心区的基础设施…, 开发区现有10.23平方公里: an area in square kilometres or hectares
    that a clause naming the zone states with no metric word is the zone's (planned) area. Not in 亩 (cues.yaml
    land_parcel_units: a project's or a farm's land as often as a zone's: 项目用地114亩), nor with a word of land
    given or taken in its clause, before or after it (land_words: 新增工业用地50公顷, 用不足28平方公里的工业用地
    are land, not the zone). A zone named only later in the sentence is not enough: 植树造林12平方公里，开发区生态
    环境持续改善 and 该镇辖区45平方公里，工业园位于… name the zone after an area that is not its own."""
    if reading.quantity.dimension != "area" or has(cues()["land_parcel_units"], reading.quantity.raw):
        return False
    if has(cues()["land_words"], reading.clause) or has(cues()["land_words"], reading.after):
        return False
    return has(cues()["zone_words"], reading.clause)


_PART_NAME_END = re.compile(r"[\u4e00-\u9fff]{1,6}区[为约达共计 ]*$")


def another_part_of_the_plan(reading: Reading, inherited: Fact) -> bool:
    """规划面积27.6平方千米（建成区12.8平方千米、发展区9.4平方千米）: a part of the planned area named
    after the built area is a sub-area of the plan, not more built area."""
    if inherited.metric not in ("area_built", "area_developed"):
        return False
    named = _PART_NAME_END.search(reading.window)
    if not named or has(["建成区", "已开发"], named.group()):
        return False
    return any(fact.metric == "area_planned" for fact in reading.sentence_facts)


# The zone's own spending (not a group of projects' size, whose planned total is what they are: 签约项目42个，计划总投资210亿元).
_ZONE_INVESTMENTS = ("investment", "investment_infrastructure")


def planned_works(reading: Reading, keyword: Keyword, at: int) -> bool:
    """园区计划投资8亿元用于基础设施建设, 规划道路建设投资5亿元, 园区概算总投资12亿元: money the zone plans to
    spend (a word of planned_amount_words in the wording's own clause, or the wording itself) is a goal."""
    own_clause = PART_BREAK.split(reading.window[: at + len(keyword.word)])[-1]
    return has(cues()["planned_amount_words"], own_clause) and not has(cues()["achieved"], own_clause)


def funds_sought_as_a_goal(reading: Reading) -> bool:
    """争取资金/贷款 X: 争取 is the verb of funds secured, no goal word; another goal word (力争, 计划) or a
    plan section still makes them a goal."""
    return is_target(goal_reach(reading).replace("争取", "  ")) or planned_here(reading)


# A sentence opening on 其中 breaks down the sentence before: its parts are read one by one, as any sentence's.
_OPENS_ON_A_BREAKDOWN = re.compile(r"\s*其中[，,：:]?")


def goal_reach(reading: Reading) -> str:
    """The words of the figure's sentence (its head) a goal word before the figure may reach from: its part of the
    sentence (争取资助…；新认定企业26家 reports a fact), the whole sentence in a 其中 breakdown (拟签约…其中…；…4个),
    or every part after a list of goals opened with a colon (主要目标：产值200亿元；投资80亿元；新引进项目30个) or
    on a goal the sentence opens on (预计到年末，…；吸纳就业…)."""
    head = reading.head
    if "其中" in head and not _OPENS_ON_A_BREAKDOWN.match(head):
        return _without_what_the_breakdown_passes_over(reading)
    part_start = after_last_semicolon(head)
    if part_start and _goal_opens_the_sentence().match(head) and _first_part_sets_figures(reading):
        # 预计到年末，园区实现产值100亿元…；吸纳就业5万人: a goal the sentence opens on reaches every part, when its own
        # part sets figures (目标是打造…；全年完成… sets none: what follows reports)
        return head
    heads = list(_GOAL_LIST_HEAD.finditer(head, 0, part_start))
    return head[heads[-1].start() :] if heads else head[part_start:]


def _without_what_the_breakdown_passes_over(reading: Reading) -> str:
    """新开工项目21个，总投资63.5亿元，年度计划完成投资28.2亿元，其中10亿元以上项目2个: a 其中 breakdown speaks of the
    last figure of its own kind before it (21个); the clauses between that figure's and 其中 say other things, and
    a goal word there (年度计划) reaches no figure of the breakdown. They are blanked, keeping every position."""
    head, start = reading.head, reading.sentence.start
    breakdown = head.rfind("其中")
    same_kind = [fact for fact in reading.sentence_facts
                 if fact.quantity.dimension == reading.quantity.dimension and fact.quantity.start - start < breakdown]
    if not same_kind:
        return head
    broken_down = same_kind[-1].quantity.end - start
    clause_end = CLAUSE_MARK.search(head, broken_down, breakdown)
    if clause_end is None:
        return head
    return head[: clause_end.start()] + "\0" * (breakdown - clause_end.start()) + head[breakdown:]


def _first_part_sets_figures(reading: Reading) -> bool:
    """Whether the sentence's first part (up to its first semicolon) holds a figure, in any numerals (九十亿元 too)."""
    start = reading.sentence.start
    return bool(reading.document.quantities.within(start, start + _first_part_end(reading.head)))


def _first_part_end(head: str) -> int:
    """Where the first part of a sentence (up to its first semicolon) ends."""
    new_part = NEW_PART.search(head)
    return new_part.start() if new_part else len(head)


@lru_cache(maxsize=1)
def _goal_opens_the_sentence() -> re.Pattern:
    """A sentence opening on a goal phrase (cues.yaml goals_opening_a_sentence), after at most a short lead
    clause (2019年，预计到年末…; 今年园区的预期目标是…): the goal is the whole sentence's."""
    openings = pattern_of(cues()["goals_opening_a_sentence"]).pattern
    # bounded and anchored at the sentence's start: a short lead clause (2019年，) then a few words before the phrase
    return re.compile(rf"\s*(?:[^，,。；;：:]{{1,12}}[，,])?[^，,。；;：:]{{0,16}}?(?:{openings})")


# A colon that opens a list of goals: 主要目标：, 预期目标如下：, 围绕以下目标开展工作：
_GOAL_LIST_HEAD = re.compile(r"(?:目标|任务)[^，。；：:,;]{0,8}[：:]")


def under_a_goal_list(reading: Reading) -> bool:
    """2024年，园区将围绕以下目标开展工作：实现营业收入500亿元: a figure after a colon that opens a
    list of goals is a goal, unless an achievement word comes after the colon."""
    if not reading.sentence_holds(_GOAL_LIST_HEAD):
        return False  # a list of goals opens with a colon after 目标 or 任务: most sentences have none
    heads = list(_GOAL_LIST_HEAD.finditer(reading.head))
    return bool(heads) and not has(cues()["achieved"], reading.head[heads[-1].end() :])


def metric_of_wording(reading: Reading, found: tuple[Keyword, int]) -> str:
    """The metric a wording names here; LeftOut when the figure is a company's or one project's."""
    keyword, at = found
    if has(cues()["zone_investment_indicators"], keyword.word):
        # 新开工项目30个。完成固定资产投资50亿元: a statistics indicator stays the zone's unless its own
        # part of the sentence is said of a group of projects (引进项目18个，总投资22.9亿元，完成工业投资17.4亿元)
        projects_here = said_of_a_project_group(reading, at)
    else:
        projects_here = (
            (reading.project_context and not zone_speaks_again(reading)) or firms_brought_in(reading)
            or said_of_a_project_group(reading, at) or project_group_named_before(reading, keyword)
            or opens_on_projects_spoken_of(reading)
        )
    group = projects_here or project_group_after(reading)
    metric = keyword.project_metric if group else keyword.metric
    if group and metric == "project_investment" and part_of_an_annual_plan(reading, keyword, at):
        metric = "project_investment_completed"  # 重点项目年度计划投资45亿元: what the group is to complete in the year
    subject = reading.window[:at]
    if metric != "financing" and reading.quantity.dimension == "money" and (
        _COMPANY_SUBJECT.search(subject[after_last_comma(subject) :]) or same_company_goes_on(reading, subject)
        or a_named_firms_figure(reading, keyword, at) or a_firm_the_sentence_opens_on(reading)
        or said_of_a_firm_it_becomes(reading)
    ):
        raise LeftOut("one_company_figure")  # XX集团实现营业收入50亿元: one company's figure, not the zone's
    own_clause = reading.window[after_last_comma(reading.window, at) : at + len(keyword.word)]
    if metric == "project_investment" and not projects_here and keyword.metric == "project_investment" \
            and keyword.word not in cues()["group_amount_wordings"]:
        if not names_a_project_group(own_clause):
            if "项目" not in own_clause and infrastructure_spending(reading):
                return "investment_infrastructure"  # 园区计划总投资3亿元，用于道路、管网等配套工程
            raise LeftOut("one_project_planned_investment")  # 项目计划总投资1.2亿元 of one named project
    if metric == "investment" and keyword.word in cues()["bare_investment"] and reading.head_holds(cues()["infrastructure_subjects"]) \
            and not names_other_projects(since_money_before(reading)):
        return "investment_infrastructure"  # 扩建道路1.9公里，投资955万元；排水3.7公里，投资771万元 (not 、产业项目投资40亿元)
    if metric == "investment" and (has(cues()["infrastructure_subjects"], own_clause) or opens_on_works_spoken_of(reading)):
        return "investment_infrastructure"  # 基础设施建设累计完成投资23亿元; 上述工程…，完成投资3500万元
    put_into = money_put_into_works(reading, keyword) if metric == "investment" else None
    if put_into == ONE_PROJECT_BUILT:
        raise LeftOut("one_item_amount")  # 投资5亿元建设某某电子项目: the size of one project
    if put_into:
        return put_into  # 投资2.6亿元新建和改建了8条道路: the zone's works
    spending = keyword.word.removeprefix("累计").removeprefix("总")  # 累计投资…/总投资…，用于改善基础设施: spent the same way
    if keyword.metric == "investment" and spending.startswith(("投入", "投资")) and infrastructure_spending(reading):
        return "investment_infrastructure"  # 投入资金1000万元，用于园区基础设施建设
    return metric


def part_of_an_annual_plan(reading: Reading, keyword: Keyword, at: int) -> bool:
    """年度计划投资45亿元, 年度投资计划20亿元: the wording is part of a year's plan (cues.yaml annual_plan), so
    the money is what is to be invested in that year, not a total over the projects' life."""
    end = at + len(keyword.word)
    longest = max(map(len, cues()["annual_plan"].prefixes))
    plans = pattern_of(cues()["annual_plan"]).finditer(reading.window, max(0, at - longest), end + longest)
    return any(plan.start() < end and plan.end() > at for plan in plans)


def names_other_projects(words: str) -> bool:
    """、产业项目投资40亿元 names projects other than works; 建设基础设施项目15个，投入资金3亿元 names the works."""
    return "项目" in _works_projects().sub("", words)


@lru_cache(maxsize=1)
def _works_projects() -> re.Pattern:
    """Projects named after the works they build (基础设施项目, 道路建设项目: cues.yaml infrastructure_subjects)."""
    return re.compile(rf"{pattern_of(cues()['infrastructure_subjects']).pattern}(?:建设)?项目")


def since_money_before(reading: Reading) -> str:
    """The sentence up to the figure, from the end of its last money fact (其中基础设施投资10亿元、产业项目投资
    40亿元: the words that name what the next figure is said of)."""
    money = [fact for fact in reading.sentence_facts if fact.quantity.dimension == "money"]
    return reading.text[money[-1].quantity.end : reading.quantity.start] if money else reading.head


def same_company_goes_on(reading: Reading, subject: str) -> bool:
    """某某公司实现销售收入12亿元，上缴税金1.2亿元: a figure right after a company's figure, in a clause
    naming no subject of its own (no zone, no firms), is that company's too."""
    if not reading.left_out or reading.left_out[-1][1] != "one_company_figure":
        return False
    if reading.fact_read_after(reading.left_out[-1][0].start):
        return False
    own = PART_BREAK.split(subject)[-1]
    return not has(cues()["zone_words"], own) and "企业" not in own


def said_of_a_project_group(reading: Reading, at: int) -> bool:
    """园区重点项目累计完成投资42亿元, 在建项目总投资320亿元，今年完成投资85亿元: a wording whose own
    clause names a group of projects before it, or that follows the group's total or its plan for the year
    (重点项目年计划投资42亿元，1-9月完成投资35亿元) in its part of the sentence (no zone word between), is said
    of that group."""
    own = reading.window[after_last_comma(reading.window, at) : at]
    if names_a_project_group(own):
        return True
    total = next((fact for fact in reversed(reading.sentence_facts) if a_group_s_amount(fact)), None)
    if total is None:
        return False  # no group's total or plan before it in the sentence
    between = reading.text[total.quantity.end : reading.quantity.start]
    return not NEW_PART.search(between) and not has(cues()["zone_words"], between)


def opens_on_projects_spoken_of(reading: Reading) -> bool:
    """目前，上述项目已全部开工，完成投资3500万元: a sentence opening (past a time and a comma at most) on the group of
    projects spoken of before it speaks of that group's money, unless a zone word comes after the group."""
    return _opens_on_a_group_spoken_of(reading, "项目")


def opens_on_works_spoken_of(reading: Reading) -> bool:
    """目前，上述工程已全部开工，完成投资3500万元: the same for the works spoken of before (their money is spent on
    the zone's works)."""
    return _opens_on_a_group_spoken_of(reading, "工程")


def _opens_on_a_group_spoken_of(reading: Reading, head: str) -> bool:
    opening = _spoken_of_opening(head).match(reading.head)
    return opening is not None and not has(cues()["zone_words"], reading.head[opening.end() :])


@lru_cache(maxsize=2)
def _spoken_of_opening(head: str) -> re.Pattern:
    anaphors = pattern_of(cues()["group_anaphors"]).pattern
    return re.compile(rf"\s*+(?:[^，,。；;：:]{{1,8}}[，,]\s*+)?(?:{anaphors})[^，,。；;：:]{{0,6}}?{head}")


def project_group_named_before(reading: Reading, keyword: Keyword) -> bool:
    """一批重点项目集中签约，项目覆盖电子、建材等行业，总投资约26亿元: a total (cues.yaml group_totals) in a
    sentence that named a group of projects before it, with no zone word after the group, is the group's."""
    if keyword.word not in cues()["group_totals"]:
        return False
    at = reading.head.rfind("项目")
    if at < 0 or not names_a_project_group(reading.head[: at + len("项目")]):
        return False
    return not has(cues()["zone_words"], reading.head[at:])


def zone_speaks_again(reading: Reading) -> bool:
    """…工业项目62个。集中区全年完成固定资产投资31.9亿元: a sentence whose subject is the zone again
    (a zone word, no 项目, no count of projects of its own) reports the zone's figure, not the projects'."""
    if any(fact.metric == "projects" for fact in reading.sentence_facts):
        return False
    return "项目" not in reading.head and reading.head_holds(cues()["zone_words"])


def firms_brought_in(reading: Reading) -> bool:
    """引进7家高科技厂商，投资额176亿元: firms brought in are a group of projects, and the money said of
    them in the sentence is that group's."""
    if not any(f.metric == "enterprises" for f in reading.sentence_facts):
        return False
    if has(cues()["zone_words"], reading.clause):
        return False  # …引进企业36家，工业园完成固定资产投资10亿元: the zone's own figure
    return reading.head_holds(cues()["intake_verbs"])


def zone_share_wording(reading: Reading) -> Keyword | None:
    """全市完成固定资产投资500亿元，其中园区完成120亿元: the zone's share of a wider place's figure
    takes the wording of that figure."""
    breakdown = reading.window.rfind("其中")
    after_wider = bool(reading.left_out) and reading.left_out[-1][1] in WIDER_PLACE_RULES
    if breakdown < 0 and after_wider and has(cues()["zone_words"], reading.window):
        breakdown = 0  # 全县完成投资126亿元…，临空园区18.2亿元: the zone's share, named after the wider figures
    if breakdown < 0 or not has(cues()["zone_words"], reading.window[breakdown:]):
        return None
    if not (after_wider or about_a_wider_place_before(reading)):
        return None
    wider_figure = reading.head[: len(reading.head) - len(reading.window) + breakdown]
    found = last_keyword(wider_figure, reading.quantity.dimension, wider_places=True)
    return found[0] if found else None


# Rules that leave out a sum of a wider place or of several zones: a 其中 sentence after one breaks it down.
SUMS_OF_WIDER_SCOPES = WIDER_PLACE_RULES | {"sum_of_several_zones"}


def zone_share_of_a_sum_before(reading: Reading) -> Keyword | None:
    """全市开发区共有规上工业企业1286家。其中，甲开发区312家，乙工业园区205家: a 其中 sentence naming zones
    after a sentence whose sum of a wider place or of several zones was left out gives each zone's share,
    with that sum's wording."""
    if not reading.breakdown or not has(cues()["zone_words"], reading.window):
        return None
    sums = [(quantity, start) for quantity, start in reading.sums_before if quantity.dimension == reading.quantity.dimension]
    if not sums:
        return None
    quantity, sentence_start = sums[-1]
    found = last_keyword(reading.text[sentence_start : quantity.start], reading.quantity.dimension, wider_places=True)
    return found[0] if found else None


def wording_of_a_milestone_before(reading: Reading) -> Keyword | None:
    """产值首次突破100亿元，达106亿元: the figure after a milestone takes the milestone's wording."""
    if not reading.left_out or reading.left_out[-1][1] != "a_milestone":
        return None
    milestone = reading.left_out[-1][0]
    between = re.sub(r"^[，,、\s]+", "", reading.text[milestone.end : reading.quantity.start])
    if between and between not in cues()["reached_after_change"]:
        return None  # …首次突破千亿元，达1019亿元，增长21%；实现工业增加值350亿元: only the figure it reaches
    found = last_keyword(reading.text[reading.sentence.start : milestone.start], reading.quantity.dimension)
    return found[0] if found else None


# Figures left out that may stand between a wording and the total it reaches: the size of a change
# (比上年增加20亿元，达到150亿元) and a share of a plan (完成年度计划的110%，达到55亿元).
_REACHED_AFTER = {"size_of_a_change", "percent_without_growth_word"}


def wording_of_a_change_before(reading: Reading) -> Keyword | None:
    """产值比上年增加20亿元，达到150亿元 or 投资完成年度计划的110%，达到55亿元: the total reached after
    the size of a change or a share takes the wording before them (only when nothing but a reach
    word stands between them)."""
    if not reading.left_out or reading.left_out[-1][1] not in _REACHED_AFTER:
        return None
    reach = re.sub(r"^[，,\s]+", "", reading.window)
    if reach not in cues()["reached_after_change"]:
        return None
    change = reading.left_out[-1][0]
    before = reading.text[reading.sentence.start : change.start]
    if change.dimension in ("percent", "ratio"):
        shares = list(_SHARE_OF.finditer(before))
        before = before[: shares[0].start()] if shares else before  # 税收占全县的比重为45%，总额达到8亿元
    found = last_keyword(before, reading.quantity.dimension)
    return found[0] if found else None


_SHARE_OF = re.compile(r"占(?!地)|比重")


_CONVERTED = re.compile(r"[，,（(]?\s*(?:折合|约合|合)(?:人民币)?(?:约)?$")


def converted_from_a_foreign_amount(reading: Reading) -> Keyword | None:
    """营业收入1.5亿美元，折合人民币10.5亿元: yuan converted from the amount in another currency right
    before take that amount's wording."""
    if reading.quantity.dimension != "money" or not _CONVERTED.fullmatch(reading.window):
        return None
    foreign = foreign_amount_before(reading)
    return foreign[1] if foreign else None


def goal_reached_in_part(reading: Reading) -> Fact | None:
    """年度计划投资10亿元，已完成8亿元: a wordless amount after an achievement word is what was done of
    the goal before it (same dimension), an actual of the goal's metric."""
    if not has(cues()["achieved"], reading.window):
        return None
    goals = [
        fact for fact in reading.sentence_facts
        if fact.kind == "target" and METRIC_DIMENSION.get(fact.unit) == reading.quantity.dimension
    ]
    return goals[-1] if goals else None


def starts_new_indicator(reading: Reading) -> bool:
    """实现财政总收入21.8亿元: a money figure of its own with no wording, not a part of the one before.
    A verb right before the figure names nothing new (投资完成45亿元，预计全年可完成55亿元)."""
    if reading.quantity.dimension != "money" or ANNUAL_TASK_END.search(reading.window):
        return False
    verbs = list(pattern_of(cues()["new_indicator_verbs"]).finditer(reading.window))
    return bool(verbs) and reading.window[verbs[-1].end() :].strip() not in cues()["verb_to_figure"]


# The rule leaving out an amount with no wording of its own and no figure before it to continue; read.py
# tries such figures again once the whole report is read (a restatement of a figure kept elsewhere).
NO_WORDING_TO_CONTINUE = "no_wording_and_no_figure_to_continue"


def figure_continued(reading: Reading) -> Fact:
    """The figure a wordless amount continues (其中 breakdowns, restatements in other units)."""
    pool = reading.parent_pool
    sentence_facts = reading.sentence_facts
    breakdown_at = reading.head.rfind("其中")
    if reading.window.strip() in ("（", "(") and sentence_facts:
        pool = sentence_facts[-1:]  # a restatement in another unit: 56.51平方公里（8.48万亩）
    elif breakdown_at >= 0 and sentence_facts:
        before_breakdown = [f for f in sentence_facts if f.quantity.end <= reading.sentence.start + breakdown_at]
        pool = before_breakdown or reading.parent_pool
    dimension = reading.quantity.dimension
    same = [fact for fact in pool if METRIC_DIMENSION.get(fact.unit) == dimension and fact.kind != "growth"]
    if not same:
        same = growth_just_before(reading)
    if not same:
        unplaced = "reason.no_wording_nearby" if dimension in ("money", "area") else None
        raise LeftOut(NO_WORDING_TO_CONTINUE, unplaced=unplaced)
    return same[-1]


def growth_just_before(reading: Reading) -> list:
    """营业额成长9.64%，预计今年可望突破900亿元: a wordless amount right after its sentence's growth
    rate of a metric of the same dimension is that metric's amount."""
    last = reading.sentence_facts[-1:] if not reading.breakdown else []
    return [fact for fact in last if fact.kind == "growth"
            and METRIC_DIMENSION.get(metric_units()[fact.metric]) == reading.quantity.dimension]


_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{0,16}[、和及与]+|[、和及与]+[\u4e00-\u9fff]{0,16}")


def count_list_item(reading: Reading) -> Fact | None:
    """14家光电厂商、17家精密机械、3家生物科技: the next item of a list of counts of the same kind
    (same measure word) continues the count before it; a count of projects goes on only to items
    that are projects."""
    if reading.quantity.dimension != "count" or not reading.sentence_facts:
        return None
    last = reading.sentence_facts[-1]
    if last.unit != "count" or last.kind == "growth" or not _LIST_ITEM.fullmatch(reading.window):
        return None
    if last.metric == "projects" and counts_something_named_after(reading):
        return None  # 13个产业项目、81个定制厂房: the next item counts buildings, not projects
    return last if last.quantity.raw[-1:] == reading.quantity.raw[-1:] else None


def a_breakdown_goes_on(reading: Reading) -> bool:
    """企业230家，其中电子信息85家，装备制造60家: a wordless count of firms after a part of a 其中 breakdown of
    firms, with the same measure word and no zone or group of something else (科研院所3家) named between, is
    the breakdown's next part."""
    if not reading.sentence_facts:
        return False
    last = reading.sentence_facts[-1]
    if last.metric != "enterprises" or last.kind == "growth" or last.quantity.raw[-1:] != reading.quantity.raw[-1:]:
        return False
    breakdown_at = reading.head.rfind("其中")
    if breakdown_at < 0 or reading.sentence.start + breakdown_at > last.quantity.start:
        return False
    between = reading.text[reading.sentence.start + breakdown_at : reading.quantity.start]
    return not has(cues()["zone_words"], between) and not has(cues()["not_firm_groups"], reading.window)


_THRESHOLD_TO_COUNT = re.compile(r"(?:以上|以下)的?(?:有|共|达)?")
# The next size class of a group counted by its size (投资超过1000万美元的企业86家，超过5000万美元的有9家，上亿美元的
# 有3家): a money amount over which, then 的有, with the amount written (left out: a threshold, a foreign currency)
# or only its order of magnitude (上亿美元的有). Bounded: a clause mark, a word of "over", a magnitude, a currency.
_CLASS_TO_COUNT = re.compile(r"(?:以上)?的(?:有|共|达)?")
_CLASS_AMOUNT_RULES = {"threshold_amount", "unit_of_no_metric", "one_item_amount"}


@lru_cache(maxsize=1)
def _over_before() -> re.Pattern:
    """超过|5000万美元的有, or the amount alone opening its clause: ，|10亿美元的有 (cues.yaml size_class_over_words)."""
    return re.compile(rf"(?:{pattern_of(cues()['size_class_over_words']).pattern}|[，,])$")


@lru_cache(maxsize=1)
def _class_named_to_count() -> re.Pattern:
    """，上亿美元的有|2家: a size class named by its order of magnitude alone, in words."""
    over = pattern_of(cues()["size_class_over_words"]).pattern
    return re.compile(rf"[，,]{over}[一二三四五六七八九十百千万亿]{{1,4}}(?:美元|元)(?:以上)?的(?:有|共|达)?")


def count_named_by_a_threshold(reading: Reading) -> Fact | None:
    """新增项目16个，其中投资1亿元以上的5个: a count right after a threshold counts the group the
    threshold names, a part of the count before it. 超过1000万美元的项目有234家，上亿美元的有11家: the next
    size class of a group counted by its size counts the same things as the count before it."""
    if reading.quantity.dimension != "count":
        return None
    if reading.left_out and reading.left_out[-1][1] == "threshold_amount" and _THRESHOLD_TO_COUNT.fullmatch(reading.window):
        counts = [fact for fact in reading.parent_pool if fact.unit == "count" and fact.kind != "growth"]
        return counts[-1] if counts else None
    if not (_next_size_class_named_by_an_amount(reading) or _class_named_to_count().fullmatch(reading.window)):
        return None
    counts = [fact for fact in reading.sentence_facts if fact.unit == "count" and fact.kind == "actual"]
    if not counts or counts[-1].quantity.raw[-1:] != reading.quantity.raw[-1:]:
        return None  # the class of a count in another measure word counts something else
    return counts[-1]


def _next_size_class_named_by_an_amount(reading: Reading) -> bool:
    """…，超过5000万美元|的有|9家: the money amount right before the count, after a word of "over" or opening
    its clause, left out."""
    if not reading.left_out or not _CLASS_TO_COUNT.fullmatch(reading.window):
        return False
    amount, rule = reading.left_out[-1]
    if rule not in _CLASS_AMOUNT_RULES or amount.end + len(reading.window) != reading.quantity.start:
        return False
    return bool(_over_before().search(reading.text, max(0, amount.start - 2), amount.start))


_FIRMS_ACHIEVING = re.compile(r"(?:共|合计|累计)?(?:实现|完成)")


def firms_of_a_listed_kind(reading: Reading) -> Fact | None:
    """规上企业71户，…其中：纺织鞋服13户实现产值41亿元: firms counted by their measure word (家, 户) with
    no noun, whose clause goes on to what they achieved, are a part of the firms the sentence counted."""
    if reading.quantity.dimension != "count" or not reading.quantity.raw.endswith(cues()["firm_measures"].prefixes):
        return None
    if not _FIRMS_ACHIEVING.match(reading.after):
        return None
    firms = [fact for fact in reading.parent_pool if fact.metric == "enterprises" and fact.kind == "actual"]
    return firms[-1] if firms else None


def follows_a_figure_left_out(reading: Reading) -> bool:
    """A wordless amount after an indicator left out continues that indicator, not the fact before it
    (a restatement in brackets right after its figure excepted)."""
    if not reading.left_out or reading.window.strip() in ("（", "("):
        return False
    quantity, rule = reading.left_out[-1]
    after_last_fact = not reading.sentence_facts or quantity.start > reading.sentence_facts[-1].quantity.start
    return after_last_fact and rule in OWN_INDICATOR_RULES | GROWTH_LEFT_OUT_RULES


# Rules that leave a figure out because it is an indicator of its own: a growth rate right after
# such a figure is that indicator's growth, not the growth of the fact before it.
OWN_INDICATOR_RULES = {
    "indicator_outside_the_vocabulary",
    "starts_new_indicator_without_wording",
    "indicator_named_without_a_wording",
    "one_company_figure",
    "sum_of_several_zones",
    NO_WORDING_TO_CONTINUE,
}

# A growth rate right after a figure left out by these is that figure's growth: the indicators of
# their own, the wordless parts that continue one (贸易总额…，进口额8亿元，增长12%), and capital signed
# with no group of projects named (招商签约资金110亿元，增长19%).
FIGURE_LEFT_OUT_RULES = OWN_INDICATOR_RULES | {"follows_a_figure_left_out", "one_project_planned_investment"}


GROWTH_LEFT_OUT_RULES = {"growth_of_an_indicator_outside_the_vocabulary", "growth_of_a_figure_left_out"}

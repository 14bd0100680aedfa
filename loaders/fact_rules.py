"""Named rules that decide whether a figure is a fact, and of which metric and kind.

Each rule is a small function named after what it decides. A rule that leaves a figure out
raises `LeftOut` with its own name, so `facts.explain` can say why a figure was not kept.
Word lists live in lexicon/cues.yaml and lexicon/metric_keywords.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .fact_lexicon import (
    METRIC_DIMENSION,
    NOT_A_METRIC,
    Keyword,
    cues,
    has,
    keyword_index,
    keyword_pattern,
    metric_units,
    status_pattern,
    word_pattern,
)
from .fact_scopes import ANNUAL_TASK_END, COUNT_NOUN, counted_noun, names_another_group
from .periods import base_year
from .text import Sentence, clause_start
from .units import Quantity

if TYPE_CHECKING:
    from .facts import Fact

CLAUSE_STOP = re.compile(r"[，；。！？：,;\n]")
_TOTAL_INVESTMENT_END = re.compile(r"(?:共|总)?投资$")
_PROJECT_NAME_AFTER = re.compile(r"[\u4e00-\u9fff\d（）()]{2,30}?项目(?=[、，；。和及等]|$)")
_NAMED_AFTER = re.compile(r"[*＊X]|[\u4e00-\u9fff]{2,16}?(?:有限公司|集团|公司|项目)$")
_CJK_START = re.compile(r"[\u4e00-\u9fff]")
_OUTSIDE_CAPITAL = re.compile(r"(?:公司|企业)投资$")
_COMPLETION = re.compile(r"的(\d+(?:\.\d+)?)%")
_COMPANY_SUBJECT = re.compile(r"(?:有限公司|股份公司|公司|集团)(?!投资)")
_SEVERAL_ZONES = re.compile(
    r"(?:全国|全省|全市|全县|各)[^，。；]{0,6}?(?:\d+|[二三四五六七八九十]+)个[^，。；]{0,8}?(?:产业集聚区|开发区|园区|工业园)"
    r"|(?:全国|全省|全市)(?:的|各类|各)?(?:产业集聚区|开发区|高新区|经开区|工业园区|园区)"
)
_CHANGE_END = re.compile(r"(?<!新)(?:增加|增长|减少|下降|提高|降低|扩大|缩小)了?$")


class LeftOut(Exception):  # noqa: N818 - an outcome of reading, not an error
    """A figure seen but not kept: `rule` names the rule that left it out; `unplaced` is the
    quality note for a money/area figure nobody could place."""

    def __init__(self, rule: str, unplaced: str | None = None):
        super().__init__(rule)
        self.rule = rule
        self.unplaced = unplaced


@dataclass
class Reading:
    """One figure being read: the text around it and what its sentence has read so far."""

    text: str
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

    @cached_property
    def head(self) -> str:
        return self.text[self.sentence.start : self.quantity.start]

    @cached_property
    def clause(self) -> str:
        """The clause holding the figure, up to the figure."""
        return self.text[clause_start(self.text, self.quantity.start, self.sentence.start) : self.quantity.start]

    @cached_property
    def after(self) -> str:
        return clause_after(self.text, self.quantity.end)

    @cached_property
    def parent_pool(self) -> list:
        return self.sentence_facts or (self.previous_facts if self.breakdown else [])


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
    stop = CLAUSE_STOP.search(text, end)
    return text[end : stop.start() if stop else len(text)]


def decide(reading: Reading) -> Decision:
    """The metric and kind of a figure, or LeftOut naming the rule that leaves it out."""
    if reading.quantity.rate:
        raise LeftOut("rate_or_threshold_unit")
    if about_a_wider_place(reading):
        raise LeftOut("about_a_wider_place")
    if reading.quantity.dimension in ("percent", "ratio"):
        return read_growth(reading)
    if reading.quantity.dimension in ("money", "area", "person", "count"):
        return read_amount(reading)
    raise LeftOut("unit_of_no_metric")


def about_a_wider_place(reading: Reading) -> bool:
    """2023年，全市完成固定资产投资500亿元: a sentence whose subject is the city, county or province
    (and names no zone before the figure) gives that place's figures, not the zone's."""
    subject = _WIDER_SUBJECT.match(reading.head)
    return bool(subject) and not has(cues()["zone_words"], reading.head[subject.end() :])


_WIDER_SUBJECT = re.compile(
    r"\s*(?:(?:19|20)\d{2}年(?:度)?)?(?:\d{1,2}\s*[-－—至~]\s*\d{1,2}月份?|上半年|[一二三四]季度|前三季度|全年|今年|去年)?[，,]?\s*"
    r"(?:全市|全省|全县|全国|全州|全盟|我市|我省|我县)"
)


# --- growth rates ------------------------------------------------------------------------


def read_growth(reading: Reading) -> Decision:
    """A percentage after a growth word: the growth of the metric named before it, or of the figure it follows."""
    last = reading.sentence_facts[-1] if reading.sentence_facts else None
    continued = last is not None and last.kind == "growth" and reading.window.strip() in cues()["list_joiners"]
    sign = growth_sign(reading.window)
    if sign is None and continued:
        sign = 1 if last.value >= 0 else -1  # 分别增长12.3%和8.1%
    if sign is None:
        raise LeftOut("percent_without_growth_word")
    quantity = reading.quantity
    basis = base_year(reading.clause)
    if basis is None and continued:
        basis = last.basis
    value = sign * (quantity.value * 100 if quantity.dimension == "ratio" else quantity.value)
    found = last_keyword(reading.window, "money") or last_keyword(reading.window, "count") or last_keyword(reading.window, "area")
    if found:
        return Decision(found[0].metric, "growth", value, keyword=found[0], basis=basis)
    foreign = foreign_amount_before(reading)
    if foreign:
        if foreign[1] is None:
            raise LeftOut("growth_of_a_foreign_currency_amount")  # 合同利用外资8174万美元，增长1.8倍
        keyword = foreign[1]
        metric = keyword.project_metric if reading.project_context or reading.sentence_facts and any(
            f.metric == "projects" for f in reading.sentence_facts
        ) else keyword.metric
        return Decision(metric, "growth", value, keyword=keyword, basis=basis)  # 总投资9623万美元，增长62.7%
    since = reading.sentence_facts[-1].quantity.end if reading.sentence_facts else reading.sentence.start
    listed = word_pattern(tuple(cues()["respectively"])).search(reading.window)  # paired later, in list order
    between = word_pattern(tuple(cues()["share_words"])).sub("", reading.text[since : quantity.start])
    if not listed and names_other_indicator(between):
        raise LeftOut("growth_of_an_indicator_outside_the_vocabulary")  # 工业增加值(34.4亿元)增长9%
    if not listed and reading.left_out and reading.left_out[-1][1] in OWN_INDICATOR_RULES and (
        not reading.sentence_facts or reading.left_out[-1][0].start > reading.sentence_facts[-1].quantity.start
    ):
        raise LeftOut("growth_of_a_figure_left_out")  # 实现财政收入15亿元，增长8%
    if not reading.parent_pool:
        raise LeftOut("growth_with_no_figure_before_it")
    inherited = reading.parent_pool[-1]  # 同比增长8.8%: the growth of the figure before it, in its scope
    return Decision(inherited.metric, "growth", value, inherited=inherited, basis=basis)


def foreign_amount_before(reading: Reading) -> tuple[Quantity, Keyword | None] | None:
    """The amount in another currency right before a growth rate (no fact of ours comes between),
    with the money wording of its clause if it has one: the growth is that amount's."""
    if not reading.left_out:
        return None
    quantity, rule = reading.left_out[-1]
    if rule != "unit_of_no_metric" or not quantity.dimension.startswith("money_"):
        return None
    if reading.sentence_facts and reading.sentence_facts[-1].quantity.start > quantity.start:
        return None
    if reading.sentence_facts and reading.text[reading.sentence_facts[-1].quantity.end : quantity.start].strip() in ("（", "(", "约", "（约", "(约"):
        return None  # 12亿元（约1.8亿美元）: a restatement of the figure before
    clause = reading.text[clause_start(reading.text, quantity.start, reading.sentence.start) : quantity.start]
    if names_other_indicator(clause):
        return quantity, None
    found = last_keyword(clause, "money")
    return quantity, (found[0] if found else None)


def growth_sign(window: str) -> int | None:
    up = list(word_pattern(tuple(cues()["growth_up"])).finditer(window))
    down = list(word_pattern(tuple(cues()["growth_down"])).finditer(window))
    if not up and not down:
        return None
    last_up = up[-1].end() if up else -1
    last_down = down[-1].end() if down else -1
    return -1 if last_down > last_up else 1


# --- amounts: money, area, people, counts ------------------------------------------------


def read_amount(reading: Reading) -> Decision:
    """An amount: its own wording names the metric, or it continues the figure before it."""
    goal = (
        is_target(reading.head) or names_a_goal_after(reading) or planned_here(reading) or future_year(reading)
        or has(cues()["once_running"], reading.head)  # 园区全部建成后可实现年产值500亿元
    )
    kind = "target" if goal else "actual"
    for gate in AMOUNT_GATES:
        if gate(reading):
            raise LeftOut(gate.__name__, unplaced=GATE_NOTES.get(gate.__name__))
    found = amount_wording(reading)
    if found:
        keyword, metric = found[0], metric_of_wording(reading, found)
        return with_completion(reading, Decision(metric, kind, reading.quantity.value, keyword=keyword, wording_at=found[1]))
    share = zone_share_wording(reading)
    if share:
        return with_completion(reading, Decision(share.metric, kind, reading.quantity.value, keyword=share))
    if names_other_indicator(reading.window):
        raise LeftOut("indicator_outside_the_vocabulary")  # 工业增加值34.4亿元 or 投资强度
    if starts_new_indicator(reading):
        raise LeftOut("starts_new_indicator_without_wording", unplaced="另起一项指标，且无指标用语")
    if names_an_indicator_of_its_own(reading.window):
        unplaced = "另起一项指标，且无指标用语" if reading.quantity.dimension in ("money", "area") else None
        raise LeftOut("indicator_named_without_a_wording", unplaced=unplaced)  # 实际使用外资6亿元
    listed = count_list_item(reading)
    if listed:
        return Decision(listed.metric, kind, reading.quantity.value, inherited=listed)
    if reading.quantity.dimension == "count" and counts_something_named_after(reading):
        raise LeftOut("counts_something_else")  # 占11个重点园区新增企业总数的59%
    if reading.quantity.dimension == "count" and names_another_group(reading.window):
        raise LeftOut("count_of_another_group")
    if follows_a_figure_left_out(reading):
        unplaced = "附近没有指标用语" if reading.quantity.dimension in ("money", "area") else None
        raise LeftOut("follows_a_figure_left_out", unplaced=unplaced)  # 技改投资17.9亿元；商贸批发业9.4亿元
    inherited = figure_continued(reading)
    if inherited.kind == "target" and kind == "actual":
        kind = "target"
    return with_completion(reading, Decision(inherited.metric, kind, reading.quantity.value, inherited=inherited))


def size_of_a_change(reading: Reading) -> bool:
    """比上年增加12.3亿元: the size of a change, not a figure of its own."""
    return bool(_CHANGE_END.search(reading.window))


def sum_of_several_zones(reading: Reading) -> bool:
    """全市17个产业集聚区共完成…: the sum of many zones, not this zone's figure."""
    text, quantity = reading.text, reading.quantity
    return bool(_SEVERAL_ZONES.search(text, clause_start(text, quantity.start, reading.sentence.start), quantity.start))


_THRESHOLD_AFTER = re.compile(r"(?:及)?(?:以上|以下)(?:的)?[\u4e00-\u9fff]{0,10}?(?:项目|企业)")


def threshold_amount(reading: Reading) -> bool:
    """5000万元以上项目, 3000万元以上国内市外项目: a money threshold naming a group, not an amount."""
    if reading.quantity.dimension != "money" or is_outside_capital(reading):
        return False
    return reading.after.startswith(tuple(cues()["threshold_after"])) or bool(_THRESHOLD_AFTER.match(reading.after))


def one_item_amount(reading: Reading) -> bool:
    """投资12亿元的…项目, 投资700万元新建开闭所: the size of one named project or facility."""
    if reading.quantity.dimension != "money" or is_outside_capital(reading):
        return False
    after = reading.after
    if _COMPLETION.match(after):
        return False  # 完成年任务75亿元的23.7%: a share of a task, not a named item
    if project_group_after(reading):
        return False  # 总投资177亿元的29个项目: the total of a group of projects
    if after.startswith(tuple(cues()["item_after"])):
        return True
    builds = word_pattern(tuple(cues()["build_verbs"]))
    facilities = word_pattern(tuple(cues()["facility_nouns"]))
    if builds.match(after) and facilities.search(after):
        return True  # 投资700万元新建10千伏开闭所
    clause = reading.window[reading.window.rfind("，") + 1 :]
    built = builds.search(clause)
    if built and facilities.search(clause, built.end()) and _TOTAL_INVESTMENT_END.search(clause):
        return True  # 新建办公楼及展厅共投资1300万元
    if _PROJECT_NAME_AFTER.match(after) and not after.startswith(tuple(cues()["build_verbs"]) + tuple(cues()["zone_use_after"])):
        return True  # 总投资80亿元正大国际商业广场项目、…: a list of named projects
    if _NAMED_AFTER.match(after):
        return not after.startswith(tuple(cues()["build_verbs"]) + tuple(cues()["zone_use_after"]))
    return False


def size_class(reading: Reading) -> bool:
    """百亿级企业, 千亿级产业集群: a class of size, not an amount."""
    return reading.after.startswith(tuple(cues()["size_class_after"]))


def projection_of_a_project(reading: Reading) -> bool:
    """某某项目…达产后年产值5亿元: what one project is to yield once running, not a zone figure
    (a counted group of projects is to yield a target: 3个项目…投产后预计实现年销售收入207亿元)."""
    projection = word_pattern(tuple(cues()["once_running"])).search(reading.head)
    one_project = not any(fact.metric == "projects" for fact in reading.sentence_facts)
    return bool(projection) and one_project and "项目" in reading.head[: projection.start()]


# Gates whose figures still get a quality note: the reader may want to see them.
GATE_NOTES = {"a_quota": "是用地指标，不是园区面积"}


def a_quota(reading: Reading) -> bool:
    """1100亩土地指标: a land quota, not an area of the zone."""
    return reading.after.startswith(tuple(cues()["quota_after"]))


AMOUNT_GATES = (
    size_of_a_change, sum_of_several_zones, size_class, threshold_amount, one_item_amount, projection_of_a_project,
    a_quota,
)


_PROJECT_GROUP_AFTER = re.compile(r"的(?:\d+|[一二三四五六七八九十百]+)(?:个|项)[\u4e00-\u9fff]{0,8}?项目")


def project_group_after(reading: Reading) -> bool:
    """总投资177.26亿元的29个项目集中签约: the money figure sizes the group of projects counted after it."""
    return bool(_PROJECT_GROUP_AFTER.match(reading.after))


def is_outside_capital(reading: Reading) -> bool:
    """引进京行公司投资1亿元: capital brought in by a company, a financing figure."""
    return bool(_OUTSIDE_CAPITAL.search(reading.window))


def amount_wording(reading: Reading) -> tuple[Keyword, int] | None:
    """The wording that names the amount's metric, and where it starts in the window."""
    if reading.quantity.dimension == "count":
        keyword = count_wording(reading)
        if keyword is None:
            marker = word_pattern(tuple(cues()["respectively"])).search(reading.head)
            if marker:
                listed = last_keyword(reading.head[: marker.start()], "count")
                keyword = listed[0] if listed else None
        return (keyword, 0) if keyword else None
    return last_keyword(reading.window, reading.quantity.dimension) or wording_after(reading)


def metric_of_wording(reading: Reading, found: tuple[Keyword, int]) -> str:
    """The metric a wording names here; LeftOut when the figure is a company's or one project's."""
    keyword, at = found
    metric = keyword.project_metric if reading.project_context or project_group_after(reading) else keyword.metric
    subject = reading.window[:at]
    if metric != "financing" and reading.quantity.dimension == "money" and _COMPANY_SUBJECT.search(subject[subject.rfind("，") + 1 :]):
        raise LeftOut("one_company_figure")  # XX集团实现营业收入50亿元: one company's figure, not the zone's
    own_clause = reading.window[reading.window.rfind("，", 0, at) + 1 : at + len(keyword.word)]
    if metric == "project_investment" and not reading.project_context and keyword.metric == "project_investment":
        if not has(cues()["project_groups"], own_clause):
            raise LeftOut("one_project_planned_investment")  # 项目计划总投资1.2亿元 of one named project
    if metric == "investment" and has(cues()["infrastructure_subjects"], reading.head) and keyword.word in cues()["bare_investment"]:
        return "investment_infrastructure"
    if metric == "investment" and has(cues()["infrastructure_subjects"], own_clause):
        return "investment_infrastructure"  # 基础设施建设累计完成投资23亿元
    return metric


_INDICATOR_NAME_END = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:收入|总额|销售额|资金|外资|总值|增加值|利润|人口)"
    r"(?:达到|达|为|约为|约|近|超过|超|突破|共计|共|累计|实现|完成|了)*$"
)


def names_an_indicator_of_its_own(window: str) -> bool:
    """实际到账外资7456万元, 利润总额: the figure's clause names an indicator none of our wordings know."""
    clause = re.split(r"[，；：,;:、（(]|其中", window)[-1]
    return bool(_INDICATOR_NAME_END.search(clause))


def zone_share_wording(reading: Reading) -> Keyword | None:
    """全市完成固定资产投资500亿元，其中园区完成120亿元: the zone's share of a wider place's figure
    takes the wording of that figure."""
    breakdown = reading.window.rfind("其中")
    if breakdown < 0 or not has(cues()["zone_words"], reading.window[breakdown:]) or not about_a_wider_place_before(reading):
        return None
    wider_figure = reading.head[: len(reading.head) - len(reading.window) + breakdown]
    found = last_keyword(wider_figure, reading.quantity.dimension, wider_places=True)
    return found[0] if found else None


def about_a_wider_place_before(reading: Reading) -> bool:
    return bool(_WIDER_SUBJECT.match(reading.head))


def starts_new_indicator(reading: Reading) -> bool:
    """实现财政总收入21.8亿元: a money figure of its own with no wording, not a part of the one before."""
    return (
        reading.quantity.dimension == "money"
        and has(cues()["new_indicator_verbs"], reading.window)
        and not ANNUAL_TASK_END.search(reading.window)
    )


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
        unplaced = "附近没有指标用语" if dimension in ("money", "area") else None
        raise LeftOut("no_wording_and_no_figure_to_continue", unplaced=unplaced)
    return same[-1]


_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{0,16}[、和及与]+|[、和及与]+[\u4e00-\u9fff]{0,16}")


def count_list_item(reading: Reading) -> Fact | None:
    """14家光电厂商、17家精密机械、3家生物科技: the next item of a list of counts of the same kind
    (same measure word) continues the count before it."""
    if reading.quantity.dimension != "count" or not reading.sentence_facts:
        return None
    last = reading.sentence_facts[-1]
    if last.unit != "count" or last.kind == "growth" or not _LIST_ITEM.fullmatch(reading.window):
        return None
    return last if last.quantity.raw[-1:] == reading.quantity.raw[-1:] else None


def follows_a_figure_left_out(reading: Reading) -> bool:
    """A wordless amount after an indicator left out continues that indicator, not the fact before it
    (a restatement in brackets right after its figure excepted)."""
    if not reading.left_out or reading.window.strip() in ("（", "("):
        return False
    quantity, rule = reading.left_out[-1]
    after_last_fact = not reading.sentence_facts or quantity.start > reading.sentence_facts[-1].quantity.start
    return after_last_fact and rule in OWN_INDICATOR_RULES | GROWTH_LEFT_OUT_RULES


def with_completion(reading: Reading, decision: Decision) -> Decision:
    """完成年任务75亿元的23.7%: the task is a target, and the share done is its stated completion."""
    text, end = reading.text, reading.quantity.end
    completion = _COMPLETION.match(text, end, end + 10)
    if ANNUAL_TASK_END.search(reading.window) and completion:
        decision.kind = "target"
        decision.stated_completion = float(completion.group(1))
    return decision


# Rules that leave a figure out because it is an indicator of its own: a growth rate right after
# such a figure is that indicator's growth, not the growth of the fact before it.
OWN_INDICATOR_RULES = {
    "indicator_outside_the_vocabulary",
    "starts_new_indicator_without_wording",
    "indicator_named_without_a_wording",
    "one_company_figure",
    "sum_of_several_zones",
    "no_wording_and_no_figure_to_continue",
}


GROWTH_LEFT_OUT_RULES = {"growth_of_an_indicator_outside_the_vocabulary", "growth_of_a_figure_left_out"}


# --- wordings ----------------------------------------------------------------------------


def last_keyword(window: str, dimension: str, wider_places: bool = False) -> tuple[Keyword, int] | None:
    """The metric wording nearest the end of `window` whose metric fits the dimension.

    None when an indicator outside the vocabulary (工业增加值) comes after it, or when the
    wording is about a wider place (县城建成区面积) unless `wider_places` asks for those too."""
    best = None
    for match in keyword_pattern().finditer(window):
        keyword = keyword_index()[match.group()]
        if keyword.metric == NOT_A_METRIC:
            best = (keyword, match.start())  # 技改投资: a wording that names no metric of ours
        elif METRIC_DIMENSION.get(metric_units()[keyword.metric]) == dimension:
            best = (keyword, match.start())
    if best is None or best[0].metric == NOT_A_METRIC:
        return None
    wider = word_pattern(tuple(cues()["wider_places"]))
    if not wider_places and wider.search(window, max(0, best[1] - 3), best[1]):
        return None
    if window[: best[1]].endswith(tuple(cues()["per_unit_prefixes"])):
        return None  # 亩均税收, 人均产值: an intensity, not the zone's amount
    other = list(word_pattern(tuple(cues()["other_indicators"])).finditer(window))
    if other and other[-1].start() >= best[1] + len(best[0].word):
        return None
    return best


def wording_after(reading: Reading) -> tuple[Keyword, int] | None:
    """A wording right after the figure (完成10平方公里开发建设): cues.yaml `wordings_after`."""
    for word, metric in cues()["wordings_after"].items():
        if reading.after.startswith(word) and METRIC_DIMENSION.get(metric_units()[metric]) == reading.quantity.dimension:
            return Keyword(word, metric, metric, False), reading.quantity.end
    return None


def names_other_indicator(window: str) -> bool:
    """工业增加值, 技改投资 …: the window names an indicator that is none of our metrics."""
    if word_pattern(tuple(cues()["other_indicators"])).search(window):
        return True
    return any(keyword_index()[m.group()].metric == NOT_A_METRIC for m in keyword_pattern().finditer(window))


def is_target(head: str) -> bool:
    """A goal word before the figure in its sentence (力争, 确保, 预计 …) makes it a target, unless an
    achievement word comes after it (计划完成投资50亿元，实际完成42亿元)."""
    cleaned = word_pattern(tuple(cues()["not_target"])).sub(lambda match: "\0" * len(match.group()), head)
    goal = _last_end(cues()["target"], cleaned)
    if has(cues()["annual_plan"], head):
        goal = max(goal, _last_end(cues()["annual_plan"], head))
    return goal >= 0 and goal > _last_end(cues()["achieved"], cleaned)


_BY_YEAR = re.compile(r"(?:到|至)((?:19|20)\d{2})年")


def future_year(reading: Reading) -> bool:
    """到2025年…达到120亿元 in a report signed before 2025: a goal for a year still to come."""
    if reading.doc_year is None:
        return False
    years = list(_BY_YEAR.finditer(reading.head))
    if not years or int(years[-1].group(1)) <= reading.doc_year:
        return False
    return _last_end(cues()["achieved"], reading.head) < years[-1].end()


def planned_here(reading: Reading) -> bool:
    """A figure in a plan section is a goal unless its sentence reports it as achieved."""
    return reading.in_plan_section and not has(cues()["achieved"], reading.head)


def names_a_goal_after(reading: Reading) -> bool:
    """达成3600亿元目标: the figure is the goal the words after it name."""
    return reading.after.startswith(tuple(cues()["target_after"]))


def _last_end(words: list[str], text: str) -> int:
    """Where the last of `words` in `text` ends (-1 when none is there)."""
    found = -1
    for match in word_pattern(tuple(words)).finditer(text):
        found = match.end()
    return found


def counts_something_named_after(reading: Reading) -> bool:
    """A count followed by a noun that is neither 项目 nor a firm (11个重点园区, 45个行政村)."""
    after = reading.after[:16]
    return bool(_CJK_START.match(after)) and not counted_noun_after(reading) and not after.startswith(
        tuple(cues()["count_continuations"])
    )


def counted_noun_after(reading: Reading) -> re.Match | None:
    """项目 or a firm noun right after a count, unless its qualifier names zones (11个重点园区新增企业);
    公司 counts firms only with the firms' measure word 家 (12家公司, not 两个担保公司)."""
    noun = COUNT_NOUN.match(reading.after[:16])
    if not noun or has(cues()["zone_words"], noun.group(1)):
        return None
    return None if noun.group(2) == "公司" and not reading.quantity.raw.endswith("家") else noun


def count_wording(reading: Reading) -> Keyword | None:
    """项目 or 企业 right after a count (14个项目, 86个亿元以上重点工业项目) or in its window (签约项目15个);
    a bare count followed by a status (71个实质性开工, 42个竣工投产) continues the sentence's project count."""
    after = reading.after[:16]
    noun = counted_noun_after(reading)
    if noun:
        return keyword_index()[counted_noun(noun)]
    status_after = status_pattern().match(after.lstrip(cues()["status_prefix_chars"]))
    if status_after and any(f.metric == "projects" for f in reading.sentence_facts):
        return keyword_index()["项目"]
    if counts_something_named_after(reading):
        return None  # counts something else: 24个对外开放重点产业集聚区
    found = last_keyword(reading.window, "count")
    return found[0] if found else None

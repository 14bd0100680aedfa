"""Gates: figures that are no amount of the zone (a change, a threshold, one item, a sum of several zones …).

Each gate is a predicate named after what it sees; `fact_rules.read_amount` leaves a figure out
with the gate's name when one holds. Word lists are in lexicon/cues.yaml.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from .firms import a_firm_opens_the_part
from .kinds import A_DIGIT, COMPLETION, goal_noun_after
from .lexicon import (
    ASIDE,
    CLAUSE_MARK,
    NEW_PART,
    after_last_comma,
    cues,
    has,
    pattern_of,
    word_pattern,
)
from .scopes import INVESTMENT_CASES
from .wider_places import AFTER_A_DATE, LEAD_CLAUSES
from .wordings import LIST_MARKER, heading_before, names_a_project_group, wording_after_its_figure

if TYPE_CHECKING:
    from .rules import Reading


def holds_only_for(*dimensions: str):
    """Marks a gate whose first test admits figures of these dimensions only (quantity.dimension == "money" …), so
    read_amount asks it of those figures only. The mark repeats that test: widen both together (tests/test_gates.py
    checks they agree)."""
    def mark(gate):
        gate.dimensions = dimensions
        return gate
    return mark


# Works measured right after their noun (道路12公里, 厂房3万平方米, 管网20公里): a kind of works, not one facility.
_WORKS_MEASURED = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:[\d.]++万?(?:公里|千米|米|平方米|平米|条)|[一二两三四五六七八九十]++条)"
)
_TOTAL_INVESTMENT_END = re.compile(r"(?:共|总)?投资$")
_PROJECT_NAME_AFTER = re.compile(r"[\u4e00-\u9fff\d（）()]{2,30}?项目(?=[、，；。和及等]|$)")
_NAMED_AFTER = re.compile(r"[*＊X]|[\u4e00-\u9fff]{2,16}?(?:有限公司|集团|公司|项目)$")
_OUTSIDE_CAPITAL = re.compile(r"(?:公司|企业)投资$")
_A_NAMED_FIRM_INVESTS = re.compile(r"公司投资$")  # 某某公司投资: one firm; 工业企业投资 is the zone's firms' as often
_COMPANY_BEFORE = re.compile(r"(?:公司|集团)[\u4e00-\u9fff]{0,6}$")  # 某某公司完成投资|1120万元
_COMPANY_REACH = 12  # characters back from a firm's figure where its company's name may stand
_SEVERAL_ZONES = re.compile(
    r"(?:全国|全省|全市|全县|各)[^，。；]{0,6}?(?:\d++|[二三四五六七八九十]++)个(?!、)[^，。；]{0,8}?(?:产业集聚区|开发区|园区|工业园)"
    r"|(?:全国|全省|全市)(?:的|各类|各)?(?:产业集聚区|开发区|高新区|经开区|工业园区|园区)"
    r"|(?:\d|[两二三四五六七八九十])类[^，。；]{0,8}?(?:产业集聚区|开发区|高新区|经开区|园区)"  # 两类国家级园区合计
    r"|百强(?:榜)?(?:的)?(?:产业集聚区|开发区|高新区|经开区|园区)"  # 百强榜园区共上缴税收
    r"|等(?:\d++|[两二三四五六七八九十]++)个(?!、)[^，。；]{0,8}?(?:产业集聚区|开发区|高新区|经开区|园区|工业园)"  # 东湖、襄阳等7个国家高新区
    # 湖北省27个高新技术产业园区: a province's or city's counted zones
    r"|[\u4e00-\u9fff]{2,4}?(?:省|市|自治区)(?:\d++|[两二三四五六七八九十]++)个(?!、)[^，。；]{0,8}?(?:产业集聚区|开发区|高新区|经开区|园区|工业园)"
)
# 个 is never followed by 、 in a group's name: 杉溪县21个、高新区15个 lists members, it names no group.
# A character every match of _SEVERAL_ZONES holds (全…, 各…, …类, 百强, 等…, …省/市): most sentences have none.
_SEVERAL_ZONES_CUE = re.compile(r"[全各类强等省市]")
_CHANGE_END = re.compile(r"(?<!新)(?:增加|增长|减少|下降|提高|降低|扩大|缩小)了?$")
_CHANGE_END_LONGEST = 3  # characters a match of _CHANGE_END holds: it is searched for only there
# 比上年多15家, 较去年同期少引进项目3个, 比上年净增41家: more or fewer than the base compared with, in the figure's
# own clause (净增 alone, 净增企业41家, is the period's net gain, read as 新增 is).
_MORE_THAN_BEFORE = re.compile(r"(?:比|较)[^，,；;。\d]{0,10}?(?:多|少|净增|净减)(?!达|于)[^，,；;。\d]{0,8}$")


@lru_cache(maxsize=1)
def _increment_end() -> re.Pattern:
    """增收1.2亿元, 减收3000万元, 产值增量达20亿元: the amount gained or lost (cues.yaml increment_words)."""
    return re.compile(rf"{pattern_of(cues()['increment_words']).pattern}(?:达到|达|为|约|近)?$")


def size_of_a_change(reading: Reading) -> bool:
    """比上年增加12.3亿元, 比上年多15家, 比上年净增41家, 增收1.2亿元, 产值增量达20亿元: the size of a change, not a
    figure of its own."""
    window = reading.window
    if _CHANGE_END.search(window, max(0, len(window) - _CHANGE_END_LONGEST)):
        return True
    return bool(_MORE_THAN_BEFORE.search(window) or _increment_end().search(window))


def sum_of_several_zones(reading: Reading) -> bool:
    """全市17个产业集聚区共完成…, 全市工业园区入驻企业达2418户，其中投产企业1355户: the sum of many zones
    (named in the figure's clause, or as the sentence's subject with no zone named after it), not
    this zone's figure; unless the report is about a group of zones (全省11个重点园区共签约…)."""
    if reading.report_on_a_group or not _SEVERAL_ZONES_CUE.search(reading.head):
        return False
    text, quantity = reading.text, reading.quantity
    named = _SEVERAL_ZONES.search(text, reading.clause_begin, quantity.start)
    if named is None:  # the sentence's subject, when no zone is named after it
        named = _SEVERAL_ZONES.match(reading.head) or _SEVERAL_ZONES.match(reading.head, _lead_in_end(reading.head))
        if named is None or has(cues()["zone_words"], ASIDE.sub("", reading.head[named.end() :])):
            return False  # a zone named after the group speaks of it; one in an aside (（按开发区…平均）) does not
        if _own_zone_after(reading, reading.sentence.start + named.end()):
            return False  # 全县4个工业园区中，我园排名第一，完成税收…: the report's own zone, ranked in the group
    elif _own_zone_after(reading, named.end()):
        return False
    return named.group() not in reading.groups_named_again  # a group the report names again is its subject


def _own_zone_after(reading: Reading, start: int) -> bool:
    """Whether a first-person word for the report's own zone (我区, 我园) is a clause's subject between
    `start` (a group's end) and the figure: the figure is that zone's, not the group's sum."""
    spoken = reading.own_zone_at
    index = bisect.bisect_left(spoken, start)
    return index < len(spoken) and spoken[index] < reading.quantity.start


GROUP_NAMED_AGAIN = 2  # mentions of a group of zones that make it a subject of the report, whose sums are its figures


def groups_named_again(text: str) -> frozenset[str]:
    """Groups of zones a report names again and again (全省高新区…。全省高新区实现…): it reports on them,
    and their sums are figures of its own; a group named once is the setting of one zone's figure."""
    if not _SEVERAL_ZONES_CUE.search(text):
        return frozenset()
    counts = Counter(match.group() for match in _SEVERAL_ZONES.finditer(text))
    return frozenset(group for group, count in counts.items() if count >= GROUP_NAMED_AGAIN)


_LEAD_IN = re.compile(LEAD_CLAUSES)


def _lead_in_end(head: str) -> int:
    """Where a sentence's subject may start: after a short lead-in (截至一季度末，)."""
    lead = _LEAD_IN.match(head)
    return lead.end() if lead else 0


# …以上的项目 / 以上企业, or 以上的5个 (其中投资1亿元以上的5个): a threshold naming a group counted after it.
_THRESHOLD_AFTER = re.compile(
    r"(?:及)?(?:以上|以下)(?:的)?(?:[\u4e00-\u9fff]{0,10}?(?:项目|企业)|(?:有|共|达)?\d++(?:个|家|项|户))"
)


_A_COUNT = r"(?:\d{1,6}+|[一二三四五六七八九十两百]{1,6}+)"  # a count in digits or in Chinese numerals
_FIRMS_PASSING = re.compile(
    rf"(?<![\d一二三四五六七八九十两百]){_A_COUNT}(?:家|户)[\u4e00-\u9fff“”]{{0,8}}?"
    r"(?:企业|公司)[\u4e00-\u9fff]{0,12}?(?:超过|超|突破|过|逾|达到|达|在)$"
)
# 其中21家达100亿元以上, 投资在1亿元以上: a count with no noun passing a mark, or an amount said to lie above
# one, is a threshold.
_PASSING_A_MARK = re.compile(rf"(?:{_A_COUNT}(?:家|户|个)(?:超过|超|突破|达到|达)|在)$")


_ZONES_PASSING_REACH = 48  # characters before a figure the count of zones and what they pass may hold (anchored at its end)


@lru_cache(maxsize=1)
def _zones_passing() -> re.Pattern:
    """Some of a group's zones counted (其中 / 有 / 等 before the count, or 以上 after it), then what they pass
    and the verb of passing, right before the figure (其中5个开发区工业总产值超千亿元, 某某经开区等14家园区营业
    收入突破1000亿元): cues.yaml zone_words. A group counted whole (全市12个园区营业收入突破1000亿元) states its sum."""
    zones, passing = pattern_of(cues()["zone_words"]).pattern, pattern_of(cues()["passing_verbs"]).pattern
    return re.compile(
        rf"(?:(?:其中|有|等)[，,]?(?:有)?{_A_COUNT}(?:个|家|座|所)?(?:以上)?|(?<![\d一二三四五六七八九十两百]){_A_COUNT}(?:个|家|座|所)?以上)"
        rf"(?:{zones})[\u4e00-\u9fff“”]{{0,12}}?(?:{passing})(?:了)?$"
    )


@holds_only_for("money")
def threshold_amount(reading: Reading) -> bool:
    """5000万元以上项目, 3000万元以上国内市外项目, 有5家企业营业收入超过10亿元, 14家园区营业收入突破1000亿元: a
    money threshold naming a group of firms or of zones, not an amount."""
    if reading.quantity.dimension != "money" or is_outside_capital(reading):
        return False
    if _FIRMS_PASSING.search(reading.clause) or _zones_passing().search(reading.head[-_ZONES_PASSING_REACH:]):
        return True
    if reading.after.startswith(("以上", "以下")) and _PASSING_A_MARK.search(reading.clause):
        return True
    return reading.after.startswith(cues()["threshold_after"].prefixes) or bool(_THRESHOLD_AFTER.match(reading.after))


@holds_only_for("money")
def one_item_amount(reading: Reading) -> bool:
    """投资12亿元的…项目, 投资700万元新建开闭所: the size of one named project or facility."""
    if reading.quantity.dimension != "money":
        return False
    if is_outside_capital(reading):
        return a_firm_s_own_project(reading)
    after = reading.after
    if COMPLETION.match(after):
        return False  # 完成年任务40亿元的31.5%: a share of a task, not a named item
    if goal_noun_after(after):
        return False  # 完成投资100亿元的奋斗目标: the goal's figure, not a named item
    if project_group_after(reading):
        return False  # 总投资177亿元的29个项目: the total of a group of projects
    if after.startswith(cues()["item_after"].prefixes):
        return not wording_after_its_figure(reading)  # 实现45亿元的营业收入 is the zone's figure
    builds = pattern_of(cues()["build_verbs"])
    facilities = pattern_of(cues()["facility_nouns"])
    facility = facilities.search(after) if builds.match(after) else None
    if facility:
        # 投资700万元新建10千伏开闭所; but 投资3.2亿元新建道路12公里 measures works of a kind, not one item,
        # and 投资12亿元建设污水处理厂、道路等基础设施 names several works of a kind
        return not _WORKS_MEASURED.match(after, facility.end()) and not _several_works(after)
    clause = reading.window[after_last_comma(reading.window) :]
    built = builds.search(clause)
    if built and facilities.search(clause, built.end()) and _TOTAL_INVESTMENT_END.search(clause):
        return True  # 新建办公楼及展厅共投资1300万元
    if _PROJECT_NAME_AFTER.match(after) and not after.startswith(cues()["build_verbs"].prefixes + cues()["zone_use_after"].prefixes):
        return True  # 总投资80亿元正大国际商业广场项目、…: a list of named projects
    if _NAMED_AFTER.match(after):
        return not after.startswith(cues()["build_verbs"].prefixes + cues()["zone_use_after"].prefixes)
    return _named_works_after(after)


@lru_cache(maxsize=1)
def _works_named_after() -> re.Pattern:
    """Works named after their money, a 的 inside the name (投资1200万元县城至园区的供水管网工程已铺设…), then a
    clause mark or a word of cues.yaml works_named_next."""
    next_words = pattern_of(cues()["works_named_next"]).pattern
    return re.compile(rf"(?P<name>[^，。；,;、\d]{{2,24}}?的[^，。；,;、\d]{{1,16}}?)工程(?=(?:{next_words})|[，,；;。]|$)")


def _named_works_after(after: str) -> bool:
    """投资1274万元县城至园区的供水管网工程已经铺设…: one works named right after its money, not the zone's
    spending on works of a kind (投资2亿元完善园区的道路工程 opens on a verb: the zone's)."""
    named = _works_named_after().match(after)
    if named is None or after.startswith(cues()["works_verbs"].prefixes + cues()["build_verbs"].prefixes + cues()["zone_use_after"].prefixes):
        return False
    return len(pattern_of(cues()["works_kind_words"]).sub("", named.group("name")).strip()) >= 2


def a_firm_s_own_project(reading: Reading) -> bool:
    """某某公司投资10亿元的陶瓷颜料项目, 某某公司投资1500万元建设年产30万吨水泥生产线: what a firm puts into
    its own project is that project's size, not capital brought into the zone (引进某公司投资1亿元进行道路建设
    stays financing). So is a firm's amount listed after other firms' own figures (其中：甲公司完成投资1120万元；
    乙公司投资376万元)."""
    after = reading.after
    if after.startswith("的") and has(cues()["own_project_nouns"], after):
        return True
    if after.startswith(cues()["build_verbs"].prefixes) and has(cues()["own_production_nouns"], after):
        return True
    return _after_other_firms_figures(reading)


def _after_other_firms_figures(reading: Reading) -> bool:
    """The sentence's last figure was one company's (left out as such), no fact came after it and the figure's
    own clause brings no capital in (园区引进外地企业投资3亿元 stays financing)."""
    if has(cues()["capital_intake"], reading.clause):
        return False
    if not reading.left_out or reading.left_out[-1][1] not in ("one_company_figure", "one_item_amount"):
        return False
    firm_figure = reading.left_out[-1][0]
    if reading.fact_read_after(firm_figure.start):
        return False
    return bool(_COMPANY_BEFORE.search(reading.text, firm_figure.start - _COMPANY_REACH, firm_figure.start))


def _several_works(after: str) -> bool:
    """污水处理厂、道路等基础设施: works listed and summed up as a kind (等 + infrastructure works)."""
    summed = after.find("等")
    return summed > 0 and has(cues()["infrastructure_works"], after[summed : summed + 8])


@lru_cache(maxsize=1)
def _made_to_a_size() -> re.Pattern:
    """A verb of making a class (打造, 培育 …) right before the amount, maybe past the zone's own word
    (为打造园区千亿锂电产业)."""
    makers = pattern_of(cues()["size_class_makers"]).pattern
    zones = pattern_of(cues()["zone_words"]).pattern
    return re.compile(rf"(?:{makers})(?:成为|成)?(?:{zones})?$")


def _a_class_is_made(after: str) -> bool:
    """What is made names an industry, cluster or zone (cues.yaml size_classes_made) and is no institution
    (2亿元产业服务中心 is a centre built for that amount)."""
    return has(cues()["size_classes_made"], after) and not after.endswith(cues()["institution_heads"].prefixes)


def size_class(reading: Reading) -> bool:
    """百亿级企业, 千亿级产业集群, 5000亿国家级园区: a class of size, not an amount (12家国家级企业 stays a count);
    打造千亿元临港产业集群, 打造园区千亿锂电产业: money right after a verb of making (cues.yaml size_class_makers)
    sizes what is to be made when that is an industry, cluster or zone; a base or a centre made
    (投入资金打造6000万元孵化基地) is made for that amount."""
    if reading.quantity.dimension == "money" and reading.after.startswith(cues()["size_class_nouns"].prefixes):
        return True
    if reading.quantity.dimension == "money" and _made_to_a_size().search(reading.head) and _a_class_is_made(reading.after):
        return True
    return reading.after.startswith(cues()["size_class_after"].prefixes)


def projection_of_a_project(reading: Reading) -> bool:
    """某某项目…达产后年产值5亿元: what one project is to yield once running, not a zone figure
    (a counted or qualified group of projects is to yield a target: 3个项目…投产后预计实现年销售收入207亿元,
    全部技改项目投产后预计新增产值80亿元)."""
    if not reading.sentence_holds(cues()["once_running"]):
        return False  # asked once per sentence: a word nowhere in it is not in its head
    projection = pattern_of(cues()["once_running"]).search(reading.head)
    if projection is None:
        return False
    before = reading.head[: projection.start()]
    if _THIS_PROJECT_OPENING.match(before):
        return True  # 该项目是今年签约落户项目…建成后带动就业80人: the project just named, whatever group it is in
    if a_firm_opens_the_part(before):
        return True  # 某某集团拟投资20亿元建设区域总部，建成后年产值可达60亿元: what the firm's works will yield
    if "项目" not in before or names_a_project_group(before):  # 全部技改项目投产后: a group
        return False
    return not a_group_of_projects_spoken_of(reading, before)


def yield_of_the_one_just_sized(reading: Reading) -> bool:
    """某某项目总投资1.5亿元，主要建设…，年底竣工投产，预计年可实现开票4亿元，利税3000万元; 该公司计划投入6000万元，…，
    投产后…可提供200余个就业岗位: after one project's or firm's own money, left out in its sentence with no zone
    figure read since, a figure after a word of what it is to yield (cues.yaml yield_words) with no zone word
    between is that one's yield, not the zone's."""
    if not reading.left_out or not reading.sentence_holds(_yield_words()):
        return False
    own = next((quantity for quantity, rule in reading.left_out
                if rule in ONE_S_OWN_RULES and quantity.dimension == "money"), None)
    if own is None or reading.fact_read_after(own.start):
        return False
    between = reading.text[own.end : reading.quantity.start]
    return _yield_words().search(between) is not None and not has(cues()["zone_words"], between)


@lru_cache(maxsize=1)
def _yield_words() -> re.Pattern:
    """What one project or firm is to yield (cues.yaml yield_words) or once running (once_running: 投产后)."""
    return word_pattern(tuple(sorted({*cues()["yield_words"], *cues()["once_running"]})))


@lru_cache(maxsize=1)
def _projects_spoken_of() -> re.Pattern:
    """The projects a projection speaks of with no name of their own: bare 项目, or the group just spoken of."""
    anaphors = pattern_of(cues()["group_anaphors"]).pattern
    return re.compile(rf"(?:^|[，,；;])(?:预计|据测算|经测算|测算)?(?:{anaphors})?项目(?:全部)?$")


def a_group_s_amount(fact) -> bool:
    """A group of projects' own amount: its total (总投资120亿元) or its plan for the year (年度计划投资30亿元,
    a goal of what it is to complete), which the figures after it in its part of the sentence are said of."""
    return fact.metric == "project_investment" or (fact.metric == "project_investment_completed" and fact.kind == "target")


def a_group_of_projects_spoken_of(reading: Reading, before: str) -> bool:
    """集中开工项目13个，总投资69亿元。项目建成后将拉动…; 项目总投资达225亿元，预计项目全部建成后可实现…:
    a projection of the projects the sentence counts or totals (a single project's investment is no
    fact), or of bare 项目 right after a sentence that counted projects, is the group's target."""
    if any(fact.metric == "projects" or a_group_s_amount(fact) for fact in reading.sentence_facts):
        return True
    if _projects_spoken_of().search(before) is None or any(rule in ITEM_RULES for _, rule in reading.left_out):
        return False  # 投资5亿元的某某项目，…，项目投产后: the one project the sentence named, sized as an item
    return any(fact.metric == "projects" for fact in reading.previous_facts)


def a_milestone(reading: Reading) -> bool:
    """产值930亿元，首次突破千亿元 / 首次突破100亿元，达106亿元: a round mark passed for the first time,
    not the figure itself, which is given beside it (首次突破700家、达715家). A mark with no figure beside it
    (园区甲产值首次突破300亿元, after another zone's figure) is the lower bound of that figure. A mark passed with no
    首次 is one only with the figure right after it (突破600亿元，达到618.5亿元)."""
    window = reading.window.rstrip()
    restated = bool(_RESTATED_AFTER.match(reading.text, reading.quantity.end))
    if window.endswith(cues()["milestone_before"].prefixes):
        return restated or _said_of_the_figure_before(reading)
    # 突破600亿元，达到618.5亿元: with no 首次, the mark passed is no figure only when the figure follows (alone, it is
    # a lower bound of it)
    return restated and window.endswith(cues()["mark_passed_before"].prefixes)


_RESTATED_AFTER = re.compile(r"[^，。；,;\d]{0,6}[，,、](?:达到|达|为)")


def _said_of_the_figure_before(reading: Reading) -> bool:
    """The sentence's figure before the mark, with no zone named between them: the mark is said of it."""
    if not reading.sentence_facts:
        return False
    between = reading.text[reading.sentence_facts[-1].quantity.end : reading.quantity.start]
    return not has(cues()["zone_words"], between)


@holds_only_for("count")
def firms_served(reading: Reading) -> bool:
    """走访企业120家, 帮助32家企业, 为企业解决问题86个: what the zone's staff did for firms, not a count of
    the zone's firms."""
    # the clause up to its comma: a list of what was solved (用工、融资难题43个) parts no service from its firms
    clause = reading.head[after_last_comma(reading.head) :]
    if reading.quantity.dimension != "count" or not has(cues()["service_verbs"], clause):
        return False
    return has(["企业", "厂商", "公司"], clause + reading.after[:12])  # 督促13个在建项目 stays a count


def an_average(reading: Reading) -> bool:
    """平均每月新增企业2671家, 日均签约3个项目: an average per period, not the period's amount."""
    return has(cues()["average_words"], reading.clause)


@holds_only_for("person")
def residents_counted(reading: Reading) -> bool:
    """吸纳就业人口5万人，常住居民15万人: a head count whose own clause names residents (cues.yaml
    resident_words) and no work (workforce_stems) is a population, not the workforce before it."""
    if reading.quantity.dimension != "person":
        return False
    clause = reading.clause_within_window
    return has(cues()["resident_words"], clause) and not has(cues()["workforce_stems"], clause)


def an_intensity(reading: Reading) -> bool:
    """每平方公里实现产值20亿元, 亩均税收30万元: an amount per unit of land or per head, not the zone's amount.
    A sentence that opens on one (每平方公里工业用地产值50亿元，创造税收2.5亿元…) lists intensities only."""
    prefixes = cues()["per_unit_prefixes"]
    return has(prefixes, reading.clause) or reading.head.lstrip().startswith(prefixes.prefixes)


_THIS_ZONE = re.compile(r"(?:该|此|这个|这一)(?:区|园|园区|开发区|县|市)")
_THIS_PROJECT = re.compile(r"(?:该|此|这个|这一)(?![次批些])[^，。；,;\d]{0,12}?项目")
_THIS_PROJECT_OPENING = re.compile(r"[\s“\"]*" + _THIS_PROJECT.pattern)  # a sentence opening on 该项目 (after a quote mark)
# The only digits a project's name holds: a capacity (年产10万吨饲料项目) or a model (6000T/D熟料生产线项目,
# 220KV变电站项目).
_CAPACITY = r"年产[\d.]++[万千百亿]?+"  # possessive: 年产10万 is one capacity, never 年产10 and a 万 (runs of them would backtrack)
_MODEL = r"[\d.]++[A-Za-z][A-Za-z/]*+"
_TOPIC_CHARACTER = rf"(?:[^，。；,;\d]|{_CAPACITY}|{_MODEL})"


@lru_cache(maxsize=1)
def _project_topic() -> re.Pattern:
    """A project named as the sentence's topic (某某公司年产2万吨黄药项目，总投资…), maybe after the day of a
    chronicle's entry or the number of a list's item (1.某某项目：总投资…), and maybe with where it lies or what
    befell it before the comma (某某项目位于某某片区，总投资…: cues.yaml project_site_words; 某某项目在某某园区开工，
    项目总投资…; 某某项目正式投产，…: project_events). A headline breaks its clauses with spaces (某某项目开工 总投资26亿元)."""
    site, events = pattern_of(cues()["project_site_words"]).pattern, pattern_of(cues()["project_events"]).pattern
    return re.compile(
        rf"{_day_opening()}\s*(?:{LIST_MARKER}\s*)?{_TOPIC_CHARACTER}{_TOPIC_CHARACTER}{{1,29}}?项目"
        rf"(?:(?:{site}|在)[^，。；,;]{{1,30}}?|(?:正式|顺利|集中)?(?:{events})[^，。；,;]{{0,30}}?)?(?:[，,：:]|[ \u3000]++(?=\S))"
    )


def _day_opening() -> str:
    """The day an entry of a chronicle opens on (5月8日，…; 2023年11月, …; 5月8日上午: cues.yaml times_of_day): a
    yearbook's or a news digest's list of projects started, signed or finished, one project to an entry."""
    times = pattern_of(cues()["times_of_day"]).pattern
    return rf"(?:\s*(?:(?:19|20)\d{{2}}年)?\d{{1,2}}月(?:\d{{1,2}}日)?(?:{times})?[，,]?)?"


@lru_cache(maxsize=1)
def _project_described() -> re.Pattern:
    phases = pattern_of(cues()["project_phases"]).pattern  # 项目一期占地150亩: one phase of the project
    return re.compile(rf"(?:^|[，,；;：:])项目(?:{phases})?(?:{pattern_of(cues()['one_project_descriptors']).pattern})")


_GROUP_REACH = 4  # characters before 项目 where a group word makes the project just named a group


def _one_project_described(head: str) -> bool:
    """…某某项目。项目建设用地面积1.5万平方米, 新开工某某项目，项目占地200亩: a clause opening on a bare
    项目 with what only one project has (占地, 坐落, 建筑面积), at the sentence start or right after a
    clause naming one project, speaks of that project (新开工项目，项目占地… is a group's)."""
    for match in _project_described().finditer(head):
        if match.start() == 0:
            return True
        before = CLAUSE_MARK.split(head[: match.start()])[-1]
        if before.endswith("项目") and not has(cues()["project_group_words"], before[-2 - _GROUP_REACH :]):
            return True
    return False


@holds_only_for("money", "area")
def one_project_subject(reading: Reading) -> bool:
    """某某电视项目，占地200亩，总投资5亿元, 该标准化厂房项目…总投资15亿元, 新开工某某项目，项目占地200亩:
    a sentence that opens on one project as its topic, names it with 该, or describes it as a bare 项目,
    gives that project's money and land (an item), not the zone's; a counted group or a group word
    keeps them."""
    if reading.quantity.dimension not in ("money", "area"):
        return False
    if "项目" not in reading.head:
        return _under_a_projects_heading(reading)
    if any(fact.metric == "projects" for fact in reading.sentence_facts):
        return False
    topic = _project_topic().match(reading.head)
    if topic is not None and not names_a_project_group(topic.group()):
        return True
    if _one_project_described(reading.head) or _under_a_projects_heading(reading):
        return True
    this = _THIS_PROJECT.search(reading.head)
    return this is not None and not names_a_project_group(this.group()) and not _THIS_ZONE.match(this.group())


_PROJECT_HEADING_LONGEST = 40  # characters of a heading naming one project, its number and stop included


def _under_a_projects_heading(reading: Reading) -> bool:
    """（五）某某光伏组件项目。总投资3亿元，…: the first figure of a sentence right under a heading that names one
    project (numbered as a list's item, or a line of its own), with no other subject before it, is that
    project's (这一年，我们坚定不移抓项目。 is no heading)."""
    index = reading.sentence.index
    if index < 1 or reading.sentence_facts:
        return False
    before = reading.document.sentences[index - 1]
    if before.end - before.start > _PROJECT_HEADING_LONGEST:
        return False  # no heading: a long sentence is not read again for each figure after it
    sentence_before = reading.text[before.start : before.end]
    numbered = _NUMBERED.match(sentence_before) is not None
    alone = (before.start == 0 or reading.text[before.start - 1] == "\n") and "\n" in reading.text[before.end - 1 : reading.sentence.start + 1]
    words = heading_before(reading)
    return (
        (numbered or alone) and words.endswith("项目") and len(words) > len("项目") and not CLAUSE_MARK.search(words)
        and not names_a_project_group(words) and not has(cues()["zone_words"], reading.head)
    )


_NUMBERED = re.compile(rf"\s*{LIST_MARKER}")  # a heading numbered as an item of a list (（五）, 5.)


_CAPACITY_IN_A_NAME = rf"{_CAPACITY}[\u4e00-\u9fff]|{_MODEL}"  # 年产10万吨饲料项目, 6000T/D熟料生产线项目
# The size of a project written before its name (总投资12亿元的某某项目): that size is the project's too.
_SIZED_BEFORE_ITS_NAME = r"(?:(?:计划)?总投资[\d.]++[万亿]?元的)?"
# When a project's money stands, between its name and the wording (某某项目截至6月底已完成投资, 年内完成投资).
_UNTIL = r"(?:截至|截止|到)"
_WHEN_BETWEEN = rf"(?:{_UNTIL}[\d一二三四五六七八九十〇]{{1,4}}(?:年|月)份?(?:底|末)|年内|今年|当年)?"
# A date a sentence may open on before the project (截至去年年底，总投资12亿元的某某项目…).
_TO_DATE_OPENING = rf"(?:{_UNTIL}[^，,；;。]{{1,8}}?(?:底|末)[，,]?)?"


@lru_cache(maxsize=1)
def _named_project_opening() -> re.Pattern:
    """A sentence opening on a project named before its investment wording (宁德新能源电池项目总投资…, 其中某某电子
    项目完成投资…, 总投资12亿元的某某项目年内完成投资…), digits only in its capacity or model, maybe after a lead
    clause holding it up as an example of a group (作为集中开工项目中的代表，…: cues.yaml example_nouns)."""
    shown_as_an_example = rf"(?:作为[^，,。；;]{{1,20}}?(?:{pattern_of(cues()['example_nouns']).pattern})[，,]\s*)?"
    return re.compile(
        AFTER_A_DATE + _TO_DATE_OPENING + r"(?:其中)?[：:，,]?\s*" + shown_as_an_example + _SIZED_BEFORE_ITS_NAME
        + rf"(?P<name>(?:[\u4e00-\u9fffA-Za-z（）()“”]|{_CAPACITY_IN_A_NAME}){{3,32}}?)项目" + _WHEN_BETWEEN
        + r"(?:已经|已|目前|累计|共|计划|实际|总)*(?:完成)?(?:总投资|投资)额?(?:为|达到|达|约|近|超过|超|了)?$"
    )


@holds_only_for("money")
def a_named_project_opens_the_sentence(reading: Reading) -> bool:
    """宁德新能源电池项目总投资120亿元 (after a sentence on a group of projects), 其中某某电子项目完成投资20亿元:
    a sentence that opens on one named project gives that project's money (an item), not the group's or the
    zone's; a kind of projects (工业项目, 社会事业项目, 重点项目) keeps it."""
    if reading.quantity.dimension != "money" or "项目" not in reading.head:
        return False
    named = _named_project_opening().match(NEW_PART.split(reading.head)[-1])  # a part after ； opens anew
    if named is None:
        return False
    name = named.group("name")
    if names_a_project_group(name + "项目") or name.endswith(cues()["project_categories"].prefixes):
        return False
    return not has(cues()["not_one_project"], name)


_NO_NEW_SUBJECT = re.compile(r"\s*(?:目前|现)?(?:已经|已|累计)++(?:完成|到位)")  # 已完成投资, 累计完成, not 今年投资


@holds_only_for("money")
def more_of_the_same_project(reading: Reading) -> bool:
    """某某项目总投资20亿元，已完成投资8亿元: a money figure whose clause names no new subject, right after
    one project's money (left out as an item) in its sentence, is more of that project's money."""
    if reading.quantity.dimension != "money" or not reading.left_out:
        return False
    item, rule = reading.left_out[-1]
    if rule not in ITEM_RULES or item.dimension != "money":
        return False
    if reading.fact_read_after(item.start):
        return False
    window = reading.window
    clause = window[after_last_comma(window) :]
    return clause != window and bool(_NO_NEW_SUBJECT.match(clause))


@lru_cache(maxsize=1)
def _named_works_topic() -> re.Pattern:
    """One works named as the topic of its part, its money right after (甲乙路工程，总投资3600万元; 甲乙路北延工程总投资2400万元; 分别是某某大桥
    及接线道路工程，总投资5320万元; 某某污水处理工程为分散式设施，总投资4000万元); a bracketed aside may follow
    the name."""
    openers = pattern_of(cues()["works_list_openers"]).pattern
    return re.compile(
        rf"(?:^|[；;：:，,。]|{openers})\s*(?P<name>[^，。；,;：:\d]{{2,40}}?)工程"
        r"(?:（[^）]{0,40}）|\([^)]{0,40}\))?(?:建设)?(?:为[^，。；,;\d]{0,20})?(?P<comma>[，,])?\s*"
        r"(?:全年|今年|当年|年内)?(?:计划|项目)?(?:总投资|投资|完成投资|累计完成投资|已完成投资)额?(?:为|约|达|近|共|超过|超|逾)?$"
    )


@holds_only_for("money")
def named_works_subject(reading: Reading) -> bool:
    """甲乙路工程，总投资3600万元; 某某污水处理工程为分散式设施，总投资4000万元: one works named as the topic of
    its part gives that works' money (an item), not the zone's; works named only by their kind (园区道路工程,
    基础设施工程) or a group of works (重点工程, 十大工程) keep it."""
    if reading.quantity.dimension != "money" or "工程" not in reading.head:
        return False
    topic = _named_works_topic().search(NEW_PART.split(reading.head)[-1])
    if topic is None:
        return False
    name = topic.group("name")
    if has(cues()["works_group_words"], name) or has(cues()["works_in_progress_verbs"], name):
        return False  # 重点工程, 正在进行外墙装饰工程: a group of works, or work under way on what the sentence names
    own_words = pattern_of(cues()["works_kind_words"]).sub("", name).strip()
    if topic.group("comma") is None and (own_words.endswith(cues()["zone_words"].prefixes) or has(cues()["works_topic_dates"], name)):
        return False  # 青禾经开区标准厂房工程总投资…, 全年道路工程完成投资…: with no comma, the zone and a date run into the name
    return len(own_words) >= 2


@holds_only_for("money")
def one_facility_before_its_total(reading: Reading) -> bool:
    """园区第二污水处理厂开工建设，总投资2.5亿元; 开工建设110千伏变电站，总投资8000万元: a clause of a bare total
    right after a clause naming one facility (cues.yaml facility_nouns), with no figure of its own between, gives that
    facility's money (an item), not the zone's. Works measured (新建道路12公里，总投资3亿元) or listed (A路、B路，
    总投资3亿元) keep it: a kind of works, or several."""
    head = reading.head
    own = after_last_comma(head)
    if reading.quantity.dimension != "money" or not own or not _BARE_TOTAL.fullmatch(head, own):
        return False
    clauses = CLAUSE_MARK.split(head[: own - 1])  # the clauses before, within their part of the sentence
    while len(clauses) > 1 and _describes_one_project(clauses[-1]):
        clauses.pop()  # 用地面积2万平方米，总建筑面积5万平方米: the facility's particulars stand between
    clause = clauses[-1]
    facility = _one_facility_clause().fullmatch(clause)
    if facility is None or has(cues()["works_group_words"], clause):
        return False
    # 园区道路工程, 园区标准化厂房工程: a name of kind words only names a kind of works, whose money is the zone's
    return len(pattern_of(cues()["works_kind_words"]).sub("", facility.group("name"))) >= 2


def _describes_one_project(clause: str) -> bool:
    """A clause giving one project's site, land or floor space (cues.yaml one_project_descriptors), opening on the
    descriptor or on 项目/该项目/其 before it: 选址位于园区东片, 项目用地面积1.2万平方米."""
    return clause.strip().removeprefix("该").removeprefix("项目").removeprefix("其").startswith(
        cues()["one_project_descriptors"].prefixes
    )


_BARE_TOTAL = re.compile(r"\s*(?:项目|工程|其)?(?:计划)?(?:总投资|总造价|概算总投资|估算总投资)(?:额)?(?:约|达|为|近)?")


@lru_cache(maxsize=1)
def _one_facility_clause() -> re.Pattern:
    """A clause naming one facility: a name of at least two characters (110千伏 may stand in it, no count of several)
    ending on a facility noun, then at most a few words of its stage (开工建设, 已建成) with no figure, no list mark
    and no zone word after it."""
    nouns = pattern_of(cues()["facility_nouns"]).pattern
    return re.compile(
        rf"(?![^、，,；;。]*?{_COUNTED})(?P<name>[^、，,；;。等]{{2,40}}?(?:{nouns}))(?:[一二三四五六七八九十\d]期)?(?:工程|项目)?"
        r"[^、，,；;。\d等区]{0,8}"
    )


# 新建3座变电站, 新建33亩标准化厂房: several of a kind, or works measured by their size, not one facility
_COUNTED = r"[\d一二三四五六七八九十两]+(?:\.\d+)?万?(?:[座个条栋幢处所亩米]|平方米|平米|公里|千米)"


@holds_only_for("money")
def one_building_subject(reading: Reading) -> bool:
    """创业中心投资9000万元，建筑面积3.8万平方米: a building's name opening the figure's clause, right
    before its investment wording, in a sentence that gives that building's floor space or land: the
    size of one facility (an item), not the zone's investment."""
    if reading.quantity.dimension != "money" or not reading.sentence_holds(cues()["one_project_descriptors"]):
        return False
    clause = reading.window[after_last_comma(reading.window) :].strip()
    return bool(_building_pattern().fullmatch(clause))


@lru_cache(maxsize=1)
def _building_pattern() -> re.Pattern:
    heads = "|".join(sorted(map(re.escape, cues()["building_heads"]), key=len, reverse=True))
    return re.compile(rf"[\u4e00-\u9fff]{{1,12}}?(?:{heads})(?:总投资|计划投资|投资)(?:约|达|近)?")


@holds_only_for("area")
def land_of_projects(reading: Reading) -> bool:
    """12个项目…总投资56亿元，占地1200亩, 某某项目总投资10亿元，占地300亩, 已引进34家企业，总用地面积1996亩:
    the land a counted group of projects or of firms brought in, or the one project whose money was left
    out before it, takes; not an area of the zone."""
    if reading.quantity.dimension != "area":
        return False
    takers_named = any(rule in ITEM_RULES for _, rule in reading.left_out) \
        or any(fact.metric == "projects" for fact in reading.sentence_facts) or _firms_brought_in_before(reading)
    if not takers_named:
        return False
    return reading.window.rstrip("约近达共计为了 ").endswith(cues()["land_taken_words"].prefixes)


def _firms_brought_in_before(reading: Reading) -> bool:
    """The sentence counted firms (a fact) and says they were brought in (cues.yaml intake_verbs)."""
    return any(fact.metric == "enterprises" for fact in reading.sentence_facts) and reading.head_holds(cues()["intake_verbs"])


@holds_only_for("area")
def land_dealt_in(reading: Reading) -> bool:
    """完成近400亩土地的挂牌出让, 500亩土地完成征收: land bought, sold or prepared (cues.yaml land_deals
    in the figure's own clause after it), not an area of the zone."""
    return reading.quantity.dimension == "area" and has(cues()["land_deals"], reading.after)


@holds_only_for("area")
def land_of_a_facility(reading: Reading) -> bool:
    """占地约50亩的污水处理厂, 建设占地120亩的物流中心: the land of the one facility or project named
    right after it, not an area of the zone (占地3平方公里的光电产业园, 占地300亩的创业园 name parks and stay)."""
    if reading.quantity.dimension != "area" or not reading.after.startswith("的"):
        return False
    if not reading.window.rstrip("约近达共计为了 ").endswith(cues()["land_taken_words"].prefixes):
        return False
    named = re.split(r"[，。；,;、]", reading.after[1:])[0]
    if named.startswith(cues()["land_nouns"].prefixes):
        return False  # 占地2.5公顷的土地为第一期: the land itself, a part of the zone
    if _PROJECT_NAMED.match(named):
        return True  # 占地200亩的某某物流园项目: a project, though its name holds a park
    return bool(named) and not has(cues()["zone_words"], named) and "园" not in named  # 占地300亩的创业园: a part of the zone


_PROJECT_NAMED = re.compile(r"[^，。；,;、\d]{2,30}?项目(?!区)")


_EXAMPLE_START = re.compile(r"\s*(?:如|例如|比如|譬如)(?![期实今何此果火约数意愿下])")  # not 如期, 如今, 如火如荼…


@holds_only_for("money", "area")
def an_example(reading: Reading) -> bool:
    """如某某基地确认落户该区，总投资25亿元: a sentence that opens on an example gives one item's money
    or land, not the zone's."""
    return reading.quantity.dimension in ("money", "area") and bool(_EXAMPLE_START.match(reading.head))


_TOP_ONE = re.compile(r"最(?:高|大|多|强|好)的?(?:一家|一个)?(?:企业|项目|公司|厂商)")  # 的 may be left out: 单体投资最大项目…


@holds_only_for("money", "area")
def the_top_one(reading: Reading) -> bool:
    """产出最高的企业达到了13亿元, 规模最大的项目总投资50亿元: the figure of the zone's top firm or
    project, not the zone's."""
    return reading.quantity.dimension in ("money", "area") and bool(_TOP_ONE.search(reading.clause))


# 均 and a reach word right before the figure: each member's amount (项目总投资均在10亿元以上, 均超过5平方公里);
# 均为 says two indicators are equal (产值和营业收入均为85亿元) and stays. Not 人均/亩均/年均… (an intensity or an average, gates of their own).
_EACH = re.compile(r"(?<![人亩地户企家日月年平])均(?:已|在|达到?|超过?|突破|不低于|不少于)(?:约|近)?$")


def each_of_a_group(reading: Reading) -> bool:
    """中科、同济等6个项目总投资均在10亿元以上, 三个片区面积均超过5平方公里: an amount each member of a
    group reaches, not the zone's amount (nor the group's total)."""
    return reading.quantity.dimension != "person" and bool(_EACH.search(reading.clause))


_COMPANY_NAME = re.compile(r"(?:有限公司|股份公司|公司|集团)(?!投资)")
_FIRST_CLAUSE = re.compile(r"[^，。；,;]*")


@holds_only_for("area", "person")
def one_company_land_or_staff(reading: Reading) -> bool:
    """某某公司占地500亩，员工3000人: the land or staff of the company the sentence opens on, not the
    zone's (a company's money is left out by `one_company_figure`)."""
    if reading.quantity.dimension not in ("area", "person"):
        return False
    if _COMPANY_NAME.search(reading.clause):
        return True
    first = _FIRST_CLAUSE.match(reading.head)
    opening = first.group() if first else reading.head
    return bool(_COMPANY_NAME.search(opening)) and not has(cues()["zone_words"], opening)


_THIS_FIRM_OPENING = re.compile(AFTER_A_DATE + r"(?:该|这家|此|这个|这一)(?:公司|企业|集团|厂)")


def this_firm_subject(reading: Reading) -> bool:
    """该企业现有员工2000人，2023年实现产值50亿元: a sentence opening on 该公司/该企业 (the firm just named)
    gives that firm's figures, not the zone's, unless it names a zone before the figure."""
    opening = _THIS_FIRM_OPENING.match(reading.head)
    return opening is not None and not has(cues()["zone_words"], reading.head[opening.end() :])


# Rules that leave a money figure out as one project's or facility's (an item, not a zone figure).
ITEM_RULES = {
    "one_item_amount", "one_project_planned_investment", "one_project_subject", "projection_of_a_project", "one_building_subject",
    "a_named_project_opens_the_sentence", "more_of_the_same_project", "named_works_subject", "one_facility_before_its_total",
}
# Rules that leave a figure out as one firm's own (its money, its output, its outlay).
FIRM_RULES = {"one_company_figure", "this_firm_subject", "a_firm_s_own_outlay"}
# Money left out as one project's, facility's or firm's own: what the sentence says it is to yield after that
# money is its own too (yield_of_the_one_just_sized).
ONE_S_OWN_RULES = ITEM_RULES | FIRM_RULES


# Gates whose figures still get a quality note: the reader may want to see them.
GATE_NOTES = {"a_quota": "reason.land_quota"}


def a_quota(reading: Reading) -> bool:
    """1100亩土地指标: a land quota, not an area of the zone."""
    return reading.after.startswith(cues()["quota_after"].prefixes)


@holds_only_for("money")
def a_firm_named_by_its_state(reading: Reading) -> bool:
    """竣工投产的青山啤酒，实现销售收入6500万元: one firm, named after the state it reached, is the subject of
    the figure's clause: its figure, not the zone's (a group of firms or projects keeps it)."""
    if reading.quantity.dimension != "money":
        return False
    named = _FIRM_BY_STATE.search(reading.head[-40:])
    return named is not None and not named.group(1).endswith(_GROUP_NOUNS) and not has(cues()["zone_words"], named.group(1))


_FIRM_BY_STATE = re.compile(r"(?:竣工投产|建成投产|正式投产|新投产|投产)的([\u4e00-\u9fff]{2,10})[，,][^，,；;。]*$")
_GROUP_NOUNS = ("企业", "项目", "厂商", "厂家", "单位")


def a_supposition(reading: Reading) -> bool:
    """假如把这些钱铺在1公顷的地上: a figure in a sentence that supposes (假如, 假设, 倘若) is an image, not a fact."""
    return reading.head_holds(cues()["supposing"])


_QUOTED_NAME_LONGEST = 10  # characters inside the quotes of a slogan or a name (“三个一批”, “两区一园”)
_QUOTE_OPENINGS = "《“「『"  # the opening marks of Document.quoted_spans (lexicon item_patterns.yaml `quoted`)


@holds_only_for("count")
def a_count_in_a_quoted_name(reading: Reading) -> bool:
    """全年共实施“三个一批”项目86个: a count inside a short quoted name is part of the name, not a count."""
    return reading.quantity.dimension == "count" and _inside_a_short_quoted_name(reading)


def a_count_in_pieces_of_no_investment_case(reading: Reading) -> bool:
    """办理项目审批事项1200件, 受理企业投诉12件, 企业申请商标注册230件: a count in 件 counts filings or
    complaints, not projects or firms, unless it counts Taiwan's investment cases (投增资案合计11件, 3件投资审议案)."""
    if not reading.quantity.raw.endswith(cues()["piece_measures"].prefixes):
        return False
    return not (reading.after.startswith(INVESTMENT_CASES.prefixes) or has(INVESTMENT_CASES, reading.clause_within_window))


@holds_only_for("money")
def a_round_mark_in_a_quoted_name(reading: Reading) -> bool:
    """迈入“双百亿”园区, “千亿产值百亿税收”目标, “千亿俱乐部”: a round mark written in words inside a short
    quoted name or slogan is part of the name, not an amount (“产值12亿元” with digits stays one)."""
    quantity = reading.quantity
    return quantity.dimension == "money" and not A_DIGIT.search(reading.text, quantity.start, quantity.end) \
        and _inside_a_short_quoted_name(reading)


def _inside_a_short_quoted_name(reading: Reading) -> bool:
    """Whether the figure stands inside a quoted name or slogan of at most _QUOTED_NAME_LONGEST characters."""
    # Such a name opens within its length before the figure: most figures have no opening quote there.
    if not any(mark in reading.head[-_QUOTED_NAME_LONGEST:] for mark in _QUOTE_OPENINGS):
        return False
    start, end = reading.quantity.start, reading.quantity.end
    return any(
        left < start and end < right and right - left - 2 <= _QUOTED_NAME_LONGEST
        for left, right in reading.document.quoted_spans(reading.sentence)
    )


# 较上年的, 比前一年的, 較前一年的 (Taiwan): last year, right before its amount. A year written (较2022年767.6万元)
# dates its amount, which the gold keeps as that year's figure.
_BASE_BEFORE = re.compile(r"(?:较|比|相较于|相比)(?:上年|去年|上一年|前一年|上年同期|去年同期|同期)(?:的)?$")
_GROWTH_AFTER = re.compile(r"^(?:相比|相比较)?(?:增长|增加|下降|减少|提高|成长|上升)")


def a_comparison_base(reading: Reading) -> bool:
    """比上年的6200万元增长37.1%: last year's amount a growth is measured from, not this year's figure."""
    return bool(_GROWTH_AFTER.match(reading.after)) and bool(_BASE_BEFORE.search(reading.window))


@holds_only_for("count")
def turned_away(reading: Reading) -> bool:
    """否决掉了10个以上不符合导向的化工类项目: projects or firms turned away, not the zone's."""
    return reading.quantity.dimension == "count" and has(cues()["turned_away_verbs"], reading.clause)


@holds_only_for("count")
def an_indefinite_article(reading: Reading) -> bool:
    """某某公司是一家集研发、生产于一体的企业, 作为一家化妆品公司: 一家 or 一个 after 是/作为/成为 says what kind
    of thing the subject is, it counts nothing (已有一家企业投产 stays a count)."""
    quantity = reading.quantity
    if quantity.dimension != "count" or not quantity.raw.startswith("一") or quantity.value != 1:
        return False
    return reading.window.rstrip().endswith(cues()["article_before"].prefixes)


@holds_only_for("count")
def one_of_several(reading: Reading) -> bool:
    """是国家第一批核准四个煤制气示范项目之一: the size of a list the zone or a project is one of."""
    return reading.quantity.dimension == "count" and reading.after.endswith("之一")


def a_firm_s_own_outlay(reading: Reading) -> bool:
    """区内扩厂的厂商有青禾光电公司投资6亿元, 青禾光电公司投资6亿元、用地150亩的项目: what a named firm puts in with
    no word bringing its capital into the zone in the clause (cues.yaml capital_intake: 引进某公司投资1亿元 stays
    financing) is the firm's own outlay, not the zone's financing nor its investment. A firm named by its
    company only: 园区工业企业投资20亿元 is what the zone's firms put in, a figure of the zone."""
    return bool(_A_NAMED_FIRM_INVESTS.search(reading.window)) and not has(cues()["capital_intake"], reading.clause)


AMOUNT_GATES = (
    turned_away, an_indefinite_article, one_of_several, size_of_a_change, a_supposition, a_count_in_a_quoted_name, a_round_mark_in_a_quoted_name, a_comparison_base, a_firm_named_by_its_state, sum_of_several_zones, size_class, threshold_amount, one_item_amount, projection_of_a_project,
    yield_of_the_one_just_sized, a_quota, firms_served, a_milestone, an_average, residents_counted, an_intensity, one_project_subject, a_named_project_opens_the_sentence,
    more_of_the_same_project, named_works_subject, one_facility_before_its_total, one_building_subject, land_of_projects,
    land_of_a_facility, land_dealt_in, an_example, the_top_one, one_company_land_or_staff, this_firm_subject,
    each_of_a_group, a_firm_s_own_outlay,
)


@lru_cache(maxsize=16)
def amount_gates(dimension: str) -> tuple:
    """AMOUNT_GATES in their order, without those that cannot hold for a figure of this dimension."""
    return tuple(gate for gate in AMOUNT_GATES if dimension in getattr(gate, "dimensions", (dimension,)))


_PROJECT_GROUP_AFTER = re.compile(r"的(?:\d+|[一二三四五六七八九十百]+)(?:个|项)[\u4e00-\u9fff]{0,8}?项目")


def project_group_after(reading: Reading) -> bool:
    """总投资177.26亿元的29个项目集中签约: the money figure sizes the group of projects counted after it."""
    return bool(_PROJECT_GROUP_AFTER.match(reading.after))


def is_outside_capital(reading: Reading) -> bool:
    """引进京行公司投资1亿元: capital brought in by a company, a financing figure."""
    return bool(_OUTSIDE_CAPITAL.search(reading.window))


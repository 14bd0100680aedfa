"""Gates: figures that are no amount of the zone (a change, a threshold, one item, a wider place …).

Each gate is a predicate named after what it sees; `fact_rules.read_amount` leaves a figure out
with the gate's name when one holds. Word lists are in lexicon/cues.yaml.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .fact_kinds import COMPLETION
from .fact_lexicon import (
    cues,
    has,
    pattern_of,
)
from .text import clause_start

if TYPE_CHECKING:
    from .fact_rules import Reading


_TOTAL_INVESTMENT_END = re.compile(r"(?:共|总)?投资$")
_PROJECT_NAME_AFTER = re.compile(r"[\u4e00-\u9fff\d（）()]{2,30}?项目(?=[、，；。和及等]|$)")
_NAMED_AFTER = re.compile(r"[*＊X]|[\u4e00-\u9fff]{2,16}?(?:有限公司|集团|公司|项目)$")
_OUTSIDE_CAPITAL = re.compile(r"(?:公司|企业)投资$")
_SEVERAL_ZONES = re.compile(
    r"(?:全国|全省|全市|全县|各)[^，。；]{0,6}?(?:\d++|[二三四五六七八九十]++)个[^，。；]{0,8}?(?:产业集聚区|开发区|园区|工业园)"
    r"|(?:全国|全省|全市)(?:的|各类|各)?(?:产业集聚区|开发区|高新区|经开区|工业园区|园区)"
)
_CHANGE_END = re.compile(r"(?<!新)(?:增加|增长|减少|下降|提高|降低|扩大|缩小)了?$")


def about_a_wider_place(reading: Reading) -> bool:
    """2023年，全市完成固定资产投资500亿元: a sentence whose subject is the city, county or province
    (and names no zone before the figure) gives that place's figures, not the zone's."""
    subject = _WIDER_SUBJECT.match(reading.head)
    return subject is not None and not has(cues()["zone_words"], reading.head[subject.end() :])


_WIDER_SUBJECT = re.compile(
    r"\s*(?:(?:19|20)\d{2}年(?:度)?)?(?:\d{1,2}\s*[-－—至~]\s*\d{1,2}月份?|上半年|[一二三四]季度|前三季度|全年|今年|去年)?[，,]?\s*"
    r"(?:全市|全省|全县|全国|全州|全盟|我市|我省|我县)"
)


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
    if COMPLETION.match(after):
        return False  # 完成年任务75亿元的23.7%: a share of a task, not a named item
    if project_group_after(reading):
        return False  # 总投资177亿元的29个项目: the total of a group of projects
    if after.startswith(tuple(cues()["item_after"])):
        return True
    builds = pattern_of(cues()["build_verbs"])
    facilities = pattern_of(cues()["facility_nouns"])
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
    projection = pattern_of(cues()["once_running"]).search(reading.head)
    one_project = not any(fact.metric == "projects" for fact in reading.sentence_facts)
    return projection is not None and one_project and "项目" in reading.head[: projection.start()]


def a_milestone(reading: Reading) -> bool:
    """首次突破千亿元, 突破百亿元大关: a round mark passed, not the figure itself (which is given beside it)."""
    window = reading.window.rstrip()
    return window.endswith(tuple(cues()["milestone_before"])) or reading.after.startswith(tuple(cues()["milestone_after"]))


def firms_served(reading: Reading) -> bool:
    """走访企业120家, 帮助32家企业, 为企业解决问题86个: what the zone's staff did for firms, not a count of
    the zone's firms."""
    if reading.quantity.dimension != "count" or not has(cues()["service_verbs"], reading.clause):
        return False
    return has(["企业", "厂商", "公司"], reading.clause + reading.after[:12])  # 督促13个在建项目 stays a count


# Gates whose figures still get a quality note: the reader may want to see them.
GATE_NOTES = {"a_quota": "是用地指标，不是园区面积"}


def a_quota(reading: Reading) -> bool:
    """1100亩土地指标: a land quota, not an area of the zone."""
    return reading.after.startswith(tuple(cues()["quota_after"]))


AMOUNT_GATES = (
    size_of_a_change, sum_of_several_zones, size_class, threshold_amount, one_item_amount, projection_of_a_project,
    a_quota, firms_served, a_milestone,
)


_PROJECT_GROUP_AFTER = re.compile(r"的(?:\d+|[一二三四五六七八九十百]+)(?:个|项)[\u4e00-\u9fff]{0,8}?项目")


def project_group_after(reading: Reading) -> bool:
    """总投资177.26亿元的29个项目集中签约: the money figure sizes the group of projects counted after it."""
    return bool(_PROJECT_GROUP_AFTER.match(reading.after))


def is_outside_capital(reading: Reading) -> bool:
    """引进京行公司投资1亿元: capital brought in by a company, a financing figure."""
    return bool(_OUTSIDE_CAPITAL.search(reading.window))


def about_a_wider_place_before(reading: Reading) -> bool:
    return bool(_WIDER_SUBJECT.match(reading.head))

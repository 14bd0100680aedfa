"""The figures of a facility: its measure (length, voltage, area, count) and the amount invested."""

from __future__ import annotations

from collections import Counter

from ..text.units import Quantity, units
from .facilities import Item, P

# Which figure measures a facility when it has several: lengths and voltages, then areas, then counts.
# A transformer capacity (5万千伏安) measures a substation that states no voltage.
MEASURE_PRIORITY = {"length": 0, "voltage": 0, "floor_area": 1, "area": 1, "building": 2, "power": 2, "count": 3, "other": 3}
MEASURE_DIMENSIONS = set(MEASURE_PRIORITY)
_COUNTERS = "栋座幢个处条台套盏"
_M2_PER_KM2 = 1_000_000
_MEASURE_REACH = 30  # how far before a name a 12.6公里的 may start
_AFTER_REACH = 6  # how far after a name its figure may start (道路总长为34公里)


def quantity_of(text, item, quantities) -> Quantity | None:
    """A measure inside the name, right after it, or right before it with 的 (12.6公里的管网); lengths,
    voltages and areas before counts."""
    found = []
    for quantity in quantities.within(max(0, item.start - _MEASURE_REACH), item.end + _AFTER_REACH):
        if quantity.dimension not in MEASURE_DIMENSIONS or quantity.rate or P.not_its_measure.match(text, quantity.end):
            continue
        inside = item.start <= quantity.start and quantity.end <= item.end
        before = quantity.end <= item.start and bool(P.measure_link.fullmatch(text, quantity.end, item.start))
        after = P.measure_after.fullmatch(text, item.end, quantity.start)
        if inside or before or after:  # 标准化厂房1万平米, 改造道路约9.6千米
            found.append(quantity)
    return min(found, key=lambda quantity: MEASURE_PRIORITY[quantity.dimension]) if found else None


def measure_clauses(text, clauses, items, quantities) -> None:
    """…等道路，总长度10.21KM: a length or area in the next clause belongs to the item before it (after a list,
    23栋厂房、2栋仓库、3栋宿舍，建筑面积约12万平方米, it is the list's total, none of its members')."""
    taken = {item.clause for item in items}
    members = Counter(item.clause for item in items)
    for item in items:
        if members[item.clause] > 1:
            continue
        index = item.clause + 1
        while _countable(item) and index < min(len(clauses), item.clause + 4) and index not in taken:
            low, high = clauses[index]
            for quantity in quantities.within(low, high):
                if quantity.dimension in MEASURE_DIMENSIONS:
                    if P.measure_clause.match(text[low : quantity.start]):
                        item.quantity = quantity
                    break
            index += 1


def respective_measures(text, sentence_start, sentence_end, items, quantities) -> None:
    """A、B、C分别铺设12公里、8公里、6公里 / 新建A、B，长度分别为1.2公里、2.3公里: figures listed after 分别
    go to the items listed before it, one each, in order, when there are as many of each."""
    for mark in P.respectively.finditer(text, sentence_start, sentence_end):
        figures = _listed_figures(text, mark.end(), sentence_end, quantities)
        listed = _list_before(text, [item for item in items if item.end <= mark.start()])
        if len(figures) < 2 or len(listed) != len(figures):
            continue  # one figure for the whole list, or not as many figures as names
        for item, figure in zip(listed, figures, strict=True):
            if _countable(item):
                item.quantity = figure


def _list_before(text, before: list[Item]) -> list[Item]:
    """The names listed together (、 和 及) that end the items before a point."""
    listed = before[-1:]
    for item in reversed(before[:-1]):
        if not P.conjunction.fullmatch(text, item.end, listed[0].start):
            break
        listed.insert(0, item)
    return listed


def _listed_figures(text, start, end, quantities) -> list[Quantity]:
    """The measures listed one after another from `start` (为/是 and a verb of the work may open the list)."""
    figures: list[Quantity] = []
    position = start
    for quantity in quantities.within(start, end):
        gap = P.respective_lead if not figures else P.list_glue
        if quantity.dimension not in MEASURE_DIMENSIONS or quantity.rate or not gap.fullmatch(text, position, quantity.start):
            break
        figures.append(quantity)
        position = quantity.end
    return figures


def _countable(item: Item) -> bool:
    """No figure yet, or only a count (5条道路), which a length or area stated after it replaces."""
    return item.quantity is None or MEASURE_PRIORITY[item.quantity.dimension] >= 2


def place_investments(text, clauses, items, quantities) -> None:
    """The amount invested in a facility: in its clause (first item), in a lone 投资N clause before it,
    or in a 项目总投资N clause right after it (or a lone one closing its part of the sentence: A，总投资N；B)."""
    by_clause: dict[int, list[Item]] = {}
    for item in items:
        by_clause.setdefault(item.clause, []).append(item)
    for index, (low, high) in enumerate(clauses):
        for quantity in quantities.within(low, high):
            if quantity.dimension != "money" or quantity.rate:
                continue
            before = text[low : quantity.start]
            target = None
            # A，总投资N；B: an amount clause that closes a part of the sentence is the item's before it.
            closes = text[high : high + 1] in ("；", ";") or (
                index == len(clauses) - 1 and len(by_clause.get(index - 1, ())) == 1  # …；B，总投资N。
            )
            # 投资8.6亿元的X项目: an amount before 的 sizes what it qualifies in its own clause, it funds nothing after
            lone = P.lone_investment.match(before) and not text.startswith("的", quantity.end)
            if index in by_clause and P.investment_before.search(before):
                target = by_clause[index][0]
            elif index not in by_clause and lone and index + 1 in by_clause and not (closes and index - 1 in by_clause) \
                    and not _closes_what_came_before(text, clauses, by_clause, quantities, index, before):
                target = by_clause[index + 1][0]
            elif index not in by_clause and closes and lone and index - 1 in by_clause:
                target = by_clause[index - 1][-1]
            elif index not in by_clause and P.investment_after.match(before):
                item_clause = _item_clause_before_measures(text, clauses, by_clause, quantities, index)
                if item_clause is not None:
                    previous = by_clause[item_clause]
                    low_before, high_before = clauses[item_clause]
                    only = previous[0] if len(previous) == 1 else None
                    # A、B，总投资N: whose is unsaid; A、B等5条道路，总投资N: the group's, its list inside its name
                    if only is not None and "、" not in text[low_before : only.start] + text[only.end : high_before]:
                        target = only
            if target is not None and target.investment is None:
                target.investment = quantity.value


def _closes_what_came_before(text, clauses, by_clause, quantities, index, before) -> bool:
    """A，建设规模9.6公里，总投资6.8亿元，目前已完成B: a 总投资 clause after an item (or its measures) is that item's
    when the clause after it opens on no works (a status, a time); 总投资3亿元，新建B funds the works it leads to."""
    if not P.investment_after.match(before) or P.works_opening.match(text, clauses[index + 1][0]):
        return False
    return _item_clause_before_measures(text, clauses, by_clause, quantities, index) is not None


def _item_clause_before_measures(text, clauses, by_clause, quantities, index) -> int | None:
    """The clause of the item a 总投资N clause speaks of: the one right before it, or the one before the clauses
    that only measure it (A工程于3月开工，全长2.6公里，总投资1.2亿元)."""
    for before in range(index - 1, max(-1, index - 1 - _MEASURES_BETWEEN), -1):
        if before in by_clause:
            return before
        if not _only_a_measure(text, clauses[before], quantities) and not _only_a_site(text, clauses[before], quantities):
            return None
    return None


_MEASURES_BETWEEN = 4  # clauses of a facility's measure or site that may stand between it and its 总投资 clause, plus one


def _only_a_measure(text, clause, quantities) -> bool:
    """A clause that is a measure and nothing else (全长2.6公里, 建筑面积1.2万平方米)."""
    low, high = clause
    found = quantities.within(low, high)
    if len(found) != 1 or found[0].dimension not in MEASURE_DIMENSIONS:
        return False
    quantity = found[0]
    return bool(P.measure_clause.match(text[low : quantity.start])) and not text[quantity.end : high].strip(" 左右")


def _only_a_site(text, clause, quantities) -> bool:
    """A clause that places the item and holds no figure (选址位于园区东片)."""
    low, high = clause
    return not quantities.within(low, high) and bool(P.site_clause.match(text, low))


def reported_measure(quantity: Quantity | None) -> tuple[float | None, str | None]:
    """The figure as items report it: 亩 stays 亩, counters keep their word (60栋)."""
    if quantity is None:
        return None, None
    if quantity.unit == "km2" and quantity.raw.endswith(("亩", "畝")) and not quantity.raw.endswith(("英亩", "英畝")):
        return float(f"{quantity.value / units()['亩'].factor:.10g}"), "亩"
    if quantity.unit == "km2" and _written_in_square_metres(quantity.raw):
        # 建成面积5万平方米的标准化厂房: read as a land area after 面积, a building's figure stays in square metres
        return float(f"{quantity.value * _M2_PER_KM2:.10g}"), "m2"
    if quantity.unit in ("building", "count", "piece") and quantity.raw[-1] in _COUNTERS:
        return quantity.value, quantity.raw[-1]
    return quantity.value, quantity.unit


def _written_in_square_metres(raw: str) -> bool:
    """Whether the unit a figure ends on is one of the square metre's words of units.csv (平方米, 平米, ㎡ …): a figure
    written in them is reported in m2, the contract's unit for buildings. The longest word ending the figure decides
    (12.5k㎡ and 3km² end on ㎡ and m² too, but are written in square kilometres)."""
    ending = max((surface for surface in units() if raw.endswith(surface)), key=len, default=None)
    return ending is not None and units()[ending].unit == "m2"

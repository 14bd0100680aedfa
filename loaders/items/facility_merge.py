"""Mentions of one facility, merged: the same category and name, or one named name inside the other.

A report names a facility several times (污水处理厂 … 园区污水处理厂二期 is another one, 综保B区33亩标准化厂房 …
33亩标准化厂房 the same); the mentions of one facility become one row.
"""

from __future__ import annotations

from functools import lru_cache

from .facilities import Item, P, residual


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def facility_key(name: str) -> str:
    """A name without its trailing 项目 and the zone word before it: what two mentions are compared by."""
    name = P.trailing.sub("", name)
    lead = P.zone_lead.match(name)
    return name[lead.end() :] if lead and len(name) - lead.end() >= 2 else name


def merge(items: list[Item], zone_at=None) -> list[list[Item]]:
    """Mentions of one facility: same category and the same name, or one named name inside the other, in the
    same zone (a 污水处理厂 of each of two parks is two facilities)."""
    facilities: list[list[Item]] = []
    # A mention joins only a facility of its zone and category (_same_facility): each mention is compared with
    # those facilities, in the order they were first named, not with every facility of the report.
    of_zone_and_category: dict[tuple[object, str], list[list[Item]]] = {}
    for item in items:
        zone = zone_at(item.start) if zone_at is not None else None
        candidates = of_zone_and_category.setdefault((zone, item.category), [])
        home = next(
            (facility for facility in candidates
             if _same_facility(item, facility[0]) and not _named_otherwise(item, facility)),
            None,
        )
        if home is None:
            facilities.append([item])
            candidates.append(facilities[-1])
        else:
            home.append(item)
    return facilities


def _same_facility(item: Item, first: Item) -> bool:
    """Whether `item` names the facility first named by `first` (named members before 等 only by name)."""
    if first.category != item.category or _measured_apart(item, first):
        return False
    key, other = facility_key(item.name), facility_key(first.name)
    if key == other:
        return True
    if item.group or first.group or _a_lot_and_a_named_one(item, first):
        return False
    shorter, longer = sorted((key, other), key=len)
    longer = P.bracketed.sub("", longer)  # 纬六路二期(金山路﹣障山路): the roads in brackets are its ends
    extra = longer[: len(longer) - len(shorter)]
    if longer.endswith(shorter) and _measured_alike(item, first):
        return True  # 综保B区33亩标准化厂房 … 此次新开工建设33亩标准化厂房: one figure, one facility
    if P.section_after.match(longer, longer.find(shorter) + len(shorter)):
        return False  # 天顺路 and 天顺路南段: a road and one section of it are two rows
    return bool((longer.endswith(shorter) and not P.distinct.search(extra)) or (_named(shorter) and shorter in longer))


def _named_otherwise(item: Item, facility: list[Item]) -> bool:
    """标准厂房 … 青松标准厂房 … 云岭标准厂房: two named facilities that a bare first mention of their kind would both
    take in are two facilities; a named mention joins a facility only if every named mention of it holds its name
    or is held by it."""
    if not _named(item.name):
        return False
    key = facility_key(item.name)
    for member in facility:
        other = facility_key(member.name)
        if _named(member.name) and key not in other and other not in key:
            return True
    return False


def _measured_alike(item: Item, first: Item) -> bool:
    """Both mentions carry the same figure (value and unit)."""
    one, two = item.quantity, first.quantity
    return bool(one and two and one.unit == two.unit and one.value == two.value)


def _measured_apart(item: Item, first: Item) -> bool:
    """Two lengths or areas of one unit that differ measure two facilities, not one mentioned twice: in one
    sentence (火烧山 供排水管网8公里 … 东方希望 供排水管网5公里), or anywhere when nothing but facility words
    names them (新建道路12公里 … 明年新建道路10公里: two lots of roads)."""
    one, two = item.quantity, first.quantity
    return bool(
        one and two and (item.sentence is first.sentence or not (_named(item.name) or _named(first.name)))
        and one.unit == two.unit and one.dimension in _LOTS and one.value != two.value
    )


# Dimensions a lot of works is measured in (12公里 of roads, 10万平方米 of factories), where a count is of facilities.
_LOTS = ("length", "area", "floor_area")


def _a_lot_and_a_named_one(item: Item, first: Item) -> bool:
    """完成25.8公里道路 … 完成青禾园区道路建设: a length or area of bare facility words is a lot of works, not the
    one facility another mention names."""
    lot, named = (item, first) if item.bare else (first, item)
    measured = lot.quantity is not None and lot.quantity.dimension in _LOTS
    return lot.bare and measured and not named.bare and _named(named.name)


def _named(name: str) -> bool:
    """More than facility words: 中小企业创业园 is named, 标准化厂房 is not."""
    return bool(residual(name))

"""Roads, power, water, factories … and their status -> infrastructure rows.

A facility is a run of words between two name stops (verbs, status words, 的, 、, 和 …) that holds
a word of lexicon/infrastructure_categories.csv; the last specific word decides the category
(弱电入地线路 -> telecom). Runs made only of generic words (道路、供水、供电等基础设施) are no item,
except a bare pipe or line that continues the utility before it (天然气…，铺设管道 -> one gas item).
Named roads listed before 等 and a road head (三路、二路等主干道) are one item. Mentions of one
facility are merged into one row with its most advanced explicit status.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .items import (
    Document,
    Quantities,
    StatusWord,
    as_written,
    blank,
    cue_pattern,
    document_of,
    name_stop_pattern,
    name_stops,
    pick_status,
    provenance,
    quote_span,
    status_rank,
    word_pattern,
)
from .schema import LEXICON
from .text import Sentence
from .units import Quantity, units

TABLE = "infrastructure"
# What may follow a facility word and still belong to its name (一期工程, 北延, （供排水）, 产业园).
_SUFFIX = re.compile(
    r"(?:[东西南北]延(?:伸)?段?|[东西南北中]段|[一二三四五六七八九十\d]+(?:期|标段)|工程|项目|改造|扩建|拓宽|延伸段?|主车道|规划"
    r"|产业园|园区|基地|中心|（[^（）]{1,12}）|\([^()]{1,12}\))*"
)
_FILLER = re.compile(r"产业集聚区|集聚区|区内|园区内|相关|各类|各项|工程|项目|建设|基础设施|设施|[\d.]+|[（）()、\s]")
_ZONE_LEAD = re.compile(r"(?:产业集聚区|集聚区|开发区|区内|我区|该区)")
# A zone's name before a facility word names no facility (鹤淇产业集聚区供气 is just 供气).
_ZONE_NAME = re.compile(r"^[^、，]{0,12}?(?:产业集聚区|集聚区|开发区|高新区)")
_TRAILING = re.compile(r"项目$")
# Right after a facility word: it names something else (天然气公司, 供水问题, 道路用地, 高速公路以东).
_TAIL_REJECT = re.compile(
    r"公司|企业|集团|问题|用地|体系|框架|布局|产业|行业|指标|需求|能力|价格|费用|设备|材料|制造|技术"
    r"|以东|以西|以南|以北|两侧|沿线|周边|附近|至"  # 古泉路至光明路: a stretch between landmarks
)
# A building of a company's project is no zone facility (该项目办公楼、生产车间已完工).
_OWNED = re.compile(r"该项目|该企业|该公司|项目|企业|公司|厂区")
# Words between a leading figure and the name (3条长1284米园区道路).
_MEASURE_WORDS = re.compile(r"长|总长|全长|宽|共|约|近|合计")
# A figure followed by these measures something else than the facility (30米宽).
_NOT_ITS_MEASURE = re.compile(r"宽|深|高|厚|的(?:宽|深)")
# Figures that may tell a facility from another of its kind; two names differing by them are two items.
_DISTINCT = re.compile(r"[第新另\d一二三四五六七八九十]")
_MEASURE_PRIORITY = {"length": 0, "voltage": 0, "floor_area": 1, "area": 1, "building": 2, "count": 3, "other": 3}
# Right before a facility: it is a landmark, not something being built (西临107国道, 南至胡鹤公路).
_LOCATION_BEFORE = re.compile(r"(?:临|至|沿|靠近|紧邻|毗邻|距离?|邻近)$")
_INVESTMENT_BEFORE = re.compile(r"(?:总投资|投资|资金)(?:额)?(?:约|近|达|共|为)?$")
_LONE_INVESTMENT = re.compile(r"^[^，；]{0,12}?(?:共|累计)?(?:投资|投入资金)(?:约|近|达)?$")
_INVESTMENT_AFTER = re.compile(r"^\s*(?:该|其)?(?:项目|工程)?(?:计划)?总投资(?:额)?(?:约|近|达到|达|为)?\s*$")
_MEASURE_CLAUSE = re.compile(r"^\s*(?:总长度|总长|全长|长度|长约|长|总面积|建筑面积|面积|占地面积|占地)(?:约|为|达)?\s*$")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”")
_LIST_GLUE = re.compile(r"[、，和及与以及现有在建的\s]*")
_VOLTAGE = re.compile(r"\d+(?:\.\d+)?[千万]?(?:伏|千伏|kV|KV)")
_ETC = re.compile("等")
_CONJUNCTION = re.compile(r"\s*(?:、|和|及|以及|与)\s*")
_BREAK = re.compile(r"[，；、]")
_UTILITIES = {"gas", "heat", "water", "power_line", "telecom"}
_GENERIC_HEADS = ("管道", "管网", "线路", "管线")
_MEASURE_DIMENSIONS = {"length", "voltage", "floor_area", "area", "building", "count", "other"}
_COUNTERS = "栋座幢个处条台套"
_MEASURE_REACH = 30  # how far before a name a 12.6公里的 may start


@dataclass(frozen=True)
class Keyword:
    word: str
    category: str
    generic: bool


@dataclass
class Item:
    start: int
    end: int
    name: str
    category: str
    bare: bool  # nothing but generic facility words: 道路, 供水管网
    generic_head: bool  # ends in a bare pipe or line (管道, 管网, 线路)
    sentence: Sentence
    clause: int
    segment: int
    quantity: Quantity | None = None
    investment: float | None = None
    status: StatusWord | None = None
    group: bool = False  # named members before 等 and their head: merges only with the same name


@dataclass
class Facility:
    items: list[Item] = field(default_factory=list)


@lru_cache(maxsize=1)
def keywords() -> dict[str, Keyword]:
    with open(LEXICON / "infrastructure_categories.csv", encoding="utf-8") as handle:
        return {
            row["word"]: Keyword(row["word"], row["category"], row["generic"] == "true") for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def keyword_pattern() -> re.Pattern:
    return word_pattern(tuple(keywords()))


def _facility_words(text: str, start: int, end: int) -> list[re.Match]:
    return [match for match in keyword_pattern().finditer(text, start, end) if keywords()[match.group()].category != "none"]


def category_of(name: str) -> str | None:
    """The category a name's facility words give it (the last specific one), or None."""
    found = _facility_words(name, 0, len(name))
    return _category(found) if found else None


def _category(found: list[re.Match]) -> str:
    """The head decides (物流园道路 -> road), unless it is a bare pipe or line: then the word before it
    does (弱电入地线路 -> telecom, 排水管道 -> water)."""
    heads = [match for match in found if match.group() not in _GENERIC_HEADS]
    return keywords()[(heads or found)[-1].group()].category


def extract_infrastructure(normalized, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    """One row per facility the report says is planned, designed, being built or in use."""
    text = normalized.text
    document = document_of(text)
    quantities = Quantities(text)
    items: list[Item] = []
    for sentence in document.sentences:
        found = _facility_words(text, sentence.start, sentence.end)
        if found:
            items += _sentence_items(document, sentence, quantities, found)
    rows = []
    for facility in _merge(items):
        rows.append(_row(facility, normalized, doc_id, zone_at, zone_ids))
    return rows


def _sentence_items(document: Document, sentence: Sentence, quantities: Quantities, words: list[re.Match]) -> list[Item]:
    text = document.text
    clauses = document.clauses(sentence.start, sentence.end)
    quoted = [match.span() for match in _QUOTED.finditer(text, sentence.start, sentence.end)]
    words = [word for word in words if not _in(word.start(), quoted)]
    items: list[Item] = []
    for index, (low, high) in enumerate(clauses):
        in_clause = [word for word in words if low <= word.start() < high]
        if not in_clause:
            continue
        segment = text.count("；", sentence.start, low) + text.count(";", sentence.start, low)
        found = [item for item in _clause_items(text, low, high, quantities, in_clause) if item is not None]
        for item in found:
            item.sentence, item.clause, item.segment = sentence, index, segment
        found = _listed_quantities(text, low, found, quantities) + found
        found.sort(key=lambda item: item.start)
        found = _group_etc(text, low, high, found)
        items += found
    if not items:
        return items
    _measure_clauses(text, clauses, items, quantities)
    _investments(text, clauses, items, quantities)
    _statuses(document, sentence, clauses, items)
    return _settle(document, items)


def _clause_items(text, low, high, quantities, words):
    """The facilities of one clause: runs between name stops that hold a facility word."""
    bounds = [low]
    for stop in name_stops(name_stop_pattern(TABLE, True), text, low, high):
        bounds += [stop.start(), stop.end()]
    bounds.append(high)
    for piece_start, piece_end in zip(bounds[::2], bounds[1::2], strict=False):
        found = [word for word in words if piece_start <= word.start() and word.end() <= piece_end]
        if not found:
            continue
        yield from _split_piece(text, piece_start, piece_end, found, quantities)


def _in(position: int, spans) -> bool:
    return any(start <= position < end for start, end in spans)


def _split_piece(text, start, end, found, quantities):
    """A run with facilities of two kinds split at a number between them (创业园60栋…厂房 -> two items)."""
    groups, current = [], [found[0]]
    for match in found[1:]:
        between = [q for q in quantities.within(current[-1].end(), match.start()) if q.end <= match.start()]
        if between and keywords()[match.group()].category != _category(current):
            groups.append((current, between[0].start))
            current = [match]
        else:
            current.append(match)
    groups.append((current, None))
    begin = start
    for group, split_at in groups:
        yield _make_item(text, begin, end if split_at is None else split_at, group, quantities)
        if split_at is not None:
            begin = split_at


def _make_item(text, start, end, found, quantities) -> Item | None:
    if _LOCATION_BEFORE.search(text, max(0, start - 3), start):
        return None
    name_end = _name_end(text, end, found)
    # 天然气供气指标: the quota is no facility, the 天然气 before it is.
    while _TAIL_REJECT.match(text, name_end) and len(found) > 1 and keywords()[found[-1].group()].generic:
        found = found[:-1]
        name_end = _name_end(text, end, found)
    if _TAIL_REJECT.match(text, name_end) or _OWNED.match(text, start) or "至" in text[start:name_end]:
        return None  # 古泉路至光明路: a stretch between landmarks, not a facility of its own
    lead = _ZONE_LEAD.match(text, start)
    if lead and lead.end() < found[0].start() + 1 and name_end - lead.end() >= 2:
        start = lead.end()
    name_start = _after_leading_measures(text, start, found[0].start(), quantities)
    name = _TRAILING.sub("", text[name_start:name_end]) or text[name_start:name_end]
    rest = _residual(name)
    bare = all(keywords()[match.group()].generic for match in found) and not rest.replace("规划", "")
    item = Item(
        start, name_end, name, _category(found), bare and not rest, bare and found[-1].group() in _GENERIC_HEADS,
        None, 0, 0,  # sentence, clause and segment are filled in by the caller
    )
    item.quantity = _quantity_of(text, item, quantities)
    if item.quantity is not None and item.quantity.start < item.start:
        item.start = item.quantity.start  # 300亩的中小企业创业园: name and number
    if item.quantity is not None and item.quantity.end > item.end:
        item.end = item.quantity.end  # 标准化厂房1万平米
    return item


def _name_end(text: str, end: int, found: list[re.Match]) -> int:
    """Where a facility's name ends: its last facility word and what may follow it (一期工程, （供排水）)."""
    name_end = _SUFFIX.match(text, found[-1].end(), end).end()
    if text.count("（", found[0].start(), name_end) > text.count("）", found[0].start(), name_end):
        close = text.find("）", name_end, end)
        name_end = close + 1 if close >= 0 else name_end
    return name_end


def _residual(name: str) -> str:
    """What a name says beyond its zone, facility words and fillers (园区 in 园区道路, 配套 in 配套路网)."""
    return _FILLER.sub("", keyword_pattern().sub("", _ZONE_NAME.sub("", name)))


def _after_leading_measures(text, start, first_word, quantities) -> int:
    """Where a name starts past its leading figures (60栋钢结构标准化厂房, 3条长1284米园区道路); a voltage
    stays, it is part of the name (110千伏变电站)."""
    leading = {quantity.start: quantity for quantity in quantities.within(start, first_word)}
    while start < first_word:
        quantity = leading.get(start)
        if quantity is not None and quantity.dimension != "voltage":
            start = quantity.end
            continue
        word = _MEASURE_WORDS.match(text, start)
        if word is None or word.end() > first_word:
            break
        start = word.end()
    return start


def _quantity_of(text, item, quantities) -> Quantity | None:
    """A measure inside the name, right after it, or right before it with 的 (12.6公里的管网); lengths,
    voltages and areas before counts."""
    found = []
    for quantity in quantities.within(max(0, item.start - _MEASURE_REACH), item.end + 1):
        if quantity.dimension not in _MEASURE_DIMENSIONS or quantity.rate or _NOT_ITS_MEASURE.match(text, quantity.end):
            continue
        inside = item.start <= quantity.start and quantity.end <= item.end
        before = quantity.end <= item.start and text[quantity.end : item.start] in ("的", "的集聚区", "的园区")
        if inside or before or quantity.start == item.end:
            found.append(quantity)
    return min(found, key=lambda quantity: _MEASURE_PRIORITY[quantity.dimension]) if found else None


def _listed_quantities(text, low, items, quantities) -> list[Item]:
    """现有110千伏、35千伏以及在建的220千伏变电站: bare figures listed before an item share its facility word."""
    extra = []
    for item in items:
        head = item.quantity
        if head is None or not (item.start <= head.start < item.end) or head.dimension != "voltage":
            continue
        facility = text[head.end : item.end]
        for quantity in quantities.within(low, item.start):
            if quantity.unit != head.unit or quantity.end > item.start:
                continue
            if any(other.start <= quantity.start < other.end for other in items):
                continue
            if _LIST_GLUE.fullmatch(_between_status_free(text, quantity.end, item.start)):
                extra.append(
                    Item(
                        quantity.start, quantity.end, quantity.raw + facility, item.category, False, False,
                        item.sentence, item.clause, item.segment, quantity,
                    )
                )
    return extra


def _between_status_free(text, start, end) -> str:
    """text[start:end] with other bare figures and status words removed (what separates list members)."""
    between = text[start:end]
    between = _VOLTAGE.sub("", between)
    return cue_pattern("past_before").sub("", between)


def _group_etc(text, low, high, items) -> list[Item]:
    """三路、二路、六路等共8.2公里的集聚区主干道: named members of one kind before 等 and their head -> one item."""
    for position in [match.start() for match in _ETC.finditer(text, low, high)]:
        members = [item for item in items if item.end <= position]
        heads = [item for item in items if item.start > position]
        if not members or not heads:
            continue
        head = heads[0]
        chain = [members[-1]]
        if text[members[-1].end : position].strip():
            continue
        for item in reversed(members[:-1]):
            if _CONJUNCTION.fullmatch(text[item.end : chain[0].start]):
                chain.insert(0, item)
            else:
                break
        gap = text[position + 1 : head.start]
        if _BREAK.search(gap) or len(gap) > 12 or len(chain) < 2:
            continue
        if any(member.category != head.category for member in chain):
            continue
        group = Item(
            chain[0].start, head.end, "、".join(member.name for member in chain) + "等" + head.name, head.category,
            all(member.bare for member in chain), False, head.sentence, head.clause, head.segment,
            head.quantity or next((member.quantity for member in chain if member.quantity), None),
            group=True,
        )
        items = [item for item in items if item not in chain and item is not head] + [group]
        items.sort(key=lambda item: item.start)
    return items


def _measure_clauses(text, clauses, items, quantities) -> None:
    """…等道路，总长度10.21KM: a length or area in the next clause belongs to the item before it."""
    taken = {item.clause for item in items}
    for item in items:
        index = item.clause + 1
        while _countable(item) and index < min(len(clauses), item.clause + 4) and index not in taken:
            low, high = clauses[index]
            for quantity in quantities.within(low, high):
                if quantity.dimension in _MEASURE_DIMENSIONS:
                    if _MEASURE_CLAUSE.match(text[low : quantity.start]):
                        item.quantity = quantity
                    break
            index += 1


def _countable(item: Item) -> bool:
    """No figure yet, or only a count (5条道路), which a length or area stated after it replaces."""
    return item.quantity is None or _MEASURE_PRIORITY[item.quantity.dimension] >= 2


def _investments(text, clauses, items, quantities) -> None:
    """The amount invested in a facility: in its clause (first item), in a lone 投资N clause before it,
    or in a 项目总投资N clause right after it."""
    by_clause: dict[int, list[Item]] = {}
    for item in items:
        by_clause.setdefault(item.clause, []).append(item)
    for index, (low, high) in enumerate(clauses):
        for quantity in quantities.within(low, high):
            if quantity.dimension != "money" or quantity.rate:
                continue
            before = text[low : quantity.start]
            target = None
            if index in by_clause and _INVESTMENT_BEFORE.search(before):
                target = by_clause[index][0]
            elif index not in by_clause and _LONE_INVESTMENT.match(before) and index + 1 in by_clause:
                target = by_clause[index + 1][0]
            elif index not in by_clause and _INVESTMENT_AFTER.match(before) and index - 1 in by_clause:
                previous = by_clause[index - 1]
                low_before, high_before = clauses[index - 1]
                if len(previous) == 1 and "、" not in text[low_before:high_before]:
                    target = previous[0]
            if target is not None and target.investment is None:
                target.investment = quantity.value


def _statuses(document, sentence, clauses, items) -> None:
    words = document.status_words(sentence, TABLE)
    segments = document.segment_starts(clauses)
    for item in items:
        blocked = {other.clause for other in items if other.clause != item.clause}
        item.status = pick_status(words, clauses, item.clause, (item.start, item.end), blocked, _word_rank, True, segments)


def _word_rank(word: StatusWord) -> tuple[int, int]:
    return status_rank(TABLE, word.status, word.strength)


def _settle(document, items) -> list[Item]:
    """Bare pipes join the utility before them; other bare words and items with no status drop out."""
    joined: list[Item] = []
    for item in items:
        if item.generic_head:
            target = next(
                (
                    other
                    for other in reversed(joined)
                    if other.segment == item.segment and other.sentence is item.sentence and other.category in _UTILITIES
                ),
                None,
            )
            if target is not None:
                _absorb(target, item)
                continue
        joined.append(item)
    kept: list[Item] = []
    for item in joined:
        if item.bare and item.quantity is None:
            continue  # 道路、供水等基础设施: no facility named; 12.6公里的管网 is one
        if item.status is None and _intended(document, item):
            item.status = StatusWord(item.start, item.start, "", "planned", 0, True)
        if item.status is not None:
            kept.append(item)
    return kept


def _absorb(target: Item, item: Item) -> None:
    """天然气 + 铺设管道…正在设计: the pipe is the utility's; its status counts when stronger."""
    head = next(word for word in _GENERIC_HEADS if word in item.name)
    if not target.name.endswith(head):
        target.name = target.name + ("及" if target.name.endswith("规划") else "") + head
    mine = status_rank(TABLE, target.status.status, target.status.strength) if target.status else (-1, -1)
    theirs = status_rank(TABLE, item.status.status, item.status.strength) if item.status else (-1, -1)
    if theirs > mine:
        target.status = item.status
    target.quantity = target.quantity or item.quantity


def _intended(document: Document, item: Item) -> bool:
    """An item with no status word, said in a plan: in a next-steps section or an aim sentence."""
    if document.in_future_section(item.start):
        return True
    head = blank(cue_pattern("not_future"), document.text[item.sentence.start : item.start])
    return bool(cue_pattern("future_in_sentence").search(head))


def _key(name: str) -> str:
    name = _TRAILING.sub("", name)
    lead = _ZONE_LEAD.match(name)
    return name[lead.end() :] if lead and len(name) - lead.end() >= 2 else name


def _merge(items: list[Item]) -> list[Facility]:
    """Mentions of one facility: same category and the same name, or one named name inside the other."""
    facilities: list[Facility] = []
    for item in items:
        key = _key(item.name)
        home = None
        for facility in facilities:
            first = facility.items[0]
            if first.category != item.category:
                continue
            other = _key(first.name)
            shorter, longer = sorted((key, other), key=len)
            extra = longer[: len(longer) - len(shorter)]
            if key == other:
                home = facility
                break
            if item.group or first.group:
                continue
            if (longer.endswith(shorter) and not _DISTINCT.search(extra)) or (_named(shorter) and shorter in longer):
                home = facility
                break
        if home is None:
            home = Facility()
            facilities.append(home)
        home.items.append(item)
    return facilities


def _named(name: str) -> bool:
    """More than facility words: 中小企业创业园 is named, 标准化厂房 is not."""
    return bool(_residual(name))


def _row(facility: Facility, normalized, doc_id, zone_at, zone_ids) -> dict:
    items = facility.items
    settled = max(items, key=lambda item: status_rank(TABLE, item.status.status, item.status.strength))
    reference = _key(settled.name)
    named = max(
        (item for item in items if _key(item.name).endswith(reference)),
        key=lambda item: (len(_key(item.name)), item is settled, -item.start),
    )
    quantity = settled.quantity or next((item.quantity for item in items if item.quantity), None)
    value, unit = _measure(quantity)
    investment = settled.investment or next((item.investment for item in items if item.investment), None)
    text = normalized.text
    row = provenance(normalized, doc_id, "i", named.start, named.end, named.name, quote_span(text, named.sentence))
    return {
        "item_id": row.pop("id"),
        "doc_id": doc_id,
        "zone_id": zone_ids.get(zone_at(named.start)),
        "category": settled.category,
        "name": as_written(normalized, named.start, named.end, _key(named.name)),
        "quantity": value,
        "unit": unit,
        "status": settled.status.status,
        "investment": investment,
        **row,
    }


def _measure(quantity: Quantity | None) -> tuple[float | None, str | None]:
    """The figure as items report it: 亩 stays 亩, counters keep their word (60栋)."""
    if quantity is None:
        return None, None
    if quantity.unit == "km2" and "亩" in quantity.raw:
        return float(f"{quantity.value / units()['亩'].factor:.10g}"), "亩"
    if quantity.unit in ("building", "count", "piece") and quantity.raw[-1] in _COUNTERS:
        return quantity.value, quantity.raw[-1]
    return quantity.value, quantity.unit

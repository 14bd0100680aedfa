"""The facilities one clause names: runs between name stops that hold a facility word.

A run stops at verbs, status words, 的, 、, 和 … (item_lexicon.name_stop_pattern); a run with
facilities of two kinds splits at a number between them. Figures listed before one facility
word share it (110千伏、35千伏变电站), and named members before 等 join their head
(三路、二路等主干道).
"""

from __future__ import annotations

import bisect
import re

from ..text.sentences import UNPLACED
from .facilities import GENERIC_HEADS, TABLE, Item, P, category_of_words, keywords, residual
from .facility_figures import quantity_of
from .lexicon import cue_pattern, name_stop_pattern, name_stops
from .spans import blank
from .status import status_pattern

LABEL_CHARS = 8  # longest label in quotes that stays in a name (“四纵八横”路网)


def clause_items(text, low, high, quantities, words):
    """The facilities of one clause: runs between name stops that hold a facility word."""
    starts, ends = [low], []
    for stop in _without_label_quotes(text, list(name_stops(name_stop_pattern(TABLE, True), text, low, high))):
        ends.append(stop.start())
        starts.append(stop.end())
    ends.append(high)
    pieces: dict[int, list[re.Match]] = {}  # most pieces hold no facility word: only the words are looked at
    for word in words:
        index = bisect.bisect_right(starts, word.start()) - 1
        if word.start() < ends[index] and word.end() <= ends[index]:  # not inside a stop, nor running past one
            pieces.setdefault(index, []).append(word)
    for index, found in pieces.items():  # in the order of the words, so of the pieces
        yield from _split_piece(text, starts[index], ends[index], found, quantities)


def _without_label_quotes(text: str, stops: list[re.Match]) -> list[re.Match]:
    """“四纵八横”路网, ‘公园式’污水处理厂: a short label in quotes run straight into the word after it is part of the name,
    so its quotes end no name (a quote followed by a stop, “园区”。, still does)."""
    drop: set[int] = set()
    for index in range(len(stops) - 1):
        opening, closing = stops[index], stops[index + 1]
        if opening.group() + closing.group() in ("“”", "‘’") and closing.start() - opening.end() <= LABEL_CHARS \
                and (index + 2 == len(stops) or stops[index + 2].start() > closing.end()):
            drop |= {index, index + 1}
    return [stop for index, stop in enumerate(stops) if index not in drop]


def _split_piece(text, start, end, found, quantities):
    """A run with facilities of two kinds split at a number between them (创业园60栋…厂房 -> two items), and a
    name split from the count run straight after it (A路、B路五条道路: the count of the list, items.group_etc)."""
    groups, current = [], [found[0]]
    for match in found[1:]:
        between = [q for q in quantities.within(current[-1].end(), match.start()) if q.end <= match.start()]
        if between and (
            keywords()[match.group()].category != category_of_words(current)
            or _count_after_name(text, current[-1], between[0])
        ):
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


def _count_after_name(text, word: re.Match, quantity) -> bool:
    """枫杨路五条道路: a count run straight into a name (past its suffixes) begins a phrase of its own."""
    return quantity.unit == _COUNT_UNIT and P.suffix.match(text, word.end(), quantity.start).end() == quantity.start


def _make_item(text, start, end, found, quantities) -> Item | None:
    if _a_frame_of_no_grid(text, found):
        return None  # 合作框架, 拉开城市框架: a frame that no grid label names is no roads
    if P.location_before.search(text, max(0, start - 3), start) or _placed_inside(text, start, found[0].start()):
        return None  # 紧邻107国道, 园区距310国道3公里: where the zone lies, no works
    name_end = _name_end(text, end, found)
    # 天然气供气指标: the quota is no facility, the 天然气 before it is.
    while P.tail_reject.match(text, name_end) and len(found) > 1 and keywords()[found[-1].group()].generic:
        found = found[:-1]
        name_end = _name_end(text, end, found)
    if P.tail_reject.match(text, name_end) or P.owned.match(text, start) or _a_stretch(text, start, name_end, found):
        return None  # 古泉路至光明路: a stretch between landmarks; 纬三路（经一路至经三路段） names its ends in brackets
    owner = P.company_in_name.search(text, start, found[-1].start())
    if owner and not P.serving.match(text, owner.end()):
        return None  # X油田LNG公司液化天然气工程: a company's project, not the zone's works (项目配套道路 is)
    if P.product_project.fullmatch(text, name_end, end):
        return None  # 天然气汽车清洁燃料项目: the facility word says what a plant makes
    date = P.date_lead.match(text, start)
    if date and date.end() <= found[0].start():
        start = date.end()  # 2023年青禾路建成通车, 今年5月园区X污水处理厂投运: when, no part of the name
    lead = P.zone_lead.match(text, start)
    if lead and lead.end() < found[0].start() + 1 and name_end - lead.end() >= 2:
        start = lead.end()
    start = _after_list_marks(text, start, found[0].start())
    start = _past_label(text, start, found[0].start())
    if start < 0:
        return None  # 【市政道路建设】: an entry's label names its topic, the works it reports follow
    start = _numbers_sharing_the_head(text, start)
    start = _grid_label_before(text, start)
    if P.year_lead.match(text, start):
        return None  # 2015年度活力众创空间: an award, event or batch named by its year
    name_start = _after_leading_measures(text, start, found[0].start(), quantities)
    name = P.trailing.sub("", text[name_start:name_end]) or text[name_start:name_end]
    rest = residual(name)
    lexicon = keywords()
    bare = not rest.replace("规划", "") and all(lexicon[match.group()].generic for match in found)
    item = Item(
        start, name_end, name, category_of_words(found), bare and not rest, bare and found[-1].group() in GENERIC_HEADS,
        UNPLACED, 0, 0,  # sentence, clause and segment are filled in by the caller
    )
    item.quantity = quantity_of(text, item, quantities)
    if item.quantity is not None and item.quantity.start < item.start:
        item.start = item.quantity.start  # 300亩的中小企业创业园: name and number
    if item.quantity is not None and item.quantity.end > item.end and not status_pattern(TABLE).search(
        text, item.end, item.quantity.start
    ):
        item.end = item.quantity.end  # 标准化厂房1万平米; 管网铺设完成15公里 keeps its status word out of the name
    return item


def _placed_inside(text: str, start: int, first_word: int) -> bool:
    """园区距310国道3公里: a location word run into the name places the zone; 从A至B距离10公里的公路 names the works by
    their ends and their length between them."""
    placed = P.location_inside.search(text, start, first_word)
    if placed is None:
        return False
    ends = P.length_between_ends.search(text, start, first_word)
    return ends is None or not (ends.start() < placed.start() < ends.end())


def _a_stretch(text: str, start: int, name_end: int, found: list[re.Match]) -> bool:
    """古泉路至光明路: a stretch between two facilities is no works of its own; places joined by works
    (马坪片区至石龙片区供排水工程, 城区至园区公路) name those works."""
    plain = blank(P.bracketed, text[start:name_end])
    to = plain.find("至")
    return to >= 0 and found[0].start() - start < to


def _numbers_sharing_the_head(text: str, start: int) -> int:
    """11号、12号码头泊位, 3、4号标准厂房, 1#、2#厂房: numbers listed before a numbered name (its number marked 号 or #)
    share its facility word; they and the name are one item."""
    if not (start < len(text) and text[start].isdigit()):
        return start
    digits_end = start
    while digits_end < len(text) and text[digits_end].isdigit():
        digits_end += 1
    if text[digits_end : digits_end + 1] not in _NUMBER_MARKS:
        return start  # 1、319国道: a list number before a road's number, which is no numbered name
    while start > 1 and text[start - 1] == "、":
        token = start - 1
        if text[token - 1] in _NUMBER_MARKS:
            token -= 1
        digits = token
        while digits > 0 and text[digits - 1].isdigit():
            digits -= 1
        if digits == token:
            break
        start = digits
    return start


_NUMBER_MARKS = "号號#＃"


def _a_frame_of_no_grid(text: str, found: list[re.Match]) -> bool:
    """A frame (框架) is a road grid only when its label stands right before it (“三纵七横”框架, 四横三纵的框架);
    beside another facility word (道路框架, 路网框架) that word names the works."""
    if not all(P.grid_frame.fullmatch(word.group()) for word in found):
        return False
    first = found[0].start()
    return P.grid_frame_label.search(text, max(0, first - _GRID_REACH), first) is None


def _grid_label_before(text: str, start: int) -> int:
    """三横两纵的路网: a grid's label, joined by 的, names the network (the 的 ends no such name)."""
    label = P.grid_label.search(text, max(0, start - _GRID_REACH), start)
    return label.start() if label else start


_GRID_REACH = 10  # a label (“十纵十横”) and its 的


def _name_end(text: str, end: int, found: list[re.Match]) -> int:
    """Where a facility's name ends: its last facility word and what may follow it (一期工程, （供排水）)."""
    name_end = P.suffix.match(text, found[-1].end(), end).end()
    for opening, closing in (("（", "）"), ("(", ")")):  # 纬六路二期(金山路-障山路): the bracket closes in the name
        if text.count(opening, found[0].start(), name_end) > text.count(closing, found[0].start(), name_end):
            close = text.find(closing, name_end, end)
            name_end = P.suffix.match(text, close + 1, end).end() if close >= 0 else name_end
    return name_end


def _after_list_marks(text: str, start: int, first_word: int) -> int:
    """Where a name starts past a list number (2.华阳变电站) or a conjunction right before its first
    facility word (建设和道路亮化: 和 joins, 和平路 keeps its 和)."""
    number = P.list_number.match(text, start)
    if number and number.end() <= first_word:
        start = number.end()
    joining = P.joining_conjunction.match(text, start)
    if joining and joining.end() == first_word:
        start = joining.end()
    fitting = P.fitting_lead.match(text, start)
    if fitting and fitting.end() <= first_word:
        start = fitting.end()  # 安装路灯310盏: the verb fits the item, it is no part of its name
    improving = P.improving_lead.match(text, start)
    if improving and improving.end() < first_word:
        start = improving.end()  # 改造鹤翔路 (改造道路 names a kind of works)
    return start


_LABEL_OPEN, _LABEL_CLOSE = "【〔", "】〕"  # a yearbook entry's label (【基础设施建设】)


def _past_label(text: str, start: int, first_word: int) -> int:
    """Where a name starts past a yearbook entry's label (【基础设施建设】X污水处理厂: after its 】), or -1 when
    the facility word stands inside the label (【市政道路建设】: a topic, no works)."""
    closing = max(text.rfind(_LABEL_CLOSE[0], start, first_word), text.rfind(_LABEL_CLOSE[1], start, first_word))
    if closing >= 0:
        start = closing + 1
    opening = max(text.rfind(_LABEL_OPEN[0], start, first_word), text.rfind(_LABEL_OPEN[1], start, first_word))
    return -1 if opening >= 0 else start


def _after_leading_measures(text, start, first_word, quantities) -> int:
    """Where a name starts past its leading figures (60栋钢结构标准化厂房, 3条长1284米园区道路, 3万吨/日污水处理厂); a voltage
    or a class stays, it is part of the name (110千伏变电站, 5000吨级泊位)."""
    leading = {quantity.start: quantity for quantity in quantities.within(start, first_word)}
    if not leading:
        return start  # no figure before the facility word (most names)
    while start < first_word:
        quantity = leading.get(start)
        if quantity is not None and quantity.dimension != "voltage" and not P.size_class.match(text, quantity.end):
            start = quantity.end
            tail = P.rate_tail.match(text, start) if quantity.rate else None
            start = tail.end() if tail is not None and tail.end() <= first_word else start
            continue
        word = P.measure_words.match(text, start)
        if word is None or word.end() > first_word or word.end() not in leading:
            break  # 长 before a figure measures (长1284米); 长溪五路 keeps its 长
        start = word.end()
    return start


def listed_quantities(text, low, items, quantities) -> list[Item]:
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
            if P.list_glue.fullmatch(_between_status_free(text, quantity.end, item.start)):
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
    between = P.voltage.sub("", between)
    return cue_pattern("past_before").sub("", between)


def group_etc(text, low, high, items) -> list[Item]:
    """三路、二路、六路等共8.2公里的集聚区主干道: named members of one kind before 等 and their head measured
    together -> one item; unmeasured (经三路、纬六路等一批道路), each member is an item and the head their kind."""
    for position in [match.start() for match in P.etc.finditer(text, low, high)]:
        members = [item for item in items if item.end <= position]
        heads = [item for item in items if item.start > position]
        if not members or not heads:
            continue
        head = heads[0]
        chain = [members[-1]]
        if text[members[-1].end : position].strip():
            continue
        for item in reversed(members[:-1]):
            if P.conjunction.fullmatch(text[item.end : chain[0].start]):
                chain.insert(0, item)
            else:
                break
        gap = text[position + 1 : head.start]
        if len(chain) < 2 and _counts_the_list(head, position):
            items = [item for item in items if item is not head]  # 226省道、常丰路等10条道路: a count, no road
            continue
        if P.gap_break.search(gap) or len(gap) > 12 or len(chain) < 2:
            continue
        if head.category != "road" and all(member.category == "road" for member in chain) and _a_stretch_of_them(text, position + 1):
            # 青禾路、白鹭路等部分路段气管网改造: the roads say where the works run, they are no works of their own
            group = Item(chain[0].start, head.end, text[chain[0].start : head.end], head.category, False, head.generic_head,
                         head.sentence, head.clause, head.segment, head.quantity)
            items = sorted([item for item in items if item not in chain and item is not head] + [group], key=lambda item: item.start)
            continue
        if any(member.category != head.category for member in chain):
            continue
        if not _measured_together(text, head, high):
            items = [item for item in items if item is not head]  # 经三路、纬六路等一批道路: each road; the head is their kind
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


def _a_stretch_of_them(text, start: int) -> bool:
    """部分路段, 沿线, 两侧 right after the 等 closing a list of roads (in the gap or opening the head's name)."""
    stretch = P.stretch_of_roads.match(text, start)
    return stretch is not None and stretch.end() > start


def _measured_together(text, head: Item, high: int) -> bool:
    """等共8.2公里的主干道, 等道路，总长度4.6公里: a length or area said of the head measures the listed names
    together (one item); with none (等一批道路, 等10条道路) each name is a work of its own."""
    if head.quantity is not None and head.quantity.unit != _COUNT_UNIT:
        return True
    after = P.measure_clause_after.match(text, high)
    return after is not None


def drop_list_counts(text, items) -> list[Item]:
    """青年路、天顺路两条道路已建成: a bare head opening with a count run straight after the last of a list of
    names counts the list; it is no item, and the count measures none of the names. So does one whose names
    follow in the next clause (新建道路3条，分别为A、B和C)."""
    kept: list[Item] = []
    items = [item for item in items if not _names_follow(text, item, items)]
    for item in items:
        last = kept[-1] if kept else None
        quantity = item.quantity
        if (
            last is not None and last.quantity is quantity and quantity is not None and _bare_head(item)
            and quantity.unit == _COUNT_UNIT and item.start == quantity.start and _listed_before(text, last)
        ):
            last.end = quantity.start
            last.quantity = None
            continue
        kept.append(item)
    return kept


def _names_follow(text, head: Item, items: list[Item]) -> bool:
    """A bare head with a count (道路3条, 3座桥梁) whose next clause opens on 分别为/即/包括 and names two or more
    works of its category: the head counts them."""
    quantity = head.quantity
    if quantity is None or quantity.unit not in _COUNTS_OF_WORKS or not _bare_head(head):
        return False
    named = [item for item in items if item.clause == head.clause + 1 and item.category == head.category and not item.bare]
    if len(named) < 2:
        return False
    opening = max(text.rfind(mark, head.end, named[0].start) for mark in "，,：:")
    if opening < 0:
        return False
    return text[opening] in "：:" or bool(P.names_follow.match(text, opening + 1, named[0].start))


def _listed_before(text, item: Item) -> bool:
    """The item is a later member of a list (a list mark right before it)."""
    return P.list_mark_before.search(text, max(0, item.start - _LIST_MARK_REACH), item.start) is not None


_LIST_MARK_REACH = 4  # 以及 and a space or two


def _bare_head(item: Item) -> bool:
    """道路, 主要道路: a head naming no facility of its own (a qualifier of rank aside)."""
    return item.bare or not residual(P.count_head_modifier.sub("", item.name))


# The unit of a count of facilities (10条道路, 4座桥): after 等 it counts the names before it.
_COUNT_UNIT = "piece"
# The units a count of works is read in (3条, 2座, 5个): 座 and 栋 read as buildings, 个 as a plain count.
_COUNTS_OF_WORKS = frozenset({_COUNT_UNIT, "building", "count"})


def _counts_the_list(head: Item, position: int) -> bool:
    """A bare head right after 等 and a count (A、B等10条道路) counts the names listed before it."""
    quantity = head.quantity
    return head.bare and quantity is not None and quantity.start == position + 1 and quantity.unit == _COUNT_UNIT

"""Roads, power, water, factories … and their status -> infrastructure rows.

A facility is a run of words between two name stops (verbs, status words, 的, 、, 和 …) that holds
a word of lexicon/infrastructure_categories.csv; the last specific word decides the category
(弱电入地线路 -> telecom). Runs made only of generic words (道路、供水、供电等基础设施) are no item,
except a bare pipe or line that continues the utility before it (天然气…，铺设管道 -> one gas item).
Named roads listed before 等 and a road head (三路、二路等主干道) are one item. An item with no
status word of its own takes the one of the sentence a breakdown follows (…累计投入N亿元。其中…),
of a sentence pointing back to it (以上项目即将开工), or of the heading it is listed under (二、在建项目,
items.headings); a status said of a whole list or table row is read by items.facility_lists. Mentions
of one facility in one zone are merged into one row with its most advanced explicit status
(items.facility_merge). Works said to be planned by the sentence or clause around them are read by
items.facility_aims.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Quantities
from ..text.sentences import Sentence
from .facilities import GENERIC_HEADS, TABLE, Item, P, facility_words, keyword_pattern, segment_of
from .facility_aims import (
    aim_goes_on,
    an_aim,
    breaks_down_an_aim,
    enumerates_an_aim,
    goes_on_with_an_aim,
    intended,
)
from .facility_figures import measure_clauses, place_investments, reported_measure, respective_measures
from .facility_items import clause_items, drop_list_counts, group_etc, listed_quantities
from .facility_lists import (
    TITLE_REST,
    ends_in_a_colon,
    in_brackets_after,
    measured_work_done,
    said_of_the_whole_list,
    status_in_the_cells_after,
    verb_before_the_list,
    without_items,
    word_rank,
)
from .facility_merge import facility_key, merge
from .facility_phases import later_phases
from .headings import heading_status
from .lexicon import cue_pattern, cues, name_stop_pattern, word_pattern
from .spans import as_written, blank, clause_index, inside, provenance, quote_span, sentence_part
from .status import (
    StatusWord,
    aim_said,
    names_only_works,
    pick_status,
    said_as_done,
    stage_closes_clause,
    status_rank,
    status_table,
    status_words,
)

# Utilities a bare pipe or line continues (天然气…，铺设管道 -> one gas item).
_UTILITIES = {"gas", "heat", "water", "power_line", "telecom"}


def extract_infrastructure(document: Document, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    """One row per facility the report says is planned, designed, being built or in use."""
    items: list[Item] = []
    for sentence in document.sentences_holding(keyword_pattern()):
        found = facility_words(keyword_pattern().finditer(document.text, sentence.start, sentence.end))
        if found:
            items += _sentence_items(document, sentence, document.quantities, found)
    return [_row(facility, document.normalized, doc_id, zone_at, zone_ids) for facility in merge(items, zone_at)]


def _sentence_items(document: Document, sentence: Sentence, quantities: Quantities, words: list[re.Match]) -> list[Item]:
    text = document.text
    clauses = document.clauses(sentence)
    quoted = [span for span in document.quoted_spans(sentence) if not _a_works_name_in_corners(text, span, words)]
    by_clause: dict[int, list[re.Match]] = {}
    for word in words:
        index = clause_index(clauses, word.start())
        low, high = clauses[index]
        if low <= word.start() < high and not inside(word.start(), quoted):
            by_clause.setdefault(index, []).append(word)
    items: list[Item] = []
    for index, in_clause in by_clause.items():
        low, high = clauses[index]
        segment = segment_of(text, sentence.start, low)
        found = [item for item in clause_items(text, low, high, quantities, in_clause) if item is not None]
        for item in found:
            item.sentence, item.clause, item.segment = sentence, index, segment
        found = listed_quantities(text, low, found, quantities) + found
        found.sort(key=lambda item: item.start)
        found = group_etc(text, low, high, found)
        items += found
    items = drop_list_counts(text, items)
    items = [item for item in items if not _no_works_of_the_zone(text, sentence, item, clauses)]
    if not items:
        return items
    items = sorted(items + later_phases(text, clauses, items), key=lambda item: item.start)
    measure_clauses(text, clauses, items, quantities)
    respective_measures(text, sentence.start, sentence.end, items, quantities)
    place_investments(text, clauses, items, quantities)
    _statuses(document, sentence, clauses, items)
    return _settle(document, items)


def _a_works_name_in_corners(text: str, span: tuple[int, int], words: list[re.Match]) -> bool:
    """「东区道路排水工程」, 「北区废水处理厂」: corner brackets, the quotation marks of Taiwan and Hong Kong, round
    the name of a works that ends in a facility word (or its 工程, 一期 …) quote a name, not a slogan or a title."""
    start, end = span
    if text[start] not in "「『":
        return False
    last = max((word.end() for word in words if start < word.start() and word.end() < end), default=None)
    return last is not None and bool(P.corner_name_tail.fullmatch(text, last, end - 1))


def _no_works_of_the_zone(text: str, sentence: Sentence, item: Item, clauses) -> bool:
    """A facility named as a project's building, a landmark placing the zone, or a problem to solve."""
    return (
        _a_projects_building(text, sentence, item, clauses)
        or _a_landmark(text, item, clauses)
        or _a_problem(text, item, clauses)
        or _service_begun(text, item)
    )


def _service_begun(text: str, item: Item) -> bool:
    """试车供水, 完工供水: a utility's service (item_cues.yaml services_begun) right after a stage word says what the
    works began to do, it names no works of its own (建成道路3公里 does: a facility, not a service)."""
    if item.name not in cues()["services_begun"]:
        return False
    words, longest = _stage_words()
    return text.endswith(words, max(0, item.start - longest), item.start)


@lru_cache(maxsize=1)
def _stage_words() -> tuple[tuple[str, ...], int]:
    """The table's status words for str.endswith, and the length of the longest (how far back one may start)."""
    words = tuple(status_table(TABLE))
    return words, max(map(len, words))


# Categories of buildings: the ones a company's project puts up for itself (厂房, 办公楼, 职工宿舍).
_BUILDINGS = ("factory", "office", "housing")


def _a_projects_building(text: str, sentence: Sentence, item: Item, clauses) -> bool:
    """该项目…研发中心、办公楼已完工, 职工宿舍正在装修: a building in a sentence about one project is the
    project's, not a facility of the zone; so is a company's own plant (X公司新建厂房3万平方米), where
    standard factories built to let stay the zone's."""
    if item.category not in _BUILDINGS:
        return False
    if P.project_owner.search(text, sentence.start, item.start):
        return True
    if P.project_sized.search(text, sentence.start, item.start) and not P.zones_buildings.match(item.name):
        return True  # X项目：总投资50亿元，1号厂房已封顶 (but 园区标准厂房 stays the zone's)
    low = clauses[item.clause][0]
    return bool(P.own_plant.fullmatch(item.name) and P.company_in_name.search(text, low, item.start))


def _a_landmark(text: str, item: Item, clauses) -> bool:
    """园区紧邻206国道, 北至青山路, 以国道205线为中心轴线: a road that places the zone or that it is laid out along
    is a landmark, not works of the zone."""
    if item.category != "road":
        return False
    low, high = clauses[item.clause]
    lead = max(text.rfind(mark, low, item.start) for mark in _LANDMARK_BREAKS)
    window = max(lead + 1, low)
    # 从A至B距离10公里的公路: the 距离 of the works' own ends and length places nothing
    ends = P.length_between_ends.search(text, window, item.end)
    before = text[window : ends.start() if ends is not None else item.start] + item.name
    if cue_pattern("landmark_before").search(before):
        return True
    return cue_pattern("landmark_after").search(text, item.end, min(high, item.end + _AXIS_REACH)) is not None


def _a_problem(text: str, item: Item, clauses) -> bool:
    """遇到的道路建设、供水供电以及扶持资金等问题: a member of a list of problems to solve is no works."""
    return _list_closed_by(text, item, clauses[item.clause][1], "issues_after_etc")


def _list_closed_by(text: str, item: Item, high: int, cue: str) -> bool:
    """The 等 closing the item's list in its clause is followed by one of the cue's words (等问题, 等基础设施)."""
    etc = text.find("等", item.end, high)
    return etc >= 0 and cue_pattern(cue).match(text, etc + 1) is not None


# What ends the stretch before a road in which a landmark word places it (北至A路、南至B路: each its own).
_LANDMARK_BREAKS = "、，,；;"
# How far after a road its axis phrase may end (国道205线为中心轴线).
_AXIS_REACH = 12
_COMMAS = ("，", ",")


def _statuses(document, sentence, clauses, items) -> None:
    words = status_words(document, sentence, TABLE)
    segments = document.segment_starts(clauses)
    clauses_with_items = {item.clause for item in items}
    in_clause: dict[int, list[Item]] = {}  # the items of each clause, in order: asked for every status word before an item
    for item in items:
        in_clause.setdefault(item.clause, []).append(item)
    describing = [_describes_a_noun(document.text, word) for word in words]  # read once, not once per item
    for item in items:
        blocked = clauses_with_items - {item.clause} - _list_goes_on(document.text, clauses, item.clause)
        clause_start = clauses[item.clause][0]
        # A word can follow another item of the clause only from where the first of them ends: the words
        # before it (most of a long sentence's) are not looked at item by item.
        others_end = min((other.end for other in in_clause[item.clause] if other is not item), default=len(document.text))
        own = [
            word for word, describes in zip(words, describing, strict=True)
            if word.end > item.start
            or not (
                (word.start >= others_end and _said_of_another(document.text, word, item, items, in_clause[item.clause]))
                or (describes and word.end <= clause_start)
            )
        ]
        own = _own_member_verbs(document.text, item, own, clauses[item.clause], in_clause[item.clause])
        item.status = pick_status(
            own, clauses, item.clause, (item.start, item.end), blocked, word_rank, True, segments, next_weak=1
        ) or _status_of_the_list_before(document.text, item, items, own, clauses, segments)
        item.status = _completion_going_on(document, item, in_clause, words, clauses, segments, item.status)
        item.status = _and_then(document.text, item, own, item.status)
        item.status = _then_in_the_next_clause(document.text, item, own, clauses, blocked, item.status)
        item.status = _built_alongside(document.text, item, words, clauses, segments, item.status)
        item.status = _predicate_after_attribute(document.text, item, items, own, clauses, item.status)
        item.status = _stage_under_way(item, own, clauses, blocked, segments, item.status)
        item.status = verb_before_the_list(document.text, item, own, clauses, item.status)
        weak = item.status is None or item.status.strength < 2
        header = _status_of_the_header(document, item) if weak else None  # only a weak status may give way to it
        item.status = _outcome_of_the_header(header, item.status)
        item.status = in_brackets_after(document.text, item, own) or measured_work_done(
            document.text, item, item.status, header
        )
        item.status = said_of_the_whole_list(
            document.text, item, items, own, clauses, (segments, clauses_with_items), item.status
        )
        item.status = aim_goes_on(document.text, item, words, clauses, segments) or item.status
        # 临江路（拟建）、滨河路（续建）: a status in brackets right after an item is its own, whatever the list says
        item.status = in_brackets_after(document.text, item, words) or item.status
    if sentence.index and P.breakdown_lead.match(document.text, sentence.start):
        before = document.sentences[sentence.index - 1]
        said = _spent_on_works(document, before)
        if said is None and (breaks_down_an_aim(document, sentence) or enumerates_an_aim(document, sentence)):
            # 明年计划…。其中，新建道路5公里; 园区将抓好三项工程。一是新建A: an aim too
            said = an_aim(before.start, before.start)
        _said_of_the_breakdown(items, said, _stated_before(document, before))
    elif sentence.index and (enumerates_an_aim(document, sentence) or goes_on_with_an_aim(document, sentence)):
        # 园区将抓好三项工程。一是新建A。二是新建B; 下一步，园区将做好以下工作。新建A，建设B
        _said_of_the_breakdown(items, an_aim(sentence.start, sentence.start), None)


def _said_of_the_breakdown(items: list[Item], said: StatusWord | None, stated: StatusWord | None) -> None:
    """What the sentence before a breakdown says (money spent, an aim) settles its items' weak verbs; the status it
    states is theirs when they state none."""
    for item in items:
        if said is not None and (item.status is None or (item.status.strength < 2 and not item.status.future)):
            item.status = said
        item.status = item.status or stated


def _and_then(text: str, item: Item, words: list[StatusWord], status: StatusWord | None) -> StatusWord | None:
    """建成3栋厂房并投入使用: a stage joined right after the item (并, 并已) goes on from the one before it."""
    after = [word for word in words if word.start >= item.end and word.strength >= 2 and not word.future]
    if not after or status is None or status.end > item.start:
        return status
    nearest = min(after, key=lambda word: word.start)
    if P.and_then.fullmatch(text, item.end, nearest.start) and word_rank(nearest) > word_rank(status):
        return nearest
    return status


def _then_in_the_next_clause(text: str, item: Item, words: list[StatusWord], clauses, blocked,
                             status: StatusWord | None) -> StatusWord | None:
    """水厂已建成，并于2009年6月开始供水; 于3月举行动土典礼，并于次年试车供水: a clause opening with 并 right after the
    item's own stage goes on with the same works; a later stage it states as done is how far they got (not one it
    aims at, 并将于…投入使用, nor one of what the works serve, 并将为已投产的企业供水)."""
    if status is None or status.future or status.strength < 2 or status.start < item.end:
        return status
    following = item.clause + 1
    own_low, own_high = clauses[item.clause]
    if following >= len(clauses) or following in blocked or not text.startswith(_COMMAS, own_high):
        return status
    low, high = clauses[following]
    if not own_low <= status.start < own_high or not P.then_clause.match(text, low):
        return status
    later = [
        word for word in words
        if low <= word.start < high and word.strength >= 2 and not word.future and not _describes_a_noun(text, word)
        and not aim_said(text, low, word.start)
    ]
    furthest = max(later, key=word_rank, default=None)
    return furthest if furthest is not None and word_rank(furthest) > word_rank(status) else status


def _built_alongside(text: str, item: Item, words: list[StatusWord], clauses, segments,
                     status: StatusWord | None) -> StatusWord | None:
    """基地建成标准化厂房20万平方米，配套建设A、B: works built along with (配套建设) those of the clause before, which
    states how far they got as a fact, are at that stage too; the weak verb says no more than that they were built."""
    if status is not None and (status.strength >= 2 or status.future):
        return status
    low = clauses[item.clause][0]
    if not item.clause or item.clause in segments or not text.startswith(_COMMAS, low - 1):
        return status
    if not P.alongside_clause.match(text, low) or item.start < low:
        return status
    before_low, before_high = clauses[item.clause - 1]
    stated = [
        word for word in words
        if before_low <= word.start < before_high and word.strength >= 2 and not word.future
        and not _describes_a_noun(text, word)  # 依托已建成投用的12个项目: what the works serve, not how far they got
    ]
    return stated[-1] if stated else status


def _predicate_after_attribute(
    text: str, item: Item, items: list[Item], words: list[StatusWord], clauses, status: StatusWord | None
) -> StatusWord | None:
    """新落成的服务大楼投入使用: a status word describing the item (V的X) and one said of it after it in its
    clause, before any other item (与原有的X: 原有 is X's): the item has got as far as the more advanced of the two."""
    if status is None or status.end > item.start or text[status.end : status.end + 1] != "的":
        return status
    high = min([other.start for other in items if other.clause == item.clause and other.start >= item.end]
               + [clauses[item.clause][1]])
    after = [
        word for word in words
        if item.end <= word.start < high and word.strength >= 2 and not word.future and text[word.end : word.end + 1] != "的"
    ]
    later = max(after, key=word_rank, default=None)
    return later if later is not None and word_rank(later) > word_rank(status) else status


# Stages before any building: a report lists the ones done, then says which one is under way.
_PREPARATORY = ("planned", "site_selection", "design")


def _stage_under_way(item: Item, words: list[StatusWord], clauses, blocked, segments, status: StatusWord | None):
    """已完成立项、可研，正在进行初步设计: after preparatory stages done, a later clause of the same part of
    the sentence saying how far the item is now (a further stage, stated as fact) is its status."""
    if status is None or status.future or status.status not in _PREPARATORY:
        return status
    for index in range(item.clause + 1, len(clauses)):
        if index in blocked or index in segments:
            break
        low, high = clauses[index]
        later = [word for word in words if low <= word.start < high and word.strength >= 2 and not word.future]
        if later:
            furthest = max(later, key=word_rank)
            return furthest if word_rank(furthest) > word_rank(status) else status
    return status


def _status_of_the_list_before(
    text: str, item: Item, items: list[Item], words: list[StatusWord], clauses, segments
) -> StatusWord | None:
    """集中开工的还有A工程，B工程以及C工程: a clause of bare names goes on the list the clause before opened
    with its verb (a strong status word before every item of that clause), and 公共工程已完工，包含A、B lists
    the members of what the clause before said; within one part of the sentence."""
    own_low, own_high = clauses[item.clause]
    if any(own_low <= word.start < own_high and word.strength >= 2 for word in words):
        return None  # the clause states a status of its own
    before = item.clause - 1
    while before > 0 and before + 1 not in segments and _bare_list_clause(clauses[before], items, before, words):
        before -= 1  # 已建成A、B，C，D: the list runs on through clauses of bare names to the verb opening it
    if before < 0 or before + 1 in segments:
        return None
    low, high = clauses[before]
    said = [word for word in words if low <= word.start < high and word.strength >= 2 and not word.future]
    if not said and _measures_in_a_row(text, item, items, before):
        said = [word for word in words if low <= word.start < high and not word.future]
    if said and P.member_lead.match(text, clauses[item.clause][0]):
        return max(said, key=word_rank)  # 公共工程皆已完工，包含A、B: the members of what the clause before said
    listed = [other for other in items if other.clause == before]
    if not listed:
        return None
    first = min(other.start for other in listed)
    leading = [word for word in said if word.end <= first]
    return max(leading, key=word_rank) if leading else None


def _completion_going_on(
    document: Document,
    item: Item,
    in_clause: dict[int, list[Item]],
    words: list[StatusWord],
    clauses,
    segments,
    status: StatusWord | None,
) -> StatusWord | None:
    """已完成了土地平整800亩，A路、B路等3条道路硬化工程 / 完成了A工程、B工程，以及C工程、D建设: a clause opening with
    its names (or 以及, 及, 和 before them) and no verb of its own goes on with the objects of the completion
    said in the clause before (已完成, 完成了): the works are done; the weak work words after the names (建设,
    硬化工程) name what was done. A stage closing the clause (C路路基工程) leaves them being built, as it would after
    the verb; a predicate of their own after the names and their measures (也已完善, 建设加快推进) or opening the
    clause after them (，预计年底完工), or a status read for them outside their clause, is theirs, not the verb's
    before them."""
    text, index = document.text, item.clause
    low, high = clauses[index]
    if status is not None and (status.strength >= 2 or status.future or not low <= status.start < high):
        return status
    if index == 0 or index in segments:
        return status
    named = in_clause[index]
    first, last = min(other.start for other in named), max(other.end for other in named)
    if not P.object_going_on.fullmatch(text, low, first) or stage_closes_clause(text, low, high):
        return status
    said_after = max([last] + [measure.end for measure in document.quantities.within(last, high)])
    if P.own_predicate.search(text, last, high) or not names_only_works(text, said_after, high):
        return status  # B路建设加快推进: after the names and their measures, a predicate of their own
    nameless_clause_after = index + 1 < len(clauses) and index + 1 not in in_clause
    if nameless_clause_after and P.own_predicate.match(text, clauses[index + 1][0]):
        return status  # A路、B路道路工程，预计年底完工: a clause with no names after theirs opens with their predicate
    before_low, before_high = clauses[index - 1]
    done = [word for word in words if before_low <= word.start < before_high and not word.future]
    if len(done) != 1 or done[0].status != "completed" or not said_as_done(text, done[0]):
        return status
    return done[0]


def _measures_in_a_row(text: str, item: Item, items: list[Item], before: int) -> bool:
    """新建道路13.5公里，供水管网6.2公里: measured works in a row of clauses share the work verb opening the first,
    weak as it is (新建, 铺设, even the bare 建设: 建设堆场3万平方米，仓库1万平方米), as 、 would make them share it."""
    quantity = item.quantity
    if quantity is None or quantity.start < item.start:
        return False
    said_between = text[item.start : quantity.start].rstrip(_LENGTH_WORDS)
    if not said_between.endswith(item.name[-2:]):
        return False  # 区内道路总长度达到45公里: a total standing, not a lot of works
    return any(other.clause == before and other.quantity is not None and other.sentence is item.sentence for other in items)


_LENGTH_WORDS = " 长约"  # between a name and its length (供水管网长约6公里)


def _bare_list_clause(clause: tuple[int, int], items: list[Item], index: int, words: list[StatusWord]) -> bool:
    """A clause that names works and states no status of its own: a list may run on through it."""
    low, high = clause
    return any(other.clause == index for other in items) and not any(low <= word.start < high for word in words)


def _status_of_the_header(document: Document, item: Item) -> StatusWord | None:
    """正在进行的基础设施工程共有8大工程：A；B；C: items listed after a colon that state no status of their
    own take the status of the clause the colon ends (an aim there says nothing)."""
    text, clauses = document.text, document.clauses(item.sentence)
    words = status_words(document, item.sentence, TABLE)
    for index in range(item.clause - 1, -1, -1):
        low, high = clauses[index]
        if ends_in_a_colon(text, high):
            said = [word for word in words if low <= word.start < high and not word.future and word.status]
            return max(said, key=word_rank) if said else None
    return None


def _status_of_the_group(document: Document, item: Item) -> StatusWord | None:
    """集中开工的13个项目中，…园区基础设施项目3个，分别是A、B、C: works listed after 分别是 that state no status of
    their own take the one said of the group of projects the sentence opens with (an aim there says nothing)."""
    text, clauses = document.text, document.clauses(item.sentence)
    low, _ = clauses[item.clause]
    if not cue_pattern("group_list_leads").match(text, low):
        return None
    first_high = clauses[0][1]
    for word in status_words(document, item.sentence, TABLE):
        if word.start < first_high and not word.future and word.status and P.project_group.match(text, word.end):
            return word
    return None


def _outcome_of_the_header(header: StatusWord | None, status: StatusWord | None) -> StatusWord | None:
    """共完成六大工程：铺设供水管线9600米；修建道路6.9公里: a colon's clause that says how far the works it
    lists got outranks the work verb each of them opens with (铺设, 修建 say what was done, not how far)."""
    if status is not None and status.strength >= 2:
        return status
    if header is None or (status is not None and word_rank(header) <= word_rank(status)):
        return status
    return header


def _list_goes_on(text: str, clauses, own: int) -> set[int]:
    """还有2座大桥，、6条道路已完成主体建设: clauses right after the item's that open with a list mark go on
    with its list (a stray comma before 、), so the status that closes the list is its status too."""
    going_on = set()
    for index in range(own + 1, len(clauses)):
        if text[clauses[index][0] : clauses[index][0] + 1] != "、":
            break
        going_on.add(index)
    return going_on


def _own_member_verbs(
    text: str, item: Item, words: list[StatusWord], clause: tuple[int, int], clause_items: list[Item]
) -> list[StatusWord]:
    """建设A路5公里、新建B站3座、供水管网2公里、开通C线: in a 、 list whose members open with verbs of their
    own, the item's verbs are those opening the last such member before it (供水管网 shares 新建); the
    others open other members and are theirs, not the item's."""
    low, high = clause
    opening = {}  # id of a word opening a member -> where its member starts
    for word in words:
        if low <= word.start < high:
            member = _member_opened(text, word, low, clause_items)
            if member is not None:
                opening[id(word)] = member
    members = set(opening.values())
    governing = [member for member in members if member < item.start]
    if len(members) < 2 or not governing:
        return words  # 新建A路、B路和C路: one verb for the whole list
    own = max(governing)
    return [word for word in words if opening.get(id(word), own) == own]


def _member_opened(text: str, word: StatusWord, low: int, clause_items: list[Item]) -> int | None:
    """Where the member of the clause's 、 list starts that the status word opens: right after its 、 (、新建B站),
    or in the first member before any item (累计建设A路); None for a word said inside a member."""
    if word.start > low and text[word.start - 1] == "、":
        return word.start
    if text.rfind("、", low, word.start) >= 0 or any(low <= other.start < word.start for other in clause_items):
        return None
    return low


def _describes_a_noun(text: str, word: StatusWord) -> bool:
    """19日竣工的12个项目外，还有2座大桥…: a status word that describes the noun after it (V的N) is that
    noun's; before an item's clause it is no status said to the clauses that follow (开工的还有A，B:
    headless, it is said of them)."""
    if text[word.end : word.end + 1] != "的":
        return False
    return not cue_pattern("headless_after").match(text, word.end + 1)


def _said_of_another(text: str, word: StatusWord, item: Item, items: list[Item], clause_items: list[Item]) -> bool:
    """A status word right after another item of the clause, with only a conjunction (and other listed items)
    between it and this one, is that item's (污水处理厂试运行及配套道路施工: 试运行 is the plant's, not the road's;
    完成道路路基、A园24栋厂房和两栋宿舍建设: 路基 is the road's, 完成 is said of all three). `clause_items` are
    the items of the item's clause (a long sentence holds hundreds of items, each clause a few)."""
    if word.end > item.start:
        return False
    after_another = any(
        other is not item and other.end <= word.start and P.status_lead.fullmatch(text, other.end, word.start)
        for other in clause_items
    )  # asked first: it is rarely true, and the gap's reading below sorts every item of the sentence
    return after_another and _only_conjunctions(without_items(text, word.end, item.start, items))


def _only_conjunctions(gap: str) -> bool:
    """、和 left between two members once the items between them are left out."""
    position = 0
    while position < len(gap):
        joined = P.conjunction.match(gap, position)
        if joined is None or joined.end() == position:
            return False
        position = joined.end()
    return bool(gap)


def _stated_after(document: Document, sentence: Sentence) -> StatusWord | None:
    """…20946米长的园区道路；43公里长的110千伏线路。以上项目近期即将开工: the status of the sentence after,
    when it opens by pointing back to the works listed before it."""
    following = sentence.index + 1
    if following >= len(document.sentences):
        return None
    after = document.sentences[following]
    if not P.back_reference.match(document.text, after.start):
        return None
    return _stated_before(document, after)


def _status_below_its_title(document: Document, item: Item) -> StatusWord | None:
    """1.滨河路工程。全长3公里，目前已完成路基工程。: an item that is its whole sentence (a list entry's
    title) takes the status of the sentence after it, when that sentence opens by describing it (全长, 总投资)."""
    sentence = item.sentence
    rest = document.text[sentence.start : item.start] + document.text[item.end : sentence.end]
    if len(P.title_rest.sub("", rest)) > TITLE_REST or sentence.index + 1 >= len(document.sentences):
        return None
    after = document.sentences[sentence.index + 1]
    return _stated_before(document, after) if P.description_lead.match(document.text, after.start) else None


def _spent_on_works(document: Document, sentence: Sentence) -> StatusWord | None:
    """至6月底，园区完成基础设施建设总投资4.6亿元。其中，硬化道路4条；建设标准厂房10万平方米: works a breakdown
    lists under a sum spent on building are what the money built (a weak work verb says no more)."""
    spent = P.spent_on_works.search(document.text, sentence.start, sentence.end)
    if spent is None:
        return None
    if aim_said(document.text, sentence.start, sentence.end):
        return None  # 计划完成基础设施投资3亿元: an aim, not money spent
    return StatusWord(spent.start(), spent.end(), spent.group(), "completed", 2, False)


def _stated_before(document: Document, sentence: Sentence) -> StatusWord | None:
    """基础设施累计投入资金N亿元。其中道路1.9公里…: the status the sentence a breakdown follows states."""
    words = [word for word in status_words(document, sentence, TABLE) if word.strength >= 2]
    return max(words, key=word_rank) if words else None


def _settle(document, items) -> list[Item]:
    """Bare pipes join the utility before them; items with no status drop out, and so do bare words
    (道路、供水) unless measured or listed beside a named facility (污水处理厂、集中供热、变电所)."""
    joined: list[Item] = []
    for item in items:
        if item.generic_head and _only_pipes(item.name):
            target = next(
                (
                    other
                    for other in reversed(joined)
                    if other.segment == item.segment and other.sentence is item.sentence and other.category in _UTILITIES
                    and not P.plant.search(other.name)  # 污水处理厂及管网: a plant and its network are two works
                ),
                None,
            )
            if target is not None:
                _absorb(target, item)
                continue
        joined.append(item)
    kept: list[Item] = []
    named_clauses = {(item.sentence.index, item.clause) for item in joined if not _a_kind(item)}
    for item in joined:
        # 滨河大道硬化、亮化工程: finishing listed beside a named facility is work on it, no item of its own.
        listed = (item.sentence.index, item.clause) in named_clauses and _listed(document.text, item) \
            and not P.finishing.fullmatch(item.name) and not _kinds_before_etc(document, item)
        works = _utility_works(document.text, item) or _being_laid(document.text, item)
        if _a_kind(item) and item.quantity is None and not listed and not works and not _own_investment(document.text, item) \
                and not _subject_of_status(document, item, joined):
            continue  # 道路、供水等基础设施: no facility named; 12.6公里的管网 is one, and so is 集中供热 beside 污水处理厂
        if item.status is None or item.status.strength < 2:
            # 园区重点建设A、B。目前，上述工程均已完工: the sentence pointing back says how far they got.
            item.status = _stated_after(document, item.sentence) or item.status
        if item.status is None:
            item.status = _status_below_its_title(document, item) or status_in_the_cells_after(document, item)
        if item.status is None:
            item.status = _status_of_the_header(document, item) or heading_status(document, item.start, TABLE)
        if item.status is None:
            item.status = _status_of_the_group(document, item)
        if item.status is None:
            item.status = _network_formed(document, item)
        if item.status is None:
            item.status = _serviced_land_reached(document, item)
        if item.status is None and intended(document, item, joined):
            item.status = StatusWord(item.start, item.start, "", "planned", 0, True)
        if item.status is None:
            item.status = _standing(document, item)
        if item.status is None:
            item.status = _funded(document.text, item)
        if item.status is None and not item.bare:
            item.status = _works_of_its_clause(document, item, joined)
        if item.status is not None:
            kept.append(item)
    return kept


def _works_of_its_clause(document: Document, item: Item, items: list[Item]) -> StatusWord | None:
    """鹤翔湖公园实施改造提升, 全面实施A、B等河道整治工程, 实训基地由某公司负责运营: a facility whose clause speaks of works under way or in
    use, with no status word tied to it, takes the status its sentence states nearest to it (not one said in the
    clause of another item: 实施A改造，完成B迁改 leaves A's 实施 its own), or else the stage its clause speaks of. It
    ranks below any status word (strength -1): another mention's status settles it."""
    text = document.text
    low, high = document.clauses(item.sentence)[item.clause]
    around = text[low : item.start] + "　" * (item.end - item.start) + text[item.end : high]  # its own name says nothing (X改造工程)
    said = blank(cue_pattern("not_works_in_clause"), around)
    stage = next((status for status, words in cues()["works_in_clause"].items() if word_pattern(tuple(words)).search(said)), None)
    if stage is None or cue_pattern("landmark_before").search(said) or cue_pattern("places_in_clause").search(said) \
            or _list_closed_by(text, item, high, "kinds_after_etc"):
        return None
    part_start, part_end = sentence_part(document, item.sentence, item.start)
    others = [document.clauses(item.sentence)[other.clause] for other in items
              if other.sentence is item.sentence and other.clause != item.clause]
    stated = [
        word for word in status_words(document, item.sentence, TABLE)
        if word.status and not word.future and part_start <= word.start < part_end
        and not any(low <= word.start < high for low, high in others)
    ]
    if stated:
        stage = min(stated, key=lambda word: abs(word.start - item.end)).status
    return StatusWord(item.start, item.start, "", stage, -1, False)


def _funded(text: str, item: Item) -> StatusWord | None:
    """东部污水处理厂总投资3千万元, 填埋场工程，总投资1亿元: a facility given its own investment and no status
    word is works under way (as 投资…建设 with no completion stated)."""
    return StatusWord(item.start, item.start, "", "under_construction", 0, False) if _own_investment(text, item) else None


def _own_investment(text: str, item: Item) -> bool:
    """The amount placed on the item is written right before it (投资N的X工程) or right after it (X厂总投资…, X工程，总投资…, 其中道路投资…: a
    sub-total of the works is an item, even of a kind); 物流中心项目，总投资6亿元 is a project row's amount
    (project_heads)."""
    if item.investment is None or text.endswith(tuple(cues()["project_heads"]), item.start, item.end):
        return False
    if P.own_investment_before.search(text, max(0, item.start - _AMOUNT_REACH), item.start):
        return True  # 投资3200万元的X路拓宽工程
    after = item.end + 1 if text.startswith(_COMMAS, item.end) else item.end
    return cue_pattern("own_investment_after").match(text, after) is not None


_AMOUNT_REACH = 24  # characters of 总投资约12.35亿元的 before a facility


def _standing(document: Document, item: Item) -> StatusWord | None:
    """汪峪水厂日供水能力35万吨, 其中A变电站50MVA, 污水下水道系统：5952米: a facility stated at the size or capacity it
    stands at, with no status word and no aim around it, is one the zone has (in use, as 现有 would say)."""
    text = document.text
    if item.name.startswith(tuple(cues()["planned_name_leads"])):
        return None  # 规划道路总长5公里: the planned network's length
    name_end = item.start + len(item.name) if text.startswith(item.name, item.start) else item.end
    for position in dict.fromkeys((name_end, item.end)):  # a measure read into the item's span starts at its name's end
        # 区内道路总长45公里: a total of the zone's roads of every kind is no facility; a profile line names one
        standing = P.profile_entry.match(text, position) or (None if item.bare else P.standing_measure.match(text, position))
        if standing is not None:
            return StatusWord(position, position, "", "in_operation", 0, False)
    return None


def _kinds_before_etc(document: Document, item: Item) -> bool:
    """完成了道路、给水、35千伏线路等基础设施建设: a list after its verb, closed by 等 and a word for works of every
    kind, lists kinds of works; its bare members name no facility even beside a named one. Before its own status
    (纬二路、供水管网等基础设施已全部到位) the list is the works said to be done."""
    if item.status is not None and item.status.start >= item.end:
        return False
    _, high = document.clauses(item.sentence)[item.clause]
    return _list_closed_by(document.text, item, high, "kinds_after_etc")


def _a_kind(item: Item) -> bool:
    """Generic facility words (道路, 供水), or what a utility carries named alone (天然气 in 供电、天然气、道路等基础设施):
    a kind of works, no facility named."""
    return item.bare or item.name in cues()["utility_media"]


def _network_formed(document: Document, item: Item) -> StatusWord | None:
    """A、B、C路形成“回”字形道路格局, 形成“三纵三横”的主干路网格局: roads said in their clause to form a network,
    and the network formed, are built (将形成: an aim, left to items.facility_aims)."""
    low, high = document.clauses(item.sentence)[item.clause]
    formed = P.network_formed.search(document.text, low, high)
    if formed is not None and formed.end() < item.end:
        return None  # 形成X格局，A路…: the network formed is another one
    if formed is None or cue_pattern("future_in_clause").search(document.text, low, formed.start()):
        return None
    return StatusWord(formed.start("verb"), formed.end("verb"), formed.group("verb"), "completed", 1, False)


def _serviced_land_reached(document: Document, item: Item) -> StatusWord | None:
    """道路2300米投资80万元…，园区内已实现“五通一平”: a sentence saying the zone reached its serviced-land standard
    says the works it names with their size or cost are built (力争实现“七通一平”: an aim, no status)."""
    sentence = item.sentence
    reached = P.serviced_land.search(document.text, sentence.start, sentence.end)
    if reached is None or cue_pattern("future_in_sentence").search(document.text, sentence.start, reached.start()):
        return None
    if item.quantity is None and item.investment is None:
        return None  # 通信光纤、供电供气…等配套设施齐备: kinds of works named with no size or cost of their own
    return StatusWord(reached.start("verb"), reached.end("verb"), reached.group("verb"), "completed", 1, False)


def _utility_works(text: str, item: Item) -> bool:
    """供电工程处于政府采购阶段, 实施了污水处理项目: a utility named as works of its own (X工程, X项目)
    is an item; a list sharing 工程 (道路、供水、供电工程建设) names kinds of works, not one, and 基础设施配套工程
    names no kind at all."""
    if item.category not in _UTILITIES or not text[item.start : item.end].endswith(_WORKS):
        return False  # 基础设施配套工程: works of every kind, none named
    if item.start and text[item.start - 1] in _LIST_MARKS:
        return False
    return item.end == len(text) or text[item.end] not in _LIST_MARKS + "等"


def _being_laid(text: str, item: Item) -> bool:
    """正在进行污水管网铺设, 雨、污水管网的铺设全部到位: a pipe saying what it carries with the laying of it named
    right after is works on the ground, not a kind of facility in a list (道路、供水管网等基础设施); a pipe saying
    nothing (青松路的管网铺设) is the road's."""
    return item.generic_head and not _only_pipes(item.name) and P.laid_after.match(text, item.end) is not None


_WORKS = ("工程", "项目")
_LIST_MARKS = "、和及与"


def _subject_of_status(document: Document, item: Item, items: list[Item]) -> bool:
    """通讯和电力设施也正在建设, 给排水管线全部引入园区: works opening their clause right before their own
    explicit status word are the zone's works in that state, generic words or not (a list after a verb,
    加快推进道路、供水等基础设施建设, is not)."""
    word = item.status
    if word is None or word.strength < 2 or word.future or word.start < item.end:
        return False
    low, _ = document.clauses(item.sentence)[item.clause]
    if word.start - item.start > _SUBJECT_REACH:
        return False
    head = document.text[low : word.start]
    for other in items:
        if other.sentence is item.sentence and other.clause == item.clause and low <= other.start < word.start:
            head = head[: other.start - low] + " " * (other.end - other.start) + head[other.end - low :]
    return bool(P.subject_glue.fullmatch(head))


# How far works may stand before their status word (通讯和电力设施也正在建设); a list of named works may run before them
# (公交站、污水处理厂及管网基本建成).
_SUBJECT_REACH = 16


def _only_pipes(name: str) -> bool:
    """管道, 铺设管道规划: a pipe that says nothing of what it carries (供热管网 says heat)."""
    return all(match.group() in GENERIC_HEADS for match in facility_words(keyword_pattern().finditer(name)))


def _listed(text: str, item: Item) -> bool:
    """A whole member of a list (、 on one side, a break on the other): 污水处理厂、集中供热、变电所, but
    not 完工供水 nor the 路 of 、路德药业."""
    if "、" not in (text[item.start - 1 : item.start], text[item.end : item.end + 1]):
        return False
    return item.end == len(text) or bool(name_stop_pattern(TABLE, True).match(text, item.end))


def _absorb(target: Item, item: Item) -> None:
    """天然气 + 铺设管道…正在设计: the pipe is the utility's; its status counts when stronger, unless it
    measures the part laid so far of works with a status of their own (雨污分流工程已于4月动工，累计铺设管道1500米)."""
    head = next(word for word in GENERIC_HEADS if word in item.name)
    if not target.name.endswith(head):
        target.name = target.name + ("及" if target.name.endswith("规划") else "") + head
    mine = status_rank(TABLE, target.status.status, target.status.strength) if target.status else (-1, -1)
    theirs = status_rank(TABLE, item.status.status, item.status.strength) if item.status else (-1, -1)
    measured_part = item.quantity is not None and target.status is not None and target.status.strength >= 2
    if theirs > mine and not measured_part:
        target.status = item.status
    target.quantity = target.quantity or item.quantity


def _status_rank(item: Item) -> tuple[int, int]:
    """How far an item's mention says it is (a mention without a status word ranks lowest)."""
    return status_rank(TABLE, item.status.status, item.status.strength) if item.status else status_rank(TABLE, None, 0)


def _fullest_name(items: list[Item], settled: Item) -> Item:
    """The mention naming the facility most fully among those whose name ends in the settled mention's (most
    facilities are named once: their one mention is all there is)."""
    reference = facility_key(settled.name)
    return max(
        (item for item in items if facility_key(item.name).endswith(reference)),
        key=lambda item: (len(facility_key(item.name)), item is settled, -item.start),
    )


def _row(items: list[Item], normalized, doc_id, zone_at, zone_ids) -> dict:
    """The row of one facility: the name, figures and status of its most advanced mention."""
    settled = max(items, key=_status_rank)
    named = settled if len(items) == 1 else _fullest_name(items, settled)
    quantity = settled.quantity or next((item.quantity for item in items if item.quantity), None)
    value, unit = reported_measure(quantity)
    investment = settled.investment or next((item.investment for item in items if item.investment), None)
    text = normalized.text
    row = provenance(normalized, doc_id, "i", named.start, named.end, named.name, quote_span(text, named.sentence))
    return {
        "item_id": row.pop("id"),
        "doc_id": doc_id,
        "zone_id": zone_ids.get(zone_at(named.start)),
        "category": settled.category,
        "name": as_written(normalized, named.start, named.end, facility_key(named.name)),
        "quantity": value,
        "unit": unit,
        "status": settled.status.status if settled.status else None,
        "investment": investment,
        **row,
    }

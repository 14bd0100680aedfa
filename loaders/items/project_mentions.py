"""Where a sentence names projects: lists of names, and the mentions led by an amount or quoted.

Seven list phrasings: a name heading its own line (斯瑞达换热器：总投资1.2亿元), a list in brackets
after a count (签约项目15个（A、B、C）), a list after 分别是/包括/：, names sharing the head after a count
(A、B三大星级酒店), a list before 等 and a head noun (A、B等14个项目已竣工投产), names opening their clause before what became of them
(A、B及C陆续于南区动土, projects_subjects), and the projects a base is built around (以A项目和B项目为主体).
Single mentions ending in 项目 / 生产线 are projects_singles'; here are the names that follow their own
amount (总投资60亿元的X新材料园) and quoted names of what is built followed by its progress (“X小镇”建设初具成效,
《X项目》签约仪式); status-led ones are projects_subjects'. Each finder yields Mentions (project_names).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import cue_pattern, cues, name_stop_pattern, name_stops, word_pattern
from .project_names import (
    LISTED,
    MIN_NAME,
    SINGLE,
    TABLE,
    Mention,
    P,
    is_project_name,
    list_lead,
    listed_names,
    specific_part,
    split_items,
)
from .projects_lines import line_entries
from .projects_singles import OPENING_QUOTES, titled_project
from .projects_subjects import plant_subject_lists, subject_lists
from .spans import clause_holding, clause_index, inside
from .status import status_pattern, status_words

# How far a list before 等 may reach: longer runs are no names, and the bound keeps a long clause from
# being rescanned for every word in it.
_LIST_REACH = 600
# How far after 等 its head noun may stand (等一批支撑主导产业发展的重大项目: 17 characters on).
_HEAD_REACH = 20
_VERB_REACH = 2  # the longest verb taking a count as its object (达到)


def colon_heads(document, sentence, quantities, taken):
    """斯瑞达换热器：总投资1.2亿元，…一期已正式投产: a name heading its own line, its figures after it."""
    text = document.text
    match = P.colon_head.match(text, sentence.start, sentence.end)
    if not match or P.heading_word.search(match.group("name")) or not is_project_name(match.group("name")):
        return
    start, end = match.span("name")
    investment = None
    for quantity in quantities.within(match.end(), clause_holding(document, sentence, match.end())[1]):
        if quantity.dimension == "money" and P.money_before.search(text[match.end() - 3 : quantity.start]):
            investment = quantity.value
        break
    yield [Mention(start, end, match.group("name"), LISTED, sentence, (start, end), investment)]


def bracket_lists(document, sentence, quantities, taken):
    """签约项目15个（A、B、C）: the names in brackets after a count of projects."""
    text = document.text
    for match in P.bracket_list.finditer(text, sentence.start, sentence.end):
        if inside(match.start(), taken):
            continue
        low, _ = clause_holding(document, sentence, match.start())
        head = text[low : match.start()]
        body_start = match.start() + 1
        body = text[body_start : match.end() - 1]
        if not P.bracket_head.search(head) or P.amount_words.search(body) or not P.chinese.search(body):
            continue
        if _counts_zones(text, sentence.start, match.start()):
            continue  # 共有园区7个，其中：省级3个（A工业园、B软件园）: a count of zones lists zones
        if P.bracket_note.match(body):
            continue  # 新增企业（含个体户）2358个: what the count takes in, no names
        if P.capacity_note.match(body) and _named_project_before(head):
            continue  # X材料项目（年产6万吨A与1万吨B）: what the project makes, no names
        if P.phase_after.fullmatch(body):
            continue  # 项目（一期）: the phase of the project named before, no list
        if _short_name_of_the_project_before(head, body):
            continue  # 某某产业化项目（鹤翔二期）: the project's own short name, no list
        body_end = match.end() - 1
        if text.startswith("等", body_end - 1):
            body_end -= 1  # （A、B等）: the list goes on unnamed
        items = split_items(text, body_start, body_end, quantities, strip_lead=False)
        found = [Mention(s, e, name, LISTED, sentence, match.span(), money) for s, e, name, money in items]
        if found and all(listed_names([mention.name for mention in found])):
            yield found


_LISTING_MARKS = re.compile(r"[、，,；;和及与]")


def _short_name_of_the_project_before(head: str, body: str) -> bool:
    """One name in brackets right after a named project (no count, no list): how the report calls that
    project for short, not a list of projects (重点项目（A、B） and 签约项目3个（A） stay lists)."""
    return not _LISTING_MARKS.search(body) and _named_project_before(head)


def _named_project_before(head: str) -> bool:
    """Whether the words right before a bracket name one project (X材料项目), not a group (签约项目3个, 重点项目)."""
    named = P.clause_mark.split(head)[-1].strip()
    return named.endswith("项目") and is_project_name(named)


def _counts_zones(text: str, low: int, position: int) -> bool:
    """Whether the noun a count before `position` counts, the last one said in its sentence, is zones."""
    nouns = list(P.counted_noun.finditer(text, low, position))
    return bool(nouns) and nouns[-1].group() not in ("项目", "企业")


def intro_lists(document, sentence, quantities, taken):
    """新开工项目5个，分别是A、B、C / 投产项目有：A、B: the names after the introduction."""
    text = document.text
    if not P.intro_words.search(text, sentence.start, sentence.end):
        return
    intro = P.intro if P.intro_lead_words.search(text, sentence.start, sentence.end) else P.intro_noun
    for match in intro.finditer(text, sentence.start, sentence.end):
        if inside(match.start(), taken):
            continue
        low, _ = clause_holding(document, sentence, match.start())
        if "企业" in match.group() and cue_pattern("tenant_leads").search(text, low, match.start()):
            continue  # 区内现有企业有A、B: the firms the zone holds, not projects
        if match.group() in ("项目：", "项目:") and _names_one_project(text, low, match.start()):
            continue  # 东方电缆项目：已完成设备安装: a project heading its progress, no group listing names
        if P.counted_kind_opening.match(text, match.end()):
            continue  # 分别为2个“强链”项目，A项目和B项目: kinds counted, each kind's names read one by one
        stop = P.list_end.search(text, match.end(), sentence.end)
        end = stop.start() if stop else sentence.end
        items = split_items(text, match.end(), end, quantities, strip_lead=False)
        headed = stop and items and P.listed_head_at_end.search(text, match.end(), end)
        more = _comma_pieces(text, end, sentence.end, quantities) if headed else []
        if more:
            # names long enough to be parted by commas hold their own 、 and 和 (A公司酒水、饮料项目，B项目)
            items = split_items(text, match.end(), end, quantities, strip_lead=False, breaks=P.project_join) + more
            stop = P.list_end.search(text, items[-1][1], sentence.end)
        span = (match.end(), stop.end() if stop else end)  # with its 等: no other list ends there
        found = [Mention(s, e, name, LISTED, sentence, span, money) for s, e, name, money in items]
        if len(found) >= 1 and all(listed_names([mention.name for mention in found])):
            yield found


def _comma_pieces(text: str, position: int, end: int, quantities) -> list[tuple]:
    """分别是A项目，B项目，C工程: the names after the first one, each a piece ending in a project's head."""
    items: list[tuple] = []
    while (piece := P.comma_piece.match(text, position, end)) is not None:
        items += split_items(
            text, piece.start("piece"), piece.end("piece"), quantities, strip_lead=False, breaks=P.project_join
        )
        position = piece.end()
    return items


def _names_one_project(text: str, low: int, position: int) -> bool:
    """Whether the words before 项目 at `position` name one project (东方电缆项目：) rather than a group
    (新开工项目：, 签约项目有：)."""
    start = low
    for stop in name_stops(name_stop_pattern(TABLE, False), text, low, position):
        start = stop.end()
    return position - start >= MIN_NAME and is_project_name(text[start:position] + "项目")


def etc_lists(document, sentence, quantities, taken):
    """A、B等14个项目已竣工投产 / 引进A、B等龙头企业: the names before 等 and a head noun."""
    text = document.text
    ends = P.etc if P.counted_head.search(text, sentence.start, sentence.end) else P.etc_mark
    acquisitions = cue_pattern("acquisition_verbs")
    attracting = cue_pattern("attracting_verbs")
    visited = sentence.start
    for match in ends.finditer(text, sentence.start, sentence.end):
        position = match.start()
        if inside(position, taken):
            continue
        low, high = clause_holding(document, sentence, position)
        low, high = max(low, position - _LIST_REACH), min(high, match.end() + _LIST_REACH)
        low = max(low, visited)  # 赴上海、苏州等地对接A、B等项目: the list after the places starts past them
        if not match.group() and P.count_object_verb.search(text, max(low, position - _VERB_REACH), position):
            continue  # 预计年底可以达到20家企业投产: a count of firms, no names before it
        places = P.places_after_etc.match(text, match.end())
        if places:
            visited = places.end()
            continue  # 赴北京、上海等地招商: places visited
        courted = acquisitions.search(text, low, position)
        examples = _examples_of_projects(text, sentence.start, low, match.end(), high)
        if not courted and not examples and not _list_heads().search(text, match.end(), min(high, match.end() + _HEAD_REACH)):
            continue  # no verb courting names before 等 and no project or company after it: no list of projects
        after = text[match.end() : high]
        head = "project" if examples else _head_kind(after)
        attracted_head = head in ("company", "project") and P.attracted_head.match(text, match.end()) is not None
        if not courted and attracted_head:
            courted = attracting.search(text, low, position)  # 吸引A、B等企业: firms brought in (not 吸引外资、…等方面)
        if head in ("facility", "kind") or (head is None and not courted):
            continue  # the lead words lie before 等: without a verb there, none names a project
        if cue_pattern("kind_list_verbs").search(text, low, position):
            continue  # 涉及机械制造、化工等工业项目: kinds of project, not named ones
        if head == "company" and P.modifies_after.match(text, match.end() + _head_end(after)):
            continue  # A、B等企业投资建设的X产业园: the investors of a project named after them
        if head == "company" and cue_pattern("tenant_leads").search(text, low, position):
            if not cue_pattern("tenants_producing").search(after):
                continue  # 已有A、B等企业入驻: the companies the zone holds, not projects
        if cue_pattern("support_leads").search(text, low, position):
            continue  # 重点扶持了A、B等技改项目: firms the zone supports, not projects of its own
        lead, first = list_lead(text, low, position)
        if first >= position:
            continue
        attracted = attracted_head and bool(attracting.search(lead))
        acquisition = bool(acquisitions.search(lead)) or attracted or (
            head == "company" and bool(acquisitions.search(text, sentence.start, first))
        )  # 引进7家厂商，投资额N亿元，包含A、B等亮点厂商: the companies courted earlier in the sentence
        if head is None and not acquisition:
            continue
        if head == "company" and not acquisition:
            words = status_words(document, sentence, TABLE)
            if not any(word.strength >= 2 and low <= word.start < high for word in words):
                continue  # (预计年底可以达到20家企业投产: a count of firms due to produce, no list)
        items = split_items(text, first, position, quantities, strip_lead=True)
        if items and all(name.endswith(tuple(cues()["indicator_tails"])) for _, _, name, _ in items):
            continue  # 公司数、营业额、出口额等项目: indicators, 项目 as items of a statistic
        found = [
            Mention(s, e, name, LISTED, sentence, (first, max(position, match.end())), money, acquisition)
            for s, e, name, money in items
        ]
        found = [mention for mention, named in zip(found, listed_names([m.name for m in found]), strict=True) if named]
        if found:
            taken.append((position, high if head is None else position + 1 + _head_end(after)))
            yield found


def _examples_of_projects(text: str, sentence_start: int, low: int, etc_end: int, high: int) -> bool:
    """一批重大项目加快建设，如A、B等。: a clause opening with 如/例如 and closing with 等, right after a clause
    about projects, lists examples of them."""
    if not P.example_lead.match(text, low) or text[etc_end:high].strip("。；;，, ") or low <= sentence_start:
        return False
    reach = max(sentence_start, low - _EXAMPLES_REACH)
    before = max(text.rfind("，", reach, low - 1), text.rfind(",", reach, low - 1), reach)
    return "项目" in text[before:low]


_EXAMPLES_REACH = 60  # how far back the clause about the projects exemplified may start


@lru_cache(maxsize=1)
def _list_heads() -> re.Pattern:
    """项目 or a company word: the heads after 等 that may close a list of projects with no verb before
    it (most 等 close lists of industries or products, and this one search passes them by)."""
    return word_pattern(tuple(cues()["project_heads"] + cues()["company_heads"]))


def _head_kind(after: str) -> str | None:
    """What follows 等: projects, companies, public facilities, industries (三大主导产业…项目) or
    something else (None)."""
    window = after[:_HEAD_REACH]
    facility = cue_pattern("facility_heads").search(window)
    project = _project_head(window)
    company = cue_pattern("company_heads").search(window)
    kind = cue_pattern("industry_heads").search(window)
    if kind and window.startswith("项目", kind.end()):
        kind = None  # 等主导产业项目: projects of an industry
    if project and P.kind_head.search(window, 0, project.start()):
        kind = project  # 等机械类项目, 等7个非化工项目: kinds of project
    heads = ((facility, "facility"), (project, "project"), (company, "company"), (kind, "kind"))
    firsts = [(found.start(), kind) for found, kind in heads if found]
    return min(firsts)[1] if firsts else None


def _project_head(window: str) -> re.Match | None:
    """项目 heading a list, but not as part of an area's name (等4个项目区: areas of the zone)."""
    for found in cue_pattern("project_heads").finditer(window):
        if cue_pattern("project_statistic_tails").match(window, found.end()):
            continue  # 等产业项目数量占比: a statistic of projects, no head of names
        if not cue_pattern("area_heads").match(window, found.start()):
            return found
    return None


def _head_end(after: str) -> int:
    """Where the head noun after 等 ends (等11个项目 -> after 项目), so it is not read as a name."""
    found = [match.end() for name in ("project_heads", "company_heads") if (match := cue_pattern(name).search(after[:_HEAD_REACH]))]
    return min(found) if found else 0


def amount_led_mentions(document, sentence, quantities, taken):
    """总投资110亿元的X新材料园正在建设 / 投资N的X公司 / 投资N、占地M亩的X基地: a name right after its own amount
    (and the land or floor space it takes) and 的, up to a head noun of what is built (园, 基地, 工程, 公司 …):
    the amount says it is an investment project, whatever its name ends in (names ending in 项目 are single
    mentions already)."""
    text = document.text
    stops = name_stop_pattern(TABLE, True, joins=False)
    heads = cue_pattern("amount_led_heads")
    for quantity in quantities.within(sentence.start, sentence.end):
        if quantity.dimension not in _AMOUNTS:
            continue
        start = quantity.end + 1
        if not text.startswith("的", quantity.end):
            measure = P.land_after_amount.match(text, quantity.end, sentence.end)
            if measure is None:
                continue
            start = measure.end()  # 投资12亿元、占地600亩的X基地: the land it takes said between
        if inside(start, taken):
            continue
        low, high = clause_holding(document, sentence, quantity.start)
        if not P.money_before.search(text, max(low, quantity.start - _MONEY_LEAD), quantity.start):
            continue
        reach = min(high, start + _AMOUNT_LED_REACH)
        stop = stops.search(text, start, reach)
        digit = P.digit.search(text, start, stop.start() if stop else reach)
        run_end = digit.start() if digit else stop.start() if stop else reach
        ends = [head.end() for head in heads.finditer(text, start, run_end) if not P.head_goes_on.match(text, head.end())]
        if not ends or inside(ends[-1] - 1, taken):
            continue
        end = ends[-1]
        name = text[start:end]
        if end - start <= MIN_NAME or not is_project_name(name) or P.zone_lead.match(name):
            continue  # 投资1亿元的园区服务中心: the zone's own facility, an infrastructure item
        taken.append((start, end))
        yuan = quantity.dimension == "money"  # 总投资2300万美元的X公司: a project all the same, its amount no yuan figure
        yield Mention(start, end, name, SINGLE, sentence, (start, end), quantity.value if yuan else None, foreign_amount=not yuan)


_AMOUNTS = ("money", "money_usd")  # the amounts that may lead a project's name


def quoted_names(document, sentence, quantities, taken):
    """“算力小镇”建设初具成效: a quoted name of what is built (a 小镇, a 产业园, a 基地 …) is a project when
    its clause says how far it got (a quoted slogan or title names nothing: its words end in no such head)."""
    text = document.text
    heads = cue_pattern("quoted_name_heads")
    words = None
    for quote_start, quote_end in document.quoted_spans(sentence):
        start, end = quote_start + 1, quote_end - 1
        if end - start <= MIN_NAME or not (text[quote_start] in OPENING_QUOTES or titled_project(text, start, end)):
            continue
        if not any(head.end() == end for head in heads.finditer(text, max(start, end - _LONGEST_HEAD), end)):
            continue
        if P.slogan.search(text, start, end) or not is_project_name(text[start:end]):
            continue
        words = words if words is not None else status_words(document, sentence, TABLE)
        if not any(quote_end <= word.start <= quote_end + _QUOTED_STATUS_GAP for word in words):
            continue  # the quoted name is not what a status word right after it speaks of
        yield Mention(start, end, text[start:end], SINGLE, sentence, (quote_start, quote_end))


_LONGEST_HEAD = 3
_QUOTED_STATUS_GAP = 4  # “X小镇”项目已 … : what may stand between a quoted name and its status word
_MONEY_LEAD = 8  # 计划总投资额约: the longest amount word before a figure
_AMOUNT_LED_REACH = 30  # the longest name after 投资N的


def counted_lists(document, sentence, quantities, taken):
    """正在建设天和思瑞、凯宇等三大星级酒店，A、B三大市场: names listed before a count they share, whose head
    noun after it is each name's (天和思瑞星级酒店). Lists in clauses that follow one another are one run
    under the status word said in the clause of the first (正在建设), which the run needs (形成A、B两大物流园
    states nothing of them)."""
    text = document.text
    if not P.shared_count_gate.search(text, sentence.start, sentence.end) or text.find("、", sentence.start, sentence.end) < 0:
        return  # no count a list could share, or no 、 listing names before it (most sentences): the loop needs both
    clauses = None
    runs: list[tuple[int, list[Mention]]] = []
    for match in P.shared_count.finditer(text, sentence.start, sentence.end):
        position = match.start()
        head_end = _shared_head_end(text, match)
        if head_end is None or inside(position, taken):
            continue
        clauses = clauses or document.clauses(sentence)
        own = clause_index(clauses, position)
        low = clauses[own][0]
        if text.find("、", low, position) < 0:
            continue  # one name before a count is no list (X三大市场)
        _, first = list_lead(text, low, position)
        items = split_items(text, first, position, quantities, strip_lead=True)
        if len(items) < 2 or not all(listed_names([name for _, _, name, _ in items])):
            continue
        head = text[match.end() : head_end]
        found = [
            Mention(s, e, _with_head(name, head), LISTED, sentence, (first, head_end), money)
            for s, e, name, money in items
        ]
        if runs and runs[-1][0] == own - 1:
            runs[-1] = (own, runs[-1][1] + found)  # …三大星级酒店，A、B三大市场: the verb before the first is theirs too
        elif _stated_in(document, sentence, clauses[own]):
            runs.append((own, found))
        else:
            continue
        taken.append((first, head_end))
    for _, found in runs:
        yield found


def _shared_head_end(text: str, count: re.Match) -> int | None:
    """Where the head noun after a shared count ends (三大星级酒店, 两个产业园项目: heads run on), or None when
    no head of what is built follows within reach (三大主导产业, 两个园区, 两家企业 are counted lists of
    others, 两个项目 is etc_lists')."""
    heads = cue_pattern("counted_list_heads")
    found = heads.search(text, count.end(), count.end() + _SHARED_HEAD_REACH)
    if found is None or not P.chinese_run.fullmatch(text, count.end(), found.start()):
        return None
    end = found.end()
    while (more := heads.match(text, end)) is not None:
        end = more.end()
    if P.head_goes_on.match(text, end):
        return None  # 两大产业园区: zones
    if not (P.shared_head_after.match(text, end) or status_pattern(TABLE).match(text, end)):
        return None  # 6个产业园基础设施配套建设: the head describes a noun after it
    head = text[count.end() : end]
    if _group_head(head) and (count.group().startswith("等") or count.group()[-1] in "个家项"):
        return None  # A、B等4个产业项目, A、B两个重点项目: a group of projects, etc_lists' to read
    if head.endswith("项目") and P.kind_head.search(head, 0, len(head) - len("项目")):
        return None  # A、B等7个非化工项目: kinds of project, etc_lists' to read (and leave)
    return end


def _group_head(head: str) -> bool:
    """重点项目, 产业项目: a head naming a group of projects, not what is built (A、B三大重点项目)."""
    return head.endswith("项目") and not specific_part(head[: -len("项目")])


_SHARED_HEAD_REACH = 8  # 三大高端商业综合体: the longest head after a count


def _with_head(name: str, head: str) -> str:
    """天和思瑞 + 星级酒店; a name that already ends in a head of what is built keeps it (齐鲁纺织服装城)."""
    if _group_head(head) or name.endswith(tuple(cues()["built_endings"])):
        return name  # A、B三大重点项目: A and B
    return name + head


def _stated_in(document, sentence, clause: tuple[int, int]) -> bool:
    """A status word said as fact (or as due by a date) in the clause of the names."""
    low, high = clause
    return any(
        low <= word.start < high and word.status and (not word.future or word.due)
        for word in status_words(document, sentence, TABLE)
    )


def anchor_lists(document, sentence, quantities, taken):
    """以A项目和B项目为主体，打造装备制造基地 / 以X集团Y基地为轴心: the projects a base or a cluster is
    built around; they are named, whether or not a status is said."""
    text = document.text
    for match in P.anchor.finditer(text, sentence.start, sentence.end):
        start, end = match.span("names")
        if inside(start, taken):
            continue
        items = split_items(text, start, end, quantities, strip_lead=False)
        found = [Mention(s, e, name, LISTED, sentence, (start, end), money) for s, e, name, money in items]
        if found and all(_anchor_name(mention.name) for mention in found):
            yield found


def _anchor_name(name: str) -> bool:
    """A project's name around which a base is built: ends in 项目 (or 生产线), or in 基地/园 … of a company."""
    if not is_project_name(name):
        return False
    if name.endswith(tuple(cues()["project_suffixes"])):
        return True
    return name.endswith(tuple(cues()["anchor_heads"])) and bool(P.company_words.search(name))


# The list phrasings, tried in this order; the names a finder takes are no other's.
LIST_FINDERS = (
    colon_heads, line_entries, bracket_lists, intro_lists, counted_lists, etc_lists, subject_lists, plant_subject_lists, anchor_lists,
)

"""Named projects and their status -> projects rows.

Names come from four phrasings: a list before a count or a head noun (A、B等14个项目已竣工投产),
a list in brackets after a count (签约项目15个（A、B、C）), a list after 分别是/包括/： and single
mentions (投资12亿元的X项目, 引进Y有限公司). Each mention takes the status word nearest it in
its clause (items.pick_status); mentions of one project (one name inside the other) become one
row with its most advanced explicit status. Public works named only in passing are left to
the infrastructure table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import infrastructure
from .items import (
    Document,
    Quantities,
    StatusWord,
    as_written,
    clause_index,
    cue_pattern,
    cues,
    document_of,
    name_stop_pattern,
    name_stops,
    pick_status,
    provenance,
    quote_span,
    status_rank,
    word_pattern,
)
from .text import Sentence
from .units import NUMBER

TABLE = "projects"
COUNT = rf"(?:{NUMBER})[个家项]"
_BRACKET_LIST = re.compile(r"（([^（）]{2,600})）|\(([^()]{2,600})\)")
_BRACKET_HEAD = re.compile(rf"(?:(?:项目|企业)\s*(?:{COUNT})?|{COUNT}(?:[\u4e00-\u9fff]{{0,6}}(?:项目|企业))?)\s*$")
_INTRO = re.compile(
    rf"(?:(?:项目|企业)(?:{COUNT})?|{COUNT}(?:项目|企业)?)[，,]?(?:分别是|分别为|包括|主要有|主要是)[：:]?"
    rf"|(?:项目|企业)(?:{COUNT})?有?[：:]"
)
_LIST_END = re.compile(r"[，。；;,\n等]")
_COUNT_AFTER = re.compile(rf"\s*(?:达到|达|共|累计|总数)?\s*(?:{COUNT})")
_PHASE_AFTER = re.compile(r"[一二三四五六七八九十\d]期(?:工程)?")
_MONEY_BEFORE = re.compile(r"(?:计划总投资|总投资|投资)(?:额)?(?:约|近|达)?$")
_INVESTMENT_AFTER = re.compile(r"^\s*(?:该|其)?(?:项目)?(?:计划)?总投资(?:额)?(?:约|近|达到|达|为)?\s*$")
_AMOUNT_LEAD = re.compile(rf"(?:计划总投资|总投资|投资)(?:约|近)?(?:{NUMBER})[万亿千]*元的?$")
_ZONE_LEAD = re.compile(r"(?:产业集聚区|集聚区|开发区|园区|区内|我区|我县|我市|该区|全区)")
# A name that ends in a zone (东部产业集聚区内项目) means the zone's projects, not one project.
_ZONE_TAIL = re.compile(r"(?:(?:产业集聚区|集聚区|开发区|工业园区|园区|高新区)内?|基础设施|配套设施)$")
_COMPANY_WORDS = re.compile(r"股份有限公司|有限责任公司|有限公司|公司|集团")
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”")
_QUOTE_MARKS = re.compile(r"[《》“”]")
_AMOUNT_WORDS = re.compile(r"投资|亿元|万元|%")
# A name that opens its line and is followed by its amount or land: 斯瑞达换热器：总投资1.2亿元.
_COLON_HEAD = re.compile(
    r"\s*(?:[（(]?[\d一二三四五六七八九十]{1,3}[)）、.．]\s*)?(?P<name>[^\s，。；：:、（）()“”《》]{2,24})[：:]\s*"
    r"(?=(?:该项目|项目)?(?:计划)?(?:总投资|投资|占地))"
)
# Names of a report's sections, not of projects (标准化厂房建设方面：).
_HEADING_WORD = re.compile(r"方面|情况|工作|问题|措施|目标|进展|成效|概况|基本|主要|建设$")
# Where a list of names ends: 等 (A、B等14个项目), or a count right before 项目 (A和B2个项目).
_ETC = re.compile(rf"等|(?=(?:{NUMBER})[个家项](?:项目|企业))")
_LEADING_COUNT = re.compile(rf"(?:{NUMBER})[个家项]")
# Breaks between listed names: 、 always, 以及 / 和 only before the last name.
_ITEM_BREAK = re.compile(r"、|以及|和(?=[^、]*$)")
_SUFFIX_AT_END = re.compile(r"(?:项目)?(?:[一二三四五六七八九十\d]期(?:工程)?)?$")
_NUMBERS_AND_MARKS = re.compile(rf"{NUMBER}|[\d.%％（）()、\s]|万元|亿元|元|万吨|吨")
_LATIN = re.compile(r"[A-Za-z]")
_TRAILING_VERB = re.compile(r"建设$")
_MIN_NAME, _MAX_NAME = 2, 40
# Kinds of mention, best first: the name of a row comes from the best kind of mention.
LISTED, SINGLE = 0, 1
_PUBLIC = {"road", "power_line", "substation", "water", "gas", "heat", "pipeline", "telecom", "housing", "other"}
_CAPACITY_UNITS = {"t", "kW", "piece"}


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: int
    sentence: Sentence
    status_span: tuple[int, int]
    investment: float | None = None
    acquisition: bool = False
    group: int = 0  # mentions of one list share a group
    public_list: bool = False  # a list of public works only (安置区、安置房等项目)
    status: StatusWord | None = None


@dataclass
class Project:
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def extract_projects(normalized, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    """One row per named project of the report, with its most advanced stated status."""
    text = normalized.text
    document = document_of(text)
    quantities = Quantities(text)
    mentions: list[Mention] = []
    signs = _signs()
    for sentence in document.sentences:
        if signs.search(text, sentence.start, sentence.end):
            mentions += _sentence_mentions(document, sentence, quantities, len(mentions))
    rows = []
    for project in _merge(mentions):
        row = _row(project, normalized, doc_id, zone_at, zone_ids, quantities)
        if row is not None:
            rows.append(row)
    return rows


@lru_cache(maxsize=1)
def _signs() -> re.Pattern:
    """What a sentence naming a project holds somewhere: 项目, a company ending, 等, a colon."""
    words = [*cues()["project_suffixes"], *cues()["company_suffixes"], "等", "：", ":"]
    return word_pattern(tuple(words))


def _sentence_mentions(document: Document, sentence: Sentence, quantities: Quantities, group: int) -> list[Mention]:
    text = document.text
    clauses = document.clauses(sentence.start, sentence.end)
    quoted = [match.span() for match in _QUOTED.finditer(text, sentence.start, sentence.end)]
    taken: list[tuple[int, int]] = list(quoted)
    mentions: list[Mention] = []
    for finder in (_colon_heads, _bracket_lists, _intro_lists, _etc_lists):
        for found in finder(document, sentence, clauses, quantities, taken):
            group += 1
            public = all(infrastructure.category_of(mention.name) in _PUBLIC for mention in found)
            for mention in found:
                mention.group, mention.public_list = group, public
            mentions += found
            taken += [mention.status_span for mention in found] + [(m.start, m.end) for m in found]
    for mention in _single_mentions(document, sentence, clauses, quantities, taken):
        group += 1
        mention.group = group
        mentions.append(mention)
    if not mentions:
        return mentions
    words = document.status_words(sentence, TABLE)
    segments = document.segment_starts(clauses)
    for mention in mentions:
        own = clause_index(clauses, mention.start)
        blocked = {clause_index(clauses, other.start) for other in mentions if other.group != mention.group} - {own}
        mention.status = pick_status(words, clauses, own, mention.status_span, blocked, _word_rank, False, segments)
        named = cue_pattern("name_statuses").search(mention.name)
        if named and (mention.status is None or mention.status.strength < 2):
            status, strength = ("relocating", 2) if named.group() == "搬迁" else (None, 0)
            mention.status = StatusWord(mention.start, mention.end, named.group(), status, strength, False)
    if len(mentions) == 1 and mentions[0].kind == SINGLE and mentions[0].investment is None:
        mentions[0].investment = _amount_after(text, clauses, clause_index(clauses, mentions[0].start), quantities)
    # A single mention with neither status nor amount is a name in passing, not a project's state.
    return [m for m in mentions if m.kind == LISTED or m.status is not None or m.investment is not None]


def _word_rank(word: StatusWord) -> tuple[int, int]:
    return status_rank(TABLE, word.status, word.strength)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _colon_heads(document, sentence, clauses, quantities, taken):
    """斯瑞达换热器：总投资1.2亿元，…一期已正式投产: a name heading its own line, its figures after it."""
    text = document.text
    match = _COLON_HEAD.match(text, sentence.start, sentence.end)
    if not match or _HEADING_WORD.search(match.group("name")) or not _is_project_name(match.group("name")):
        return
    start, end = match.span("name")
    investment = None
    for quantity in quantities.within(match.end(), clauses[clause_index(clauses, match.end())][1]):
        if quantity.dimension == "money" and _MONEY_BEFORE.search(text[match.end() - 3 : quantity.start]):
            investment = quantity.value
        break
    yield [Mention(start, end, match.group("name"), LISTED, sentence, (start, end), investment)]


def _bracket_lists(document, sentence, clauses, quantities, taken):
    """签约项目15个（A、B、C）: the names in brackets after a count of projects."""
    text = document.text
    for match in _BRACKET_LIST.finditer(text, sentence.start, sentence.end):
        if _inside(match.start(), taken):
            continue
        low, _ = clauses[clause_index(clauses, match.start())]
        head = text[low : match.start()]
        body_start = match.start() + 1
        body = text[body_start : match.end() - 1]
        if not _BRACKET_HEAD.search(head) or _AMOUNT_WORDS.search(body):
            continue
        items = _split_items(text, body_start, match.end() - 1, quantities, strip_lead=False)
        found = [Mention(s, e, name, LISTED, sentence, match.span(), money) for s, e, name, money in items]
        if found:
            yield found


def _intro_lists(document, sentence, clauses, quantities, taken):
    """新开工项目5个，分别是A、B、C / 投产项目有：A、B: the names after the introduction."""
    text = document.text
    for match in _INTRO.finditer(text, sentence.start, sentence.end):
        if _inside(match.start(), taken):
            continue
        stop = _LIST_END.search(text, match.end(), sentence.end)
        end = stop.start() if stop else sentence.end
        items = _split_items(text, match.end(), end, quantities, strip_lead=False)
        low, _ = clauses[clause_index(clauses, match.start())]
        found = [Mention(s, e, name, LISTED, sentence, (match.end(), end), money) for s, e, name, money in items]
        if len(found) >= 1 and all(_is_project_name(mention.name) for mention in found):
            yield found


def _etc_lists(document, sentence, clauses, quantities, taken):
    """A、B等14个项目已竣工投产 / 引进A、B等龙头企业: the names before 等 and a head noun."""
    text = document.text
    words = None
    for match in _ETC.finditer(text, sentence.start, sentence.end):
        position = match.start()
        if _inside(position, taken):
            continue
        low, high = clauses[clause_index(clauses, position)]
        after = text[match.end() : high]
        head = _head_kind(after)
        lead, first = _list_lead(text, low, position)
        acquisition = bool(cue_pattern("acquisition_verbs").search(lead))
        if head == "facility" or first >= position:
            continue
        if head == "company" and not acquisition:
            words = words if words is not None else document.status_words(sentence, TABLE)
            if not any(word.strength >= 2 and low <= word.start < high for word in words):
                continue
        items = _split_items(text, first, position, quantities, strip_lead=True)
        if head is None and not acquisition:
            continue
        found = [
            Mention(s, e, name, LISTED, sentence, (first, max(position, match.end())), money, acquisition)
            for s, e, name, money in items
        ]
        found = [mention for mention in found if _is_project_name(mention.name)]
        if found:
            taken.append((position, high if head is None else position + 1 + _head_end(after)))
            yield found


def _head_kind(after: str) -> str | None:
    """What follows 等: projects, companies, public facilities or something else (None)."""
    window = after[:16]
    facility = cue_pattern("facility_heads").search(window)
    project = word_pattern(tuple(cues()["project_heads"])).search(window)
    company = cue_pattern("company_heads").search(window)
    firsts = [(found.start(), kind) for found, kind in ((facility, "facility"), (project, "project"), (company, "company")) if found]
    return min(firsts)[1] if firsts else None


def _head_end(after: str) -> int:
    """Where the head noun after 等 ends (等11个项目 -> after 项目), so it is not read as a name."""
    found = [match.end() for name in ("project_heads", "company_heads") if (match := cue_pattern(name).search(after[:16]))]
    return min(found) if found else 0


def _list_lead(text: str, low: int, position: int) -> tuple[str, int]:
    """The lead words of a list (其中, 加快, 先后引进了 …) and where its first name starts."""
    first = low
    items_start = text.find("、", low, position)
    head_end = items_start if items_start >= 0 else position
    for match in name_stop_pattern(TABLE, False).finditer(text, low, head_end):
        if match.end() <= head_end:
            first = match.end()
    amount = _AMOUNT_LEAD.search(text, low, first)
    if amount:
        first = amount.start()  # 投资12亿元的A、…: the amount stays with its name
    lead_pattern = cue_pattern("list_leads")
    while True:
        lead = lead_pattern.match(text, first)
        if not lead or lead.end() >= head_end:
            break
        first = lead.end()
    return text[low:first], first


def _split_items(text, start, end, quantities, strip_lead):
    """(start, end, name, investment) of each name in text[start:end], split at 、 (and 和/以及 before the last)."""
    pieces, begin = [], start
    for match in _ITEM_BREAK.finditer(text[start:end]):
        pieces.append((begin, start + match.start()))
        begin = start + match.end()
    pieces.append((begin, end))
    items, prefixed = [], 0
    for index, (piece_start, piece_end) in enumerate(pieces):
        item = _clean_item(text, piece_start, piece_end, quantities, strip_lead and index == 0)
        if item is None:
            continue
        if item[3] is not None:
            prefixed += 1
        items.append(item)
    if prefixed >= 2:
        items = _join_unprefixed(items, text)
    return items


def _join_unprefixed(items, text):
    """投资12亿元的A、投资1.3亿元的B、C: C continues B (an item without the amount all others state)."""
    joined = []
    for item in items:
        if joined and item[3] is None and joined[-1][3] is not None:
            start, _, _, money = joined[-1]
            joined[-1] = (start, item[1], text[start : item[1]], money)
        else:
            joined.append(item)
    return joined


def _clean_item(text, start, end, quantities, lead_words):
    """A list piece -> (start, end, name, investment): amounts and lead verbs stripped; a title
    (《…规划》) is no project's name."""
    if _QUOTE_MARKS.search(text, start, end):
        return None
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    investment = None
    for quantity in quantities.within(start, end):
        if quantity.end <= end and quantity.dimension == "money":
            if _MONEY_BEFORE.search(text[start : quantity.start]):
                investment = quantity.value
                start = quantity.end + (1 if text[quantity.end : quantity.end + 1] == "的" else 0)
    if lead_words:  # the first name of a list may follow the list's verb (加快A、B等项目建设)
        for match in name_stop_pattern(TABLE, False).finditer(text, start, end):
            if match.end() < end - 1 and match.group() not in cues()["keep_in_names"]:
                start = match.end()
    trailing = _TRAILING_VERB.search(text, start, end)
    if trailing and trailing.start() - start >= _MIN_NAME:
        end = trailing.start()
    for pattern in (_ZONE_LEAD, _LEADING_COUNT):
        lead = pattern.match(text, start)
        if lead and end - lead.end() >= _MIN_NAME:
            start = lead.end()
    if end - start < _MIN_NAME:
        return None
    return start, end, text[start:end], investment


def _single_mentions(document, sentence, clauses, quantities, taken):
    """X项目 / X生产线 / a company being courted (引进Y有限公司), one name each."""
    text = document.text
    stops = name_stop_pattern(TABLE, True, joins=False)
    suffixes = cue_pattern("project_suffixes")
    companies = cue_pattern("company_suffixes")
    for pattern, company in ((suffixes, False), (companies, True)):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if _inside(match.start(), taken):
                continue
            low, high = clauses[clause_index(clauses, match.start())]
            end = match.end()
            phase = _PHASE_AFTER.match(text, end)
            if phase and not company:
                end = phase.end()
            if _rejects_tail(text, end, company):
                continue
            start = low
            for stop in name_stops(stops, text, low, match.start()):
                if stop.end() < match.start() or stop.group() not in cues()["name_type_words"]:
                    start = stop.end()  # but 中晟制药有限公司建设项目 keeps its 建设
            investment, start = _amount_before(text, low, start, match.start(), quantities)
            for pattern in (_ZONE_LEAD, _LEADING_COUNT):
                lead = pattern.match(text, start)
                if lead and match.start() - lead.end() >= _MIN_NAME:
                    start = lead.end()
            if investment is None and not company:
                investment = _amount_right_after(text, end, high, quantities)
            name = text[start:end]
            if company:
                before = text[low:start]
                acquisition = bool(cue_pattern("acquisition_verbs").search(before))
                if not acquisition or text.startswith("投资", end) or match.start() - start < _MIN_NAME:
                    continue
            else:
                acquisition = bool(cue_pattern("acquisition_verbs").search(text[low:start]))
            if not _is_project_name(_strip_suffix(name)):
                continue
            taken.append((start, end))
            span = (start, end)
            if not company and text[start - 1 : start] == "、":  # A、B、C项目已开工: names listed before
                _, first = _list_lead(text, low, start - 1)
                for s, e, listed, money in _split_items(text, first, start - 1, quantities, strip_lead=True):
                    if _is_project_name(listed):
                        taken.append((s, e))
                        yield Mention(s, e, listed, SINGLE, sentence, (first, end), money, acquisition)
                span = (first, end)
            yield Mention(start, end, name, SINGLE, sentence, span, investment, acquisition)


def _rejects_tail(text: str, end: int, company: bool) -> bool:
    """项目情况, 项目15个, 公司投资…: the word goes on into something that is no project's name."""
    if _COUNT_AFTER.match(text, end):
        return True
    if company:
        return False
    return bool(cue_pattern("project_tail_reject").match(text, end))


def _amount_before(text, low, start, name_start, quantities):
    """投资12亿元的X项目 / 投资5.7亿元Y公司: the amount right before a name is its own; the name follows it."""
    for quantity in quantities.within(low, name_start):
        if quantity.dimension != "money" or quantity.end > name_start:
            continue
        if not _MONEY_BEFORE.search(text[low : quantity.start]):
            continue
        if quantity.start == start:
            after = quantity.end + (1 if text.startswith("的", quantity.end) else 0)
            return quantity.value, after
        if text[quantity.end : start] in ("", "的"):
            return quantity.value, start
    return None, start


def _amount_right_after(text, end, high, quantities) -> float | None:
    """X项目总投资50亿元: an amount stated right after the name, in its clause."""
    for quantity in quantities.within(end, high):
        if quantity.dimension == "money":
            return quantity.value if _INVESTMENT_AFTER.match(text[end : quantity.start]) else None
    return None


def _amount_after(text, clauses, index, quantities) -> float | None:
    """X项目，项目计划总投资1.2亿元: the amount in the clause after the only project of a sentence."""
    if index + 1 >= len(clauses):
        return None
    next_low, next_high = clauses[index + 1]
    for quantity in quantities.within(next_low, next_high):
        if quantity.dimension == "money":
            if _INVESTMENT_AFTER.match(text[next_low : quantity.start]):
                return quantity.value
            return None
    return None


def _strip_suffix(name: str) -> str:
    return _SUFFIX_AT_END.sub("", name)


def _is_project_name(name: str) -> bool:
    """A name that says which project: not only group words (重点, 亿元以上) and numbers."""
    core = _strip_suffix(name)
    if not (_MIN_NAME <= len(core) <= _MAX_NAME) or _ZONE_TAIL.search(core):
        return False
    rest = cue_pattern("generic_project_words").sub("", core)
    rest = _NUMBERS_AND_MARKS.sub("", rest)
    rest = _COMPANY_WORDS.sub("", rest)
    return len(rest) >= _MIN_NAME or (len(rest) >= 1 and bool(_LATIN.search(core)))


def _key(name: str) -> str:
    key = _COMPANY_WORDS.sub("", _strip_suffix(name))
    lead = _ZONE_LEAD.match(key)
    return key[lead.end() :] if lead and len(key) - lead.end() >= _MIN_NAME else key


def _merge(mentions: list[Mention]) -> list[Project]:
    """Mentions of one project (one name inside the other, company words aside) -> one project."""
    projects: list[Project] = []
    seen: dict[str, Project] = {}  # every key met so far -> its project
    for mention in mentions:
        key = _key(mention.name)
        home = seen.get(key)
        if home is None and len(key) >= _MIN_NAME:
            for other, project in seen.items():
                if len(other) >= _MIN_NAME and (key in other or other in key):
                    home = project
                    break
        if home is None:
            home = Project()
            projects.append(home)
        home.mentions.append(mention)
        home.keys.add(key)
        seen.setdefault(key, home)
    return projects


def _row(project: Project, normalized, doc_id, zone_at, zone_ids, quantities) -> dict | None:
    mentions = project.mentions
    if not any(mention.kind == LISTED and not mention.public_list for mention in mentions):
        if infrastructure.category_of(mentions[0].name) in _PUBLIC:
            return None  # a public work named in passing or among public works: an infrastructure item only
    named = _naming_mention(mentions)
    settled = max(
        mentions,
        key=lambda mention: status_rank(TABLE, mention.status.status, mention.status.strength)
        if mention.status
        else (-1, -1),
    )
    status = settled.status.status if settled.status else None
    investment = next((mention.investment for mention in mentions if mention.investment is not None), None)
    text = normalized.text
    sentence = named.sentence
    row = provenance(normalized, doc_id, "p", named.start, named.end, named.name, quote_span(text, sentence))
    return {
        "project_id": row.pop("id"),
        "doc_id": doc_id,
        "zone_id": zone_ids.get(zone_at(named.start)),
        "name": as_written(normalized, named.start, named.end, named.name),
        "status": status,
        "investment": investment,
        "capacity": _capacity(text, mentions, quantities),
        **row,
    }


def _naming_mention(mentions: list[Mention]) -> Mention:
    """The fullest name that still ends like the first listed one (丰田汽车发动机外壳 over 发动机外壳,
    but 中小企业创业园 over 中小企业创业园60栋…厂房, which names a part of it)."""
    reference = _key(min(mentions, key=lambda mention: (mention.kind, mention.start)).name)
    fitting = [mention for mention in mentions if _key(mention.name).endswith(reference)]
    return max(fitting, key=lambda mention: (len(mention.name), -mention.kind, -mention.start))


def _capacity(text: str, mentions: list[Mention], quantities: Quantities) -> str | None:
    """5万吨 / 5万吨麦芽糖+5万吨麦芽糊精: output quantities written inside the name."""
    for mention in sorted(mentions, key=lambda mention: mention.start):
        inside = [
            quantity
            for quantity in quantities.within(mention.start, mention.end)
            if quantity.end <= mention.end and quantity.unit in _CAPACITY_UNITS
        ]
        if len(inside) == 1:
            return inside[0].raw
        if inside:
            bounds = [quantity.start for quantity in inside] + [mention.end]
            return "+".join(text[bounds[index] : bounds[index + 1]] for index in range(len(inside)))
    return None

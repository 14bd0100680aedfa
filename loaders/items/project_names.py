"""What a project's name is, where it starts and ends, and the amount stated beside it.

A name says which project: not only group words (重点项目, 亿元以上项目) and numbers. A list of
names splits at 、 (和/以及 before the last); lead verbs (加快, 引进了), amounts (投资12亿元的) and
zone words are cut from a name's left. The mention finders (project_mentions) use these rules,
projects merges mentions by `name_key`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text.places import past_full_places, place_names
from ..text.sentences import STRAY_COMMAS, Sentence
from .lexicon import cue_pattern, cues, name_stop_pattern, patterns
from .status import StatusWord, status_rank

TABLE = "projects"
P = patterns("projects")
MIN_NAME, _MAX_NAME = 2, 40
# Units of output written inside a name (5万吨麦芽糖): the project's capacity.
CAPACITY_UNITS = frozenset({"t", "kW", "piece"})
# Kinds of mention, best first: the name of a row comes from the best kind of mention.
LISTED, SINGLE = 0, 1


def word_rank(word: StatusWord) -> tuple[int, int]:
    """How advanced a status word is, for the projects table."""
    return status_rank(TABLE, word.status, word.strength)


@dataclass(slots=True)  # made for every name read: slots are cheaper to build and read
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
    beside_projects: bool = False  # named in a run of names with an investment project (标准厂房、X基地项目)
    in_group: bool = False  # a member of a counted group of projects (新开工项目6个，分别是：\n1、X路建设项目): a project too
    foreign_amount: bool = False  # led by its own amount in another currency (总投资2300万美元的X公司): no yuan investment
    owned: bool = False  # built by a firm named before it (X集团投资5亿元新建Y项目): a project, status said or not
    status: StatusWord | None = None


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def strip_suffix(name: str) -> str:
    return P.suffix_at_end.sub("", name)


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def is_project_name(name: str, loose: bool = False) -> bool:
    """A name that says which project: not only group words (重点, 亿元以上) and numbers. With loose,
    one character besides them is enough (远大物流: 大 and 物流 are group words elsewhere)."""
    core = strip_suffix(name)
    if not (MIN_NAME <= len(core) <= _MAX_NAME) or P.zone_tail.search(core) or P.counted_tail.search(core) or P.township_tail.search(core):
        return False
    if P.figure_tail.search(core) or P.lines_tail.search(name):
        return False  # 企业有300多家: a count; 一期4条万吨级生产线: a project's lines
    if P.task_before_project.search(core):
        return False  # 开放招商抓项目, 紧紧扭住项目: projects as a task, no name
    if P.modifier_end.search(core):
        return False  # 对于你们3月申报的, 对今年重点推进的: a modifier whose noun follows, no name
    if P.headline_mark.search(core):
        return False  # 稳增长丨经开区以项目建设推动发展: a headline, no name
    if P.clause_inside.search(name) or name.endswith(tuple(cues()["person_titles"])):
        return False  # 初冬时节,园区却是一片…: two clauses; 市委常委, 党工委书记: a person
    if P.abstract_tail.search(core):
        return False  # 已落户的产业布局特征: an abstract noun, no project
    if P.kind_of_project.search(core):
        return False  # 技术改造类项目, 非化工项目: a kind of project, not one
    if P.year_lead.match(core) or P.batch.search(core):
        return False  # 2023年一季度重大项目, 第三批项目: a batch of projects, not one
    if P.time_lead.fullmatch(core):
        return False  # 8月18日, 上半年: a date opening a line, no name
    year = P.place_year.search(core)
    if year and not specific_part(core[year.end() :]):
        return False  # 某区2023年重大产业项目: the place's projects of the year
    if core in place_names():
        return False  # 某某市项目: the place's projects, not one
    past = past_full_places(core)
    if past != core and not specific_part(past):
        return False  # 某某市某某区重大产业项目: the places' group of projects, not one
    zones = list(P.zone_in_name.finditer(core))
    after = core[zones[-1].end() :] if zones else ""
    if after and not specific_part(after):
        return False  # 青禾工业园区一批项目: the zone's group of projects
    rest = specific_part(core)
    return len(rest) >= MIN_NAME or (len(rest) >= 1 and (loose or bool(P.latin.search(core))))


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def specific_part(core: str) -> str:
    """What a name holds besides group words, numbers and company words (华兴电子 of 华兴电子有限公司)."""
    rest = cue_pattern("generic_project_words").sub("", core)
    rest = P.numbers_and_marks.sub("", rest)
    return P.company_words.sub("", rest)


# A phase of a project (一期, 12期): a name ending in one names that phase of the project.
PHASE = "[一二三四五六七八九十\\d]{1,2}期"
_BARE_PHASE = re.compile(f"{PHASE}(?:项目|工程)?")


@lru_cache(maxsize=1)
def _phase_at_end() -> re.Pattern:
    """A phase closing a name, its works named at most by what is done in it (phase_works: X公司三期扩建工程)."""
    works = "|".join(map(re.escape, cues()["phase_works"]))
    return re.compile(f"({PHASE})(?:{works})?(?:项目|工程)?$")


def phase_of(name: str) -> str:
    """The phase a name ends in (一期 of X产业园一期项目), or ''."""
    found = _phase_at_end().search(name)
    return found.group(1) if found else ""


def base_of(name: str) -> str | None:
    """The name before its phase (X产业园 of X产业园一期项目), when it names something on its own."""
    found = _phase_at_end().search(name)
    return name[: found.start()] if found and found.start() >= MIN_NAME else None


def named_phases(items: list[tuple]) -> list[tuple]:
    """(start, end, name, investment) of a list, a bare phase after a name with its phase taking that
    name (X产业园一期、二期 -> X产业园二期)."""
    out, base = [], None
    for start, end, name, money in items:
        if base is not None and _BARE_PHASE.fullmatch(name):
            name = base + name
        else:
            base = base_of(name)
        out.append((start, end, name, money))
    return out


def listed_names(names: list[str]) -> list[bool]:
    """Which names of one list say which project: beside a name that does on its own, a name with one
    character besides group words does too (华兴电子、东方机械和远大物流: 远大物流 is a firm's name)."""
    if all(industry_only(name) for name in names):
        return [False] * len(names)  # 引进了服装和制鞋等产业项目: kinds of industry, no names
    strict = [is_project_name(name) for name in names]
    if not any(strict):
        return strict
    return [passed or is_project_name(name, loose=True) for passed, name in zip(strict, names, strict=True)]


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def industry_only(name: str) -> bool:
    """A name made of industry words only (服装, 制鞋, 电子信息): a kind of industry, not one project."""
    return not cue_pattern("industry_words").sub("", strip_suffix(name)).strip()


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def name_key(name: str) -> str:
    key = P.company_words.sub("", strip_suffix(name))
    lead = P.zone_lead.match(key)
    return key[lead.end() :] if lead and len(key) - lead.end() >= MIN_NAME else key


def list_lead(text: str, low: int, position: int) -> tuple[str, int]:
    """The lead words of a list (其中, 加快, 先后引进了 …) and where its first name starts."""
    first = low
    items_start = text.find("、", low, position)
    if items_start > low and text[items_start - 1] in STRAY_COMMAS:
        items_start -= 1  # A,、B: a stray comma before the list mark closes no lead
    head_end = items_start if items_start >= 0 else position
    bracket = P.amount_bracket.search(text, low, head_end)
    if bracket:
        head_end = bracket.start()  # A（总投资3亿元）、B…: the first name's amount, no lead of the list
    for match in name_stop_pattern(TABLE, False).finditer(text, low, head_end):
        if match.end() <= head_end and not P.quote_marks.fullmatch(match.group()):
            first = match.end()  # but a quote mark is no lead: 引进“A”、“B”等 starts at “A”
    amount = P.amount_lead.search(text, low, first)
    if amount:
        first = amount.start()  # 投资12亿元的A、…: the amount stays with its name
    lead_pattern = cue_pattern("list_leads")
    while True:
        lead = lead_pattern.match(text, first)
        if not lead or lead.end() >= head_end:
            break
        first = lead.end()
    return text[low:first], first


def split_items(text, start, end, quantities, strip_lead, breaks=None):
    """(start, end, name, investment) of each name in text[start:end], split at 、 (and 和/以及 before the
    last, or at `breaks`)."""
    pieces, begin = [], start
    for match in (breaks or P.item_break).finditer(text[start:end]):
        pieces.append((begin, start + match.start()))
        begin = start + match.end()
    pieces.append((begin, end))
    pieces = _outputs_joined(text, pieces)
    items: list[tuple] = []
    prefixed = 0
    for index, (piece_start, piece_end) in enumerate(pieces):
        item = _clean_item(text, piece_start, piece_end, quantities, strip_lead and index == 0)
        if item is None:
            continue
        if item[3] is None and items and items[-1][3] is not None:
            item = item[:3] + (_own_amount(text, piece_start, item[0], quantities),)
        if item[3] is not None:
            prefixed += 1
        items.append(item)
    if prefixed >= 2:
        items = _join_unprefixed(items, text)
    return named_phases(items)


def _outputs_joined(text, pieces):
    """A公司年产3万吨X和2万吨Y: a piece opening with a bare output after one stating what is made a year
    continues that piece (the products of one name), no name of its own; but a piece closed by a project's
    word is a whole name (A公司年产10万吨X项目和5万吨Y项目: two projects)."""
    closed = tuple(cues()["project_suffixes"])
    joined: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        if (
            joined
            and P.output_piece.match(text, piece_start, piece_end)
            and P.output_word.search(text, *joined[-1])
            and not text[slice(*joined[-1])].rstrip().endswith(closed)
        ):
            joined[-1] = (joined[-1][0], piece_end)
        else:
            joined.append((piece_start, piece_end))
    return joined


def _own_amount(text, piece_start, name_start, quantities) -> float | None:
    """总投资50亿元的A、30亿元的B: after a name led by its investment, the next name's bare amount and 的
    before it are its investment too."""
    for quantity in quantities.within(piece_start, name_start):
        if quantity.dimension == "money" and not text[piece_start : quantity.start].strip() and text.startswith("的", quantity.end):
            return quantity.value
    return None


def _join_unprefixed(items, text):
    """投资12亿元的A、投资1.3亿元的B、C: C continues B (an item without the amount all others state)."""
    joined: list[tuple] = []
    for item in items:
        if joined and item[3] is None and joined[-1][3] is not None:
            start, _, _, money = joined[-1]
            joined[-1] = (start, item[1], text[start : item[1]], money)
        else:
            joined.append(item)
    return joined


def _clean_item(text, start, end, quantities, lead_words):
    """A list piece -> (start, end, name, investment): amounts, lead verbs and the quotes around a name
    (引进“木制品加工产业园”、…) stripped; a title (《…规划》) or a piece quoting a word is no project's name."""
    if P.title_marks.search(text, start, end):
        return None
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    investment = None
    for quantity in quantities.within(start, end):
        if quantity.end <= end and quantity.dimension == "money":
            bracket = _amount_in_brackets_after(text, start, end, quantity)
            if bracket is not None:  # A（总投资3亿元）、B（总投资2亿元）等项目: the name before its bracket
                investment, end = quantity.value, bracket
                break
            if P.money_before.search(text[start : quantity.start]):
                investment = quantity.value
                start = quantity.end + (1 if text[quantity.end : quantity.end + 1] == "的" else 0)
                built = cue_pattern("amount_paid_verbs").match(text, start)
                if built and end - built.end() >= MIN_NAME:
                    start = built.end()  # A公司投资1500万元建设X项目: X项目 is what the amount pays for
    if lead_words:  # the first name of a list may follow the list's verb (加快A、B等项目建设)
        label = P.quoted_label.search(text, start, end)
        for match in name_stop_pattern(TABLE, False).finditer(text, start, end):
            if label and label.start() <= match.start() < label.end() and owned_label(text, start, end):
                continue  # 加快青禾“智谷”标准厂房、…: the label's quotes are no lead
            if match.end() < end - 1 and match.group() not in cues()["keep_in_names"]:
                start = match.end()
    quoted = P.quote_marks.match(text, start) or (start > 0 and P.quote_marks.match(text, start - 1))
    if quoted and P.slogan.search(text, start, end):
        return None  # “四机一转”, “三个一批”: a quoted slogan, no name
    if not owned_label(text, start, end):
        while start < end and P.quote_marks.match(text, start):
            start += 1
        while end > start and P.quote_marks.match(text, end - 1):
            end -= 1
        if P.quote_marks.search(text, start, end):
            return None
    described = text.rfind("的", start, end)
    if described >= 0 and end - described - 1 >= MIN_NAME:
        start = described + 1  # 研发电子材料的瑞洲公司: what the company does is no part of its name
    trailing = P.trailing_verb.search(text, start, end)
    if trailing and trailing.start() - start >= MIN_NAME:
        end = trailing.start()
    start = past_leads(text, start, end)
    if end - start < MIN_NAME:
        return None
    return start, end, text[start:end], investment


def owned_label(text: str, start: int, end: int) -> bool:
    """青禾“智谷”标准厂房, 鹤翔“云谷”: a piece whose only quotes hold a short label after the firm or place that
    owns it names that project, label and all (a quoted slogan, “三个一批”, names none)."""
    label = P.quoted_label.search(text, start, end)
    if label is None or label.start() == start or P.slogan.search(text, label.start(), label.end()):
        return False
    return not (P.quote_marks.search(text, start, label.start()) or P.quote_marks.search(text, label.end(), end))


def _amount_in_brackets_after(text: str, start: int, end: int, quantity) -> int | None:
    """Where the bracket opens when a piece ends in its name's amount in brackets (青禾电子（总投资3亿元）),
    else None."""
    opening = max(text.rfind("（", start, quantity.start), text.rfind("(", start, quantity.start))
    if opening - start < MIN_NAME or text[quantity.end : end].strip() not in _CLOSING_BRACKETS:
        return None
    return opening if P.money_before.search(text[opening + 1 : quantity.start]) else None


_CLOSING_BRACKETS = ("）", ")")


def past_leads(text: str, start: int, end: int) -> int:
    """Where a name ending at `end` starts once the leads before it are cut, each in turn while a name is
    left: a label (【在建项目】), a list number (2.), a time (上半年), zone words (园区内), a count (3家)."""
    for pattern in (P.label, P.list_number, P.time_lead, P.zone_lead, P.leading_count):
        lead = pattern.match(text, start)
        if lead and end - lead.end() >= MIN_NAME:
            start = lead.end()
    return start


def past_group_noun(text: str, start: int, end: int) -> int:
    """Where a name starts past the group noun before it (省级重点项目X项目: X项目), when what comes before
    that 项目 names no project."""
    group = text.rfind("项目", start, end)
    if group >= 0 and end - group - 2 >= MIN_NAME and not is_project_name(text[start : group + 2]):
        return group + 2
    return start


def amount_before(text, low, start, name_start, quantities):
    """投资12亿元的X项目 / 投资5.7亿元Y公司: the amount right before a name is its own; the name follows it."""
    for quantity in quantities.within(low, name_start):
        if quantity.dimension != "money" or quantity.end > name_start:
            continue
        if not P.money_before.search(text[low : quantity.start]):
            continue
        if quantity.start == start:
            after = quantity.end + (1 if text.startswith("的", quantity.end) else 0)
            return quantity.value, after
        if text[quantity.end : start] in ("", "的"):
            return quantity.value, start
    return None, start


def amount_right_after(text, end, high, quantities) -> float | None:
    """X项目总投资50亿元: an amount stated right after the name, in its clause."""
    for quantity in quantities.within(end, high):
        if quantity.dimension == "money":
            return quantity.value if P.investment_after.match(text[end : quantity.start]) else None
    return None


def amount_after(text, clauses, index, quantities) -> float | None:
    """X项目，项目计划总投资1.2亿元: the amount in the clause after the only project of a sentence."""
    if index + 1 >= len(clauses):
        return None
    next_low, next_high = clauses[index + 1]
    for quantity in quantities.within(next_low, next_high):
        if quantity.dimension == "money":
            if P.investment_after.match(text[next_low : quantity.start]):
                return quantity.value
            return None
    return None

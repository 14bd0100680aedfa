"""Names that open their clause before what became of them (A、B及C陆续于南区动土), and names right after
their status word and 的 (竣工投产的X啤酒，…): the verb says these are projects, whatever their names end in;
and names right before their plant and its works (A、B标准化厂房建设即将完成): firms being built.

A run of names there holds no figure (5个项目投产) but the capacity a name carries (X年产5万吨Y基地), no
verb, and no group or public work (重点项目, 污水处理厂): project_mentions tries these finders with the
other phrasings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.word_trees import trie_pattern
from .facilities import category_of
from .lexicon import cue_pattern, cues, name_stop_pattern, status_table, word_pattern
from .project_names import (
    CAPACITY_UNITS,
    LISTED,
    MIN_NAME,
    SINGLE,
    TABLE,
    Mention,
    P,
    is_project_name,
    list_lead,
    split_items,
)
from .spans import clause_holding, inside
from .status import status_words

_NAME_REACH = 120  # how far before their verb the names may start (as for single names)


def subject_lists(document, sentence, quantities, taken):
    """A、B及C陆续于南区动土 / X生产基地确认落户该区: names that open their clause, right before the
    verb that says what became of them (with only adverbs, a time or a place between).

    The sentence's status words are read first (once per sentence, and most steps after ask for them
    too): the names are read only before a verb a status word says as done, not before every verb."""
    text = document.text
    if not _verb_before_no_noun().search(text, sentence.start, sentence.end):
        return  # no such verb said as one (most sentences): one search skips the sentence
    verbs = set(cues()["subject_verbs"])
    for word in status_words(document, sentence, TABLE):
        past = P.past_mark.match(word.word)  # 已投产 is one status word: its verb starts after 已
        verb, start = (word.word[past.end() :], word.start + past.end()) if past else (word.word, word.start)
        if verb not in verbs or (word.future and not word.due) or inside(start, taken):
            continue  # (taken grows with every list the caller takes: a verb inside one is read no more)
        if P.verb_as_noun.match(text, word.end):
            continue  # 集中开工的15个项目, 签约项目15个: the verb describes a noun after it
        if P.count_after_verb.match(text, word.end):
            continue  # 某市开工18个重点项目: a total of projects, who counts it is no name
        found = _names_before(document, sentence, quantities, start)
        if found and not inside(found[0].start, taken):
            yield found  # (X项目于3月签约落户: 落户's names are 签约's, taken already)


def _names_before(document, sentence, quantities, verb: int, plant: bool = False) -> list[Mention]:
    """The names opening the clause of the verb at `verb`, right before it (none if the run is no names)."""
    text = document.text
    low, _ = clause_holding(document, sentence, verb)
    low = max(low, verb - _NAME_REACH)
    names_end = _before_adverbs(text, low, verb)
    total = _total_word_before(text, low, names_end)
    if total and not P.subject_break.search(text[low : names_end - total]):
        return []  # 签约仪式共签约A、B, 招商会上某市共签约64个项目: who counts the total, no names
    names_end -= total  # 青禾电子、鹤翔物流共入驻园区: a run of names done together (共 is no part of the last)
    _, first = list_lead(text, low, names_end)
    date = P.time_lead.match(text, first)
    if date and names_end - date.end() >= MIN_NAME and not P.period_inside.search(text, date.end(), names_end):
        first = date.end()  # 2023年X产业园一期建成投产: the date of what the names did (去年5月开园仅半年就: a time, no names)
    names_end = _past_the_project_s_parts(text, first, names_end, at_plant=plant)
    if names_end - first < MIN_NAME or names_end - first > _SUBJECT_MAX:
        return []
    if _rejects_subject(text, first, names_end, quantities) or text[first:names_end].strip() == "":
        return []
    if text[first:names_end].endswith(tuple(cues()["subject_events"])):
        return []  # 首届某某发展大会签约580亿元: an event, no project
    items = split_items(text, first, names_end, quantities, strip_lead=False, breaks=P.subject_break)
    found = [Mention(s, e, name, LISTED, sentence, (first, names_end), money) for s, e, name, money in items]
    if len(found) == 1 and found[0].investment is None:
        found[0].investment = _bracketed_amount(text, names_end, verb, quantities)
    strict = [_subject_name(mention.name) for mention in found]
    if not found or not any(strict):
        return []
    # beside a name that says which project, one with a single character besides group words does too
    # (华兴电子、精一科技: listed_names)
    return found if all(passed or _subject_name(mention.name, loose=True) for passed, mention in zip(strict, found, strict=True)) else []


def _total_word_before(text: str, low: int, end: int) -> int:
    """The length of the word counting a total (subject_totals: 共, 共计) right before `end`, 0 if none."""
    return next((len(word) for word in _totals_longest_first() if text.endswith(word, low, end)), 0)


@lru_cache(maxsize=1)
def _totals_longest_first() -> tuple[str, ...]:
    """subject_totals, longest first: 总共 is read whole, not as its 共."""
    return tuple(sorted(cues()["subject_totals"], key=len, reverse=True))


def _past_the_project_s_parts(text: str, first: int, end: int, at_plant: bool) -> int:
    """X项目注射车间、包装车间已投产, X项目温室大棚正在建设: a project named before its parts (project_parts),
    or before the words of its plant, is the subject; its name ends at 项目 and the parts are no projects."""
    endings = list(P.project_word.finditer(text, first, end))
    ending = endings[-1] if endings else None
    if ending is None or ending.end() >= end or P.phase_after.match(text, ending.end()):
        return end
    pieces = P.subject_break.split(text[ending.end() : end])
    if not all(P.part_words.fullmatch(piece) for piece in pieces):
        return end  # X项目（鑫海二期）3栋厂房: a short name and a count come first, the run is read as before
    if (at_plant and len(pieces) == 1) or all(piece.endswith(tuple(cues()["project_parts"])) for piece in pieces):
        return ending.end()
    return end


def _bracketed_amount(text: str, start: int, end: int, quantities) -> float | None:
    """X项目（总投资3亿元）已投产: the amount in the bracket right after the only name."""
    if not text.startswith(("（", "("), start):
        return None
    for quantity in quantities.within(start, end):
        if quantity.dimension == "money" and P.money_before.search(text, start + 1, quantity.start):
            return quantity.value
    return None


def plant_subject_lists(document, sentence, quantities, taken):
    """中民筑友厂房及屋面建设已经完成 / A、B标准化厂房建设即将完成: names opening their clause right before
    their plant (plant_words), whose works the clause goes on to say: the firms are projects being built."""
    text = document.text
    plants = cue_pattern("plant_words")
    words = None
    for plant in plants.finditer(text, sentence.start, sentence.end):
        if inside(plant.start(), taken):
            continue
        words = words if words is not None else status_words(document, sentence, TABLE)
        _, high = clause_holding(document, sentence, plant.start())
        listed = text.find("、", plant.end(), high)
        high = listed if listed >= 0 else high  # 紧盯A标准厂房、B项目建设: the plant is one of a list of works
        if not any(plant.end() <= word.start < high and word.status and (not word.future or word.due) for word in words):
            continue  # X厂房面积2万平方米: no works said
        found = _names_before(document, sentence, quantities, plant.start(), plant=True)
        if found:
            taken.append((found[0].status_span[0], plant.end()))
            yield found


_COUNTERS = tuple("条个家座栋项处")  # 4条生产线, 3个项目: a count, no capacity


def _rejects_subject(text: str, first: int, end: int, quantities) -> bool:
    """Figures and marks make a run no names (5个项目, 总投资3亿元，…), except the capacity a name holds
    (华盛纺织年产5万吨纱线生产基地已建成投产) and the amount leading it (投资3亿元的华盛纺织正式投产)."""
    capacities = [
        (q.start, q.end)
        for q in quantities.within(first, end)
        if q.end <= end and (  # (投资3亿元的X: its amount)
            (q.unit in CAPACITY_UNITS and not q.raw.endswith(_COUNTERS))
            or (q.dimension == "money" and P.amount_lead.match(text, first, q.end + text.startswith("的", q.end)))
        )
    ]
    return any(not inside(found.start(), capacities) for found in P.subject_reject.finditer(text, first, end))


_SUBJECT_MAX = 40  # longest run of names before the verb
_BRACKET_REACH = 24  # the longest bracket of figures after a name (（总投资5亿元，占地100亩）)
_SUBJECT_MIN = 3  # a shorter word before a verb is rather a verb or a noun (体现在…) than a name


def _before_adverbs(text: str, low: int, position: int) -> int:
    """Where the names before a verb end: past the adverbs, time and place right before it
    (陆续于南区, 亦于6月, 确认, 正式)."""
    adverbs = cue_pattern("subject_adverbs")
    while position > low:
        place = P.subject_place.search(text, max(low, position - 12), position)
        if place and place.end() == position and place.start() > low:
            position = place.start()
            continue
        bracket = P.amount_bracket.search(text, max(low, position - _BRACKET_REACH), position)
        if bracket and bracket.start() > low:
            position = bracket.start()  # 华盛纺织（总投资5亿元）已投产: the bracket says its figures
            continue
        for size in (4, 3, 2, 1):
            if position - size >= low and adverbs.fullmatch(text, position - size, position):
                position -= size
                break
        else:
            return position
    return position


def _subject_name(name: str, loose: bool = False) -> bool:
    """A name that can open a clause as what was built or courted: it says which project (with loose, one
    character besides group words is enough), and it is no public work (category_of) and no group (重点项目)."""
    if cue_pattern("subject_not_names").search(name):
        return False
    return (
        len(name) >= _SUBJECT_MIN and is_project_name(name, loose) and category_of(name) is None
        and not name_stop_pattern(TABLE, False).search(name)
    )


_POSTPOSITIONS = "上下中里内时后前间"  # 的基础上, 的情况下, 的过程中: the clause is a circumstance


def status_led_mentions(document, sentence, quantities, taken):
    """竣工投产的西藏青稞啤酒，实现销售收入… / 新开工的万达广场和华润万象城: names after a status word said as
    done and its 的, filling the rest of their clause: what the word describes is the project itself,
    whatever its name ends in (but 投产的企业达到12家, 开工的重点项目 name no project)."""
    text = document.text
    if not _status_before_de().search(text, sentence.start, sentence.end):
        return  # no status word before a 的 (most sentences): their status words need not be read for this
    for word in status_words(document, sentence, TABLE):
        if word.strength < 2 or word.future or not word.status or not text.startswith("的", word.end):
            continue
        start = word.end + 1
        _, high = clause_holding(document, sentence, start)
        if inside(start, taken) or not MIN_NAME < high - start <= _SUBJECT_MAX:
            continue
        if _rejects_subject(text, start, high, quantities) or _group_heads().match(text, start):
            continue  # 新开工的项目中，…: the projects as a group
        if _group_said_of(text, start, high):
            continue  # 落户的重大项目不仅数量增多: a group of projects, then what is said of it
        if text[high - 1] in _POSTPOSITIONS:
            continue  # 已建成并投入使用的基础上: a circumstance, no name
        items = split_items(text, start, high, quantities, strip_lead=False, breaks=P.subject_break)
        if not items or not all(_subject_name(name) for _, _, name, _ in items):
            continue
        taken.append((start, high))
        for item_start, item_end, name, money in items:
            yield Mention(item_start, item_end, name, SINGLE, sentence, (start, high), money)


def _group_said_of(text: str, start: int, high: int) -> bool:
    """The clause after 的 opens with group words and 项目 (重大项目, 亿元以上项目) and goes on past them."""
    head = text.find("项目", start, high)
    return 0 <= head and head + len("项目") < high and not is_project_name(text[start : head + len("项目")])


@lru_cache(maxsize=1)
def _verb_before_no_noun() -> re.Pattern:
    """A subject verb not followed by a noun it describes (签约项目15个): what subject_lists reads names before,
    made of its own two tests (the verb list, P.verb_as_noun), so a sentence failing it is skipped before its
    status words are read (a search tries every verb at every place, so no such verb is missed)."""
    return re.compile(f"(?:{trie_pattern(tuple(cues()['subject_verbs']))})(?!{P.verb_as_noun.pattern})")


@lru_cache(maxsize=1)
def _status_before_de() -> re.Pattern:
    """Any status word of the table right before 的: a cheap test a sentence must pass first."""
    return re.compile(f"(?:{trie_pattern(tuple(status_table(TABLE)))})的")


@lru_cache(maxsize=1)
def _group_heads() -> re.Pattern:
    """项目, 企业 …: a clause after 的 that opens with one of them speaks of projects or firms as a group."""
    return word_pattern(tuple(cues()["project_heads"] + cues()["company_heads"]))

"""Aims: works a report plans, said so by the sentence or clause around them rather than by a status word.

An aim marker (将, 计划, 明年; lexicon item_cues future_in_sentence, future_in_clause) with nothing said done (已)
makes the works after it planned: in their own clause (明年新建道路5公里), in a clause after them (…，计划年底建成通车),
in the clauses a weak work verb chains on to it (园区将新建道路20公里，新建变电站1座), in the members of an
enumeration or a breakdown it heads (园区将抓好三项工程。一是新建A), or under a next-steps heading.
"""

from __future__ import annotations

from ..document import Document
from ..text.sentences import Sentence
from .facilities import TABLE, Item, P
from .facility_lists import ends_in_a_colon
from .lexicon import cue_pattern
from .spans import blank, inside, sentence_part
from .status import StatusWord, aim_marked, status_pattern, status_words


def an_aim(start: int, end: int) -> StatusWord:
    """Planned, said by the sentence or clause at start..end as a whole rather than by a status word of its own."""
    return StatusWord(start, end, "", "planned", 2, True)


def aim_goes_on(text: str, item: Item, words: list[StatusWord], clauses, segments) -> StatusWord | None:
    """园区将新建道路20公里，新建变电站1座，建成B厂, 2017年，计划投资7.3亿元，完成A路建设: clauses opening with a weak
    work verb or a completion word with no 已 after one that states an aim (or is a year's planned sum and nothing else)
    go on with it, within their part of the sentence (a clause saying 已 or opening with a strong status word breaks
    the chain); members of a list after a colon that states an aim (将抓好三项工程：一是新建A；二是新建B) go on with it
    past the ；."""
    status = item.status
    if status is None or status.future or not _opens_its_clause(text, status, clauses[item.clause]):
        return None
    if status.strength >= 2 and not _completion_not_said_done(text, status):
        return None
    crossed = False  # past a ；: only a colon's clause can state the list's aim
    for index in range(item.clause - 1, -1, -1):
        crossed = crossed or index + 1 in segments
        low, high = clauses[index]
        said = blank(cue_pattern("not_future"), text[low:high])
        if cue_pattern("past_before").search(said):
            return None
        planned = [word for word in words if low <= word.start < high and word.status == "planned" and word.strength >= 2]
        aim = cue_pattern("future_in_clause").search(said) or P.planned_sum.fullmatch(text, low, high) or planned
        colon = ends_in_a_colon(text, high)
        if aim and (not crossed or colon):
            return an_aim(low, high)
        if colon:
            return None  # the colon's clause states no aim
        said_there = [word for word in words if low <= word.start < high]
        if not said_there:
            continue  # its own work verb was read as the aim's (一是新建A, under 计划…：): no word, nothing to break the chain
        opening = [word for word in said_there if _opens_its_clause(text, word, (low, high))]
        if not opening or opening[0].strength >= 2:
            return None
    return None


def _completion_not_said_done(text: str, word: StatusWord) -> bool:
    """建成, 投入使用 with no 已 right before: after an aim it may be one too."""
    done = P.past_mark_before.search(text, max(0, word.start - _PAST_MARK_REACH), word.start)
    return word.status in ("completed", "in_operation") and done is None


_PAST_MARK_REACH = 3  # 已经 and a space


def _opens_its_clause(text: str, word: StatusWord, clause: tuple[int, int]) -> bool:
    """Nothing but a list mark (一是, 2.) before the word in its clause."""
    lead = P.enumeration_lead.match(text, clause[0])
    return not text[lead.end() if lead else clause[0] : word.start].strip()


def intended(document: Document, item: Item, items: list[Item]) -> bool:
    """An item with no status word, said in a plan: in a next-steps section or an aim sentence."""
    if document.in_future_section(item.start):
        return True
    head = blank(cue_pattern("not_future"), document.text[_aim_reach(document, item, items) : item.start])
    if cue_pattern("future_in_sentence").search(head) or breaks_down_an_aim(document, item.sentence):
        return True
    return _aim_said_of_it(document, item) or _aim_said_after(document, item, items)


def _aim_reach(document: Document, item: Item, items: list[Item]) -> int:
    """Where an aim before the item may stand: its part of the sentence (up to a ；) when that part says, before
    it, what was done there (预计年底建成通车；投资600万元建设A: A is not planned), else the whole sentence: a part that
    only goes on listing works goes on with the aim (计划实施A工程，全长3公里；B工程，长5公里: B is planned too)."""
    part_start = sentence_part(document, item.sentence, item.start)[0]
    said = blank(cue_pattern("not_status"), document.text[part_start : item.start])
    words = [part_start + word.start() for word in status_pattern(TABLE).finditer(said)]
    if not words:
        return item.sentence.start
    names = [(other.start, other.end) for other in items if other.sentence is item.sentence]
    return part_start if any(not inside(word, names) for word in words) else item.sentence.start


def _aim_said_of_it(document: Document, item: Item) -> bool:
    """纬三路、经五路预计10月底建成通车, 明年新建道路5公里: an aim said in the item's own clause (it states no status
    of its own: the aim is what its clause says of it)."""
    low, high = document.clauses(item.sentence)[item.clause]
    before = blank(cue_pattern("not_future"), document.text[low : item.start])
    if any(aim.group() not in _ABLE for aim in cue_pattern("future_in_clause").finditer(before)):
        return True  # 明年新建道路5公里 (园区可提供标准厂房: what the zone can offer, no aim)
    after = blank(cue_pattern("not_future"), document.text[item.end : high])
    return cue_pattern("future_in_clause").search(after) is not None


_ABLE = ("可",)  # before works, 可 says what is on offer; after them (年底可完工) it is an aim


def _aim_said_after(document: Document, item: Item, items: list[Item]) -> bool:
    """滨河路工程，全长3公里，计划年底建成通车: a clause opening with an aim after the item's clause, before any
    clause naming other works and within its part of the sentence, states the item's aim."""
    clauses = document.clauses(item.sentence)
    others = {other.clause for other in items if other is not item and other.sentence is item.sentence}
    text = document.text
    for index in range(item.clause + 1, len(clauses)):
        low, high = clauses[index]
        if index in others or text[low - 1 : low] in "；;":
            return False
        said = blank(cue_pattern("not_future"), text[low:high])
        if cue_pattern("future_in_sentence").match(said, len(said) - len(said.lstrip())):
            return True
    return False


def enumerates_an_aim(document: Document, sentence: Sentence) -> bool:
    """园区将重点抓好三项工程。一是新建A路。二是新建B厂: sentences enumerating (一是, 二是, 首先) what the sentence
    before the first of them states as an aim."""
    text = document.text
    lead = _sentence_before_the_run(document, sentence, lambda member: P.enumeration_member.match(text, member.start))
    return lead is not None and not P.enumeration_member.match(text, lead.start) and _states_an_aim(text, lead)


def goes_on_with_an_aim(document: Document, sentence: Sentence) -> bool:
    """下一步，园区将重点做好以下工作。新建A路3公里，建设B厂: a sentence opening with a weak work verb and no subject
    goes on with the aim the sentence before it states (sentences opening alike in between go on with it too)."""
    before = _sentence_before_the_run(document, sentence, lambda member: _opens_with_a_work_verb(document, member))
    return before is not None and _states_an_aim(document.text, before)


def _sentence_before_the_run(document: Document, sentence: Sentence, opens_alike) -> Sentence | None:
    """The sentence before the run of sentences opening alike that this one ends (None when this one does not
    open so, or the run is too long to be one enumeration)."""
    index = sentence.index
    while index > 0 and opens_alike(document.sentences[index]):
        index -= 1
        if sentence.index - index > _ENUMERATION_REACH:
            return None
    return None if index == sentence.index else document.sentences[index]


_ENUMERATION_REACH = 10  # members of one enumeration, each a sentence of its own


def _states_an_aim(text: str, sentence: Sentence) -> bool:
    """An aim marker anywhere in the sentence and nothing said to be done already (已)."""
    said = blank(cue_pattern("not_future"), text[sentence.start : sentence.end])
    return not cue_pattern("past_before").search(said) and aim_marked(said)


def _opens_with_a_work_verb(document: Document, sentence: Sentence) -> bool:
    """The sentence's first words are a weak work verb (新建, 建设, 改造), its list mark aside."""
    words = status_words(document, sentence, TABLE)
    if not words or words[0].strength >= 2 or words[0].future:
        return False
    return _opens_its_clause(document.text, words[0], (sentence.start, sentence.end))


def breaks_down_an_aim(document: Document, sentence: Sentence) -> bool:
    """拟新建改造道路9.6千米。其中A工程…；B工程…: a breakdown (其中) of the aim the sentence before states
    (a sentence-wide marker anywhere in it, or a clause marker opening it)."""
    if not sentence.index or not P.breakdown_lead.match(document.text, sentence.start):
        return False
    before = document.sentences[sentence.index - 1]
    said = blank(cue_pattern("not_future"), document.text[before.start : before.end])
    opening = len(said) - len(said.lstrip())
    return bool(cue_pattern("future_in_sentence").search(said) or cue_pattern("future_in_clause").match(said, opening))

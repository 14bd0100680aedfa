"""Parts of a zone: parks a report introduces as pieces of the zone it describes, not zones of their own.

临江县工业园区由纺织园区、机械园区组成 and 二期西区（青禾园区） name parts of the zone; at every
later mention (青禾园区已完成道路…) the figures stay the zone's, and the part is linked to it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .lexicon import lexicon, switching, word_tuple
from .names import CLAUSE_REST, SENTENCE_REST, Mention

_PARAGRAPH = re.compile(r"\n\s*\n")  # a blank line: a part is glossed only in its zone's passage
_CLAUSE_MARK = re.compile(r"[，,]")


def mark_parts(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions, those of a zone's parts (at any of their mentions) turned into sub-zones of it:
    they switch no figures and carry the zone's name as their parent."""
    parents = {**_component_lists(text, mentions), **_glossed_parts(text, mentions)}
    if not parents:
        return mentions  # most reports: no park introduced as a part
    return [replace(mention, switches=False, base=parents[mention.name])
            if mention.name in parents and not mention.base else mention for mention in mentions]


def _component_lists(text: str, mentions: list[Mention]) -> dict[str, str]:
    """{part: zone} for X由A、B和C组成: parks of a sub-park kind listed between 由 and 组成/构成 in the
    clause straight after a zone's name (within component_reach characters)."""
    words = lexicon()
    opens, closes = word_tuple("component_opens"), words["component_closes"]
    parts: dict[str, str] = {}
    starts = [mention.start for mention in mentions]
    for index, zone in enumerate(mentions):
        following = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        opening = _list_opening(text, zone.end, min(following, zone.end + words["component_reach"]), opens)
        if opening is None:
            continue  # most names: no list of parts after them
        clause = CLAUSE_REST.match(text, opening, opening + words["component_reach"])
        assert clause is not None  # the clause pattern also matches the empty string
        close = min((found for found in (clause.group().find(word) for word in closes) if found != -1), default=-1)
        if close == -1:
            continue  # 由…牵头: no list of parts
        end = opening + close
        for part in mentions[index + 1 : bisect.bisect_left(starts, end, index + 1)]:  # the names before 组成
            if not switching()[part.kind] and part.name != zone.name:
                parts[part.name] = zone.name
    return parts


def _list_opening(text: str, end: int, limit: int, opens: tuple[str, ...]) -> int | None:
    """Where a list of parts opens after a zone's name: right after it (X由A和B组成) or at the start of a
    later clause of its sentence, no other name between (X于1993年设立，由A和B两部分组成); None: no list."""
    if text.startswith(opens, end):
        return end
    sentence = SENTENCE_REST.match(text, end, max(end, limit))  # a name inside this one ends before it
    assert sentence is not None  # the sentence pattern also matches the empty string
    for clause in _CLAUSE_MARK.finditer(text, end, sentence.end()):
        if text.startswith(opens, clause.end()):
            return clause.end()
    return None


def _glossed_parts(text: str, mentions: list[Mention]) -> dict[str, str]:
    """{part: zone} for 二期西区（青禾园区）: a park of a sub-park kind alone in brackets after a word of a
    zone's phase or area (lexicon part_words) is that part's name, a part of the zone last named in its
    passage (no blank line between, within part_reach characters)."""
    words, reach = word_tuple("part_words"), lexicon()["part_reach"]
    ends = {mention.end for mention in mentions}
    parts: dict[str, str] = {}
    zone: Mention | None = None  # the last name before, not itself a part
    for mention in mentions:
        if zone is not None and _bracketed_after_a_part_word(text, mention, words, ends) \
                and mention.start - zone.end <= reach and _PARAGRAPH.search(text, zone.end, mention.start) is None:
            parts[mention.name] = zone.name
        elif mention.name not in parts:
            zone = mention
    return parts


def _bracketed_after_a_part_word(text: str, mention: Mention, words: tuple[str, ...], ends: set[int]) -> bool:
    """二期西区（青禾园区）: a name of a sub-park kind alone in brackets right after a part word; not right
    after another name (XX经济开发区（XX工业园）: another name of that zone)."""
    before = mention.start - 1
    return text[before : mention.start] in ("（", "(") and text[mention.end : mention.end + 1] in ("）", ")") \
        and not switching()[mention.kind] and text.endswith(words, 0, before) and before not in ends

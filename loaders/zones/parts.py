"""Parts of a zone: parks a report introduces as pieces of the zone it describes, not zones of their own.

麦盖提县工业园区由纺织园区、棉纺园区组成 and 二期西区（马吉克园区） name parts of the zone; at every
later mention (马吉克园区已完成道路…) the figures stay the zone's, and the part is linked to it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import lexicon, switching, word_tuple
from .names import CLAUSE_REST, Mention


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
    clause straight after a zone's name."""
    opens, closes = word_tuple("component_opens"), lexicon()["component_closes"]
    parts: dict[str, str] = {}
    for zone in mentions:
        if not text.startswith(opens, zone.end):
            continue  # most names: no list of parts after them
        clause = CLAUSE_REST.match(text, zone.end)
        assert clause is not None  # the clause pattern also matches the empty string
        close = min((found for found in (clause.group().find(word) for word in closes) if found != -1), default=-1)
        if close == -1:
            continue  # 由…牵头: no list of parts
        end = zone.end + close
        parts.update({part.name: zone.name for part in mentions
                      if zone.end < part.start < end and not switching()[part.kind] and part.name != zone.name})
    return parts


def _glossed_parts(text: str, mentions: list[Mention]) -> dict[str, str]:
    """{part: zone} for 二期西区（马吉克园区）: a park of a sub-park kind alone in brackets after a word of a
    zone's phase or area (lexicon part_words) is that part's name, a part of the zone last named."""
    words = word_tuple("part_words")
    parts: dict[str, str] = {}
    for index, mention in enumerate(mentions):
        if not index or text[mention.start - 1 : mention.start] not in "（(" or switching()[mention.kind] \
                or text[mention.end : mention.end + 1] not in "）)":
            continue  # most names: not alone in brackets
        before = mention.start - 1
        if not text.endswith(words, 0, before) or any(other.end == before for other in mentions):
            continue  # XX经济开发区（XX工业园）: another name of a zone, not of its part
        zone = next((other for other in reversed(mentions[:index]) if other.name not in parts), None)
        if zone is not None and _same_passage(text, zone.end, mention.start):
            parts[mention.name] = zone.name
    return parts


_PARAGRAPH = re.compile(r"\n\s*\n")


def _same_passage(text: str, start: int, end: int) -> bool:
    """Whether no blank line lies between two offsets (a part belongs to the zone its passage describes)."""
    return _PARAGRAPH.search(text, start, end) is None

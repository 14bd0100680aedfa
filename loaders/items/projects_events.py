"""The event a report is about, when its lead announces one held for projects (青禾开发区26个项目集中开工,
X园区重点项目集中签约仪式举行): news of such an event names the projects it was held for, often with their
amounts and contents only, and each of them reached the event's stage."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document
from ..text.sentences import Sentence
from .lexicon import cue_pattern, cues, word_pattern
from .status import StatusWord, clause_closing, clause_opening


def report_event(document: Document) -> StatusWord | None:
    """The status of the one kind of project event the report's lead announces, or None."""
    key = ("report_event",)
    if key not in document.memo:
        document.memo[key] = _report_event(document.text)
    return document.memo[key]


def _report_event(text: str) -> StatusWord | None:
    reach = cues()["report_event_reach"]
    lead = min(len(text), reach["lead"])
    projects = cue_pattern("project_suffixes")
    found = [
        match for match in _event_pattern().finditer(text, 0, lead)
        if projects.search(text, max(0, match.start() - reach["project_before"]), match.start())
    ]
    if any(_no_event_reached(text, match, lead) for match in found):
        return None
    kinds = {_event_statuses()[match.group()] for match in found}
    if len(kinds) != 1 or _more_kinds(text, [match.end() for match in found]):
        return None
    first = found[0]
    return StatusWord(first.start(), first.end(), first.group(), kinds.pop(), 2, False)


def besides_the_event(text: str, sentence: Sentence) -> bool:
    """另外，X项目总投资3亿元: a sentence opening with `besides_the_event` speaks of projects other than the event's."""
    return bool(cue_pattern("besides_the_event").match(text, sentence.start))


def _no_event_reached(text: str, event: re.Match, lead: int) -> bool:
    """The lead's event word names no event its projects reached: one still to come (a future marker before
    it in its clause: 园区将于下周举行重点项目集中签约仪式), one not held (a word of its clause: 集中开工仪式推迟
    举行, 签约仪式取消, 筹备…签约仪式), or several counted (组织3次重点项目集中开工活动: a year's tally)."""
    opening, closing = clause_opening(text, event.start()), clause_closing(text, event.end(), lead)
    return bool(cue_pattern("future_in_clause").search(text, opening, event.start())
                or cue_pattern("event_not_held").search(text, opening, closing)
                or _events_counted().search(text, opening, closing))


def _more_kinds(text: str, event_ends: list[int]) -> bool:
    """青禾园区27个重点项目集中投产和开工: a second stage joined right after the event word says another event
    (a stage elsewhere in the lead, 洽谈和签约并重, says none)."""
    return any(cue_pattern("event_joined_stages").match(text, end) for end in event_ends)


@lru_cache(maxsize=1)
def _events_counted() -> re.Pattern:
    """Two events or more counted (3次, 四场, 多轮; item_cues.yaml event_counts): 一次 or 第三次 is one event."""
    units = cue_pattern("event_counts").pattern
    return re.compile(rf"(?<![第\d一二两三四五六七八九十几多数])(?:[2-9]|\d{{2,}}|[二两三四五六七八九十几多数][一二三四五六七八九十]?)(?:{units})")


@lru_cache(maxsize=1)
def _event_statuses() -> dict[str, str]:
    return {word: status for status, words in cues()["report_events"].items() for word in words}


@lru_cache(maxsize=1)
def _event_pattern() -> re.Pattern:
    return word_pattern(tuple(_event_statuses()))

"""The status a section heading gives the items listed under it (一、已建成项目 / 二、在建项目 / 三、拟建项目).

Progress reports often sort works under headings that say how far they are and then list them
with their figures only (1.纬一路，全长2.1公里，总投资3200万元). A heading whose short title states a
status (a strong status word) and names no facility itself passes that status to the items of its
section that state none of their own; the section runs to the next heading of its level or above.
"""

from __future__ import annotations

import bisect

from ..document import Document
from .facilities import facility_words, keyword_pattern
from .lexicon import patterns
from .status import StatusWord, status_pattern, status_rank, status_words

_ITEMS = patterns("items")
_LEVELS = ("level_1", "level_2", "level_3")
_TITLE_MAX = 16  # a heading's title, not a sentence opening with a list number


def heading_status(document: Document, position: int, table: str) -> StatusWord | None:
    """The status (of `table`'s words) the innermost status heading above `position` gives it, or None."""
    sections = _status_sections(document, table)
    found = None
    for start, end, word in sections:  # few sections: headings that state a status are rare
        if start <= position < end:
            found = word  # sections are in heading order: a later one is nested in an earlier one
    return found


def opens_section(text: str, line: int) -> bool:
    """Whether the line starting at `line` opens with a section's heading (一、 or （二）; 1. and （1）
    number items), so ends any list or section of a lower level above it."""
    found = _ITEMS.heading.match(text, line)
    return bool(found) and _level(found) < _ITEM_LEVEL


_ITEM_LEVEL = _LEVELS.index("level_3")


def _level(heading) -> int:
    """0 for 一、, 1 for （一）, 2 for 1. or （1）: the lower, the wider the section."""
    return _LEVELS.index(heading.lastgroup)


def _status_sections(document: Document, table: str) -> list[tuple[int, int, StatusWord]]:
    key = ("status_sections", table)
    if key not in document.memo:
        document.memo[key] = _find_sections(document, table)
    return document.memo[key]


def _find_sections(document: Document, table: str) -> list[tuple[int, int, StatusWord]]:
    text = document.text
    headings = [(match, _level(match)) for match in _ITEMS.heading.finditer(text)]
    if not headings:
        return []
    starts = [sentence.start for sentence in document.sentences]
    sections = []
    for index, (match, level) in enumerate(headings):
        stop = _ITEMS.title_end.search(text, match.end())
        title_end = stop.start() if stop else len(text)
        if title_end - match.end() > _TITLE_MAX:
            continue
        sentence = document.sentences[max(0, bisect.bisect_right(starts, match.end()) - 1)]
        if not _says_status(text, match.end(), title_end, sentence.end, table):
            continue  # most headings name a topic (一、基本情况): their facility and status words are not read
        if facility_words(keyword_pattern().finditer(text, match.end(), title_end)):
            continue
        said = [
            word for word in status_words(document, sentence, table)
            if match.end() <= word.start < title_end and word.strength >= 2 and word.status
        ]
        if not said:
            continue
        end = next((other.start() for other, deeper in headings[index + 1 :] if deeper <= level), len(text))
        best = max(said, key=lambda word: status_rank(table, word.status, word.strength))
        sections.append((match.start(), end, best))
    return sections


def _says_status(text: str, title_start: int, title_end: int, sentence_end: int, table: str) -> bool:
    """Whether a status word of `table` starts in the title: status_words reads a sentence whole (its
    markers and all), and a word it finds in the title is found by this one search too (the blanked
    words it leaves out are fewer, never more)."""
    found = status_pattern(table).search(text, title_start, sentence_end)
    return found is not None and found.start() < title_end

"""Sentences and clauses of normalised text, as offset spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_SENTENCE_END = re.compile(r"[。！？!?\n]+")
# A sentence is read as a whole by every extractor (its head for 力争, its figures one by one,
# its lists of names), so its length bounds their work. Real sentences stay far below this; a
# longer run without a stop (a PDF text layer without 。 or line breaks) is cut at its last
# clause mark, a comma or semicolon before a 、 so that a list of names stays whole.
LONGEST_SENTENCE = 1000


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


UNPLACED = Sentence(-1, 0, 0, 0)  # an item's sentence before its caller places it


def sentences(text: str) -> list[Sentence]:
    """Sentences split at 。！？ and line breaks; each knows its paragraph (line) number."""
    return list(_sentences(text))


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[Sentence, ...]:
    """Cached: facts, projects and infrastructure all read the same report's sentences."""
    return tuple(_split(text))


def _split(text: str) -> list[Sentence]:
    spans: list[Sentence] = []
    start, paragraph = 0, 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            _add_capped(spans, text, start, match.end(), paragraph)
        paragraph += match.group().count("\n")
        start = match.end()
    if start < len(text):
        _add_capped(spans, text, start, len(text), paragraph)
    return spans


def _add_capped(spans: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    """The sentence start..end, cut into pieces of at most LONGEST_SENTENCE characters."""
    while end - start > LONGEST_SENTENCE:
        cut = _last_mark(_clause_marks(text, strong=True), start) or _last_mark(_clause_marks(text), start)
        cut = cut or start + LONGEST_SENTENCE
        spans.append(Sentence(len(spans), start, cut, paragraph))
        start = cut
    spans.append(Sentence(len(spans), start, end, paragraph))


def _last_mark(marks: list[int], start: int) -> int | None:
    """Just after the last mark in the second half of the longest sentence from `start`, if any."""
    index = bisect.bisect_left(marks, start + LONGEST_SENTENCE) - 1
    return marks[index] + 1 if index >= 0 and marks[index] >= start + LONGEST_SENTENCE // 2 else None


def clause_start(text: str, position: int, floor: int) -> int:
    """Where the clause holding `position` starts (after the last ，；： before it), not before floor."""
    marks = _clause_marks(text)
    index = bisect.bisect_left(marks, position) - 1
    return max(floor, marks[index] + 1) if index >= 0 else floor


@lru_cache(maxsize=8)
def _clause_marks(text: str, strong: bool = False) -> list[int]:
    """Offsets of every clause mark in a text (only ，；： when strong), found once (clause_start
    runs for every figure)."""
    return [match.start() for match in (_STRONG_MARK if strong else _CLAUSE_MARK).finditer(text)]


_CLAUSE_MARK = re.compile(r"[，；;：:,、]")
_STRONG_MARK = re.compile(r"[，；;：:,]")

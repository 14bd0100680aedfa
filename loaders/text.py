"""Sentences and clauses of normalised text, as offset spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

_SENTENCE_END = re.compile(r"[。！？!?\n]+")


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
            spans.append(Sentence(len(spans), start, match.end(), paragraph))
        paragraph += match.group().count("\n")
        start = match.end()
    if start < len(text):
        spans.append(Sentence(len(spans), start, len(text), paragraph))
    return spans


def clause_start(text: str, position: int, floor: int) -> int:
    """Where the clause holding `position` starts (after the last ，；： before it), not before floor."""
    marks = _clause_marks(text)
    index = bisect.bisect_left(marks, position) - 1
    return max(floor, marks[index] + 1) if index >= 0 else floor


@lru_cache(maxsize=4)
def _clause_marks(text: str) -> list[int]:
    """Offsets of every clause mark in a text, found once (clause_start runs for every figure)."""
    return [match.start() for match in _CLAUSE_MARK.finditer(text)]


_CLAUSE_MARK = re.compile(r"[，；;：:,、]")

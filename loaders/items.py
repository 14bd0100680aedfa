"""What the projects and infrastructure extractors share about one document.

Its sentences and clauses, the sections about next steps (下步工作, 发展目标…, where a status
word is an intention), its quantities by position, and where a row points in the original.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache

from .item_lexicon import cue_pattern, patterns
from .schema import stable_id
from .text import Sentence, sentences
from .units import Quantity, find_quantities

_SHARED = patterns("items")
_LEVELS = ("level_1", "level_2", "level_3")
_TITLE_MAX = 20


class Quantities:
    """The quantities of one text (loaders.units), looked up by position without scanning them all."""

    def __init__(self, text: str):
        self.all = find_quantities(text)
        self._starts = [quantity.start for quantity in self.all]

    def within(self, start: int, end: int) -> tuple[Quantity, ...]:
        """Quantities starting in [start, end), in order."""
        return self.all[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]


class Document:
    """One normalised text with its sentences, quantities, clause breaks and plan sections."""

    def __init__(self, text: str):
        self.text = text
        self.sentences: list[Sentence] = sentences(text)
        self.quantities = Quantities(text)
        self._sentence_starts = [sentence.start for sentence in self.sentences]
        self.future_spans = _merged(_future_sections(text))
        self._future_starts = [start for start, _ in self.future_spans]
        self.memo: dict = {}  # per-sentence readings both extractors ask for (item_status)

    def sentences_holding(self, pattern: re.Pattern) -> list[Sentence]:
        """The sentences with a match of `pattern`, a word list (no word holds a sentence end): one
        search per sentence found, going on from its end, instead of one search per sentence."""
        found, position = [], 0
        while match := pattern.search(self.text, position):
            index = bisect.bisect_right(self._sentence_starts, match.start()) - 1
            sentence = self.sentences[index] if index >= 0 else None
            if sentence is None or match.end() > sentence.end:
                position = match.end()  # not inside one sentence: no sentence holds it
                continue
            found.append(sentence)
            position = sentence.end
        return found

    def in_future_section(self, position: int) -> bool:
        index = bisect.bisect_right(self._future_starts, position) - 1
        return index >= 0 and position < self.future_spans[index][1]

    def segment_starts(self, clauses: list[tuple[int, int]]) -> frozenset[int]:
        """Indices of the clauses that open a new part of their sentence (after a ；)."""
        return frozenset(index for index, (low, _) in enumerate(clauses) if index and self.text[low - 1] in "；;")

    def clauses(self, sentence: Sentence) -> list[tuple[int, int]]:
        """(start, end) of the clauses of a sentence, split at ，；： (found once for both extractors)."""
        key = ("clauses", sentence.index)
        if key not in self.memo:
            self.memo[key] = self._clauses(sentence.start, sentence.end)
        return self.memo[key]

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        spans, begin = [], start
        for match in _SHARED.clause_end.finditer(self.text, start, end):
            if match.start() > begin:
                spans.append((begin, match.start()))
            begin = match.end()
        if begin < end:
            spans.append((begin, end))
        return spans


@lru_cache(maxsize=2)
def document_of(text: str) -> Document:
    """The Document of a text, built once for both extractors (and its quantities with it)."""
    return Document(text)


def blank(pattern: re.Pattern, text: str) -> str:
    """text with every match of pattern replaced by spaces of the same length (offsets kept)."""
    return pattern.sub(lambda match: " " * len(match.group()), text)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _future_sections(text: str) -> list[tuple[int, int]]:
    """Spans of sections whose heading is about next steps (下步工作, 工作重点, 发展目标…)."""
    future_word = cue_pattern("future_headings")
    spans = []
    found: list[list[re.Match]] = [[] for _ in _LEVELS]
    for match in _SHARED.heading.finditer(text):  # one scan for all levels
        found[_LEVELS.index(match.lastgroup)].append(match)
    for level, matches in enumerate(found):
        higher = sorted(match.start() for above in found[: level + 1] for match in above)
        for match in matches:
            stop = _SHARED.title_end.search(text, match.end())
            title = text[match.end() : stop.start() if stop else len(text)]
            if len(title) > _TITLE_MAX or not future_word.search(title):
                continue
            following = bisect.bisect_right(higher, match.start())
            end = higher[following] if following < len(higher) else len(text)
            spans.append((match.start(), end))
    return spans


def clause_index(clauses: list[tuple[int, int]], position: int) -> int:
    """The clause holding `position`: the last one starting at or before it (the first if none does)."""
    return max(0, bisect.bisect_right(clauses, (position, math.inf)) - 1)


def quote_span(text: str, sentence: Sentence) -> tuple[int, int]:
    """The sentence without surrounding whitespace."""
    start, end = sentence.start, sentence.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def provenance(normalized, doc_id: str, prefix: str, start: int, end: int, name: str, quote: tuple[int, int]) -> dict:
    """id, raw, start/end and quote of a row, mapped back to the original text."""
    original_start, original_end = normalized.span(start, end)
    quote_start, quote_end = normalized.span(*quote)
    return {
        "id": stable_id(prefix, doc_id, original_start, original_end, name),
        "raw": normalized.original[original_start:original_end],
        "start": original_start,
        "end": original_end,
        "quote": normalized.original[quote_start:quote_end],
        "quote_start": quote_start,
        "quote_end": quote_end,
    }


def as_written(normalized, start: int, end: int, name: str) -> str:
    """The name with the report's own characters where simplification changed one (乾康 stays 乾康)."""
    if normalized.traditional:
        return name
    original_start, original_end = normalized.span(start, end)
    written_as_is = normalized.original[original_start:original_end] == normalized.text[start:end]
    if written_as_is and original_end - original_start == end - start:
        return name  # no character changed: nothing to put back
    changed = {}
    for position in range(start, end):
        origin = normalized.to_original(position)
        written = normalized.original[origin] if origin < len(normalized.original) else ""
        if written != normalized.text[position] and "\u4e00" <= written <= "\u9fff":
            changed[normalized.text[position]] = written
    return name.translate(str.maketrans(changed)) if changed else name


def inside(position: int, spans) -> bool:
    for start, end in spans:
        if start <= position < end:
            return True
    return False


def quoted_spans(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """Titles and quoted words of a sentence (《…规划》, “…”): they name nothing being built."""
    return [match.span() for match in _SHARED.quoted.finditer(text, sentence.start, sentence.end)]

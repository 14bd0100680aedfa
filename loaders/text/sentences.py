"""Sentences and clauses of normalised text, as offset spans."""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import NamedTuple

# A sentence: what stands before a run of 。！？ and line breaks, with that run (the last one may lack it).
_SENTENCE = re.compile(r"[^。！？!?\n]++[。！？!?\n]*+")
# A sentence is read as a whole by every extractor (its head for 力争, its figures one by one,
# its lists of names), so its length bounds their work. Real sentences stay far below this; a
# longer run without a stop (a PDF text layer without 。 or line breaks) is cut at its last
# clause mark, a comma or semicolon before a 、 so that a list of names stays whole.
LONGEST_SENTENCE = 1000
# Copies of PDF and web pages leave a comma before each list mark (A,、B,、C等): it ends no clause, lead or name.
STRAY_COMMAS = ",，"


class Sentence(NamedTuple):
    """A sentence's place in its text (a tuple: a report has thousands)."""

    index: int  # type: ignore[assignment]  # its number in the report; tuple.index() is never asked of a sentence
    start: int
    end: int
    paragraph: int


UNPLACED = Sentence(-1, 0, 0, 0)  # an item's sentence before its caller places it


class ClauseMarks:
    """Offsets of the clause marks of one text, found in one pass: clause_start runs for every figure."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def all(self) -> list[int]:
        """Every ，；;：:,、 of the text."""
        return [match.start() for match in _CLAUSE_MARK.finditer(self.text)]

    @cached_property
    def strong(self) -> list[int]:
        """The marks that end a clause for good (not 、, nor a stray comma right before one, as copies of
        PDF and web pages leave them in lists: A,、B,、C): where an overlong sentence is cut first."""
        text = self.text
        return [mark for mark in self.all if text[mark] != "、" and not (text[mark] in STRAY_COMMAS and text.startswith("、", mark + 1))]

    def clause_start(self, position: int, floor: int) -> int:
        """Where the clause holding `position` starts (after the last mark before it), not before floor."""
        index = bisect.bisect_left(self.all, position) - 1
        return max(floor, self.all[index] + 1) if index >= 0 else floor


def sentences(text: str, marks: ClauseMarks | None = None) -> list[Sentence]:
    """Sentences split at 。！？ and line breaks; each knows its paragraph (line) number. `marks`
    are the text's clause marks when the caller has them already (loaders.document)."""
    marks = marks or ClauseMarks(text)
    spans: list[Sentence] = []
    paragraph = counted = 0  # line breaks counted up to `counted`
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        paragraph += text.count("\n", counted, start)
        counted = start
        if end - start > LONGEST_SENTENCE:
            _add_capped(spans, marks, start, end, paragraph)
        else:
            spans.append(Sentence(len(spans), start, end, paragraph))
    return spans


def _add_capped(spans: list[Sentence], marks: ClauseMarks, start: int, end: int, paragraph: int) -> None:
    """The sentence start..end, cut into pieces of at most LONGEST_SENTENCE characters."""
    while end - start > LONGEST_SENTENCE:
        cut = _last_mark(marks.strong, start) or _last_mark(marks.all, start)
        cut = cut or start + LONGEST_SENTENCE
        spans.append(Sentence(len(spans), start, cut, paragraph))
        start = cut
    spans.append(Sentence(len(spans), start, end, paragraph))


def _last_mark(marks: list[int], start: int) -> int | None:
    """Just after the last mark in the second half of the longest sentence from `start`, if any."""
    index = bisect.bisect_left(marks, start + LONGEST_SENTENCE) - 1
    return marks[index] + 1 if index >= 0 and marks[index] >= start + LONGEST_SENTENCE // 2 else None


# A comma grouping thousands (1,600米: a digit before it, three digits and no more after it) ends no clause.
# The ASCII comma's test comes after it, so every branch opens on a mark: the engine skips to the next one at C speed.
_CLAUSE_MARK = re.compile(r"[，；;：:、]|,(?:(?<!\d,)|(?!\d{3}(?!\d)))")

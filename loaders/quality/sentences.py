"""The sentence a quality row points at: what a reader of the flag needs to judge it.

    sentence_bounds(text, start, end)   (left, right) of the sentence around text[start:end]
    flagged_sentence(text, start, end)  that sentence, stripped; None without a text or a span

The build keeps each flag's sentence (loaders/pipeline/summaries.py), so the Quality page never reads
the reports' texts; pages/_shared/coverage.py uses the same function when no summary is there.
"""

from __future__ import annotations

SENTENCE_ENDS = "。！？!?\n"
REACH = 400  # characters at most on either side of the span: a text without stops is no one sentence to quote


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from after the previous 。！？ or newline to the next one, inclusive,
    reaching at most REACH characters either side of the span."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    floor, ceiling = max(0, start - REACH), min(len(text), end + REACH)
    left = max(floor - 1, *(text.rfind(mark, floor, start) for mark in SENTENCE_ENDS)) + 1
    rights = [position for position in (text.find(mark, end, ceiling) for mark in SENTENCE_ENDS) if position != -1]
    right = min(rights) + 1 if rights else ceiling
    if right > left and text[right - 1] == "\n":
        right -= 1
    return left, max(right, end)


def flagged_sentence(text: str | None, start: int | None, end: int | None) -> str | None:
    """The stripped sentence around text[start:end], or None when the text or either offset is missing."""
    if not isinstance(text, str) or not isinstance(start, int) or not isinstance(end, int):
        return None
    left, right = sentence_bounds(text, start, end)
    return text[left:right].strip()

"""Offset spans of a text: where a line ends, and sorted spans merged where they overlap."""

from __future__ import annotations


def line_end(text: str, position: int) -> int:
    """The first line break at or after `position` (the text's length: none)."""
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, overlapping or touching ones joined, so that a position falls in at most one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged

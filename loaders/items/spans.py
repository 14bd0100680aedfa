"""What the projects and infrastructure extractors share beyond the document they read.

Which clause holds a position, blanking words out, and where a row points in the original text
(the document itself, its sentences, clauses, quoted titles and quantities, is loaders.document).
"""

from __future__ import annotations

import bisect
import math
import re

from ..contract.schema import stable_id
from ..text.sentences import Sentence


def blank(pattern: re.Pattern, text: str) -> str:
    """text with every match of pattern replaced by spaces of the same length (offsets kept)."""
    return pattern.sub(lambda match: " " * len(match.group()), text)


def clause_index(clauses: list[tuple[int, int]], position: int) -> int:
    """The clause holding `position`: the last one starting at or before it (the first if none does)."""
    return max(0, bisect.bisect_right(clauses, (position, math.inf)) - 1)


def clause_holding(document, sentence: Sentence, position: int) -> tuple[int, int]:
    """(start, end) of the clause of `sentence` holding `position`; the sentence is split into clauses
    when a rule first asks (Document.clauses), most sentences read for names never are."""
    clauses = document.clauses(sentence)
    return clauses[clause_index(clauses, position)]


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
    """The name with the report's own characters where normalizing changed one (乾康 stays 乾康, 金山路﹣障山路
    keeps its ﹣, a report in traditional script keeps 濱海路): a name is looked up as the report writes it."""
    original_start, original_end = normalized.span(start, end)
    written_as_is = normalized.original[original_start:original_end] == normalized.text[start:end]
    if written_as_is and original_end - original_start == end - start:
        return name  # no character changed: nothing to put back
    changed = {}
    for position in range(start, end):
        origin = normalized.to_original(position)
        written = normalized.original[origin] if origin < len(normalized.original) else ""
        if written != normalized.text[position] and not written.isspace() and normalized.text[position] not in changed:
            changed[normalized.text[position]] = written
    return name.translate(str.maketrans(changed)) if changed else name


def inside(position: int, spans) -> bool:
    for start, end in spans:
        if start <= position < end:
            return True
    return False


def sentence_part(document, sentence: Sentence, position: int) -> tuple[int, int]:
    """(start, end) of the part of `sentence`, between ；, that holds `position` (Document.segment_starts): aims
    and stages said in one part are not said of works named in another (预计年底建成通车；投资600万元建设A，并实施B)."""
    clauses = document.clauses(sentence)
    if not clauses:
        return sentence.start, sentence.end
    opening = document.segment_starts(clauses)
    index = clause_index(clauses, position)
    first = max((start for start in opening if start <= index), default=0)
    after = min((start for start in opening if start > index), default=len(clauses))
    return clauses[first][0], clauses[after - 1][1]

"""The width a text's lines were cut at, when a PDF text layer or a narrow column wrapped them.

normalize joins a line break inside a wrapped paragraph when the line before it is long (24
characters or more: a heading is shorter). Narrow columns (newspaper pages, two-column PDFs)
wrap well below that, so every sentence there is cut at each line. Their lines show it: runs
of three or more lines of the same width that end inside a sentence and hold clause marks.
When a text has such runs, a line as wide as them is a wrapped line too.

Widths are visual (a Chinese character counts 2, a digit or letter 1), since a line holding
figures holds more characters in the same width.

>>> column = "园区全年实现营业收入12.5亿\\n元，同比增长8%，其中规上工\\n业企业实现产值10亿元，新\\n签约项目12个。"
>>> wrap_width(column)
24
>>> wrap_width("一、园区概况\\n园区规划面积12平方公里。\\n二、主要指标\\n入驻企业50家。") is None
True
"""

from __future__ import annotations

MIN_RUN = 3  # lines in a row of one width that make a wrapped paragraph
MIN_WIDTH = 20  # ten Chinese characters: lists of short names are never joined
TOLERANCE = 2  # a line may end a character short of the width (a word that did not fit)
_CLAUSE_MARKS = "，、；,;"
_SENTENCE_ENDS = "。！？!?：:"


def visual_width(line: str) -> int:
    """Width in half-width cells: characters beyond one byte in UTF-8 count 2 (CJK take 3 bytes)."""
    wide = (len(line.encode("utf-8")) - len(line)) // 2
    return len(line) + wide


def wrap_width(text: str) -> int | None:
    """The width the text's lines were wrapped at, or None when no run of wrapped lines shows one."""
    if text.count("\n") < MIN_RUN:
        return None
    widths: list[int] = []
    run: list[int] = []
    marked = False  # whether a line of the run holds a clause mark
    for line in text.split("\n"):
        line = line.strip()
        width = _open_width(line)
        if width is None or not run or abs(width - run[0]) > TOLERANCE:
            if len(run) >= MIN_RUN and marked:
                widths.extend(run)
            run, marked = [], False
        if width is not None:
            run.append(width)
            marked = marked or any(mark in line for mark in _CLAUSE_MARKS)
    if len(run) >= MIN_RUN and marked:
        widths.extend(run)
    return min(widths) if widths else None


def _open_width(line: str) -> int | None:
    """The width of a line that ends inside a sentence and is wide enough to be wrapped, else None."""
    if not line or line[-1] in _SENTENCE_ENDS:
        return None
    width = visual_width(line)
    return width if width >= MIN_WIDTH else None

"""Projects named in a table under a project column (序号 | 项目名称 | 总投资（亿元） | 进展情况; 项目 or 企业名称 only
beside a progress column): each row's
name cell is a project whatever its name ends in (德润冷链物流园), its status the status word of the row's
progress cell (在建, 已投产), its investment the figure under an investment header, in that header's unit
(or the unit the table declares above it: 单位：亿元).

The cells come from text.table_lines (every shape of text table); a line without figures under the header
is a row too when it has the header's number of cells (项目名称 | 进展 ⏎ 德润冷链物流园 | 在建).
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from ..document import Document
from ..text.table_columns import read_unit
from ..text.table_lines import NUMBER, table_lines
from .lexicon import cue_pattern, cues
from .project_names import LISTED, TABLE, Mention, is_project_name, word_rank
from .status import StatusWord, status_words

_BRACKET_OPENS = "（("


class _Columns(NamedTuple):
    width: int
    name: int
    status: int | None
    investment: int | None
    factor: float | None  # yuan per figure of the investment column (亿元: 1e8)
    weak: bool = False  # a name column headed 项目 / 企业名称: a row is a project only when its progress says a status


def table_mentions(document: Document) -> list[Mention]:
    """One listed mention per row of every table whose header heads a project column."""
    text = document.text
    if not cue_pattern("project_column_headers").search(text) and not cue_pattern("progress_column_headers").search(text):
        return []  # no table of projects (most reports): the table lines need not be read
    starts = [sentence.start for sentence in document.sentences]
    mentions: list[Mention] = []
    columns, declared = None, None
    for event, cells in table_lines(text):
        if event == "units":
            unit = read_unit(cells[0][1])
            declared = unit.factor if unit and unit.dimension == "money" else None
            continue
        if event == "blank":
            columns, declared = None, None
            continue
        if event == "header":
            found = _project_columns([cell for _, cell in cells], declared)
            if found is not None:
                columns = found
                continue
        if columns is None or len(cells) != columns.width:
            columns = None if event == "header" else columns  # another header ends the table
            continue
        mention = _row_mention(document, starts, cells, columns)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _project_columns(cells: list[str], declared: float | None) -> _Columns | None:
    """Where a header's project names, progress and investment are; None when it heads no project column."""
    names, weak = set(cues()["project_column_headers"]), set(cues()["name_column_headers"])
    name = next((index for index, cell in enumerate(cells) if cell in names), None)
    strong = name is not None
    if not strong:
        name = next((index for index, cell in enumerate(cells) if cell in weak), None)
    if name is None:
        return None
    progress = cue_pattern("progress_column_headers")
    status = next((index for index, cell in enumerate(cells) if index != name and progress.search(cell)), None)
    if not strong and status is None:
        return None  # 项目 | 本月 | 累计, 企业名称 | 产值: indicators or firms' figures, no projects' progress
    investment, factor = None, None
    invested, done = cue_pattern("investment_column_headers"), cue_pattern("investment_done_headers")
    for index, cell in enumerate(cells):
        if index != name and invested.search(cell) and not done.search(cell):
            investment, factor = index, _header_factor(cell, declared)
            break
    return _Columns(len(cells), name, status, investment, factor, not strong)


def _header_factor(cell: str, declared: float | None) -> float | None:
    """总投资（亿元） -> 1e8; a header naming no unit takes the table's declared one."""
    opened = max(cell.rfind(mark) for mark in _BRACKET_OPENS)
    if opened >= 0:
        unit = read_unit(cell[opened + 1 :].rstrip("）)"))
        return unit.factor if unit and unit.dimension == "money" else None
    return declared


def _row_mention(document: Document, starts: list[int], cells, columns: _Columns) -> Mention | None:
    at, name = cells[columns.name]
    if NUMBER.fullmatch(name) or not is_project_name(name):
        return None
    sentence = document.sentences[bisect.bisect_right(starts, at) - 1]
    mention = Mention(at, at + len(name), name, LISTED, sentence, (at, at + len(name)), _investment(cells, columns))
    if columns.status is not None:
        mention.status = _cell_status(document, sentence, cells[columns.status])
    if columns.weak and mention.status is None:
        return None  # 项目 | 完成情况 ⏎ 工业总产值 | 80: an indicator, its progress a figure
    return mention


def _investment(cells, columns: _Columns) -> float | None:
    if columns.investment is None or columns.factor is None:
        return None
    figure = cells[columns.investment][1].replace(",", "")
    return float(figure) * columns.factor if NUMBER.fullmatch(figure) else None


def _cell_status(document: Document, sentence, cell: tuple[int, str]) -> StatusWord | None:
    """The most advanced status word of a progress cell (已投产, 在建, 主体完工), read in its sentence."""
    low, high = cell[0], cell[0] + len(cell[1])
    words = [word for word in status_words(document, sentence, TABLE) if low <= word.start < high and word.status]
    return max(words, key=word_rank, default=None)

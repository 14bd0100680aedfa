"""Indicator tables rendered as text: bare numbers whose unit is declared in a header, not beside them.

Statistics briefings write figures as rows of a table, with the unit above the rows
(单位：亿元 until a blank line), after the indicator name (营业收入（亿元）  56.3  12.5) or in a
unit column (工业总产值  亿元  356.2  8.5). A number of such a row becomes a quantity with the
declared unit; its offsets and raw stay on the number as written (text[start:end] == raw), the
unit is carried in the Quantity's unit field. A column under a growth header (增长%, 同比±%) gives
a percent marked `growth_column`, which the fact rules read as a growth rate. The header words
are data (lexicon/table_headers.yaml). Each line is read once, token by token: linear time.

>>> [(q.raw, q.value, q.unit, q.growth_column) for q in table_quantities("单位：亿元\\n营业收入  56.3  12.5")]
[('56.3', 5630000000.0, 'CNY', False), ('12.5', 12.5, '%', True)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .table_columns import (
    PERCENT,
    Column,
    DeclaredUnit,
    declared_units,
    has_any,
    header_columns,
    headers,
    heads_the_names,
    read_unit,
    unit_row,
)
from .units import Quantity

_CELL = re.compile(r"[^\s|｜]+")
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|-?\d{1,12}(?:\.\d{1,6})?%?")
_EMPTY_CELL = frozenset({"", "-", "—", "——", "/", "／", "…", "--"})
_PERIOD_CELL = re.compile(r"(?:\d{1,4}[-－~至]?)+(?:年|月|季度)")
_ROW_NUMBER = re.compile(r"(?:\d{1,3}[.、．]?|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,10})[）)]$")
_FIGURE_WITH_UNIT = re.compile(r"-?[\d.,]{1,20}+(\D{1,4})")
_NAME_LONGEST = 30
_INDICATOR_HEADER_LONGEST = 6  # 主要经济 before 指标
_LINE_LONGEST = 200  # a table row is short: prose lines are left to the prose rules
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_FIRST, _YEAR_LAST = 1949, 2049
_BAR = re.compile(r"[|｜]")
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,7}")  # 指 标, 项 目
_SPACED_LETTERS = re.compile(r" ")
_CELL_START = re.compile(r"(?:^|[\s|｜])[\u4e00-\u9fff]{0,4}$")  # 主要经济 before 指标, a cell's start before it
_DIGIT = re.compile(r"\d")
_RUN_OF_YEARS = re.compile(r"(?:(?:19|20)\d\d年){2,12}")
_ONE_YEAR = re.compile(r"(?:19|20)\d\d年")
_SIGNED_RUN = re.compile(r"-?\d{1,12}\.\d{1,6}(?:-\d{1,12}\.\d{1,6}){1,12}")  # 8.2-2.1: decimals run together at a sign
_ASCII_LETTERS = re.compile(r"[A-Za-z]{2}")
_ENGLISH = re.compile(r"[^\u4e00-\u9fff\d]*[A-Za-z]{2}[^\u4e00-\u9fff]*")  # Item, (100 million yuan)
_PERIOD_TITLE = re.compile(r"\d{4}年")  # 2016年上半年: the title of a table, not a column
_CJK_LETTER = re.compile(r"[\u4e00-\u9fff]")
_FIGURE_CHARACTERS = "0123456789.,%-"
_NAME_START = re.compile(r"[“\"《（(]?[\u4e00-\u9fff]")
# A figure standing alone between spaces, bars or line ends (each cell _NUMBER matches is one): a
# table row has one, and most reports have none at all, so their lines are not read one by one.
# It starts with a digit, so the engine skips ahead to the next one at C speed.
_FIGURE_CELL = re.compile(r"\d(?<![^\s|｜-]\d)(?<![^\s|｜]-\d)[\d,.]*+%?(?![^\s|｜])")


@lru_cache(maxsize=1)
def _unit_declaration() -> re.Pattern:
    labels = "|".join(re.escape(word) for word in headers()["unit_labels"])
    return re.compile(rf"(?:{labels})[：:]\s*([^）)\s]{{1,20}})")


class _Block:
    """What holds for the rows below: the declared units and the header's columns."""

    def __init__(self):
        self.units: list[DeclaredUnit] = []
        self.columns: list[Column] | None = None


Cells = list[tuple[int, str]]  # (offset in the text, cell)


class TableCell(NamedTuple):
    """What a table says of one figure beyond its number: the kind its column gives (value, growth
    or target), the words naming its period (its column's, 2024年1-9月, or its row's, 2022年) and, for
    a column headed by a subject (青禾开发区 over indicator rows), where that header is: the figure is
    that zone's when a zone is named there."""

    kind: str
    period: str = ""
    subject: tuple[int, int] | None = None


class Tables(NamedTuple):
    """The table figures of a text and, by figure start, the words that label each (its row's
    name and its column's header: the fact rules read a metric wording in them) and its cell."""

    quantities: list[Quantity]
    labels: dict[int, str]
    cells: dict[int, TableCell]


# A markdown table as web pages render one: a header line of cells, a rule line (---|---), then rows.
_MARKDOWN_RULE = re.compile(r"[ \t]*+\|?(?:[ \t]*+:?-{3,}+:?[ \t]*+\|)++(?:[ \t]*+:?-{3,}+:?[ \t]*+)?")


def _bar_cells(line: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, words) of each cell of a line split at its bars, the outer bars dropped."""
    cells, position = [], 0
    for part in line.split("|"):
        cells.append((start + position, start + position + len(part), part.strip()))
        position += len(part) + 1
    if cells and not cells[0][2]:
        cells = cells[1:]
    if cells and not cells[-1][2]:
        cells = cells[:-1]
    return cells


def markdown_cells(text: str) -> list[tuple[int, int, str]]:
    """(start, end, header words) of each body cell of the markdown tables of `text` (所在县市 | 总面积 |
    ⏎---|---|⏎基隆市 | 29 公顷 |): a figure written in a cell, unit and all, takes its column's header
    as its wording. A row the page wrapped onto a second line is joined while its cells do not
    outnumber the header's."""
    found: list[tuple[int, int, str]] = []
    if "|" not in text:
        return found  # every rule line and header line holds a bar
    header: list[tuple[int, int, str]] = []
    previous: tuple[int, str] = (0, "")
    pending: list[tuple[int, int, str]] = []  # the first cells of a row the page wrapped onto the next line
    for start, line in _lines(text):
        if _MARKDOWN_RULE.fullmatch(line):
            header, pending = (_bar_cells(previous[1], previous[0]) if "|" in previous[1] else []), []
        elif "|" not in line:
            header, pending = [], []
        elif header:
            cells = pending + _bar_cells(line, start)
            pending = cells if len(cells) < len(header) else []
            if len(cells) == len(header):
                found += [(cell_start, end, column[2]) for (cell_start, end, _), column in zip(cells, header, strict=True)]
        previous = (start, line)
    return found


def cell_labels(quantities: Sequence[Quantity], cells: list[tuple[int, int, str]]) -> dict[int, str]:
    """{quantity start: its column's header words} for the quantities inside markdown table cells."""
    if not cells:
        return {}  # most reports have no markdown table: their quantities are not looked up one by one
    starts = [start for start, _, _ in cells]
    labels = {}
    for quantity in quantities:
        index = bisect.bisect_right(starts, quantity.start) - 1
        if index >= 0 and quantity.end <= cells[index][1]:
            labels[quantity.start] = cells[index][2]
    return labels


def table_quantities(text: str) -> list[Quantity]:
    """Quantities of the bare numbers in table rows of `text`, in order."""
    return read_tables(text).quantities


def read_tables(text: str) -> Tables:
    """The figures of the table rows of `text` with their labels, read line by line."""
    found = Tables([], {}, {})
    if not _FIGURE_CELL.search(text):
        return found  # no figure stands alone in a cell: no row has one to read
    block = _Block()
    for event, cells in _table_lines(text):
        if event == "blank":
            block = _Block()
        elif event == "units":
            block.units = declared_units(cells[0][1])
        elif event == "header":
            _read_header(_letters_joined(cells), block)
        else:
            for quantity, label, cell in _row(cells, block):
                found.quantities.append(quantity)
                found.labels[quantity.start] = label
                found.cells[quantity.start] = cell
    return found


def _read_header(cells: Cells, block: _Block) -> None:
    """A header line sets the columns of the rows below; a line of units alone under it (亿元  万元)
    gives its columns their units, in order."""
    units = unit_row([cell for _, cell in cells]) if block.columns else None
    if units is not None and block.columns:
        data = [index for index, column in enumerate(block.columns) if column.kind not in ("name", "unit")]
        if len(units) == len(data):
            for index, unit in zip(data, units, strict=True):
                block.columns[index] = block.columns[index]._replace(unit=unit)
        return
    cells = _years_apart(cells)
    columns = header_columns([cell for _, cell in cells], [(at, at + len(cell)) for at, cell in cells])
    if columns is not None:
        block.columns = columns


def _years_apart(cells: Cells) -> Cells:
    """2021年2022年2023年: header cells of years run together, split after each 年 (certain)."""
    if not any(_RUN_OF_YEARS.fullmatch(cell) for _, cell in cells):
        return cells
    apart: Cells = []
    for at, cell in cells:
        if _RUN_OF_YEARS.fullmatch(cell):
            apart += [(at + match.start(), match.group()) for match in _ONE_YEAR.finditer(cell)]
        else:
            apart.append((at, cell))
    return apart


def _letters_joined(cells: Cells) -> Cells:
    """指 标  本 年: a header whose characters a PDF spaced apart, one space between letters and two
    between cells, read as 指标  本年."""
    if not any(len(cell) == 1 for _, cell in cells):
        return cells
    joined: list[tuple[int, str, int]] = []  # (start, letters, end in the text) of each cell
    for at, cell in cells:
        spaced = joined and len(cell) == 1 and at == joined[-1][2] + 1 and len(joined[-1][1]) < _NAME_LONGEST
        if spaced and _CJK_LETTER.fullmatch(cell) and _CJK_LETTER.fullmatch(joined[-1][1][-1]) \
                and joined[-1][2] - joined[-1][0] == 2 * len(joined[-1][1]) - 1:  # the cell before is spaced letters too
            joined[-1] = (joined[-1][0], joined[-1][1] + cell, at + 1)
            continue
        joined.append((at, cell, at + len(cell)))
    return [(at, cell) for at, cell, _ in joined]


def _lines(text: str):
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


def _is_figure(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell)) or cell in _EMPTY_CELL


def _table_lines(text: str):
    """("blank" | "units" | "header" | "row", cells) for each line of the text that may belong to a
    table. A table rendered one cell a line (营业收入 |⏎56.3 |⏎12.5 |) is put back into rows: a run
    of word cells is the header and, its last cell, the name of the row whose figures follow. Under
    a unit declaration a line of one short cell needs no bar (PDF text puts each cell on a line)."""
    pending: Cells = []  # word cells of a one-cell-a-line run, waiting for figures
    row: Cells = []
    group_heads: set[int] = set()  # header cells followed by an empty cell: a merged group header
    declared_block = False  # under a unit declaration, a line of one short cell is a cell too (PDF text)
    for start, line in _lines(text):
        flat = _flattened(line, start) if _may_start_a_table(line) else None
        if flat:
            if row:
                yield "row", row
            row, pending, group_heads = [], [], set()
            yield from flat
            continue
        if len(line) > _LINE_LONGEST:  # prose: it ends any table and is left to the prose rules
            if row:
                yield "row", row
            row, pending, group_heads = [], [], set()
            continue
        declared = _unit_declaration().search(line)
        if declared:
            declared_block = bool(declared_units(declared.group(1)))  # 建设单位：某公司 declares no unit
            yield "units", [(start + declared.start(1), declared.group(1))]
            continue
        stripped = line.strip()
        cells = _line_cells(line, start)
        if len(cells) == 1 and heads_the_names(cells[0][1]) and stripped == cells[0][1]:
            declared_block = True  # 指标名称 alone on its line: a table written one cell a line follows
        one_cell = len(cells) == 1 and declared_block and len(stripped) <= _NAME_LONGEST
        if one_cell or stripped.endswith(("|", "｜")) and len(cells) <= 1:
            if not cells:
                if pending and not row and stripped in ("|", "｜"):
                    group_heads.add(pending[-1][0])
                continue
            if _is_figure(cells[0][1]):
                if not row and pending:
                    name = 2 if len(pending) > 1 and read_unit(pending[-1][1]) else 1  # 营业收入⏎亿元⏎56.3
                    if len(pending) > name:
                        yield "header", _leaves(pending[:-name], group_heads)
                    row, pending = pending[-name:], []
                if row:
                    row.append(cells[0])
                continue
            if row:
                yield "row", row
                row = []
            pending.append(cells[0])
            continue
        if row:
            yield "row", row
        row, pending, group_heads = [], [], set()
        if not stripped:
            declared_block = False
            yield "blank", []
        elif not any(_NUMBER.fullmatch(cell) or _SIGNED_RUN.fullmatch(cell) for _, cell in cells):
            yield "header", cells
        elif _years_over_columns(cells):
            yield "header", [(at, f"{cell}年" if _NUMBER.fullmatch(cell) else cell) for at, cell in cells]
        else:
            yield "row", cells
    if row:
        yield "row", row


@lru_cache(maxsize=1)
def _flat_header() -> re.Pattern:
    """A name column's header before a space or bar (指标, 园区名称, 主要指标), its letters maybe spaced
    apart (指 标): where a table whose cells and rows a page ran into one line may start. It starts
    with a word, so the engine skips ahead to its first letters at C speed."""
    words = "|".join(" ?".join(map(re.escape, word)) for word in headers()["name_columns"])
    return re.compile(rf"(?:{words})(?: ?名 ?称)?(?=[\s|｜])")


def _may_start_a_table(line: str) -> bool:
    """Whether a name column's header stands as a cell of its own somewhere in the line (after a
    space, a bar or the line start, or after a few letters before 指标: 主要经济指标)."""
    for match in _flat_header().finditer(line):
        before = line[max(0, match.start() - _INDICATOR_HEADER_LONGEST) : match.start()]
        if not before or before[-1] in " \t|｜" or match.group().startswith("指") and _CELL_START.search(before):
            return True
    return False


def _flattened(line: str, start: int) -> list[tuple[str, Cells]] | None:
    """A table a page ran into one line (指标 单位 2023年 2024年 营业收入 亿元 50.2 56.3 税收 …) as
    header and row events: the header runs from the name column's cell to the name of the first
    row (and its unit, under a unit column), then each row is a name, its unit and exactly one cell
    a column. None unless every cell after the header falls in such a row: a line that does not split
    so is prose."""
    cells = _letters_joined([(match.start() + start, match.group()) for match in _CELL.finditer(line)])
    figure = next((index for index, (_, cell) in enumerate(cells) if _NUMBER.fullmatch(cell)), len(cells))
    first = max((index for index in range(figure) if heads_the_names(cells[index][1])), default=None)
    if first is None or figure - first < 3 or figure == len(cells):
        return None  # 表1 主要经济指标 指标 单位 …: the name column's header is the last before the figures
    cells, figure = cells[first:], figure - first
    name = 2 if read_unit(cells[figure - 1][1]) else 1
    header = cells[: figure - name]
    columns = header_columns([cell for _, cell in header])
    if not columns or columns[0].kind != "name" or any(column.kind == "unit" for column in columns) != (name == 2):
        return None
    width = name + sum(column.kind not in ("name", "unit") for column in columns)
    events: list[tuple[str, Cells]] = [("header", header)]
    declared = _unit_declaration().search(line, 0, cells[0][0] - start)
    if declared and declared_units(declared.group(1)):
        events.insert(0, ("units", [(start + declared.start(1), declared.group(1))]))
    position = figure - name
    while position + width <= len(cells) and _a_flat_row(cells[position : position + width], name):
        events.append(("row", cells[position : position + width]))
        position += width
    whole = position == len(cells) and position > figure - name  # every cell after the header in a row
    return events if whole else None


def _a_flat_row(cells: Cells, name: int) -> bool:
    """A name (and a unit), then figures or empty cells only."""
    if not _NAME_START.match(cells[0][1]) or _NUMBER.fullmatch(cells[0][1]) or heads_the_names(cells[0][1]):
        return False
    if name == 2 and not read_unit(cells[1][1]):
        return False
    return all(_is_figure(cell) for _, cell in cells[name:])


def _line_cells(line: str, start: int) -> Cells:
    """The cells of a line: split at its bars when it has two or more (| 其中: 工业 | 56.3 |, a cell
    may hold spaces, an empty one stays as ""), else at spaces; an English translation beside the
    Chinese (Gross Domestic Product) is no cell."""
    if line.count("|") + line.count("｜") < 2:
        cells = [(match.start() + start, match.group()) for match in _CELL.finditer(line)]
    else:
        cells, position = [], 0
        for part in _BAR.split(line):
            words = part.strip()
            at = start + position + (part.find(words) if words else 0)
            cells.append((at, _SPACED_LETTERS.sub("", words) if _LETTER_SPACED.fullmatch(words) else words))
            position += len(part) + 1
        while cells and not cells[-1][1]:
            cells.pop()
        if cells and not cells[0][1]:
            cells = cells[1:]
    if not _ASCII_LETTERS.search(line):
        return cells
    return [(at, cell) for at, cell in cells if not _ENGLISH.fullmatch(cell) or read_unit(cell)]


def _years_over_columns(cells: Cells) -> bool:
    """| 项目 | 2021 | 2022 | 2023 |: a word, then bare years one after the other, heads period columns."""
    if not _YEAR.fullmatch(cells[-1][1]):
        return False  # a quick no for every row of figures
    filled = [cell for _, cell in cells[1:] if cell]
    if _NUMBER.fullmatch(cells[0][1]) or len(filled) < 2 or not all(_YEAR.fullmatch(cell) for cell in filled):
        return False
    years = [int(cell) for cell in filled]
    ascending = all(later > earlier for earlier, later in zip(years, years[1:], strict=False))
    descending = all(later < earlier for earlier, later in zip(years, years[1:], strict=False))
    return (ascending or descending) and _YEAR_FIRST <= min(years) and max(years) <= _YEAR_LAST


def _leaves(cells: Cells, group_heads: set[int]) -> Cells:
    """Header cells but the merged group headers (收入合计 over 绝对值 and 增速) and the period titles
    above the name column's cell (2016年上半年 over 指标): a period after it heads a column."""
    leaves, group = [], ""
    named = next((index for index, (_, cell) in enumerate(cells) if heads_the_names(cell)), None)
    for index, (at, cell) in enumerate(cells):
        if at in group_heads:
            group = cell
        elif not (_PERIOD_TITLE.match(cell) and (named is None or index < named)):
            leaves.append((at, group + cell))
    return leaves


def _row_name(cells: Cells) -> Cells:
    """The row's cells with its number dropped (1  营业收入) and a name run into its first figure
    split off (营业收入56.3: the split is certain, words end where the digits start)."""
    if cells and _ROW_NUMBER.fullmatch(cells[0][1]) and len(cells) > 2:
        cells = cells[1:]  # a row number before the name
    if not cells:
        return cells
    at, name = cells[0]
    figure_start = len(name.rstrip(_FIGURE_CHARACTERS))
    if 0 < figure_start < len(name) and _CJK_LETTER.fullmatch(name[figure_start - 1]):
        figure = name[figure_start:]
        if _NUMBER.fullmatch(figure) and not _DIGIT.search(name, 0, figure_start):
            return [(at, name[:figure_start]), (at + figure_start, figure), *cells[1:]]
    return cells


def _row(cells: Cells, block: _Block) -> list[tuple[Quantity, str, TableCell]]:
    """The quantities of one row: an indicator or zone name, its unit if written, then only figures."""
    cells = _row_name(cells)
    row_period = _row_period(cells, block)
    if row_period:
        cells = [(cells[0][0], ""), *cells[1:]]  # 2022年  50.2  3200: the row's name is its period
    elif not cells or not _NAME_START.match(cells[0][1]) or len(cells[0][1]) > _NAME_LONGEST:
        return []
    name = cells[0][1]
    if _DIGIT.search(name):
        return []
    row_units = block.units
    bracket = _NAME_UNIT.search(name)
    if bracket:
        row_units = declared_units(bracket.group(1)) or row_units
    width = sum(column.kind not in ("name", "unit") for column in block.columns) if block.columns else None
    read = _figures_under(cells[1:], block.columns) or _figures(cells[1:], width)
    if read is None:
        return []  # words among the figures: prose, not a row
    written, own, figures, columns = read
    row_units = written or row_units or own
    columns = columns or [column for column in block.columns or () if column.kind not in ("name", "unit")]
    if len(columns) != len(figures):
        if block.columns and len(figures) > 2:
            return []  # the header does not say which figure is which
        columns = [Column("value"), Column("growth")] if len(figures) == 2 else [Column("value")]
    if not row_units and not any(column.unit for column in columns):
        return []
    in_order = len(row_units) == len(columns) > 1 and not written and not bracket  # 单位：个、亿元 over 项目数  金额
    amount_unit = next((unit for unit in row_units if unit.dimension != "percent"), row_units[0]) if row_units else None
    found, value_words = [], ""  # a growth column is the growth of the value column before it
    for index, (column, figure) in enumerate(zip(columns, figures, strict=False)):
        if column.kind in ("value", "target"):
            value_words = column.words
        unit = column.unit or (row_units[index] if in_order else None) or amount_unit
        if column.kind == "growth" and (unit is None or unit.dimension != "percent"):
            unit = PERCENT
        if figure is None or column.kind not in ("value", "growth", "target") or unit is None:
            continue
        quantity = _quantity(figure, unit, column.kind == "growth")
        if quantity is not None:
            words = f"{value_words} {column.words}" if column.kind == "growth" else column.words
            cell = TableCell(column.kind, column.period or row_period, column.subject)
            found.append((quantity, f"{name} {words}".strip(), cell))
    return found


def _row_period(cells: Cells, block: _Block) -> str:
    """2022 or 2022年 naming a row under a 年份 header: the row's period, else ""."""
    first = block.columns[0] if block.columns else None
    if not cells or first is None or first.kind != "name" or not has_any("period_name_columns", first.words):
        return ""
    year = cells[0][1].removesuffix("年")
    return f"{year}年" if _YEAR.fullmatch(year) and _YEAR_FIRST <= int(year) <= _YEAR_LAST else ""


Figures = tuple[list[DeclaredUnit], list[DeclaredUnit], list[tuple[int, str] | None], list[Column]]


def _figures_under(cells: Cells, columns: list[Column] | None) -> Figures | None:
    """The figures of a row whose header has note columns (级别, 批准时间, 主导产业), read cell by cell
    under its header: words stand only under a note or unit column. None when the row's cells do not
    match the header one for one, or words stand under a figure's column."""
    heads = [column for column in columns or () if column.kind != "name"]
    if not any(column.kind == "note" for column in heads) or len(cells) != len(heads):
        return None
    written: list[DeclaredUnit] = []
    figures: list[tuple[int, str] | None] = []
    kept: list[Column] = []
    for (at, cell), column in zip(cells, heads, strict=True):
        if column.kind == "note" or column.kind == "unit":
            unit = read_unit(cell) if column.kind == "unit" else None
            written = [unit] if unit else written
            continue
        if not _is_figure(cell):
            return None
        figures.append((at, cell) if cell not in _EMPTY_CELL else None)
        kept.append(column)
    return written, [], figures, kept


def _figures(cells: Cells, width: int | None = None) -> Figures | None:
    """The figures of a row's cells after its name (None for an empty cell or one read with its own
    unit by loaders.text.units), the unit its unit column writes and the first unit a figure carries;
    None when words are among them. Decimals run together at a minus sign (8.2-2.1) are split there
    when that gives the header's `width` of figures exactly: a sign always starts a number."""
    written: list[DeclaredUnit] = []
    own: list[DeclaredUnit] = []
    figures: list[tuple[int, str] | None] = []
    if width is not None and any(_SIGNED_RUN.fullmatch(cell) for _, cell in cells):
        apart = [piece for at, cell in cells for piece in _at_signs(at, cell)]
        if len(apart) == width + sum(read_unit(cell) is not None for _, cell in cells):
            cells = apart
    for at, cell in cells:
        unit = read_unit(cell)
        if unit is not None:
            written = [unit]  # the unit column
            continue
        if _PERIOD_CELL.fullmatch(cell):
            continue
        if cell in _EMPTY_CELL:
            figures.append(None)
            continue
        with_unit = _FIGURE_WITH_UNIT.fullmatch(cell)
        own_unit = read_unit(with_unit.group(1)) if with_unit and not _NUMBER.fullmatch(cell) else None
        if own_unit is not None:
            figures.append(None)  # 56.3亿元: a figure with its own unit, read by loaders.text.units
            own = own or [own_unit]
            continue
        if not _NUMBER.fullmatch(cell):
            return None
        figures.append((at, cell))
    return written, own, figures, []


def _at_signs(at: int, cell: str) -> Cells:
    """8.2-2.1 -> 8.2 and -2.1 (each a decimal); any other cell as it is."""
    if not _SIGNED_RUN.fullmatch(cell):
        return [(at, cell)]
    pieces, begin = [], 0
    for position in range(1, len(cell)):
        if cell[position] == "-":
            pieces.append((at + begin, cell[begin:position]))
            begin = position
    return [*pieces, (at + begin, cell[begin:])]


def _quantity(figure: tuple[int, str], unit: DeclaredUnit, growth: bool) -> Quantity | None:
    at, raw = figure
    number = raw.rstrip("%").replace(",", "")
    if not growth and _YEAR.fullmatch(number) and not raw.endswith("%"):
        return None  # a bare year is never a value
    value = float(number)
    if growth or raw.endswith("%") or unit.dimension == "percent":
        return Quantity(at, at + len(raw), value, "%", "percent", raw, growth_column=growth)
    return Quantity(at, at + len(raw), float(f"{value * unit.factor:.12g}"), unit.unit, unit.dimension, raw)

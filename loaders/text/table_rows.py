"""Indicator tables rendered as text, read as grids: each bare number with its row and its column.

Statistics briefings and reports write figures as tables: rows name indicators (营业收入), zones
(青禾经济开发区) or years (2022); columns name periods (2023年, 1-9月), kinds (增长 -> growth,
目标 -> target, 上年 and 占比 left out), metrics or zones. The unit is declared above the rows
(单位：亿元 until a blank line, or 单位：个、亿元 in column order), in a unit row under the header,
after the indicator name (营业收入（亿元）) or in a unit column. Each figure becomes a quantity with
that unit, its offsets and raw on the number as written (text[start:end] == raw), and a TableCell
saying its column's kind, its period and the zone a column header names; a growth column's figure is
marked `growth_column`. Where the cells are is table_lines', what a header says table_columns'; the
words are data (lexicon/table_headers.yaml). A row is read only when its figures match the header
one for one (or, with no header, a value and its growth): a figure is never put under a guessed column.

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
    read_unit,
    under_groups,
    unit_row,
)
from .table_lines import (
    CJK_LETTER,
    EMPTY_CELL,
    NAME_LONGEST,
    NAME_START,
    NUMBER,
    SIGNED_RUN,
    YEAR,
    YEAR_FIRST,
    YEAR_LAST,
    Cells,
    box_strokes_as_bars,
    is_figure,
    is_year_label,
    lines,
    table_lines,
)
from .units import Quantity

_PERIOD_CELL = re.compile(r"(?:\d{1,4}[-－~至]?)+(?:年|月|季度)")
_ROW_NUMBER = re.compile(r"(?:\d{1,3}[.、．]?|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,10})[）)]$")
_NAME_NOTE = re.compile(r"[（(]([^（）()]{1,10})[）)]")  # 总产出指数(上年=100): a bracket that is no unit
_FIGURE_WITH_UNIT = re.compile(r"-?[\d.,]{1,20}+(\D{1,4})")
_DIGIT = re.compile(r"\d")
_FIGURE_CHARACTERS = "0123456789.,%-"
# A figure standing alone between spaces, bars or line ends (each cell NUMBER matches is one): a
# table row has one, and most reports have none at all, so their lines are not read one by one.
# It starts with a digit, so the engine skips ahead to the next one at C speed.
_FIGURE_CELL = re.compile(r"\d(?<![^\s|｜-]\d)(?<![^\s|｜]-\d)[\d,.]*+%?(?![^\s|｜])")


class _Block:
    """What holds for the rows below: the declared units and the header's columns."""

    def __init__(self):
        self.units: list[DeclaredUnit] = []
        self.columns: list[Column] | None = None
        self.header_above = False  # the line above is a header: this one may split its columns
        self.header_at: int | None = None  # where the header line starts
        self.unitless_rows = False  # the last row's bracket (构成(%), 指数(上年=100)) gives rows below no amount unit
        self.caption = ""  # the words before the unit declaration on its line (表1 各园区营业额简表)
        self.year_columns = False  # the header is a year label over years (年度  2022  2023)
        self.zone_named = False  # under such a header, a row named a zone (某某园区) was read


class TableCell(NamedTuple):
    """What a table says of one figure beyond its number: the kind its column gives (value, growth
    or target), the words naming its period (its column's, 2024年1-9月, or its row's, 2022年) and, for
    a column headed by a subject (青禾开发区 over indicator rows), where that header is: the figure is
    that zone's when a zone is named there. A total row's (合计) figure is the zone's the table is
    about, named last before `table_at` where its header starts, not the zone of the row above."""

    kind: str
    period: str = ""
    subject: tuple[int, int] | None = None
    table_at: int | None = None
    row: tuple[int, int] | None = None  # where the name of a row under a zone name column is (园区名称 over it)
    rows: tuple[tuple[int, int], ...] = ()  # a total row's: where the names of its table's zone rows are
    table: int | None = None  # a zone row's: where its table's header starts


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
    for start, line in lines(text):
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


def read_tables(text: str, roc: bool = False) -> Tables:
    """The figures of the table rows of `text` with their labels, read line by line (`roc`: the text
    writes ROC years, table_lines')."""
    found = Tables([], {}, {})
    if not _FIGURE_CELL.search(box_strokes_as_bars(text)):
        return found  # no figure stands alone in a cell: no row has one to read
    block = _Block()
    for event, cells in table_lines(text, roc):
        if event == "blank":
            block = _Block()
        elif event == "units":
            block.units = declared_units(cells[0][1])
            block.caption = cells[1][1] if len(cells) > 1 else ""
        elif event == "header":
            _read_header(cells, block)
        else:
            block.header_above = False
            for row in _rows_run_together(cells, block.columns):
                for quantity, label, cell in _row(row, block):
                    found.quantities.append(quantity)
                    found.labels[quantity.start] = label
                    found.cells[quantity.start] = cell
    return _totals_with_their_rows(found)


def _totals_with_their_rows(found: Tables) -> Tables:
    """Each total row's figure (合计 under zone rows) given where its table's zone rows are named."""
    totals = [(start, cell.table_at) for start, cell in found.cells.items() if cell.table_at is not None]
    if not totals:
        return found
    rows: dict[int, set[tuple[int, int]]] = {}
    for cell in found.cells.values():
        if cell.row is not None and cell.table is not None:
            rows.setdefault(cell.table, set()).add(cell.row)
    for start, table_at in totals:
        found.cells[start] = found.cells[start]._replace(rows=tuple(sorted(rows.get(table_at, ()))))
    return found


def _rows_run_together(cells: Cells, columns: list[Column] | None) -> list[Cells]:
    """工业总产值  1200  3.1  营业收入  1100  2.1: rows a page ran into one line under a header of
    their columns, split where each name starts again: only when every run of the header's width
    is a name followed by figures (or a unit under a unit column), else the line as one row."""
    width = len(columns or ())
    if width < 2 or len(cells) < 2 * width or len(cells) % width or columns is None or columns[0].kind != "name":
        return [cells]
    rows = [cells[index : index + width] for index in range(0, len(cells), width)]
    for row in rows:
        if not NAME_START.match(row[0][1]) or is_figure(row[0][1]) or len(row[0][1]) > NAME_LONGEST:
            return [cells]
        for (_, cell), column in zip(row[1:], columns[1:], strict=True):
            if not (is_figure(cell) or column.kind == "unit" and read_unit(cell)):
                return [cells]
    return rows


def _read_header(cells: Cells, block: _Block) -> None:
    """A header line sets the columns of the rows below; one right under it splits its columns when
    it holds the same sub-columns under each (绝对值  增速  绝对值  增速); a line of units alone under
    it (亿元  万元) gives its columns their units, in order."""
    units = unit_row([cell for _, cell in cells]) if block.columns else None
    if units is not None and block.columns:
        data = [index for index, column in enumerate(block.columns) if column.kind not in ("name", "unit", "note")]
        if len(units) == len(data):
            for index, unit in zip(data, units, strict=True):
                block.columns[index] = block.columns[index]._replace(unit=unit)
        return
    columns = header_columns([cell for _, cell in cells], [(at, at + len(cell)) for at, cell in cells])
    if columns is not None:
        grouped = under_groups(block.columns, columns) if block.header_above and block.columns else None
        block.columns, block.header_above = grouped or columns, True
        block.header_at = block.header_at if grouped else cells[0][0]
        block.year_columns = columns[0].kind == "name" and is_year_label(columns[0].words) and sum(
            column.kind == "value" and bool(column.period) for column in columns) >= 2


def _row_name(cells: Cells) -> Cells:
    """The row's cells with its number dropped (1  营业收入) and a name run into its first figure
    split off (营业收入56.3: the split is certain, words end where the digits start)."""
    if cells and _ROW_NUMBER.fullmatch(cells[0][1]) and len(cells) > 2:
        cells = cells[1:]  # a row number before the name
    if not cells:
        return cells
    at, name = cells[0]
    figure_start = len(name.rstrip(_FIGURE_CHARACTERS))
    if 0 < figure_start < len(name) and CJK_LETTER.fullmatch(name[figure_start - 1]):
        figure = name[figure_start:]
        if NUMBER.fullmatch(figure) and not _DIGIT.search(name, 0, figure_start):
            return [(at, name[:figure_start]), (at + figure_start, figure), *cells[1:]]
    return cells


def _row(cells: Cells, block: _Block) -> list[tuple[Quantity, str, TableCell]]:
    """The quantities of one row: an indicator or zone name, its unit if written, then only figures."""
    cells, heads, matched = _after_notes(_row_name(cells), block.columns)
    if not matched:
        return []
    row_period = _row_period(cells, block)
    if row_period:
        cells = [(cells[0][0], ""), *cells[1:]]  # 2022年  50.2  3200: the row's name is its period
    elif not cells or not NAME_START.match(cells[0][1]) or len(cells[0][1]) > NAME_LONGEST:
        return []
    name = cells[0][1]
    row_units = block.units
    bracket = _NAME_UNIT.search(name) or _NAME_NOTE.search(name)
    if bracket:
        named_units = declared_units(bracket.group(1))
        shares = bool(named_units) and all(unit.dimension == "percent" for unit in named_units)
        block.unitless_rows = shares or "=" in bracket.group(1)  # 构成(%), 指数(上年=100); not (不含农户)
        row_units = named_units or row_units
    elif block.unitless_rows:
        return []  # 总产出构成(%) ⏎ 第一产业  10.50: the rows under it are shares, not amounts
    if _DIGIT.search(name):
        return []
    read = _figures_under(cells[1:], heads) or _figures(cells[1:], heads)
    if read is None:
        return []  # words among the figures: prose, not a row
    written, own, figures, columns = read
    row_units = written or row_units or own
    columns = columns or [column for column in heads or () if column.kind not in ("name", "unit")]
    if len(columns) != len(figures):
        if heads and len(figures) > 2:
            return []  # the header does not say which figure is which
        columns = [Column("value"), Column("growth")] if len(figures) == 2 else [Column("value")]
    if not row_units and not any(column.unit or column.kind == "growth" for column in columns):
        return []  # no unit anywhere: only a growth column (its figures are percent) may be read
    in_order = len(row_units) == len(columns) > 1 and not written and not bracket  # 单位：个、亿元 over 项目数  金额
    amount_unit = next((unit for unit in row_units if unit.dimension != "percent"), row_units[0]) if row_units else None
    found, value_words = [], ""  # a growth column is the growth of the value column before it
    zone_rows = _zone_rows(block) or block.year_columns and _zone_row_under_years(name, block)
    total = block.header_at if zone_rows and has_any("total_rows", name) else None  # the row's, not a figure's
    row = (cells[0][0], cells[0][0] + len(name)) if zone_rows and total is None and not row_period else None
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
            cell = TableCell(column.kind, column.period or row_period, column.subject, total, row, (), block.header_at if row else None)
            found.append((quantity, f"{block.caption} {name} {words}".strip(), cell))
    return found


def _after_notes(cells: Cells, columns: list[Column] | None) -> tuple[Cells, list[Column] | None, bool]:
    """A row under a header whose name column comes after note columns (所在市  开发区名称  营业收入):
    the cells from its name on and the columns from the name column on, and whether the row matches
    the header cell for cell (it must, to tell its name from its notes)."""
    name = next((index for index, column in enumerate(columns or ()) if column.kind == "name"), 0)
    if not name or columns is None:
        return cells, columns, True
    return cells[name:], columns[name:], len(cells) == len(columns)


def _zone_rows(block: _Block) -> bool:
    """Whether the rows of the block's table name zones (园区名称 over them)."""
    name = next((column for column in block.columns or () if column.kind == "name"), None)
    return name is not None and has_any("zone_name_columns", name.words)


def _zone_row_under_years(name: str, block: _Block) -> bool:
    """Under a year label over years (年度  106  107), a row whose name holds a zone word (某某园区) is a
    zone's, and a total row (合计) after such rows is their sum."""
    if has_any("zone_name_columns", name):
        block.zone_named = True
        return True
    return block.zone_named and has_any("total_rows", name)


@lru_cache(maxsize=256)
def _names_periods(words: str) -> bool:
    return has_any("period_name_columns", words)


def _row_period(cells: Cells, block: _Block) -> str:
    """2022 or 2022年 naming a row under a 年份 header: the row's period, else ""."""
    first = block.columns[0] if block.columns else None
    if not cells or first is None or first.kind != "name" or not _names_periods(first.words):
        return ""
    year = cells[0][1].removesuffix("年")
    return f"{year}年" if YEAR.fullmatch(year) and YEAR_FIRST <= int(year) <= YEAR_LAST else ""


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
        if not is_figure(cell):
            return None
        figures.append((at, cell) if cell not in EMPTY_CELL else None)
        kept.append(column)
    return written, [], figures, kept


def _figures(cells: Cells, heads: list[Column] | None = None) -> Figures | None:
    """The figures of a row's cells after its name (None for an empty cell or one read with its own
    unit by loaders.text.units), the unit its unit column writes and the first unit a figure carries;
    None when words are among them. Decimals run together at a minus sign (8.2-2.1) are split there
    when that gives the header's count of figure columns exactly: a sign always starts a number."""
    written: list[DeclaredUnit] = []
    own: list[DeclaredUnit] = []
    figures: list[tuple[int, str] | None] = []
    if heads and any("-" in cell[1:] and SIGNED_RUN.fullmatch(cell) for _, cell in cells):
        apart = [piece for at, cell in cells for piece in _at_signs(at, cell)]
        width = sum(column.kind not in ("name", "unit") for column in heads)
        if len(apart) == width + sum(read_unit(cell) is not None for _, cell in cells):
            cells = apart
    for at, cell in cells:
        unit = read_unit(cell)
        if unit is not None:
            written = [unit]  # the unit column
            continue
        if _PERIOD_CELL.fullmatch(cell):
            continue
        if cell in EMPTY_CELL:
            figures.append(None)
            continue
        with_unit = _FIGURE_WITH_UNIT.fullmatch(cell)
        own_unit = read_unit(with_unit.group(1)) if with_unit and not NUMBER.fullmatch(cell) else None
        if own_unit is not None:
            figures.append(None)  # 56.3亿元: a figure with its own unit, read by loaders.text.units
            own = own or [own_unit]
            continue
        if not NUMBER.fullmatch(cell):
            return None
        figures.append((at, cell))
    return written, own, figures, []


def _at_signs(at: int, cell: str) -> Cells:
    """8.2-2.1 -> 8.2 and -2.1 (each a decimal); any other cell as it is."""
    if not SIGNED_RUN.fullmatch(cell):
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
    if not growth and YEAR.fullmatch(number) and not raw.endswith("%"):
        return None  # a bare year is never a value
    value = float(number)
    if growth or raw.endswith("%") or unit.dimension == "percent":
        return Quantity(at, at + len(raw), value, "%", "percent", raw, growth_column=growth)
    return Quantity(at, at + len(raw), float(f"{value * unit.factor:.12g}"), unit.unit, unit.dimension, raw)

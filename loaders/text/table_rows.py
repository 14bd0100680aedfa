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

from ..lexicon_files import read_yaml
from .units import CURRENCY_BEFORE, Quantity, multipliers, units

_CELL = re.compile(r"[^\s|｜]+")
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|-?\d{1,12}(?:\.\d{1,6})?%?")
_EMPTY_CELL = frozenset({"-", "—", "——", "/", "／", "…", "--"})
_PERIOD_CELL = re.compile(r"(?:\d{1,4}[-－~至]?)+(?:年|月|季度)")
_ROW_NUMBER = re.compile(r"(?:\d{1,3}[.、．]?|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,10})[）)]$")
_UNIT_LIST_SPLIT = re.compile(r"[、，,/／;；]")
_FIGURE_WITH_UNIT = re.compile(r"-?[\d.,]{1,20}+(\D{1,4})")
_NAME_LONGEST = 30
_LINE_LONGEST = 200  # a table row is short: prose lines are left to the prose rules
_YEAR = re.compile(r"(?:19|20)\d\d")
_PERIOD_TITLE = re.compile(r"\d{4}年")  # 2016年上半年: the title of a table, not a column
_NAME_START = re.compile(r"[“\"《（(]?[\u4e00-\u9fff]")
# A figure standing alone between spaces, bars or line ends (each cell _NUMBER matches is one): a
# table row has one, and most reports have none at all, so their lines are not read one by one.
# It starts with a digit, so the engine skips ahead to the next one at C speed.
_FIGURE_CELL = re.compile(r"\d(?<![^\s|｜-]\d)(?<![^\s|｜]-\d)[\d,.]*+%?(?![^\s|｜])")


class DeclaredUnit(NamedTuple):
    unit: str
    factor: float
    dimension: str


_PERCENT = DeclaredUnit("%", 1.0, "percent")


@lru_cache(maxsize=1)
def headers() -> dict[str, list[str]]:
    return read_yaml("table_headers.yaml")


@lru_cache(maxsize=1)
def _unit_declaration() -> re.Pattern:
    labels = "|".join(re.escape(word) for word in headers()["unit_labels"])
    return re.compile(rf"(?:{labels})[：:]\s*([^）)\s]{{1,20}})")


def declared_units(words: str) -> list[DeclaredUnit]:
    """亿元、% -> the units a declaration names, in order; unknown words are skipped.

    >>> [u.unit for u in declared_units("万元、%")]
    ['CNY', '%']
    """
    found = []
    for word in _UNIT_LIST_SPLIT.split(words):
        unit = read_unit(word.strip())
        if unit:
            found.append(unit)
    return found


def read_unit(word: str) -> DeclaredUnit | None:
    """A unit written alone (亿元, 万人, 平方公里, %): a multiplier and a unit of units.csv, a currency
    named before it allowed (人民币亿元, 新台币仟元)."""
    table, factors = units(), multipliers()
    currency = next((name for name in CURRENCY_BEFORE if word.startswith(name) and word != name), None)
    if currency is not None:
        return _in_currency(currency, read_unit(word[len(currency) :]))
    if word in table and word not in factors:
        unit = table[word]
        return DeclaredUnit(unit.unit, unit.factor, unit.dimension)
    for size in (2, 1):
        head, rest = word[:size], word[size:]
        if head in factors and rest in table and rest not in factors:
            unit = table[rest]
            return DeclaredUnit(unit.unit, unit.factor * factors[head], unit.dimension)
    alone = table.get(word) if word in factors else None  # 亿 alone declares money in 亿元 (units.csv row 亿)
    if alone is not None:
        return DeclaredUnit(alone.unit, alone.factor, alone.dimension)
    return None


def _in_currency(currency: str, unit: DeclaredUnit | None) -> DeclaredUnit | None:
    """A money unit in the currency named before it: 港币亿元 is HKD; a currency with no row of its
    own in units.csv (新台币) keeps the unit as written, as figures written with it do."""
    if unit is None or unit.dimension != "money":
        return None
    named = units().get(currency)
    return DeclaredUnit(named.unit, unit.factor, named.dimension) if named is not None else unit


def _has_any(words: str, cell: str) -> bool:
    """Whether a word of the header list `words` (table_headers.yaml) is in cell."""
    pattern = _header_patterns()[words]
    return pattern is not None and pattern.search(cell) is not None


@lru_cache(maxsize=1)
def _header_patterns() -> dict[str, re.Pattern | None]:
    """Each header word list as one alternation: a cell is searched once, not once per word."""
    return {
        key: re.compile("|".join(re.escape(word) for word in words)) if words else None
        for key, words in headers().items()
        if isinstance(words, list) and all(isinstance(word, str) for word in words)
    }


class Column(NamedTuple):
    kind: str  # name, unit, value, growth, earlier or count
    unit: DeclaredUnit | None = None  # a unit written in the header cell (本年（亿元）)
    words: str = ""  # the header's words over the column (收入合计 绝对值)


def _header_columns(cells: list[str]) -> list[Column] | None:
    """What each column of a header line holds; None when the line is no header (it names no
    header word). The first cell names the indicators when it is a name column word."""
    table = headers()
    named = len(cells) >= 2 and _has_any("name_columns", cells[0])  # 园区  企业数  营业收入
    if not named and not any(_has_any("header_words", cell) for cell in cells):
        return None
    columns = []
    cells = [cell for cell in cells if cell not in table["row_number_columns"]]  # the row number is not kept
    for index, cell in enumerate(cells):
        bracket = _NAME_UNIT.search(cell)
        units = declared_units(bracket.group(1)) if bracket else []
        word = cell[: bracket.start()] if bracket else cell
        if index == 0 and _has_any("name_columns", word):
            columns.append(Column("name"))
        elif word in table["unit_columns"]:
            columns.append(Column("unit"))
        elif _has_any("growth_columns", word) or cell.endswith("%"):
            columns.append(Column("growth", words=cell))
        elif _has_any("earlier_columns", word):
            columns.append(Column("earlier"))
        elif word.endswith(tuple(table["count_column_ends"])) and not units:
            columns.append(Column("count"))  # 企业数, 单位数: a count whose unit the header does not give
        else:
            columns.append(Column("value", units[0] if units else None, cell))
    return columns


class _Block:
    """What holds for the rows below: the declared units and the header's columns."""

    def __init__(self):
        self.units: list[DeclaredUnit] = []
        self.columns: list[Column] | None = None


Cells = list[tuple[int, str]]  # (offset in the text, cell)


class Tables(NamedTuple):
    """The table figures of a text and, by figure start, the words that label each: its row's
    name and its column's header (the fact rules read a metric wording in them)."""

    quantities: list[Quantity]
    labels: dict[int, str]


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
    found = Tables([], {})
    if not _FIGURE_CELL.search(text):
        return found  # no figure stands alone in a cell: no row has one to read
    block = _Block()
    for event, cells in _table_lines(text):
        if event == "blank":
            block = _Block()
        elif event == "units":
            block.units = declared_units(cells[0][1])
        elif event == "header":
            columns = _header_columns([cell for _, cell in cells])
            if columns is not None:
                block.columns = columns
        else:
            for quantity, label in _row(cells, block):
                found.quantities.append(quantity)
                found.labels[quantity.start] = label
    return found


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
        cells = [(match.start() + start, match.group()) for match in _CELL.finditer(line)]
        one_cell = len(cells) == 1 and declared_block and len(stripped) <= _NAME_LONGEST
        if one_cell or stripped.endswith(("|", "｜")) and len(cells) <= 1:
            if not cells:
                if pending and not row and stripped in ("|", "｜"):
                    group_heads.add(pending[-1][0])
                continue
            if _is_figure(cells[0][1]):
                if not row and pending:
                    if len(pending) > 1:
                        yield "header", _leaves(pending[:-1], group_heads)
                    row, pending = [pending[-1]], []
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
        elif not any(_NUMBER.fullmatch(cell) for _, cell in cells):
            yield "header", cells
        else:
            yield "row", cells
    if row:
        yield "row", row


def _leaves(cells: Cells, group_heads: set[int]) -> Cells:
    """Header cells but the merged group headers (收入合计 over 绝对值 and 增速) and period titles."""
    leaves, group = [], ""
    for at, cell in cells:
        if at in group_heads:
            group = cell
        elif not _PERIOD_TITLE.match(cell):
            leaves.append((at, group + cell))
    return leaves


def _row(cells: Cells, block: _Block) -> list[tuple[Quantity, str]]:
    """The quantities of one row: an indicator name, its unit if written, then only figures."""
    if cells and _ROW_NUMBER.fullmatch(cells[0][1]) and len(cells) > 2:
        cells = cells[1:]  # a row number before the name
    if not cells or not _NAME_START.match(cells[0][1]) or len(cells[0][1]) > _NAME_LONGEST:
        return []
    name = cells[0][1]
    if re.search(r"\d", name):
        return []
    row_units = block.units
    bracket = _NAME_UNIT.search(name)
    if bracket:
        row_units = declared_units(bracket.group(1)) or row_units
    figures: list[tuple[int, str] | None] = []
    for at, cell in cells[1:]:
        unit = read_unit(cell)
        if unit is not None:
            row_units = [unit]  # the unit column
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
            row_units = row_units or [own_unit]
            continue
        if not _NUMBER.fullmatch(cell):
            return []  # words among the figures: prose, not a row
        figures.append((at, cell))
    columns = [column for column in block.columns or () if column.kind not in ("name", "unit")]
    if len(columns) != len(figures):
        if block.columns and len(figures) > 2:
            return []  # the header does not say which figure is which
        columns = [Column("value"), Column("growth")] if len(figures) == 2 else [Column("value")]
    if not row_units and not any(column.unit for column in columns):
        return []
    amount_unit = next((unit for unit in row_units if unit.dimension != "percent"), row_units[0]) if row_units else None
    found, value_words = [], ""  # a growth column is the growth of the value column before it
    for column, figure in zip(columns, figures, strict=False):
        if column.kind == "value":
            value_words = column.words
        unit = column.unit or amount_unit or (_PERCENT if column.kind == "growth" else None)
        if figure is None or column.kind not in ("value", "growth") or unit is None:
            continue
        quantity = _quantity(figure, unit, column.kind == "growth")
        if quantity is not None:
            words = f"{value_words} {column.words}" if column.kind == "growth" else column.words
            found.append((quantity, f"{name} {words}".strip()))
    return found


def _quantity(figure: tuple[int, str], unit: DeclaredUnit, growth: bool) -> Quantity | None:
    at, raw = figure
    number = raw.rstrip("%").replace(",", "")
    if not growth and _YEAR.fullmatch(number) and not raw.endswith("%"):
        return None  # a bare year is never a value
    value = float(number)
    if growth or raw.endswith("%") or unit.dimension == "percent":
        return Quantity(at, at + len(raw), value, "%", "percent", raw, growth_column=growth)
    return Quantity(at, at + len(raw), float(f"{value * unit.factor:.12g}"), unit.unit, unit.dimension, raw)

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

import re
from functools import lru_cache
from typing import NamedTuple

import yaml

from .schema import LEXICON
from .units import Quantity, multipliers, units

_CELL = re.compile(r"[^\s|｜]+")
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|-?\d{1,12}(?:\.\d{1,6})?%?")
_EMPTY_CELL = frozenset({"-", "—", "——", "/", "／", "…", "--"})
_PERIOD_CELL = re.compile(r"(?:\d{1,4}[-－~至]?)+(?:年|月|季度)")
_ROW_NUMBER = re.compile(r"(?:\d{1,3}[.、．]?|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,10})[）)]$")
_UNIT_LIST_SPLIT = re.compile(r"[、，,/／;；]")
_NAME_LONGEST = 30
_LINE_LONGEST = 200  # a table row is short: prose lines are left to the prose rules
_YEAR = re.compile(r"(?:19|20)\d\d")


class DeclaredUnit(NamedTuple):
    unit: str
    factor: float
    dimension: str


@lru_cache(maxsize=1)
def headers() -> dict[str, list[str]]:
    with open(LEXICON / "table_headers.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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
    """A unit written alone (亿元, 万人, 平方公里, %): a multiplier and a unit of units.csv."""
    table, factors = units(), multipliers()
    if word in table and word not in factors:
        unit = table[word]
        return DeclaredUnit(unit.unit, unit.factor, unit.dimension)
    for size in (2, 1):
        head, rest = word[:size], word[size:]
        if head in factors and rest in table and rest not in factors:
            unit = table[rest]
            return DeclaredUnit(unit.unit, unit.factor * factors[head], unit.dimension)
    if word in factors:  # 亿 alone declares money in 亿元 in these reports (units.csv row 亿)
        unit = table.get(word)
        return DeclaredUnit(unit.unit, unit.factor, unit.dimension) if unit else None
    return None


def _has_any(words: list[str], cell: str) -> bool:
    return any(word in cell for word in words)


def _header_columns(cells: list[str]) -> list[str] | None:
    """What each column of a header line holds: name, unit, growth, earlier or value; None when
    the line is no header (it names no header word)."""
    table = headers()
    if not any(_has_any(table["header_words"], cell) for cell in cells):
        return None
    kinds = []
    for cell in cells:
        if cell in table["name_columns"]:
            kinds.append("name")
        elif cell in table["unit_columns"]:
            kinds.append("unit")
        elif _has_any(table["growth_columns"], cell) or cell.endswith("%"):
            kinds.append("growth")
        elif _has_any(table["earlier_columns"], cell):
            kinds.append("earlier")
        else:
            kinds.append("value")
    return kinds


class _Block:
    """What holds for the rows below: the declared units and the header's columns."""

    def __init__(self):
        self.units: list[DeclaredUnit] = []
        self.columns: list[str] | None = None


def table_quantities(text: str) -> list[Quantity]:
    """Quantities of the bare numbers in table rows of `text`, in order."""
    found: list[Quantity] = []
    block = _Block()
    position = 0
    for line in text.split("\n"):
        start, position = position, position + len(line) + 1
        if not line.strip():
            block = _Block()
            continue
        if len(line) > _LINE_LONGEST:
            continue
        declared = _unit_declaration().search(line)
        if declared:
            block.units = declared_units(declared.group(1))
            continue
        cells = [(match.start() + start, match.group()) for match in _CELL.finditer(line)]
        if not any(_NUMBER.fullmatch(cell) for _, cell in cells):
            columns = _header_columns([cell for _, cell in cells])
            if columns is not None:
                block.columns = columns
            continue
        found.extend(_row(cells, block))
    return found


def _row(cells: list[tuple[int, str]], block: _Block) -> list[Quantity]:
    """The quantities of one row: an indicator name, its unit if written, then only figures."""
    if cells and _ROW_NUMBER.fullmatch(cells[0][1]) and len(cells) > 2:
        cells = cells[1:]  # a row number before the name
    if not cells or not re.match(r"[\u4e00-\u9fff]", cells[0][1]) or len(cells[0][1]) > _NAME_LONGEST:
        return []
    name = cells[0][1]
    if re.search(r"\d", name):
        return []
    row_units = block.units
    bracket = _NAME_UNIT.search(name)
    if bracket:
        row_units = declared_units(bracket.group(1)) or row_units
    columns = block.columns[1:] if block.columns and block.columns[0] == "name" else block.columns
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
        if not _NUMBER.fullmatch(cell):
            return []  # words among the figures: prose, not a row
        figures.append((at, cell))
    if columns is not None:
        columns = [kind for kind in columns if kind not in ("name", "unit")]
    if columns is None or len(columns) != len(figures):
        columns = ["value", "growth"] if len(figures) == 2 else ["value"]
    if not row_units:
        return []
    amount_unit = next((unit for unit in row_units if unit.dimension != "percent"), row_units[0])
    found = []
    for kind, figure in zip(columns, figures, strict=False):
        if figure is None or kind in ("earlier", "name", "unit"):
            continue
        quantity = _quantity(figure, amount_unit, kind == "growth")
        if quantity is not None:
            found.append(quantity)
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

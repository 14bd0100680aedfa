"""What a column of a text table holds, read from its header cell: a row name, a unit, a value of a
period or a subject, a growth rate, a goal, an earlier period's figure or a share.

The header words are data (lexicon/table_headers.yaml); units are those of units.csv, written alone
(亿元, 万人) or after a currency (港币亿元).

>>> [(column.kind, column.period) for column in header_columns(["指标", "2023年", "2024年", "增长%", "年度目标"])]
[('name', ''), ('value', '2023年'), ('value', '2024年'), ('growth', '2024年'), ('target', '')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..lexicon_files import read_yaml
from .periods import period_before
from .units import CURRENCY_BEFORE, multipliers, units

_NAME_UNIT = re.compile(r"[（(]([^（）()]{1,10})[）)]$")
_INDICATOR_HEADER_LONGEST = 6  # 主要经济指标
_NAME_COLUMN_LAST = 3  # the name column is among the first three (序号 dropped)
_UNIT_LIST_SPLIT = re.compile(r"[、，,/／;；]")
_YEAR_CELL = re.compile(r"(\d{2,4}+)年?(?:[（(](\d{1,2}+)[-－~至](\d{1,2}+)月?[）)])?")
_ROC_FIRST, _ROC_LAST, _ROC_OFFSET = 60, 150, 1911  # 民国60-150年: 1971-2061
_YEAR_COLUMN_FIRST, _YEAR_COLUMN_LAST = 1990, 2039
_MONTHS = 12
_PERIOD_WORD = re.compile(r"[年月季增同比%]")  # what a cell of a line of periods (and a growth column) holds


class DeclaredUnit(NamedTuple):
    unit: str
    factor: float
    dimension: str


PERCENT = DeclaredUnit("%", 1.0, "percent")


@lru_cache(maxsize=1)
def headers() -> dict[str, list[str]]:
    return read_yaml("table_headers.yaml")


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


def has_any(words: str, cell: str) -> bool:
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


def heads_the_names(cell: str) -> bool:
    """指标, 指标名称, 园区名称, 主要经济指标: the header of a table's name column, and nothing more (a
    zone's name, 青禾经济开发区, holds a name column word but heads nothing).

    >>> heads_the_names("园区名称"), heads_the_names("主要经济指标"), heads_the_names("青禾经济开发区")
    (True, True, False)
    """
    bracket = _NAME_UNIT.search(cell)
    word = cell[: bracket.start()] if bracket else cell
    word = word[:-2] if word.endswith("名称") and len(word) > 2 else word
    if word in headers()["name_columns"] or word in headers()["year_label_columns"]:
        return True
    return word.endswith("指标") and len(word) <= _INDICATOR_HEADER_LONGEST


def year_column(cell: str, roc: bool) -> str | None:
    """A header cell that is a year (2023, 2023年, or, `roc` (a report in traditional script or naming
    民国), an ROC year 112 read +1911), maybe with a month range in brackets (112(1-6), 2024(1-6月)):
    its period written out (2023年, 2023年1-6月); None for any other cell.

    >>> year_column("108(1-8)", True), year_column("2024年", False), year_column("108", False)
    ('2019年1-8月', '2024年', None)
    """
    match = _YEAR_CELL.fullmatch(cell)
    if match is None:
        return None
    year = int(match.group(1))
    if len(match.group(1)) < 4:
        if not roc or not _ROC_FIRST <= year <= _ROC_LAST:
            return None
        year += _ROC_OFFSET
    elif not _YEAR_COLUMN_FIRST <= year <= _YEAR_COLUMN_LAST:
        return None
    first, last = match.group(2), match.group(3)
    if first is None:
        return f"{year}年"
    if not 1 <= int(first) < int(last) <= _MONTHS:
        return None
    return f"{year}年{int(first)}-{int(last)}月"


class Column(NamedTuple):
    kind: str  # name, unit, note, value, growth, target, earlier, share (or a wider place's) or count
    unit: DeclaredUnit | None = None  # a unit written in the header cell (本年（亿元）)
    words: str = ""  # the header's words over the column (收入合计 绝对值)
    period: str = ""  # the words naming the column's period (2024年1-9月); a growth column's is its value's
    subject: tuple[int, int] | None = None  # where a header naming no period nor kind is: the column's zone


def header_columns(cells: list[str], spans: list[tuple[int, int]] | None = None) -> list[Column] | None:
    """What each column of a header line holds; None when the line is no header (it names no
    header word). A name column's header (指标, 园区名称) among the first cells says what the rows
    are: indicators (指标) or zones (园区); cells before it are notes (所在市). Under indicator rows,
    a column headed by no period nor kind word (青禾开发区) is a subject: its figures are that
    column's zone's (`spans`: where each cell is in the text)."""
    table = headers()
    kept = [index for index, cell in enumerate(cells) if cell not in table["row_number_columns"]]
    cells, spans = [cells[index] for index in kept], [spans[index] for index in kept] if spans else None
    # 园区  企业数  营业收入, or 地区  开发区名称  营业收入: the name column (a …名称 first), maybe after notes
    heads = [index for index, cell in enumerate(cells[:_NAME_COLUMN_LAST]) if heads_the_names(cell)]
    name = next((index for index in heads if cells[index].endswith("名称")), heads[0] if heads else None)
    named = len(cells) >= 2 and name is not None and name < len(cells) - 1
    units_named = any(_a_unit_bracket(cell) for cell in cells[1:])  # 排行 | 国家级经开区 | 营业收入（亿元）
    if not named and not units_named and not any(has_any("header_words", cell) for cell in cells) and not _periods_only(cells):
        return None
    if not named and units_named and _names_nothing_known(cells[0]):
        named, name = True, 0  # the first column, under a word that is no period, kind or unit, holds the names
    name_at = name if named and name is not None else 0
    indicator_rows = named and not has_any("zone_name_columns", cells[name_at])
    columns: list[Column] = []
    for index, cell in enumerate(cells):
        if not named:
            column = _column(cell, False)
        elif index == name_at:
            column = Column("name", words=cell)
        else:
            column = _column(cell, False) if index > name_at else Column("note", words=cell)
        if indicator_rows and spans and column.kind == "value" and not _names_a_period_or_kind(column.words):
            column = column._replace(subject=spans[index])
        columns.append(column)
    return _growth_periods(columns)


def _column(cell: str, first: bool) -> Column:
    table = headers()
    bracket = _NAME_UNIT.search(cell)
    units = declared_units(bracket.group(1)) if bracket else []
    word = cell[: bracket.start()] if bracket else cell
    if first and heads_the_names(word):
        return Column("name", words=word)
    if word in table["unit_columns"]:
        return Column("unit")
    if has_any("note_columns", word):
        return Column("note")  # 级别, 批准时间, 主导产业: words or dates, no figure
    if has_any("share_columns", word) or has_any("wider_columns", word):
        return Column("share")  # 完成比例, 占比, 全市: a share or a wider place's figure, none of ours
    if has_any("growth_columns", word) or cell.endswith("%"):
        return Column("growth", words=cell)
    if has_any("earlier_columns", word):
        return Column("earlier")
    period = cell if _a_period(word) else ""
    if has_any("target_columns", word):
        return Column("target", units[0] if units else None, cell, period)
    if word.endswith(tuple(table["count_column_ends"])) and not units:
        return Column("count")  # 企业数, 单位数: a count whose unit the header does not give
    return Column("value", units[0] if units else None, cell, period)


def _periods_only(cells: list[str]) -> bool:
    """⇥2023年⇥2024年: a line of two or more periods alone heads period columns over indicator rows."""
    return len(cells) >= 2 and all(_PERIOD_WORD.search(cell) for cell in cells) and sum(map(_a_period, cells)) >= 2


def _a_unit_bracket(cell: str) -> bool:
    bracket = _NAME_UNIT.search(cell)
    return bracket is not None and bool(declared_units(bracket.group(1)))


def _names_nothing_known(cell: str) -> bool:
    """A header word that is no period, kind, unit or header word: the name column's (国家级经开区)."""
    column = _column(cell, False)
    return column.kind == "value" and column.unit is None and not _names_a_period_or_kind(cell)


def _a_period(words: str) -> bool:
    period = period_before(words, len(words))
    return period.year is not None or period.months is not None


def _names_a_period_or_kind(words: str) -> bool:
    return _a_period(words) or has_any("header_words", words) or period_before(words, len(words)).relative is not None


def _growth_periods(columns: list[Column]) -> list[Column]:
    """A growth column is the growth of the latest period among the value columns before it."""
    found, latest = [], ("", -1)
    for column in columns:
        if column.kind in ("value", "target") and column.period:
            year = period_before(column.period, len(column.period)).year or 0
            latest = max(latest, (column.period, year), key=lambda pair: pair[1])
        if column.kind == "growth":
            column, latest = column._replace(period=latest[0]), ("", -1)
        found.append(column)
    return found


def unit_row(cells: list[str]) -> list[DeclaredUnit] | None:
    """The units of a line that holds nothing but units (亿元  万元  人), maybe after a unit column's
    word naming the row (单位  亿元  万元): a unit row under a header."""
    if len(cells) > 1 and cells[0] in headers()["unit_columns"]:
        cells = cells[1:]
    found = [read_unit(cell) for cell in cells]
    return found if found and all(found) else None  # type: ignore[return-value]


def under_groups(groups: list[Column], subs: list[Column]) -> list[Column] | None:
    """规上工业总产值  固定资产投资 over 绝对值  增速  绝对值  增速: a second header line that holds the
    same count of sub-columns under each column of the line above splits them, each sub-column taking
    its group's words, unit, period and subject. None unless the counts divide exactly."""
    heads = [column for column in groups if column.kind not in ("name", "unit")]
    if not heads or any(column.kind == "name" for column in subs) or len(subs) % len(heads) or len(subs) < 2 * len(heads):
        return None
    if any(column.kind not in ("value", "target") for column in heads):
        return None
    width, split = len(subs) // len(heads), [column for column in groups if column.kind in ("name", "unit")]
    for index, group in enumerate(heads):
        for sub in subs[index * width : (index + 1) * width]:
            kind = "target" if group.kind == "target" and sub.kind == "value" else sub.kind
            words = f"{group.words} {sub.words}".strip()
            split.append(Column(kind, sub.unit or group.unit, words, sub.period or group.period, group.subject))
    return split

"""Where the cells of a text table are: each line read once into header, unit, row and blank events.

Tables reach us as text in many shapes: columns set apart by tabs or two spaces, `|` rows (with or
without a markdown rule line), PDF text with each cell on a line of its own, and tables a page ran
into one line. This module finds the cells of each shape and says what each line is; what a column
holds is table_columns', what a row's figures are is table_rows'. Every cell keeps its offset in the
text. Each line is read once, token by token: linear time.

>>> [(event, [cell for _, cell in cells]) for event, cells in table_lines("单位：亿元\\n指 标  2023年2024年\\n营业收入  50.2  56.3")]
[('units', ['亿元']), ('header', ['指标', '2023年', '2024年']), ('row', ['营业收入', '50.2', '56.3'])]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .table_columns import declared_units, header_columns, headers, heads_the_names, read_unit, year_column

Cells = list[tuple[int, str]]  # (offset in the text, cell)

_CELL = re.compile(r"[^\s|｜]+")
NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|-?\d{1,12}(?:\.\d{1,6})?%?")
EMPTY_CELL = frozenset({"", "-", "—", "——", "/", "／", "…", "--"})
SIGNED_RUN = re.compile(r"-?\d{1,12}\.\d{1,6}(?:-\d{1,12}\.\d{1,6}){1,12}")  # 8.2-2.1: decimals run together at a sign
YEAR = re.compile(r"(?:19|20)\d\d")
YEAR_FIRST, YEAR_LAST = 1949, 2049
NAME_START = re.compile(r"[“\"《（(#＃]?[\u4e00-\u9fff]")  # ＃工业增加值: a yearbook's "of which" row
NAME_LONGEST = 30
CJK_LETTER = re.compile(r"[\u4e00-\u9fff]")
_INDICATOR_HEADER_LONGEST = 6  # 主要经济 before 指标
_LINE_LONGEST = 200  # a table row is short: prose lines are left to the prose rules
_BAR = re.compile(r"[|｜]")
_BARS = ("|", "｜")
_GAP = re.compile(r"[\s|｜]")
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,7}")  # 指 标, 项 目
_SPACED_LETTERS = re.compile(r" ")
_CELL_START = re.compile(r"(?:^|[\s|｜])[\u4e00-\u9fff]{0,4}$")  # 主要经济 before 指标, a cell's start before it
_RUN_OF_YEARS = re.compile(r"(?:(?:19|20)\d\d年){2,12}")
_ONE_YEAR = re.compile(r"(?:19|20)\d\d年")
_ASCII_LETTERS = re.compile(r"[A-Za-z]{2}")
_ENGLISH = re.compile(r"[^\u4e00-\u9fff\d]*[A-Za-z]{2}[^\u4e00-\u9fff]*")  # Item, (100 million yuan)
# A bar row opening a cell it does not close on its line: | 指 标 | 总量 (no bar at the end)
_BROKEN_ROW_START = re.compile(r"[ \t]*+[|｜][ \t]*+[^\s|｜].*[^\s|｜][ \t]*+$")
_BROKEN_ROW_LINES = 6  # continuation lines a broken bar row may take
_OPENING_BRACKETS, _CLOSING_BRACKETS = "（(", "）)"
_PERIOD_TITLE = re.compile(r"\d{4}年")  # 2016年上半年: the title of a table, not a column
# Box-drawing tables (┃营业收入 │ 56.3 ┃): their vertical strokes are bars, one character for one, so
# every offset holds; a line of strokes, corners and dashes only (├────┼────┤) is a rule, no row.
_BOX_STROKES = "│┃║╎╏┆┇┊┋"
_BOX_BARS = str.maketrans(_BOX_STROKES, "|" * len(_BOX_STROKES))
_BOX_STROKE = re.compile(f"[{_BOX_STROKES}]")
_BOX_RULE = re.compile(r"[ \t]*+[\u2500-\u257f][\u2500-\u257f \t\-—=+]*+")


def box_strokes_as_bars(text: str) -> str:
    """The text with the vertical strokes of box-drawing tables written as bars (same length)."""
    return text.translate(_BOX_BARS) if _BOX_STROKE.search(text) else text


def table_lines(text: str, roc: bool = False):
    """("blank" | "units" | "header" | "row", cells) for each line of the text that may belong to a
    table; header cells come with letters spaced apart joined (指 标) and years run together apart.
    A units event's cells are the declared unit and, when words stand before its label on the line
    (表1 各园区营业额 单位：亿元), that caption. `roc`: the text writes ROC years (a report in traditional
    script or naming 民国), so a header of years may write them so (年度 ⏎ 111 ⏎ 112)."""
    for event, cells in _table_lines(box_strokes_as_bars(text), roc):
        yield event, (_years_apart(_letters_joined(cells)) if event == "header" else cells)


@lru_cache(maxsize=1)
def _unit_declaration() -> re.Pattern:
    labels = "|".join(re.escape(word) for word in headers()["unit_labels"])
    return re.compile(rf"(?:{labels})[：:]\s*([^）)\s]{{1,20}})")


def _letters_joined(cells: Cells) -> Cells:
    """指 标  本 年: a header whose characters a PDF spaced apart, one space between letters and two
    between cells, read as 指标  本年."""
    if not any(len(cell) == 1 for _, cell in cells):
        return cells
    joined: list[tuple[int, str, int]] = []  # (start, letters, end in the text) of each cell
    for at, cell in cells:
        spaced = joined and len(cell) == 1 and at == joined[-1][2] + 1 and 0 < len(joined[-1][1]) < NAME_LONGEST
        if spaced and CJK_LETTER.fullmatch(cell) and CJK_LETTER.fullmatch(joined[-1][1][-1]) \
                and joined[-1][2] - joined[-1][0] == 2 * len(joined[-1][1]) - 1:  # the cell before is spaced letters too
            joined[-1] = (joined[-1][0], joined[-1][1] + cell, at + 1)
            continue
        joined.append((at, cell, at + len(cell)))
    return [(at, cell) for at, cell, _ in joined]


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


def lines(text: str):
    position = 0
    for line in text.split("\n"):
        yield position, line
        position += len(line) + 1


def _rows_of_bars(text: str):
    """(start, line) of each line, a bar row whose cell a page broke over lines (| 指 标 | 总量⏎(亿元) |⏎
    比上年增长⏎(%) |) given as one line, its line breaks read as spaces (offsets hold): a line opening
    with a bar and a cell but not closing with a bar, then short lines opening with none, the last
    closing with a bar, up to the next line opening with a bar."""
    pending: list[tuple[int, str]] = []
    for start, line in lines(text):
        if pending:
            stripped = line.strip()
            if stripped and not _BAR.match(stripped) and len(stripped) <= NAME_LONGEST and len(pending) <= _BROKEN_ROW_LINES:
                pending.append((start, line))
                continue
            yield from _joined(pending)
            pending = []
        if _BROKEN_ROW_START.match(line):
            pending = [(start, line)]
            continue
        yield start, line
    if pending:
        yield from _joined(pending)


def _joined(pieces: list[tuple[int, str]]):
    """The lines of a broken bar row as one, up to the last that closes with a bar (a note line may follow
    it before the next row); the lines after it, or all when none closes, each as it is."""
    closing = max((at for at in range(1, len(pieces)) if pieces[at][1].rstrip().endswith(_BARS)), default=0)
    if closing:
        yield pieces[0][0], " ".join(line for _, line in pieces[: closing + 1])
    yield from pieces[closing + 1 :] if closing else pieces


def is_figure(cell: str) -> bool:
    return bool(NUMBER.fullmatch(cell)) or cell in EMPTY_CELL


class _CellRun:
    """A table rendered one cell a line (营业收入 |⏎56.3 |⏎12.5 |) put back into rows: a run of word
    cells is the header and, its last cell (and a unit cell after it), the name of the row whose
    figures follow; a line of a bar alone after a header cell makes it a merged group header."""

    def __init__(self, roc: bool = False):
        self.roc = roc
        self.years = False  # the pending cells end with a year label and years (年度 ⏎ 2022 ⏎ 2023): a header
        self.pending: Cells = []  # word cells waiting for figures
        self.row: Cells = []
        self.group_heads: set[int] = set()  # header cells followed by an empty cell
        self.bare_years = False  # the pending cells are years alone (|⏎2022 |⏎2023 |): their periods head the columns

    def add(self, cells: Cells, stripped: str) -> list[tuple[str, Cells]]:
        """The events one line of at most one cell completes."""
        if not cells:
            if self.pending and not self.row and stripped in _BARS:
                self.group_heads.add(self.pending[-1][0])
            return []
        events: list[tuple[str, Cells]] = []
        if not self.row and self.pending and (self.years or is_year_label(self.pending[-1][1])):
            period = year_column(cells[0][1], self.roc)
            self.years = period is not None
            if period is not None:
                self.pending.append((cells[0][0], period))  # 年度 ⏎ 106 ⏎ 108(1-8): a header cell, not a figure
                return events
        if not self.row and not self.pending and YEAR.fullmatch(cells[0][1]):
            period = year_column(cells[0][1], False)  # |⏎2022 |⏎2023 |⏎营业收入 |: bare years head the columns
            self.years = period is not None
            if period is not None:
                self.pending.append((cells[0][0], period))
                self.bare_years = True
                return events
        if is_figure(cells[0][1]):
            if not self.row and self.pending:
                name = 2 if len(self.pending) > 1 and read_unit(self.pending[-1][1]) else 1  # 营业收入⏎亿元⏎56.3
                if len(self.pending) > name:
                    head = self.pending[:-name]
                    events.append(("header", head if self.bare_years else _leaves(head, self.group_heads)))
                self.row, self.pending, self.bare_years = self.pending[-name:], [], False
            if self.row:
                self.row.append(cells[0])
            return events
        if self.row:
            events.append(("row", self.row))
            self.row = []
        if len(cells[0][1]) > NAME_LONGEST:  # a note (注：…) between two tables: no cell of either
            self.pending, self.group_heads, self.bare_years = [], set(), False
            return events
        self.pending.append(cells[0])
        return events

    def end(self) -> list[tuple[str, Cells]]:
        """The row in progress, if any; the run starts again."""
        events = [("row", self.row)] if self.row else []
        self.pending, self.row, self.group_heads, self.years, self.bare_years = [], [], set(), False, False
        return events


def is_year_label(cell: str) -> bool:
    """年度, 年份: a first header cell that heads columns of years when years follow it."""
    return cell in headers()["year_label_columns"]


def _table_lines(text: str, roc: bool):
    """("blank" | "units" | "header" | "row", cells) for each line of the text that may belong to a
    table. Under a unit declaration (or a name column's header alone on its line) a line of one
    short cell needs no bar: PDF text puts each cell on a line, maybe with a blank line after each;
    the run then ends at a line of prose or of several cells."""
    run = _CellRun(roc)
    declared_block = False  # a line of one short cell is a cell of a one-cell-a-line table
    cell_run = False  # the last line was a unit declaration or one cell of such a run: a blank may follow
    for start, line in _rows_of_bars(text):
        if _BOX_RULE.fullmatch(line):
            continue  # ├────┼────┤: a box table's rule line, neither a row nor a break
        gapless = _GAP.search(line) is None  # no space nor bar: one cell at most
        flat = _flattened(line, start) if not gapless and _may_start_a_table(line) else None
        if flat:
            yield from run.end()
            yield from flat
            continue
        if len(line) > _LINE_LONGEST or gapless and len(line) > NAME_LONGEST and not _unit_label_in(line):
            yield from run.end()  # prose: it ends any table and is left to the prose rules
            declared_block = cell_run = False
            continue
        declared = _unit_declaration().search(line)
        if declared:
            declared_block = cell_run = bool(declared_units(declared.group(1)))  # 建设单位：某公司 declares none
            yield "units", [(start + declared.start(1), declared.group(1)), *_caption(line, start, declared)]
            header = _header_beside(line, start, declared) if declared_block else None
            if header:
                declared_block = cell_run = False  # the rows below are lines of several cells
                yield "header", header
            continue
        stripped = line.strip()
        if not stripped and declared_block and cell_run:
            continue  # 营业收入⏎⏎56.3⏎⏎12.5
        cells = _line_cells(line, start)
        if len(cells) == 1 and heads_the_names(cells[0][1]) and stripped == cells[0][1]:
            declared_block = True  # 指标名称 alone on its line: a table written one cell a line follows
        cell_run = len(cells) == 1 and declared_block and len(stripped) <= NAME_LONGEST
        if cell_run or stripped.endswith(_BARS) and len(cells) <= 1:
            yield from run.add(cells, stripped)
            continue
        yield from run.end()
        if not stripped:
            declared_block = False
            yield "blank", []
        elif len(cells) > 1 or cells and len(cells[0][1]) <= NAME_LONGEST:  # a longer lone cell is prose
            yield _line_event(cells, roc)
    yield from run.end()


def _header_beside(line: str, start: int, declared: re.Match) -> Cells | None:
    """指标（单位：亿元）  2023年  2024年, or | 单位：万元 | 指标名称 | 本月 | 累计 |: a unit declaration
    in (or as) the first cell of a header line; the header's cells, the declaration (and its
    brackets) left out. None unless the line, so read, opens with a name column's header and has
    two or more cells after it."""
    begin, end = declared.start(), declared.end()
    if begin and line[begin - 1] in _OPENING_BRACKETS:
        begin -= 1
        end += 1 if line[end : end + 1] in _CLOSING_BRACKETS else 0
    blanked = line[:begin] + " " * (end - begin) + line[end:]
    cells = [(at, cell) for at, cell in _line_cells(blanked, start) if cell]
    before = sum(at < start + begin for at, _ in cells)
    if before > 1 or len(cells) < 3 or not heads_the_names(cells[0][1]):
        return None
    return _letters_joined(cells)


def _caption(line: str, start: int, declared: re.Match) -> Cells:
    """表1 各园区营业额简表 before 单位：亿元 on its line: the caption, its words tied to the table's
    figures; none when no letter stands before the label."""
    words = line[: declared.start()].rstrip(" \t（(:：")
    begin = len(words) - len(words.lstrip())
    return [(start + begin, words.strip())] if CJK_LETTER.search(words) and len(words) <= _LINE_LONGEST else []


def _line_event(cells: Cells, roc: bool = False) -> tuple[str, Cells]:
    """A line of several cells (or one short one): a header without figures or over bare years, else a row."""
    if len(cells) > 2 and is_year_label(cells[0][1]):
        periods = [(at, year_column(cell, roc)) for at, cell in cells[1:]]
        years = [(at, period) for at, period in periods if period]
        if len(years) == len(periods):
            return "header", [cells[0], *years]
    if not any(NUMBER.fullmatch(cell) or SIGNED_RUN.fullmatch(cell) for _, cell in cells):
        return "header", cells
    if _years_over_columns(cells) or _bare_years(cells):
        return "header", [(at, f"{cell}年" if NUMBER.fullmatch(cell) else cell) for at, cell in cells]
    return "row", cells


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
    figure = next((index for index, (_, cell) in enumerate(cells) if NUMBER.fullmatch(cell)), len(cells))
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
    if not NAME_START.match(cells[0][1]) or NUMBER.fullmatch(cells[0][1]) or heads_the_names(cells[0][1]):
        return False
    if name == 2 and not read_unit(cells[1][1]):
        return False
    return all(is_figure(cell) for _, cell in cells[name:])


def _unit_label_in(line: str) -> bool:
    return any(label in line for label in headers()["unit_labels"])


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
    if not YEAR.fullmatch(cells[-1][1]):
        return False  # a quick no for every row of figures
    filled = [cell for _, cell in cells[1:] if cell]
    return not NUMBER.fullmatch(cells[0][1]) and len(filled) >= 2 and _ordered_years(filled)


def _bare_years(cells: Cells) -> bool:
    """      2021 2022 2023: a line of years alone, one after the other, heads the period columns of the
    rows below it (their names stand under no header cell)."""
    if len(cells) < 2 or not YEAR.fullmatch(cells[0][1]) or not YEAR.fullmatch(cells[-1][1]):
        return False  # a quick no for every row of figures
    return _ordered_years([cell for _, cell in cells])


def _ordered_years(cells: list[str]) -> bool:
    """Years (2021, 2022, 2023) ascending or descending one after the other, each a plausible one."""
    if not all(YEAR.fullmatch(cell) for cell in cells):
        return False
    years = [int(cell) for cell in cells]
    ascending = all(later > earlier for earlier, later in zip(years, years[1:], strict=False))
    descending = all(later < earlier for earlier, later in zip(years, years[1:], strict=False))
    return (ascending or descending) and YEAR_FIRST <= min(years) and max(years) <= YEAR_LAST


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

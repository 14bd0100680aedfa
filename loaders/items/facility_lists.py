"""Statuses said of works as a list or a table row, not one by one.

A report often states how far works got once for several of them: a verb before a list of roads
(完成A路、B路的管网铺设), a closing status after clauses of bare names (A，B，C全部实施到位), a status
in brackets after each name (经五路（在建）), a table flattened one cell a line; and a length laid
with a work verb (铺设管网12公里) reports work done. Each rule takes the status pick_status gave an
item and returns the one the list says.
"""

from __future__ import annotations

from ..document import Document
from .facilities import TABLE, Item, P, facility_words, keyword_pattern
from .lexicon import cues, patterns
from .status import StatusWord, status_rank, status_words

# What a title line may hold besides the item's name (工程, 项目).
TITLE_REST = 2
_ALL_OF_THEM = patterns("items").all_of_them


def word_rank(word: StatusWord) -> tuple[int, int]:
    """How far a status word says works got (explicit over weak, then the most advanced)."""
    return status_rank(TABLE, word.status, word.strength)


def verb_before_the_list(text: str, item: Item, words: list[StatusWord], clauses, status: StatusWord | None):
    """完成A路、B路、C路的管网铺设: a work named after the list with 的 (…的铺设) is what the verb before the list
    was done to; the verb says how far the works got, for the last of the list as for the first."""
    if status is None or status.strength >= 2 or status.start < item.end:
        return status
    if not P.work_after_list.fullmatch(text, item.end, status.start):
        return status
    low = clauses[item.clause][0]
    before = [word for word in words if low <= word.start and word.end <= item.start and word.strength >= 1
              and not word.future]
    leading = max(before, key=lambda word: word.start, default=None)
    return leading if leading is not None and word_rank(leading) > word_rank(status) else status


def said_of_the_whole_list(text: str, item: Item, items: list[Item], words: list[StatusWord], clauses, breaks,
                            status: StatusWord | None) -> StatusWord | None:
    """A路路基，B管网，C线路，D管网全部实施到位: clauses naming works and stating nothing, then one closing the list
    with a status said of all of it (全部, 均, 都: 新建A2座，B4座，均已投入使用), or of the names before it when a
    clause holds nothing but a name (纬一路，经二路已建成): that status is theirs; the work verb of a clause (铺设)
    says less."""
    if status is not None and status.strength >= 2:
        return status
    segments, with_items = breaks  # where the sentence's parts start, and the clauses naming works
    for index in range(item.clause + 1, len(clauses)):
        low, high = clauses[index]
        if index in segments or (index not in with_items and not _ALL_OF_THEM.match(text, low, high)):
            return status  # a clause naming no works goes on with the list only as 均已投入使用 (all of it)
        said = [word for word in words if low <= word.start < high and word.strength >= 2]
        if not said:
            if any(low <= word.start < high for word in words):
                return status  # a clause of its own, with its own work verb: the list does not run on
            continue
        own_low, own_high = clauses[item.clause]
        only_names = bool(P.list_glue.fullmatch(without_items(text, own_low, own_high, items)))
        closing = [
            word for word in said
            if not word.future and (only_names or P.whole_list.search(text, max(low, word.start - 3), word.start))
        ]
        if not closing:
            return status
        best = max(closing, key=word_rank)
        return best if status is None or word_rank(best) > word_rank(status) else status
    return status


def without_items(text: str, low: int, high: int, items: list[Item]) -> str:
    """text[low:high] with the works inside it cut out (what else a clause says, what separates two members of
    a list)."""
    kept, position = [], low
    for other in sorted(items, key=lambda other: other.start):
        if other.start < high and other.end > position:  # items may share a figure (A园24栋厂房)
            kept.append(text[position : max(position, other.start)])
            position = min(other.end, high)
    return "".join(kept) + text[position:high]


def ends_in_a_colon(text: str, high: int) -> bool:
    """The clause ending at high opens a list after its colon (正在进行的工程共有8大工程：A；B)."""
    return text[high : high + 1] in ("：", ":")


def in_brackets_after(text: str, item: Item, words: list[StatusWord]) -> StatusWord | None:
    """纬三路（已通车）、经五路（在建）、临江路（规划）: a status in brackets right after an item is its own."""
    if text[item.end : item.end + 1] not in ("（", "("):
        return None
    close = P.bracket_close.search(text, item.end, item.end + _BRACKET_REACH)
    if close is None:
        return None
    said = [word for word in words if item.end < word.start < close.start() and word.status]  # （规划）: weak, but its own
    return max(said, key=word_rank) if said else None


_BRACKET_REACH = 16  # how far a bracket after an item may run


def measured_work_done(text: str, item: Item, status: StatusWord | None, header: StatusWord | None) -> StatusWord | None:
    """铺设供水管线9600米, 修建道路6.9公里, 安装路灯310盏: a work verb with the length or area laid, or the pieces
    fitted, is a report of work done (as 新建标准化厂房1万平米 is), not of work going on (正在铺设管网12公里,
    正在进行的工程有：铺设… are)."""
    if status is None and (fitting := P.fitting_lead.fullmatch(text, max(0, item.start - 2), item.start)):
        # 安装 is no status word (设备安装 is a stage of a plant), but right before a counted item a work done
        status = StatusWord(fitting.start(), fitting.end(), fitting.group(), "under_construction", 1, False)
        if item.quantity is None:
            return None  # 安装路灯: what is fitted, not how much of it
    if status is None or status.strength >= 2 or status.future or status.word not in cues()["work_verbs"]:
        return status
    if P.ongoing_before.search(text, max(0, status.start - 4), status.start):
        return status
    if _completion_ahead(text, item):
        return status  # 已铺设管网1000米，有望年内竣工: the length laid so far, the works go on
    if header is not None:
        return status  # the colon's clause says how far the works it lists got
    if item.quantity is None or item.quantity.dimension not in _LAID:
        return status
    if item.quantity.unit == "piece" and status.word not in cues()["fitting_verbs"]:
        return status  # 修建道路4条: how many roads, not how much of them was laid
    return status._replace(status="completed")


# What a work verb reports done: a length or area laid, or pieces fitted (安装路灯310盏).
_LAID = ("length", "area", "floor_area", "other")


def _completion_ahead(text: str, item: Item) -> bool:
    """A completion still to come in the item's part of the sentence (…，预计年底竣工; …，有望年内建成通车)."""
    sentence = item.sentence
    ends = [position for position in (text.find(mark, item.end, sentence.end) for mark in "；;") if position >= 0]
    return P.completion_ahead.search(text, item.end, min(ends, default=sentence.end)) is not None


def status_in_the_cells_after(document: Document, item: Item) -> StatusWord | None:
    """A table flattened one cell a line (1 / 纬三路 / 全长2.5公里 / 3000 / 已完工): an item that is its whole line
    takes the status of the short lines after it, up to the next line naming works."""
    sentence = item.sentence
    text = document.text
    if "\n" not in text[sentence.end - 1 : sentence.end + 1] or sentence.end - sentence.start > _CELL_CHARS * 2:
        return None  # not a line of its own, or too long to be a table's cell
    rest = text[sentence.start : item.start] + text[item.end : sentence.end]
    if len(P.title_rest.sub("", rest)) > TITLE_REST:
        return None
    for index in range(sentence.index + 1, min(len(document.sentences), sentence.index + 1 + _CELLS)):
        cell = document.sentences[index]
        names_works = facility_words(keyword_pattern().finditer(text, cell.start, cell.end))
        if len(text[cell.start : cell.end].strip()) > _CELL_CHARS or names_works:
            return None
        said = [word for word in status_words(document, cell, TABLE) if word.strength >= 2 and not word.future]
        if said:
            return max(said, key=word_rank)
    return None


# A row's cells after its name: how many lines, and how long a cell may be.
_CELLS = 5
_CELL_CHARS = 16

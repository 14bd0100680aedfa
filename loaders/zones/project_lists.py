"""Lists of projects a park's name may stand in (A产业园、B广场等5个项目; 5个项目分别是：A产业园、B产业园).

A park listed among projects is one of them, not a zone (zones/names.py). Each list is read by a
scanner, once per report: an item is 1 to LISTED_ITEM characters, a list may run for a whole clause,
and a pattern matched at every name would walk the rest of its list again for each name listed.
"""

from __future__ import annotations

import re

from .lexicon import LISTED_ITEM, listed_project_closer, project_list_opening

CLAUSE_MARKS = "，,。；;！？!?\n"  # no list of projects runs across them
ITEM_STOPS = "、" + CLAUSE_MARKS  # characters no item holds
_ITEM_STOP = re.compile(f"[{re.escape(ITEM_STOPS)}]")
OPENED_SEPARATORS = "、，,和及与"  # between the items of a list opened by a colon (和 may stand inside an item too)
OPENING_REACH = 120  # characters back from a name to the opening of its list


class ProjectLists:
    """Where one text's lists of projects stand, read on demand and remembered by list position."""

    def __init__(self, text: str):
        self.text = text
        self._closed: dict[int, bool] = {}  # the offset of a 、 -> whether the list from it is closed by 等…项目

    def closed_after(self, end: int) -> bool:
        """观摩了A产业园、B广场等项目: whether the rest of a list closed by 等 and a project noun follows
        a name ending at `end` (、 and an item of 1 to LISTED_ITEM characters, any number of times)."""
        char = self.text[end : end + 1]
        if char == "等":
            return listed_project_closer().match(self.text, end) is not None
        return char == "、" and self._closed_from(end)

    def _closed_from(self, mark: int) -> bool:
        """Whether the items from the 、 at `mark` on run to a closer: each 、 of a list is read once,
        the answer shared by every 、 of the list before it."""
        text, chain, closed = self.text, [], False
        while True:
            if mark in self._closed:
                closed = self._closed[mark]
                break
            chain.append(mark)
            stop = _item_end(text, mark + 1, mark + LISTED_ITEM + 2)  # the end of this item
            if self._closer_in(mark + 2, min(stop, mark + LISTED_ITEM + 2)):
                closed = True  # the closer's 等 inside this item's reach (its item holds 1 character at least)
                break
            if stop >= len(text) or text[stop] != "、" or stop == mark + 1 or stop > mark + LISTED_ITEM + 1:
                break  # the list ends without a closer: a clause mark, 、、, or an item too long
            mark = stop
        for position in chain:
            self._closed[position] = closed
        return closed

    def _closer_in(self, low: int, high: int) -> bool:
        """Whether a closer (等…项目) starts at a 等 in text[low:high]."""
        found = self.text.find("等", low, high)
        while found != -1:
            if listed_project_closer().match(self.text, found) is not None:
                return True
            found = self.text.find("等", found + 1, high)
        return False

    def opened_before(self, start: int) -> bool:
        """5个项目分别是：A产业园、B产业园和C产业园: whether a name at `start` follows the opening of a list
        of projects (within OPENING_REACH characters) and items each closed by a separator."""
        for opening in project_list_opening().finditer(self.text, max(0, start - OPENING_REACH), start):
            if _items_reach(self.text, opening.end(), start):
                return True
        return False


def _item_end(text: str, low: int, high: int) -> int:
    """The offset of the first character no item holds (ITEM_STOPS) in text[low:high], else min(high, len(text))."""
    high = min(high, len(text))
    stop = _ITEM_STOP.search(text, low, high)
    return stop.start() if stop else high


def _items_reach(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is items of 1 to LISTED_ITEM characters, each followed by a separator
    (OPENED_SEPARATORS), up to `end` or up to a line break right before it. The starts of items
    reached are kept in order; an item may end at a separator if the last start before it is close
    enough, with no character no item holds between."""
    starts = [start]
    item_start = start  # the first offset after the last character no item holds
    for index in range(start, end):
        char = text[index]
        if char in OPENED_SEPARATORS:
            last = starts[-1] if starts[-1] < index else starts[-2] if len(starts) > 1 else -1
            if last >= max(index - LISTED_ITEM, item_start):
                starts.append(index + 1)
        if char in ITEM_STOPS:
            item_start = index + 1
    return starts[-1] == end or (text[end - 1 : end] == "\n" and starts[-1] == end - 1)

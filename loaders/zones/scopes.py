"""How far a zone mention reaches: lists of zones with their figures, and lines listing zones.

A mention of a zone makes it the subject of the figures that follow (loaders/zones/resolver.py). Two shapes
of report language reach less far:

- a respective list: 分布在A、B和C，分别为36家、14家和9家 gives each figure to the zone in the same
  place of the list, and speaks of those zones in that sentence only;
- lines that each open with a zone and its figure, no sentence (洋浦经济开发区1809.9亿元 / 江东新区
  861.9亿元): after the last of them the report speaks again of the zone it spoke of before them;
- a sub-park reaches the next numbered heading at most, and 全区 opening a clause speaks of the
  report's subject again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from itertools import accumulate

from .anchors import first_offset
from .lexicon import CJK, lexicon, switching, type_pattern, word_tuple, words_pattern
from .names import SENTENCE_END, SENTENCE_ENDS, Mention, opens_clause

FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
SENTENCE = re.compile(r"[^。！？!?\n]+")  # a sentence, its parts split by ； inside it
PART = re.compile(r"[^；;]+")
LIST_REACH = 16  # characters between the last zone of a list and 分别 (…在税收方面贡献突出，分别…)
LIST_CUES = 4  # cues (分别) of one sentence a list hands out figures after (分别增长…，分别达到…: two in real reports)
ITEM_REST = 20  # characters a listed line holds after its zone name
PROSE_MARKS = "。；;，,"  # a line holding one is a sentence, not an item of a list
# A numbered heading opening a sentence or line (3.主导产业…, （二）…, 二、…), not a decimal (2.5亿元).
NUMBERED_HEADING = re.compile(rf"(?<=[。；;\n])\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、](?=[{CJK}]))")


def respective_lists(text: str, mentions: list[Mention]) -> list[tuple[list[Mention], list[int]]]:
    """(the zones of a list, the offsets of their figures after 分别): one figure per zone, in order,
    after each 分别 of the sentence (分别增长10%和8%，分别达到50亿元和30亿元), LIST_CUES of them at most."""
    lists = []
    run: list[Mention] = []
    written_on = 0  # where the run's last name written straight after the one before it starts
    cues: _Cues | None = None  # the text's cues and sentence ends, read when a list first needs them
    for index, mention in enumerate(mentions):
        joined = _joined(text, run[-1], mention) if run else None
        written_on = len(run) if joined == "written_on" else 0 if not joined else written_on
        if joined:
            run.append(mention)
        else:
            run = [mention]
        if len(run) < 2:
            continue
        first = words_pattern("respectively").search(text, mention.end, mention.end + LIST_REACH)
        if first is None or any(mark in text[mention.end : first.start()] for mark in SENTENCE_END):
            continue
        if index + 1 < len(mentions) and mentions[index + 1].start < first.start():
            continue  # the list goes on: its last name is still to come
        cues = cues or _Cues(text)
        found, end = cues.of_sentence(first.start())
        for number, cue in enumerate(found[:LIST_CUES]):
            following = found[number + 1].start() if number + 1 < len(found) else end
            figures = [figure.start() for figure in FIGURE.finditer(text, cue.end(), following)]
            listed = next((names for names in (run, run[written_on:]) if len(figures) % len(names) == 0), None)
            if listed is not None:  # a zone then its parks written on (青禾经开区A园、B园分别…): the parks
                # 分别实现50亿元、30亿元，增长10%、8%: each round of as many figures as zones, in order
                for round_start in range(0, len(figures), len(listed)):
                    lists.append((list(listed), figures[round_start : round_start + len(listed)]))
    return lists


class _Cues:
    """The cues (分别, 依次) and sentence ends of one text, each found once, looked up by bisection:
    a list asks only for the cues of its own sentence."""

    def __init__(self, text: str):
        self.cues = list(words_pattern("respectively").finditer(text))
        self.starts = [cue.start() for cue in self.cues]
        self.ends = [match.start() for match in SENTENCE_ENDS.finditer(text)]
        self.length = len(text)

    def of_sentence(self, start: int) -> tuple[list[re.Match], int]:
        """The cues from the one at `start` to the end of its sentence (LIST_CUES + 1 at most: the last
        one read only bounds the figures of the one before it), and the sentence's end."""
        ending = bisect.bisect_left(self.ends, start)
        end = self.ends[ending] if ending < len(self.ends) else self.length
        first = bisect.bisect_left(self.starts, start)
        last = min(bisect.bisect_left(self.starts, end, first), first + LIST_CUES + 1)
        return self.cues[first:last], end


def semicolon_series(text: str, mentions: list[Mention]) -> dict[int, Mention]:
    """{figure offset: park} for a sentence whose parts, split by ；, each give a figure and then name
    one park of their own (投入4亿元，完成A产业园道路…；投入2亿元，完成B产业园道路…): a part's
    figures are its park's, though they come before its name."""
    figures: dict[int, Mention] = {}
    starts = [mention.start for mention in mentions]
    for sentence_start, sentence_end in _sentences(text):
        parts = _parts(text, sentence_start, sentence_end)
        if len(parts) < 2:
            continue
        named = []
        for part_start, part_end in parts:
            inside = mentions[bisect.bisect_left(starts, part_start) : bisect.bisect_left(starts, part_end)]
            if len({mention.name for mention in inside}) != 1 or not FIGURE.search(text, part_start, inside[0].start):
                break  # each part names one park, after a figure of its own (the series' shape)
            named.append((part_start, part_end, inside[0]))
        if len(named) < len(parts) or len({mention.name for _, _, mention in named}) < len(named):
            continue
        for part_start, part_end, mention in named:
            figures.update((figure.start(), mention) for figure in FIGURE.finditer(text, part_start, part_end))
    return figures


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence split by ；."""
    return [match.span() for match in SENTENCE.finditer(text) if "；" in match.group() or ";" in match.group()]


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in PART.finditer(text, start, end) if match.group().strip()]


def _joined(text: str, previous: Mention, mention: Mention) -> str | None:
    """A、B和C: names joined by a list word ("word"); or written straight after one another ("written_on":
    A新区B综合保税区, a list whose separators were lost, or a zone and its park)."""
    between = text[previous.end : mention.start]
    if between in lexicon()["definition_joins"]:
        return "word"
    return "written_on" if not between and mention.name != previous.name else None


def line_item_returns(text: str, switches: list[tuple[int, int, str]], main: str,
                      crosses_line: Callable[[int, int], bool] | None) -> list[tuple[int, str]]:
    """(offset, zone) where a block of lines listing zones with their figures ends, and the zone
    spoken of before the block takes the figures again. `switches` are (start, end, zone), in order."""
    items = [(index, line_end) for index, (start, end, _) in enumerate(switches)
             if _opens_line(text, start, crosses_line)
             and (line_end := _line_end(text, start, end + ITEM_REST, crosses_line)) is not None
             and FIGURE.search(text, end, line_end) and not any(mark in text[end:line_end] for mark in PROSE_MARKS)]
    returns: list[tuple[int, str]] = []
    latest = list(accumulate(((start, zone) for start, _, zone in switches), max))  # latest[i]: the last of switches[:i + 1]
    last_return: tuple[int, str] | None = None  # the last of returns
    block: list[tuple[int, int]] = []
    for item in [*items, None]:
        if item is not None and block and item[0] == block[-1][0] + 1 \
                and not text[block[-1][1] : switches[item[0]][0]].strip():
            block.append(item)
            continue
        if len({switches[index][2] for index, _ in block}) >= 2:  # a list names several zones
            first = block[0][0]
            before = ([latest[first - 1]] if first else []) + ([last_return] if last_return else [])
            returns.append((block[-1][1], max(before)[1] if before else main))
            last_return = max(last_return, returns[-1]) if last_return else returns[-1]
        block = [item] if item is not None else []
    return returns


def _opens_line(text: str, start: int, crosses_line) -> bool:
    if start == 0 or text[start - 1] == "\n":
        return True
    return bool(crosses_line and crosses_line(start - 1, start))


def _line_end(text: str, start: int, reach: int, crosses_line) -> int | None:
    """Where the line holding `start` ends (the next line's first offset), if before `reach`."""
    reach = min(reach, len(text))
    if crosses_line is None:
        newline = text.find("\n", start, reach)
        return newline + 1 if newline != -1 else len(text) if reach == len(text) else None
    if not crosses_line(start, reach):
        return len(text) if reach == len(text) else None
    return first_offset(start, reach, lambda middle: crosses_line(start, middle))  # the first span with a break


def sub_park_ends(text: str, mentions: list[Mention], main: str) -> list[tuple[int, str]]:
    """(offset, main) where a sub-park (沙文园区已开工…) stops being spoken of: the next numbered
    heading (3.主导产业…), unless another zone is named first. `mentions` are those that switch."""
    sub_parks = [mention for mention in mentions if not switching()[mention.kind]]
    if not sub_parks:
        return []
    starts = sorted(mention.start for mention in mentions)
    headings = [match.start() for match in NUMBERED_HEADING.finditer(text)]
    ends = []
    for mention in sub_parks:
        heading = bisect.bisect_left(headings, mention.end)
        following = bisect.bisect_right(starts, mention.start)
        if heading < len(headings) and not (following < len(starts) and starts[following] < headings[heading]):
            ends.append((headings[heading], main))
    return ends


def whole_zone_references(text: str, main: str) -> list[int]:
    """Where 全区 opens a clause (全区完成基础建设投资…) in a report about a zone (…区): the whole of it."""
    if not main.endswith("区"):
        return []
    return [match.start() for match in words_pattern("whole_zone_words").finditer(text) if opens_clause(text, match.start())
            and not type_pattern().match(text, match.end())]


def own_zone_references(text: str, main: str) -> list[int]:
    """Where a first-person word for a zone is its clause's subject (全市园区考评中，我园排名第一，完成税收…) in a
    report about a zone it can speak of (我区 of a …区, 我园 of a …园 or …园区): the report's own zone again,
    not a group or another zone named before it in the sentence."""
    ending, not_before = main[-2:], word_tuple("own_zone_not_before")
    return [match.start() for match in words_pattern("own_zone_words").finditer(text)
            if match.group()[-1] in ending and not text.startswith(not_before, match.end())
            and not type_pattern().match(text, match.end()) and _the_clause_s_subject(text, match.start(), match.end())]


def _the_clause_s_subject(text: str, start: int, end: int) -> bool:
    """Whether a word opens its clause, follows the field it is ranked in (…排名中我园), or precedes its rank (我区位列第五)."""
    return opens_clause(text, start) or text.endswith(word_tuple("field_closes"), 0, start) \
        or text.startswith(word_tuple("own_zone_ranks"), end)

"""A report's heading and lines: where its title ends (past the lines of a web page's frame), which
line breaks are a wrap of prose, and which title names the zone the report is about.

zones/resolver.py reads the subject from them: a zone named in the heading, or after 关于 in a
title, comes first.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lexicon import lexicon, words_pattern
from .names import Mention

HEADING_LINES = 4  # a report's heading: its first short lines (title, subtitle), before the body
HEADING_SCAN = 12  # lines read for them, the lines of a web page's frame included
HEADING_WIDTH = 40
WRAPPED_LINE = 24  # characters of a line normalize may join to the next as a wrapped paragraph
PROSE_MARKS = "，。；、：,;"
SENTENCE_MARKS = "，,。；;"
MENU_MARKS = "|｜>»\t"  # a menu, a path, a table
TOPIC_REACH = 30  # characters back from a zone to the 关于 of the title it is the topic of
TOPIC_OPENING = 300  # characters of a report's opening where a title it quotes names its subject
ANSWER_REACH = 300  # characters after a quoted title's zone where the word answering it stands, in its sentence
SENTENCE_REST = re.compile(r"[^。！？!?\n]*")


def heading_end(text: str) -> int:
    """End offset of the heading: the first short lines that do not read as a sentence, past the
    lines of a web page's frame before and among them (首页 > 新闻中心, 发布时间: … 来源: …)."""
    offset = end = counted = 0
    for line in text.split("\n", HEADING_SCAN)[:HEADING_SCAN]:  # the lines after them unsplit
        stripped = line.strip(" \t\u3000|")
        framing = _page_frame(stripped)
        if not framing and (len(stripped) > HEADING_WIDTH or stripped.endswith(("。", "；", ";"))):
            break
        offset += len(line) + 1
        if stripped:
            end = offset - 1
            counted += not framing
        if counted == HEADING_LINES:
            break
    return end


def _page_frame(line: str) -> bool:
    """A line of a web page's frame: a menu or path (首页 > 新闻中心), or a line of the page's date,
    source, hits or print buttons (发布时间: 2021-03-05 来源: 管委会办公室)."""
    if any(mark in line for mark in SENTENCE_MARKS):
        return False  # a sentence of the body (…15年时间,长江路开发区…)
    return any(mark in line for mark in MENU_MARKS) or words_pattern("page_frame_words").search(line) is not None


def joined_line_test(normalized) -> Callable[[int, int], bool]:
    """Whether a span of the normalised text was on two lines of the original (normalize joins
    wrapped lines, and a zone name never runs across a line break), unless the line it runs from
    is a wrapped line of prose (…全力推进产业集聚发展，临江\n经济技术开发区…): a PDF's fixed width
    breaks names too."""
    original = normalized.original

    def crosses(start: int, end: int) -> bool:
        last = normalized.to_original(end)
        newline = original.find("\n", normalized.to_original(start), last)
        while newline != -1:  # most spans hold no break: one find at C speed says so
            if not _wrapped_prose(original, newline):
                return True
            newline = original.find("\n", newline + 1, last)
        return False

    return crosses


def _wrapped_prose(original: str, newline: int) -> bool:
    """Whether the line ending at `newline` is prose wrapped at a fixed width: long, with clause
    marks, and no separators of a menu or a table (首页 | 联系我们)."""
    line = original[original.rfind("\n", 0, newline) + 1 : newline]
    return len(line) >= WRAPPED_LINE and any(mark in line for mark in PROSE_MARKS) \
        and not any(mark in line for mark in MENU_MARKS)


def title_topic(text: str, mention: Mention, heading: int) -> bool:
    """临江工业园区管委会关于…的复函 … 您提出的《关于加快鹤翔铝产业园建设的建议》收悉: a zone named in
    a title after 关于 (the heading's, or one the opening paragraph quotes) is what the report is
    about; a zone before 关于 (its office) is who writes it."""
    if mention.start > max(heading, TOPIC_OPENING):
        return False
    before = text[max(0, mention.start - TOPIC_REACH) : mention.start]
    before = before[max(before.rfind(mark) for mark in "。；;！？!?\n》") + 1 :]
    if not any(word in before for word in lexicon()["topic_openers"]):
        return False
    if mention.start < heading:
        return True
    sentence = SENTENCE_REST.match(text, mention.end, mention.end + ANSWER_REACH)  # a quoted title: a proposal the report answers
    return sentence is not None and any(word in sentence.group() for word in lexicon()["answered_titles"])

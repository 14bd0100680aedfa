"""Plan sections: the parts of a report under a heading that announces goals (二、2025年工作计划).

A figure in such a section is a target even when its sentence has no goal word of its own
(主营业务收入达到120亿元). The section runs to the next heading of the same or a higher level.
A paragraph that sets out a plan (下半年，园区将…; 总体目标为：…) is read so too, to its end, and one opening on a year
and its subject's will (2026年，园区将…) when that year has not passed at the report's date.
Heading and opening words are data in lexicon/cues.yaml (`plan_headings`, `review_headings`,
`plan_paragraph_openings`, `plan_paragraph_verbs`, `year_plan_verbs`, `goal_lead_words`).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache

from ..text.spans import line_end, merged_spans
from .kinds import takes_an_object
from .lexicon import cues, has, pattern_of

# Enumeration markers, highest level first: 第一部分 / 一、 / （一） / 1. / （1）
_MARKERS = (
    (0, re.compile(r"第[一二三四五六七八九十]+(?:部分|章|篇)")),
    (1, re.compile(r"[一二三四五六七八九十]+[、.．]")),
    (2, re.compile(r"[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"\d{1,2}[、.．](?!\d)")),
    (4, re.compile(r"[（(]\d{1,2}[）)]")),
)
# The markers as one pattern, tried once per line: its first alternative that matches names the level,
# as trying them one by one from the highest level would.
_MARKER = re.compile("|".join(f"(?P<level{level}>{marker.pattern})" for level, marker in _MARKERS))
_HEADING_END = re.compile(r"[。：:；;！!？?]")
_SHORT_LINE = 30  # an unmarked line this short, with no sentence mark, is a heading
_UNMARKED = 5  # below every marked level: an unmarked heading never closes a marked section


def plan_spans(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the plan sections of a normalised text."""
    spans: list[tuple[int, int]] = []
    open_plan: tuple[int, int] | None = None  # (level, start) of the plan section being read
    for start, level, heading in _headings(text):
        if open_plan and (level <= open_plan[0] or _a_review_part(level, heading)):
            spans.append((open_plan[1], start))
            open_plan = None
        if open_plan is None and _announces_a_plan(heading):
            open_plan = (level, start + len(heading))
    if open_plan:
        spans.append((open_plan[1], len(text)))
    return spans


# A line's lead up to its first colon, at most 40 characters in (2025年，园区主要目标为：…).
_LEAD_COLON = re.compile(r"^[ \t\u3000]*+([^\n：:。]{0,40})[：:]", re.MULTILINE)
# A line's first characters after its indent, and its first sentence.
_LINE_OPENING = re.compile(r"^[ \t\u3000]*+([^\n。！？]*+)", re.MULTILINE)


def plan_paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the paragraphs that set out a plan: a line opening on a time still to come
    whose first sentence says what will be done (下半年，园区将…; 下一步，要…), or whose lead announces goals before
    a colon (2025年总体目标为：…). Their figures are targets, as a plan section's are."""
    spans = []
    opening, will = pattern_of(cues()["plan_paragraph_openings"]), pattern_of(cues()["plan_paragraph_verbs"])
    not_a_goal, goal_lead = pattern_of(cues()["not_target"]), tuple(cues()["goal_lead_words"])
    for line in _LINE_OPENING.finditer(text):
        if opening.match(line.group(1)) and will.search(not_a_goal.sub(" ", line.group(1))):  # not 将近
            spans.append((line.start(1), line_end(text, line.start(1))))
    for lead in _LEAD_COLON.finditer(text):
        if lead.group(1).rstrip().endswith(goal_lead) and not has(cues()["review_headings"], lead.group(1)):
            spans.append((lead.start(1), line_end(text, lead.start(1))))
    return merged_spans(spans)


# A line opening on a year, a comma and a short subject's will (2026年，园区将…, 2026年，我们力争…; cues.yaml
# year_plan_verbs). Not 将 as 把 (2023年，园区将招商作为一号工程: kinds.takes_an_object).
@lru_cache(maxsize=1)
def _a_year_s_plan() -> re.Pattern:
    will = pattern_of(cues()["year_plan_verbs"]).pattern
    return re.compile(rf"[“\"]?((?:19|20)\d\d)年[，,]\s*[^，,。；;：:、\d将]{{1,12}}?(?:{will})")


def year_plans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of the paragraphs opening on a year and its subject's will: that year's plan, unless
    the report looks back on the year (2022年，园区将闲置厂房改造为… in a 2023 report tells what was done)."""
    plans = []
    not_a_goal = pattern_of(cues()["not_target"])
    for line in _LINE_OPENING.finditer(text):
        first = not_a_goal.sub(" ", line.group(1))  # not 将近 (nearly)
        opening = _a_year_s_plan().match(first)
        if opening and not takes_an_object().match(first, opening.end()):
            plans.append((line.start(1), line_end(text, line.start(1)), int(opening.group(1))))
    return plans


def in_a_year_s_plan(plans: list[tuple[int, int, int]], position: int, doc_year: int | None) -> bool:
    """Whether `position` is in one of year_plans' paragraphs whose year has not passed at the report's date (an
    undated report may look back on it). One paragraph per line: only the last one starting before it can hold it."""
    at = bisect_right(plans, (position, math.inf)) - 1
    return doc_year is not None and at >= 0 and position < plans[at][1] and plans[at][2] >= doc_year


def in_plan(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` is in one of plan_spans' sections: they are sorted and never overlap, so
    only the last one starting at or before it can hold it (asked once per sentence with figures)."""
    at = bisect_right(spans, (position, math.inf)) - 1
    return at >= 0 and position < spans[at][1]


def _headings(text: str):
    """(offset, level, heading text) of every heading line; a marked line's heading ends at its first 。 or ："""
    offset, first = 0, True
    for line in text.split("\n"):
        stripped = line.strip()
        lead = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        if not stripped:
            continue
        marked = _MARKER.match(stripped)
        if marked and marked.lastgroup:
            stop = _HEADING_END.search(stripped)
            yield lead, int(marked.lastgroup[len("level") :]), stripped[: stop.start() if stop else len(stripped)]
        elif len(stripped) <= _SHORT_LINE and not _HEADING_END.search(stripped):
            yield lead, (0 if first else _UNMARKED), stripped  # the first line is the title
        first = False


_REVIEW_PART_LEVEL = 1  # 三、2023年工作回顾: a part of this level or higher that reviews ends a plan, even the title's


def _a_review_part(level: int, heading: str) -> bool:
    """二、2023年工作回顾 in a report titled …工作计划: a main part looking back ends the plan the title opened."""
    return level <= _REVIEW_PART_LEVEL and has(cues()["review_headings"], heading) and not _announces_a_plan(heading)


def _announces_a_plan(heading: str) -> bool:
    """工作计划, 下一步打算, 主要目标 at the end of a heading; not a review (完成情况, 总结)."""
    words = cues()["plan_headings"]
    return heading.rstrip("　 ").endswith(tuple(words)) and not has(cues()["review_headings"], heading)

"""Whose figure, first question: does the sentence or clause open on a wider place and its verb (全市完成…,
柘城县实现…, 园区所在的柘城县…)? Then its figures are that place's, not the zone's; `subjects.not_the_zone`
asks `about_a_wider_place` before it reads a figure's clause subject.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.periods import leading_date
from ..text.places import place_names
from .lexicon import cues, has, pattern_of

if TYPE_CHECKING:
    from ..document import Document
    from .rules import Reading


def about_a_wider_place(reading: Reading) -> bool:
    """2023年，全市完成固定资产投资500亿元: a sentence whose subject is the city, county or province
    (and names no zone before the figure) gives that place's figures, not the zone's. A figure of a zone
    named right after it is asked about first (`subjects.zone_named_right_after`)."""
    if reading.sentence_holds(_WIDER_PLACE):  # asked once per sentence: most name no wider place
        subject = _wider_subject(reading.head)
        if subject is not None:
            return not has(cues()["zone_words"], reading.head[subject.end() :])
        if _WIDER_CLAUSE.match(reading.clause) and not has(cues()["zone_words"], reading.clause):
            return True  # 临江市把园区建设作为重中之重，今年1-8月，全市完成产值240亿元: the clause's own subject
    if named_place_subject(reading.clause) and not has(cues()["zone_words"], reading.clause):
        return True  # 2023年，柘城县完成固定资产投资200亿元: a county named as the subject, no zone
    if a_district_broken_down_by_zone(reading):
        return True  # 全区实现规上工业总产值800亿元，其中开发区完成500亿元: 全区 is the district
    if the_place_it_lies_in(reading):
        return True  # 园区所在的柘城县总面积1200平方公里; 柘城县位于豫东，总面积…
    return _SUBJECTLESS.match(reading.head) is not None and _wider_sentence_before(reading)


AFTER_A_DATE = leading_date() + r"[，,]?\s*"  # where a clause's subject may start: after its date, if any
# 全区 opening the sentence (after a date at most): the zone in a zone's report, the district in a district's.
_WHOLE_DISTRICT = re.compile(AFTER_A_DATE + "全区")
_BROKEN_DOWN_BY_ZONE = re.compile(r"其中[，,]?[^，。；,;]{0,12}?(?:产业集聚区|集聚区|开发区|高新区|经开区|工业园|产业园|园区)")


def a_district_broken_down_by_zone(reading: Reading) -> bool:
    """全区…800亿元，其中开发区完成500亿元: a 全区 figure whose sentence goes on to a zone's part of it is
    the district's, not the zone's (in a zone's own report 全区 is the zone, and no zone is its part)."""
    if not _WHOLE_DISTRICT.match(reading.head):
        return False
    return _BROKEN_DOWN_BY_ZONE.search(reading.text, reading.quantity.end, reading.sentence.end) is not None


# 园区所在的柘城县, 开发区所在地巩义市, 开发区所处的临江市: the place the zone lies in, named as the subject after it
# (right after a zone word: the_place_it_lies_in).
_LIES_IN = re.compile(r"所(?:在|处)(?:的|地)?(?P<place>[\u4e00-\u9fff]{1,8}?[省市县州盟旗区镇])")


@lru_cache(maxsize=1)
def _place_topic() -> re.Pattern:
    """柘城县位于豫东…, 巩义市地处…, 淇县总面积…: a sentence opening on a place as its topic (cues.yaml
    place_topic_words; a 区 may be a zone: not here)."""
    words = pattern_of(cues()["place_topic_words"]).pattern
    return re.compile(AFTER_A_DATE + r"(?P<place>[\u4e00-\u9fff]{1,8}?[省市县州盟旗])" + words)


def the_place_it_lies_in(reading: Reading) -> bool:
    """园区所在的柘城县总面积1200平方公里, 柘城县位于豫东，总面积1200平方公里: the sentence's subject is the
    place the zone lies in (a gazetteer name, no zone named after it before the figure), not the zone."""
    head = reading.head
    lies_in = _LIES_IN.search(head) if reading.sentence_holds(_LIES_IN) else None  # most sentences have no 所在
    if lies_in and not head.endswith(cues()["zone_words"].prefixes, 0, lies_in.start()):
        lies_in = None  # 园区依托所处的临江市交通优势，完成产值…: the place is what the zone draws on, not the subject
    found = lies_in or _place_topic().match(head)
    if found is None or found.group("place") not in place_names():
        return False
    return not has(cues()["zone_words"], head[found.end() :])


# A sentence that opens on a verb has no subject of its own: it goes on with the sentence before's.
_SUBJECTLESS = re.compile(r"\s*(?:[^，,。；;\d]{1,10}[，,]\s*)?(?:完成|实现|新增|累计完成|累计实现|累计实施|共实施)")


def _wider_sentence_before(reading: Reading) -> bool:
    """全县完成工业增加值31亿元。完成固定资产投资126亿元: the sentence before is about the wider place
    and names no zone, and this one names none either."""
    if reading.head_holds(cues()["zone_words"]):
        return False
    document, sentence = reading.document, reading.sentence
    key = ("wider_sentence_before", sentence.index)
    if key not in document.memo:
        document.memo[key] = _wider_run_before(document, sentence.start)
    return document.memo[key]


def _wider_run_before(document: Document, end: int) -> bool:
    """Whether the text from the last stop before `end` (a line of pieces cut from one endless sentence, all
    of it) opens on the wider place and names no zone. Read in bounded time per piece: the stop found among
    the text's stops, the opening matched where it stands, the zone words searched only in what is new."""
    start = _run_start(document, end)
    subject = _WIDER_SUBJECT.match(document.text, start, end)  # as on text[start:end]: it looks at no text before
    if subject is None or has(cues()["zone_words"], subject.group("lead")):
        return False
    return not _zone_word_in(document, start, end)


def _run_start(document: Document, end: int) -> int:
    """Just after the last 。！？ or line break before end - 1 (0 when there is none)."""
    if "sentence_stops" not in document.memo:
        document.memo["sentence_stops"] = [match.start() for match in _SENTENCE_STOP.finditer(document.text)]
    stops = document.memo["sentence_stops"]
    index = bisect.bisect_left(stops, end - 1) - 1
    return stops[index] + 1 if index >= 0 else 0


_SENTENCE_STOP = re.compile(r"[。！？\n]")


def _zone_word_in(document: Document, start: int, end: int) -> bool:
    """Whether a zone word stands in text[start:end]. Pieces of one long run ask with one start and growing
    ends: a word found stays found, and only the text after the last end asked (from a word's length before
    it) is searched again. Zone words are plain words (no lookaround), so any one inside is found."""
    key = ("zone_word_from", start)
    searched, found = document.memo.get(key, (start, False))
    if end < searched:
        return has(cues()["zone_words"], document.text[start:end])  # asked out of order: read it whole
    if not found and end > searched:
        overlap = max(start, searched - _longest_zone_word() + 1)
        found = has(cues()["zone_words"], document.text[overlap:end])
    document.memo[key] = (end, found)
    return found


@lru_cache(maxsize=1)
def _longest_zone_word() -> int:
    return max((len(word) for word in cues()["zone_words"]), default=1)


def _wider_subject(head: str) -> re.Match | None:
    """The wider place the sentence opens on, unless its lead-in names a zone (园区紧抓机遇，全市…)."""
    if not _WIDER_PLACE.search(head):
        return None  # most sentences name no wider place: no need to try every lead-in
    subject = _WIDER_SUBJECT.match(head)
    return None if subject is None or has(cues()["zone_words"], subject.group("lead")) else subject


_WIDER_PLACES = "全市|全省|全县|全国|全州|全盟|全镇|全乡|我市|我省|我县|我镇|该县|该市|该省|本县|本市|本省"
# Up to two short clauses before a sentence's subject: 初步统计，1-10月份，全县… / 预计到年末，全县…
LEAD_CLAUSES = r"(?:[^，,。；;]{1,10}[，,]\s*){0,2}"
_WIDER_SUBJECT = re.compile(
    leading_date("目前") + r"[，,]?\s*"
    rf"(?P<lead>{LEAD_CLAUSES})"
    rf"(?:{_WIDER_PLACES})"
)
_WIDER_PLACE = re.compile(_WIDER_PLACES)
# A clause that opens on the wider place and its verb (全市完成…, 全县实现…), after a date at most.
_WIDER_CLAUSE = re.compile(
    AFTER_A_DATE + rf"(?:{_WIDER_PLACES})(?:共完成|累计完成|完成|实现|共有|规模以上|规上)"
)


@lru_cache(maxsize=1)
def _named_place_clause() -> re.Pattern:
    """A clause that opens on a named province, city or county and its verb (cues.yaml place_subject_verbs:
    柘城县完成…, 淇县规上工业企业实现…, 杞县实施…)."""
    verbs = pattern_of(cues()["place_subject_verbs"]).pattern
    return re.compile(
        AFTER_A_DATE + r"(?P<place>[\u4e00-\u9fff]{1,8}?[省市县州盟旗区])(?:全年|今年|上半年|共|累计)?" + verbs
    )


def named_place_subject(clause: str) -> bool:
    """The clause's subject is a province, city, county or city district of the gazetteer, right before its verb."""
    found = _named_place_clause().match(clause)
    if found is None or found.group("place") not in place_names():
        return False
    # 西秀区完成…: a city's district; but 滨海新区, 某某开发区 are zones as much as places
    return not found.group("place").endswith("区") or not has(cues()["zone_words"], found.group("place"))


def about_a_wider_place_before(reading: Reading) -> bool:
    """Whether the sentence opens on a wider place (全市完成…，其中园区…): a zone named after it has a share of its figure."""
    return bool(_wider_subject(reading.head))

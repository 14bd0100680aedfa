"""Whose figure: the subject a figure's clause speaks of, carried over when the clause names none.

`not_the_zone` is the one rule `rules.decide` asks, first of all: a sentence or clause opening on a wider
place and its verb (全市完成…, 柘城县实现…, 园区所在的柘城县…: `about_a_wider_place`), then the kind of
subject read clause by clause as below.

Reports open a clause on its subject (全县完成…, 五大支柱产业共完成…, 上述项目已完成…) and leave it out
while they go on (…，完成…；增长…). So a figure's subject is read from its own clause (past a date or a
source: 据统计，今年6月全县…), else from the nearest clause before it in the sentence that names one, else
from the clause the sentences before open on (in the same paragraph, up to its opening in a place's own
report; a sentence naming a zone outside a 其中 breakdown stops the reading). lexicon/subjects.csv sorts
the words a subject opens on, holds or ends with: place (全县, 我省, 县属, 卫星城), district (全区, 我区,
我们: the zone in a zone's own report, the place in a place's own report: 统计公报, 政府工作报告, 代表大会,
区长… in its first line, cues.yaml place_report_titles), department (省工信厅: its programme's figures),
industry (五大支柱产业, 轻工业), anaphor (上述项目: the subject before). Any zone word makes the subject
the zone. A figure whose subject is a place, a department or an industry of a place is no zone figure,
unless a zone's report says the place spends it on works (该县拟投资1.3亿元完善基础设施建设).
A firm's own figures are read in facts/firms.py and rules.py: a firm opening a sentence does not carry
over, as the zone's figures often follow a lead clause on a firm.
"""

from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..contract.schema import LEXICON
from ..text.periods import leading_date
from ..text.places import place_names
from .lexicon import cues, has, pattern_of

if TYPE_CHECKING:
    from ..document import Document
    from ..text.sentences import Sentence
    from .rules import Reading


# --- a wider place as the sentence's or clause's subject (its figures are no zone's) ---------------------


def about_a_wider_place(reading: Reading) -> bool:
    """2023年，全市完成固定资产投资500亿元: a sentence whose subject is the city, county or province
    (and names no zone before the figure) gives that place's figures, not the zone's."""
    if reading.after.startswith("的") and has(cues()["zone_words"], reading.after):
        return False  # 我市…高起点规划36平方公里的四川长江工业园区: the figure of the zone named after it
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


# 全区 opening the sentence (after a date at most): the zone in a zone's report, the district in a district's.
_WHOLE_DISTRICT = re.compile(leading_date() + r"[，,]?\s*全区")
_BROKEN_DOWN_BY_ZONE = re.compile(r"其中[，,]?[^，。；,;]{0,12}?(?:产业集聚区|集聚区|开发区|高新区|经开区|工业园|产业园|园区)")


def a_district_broken_down_by_zone(reading: Reading) -> bool:
    """全区…800亿元，其中开发区完成500亿元: a 全区 figure whose sentence goes on to a zone's part of it is
    the district's, not the zone's (in a zone's own report 全区 is the zone, and no zone is its part)."""
    if not _WHOLE_DISTRICT.match(reading.head):
        return False
    return _BROKEN_DOWN_BY_ZONE.search(reading.text, reading.quantity.end, reading.sentence.end) is not None


# 园区所在的柘城县, 开发区所在地巩义市: the place the zone lies in, named as the subject after it.
_LIES_IN = re.compile(r"所在(?:的|地)?(?P<place>[\u4e00-\u9fff]{1,8}?[省市县州盟旗区镇])")


@lru_cache(maxsize=1)
def _place_topic() -> re.Pattern:
    """柘城县位于豫东…, 巩义市地处…, 淇县总面积…: a sentence opening on a place as its topic (cues.yaml
    place_topic_words; a 区 may be a zone: not here)."""
    words = pattern_of(cues()["place_topic_words"]).pattern
    return re.compile(leading_date() + r"[，,]?\s*(?P<place>[\u4e00-\u9fff]{1,8}?[省市县州盟旗])" + words)


def the_place_it_lies_in(reading: Reading) -> bool:
    """园区所在的柘城县总面积1200平方公里, 柘城县位于豫东，总面积1200平方公里: the sentence's subject is the
    place the zone lies in (a gazetteer name, no zone named after it before the figure), not the zone."""
    head = reading.head
    found = _LIES_IN.search(head) or _place_topic().match(head)
    if found is None or found.group("place") not in place_names():
        return False
    return not has(cues()["zone_words"], head[found.end() :])


# A sentence that opens on a verb has no subject of its own: it goes on with the sentence before's.
_SUBJECTLESS = re.compile(r"\s*(?:[^，,。；;\d]{1,10}[，,]\s*)?(?:完成|实现|新增|累计完成|累计实现|累计实施|共实施)")


def _wider_sentence_before(reading: Reading) -> bool:
    """全县完成工业增加值31亿元。完成固定资产投资126亿元: the sentence before is about the wider place
    and names no zone, and this one names none either."""
    if has(cues()["zone_words"], reading.head):
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
    leading_date() + r"[，,]?\s*"
    rf"(?:{_WIDER_PLACES})(?:共完成|累计完成|完成|实现|共有|规模以上|规上)"
)


# A clause that opens on a named province, city or county and its verb (柘城县完成…, 淇县规上工业企业实现…).
_NAMED_PLACE_CLAUSE = re.compile(
    leading_date() + r"[，,]?\s*"
    r"(?P<place>[\u4e00-\u9fff]{1,8}?[省市县州盟旗区])(?:全年|今年|上半年|共|累计)?(?:完成|实现|共有|拥有|规模以上|规上)"
)


def named_place_subject(clause: str) -> bool:
    """The clause's subject is a province, city, county or city district of the gazetteer, right before its verb."""
    found = _NAMED_PLACE_CLAUSE.match(clause)
    if found is None or found.group("place") not in place_names():
        return False
    # 西秀区完成…: a city's district; but 滨海新区, 某某开发区 are zones as much as places
    return not found.group("place").endswith("区") or not has(cues()["zone_words"], found.group("place"))


def about_a_wider_place_before(reading: Reading) -> bool:
    """Whether the sentence opens on a wider place (全市完成…，其中园区…): a zone named after it has a share of its figure."""
    return bool(_wider_subject(reading.head))


# --- the subject of the figure's clause, carried over, sorted by lexicon/subjects.csv -------------------

# What a clause may open on before its subject: dates and periods (2005年末，今年1至9月，截至目前), a
# breakdown word (其中) and list markers (1、 （二）). Each alternative reads at least one character.
_DATE = (
    r"(?:截至|截止|到)?(?:(?:19|20)\d{2}年(?:度|末|底|初)?|今年|去年|上半年|下半年|前三季度|[一二三四]季度(?:末)?"
    r"|全年|年内|年末|年底|目前|当前|现在|近年来|近年|\d{1,2}\s*[-－—至~]\s*\d{1,2}月(?:份)?(?:末|底)?"
    r"|\d{1,2}月(?:份)?(?:末|底)?|\d{1,2}日|这一年|一年来|[二两三四五六七八九十]年来|过去[一二两三四五六七八九十]年)"
)
_LEAD = re.compile(rf"[\s“”—-]*+(?:(?:{_DATE}|其中|另外|此外|同时|是|[（(]?[一二三四五六七八九十\d]{{1,2}}[）)、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]{{1,2}}+)[\s，,、]*+)*+")
# A clause that only says where the figures come from (据统计, 记者从省工信厅了解到, 来自…的数据显示).
_SOURCE = re.compile(r"据|另据|记者|来自|经(?:统计|测算|核算|初步)|初步(?:统计|测算|核算)")
_SOURCE_OPENINGS = ("据", "另据", "记者", "来自", "经", "初步")  # the first characters of _SOURCE's words
_SOURCE_ENDINGS = ("了解到", "获悉", "显示", "统计", "据悉", "表明", "得知")
# Where a subject ends: its verb, or a comparison that opens a growth (no subject at all then).
_VERB = re.compile(
    r"共有|拥有|现有|已有|共?(?:完成|实现)|累计|新增|达到|推进|引进|签约|保持|继续|预计|占|增长|下降|同比|比|较|为|达"
)
_OFFICE_PLACES = ("省", "市", "县", "州", "自治区")  # a department is a place's: 省工信厅, 市商务局, 县政府
_OFFICE_NAME_LONGEST = 6  # characters between the place and the office word (工信, 发展和改革)
PLACE_KINDS = ("place", "department")  # subjects whose figures are a wider place's, never the zone's


@lru_cache(maxsize=1)
def _subject_words() -> dict[str, list[tuple[str, str]]]:
    """subjects.csv as {at: [(word, subject)]}: words a subject opens on, holds, or offices it ends on."""
    table: dict[str, list[tuple[str, str]]] = {"opens": [], "holds": [], "office": []}
    with open(LEXICON / "subjects.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[row["at"]].append((row["word"], row["subject"]))
    return table


@lru_cache(maxsize=1)
def _office_pattern() -> re.Pattern:
    offices = "|".join(word for word, _ in _subject_words()["office"])
    places = "|".join(_OFFICE_PLACES)
    return re.compile(rf"(?:{places})[\u4e00-\u9fff]{{0,{_OFFICE_NAME_LONGEST}}}?(?:{offices})(?!会)")


def subject_words(clause: str) -> str:
    """The words a clause opens on before its verb, past its dates and list markers ('' when it opens on a verb)."""
    lead = _LEAD.match(clause)
    words = clause[lead.end() if lead else 0 :]
    verb = _VERB.search(words)
    return words[: verb.start()] if verb else words


def kind_of_subject(words: str) -> str | None:
    """zone, place, district, department, industry or anaphor; None for a subject of no kind (规上企业)."""
    if not words:
        return None
    if has(cues()["zone_words"], words):
        return "zone"
    opens, holds, kinds = _subject_patterns()
    opening = opens.match(words)
    if opening:
        return kinds[opening.group()]
    if _office_pattern().match(words):
        return "department"
    for held in holds.finditer(words):
        if not words.startswith(_GROUP_NOUNS, held.end()):
            return kinds[held.group()]  # 五大支柱产业; not 产业项目 nor 制造业企业, a group of projects or firms
    return None


@lru_cache(maxsize=1)
def _subject_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """The words subjects open on and hold, each list as one pattern (longest word first), and each word's kind."""
    table = _subject_words()
    kinds = {word: subject for word, subject in table["opens"] + table["holds"]}

    def alternatives(rows: list[tuple[str, str]]) -> str:
        return "|".join(re.escape(word) for word in sorted((word for word, _ in rows), key=len, reverse=True))

    return re.compile(alternatives(table["opens"])), re.compile(alternatives(table["holds"])), kinds


_GROUP_NOUNS = ("项目", "企业")


def _clause_kind(text: str, start: int, end: int, place_report: bool) -> str | None:
    kind = kind_of_subject(subject_words(text[start:end]))
    if kind == "district":
        return "place" if place_report else "zone"  # 全区: the district in its bulletin, else the zone
    return kind


def _is_source(text: str, start: int, end: int) -> bool:
    clause = text[start:end].strip()
    return clause.startswith(_SOURCE_OPENINGS) and bool(_SOURCE.match(clause)) or clause.endswith(_SOURCE_ENDINGS)


def _opening_kind(document: Document, sentence: Sentence, place_report: bool) -> str | None:
    """The kind of subject a sentence opens on: its first clause that is no date or source (read once per
    sentence: every figure of the sentences after it asks)."""
    key = ("subject_opening", sentence.index, place_report)
    if key not in document.memo:
        document.memo[key] = _first_subject_kind(document, sentence, place_report)
    return document.memo[key]


def _first_subject_kind(document: Document, sentence: Sentence, place_report: bool) -> str | None:
    text = document.text
    for clause in _sentence_clauses(document, sentence, place_report)[0]:
        start, end = clause.start, clause.end
        if clause.source or not subject_words(text[start:end]) and _LEAD.fullmatch(text[start:end]):
            continue
        return "zone" if clause.zone_named else clause.kind
    return None


def subject_of_figure(reading: Reading) -> str | None:
    """The kind of subject a figure is said of, carried over from the clauses and the sentence before."""
    document, sentence, text = reading.document, reading.sentence, reading.text
    place_report = reading.report_on_a_place
    position = reading.quantity.start
    if reading.after.startswith("的") and has(cues()["zone_words"], reading.after):
        return "zone"  # 规划36平方公里的四川长江工业园区: the zone named right after its figure
    read, reach = _sentence_clauses(document, sentence, place_report)
    own = next((index for index in range(len(read) - 1, -1, -1) if read[index].start <= position), -1)
    seen: list[str] = []
    if own >= 0:  # the figure's own clause, up to the figure, then what the clauses before reach
        whole = read[own]
        clause = _read_clause(text, whole.start, min(whole.end, position), place_report, whole.zone_before)
        ends, nearest = _reach_back(clause, reach[own - 1] if own else (None, None))
        seen = [kind for kind in (nearest, ends) if kind is not None]
        if ends == "zone":
            return "zone"
        if ends in PLACE_KINDS:
            return _industry_of(seen, place_report)
        if whole.zone_before:
            return _industry_of(seen, place_report) if seen else None  # a zone named in a source clause before
    before = _sentence_before(document, sentence)
    for _ in range(SENTENCES_BACK_IN_A_PLACE_REPORT if place_report else SENTENCES_BACK):
        if before is None:
            break
        kind = _opening_kind(document, before, place_report)
        if kind not in (None, "industry"):
            seen.append(kind)  # an industry the sentence before opened on is not this figure's subject
        if kind in ("zone", *PLACE_KINDS):
            break
        before = _sentence_before(document, before)
    return _industry_of(seen, place_report) if seen else None


def _reach_back(clause: _Clause, before: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """(the subject that ends the reading back from this clause: a zone, a place or a department, or None;
    the nearest kind of subject read on the way, that one included). `before` is the same for the clause before.
    A zone named anywhere in a clause speaks of zones (省工信厅共推进开发区项目85个); a place after a zone the
    sentence opened on is where the zone stands first (园区紧抓机遇，全市率先完成投资…)."""
    if clause.source:
        return before
    if clause.zone_named or clause.kind == "zone":
        return "zone", None
    if clause.kind in PLACE_KINDS:
        return ("zone", None) if clause.zone_before else (clause.kind, clause.kind)
    ends, nearest = before
    return ends, clause.kind if clause.kind is not None else nearest


class _Clause(NamedTuple):
    start: int
    end: int
    source: bool  # says where the figures come from (据统计, 记者了解到)
    zone_named: bool
    kind: str | None
    zone_before: bool  # a zone is named in the sentence before this clause


def _read_clause(text: str, start: int, end: int, place_report: bool, zone_before: bool) -> _Clause:
    source = _is_source(text, start, end)
    zone_named = has(cues()["zone_words"], text[start:end])
    kind = None if source or zone_named else _clause_kind(text, start, end, place_report)
    return _Clause(start, end, source, zone_named, kind, zone_before)


def _sentence_clauses(document: Document, sentence: Sentence, place_report: bool) -> tuple[list[_Clause], list]:
    """Each clause of a sentence read once for all its figures (a long sentence holds hundreds), with what
    reading back from it reaches (`_reach_back`)."""
    key = ("subject_clauses", sentence.index)
    if key not in document.memo:
        read, reach, zone_before = [], [], False
        for start, end in document.clauses(sentence):
            clause = _read_clause(document.text, start, end, place_report, zone_before)
            reach.append(_reach_back(clause, reach[-1] if reach else (None, None)))
            read.append(clause)
            zone_before = zone_before or clause.zone_named
        document.memo[key] = read, reach
    return document.memo[key]


# Sentences back a subject is carried over (轻工业完成…。重工业完成… after 全县规上企业…): past one that
# opens on no subject of its own kind (an industry, an anaphor, 规上企业).
SENTENCES_BACK = 2
# In a place's own report its paragraphs open on the place (第一，全区财力…。…。地区生产总值完成…): the whole
# paragraph is read back for it (a sentence naming a zone still stops the reading).
SENTENCES_BACK_IN_A_PLACE_REPORT = 12


def _industry_of(seen: list[str], place_report: bool) -> str:
    """The kind the subjects read (nearest first) say together: an industry read under a place, or in a
    place's own report, is the place's; an anaphor is what the subject before it was."""
    nearest, last = seen[0], seen[-1]
    if nearest == "industry" and (last in PLACE_KINDS or place_report and last != "zone"):
        return "industry_of_a_place"
    return last if nearest == "anaphor" else nearest


def _sentence_before(document: Document, sentence: Sentence) -> Sentence | None:
    """The sentence before in the same paragraph, when it names no zone outside a 其中 breakdown (全县…；
    其中园区企业完成… keeps 全县 as its subject; a zone named otherwise spoke last)."""
    if sentence.index == 0:
        return None
    key = ("subject_sentence_before", sentence.index)  # asked for every figure of the sentence
    if key not in document.memo:
        before = document.sentences[sentence.index - 1]
        if before.paragraph != sentence.paragraph:
            document.memo[key] = None
        else:
            words = _BREAKDOWN_PART.sub("", document.text[before.start : before.end])
            document.memo[key] = None if has(cues()["zone_words"], words) else before
    return document.memo[key]


# A part of a sentence opened by 其中 (up to its ；): a breakdown of the sentence's subject, which it does not change.
_BREAKDOWN_PART = re.compile(r"其中[^；;。]*+")


def a_place_report(document: Document) -> bool:
    """A district's, county's or city's own report (统计公报, 政府工作报告 in its first line, no zone named
    there): its 全区/我区 are the district, not a zone."""
    first = document.text.lstrip()[:_TITLE_LONGEST].split("\n", 1)[0].replace(" ", "")
    return has(cues()["place_report_titles"], first) and not has(cues()["zone_words"], first)


_TITLE_LONGEST = 80


def not_the_zone(reading: Reading) -> str | None:
    """The rule leaving out a figure whose subject is a wider place, a place's department or an industry
    of a place (None: the zone's, or no subject of a kind). A table cell has its own headers."""
    if about_a_wider_place(reading):
        return "about_a_wider_place"
    if reading.quantity.start in reading.document.table_cells:
        return None
    kind = subject_of_figure(reading)
    if kind in PLACE_KINDS and not reading.report_on_a_place and _spent_on_works(reading):
        return None  # 该县拟投资1.3亿元完善基础设施建设 in a zone's report: the place builds the zone's works
    return _RULES.get(kind) if kind else None


def _spent_on_works(reading: Reading) -> bool:
    """Money the clause says goes into infrastructure works (投资1.3亿元完善基础设施建设, 投入…用于道路…)."""
    return reading.quantity.dimension == "money" and has(cues()["infrastructure_works"], reading.after)


_RULES = {
    "place": "subject_is_a_wider_place",
    "department": "subject_is_a_department",
    "industry_of_a_place": "subject_is_an_industry_of_a_place",
}

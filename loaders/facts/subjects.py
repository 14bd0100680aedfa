"""Whose figure: the subject a figure's clause speaks of, carried over when the clause names none.

`not_the_zone` is the one rule `rules.decide` asks, first of all: a sentence or clause opening on a wider
place and its verb (全市完成…, 柘城县实现…, 园区所在的柘城县…: wider_places.py), then the kind of
subject read clause by clause as below.

Reports open a clause on its subject (全县完成…, 五大支柱产业共完成…, 上述项目已完成…) and leave it out
while they go on (…，完成…；增长…). So a figure's subject is read from its own clause (past a date or a
source: 据统计，今年6月全县…), else from the nearest clause before it in the sentence that names one, else
from the clause the sentences before open on (in the same paragraph, up to its opening in a place's own
report, or on into the paragraph before when a paragraph opens on no subject; a sentence naming a zone
outside a 其中 breakdown, or outside what a place or department acts on — 推动开发区提质升级 — stops the
reading). lexicon/subjects.csv sorts the words a subject opens on, holds or ends with: place (全县, 我省,
县属, 卫星城), district (全区, 我区, 我们: the zone in a zone's own report, the place in a place's own
report: 统计公报, 政府工作报告, 代表大会, 区长… in its first line, cues.yaml place_report_titles, or a
first paragraph speaking as the place),
department (省工信厅: its programme's figures), industry (五大支柱产业, 轻工业), town (裘皮小镇: a
platform of its own), anaphor (上述项目: the subject before). Any zone word makes the subject the zone.
A figure whose subject is a place, a department, an industry of a place or (once a zone is named) a town
is no zone figure, unless a zone's report says the place spends it on works (该县拟投资1.3亿元完善基础设施
建设); in a place's own report a figure with no subject before any zone is named is the place's.
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
from ..text.places import place_names
from ..zones.lexicon import lexicon as zone_lexicon
from .lexicon import cues, has, pattern_of, word_pattern
from .wider_places import about_a_wider_place

if TYPE_CHECKING:
    from ..document import Document
    from ..text.sentences import Sentence
    from .rules import Reading


# What a clause may open on before its subject: dates and periods (2005年末，今年1至9月，截至目前), a
# breakdown word (其中) and list markers (1、 （二）). Each alternative reads at least one character.
_DATE = (
    r"(?:截至|截止|到)?(?:(?:19|20)\d{2}年(?:度|末|底|初)?|(?:今年|年初)以?来|今年|去年|上半年|下半年|前[一二两三四]季度|第?[一二三四]季度(?:末)?"
    r"|前(?:\d{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|全年|年内|年末|年底|目前|当前|现在|近年来|近年|\d{1,2}\s*[-－—至~]\s*\d{1,2}月(?:份)?(?:末|底)?"
    r"|\d{1,2}月(?:份)?(?:末|底)?|\d{1,2}日|这一年|一年来|[二两三四五六七八九十]年来|过去[一二两三四五六七八九十]年)"
)
_LEAD = re.compile(rf"[\s“”—-]*+(?:(?:{_DATE}|其中|另外|此外|同时|是|[（(]?[一二三四五六七八九十\d]{{1,2}}[）)、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]{{1,2}}+)[\s，,、]*+)*+")
# A clause that only sets the scene (在2022年度评比活动中, 在全省大会上): the sentence's subject comes after it
# (one naming a zone, 在开发区的带动下, still opens on the zone).
_FRAME = re.compile(r"\s*+在[^，,。；;]{1,40}?(?:中|上|下|里|期间|方面)\s*+")
# A clause that only says where the figures come from (据统计, 来自…; its endings: cues.yaml source_endings).
_SOURCE = re.compile(r"据|另据|记者|来自|经(?:统计|测算|核算|初步)|初步(?:统计|测算|核算)")
_OFFICE_PLACES = ("省", "市", "县", "州", "自治区")  # a department is a place's: 省工信厅, 市商务局, 县政府
_OFFICE_NAME_LONGEST = 6  # characters between the place and the office word (工信, 发展和改革)
PLACE_KINDS = ("place", "department")  # subjects whose figures are a wider place's, never the zone's


@lru_cache(maxsize=1)
def _subject_words() -> dict[str, list[tuple[str, str]]]:
    """subjects.csv as {at: [(word, subject)]}: words a subject opens on, holds, offices it ends on, and verbs
    a clause acting on zones opens on."""
    table: dict[str, list[tuple[str, str]]] = {"opens": [], "holds": [], "office": [], "acts": []}
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
    verb = pattern_of(cues()["subject_ends"]).search(words)
    return words[: verb.start()] if verb else words


def kind_of_subject(words: str) -> str | None:
    """The kind of subject words open on or hold (place, district, department, industry, anaphor …); None for
    a subject of no kind (规上企业). No zone word is looked for: the one caller reads the words of a clause
    it found none in (_read_clause), and words cut from a clause hold none of what it does not hold."""
    if not words:
        return None
    opens, holds, kinds = _subject_patterns()
    opening = opens.match(words)
    if opening:
        return kinds[opening.group()]
    if _office_pattern().match(words):
        return "department"
    for held in holds.finditer(words):
        if not words.startswith(_GROUPS_NAMED_BY_AN_INDUSTRY, held.end()):
            return kinds[held.group()]  # 五大支柱产业; not 产业项目 nor 制造业企业, a group of projects or firms
    return None


@lru_cache(maxsize=1)
def _subject_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """The words subjects open on and hold, each list as one pattern (the longest word where several start at
    one place), and each word's kind."""
    table = _subject_words()
    kinds = {word: subject for word, subject in table["opens"] + table["holds"]}
    return (
        word_pattern(tuple(word for word, _ in table["opens"])),
        word_pattern(tuple(word for word, _ in table["holds"])),
        kinds,
    )


# 产业项目, 制造业企业: an industry word followed by one of these names a group of projects or firms.
_GROUPS_NAMED_BY_AN_INDUSTRY = ("项目", "企业")


def industry_named(clause: str) -> str | None:
    """新材料产业累计完成工业总产值…, 装备制造业产值增长…: the industry a clause opens on (its subject words up to the
    word that makes them an industry, or the firms named by it), which narrows the zone's figure to that industry;
    None for a clause that opens on anything else. Only the words after a zone word are read (园区高新技术产业企业;
    产业集聚区 is a zone, not an industry)."""
    words = subject_words(clause)
    zones = list(pattern_of(cues()["zone_words"]).finditer(words))
    if zones:
        words = words[zones[-1].end() :]  # 园区高新技术产业企业: the words after the zone; 产业集聚区 alone leaves none
    kind = kind_of_subject(words)
    if kind not in ("industry", None):
        return None
    _, holds, kinds = _subject_patterns()
    held = next((found for found in holds.finditer(words) if kinds[found.group()] == "industry"), None)
    if held is None:
        return None
    end = held.end()
    if kind is None:  # 高新技术产业企业实现工业产值…: the firms of an industry, a group named by it
        if not words.startswith(_GROUPS_NAMED_BY_AN_INDUSTRY, end):
            return None
        end += len(next(group for group in _GROUPS_NAMED_BY_AN_INDUSTRY if words.startswith(group, end)))
    named = words[:end].strip()
    return named if len(named) >= _SHORTEST_INDUSTRY else None


_SHORTEST_INDUSTRY = 3  # characters: 建筑业, 制造业; a bare 产业 or 行业 names none


def part_named_in_a_breakdown(head: str, clause: str) -> str | None:
    """园区完成产值86亿元，其中，临港园区实现产值16.7亿元，东区实现产值8亿元: a clause of a 其中 breakdown that opens on a
    part of the zone (a park or an area: its words end in a word of cues.yaml zone_words or zone_part_words after a name,
    or are a part word of zones.yaml, 东区, 一期) gives that part's figure, which its scope says; a bare zone word (园区,
    开发区) is the zone itself, and names no part."""
    if "其中" not in head:
        return None
    words = subject_words(clause.lstrip(" ，,；;"))
    if not _SHORTEST_PART <= len(words) <= _LONGEST_PART or words.startswith(cues()["not_a_part"].prefixes):
        return None
    if words in zone_lexicon()["part_words"]:
        return words
    ending = next((word for word in cues()["zone_words"] + cues()["zone_part_words"] if words.endswith(word)), None)
    return words if ending is not None and len(words) > len(ending) else None


_SHORTEST_PART, _LONGEST_PART = 2, 10  # characters of a part's name (东区, 临港园区, 鹤翔智能装备产业园)


def _clause_kind(clause: str, place_report: bool) -> str | None:
    words = subject_words(clause)
    if not words:
        return None  # the clause opens on its verb: none of the tests below finds a subject in no words
    kind = kind_of_subject(words)
    if kind == "district":
        return "place" if place_report else "zone"  # 全区: the district in its bulletin, else the zone
    if kind is None and (_a_place_acting(words, clause) or _a_place_s_indicator(words, clause)):
        return "place"
    if kind == "industry" and _opens_on_a_place_s_full_name(words, clause):
        return "place"  # 临江市推动产业升级，完成投资…: the place acting on its industries, right before a figure too
    return kind


def _a_place_acting(words: str, clause: str) -> bool:
    """宁夏深入推进…, 临江县共有…: a clause whose subject is a place's name alone (lexicon/places.csv, its short
    form too, an adverb at most after it) before its verb speaks of the place. Not a name right before a figure
    (青禾市56个、云岭县24个: a list labelling each place's count) nor a place's name opening a firm's (青禾钢铁进入…)."""
    if not _opens_on_a_place_name(words.lstrip()):
        return False  # the name is where the words open: most clauses open on no place
    name = _without_adverbs(words.strip())
    return bool(name) and name in place_names() and not clause.rstrip().endswith(words.rstrip())


def _opens_on_a_place_name(words: str) -> bool:
    """Whether `words` may open on a place's name (lexicon/places.csv): it opens on a name's first two characters
    (or on a name of one). A test the place tests below need to pass, one look-up in a set."""
    openings = _place_name_openings()
    return words[:2] in openings or words[:1] in openings


@lru_cache(maxsize=1)
def _place_name_openings() -> frozenset[str]:
    return frozenset(name[:2] for name in place_names())


_LONGEST_PLACE_NAME = 8  # characters of one place's name in a chain of them (内蒙古自治区, 阿拉善盟)


def _a_place_s_indicator(words: str, clause: str) -> bool:
    """临江市城镇固定资产投资完成…, 某某省交通运输业投资增长…, 临江市计划推进重大项目…: a clause whose subject
    opens on a province's or city's full name (lexicon/places.csv; the suffixes: cues.yaml place_indicator_suffixes)
    and goes on to what is counted speaks of that place's own indicator, not the zone's. Not a name right before
    its figure (a list's label), nor one going on to a county or a district (临江市东岭区: where a zone lies, and a
    county's one zone is spoken of by the county's name in its report), nor a subject holding a zone's type
    (临江市综合保税区, 临江市-某国合作区)."""
    return not clause.rstrip().endswith(words.rstrip()) and _opens_on_a_place_s_full_name(words, clause)


def _opens_on_a_place_s_full_name(words: str, clause: str) -> bool:
    """The subject opens on a province's or city's full name and goes on past it, in a clause naming no zone and not
    after 是 (园区是临江市…: what the zone is said to be)."""
    if not _opens_on_a_place_name(words) or _any_zone_word().search(clause) or _a_predicate(words, clause):
        return False  # (a chain of place names opens on a name)
    unit = _government_units(words)
    return 0 < unit < len(words) and words[unit - 1] in cues()["place_indicator_suffixes"]


_PREDICATE = re.compile(r"(?<![一二三四五六七八九十\d])是[\s，,、]*+$")


def _a_predicate(words: str, clause: str) -> bool:
    """(园区)是临江市工业经济发展的主阵地: the place after 是 (not 一是, 二是: list markers) is what the
    subject is said to be, not the subject."""
    at = clause.find(words)
    return at > 0 and _PREDICATE.search(clause, 0, at) is not None


def _government_units(words: str) -> int:
    """Where the chain of place names `words` opens on ends (浙江省泰顺县 -> 6; 0: none), each name at most
    _LONGEST_PLACE_NAME characters: bounded work whatever the words' length."""
    names, ends_of_units, start = place_names(), cues()["place_unit_suffixes"], 0
    while True:
        ends = [end for end in range(start + 2, min(len(words), start + _LONGEST_PLACE_NAME) + 1)
                if words[end - 1] in ends_of_units and words[start:end] in names]
        if not ends:
            return start
        start = ends[-1]


def _without_adverbs(words: str) -> str:
    """宁夏深入 -> 宁夏: the words with the adverbs ending them taken off (cues.yaml place_subject_adverbs; none
    ends another, so taking them off from the end is unambiguous), in time linear in their length."""
    adverbs, end = _place_subject_adverbs(), len(words)
    while words.endswith(adverbs, 0, end):  # one test for the most words, which end on no adverb
        end -= len(next(adverb for adverb in adverbs if words.endswith(adverb, 0, end)))
    return words[:end]


@lru_cache(maxsize=1)
def _place_subject_adverbs() -> tuple[str, ...]:
    """cues.yaml place_subject_adverbs as one tuple for str.endswith."""
    return tuple(adverb for adverb in cues()["place_subject_adverbs"] if adverb)


def _is_source(clause: str) -> bool:
    """据统计, 记者从省工信厅了解到: a clause that only says where the figures come from names no subject."""
    clause = clause.strip()
    return bool(_SOURCE.match(clause)) or clause.endswith(cues()["source_endings"].prefixes)


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
        if clause.source or _only_a_lead(text[start:end]) or not clause.zone_named and _FRAME.fullmatch(text, start, end):
            continue
        return "zone" if clause.zone_named else clause.kind
    return None


def subject_of_figure(reading: Reading) -> str | None:
    """The kind of subject a figure is said of, carried over from the clauses and the sentence before."""
    document, sentence, text = reading.document, reading.sentence, reading.text
    place_report = reading.report_on_a_place
    position = reading.quantity.start
    read, reach, starts = _sentence_clauses(document, sentence, place_report)
    own = bisect.bisect_right(starts, position) - 1  # the last clause starting at or before the figure
    seen: list[str] = []
    if own >= 0:  # the figure's own clause, up to the figure, then what the clauses before reach
        whole = read[own]
        clause = _read_clause(text, whole.start, min(whole.end, position), place_report, whole.zone_before)
        ends, nearest = _reach_back(clause, reach[own - 1] if own else (None, None))
        seen = [kind for kind in (nearest, ends) if kind is not None]
        if ends in ("zone", "town"):
            return ends
        if ends in PLACE_KINDS:
            return _industry_of(seen, place_report)
        if whole.zone_before:
            return _industry_of(seen, place_report) if seen else None  # a zone named in a source clause before
    before = _sentence_before(document, sentence, place_report)
    for _ in range(SENTENCES_BACK_IN_A_PLACE_REPORT if place_report else SENTENCES_BACK):
        if before is None:
            break
        kind = _opening_kind(document, before, place_report)
        if kind not in (None, "industry"):
            seen.append(kind)  # an industry the sentence before opened on is not this figure's subject
        if kind in ("zone", "town", *PLACE_KINDS):
            break
        before = _sentence_before(document, before, place_report)
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
    if clause.kind == "town":
        return "town", "town"  # 园区…；裘皮小镇共入驻企业60家: a town platform of its own, not where the zone stands
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
    zone_before: bool  # the sentence opened on a zone before this clause (or a source clause named one)


def _read_clause(text: str, start: int, end: int, place_report: bool, zone_before: bool) -> _Clause:
    clause = text[start:end]
    source = _is_source(clause)
    zone_named = has(cues()["zone_words"], clause)
    kind = None if source or zone_named else _clause_kind(clause, place_report)
    return _Clause(start, end, source, zone_named, kind, zone_before)


def _sentence_clauses(
    document: Document, sentence: Sentence, place_report: bool
) -> tuple[list[_Clause], list, list[int]]:
    """Each clause of a sentence read once for all its figures (a long sentence holds hundreds), with what
    reading back from it reaches (`_reach_back`) and the clauses' starts (a figure's own clause found by bisection)."""
    key = ("subject_clauses", sentence.index, place_report)  # as every memo here: a clause's kind depends on it
    if key not in document.memo:
        read: list[_Clause] = []
        reach: list[tuple[str | None, str | None]] = []
        zone_before = opened = False
        for start, end in document.clauses(sentence):
            clause = _read_clause(document.text, start, end, place_report, zone_before)
            if clause.zone_named and reach and reach[-1][0] in PLACE_KINDS and _acts_on_zones(document, start, end):
                clause = clause._replace(zone_named=False)  # 省工信厅…，推动开发区提质升级: the department goes on
            reach.append(_reach_back(clause, reach[-1] if reach else (None, None)))
            read.append(clause)
            zone_before = zone_before or clause.zone_named and (clause.source or not opened)
            opened = opened or not (clause.source or _only_a_lead(document.text[start:end]))
        document.memo[key] = read, reach, [clause.start for clause in read]
    return document.memo[key]


def _only_a_lead(clause: str) -> bool:
    """2021年, 截至目前: a clause of dates and list markers only, before the one a sentence opens on."""
    # _LEAD is possessive throughout: matched whole, it leaves no subject words (subject_words(clause) == '').
    return _LEAD.fullmatch(clause) is not None


def _acts_on_zones(document: Document, start: int, end: int) -> bool:
    """推动开发区提质升级, 出台园区政策: a clause with no figure that opens on what its subject does to zones
    (lexicon/subjects.csv `acts` words) names them as an object, not as its subject."""
    if document.quantities.within(start, end):
        return False  # 共推进开发区项目85个: a figure of the zones' own
    clause = document.text[start:end]
    lead = _LEAD.match(clause)
    return _acting_pattern().match(clause, lead.end() if lead else 0) is not None


@lru_cache(maxsize=1)
def _acting_pattern() -> re.Pattern:
    return word_pattern(tuple(word for word, _ in _subject_words()["acts"]))


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


def _sentence_before(document: Document, sentence: Sentence, place_report: bool) -> Sentence | None:
    """The sentence before in the same paragraph, when it names no zone outside a 其中 breakdown (全县…；
    其中园区企业完成… keeps 全县 as its subject; a zone named otherwise spoke last) nor outside what a place
    or a department acts on (省工信厅狠抓项目建设，推动开发区提质升级。重点推进技改项目50个: its programme)."""
    if sentence.index == 0:
        return None
    key = ("subject_sentence_before", sentence.index, place_report)  # asked for every figure of the sentence
    if key not in document.memo:
        document.memo[key] = _unzoned_sentence_before(document, sentence, place_report)
    return document.memo[key]


def _unzoned_sentence_before(document: Document, sentence: Sentence, place_report: bool) -> Sentence | None:
    before = document.sentences[sentence.index - 1]
    if before.paragraph != sentence.paragraph and not _opens_a_paragraph_on_no_subject(document, sentence, place_report):
        return None
    words = _BREAKDOWN_PART.sub("", document.text[before.start : before.end])
    if not has(cues()["zone_words"], words):
        return before
    clauses = _sentence_clauses(document, before, place_report)[0]
    return None if any(clause.zone_named for clause in clauses) else before


def _opens_a_paragraph_on_no_subject(document: Document, sentence: Sentence, place_report: bool) -> bool:
    """坚持招商不放松，对接41个项目 opening a paragraph after 去年以来，我县全力推进园区建设。: a paragraph
    that opens on no subject of its own goes on with the paragraph before."""
    if sentence.index == 0 or document.sentences[sentence.index - 1].paragraph != sentence.paragraph - 1:
        return False  # the paragraph before is a blank line away, or this is the report's first sentence
    return _opening_kind(document, sentence, place_report) is None


# A part of a sentence opened by 其中 (up to its ；): a breakdown of the sentence's subject, which it does not change.
_BREAKDOWN_PART = re.compile(r"其中[^；;。]*+")


_TITLE_LONGEST = 80  # characters of a report's first line read for its title
_HEADING_LINES = 12  # lines of a report's head read for a heading under its web page's menus and index fields


def a_place_report(document: Document) -> bool:
    """A district's, county's or city's own report (统计公报, 政府工作报告 in its first line, no zone named
    there): its 全区/我区 are the district, not a zone. A page's menus and index fields may stand before its
    title: a heading of its first lines naming a government report or congress (cues.yaml place_report_headings,
    临江区2021年政府工作报告执行情况, ——2月12日在某县第十届人民代表大会) and no zone says so too."""
    return _place_report_heading_end(document) is not None


def _place_report_heading_end(document: Document) -> int | None:
    """Where the line saying the report is a place's ends (its first line, or a heading of its first lines);
    None when none says so. What stands before it is the page's menus, not the report."""
    memo = document.memo
    if "place_report_heading_end" not in memo:  # read once per report
        memo["place_report_heading_end"] = _read_place_report_heading(document)
    return memo["place_report_heading_end"]


def _read_place_report_heading(document: Document) -> int | None:
    text = document.text
    opening = len(text) - len(text.lstrip())
    first_end = document.line_end(opening)
    if _names_a_place_report(text[opening : min(first_end, opening + _TITLE_LONGEST)].replace(" ", ""), "place_report_titles"):
        return first_end
    head_end = opening + _HEADING_LINES * _TITLE_LONGEST  # read no further: the text may be long
    position, headings = opening, 0
    while position < min(len(text), head_end) and headings < _HEADING_LINES:
        end = document.line_end(position)
        line = text[position : min(end, head_end)].replace(" ", "")
        if line:
            headings += 1
            if len(line) <= _TITLE_LONGEST and _names_a_place_report(line, "place_report_headings"):
                return end
        position = end + 1
    return None


def _names_a_place_report(line: str, cue: str) -> bool:
    """A line with a word of a place's report (`cue`) and no zone word: a zone's own report or section
    names the zone."""
    return has(cues()[cue], line) and not has(cues()["zone_words"], line)


def names_no_zone(document: Document) -> bool:
    """A report of several sentences that names no zone at all — no zone word (园区, 开发区, 保税区…), no
    一园六区; the caller asks only when no zone name was found) — and speaks of a place (我市, 自治区, 全省, 本县…) is that place's, its
    department's or its firms' report: read like a place's own report. (One sentence alone cannot tell: in
    a zone's report 全区完成… is the zone.)"""
    text = document.text
    if _A_PLACE_SPEAKING.search(text) is None and not _ranks_a_district_s_own_list(text):
        return False
    if len(document.sentences) < _SENTENCES_OF_A_REPORT:
        return False
    return _any_zone_word().search(text) is None and _ZONES_BY_COUNT.search(text) is None


def opens_speaking_as_a_place(document: Document) -> bool:
    """今年以来，全市上下进一步强化项目为王理念…: a report whose first sentence of any length (past its title)
    opens on a wider place as its subject (全市, 我县, 全省…; not 全区/我区, which a zone says of itself too)
    in a first paragraph naming no zone speaks as the place: read like the place's own report, though it
    names zones further on (其中某某经开区新开工项目9个 stays the zone's)."""
    for sentence in document.sentences[:_OPENING_SENTENCES]:
        words = document.text[sentence.start : sentence.end]
        if len(words.strip()) < _TITLE_LONGEST_WORDS:
            continue  # a title, a heading or a date line
        if _opening_kind(document, sentence, False) != "place":
            return False
        paragraph = document.text[document.line_start(sentence.start) : document.line_end(sentence.start)]
        return _any_zone_word().search(paragraph) is None
    return False


_OPENING_SENTENCES = 6
_TITLE_LONGEST_WORDS = 20


_SENTENCES_OF_A_REPORT = 3  # fewer is a fragment of a report, which may be a zone's
# 我市, 全省, 自治区, 本县: a place speaking of itself or its whole. Not 全区/我区: a zone (高新区, 开发区) speaks
# of itself so too, in a bulletin whose page names it only in a heading the excerpt lacks.
_A_PLACE_SPEAKING = re.compile(r"(?:[全我本该][省市县州盟旗镇乡]|自治区)")


def _ranks_a_district_s_own_list(text: str) -> bool:
    """区重点项目 beside the city's or the province's list of projects (市重点项目, 省重大产业项目: cues.yaml
    wider_lists): a district's list of key projects ranked among its government's (cues.yaml district_lists), not
    全区/我区重点项目, which a zone says of its own, nor 辖区重点企业 or 省重点实验室, which list no projects. In a
    text naming no zone, the district speaks."""
    district_list, wider_list = _ranked_project_lists()
    return district_list.search(text) is not None and wider_list.search(text) is not None


@lru_cache(maxsize=1)
def _ranked_project_lists() -> tuple[re.Pattern, re.Pattern]:
    """The district's and the wider places' ranked lists of projects (cues.yaml district_lists, wider_lists): the
    rank, at most a few words (建设, 产业), then what the list lists (ranked_lists_list). The district's 区 is not
    the end of another area's name (areas_not_the_district: 辖区, 全区…)."""
    listed = rf"[^\W\d_]{{0,{_WORDS_BEFORE_THE_LISTED}}}{pattern_of(cues()['ranked_lists_list']).pattern}"
    other_areas = "".join(re.escape(area.removesuffix("区")) for area in cues()["areas_not_the_district"])
    district = rf"(?<![{other_areas}]){pattern_of(cues()['district_lists']).pattern}{listed}"
    return re.compile(district), re.compile(rf"{pattern_of(cues()['wider_lists']).pattern}{listed}")


_WORDS_BEFORE_THE_LISTED = 4  # 区重点工业技改项目: characters between a list's rank and 项目


@lru_cache(maxsize=1)
def _any_zone_word() -> re.Pattern:
    """Any word a zone is named by: cues.yaml zone_words and zone_words_besides (产业区, 汽开区), and the zone
    types of zones.yaml (保税区, 新片区…)."""
    words = {*cues()["zone_words"], *cues()["zone_words_besides"], *(entry["word"] for entry in zone_lexicon()["types"])}
    return word_pattern(tuple(sorted(words)))


def not_the_zone(reading: Reading) -> str | None:
    """The rule leaving out a figure whose subject is a wider place, a place's department or an industry
    of a place (None: the zone's, or no subject of a kind). A table cell has its own headers."""
    if zone_named_right_after(reading):
        return None  # 我县…规划面积24平方公里的杉溪工业园区: the figure of the zone named after it
    if about_a_wider_place(reading):
        return _ABOUT_A_WIDER_PLACE
    if reading.quantity.start in reading.document.table_cells:
        return None
    kind = subject_of_figure(reading)
    if kind in PLACE_KINDS and not reading.report_on_a_place and _spent_on_works(reading):
        return None  # 该县拟投资1.3亿元完善基础设施建设 in a zone's report: the place builds the zone's works
    if kind is None and reading.report_on_a_place and not _zone_named_before(reading):
        return _NO_SUBJECT_IN_A_PLACE_REPORT
    if kind == "town":
        return "subject_is_a_town" if _zone_named_before(reading) else None  # a town's own report: its figures
    return _RULE_OF_KIND.get(kind) if kind else None


def zone_named_right_after(reading: Reading) -> bool:
    """规划面积24平方公里的杉溪工业园区: a figure followed by 的 and a zone is that zone's, whatever the
    sentence opened on."""
    return reading.after.startswith("的") and has(cues()["zone_words"], reading.after)


def _zone_named_before(reading: Reading) -> bool:
    """Whether the report names a zone before the figure or in its sentence. A place's own report that
    has named no zone yet speaks of the place (——经济快速增长。1—11月固定资产投资增长17.9%: the district's
    growth); once it has, a figure with no subject may be the zone's (its section goes on over paragraphs)."""
    memo = reading.document.memo
    if "first_zone_named" not in memo:  # read once per report
        memo["first_zone_named"] = _first_zone_named(reading.document)
    return memo["first_zone_named"] < reading.sentence.end


def _first_zone_named(document: Document) -> int:
    """Where the report first names a zone as what it speaks of: not in the page's menus above a place's
    report's heading (首页 | 青禾经开区网 …), nor as a part of the place's figure (…330亿元，其中青禾经开区
    完成…: the place's figure, a zone's share)."""
    text = document.text
    for found in _naming_a_zone().finditer(text, _place_report_heading_end(document) or 0):
        if not _in_a_breakdown(text, found.start()):
            return found.start()
    return len(text)


_BREAKDOWN_REACH = 40  # characters before a zone word read back for the 其中 that opens its part


def _in_a_breakdown(text: str, position: int) -> bool:
    """Whether the zone word at `position` stands in a 其中 part of its sentence (up to its ；or 。)."""
    before = text[max(0, position - _BREAKDOWN_REACH) : position]
    return "其中" in before[max(before.rfind(stop) for stop in "；;。\n") + 1 :]


@lru_cache(maxsize=1)
def _naming_a_zone() -> re.Pattern:
    return re.compile(f"{pattern_of(cues()['zone_words']).pattern}|{_ZONES_BY_COUNT.pattern}")


# 一园六区, 一区多园, 两区一园: zones named by their count of parks and districts (the place's zones as a group).
_COUNT = "[一二两三四五六七八九十多]"
_ZONES_BY_COUNT = re.compile(f"{_COUNT}园{_COUNT}区|{_COUNT}区{_COUNT}园")


def _spent_on_works(reading: Reading) -> bool:
    """Money the clause says goes into infrastructure works (投资1.3亿元完善基础设施建设, 投入…用于道路…)."""
    return reading.quantity.dimension == "money" and has(cues()["infrastructure_works"], reading.after)


_ABOUT_A_WIDER_PLACE = "about_a_wider_place"
_NO_SUBJECT_IN_A_PLACE_REPORT = "no_subject_in_a_place_report"
_RULE_OF_KIND = {  # the rule that leaves out a figure whose subject is of this kind
    "place": "subject_is_a_wider_place",
    "department": "subject_is_a_department",
    "industry_of_a_place": "subject_is_an_industry_of_a_place",
}
# Rules that leave out a wider place's figure: a zone named after it (其中园区…) takes its wording.
WIDER_PLACE_RULES = {_ABOUT_A_WIDER_PLACE, _RULE_OF_KIND["place"], _NO_SUBJECT_IN_A_PLACE_REPORT}

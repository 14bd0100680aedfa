"""Zone names read as a grammar: ANCHOR + FREE? + QUALIFIER* + TYPE + TAIL? (lexicon/zones.yaml).

Every zone type in the text opens a candidate; the characters before it (on its own line, up to a
character that cannot be in a name) are parsed back to an anchor: a place, a mask or a proper
name. A candidate that yields no name becomes a Rejection with its reason (verb, adjective,
ordinal, boilerplate ...), so a test, or a reader, can see why it is no zone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from ..reading.sources import is_common_chinese
from ..text.places import place_names, short_forms
from .anchors import (
    PLACE_SUFFIX,
    bracketed_place,
    chain_start,
    city_or_province,
    line_cut,
    place_anchor,
    place_tokens,
    reject_spans,
    stop_cut,
)
from .lexicon import (
    CJK,
    abbreviation_pattern,
    administered_pattern,
    after_patterns,
    counted_pattern,
    date_tail,
    definition_tail,
    everyday_verbs,
    example_group_pattern,
    group_pattern,
    is_masked,
    kind_pattern,
    landing_pattern,
    lexicon,
    list_close_pattern,
    needs_place,
    only_kind_words,
    period_head,
    phase_works_pattern,
    plain_words,
    province_before,
    province_names,
    qualifier_tail,
    run_pattern,
    single_rejects,
    switching,
    type_pattern,
    whole_group_pattern,
    word_tuple,
    words_pattern,
)
from .project_lists import CLAUSE_MARKS, ProjectLists

BRACKET_REACH = 120  # characters back to look for an open bracket, within the sentence
EVENT_REACH = 30  # characters back to look for 在 before a zone, within the clause
ADMIN_SUFFIXES = "省市县区州盟旗"
CLAUSE_REST = re.compile(r"[^，,。；;！？!?\n]*")  # the rest of a clause
SENTENCE_END = "。；;！？!?\n"  # a ； ends a sentence here too: a list of zones or parts runs no further
SENTENCE_ENDS = re.compile(f"[{re.escape(SENTENCE_END)}]")
SENTENCE_REST = re.compile(f"[^{re.escape(SENTENCE_END)}]*+")  # the rest of a sentence


@dataclass(frozen=True)
class Mention:
    """A zone name in the text: text[start:end] == name."""

    start: int
    end: int
    name: str
    kind: str  # the zone type word (产业集聚区, 高新区 …)
    anchor: str  # place | mask | proper | abbreviation | group (四川省10个经开区) | count (11个重点园区) | whole (全省开发区)
    proper: str  # the name part before the qualifiers and the type (鹤淇, 温岭市东部)
    switches: bool
    base: str | None = None  # a sub-zone's parent name (the name without its 分区/片区 tail)


@dataclass(frozen=True)
class Rejection:
    """A zone type whose words before it make no zone name, and why."""

    start: int
    end: int
    text: str
    reason: str


def read_names(text: str, crosses_line: Callable[[int, int], bool] | None = None,
               traditional: bool = False) -> tuple[list[Mention], list[Rejection]]:
    """Every zone name in normalised text (`traditional`: its original was in traditional script), and
    every zone type that names no zone (with why)."""
    mentions: list[Mention] = []
    rejections: list[Rejection] = []
    types = _outer_types([match for match in type_pattern().finditer(text) if not _inside_a_word(text, match)])
    matches = [(match, None if match["tail"] else _group(text, match, crosses_line) or _whole_group(text, match, crosses_line))
               for match in types]
    groups = [group.name for _, group in matches if group and group.anchor in ("group", "whole")]
    counted = []
    lists = ProjectLists(text)
    for match, group in matches:
        if group and _ranking_field(text, group):
            rejections.append(Rejection(group.start, group.end, group.name, "generic"))  # compared within
            continue
        if group and (group.anchor in ("group", "whole") or any(name.endswith(group.name) for name in groups)):
            mentions.append(group)  # 11个重点园区 only as the short form of 海南自由贸易港11个重点园区
            continue
        if group and group.anchor == "count" and _closes_a_list(text, group.start, group.end):
            mentions.append(replace(group, switches=True))  # A、B等4个重点园区完成…: those zones together
            continue
        if group and group.switches:
            counted.append(group)
        found = _candidate(text, match, crosses_line, lists)
        if isinstance(found, Rejection):
            rejections.append(found)
        else:
            mentions.append(found)
    mentions, rejections = _verb_phrases(text, mentions, rejections)
    listed = _listed_industry_parks(text, mentions, rejections)
    if listed:
        mentions += listed
        spans = {(mention.start, mention.end) for mention in listed}
        rejections = [rejection for rejection in rejections if (rejection.start, rejection.end) not in spans]
    mentions, rejections = _projects_throughout(mentions, rejections)
    mentions += _administered_mentions(text, mentions, rejections, crosses_line)
    if not mentions:
        mentions = counted  # 54个国家级经开区实现…: a report naming no zone speaks of the group it counts
    mentions = sorted(mentions + _abbreviation_mentions(text, traditional), key=lambda mention: mention.start)
    return mentions, rejections


LIST_MARKS = "、"


@lru_cache(maxsize=1)
def _class_openings() -> tuple[str, ...]:
    """全市拟保留工业园区, 12个拟保留工业园区: after a whole place or a count, the words before a type name
    a class of zones (its group), whatever they are."""
    return tuple(lexicon()["group_anchors"] + lexicon()["counted_group_anchors"]) + ("个",)


def _verb_phrases(text: str, mentions: list[Mention], rejections: list[Rejection]) -> tuple[list[Mention], list[Rejection]]:
    """享受开发区政策, 紧紧抓住园区机遇, 统计开发区数据: a proper name whose last two characters are an
    everyday verb (lexicon/verbs.csv) is the verb of a phrase on zones, no name; so is one that is, as a
    whole, a word of a class that never names a place (健全开发区, 乃至工业园区, 我们工业园). Not where the name
    stands in a list (…基地、青溪高新技术工业园、…: names only), after a whole place or a count
    (全市拟保留工业园区: a class of zones) or ends with an industry (北城智能制造产业园: 制造 of 智能制造),
    nor where the report names the zone with more before it (临江创新工业园区 … 创新工业园区: its short form)."""
    verbs, plain = everyday_verbs(), plain_words()
    candidates = [mention for mention in mentions if mention.anchor == "proper"
                  and (mention.proper[-2:] in verbs or mention.proper in plain)
                  and LIST_MARKS not in (text[mention.start - 1 : mention.start], text[mention.end : mention.end + 1])
                  and not text.endswith(_class_openings(), 0, mention.start)
                  and not any(kind.end() == len(mention.proper) for kind in kind_pattern().finditer(mention.proper))]
    if not candidates:
        return mentions, rejections
    tails = {mention.name[cut:] for mention in mentions for cut in range(1, len(mention.name))}  # shorter forms named
    phrases = {(mention.start, mention.end) for mention in candidates if mention.name not in tails}
    kept = [mention for mention in mentions if (mention.start, mention.end) not in phrases]
    return kept, rejections + [Rejection(mention.start, mention.end, mention.name,
                                         "verb" if mention.proper[-2:] in verbs else "plain_word")
                               for mention in mentions if (mention.start, mention.end) in phrases]


ADMINISTERED_SAID = 12  # characters after a clause-opening name that tell one saying of it from a repeated passage


def _administered_mentions(text: str, mentions: list[Mention], rejections: list[Rejection],
                           crosses_line) -> list[Mention]:
    """A place or proper name with a kind that names no zone by itself (鹤翔基地, 云岭经济区): a zone, at
    each of its mentions, where the report names its managing office right after it (鹤翔基地管委会) or
    opens enough clauses with it as their subject (…，鹤翔基地安排重大项目…: not 鹤翔基地的…, and a passage
    the page repeats counts once), a proper name only: a city's (长沙基地) is as often a company's plant
    there; never inside another zone's name."""
    overlaps = _Overlaps([(mention.start, mention.end) for mention in mentions]
                         + [(rejection.start, rejection.end) for rejection in rejections])
    found: dict[str, list[tuple[int, re.Match, str, str]]] = {}
    for match in administered_pattern().finditer(text):
        type_start, kind = match.start("type"), match["type"]
        if overlaps.any_with(type_start, match.end("type")):
            continue  # 某某产业基地, 某某保税港区: a zone type of the lexicon already read there
        run_match = run_pattern().search(text, max(0, type_start - lexicon()["max_prefix"]), type_start)
        assert run_match is not None  # the run pattern also matches the empty string
        run_start = line_cut(run_match.start(), type_start, crosses_line)
        cut, parsed = _read_run(text[run_start:type_start], kind)
        if not isinstance(parsed, tuple) or parsed[2] not in ("place", "proper") \
                or parsed[1].endswith(word_tuple("administered_uses")):
            continue  # 研发基地: what a base is for, no name
        start = run_start + cut + parsed[0]
        found.setdefault(text[start : match.end("type")], []).append((start, match, parsed[1], parsed[2]))
    words = lexicon()
    administered = []
    for name, spans in found.items():
        office = any(match["office"] for _, match, _, _ in spans)
        if not office and any(anchor == "place" for _, _, _, anchor in spans):
            continue  # 长沙基地 opening clauses: as often a company's plant in that city as a zone
        opens = len({SENTENCE_ENDS.split(text[match.end() : match.end() + ADMINISTERED_SAID], 1)[0] for start, match, _, _ in spans
                     if _at_clause_start(text, start) and not text.startswith(("的", "(", "（"), match.end())})
        if not office and opens < words["administered_opens"]:
            continue
        for start, match, proper, anchor in spans:
            end = match.end("type")
            aside = text[max(0, start - 3) : start].endswith(word_tuple("in_passing")) or in_brackets(text, start)
            administered.append(Mention(start, end, name, match["type"], anchor, proper, not aside))
    return administered


class _Overlaps:
    """Whether any of many spans overlaps a given one, by bisection: a text of one endless line holds
    thousands of names and thousands of matches, and testing every span for every match was quadratic."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.furthest: list[int] = []  # the furthest end among the spans sorted up to each one
        for _, end in spans:
            self.furthest.append(max(end, self.furthest[-1]) if self.furthest else end)

    def any_with(self, start: int, end: int) -> bool:
        """A span starting before `end` and ending after `start`."""
        before = bisect.bisect_left(self.starts, end)  # the spans starting before `end`
        return before > 0 and self.furthest[before - 1] > start


def _listed_industry_parks(text: str, mentions: list[Mention], rejections: list[Rejection]) -> list[Mention]:
    """A park named by its industry (生物产业园区) joined by 、/和 to the name of a zone that switches
    is one zone of that list (南川工业园区、生物产业园区投资分别增长…), not an industry inside a zone."""
    joins = word_tuple("definition_joins")
    zones = [mention for mention in mentions if mention.switches]  # not a sub-park (机械制造产业园和…)
    ends, starts = {mention.end for mention in zones}, {mention.start for mention in zones}
    listed = []
    for rejection in rejections:
        if rejection.reason != "industry":
            continue
        after_zone = any(text[rejection.start - len(join) : rejection.start] == join
                         and rejection.start - len(join) in ends for join in joins)
        before_zone = any(text.startswith(join, rejection.end) and rejection.end + len(join) in starts for join in joins)
        if after_zone or before_zone:
            kind = _suffix_type(rejection.text)
            listed.append(Mention(rejection.start, rejection.end, rejection.text, kind, "proper",
                                  rejection.text[: -len(kind)], switching()[kind]))
    return listed


def _projects_throughout(mentions: list[Mention], rejections: list[Rejection]) -> tuple[list[Mention], list[Rejection]]:
    """楚韵产业园奠基仪式在公安经济开发区举行 … 楚韵产业园规划占地…: a park read once as a project or a
    company is one at its other mentions too, in a report naming a zone of a switching kind that hosts
    it; alone in its report (XX产业园项目已验收) the park is what the report is about."""
    projects = {rejection.text for rejection in rejections if rejection.reason in ("project", "organisation")}
    hosted = any(switching()[mention.kind] and mention.name not in projects for mention in mentions)
    if not projects or not hosted:
        return mentions, rejections
    rejections = rejections + [Rejection(mention.start, mention.end, mention.name, "project")
                               for mention in mentions if mention.name in projects]
    return [mention for mention in mentions if mention.name not in projects], rejections


def _inside_a_word(text: str, match: re.Match) -> bool:
    """重点开发区域, 生态园区域: the type's last character starts another word (区域), no zone type."""
    if match["tail"] or text[match.end() : match.end() + 1] not in _word_end_chars():
        return False  # most types: the character after them ends no such word
    return any(text.startswith(word, match.end("type") - len(word) + 1) and match["type"].endswith(word[0])
               for word in lexicon()["type_word_ends"])


@lru_cache(maxsize=1)
def _word_end_chars() -> frozenset[str]:
    return frozenset(word[-1] for word in lexicon()["type_word_ends"])


def _outer_types(matches: list[re.Match]) -> list[re.Match]:
    """Type words, without one that another type follows straight on (鹤翔新区产业集聚区 is one zone,
    named by its last type, not 鹤翔新区 and a nameless 产业集聚区), and without a type written twice
    by mistake (杉溪经开区经开区 is 杉溪经开区)."""
    kept: list[re.Match] = []
    for match in matches:
        if kept and kept[-1].end() == match.start() and kept[-1].group() == match.group():
            continue  # the same type again, straight after: a doubled word
        if kept and kept[-1].end() == match.start():
            kept.pop()
        kept.append(match)
    return kept


def _candidate(text: str, match: re.Match, crosses_line, lists: ProjectLists) -> Mention | Rejection:
    """The name a zone type closes, read back over its own line, or why there is none."""
    type_start, kind = match.start("type"), match["type"]
    run_match = run_pattern().search(text, max(0, type_start - lexicon()["max_prefix"]), type_start)
    assert run_match is not None  # the run pattern also matches the empty string
    run_start = run_match.start()
    line_start = line_cut(run_start, type_start, crosses_line)
    cut, parsed = _read_run(text[line_start:type_start], kind)
    result: tuple[int, str, str] | str | Mention = parsed
    if isinstance(result, tuple) and result[2] == "province":
        result = _province_group(text, line_start + cut + result[0], match, crosses_line)
    if isinstance(result, Mention):
        return result
    if isinstance(result, str):
        if line_start > run_start and result == "no_name":
            result = "line_break"  # words on the line before (联系我们 / 工业园区) are no name
        return Rejection(line_start + cut, match.end(), text[line_start + cut : match.end()], result)
    offset, proper, anchor = result
    if anchor == "place" and _words_open_the_name(text, line_start + cut, offset, match.end()):
        offset, proper = 0, text[line_start + cut : line_start + cut + offset] + proper  # 金穗|新兴技术开发区
    name_start = line_start + cut + offset
    listed = not switching()[kind] and (lists.closed_after(match.end()) or lists.opened_before(name_start))
    reason = _after_reason(text[match.end() : match.end() + AFTER_REACH], kind) or ("project" if listed else None)
    if _lands_in_a_zone(text, match.end()):
        reason = "project"  # 鹤翔新材料产业园落户临江经济开发区: a park that settles in a zone is a project there
    if _honour(text, name_start, match.end()) or _predicate_of_a_copula(text, name_start):
        reason = "adjective"  # 被评为“中国日用陶瓷产业基地”, 园区是全省少有的棉纺产业园区: what the zone is, no other zone
    if _short_name_of_an_organisation(text, name_start):
        reason = "organisation"  # 香港科技园公司（简称香港科技园）: the company's short name
    if _address(text, name_start):
        reason = "boilerplate"  # 地址：临江市高新区鹤翔路88号: where an office is
    if anchor == "place" and _place_inside_a_kind_word(text, name_start, type_start):
        reason = "industry"  # 战略性新兴产业聚集区, 再生资源产业园: a kind of industry, no place (新兴, 资源)
    if anchor == "proper" and _verb_on_an_attribute(text, proper, kind, match.end()):
        reason = "verb"  # 彰显园区魅力: the verb of a phrase on parks in general
    counted = _counted_before(text, name_start)
    if counted and not (crosses_line and crosses_line(counted.start(), name_start)):
        reason = "ordinal"  # 约为12个青禾科学园: zones counted, not one spoken of
    if proper in lexicon()["own_admin"] and text.endswith(word_tuple("own_admin_not_after"), 0, name_start):
        reason = "generic"  # 各县开发区: every county's zones, not a county's own
    if reason:
        return Rejection(name_start, match.end(), text[name_start : match.end()], reason)
    return Mention(
        start=name_start,
        end=match.end(),
        name=text[name_start : match.end()],
        kind=kind,
        anchor=anchor,
        proper=proper,
        switches=_switches(text, match, name_start, anchor, crosses_line),
        base=text[name_start : match.end("type")] if match["tail"] else None,
    )


LEAD_MOST = 3  # characters before a place that may open a name with it (北|临江, 金穗|新兴)


def _words_open_the_name(text: str, run_start: int, offset: int, end: int) -> bool:
    """北临江产业园区 opening a line, 金穗新兴技术开发区 filling a table cell: the characters before the
    place (a short form of 临江市, of 新兴县) are the front of the zone's own name, not words of the
    sentence, when only the line's or the cell's start stands before them and they are no reject word,
    no everyday verb and no numeral: a direction before a line's first name (北|临江), a few characters
    when the name fills its cell or line (| 金穗新兴技术开发区 |; a sentence's first words, 随后临江…,
    stay out)."""
    if not 0 < offset <= LEAD_MOST:
        return False
    words = lexicon()
    before = _next_visible(text, run_start - 1, -1)
    if before is not None and before not in words["line_openings"]:
        return False
    lead = text[run_start : run_start + offset]
    if len(lead) == 1:
        return lead in words["direction_heads"]
    after = _next_visible(text, end, 1)
    return (after is None or after in words["line_openings"]) \
        and all(is_common_chinese(char) and char not in words["numeral_chars"] for char in lead) \
        and not reject_spans(lead) and lead[-2:] not in everyday_verbs()


CELL_SPACES = " \t\u3000"
CELL_PADDING = 8  # spaces a table cell may pad its text with


def _next_visible(text: str, index: int, step: int) -> str | None:
    """The first character from index on (step 1) or back (step -1) that is no cell padding, within
    CELL_PADDING characters; None at the text's start or end, and a space past that much padding (no cell
    or line opening then)."""
    for _ in range(CELL_PADDING + 1):
        if not 0 <= index < len(text):
            return None
        if text[index] not in CELL_SPACES:
            return text[index]
        index += step
    return text[index - step]


def _place_inside_a_kind_word(text: str, start: int, type_start: int) -> bool:
    """Whether the place a name opens with lies inside a qualifier or an industry word that begins before
    it or runs on into the type (战略性|新兴|产业聚集区: 战略性新兴产业; 再生|资源|产业园: 再生资源)."""
    for word in _kind_words():
        first = max(0, start - len(word) + 1)
        found = text.find(word, first, start + len(word))
        while found != -1 and found <= start:
            end = found + len(word)
            if end >= start + 2 and (found < start or end > type_start):
                return True
            found = text.find(word, found + 1, start + len(word))
    return False


@lru_cache(maxsize=1)
def _kind_words() -> tuple[str, ...]:
    """Qualifiers and industries that hold a place's name inside them (新兴产业, 再生资源)."""
    places = place_names()
    words = set(lexicon()["qualifiers"]) | set(lexicon()["industries"])
    return tuple(sorted(word for word in words
                        if any(word[index:index + size] in places for size in (2, 3) for index in range(len(word) - size + 1))))


def _switches(text: str, match: re.Match, name_start: int, anchor: str, crosses_line) -> bool:
    """Whether the figures after a name are its zone's: not a sub-zone's tail, not named in passing
    (比…, 赴…) or qualifying a noun (…员工), and of a switching kind or a sub-park standing alone."""
    end = match.end()
    if match["tail"]:
        return False
    aside = text[max(0, name_start - 3) : name_start].endswith(word_tuple("in_passing")) \
        or text.startswith(word_tuple("qualified_nouns"), end) or in_brackets(text, name_start) \
        or _object_of_a_verb(text, name_start, end) \
        or _event_place(text, name_start, end) or _possessor_after_a_copula(text, name_start, end) \
        or _site_of_a_park(text, name_start) or _in_document_title(text, name_start) \
        or first_of_a_group(text, end) or listed_example(text, end)
    if aside:
        return False
    if switching()[match["type"]]:
        return True
    opens_line = name_start == 0 or text[name_start - 1] == "\n" or bool(crosses_line and crosses_line(name_start - 1, name_start))
    return anchor != "mask" and _stands_alone(text, name_start, end, opens_line)


@lru_cache(maxsize=16384)
def _read_run(run: str, kind: str) -> tuple[int, tuple[int, str, str] | str]:
    """(where the name may start in run, then what _parse or bracketed_place reads from there) for the
    run of characters before a zone type. Runs recur within and across reports: each is read once."""
    inner = [other.end() for other in type_pattern().finditer(run) if other.end() < len(run)]  # 开封新区|产业集聚区: one name
    cut = max(stop_cut(run), max(inner, default=0))
    bracketed = bracketed_place(run[cut:])
    if bracketed is not None:
        return cut, bracketed
    brackets = [end for end in (run.rfind(")"), run.rfind("）")) if end >= cut]
    if brackets:
        cut = max(brackets) + 1
    return cut, _parse(run[cut:], kind)


def _counted_before(text: str, name_start: int) -> re.Match | None:
    """A count right before a name (12个青禾科学园), or one whose measure word the name would start
    with (建成2家特殊经济开发区: digits stay out of a name, 家 does not)."""
    pattern = counted_pattern()
    if name_start and text[name_start - 1].isascii() and text[name_start - 1].isdigit():
        return pattern.search(text, max(0, name_start - 7), name_start + 1)
    return pattern.search(text, max(0, name_start - 8), name_start)


def _province_group(text: str, start: int, match: re.Match, crosses_line) -> Mention | str:
    """黑龙江开发区 opening a clause: the province's zones reported together, a group; inside a
    clause (占湖南省高新区的一成) the province's zones are only compared with: generic."""
    opens_line = start == 0 or text[start - 1] == "\n" or bool(crosses_line and crosses_line(start - 1, start))
    if match["tail"] or _after_reason(text[match.end() : match.end() + AFTER_REACH], match["type"]) \
            or not (opens_line or opens_clause(text, start)) or _names_a_body(text, match.end()):
        return "generic"
    return Mention(start=start, end=match.end(), name=text[start : match.end()], kind=match["type"], anchor="group",
                   proper=text[start : match.start("type")], switches=True)


def _ranking_field(text: str, group: Mention) -> bool:
    """在全国217家国家级开发区综合考评中位列第13位: a group after 在 and closed by 中 is the field a zone
    is ranked in, not zones the report gives figures about."""
    words = lexicon()
    after = re.match(f"[{CJK}]{{0,{words['field_reach']}}}", text[group.end : group.end + words["field_reach"] + 1])
    closed = after is not None and any(word in after.group() for word in words["field_closes"])
    date = date_tail().search(text, max(0, group.start - 12), group.start)  # 在2021年度全国…
    start = date.start() if date else group.start
    return closed and text[max(0, start - 2) : start].endswith(word_tuple("field_opens"))


def _names_a_body(text: str, end: int) -> bool:
    """全县开发区工作会议召开, 河南省产业集聚区发展联席会议办公室: a group of zones naming a meeting or
    an office in the words straight after it, not the zones reported together."""
    words = lexicon()
    after = re.match(f"[{CJK}]{{1,{words['body_reach']}}}", text[end : end + words["body_reach"]])
    return after is not None and any(word in after.group() for word in words["group_bodies"])


def _clause_before(text: str, start: int, reach: int) -> str:
    """The text of the clause before `start`, at most `reach` characters of it."""
    head = text[max(0, start - reach) : start]
    return head[max(head.rfind(mark) for mark in CLAUSE_MARKS) + 1 :]


def _object_of_a_verb(text: str, start: int, end: int) -> bool:
    """全面启动石龙工业园区建设: the zone's works are the object of a verb inside a clause; not in a
    clause opening with it, nor in a title about it (关于加快梧桐经济开发区建设的报告)."""
    words = lexicon()
    if not text.startswith(word_tuple("qualified_objects"), end) or _at_clause_start(text, start):
        return False
    head = _clause_before(text, start, EVENT_REACH)
    return not any(word in head for word in words["about_words"])


def _event_place(text: str, start: int, end: int) -> bool:
    """在沙文产业园集中开工: the zone is where an event took place, in a clause about something else."""
    words = lexicon()
    if not text.startswith(word_tuple("event_words"), end):
        return False
    head = _clause_before(text, start, EVENT_REACH)
    return any(cue in head for cue in words["event_places"])


def first_of_a_group(text: str, end: int) -> bool:
    """临江经开区等14家园区营业收入突破千亿: a zone named as the first of a group (等, a count, a type)
    is an example of it; the figures after it are not its own."""
    return example_group_pattern().match(text, end, end + lexicon()["example_group_reach"]) is not None


def listed_example(text: str, end: int) -> bool:
    """包括青禾经开区、鹤翔经开区等国家级开发区: each zone of a list that ends in a group (等, a count, a
    type) within its clause is an example of that group, not the last-named one only; the figures after
    the list are not its own."""
    if not text.startswith("、", end):
        return False
    window = text[end : end + lexicon()["example_list_reach"]]
    closes = [index for index in (window.find(mark) for mark in EXAMPLE_LIST_ENDS) if index >= 0]
    listed = window[: min(closes)] if closes else window
    etc = listed.rfind("等")
    return etc > 0 and first_of_a_group(text, end + etc)


EXAMPLE_LIST_ENDS = CLAUSE_MARKS + "：:（("  # a list of examples ends with its clause (or a colon, a bracket)


def _in_document_title(text: str, start: int) -> bool:
    """按照《关于支持临江高新区发展的若干意见》要求: a zone inside the title of a document the sentence
    cites is named in passing, not the subject of the figures after it."""
    head = text[max(0, start - BRACKET_REACH) : start]
    if "《" not in head:
        return False  # no title opened before the name: none in its sentence either
    head = head[max(head.rfind(mark) for mark in "。；;！？!?\n") + 1 :]
    return head.rfind("《") > head.rfind("》")


def _site_of_a_park(text: str, start: int) -> bool:
    """鹤翔产业园位于临江经济开发区: a zone named after a park's name and a word of its site (位于, 隶属于)
    is where the park lies, named in passing; 项目位于临江经济开发区 is not (the project's zone)."""
    return _after_a_park(text, start, word_tuple("site_words"))


def _possessor_after_a_copula(text: str, start: int, end: int) -> bool:
    """青禾产业园是临江高新区的重要组成部分: a zone after a park's name and 是/为, and before 的, is what
    the park belongs to, named in passing; the figures after it stay the park's."""
    return text.startswith("的", end) and _after_a_park(text, start, word_tuple("copulas"))


def _predicate_of_a_copula(text: str, start: int) -> bool:
    """临江产业园区是全省少有的棉纺产业园区: a park word right after 的, in a clause whose zone is followed by
    是/为 before it, says what kind of park that zone is (its class), not another zone."""
    if not text.endswith("的", 0, start):
        return False  # most names: no 的 before them
    head = _clause_before(text, start, PREDICATE_REACH)
    offset = start - len(head)
    return any(_after_a_park(text, offset + found.end(), word_tuple("copulas"))
               for found in words_pattern("copulas").finditer(head))


PREDICATE_REACH = 40  # characters back from 的 to the copula after the clause's zone


def _after_a_park(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Whether one of `words` stands right before `start`, straight after a zone type (…产业园位于)."""
    if not text.endswith(words, 0, start):
        return False  # most names: none of the words before them
    word = next(word for word in words if text.endswith(word, 0, start))
    before = start - len(word)
    return any(match.end() == before for match in type_pattern().finditer(text, max(0, before - 12), before))


def in_brackets(text: str, start: int) -> bool:
    """Whether a name stands inside brackets opened earlier in its sentence (国家级4个（A、B）): an
    aside listing or glossing zones, not the subject of the figures after it."""
    head = text[max(0, start - BRACKET_REACH) : start]
    if "（" not in head and "(" not in head:
        return False  # no bracket before the name: none opened in its sentence either
    head = head[max(head.rfind(mark) for mark in "。；;！？!?\n") + 1 :]
    opened: list[int] = []
    for index, char in enumerate(head):
        if char in "（(":
            opened.append(index)
        elif char in "）)" and opened:
            opened.pop()
    # 梧桐高新技术产业园（简称“梧桐高新区”）: another name of the zone, not an aside
    return bool(opened) and not head[opened[-1] + 1 :].lstrip().startswith(word_tuple("definition_words"))


def _short_name_of_an_organisation(text: str, start: int) -> bool:
    """A name a report gives a company in brackets (XX科技园公司（简称XX科技园）) names the company."""
    words = lexicon()
    head = text[max(0, start - 30) : start]
    if "（" not in head and "(" not in head:
        return False
    defined = definition_tail().search(head)
    return defined is not None and head[: defined.start()].rstrip().endswith(tuple(words["company_after"] + words["reject"]["organisation"]))


def _verb_on_an_attribute(text: str, proper: str, kind: str, end: int) -> bool:
    """彰显园区魅力, 树立开发区形象: a bare park word (zones.yaml attribute_types) followed by an attribute
    of parks in general (attribute_nouns) is the object of the short word before it, a verb no list can
    hold in full; 青禾科技园区形象 keeps its name."""
    return kind in lexicon()["attribute_types"] and len(proper) <= lexicon()["attribute_proper"] \
        and text.startswith(word_tuple("attribute_nouns"), end)


def _honour(text: str, start: int, end: int) -> bool:
    """A name in quotes after 评为/授予… in its sentence: an honour, not a zone."""
    if text[end : end + 1] not in ("”", "」", '"'):
        return False
    words = lexicon()
    head = text[max(0, start - words["title_reach"]) : start]
    head = head[max(head.rfind(mark) for mark in "。；;！？!?\n") + 1 :]
    opening = max(head.rfind(mark) for mark in "“「\"")
    closing = max(head.rfind(mark) for mark in "”」")
    if opening == -1 or opening < closing:
        return False
    return any(cue in head[:opening] for cue in words["title_cues"])


_COUNT_SPACING = 2  # spaces a PDF puts between a group's place and its count


def _group(text: str, match: re.Match, crosses_line) -> Mention | None:
    """A group of zones named by a count (四川省10个国家级经开区, 全区13家经开区, 11个重点园区)."""
    type_start, kind = match.start("type"), match["type"]
    counted = group_pattern().search(text, max(0, type_start - 12), type_start)
    if counted is None or _after_reason(text[match.end() : match.end() + AFTER_REACH], kind):
        return None
    count_start = counted.start()
    run_end = count_start  # the run of the name ends before the count, and before PDF spacing (全市 8个工业园区)
    while run_end > max(0, count_start - _COUNT_SPACING) and text[run_end - 1] in " \u3000":
        run_end -= 1
    if text[run_end - 1 : run_end] == "第":
        return None  # 成都第2个国家级经开区: a rank, not a group
    run_match = run_pattern().search(text, max(0, run_end - lexicon()["max_prefix"]), run_end)
    assert run_match is not None  # the run pattern also matches the empty string
    run = text[line_cut(run_match.start(), run_end, crosses_line) : run_end]
    run = run[stop_cut(run) :]
    anchors = (*lexicon()["group_anchors"], *lexicon()["counted_group_anchors"])
    anchor = next((word for word in anchors if run.endswith(word)), None)
    place = None if anchor else place_anchor(run)
    if place is not None and _no_place_of_the_group(run[place:], _clause_before(text, count_start, lexicon()["example_list_reach"])):
        place = None
    start = run_end - len(anchor) if anchor else run_end - len(run) + place if place is not None else count_start
    if counted["rank"] and not (anchor or text[start:run_end] in place_names()):
        return None  # 三大园区 alone, 市府邀集五大工业区: no group of a place's own
    name = text[start:type_start] + kind
    end = type_start + len(kind)
    return Mention(start=start, end=end, name=name, kind=kind, anchor="group" if start < count_start else "count",
                   proper=text[start:type_start], switches=opens_clause(text, start))


def _no_place_of_the_group(words: str, clause: str) -> bool:
    """合作开发4处产业园区, …、鹤翔经济技术开发区3个国家级经开区: a place whose words before the count end with
    an everyday verb that is no place itself (a place-named word opening a phrase; 保定, 遵义 are cities) or
    that is the last zone of a list the count closes names no group; the group is its count alone. A zone's
    or a new area's own parks (临江新区4个产业园区, 临江高新区3个园区) keep it."""
    verb = words[-2:]
    return (verb in everyday_verbs() and verb not in place_names()) \
        or (type_pattern().search(words) is not None and _ends_a_list_of_zones(clause))


def _ends_a_list_of_zones(clause: str) -> bool:
    """A、B(等): the clause holds a list mark and ends with a zone type, 等 or not."""
    return LIST_MARKS in clause and list_close_pattern().search(clause) is not None


def _closes_a_list(text: str, start: int, end: int) -> bool:
    """A、B(等)4个重点园区完成工业总产值…: a counted group right after a list of zone names, followed by what
    is said of it, is those zones together: the figures after it are the group's, not the first-named zone's."""
    return _ends_a_list_of_zones(_clause_before(text, start, lexicon()["example_list_reach"])) \
        and (text.startswith(_said_words(), end) or _period_then_follows(text, end))


@lru_cache(maxsize=1)
def _said_words() -> tuple[str, ...]:
    """The words of clause_follows that say something of a name (实现, 完成 …), not the marks ending it."""
    return tuple(word for word in word_tuple("clause_follows") if word[0] not in CLAUSE_MARKS + "（(：:\n")


def _whole_group(text: str, match: re.Match, crosses_line) -> Mention | None:
    """全省产业集聚区 opening a clause (一季度，全省产业集聚区实现…): the zones of a whole province,
    city or county reported together, a group; inside a clause (占全市产业集聚区的一成) no mention."""
    type_start, kind = match.start("type"), match["type"]
    found = whole_group_pattern().search(text, max(0, type_start - 12), type_start)
    start = found.start() if found else 0
    if found is not None and found.group().startswith("全省"):
        start -= province_before(text, start)  # 江西全省工业园区: the province named before its whole
    if found is None or _after_reason(text[match.end() : match.end() + AFTER_REACH], kind) \
            or text.startswith(word_tuple("qualified_nouns"), match.end()) or _names_a_body(text, match.end()) \
            or (crosses_line and crosses_line(start, type_start)) or not opens_clause(text, start):
        return None
    return Mention(start=start, end=match.end(), name=text[start : match.end()], kind=kind, anchor="whole",
                   proper=text[start : found.end()], switches=True)


def opens_clause(text: str, start: int) -> bool:
    """Whether a name opens a clause, after any date (据统计，2022年全区13家经开区…)."""
    date = date_tail().search(text, max(0, start - 12), start)
    return _at_clause_start(text, date.start() if date else start)


_HEADING_NUMBER = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])$")


def _stands_alone(text: str, start: int, end: int, opens_line: bool) -> bool:
    """A sub-park kind names a zone of its own when it opens a clause (after a date at most: 今年白鹭产业园…) and what
    follows speaks of it."""
    if not (opens_line or opens_clause(text, start)):
        return False
    if end == len(text) or text.startswith(word_tuple("clause_follows"), end) or phase_works_pattern().match(text, end):
        return True  # … or works on its phase (青禾产业园二期道路管网全面铺通): what is said of it
    if _period_then_follows(text, end):
        return True  # 其中，鹤翔光电产业园上半年实现产值…: a period, then what is said of it
    return text[end].isdigit() and opens_line  # a title (XX工业园2019年工作总结), a listed line (XX新区861亿元)


def _period_then_follows(text: str, end: int) -> bool:
    """A period (上半年, 1-6月, 2022年) right after a name, then a word of clause_follows (实现, 完成 …)."""
    period = period_head().match(text, end)
    return period is not None and period.end() > end and text.startswith(word_tuple("clause_follows"), period.end())


def subject_references(text: str, rejections: list[Rejection]) -> list[int]:
    """Where a numbered heading opens with a zone type alone ((二)园区经济健康运行): the report's
    subject again, after other zones named before it."""
    return [rejection.start for rejection in rejections
            if rejection.reason == "no_name" and rejection.text in switching()
            and _HEADING_NUMBER.search(text, max(0, rejection.start - 6), rejection.start)]


def _at_clause_start(text: str, start: int) -> bool:
    """Whether a name opens a clause or a numbered heading (一、青禾临港工业区), rather than
    standing inside a list or a phrase (包括建成区鹤翔西工业区, 鹤展、台湾产业园)."""
    head = text[max(0, start - 6) : start].rstrip(" \t\u3000")  # an indented paragraph opens with spaces
    numbered = _HEADING_NUMBER.search(head)
    if numbered:
        head = head[: numbered.start()]
    conjunction = next((word for word in lexicon()["clause_conjunctions"] if head.endswith(word)), "")
    head = head.removesuffix(conjunction)  # ；而东港园区则…: the clause opens before a conjunction, if at all
    return not head or head[-1] in lexicon()["clause_starts"]


def _abbreviation_mentions(text: str, traditional: bool) -> list[Mention]:
    """Established short names (南科, 竹科) standing alone, in a report written where they are used."""
    words = lexicon()
    if not traditional and not any(cue in text for cue in words["abbreviation_cues"]):
        return []  # a mainland report: 中科 starts a company's name
    stops = words["stop_chars"] + "年月日"
    mentions = []
    for match in abbreviation_pattern().finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after_word = text.endswith(word_tuple("abbreviation_after"), 0, match.start())  # 其中竹科, 所属竹科
        if re.match(f"[{CJK}]", before) and before not in stops and not after_word:
            continue
        full = words["named_abbreviations"][match.group()]
        mentions.append(Mention(match.start(), match.end(), match.group(), _suffix_type(full), "abbreviation", match.group(), True))
    return mentions


def _suffix_type(name: str) -> str:
    return next(word for word in sorted(switching(), key=lambda word: (-len(word), word)) if name.endswith(word))


AFTER_REACH = 12  # characters read after a name for what it is (项目, 公司, 二期市政配套工程)


def _after_reason(after: str, kind: str) -> str | None:
    """A park followed by 项目 or its phase, bracketed or not (XX工业园（二期）), is a project; any zone
    word followed by 公司 names a company. A phase followed by works on the park's land (XX产业园二期市政
    配套工程, XX工业园一期基础设施) is the park's own phase: the park is a zone being built, no project."""
    projects, companies = after_patterns()
    if companies.match(after):
        return "organisation"
    if not switching()[kind] and projects.match(after.lstrip("（(")) and not phase_works_pattern().match(after):
        return "project"
    return None


_ADDRESS_COLON = re.compile(r"[：:\s]{1,3}$")


def _address(text: str, start: int) -> bool:
    """A name right after an address word and its colon (地址：临江市高新区…) is where an office is."""
    head = _ADDRESS_COLON.sub("", text[max(0, start - 6) : start])
    return head.endswith(word_tuple("address_words"))


def _lands_in_a_zone(text: str, end: int) -> bool:
    """A name followed by a verb of settling (落户, 入驻 …) and, within its clause, a zone type
    (…产业园成功落户临江经开区): the park is a project that settles there, not a zone."""
    landing = landing_pattern().match(text, end)
    if landing is None:
        return False
    clause = CLAUSE_REST.match(text, landing.end(), landing.end() + lexicon()["landing_reach"])
    return clause is not None and type_pattern().search(clause.group()) is not None


def _city_level(core: str) -> tuple[int, str, str] | None:
    """贵阳国家高新区: a level word a city puts in its zone's name (lexicon name_levels)."""
    level = next((word for word in lexicon()["name_levels"] if core.endswith(word)), None)
    head = core[: -len(level)] if level else ""
    place = place_anchor(head) if head else None
    if place is None or not city_or_province(head, place) or head[place:] in province_names():
        return None
    return place, head[place:], "place"


def _leveled_place(core: str) -> tuple[int, str, str] | None:
    """临江县省级工业园区, 临江国家级经济技术开发区, 临江特色产业园区: level words and the describing
    words a name may hold, between a place and the type, are part of the name (after a province,
    湖南省级高新区, they stay a level or a sort of the province's zones)."""
    head = core
    while (word := next((word for word in _inner_words() if head.endswith(word)), None)) is not None:
        head = head[: -len(word)]
    if head == core or not head:
        return None
    bare = head[:-1] if head[-1] in ADMIN_SUFFIXES else head  # 临江县: 临江 and its suffix
    tokens = place_tokens(head)
    ends = [start for start, end in tokens if end in (len(head), len(bare))]
    place = chain_start(tokens, min(ends)) if ends else None
    if place is None or head[place:] in province_names():
        return None  # 山东再添国家级经济技术开发区: words between the place and the level, no name
    return place, head[place:], "place"


@lru_cache(maxsize=1)
def _inner_words() -> tuple[str, ...]:
    words = lexicon()
    return tuple(sorted(set(words["name_inner_levels"]) | set(words["name_adjectives"]), key=lambda word: (-len(word), word)))


def _province_class(province: str, kind: str) -> bool:
    """浙江省化工园区: a province written in full, kind words and the bare 园区 name a class of the
    province's parks (天津经济技术开发区, 海南生态软件园 are zones)."""
    return kind == "园区" and province.endswith(("省", "自治区"))


def _scoped_province(core: str) -> int | None:
    """Where a province written before a scope word (安徽省县域) starts in core: its zones of that scope,
    a group; None when core is no province and scope."""
    scope = next((word for word in _province_scopes() if core.endswith(word)), None)
    if scope is None:
        return None
    head = core[: -len(scope)]
    place = place_anchor(head)
    if place is None:
        return None
    province = head[place:]  # 河南 of 河南重点园区 (a county too): before a scope, a short form naming a province is the province
    return place if province in province_names() or set(short_forms().get(province, ())) & province_names() else None


@lru_cache(maxsize=1)
def _province_scopes() -> tuple[str, ...]:
    """Longest first: 省级重点 before 重点, so the province is what stands before the whole scope."""
    return tuple(sorted(word_tuple("province_scopes"), key=lambda word: (-len(word), word)))


def _reason(group: str) -> str:
    return "adjective" if group == "adjective_form" else group


def _parse(run: str, kind: str) -> tuple[int, str, str] | str:
    """(offset of the name in run, its proper part, anchor kind), or the reason it is no name."""
    qualifiers = qualifier_tail().search(run)
    core = run[: qualifiers.start()] if qualifiers else run
    leveled = _leveled_place(core)
    if leveled is not None:
        return leveled
    place = place_anchor(core)
    if place is None and (level := _city_level(core)) is not None:
        return level
    if place is not None and core[place:] in province_names() and (not qualifiers or _province_class(core[place:], kind)):
        return place, core[place:], "province"  # 湖南省高新区: the province's zones, not one of them
    scoped = _scoped_province(core)
    if scoped is not None and not qualifiers:
        return scoped, core[scoped:], "province"  # 安徽省县域开发区: the province's county-level zones
    region = next((word for word in lexicon()["regions"] if core.endswith(word)), None)
    if region and not qualifiers:
        return len(core) - len(region), region, "province"  # 京津冀开发区: a region's zones, like a province's
    if kind in needs_place() and (place is None or not city_or_province(core, place)):
        return "generic"  # 南部新区: a part of a zone (南部 is a county too), not one
    if place is not None:
        return place, core[place:], "place"
    kinds = [match.span() for match in kind_pattern().finditer(core)]
    rejects = [match for match in reject_spans(core)  # 青禾智能制造: 智能 belongs to a kind word, no adjective
               if not any(start <= match.start() and match.end() <= end for start, end in kinds)]
    last = max(rejects, key=lambda match: match.end(), default=None)
    proper_start = last.end() if last else 0
    proper = core[proper_start:]
    if not proper:
        return _reason(last.lastgroup or "") if last else "no_name"
    if proper[0] in single_rejects() and len(proper) > 1:
        return single_rejects()[proper[0]]
    if is_masked(proper):
        return proper_start, proper, "mask"
    if not all(is_common_chinese(character) for character in proper if character not in lexicon()["name_dots"]):
        return "garbled"  # 叮磦产业园区: a place's name damaged by a wrong encoding, no name
    if proper in lexicon()["own_admin"] and kind in lexicon()["own_admin_types"]:
        return proper_start, proper, "proper"  # 市高新技术开发区 in a city's own report: the city's zone
    if len(proper) < 2:
        return "too_short"
    if proper[-1] in PLACE_SUFFIX + "区" and not proper.endswith(word_tuple("suffix_like_names")):
        return "generic"  # 位省, 各市: an admin word that is no place of the gazetteer
    if len(proper) > lexicon()["max_proper"]:
        return "too_long"
    if only_kind_words(proper):
        return "industry"
    return proper_start, proper, "proper"

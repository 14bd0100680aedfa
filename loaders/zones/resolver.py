"""Zone mentions -> zones (canonical name, aliases, masked, parent, place); which zone each offset is about.

Names are read by the grammar of zones/names.py. Within one report, short forms are aliases of
the longest name they belong to (东部产业集聚区 -> 温岭市东部产业集聚区); a masked name with
nothing else in it (*产业集聚区) is the report's masked zone; a sub-zone (…*分区, …东片区) is
linked to its parent. The report's subject is the zone its title or heading names (zones/headings.py),
else its first named zone it speaks of: it holds every figure that follows no mention of another zone.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain

from ..contract.schema import zone_id_for
from ..text.numerals import parse_chinese
from ..text.places import (
    PlaceIndex,
    gazetteer,
    place_names,
    places_in,
    short_city_names,
    short_form,
    short_forms,
)
from .anchors import place_like
from .headings import SENTENCE_REST, heading_end, joined_line_test, title_topic
from .lexicon import (
    CJK,
    UNNAMED_ZONE_OPENING,
    alternation,
    counted_pattern,
    defined_short_name,
    definition_opening,
    example_group_pattern,
    group_anchor,
    group_count_pattern,
    is_masked,
    lexicon,
    names_a_group_of_zones,
    period_head,
    standard_name,
    switching,
    type_pattern,
    word_tuple,
    words_pattern,
)
from .names import (
    ADMIN_SUFFIXES,
    CLAUSE_REST,
    SENTENCE_ENDS,
    Mention,
    Rejection,
    first_of_a_group,
    in_brackets,
    listed_example,
    opens_clause,
    read_names,
    subject_references,
)
from .parts import mark_parts
from .project_lists import CLAUSE_MARKS
from .scopes import (
    FIGURE,
    line_item_returns,
    own_zone_references,
    respective_lists,
    semicolon_series,
    sub_park_ends,
    whole_zone_references,
)

OWN_PLACE = re.compile(r"[我本][省市县区州]")  # 我县产业集聚区: the report's own place's zones
_PLACE_HEAD = re.compile(rf"[{CJK}]{{1,6}}?[{ADMIN_SUFFIXES}]")  # a place and its suffix opening a name (临江市…)
PLACED_ANCHOR_ENDS = "省市县州"  # 全区 may be an autonomous region, a district or the zone itself
SENTENCE_OPENERS = "。！？!?\n"
FULL_STOPS = re.compile(f"[{SENTENCE_OPENERS}]")  # a sentence's end (a semicolon goes on with its series)
SEPARATORS = "丨"  # a headline's bar (调研行丨临江经开区…): no phrase a name stands inside
CLAUSE_REACH = 6  # characters after a name where a work it qualifies would end (供水工程, 道路建设项目)
DEFINITION_REACH = 40  # characters from a name to the close of the brackets defining its other names (12 in real reports)
PLACE_REACH = 1000  # characters back to look for the place a group of its zones is named after


@dataclass
class Zone:
    name: str
    aliases: set[str] = field(default_factory=set)
    anonymized: bool = False
    mentions: int = 0
    first: int = 0
    parent: str | None = None  # the zone a sub-zone lies in


def _known_propers(mentions: list[Mention], heading: int) -> set[str]:
    """Proper names the report defines: used in its heading, or used more than once."""
    counts = Counter(mention.proper for mention in mentions if mention.anchor == "proper")
    return {proper for proper, count in counts.items() if count > 1} | {
        mention.proper for mention in mentions if mention.anchor == "proper" and mention.start < heading
    }


def _shorten_to_known(mentions: list[Mention], heading: int) -> list[Mention]:
    """积极稳妥鹤淇产业集聚区 -> 鹤淇产业集聚区 when the report names 鹤淇 elsewhere: words before a
    proper name it knows are no part of the name."""
    known = _known_propers(mentions, heading)
    shortened = []
    for mention in mentions:
        proper = mention.proper  # the longest known name it ends with, itself aside
        ending = next((proper[-size:] for size in range(len(proper) - 1, 0, -1) if proper[-size:] in known), None) \
            if mention.anchor == "proper" else None
        if ending is None or mention.proper in known:
            shortened.append(mention)
            continue
        offset = len(mention.proper) - len(ending)
        base = mention.base[offset:] if mention.base else None
        shortened.append(replace(mention, start=mention.start + offset, name=mention.name[offset:], proper=ending, base=base))
    return shortened


def defined_names(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Names the report defines as one zone's: {other name: the name defined}. A name inside brackets
    opening with 简称 after a name (closed within DEFINITION_REACH characters) is another of its names;
    names joined by 、/和 and closed by （以下合并简称…） are one zone."""
    words = lexicon()
    defines, merges = definition_opening(), definition_opening("merge_words")
    defined: dict[str, str] = {}
    run: list[Mention] = []
    closes: list[int] | None = None  # offsets of closing brackets, found once when a definition first needs them
    for index, mention in enumerate(mentions):
        joined = run and text[run[-1].end : mention.start] in words["definition_joins"]
        if joined:
            run.append(mention)
        else:
            run = [mention]
        if not defines.match(text, mention.end):
            continue
        closes = closes if closes is not None else [match.start() for match in re.finditer("[）)]", text)]
        after = bisect.bisect_left(closes, mention.end)
        limit = min(closes[after] if after < len(closes) else len(text), mention.end + DEFINITION_REACH)
        inside = [other for other in _starting_before(mentions, index + 1, limit) if other.end <= limit]
        others = run[1:] if merges.match(text, mention.end) else []  # the run up to this name, or the name alone
        first = run[0] if others else mention
        for other in others + inside:
            if other.name != first.name:
                defined.setdefault(other.name, first.name)
    return defined


def other_names(text: str, mentions: list[Mention]) -> dict[str, str]:
    """临江工业区，又称临江高新科技园区 / 临江高新区原名为临江经济开发区: a zone name right after another and
    one of other_name_words (after a comma or a bracketed gloss at most) is the same zone's other or former
    name, {other name: the name kept}."""
    words = word_tuple("other_name_words")
    found: dict[str, str] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = text[first.end : second.start]
        if len(between) > OTHER_NAME_GAP or not any(word in between for word in words):
            continue  # most pairs: far apart, or no word of another name between them
        between = _GLOSS.sub("", between, count=1).strip("，,（(：: ")
        if between.rstrip("为是") in words and first.name != second.name and not first.base and not second.base:
            found.setdefault(second.name, first.name)
    return found


OTHER_NAME_GAP = 80  # characters between a name and its other name: a comma, a bracketed gloss (英语：…) and the word
_GLOSS = re.compile(r"^[（(][^（()）]{0,60}[）)]")  # 临江创新园（英语：…），前称…: a gloss in brackets before the word


def _starting_before(mentions: list[Mention], first: int, limit: int) -> list[Mention]:
    """The mentions from index `first` on that start before `limit` (mentions are sorted by start)."""
    last = first
    while last < len(mentions) and mentions[last].start < limit:
        last += 1
    return mentions[first:last]


def glossed_names(text: str, mentions: list[Mention]) -> dict[str, str]:
    """市工业园区（临江高新区）: a zone name that alone fills the brackets straight after another is the
    same zone's other name, {other name: the name kept}: the first (青禾工业园（原青禾镇工业园）), or the
    one with a place after the city's own 市… A list in the brackets (全市3个园区（A、B）) is none."""
    glossed: dict[str, str] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        if text[first.end : first.end + 1] not in "（(" or second.start != first.end + 1 \
                or text[second.end : second.end + 1] not in "）)" or first.name == second.name or first.base or second.base:
            continue  # most mentions: no bracket straight after them holding just another name
        kept, other = (second, first) if first.proper in lexicon()["own_admin"] and second.anchor == "place" else (first, second)
        glossed.setdefault(other.name, kept.name)
    return glossed


def placed_groups(text: str, mentions: list[Mention], heading: int) -> dict[str, str]:
    """{全市四大工业园区: 临江市四大工业园区}: a counted group of a whole place's zones is named after that
    place (_group_place), whose name ends as the anchor does (市 for 全市)."""
    named: dict[str, str] = {}
    for mention in mentions:
        anchor = group_anchor(mention.name)
        if mention.anchor != "group" or anchor is None or anchor[-1] not in PLACED_ANCHOR_ENDS:
            continue
        place = _group_place(text, mention.start, anchor[-1], heading)
        if place:
            named.setdefault(mention.name, place + mention.name[len(anchor) :])
    return named


def _group_place(text: str, start: int, suffix: str, heading: int) -> str | None:
    """The place 全市/全省 speaks of: the first the heading names (上半年临江市产业园区…, then 全市13个园区:
    the report's own city, not a county-level city listed on the way), else the last gazetteer place
    before the group, within PLACE_REACH."""
    titled = [place for place in places_in(text, 0, min(heading, start)) if place.endswith(suffix)]
    if titled:
        return titled[0]
    places = [place for place in places_in(text, max(0, start - PLACE_REACH), start) if place.endswith(suffix)]
    return places[-1] if places else None


def defined_types(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Zone types a report defines as one zone's short name: {高新区: 泰安高新技术产业开发区} for
    泰安高新技术产业开发区（以下简称"高新区"）, {重点园区: 海南省13个重点园区} for a group's
    short name (a type after words that make no name of their own)."""
    defines = defined_short_name()
    found = ((defines.match(text, mention.end), mention.name) for mention in mentions)
    return {match["short"]: name for match, name in found if match and match["short"].endswith(tuple(switching()))}


def _is_alias(short: str, long: str) -> bool:
    """Whether `short` is another way of writing `long` (same suffix, fewer words)."""
    if short != long and _whole_of(short, long):
        return True  # 全省开发区 is 甘肃开发区, whatever their lengths
    if short == long or len(short) >= len(long):
        return False
    if long.endswith(short) or _plain(short) == _plain(long) or _abbreviates(short, long):
        return True  # 东部产业集聚区 in 温岭市东部产业集聚区; 天祝金强… is 天祝县金强…; 长沙经开区
    short_count, long_count = (group_count_pattern().search(name) for name in (short, long))
    if short_count and long_count:  # 四川省10个国家级经开区 is 全省10个国家级经济技术开发区
        counted = short[short_count.start() :], long[long_count.start() :]
        return counted[0] == counted[1] or _abbreviates(*counted)
    place = _PLACE_HEAD.match(short)
    if place and long.startswith(place.group()) and short[place.end() :] == _suffix_of(short):
        return _suffix_of(short) == _suffix_of(long)  # 临江市产业集聚区: the place's zone named by its type alone
    return False


class _AliasIndex:
    """A report's names (in the order given: longest first) indexed by what _is_alias compares, so that
    a name is compared only with the names that may be a longer form of it, not with every name:
    the names ending with it or with its words after 全省/全市, written the same once plain, of a type
    it abbreviates with a head ending as its own, counted the same, or opening with its place."""

    def __init__(self, names: list[str]):
        self.order = {name: index for index, name in enumerate(names)}
        self.endings: dict[str, list[str]] = {}
        self.plains: dict[str, list[str]] = {}
        self.heads: dict[tuple[str, str], list[str]] = {}  # (type, an ending of the plain words before it)
        self.counted: dict[str, list[str]] = {}  # the name from its count on (10个国家级经开区)
        self.counted_heads: dict[tuple[str, str], list[str]] = {}  # as heads, of the name from its count on
        self.openings: dict[tuple[str, str], list[str]] = {}  # (its first characters, type)
        self.initials: dict[tuple[str, str], list[str]] = {}  # (type, the first character before it)
        for name in names:
            for size in range(1, len(name) + 1):
                self.endings.setdefault(name[-size:], []).append(name)
            self.plains.setdefault(_plain(name), []).append(name)
            _add_heads(self.heads, name, name)
            count = group_count_pattern().search(name)
            if count:
                self.counted.setdefault(name[count.start() :], []).append(name)
                _add_heads(self.counted_heads, name[count.start() :], name)
            for size in range(1, min(len(name), _PLACE_OPENING) + 1):
                self.openings.setdefault((name[:size], _suffix_of(name)), []).append(name)
            for kind, head in _same_kind_key(name):
                self.initials.setdefault((kind, head[0]), []).append(name)

    def first_alias(self, short: str) -> str | None:
        """The first name `short` is an alias of (_is_alias), or None: the first of those each index
        gives (the names of an index are in order, and an alias is longer but after 全省)."""
        found = [_first_longer(self.endings.get(short, []), short), _first_longer(self.plains.get(_plain(short), []), short)]
        found += [_first_longer(self.heads.get(key, []), short) for key in _abbreviated_keys(short)]
        found += [_first_longer(self.initials.get((kind, head[0]), []), short)
                  for kind, head in [*_abbreviated_keys(short), *_same_kind_key(short)]]
        anchor = group_anchor(short)
        if anchor and short[len(anchor) :]:  # 全省开发区 of 甘肃开发区
            found.append(next((name for name in self.endings.get(short[len(anchor) :], []) if _is_alias(short, name)), None))
        count = group_count_pattern().search(short)
        if count:
            found.append(_first_longer(self.counted.get(short[count.start() :], []), short))
            found += [_first_longer(self.counted_heads.get(key, []), short) for key in _abbreviated_keys(short[count.start() :])]
        place = _PLACE_HEAD.match(short)
        if place and short[place.end() :] == _suffix_of(short):  # 临江市产业集聚区: a place and a type alone
            found.append(_first_longer(self.openings.get((place.group(), _suffix_of(short)), []), short))
        return min((name for name in found if name is not None), key=self.order.__getitem__, default=None)


def _add_heads(heads: dict[tuple[str, str], list[str]], words: str, name: str) -> None:
    """Index `name` under its type (of `words`) and every ending of the plain words before the type."""
    kind, head = _kind_and_head(words)
    for size in range(1, len(head) + 1):
        heads.setdefault((kind, head[-size:]), []).append(name)


def _abbreviated_keys(words: str) -> list[tuple[str, str]]:
    """(type, plain head) of the names `words` may abbreviate (长沙经开区: 经济技术开发区, 长沙)."""
    kind, head = _kind_and_head(words)
    return [(long_kind, head) for long_kind in _abbreviated_kinds().get(kind, ())] if head else []


def _same_kind_key(words: str) -> list[tuple[str, str]]:
    """(type, plain head) of `words` itself: the key of longer names of its own type."""
    kind, head = _kind_and_head(words)
    return [(kind, head)] if kind and head else []


def _kind_and_head(words: str) -> tuple[str, str]:
    """A name's type and the plain words before it (长沙经开区: 经开区, 长沙); no type: the plain name."""
    kind = _suffix_of(words)
    return kind, _plain(words[: len(words) - len(kind)])


def _first_longer(names: list[str], short: str) -> str | None:
    """The first of `names` (longest first) longer than `short` that `short` is an alias of."""
    for name in names:
        if len(name) <= len(short):
            return None
        if _is_alias(short, name):
            return name
    return None


_PLACE_OPENING = 7  # characters of a place and its suffix a name may open with (_PLACE_HEAD: 1 to 6, then the suffix)


@lru_cache(maxsize=1)
def _abbreviated_kinds() -> dict[str, tuple[str, ...]]:
    """A short type word -> the types it abbreviates (经开区 -> 经济技术开发区)."""
    kinds: dict[str, list[str]] = {}
    for long_kind, shorts in lexicon()["abbreviations"].items():
        for short in shorts:
            kinds.setdefault(short, []).append(long_kind)
    return {short: tuple(longs) for short, longs in kinds.items()}


def _merged_definitions(canonical: dict[str, str], defined: dict[str, str]) -> dict[str, str]:
    """canonical, each definition (other name: the name defined) applied in turn: every name whose zone is
    the other name's zone, or the other name, takes the defined name's zone. Names of one zone are kept
    together and relabelled at once, not rewritten name by name for each definition."""
    parents: dict[str, str] = {}  # a zone -> the zone it was merged into (union-find over zones)

    def root(zone: str) -> str:
        while parents.get(zone, zone) != zone:
            parents[zone] = parents.get(parents[zone], parents[zone])
            zone = parents[zone]
        return zone

    labels: dict[str, str] = {zone: zone for zone in canonical.values()}  # a root -> the zone its names now take
    roots: dict[str, str] = {zone: zone for zone in canonical.values()}  # a zone taken -> its root
    for name, first in defined.items():
        if canonical and name not in canonical:
            raise KeyError(name)
        target = labels[root(canonical[first])] if first in canonical else first
        for zone in dict.fromkeys((labels[root(canonical[name])] if canonical else name, name)):
            if zone == target or zone not in roots:
                continue
            moved = roots.pop(zone)
            if target in roots:
                parents[moved] = roots[target]
            else:
                roots[target] = moved
                labels[moved] = target
    return {other: labels[root(zone)] for other, zone in canonical.items()}


def _whole_of(short: str, long: str) -> bool:
    """全省产业园区 is 贵州省产业园区, 全市工业区 is 上海工业区: the zones of a whole place, in a report
    naming that place's zones (the same words after a place whose name ends as the anchor does)."""
    anchor = group_anchor(short)
    if anchor is None:
        return False
    rest = short[len(anchor) :]
    if not rest or not long.endswith(rest) or len(long) == len(rest):
        return False
    place = long[: -len(rest)]
    names = (place,) if place in gazetteer() or place_like(place) else short_forms().get(place, ())
    return any(name.endswith(anchor[-1]) for name in names)


def _abbreviates(short: str, long: str) -> bool:
    """鹤翔经开区 -> 鹤翔经济技术开发区, 杉溪经开区 -> 广西杉溪经济技术开发区: a short type word
    after the same name (or the end of it); 临巢经开区 -> 临江巢山经济开发区, 临江金湾出口加工区 ->
    临江南岸金湾出口加工区: the same type (or its short word) after the name's initials."""
    short_type, long_type = _suffix_of(short), _suffix_of(long)
    if not short_type or (short_type != long_type and short_type not in lexicon()["abbreviations"].get(long_type, ())):
        return False
    short_head, long_head = _plain(short[: -len(short_type)]), _plain(long[: -len(long_type)])
    return bool(short_head) and (long_head.endswith(short_head) or _initials_of(short_head, long_head))


def _initials_of(short: str, long: str) -> bool:
    """青巢 of 青禾巢山, 云岭金湾 of 云岭南岸金湾: a name shortened to the initials of its two-character words, or
    to its two ends (two characters or more each) with its middle left out. Any other characters of it name
    another zone (青谷 beside 青禾山谷), and a plain prefix (临江 of 临江南岸) a wider place, not the zone.

    >>> _initials_of("临巢", "临江巢山"), _initials_of("临江", "临江南岸"), _initials_of("巢山", "临江巢山")
    (True, False, False)
    >>> _initials_of("临江金湾", "临江南岸金湾"), _initials_of("临山", "临江巢山"), _initials_of("青谷", "青禾山谷")
    (True, False, False)
    """
    if len(short) < 2 or len(short) >= len(long) or short[0] != long[0] or long.startswith(short):
        return False
    if any(long.startswith(short[:size]) and long.endswith(short[size:]) for size in range(2, len(short) - 1)):
        return True  # 云岭金湾 of 云岭南岸金湾
    initials = iter(long[::2]) if len(long) % 2 == 0 else iter(())
    return all(character in initials for character in short)  # 青巢 of 青禾巢山


@lru_cache(maxsize=4096)
def _suffix_of(name: str) -> str:
    for word in _type_words_longest_first():
        if word in name:
            return name[name.index(word) :]
    return name


@lru_cache(maxsize=4096)
def _type_ending(words: str) -> str | None:
    """The longest zone type `words` end with (经开区 of 全年经开区), or None; rejected words recur."""
    return next((word for word in _type_words_longest_first() if words.endswith(word)), None)


@lru_cache(maxsize=1)
def _type_words_longest_first() -> tuple[str, ...]:
    return tuple(entry["word"] for entry in sorted(lexicon()["types"], key=lambda entry: len(entry["word"]), reverse=True))


@lru_cache(maxsize=4096)
def _plain(name: str) -> str:
    """The name without mask characters, 市, 县 and the levels a city puts in a name (深圳国家高新区 is
    深圳高新区); names are compared pairwise: each is stripped once."""
    return _plain_pattern().sub("", name)


@lru_cache(maxsize=1)
def _plain_pattern() -> re.Pattern:
    return re.compile(rf"[{re.escape(lexicon()['mask_chars'])}市县]|{alternation(lexicon()['name_levels'])}")


class ZoneResolver:
    """The zones of one report, its subject, and which zone each offset is about."""

    _names: list[str]  # the zone in force from each switch point on (set by _set_points)

    def __init__(self, text: str, fallback_name: str, crosses_line: Callable[[int, int], bool] | None = None,
                 traditional: bool = False):
        self.text = text
        self._marks: dict[re.Pattern, list[int]] = {}  # offsets of each sentence-end pattern's marks, read once
        mentions, self.rejections = read_names(text, crosses_line, traditional)
        heading = heading_end(text)
        mentions = mark_parts(text, _shorten_to_known(mentions, heading))
        respective = respective_lists(text, mentions)
        series = semicolon_series(text, mentions)
        listed = {id(mention) for zones, _ in respective for mention in zones} | {id(mention) for mention in series.values()}
        asides = {mention.name for mention in mentions if _switching_kind(mention)}  # full names of short ones
        glossed = glossed_names(text, mentions)
        renamed: dict[str, str] = {}
        if any((mention.switches and mention.anchor != "whole") or mention.base for mention in mentions):
            # Sub-parks (光伏产业园) count only in a report that names no zone of a switching kind.
            kept = [mention for mention in mentions if mention.switches or mention.base or id(mention) in listed
                    or mention.name in glossed or mention.name in glossed.values()
                    or _opens_sentence(text, mention) or title_topic(text, mention, heading)
                    or mention.start < heading or listed_example(text, mention.end)]
            renamed = _earlier_names(mentions, kept)
            kept_ids = {id(mention) for mention in kept}
            mentions = [mention for mention in mentions if id(mention) in kept_ids or mention.name in renamed]
        defined = {**placed_groups(text, mentions, heading), **glossed, **defined_names(text, mentions),
                   **other_names(text, mentions), **renamed}
        canonical = self._canonical({mention.name for mention in mentions} | asides, defined)
        self._sub_parks_only = not any(mention.switches for mention in mentions)  # read once: _leads asks for every mention
        parents = self._parents(mentions, canonical)
        subject = _subject_mention(text, mentions, heading, self.rejections)
        bare_counts = _bare_subject_counts(text, self.rejections)  # read once: every subject rule below asks
        bare = _bare_subject(bare_counts)
        if subject is None and mentions and not bare \
                and not _own_place_of_another_level(mentions, self.rejections):
            subject = mentions[0]  # 一季度，全省开发区完成…, and no zone named nor spoken of by its type: the group
        self.main = canonical[subject.name] if subject else fallback_name
        aside = subject if subject and self._named_once_in_passing(subject, mentions, canonical, heading) \
            and bare else None
        if aside:
            self.main = fallback_name  # 开发区…，与临江的鹤翔经开区相比…，开发区完成投资: its own zone, unnamed
        elif subject and self._named_once_further_on(subject, mentions, canonical, heading) \
                and max(bare_counts.values(), default=0) >= lexicon()["bare_subject_times"]:
            self.main = fallback_name  # 开发区… (again and again) …鹤翔经开区…: its own zone, spoken of by its type
        if subject and _unnamed_zone_of_parts(text, heading, mentions, self.rejections):
            self.main = fallback_name  # 试验区一季度… then only its parks (格尔木工业园…): the unnamed zone's parts
        if subject and self._only_asides(mentions, heading) and bare:
            self.main = fallback_name  # 开发区…赴苏州工业园区考察…开发区完成投资: its own zone, unnamed, and another named in passing
        if self.main in parents:
            # The report is about the sub-zone (its title names it): the parent is how it speaks of it.
            canonical = {name: self.main if target == parents[self.main] else target for name, target in canonical.items()}
            del parents[self.main]
        self.zones: dict[str, Zone] = {}
        for mention in mentions:
            name = canonical[mention.name]
            zone = self.zones.setdefault(name, Zone(name, first=mention.start, parent=parents.get(name)))
            zone.mentions += 1
            if mention.name != zone.name:
                zone.aliases.add(mention.name)
        for zone in self.zones.values():
            zone.anonymized = is_masked(zone.name)
        together = named_together(text, mentions, canonical)
        switching = [mention for mention in mentions
                     if (mention.switches or canonical[mention.name] == self.main or self._leads(mention)
                         or _opens_sentence(text, mention))
                     and id(mention) not in listed and id(mention) not in together and mention is not aside
                     and not first_of_a_group(text, mention.end)]
        self._figures = {figure: canonical[mention.name] for figure, mention in series.items()}
        self._figures.update({figure: canonical[mention.name] for zones, figures in respective
                              for mention, figure in zip(zones, figures, strict=True)})
        members = {zone.name for zone in self.zones.values()
                   if not group_count_pattern().search(zone.name) and group_anchor(zone.name) is None}
        groups = members_together(text, len(members))
        for start, name in groups:
            self.zones.setdefault(name, Zone(name, first=start))
        points = self._switch_points(switching, canonical, crosses_line) + groups
        if self.main != fallback_name and not names_a_group_of_zones(self.main) and group_anchor(self.main) is None:
            points += [(start, self.main) for start in own_zone_references(text, self.main)]  # 我园排名第一，完成税收…
        self._set_points(points)
        examples = self._example_groups(mentions)
        for start, _, name in examples:
            self.zones.setdefault(name, Zone(name, first=start))
        points += [point for example in examples for point in self._for_its_sentence(example)]
        self._set_points(points)
        picked = [point for mention in switching for point in self._picked_member(mention, canonical)]
        if picked:
            self._set_points(points + picked)
        breakdown = {**places_counted_in_a_group(text, self.zone_at), **places_picked_from_a_group(text, self.zone_at)}
        for figure, name in breakdown.items():
            self._figures.setdefault(figure, name)  # 杉溪县21个、白鹭县11个分别居全市前三位
            self.zones.setdefault(name, Zone(name, first=figure))
        self.named = bool(self.zones)
        if self.main not in self.zones:  # no zone named, or only a whole place's zones after the heading
            aliases = set(bare) if self.main == fallback_name else set()
            if not aliases and self.main == fallback_name:
                aliases = set(_title_short_name(text, heading))
            placed = next((_placed_subject(text, heading, alias) for alias in aliases), None)
            if not placed and not aliases and not mentions:
                # 三大工业园区共有投产企业69户, 12个区县示范工业园区签约项目…: those parks together
                placed = _ranked_group(text, self.rejections) or _counted_group(text, self.rejections)
            if placed:  # 临江县：工业园区项目建设提速: the place's zone, under its own name
                self._names = [placed if name == self.main else name for name in self._names]
                self.main = placed
            if self.main == fallback_name and not aliases:
                aliases = _bare_word_opening_clauses(text, self.rejections)  # 园区实现…。园区引进…: what it calls itself
            self.zones[self.main] = Zone(self.main, aliases=aliases)
        for zone in self.zones.values():
            zone.aliases |= own_place_names(text, zone.name)

    def _only_asides(self, mentions: list[Mention], heading: int) -> bool:
        """Whether every zone named is named in passing (visited, compared with, quoted): none opens a
        clause or the heading as what the report speaks of."""
        return not any(mention.switches or mention.start < heading or _opens_sentence(self.text, mention)
                       or title_topic(self.text, mention, heading) or self._leads(mention)
                       for mention in mentions)

    def _named_once_in_passing(self, subject: Mention, mentions: list[Mention], canonical: dict[str, str], heading: int) -> bool:
        """Whether the zone taken for the subject is named once, inside a phrase (right after a character
        no name holds: 的, 从, 在 …), neither in the heading, nor a title's topic, nor opening a clause:
        another zone named in passing, not the one the report speaks of."""
        text, start = self.text, subject.start
        if start == 0 or text[start - 1] not in lexicon()["stop_chars"] or text[start - 1] in SEPARATORS or start < heading:
            return False  # most subjects: a heading's, or opening the text or a clause
        named = sum(canonical[mention.name] == canonical[subject.name] for mention in mentions)
        return named == 1 and not title_topic(text, subject, heading) and not opens_clause(text, start)

    def _named_once_further_on(self, subject: Mention, mentions: list[Mention], canonical: dict[str, str],
                               heading: int) -> bool:
        """Whether the zone taken for the subject is named once, after the first sentence of the body,
        and neither in the heading nor as a title's topic."""
        text, start = self.text, subject.start
        first_end = min((end for end in (text.find(mark, heading + 1) for mark in "。！？!?") if end != -1), default=len(text))
        if start < first_end:
            return False  # most subjects: named in the heading or the first sentence
        named = sum(canonical[mention.name] == canonical[subject.name] for mention in mentions)
        return named == 1 and not title_topic(text, subject, heading)

    def _leads(self, mention: Mention) -> bool:
        """In a report naming only sub-park kinds (格尔木工业园；德令哈工业园…), each that opens a
        clause is the zone of the figures after it."""
        return self._sub_parks_only and opens_clause(self.text, mention.start)

    def _switch_points(self, switching: list[Mention], canonical: dict[str, str], crosses_line) -> list[tuple[int, str]]:
        """(offset, zone) where the zone the figures are about changes: mentions, headings and short
        names that speak of a zone again, and the ends of listed lines."""
        text = self.text
        points = [(mention.start, canonical[mention.name]) for mention in switching]
        spans = [(mention.start, mention.end, canonical[mention.name]) for mention in switching]
        points += [(start, self.main) for start in subject_references(text, self.rejections)]
        points += sub_park_ends(text, switching, self.main)
        named = {mention.start for mention in switching}  # 全区13家经开区 is a group's own name
        points += [(start, self.main) for start in whole_zone_references(text, self.main) if start not in named]
        points += self._type_references(spans)
        shorts = {short: canonical[name] for short, name in defined_types(text, switching).items()}
        points += [(rejection.start, shorts[rejection.text]) for rejection in self.rejections
                   if rejection.text in shorts and opens_clause(text, rejection.start)]
        return points + line_item_returns(text, spans, self.main, crosses_line)

    def _type_references(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
        """The subject's type alone opening a clause (after a date at most) after a zone of another kind
        was spoken of (其中，青禾医药产业园营收…。全年开发区新增…): the report's subject again."""
        spoken = sorted(spans)
        starts = [start for start, _, _ in spoken]
        points = []
        for start, kind in _bare_types(self.rejections) + _short_types(self.text):
            before = bisect.bisect_left(starts, start)  # the cheap tests first, the clause's start last
            if before and _same_kind(kind, self.main) and not _same_kind(kind, spoken[before - 1][2]) \
                    and opens_clause(self.text, start):
                points.append((start, self.main))
        return points

    def _example_groups(self, mentions: list[Mention]) -> list[tuple[int, int, str]]:
        """(start, end, name) of each group a zone (or a list of zones) is named as an example
        of (鹤翔科学园区、青禾科学园区等三大科学园区，营业额为…): the figures after it in its sentence are the
        group's sums, not the examples' nor the subject's."""
        found: dict[int, tuple[int, int, str]] = {}
        pattern, reach = example_group_pattern(), lexicon()["example_group_reach"]
        for mention in mentions:
            group = pattern.match(self.text, mention.end, mention.end + reach)
            if group:
                found.setdefault(group.start(), (group.start() + 1, group.end(), group.group()[1:]))
        return list(found.values())

    def _for_its_sentence(self, example: tuple[int, int, str]) -> list[tuple[int, str]]:
        """A group's switch point, and the zone spoken of before it again where its sentence ends, unless
        another zone is named before that."""
        start, end, name = example
        stop = self._end_before_another_zone(start, end, SENTENCE_ENDS)
        return [(start, name)] if stop is None else [(start, name), (stop, self.zone_at(start))]

    def _picked_member(self, mention: Mention, canonical: dict[str, str]) -> list[tuple[int, str]]:
        """A zone singled out of what was just spoken of (全省开发区实现…。其中临江经开区突破…。实现税收…) holds the
        figures of its own sentence only: where that sentence ends, the zone spoken of before it again, unless
        another zone is named before that."""
        if not picked_before(self.text, mention.start):
            return []
        before = self.zone_at(mention.start - 1)
        if before == canonical[mention.name]:
            return []
        stop = self._end_before_another_zone(mention.start, mention.end, FULL_STOPS)
        if stop is None or not self.text[mention.end : stop].strip(HEADING_TAIL):
            return []  # 其中：青禾经开区 on a line of its own heads the lines after it, its figures
        return [(stop, before)]

    def _end_before_another_zone(self, named: int, after: int, ends: re.Pattern) -> int | None:
        """Where the sentence going on after `after` ends (a mark of `ends`, else the report's end), None if
        another zone is named (after `named`) before that."""
        marks = self._marks.get(ends)
        if marks is None:  # read once a report: looking from each of many zones on to the end is quadratic
            marks = self._marks[ends] = [match.start() for match in ends.finditer(self.text)]
        index = bisect.bisect_left(marks, after)
        stop = marks[index] if index < len(marks) else len(self.text)
        index = bisect.bisect_right(self._starts, named)
        return None if index < len(self._starts) and self._starts[index] <= stop else stop

    def _set_points(self, points: list[tuple[int, str]]) -> None:
        points = sorted(points)
        self._starts = [start for start, _ in points]
        self._names = [name for _, name in points]

    @staticmethod
    def _canonical(names: set[str], defined: dict[str, str]) -> dict[str, str]:
        """Each name -> the longest name it is an alias of; masked-only names -> the masked zone; a name
        the report defines as another's (以下简称) -> that name's zone."""
        canonical: dict[str, str] = {}
        specific = sorted((name for name in names if not _masked_only_name(name)), key=lambda name: (-len(name), name))
        index = _AliasIndex(specific)
        for name in specific:
            longer = index.first_alias(name)
            canonical[name] = canonical.get(longer, longer) if longer else name
        masked_full = [name for name in specific if is_masked(name)]
        for name in names - set(specific):  # XX开发区 -> XX经济开发区, not a sub-park XX医药产业园区
            kin = [full for full in masked_full if _same_kind(name, full)]
            canonical[name] = kin[0] if kin else name
        for short, full in lexicon()["named_abbreviations"].items():
            if short in canonical:  # 南科 -> 南部科学园区, the zone of the full name or of one it abbreviates
                longer = index.first_alias(full)
                canonical[short] = canonical.get(full) or (canonical[longer] if longer else full)
        return _merged_definitions(canonical, defined)

    @staticmethod
    def _parents(mentions: list[Mention], canonical: dict[str, str]) -> dict[str, str]:
        """Sub-zone -> the zone it lies in: the report's zone whose name is the sub-zone's base."""
        parents: dict[str, str] = {}
        plains: dict[str, list[str]] = {}  # a plain name -> the names written so, in order
        for mention in mentions:
            if not mention.base:
                continue
            if not plains:
                for other in canonical:
                    plains.setdefault(_plain(other), []).append(other)
            named = [canonical[other] for other in plains.get(_plain(mention.base), []) if other != mention.name]
            parents[canonical[mention.name]] = named[0] if named else mention.base
        return parents

    def zone_at(self, offset: int) -> str:
        """The zone a figure at `offset` is about: the last zone named before it, else the subject."""
        if offset in self._figures:
            return self._figures[offset]  # A、B分别为36家、14家
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._names[index] if index >= 0 else self.main

    def used(self, names: set[str]) -> list[Zone]:
        """Zones that carry rows, plus the report's subject unless the report lists other zones with rows
        (two or more) and gives its first-named zone none: a listing, not a report about that zone. A report
        that names no zone of its own and gives that unnamed zone no rows (a file's preface before its 第1篇,
        a meeting's note on one named park's figures) has no zone of its own to list."""
        listing = len(names & set(self.zones) - {self.main}) >= 2
        unnamed_and_empty = self.main.startswith(UNNAMED_ZONE_OPENING) and self.main not in names
        return [zone for name, zone in self.zones.items()
                if name in names or (name == self.main and not listing and not unnamed_and_empty)]


def own_place_names(text: str, name: str) -> set[str]:
    """全省100个产业园区 → 贵州省100个产业园区, 市工业园区 → 来宾市工业园区: a whole place's zones, or a
    city's or county's own zone named by its admin word, under the name of the report's own place of that
    level: the one whose name (or short form) the report writes most often, the first on a tie."""
    anchor = group_anchor(name) or (name[0] if name[:1] in lexicon()["own_admin"] and _type_ending(name[1:]) == name[1:]
                                    else None)
    level = lexicon()["anchor_levels"].get(anchor or "")
    if level is None or anchor is None:
        return set()
    written = Counter(place for place in places_in(text)
                      if place not in name and [row["level"] for row in gazetteer()[place]] == [level])
    if not written:
        written = _places_by_short_form(text, level)  # 湖南园区…，全省园区实现…: the place written short only
    if not written:
        return set()
    places = [place for place, _ in written.most_common(OWN_PLACE_CANDIDATES)]  # in order of first writing on a tie
    place = max(places, key=lambda place: text.count(short_form(place) or place))  # max keeps the first on a tie
    return {place + name[len(anchor):]}


OWN_PLACE_CANDIDATES = 12  # places (most written in full first) whose short forms are counted too: a long text names hundreds


def _places_by_short_form(text: str, level: str) -> Counter[str]:
    """How often each place of a level is written by its short form (湖南 for 湖南省, 临江 for 临江市): a short
    form naming no other place of that level says which place 全省 or 全市 is when the full name is never
    written; a short form shared with another place of the level (吉林) counts for neither."""
    counts: Counter[str] = Counter()
    for place, short in _short_forms_of_level(level):
        found = text.count(short)
        if found:
            counts[place] = found
    return counts


@lru_cache(maxsize=8)
def _short_forms_of_level(level: str) -> tuple[tuple[str, str], ...]:
    """(place, its short form) for each place of the level whose short form stands for it alone."""
    pairs = []
    for place, rows in gazetteer().items():
        short = short_form(place)
        if short and [row["level"] for row in rows] == [level] and short_forms().get(short) == (place,):
            pairs.append((place, short))
    return tuple(pairs)


def _earlier_names(mentions: list[Mention], kept: list[Mention]) -> dict[str, str]:
    """丰城工业园 … 江西丰城高新技术产业园区获批: a sub-park kind after a place alone, in a report whose
    only zone of a switching kind after that place is another, is that zone under its earlier or
    plainer name (an alias), not a sub-park dropped."""
    switching = [mention for mention in kept if mention.switches and mention.anchor == "place"]
    plain_switching = [(_plain(zone.proper), zone.name) for zone in switching]
    kept_ids = {id(mention) for mention in kept}
    zones_after: dict[str, set[str]] = {}  # a place -> the switching zones named after it (a report repeats its places)
    earlier: dict[str, str] = {}
    for mention in mentions:
        if id(mention) in kept_ids or _switching_kind(mention) or mention.anchor != "place" \
                or not _a_place_alone(mention.proper):
            continue
        place = _plain(mention.proper)
        if place not in zones_after:
            zones_after[place] = {name for plain, name in plain_switching if plain.endswith(place)}
        zones = zones_after[place]
        if len(zones) == 1 and mention.name not in earlier:
            earlier[mention.name] = next(iter(zones))
    return earlier


def _a_place_alone(proper: str) -> bool:
    """丰城 (a place of the gazetteer or its short form), not 丰城陶瓷 (a place and the park's own words)."""
    return proper in gazetteer() or proper in short_forms()


def _bare_subject(counts: Counter[str]) -> list[str]:
    """上半年，经开区规上工业…, 1-10月，示范区规上工业…: the zone type (or zones.yaml bare_subjects word)
    a report that names no zone speaks of its zone by, standing alone at a clause start (after a date at
    most); the most frequent one, as an alias of the unnamed zone."""
    return [counts.most_common(1)[0][0]] if counts else []


def _bare_subject_counts(text: str, rejections: list[Rejection]) -> Counter[str]:
    """How often each zone type (or bare_subjects word) stands alone for the report's own zone."""
    kinds = sorted((kind for kind, switches in switching().items() if switches), key=len, reverse=True)
    counts: Counter[str] = Counter(
        match.group() for match in words_pattern("bare_subjects").finditer(text) if opens_clause(text, match.start())
    )
    for rejection in rejections:
        if rejection.reason == "no_name" and rejection.text in kinds:
            counts[rejection.text] += 1
        elif rejection.reason == "date":
            counts.update(next(([kind] for kind in kinds if rejection.text.endswith(kind)), []))
    return counts


def _subject_mention(text: str, mentions: list[Mention], heading: int, rejections: list[Rejection]) -> Mention | None:
    """The mention naming the report's subject, by rank: a zone a title is about (关于…), a zone of a
    switching kind the heading names, any zone the heading names, a whole place's zones the body opens with
    under a title naming their type alone (一季度产业集聚区… / 全省产业集聚区实现…), a zone the opening sentence says was
    visited (…到鹤翔产业园调研), the first zone outside a list and outside brackets, a whole place's zones
    opening a clause where every zone named is listed (全市共有A（甲园）、B等11个工业园区…全市工业园区实现…),
    the first zone but a whole place's (全市产业集聚区 is the subject only when the heading names it or
    no zone is named on its own).
    A rank is read only when those before it name none. A group of zones right before a zone's name
    (浙江重点园区鹤翔经济开发区) describes that zone: it is no subject."""
    starts = {mention.start for mention in mentions}
    mentions = [mention for mention in mentions if not (mention.anchor == "group" and mention.end in starts)]
    headed = [mention for mention in mentions if mention.start < heading]
    ranks = (
        (mention for mention in mentions if title_topic(text, mention, heading)),
        (mention for mention in headed if mention.switches),
        headed,
        _whole_under_a_bare_title(mentions, heading, rejections),
        _visited_in_opening(text, mentions, heading),
        (mention for mention in mentions if mention.anchor != "whole" and not _in_a_list(text, mention)
         and not in_brackets(text, mention.start)),
        _whole_beside_listed_zones(text, mentions),
        (mention for mention in mentions if mention.anchor != "whole"),
    )
    return next(chain.from_iterable(ranks), None)


def _whole_under_a_bare_title(mentions: list[Mention], heading: int, rejections: list[Rejection]) -> list[Mention]:
    """豫首季产业集聚区主营收5071亿元 / 一季度，全省产业集聚区实现…: a title naming a zone type alone (after a
    date at most), then a body whose first zone is a whole place's zones of that type: those zones together
    are what the report is about, not a zone its breakdown names later (分市看，临江市产业集聚区…)."""
    titled = {_type_ending(rejection.text) for rejection in rejections
              if rejection.start < heading and rejection.reason in ("no_name", "date")}
    first = next((mention for mention in mentions if mention.start >= heading), None)
    return [first] if first is not None and first.anchor == "whole" and first.kind in titled else []


def _whole_beside_listed_zones(text: str, mentions: list[Mention]) -> list[Mention]:
    """全市共有A（甲园）、B等11个工业园区…全市工业园区实现…: a whole place's zones opening a clause, in a
    report that names zones, and all of them in lists or brackets (asked only when so): their group."""
    if all(mention.anchor == "whole" for mention in mentions):
        return []  # 我县产业集聚区…，全市产业集聚区…: no zone named, the whole place's zones are compared with
    return [mention for mention in mentions if mention.anchor == "whole" and opens_clause(text, mention.start)]


def _visited_in_opening(text: str, mentions: list[Mention], heading: int) -> list[Mention]:
    """县委书记在青禾工业园主任陪同下到鹤翔产业园调研: a zone after a word of going (zones.yaml visit_to)
    and before a verb of inspecting, in the body's first sentence, where every zone named before it is
    an official's post (qualified_nouns), is the visited zone a news report of the visit is about."""
    words = lexicon()
    opening = SENTENCE_REST.match(text, heading)
    assert opening is not None  # the sentence pattern also matches the empty string
    reach = words["visit_reach"] + max(len(verb) for verb in words["visit_verbs"])
    going, posts = word_tuple("visit_to"), word_tuple("qualified_nouns")
    for mention in mentions:
        if mention.start < heading:
            continue
        if mention.end > opening.end():
            return []  # past the opening sentence
        after = text[mention.end : mention.end + reach]
        if text.endswith(going, 0, mention.start) and any(verb in after for verb in words["visit_verbs"]):
            return [mention]
        if not text.startswith(posts, mention.end):
            return []  # a zone of the sentence's own before any visited: the visitors'
    return []


TITLE_SHORT_NAME = re.compile(rf"[ \t\u3000]*(?P<name>[{CJK}]{{1,3}}区)")


def _title_short_name(text: str, heading: int) -> list[str]:
    """汽开区上半年经济平稳发展 … 上半年，汽开区地区生产总值…: a short name ending in 区, no place of the
    gazetteer, that opens the title before a period and opens a clause of the body again: the name the
    report speaks of its zone by."""
    found = TITLE_SHORT_NAME.match(text, 0, heading)
    if found is None or found["name"] in gazetteer() or not period_head().match(text, found.end()):
        return []
    name = found["name"]
    again = text.find(name, heading)
    while again != -1:
        if opens_clause(text, again):
            return [name]
        again = text.find(name, again + len(name))
    return []


def _placed_subject(text: str, heading: int, kind: str) -> str | None:
    """临江县：工业园区项目建设提速, 临江县委书记调研开发区: a report that speaks of its zone only by its
    type, after a county's or city's name in its heading or in the sentence first speaking of it, or in a county's own
    report (its heading names the county, 淇县2023年政府工作报告), is about that place's zone (临江县工业园区); None when
    no such place comes before the type."""
    if kind not in switching():
        return None  # 示范区, 试验区: no zone type a place's name makes a name of
    first = text.find(kind)
    start = 0 if first < heading else max(text.rfind(mark, 0, first) for mark in SENTENCE_OPENERS) + 1
    places = [place for place in places_in(text, start, first)
              if any(row["level"] in ("city", "county") for row in gazetteer()[place])]
    if not places and first >= heading:
        # 淇县2023年政府工作报告…产业集聚区实现主营业务收入…: a county's own report speaks of its one zone by its type
        places = [place for place in places_in(text, 0, heading)
                  if all(row["level"] == "county" for row in gazetteer()[place])]
    return places[-1] + kind if places else None


def picked_before(text: str, start: int) -> bool:
    """Whether a name comes right after a word singling one member out of a set (其中, 其中，)."""
    head = text[max(0, start - PICKED_REACH) : start].rstrip("，,：: ")
    return head.endswith(word_tuple("picked_openers"))


PICKED_REACH = 4  # characters before a name the word singling it out may take, with its comma
HEADING_TAIL = "：:，, \t\u3000"  # what may follow a zone singled out on a line of its own (其中：青禾经开区：)

SUM_REACH = 2  # characters between a group and the word saying its figure is a sum (三个园区的总营业额)


@lru_cache(maxsize=1)
def _members_pattern() -> re.Pattern:
    """A small count (三个, 3大, 两家) and level words right before a zone type: a group of zones."""
    words = lexicon()
    return re.compile(rf"(?P<count>\d{{1,2}}+|[两二三四五六七八九十])(?:个|家|大|座)(?:{'|'.join(words['group_levels'])})*"
                      rf"(?P<type>{'|'.join(entry['word'] for entry in words['types'])})")


def members_together(text: str, named: int) -> list[tuple[int, str]]:
    """(offset, name) of each group counting as many zones as the report names, followed by a word of
    summing (三个科学园区的总营业额… in a report on 竹科, 中科 and 南科): those zones together, whose figures
    are their sums, not the last one's."""
    if named < 2:
        return []
    found = []
    sums = word_tuple("sum_words")
    for match in _members_pattern().finditer(text):
        count = match["count"]
        summed = any(text.startswith(sums, position) for position in range(match.end(), match.end() + SUM_REACH + 1))
        if summed and (int(count) if count.isdigit() else parse_chinese(count)) == named:
            found.append((match.start(), match.group()))
    return found


def places_counted_in_a_group(text: str, zone_at: Callable[[int], str]) -> dict[int, str]:
    """{offset of a count: its place's zones} for places listed with their counts before 分别/依次 where a
    group of a place's zones is spoken of (鹤翔市9个产业园区…从新开工项目看，杉溪县21个、白鹭县11个分别居全市
    前三位): each place stands for its own zones of the group's type (杉溪县产业园区), and a zone type alone
    (高新区15个) for the zone of that type, not for the group.
    Every item of the list is a place or a zone's short name with its count, or the list is left alone."""
    found: dict[int, str] = {}
    for cue in words_pattern("respectively").finditer(text):
        group = zone_at(cue.start())
        kind = _type_ending(group) if names_a_group_of_zones(group) else None
        if not kind:
            continue
        head = text[max(0, cue.start() - MEMBER_LIST_REACH) : cue.start()]
        clause = max(head.rfind(mark) for mark in "，,。；;：:\n")
        offset = cue.start() - len(head) + clause + 1
        matches = [_COUNTED_ITEM.fullmatch(item) for item in head[clause + 1 :].split("、")]
        items = [item for item in matches if item]
        if len(items) < 2 or len(items) < len(matches) \
                or not all(_a_listed_place(item["name"]) or item["name"] in switching() for item in items):
            continue
        for item in items:  # a zone type alone among the places (高新区32个) is the place's zone of that type
            found[offset + item.start("count")] = item["name"] + kind if _a_listed_place(item["name"]) else item["name"]
            offset += len(item.group()) + 1
    return found


def _a_listed_place(name: str) -> bool:
    """临江市, 安县: a place of the gazetteer, or a short name ending in an admin suffix (a county
    renamed since, 安县) that is no zone type (高新区), as an item of a list of places."""
    return name in place_names() or (len(name) <= 4 and name[-1] in LISTED_PLACE_SUFFIXES and name not in switching())


def places_picked_from_a_group(text: str, zone_at: Callable[[int], str]) -> dict[int, str]:
    """{offset of a figure: its place's zones} for a place opening a clause after 其中 where a whole or
    counted group of zones is spoken of (有7个省辖市的产业集聚区增速快于全省，其中临江市达到
    31.5%): the place's own zones of the group's type (临江市产业集聚区) hold the clause's figures."""
    found: dict[int, str] = {}
    for cue in _PICKED_PLACE.finditer(text):
        group = zone_at(cue.start())
        if not (names_a_group_of_zones(group) or group_anchor(group) is not None):
            continue
        kind = _type_ending(group)
        place = next((name for name in places_in(text, cue.end(), cue.end() + PICKED_PLACE_REACH)
                      if text.startswith(name, cue.end())), None)
        if not kind or place is None or type_pattern().match(text, cue.end() + len(place)) \
                or text.startswith(word_tuple("definition_joins"), cue.end() + len(place)):
            continue  # 其中临江市产业集聚区…: a zone named in full reads as such; 其中临江市、鹤翔县…: a list
        end = next((index for index in range(cue.end(), min(len(text), cue.end() + PICKED_CLAUSE_REACH))
                    if text[index] in CLAUSE_MARKS), min(len(text), cue.end() + PICKED_CLAUSE_REACH))
        for figure in FIGURE.finditer(text, cue.end() + len(place), end):
            found[figure.start()] = place + kind
    return found


_PICKED_PLACE = re.compile(r"其中[，,]?")
PICKED_PLACE_REACH = 9  # characters after 其中 a place's name may end in
PICKED_CLAUSE_REACH = 40  # characters of the clause the place's figures stand in
LISTED_PLACE_SUFFIXES = "市县区旗"
MEMBER_LIST_REACH = 60  # characters back from 分别 to the start of the listed places' clause
_COUNTED_ITEM = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,8}?)(?P<count>\d{1,5}(?:\.\d+)?)(?:个|家|户|项|亿元|万元)")


def _ranked_group(text: str, rejections: list[Rejection]) -> str | None:
    """2005年末，三大工业园区共有投产企业69户: in a report naming no zone and no type alone, a few big
    parks counted by rank (zones.yaml group_ranks) opening a clause are the zones it reports on together."""
    ranked = _ranked_pattern()
    for rejection in rejections:
        if rejection.reason == "ordinal" and opens_clause(text, rejection.start):
            kind = _type_ending(rejection.text)
            if kind and switching().get(kind) and ranked.fullmatch(rejection.text, 0, len(rejection.text) - len(kind)):
                return rejection.text
    return None


def _counted_group(text: str, rejections: list[Rejection]) -> str | None:
    """据悉，12个区县示范工业园区建设…。12个区县示范工业园区签约项目…: in a report naming no zone and no
    type alone, parks counted by a number (zones.yaml group_count) before a switching type, opening clauses
    again and again (group_subject_times), are the zones it reports on together; the most written first."""
    counts: Counter[str] = Counter()
    count = counted_pattern()  # a group's count ending right where the words of its name begin (12个|区县示范工业园区)
    for rejection in rejections:
        kind = _type_ending(rejection.text)
        if rejection.reason not in ("generic", "no_name") or not kind or not switching().get(kind):
            continue
        found = count.search(text, max(0, rejection.start - GROUP_COUNT_REACH), rejection.start)
        if found and opens_clause(text, found.start()):
            counts[found.group() + rejection.text] += 1
    return _written_again(counts)


def _written_again(counts: Counter[str]) -> str | None:
    """The most written of `counts` (the first on a tie), if written group_subject_times or more."""
    name, times = max(counts.items(), key=lambda item: item[1], default=("", 0))  # max keeps the first on a tie
    return name if times >= lexicon()["group_subject_times"] else None


GROUP_COUNT_REACH = 8  # characters of a group's count (120余个, 一百二十个) before the words of its name


@lru_cache(maxsize=1)
def _ranked_pattern() -> re.Pattern:
    """A rank of a few big ones and level words (三大, 四大重点): what stands before the type of a ranked group."""
    return re.compile(rf"(?:{lexicon()['group_ranks']})(?:{'|'.join(lexicon()['group_levels'])})*")


def _unnamed_zone_of_parts(text: str, heading: int, mentions: list[Mention], rejections: list[Rejection]) -> bool:
    """A heading that speaks of its zone by a bare word (试验区, 经开区) opening it, in a report naming only
    parks of sub-park kinds: those parks are parts of the unnamed zone, which holds the figures before them."""
    if any(_switching_kind(mention) for mention in mentions):
        return False
    first = min(mention.start for mention in mentions)
    kinds = {kind for kind, switches in switching().items() if switches}
    bare = [match.start() for match in words_pattern("bare_subjects").finditer(text, 0, heading)]
    bare += [rejection.start for rejection in rejections if rejection.reason == "no_name" and rejection.text in kinds]
    return any(start < min(heading, first) and opens_clause(text, start) for start in bare)


def _bare_word_opening_clauses(text: str, rejections: list[Rejection]) -> set[str]:
    """{园区} for a report naming no zone that opens clauses on a zone type alone again and again (园区实现…。
    园区引进…, group_subject_times or more), any type, sub-park kinds too: the word it calls its zone by, the
    most written."""
    counts = Counter(rejection.text for rejection in rejections
                     if rejection.reason == "no_name" and _type_ending(rejection.text) == rejection.text
                     and opens_clause(text, rejection.start))
    word = _written_again(counts)
    return {word} if word else set()


def _bare_types(rejections: list[Rejection]) -> list[tuple[int, str]]:
    """(offset, type) of each zone type standing alone (经开区) or after a date only (全年开发区)."""
    bare = []
    for rejection in rejections:
        if rejection.reason not in ("no_name", "date"):
            continue  # most rejections: no type of their own to look up
        kind = _type_ending(rejection.text)
        if kind and switching()[kind] and (rejection.reason == "no_name" and rejection.text == kind or rejection.reason == "date"):
            bare.append((rejection.end - len(kind), kind))
    return bare


def _short_types(text: str) -> list[tuple[int, str]]:
    """(offset, type) of each short word a report speaks of its zone's type by (集聚区 for
    产业集聚区, zones.yaml short_types); the caller keeps those of the subject's kind that open a clause."""
    shorts = lexicon()["short_types"]
    return [(match.start(), shorts[match.group()]) for match in words_pattern("short_types").finditer(text)]


def _own_place_of_another_level(mentions: list[Mention], rejections: list[Rejection]) -> bool:
    """我县产业集聚区…，全市产业集聚区…: the report speaks of its own place's zones (我县, 本市) at another
    level than the whole group it names, which it compares them with (我省开发区 is 全省开发区)."""
    levels = {mention.name[1] for mention in mentions if mention.anchor == "whole"}
    own = {rejection.text[1] for rejection in rejections
           if rejection.reason == "generic" and OWN_PLACE.match(rejection.text)}
    return bool(own - levels)


def _in_a_list(text: str, mention: Mention) -> bool:
    """全市已建成鹤翔高新区、临江经开区等5个园区: a zone listed with others (、 or 等 beside it) is one of
    a place's zones counted, not the one the report goes on to speak of."""
    if text.startswith(("、", "等"), _past_a_gloss(text, mention.end)):
        return True  # A、, A等, A（甲园）、 and 甲园 of it
    join = next((word for word in lexicon()["definition_joins"] if text.endswith(word, 0, mention.start)), None)
    before = mention.start - len(join) if join else 0
    return join is not None and any(match.end() == before for match in
                                    type_pattern().finditer(text, max(0, before - 12), before))  # …、B和C


GLOSS_REACH = 16  # characters a bracketed gloss after a listed zone holds (钟山经济开发区（红桥新区）、)


def _past_a_gloss(text: str, end: int) -> int:
    """Where a list's separator would stand after a name: past the bracketed gloss it opens (A（甲园）、)
    or past the bracket it closes (甲园 of A（甲园）、)."""
    if text.startswith(("（", "("), end):
        closes = [found for found in (text.find("）", end, end + GLOSS_REACH), text.find(")", end, end + GLOSS_REACH))
                  if found != -1]
        return min(closes) + 1 if closes else end
    return end + 1 if text.startswith(("）", ")"), end) else end


def named_together(text: str, mentions: list[Mention], canonical: dict[str, str]) -> set[int]:
    """ids of the mentions of a list of zones (A、B和C完成投资…): figures after it are the zones' together,
    not the last one's, so none of them takes the figures that follow (分别 hands each its own)."""
    joins = lexicon()["definition_joins"]
    together: set[int] = set()
    for first, second in zip(mentions, mentions[1:], strict=False):
        if text[first.end : second.start] in joins and canonical[first.name] != canonical[second.name]:
            together |= {id(first), id(second)}
    return together


def _opens_sentence(text: str, mention: Mention) -> bool:
    """A park named by a place or proper name opening a sentence (…。白鹭园区新建孵化楼两栋…) is its topic,
    unless its clause speaks of a work in it (…。鹤翔西工业区供水工程已投入运行)."""
    head = text[max(0, mention.start - 6) : mention.start].rstrip(" \t\u3000")
    if mention.anchor not in ("place", "proper") or mention.base or (head and head[-1] not in SENTENCE_OPENERS):
        return False
    clause = CLAUSE_REST.match(text, mention.end, mention.end + CLAUSE_REACH)
    return not (clause and any(word in clause.group() for word in lexicon()["listed_project_nouns"]))


def _switching_kind(mention: Mention) -> bool:
    return switching()[mention.kind]


def resolve_zones(document, fallback_name: str) -> ZoneResolver:
    """The zones of a report (a loaders.document.Document), named zones read on its normalised text."""
    return ZoneResolver(document.text, fallback_name, joined_line_test(document.normalized), document.normalized.traditional)


@lru_cache(maxsize=4096)
def _same_kind(short: str, full: str) -> bool:
    """Whether a name's type is the other's or one of its short forms (开发区 of 经济开发区)."""
    short_type = _suffix_of(short)
    full_type = next((word for word in _type_words_longest_first() if word in full), full)  # before a tail (*分区)
    return short_type == full_type or short_type in lexicon()["abbreviations"].get(full_type, ())


def _masked_only_name(name: str) -> bool:
    prefix = name[: len(name) - len(_suffix_of(name))]
    return bool(prefix) and not prefix.strip(lexicon()["mask_chars"]).replace("X", "")


# ---- places and leading industries -------------------------------------------------

_LEADING = re.compile(r"(?P<count>[两二三四五六七八九十\d])大(?P<kind>主导|支柱|特色|优势|重点)?产业")
_LIST_START = re.compile(r"形成了?|确定了?|重点发展|发展|为|以|是|包括|围绕")  # no word of it holds a count (三, 大)
_SENTENCE_STOPS = re.compile("[。；\n]")
LEADING_REACH = 200  # characters from the word opening a list of industries to its count (…等四大主导产业)


def place_of(
    zone: str, text: str, start: int = 0, end: int | None = None, places: PlaceIndex | None = None
) -> dict[str, str | None]:
    """Province, city and county: from the zone's own name first, then the places its report names
    (`places`: the report's place index, when several zones of one report ask)."""
    found: dict[str, str | None] = {"province": None, "city": None, "county": None}
    if not gazetteer():
        return found
    named = places_in(zone)
    shorts = short_city_names()
    named += [shorts[zone[:size]] for size in (2, 3, 4) if zone[:size] in shorts and shorts[zone[:size]] not in named]
    in_text = (places or PlaceIndex(text)).between(start, end)
    for name in named + in_text:
        rows = gazetteer()[name]
        if len(rows) != 1:
            continue  # 鼓楼区: ambiguous without its parent
        row = rows[0]
        level = row["level"]
        if level == "county" and found["county"] is None and (name in zone or not named):
            found.update(county=name, city=found["city"] or row["city"], province=found["province"] or row["province"])
        elif level == "city" and found["city"] is None:
            if found["province"] in (None, row["province"]):
                found.update(city=name, province=found["province"] or row["province"])
        elif level == "province" and found["province"] is None:
            found["province"] = name
    section = text[start:end]
    if found["county"] is None and is_masked(zone):
        masked = re.search(r"([*＊]+[区县])", section)
        if masked:
            found["county"] = masked.group(1)
    if found["city"] is None and is_masked(zone):
        masked = re.search(r"([*＊]+市)", section)
        if masked:
            found["city"] = masked.group(1)
    return found


def industry_lists(text: str) -> list[tuple[int, int, list[str]]]:
    """Every listed set of 主导/支柱 industries (…等四大主导产业): (rank, offset, items), named kinds first.
    A list opens at the last listing word of its sentence (形成, 重点发展 …), within LEADING_REACH characters."""
    candidates = []
    stops: list[int] | None = None  # sentence ends, found once when a count of industries first needs them
    openings: dict[int, list[int]] = {}  # a sentence's start -> the ends of its listing words
    for match in _LEADING.finditer(text):
        stops = stops if stops is not None else [stop.start() for stop in _SENTENCE_STOPS.finditer(text)]
        index = bisect.bisect_left(stops, match.start())
        sentence_start = stops[index - 1] + 1 if index else 0
        if sentence_start not in openings:
            sentence_end = stops[index] if index < len(stops) else len(text)
            openings[sentence_start] = [found.end() for found in _LIST_START.finditer(text, sentence_start, sentence_end)]
        ends = openings[sentence_start]
        last = bisect.bisect_right(ends, match.start()) - 1
        if last < 0 or match.start() - ends[last] > LEADING_REACH:
            continue
        body = text[ends[last] : match.start()].rstrip("等")
        items = [item for item in re.split(r"、|和(?=[^、]*$)|以及", body) if item]
        if len(items) < 2 or any(len(item) > 16 for item in items):
            continue
        candidates.append((0 if match["kind"] else 1, match.start(), items))
    return candidates


def zone_id_of(name: str) -> str:
    """The zone_id a zone the resolver names gets in every table: that of its standard name (临江经开区 and
    临江经济技术开发区 are one zone)."""
    return zone_id_for(standard_name(name))


def zone_rows(resolver: ZoneResolver, doc_id: str, used_names: set[str], text: str) -> list[dict]:
    """One row per zone the report gives rows about (and its main zone), with places and industries
    read from the zone's own section: its first mention up to the next zone's first mention."""
    rows = []
    firsts = sorted(zone.first for zone in resolver.zones.values())
    lists: dict[str, list[tuple[int, int, list[str]]]] = {}  # a zone -> the lists of industries in its part
    for candidate in industry_lists(text) if resolver.named else []:
        lists.setdefault(resolver.zone_at(candidate[1]), []).append(candidate)
    places = PlaceIndex(text)
    for zone in resolver.used(used_names):
        following = bisect.bisect_right(firsts, zone.first)
        start, end = (zone.first, firsts[following] if following < len(firsts) else len(text)) \
            if len(resolver.zones) > 1 else (0, len(text))
        own_lists = lists.get(zone.name, [])
        name = standard_name(zone.name)
        rows.append(
            {
                "zone_id": zone_id_of(zone.name),
                "name": name,
                "aliases": sorted((zone.aliases | {zone.name}) - {name}),
                **place_of(zone.name, text, start, end, places),
                "anonymized": zone.anonymized,
                "leading_industries": min(own_lists)[2] if own_lists else [],
                "doc_ids": [doc_id],
            }
        )
    return rows


def merge_zones(rows: list[dict]) -> list[dict]:
    """One row per zone_id: aliases and doc_ids unioned, places and industries taken when first stated."""
    merged: dict[str, dict] = {}
    for row in rows:
        if row["zone_id"] not in merged:
            merged[row["zone_id"]] = {**row, "aliases": list(row["aliases"]), "doc_ids": list(row["doc_ids"])}
            continue
        into = merged[row["zone_id"]]
        into["aliases"] = sorted(set(into["aliases"]) | set(row["aliases"]))
        into["doc_ids"] = sorted(set(into["doc_ids"]) | set(row["doc_ids"]))
        for key in ("province", "city", "county"):
            into[key] = into.get(key) or row.get(key)
        if not into.get("leading_industries") and row.get("leading_industries"):
            into["leading_industries"] = row["leading_industries"]
    return list(merged.values())

"""The zone-name lexicon (lexicon/zones.yaml) compiled once: type, reject and kind patterns.

The grammar that reads names with them lives in zones/names.py; every word list is data in the
YAML file, so a new slogan, type or qualifier is a row there and a case in tests/cases/zones.yaml.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache

from ..contract.schema import LEXICON
from ..lexicon_files import read_yaml
from ..text.places import gazetteer, short_form, short_forms
from ..text.word_trees import first_characters, trie_pattern

CJK = "\u4e00-\u9fff"
BRACKETED = rf"[（(][{CJK}]{{2,6}}[）)]"  # a place in brackets inside a name: 浙商(凤阳)工业园
QUOTED = rf"(?<=[{CJK}])“[{CJK}]{{1,6}}”"  # a nickname in quotes inside a name: 北流“两湾”产业园
LISTED_ITEM = 30  # characters an item of a list of projects holds at most (A产业园、B广场等5个项目)
CLOSER_GAP = 6  # characters between 等 and the project noun that closes such a list (等5个项目)
UNNAMED_ZONE_OPENING = "未识别区域（"  # the zone of a report that names none: 未识别区域（<file>#<part>）


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return read_yaml("zones.yaml")


@lru_cache(maxsize=1)
def everyday_verbs() -> frozenset[str]:
    """Two-character everyday verbs (lexicon/verbs.csv, made from jieba's word list by make_words.py)."""
    return _word_list("verbs.csv")


@lru_cache(maxsize=1)
def plain_words() -> frozenset[str]:
    """Words of classes that never name a place: verbs, adjectives, adverbs, pronouns, conjunctions …
    (lexicon/plain_words.csv, made from jieba's word list by make_words.py)."""
    return _word_list("plain_words.csv")


def _word_list(file_name: str) -> frozenset[str]:
    """The `word` column of a word list. Every extraction process reads the lists again: plain rows, not
    a dict per row (csv.DictReader), take a third of the time for their 50,000 words."""
    with open(LEXICON / file_name, encoding="utf-8") as handle:
        rows = csv.reader(handle)
        column = next(rows).index("word")
        return frozenset(row[column] for row in rows if row)  # DictReader skips blank rows too


def alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=lambda word: (-len(word), word))))


@lru_cache(maxsize=1)
def type_pattern() -> re.Pattern:
    """A zone type, then an optional sub-zone tail (*分区, 东片区)."""
    words = lexicon()
    masks = re.escape(words["mask_chars"])
    size = words["tail_head_chars"]
    return re.compile(
        rf"(?P<type>{_types(words)})"
        rf"(?P<tail>(?:[{masks}]{{1,6}}|[{CJK}]{{1,{size}}})(?:{alternation(words['tails'])}))?"
    )


@lru_cache(maxsize=1)
def switching() -> dict[str, bool]:
    """{zone type: whether a mention of it makes its zone the subject}; a kind that names a zone only by
    the report's own evidence (鹤翔基地管委会) switches where it does."""
    kinds = {word: True for word in lexicon()["administered_types"]}
    return kinds | {entry["word"]: entry["switches"] for entry in lexicon()["types"]}


@lru_cache(maxsize=1)
def administered_pattern() -> re.Pattern:
    """A kind that names no zone by itself (基地, 港区), then its managing office if one follows (管委会)."""
    words = lexicon()
    return re.compile(rf"(?P<type>{alternation(words['administered_types'])})(?P<office>{alternation(words['administered_offices'])})?")


@lru_cache(maxsize=1)
def needs_place() -> set[str]:
    """Kinds that name a zone only after a place (新区)."""
    return {entry["word"] for entry in lexicon()["types"] if entry.get("place")}


@lru_cache(maxsize=1)
def reject_pattern() -> re.Pattern:
    """Words that never stand in a name (each alternative named by its class), dates and ordinals.
    Each class's words are a prefix tree (the longest word at a place still wins), and the look-ahead
    at their first characters passes a character no reject word starts with in one test: a run before a
    zone type is searched at every character, and the hundreds of words were tried at each."""
    words = lexicon()
    rejects = {reason: [word for word in entries if len(word) > 1] for reason, entries in words["reject"].items()}
    first = first_characters(word for entries in rejects.values() for word in entries)
    classes = "|".join(rf"(?P<{reason}>{trie_pattern(entries)})" for reason, entries in rejects.items())
    parts = [rf"(?=[{first}])(?:{classes})"]
    parts.append(rf"(?P<ordinal>{'|'.join(words['ordinal_patterns'])})")
    parts.append(rf"(?P<adjective_form>{'|'.join(words['adjective_patterns'])})")
    parts.append(rf"(?P<date>{'|'.join(words['date_patterns'])})")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def single_rejects() -> dict[str, str]:
    """One-character reject words (原, 老): they reject a name they start, nowhere else (太原)."""
    return {word: reason for reason, entries in lexicon()["reject"].items() for word in entries if len(word) == 1}


@lru_cache(maxsize=1)
def kind_words() -> tuple[str, ...]:
    words = lexicon()
    return tuple(sorted(set(words["qualifiers"]) | set(words["industries"]), key=lambda word: (-len(word), word)))


@lru_cache(maxsize=1)
def qualifier_tail() -> re.Pattern:
    return re.compile(f"(?:{alternation(lexicon()['qualifiers'])})+$")


@lru_cache(maxsize=1)
def after_patterns() -> tuple[re.Pattern, re.Pattern]:
    words = lexicon()
    return re.compile(alternation(words["project_after"])), re.compile(alternation(words["company_after"]))


@lru_cache(maxsize=1)
def phase_works_pattern() -> re.Pattern:
    """A park's phase, bracketed or not, then works on its land (二期市政配套工程, （一期）基础设施)."""
    words = lexicon()
    return re.compile(rf"[（(]?{words['park_phase']}[）)]?(?:{alternation(words['phase_works'])})")


@lru_cache(maxsize=1)
def project_list_opening() -> re.Pattern:
    """The opening of a list of projects (5个项目分别是：), a project noun, a word of listing and a colon;
    zones/project_lists.py reads the items after it."""
    words = lexicon()
    return re.compile(rf"(?:{alternation(words['listed_project_nouns'])})(?:{alternation(words['project_list_opens'])})[：:]")


@lru_cache(maxsize=1)
def landing_pattern() -> re.Pattern:
    """A verb of settling right after a name, after an adverb at most (成功落户, 正式入驻)."""
    words = lexicon()
    return re.compile(rf"(?:{alternation(words['landing_adverbs'])})?(?:{alternation(words['landing_words'])})")


@lru_cache(maxsize=1)
def listed_project_closer() -> re.Pattern:
    """The close of a list of projects, at its 等 (等5个项目, 等重点工程); zones/project_lists.py reads
    the items before it (、B广场、C工程)."""
    words = lexicon()
    return re.compile(rf"等[^，,。；;！？!?\n]{{0,{CLOSER_GAP}}}?(?:{alternation(words['listed_project_nouns'])})")


@lru_cache(maxsize=1)
def province_names() -> set[str]:
    """Provinces and autonomous regions and their short forms; not the municipalities and SARs,
    which are cities too (天津开发区, 香港科学园)."""
    names: set[str] = set()
    for name, rows in gazetteer().items():
        if rows[0]["level"] == "province" and not name.endswith(("市", "特别行政区")):
            names |= {form for form in (name, short_form(name)) if form is not None}
    also_cities = {short for short, full in short_forms().items() if any(gazetteer()[name][0]["level"] != "province" for name in full)}
    return names - also_cities  # 吉林开发区 is the city's


def is_masked(text: str) -> bool:
    return any(char in lexicon()["mask_chars"] for char in text) or "XX" in text


@lru_cache(maxsize=4096)
def only_kind_words(text: str) -> bool:
    """Whether text is made only of qualifier and industry words (装备制造, 汽车零部件)."""
    if not text:
        return True
    return any(text.startswith(word) and only_kind_words(text[len(word) :]) for word in kind_words())


@lru_cache(maxsize=1)
def kind_pattern() -> re.Pattern:
    return re.compile(alternation(kind_words()))


@lru_cache(maxsize=1)
def run_pattern() -> re.Pattern:
    """The characters a name may hold, up to the end of the text searched (the max_prefix characters
    before a zone type). Each character opens at most one of the three units, so the repeat is
    possessive: giving a unit back could never end the run at the end instead."""
    words = lexicon()
    dots = re.escape(words["name_dots"])  # 璨阳·御泰智造产业园: a brand and a name, one name
    return re.compile(rf"(?:[{CJK}{re.escape(words['mask_chars'])}]|(?<=[{CJK}])[{dots}](?=[{CJK}])|{BRACKETED}|{QUOTED}){{0,{words['max_prefix']}}}+$")


@lru_cache(maxsize=1)
def abbreviation_pattern() -> re.Pattern:
    """An established short name (南科) not run into a longer word (中科院)."""
    words = lexicon()
    return re.compile(f"(?:{alternation(words['named_abbreviations'])})(?![{words['abbreviation_not_before']}])")


@lru_cache(maxsize=1)
def group_pattern() -> re.Pattern:
    """A count and level or class words right before a zone type (13家, 11个重点, 10个国家级, 9家工业类);
    a rank (四大) is named `rank` (a group only after an anchor or a place)."""
    words = lexicon()
    return re.compile(rf"(?P<count>{words['group_count']}|(?P<rank>{words['group_ranks']})){_group_qualifiers(words)}$")


def _group_qualifiers(words: dict) -> str:
    """Level or class words of a group of zones (国家级, 重点, 工业类), any number of them in a row."""
    return rf"(?:{alternation(words['group_levels'])}|{words['group_classes']})*"


def _types(words: dict) -> str:
    """Any zone type of the lexicon (开发区, 高新区, 园区 …)."""
    return alternation(entry["word"] for entry in words["types"])


@lru_cache(maxsize=1)
def whole_group_pattern() -> re.Pattern:
    """A whole province, city or county, then level or scope words, right before a zone type (全省,
    全市县域, 全省省级): its zones reported together."""
    words = lexicon()
    scopes = alternation(words["group_levels"] + words["whole_group_scopes"])
    return re.compile(rf"(?:{alternation(words['group_anchors'])})(?:{scopes})*$")


@lru_cache(maxsize=1)
def whole_place_anchors() -> dict[str, str]:
    """{gazetteer level: the word for all of a place of that level} (province: 全省, city: 全市, county: 全县)."""
    words = lexicon()
    return {level: anchor for anchor, level in words["anchor_levels"].items() if anchor in words["group_anchors"]}


def group_anchor(name: str) -> str | None:
    """The whole place a name opens with (全省, 全市 …: zones.yaml group_anchors, in their order), or None."""
    anchors = word_tuple("group_anchors")
    if not name.startswith(anchors):
        return None  # most names open on no whole place: one test instead of one per anchor
    return next(word for word in anchors if name.startswith(word))


def whole_after_its_province(name: str) -> str:
    """全省工业园区 of 江西全省工业园区: a province named before the whole of its zones says what the whole place's
    word (全省) says; the name as it is when no province opens it so."""
    whole = next((at for at in range(1, len(name)) if group_anchor(name[at:]) is not None), None)
    return name[whole:] if whole is not None and province_before(name, whole) == whole else name


def province_before(text: str, start: int) -> int:
    """The length of a province's name (江西, 江西省) right before `start` (0: none), the longest first."""
    names = province_names()
    return next((size for size in range(max(map(len, names)), 1, -1)
                 if start >= size and text[start - size : start] in names), 0)


def names_a_group_of_zones(zone: str | None) -> bool:
    """海南省11个重点园区: a zone that is a counted group of a named place's zones, whose sums are its own
    figures (全市17个产业集聚区, with no place found for it, is a group a report on one zone mentions)."""
    if zone is None or group_anchor(zone) is not None:
        return False
    return group_count_pattern().search(zone) is not None


def speaks_of_several_zones(name: str) -> bool:
    """全市工业园区, 江西全省工业园区, 海南省11个重点园区, 14家园区, 三大科学园区, 国家级开发区: a zone row that is a
    group of zones reported together, whose figures are the sums of zones that may have rows of their own."""
    return group_anchor(whole_after_its_province(name)) is not None or group_count_pattern().search(name) is not None \
        or example_group_pattern().fullmatch("等" + name) is not None


def standard_name(name: str) -> str:
    """临江经开区 → 临江经济技术开发区: a zone's name with a short type word written in full (lexicon
    full_forms); a group's (全市经开区), a masked or a bare one stays as written."""
    short = next((short for short in lexicon()["full_forms"] if name.endswith(short)), None)
    if short is None or len(name) == len(short) or is_masked(name) or speaks_of_several_zones(name):
        return name
    return name[: -len(short)] + lexicon()["full_forms"][short]


@lru_cache(maxsize=1)
def group_count_pattern() -> re.Pattern:
    """The count in a group's name (11个重点园区, 四大园区), compiled once: every name a report gives is matched."""
    return re.compile(lexicon()["group_count"])


@lru_cache(maxsize=1)
def example_group_pattern() -> re.Pattern:
    """等, then a count or rank, level or class words, then a zone type (等14家园区, 等三大科学园区,
    等国家级开发区): a group the zone before it opens."""
    words = lexicon()
    return re.compile(rf"等(?:{words['group_count']}|{words['group_ranks']})?{_group_qualifiers(words)}(?:{_types(words)})")


@lru_cache(maxsize=1)
def list_close_pattern() -> re.Pattern:
    """The end of a list of zone names before a group (…、东方工业园区等, …、鹤翔产业园): a zone type, 等 or not."""
    return re.compile(rf"(?:{_types(lexicon())})等?$")


@lru_cache(maxsize=1)
def counted_pattern() -> re.Pattern:
    """A count right before a name: the name is counted (相当于17个香港科学园), not spoken of."""
    return re.compile(rf"(?:{lexicon()['group_count']})$")


@lru_cache(maxsize=1)
def date_tail() -> re.Pattern:
    """Dates at the end of a text (2022年, 今年上半年), which may open a clause before a name."""
    return re.compile(rf"(?:{'|'.join(lexicon()['date_patterns'])})+$")


@lru_cache(maxsize=1)
def period_head() -> re.Pattern:
    """Periods at the start of a text (上半年, 1-6月, 2022年1-9月), as a name may be followed by."""
    dates = [pattern for pattern in lexicon()["date_patterns"] if not pattern.startswith("^")]  # not a text's own start
    return re.compile(rf"(?:{'|'.join(dates)}|[0-9]++[-—~至][0-9]++月(?:份)?)+")


@lru_cache(maxsize=1)
def stop_word_pattern() -> re.Pattern:
    return re.compile(alternation(lexicon()["stop_words"]))


@cache
def words_pattern(key: str) -> re.Pattern:
    """Any word of one of the lexicon's word lists (respectively, whole_zone_words …), longest first."""
    return re.compile(alternation(lexicon()[key]))


@cache
def word_tuple(key: str) -> tuple[str, ...]:
    """One of the lexicon's word lists as a tuple, for str.startswith/endswith."""
    return tuple(lexicon()[key])


@cache
def definition_opening(key: str = "definition_words") -> re.Pattern:
    """An opening bracket, then a word that defines a short name (（以下简称; key merge_words: （以下合并简称)."""
    return re.compile(rf"[（(]\s*(?:{alternation(lexicon()[key])})")


@lru_cache(maxsize=1)
def defined_short_name() -> re.Pattern:
    """（以下简称"高新区"）: the short name a report gives the name before it."""
    return re.compile(rf"{definition_opening().pattern}[“\"「]?(?P<short>[{CJK}]{{2,9}})[”\"」]?[）)]")


@lru_cache(maxsize=1)
def definition_tail() -> re.Pattern:
    """A definition left open at the end of a text (…公司（简称“): a short name follows."""
    return re.compile(rf"{definition_opening().pattern}[“\"「]?$")

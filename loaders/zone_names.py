"""Zone names read as a grammar: ANCHOR + FREE? + QUALIFIER* + TYPE + TAIL? (lexicon/zones.yaml).

Every zone type in the text opens a candidate; the characters before it (on its own line, up to a
character that cannot be in a name) are parsed back to an anchor: a place, a mask or a proper
name. A candidate that yields no name becomes a Rejection with its reason (verb, adjective,
ordinal, boilerplate ...), so a test, or a reader, can see why it is no zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .places import gazetteer, place_names, short_form, short_forms
from .schema import LEXICON

CJK = "\u4e00-\u9fff"
PLACE_SUFFIX = "省市县镇乡旗州盟"


@dataclass(frozen=True)
class Mention:
    """A zone name in the text: text[start:end] == name."""

    start: int
    end: int
    name: str
    kind: str  # the zone type word (产业集聚区, 高新区 …)
    anchor: str  # place | mask | proper | abbreviation
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


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(LEXICON / "zones.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _alternation(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _type_pattern() -> re.Pattern:
    """A zone type, then an optional sub-zone tail (*分区, 东片区)."""
    words = lexicon()
    masks = re.escape(words["mask_chars"])
    size = words["tail_head_chars"]
    return re.compile(
        rf"(?P<type>{_alternation(entry['word'] for entry in words['types'])})"
        rf"(?P<tail>(?:[{masks}]{{1,6}}|[{CJK}]{{1,{size}}})(?:{_alternation(words['tails'])}))?"
    )


@lru_cache(maxsize=1)
def _switching() -> dict[str, bool]:
    return {entry["word"]: entry["switches"] for entry in lexicon()["types"]}


@lru_cache(maxsize=1)
def _reject_pattern() -> re.Pattern:
    """Words that never stand in a name (each alternative named by its class), dates and ordinals."""
    words = lexicon()
    parts = [
        rf"(?P<{reason}>{_alternation(word for word in entries if len(word) > 1)})"
        for reason, entries in words["reject"].items()
    ]
    parts.append(rf"(?P<ordinal>{'|'.join(words['ordinal_patterns'])})")
    parts.append(rf"(?P<adjective_form>{'|'.join(words['adjective_patterns'])})")
    parts.append(rf"(?P<date>{'|'.join(words['date_patterns'])})")
    return re.compile("|".join(parts))


@lru_cache(maxsize=1)
def _single_rejects() -> dict[str, str]:
    """One-character reject words (原, 老): they reject a name they start, nowhere else (太原)."""
    return {word: reason for reason, entries in lexicon()["reject"].items() for word in entries if len(word) == 1}


@lru_cache(maxsize=1)
def _kind_words() -> tuple[str, ...]:
    words = lexicon()
    return tuple(sorted(set(words["qualifiers"]) | set(words["industries"]), key=len, reverse=True))


@lru_cache(maxsize=1)
def _qualifier_tail() -> re.Pattern:
    return re.compile(f"(?:{_alternation(lexicon()['qualifiers'])})+$")


@lru_cache(maxsize=1)
def _after_pattern() -> tuple[re.Pattern, re.Pattern]:
    words = lexicon()
    return re.compile(_alternation(words["project_after"])), re.compile(_alternation(words["company_after"]))


@lru_cache(maxsize=1)
def _province_names() -> set[str]:
    """Provinces and autonomous regions and their short forms; not the municipalities and SARs,
    which are cities too (天津开发区, 香港科学园)."""
    names = set()
    for name, rows in gazetteer().items():
        if rows[0]["level"] == "province" and not name.endswith(("市", "特别行政区")):
            names |= {name, short_form(name)} - {None}
    also_cities = {short for short, full in short_forms().items() if any(gazetteer()[name][0]["level"] != "province" for name in full)}
    return names - also_cities  # 吉林开发区 is the city's


def is_masked(text: str) -> bool:
    return any(char in lexicon()["mask_chars"] for char in text) or "XX" in text


@lru_cache(maxsize=4096)
def _only_kind_words(text: str) -> bool:
    """Whether text is made only of qualifier and industry words (装备制造, 汽车零部件)."""
    if not text:
        return True
    return any(text.startswith(word) and _only_kind_words(text[len(word) :]) for word in _kind_words())


@lru_cache(maxsize=1)
def _kind_pattern() -> re.Pattern:
    return re.compile(_alternation(_kind_words()))


def _reject_spans(text: str) -> list[re.Match]:
    """Every reject word, date or ordinal in text, overlapping ones too (中国家级: 中国 and 国家级)."""
    pattern = _reject_pattern()
    return [match for match in (pattern.match(text, index) for index in range(len(text))) if match]


def _clean(words: str) -> bool:
    """No reject word, date or ordinal inside, once kind words are set aside (先进装备制造 is a kind)."""
    return _reject_pattern().search(_kind_pattern().sub("|", words)) is None


def _place_tokens(run: str) -> list[tuple[int, int]]:
    """(start, end) of every place in run: gazetteer names, their short forms, XX镇-like names;
    not one whose end falls inside a reject word (浙江省级: 省级 is a level, not 浙江省)."""
    names = place_names()
    rejects = [(match.start(), match.end()) for match in _reject_spans(run)]
    tokens = []
    for end in range(len(run), 1, -1):
        if any(start < end < stop for start, stop in rejects):
            continue
        for start in range(max(0, end - 9), end - 1):
            piece = run[start:end]
            if piece in names or _place_like(piece):
                tokens.append((start, end))
    return tokens


def _place_like(piece: str) -> bool:
    """A proper place not in the gazetteer: two or three characters and an admin suffix (新蒲镇, XX县),
    none of them a known place (保证柘城县 is 柘城县 after a verb)."""
    if piece[-1] not in PLACE_SUFFIX or not 3 <= len(piece) <= 4:
        return False
    stops = lexicon()["stop_chars"]
    inner = any(piece[start:end] in place_names() for start in range(len(piece)) for end in range(start + 2, len(piece) + 1))
    return _clean(piece) and not inner and not any(char in stops for char in piece)


def _place_anchor(run: str) -> int | None:
    """Where the name starts when a place anchors it: the leftmost place of the chain that ends
    closest to the type with clean words (FREE) between it and the type."""
    tokens = _place_tokens(run)
    for start, end in sorted(tokens, key=lambda token: (-token[1], token[0])):
        free = run[end:]
        if len(free) > lexicon()["max_proper"] or not _clean(free):
            continue
        chain = start
        while True:
            before = [token for token in tokens if token[1] == chain]
            if not before:
                return chain
            chain = min(token[0] for token in before)
    return None


def _stop_cut(run: str) -> int:
    """Where a name may start: after the last character that cannot be in one (的, 在, 和 …),
    unless that character belongs to a place (成都, 和县) or a reject word (三个, 其中)."""
    stops = lexicon()["stop_chars"]
    tokens = _place_tokens(run) + [(match.start(), match.end()) for match in _reject_spans(run)]
    index = len(run) - 1
    while index >= 0:
        if run[index] in stops:
            inside = [start for start, end in tokens if start <= index < end]
            if not inside:
                return index + 1
            index = min(inside)
        index -= 1
    return 0


def _line_cut(start: int, stop: int, crosses_line: Callable[[int, int], bool] | None) -> int:
    """The first offset at or after start from which text[offset:stop] lies on one line."""
    if crosses_line is None or not crosses_line(start, stop):
        return start
    low, high = start, stop  # crosses at low, not at high
    while high - low > 1:
        middle = (low + high) // 2
        if crosses_line(middle, stop):
            low = middle
        else:
            high = middle
    return high


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern:
    words = lexicon()
    return re.compile(rf"[{CJK}{re.escape(words['mask_chars'])}]{{0,{words['max_prefix']}}}$")


def read_names(text: str, crosses_line: Callable[[int, int], bool] | None = None) -> tuple[list[Mention], list[Rejection]]:
    """Every zone name in normalised text, and every zone type that names no zone (with why)."""
    mentions, rejections = [], []
    words = lexicon()
    for match in _type_pattern().finditer(text):
        type_start = match.start("type")
        run_start = _run_pattern().search(text, max(0, type_start - words["max_prefix"]), type_start).start()
        line_start = _line_cut(run_start, type_start, crosses_line)
        run = text[line_start:type_start]
        cut = max(_stop_cut(run), max((other.end() for other in _type_pattern().finditer(run)), default=0))
        result = _parse(run[cut:], match["type"])
        if isinstance(result, str) and line_start > run_start and result == "no_name":
            result = "line_break"  # words on the line before (联系我们 / 工业园区) are no name
        run_start = line_start
        after = text[match.end() : match.end() + 4]
        if isinstance(result, str):
            rejections.append(Rejection(type_start - len(run[cut:]), match.end(), text[run_start + cut : match.end()], result))
            continue
        name_start = type_start - len(run) + cut + result[0]
        reason = _after_reason(after, match["type"])
        if reason:
            rejections.append(Rejection(name_start, match.end(), text[name_start : match.end()], reason))
            continue
        proper, anchor = result[1], result[2]
        tail = match["tail"]
        mentions.append(
            Mention(
                start=name_start,
                end=match.end(),
                name=text[name_start : match.end()],
                kind=match["type"],
                anchor=anchor,
                proper=proper,
                switches=not tail and (_switching()[match["type"]] or (anchor != "mask" and _stands_alone(text, name_start, match.end()))),
                base=text[name_start : match.end("type")] if tail else None,
            )
        )
    mentions = sorted(mentions + _abbreviation_mentions(text), key=lambda mention: mention.start)
    return mentions, rejections


_HEADING_NUMBER = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])$")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A sub-park kind names a zone of its own when it opens a clause and what follows speaks of it."""
    return _at_clause_start(text, start) and (end == len(text) or text.startswith(tuple(lexicon()["clause_follows"]), end))


def _at_clause_start(text: str, start: int) -> bool:
    """Whether a name opens a clause or a numbered heading (一、大连长兴岛临港工业区), rather than
    standing inside a list or a phrase (包括建成区铁西工业区, 鹤展、台湾产业园)."""
    head = text[max(0, start - 6) : start]
    numbered = _HEADING_NUMBER.search(head)
    if numbered:
        head = head[: numbered.start()]
    return not head or head[-1] in lexicon()["clause_starts"]


def _abbreviation_mentions(text: str) -> list[Mention]:
    """Established short names (南科, 竹科) standing alone."""
    words = lexicon()
    stops = words["stop_chars"] + "年月日"
    mentions = []
    pattern = re.compile(f"(?:{_alternation(words['named_abbreviations'])})(?![{words['abbreviation_not_before']}])")
    for match in pattern.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        if re.match(f"[{CJK}]", before) and before not in stops:
            continue
        full = words["named_abbreviations"][match.group()]
        mentions.append(Mention(match.start(), match.end(), match.group(), _suffix_type(full), "abbreviation", match.group(), True))
    return mentions


def _suffix_type(name: str) -> str:
    return next(word for word in sorted(_switching(), key=len, reverse=True) if name.endswith(word))


def _after_reason(after: str, kind: str) -> str | None:
    """A park followed by 项目 is a project; any zone word followed by 公司 names a company."""
    projects, companies = _after_pattern()
    if companies.match(after):
        return "organisation"
    if not _switching()[kind] and projects.match(after):
        return "project"
    return None


def _reason(group: str) -> str:
    return "adjective" if group == "adjective_form" else group


def _parse(run: str, kind: str) -> tuple[int, str, str] | str:
    """(offset of the name in run, its proper part, anchor kind), or the reason it is no name."""
    qualifiers = _qualifier_tail().search(run)
    core = run[: qualifiers.start()] if qualifiers else run
    place = _place_anchor(core)
    if place is not None and core[place:] in _province_names():
        return "generic"  # 湖南省高新区: the province's zones, not one of them
    if place is not None:
        return place, core[place:], "place"
    last = max(_reject_spans(core), key=lambda match: match.end(), default=None)
    proper_start = last.end() if last else 0
    proper = core[proper_start:]
    if not proper:
        return _reason(last.lastgroup) if last else "no_name"
    if proper[0] in _single_rejects() and len(proper) > 1:
        return _single_rejects()[proper[0]]
    if is_masked(proper):
        return proper_start, proper, "mask"
    if len(proper) < 2:
        return "too_short"
    if proper[-1] in PLACE_SUFFIX + "区":
        return "generic"  # 位省, 各市: an admin word that is no place of the gazetteer
    if len(proper) > lexicon()["max_proper"]:
        return "too_long"
    if _only_kind_words(proper):
        return "industry"
    return proper_start, proper, "proper"

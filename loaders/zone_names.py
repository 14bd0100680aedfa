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

from .places import place_names
from .zone_lexicon import (
    CJK,
    abbreviation_pattern,
    after_patterns,
    is_masked,
    kind_pattern,
    lexicon,
    only_kind_words,
    province_names,
    qualifier_tail,
    reject_pattern,
    run_pattern,
    single_rejects,
    switching,
    type_pattern,
)

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


@lru_cache(maxsize=8192)
def _reject_spans(text: str) -> tuple[re.Match, ...]:
    """Every reject word, date or ordinal in text, overlapping ones too (中国家级: 中国 and 国家级);
    text is a short run or piece before a zone type, so each is scanned once."""
    pattern = reject_pattern()
    return tuple(match for match in (pattern.match(text, index) for index in range(len(text))) if match)


def _clean(words: str) -> bool:
    """No reject word, date or ordinal inside, once kind words are set aside (先进装备制造 is a kind)."""
    return reject_pattern().search(kind_pattern().sub("|", words)) is None


@lru_cache(maxsize=8192)
def _place_tokens(run: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every place in run: gazetteer names, their short forms, XX镇-like names;
    not one whose end falls inside a reject word (浙江省级: 省级 is a level, not 浙江省).
    Runs are a few characters before a zone type and recur from report to report, so each is read once."""
    names, sizes_by_last = place_names(), _place_sizes()
    rejects = [(match.start(), match.end()) for match in _reject_spans(run)]
    tokens = []
    for end in range(len(run), 1, -1):
        if any(start < end < stop for start, stop in rejects):
            continue
        last = run[end - 1]
        for size in sizes_by_last.get(last, ()):  # longest first: starts in ascending order
            if size > end:
                continue
            piece = run[end - size : end]
            if piece in names or (3 <= size <= 4 and last in PLACE_SUFFIX and _place_like(piece)):
                tokens.append((end - size, end))
    return tuple(tokens)


@lru_cache(maxsize=1)
def _place_sizes() -> dict[str, tuple[int, ...]]:
    """Last character -> the lengths (2 to 9, longest first) a place ending in it may have: those of the
    gazetteer's names, and 3 and 4 for an admin suffix (_place_like). Most pieces of a run need no look-up."""
    sizes: dict[str, set[int]] = {char: {3, 4} for char in PLACE_SUFFIX}
    for name in place_names():
        if 2 <= len(name) <= 9:
            sizes.setdefault(name[-1], set()).add(len(name))
    return {char: tuple(sorted(lengths, reverse=True)) for char, lengths in sizes.items()}


@lru_cache(maxsize=65536)
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


@lru_cache(maxsize=8192)
def _stop_cut(run: str) -> int:
    """Where a name may start: after the last character that cannot be in one (的, 在, 和 …),
    unless that character belongs to a place (成都, 和县) or a reject word (三个, 其中)."""
    stops = lexicon()["stop_chars"]
    tokens = [*_place_tokens(run)] + [(match.start(), match.end()) for match in _reject_spans(run)]
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


def read_names(text: str, crosses_line: Callable[[int, int], bool] | None = None) -> tuple[list[Mention], list[Rejection]]:
    """Every zone name in normalised text, and every zone type that names no zone (with why)."""
    mentions: list[Mention] = []
    rejections: list[Rejection] = []
    for match in type_pattern().finditer(text):
        found = _candidate(text, match, crosses_line)
        if isinstance(found, Rejection):
            rejections.append(found)
        else:
            mentions.append(found)
    mentions = sorted(mentions + _abbreviation_mentions(text), key=lambda mention: mention.start)
    return mentions, rejections


def _candidate(text: str, match: re.Match, crosses_line) -> Mention | Rejection:
    """The name a zone type closes, read back over its own line, or why there is none."""
    type_start, kind = match.start("type"), match["type"]
    run_match = run_pattern().search(text, max(0, type_start - lexicon()["max_prefix"]), type_start)
    assert run_match is not None  # the run pattern also matches the empty string
    run_start = run_match.start()
    line_start = _line_cut(run_start, type_start, crosses_line)
    run = text[line_start:type_start]
    cut = max(_stop_cut(run), max((other.end() for other in type_pattern().finditer(run)), default=0))
    result = _parse(run[cut:], kind)
    if isinstance(result, str):
        if line_start > run_start and result == "no_name":
            result = "line_break"  # words on the line before (联系我们 / 工业园区) are no name
        return Rejection(line_start + cut, match.end(), text[line_start + cut : match.end()], result)
    offset, proper, anchor = result
    name_start = line_start + cut + offset
    reason = _after_reason(text[match.end() : match.end() + 4], kind)
    if reason:
        return Rejection(name_start, match.end(), text[name_start : match.end()], reason)
    tail = match["tail"]
    stands_alone = anchor != "mask" and _stands_alone(text, name_start, match.end())
    return Mention(
        start=name_start,
        end=match.end(),
        name=text[name_start : match.end()],
        kind=kind,
        anchor=anchor,
        proper=proper,
        switches=not tail and (switching()[kind] or stands_alone),
        base=text[name_start : match.end("type")] if tail else None,
    )


_HEADING_NUMBER = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])$")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A sub-park kind names a zone of its own when it opens a clause and what follows speaks of it."""
    if not _at_clause_start(text, start):
        return False
    if end == len(text) or text.startswith(tuple(lexicon()["clause_follows"]), end):
        return True
    return text[end].isdigit() and (start == 0 or text[start - 1] == "\n")  # a title: XX工业园2019年工作总结


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
    for match in abbreviation_pattern().finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        if re.match(f"[{CJK}]", before) and before not in stops:
            continue
        full = words["named_abbreviations"][match.group()]
        mentions.append(Mention(match.start(), match.end(), match.group(), _suffix_type(full), "abbreviation", match.group(), True))
    return mentions


def _suffix_type(name: str) -> str:
    return next(word for word in sorted(switching(), key=lambda word: (-len(word), word)) if name.endswith(word))


def _after_reason(after: str, kind: str) -> str | None:
    """A park followed by 项目 is a project; any zone word followed by 公司 names a company."""
    projects, companies = after_patterns()
    if companies.match(after):
        return "organisation"
    if not switching()[kind] and projects.match(after):
        return "project"
    return None


def _reason(group: str) -> str:
    return "adjective" if group == "adjective_form" else group


def _parse(run: str, kind: str) -> tuple[int, str, str] | str:
    """(offset of the name in run, its proper part, anchor kind), or the reason it is no name."""
    qualifiers = qualifier_tail().search(run)
    core = run[: qualifiers.start()] if qualifiers else run
    place = _place_anchor(core)
    if place is not None and core[place:] in province_names() and not qualifiers:
        return "generic"  # 湖南省高新区: the province's zones, not one of them (海南生态软件园 is one)
    if place is not None:
        return place, core[place:], "place"
    last = max(_reject_spans(core), key=lambda match: match.end(), default=None)
    proper_start = last.end() if last else 0
    proper = core[proper_start:]
    if not proper:
        return _reason(last.lastgroup or "") if last else "no_name"
    if proper[0] in single_rejects() and len(proper) > 1:
        return single_rejects()[proper[0]]
    if is_masked(proper):
        return proper_start, proper, "mask"
    if len(proper) < 2:
        return "too_short"
    if proper[-1] in PLACE_SUFFIX + "区":
        return "generic"  # 位省, 各市: an admin word that is no place of the gazetteer
    if len(proper) > lexicon()["max_proper"]:
        return "too_long"
    if only_kind_words(proper):
        return "industry"
    return proper_start, proper, "proper"

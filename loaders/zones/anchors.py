"""Where a zone name starts: places, chains of places, bracketed places, and the stop characters
and reject words a name cannot run back across (lexicon/zones.yaml).

zones/names.py reads the run of characters before a zone type; these functions find, in that run,
the place that anchors the name (河南省安阳高新区, 辽宁(营口)沿海产业基地) or where a name may start.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from ..text.places import gazetteer, place_names, short_forms
from .lexicon import BRACKETED, kind_pattern, lexicon, reject_pattern, stop_word_pattern

PLACE_SUFFIX = "省市县镇乡旗州盟"


@lru_cache(maxsize=8192)
def reject_spans(text: str) -> tuple[re.Match, ...]:
    """Every reject word, date or ordinal in text, overlapping ones too (中国家级: 中国 and 国家级);
    text is a short run or piece before a zone type, so each is scanned once."""
    # Each place one starts, found by searching on from just after the last one (the engine skips the
    # places none starts at) rather than trying every place with a call of its own.
    search, found, index = reject_pattern().search, [], 0
    while (match := search(text, index)) is not None:
        found.append(match)
        index = match.start() + 1
    return tuple(found)


def clean(words: str) -> bool:
    """No reject word, date or ordinal inside, once kind words are set aside (先进装备制造 is a kind)."""
    return reject_pattern().search(kind_pattern().sub("|", words)) is None


@lru_cache(maxsize=8192)
def place_tokens(run: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every place in run: gazetteer names, their short forms, XX镇-like names;
    not one whose end or start falls inside a reject word (浙江省级: 省级 is a level, not 浙江省; 发展百禄镇:
    百禄镇, not 展百禄镇), nor one that is a reject word (比如 opens an example here, not the county).
    Runs are a few characters before a zone type and recur from report to report, so each is read once."""
    names = place_names()
    whole = {(match.start(), match.end()) for match in reject_spans(run) if not _closes_a_place(run, match)}
    inside = {offset for start, stop in whole for offset in range(start + 1, stop)}
    tokens = []
    for end in range(len(run), 1, -1):
        if end in inside:
            continue
        last = run[end - 1]
        for size in _place_sizes(run[end - 2 : end]):  # longest first: starts in ascending order
            if size > end:
                continue
            if end - size in inside or (end - size, end) in whole:
                continue  # 发展百禄镇: no place starts inside a reject word (展百禄镇), nor is one (比如, 新建)
            piece = run[end - size : end]
            if piece in names or (3 <= size <= 4 and last in PLACE_SUFFIX and place_like(piece)):
                tokens.append((end - size, end))
    return tuple(tokens)


def _closes_a_place(run: str, match: re.Match) -> bool:
    """吉水县城西, 临江县城关镇: a reject word (县城) whose first character is the suffix of a place
    written before it is that suffix and the start of the next word, not the word."""
    if match.group() not in lexicon()["suffix_led_rejects"]:
        return False
    names = place_names()
    return any(run[match.start() + 1 - size : match.start() + 1] in names for size in range(2, 7) if size <= match.start() + 1)


def _place_sizes(ending: str) -> tuple[int, ...]:
    """The lengths (2 to 9, longest first) a place ending in these two characters may have: those of
    the gazetteer's names, and 3 and 4 after an admin suffix (place_like). Most pieces of a run need
    no look-up."""
    return _sizes_by_ending().get(ending) or (_SUFFIX_SIZES if ending[-1] in PLACE_SUFFIX else ())


_SUFFIX_SIZES = (4, 3)


@lru_cache(maxsize=1)
def _sizes_by_ending() -> dict[str, tuple[int, ...]]:
    sizes: dict[str, set[int]] = {}
    for name in place_names():
        if 2 <= len(name) <= 9:
            sizes.setdefault(name[-2:], set()).add(len(name))
    for ending, lengths in sizes.items():
        if ending[-1] in PLACE_SUFFIX:
            lengths.update(_SUFFIX_SIZES)
    return {ending: tuple(sorted(lengths, reverse=True)) for ending, lengths in sizes.items()}


@lru_cache(maxsize=65536)
def place_like(piece: str) -> bool:
    """A proper place not in the gazetteer: two or three characters and an admin suffix (新蒲镇, XX县),
    none of them a known place (保证柘城县 is 柘城县 after a verb)."""
    if piece[-1] not in PLACE_SUFFIX or not 3 <= len(piece) <= 4 or piece[0] in PLACE_SUFFIX + "区":
        return False  # 县黎阳镇 is 黎阳镇 after a county's suffix
    if _masked_after_a_word(piece):
        return False
    stops = lexicon()["stop_chars"]
    inner = any(piece[start:end] in place_names() for start in range(len(piece)) for end in range(start + 2, len(piece) + 1))
    return clean(piece) and not inner and not any(char in stops for char in piece)


def _masked_after_a_word(piece: str) -> bool:
    """掌握XX县, 了解**市: a mask stands for the whole proper name, so a place-like piece holding one
    starts with it; a character before the mask is the end of the word before (a verb), not the name."""
    masks = lexicon()["mask_chars"]
    return piece[0] not in masks and any(char in masks for char in piece[1:])


def place_anchor(run: str) -> int | None:
    """Where the name starts when a place anchors it: the leftmost place of the chain that ends
    closest to the type with clean words (FREE) between it and the type, or an earlier place with
    clean words up to it, within the longest name part (上海漕河泾新兴技术开发区: 新兴 is a county
    too)."""
    tokens = place_tokens(run)
    for start, end in sorted(tokens, key=lambda token: (-token[1], token[0])):
        free = run[end:]
        if len(free) > lexicon()["max_proper"] or not clean(free):
            continue
        chain = _overlapped_start(tokens, chain_start(tokens, start))
        earlier = [token for token in sorted(tokens) if token[1] < chain
                   and len(run[token[1] :]) <= lexicon()["max_proper"] and clean(run[token[1] :])]
        return chain_start(tokens, earlier[0][0]) if earlier else chain
    return None


def _overlapped_start(tokens: tuple[tuple[int, int], ...], start: int) -> int:
    """临江东部: a place (江东) starting inside an earlier one (临江) is a reading of the earlier
    one's last character; the name starts with the earlier place's chain."""
    overlapping = [token[0] for token in tokens if token[0] < start < token[1]]
    return chain_start(tokens, min(overlapping)) if overlapping else start


def chain_start(tokens: tuple[tuple[int, int], ...], start: int) -> int:
    """The first place of the run of adjacent places ending with the one at `start` (河南省安阳市)."""
    while True:
        before = [token for token in tokens if token[1] == start]
        if not before:
            return start
        start = min(token[0] for token in before)


def bracketed_place(run: str) -> tuple[int, str, str] | None:
    """辽宁(营口)沿海, 浙商(凤阳), 中国(临江): a name with a place in brackets starts at the word before them."""
    bracket = _bracketed().search(run) if "(" in run or "（" in run else None
    if bracket is None or run[bracket.start() + 1 : bracket.end() - 1] not in place_names():
        return None
    rest = run[bracket.end() :]
    if len(rest) > lexicon()["max_proper"] or not clean(rest) or "(" in rest or "（" in rest:
        return None
    head = run[: bracket.start()]
    country = next((word for word in lexicon()["bracket_heads"] if head.endswith(word)), None)
    if country:  # 中国(临江)自由贸易试验区: the country before the bracketed place, a reject word elsewhere
        return bracket.start() - len(country), run[bracket.start() - len(country) :], "place"
    stops = lexicon()["stop_chars"]
    after_rejects = len(head) - max((match.end() for match in reject_spans(head)), default=0)  # 加快|中德(常州)
    size = next((size for size in range(min(4, after_rejects), 0, -1)
                 if clean(head[-size:]) and not any(char in stops for char in head[-size:])), 0)
    if size < 2:
        return None
    return bracket.start() - size, run[bracket.start() - size :], "place"


@lru_cache(maxsize=1)
def _bracketed() -> re.Pattern:
    return re.compile(BRACKETED)


def city_or_province(run: str, start: int) -> bool:
    """Whether a place at `start` of run is a city or a province (海口江东新区), not a county alone."""
    for begin, end in place_tokens(run):
        names = (run[begin:end],) if run[begin:end] in gazetteer() else short_forms().get(run[begin:end], ())
        if begin == start and any(row["level"] in ("city", "province") for name in names for row in gazetteer()[name]):
            return True
    return False


@lru_cache(maxsize=8192)
def stop_cut(run: str) -> int:
    """Where a name may start: after the last character that cannot be in one (的, 在, 和 …),
    unless that character belongs to a place (成都, 和县) or a reject word (三个, 其中)."""
    stops = lexicon()["stop_chars"]
    present = _stop_chars().intersection(run)
    if not present:
        return 0  # no character that cannot be in a name: no places or reject words to read
    words = [(match.start(), match.end()) for match in stop_word_pattern().finditer(run)]
    # Only a gazetteer name holds a stop character (和县; a place-like piece holds none): a run whose stop
    # characters are in no place name needs no places read (the name after its stop may need them, not it).
    places = place_tokens(run) if not _stops_in_places().isdisjoint(present) else ()
    tokens = [*places] + [(match.start(), match.end()) for match in reject_spans(run)] + words
    index = len(run) - 1
    while index >= 0:
        if run[index] in stops:
            inside = [start for start, end in tokens if start <= index < end]
            if not inside:
                return index + 1
            index = min(inside)
        index -= 1
    return 0


@lru_cache(maxsize=1)
def _stop_chars() -> frozenset[str]:
    return frozenset(lexicon()["stop_chars"])


@lru_cache(maxsize=1)
def _stops_in_places() -> frozenset[str]:
    """The stop characters some place name holds (和 of 和田县, 于 of 于洪区)."""
    return frozenset(char for name in place_names() for char in name) & _stop_chars()


def line_cut(start: int, stop: int, crosses_line: Callable[[int, int], bool] | None) -> int:
    """The first offset at or after start from which text[offset:stop] lies on one line."""
    if crosses_line is None or not crosses_line(start, stop):
        return start
    return first_offset(start, stop, lambda middle: not crosses_line(middle, stop))  # crosses at start, not at stop


def first_offset(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The first offset in (low, high] where `holds` is true, by bisection: false at low, true at high,
    and once true it stays true (a line break found in a growing or shrinking span)."""
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle
    return high

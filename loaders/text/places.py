"""The gazetteer (lexicon/places.csv): place names, their short forms, and the places a text names.

Zone names start with a place (杉溪市东部产业集聚区, 鹤翔高新技术产业集聚区, 广西白鹭经济技术开发区),
often in its short form: a city without 市, a province without 省, a prefecture without 白族自治州.
"""

from __future__ import annotations

import bisect
import csv
import re
from functools import lru_cache

from ..contract.schema import LEXICON

# The last character of a place name; the 区 of a zone suffix (产业集聚区, 开发区) names no place.
LONGEST_PLACE = 9  # characters: longer gazetteer names are never read in running text
_ADMIN_CHARS = "省市县区州盟旗"
_NOT_A_PLACE_END = "(?<!产业集聚区)(?<!开发区)"
# Suffixes a short form drops, longest first: 大理白族自治州 -> 大理, 新疆维吾尔自治区 -> 新疆.
_SUFFIX = re.compile(r"(?:(?:[\u4e00-\u9fff]{1,4}?族)+|维吾尔)?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|省|市|县|区|盟|旗)$")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[dict]]:
    """Place name -> its rows (level, province, city) from lexicon/places.csv."""
    path = LEXICON / "places.csv"
    places: dict[str, list[dict]] = {}
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                places.setdefault(row["name"], []).append(row)
    return places


def short_form(name: str) -> str | None:
    """安阳市 -> 安阳, 柘城县 -> 柘城; None when the rest would be a single character (淇县)."""
    rest = name[:2] + _SUFFIX.sub("", name[2:])  # a short form keeps two characters at least
    return rest if rest != name else None


@lru_cache(maxsize=1)
def short_forms() -> dict[str, tuple[str, ...]]:
    """Short form -> the full names it may stand for (吉林 -> 吉林市, 吉林省)."""
    forms: dict[str, set[str]] = {}
    for name in gazetteer():
        short = short_form(name)
        if short:
            forms.setdefault(short, set()).add(name)
        if short and name.endswith("自治州"):
            forms.setdefault(short + "州", set()).add(name)  # 昌吉州, 黔东南州: a prefecture's usual short form
    return {short: tuple(sorted(names)) for short, names in forms.items()}


@lru_cache(maxsize=1)
def place_names() -> set[str]:
    """Every name that reads as a place: full names and their short forms."""
    return set(gazetteer()) | set(short_forms())


def past_full_places(text: str) -> str:
    """What follows the full place names opening a text (安阳市文峰区重大产业 -> 重大产业); short forms are
    left (青山纺织 may be a firm's name)."""
    position = 0
    while position < len(text):
        for length in range(min(LONGEST_PLACE, len(text) - position), 1, -1):
            piece = text[position : position + length]
            if piece[-1] in _ADMIN_CHARS and piece in gazetteer():
                position += length
                break
        else:
            break
    return text[position:]


class PlaceIndex:
    """Every gazetteer name of one text with its end offset, read once per report (a report's zones
    each ask for the places of their own section): from each 省/市/县/区 character, the longest name
    ending there, read back a character at a time through the names spelt backwards (a regex of a
    thousand alternatives is slow). The offsets are sorted, so a span's names are found by bisection."""

    def __init__(self, text: str):
        backwards = _names_backwards()
        found: list[tuple[int, str]] = []
        for match in _name_ends().finditer(text):
            stop = position = match.end()
            node, longest = backwards, None
            while position and (child := node.get(text[position - 1])) is not None:
                node, position = child, position - 1
                longest = node.get("", longest)  # "" holds the name that ends here
            if longest:
                found.append((stop, longest))
        self._stops = [stop for stop, _ in found]
        self._names = [name for _, name in found]

    def between(self, start: int = 0, end: int | None = None) -> list[str]:
        """Gazetteer names in text[start:end], in order."""
        last = len(self._stops) if end is None else bisect.bisect_right(self._stops, end)
        return self._names[bisect.bisect_right(self._stops, start) : last]


def places_in(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Gazetteer names ending in text[start:end], in order: the longest name ending at each admin
    character. Reads only that span and the characters before it a name may start in."""
    end = len(text) if end is None else end
    origin = max(0, start - LONGEST_PLACE)
    return PlaceIndex(text[origin:end]).between(start - origin, end - origin)


@lru_cache(maxsize=1)
def _names_backwards() -> dict:
    """The gazetteer's names of 2 to 9 characters as a tree of their characters from the last one
    back, each name under the key "" of its first character's node: 安阳市 is 市 -> 阳 -> 安 -> ""."""
    tree: dict = {}
    for name in gazetteer():
        if 2 <= len(name) <= LONGEST_PLACE:
            node = tree
            for char in reversed(name):
                node = node.setdefault(char, {})
            node[""] = name
    return tree


@lru_cache(maxsize=1)
def _name_ends() -> re.Pattern:
    """The _ADMIN_CHARS a gazetteer name can end at: those after a character that some name ending in
    them has before them. Most 区 of a report are a zone's (园区, 集聚区) and start no reading back; the
    engine passes them at C speed instead of the reading trying each."""
    tree = _names_backwards()
    branches = [
        rf"{re.escape(end)}(?<=[{''.join(re.escape(char) for char in sorted(tree[end]) if char)}]{re.escape(end)})"
        for end in _ADMIN_CHARS
        if any(tree.get(end, {}))
    ]
    if not branches:
        return re.compile(r"(?!)")  # an empty gazetteer: no name ends anywhere
    return re.compile(rf"(?:{'|'.join(branches)}){_NOT_A_PLACE_END}")


@lru_cache(maxsize=1)
def short_city_names() -> dict[str, str]:
    """安阳 -> 安阳市: zone names often drop the 市 of their city."""
    return {
        name[:-1]: name
        for name, rows in gazetteer().items()
        if name.endswith("市") and len(name) >= 3 and any(row["level"] == "city" for row in rows)
    }

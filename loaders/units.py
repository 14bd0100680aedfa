"""Quantities in text: a number, an optional multiplier and a unit -> a value in the canonical unit.

The unit words and multipliers are data (`lexicon/units.csv`, `lexicon/multipliers.csv`);
this module compiles them into one pattern and reads the words around a match that make
a value approximate (约, 近), a lower bound (以上, 余, 多, 超过) or a range (2－3家).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .numerals import ARABIC, DIGITS, parse_any
from .schema import LEXICON

# A Chinese numeral must start with a digit or 十, so that 亿元项目 or 万元 alone is no number.
CHINESE_NUMBER = r"(?:[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*|[百千](?=[万亿]))"
NUMBER = rf"(?:{ARABIC}|{CHINESE_NUMBER})"
RANGE_DASH = r"[-~至到]"
LOWER_AFTER = ("以上", "余", "多", "超")
UPPER_AFTER = ("以下", "以内")
APPROX_AFTER = ("左右",)
LOWER_BEFORE = ("超过", "逾", "突破", "不低于", "不少于", "超")
UPPER_BEFORE = ("不足", "不到", "不超过")
APPROX_BEFORE = ("约为", "约合", "约", "近", "将近", "接近", "大约", "大概")
# Words right before a number that make it no quantity of the zone: ordinals and rates.
NOT_A_QUANTITY_BEFORE = ("第", "每", "/")
_NUMBER_CHARS = set("0123456789.")


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    factor: float
    dimension: str


class Quantity(NamedTuple):
    """One number with its unit, offsets into the normalised text (a tuple: thousands per report)."""

    start: int
    end: int
    value: float
    unit: str
    dimension: str
    raw: str
    value_max: float | None = None
    approximate: bool = False
    bound: str | None = None
    rate: bool = False  # 每亩120万元: a rate or threshold, not an amount


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    with open(LEXICON / "units.csv", encoding="utf-8") as handle:
        return {
            row["surface"]: Unit(row["surface"], row["unit"], float(row["factor"]), row["dimension"])
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def multipliers() -> dict[str, float]:
    with open(LEXICON / "multipliers.csv", encoding="utf-8") as handle:
        return {row["surface"]: float(row["factor"]) for row in csv.DictReader(handle)}


def _alternation(words) -> str:
    # Longest first, so 个百分点 wins over 个 and 平方公里 over 公里.
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def quantity_pattern() -> re.Pattern:
    return re.compile(
        # No look-behind here: a pattern that starts with a character class lets the regex
        # engine skip ahead fast; a match that starts inside a number is refused in Python.
        rf"(?P<low>{NUMBER})(?:[ \t]*(?P<dash>{RANGE_DASH})[ \t]*(?P<high>{NUMBER}))?"
        rf"[ \t]?(?P<more>余|多)?(?P<mult>{_alternation(multipliers())})?(?P<more2>余|多)?[ \t]?"
        rf"(?P<unit>{_alternation(units())})"
        r"(?![a-zA-Z])"
    )


def _tidy(value: float) -> float:
    """Drop float noise from unit factors (132.7 × 1e8 -> 13270000000.0)."""
    return float(f"{value:.12g}")


def _number(text: str) -> float:
    return parse_any(text)


def _is_valid_chinese(text: str) -> bool:
    # A lone Chinese digit run into a word (统一, 进一步) is caught by needing a unit right
    # after; here we only refuse digit strings like 一二 that are no numeral.
    return not (len(text) > 1 and all(char in DIGITS for char in text) and len(text) < 4)


@lru_cache(maxsize=4)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in normalised text, in order (cached: facts, projects and items all ask)."""
    return tuple(_scan_quantities(text))


def _scan_quantities(text: str) -> list[Quantity]:
    table = units()
    factors = multipliers()
    found = []
    for match in quantity_pattern().finditer(text):
        if match.start() and text[match.start() - 1] in _NUMBER_CHARS:
            continue
        low_text, high_text = match["low"], match["high"]
        if not low_text[0].isdigit() and not _is_valid_chinese(low_text):
            continue
        unit = table[match["unit"]]
        if unit.dimension == "percent" and match["mult"]:
            continue
        factor = unit.factor * (factors[match["mult"]] if match["mult"] else 1.0)
        try:
            value = _number(low_text) * factor
            value_max = _number(high_text) * factor if high_text else None
        except ValueError:
            continue
        if value_max is not None and match["dash"] in "-~" and value_max < value:
            # 1-10 with a unit after is a range; a smaller second number is something else.
            continue
        before = text[max(0, match.start() - 4) : match.start()]
        after = text[match.end() : match.end() + 2]
        bound = None
        if value_max is not None:
            bound = "range"
        elif match["more"] or match["more2"] or after.startswith(LOWER_AFTER) or before.endswith(LOWER_BEFORE):
            bound = "lower"
        elif after.startswith(UPPER_AFTER) or before.endswith(UPPER_BEFORE):
            bound = "upper"
        approximate = before.endswith(APPROX_BEFORE) or after.startswith(APPROX_AFTER)
        rate = (
            before.endswith(NOT_A_QUANTITY_BEFORE)
            or bool(re.search(r"每[^\d，。；]{0,3}$", before))
            or text.startswith(("/", "每"), match.end())  # 232.55万元/亩: a rate
        )
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                value=_tidy(value),
                unit=unit.unit,
                dimension=unit.dimension,
                raw=match.group(0),
                value_max=_tidy(value_max) if value_max is not None else None,
                approximate=approximate,
                bound=bound,
                rate=rate,
            )
        )
    if "百分之" in text:
        found.extend(_percents_in_words(text))
        found.sort(key=lambda quantity: quantity.start)
    return found


_PERCENT_IN_WORDS = re.compile(rf"百分之(?P<number>{NUMBER})")


def _percents_in_words(text: str) -> list[Quantity]:
    """百分之十二: a percent written with the sign in front, as words."""
    quantities = []
    for match in _PERCENT_IN_WORDS.finditer(text):
        try:
            value = _number(match["number"])
        except ValueError:
            continue
        quantities.append(Quantity(match.start(), match.end(), _tidy(value), "%", "percent", match.group(0)))
    return quantities

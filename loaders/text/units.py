"""Quantities in text: a number, an optional multiplier and a unit -> a value in the canonical unit.

The unit words and multipliers are data (`lexicon/units.csv`, `lexicon/multipliers.csv`);
this module compiles them into one pattern and reads the words around a match that make
a value approximate (约, 近), a lower bound (以上, 余, 多, 超过) or a range (2－3家), and the
minus sign before it (增长-3.2%). A figure whose number is too large to read (1e308亿元) is
refused, not cut to its last digits: the quality checks report it.

>>> [(q.value, q.unit, q.raw) for q in find_quantities("新签约项目2 0个，增长-3.2%，投资1.2E+3万元")]
[(20.0, 'count', '2 0个'), (-3.2, '%', '-3.2%'), (12000000.0, 'CNY', '1.2E+3万元')]
>>> refused_figures("营业收入1e308亿元")[0].raw
'1e308亿元'
>>> [(q.value, q.raw) for q in find_quantities("营业收入12 345万元，专利壹佰贰拾件")]
[(123450000.0, '12 345万元'), (120.0, '壹佰贰拾件')]
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ..contract.schema import LEXICON
from .numerals import ARABIC, DIGITS, TRILLION, parse_any, parse_number

# A Chinese numeral must start with a digit, 十, 廿 or 卅, so that 亿元项目 or 万元 alone is no
# number; it is at most 20 characters (一千二百三十四万五千六百七十八 is 15), so that a run of
# numeral characters costs the engine a bounded number of steps at each place.
_CHINESE_DIGIT = "零〇一二两三四五六七八九"
# The financial (大写) forms, as amounts are written to be forged less easily: 壹佰贰拾万元. A
# capital digit is also a name (陆家嘴, 伍家岭), so one counts only with a place word after it
# (拾 佰 仟, or 万 亿 before another digit: 壹万贰仟); 参 is how 參 comes out of the traditional step.
_CAPITAL_DIGIT = "壹贰叁肆伍陆柒捌玖"
CAPITAL_NUMBER = (
    rf"(?:[{_CAPITAL_DIGIT}](?:[拾佰仟]|[万亿](?=[{_CAPITAL_DIGIT}]))|拾)"
    rf"[{_CAPITAL_DIGIT}参零拾佰仟万亿]{{0,18}}(?:点[{_CAPITAL_DIGIT}参零]{{1,6}})?"
)
CHINESE_NUMBER = (
    rf"(?:[{_CHINESE_DIGIT}十廿卅][{_CHINESE_DIGIT}十廿卅百千万亿兆]{{0,19}}(?:[点.][{_CHINESE_DIGIT}○]{{1,6}})?"
    rf"|{CAPITAL_NUMBER}"
    r"|[百千](?=[万亿])|[百千万](?=[余多])|[百千万兆](?<=[近上超逾数破][百千万兆])(?<!千上万))"
)
# The leading part of a number written in two parts (1亿2千万元, 2万5千人, 2兆41亿元, 1千2百家): digits and a
# large multiplier, taken only when digits and a smaller multiplier follow (the second part), or, after 万, the
# four digits of the units (9万2601人 and 15万8,640人, as Taiwan and Hong Kong papers write). A 零 after the
# multiplier marks its empty places (3亿零500万元, 1万零500人).
COMPOSITE_HEAD = (
    r"\d(?<![\d.]\d)\d{0,3}+(?:(?:万亿|兆|亿|万|千(?=\d百))零?(?=\d{1,5}+(?:,\d{3})*+(?:\.\d++)?(?:千万|百万|亿|万|千|百))"
    r"|万(?=\d{4}(?![\d.,])|\d,\d{3}(?![\d.,]))|万零(?=\d{1,3}(?![\d.,])))"
)
# PDF text layers space out the digits of a figure: 2 0个, 2 0 0 亿元. Only single digits (so
# that 2025 12家 stays a year and a count), ending before the unit or multiplier, a space
# before it allowed; a decimal part may end them (1 2.5亿元).
# It starts only where no "digit space" precedes, so a long spaced run is read once.
SPACED_DIGITS = r"\d(?<![\d.]\d)(?<!\d \d)(?: \d)++(?:[ \t]?\.[ \t]?\d++(?![\d.,eE])|(?![\d.,eE]|[ \t][\d.,eE]))"
# A space as the thousands separator (31 762万元, 1 234 567.5元), as typeset reports and their PDF
# text layers write it: one to three digits, then groups of exactly three after one space. It
# starts only where no "digit space digit" precedes, so a long spaced run is read once, and
# only where a number can start, so 2025 123家 stays a year and a count.
SPACED_THOUSANDS = r"\d(?<![\d.]\d)(?<!\d \d)\d{0,2}+(?: \d{3}(?!\d))++(?:\.\d++)?"
NUMBER = rf"(?:{SPACED_THOUSANDS}|{SPACED_DIGITS}|{ARABIC}|{CHINESE_NUMBER})"
RANGE_DASH = r"[-~至到]"
# The multipliers that may follow 余 or 多 after a smaller one: 3千多万元, 5百余万人, 1千多亿元.
_SECOND_MULTIPLIER = "万|亿"
LOWER_AFTER = ("以上", "余", "多", "超")
UPPER_AFTER = ("以下", "以内")
APPROX_AFTER = ("左右",)
LOWER_BEFORE = ("超过", "逾", "突破", "不低于", "不少于", "超", "上", "数", "几")
UPPER_BEFORE = ("不足", "不到", "不超过")
APPROX_BEFORE = ("约为", "约合", "约", "近", "将近", "接近", "大约", "大概")
# Words that end in 约 or 近 but say nothing of a figure's precision (新签约5个项目, 最近3年).
NOT_APPROX_BEFORE = (
    "签约", "预约", "合约", "契约", "制约", "节约", "集约", "公约", "条约", "履约", "违约", "特约", "邀约",
    "最近", "附近", "邻近", "临近", "靠近", "就近",
)
# Words right before a number that make it no quantity of the zone: ordinals and rates.
NOT_A_QUANTITY_BEFORE = ("第", "每", "/")
_NUMBER_CHARS = set("0123456789.")
_LEADING_ZERO = re.compile(r"0\d")
# A hyphen right before a figure is a minus sign (增长-3.2%, 投资-5亿元) unless what precedes it
# makes it a range or a code (2-3家, A-5).
_NOT_BEFORE_MINUS = re.compile(r"[0-9A-Za-z_.%)）\]-]")


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    factor: float
    dimension: str
    not_before: str = ""  # words (space-separated) that, right after the unit, make it part of a word (2成为)


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
    growth_column: bool = False  # a percent under a table's growth header (增长%): a growth rate


class Refused(NamedTuple):
    """A figure with a unit whose number cannot be read as a finite value (1e308亿元)."""

    start: int
    end: int
    raw: str
    reason: str


class Scan(NamedTuple):
    quantities: tuple[Quantity, ...]
    refused: tuple[Refused, ...]


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    with open(LEXICON / "units.csv", encoding="utf-8") as handle:
        return {
            row["surface"]: Unit(
                row["surface"], row["unit"], float(row["factor"]), row["dimension"], row.get("not_before") or ""
            )
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def multipliers() -> dict[str, float]:
    with open(LEXICON / "multipliers.csv", encoding="utf-8") as handle:
        return {row["surface"]: float(row["factor"]) for row in csv.DictReader(handle)}


def _alternation(words) -> str:
    # Longest first, so 个百分点 wins over 个 and 平方公里 over 公里.
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _unit_alternation(table: dict[str, Unit]) -> str:
    """Unit words longest first, each refused when a word of its not_before follows (2成为)."""
    return "|".join(
        _spaced_word(unit.surface) + _refused_after(unit.not_before)
        for unit in sorted(table.values(), key=lambda unit: len(unit.surface), reverse=True)
    )


def _refused_after(not_before: str) -> str:
    """A look-ahead refusing the unit before any of these space-separated words (为 立: 2成为;
    以上项目: 5个亿以上项目 counts projects, though 5个亿以上 alone is money)."""
    words = not_before.split()
    return f"(?!{'|'.join(re.escape(word) for word in words)})" if words else ""


# A PDF text layer may put a space anywhere inside a unit word (平方公 里, 公 顷, 个百 分点): one
# space or tab is allowed between any two of its Chinese characters; unit_of() reads it back.
_WORD_SPACE = "[ \t]?"
_SPACES_IN_WORD = re.compile(r"[ \t]")


def _spaced_word(surface: str) -> str:
    """A unit word as a pattern that allows one space or tab between two of its Chinese characters."""
    if len(surface) < 2 or not all("\u4e00" <= char <= "\u9fff" for char in surface):
        return re.escape(surface)
    return _WORD_SPACE.join(re.escape(char) for char in surface)


def unit_of(table: dict[str, Unit], word: str) -> Unit:
    """The unit a matched unit word names, spaces inside it (平方公 里) left out."""
    return table[word] if word in table else table[_SPACES_IN_WORD.sub("", word)]


@lru_cache(maxsize=1)
def quantity_source() -> str:
    """The pattern of a quantity: a number, an optional multiplier and a unit (scan() looks for it
    with _figure_scanner, which lets the engine skip ahead to where a number can start)."""
    # ARABIC refuses to start inside a number right after its first digit. Every repeat is
    # bounded or possessive, so the scan is linear on any text.
    # A range may name its multiplier on both ends (1.2万-1.5万家, 5亿至8亿元); a second
    # multiplier may follow 余 or 多 (3千多万元 is more than 3千万元).
    mult = _alternation(multipliers())
    return (
        rf"(?P<head>{COMPOSITE_HEAD})?(?P<low>{NUMBER})"
        rf"(?:(?P<lowmult>{mult})?[ \t]*+(?P<dash>{RANGE_DASH})[ \t]*+(?P<high>{NUMBER}))?"
        rf"[ \t]?(?P<more>余|多|几)?(?:(?P<mult>{mult})(?:(?P<more2>余|多)(?P<mult2>{_SECOND_MULTIPLIER})?)?)?[ \t]?"
        rf"(?P<unit>{_unit_alternation(units())})"
        r"(?![a-zA-Z])"
    )


# Every quantity starts with a digit or one of these characters (the first characters NUMBER allows).
_FIRST_CHARACTER = rf"[\d{_CHINESE_DIGIT}{_CAPITAL_DIGIT}十廿卅拾百千万兆]"


@lru_cache(maxsize=4)
def _figure_scanner(source: str) -> re.Pattern:
    """A pattern that starts with a number, tried only where a number can start: a pattern that
    opens with a character class lets the engine skip ahead over the rest of the text at C speed,
    which an optional group or an alternation in front prevents. One character is consumed; the
    match of `source` is the group `figure`, matched in a look-ahead from that character (a
    look-ahead keeps its groups), so it is found at every place `source` matches, in order."""
    return re.compile(rf"{_FIRST_CHARACTER}(?<=(?=(?P<figure>{source})){_FIRST_CHARACTER})")


def _figure_matches(source: str, text: str):
    """The matches of re.finditer(source, text), `source` starting with a number: the scanner's
    (group `figure`), each searched for from where the one before ends, as finditer goes on."""
    search = _figure_scanner(source).search
    position = 0
    while (match := search(text, position)) is not None:
        yield match
        position = match.end("figure")


def _tidy(value: float) -> float:
    """Drop float noise from unit factors (132.7 × 1e8 -> 13270000000.0)."""
    return float(f"{value:.12g}")


def _is_valid_chinese(text: str) -> bool:
    # A lone Chinese digit run into a word (统一, 进一步) is caught by needing a unit right
    # after; here we only refuse digit strings like 一二 that are no numeral.
    return not (len(text) > 1 and all(char in DIGITS for char in text) and len(text) < 4)


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in normalised text, in order (a report's are read once, by loaders.document)."""
    return scan(text).quantities


def refused_figures(text: str) -> tuple[Refused, ...]:
    """Figures with a unit whose number could not be read (the quality checks report them)."""
    return scan(text).refused


def scan(text: str) -> Scan:
    """Quantities and refused figures of normalised text, read once."""
    quantities: list[Quantity] = []
    refused: list[Refused] = []
    reader = _MatchReader(text)
    for match in _figure_matches(quantity_source(), text):
        read = reader.read(match, quantities[-1].end if quantities else -1)
        if isinstance(read, Quantity):
            quantities.append(read)
        elif isinstance(read, Refused):
            refused.append(read)
    if "分之" in text:
        quantities.extend(_percents_in_words(text))
        quantities.sort(key=lambda quantity: quantity.start)
    if "地" in text or "面积" in text:  # land in square metres follows a land or zone-area word (占地…, 规划面积)
        quantities = [_as_land(text, quantity) for quantity in quantities]
    if "兆" in text:  # 产值破兆: a trillion with no unit after it (Taiwan news); most reports have no 兆
        taken = {quantity.start for quantity in quantities}
        quantities.extend(found for found in _bare_trillions(text) if found.start not in taken)
        quantities.sort(key=lambda quantity: quantity.start)
    if "分别" in text or "依次" in text:  # a list sharing one unit follows one of these: most reports have none
        quantities.extend(_sharing_the_unit_after(text, quantities))
        quantities.sort(key=lambda quantity: quantity.start)
    if _BARE_GROWTH_CUE.search(text):  # a growth word right before a figure: most texts have one, few bare
        taken = {quantity.start for quantity in quantities}
        quantities.extend(found for found in _bare_growths(text) if found.start not in taken)
        quantities.sort(key=lambda quantity: quantity.start)
    if _BARE_COUNT_END.search(text):  # a bare count ends so: a report without one needs no scan for them
        taken = {quantity.start for quantity in quantities}
        quantities.extend(found for found in _bare_counts(text) if found.start not in taken)
        quantities.sort(key=lambda quantity: quantity.start)
    return Scan(tuple(quantities), tuple(refused))


def _minus_sign(text: str, start: int, previous_end: int) -> bool:
    """A hyphen right before the figure at `start` that is a minus sign (增长-3.2%), not a dash
    between two figures (2-3, 5亿元-10亿元: the figure before ends at the hyphen)."""
    if start < 1 or text[start - 1] != "-" or previous_end == start - 1:
        return False
    return not (start >= 2 and _NOT_BEFORE_MINUS.match(text[start - 2]))


_GROUPS = ("head", "low", "lowmult", "dash", "high", "more", "mult", "more2", "mult2", "unit")


class _MatchReader:
    """Reads the matches of the quantity pattern in one text; the unit and multiplier tables are
    fetched once per text, not once per figure (a report has thousands)."""

    def __init__(self, text: str):
        self.text = text
        self.units = units()
        self.factors = multipliers()

    def read(self, match: re.Match, previous_end: int) -> Quantity | Refused | None:
        """One match read as a quantity, refused, or None when it is none; previous_end is where
        the quantity before it ends."""
        text, factors = self.text, self.factors
        start = match.start("figure")
        if start and text[start - 1] in _NUMBER_CHARS:
            return None
        head, low_text, lowmult, dash, high_text, more, mult, more2, mult2, unit_word = match.group(*_GROUPS)
        pair = _neighbour_digits(low_text) if not high_text and len(low_text) == 2 else None
        if pair:
            low_text, high_text = pair  # 两三家, 七八个: two neighbouring digits are a range
        elif not low_text[0].isdigit() and not _is_valid_chinese(low_text):
            return None
        if not head and _LEADING_ZERO.match(low_text):
            return None  # 5 000万元: the tail of a number spaced out in thousands, not a figure of 0
        unit = unit_of(self.units, unit_word)
        if mult and unit.dimension == "percent":
            return None
        sign = 1.0
        if low_text[0].isdigit() and _minus_sign(text, start, previous_end):
            sign, start = -1.0, start - 1
        factor = unit.factor * (factors[mult] if mult else 1.0) * (factors[mult2] if mult2 else 1.0)
        low_factor = unit.factor * factors[lowmult] if lowmult else factor
        try:
            head_value = _head_value(match, factors, unit) if head else 0.0
        except ValueError:
            head_value, start = 0.0, match.start("low")  # 3万2万平方米: only the second part is a figure
        try:
            value = sign * (parse_any(low_text) * low_factor + head_value)
            value_max = parse_any(high_text) * factor if high_text else None
        except ValueError:
            return None
        end = match.end("figure")
        tenth = _tenth_after_cheng(text, end) if unit_word == "成" and not high_text else None
        if tenth is not None:  # 两成二 = 2.2成 = 22%: the digit after 成 counts hundredths of the whole
            value, end = value + sign * tenth * unit.factor, end + 1
        if not math.isfinite(value) or (value_max is not None and not math.isfinite(value_max)):
            return Refused(start, end, text[start:end], "reason.out_of_range")
        if value_max is not None and (dash or "-") in "-~" and value_max < value:
            # 1-10 with a unit after is a range; a smaller second number is something else.
            return None
        before = _words_before(text, start)
        if high_text:  # a range, or two neighbouring digits
            bound: str | None = "range"
        elif more or more2 or text.startswith(LOWER_AFTER, end) or before.endswith(LOWER_BEFORE):
            bound = "lower"
        elif text.startswith(UPPER_AFTER, end) or before.endswith(UPPER_BEFORE):
            bound = "upper"
        else:
            bound = None
        return Quantity(
            start,
            end,
            _tidy(value),
            unit.unit,
            unit.dimension,
            text[start:end],
            _tidy(value_max) if value_max is not None else None,
            _approximate(before, text, end),
            bound,
            _is_rate(text, start, end),
        )


# 两成二, 五成七 (22%, 57%): one Chinese digit right after 成 adds tenths of a 成, as news and Taiwan
# papers write a share or a growth. Not when the digit starts another number or a word (三成一体, 五成一片).
_AFTER_THE_TENTH = set(_CHINESE_DIGIT) | set("十百千万亿兆点.成倍个家项人名元%体片致线条批期级流样段道")


def _tenth_after_cheng(text: str, end: int) -> float | None:
    """The tenth of a 成 written right after it (两成二 -> 0.2), or None when none is."""
    digit = text[end : end + 1]
    if digit not in DIGITS or not DIGITS[digit] or text[end + 1 : end + 2] in _AFTER_THE_TENTH:
        return None
    return DIGITS[digit] / 10


def _neighbour_digits(text: str) -> tuple[str, str] | None:
    """两三 -> (两, 三): two Chinese digits in a row, the second one more, say 'two or three'."""
    if len(text) == 2 and all(char in DIGITS for char in text) and DIGITS[text[1]] == DIGITS[text[0]] + 1:
        return text[0], text[1]
    return None


def _head_value(match: re.Match, factors: dict[str, float], unit: Unit) -> float:
    """The leading part of a two-part number (1亿 of 1亿2千万元, 1兆 of 1兆2千亿元) in the unit's base,
    or 0 when there is none; ValueError when the second part is not smaller than one of the first
    part's multiplier (1亿2亿元 is no number). A unit that is itself a multiplier (亿) leaves the
    leading part's multiplier as it is: 1兆2千亿元 is 1.2兆元."""
    head = (match["head"] or "").removesuffix("零")  # 1万零500: the 零 marks the empty places, it is no digit
    if not head:
        return 0.0
    digits = head.rstrip("万亿兆千")
    scale = 1.0 if match["unit"] in factors else unit.factor
    if head.endswith("千"):  # 1千2百家, 3千2百万元 (= 3200万元): the 万 or 亿 after 百 scales the 千 too
        scale = unit.factor * (factors[match["mult"][1:]] if match["mult"] and len(match["mult"]) > 1 else 1.0)
    head_factor = factors[head[len(digits) :]] * scale
    multiplier = (factors[match["mult"]] if match["mult"] else 1.0) * (factors[match["mult2"]] if match["mult2"] else 1.0)
    rest = parse_any(match["low"]) * multiplier * unit.factor
    units_after_wan = head.endswith("万") and not match["mult"]  # 9万2601人: the second part is the units
    if match["high"] or not (match["mult"] or units_after_wan) or rest >= head_factor:
        raise ValueError(f"not a two-part number: {match['figure']!r}")
    return parse_number(digits) * head_factor


# A currency named before the number (超过新台币3000亿元, 约人民币5亿元) stands between it and its bound word.
CURRENCY_BEFORE = ("新台币", "人民币", "港币")


def _words_before(text: str, start: int) -> str:
    """The four characters before a figure, a currency named right before it left out."""
    before = text[max(0, start - 7) : start]
    if before.endswith(CURRENCY_BEFORE):
        for currency in CURRENCY_BEFORE:
            if before.endswith(currency):
                before = before[: -len(currency)]
                break
    return before[-4:]


def _is_approximate(text: str, start: int, end: int) -> bool:
    return _approximate(_words_before(text, start), text, end)


def _approximate(before: str, text: str, end: int) -> bool:
    """约 or 近 before the figure (not as the end of 签约, 最近), or 左右 after it."""
    if before.endswith(APPROX_BEFORE) and not before.endswith(NOT_APPROX_BEFORE):
        return True
    return text.startswith(APPROX_AFTER, end)


_RATE_BEFORE = re.compile(r"每[^\d，。；]{0,3}$")


def _is_rate(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 4) : start]
    return (
        before.endswith(NOT_A_QUANTITY_BEFORE)
        or ("每" in before and bool(_RATE_BEFORE.search(before)))
        or text.startswith(("/", "每"), end)  # 180万元/亩: a rate
    )


# A fraction in words, the whole first: 百分之十二 (12%), 三分之一, 千分之五. The whole is a short
# numeral (bounded), so a long run of numeral characters costs a bounded number of steps at each place.
_FRACTION_IN_WORDS = re.compile(rf"(?P<whole>[{_CHINESE_DIGIT}十百千万]{{1,3}}|\d{{1,4}})分之(?P<number>{NUMBER})")


def _percents_in_words(text: str) -> list[Quantity]:
    """百分之十二, 三分之一: a percent or a fraction written as words, as a percent."""
    quantities = []
    for match in _FRACTION_IN_WORDS.finditer(text):
        try:
            whole, part = parse_any(match["whole"]), parse_any(match["number"])
        except ValueError:
            continue
        if whole <= 0 or not math.isfinite(part) or (whole != 100 and part > whole):
            continue
        value = part if whole == 100 else part / whole * 100
        quantities.append(Quantity(match.start(), match.end(), _tidy(value), "%", "percent", match.group(0)))
    return quantities


# 产值破兆, 营业额逾兆: a bare 兆 (a trillion, as Taiwan writes 万亿) right after a word of passing or
# nearing it, no unit after, is a sum of money; 兆瓦, 兆伏安, 兆字节 and 一兆二千亿元 are read elsewhere.
_BARE_TRILLION = re.compile(r"兆(?<=[破超逾过近]兆)(?![瓦伏赫字帕焦欧元亿万位级比次吨\dA-Za-z%])")


def _bare_trillions(text: str) -> list[Quantity]:
    """破兆, 逾兆: one trillion yuan, a lower bound (near it: approximate)."""
    found = []
    for match in _BARE_TRILLION.finditer(text):
        start, end = match.span()
        before = _words_before(text, start)
        approximate = _approximate(before, text, end)
        found.append(
            Quantity(start, end, float(TRILLION), "CNY", "money", match.group(), approximate=approximate,
                     bound=None if approximate else "lower")
        )
    return found


@lru_cache(maxsize=1)
def bare_count_nouns() -> dict[str, Unit]:
    """Nouns that say what a number in 万 with no measure word counts (产业工人近20万)."""
    with open(LEXICON / "bare_counts.csv", encoding="utf-8") as handle:
        return {row["surface"]: Unit(row["surface"], row["unit"], 1.0, row["dimension"]) for row in csv.DictReader(handle)}


# A number in 万 that ends its clause: no unit follows (产业工人近20万，). Only a count word and a
# linking verb may stand between the noun and the number (企业总数达1.2万), within _BARE_COUNT_REACH
# characters: 奖励员工培训费20万 is money.
_BARE_COUNT = rf"(?P<number>{NUMBER})万(?P<more>余|多)?(?=[，。；、,;！？）)\s]|大关|$)"
_BARE_COUNT_END = re.compile(r"万(?:余|多)?(?=[，。；、,;！？）)\s]|大关|$)")  # how every bare count ends (突破10万大关 too)
_BARE_COUNT_REACH = 10
_BARE_COUNT_LINK = r"(?:总数|人数|数量|总量|规模)?(?:达到|达|为|约为|约|近|超过|超|逾|突破|共计|共|有|了|已)*"


@lru_cache(maxsize=1)
def _bare_count_noun() -> re.Pattern:
    return re.compile(rf"(?P<noun>{_alternation(bare_count_nouns())}){_BARE_COUNT_LINK}$")


def _bare_counts(text: str) -> list[Quantity]:
    """产业工人近20万, 入驻企业1.2万余: a count in 万 with no measure word, read as people or firms when
    a noun of bare_counts.csv stands right before it in its clause."""
    nouns = bare_count_nouns()
    found = []
    for match in _figure_matches(_BARE_COUNT, text):
        start = match.start("figure")
        if start and text[start - 1] in _NUMBER_CHARS:
            continue
        before = text[max(0, start - _BARE_COUNT_REACH) : start]
        named = _bare_count_noun().search(before)
        if named is None:
            continue
        noun = nouns[named["noun"]]
        try:
            value = parse_any(match["number"]) * multipliers()["万"]
        except ValueError:
            continue
        if not math.isfinite(value):
            continue
        end = match.end("figure")
        found.append(
            Quantity(
                start, end, _tidy(value), noun.unit, noun.dimension, text[start:end],
                approximate=_is_approximate(text, start, end),
                bound="lower" if match["more"] or before.endswith(LOWER_BEFORE) else None,
            )
        )
    return found


# 分别为120、8亿元: bare numbers listed after 分别/依次 that share the unit of the list's last figure.
_SHARED_UNIT_LIST = re.compile(
    r"(?:分别|依次)(?:为|是|达到|达)(?P<list>(?:-?\d{1,12}+(?:\.\d{1,12}+)?(?:、|和|与|及))++)"
)
_PLAIN_NUMBER = re.compile(r"-?\d{1,12}+(?:\.\d{1,12}+)?")


def _sharing_the_unit_after(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """营业收入、利润分别为120、8亿元: the bare numbers of a 分别 list take the unit (and multiplier) of
    the figure that ends the list, whose own number is written plainly (8亿元, not 8千万元 or 3-5亿元)."""
    starts = {quantity.start: quantity for quantity in quantities}
    found = []
    for listed in _SHARED_UNIT_LIST.finditer(text):
        last = starts.get(listed.end())
        if last is None or last.value_max is not None:
            continue
        own = _PLAIN_NUMBER.match(last.raw)
        if own is None or float(own.group()) == 0:
            continue
        factor = last.value / float(own.group())
        for number in _PLAIN_NUMBER.finditer(text, listed.start("list"), listed.end("list")):
            value = float(number.group()) * factor
            found.append(Quantity(number.start(), number.end(), _tidy(value), last.unit, last.dimension, number.group()))
    return found


# 同比增长12.5， (a work summary that writes growth rates without their % sign): a number right after a
# growth word that ends its clause with no unit is a percentage; a whole number only after a comparison
# (同比增长23。, not 人数增长了20。 or 增加12家 said without its measure word).
_BARE_GROWTH = re.compile(
    r"(?P<compared>同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期|比去年同期|较去年同期)?"
    r"(?:增长|下降|增幅为|增速为|增幅|增速)了?(?P<number>-?\d{1,3}+(?P<decimals>\.\d{1,3}+)?)(?=[，。；,;）)、和\n]|$)"
)
_BARE_GROWTH_CUE = re.compile(r"(?:增长|下降|增幅|增速)了?-?\d{1,3}+(?:\.\d{1,3}+)?(?:[，。；,;）)、\n]|$)")
# A rate or a share changing (增速比上年下降2.1, 比重提高2.5): percentage points, not a growth rate.
_A_RATE_CHANGING = re.compile(r"(?:增速|增幅|比重|占比|率)[^，。；,;]{0,6}$")


def _bare_growths(text: str) -> list[Quantity]:
    """同比增长12.5, 下降3.2。: growth rates written without their % sign."""
    found = []
    for match in _BARE_GROWTH.finditer(text):
        start, end = match.span("number")
        if not (match["decimals"] or match["compared"]) or _A_RATE_CHANGING.search(text, max(0, match.start() - 8), match.start()):
            continue
        found.append(Quantity(start, end, _tidy(float(match["number"])), "%", "percent", text[start:end]))
        while (listed := _BARE_GROWTH_LISTED.match(text, end)) is not None:  # 分别增长12.3、8.5和6.1
            start, end = listed.span("number")
            found.append(Quantity(start, end, _tidy(float(listed["number"])), "%", "percent", text[start:end]))
    return found


# The next growth rate of a list written without % signs (12.3、8.5和6.1): decimals only.
_BARE_GROWTH_LISTED = re.compile(r"[、和](?P<number>-?\d{1,3}+\.\d{1,3}+)(?=[，。；,;）)、和\n]|$)")


# 占地面积22万平方米, 规划用地约50万平方米, 建成区面积350万平方米: square metres right after a word for land or
# for a zone's area measure land, not floor space, and are read as an area in km2 (a building's 建筑面积, and
# 总面积 said of housing, stay floor area).
_LAND_BEFORE = re.compile(
    r"(?:占地|佔地|占地面积|佔地面積|用地面积|用地面積|土地面积|土地面積|规划用地|規劃用地|规划面积|規劃面積"
    r"|规划总面积|建成区面积|建成面积|开发面积|控制面积)"
    r"(?:约为|约|約|达到|达|達|为|為|共|近|超过|超過|逾)?$"
)
_LAND_REACH = 8  # characters a land word (and a linking word) may hold before the figure
_SQUARE_METRE_KM2 = 1e-6


def _as_land(text: str, quantity: Quantity) -> Quantity:
    if quantity.unit != "m2" or not _LAND_BEFORE.search(text, max(0, quantity.start - _LAND_REACH), quantity.start):
        return quantity
    scaled = quantity.value_max * _SQUARE_METRE_KM2 if quantity.value_max is not None else None
    return quantity._replace(value=quantity.value * _SQUARE_METRE_KM2, unit="km2", dimension="area", value_max=scaled)

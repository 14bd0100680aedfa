"""Arabic, full-width and Chinese numerals -> numbers.

Chinese numerals are read by cn2an (a maintained converter); the few forms it leaves out
(卅, 卌, a bare 万, 千 or 百: 千万, 万余, a full stop for 点) are spelt out first.

>>> parse_number("1,234.5")
1234.5
>>> parse_number("24. 3")
24.3
>>> parse_number("2 0")
20.0
>>> parse_number("1.2E+3")
1200.0
>>> parse_chinese("二十七")
27
>>> parse_chinese("一万")
10000
>>> parse_chinese("三千五百")
3500
>>> parse_chinese("十")
10
>>> parse_chinese("二〇一〇"), parse_chinese("二○二五")
(2010, 2025)
>>> parse_chinese("两")
2
>>> parse_chinese("一万二")
12000
>>> parse_chinese("卅二"), parse_chinese("廿"), parse_chinese("千")
(32, 20, 1000)
>>> parse_chinese("二点五")
2.5
>>> parse_chinese("一兆二千亿"), parse_chinese("兆"), parse_chinese("三兆零二百七十六亿")
(1200000000000, 1000000000000, 3027600000000)
>>> parse_chinese("十二.八四")
12.84
>>> parse_chinese("壹佰参拾万"), parse_chinese("叁仟伍佰")
(1300000, 3500)
"""

from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# An Arabic number as written in reports: thousands separators, a decimal point with stray
# spaces around it ("24. 3"), an exponent (1.2E+3), no sign (下降 carries the sign).
# Linear on any input: it cannot start inside a run of digits (the look-behind right after
# the first digit keeps the engine's fast scan for a digit), and every repeat is possessive.
ARABIC = r"\d(?<![\d.]\d)\d*+(?:,\d{3})*+(?:[ \t]?\.[ \t]?\d++)?(?:[eE][+-]?\d++)?"

_SPACES = re.compile(r"[\s,]")
# What cn2an does not read, spelt out: 卅二 -> 三十二; 千万 -> 一千万; the circles typed for 〇
# in dates (二○二五年); a decimal point typed as a full stop (九.六四%, 五十.○八%); the capital
# three 參 as the traditional step simplifies it (参).
_SPELT_OUT = {"廿": "二十", "卅": "三十", "卌": "四十", "○": "〇", "◯": "〇", ".": "点", "参": "叁"}
_BARE_LEADING_UNIT = re.compile(r"^(?=[百千万兆])")
TRILLION = 10**12


def parse_number(text: str) -> float:
    """An Arabic number (half-width, separators, stray spaces and an exponent allowed) -> float."""
    try:
        return float(text)  # most figures are plain digits: no separator or space to take out
    except ValueError:
        return float(_SPACES.sub("", text))


def parse_chinese(text: str) -> int | float:
    """A Chinese numeral -> number (ValueError when it is none)."""
    value = _read_chinese(text)
    if value is None:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return value


@lru_cache(maxsize=4096)
def _read_chinese(text: str) -> int | float | None:
    """cn2an's reading, or None; cached: reports repeat the same few numerals (十, 两, 二〇二五)."""
    spelt = _BARE_LEADING_UNIT.sub("一", "".join(_SPELT_OUT.get(char, char) for char in text))
    plain = _plain_numeral(spelt)
    if plain is not None:
        return plain
    import cn2an  # imported on first use: 0.1 s that only reports with other Chinese numerals pay

    if "兆" in spelt:  # 一兆二千亿 (Taiwan: 兆 = 万亿), which cn2an does not read: the two parts apart
        trillions, _, rest = spelt.partition("兆")
        rest = rest.lstrip("零〇")  # 三兆零二百七十六亿: the 零 only marks the empty 千亿 place
        high, low = _read_chinese(trillions), _read_chinese(rest) if rest else 0
        return None if high is None or low is None or low >= TRILLION else high * TRILLION + low
    try:
        return cn2an.cn2an(spelt, "normal")
    except (ValueError, KeyError, IndexError):
        return None


def _plain_numeral(text: str) -> int | None:
    """The numerals most reports write, read as cn2an reads them: digits one after another (二〇二五,
    两), and 十 with a digit before or after it or both (十, 十二, 三十, 九十九); None for any other."""
    if text and all(char in DIGITS for char in text):
        return int("".join(str(DIGITS[char]) for char in text))
    tens, ten, ones = text.partition("十")
    if ten and tens in _ONE_TO_NINE_OR_NONE and ones in _ONE_TO_NINE_OR_NONE:
        return DIGITS.get(tens, 1) * 10 + DIGITS.get(ones, 0)
    return None


_ONE_TO_NINE_OR_NONE = {"", *(char for char, value in DIGITS.items() if value)}


def parse_any(text: str) -> float:
    """Arabic or Chinese numeral -> float."""
    stripped = text.strip()
    if stripped[:1].isdigit():
        return parse_number(stripped)
    return float(parse_chinese(stripped))

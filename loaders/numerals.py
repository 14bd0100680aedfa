"""Arabic, full-width and Chinese numerals -> numbers.

>>> parse_number("1,234.5")
1234.5
>>> parse_number("24. 3")
24.3
>>> parse_chinese("二十七")
27
>>> parse_chinese("一万")
10000
>>> parse_chinese("三千五百")
3500
>>> parse_chinese("十")
10
>>> parse_chinese("二〇一〇")
2010
>>> parse_chinese("两")
2
"""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}

# An Arabic number as written in reports: thousands separators, a decimal point with stray
# spaces around it ("24. 3"), no sign (下降 carries the sign).
ARABIC = r"\d+(?:,\d{3})*(?:[ \t]?\.[ \t]?\d+)?"

_SPACES = re.compile(r"[\s,]")


def parse_number(text: str) -> float:
    """An Arabic number (half-width, separators and stray spaces allowed) -> float."""
    return float(_SPACES.sub("", text))


def parse_chinese(text: str) -> int:
    """A Chinese numeral -> int; digit-by-digit strings (二〇一〇) read positionally."""
    if text and all(char in DIGITS for char in text) and len(text) > 1:
        return int("".join(str(DIGITS[char]) for char in text))
    total = section = digit = 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in SMALL_UNITS:
            section += (digit or 1) * SMALL_UNITS[char]
            digit = 0
        elif char in LARGE_UNITS:
            section += digit
            total = (total + section) * LARGE_UNITS[char] if LARGE_UNITS[char] > 10_000 else total + section * LARGE_UNITS[char]
            section = digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + digit


def parse_any(text: str) -> float:
    """Arabic or Chinese numeral -> float."""
    stripped = text.strip()
    if re.fullmatch(ARABIC, stripped):
        return parse_number(stripped)
    return float(parse_chinese(stripped))

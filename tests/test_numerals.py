"""The numerals read without cn2an are read exactly as cn2an reads them."""

from __future__ import annotations

import itertools

import cn2an

from loaders.text.numerals import _plain_numeral

_CHARACTERS = "零〇一二两三四五六七八九十"


def _cn2an(text: str) -> int | float | None:
    try:
        return cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError):
        return None


def test_plain_numerals_are_read_as_cn2an_reads_them():
    read = 0
    for length in (1, 2, 3):
        for characters in itertools.product(_CHARACTERS, repeat=length):
            text = "".join(characters)
            plain = _plain_numeral(text)
            if plain is not None:
                read += 1
                expected = _cn2an(text)
                assert (plain, type(plain)) == (expected, type(expected)), text
    assert read > 1000  # digits one after another and every 十 form up to three characters


def test_long_digit_runs_and_years_are_read_as_cn2an_reads_them():
    for text in ("二〇二五", "两〇〇一", "一九九八", "零零七", "二〇二五一二三一"):
        assert _plain_numeral(text) == _cn2an(text), text


def test_other_numerals_are_left_to_cn2an():
    for text in ("一百", "三千五百", "一万二", "十零", "零十", "二点五", "一十一万"):
        assert _plain_numeral(text) is None, text

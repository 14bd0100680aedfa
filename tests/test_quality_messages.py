"""The quality checks' messages: one table holds each message in Chinese and English."""

from __future__ import annotations

import json
import re

import pytest

from loaders.pipeline.extract import extract_text
from loaders.quality import messages as quality_messages

FIELDS = re.compile(r"\{(\w+)")
KEYS = sorted(quality_messages.templates())


@pytest.mark.parametrize("key", KEYS)
def test_each_message_names_the_same_arguments_in_both_languages(key):
    zh, en = (quality_messages.templates()[key][lang] for lang in ("zh", "en"))
    assert zh and en
    assert set(FIELDS.findall(zh)) == set(FIELDS.findall(en))
    assert not re.search(r"[\u3400-\u9fff（），：；。]", re.sub(r"\{[^}]*\}|“|”", "", en)), en


# Made-up reports that raise one check each; the English message must be rendered, not the stored Chinese.
CASES = [
    ("某开发区2025年完成固定资产投资10亿元，其中12亿元用于工业。", "part_exceeds_whole",
     "One part, 12亿元 (Investment (all)), is larger than its whole, 10亿元 (Investment (all))"),
    ("某开发区营业收入1e308亿元。", "unreadable_number",
     "1e308亿元 cannot be read as a number (the number is out of the representable range); left out"),
    ("全年营业收入20亿元。", "no_zone_name", None),
]


@pytest.mark.parametrize(("text", "check", "english"), CASES)
def test_a_check_reads_in_english_from_its_key_and_arguments(text, check, english):
    rows = [row for row in extract_text(text)["quality"] if row["check"] == check]
    assert rows, f"no {check} row"
    row = rows[0]
    encoded = json.loads(row["message_args"])
    assert quality_messages.render(encoded["key"], encoded["args"], "zh") == row["message"]
    shown = quality_messages.localized(row["message"], row["message_args"], "en")
    assert shown != row["message"]
    if english is not None:
        assert shown == english


def test_rows_without_arguments_keep_their_stored_message():
    assert quality_messages.localized("旧提示", None, "en") == "旧提示"
    assert quality_messages.localized("旧提示", '{"key": "gone", "args": {}}', "en") == "旧提示"

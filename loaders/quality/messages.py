"""The quality checks' messages in Chinese and English, from one table (lexicon/quality_messages.csv).

A quality row keeps its message's key and arguments (`message_args`, JSON), so the dashboard shows
the same message in either language; the `message` column is the Chinese one.

>>> render("unplaced_number", {"raw": "3亿元", "reason": "reason.no_wording_nearby"}, "en")
'3亿元 has a money or area unit but was not assigned to an indicator (no indicator wording nearby)'
>>> render("implausible_year", {"count": 1, "year": 2300, "first": 1949, "last": 2040}, "en")
'1 figure belongs to 2300, outside 1949–2040; please check the year'
"""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache

from ..contract.schema import LEXICON, metrics

LANGUAGES = ("zh", "en")
_FIELD = re.compile(r"\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}")  # {name} or {count|singular|plural}
METRIC_ARGS = ("metric", "whole_metric", "actual_metric")  # arguments holding a metric id, shown by its label
REASON_PREFIX = "reason."  # arguments holding a reason key, shown by its text


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, str]]:
    with open(LEXICON / "quality_messages.csv", encoding="utf-8") as handle:
        return {row["key"]: {lang: row[lang] for lang in LANGUAGES} for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _metric_labels() -> dict[str, dict[str, str]]:
    table = metrics()
    return {lang: dict(zip(table["metric"], table[f"label_{lang}"], strict=True)) for lang in LANGUAGES}


def render(key: str, args: dict, lang: str = "zh") -> str:
    """The message `key` with its arguments, in `lang` (metric ids and reason keys in words)."""
    lang = lang if lang in LANGUAGES else "zh"
    words = {name: _word(name, value, lang) for name, value in args.items()}

    def fill(match: re.Match) -> str:
        name, singular, plural = match.groups()
        if singular is not None:
            return singular if args.get(name) == 1 else plural
        return words.get(name, match.group(0))

    return _FIELD.sub(fill, templates()[key][lang])


def _word(name: str, value, lang: str) -> str:
    if name in METRIC_ARGS:
        return _metric_labels()[lang].get(str(value), str(value))
    if isinstance(value, str) and value.startswith(REASON_PREFIX) and value in templates():
        return templates()[value][lang]
    return str(value)


def encode(key: str, args: dict) -> str:
    """The `message_args` cell: the key and arguments as JSON (sorted, so builds stay byte-identical)."""
    return json.dumps({"key": key, "args": args}, ensure_ascii=False, sort_keys=True)


def localized(message: str, message_args, lang: str) -> str:
    """A row's message in `lang`: rendered from message_args when present and known, else as stored."""
    if lang == "zh" or not isinstance(message_args, str) or not message_args:
        return message
    try:
        encoded = json.loads(message_args)
        return render(encoded["key"], encoded["args"], lang)
    except (ValueError, KeyError, TypeError):
        return message

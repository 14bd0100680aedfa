"""The facts extractor's lexicon: metric wordings, cue words, scopes and statuses, compiled once.

Everything here is read from loaders/lexicon/ (data, not code); facts/read.py and facts/scopes.py ask.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..contract.schema import LEXICON
from ..lexicon_files import read_yaml

METRIC_DIMENSION = {"CNY": "money", "km2": "area", "count": "count", "person": "person"}
NOT_A_METRIC = "-"  # metric_keywords.csv rows for wordings that look like a metric's but are not
@dataclass(frozen=True)
class Keyword:
    word: str
    metric: str
    project_metric: str
    cumulative: bool


@lru_cache(maxsize=1)
def metric_units() -> dict[str, str]:
    with open(LEXICON / "metrics.csv", encoding="utf-8") as handle:
        return {row["metric"]: row["unit"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def keywords() -> list[Keyword]:
    with open(LEXICON / "metric_keywords.csv", encoding="utf-8") as handle:
        return [
            Keyword(row["keyword"], row["metric"], row["project_metric"] or row["metric"], row["cumulative"] == "true")
            for row in csv.DictReader(handle)
        ]


class Words(list):
    """A word list of cues.yaml that keeps its compiled pattern: the rules ask for one ~100k times per
    4 MB of reports, and a look-up by the words themselves (a tuple to hash) costs more than the search."""

    compiled: re.Pattern | None = None


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    table = read_yaml("cues.yaml")
    return {
        key: Words(value) if isinstance(value, list) and all(isinstance(word, str) for word in value) else value
        for key, value in table.items()
    }


def pattern_of(words: list[str] | tuple[str, ...]) -> re.Pattern:
    """word_pattern(words), compiled once per cue list."""
    if isinstance(words, Words):
        if words.compiled is None:
            words.compiled = word_pattern(tuple(words))
        return words.compiled
    return word_pattern(tuple(words))


@lru_cache(maxsize=1)
def scope_words() -> list[tuple[str, str]]:
    """Scope words in the order of scopes.csv: the first found wins (规上 before 工业企业)."""
    with open(LEXICON / "scopes.csv", encoding="utf-8") as handle:
        return [(row["word"], row["scope"]) for row in csv.DictReader(handle)]


@lru_cache(maxsize=1)
def project_statuses() -> list[tuple[str, str, int]]:
    with open(LEXICON / "statuses.csv", encoding="utf-8") as handle:
        rows = [(row["word"], row["status"], int(row["strength"])) for row in csv.DictReader(handle) if row["table"] == "projects"]
    return sorted(rows, key=lambda row: -len(row[0]))


@lru_cache(maxsize=256)
def word_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=1)
def keyword_pattern() -> re.Pattern:
    return word_pattern(tuple(keyword.word for keyword in keywords()))


@lru_cache(maxsize=1)
def keyword_index() -> dict[str, Keyword]:
    return {keyword.word: keyword for keyword in keywords()}


def has(words: list[str] | tuple[str, ...], text: str) -> bool:
    return bool(words) and bool(pattern_of(words).search(text))


@lru_cache(maxsize=1)
def status_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word, _, _ in project_statuses()))

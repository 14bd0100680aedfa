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
def dimension_of_metric() -> dict[str, str | None]:
    """The dimension (money, area, count, person) of each metric's unit; None for other units."""
    return {metric: METRIC_DIMENSION.get(unit) for metric, unit in metric_units().items()}


@lru_cache(maxsize=1)
def keywords() -> list[Keyword]:
    with open(LEXICON / "metric_keywords.csv", encoding="utf-8") as handle:
        return [
            Keyword(row["keyword"], row["metric"], row["project_metric"] or row["metric"], row["cumulative"] == "true")
            for row in csv.DictReader(handle)
        ]


class Words(list):
    """A word list of cues.yaml with its compiled pattern and its words as a tuple (for startswith),
    made once: the rules ask ~200k times per 5 MB of reports, and making either on each ask (or
    looking it up by the words themselves, a tuple to hash) costs more than the search."""

    def __init__(self, words: list[str]):
        super().__init__(words)
        self.compiled = word_pattern(tuple(words))
        self.prefixes = tuple(words)


PART_BREAK = re.compile(r"[，,；;]")  # what ends a clause or a part of a sentence (full-width or ASCII)
CLAUSE_MARK = re.compile(r"[，,；;：:]")  # what ends a clause, a colon too (full-width or ASCII)
CLAUSE_OR_SENTENCE_MARK = re.compile(r"[，,；;。：:]")  # a clause's end or its sentence's
NEW_PART = re.compile(r"[；;]")  # what opens a new part of a sentence (full-width or ASCII)
ASIDE = re.compile(r"[（(][^（）()]{0,20}[）)]")  # a short bracketed aside (（含增资项目）, （以下简称…）)


def after_last_comma(text: str, end: int | None = None) -> int:
    """Where the part of `text[:end]` after its last comma starts (full-width or ASCII: reports use both)."""
    end = len(text) if end is None else end
    return max(text.rfind("，", 0, end), text.rfind(",", 0, end)) + 1


def after_last_semicolon(text: str) -> int:
    """Where the part of `text` after its last semicolon starts (full-width or ASCII): a sentence's own part."""
    return max(text.rfind("；"), text.rfind(";")) + 1


@lru_cache(maxsize=1)
def _other_indicator_scan() -> re.Pattern:
    """Indicators outside the vocabulary, stepping over the zone names that hold one (加工出口区 is a
    zone, not 出口): a name is matched first and consumed, so no indicator is found inside it."""
    names = pattern_of(cues()["zone_names_holding_indicators"]).pattern
    return re.compile(rf"(?:{names})|(?P<other>{pattern_of(cues()['other_indicators']).pattern})")


def other_indicators(text: str) -> list[re.Match]:
    """The indicators outside the vocabulary named in `text` (cues.yaml other_indicators), in order.
    Every one of them is a match of the plain word list too, so a text without any (most) skips the scan."""
    if not pattern_of(cues()["other_indicators"]).search(text):
        return []
    return [match for match in _other_indicator_scan().finditer(text) if match.group("other") is not None]


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    table = read_yaml("cues.yaml")
    return {
        key: Words(value) if isinstance(value, list) and all(isinstance(word, str) for word in value) else value
        for key, value in table.items()
    }


def pattern_of(words: list[str] | tuple[str, ...]) -> re.Pattern:
    """word_pattern(words), compiled once per cue list."""
    return words.compiled if isinstance(words, Words) else word_pattern(tuple(words))


@lru_cache(maxsize=1)
def scope_words() -> list[tuple[str, str]]:
    """Scope words in the order of scopes.csv: the first found wins (规上 before 工业企业)."""
    with open(LEXICON / "scopes.csv", encoding="utf-8") as handle:
        return [(row["word"], row["scope"]) for row in csv.DictReader(handle)]


@lru_cache(maxsize=1)
def scope_word_pattern() -> re.Pattern:
    """Any scope word: whether one is there at all (which one wins is scopes.csv's order)."""
    return word_pattern(tuple(word for word, _ in scope_words()))


@lru_cache(maxsize=1)
def project_statuses() -> list[tuple[str, str, int]]:
    with open(LEXICON / "statuses.csv", encoding="utf-8") as handle:
        rows = [(row["word"], row["status"], int(row["strength"])) for row in csv.DictReader(handle) if row["table"] == "projects"]
    return sorted(rows, key=lambda row: -len(row[0]))


@lru_cache(maxsize=1)
def status_of_word() -> dict[str, tuple[str, int]]:
    """The project status and strength of each status word."""
    return {word: (status, strength) for word, status, strength in project_statuses()}


@lru_cache(maxsize=256)
def word_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of the words, the longest where several start at the same place, written as a prefix
    tree: Python's re tries the words of a plain alternation one by one at every place, the tree
    one character at a time (twice as fast over the 232 metric wordings).

    >>> pattern = word_pattern(("投资", "投资额", "产值"))
    >>> pattern.pattern
    '(?:产值|投资(?:额)?)'
    >>> [match.group() for match in pattern.finditer("投资额和投资、产值")]
    ['投资额', '投资', '产值']
    """
    tree: dict = {}
    for word in words:
        node = tree
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    return re.compile(_tree_pattern(tree))


def _tree_pattern(node: dict) -> str:
    """The longer words below a node are tried first; where a word ends, stopping is the last choice."""
    branches = [re.escape(character) + _tree_pattern(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=1)
def keyword_pattern() -> re.Pattern:
    return word_pattern(tuple(keyword.word for keyword in keywords()))


@lru_cache(maxsize=1)
def keyword_index() -> dict[str, Keyword]:
    return {keyword.word: keyword for keyword in keywords()}


def has(words: list[str] | tuple[str, ...], text: str) -> bool:
    if isinstance(words, Words):
        return bool(words) and words.compiled.search(text) is not None
    return bool(words) and bool(pattern_of(words).search(text))


@lru_cache(maxsize=1)
def status_pattern() -> re.Pattern:
    return word_pattern(tuple(word for word, _, _ in project_statuses()))

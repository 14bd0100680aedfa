"""The named-item extractors' words and patterns, compiled once.

Words come from lexicon/item_cues.yaml and lexicon/statuses.csv, regex shapes from
lexicon/item_patterns.yaml; word lists compile to prefix trees (trie_pattern), which stay fast
on long reports where a plain alternation of hundreds of words does not.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Any

from ..contract.schema import LEXICON
from ..lexicon_files import read_yaml
from ..text.units import NUMBER
from ..text.word_trees import first_characters, tree_branches, trie_pattern


def patterns(family: str) -> Patterns:
    """The compiled patterns of one family of item_patterns.yaml (items, projects, infrastructure), by name."""
    return _pattern_families()[family]


class Patterns:
    """One family's patterns by name, each compiled when first asked for: the modules take their family
    when imported, and a text that never needs a pattern (a run of digits) does not pay for compiling it."""

    def __init__(self, sources: dict[str, str]):
        self._sources = sources

    def __getattr__(self, name: str) -> Any:  # a re.Pattern, typed as loosely as a namespace's attribute
        source = self.__dict__.get("_sources", {}).get(name)
        if source is None:
            raise AttributeError(name)
        pattern = re.compile(source)
        setattr(self, name, pattern)  # found by plain lookup from now on
        return pattern


@lru_cache(maxsize=1)
def _pattern_families() -> dict[str, Patterns]:
    return {family: Patterns(sources) for family, sources in _pattern_sources().items()}


@lru_cache(maxsize=1)
def _pattern_sources() -> dict[str, dict[str, str]]:
    """item_patterns.yaml's shapes by family and name, read once, with their {NUMBER}, {COUNT} … parts filled in."""
    table = read_yaml("item_patterns.yaml")
    parts = {"NUMBER": NUMBER}
    for name, source in table.pop("parts").items():
        parts[name] = _filled(source, parts)
    return {family: {name: _filled(source, parts) for name, source in entries.items()} for family, entries in table.items()}


def _filled(source: str, parts: dict[str, str]) -> str:
    """{NUMBER}, {COUNT} … replaced by their parts; {2,600} and other repeats stay."""
    return re.sub(r"\{([A-Z_]+)\}", lambda match: parts[match.group(1)], source)


@lru_cache(maxsize=1)
def cues() -> dict:
    return read_yaml("item_cues.yaml")


@lru_cache(maxsize=64)
def word_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for `words` that takes the longest at each place (开工建设 over 开工)."""
    return re.compile(trie_pattern(words))


@lru_cache(maxsize=64)
def cue_pattern(name: str) -> re.Pattern:
    """One cue list of item_cues.yaml as a pattern, with the shape of the same name in item_patterns.yaml's
    cue_shapes (words with a stretch of any text between them, which no list can hold) tried first."""
    words = tuple(cues()[name])
    shape = _pattern_sources().get("cue_shapes", {}).get(name)
    if shape is None:
        return re.compile(trie_pattern(words))
    # The tree's branches stand beside the shape, not in a group of their own: when every alternative opens
    # with a character (as the shapes do), a search only tries the pattern where one of those characters is.
    return re.compile("|".join([shape, *tree_branches(words)]))


@lru_cache(maxsize=2)
def status_table(table: str) -> dict[str, tuple[str, int]]:
    """Status words of one table (statuses.csv): word -> (status, strength)."""
    with open(LEXICON / "statuses.csv", encoding="utf-8") as handle:
        return {row["word"]: (row["status"], int(row["strength"])) for row in csv.DictReader(handle) if row["table"] == table}


@lru_cache(maxsize=4)
def name_stop_pattern(table: str, conjunctions: bool, joins: bool = True) -> re.Pattern:
    """Words a name cannot run across on its left: stops, status words, punctuation (and conjunctions,
    all of them or, with joins=False, those no project name holds: 和 but not 及)."""
    keep = set(cues()["keep_in_names"])
    words = list(cues()["name_stops"]) + list(cues().get(f"{table}_name_stops", ())) \
        + [word for word in status_table(table) if word not in keep]
    leads = list(cues().get(f"{table}_clause_leads", ()))
    if conjunctions:
        words += [word for word in cues()["conjunctions"] if joins or word not in cues()["project_name_joins"]]
    marks = r"，；：。！？、,;:!?\s“”‘’\"《》「」『』<>"  # <> : HTML tags left in a page's text (<br>)
    # The look-ahead at the first characters lets a scan pass a character that opens no stop at once;
    # without it (marks and words in one alternation) every branch of the tree is tried at every character.
    first = first_characters(words + leads)
    # A stop whose last character opens a word of a name (工程有 before 限: 工程有限公司) is no stop there.
    held = "".join(rf"(?!(?<={re.escape(word[0])}){re.escape(word[1:])})" for word in cues()["name_words_over_stops"])
    # A clause's lead stops only where a clause opens (，既有A项目; 其中既有): inside a name it is a word of it (X铁路既有线).
    opening = rf"|(?<![^{marks}中])(?:{trie_pattern(leads)})" if leads else ""
    return re.compile(rf"(?=[{marks}{first}])(?:[{marks}]|(?:{trie_pattern(words)}){held}{opening})")


def name_stops(pattern: re.Pattern, text: str, low: int, high: int):
    """The stops of text[low:high], but a conjunction that may be part of a name (item_cues
    `name_conjunctions`) and would leave less than two characters before it is part of one (太和路,
    和平路), not a break between two (试运行及配套道路: 及 starts no name)."""
    conjunctions = _name_conjunctions()
    last = low
    for match in pattern.finditer(text, low, high):
        if match.group() in conjunctions and match.start() - last < 2:
            continue
        last = match.end()
        yield match


@lru_cache(maxsize=1)
def _name_conjunctions() -> frozenset[str]:
    return frozenset(cues()["name_conjunctions"])

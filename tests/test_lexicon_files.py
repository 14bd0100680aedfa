"""The lexicon's YAML files read by the C parser give what yaml.safe_load gives (loaders.lexicon_files)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
import yaml

from loaders.contract.schema import LEXICON
from loaders.lexicon_files import read_yaml

FILES = sorted(path.name for path in LEXICON.glob("*.yaml"))


def test_the_lexicon_has_yaml_files():
    assert {"cues.yaml", "item_cues.yaml", "item_patterns.yaml", "table_headers.yaml", "zones.yaml"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_a_lexicon_file_reads_as_safe_load_reads_it(name):
    with open(LEXICON / name, encoding="utf-8") as handle:
        expected = yaml.safe_load(handle)
    assert read_yaml(name) == expected


def test_every_item_pattern_compiles_and_is_compiled_once():
    from loaders.items.lexicon import patterns

    for family in read_yaml("item_patterns.yaml"):
        if family == "parts":
            continue
        found = patterns(family)
        for name in read_yaml("item_patterns.yaml")[family]:
            pattern = getattr(found, name)
            assert hasattr(pattern, "search") and getattr(found, name) is pattern
    with pytest.raises(AttributeError):
        patterns("items").no_such_pattern  # noqa: B018


# The columns that name a row of each word table: a second row with the same key would silently
# override the first (the tables are read into dicts), so a word's status or unit would depend on row order.
CSV_KEYS = {
    "statuses.csv": ("word", "table"),
    "infrastructure_categories.csv": ("word",),
    "metric_keywords.csv": ("keyword",),
    "scopes.csv": ("word",),
    "units.csv": ("surface",),
    "multipliers.csv": ("surface",),
    "bare_counts.csv": ("surface",),
    "subjects.csv": ("word", "at"),
    "doc_types.csv": ("word",),
    "dateline_labels.csv": ("word",),
    "verbs.csv": ("word",),
}


@pytest.mark.parametrize("name", sorted(CSV_KEYS))
def test_a_word_table_names_each_row_once(name):
    with open(LEXICON / name, encoding="utf-8") as handle:
        keys = Counter(tuple(row[column] for column in CSV_KEYS[name]) for row in csv.DictReader(handle))
    assert [key for key, count in keys.items() if count > 1] == []


def _repeated_words(node, where: str):
    """Every word a YAML list names more than once, with the list's place in the file."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _repeated_words(value, f"{where}.{key}")
    elif isinstance(node, list):
        counts = Counter(entry for entry in node if isinstance(entry, str))
        yield from ((where, word) for word, count in counts.items() if count > 1)
        for entry in node:
            yield from _repeated_words(entry, where)


@pytest.mark.parametrize("name", FILES)
def test_a_word_list_names_each_word_once(name):
    """A repeated word hides which of its rows a reader should edit; the compiled patterns ignore it."""
    assert list(_repeated_words(read_yaml(name), name)) == []


def test_no_place_subject_adverb_ends_another():
    """Taking the adverbs off the end of a place's clause one by one is unambiguous only while none ends another."""
    from loaders.facts.lexicon import cues

    adverbs = list(cues()["place_subject_adverbs"])
    assert [(a, b) for a in adverbs for b in adverbs if a != b and b.endswith(a)] == []


def test_every_area_not_the_district_is_one_character_then_qu():
    """The district's list is told from another area's by the one character before its 区 (a fixed-width look-behind)."""
    from loaders.facts.lexicon import cues

    areas = list(cues()["areas_not_the_district"])
    assert [area for area in areas if len(area) != 2 or not area.endswith("区")] == []

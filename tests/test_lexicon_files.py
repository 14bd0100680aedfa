"""The lexicon's YAML files read by the C parser give what yaml.safe_load gives (loaders.lexicon_files)."""

from __future__ import annotations

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

"""The lexicon's YAML files (loaders/lexicon/*.yaml), parsed by libyaml's C parser where PyYAML has it.

The pure-Python parser takes ten times as long (about 60 ms for the five files), and every
extraction process parses them again when it starts; both parsers hand the same values to the
same safe constructor, so the tables do not depend on which one ran.
"""

from __future__ import annotations

from typing import Any

import yaml

from .contract.schema import LEXICON

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str) -> Any:
    """The values of lexicon/<name>, as yaml.safe_load reads them."""
    with open(LEXICON / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # a safe loader, C or Python

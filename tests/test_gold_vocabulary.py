"""Every gold folder speaks the contract's vocabulary: a metric, kind, status or category no table can hold
would make a gold row no build can ever match, and the grade would blame the loaders for it."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.contract import schema
from tests.conftest import ROOT

GOLD_FOLDERS = sorted(path for path in (ROOT / "data" / "gold").iterdir() if path.is_dir())
# gold file and column -> the contract's table and column whose vocabulary it uses
COLUMNS = {
    ("facts.csv", "kind"): ("facts", "kind"),
    ("projects.csv", "status"): ("projects", "status"),
    ("infrastructure.csv", "status"): ("infrastructure", "status"),
    ("infrastructure.csv", "category"): ("infrastructure", "category"),
}


def _values(folder, name: str, column: str) -> set[str]:
    path = folder / name
    if not path.exists():
        return set()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return set(frame[column]) - {""} if column in frame else set()


@pytest.mark.parametrize("folder", GOLD_FOLDERS, ids=lambda folder: folder.name)
def test_gold_metrics_kinds_statuses_and_categories_are_the_contracts(folder):
    unknown = {}
    metrics = set(schema.metrics()["metric"])
    if extra := _values(folder, "facts.csv", "metric") - metrics:
        unknown["facts.csv metric"] = sorted(extra)
    for (name, column), enum in COLUMNS.items():
        if extra := _values(folder, name, column) - set(schema.ENUMS[enum]):
            unknown[f"{name} {column}"] = sorted(extra)
    assert unknown == {}

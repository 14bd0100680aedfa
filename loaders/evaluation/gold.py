"""Gold folders as frames: the hand-checked rows of a corpus, each with its report key, and sources.tsv.

The layout is in docs/DATA_CONTRACT.md (Gold folders); loaders.evaluation.evaluate grades tables against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

GOLD_TABLES = ("facts", "projects", "infrastructure", "zones")
REPORT_KEYS = ("id", "part", "report_part")  # the first column a gold file has names its report
REQUIRED = {
    "facts": ("zone", "metric", "kind", "value", "raw"),
    "projects": ("name", "status"),
    "infrastructure": ("category", "name", "status"),
    "zones": ("zone",),
}


class EvaluationError(ValueError):
    """Gold or tables that cannot be graded; the message names the file and the problem."""


@dataclass(frozen=True)
class Gold:
    """The gold rows of one folder, each with its `report` key as text, and the reports of sources.tsv.

    `sources` maps each annotated report to its half ("" when none); None without a sources.tsv,
    when every report built is graded.
    """

    folder: Path
    key: str
    tables: dict[str, pd.DataFrame]
    sources: dict[str, str] | None = None

    @property
    def halves(self) -> dict[str, str]:
        return {report: half for report, half in (self.sources or {}).items() if half}


def read_gold(folder: Path) -> Gold:
    """The gold CSVs of a folder (any may be absent) and its sources.tsv, if any."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvaluationError(f"{folder}: no such gold folder")
    tables = {name: _read_gold_table(folder / f"{name}.csv") for name in GOLD_TABLES}
    if all(table is None for table in tables.values()):
        raise EvaluationError(f"{folder}: no gold file (expected {', '.join(f'{n}.csv' for n in GOLD_TABLES)})")
    keys = {table.attrs["key"] for name, table in tables.items() if table is not None and name != "zones"}
    if len(keys) > 1:
        raise EvaluationError(f"{folder}: some gold files are keyed by `part`, others by `id`; use one")
    return Gold(folder, keys.pop() if keys else "part", tables, _read_sources(folder / "sources.tsv"))


def _read_gold_table(path: Path) -> pd.DataFrame | None:
    if not path.exists():
        return None
    gold = pd.read_csv(path, dtype={key: "string" for key in REPORT_KEYS})
    key = next((key for key in REPORT_KEYS if key in gold), None)
    if key is None and path.stem != "zones":
        raise EvaluationError(f"{path}: no report key column (expected `part` or `id`)")
    missing = [column for column in REQUIRED[path.stem] if column not in gold]
    if missing:
        raise EvaluationError(f"{path}: no {', '.join(f'`{column}`' for column in missing)} column")
    gold["report"] = gold[key].fillna("").astype(str) if key else ""
    gold.attrs["key"] = "id" if key == "id" else "part"
    if path.stem == "facts":
        values = pd.to_numeric(gold["value"], errors="coerce")
        if values.isna().any():
            line = int(values.isna().to_numpy().argmax()) + 2  # 1-based, after the header
            raise EvaluationError(f"{path}: line {line}: the value {gold['value'].iloc[line - 2]!r} is not a number")
        gold["value"] = values.astype(float)
    return gold


def _read_sources(path: Path) -> dict[str, str] | None:
    if not path.exists():
        return None
    sources = pd.read_csv(path, sep="\t", dtype="string")
    if "id" not in sources:
        raise EvaluationError(f"{path}: no `id` column (the report file stems the gold is about)")
    halves = sources["half"] if "half" in sources else pd.Series([""] * len(sources), dtype="string")
    return {str(id_): "" if pd.isna(half) else str(half) for id_, half in zip(sources["id"], halves, strict=True)}

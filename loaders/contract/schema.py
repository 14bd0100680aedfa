"""The data contract as code: every table, its columns, types, key and vocabularies.

`docs/DATA_CONTRACT.md` is the prose; this module is what the loaders write
and what the dashboard and tests read. Extra columns come after the contract's own.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

LEXICON = Path(__file__).resolve().parents[1] / "lexicon"

KINDS = ("actual", "target", "growth")
DOC_TYPES = ("annual_report", "plan", "survey", "reply", "briefing", "other")
PROJECT_STATUSES = (
    "planned",
    "negotiating",
    "signed",
    "landed",
    "started",
    "under_construction",
    "commissioning",
    "in_production",
    "relocating",
)
INFRASTRUCTURE_STATUSES = (
    "planned",
    "design",
    "site_selection",
    "under_construction",
    "completed",
    "in_operation",
)
INFRASTRUCTURE_CATEGORIES = (
    "road",
    "power_line",
    "substation",
    "water",
    "gas",
    "heat",
    "pipeline",
    "telecom",
    "factory",
    "office",
    "housing",
    "park",
    "logistics",
    "other",
)
SEVERITIES = ("info", "warning", "error")

STRING = pa.string()
LIST_OF_STRINGS = pa.list_(pa.string())
# Where a project or infrastructure item stands: its quote and span, then (extras) raw = text[start:end],
# the name as written, and the quote's span.
ITEM_SPAN = (("quote", STRING), ("start", pa.int64()), ("end", pa.int64()),
             ("raw", STRING), ("quote_start", pa.int64()), ("quote_end", pa.int64()))


@dataclass(frozen=True)
class Table:
    """One table of the contract: ordered columns with arrow types, and its key."""

    name: str
    columns: tuple[tuple[str, pa.DataType], ...]
    key: tuple[str, ...]
    sort: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema(list(self.columns))


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "documents",
            (
                ("doc_id", STRING),
                ("source_file", STRING),
                ("part", pa.int64()),
                ("title", STRING),
                ("doc_type", STRING),
                ("issuer", STRING),
                ("doc_date", pa.date32()),
                ("text", STRING),
                # extras
                ("encoding", STRING),
                ("converted_from_traditional", pa.bool_()),
                ("chars", pa.int64()),
            ),
            key=("doc_id",),
            sort=("source_file", "part"),
        ),
        Table(
            "zones",
            (
                ("zone_id", STRING),
                ("name", STRING),
                ("aliases", LIST_OF_STRINGS),
                ("province", STRING),
                ("city", STRING),
                ("county", STRING),
                ("anonymized", pa.bool_()),
                ("leading_industries", LIST_OF_STRINGS),
                # extras
                ("doc_ids", LIST_OF_STRINGS),
            ),
            key=("zone_id",),
            sort=("name",),
        ),
        Table(
            "facts",
            (
                ("fact_id", STRING),
                ("doc_id", STRING),
                ("zone_id", STRING),
                ("metric", STRING),
                ("kind", STRING),
                ("value", pa.float64()),
                ("unit", STRING),
                ("year", pa.int64()),
                ("months", STRING),
                ("cumulative", pa.bool_()),
                ("scope", STRING),
                ("status", STRING),
                ("basis", STRING),
                ("raw", STRING),
                ("quote", STRING),
                ("start", pa.int64()),
                ("end", pa.int64()),
                # extras
                ("approximate", pa.bool_()),  # 约 / 近 / 左右
                ("bound", STRING),  # lower (以上, 余, 多, 超过) / upper (以内, 不到) / range
                ("value_max", pa.float64()),  # upper end of a range (2－3家)
                ("stated_completion", pa.float64()),  # 完成年任务X的Y%: Y, on the target row
                ("quote_start", pa.int64()),
                ("quote_end", pa.int64()),
                ("year_resolved", pa.int64()),  # year, else 今年/明年 against the signature date
                ("wording", STRING),  # the metric wording that named the metric; null when continued
            ),
            key=("fact_id",),
            sort=("doc_id", "start", "metric", "kind"),
        ),
        Table(
            "projects",
            (
                ("project_id", STRING),
                ("doc_id", STRING),
                ("zone_id", STRING),
                ("name", STRING),
                ("status", STRING),
                ("investment", pa.float64()),
                ("capacity", STRING),
                *ITEM_SPAN,
            ),
            key=("project_id",),
            sort=("doc_id", "start"),
        ),
        Table(
            "infrastructure",
            (
                ("item_id", STRING),
                ("doc_id", STRING),
                ("zone_id", STRING),
                ("category", STRING),
                ("name", STRING),
                ("quantity", pa.float64()),
                ("unit", STRING),
                ("status", STRING),
                ("investment", pa.float64()),
                *ITEM_SPAN,
            ),
            key=("item_id",),
            sort=("doc_id", "start"),
        ),
        Table(
            "quality",
            (
                ("doc_id", STRING),
                ("zone_id", STRING),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("check", STRING),
                ("severity", STRING),
                ("message", STRING),
                # extras
                ("quality_id", STRING),
                ("raw", STRING),
                ("fact_ids", LIST_OF_STRINGS),
                ("message_args", STRING),
            ),
            key=("quality_id",),
            sort=("doc_id", "start", "check"),
        ),
    )
}

ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "doc_type"): DOC_TYPES,
    ("facts", "kind"): KINDS,
    ("projects", "status"): PROJECT_STATUSES,
    ("infrastructure", "status"): INFRASTRUCTURE_STATUSES,
    ("infrastructure", "category"): INFRASTRUCTURE_CATEGORIES,
    ("quality", "severity"): SEVERITIES,
}


def metrics() -> pd.DataFrame:
    """The metric vocabulary (id, labels, canonical unit), shipped beside the lexicon."""
    return pd.read_csv(LEXICON / "metrics.csv")


def stable_id(prefix: str, *parts: object) -> str:
    """An id that depends only on its parts: same input, same id, on every machine."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:12]}"


def zone_id_for(name: str) -> str:
    return stable_id("z", name)


def empty(name: str) -> pd.DataFrame:
    return finalize(name, pd.DataFrame(columns=TABLES[name].names))


def check_rows(name: str, rows: list[dict]) -> None:
    """The cheap part of finalize() on plain rows: known enum values and a unique key.

    The build runs it per file, so one bad file is skipped without costing a pandas round trip."""
    table = TABLES[name]
    for (table_name, column), allowed in ENUMS.items():
        if table_name != name:
            continue
        bad = {row.get(column) for row in rows} - set(allowed) - {None}
        if bad:
            raise ValueError(f"{name}.{column}: unknown values {sorted(map(str, bad))}; expected one of {allowed}")
    (key,) = table.key  # every table's key is one column
    keys = [row.get(key) for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{name}: duplicate key {table.key}")


def finalize(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Order, cast and sort a table's columns; refuse unknown enum values and duplicate keys."""
    table = TABLES[name]
    missing = [column for column in table.names if column not in frame.columns]
    if missing:
        frame = frame.assign(**{column: None for column in missing})
    frame = frame[table.names]
    for (table_name, column), allowed in ENUMS.items():
        if table_name == name:
            bad = set(frame[column].dropna()) - set(allowed)
            if bad:
                raise ValueError(f"{name}.{column}: unknown values {sorted(bad)}; expected one of {allowed}")
    duplicated = frame.duplicated(list(table.key))
    if duplicated.any():
        raise ValueError(f"{name}: duplicate key {table.key}: {frame[duplicated].head(3).to_dict('records')}")
    arrow = pa.Table.from_pandas(frame, schema=table.arrow_schema, preserve_index=False)
    frame = arrow.to_pandas(types_mapper=pandas_types)
    return frame.sort_values(list(table.sort), kind="stable").reset_index(drop=True)


def finalize_arrow(name: str, table: pa.Table) -> pa.Table:
    """finalize() for a table already in arrow form: no pandas round trip, so a large table is
    never held as Python objects. Writes the same bytes as to_arrow() of the same rows."""
    spec = TABLES[name]
    table = table.select(spec.names).cast(spec.arrow_schema)
    for (table_name, column), allowed in ENUMS.items():
        if table_name == name:
            bad = set(pc.unique(table[column]).drop_null().to_pylist()) - set(allowed)
            if bad:
                raise ValueError(f"{name}: column {column} has unknown values {sorted(bad)}; expected one of {allowed}")
    (key,) = spec.key
    if pc.count_distinct(table[key]).as_py() != table.num_rows:
        raise ValueError(f"{name}: duplicate key {spec.key}")
    table = table.sort_by([(column, "ascending") for column in spec.sort])
    return table.replace_schema_metadata(_pandas_metadata(name))


@functools.cache
def _pandas_metadata(name: str) -> dict:
    """The schema metadata (pandas' column types) to_arrow() writes for a table: the same for every build of it,
    so worked out once per process rather than through an empty frame's pandas round trip per call."""
    return to_arrow(name, empty(name)).schema.metadata


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    """The finalized frame as an arrow table with the contract's schema."""
    return pa.Table.from_pandas(finalize(name, frame), schema=TABLES[name].arrow_schema, preserve_index=False)


def pandas_types(arrow_type: pa.DataType):
    """Nullable pandas dtypes, so a missing year stays missing instead of becoming NaN."""
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    if pa.types.is_string(arrow_type):
        return pd.StringDtype()
    return None


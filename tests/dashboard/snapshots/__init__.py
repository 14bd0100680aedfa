"""Today's query results on the gold tables, stored row for row, so a new query engine can prove it gives the same.

Every public function of pages/_shared/queries.py runs under a handful of selections (SELECTIONS) on the
sample's gold annotation (tests/dashboard/gold_tables.py) plus one quality row calling a figure implausible
(so totals and charts leave one out). Results are stored in a canonical form, in one file (STORED):
selection -> query -> result, where a result is a

    frame   columns, dtypes (int, float, bool, string, datetime, list), rows in order; the index is not kept
    series  dtype, index (labels only: an integer index is row positions, not kept) and values in order
    other   ints, strings, lists and dicts as they are

Categoricals count as their categories' type (a categorical of text is `string`), a missing value is null
whatever its sentinel (NaN, NA, None). Regenerate after an intended change of results:

    python -m tests.dashboard.snapshots          # rewrites tests/dashboard/snapshots/results.json.xz
    xzcat tests/dashboard/snapshots/results.json.xz | less     # one row per line
"""

from __future__ import annotations

import json
import lzma
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from loaders.contract import schema
from loaders.contract.schema import zone_id_for
from pages._shared import queries, report_choices
from pages._shared.model import Selection, Tables

HERE = Path(__file__).resolve().parent
IMPLAUSIBLE_CHECK = "implausible_value"
# One xz file: the same rows recur under many queries and selections, and xz's window spans them all (~20 KB).
STORED = HERE / "results.json.xz"

HEQI, ZHECHENG, WENLING = (zone_id_for(name) for name in ("鹤淇产业集聚区", "柘城县产业集聚区", "温岭市东部产业集聚区"))
SELECTIONS: dict[str, Selection] = {
    "all": Selection(),
    "one_zone": Selection(zone_ids=(HEQI,)),
    "three_zones": Selection(zone_ids=(WENLING, HEQI, ZHECHENG)),  # not in name order: pages keep the pick order
    "one_year": Selection(years=(2025,)),
    "actual_only": Selection(kinds=("actual",)),
    "targets_and_growth": Selection(kinds=("target", "growth")),
    "years_and_zones": Selection(zone_ids=(ZHECHENG, HEQI), years=(2025,)),
    "year_without_figures": Selection(years=(2019,)),  # only undated figures remain
}


# --- the tables ------------------------------------------------------------------------------------


def write_tables(out: Path) -> Path:
    """The gold tables in `out`, plus a quality row calling the largest actual revenue implausible."""
    from tests.dashboard.gold_tables import gold_tables

    folder = gold_tables(out)
    facts = pq.read_table(folder / "facts.parquet").to_pandas(types_mapper=schema.pandas_types)
    revenue = facts[(facts["metric"] == "revenue") & (facts["kind"] == "actual")]
    flagged = revenue.loc[revenue["value"].idxmax()]
    quality = pq.read_table(folder / "quality.parquet").to_pandas(types_mapper=schema.pandas_types)
    row = {
        "quality_id": "q_002",
        "doc_id": flagged["doc_id"],
        "zone_id": flagged["zone_id"],
        "start": int(flagged["start"]),
        "end": int(flagged["end"]),
        "check": IMPLAUSIBLE_CHECK,
        "severity": "error",
        "raw": flagged["raw"],
        "fact_ids": [flagged["fact_id"]],
        "message": "营业收入超出同类园区的合理范围",
    }
    quality = pd.concat([quality, pd.DataFrame([row])], ignore_index=True)
    pq.write_table(schema.to_arrow("quality", schema.finalize("quality", quality)), folder / "quality.parquet")
    return folder


def load(folder: Path) -> Tables:
    """The tables as the app reads them (data.load_tables), whatever engine it reads with."""
    from pages._shared import data

    return data.load_tables(folder)


# --- the queries -----------------------------------------------------------------------------------


def _segments(items: pd.DataFrame) -> list[list]:
    """The first item's bar segment (zone, status, category), as a chart click would give it."""
    if items.empty:
        return []
    first = items.iloc[0]
    status = first["status"] if pd.notna(first["status"]) else "unknown"
    category = first["category"] if "category" in items and pd.notna(first["category"]) else ""
    return [[str(first["zone_id"]), str(status), str(category)]]


def _queries(tables: Tables, selection: Selection) -> dict[str, Callable[[], Any]]:
    """name -> a call of one public query under `selection` (arguments as the pages pass them).

    Not here: plausible_facts, the cache step of comparable_facts (comparable_facts under "all" holds it)."""
    q = queries

    def compared() -> tuple[str, ...]:
        return q.compare_zone_ids(tables, selection)[0]

    calls: dict[str, Callable[[], Any]] = {
        "zone_names_sorted": lambda: q.zone_names_sorted(tables),
        "fact_years": lambda: q.fact_years(tables),
        "zone_ids_for_names": lambda: q.zone_ids_for_names(tables.zones, ["柘城县产业集聚区", "没有的区", "鹤淇产业集聚区"]),
        "zone_name_map": lambda: q.zone_name_map(tables),
        "filtered_facts": lambda: q.filtered_facts(tables, selection),
        "comparable_facts": lambda: q.comparable_facts(tables, selection),
        "implausible_count": lambda: q.implausible_count(tables, selection),
        "latest_facts": lambda: q.latest_facts(tables, selection),
        "latest_facts_every_kind": lambda: q.latest_facts(tables, selection, None, schema.KINDS),
        "latest_facts_kpi_targets": lambda: q.latest_facts(tables, selection, q.KPI_METRICS, ("target",)),
        "zone_areas_planned": lambda: q.zone_areas(tables, "area_planned"),
        "selected_zones": lambda: q.selected_zones(tables, selection),
        "zone_overview": lambda: q.zone_overview(tables, selection),
        "zones_without_facts": lambda: q.zones_without_facts(tables, selection),
        "kpi_totals": lambda: q.kpi_totals(tables, selection),
        "overview_areas": lambda: q.overview_areas(tables, selection),
        "overview_areas_top_2": lambda: q.overview_areas(tables, selection, 2),
        "compare_zone_ids": lambda: q.compare_zone_ids(tables, selection),
        "compare_zone_ids_limit_2": lambda: q.compare_zone_ids(tables, selection, 2),
        "compare_partners": lambda: q.compare_partners(tables, selection),
        "compare_values": lambda: q.compare_values(tables, selection, compared()),
        "compare_values_target": lambda: q.compare_values(tables, selection, compared(), "target"),
        "data_rows": lambda: q.data_rows(tables, selection),
        "data_rows_metrics_and_no_scope": lambda: q.data_rows(
            tables, selection, ("revenue", "tax", "projects"), (q.NO_SCOPE, "三税")
        ),
        "data_rows_search": lambda: q.data_rows(tables, selection, search="亿元"),
        "data_rows_report_and_facts": lambda: q.data_rows(
            tables,
            selection,
            doc_ids=tuple(list(report_choices.reports_with_facts(tables, selection, limit=None).labels)[:1]),
            fact_ids=tuple(q.filtered_facts(tables, selection)["fact_id"].astype(str).iloc[::3]),
        ),
        "scope_options": lambda: q.scope_options(tables, selection),
        "report_options": lambda: list(report_choices.reports_with_facts(tables, selection, limit=None).labels),
        "count_by_metric": lambda: q.count_by_metric(q.filtered_facts(tables, selection)),
        "target_pairs": lambda: q.target_pairs(tables, selection),
        "infrastructure_items": lambda: q.infrastructure_items(tables, selection),
        "infrastructure_items_in_segment": lambda: q.items_in_segments(
            q.infrastructure_items(tables, selection), _segments(q.infrastructure_items(tables, selection))
        ),
        "project_items": lambda: q.project_items(tables, selection),
        "project_items_in_segment": lambda: q.items_in_segments(
            q.project_items(tables, selection), _segments(q.project_items(tables, selection))
        ),
        "infrastructure_counts": lambda: q.infrastructure_counts(tables, selection),
        "project_counts": lambda: q.project_counts(tables, selection),
        "stated_project_counts": lambda: q.stated_project_counts(tables, selection),
        "project_pipeline": lambda: q.project_pipeline(tables, selection),
        "project_investment": lambda: q.project_investment(tables, selection),
        "selected_quality": lambda: q.selected_quality(tables, selection),
        "quality_flags": lambda: q.quality_flags(tables, selection),
        "quality_flags_first": lambda: q.quality_flags(tables, selection, 1),
        "coverage_cells": lambda: q.coverage_cells(tables, selection, q.OVERVIEW_METRICS),
        "coverage_cells_first_zones": lambda: q.first_zones(
            q.coverage_cells(tables, selection, q.OVERVIEW_METRICS), 2
        ),
        "kpi_doc_ids": lambda: q.doc_ids_of(tables, q.kpi_totals(tables, selection)["fact_ids"].explode()),
        "kpi_report_count": lambda: q.report_count(
            q.doc_ids_of(tables, q.kpi_totals(tables, selection)["fact_ids"].explode())
        ),
    }
    for topic, metrics in q.TOPICS.items():
        calls[f"metric_counts_{topic}"] = lambda metrics=metrics: q.metric_counts(tables, selection, metrics)
    for metric in ("revenue", "tax", "investment", "projects"):
        calls[f"topic_by_zone_{metric}"] = lambda metric=metric: q.topic_by_zone(tables, selection, metric)
        calls[f"topic_by_year_{metric}"] = lambda metric=metric: q.topic_by_year(tables, selection, metric)
        calls[f"topic_growth_{metric}"] = lambda metric=metric: q.topic_growth(tables, selection, metric)
        calls[f"topic_facts_{metric}"] = lambda metric=metric: q.topic_facts(tables, selection, metric)
    calls["topic_by_zone_revenue_per_area"] = lambda: q.topic_by_zone(tables, selection, "revenue", "area_planned")
    calls["topic_by_zone_investment_top_2"] = lambda: q.topic_by_zone(tables, selection, "investment", None, 2)
    calls["topic_by_year_revenue_top_1"] = lambda: q.topic_by_year(tables, selection, "revenue", 1)
    calls["topic_growth_revenue_first"] = lambda: q.topic_growth(tables, selection, "revenue", 1)
    return calls


def query_names() -> list[str]:
    """The name of every stored query (the same for every selection; no query runs)."""
    return list(_queries(None, Selection()).keys())  # type: ignore[arg-type]


# --- the canonical form ----------------------------------------------------------------------------


def dtype_name(dtype) -> str:
    """A column's type as the results mean it: int, float, bool, string, datetime or list (categoricals unwrapped)."""
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "bool"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    return "string" if pd.api.types.is_string_dtype(dtype) else "object"


def _column_type(values: pd.Series) -> str:
    name = dtype_name(values.dtype)
    if name == "object" or (name == "string" and values.dtype == object):
        present = [value for value in values if not _missing(value)]
        if all(isinstance(value, str) for value in present):
            return "string"
        return "list" if all(isinstance(value, list | tuple | np.ndarray) for value in present) else "object"
    return name


def _missing(value) -> bool:
    if isinstance(value, list | tuple | np.ndarray | dict):
        return False
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def plain(value) -> Any:
    """One value as JSON: missing -> None, numpy scalars -> Python, sequences -> lists."""
    if isinstance(value, list | tuple | np.ndarray | pd.Series | pd.Index):
        return [plain(item) for item in list(value)]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if _missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def canonical(result) -> Any:
    """A query result in the stored form (see the module docstring)."""
    if isinstance(result, pd.DataFrame):
        columns = [str(column) for column in result.columns]
        return {
            "frame": columns,
            "dtypes": [_column_type(result[column]) for column in result.columns],
            "rows": [plain(list(row)) for row in result.itertuples(index=False, name=None)],
        }
    if isinstance(result, pd.Series):
        return {
            "series": None if result.name is None else str(result.name),
            "dtype": _column_type(result),
            "index": None if pd.api.types.is_integer_dtype(result.index.dtype) else plain(list(result.index)),
            "values": plain(list(result)),
        }
    return plain(result)


def results(tables: Tables, selection: Selection, keep_errors: bool = False) -> dict[str, Any]:
    """name -> canonical result of every query under `selection`; a tuple holding a frame is one entry per part.

    keep_errors: a query that raises gives {"raised": "<error>"} (the test names it) instead of stopping all."""
    stored: dict[str, Any] = {}
    for name, call in _queries(tables, selection).items():
        try:
            result = call()
        except Exception as error:
            if not keep_errors:
                raise
            stored[name] = {"raised": f"{type(error).__name__}: {error}"}
            continue
        if isinstance(result, tuple) and any(isinstance(part, pd.DataFrame) for part in result):
            stored.update({f"{name}[{position}]": canonical(part) for position, part in enumerate(result)})
        else:
            stored[name] = canonical(result)
    return stored


# --- the stored file ------------------------------------------------------------------------------


def dumps(stored: dict[str, dict[str, Any]]) -> str:
    """JSON with one query per block and one row per line: readable with xzcat, diffable when unpacked."""
    lines = ["{"]
    for selection_position, (selection_name, by_query) in enumerate(stored.items()):
        lines.append(f"{_json(selection_name)}: {{")
        for position, (name, result) in enumerate(by_query.items()):
            comma = "," if position < len(by_query) - 1 else ""
            if isinstance(result, dict) and "rows" in result:
                head = {key: value for key, value in result.items() if key != "rows"}
                rows = ",\n".join(f"   {_json(row)}" for row in result["rows"])
                body = _json(head)[:-1] + ', "rows": [' + (f"\n{rows}\n  ]}}" if rows else "]}")
                lines.append(f" {_json(name)}: {body}{comma}")
            else:
                lines.append(f" {_json(name)}: {_json(result)}{comma}")
        lines.append("}," if selection_position < len(stored) - 1 else "}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def read() -> dict[str, dict[str, Any]]:
    """selection -> query -> the stored result."""
    return json.loads(lzma.decompress(STORED.read_bytes()).decode("utf-8"))


def write(tables: Tables) -> Path:
    """Rewrite the stored file from today's queries."""
    stored = {name: results(tables, selection) for name, selection in SELECTIONS.items()}
    STORED.write_bytes(lzma.compress(dumps(stored).encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    return STORED

"""Targets paired with the actual they should be judged against: share achieved, gap, flags.

A target (zone, metric, period) meets the actuals of the same zone and metric (and, for
project counts, the same status). Among them it prefers, in this order: the same scope
(a target with a scope of its own, or about a group of projects, only ever meets that
scope), the same year, the same cumulative reading, then the latest period. `match` says
which rule made the pair.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .queries import per_value

PAIR_COLUMNS = [
    "target_fact_id",
    "zone_id",
    "metric",
    "status",
    "unit",
    "target_value",
    "target_year",
    "target_months",
    "target_scope",
    "target_raw",
    "target_quote",
    "target_doc_id",
    "stated_completion",
    "actual_fact_id",
    "actual_value",
    "actual_year",
    "actual_months",
    "actual_scope",
    "actual_raw",
    "actual_quote",
    "actual_doc_id",
    "match",
    "scope_match",
    "share",
    "gap",
    "flag",
]
SIDE_COLUMNS = [
    "fact_id",
    "value",
    "year",
    "months",
    "scope",
    "raw",
    "quote",
    "doc_id",
    "cumulative",
    "start",
]
# What pairing reads of each fact; the pair's own columns are gathered for the pairs alone.
KEY_COLUMNS = ["kind", "zone_id", "metric", "status", "scope", "year", "months", "start", "cumulative"]
MATCHES = ("same_year", "latest", "none")
PROJECT_GROUP_METRICS = ("projects", "project_investment", "project_investment_completed")
FLAGS = ("no_actual", "beyond_target")


def months_end(months: pd.Series) -> pd.Series:
    """The last month a period covers: `01-10` -> 10, a whole year (no months) -> 12."""
    return per_value(
        months,
        lambda text: pd.to_numeric(text.str.split("-").str[-1], errors="coerce").fillna(12).astype(int),
    )


def pair_targets(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per target fact with its paired actual (or none), share achieved, gap and flag.

    Staged look-ups on integer keys (never a cross join of a zone's targets and actuals), so a
    million facts pair in about a second: same scope and year, then same scope latest, then, for
    zone-wide targets, any scope of the same year, then any scope latest.
    """
    positions = np.flatnonzero(facts["kind"].isin(["target", "actual"]).to_numpy(dtype=bool, na_value=False))
    relevant = facts[KEY_COLUMNS].iloc[positions]
    is_target = (relevant["kind"] == "target").to_numpy(dtype=bool)
    if not is_target.any():
        return pd.DataFrame(columns=PAIR_COLUMNS)
    codes = _codes(relevant)
    target_rows, actual_rows = np.flatnonzero(is_target), np.flatnonzero(~is_target)
    loose = (relevant["scope"].isna() & ~relevant["metric"].isin(PROJECT_GROUP_METRICS)).to_numpy(dtype=bool)
    year_rank = relevant["year"].astype("Float64").fillna(-1).to_numpy(dtype=float)[actual_rows]
    months_rank = months_end(relevant["months"]).to_numpy()[actual_rows]
    start_rank = relevant["start"].astype("Float64").fillna(-1).to_numpy(dtype=float)[actual_rows]
    latest_first = actual_rows[np.lexsort((-start_rank, -months_rank, -year_rank))]  # ties keep table order
    stages = (  # (key columns, match, scope_match, only zone-wide targets)
        ([*KEYS, "scope", "year"], "same_year", True, False),
        ([*KEYS, "scope"], "latest", True, False),
        ([*KEYS, "year"], "same_year", False, True),
        (KEYS, "latest", False, True),
    )
    found = []
    paired = np.zeros(len(target_rows), dtype=bool)
    for on, match, scope_match, only_loose in stages:
        wanted = ~paired & (loose[target_rows] if only_loose else True)
        if "year" in on:
            wanted &= codes["year"][target_rows] != NO_YEAR
        if not wanted.any():
            continue
        # key * 2 + cumulative: the latest actual of each group and cumulative reading is its first in latest_first.
        key = _combine([codes[column] for column in on]) * 2 + codes["cumulative"]
        best_keys, first = np.unique(key[latest_first], return_index=True)
        best_rows = latest_first[first]
        rows = target_rows[wanted]
        # Per target: the same cumulative reading first, else the other one.
        same = _look_up(best_keys, best_rows, key[rows])
        chosen = np.where(same >= 0, same, _look_up(best_keys, best_rows, key[rows] ^ 1))
        hit = chosen >= 0
        found.append(
            pd.DataFrame(
                {
                    "target_row": rows[hit],
                    "actual_row": chosen[hit],
                    "match": match,
                    "scope_match": scope_match,
                }
            )
        )
        paired[np.flatnonzero(wanted)[hit]] = True
    return _judge(_assemble(facts, positions, target_rows, found))


KEYS = ["zone_id", "metric", "status"]
NO_YEAR = -1


def _text_codes(values: pd.Series) -> np.ndarray:
    """Integer codes of a text column; missing and '' are one value."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype("int64")
        empty = np.flatnonzero(values.cat.categories == "")
        if len(empty):
            codes[codes == empty[0]] = -1
        return codes
    return pd.factorize(values.astype("string").fillna(""))[0].astype("int64")


def _codes(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Integer codes of the join keys (missing status/scope/year is a value of its own)."""
    codes = {column: _text_codes(frame[column]) for column in ("zone_id", "metric", "status", "scope")}
    codes["year"] = frame["year"].astype("Float64").fillna(NO_YEAR).to_numpy(dtype="int64")
    codes["cumulative"] = frame["cumulative"].fillna(False).to_numpy(dtype=bool).astype("int64")
    return codes


def _combine(columns: list[np.ndarray]) -> np.ndarray:
    """One integer per distinct combination of the code columns (re-factorised at each step: never overflows)."""
    key = np.zeros(len(columns[0]), dtype="int64")
    for column in columns:
        column = column - column.min()
        key = pd.factorize(key * (int(column.max()) + 1) + column)[0].astype("int64")
    return key


def _look_up(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """values[i] where keys[i] == wanted (keys sorted and unique), else -1."""
    if not len(keys):
        return np.full(len(wanted), -1)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, values[at], -1)


def _assemble(
    facts: pd.DataFrame, positions: np.ndarray, target_rows: np.ndarray, found: list[pd.DataFrame]
) -> pd.DataFrame:
    """The pair frame: target_* and actual_* columns side by side, actual ones empty when unpaired.

    Rows are numbered within the relevant facts; `positions` maps them back to rows of `facts`.
    """
    matched = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame({"target_row": [], "actual_row": [], "match": [], "scope_match": []})
    )
    order = pd.DataFrame({"target_row": target_rows}).merge(matched, on="target_row", how="left")
    own = ["zone_id", "metric", "status", "unit", "stated_completion"]
    targets = facts[list(dict.fromkeys([*own, *SIDE_COLUMNS]))].iloc[
        positions[order["target_row"].to_numpy()]
    ]
    targets = targets.reset_index(drop=True)
    pairs = targets[own].copy()
    for column in SIDE_COLUMNS:
        pairs[f"target_{column}"] = targets[column]
    has_actual = order["actual_row"].notna().to_numpy()
    actual_rows = order["actual_row"].fillna(0).astype("int64").to_numpy()
    actuals = facts[SIDE_COLUMNS].iloc[positions[actual_rows]].reset_index(drop=True)
    for column in SIDE_COLUMNS:
        pairs[f"actual_{column}"] = actuals[column].where(has_actual)
    pairs["match"] = order["match"].to_numpy()
    pairs["scope_match"] = order["scope_match"].to_numpy()
    return pairs


def _judge(pairs: pd.DataFrame) -> pd.DataFrame:
    """Share achieved, gap (target minus actual) and the flag of each pair."""
    target = pairs["target_value"].astype("Float64")
    actual = pairs["actual_value"].astype("Float64")
    has_actual = pairs["actual_fact_id"].notna()
    pairs["share"] = (actual / target.where(target != 0)).round(6)
    pairs["gap"] = target - actual
    pairs["match"] = pairs["match"].astype("string").fillna("none")
    pairs["scope_match"] = pairs["scope_match"].astype("boolean")
    flag = pd.Series(pd.NA, index=pairs.index, dtype="string")
    flag[~has_actual] = "no_actual"
    flag[(has_actual & (actual >= target)).fillna(False)] = "beyond_target"
    pairs["flag"] = flag
    return (
        pairs[PAIR_COLUMNS]
        .sort_values(["zone_id", "metric", "target_fact_id"], kind="stable")
        .reset_index(drop=True)
    )

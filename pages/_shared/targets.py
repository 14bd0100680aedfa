"""Targets paired with the actual they should be judged against: share achieved, gap, flags.

A target meets only an actual of the same zone, metric, status, scope, period (year and
months) and cumulative reading: a full-year target is not judged by a Jan–Nov figure, nor a
target of newly settled projects by the zone's whole revenue. Of several such actuals the
first stated is taken (latest.pick_latest's rule among equals). Otherwise the target has
no comparable actual (`match` none, flag no_actual).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

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
# What pairing reads of each fact; the pair's own columns are gathered for the pairs alone.
KEY_COLUMNS = ["kind", "zone_id", "metric", "status", "scope", "year", "months", "cumulative"]
PAIR_KEY = ["zone_id", "metric", "status", "scope", "year", "months", "cumulative"]
MATCHES = ("same_period", "none")
NO_YEAR = -1
FLAGS = ("no_actual", "beyond_target")


def pair_targets(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per target fact with its comparable actual (or none), share achieved, gap and flag.

    One look-up on an integer key (never a cross join of a zone's targets and actuals), so a
    million facts pair in about a second.
    """
    positions = np.flatnonzero(facts["kind"].isin(["target", "actual"]).to_numpy(dtype=bool, na_value=False))
    relevant = facts[KEY_COLUMNS].iloc[positions]
    is_target = (relevant["kind"] == "target").to_numpy(dtype=bool)
    if not is_target.any():
        return pd.DataFrame(columns=PAIR_COLUMNS)
    codes = _codes(relevant)
    key = _combine([codes[column] for column in PAIR_KEY])
    target_rows, actual_rows = np.flatnonzero(is_target), np.flatnonzero(~is_target)
    first_keys, first = np.unique(key[actual_rows], return_index=True)  # the first stated of each key
    chosen = _look_up(first_keys, actual_rows[first], key[target_rows])
    hit = chosen >= 0
    found = pd.DataFrame(
        {"target_row": target_rows[hit], "actual_row": chosen[hit], "match": "same_period"}
    )
    return _judge(_assemble(facts, positions, target_rows, [found]))


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
    codes = {column: _text_codes(frame[column]) for column in ("zone_id", "metric", "status", "scope", "months")}
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
        else pd.DataFrame({"target_row": [], "actual_row": [], "match": []})
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
    return pairs


def _judge(pairs: pd.DataFrame) -> pd.DataFrame:
    """Share achieved, gap (target minus actual) and the flag of each pair."""
    target = pairs["target_value"].astype("Float64")
    actual = pairs["actual_value"].astype("Float64")
    has_actual = pairs["actual_fact_id"].notna()
    pairs["share"] = (actual / target.where(target != 0)).round(6)
    pairs["gap"] = target - actual
    pairs["match"] = pairs["match"].astype("string").fillna("none")
    flag = pd.Series(pd.NA, index=pairs.index, dtype="string")
    flag[~has_actual] = "no_actual"
    flag[(has_actual & (actual >= target)).fillna(False)] = "beyond_target"
    pairs["flag"] = flag
    return (
        pairs[PAIR_COLUMNS]
        .sort_values(["zone_id", "metric", "target_fact_id"], kind="stable")
        .reset_index(drop=True)
    )

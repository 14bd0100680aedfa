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
MATCHES = ("same_year", "latest", "none")
PROJECT_GROUP_METRICS = ("projects", "project_investment", "project_investment_completed")
FLAGS = ("no_actual", "beyond_target")


def months_end(months: pd.Series) -> pd.Series:
    """The last month a period covers: `01-10` -> 10, a whole year (no months) -> 12."""
    return (
        pd.to_numeric(months.astype("string").str.split("-").str[-1], errors="coerce").fillna(12).astype(int)
    )


def pair_targets(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per target fact with its paired actual (or none), share achieved, gap and flag.

    Staged joins on integer-coded keys (never a cross join of a zone's targets and actuals), so a
    million facts pair in seconds: same scope and year, then same scope latest, then, for
    zone-wide targets, any scope of the same year, then any scope latest.
    """
    relevant = facts[facts["kind"].isin(["target", "actual"])]
    is_target = (relevant["kind"] == "target").to_numpy(dtype=bool)
    if not is_target.any():
        return pd.DataFrame(columns=PAIR_COLUMNS)
    keys = _codes(relevant)
    left = keys[is_target].assign(
        target_row=np.flatnonzero(is_target),
        loose=(relevant["scope"].isna() & ~relevant["metric"].isin(PROJECT_GROUP_METRICS)).to_numpy()[
            is_target
        ],
    )
    right = (
        keys[~is_target]
        .assign(
            actual_row=np.flatnonzero(~is_target),
            year_rank=relevant["year"].astype("Float64").fillna(-1).to_numpy(dtype=float)[~is_target],
            months_rank=months_end(relevant["months"]).to_numpy()[~is_target],
            start_rank=relevant["start"].astype("Float64").fillna(-1).to_numpy(dtype=float)[~is_target],
        )
        .sort_values(["year_rank", "months_rank", "start_rank"], ascending=False, kind="stable")
    )
    stages = (  # (join keys, match, scope_match, only zone-wide targets)
        ([*KEYS, "scope", "year"], "same_year", True, False),
        ([*KEYS, "scope"], "latest", True, False),
        ([*KEYS, "year"], "same_year", False, True),
        (KEYS, "latest", False, True),
    )
    found = []
    paired = np.zeros(len(left), dtype=bool)
    for on, match, scope_match, only_loose in stages:
        wanted = ~paired & (left["loose"].to_numpy() if only_loose else True)
        if "year" in on:
            wanted &= left["year"].to_numpy() != NO_YEAR
        if not wanted.any():
            continue
        best = right.drop_duplicates([*on, "cumulative"])  # the latest per group and cumulative reading
        candidates = left.loc[wanted, ["target_row", "cumulative", *on]].merge(
            best[["actual_row", "cumulative", "year_rank", "months_rank", "start_rank", *on]],
            on=on,
            suffixes=("", "_actual"),
        )
        # Per target: the same cumulative reading first, then the latest period, then the later mention.
        chosen = candidates.assign(
            other=candidates["cumulative"] != candidates["cumulative_actual"]
        ).sort_values(
            ["target_row", "other", "year_rank", "months_rank", "start_rank"],
            ascending=[True, True, False, False, False],
            kind="stable",
        )
        chosen = chosen.drop_duplicates("target_row")[["target_row", "actual_row"]]
        found.append(chosen.assign(match=match, scope_match=scope_match))
        paired |= left["target_row"].isin(chosen["target_row"]).to_numpy()
    return _judge(_assemble(relevant, left["target_row"].to_numpy(), found))


KEYS = ["zone_id", "metric", "status"]
NO_YEAR = -1


def _codes(frame: pd.DataFrame) -> pd.DataFrame:
    """Integer codes of the join keys (missing status/scope/year is a value of its own)."""
    codes = {
        column: pd.factorize(frame[column].astype("string").fillna(""))[0] for column in ("zone_id", "metric")
    }
    codes["status"] = pd.factorize(frame["status"].astype("string").fillna(""))[0]
    codes["scope"] = pd.factorize(frame["scope"].astype("string").fillna(""))[0]
    codes["year"] = frame["year"].astype("Float64").fillna(NO_YEAR).to_numpy(dtype="int64")
    codes["cumulative"] = frame["cumulative"].fillna(False).to_numpy(dtype=bool)
    return pd.DataFrame(codes)


def _assemble(relevant: pd.DataFrame, target_rows: np.ndarray, found: list[pd.DataFrame]) -> pd.DataFrame:
    """The pair frame: target_* and actual_* columns side by side, actual ones empty when unpaired."""
    matched = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame({"target_row": [], "actual_row": [], "match": [], "scope_match": []})
    )
    order = pd.DataFrame({"target_row": target_rows}).merge(matched, on="target_row", how="left")
    targets = relevant.iloc[order["target_row"].to_numpy()].reset_index(drop=True)
    pairs = targets[["zone_id", "metric", "status", "unit", "stated_completion"]].copy()
    for column in SIDE_COLUMNS:
        pairs[f"target_{column}"] = targets[column].to_numpy()
    has_actual = order["actual_row"].notna().to_numpy()
    actual_rows = order["actual_row"].fillna(0).astype("int64").to_numpy()
    actuals = relevant.iloc[actual_rows].reset_index(drop=True)
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

"""Targets paired with the actual they should be judged against: share achieved, gap, flags.

A target (zone, metric, period) meets the actuals of the same zone and metric (and, for
project counts, the same status). Among them it prefers, in this order: the same scope
(a target with a scope of its own, or about a group of projects, only ever meets that
scope), the same year, the same cumulative reading, then the latest period. `match` says
which rule made the pair.
"""

from __future__ import annotations

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
    """One row per target fact with its paired actual (or none), share achieved, gap and flag."""
    targets = facts[facts["kind"] == "target"]
    actuals = facts[facts["kind"] == "actual"]
    if targets.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    keys = ["zone_id", "metric", "status_key"]
    left = _with_status_key(targets)[[*keys, "status", "unit", "stated_completion", *SIDE_COLUMNS]]
    right = _with_status_key(actuals)[[*keys, *SIDE_COLUMNS]]
    candidates = left.merge(right, on=keys, how="inner", suffixes=("_target", "_actual"))
    candidates = candidates[_comparable_scope(candidates)]
    best = _best_candidate(candidates)
    pairs = left.merge(best, on=[*keys, "fact_id"], how="left")
    pairs = pairs.rename(columns={column: f"target_{column}" for column in SIDE_COLUMNS})
    return _judge(pairs)


def _with_status_key(frame: pd.DataFrame) -> pd.DataFrame:
    """Project counts pair only within one status; other metrics carry no status."""
    return frame.assign(status_key=frame["status"].astype("string").fillna(""))


def _comparable_scope(candidates: pd.DataFrame) -> pd.Series:
    """A target with a scope only meets that scope; a zone-wide target meets any scope, except for
    project groups, where the scope names the group (基础设施项目 vs 省外项目 are different projects)."""
    target_scope = candidates["scope_target"].astype("string")
    actual_scope = candidates["scope_actual"].astype("string")
    same = (target_scope == actual_scope).fillna(False) | (target_scope.isna() & actual_scope.isna())
    loose = target_scope.isna() & ~candidates["metric"].isin(PROJECT_GROUP_METRICS)
    return same | loose


def _best_candidate(candidates: pd.DataFrame) -> pd.DataFrame:
    """The preferred actual per target, with the columns the pair table needs."""
    target_scope = candidates["scope_target"].astype("string")
    actual_scope = candidates["scope_actual"].astype("string")
    ranked = candidates.assign(
        scope_match=(
            (target_scope == actual_scope).fillna(False) | (target_scope.isna() & actual_scope.isna())
        ),
        year_match=(candidates["year_target"] == candidates["year_actual"]).fillna(False),
        cumulative_match=(candidates["cumulative_target"] == candidates["cumulative_actual"]).fillna(False),
        year_rank=candidates["year_actual"].astype("Float64").fillna(-1),
        months_rank=months_end(candidates["months_actual"]),
    ).astype({"scope_match": bool, "year_match": bool, "cumulative_match": bool})
    ranked = ranked.sort_values(
        ["scope_match", "year_match", "cumulative_match", "year_rank", "months_rank", "start_actual"],
        ascending=False,
        kind="stable",
    ).drop_duplicates("fact_id_target")
    ranked["match"] = ranked["year_match"].map({True: "same_year", False: "latest"})
    columns = {f"{column}_actual": f"actual_{column}" for column in SIDE_COLUMNS}
    columns.update(fact_id_target="fact_id")
    keep = ["zone_id", "metric", "status_key", *columns, "match", "scope_match"]
    return ranked[keep].rename(columns=columns)


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

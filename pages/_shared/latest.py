"""The latest comparable value of a zone's metric: one rule, one function, every page. No streamlit.

    pick_latest(facts, keys)        one row per keys: zone-wide first, then the latest period, then the first stated
    period_rank(facts)              a number that grows with a period's end (undated lowest)
    implausible_fact_ids(quality)   figures the quality checks call implausible: never added, ranked or drawn
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from loaders.pipeline.summaries import IMPLAUSIBLE_CHECKS  # the rule's one SQL form lives beside it

__all__ = ["IMPLAUSIBLE_CHECKS", "implausible_fact_ids", "per_value", "period_rank", "pick_latest"]


def per_value(values: pd.Series, function: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """function(a string Series) over a text column; once per distinct value when the column is categorical."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return function(values.astype("string"))
    distinct = function(pd.Series([*values.cat.categories, pd.NA], dtype="string"))  # missing: code -1, the last
    codes = values.cat.codes.to_numpy()
    return pd.Series(distinct.to_numpy()[codes], index=values.index, dtype=distinct.dtype)


def period_rank(facts: pd.DataFrame) -> np.ndarray:
    """A number that grows with the period's end: year*100 + last month; a full year counts as month 12.

    Undated figures rank below every dated one.
    """
    year = facts["year"].astype("float64").to_numpy()
    last_month = per_value(
        facts["months"],
        lambda text: pd.to_numeric(text.str.slice(3, 5), errors="coerce").astype("float64").fillna(12.0),
    ).to_numpy()
    return np.where(np.isnan(year), -1.0, year * 100 + last_month)


def pick_latest(facts: pd.DataFrame, keys: list[str], largest_first: bool = False) -> pd.DataFrame:
    """The latest comparable value: one row per `keys`, the rule every page uses.

    Zone-wide first (no scope, and no status unless status is a key), then the latest period
    (period_rank), then the first stated: a report gives its headline before its parts and bases.
    `largest_first` puts the largest value before the first stated (of several groups counted
    in one period, the largest is the one the others are parts of).
    """
    if facts.empty:
        return facts.iloc[0:0]
    generic = facts["scope"].isna()
    if "status" not in keys:
        generic &= facts["status"].isna()
    score = generic.to_numpy(dtype=bool, na_value=False) * 1e7 + period_rank(facts)
    ranked = pd.DataFrame({key: facts[key].array for key in keys})  # categoricals stay codes
    ranked["score"] = score
    ranked["value"] = facts["value"].astype("float64").fillna(-np.inf).to_numpy() if largest_first else 0.0
    ranked["position"] = np.arange(len(facts))
    # Highest score wins; among equals the earliest row (facts are in text order within a report).
    ranked = ranked.sort_values(["score", "value", "position"], ascending=[False, False, True], kind="stable")
    winners = ranked.drop_duplicates(keys, keep="first")["position"].to_numpy()
    return facts.iloc[np.sort(winners)]


def implausible_fact_ids(quality: pd.DataFrame) -> pd.Series:
    """Fact ids the quality checks call implausible (IMPLAUSIBLE_CHECKS): never added, ranked or drawn."""
    if quality.empty:
        return pd.Series([], dtype="string")
    flagged = quality[quality["check"].isin(IMPLAUSIBLE_CHECKS).to_numpy(dtype=bool, na_value=False)]
    return flagged["fact_ids"].explode().dropna().astype("string").drop_duplicates()

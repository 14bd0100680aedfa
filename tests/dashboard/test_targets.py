"""Targets paired with actuals: which actual, share achieved, gap, flags."""

from __future__ import annotations

import pandas as pd
import pytest

from loaders.contract.schema import finalize
from pages._shared.targets import PAIR_COLUMNS, pair_targets


def facts(*rows: dict) -> pd.DataFrame:
    """A facts table in the contract's dtypes from a few hand-written rows."""
    defaults = {"doc_id": "d1", "unit": "CNY", "cumulative": False, "raw": "", "quote": "", "end": 0}
    filled = [{**defaults, "start": index, **row} for index, row in enumerate(rows)]
    return finalize("facts", pd.DataFrame(filled))


def by_target(pairs: pd.DataFrame) -> dict[str, dict]:
    return {row["target_fact_id"]: row for row in pairs.to_dict("records")}


def test_revenue_target_meets_the_actual_of_the_same_year():
    table = facts(
        {
            "fact_id": "a2024",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "actual",
            "value": 80e8,
            "year": 2024,
        },
        {
            "fact_id": "a2025",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "actual",
            "value": 102.5e8,
            "year": 2025,
        },
        {"fact_id": "t", "zone_id": "z", "metric": "revenue", "kind": "target", "value": 150e8, "year": 2025},
        {"fact_id": "g", "zone_id": "z", "metric": "revenue", "kind": "growth", "value": 8.8, "year": 2025},
    )
    pairs = pair_targets(table)
    assert list(pairs.columns) == PAIR_COLUMNS
    (pair,) = pairs.to_dict("records")
    assert pair["actual_fact_id"] == "a2025"
    assert pair["match"] == "same_period"
    assert pair["share"] == pytest.approx(0.683333)
    assert round(pair["share"] * 100, 1) == 68.3
    assert pair["gap"] == pytest.approx(47.5e8)
    assert pd.isna(pair["flag"])


def test_a_target_meets_only_an_actual_of_its_own_period():
    table = facts(
        {"fact_id": "old", "zone_id": "z", "metric": "tax", "kind": "actual", "value": 1e8, "year": 2022},
        {
            "fact_id": "h1",
            "zone_id": "z",
            "metric": "tax",
            "kind": "actual",
            "value": 2e8,
            "year": 2024,
            "months": "01-06",
        },
        {
            "fact_id": "m10",
            "zone_id": "z",
            "metric": "tax",
            "kind": "actual",
            "value": 3e8,
            "year": 2024,
            "months": "01-10",
        },
        {"fact_id": "undated", "zone_id": "z", "metric": "tax", "kind": "actual", "value": 9e8},
        {"fact_id": "t2026", "zone_id": "z", "metric": "tax", "kind": "target", "value": 4e8, "year": 2026},
        {"fact_id": "t2024", "zone_id": "z", "metric": "tax", "kind": "target", "value": 5e8, "year": 2024},
        {
            "fact_id": "t2024_m10",
            "zone_id": "z",
            "metric": "tax",
            "kind": "target",
            "value": 4e8,
            "year": 2024,
            "months": "01-10",
        },
    )
    pairs = by_target(pair_targets(table))
    assert (pairs["t2026"]["match"], pairs["t2026"]["flag"]) == ("none", "no_actual")
    assert pd.isna(pairs["t2024"]["actual_fact_id"]), "a full-year target is not judged by a part of the year"
    assert (pairs["t2024_m10"]["actual_fact_id"], pairs["t2024_m10"]["share"]) == ("m10", 0.75)
    assert pairs["t2024_m10"]["gap"] == 1e8


def test_an_actual_already_beyond_its_target_is_flagged():
    table = facts(
        {
            "fact_id": "t",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "target",
            "value": 50e8,
            "year": 2025,
            "bound": "lower",
        },
        {
            "fact_id": "a",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "actual",
            "value": 146e8,
            "year": 2025,
        },
    )
    (pair,) = pair_targets(table).to_dict("records")
    assert pair["flag"] == "beyond_target"
    assert pair["share"] == 2.92
    assert pair["gap"] == -96e8


def test_a_target_with_no_actual_is_flagged_and_keeps_its_own_fields():
    table = facts(
        {
            "fact_id": "t",
            "zone_id": "z",
            "metric": "employment",
            "kind": "target",
            "value": 25000,
            "year": 2025,
            "unit": "person",
            "raw": "2.5万人",
            "quote": "就业人数达到2.5万人",
            "stated_completion": 80.0,
        },
        {
            "fact_id": "other_zone",
            "zone_id": "y",
            "metric": "employment",
            "kind": "actual",
            "value": 100,
            "year": 2025,
        },
    )
    (pair,) = pair_targets(table).to_dict("records")
    assert pair["flag"] == "no_actual"
    assert pair["match"] == "none"
    assert pd.isna(pair["actual_fact_id"]) and pd.isna(pair["share"]) and pd.isna(pair["gap"])
    assert (pair["target_raw"], pair["target_quote"], pair["stated_completion"]) == (
        "2.5万人",
        "就业人数达到2.5万人",
        80.0,
    )
    assert pair["unit"] == "person"


def test_same_scope_is_preferred_and_a_scoped_target_never_meets_another_scope():
    table = facts(
        {
            "fact_id": "all",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "actual",
            "value": 20e8,
            "year": 2025,
        },
        {
            "fact_id": "above",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "actual",
            "value": 14e8,
            "year": 2025,
            "scope": "规上",
        },
        {
            "fact_id": "t_above",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "target",
            "value": 28e8,
            "year": 2025,
            "scope": "规上",
        },
        {
            "fact_id": "t_all",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "target",
            "value": 40e8,
            "year": 2025,
        },
        {
            "fact_id": "t_new",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "target",
            "value": 5e8,
            "year": 2025,
            "scope": "新入驻项目",
        },
    )
    pairs = by_target(pair_targets(table))
    assert (pairs["t_above"]["actual_fact_id"], pairs["t_above"]["share"]) == ("above", 0.5)
    assert (pairs["t_all"]["actual_fact_id"], pairs["t_all"]["share"]) == ("all", 0.5)
    assert pairs["t_new"]["flag"] == "no_actual"


def test_a_zone_wide_target_never_meets_a_scoped_actual():
    table = facts(
        {
            "fact_id": "above",
            "zone_id": "z",
            "metric": "revenue",
            "kind": "actual",
            "value": 14.03e8,
            "year": 2025,
            "scope": "规上",
        },
        {"fact_id": "t", "zone_id": "z", "metric": "revenue", "kind": "target", "value": 20e8, "year": 2025},
    )
    (pair,) = pair_targets(table).to_dict("records")
    assert pd.isna(pair["actual_fact_id"]) and pair["flag"] == "no_actual"
    assert pd.isna(pair["share"])


def test_project_counts_pair_only_within_one_status():
    table = facts(
        {
            "fact_id": "signed",
            "zone_id": "z",
            "metric": "projects",
            "kind": "actual",
            "value": 15,
            "unit": "count",
            "status": "signed",
        },
        {
            "fact_id": "started",
            "zone_id": "z",
            "metric": "projects",
            "kind": "actual",
            "value": 9,
            "unit": "count",
            "status": "started",
        },
        {
            "fact_id": "t",
            "zone_id": "z",
            "metric": "projects",
            "kind": "target",
            "value": 12,
            "unit": "count",
            "status": "started",
        },
        {
            "fact_id": "t_landed",
            "zone_id": "z",
            "metric": "projects",
            "kind": "target",
            "value": 80,
            "unit": "count",
            "status": "landed",
        },
    )
    pairs = by_target(pair_targets(table))
    assert (pairs["t"]["actual_fact_id"], pairs["t"]["share"], pairs["t"]["status"]) == (
        "started",
        0.75,
        "started",
    )
    assert pairs["t_landed"]["flag"] == "no_actual"


def test_a_cumulative_target_meets_only_a_cumulative_actual_of_its_period():
    def enterprises(fact_id, kind, value, year=None, cumulative=False):
        return {"fact_id": fact_id, "zone_id": "z", "metric": "enterprises", "kind": kind, "value": value,
                "unit": "count", "year": year, "cumulative": cumulative}

    table = facts(
        enterprises("flow", "actual", 12, 2026),
        enterprises("stock_undated", "actual", 104, cumulative=True),
        enterprises("stock", "actual", 110, 2026, cumulative=True),
        enterprises("t", "target", 120, 2026, cumulative=True),
        enterprises("t_flow", "target", 10, 2026),
        enterprises("t_later", "target", 150, 2027, cumulative=True),
    )
    pairs = by_target(pair_targets(table))
    assert (pairs["t"]["actual_fact_id"], pairs["t"]["gap"]) == ("stock", 10)
    assert pairs["t_flow"]["actual_fact_id"] == "flow"
    assert pairs["t_later"]["flag"] == "no_actual"


def test_no_targets_gives_an_empty_table_with_the_pair_columns():
    table = facts({"fact_id": "a", "zone_id": "z", "metric": "tax", "kind": "actual", "value": 1.0})
    pairs = pair_targets(table)
    assert pairs.empty and list(pairs.columns) == PAIR_COLUMNS


def test_a_project_group_target_never_meets_another_group():
    table = facts(
        {
            "fact_id": "outside",
            "zone_id": "z",
            "metric": "project_investment",
            "kind": "actual",
            "value": 3.4e8,
            "scope": "省外项目",
        },
        {"fact_id": "t", "zone_id": "z", "metric": "project_investment", "kind": "target", "value": 5.5e8},
        {
            "fact_id": "t_count",
            "zone_id": "z",
            "metric": "projects",
            "kind": "target",
            "value": 20,
            "unit": "count",
            "status": "planned",
        },
        {
            "fact_id": "count",
            "zone_id": "z",
            "metric": "projects",
            "kind": "actual",
            "value": 2,
            "unit": "count",
            "status": "planned",
            "scope": "省外项目",
        },
    )
    assert pair_targets(table)["flag"].tolist() == ["no_actual", "no_actual"]

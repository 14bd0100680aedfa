"""Progress: status counts in pipeline order, stated project counts, investment stated vs completed."""

from __future__ import annotations

import pandas as pd

from loaders.contract.schema import finalize
from pages._shared.progress import (
    infrastructure_counts,
    project_counts,
    project_investment_progress,
    project_pipeline,
    stated_project_counts,
)


def table(name: str, *rows: dict) -> pd.DataFrame:
    """A contract table from a few hand-written rows."""
    defaults = {"doc_id": "d1", "zone_id": "z", "quote": "", "end": 0}
    if name == "facts":
        defaults |= {"kind": "actual", "unit": "count", "cumulative": False, "raw": ""}
    key = {"facts": "fact_id", "projects": "project_id", "infrastructure": "item_id"}[name]
    filled = [{**defaults, key: f"{key}{index}", "start": index, **row} for index, row in enumerate(rows)]
    return finalize(name, pd.DataFrame(filled))


def records(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    plain = frame[list(columns)].astype(object)
    return [
        tuple(None if value is pd.NA else value for value in row) for row in plain.itertuples(index=False)
    ]


def test_infrastructure_counts_follow_category_and_pipeline_order():
    items = table(
        "infrastructure",
        {"category": "substation", "name": "22万伏数字变电站", "status": "under_construction"},
        {"category": "road", "name": "鹤淇大道一期工程", "status": "completed"},
        {"category": "road", "name": "淇园路北延一期工程", "status": "completed"},
        {"category": "road", "name": "先进制造园区东西干道", "status": "under_construction"},
        {"category": "road", "name": "新路", "status": "planned"},
        {"category": "water", "name": "供水工程一期", "status": "in_operation"},
        {"category": "gas", "name": "天然气管道", "status": "design"},
        {"category": "other", "name": "无状态", "status": None},
    )
    assert records(infrastructure_counts(items), "category", "status", "count") == [
        ("road", "planned", 1),
        ("road", "under_construction", 1),
        ("road", "completed", 2),
        ("substation", "under_construction", 1),
        ("water", "in_operation", 1),
        ("gas", "design", 1),
        ("other", "unknown", 1),
    ]


def test_project_counts_put_relocating_after_the_pipeline():
    projects = table(
        "projects",
        {"name": "搬迁", "status": "relocating"},
        {"name": "投产甲", "status": "in_production"},
        {"name": "投产乙", "status": "in_production"},
        {"name": "在谈", "status": "negotiating"},
        {"name": "签约", "status": "signed", "zone_id": "y"},
    )
    assert records(project_counts(projects), "zone_id", "status", "count") == [
        ("y", "signed", 1),
        ("z", "negotiating", 1),
        ("z", "in_production", 2),
        ("z", "relocating", 1),
    ]


def test_empty_tables_give_empty_counts():
    assert project_counts(table("projects")).empty
    assert infrastructure_counts(table("infrastructure")).empty
    assert project_pipeline(table("facts")).empty
    assert project_investment_progress(table("facts")).empty


ANYANG = (
    {"metric": "projects", "value": 1, "status": "in_production", "months": "01-10", "raw": "1个"},
    {"metric": "projects", "value": 15, "status": "signed", "months": "01-10", "raw": "15个"},
    {"metric": "projects", "value": 9, "status": "landed", "months": "01-10", "raw": "9个"},
    {"metric": "projects", "value": 9, "status": "started", "months": "01-10", "raw": "9个"},
    {"metric": "projects", "value": 3, "status": "started", "months": "01-10", "scope": "亿元以上项目"},
    {"metric": "projects", "value": 12, "status": "under_construction", "cumulative": True},
    {
        "metric": "projects",
        "value": 5,
        "status": "under_construction",
        "cumulative": True,
        "scope": "亿元以上项目",
    },
    {"metric": "projects", "value": 31, "scope": "新引进和续建项目"},
    {"metric": "projects", "value": 20, "kind": "target", "status": "planned", "scope": "基础设施项目"},
)


def test_stated_project_counts_keep_every_count_with_a_status_in_pipeline_order():
    counts = stated_project_counts(table("facts", *ANYANG))
    assert records(counts, "status", "value", "scope") == [
        ("signed", 15.0, None),
        ("landed", 9.0, None),
        ("started", 9.0, None),
        ("started", 3.0, "亿元以上项目"),
        ("under_construction", 12.0, None),
        ("under_construction", 5.0, "亿元以上项目"),
        ("in_production", 1.0, None),
    ]


def test_project_pipeline_keeps_the_zone_wide_count_per_status():
    other_zone = {"metric": "projects", "value": 2, "status": "landed", "scope": "省外项目", "zone_id": "y"}
    pipeline = project_pipeline(table("facts", *ANYANG, other_zone))
    assert records(pipeline, "zone_id", "status", "value", "scope") == [
        ("y", "landed", 2.0, "省外项目"),
        ("z", "signed", 15.0, None),
        ("z", "landed", 9.0, None),
        ("z", "started", 9.0, None),
        ("z", "under_construction", 12.0, None),
        ("z", "in_production", 1.0, None),
    ]


def test_project_investment_pairs_stated_and_completed_by_project_group():
    facts = table(
        "facts",
        {
            "metric": "project_investment",
            "value": 22.92e8,
            "scope": "工业项目",
            "unit": "CNY",
            "raw": "22.92亿元",
        },
        {
            "metric": "project_investment_completed",
            "value": 17.44e8,
            "scope": "工业项目",
            "unit": "CNY",
            "raw": "17.44亿元",
        },
        {"metric": "project_investment_completed", "value": 19.65e8, "scope": "亿元以上项目", "unit": "CNY"},
        {"metric": "project_investment", "value": 3.4e8, "scope": "省外项目", "unit": "CNY"},
        {"metric": "project_investment_completed", "value": 2.3e8, "scope": "省外项目", "unit": "CNY"},
        {"metric": "project_investment", "value": 9e8, "kind": "target", "unit": "CNY"},
        {"metric": "investment", "value": 37.39e8, "unit": "CNY"},
    )
    assert records(
        project_investment_progress(facts), "scope", "stated", "completed", "share", "stated_raw"
    ) == [
        ("工业项目", 22.92e8, 17.44e8, 0.760908, "22.92亿元"),
        ("省外项目", 3.4e8, 2.3e8, 0.676471, ""),
        ("亿元以上项目", None, 19.65e8, None, None),
    ]


def test_project_pipeline_takes_the_largest_of_several_scoped_counts_of_one_period():
    facts = table(
        "facts",
        {"metric": "projects", "value": 3, "status": "started", "months": "01-10", "scope": "亿元以上项目"},
        {"metric": "projects", "value": 9, "status": "started", "months": "01-10", "scope": "新开工项目"},
        {"metric": "projects", "value": 15, "status": "signed", "months": "01-10", "scope": "签约项目"},
    )
    assert records(project_pipeline(facts), "status", "value", "scope") == [
        ("signed", 15.0, "签约项目"),
        ("started", 9.0, "新开工项目"),
    ]

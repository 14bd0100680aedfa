"""How far projects and infrastructure are: counts by status in pipeline order, investment stated vs completed."""

from __future__ import annotations

import pandas as pd

from loaders.contract.schema import INFRASTRUCTURE_CATEGORIES, INFRASTRUCTURE_STATUSES, PROJECT_STATUSES

from .latest import pick_latest

UNKNOWN = "unknown"
# The contract lists statuses in pipeline order; relocating sits apart, after the pipeline.
PROJECT_PIPELINE = (*PROJECT_STATUSES, UNKNOWN)
INFRASTRUCTURE_PIPELINE = (*INFRASTRUCTURE_STATUSES, UNKNOWN)
CATEGORY_ORDER = (*INFRASTRUCTURE_CATEGORIES,)
COUNT_COLUMNS = [
    "fact_id",
    "doc_id",
    "zone_id",
    "status",
    "value",
    "scope",
    "year",
    "months",
    "cumulative",
    "raw",
    "quote",
]
INVESTMENT_COLUMNS = [
    "zone_id",
    "scope",
    "stated",
    "completed",
    "share",
    "stated_fact_id",
    "completed_fact_id",
    "stated_raw",
    "completed_raw",
]


def ordered_status(status: pd.Series, pipeline: tuple[str, ...]) -> pd.Series:
    """Statuses as an ordered categorical; a missing status becomes `unknown`, last."""
    return pd.Categorical(status.astype("string").fillna(UNKNOWN), categories=pipeline, ordered=True)


def status_counts(
    items: pd.DataFrame, pipeline: tuple[str, ...], by: tuple[str, ...] = ("zone_id",)
) -> pd.DataFrame:
    """Number of items per group and status, in pipeline order, zero rows left out."""
    columns = [*by, "status", "count"]
    if items.empty:
        return pd.DataFrame(columns=columns)
    frame = items.loc[:, list(by)].assign(status=ordered_status(items["status"], pipeline))
    counts = frame.groupby([*by, "status"], observed=True, dropna=False).size().rename("count").reset_index()
    counts["count"] = counts["count"].astype(int)
    return counts.sort_values([*by, "status"], kind="stable").reset_index(drop=True)[columns]


def infrastructure_counts(infrastructure: pd.DataFrame) -> pd.DataFrame:
    """Infrastructure items per zone, category and status."""
    counts = status_counts(infrastructure, INFRASTRUCTURE_PIPELINE, ("zone_id", "category"))
    if counts.empty:
        return counts
    counts["category"] = pd.Categorical(counts["category"], categories=CATEGORY_ORDER, ordered=True)
    return counts.sort_values(["zone_id", "category", "status"], kind="stable").reset_index(drop=True)


def project_counts(projects: pd.DataFrame) -> pd.DataFrame:
    """Named projects per zone and status."""
    return status_counts(projects, PROJECT_PIPELINE)


def stated_project_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Project counts the reports state with a status (签约项目15个), in pipeline order; scoped groups too."""
    stated = facts[(facts["metric"] == "projects") & (facts["kind"] == "actual") & facts["status"].notna()]
    stated = stated.loc[:, COUNT_COLUMNS].assign(status=ordered_status(stated["status"], PROJECT_PIPELINE))
    stated = stated.assign(zone_wide=stated["scope"].isna())
    stated = stated.sort_values(
        ["zone_id", "status", "zone_wide"], ascending=[True, True, False], kind="stable"
    )
    return stated.drop(columns="zone_wide").reset_index(drop=True)


def project_pipeline(facts: pd.DataFrame) -> pd.DataFrame:
    """One stated count per zone and status, by latest.pick_latest: zone-wide, latest, then the largest.

    The largest of several scoped counts of one period is the group the others are parts of
    (9 新开工项目, of which 3 亿元以上项目).
    """
    stated = stated_project_counts(facts)
    best = pick_latest(stated, ["zone_id", "status"], largest_first=True)
    return best.sort_values(["zone_id", "status"], kind="stable").reset_index(drop=True)


def project_investment_progress(facts: pd.DataFrame) -> pd.DataFrame:
    """Per zone and project group (scope): stated total investment beside completed investment."""
    actual = facts[facts["kind"] == "actual"]
    sides = []
    for metric, side in (("project_investment", "stated"), ("project_investment_completed", "completed")):
        rows = actual[actual["metric"] == metric]
        rows = pick_latest(rows, ["zone_id", "scope"])
        rows = rows.assign(
            # object keys: pandas cannot merge empty arrow-backed string columns
            scope_key=rows["scope"].astype("string").fillna("").astype(object),
            zone_id=rows["zone_id"].astype(object),
        )
        sides.append(
            rows[["zone_id", "scope_key", "value", "fact_id", "raw"]].rename(
                columns={"value": side, "fact_id": f"{side}_fact_id", "raw": f"{side}_raw"}
            )
        )
    table = sides[0].merge(sides[1], on=["zone_id", "scope_key"], how="outer")
    if table.empty:
        return pd.DataFrame(columns=INVESTMENT_COLUMNS)
    table["zone_id"] = table["zone_id"].astype("string")
    table["scope"] = table["scope_key"].replace("", pd.NA).astype("string")
    table["stated"] = table["stated"].astype("Float64")
    table["completed"] = table["completed"].astype("Float64")
    table["share"] = (table["completed"] / table["stated"].where(table["stated"] != 0)).round(6)
    table = table.sort_values(
        ["zone_id", "stated"], ascending=[True, False], na_position="last", kind="stable"
    )
    return table[INVESTMENT_COLUMNS].reset_index(drop=True)

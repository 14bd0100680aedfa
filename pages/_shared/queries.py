"""Plain pandas queries over the tables: tidy frames in, tidy frames out. No streamlit.

Each function takes `tables` (model.Tables) first and hashable arguments after, so a page can
cache it with `data.derived(tables, function, *args)`; tests and benchmarks call them directly.
All work is vectorised (no per-row Python loops) so a page stays fast on 1M facts.

    Selection(zone_ids, years, kinds)          what the sidebar selects; empty = all
    filtered_facts(tables, selection)          facts under the selection (undated facts kept)
    latest_facts(tables, selection, metrics, kinds)  one row per zone x metric x kind: the latest
    zone_overview(tables, selection)           one row per zone, latest area/revenue/tax/... (long)
    pick_latest(facts, keys)                   the one rule for "the latest comparable value"
    comparable_facts(tables, selection)        filtered facts without the implausible ones (totals, charts)
    kpi_totals(tables, selection)              sums over the zones whose latest values are comparable
    topic_by_zone / topic_by_year / topic_growth   rows for the topic pages' charts
    compare_values(tables, selection, zone_ids, kind)  every metric x zone, missing kept as NaN
    data_rows(tables, selection, metrics, scopes, doc_ids, fact_ids, search)  the Data page rows
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders import schema

from .model import Selection

AREA_METRICS = ("area_planned", "area_built", "area_developed")
OVERVIEW_METRICS = ("area_planned", "area_built", "revenue", "tax", "investment", "enterprises", "employment")
KPI_METRICS = ("revenue", "tax", "investment", "enterprises", "employment")
TOPICS: dict[str, tuple[str, ...]] = {
    "investment": (
        "investment",
        "investment_infrastructure",
        "investment_industrial",
        "project_investment",
        "project_investment_completed",
        "financing",
    ),
    "revenue": ("revenue", "output_value", "tax", "profit_tax"),
    "enterprises": ("enterprises", "employment", "projects"),
}
NO_SCOPE = "__none__"  # the Data page's choice "zone-wide, no scope"
# Quality checks whose figures are likely unit slips or misreadings: shown on the quality page only.
IMPLAUSIBLE_CHECKS = ("implausible_value", "implausible_magnitude")
# What makes two figures addable: the same period, scope and cumulative reading.
COMPARABLE_KEY = ("year", "months", "scope", "cumulative")


# --- vocabularies -------------------------------------------------------------------------------


def zone_names_sorted(tables) -> list[str]:
    """Zone names in the zones table's order (by name)."""
    return tables.zones["name"].dropna().astype(str).tolist()


def fact_years(tables) -> list[int]:
    """Every year a fact belongs to, ascending."""
    return sorted(int(year) for year in tables.facts["year"].dropna().unique())


def zone_ids_for_names(zones: pd.DataFrame, names) -> tuple[str, ...]:
    """The ids of the named zones, in the order given; unknown names are skipped."""
    if not names:
        return ()
    ids = dict(zip(zones["name"].astype(str), zones["zone_id"].astype(str), strict=True))
    return tuple(ids[name] for name in names if name in ids)


def zone_name_map(tables) -> pd.Series:
    """zone_id -> name."""
    return pd.Series(tables.zones["name"].to_numpy(), index=tables.zones["zone_id"].to_numpy())


def with_zone_names(frame: pd.DataFrame, tables) -> pd.DataFrame:
    """frame + zone_name (the id when a zone is missing from the zones table)."""
    zone_ids = frame["zone_id"].astype("string")
    return frame.assign(zone_name=zone_ids.map(zone_name_map(tables)).fillna(zone_ids).astype("string"))


def reports_count(tables, facts: pd.DataFrame | None = None) -> int:
    """How many reports the figures come from (all documents when facts is None)."""
    if facts is None:
        return int(len(tables.documents))
    return int(facts["doc_id"].nunique())


# --- selection and latest values ----------------------------------------------------------------


def filtered_facts(tables, selection: Selection) -> pd.DataFrame:
    """Facts of the selected zones, years and kinds. A fact without a year is always kept."""
    facts = tables.facts
    mask = np.ones(len(facts), dtype=bool)
    if selection.zone_ids:
        mask &= facts["zone_id"].isin(selection.zone_ids).to_numpy()
    if selection.years:
        year = facts["year"]
        mask &= (year.isin(selection.years) | year.isna()).to_numpy(dtype=bool, na_value=False)
    if tuple(selection.kinds) != schema.KINDS:
        mask &= facts["kind"].isin(selection.kinds).to_numpy(dtype=bool, na_value=False)
    return facts if mask.all() else facts[mask]


def per_value(values: pd.Series, function) -> pd.Series:
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


def comparable_facts(tables, selection: Selection) -> pd.DataFrame:
    """filtered_facts without the implausible figures: what totals, rankings and charts read."""
    facts = filtered_facts(tables, selection)
    implausible = implausible_fact_ids(tables.quality)
    if implausible.empty:
        return facts
    return facts[~facts["fact_id"].isin(implausible).to_numpy(dtype=bool, na_value=False)]


def implausible_count(tables, selection: Selection) -> int:
    """How many figures under the selection are left out of totals, rankings and charts as implausible."""
    return len(filtered_facts(tables, selection)) - len(comparable_facts(tables, selection))


def latest_facts(
    tables,
    selection: Selection,
    metrics: tuple[str, ...] | None = None,
    kinds: tuple[str, ...] = ("actual",),
) -> pd.DataFrame:
    """One fact per zone x metric x kind: zone-wide if stated, else scoped; then the latest period."""
    facts = comparable_facts(tables, Selection(selection.zone_ids, selection.years, schema.KINDS))
    mask = facts["kind"].isin(kinds)
    if metrics is not None:
        mask &= facts["metric"].isin(metrics)
    return pick_latest(facts[mask.to_numpy(dtype=bool, na_value=False)], ["zone_id", "metric", "kind"])


def zone_areas(tables, area_metric: str) -> pd.Series:
    """zone_id -> the zone's latest actual area of `area_metric` in km² (all years: areas are structural)."""
    latest = latest_facts(tables, Selection(), (area_metric,))
    return pd.Series(latest["value"].to_numpy(), index=latest["zone_id"].to_numpy(), dtype="float64")


# --- overview -------------------------------------------------------------------------------------


def selected_zones(tables, selection: Selection) -> pd.DataFrame:
    """The zones rows of the selection (all zones when none is selected), in selection order."""
    zones = tables.zones
    if not selection.zone_ids:
        return zones
    order = {zone_id: position for position, zone_id in enumerate(selection.zone_ids)}
    chosen = zones[zones["zone_id"].isin(selection.zone_ids)]
    return chosen.iloc[np.argsort(chosen["zone_id"].map(order).to_numpy(), kind="stable")]


def zone_overview(tables, selection: Selection) -> pd.DataFrame:
    """Latest actual value of each overview metric for each selected zone (long; missing zones absent)."""
    return latest_facts(tables, selection, OVERVIEW_METRICS)


def zones_without_facts(tables, selection: Selection) -> list[str]:
    """Names of selected zones that report no figure at all under the selection."""
    facts = filtered_facts(tables, selection)
    zones = selected_zones(tables, selection)
    silent = ~zones["zone_id"].isin(facts["zone_id"].unique())
    return zones.loc[silent, "name"].astype(str).tolist()


def kpi_totals(tables, selection: Selection) -> pd.DataFrame:
    """Per KPI metric, the sum over the zones whose latest actuals are comparable (COMPARABLE_KEY).

    Columns: metric, total, zones (added), left_out (zones reporting another period or scope),
    unit, year, months, cumulative, scope (of the added figures), zone_name (when one zone),
    fact_ids (added). The group added is the one with most zones; ties go to the zone-wide,
    not cumulative, latest one. NaN total when no zone reports the metric.
    """
    latest = with_zone_names(latest_facts(tables, selection, KPI_METRICS), tables)
    units = schema.metrics().set_index("metric")["unit"]
    rows = []
    for metric in KPI_METRICS:
        figures = latest[(latest["metric"] == metric).to_numpy(dtype=bool, na_value=False)]
        row = {"metric": metric, "total": np.nan, "zones": 0, "left_out": 0, "unit": units.get(metric),
               "year": pd.NA, "months": pd.NA, "cumulative": False, "scope": pd.NA, "zone_name": pd.NA,
               "fact_ids": ()}
        if not figures.empty:
            added = _largest_comparable_group(figures)
            first = added.iloc[0]
            row.update(total=float(added["value"].sum()), zones=len(added), left_out=len(figures) - len(added),
                       year=first["year"], months=first["months"], cumulative=bool(first["cumulative"]),
                       scope=first["scope"], zone_name=first["zone_name"] if len(added) == 1 else pd.NA,
                       fact_ids=tuple(added["fact_id"].astype(str)))
        rows.append(row)
    return pd.DataFrame(rows)


def _largest_comparable_group(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures sharing one COMPARABLE_KEY: most zones, then zone-wide, not cumulative, latest period."""
    keys = pd.DataFrame({column: figures[column].astype("string").fillna("") for column in COMPARABLE_KEY})
    group = pd.Series(pd.factorize(pd.MultiIndex.from_frame(keys))[0], index=figures.index)
    ranked = pd.DataFrame(
        {
            "size": group.map(group.value_counts()),
            "zone_wide": figures["scope"].isna().to_numpy(dtype=bool, na_value=False),
            "annual": ~figures["cumulative"].fillna(False).to_numpy(dtype=bool),
            "period": period_rank(figures),
            "group": group,
        },
        index=figures.index,
    ).sort_values(["size", "zone_wide", "annual", "period"], ascending=False, kind="stable")
    return figures[group == ranked["group"].iloc[0]]


# --- topic pages (investment, revenue & tax, enterprises & employment) ----------------------------


def metric_counts(tables, selection: Selection, metrics: tuple[str, ...]) -> dict[str, int]:
    """How many facts each metric has under the selection (0 = nobody reported it)."""
    facts = filtered_facts(tables, selection)
    counts = facts.loc[facts["metric"].isin(metrics), "metric"].value_counts()
    return {metric: int(counts.get(metric, 0)) for metric in metrics}


def topic_by_zone(
    tables,
    selection: Selection,
    metric: str,
    area_metric: str | None = None,
    top_n: int = 20,
) -> tuple[pd.DataFrame, int, list[str]]:
    """(rows, zones in total, zones left out for lack of area).

    rows: the latest actual and target of `metric` per zone (kinds as selected), with zone_name;
    with `area_metric`, also area (km²) and intensity = value / area, zones without that area
    dropped. Without a zone selection only the `top_n` zones with the largest value are kept.
    """
    kinds = tuple(kind for kind in ("actual", "target") if kind in selection.kinds)
    rows = latest_facts(tables, selection, (metric,), kinds)
    rows = with_zone_names(rows, tables)
    left_out: list[str] = []
    if area_metric:
        area = rows["zone_id"].astype("string").map(zone_areas(tables, area_metric))
        rows = rows.assign(area=area.astype("float64"))
        has_area = rows["area"].gt(0).to_numpy(dtype=bool, na_value=False)
        left_out = sorted(set(rows.loc[~has_area, "zone_name"].astype(str)))
        rows = rows[has_area]
        rows = rows.assign(intensity=rows["value"].astype("float64") / rows["area"])
    measure = "intensity" if area_metric else "value"
    total = int(rows["zone_id"].nunique())
    # Zones rank by their actual figure; a zone with only a target ranks by that.
    largest = rows.groupby("zone_id", sort=False)[measure].max()
    actual = rows[rows["kind"] == "actual"].groupby("zone_id", sort=False)[measure].max()
    rank = actual.reindex(largest.index).fillna(largest).sort_values(ascending=False, kind="stable")
    if not selection.zone_ids and total > top_n:
        rank = rank.head(top_n)
        rows = rows[rows["zone_id"].isin(rank.index)]
    position = pd.Series(np.arange(len(rank)), index=rank.index)
    zone_order = rows["zone_id"].astype("string").map(position).to_numpy()
    rows = rows.iloc[np.lexsort((rows["kind"].to_numpy(), zone_order))]
    return rows.reset_index(drop=True), total, left_out


def topic_by_year(tables, selection: Selection, metric: str, top_n: int = 8) -> pd.DataFrame:
    """Dated zone-wide actuals of `metric`, one per zone and year (a full year before a part of it)."""
    if "actual" not in selection.kinds:
        return filtered_facts(tables, selection).iloc[0:0].assign(zone_name=pd.Series(dtype="string"))
    facts = comparable_facts(tables, selection)
    mask = (
        (facts["metric"] == metric)
        & (facts["kind"] == "actual")
        & facts["year"].notna()
        & facts["scope"].isna()
        & facts["status"].isna()
    ).to_numpy(dtype=bool, na_value=False)
    rows = pick_latest(facts[mask], ["zone_id", "year"])
    if not selection.zone_ids and rows["zone_id"].nunique() > top_n:
        best = rows.groupby("zone_id", sort=False)["value"].max().nlargest(top_n).index
        rows = rows[rows["zone_id"].isin(best)]
    rows = with_zone_names(rows, tables)
    return rows.sort_values(["year", "zone_name"], kind="stable").reset_index(drop=True)


def topic_growth(tables, selection: Selection, metric: str, limit: int = 60) -> pd.DataFrame:
    """Growth rates (%) stated for `metric`, newest first, at most `limit` rows."""
    facts = comparable_facts(tables, selection)
    mask = ((facts["metric"] == metric) & (facts["kind"] == "growth")).to_numpy(dtype=bool, na_value=False)
    rows = facts[mask]
    rows = rows.iloc[np.argsort(-period_rank(rows), kind="stable")].head(limit)
    return with_zone_names(rows, tables).reset_index(drop=True)


def topic_facts(tables, selection: Selection, metric: str, limit: int = 500) -> pd.DataFrame:
    """Every fact of `metric` under the selection (for the table under the charts), at most `limit`."""
    facts = filtered_facts(tables, selection)
    rows = facts[(facts["metric"] == metric).to_numpy(dtype=bool, na_value=False)].head(limit)
    return with_zone_names(rows, tables)


# --- compare --------------------------------------------------------------------------------------


def compare_zone_ids(tables, selection: Selection, limit: int = 5) -> tuple[tuple[str, ...], str]:
    """The zones to compare and why: ('picked' | 'default' | 'too_many' | 'one_picked' | 'one_zone').

    With one zone picked, the answer is that zone alone ('one_picked'): the page asks for a second.
    """
    if len(selection.zone_ids) >= 2:
        return selection.zone_ids[:limit], ("too_many" if len(selection.zone_ids) > limit else "picked")
    if len(selection.zone_ids) == 1:
        return selection.zone_ids, "one_picked"
    facts = filtered_facts(tables, Selection((), selection.years, selection.kinds))
    counts = facts["zone_id"].value_counts()
    counts = counts[counts > 0]  # a categorical lists zones without facts too
    chosen = list(selection.zone_ids)
    for zone_id in counts.index:
        if len(chosen) >= 2:
            break
        if zone_id not in chosen:
            chosen.append(zone_id)
    return tuple(chosen), ("default" if len(chosen) >= 2 else "one_zone")


def compare_partners(tables, selection: Selection) -> list[str]:
    """Names of the zones holding figures other than the selected ones, most figures first."""
    facts = filtered_facts(tables, Selection((), selection.years, selection.kinds))
    counts = facts["zone_id"].value_counts()
    others = [zone_id for zone_id in counts[counts > 0].index if zone_id not in selection.zone_ids]
    names = zone_name_map(tables)
    return [str(names.get(zone_id, zone_id)) for zone_id in others]


def compare_values(tables, selection: Selection, zone_ids: tuple[str, ...], kind: str = "actual") -> pd.DataFrame:
    """Every metric x zone (metrics.csv order): the latest fact of `kind`, value NaN when not reported."""
    metrics = tuple(schema.metrics()["metric"])
    latest = latest_facts(tables, Selection(zone_ids, selection.years, schema.KINDS), metrics, (kind,))
    grid = pd.MultiIndex.from_product([metrics, zone_ids], names=["metric", "zone_id"]).to_frame(index=False)
    values = grid.merge(latest.drop(columns=["metric", "zone_id"]).assign(metric=latest["metric"].to_numpy(),
                                                                          zone_id=latest["zone_id"].to_numpy()),
                        on=["metric", "zone_id"], how="left")
    units = schema.metrics().set_index("metric")["unit"]
    values["unit"] = values["unit"].astype("string").fillna(values["metric"].map(units))
    values["kind"] = kind
    return with_zone_names(values, tables)


# --- data page ------------------------------------------------------------------------------------


def data_rows(
    tables,
    selection: Selection,
    metrics: tuple[str, ...] = (),
    scopes: tuple[str, ...] = (),
    doc_ids: tuple[str, ...] = (),
    fact_ids: tuple[str, ...] = (),
    search: str = "",
) -> pd.DataFrame:
    """The Data page's facts: the selection narrowed by metric, scope (NO_SCOPE = none), report,
    chosen fact ids and a substring of the quote. Empty tuples mean no narrowing."""
    facts = filtered_facts(tables, selection)
    mask = np.ones(len(facts), dtype=bool)
    if metrics:
        mask &= facts["metric"].isin(metrics).to_numpy(dtype=bool, na_value=False)
    if scopes:
        scope = facts["scope"]
        keep = scope.isin([value for value in scopes if value != NO_SCOPE])
        if NO_SCOPE in scopes:
            keep |= scope.isna()
        mask &= keep.to_numpy(dtype=bool, na_value=False)
    if doc_ids:
        mask &= facts["doc_id"].isin(doc_ids).to_numpy(dtype=bool, na_value=False)
    if fact_ids:
        mask &= facts["fact_id"].isin(fact_ids).to_numpy(dtype=bool, na_value=False)
    if search:
        found = facts["quote"].str.contains(search, regex=False) | facts["raw"].str.contains(search, regex=False)
        mask &= found.to_numpy(dtype=bool, na_value=False)
    return facts if mask.all() else facts[mask]


def scope_options(tables, selection: Selection) -> list[str]:
    """NO_SCOPE then every scope stated under the selection, by frequency."""
    facts = filtered_facts(tables, selection)
    counts = facts["scope"].dropna().value_counts()
    return [NO_SCOPE, *counts[counts > 0].index.astype(str).tolist()]


def report_options(tables, selection: Selection) -> list[str]:
    """doc_ids of the reports that hold figures under the selection, in documents order."""
    used = set(filtered_facts(tables, selection)["doc_id"].unique())
    return [doc_id for doc_id in tables.documents["doc_id"].astype(str) if doc_id in used]


def count_by_metric(facts: pd.DataFrame) -> pd.DataFrame:
    """metric, kind, count of the given facts (metrics.csv order)."""
    counts = facts.groupby(["metric", "kind"], sort=False, observed=True).size().rename("count").reset_index()
    order = {metric: position for position, metric in enumerate(schema.metrics()["metric"])}
    counts["order"] = counts["metric"].astype("string").map(order).fillna(len(order)).astype(int)
    return counts.sort_values(["order", "kind"], kind="stable").drop(columns="order").reset_index(drop=True)


def overview_areas(tables, selection: Selection, top_n: int = 20) -> pd.DataFrame:
    """Latest planned and built-up area per zone, with zone_name; the `top_n` largest when none is selected."""
    rows = latest_facts(tables, selection, ("area_planned", "area_built"))
    if not selection.zone_ids and rows["zone_id"].nunique() > top_n:
        best = rows.groupby("zone_id", sort=False)["value"].max().nlargest(top_n).index
        rows = rows[rows["zone_id"].isin(best)]
    return with_zone_names(rows, tables).reset_index(drop=True)

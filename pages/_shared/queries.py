"""Plain pandas queries over the tables: tidy frames in, tidy frames out. No streamlit.

Each function takes `tables` (model.Tables) first and hashable arguments after, so a page can
cache it with `data.derived(tables, function, *args)`; tests and benchmarks call them directly.
All work is vectorised (no per-row Python loops) so a page stays fast on 1M facts.

    filtered_facts(tables, selection)          facts under the selection (undated facts kept): the Data page
    comparable_facts(tables, selection)        the same without implausible figures: totals, rankings, charts
    latest_facts(tables, selection, metrics, kinds)  one row per zone x metric x kind (latest.pick_latest)
    kpi_totals(tables, selection)              sums over the zones whose latest values are comparable
    topic_by_zone / topic_by_year / topic_growth   rows for the topic pages' charts
    compare_values(tables, selection, zone_ids, kind)  every metric x zone, missing kept as NaN
    data_rows(tables, selection, metrics, scopes, doc_ids, fact_ids, search)  the Data page rows
    target_pairs / *_items / *_counts / project_pipeline / coverage_cells / quality_flags
                                               the targets, progress and quality pages, zone names added
    report_count(*doc_ids)                     how many reports a chart's figures come from
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders import schema

from . import coverage, progress, targets
from .latest import implausible_fact_ids, period_rank, pick_latest
from .memo import derived
from .model import Selection, Tables

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
# What makes two figures addable: the same period, scope and cumulative reading.
COMPARABLE_KEY = ("year", "months", "scope", "cumulative")


# --- vocabularies -------------------------------------------------------------------------------


def zone_names_sorted(tables: Tables) -> list[str]:
    """Zone names in the zones table's order (by name)."""
    return tables.zones["name"].dropna().astype(str).tolist()


def fact_years(tables: Tables) -> list[int]:
    """Every year a fact belongs to, ascending."""
    return sorted(int(year) for year in tables.facts["year"].dropna().unique())


def zone_ids_for_names(zones: pd.DataFrame, names) -> tuple[str, ...]:
    """The ids of the named zones, in the order given; unknown names are skipped."""
    if not names:
        return ()
    ids = dict(zip(zones["name"].astype(str), zones["zone_id"].astype(str), strict=True))
    return tuple(ids[name] for name in names if name in ids)


def zone_name_map(tables: Tables) -> pd.Series:
    """zone_id -> name."""
    return pd.Series(tables.zones["name"].to_numpy(), index=tables.zones["zone_id"].to_numpy())


def with_zone_names(frame: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """frame + zone_name (the id when a zone is missing from the zones table)."""
    zone_ids = frame["zone_id"].astype("string")
    return frame.assign(zone_name=zone_ids.map(zone_name_map(tables)).fillna(zone_ids).astype("string"))


# --- selection and latest values ----------------------------------------------------------------


def filtered_facts(tables: Tables, selection: Selection) -> pd.DataFrame:
    """Facts of the selected zones, years and kinds. A fact without a year is always kept."""
    return _narrowed(tables.facts, selection)


def comparable_facts(tables: Tables, selection: Selection) -> pd.DataFrame:
    """filtered_facts without the implausible figures: what totals, rankings and charts read."""
    return _narrowed(derived(tables, plausible_facts), selection)


def plausible_facts(tables: Tables) -> pd.DataFrame:
    """Every fact but those the quality checks call implausible (computed once per tables version)."""
    implausible = implausible_fact_ids(tables.quality)
    facts = tables.facts
    if implausible.empty:
        return facts
    return facts[~facts["fact_id"].isin(implausible).to_numpy(dtype=bool, na_value=False)]


def _narrowed(facts: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    mask = np.ones(len(facts), dtype=bool)
    if selection.zone_ids:
        mask &= facts["zone_id"].isin(selection.zone_ids).to_numpy(dtype=bool, na_value=False)
    if selection.years:
        year = facts["year"]
        mask &= (year.isin(selection.years) | year.isna()).to_numpy(dtype=bool, na_value=False)
    if tuple(selection.kinds) != schema.KINDS:
        mask &= facts["kind"].isin(selection.kinds).to_numpy(dtype=bool, na_value=False)
    return facts if mask.all() else facts[mask]


def implausible_count(tables: Tables, selection: Selection) -> int:
    """How many figures under the selection are left out of totals, rankings and charts as implausible."""
    return len(filtered_facts(tables, selection)) - len(comparable_facts(tables, selection))


def latest_facts(
    tables: Tables,
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


def zone_areas(tables: Tables, area_metric: str) -> pd.Series:
    """zone_id -> the zone's latest actual area of `area_metric` in km² (all years: areas are structural)."""
    latest = latest_facts(tables, Selection(), (area_metric,))
    return pd.Series(latest["value"].to_numpy(), index=latest["zone_id"].to_numpy(), dtype="float64")


# --- overview -------------------------------------------------------------------------------------


def selected_zones(tables: Tables, selection: Selection) -> pd.DataFrame:
    """The zones rows of the selection (all zones when none is selected), in selection order."""
    zones = tables.zones
    if not selection.zone_ids:
        return zones
    order = {zone_id: position for position, zone_id in enumerate(selection.zone_ids)}
    chosen = zones[zones["zone_id"].isin(selection.zone_ids)]
    return chosen.iloc[np.argsort(chosen["zone_id"].map(order).to_numpy(), kind="stable")]


def zone_overview(tables: Tables, selection: Selection) -> pd.DataFrame:
    """Latest actual value of each overview metric for each selected zone (long; missing zones absent)."""
    return latest_facts(tables, selection, OVERVIEW_METRICS)


def zones_without_facts(tables: Tables, selection: Selection) -> list[str]:
    """Names of selected zones that report no figure at all under the selection."""
    facts = filtered_facts(tables, selection)
    zones = selected_zones(tables, selection)
    silent = ~zones["zone_id"].isin(facts["zone_id"].unique())
    return zones.loc[silent, "name"].astype(str).tolist()


def kpi_totals(tables: Tables, selection: Selection) -> pd.DataFrame:
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


def metric_counts(tables: Tables, selection: Selection, metrics: tuple[str, ...]) -> dict[str, int]:
    """How many facts each metric has under the selection (0 = nobody reported it)."""
    facts = filtered_facts(tables, selection)
    counts = facts.loc[facts["metric"].isin(metrics), "metric"].value_counts()
    return {metric: int(counts.get(metric, 0)) for metric in metrics}


def topic_by_zone(
    tables: Tables,
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


def topic_by_year(tables: Tables, selection: Selection, metric: str, top_n: int = 8) -> pd.DataFrame:
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


def topic_growth(tables: Tables, selection: Selection, metric: str, limit: int = 60) -> pd.DataFrame:
    """Growth rates (%) stated for `metric`, newest first, at most `limit` rows."""
    facts = comparable_facts(tables, selection)
    mask = ((facts["metric"] == metric) & (facts["kind"] == "growth")).to_numpy(dtype=bool, na_value=False)
    rows = facts[mask]
    rows = rows.iloc[np.argsort(-period_rank(rows), kind="stable")].head(limit)
    return with_zone_names(rows, tables).reset_index(drop=True)


def topic_facts(tables: Tables, selection: Selection, metric: str, limit: int = 500) -> pd.DataFrame:
    """Every fact of `metric` under the selection (for the table under the charts), at most `limit`."""
    facts = filtered_facts(tables, selection)
    rows = facts[(facts["metric"] == metric).to_numpy(dtype=bool, na_value=False)].head(limit)
    return with_zone_names(rows, tables)


# --- compare --------------------------------------------------------------------------------------


def compare_zone_ids(tables: Tables, selection: Selection, limit: int = 5) -> tuple[tuple[str, ...], str]:
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


def compare_partners(tables: Tables, selection: Selection) -> list[str]:
    """Names of the zones holding figures other than the selected ones, most figures first."""
    facts = filtered_facts(tables, Selection((), selection.years, selection.kinds))
    counts = facts["zone_id"].value_counts()
    others = [zone_id for zone_id in counts[counts > 0].index if zone_id not in selection.zone_ids]
    names = zone_name_map(tables)
    return [str(names.get(zone_id, zone_id)) for zone_id in others]


def compare_values(tables: Tables, selection: Selection, zone_ids: tuple[str, ...], kind: str = "actual") -> pd.DataFrame:
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
    tables: Tables,
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


def scope_options(tables: Tables, selection: Selection) -> list[str]:
    """NO_SCOPE then every scope stated under the selection, by frequency."""
    facts = filtered_facts(tables, selection)
    counts = facts["scope"].dropna().value_counts()
    return [NO_SCOPE, *counts[counts > 0].index.astype(str).tolist()]


def report_options(tables: Tables, selection: Selection) -> list[str]:
    """doc_ids of the reports that hold figures under the selection, in documents order."""
    used = set(filtered_facts(tables, selection)["doc_id"].unique())
    return [doc_id for doc_id in tables.documents["doc_id"].astype(str) if doc_id in used]


def count_by_metric(facts: pd.DataFrame) -> pd.DataFrame:
    """metric, kind, count of the given facts (metrics.csv order)."""
    counts = facts.groupby(["metric", "kind"], sort=False, observed=True).size().rename("count").reset_index()
    order = {metric: position for position, metric in enumerate(schema.metrics()["metric"])}
    counts["order"] = counts["metric"].astype("string").map(order).fillna(len(order)).astype(int)
    return counts.sort_values(["order", "kind"], kind="stable").drop(columns="order").reset_index(drop=True)


def overview_areas(tables: Tables, selection: Selection, top_n: int = 20) -> pd.DataFrame:
    """Latest planned and built-up area per zone, with zone_name; the `top_n` largest when none is selected."""
    rows = latest_facts(tables, selection, ("area_planned", "area_built"))
    if not selection.zone_ids and rows["zone_id"].nunique() > top_n:
        best = rows.groupby("zone_id", sort=False)["value"].max().nlargest(top_n).index
        rows = rows[rows["zone_id"].isin(best)]
    return with_zone_names(rows, tables).reset_index(drop=True)


def _all_kinds(selection: Selection) -> Selection:
    """Pairing and coverage need targets and actuals whatever the kind filter says."""
    return Selection(selection.zone_ids, selection.years, schema.KINDS)


def _zones(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return frame[frame["zone_id"].isin(selection.zone_ids)] if selection.zone_ids else frame


def target_pairs(tables, selection: Selection) -> pd.DataFrame:
    """targets.pair_targets over the selection, with zone names."""
    pairs = targets.pair_targets(comparable_facts(tables, _all_kinds(selection)))
    return with_zone_names(pairs, tables)


def infrastructure_items(tables, selection: Selection) -> pd.DataFrame:
    """Infrastructure rows of the selected zones, with zone names, in zone / category / pipeline order."""
    items = with_zone_names(_zones(tables.infrastructure, selection), tables)
    items = items.assign(
        status_order=progress.ordered_status(items["status"], progress.INFRASTRUCTURE_PIPELINE),
        category_order=pd.Categorical(items["category"], categories=progress.CATEGORY_ORDER, ordered=True),
    )
    items = items.sort_values(["zone_name", "category_order", "status_order"], kind="stable")
    return items.drop(columns=["status_order", "category_order"])


def project_items(tables, selection: Selection) -> pd.DataFrame:
    """Named projects of the selected zones, with zone names, in zone / pipeline order."""
    projects = with_zone_names(_zones(tables.projects, selection), tables)
    projects = projects.assign(
        status_order=progress.ordered_status(projects["status"], progress.PROJECT_PIPELINE)
    )
    return projects.sort_values(["zone_name", "status_order"], kind="stable").drop(columns="status_order")


def infrastructure_counts(tables, selection: Selection) -> pd.DataFrame:
    return with_zone_names(
        progress.infrastructure_counts(_zones(tables.infrastructure, selection)), tables
    )


def project_counts(tables, selection: Selection) -> pd.DataFrame:
    return with_zone_names(progress.project_counts(_zones(tables.projects, selection)), tables)


def stated_project_counts(tables, selection: Selection) -> pd.DataFrame:
    facts = comparable_facts(tables, _all_kinds(selection))
    return with_zone_names(progress.stated_project_counts(facts), tables)


def project_pipeline(tables, selection: Selection) -> pd.DataFrame:
    facts = comparable_facts(tables, _all_kinds(selection))
    return with_zone_names(progress.project_pipeline(facts), tables)


def project_investment(tables, selection: Selection) -> pd.DataFrame:
    facts = comparable_facts(tables, _all_kinds(selection))
    return with_zone_names(progress.project_investment_progress(facts), tables)


def selected_quality(tables, selection: Selection) -> pd.DataFrame:
    """Quality rows of the selected zones; a row without a zone is always kept."""
    quality = tables.quality
    if selection.zone_ids:
        quality = quality[quality["zone_id"].isin(selection.zone_ids) | quality["zone_id"].isna()]
    return quality


def quality_flags(tables, selection: Selection, limit: int | None = None) -> pd.DataFrame:
    """Quality rows of the selected zones, errors first, with sentences and zone names; the first `limit`."""
    flags = coverage.flags_in_order(selected_quality(tables, selection)).head(limit)
    texts = tables.document_texts(flags["doc_id"].dropna().astype(str).unique())
    return with_zone_names(coverage.flags_with_sentences(flags, texts), tables)


def coverage_cells(tables, selection: Selection, metrics: tuple[str, ...]) -> pd.DataFrame:
    """coverage.coverage_cells for the selected zones (in the zones table's order), with zone names."""
    zones = selected_zones(tables, selection)
    facts = filtered_facts(tables, _all_kinds(selection))
    cells = coverage.coverage_cells(zones, facts, tables.quality, list(metrics))
    return with_zone_names(cells, tables)


def report_count(*doc_ids: pd.Series) -> int:
    """How many distinct reports the given doc id columns come from (for a chart's source line)."""
    return int(pd.concat(doc_ids, ignore_index=True).dropna().nunique()) if doc_ids else 0


def items_in_segments(items: pd.DataFrame, segments: list[list]) -> pd.DataFrame:
    """The items behind selected bar segments ([zone_id, status, category] each); all items when none."""
    if not segments:
        return items
    status = items["status"].astype("string").fillna(progress.UNKNOWN)
    category = items["category"].astype("string") if "category" in items else pd.Series("", index=items.index)
    keep = pd.Series(False, index=items.index)
    for zone_id, wanted_status, wanted_category, *_ in segments:
        match = (items["zone_id"] == zone_id) & (status == wanted_status)
        if wanted_category:
            match &= category == wanted_category
        keep |= match.fillna(False)
    return items[keep]


def doc_ids_of(tables, *fact_ids: pd.Series) -> pd.Series:
    """The doc ids of the given facts (for a chart's source line)."""
    wanted = pd.concat(fact_ids, ignore_index=True).dropna()
    return tables.facts.loc[tables.facts["fact_id"].isin(wanted), "doc_id"]


def first_zones(cells: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The cells of the first `limit` zones (a grid stays readable; the table holds all)."""
    zones = list(dict.fromkeys(cells["zone_id"]))[:limit]
    return cells[cells["zone_id"].isin(zones)]

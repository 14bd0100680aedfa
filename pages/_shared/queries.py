"""The pages' queries: tidy frames in, tidy frames out. No streamlit.

Each function takes `tables` (model.Tables) first and hashable arguments after, so a page can
cache it with `data.derived(tables, function, *args)`; tests and benchmarks call them directly.
Facts are read through facts_sql (DuckDB): filters, latest values, counts and row limits run as
SQL, and pandas sees only the rows a page shows (the latest values, the first rows of a table).
The small tables (zones, documents, projects, infrastructure, quality) stay pandas.

    filtered_facts(tables, selection)          facts under the selection (undated facts kept); fact_count counts them
    comparable_facts(tables, selection)        the same without implausible figures: totals, rankings, charts
    latest_facts(tables, selection, metrics, kinds)  one row per zone x metric x kind (latest.pick_latest)
    kpi_totals(tables, selection)              sums over the zones whose latest values are comparable
    topic_by_zone / topic_by_year / topic_growth   rows for the topic pages' charts
    compare_values(tables, selection, zone_ids, kind)  every metric x zone, missing kept as NaN
    data_rows(tables, selection, metrics, scopes, doc_ids, fact_ids, search, limit)  the Data page rows
    data_summary(...)                          how many rows, by metric and kind, and from how many reports
    target_pairs / *_items / *_counts / project_pipeline / coverage_cells / coverage_sources / quality_flags
                                               the targets, progress and quality pages, zone names added
    report_count(*doc_ids)                     how many reports a chart's figures come from
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from loaders.contract import schema
from loaders.pipeline.summaries import FLAG_SENTENCES
from loaders.zones.lexicon import speaks_of_several_zones

from . import coverage, facts_sql, progress, store, targets
from .facts_sql import NO_SCOPE, FactFilter, of_selection
from .latest import period_rank
from .memo import derived
from .model import Selection, Tables

AREA_METRICS = ("area_planned", "area_built", "area_developed")
LATEST_KEYS = ("zone_id", "metric", "kind")  # latest_facts: one fact per zone, metric and kind
RANKED_COLUMNS = ("fact_id", "zone_id", "metric", "kind", "value")  # what ranking zones reads
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
# What makes two figures addable: the same period, scope and cumulative reading.
COMPARABLE_KEY = ("year", "months", "scope", "cumulative")


# --- vocabularies -------------------------------------------------------------------------------


def zone_names_sorted(tables: Tables) -> list[str]:
    """Zone names in the zones table's order (by name)."""
    return tables.zones["name"].dropna().astype(str).tolist()


def fact_years(tables: Tables) -> list[int]:
    """Every year a fact belongs to, ascending."""
    years = facts_sql.counts(tables, FactFilter(conditions=("dated",)), ("year",))["year"]
    return sorted(int(year) for year in years)


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
    """Facts of the selected zones, years and kinds, as stated. A fact without a year is always kept.

    Every row: for tests and small tables; pages ask for counts and the rows they show."""
    return facts_sql.rows(tables, of_selection(selection))


def comparable_facts(tables: Tables, selection: Selection) -> pd.DataFrame:
    """filtered_facts without the implausible figures: what totals, rankings and charts read."""
    return facts_sql.rows(tables, of_selection(selection, plausible=True))


def fact_count(tables: Tables, selection: Selection | None = None) -> int:
    """How many facts the selection holds (every fact without one)."""
    return facts_sql.count(tables, of_selection(selection or Selection()))


def implausible_count(tables: Tables, selection: Selection) -> int:
    """How many figures under the selection are left out of totals, rankings and charts as implausible."""
    return facts_sql.implausible_count(tables, of_selection(selection))


def latest_facts(
    tables: Tables,
    selection: Selection,
    metrics: tuple[str, ...] | None = None,
    kinds: tuple[str, ...] = ("actual",),
) -> pd.DataFrame:
    """One fact per zone x metric x kind: zone-wide if stated, else scoped; then the latest period."""
    wanted = FactFilter(selection.zone_ids, selection.years, tuple(kinds), metrics, plausible=True)
    return facts_sql.latest(tables, wanted, LATEST_KEYS)


def latest_of(tables: Tables, selection: Selection, metrics: tuple[str, ...], kinds: tuple[str, ...],
              family: tuple[str, ...]) -> pd.DataFrame:
    """latest_facts of `metrics`, taken from the cached latest_facts of the metrics' `family` (a page's
    metrics): one query per page, not one per chart (the latest of a metric does not depend on the others)."""
    if not set(metrics) <= set(family):
        return latest_facts(tables, selection, metrics, kinds)
    latest = derived(tables, latest_facts, selection, tuple(family), tuple(kinds))
    return latest[latest["metric"].isin(metrics).to_numpy(dtype=bool, na_value=False)]


def zone_areas(tables: Tables, area_metric: str) -> pd.Series:
    """zone_id -> the zone's latest actual area of `area_metric` in km² (all years: areas are structural)."""
    latest = latest_of(tables, Selection(), (area_metric,), ("actual",), AREA_METRICS)
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
    return derived(tables, latest_facts, selection, OVERVIEW_METRICS, ("actual",))


def zones_without_facts(tables: Tables, selection: Selection) -> list[str]:
    """Names of selected zones that report no figure at all under the selection."""
    reporting = facts_sql.counts(tables, of_selection(selection), ("zone_id",))["zone_id"]
    zones = selected_zones(tables, selection)
    silent = ~zones["zone_id"].isin(reporting)
    return zones.loc[silent, "name"].astype(str).tolist()


def kpi_totals(tables: Tables, selection: Selection) -> pd.DataFrame:
    """Per KPI metric, the sum over the zones whose latest actuals are comparable (COMPARABLE_KEY).

    Columns: metric, total, zones (added), left_out (zones reporting another period or scope),
    unit, year, months, cumulative, scope (of the added figures), zone_name (when one zone),
    fact_ids (added). The group added is the one with most zones; ties go to the zone-wide,
    not cumulative, latest one. A row of several zones reported together (全市工业园区, 14家园区) is
    never added beside single zones (it may hold their sums): it counts as left out. NaN total when
    no zone reports the metric.
    """
    latest = with_zone_names(latest_of(tables, selection, KPI_METRICS, ("actual",), OVERVIEW_METRICS), tables)
    units = schema.metrics().set_index("metric")["unit"]
    rows = []
    for metric in KPI_METRICS:
        figures = latest[(latest["metric"] == metric).to_numpy(dtype=bool, na_value=False)]
        row = {"metric": metric, "total": np.nan, "zones": 0, "left_out": 0, "unit": units.get(metric),
               "year": pd.NA, "months": pd.NA, "cumulative": False, "scope": pd.NA, "zone_name": pd.NA,
               "fact_ids": ()}
        if not figures.empty:
            added = _largest_comparable_group(_single_zones_first(figures))
            first = added.iloc[0]
            row.update(total=float(added["value"].sum()), zones=len(added), left_out=len(figures) - len(added),
                       year=first["year"], months=first["months"], cumulative=bool(first["cumulative"]),
                       scope=first["scope"], zone_name=first["zone_name"] if len(added) == 1 else pd.NA,
                       fact_ids=tuple(added["fact_id"].astype(str)))
        rows.append(row)
    return pd.DataFrame(rows)


def _single_zones_first(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures of single zones, leaving out those of rows naming several zones together; all of them
    when only such rows report (a group alone adds nothing twice)."""
    single = ~figures["zone_name"].astype(str).map(speaks_of_several_zones).to_numpy(dtype=bool)
    return figures[single] if single.any() else figures


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
    counted = facts_sql.counts(tables, of_selection(selection, metrics=tuple(metrics)), ("metric",))
    counts = dict(zip(counted["metric"], counted["count"], strict=True))
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
    wanted = FactFilter(selection.zone_ids, selection.years, kinds, (metric,), plausible=True)
    measure = "intensity" if area_metric else "value"
    if not selection.zone_ids and facts_sql.prunes(tables):  # rank zones by values alone; rows of the top_n
        ranked, left_out = _with_area(tables, facts_sql.latest(tables, wanted, LATEST_KEYS, columns=RANKED_COLUMNS),
                                      area_metric)
        rank, total = _zone_rank(ranked, measure), int(ranked["zone_id"].nunique())
        if total > top_n:
            rank = rank.head(top_n)
            wanted = replace(wanted, zone_ids=tuple(str(zone_id) for zone_id in rank.index))
    rows, selected_left_out = _with_area(tables, facts_sql.latest(tables, wanted, LATEST_KEYS), area_metric)
    if selection.zone_ids or not facts_sql.prunes(tables):
        rank, total, left_out = _zone_rank(rows, measure), int(rows["zone_id"].nunique()), selected_left_out
        if not selection.zone_ids:
            rank = rank.head(top_n)
    rows = rows[rows["zone_id"].isin(rank.index)]
    position = pd.Series(np.arange(len(rank)), index=rank.index)
    zone_order = rows["zone_id"].astype("string").map(position).to_numpy()
    rows = rows.iloc[np.lexsort((rows["kind"].to_numpy(), zone_order))]
    return rows.reset_index(drop=True), total, left_out


def _with_area(tables: Tables, rows: pd.DataFrame, area_metric: str | None) -> tuple[pd.DataFrame, list[str]]:
    """(rows with zone_name; with `area_metric` also area and intensity, zones without area dropped; their names)."""
    rows = with_zone_names(rows, tables)
    if not area_metric:
        return rows, []
    area = rows["zone_id"].astype("string").map(zone_areas(tables, area_metric))
    rows = rows.assign(area=area.astype("float64"))
    has_area = rows["area"].gt(0).to_numpy(dtype=bool, na_value=False)
    left_out = sorted(set(rows.loc[~has_area, "zone_name"].astype(str)))
    rows = rows[has_area]
    return rows.assign(intensity=rows["value"].astype("float64") / rows["area"]), left_out


def _zone_rank(rows: pd.DataFrame, measure: str) -> pd.Series:
    """Zones by their actual figure, largest first; a zone with only a target ranks by that."""
    largest = rows.groupby("zone_id", sort=False)[measure].max()
    actual = rows[rows["kind"] == "actual"].groupby("zone_id", sort=False)[measure].max()
    return actual.reindex(largest.index).fillna(largest).sort_values(ascending=False, kind="stable")


def topic_by_year(tables: Tables, selection: Selection, metric: str, top_n: int = 8) -> pd.DataFrame:
    """Dated zone-wide actuals of `metric`, one per zone and year (a full year before a part of it)."""
    if "actual" not in selection.kinds:
        return facts_sql.rows(tables, of_selection(selection), limit=0).assign(zone_name=pd.Series(dtype="string"))
    wanted = of_selection(selection, plausible=True, kinds=("actual",), metrics=(metric,),
                          conditions=("dated", "zone_wide"))
    if not selection.zone_ids and facts_sql.prunes(tables):  # the top_n zones from values alone; then their rows
        values = facts_sql.latest(tables, wanted, ("zone_id", "year"), columns=("zone_id", "value"))
        if values["zone_id"].nunique() > top_n:
            best = values.groupby("zone_id", sort=False)["value"].max().nlargest(top_n).index
            wanted = replace(wanted, zone_ids=tuple(str(zone_id) for zone_id in best))
    rows = facts_sql.latest(tables, wanted, ("zone_id", "year"))
    if not selection.zone_ids and rows["zone_id"].nunique() > top_n:
        best = rows.groupby("zone_id", sort=False)["value"].max().nlargest(top_n).index
        rows = rows[rows["zone_id"].isin(best)]
    rows = with_zone_names(rows, tables)
    return rows.sort_values(["year", "zone_name"], kind="stable").reset_index(drop=True)


def topic_growth(tables: Tables, selection: Selection, metric: str, limit: int = 60) -> pd.DataFrame:
    """Growth rates (%) stated for `metric`, newest first, at most `limit` rows."""
    if "growth" not in selection.kinds:
        return with_zone_names(facts_sql.rows(tables, of_selection(selection), limit=0), tables)
    wanted = of_selection(selection, plausible=True, kinds=("growth",), metrics=(metric,))
    rows = facts_sql.rows(tables, wanted, limit=limit, newest_first=True)
    return with_zone_names(rows, tables).reset_index(drop=True)


def topic_facts(tables: Tables, selection: Selection, metric: str, limit: int = 500) -> pd.DataFrame:
    """Every fact of `metric` under the selection (for the table under the charts), at most `limit`."""
    rows = facts_sql.rows(tables, of_selection(selection, metrics=(metric,)), limit=limit)
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
    chosen = list(selection.zone_ids)
    for zone_id in _zones_by_facts(tables, selection):
        if len(chosen) >= 2:
            break
        if zone_id not in chosen:
            chosen.append(zone_id)
    return tuple(chosen), ("default" if len(chosen) >= 2 else "one_zone")


def compare_partners(tables: Tables, selection: Selection) -> list[str]:
    """Names of the zones holding figures other than the selected ones, most figures first."""
    others = [zone_id for zone_id in _zones_by_facts(tables, selection) if zone_id not in selection.zone_ids]
    names = zone_name_map(tables)
    return [str(names.get(zone_id, zone_id)) for zone_id in others]


def _zones_by_facts(tables: Tables, selection: Selection) -> list[str]:
    """Every zone with figures under the selection's years and kinds, most figures first (ties by id)."""
    counts = facts_sql.counts(tables, of_selection(Selection((), selection.years, selection.kinds)), ("zone_id",))
    return counts["zone_id"].astype(str).tolist()


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
    limit: int | None = None,
) -> pd.DataFrame:
    """The Data page's facts: the selection narrowed by metric, scope (NO_SCOPE = none), report,
    chosen fact ids and a substring of the quote; the first `limit` (None: all, for an export).
    Empty tuples mean no narrowing."""
    return facts_sql.rows(tables, _data_filter(selection, metrics, scopes, doc_ids, fact_ids, search), limit=limit)


def _data_filter(selection: Selection, metrics, scopes, doc_ids, fact_ids, search: str) -> FactFilter:
    return of_selection(selection, metrics=tuple(metrics) or None, scopes=tuple(scopes), doc_ids=tuple(doc_ids),
                        fact_ids=tuple(fact_ids), search=search)


def data_summary(
    tables: Tables,
    selection: Selection,
    metrics: tuple[str, ...] = (),
    scopes: tuple[str, ...] = (),
    doc_ids: tuple[str, ...] = (),
    fact_ids: tuple[str, ...] = (),
    search: str = "",
) -> tuple[int, pd.DataFrame, int]:
    """(rows, count_by_metric of them, reports they come from) of the Data page's filter, counted in SQL."""
    wanted = _data_filter(selection, metrics, scopes, doc_ids, fact_ids, search)
    by_metric = _in_metric_order(facts_sql.counts(tables, wanted, ("metric", "kind")))
    reports = derived(tables, facts_sql.distinct_count, wanted, "doc_id") if len(by_metric) else 0
    return int(by_metric["count"].sum()), by_metric, reports


def scope_options(tables: Tables, selection: Selection) -> list[str]:
    """NO_SCOPE then every scope stated under the selection, by frequency."""
    counts = facts_sql.counts(tables, of_selection(selection), ("scope",))
    return [NO_SCOPE, *counts["scope"].dropna().astype(str).tolist()]


def count_by_metric(facts: pd.DataFrame) -> pd.DataFrame:
    """metric, kind, count of the given facts (metrics.csv order)."""
    counts = facts.groupby(["metric", "kind"], sort=False, observed=True).size().rename("count").reset_index()
    return _in_metric_order(counts)


def _in_metric_order(counts: pd.DataFrame) -> pd.DataFrame:
    """metric, kind, count rows in metrics.csv order, then by kind."""
    order = {metric: position for position, metric in enumerate(schema.metrics()["metric"])}
    counts["order"] = counts["metric"].astype("string").map(order).fillna(len(order)).astype(int)
    return counts.sort_values(["order", "kind"], kind="stable").drop(columns="order").reset_index(drop=True)


def overview_areas(tables: Tables, selection: Selection, top_n: int = 20) -> pd.DataFrame:
    """Latest planned and built-up area per zone, with zone_name; the `top_n` largest when none is selected."""
    rows = latest_of(tables, selection, ("area_planned", "area_built"), ("actual",), OVERVIEW_METRICS)
    if not selection.zone_ids and rows["zone_id"].nunique() > top_n:
        best = rows.groupby("zone_id", sort=False)["value"].max().nlargest(top_n).index
        rows = rows[rows["zone_id"].isin(best)]
    return with_zone_names(rows, tables).reset_index(drop=True)


def _all_kinds(selection: Selection) -> Selection:
    """Pairing and coverage need targets and actuals whatever the kind filter says."""
    return Selection(selection.zone_ids, selection.years, schema.KINDS)


def _zones(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return frame[frame["zone_id"].isin(selection.zone_ids)] if selection.zone_ids else frame


def target_overview(tables, selection: Selection, limit: int) -> tuple[dict[str, int], pd.DataFrame]:
    """(how many targets under the selection and how many carry each flag, the first `limit` rows of
    target_pairs): counted in SQL, and only the shown targets and their actuals are read."""
    summary, facts = facts_sql.pairs_overview(tables, of_selection(_all_kinds(selection), plausible=True), limit)
    return summary, with_zone_names(targets.pair_targets(facts), tables)


def target_pairs(tables, selection: Selection) -> pd.DataFrame:
    """targets.pair_targets over the selection, with zone names.

    pair_targets reads only the targets and the actuals sharing a target's pair key (SQL picks them)."""
    pairs = targets.pair_targets(facts_sql.pairable(tables, of_selection(_all_kinds(selection), plausible=True)))
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


def _project_facts(tables, selection: Selection, metrics: tuple[str, ...], **narrowing) -> pd.DataFrame:
    """The comparable actuals of `metrics` under the selection: all that the progress functions read."""
    wanted = of_selection(_all_kinds(selection), plausible=True, kinds=("actual",), metrics=metrics, **narrowing)
    return facts_sql.rows(tables, wanted)


def stated_project_counts(tables, selection: Selection) -> pd.DataFrame:
    facts = _project_facts(tables, selection, ("projects",), conditions=("has_status",))
    return with_zone_names(progress.stated_project_counts(facts), tables)


def project_pipeline(tables, selection: Selection) -> pd.DataFrame:
    facts = _project_facts(tables, selection, ("projects",), conditions=("has_status",))
    return with_zone_names(progress.project_pipeline(facts), tables)


def project_investment(tables, selection: Selection) -> pd.DataFrame:
    facts = _project_facts(tables, selection, ("project_investment", "project_investment_completed"))
    return with_zone_names(progress.project_investment_progress(facts), tables)


def selected_quality(tables, selection: Selection) -> pd.DataFrame:
    """Quality rows of the selected zones; a row without a zone is always kept."""
    quality = tables.quality
    if selection.zone_ids:
        quality = quality[quality["zone_id"].isin(selection.zone_ids) | quality["zone_id"].isna()]
    return quality


def quality_flags(tables, selection: Selection, limit: int | None = None) -> pd.DataFrame:
    """Quality rows of the selected zones, errors first, with sentences and zone names; the first `limit`.

    The sentences come from the build's summary when there is one (no report text is read)."""
    flags = coverage.flags_in_order(selected_quality(tables, selection)).head(limit)
    database = store.database(tables)
    if FLAG_SENTENCES not in database.summaries:
        texts = tables.document_texts(flags["doc_id"].dropna().astype(str).unique())
        return with_zone_names(coverage.flags_with_sentences(flags, texts), tables)
    found = database.fetchall(
        f"SELECT quality_id, sentence FROM {FLAG_SENTENCES}_summary "
        "WHERE quality_id IN (SELECT unnest(CAST($quality_ids AS VARCHAR[])))",
        {"quality_ids": flags["quality_id"].dropna().astype(str).tolist()},
    )
    sentences = dict(found)
    sentence = pd.array([sentences.get(quality_id) for quality_id in flags["quality_id"]], dtype="string")
    return with_zone_names(flags.assign(sentence=sentence), tables)


def coverage_cells(tables, selection: Selection, metrics: tuple[str, ...]) -> pd.DataFrame:
    """coverage.coverage_cells for the selected zones (in the zones table's order), with zone names."""
    zones = selected_zones(tables, selection)
    cells = coverage.coverage_grid(zones, list(metrics))
    if cells.empty:
        return with_zone_names(pd.DataFrame(columns=coverage.CELL_COLUMNS), tables)
    wanted = of_selection(_all_kinds(selection), metrics=tuple(metrics))
    counts = facts_sql.coverage_counts(tables, wanted).set_index(["zone_id", "metric"])
    shown = facts_sql.latest(tables, _shown_actuals(selection, metrics), ("zone_id", "metric"),
                             columns=coverage.SHOWN_COLUMNS)
    return with_zone_names(coverage.cells_from_counts(cells, [counts], shown), tables)


def coverage_sources(tables, selection: Selection, metrics: tuple[str, ...]) -> pd.DataFrame:
    """zone_id, doc_id of the figure each coverage cell shows: the reports behind the grid, read with the
    figures (from the latest-value summary where there is one), not looked up by fact id among every fact."""
    return facts_sql.latest(tables, _shown_actuals(selection, metrics), ("zone_id", "metric"),
                            columns=("zone_id", "doc_id"))


def _shown_actuals(selection: Selection, metrics: tuple[str, ...]) -> FactFilter:
    """The facts a coverage cell picks its figure from: the comparable actuals of `metrics`."""
    return of_selection(_all_kinds(selection), metrics=tuple(metrics), kinds=("actual",), plausible=True)


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
    wanted = tuple(dict.fromkeys(pd.concat(fact_ids, ignore_index=True).dropna().astype(str)))
    if not wanted:
        return pd.Series([], dtype="string", name="doc_id")
    return facts_sql.rows(tables, FactFilter(fact_ids=wanted), columns=("doc_id",))["doc_id"]


def facts_by_id(tables, fact_ids: tuple[str, ...]) -> pd.DataFrame:
    """The facts of the given ids, as stated (a chart's selected points)."""
    return facts_sql.rows(tables, FactFilter(fact_ids=tuple(fact_ids))) if fact_ids else facts_sql.rows(
        tables, FactFilter(), limit=0)


def document_facts(tables, doc_id: str) -> pd.DataFrame:
    """The facts of one report, as stated (the Sources page): only its zones' folders are read."""
    return facts_sql.rows(tables, FactFilter(doc_ids=(doc_id,), provinces=facts_sql.report_provinces(tables, doc_id)))


def first_zones(cells: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The cells of the first `limit` zones (a grid stays readable; the table holds all)."""
    zones = list(dict.fromkeys(cells["zone_id"]))[:limit]
    return cells[cells["zone_id"].isin(zones)]

"""Query + figure/display compositions with hashable arguments, so pages cache them whole. No streamlit.

    figure = data.derived(tables, views.topic_zone_figure, selection, "revenue", None, "zh")

Building a plotly figure costs more than drawing it (trace validation: 0.5 s for the compare
small multiples), so a page caches the finished figure keyed on the tables' mtime and its
arguments. Benchmarks and tests call these directly: (tables, Selection, ..., lang) -> result.
"""

from __future__ import annotations

from pages._shared import display, figures, queries
from pages._shared.model import Selection


def overview_revenue_figure(tables, selection: Selection, lang: str):
    """Latest revenue by zone (actual and target), or None when nobody reports revenue."""
    rows, _, _ = queries.topic_by_zone(tables, selection, "revenue")
    if rows.empty:
        return None
    return figures.latest_by_zone(rows, "revenue", lang, queries.reports_count(tables, rows))


def overview_areas_figure(tables, selection: Selection, lang: str):
    """Planned and built-up area by zone, or None."""
    rows = queries.overview_areas(tables, selection)
    if rows.empty:
        return None
    return figures.areas(rows, lang, queries.reports_count(tables, rows))


def topic_zone_figure(tables, selection: Selection, metric: str, area_metric: str | None, lang: str):
    """(figure or None, zones in total, zones shown, zones left out for lack of area)."""
    rows, total, left_out = queries.topic_by_zone(tables, selection, metric, area_metric)
    if rows.empty:
        return None, total, 0, left_out
    figure = figures.latest_by_zone(rows, metric, lang, queries.reports_count(tables, rows), area_metric)
    return figure, total, int(rows["zone_id"].nunique()), left_out


def topic_year_figure(tables, selection: Selection, metric: str, lang: str):
    rows = queries.topic_by_year(tables, selection, metric)
    if rows.empty:
        return None
    return figures.by_year(rows, metric, lang, queries.reports_count(tables, rows))


def topic_growth_figure(tables, selection: Selection, metric: str, lang: str):
    rows = queries.topic_growth(tables, selection, metric)
    if rows.empty:
        return None
    return figures.growth(rows, metric, lang, queries.reports_count(tables, rows))


def topic_facts_table(tables, selection: Selection, metric: str, limit: int, lang: str):
    """(display frame of the metric's figures, at most `limit` rows)."""
    return display.facts_table(queries.topic_facts(tables, selection, metric, limit), tables, lang)


def compare_view(tables, selection: Selection, zone_ids: tuple[str, ...], kind: str, lang: str):
    """(display table metric x zone with differences, small-multiples figure or None)."""
    values = queries.compare_values(tables, selection, zone_ids, kind)
    table = display.compare_table(values, zone_ids, tables, lang)
    stated = values[values["value"].notna()]
    if stated.empty:
        return table, None
    names = queries.zone_name_map(tables)
    figure = figures.compare_small_multiples(
        values, [str(names.get(zone_id, zone_id)) for zone_id in zone_ids], lang, queries.reports_count(tables, stated)
    )
    return table, figure


def data_view(tables, selection: Selection, metrics, scopes, doc_ids, fact_ids, search: str, limit: int, lang: str):
    """(rows: the filtered facts, figure of counts by metric, display frame of the first `limit` rows)."""
    rows = queries.data_rows(tables, selection, metrics, scopes, doc_ids, fact_ids, search)
    if rows.empty:
        return rows, None, None
    figure = figures.facts_by_metric(queries.count_by_metric(rows), lang, queries.reports_count(tables, rows))
    return rows, figure, display.facts_table(rows.head(limit), tables, lang)

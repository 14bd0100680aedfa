"""Query + figure/display compositions with hashable arguments, so pages cache them whole. No streamlit.

    figure = data.derived(tables, views.topic_zone_figure, selection, "revenue", None, "zh")

Building a plotly figure costs more than drawing it (trace validation: 0.5 s for the compare
small multiples), so a page caches the finished figure keyed on the tables' mtime and its
arguments. Benchmarks and tests call these directly: (tables, Selection, ..., lang) -> result.
The views of the targets, progress, sources and quality pages cap what they show (MAX_ROWS
table rows, figures.MAX_* bars; the pages say so) and go through memo.derived for the queries
they share, so a page computes each query once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pages._shared import display, figures, highlight, provenance, queries
from pages._shared.i18n import t
from pages._shared.memo import derived
from pages._shared.model import Selection, Tables


def overview_revenue_figure(tables: Tables, selection: Selection, lang: str):
    """Latest revenue by zone (actual and target), or None when nobody reports revenue."""
    rows, _, _ = queries.topic_by_zone(tables, selection, "revenue")
    if rows.empty:
        return None
    return figures.latest_by_zone(rows, "revenue", lang, queries.report_count(rows["doc_id"]))


def overview_areas_figure(tables: Tables, selection: Selection, lang: str):
    """Planned and built-up area by zone, or None."""
    rows = queries.overview_areas(tables, selection)
    if rows.empty:
        return None
    return figures.areas(rows, lang, queries.report_count(rows["doc_id"]))


def topic_zone_figure(tables: Tables, selection: Selection, metric: str, area_metric: str | None, lang: str):
    """(figure or None, zones in total, zones shown, zones left out for lack of area)."""
    rows, total, left_out = queries.topic_by_zone(tables, selection, metric, area_metric)
    if rows.empty:
        return None, total, 0, left_out
    figure = figures.latest_by_zone(rows, metric, lang, queries.report_count(rows["doc_id"]), area_metric)
    return figure, total, int(rows["zone_id"].nunique()), left_out


def topic_year_figure(tables: Tables, selection: Selection, metric: str, lang: str):
    rows = derived(tables, queries.topic_by_year, selection, metric)
    if rows.empty:
        return None
    return figures.by_year(rows, metric, lang, queries.report_count(rows["doc_id"]))


def topic_growth_figure(tables: Tables, selection: Selection, metric: str, lang: str):
    rows = queries.topic_growth(tables, selection, metric)
    if rows.empty:
        return None
    return figures.growth(rows, metric, lang, queries.report_count(rows["doc_id"]))


def topic_facts_table(tables: Tables, selection: Selection, metric: str, limit: int, lang: str):
    """(display frame of the metric's figures, at most `limit` rows)."""
    return display.facts_table(queries.topic_facts(tables, selection, metric, limit), tables, lang)


def compare_view(tables: Tables, selection: Selection, zone_ids: tuple[str, ...], kind: str, lang: str, columns: int = 3):
    """(display table metric x zone with differences, small-multiples figure or None; `columns` charts per row)."""
    values = queries.compare_values(tables, selection, zone_ids, kind)
    table = display.compare_table(values, zone_ids, tables, lang)
    stated = values[values["value"].notna()]
    if stated.empty:
        return table, None
    names = queries.zone_name_map(tables)
    figure = figures.compare_small_multiples(
        values, [str(names.get(zone_id, zone_id)) for zone_id in zone_ids], lang, queries.report_count(stated["doc_id"]),
        columns,
    )
    return table, figure


def data_view(tables: Tables, selection: Selection, metrics, scopes, doc_ids, fact_ids, search: str, limit: int, lang: str):
    """(how many facts the filter keeps, figure of counts by metric, display frame of the first `limit` rows).

    Counted in SQL: only the shown rows are read (an export asks queries.data_rows for all of them)."""
    count, by_metric, reports = queries.data_summary(tables, selection, metrics, scopes, doc_ids, fact_ids, search)
    if not count:
        return 0, None, None
    figure = figures.facts_by_metric(by_metric, lang, reports)
    rows = queries.data_rows(tables, selection, metrics, scopes, doc_ids, fact_ids, search, limit)
    return count, figure, display.facts_table(rows, tables, lang)


MAX_ROWS = 1000


@dataclass(frozen=True)
class ReportView:
    """What the Sources page shows of one report."""

    fact_ids: list[str]  # the facts table's rows, in order
    legend_html: str
    report_html: str
    facts_table: pd.DataFrame
    items_table: pd.DataFrame | None


def first_pairs(tables: Tables, selection: Selection) -> tuple[dict[str, int], pd.DataFrame]:
    """(how many targets and how many carry each flag, the first MAX_ROWS pairs).

    Only these are kept: all pairs of 1M facts (a quarter million, with both sentences) are not.
    """
    return queries.target_overview(tables, selection, MAX_ROWS)


def target_summary(tables: Tables, selection: Selection) -> dict[str, int]:
    """How many targets, and how many carry each flag."""
    return derived(tables, first_pairs, selection)[0]


def targets_view(tables: Tables, selection: Selection, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(the first MAX_ROWS pairs, their display table, their labels for choosing one)."""
    pairs = derived(tables, first_pairs, selection)[1]
    return pairs, display.targets_table(pairs, lang), display.pair_labels(pairs, lang)


@dataclass(frozen=True)
class ItemKind:
    """How the progress page shows one table of named items (infrastructure or projects)."""

    items: Callable  # queries function: (tables, selection) -> the items, in display order
    counts: Callable  # queries function: (tables, selection) -> counts per zone (and category) and status
    table: Callable  # display function: (items, lang) -> display frame
    colors: dict[str, str]
    title: str  # catalogue keys
    axis: str


ITEM_KINDS = {
    "infrastructure": ItemKind(
        queries.infrastructure_items,
        queries.infrastructure_counts,
        display.infrastructure_table,
        figures.INFRASTRUCTURE_STATUS_COLORS,
        "progress.chart.infrastructure",
        "progress.items_axis",
    ),
    "projects": ItemKind(
        queries.project_items,
        queries.project_counts,
        display.projects_table,
        figures.PROJECT_STATUS_COLORS,
        "progress.chart.projects",
        "progress.projects_axis",
    ),
}


def items_of(tables: Tables, selection: Selection, kind: str) -> pd.DataFrame:
    """The selection's items of one kind (infrastructure or projects)."""
    return derived(tables, ITEM_KINDS[kind].items, selection)


def items_view(tables: Tables, selection: Selection, kind: str, segments: tuple[tuple, ...], lang: str) -> pd.DataFrame:
    """Display frame of the first MAX_ROWS items, narrowed to the chosen bar segments when there are any."""
    items = queries.items_in_segments(items_of(tables, selection, kind), [list(segment) for segment in segments])
    return ITEM_KINDS[kind].table(items.head(MAX_ROWS), lang)


def items_chart(tables: Tables, selection: Selection, kind: str, lang: str):
    """Items per zone and status (infrastructure: a panel per zone, a bar per category), the first MAX_BARS zones."""
    item_kind = ITEM_KINDS[kind]
    counts = queries.first_zones(derived(tables, item_kind.counts, selection), figures.MAX_BARS)
    return figures.stacked_status_figure(
        counts,
        item_kind.colors,
        t(item_kind.title, lang),
        t(item_kind.axis, lang),
        queries.report_count(items_of(tables, selection, kind)["doc_id"]),
        lang,
    )


def stated_counts_view(tables: Tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display.stated_counts_table(
        derived(tables, queries.stated_project_counts, selection).head(MAX_ROWS), lang
    )


def investment_view(tables: Tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display.investment_table(
        derived(tables, queries.project_investment, selection).head(MAX_ROWS), lang
    )


def flags_view(tables: Tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display.flags_table(queries.quality_flags(tables, selection, MAX_ROWS), lang)


def coverage_view(tables: Tables, selection: Selection, metrics: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The coverage table of the first MAX_ROWS zones."""
    cells = derived(tables, queries.coverage_cells, selection, metrics)
    return display.coverage_table(queries.first_zones(cells, MAX_ROWS), lang)


def targets_chart(tables: Tables, selection: Selection, lang: str):
    """Bullets of the first MAX_BARS targets."""
    shown = derived(tables, first_pairs, selection)[1].head(figures.MAX_BARS)
    reports = queries.report_count(shown["target_doc_id"], shown["actual_doc_id"])
    return figures.targets_figure(shown, reports, lang)


def stated_counts_chart(tables: Tables, selection: Selection, lang: str):
    """Stated project counts by status, the first MAX_GROUPS zones."""
    shown = queries.first_zones(derived(tables, queries.project_pipeline, selection), figures.MAX_GROUPS)
    return figures.stated_counts_figure(shown, queries.report_count(shown["doc_id"]), lang)


def investment_chart(tables: Tables, selection: Selection, lang: str):
    """Stated versus completed project investment, the first MAX_BARS groups."""
    shown = derived(tables, queries.project_investment, selection).head(figures.MAX_BARS)
    reports = queries.report_count(queries.doc_ids_of(tables, shown["stated_fact_id"], shown["completed_fact_id"]))
    return figures.investment_progress_figure(shown, reports, lang)


def coverage_zones(tables: Tables, selection: Selection, metrics: tuple[str, ...]) -> tuple[int, int]:
    """(zones the coverage grid draws, zones in the coverage table)."""
    cells = derived(tables, queries.coverage_cells, selection, metrics)
    return queries.first_zones(cells, figures.MAX_BARS)["zone_id"].nunique(), cells["zone_id"].nunique()


def coverage_chart(tables: Tables, selection: Selection, metrics: tuple[str, ...], lang: str):
    """The coverage grid of the first MAX_BARS zones."""
    shown = queries.first_zones(derived(tables, queries.coverage_cells, selection, metrics), figures.MAX_BARS)
    sources = queries.coverage_sources(tables, selection, metrics)
    reports = queries.report_count(sources.loc[sources["zone_id"].isin(shown["zone_id"]), "doc_id"])
    return figures.coverage_figure(shown, reports, lang)


def year_count(tables: Tables, selection: Selection, metric: str) -> int:
    """How many years the by-year chart of `metric` would span: one year is no change over years."""
    return int(derived(tables, queries.topic_by_year, selection, metric)["year"].nunique())


def _frames(tables: Tables, facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """provenance's tables by name, with only the given facts (never the whole facts table)."""
    return {name: facts if name == "facts" else getattr(tables, name) for name in provenance.LINKS}


def focus_of(tables: Tables, table: str, row_id: str) -> provenance.Focus | None:
    """The deep-linked row's report and sentence, or None when the id is unknown."""
    facts = queries.facts_by_id(tables, (row_id,) if table == "facts" else ())
    return provenance.resolve_focus(_frames(tables, facts), tables.document_text, table, row_id)


def report_view(tables: Tables, doc_id: str, focus: provenance.Focus | None, lang: str) -> ReportView:
    """One report for the Sources page: its facts, legend, highlighted text and the tables beside it."""
    facts = queries.document_facts(tables, doc_id)
    frames = _frames(tables, facts)
    legend = highlight.legend_html(
        t("sources.legend", lang), provenance.legend(dict.fromkeys(facts["metric"]), lang)
    )
    spans = provenance.document_spans(frames, doc_id, lang, focus)
    items = provenance.document_items(frames, doc_id)
    return ReportView(
        fact_ids=facts["fact_id"].tolist(),
        legend_html=legend,
        report_html=highlight.highlight_html(tables.document_text(doc_id), spans),
        facts_table=display.document_facts_table(facts, lang),
        items_table=None if items.empty else display.document_items_table(items, lang),
    )

"""Cached compositions for the targets, progress and quality pages: display frames and figures in the
data.derived shape (tables first), so a rerun only draws. No streamlit.

Each caps what it shows (MAX_ROWS table rows, figures4.MAX_* bars); the pages say so. The queries
they compose go through memo.derived too, so a page and its views compute each query once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import display4, figures4, highlight, provenance, queries4, targets
from .i18n import t
from .memo import derived
from .queries import Selection
from .queries4 import doc_ids_of, first_zones, report_count

MAX_ROWS = 1000


@dataclass(frozen=True)
class ReportView:
    """What the Sources page shows of one report."""

    fact_ids: list[str]  # the facts table's rows, in order
    legend_html: str
    report_html: str
    facts_table: pd.DataFrame
    items_table: pd.DataFrame | None


def first_pairs(tables, selection: Selection) -> tuple[dict[str, int], pd.DataFrame]:
    """(how many targets and how many carry each flag, the first MAX_ROWS pairs).

    Only these are kept: all pairs of 1M facts (a quarter million, with both sentences) are not.
    """
    pairs = queries4.target_pairs(tables, selection)
    summary = {"targets": len(pairs), **{flag: int((pairs["flag"] == flag).sum()) for flag in targets.FLAGS}}
    return summary, pairs.head(MAX_ROWS).copy()


def target_summary(tables, selection: Selection) -> dict[str, int]:
    """How many targets, and how many carry each flag."""
    return derived(tables, first_pairs, selection)[0]


def targets_view(tables, selection: Selection, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(the first MAX_ROWS pairs, their display table, their labels for choosing one)."""
    pairs = derived(tables, first_pairs, selection)[1]
    return pairs, display4.targets_table(pairs, lang), display4.pair_labels(pairs, lang)


@dataclass(frozen=True)
class ItemKind:
    """How the progress page shows one table of named items (infrastructure or projects)."""

    items: Callable  # queries4 function: (tables, selection) -> the items, in display order
    counts: Callable  # queries4 function: (tables, selection) -> counts per zone (and category) and status
    table: Callable  # display4 function: (items, lang) -> display frame
    colors: dict[str, str]
    title: str  # catalogue keys
    axis: str


ITEM_KINDS = {
    "infrastructure": ItemKind(
        queries4.infrastructure_items,
        queries4.infrastructure_counts,
        display4.infrastructure_table,
        figures4.INFRASTRUCTURE_STATUS_COLORS,
        "progress.chart.infrastructure",
        "progress.items_axis",
    ),
    "projects": ItemKind(
        queries4.project_items,
        queries4.project_counts,
        display4.projects_table,
        figures4.PROJECT_STATUS_COLORS,
        "progress.chart.projects",
        "progress.projects_axis",
    ),
}


def items_of(tables, selection: Selection, kind: str) -> pd.DataFrame:
    """The selection's items of one kind (infrastructure or projects)."""
    return derived(tables, ITEM_KINDS[kind].items, selection)


def items_view(tables, selection: Selection, kind: str, segments: tuple[tuple, ...], lang: str) -> pd.DataFrame:
    """Display frame of the first MAX_ROWS items, narrowed to the chosen bar segments when there are any."""
    items = queries4.items_in_segments(items_of(tables, selection, kind), [list(segment) for segment in segments])
    return ITEM_KINDS[kind].table(items.head(MAX_ROWS), lang)


def items_chart(tables, selection: Selection, kind: str, lang: str):
    """Items per zone and status (infrastructure: a panel per zone, a bar per category), the first MAX_BARS zones."""
    item_kind = ITEM_KINDS[kind]
    counts = first_zones(derived(tables, item_kind.counts, selection), figures4.MAX_BARS)
    return figures4.stacked_status_figure(
        counts,
        item_kind.colors,
        t(item_kind.title, lang),
        t(item_kind.axis, lang),
        report_count(items_of(tables, selection, kind)["doc_id"]),
        lang,
    )


def stated_counts_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.stated_counts_table(
        derived(tables, queries4.stated_project_counts, selection).head(MAX_ROWS), lang
    )


def investment_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.investment_table(
        derived(tables, queries4.project_investment, selection).head(MAX_ROWS), lang
    )


def flags_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.flags_table(queries4.quality_flags(tables, selection, MAX_ROWS), lang)


def coverage_view(tables, selection: Selection, metrics: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The coverage table of the first MAX_ROWS zones."""
    cells = derived(tables, queries4.coverage_cells, selection, metrics)
    return display4.coverage_table(first_zones(cells, MAX_ROWS), lang)


def targets_chart(tables, selection: Selection, lang: str):
    """Bullets of the first MAX_BARS targets."""
    shown = derived(tables, first_pairs, selection)[1].head(figures4.MAX_BARS)
    reports = report_count(shown["target_doc_id"], shown["actual_doc_id"])
    return figures4.targets_figure(shown, reports, lang)


def stated_counts_chart(tables, selection: Selection, lang: str):
    """Stated project counts by status, the first MAX_GROUPS zones."""
    shown = first_zones(derived(tables, queries4.project_pipeline, selection), figures4.MAX_GROUPS)
    return figures4.stated_counts_figure(shown, report_count(shown["doc_id"]), lang)


def investment_chart(tables, selection: Selection, lang: str):
    """Stated versus completed project investment, the first MAX_BARS groups."""
    shown = derived(tables, queries4.project_investment, selection).head(figures4.MAX_BARS)
    reports = report_count(doc_ids_of(tables, shown["stated_fact_id"], shown["completed_fact_id"]))
    return figures4.investment_progress_figure(shown, reports, lang)


def coverage_zones(tables, selection: Selection, metrics: tuple[str, ...]) -> tuple[int, int]:
    """(zones the coverage grid draws, zones in the coverage table)."""
    cells = derived(tables, queries4.coverage_cells, selection, metrics)
    return first_zones(cells, figures4.MAX_BARS)["zone_id"].nunique(), cells["zone_id"].nunique()


def coverage_chart(tables, selection: Selection, metrics: tuple[str, ...], lang: str):
    """The coverage grid of the first MAX_BARS zones."""
    shown = first_zones(derived(tables, queries4.coverage_cells, selection, metrics), figures4.MAX_BARS)
    return figures4.coverage_figure(shown, report_count(doc_ids_of(tables, shown["fact_id"])), lang)


def document_choices(tables) -> dict[str, str]:
    """doc_id -> 'title (file #part)' of every report (the Sources page's choice)."""
    return provenance.document_choices(tables.documents)


def focus_of(tables, table: str, row_id: str) -> provenance.Focus | None:
    """The deep-linked row's report and sentence, or None when the id is unknown."""
    frames = {name: getattr(tables, name) for name in provenance.LINKS}
    return provenance.resolve_focus(frames, tables.document_text, table, row_id)


def report_view(tables, doc_id: str, focus: provenance.Focus | None, lang: str) -> ReportView:
    """One report for the Sources page: its facts, legend, highlighted text and the tables beside it."""
    frames = {name: getattr(tables, name) for name in provenance.LINKS}
    facts = tables.facts[(tables.facts["doc_id"] == doc_id).to_numpy(dtype=bool, na_value=False)]
    legend = highlight.legend_html(
        t("sources.legend", lang), provenance.legend(dict.fromkeys(facts["metric"]), lang)
    )
    spans = provenance.document_spans(frames, doc_id, lang, focus)
    items = provenance.document_items(frames, doc_id)
    return ReportView(
        fact_ids=facts["fact_id"].tolist(),
        legend_html=legend,
        report_html=highlight.highlight_html(tables.document_text(doc_id), spans),
        facts_table=display4.document_facts_table(facts, lang),
        items_table=None if items.empty else display4.document_items_table(items, lang),
    )

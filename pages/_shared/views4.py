"""Cached compositions for the targets, progress and quality pages: display frames and figures in the
data.derived shape (tables first), so a rerun only draws. No streamlit.

Each caps what it shows (MAX_ROWS table rows, figures4.MAX_* bars); the pages say so.
"""

from __future__ import annotations

import pandas as pd

from . import display4, figures4, targets
from .i18n import t
from .queries import Selection
from .queries4 import (
    coverage_cells,
    doc_ids_of,
    first_zones,
    infrastructure_counts,
    infrastructure_items,
    project_counts,
    project_investment,
    project_items,
    quality_flags,
    report_count,
    stated_project_counts,
    target_pairs,
)

MAX_ROWS = 1000


def target_summary(tables, selection: Selection) -> dict[str, int]:
    """How many targets, and how many carry each flag."""
    pairs = target_pairs(tables, selection)
    return {"targets": len(pairs), **{flag: int((pairs["flag"] == flag).sum()) for flag in targets.FLAGS}}


def targets_view(tables, selection: Selection, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """(the first MAX_ROWS pairs, their display table, their labels for choosing one)."""
    pairs = target_pairs(tables, selection).head(MAX_ROWS)
    return pairs, display4.targets_table(pairs, lang), display4.pair_labels(pairs, lang)


def infrastructure_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.infrastructure_table(infrastructure_items(tables, selection).head(MAX_ROWS), lang)


def projects_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.projects_table(project_items(tables, selection).head(MAX_ROWS), lang)


def stated_counts_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.stated_counts_table(stated_project_counts(tables, selection).head(MAX_ROWS), lang)


def investment_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.investment_table(project_investment(tables, selection).head(MAX_ROWS), lang)


def flags_view(tables, selection: Selection, lang: str) -> pd.DataFrame:
    return display4.flags_table(quality_flags(tables, selection).head(MAX_ROWS), lang)


def coverage_view(tables, selection: Selection, metrics: tuple[str, ...], lang: str) -> pd.DataFrame:
    """The coverage table of the first MAX_ROWS zones."""
    cells = coverage_cells(tables, selection, metrics)
    return display4.coverage_table(first_zones(cells, MAX_ROWS), lang)


def infrastructure_chart(tables, selection: Selection, lang: str):
    """Infrastructure items per zone (panels), category and status."""
    counts = infrastructure_counts(tables, selection)
    items = infrastructure_items(tables, selection)
    return figures4.stacked_status_figure(
        counts,
        figures4.INFRASTRUCTURE_STATUS_COLORS,
        t("progress.chart.infrastructure", lang),
        t("progress.items_axis", lang),
        report_count(items["doc_id"]),
        lang,
    )


def projects_chart(tables, selection: Selection, lang: str):
    """Named projects per zone and status (the first MAX_BARS zones)."""
    counts = first_zones(project_counts(tables, selection), figures4.MAX_BARS)
    projects = project_items(tables, selection)
    return figures4.stacked_status_figure(
        counts,
        figures4.PROJECT_STATUS_COLORS,
        t("progress.chart.projects", lang),
        t("progress.projects_axis", lang),
        report_count(projects["doc_id"]),
        lang,
    )


def coverage_chart(tables, selection: Selection, metrics: tuple[str, ...], lang: str):
    """The coverage grid of the first MAX_BARS zones."""
    shown = first_zones(coverage_cells(tables, selection, metrics), figures4.MAX_BARS)
    return figures4.coverage_figure(shown, report_count(doc_ids_of(tables, shown["fact_id"])), lang)

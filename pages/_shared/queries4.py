"""Queries of the targets, progress, sources and quality pages, in the data.derived shape (tables first).

Thin adapters: narrow the tables to the sidebar's selection, call the pure functions of
targets / progress / coverage, add zone names. No streamlit.
"""

from __future__ import annotations

import pandas as pd

from loaders import schema

from . import coverage, progress, queries, targets
from .queries import Selection


def _all_kinds(selection: Selection) -> Selection:
    """Pairing and coverage need targets and actuals whatever the kind filter says."""
    return Selection(selection.zone_ids, selection.years, schema.KINDS)


def _zones(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    return frame[frame["zone_id"].isin(selection.zone_ids)] if selection.zone_ids else frame


def target_pairs(tables, selection: Selection) -> pd.DataFrame:
    """targets.pair_targets over the selection, with zone names."""
    pairs = targets.pair_targets(queries.filtered_facts(tables, _all_kinds(selection)))
    return queries.with_zone_names(pairs, tables)


def infrastructure_items(tables, selection: Selection) -> pd.DataFrame:
    """Infrastructure rows of the selected zones, with zone names, in zone / category / pipeline order."""
    items = queries.with_zone_names(_zones(tables.infrastructure, selection), tables)
    items = items.assign(
        status_order=progress.ordered_status(items["status"], progress.INFRASTRUCTURE_PIPELINE),
        category_order=pd.Categorical(items["category"], categories=progress.CATEGORY_ORDER, ordered=True),
    )
    items = items.sort_values(["zone_name", "category_order", "status_order"], kind="stable")
    return items.drop(columns=["status_order", "category_order"])


def project_items(tables, selection: Selection) -> pd.DataFrame:
    """Named projects of the selected zones, with zone names, in zone / pipeline order."""
    projects = queries.with_zone_names(_zones(tables.projects, selection), tables)
    projects = projects.assign(
        status_order=progress.ordered_status(projects["status"], progress.PROJECT_PIPELINE)
    )
    return projects.sort_values(["zone_name", "status_order"], kind="stable").drop(columns="status_order")


def infrastructure_counts(tables, selection: Selection) -> pd.DataFrame:
    return queries.with_zone_names(
        progress.infrastructure_counts(_zones(tables.infrastructure, selection)), tables
    )


def project_counts(tables, selection: Selection) -> pd.DataFrame:
    return queries.with_zone_names(progress.project_counts(_zones(tables.projects, selection)), tables)


def stated_project_counts(tables, selection: Selection) -> pd.DataFrame:
    facts = queries.filtered_facts(tables, _all_kinds(selection))
    return queries.with_zone_names(progress.stated_project_counts(facts), tables)


def project_pipeline(tables, selection: Selection) -> pd.DataFrame:
    facts = queries.filtered_facts(tables, _all_kinds(selection))
    return queries.with_zone_names(progress.project_pipeline(facts), tables)


def project_investment(tables, selection: Selection) -> pd.DataFrame:
    facts = queries.filtered_facts(tables, _all_kinds(selection))
    return queries.with_zone_names(progress.project_investment_progress(facts), tables)


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
    return queries.with_zone_names(coverage.flags_with_sentences(flags, texts), tables)


def coverage_cells(tables, selection: Selection, metrics: tuple[str, ...]) -> pd.DataFrame:
    """coverage.coverage_cells for the selected zones (in the zones table's order), with zone names."""
    zones = queries.selected_zones(tables, selection)
    facts = queries.filtered_facts(tables, _all_kinds(selection))
    cells = coverage.coverage_cells(zones, facts, tables.quality, list(metrics))
    return queries.with_zone_names(cells, tables)


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

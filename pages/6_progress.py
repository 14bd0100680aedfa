"""Projects & infrastructure progress: items by category and status in pipeline order, investment stated vs completed."""

import streamlit as st

from pages._shared import display4, figures4, queries4, ui4
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t

page = setup_page("progress")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.progress"))

st.subheader(t("progress.infrastructure"))
items = derived(tables, queries4.infrastructure_items, selection)
if items.empty:
    ui4.notice(t("progress.infrastructure.none"))
else:
    counts = derived(tables, queries4.infrastructure_counts, selection)
    figure = figures4.stacked_status_figure(
        counts,
        figures4.INFRASTRUCTURE_STATUS_COLORS,
        t("progress.chart.infrastructure"),
        t("progress.items_axis"),
        queries4.report_count(items["doc_id"]),
        lang,
    )
    chosen = ui4.chart_with_items(figure, key="infrastructure_chart")
    ui4.table(
        display4.infrastructure_table(queries4.items_in_segments(items, chosen), lang),
        key="infrastructure_table",
    )

st.subheader(t("progress.stated_counts"))
pipeline = derived(tables, queries4.project_pipeline, selection)
if pipeline.empty:
    ui4.notice(t("progress.stated_counts.none"))
else:
    st.caption(t("progress.stated_counts.caption"))
    figure = figures4.stated_counts_figure(pipeline, queries4.report_count(pipeline["doc_id"]), lang)
    ui4.chart_with_sources(page, figure, key="stated_counts_chart")
    stated = derived(tables, queries4.stated_project_counts, selection)
    ui4.table(display4.stated_counts_table(stated, lang), key="stated_counts_table")

st.subheader(t("progress.projects"))
projects = derived(tables, queries4.project_items, selection)
if projects.empty:
    ui4.notice(t("progress.projects.none"))
else:
    counts = derived(tables, queries4.project_counts, selection)
    figure = figures4.stacked_status_figure(
        counts,
        figures4.PROJECT_STATUS_COLORS,
        t("progress.chart.projects"),
        t("progress.projects_axis"),
        queries4.report_count(projects["doc_id"]),
        lang,
    )
    chosen = ui4.chart_with_items(figure, key="projects_chart")
    ui4.table(
        display4.projects_table(queries4.items_in_segments(projects, chosen), lang), key="projects_table"
    )

st.subheader(t("progress.investment"))
investment = derived(tables, queries4.project_investment, selection)
if investment.empty:
    ui4.notice(t("progress.investment.none"))
else:
    reports = queries4.report_count(
        queries4.doc_ids_of(tables, investment["stated_fact_id"], investment["completed_fact_id"])
    )
    figure = figures4.investment_progress_figure(investment.head(figures4.MAX_BARS), reports, lang)
    ui4.chart_with_sources(page, figure, key="investment_chart")
    ui4.table(display4.investment_table(investment, lang), key="investment_table")

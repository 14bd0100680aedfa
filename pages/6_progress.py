"""Projects & infrastructure progress: items by category and status in pipeline order, investment stated vs completed."""

import streamlit as st

from pages._shared import display4, figures4, queries4, ui4, views4
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
    figure = derived(tables, views4.infrastructure_chart, selection, lang)
    st.caption(t("progress.select_hint"))
    chosen = ui4.chart_with_items(figure, key="infrastructure_chart")
    if chosen:
        table = display4.infrastructure_table(
            queries4.items_in_segments(items, chosen).head(views4.MAX_ROWS), lang
        )
    else:
        table = derived(tables, views4.infrastructure_view, selection, lang)
        ui4.capped_caption(len(table), len(items))
    ui4.table(table, key="infrastructure_table")

st.subheader(t("progress.stated_counts"))
pipeline = derived(tables, queries4.project_pipeline, selection)
if pipeline.empty:
    ui4.notice(t("progress.stated_counts.none"))
else:
    st.caption(t("progress.stated_counts.caption"))
    shown = queries4.first_zones(pipeline, figures4.MAX_GROUPS)
    figure = figures4.stated_counts_figure(shown, queries4.report_count(shown["doc_id"]), lang)
    ui4.chart_with_sources(page, figure, key="stated_counts_chart")
    ui4.table(derived(tables, views4.stated_counts_view, selection, lang), key="stated_counts_table")

st.subheader(t("progress.projects"))
projects = derived(tables, queries4.project_items, selection)
if projects.empty:
    ui4.notice(t("progress.projects.none"))
else:
    figure = derived(tables, views4.projects_chart, selection, lang)
    chosen = ui4.chart_with_items(figure, key="projects_chart")
    if chosen:
        table = display4.projects_table(
            queries4.items_in_segments(projects, chosen).head(views4.MAX_ROWS), lang
        )
    else:
        table = derived(tables, views4.projects_view, selection, lang)
        ui4.capped_caption(len(table), len(projects))
    ui4.table(table, key="projects_table")

st.subheader(t("progress.investment"))
investment = derived(tables, queries4.project_investment, selection)
if investment.empty:
    ui4.notice(t("progress.investment.none"))
else:
    shown = investment.head(figures4.MAX_BARS)
    reports = queries4.report_count(
        queries4.doc_ids_of(tables, shown["stated_fact_id"], shown["completed_fact_id"])
    )
    ui4.chart_with_sources(
        page, figures4.investment_progress_figure(shown, reports, lang), key="investment_chart"
    )
    ui4.table(derived(tables, views4.investment_view, selection, lang), key="investment_table")

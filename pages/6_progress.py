"""Projects & infrastructure progress: items by category and status in pipeline order, investment stated vs completed."""

import streamlit as st

from pages._shared import queries, ui, views
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t

page = setup_page("progress")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.progress"))
ui.implausible_note(page)

ui.items_section(page, "infrastructure", select_hint=True)

st.subheader(t("progress.stated_counts"))
pipeline = derived(tables, queries.project_pipeline, selection)
if pipeline.empty:
    ui.notice(t("progress.stated_counts.none"))
else:
    st.caption(t("progress.stated_counts.caption"))
    figure = derived(tables, views.stated_counts_chart, selection, lang)
    ui.chart_with_sources(page, figure, key="stated_counts_chart")
    ui.table(derived(tables, views.stated_counts_view, selection, lang), key="stated_counts_table")

ui.items_section(page, "projects")

st.subheader(t("progress.investment"))
investment = derived(tables, queries.project_investment, selection)
if investment.empty:
    ui.notice(t("progress.investment.none"))
else:
    figure = derived(tables, views.investment_chart, selection, lang)
    ui.chart_with_sources(page, figure, key="investment_chart")
    ui.table(derived(tables, views.investment_view, selection, lang), key="investment_table")

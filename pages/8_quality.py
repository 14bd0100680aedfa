"""Quality & coverage: what a careful reader flagged, and which zone reports which metric."""

import streamlit as st

from pages._shared import i18n, queries, ui, views
from pages._shared.coverage import SEVERITY_ORDER, severity_counts
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t

page = setup_page("quality")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.quality"))

st.subheader(t("quality.flags"))
flags = derived(tables, queries.selected_quality, selection)
counts = severity_counts(flags)
for column, severity in zip(st.columns(len(SEVERITY_ORDER)), SEVERITY_ORDER, strict=True):
    column.metric(t(f"severity.{severity}"), counts[severity])
if flags.empty:
    ui.notice(t("quality.none"))
else:
    table = derived(tables, views.flags_view, selection, lang)
    ui.capped_caption(len(table), len(flags))
    ui.table(table, key="flags_table")

st.subheader(t("quality.coverage"))
st.caption(t("quality.coverage.caption"))
metrics = tuple(i18n.metric_ids())
cells = derived(tables, queries.coverage_cells, selection, metrics)
if cells.empty:
    ui.notice(t("no_facts_selected"))
else:
    shown, zones = derived(tables, views.coverage_zones, selection, metrics)
    if zones > shown:
        st.caption(t("zones.top_n", n=shown, total=zones))
    figure = derived(tables, views.coverage_chart, selection, metrics, lang)
    ui.chart_with_sources(page, figure, key="coverage_chart")
    table = derived(tables, views.coverage_view, selection, metrics, lang)
    ui.capped_caption(len(table), zones)
    ui.table(table, key="coverage_table")

"""Quality & coverage: what a careful reader flagged, and which zone reports which metric."""

import streamlit as st

from pages._shared import i18n, queries4, ui4, views4
from pages._shared.coverage import SEVERITY_ORDER, severity_counts
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t

page = setup_page("quality")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.quality"))

st.subheader(t("quality.flags"))
flags = derived(tables, queries4.selected_quality, selection)
counts = severity_counts(flags)
for column, severity in zip(st.columns(len(SEVERITY_ORDER)), SEVERITY_ORDER, strict=True):
    column.metric(t(f"severity.{severity}"), counts[severity])
if flags.empty:
    ui4.notice(t("quality.none"))
else:
    table = derived(tables, views4.flags_view, selection, lang)
    ui4.capped_caption(len(table), len(flags))
    ui4.table(table, key="flags_table")

st.subheader(t("quality.coverage"))
st.caption(t("quality.coverage.caption"))
metrics = tuple(i18n.metric_ids())
cells = derived(tables, queries4.coverage_cells, selection, metrics)
if cells.empty:
    ui4.notice(t("no_facts_selected"))
else:
    shown, zones = derived(tables, views4.coverage_zones, selection, metrics)
    if zones > shown:
        st.caption(t("zones.top_n", n=shown, total=zones))
    figure = derived(tables, views4.coverage_chart, selection, metrics, lang)
    ui4.chart_with_sources(page, figure, key="coverage_chart")
    table = derived(tables, views4.coverage_view, selection, metrics, lang)
    ui4.capped_caption(len(table), zones)
    ui4.table(table, key="coverage_table")

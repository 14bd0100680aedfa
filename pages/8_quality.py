"""Quality & coverage: what a careful reader flagged, and which zone reports which metric."""

import streamlit as st

from pages._shared import display4, figures4, i18n, queries4, ui4
from pages._shared.coverage import SEVERITY_ORDER, severity_counts
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t

page = setup_page("quality")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.quality"))

st.subheader(t("quality.flags"))
flags = derived(tables, queries4.quality_flags, selection)
counts = severity_counts(flags)
for column, severity in zip(st.columns(len(SEVERITY_ORDER)), SEVERITY_ORDER, strict=True):
    column.metric(t(f"severity.{severity}"), counts[severity])
if flags.empty:
    ui4.notice(t("quality.none"))
else:
    ui4.table(display4.flags_table(flags, lang), key="flags_table")

st.subheader(t("quality.coverage"))
st.caption(t("quality.coverage.caption"))
cells = derived(tables, queries4.coverage_cells, selection, tuple(i18n.metric_ids()))
if cells.empty:
    ui4.notice(t("no_facts_selected"))
else:
    shown = queries4.first_zones(cells, figures4.MAX_BARS)
    reports = queries4.report_count(queries4.doc_ids_of(tables, shown["fact_id"]))
    ui4.chart_with_sources(page, figures4.coverage_figure(shown, reports, lang), key="coverage_chart")
    ui4.table(display4.coverage_table(cells, lang), key="coverage_table")

"""Overview (home): what is loaded, KPI cards, one row per zone. Run: streamlit run dashboard.py"""

import streamlit as st

from pages._shared import display, i18n, queries, ui, views
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t
from pages._shared.model import Selection

page = setup_page("overview")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.overview"))
st.caption(
    t(
        "overview.loaded",
        reports=tables.document_count,
        zones=len(tables.zones),
        facts=derived(tables, queries.fact_count, Selection()),
        built=str(tables.manifest.get("built_at") or tables.manifest.get("build_time") or "—"),
    )
)

if not derived(tables, queries.fact_count, Selection()) and ui.nothing_to_show(page):
    st.stop()
if not page.fact_count:
    ui.notice(t("no_facts_selected"))
silent = derived(tables, queries.zones_without_facts, selection)
if silent:
    ui.notice(t("zones_without_facts", names=ui.names(silent)))

ui.implausible_note(page)
st.subheader(t("overview.kpis"))
ui.kpi_cards(derived(tables, queries.kpi_totals, selection), lang)

st.subheader(t("overview.zone_table"))
st.caption(t("overview.zone_table.caption"))
area_help = {i18n.metric_label(metric, lang): t("overview.area_help") for metric in ("area_planned", "area_built")}
ui.table(derived(tables, display.zone_overview_table, selection, lang), key="zone_table", help=area_help)

left, right = st.columns(2)
with left:
    ui.chart_or_unreported(page, derived(tables, views.overview_revenue_figure, selection, lang), "revenue_by_zone", "revenue")
with right:
    ui.chart_or_unreported(page, derived(tables, views.overview_areas_figure, selection, lang), "areas_by_zone", "area_planned")

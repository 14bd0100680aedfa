"""Compare 2–5 zones: every metric's latest value side by side, the differences, small multiples."""

from datetime import date

import streamlit as st

from pages._shared import brief, i18n, nav, queries, ui, views
from pages._shared.data import derived
from pages._shared.filters import setup_page, synced_widget
from pages._shared.i18n import kind_label, t

page = setup_page("compare")
tables, lang, selection = page.tables, page.lang, page.selection
st.title(t("nav.compare"))

if ui.nothing_to_show(page):
    st.stop()
zone_ids, reason = derived(tables, queries.compare_zone_ids, selection)
names = queries.zone_name_map(tables)
if reason == "one_zone":
    ui.notice(t("compare.one_zone"))
    st.stop()
if reason == "one_picked":
    picked = str(names[zone_ids[0]])
    ui.notice(t("compare.need_two", zone=ui.names([picked])))
    for partner in derived(tables, queries.compare_partners, selection):
        st.page_link(nav.PAGES_BY_ID["compare"].path, label=i18n.plain(partner), icon=":material/compare_arrows:",
                     query_params={**page.link_params(), "zone": [picked, partner]})
    st.stop()
ui.implausible_note(page)
if reason == "default":
    ui.notice(t("compare.default"))
if reason == "too_many":
    ui.notice(t("compare.too_many", names=ui.names(names[list(zone_ids)])))

kind = synced_widget(page, "compare", st.radio, t("compare.kind"), ("actual", "target"), default="actual",
                     format_func=kind_label, horizontal=True)
today = date.today().isoformat()
zone_names = [str(names.get(zone_id, zone_id)) for zone_id in zone_ids]
xlsx_column, pdf_column = st.columns(2)
xlsx_column.download_button(
    t("brief.download_xlsx"),
    data=lambda: brief.comparison_workbook(tables, selection, zone_ids, kind, lang),
    file_name=brief.file_name(zone_names, today, lang, "xlsx"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="compare_xlsx", icon=":material/table:", on_click="ignore",
)
pdf_column.download_button(
    t("brief.download_pdf"),
    data=lambda: brief.comparison_pdf(tables, selection, zone_ids, kind, lang, today),
    file_name=brief.file_name(zone_names, today, lang, "pdf"),
    mime="application/pdf", key="compare_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
)

table, figure = derived(tables, views.compare_view, selection, zone_ids, kind, lang, ui.chart_columns())

st.subheader(t("compare.table"))
st.caption(t("compare.caption", base=ui.names([names[zone_ids[0]]])))
ui.table(table, key="compare_table")
if figure is None:
    ui.notice(t("no_facts_selected"))
else:
    ui.chart(page, figure, key="compare_multiples")


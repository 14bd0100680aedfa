"""Sources: a report's full text with every extracted number highlighted, and its figures beside it.

Deep links: ?fact=<fact_id>, ?project=<project_id>, ?item=<item_id>, ?flag=<quality_id> open the
report at that sentence, highlighted and scrolled into view; ?doc=<doc_id> opens a report.
"""

import streamlit as st

from pages._shared import i18n, provenance, report_choices, ui, views
from pages._shared.data import derived
from pages._shared.filters import setup_page, synced_widget, url_values
from pages._shared.i18n import t

page = setup_page("sources")
tables, lang = page.tables, page.lang

st.title(t("nav.sources"))
if not tables.document_count:
    ui.notice(t("sources.no_documents"))
    st.stop()

requested = provenance.requested_row(st.query_params.to_dict())
focus = derived(tables, views.focus_of, *requested) if requested else None
if requested and focus is None:
    ui.notice(t("sources.not_found", table=t(f"table.{requested[0]}"), row_id=i18n.plain(requested[1])))
if focus and st.session_state.get("sources.focus") != requested:
    st.query_params["doc"] = focus.doc_id  # a new deep link chooses its report
st.session_state["sources.focus"] = requested

shown_doc = (url_values("doc") or (None,))[0]
choices = derived(tables, report_choices.reports_about, page.selection, focus.doc_id if focus else None, shown_doc)
if not choices.labels:
    ui.notice(t("sources.no_zone_documents"))
    st.stop()
doc_id = synced_widget(
    page,
    "doc",
    st.selectbox,
    t("sources.report"),
    list(choices.labels),
    default=next(iter(choices.labels)),
    format_func=lambda value: choices.labels.get(value, value),
)
if choices.cut:
    st.caption(t("choices.cut", shown=report_choices.MAX_CHOICES, n=choices.total))
if focus and focus.doc_id != doc_id:  # the reader moved to another report: the old sentence no longer applies
    for param, _ in provenance.LINKS.values():
        if param in st.query_params:
            del st.query_params[param]
    st.session_state["sources.focus"] = None
    focus = None

report = derived(tables, views.report_view, doc_id, focus, lang)
if focus:
    st.success(t("sources.focus", table=i18n.label("table", focus.table), raw=i18n.plain(focus.raw or focus.row_id)))

text_column, list_column = st.columns([3, 2], gap="medium")
with text_column:
    st.html(report.legend_html)
    st.caption(t("sources.hover_hint"))
    ui.report(report.report_html, f"{focus.table}:{focus.row_id}" if focus else None)
with list_column:
    st.subheader(t("sources.facts"))
    event = ui.table(report.facts_table, key=f"facts_{doc_id}", selectable=True)
    chosen = ui.selected_rows(event)
    if chosen:
        fact_id = report.fact_ids[chosen[0]]
        if st.query_params.get("fact") != fact_id:
            st.query_params["fact"] = fact_id
            st.rerun()
    if report.items_table is not None:
        st.subheader(t("sources.items"))
        ui.table(report.items_table, key="document_items")

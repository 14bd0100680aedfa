"""Sources: a report's full text with every extracted number highlighted, and its figures beside it.

Deep links: ?fact=<fact_id>, ?project=<project_id>, ?item=<item_id>, ?flag=<quality_id> open the
report at that sentence, highlighted and scrolled into view; ?doc=<doc_id> opens a report.
"""

import streamlit as st

from pages._shared import display4, labels4, provenance, ui4
from pages._shared.filters import setup_page, synced_widget
from pages._shared.highlight import highlight_html, legend_html
from pages._shared.i18n import t

page = setup_page("sources")
tables, lang = page.tables, page.lang
frames = {name: getattr(tables, name) for name in provenance.LINKS}

st.title(t("nav.sources"))
if tables.documents.empty:
    ui4.notice(t("sources.no_documents"))
    st.stop()

requested = provenance.requested_row(st.query_params.to_dict())
focus = provenance.resolve_focus(frames, tables.documents, *requested) if requested else None
if requested and focus is None:
    ui4.notice(t("sources.not_found", table=t(f"table.{requested[0]}"), row_id=requested[1]))
if focus and st.session_state.get("sources.focus") != requested:
    st.query_params["doc"] = focus.doc_id  # a new deep link chooses its report
st.session_state["sources.focus"] = requested

choices = provenance.document_choices(tables.documents)
doc_id = synced_widget(
    page,
    "doc",
    st.selectbox,
    t("sources.report"),
    list(choices),
    default=next(iter(choices)),
    format_func=lambda value: choices.get(value, value),
)
if focus and focus.doc_id != doc_id:  # the reader moved to another report: the old sentence no longer applies
    for param, _ in provenance.LINKS.values():
        if param in st.query_params:
            del st.query_params[param]
    st.session_state["sources.focus"] = None
    focus = None

document = tables.documents[tables.documents["doc_id"] == doc_id].iloc[0]
facts = tables.facts[tables.facts["doc_id"] == doc_id]
if focus:
    st.success(t("sources.focus", table=labels4.label("table", focus.table), raw=focus.raw or focus.row_id))

text_column, list_column = st.columns([3, 2], gap="medium")
with text_column:
    st.html(legend_html(t("sources.legend"), provenance.legend(dict.fromkeys(facts["metric"]), lang)))
    st.caption(t("sources.hover_hint"))
    spans = provenance.document_spans(frames, doc_id, lang, focus)
    ui4.report(
        highlight_html(str(document["text"]), spans), f"{focus.table}:{focus.row_id}" if focus else None
    )
with list_column:
    st.subheader(t("sources.facts"))
    event = ui4.table(display4.document_facts_table(facts, lang), key=f"facts_{doc_id}", selectable=True)
    chosen = ui4.selected_rows(event)
    if chosen:
        fact_id = facts.iloc[chosen[0]]["fact_id"]
        if st.query_params.get("fact") != fact_id:
            st.query_params["fact"] = fact_id
            st.rerun()
    items = provenance.document_items(frames, doc_id)
    if not items.empty:
        st.subheader(t("sources.items"))
        ui4.table(display4.document_items_table(items, lang), key="document_items")

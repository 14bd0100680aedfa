"""Targets vs actuals: each target paired with the actual it should be judged against."""

import streamlit as st

from pages._shared import figures, ui, views
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t
from pages._shared.targets import FLAGS

page = setup_page("targets")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.targets"))
st.caption(t("targets.caption"))
ui.implausible_note(page)
summary = derived(tables, views.target_summary, selection)
if not summary["targets"]:
    ui.notice(t("targets.none"))
    st.stop()

columns = st.columns(len(FLAGS) + 1)
columns[0].metric(t("col.target"), summary["targets"])
for column, flag in zip(columns[1:], FLAGS, strict=True):
    column.metric(t(f"flag.{flag}"), summary[flag])

pairs, table, labels = derived(tables, views.targets_view, selection, lang)
shown = min(len(pairs), figures.MAX_BARS)
if summary["targets"] > shown:
    st.caption(t("targets.top_n", n=shown, total=summary["targets"]))
ui.chart_with_sources(page, derived(tables, views.targets_chart, selection, lang), key="targets_chart")

st.subheader(t("targets.table"))
ui.capped_caption(len(table), summary["targets"])
ui.table(table, key="targets_table")

st.subheader(t("targets.pairing"))
chosen = st.selectbox(
    t("targets.pick"), range(len(labels)), format_func=labels.__getitem__, key="targets_pair"
)
ui.pairing(page, pairs.iloc[chosen])

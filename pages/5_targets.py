"""Targets vs actuals: each target paired with the actual it should be judged against."""

import streamlit as st

from pages._shared import display4, figures4, queries4, ui4
from pages._shared.data import derived
from pages._shared.filters import setup_page
from pages._shared.i18n import t
from pages._shared.targets import FLAGS

page = setup_page("targets")
tables, lang, selection = page.tables, page.lang, page.selection

st.title(t("nav.targets"))
st.caption(t("targets.caption"))
pairs = derived(tables, queries4.target_pairs, selection)
if pairs.empty:
    ui4.notice(t("targets.none"))
    st.stop()

columns = st.columns(len(FLAGS) + 1)
columns[0].metric(t("col.target"), len(pairs))
for column, flag in zip(columns[1:], FLAGS, strict=True):
    column.metric(t(f"flag.{flag}"), int((pairs["flag"] == flag).sum()))

shown = pairs.head(figures4.MAX_BARS)
if len(pairs) > len(shown):
    st.caption(t("chart.top_n", n=len(shown), total=len(pairs)))
reports = queries4.report_count(shown["target_doc_id"], shown["actual_doc_id"])
ui4.chart_with_sources(page, figures4.targets_figure(shown, reports, lang), key="targets_chart")

st.subheader(t("targets.table"))
ui4.table(display4.targets_table(pairs, lang), key="targets_table")

st.subheader(t("targets.pairing"))
labels = display4.pair_labels(pairs, lang)
chosen = st.selectbox(
    t("targets.pick"), range(len(labels)), format_func=labels.__getitem__, key="targets_pair"
)
ui4.pairing(page, pairs.iloc[chosen])

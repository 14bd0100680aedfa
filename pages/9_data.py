"""Data: filter the facts (zone, metric, kind, year, scope, report), read them, export exactly them."""

import streamlit as st

from pages._shared import export, i18n, nav, queries, report_choices, ui, views
from pages._shared.data import derived
from pages._shared.filters import setup_page, synced_text, synced_widget, url_values
from pages._shared.i18n import t

TABLE_ROWS = 2000

page = setup_page("data")
tables, lang, selection = page.tables, page.lang, page.selection
st.title(t("nav.data"))
if ui.nothing_to_show(page):
    st.stop()

reports = derived(tables, report_choices.reports_with_facts, selection, url_values("doc"))
titles = reports.labels
columns = st.columns(4)
with columns[0]:
    metrics = synced_widget(page, "metric", st.multiselect, t("data.metric"), i18n.metric_ids(), default=[],
                            multi=True, format_func=i18n.metric_label, placeholder=t("export.all"))
with columns[1]:
    scopes = synced_widget(page, "scope", st.multiselect, t("data.scope"),
                           derived(tables, queries.scope_options, selection), default=[], multi=True,
                           format_func=lambda scope: t("data.scope.none") if scope == queries.NO_SCOPE else i18n.scope_label(scope),
                           placeholder=t("export.all"))
with columns[2]:
    doc_ids = synced_widget(page, "doc", st.multiselect, t("data.report"), list(titles), default=[], multi=True,
                            format_func=lambda doc_id: titles.get(doc_id, doc_id), placeholder=t("export.all"))
    if reports.cut:
        st.caption(t("choices.cut", shown=report_choices.MAX_CHOICES, n=reports.total))
with columns[3]:
    search = synced_text(page, "q", t("data.search"))

fact_ids = url_values("fact")
if fact_ids:
    ui.notice(t("data.selected", n=len(fact_ids)))
    params = {**page.link_params(), "metric": metrics, "scope": scopes, "doc": doc_ids, "q": [search] if search else []}
    st.page_link(nav.PAGES_BY_ID["data"].path, label=t("data.clear_selection"), icon=":material/filter_alt_off:",
                 query_params={key: value for key, value in params.items() if value})

narrowing = (tuple(metrics), tuple(scopes), tuple(doc_ids), fact_ids, search)
count, figure, shown = derived(tables, views.data_view, selection, *narrowing, TABLE_ROWS, lang)
st.caption(t("data.count", n=count))
if not count:
    ui.notice(t("data.empty"))
    st.stop()

ui.chart(page, figure, key="data_by_metric")
ui.table(shown, key="data_table")
if count > TABLE_ROWS:
    st.caption(t("data.truncated", shown=TABLE_ROWS, n=count))

# What the files hold, said in their names and on the XLSX about sheet.
everything = t("export.all")
description = {
    t("filter.zones"): export.describe_choice(list(page.filters.zones), everything, "{n}个区域" if lang == "zh" else "{n} zones", 5),
    t("filter.years"): export.describe_choice([str(year) for year in page.filters.years], everything, "{n}", 10),
    t("filter.kinds"): export.describe_choice([i18n.kind_label(kind) for kind in page.filters.kinds], everything, "{n}", 3),
    t("data.metric"): export.describe_choice([i18n.metric_label(metric) for metric in metrics], everything, "{n}", 20),
    t("data.scope"): export.describe_choice(
        [t("data.scope.none") if scope == queries.NO_SCOPE else i18n.scope_label(scope) for scope in scopes], everything, "{n}", 20),
    t("data.report"): export.describe_choice([titles.get(doc_id, doc_id) for doc_id in doc_ids], everything, "{n}", 20),
    t("data.search"): search or "—",
    t("data.chart_selection"): ", ".join(fact_ids) or "—",
}
stem = export.file_stem(
    [
        export.describe_choice(list(page.filters.zones), "", "{n}个区域" if lang == "zh" else "{n}zones"),
        export.describe_choice([i18n.metric_label(metric) for metric in metrics], "", "{n}个指标" if lang == "zh" else "{n}metrics"),
        "+".join(str(year) for year in page.filters.years),
        "" if page.filters.kinds == queries.schema.KINDS else "+".join(i18n.kind_label(kind) for kind in page.filters.kinds),
    ],
    count,
    lang,
)


def rows():
    """Every row of the filter, read when a download is asked for (the callables run on click)."""
    return queries.data_rows(tables, selection, *narrowing)


def xlsx(exported):
    return export.xlsx_bytes(export.export_frame(exported, tables, lang),
                             export.about_rows(description, len(exported), tables, lang),
                             export.sources_frame(exported, tables, lang), lang)


st.subheader(t("data.download"))
left, middle, right = st.columns(3)
left.download_button(
    t("data.csv"), data=lambda: export.csv_bytes(export.export_frame(rows(), tables, lang)),
    file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", key="download_csv",
)
middle.download_button(
    t("data.xlsx"),
    data=lambda: xlsx(rows()),
    file_name=f"{stem}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore", key="download_xlsx",
)
right.download_button(
    t("data.parquet"), data=lambda: export.parquet_bytes(rows(), tables),
    file_name=f"{stem}.parquet", mime="application/vnd.apache.parquet", on_click="ignore", key="download_parquet",
)

"""Small streamlit render helpers the pages share (they compose; this draws).

    selectable_chart(figure, key)     st.plotly_chart that reruns on a selection; the selected points
    chart(page, figure, key)          st.plotly_chart with selection; selected bars -> link to the Data page
    chart_or_unreported(page, figure, key, metric)   the chart, or "nobody reports <metric>" when None
    table(frame, key, link_column)    st.dataframe with the source column as a link
    notice(text) / names(list)        plain messages; report-derived names are escaped first
    nothing_to_show(page)             True (after saying why) when there are no figures to draw
    kpi_cards(totals, lang)           st.metric cards from queries.kpi_totals
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pages._shared import data, display, figures, i18n, nav, queries
from pages._shared.i18n import t

DATA_PAGE = nav.PAGES_BY_ID["data"].path
MAX_LINKED_FACTS = 200


def names(values) -> str:
    """Report-derived names joined for a markdown message, escaped so they show literally."""
    return "、".join(i18n.plain(value) for value in values)


def notice(text: str) -> None:
    """A plain information line (text must already be escaped where it holds report text)."""
    st.info(text)


def nothing_to_show(page) -> bool:
    """Say plainly why a page has nothing to draw (no figures at all, or none under the filters)."""
    if page.tables.facts.empty:
        st.info(t("empty_tables", reports=len(page.tables.documents), zones=len(page.tables.zones)))
        st.code(data.BUILD_COMMAND, language="bash")
        return True
    if page.facts.empty:
        st.info(t("no_facts_selected"))
        return True
    return False


def selectable_chart(figure, key: str) -> list[dict]:
    """Draw a figure that reruns the page when points are selected; returns the selected points."""
    event = st.plotly_chart(
        figure, key=key, on_select="rerun", selection_mode=("points", "box", "lasso"), config={"displaylogo": False},
    )
    try:
        return event.selection.points if event else []
    except AttributeError:
        return []


def chart(page, figure, key: str) -> list[str]:
    """Draw a figure; when bars are selected, offer the Data page narrowed to those facts."""
    fact_ids = figures.fact_ids_from_selection(selectable_chart(figure, key))[:MAX_LINKED_FACTS]
    if fact_ids:
        params = {**page.link_params(), "fact": fact_ids}
        st.page_link(DATA_PAGE, label=t("chart.to_data", n=len(fact_ids)), icon=":material/table:", query_params=params)
    return fact_ids


def chart_or_unreported(page, figure, key: str, metric: str) -> None:
    """Draw the figure, or say that no zone reports `metric` when there is none to draw."""
    if figure is None:
        notice(t("metric_unreported", metric=i18n.metric_label(metric, page.lang)))
    else:
        chart(page, figure, key)


def table(frame: pd.DataFrame, key: str, height: int | None = None, help: dict[str, str] | None = None) -> None:
    """A display frame (display.facts_table) with its source column as a link to the Sources page."""
    source = t("col.source")
    column_config: dict = {column: st.column_config.TextColumn(column, help=text) for column, text in (help or {}).items()}
    if source in frame.columns:
        column_config[source] = st.column_config.LinkColumn(source, display_text=t("col.source.open"))
    value = t("col.value")
    if value in frame.columns:
        column_config[value] = st.column_config.NumberColumn(value, format="%.6g")
    st.dataframe(frame, key=key, hide_index=True, column_config=column_config, height=height or "auto")


def kpi_cards(totals: pd.DataFrame, lang: str) -> None:
    """One st.metric per KPI metric: the total of comparable latest values, and a line saying which."""
    columns = st.columns(len(totals))
    for column, total in zip(columns, totals.to_dict("records"), strict=True):
        value = i18n.format_value(None if pd.isna(total["total"]) else total["total"], total["unit"], lang,
                                  total["metric"])
        column.metric(i18n.metric_label(total["metric"], lang), value, help=t("overview.kpi.help", lang))
        caption = display.kpi_caption(total, lang)
        if caption:
            column.caption(caption)


def implausible_note(page) -> None:
    """Say how many figures under the filters are left out of totals, rankings and charts as implausible."""
    count = data.derived(page.tables, queries.implausible_count, page.selection)
    if count:
        notice(t("implausible.left_out", n=count))

"""The three topic pages (investment, revenue & tax, enterprises & employment) share one composition.

    page = setup_page("investment"); topic.render(page, "investment")

Metric and measure (absolute or per km² of planned / built / developed area) are page widgets
mirrored in the URL (`?metric=revenue&per=area_built`). Charts: latest value by zone (actual
and target), by year, stated growth; then the table of the metric's figures with source links.
"""

from __future__ import annotations

import streamlit as st

from loaders.pipeline.summaries import FIRST_ROWS
from pages._shared import i18n, queries, ui, views
from pages._shared.data import derived
from pages._shared.filters import PageContext, synced_widget
from pages._shared.i18n import t

ABSOLUTE = "absolute"
MEASURES = (ABSOLUTE, *queries.AREA_METRICS)
TABLE_ROWS = FIRST_ROWS  # the build keeps each metric's first this many facts (loaders/pipeline/summaries.py)


def _measure_label(measure: str) -> str:
    if measure == ABSOLUTE:
        return t("topic.measure.absolute")
    return f"{t('topic.measure.intensity')}（{t(f'area.{measure}')}）" if i18n.get_language() == "zh" else \
        f"{t('topic.measure.intensity')} ({t(f'area.{measure}')})"


def render(page: PageContext, topic: str) -> None:
    tables, lang, selection = page.tables, page.lang, page.selection
    metrics = queries.TOPICS[topic]
    st.title(t(f"nav.{topic}"))
    counts = derived(tables, queries.metric_counts, selection, metrics)

    def metric_option(metric: str) -> str:
        label = i18n.metric_label(metric, lang)
        return label if counts[metric] else f"{label}（{t('not_reported')}）" if lang == "zh" else f"{label} ({t('not_reported')})"

    left, right = st.columns([1, 2])
    with left:
        reported = [metric for metric in metrics if counts[metric]]
        metric = synced_widget(page, "metric", st.selectbox, t("topic.metric"), metrics,
                               default=reported[0] if reported else metrics[0], format_func=metric_option)
    with right:
        measure = synced_widget(page, "per", st.radio, t("topic.measure"), MEASURES, default=ABSOLUTE,
                                format_func=_measure_label, horizontal=True)
    label = i18n.metric_label(metric, lang)
    if ui.nothing_to_show(page):
        return
    if counts[metric] == 0:
        ui.notice(t("metric_unreported", metric=label))
        return

    ui.implausible_note(page)
    area = None if measure == ABSOLUTE else measure
    figure, total, shown, left_out = derived(tables, views.topic_zone_figure, selection, metric, area, lang)
    if figure is None:
        ui.notice(t("metric_unreported", metric=label) if not left_out else
                  t("topic.intensity_caption", area=t(f"area.{area}"), names=ui.names(left_out)))
    else:
        ui.chart(page, figure, key=f"{topic}_by_zone")
        notes = [t("topic.scope_caption")]
        if total > shown:
            notes.append(t("chart.top_n", n=shown, total=total))
        if area:
            notes.append(t("topic.intensity_caption", area=t(f"area.{area}"), names=ui.names(left_out)) if left_out
                         else t("topic.intensity_caption_all", area=t(f"area.{area}")))
        notes.append(t("chart.select_hint"))
        st.caption(" ".join(notes))

    years = derived(tables, views.year_count, selection, metric)
    if years == 1:  # one year is no change over years: the figures are in the table below
        st.caption(t("topic.one_year", metric=label))
    elif years > 1:
        ui.chart(page, derived(tables, views.topic_year_figure, selection, metric, lang), key=f"{topic}_by_year")

    growth = derived(tables, views.topic_growth_figure, selection, metric, lang)
    if growth is None:
        st.caption(t("topic.no_growth", metric=label))
    else:
        ui.chart(page, growth, key=f"{topic}_growth")

    st.subheader(t("topic.facts_table"))
    ui.table(derived(tables, views.topic_facts_table, selection, metric, TABLE_ROWS, lang), key=f"{topic}_facts")
    if counts[metric] > TABLE_ROWS:
        st.caption(t("data.truncated", shown=TABLE_ROWS, n=counts[metric]))

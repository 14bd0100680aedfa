"""Pure plotly figure builders: a tidy frame in, a go.Figure out. No streamlit.

Every figure uses TEMPLATE (a CJK font first), has a title, axis units, and a source line
`add_source(fig, n_reports, lang)` -> 来源：N 份报告. Hover shows the number as written (raw) and
its period. Each bar carries its fact_id in customdata[0]; `fact_ids_from_selection(points)`
turns a st.plotly_chart selection back into fact ids (see nav.source_link / the Data page).
Report text placed in a figure goes through `plain()` first: plotly renders a subset of HTML.
Render in a page with `st.plotly_chart(fig, key=..., on_select="rerun")`.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from pages._shared import i18n
from pages._shared.i18n import t

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
COLORWAY = ["#1f5fa8", "#e07b39", "#3a9a5b", "#c0392b", "#7d5ba6", "#8c6d31", "#d35fa0", "#5f6b7a", "#17a2b8", "#b8a21c"]
KIND_COLORS = {"actual": "#1f5fa8", "target": "#e07b39", "growth": "#3a9a5b"}
NOT_REPORTED_COLOR = "#9aa0a6"

TEMPLATE_NAME = "zones"
TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=13, color="#222"),
        title=dict(font=dict(family=FONT_FAMILY, size=16), x=0.0, xanchor="left"),
        colorway=COLORWAY,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
        xaxis=dict(showgrid=False, linecolor="#888", automargin=True),
        yaxis=dict(gridcolor="#e5e5e5", zerolinecolor="#888", automargin=True),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"),
        margin=dict(l=60, r=20, t=70, b=80),
    )
)
pio.templates[TEMPLATE_NAME] = TEMPLATE


def plain(text: object) -> str:
    """Report text shown literally inside plotly's pseudo-HTML (<, >, & escaped)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=False)


def new_figure(title: str) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(template=TEMPLATE_NAME, title=dict(text=plain(title)))
    return figure


def add_source(figure: go.Figure, n_reports: int, lang: str | None = None) -> go.Figure:
    """The source line under the plot: 来源：N 份报告."""
    figure.add_annotation(
        text=t("chart.source", lang, n=n_reports),
        xref="paper", yref="paper", x=0, y=-0.0, yshift=-60,
        xanchor="left", yanchor="top", showarrow=False,
        font=dict(size=11, color="#666"),
        name="source",
    )
    return figure


def source_text(figure: go.Figure) -> str | None:
    """The source line of a figure (tests)."""
    for annotation in figure.layout.annotations:
        if annotation.name == "source":
            return annotation.text
    return None


def fact_ids_from_selection(points: list[dict]) -> list[str]:
    """The fact ids of selected bars/points (customdata[0]), in order, without repeats."""
    ids: list[str] = []
    for point in points or []:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom:
            fact_id = custom[0]
        else:
            fact_id = custom
        if isinstance(fact_id, str) and fact_id and fact_id not in ids:
            ids.append(fact_id)
    return ids


def _hover_fields(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """customdata columns: fact_id, raw, period, scope, formatted value (escaped text)."""
    return pd.DataFrame(
        {
            "fact_id": rows["fact_id"].astype(str).to_numpy(),
            "raw": [plain(text) for text in rows["raw"].tolist()],
            "period": i18n.period_labels(rows, lang).astype(str).to_numpy(),
            "scope": [plain(text) or "—" for text in rows["scope"].tolist()],
            "shown": i18n.format_values(rows["value"], rows["unit"], lang, rows["metric"]).astype(str).to_numpy(),
        }
    )


def _series_by_zone(rows: pd.DataFrame, column: str, values: tuple[str, ...], lang: str):
    """(value, its rows, their hover fields) for each of `values` present in rows[column]: one bar series each."""
    for value in values:
        subset = rows[rows[column] == value]
        if not subset.empty:
            yield value, subset, _hover_fields(subset, lang)


def _zones_in_row_order(figure: go.Figure, rows: pd.DataFrame) -> None:
    """A category x axis of zone names in the order the rows give them (queries rank them)."""
    order = list(dict.fromkeys(rows["zone_name"].map(plain)))
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=order)


def _hovertemplate(lang: str, extra: str = "") -> str:
    return (
        "<b>%{x}</b> · %{fullData.name}<br>%{customdata[4]}"
        f"<br>{t('hover.raw', lang)}：%{{customdata[1]}}"
        f"<br>{t('hover.period', lang)}：%{{customdata[2]}}"
        f"<br>{t('hover.scope', lang)}：%{{customdata[3]}}{extra}<extra></extra>"
    )


def latest_by_zone(
    rows: pd.DataFrame,
    metric: str,
    lang: str,
    n_reports: int,
    intensity_area: str | None = None,
) -> go.Figure:
    """Grouped bars, one per zone and kind (actual, target): the latest value, or per km² of an area.

    rows: queries.topic_by_zone output (zone_name, kind, value, unit, year, months, cumulative,
    scope, raw, fact_id; with area and intensity when `intensity_area` is given).
    """
    label = i18n.metric_label(metric, lang)
    unit = i18n.metric_unit(metric)
    column = "intensity" if intensity_area else "value"
    values = rows[column].astype("float64")
    divisor, unit_label = i18n.unit_scale(unit, float(values.abs().max()) if len(rows) else 0.0, lang, metric)
    if intensity_area:
        title = t("chart.intensity_title", lang, metric=label, area=t(f"area.{intensity_area}", lang))
        unit_label = f"{unit_label}/km²"
    else:
        title = t("chart.by_zone", lang, metric=label)
    figure = new_figure(title)
    marks = _period_marks(rows, lang)
    for kind, subset, custom in _series_by_zone(rows, "kind", ("actual", "target"), lang):
        extra = ""
        if intensity_area:
            custom["area"] = [f"{i18n.format_value(area, 'km2', lang)}（{i18n.format_mu(area)}）" for area in subset["area"]]
            extra = f"<br>{t(f'area.{intensity_area}', lang)}：%{{customdata[5]}}"
        scaled = subset[column].astype("float64") / divisor
        figure.add_bar(
            x=subset["zone_name"].map(plain).to_numpy(),
            y=scaled.to_numpy(),
            name=i18n.kind_label(kind, lang),
            marker_color=KIND_COLORS[kind],
            customdata=custom.to_numpy(),
            text=[i18n.format_number(value, grouping=lang != "zh") + mark
                  for value, mark in zip(scaled, marks[subset.index], strict=True)],
            textposition="outside",
            hovertemplate=_hovertemplate(lang, extra),
        )
    figure.update_layout(barmode="group", yaxis_title=f"{label}（{unit_label}）" if lang == "zh" else f"{label} ({unit_label})")
    _zones_in_row_order(figure, rows)
    return add_source(figure, n_reports, lang)


def _period_marks(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Per row, '（2025年1-11月）' or '（2025年，累计，规上）' when the bars' periods, cumulative readings
    or scopes differ (bars side by side that are not alike say so on the bar), else ''."""
    separator, left, right = ("，", "（", "）") if lang == "zh" else (", ", " (", ")")
    details = [
        period + (separator + plain(scope) if pd.notna(scope) else "")
        for period, scope in zip(i18n.period_labels(rows, lang).astype(str), rows["scope"], strict=True)
    ]
    if len(set(details)) <= 1:
        return pd.Series("", index=rows.index, dtype="string")
    return pd.Series([left + detail + right for detail in details], index=rows.index, dtype="string")


def by_year(rows: pd.DataFrame, metric: str, lang: str, n_reports: int) -> go.Figure:
    """Bars per year (category axis), one colour per zone: queries.topic_by_year output."""
    label = i18n.metric_label(metric, lang)
    divisor, unit_label = i18n.unit_scale(
        i18n.metric_unit(metric), float(rows["value"].abs().max()) if len(rows) else 0.0, lang, metric
    )
    figure = new_figure(t("chart.over_time", lang, metric=label))
    years = sorted(rows["year"].dropna().astype(int).unique())
    for zone_name, subset in rows.groupby("zone_name", sort=False):
        custom = _hover_fields(subset, lang)
        figure.add_bar(
            x=subset["year"].astype(int).astype(str).to_numpy(),
            y=(subset["value"].astype("float64") / divisor).to_numpy(),
            name=plain(zone_name),
            customdata=custom.to_numpy(),
            hovertemplate=_hovertemplate(lang).replace("<b>%{x}</b> · %{fullData.name}", "<b>%{fullData.name}</b> · %{x}"),
        )
    figure.update_layout(barmode="group", yaxis_title=f"{label}（{unit_label}）" if lang == "zh" else f"{label} ({unit_label})",
                         xaxis_title=t("chart.year", lang))
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=[str(year) for year in years])
    return add_source(figure, n_reports, lang)


def growth(rows: pd.DataFrame, metric: str, lang: str, n_reports: int) -> go.Figure:
    """Growth rates as stated (%): one horizontal bar per rate, never stacked or summed.

    Each bar is its own row, named zone · period · basis, and its label repeats the period and
    basis (同比 or 较2020年): two rates of one zone and year are different comparisons.
    """
    label = i18n.metric_label(metric, lang)
    figure = new_figure(t("chart.growth", lang, metric=label))
    periods = i18n.period_labels(rows, lang).astype(str).tolist()
    bases = [i18n.basis_label(basis, lang) for basis in rows["basis"].tolist()]
    custom = _hover_fields(rows, lang)
    custom["basis"] = [plain(basis) or "—" for basis in bases]
    names = _unique(
        [" · ".join(part for part in (plain(zone), plain(period), plain(basis)) if part)
         for zone, period, basis in zip(rows["zone_name"], periods, bases, strict=True)]
    )
    separator = "，" if lang == "zh" else ", "
    figure.add_bar(
        y=names,
        x=rows["value"].astype("float64").to_numpy(),
        orientation="h",
        marker_color=KIND_COLORS["growth"],
        name=i18n.kind_label("growth", lang),
        customdata=custom.to_numpy(),
        text=[f"{shown}（{plain(period)}{separator + plain(basis) if basis else ''}）" if lang == "zh"
              else f"{shown} ({plain(period)}{separator + plain(basis) if basis else ''})"
              for shown, period, basis in zip(custom["shown"], periods, bases, strict=True)],
        textposition="outside",
        cliponaxis=False,
        hovertemplate=_hovertemplate(lang, f"<br>{t('col.basis', lang)}：%{{customdata[5]}}").replace("%{x}", "%{y}"),
    )
    figure.update_layout(
        barmode="group",
        height=140 + 34 * max(len(rows), 1),
        xaxis_title=t("chart.growth.axis", lang),
        showlegend=False,
    )
    figure.update_yaxes(type="category", autorange="reversed")
    return add_source(figure, n_reports, lang)


def _unique(labels: list[str]) -> list[str]:
    """Category labels made unique (plotly would otherwise draw two bars on one place)."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def areas(rows: pd.DataFrame, lang: str, n_reports: int) -> go.Figure:
    """Planned and built-up area per zone (km²), hover with 亩: queries.zone_overview rows of area metrics."""
    figure = new_figure(t("chart.areas", lang))
    for metric, subset, custom in _series_by_zone(rows, "metric", ("area_planned", "area_built"), lang):
        custom["mu"] = [i18n.format_mu(value) for value in subset["value"]]
        figure.add_bar(
            x=subset["zone_name"].map(plain).to_numpy(),
            y=subset["value"].astype("float64").to_numpy(),
            name=i18n.metric_label(metric, lang),
            customdata=custom.to_numpy(),
            hovertemplate=_hovertemplate(lang, "<br>= %{customdata[5]}"),
        )
    figure.update_layout(barmode="group", yaxis_title="km²")
    _zones_in_row_order(figure, rows)
    return add_source(figure, n_reports, lang)


def compare_small_multiples(values: pd.DataFrame, zone_names: list[str], lang: str, n_reports: int) -> go.Figure:
    """One small bar chart per metric, one bar per zone; a zone without a figure says 未报告 (no bar).

    values: queries.compare_values output (metric, zone_id, zone_name, value NaN when not reported, ...).
    """
    from plotly.subplots import make_subplots

    metrics = [metric for metric in dict.fromkeys(values["metric"]) if values.loc[values["metric"] == metric, "value"].notna().any()]
    columns = 3
    rows_count = max(1, -(-len(metrics) // columns))
    figure = make_subplots(
        rows=rows_count, cols=columns,
        subplot_titles=[i18n.metric_label(metric, lang) for metric in metrics],
        vertical_spacing=min(0.12, 0.9 / rows_count), horizontal_spacing=0.08,
    )
    categories = [plain(name) for name in zone_names]
    colors = {name: COLORWAY[position % len(COLORWAY)] for position, name in enumerate(categories)}
    in_legend: set[str] = set()
    for position, metric in enumerate(metrics):
        row, column = position // columns + 1, position % columns + 1
        subset = values[values["metric"] == metric]
        stated = subset[subset["value"].notna()]
        divisor, unit_label = i18n.unit_scale(
            i18n.metric_unit(metric), float(stated["value"].abs().max()), lang, metric
        )
        custom = _hover_fields(stated, lang).set_index(stated.index)
        marks = _period_marks(stated, lang)
        for index, zone in subset.iterrows():  # at most 5 zones: one trace each, coloured by zone
            name = plain(zone["zone_name"])
            if pd.isna(zone["value"]):
                # A label at the zone's place, not a bar: a missing figure is never drawn as zero.
                figure.add_annotation(
                    x=name,
                    y=0,
                    text=t("not_reported", lang),
                    showarrow=False,
                    yanchor="bottom",
                    font=dict(size=11, color=NOT_REPORTED_COLOR),
                    name=f"not_reported:{metric}",
                    row=row,
                    col=column,
                )
                continue
            figure.add_bar(
                x=[name],
                y=[float(zone["value"]) / divisor],
                name=name,
                legendgroup=name,
                meta=metric,
                showlegend=name not in in_legend,
                marker_color=colors.get(name, COLORWAY[0]),
                customdata=[custom.loc[index].tolist()],
                text=[custom.at[index, "shown"] + marks[index]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate=_hovertemplate(lang),
                row=row,
                col=column,
            )
            in_legend.add(name)
        figure.update_xaxes(
            type="category",
            categoryorder="array",
            categoryarray=categories,
            showticklabels=False,
            row=row,
            col=column,
        )
        figure.update_yaxes(title_text=unit_label, rangemode="tozero", row=row, col=column)
    for name in categories:  # zones with no figure at all still get their colour in the legend
        if name not in in_legend:
            figure.add_bar(x=[None], y=[None], name=name, marker_color=colors[name], showlegend=True, row=1, col=1)
    figure.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=t("compare.small_multiples", lang)),
        height=max(360, 260 * rows_count + 120),
        margin=dict(t=110, b=90, r=40),
        barmode="overlay",
        legend=dict(orientation="h", y=1.0, yanchor="top", yref="container", x=1.0, xanchor="right"),
    )
    return add_source(figure, n_reports, lang)


def facts_by_metric(rows: pd.DataFrame, lang: str, n_reports: int) -> go.Figure:
    """How many filtered figures each metric has, split by kind: queries.count_by_metric output."""
    figure = new_figure(t("chart.facts_by_metric", lang))
    for kind in ("actual", "target", "growth"):
        subset = rows[rows["kind"] == kind]
        if subset.empty:
            continue
        figure.add_bar(
            x=[i18n.metric_label(metric, lang) for metric in subset["metric"]],
            y=subset["count"].to_numpy(),
            name=i18n.kind_label(kind, lang),
            marker_color=KIND_COLORS[kind],
            hovertemplate="%{x} · %{fullData.name}: %{y}<extra></extra>",
        )
    figure.update_layout(barmode="stack", yaxis_title=t("chart.count", lang), height=320)
    figure.update_xaxes(type="category")
    return add_source(figure, n_reports, lang)

"""Pure plotly figure builders: a tidy frame in, a go.Figure out. No streamlit.

Every figure uses TEMPLATE (a CJK font first), has a title, axis units, and a source line
`add_source(fig, n_reports, lang)` -> 来源：N 份报告. Hover shows the number as written (raw) and
its period. Each bar carries its fact_id in customdata[0]; `fact_ids_from_selection(points)`
turns a st.plotly_chart selection back into fact ids (see provenance.source_link / the Data page);
the stacked status bars carry [zone_id, status, category] (`selected_customdata`).
Report text placed in a figure goes through `plain()` first: plotly renders a subset of HTML.
Topic pages: latest_by_zone, by_year, growth, areas; compare: compare_small_multiples; data:
facts_by_metric; targets, progress and quality: targets_figure, stacked_status_figure,
stated_counts_figure, investment_progress_figure, coverage_figure.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from pages._shared import i18n
from pages._shared.coverage import STATES
from pages._shared.i18n import t
from pages._shared.progress import CATEGORY_ORDER

FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
COLORWAY = ["#1f5fa8", "#e07b39", "#3a9a5b", "#c0392b", "#7d5ba6", "#8c6d31", "#d35fa0", "#5f6b7a", "#17a2b8", "#b8a21c"]
KIND_COLORS = {"actual": "#1f5fa8", "target": "#e07b39", "growth": "#3a9a5b"}
NOT_REPORTED_COLOR = "#9aa0a6"

TEMPLATE_NAME = "zones"
TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=13, color="#222"),
        # The title sits under the modebar (pad) and pushes the plot down (automargin), so neither the
        # toolbar nor a legend that wraps on a phone lands on it.
        title=dict(font=dict(family=FONT_FAMILY, size=16), x=0.0, xanchor="left", y=1, yref="container",
                   yanchor="top", pad=dict(t=34, b=8), automargin=True),
        colorway=COLORWAY,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
        xaxis=dict(showgrid=False, linecolor="#888", automargin=True),
        yaxis=dict(gridcolor="#e5e5e5", zerolinecolor="#888", automargin=True),
        # The legend sits on the plot's top edge; the top margin leaves it two lines (a phone wraps it)
        # between the plot and the title.
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0, xanchor="left"),
        margin=dict(l=60, r=20, t=130, b=80),
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


def _hover_fields(rows: pd.DataFrame, lang: str, periods: pd.Series | None = None) -> pd.DataFrame:
    """customdata columns: fact_id, raw, period, scope, formatted value (escaped text); `periods`: the rows'
    period labels when the caller has them (labelling every subset anew costs more than the chart)."""
    periods = i18n.period_labels(rows, lang) if periods is None else periods
    return pd.DataFrame(
        {
            "fact_id": rows["fact_id"].astype(str).to_numpy(),
            "raw": [plain(text) for text in rows["raw"].tolist()],
            "period": periods.astype(str).to_numpy(),
            "scope": [plain(i18n.scope_label(text, lang)) or "—" for text in rows["scope"].tolist()],
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
    colon = "：" if lang == "zh" else ": "
    return (
        "<b>%{x}</b> · %{fullData.name}<br>%{customdata[4]}"
        f"<br>{t('hover.raw', lang)}{colon}%{{customdata[1]}}"
        f"<br>{t('hover.period', lang)}{colon}%{{customdata[2]}}"
        f"<br>{t('hover.scope', lang)}{colon}%{{customdata[3]}}{extra}<extra></extra>"
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


def _period_marks(rows: pd.DataFrame, lang: str, periods: pd.Series | None = None) -> pd.Series:
    """Per row, '（2025年1-11月）' or '（2025年，累计，规上）' when the bars' periods, cumulative readings
    or scopes differ or a bar has a scope (bars side by side that are not alike say so), else ''."""
    separator, left, right = ("，", "（", "）") if lang == "zh" else (", ", " (", ")")
    periods = i18n.period_labels(rows, lang) if periods is None else periods
    details = [
        period + (separator + plain(i18n.scope_label(scope, lang)) if pd.notna(scope) else "")
        for period, scope in zip(periods.astype(str), rows["scope"], strict=True)
    ]
    if len(set(details)) <= 1 and rows["scope"].isna().all():
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
    # Bars of one year side by side say so when their periods or cumulative readings differ.
    rows = rows.reset_index(drop=True)
    periods = i18n.period_labels(rows, lang)  # once: the year groups and zone series take theirs from it
    marks = pd.concat([_period_marks(group, lang, periods[group.index]) for _, group in rows.groupby("year")]) \
        if len(rows) else None
    for zone_name, subset in rows.groupby("zone_name", sort=False):
        custom = _hover_fields(subset, lang, periods[subset.index])
        figure.add_bar(
            x=subset["year"].astype(int).astype(str).to_numpy(),
            y=(subset["value"].astype("float64") / divisor).to_numpy(),
            name=plain(zone_name),
            customdata=custom.to_numpy(),
            text=marks[subset.index].to_numpy() if marks is not None else None,
            textposition="outside",
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
    labels = i18n.period_labels(rows, lang)
    periods = labels.astype(str).tolist()
    bases = [i18n.basis_label(basis, lang) for basis in rows["basis"].tolist()]
    custom = _hover_fields(rows, lang, labels)
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
    rates = rows["value"].astype("float64")
    low, high = min(0.0, float(rates.min())), max(0.0, float(rates.max()))
    room = (high - low) * 0.45 or 1.0  # the labels stand outside the bars
    figure.update_layout(
        barmode="group",
        height=140 + 34 * max(len(rows), 1),
        xaxis=dict(title=t("chart.growth.axis", lang), range=[low - (room if low < 0 else 0), high + room]),
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


def compare_small_multiples(
    values: pd.DataFrame, zone_names: list[str], lang: str, n_reports: int, columns: int = 3
) -> go.Figure:
    """One small bar chart per metric, one bar per zone; a zone without a figure says 未报告 (no bar).

    values: queries.compare_values output (metric, zone_id, zone_name, value NaN when not reported, ...).
    columns: charts per row (3 on a wide screen; 1 on a phone, where the legend moves below the charts).
    """
    from plotly.subplots import make_subplots

    metrics = [metric for metric in dict.fromkeys(values["metric"]) if values.loc[values["metric"] == metric, "value"].notna().any()]
    narrow = columns < 3
    rows_count = max(1, -(-len(metrics) // columns))
    height = max(360, 240 * rows_count + 160) if narrow else max(360, 260 * rows_count + 120)
    figure = make_subplots(
        rows=rows_count, cols=columns,
        subplot_titles=[i18n.metric_label(metric, lang) for metric in metrics],
        # about 75 px between rows on a phone (title + value labels), a share of the height otherwise
        vertical_spacing=min(0.12, 0.9 / rows_count, 75 / height) if narrow else min(0.12, 0.9 / rows_count),
        horizontal_spacing=0.08,
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
    if narrow:  # a phone: legend under the charts, so nothing sits over the title or the modebar
        figure.update_layout(
            height=height,
            margin=dict(t=80, b=150, l=50, r=10),
            legend=dict(orientation="h", y=0, yanchor="bottom", yref="container", x=0, xanchor="left"),
        )
        figure.update_annotations(font_size=12, selector=dict(name=None))
    return add_source(figure, n_reports, lang)


def facts_by_metric(rows: pd.DataFrame, lang: str, n_reports: int) -> go.Figure:
    """How many filtered figures each metric has, split by kind: queries.count_by_metric output."""
    figure = new_figure(t("chart.facts_by_metric", lang))
    for kind in ("actual", "target", "growth"):
        subset = rows[rows["kind"] == kind]
        if subset.empty:
            continue
        figure.add_bar(
            y=[i18n.metric_label(metric, lang) for metric in subset["metric"]],
            x=subset["count"].to_numpy(),
            orientation="h",
            name=i18n.kind_label(kind, lang),
            marker_color=KIND_COLORS[kind],
            hovertemplate="%{y} · %{fullData.name}: %{x}<extra></extra>",
        )
    # Metrics down the side: long names stay level and readable on a phone, clear of the source line.
    metrics = rows["metric"].nunique()
    figure.update_layout(barmode="stack", xaxis_title=t("chart.count", lang), height=170 + 26 * max(metrics, 1))
    figure.update_yaxes(type="category", autorange="reversed")
    return add_source(figure, n_reports, lang)


# Pipeline colours: light (early) to dark (done); relocating and unknown stand apart.
PROJECT_STATUS_COLORS = {
    "planned": "#d0e1f2",
    "negotiating": "#b7d4ea",
    "signed": "#9ecae1",
    "landed": "#6baed6",
    "started": "#4292c6",
    "under_construction": "#2171b5",
    "commissioning": "#08519c",
    "in_production": "#08306b",
    "relocating": "#bc80bd",
    "unknown": "#cccccc",
}
INFRASTRUCTURE_STATUS_COLORS = {
    "planned": "#c7e9c0",
    "design": "#a1d99b",
    "site_selection": "#74c476",
    "under_construction": "#41ab5d",
    "completed": "#238b45",
    "in_operation": "#005a32",
    "unknown": "#cccccc",
}
FLAG_COLORS = {"beyond_target": "#3a9a5b", "under": KIND_COLORS["actual"], "no_actual": NOT_REPORTED_COLOR}
STATE_COLORS = {
    "reported": "#3a9a5b",
    "target_only": "#e07b39",
    "flagged": "#c0392b",
    "not_reported": "#e8e8e8",
}
ROW_HEIGHT = 34
MAX_BARS = 40  # rows of a horizontal bar chart; the table below holds them all
MAX_PANELS = 12  # zones drawn as panels of one figure
MAX_GROUPS = 12  # zones drawn as bar groups side by side


def _largest(values: pd.Series) -> float:
    """The largest value, 0 when there is none (every target without an actual)."""
    largest = values.astype("Float64").max()
    return 0.0 if pd.isna(largest) else float(largest)


def targets_figure(pairs: pd.DataFrame, n_reports: int, lang: str) -> go.Figure:
    """Bullet per target: a grey bar to 100 % (the target), the actual as a share of it, stated completion as ◆."""
    figure = new_figure(t("targets.chart", lang))
    rows = pairs.reset_index(drop=True)
    periods = i18n.period_labels(
        rows.rename(columns={"target_year": "year", "target_months": "months"})[["year", "months"]], lang
    )
    labels = _unique(
        [  # the zone on a line of its own: a label stays narrow enough for a phone
            plain(zone) + "<br>" + " · ".join(
                part for part in (i18n.metric_label(metric, lang), plain(i18n.scope_label(scope, lang)), period) if part
            )
            for zone, metric, scope, period in zip(
                rows["zone_name"], rows["metric"], rows["target_scope"], periods, strict=True
            )
        ]
    )
    share = (rows["share"].astype("Float64") * 100).round(1)
    hover = [
        "<br>".join(
            [
                f"{t('targets.hover.target', lang)}: {plain(target_raw)} = {i18n.format_value(target, unit, lang, metric)}",
                f"{t('targets.hover.actual', lang)}: "
                + (
                    f"{plain(actual_raw)} = {i18n.format_value(actual, unit, lang, metric)}"
                    if pd.notna(actual)
                    else t("flag.no_actual", lang)
                ),
                f"{t('col.match', lang)}: {i18n.label('match', match, lang)}",
            ]
        )
        for target_raw, target, actual_raw, actual, unit, metric, match in zip(
            rows["target_raw"],
            rows["target_value"],
            rows["actual_raw"],
            rows["actual_value"],
            rows["unit"],
            rows["metric"],
            rows["match"],
            strict=True,
        )
    ]
    flag_key = rows["flag"].astype("string").fillna("under")
    figure.add_trace(
        go.Bar(
            y=labels,
            x=[100] * len(rows),
            orientation="h",
            marker_color="#e6e6e6",
            width=0.8,
            name=t("col.target", lang),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    figure.add_trace(
        go.Bar(
            y=labels,
            x=share.fillna(0).astype(float),
            orientation="h",
            width=0.4,
            marker_color=[FLAG_COLORS[key] for key in flag_key],
            text=[f"{value}%" if pd.notna(value) else t("flag.no_actual", lang) for value in share],
            textposition="outside",
            cliponaxis=False,
            customdata=list(
                zip(
                    rows["actual_fact_id"].fillna(rows["target_fact_id"]), rows["target_fact_id"], strict=True
                )
            ),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            name=t("col.actual", lang),
            showlegend=False,
        )
    )
    stated = rows["stated_completion"].astype("Float64")
    if stated.notna().any():
        figure.add_trace(
            go.Scatter(
                y=[label for label, value in zip(labels, stated, strict=True) if pd.notna(value)],
                x=stated.dropna().astype(float),
                mode="markers",
                marker=dict(symbol="diamond", size=11, color="#222"),
                name=t("col.stated_completion", lang),
                customdata=rows.loc[stated.notna(), ["target_fact_id"]].to_numpy(),
            )
        )
    figure.add_vline(x=100, line_color="#666", line_dash="dot")
    figure.update_layout(
        barmode="overlay",
        height=140 + ROW_HEIGHT * max(len(rows), 1),
        xaxis=dict(title=t("targets.axis", lang), range=[0, max(110.0, _largest(share) * 1.15)]),
        yaxis=dict(autorange="reversed", type="category"),
    )
    return add_source(figure, n_reports, lang)


def stacked_status_figure(
    counts: pd.DataFrame, colors: dict[str, str], title: str, axis: str, n_reports: int, lang: str
) -> go.Figure:
    """Horizontal stacked bars of item counts, one colour per status in pipeline order.

    With a `category` column: one panel per zone, a bar per category; otherwise a bar per zone.
    customdata = [zone_id, status, category]: a selected segment names the items behind it.
    """
    by_category = "category" in counts.columns
    zones = list(dict.fromkeys(counts["zone_id"]))[:MAX_PANELS] if by_category else [None]
    names = dict(zip(counts["zone_id"], counts["zone_name"], strict=False))
    if by_category:
        sizes = [max(counts.loc[counts["zone_id"] == zone, "category"].nunique(), 1) for zone in zones]
        figure = make_subplots(
            rows=len(zones),
            cols=1,
            shared_xaxes=True,
            vertical_spacing=min(0.06, 0.3 / len(zones)),
            row_heights=sizes,
            subplot_titles=[plain(names[zone]) for zone in zones],
        )
        figure.update_layout(template=TEMPLATE_NAME, title=dict(text=plain(title)))
        figure.update_annotations(xanchor="left", x=0, font=dict(size=13))
        height = 150 + ROW_HEIGHT * sum(sizes) + 40 * len(zones)
    else:
        figure = new_figure(title)
        height = max(150 + ROW_HEIGHT * max(counts["zone_id"].nunique(), 1), 150 + 26 * len(colors))
    shown = set()
    for status, color in colors.items():  # status-major, so the legend lists the pipeline in order
        name = i18n.label("status", status, lang)
        for row_number, zone in enumerate(zones, start=1):
            rows = counts[counts["zone_id"] == zone] if by_category else counts
            rows = rows[rows["status"].astype("string") == status]
            if rows.empty:
                continue
            if by_category:
                categories = rows["category"].astype("string").fillna("")
                y = [i18n.label("category", category, lang) for category in categories]
            else:
                categories = pd.Series([""] * len(rows), dtype="string")
                y = [plain(zone_name) for zone_name in rows["zone_name"]]
            trace = go.Bar(
                y=y,
                x=rows["count"].astype(int),
                orientation="h",
                name=name,
                marker_color=color,
                legendgroup=status,
                showlegend=status not in shown,
                customdata=[
                    [zone_id, status, category]
                    for zone_id, category in zip(rows["zone_id"], categories, strict=True)
                ],
                hovertemplate="%{y}<br>" + name + ": %{x}<extra></extra>",
            )
            shown.add(status)
            if by_category:
                figure.add_trace(trace, row=row_number, col=1)
            else:
                figure.add_trace(trace)
    if by_category:  # each panel lists only its zone's categories, in the contract's order
        for row_number, zone in enumerate(zones, start=1):
            present = set(counts.loc[counts["zone_id"] == zone, "category"].astype("string"))
            order = [i18n.label("category", c, lang) for c in CATEGORY_ORDER if c in present]
            figure.update_yaxes(categoryorder="array", categoryarray=order, row=row_number, col=1)
    figure.update_layout(
        barmode="stack",
        height=height,
        legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top", traceorder="normal"),
    )
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(title_text=axis, row=len(zones), col=1) if by_category else figure.update_xaxes(
        title_text=axis
    )
    return add_source(figure, n_reports, lang)


def stated_counts_figure(pipeline: pd.DataFrame, n_reports: int, lang: str) -> go.Figure:
    """Stated project counts: status on x in pipeline order, one bar per zone, the count as written on hover."""
    figure = new_figure(t("progress.chart.stated", lang))
    statuses = [
        status for status in PROJECT_STATUS_COLORS if status in set(pipeline["status"].astype("string"))
    ]
    for zone_name, rows in pipeline.groupby("zone_name", sort=False):
        figure.add_trace(
            go.Bar(
                x=[i18n.label("status", status, lang) for status in rows["status"].astype("string")],
                y=rows["value"].astype(float),
                name=plain(zone_name),
                text=rows["value"].astype(int).astype(str),
                textposition="outside",
                customdata=rows[["fact_id", "raw"]].astype(object).to_numpy(),
                hovertemplate=plain(zone_name) + "<br>%{x}: %{y}（%{customdata[1]}）<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="group",
        yaxis_title=t("progress.projects_axis", lang),
        xaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=[i18n.label("status", status, lang) for status in statuses],
        ),
    )
    return add_source(figure, n_reports, lang)


def investment_progress_figure(rows: pd.DataFrame, n_reports: int, lang: str) -> go.Figure:
    """Per zone and project group: stated investment (light) with completed investment (dark) over it."""
    figure = new_figure(t("progress.chart.investment", lang))
    largest = _largest(pd.concat([rows["stated"], rows["completed"]]))
    divisor, unit = i18n.amount_scale(largest, lang)
    labels = _unique(
        [
            f"{plain(zone)} · {plain(i18n.scope_label(scope, lang)) if pd.notna(scope) else t('progress.group.all', lang)}"
            for zone, scope in zip(rows["zone_name"], rows["scope"], strict=True)
        ]
    )
    for column, color, width, name in (
        ("stated", "#c6dbef", 0.8, t("col.stated", lang)),
        ("completed", "#1f5fa8", 0.4, t("col.completed", lang)),
    ):
        values = rows[column].astype("Float64") / divisor
        figure.add_trace(
            go.Bar(
                y=labels,
                x=values.fillna(0).astype(float),
                orientation="h",
                width=width,
                marker_color=color,
                name=name,
                customdata=rows[[f"{column}_fact_id"]].astype(object).to_numpy(),
                text=[
                    i18n.format_value(value, "CNY", lang) if pd.notna(value) else "" for value in rows[column]
                ],
                textposition="outside" if column == "completed" else "none",
                cliponaxis=False,
                hovertemplate="%{y}<br>" + name + ": %{text}<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="overlay",
        height=140 + ROW_HEIGHT * max(len(rows), 1),
        xaxis_title=unit,
        yaxis=dict(autorange="reversed", type="category"),
    )
    return add_source(figure, n_reports, lang)


def coverage_figure(cells: pd.DataFrame, n_reports: int, lang: str) -> go.Figure:
    """Zone × metric grid coloured by state, the latest value written in reported cells."""
    figure = new_figure(t("quality.coverage", lang))
    zones = list(dict.fromkeys(cells["zone_name"]))
    metrics = list(dict.fromkeys(cells["metric"]))
    codes = {state: index for index, state in enumerate(STATES)}
    grid = {(cell["zone_name"], cell["metric"]): cell for cell in cells.to_dict("records")}  # plain rows: no .loc per cell
    z, text, ids, hover = [], [], [], []
    for zone in zones:
        z.append([codes[grid[(zone, metric)]["state"]] for metric in metrics])
        row_text, row_ids, row_hover = [], [], []
        for metric in metrics:
            cell = grid[(zone, metric)]
            shown = (
                i18n.format_value(cell["value"], cell["unit"], lang, metric)
                if pd.notna(cell["value"])
                else ""
            )
            state = i18n.label("state", cell["state"], lang)
            row_text.append(shown if cell["state"] in ("reported", "flagged") else "")
            row_ids.append(cell["fact_id"] if pd.notna(cell["fact_id"]) else "")
            row_hover.append(f"{plain(zone)}<br>{i18n.metric_label(metric, lang)}: {state} {shown}".strip())
        text.append(row_text)
        ids.append(row_ids)
        hover.append(row_hover)
    n = len(STATES)
    colorscale = []
    for index, state in enumerate(STATES):
        colorscale += [[index / n, STATE_COLORS[state]], [(index + 1) / n, STATE_COLORS[state]]]
    figure.add_trace(
        go.Heatmap(
            z=z,
            x=[i18n.metric_label(metric, lang) for metric in metrics],
            y=[plain(zone) for zone in zones],
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=colorscale,
            showscale=False,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=11),
            customdata=ids,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    for state in STATES:  # a legend for the discrete colours
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(size=12, color=STATE_COLORS[state], symbol="square"),
                name=i18n.label("state", state, lang),
                showlegend=True,
            )
        )
    figure.update_layout(
        height=180 + 40 * max(len(zones), 1),
        xaxis=dict(side="top", tickangle=-35, type="category"),
        yaxis=dict(autorange="reversed", type="category"),
        plot_bgcolor="white",
        margin=dict(t=140),
        legend=dict(y=-0.02, yanchor="top", orientation="h"),
    )
    return add_source(figure, n_reports, lang)


def selected_customdata(points: list[dict]) -> list[list]:
    """The customdata lists of selected points (a point without one is skipped)."""
    return [
        list(point["customdata"])
        for point in points or []
        if isinstance(point.get("customdata"), list | tuple)
    ]

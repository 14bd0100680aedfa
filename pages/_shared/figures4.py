"""Figures of the targets, progress and quality pages: bullets, stacked status bars, coverage grid.

Pure plotly on the shared template (figures.new_figure / add_source). No streamlit. Every mark
that stands for a row carries its id in customdata[0] (a fact id, or `project:`/`item:` ids for
named items), so a selection leads to its sources (`selected_sources`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import i18n
from .coverage import STATES
from .figures import KIND_COLORS, NOT_REPORTED_COLOR, TEMPLATE_NAME, _unique, add_source, new_figure, plain
from .i18n import t
from .progress import CATEGORY_ORDER

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
        [
            " · ".join(
                part
                for part in (
                    plain(zone),
                    i18n.metric_label(metric, lang),
                    plain(scope) if pd.notna(scope) else "",
                    period,
                )
                if part
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
            f"{plain(zone)} · {plain(scope) if pd.notna(scope) else t('progress.group.all', lang)}"
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
    grid = cells.set_index(["zone_name", "metric"])
    z, text, ids, hover = [], [], [], []
    for zone in zones:
        z.append([codes[grid.at[(zone, metric), "state"]] for metric in metrics])
        row_text, row_ids, row_hover = [], [], []
        for metric in metrics:
            cell = grid.loc[(zone, metric)]
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

"""Display frames for st.dataframe: localised headers, formatted values. No streamlit.

    cell_texts(frame, lang)                       '102.5亿元（2025年）' per fact row
    zone_overview_table(tables, selection, lang)  one row per zone, 未报告 where nothing is stated
    facts_table(frame, tables, lang)              facts as a readable table with a source link column
    compare_table(values, zone_ids, tables, lang) metric x zone, with differences to the first zone

Report text stays data: st.dataframe shows it literally. Pages cap the rows they pass in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pages._shared import i18n, nav, queries
from pages._shared.i18n import t
from pages._shared.model import Selection, Tables


def cell_texts(frame: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """'102.5亿元（2025年）', '118家（工业，未注明年份（累计））' for each fact row."""
    lang = lang or i18n.get_language()
    values = i18n.format_values(frame["value"], frame["unit"], lang, frame["metric"])
    periods = i18n.period_labels(frame, lang)
    scope = frame["scope"].astype("string")
    if lang == "zh":
        detail = (scope + "，" + periods).fillna(periods)
        return (values + "（" + detail + "）").astype("string")
    detail = (scope + ", " + periods).fillna(periods)
    return (values + " (" + detail + ")").astype("string")


def zone_overview_table(tables: Tables, selection: Selection, lang: str) -> pd.DataFrame:
    """Zone x (planned area, built area, revenue, tax, investment, enterprises, employment) as text."""
    zones = queries.selected_zones(tables, selection)
    latest = queries.zone_overview(tables, selection)
    columns = [i18n.metric_label(metric, lang) for metric in queries.OVERVIEW_METRICS]
    if latest.empty:
        wide = pd.DataFrame(index=zones["zone_id"].to_numpy(), columns=list(queries.OVERVIEW_METRICS))
    else:
        cells = latest.assign(cell=cell_texts(latest, lang).to_numpy())
        wide = cells.pivot(index="zone_id", columns="metric", values="cell")
        wide = wide.reindex(index=zones["zone_id"].to_numpy(), columns=list(queries.OVERVIEW_METRICS))
    wide = wide.astype("string").fillna(t("not_reported", lang))
    wide.columns = columns
    wide.insert(0, t("col.zone", lang), zones["name"].astype("string").to_numpy())
    return wide.reset_index(drop=True)


def kpi_caption(total: dict, lang: str) -> str:
    """What a KPI card adds, as markdown: '2025年：3 个区域合计；另有 2 个区域…未计入' (report text escaped)."""
    if not total["zones"]:
        return ""
    row = pd.DataFrame([{key: total[key] for key in ("year", "months", "cumulative")}])
    period = str(i18n.period_labels(row, lang).iloc[0])
    if pd.notna(total["scope"]):
        period += ("，" if lang == "zh" else ", ") + str(total["scope"])
    if total["zones"] == 1 and pd.notna(total["zone_name"]):
        text = t("overview.kpi.one", lang, period=i18n.plain(period), zone=i18n.plain(total["zone_name"]))
    else:
        text = t("overview.kpi.added", lang, period=i18n.plain(period), n=total["zones"])
    if total["left_out"]:
        text += ("；" if lang == "zh" else "; ") + t("overview.kpi.left_out", lang, n=total["left_out"])
    return text


# Readable columns of fact rows and their header keys; the page tables and the exports pick from these.
FACT_HEADERS = {
    "zone_name": "col.zone",
    "metric_label": "col.metric",
    "kind_label": "col.kind",
    "display": "col.display",
    "value": "col.value",
    "unit": "col.unit",
    "year": "col.year",
    "months": "col.months",
    "cumulative": "col.cumulative",
    "period": "col.period",
    "scope": "col.scope",
    "status": "col.status",
    "basis": "col.basis",
    "raw": "col.raw",
    "quote": "col.quote",
    "report": "col.report",
    "source_file": "col.source_file",
    "fact_id": "col.fact_id",
    "source": "col.source",
}
TABLE_COLUMNS = (
    *("zone_name", "metric_label", "kind_label", "display", "value", "unit", "period"),
    *("scope", "status", "basis", "raw", "quote", "report", "source"),
)


def readable_facts(frame: pd.DataFrame, tables, lang: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """The chosen FACT_HEADERS columns of fact rows, in that order, headers in `lang`; same rows, same order."""
    if "zone_name" not in frame:
        frame = queries.with_zone_names(frame, tables)
    documents = tables.documents.set_index("doc_id")
    computed = {
        "metric_label": lambda: _labels(frame["metric"], lambda metric: i18n.metric_label(metric, lang)),
        "kind_label": lambda: _labels(frame["kind"], lambda kind: i18n.kind_label(kind, lang)),
        "display": lambda: i18n.format_values(frame["value"], frame["unit"], lang, frame["metric"]),
        "period": lambda: i18n.period_labels(frame, lang),
        "report": lambda: frame["doc_id"].astype("string").map(documents["title"]).astype("string"),
        "source_file": lambda: frame["doc_id"].astype("string").map(documents["source_file"]).astype("string"),
        "source": lambda: pd.Series(nav.source_links(frame["fact_id"].tolist(), lang), dtype=object),
    }
    return pd.DataFrame(
        {
            t(FACT_HEADERS[column], lang): (computed[column]() if column in computed else frame[column]).to_numpy()
            for column in columns
        }
    )


def _labels(values: pd.Series, label) -> pd.Series:
    """label(value) over a column, computed once per distinct value."""
    names = {value: label(value) for value in values.dropna().unique()}
    return values.astype("string").map(names).astype("string")


def facts_table(frame: pd.DataFrame, tables, lang: str) -> pd.DataFrame:
    """Facts as shown on a page: zone, metric, kind, formatted value, value, unit, period, scope, raw, quote, report, source link."""
    return readable_facts(frame, tables, lang, TABLE_COLUMNS)


def compare_table(values: pd.DataFrame, zone_ids: tuple[str, ...], tables, lang: str) -> pd.DataFrame:
    """Rows: metrics; columns: each zone's latest value with period (未报告 when absent), then
    the difference of each other zone to the first, only where both are stated."""
    names = queries.zone_name_map(tables)
    base = zone_ids[0]
    metrics = list(dict.fromkeys(values["metric"]))
    cells = values.assign(cell=np.where(values["value"].isna(), t("not_reported", lang), ""))
    stated = cells["value"].notna()
    if stated.any():
        cells.loc[stated, "cell"] = cell_texts(cells[stated], lang).to_numpy()
    periods = i18n.period_labels(cells, lang)
    cells = cells.assign(period=periods.where(stated, pd.NA))
    wide_cells = cells.pivot(index="metric", columns="zone_id", values="cell").reindex(index=metrics, columns=list(zone_ids))
    wide_values = cells.pivot(index="metric", columns="zone_id", values="value").reindex(index=metrics, columns=list(zone_ids))
    wide_periods = cells.pivot(index="metric", columns="zone_id", values="period").reindex(index=metrics, columns=list(zone_ids))
    wide_scopes = cells.assign(scope=cells["scope"].astype("string").fillna("")).pivot(index="metric", columns="zone_id", values="scope")
    wide_scopes = wide_scopes.reindex(index=metrics, columns=list(zone_ids))
    table = pd.DataFrame({t("col.metric", lang): [i18n.metric_label(metric, lang) for metric in metrics]})
    for zone_id in zone_ids:
        table[str(names.get(zone_id, zone_id))] = wide_cells[zone_id].astype("string").to_numpy()
    units = [i18n.metric_unit(metric) for metric in metrics]
    for zone_id in zone_ids[1:]:
        difference = (wide_values[zone_id] - wide_values[base]).to_numpy(dtype="float64")
        texts = []
        for metric, unit, delta, period, base_period, scope, base_scope in zip(
            metrics, units, difference, wide_periods[zone_id], wide_periods[base],
            wide_scopes[zone_id], wide_scopes[base], strict=True,
        ):
            if np.isnan(delta):
                texts.append("—")
                continue
            text = i18n.format_value(delta, unit, lang, metric)
            if not text.startswith("-") and not text.startswith("CNY -") and delta > 0:
                text = "+" + text
            marks = [t(key, lang) for key, differs in (("compare.period_differs", period != base_period),
                                                       ("compare.scope_differs", scope != base_scope)) if differs]
            if marks:
                text += f"（{'，'.join(marks)}）" if lang == "zh" else f" ({', '.join(marks)})"
            texts.append(text)
        label = t("col.difference", lang, zone=names.get(zone_id, zone_id), base=names.get(base, base))
        table[label] = texts
    return table

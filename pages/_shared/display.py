"""Display frames for st.dataframe: localised headers, formatted values, source link columns. No streamlit.

    cell_texts(frame, lang)                       '102.5亿元（2025年）' per fact row
    zone_overview_table(tables, selection, lang)  one row per zone, 未报告 where nothing is stated
    kpi_caption(total, lang)                      what a KPI card adds (period, zones, left out)
    facts_table(frame, tables, lang)              facts as a readable table with a source link column
    compare_table(values, zone_ids, tables, lang) metric x zone, with differences to the first zone
    targets_table / infrastructure_table / projects_table / flags_table / coverage_table / ...
                                                  the targets, progress, sources and quality pages

Report text stays data: st.dataframe shows it literally. Pages cap the rows they pass in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.quality import messages as quality_messages
from pages._shared import i18n, queries
from pages._shared.i18n import t
from pages._shared.model import Selection, Tables
from pages._shared.provenance import source_links


def cell_texts(frame: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """'102.5亿元（2025年）', '118家（工业，未注明年份（累计））' for each fact row."""
    lang = lang or i18n.get_language()
    values = i18n.format_values(frame["value"], frame["unit"], lang, frame["metric"])
    periods = i18n.period_labels(frame, lang)
    scope = _labels(frame["scope"], lambda value: i18n.scope_label(value, lang))
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
        period += ("，" if lang == "zh" else ", ") + i18n.scope_label(total["scope"], lang)
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


def readable_facts(frame: pd.DataFrame, tables: Tables, lang: str, columns: tuple[str, ...]) -> pd.DataFrame:
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
        "source": lambda: pd.Series(source_links("facts", frame["fact_id"].tolist(), lang), dtype=object),
        "scope": lambda: _labels(frame["scope"], lambda scope: i18n.scope_label(scope, lang)),
        "unit": lambda: _labels(frame["unit"], lambda unit: i18n.unit_label(unit, lang)),
        "status": lambda: _labels(frame["status"], lambda status: i18n.label("status", status, lang)),
        "basis": lambda: _labels(frame["basis"], lambda basis: i18n.basis_label(basis, lang)),
        "year": lambda: frame["year"].astype("Int64"),
        "cumulative": lambda: frame["cumulative"].map({True: t("yes", lang), False: ""}).astype("string"),
    }
    return pd.DataFrame(
        {
            t(FACT_HEADERS[column], lang): (computed[column]() if column in computed else frame[column]).reset_index(drop=True)
            for column in columns
        }
    )


def _labels(values: pd.Series, label) -> pd.Series:
    """label(value) over a column, computed once per distinct value."""
    names = {value: label(value) for value in values.dropna().unique()}
    return values.astype("string").map(names).astype("string")


def facts_table(frame: pd.DataFrame, tables: Tables, lang: str) -> pd.DataFrame:
    """Facts as shown on a page: zone, metric, kind, formatted value, value, unit, period, scope, raw, quote, report, source link."""
    return readable_facts(frame, tables, lang, TABLE_COLUMNS)


def compare_table(values: pd.DataFrame, zone_ids: tuple[str, ...], tables: Tables, lang: str) -> pd.DataFrame:
    """Rows: metrics; columns: each zone's latest value with period (未报告 when absent), then
    the difference of each other zone to the first, only where both are stated for one period,
    scope and cumulative reading (otherwise '—' says which differs)."""
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
            marks = [t(key, lang) for key, differs in (("compare.period_differs", period != base_period),
                                                       ("compare.scope_differs", scope != base_scope)) if differs]
            if marks:  # figures of different periods or scopes are not subtracted
                texts.append(f"—（{'，'.join(marks)}）" if lang == "zh" else f"— ({', '.join(marks)})")
                continue
            text = i18n.format_value(delta, unit, lang, metric)
            if not text.startswith("-") and delta > 0:
                text = "+" + text
            texts.append(text)
        label = t("col.difference", lang, zone=names.get(zone_id, zone_id), base=names.get(base, base))
        table[label] = texts
    return table


# Headers whose column holds a link to the Sources page (ui.table renders them as links).
LINK_KEYS = ("col.source", "col.target_source", "col.actual_source")


def _vocabulary(values: pd.Series, prefix: str, lang: str) -> list[str]:
    return [i18n.label(prefix, value, lang) if pd.notna(value) else "" for value in values]


def _status_labels(statuses: pd.Series, lang: str) -> list[str]:
    """Status labels; a missing status reads as not stated (未注明)."""
    return _vocabulary(statuses.astype("string").fillna("unknown"), "status", lang)


def _scopes(scopes: pd.Series, lang: str) -> list[str]:
    """Scopes in `lang` (规上 -> above-scale); '' where none is stated."""
    return [i18n.scope_label(scope, lang) for scope in scopes]


def _money(values: pd.Series, lang: str) -> list[str]:
    return [i18n.format_value(value, "CNY", lang) if pd.notna(value) else "" for value in values]


def _percent(share: pd.Series) -> list[str]:
    return [f"{round(float(value) * 100, 1):g}%" if pd.notna(value) else "" for value in share]


def _frame(columns: dict[str, list | pd.Series], lang: str) -> pd.DataFrame:
    """A display frame from {catalogue key: values}, headers translated."""
    frame = pd.DataFrame({t(key, lang): list(values) for key, values in columns.items()})
    for column in frame.columns:  # an empty cell, not "None", where a text is missing
        if frame[column].dtype == object or isinstance(frame[column].dtype, pd.StringDtype):
            frame[column] = frame[column].astype("string").fillna("")
    return frame


def targets_table(pairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target: target and actual as written and formatted, share, gap, how paired, flag, sources."""
    target_periods = i18n.period_labels(
        pairs.rename(columns={"target_year": "year", "target_months": "months"}), lang
    )
    actual_periods = i18n.period_labels(
        pairs.rename(columns={"actual_year": "year", "actual_months": "months"}), lang
    )
    has_actual = pairs["actual_fact_id"].notna().to_numpy()
    values = zip(
        pairs["target_value"],
        pairs["actual_value"],
        pairs["gap"],
        pairs["unit"],
        pairs["metric"],
        strict=True,
    )
    target_text, actual_text, gap_text = [], [], []
    for target, actual, gap, unit, metric in values:
        target_text.append(i18n.format_value(target, unit, lang, metric))
        actual_text.append(
            i18n.format_value(actual, unit, lang, metric) if pd.notna(actual) else t("not_reported", lang)
        )
        gap_text.append(i18n.format_value(gap, unit, lang, metric) if pd.notna(gap) else "")
    match = [i18n.label("match", key, lang) for key in pairs["match"]]
    stated = [f"{value:g}%" if pd.notna(value) else "" for value in pairs["stated_completion"]]
    return _frame(
        {
            "col.zone": pairs["zone_name"],
            "col.metric": [i18n.metric_label(metric, lang) for metric in pairs["metric"]],
            "col.scope": _scopes(pairs["target_scope"], lang),
            "col.status": _vocabulary(pairs["status"], "status", lang),
            "col.period": target_periods,
            "col.target": target_text,
            "col.actual": [
                (f"{text}（{period}）" if lang == "zh" else f"{text} ({period})") if ok else text
                for text, period, ok in zip(actual_text, actual_periods, has_actual, strict=True)
            ],
            "col.share": _percent(pairs["share"]),
            "col.gap": gap_text,
            "col.stated_completion": stated,
            "col.flag": _vocabulary(pairs["flag"], "flag", lang),
            "col.match": match,
            "col.target_source": source_links("facts", pairs["target_fact_id"], lang),
            "col.actual_source": source_links("facts", pairs["actual_fact_id"], lang),
            "col.target_quote": pairs["target_quote"],
            "col.actual_quote": pairs["actual_quote"],
        },
        lang,
    )


def infrastructure_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zone, category, name, quantity with unit, investment, status, quote, source."""
    quantity = [
        f"{i18n.format_number(float(value))} {unit if pd.notna(unit) else ''}".strip() if pd.notna(value) else ""
        for value, unit in zip(items["quantity"], items["unit"], strict=True)
    ]
    return _frame(
        {
            "col.zone": items["zone_name"],
            "col.category": _vocabulary(items["category"], "category", lang),
            "col.name": items["name"],
            "col.quantity": quantity,
            "col.investment": _money(items["investment"], lang),
            "col.status": _status_labels(items["status"], lang),
            "col.source": source_links("infrastructure", items["item_id"], lang),
            "col.quote": items["quote"],
        },
        lang,
    )


def projects_table(projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zone, name, status, investment, capacity, quote, source."""
    return _frame(
        {
            "col.zone": projects["zone_name"],
            "col.name": projects["name"],
            "col.status": _status_labels(projects["status"], lang),
            "col.investment": _money(projects["investment"], lang),
            "col.capacity": projects["capacity"],
            "col.source": source_links("projects", projects["project_id"], lang),
            "col.quote": projects["quote"],
        },
        lang,
    )


def stated_counts_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zone, status, count, scope, period, as written, quote, source."""
    return _frame(
        {
            "col.zone": counts["zone_name"],
            "col.status": _vocabulary(counts["status"].astype("string"), "status", lang),
            "col.count": counts["value"].astype(float).round().astype("Int64"),
            "col.scope": _scopes(counts["scope"], lang),
            "col.period": i18n.period_labels(counts, lang),
            "col.raw": counts["raw"],
            "col.source": source_links("facts", counts["fact_id"], lang),
            "col.quote": counts["quote"],
        },
        lang,
    )


def investment_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zone, project group, stated, completed, share completed, sources of both."""
    return _frame(
        {
            "col.zone": rows["zone_name"],
            "col.group": [
                i18n.scope_label(scope, lang) if pd.notna(scope) else t("progress.group.all", lang) for scope in rows["scope"]
            ],
            "col.stated": _money(rows["stated"], lang),
            "col.completed": _money(rows["completed"], lang),
            "col.share": _percent(rows["share"]),
            "col.target_source": source_links("facts", rows["stated_fact_id"], lang),
            "col.actual_source": source_links("facts", rows["completed_fact_id"], lang),
        },
        lang,
    ).rename(
        columns={
            t("col.target_source", lang): t("col.stated", lang) + " · " + t("col.source", lang),
            t("col.actual_source", lang): t("col.completed", lang) + " · " + t("col.source", lang),
        }
    )


def flags_table(flags: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Severity, zone, check, message, the number as written, its sentence, source."""
    return _frame(
        {
            "col.severity": _vocabulary(flags["severity"], "severity", lang),
            "col.zone": flags["zone_name"],
            "col.check": _vocabulary(flags["check"], "check", lang),
            "col.message": flag_messages(flags, lang),
            "col.raw": flags["raw"],
            "col.source": source_links("quality", flags["quality_id"], lang),
            "col.sentence": flags["sentence"],
        },
        lang,
    )


def flag_messages(flags: pd.DataFrame, lang: str) -> pd.Series:
    """Each flag's message in `lang`: the loaders store Chinese and the message's key and arguments."""
    if "message_args" not in flags.columns:
        return flags["message"]
    messages = [
        quality_messages.localized(message, args, lang)
        for message, args in zip(flags["message"], flags["message_args"], strict=True)
    ]
    return pd.Series(messages, index=flags.index, dtype="string")


def coverage_table(cells: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zone × metric as text: the latest value where reported, else the state (未报告 / 仅有目标 / 有质量提示)."""
    texts = []
    for state, value, unit, metric in zip(
        cells["state"], cells["value"], cells["unit"], cells["metric"], strict=True
    ):
        label = i18n.label("state", state, lang)
        if pd.notna(value):
            shown = i18n.format_value(value, unit, lang, metric)
            texts.append(shown if state == "reported" else (f"{shown}（{label}）" if lang == "zh" else f"{shown} ({label})"))
        else:
            texts.append(label)
    wide = cells.assign(text=texts).pivot(index="zone_name", columns="metric", values="text")
    wide = wide.reindex(
        index=list(dict.fromkeys(cells["zone_name"])), columns=list(dict.fromkeys(cells["metric"]))
    )
    wide.columns = [i18n.metric_label(metric, lang) for metric in wide.columns]
    wide.index.name = t("col.zone", lang)
    return wide.reset_index()


def document_facts_table(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The facts of one report, in text order: as written, metric, kind, link to its sentence, period, value, scope."""
    return _frame(
        {
            "col.raw": facts["raw"],
            "col.metric": [i18n.metric_label(metric, lang) for metric in facts["metric"]],
            "col.kind": [i18n.kind_label(kind, lang) for kind in facts["kind"]],
            "col.source": source_links("facts", facts["fact_id"], lang),
            "col.period": i18n.period_labels(facts, lang),
            "col.display": i18n.format_values(facts["value"], facts["unit"], lang, facts["metric"]),
            "col.scope": _scopes(facts["scope"], lang),
            "col.status": _vocabulary(facts["status"], "status", lang),
        },
        lang,
    )


def document_items_table(items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects and infrastructure items of one report: kind, name, status, investment, link to its sentence."""
    links = [
        source_links(table, [row_id], lang)[0]
        for table, row_id in zip(items["table"], items["row_id"], strict=True)
    ]
    return _frame(
        {
            "col.kind": [t(f"table.{table}", lang) for table in items["table"]],
            "col.name": items["name"],
            "col.status": _status_labels(items["status"], lang),
            "col.investment": _money(items["investment"], lang),
            "col.source": links,
        },
        lang,
    )


def pair_labels(pairs: pd.DataFrame, lang: str) -> list[str]:
    """'鹤淇产业集聚区 · 主营业务收入 · 2025年 · 150亿元' per pair, for choosing one."""
    periods = i18n.period_labels(
        pairs.rename(columns={"target_year": "year", "target_months": "months"}), lang
    )
    labels = []
    for zone, metric, scope, period, value, unit in zip(
        pairs["zone_name"],
        pairs["metric"],
        pairs["target_scope"],
        periods,
        pairs["target_value"],
        pairs["unit"],
        strict=True,
    ):
        parts = [
            str(zone),
            i18n.metric_label(metric, lang),
            i18n.scope_label(scope, lang),
            str(period),
            i18n.format_value(value, unit, lang, metric),
        ]
        labels.append(" · ".join(part for part in parts if part))
    return labels


# Report text columns: wide but capped, they wrap in the cell tooltip; every other text column fits its text.
LONG_TEXT_KEYS = ("col.quote", "col.sentence", "col.target_quote", "col.actual_quote", "col.message")
MIN_WIDTH_PX, MAX_WIDTH_PX, LONG_WIDTH_PX = 70, 340, 420


def column_widths(frame: pd.DataFrame, lang: str) -> dict[str, int]:
    """Pixel width per column so that zone, metric, value and period cells show whole (CJK ~15 px, other ~8 px)."""
    long_headers = {t(key, lang) for key in LONG_TEXT_KEYS}
    widths = {}
    for column in frame.columns:
        if column in long_headers:
            widths[column] = LONG_WIDTH_PX
            continue
        texts = [str(column), *frame[column].astype("string").fillna("").head(200).tolist()]
        widest = max(sum(15 if ord(char) > 0x2E80 else 8 for char in text) for text in texts)
        widths[column] = max(MIN_WIDTH_PX, min(widest + 28, MAX_WIDTH_PX))
    return widths

"""Display frames of the targets, progress, sources and quality pages: localised headers, formatted values,
source link columns (provenance.source_links). No streamlit; report text stays data.
"""

from __future__ import annotations

import pandas as pd

from . import i18n
from .i18n import t
from .provenance import source_links

# Headers whose column holds a link to the Sources page (ui4.table renders them as links).
LINK_KEYS = ("col.source", "col.target_source", "col.actual_source")


def _labels(values: pd.Series, prefix: str, lang: str) -> list[str]:
    return [i18n.label(prefix, value, lang) if pd.notna(value) else "" for value in values]


def _status_labels(statuses: pd.Series, lang: str) -> list[str]:
    """Status labels; a missing status reads as not stated (未注明)."""
    return _labels(statuses.astype("string").fillna("unknown"), "status", lang)


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
            "col.scope": pairs["target_scope"],
            "col.status": _labels(pairs["status"], "status", lang),
            "col.period": target_periods,
            "col.target": target_text,
            "col.actual": [
                f"{text}（{period}）" if ok else text
                for text, period, ok in zip(actual_text, actual_periods, has_actual, strict=True)
            ],
            "col.share": _percent(pairs["share"]),
            "col.gap": gap_text,
            "col.stated_completion": stated,
            "col.flag": _labels(pairs["flag"], "flag", lang),
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
        f"{i18n._number(float(value))} {unit if pd.notna(unit) else ''}".strip() if pd.notna(value) else ""
        for value, unit in zip(items["quantity"], items["unit"], strict=True)
    ]
    return _frame(
        {
            "col.zone": items["zone_name"],
            "col.category": _labels(items["category"], "category", lang),
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
            "col.status": _labels(counts["status"].astype("string"), "status", lang),
            "col.count": counts["value"].astype(float).round().astype("Int64"),
            "col.scope": counts["scope"],
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
                scope if pd.notna(scope) else t("progress.group.all", lang) for scope in rows["scope"]
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
            "col.severity": _labels(flags["severity"], "severity", lang),
            "col.zone": flags["zone_name"],
            "col.check": flags["check"],
            "col.message": flags["message"],
            "col.raw": flags["raw"],
            "col.source": source_links("quality", flags["quality_id"], lang),
            "col.sentence": flags["sentence"],
        },
        lang,
    )


def coverage_table(cells: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Zone × metric as text: the latest value where reported, else the state (未报告 / 仅有目标 / 有质量提示)."""
    texts = []
    for state, value, unit, metric in zip(
        cells["state"], cells["value"], cells["unit"], cells["metric"], strict=True
    ):
        label = i18n.label("state", state, lang)
        if pd.notna(value):
            shown = i18n.format_value(value, unit, lang, metric)
            texts.append(shown if state == "reported" else f"{shown}（{label}）")
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
            "col.scope": facts["scope"],
            "col.status": _labels(facts["status"], "status", lang),
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
            str(scope) if pd.notna(scope) else "",
            str(period),
            i18n.format_value(value, unit, lang, metric),
        ]
        labels.append(" · ".join(part for part in parts if part))
    return labels

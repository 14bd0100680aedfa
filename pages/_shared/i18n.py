"""The one label catalogue (zh default, en) and the number formats officials use. No streamlit.

Pages and shared modules call `t("key")` (or `t("key", n=3)` for `{n}` placeholders). The
language is set once per script run by `filters.setup_page` (`set_language`); pure code such as
figures passes `lang=` explicitly. Metric names come from metrics.csv (`metric_label`).
Numbers: `format_value(value, unit, lang, metric)` gives 102.5亿元 / 2800万元 in Chinese,
CNY 10.25 billion / CNY 28 million in English, 25 km², 3.2万人, +12.5%. `amount_scale` picks
one axis unit for a chart. `plain(text)` escapes report text for any markdown context.
Add new labels to CATALOGUE (both languages) rather than writing strings in pages.
"""

from __future__ import annotations

import math
import re
import threading
from functools import lru_cache

import pandas as pd

from loaders import schema

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
MU_PER_KM2 = 1e6 / 666.67  # 1 亩 = 666.67 m², as the loaders convert

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_local = threading.local()


def set_language(lang: str) -> None:
    """Remember the language of the current script run (one thread per session run)."""
    _local.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def get_language() -> str:
    return getattr(_local, "lang", DEFAULT_LANGUAGE)


CATALOGUE: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("产业集聚区对比", "Industrial zones compared"),
    "nav.overview": ("总览", "Overview"),
    "nav.investment": ("投资", "Investment"),
    "nav.revenue": ("收入与税收", "Revenue & tax"),
    "nav.enterprises": ("企业与就业", "Enterprises & employment"),
    "nav.compare": ("区域对比", "Compare"),
    "nav.targets": ("目标与完成", "Targets vs actuals"),
    "nav.progress": ("项目与基础设施进度", "Projects & infrastructure"),
    "nav.sources": ("来源", "Sources"),
    "nav.quality": ("质量与覆盖", "Quality & coverage"),
    "nav.data": ("数据表", "Data"),
    "sidebar.language": ("语言 / Language", "语言 / Language"),
    "sidebar.pages": ("页面", "Pages"),
    "sidebar.filters": ("筛选（适用于所有页面）", "Filters (all pages)"),
    "filter.zones": ("区域", "Zones"),
    "filter.zones.help": ("不选 = 全部区域", "None selected = all zones"),
    "filter.years": ("年份", "Years"),
    "filter.years.help": (
        "不选 = 全部年份；未注明年份的数字（如规划面积、累计数）始终保留",
        "None selected = all years; figures without a year (planned area, cumulative totals) are always kept",
    ),
    "filter.years.all": ("全部年份", "All years"),
    "filter.kinds": ("类型", "Kind"),
    "filter.kinds.all": ("全部类型", "All kinds"),
    "filter.link": ("复制浏览器地址即可分享当前视图。", "Copy the browser address to share this view."),
    # kinds
    "kind.actual": ("实际", "Actual"),
    "kind.target": ("目标", "Target"),
    "kind.growth": ("增速", "Growth"),
    # missing data
    "missing.title": ("尚无数据表", "No tables yet"),
    "missing.body": (
        "在 {folder} 中没有找到数据表。请在项目目录运行下面的命令，从 data/reports 中的报告生成数据表：",
        "No tables were found in {folder}. Build them from the reports in data/reports with this command in the project folder:",
    ),
    "missing.button": ("现在从 data/reports 生成数据表", "Build the tables from data/reports now"),
    "missing.building": ("正在生成数据表……", "Building the tables…"),
    "missing.failed": ("生成失败：", "The build failed: "),
    "not_reported": ("未报告", "not reported"),
    "empty_tables": (
        "数据表已生成（{reports} 份报告、{zones} 个区域），但其中没有任何数字。补充报告后用下面的命令重新生成：",
        "The tables exist ({reports} reports, {zones} zones) but hold no figures. Add reports and rebuild with:",
    ),
    "no_facts_selected": (
        "所选区域和年份中没有任何数字。请在侧栏放宽筛选。",
        "The selected zones and years hold no figures. Widen the filters in the sidebar.",
    ),
    "zones_without_facts": ("以下区域没有报告任何数字：{names}", "These zones report no figures: {names}"),
    "metric_unreported": (
        "没有任何区域报告「{metric}」（在当前筛选下）。",
        "No zone reports “{metric}” (under the current filters).",
    ),
    # periods
    "period.undated": ("未注明年份", "year not stated"),
    "period.cumulative": ("累计", "cumulative"),
    # overview
    "overview.loaded": (
        "已载入 {reports} 份报告、{zones} 个区域、{facts} 个数字；数据表生成于 {built}。",
        "Loaded {reports} reports, {zones} zones, {facts} figures; tables built {built}.",
    ),
    "overview.zone_table": ("各区域最新数字", "Latest figures by zone"),
    "overview.zone_table.caption": (
        "每个区域一行；每个数字为该区域全区口径的最新实际值，括号内为期间。",
        "One row per zone; each cell is the zone-wide latest actual figure with its period in brackets.",
    ),
    "overview.area_help": (
        "平方公里；1 km² ≈ 1500 亩。把鼠标移到面积图的柱子上可看每个区域的亩数。",
        "km²; 1 km² ≈ 1,500 mu (亩). Hover the bars of the area chart for each zone in mu.",
    ),
    "overview.kpis": ("所选区域合计（各区域最新期）", "Selected zones, summed (each zone's latest period)"),
    "overview.kpi.zones": ("区域", "Zones"),
    "overview.kpi.reports": ("报告", "Reports"),
    "overview.kpi.help": (
        "{n} 个区域报告了此数字；各区域期间可能不同",
        "{n} zones report this figure; their periods may differ",
    ),
    "col.zone": ("区域", "Zone"),
    "col.metric": ("指标", "Metric"),
    "col.kind": ("类型", "Kind"),
    "col.value": ("数值", "Value"),
    "col.display": ("数值（显示）", "Value (shown)"),
    "col.unit": ("单位", "Unit"),
    "col.year": ("年份", "Year"),
    "col.months": ("月份", "Months"),
    "col.period": ("期间", "Period"),
    "col.scope": ("范围", "Scope"),
    "col.status": ("状态", "Status"),
    "col.basis": ("基期", "Basis"),
    "col.cumulative": ("累计", "Cumulative"),
    "col.raw": ("原文数字", "As written"),
    "col.quote": ("原句", "Quote"),
    "col.report": ("报告", "Report"),
    "col.source_file": ("文件", "File"),
    "col.fact_id": ("编号", "Fact id"),
    "col.source": ("来源", "Source"),
    "col.source.open": ("查看原文", "open source"),
    "col.area_mu": ("面积（亩）", "Area (mu)"),
    "col.difference": ("差额（{zone} − {base}）", "Difference ({zone} − {base})"),
    "col.ratio": ("倍数（{zone} ÷ {base}）", "Ratio ({zone} ÷ {base})"),
    # charts
    "chart.source": ("来源：{n} 份报告", "Source: {n} reports"),
    "chart.by_zone": ("{metric}：各区域最新值", "{metric}: latest value by zone"),
    "chart.over_time": ("{metric}：历年变化", "{metric}: by year"),
    "chart.growth": ("{metric}：增速", "{metric}: growth"),
    "chart.growth.axis": ("增速（%）", "Growth (%)"),
    "chart.intensity_title": ("{metric}（每平方公里{area}）", "{metric} per km² of {area}"),
    "chart.areas": ("规划面积与建成区面积", "Planned and built-up area"),
    "chart.facts_by_metric": ("所选数字：各指标条数", "Filtered figures: count by metric"),
    "chart.count": ("条数", "Count"),
    "chart.year": ("年份", "Year"),
    "chart.top_n": (
        "显示数值最大的 {n} 个区域（共 {total} 个）；在侧栏选择区域可查看其他区域。",
        "Showing the {n} largest of {total} zones; pick zones in the sidebar to see others.",
    ),
    "chart.select_hint": (
        "在图中点选或框选柱子，可在数据表中查看这些数字。",
        "Click or box-select bars to see those figures on the Data page.",
    ),
    "chart.to_data": ("在数据表中查看所选的 {n} 个数字", "Open the {n} selected figures on the Data page"),
    "hover.raw": ("原文", "As written"),
    "hover.period": ("期间", "Period"),
    "hover.scope": ("范围", "Scope"),
    "hover.area": ("面积", "Area"),
    # topic pages
    "topic.metric": ("指标", "Metric"),
    "topic.measure": ("显示", "Show"),
    "topic.measure.absolute": ("绝对值", "Absolute values"),
    "topic.measure.intensity": ("每平方公里强度", "Intensity per km²"),
    "topic.area": ("面积分母", "Area denominator"),
    "topic.intensity_caption": (
        "强度 = 数值 ÷ 该区域最新的{area}（km²）。没有{area}的区域不显示：{names}",
        "Intensity = value ÷ the zone's latest {area} (km²). Zones without a {area} are left out: {names}",
    ),
    "topic.intensity_caption_all": (
        "强度 = 数值 ÷ 该区域最新的{area}（km²）。",
        "Intensity = value ÷ the zone's latest {area} (km²).",
    ),
    "topic.no_growth": ("没有区域报告「{metric}」的增速。", "No zone states a growth rate for “{metric}”."),
    "topic.facts_table": ("图中数字", "Figures in the chart"),
    "topic.scope_caption": (
        "柱状图只用全区口径的数字（范围为空）；带范围的数字（如规上、工业）见下表和数据表。",
        "Bars use zone-wide figures only (no scope); scoped figures (e.g. 规上, 工业) are in the table below and on the Data page.",
    ),
    # compare
    "compare.pick": (
        "在侧栏选择 2–5 个区域进行比较。",
        "Pick 2–5 zones in the sidebar to compare them.",
    ),
    "compare.default": (
        "未选择区域：默认比较数字最多的两个区域。在侧栏选择 2–5 个区域。",
        "No zones picked: comparing the two zones with the most figures. Pick 2–5 zones in the sidebar.",
    ),
    "compare.too_many": ("最多比较 5 个区域，只取前 5 个：{names}", "At most 5 zones; comparing the first 5: {names}"),
    "compare.one_zone": ("只有一个区域有数据，无法比较。", "Only one zone holds data; nothing to compare."),
    "compare.kind": ("比较", "Compare"),
    "compare.table": ("各指标最新值", "Latest value of every metric"),
    "compare.caption": (
        "每个单元格为该区域最新的数字（优先全区口径）及期间；差额以第一个区域（{base}）为基准，期间或范围不同时标注。",
        "Each cell is the zone's latest figure (zone-wide where stated) with its period; differences are against the first zone ({base}); different periods or scopes are marked.",
    ),
    "compare.period_differs": ("期间不同", "periods differ"),
    "compare.scope_differs": ("范围不同", "scopes differ"),
    "compare.small_multiples": ("各指标对比", "Metric by metric"),
    # data page
    "data.metric": ("指标", "Metric"),
    "data.scope": ("范围", "Scope"),
    "data.scope.none": ("（全区，无范围）", "(zone-wide, no scope)"),
    "data.report": ("报告", "Report"),
    "data.search": ("在原句中查找", "Find in quotes"),
    "data.count": ("共 {n} 个数字符合筛选。", "{n} figures match the filters."),
    "data.truncated": (
        "表格只显示前 {shown} 行；下载包含全部 {n} 行。",
        "The table shows the first {shown} rows; downloads hold all {n}.",
    ),
    "data.selected": (
        "只显示图表中选中的 {n} 个数字。",
        "Showing only the {n} figures selected in a chart.",
    ),
    "data.clear_selection": ("显示全部数字", "Show all figures"),
    "data.download": ("下载", "Download"),
    "data.csv": ("下载 CSV", "Download CSV"),
    "data.xlsx": ("下载 Excel", "Download Excel"),
    "data.parquet": ("下载 Parquet", "Download Parquet"),
    "data.empty": ("没有符合筛选的数字。", "No figures match the filters."),
    "export.sheet_data": ("数据", "data"),
    "export.sheet_about": ("说明", "about"),
    "export.filters": ("筛选条件", "Filters"),
    "export.units": ("单位", "Units"),
    "export.sources": ("来源报告", "Source reports"),
    "export.built": ("数据表生成时间", "Tables built"),
    "export.rows": ("行数", "Rows"),
    "export.all": ("全部", "all"),
    "export.unit_note": (
        "数值列为规范单位：金额为元（CNY），面积为平方公里（km2），企业/项目为个数（count），就业为人（person），增速为百分比（%）。",
        "The value column is in canonical units: money in yuan (CNY), areas in km2, enterprises/projects as counts, employment in persons, growth in percent.",
    ),
    "area.area_planned": ("规划面积", "planned area"),
    "area.area_built": ("建成区面积", "built-up area"),
    "area.area_developed": ("开发面积", "developed area"),
}

UNIT_WORDS = {
    # (zh, en) suffixes for plain counts
    "enterprises": ("家", " enterprises"),
    "projects": ("个", " projects"),
}


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The label for `key` in `lang` (default: the run's language), with `{placeholders}` filled."""
    zh, en = CATALOGUE[key]
    text = en if (lang or get_language()) == "en" else zh
    return text.format(**values) if values else text


@lru_cache(maxsize=1)
def _metrics() -> pd.DataFrame:
    return schema.metrics().set_index("metric")


def metric_ids() -> list[str]:
    """Every metric id of metrics.csv, in its order."""
    return list(_metrics().index)


def metric_label(metric: str, lang: str | None = None) -> str:
    """label_zh / label_en from metrics.csv; the id itself for an unknown metric."""
    table = _metrics()
    if metric not in table.index:
        return str(metric)
    return str(table.at[metric, "label_en" if (lang or get_language()) == "en" else "label_zh"])


def metric_unit(metric: str) -> str:
    """The canonical unit of a metric (CNY, km2, count, person)."""
    table = _metrics()
    return str(table.at[metric, "unit"]) if metric in table.index else ""


def kind_label(kind: str, lang: str | None = None) -> str:
    return t(f"kind.{kind}", lang) if f"kind.{kind}" in CATALOGUE else str(kind)


def plain(text: object) -> str:
    """Report text made safe for a markdown context: shown literally, never as HTML or markup."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~$])", r"\\\1", escaped)


def format_number(value: float, decimals: int = 2, grouping: bool = True) -> str:
    """1234.5 -> '1,234.5' ('1234.5' without grouping); trailing zeros dropped, at most `decimals` decimals."""
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_number = format_number  # older name, still used by other modules


def amount_scale(max_abs: float, lang: str | None = None) -> tuple[float, str]:
    """One divisor and unit label for a chart axis of yuan amounts: 亿元/万元/元, CNY billion/million."""
    if (lang or get_language()) == "en":
        if max_abs >= 1e9:
            return 1e9, "CNY billion"
        if max_abs >= 1e6:
            return 1e6, "CNY million"
        return 1.0, "CNY"
    if max_abs >= 1e8:
        return 1e8, "亿元"
    if max_abs >= 1e4:
        return 1e4, "万元"
    return 1.0, "元"


def unit_scale(unit: str, max_abs: float, lang: str | None = None, metric: str | None = None) -> tuple[float, str]:
    """Divisor and axis label for any canonical unit."""
    lang = lang or get_language()
    if unit == "CNY":
        return amount_scale(max_abs, lang)
    if unit == "km2":
        return 1.0, "km²"
    if unit == "%":
        return 1.0, "%"
    if unit == "person":
        if lang == "zh":
            return (1e4, "万人") if max_abs >= 1e4 else (1.0, "人")
        return 1.0, "persons"
    if unit == "count":
        zh, en = UNIT_WORDS.get(metric or "", ("个", ""))
        return 1.0, zh if lang == "zh" else (en.strip() or "count")
    return 1.0, unit


def format_value(value: float | None, unit: str, lang: str | None = None, metric: str | None = None) -> str:
    """One figure the way officials write it: 102.5亿元, 2800万元, 25 km², 104家, 3.2万人, +12.5%."""
    lang = lang or get_language()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return t("not_reported", lang)
    value = float(value)
    if unit == "%":
        return f"{'+' if value > 0 else ''}{_number(value, 1)}%"
    if unit == "CNY":
        if lang == "en":
            divisor, label = amount_scale(abs(value), "en")
            if divisor == 1:
                return f"CNY {_number(value)}"
            return f"CNY {_number(value / divisor, 3)} {label.removeprefix('CNY ')}"
        divisor, label = amount_scale(abs(value), "zh")
        return f"{_number(value / divisor, grouping=False)}{label}"
    grouping = lang != "zh"
    if unit == "km2":
        return f"{_number(value, grouping=grouping)} km²"
    if unit == "person":
        if lang == "zh":
            return f"{_number(value / 1e4, grouping=False)}万人" if abs(value) >= 1e4 else f"{_number(value, grouping=False)}人"
        return f"{_number(value)} persons"
    if unit == "count":
        zh, en = UNIT_WORDS.get(metric or "", ("个", ""))
        return f"{_number(value, grouping=False)}{zh}" if lang == "zh" else f"{_number(value)}{en}"
    return f"{_number(value)} {unit}".strip()


def format_mu(km2: float | None) -> str:
    """An area in km² as 亩 (for hover text): 25 km² -> '37500亩'."""
    if km2 is None or pd.isna(km2):
        return ""
    return f"{_number(float(km2) * MU_PER_KM2, 0, grouping=False)}亩"


def format_values(values: pd.Series, units: pd.Series, lang: str | None = None, metrics: pd.Series | None = None) -> pd.Series:
    """format_value over display rows (pages cap those, so this stays cheap)."""
    lang = lang or get_language()
    metric_values = metrics if metrics is not None else pd.Series([None] * len(values), index=values.index)
    formatted = [
        format_value(None if pd.isna(value) else value, unit, lang, metric)
        for value, unit, metric in zip(values.tolist(), units.tolist(), metric_values.tolist(), strict=True)
    ]
    return pd.Series(formatted, index=values.index, dtype="string")


def period_labels(frame: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """'2025年', '2025年1-11月', '未注明年份（累计）' from year, months, cumulative; vectorised."""
    lang = lang or get_language()
    year = frame["year"].astype("Int64").astype("string")
    months = frame["months"].astype("string") if "months" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")
    first = months.str.slice(0, 2).str.lstrip("0")
    last = months.str.slice(3, 5).str.lstrip("0")
    if lang == "en":
        names = dict(enumerate(MONTHS_EN, start=1))
        first_name = pd.to_numeric(first, errors="coerce").map(names).astype("string")
        last_name = pd.to_numeric(last, errors="coerce").map(names).astype("string")
        span = (first_name + "–" + last_name + " ").fillna("")
        dated = span + year
    else:
        span = (first + "-" + last + "月").fillna("")
        dated = year + "年" + span
    labels = dated.fillna(t("period.undated", lang))
    if "cumulative" in frame:
        cumulative = frame["cumulative"].fillna(False).astype(bool)
        suffix = f"，{t('period.cumulative', lang)}" if lang == "zh" else f", {t('period.cumulative', lang)}"
        labels = labels.where(~cumulative, labels + suffix)
    return labels.astype("string")

"""Labels of the targets, progress, sources and quality pages, added to the one catalogue (i18n.CATALOGUE).

Kept in a module of their own so the catalogue's owner and this issue never edit the same lines;
importing this module registers them. A key the catalogue already holds keeps its existing text.
No streamlit.
"""

from __future__ import annotations

from loaders.schema import INFRASTRUCTURE_CATEGORIES, INFRASTRUCTURE_STATUSES, PROJECT_STATUSES

from . import i18n

LABELS: dict[str, tuple[str, str]] = {
    # tables a row can come from
    "table.facts": ("数字", "Figure"),
    "table.projects": ("项目", "Project"),
    "table.infrastructure": ("基础设施", "Infrastructure"),
    "table.quality": ("质量提示", "Quality flag"),
    # columns
    "col.target": ("目标", "Target"),
    "col.actual": ("实际", "Actual"),
    "col.share": ("完成比例", "Achieved"),
    "col.gap": ("差距", "Gap"),
    "col.match": ("配对方式", "Paired by"),
    "col.flag": ("提示", "Flag"),
    "col.stated_completion": ("文中所述完成率", "Completion as stated"),
    "col.target_quote": ("目标原句", "Target sentence"),
    "col.actual_quote": ("实际原句", "Actual sentence"),
    "col.target_source": ("目标来源", "Target source"),
    "col.actual_source": ("实际来源", "Actual source"),
    "col.name": ("名称", "Name"),
    "col.category": ("类别", "Category"),
    "col.quantity": ("数量", "Quantity"),
    "col.investment": ("投资", "Investment"),
    "col.capacity": ("规模", "Capacity"),
    "col.count": ("数量", "Count"),
    "col.stated": ("计划总投资", "Stated investment"),
    "col.completed": ("已完成投资", "Completed investment"),
    "col.severity": ("级别", "Severity"),
    "col.check": ("检查", "Check"),
    "col.message": ("说明", "Message"),
    "col.sentence": ("原句", "Sentence"),
    "col.group": ("项目组", "Project group"),
    # targets page
    "targets.caption": (
        "每个目标与同一区域、同一指标（项目数还要求同一状态）的实际值配对：优先相同范围，其次同一年份，否则取最近一期。",
        "Each target is paired with an actual of the same zone and metric (project counts: same status): same scope first, then the same year, else the latest period.",
    ),
    "targets.top_n": (
        "图中只画前 {n} 个目标（共 {total} 个）；在侧栏选择区域可看其他区域。",
        "The chart draws the first {n} of {total} targets; pick zones in the sidebar to see others.",
    ),
    "zones.top_n": (
        "图中只画前 {n} 个区域（共 {total} 个）；在侧栏选择区域可看其他区域。",
        "The chart draws the first {n} of {total} zones; pick zones in the sidebar to see others.",
    ),
    "rows.capped": (
        "表格只显示前 {shown} 行（共 {n} 行）；在侧栏选择区域可缩小范围。",
        "The table shows the first {shown} of {n} rows; pick zones in the sidebar to narrow it.",
    ),
    "targets.none": ("所选区域没有任何目标数字。", "The selected zones state no targets."),
    "targets.chart": ("目标完成情况（实际 ÷ 目标）", "Targets: actual as a share of target"),
    "targets.axis": ("完成比例（%）", "Achieved (%)"),
    "targets.table": ("目标与实际配对", "Targets and their actuals"),
    "targets.pairing": ("配对依据", "How this pair was made"),
    "targets.pick": ("查看配对依据", "Show how a pair was made"),
    "targets.scope_differs": ("范围不同：实际值为「{scope}」", "Different scope: the actual is “{scope}”"),
    "targets.stated": (
        "文中所述：完成年任务的 {value}%",
        "As stated in the text: {value}% of the annual task",
    ),
    "targets.hover.target": ("目标", "Target"),
    "targets.hover.actual": ("实际", "Actual"),
    "match.same_year": ("同一年份", "same year"),
    "match.latest": ("最近一期", "latest period"),
    "match.none": ("无", "none"),
    "flag.no_actual": ("尚无实际值", "no actual yet"),
    "flag.beyond_target": ("实际已达到或超过目标", "actual already at or beyond target"),
    # progress page
    "progress.infrastructure": ("基础设施：类别与进度", "Infrastructure by category and status"),
    "progress.infrastructure.none": (
        "所选区域没有基础设施条目。",
        "The selected zones list no infrastructure items.",
    ),
    "progress.projects": ("具名项目：进度", "Named projects by status"),
    "progress.projects.none": ("所选区域没有具名项目。", "The selected zones name no projects."),
    "progress.stated_counts": ("报告中的项目数（按状态）", "Project counts stated in the reports, by status"),
    "progress.stated_counts.caption": (
        "图中每个区域每种状态取全区口径、最近一期的项目数；带范围的项目数（如亿元以上项目）列在表中。",
        "The chart takes each zone's zone-wide count of the latest period per status; scoped counts (e.g. 亿元以上项目) are in the table.",
    ),
    "progress.stated_counts.none": (
        "所选区域没有按状态报告项目数。",
        "The selected zones state no project counts by status.",
    ),
    "progress.investment": (
        "项目投资：计划总投资与已完成投资",
        "Project investment: stated versus completed",
    ),
    "progress.investment.none": (
        "所选区域没有报告项目总投资或已完成投资。",
        "The selected zones state no project investment, planned or completed.",
    ),
    "progress.select_hint": (
        "点选或框选图中的柱段，下表只列出这些条目。",
        "Click or box-select bar segments to list only those items below.",
    ),
    "progress.items_axis": ("条目数", "Items"),
    "progress.projects_axis": ("项目数", "Projects"),
    "progress.chart.infrastructure": (
        "基础设施条目：按类别和进度",
        "Infrastructure items by category and status",
    ),
    "progress.chart.projects": ("具名项目：按进度", "Named projects by status"),
    "progress.chart.stated": ("报告中的项目数：按进度", "Stated project counts by status"),
    "progress.chart.investment": ("项目投资：计划与完成", "Project investment: stated and completed"),
    "progress.group.all": ("（未注明）", "(not stated)"),
    "status.unknown": ("未注明", "not stated"),
    # sources page
    "sources.report": ("报告", "Report"),
    "sources.legend": ("颜色：", "Colours:"),
    "sources.hover_hint": (
        "把鼠标停在高亮的数字上可查看指标、数值、单位、类型和期间。",
        "Hover a highlighted number for its metric, value, unit, kind and period.",
    ),
    "sources.facts": ("本报告的数字", "Figures in this report"),
    "sources.items": ("本报告的项目与基础设施", "Projects and infrastructure in this report"),
    "sources.no_documents": (
        "没有报告全文（documents 表为空）。",
        "No report texts (the documents table is empty).",
    ),
    "sources.not_found": (
        "链接指向的{table}「{row_id}」不存在（数据表可能已重新生成）。",
        "The linked {table} “{row_id}” does not exist (the tables may have been rebuilt).",
    ),
    "sources.focus": (
        "已定位：{table}「{raw}」（高亮的句子）",
        "Showing {table} “{raw}” (the highlighted sentence)",
    ),
    "sources.selected": ("所选数字的来源", "Sources of the selected points"),
    "sources.open": ("查看原文", "open source"),
    "sources.pick_point": (
        "在图中点选一个点，即可在此列出它的来源。",
        "Click a point in the chart to list its sources here.",
    ),
    # quality page
    "quality.flags": ("质量提示（按级别）", "Quality flags by severity"),
    "quality.none": ("所选区域没有质量提示。", "No quality flags for the selected zones."),
    "quality.counts": (
        "{error} 个错误、{warning} 个警告、{info} 个提示",
        "{error} errors, {warning} warnings, {info} notes",
    ),
    "quality.coverage": ("覆盖情况：区域 × 指标", "Coverage: zone × metric"),
    "quality.coverage.caption": (
        "每格：有实际值（显示全区口径最新值）/ 仅有目标 / 有质量提示 / 未报告。比较之前先看缺口。",
        "Each cell: reported (zone-wide latest value shown) / target only / flagged / not reported. See the gaps before comparing.",
    ),
    "quality.summary": ("各指标覆盖的区域数", "Zones covered per metric"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "note"),
    "state.reported": ("有实际值", "reported"),
    "state.target_only": ("仅有目标", "target only"),
    "state.flagged": ("有质量提示", "flagged"),
    "state.not_reported": ("未报告", "not reported"),
}

_STATUS_ZH = {
    "planned": "计划/谋划",
    "negotiating": "在谈",
    "signed": "签约",
    "landed": "落地",
    "started": "开工",
    "under_construction": "在建",
    "commissioning": "调试",
    "in_production": "投产",
    "relocating": "搬迁",
    "design": "设计",
    "site_selection": "选址",
    "completed": "建成",
    "in_operation": "投入运行",
}
_CATEGORY_ZH = {
    "road": "道路",
    "power_line": "供电线路",
    "substation": "变电站",
    "water": "供排水",
    "gas": "供气",
    "heat": "供热",
    "pipeline": "管网",
    "telecom": "通信",
    "factory": "标准化厂房",
    "office": "办公",
    "housing": "住房",
    "park": "园区/公园",
    "logistics": "物流",
    "other": "其他",
}
for _status in dict.fromkeys((*PROJECT_STATUSES, *INFRASTRUCTURE_STATUSES)):
    LABELS[f"status.{_status}"] = (_STATUS_ZH[_status], _status.replace("_", " "))
for _category in INFRASTRUCTURE_CATEGORIES:
    LABELS[f"category.{_category}"] = (_CATEGORY_ZH[_category], _category.replace("_", " "))

for _key, _value in LABELS.items():
    i18n.CATALOGUE.setdefault(_key, _value)


def label(prefix: str, value: object, lang: str | None = None) -> str:
    """t(f'{prefix}.{value}') for a vocabulary value; the value itself when the catalogue lacks it."""
    key = f"{prefix}.{value}"
    return i18n.t(key, lang) if key in i18n.CATALOGUE else str(value)

"""Figure builders: titles, units, source line, hover with raw text and period, escaping, 未报告."""

from __future__ import annotations

import dashboard_fixtures as fx
import plotly.graph_objects as go
import pytest

from pages._shared import figures, queries
from pages._shared.model import Selection


@pytest.fixture(scope="module")
def tables():
    return fx.tables()


def test_template_puts_a_cjk_font_first():
    family = figures.TEMPLATE.layout.font.family
    assert family.split(",")[0].strip('" ') == "Noto Sans CJK SC"


def test_latest_by_zone_bars_in_yi_yuan_with_title_units_source_and_hover(tables):
    rows, _, _ = queries.topic_by_zone(tables, Selection(), "revenue")
    figure = figures.latest_by_zone(rows, "revenue", "zh", queries.report_count(rows["doc_id"]))
    assert isinstance(figure, go.Figure)
    assert figure.layout.title.text == "主营业务收入：各区域最新值"
    assert figure.layout.yaxis.title.text == "主营业务收入（亿元）"
    assert figures.source_text(figure) == "来源：2 份报告"
    actual, target = figure.data
    assert actual.name == "实际" and target.name == "目标"
    assert list(actual.x) == [fx.ZHECHENG, fx.HEQI] and list(actual.y) == [146.0, 102.5]
    assert list(target.x) == [fx.HEQI] and list(target.y) == [150.0]
    heqi = actual.customdata[1]
    assert list(heqi) == ["f01", "102.5亿元", "2025年", "—", "102.5亿元"]
    assert list(actual.customdata[0][:3]) == ["f08", "146亿元", "2025年1-11月"]
    assert "%{customdata[1]}" in actual.hovertemplate and "%{customdata[2]}" in actual.hovertemplate
    assert "原文" in actual.hovertemplate and "期间" in actual.hovertemplate


def test_latest_by_zone_in_english_uses_cny_billion(tables):
    rows, _, _ = queries.topic_by_zone(tables, Selection(), "revenue")
    figure = figures.latest_by_zone(rows, "revenue", "en", 2)
    assert figure.layout.title.text == "Main business revenue: latest value by zone"
    assert figure.layout.yaxis.title.text == "Main business revenue (¥ bn)"
    assert list(figure.data[0].y) == [14.6, 10.25]
    assert figures.source_text(figure) == "Source: 2 reports"


def test_intensity_chart_names_the_area_denominator_and_shows_mu(tables):
    rows, _, _ = queries.topic_by_zone(tables, Selection(), "revenue", "area_planned")
    figure = figures.latest_by_zone(rows, "revenue", "zh", 2, "area_planned")
    assert figure.layout.title.text == "主营业务收入（每平方公里规划面积）"
    assert figure.layout.yaxis.title.text == "主营业务收入（亿元/km²）"
    assert list(figure.data[0].y) == pytest.approx([1.46e10 / 14 / 1e8, 1.025e10 / 25 / 1e8])
    assert figure.data[0].customdata[1][5] == "25 km²（37500亩）"


def test_report_text_in_hover_is_escaped_not_rendered():
    rows = fx.tables().facts.head(1).assign(raw="<b>102.5亿元</b>", zone_name="<script>z</script>")
    figure = figures.latest_by_zone(rows.assign(kind="actual"), "revenue", "zh", 1)
    assert figure.data[0].customdata[0][1] == "&lt;b&gt;102.5亿元&lt;/b&gt;"
    assert list(figure.data[0].x) == ["&lt;script&gt;z&lt;/script&gt;"]


def test_by_year_uses_a_category_axis_of_years(tables):
    rows = queries.topic_by_year(tables, Selection(), "revenue")
    figure = figures.by_year(rows, "revenue", "zh", 2)
    assert figure.layout.title.text == "主营业务收入：历年变化"
    assert figure.layout.xaxis.type == "category"
    assert list(figure.layout.xaxis.categoryarray) == ["2024", "2025"]
    zhecheng = next(trace for trace in figure.data if trace.name == fx.ZHECHENG)
    assert list(zhecheng.x) == ["2024", "2025"] and list(zhecheng.y) == [120.0, 146.0]


def test_growth_chart_shows_percent_and_basis(tables):
    rows = queries.topic_growth(tables, Selection(), "revenue")
    figure = figures.growth(rows, "revenue", "zh", 1)
    assert figure.layout.xaxis.title.text == "增速（%）"
    assert list(figure.data[0].x) == [12.5] and list(figure.data[0].text) == ["+12.5%（2025年，同比）"]
    assert list(figure.data[0].y) == [f"{fx.HEQI} · 2025年 · 同比"]
    assert figure.data[0].customdata[0][5] == "同比"


def test_small_multiples_say_not_reported_instead_of_zero(tables):
    zone_ids = (fx.Z_HEQI, fx.Z_ZHECHENG)
    values = queries.compare_values(tables, Selection(), zone_ids)
    figure = figures.compare_small_multiples(values, [fx.HEQI, fx.ZHECHENG], "zh", 2)
    titles = [annotation.text for annotation in figure.layout.annotations if annotation.name != "source"]
    assert titles[:3] == ["规划面积", "建成区面积", "完成投资"]
    revenue = [trace for trace in figure.data if trace.meta == "revenue"]
    assert [(trace.type, trace.x[0], trace.y[0]) for trace in revenue] == [("bar", fx.HEQI, 102.5), ("bar", fx.ZHECHENG, 146.0)]
    built = [trace for trace in figure.data if trace.meta == "area_built"]
    assert [(trace.type, trace.x[0]) for trace in built] == [("bar", fx.ZHECHENG)]  # no bar, let alone a zero
    missing = [(note.x, note.text) for note in figure.layout.annotations if note.name == "not_reported:area_built"]
    assert missing == [(fx.HEQI, "未报告")]
    assert [trace.name for trace in figure.data if trace.showlegend] == [fx.HEQI, fx.ZHECHENG]
    assert figures.source_text(figure) == "来源：2 份报告"


def test_areas_chart_hover_gives_mu(tables):
    rows = queries.overview_areas(tables, Selection())
    figure = figures.areas(rows, "zh", 2)
    planned = figure.data[0]
    assert planned.name == "规划面积" and figure.layout.yaxis.title.text == "km²"
    assert dict(zip(planned.x, (custom[5] for custom in planned.customdata), strict=True)) == {
        fx.HEQI: "37500亩", fx.ZHECHENG: "21000亩"}


def test_facts_by_metric_counts(tables):
    figure = figures.facts_by_metric(queries.count_by_metric(queries.filtered_facts(tables, Selection())), "zh", 2)
    actual = figure.data[0]
    assert actual.name == "实际" and dict(zip(actual.y, actual.x, strict=True))["主营业务收入"] == 3
    assert actual.orientation == "h"  # metric names level down the side, readable on a phone


def test_fact_ids_come_back_from_a_chart_selection():
    points = [{"customdata": ["f01", "102.5亿元"]}, {"customdata": ["f08"]}, {"customdata": ["f01"]}, {"x": 1}]
    assert figures.fact_ids_from_selection(points) == ["f01", "f08"]


def test_compare_small_multiples_put_one_chart_per_row_on_a_phone(tables):
    from pages._shared import views

    zone_ids = (fx.Z_HEQI, fx.Z_ZHECHENG)
    _, wide = views.compare_view(tables, Selection(zone_ids), zone_ids, "actual", "en")
    _, narrow = views.compare_view(tables, Selection(zone_ids), zone_ids, "actual", "en", 1)
    charts = len([name for name in narrow.layout if name.startswith("xaxis")])
    assert charts >= 3
    assert {narrow.layout[f"xaxis{n if n > 1 else ''}"].domain for n in range(1, charts + 1)} == {(0.0, 1.0)}
    assert len({wide.layout[f"xaxis{n if n > 1 else ''}"].domain for n in range(1, charts + 1)}) == 3
    assert narrow.layout.legend.y == 0 and narrow.layout.legend.yanchor == "bottom"  # not over the title

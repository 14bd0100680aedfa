"""Every page renders on the bundled sample's tables and shows its real figures (AppTest, no browser)."""

from __future__ import annotations

import pytest
from app_reading import PAGES, bars, charts, texts, title

HEQI = "鹤淇产业集聚区"
ZHECHENG = "柘城县产业集聚区"


@pytest.mark.parametrize("page_id", list(PAGES))
def test_every_page_renders_without_exception(sample_env, run_page, page_id):
    app = run_page(page_id)
    assert not app.exception, app.exception
    assert app.title, "each page has a title"
    assert not app.error


def test_overview_says_what_is_loaded_and_lists_every_zone(sample_env, run_page):
    app = run_page("overview")
    assert app.title[0].value == "总览"
    assert any(text.startswith("已载入 5 份报告、6 个区域") for text in texts(app))
    table = app.dataframe[0].value.set_index("区域")
    assert len(table) == 6
    assert table.loc[HEQI, "主营业务收入"] == "102.5亿元（2025年）"
    assert table.loc[ZHECHENG, "主营业务收入"] == "146亿元（2025年1-11月）"
    assert table.loc["新蔡县产业集聚区", "主营业务收入"] == "未报告"


def test_overview_kpi_cards_for_one_selected_zone(sample_env, run_page):
    app = run_page("overview", zone=HEQI)
    cards = {metric.label: metric.value for metric in app.metric}
    assert cards["主营业务收入"] == "102.5亿元"
    assert app.multiselect(key="w_zones").value == [HEQI]


def test_revenue_page_charts_actual_and_target(sample_env, run_page):
    app = run_page("revenue")
    assert app.title[0].value == "收入与税收"
    by_zone = charts(app)[0]
    assert title(by_zone) == "主营业务收入：各区域最新值"
    assert by_zone.layout.yaxis.title.text == "主营业务收入（亿元）"
    assert bars(by_zone, "实际")[HEQI] == pytest.approx(102.5)
    assert bars(by_zone, "实际")[ZHECHENG] == pytest.approx(146)
    assert bars(by_zone, "目标")[HEQI] == pytest.approx(150)
    table = app.dataframe[0].value
    heqi = table[(table["区域"] == HEQI) & (table["类型"] == "实际")]
    assert heqi[["数值（显示）", "期间", "原文数字"]].values.tolist()[0] == ["102.5亿元", "2025年", "102.5亿元"]


def test_revenue_page_intensity_names_its_denominator(sample_env, run_page):
    app = run_page("revenue", per="area_planned")
    figure = charts(app)[0]
    assert title(figure) == "主营业务收入（每平方公里规划面积）"
    assert any("规划面积" in text and "km²" in text for text in texts(app))


def test_investment_page_shows_the_2025_investment(sample_env, run_page):
    app = run_page("investment", zone=HEQI)
    assert app.selectbox(key="w_investment_metric").value == "investment"
    assert bars(charts(app)[0], "实际")[HEQI] == pytest.approx(29.95)


def test_enterprises_page_shows_enterprise_counts(sample_env, run_page):
    app = run_page("enterprises", zone=HEQI)
    assert app.title[0].value == "企业与就业"
    assert bars(charts(app)[0], "实际")[HEQI] == 104


def test_compare_two_zones_shows_both_columns(sample_env, run_page):
    app = run_page("compare", zone=[HEQI, ZHECHENG])
    table = app.dataframe[0].value.set_index("指标")
    assert HEQI in table.columns and ZHECHENG in table.columns
    assert table.loc["主营业务收入", HEQI] == "102.5亿元（2025年）"
    assert table.loc["主营业务收入", ZHECHENG] == "146亿元（2025年1-11月）"
    assert "未报告" in set(table[HEQI])
    assert title(charts(app)[0]) == "各指标对比"


def test_data_page_filters_and_offers_three_downloads(sample_env, run_page):
    app = run_page("data", zone=HEQI, metric="revenue")
    table = app.dataframe[0].value
    assert set(table["区域"]) == {HEQI}
    actual = table[table["类型"] == "实际"]
    assert actual[["数值", "单位", "期间", "原文数字"]].values.tolist()[0] == [1.025e10, "元", "2025年", "102.5亿元"]
    target = table[table["类型"] == "目标"]
    assert target["数值"].tolist()[0] == 1.5e10
    assert any(text == f"共 {len(table)} 个数字符合筛选。" for text in texts(app))


def test_english_switch_from_the_url(sample_env, run_page):
    app = run_page("overview", lang="en", zone=HEQI)
    assert app.title[0].value == "Overview"
    table = app.dataframe[0].value.set_index("Zone")
    assert table.loc[HEQI, "Main business revenue"] == "¥10.25 bn (2025)"
    assert app.radio(key="w_lang").value == "en"


def test_language_switch_rewrites_labels_and_url(sample_env, run_page):
    app = run_page("overview")
    app.radio(key="w_lang").set_value("en").run()
    assert app.title[0].value == "Overview"
    assert app.query_params["lang"] in ("en", ["en"])


def test_filters_are_written_to_the_url(sample_env, run_page):
    app = run_page("overview")
    app.multiselect(key="w_zones").set_value([ZHECHENG, HEQI]).run()
    assert app.query_params["zone"] == [ZHECHENG, HEQI]
    assert len(app.dataframe[0].value) == 2

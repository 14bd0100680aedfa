"""Readable screens: plurals, scopes in English, the Data page's search in the URL, the Sources page
following the zone filter, and no one-year "change over years" chart."""

from __future__ import annotations

import dashboard_fixtures as fx
from app_reading import charts, texts, title

from pages._shared import i18n

HEQI = "鹤淇产业集聚区"


def test_english_counts_take_the_singular_for_one_and_the_plural_otherwise():
    assert i18n.t("chart.source", "en", n=1) == "Source: 1 report"
    assert i18n.t("chart.source", "en", n=2) == "Source: 2 reports"
    assert i18n.t("data.count", "en", n=1) == "1 figure matches the filters."
    assert i18n.t("data.count", "en", n=0) == "0 figures match the filters."
    assert i18n.t("chart.source", "zh", n=1) == "来源：1 份报告"
    assert i18n.format_value(1, "count", "en", "enterprises") == "1 enterprise"
    assert i18n.format_value(104, "count", "en", "enterprises") == "104 enterprises"


def test_scopes_are_translated_in_english_and_shown_as_written_when_uncatalogued():
    assert i18n.scope_label("规上", "en") == "above-scale"
    assert i18n.scope_label("新入驻项目", "en") == "newly settled projects"
    assert i18n.scope_label("签约项目", "en") == "signed projects"
    assert i18n.scope_label("工业项目", "en") == "industrial projects"
    assert i18n.scope_label("规上", "zh") == "规上"
    assert i18n.scope_label("纺织服装龙头企业", "en") == "纺织服装龙头企业"
    assert i18n.scope_label(None, "en") == ""


def test_english_money_is_short_enough_for_a_card():
    assert i18n.format_value(1.025e10, "CNY", "en") == "¥10.25 bn"
    assert i18n.format_value(-8.8326e7, "CNY", "en") == "-¥88.326 m"
    assert i18n.format_value(5000, "CNY", "en") == "¥5,000"


def test_the_data_page_search_is_read_from_and_written_to_the_url(sample_env, run_page):
    app = run_page("data", q="入驻企业")
    search = app.text_input(key="w_data_q")
    assert search.value == "入驻企业"
    found = [text for text in texts(app) if text.startswith("共 ")]
    assert found and found[0] != "共 89 个数字符合筛选。"
    assert all("入驻企业" in quote for quote in app.dataframe[0].value["原句"])
    search.input("  规上  ").run()
    assert app.query_params["q"] == "规上"
    search.input("").run()
    assert "q" not in app.query_params


def test_the_sources_page_lists_only_reports_about_the_selected_zones(sample_env, run_page):
    everything = run_page("sources").selectbox(key="w_sources_doc").options
    app = run_page("sources", zone=HEQI)
    options = app.selectbox(key="w_sources_doc").options
    assert len(everything) == 5
    assert len(options) == 1 and options[0].startswith("鹤淇产业集聚区2025年发展报告")


def test_a_metric_of_one_year_gets_a_note_instead_of_a_by_year_chart(sample_env, run_page):
    app = run_page("revenue", zone=HEQI, metric="revenue")
    assert not any(title(figure).endswith("历年变化") for figure in charts(app))
    assert any("只有一个年份" in text for text in texts(app))



def test_a_metric_of_several_years_keeps_its_by_year_chart(tables_env, run_page):
    tables_env(fx.frames())  # 柘城: revenue of 2024 and 2025
    app = run_page("revenue", metric="revenue")
    assert any(title(figure) == "主营业务收入：历年变化" for figure in charts(app))
    assert not any("只有一个年份" in text for text in texts(app))


def test_english_kpi_cards_show_counts_as_bare_numbers_under_their_label(sample_env, run_page):
    cards = {metric.label: metric.value for metric in run_page("overview", lang="en").metric}
    assert cards["Main business revenue"] == "¥10.25 bn"
    assert cards["Enterprises"] == "104"
    assert cards["Employment"] == "32,000"
    assert {metric.label: metric.value for metric in run_page("overview").metric}["入驻企业"] == "104家"


def test_names_in_an_english_sentence_are_joined_by_commas():
    assert i18n.join(["甲区", "乙区"], "en") == "甲区, 乙区"
    assert i18n.join(["甲区", "乙区"], "zh") == "甲区、乙区"


def test_the_data_page_offers_scopes_in_english(sample_env, run_page):
    options = run_page("data", lang="en").multiselect(key="w_data_scope").options
    assert "above-scale" in options and "signed projects" in options and "规上" not in options

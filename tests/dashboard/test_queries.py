"""Query, display and formatting functions of the dashboard, on hand-made tables with known values."""

from __future__ import annotations

import ast
from pathlib import Path

import dashboard_fixtures as fx
import numpy as np
import pandas as pd
import pytest

from loaders.contract import schema
from pages._shared import display, i18n, latest, model, nav, provenance, queries
from pages._shared.model import Selection

SHARED = Path(__file__).resolve().parents[2] / "pages" / "_shared"
PURE_MODULES = ("model", "latest", "memo", "queries", "figures", "i18n", "display", "export", "nav", "views")
PURE_MODULES += ("targets", "progress", "coverage", "provenance", "highlight", "store", "facts_sql", "report_choices")


@pytest.fixture(scope="module")
def tables():
    return fx.tables()


@pytest.mark.parametrize("module", PURE_MODULES)
def test_query_and_figure_modules_never_import_streamlit(module):
    tree = ast.parse((SHARED / f"{module}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
            if node.module == "pages._shared":
                for alias in node.names:
                    assert alias.name in PURE_MODULES, f"{module} imports pages._shared.{alias.name}"
    assert "streamlit" not in imported


def test_filtered_facts_keeps_undated_facts_when_years_are_chosen(tables):
    facts = queries.filtered_facts(tables, Selection(years=(2024,)))
    assert sorted(facts["fact_id"]) == ["f04", "f05", "f07", "f10", "f11", "f12", "f13", "f14"]


def test_filtered_facts_narrows_zones_and_kinds(tables):
    facts = queries.filtered_facts(tables, Selection(zone_ids=(fx.Z_HEQI,), kinds=("target", "growth")))
    assert sorted(facts["fact_id"]) == ["f02", "f03"]


def test_period_rank_puts_a_full_year_after_its_months_and_undated_last(tables):
    frame = pd.DataFrame({"year": pd.array([2025, 2025, None, 2024], dtype="Int64"),
                          "months": pd.array([None, "01-11", None, None], dtype="string")})
    assert latest.period_rank(frame).tolist() == [202512.0, 202511.0, -1.0, 202412.0]


def test_latest_prefers_the_dated_figure_over_an_undated_cumulative_one(tables):
    latest = queries.latest_facts(tables, Selection(), ("investment", "revenue"))
    by_zone = latest.set_index(["zone_id", "metric"])["fact_id"].to_dict()
    assert by_zone == {
        (fx.Z_HEQI, "investment"): "f06",  # 29.95亿元 in 2025, not the undated 132.7亿元 cumulative
        (fx.Z_HEQI, "revenue"): "f01",
        (fx.Z_ZHECHENG, "revenue"): "f08",  # 2025 01-11 beats 2024
    }


def test_latest_prefers_zone_wide_over_scoped_and_falls_back_to_scoped(tables):
    latest = queries.latest_facts(tables, Selection(), ("tax", "enterprises"))
    assert latest.set_index(["zone_id", "metric"])["fact_id"].to_dict() == {
        (fx.Z_HEQI, "enterprises"): "f07",
        (fx.Z_ZHECHENG, "tax"): "f09",  # zone-wide 2.8亿元 (01-11), not 三税 5000万元 for the full year
        (fx.Z_ZHECHENG, "enterprises"): "f12",  # only the 工业 count exists
    }


def test_zone_overview_table_has_one_row_per_zone_with_period_and_unit(tables):
    table = display.zone_overview_table(tables, Selection(), "zh")
    assert table.columns.tolist() == ["区域", "规划面积", "建成区面积", "主营业务收入", "税收", "完成投资", "入驻企业", "就业人数"]
    rows = table.set_index("区域").to_dict("index")
    assert rows[fx.HEQI]["主营业务收入"] == "102.5亿元（2025年）"
    assert rows[fx.HEQI]["规划面积"] == "25 km²（未注明年份）"
    assert rows[fx.HEQI]["完成投资"] == "29.95亿元（2025年）"
    assert rows[fx.ZHECHENG]["主营业务收入"] == "146亿元（2025年1-11月）"
    assert rows[fx.ZHECHENG]["入驻企业"] == "118家（工业，未注明年份，累计）"
    assert rows[fx.ZHECHENG]["就业人数"] == "3.2万人（未注明年份，累计）"
    assert set(rows[fx.XINCAI].values()) == {"未报告"}


def test_zone_overview_table_in_english(tables):
    rows = display.zone_overview_table(tables, Selection(zone_ids=(fx.Z_ZHECHENG,)), "en").set_index("Zone")
    assert rows.loc[fx.ZHECHENG, "Main business revenue"] == "¥14.6 bn (Jan–Nov 2025)"
    assert rows.loc[fx.ZHECHENG, "Tax revenue"] == "¥280 m (Jan–Nov 2025)"
    assert rows.loc[fx.ZHECHENG, "Investment (all)"] == "not reported"


def test_kpi_totals_add_only_latest_values_of_one_period_and_scope(tables):
    totals = queries.kpi_totals(tables, Selection()).set_index("metric")
    # 2025 full year (鹤淇) and 2025 Jan–Nov (柘城) are not added: the zone-wide latest full year is shown.
    assert totals.loc["revenue", ["total", "zones", "left_out", "zone_name"]].tolist() == [1.025e10, 1, 1, fx.HEQI]
    assert totals.loc["revenue", "fact_ids"] == ("f01",)
    assert totals.loc["tax", "total"] == pytest.approx(2.8e8)
    # 104 enterprises zone-wide and 118 industrial ones (a scope) are not added either.
    assert totals.loc["enterprises", ["total", "left_out"]].tolist() == [104, 1]
    assert totals.loc["employment", "zones"] == 1


def test_kpi_totals_add_the_zones_that_share_a_period(tables):
    two_zones = Selection(zone_ids=(fx.Z_HEQI, fx.Z_ZHECHENG), years=(2024, 2025))
    facts = tables.facts.assign(months=tables.facts["months"].astype("string").where(tables.facts["fact_id"] != "f08"))
    same_period = model.tables_from_frames({"documents": tables.documents, "zones": tables.zones, "facts": facts})
    totals = queries.kpi_totals(same_period, two_zones).set_index("metric")
    assert totals.loc["revenue", ["total", "zones", "left_out"]].tolist() == [1.025e10 + 1.46e10, 2, 0]
    assert pd.isna(totals.loc["revenue", "zone_name"]) and int(totals.loc["revenue", "year"]) == 2025


def test_kpi_totals_never_add_a_group_of_zones_beside_its_members(tables):
    group = "全市产业集聚区"
    raw = fx.frames()
    raw["zones"] = pd.concat([raw["zones"], pd.DataFrame([dict(zone_id=schema.zone_id_for(group), name=group,
                                                               aliases=[], anonymized=False, leading_industries=[])])])
    raw["facts"] = raw["facts"].assign(months=raw["facts"]["months"].where(raw["facts"]["fact_id"] != "f08"))
    sums = dict(fx._fact("f16", "d2", schema.zone_id_for(group), "revenue", "actual", 2.485e10, "CNY", 2025,
                         raw="248.5亿元"), start=500, end=506)
    raw["facts"] = pd.concat([raw["facts"], pd.DataFrame([sums])], ignore_index=True)
    with_group = model.tables_from_frames(raw)
    totals = queries.kpi_totals(with_group, Selection(years=(2024, 2025))).set_index("metric")
    # 鹤淇 and 柘城 are added; the row of the city's zones together (their sum) is left out, not added twice.
    assert totals.loc["revenue", ["total", "zones", "left_out"]].tolist() == [1.025e10 + 1.46e10, 2, 1]
    assert "f16" not in totals.loc["revenue", "fact_ids"]
    alone = queries.kpi_totals(with_group, Selection(zone_ids=(schema.zone_id_for(group),), years=(2025,)))
    assert alone.set_index("metric").loc["revenue", ["total", "zones"]].tolist() == [2.485e10, 1]


def test_kpi_totals_of_a_zone_without_facts_are_missing_not_zero(tables):
    totals = queries.kpi_totals(tables, Selection(zone_ids=(fx.Z_XINCAI,)))
    assert totals["total"].isna().all()
    assert totals["zones"].tolist() == [0, 0, 0, 0, 0]


def test_zones_without_facts_names_them(tables):
    assert queries.zones_without_facts(tables, Selection()) == [fx.XINCAI]


def test_topic_by_zone_absolute_orders_zones_by_value(tables):
    rows, total, left_out = queries.topic_by_zone(tables, Selection(), "revenue")
    assert rows[["zone_name", "kind", "value"]].values.tolist() == [
        [fx.ZHECHENG, "actual", 1.46e10],
        [fx.HEQI, "actual", 1.025e10],
        [fx.HEQI, "target", 1.5e10],
    ]
    assert total == 2 and left_out == []


def test_topic_by_zone_intensity_divides_by_the_chosen_area_and_names_zones_without_it(tables):
    rows, _, left_out = queries.topic_by_zone(tables, Selection(), "revenue", "area_planned")
    assert dict(zip(rows["fact_id"], rows["intensity"], strict=True)) == pytest.approx(
        {"f08": 1.46e10 / 14, "f01": 1.025e10 / 25, "f02": 1.5e10 / 25}
    )
    rows, _, left_out = queries.topic_by_zone(tables, Selection(), "revenue", "area_built")
    assert rows["fact_id"].tolist() == ["f08"] and rows["intensity"].tolist() == [pytest.approx(1.46e10 / 5.7)]
    assert left_out == [fx.HEQI]


def test_topic_by_zone_keeps_the_top_n_zones_without_a_selection(tables):
    rows, total, _ = queries.topic_by_zone(tables, Selection(), "revenue", None, 1)
    assert total == 2 and rows["zone_name"].unique().tolist() == [fx.ZHECHENG]


def test_topic_by_year_gives_one_zone_wide_actual_per_year(tables):
    rows = queries.topic_by_year(tables, Selection(), "revenue")
    assert rows[["zone_name", "year", "value"]].values.tolist() == [
        [fx.ZHECHENG, 2024, 1.2e10], [fx.ZHECHENG, 2025, 1.46e10], [fx.HEQI, 2025, 1.025e10],
    ]


def test_topic_growth_lists_stated_rates(tables):
    rows = queries.topic_growth(tables, Selection(), "revenue")
    assert rows[["fact_id", "value", "basis"]].values.tolist() == [["f03", 12.5, "yoy"]]


def test_metric_counts_reveal_a_metric_nobody_reported(tables):
    counts = queries.metric_counts(tables, Selection(), queries.TOPICS["revenue"])
    assert counts == {"revenue": 5, "output_value": 0, "tax": 2, "profit_tax": 0}


def test_compare_values_keep_missing_as_nan_never_zero(tables):
    values = queries.compare_values(tables, Selection(), (fx.Z_HEQI, fx.Z_XINCAI))
    revenue = values[values["metric"] == "revenue"].set_index("zone_id")["value"]
    assert revenue[fx.Z_HEQI] == 1.025e10 and np.isnan(revenue[fx.Z_XINCAI])
    assert len(values) == 2 * len(i18n.metric_ids())


def test_compare_table_subtracts_only_figures_of_one_period_and_scope(tables):
    zone_ids = (fx.Z_HEQI, fx.Z_ZHECHENG)
    table = display.compare_table(queries.compare_values(tables, Selection(), zone_ids), zone_ids, tables, "zh")
    rows = table.set_index("指标")
    difference = f"差额（{fx.ZHECHENG} − {fx.HEQI}）"
    assert rows.loc["主营业务收入", fx.HEQI] == "102.5亿元（2025年）"
    assert rows.loc["主营业务收入", fx.ZHECHENG] == "146亿元（2025年1-11月）"
    assert rows.loc["主营业务收入", difference] == "—（期间不同）"  # Jan–Nov minus a full year is no difference
    assert rows.loc["规划面积", difference] == "-11 km²"
    assert rows.loc["入驻企业", difference] == "—（范围不同）"
    assert rows.loc["税收", fx.HEQI] == "未报告" and rows.loc["税收", difference] == "—"


def test_compare_zone_ids_defaults_to_the_two_zones_with_most_facts(tables):
    assert queries.compare_zone_ids(tables, Selection()) == ((fx.Z_ZHECHENG, fx.Z_HEQI), "default")
    many = (fx.Z_HEQI, fx.Z_ZHECHENG, fx.Z_XINCAI)
    assert queries.compare_zone_ids(tables, Selection(zone_ids=many), 2) == (many[:2], "too_many")


def test_data_rows_narrow_by_metric_scope_report_fact_and_search(tables):
    def ids(**narrow):
        return sorted(queries.data_rows(tables, Selection(), **narrow)["fact_id"])

    assert ids(metrics=("tax",)) == ["f09", "f15"]
    assert ids(metrics=("tax",), scopes=(queries.NO_SCOPE,)) == ["f09"]
    assert ids(scopes=("三税", "工业")) == ["f12", "f15"]
    assert ids(doc_ids=("d1",)) == ["f01", "f02", "f03", "f04", "f05", "f06", "f07"]
    assert ids(fact_ids=("f01", "f08")) == ["f01", "f08"]
    assert ids(search="元至11月份") == ["f08"]


def test_scope_options(tables):
    assert queries.scope_options(tables, Selection()) == [queries.NO_SCOPE, "工业", "三税"] or \
        queries.scope_options(tables, Selection()) == [queries.NO_SCOPE, "三税", "工业"]


def test_count_by_metric_follows_metrics_csv_order(tables):
    counts = queries.count_by_metric(queries.filtered_facts(tables, Selection()))
    assert counts.values.tolist()[:3] == [["area_planned", "actual", 2], ["area_built", "actual", 1],
                                          ["investment", "actual", 2]]


def test_facts_table_links_each_fact_to_the_sources_page(tables):
    rows = queries.data_rows(tables, Selection(), fact_ids=("f01",))
    table = display.facts_table(rows, tables, "zh")
    row = table.iloc[0]
    assert row["来源"] == "sources?fact=f01"
    assert row["原句"] == fx.SCRIPT_QUOTE  # kept as data: st.dataframe shows it literally
    assert row["数值（显示）"] == "102.5亿元" and row["期间"] == "2025年" and row["报告"] == "鹤淇产业集聚区2025年发展报告"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "metric", "expected"),
    [
        (1.025e10, "CNY", "zh", "revenue", "102.5亿元"),
        (2.8e7, "CNY", "zh", "financing", "2800万元"),
        (7.676e6, "CNY", "zh", "tax", "767.6万元"),
        (5000.0, "CNY", "zh", "tax", "5000元"),
        (1.025e10, "CNY", "en", "revenue", "¥10.25 bn"),
        (2.8e7, "CNY", "en", "financing", "¥28 m"),
        (25.0, "km2", "zh", "area_planned", "25 km²"),
        (104.0, "count", "zh", "enterprises", "104家"),
        (31.0, "count", "zh", "projects", "31个"),
        (32000.0, "person", "zh", "employment", "3.2万人"),
        (32000.0, "person", "en", "employment", "32,000 persons"),
        (-8.9, "%", "zh", "revenue", "-8.9%"),
        (342.6, "%", "en", "revenue", "+342.6%"),
        (float("nan"), "CNY", "zh", "revenue", "未报告"),
        (None, "CNY", "en", "revenue", "not reported"),
    ],
)
def test_format_value_writes_numbers_the_way_officials_do(value, unit, lang, metric, expected):
    assert i18n.format_value(value, unit, lang, metric) == expected


def test_areas_show_in_mu_on_hover():
    assert i18n.format_mu(25) == "37500亩"
    assert i18n.format_mu(0.200001) == "300亩"


def test_amount_scale_picks_one_axis_unit():
    assert i18n.amount_scale(1.46e10, "zh") == (1e8, "亿元")
    assert i18n.amount_scale(5e7, "zh") == (1e4, "万元")
    assert i18n.amount_scale(1.46e10, "en") == (1e9, "¥ bn")
    assert i18n.amount_scale(5e7, "en") == (1e6, "¥ m")


def test_period_labels_in_both_languages():
    frame = pd.DataFrame({"year": pd.array([2025, 2025, None], dtype="Int64"),
                          "months": pd.array([None, "01-06", None], dtype="string"),
                          "cumulative": pd.array([False, False, True], dtype="boolean")})
    assert i18n.period_labels(frame, "zh").tolist() == ["2025年", "2025年1-6月", "未注明年份，累计"]
    assert i18n.period_labels(frame, "en").tolist() == ["2025", "Jan–Jun 2025", "year not stated, cumulative"]


def test_metric_labels_come_from_metrics_csv():
    assert i18n.metric_label("revenue", "zh") == "主营业务收入"
    assert i18n.metric_label("revenue", "en") == "Main business revenue"


def test_plain_escapes_report_text_for_markdown():
    assert i18n.plain("<script>x</script> **bold**") == "&lt;script&gt;x&lt;/script&gt; \\*\\*bold\\*\\*"
    assert i18n.plain("******循环经济产业集聚区").startswith("\\*\\*")


def test_every_label_has_both_languages():
    for key, (zh, en) in i18n.CATALOGUE.items():
        assert zh and en, key


def test_source_link_points_at_the_sources_page():
    assert provenance.source_link("facts", "f_0123abcd") == "sources?fact=f_0123abcd"
    assert provenance.source_link("facts", "f_1", "en") == "sources?fact=f_1&lang=en"
    assert nav.PAGES_BY_ID["sources"].url_path == "sources"
    assert [page.url_path for page in nav.PAGES][:5] == ["", "investment", "revenue_tax", "enterprises", "compare"]

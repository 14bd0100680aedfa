"""Numbers the pages show never mislead: rates are not summed, totals add only comparable figures,
every page shows one latest value per zone and metric, targets meet only comparable actuals, and
figures the quality checks call implausible stay out of totals, rankings and chart axes.
"""

from __future__ import annotations

import re

import dashboard_fixtures as fixtures
import pandas as pd
import pytest
from app_reading import charts, texts, values

from pages._shared import nav, queries
from pages._shared.data import load_tables
from pages._shared.model import Selection, write_tables

HEQI = "鹤淇产业集聚区"
ZHECHENG = "柘城县产业集聚区"
CIRCULAR = "******循环经济产业集聚区"
ANYANG = "安阳高新技术产业集聚区*分区"


def _figure(app, title: str):
    return next(figure for figure in charts(app) if figure.layout.title.text == title)


def _sample_zones(sample_tables) -> list[str]:
    return pd.read_parquet(sample_tables / "zones.parquet")["name"].astype(str).tolist()


# --- 1. growth rates are never stacked --------------------------------------------------------------


def test_growth_rates_get_one_bar_each_labelled_with_period_and_basis(sample_env, run_page):
    app = run_page("revenue", zone=CIRCULAR)
    figure = _figure(app, "主营业务收入：增速")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    categories = [category for trace in bars for category in values(trace.y)]
    assert len(categories) == len(set(categories)) == 2, "one bar per rate, never two on one place"
    texts_by_value = {
        value: text for trace in bars for value, text in zip(values(trace.x), trace.text, strict=True)
    }
    assert set(texts_by_value) == {8.8, 342.6}
    assert "2025年" in texts_by_value[8.8] and "同比" in texts_by_value[8.8]
    assert "2025年" in texts_by_value[342.6] and "较2025年" in texts_by_value[342.6]
    assert figure.layout.barmode != "stack"


# --- 2. one latest value per zone and metric, on every page ----------------------------------------


def _number(cell) -> str | None:
    """The formatted figure of a cell ('8832.6万元' of '8832.6万元（2025年）'), None when no figure."""
    head = str(cell).split("（")[0]
    return head if re.search(r"\d", head) else None


def test_every_page_shows_the_same_latest_value_of_a_zone(sample_env, sample_tables, run_page):
    zones = _sample_zones(sample_tables)
    overview = run_page("overview").dataframe[0].value.set_index("区域")
    quality = run_page("quality")
    coverage = next(frame for frame in (e.value for e in quality.dataframe) if "项目数" in frame.columns)
    coverage = coverage.set_index("区域")
    compare = {}
    for group in (zones[:3], zones[3:]):
        table = run_page("compare", zone=group).dataframe[0].value.set_index("指标")
        compare.update({zone: table[zone] for zone in group})
    checked = 0
    for zone in zones:
        for metric in coverage.columns:
            shown = {"quality": _number(coverage.at[zone, metric]), "compare": _number(compare[zone][metric])}
            if metric in overview.columns:
                shown["overview"] = _number(overview.at[zone, metric])
            assert len(set(shown.values())) == 1, (zone, metric, shown)
            checked += shown["compare"] is not None
    assert checked >= 25
    assert compare[CIRCULAR]["税收"].startswith("8832.6万元")
    assert _number(coverage.at[CIRCULAR, "项目总投资"]) == "22.92亿元"


# --- 3. totals add only comparable figures ---------------------------------------------------------


def test_kpi_totals_add_only_figures_of_one_period_scope_and_cumulativeness(sample_env):
    tables = load_tables()
    totals = queries.kpi_totals(tables, Selection()).set_index("metric")
    facts = tables.facts.set_index("fact_id")
    for metric, row in totals.iterrows():
        added = facts.loc[list(row["fact_ids"])]
        key = added[["year", "months", "scope", "cumulative"]].astype("string").fillna("—")
        assert len(key.drop_duplicates()) <= 1, (metric, key)
        assert row["total"] == pytest.approx(added["value"].sum()) if len(added) else pd.isna(row["total"])
    assert totals.at["revenue", "total"] == pytest.approx(1.025e10)  # not 262.53亿 (full year + Jan–Nov + 规上)
    assert totals.at["revenue", "left_out"] == 2
    assert totals.at["investment", "total"] == pytest.approx(2.995e9)  # not 29.95亿 + a cumulative 37.39亿


def test_overview_cards_say_which_figures_they_add(sample_env, run_page):
    app = run_page("overview")
    cards = {metric.label: metric for metric in app.metric}
    assert cards["主营业务收入"].value == "102.5亿元"
    assert "262.53" not in cards["主营业务收入"].value
    assert cards["完成投资"].value == "29.95亿元"
    shown = " ".join(texts(app))
    assert "2025年" in shown and "未计入" in shown


def test_bars_mixing_annual_and_cumulative_figures_say_so(sample_env, run_page):
    app = run_page("investment", zone=[HEQI, CIRCULAR])
    figure = _figure(app, "完成投资：各区域最新值")
    actual = next(trace for trace in figure.data if trace.name == "实际")
    labels = dict(zip(values(actual.x), actual.text, strict=True))
    assert "累计" in labels[CIRCULAR]
    assert "累计" not in labels[HEQI] and "2025年" in labels[HEQI]


def test_bars_of_one_year_mixing_annual_and_cumulative_figures_say_so(sample_env):
    from pages._shared import views

    tables = load_tables()
    zone_ids = queries.zone_ids_for_names(tables.zones, [HEQI, CIRCULAR])
    figure = views.topic_year_figure(tables, Selection(zone_ids), "investment", "zh")
    texts_by_zone = {trace.name: list(trace.text) for trace in figure.data}
    assert "累计" in texts_by_zone[CIRCULAR][0] and "累计" not in texts_by_zone[HEQI][0]


# --- 4. a target meets only a comparable actual -----------------------------------------------------


def test_a_target_meets_only_an_actual_of_its_metric_scope_period_and_cumulativeness(sample_env):
    from pages._shared import queries

    pairs = queries.target_pairs(load_tables(), Selection())
    by_raw = pairs.set_index(["zone_name", "metric", "target_raw"])
    zhecheng = by_raw.loc[(ZHECHENG, "revenue", "50亿元")]
    assert pd.isna(zhecheng["actual_fact_id"]) and zhecheng["flag"] == "no_actual"
    assert pd.isna(zhecheng["share"])  # a full-year target is not judged by a Jan–Nov actual
    heqi = by_raw.loc[(HEQI, "revenue", "150亿元")]
    assert heqi["actual_raw"] == "102.5亿元" and heqi["share"] == pytest.approx(102.5 / 150, abs=1e-6)
    paired = pairs[pairs["actual_fact_id"].notna()]
    for side in ("year", "months", "scope"):
        target = paired[f"target_{side}"].astype("string").fillna("—")
        actual = paired[f"actual_{side}"].astype("string").fillna("—")
        assert (target == actual).all(), side


# --- 5. compare with one zone ----------------------------------------------------------------------


def test_compare_with_one_zone_asks_for_a_second_and_offers_the_others(sample_env, run_page):
    app = run_page("compare", zone=HEQI)
    assert not app.exception
    shown = " ".join(texts(app))
    assert "未选择区域" not in shown
    assert "至少需要两个区域" in shown
    links = [element.proto for element in app.get("page_link")]
    offered = [link.label for link in links if link.page.endswith("compare")]
    assert ZHECHENG in offered and HEQI not in offered


# --- 6. every page with each zone alone ------------------------------------------------------------


@pytest.mark.parametrize("page_id", [page.page_id for page in nav.PAGES])
def test_every_page_renders_with_each_sample_zone_chosen_alone(sample_env, sample_tables, run_page, page_id):
    for zone in _sample_zones(sample_tables):
        app = run_page(page_id, zone=zone)
        assert not app.exception, (zone, app.exception)
        assert not app.error, zone


# --- 7. report text is shown literally in markdown ---------------------------------------------------


@pytest.mark.parametrize("name", ["**x**纸业", "www.example.com纸业", "$x^2$纸业", ":red[x]纸业"])
def test_the_sources_banner_shows_a_project_name_literally(tables_env, run_page, name):
    raw = fixtures.frames()
    text = raw["documents"].at[0, "text"]
    raw["documents"].at[0, "text"] = text + name + "项目开工。"
    start = len(text)
    raw["projects"] = pd.DataFrame(
        [
            dict(project_id="p1", doc_id="d1", zone_id=fixtures.Z_HEQI, name=name, status="started",
                 investment=None, capacity=None, quote=name + "项目开工。", start=start, end=start + len(name),
                 raw=name)
        ]
    )
    tables_env(raw)
    app = run_page("sources", project="p1")
    assert not app.exception
    (banner,) = app.success
    body = banner.value
    live = re.sub(r"\\.", "·", body)  # what markdown still reads as markup: the unescaped characters
    for markup in ("**", "www.example", "$x", ":red["):
        assert markup not in live, body
    assert name in re.sub(r"\\(.)", r"\1", body)


# --- 8. implausible figures stay out of totals, rankings and axes ----------------------------------


def _with_implausible_revenue(raw: dict) -> dict:
    facts = raw["facts"]
    wrong = facts[facts["fact_id"] == "f08"].assign(fact_id="f99", value=1.46e16, raw="146万亿元", year=2025,
                                                   months=None)
    raw["facts"] = pd.concat([facts, wrong], ignore_index=True)
    raw["facts"]["start"] = range(0, 10 * len(raw["facts"]), 10)
    raw["facts"]["end"] = raw["facts"]["start"] + raw["facts"]["raw"].str.len()
    raw["quality"] = pd.DataFrame(
        [
            dict(quality_id="q1", doc_id="d2", zone_id=fixtures.Z_ZHECHENG, start=0, end=5,
                 check="implausible_value", severity="error", message="146万亿元 数值不合理", raw="146万亿元",
                 fact_ids=["f99"])
        ]
    )
    return raw


def test_an_implausible_figure_is_left_out_of_totals_rankings_and_axes(tmp_path, monkeypatch, run_page):
    folder = write_tables(_with_implausible_revenue(fixtures.frames()), tmp_path / "tables")
    monkeypatch.setenv("ZONES_TABLES_DIR", str(folder))
    tables = load_tables(folder)
    totals = queries.kpi_totals(tables, Selection()).set_index("metric")
    assert "f99" not in set(totals.at["revenue", "fact_ids"])
    rows, _, _ = queries.topic_by_zone(tables, Selection(), "revenue")
    assert "f99" not in set(rows["fact_id"]) and rows["value"].max() == pytest.approx(1.5e10)

    revenue = run_page("revenue")
    by_zone = _figure(revenue, "主营业务收入：各区域最新值")
    assert max(max(values(trace.y)) for trace in by_zone.data if trace.type == "bar") == pytest.approx(150)
    assert any("1 个数字被质量检查判为不合理" in text for text in texts(revenue))
    overview = run_page("overview")
    assert {metric.label: metric.value for metric in overview.metric}["主营业务收入"] != "146万亿元"
    assert any("1 个数字被质量检查判为不合理" in text for text in texts(overview))
    quality = run_page("quality")
    assert any("146万亿元" in set(frame.get("原文数字", [])) for frame in (e.value for e in quality.dataframe))

"""Empty and partial data say so plainly, never a traceback; report text never becomes HTML/markdown."""

from __future__ import annotations

import dashboard_fixtures as fx
import pytest
from app_reading import PAGES, texts


@pytest.fixture
def handmade(tmp_path, monkeypatch):
    """ZONES_TABLES_DIR -> the hand-made tables (3 zones, 新蔡 without facts, hostile quotes)."""
    folder = fx.write(tmp_path / "tables")
    monkeypatch.setenv("ZONES_TABLES_DIR", str(folder))
    return folder


@pytest.mark.parametrize("page_id", list(PAGES))
def test_no_tables_names_the_command_that_builds_them(tmp_path, monkeypatch, run_page, page_id):
    monkeypatch.setenv("ZONES_TABLES_DIR", str(tmp_path / "nothing"))
    app = run_page(page_id)
    assert not app.exception
    shown = texts(app)
    assert "尚无数据表" in shown
    assert "python -m loaders build" in shown
    assert app.button(key="build_tables").label == "现在从 data/reports 生成数据表"


def test_the_build_button_builds_the_tables(tmp_path, monkeypatch, run_page):
    folder = tmp_path / "built"
    monkeypatch.setenv("ZONES_TABLES_DIR", str(folder))
    app = run_page("overview")
    app.button(key="build_tables").click().run()
    assert not app.exception
    assert (folder / "facts.parquet").exists() and (folder / "manifest.json").exists()
    assert "尚无数据表" not in texts(app)


@pytest.mark.parametrize("page_id", list(PAGES))
def test_tables_without_any_figure_say_so(tmp_path, monkeypatch, run_page, page_id):
    folder = fx.write(tmp_path / "empty", keep=lambda frames: {**frames, "facts": frames["facts"].iloc[0:0]})
    monkeypatch.setenv("ZONES_TABLES_DIR", str(folder))
    app = run_page(page_id)
    assert not app.exception
    assert any("没有任何数字" in text for text in texts(app))


@pytest.mark.parametrize("page_id", list(PAGES))
def test_a_zone_without_facts_says_so_on_every_page(handmade, run_page, page_id):
    app = run_page(page_id, zone=fx.XINCAI)
    assert not app.exception
    shown = " ".join(texts(app))
    assert "没有任何数字" in shown or f"没有报告任何数字：{fx.XINCAI}" in shown or "只有一个区域" in shown \
        or "默认比较" in shown


def test_overview_shows_not_reported_for_the_zone_without_facts(handmade, run_page):
    app = run_page("overview", zone=[fx.HEQI, fx.XINCAI])
    table = app.dataframe[0].value.set_index("区域")
    assert set(table.loc[fx.XINCAI].tolist()) == {"未报告"}
    assert f"以下区域没有报告任何数字：{fx.XINCAI}" in texts(app)
    assert app.metric[0].value == "102.5亿元"


@pytest.mark.parametrize("page_id", list(PAGES))
def test_one_zone_only(tmp_path, monkeypatch, run_page, page_id):
    def only_heqi(frames):
        zones = frames["zones"][frames["zones"]["zone_id"] == fx.Z_HEQI]
        facts = frames["facts"][frames["facts"]["zone_id"] == fx.Z_HEQI]
        return {**frames, "zones": zones, "facts": facts}

    monkeypatch.setenv("ZONES_TABLES_DIR", str(fx.write(tmp_path / "one", keep=only_heqi)))
    app = run_page(page_id)
    assert not app.exception
    if page_id == "compare":
        assert "只有一个区域有数据，无法比较。" in texts(app)


def test_a_metric_nobody_reported_says_so(handmade, run_page):
    app = run_page("revenue", metric="output_value")
    assert not app.exception
    assert app.selectbox(key="w_revenue_metric").value == "output_value"
    assert "没有任何区域报告「工业总产值」（在当前筛选下）。" in texts(app)
    assert not app.get("plotly_chart")


def test_compare_marks_missing_figures_as_not_reported(handmade, run_page):
    app = run_page("compare", zone=[fx.HEQI, fx.XINCAI])
    table = app.dataframe[0].value.set_index("指标")
    assert table.loc["主营业务收入", fx.HEQI] == "102.5亿元（2025年）"
    assert table.loc["主营业务收入", fx.XINCAI] == "未报告"
    assert 0 not in table[fx.XINCAI].tolist()


def test_compare_with_more_than_five_zones_takes_the_first_five(tmp_path, monkeypatch, run_page):
    def six_zones(frames):
        import pandas as pd

        extra = pd.DataFrame([dict(zone_id=f"z_extra{i}", name=f"测试{i}区", aliases=[], anonymized=False,
                                   leading_industries=[]) for i in range(3)])
        return {**frames, "zones": pd.concat([frames["zones"], extra], ignore_index=True)}

    monkeypatch.setenv("ZONES_TABLES_DIR", str(fx.write(tmp_path / "six", keep=six_zones)))
    names = [fx.HEQI, fx.ZHECHENG, fx.XINCAI, "测试0区", "测试1区", "测试2区"]
    app = run_page("compare", zone=names)
    assert not app.exception
    assert any(text.startswith("最多比较 5 个区域") for text in texts(app))
    assert "测试2区" not in app.dataframe[0].value.columns


def test_report_text_is_shown_literally_never_as_html_or_markdown(tmp_path, monkeypatch, run_page):
    def hostile(frames):
        zones = frames["zones"].copy()
        zones.loc[zones["zone_id"] == fx.Z_XINCAI, "name"] = "**粗体**<b>区</b>"
        return {**frames, "zones": zones}

    monkeypatch.setenv("ZONES_TABLES_DIR", str(fx.write(tmp_path / "hostile", keep=hostile)))
    app = run_page("overview")
    # the zone without facts is named in a message: escaped, so markdown shows the stars and tags as text
    assert "以下区域没有报告任何数字：\\*\\*粗体\\*\\*&lt;b&gt;区&lt;/b&gt;" in texts(app)
    app = run_page("data", zone=fx.HEQI, metric="revenue")
    quotes = app.dataframe[0].value["原句"].tolist()
    assert fx.SCRIPT_QUOTE in quotes  # data cells of st.dataframe: shown as text
    assert not any("<script" in text for text in texts(app))


def test_data_page_narrowed_to_chart_selection_by_fact_ids(handmade, run_page):
    app = run_page("data", fact=["f01", "f08"])
    table = app.dataframe[0].value
    assert sorted(table["数值（显示）"]) == ["102.5亿元", "146亿元"]
    assert "只显示图表中选中的 2 个数字。" in texts(app)


def test_data_page_export_names_say_what_is_inside(handmade, run_page):
    app = run_page("data", zone=fx.HEQI, metric="revenue", year="2025")
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) == 3
    assert "共 3 个数字符合筛选。" in texts(app)

"""Targets, progress, sources and quality pages on the sample built by the real loaders (AppTest, no browser).

The real values asserted are the sample's own (see data/reports); the gold tables give the complete set.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

HEQI = "鹤淇产业集聚区"
ANYANG = "安阳高新技术产业集聚区*分区"
CIRCULAR = "******循环经济产业集聚区"
PAGES4 = ("targets", "progress", "sources", "quality")


def texts(app) -> list[str]:
    found = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "success", "text"):
        found += [str(element.value) for element in getattr(app, kind)]
    return found


def charts(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("plotly_chart")]


def frame_with(app, column: str) -> pd.DataFrame:
    """The first dataframe of the run that has `column`."""
    frames = [element.value for element in app.dataframe]
    found = [frame for frame in frames if column in frame.columns]
    assert found, f"no table with column {column!r}; tables: {[list(frame.columns) for frame in frames]}"
    return found[0]


def report_html(app) -> str:
    return next(element.proto.body for element in app.html if 'class="zd-report"' in element.proto.body)


def fact_id(tables: Path, zone: str, raw: str) -> str:
    zones = pd.read_parquet(tables / "zones.parquet")
    facts = pd.read_parquet(tables / "facts.parquet")
    zone_id = zones.loc[zones["name"] == zone, "zone_id"].iloc[0]
    return facts.loc[(facts["zone_id"] == zone_id) & (facts["raw"] == raw), "fact_id"].iloc[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page_id", PAGES4)
def test_every_page_renders_on_the_sample_in_both_languages(sample_env, run_page, page_id, lang):
    app = run_page(page_id, **({"lang": "en"} if lang == "en" else {}))
    assert not app.exception, app.exception
    assert app.title and not app.error
    assert (
        app.title[0].value
        == {
            "targets": ("目标与完成", "Targets vs actuals"),
            "progress": ("项目与基础设施进度", "Projects & infrastructure"),
            "sources": ("来源", "Sources"),
            "quality": ("质量与覆盖", "Quality & coverage"),
        }[page_id][lang == "en"]
    )


def test_targets_pair_heqi_revenue_with_its_150_yi_target(sample_env, run_page):
    app = run_page("targets")
    table = frame_with(app, "完成比例")
    revenue = table[(table["区域"] == HEQI) & (table["指标"] == "主营业务收入")]
    assert len(revenue) == 1
    row = revenue.iloc[0]
    assert row["目标"] == "150亿元"
    assert row["实际"].startswith("102.5亿元")
    assert row["完成比例"] == "68.3%"
    assert row["差距"] == "47.5亿元"
    assert "102.5亿元" in row["实际原句"] and "150亿元" in row["目标原句"]
    assert row["目标来源"].startswith("sources?fact=") and row["实际来源"].startswith("sources?fact=")
    (bullets,) = charts(app)
    labels = [label for trace in bullets["data"] if trace.get("text") for label in trace["text"]]
    assert "68.3%" in labels


def test_targets_give_zhecheng_full_year_revenue_target_no_comparable_actual(sample_env, run_page):
    table = frame_with(run_page("targets"), "完成比例")
    revenue = table[(table["区域"] == "柘城县产业集聚区") & (table["指标"] == "主营业务收入")].iloc[0]
    # The only actual is for January–November: a full-year target is not judged by it (never 292%).
    assert (revenue["目标"], revenue["完成比例"], revenue["提示"]) == ("50亿元", "", "尚无可比的实际值")


def test_targets_show_how_the_chosen_pair_was_made(sample_env, run_page):
    app = run_page("targets")
    choice = app.selectbox(key="targets_pair")
    heqi_revenue = next(index for index in choice.options if index.startswith(f"{HEQI} · 主营业务收入"))
    app = choice.select(heqi_revenue).run()
    shown = texts(app)
    assert any("同一期间" in text for text in shown)
    assert any("150亿元" in text for text in shown) and any("102.5亿元" in text for text in shown)


def test_progress_shows_heqi_220kv_substation_under_construction(sample_env, run_page):
    app = run_page("progress")
    items = frame_with(app, "类别")
    substations = items[(items["区域"] == HEQI) & (items["类别"] == "变电站")]
    under_construction = substations[substations["状态"] == "在建"]
    assert len(under_construction) == 1
    item = under_construction.iloc[0]
    assert "22万伏" in item["名称"] or item["数量"] == "220 kV"
    assert item["来源"].startswith("sources?item=")


def test_progress_shows_anyang_stated_project_counts_in_pipeline_order(sample_env, run_page):
    app = run_page("progress")
    counts = frame_with(app, "原文数字")
    anyang = counts[counts["区域"] == ANYANG]
    stated = {(row["状态"], int(row["数量"])) for _, row in anyang.iterrows()}
    assert {("签约", 15), ("落地", 9), ("开工", 9), ("投产", 1)} <= stated
    figure = next(
        chart for chart in charts(app) if chart["layout"]["title"]["text"] == "报告中的项目数：按进度"
    )
    (bars,) = [trace for trace in figure["data"] if trace["name"] == ANYANG]
    by_status = dict(zip(bars["x"], bars["text"], strict=True))
    assert {status: by_status[status] for status in ("签约", "落地", "开工", "投产")} == {
        "签约": "15",
        "落地": "9",
        "开工": "9",
        "投产": "1",
    }
    order = figure["layout"]["xaxis"]["categoryarray"]
    assert [status for status in order if status in ("签约", "落地", "开工", "投产")] == [
        "签约",
        "落地",
        "开工",
        "投产",
    ]


def test_quality_lists_the_circular_zone_flag_that_19_65_exceeds_17_44(sample_env, run_page):
    app = run_page("quality")
    flags = frame_with(app, "级别")
    circular = flags[flags["区域"] == CIRCULAR]
    joined = (circular["说明"] + " " + circular["原文数字"] + " " + circular["原句"]).tolist()
    assert any("19.65亿元" in text and "17.44亿元" in text for text in joined), joined
    coverage = frame_with(app, "项目完成投资").set_index("区域")
    assert "有质量提示" in coverage.loc[CIRCULAR, "项目完成投资"]


def test_quality_coverage_marks_not_reported_and_target_only_cells(sample_env, run_page):
    coverage = frame_with(run_page("quality"), "主营业务收入").set_index("区域")
    assert coverage.loc[HEQI, "主营业务收入"].startswith("102.5亿元")
    assert coverage.loc["新蔡县产业集聚区", "主营业务收入"] == "未报告"
    assert coverage.loc[HEQI, "建成区面积"] == "仅有目标"


def test_sources_deep_link_opens_the_report_at_the_fact_highlighted(sample_env, run_page):
    heqi_revenue = fact_id(sample_env, HEQI, "102.5亿元")
    app = run_page("sources", fact=heqi_revenue)
    assert not app.exception
    assert any("102.5亿元" in re.sub(r"\\(.)", r"\1", text) for text in texts(app))  # markdown-escaped
    html = report_html(app)
    assert 'id="zd-focus"' in html
    assert 'zd-target" style="background-color:#c7e9c0" title="主营业务收入 · 实际 · 102.5亿元' in html
    assert ">102.5亿元</mark>" in html
    assert any("scrollTop" in element.proto.body for element in app.html)
    facts = frame_with(app, "原文数字")
    assert "102.5亿元" in facts["原文数字"].tolist()


def test_sources_item_and_project_links_open_their_sentence(gold_env, run_page):
    items = pd.read_parquet(gold_env / "infrastructure.parquet")
    substation = items.loc[items["name"] == "22万伏数字变电站", "item_id"].iloc[0]
    app = run_page("sources", item=substation)
    assert any("22万伏" in text for text in app.success.values)
    assert "22万伏</mark>" in report_html(app)
    projects = pd.read_parquet(gold_env / "projects.parquet")
    plant = projects.loc[projects["name"] == "瑞洲纸业5万吨高档卫生纸", "project_id"].iloc[0]
    html = report_html(run_page("sources", project=plant))
    assert 'data-ids="' + plant in html and "zd-target" in html


def test_sources_unknown_id_says_so_and_still_shows_a_report(sample_env, run_page):
    app = run_page("sources", fact="fUNKNOWN")
    assert not app.exception
    assert any("fUNKNOWN" in text and "不存在" in text for text in app.info.values)
    assert 'id="zd-focus"' not in report_html(app)


def test_sources_show_report_text_with_script_as_text_and_edges_highlighted(tables_env, run_page):
    text = "12亿元<script>alert('x')</script>收入 **bold** 达到30亿元"
    frames = {
        "documents": pd.DataFrame(
            [
                {
                    "doc_id": "d1",
                    "source_file": "x.txt",
                    "part": 1,
                    "title": "<b>标题</b>",
                    "doc_type": "other",
                    "text": text,
                }
            ]
        ),
        "zones": pd.DataFrame([{"zone_id": "z1", "name": "甲区", "anonymized": False}]),
        "facts": pd.DataFrame(
            [
                {
                    "fact_id": "f_start",
                    "doc_id": "d1",
                    "zone_id": "z1",
                    "metric": "revenue",
                    "kind": "actual",
                    "value": 12e8,
                    "unit": "CNY",
                    "cumulative": False,
                    "raw": "12亿元",
                    "quote": text,
                    "start": 0,
                    "end": 4,
                },
                {
                    "fact_id": "f_end",
                    "doc_id": "d1",
                    "zone_id": "z1",
                    "metric": "revenue",
                    "kind": "target",
                    "value": 30e8,
                    "unit": "CNY",
                    "cumulative": False,
                    "raw": "30亿元",
                    "quote": text,
                    "start": len(text) - 4,
                    "end": len(text),
                },
            ]
        ),
    }
    tables_env(frames)
    app = run_page("sources", fact="f_end")
    assert not app.exception
    html = report_html(app)
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert re.match(r'<div class="zd-report"><mark [^>]*data-ids="f_start">12亿元</mark>', html)
    assert re.search(r'<mark [^>]*zd-target[^>]*data-ids="f_end">30亿元</mark></div>$', html)
    assert "**bold**" in html
    assert app.selectbox(key="w_sources_doc").options == ["<b>标题</b>（x.txt #1）"]


def test_pages_say_plainly_when_there_is_nothing_to_show(tables_env, run_page):
    tables_env(
        {
            "zones": pd.DataFrame([{"zone_id": "z1", "name": "甲区", "anonymized": False}]),
            "facts": pd.DataFrame(
                [
                    {
                        "fact_id": "f1",
                        "doc_id": "d1",
                        "zone_id": "z1",
                        "metric": "tax",
                        "kind": "actual",
                        "value": 1e8,
                        "unit": "CNY",
                        "cumulative": False,
                        "raw": "1亿元",
                        "quote": "税收1亿元",
                        "start": 2,
                        "end": 5,
                    }
                ]
            ),
        }
    )
    assert "所选区域没有任何目标数字。" in run_page("targets").info.values
    progress = run_page("progress")
    assert {"所选区域没有基础设施条目。", "所选区域没有具名项目。"} <= set(progress.info.values)
    assert "没有报告全文（documents 表为空）。" in run_page("sources").info.values
    quality = run_page("quality")
    assert not quality.exception and "所选区域没有质量提示。" in quality.info.values
    assert frame_with(quality, "税收").set_index("区域").loc["甲区", "税收"] == "1亿元"


@pytest.mark.parametrize("page_id", PAGES4)
def test_every_page_renders_on_the_gold_tables(gold_env, run_page, page_id):
    app = run_page(page_id)
    assert not app.exception, app.exception
    assert app.get("plotly_chart") or page_id == "sources"

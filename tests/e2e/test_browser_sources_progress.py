"""Targets, progress, sources and quality pages in headless Chromium, each test on a freshly started server."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from .conftest import click_middle, no_errors, wait_ready

pytestmark = pytest.mark.browser

HEQI = "鹤淇产业集聚区"
ANYANG = "安阳高新技术产业集聚区*分区"
PAGES4 = {
    "targets": "目标与完成",
    "progress": "项目与基础设施进度",
    "sources": "来源",
    "quality": "质量与覆盖",
}


def fact_id(tables, zone: str, raw: str) -> str:
    zones = pd.read_parquet(tables / "zones.parquet")
    facts = pd.read_parquet(tables / "facts.parquet")
    zone_id = zones.loc[zones["name"] == zone, "zone_id"].iloc[0]
    return facts.loc[(facts["zone_id"] == zone_id) & (facts["raw"] == raw), "fact_id"].iloc[0]


def expect_highlighted(page: Page, raw: str) -> None:
    """The report shows `raw` as the outlined target inside the highlighted sentence, scrolled into view."""
    target = page.locator(".zd-report mark.zd-target")
    expect(target).to_have_count(1)
    expect(target).to_have_text(raw)
    expect(page.locator("#zd-focus")).to_have_count(1)
    expect(page.locator(".zd-report")).to_have_attribute("class", "zd-report")
    expect(target).to_be_in_viewport()
    assert page.locator(".zd-report .zd-focus").count() >= 1


def link_cell_x(page: Page, table, row: int) -> tuple[float, float]:
    """Canvas coordinates of the first link in data row `row` of a st.dataframe (where the cursor becomes a pointer)."""
    canvas = table.locator("canvas").first
    box = canvas.bounding_box()
    y = box["y"] + 35 + 17 + 35 * row
    for x in range(int(box["x"]) + 5, int(box["x"] + box["width"]) - 5, 6):
        page.mouse.move(x, y)
        if canvas.evaluate("element => getComputedStyle(element).cursor") == "pointer":
            return x + 3, y
    raise AssertionError("no link cell in that row")


def test_deep_link_to_a_fact_on_a_fresh_server_opens_the_report_at_that_sentence(
    page: Page, app_url, sample_tables
):
    target = fact_id(sample_tables, HEQI, "150亿元")  # far down report 1: the box must scroll to it
    page.goto(f"{app_url}/sources?fact={target}")
    expect(page.get_by_role("heading", name="来源")).to_be_visible()
    wait_ready(page)
    no_errors(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("150亿元")
    expect_highlighted(page, "150亿元")
    expect(page.locator("#zd-focus")).to_contain_text("力争通过努力")
    assert page.locator(".zd-report").evaluate("box => box.scrollTop") > 0
    title = page.locator(".zd-report mark.zd-target").get_attribute("title")
    assert title.startswith("主营业务收入 · 目标 · 150亿元 · 2025年")  # no raw unit code (CNY)


def test_a_source_link_in_a_table_lands_on_the_report_with_the_sentence_highlighted(page: Page, app_url):
    page.goto(f"{app_url}/progress")
    expect(page.get_by_role("heading", name="项目与基础设施进度")).to_be_visible()
    wait_ready(page)
    counts = page.get_by_test_id("stDataFrame").filter(has=page.locator("th", has_text="原文数字")).first
    counts.scroll_into_view_if_needed()
    row = counts.locator("td", has_text=re.compile(r"^15个$"))
    row_index = int(row.first.get_attribute("data-testid").rsplit("-", 1)[1])
    x, y = link_cell_x(page, counts, row_index)
    with page.context.expect_page() as opened:
        page.mouse.click(x, y)
    report = opened.value
    expect(report).to_have_url(re.compile(r"/sources\?fact=f_"))
    expect(report.get_by_role("heading", name="来源")).to_be_visible()
    wait_ready(report)
    no_errors(report)
    expect_highlighted(report, "15个")
    expect(report.locator("#zd-focus")).to_contain_text("签约项目")


def test_selecting_a_bar_offers_its_source_and_the_link_opens_it(page: Page, app_url):
    page.goto(f"{app_url}/progress")
    expect(page.get_by_role("heading", name="报告中的项目数（按状态）")).to_be_visible()
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text="报告中的项目数：按进度")
    chart.scroll_into_view_if_needed()
    bar = chart.locator("g.point path").first
    click_middle(page, bar)
    link = page.get_by_test_id("stPageLink").filter(has_text="查看原文").first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile(r"/sources\?fact=f_"))
    expect(page.get_by_role("heading", name="来源")).to_be_visible()
    wait_ready(page)
    expect(page.locator(".zd-report mark.zd-target")).to_have_count(1)
    expect(page.locator(".zd-report mark.zd-target")).to_be_in_viewport()


@pytest.mark.parametrize("path", list(PAGES4))
def test_each_page_on_a_fresh_server_renders_and_is_saved_as_a_screenshot(
    page: Page, app_url, artifacts, path
):
    page.set_viewport_size({"width": 1400, "height": 3000 if path in ("progress", "targets") else 1800})
    page.goto(f"{app_url}/{path}")
    expect(page.get_by_role("heading", name=PAGES4[path], exact=True)).to_be_visible()
    wait_ready(page)
    no_errors(page)
    if path == "sources":
        expect(page.locator(".zd-report mark").first).to_be_visible()
    else:
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("link", name=PAGES4[path])).to_have_count(1)
    page.wait_for_timeout(500)  # plotly's transitions
    page.screenshot(path=str(artifacts / f"detail-{path}.png"))

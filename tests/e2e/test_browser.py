"""The dashboard in headless Chromium, each test on a freshly started server with the sample's tables."""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from pages._shared import data, queries
from pages._shared.model import Selection

from .conftest import click_middle, no_errors, wait_ready

pytestmark = pytest.mark.browser

HEQI = "鹤淇产业集聚区"
ZHECHENG = "柘城县产业集聚区"
MY_PAGES = {  # url path -> heading
    "": "总览",
    "investment": "投资",
    "revenue_tax": "收入与税收",
    "enterprises": "企业与就业",
    "compare": "区域对比",
    "data": "数据表",
}


@pytest.mark.parametrize("path", list(MY_PAGES), ids=[path or "overview" for path in MY_PAGES])
def test_each_page_shows_its_charts_on_a_fresh_server(page: Page, app_url: str, artifacts, path: str):
    page.goto(f"{app_url}/{path}")
    expect(page.get_by_role("heading", name=MY_PAGES[path], exact=True)).to_be_visible()
    wait_ready(page)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible()
    no_errors(page)
    # Our own sidebar (pages/ mode, showSidebarNavigation off): Chinese labels, not file names.
    sidebar = page.get_by_test_id("stSidebar")
    for label in ("总览", "投资", "收入与税收", "企业与就业", "区域对比", "数据表"):
        expect(sidebar.get_by_role("link", name=label, exact=True)).to_be_visible()
    page.screenshot(path=str(artifacts / f"page-{path or 'overview'}.png"))


def test_a_deep_link_with_zones_and_language_restores_the_view_on_a_fresh_server(page: Page, app_url: str, artifacts):
    page.goto(f"{app_url}/compare?zone={quote(HEQI)}&zone={quote(ZHECHENG)}&lang=en")
    expect(page.get_by_role("heading", name="Compare", exact=True)).to_be_visible()
    wait_ready(page)
    no_errors(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("link", name="Overview", exact=True)).to_be_visible()
    zones = sidebar.get_by_test_id("stMultiSelect").first
    expect(zones).to_contain_text(HEQI)
    expect(zones).to_contain_text(ZHECHENG)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"] .gtitle').first).to_have_text("Metric by metric")
    page.screenshot(path=str(artifacts / "deep-link-compare-en.png"))
    # The choice holds across pages: the sidebar link carries it.
    sidebar.get_by_role("link", name="Revenue & tax", exact=True).click()
    expect(page).to_have_url(re.compile(r"/revenue_tax\?.*lang=en"))
    expect(page.get_by_role("heading", name="Revenue & tax", exact=True)).to_be_visible()
    wait_ready(page)
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first).to_contain_text(ZHECHENG)


def _expected_fact_ids(sample_tables) -> set[str]:
    tables = data.load_tables(sample_tables)
    zone_ids = queries.zone_ids_for_names(tables.zones, [HEQI])
    rows = queries.data_rows(tables, Selection(zone_ids=zone_ids), metrics=("revenue",))
    return set(rows["fact_id"])


def test_csv_and_xlsx_downloads_hold_exactly_the_filtered_rows(page: Page, app_url: str, sample_tables, tmp_path,
                                                                 artifacts):
    expected = _expected_fact_ids(sample_tables)
    assert expected, "the sample should hold revenue figures for 鹤淇"
    page.goto(f"{app_url}/data?zone={quote(HEQI)}&metric=revenue")
    expect(page.get_by_role("heading", name="数据表", exact=True)).to_be_visible()
    wait_ready(page)
    expect(page.get_by_text(f"共 {len(expected)} 个数字符合筛选。")).to_be_visible()
    page.screenshot(path=str(artifacts / "data-filtered.png"))

    with page.expect_download() as csv_download:
        page.get_by_test_id("stDownloadButton").filter(has_text="下载 CSV").get_by_role("button").click()
    assert csv_download.value.suggested_filename == f"数字_{HEQI}_主营业务收入_{len(expected)}行.csv"
    csv_download.value.save_as(tmp_path / "facts.csv")
    raw = (tmp_path / "facts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert set(table["编号"]) == expected and len(table) == len(expected)
    assert set(table["区域"]) == {HEQI} and set(table["指标"]) == {"主营业务收入"}
    assert "102.5亿元" in set(table["原文数字"])

    with page.expect_download() as xlsx_download:
        page.get_by_test_id("stDownloadButton").filter(has_text="下载 Excel").get_by_role("button").click()
    assert xlsx_download.value.suggested_filename.endswith(f"{len(expected)}行.xlsx")
    xlsx_download.value.save_as(tmp_path / "facts.xlsx")
    book = openpyxl.load_workbook(tmp_path / "facts.xlsx")
    assert book.sheetnames == ["数据", "说明"]
    rows = list(book["数据"].values)
    header, body = rows[0], rows[1:]
    assert header[0] == "区域" and "编号" in header
    assert {row[header.index("编号")] for row in body} == expected and len(body) == len(expected)
    assert {row[0] for row in body} == {HEQI}
    about = [cell for row in book["说明"].values for cell in row if cell is not None]
    assert HEQI in about and "来源报告" in about


def test_selecting_a_bar_narrows_the_data_page_to_that_fact(page: Page, app_url: str, artifacts):
    page.goto(f"{app_url}/revenue_tax?zone={quote(HEQI)}")
    expect(page.get_by_role("heading", name="收入与税收", exact=True)).to_be_visible()
    wait_ready(page)
    bar = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point path").first
    click_middle(page, bar)
    link = page.get_by_role("link", name=re.compile("在数据表中查看所选的 1 个数字"))
    expect(link).to_be_visible()
    wait_ready(page)
    link.click()
    expect(page).to_have_url(re.compile(r"/data\?.*fact="))
    expect(page.get_by_text("只显示图表中选中的 1 个数字。")).to_be_visible()
    wait_ready(page)
    expect(page.get_by_text("共 1 个数字符合筛选。")).to_be_visible()
    page.screenshot(path=str(artifacts / "data-from-chart-selection.png"))

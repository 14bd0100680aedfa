"""The comparison brief leaves the Compare page in Chromium: a PDF with the table's values that renders."""

from __future__ import annotations

import subprocess
from urllib.parse import quote

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from .conftest import no_errors, wait_ready

pytestmark = pytest.mark.browser

HEQI = "鹤淇产业集聚区"
ZHECHENG = "柘城县产业集聚区"
ANYANG = "安阳高新技术产业集聚区*分区"


def _download(page: Page, label: str, folder, name: str):
    with page.expect_download(timeout=60_000) as download:
        page.get_by_test_id("stDownloadButton").filter(has_text=label).get_by_role("button").click()
    path = folder / name
    download.value.save_as(path)
    return download.value.suggested_filename, path


def test_compare_downloads_a_brief_pdf_and_a_workbook_of_three_zones(page: Page, app_url: str, tmp_path, artifacts):
    zones = "&".join(f"zone={quote(name)}" for name in (HEQI, ZHECHENG, ANYANG))
    page.goto(f"{app_url}/compare?{zones}")
    expect(page.get_by_role("heading", name="区域对比", exact=True)).to_be_visible()
    wait_ready(page)
    no_errors(page)

    suggested, pdf = _download(page, "下载对比简报（PDF）", tmp_path, "brief.pdf")
    assert suggested.startswith(f"区域对比_{HEQI}_{ZHECHENG}_") and suggested.endswith(".pdf")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for expected in ("区域对比简报", HEQI, ZHECHENG, "102.5亿元", "146亿元", "数字来源"):
        assert expected in text, expected
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(artifacts / "brief-page")],
                   check=True)
    (first_page,) = artifacts.glob("brief-page*.png")
    assert first_page.stat().st_size > 10_000

    suggested, workbook = _download(page, "下载对比表（Excel）", tmp_path, "compare.xlsx")
    assert suggested.endswith(".xlsx")
    book = openpyxl.load_workbook(workbook)
    assert list(book["对比"].values)[0][:4] == ("指标", HEQI, ZHECHENG, ANYANG)


def test_the_brief_downloads_in_english(page: Page, app_url: str, tmp_path):
    zones = "&".join(f"zone={quote(name)}" for name in (HEQI, ZHECHENG))
    page.goto(f"{app_url}/compare?{zones}&lang=en")
    expect(page.get_by_role("heading", name="Compare", exact=True)).to_be_visible()
    wait_ready(page)
    suggested, pdf = _download(page, "Download the brief (PDF)", tmp_path, "brief.pdf")
    assert suggested.startswith("zone-comparison_")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Zonecomparisonbrief" in text and "¥10.25bn" in text

"""Editors add reports through the browser: sign in, upload, preview, publish; viewers never see the page."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from loaders.accounts import Accounts

from .conftest import ROOT, no_errors, serve, wait_ready

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-9"
KAIFENG = "开封新区产业集聚区"
LANKAO = "兰考县产业集聚区"


@pytest.fixture
def site_url(tmp_path, sample_tables):
    reports = tmp_path / "data" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "reports" / "seed_reports.txt", reports)
    shutil.copytree(sample_tables, tmp_path / "data" / "tables")
    accounts = tmp_path / "accounts.json"
    Accounts(accounts).add("wang", PASSWORD, role="editor")
    with serve(tmp_path / "streamlit.log", ZONES_ACCOUNTS_FILE=str(accounts), ZONES_REPORTS_DIR=str(reports),
               ZONES_TABLES_DIR=str(tmp_path / "data" / "tables"), ZONES_STAGING_DIR=str(tmp_path / "staging")) as url:
        yield url


def _files(folder: Path) -> list[Path]:
    from docx import Document

    text = folder / "开封.txt"
    text.write_bytes(f"{KAIFENG}2024年工作总结\n{KAIFENG}2024年完成固定资产投资85.6亿元，入驻企业126家。\n"
                     .encode("gb18030"))
    document = Document()
    document.add_paragraph(f"{LANKAO}2024年情况汇报")
    document.add_paragraph(f"{LANKAO}2024年实现主营业务收入312.4亿元，税收9.8亿元。")
    buffer = io.BytesIO()
    document.save(buffer)
    (folder / "兰考.docx").write_bytes(buffer.getvalue())
    return [text, folder / "兰考.docx"]


def test_a_viewer_never_sees_the_reports_page(page: Page, site_url: str):
    page.goto(site_url)
    wait_ready(page)
    expect(page.get_by_test_id("stSidebar").get_by_role("link", name="报告管理")).to_have_count(0)
    page.goto(f"{site_url}/reports")
    wait_ready(page)
    expect(page.get_by_text("请以编辑身份登录后使用报告管理。")).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)


def test_an_editor_uploads_previews_and_publishes_and_viewers_can_compare(page: Page, site_url: str, tmp_path,
                                                                           artifacts):
    page.goto(f"{site_url}/reports")
    wait_ready(page)
    page.get_by_label("用户名").fill("wang")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("用户名或密码不正确。")).to_be_visible()
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("已登录：wang（编辑）")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("link", name="报告管理")).to_be_visible()

    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(path) for path in _files(tmp_path)])
    wait_ready(page)
    expect(page.locator("mark", has_text="85.6亿元").first).to_be_visible()
    expect(page.get_by_text("2 个文件中 2 个可以发布。")).to_be_visible()
    page.screenshot(path=str(artifacts / "reports-preview.png"), full_page=True)
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已发布：")).to_be_visible(timeout=60_000)
    no_errors(page)

    page.goto(f"{site_url}/compare?zone={quote(KAIFENG)}&zone={quote(LANKAO)}")
    wait_ready(page)
    no_errors(page)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    page.screenshot(path=str(artifacts / "reports-compare.png"), full_page=True)
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first).to_contain_text(KAIFENG)

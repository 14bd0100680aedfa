"""Browser fixtures (Playwright + Debian chromium): a fresh Streamlit server per test on the sample's tables.

The helpers every browser test shares live here too (this folder is a package, so tests import
them with `from .conftest import wait_ready, no_errors, click_middle`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from bench.server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
# One wait for the whole suite: a first (cold) run on a busy 2-core machine takes seconds.
expect.set_options(timeout=30_000)


@pytest.fixture
def app_url(sample_tables, tmp_path_factory):
    """A freshly started server (first-request bugs show up) reading the sample's tables."""
    with serve(tmp_path_factory.mktemp("st") / "streamlit.log", ZONES_TABLES_DIR=str(sample_tables)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} missing: make system"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def wait_ready(page: Page) -> None:
    """Wait until the script run has finished and nothing is still drawing."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def no_errors(page: Page) -> None:
    """No exception and no error box on the page."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


def click_middle(page: Page, element: Locator) -> None:
    """Hover, then click the middle of an element (a plotly bar selects on a real mouse click)."""
    box = element.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)

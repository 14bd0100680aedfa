"""Layout in a real browser: English KPI cards whole at 1440 px; every page fits a phone (390×844)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pages._shared import nav

from .conftest import no_errors, wait_ready

pytestmark = pytest.mark.browser

PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
               "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")
PUBLIC_PAGES = [entry for entry in nav.PAGES if entry.role is None]

# Elements whose right edge lies beyond the viewport and that no scrolling box (a table, a chart,
# a scrollable container) holds: those make a phone page scroll sideways or cut text.
OVERFLOW = """() => {
  const width = window.innerWidth, found = [];
  const held = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX) && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  for (const element of document.querySelectorAll("body *")) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.right <= width + 1) continue;
    if (getComputedStyle(element).visibility === "hidden") continue;
    if (element.closest('[data-testid="stSidebar"], [data-testid="stDataFrame"], [data-testid="stPlotlyChart"]')) continue;
    if (held(element)) continue;
    found.push(`${element.tagName}[${element.getAttribute("data-testid") || element.className}] right=${Math.round(rect.right)} ${(element.innerText || "").slice(0, 40)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, found: found.slice(0, 15)};
}"""

# Chart titles that something covers: the modebar (toolbar) or a legend that wrapped upwards.
COVERED_TITLES = """() => {
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const found = [];
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const title = chart.querySelector(".gtitle");
    if (!title) continue;
    const box = title.getBoundingClientRect();
    for (const other of chart.querySelectorAll(".modebar-container .modebar, g.legend")) {
      if (overlap(box, other.getBoundingClientRect())) found.push(`${title.textContent} / ${other.getAttribute("class")}`);
    }
  }
  return found;
}"""

# Text cut by its box (an ellipsis or clipping): scrollWidth beyond clientWidth.
CUT_METRICS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')]
  .filter((element) => element.scrollWidth > element.clientWidth + 1)
  .map((element) => `${element.innerText} ${element.scrollWidth}>${element.clientWidth}`)"""


def _open(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    wait_ready(page)
    no_errors(page)


def test_english_kpi_values_are_never_cut_at_1440_px(browser, app_url: str, artifacts):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
    try:
        page = context.new_page()
        _open(page, f"{app_url}/?lang=en", "Overview")
        values = page.get_by_test_id("stMetricValue")
        expect(values.first).to_be_visible()
        assert values.count() >= 4
        assert "¥10.25 bn" in values.all_inner_texts()
        page.screenshot(path=artifacts / "kpi-1440-en.png")
        assert page.evaluate(CUT_METRICS) == []
    finally:
        context.close()


def test_every_page_fits_a_phone_screen(browser, app_url: str, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, user_agent=PHONE_AGENT, locale="en-US")
    try:
        page = context.new_page()
        problems = {}
        for entry in PUBLIC_PAGES:
            _open(page, f"{app_url}/{entry.url_path}?lang=en", _english_title(entry.page_id))
            page.wait_for_timeout(300)  # plotly finishes its own layout after the script run
            result = page.evaluate(OVERFLOW)
            page.screenshot(path=artifacts / f"phone-{entry.page_id}.png")
            covered = page.evaluate(COVERED_TITLES)
            if result["scrollWidth"] > result["innerWidth"] or result["found"] or covered:
                problems[entry.page_id] = {**result, "covered_titles": covered}
        assert not problems, problems
    finally:
        context.close()


def test_compare_on_a_phone_draws_one_small_chart_per_row(browser, app_url: str, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  user_agent=PHONE_AGENT, locale="en-US")
    try:
        page = context.new_page()
        _open(page, f"{app_url}/compare?lang=en", "Compare")
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_visible()
        chart.scroll_into_view_if_needed()
        page.screenshot(path=artifacts / "phone-compare-chart.png")
        plots = [plot.bounding_box() for plot in chart.locator("g.draglayer rect.nsewdrag").all()]
        assert len(plots) >= 3
        assert len({round(box["x"]) for box in plots}) == 1, plots  # every subplot starts at one x: one per row
        assert all(box["width"] > 250 for box in plots), plots
    finally:
        context.close()


def _english_title(page_id: str) -> str:
    from pages._shared.i18n import t

    return t(f"nav.{page_id}", "en")

"""Many officials at once: N browser sessions × 3 pages against one server, beside one session alone.

Each session is its own Chromium context (its own Streamlit session) that opens the pages one after
another; a page counts from `goto` until the app says its script run has finished with nothing still
drawing. An error is an exception box, an error alert or a page that never finishes. Debian chromium only.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from .server import CHROMIUM, CHROMIUM_ARGS, serve

PAGES = (
    "",  # overview
    f"compare?zone={quote('鹤淇产业集聚区')}&zone={quote('柘城县产业集聚区')}",
    f"sources?zone={quote('鹤淇产业集聚区')}",
)
PAGE_TIMEOUT_MS = 120_000


def run(tables: Path, sessions: int = 20) -> dict:
    """One session alone, then `sessions` at once, on a fresh server reading `tables`."""
    if not Path(CHROMIUM).exists():
        return {"error": f"{CHROMIUM} missing (make system)"}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder, \
            serve(Path(folder) / "streamlit.log", ZONES_TABLES_DIR=str(tables)) as url:
        asyncio.run(_sessions(url, 1))  # warm the server's caches once, as a running server would be
        single = asyncio.run(_sessions(url, 1))
        many = asyncio.run(_sessions(url, sessions))
    result = {"pages": list(PAGES), "single": _summary(single), "concurrent": _summary(many), "sessions": sessions}
    print(f"    1 session:   median {result['single']['median_s']:.2f} s, p95 {result['single']['p95_s']:.2f} s, "
          f"errors {result['single']['errors']}")
    print(f"    {sessions} sessions: median {result['concurrent']['median_s']:.2f} s, "
          f"p95 {result['concurrent']['p95_s']:.2f} s, errors {result['concurrent']['errors']} "
          f"({result['concurrent']['loads']} page loads)")
    return result


def _summary(loads: list[tuple[float, str | None]]) -> dict:
    times = sorted(seconds for seconds, error in loads if error is None)
    errors = [error for _, error in loads if error is not None]
    return {
        "loads": len(loads),
        "errors": len(errors),
        "error_examples": errors[:3],
        "median_s": statistics.median(times) if times else None,
        "p95_s": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else None,
    }


async def _sessions(url: str, count: int) -> list[tuple[float, str | None]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            results = await asyncio.gather(*(_one_session(browser, url) for _ in range(count)))
        finally:
            await browser.close()
    return [load for session in results for load in session]


async def _one_session(browser, url: str) -> list[tuple[float, str | None]]:
    context = await browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = await context.new_page()
    loads = []
    try:
        for path in PAGES:
            started = time.perf_counter()
            try:
                await page.goto(f"{url}/{path}", timeout=PAGE_TIMEOUT_MS)
                await page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                                             timeout=PAGE_TIMEOUT_MS)
                await page.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                    " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
                    timeout=PAGE_TIMEOUT_MS,
                )
                seconds = time.perf_counter() - started
                failures = await page.locator(
                    '[data-testid="stException"], [data-testid="stAlertContentError"]').count()
                loads.append((seconds, f"/{path}: error on the page" if failures else None))
            except Exception as error:  # a timeout is an error of the load, not of the benchmark
                loads.append((time.perf_counter() - started, f"/{path}: {type(error).__name__}"))
    finally:
        await context.close()
    return loads
